//! Undo and redo as a stack of (edit, inverse) pairs.
//!
//! History is never saved: it lives as long as the open project. Continuous edits (typing in one field)
//! share a merge key and become one undo step until the history is sealed, which the window does when a
//! field loses focus and which any edit without a key does by itself.

use super::{Edit, EditError, Project};

/// How many undo steps are kept; the oldest are dropped past this.
const MAX_UNDO_STEPS: usize = 10_000;

#[derive(Clone, Debug)]
struct Entry {
    /// Identifies the project state after this entry, for the unsaved-changes check.
    state: u64,
    forward: Edit,
    inverse: Edit,
    merge_key: Option<String>,
}

/// Undo and redo stacks over one project.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    last_state: u64,
    sealed: bool,
}

impl History {
    /// Applies `edit` to `project` and records it. With a `merge_key` equal to the previous step's and no
    /// seal in between, the edit joins that step, so one undo reverts both.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = project.apply(edit.clone())?;
        self.redo.clear();
        self.last_state += 1;
        let state = self.last_state;
        let merges = !self.sealed
            && merge_key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|top| top.merge_key == merge_key);
        match self.undo.last_mut() {
            Some(top) if merges => {
                top.forward = edit;
                top.state = state;
            }
            _ => {
                self.undo.push(Entry {
                    state,
                    forward: edit,
                    inverse,
                    merge_key: merge_key.clone(),
                });
                if self.undo.len() > MAX_UNDO_STEPS {
                    self.undo.remove(0);
                }
            }
        }
        self.sealed = merge_key.is_none();
        Ok(())
    }

    /// Ends the current run of merged edits: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Reverts the last step; returns its description, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Option<&'static str> {
        let entry = self.undo.pop()?;
        match project.apply(entry.inverse.clone()) {
            Ok(_) => {
                let description = entry.forward.description();
                self.redo.push(entry);
                self.sealed = true;
                Some(description)
            }
            // An inverse that no longer applies means the stacks and the project disagree; dropping the
            // history is safer than applying more edits to a state they were not made for.
            Err(_) => {
                self.clear();
                None
            }
        }
    }

    /// Re-applies the last undone step; returns its description, or `None` when there is nothing to redo.
    pub fn redo(&mut self, project: &mut Project) -> Option<&'static str> {
        let entry = self.redo.pop()?;
        match project.apply(entry.forward.clone()) {
            Ok(_) => {
                let description = entry.forward.description();
                self.undo.push(entry);
                self.sealed = true;
                Some(description)
            }
            Err(_) => {
                self.clear();
                None
            }
        }
    }

    /// Forgets every step.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.sealed = true;
    }

    /// What undo would revert.
    pub fn undo_description(&self) -> Option<&'static str> {
        self.undo.last().map(|e| e.forward.description())
    }

    /// What redo would re-apply.
    pub fn redo_description(&self) -> Option<&'static str> {
        self.redo.last().map(|e| e.forward.description())
    }

    /// Identifies the current project state: equal values mean the same sequence of edits is applied.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }
}
