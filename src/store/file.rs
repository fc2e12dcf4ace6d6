//! Writing files whole or not at all, with the permissions a user expects of them.
//!
//! Every file factdesk writes goes through a temporary file in the same folder that is flushed to disk
//! and renamed over the target, so a crash leaves the old file or the new one, never half of one.
//!
//! Permissions (Unix): a new project, report or export gets what the user's umask gives a new file, as
//! the files of an editor or `cp` do (0644 under the common umask 022, 0600 under 077, 0664 under 002).
//! A replaced file keeps its mode, so a project made private or shared with a group stays so. The
//! `.bak` copy of a project takes the project's own mode: it holds the same work. Recovery files and
//! crash logs, which hold unsaved work and paths of the user's disk, are private to the user (0600),
//! and so are the folders factdesk creates for them (0700). Other systems: files get the system's
//! defaults.

use std::io::Write;
use std::path::Path;

/// Name prefix of the temporary files written before they are renamed into place.
pub(crate) const TEMP_PREFIX: &str = ".factdesk-save-";
/// Name suffix of those temporary files.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Who may read a written file.
#[derive(Clone, Copy)]
enum Access<'a> {
    /// The user alone, whatever the umask and whatever the file had before.
    Private,
    /// The same as the file at this path (the file being replaced, or the project a `.bak` copies);
    /// what the umask gives a new file when there is none.
    SameAs(&'a Path),
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk, then renamed
/// over `path`; a crash at any point leaves either the old file or the new one, never half of one.
///
/// A new file gets the permissions the user's umask gives new files; a replaced file keeps its own
/// (where the file system keeps Unix modes at all: elsewhere the mode is left to it).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, Access::SameAs(path))
}

/// Writes `bytes` to `path` as [`write_atomically`] does, readable and writable by the user alone
/// (mode 0600 on Unix, whatever the umask, also when it replaces a file that was not private).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, Access::Private)
}

/// Writes `bytes`, a copy of the file at `original`, to `path` as [`write_atomically`] does, with the
/// permissions `original` has: a copy of a private project is as private as the project.
pub(crate) fn write_copy(original: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, Access::SameAs(original))
}

/// Options that create a new file (never an existing one) only its owner can read or write, whatever
/// the umask: for recovery locks and crash logs, which hold unsaved work and paths of the user's disk.
pub fn private_new_file() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Creates `dir` and any missing parent folders, each readable by the user alone (mode 0700 on
/// Unix), for files of the user's own such as recovery files and crash logs. Folders that exist are
/// left as they are. The XDG base directory specification asks the same of a data folder it creates.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn write_through_temp(path: &Path, bytes: &[u8], access: Access<'_>) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile makes files only the owner can read. Asking for 0666 lets the system take the
        // umask off, as it does for any program's new file; 0600 keeps a private file private from
        // the moment it exists.
        let requested = match access {
            Access::Private => 0o600,
            Access::SameAs(_) => 0o666,
        };
        builder.permissions(std::fs::Permissions::from_mode(requested));
    }
    let mut temp = builder.tempfile_in(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The umask applies only when a file is created, so an exact mode is set on the open file.
        let exact = match access {
            Access::Private => Some(std::fs::Permissions::from_mode(0o600)),
            Access::SameAs(original) => std::fs::metadata(original).ok().map(|m| m.permissions()),
        };
        // Best effort: file systems without Unix modes (a FAT USB stick, some network shares) refuse
        // a change of mode, and the save matters more than the mode there.
        if let Some(exact) = exact {
            temp.as_file().set_permissions(exact).ok();
        }
    }
    #[cfg(not(unix))]
    let _ = access;
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
