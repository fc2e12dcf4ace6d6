//! Opening a project file that [`load`](super::load) refuses, after repairing what can be repaired.

use std::path::Path;

use super::{StoreError, load_unchecked};
use crate::model::Project;
use crate::model::repair::{RepairReport, repair};

/// Reads the project file at `path` and repairs it with [`repair`], for offering "Repair and open"
/// when [`load`](super::load) refuses a file. Nothing is written: save the project to keep the repair.
///
/// Returns the now consistent project with the report of what changed (its `remaining` is empty), or
/// [`StoreError::Invalid`] listing the problems that need a hand edit when some remain: like
/// [`load`](super::load), it never hands out an inconsistent project. Files whose JSON, version or field
/// types are wrong fail as they do for [`load`](super::load); repair works on their content only.
pub fn load_repaired(path: &Path) -> Result<(Project, RepairReport), StoreError> {
    let mut project = load_unchecked(path)?;
    let report = repair(&mut project);
    if report.remaining.is_empty() {
        Ok((project, report))
    } else {
        Err(StoreError::Invalid {
            path: path.to_owned(),
            problems: report.remaining,
        })
    }
}
