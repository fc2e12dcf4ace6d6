//! Find as the app runs it: the find bar over the article and the search of all articles, and the
//! find actions of the action table.

use super::FactdeskApp;
use crate::ui::command::{Action, AppCommand};
use crate::ui::find_all::FindAll;
use crate::ui::find_bar::FindBar;

impl FactdeskApp {
    /// The find bar over the article.
    pub fn find_bar(&self) -> &FindBar {
        &self.find_bar
    }

    /// The window that searches all articles.
    pub fn find_all(&self) -> &FindAll {
        &self.find_all
    }

    pub(super) fn run_find_action(&mut self, action: Action) {
        match action {
            Action::Find => self.find_bar.open(),
            // With the bar closed, F3 opens it on the last query, as editors do.
            Action::FindNext | Action::FindPrevious if !self.find_bar.is_open() => {
                self.find_bar.open();
            }
            Action::FindNext => self.find_bar.step(true),
            Action::FindPrevious => self.find_bar.step(false),
            Action::FindInAllArticles => self.find_all.open(),
            Action::ClaimFromFindMatch => {
                let command = self
                    .current_article
                    .and_then(|article| self.find_bar.claim_from_current_match(article));
                self.commands.extend(command);
            }
            _ => {}
        }
    }

    /// Draws the window of all articles' matches; a match clicked there is shown in its article.
    pub(super) fn find_all_ui(&mut self, ctx: &egui::Context) {
        if let Some(picked) = self.find_all.ui(ctx, self.workspace.project()) {
            self.commands
                .push(AppCommand::SwitchArticle(picked.article));
            self.find_bar.show_match(
                picked.article,
                &picked.query,
                picked.options,
                picked.range.start,
            );
        }
    }
}
