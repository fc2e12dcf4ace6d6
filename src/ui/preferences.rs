//! The user's [`Settings`] in the window: read at start, applied to egui (theme, zoom, reading
//! width), changed by the settings dialog and the text size keys, and written back to the settings
//! file when they change.
//!
//! Text size is egui's zoom: it scales the whole window, the article and every panel and menu alike,
//! as a browser's Ctrl+= does, so nothing is left too small to read and the layout keeps its
//! proportions. The reading width is in points before zoom, so a larger text keeps the same number
//! of words a line.

use std::path::Path;
use std::time::{Duration, Instant};

use super::settings_dialog::SettingsDialog;
use super::status_bar::StatusMessage;
use super::theme;
use crate::model::{Project, Rating};
use crate::settings::{Settings, SettingsStore, ThemeChoice};

/// The settings of the window, where they are kept, and their dialog when open.
#[derive(Debug, Default)]
pub struct Preferences {
    settings: Settings,
    /// The settings file; `None` when the system names no configuration folder (settings then
    /// last until the window closes).
    store: Option<SettingsStore>,
    /// The settings as the file holds them, to write only what changed.
    saved: Settings,
    /// What was last given to egui, to set it again only when it changed.
    applied: Option<Applied>,
    dialog: Option<SettingsDialog>,
    /// When the dialog first changed a setting not yet written: typing a name or dragging a slider
    /// writes once it pauses, not at every keystroke.
    unsaved_since: Option<Instant>,
}

/// How long the settings dialog waits after a change before writing it.
const DIALOG_WRITE_DELAY: Duration = Duration::from_millis(500);

/// The part of the settings egui is told of.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Applied {
    theme: ThemeChoice,
    zoom: f32,
    reading_width: f32,
}

impl Preferences {
    /// Reads the settings file in `dir`; with the message to show when it could not be read (the
    /// defaults are used then, and the file is left as it is until a setting changes).
    pub fn load(dir: &Path) -> (Self, Option<String>) {
        let mut store = SettingsStore::new(dir);
        let loaded = store.load();
        let preferences = Self {
            saved: loaded.settings.clone(),
            settings: loaded.settings,
            store: Some(store),
            applied: None,
            dialog: None,
            unsaved_since: None,
        };
        (preferences, loaded.problem.map(|p| p.to_string()))
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Gives a project being created (the sample, a new project, an opened article) the defaults for
    /// new projects.
    pub fn start_project(&self, project: &mut Project) {
        self.settings.apply_to_new_project(project);
    }

    /// Tells egui the theme, text size and reading width when they changed; call once a frame
    /// before drawing. Returns what to tell the user when a theme chosen through egui's own switch
    /// could not be saved.
    pub fn apply(&mut self, ctx: &egui::Context) -> Option<StatusMessage> {
        let mut said = None;
        if let Some(applied) = self.applied {
            // egui's own theme switches (View menu) change the preference directly: keep it.
            let shown = theme_choice(ctx.options(|o| o.theme_preference));
            if shown != applied.theme {
                self.settings.theme = shown;
                said = self.save();
            }
        }
        let wanted = Applied {
            theme: self.settings.theme,
            zoom: self.settings.zoom_factor(),
            reading_width: self.settings.reading_width_points(),
        };
        if self.applied == Some(wanted) {
            return said;
        }
        if self.applied.is_none() {
            ctx.set_visuals_of(egui::Theme::Light, theme::visuals(false));
            ctx.set_visuals_of(egui::Theme::Dark, theme::visuals(true));
            ctx.options_mut(|o| {
                // Text size keys are factdesk's actions, so the size is kept in the settings.
                o.zoom_with_keyboard = false;
                // Where the desktop says nothing of its theme, "follow the system" reads as light.
                o.fallback_theme = egui::Theme::Light;
            });
        }
        ctx.set_theme(theme_preference(wanted.theme));
        ctx.set_zoom_factor(wanted.zoom);
        theme::set_reading_width(ctx, wanted.reading_width);
        self.applied = Some(wanted);
        ctx.request_repaint();
        said
    }

    /// One step larger text; says the new size, or why it could not be saved.
    pub fn text_larger(&mut self) -> StatusMessage {
        self.settings.text_larger();
        self.text_size_saved()
    }

    /// One step smaller text; says the new size, or why it could not be saved.
    pub fn text_smaller(&mut self) -> StatusMessage {
        self.settings.text_smaller();
        self.text_size_saved()
    }

    /// The normal text size; says so, or why it could not be saved.
    pub fn text_normal(&mut self) -> StatusMessage {
        self.settings.text_normal();
        self.text_size_saved()
    }

    fn text_size_saved(&mut self) -> StatusMessage {
        self.save().unwrap_or_else(|| StatusMessage {
            text: format!(
                "Text size {} % (Ctrl+0 for the normal size)",
                self.settings.text_size_percent
            ),
            is_error: false,
        })
    }

    /// Opens the settings dialog.
    pub fn open_dialog(&mut self) {
        self.dialog = Some(SettingsDialog);
    }

    /// Whether the settings dialog is open.
    pub fn dialog_is_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Draws the settings dialog if it is open, and writes what it changed shortly after each change
    /// and when it closes, so a window closed with the dialog open loses nothing. Returns the
    /// message to show when writing failed, or moved an unreadable file aside.
    pub fn dialog_ui(
        &mut self,
        ctx: &egui::Context,
        project_scale: &[Rating],
    ) -> Option<StatusMessage> {
        let dialog = self.dialog.as_mut()?;
        let file = self.store.as_ref().map(SettingsStore::path);
        if dialog.show(ctx, &mut self.settings, project_scale, file) {
            self.dialog = None;
            return self.save();
        }
        if self.settings == self.saved {
            self.unsaved_since = None;
            return None;
        }
        let since = *self.unsaved_since.get_or_insert_with(Instant::now);
        let waited = since.elapsed();
        if waited >= DIALOG_WRITE_DELAY {
            return self.save();
        }
        ctx.request_repaint_after(DIALOG_WRITE_DELAY.saturating_sub(waited));
        None
    }

    /// Writes the settings if they changed since last read or written; the message to show when
    /// that failed or an unreadable file was moved aside first.
    ///
    /// Only the settings this window changed are written, over the file as it is now: another
    /// factdesk window's changes to other settings are kept, and taken into this window.
    pub fn save(&mut self) -> Option<StatusMessage> {
        if self.settings == self.saved {
            return None;
        }
        let store = self.store.as_mut()?;
        self.unsaved_since = None;
        match store.save_changes(&self.saved, &self.settings) {
            Ok((written, kept)) => {
                self.settings.clone_from(&written);
                self.saved = written;
                kept.map(|kept| StatusMessage {
                    text: format!(
                        "Settings saved; the file that could not be read is kept as {}",
                        kept.display()
                    ),
                    is_error: false,
                })
            }
            Err(e) => Some(StatusMessage {
                text: e.to_string(),
                is_error: true,
            }),
        }
    }
}

fn theme_preference(choice: ThemeChoice) -> egui::ThemePreference {
    match choice {
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
        ThemeChoice::System => egui::ThemePreference::System,
    }
}

fn theme_choice(preference: egui::ThemePreference) -> ThemeChoice {
    match preference {
        egui::ThemePreference::Light => ThemeChoice::Light,
        egui::ThemePreference::Dark => ThemeChoice::Dark,
        egui::ThemePreference::System => ThemeChoice::System,
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;

    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    fn harness(preferences: Preferences) -> Harness<'static, Preferences> {
        let mut harness = Harness::new_ui_state(
            |ui, preferences: &mut Preferences| {
                preferences.apply(ui.ctx());
                ui.label("Article text");
            },
            preferences,
        );
        harness.run();
        harness
    }

    #[test]
    fn switching_the_theme_gives_egui_the_readable_visuals_of_that_theme() {
        let dir = temp();
        let (preferences, problem) = Preferences::load(dir.path());
        assert!(problem.is_none());
        let mut harness = harness(preferences);
        let ctx = harness.ctx.clone();
        assert!(
            !ctx.global_style().visuals.dark_mode,
            "a reading tool starts light"
        );
        assert_eq!(ctx.global_style().visuals, theme::visuals(false));
        harness.state_mut().settings.theme = ThemeChoice::Dark;
        harness.run();
        assert!(ctx.global_style().visuals.dark_mode);
        assert_eq!(ctx.global_style().visuals, theme::visuals(true));
        let visuals = ctx.global_style().visuals.clone();
        assert!(theme::contrast_ratio(visuals.text_color(), visuals.panel_fill) >= 7.0);
        harness.state_mut().settings.theme = ThemeChoice::System;
        harness.run();
        assert!(
            !ctx.global_style().visuals.dark_mode,
            "a desktop that names no theme reads as light"
        );
        // egui's theme switch, as in the View menu, is kept as the setting.
        ctx.set_theme(egui::ThemePreference::Dark);
        harness.run();
        assert_eq!(harness.state().settings().theme, ThemeChoice::Dark);
        assert!(ctx.global_style().visuals.dark_mode);
    }

    #[test]
    fn text_size_steps_zoom_the_window_and_are_written_at_once() {
        let dir = temp();
        let (preferences, _) = Preferences::load(dir.path());
        let mut harness = harness(preferences);
        let said = harness.state_mut().text_larger();
        assert_eq!(said.text, "Text size 110 % (Ctrl+0 for the normal size)");
        harness.state_mut().text_larger();
        harness.run();
        assert!((harness.ctx.zoom_factor() - 1.2).abs() < 0.001);
        let (reread, _) = Preferences::load(dir.path());
        assert_eq!(reread.settings().text_size_percent, 120);
        harness.state_mut().text_normal();
        harness.run();
        assert!((harness.ctx.zoom_factor() - 1.0).abs() < 0.001);
        assert_eq!(theme::reading_width(&harness.ctx), 680.0);
    }

    #[test]
    fn a_settings_file_that_cannot_be_read_is_reported_and_moved_aside_only_on_a_change() {
        let dir = temp();
        let path = dir.path().join(crate::settings::SETTINGS_FILE_NAME);
        std::fs::write(&path, "{ not json").unwrap_or_default();
        let (mut preferences, problem) = Preferences::load(dir.path());
        let problem = problem.unwrap_or_default();
        assert!(problem.contains(&path.display().to_string()), "{problem}");
        assert!(
            preferences.save().is_none(),
            "nothing changed, nothing written"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap_or_default(),
            "{ not json"
        );
        let message = preferences.text_smaller().text;
        assert!(message.contains("settings.json.bak"), "{message}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.bak")).unwrap_or_default(),
            "{ not json"
        );
    }
}
