//! The transparency check run before a report is published: verdicts must show their evidence and
//! reasoning, and every quote must still be what the article says.

use crate::model::text::CharIndex;
use crate::model::{ClaimId, Project};

/// What the check found wrong with one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransparencyProblem {
    /// The claim has a verdict but cites no source.
    VerdictWithoutSource,
    /// The claim has a verdict but no explanation of it.
    VerdictWithoutExplanation,
    /// On a scale without ratings (Explanation only), where the explanation is what is published,
    /// the claim is explained but cites no source.
    ExplanationWithoutSource,
    /// The claim's quote is no longer the article text at its position.
    QuoteDoesNotMatch,
}

impl TransparencyProblem {
    /// What a user reads.
    pub fn message(self) -> &'static str {
        match self {
            TransparencyProblem::VerdictWithoutSource => "has a verdict but no source",
            TransparencyProblem::VerdictWithoutExplanation => "has a verdict but no explanation",
            TransparencyProblem::ExplanationWithoutSource => "is explained but cites no source",
            TransparencyProblem::QuoteDoesNotMatch => {
                "quotes text that is no longer in the article at its position"
            }
        }
    }
}

/// One finding of the check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransparencyFinding {
    /// The claim's number in reports and the window.
    pub number: usize,
    /// The claim.
    pub claim: ClaimId,
    /// What is wrong.
    pub problem: TransparencyProblem,
}

impl std::fmt::Display for TransparencyFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "claim #{} {}", self.number, self.problem.message())
    }
}

/// What exporting `project` as `format` would get wrong beyond single claims, one sentence each.
pub fn format_notes(project: &Project, format: super::ReportFormat) -> Vec<String> {
    let mut notes = Vec::new();
    if format == super::ReportFormat::ClaimReview
        && !super::is_linkable_url(&project.report.base_url)
    {
        notes.push(
            "ClaimReview needs the address the report will be published at (an https:// base URL) so \
             each review has a full url; set it in Project › Report settings"
                .to_owned(),
        );
    }
    notes
}

/// Every finding for the claims `project`'s report includes, in claim-number order.
pub fn transparency_check(project: &Project) -> Vec<TransparencyFinding> {
    let indexes: Vec<_> = project
        .articles
        .iter()
        .map(|a| (a.id, a, CharIndex::new(&a.text)))
        .collect();
    let mut findings = Vec::new();
    for (number, claim) in project.numbered_claims() {
        if !super::is_included(project, claim) {
            continue;
        }
        let mut add = |problem| {
            findings.push(TransparencyFinding {
                number,
                claim: claim.id,
                problem,
            })
        };
        if claim.verdict.is_some() {
            if claim.sources.is_empty() {
                add(TransparencyProblem::VerdictWithoutSource);
            }
            if claim.explanation.trim().is_empty() {
                add(TransparencyProblem::VerdictWithoutExplanation);
            }
        } else if project.rating_scale.is_empty()
            && !claim.explanation.trim().is_empty()
            && claim.sources.is_empty()
        {
            add(TransparencyProblem::ExplanationWithoutSource);
        }
        let quote_matches = indexes
            .iter()
            .find(|(id, _, _)| *id == claim.article)
            .and_then(|(_, article, index)| index.slice(&article.text, claim.anchor.range()))
            == Some(claim.anchor.quote.as_str());
        if !quote_matches {
            add(TransparencyProblem::QuoteDoesNotMatch);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Source};
    use crate::report::fixtures;

    fn problems_of(project: &Project, claim: ClaimId) -> Vec<TransparencyProblem> {
        transparency_check(project)
            .into_iter()
            .filter(|f| f.claim == claim)
            .map(|f| f.problem)
            .collect()
    }

    #[test]
    fn without_ratings_an_explanation_needs_a_source() {
        let project = fixtures::explanation_only();
        let findings: Vec<_> = transparency_check(&project)
            .into_iter()
            .filter(|f| f.problem != TransparencyProblem::QuoteDoesNotMatch)
            .map(|f| (f.number, f.problem))
            .collect();
        // Claim 1 cites its sources; claim 4 is explained without one; the rest say nothing yet.
        assert_eq!(
            findings,
            [(4, TransparencyProblem::ExplanationWithoutSource)]
        );
    }

    #[test]
    fn verdicts_need_a_source_and_an_explanation() {
        let mut project = fixtures::project();
        let claim = project.claims[0].clone();
        let at = fixtures::generated();
        let set = |field| Edit::SetClaimField {
            claim: claim.id,
            field,
            at,
        };
        project
            .apply(set(crate::model::ClaimField::verdict(
                Some("false".into()),
                at,
            )))
            .unwrap();
        project
            .apply(set(crate::model::ClaimField::Explanation(String::new())))
            .unwrap();
        for source in claim.sources.clone() {
            project
                .apply(Edit::RemoveSource {
                    claim: claim.id,
                    source: source.id,
                    at,
                })
                .unwrap();
        }
        assert_eq!(
            problems_of(&project, claim.id),
            [
                TransparencyProblem::VerdictWithoutSource,
                TransparencyProblem::VerdictWithoutExplanation
            ]
        );
        project
            .apply(set(crate::model::ClaimField::Explanation(
                "Census data.".into(),
            )))
            .unwrap();
        let source = Source::new(at.date_naive());
        project
            .apply(Edit::InsertSource {
                claim: claim.id,
                index: 0,
                source: Box::new(source),
                at,
            })
            .unwrap();
        assert!(problems_of(&project, claim.id).is_empty());
    }

    #[test]
    fn a_quote_that_drifted_from_the_text_is_reported_with_the_claim_number() {
        let mut project = fixtures::project();
        project.claims[1].anchor.quote.push_str(" (edited)");
        let findings = transparency_check(&project);
        let number = project.claim_number(project.claims[1].id).unwrap();
        assert!(
            findings
                .iter()
                .any(|f| f.number == number && f.problem == TransparencyProblem::QuoteDoesNotMatch)
        );
        assert!(findings.iter().any(|f| f.to_string()
            == format!(
                "claim #{number} quotes text that is no longer in the article at its position"
            )));
    }

    #[test]
    fn claims_left_out_of_the_report_are_not_checked() {
        let mut project = fixtures::project();
        for claim in &mut project.claims {
            claim.verdict = None;
            claim.status = crate::model::Status::Unchecked;
            claim.anchor.quote.push('!');
        }
        project.report.include_unchecked = false;
        assert!(transparency_check(&project).is_empty());
    }

    #[test]
    fn claimreview_needs_an_absolute_base_url() {
        use crate::report::ReportFormat;
        let mut project = fixtures::project();
        project.report.base_url = String::new();
        assert_eq!(format_notes(&project, ReportFormat::ClaimReview).len(), 1);
        assert!(
            format_notes(&project, ReportFormat::Html).is_empty(),
            "other formats do not need it"
        );
        project.report.base_url = "javascript:alert(1)".into();
        assert_eq!(format_notes(&project, ReportFormat::ClaimReview).len(), 1);
        project.report.base_url = "https://checks.example.org/report".into();
        assert!(format_notes(&project, ReportFormat::ClaimReview).is_empty());
    }
}
