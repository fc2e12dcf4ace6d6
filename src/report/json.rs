//! The JSON report: the report's content as data, for scripts and other tools, in the schema documented
//! in docs/FORMAT.md ("The JSON report").
//!
//! The schema is a set of structs serialized by serde_json, so member order is declaration order, there
//! are no maps, and the same project always gives the same bytes. serde_json does all escaping; user text
//! reaches the output only as JSON strings.
//!
//! Limitations: the report leaves out what reports never print (claim notes, anchor prefix and suffix,
//! rating colours, article texts); the project file has them.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;

use super::{ReportClaim, ReportData, rating_label};
use crate::model::{ArticleId, ClaimId, ClaimantKind, Rating, Source, Stance, Status};

/// What `report_format` says, so a reader can tell this file from a project file or another report.
const REPORT_FORMAT: &str = "factdesk-report";

/// The schema version. Bump it when a member is removed or changes meaning (adding one does not), and
/// update docs/FORMAT.md.
/// Version 2 replaced the claim's `appearance` string with the `appearances` list.
const REPORT_VERSION: u32 = 2;

/// Renders the report as pretty-printed JSON ending with a newline.
pub(super) fn render(data: &ReportData<'_>) -> String {
    super::script_safe_json(&Report::new(data))
}

/// Top-level object. Field order is the order in the file.
#[derive(Serialize)]
struct Report<'p> {
    report_format: &'static str,
    report_version: u32,
    title: &'p str,
    organisation: &'p str,
    author: &'p str,
    methodology: &'p str,
    generated: String,
    summary: Summary<'p>,
    articles: Vec<ArticleEntry<'p>>,
    claims: Vec<ClaimEntry<'p>>,
}

#[derive(Serialize)]
struct Summary<'p> {
    claims: usize,
    by_verdict: Vec<VerdictCount<'p>>,
    without_verdict: usize,
}

#[derive(Serialize)]
struct VerdictCount<'p> {
    rating: &'p str,
    label: &'p str,
    count: usize,
}

#[derive(Serialize)]
struct ArticleEntry<'p> {
    id: ArticleId,
    title: &'p str,
    sha256: &'p str,
}

#[derive(Serialize)]
struct ClaimEntry<'p> {
    number: usize,
    id: ClaimId,
    article: ArticleId,
    quote: &'p str,
    start: usize,
    end: usize,
    claim: &'p str,
    claimant: &'p str,
    /// `"person"` or `"organisation"`, as in the project file; `null` when there is no claimant.
    claimant_kind: Option<ClaimantKind>,
    appearances: &'p [String],
    claim_date: Option<String>,
    /// Serialized as in the project file (`"in_progress"`), by the model's own serde attributes.
    status: Status,
    verdict: Option<VerdictEntry<'p>>,
    explanation: &'p str,
    sources: Vec<SourceEntry<'p>>,
    tags: &'p [String],
    created: String,
    modified: String,
}

#[derive(Serialize)]
struct VerdictEntry<'p> {
    rating: &'p str,
    label: &'p str,
    value: i32,
}

#[derive(Serialize)]
struct SourceEntry<'p> {
    url: &'p str,
    title: &'p str,
    publisher: &'p str,
    accessed: Option<String>,
    quote: &'p str,
    /// Serialized as in the project file (`"refutes"`).
    stance: Stance,
    note: &'p str,
}

impl<'p> Report<'p> {
    fn new(data: &'p ReportData<'p>) -> Self {
        let settings = &data.project.report;
        Self {
            report_format: REPORT_FORMAT,
            report_version: REPORT_VERSION,
            title: &data.title,
            organisation: &settings.organisation,
            author: &settings.author,
            methodology: &settings.methodology,
            generated: timestamp(data.generated),
            summary: Summary {
                claims: data.claims.len(),
                by_verdict: data
                    .verdict_counts
                    .iter()
                    .map(|(rating, count)| VerdictCount {
                        rating: &rating.id,
                        label: rating_label(rating),
                        count: *count,
                    })
                    .collect(),
                without_verdict: data.without_verdict,
            },
            articles: data
                .project
                .articles
                .iter()
                .map(|a| ArticleEntry {
                    id: a.id,
                    title: &a.title,
                    sha256: &a.sha256,
                })
                .collect(),
            claims: data.claims.iter().map(ClaimEntry::new).collect(),
        }
    }
}

impl<'p> ClaimEntry<'p> {
    fn new(c: &ReportClaim<'p>) -> Self {
        let claim = c.claim;
        Self {
            number: c.number,
            id: claim.id,
            article: claim.article,
            quote: &claim.anchor.quote,
            start: claim.anchor.start,
            end: claim.anchor.end,
            claim: &claim.text,
            claimant: &claim.claimant,
            claimant_kind: (!claim.claimant.trim().is_empty()).then_some(claim.claimant_kind),
            appearances: &claim.appearances,
            claim_date: claim.claim_date.map(iso_date),
            status: claim.status,
            verdict: c.verdict.map(VerdictEntry::new),
            explanation: &claim.explanation,
            sources: claim.sources.iter().map(SourceEntry::new).collect(),
            tags: &claim.tags,
            created: timestamp(claim.created),
            modified: timestamp(claim.modified),
        }
    }
}

impl<'p> VerdictEntry<'p> {
    fn new(rating: &'p Rating) -> Self {
        Self {
            rating: &rating.id,
            label: rating_label(rating),
            value: rating.value,
        }
    }
}

impl<'p> SourceEntry<'p> {
    fn new(source: &'p Source) -> Self {
        Self {
            url: &source.url,
            title: &source.title,
            publisher: &source.publisher,
            accessed: source.accessed.map(iso_date),
            quote: &source.quote,
            stance: source.stance,
            note: &source.note,
        }
    }
}

/// `2026-03-01`, spelled here rather than left to chrono's serde so the schema does not depend on it.
fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// RFC 3339 in UTC with `Z`, fractional seconds only when not zero: the project file's spelling.
fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Value, json};

    use super::super::fixtures::{self, HOSTILE_HTTP_URL, PAYLOADS};
    use super::super::{ReportData, ReportFormat, ReportOptions, render as render_report};
    use crate::model::{Project, Status};

    fn render(project: &Project) -> String {
        render_report(
            project,
            ReportFormat::Json,
            &ReportOptions::at(fixtures::generated()),
        )
    }

    fn parse(project: &Project) -> Value {
        serde_json::from_str(&render(project)).expect("valid JSON")
    }

    /// A parsed JSON value that keeps object members in file order, which `serde_json::Value` does not
    /// (it sorts them), so the documented order can be checked.
    enum Ordered {
        Object(Vec<(String, Ordered)>),
        Array(Vec<Ordered>),
        Scalar,
    }

    impl<'de> Deserialize<'de> for Ordered {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct OrderedVisitor;
            impl<'de> Visitor<'de> for OrderedVisitor {
                type Value = Ordered;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("any JSON value")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                    let mut members = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        members.push(entry);
                    }
                    Ok(Ordered::Object(members))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                    let mut items = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        items.push(item);
                    }
                    Ok(Ordered::Array(items))
                }
                fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
                fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
                fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
                fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
                fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
                fn visit_unit<E>(self) -> Result<Ordered, E> {
                    Ok(Ordered::Scalar)
                }
            }
            deserializer.deserialize_any(OrderedVisitor)
        }
    }

    impl Ordered {
        /// The member `key` of an object, or item `key` of a list when `key` is a number.
        fn get(&self, key: &str) -> &Ordered {
            match self {
                Ordered::Object(members) => {
                    &members.iter().find(|(k, _)| k == key).expect("a member").1
                }
                Ordered::Array(items) => &items[key.parse::<usize>().expect("an index")],
                Ordered::Scalar => panic!("{key} of a scalar"),
            }
        }

        /// The member names of an object, in file order.
        fn keys(&self) -> Vec<&str> {
            let Ordered::Object(members) = self else {
                panic!("not an object")
            };
            members.iter().map(|(k, _)| k.as_str()).collect()
        }
    }

    #[test]
    fn header_names_the_format_and_the_people() {
        let report = parse(&fixtures::project());
        assert_eq!(report["report_format"], "factdesk-report");
        assert_eq!(report["report_version"], 2);
        assert_eq!(report["title"], "Budget week checks");
        assert_eq!(report["organisation"], "Example Fact Desk");
        assert_eq!(report["author"], "Sam Reviewer");
        assert_eq!(report["methodology"], "We asked the statistics office.");
        assert_eq!(report["generated"], "2026-11-25T09:30:00Z");
    }

    #[test]
    fn members_come_in_the_documented_order() {
        let report: Ordered =
            serde_json::from_str(&render(&fixtures::project())).expect("valid JSON");
        let at = |path: &[&str]| path.iter().fold(&report, |v, k| v.get(k)).keys();
        assert_eq!(
            report.keys(),
            [
                "report_format",
                "report_version",
                "title",
                "organisation",
                "author",
                "methodology",
                "generated",
                "summary",
                "articles",
                "claims"
            ]
        );
        assert_eq!(
            at(&["summary"]),
            ["claims", "by_verdict", "without_verdict"]
        );
        assert_eq!(at(&["articles", "0"]), ["id", "title", "sha256"]);
        assert_eq!(
            at(&["claims", "0"]),
            [
                "number",
                "id",
                "article",
                "quote",
                "start",
                "end",
                "claim",
                "claimant",
                "claimant_kind",
                "appearances",
                "claim_date",
                "status",
                "verdict",
                "explanation",
                "sources",
                "tags",
                "created",
                "modified"
            ]
        );
        assert_eq!(
            at(&["claims", "0", "verdict"]),
            ["rating", "label", "value"]
        );
        assert_eq!(
            at(&["claims", "0", "sources", "0"]),
            [
                "url",
                "title",
                "publisher",
                "accessed",
                "quote",
                "stance",
                "note"
            ]
        );
    }

    #[test]
    fn summary_counts_each_verdict_in_scale_order() {
        let report = parse(&fixtures::project());
        assert_eq!(
            report["summary"],
            json!({
                "claims": 5,
                "by_verdict": [
                    {"rating": "true", "label": "True", "count": 1},
                    {"rating": "mostly-true", "label": "Mostly true", "count": 1},
                    {"rating": "half-true", "label": "Half true", "count": 0},
                    {"rating": "mostly-false", "label": "Mostly false", "count": 0},
                    {"rating": "false", "label": "False", "count": 1},
                    {"rating": "unverifiable", "label": "Unverifiable", "count": 0}
                ],
                "without_verdict": 2
            })
        );
    }

    #[test]
    fn every_claim_has_its_fields_and_char_offsets() {
        let project = fixtures::project();
        let article = &project.articles[0];
        let report = parse(&project);
        assert_eq!(
            report["articles"],
            json!([{
                "id": article.id.to_string(),
                "title": "City budget speech",
                "sha256": article.sha256,
            }])
        );

        let claims = report["claims"].as_array().expect("a list");
        let numbered = project.numbered_claims();
        assert_eq!(claims.len(), numbered.len());
        for (entry, (number, claim)) in claims.iter().zip(&numbered) {
            assert_eq!(entry["number"], *number);
            assert_eq!(entry["id"], claim.id.to_string());
            assert_eq!(entry["article"], article.id.to_string());
            assert_eq!(entry["quote"], claim.anchor.quote);
            assert_eq!(entry["claim"], claim.text);
            assert_eq!(entry["claimant"], claim.claimant);
            assert_eq!(entry["appearances"], json!(claim.appearances));
            assert_eq!(entry["explanation"], claim.explanation);
            assert_eq!(entry["tags"], json!(claim.tags));
            assert_eq!(entry["created"], "2026-11-25T09:30:00Z");
            assert_eq!(entry["modified"], "2026-11-25T09:30:00Z");
            assert_eq!(
                entry["sources"].as_array().map(Vec::len),
                Some(claim.sources.len())
            );

            // Offsets count code points, so slicing the text by chars gives the quote back even after
            // "Ünïcode", the curly quotes and "€", which take more than one byte.
            let start = entry["start"].as_u64().expect("start") as usize;
            let end = entry["end"].as_u64().expect("end") as usize;
            let quoted: String = fixtures::TEXT
                .chars()
                .skip(start)
                .take(end - start)
                .collect();
            assert_eq!(entry["quote"], quoted);
            assert_eq!(
                (start, end),
                fixtures::span(fixtures::TEXT, &claim.anchor.quote)
            );
        }

        let statuses: Vec<&Value> = claims.iter().map(|c| &c["status"]).collect();
        assert_eq!(
            statuses,
            ["done", "done", "in_progress", "needs_review", "unchecked"]
        );
        let cost = &claims[3];
        assert_eq!(cost["quote"], "“quotes” cost €5 million");
        assert_eq!(
            (cost["start"].as_u64(), cost["end"].as_u64()),
            (Some(34), Some(58))
        );

        let crime = &claims[0];
        assert_eq!(
            crime["verdict"],
            json!({"rating": "false", "label": "False", "value": 1})
        );
        assert_eq!(crime["claim_date"], "2026-03-01");
        assert_eq!(crime["claimant"], "Mayor Jane Doe");
        assert_eq!(
            crime["sources"][0],
            json!({
                "url": "https://stats.example.org/crime?year=2025&area=all",
                "title": "Crime statistics 2025",
                "publisher": "Statistics Office",
                "accessed": "2026-03-03",
                "quote": "Recorded crime rose 4%.",
                "stance": "refutes",
                "note": "Table 2."
            })
        );
        assert_eq!(crime["sources"][1]["stance"], "context");
        assert_eq!(crime["sources"][1]["url"], "javascript:alert(1)");
        assert_eq!(claims[2]["verdict"], Value::Null);
        assert_eq!(claims[2]["claim_date"], Value::Null);
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        let project = fixtures::project();
        let first = render(&project);
        assert_eq!(first, render(&project));
        let data = ReportData::new(&project, fixtures::generated());
        assert_eq!(super::render(&data), first);
        assert!(
            first.starts_with("{\n  \"report_format\": \"factdesk-report\",\n"),
            "{first}"
        );
        assert!(first.ends_with("}\n"));
        // Non-ASCII stays UTF-8, as in the project file.
        assert!(first.contains("“quotes” cost €5 million"));
    }

    #[test]
    fn only_included_claims_appear_and_are_counted() {
        let mut project = fixtures::project();
        project.report.include_unchecked = false;
        let report = parse(&project);
        let claims = report["claims"].as_array().expect("a list");
        assert_eq!(claims.len(), 4);
        assert!(claims.iter().all(|c| c["status"] != "unchecked"));
        assert_eq!(report["summary"]["claims"], 4);
        assert_eq!(report["summary"]["without_verdict"], 1);
    }

    #[test]
    fn hostile_strings_round_trip_exactly() {
        let project = fixtures::hostile_project();
        let evil = fixtures::hostile();
        let report = parse(&project);
        assert_eq!(report["title"], evil);
        assert_eq!(report["organisation"], evil);
        assert_eq!(report["author"], evil);
        assert_eq!(report["methodology"], format!("{evil}\n{evil}"));
        assert_eq!(report["articles"][0]["title"], evil);
        for by_verdict in report["summary"]["by_verdict"].as_array().expect("a list") {
            assert_eq!(by_verdict["label"], evil);
        }
        let claims = report["claims"].as_array().expect("a list");
        assert_eq!(claims.len(), 2);
        for (entry, claim) in claims.iter().zip(&project.claims) {
            assert_eq!(entry["quote"], claim.anchor.quote);
            assert_eq!(entry["claim"], evil);
            assert_eq!(entry["claimant"], evil);
            assert_eq!(entry["appearances"], json!(["javascript:alert(1)"]));
            assert_eq!(entry["explanation"], format!("{evil}\n{evil}"));
            assert_eq!(entry["tags"], json!([evil]));
            let urls: Vec<&str> = entry["sources"]
                .as_array()
                .expect("a list")
                .iter()
                .map(|s| s["url"].as_str().expect("a string"))
                .collect();
            let expected: Vec<&str> = PAYLOADS.iter().copied().chain([HOSTILE_HTTP_URL]).collect();
            assert_eq!(urls, expected);
            for source in entry["sources"].as_array().expect("a list") {
                assert_eq!(source["title"], evil);
                assert_eq!(source["publisher"], evil);
                assert_eq!(source["quote"], format!("{evil}\n{evil}"));
                assert_eq!(source["note"], evil);
            }
        }
        assert_eq!(claims[0]["verdict"]["label"], evil);
        assert_eq!(claims[1]["verdict"], Value::Null);
    }

    #[test]
    fn control_characters_and_astral_text_survive() {
        let mut project = fixtures::project();
        let odd = "tab\there \"quoted\" back\\slash \u{0}\u{1b}[31m \u{2028} 🚀 e\u{301}";
        for claim in &mut project.claims {
            claim.text = odd.into();
            claim.status = Status::NeedsReview;
        }
        let json = render(&project);
        assert!(!json.contains('\u{0}') && !json.contains('\u{1b}'));
        let report: Value = serde_json::from_str(&json).expect("valid JSON");
        for claim in report["claims"].as_array().expect("a list") {
            assert_eq!(claim["claim"], odd);
            assert_eq!(claim["status"], "needs_review");
        }
    }
}
