//! Changing a project's rating scale: one rating at a time, or the whole scale at once with a mapping
//! of the verdicts claims already carry.
//!
//! A rating that claims use is never removed on its own: the whole scale is replaced by one
//! [`Edit::ReplaceScale`] that also sets every affected claim's verdict, so nothing is dropped
//! silently and one undo restores the scale and every verdict (with its `verdict_given`) exactly.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use super::{ClaimId, Edit, EditError, Project, Rating, UnknownMembers, parse_hex_color};

/// A field of a rating with its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingField {
    /// What the window and reports show.
    Label(String),
    /// Highlight colour as `#rrggbb`.
    Color(String),
    /// Numeric value for ClaimReview; higher means more accurate.
    Value(i32),
}

impl RatingField {
    /// What the undo menu calls an edit of this field.
    pub fn description(&self) -> &'static str {
        match self {
            RatingField::Label(_) => "rename rating",
            RatingField::Color(_) => "recolour rating",
            RatingField::Value(_) => "change rating value",
        }
    }
}

/// A claim's verdict as a scale change sets it (and its undo puts it back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictState {
    /// The claim.
    pub claim: ClaimId,
    /// Rating id on the new scale, or `None` for no verdict.
    pub rating: Option<String>,
    /// The claim's `verdict_given`.
    pub given: Option<DateTime<Utc>>,
    /// The claim's `modified`.
    pub modified: DateTime<Utc>,
}

/// What each rating in use becomes on a new scale: old rating id → new rating id, or `None` for no
/// verdict. Ordered by id, so the same choices always build the same edit.
pub type ScaleMapping = BTreeMap<String, Option<String>>;

impl Project {
    /// The ratings claims carry as their verdict, in scale order, each with how many claims carry it.
    /// Verdicts naming no rating of the scale (a project that was not validated) come last.
    pub fn ratings_in_use(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for verdict in self.claims.iter().filter_map(|c| c.verdict.as_deref()) {
            *counts.entry(verdict).or_default() += 1;
        }
        let mut in_use: Vec<(String, usize)> = self
            .rating_scale
            .iter()
            .filter_map(|r| counts.remove(r.id.as_str()).map(|n| (r.id.clone(), n)))
            .collect();
        in_use.extend(counts.into_iter().map(|(id, n)| (id.to_owned(), n)));
        in_use
    }

    /// A first guess at what each rating in use becomes on `scale`: the rating with the same id, else
    /// the one with the same label (ignoring case and surrounding space), else none. The user confirms
    /// or changes it before it is applied.
    pub fn proposed_mapping(&self, scale: &[Rating]) -> ScaleMapping {
        let key = |label: &str| label.trim().to_lowercase();
        self.ratings_in_use()
            .into_iter()
            .map(|(old, _)| {
                let old_label = self.rating(&old).map(|r| key(&r.label));
                let target = scale
                    .iter()
                    .find(|r| r.id == old)
                    .or_else(|| {
                        scale
                            .iter()
                            .find(|r| old_label.as_deref() == Some(key(&r.label).as_str()))
                    })
                    .map(|r| r.id.clone());
                (old, target)
            })
            .collect()
    }

    /// The edit that puts `scale` in place of the project's and gives each claim the verdict
    /// `mapping` says for its old one, at time `at`.
    ///
    /// Every rating in use must be in `mapping` or keep its id on `scale`; a verdict mapped to another
    /// rating keeps its `verdict_given` (the same judgment on another scale), one mapped to none loses
    /// it. Claims whose verdict stays as it is are left alone.
    pub fn replace_scale_edit(
        &self,
        scale: Vec<Rating>,
        mapping: &ScaleMapping,
        at: DateTime<Utc>,
    ) -> Result<Edit, EditError> {
        check_scale(&scale)?;
        let on_new_scale = |id: &str| scale.iter().any(|r| r.id == id);
        let mut verdicts = Vec::new();
        for claim in &self.claims {
            let Some(old) = claim.verdict.as_deref() else {
                continue;
            };
            let new = match mapping.get(old) {
                Some(target) => target.clone(),
                None if on_new_scale(old) => Some(old.to_owned()),
                None => return Err(EditError::UnmappedRating(old.to_owned())),
            };
            if let Some(new) = &new
                && !on_new_scale(new)
            {
                return Err(EditError::UnknownRating(new.clone()));
            }
            if new.as_deref() == Some(old) {
                continue;
            }
            verdicts.push(VerdictState {
                claim: claim.id,
                given: new.as_ref().and(claim.verdict_given),
                rating: new,
                modified: at,
            });
        }
        Ok(Edit::ReplaceScale { scale, verdicts })
    }

    /// [`Edit::InsertRating`].
    pub(super) fn insert_rating(
        &mut self,
        index: usize,
        rating: Rating,
    ) -> Result<Edit, EditError> {
        check_rating(&rating)?;
        if self.rating(&rating.id).is_some() {
            return Err(EditError::DuplicateId(rating.id));
        }
        let id = rating.id.clone();
        self.rating_scale
            .insert(index.min(self.rating_scale.len()), rating);
        Ok(Edit::RemoveRating(id))
    }

    /// [`Edit::RemoveRating`]: refused while claims carry the rating.
    pub(super) fn remove_rating(&mut self, id: String) -> Result<Edit, EditError> {
        let index = self.rating_index(&id)?;
        let claims = self
            .claims
            .iter()
            .filter(|c| c.verdict.as_deref() == Some(id.as_str()))
            .count();
        if claims > 0 {
            return Err(EditError::RatingInUse { rating: id, claims });
        }
        let rating = self.rating_scale.remove(index);
        Ok(Edit::InsertRating {
            index,
            rating: Box::new(rating),
        })
    }

    /// [`Edit::SetRatingField`].
    pub(super) fn set_rating_field(
        &mut self,
        rating: String,
        field: RatingField,
    ) -> Result<Edit, EditError> {
        if let RatingField::Color(color) = &field
            && parse_hex_color(color).is_none()
        {
            return Err(EditError::InvalidRating(format!(
                "the colour {color:?} is not written as #rrggbb"
            )));
        }
        let index = self.rating_index(&rating)?;
        let target = self
            .rating_scale
            .get_mut(index)
            .ok_or_else(|| EditError::UnknownRating(rating.clone()))?;
        let old = match field {
            RatingField::Label(v) => RatingField::Label(std::mem::replace(&mut target.label, v)),
            RatingField::Color(v) => RatingField::Color(std::mem::replace(&mut target.color, v)),
            RatingField::Value(v) => RatingField::Value(std::mem::replace(&mut target.value, v)),
        };
        Ok(Edit::SetRatingField { rating, field: old })
    }

    /// [`Edit::MoveRating`].
    pub(super) fn move_rating(&mut self, rating: String, to: usize) -> Result<Edit, EditError> {
        let from = self.rating_index(&rating)?;
        let moved = self.rating_scale.remove(from);
        self.rating_scale
            .insert(to.min(self.rating_scale.len()), moved);
        Ok(Edit::MoveRating { rating, to: from })
    }

    /// [`Edit::ReplaceScale`]: puts `scale` in place and sets the listed verdicts, after checking
    /// that every claim's verdict is then on the new scale; returns the edit that restores both.
    pub(super) fn replace_scale(
        &mut self,
        scale: Vec<Rating>,
        verdicts: Vec<VerdictState>,
    ) -> Result<Edit, EditError> {
        check_scale(&scale)?;
        let mut listed = HashSet::new();
        for state in &verdicts {
            if self.claim(state.claim).is_none() {
                return Err(EditError::UnknownClaim(state.claim));
            }
            // A claim listed twice would be undone in the wrong order.
            if !listed.insert(state.claim) {
                return Err(EditError::DuplicateId(state.claim.to_string()));
            }
        }
        let on_new_scale = |id: &str| scale.iter().any(|r| r.id == id);
        for state in &verdicts {
            if let Some(rating) = &state.rating
                && !on_new_scale(rating)
            {
                return Err(EditError::UnknownRating(rating.clone()));
            }
        }
        if let Some(stranded) = self
            .claims
            .iter()
            .filter(|c| !listed.contains(&c.id))
            .filter_map(|c| c.verdict.as_deref())
            .find(|v| !on_new_scale(v))
        {
            return Err(EditError::UnmappedRating(stranded.to_owned()));
        }
        let old_scale = std::mem::replace(&mut self.rating_scale, scale);
        let mut inverse = Vec::with_capacity(verdicts.len());
        for state in verdicts {
            let Some(claim) = self.claims.iter_mut().find(|c| c.id == state.claim) else {
                continue;
            };
            let given = state.given.filter(|_| state.rating.is_some());
            inverse.push(VerdictState {
                claim: state.claim,
                rating: std::mem::replace(&mut claim.verdict, state.rating),
                given: std::mem::replace(&mut claim.verdict_given, given),
                modified: std::mem::replace(&mut claim.modified, state.modified),
            });
        }
        Ok(Edit::ReplaceScale {
            scale: old_scale,
            verdicts: inverse,
        })
    }

    fn rating_index(&self, id: &str) -> Result<usize, EditError> {
        self.rating_scale
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| EditError::UnknownRating(id.to_owned()))
    }
}

/// A new rating called `label` for `scale`, with an id made from the label that no rating of the
/// scale has (`mostly-false`, `mostly-false-2`, …).
pub fn new_rating(scale: &[Rating], label: &str, color: &str, value: i32) -> Rating {
    let slug: String = label
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() {
        "rating".to_owned()
    } else {
        slug
    };
    let taken = |id: &str| scale.iter().any(|r| r.id == id);
    let id = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|id| !taken(id))
        .unwrap_or(base);
    Rating {
        id,
        label: label.to_owned(),
        color: color.to_owned(),
        value,
        unknown: UnknownMembers::default(),
    }
}

/// Whether `scale` is one the project file can hold: ids not blank and unique, colours `#rrggbb`.
/// Any number of ratings, none included.
pub fn check_scale(scale: &[Rating]) -> Result<(), EditError> {
    let mut ids = HashSet::new();
    for rating in scale {
        check_rating(rating)?;
        if !ids.insert(rating.id.as_str()) {
            return Err(EditError::DuplicateId(rating.id.clone()));
        }
    }
    Ok(())
}

fn check_rating(rating: &Rating) -> Result<(), EditError> {
    if rating.id.trim().is_empty() {
        return Err(EditError::InvalidRating(
            "a rating needs an id that is not blank".to_owned(),
        ));
    }
    if parse_hex_color(&rating.color).is_none() {
        return Err(EditError::InvalidRating(format!(
            "the colour {:?} of rating {:?} is not written as #rrggbb",
            rating.color, rating.id
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::{Article, Claim, ClaimField, ScalePreset, TextAnchor, validate};

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap()
    }

    /// A project with three claims: rated "mostly-false", "true" and none.
    fn rated_project() -> Project {
        let text = "One. Two. Three.";
        let article = Article::new("A".into(), text.into(), None, at(0));
        let mut project = Project::from_article(article);
        let article = project.articles[0].id;
        for (start, end, verdict) in [
            (0, 4, Some("mostly-false")),
            (5, 9, Some("true")),
            (10, 16, None),
        ] {
            let anchor = TextAnchor::from_range(text, start, end).unwrap();
            let claim = Claim::new(article, anchor, at(1));
            let id = claim.id;
            project
                .apply(Edit::InsertClaim {
                    index: project.claims.len(),
                    claim: Box::new(claim),
                })
                .unwrap();
            if let Some(v) = verdict {
                project
                    .apply(Edit::SetClaimField {
                        claim: id,
                        field: ClaimField::verdict(Some(v.into()), at(2)),
                        at: at(2),
                    })
                    .unwrap();
            }
        }
        project
    }

    /// Applies `edit`, checks the project is still valid, undoes it and checks it is back as it was.
    fn apply_and_undo(project: &mut Project, edit: Edit) -> Project {
        let before = project.clone();
        let inverse = project.apply(edit).unwrap();
        assert_eq!(validate(project), vec![]);
        let after = project.clone();
        project.apply(inverse).unwrap();
        assert_eq!(*project, before);
        after
    }

    #[test]
    fn each_rating_edit_applies_and_undoes() {
        let mut project = rated_project();
        let added = new_rating(&project.rating_scale, "Missing context", "#888888", 2);
        assert_eq!(added.id, "missing-context");
        let after = apply_and_undo(
            &mut project,
            Edit::InsertRating {
                index: 1,
                rating: Box::new(added),
            },
        );
        assert_eq!(after.rating_scale[1].label, "Missing context");

        let after = apply_and_undo(
            &mut project,
            Edit::SetRatingField {
                rating: "true".into(),
                field: RatingField::Label("Correct".into()),
            },
        );
        assert_eq!(after.rating("true").unwrap().label, "Correct");
        let after = apply_and_undo(
            &mut project,
            Edit::SetRatingField {
                rating: "true".into(),
                field: RatingField::Color("#00ff00".into()),
            },
        );
        assert_eq!(after.rating("true").unwrap().color, "#00ff00");
        let after = apply_and_undo(
            &mut project,
            Edit::SetRatingField {
                rating: "false".into(),
                field: RatingField::Value(-3),
            },
        );
        assert_eq!(after.rating("false").unwrap().value, -3);
        let after = apply_and_undo(
            &mut project,
            Edit::MoveRating {
                rating: "true".into(),
                to: 3,
            },
        );
        assert_eq!(after.rating_scale[3].id, "true");
        let after = apply_and_undo(&mut project, Edit::RemoveRating("half-true".into()));
        assert!(after.rating("half-true").is_none());
        assert_eq!(after.rating_scale.len(), 5);
    }

    #[test]
    fn a_rating_in_use_cannot_be_removed_alone_and_a_bad_colour_is_refused() {
        let mut project = rated_project();
        let before = project.clone();
        assert_eq!(
            project.apply(Edit::RemoveRating("true".into())),
            Err(EditError::RatingInUse {
                rating: "true".into(),
                claims: 1
            })
        );
        assert!(matches!(
            project.apply(Edit::SetRatingField {
                rating: "true".into(),
                field: RatingField::Color("green".into()),
            }),
            Err(EditError::InvalidRating(_))
        ));
        let duplicate = Rating {
            label: "Again".into(),
            ..project.rating_scale[0].clone()
        };
        assert_eq!(
            project.apply(Edit::InsertRating {
                index: 0,
                rating: Box::new(duplicate)
            }),
            Err(EditError::DuplicateId("true".into()))
        );
        assert_eq!(project, before);
    }

    #[test]
    fn replacing_the_scale_maps_verdicts_and_one_undo_restores_everything() {
        let mut project = rated_project();
        let three = ScalePreset::ThreeLevel.ratings();
        let mut mapping = project.proposed_mapping(&three);
        // "true" keeps its id; "mostly-false" has no match on three levels and waits for the user.
        assert_eq!(mapping.get("true"), Some(&Some("true".to_owned())));
        assert_eq!(mapping.get("mostly-false"), Some(&None));
        mapping.insert("mostly-false".into(), Some("misleading".into()));
        let edit = project
            .replace_scale_edit(three.clone(), &mapping, at(30))
            .unwrap();
        let before = project.clone();
        let after = apply_and_undo(&mut project, edit);
        assert_eq!(after.rating_scale, three);
        let verdicts: Vec<_> = after.claims.iter().map(|c| c.verdict.clone()).collect();
        assert_eq!(
            verdicts,
            [Some("misleading".to_owned()), Some("true".to_owned()), None]
        );
        // The remapped verdict keeps the day it was given; only that claim counts as modified.
        assert_eq!(after.claims[0].verdict_given, Some(at(2)));
        assert_eq!(after.claims[0].modified, at(30));
        assert_eq!(after.claims[1], before.claims[1]);
        assert_eq!(after.claims[2], before.claims[2]);
    }

    #[test]
    fn mapping_to_none_clears_the_verdict_and_its_date_and_undo_brings_both_back() {
        let mut project = rated_project();
        let mapping: ScaleMapping = [("mostly-false".to_owned(), None), ("true".to_owned(), None)]
            .into_iter()
            .collect();
        let edit = project
            .replace_scale_edit(ScalePreset::ExplanationOnly.ratings(), &mapping, at(40))
            .unwrap();
        let after = apply_and_undo(&mut project, edit);
        assert!(after.rating_scale.is_empty());
        assert!(
            after
                .claims
                .iter()
                .all(|c| c.verdict.is_none() && c.verdict_given.is_none())
        );
        assert_eq!(project.claims[0].verdict_given, Some(at(2)));
    }

    #[test]
    fn a_rating_in_use_without_a_mapping_is_refused_not_dropped() {
        let project = rated_project();
        let result = project.replace_scale_edit(
            ScalePreset::ThreeLevel.ratings(),
            &ScaleMapping::new(),
            at(5),
        );
        assert_eq!(
            result,
            Err(EditError::UnmappedRating("mostly-false".into()))
        );
        let mut mapping = ScaleMapping::new();
        mapping.insert("mostly-false".into(), Some("pants-on-fire".into()));
        let result = project.replace_scale_edit(ScalePreset::ThreeLevel.ratings(), &mapping, at(5));
        assert_eq!(
            result,
            Err(EditError::UnknownRating("pants-on-fire".into()))
        );
        // A hand-built edit that would strand a verdict is refused by apply itself.
        let mut project = project;
        let before = project.clone();
        let stranding = Edit::ReplaceScale {
            scale: ScalePreset::ThreeLevel.ratings(),
            verdicts: vec![],
        };
        assert_eq!(
            project.apply(stranding),
            Err(EditError::UnmappedRating("mostly-false".into()))
        );
        assert_eq!(project, before);
    }

    #[test]
    fn new_rating_ids_are_slugs_no_rating_has() {
        let scale = ScalePreset::Factdesk.ratings();
        assert_eq!(
            new_rating(&scale, "Mostly false", "#000000", 0).id,
            "mostly-false-2"
        );
        assert_eq!(
            new_rating(&scale, "  Sin contexto! ", "#000000", 0).id,
            "sin-contexto"
        );
        assert_eq!(new_rating(&[], "", "#000000", 0).id, "rating");
        assert_eq!(new_rating(&[], "Falso ✗", "#000000", 0).id, "falso");
    }

    #[test]
    fn the_proposed_mapping_matches_by_id_then_by_label() {
        let mut project = rated_project();
        // The desk had renamed its ids; the labels still say what the ratings are.
        let renamed = Edit::ReplaceScale {
            scale: vec![
                new_rating(&[], "Mostly False", "#f46d43", 2),
                new_rating(&[], "Correct", "#1a9850", 5),
            ],
            verdicts: project
                .claims
                .iter()
                .filter(|c| c.verdict.is_some())
                .map(|c| VerdictState {
                    claim: c.id,
                    rating: Some(if c.verdict.as_deref() == Some("true") {
                        "correct".into()
                    } else {
                        "mostly-false".into()
                    }),
                    given: c.verdict_given,
                    modified: c.modified,
                })
                .collect(),
        };
        project.apply(renamed).unwrap();
        let mapping = project.proposed_mapping(&ScalePreset::TruthOMeter.ratings());
        assert_eq!(
            mapping.into_iter().collect::<Vec<_>>(),
            [
                // "Correct" is neither an id nor a label of the preset: the user decides.
                ("correct".to_owned(), None),
                ("mostly-false".to_owned(), Some("mostly-false".to_owned())),
            ]
        );
        project
            .apply(Edit::SetRatingField {
                rating: "correct".into(),
                field: RatingField::Label("  half TRUE ".into()),
            })
            .unwrap();
        let mapping = project.proposed_mapping(&ScalePreset::TruthOMeter.ratings());
        assert_eq!(mapping.get("correct"), Some(&Some("half-true".to_owned())));
    }

    #[test]
    fn ratings_in_use_follow_scale_order_with_counts() {
        let project = rated_project();
        assert_eq!(
            project.ratings_in_use(),
            [("true".to_owned(), 1), ("mostly-false".to_owned(), 1)]
        );
    }
}
