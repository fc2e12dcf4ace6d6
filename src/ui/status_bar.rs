//! The status bar: claim counts per status, the last message, and whether the project is saved.

use egui::{RichText, Ui};

use super::theme;
use crate::model::{Project, Status};

/// A message for the status bar.
#[derive(Clone, Debug)]
pub struct StatusMessage {
    /// What happened.
    pub text: String,
    /// Whether it is an error.
    pub is_error: bool,
}

/// Where the project stands against its file, for the right end of the status bar.
#[derive(Clone, Copy, Debug)]
pub struct FileState<'a> {
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// The project file, once saved or opened.
    pub path: Option<&'a str>,
    /// Whether another window has the file and this one only reads it.
    pub read_only: bool,
    /// Whether a save is being written.
    pub saving: bool,
}

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut Ui,
    project: &Project,
    file: FileState<'_>,
    message: Option<&StatusMessage>,
) {
    ui.horizontal(|ui| {
        let total = project.claims.len();
        let counts: Vec<String> = Status::ALL
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    project.claims.iter().filter(|c| c.status == *s).count(),
                    s.label().to_lowercase()
                )
            })
            .collect();
        ui.label(format!(
            "{total} claim{}: {}",
            if total == 1 { "" } else { "s" },
            counts.join(" · ")
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if file.read_only {
                let path = file.path.unwrap_or_default();
                ui.label(RichText::new(format!("Read-only · {path}")).strong());
            } else if file.saving {
                ui.spinner();
                ui.label(RichText::new("Saving…").weak());
            } else if file.dirty {
                ui.label(RichText::new("• Unsaved changes").strong());
            } else if let Some(path) = file.path {
                ui.label(RichText::new(format!("Saved · {path}")).weak());
            } else {
                ui.label(RichText::new("Not saved yet").weak());
            }
            // The message takes the room left between the counts and the file's state, cut short
            // (whole on hover) rather than running into either.
            if let Some(message) = message {
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.separator();
                    let text = RichText::new(&message.text);
                    let text = if message.is_error {
                        text.color(theme::error_color(ui.visuals()))
                    } else {
                        text.weak()
                    };
                    ui.add(egui::Label::new(text).truncate());
                });
            }
        });
    });
}
