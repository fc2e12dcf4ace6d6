//! Never losing work: recovery files written in the background, crash logs, and locks that keep two
//! factdesk windows from editing the same project file.
//!
//! Everything lives under the data folder ([`data_dir`]): `recovery/` holds one recovery file per running
//! window ([`RecoveryStore`]), `crashes/` the crash logs ([`crash_log`]). Project locks live beside the
//! project file itself ([`lock`]).
//!
//! Whether the process that wrote a recovery file is still running is told by an OS file lock
//! ([`std::fs::File::try_lock`]) that the writer holds for as long as it lives: the system releases it when
//! the process ends in any way, crash and `kill -9` included, so no process ids are guessed.

pub mod crash_log;
pub mod lock;

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use crate::model::Project;
use crate::store::{self, PROJECT_EXTENSION, StoreError};

/// The environment variable that, when set, names the data folder instead of the system's usual one;
/// for tests and for running factdesk from a USB stick.
pub const DATA_DIR_ENV: &str = "FACTDESK_DATA_DIR";

/// The version of factdesk written into recovery files, crash logs and lock files.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How old a temporary file left by an interrupted save must be before [`remove_stale_temp_files`]
/// treats it as abandoned. A save in progress keeps touching its file; one that has not changed for this
/// long was cut off by a crash or power loss.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// The folder factdesk keeps recovery files and crash logs in: `$FACTDESK_DATA_DIR` when set and not
/// empty, else the system's per-user data folder (`~/.local/share/factdesk` on Linux,
/// `~/Library/Application Support/factdesk` on macOS, `%APPDATA%\factdesk\data` on Windows).
///
/// `None` when neither is known (no home folder); the app then runs without recovery files. The folder
/// is not created here: each part creates what it needs when it first writes.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "factdesk").map(|dirs| dirs.data_dir().to_owned())
}

/// This machine's name as other machines would see it in a lock or recovery file; empty when unknown.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Removes the temporary files an interrupted save left in `folder` (named `.factdesk-save-*.tmp`, see
/// [`store::write_atomically`]) that have not changed for `min_age`, and returns their paths.
///
/// A save killed midway leaves its temporary file behind; the project file itself is untouched. Call
/// this when opening a project (with [`STALE_TEMP_AGE`]) so such leftovers do not pile up. Files that
/// cannot be removed are skipped: they are harmless.
pub fn remove_stale_temp_files(folder: &Path, min_age: Duration) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(store::TEMP_PREFIX) && name.ends_with(store::TEMP_SUFFIX)) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .unwrap_or_default();
        if age >= min_age && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// A recovery file could not be written. The project itself and its file are never affected.
#[derive(Debug, Error)]
pub enum RecoveryError {
    /// The project could not be turned into JSON.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The recovery folder or file could not be written.
    #[error(
        "could not write the recovery file (your project is not affected, but unsaved changes are not protected against a crash; check that the disk has space and the folder is writable): {source}: {}",
        path.display()
    )]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// What a recovery file is a copy of, written beside it as `<session>.meta.json` so the list of
/// recoverable work can be shown without reading whole projects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecoveryMeta {
    /// Format version of this file; 1.
    pub version: u32,
    /// The project file the work belongs to; `None` for a project never saved.
    pub project_path: Option<PathBuf>,
    /// The project's title.
    pub title: String,
    /// How many claims the project holds.
    pub claims: usize,
    /// When the recovery file was written.
    pub saved_at: DateTime<Utc>,
    /// The process that wrote it.
    pub pid: u32,
    /// The machine it was written on.
    pub host: String,
    /// The factdesk version that wrote it.
    pub factdesk_version: String,
}

impl Default for RecoveryMeta {
    fn default() -> Self {
        Self {
            version: 1,
            project_path: None,
            title: String::new(),
            claims: 0,
            saved_at: DateTime::<Utc>::default(),
            pid: 0,
            host: String::new(),
            factdesk_version: String::new(),
        }
    }
}

/// Recovery files in `<data dir>/recovery`: each running window writes its unsaved work there in a
/// [`RecoverySession`]; at start-up [`RecoveryStore::pending`] lists what windows that are gone left
/// behind.
///
/// Files of a session `ID`: `ID.factdesk.json` (the project, in the project file format),
/// `ID.meta.json` ([`RecoveryMeta`]) and `ID.lock` (held with an OS lock while the session lives).
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// The recovery files under the data folder `data_dir` (see [`data_dir`]), in its `recovery`
    /// subfolder. Nothing is created until a session writes.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("recovery"),
        }
    }

    /// The folder holding the recovery files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts a session for one window: creates the folder if needed and takes the OS lock that tells
    /// other processes this session is alive.
    pub fn begin_session(&self) -> io::Result<RecoverySession> {
        store::create_private_dir(&self.dir)?;
        // A new random id, so there is no file to clash with; create_new makes sure of it.
        let id = Uuid::new_v4();
        let lock_path = self.file(id, LOCK_SUFFIX);
        let lock = store::private_new_file().read(true).open(&lock_path)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "a new recovery lock file is already locked: {}",
                        lock_path.display()
                    ),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        Ok(RecoverySession {
            id,
            dir: self.dir.clone(),
            lock,
        })
    }

    /// Recovery files whose session is over (its process ended: crash, kill, power loss, or a window
    /// closed without clearing it), newest first. Sessions still running, this process's included, are
    /// left out. A recovery file whose description is missing or unreadable is listed all the same, as
    /// "unknown project", so no recoverable work is hidden.
    ///
    /// Also tidies the folder: removes lock and description files of sessions that are over and left no
    /// project, and temporary files of writes cut off more than [`STALE_TEMP_AGE`] ago.
    ///
    /// Limitations: two factdesk windows starting at the same moment may both list the same entry.
    pub fn pending(&self) -> Vec<RecoveryEntry> {
        let Ok(read) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut projects = Vec::new();
        let mut others = Vec::new();
        for entry in read.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some(id) = session_id(name, PROJECT_EXTENSION) {
                projects.push(id);
            } else if let Some(id) =
                session_id(name, META_SUFFIX).or_else(|| session_id(name, LOCK_SUFFIX))
            {
                others.push(id);
            }
        }
        remove_stale_temp_files(&self.dir, STALE_TEMP_AGE);
        for id in others {
            if !projects.contains(&id) && !self.is_alive(id) {
                // Nothing to recover: the session ended before writing, or its project was cleared
                // and the rest of its files were not.
                std::fs::remove_file(self.file(id, META_SUFFIX)).ok();
                std::fs::remove_file(self.file(id, LOCK_SUFFIX)).ok();
            }
        }
        let mut entries: Vec<RecoveryEntry> = projects
            .into_iter()
            .filter(|&id| !self.is_alive(id))
            .filter_map(|id| self.entry(id))
            .collect();
        entries.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.session.cmp(&b.session)));
        entries
    }

    /// Reads the project in a recovery file, with the checks and migrations of [`store::load`].
    pub fn restore(&self, entry: &RecoveryEntry) -> Result<Project, StoreError> {
        store::load(&entry.file)
    }

    /// Deletes a recovery file and its companions: after it was restored into a window (whose own
    /// session now protects it) or when the user chose to throw it away. A file already gone is fine.
    pub fn discard(&self, entry: &RecoveryEntry) -> io::Result<()> {
        remove_session_files(&self.dir, entry.session)
    }

    /// Whether the session `id` still runs: its lock file exists and another open file holds its OS lock.
    fn is_alive(&self, id: Uuid) -> bool {
        let Ok(file) = File::open(self.file(id, LOCK_SUFFIX)) else {
            return false;
        };
        match file.try_lock() {
            // Dropping the file releases the lock at once.
            Ok(()) => false,
            Err(TryLockError::WouldBlock) => true,
            // A file system without locks cannot tell; listing the file is the safe side.
            Err(TryLockError::Error(_)) => false,
        }
    }

    /// The listing of session `id`'s recovery file, if it is still there.
    fn entry(&self, id: Uuid) -> Option<RecoveryEntry> {
        let file = self.file(id, PROJECT_EXTENSION);
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
        let meta = std::fs::read(self.file(id, META_SUFFIX))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<RecoveryMeta>(&bytes).ok());
        let saved_at = meta
            .as_ref()
            .map_or_else(|| DateTime::<Utc>::from(modified), |m| m.saved_at);
        Some(RecoveryEntry {
            session: id,
            file,
            meta,
            saved_at,
        })
    }

    fn file(&self, id: Uuid, suffix: &str) -> PathBuf {
        session_file(&self.dir, id, suffix)
    }
}

/// Name ending of a session's description file.
const META_SUFFIX: &str = ".meta.json";
/// Name ending of a session's lock file.
const LOCK_SUFFIX: &str = ".lock";

fn session_file(dir: &Path, id: Uuid, suffix: &str) -> PathBuf {
    dir.join(format!("{id}{suffix}"))
}

/// The session id in a file name `ID<suffix>`, if it is one of ours.
fn session_id(name: &str, suffix: &str) -> Option<Uuid> {
    name.strip_suffix(suffix)
        .and_then(|id| Uuid::try_parse(id).ok())
}

/// Removes a session's project, description and lock files, in that order: while the project file
/// exists the lock file must too, or another process would take a running session for a finished one.
fn remove_session_files(dir: &Path, id: Uuid) -> io::Result<()> {
    for suffix in [PROJECT_EXTENSION, META_SUFFIX, LOCK_SUFFIX] {
        match std::fs::remove_file(session_file(dir, id, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Work a session left behind, as [`RecoveryStore::pending`] lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    /// The session that wrote it.
    pub session: Uuid,
    /// The recovery file, in the project file format.
    pub file: PathBuf,
    /// Its description; `None` when missing or unreadable.
    pub meta: Option<RecoveryMeta>,
    /// When it was written: from the description, else the file's modification time.
    pub saved_at: DateTime<Utc>,
}

impl RecoveryEntry {
    /// The project's title, or "unknown project" when the description is missing or the title empty.
    pub fn title(&self) -> &str {
        match &self.meta {
            Some(meta) if !meta.title.trim().is_empty() => &meta.title,
            _ => "unknown project",
        }
    }

    /// The project file the work belongs to; `None` when it was never saved or is unknown.
    pub fn project_path(&self) -> Option<&Path> {
        self.meta.as_ref().and_then(|m| m.project_path.as_deref())
    }

    /// One line for a list of recoverable work, e.g. `"Troops" (2 claims, untitled), saved 2026-11-02
    /// 09:30 UTC`.
    pub fn describe(&self) -> String {
        let saved = self.saved_at.format("%Y-%m-%d %H:%M UTC");
        match &self.meta {
            Some(meta) => {
                let place = meta
                    .project_path
                    .as_deref()
                    .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                let claims = if meta.claims == 1 { "claim" } else { "claims" };
                format!(
                    "\"{}\" ({} {claims}, {place}), saved {saved}",
                    self.title(),
                    meta.claims
                )
            }
            None => format!("unknown project, saved {saved}"),
        }
    }
}

/// One window's recovery file. Holds the OS lock on `ID.lock` for as long as it lives, so other
/// processes know the window is still running and leave its file alone.
///
/// Dropping a session keeps its recovery file (a panic unwinding past it must not delete the copy the
/// crash handler just wrote); call [`RecoverySession::clear`] once the work is safe.
#[derive(Debug)]
pub struct RecoverySession {
    id: Uuid,
    dir: PathBuf,
    /// Held locked; closing it (on drop or process end) releases the lock.
    lock: File,
}

impl RecoverySession {
    /// The session id, which names its files.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The recovery file this session writes.
    pub fn file(&self) -> PathBuf {
        session_file(&self.dir, self.id, PROJECT_EXTENSION)
    }

    /// Writes `project` as this session's recovery file, then its description; `project_path` is the
    /// file the project belongs to, `None` when never saved. Both writes are atomic, so a crash during
    /// one leaves the previous copy whole. Takes about as long as a save without the disk flush of the
    /// backup: meant for a background thread or the crash handler.
    pub fn write(
        &self,
        project: &Project,
        project_path: Option<&Path>,
    ) -> Result<(), RecoveryError> {
        let bytes = store::to_bytes(project)?;
        let file = self.file();
        // The folder may have been removed while the app ran (a cleanup tool); writing is what matters.
        store::create_private_dir(&self.dir).map_err(|source| RecoveryError::Write {
            path: self.dir.clone(),
            source,
        })?;
        store::write_private(&file, &bytes).map_err(|source| RecoveryError::Write {
            path: file.clone(),
            source,
        })?;
        let meta = RecoveryMeta {
            version: 1,
            // A path that is not UTF-8 cannot go into JSON as is; a readable approximation helps more
            // than losing the description.
            project_path: project_path.map(|p| PathBuf::from(p.to_string_lossy().into_owned())),
            title: project.title.clone(),
            claims: project.claims.len(),
            saved_at: Utc::now(),
            pid: std::process::id(),
            host: host_name(),
            factdesk_version: VERSION.to_owned(),
        };
        let meta_path = session_file(&self.dir, self.id, META_SUFFIX);
        let mut meta_bytes = serde_json::to_vec_pretty(&meta).map_err(StoreError::Serialize)?;
        meta_bytes.push(b'\n');
        store::write_private(&meta_path, &meta_bytes).map_err(|source| RecoveryError::Write {
            path: meta_path,
            source,
        })
    }

    /// Removes this session's recovery file and description: after a successful save, or on a clean
    /// exit with nothing unsaved. The session stays usable; the next [`RecoverySession::write`] writes
    /// them again.
    pub fn clear(&self) -> io::Result<()> {
        for suffix in [PROJECT_EXTENSION, META_SUFFIX] {
            match std::fs::remove_file(session_file(&self.dir, self.id, suffix)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

impl Drop for RecoverySession {
    fn drop(&mut self) {
        // A lock file with no recovery file beside it protects nothing; one with a recovery file stays,
        // and the released lock tells the next start that the work can be recovered.
        if !self.file().exists() {
            std::fs::remove_file(session_file(&self.dir, self.id, LOCK_SUFFIX)).ok();
        }
        self.lock.unlock().ok();
    }
}
