//! The user's [`Settings`] in the window: read at start, applied to egui (theme, zoom, reading
//! width), changed by the settings dialog and the text size keys, and written back to the settings
//! file when they change.
//!
//! Text size is egui's zoom: it scales the whole window, the article and every panel and menu alike,
//! as a browser's Ctrl+= does, so nothing is left too small to read and the layout keeps its
//! proportions. The reading width is in points before zoom, so a larger text keeps the same number
//! of words a line.

use std::path::Path;

use super::settings_dialog::SettingsDialog;
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
}

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
    /// before drawing.
    pub fn apply(&mut self, ctx: &egui::Context) {
        let wanted = Applied {
            theme: self.settings.theme,
            zoom: self.settings.zoom_factor(),
            reading_width: self.settings.reading_width_points(),
        };
        if self.applied == Some(wanted) {
            return;
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
        ctx.set_theme(match wanted.theme {
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::System => egui::ThemePreference::System,
        });
        ctx.set_zoom_factor(wanted.zoom);
        theme::set_reading_width(ctx, wanted.reading_width);
        self.applied = Some(wanted);
        ctx.request_repaint();
    }

    /// One step larger text; the error message when the settings could not be saved.
    pub fn text_larger(&mut self) -> Option<String> {
        self.settings.text_larger();
        self.save()
    }

    /// One step smaller text; the error message when the settings could not be saved.
    pub fn text_smaller(&mut self) -> Option<String> {
        self.settings.text_smaller();
        self.save()
    }

    /// The normal text size; the error message when the settings could not be saved.
    pub fn text_normal(&mut self) -> Option<String> {
        self.settings.text_normal();
        self.save()
    }

    /// The text size in percent, as the status bar tells it after a change.
    pub fn text_size_percent(&self) -> u32 {
        self.settings.text_size_percent
    }

    /// Opens the settings dialog.
    pub fn open_dialog(&mut self) {
        self.dialog = Some(SettingsDialog);
    }

    /// Whether the settings dialog is open.
    pub fn dialog_is_open(&self) -> bool {
        self.dialog.is_some()
    }

    /// Draws the settings dialog if it is open; when it closes, writes the settings. Returns the
    /// message to show when writing failed, or moved an unreadable file aside.
    pub fn dialog_ui(&mut self, ctx: &egui::Context, project_scale: &[Rating]) -> Option<String> {
        let dialog = self.dialog.as_mut()?;
        if dialog.show(ctx, &mut self.settings, project_scale) {
            self.dialog = None;
            return self.save();
        }
        None
    }

    /// Writes the settings if they changed since last written; the message to show when that failed
    /// or an unreadable file was moved aside first.
    pub fn save(&mut self) -> Option<String> {
        if self.settings == self.saved {
            return None;
        }
        let store = self.store.as_mut()?;
        match store.save(&self.settings) {
            Ok(kept) => {
                self.saved = self.settings.clone();
                kept.map(|kept| {
                    format!(
                        "Settings saved; the file that could not be read is kept as {}",
                        kept.display()
                    )
                })
            }
            Err(e) => Some(e.to_string()),
        }
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
    }

    #[test]
    fn text_size_steps_zoom_the_window_and_are_written_at_once() {
        let dir = temp();
        let (preferences, _) = Preferences::load(dir.path());
        let mut harness = harness(preferences);
        assert_eq!(harness.state_mut().text_larger(), None);
        harness.state_mut().text_larger();
        harness.run();
        assert!((harness.ctx.zoom_factor() - 1.2).abs() < 0.001);
        let (reread, _) = Preferences::load(dir.path());
        assert_eq!(reread.text_size_percent(), 120);
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
        assert_eq!(preferences.save(), None, "nothing changed, nothing written");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap_or_default(),
            "{ not json"
        );
        let message = preferences.text_smaller().unwrap_or_default();
        assert!(message.contains("settings.json.bak"), "{message}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("settings.json.bak")).unwrap_or_default(),
            "{ not json"
        );
    }
}
