//! The find bar over the article (Ctrl+F): matches highlighted in the text, the current one framed,
//! "3 of 41", next and previous, options for case, diacritics and whole words, and the current
//! match made a claim with Ctrl+Enter.
//!
//! Searching runs on a [`FindWorker`], so the bar never waits for it: while a search runs the bar
//! shows the previous matches, and the answer is drawn in the frame after it arrives.

use std::ops::Range;
use std::sync::Arc;

use egui::{Key, Modifiers, Ui};

use super::article_view::{ArticleView, FindLayer};
use super::command::AppCommand;
use super::find_worker::{FindRequest, FindWorker, SharedTexts};
use super::shortcuts::keep_undo_in_field;
use super::theme;
use crate::model::find::{FindOptions, MATCH_LIMIT};
use crate::model::{Article, ArticleId};

/// Keys a find field keeps while it has the keyboard: the arrows move in the text, and Escape
/// reaches the bar or window (which closes) rather than only taking the keyboard from the field.
pub const FIELD_KEYS: egui::EventFilter = egui::EventFilter {
    tab: false,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

/// Accessible name of the query field.
pub const QUERY_LABEL: &str = "Find in article";

/// What the shown matches were found for.
#[derive(Clone, PartialEq, Eq)]
struct Searched {
    article: ArticleId,
    /// The hash of the text searched: a text read again (with another encoding) is searched again.
    sha256: String,
    query: String,
    options: FindOptions,
}

/// State of the find bar between frames.
#[derive(Default)]
pub struct FindBar {
    open: bool,
    query: String,
    options: FindOptions,
    focus_query: bool,
    text: SharedTexts,
    /// The search last sent to the worker.
    requested: Option<Searched>,
    /// The search the shown matches answer.
    shown: Option<Searched>,
    matches: Arc<Vec<Range<usize>>>,
    truncated: bool,
    current: Option<usize>,
    /// Char offset of the match to make current when the answer comes (a match picked in the list
    /// of all articles' matches).
    pending_match: Option<usize>,
    /// Char offset to scroll the article to, and which article.
    scroll_to: Option<(ArticleId, usize)>,
    worker: FindWorker,
}

impl FindBar {
    /// Opens the bar (or keeps it open) and puts the keyboard in its query field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_query = true;
    }

    /// Whether the bar is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Hides the bar and its highlights.
    pub fn close(&mut self) {
        self.open = false;
        self.current = None;
    }

    /// Makes the next match current (or the previous one, `forward == false`), wrapping around, and
    /// scrolls the article to it.
    pub fn step(&mut self, forward: bool) {
        let count = self.matches.len();
        if count == 0 {
            return;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
        };
        self.set_current(next);
    }

    /// Opens the bar on `query` and makes the match starting at char `start` of `article` current once
    /// it is found there, scrolling to it now.
    pub fn show_match(
        &mut self,
        article: ArticleId,
        query: &str,
        options: FindOptions,
        start: usize,
    ) {
        self.open = true;
        self.query = query.to_owned();
        self.options = options;
        self.pending_match = Some(start);
        self.scroll_to = Some((article, start));
        if self.shown.as_ref().is_some_and(|s| s.article != article) {
            self.clear_matches();
            self.shown = None;
        }
    }

    /// The current match, as a char range of the shown article.
    pub fn current_match(&self) -> Option<Range<usize>> {
        self.current.and_then(|i| self.matches.get(i)).cloned()
    }

    /// How many matches the shown article has for the query (at most [`MATCH_LIMIT`]).
    pub fn match_count(&self) -> usize {
        self.matches.len()
    }

    /// Whether a search is under way.
    pub fn is_searching(&self) -> bool {
        self.worker.is_busy()
    }

    /// What the count label says: "3 of 41", "41 matches", "No matches", or nothing without a query.
    pub fn count_text(&self) -> String {
        if self.query.is_empty() {
            return String::new();
        }
        if self.shown.is_none() {
            return "Searching…".into();
        }
        let total = if self.truncated {
            format!("{MATCH_LIMIT}+")
        } else {
            self.matches.len().to_string()
        };
        match self.current {
            _ if self.matches.is_empty() => "No matches".into(),
            Some(i) => format!("{} of {total}", i + 1),
            None => format!("{total} matches"),
        }
    }

    /// Draws the bar over `article` if it is open, runs its keys, and hands the article view the
    /// matches to draw. Call before the view draws.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        view: &mut ArticleView,
        commands: &mut Vec<AppCommand>,
    ) {
        self.receive();
        if self.open {
            self.search_if_changed(ui.ctx(), article);
            self.bar_ui(ui, article, view, commands);
        }
        if let Some((_, at)) = self.scroll_to.take_if(|(a, _)| *a == article.id)
            // A match already on screen is shown where it is: stepping through the matches of one
            // page does not move the text.
            && view.screen_pos_of_char(at).is_none()
        {
            view.scroll_to(at);
        }
        let shown_here = self.open && self.shown.as_ref().is_some_and(|s| s.article == article.id);
        view.set_find_layer(if shown_here {
            FindLayer {
                article: Some(article.id),
                matches: Arc::clone(&self.matches),
                current: self.current,
            }
        } else {
            FindLayer::default()
        });
    }

    fn bar_ui(
        &mut self,
        ui: &mut Ui,
        article: &Article,
        view: &mut ArticleView,
        commands: &mut Vec<AppCommand>,
    ) {
        let query_id = ui.make_persistent_id("find-query");
        let typing = ui.memory(|m| m.has_focus(query_id));
        if typing {
            // Before the field sees them: Enter would otherwise end the edit and Escape only blur it.
            // (Ctrl+Enter is an action of the table, taken before any panel draws.)
            let (back, forth, escape) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::SHIFT, Key::Enter),
                    i.consume_key(Modifiers::NONE, Key::Enter),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            });
            if back {
                self.step(false);
            }
            if forth {
                self.step(true);
            }
            if escape {
                self.close();
                view.request_focus();
                return;
            }
        }
        let mut closed = false;
        theme::find_bar_frame(ui.visuals()).show(ui, |ui| {
            // Wrapped, so a narrow article column shows every control.
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(QUERY_LABEL);
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(query_id)
                        .event_filter(FIELD_KEYS)
                        .desired_width(theme::FIND_FIELD_WIDTH)
                        .hint_text("word or phrase"),
                );
                let field = field.labelled_by(label.id);
                keep_undo_in_field(ui.ctx(), &field);
                if std::mem::take(&mut self.focus_query) {
                    field.request_focus();
                    select_all(ui, query_id, &self.query);
                }
                ui.label(self.count_text());
                let any = !self.matches.is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Previous"))
                    .on_hover_text("Previous match (Shift+Enter, Shift+F3)")
                    .clicked()
                {
                    self.step(false);
                }
                if ui
                    .add_enabled(any, egui::Button::new("Next"))
                    .on_hover_text("Next match (Enter, F3)")
                    .clicked()
                {
                    self.step(true);
                }
                if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
                    closed = true;
                }
            });
            // Wrapped, so a narrow article column shows every control.
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut self.options.match_case, "Match case");
                ui.checkbox(&mut self.options.match_diacritics, "Match diacritics")
                    .on_hover_text("When off, \"Pavlovna\" also finds \"Pávlovna\"");
                ui.checkbox(&mut self.options.whole_words, "Whole words");
                if ui
                    .add_enabled(
                        self.current.is_some(),
                        egui::Button::new("Make claim from match"),
                    )
                    .on_hover_text("Ctrl+Enter")
                    .clicked()
                {
                    commands.extend(self.claim_from_current_match(article.id));
                }
            });
        });
        if closed {
            self.close();
            view.request_focus();
        }
    }

    /// Takes the worker's answer if it is for what the bar shows now.
    fn receive(&mut self) {
        let Some(response) = self.worker.poll() else {
            return;
        };
        let Some(requested) = self.requested.clone() else {
            return;
        };
        let Some(found) = response
            .articles
            .into_iter()
            .find(|a| a.article == requested.article)
        else {
            return;
        };
        // The first match from the current one on stays current, so refining a query keeps the
        // place; a match picked in the list of all matches becomes current.
        let near = self
            .pending_match
            .take()
            .or_else(|| self.current_match().map(|m| m.start));
        self.matches = Arc::new(found.matches.ranges);
        self.truncated = found.matches.truncated;
        self.shown = Some(requested);
        self.current = None;
        if !self.matches.is_empty() {
            let index = near.map_or(0, |at| self.matches.partition_point(|m| m.start < at));
            self.set_current(if index < self.matches.len() { index } else { 0 });
        }
    }

    fn search_if_changed(&mut self, ctx: &egui::Context, article: &Article) {
        let wanted = Searched {
            article: article.id,
            sha256: article.sha256.clone(),
            query: self.query.clone(),
            options: self.options,
        };
        if self.requested.as_ref() == Some(&wanted) {
            return;
        }
        if wanted.query.is_empty() {
            self.requested = Some(wanted.clone());
            self.shown = Some(wanted);
            self.clear_matches();
            return;
        }
        // Only the shown article's text is kept.
        self.text.retain(|id| id == article.id);
        let text = self.text.of(article);
        self.worker.search(
            ctx,
            FindRequest {
                articles: vec![(article.id, text)],
                query: wanted.query.clone(),
                options: wanted.options,
                contexts: 0,
            },
        );
        if self.shown.as_ref().is_some_and(|s| s.article != article.id) {
            self.clear_matches();
            self.shown = None;
        }
        self.requested = Some(wanted);
    }

    fn clear_matches(&mut self) {
        self.matches = Arc::default();
        self.truncated = false;
        self.current = None;
    }

    fn set_current(&mut self, index: usize) {
        self.current = Some(index);
        if let (Some(m), Some(shown)) = (self.current_match(), &self.shown) {
            self.scroll_to = Some((shown.article, m.start));
        }
    }

    /// The command that makes the current match a claim, if the bar shows matches of `article` (the
    /// article on screen) and one is current.
    pub fn claim_from_current_match(&self, article: ArticleId) -> Option<AppCommand> {
        let shown_here = self.open && self.shown.as_ref().is_some_and(|s| s.article == article);
        let found = self.current_match().filter(|_| shown_here)?;
        Some(AppCommand::CreateClaim {
            article,
            start: found.start,
            end: found.end,
        })
    }
}

/// Selects the whole query, so typing after Ctrl+F replaces it.
fn select_all(ui: &Ui, id: egui::Id, query: &str) {
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) {
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(query.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), id);
    }
}
