//! What the actions look like now: which can run, what their entries say for the open project (the
//! scale's ratings, the recent files), and which panels are shown.

use std::path::PathBuf;

use super::Action;
use crate::model::{ArticleId, Project};

/// A panel of the window that can be hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The list of claims.
    ClaimList,
    /// The editor of the selected claim.
    ClaimEditor,
}

impl Panel {
    /// Every panel that can be hidden.
    pub const ALL: [Panel; 2] = [Panel::ClaimList, Panel::ClaimEditor];
}

/// Which panels are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PanelsShown {
    /// The claim list.
    pub claim_list: bool,
    /// The claim editor.
    pub claim_editor: bool,
}

impl Default for PanelsShown {
    fn default() -> Self {
        Self {
            claim_list: true,
            claim_editor: true,
        }
    }
}

impl PanelsShown {
    /// Whether `panel` is shown.
    pub fn shown(self, panel: Panel) -> bool {
        match panel {
            Panel::ClaimList => self.claim_list,
            Panel::ClaimEditor => self.claim_editor,
        }
    }

    /// Shows `panel` if hidden, hides it if shown.
    pub fn toggle(&mut self, panel: Panel) {
        match panel {
            Panel::ClaimList => self.claim_list = !self.claim_list,
            Panel::ClaimEditor => self.claim_editor = !self.claim_editor,
        }
    }
}

/// What actions need to know of the app to say whether they can run now and what their menu entry
/// says: menus grey out what cannot run, a palette can leave it out.
pub struct ActionState<'a> {
    /// The open project.
    pub project: &'a Project,
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Undo description, if undo is possible.
    pub undo: Option<&'static str>,
    /// Redo description, if redo is possible.
    pub redo: Option<&'static str>,
    /// Whether text is selected in the article.
    pub has_text_selection: bool,
    /// Whether a claim is selected.
    pub has_selected_claim: bool,
    /// The article shown.
    pub current_article: Option<ArticleId>,
    /// Whether the shown article was read from a text file, which can be read again with another
    /// encoding (the file is looked for, or asked for, when the command runs).
    pub can_reopen: bool,
    /// Whether the article view has a keyboard cursor on a sentence.
    pub has_cursor: bool,
    /// Whether the find bar is open on a match, which can become a claim.
    pub has_find_match: bool,
    /// Which panels are shown.
    pub panels: PanelsShown,
}

impl ActionState<'_> {
    /// Whether `action` has a menu entry now: recent files and ratings the list or scale lacks have
    /// none.
    pub fn shown(&self, action: Action) -> bool {
        match action {
            Action::OpenRecent(place) => place < self.recent.len(),
            // A scale without ratings (Explanation only) gives verdicts none, not even "No verdict".
            Action::SetVerdict(number) => {
                !self.project.rating_scale.is_empty()
                    && usize::from(number) <= self.project.rating_scale.len()
            }
            _ => true,
        }
    }

    /// Whether `action` can run now.
    pub fn enabled(&self, action: Action) -> bool {
        match action {
            Action::Undo => self.undo.is_some(),
            Action::Redo => self.redo.is_some(),
            Action::CreateClaimFromSelection => self.has_text_selection || self.has_cursor,
            Action::DeleteClaim
            | Action::SetStatus(_)
            | Action::AddSource
            | Action::FocusExplanation => self.has_selected_claim,
            Action::SetVerdict(_) => self.has_selected_claim && self.shown(action),
            Action::RemoveArticle
            | Action::CursorNextSentence
            | Action::CursorPreviousSentence
            | Action::ExtendNextSentence
            | Action::ExtendPreviousSentence
            | Action::ExtendNextWord
            | Action::ExtendPreviousWord
            | Action::Find
            | Action::FindNext
            | Action::FindPrevious => self.current_article.is_some(),
            Action::ClaimFromFindMatch => self.has_find_match,
            Action::ReopenWithEncoding(_) => self.can_reopen,
            Action::OpenRecent(_) => self.shown(action),
            _ => true,
        }
    }

    /// What `action`'s menu entry says now: undo and redo name what they undo, a recent file its
    /// name, a number key its rating.
    pub fn label(&self, action: Action) -> String {
        let described = |description: Option<&str>| {
            description.map_or_else(
                || action.label().to_owned(),
                |d| format!("{} {d}", action.label()),
            )
        };
        match action {
            Action::Undo => described(self.undo),
            Action::Redo => described(self.redo),
            Action::OpenRecent(place) => self.recent.get(place).map_or_else(
                || action.label().to_owned(),
                |path| {
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                },
            ),
            Action::SetVerdict(number) => usize::from(number)
                .checked_sub(1)
                .and_then(|i| self.project.rating_scale.get(i))
                .map_or_else(|| action.label().to_owned(), |r| r.label.clone()),
            Action::TogglePanel(panel) => {
                let verb = if self.panels.shown(panel) {
                    "Hide"
                } else {
                    "Show"
                };
                let what = match panel {
                    Panel::ClaimList => "claim list",
                    Panel::ClaimEditor => "claim editor",
                };
                format!("{verb} the {what}")
            }
            _ => action.label().to_owned(),
        }
    }

    /// The full name of `action` now, for a list of every action (a palette): its submenu's label
    /// before what its entry says, e.g. "Verdict › Mostly true" or "Open recent › check.factdesk.json".
    pub fn name(&self, action: Action) -> String {
        action.name_with(&self.label(action))
    }

    /// More about `action` when the pointer rests on its entry: a recent file's whole path.
    pub fn hover_text(&self, action: Action) -> Option<String> {
        match action {
            Action::OpenRecent(place) => self.recent.get(place).map(|p| p.display().to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Status};
    use crate::report::ReportFormat;

    fn project() -> Project {
        let article = Article::new("Title".into(), "One. Two.".into(), None, chrono::Utc::now());
        Project::from_article(article)
    }

    fn state<'a>(project: &'a Project, recent: &'a [PathBuf]) -> ActionState<'a> {
        ActionState {
            project,
            recent,
            undo: None,
            redo: None,
            has_text_selection: false,
            has_selected_claim: true,
            current_article: project.articles.first().map(|a| a.id),
            can_reopen: false,
            has_cursor: false,
            has_find_match: false,
            panels: PanelsShown::default(),
        }
    }

    #[test]
    fn a_find_match_becomes_a_claim_only_while_the_find_bar_shows_one() {
        let project = project();
        let recent = [];
        let mut state = state(&project, &recent);
        assert!(!state.enabled(Action::ClaimFromFindMatch));
        state.has_find_match = true;
        assert!(state.enabled(Action::ClaimFromFindMatch));
    }

    #[test]
    fn number_keys_are_named_by_the_projects_scale_and_only_its_ratings_are_offered() {
        let project = project();
        let state = state(&project, &[]);
        let second = &project.rating_scale[1].label;
        assert_eq!(
            state.name(Action::SetVerdict(2)),
            format!("Verdict › {second}")
        );
        assert_eq!(state.name(Action::SetVerdict(0)), "Verdict › No verdict");
        let past_the_end = u8::try_from(project.rating_scale.len() + 1).unwrap();
        assert!(!state.shown(Action::SetVerdict(past_the_end)));
        assert!(!state.enabled(Action::SetVerdict(past_the_end)));
        assert!(state.enabled(Action::SetVerdict(1)));
    }

    #[test]
    fn recent_files_are_offered_by_name_as_far_as_the_list_goes() {
        let project = project();
        let recent = [PathBuf::from("/home/ana/checks/budget.factdesk.json")];
        let state = state(&project, &recent);
        assert_eq!(
            state.name(Action::OpenRecent(0)),
            "Open recent › budget.factdesk.json"
        );
        assert_eq!(
            state.hover_text(Action::OpenRecent(0)).as_deref(),
            Some("/home/ana/checks/budget.factdesk.json")
        );
        assert!(!state.shown(Action::OpenRecent(1)));
        assert_eq!(Action::OpenRecent(1).name(), "Open recent › Recent file 2");
    }

    #[test]
    fn every_export_format_and_encoding_is_an_action_of_its_own() {
        let all = Action::all();
        for format in ReportFormat::ALL {
            assert!(all.contains(&Action::ExportReport(format)));
        }
        for (label, _) in crate::import::encoding::encoding_choices() {
            assert!(all.contains(&Action::ReopenWithEncoding(label)));
        }
        assert_eq!(
            Action::ExportReport(ReportFormat::Html).id(),
            "file.export.html"
        );
        assert_eq!(
            Action::SetStatus(Status::NeedsReview).id(),
            "claim.status.needs_review"
        );
    }
}
