//! Autosave: unsaved work is copied to this window's recovery file (see [`crate::recovery`]) shortly
//! after each edit, off the UI thread, so a crash, a kill or a power cut costs at most the last couple
//! of seconds. The file is removed once the work is saved or deliberately discarded.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::model::{Workspace, validate};
use crate::recovery::{RecoveryEntry, RecoveryError, RecoverySession, RecoveryStore};

/// How long the project must stay unchanged before it is copied: typing is copied in one write once it
/// pauses, not at every key.
pub const QUIET: Duration = Duration::from_secs(1);
/// How long unsaved work may go uncopied while edits keep coming.
pub const AT_MOST: Duration = Duration::from_secs(2);

/// Which version of which workspace: the window's workspace count and the workspace's revision.
type Version = (u64, u64);

/// This window's autosave.
pub struct Autosave {
    store: RecoveryStore,
    session: Arc<RecoverySession>,
    /// The version in the recovery file, if there is one.
    written: Option<Version>,
    /// The version seen last frame and when it was first seen.
    seen: Option<(Version, Instant)>,
    /// When the recovery file first fell behind the project.
    behind_since: Option<Instant>,
    running: Option<(Version, Receiver<Result<(), RecoveryError>>)>,
    /// Work recovered from an earlier session; its file is removed once this session has written the
    /// work to its own file, so the work is on disk in one place or the other at every moment.
    adopted: Option<RecoveryEntry>,
    /// Why the last write failed, shown once.
    failure: Option<String>,
}

impl Autosave {
    /// Starts this window's recovery session in `store`; `Err` when its folder cannot be written.
    pub fn start(store: RecoveryStore) -> std::io::Result<Self> {
        let session = Arc::new(store.begin_session()?);
        Ok(Self {
            store,
            session,
            written: None,
            seen: None,
            behind_since: None,
            running: None,
            adopted: None,
            failure: None,
        })
    }

    /// The recovery store, to restore or discard earlier sessions' work.
    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// This window's recovery file.
    pub fn file(&self) -> PathBuf {
        self.session.file()
    }

    /// Takes over `entry`, work restored from an earlier session: it is removed once copied here.
    pub fn adopt(&mut self, entry: RecoveryEntry) {
        self.adopted = Some(entry);
    }

    /// Whether the recovery file holds `generation`'s workspace as it is now.
    pub fn is_current(&self, generation: u64, workspace: &Workspace) -> bool {
        self.written == Some((generation, workspace.revision()))
    }

    /// Why the last write failed, once; the window says it in the status bar.
    pub fn take_failure(&mut self) -> Option<String> {
        self.failure.take()
    }

    /// Called every frame: copies unsaved work once it has been quiet for [`QUIET`] (or behind for
    /// [`AT_MOST`]), removes the copy once the work is saved, and asks `ctx` to wake it when it next has
    /// something to do.
    pub fn tick(&mut self, ctx: &egui::Context, generation: u64, workspace: &Workspace) {
        self.finish_running();
        let now = Instant::now();
        let version = (generation, workspace.revision());
        match self.seen {
            Some((seen, _)) if seen == version => {}
            _ => self.seen = Some((version, now)),
        }
        if !workspace.is_dirty() {
            self.behind_since = None;
            if self.written.is_some() && self.running.is_none() {
                self.clear();
            }
            return;
        }
        if self.written == Some(version) {
            self.behind_since = None;
            return;
        }
        let behind_since = *self.behind_since.get_or_insert(now);
        if self.running.is_some() {
            ctx.request_repaint_after(Duration::from_millis(50));
            return;
        }
        let quiet_since = self.seen.map_or(now, |(_, since)| since);
        let due = (quiet_since + QUIET).min(behind_since + AT_MOST);
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        self.write_in_background(ctx, version, workspace);
    }

    fn write_in_background(
        &mut self,
        ctx: &egui::Context,
        version: Version,
        workspace: &Workspace,
    ) {
        let project = workspace.project().clone();
        let path = workspace.path().map(std::path::Path::to_owned);
        let session = Arc::clone(&self.session);
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            sender.send(session.write(&project, path.as_deref())).ok();
            ctx.request_repaint();
        });
        self.running = Some((version, receiver));
    }

    fn finish_running(&mut self) {
        let Some((version, receiver)) = &self.running else {
            return;
        };
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(RecoveryError::Write {
                path: self.session.file(),
                source: std::io::Error::other("the autosave stopped unexpectedly"),
            }),
        };
        let version = *version;
        self.running = None;
        match result {
            Ok(()) => {
                self.written = Some(version);
                self.behind_since = None;
                if let Some(entry) = self.adopted.take() {
                    self.store.discard(&entry).ok();
                }
            }
            Err(e) => self.failure = Some(format!("{e:#}")),
        }
    }

    /// Writes the project now, on this thread: when the window is about to go down (a panic) and no
    /// background write would finish. Only a consistent project is written, so a crash in the middle of
    /// a change cannot replace the last good copy with a broken one.
    pub fn write_now(
        &mut self,
        generation: u64,
        workspace: &Workspace,
    ) -> Result<(), RecoveryError> {
        if !workspace.is_dirty() || self.is_current(generation, workspace) {
            return Ok(());
        }
        if !validate(workspace.project()).is_empty() {
            return Ok(());
        }
        self.session.write(workspace.project(), workspace.path())?;
        self.written = Some((generation, workspace.revision()));
        Ok(())
    }

    /// Removes the recovery file: the work is saved, or the user chose to discard it.
    pub fn clear(&mut self) {
        if self.session.clear().is_ok() {
            self.written = None;
        }
    }

    /// Waits for a write under way, for when the window closes.
    pub fn finish(&mut self, limit: Duration) {
        if let Some((_, receiver)) = &self.running
            && receiver.recv_timeout(limit).is_ok()
        {
            self.running = None;
        }
    }
}
