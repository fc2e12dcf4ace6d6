//! Keeping work safe: recovery files of unsaved work and restoring them, the lock on the open project,
//! changes to the project file by someone else, a panic while drawing, and closing the window.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::FactdeskApp;
use crate::model::Workspace;
use crate::recovery::lock::{self, LockOutcome};
use crate::recovery::{RecoveryEntry, RecoveryStore, crash_log};
use crate::store;
use crate::ui::autosave::Autosave;
use crate::ui::dialogs::{Dialog, GuardedAction};

/// How often the lock file is touched, so windows on other machines sharing the folder (where OS
/// locks may not reach) keep treating the project as open here.
const LOCK_REFRESH: std::time::Duration = std::time::Duration::from_secs(15 * 60);

impl FactdeskApp {
    /// Keeps recovery files of unsaved work under `data_dir`, and offers the work an earlier window
    /// left there (after a crash or kill) along with the crash log it wrote, if any.
    #[must_use]
    pub fn with_data_dir(mut self, data_dir: &Path) -> Self {
        let store = RecoveryStore::new(data_dir);
        let entries = store.pending();
        let crash_log = crash_log::take_unreported(data_dir);
        match Autosave::start(store) {
            Ok(autosave) => self.autosave = Some(autosave),
            Err(e) => self.say(
                format!(
                    "Unsaved work cannot be kept for recovery ({e}): save often. Folder: {}",
                    data_dir.display()
                ),
                true,
            ),
        }
        if !entries.is_empty() || crash_log.is_some() {
            self.show_dialog(Dialog::Restore { entries, crash_log });
        }
        self
    }

    /// This window's recovery file, where unsaved work is copied.
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.autosave.as_ref().map(Autosave::file)
    }

    /// Whether the recovery file holds the project as it is now.
    pub fn recovery_is_current(&self) -> bool {
        self.autosave
            .as_ref()
            .is_some_and(|a| a.is_current(self.generation, &self.workspace))
    }

    /// Writes the unsaved work to the recovery file now, on this thread: for when the window is going
    /// down. Returns whether the work is safe there (or there was nothing unsaved).
    pub fn rescue_unsaved_work(&mut self) -> bool {
        let Some(autosave) = &mut self.autosave else {
            return !self.workspace.is_dirty();
        };
        autosave.write_now(self.generation, &self.workspace).is_ok()
            && (!self.workspace.is_dirty() || autosave.is_current(self.generation, &self.workspace))
    }

    /// Draws a frame like [`FactdeskApp::show`]; if drawing panics, first copies the unsaved work to
    /// the recovery file (the panic hook has written the crash log by then), then returns the panic.
    pub fn show_guarded(&mut self, ui: &mut Ui) -> std::thread::Result<()> {
        self.guarded(ui, Self::show)
    }

    pub(super) fn guarded(
        &mut self,
        ui: &mut Ui,
        draw: impl FnOnce(&mut Self, &mut Ui),
    ) -> std::thread::Result<()> {
        let shown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(self, ui)));
        if shown.is_err() {
            self.rescue_unsaved_work();
        }
        shown
    }

    /// Asks what to do when the project file was changed or removed by someone else since this window
    /// last read or wrote it.
    pub(super) fn check_disk(&mut self) {
        if self.dialog.is_some() || self.saver.busy().is_some() || self.loader.busy().is_some() {
            return;
        }
        let (Some(path), Some(disk)) = (self.workspace.path(), &self.disk) else {
            return;
        };
        let change = match disk.compare(path) {
            Ok(store::DiskChange::Unchanged) | Err(_) => return,
            Ok(change) => change,
        };
        self.show_dialog(Dialog::ChangedOnDisk {
            path: path.to_owned(),
            missing: change == store::DiskChange::Missing,
            while_saving: false,
        });
    }

    /// Opens work recovered from an earlier window, unsaved, in place of the sample or open project.
    pub(super) fn restore(&mut self, ctx: &egui::Context, entry: &crate::recovery::RecoveryEntry) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        match autosave.store().restore(entry) {
            Ok(project) => {
                let path = entry.project_path().map(Path::to_owned);
                autosave.adopt(entry.clone());
                self.replace_workspace(Workspace::recovered(project, path.clone()));
                if let Some(path) = path
                    && let Ok(LockOutcome::Acquired(lock)) = lock::acquire(&path)
                {
                    self.lock = Some((path, lock));
                }
                self.say(
                    "Restored your unsaved work; save it to keep it".into(),
                    false,
                );
                ctx.request_repaint();
            }
            Err(e) => self.show_error(
                "Could not restore the work",
                format!(
                    "{e:#}\n\nThe recovery file is kept: {}",
                    entry.file.display()
                ),
            ),
        }
    }

    /// Lists the work windows left unsaved, to restore or delete (File › Recover unsaved work…).
    pub(super) fn offer_recovery(&mut self) {
        let entries = self
            .autosave
            .as_ref()
            .map(|a| a.store().pending())
            .unwrap_or_default();
        if entries.is_empty() {
            self.show_dialog(Dialog::Notice {
                title: "Nothing to recover".into(),
                message: "No window left unsaved work behind: everything was saved or deliberately discarded.".into(),
            });
        } else {
            self.show_dialog(Dialog::Restore {
                entries,
                crash_log: None,
            });
        }
    }

    /// Deletes one piece of recovered work the user chose not to keep, and lists what is left.
    pub(super) fn discard_recovered(&mut self, entry: &RecoveryEntry) {
        if let Some(autosave) = &self.autosave {
            autosave.store().discard(entry).ok();
            let entries = autosave.store().pending();
            if !entries.is_empty() {
                self.show_dialog(Dialog::Restore {
                    entries,
                    crash_log: None,
                });
            }
        }
    }

    /// Opens the project another window holds, read-only.
    pub(super) fn open_pending_read_only(&mut self) {
        if let Some(open) = self.pending_open.take() {
            self.open_project(open, None);
            self.workspace.set_read_only(true);
            self.say(
                "Opened read-only: another window has this project open. File › Save as… makes a copy you can edit.".into(),
                false,
            );
        }
    }

    /// Opens the project another window holds, taking its lock over.
    pub(super) fn open_pending_anyway(&mut self) {
        if let Some(open) = self.pending_open.take() {
            let lock = lock::acquire_forcing(&open.path).ok().flatten();
            self.open_project(open, lock);
        }
    }

    /// Keeps this window's version of a project someone else changed on disk, saving it if asked.
    pub(super) fn keep_mine(&mut self, ctx: &egui::Context, save: bool) {
        // What is on disk now is the file this window replaces on its next save; the .bak written
        // then keeps the other version.
        let path = self.workspace.path().map(Path::to_owned);
        self.disk = path.and_then(|p| store::DiskState::read(&p).ok());
        if save && let Some(path) = self.workspace.path().map(Path::to_owned) {
            self.save_to(ctx, path, None);
        }
    }

    /// Once a frame: tells other windows the project is still open here, and copies unsaved work to
    /// the recovery file when it changed.
    pub(super) fn keep_work_safe(&mut self, ctx: &egui::Context) {
        if let Some((_, lock)) = &mut self.lock {
            if self.lock_refreshed.elapsed() >= LOCK_REFRESH {
                lock.refresh().ok();
                self.lock_refreshed = std::time::Instant::now();
            }
            ctx.request_repaint_after(LOCK_REFRESH);
        }
        if let Some(autosave) = &mut self.autosave {
            autosave.tick(ctx, self.generation, &self.workspace);
            if let Some(failure) = autosave.take_failure() {
                self.say(
                    format!("Could not keep a recovery copy of your work: {failure}"),
                    true,
                );
            }
        }
    }

    /// The window was asked to close: waits for a running save, or asks about unsaved changes.
    pub(super) fn on_close_requested(&mut self, ctx: &egui::Context) {
        if self.close_confirmed {
            return;
        }
        if self.saver.busy().is_some() {
            // Closing now would cut the save short; close once it is written.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if let Some(intent) = &mut self.saving {
                intent.then = Some(GuardedAction::Quit);
            }
            self.say("Closing once the save is written…".into(), false);
        } else if self.workspace.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            let asking = std::iter::once(&self.dialog)
                .flatten()
                .chain(&self.queued_dialogs)
                .any(|d| matches!(d, Dialog::UnsavedChanges(GuardedAction::Quit)));
            if !asking {
                self.show_dialog(Dialog::UnsavedChanges(GuardedAction::Quit));
            }
        }
    }

    /// Closes the window once the user said what happens to unsaved changes.
    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        // Saved or deliberately discarded: nothing is left to recover.
        if let Some(autosave) = &mut self.autosave {
            autosave.clear();
        }
        self.close_confirmed = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// The window is closing (possibly by the system, e.g. at log-out): lets a running save finish
    /// rather than cut it off; the atomic write means a cut-off save loses only that save. Settings
    /// changed and not yet written (the settings dialog still open) are written.
    pub(super) fn finish_on_exit(&mut self) {
        if let Some(message) = self.preferences.save().filter(|m| m.is_error) {
            // The window is going: the terminal is the only place left to say it.
            eprintln!("factdesk: {}", message.text);
        }
        self.saver.wait(std::time::Duration::from_secs(30));
        if let Some(autosave) = &mut self.autosave {
            autosave.finish(std::time::Duration::from_secs(5));
            if self.close_confirmed || !self.workspace.is_dirty() {
                autosave.clear();
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::model::Edit;
    use crate::recovery::RecoveryStore;

    #[test]
    fn a_panic_while_drawing_copies_the_unsaved_work_before_the_window_goes_down() {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut app = FactdeskApp::with_startup(Startup::Sample).with_data_dir(data.path());
        app.apply(Edit::SetProjectTitle("Rescued".into()), None);
        let mut outcome = None;
        let mut harness = egui_kittest::Harness::new_ui_state(
            |ui, app: &mut FactdeskApp| {
                outcome = Some(app.guarded(ui, |_, _| panic!("a bug while drawing")));
            },
            app,
        );
        harness.step();
        drop(harness);
        assert!(matches!(outcome, Some(Err(_))), "the panic is handed on");
        let store = RecoveryStore::new(data.path());
        let entries = store.pending();
        assert_eq!(
            entries.len(),
            1,
            "the window's session ended, its copy remains"
        );
        let Some(entry) = entries.first() else {
            return;
        };
        let restored = store.restore(entry).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(restored.title, "Rescued");
    }
}
