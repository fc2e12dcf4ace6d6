//! Project files (`*.factdesk.json`): atomic, deterministic saving and validating loading.
//!
//! The file is pretty-printed JSON with fields in a fixed order and no maps, so the same project always
//! gives the same bytes and git diffs stay small. Its format is documented in docs/FORMAT.md.

mod disk;
mod error;
mod repair;

use std::io::Write;
use std::path::Path;

pub use disk::{DiskChange, DiskState};
pub use error::StoreError;
pub use repair::load_repaired;

use crate::model::{Project, SCHEMA_VERSION, validate};

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

/// The project as the bytes of a project file.
pub fn to_bytes(project: &Project) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(project).map_err(StoreError::Serialize)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `project` to `path` atomically; see [`write_atomically`].
///
/// The file it replaces is kept beside it as `NAME.factdesk.json.bak` (see [`backup_path`]), so the
/// version before the last save can always be recovered. The backup is best effort: failing to write
/// it does not stop the save.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    save_bytes(&to_bytes(project)?, path).map(drop)
}

/// Writes the bytes of a project file (see [`to_bytes`]) to `path` as [`save`] does, and returns what
/// the file now looks like, so a later change by someone else can be noticed.
pub fn save_bytes(bytes: &[u8], path: &Path) -> Result<DiskState, StoreError> {
    if let Ok(previous) = std::fs::read(path)
        && previous != bytes
    {
        write_atomically(&backup_path(path), &previous).ok();
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

/// Permissions of a newly created file: readable by everyone, like files an editor saves.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o644;

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk, then renamed
/// over `path`; a crash at any point leaves either the old file or the new one, never half of one. A
/// replaced file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".factdesk-save-").suffix(".tmp");
    // tempfile creates files only the owner can read; a saved project or report should not be.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        #[cfg(unix)]
        Err(_) => Some(std::os::unix::fs::PermissionsExt::from_mode(NEW_FILE_MODE)),
        #[cfg(not(unix))]
        Err(_) => None,
    };
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename is durable only once the folder entry is on disk too.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        dir.sync_all().ok();
    }
    Ok(())
}

/// Reads the project file at `path`, checking its JSON, its version and its consistency.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    let project = load_unchecked(path)?;
    check(project).map_err(|e| e.with_path(path))
}

/// Reads the project file at `path` as far as its structure: JSON, version and field types, but not the
/// consistency [`load`] also checks. For repairing a file that [`load`] refuses.
pub fn load_unchecked(path: &Path) -> Result<Project, StoreError> {
    let read_error = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    let too_large = |size| StoreError::TooLarge {
        path: path.to_owned(),
        size,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_PROJECT_BYTES {
        return Err(too_large(size));
    }
    let bytes = read_at_most(path, MAX_PROJECT_BYTES)
        .map_err(read_error)?
        .map_err(too_large)?;
    from_bytes_unchecked(&bytes).map_err(|e| e.with_path(path))
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
    check(from_bytes_unchecked(bytes)?)
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
    let no_path = std::path::PathBuf::new;
    // Some Windows editors start UTF-8 files with a byte order mark, which JSON does not allow; it
    // carries nothing, so a hand-edited project is not refused for it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(StoreError::Json {
            path: no_path(),
            line: 1,
            column: 1,
            message: "the file is UTF-16 text; project files are UTF-8 (save it again as UTF-8)"
                .into(),
        });
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|source| StoreError::Json {
            path: no_path(),
            line: source.line(),
            column: source.column(),
            message: source.to_string(),
        })?;
    let Some(version_value) = value.get("schema_version") else {
        return Err(StoreError::NotAProject { path: no_path() });
    };
    match version_value.as_u64() {
        None => {
            return Err(StoreError::Shape {
                path: no_path(),
                field: "schema_version".into(),
                message: format!("must be a whole number such as 1, found {version_value}"),
            });
        }
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(StoreError::NewerVersion {
                path: no_path(),
                version: v,
            });
        }
        Some(_) => {}
    }
    // Read the bytes again rather than the parsed value: a JSON object keeps only the last of two
    // equal keys, while reading straight into the project notices the duplicate.
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let project: Project =
        serde_path_to_error::deserialize(&mut reader).map_err(|e| StoreError::Shape {
            path: no_path(),
            field: e.path().to_string(),
            message: e.inner().to_string(),
        })?;
    Ok(project)
}
