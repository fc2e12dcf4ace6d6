//! Reports in every format: the sample project as snapshots, and hostile content that must stay inert.

use std::path::PathBuf;

use factdesk::model::{
    Article, ArticleId, Claim, ClaimField, ClaimId, ClaimantKind, Edit, Project, Rating, Source,
    SourceId, Stance, Status, TextAnchor,
};
use factdesk::report::{Calendar, ReportFormat, ReportOptions, render};
use uuid::Uuid;

use crate::common::{fixed_time, sample_project};

/// The sample project with fixed ids and report settings, so every report of it is byte-for-byte stable.
fn snapshot_project() -> Project {
    let mut project = sample_project();
    let article_id = ArticleId(Uuid::from_u128(0xa1));
    project.articles[0].id = article_id;
    project.articles[0].origin = Some("articles/biden-update.txt".into());
    for (i, claim) in project.claims.iter_mut().enumerate() {
        let i = i as u128;
        claim.id = ClaimId(Uuid::from_u128(0xc0 + i));
        claim.article = article_id;
        for (j, source) in claim.sources.iter_mut().enumerate() {
            source.id = SourceId(Uuid::from_u128(0x500 + i * 16 + j as u128));
        }
    }
    project.report.title = "Biden’s Ukraine update, checked".into();
    project.report.organisation = "Harbour Fact Desk".into();
    project.report.author = "A. Reviewer".into();
    project.report.methodology = "Each claim was traced to its first appearance.".into();
    project.report.base_url = "https://checks.example.org/biden-update".into();
    project
}

/// Options for a report at [`fixed_time`], dated in UTC whatever the machine's time zone, so that
/// snapshots are the same everywhere.
fn options() -> ReportOptions {
    ReportOptions {
        calendar: Calendar::utc(),
        ..ReportOptions::at(fixed_time())
    }
}

#[test]
fn every_format_of_the_sample_project_matches_its_snapshot() {
    let project = snapshot_project();
    for format in ReportFormat::ALL {
        let report = render(&project, format, &options());
        insta::assert_snapshot!(
            format!("sample_{}", format.file_suffix().trim_start_matches('-')),
            report
        );
    }
}

#[test]
fn csv_with_a_byte_order_mark_for_excel() {
    let project = snapshot_project();
    let with_bom = render(
        &project,
        ReportFormat::Csv,
        &ReportOptions {
            excel_bom: true,
            ..options()
        },
    );
    let without = render(&project, ReportFormat::Csv, &options());
    assert_eq!(with_bom.strip_prefix('\u{feff}'), Some(without.as_str()));
}

/// Payload lists from the shared corpus, or none where it is absent (a user's checkout).
fn corpus_payloads(file: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/hostile")
        .join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => {
            eprintln!(
                "{} is absent: testing with our own payloads only",
                path.display()
            );
            Vec::new()
        }
    }
}

/// Our own payloads, covering each way in: markup, attributes, URLs, script end tags inside JSON-LD,
/// line separators and spreadsheet formulas.
const OWN_PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg/onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "line\u{2028}separator\u{2029}paragraph",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "[click](javascript:alert(1)) <b>bold</b> *em* `code` # heading",
    "https://example.org/\"><script>alert(1)</script>",
];

/// A project whose every user-controlled field holds `payload`, with a claim whose quote is the
/// payload itself inside the article text.
fn hostile_project(payload: &str) -> Project {
    let at = fixed_time();
    let text = format!("Before. {payload} After.\n{payload}\n");
    let mut article = Article::new(payload.into(), text.clone(), Some(payload.into()), at);
    article.id = ArticleId(Uuid::from_u128(1));
    let mut project = Project::from_article(article.clone());
    project.title = payload.into();
    project.report.title = payload.into();
    project.report.organisation = payload.into();
    project.report.author = payload.into();
    project.report.methodology = payload.into();
    project.report.base_url = payload.into();
    // Colours are checked on load (#rrggbb only), so a hostile one never reaches a report.
    project.rating_scale.push(Rating {
        id: "hostile".into(),
        label: payload.into(),
        color: "#123456".into(),
        value: 3,
        unknown: Default::default(),
    });
    let start = "Before. ".chars().count();
    let end = start + payload.chars().count();
    let Some(anchor) = TextAnchor::from_range(&text, start, end) else {
        return project;
    };
    let claim = Claim::new(article.id, anchor, at);
    let id = claim.id;
    project
        .apply(Edit::InsertClaim {
            index: 0,
            claim: Box::new(claim),
        })
        .unwrap();
    for field in [
        ClaimField::Text(payload.into()),
        ClaimField::Claimant(payload.into()),
        ClaimField::Appearances(vec![payload.into(), payload.into()]),
        ClaimField::status(Status::Done, fixed_time()),
        ClaimField::verdict(Some("hostile".into()), fixed_time()),
        ClaimField::Explanation(payload.into()),
        ClaimField::Notes(payload.into()),
        ClaimField::Tags(vec![payload.into()]),
    ] {
        project
            .apply(Edit::SetClaimField {
                claim: id,
                field,
                at,
            })
            .unwrap();
    }
    let source = Source {
        url: payload.into(),
        title: payload.into(),
        publisher: payload.into(),
        quote: payload.into(),
        note: payload.into(),
        stance: Stance::Refutes,
        ..Source::new(at.date_naive())
    };
    project
        .apply(Edit::InsertSource {
            claim: id,
            index: 0,
            source: Box::new(source),
            at,
        })
        .unwrap();
    assert!(
        factdesk::model::validate(&project).is_empty(),
        "fixture is a valid project"
    );
    project
}

/// Everything in an HTML document that could run code or leave the page.
fn active_content(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    let all = scraper::Selector::parse("*").unwrap();
    for element in doc.select(&all) {
        let name = element.value().name();
        if matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "img" | "form" | "base" | "link"
        ) {
            found.push(format!("<{name}> element"));
        }
        for (attr, value) in element.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("{attr} attribute on <{name}>"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let v = value.trim().to_ascii_lowercase();
                let safe = v.starts_with("http://")
                    || v.starts_with("https://")
                    || v.starts_with("mailto:")
                    || v.starts_with('#');
                if !safe {
                    found.push(format!("{attr}={value:?} on <{name}>"));
                }
            }
            if name == "meta" && attr == "http-equiv" && value.eq_ignore_ascii_case("refresh") {
                found.push("meta refresh".into());
            }
        }
    }
    found
}

#[test]
fn hostile_content_stays_inert_in_every_format() {
    let mut payloads: Vec<String> = OWN_PAYLOADS.iter().map(|p| (*p).to_owned()).collect();
    for file in [
        "xss-payloads.txt",
        "url-payloads.txt",
        "csv-formula-payloads.txt",
    ] {
        payloads.extend(corpus_payloads(file));
    }
    for payload in &payloads {
        let project = hostile_project(payload);
        let report = |format| render(&project, format, &options());

        let html = report(ReportFormat::Html);
        assert_eq!(
            active_content(&html),
            Vec::<String>::new(),
            "HTML report with payload {payload:?}"
        );

        // Markdown is published by rendering it: what a CommonMark renderer makes of it must be inert.
        let markdown = report(ReportFormat::Markdown);
        let mut rendered = String::new();
        pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&markdown));
        assert_eq!(
            active_content(&rendered),
            Vec::<String>::new(),
            "Markdown report with payload {payload:?}"
        );
        assert!(
            !rendered.contains("<script")
                && !rendered.contains("<svg")
                && !rendered.contains("<b>"),
            "raw HTML passed through Markdown with payload {payload:?}"
        );

        let csv = report(ReportFormat::Csv);
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "CSV cell {cell:?} would run as a formula (payload {payload:?})"
                );
            }
        }

        for format in [
            ReportFormat::Json,
            ReportFormat::ClaimReview,
            ReportFormat::Annotations,
        ] {
            let out = report(format);
            let value: serde_json::Value = serde_json::from_str(&out)
                .unwrap_or_else(|e| panic!("{format:?} with payload {payload:?} is not JSON: {e}"));
            assert!(
                !out.to_ascii_lowercase().contains("</script"),
                "{format:?} can close a script element"
            );
            assert!(
                !out.contains(['<', '\u{2028}', '\u{2029}']),
                "{format:?} output carries raw {payload:?}"
            );
            assert!(
                json_contains_string(&value, payload),
                "{format:?} lost the claim text {payload:?}"
            );
        }
    }
}

fn json_contains_string(value: &serde_json::Value, wanted: &str) -> bool {
    match value {
        // Formats may trim surrounding white space; the text itself must survive.
        serde_json::Value::String(s) => s.trim() == wanted.trim(),
        serde_json::Value::Array(items) => items.iter().any(|v| json_contains_string(v, wanted)),
        serde_json::Value::Object(map) => map.values().any(|v| json_contains_string(v, wanted)),
        _ => false,
    }
}

/// The sample project with the embassy claim (IJR reporting) said by an organisation and rated,
/// its verdict given on 3 November 2026.
fn project_with_an_organisation_claimant() -> Project {
    let mut project = snapshot_project();
    let embassy = project.claims[1].id;
    let given = fixed_time() + chrono::Duration::days(1);
    for field in [
        ClaimField::Claimant("IJR".into()),
        ClaimField::ClaimantKind(ClaimantKind::Organisation),
        ClaimField::verdict(Some("true".into()), given),
        ClaimField::Explanation("The State Department announced the move that day.".into()),
    ] {
        project
            .apply(Edit::SetClaimField {
                claim: embassy,
                field,
                at: given,
            })
            .unwrap();
    }
    project
}

#[test]
fn claimreview_types_the_claimant_as_said_and_keeps_its_dates_from_export_to_export() {
    let project = project_with_an_organisation_claimant();
    let exported_on = |day: u32| {
        let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, day, 16, 0, 0).unwrap();
        render(
            &project,
            ReportFormat::ClaimReview,
            &ReportOptions {
                generated: at,
                ..options()
            },
        )
    };
    let first = exported_on(1);
    assert_eq!(
        first,
        exported_on(24),
        "exporting again weeks later changes nothing"
    );
    insta::assert_snapshot!("claimreview_claimant_kinds_and_verdict_dates", first);

    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    let reviews = json["@graph"].as_array().unwrap();
    let authors: Vec<(&str, &str)> = reviews
        .iter()
        .map(|r| {
            let author = &r["itemReviewed"]["author"];
            (
                author["@type"].as_str().unwrap(),
                author["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        authors,
        [("Person", "Jake Sullivan"), ("Organization", "IJR")]
    );
    let dates: Vec<&str> = reviews
        .iter()
        .map(|r| r["datePublished"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2026-11-02", "2026-11-03"],
        "each verdict's own day"
    );

    // A publication date in the report settings dates every review.
    let mut published = project.clone();
    published
        .apply(Edit::SetReportSettings(factdesk::model::ReportSettings {
            published: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            ..project.report.clone()
        }))
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&render(&published, ReportFormat::ClaimReview, &options())).unwrap();
    for review in json["@graph"].as_array().unwrap() {
        assert_eq!(review["datePublished"], "2026-11-20");
    }
}

#[test]
fn the_json_and_csv_reports_say_what_kind_of_claimant_made_a_claim() {
    let project = project_with_an_organisation_claimant();
    let json: serde_json::Value =
        serde_json::from_str(&render(&project, ReportFormat::Json, &options())).unwrap();
    let kinds: Vec<&serde_json::Value> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["claimant_kind"])
        .collect();
    assert_eq!(
        kinds,
        [
            &serde_json::json!("person"),
            &serde_json::json!("organisation")
        ]
    );

    let csv = render(&project, ReportFormat::Csv, &options());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "claimant_kind")
        .unwrap();
    let cells: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_owned())
        .collect();
    assert_eq!(cells, ["person", "organisation"]);
}

/// Every place of `text` a Web Annotation client selects with this quote selector: where `exact`
/// stands, preceded by `prefix` and followed by `suffix` (W3C Web Annotation Data Model, 4.2.4).
fn places_selected(text: &str, exact: &str, prefix: &str, suffix: &str) -> Vec<usize> {
    let whole = format!("{prefix}{exact}{suffix}");
    text.char_indices()
        .filter(|(byte, _)| text[*byte..].starts_with(&whole))
        .map(|(byte, _)| text[..byte].chars().count() + prefix.chars().count())
        .collect()
}

#[test]
fn a_claim_in_a_repeated_paragraph_is_annotated_so_that_one_place_is_selected() {
    let paragraph = "The council said the bridge cost twice its budget. Officials disputed the figure, \
                     saying “over-runs” were normal for a crossing of its length.";
    let text =
        format!("Bridge report\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\nEnd of report.\n");
    let article = Article::new("Bridge report".into(), text.clone(), None, fixed_time());
    let article_id = article.id;
    let mut project = Project::from_article(article);
    let quote = "the bridge cost twice its budget";
    let copies: Vec<usize> = places_selected(&text, quote, "", "");
    assert_eq!(copies.len(), 3);
    let middle = copies[1];
    let anchor = TextAnchor::from_range(&text, middle, middle + quote.chars().count()).unwrap();
    assert_eq!(
        anchor.prefix.chars().count(),
        32,
        "the stored anchor keeps 32 chars"
    );
    project
        .apply(Edit::InsertClaim {
            index: 0,
            claim: Box::new(Claim::new(article_id, anchor, fixed_time())),
        })
        .unwrap();

    let doc: serde_json::Value =
        serde_json::from_str(&render(&project, ReportFormat::Annotations, &options())).unwrap();
    let selectors = doc["first"]["items"][0]["target"]["selector"]
        .as_array()
        .unwrap();
    let quote_selector = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .unwrap();
    let field = |name: &str| quote_selector[name].as_str().unwrap_or_default();
    assert_eq!(field("exact"), quote);
    // With 32 chars on each side the three copies look alike; the export says enough to tell them apart.
    let short_prefix: String = text.chars().skip(middle - 32).take(32).collect();
    let short_suffix: String = text
        .chars()
        .skip(middle + quote.chars().count())
        .take(32)
        .collect();
    assert_eq!(
        places_selected(&text, quote, &short_prefix, &short_suffix).len(),
        2
    );
    assert_eq!(
        places_selected(&text, field("exact"), field("prefix"), field("suffix")),
        [middle]
    );
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .unwrap();
    assert_eq!(position["start"], middle);
}

/// Runs the real binary in `dir` as on a machine in time zone `tz` (the `TZ` variable), asserting
/// that it succeeds, and returns what it printed.
fn factdesk_in_time_zone(args: &[&str], dir: &std::path::Path, tz: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        .env("TZ", tz)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        crate::cli::stderr(&out)
    );
    crate::cli::stdout(&out)
}

/// The ClaimReview export of the project file `project` in `dir`, made in time zone `tz`.
fn claimreview_exported_in(dir: &std::path::Path, project: &str, tz: &str) -> serde_json::Value {
    let args = ["export", project, "--format", "claimreview", "-o", "-"];
    serde_json::from_str(&factdesk_in_time_zone(&args, dir, tz)).unwrap()
}

/// Imports the fixture feed into a new project with the real binary, then exports its ClaimReview,
/// both in time zone `tz`.
fn feed_exported_as_claimreview(dir: &std::path::Path, tz: &str) -> serde_json::Value {
    let feed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let import = [
        "import-claimreview",
        feed.to_str().unwrap(),
        "--into",
        "checks.factdesk.json",
    ];
    factdesk_in_time_zone(&import, dir, tz);
    claimreview_exported_in(dir, "checks.factdesk.json", tz)
}

#[test]
fn an_imported_review_is_exported_again_with_the_day_its_publisher_gave() {
    for tz in ["UTC", "America/New_York", "Asia/Tokyo"] {
        let dir = crate::common::temp_dir();
        let json = feed_exported_as_claimreview(dir.path(), tz);
        let bridge = json["@graph"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["claimReviewed"].as_str().unwrap().contains("bridge"))
            .unwrap();
        assert_eq!(bridge["datePublished"], "2026-10-02", "in {tz}");
    }
}

/// The first claim of `project` with a verdict.
fn first_rated_claim(project: &Project) -> ClaimId {
    let rated = project.claims.iter().find(|c| c.verdict.is_some());
    rated.expect("a claim with a verdict").id
}

#[test]
fn a_verdict_from_format_2_keeps_its_published_day_when_the_claim_is_edited_later() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema/v2/several-appearances.factdesk.json");
    let mut project = factdesk::store::load(&fixture).unwrap();
    let rated = first_rated_claim(&project);
    let published = |project: &Project| {
        let json: serde_json::Value =
            serde_json::from_str(&render(project, ReportFormat::ClaimReview, &options())).unwrap();
        json["@graph"][0]["datePublished"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        published(&project),
        "2026-03-03",
        "the claim's last change in format 2"
    );
    let weeks_later = fixed_time() + chrono::Duration::weeks(3);
    for field in [
        ClaimField::Notes("Asked the ministry again.".into()),
        ClaimField::Tags(vec!["budget".into()]),
    ] {
        project
            .apply(Edit::SetClaimField {
                claim: rated,
                field,
                at: weeks_later,
            })
            .unwrap();
    }
    assert_eq!(
        published(&project),
        "2026-03-03",
        "notes and tags publish nothing"
    );
}

#[test]
fn claimreview_publishes_a_verdict_on_the_day_of_the_exporting_machines_clock() {
    let dir = crate::common::temp_dir();
    let mut project = sample_with_a_verdict_set_at("2026-03-02T02:30:00Z");
    project.report.base_url = "https://checks.example.org/r".into();
    factdesk::store::save(
        &project,
        &crate::common::path_in(dir.path(), "p.factdesk.json"),
    )
    .unwrap();
    let published_in = |tz: &str| {
        let json = claimreview_exported_in(dir.path(), "p.factdesk.json", tz);
        json["@graph"][0]["datePublished"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // 02:30 UTC is 21:30 the evening before in New York, and 11:30 that morning in Tokyo.
    assert_eq!(published_in("America/New_York"), "2026-03-01");
    assert_eq!(
        published_in("EST5EDT,M3.2.0,M11.1.0"),
        "2026-03-01",
        "a POSIX rule, without tzdata"
    );
    assert_eq!(published_in("Asia/Tokyo"), "2026-03-02");
    assert_eq!(published_in("UTC"), "2026-03-02");
}

/// The sample project whose one rated claim had its verdict set at `given` (RFC 3339).
fn sample_with_a_verdict_set_at(given: &str) -> Project {
    let mut project = crate::common::sample_project();
    let given = chrono::DateTime::parse_from_rfc3339(given)
        .unwrap()
        .to_utc();
    let rated = first_rated_claim(&project);
    project
        .apply(Edit::SetClaimField {
            claim: rated,
            field: ClaimField::verdict(Some("true".into()), given),
            at: given,
        })
        .unwrap();
    project
}

#[test]
fn csv_columns_keep_their_places_and_the_claimant_kind_comes_last() {
    let csv = render(&snapshot_project(), ReportFormat::Csv, &options());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    // A script that reads the columns by position, written against the earlier table, still finds
    // each where it was; the column added later is appended.
    assert_eq!(
        header,
        [
            "number",
            "article",
            "quote",
            "claim",
            "claimant",
            "appearances",
            "claim_date",
            "status",
            "verdict",
            "rating_value",
            "explanation",
            "sources",
            "tags",
            "created",
            "modified",
            "claimant_kind",
        ]
    );
}
