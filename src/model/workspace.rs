//! A project open for editing: the project, its undo history and whether it is saved.

use std::path::{Path, PathBuf};

use super::{Edit, EditError, History, Project};

/// An open project. Every change goes through [`Workspace::apply`] (or undo/redo), so the history and the
/// unsaved-changes marker are always right.
#[derive(Debug)]
pub struct Workspace {
    project: Project,
    history: History,
    /// History state at the last save or open; `None` when the current state was never saved.
    saved_state: Option<u64>,
    path: Option<PathBuf>,
    /// Whether edits are refused: the file is open in another window and this one only reads it.
    read_only: bool,
}

impl Workspace {
    /// Opens `project`, read from `path` when it came from a file. It starts with no unsaved changes.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let history = History::default();
        Self {
            saved_state: Some(history.state()),
            project,
            history,
            path,
            read_only: false,
        }
    }

    /// Opens `project` recovered after a crash: it belongs to `path` (if it was ever saved) but differs
    /// from what is on disk there, so it starts with unsaved changes.
    pub fn recovered(project: Project, path: Option<PathBuf>) -> Self {
        let mut workspace = Self::new(project, path);
        workspace.saved_state = None;
        workspace
    }

    /// The project as it is now.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The file the project was last opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether edits are refused (see [`Workspace::set_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses (or again allows) every edit, undo and redo: for a file another window has open.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// Applies `edit` as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.refuse_if_read_only()?;
        self.history.apply(&mut self.project, edit, None)
    }

    /// Applies `edit`, merging it into the previous undo step when that had the same `merge_key` (typing
    /// in one field).
    pub fn apply_merging(&mut self, edit: Edit, merge_key: String) -> Result<(), EditError> {
        self.refuse_if_read_only()?;
        self.history.apply(&mut self.project, edit, Some(merge_key))
    }

    fn refuse_if_read_only(&self) -> Result<(), EditError> {
        if self.read_only {
            Err(EditError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Ends a run of merged edits.
    pub fn seal_history(&mut self) {
        self.history.seal();
    }

    /// Undoes the last step; returns what it was.
    pub fn undo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        self.history.undo(&mut self.project)
    }

    /// Redoes the last undone step; returns what it was.
    pub fn redo(&mut self) -> Option<&'static str> {
        if self.read_only {
            return None;
        }
        self.history.redo(&mut self.project)
    }

    /// The undo/redo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the project differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.history.state())
    }

    /// Identifies the project as it is now: equal values mean the same edits are applied. A save taken
    /// from the project at one revision is recorded with [`Workspace::mark_saved_at`].
    pub fn revision(&self) -> u64 {
        self.history.state()
    }

    /// Records that the current state was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.mark_saved_at(self.history.state(), path);
    }

    /// Records that the project as it was at `revision` was written to `path`. Edits made while that save
    /// ran stay unsaved. Saving to a path makes the project editable again: it is now this window's file.
    pub fn mark_saved_at(&mut self, revision: u64, path: PathBuf) {
        self.saved_state = Some(revision);
        self.path = Some(path);
        self.read_only = false;
        if revision == self.history.state() {
            self.history.seal();
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::model::{Article, Claim, ClaimField, Source, Status, TextAnchor};

    fn at(second: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, second)
            .single()
            .unwrap_or_default()
    }

    fn workspace_with_claim() -> (Workspace, crate::model::ClaimId) {
        let article = Article::new("T".into(), "Alpha beta. Gamma delta.".into(), None, at(0));
        let anchor = TextAnchor::from_range(&article.text, 0, 11).unwrap_or_else(|| unreachable!());
        let claim = Claim::new(article.id, anchor, at(1));
        let id = claim.id;
        let mut ws = Workspace::new(Project::from_article(article), None);
        ws.apply(Edit::InsertClaim {
            index: 0,
            claim: Box::new(claim),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        (ws, id)
    }

    #[test]
    fn undo_of_every_edit_kind_restores_the_project_and_redo_repeats_it() {
        let (mut ws, id) = workspace_with_claim();
        let source = Source::new(at(2).date_naive());
        let source_id = source.id;
        let second = Source::new(at(2).date_naive());
        let edits = vec![
            Edit::SetClaimField {
                claim: id,
                field: ClaimField::verdict(Some("false".into()), at(3)),
                at: at(3),
            },
            Edit::SetClaimField {
                claim: id,
                field: ClaimField::status(Status::Done, at(4)),
                at: at(4),
            },
            Edit::InsertSource {
                claim: id,
                index: 0,
                source: Box::new(source.clone()),
                at: at(5),
            },
            Edit::InsertSource {
                claim: id,
                index: 1,
                source: Box::new(second),
                at: at(5),
            },
            Edit::UpdateSource {
                claim: id,
                source: Box::new(Source {
                    title: "Census".into(),
                    ..source
                }),
                at: at(6),
            },
            Edit::MoveSource {
                claim: id,
                source: source_id,
                to: 1,
                at: at(7),
            },
            Edit::RemoveSource {
                claim: id,
                source: source_id,
                at: at(8),
            },
            Edit::SetProjectTitle("Renamed".into()),
            Edit::RemoveClaim(id),
        ];
        let mut states = vec![ws.project().clone()];
        for edit in edits {
            ws.apply(edit).unwrap_or_else(|e| panic!("{e}"));
            states.push(ws.project().clone());
        }
        for expected in states.iter().rev().skip(1) {
            assert!(ws.undo().is_some());
            assert_eq!(ws.project(), expected);
        }
        assert_eq!(ws.undo(), Some("add claim"));
        assert!(ws.project().claims.is_empty());
        assert_eq!(ws.redo(), Some("add claim"));
        for expected in states.iter().skip(1) {
            assert!(ws.redo().is_some());
            assert_eq!(ws.project(), expected);
        }
        assert_eq!(ws.redo(), None);
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_until_sealed() {
        let (mut ws, id) = workspace_with_claim();
        for text in ["S", "Sa", "Sai", "Said"] {
            let edit = Edit::SetClaimField {
                claim: id,
                field: ClaimField::Claimant(text.into()),
                at: at(9),
            };
            ws.apply_merging(edit, format!("{id}/claimant"))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        ws.seal_history();
        let edit = Edit::SetClaimField {
            claim: id,
            field: ClaimField::Claimant("Said!".into()),
            at: at(10),
        };
        ws.apply_merging(edit, format!("{id}/claimant"))
            .unwrap_or_else(|e| panic!("{e}"));
        let claimant = |ws: &Workspace| ws.project().claims[0].claimant.clone();
        assert_eq!(claimant(&ws), "Said!");
        ws.undo();
        assert_eq!(claimant(&ws), "Said");
        ws.undo();
        assert_eq!(claimant(&ws), "");
        assert_eq!(
            ws.project().claims[0].modified,
            at(1),
            "undo restores the modified time too"
        );
    }

    #[test]
    fn a_verdict_records_when_it_was_given_and_undo_puts_back_the_earlier_one_and_its_day() {
        let (mut ws, id) = workspace_with_claim();
        let set = |ws: &mut Workspace, rating: Option<&str>, second| {
            ws.apply(Edit::SetClaimField {
                claim: id,
                field: ClaimField::verdict(rating.map(str::to_owned), at(second)),
                at: at(second),
            })
            .unwrap_or_else(|e| panic!("{e}"));
        };
        let verdict = |ws: &Workspace| {
            let claim = &ws.project().claims[0];
            (claim.verdict.clone(), claim.verdict_given)
        };
        set(&mut ws, Some("false"), 5);
        set(&mut ws, Some("true"), 7);
        assert_eq!(verdict(&ws), (Some("true".into()), Some(at(7))));
        set(&mut ws, None, 8);
        assert_eq!(verdict(&ws), (None, None));
        ws.undo();
        ws.undo();
        assert_eq!(verdict(&ws), (Some("false".into()), Some(at(5))));
        ws.redo();
        assert_eq!(verdict(&ws), (Some("true".into()), Some(at(7))));

        ws.apply(Edit::SetClaimField {
            claim: id,
            field: ClaimField::ClaimantKind(crate::model::ClaimantKind::Organisation),
            at: at(9),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            ws.project().claims[0].claimant_kind,
            crate::model::ClaimantKind::Organisation
        );
        assert_eq!(ws.undo(), Some("set claimant kind"));
        assert_eq!(
            ws.project().claims[0].claimant_kind,
            crate::model::ClaimantKind::Person
        );
    }

    #[test]
    fn a_status_records_when_it_was_set_and_undo_puts_back_the_earlier_one_and_its_time() {
        let (mut ws, id) = workspace_with_claim();
        let set = |ws: &mut Workspace, status, second| {
            ws.apply(Edit::SetClaimField {
                claim: id,
                field: ClaimField::status(status, at(second)),
                at: at(second),
            })
            .unwrap_or_else(|e| panic!("{e}"));
        };
        let status = |ws: &Workspace| {
            let claim = &ws.project().claims[0];
            (claim.status, claim.status_changed)
        };
        assert_eq!(status(&ws), (Status::Unchecked, None));
        set(&mut ws, Status::InProgress, 5);
        set(&mut ws, Status::Done, 7);
        assert_eq!(status(&ws), (Status::Done, Some(at(7))));
        assert_eq!(ws.undo(), Some("set status"));
        assert_eq!(status(&ws), (Status::InProgress, Some(at(5))));
        ws.undo();
        assert_eq!(
            status(&ws),
            (Status::Unchecked, None),
            "undo puts back a claim whose status was never set"
        );
        ws.redo();
        ws.redo();
        assert_eq!(status(&ws), (Status::Done, Some(at(7))));
    }

    #[test]
    fn dirty_marker_follows_undo_back_to_the_saved_state() {
        let (mut ws, id) = workspace_with_claim();
        assert!(ws.is_dirty());
        ws.mark_saved(PathBuf::from("p.factdesk.json"));
        assert!(!ws.is_dirty());
        let edit = Edit::SetClaimField {
            claim: id,
            field: ClaimField::Notes("n".into()),
            at: at(9),
        };
        ws.apply(edit).unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.is_dirty());
        ws.undo();
        assert!(!ws.is_dirty());
        ws.undo();
        assert!(ws.is_dirty(), "undoing past the save point is a change");
    }

    #[test]
    fn edits_made_while_a_save_runs_stay_unsaved() {
        let (mut ws, id) = workspace_with_claim();
        let saving = ws.revision();
        let edit = Edit::SetClaimField {
            claim: id,
            field: ClaimField::Notes("typed during the save".into()),
            at: at(9),
        };
        ws.apply(edit).unwrap_or_else(|e| panic!("{e}"));
        ws.mark_saved_at(saving, PathBuf::from("p.factdesk.json"));
        assert!(
            ws.is_dirty(),
            "the note typed during the save is not on disk"
        );
        ws.undo();
        assert!(!ws.is_dirty(), "undoing it returns to what was saved");
    }

    #[test]
    fn a_read_only_workspace_refuses_edits_undo_and_redo_until_saved_elsewhere() {
        let (mut ws, id) = workspace_with_claim();
        ws.set_read_only(true);
        let before = ws.project().clone();
        let edit = Edit::SetClaimField {
            claim: id,
            field: ClaimField::Notes("n".into()),
            at: at(9),
        };
        assert!(matches!(ws.apply(edit.clone()), Err(EditError::ReadOnly)));
        assert_eq!(ws.undo(), None);
        assert_eq!(ws.project(), &before);
        ws.mark_saved(PathBuf::from("copy.factdesk.json"));
        assert!(!ws.is_read_only());
        assert!(ws.apply(edit).is_ok());
    }

    #[test]
    fn a_recovered_project_starts_unsaved() {
        let (ws, _) = workspace_with_claim();
        let recovered = Workspace::recovered(ws.project().clone(), None);
        assert!(recovered.is_dirty());
    }

    #[test]
    fn rejected_edits_change_nothing() {
        let (mut ws, id) = workspace_with_claim();
        let before = ws.project().clone();
        let bad_verdict = Edit::SetClaimField {
            claim: id,
            field: ClaimField::verdict(Some("maybe".into()), at(9)),
            at: at(9),
        };
        assert!(matches!(
            ws.apply(bad_verdict),
            Err(EditError::UnknownRating(_))
        ));
        let article = ws.project().articles[0].id;
        let mut anchor = TextAnchor::from_range(&ws.project().articles[0].text, 0, 5)
            .unwrap_or_else(|| unreachable!());
        anchor.quote = "Other".into();
        let bad_span = Edit::InsertClaim {
            index: 0,
            claim: Box::new(Claim::new(article, anchor, at(9))),
        };
        assert!(matches!(ws.apply(bad_span), Err(EditError::BadSpan { .. })));
        assert_eq!(ws.project(), &before);
        assert_eq!(ws.history().undo_description(), Some("add claim"));
    }

    #[test]
    fn an_article_brought_in_with_claims_that_do_not_fit_is_refused_whole() {
        let (mut ws, _) = workspace_with_claim();
        let before = ws.project().clone();
        let article = Article::new("New".into(), "One two. Three four.".into(), None, at(0));
        let good = TextAnchor::from_range(&article.text, 0, 8).unwrap_or_else(|| unreachable!());
        let mut wrong_quote = good.clone();
        wrong_quote.quote = "One six.".into();
        let mut unknown_verdict = Claim::new(article.id, good.clone(), at(1));
        unknown_verdict.verdict = Some("maybe".into());
        let in_other_article = Claim::new(before.articles[0].id, good.clone(), at(1));
        let twice = Claim::new(article.id, good, at(1));
        for (claims, what) in [
            (
                vec![Claim::new(article.id, wrong_quote, at(1))],
                "a quote not in the text",
            ),
            (vec![unknown_verdict], "a verdict not on the scale"),
            (vec![in_other_article], "a claim of another article"),
            (vec![twice.clone(), twice], "one id twice"),
        ] {
            let edit = Edit::InsertArticle {
                index: 1,
                article: Box::new(article.clone()),
                claims: claims.into_iter().enumerate().collect(),
            };
            assert!(ws.apply(edit).is_err(), "{what}");
            assert_eq!(ws.project(), &before, "{what}");
        }
    }

    #[test]
    fn removing_an_article_removes_its_claims_and_undo_restores_both_in_order() {
        let (mut ws, _) = workspace_with_claim();
        let before = ws.project().clone();
        let article = before.articles[0].id;
        ws.apply(Edit::RemoveArticle(article))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.project().articles.is_empty() && ws.project().claims.is_empty());
        ws.undo();
        assert_eq!(ws.project(), &before);
    }
}
