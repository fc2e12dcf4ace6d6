//! The command palette (Ctrl+K, Ctrl+Shift+P): every action of the action table, found by typing a few
//! letters of its name, with its shortcut beside it. Recently run actions come first; arrow keys move,
//! Enter runs, Escape closes.

use egui::{Key, Modifiers, RichText};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::command::{Action, ActionState, AppCommand};
use super::shortcuts::shortcut_label_in;
use super::theme;

/// How many recently run actions are remembered.
const MAX_RECENT: usize = 8;

/// The palette's state: open or not, the query, the highlighted entry and the recent actions.
pub struct Palette {
    open: bool,
    query: String,
    /// Index of the highlighted entry among those the query finds.
    highlighted: usize,
    /// Ids of recently run actions, newest first.
    recent: Vec<String>,
    /// Whether the search field still has to take the keyboard (the frame the palette opens).
    focus_pending: bool,
    matcher: Matcher,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            open: false,
            query: String::new(),
            highlighted: 0,
            recent: Vec::new(),
            focus_pending: false,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

impl std::fmt::Debug for Palette {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Palette")
            .field("open", &self.open)
            .field("query", &self.query)
            .field("recent", &self.recent)
            .finish_non_exhaustive()
    }
}

impl Palette {
    /// Opens the palette with an empty query.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.highlighted = 0;
        self.focus_pending = true;
    }

    /// Whether the palette is on screen.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Ids of recently run actions, newest first (to keep across runs).
    pub fn recent_ids(&self) -> &[String] {
        &self.recent
    }

    /// Restores the recently run actions kept from an earlier run; ids no action has any more are
    /// dropped.
    pub fn set_recent_ids(&mut self, ids: Vec<String>) {
        self.recent = ids
            .into_iter()
            .filter(|id| Action::from_id(id).is_some())
            .take(MAX_RECENT)
            .collect();
    }

    /// Records that `action` ran, so it comes first next time.
    pub fn ran(&mut self, action: Action) {
        let id = action.id();
        self.recent.retain(|r| *r != id);
        self.recent.insert(0, id);
        self.recent.truncate(MAX_RECENT);
    }

    /// The actions `query` finds among `actions` (each with the name it is listed and found by), in
    /// the order the palette lists them: recently run ones first (newest first), then the rest, by how
    /// well their name matches (table order with an empty query).
    pub fn entries(&mut self, query: &str, actions: &[(Action, String)]) -> Vec<Action> {
        let recency = |action: &Action| {
            let id = action.id();
            self.recent
                .iter()
                .position(|r| *r == id)
                .unwrap_or(usize::MAX)
        };
        let mut found: Vec<(Action, u32, usize)> = if query.trim().is_empty() {
            // The two dozen encodings to reopen with would push every other action out of view.
            let rank = |a: &Action| u32::from(!matches!(a, Action::ReopenWithEncoding(_)));
            actions
                .iter()
                .map(|&(a, _)| (a, rank(&a), recency(&a)))
                .collect()
        } else {
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let mut buf = Vec::new();
            actions
                .iter()
                .filter_map(|(action, name)| {
                    let score = pattern.score(Utf32Str::new(name, &mut buf), &mut self.matcher)?;
                    Some((*action, score, recency(action)))
                })
                .collect()
        };
        // Stable: equal entries keep the table's order.
        found.sort_by(|a, b| a.2.cmp(&b.2).then(b.1.cmp(&a.1)));
        found.into_iter().map(|(action, _, _)| action).collect()
    }

    /// Draws the palette when it is open; the action chosen is pushed to `commands`.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        state: &ActionState<'_>,
        commands: &mut Vec<AppCommand>,
    ) {
        if !self.open {
            return;
        }
        // Each action as it is now: a number key by its rating, a recent file by its name; ratings the
        // scale lacks and places the recent list has not filled are left out, as in the menus.
        let named: Vec<(Action, String)> = Action::all()
            .into_iter()
            .filter(|&a| state.shown(a))
            .map(|a| (a, state.name(a)))
            .collect();
        let query = self.query.clone();
        let entries = self.entries(&query, &named);
        self.highlighted = self.highlighted.min(entries.len().saturating_sub(1));
        // Taken before the search field sees them: it would move its cursor or lose focus on them.
        let (down, up, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        });
        if down && self.highlighted + 1 < entries.len() {
            self.highlighted += 1;
        }
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        let mut chosen = enter
            .then(|| entries.get(self.highlighted).copied())
            .flatten();

        let modal = egui::Modal::new(egui::Id::unique("factdesk-palette"))
            .area(
                egui::Modal::default_area(egui::Id::unique("factdesk-palette")).anchor(
                    egui::Align2::CENTER_TOP,
                    egui::vec2(0.0, theme::PALETTE_TOP),
                ),
            )
            .show(ctx, |ui| {
                ui.set_width(theme::PALETTE_WIDTH);
                let label = ui.label("Run an action");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("Type part of its name, e.g. “exp htm”")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if self.focus_pending {
                    field.request_focus();
                    self.focus_pending = false;
                }
                if field.changed() {
                    self.highlighted = 0;
                }
                ui.separator();
                if entries.is_empty() {
                    ui.label(RichText::new("No action has that name.").weak());
                }
                egui::ScrollArea::vertical()
                    .max_height(theme::PALETTE_LIST_HEIGHT)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for (index, &action) in entries.iter().enumerate() {
                            let highlighted = index == self.highlighted;
                            let enabled = state.enabled(action);
                            let name = named
                                .iter()
                                .find(|(a, _)| *a == action)
                                .map_or_else(|| action.name(), |(_, n)| n.clone());
                            let mut button = egui::Button::selectable(highlighted, name)
                                .min_size(egui::vec2(ui.available_width(), 0.0));
                            if let Some(shortcut) = action.shortcut() {
                                button = button.shortcut_text(shortcut_label_in(ctx, &shortcut));
                            }
                            let response = ui
                                .add_enabled(enabled, button)
                                .on_disabled_hover_text("Not available now");
                            if highlighted && (down || up) {
                                response.scroll_to_me(None);
                            }
                            if response.clicked() {
                                chosen = Some(action);
                            }
                        }
                    });
            });
        if modal.should_close() {
            self.open = false;
        }
        if let Some(action) = chosen.filter(|&a| state.enabled(a)) {
            self.open = false;
            self.ran(action);
            commands.push(AppCommand::Action(action));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportFormat;

    /// Every action of the table with its name.
    fn table() -> Vec<(Action, String)> {
        Action::all().into_iter().map(|a| (a, a.name())).collect()
    }

    #[test]
    fn words_of_a_query_match_the_starts_of_the_name_words() {
        let mut palette = Palette::default();
        let found = palette.entries("exp htm", &table());
        assert_eq!(
            found.first(),
            Some(&Action::ExportReport(ReportFormat::Html))
        );
        // Case does not matter.
        assert_eq!(
            palette.entries("STATISTICS", &table()).first(),
            Some(&Action::ShowStatistics)
        );
        assert!(palette.entries("zzqx", &table()).is_empty());
    }

    #[test]
    fn recent_actions_come_first_newest_first_and_survive_a_restart() {
        let mut palette = Palette::default();
        palette.ran(Action::ShowStatistics);
        palette.ran(Action::Save);
        palette.ran(Action::ShowStatistics);
        let all = table();
        assert_eq!(
            palette.entries("", &all)[..3],
            [Action::ShowStatistics, Action::Save, Action::NewProject]
        );
        // A query keeps recent matches first too.
        assert_eq!(
            palette.entries("s", &all).first(),
            Some(&Action::ShowStatistics)
        );

        let mut restarted = Palette::default();
        let mut kept = palette.recent_ids().to_vec();
        kept.insert(1, "view.no_longer_there".to_owned());
        restarted.set_recent_ids(kept);
        assert_eq!(restarted.recent_ids(), ["view.statistics", "file.save"]);
    }

    #[test]
    fn an_empty_query_lists_every_action_once_with_the_encodings_last() {
        let mut palette = Palette::default();
        let all = table();
        let listed = palette.entries("", &all);
        assert_eq!(listed.len(), all.len());
        let first_encoding = listed
            .iter()
            .position(|a| matches!(a, Action::ReopenWithEncoding(_)))
            .unwrap();
        assert!(
            listed[first_encoding..]
                .iter()
                .all(|a| matches!(a, Action::ReopenWithEncoding(_)))
        );
    }
}
