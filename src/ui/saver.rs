//! Saving off the UI thread: the window takes a copy of the project and goes on drawing while the copy
//! is turned into JSON and written to disk, so a large project never freezes typing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::Project;
use crate::store::{self, DiskChange, DiskState, StoreError};

/// One save to run.
pub struct SaveJob {
    /// A copy of the project as it was when the save was asked for.
    pub project: Project,
    /// Where to write it.
    pub path: PathBuf,
    /// The workspace revision the copy was taken at; edits made after it stay unsaved.
    pub revision: u64,
    /// What the file held when this window last read or wrote it. When the file no longer holds that,
    /// someone else changed it and the save stops before overwriting it.
    pub expected: Option<DiskState>,
}

/// How a save ended.
pub enum SaveOutcome {
    /// Written.
    Saved {
        /// Where.
        path: PathBuf,
        /// The revision that is now on disk.
        revision: u64,
        /// The file as written.
        disk: DiskState,
    },
    /// Not written: the file changed on disk since this window last read or wrote it.
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
        /// What changed.
        change: DiskChange,
    },
    /// Not written; the file on disk is as it was. The error names the file.
    Failed(StoreError),
}

struct Running {
    path: PathBuf,
    revision: u64,
    receiver: Receiver<SaveOutcome>,
}

/// Runs one save at a time on a worker thread.
#[derive(Default)]
pub struct Saver {
    current: Option<Running>,
}

impl Saver {
    /// Starts writing `job` on a worker thread; `ctx` is woken when it is done.
    pub fn start(&mut self, ctx: &egui::Context, job: SaveJob) {
        let (sender, receiver) = channel();
        self.current = Some(Running {
            path: job.path.clone(),
            revision: job.revision,
            receiver,
        });
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            sender.send(run(job)).ok();
            ctx.request_repaint();
        });
    }

    /// The file being written and the revision being written to it, while a save runs.
    pub fn busy(&self) -> Option<(&Path, u64)> {
        self.current
            .as_ref()
            .map(|r| (r.path.as_path(), r.revision))
    }

    /// How the running save ended, once it has.
    pub fn poll(&mut self) -> Option<SaveOutcome> {
        let running = self.current.as_ref()?;
        let outcome = match running.receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => SaveOutcome::Failed(StoreError::Write {
                path: running.path.clone(),
                source: std::io::Error::other("the save stopped unexpectedly"),
            }),
        };
        self.current = None;
        Some(outcome)
    }

    /// Waits for the running save to end (at most `limit`), for when the window is about to close.
    pub fn wait(&mut self, limit: std::time::Duration) -> Option<SaveOutcome> {
        let running = self.current.as_ref()?;
        let outcome = running.receiver.recv_timeout(limit).ok()?;
        self.current = None;
        Some(outcome)
    }
}

fn run(job: SaveJob) -> SaveOutcome {
    let SaveJob {
        mut project,
        path,
        revision,
        expected,
    } = job;
    if let Some(expected) = &expected {
        match expected.compare(&path) {
            Ok(DiskChange::Unchanged) => {}
            Ok(change) => return SaveOutcome::ChangedOnDisk { path, change },
            Err(source) => return SaveOutcome::Failed(StoreError::Read { path, source }),
        }
    }
    let written = {
        // The job's copy of the project is this save's own, so its origins are made portable in
        // place rather than in a second copy.
        store::origin::make_portable(&mut project, &path);
        store::to_bytes(&project).and_then(|bytes| store::save_bytes(&bytes, &path))
    };
    match written {
        Ok(disk) => SaveOutcome::Saved {
            path,
            revision,
            disk,
        },
        Err(error) => SaveOutcome::Failed(error),
    }
}
