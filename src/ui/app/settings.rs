//! Settings in the window: where they are read from, the settings dialog, the text size keys, and
//! new projects taking their defaults.

use std::path::Path;

use super::{FactdeskApp, open};
use crate::model::Project;
use crate::settings::Settings;
use crate::ui::preferences::Preferences;

impl FactdeskApp {
    /// Reads the settings from the settings file in `dir` (see [`crate::settings::config_dir`]) and
    /// writes changes there. A file that cannot be read is named in a message and left as it is; the
    /// defaults apply until a setting is changed. The sample article shown at start takes the
    /// defaults for new projects.
    #[must_use]
    pub fn with_settings_dir(mut self, dir: &Path) -> Self {
        let (preferences, problem) = Preferences::load(dir);
        self.preferences = preferences;
        if let Some(problem) = problem {
            self.show_error("Your settings could not be read", problem);
        }
        if open::is_untouched_sample(&self.workspace) {
            let mut project = self.workspace.project().clone();
            self.preferences.start_project(&mut project);
            self.replace_workspace(crate::model::Workspace::new(project, None));
        }
        self
    }

    /// The settings in force.
    pub fn settings(&self) -> &Settings {
        self.preferences.settings()
    }

    /// Opens Edit › Settings….
    pub fn show_settings(&mut self) {
        self.preferences.open_dialog();
    }

    /// Whether the settings dialog is open.
    pub fn settings_are_shown(&self) -> bool {
        self.preferences.dialog_is_open()
    }

    /// Makes all text one step larger (Ctrl+=).
    pub fn zoom_in(&mut self) {
        self.message = Some(self.preferences.text_larger());
    }

    /// Makes all text one step smaller (Ctrl+-).
    pub fn zoom_out(&mut self) {
        self.message = Some(self.preferences.text_smaller());
    }

    /// Gives text its normal size (Ctrl+0).
    pub fn zoom_reset(&mut self) {
        self.message = Some(self.preferences.text_normal());
    }

    /// Gives a project being created the defaults of the settings.
    pub(super) fn start_project(&self, mut project: Project) -> Project {
        self.preferences.start_project(&mut project);
        project
    }

    /// Applies the settings to egui before the frame is drawn.
    pub(super) fn apply_settings(&mut self, ctx: &egui::Context) {
        if let Some(message) = self.preferences.apply(ctx) {
            self.message = Some(message);
        }
    }

    /// Draws the settings dialog when it is open; writes the settings when it closes.
    pub(super) fn settings_dialog_ui(&mut self, ctx: &egui::Context) {
        let scale = &self.workspace.project().rating_scale;
        if let Some(message) = self.preferences.dialog_ui(ctx, scale) {
            self.message = Some(message);
        }
    }
}
