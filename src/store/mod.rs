//! Project files (`*.factdesk.json`): atomic, deterministic saving and validating loading.
//!
//! The file is pretty-printed JSON with fields in a fixed order (members factdesk does not know after
//! them, in key order), so the same project always gives the same bytes and git diffs stay small. Its
//! format is documented in docs/FORMAT.md.
//!
//! Files of an older format version are migrated on load ([`migrate`]) and saved in the current one;
//! members factdesk does not know are kept and written back (see [`crate::model::UnknownMembers`]).
//! [`load_with_report`] tells the caller about both, so the user can be told.

mod disk;
mod error;
mod explain;
mod file;
mod migrate;
pub mod origin;
mod repair;

use std::path::Path;

pub use disk::{DiskChange, DiskState};
pub use error::StoreError;
pub(crate) use file::{TEMP_PREFIX, TEMP_SUFFIX};
pub use file::{create_private_dir, private_new_file, write_atomically, write_private};
pub use migrate::migrate;
pub use repair::load_repaired;

use crate::model::{Project, SCHEMA_VERSION, StrictValue, is_web_address, validate};

/// The file name ending of project files.
pub const PROJECT_EXTENSION: &str = ".factdesk.json";

/// Files larger than this are refused rather than read into memory.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// Whether `path` names a project file rather than an article.
pub fn is_project_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(PROJECT_EXTENSION))
}

/// The project as the bytes of a project file, its articles' origins as they are in memory (absolute
/// paths); what a recovery file holds. A project file records them relative to its folder: see
/// [`to_bytes_for`].
pub fn to_bytes(project: &Project) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(project).map_err(StoreError::Serialize)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The bytes of the project file at `path`: [`to_bytes`] with every article's origin as a file there
/// records it, relative to its folder or only a file name ([`origin::portable`]).
pub fn to_bytes_for(project: &Project, path: &Path) -> Result<Vec<u8>, StoreError> {
    to_bytes(&origin::portable(project, path))
}

/// Writes `project` to `path` atomically; see [`write_atomically`]. Origins are recorded as
/// [`to_bytes_for`] says.
///
/// The file it replaces is kept beside it as `NAME.factdesk.json.bak` (see [`backup_path`]), so the
/// version before the last save can always be recovered. The backup is best effort: failing to write
/// it does not stop the save.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    save_bytes(&to_bytes_for(project, path)?, path).map(drop)
}

/// Writes the bytes of a project file (see [`to_bytes`]) to `path` as [`save`] does, and returns what
/// the file now looks like, so a later change by someone else can be noticed.
pub fn save_bytes(bytes: &[u8], path: &Path) -> Result<DiskState, StoreError> {
    if let Ok(previous) = std::fs::read(path)
        && previous != bytes
    {
        file::write_copy(path, &backup_path(path), &previous).ok();
    }
    let write_error = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    write_atomically(path, bytes).map_err(write_error)?;
    let modified = std::fs::metadata(path)
        .map_err(write_error)?
        .modified()
        .ok();
    Ok(DiskState::of_bytes(bytes, modified))
}

/// Where [`save`] keeps the previous version of the project file at `path`: `path` with `.bak` added.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// A project read from a file, with what the user should be told about how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The project, in the current format.
    pub project: Project,
    /// The file's format version when it was older than [`SCHEMA_VERSION`] and was migrated; `None`
    /// when the file was already current. The next save writes the current format.
    pub migrated_from: Option<u64>,
    /// The JSON path of every member of the file factdesk does not know, e.g. `claims[2].x-review-id`.
    /// They are kept and written back on save.
    pub unknown_members: Vec<String>,
}

impl Loaded {
    /// How many unknown members [`Loaded::notices`] names before it only counts the rest.
    const NAMED_UNKNOWN_MEMBERS: usize = 5;

    /// What to tell the user about how the file was read, one sentence each; empty when there is
    /// nothing to say.
    pub fn notices(&self) -> Vec<String> {
        let mut notices = Vec::new();
        if let Some(version) = self.migrated_from {
            notices.push(format!(
                "This project was saved by an older factdesk (format {version}); it will be saved in \
                 format {SCHEMA_VERSION}, and the first save keeps the file as it was beside it as a \
                 .bak copy."
            ));
            // Formats before 3 recorded where each article lay on the author's disk; the .bak,
            // kept byte for byte as the safety copy, still does.
            let read_from_files = || {
                self.project.articles.iter().any(|article| {
                    article
                        .origin
                        .as_deref()
                        .is_some_and(|origin| !is_web_address(origin))
                })
            };
            if version < 3 && read_from_files() {
                notices.push(
                    "That format recorded the full path of each article's file on the computer that \
                     saved it; the new format records only where it lies beside the project, but \
                     the .bak copy keeps the full paths: delete it before you send the project \
                     folder to anyone."
                        .to_owned(),
                );
            }
        }
        if !self.unknown_members.is_empty() {
            let mut named = self
                .unknown_members
                .iter()
                .take(Self::NAMED_UNKNOWN_MEMBERS)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = self
                .unknown_members
                .len()
                .saturating_sub(Self::NAMED_UNKNOWN_MEMBERS);
            if more > 0 {
                named.push_str(&format!(" and {more} more"));
            }
            notices.push(format!(
                "The file has {} member(s) this factdesk does not know ({named}); they are kept and \
                 written back when the project is saved.",
                self.unknown_members.len()
            ));
        }
        notices
    }
}

/// Reads the project file at `path`, checking its JSON, its version and its consistency.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    load_with_report(path).map(|loaded| loaded.project)
}

/// Reads the project file at `path` as [`load`] does, and says whether it was migrated from an older
/// format and which members it has that factdesk does not know.
pub fn load_with_report(path: &Path) -> Result<Loaded, StoreError> {
    let mut loaded = read_file(path)?;
    loaded.project = check(loaded.project).map_err(|e| e.with_path(path))?;
    Ok(loaded)
}

/// Reads the project file at `path` as far as its structure: JSON, version and field types, but not the
/// consistency [`load`] also checks. For repairing a file that [`load`] refuses.
pub fn load_unchecked(path: &Path) -> Result<Project, StoreError> {
    read_file(path).map(|loaded| loaded.project)
}

/// The file at `path` read as far as its structure (see [`load_unchecked`]).
fn read_file(path: &Path) -> Result<Loaded, StoreError> {
    let (bytes, _) = read_project_bytes(path)?;
    let mut loaded = read_bytes(&bytes).map_err(|e| e.with_path(path))?;
    origin::settle(&mut loaded, path);
    Ok(loaded)
}

/// Reads the project file at `path` as [`load_with_report`] does, and records what the file held from
/// the same read, so a later change by someone else can be noticed.
pub fn load_recording(path: &Path) -> Result<(Loaded, DiskState), StoreError> {
    let (bytes, modified) = read_project_bytes(path)?;
    let disk = DiskState::of_bytes(&bytes, modified);
    let mut loaded = read_bytes(&bytes).map_err(|e| e.with_path(path))?;
    origin::settle(&mut loaded, path);
    loaded.project = check(loaded.project).map_err(|e| e.with_path(path))?;
    Ok((loaded, disk))
}

/// The bytes of the project file at `path`, refused past [`MAX_PROJECT_BYTES`], with its modification
/// time as it was before the read (a change made during the read then shows as a change later).
fn read_project_bytes(path: &Path) -> Result<(Vec<u8>, Option<std::time::SystemTime>), StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    let too_large = |size| StoreError::TooLarge {
        path: path.to_owned(),
        size,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if metadata.len() > MAX_PROJECT_BYTES {
        return Err(too_large(metadata.len()));
    }
    let bytes = read_at_most(path, MAX_PROJECT_BYTES)
        .map_err(read_error)?
        .map_err(too_large)?;
    Ok((bytes, metadata.modified().ok()))
}

/// The bytes of the file at `path` when there are at most `limit` of them; else `Err` with how many
/// were read before giving up (more than `limit`).
///
/// The file's size as the system reports it is not enough: a device such as `/dev/zero`, a named pipe
/// or a file still growing reports a size that says nothing of what a read returns, and reading it
/// whole would take all memory.
pub fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    Ok(if read > limit { Err(read) } else { Ok(bytes) })
}

/// Parses and checks the bytes of a project file. Errors carry an empty path; [`load`] fills it in.
pub fn from_bytes(bytes: &[u8]) -> Result<Project, StoreError> {
    from_bytes_with_report(bytes).map(|loaded| loaded.project)
}

/// Parses and checks the bytes of a project file as [`from_bytes`] does, reporting as
/// [`load_with_report`] does. Errors carry an empty path.
pub fn from_bytes_with_report(bytes: &[u8]) -> Result<Loaded, StoreError> {
    let mut loaded = read_bytes(bytes)?;
    loaded.project = check(loaded.project)?;
    Ok(loaded)
}

/// `project` when it is consistent, else every problem in it. Errors carry an empty path.
fn check(project: Project) -> Result<Project, StoreError> {
    let problems = validate(&project);
    if problems.is_empty() {
        Ok(project)
    } else {
        Err(StoreError::Invalid {
            path: std::path::PathBuf::new(),
            problems,
        })
    }
}

/// Parses the bytes of a project file as far as its structure (see [`load_unchecked`]). Errors carry an
/// empty path.
pub fn from_bytes_unchecked(bytes: &[u8]) -> Result<Project, StoreError> {
    read_bytes(bytes).map(|loaded| loaded.project)
}

/// The bytes of a project file read as far as its structure, migrated to the current format.
fn read_bytes(bytes: &[u8]) -> Result<Loaded, StoreError> {
    // Some Windows editors start UTF-8 files with a byte order mark, which JSON does not allow; it
    // carries nothing, so a hand-edited project is not refused for it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(StoreError::Json {
            path: std::path::PathBuf::new(),
            field: String::new(),
            line: 1,
            column: 1,
            message: "expected UTF-8 text, but found UTF-16 text; save the file again as UTF-8"
                .into(),
        });
    }
    // First as a JSON value that refuses an object holding a member twice: serde_json's own `Value`
    // silently keeps the last of two equal keys, and JSON leaves open which one was meant. This one
    // check covers every version, before an older file is migrated as a value.
    let value = match serde_json::from_slice::<StrictValue>(bytes) {
        Ok(StrictValue(value)) => value,
        Err(e) => return Err(explain::not_json(bytes, &e)),
    };

    let version = version_of(&value, bytes)?;
    let current = u64::from(SCHEMA_VERSION);
    let mut project: Project = if version == current {
        // Read the bytes again rather than the value, so that a wrong member is named by its line
        // and column as well as its path. Without tracking the path, which costs 10-20% of the load
        // time of a large project (every key is copied); only a refused file is read once more to
        // find it.
        drop(value);
        serde_json::from_slice(bytes).map_err(|first| {
            let mut reader = serde_json::Deserializer::from_slice(bytes);
            match serde_path_to_error::deserialize::<_, Project>(&mut reader) {
                Err(e) => {
                    refused_as_described(bytes, version, &explain::segments(e.path()), e.inner())
                }
                Ok(_) => refused_as_described(bytes, version, &[], &first),
            }
        })?
    } else {
        let migrated = migrate(value, version)?;
        serde_path_to_error::deserialize(migrated).map_err(|e| {
            refused_as_described(bytes, version, &explain::segments(e.path()), e.inner())
        })?
    };
    // The format writes the hash in lower case; one written in upper case by another tool is the same
    // hash, and is written back as the format has it.
    for article in &mut project.articles {
        article.sha256.make_ascii_lowercase();
    }
    let unknown_members = project.unknown_members();
    Ok(Loaded {
        project,
        migrated_from: (version < current).then_some(version),
        unknown_members,
    })
}

/// The error for a file of format `version` whose member at `path` is not as the format describes
/// it. The file is read once more to quote what it holds there (in the current format): only a
/// refused file costs that.
fn refused_as_described(
    bytes: &[u8],
    version: u64,
    path: &[serde_path_to_error::Segment],
    error: &serde_json::Error,
) -> StoreError {
    let file = serde_json::from_slice::<StrictValue>(bytes)
        .ok()
        .and_then(|StrictValue(value)| migrate(value, version).ok());
    explain::not_a_project_as_described(bytes, file.as_ref(), path, error)
}

/// The file's `schema_version`, read before anything else. Newer versions are refused here, before
/// the rest of the file is looked at. `bytes` are the file's, to quote a version as it writes it.
fn version_of(value: &serde_json::Value, bytes: &[u8]) -> Result<u64, StoreError> {
    let Some(version) = value.get("schema_version") else {
        return Err(StoreError::NotAProject {
            path: std::path::PathBuf::new(),
            found: explain::describe(value),
        });
    };
    match version.as_u64() {
        None => Err(StoreError::Shape {
            path: std::path::PathBuf::new(),
            field: "schema_version".into(),
            message: format!(
                "expected the format version, a whole number such as {SCHEMA_VERSION}, but found {}",
                explain::describe_as_written(version, bytes, None)
            ),
        }),
        Some(v) if v > u64::from(SCHEMA_VERSION) => Err(StoreError::NewerVersion {
            path: std::path::PathBuf::new(),
            version: v,
        }),
        Some(v) => Ok(v),
    }
}
