//! Edits: the only way a project changes.
//!
//! [`Project::apply`] checks an edit, performs it and returns its inverse, so undo is applying what came
//! back. Every edit that touches a claim carries the time it was made, which becomes the claim's
//! `modified`; the inverse carries the old time back.

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::scale::{RatingField, VerdictState};
use super::text::CharIndex;
use super::{
    Article, ArticleId, Claim, ClaimId, ClaimantKind, Project, Rating, ReportSettings, Source,
    SourceId, Status,
};

/// A field of a claim with its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimField {
    /// The restated claim.
    Text(String),
    /// Who made the claim.
    Claimant(String),
    /// Whether the claimant is a person or an organisation.
    ClaimantKind(ClaimantKind),
    /// Where it appeared: outlet names or URLs, first appearance first.
    Appearances(Vec<String>),
    /// When it was made.
    ClaimDate(Option<NaiveDate>),
    /// Workflow status, with when it was set (the claim's `status_changed`); undo puts back the
    /// previous status and its time. [`ClaimField::status`] makes one set at the edit's time.
    Status {
        /// The status.
        status: Status,
        /// When it was set; `None` only to put back a status set before factdesk recorded it.
        changed: Option<DateTime<Utc>>,
    },
    /// The verdict, with when it was given (the claim's `verdict_given`); undo puts back the previous
    /// verdict and its date. [`ClaimField::verdict`] makes one given at the edit's time.
    Verdict {
        /// Rating id, or `None` to clear the verdict.
        rating: Option<String>,
        /// When it was given; `None` with no verdict.
        given: Option<DateTime<Utc>>,
    },
    /// Why the verdict was given.
    Explanation(String),
    /// Free notes.
    Notes(String),
    /// Labels.
    Tags(Vec<String>),
}

impl ClaimField {
    /// Sets the verdict to `rating` (or clears it), given at `at`.
    pub fn verdict(rating: Option<String>, at: DateTime<Utc>) -> Self {
        let given = rating.is_some().then_some(at);
        ClaimField::Verdict { rating, given }
    }

    /// Sets the status to `status`, set at `at`.
    pub fn status(status: Status, at: DateTime<Utc>) -> Self {
        ClaimField::Status {
            status,
            changed: Some(at),
        }
    }

    /// What the undo menu calls an edit of this field.
    pub fn description(&self) -> &'static str {
        match self {
            ClaimField::Text(_) => "edit claim text",
            ClaimField::Claimant(_) => "edit claimant",
            ClaimField::ClaimantKind(_) => "set claimant kind",
            ClaimField::Appearances(_) => "edit appearances",
            ClaimField::ClaimDate(_) => "edit claim date",
            ClaimField::Status { .. } => "set status",
            ClaimField::Verdict { .. } => "set verdict",
            ClaimField::Explanation(_) => "edit explanation",
            ClaimField::Notes(_) => "edit notes",
            ClaimField::Tags(_) => "edit tags",
        }
    }

    /// Writes the value into `claim` and returns the field with the value it replaced.
    fn swap_into(self, claim: &mut Claim) -> ClaimField {
        use std::mem::replace;
        match self {
            ClaimField::Text(v) => ClaimField::Text(replace(&mut claim.text, v)),
            ClaimField::Claimant(v) => ClaimField::Claimant(replace(&mut claim.claimant, v)),
            ClaimField::ClaimantKind(v) => {
                ClaimField::ClaimantKind(replace(&mut claim.claimant_kind, v))
            }
            ClaimField::Appearances(v) => {
                ClaimField::Appearances(replace(&mut claim.appearances, v))
            }
            ClaimField::ClaimDate(v) => ClaimField::ClaimDate(replace(&mut claim.claim_date, v)),
            ClaimField::Status { status, changed } => ClaimField::Status {
                status: replace(&mut claim.status, status),
                changed: replace(&mut claim.status_changed, changed),
            },
            ClaimField::Verdict { rating, given } => ClaimField::Verdict {
                rating: replace(&mut claim.verdict, rating),
                given: replace(&mut claim.verdict_given, given),
            },
            ClaimField::Explanation(v) => {
                ClaimField::Explanation(replace(&mut claim.explanation, v))
            }
            ClaimField::Notes(v) => ClaimField::Notes(replace(&mut claim.notes, v)),
            ClaimField::Tags(v) => ClaimField::Tags(replace(&mut claim.tags, v)),
        }
    }
}

/// One change to a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Renames the project.
    SetProjectTitle(String),
    /// Replaces the report settings.
    SetReportSettings(ReportSettings),
    /// Inserts an article at `index`, with claims to put back at their old positions (undo of a removal).
    InsertArticle {
        /// Position among the project's articles.
        index: usize,
        /// The article.
        article: Box<Article>,
        /// Claims restored with it, each with its index in the claim list.
        claims: Vec<(usize, Claim)>,
    },
    /// Removes an article and every claim marked in it.
    RemoveArticle(ArticleId),
    /// Replaces an article (matched by id) with another reading of it, e.g. decoded with another
    /// encoding. Every claim in it must still fit the new text.
    ReplaceArticle(Box<Article>),
    /// Inserts a claim at `index` of the claim list.
    InsertClaim {
        /// Position in the claim list (creation order).
        index: usize,
        /// The claim.
        claim: Box<Claim>,
    },
    /// Removes a claim.
    RemoveClaim(ClaimId),
    /// Sets one field of a claim.
    SetClaimField {
        /// The claim.
        claim: ClaimId,
        /// The field and its new value.
        field: ClaimField,
        /// The claim's new `modified` time.
        at: DateTime<Utc>,
    },
    /// Inserts an evidence source at `index` of a claim's sources.
    InsertSource {
        /// The claim.
        claim: ClaimId,
        /// Position among its sources.
        index: usize,
        /// The source.
        source: Box<Source>,
        /// The claim's new `modified` time.
        at: DateTime<Utc>,
    },
    /// Removes an evidence source.
    RemoveSource {
        /// The claim.
        claim: ClaimId,
        /// The source.
        source: SourceId,
        /// The claim's new `modified` time.
        at: DateTime<Utc>,
    },
    /// Replaces an evidence source (matched by its id) with new field values.
    UpdateSource {
        /// The claim.
        claim: ClaimId,
        /// The source's new values; its id says which source.
        source: Box<Source>,
        /// The claim's new `modified` time.
        at: DateTime<Utc>,
    },
    /// Moves an evidence source to position `to`.
    MoveSource {
        /// The claim.
        claim: ClaimId,
        /// The source.
        source: SourceId,
        /// Its new position.
        to: usize,
        /// The claim's new `modified` time.
        at: DateTime<Utc>,
    },
    /// Inserts a rating at `index` of the scale.
    InsertRating {
        /// Position on the scale (most accurate first).
        index: usize,
        /// The rating; its id must be new to the scale.
        rating: Box<Rating>,
    },
    /// Removes a rating no claim carries (one in use goes through [`Edit::ReplaceScale`]).
    RemoveRating(String),
    /// Sets one field of a rating, named by its id.
    SetRatingField {
        /// The rating's id.
        rating: String,
        /// The field and its new value.
        field: RatingField,
    },
    /// Moves a rating to position `to` of the scale.
    MoveRating {
        /// The rating's id.
        rating: String,
        /// Its new position.
        to: usize,
    },
    /// Replaces the whole scale and sets the listed claims' verdicts, so every verdict is on the new
    /// scale; built by [`Project::replace_scale_edit`] from a mapping the user confirmed.
    ReplaceScale {
        /// The new scale.
        scale: Vec<Rating>,
        /// The claims whose verdict changes, with their new verdict, its date and `modified`.
        verdicts: Vec<VerdictState>,
    },
}

impl Edit {
    /// What the undo menu calls this edit, e.g. "Undo set verdict".
    pub fn description(&self) -> &'static str {
        match self {
            Edit::SetProjectTitle(_) => "rename project",
            Edit::SetReportSettings(_) => "edit report settings",
            Edit::InsertArticle { .. } => "add article",
            Edit::RemoveArticle(_) => "remove article",
            Edit::ReplaceArticle(_) => "reopen article",
            Edit::InsertClaim { .. } => "add claim",
            Edit::RemoveClaim(_) => "delete claim",
            Edit::SetClaimField { field, .. } => field.description(),
            Edit::InsertSource { .. } => "add source",
            Edit::RemoveSource { .. } => "remove source",
            Edit::UpdateSource { .. } => "edit source",
            Edit::MoveSource { .. } => "move source",
            Edit::InsertRating { .. } => "add rating",
            Edit::RemoveRating(_) => "remove rating",
            Edit::SetRatingField { field, .. } => field.description(),
            Edit::MoveRating { .. } => "move rating",
            Edit::ReplaceScale { .. } => "change rating scale",
        }
    }
}

/// Why an edit could not be applied. The project is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    /// The edit names a claim the project does not have.
    #[error("no claim with id {0} in this project")]
    UnknownClaim(ClaimId),
    /// The edit names an article the project does not have.
    #[error("no article with id {0} in this project")]
    UnknownArticle(ArticleId),
    /// The edit names a source the claim does not have.
    #[error("claim {claim} has no source with id {source_id}")]
    UnknownSource {
        /// The claim.
        claim: ClaimId,
        /// The missing source.
        source_id: SourceId,
    },
    /// A verdict names a rating the project's scale lacks.
    #[error("the rating scale has no rating \"{0}\"")]
    UnknownRating(String),
    /// A claim's span is empty, reversed, past the end of its article or does not match its quote.
    #[error("the claim's span {start}..{end} does not fit its article's text")]
    BadSpan {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// An id is already in use.
    #[error("id {0} is already in use")]
    DuplicateId(String),
    /// A rating claims carry was to be removed on its own, which would drop their verdicts.
    #[error(
        "the rating \"{rating}\" is the verdict of {claims} claim(s); choose what their verdict \
         becomes before removing it"
    )]
    RatingInUse {
        /// The rating's id.
        rating: String,
        /// How many claims carry it.
        claims: usize,
    },
    /// A new scale lacks a rating claims carry, and no mapping says what their verdict becomes.
    #[error(
        "the new rating scale has no rating \"{0}\", which claims carry; choose a rating (or none) \
         for them"
    )]
    UnmappedRating(String),
    /// A rating the project file could not hold (blank id, colour not `#rrggbb`).
    #[error("the rating scale cannot take this change: {0}")]
    InvalidRating(String),
    /// The project is open read-only because another window has its file open.
    #[error("this project is open read-only; use File › Save as… to make a copy you can edit")]
    ReadOnly,
}

impl Project {
    /// Whether `claim` may be added to its article, whose text is `text` (indexed by `index`): its
    /// span must hold its quote and its verdict must be on the rating scale.
    fn check_claim_fits(
        &self,
        text: &str,
        index: &CharIndex,
        claim: &Claim,
    ) -> Result<(), EditError> {
        let anchor = &claim.anchor;
        let fits = anchor.start < anchor.end
            && index.slice(text, anchor.range()) == Some(anchor.quote.as_str());
        if !fits {
            return Err(EditError::BadSpan {
                start: anchor.start,
                end: anchor.end,
            });
        }
        match &claim.verdict {
            Some(verdict) if self.rating(verdict).is_none() => {
                Err(EditError::UnknownRating(verdict.clone()))
            }
            _ => Ok(()),
        }
    }

    /// Applies `edit` and returns the edit that undoes it. On error nothing changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::SetProjectTitle(title) => Ok(Edit::SetProjectTitle(std::mem::replace(
                &mut self.title,
                title,
            ))),
            Edit::SetReportSettings(settings) => Ok(Edit::SetReportSettings(std::mem::replace(
                &mut self.report,
                settings,
            ))),
            Edit::InsertArticle {
                index,
                article,
                claims,
            } => {
                if self.article(article.id).is_some() {
                    return Err(EditError::DuplicateId(article.id.to_string()));
                }
                // The claims come from an import or an undo: checked like claims added one by one,
                // so no edit can make the project inconsistent.
                let index_of_text = CharIndex::new(&article.text);
                let mut ids = std::collections::HashSet::new();
                for (_, claim) in &claims {
                    if claim.article != article.id {
                        return Err(EditError::UnknownArticle(claim.article));
                    }
                    if self.claim(claim.id).is_some() || !ids.insert(claim.id) {
                        return Err(EditError::DuplicateId(claim.id.to_string()));
                    }
                    self.check_claim_fits(&article.text, &index_of_text, claim)?;
                }
                let id = article.id;
                self.articles
                    .insert(index.min(self.articles.len()), *article);
                for (claim_index, claim) in claims {
                    self.claims
                        .insert(claim_index.min(self.claims.len()), claim);
                }
                Ok(Edit::RemoveArticle(id))
            }
            Edit::RemoveArticle(id) => {
                let index = self
                    .articles
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or(EditError::UnknownArticle(id))?;
                let article = self.articles.remove(index);
                // Remember each removed claim's index in the list as it was, so undo restores the order.
                let mut removed = Vec::new();
                let mut original_index = 0;
                self.claims.retain(|c| {
                    let keep = c.article != id;
                    if !keep {
                        removed.push((original_index, c.clone()));
                    }
                    original_index += 1;
                    keep
                });
                Ok(Edit::InsertArticle {
                    index,
                    article: Box::new(article),
                    claims: removed,
                })
            }
            Edit::ReplaceArticle(article) => {
                let slot = self
                    .articles
                    .iter()
                    .position(|a| a.id == article.id)
                    .ok_or(EditError::UnknownArticle(article.id))?;
                let index = CharIndex::new(&article.text);
                if let Some(misfit) = self.claims.iter().find(|c| {
                    c.article == article.id
                        && index.slice(&article.text, c.anchor.range())
                            != Some(c.anchor.quote.as_str())
                }) {
                    return Err(EditError::BadSpan {
                        start: misfit.anchor.start,
                        end: misfit.anchor.end,
                    });
                }
                let old = std::mem::replace(
                    self.articles
                        .get_mut(slot)
                        .ok_or(EditError::UnknownArticle(article.id))?,
                    *article,
                );
                Ok(Edit::ReplaceArticle(Box::new(old)))
            }
            Edit::InsertClaim { index, claim } => {
                if self.claim(claim.id).is_some() {
                    return Err(EditError::DuplicateId(claim.id.to_string()));
                }
                let article = self
                    .article(claim.article)
                    .ok_or(EditError::UnknownArticle(claim.article))?;
                self.check_claim_fits(&article.text, &CharIndex::new(&article.text), &claim)?;
                let id = claim.id;
                self.claims.insert(index.min(self.claims.len()), *claim);
                Ok(Edit::RemoveClaim(id))
            }
            Edit::RemoveClaim(id) => {
                let index = self.claim_index(id)?;
                let claim = self.claims.remove(index);
                Ok(Edit::InsertClaim {
                    index,
                    claim: Box::new(claim),
                })
            }
            Edit::SetClaimField { claim, field, at } => {
                if let ClaimField::Verdict {
                    rating: Some(rating),
                    ..
                } = &field
                    && self.rating(rating).is_none()
                {
                    return Err(EditError::UnknownRating(rating.clone()));
                }
                let target = self.claim_mut(claim)?;
                let old = field.swap_into(target);
                let old_at = std::mem::replace(&mut target.modified, at);
                Ok(Edit::SetClaimField {
                    claim,
                    field: old,
                    at: old_at,
                })
            }
            Edit::InsertSource {
                claim,
                index,
                source,
                at,
            } => {
                let target = self.claim_mut(claim)?;
                if target.sources.iter().any(|s| s.id == source.id) {
                    return Err(EditError::DuplicateId(source.id.to_string()));
                }
                let source_id = source.id;
                target
                    .sources
                    .insert(index.min(target.sources.len()), *source);
                let old_at = std::mem::replace(&mut target.modified, at);
                Ok(Edit::RemoveSource {
                    claim,
                    source: source_id,
                    at: old_at,
                })
            }
            Edit::RemoveSource { claim, source, at } => {
                let target = self.claim_mut(claim)?;
                let index = source_index(target, source)?;
                let removed = target.sources.remove(index);
                let old_at = std::mem::replace(&mut target.modified, at);
                Ok(Edit::InsertSource {
                    claim,
                    index,
                    source: Box::new(removed),
                    at: old_at,
                })
            }
            Edit::UpdateSource { claim, source, at } => {
                let target = self.claim_mut(claim)?;
                let index = source_index(target, source.id)?;
                let slot = target
                    .sources
                    .get_mut(index)
                    .ok_or(EditError::UnknownSource {
                        claim,
                        source_id: source.id,
                    })?;
                let old = std::mem::replace(slot, *source);
                let old_at = std::mem::replace(&mut target.modified, at);
                Ok(Edit::UpdateSource {
                    claim,
                    source: Box::new(old),
                    at: old_at,
                })
            }
            Edit::MoveSource {
                claim,
                source,
                to,
                at,
            } => {
                let target = self.claim_mut(claim)?;
                let from = source_index(target, source)?;
                let moved = target.sources.remove(from);
                target.sources.insert(to.min(target.sources.len()), moved);
                let old_at = std::mem::replace(&mut target.modified, at);
                Ok(Edit::MoveSource {
                    claim,
                    source,
                    to: from,
                    at: old_at,
                })
            }
            Edit::InsertRating { index, rating } => self.insert_rating(index, *rating),
            Edit::RemoveRating(id) => self.remove_rating(id),
            Edit::SetRatingField { rating, field } => self.set_rating_field(rating, field),
            Edit::MoveRating { rating, to } => self.move_rating(rating, to),
            Edit::ReplaceScale { scale, verdicts } => self.replace_scale(scale, verdicts),
        }
    }

    fn claim_index(&self, id: ClaimId) -> Result<usize, EditError> {
        self.claims
            .iter()
            .position(|c| c.id == id)
            .ok_or(EditError::UnknownClaim(id))
    }

    fn claim_mut(&mut self, id: ClaimId) -> Result<&mut Claim, EditError> {
        self.claims
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or(EditError::UnknownClaim(id))
    }
}

fn source_index(claim: &Claim, source: SourceId) -> Result<usize, EditError> {
    claim
        .sources
        .iter()
        .position(|s| s.id == source)
        .ok_or(EditError::UnknownSource {
            claim: claim.id,
            source_id: source,
        })
}
