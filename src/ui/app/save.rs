//! Saving: to the project's file or a new one, on the saver's worker thread, and what happens once
//! the save ends (the lock, the recent list, an action that waited for it).

use std::path::{Path, PathBuf};

use super::FactdeskApp;
use crate::recovery::lock::{self, LockOutcome};
use crate::store;
use crate::ui::dialogs::{Dialog, GuardedAction};
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};
use crate::ui::saver::{SaveJob, SaveOutcome};

/// Why a save runs, kept until it ends.
pub(super) struct SaveIntent {
    pub(super) generation: u64,
    pub(super) then: Option<GuardedAction>,
}

impl FactdeskApp {
    /// Saves to the project's file, or asks where when it has none.
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        if self.workspace.is_read_only() {
            return self.say(
                "This project is open read-only; use File › Save as… to keep a copy you can edit"
                    .into(),
                true,
            );
        }
        match self.workspace.path().map(Path::to_owned) {
            Some(path) => self.save_to(ctx, path, None),
            None => self.show_save_dialog(ctx, None),
        }
    }

    pub(super) fn show_save_dialog(&mut self, ctx: &egui::Context, then: Option<GuardedAction>) {
        let name = match self.workspace.path().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => format!(
                "{}{}",
                file_slug(&self.workspace.project().title),
                store::PROJECT_EXTENSION
            ),
        };
        self.file_dialogs.show(
            ctx,
            DialogRequest {
                purpose: DialogPurpose::SaveAs { then },
                title: "Save project".into(),
                filters: vec![("factdesk projects", vec!["json"])],
                folder: self.default_folder(),
                save_name: Some(name),
            },
        );
    }

    /// Starts saving to `path` on a worker thread, then runs `then`. A save asked for while one runs
    /// waits for it. See [`FactdeskApp::on_saved`] for how it ends.
    pub(super) fn save_to(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        then: Option<GuardedAction>,
    ) {
        if self.saver.busy().is_some() {
            self.queued_save = Some((path, then));
            return;
        }
        // Only the file this window opened is checked for changes by others: a Save as… target was
        // chosen in a dialog that already asked about replacing it.
        let expected = if self.workspace.path() == Some(path.as_path()) {
            self.disk.clone()
        } else {
            None
        };
        self.saving = Some(SaveIntent {
            generation: self.generation,
            then,
        });
        self.saver.start(
            ctx,
            SaveJob {
                project: self.workspace.project().clone(),
                path,
                revision: self.workspace.revision(),
                expected,
            },
        );
    }

    /// Ends a save: marks what was written saved, or says why nothing was written. Either way the
    /// project stays open with all its edits.
    pub(super) fn on_saved(&mut self, ctx: &egui::Context, outcome: SaveOutcome) {
        let intent = self.saving.take();
        let current = intent
            .as_ref()
            .is_some_and(|i| i.generation == self.generation);
        match outcome {
            SaveOutcome::Saved {
                path,
                revision,
                disk,
            } => {
                if current {
                    self.workspace.mark_saved_at(revision, path.clone());
                    self.disk = Some(disk);
                    if self.lock.as_ref().is_none_or(|(locked, _)| *locked != path) {
                        self.lock = match lock::acquire(&path) {
                            Ok(LockOutcome::Acquired(lock)) => Some((path.clone(), lock)),
                            _ => None,
                        };
                    }
                }
                self.remember_recent(&path);
                self.say(format!("Saved {}", path.display()), false);
                if let Some((path, then)) = self.queued_save.take() {
                    self.save_to(ctx, path, then);
                } else if let Some(action) = intent.and_then(|i| i.then)
                    && current
                {
                    self.guard(ctx, action);
                }
            }
            SaveOutcome::ChangedOnDisk { path, change } => {
                self.queued_save = None;
                self.show_dialog(Dialog::ChangedOnDisk {
                    path,
                    missing: change == store::DiskChange::Missing,
                    while_saving: true,
                });
            }
            SaveOutcome::Failed(error) => {
                self.queued_save = None;
                self.show_error("Could not save", format!("{error:#}\n\nYour work is still open and unsaved; try another folder with File › Save as…."));
            }
        }
    }
}

/// A file-name-safe short form of `title`: lower-case words joined by dashes, at most 60 chars.
pub fn file_slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.chars().count() + word.chars().count() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_lowercase());
    }
    if slug.is_empty() {
        "project".to_owned()
    } else {
        slug
    }
}

/// `path` ending in `.factdesk.json` unless it already ends in `.json`.
pub(super) fn with_project_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return path;
    }
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(store::PROJECT_EXTENSION);
    path.with_file_name(name)
}
