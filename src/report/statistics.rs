//! Counts of claims by verdict and by status, for a whole project or one article, and how many claims
//! were finished day by day. Reports and the window's statistics count with the same [`Tally`], so the
//! numbers cannot disagree.
//!
//! A done claim is counted on the day its status was set (`status_changed`). Claims of files written
//! before factdesk recorded that have none; they are counted on the day their verdict was given, or,
//! without that, on the day they last changed; see [`done_day`].

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::Calendar;
use crate::model::{Article, ArticleId, Claim, Project, Rating, Status};

/// How many claims carry each rating and each status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally<'p> {
    /// Claims counted.
    pub claims: usize,
    /// How many claims carry each rating of the scale, in scale order (zeros kept).
    pub per_rating: Vec<(&'p Rating, usize)>,
    /// How many claims have no verdict on the scale: none given, or one whose rating the scale lacks.
    pub without_verdict: usize,
    /// How many claims are at each status, in workflow order (zeros kept).
    pub per_status: Vec<(Status, usize)>,
}

impl<'p> Tally<'p> {
    /// Counts `claims` of `project`, reading verdicts on the project's scale.
    pub fn of<'c>(project: &'p Project, claims: impl IntoIterator<Item = &'c Claim>) -> Self {
        let mut per_rating: Vec<(&'p Rating, usize)> =
            project.rating_scale.iter().map(|r| (r, 0)).collect();
        let mut per_status: Vec<(Status, usize)> = Status::ALL.iter().map(|&s| (s, 0)).collect();
        let mut counted = 0;
        let mut without_verdict = 0;
        for claim in claims {
            counted += 1;
            match claim
                .verdict
                .as_deref()
                .and_then(|id| per_rating.iter_mut().find(|(r, _)| r.id == id))
            {
                Some((_, count)) => *count += 1,
                None => without_verdict += 1,
            }
            if let Some((_, count)) = per_status.iter_mut().find(|(s, _)| *s == claim.status) {
                *count += 1;
            }
        }
        Self {
            claims: counted,
            per_rating,
            without_verdict,
            per_status,
        }
    }

    /// How many claims are at `status`.
    pub fn status(&self, status: Status) -> usize {
        self.per_status
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    }
}

/// Everything the statistics window shows for a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statistics<'p> {
    /// Every claim of the project.
    pub whole: Tally<'p>,
    /// The claims of each article, in the project's article order.
    pub per_article: Vec<(&'p Article, Tally<'p>)>,
    /// How many claims were finished each day (see [`done_day`]), days in order, days without any left
    /// out.
    pub done_per_day: Vec<(NaiveDate, usize)>,
}

impl<'p> Statistics<'p> {
    /// Counts `project`, reading days in `calendar`.
    pub fn of(project: &'p Project, calendar: Calendar) -> Self {
        // One pass over the claims, not one per article: the window counts every frame it is open.
        let mut by_article: HashMap<ArticleId, Vec<&Claim>> = HashMap::new();
        for claim in &project.claims {
            by_article.entry(claim.article).or_default().push(claim);
        }
        let per_article = project
            .articles
            .iter()
            .map(|article| {
                let claims = by_article.get(&article.id).into_iter().flatten().copied();
                (article, Tally::of(project, claims))
            })
            .collect();
        Self {
            whole: Tally::of(project, &project.claims),
            per_article,
            done_per_day: done_per_day(&project.claims, calendar),
        }
    }
}

/// When `claim` counts as finished: `None` unless its status is done; then the time its status was
/// set (`status_changed`).
///
/// A claim from a file written before factdesk recorded that time has none; then the time its verdict
/// was given stands in, as the verdict is usually the last thing given before a claim is marked done,
/// and without that the time it last changed, so such a claim edited afterwards moves to the day of
/// that edit.
pub fn done_day(claim: &Claim) -> Option<DateTime<Utc>> {
    (claim.status == Status::Done).then(|| {
        claim
            .status_changed
            .or(claim.verdict_given)
            .unwrap_or(claim.modified)
    })
}

/// How many of `claims` were finished each day of `calendar` (see [`done_day`]), in day order.
pub fn done_per_day<'c>(
    claims: impl IntoIterator<Item = &'c Claim>,
    calendar: Calendar,
) -> Vec<(NaiveDate, usize)> {
    let mut days: std::collections::BTreeMap<NaiveDate, usize> = std::collections::BTreeMap::new();
    for at in claims.into_iter().filter_map(done_day) {
        *days.entry(calendar.day(at)).or_default() += 1;
    }
    days.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::{ClaimField, Edit, TextAnchor};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn claim(article: ArticleId, status: Status, verdict: Option<&str>) -> Claim {
        let anchor = TextAnchor::from_range("Some text here.", 0, 4).unwrap();
        let mut claim = Claim::new(article, anchor, at(1, 9));
        claim.status = status;
        claim.verdict = verdict.map(str::to_owned);
        claim
    }

    fn project_with(claims: Vec<Claim>, articles: &[Article]) -> Project {
        let mut project = Project::new("Counts".into());
        project.articles = articles.to_vec();
        project.claims = claims;
        project
    }

    #[test]
    fn tally_counts_every_rating_and_status_keeping_zeros() {
        let article = Article::new("A".into(), "Some text here.".into(), None, at(1, 8));
        let claims = vec![
            claim(article.id, Status::Done, Some("false")),
            claim(article.id, Status::Done, Some("false")),
            claim(article.id, Status::InProgress, Some("true")),
            claim(article.id, Status::Unchecked, None),
            // A rating the scale does not have counts as no verdict, as reports show it.
            claim(article.id, Status::NeedsReview, Some("pants-on-fire")),
        ];
        let project = project_with(claims, &[article]);
        let tally = Tally::of(&project, &project.claims);
        assert_eq!(tally.claims, 5);
        let by_id: Vec<(&str, usize)> = tally
            .per_rating
            .iter()
            .map(|(r, n)| (r.id.as_str(), *n))
            .collect();
        assert_eq!(
            by_id,
            [
                ("true", 1),
                ("mostly-true", 0),
                ("half-true", 0),
                ("mostly-false", 0),
                ("false", 2),
                ("unverifiable", 0)
            ]
        );
        assert_eq!(tally.without_verdict, 2);
        assert_eq!(tally.status(Status::Done), 2);
        assert_eq!(tally.status(Status::InProgress), 1);
        assert_eq!(tally.status(Status::NeedsReview), 1);
        assert_eq!(tally.status(Status::Unchecked), 1);
    }

    #[test]
    fn statistics_count_each_article_apart_and_the_project_as_a_whole() {
        let first = Article::new("First".into(), "Some text here.".into(), None, at(1, 8));
        let second = Article::new("Second".into(), "Some text here.".into(), None, at(1, 8));
        let claims = vec![
            claim(first.id, Status::Done, Some("true")),
            claim(second.id, Status::Done, Some("false")),
            claim(second.id, Status::Unchecked, None),
        ];
        let project = project_with(claims, &[first, second]);
        let stats = Statistics::of(&project, Calendar::utc());
        assert_eq!(stats.whole.claims, 3);
        let per_article: Vec<(&str, usize, usize)> = stats
            .per_article
            .iter()
            .map(|(a, t)| (a.title.as_str(), t.claims, t.status(Status::Done)))
            .collect();
        assert_eq!(per_article, [("First", 1, 1), ("Second", 2, 1)]);
    }

    #[test]
    fn a_claim_rated_in_one_week_and_marked_done_two_weeks_later_counts_when_marked_done() {
        let article = Article::new("A".into(), "Some text here.".into(), None, at(1, 8));
        let mut project = project_with(Vec::new(), std::slice::from_ref(&article));
        let claim = claim(article.id, Status::Unchecked, None);
        let id = claim.id;
        project.claims.push(claim);
        let mut set = |field, at| {
            project
                .apply(Edit::SetClaimField {
                    claim: id,
                    field,
                    at,
                })
                .unwrap();
        };
        set(
            ClaimField::verdict(Some("false".into()), at(2, 10)),
            at(2, 10),
        );
        set(ClaimField::status(Status::Done, at(16, 15)), at(16, 15));
        // A later note moves `modified`, not the day the claim was finished.
        set(ClaimField::Notes("checked twice".into()), at(20, 9));

        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(
            Statistics::of(&project, Calendar::utc()).done_per_day,
            [(day(16), 1)]
        );
    }

    #[test]
    fn done_claims_without_a_status_time_are_dated_by_their_verdict_else_their_last_change() {
        let article = ArticleId::new_random();
        let mut by_verdict = claim(article, Status::Done, Some("true"));
        by_verdict.verdict_given = Some(at(3, 10));
        by_verdict.modified = at(9, 10);
        let mut by_change = claim(article, Status::Done, None);
        by_change.modified = at(5, 23);
        let mut also_on_third = claim(article, Status::Done, Some("false"));
        also_on_third.verdict_given = Some(at(3, 18));
        let mut not_done = claim(article, Status::NeedsReview, Some("true"));
        not_done.verdict_given = Some(at(4, 10));
        let claims = [by_verdict, by_change, also_on_third, not_done];

        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        assert_eq!(
            done_per_day(&claims, Calendar::utc()),
            [(day(3), 2), (day(5), 1)]
        );
        // 23:00 UTC on the 5th is already the 6th two hours east.
        let east = Calendar::Offset(chrono::FixedOffset::east_opt(2 * 3600).unwrap());
        assert_eq!(done_per_day(&claims, east), [(day(3), 2), (day(6), 1)]);
    }
}
