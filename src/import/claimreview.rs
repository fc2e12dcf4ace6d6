//! Importing schema.org ClaimReview JSON-LD: other fact-checkers' published verdicts, as claims a
//! fact-checker can compare with, cite or re-check.
//!
//! factdesk claims sit in an article's text, so the import builds one article, "Imported fact-checks:
//! {source}", with one line per review: its `claimReviewed` text on one line. Each review becomes a
//! claim over exactly its line, with the claimant, appearances, claim date, explanation and a verdict
//! mapped onto the project's rating scale, plus one source: the fact-check itself.
//!
//! The reader is lenient, because published markup is: it takes one ClaimReview, an array of them, or an
//! `@graph` (arrays nest); `type` for `@type`; `http://` or `https://` contexts (the context is not
//! read); ratings as numbers or strings; `{"@value": ..}` objects; a missing `bestRating` or
//! `worstRating` (schema.org's defaults, 5 and 1); `itemReviewed` of type Claim, CreativeWork or
//! anything else. What cannot be used is skipped or left empty with a warning, never an abort: other
//! types (a `MediaReview`, a page's `WebPage` node), a review with no `claimReviewed`, no
//! `reviewRating`, a verdict that fits no rating, a date that is not a date.
//!
//! How a verdict is mapped: first by its name (`alternateName`, else the rating's `name`), compared
//! case-insensitively with each rating's label and id; else by where `ratingValue` sits between
//! `worstRating` and `bestRating`, matched to the nearest rating above 0 by its own place on the scale
//! (ties go to the rating listed first). When the name matches but the number points elsewhere, the
//! name wins and a warning says so, since publishers' numbers are the less reliable half.
//!
//! Limitations: only top-level nodes, arrays and `@graph` are searched, not ClaimReviews nested inside
//! another node (e.g. a `WebPage`'s `mainEntity`); the JSON-LD context is not expanded, so properties
//! must use schema.org's short names.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::model::{Article, Claim, ClaimantKind, Rating, Source, Stance, Status, TextAnchor};

/// What a ClaimReview import produced: an article holding the reviewed claims' text, the claims marked
/// in it, and what was skipped or guessed.
#[derive(Clone, Debug)]
pub struct ImportedReviews {
    /// "Imported fact-checks: {source}", one line per claim. Its `origin` is `None`: the caller knows
    /// where the JSON came from and may set it.
    pub article: Article,
    /// One claim per imported review, each spanning exactly its line of the article, in file order.
    pub claims: Vec<Claim>,
    /// What was skipped, left empty or mapped by guesswork, one sentence each, naming the item.
    pub warnings: Vec<String>,
    /// The published verdicts no rating of the scale fits (a name, else the number as published),
    /// each with how many reviews gave it, in file order: those claims came in without a verdict.
    pub unmapped: Vec<(String, usize)>,
    /// [`ImportedReviews::unmapped`] in one sentence for the user, when there are any.
    pub unmapped_note: Option<String>,
}

/// Why a file could not be imported as ClaimReview markup.
#[derive(Debug, Error)]
pub enum ClaimReviewError {
    /// The input is empty.
    #[error("the file is empty; choose a .json or .jsonld file with ClaimReview markup: {name}")]
    Empty {
        /// What was being imported.
        name: String,
    },
    /// The input is not JSON.
    #[error(
        "this is not JSON ({reason} at line {line}, column {column}); ClaimReview markup on a web page is the text inside its <script type=\"application/ld+json\"> element, which can be saved as a .jsonld file: {name}"
    )]
    NotJson {
        /// What was being imported.
        name: String,
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1.
        column: usize,
        /// What the JSON parser expected.
        reason: String,
    },
    /// The JSON holds no ClaimReview.
    #[error(
        "no ClaimReview found (the file holds {found}); factdesk imports schema.org ClaimReview markup as fact-checkers publish it: {name}"
    )]
    NoClaimReview {
        /// What was being imported.
        name: String,
        /// What the file holds instead, e.g. "1 MediaReview".
        found: String,
    },
    /// Every ClaimReview lacks the text of the claim it reviews.
    #[error(
        "found {reviews} ClaimReview(s), but none has a claimReviewed text saying which claim it reviews, so there is nothing to import: {name}"
    )]
    NoClaimText {
        /// What was being imported.
        name: String,
        /// How many ClaimReviews there were.
        reviews: usize,
    },
}

/// Imports the ClaimReviews in `json` as claims in a new article.
///
/// `source_name` (a file name or site) titles the article and names the input in errors; verdicts are
/// mapped onto `scale`; `now` stamps the article, the claims and the sources' access date.
pub fn import_claimreview(
    json: &str,
    source_name: &str,
    scale: &[Rating],
    now: DateTime<Utc>,
) -> Result<ImportedReviews, ClaimReviewError> {
    let name = source_name.to_owned();
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.trim().is_empty() {
        return Err(ClaimReviewError::Empty { name });
    }
    let value: Value = serde_json::from_str(json).map_err(|e| {
        let full = e.to_string();
        // serde_json appends the position to its message; it is reported in its own fields.
        let position = format!(" at line {} column {}", e.line(), e.column());
        ClaimReviewError::NotJson {
            name: name.clone(),
            line: e.line(),
            column: e.column(),
            reason: full.strip_suffix(&position).unwrap_or(&full).to_owned(),
        }
    })?;

    let mut nodes = Vec::new();
    collect_nodes(&value, &mut nodes);
    let mut warnings = Vec::new();
    let mut reviews = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let position = i + 1;
        let Some(object) = node.as_object() else {
            warnings.push(format!(
                "item {position} is a JSON {}, not a ClaimReview object; skipped",
                json_noun(node)
            ));
            continue;
        };
        match node_types(object).first() {
            _ if is_claim_review(object) => reviews.push((position, object)),
            Some(kind) if kind.eq_ignore_ascii_case("MediaReview") => warnings.push(format!(
                "{} is a MediaReview (a verdict on a photo or video, not on a claim); skipped",
                item_label(position, object)
            )),
            Some(kind) => warnings.push(format!(
                "{} is a {kind}, not a ClaimReview; skipped",
                item_label(position, object)
            )),
            None => warnings.push(format!(
                "{} has no @type, so it is not known to be a ClaimReview; skipped",
                item_label(position, object)
            )),
        }
    }
    if reviews.is_empty() {
        return Err(ClaimReviewError::NoClaimReview {
            name,
            found: describe_nodes(&value, &nodes),
        });
    }

    let review_count = reviews.len();
    let imported: Vec<Review> = reviews
        .into_iter()
        .filter_map(|(position, object)| read_review(position, object, scale, now, &mut warnings))
        .collect();
    if imported.is_empty() {
        return Err(ClaimReviewError::NoClaimText {
            name,
            reviews: review_count,
        });
    }

    let mut text = imported
        .iter()
        .map(|r| r.line.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    let article = Article::new(
        format!("Imported fact-checks: {source_name}"),
        text,
        None,
        now,
    );
    let mut unmapped: Vec<(String, usize)> = Vec::new();
    for verdict in imported.iter().filter_map(|r| r.unmapped.as_ref()) {
        match unmapped.iter_mut().find(|(v, _)| v == verdict) {
            Some((_, n)) => *n += 1,
            None => unmapped.push((verdict.clone(), 1)),
        }
    }
    let unmapped_note = unmapped_note(&unmapped, scale.is_empty());
    let mut claims = Vec::with_capacity(imported.len());
    let (mut char_start, mut byte_start) = (0, 0);
    for review in imported {
        let char_len = review.line.chars().count();
        let byte_end = byte_start + review.line.len();
        let anchor = anchor_at(&article.text, byte_start..byte_end, char_start);
        // The next line starts after this one and its `\n`.
        char_start += char_len + 1;
        byte_start = byte_end + 1;
        let Some(anchor) = anchor else {
            // Unreachable for lines built above; a warning beats a wrong span if it ever happens.
            warnings.push(format!(
                "{}: could not place the claim in the article text; skipped",
                review.label
            ));
            continue;
        };
        let mut claim = Claim::new(article.id, anchor, now);
        claim.claimant = review.claimant;
        claim.claimant_kind = review.claimant_kind;
        claim.appearances = review.appearances;
        claim.claim_date = review.claim_date;
        claim.status = if review.verdict.is_some() {
            Status::Done
        } else {
            Status::Unchecked
        };
        claim.verdict_given = review
            .verdict
            .is_some()
            .then_some(review.published.unwrap_or(now));
        // A published review was finished when it was published, not when it is imported.
        claim.status_changed = claim.verdict_given;
        claim.verdict = review.verdict;
        claim.explanation = review.explanation;
        claim.sources = vec![review.source];
        claims.push(claim);
    }
    Ok(ImportedReviews {
        article,
        claims,
        warnings,
        unmapped,
        unmapped_note,
    })
}

/// Says which published verdicts no rating fits, e.g. `"Pants on Fire" (2 reviews)`; on a scale
/// without ratings (Explanation only), that none could be kept as a verdict.
fn unmapped_note(unmapped: &[(String, usize)], scale_is_empty: bool) -> Option<String> {
    if unmapped.is_empty() {
        return None;
    }
    let listed = unmapped
        .iter()
        .map(|(verdict, n)| format!("{verdict} ({n} review{})", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(", ");
    Some(if scale_is_empty {
        format!(
            "the project's rating scale is Explanation only (no ratings), so no verdict was \
             imported; each source's note keeps the published one: {listed}"
        )
    } else {
        format!(
            "these published verdicts fit no rating of the project's scale, so their claims came \
             in without a verdict: {listed}; add them in Project › Rating scale… and import again, \
             or set the verdicts by hand"
        )
    })
}

/// One review, read and ready to become a line and a claim.
struct Review {
    label: String,
    line: String,
    claimant: String,
    claimant_kind: ClaimantKind,
    appearances: Vec<String>,
    claim_date: Option<NaiveDate>,
    verdict: Option<String>,
    /// The published verdict, quoted (or its number), when no rating fits it.
    unmapped: Option<String>,
    /// When the publisher gave the verdict, as its `datePublished` (else `dateModified`) says.
    published: Option<DateTime<Utc>>,
    explanation: String,
    source: Source,
}

/// Reads the ClaimReview `object` (item `position` of the file); `None`, with a warning, when it says
/// no claim.
fn read_review(
    position: usize,
    object: &Map<String, Value>,
    scale: &[Rating],
    now: DateTime<Utc>,
    warnings: &mut Vec<String>,
) -> Option<Review> {
    let label = item_label(position, object);
    let Some(line) = text_of(object.get("claimReviewed")).map(|t| collapse_whitespace(&t)) else {
        warnings.push(format!(
            "{label} has no claimReviewed text saying which claim it reviews; skipped"
        ));
        return None;
    };

    let item = first_object(object.get("itemReviewed"));
    let author = item.and_then(|i| {
        [i.get("author"), i.get("creator")]
            .into_iter()
            .find(|who| name_of(*who).is_some())
            .flatten()
    });
    let claimant = name_of(author).unwrap_or_default();
    let claimant_kind = kind_of(author);
    let appearances = item.map(appearances_of).unwrap_or_default();
    let claim_date = item.and_then(|i| {
        let raw = text_of(i.get("datePublished")).or_else(|| text_of(i.get("dateCreated")))?;
        let date = date_of(&raw);
        if date.is_none() {
            warnings.push(format!(
                "{label}: the claim's date \"{raw}\" is not a date of the form YYYY-MM-DD; left empty"
            ));
        }
        date
    });

    let rating_object = first_object(object.get("reviewRating"));
    let published = rating_object.map(PublishedRating::read);
    let verdict = match &published {
        Some(published) => map_verdict(published, scale, &label, warnings),
        None => {
            warnings.push(format!(
                "{label} has no reviewRating; imported without a verdict"
            ));
            None
        }
    };

    let explanation = [
        text_of(object.get("reviewBody")),
        text_of(object.get("ratingExplanation")),
        rating_object.and_then(|r| text_of(r.get("ratingExplanation"))),
    ]
    .into_iter()
    .flatten()
    .next()
    .unwrap_or_default();

    let published_at = ["datePublished", "dateModified"]
        .into_iter()
        .find_map(|member| {
            let raw = text_of(object.get(member))?;
            let at = moment_of(&raw);
            if at.is_none() {
                warnings.push(format!(
                    "{label}: its {member} \"{raw}\" is not a date (YYYY-MM-DD) or a date and time; \
                     not used as the day of its verdict"
                ));
            }
            at
        });

    let publisher = name_of(object.get("author")).unwrap_or_default();
    let title = text_of(object.get("headline"))
        .or_else(|| text_of(object.get("name")))
        .unwrap_or_else(|| {
            if publisher.is_empty() {
                "Fact-check".to_owned()
            } else {
                format!("Fact-check by {publisher}")
            }
        });
    let source = Source {
        url: text_of(object.get("url")).unwrap_or_default(),
        title,
        publisher,
        stance: verdict.map_or(Stance::Context, |r| stance_of(r, scale)),
        note: published_note(published.as_ref(), text_of(object.get("datePublished"))),
        ..Source::new(now.date_naive())
    };
    Some(Review {
        label,
        line,
        claimant,
        claimant_kind,
        appearances,
        claim_date,
        unmapped: match (&published, verdict) {
            (Some(published), None) => Some(published.describe()),
            _ => None,
        },
        verdict: verdict.map(|r| r.id.clone()),
        published: published_at,
        explanation,
        source,
    })
}

/// The verdict as the publisher gave it.
struct PublishedRating {
    /// `alternateName`, else `name`, else a `ratingValue` that is not a number (some publishers put the
    /// verdict there).
    name: Option<String>,
    value: Option<f64>,
    best: f64,
    worst: f64,
}

impl PublishedRating {
    fn read(rating: &Map<String, Value>) -> Self {
        let value = number_of(rating.get("ratingValue"));
        let name = text_of(rating.get("alternateName"))
            .or_else(|| text_of(rating.get("name")))
            .or_else(|| {
                value
                    .is_none()
                    .then(|| text_of(rating.get("ratingValue")))
                    .flatten()
            });
        Self {
            name,
            value,
            // schema.org's defaults when a scale end is not given.
            best: number_of(rating.get("bestRating")).unwrap_or(5.0),
            worst: number_of(rating.get("worstRating")).unwrap_or(1.0),
        }
    }

    /// Where the value sits from worst (0) to best (1); `None` without a value or a usable scale.
    /// Works for scales written best-low too (`bestRating` 1, `worstRating` 5).
    fn position(&self) -> Option<f64> {
        let value = self.value?;
        let span = self.best - self.worst;
        if span == 0.0 {
            return None;
        }
        Some((value - self.worst) / span).filter(|p| (0.0..=1.0).contains(p))
    }

    /// The verdict as published, for messages: its name quoted, else its number, e.g. `"Faux"` or
    /// `1 on a scale from 1 to 5`.
    fn describe(&self) -> String {
        match (&self.name, self.describe_value()) {
            (Some(name), _) => format!("\"{name}\""),
            (None, Some(value)) => value,
            (None, None) => "a rating with neither a name nor a number".to_owned(),
        }
    }

    /// "1 on a scale from 1 to 5", for warnings and notes.
    fn describe_value(&self) -> Option<String> {
        self.value.map(|v| {
            format!(
                "{v} on a scale from {} to {}",
                self.worst.min(self.best),
                self.worst.max(self.best)
            )
        })
    }
}

/// The rating of `scale` the published verdict maps to, warning about guesses and misses.
fn map_verdict<'s>(
    published: &PublishedRating,
    scale: &'s [Rating],
    label: &str,
    warnings: &mut Vec<String>,
) -> Option<&'s Rating> {
    // No rating can fit on an Explanation-only scale; the import says so once for all reviews.
    if scale.is_empty() {
        return None;
    }
    let by_name = published.name.as_deref().and_then(|name| {
        scale
            .iter()
            .find(|r| same_name(&r.label, name) || same_name(&r.id, name))
    });
    let by_number = published
        .position()
        .and_then(|position| nearest_rating(scale, position));
    let value = published.describe_value();
    match (by_name, by_number, published.name.as_deref(), value) {
        (Some(named), Some(numbered), Some(name), Some(value)) if named.id != numbered.id => {
            warnings.push(format!(
                "{label}: the verdict \"{name}\" contradicts its rating, {value}, which would be \"{}\"; used the verdict \"{}\"",
                numbered.label, named.label
            ));
            Some(named)
        }
        (Some(named), ..) => Some(named),
        (None, Some(numbered), Some(name), Some(value)) => {
            warnings.push(format!(
                "{label}: the verdict \"{name}\" is not on your rating scale; mapped by its rating, {value}, to \"{}\"",
                numbered.label
            ));
            Some(numbered)
        }
        (None, Some(numbered), ..) => Some(numbered),
        (None, None, name, value) => {
            let what = match (name, value) {
                (Some(name), Some(value)) => format!(
                    "the verdict \"{name}\" is not on your rating scale and its rating, {value}, is outside that scale"
                ),
                (Some(name), None) => format!(
                    "the verdict \"{name}\" is not on your rating scale and it has no numeric rating"
                ),
                (None, Some(value)) => {
                    format!("its rating, {value}, is outside that scale and it has no verdict name")
                }
                (None, None) => "its reviewRating has neither a verdict name nor a rating".into(),
            };
            warnings.push(format!("{label}: {what}; imported without a verdict"));
            None
        }
    }
}

/// Whether two verdict names are the same, ignoring case, spacing and `-`/`_` ("Mostly-True" is
/// "mostly true").
fn same_name(a: &str, b: &str) -> bool {
    let normal = |s: &str| {
        s.to_lowercase()
            .replace(['-', '_'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let a = normal(a);
    !a.is_empty() && a == normal(b)
}

/// Where `rating` sits on `scale` from its least (0) to its most accurate (1) rating above 0; `None`
/// for ratings at or below 0 (such as Unverifiable), which are not points between false and true.
fn scale_position(rating: &Rating, scale: &[Rating]) -> Option<f64> {
    if rating.value <= 0 {
        return None;
    }
    let values = scale.iter().map(|r| r.value).filter(|v| *v > 0);
    let (min, max) = (values.clone().min()?, values.max()?);
    if max == min {
        return Some(1.0);
    }
    Some(f64::from(rating.value - min) / f64::from(max - min))
}

/// The rating above 0 whose place on `scale` is nearest `position`; the first listed on a tie.
fn nearest_rating(scale: &[Rating], position: f64) -> Option<&Rating> {
    scale
        .iter()
        .filter_map(|r| Some((r, (scale_position(r, scale)? - position).abs())))
        .min_by(|(_, a), (_, b)| a.total_cmp(b))
        .map(|(r, _)| r)
}

/// What the fact-check says about the claim: false-half verdicts refute it, true-half ones support it.
fn stance_of(rating: &Rating, scale: &[Rating]) -> Stance {
    match scale_position(rating, scale) {
        Some(p) if p < 0.5 => Stance::Refutes,
        Some(_) => Stance::Supports,
        None => Stance::Context,
    }
}

/// The source's note: the verdict as published, which the mapping onto the local scale may lose.
fn published_note(published: Option<&PublishedRating>, date: Option<String>) -> String {
    let mut parts = Vec::new();
    if let Some(published) = published {
        match (&published.name, published.describe_value()) {
            (Some(name), Some(value)) => parts.push(format!("Rated \"{name}\" ({value}).")),
            (Some(name), None) => parts.push(format!("Rated \"{name}\".")),
            (None, Some(value)) => parts.push(format!("Rated {value}.")),
            (None, None) => {}
        }
    }
    if let Some(date) = date {
        parts.push(format!("Published {date}."));
    }
    parts.join(" ")
}

/// Where the claim appeared: `firstAppearance` first, then every `appearance`, each as its url, else
/// its name, once each. For an `itemReviewed` without either that is not a Claim (a CreativeWork, a
/// video Clip), the item is itself where the claim appeared: its own url, the url of what it is part
/// of, or its name.
fn appearances_of(item: &Map<String, Value>) -> Vec<String> {
    let mut appearances: Vec<String> = Vec::new();
    for key in ["firstAppearance", "appearance"] {
        for found in urls_or_names(item.get(key)) {
            if !appearances.contains(&found) {
                appearances.push(found);
            }
        }
    }
    if !appearances.is_empty()
        || node_types(item)
            .iter()
            .any(|t| t.eq_ignore_ascii_case("Claim"))
    {
        return appearances;
    }
    text_of(item.get("url"))
        .or_else(|| url_or_name(item.get("isPartOf")))
        .or_else(|| text_of(item.get("name")))
        .or_else(|| text_of(item.get("headline")))
        .into_iter()
        .collect()
}

/// [`url_or_name`] of a value or of each item of a list.
fn urls_or_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| url_or_name(Some(v))).collect(),
        other => url_or_name(other).into_iter().collect(),
    }
}

/// A CreativeWork's url, else its name or headline; a plain string as it is.
fn url_or_name(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(object) => text_of(object.get("url"))
            .or_else(|| text_of(object.get("name")))
            .or_else(|| text_of(object.get("headline"))),
        Value::Array(items) => items.iter().find_map(|v| url_or_name(Some(v))),
        other => text_of(Some(other)),
    }
}

/// A Person's or Organization's name; a plain string is taken as the name.
fn name_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Object(object) => text_of(object.get("name")),
        Value::Array(items) => items.iter().find_map(|v| name_of(Some(v))),
        other => text_of(Some(other)),
    }
}

/// Whether the claimant `author` (a Person, an Organization, or a plain name) is an organisation:
/// typed `Organization` or one of its schema.org subtypes (`GovernmentOrganization`, `NewsMediaOrganization`,
/// `Corporation`, `PoliticalParty`, …). Anything else, a plain name included, is a person, as
/// ClaimReview exports have it unless told otherwise.
fn kind_of(author: Option<&Value>) -> ClaimantKind {
    const ORGANISATION_TYPES: [&str; 11] = [
        "Airline",
        "Consortium",
        "Corporation",
        "FundingScheme",
        "LibrarySystem",
        "LocalBusiness",
        "NGO",
        "OnlineBusiness",
        "PerformingGroup",
        "PoliticalParty",
        "WorkersUnion",
    ];
    let object = match author {
        Some(Value::Object(object)) => Some(object),
        Some(Value::Array(items)) => items.iter().find_map(|v| match v {
            Value::Object(object) if text_of(object.get("name")).is_some() => Some(object),
            _ => None,
        }),
        _ => None,
    };
    let organisation = object.is_some_and(|object| {
        node_types(object).iter().any(|t| {
            t.ends_with("Organization")
                || ORGANISATION_TYPES.iter().any(|o| o.eq_ignore_ascii_case(t))
        })
    });
    if organisation {
        ClaimantKind::Organisation
    } else {
        ClaimantKind::Person
    }
}

/// A property's text, trimmed and non-empty: a string, a number, the first usable entry of an array,
/// or a JSON-LD value object's `@value`.
fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(|v| text_of(Some(v))),
        Value::Object(object) => text_of(object.get("@value")),
        Value::Bool(_) | Value::Null => None,
    }
}

/// A property's number: a JSON number or a string holding one ("5"), finite.
fn number_of(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Array(items) => items.first().and_then(|v| number_of(Some(v))),
        Value::Object(object) => number_of(object.get("@value")),
        Value::Bool(_) | Value::Null => None,
    }
    .filter(|n| n.is_finite())
}

/// The date part of an ISO 8601 date or date-time ("2022-12-03T00:00:00+01:00" is 3 December 2022,
/// the date where it was said).
fn date_of(text: &str) -> Option<NaiveDate> {
    let date = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The moment `text` names: an RFC 3339 date and time, one without an offset (taken as this machine's
/// local time), or a bare date, taken as noon of that day in this machine's local time so that the
/// report, which dates a verdict by the local calendar, gives back the same day.
fn moment_of(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .into_iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|day| day.and_hms_opt(12, 0, 0))
        })?;
    // A local time skipped by a daylight-saving change has no moment; UTC is as good a guess as any.
    Some(
        local
            .and_local_timezone(chrono::Local)
            .earliest()
            .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc)),
    )
}

/// The first object of a property that may hold one object or an array of them.
fn first_object(value: Option<&Value>) -> Option<&Map<String, Value>> {
    match value? {
        Value::Object(object) => Some(object),
        Value::Array(items) => items.iter().find_map(|v| first_object(Some(v))),
        _ => None,
    }
}

/// Every node of the document: top-level values, array entries and `@graph` members, arrays flattened.
fn collect_nodes<'v>(value: &'v Value, out: &mut Vec<&'v Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, out);
            }
        }
        Value::Object(object) if object.contains_key("@graph") => {
            // A wrapper with a type of its own is a node too; a bare `{"@context", "@graph"}` is not.
            if !node_types(object).is_empty() {
                out.push(value);
            }
            if let Some(graph) = object.get("@graph") {
                collect_nodes(graph, out);
            }
        }
        other => out.push(other),
    }
}

/// The node's types, short names only ("http://schema.org/ClaimReview" and "schema:ClaimReview" are
/// "ClaimReview"), from `@type`, or from `type` as some publishers write it.
fn node_types(object: &Map<String, Value>) -> Vec<String> {
    let Some(types) = object.get("@type").or_else(|| object.get("type")) else {
        return Vec::new();
    };
    let short = |t: &str| {
        let t = t.trim();
        t.rsplit(['/', '#', ':']).next().unwrap_or(t).to_owned()
    };
    match types {
        Value::String(t) => vec![short(t)],
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(short).collect(),
        _ => Vec::new(),
    }
}

fn is_claim_review(object: &Map<String, Value>) -> bool {
    node_types(object)
        .iter()
        .any(|t| t.eq_ignore_ascii_case("ClaimReview"))
}

/// How warnings name an item: its position, then its claim, url or name, so the user can find it.
fn item_label(position: usize, object: &Map<String, Value>) -> String {
    let hint = text_of(object.get("claimReviewed"))
        .map(|claim| format!("\"{}\"", shorten(&collapse_whitespace(&claim))))
        .or_else(|| text_of(object.get("url")))
        .or_else(|| text_of(object.get("name")).map(|name| format!("\"{}\"", shorten(&name))));
    match hint {
        Some(hint) => format!("item {position} ({hint})"),
        None => format!("item {position}"),
    }
}

/// What the document holds, for the error when it has no ClaimReview: "1 MediaReview", "a string".
fn describe_nodes(root: &Value, nodes: &[&Value]) -> String {
    if nodes.is_empty() {
        return match root {
            Value::Array(_) => "an empty list".into(),
            _ => "an empty @graph".into(),
        };
    }
    // Counted in order of first appearance, so the message reads in file order.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for node in nodes {
        let kind = match node.as_object() {
            Some(object) => node_types(object)
                .into_iter()
                .next()
                .unwrap_or_else(|| "object without @type".into()),
            None => json_noun(node).into(),
        };
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, count)) => *count += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
        .iter()
        .map(|(kind, count)| match count {
            1 => format!("1 {kind}"),
            _ => format!("{count} {kind} items"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn json_noun(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false value",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// `text` on one line: runs of white space, line breaks included, become single spaces.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first 60 chars of `text`, with an ellipsis when cut.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// How many chars around a line [`anchor_at`] hands to [`TextAnchor::from_range`]: more than the 32
/// of context an anchor keeps, so the window never cuts it short (a test compares with the whole text).
const ANCHOR_WINDOW_CHARS: usize = 128;

/// The anchor of the line at `bytes` (starting at char `char_start`) of `text`.
///
/// [`TextAnchor::from_range`] walks the text from its start, which would make importing n reviews
/// take n² steps; it is given only the line and the chars around it, then shifted back.
fn anchor_at(text: &str, bytes: std::ops::Range<usize>, char_start: usize) -> Option<TextAnchor> {
    let context = ANCHOR_WINDOW_CHARS;
    let before = text.get(..bytes.start)?;
    let window_start = before
        .char_indices()
        .rev()
        .take(context)
        .last()
        .map_or(bytes.start, |(i, _)| i);
    let after = text.get(bytes.end..)?;
    let window_end = after
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(i, _)| bytes.end + i);
    let window = text.get(window_start..window_end)?;
    let lead = text.get(window_start..bytes.start)?.chars().count();
    let len = text.get(bytes.clone())?.chars().count();
    let mut anchor = TextAnchor::from_range(window, lead, lead + len)?;
    let shift = char_start.checked_sub(lead)?;
    anchor.start += shift;
    anchor.end += shift;
    Some(anchor)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::model::{Project, default_rating_scale, validate};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).unwrap()
    }

    fn import(json: &str) -> ImportedReviews {
        import_claimreview(json, "test.jsonld", &default_rating_scale(), now()).unwrap()
    }

    /// Asserts the import is a valid project: every anchor matches the article text, every verdict is
    /// on the scale, and the sha256 is right.
    fn assert_valid(imported: &ImportedReviews) {
        let mut project = Project::from_article(imported.article.clone());
        project.claims = imported.claims.clone();
        assert_eq!(validate(&project), vec![]);
        let lines: Vec<_> = imported.article.text.lines().collect();
        assert_eq!(lines.len(), imported.claims.len());
        for (claim, line) in imported.claims.iter().zip(lines) {
            assert_eq!(claim.anchor.quote, line);
            assert_eq!(claim.text, line);
        }
    }

    /// A ClaimReview with the given claim and rating JSON.
    fn review(claim: &str, rating: &str) -> String {
        format!(
            r#"{{"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "{claim}",
                "url": "https://checker.example/{claim}", "reviewRating": {rating}}}"#
        )
    }

    fn verdict(imported: &ImportedReviews) -> Vec<Option<&str>> {
        imported
            .claims
            .iter()
            .map(|c| c.verdict.as_deref())
            .collect()
    }

    const FULL: &str = r#"{
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/checks/42",
        "datePublished": "2026-03-05",
        "headline": "No, crime did not fall by a fifth",
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "claimReviewed": "  Crime fell\n by   a fifth\u2028last year ",
        "reviewBody": "Police figures show a rise.",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Mayor Jane Doe"},
            "datePublished": "2026-03-01T10:00:00+01:00",
            "appearance": {"@type": "CreativeWork", "url": "https://example.org/speech"}
        }
    }"#;

    #[test]
    fn a_claimant_typed_as_an_organisation_is_one() {
        let with_author = |author: &str| {
            format!(
                r#"{{"@type": "ClaimReview", "claimReviewed": "A claim",
                    "reviewRating": {{"alternateName": "False"}},
                    "itemReviewed": {{"@type": "Claim", "author": {author}}}}}"#
            )
        };
        let kind_of_claimant = |author: &str| {
            let imported = import(&with_author(author));
            let claim = &imported.claims[0];
            (claim.claimant.clone(), claim.claimant_kind)
        };
        assert_eq!(
            kind_of_claimant(r#"{"@type": "Organization", "name": "IJR"}"#),
            ("IJR".into(), ClaimantKind::Organisation)
        );
        assert_eq!(
            kind_of_claimant(
                r#"{"@type": "https://schema.org/GovernmentOrganization", "name": "Ukraine's Defense Ministry"}"#
            ),
            (
                "Ukraine's Defense Ministry".into(),
                ClaimantKind::Organisation
            )
        );
        assert_eq!(
            kind_of_claimant(r#"{"@type": ["Thing", "PoliticalParty"], "name": "A Party"}"#),
            ("A Party".into(), ClaimantKind::Organisation)
        );
        assert_eq!(
            kind_of_claimant(r#"{"@type": "Person", "name": "Jane Doe"}"#),
            ("Jane Doe".into(), ClaimantKind::Person)
        );
        assert_eq!(
            kind_of_claimant(r#""Jane Doe""#),
            ("Jane Doe".into(), ClaimantKind::Person)
        );
    }

    #[test]
    fn the_verdict_is_dated_by_the_review_else_by_the_import() {
        let given = |dates: &str| {
            let imported = import(&format!(
                r#"{{"@type": "ClaimReview", "claimReviewed": "A claim", {dates}
                    "reviewRating": {{"alternateName": "False"}}}}"#
            ));
            (imported.claims[0].verdict_given, imported.warnings)
        };
        let at = |text: &str| Some(DateTime::parse_from_rfc3339(text).unwrap().to_utc());
        assert_eq!(
            given(r#""datePublished": "2026-03-02T02:30:00-05:00", "dateModified": "2026-04-01","#),
            (at("2026-03-02T07:30:00Z"), vec![])
        );
        // A bare date is that day wherever the project is opened, read as the machine's local noon.
        let (bare, _) = given(r#""datePublished": "2026-03-05","#);
        assert_eq!(
            bare.map(|at| at.with_timezone(&chrono::Local).date_naive()),
            NaiveDate::from_ymd_opt(2026, 3, 5)
        );
        let (modified, _) = given(r#""dateModified": "2026-04-01","#);
        assert_eq!(
            modified.map(|at| at.with_timezone(&chrono::Local).date_naive()),
            NaiveDate::from_ymd_opt(2026, 4, 1)
        );
        assert_eq!(given(""), (Some(now()), vec![]));
        let (unreadable, warnings) = given(r#""datePublished": "last Tuesday","#);
        assert_eq!(unreadable, Some(now()), "the day of the import");
        assert_eq!(
            warnings,
            [
                "item 1 (\"A claim\"): its datePublished \"last Tuesday\" is not a date (YYYY-MM-DD) or a date and \
              time; not used as the day of its verdict"
            ]
        );
    }

    #[test]
    fn a_single_review_becomes_a_claim_on_its_own_line() {
        let imported = import(FULL);
        assert_valid(&imported);
        assert_eq!(imported.warnings, Vec::<String>::new());
        assert_eq!(imported.article.title, "Imported fact-checks: test.jsonld");
        assert_eq!(imported.article.text, "Crime fell by a fifth last year\n");
        let [claim] = imported.claims.as_slice() else {
            panic!("one claim expected")
        };
        assert_eq!(claim.claimant, "Mayor Jane Doe");
        assert_eq!(claim.appearances, ["https://example.org/speech"]);
        assert_eq!(claim.claim_date, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(claim.verdict.as_deref(), Some("false"));
        assert_eq!(claim.status, Status::Done);
        assert_eq!(claim.status_changed, claim.verdict_given);
        assert!(claim.status_changed.is_some());
        assert_eq!(claim.explanation, "Police figures show a rise.");
        assert_eq!(claim.created, now());
        let [source] = claim.sources.as_slice() else {
            panic!("one source expected")
        };
        assert_eq!(source.url, "https://checker.example/checks/42");
        assert_eq!(source.title, "No, crime did not fall by a fifth");
        assert_eq!(source.publisher, "Checker Desk");
        assert_eq!(source.stance, Stance::Refutes);
        assert_eq!(source.accessed, Some(now().date_naive()));
        assert_eq!(
            source.note,
            "Rated \"False\" (1 on a scale from 1 to 5). Published 2026-03-05."
        );
    }

    #[test]
    fn arrays_graphs_and_nested_arrays_are_read_in_order() {
        let (a, b, c) = (
            review("One", r#"{"ratingValue": 5}"#),
            review("Two", r#"{"ratingValue": 3}"#),
            review("Three", r#"{"ratingValue": 1}"#),
        );
        let array = format!("[{a}, {b}, {c}]");
        let graph = format!(r#"{{"@context": "https://schema.org", "@graph": [{a}, {b}, {c}]}}"#);
        let nested = format!(r#"[[{a}], {{"@graph": [[{b}], {{"@graph": {c}}}]}}]"#);
        for json in [array, graph, nested] {
            let imported = import(&json);
            assert_valid(&imported);
            assert_eq!(imported.article.text, "One\nTwo\nThree\n");
            assert_eq!(
                verdict(&imported),
                [Some("true"), Some("half-true"), Some("false")]
            );
            assert_eq!(imported.warnings, Vec::<String>::new(), "{json}");
            let stances: Vec<_> = imported
                .claims
                .iter()
                .map(|c| c.sources[0].stance)
                .collect();
            assert_eq!(
                stances,
                [Stance::Supports, Stance::Supports, Stance::Refutes]
            );
        }
    }

    #[test]
    fn real_world_quirks_are_accepted() {
        // `type` for `@type`, an http context, string ratings, no worstRating, a CreativeWork item with
        // a headline, ratingExplanation inside the rating, a byte-order mark.
        let json = "\u{feff}".to_owned()
            + r#"{
            "@context": "http://schema.org",
            "type": "ClaimReview",
            "claimReviewed": "The world is flat",
            "author": {"type": "Organization", "name": "Flat Checks"},
            "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": "5",
                             "ratingExplanation": "It is round.", "alternateName": "Faux"},
            "itemReviewed": {"@type": "CreativeWork", "headline": "Earth: Flat.",
                             "author": {"@type": "Person", "name": "A N Other"},
                             "datePublished": "2020-01-02"}
        }"#;
        let imported = import(&json);
        assert_valid(&imported);
        let claim = &imported.claims[0];
        assert_eq!(claim.verdict.as_deref(), Some("mostly-false"));
        assert_eq!(claim.explanation, "It is round.");
        assert_eq!(claim.claimant, "A N Other");
        assert_eq!(claim.appearances, ["Earth: Flat."]);
        assert_eq!(claim.claim_date, NaiveDate::from_ymd_opt(2020, 1, 2));
        assert_eq!(claim.sources[0].title, "Fact-check by Flat Checks");
        assert_eq!(claim.sources[0].publisher, "Flat Checks");
        assert_eq!(claim.sources[0].stance, Stance::Refutes);
        // "Faux" is not on the scale, so the number decided, and the user is told.
        assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
        assert!(imported.warnings[0].contains("\"Faux\" is not on your rating scale"));
        assert!(imported.warnings[0].contains("\"Mostly false\""));
    }

    #[test]
    fn other_item_types_give_the_appearance() {
        let clip = r#"{"@type": "ClaimReview", "claimReviewed": "A clip claim",
            "reviewRating": {"alternateName": "True"},
            "itemReviewed": {"@type": "Clip", "isPartOf": {"@type": "VideoObject",
                "url": "https://video.example/watch?v=1", "name": "Speech"}}}"#;
        assert_eq!(
            import(clip).claims[0].appearances,
            ["https://video.example/watch?v=1"]
        );
        let work = r#"{"@type": "ClaimReview", "claimReviewed": "A work claim",
            "reviewRating": {"alternateName": "True"},
            "itemReviewed": {"@type": "CreativeWork", "name": "The interview",
                "firstAppearance": "https://first.example/"}}"#;
        assert_eq!(
            import(work).claims[0].appearances,
            ["https://first.example/"]
        );
        // A Claim with no appearance has none; its name is the claim, not where it appeared.
        let claim = r#"{"@type": "ClaimReview", "claimReviewed": "A claim",
            "reviewRating": {"alternateName": "True"},
            "itemReviewed": {"@type": "Claim", "name": "A claim", "author": "Someone"}}"#;
        let imported = import(claim);
        assert!(imported.claims[0].appearances.is_empty());
        assert_eq!(imported.claims[0].claimant, "Someone");
    }

    #[test]
    fn every_appearance_is_taken_first_appearance_first_and_each_once() {
        let json = r#"{"@type": "ClaimReview", "claimReviewed": "Said everywhere",
            "reviewRating": {"alternateName": "False"},
            "itemReviewed": {"@type": "Claim",
                "appearance": [
                    {"@type": "CreativeWork", "url": "https://social.example/post/9"},
                    {"@type": "SocialMediaPosting", "url": "https://speech.example/2026-03-01"},
                    {"@type": "CreativeWork", "name": "Evening news"},
                    "https://social.example/post/9"
                ],
                "firstAppearance": {"@type": "CreativeWork",
                    "url": "https://speech.example/2026-03-01"}}}"#;
        assert_eq!(
            import(json).claims[0].appearances,
            [
                "https://speech.example/2026-03-01",
                "https://social.example/post/9",
                "Evening news"
            ]
        );
    }

    #[test]
    fn verdict_names_match_labels_and_ids_regardless_of_case() {
        let json = format!(
            "[{}, {}, {}, {}]",
            review("A", r#"{"alternateName": "MOSTLY TRUE"}"#),
            review("B", r#"{"alternateName": "half-true"}"#),
            review(
                "C",
                r#"{"alternateName": "Unverifiable", "ratingValue": 0}"#
            ),
            review("D", r#"{"name": "mostly_false"}"#),
        );
        let imported = import(&json);
        assert_valid(&imported);
        assert_eq!(
            verdict(&imported),
            [
                Some("mostly-true"),
                Some("half-true"),
                Some("unverifiable"),
                Some("mostly-false")
            ]
        );
        // ratingValue 0 is outside 1..5, but the name decided, so there is nothing to warn about.
        assert_eq!(imported.warnings, Vec::<String>::new());
        let stances: Vec<_> = imported
            .claims
            .iter()
            .map(|c| c.sources[0].stance)
            .collect();
        assert_eq!(
            stances,
            [
                Stance::Supports,
                Stance::Supports,
                Stance::Context,
                Stance::Refutes
            ]
        );
    }

    #[test]
    fn numbers_map_to_the_nearest_rating_by_place_on_the_scale() {
        let json = format!(
            "[{}, {}, {}, {}, {}, {}]",
            // 2 of 1..6 sits at 0.2: nearest Mostly false (0.25).
            review("A", r#"{"ratingValue": 2, "bestRating": 6}"#),
            // Strings, and a scale from 0 to 10: 7.5 sits at 0.75, Mostly true.
            review(
                "B",
                r#"{"ratingValue": "7.5", "bestRating": "10", "worstRating": "0"}"#
            ),
            // Best-low scale: 1 is best.
            review(
                "C",
                r#"{"ratingValue": 1, "bestRating": 1, "worstRating": 5}"#
            ),
            // A tie between False (0) and Mostly false (0.25) goes to the one listed first.
            review(
                "D",
                r#"{"ratingValue": 1.5, "bestRating": 5, "worstRating": 1}"#
            ),
            // A JSON-LD value object.
            review("E", r#"{"ratingValue": {"@value": "5"}}"#),
            // Unknown name, no number.
            review("F", r#"{"alternateName": "Pants on Fire"}"#),
        );
        let imported = import(&json);
        assert_valid(&imported);
        assert_eq!(
            verdict(&imported),
            [
                Some("mostly-false"),
                Some("mostly-true"),
                Some("true"),
                Some("mostly-false"),
                Some("true"),
                None
            ]
        );
        let f = &imported.claims[5];
        assert_eq!(f.status, Status::Unchecked);
        assert_eq!(f.sources[0].stance, Stance::Context);
        assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
        assert!(imported.warnings[0].starts_with("item 6 (\"F\")"));
        assert!(imported.warnings[0].contains("\"Pants on Fire\" is not on your rating scale"));
        assert!(imported.warnings[0].ends_with("imported without a verdict"));
    }

    #[test]
    fn a_custom_scale_is_mapped_onto_by_its_own_values() {
        let scale: Vec<Rating> = [("correct", "Correct", 10), ("wrong", "Wrong", 2)]
            .into_iter()
            .map(|(id, label, value)| Rating {
                id: id.into(),
                label: label.into(),
                color: "#000000".into(),
                value,
                unknown: Default::default(),
            })
            .collect();
        let json = format!(
            "[{}, {}]",
            review("A", r#"{"ratingValue": 4}"#),
            review("B", r#"{"ratingValue": 2}"#)
        );
        let imported = import_claimreview(&json, "x", &scale, now()).unwrap();
        assert_eq!(verdict(&imported), [Some("correct"), Some("wrong")]);
        assert_eq!(imported.claims[0].sources[0].stance, Stance::Supports);
        assert_eq!(imported.claims[1].sources[0].stance, Stance::Refutes);
    }

    #[test]
    fn a_name_that_contradicts_the_number_wins_with_a_warning() {
        // As in schema.org's own example: "True" with 1 on a 1..6 scale.
        let imported = import(&review(
            "Perry",
            r#"{"ratingValue": 1, "bestRating": 6, "alternateName": "True"}"#,
        ));
        assert_eq!(verdict(&imported), [Some("true")]);
        assert_eq!(imported.warnings.len(), 1);
        assert!(imported.warnings[0].contains("contradicts its rating, 1 on a scale from 1 to 6"));
    }

    #[test]
    fn reviews_without_a_rating_or_a_claim_and_other_types_are_skipped_with_warnings() {
        let json = r#"{"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage", "url": "https://checker.example/page"},
            {"@type": "MediaReview", "url": "https://checker.example/video"},
            {"@type": "ClaimReview", "claimReviewed": "Rated nothing", "reviewBody": "Unclear."},
            {"@type": "ClaimReview", "claimReviewed": "   ", "url": "https://checker.example/empty"},
            {"@type": ["ClaimReview", "Review"], "claimReviewed": "Two types",
             "reviewRating": {"alternateName": "True"}},
            {"name": "typeless"},
            42
        ]}"#;
        let imported = import(json);
        assert_valid(&imported);
        assert_eq!(imported.article.text, "Rated nothing\nTwo types\n");
        assert_eq!(verdict(&imported), [None, Some("true")]);
        let unrated = &imported.claims[0];
        assert_eq!(unrated.status, Status::Unchecked);
        assert_eq!(unrated.explanation, "Unclear.");
        assert_eq!(unrated.sources[0].title, "Fact-check");
        assert_eq!(
            imported.warnings,
            [
                "item 1 (https://checker.example/page) is a WebPage, not a ClaimReview; skipped",
                "item 2 (https://checker.example/video) is a MediaReview (a verdict on a photo or \
                 video, not on a claim); skipped",
                "item 6 (\"typeless\") has no @type, so it is not known to be a ClaimReview; skipped",
                "item 7 is a JSON number, not a ClaimReview object; skipped",
                "item 3 (\"Rated nothing\") has no reviewRating; imported without a verdict",
                "item 4 (https://checker.example/empty) has no claimReviewed text saying which \
                 claim it reviews; skipped",
            ]
        );
    }

    #[test]
    fn bad_dates_are_left_empty_with_a_warning() {
        let json = r#"{"@type": "ClaimReview", "claimReviewed": "X",
            "reviewRating": {"alternateName": "True"},
            "itemReviewed": {"@type": "Claim", "datePublished": "last Tuesday"}}"#;
        let imported = import(json);
        assert_eq!(imported.claims[0].claim_date, None);
        assert_eq!(imported.warnings.len(), 1);
        assert!(imported.warnings[0].contains("\"last Tuesday\" is not a date"));
    }

    #[test]
    fn errors_say_what_was_found() {
        let scale = default_rating_scale();
        let err = |json: &str| {
            import_claimreview(json, "in.jsonld", &scale, now())
                .unwrap_err()
                .to_string()
        };
        let not_json = err("<html><script type=\"application/ld+json\">");
        assert!(not_json.starts_with("this is not JSON (expected value at line 1, column 1)"));
        assert!(not_json.ends_with(": in.jsonld"));
        assert!(matches!(
            import_claimreview("{\n\"a\": }", "x", &scale, now()),
            Err(ClaimReviewError::NotJson {
                line: 2,
                column: 6,
                ..
            })
        ));
        assert!(err(" \n").starts_with("the file is empty"));
        assert!(err(r#"{"@type": "MediaReview"}"#).contains("(the file holds 1 MediaReview)"));
        assert!(
            err(r#"[{"@type": "WebPage"}, {"@type": "WebPage"}, {"x": 1}, "s"]"#)
                .contains("(the file holds 2 WebPage items, 1 object without @type, 1 string)")
        );
        assert!(err("[]").contains("(the file holds an empty list)"));
        assert!(err(r#"{"@graph": []}"#).contains("(the file holds an empty @graph)"));
        assert!(
            err(r#"{"@type": "ClaimReview", "claimReviewed": ""}"#)
                .starts_with("found 1 ClaimReview(s), but none has a claimReviewed text")
        );
    }

    #[test]
    fn anchors_match_the_article_for_many_multibyte_lines() {
        let reviews: Vec<_> = (0..200)
            .map(|i| review(&format!("Ünïcode “claim” {i} €"), r#"{"ratingValue": 3}"#))
            .collect();
        let imported = import(&format!("[{}]", reviews.join(",")));
        assert_valid(&imported);
        for claim in &imported.claims {
            let expected = TextAnchor::from_range(
                &imported.article.text,
                claim.anchor.start,
                claim.anchor.end,
            )
            .unwrap();
            assert_eq!(claim.anchor, expected);
        }
    }

    #[test]
    fn hostile_text_stays_text() {
        let json = r#"{"@type": "ClaimReview",
            "claimReviewed": "<script>alert(1)</script> \u2028 \"><img src=x onerror=alert(1)>",
            "url": "javascript:alert(1)",
            "reviewRating": {"alternateName": "True"}}"#;
        let imported = import(json);
        assert_valid(&imported);
        assert_eq!(
            imported.article.text,
            "<script>alert(1)</script> \"><img src=x onerror=alert(1)>\n"
        );
        // Kept as typed: reports decide what becomes a link (only http and https).
        assert_eq!(imported.claims[0].sources[0].url, "javascript:alert(1)");
    }

    /// Every real ClaimReview file of the shared corpus imports at least one claim, or is a MediaReview
    /// refused with a message that says so.
    #[test]
    fn shared_corpus_files_import_or_are_refused_with_reasons() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/claimreview");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            println!("{} is absent; skipping the corpus test", dir.display());
            return;
        };
        let scale = default_rating_scale();
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let json = std::fs::read_to_string(&path).unwrap();
            let result = import_claimreview(&json, &name, &scale, now());
            println!("{name}: {result:#?}");
            if name.contains("mediareview") {
                let err = result.unwrap_err().to_string();
                assert!(err.contains("1 MediaReview"), "{name}: {err}");
                continue;
            }
            let imported = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!imported.claims.is_empty(), "{name}");
            assert_valid(&imported);
            let claim = &imported.claims[0];
            match name.as_str() {
                "afp-factuel-via-defacto.jsonld" => {
                    assert_eq!(claim.verdict.as_deref(), Some("false"));
                    assert_eq!(claim.claimant, "Sources multiples");
                    assert_eq!(claim.claim_date, NaiveDate::from_ymd_opt(2022, 12, 3));
                    assert!(claim.appearances[0].starts_with("https://twitter.com/"));
                    assert!(claim.text.starts_with("Le contrôle du FIJAIS"));
                }
                "c2pa-spec-claimreview.jsonld" => {
                    assert_eq!(claim.verdict.as_deref(), Some("false"));
                    assert_eq!(claim.explanation, "The world is not flat");
                    assert_eq!(claim.claimant, "A N Other");
                }
                "schemaorg-eg-0324-politifact-perry.jsonld" => {
                    assert_eq!(claim.verdict.as_deref(), Some("true"));
                    assert_eq!(claim.claimant, "Rich Perry");
                    assert!(imported.warnings.iter().any(|w| w.contains("contradicts")));
                }
                "schemaorg-eg-0325-video-clip.jsonld" => {
                    // No reviewRating: imported unrated, with a warning.
                    assert_eq!(claim.verdict, None);
                    assert_eq!(
                        claim.appearances,
                        ["https://www.youtube.com/watch?v=B_889oBKkNU"]
                    );
                    assert!(
                        imported
                            .warnings
                            .iter()
                            .any(|w| w.contains("no reviewRating"))
                    );
                }
                _ => {}
            }
        }
    }
}
