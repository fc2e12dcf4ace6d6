//! Verification reports: what a fact-checker publishes from a project.
//!
//! Every format reads the same [`ReportData`], so claim numbers, counts and verdicts agree between the
//! HTML and Markdown reports and the window.

mod html;
mod markdown;

use chrono::{DateTime, Utc};

use crate::model::{Claim, Project, Rating, Status};

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// CommonMark.
    #[value(name = "md")]
    Markdown,
}

impl ReportFormat {
    /// Every format, in the order menus list them.
    pub const ALL: [ReportFormat; 2] = [ReportFormat::Html, ReportFormat::Markdown];

    /// The usual file name ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "md",
        }
    }

    /// What menus call the format.
    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Html => "HTML report",
            ReportFormat::Markdown => "Markdown report",
        }
    }
}

/// Renders `project` as a report in `format`, stamped as generated at `generated`.
pub fn render(project: &Project, format: ReportFormat, generated: DateTime<Utc>) -> String {
    let data = ReportData::new(project, generated);
    match format {
        ReportFormat::Html => html::render(&data),
        ReportFormat::Markdown => markdown::render(&data),
    }
}

/// One claim as a report shows it.
pub struct ReportClaim<'p> {
    /// Its number, the same as in the window.
    pub number: usize,
    /// The claim.
    pub claim: &'p Claim,
    /// Its verdict on the project's scale, if it has one.
    pub verdict: Option<&'p Rating>,
}

/// What every report format shows, computed once.
pub struct ReportData<'p> {
    /// The project.
    pub project: &'p Project,
    /// Report heading: the report settings' title, else the project title, else "Verification report".
    pub title: String,
    /// When the report was made.
    pub generated: DateTime<Utc>,
    /// Claims the report includes, numbered in reading order.
    pub claims: Vec<ReportClaim<'p>>,
    /// How many included claims carry each rating of the scale, in scale order (zeros kept).
    pub verdict_counts: Vec<(&'p Rating, usize)>,
    /// How many included claims have no verdict yet.
    pub without_verdict: usize,
}

impl<'p> ReportData<'p> {
    /// Gathers what the report shows from `project`.
    pub fn new(project: &'p Project, generated: DateTime<Utc>) -> Self {
        let claims: Vec<ReportClaim<'p>> = project
            .numbered_claims()
            .into_iter()
            .filter(|(_, c)| {
                project.report.include_unchecked
                    || c.status != Status::Unchecked
                    || c.verdict.is_some()
            })
            .map(|(number, claim)| ReportClaim {
                number,
                claim,
                verdict: project.verdict_of(claim),
            })
            .collect();
        let verdict_counts = project
            .rating_scale
            .iter()
            .map(|rating| {
                let count = claims
                    .iter()
                    .filter(|c| c.verdict.is_some_and(|v| v.id == rating.id))
                    .count();
                (rating, count)
            })
            .collect();
        let without_verdict = claims.iter().filter(|c| c.verdict.is_none()).count();
        let title = [&project.report.title, &project.title]
            .into_iter()
            .map(|t| t.trim())
            .find(|t| !t.is_empty())
            .unwrap_or("Verification report")
            .to_owned();
        Self {
            project,
            title,
            generated,
            claims,
            verdict_counts,
            without_verdict,
        }
    }
}

/// Whether `url` may become a link in a report: only http and https, so a `javascript:` or `data:` URL
/// typed into a source stays inert text.
pub fn is_linkable_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}
