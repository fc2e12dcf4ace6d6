//! W3C Web Annotation export: the report's claims as a JSON-LD `AnnotationCollection` that annotation
//! tools (Hypothesis-style clients, IIIF viewers, research platforms) can import.
//!
//! The document follows the Web Annotation Data Model (W3C Recommendation, 2017) and its context
//! `http://www.w3.org/ns/anno.jsonld`: one collection with one embedded page holding one `Annotation`
//! per included claim, in claim-number order.
//!
//! Choices the model leaves open:
//! - **Which text is annotated.** The target's `source` is `urn:sha256:<hex>`, the SHA-256 of the article
//!   text. An article read from a local file has no web address, and a path would leak the
//!   fact-checker's folders; a content hash is stable and lets any consumer holding the same text
//!   confirm it is the one the selectors count in. The hash is computed here rather than read from
//!   `Article::sha256`, so it always names the text the offsets were checked against.
//! - **Selectors.** A `TextQuoteSelector` (quote plus up to 32 chars of context, taken from the article
//!   text) and a `TextPositionSelector`. Positions count Unicode code points, as the model requires
//!   and as claim anchors already do. The text is plain, so the model's normalisation (dropping markup,
//!   decoding entities) changes nothing: offsets count into the hashed text exactly.
//! - **Bodies.** The verdict is a `TextualBody` with purpose `assessing`. The claim as the fact-checker
//!   restated it is `describing` and the explanation `commenting`: the model defines `describing` as
//!   saying what the target contains "rather than commenting on [its] accuracy", which is what an
//!   explanation of a verdict does. Each http(s) source is a `SpecificResource` with purpose `linking`
//!   around the source URL, the model's way to give an external resource a purpose (a bare IRI
//!   cannot carry one); other URLs are left out, as the HTML report does not link them either.
//! - **Identity.** Annotations are `urn:uuid:<claim id>`. The collection and its page must have an
//!   IRI too; the project has none, so both are UUIDv8s derived from the SHA-256 of the project's
//!   article ids (RFC 9562, appendix B.2): the same project keeps the same collection id from export to
//!   export, so a consumer can replace an earlier import.
//! - **Safety.** `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes, so the document can be
//!   pasted into a `<script type="application/ld+json">` element as it is.
//!
//! Limitations: a claim whose span no longer matches its article (a project that was not validated)
//! keeps only its stored quote selector, without positions; a claim whose article is missing is left
//! out, and `total` counts what is written.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::{Builder, Uuid};

use super::{ReportClaim, ReportData, is_linkable_url, rating_label};
use crate::model::text::CharIndex;
use crate::model::{Article, CONTEXT_CHARS, Claim, sha256_hex};

/// The JSON-LD context every Web Annotation document names.
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// What the assessing body says of a claim without a verdict; the HTML report's wording.
const NOT_YET_RATED: &str = "Not yet rated";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    /// Absent when there are no annotations: a page must hold at least one.
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Person<'a>>,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

/// One body; serde writes the variant name as `type`, first.
#[derive(Serialize)]
#[serde(tag = "type")]
enum Body<'a> {
    TextualBody {
        purpose: &'static str,
        value: &'a str,
        format: &'static str,
    },
    SpecificResource {
        purpose: &'static str,
        source: &'a str,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: &'a str,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// An article with what its annotations' targets need, computed once per article.
struct Text<'p> {
    article: &'p Article,
    iri: String,
    index: CharIndex,
}

/// Renders the report as a Web Annotation collection, pretty-printed JSON-LD ending in a line break.
pub(super) fn render(data: &ReportData<'_>) -> String {
    let texts: Vec<Text<'_>> = data
        .project
        .articles
        .iter()
        .map(|article| Text {
            article,
            iri: format!("urn:sha256:{}", sha256_hex(&article.text)),
            index: CharIndex::new(&article.text),
        })
        .collect();
    let author = data.project.report.author.trim();
    let creator = (!author.is_empty()).then_some(Person {
        kind: "Person",
        name: author,
    });
    let items: Vec<Annotation<'_>> = data
        .claims
        .iter()
        .filter_map(|c| {
            let text = texts.iter().find(|t| t.article.id == c.claim.article)?;
            Some(annotation(c, text, creator.as_ref()))
        })
        .collect();

    let collection_id = format!("urn:uuid:{}", derived_uuid(data, "collection"));
    let page_id = format!("urn:uuid:{}", derived_uuid(data, "page 1"));
    let total = items.len();
    let collection = Collection {
        context: CONTEXT,
        id: collection_id.clone(),
        kind: "AnnotationCollection",
        label: &data.title,
        total,
        last: (total > 0).then(|| page_id.clone()),
        first: (total > 0).then_some(Page {
            id: page_id,
            kind: "AnnotationPage",
            part_of: collection_id,
            start_index: 0,
            items,
        }),
    };
    super::script_safe_json(&collection)
}

fn annotation<'p>(
    c: &ReportClaim<'p>,
    text: &'p Text<'p>,
    creator: Option<&Person<'p>>,
) -> Annotation<'p> {
    let claim = c.claim;
    let mut body = vec![Body::TextualBody {
        purpose: "assessing",
        value: c.verdict.map_or(NOT_YET_RATED, rating_label),
        format: "text/plain",
    }];
    let restated = claim.text.trim();
    if !restated.is_empty() && !same_words(restated, &claim.anchor.quote) {
        body.push(Body::TextualBody {
            purpose: "describing",
            value: restated,
            format: "text/plain",
        });
    }
    let explanation = claim.explanation.trim();
    if !explanation.is_empty() {
        body.push(Body::TextualBody {
            purpose: "commenting",
            value: explanation,
            format: "text/plain",
        });
    }
    body.extend(
        claim
            .sources
            .iter()
            .map(|s| s.url.trim())
            .filter(|url| is_linkable_url(url))
            .map(|url| Body::SpecificResource {
                purpose: "linking",
                source: url,
            }),
    );
    Annotation {
        id: format!("urn:uuid:{}", claim.id),
        kind: "Annotation",
        motivation: "assessing",
        created: timestamp(claim.created),
        modified: timestamp(claim.modified),
        creator: creator.map(|p| Person {
            kind: p.kind,
            name: p.name,
        }),
        body,
        target: Target {
            kind: "SpecificResource",
            source: &text.iri,
            selector: selectors(claim, text),
        },
    }
}

/// The quote and position selectors of `claim`'s span. The context comes from the text itself, so a
/// consumer checking prefix and suffix finds exactly what is written, and is as long as it takes for
/// the quote with its context to occur once in the text ([`unique_context`]); when the span no longer
/// matches the text, only the stored quote and context are given, since positions would point
/// elsewhere.
fn selectors<'p>(claim: &'p Claim, text: &'p Text<'p>) -> Vec<Selector<'p>> {
    let anchor = &claim.anchor;
    let body = text.article.text.as_str();
    let quote = text.index.slice(body, anchor.range());
    let context = unique_context(body, &text.index, anchor.range());
    match (quote, context) {
        (Some(exact), Some((prefix, suffix))) if !exact.is_empty() && exact == anchor.quote => {
            vec![
                Selector::TextQuoteSelector {
                    exact,
                    prefix,
                    suffix,
                },
                Selector::TextPositionSelector {
                    start: anchor.start,
                    end: anchor.end,
                },
            ]
        }
        _ => vec![Selector::TextQuoteSelector {
            exact: &anchor.quote,
            prefix: &anchor.prefix,
            suffix: &anchor.suffix,
        }],
    }
}

/// The prefix and suffix of the char range `span` of `text`: [`CONTEXT_CHARS`] chars on each side, or
/// more where that is needed for prefix + quote + suffix to occur only once in the text.
///
/// A `TextQuoteSelector` selects every place where its quote stands between its prefix and suffix;
/// where a sentence is repeated (a paragraph quoted twice, a boilerplate line), 32 chars of context
/// can be the same around two copies, and a client would highlight both. Both sides grow by the same
/// number of chars (one stops at its end of the text); the shortest length that makes the selector
/// unique is found by doubling, then halving the step, since a longer context never matches more
/// places than a shorter one. At the whole text it is unique by definition.
fn unique_context<'t>(
    text: &'t str,
    index: &CharIndex,
    span: std::ops::Range<usize>,
) -> Option<(&'t str, &'t str)> {
    let total = index.char_len();
    let around = |extra: usize| {
        let start = span.start.saturating_sub(extra);
        let end = span.end.saturating_add(extra).min(total);
        Some((
            index.slice(text, start..span.start)?,
            index.slice(text, span.clone())?,
            index.slice(text, span.end..end)?,
        ))
    };
    let unique = |extra: usize| -> Option<bool> {
        let (prefix, exact, suffix) = around(extra)?;
        let whole = format!("{prefix}{exact}{suffix}");
        Some(occurs_once(text, &whole))
    };
    // Enough to reach both ends of the text from anywhere in it.
    let widest = total.max(CONTEXT_CHARS);
    let mut fits = CONTEXT_CHARS;
    let mut short = fits;
    while !unique(fits)? {
        if fits >= widest {
            break;
        }
        short = fits;
        fits = fits.saturating_mul(2).min(widest);
    }
    // `short` is not unique and `fits` is (or reaches both ends): narrow down between them. Nothing
    // to narrow when the stored context is already unique (`short == fits`).
    while fits - short > 1 {
        let middle = short + (fits - short) / 2;
        if unique(middle)? {
            fits = middle;
        } else {
            short = middle;
        }
    }
    let (prefix, _, suffix) = around(fits)?;
    Some((prefix, suffix))
}

/// Whether `needle` occurs exactly once in `haystack`, overlapping occurrences counted.
fn occurs_once(haystack: &str, needle: &str) -> bool {
    let Some(first) = haystack.find(needle) else {
        return false;
    };
    let next = haystack
        .get(first..)
        .and_then(|rest| rest.chars().next())
        .map_or(haystack.len(), |c| first + c.len_utf8());
    haystack
        .get(next..)
        .is_none_or(|rest| !rest.contains(needle))
}

/// Whether `a` and `b` differ only in white space: a claim whose text is its quote on one line (as
/// `Claim::new` makes it) was not restated.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// An `xsd:dateTime` in UTC with a `Z`, as the model requires; whole seconds, as in its examples.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A name-based UUIDv8 for `what` (the collection or a page) of this project: the first 128 bits of a
/// SHA-256 over a fixed namespace, `what` and the project's article ids.
fn derived_uuid(data: &ReportData<'_>, what: &str) -> Uuid {
    let mut hasher = Sha256::new();
    hasher.update(b"factdesk web annotation\0");
    hasher.update(what.as_bytes());
    for article in &data.project.articles {
        hasher.update(article.id.0.as_bytes());
    }
    let digest = hasher.finalize();
    // A SHA-256 digest is 32 bytes, so the first 16 are always there.
    let bytes = digest.first_chunk::<16>().copied().unwrap_or_default();
    Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::fixtures::{self, HOSTILE_HTTP_URL};
    use super::super::{ReportFormat, ReportOptions, render as render_report};
    use crate::model::Project;

    fn render_raw(project: &Project) -> String {
        render_report(
            project,
            ReportFormat::Annotations,
            &ReportOptions::at(fixtures::generated()),
        )
    }

    fn render(project: &Project) -> Value {
        serde_json::from_str(&render_raw(project)).unwrap()
    }

    fn items(doc: &Value) -> &Vec<Value> {
        doc["first"]["items"].as_array().unwrap()
    }

    /// The selector of `annotation`'s target of type `kind`.
    fn selector<'a>(annotation: &'a Value, kind: &str) -> Option<&'a Value> {
        annotation["target"]["selector"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["type"] == kind)
    }

    /// The bodies of `annotation` as (type, purpose, value or source).
    fn bodies(annotation: &Value) -> Vec<(String, String, String)> {
        annotation["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                let field = |k: &str| b[k].as_str().unwrap_or_default().to_owned();
                let content = if b["type"] == "TextualBody" {
                    field("value")
                } else {
                    field("source")
                };
                (field("type"), field("purpose"), content)
            })
            .collect()
    }

    #[test]
    fn collection_holds_one_annotation_per_included_claim_in_number_order() {
        let project = fixtures::project();
        let doc = render(&project);
        assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(doc["type"], "AnnotationCollection");
        assert_eq!(doc["label"], "Budget week checks");
        assert_eq!(doc["total"], 5);
        let collection_id = doc["id"].as_str().unwrap();
        assert!(collection_id.starts_with("urn:uuid:"), "{collection_id}");
        let page = &doc["first"];
        assert_eq!(page["type"], "AnnotationPage");
        assert_eq!(page["partOf"], collection_id);
        assert_eq!(page["startIndex"], 0);
        assert_eq!(doc["last"], page["id"]);
        assert_ne!(page["id"], doc["id"]);
        assert!(page.get("@context").is_none(), "an embedded page has none");

        let numbered: Vec<String> = project
            .numbered_claims()
            .iter()
            .map(|(_, c)| format!("urn:uuid:{}", c.id))
            .collect();
        let ids: Vec<&str> = items(&doc)
            .iter()
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, numbered);
        for annotation in items(&doc) {
            assert_eq!(annotation["type"], "Annotation");
            assert_eq!(annotation["motivation"], "assessing");
            assert_eq!(annotation["created"], "2026-11-25T09:30:00Z");
            assert_eq!(annotation["modified"], "2026-11-25T09:30:00Z");
            assert_eq!(
                annotation["creator"],
                serde_json::json!({ "type": "Person", "name": "Sam Reviewer" })
            );
            assert_eq!(annotation["target"]["type"], "SpecificResource");
        }

        let mut without_unchecked = project.clone();
        without_unchecked.report.include_unchecked = false;
        let doc = render(&without_unchecked);
        assert_eq!(doc["total"], 4);
        assert_eq!(items(&doc).len(), 4);
        assert_eq!(
            doc["id"], collection_id,
            "the collection keeps its id when its content changes"
        );
    }

    #[test]
    fn selectors_find_the_quote_in_the_article_text_by_code_points() {
        for project in [fixtures::project(), fixtures::hostile_project()] {
            let doc = render(&project);
            assert!(!items(&doc).is_empty());
            for annotation in items(&doc) {
                let source = annotation["target"]["source"].as_str().unwrap();
                let article = project
                    .articles
                    .iter()
                    .find(|a| source == format!("urn:sha256:{}", a.sha256))
                    .unwrap_or_else(|| panic!("no article hashes to {source}"));
                // What another annotation tool does: count code points into the text.
                let chars: Vec<char> = article.text.chars().collect();
                let quote = selector(annotation, "TextQuoteSelector").unwrap();
                let position = selector(annotation, "TextPositionSelector").unwrap();
                let start = usize::try_from(position["start"].as_u64().unwrap()).unwrap();
                let end = usize::try_from(position["end"].as_u64().unwrap()).unwrap();
                let exact = quote["exact"].as_str().unwrap();
                assert_eq!(chars[start..end].iter().collect::<String>(), exact);
                let prefix = quote["prefix"].as_str().unwrap_or_default();
                let suffix = quote["suffix"].as_str().unwrap_or_default();
                let before: String = chars[..start].iter().collect();
                let after: String = chars[end..].iter().collect();
                assert!(before.ends_with(prefix), "{prefix:?} before {exact:?}");
                assert!(after.starts_with(suffix), "{suffix:?} after {exact:?}");
                assert_eq!(prefix.chars().count(), start.min(32));
                assert_eq!(suffix.chars().count(), (chars.len() - end).min(32));
            }
        }
        // Spans 3 and 4 of the fixture sit after and around multi-byte chars.
        let doc = render(&fixtures::project());
        let exacts: Vec<&str> = items(&doc)
            .iter()
            .map(|a| {
                selector(a, "TextQuoteSelector").unwrap()["exact"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            exacts,
            [
                "Crime fell 20% last year",
                "fell 20%",
                "last year. Ünïcode",
                "“quotes” cost €5 million",
                "unemployment halved"
            ]
        );
        let first = selector(&items(&doc)[0], "TextQuoteSelector").unwrap();
        assert!(
            first.get("prefix").is_none(),
            "a span at the start of the text has no prefix, and an empty one is left out"
        );
    }

    #[test]
    fn a_span_that_no_longer_matches_keeps_only_its_stored_quote() {
        let mut project = fixtures::project();
        let claim = project
            .claims
            .iter_mut()
            .find(|c| c.anchor.quote == "fell 20%")
            .unwrap();
        claim.anchor.quote = "rose 20%".into();
        let doc = render(&project);
        let annotation = &items(&doc)[1];
        assert!(selector(annotation, "TextPositionSelector").is_none());
        assert_eq!(
            selector(annotation, "TextQuoteSelector").unwrap()["exact"],
            "rose 20%"
        );
    }

    #[test]
    fn bodies_carry_verdict_restated_claim_explanation_and_http_sources() {
        let doc = render(&fixtures::project());
        let text = |purpose: &str, value: &str| {
            (
                "TextualBody".to_owned(),
                purpose.to_owned(),
                value.to_owned(),
            )
        };
        assert_eq!(
            bodies(&items(&doc)[0]),
            [
                text("assessing", "False"),
                text("describing", "Recorded crime fell by a fifth in 2025"),
                text(
                    "commenting",
                    "Police figures show a rise.\nThe fall was in one district only."
                ),
                (
                    "SpecificResource".to_owned(),
                    "linking".to_owned(),
                    "https://stats.example.org/crime?year=2025&area=all".to_owned()
                ),
            ],
            "the javascript: source is not linked"
        );
        assert_eq!(bodies(&items(&doc)[1]), [text("assessing", "True")]);
        assert_eq!(
            bodies(&items(&doc)[2]),
            [text("assessing", "Not yet rated")]
        );
        for annotation in items(&doc) {
            for body in annotation["body"].as_array().unwrap() {
                if body["type"] == "TextualBody" {
                    assert_eq!(body["format"], "text/plain");
                }
            }
        }
    }

    #[test]
    fn empty_optional_fields_are_left_out() {
        let mut project = fixtures::project();
        project.report.author = "  ".into();
        let doc = render(&project);
        for annotation in items(&doc) {
            assert!(annotation.get("creator").is_none());
        }

        project.claims.clear();
        let doc = render(&project);
        assert_eq!(doc["total"], 0);
        assert!(doc.get("first").is_none(), "a page must hold an annotation");
        assert!(doc.get("last").is_none());
    }

    #[test]
    fn context_grows_only_as_far_as_a_repeat_needs_and_stops_at_the_ends_of_the_text() {
        use super::{CharIndex, occurs_once, unique_context};
        let chars = |s: &str| s.chars().count();
        // The context of `start..end`, checked to select one place, and to be the shortest that does
        // (one char fewer on each side that still has one would select more).
        let context = |text: &str, start: usize, end: usize| {
            let index = CharIndex::new(text);
            let (prefix, suffix) = unique_context(text, &index, start..end).unwrap();
            let quote = index.slice(text, start..end).unwrap();
            assert!(occurs_once(text, &format!("{prefix}{quote}{suffix}")));
            if chars(prefix) > 32 || chars(suffix) > 32 {
                let shorter = |s: &str, from_end: bool| -> String {
                    let n = chars(s).saturating_sub(1);
                    if from_end {
                        s.chars().skip(1).collect()
                    } else {
                        s.chars().take(n).collect()
                    }
                };
                let (p, q) = (shorter(prefix, true), shorter(suffix, false));
                assert!(
                    !occurs_once(text, &format!("{p}{quote}{q}")),
                    "not the shortest"
                );
            }
            (chars(prefix), chars(suffix))
        };
        // Said once: the usual 32 chars, or what there is.
        assert_eq!(context("Crime fell 20% last year.", 11, 14), (11, 11));
        let text = format!("{0} x {0}", "-".repeat(100));
        assert_eq!(context(&text, 101, 102), (32, 32));
        // Twenty copies side by side: the middle one is told apart where its context meets an end.
        let text = "Yes. ".repeat(20);
        assert_eq!(context(&text, 50, 54), (46, 46));
        // Two copies 101 chars apart, alike for 100 chars around: it takes 101.
        let text = format!("{0}Q{0}Q{0}", "-".repeat(100));
        assert_eq!(context(&text, 100, 101), (100, 101));
    }

    #[test]
    fn output_is_deterministic() {
        let mut project = fixtures::project();
        assert_eq!(render_raw(&project), render_raw(&project));
        // Order of claims in the file does not matter; their numbers do.
        let before = render_raw(&project);
        project.claims.reverse();
        assert_eq!(render_raw(&project), before);
        assert!(before.ends_with("}\n"));
    }

    #[test]
    fn hostile_text_round_trips_and_cannot_close_a_script_element() {
        let mut project = fixtures::hostile_project();
        let evil = fixtures::hostile();
        let title = format!("{evil}\u{2028}line\u{2029}para");
        project.report.title = title.clone();
        let raw = render_raw(&project);
        for forbidden in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!raw.contains(forbidden), "{forbidden:?} left unescaped");
        }
        assert!(raw.contains("\\u003c/script\\u003e"));

        let doc: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(doc["label"], title.as_str());
        let [rated, unrated] = items(&doc).as_slice() else {
            panic!("one annotation per claim");
        };
        let linked = (
            "SpecificResource".to_owned(),
            "linking".to_owned(),
            HOSTILE_HTTP_URL.to_owned(),
        );
        let text = |purpose: &str, value: &str| {
            (
                "TextualBody".to_owned(),
                purpose.to_owned(),
                value.to_owned(),
            )
        };
        let explanation = format!("{evil}\n{evil}");
        // The rated claim spans the payload and is worded as it, so it is not restated. Of all the
        // payload URLs only the http one is linked.
        assert_eq!(
            bodies(rated),
            [
                text("assessing", &evil),
                text("commenting", &explanation),
                linked.clone()
            ]
        );
        assert_eq!(
            bodies(unrated),
            [
                text("assessing", "Not yet rated"),
                text("describing", &evil),
                text("commenting", &explanation),
                linked
            ]
        );
        for annotation in [rated, unrated] {
            assert_eq!(annotation["creator"]["name"], evil.as_str());
        }
        assert_eq!(
            selector(rated, "TextQuoteSelector").unwrap()["exact"],
            evil.as_str()
        );
    }
}
