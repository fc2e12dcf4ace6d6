//! schema.org ClaimReview JSON-LD: the markup search engines and the Fact Check Explorer read, one
//! `ClaimReview` per included claim that has a verdict.
//!
//! The document is `{"@context": "https://schema.org", "@graph": [..]}`: one context for all reviews, and
//! ratings as JSON numbers, the one consistent form among those consumers meet (`http://` contexts and
//! string ratings are accepted by readers but are not what we write). Field order is fixed by the serde
//! structs below, so the same project always gives the same bytes.
//!
//! Choices worth knowing:
//! - `url` is the report's base URL (report settings) with its fragment replaced by `#claim-N`, the id
//!   the HTML report gives claim N. When the base URL is empty or not http(s), `url` is the relative
//!   `#claim-N`: Google wants an absolute URL there, but guessing one would publish a wrong address,
//!   and a relative one is easy for a pre-publication check to flag.
//! - `bestRating`/`worstRating` are the highest and lowest values among the scale's ratings with a
//!   value above 0, the true-to-false range. A verdict outside that range, such as "Unverifiable" with
//!   value 0, is not a point on it, so its `reviewRating` carries only `alternateName`.
//! - On an "Explanation only" scale (no ratings) every claim with an explanation gets a review:
//!   `reviewBody` is the explanation and `reviewRating` carries only `alternateName`, the
//!   explanation's first sentence, as desks that publish no rating write their conclusion there. No
//!   numbers are written, since there is no scale for them to be points of. With no verdict to date
//!   them, such reviews take the report settings' publication date, else the day the claim last
//!   changed.
//! - `datePublished` is the report settings' publication date when set, else the day the claim's
//!   verdict was last set (the day the claim last changed, for verdicts older than that record): a
//!   review published once keeps its date however often it is exported again.
//! - `itemReviewed.author` is a `Person` or an `Organization`, as the fact-checker said of the
//!   claimant (a person unless told otherwise).
//! - Empty optional fields (organisation, explanation, claimant, appearances, claim date) are left
//!   out rather than written as empty strings.
//! - `itemReviewed.appearance` is a list with one CreativeWork per appearance (with a `url` when it is
//!   an http(s) URL, else with a `name`), and the first of them is also `firstAppearance`: the claim
//!   editor asks for the first appearance first.
//!
//! The JSON is safe to paste into a `<script type="application/ld+json">` element: `<`, `>`, `&`,
//! U+2028 and U+2029 are written as `\u` escapes, which JSON parsers read back as the same chars.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Calendar, ReportClaim, ReportData, is_linkable_url, rating_label};
use crate::model::{Claim, Rating};

/// The JSON-LD document.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<ClaimReview<'a>>,
}

/// One reviewed claim.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    claim_reviewed: String,
    review_rating: ReviewRating<'a>,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    review_body: Option<&'a str>,
    item_reviewed: ItemReviewed<'a>,
}

/// The verdict, as a point on the scale when it is one.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReviewRating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<i32>,
    alternate_name: &'a str,
}

/// An Organization or Person known by name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The claim as it was made.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemReviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appearance: Vec<Appearance<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_appearance: Option<Appearance<'a>>,
}

/// Where the claim appeared: a CreativeWork with a `url` when we have one, else with a `name`.
#[derive(Clone, Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// Renders the ClaimReview JSON-LD of the report's claims that have a verdict.
pub(super) fn render(data: &ReportData<'_>, calendar: Calendar) -> String {
    let settings = &data.project.report;
    let range = scale_range(&data.project.rating_scale);
    let base_url = settings.base_url.trim();
    // Only an http(s) base URL is used, so a `javascript:` one typed into the settings never reaches
    // a page that embeds the markup.
    let base_url = if is_linkable_url(base_url) {
        base_url.split('#').next().unwrap_or(base_url)
    } else {
        ""
    };
    let organisation = settings.organisation.trim();
    let graph = data
        .claims
        .iter()
        .filter_map(|c| {
            let review_rating = match c.verdict {
                Some(rating) => review_rating(rating, range),
                None if !data.rated => conclusion(&c.claim.explanation)?,
                None => return None,
            };
            Some(ClaimReview {
                kind: "ClaimReview",
                claim_reviewed: claim_reviewed(c),
                review_rating,
                url: format!("{base_url}#claim-{}", c.number),
                author: non_empty(organisation).map(|name| Named {
                    kind: "Organization",
                    name,
                }),
                date_published: date_published(settings.published, c.claim, calendar),
                review_body: non_empty(c.claim.explanation.trim()),
                item_reviewed: item_reviewed(c),
            })
        })
        .collect();
    let document = Document {
        context: "https://schema.org",
        graph,
    };
    super::script_safe_json(&document)
}

/// The lowest and highest value among ratings above 0: the true-to-false range of the scale.
fn scale_range(scale: &[Rating]) -> Option<(i32, i32)> {
    let values = scale.iter().map(|r| r.value).filter(|v| *v > 0);
    Some((values.clone().min()?, values.max()?))
}

/// The rating as schema.org reads it; numbers only when the verdict is a point of the scale's range.
fn review_rating(rating: &Rating, range: Option<(i32, i32)>) -> ReviewRating<'_> {
    let on_scale = range.filter(|(worst, best)| (*worst..=*best).contains(&rating.value));
    ReviewRating {
        kind: "Rating",
        rating_value: on_scale.map(|_| rating.value),
        best_rating: on_scale.map(|(_, best)| best),
        worst_rating: on_scale.map(|(worst, _)| worst),
        alternate_name: rating_label(rating),
    }
}

/// The rating of a review on a scale without ratings: the explanation's first sentence as
/// `alternateName`, no numbers; `None` when there is no explanation to publish.
fn conclusion(explanation: &str) -> Option<ReviewRating<'_>> {
    let explanation = explanation.trim();
    let first = crate::model::text::sentences(explanation)
        .into_iter()
        .next()
        .and_then(|range| crate::model::text::slice_chars(explanation, range))
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    Some(ReviewRating {
        kind: "Rating",
        rating_value: None,
        best_rating: None,
        worst_rating: None,
        alternate_name: first,
    })
}

/// The claim as the fact-checker restated it, else its quote on one line: `claimReviewed` is required,
/// so a claim whose restatement was cleared still says what was checked.
fn claim_reviewed(c: &ReportClaim<'_>) -> String {
    let text = c.claim.text.trim();
    if text.is_empty() {
        c.claim
            .anchor
            .quote
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_owned()
    }
}

/// The claim as it was made: who, when and where.
fn item_reviewed<'a>(c: &ReportClaim<'a>) -> ItemReviewed<'a> {
    let claim = c.claim;
    let appearance: Vec<Appearance<'a>> = claim
        .shown_appearances()
        .map(|appearance| {
            let linkable = is_linkable_url(appearance);
            Appearance {
                kind: "CreativeWork",
                url: linkable.then_some(appearance),
                name: (!linkable).then_some(appearance),
            }
        })
        .collect();
    ItemReviewed {
        kind: "Claim",
        author: non_empty(claim.claimant.trim()).map(|name| Named {
            kind: claim.claimant_kind.schema_org_type(),
            name,
        }),
        date_published: claim.claim_date.map(|d| d.format("%Y-%m-%d").to_string()),
        // The claim editor lists the first appearance first (and the ClaimReview import puts
        // `firstAppearance` there), so the first is also written as `firstAppearance`.
        first_appearance: appearance.first().cloned(),
        appearance,
    }
}

/// The review's `datePublished`: the publication date of the report settings when one is set, else
/// the day the claim's verdict was last set, else the day the claim last changed: only a file written by
/// another tool or by hand has a verdict without its day, since migrating a file from before factdesk
/// recorded it fills it in. The day is the one `calendar` gives, the exporting machine's by default. Never the day of the export, so exporting again changes nothing.
fn date_published(published: Option<NaiveDate>, claim: &Claim, calendar: Calendar) -> String {
    published
        .unwrap_or_else(|| calendar.day(claim.verdict_given.unwrap_or(claim.modified)))
        .format("%Y-%m-%d")
        .to_string()
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::model::{Project, Status};
    use crate::report::fixtures::{self, day, generated, hostile_project, project};

    const BASE_URL: &str = "https://checks.example.org/budget/report.html";

    fn render_project(project: &Project) -> (String, Value) {
        let data = ReportData::new(project, generated());
        let raw = render(&data, Calendar::utc());
        let json = serde_json::from_str(&raw).unwrap();
        (raw, json)
    }

    fn graph(json: &Value) -> &Vec<Value> {
        json["@graph"].as_array().unwrap()
    }

    /// The review whose url ends in `#claim-{number}`.
    fn review(json: &Value, number: usize) -> &Value {
        let suffix = format!("#claim-{number}");
        graph(json)
            .iter()
            .find(|r| r["url"].as_str().unwrap().ends_with(&suffix))
            .unwrap_or_else(|| panic!("no review for claim {number}"))
    }

    /// The fixture project published at [`BASE_URL`], every claim with a claimant, an appearance and a
    /// date, so each review can carry every field Google asks for.
    fn published() -> Project {
        let mut project = project();
        project.report.base_url = BASE_URL.into();
        for (i, claim) in project.claims.iter_mut().enumerate() {
            if claim.claimant.is_empty() {
                claim.claimant = format!("Speaker {i}");
                claim.appearances = vec![format!("https://example.org/appearance/{i}")];
                claim.claim_date = Some(day(2));
            }
        }
        project
    }

    #[test]
    fn rating_numbers_come_from_the_project_scale() {
        let mut project = published();
        project.rating_scale = crate::model::ScalePreset::TruthOMeter.ratings();
        let crime = project
            .claims
            .iter_mut()
            .find(|c| c.verdict.as_deref() == Some("false"))
            .unwrap();
        crime.verdict = Some("pants-on-fire".into());
        let (_, json) = render_project(&project);
        let numbers = |r: &Value| {
            let rr = &r["reviewRating"];
            (
                rr["alternateName"].as_str().unwrap().to_owned(),
                rr["ratingValue"].as_i64(),
                rr["bestRating"].as_i64(),
                rr["worstRating"].as_i64(),
            )
        };
        let mut seen: Vec<_> = graph(&json).iter().map(numbers).collect();
        seen.sort();
        assert_eq!(
            seen,
            [
                ("Mostly True".to_owned(), Some(5), Some(6), Some(1)),
                ("Pants on Fire".to_owned(), Some(1), Some(6), Some(1)),
                ("True".to_owned(), Some(6), Some(6), Some(1)),
            ]
        );
    }

    #[test]
    fn explanation_only_reviews_carry_the_explanation_and_no_numbers() {
        let mut project = fixtures::explanation_only();
        project.report.base_url = BASE_URL.into();
        let (_, json) = render_project(&project);
        // Claims 1 and 4 are explained; the three without an explanation have nothing to publish.
        assert_eq!(graph(&json).len(), 2);
        let crime = review(&json, 1);
        assert_eq!(
            crime["reviewBody"],
            "Police figures show a rise.\nThe fall was in one district only."
        );
        assert_eq!(
            crime["reviewRating"],
            serde_json::json!({"@type": "Rating", "alternateName": "Police figures show a rise."})
        );
        assert_eq!(
            review(&json, 4)["reviewRating"]["alternateName"],
            "The budget line is €4.2 million."
        );
    }

    #[test]
    fn every_claim_with_a_verdict_gets_every_field_google_asks_for() {
        let project = published();
        let (_, json) = render_project(&project);
        assert_eq!(json["@context"], "https://schema.org");
        assert_eq!(
            json.as_object().unwrap().len(),
            2,
            "only @context and @graph"
        );

        let data = ReportData::new(&project, generated());
        let rated: Vec<_> = data.claims.iter().filter(|c| c.verdict.is_some()).collect();
        assert_eq!(rated.len(), 3);
        assert_eq!(graph(&json).len(), rated.len());
        for c in rated {
            let r = review(&json, c.number);
            let claim = c.claim;
            let rating = c.verdict.unwrap();
            assert_eq!(r["@type"], "ClaimReview");
            assert!(r.get("@context").is_none(), "one @context for the document");
            assert_eq!(r["claimReviewed"], claim.text.as_str());
            assert_eq!(r["url"], format!("{BASE_URL}#claim-{}", c.number));

            let rr = &r["reviewRating"];
            assert_eq!(rr["@type"], "Rating");
            assert_eq!(rr["alternateName"], rating.label.as_str());
            assert_eq!(rr["ratingValue"].as_i64(), Some(i64::from(rating.value)));
            assert_eq!(rr["bestRating"].as_i64(), Some(5));
            assert_eq!(rr["worstRating"].as_i64(), Some(1));

            assert_eq!(r["author"]["@type"], "Organization");
            assert_eq!(r["author"]["name"], "Example Fact Desk");
            assert_eq!(r["datePublished"], "2026-11-25");

            let item = &r["itemReviewed"];
            assert_eq!(item["@type"], "Claim");
            assert_eq!(item["author"]["@type"], "Person");
            assert_eq!(item["author"]["name"], claim.claimant.as_str());
            assert_eq!(
                item["datePublished"],
                claim.claim_date.unwrap().format("%Y-%m-%d").to_string()
            );
            let appearances = item["appearance"].as_array().unwrap();
            assert_eq!(appearances.len(), claim.appearances.len());
            for (written, appearance) in appearances.iter().zip(&claim.appearances) {
                assert_eq!(written["@type"], "CreativeWork");
                let key = if appearance.starts_with("https://") {
                    "url"
                } else {
                    "name"
                };
                assert_eq!(written[key], appearance.as_str());
            }
            assert_eq!(item["firstAppearance"], appearances[0]);
        }

        let crime = review(&json, 1);
        assert_eq!(
            crime["claimReviewed"],
            "Recorded crime fell by a fifth in 2025"
        );
        assert_eq!(crime["reviewRating"]["alternateName"], "False");
        assert_eq!(
            crime["reviewBody"],
            "Police figures show a rise.\nThe fall was in one district only."
        );
        assert_eq!(crime["itemReviewed"]["datePublished"], "2026-03-01");
    }

    #[test]
    fn claims_without_a_verdict_are_left_out() {
        let (_, json) = render_project(&published());
        let mut urls: Vec<_> = graph(&json)
            .iter()
            .map(|r| r["url"].as_str().unwrap().to_owned())
            .collect();
        urls.sort();
        // Claim 3 (in progress) and 5 (unchecked) have no verdict.
        let expected: Vec<_> = [1, 2, 4]
            .iter()
            .map(|n| format!("{BASE_URL}#claim-{n}"))
            .collect();
        assert_eq!(urls, expected);
    }

    #[test]
    fn empty_fields_are_omitted_and_urls_stay_relative_without_an_http_base() {
        let mut project = project();
        project.report.organisation = "  ".into();
        for base_url in ["", "ftp://example.org/report", "javascript:alert(1)"] {
            project.report.base_url = base_url.into();
            let (_, json) = render_project(&project);
            let fell = review(&json, 2);
            assert_eq!(fell["url"], "#claim-2", "base URL {base_url:?}");
            assert!(fell.get("author").is_none());
            assert!(fell.get("reviewBody").is_none());
            let item = fell["itemReviewed"].as_object().unwrap();
            assert_eq!(item.keys().collect::<Vec<_>>(), ["@type"]);
        }
        // A fragment already in the base URL is replaced, not doubled.
        project.report.base_url = format!("{BASE_URL}#top");
        let (_, json) = render_project(&project);
        assert_eq!(review(&json, 2)["url"], format!("{BASE_URL}#claim-2"));
    }

    #[test]
    fn a_verdict_off_the_true_false_range_carries_only_its_name() {
        let mut project = project();
        let unchecked = project
            .claims
            .iter_mut()
            .find(|c| c.status == Status::Unchecked)
            .unwrap();
        unchecked.verdict = Some("unverifiable".into());
        unchecked.appearances = vec![
            "Evening news, channel 4".into(),
            "  ".into(),
            "https://video.example.org/clip/7".into(),
        ];
        let (_, json) = render_project(&project);
        let rr = review(&json, 5)["reviewRating"].as_object().unwrap();
        assert_eq!(
            rr.keys().collect::<Vec<_>>(),
            ["@type", "alternateName"],
            "no numbers for Unverifiable"
        );
        assert_eq!(rr["alternateName"], "Unverifiable");
        // Every appearance but the blank one, a name or a URL as it is; the first is the first
        // appearance.
        let item = &review(&json, 5)["itemReviewed"];
        assert_eq!(
            item["appearance"],
            serde_json::json!([
                {"@type": "CreativeWork", "name": "Evening news, channel 4"},
                {"@type": "CreativeWork", "url": "https://video.example.org/clip/7"},
            ])
        );
        assert_eq!(
            item["firstAppearance"],
            serde_json::json!({"@type": "CreativeWork", "name": "Evening news, channel 4"})
        );
    }

    #[test]
    fn output_is_deterministic_and_numbers_are_numbers() {
        let project = published();
        let data = ReportData::new(&project, generated());
        let raw = render(&data, Calendar::utc());
        assert_eq!(raw, render(&data, Calendar::utc()));
        assert!(raw.ends_with("}\n"));
        assert!(!raw.contains("\"ratingValue\": \""));
        assert_eq!(raw.matches("@context").count(), 1);
        // Field order follows the structs, not a hash map.
        let first = raw.find("\"claimReviewed\"").unwrap();
        assert!(first < raw.find("\"reviewRating\"").unwrap());
        assert!(raw.find("\"reviewRating\"").unwrap() < raw.find("\"itemReviewed\"").unwrap());
    }

    #[test]
    fn hostile_text_round_trips_and_cannot_close_a_script_element() {
        let mut project = hostile_project();
        let evil = format!("{} \u{2028}line\u{2029}para & more", fixtures::hostile());
        let rated = project
            .claims
            .iter_mut()
            .find(|c| c.verdict.is_some())
            .unwrap();
        rated.text = evil.clone();
        let explanation = rated.explanation.clone();
        let claimant = rated.claimant.clone();
        let label = project.rating_scale[0].label.clone();
        let organisation = project.report.organisation.clone();

        let (raw, json) = render_project(&project);
        for bad in ['<', '>', '\u{2028}', '\u{2029}'] {
            assert!(!raw.contains(bad), "raw output contains {bad:?}");
        }
        assert!(!raw.to_ascii_lowercase().contains("</script"));
        assert!(raw.contains("\\u003c/script\\u003e"));

        assert_eq!(graph(&json).len(), 1, "the unrated claim is left out");
        let r = review(&json, 1);
        assert_eq!(r["claimReviewed"], evil.as_str());
        assert_eq!(r["reviewBody"], explanation.as_str());
        assert_eq!(r["reviewRating"]["alternateName"], label.as_str());
        assert_eq!(r["author"]["name"], organisation.as_str());
        assert_eq!(r["itemReviewed"]["author"]["name"], claimant.as_str());
        // The javascript: base URL and appearance never become URLs.
        assert_eq!(r["url"], "#claim-1");
        let appearance = &r["itemReviewed"]["appearance"][0];
        assert_eq!(appearance["name"], "javascript:alert(1)");
        assert!(appearance.get("url").is_none());
    }
}
