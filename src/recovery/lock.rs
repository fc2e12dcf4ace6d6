//! Project locks: one factdesk window edits a project file at a time.
//!
//! The lock is a hidden file beside the project, named like office suites name theirs:
//! `.~lock.NAME#` for a project `NAME` (e.g. `.~lock.report.factdesk.json#`), so it sorts next to the
//! project and common `.gitignore` templates already leave it out. It holds the owner as JSON
//! ([`LockOwner`]) and is held with an OS lock ([`std::fs::File::try_lock`]) while the project is open;
//! dropping the [`ProjectLock`] removes it.
//!
//! How an existing lock file is judged:
//! - its OS lock is held: another factdesk has the project open ([`LockOutcome::HeldBy`]);
//! - its OS lock is free and it names this machine: its owner is gone (crashed, killed, power loss), the
//!   lock is taken over and [`ProjectLock::taken_over`] says so;
//! - its OS lock is free and it names another machine: network shares often do not pass OS locks
//!   between machines, so the owner may well be running; the lock counts as held while its owner
//!   refreshed it within [`OTHER_HOST_TRUST`] (see [`ProjectLock::refresh`]) and as stale after that;
//! - this process already holds it (the project is open in another window of this process):
//!   [`LockOutcome::AlreadyOpenHere`], so the app can switch to that window instead of naming itself as
//!   the owner.
//!
//! Limitations: on Windows the OS lock keeps other processes from reading the file, so
//! [`LockOutcome::HeldBy`] carries no owner there. On a file system without OS locks at all, a lock
//! from this machine is judged like one from another machine, by its age.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{VERSION, host_name};

/// How long a lock written on another machine counts as held without being refreshed, when the OS lock
/// cannot tell (network shares). The app refreshes its locks far more often than this (see
/// [`ProjectLock::refresh`]), so a lock this old belongs to a window that is gone, or to a machine that
/// has slept since.
pub const OTHER_HOST_TRUST: Duration = Duration::from_secs(12 * 60 * 60);

/// Who holds a project lock, as written in the lock file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockOwner {
    /// The owner's process id.
    pub pid: u32,
    /// The machine it runs on.
    pub host: String,
    /// The user running it; empty when unknown.
    #[serde(default)]
    pub user: String,
    /// When it took the lock.
    pub since: DateTime<Utc>,
    /// When it last confirmed it still holds the lock; `since` until then.
    #[serde(default)]
    pub refreshed: Option<DateTime<Utc>>,
    /// The factdesk version it runs.
    #[serde(default)]
    pub factdesk_version: String,
}

impl LockOwner {
    /// This process, now.
    fn me() -> Self {
        Self {
            pid: std::process::id(),
            host: host_name(),
            user: user_name(),
            since: Utc::now(),
            refreshed: None,
            factdesk_version: VERSION.to_owned(),
        }
    }

    /// When the owner last showed it was alive.
    pub fn last_seen(&self) -> DateTime<Utc> {
        self.refreshed.unwrap_or(self.since)
    }
}

/// The user's login name, from the environment; empty when unknown. Only shown to people, never trusted.
fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

/// What [`acquire`] found.
#[derive(Debug)]
pub enum LockOutcome {
    /// The project is now locked by this process.
    Acquired(ProjectLock),
    /// Another factdesk has the project open: the owner, when the lock file could be read.
    HeldBy(Option<LockOwner>),
    /// This process already holds the lock: the project is open in one of its windows.
    AlreadyOpenHere,
}

/// The lock on one project file, held until dropped; dropping it removes the lock file.
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    /// The canonical path this process registered, to forget on drop.
    key: PathBuf,
    /// Held locked, unless the file system has no OS locks.
    file: File,
    owner: LockOwner,
    taken_over: bool,
    previous: Option<LockOwner>,
}

impl ProjectLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a lock file left by another owner was taken over: one that is gone (crashed, killed, power
    /// loss), or with [`acquire_forcing`] one on another machine. The app can mention it, as that owner
    /// may have had unsaved work (see the recovery files).
    pub fn taken_over(&self) -> bool {
        self.taken_over
    }

    /// The previous owner of a lock that was taken over, when its file could be read.
    pub fn previous_owner(&self) -> Option<&LockOwner> {
        self.previous.as_ref()
    }

    /// This process as written in the lock file.
    pub fn owner(&self) -> &LockOwner {
        &self.owner
    }

    /// Records in the lock file that the owner is still alive, so windows on other machines keep
    /// respecting it (see [`OTHER_HOST_TRUST`]). Call it now and then while the project is open, e.g.
    /// with each autosave.
    pub fn refresh(&mut self) -> io::Result<()> {
        self.owner.refreshed = Some(Utc::now());
        write_owner(&mut self.file, &self.owner)
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove the file while still holding its OS lock: whoever opened it meanwhile finds, once the
        // lock is free, that the path no longer names the file it locked, and starts again.
        std::fs::remove_file(&self.path).ok();
        self.file.unlock().ok();
        held_here().retain(|held| held != &self.key);
    }
}

/// Lock files this process holds, by canonical path, so a second window of the same process is told
/// [`LockOutcome::AlreadyOpenHere`].
static HELD_HERE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn held_here() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // The list stays consistent even if a thread panicked while holding it: each change is one push or
    // one retain.
    HELD_HERE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The lock file of the project at `project_path`: `.~lock.NAME#` in the same folder.
pub fn lock_path(project_path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".~lock.");
    if let Some(file_name) = project_path.file_name() {
        name.push(file_name);
    }
    name.push("#");
    project_path.with_file_name(name)
}

/// Locks the project at `project_path` for this process, or tells who has it.
///
/// `Err` when the lock file cannot be created or read (a read-only or missing folder): the app can open
/// the project without a lock and say so.
pub fn acquire(project_path: &Path) -> io::Result<LockOutcome> {
    acquire_with(project_path, false)
}

/// Locks the project even though the lock file says another machine has it open, for "Open anyway".
///
/// `Ok(None)` when the lock cannot be taken: another process on this machine (or on another, where the
/// share passes OS locks) holds it right now, or this process does. The app then opens the project
/// without a lock.
pub fn acquire_forcing(project_path: &Path) -> io::Result<Option<ProjectLock>> {
    match acquire_with(project_path, true)? {
        LockOutcome::Acquired(lock) => Ok(Some(lock)),
        LockOutcome::HeldBy(_) | LockOutcome::AlreadyOpenHere => Ok(None),
    }
}

fn acquire_with(project_path: &Path, force: bool) -> io::Result<LockOutcome> {
    let path = lock_path(project_path);
    let key = canonical_key(&path)?;
    // Held across the whole attempt, so two threads of this process cannot both take the same lock.
    let mut held = held_here();
    if held.contains(&key) {
        return Ok(LockOutcome::AlreadyOpenHere);
    }
    // A few rounds: the file may be removed by its owner between our open and our lock.
    for _ in 0..5 {
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let os_locked = match file.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => {
                return Ok(LockOutcome::HeldBy(read_owner(&mut file)));
            }
            // No OS locks here (some network file systems): the owner information alone decides.
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => false,
            Err(TryLockError::Error(e)) => return Err(e),
        };
        if !still_at(&file, &path) {
            continue;
        }
        let existing = read_owner(&mut file);
        // A free lock file with contents was left by an owner that did not remove it: one that is gone,
        // or one on a machine whose OS lock does not reach us.
        let taken_over = file.metadata()?.len() > 0;
        if let Some(owner) = &existing
            && !force
            && (owner.host != host_name() || !os_locked)
            && within_trust(owner.last_seen())
        {
            file.unlock().ok();
            return Ok(LockOutcome::HeldBy(existing));
        }
        let owner = LockOwner::me();
        write_owner(&mut file, &owner)?;
        held.push(key.clone());
        return Ok(LockOutcome::Acquired(ProjectLock {
            path,
            key,
            file,
            owner,
            taken_over,
            previous: existing,
        }));
    }
    Err(io::Error::other(format!(
        "the project lock file kept changing while factdesk tried to take it; try again: {}",
        path.display()
    )))
}

/// The lock file's path with its folder resolved, so two spellings of one folder are one lock.
fn canonical_key(path: &Path) -> io::Result<PathBuf> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut key = folder.canonicalize()?;
    if let Some(name) = path.file_name() {
        key.push(name);
    }
    Ok(key)
}

/// Whether `path` still names the open `file`: false when its owner removed it meanwhile.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Whether `path` still names the open `file`. Windows cannot open a file whose removal is pending, so
/// the race this guards against on Unix does not arise.
#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Whether an owner last seen at `last_seen` may still be running, for locks the OS cannot vouch for.
fn within_trust(last_seen: DateTime<Utc>) -> bool {
    match Utc::now().signed_duration_since(last_seen).to_std() {
        Ok(age) => age < OTHER_HOST_TRUST,
        // Seen "in the future": the other machine's clock is ahead; it was alive very recently.
        Err(_) => true,
    }
}

fn read_owner(file: &mut File) -> Option<LockOwner> {
    let mut bytes = Vec::new();
    file.rewind().ok()?;
    // Lock files are a few hundred bytes; anything much larger is not ours.
    file.take(64 * 1024).read_to_end(&mut bytes).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Replaces the lock file's contents with `owner`, in place: the OS lock belongs to this very file, so
/// it cannot be replaced by renaming another over it.
fn write_owner(file: &mut File, owner: &LockOwner) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(owner).map_err(io::Error::other)?;
    bytes.push(b'\n');
    file.rewind()?;
    // One write of a few hundred bytes: a reader on another machine sees the old or the new owner in
    // practice, and a garbled one only makes the lock look stale to a lock-less share.
    file.write_all(&bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.flush()
}
