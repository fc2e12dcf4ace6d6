//! What can go wrong reading or writing a project file, phrased for the user.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Problem;

/// A project file could not be read or written. The open project is never changed when one is returned.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file could not be read.
    #[error("could not read the project file: {}: {}", read_failure(source), path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file could not be written; the previous file, if any, is unchanged.
    #[error(
        "could not save the project (the previous file is unchanged; check the folder exists and is writable, and that the disk has space): {source}: {}",
        path.display()
    )]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The project could not be turned into JSON.
    #[error("could not serialise the project: {0}")]
    Serialize(serde_json::Error),
    /// The file is larger than factdesk will read.
    #[error("the file holds {size} bytes or more, more than the {} bytes factdesk opens as a project: {}", super::MAX_PROJECT_BYTES, path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes, or how many bytes were read before giving up.
        size: u64,
    },
    /// The file is not valid JSON.
    #[error("the project file is not valid JSON (line {line}, column {column}): {message}: {}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// JSON path of the member being read where the JSON breaks, e.g. `articles[0].text`; empty at
        /// the top level or for the file as a whole.
        field: String,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What is wrong, in words: what was expected there and what was found.
        message: String,
    },
    /// The JSON has no `schema_version`: it is not a factdesk project.
    #[error("this JSON file is not a factdesk project: expected an object with a \"schema_version\" member, but found {found}: {}", path.display())]
    NotAProject {
        /// The file.
        path: PathBuf,
        /// What the file holds instead, e.g. `an object with members "name" and "version"`.
        found: String,
    },
    /// The file was written by a newer factdesk.
    #[error("the project was saved by a newer factdesk (file format version {version}, this one reads up to {}); update factdesk to open it: {}", crate::model::SCHEMA_VERSION, path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The file's schema_version.
        version: u64,
    },
    /// A member has the wrong type or value.
    #[error("the project file has a wrong value: {}: {}", located(field, message), path.display())]
    Shape {
        /// The file.
        path: PathBuf,
        /// JSON path of the member, e.g. `claims[2].status`.
        field: String,
        /// What is wrong, in words: what was expected and what was found.
        message: String,
    },
    /// A required member is missing.
    #[error("the project file lacks a member: {message}: {}", path.display())]
    Missing {
        /// The file.
        path: PathBuf,
        /// JSON path the member would have, e.g. `claims[2].created`.
        field: String,
        /// Which object lacks which member, and what it would hold.
        message: String,
    },
    /// The file parses but is inconsistent.
    #[error("the project file has {} problem(s):\n{}\nin {}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"), path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

impl StoreError {
    /// The same error naming `path` as the file.
    pub(crate) fn with_path(mut self, file: &Path) -> Self {
        match &mut self {
            StoreError::Read { path, .. }
            | StoreError::Write { path, .. }
            | StoreError::TooLarge { path, .. }
            | StoreError::Json { path, .. }
            | StoreError::NotAProject { path, .. }
            | StoreError::NewerVersion { path, .. }
            | StoreError::Shape { path, .. }
            | StoreError::Missing { path, .. }
            | StoreError::Invalid { path, .. } => *path = file.to_owned(),
            StoreError::Serialize(_) => {}
        }
        self
    }
}

/// `message` about the member at `field`: `field: message`, or the message alone when there is no
/// field (the file as a whole).
pub(super) fn located(field: &str, message: &str) -> String {
    if field.is_empty() {
        message.to_owned()
    } else {
        format!("{field}: {message}")
    }
}

/// Why a file could not be read, in words for the common cases and as the system says it otherwise.
fn read_failure(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => {
            "there is no file at this place (it may have been moved, renamed or deleted)".to_owned()
        }
        ErrorKind::PermissionDenied => {
            "permission denied: your user may not read this file or its folder".to_owned()
        }
        ErrorKind::IsADirectory => {
            "expected a file, but found a folder; choose the .factdesk.json file inside it"
                .to_owned()
        }
        _ => error.to_string(),
    }
}
