//! What a project file on disk looked like when factdesk last read or wrote it, so a change made by
//! someone else (a git pull, a sync client, another program) is noticed before it is overwritten.

use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// A project file's size, modification time and content hash at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskState {
    len: u64,
    modified: Option<SystemTime>,
    sha256: [u8; 32],
}

/// How the file on disk compares with a recorded [`DiskState`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// The file holds what was recorded.
    Unchanged,
    /// Someone else wrote other content to the file; its state now.
    Modified(DiskState),
    /// The file is gone: moved, renamed or deleted.
    Missing,
}

impl DiskState {
    /// The state of the file at `path`, reading it whole to hash it.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
        let modified = std::fs::metadata(path)?.modified().ok();
        Ok(Self::of_bytes(&bytes, modified))
    }

    /// The state of a file holding `bytes`, last modified at `modified`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        Self {
            len: bytes.len() as u64,
            modified,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// Compares the file at `path` with this state. Size and time are checked first; the content is read
    /// and hashed only when they differ, so a touch that leaves the same bytes (a checkout of the same
    /// commit, a sync client rewriting the file) is not reported as a change.
    pub fn compare(&self, path: &Path) -> std::io::Result<DiskChange> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DiskChange::Missing),
            Err(e) => return Err(e),
        };
        if metadata.len() == self.len && metadata.modified().ok() == self.modified {
            return Ok(DiskChange::Unchanged);
        }
        let now = match Self::read(path) {
            Ok(now) => now,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DiskChange::Missing),
            Err(e) => return Err(e),
        };
        if now.sha256 == self.sha256 {
            Ok(DiskChange::Unchanged)
        } else {
            Ok(DiskChange::Modified(now))
        }
    }

    /// Whether this and `other` hold the same content, whatever their times.
    pub fn same_content(&self, other: &DiskState) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_with_the_same_bytes_is_not_a_change_but_new_content_and_deletion_are() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("p.factdesk.json");
        std::fs::write(&path, b"{\"a\": 1}\n").unwrap_or_else(|e| panic!("{e}"));
        let state = DiskState::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state.compare(&path).ok(), Some(DiskChange::Unchanged));

        // Same bytes written again, with a later time: still unchanged.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, b"{\"a\": 1}\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state.compare(&path).ok(), Some(DiskChange::Unchanged));

        // Same length, other content.
        std::fs::write(&path, b"{\"a\": 2}\n").unwrap_or_else(|e| panic!("{e}"));
        let Ok(DiskChange::Modified(now)) = state.compare(&path) else {
            panic!("a change of content must be noticed");
        };
        assert!(!now.same_content(&state));

        std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state.compare(&path).ok(), Some(DiskChange::Missing));
    }
}
