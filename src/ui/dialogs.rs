//! Modal dialogs: unsaved changes, errors and the shortcut list.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::Export;
use super::file_dialog::DialogPurpose;
use super::shortcuts::{shortcut_label_in, shortcut_sections};
use super::theme;
use crate::model::{ClaimId, ReportSettings};
use crate::report::TransparencyFinding;

/// An action that would drop unsaved changes, held until the user decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuardedAction {
    /// Start an empty project.
    NewProject,
    /// Show the open dialog.
    OpenDialog,
    /// Open this file.
    OpenPath(PathBuf),
    /// Download and open this web page.
    OpenUrl(String),
    /// Open work recovered from a window that did not close properly.
    RestoreWork(Box<crate::recovery::RecoveryEntry>),
    /// Open the bundled sample article as a new project.
    OpenSample,
    /// Close the window.
    Quit,
}

impl GuardedAction {
    fn verb(&self) -> &'static str {
        match self {
            GuardedAction::NewProject => "starting a new project",
            GuardedAction::OpenDialog | GuardedAction::OpenPath(_) | GuardedAction::OpenUrl(_) => {
                "opening another file"
            }
            GuardedAction::RestoreWork(_) => "restoring other work",
            GuardedAction::OpenSample => "opening the sample article",
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
    /// Something worth knowing that is not an error.
    Notice {
        /// Short heading.
        title: String,
        /// The details.
        message: String,
    },
    /// The report settings, being edited.
    ReportSettings(ReportSettings),
    /// What the transparency check found before an export.
    Transparency {
        /// The export about to happen.
        export: Export,
        /// What the format needs that the project lacks.
        notes: Vec<String>,
        /// The findings about single claims.
        findings: Vec<TransparencyFinding>,
    },
    /// A report was written; offers to open it.
    Exported {
        /// What was written.
        export: Export,
        /// Where.
        path: PathBuf,
    },
    /// Asks for a web address to open.
    UrlPrompt {
        /// The address as typed so far.
        url: String,
    },
    /// Asks for the project's new name.
    Rename {
        /// The name as typed so far.
        title: String,
    },
    /// The project file was changed or removed by someone else since this window read or wrote it.
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// Whether it is gone rather than changed.
        missing: bool,
        /// Whether a save found it (and stopped), rather than the window regaining focus.
        while_saving: bool,
    },
    /// Unsaved work left by a window that did not close properly, and its crash log.
    Restore {
        /// The work that can be restored, newest first.
        entries: Vec<crate::recovery::RecoveryEntry>,
        /// The crash log written last time, if factdesk crashed.
        crash_log: Option<PathBuf>,
    },
    /// A project file that is inconsistent but can be repaired.
    RepairOffer {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
        /// How many changes the repair makes.
        changes: usize,
    },
    /// Another window has the project file open.
    Locked {
        /// The project file.
        path: PathBuf,
        /// Who has it, when the lock file says; `None` when it is this process's other window.
        owner: Option<crate::recovery::lock::LockOwner>,
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
    /// Download and open this address.
    OpenUrl(String),
    /// Store these report settings.
    ReportSettings(ReportSettings),
    /// Export despite the transparency findings.
    ExportAnyway(Export),
    /// Select this claim (from the transparency findings).
    GoToClaim(ClaimId),
    /// Open this file with the system's viewer.
    OpenFile(PathBuf),
    /// Use the typed path.
    Path(DialogPurpose, PathBuf),
    /// Read the project file again, dropping this window's version.
    ReloadFromDisk,
    /// Keep this window's version; the next save replaces the file on disk. `save`: save now.
    KeepMine {
        /// Whether to save right away (the dialog came from a save).
        save: bool,
    },
    /// Save this window's version under another name, leaving the file on disk alone.
    SaveAsCopy,
    /// Open this recovered work.
    RestoreWork(crate::recovery::RecoveryEntry),
    /// Delete this recovered work.
    DiscardWork(crate::recovery::RecoveryEntry),
    /// Open the project another window has open, without editing it.
    OpenReadOnly,
    /// Open the project another window has open, for editing here too.
    OpenAnyway,
    /// Do not open the project another window has open.
    CancelOpen,
    /// Repair this project file in memory and open it.
    RepairAndOpen(PathBuf),
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
                ui.heading(RichText::new(title.as_str()).color(theme::error_color(ui.visuals())));
                ui.add_space(6.0);
                ui.add(egui::Label::new(message.as_str()).wrap());
                ui.add_space(12.0);
                if ui.button("OK").clicked() {
                    choice = Some(DialogChoice::Close);
                }
            }
            Dialog::ChangedOnDisk {
                path,
                missing,
                while_saving,
            } => {
                choice =
                    super::safety_dialogs::changed_on_disk_ui(ui, path, *missing, *while_saving);
            }
            Dialog::Restore { entries, crash_log } => {
                choice = super::safety_dialogs::restore_ui(ui, entries, crash_log.as_deref());
            }
            Dialog::RepairOffer {
                path,
                message,
                changes,
            } => {
                choice = super::safety_dialogs::repair_offer_ui(ui, path, message, *changes);
            }
            Dialog::Locked { path, owner } => {
                choice = super::safety_dialogs::locked_ui(ui, path, owner.as_ref());
            }
            Dialog::ReportSettings(settings) => {
                choice = report_settings_ui(ui, settings);
            }
            Dialog::Transparency {
                export,
                notes,
                findings,
            } => {
                choice = transparency_ui(ui, *export, notes, findings);
            }
            Dialog::Exported { export, path } => {
                ui.heading("Report exported");
                ui.add_space(6.0);
                ui.label(format!(
                    "The {} was written to {}.",
                    export.label(),
                    path.display()
                ));
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Open it").strong()).clicked() {
                        choice = Some(DialogChoice::OpenFile(path.clone()));
                    }
                    if ui.button("Close").clicked() {
                        choice = Some(DialogChoice::Close);
                    }
                });
            }
            Dialog::UrlPrompt { url } => {
                ui.heading("Open a web page");
                ui.add_space(6.0);
                ui.label("factdesk downloads the page and keeps its main article text.");
                ui.add_space(8.0);
                let entered = prompt_field(ui, "Web address", url, "https://…");
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    let ready = !url.trim().is_empty();
                    if ui.add_enabled(ready, egui::Button::new("Open")).clicked()
                        || (entered && ready)
                    {
                        choice = Some(DialogChoice::OpenUrl(url.trim().to_owned()));
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(DialogChoice::Close);
                    }
                });
            }
            Dialog::Rename { title } => {
                ui.heading("Rename project");
                ui.add_space(6.0);
                let entered = prompt_field(ui, "Project name", title, "");
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
            Dialog::Notice { title, message } => {
                ui.heading(title.as_str());
                ui.add_space(6.0);
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(message.as_str()).wrap());
                    });
                ui.add_space(12.0);
                if ui.button("OK").clicked() {
                    choice = Some(DialogChoice::Close);
                }
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
        DialogPurpose::ImportClaimReview => ("Import ClaimReview", "Import"),
        DialogPurpose::SaveAs { .. } => ("Save the project", "Save"),
        DialogPurpose::Export(_) => ("Export the report", "Export"),
        DialogPurpose::LocateArticle { .. } => (
            "The article's file is not where the project says, nor beside it",
            "Reopen",
        ),
    };
    ui.heading(heading);
    ui.add_space(6.0);
    ui.label(
        "No file chooser could be shown (this desktop has no XDG desktop portal). Type the full path of the file instead.",
    );
    ui.add_space(8.0);
    let entered = prompt_field(ui, "File path", path, "");
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

/// Picks one text field of the report settings.
type SettingsText = fn(&mut ReportSettings) -> &mut String;

fn report_settings_ui(ui: &mut Ui, settings: &mut ReportSettings) -> Option<DialogChoice> {
    ui.set_min_width(440.0);
    ui.heading("Report settings");
    ui.add_space(6.0);
    ui.label(
        RichText::new("How reports of this project are headed; saved with the project.").weak(),
    );
    ui.add_space(8.0);
    let fields: [(&str, &str, SettingsText, bool); 5] = [
        (
            "Report title",
            "the project title when empty",
            |s| &mut s.title,
            false,
        ),
        (
            "Organisation",
            "who publishes the report",
            |s| &mut s.organisation,
            false,
        ),
        ("Author", "who signs it", |s| &mut s.author, false),
        (
            "Methodology",
            "how the claims were checked",
            |s| &mut s.methodology,
            true,
        ),
        (
            "Base URL",
            "https://… where the report will be published",
            |s| &mut s.base_url,
            false,
        ),
    ];
    for (label, hint, field, multiline) in fields {
        let label = ui.label(RichText::new(label).small());
        let text = field(settings);
        let edit = if multiline {
            egui::TextEdit::multiline(text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(text)
        };
        ui.add(edit.hint_text(hint).desired_width(f32::INFINITY))
            .labelled_by(label.id);
    }
    let published = settings
        .published
        .map(|d| d.to_string())
        .unwrap_or_default();
    if let Some(date) = super::claim_editor::date_field(
        ui,
        "Publication date of the reviews (YYYY-MM-DD; when empty, each verdict's own date)",
        egui::Id::unique("report-settings-published"),
        &published,
    ) {
        settings.published = date;
    }
    ui.checkbox(
        &mut settings.include_unchecked,
        "Include claims not yet checked",
    );
    let base_url = settings.base_url.trim();
    if !base_url.is_empty() && !crate::report::is_linkable_url(base_url) {
        ui.label(
            RichText::new(
                "The base URL should start with https:// (ClaimReview needs a full address).",
            )
            .small()
            .color(theme::error_color(ui.visuals())),
        );
    }
    ui.add_space(12.0);
    let mut choice = None;
    ui.horizontal(|ui| {
        if ui.button(RichText::new("Save settings").strong()).clicked() {
            choice = Some(DialogChoice::ReportSettings(settings.clone()));
        }
        if ui.button("Cancel").clicked() {
            choice = Some(DialogChoice::Close);
        }
    });
    choice
}

fn transparency_ui(
    ui: &mut Ui,
    export: Export,
    notes: &[String],
    findings: &[TransparencyFinding],
) -> Option<DialogChoice> {
    let mut choice = None;
    ui.heading("Before you publish");
    ui.add_space(6.0);
    for note in notes {
        ui.add(
            egui::Label::new(RichText::new(note).color(theme::error_color(ui.visuals()))).wrap(),
        );
        ui.add_space(4.0);
    }
    if !findings.is_empty() {
        ui.label(format!(
            "The transparency check found {} thing(s) a reader of the {} would miss:",
            findings.len(),
            export.label()
        ));
    }
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            // Findings come in claim order; one row per claim with all its problems and one button.
            for group in findings.chunk_by(|a, b| a.claim == b.claim) {
                let Some(first) = group.first() else {
                    continue;
                };
                ui.horizontal(|ui| {
                    ui.vertical(|ui| {
                        for finding in group {
                            ui.label(format!(
                                "Claim #{} {}",
                                finding.number,
                                finding.problem.message()
                            ));
                        }
                    });
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .small_button(format!("Go to claim #{}", first.number))
                            .clicked()
                        {
                            choice = Some(DialogChoice::GoToClaim(first.claim));
                        }
                    });
                });
                ui.separator();
            }
        });
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui.button("Export anyway").clicked() {
            choice = Some(DialogChoice::ExportAnyway(export));
        }
        if ui.button("Cancel").clicked() {
            choice = Some(DialogChoice::Close);
        }
    });
    choice
}

/// The one text field of a prompt, labelled `label` and holding the keyboard; returns whether the user
/// pressed Enter in it.
fn prompt_field(ui: &mut Ui, label: &str, text: &mut String, hint: &str) -> bool {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
    }
    response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// `path` with a leading `~` replaced by the home folder.
fn expand_home(path: &str) -> Option<PathBuf> {
    match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(rest)),
        None => Some(PathBuf::from(path)),
    }
}

/// The shortcut sheet: every action with a shortcut, from the action table, with the keys as this
/// platform writes them.
fn shortcuts_grid(ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .max_height(ui.ctx().content_rect().height() * 0.7)
        .show(ui, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    let format = |s: &egui::KeyboardShortcut| shortcut_label_in(ui.ctx(), s);
                    for (heading, rows) in shortcut_sections(&format) {
                        ui.label(RichText::new(heading).strong());
                        ui.end_row();
                        for (name, keys) in rows {
                            ui.label(name);
                            ui.label(RichText::new(keys).monospace());
                            ui.end_row();
                        }
                    }
                    ui.label("Mark a sentence as a claim");
                    ui.label(RichText::new("Click it").monospace());
                    ui.end_row();
                    ui.label("Mark any span as a claim");
                    ui.label(RichText::new("Drag over it, then Enter").monospace());
                    ui.end_row();
                });
        });
}

/// The progress dialog of a load; returns whether the user cancelled it.
pub fn loading_ui(ctx: &egui::Context, what: &str) -> bool {
    let mut cancelled = false;
    egui::Modal::new(egui::Id::unique("factdesk-loading")).show(ctx, |ui| {
        ui.set_min_width(320.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Opening {what}…"));
        });
        ui.add_space(10.0);
        cancelled = ui.button("Cancel").clicked();
    });
    cancelled
}
