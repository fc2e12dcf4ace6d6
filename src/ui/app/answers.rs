//! What the user answered: the unsaved-changes guard in front of actions that replace the project,
//! the choices made in dialogs and file dialogs, and the status line and error dialogs.

use std::path::{Path, PathBuf};

use super::FactdeskApp;
use super::save::with_project_extension;
use crate::model::Edit;
use crate::ui::command::AppCommand;
use crate::ui::dialogs::{Dialog, DialogChoice, GuardedAction};
use crate::ui::file_dialog::DialogPurpose;
use crate::ui::loader::LoadRequest;
use crate::ui::status_bar::StatusMessage;

impl FactdeskApp {
    /// Runs `action` now, or asks first when it would drop unsaved changes.
    pub(super) fn guard(&mut self, ctx: &egui::Context, action: GuardedAction) {
        if self.workspace.is_dirty() {
            self.show_dialog(Dialog::UnsavedChanges(action));
        } else {
            self.perform(ctx, action);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, action: GuardedAction) {
        match action {
            GuardedAction::NewProject => self.new_project(),
            GuardedAction::OpenDialog => self.show_open_dialog(ctx),
            GuardedAction::OpenPath(path) => self.loader.start(ctx, LoadRequest::Open(path)),
            GuardedAction::OpenUrl(url) => self.loader.start(ctx, LoadRequest::Url(url)),
            GuardedAction::RestoreWork(entry) => self.restore(ctx, &entry),
            GuardedAction::Quit => self.quit(ctx),
        }
    }

    pub(super) fn on_dialog_choice(&mut self, ctx: &egui::Context, choice: DialogChoice) {
        match choice {
            DialogChoice::Close => {}
            DialogChoice::Path(purpose, path) => self.on_file_chosen(ctx, purpose, path),
            DialogChoice::ReportSettings(settings) => {
                if settings != self.workspace.project().report {
                    self.apply(Edit::SetReportSettings(settings), None);
                }
            }
            DialogChoice::ExportAnyway(export) => {
                self.commands.push(AppCommand::ExportChecked(export))
            }
            DialogChoice::GoToClaim(id) => self.select_claim(id),
            DialogChoice::OpenFile(path) => {
                if let Err(e) = open::that_detached(&path) {
                    self.show_error(
                        "Could not open the file",
                        format!(
                            "No program to open it was found ({e}); open it yourself: {}",
                            path.display()
                        ),
                    );
                }
            }
            DialogChoice::OpenUrl(url) => self.guard(ctx, GuardedAction::OpenUrl(url)),
            DialogChoice::Rename(title) => {
                if !title.is_empty() && title != self.workspace.project().title {
                    self.apply(Edit::SetProjectTitle(title), None);
                }
            }
            DialogChoice::Discard(action) => self.perform(ctx, action),
            DialogChoice::Save(action) => match self.workspace.path().map(Path::to_owned) {
                Some(path) if !self.workspace.is_read_only() => {
                    self.save_to(ctx, path, Some(action));
                }
                _ => self.show_save_dialog(ctx, Some(action)),
            },
            DialogChoice::ReloadFromDisk => {
                if let Some(path) = self.workspace.path().map(Path::to_owned) {
                    self.loader.start(ctx, LoadRequest::Open(path));
                }
            }
            DialogChoice::KeepMine { save } => self.keep_mine(ctx, save),
            DialogChoice::SaveAsCopy => self.show_save_dialog(ctx, None),
            DialogChoice::RestoreWork(entry) => {
                self.guard(ctx, GuardedAction::RestoreWork(Box::new(entry)));
            }
            DialogChoice::DiscardWork(entry) => self.discard_recovered(&entry),
            DialogChoice::OpenReadOnly => self.open_pending_read_only(),
            DialogChoice::OpenAnyway => self.open_pending_anyway(),
            DialogChoice::CancelOpen => self.pending_open = None,
            DialogChoice::RepairAndOpen(path) => {
                self.loader.start(ctx, LoadRequest::OpenRepaired(path));
            }
        }
    }

    pub(super) fn on_file_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: DialogPurpose,
        path: PathBuf,
    ) {
        self.last_folder = path.parent().map(Path::to_owned);
        match purpose {
            // The unsaved-changes check already ran before the dialog opened.
            DialogPurpose::Open => self.loader.start(ctx, LoadRequest::Open(path)),
            DialogPurpose::AddArticle => self.loader.start(ctx, LoadRequest::AddArticle(path)),
            DialogPurpose::ImportClaimReview => self.import_claimreview(&path),
            DialogPurpose::SaveAs { then } => {
                self.save_to(ctx, with_project_extension(path), then);
            }
            DialogPurpose::Export(export) => self.export_to(export, &path),
            DialogPurpose::LocateArticle { encoding } => self.reopen_from(&path, encoding),
        }
    }

    /// Shows `dialog`, or queues it behind the one on screen.
    pub(super) fn show_dialog(&mut self, dialog: Dialog) {
        if self.dialog.is_some() {
            self.queued_dialogs.push_back(dialog);
        } else {
            self.dialog = Some(dialog);
        }
    }

    pub(super) fn say(&mut self, text: String, is_error: bool) {
        self.message = Some(StatusMessage { text, is_error });
    }

    pub(super) fn show_error(&mut self, title: &str, message: String) {
        self.say(
            format!("{title}: {}", message.lines().next().unwrap_or_default()),
            true,
        );
        self.show_dialog(Dialog::Error {
            title: title.to_owned(),
            message,
        });
    }
}
