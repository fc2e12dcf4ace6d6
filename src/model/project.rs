//! The project: everything a fact-checker saves in one file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Article, ArticleId, Claim, ClaimId, Rating, UnknownMembers, default_rating_scale};

/// The version of the project file format this build writes and reads. Documented in docs/FORMAT.md.
pub const SCHEMA_VERSION: u32 = 3;

/// What the report says about who published it and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    /// Report heading; the project title when empty.
    pub title: String,
    /// The publishing organisation.
    pub organisation: String,
    /// The fact-checker who signs the report.
    pub author: String,
    /// How the checks were done, printed at the top of the report.
    pub methodology: String,
    /// Where the published report will live; the HTML report prints it when it is an http(s) URL.
    pub base_url: String,
    /// When the reviews are published; ClaimReview's `datePublished` of every review when set, else
    /// each claim's date of its verdict.
    #[serde(deserialize_with = "super::date::optional")]
    pub published: Option<NaiveDate>,
    /// Whether claims still unchecked appear in the report.
    pub include_unchecked: bool,
    /// Members of the settings this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Default for ReportSettings {
    /// Empty settings that include unchecked claims, so a report never hides work silently.
    fn default() -> Self {
        Self {
            title: String::new(),
            organisation: String::new(),
            author: String::new(),
            methodology: String::new(),
            base_url: String::new(),
            published: None,
            include_unchecked: true,
            unknown: UnknownMembers::default(),
        }
    }
}

/// A fact-checking project: articles, the claims marked in them, the rating scale and report settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// File format version; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Name of the project.
    pub title: String,
    /// Articles in the order they were added.
    pub articles: Vec<Article>,
    /// Claims in the order they were marked. Views sort them by position in their article.
    pub claims: Vec<Claim>,
    /// Verdicts claims can be given, most accurate first.
    pub rating_scale: Vec<Rating>,
    /// How reports are headed.
    #[serde(default)]
    pub report: ReportSettings,
    /// Members of the project this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Default for Project {
    fn default() -> Self {
        Self::new(String::new())
    }
}

impl Project {
    /// An empty project with the default rating scale.
    pub fn new(title: String) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            title,
            articles: Vec::new(),
            claims: Vec::new(),
            rating_scale: default_rating_scale(),
            report: ReportSettings::default(),
            unknown: UnknownMembers::default(),
        }
    }

    /// A project holding one article, titled after it.
    pub fn from_article(article: Article) -> Self {
        let mut project = Self::new(article.title.clone());
        project.articles.push(article);
        project
    }

    /// The article with id `id`.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The claim with id `id`.
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The rating with id `id` on this project's scale.
    pub fn rating(&self, id: &str) -> Option<&Rating> {
        self.rating_scale.iter().find(|r| r.id == id)
    }

    /// The rating a claim's verdict refers to, if it has one.
    pub fn verdict_of(&self, claim: &Claim) -> Option<&Rating> {
        claim.verdict.as_deref().and_then(|id| self.rating(id))
    }

    /// Claims of `article`, in reading order (by start, then longest first).
    pub fn claims_in_reading_order(&self, article: ArticleId) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|c| c.article == article)
            .collect();
        claims.sort_by_key(|c| {
            (
                c.anchor.start,
                std::cmp::Reverse(c.anchor.end),
                c.created,
                c.id,
            )
        });
        claims
    }

    /// The JSON path of every member of the project file this factdesk did not know when it read the
    /// project, e.g. `claims[2].x-review-id`, object by object in file order, an object's own members
    /// before those of the objects inside it. They are kept and written back on save.
    pub fn unknown_members(&self) -> Vec<String> {
        let mut paths = Vec::new();
        self.unknown.push_paths("", &mut paths);
        for (i, article) in self.articles.iter().enumerate() {
            let at = format!("articles[{i}]");
            article.unknown.push_paths(&at, &mut paths);
            for (j, block) in article.blocks.iter().enumerate() {
                block
                    .unknown
                    .push_paths(&format!("{at}.blocks[{j}]"), &mut paths);
            }
            article
                .meta
                .unknown
                .push_paths(&format!("{at}.meta"), &mut paths);
        }
        for (i, claim) in self.claims.iter().enumerate() {
            let at = format!("claims[{i}]");
            claim.unknown.push_paths(&at, &mut paths);
            claim
                .anchor
                .unknown
                .push_paths(&format!("{at}.anchor"), &mut paths);
            for (j, source) in claim.sources.iter().enumerate() {
                source
                    .unknown
                    .push_paths(&format!("{at}.sources[{j}]"), &mut paths);
            }
        }
        for (i, rating) in self.rating_scale.iter().enumerate() {
            rating
                .unknown
                .push_paths(&format!("rating_scale[{i}]"), &mut paths);
        }
        self.report.unknown.push_paths("report", &mut paths);
        paths
    }

    /// Every claim with its number as reports and the window show it: numbered 1.. in reading order,
    /// article by article.
    pub fn numbered_claims(&self) -> Vec<(usize, &Claim)> {
        self.articles
            .iter()
            .flat_map(|a| self.claims_in_reading_order(a.id))
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .collect()
    }

    /// The number [`Project::numbered_claims`] gives claim `id`.
    pub fn claim_number(&self, id: ClaimId) -> Option<usize> {
        self.numbered_claims()
            .into_iter()
            .find(|(_, c)| c.id == id)
            .map(|(n, _)| n)
    }
}
