//! Modal dialogs: unsaved changes, errors and the shortcut list.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::Action;
use super::file_dialog::DialogPurpose;
use super::theme;

/// An action that would drop unsaved changes, held until the user decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuardedAction {
    /// Start an empty project.
    NewProject,
    /// Show the open dialog.
    OpenDialog,
    /// Open this file.
    OpenPath(PathBuf),
    /// Close the window.
    Quit,
}

impl GuardedAction {
    fn verb(&self) -> &'static str {
        match self {
            GuardedAction::NewProject => "starting a new project",
            GuardedAction::OpenDialog | GuardedAction::OpenPath(_) => "opening another file",
            GuardedAction::Quit => "closing",
        }
    }
}

/// The dialog on screen.
#[derive(Clone, Debug)]
pub enum Dialog {
    /// Save / Discard / Cancel before an action that would drop changes.
    UnsavedChanges(GuardedAction),
    /// Something failed; says what and what to do.
    Error {
        /// Short heading.
        title: String,
        /// The full explanation.
        message: String,
    },
    /// The keyboard shortcuts.
    Shortcuts,
    /// Asks for the project's new name.
    Rename {
        /// The name as typed so far.
        title: String,
    },
    /// Asks for a file path where no file dialog could be shown.
    PathPrompt {
        /// What the path is for.
        purpose: DialogPurpose,
        /// The path as typed so far.
        path: String,
    },
}

/// What the user chose in a dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogChoice {
    /// Save, then do the action.
    Save(GuardedAction),
    /// Do the action without saving.
    Discard(GuardedAction),
    /// Rename the project.
    Rename(String),
    /// Use the typed path.
    Path(DialogPurpose, PathBuf),
    /// Close the dialog, do nothing.
    Close,
}

/// Draws `dialog` and returns the user's choice once made.
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    project_name: &str,
) -> Option<DialogChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("factdesk-dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match dialog {
            Dialog::UnsavedChanges(action) => {
                ui.heading("Save changes?");
                ui.add_space(6.0);
                ui.label(format!(
                    "“{project_name}” has changes that are not saved. Save them before {}?",
                    action.verb()
                ));
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Save").strong()).clicked() {
                        choice = Some(DialogChoice::Save(action.clone()));
                    }
                    if ui.button("Discard changes").clicked() {
                        choice = Some(DialogChoice::Discard(action.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(DialogChoice::Close);
                    }
                });
            }
            Dialog::Error { title, message } => {
                ui.heading(RichText::new(title.as_str()).color(theme::ERROR_COLOR));
                ui.add_space(6.0);
                ui.add(egui::Label::new(message.as_str()).wrap());
                ui.add_space(12.0);
                if ui.button("OK").clicked() {
                    choice = Some(DialogChoice::Close);
                }
            }
            Dialog::Rename { title } => {
                ui.heading("Rename project");
                ui.add_space(6.0);
                let label = ui.label("Project name");
                let response = ui
                    .add(egui::TextEdit::singleline(title).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                if !response.has_focus() && !response.lost_focus() {
                    response.request_focus();
                }
                let entered =
                    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    if ui.button("Rename").clicked() || entered {
                        choice = Some(DialogChoice::Rename(title.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(DialogChoice::Close);
                    }
                });
            }
            Dialog::PathPrompt { purpose, path } => {
                choice = path_prompt_ui(ui, purpose, path);
            }
            Dialog::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                ui.add_space(6.0);
                shortcuts_grid(ui);
                ui.add_space(12.0);
                if ui.button("Close").clicked() {
                    choice = Some(DialogChoice::Close);
                }
            }
        }
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(DialogChoice::Close);
    }
    choice
}

fn path_prompt_ui(ui: &mut Ui, purpose: &DialogPurpose, path: &mut String) -> Option<DialogChoice> {
    let (heading, button) = match purpose {
        DialogPurpose::Open => ("Open a file", "Open"),
        DialogPurpose::AddArticle => ("Add an article", "Add"),
        DialogPurpose::SaveAs { .. } => ("Save the project", "Save"),
        DialogPurpose::Export(_) => ("Export the report", "Export"),
    };
    ui.heading(heading);
    ui.add_space(6.0);
    ui.label(
        "No file chooser could be shown (this desktop has no XDG desktop portal). Type the full path of the file instead.",
    );
    ui.add_space(8.0);
    let label = ui.label("File path");
    let response = ui
        .add(egui::TextEdit::singleline(path).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
    }
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.add_space(12.0);
    let mut choice = None;
    ui.horizontal(|ui| {
        let ready = !path.trim().is_empty();
        if (ui.add_enabled(ready, egui::Button::new(button)).clicked() || (entered && ready))
            && let Some(expanded) = expand_home(path.trim())
        {
            choice = Some(DialogChoice::Path(purpose.clone(), expanded));
        }
        if ui.button("Cancel").clicked() {
            choice = Some(DialogChoice::Close);
        }
    });
    choice
}

/// `path` with a leading `~` replaced by the home folder.
fn expand_home(path: &str) -> Option<PathBuf> {
    match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(rest)),
        None => Some(PathBuf::from(path)),
    }
}

fn shortcuts_grid(ui: &mut Ui) {
    let actions = [
        Action::NewProject,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Undo,
        Action::Redo,
        Action::CreateClaimFromSelection,
        Action::NextClaim,
        Action::PreviousClaim,
        Action::DeleteClaim,
        Action::ClearSelection,
        Action::Quit,
        Action::ShowShortcuts,
    ];
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for action in actions {
                let mut keys: Vec<String> = [action.shortcut(), action.alternative_shortcut()]
                    .into_iter()
                    .flatten()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .collect();
                keys.dedup();
                ui.label(action.label());
                ui.label(RichText::new(keys.join("  or  ")).monospace());
                ui.end_row();
            }
            ui.label("Mark a sentence as a claim");
            ui.label(RichText::new("Click it").monospace());
            ui.end_row();
            ui.label("Mark any span as a claim");
            ui.label(RichText::new("Drag over it, then Enter").monospace());
            ui.end_row();
        });
}
