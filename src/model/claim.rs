//! Claims, where they sit in the text, and the evidence gathered for them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::text::context_around;
use super::{ArticleId, ClaimId, SourceId, UnknownMembers};

/// How many chars of context a claim keeps on each side of its quote.
pub const CONTEXT_CHARS: usize = 32;

/// Where a claim sits in its article: a char range plus the quoted text and its surroundings, so the span
/// can be found again if the article text changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnchor {
    /// First char of the span (Unicode scalar values from the start of the article text).
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// The exact text of the span.
    pub quote: String,
    /// Up to 32 chars before the span.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars after the span.
    #[serde(default)]
    pub suffix: String,
    /// Members of the anchor this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl TextAnchor {
    /// The anchor of char range `start..end` of `text`, or `None` when the range is empty, reversed or out
    /// of bounds.
    pub fn from_range(text: &str, start: usize, end: usize) -> Option<Self> {
        if start >= end {
            return None;
        }
        let quote = super::text::slice_chars(text, start..end)?.to_owned();
        let (prefix, suffix) = context_around(text, start..end, CONTEXT_CHARS);
        Some(Self {
            start,
            end,
            quote,
            prefix,
            suffix,
            unknown: UnknownMembers::default(),
        })
    }

    /// The span as a char range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Where a claim stands in the verification workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Marked, not yet looked into.
    #[default]
    Unchecked,
    /// Research under way.
    InProgress,
    /// Checked, waiting for a second pair of eyes.
    NeedsReview,
    /// Verified and ready to publish.
    Done,
}

impl Status {
    /// Every status in workflow order.
    pub const ALL: [Status; 4] = [
        Status::Unchecked,
        Status::InProgress,
        Status::NeedsReview,
        Status::Done,
    ];

    /// What users read.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unchecked => "Unchecked",
            Status::InProgress => "In progress",
            Status::NeedsReview => "Needs review",
            Status::Done => "Done",
        }
    }
}

/// What a source says about the claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The source backs the claim.
    Supports,
    /// The source contradicts the claim.
    Refutes,
    /// The source gives background without deciding.
    #[default]
    Context,
}

impl Stance {
    /// Every stance.
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

    /// What users read.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Supports => "Supports",
            Stance::Refutes => "Refutes",
            Stance::Context => "Context",
        }
    }
}

/// Whether a claimant is a person or an organisation (a government, a party, a company, an outlet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimantKind {
    /// A person, e.g. a politician. What a claimant is unless the fact-checker says otherwise.
    #[default]
    Person,
    /// An organisation, e.g. "Ukraine's Defense Ministry" or a news site.
    Organisation,
}

impl ClaimantKind {
    /// Both kinds.
    pub const ALL: [ClaimantKind; 2] = [ClaimantKind::Person, ClaimantKind::Organisation];

    /// What users read.
    pub fn label(self) -> &'static str {
        match self {
            ClaimantKind::Person => "Person",
            ClaimantKind::Organisation => "Organisation",
        }
    }

    /// The schema.org type of such a claimant: `Person` or `Organization`.
    pub fn schema_org_type(self) -> &'static str {
        match self {
            ClaimantKind::Person => "Person",
            ClaimantKind::Organisation => "Organization",
        }
    }
}

/// One piece of evidence consulted for a claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Stable id within the claim.
    pub id: SourceId,
    /// Where the source can be read.
    #[serde(default)]
    pub url: String,
    /// The source's title.
    #[serde(default)]
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: String,
    /// When the fact-checker read it.
    #[serde(default, deserialize_with = "super::date::optional")]
    pub accessed: Option<NaiveDate>,
    /// The passage that matters.
    #[serde(default)]
    pub quote: String,
    /// Whether it supports or refutes the claim, or gives context.
    #[serde(default)]
    pub stance: Stance,
    /// The fact-checker's note on the source.
    #[serde(default)]
    pub note: String,
    /// Members of the source this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Default for SourceId {
    fn default() -> Self {
        SourceId::new_random()
    }
}

impl Source {
    /// An empty source with a fresh id, accessed on `today`.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            id: SourceId::new_random(),
            accessed: Some(today),
            ..Self::default()
        }
    }
}

/// A checkable statement marked in an article, with its provenance, evidence and verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// The article the claim is marked in.
    pub article: ArticleId,
    /// Where in the article.
    pub anchor: TextAnchor,
    /// The claim as the fact-checker restates it; starts as the quote.
    pub text: String,
    /// Who made the claim.
    #[serde(default)]
    pub claimant: String,
    /// Whether the claimant is a person or an organisation.
    #[serde(default)]
    pub claimant_kind: ClaimantKind,
    /// Where it appeared, each an outlet name or URL, in the order the fact-checker listed them; the
    /// first is taken as the first appearance (ClaimReview `firstAppearance`).
    #[serde(default)]
    pub appearances: Vec<String>,
    /// When it was made.
    #[serde(default, deserialize_with = "super::date::optional")]
    pub claim_date: Option<NaiveDate>,
    /// Workflow status.
    #[serde(default)]
    pub status: Status,
    /// When the status was last set; `None` for a claim whose status was never set, and for statuses
    /// set before factdesk recorded it.
    #[serde(default)]
    pub status_changed: Option<DateTime<Utc>>,
    /// Id of a rating of the project's scale; `None` until a verdict is given.
    #[serde(default)]
    pub verdict: Option<String>,
    /// When the verdict was last set; `None` without a verdict, and for verdicts set before factdesk
    /// recorded it (format 2 and earlier).
    #[serde(default)]
    pub verdict_given: Option<DateTime<Utc>>,
    /// Why the verdict was given.
    #[serde(default)]
    pub explanation: String,
    /// Evidence consulted, in the order the fact-checker arranged it.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Labels for sorting and filtering.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the claim was marked.
    pub created: DateTime<Utc>,
    /// When it last changed.
    pub modified: DateTime<Utc>,
    /// Members of the claim this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Claim {
    /// A new unchecked claim over `anchor` whose text starts as the quote on one line (hard line
    /// breaks and runs of white space in the quote become single spaces).
    pub fn new(article: ArticleId, anchor: TextAnchor, now: DateTime<Utc>) -> Self {
        Self {
            id: ClaimId::new_random(),
            article,
            text: anchor
                .quote
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            anchor,
            claimant: String::new(),
            claimant_kind: ClaimantKind::Person,
            appearances: Vec::new(),
            claim_date: None,
            status: Status::Unchecked,
            status_changed: None,
            verdict: None,
            verdict_given: None,
            explanation: String::new(),
            sources: Vec::new(),
            notes: String::new(),
            tags: Vec::new(),
            created: now,
            modified: now,
            unknown: UnknownMembers::default(),
        }
    }

    /// The appearances reports print: trimmed, blank ones left out.
    pub fn shown_appearances(&self) -> impl Iterator<Item = &str> {
        self.appearances
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
    }
}
