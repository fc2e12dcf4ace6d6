//! The CSV table: one row per claim, for a spreadsheet or a script (RFC 4180).
//!
//! Written by hand because the format is small: records end with CRLF, and a field is quoted (its
//! quotes doubled) when it holds a comma, a double quote, CR or LF. Line breaks inside a field, such as
//! an explanation's paragraphs, stay inside the quoted field.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, so a claim text like
//! `=HYPERLINK("http://evil.example","x")` could fetch a URL or run a command when the file is opened.
//! Every cell of user text that starts with one of those, or with a tab or carriage return, gets a
//! leading apostrophe, as OWASP recommends ("CSV Injection"); spreadsheets then show it as text.
//!
//! Columns keep their places from version to version: a new one is appended, so a script that reads
//! them by position keeps working.
//!
//! The `appearances` cell lists a claim's appearances one per line, as the claim editor does.
//!
//! Limitations: the apostrophe stays in the value a script reads back; the `sources` cell lists each
//! source's title, publisher, URL, stance and date but not its quote or note (the JSON report has
//! them); the guard looks only at the first character, as OWASP's rule does, so a cell starting with a
//! space before `=` is left alone.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{ReportClaim, ReportData, rating_label};
use crate::model::{Claim, ClaimantKind, Source, Stance};

/// The header row, in column order.
const HEADER: [&str; 16] = [
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
    // Added after the others, and appended so that scripts reading columns by position keep working.
    "claimant_kind",
];

/// First characters that make a spreadsheet read a cell as a formula (OWASP's list).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Renders the report as an RFC 4180 table, starting with a UTF-8 byte-order mark when `excel_bom` is
/// set (Excel reads a file without one in the system code page and garbles accents).
pub(super) fn render(data: &ReportData<'_>, excel_bom: bool) -> String {
    let mut out = String::new();
    if excel_bom {
        out.push('\u{feff}');
    }
    push_record(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    // `data.claims` is already numbered in reading order, so rows come out by number.
    for c in &data.claims {
        push_record(&mut out, row(data, c));
    }
    out
}

/// The cells of one claim, in [`HEADER`] order.
fn row(data: &ReportData<'_>, c: &ReportClaim<'_>) -> [String; 16] {
    let claim = c.claim;
    let article = data
        .project
        .article(claim.article)
        .map_or("", |a| a.title.as_str());
    [
        // Numbers, dates and timestamps come from typed values that cannot hold a formula, so they
        // are written as they are; a negative rating value stays a number a spreadsheet can sum.
        c.number.to_string(),
        text(article),
        text(&claim.anchor.quote),
        text(&claim.text),
        text(&claim.claimant),
        text(&appearances_cell(claim)),
        claim.claim_date.map(iso_date).unwrap_or_default(),
        text(claim.status.label()),
        c.verdict.map(|r| text(rating_label(r))).unwrap_or_default(),
        c.verdict.map(|r| r.value.to_string()).unwrap_or_default(),
        text(&claim.explanation),
        text(&sources_cell(&claim.sources)),
        text(&claim.tags.join("; ")),
        timestamp(claim.created),
        timestamp(claim.modified),
        claimant_kind_cell(claim).to_owned(),
    ]
}

/// `person` or `organisation` as in the project file, or nothing when there is no claimant.
fn claimant_kind_cell(claim: &Claim) -> &'static str {
    if claim.claimant.trim().is_empty() {
        return "";
    }
    match claim.claimant_kind {
        ClaimantKind::Person => "person",
        ClaimantKind::Organisation => "organisation",
    }
}

/// Every appearance on its own line, as the claim editor lists them: a newline rather than a
/// separator such as "; ", which outlet names may hold. Blank ones are left out and line breaks inside
/// one become spaces, so that one line is always one appearance.
fn appearances_cell(claim: &Claim) -> String {
    claim
        .shown_appearances()
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every source on its own line: "title — publisher — url (stance, accessed YYYY-MM-DD)".
///
/// Empty parts are left out rather than leaving a dangling dash, and line breaks inside a part become
/// spaces so that one line is always one source.
fn sources_cell(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| {
            let parts: Vec<String> = [&s.title, &s.publisher, &s.url]
                .into_iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let details = match s.accessed {
                Some(date) => format!("({}, accessed {})", stance_id(s.stance), iso_date(date)),
                None => format!("({})", stance_id(s.stance)),
            };
            if parts.is_empty() {
                details
            } else {
                format!("{} {details}", parts.join(" — "))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The stance as the project file spells it, lower case to read naturally inside the parentheses.
fn stance_id(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "supports",
        Stance::Refutes => "refutes",
        Stance::Context => "context",
    }
}

/// `2026-03-01`.
fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// RFC 3339 in UTC with `Z`, fractional seconds only when not zero: the project file's spelling.
fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// User text made safe to open in a spreadsheet: an apostrophe goes in front when the first character
/// would start a formula.
fn text(value: &str) -> String {
    if value.starts_with(FORMULA_TRIGGERS) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// Appends one record, each field quoted when RFC 4180 requires it, ending with CRLF.
fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{self, HOSTILE_HTTP_URL, PAYLOADS};
    use super::super::{ReportFormat, ReportOptions, render as render_report};
    use super::HEADER;
    use crate::model::{Project, Source, Stance, Status};

    fn render(project: &Project, excel_bom: bool) -> String {
        render_report(
            project,
            ReportFormat::Csv,
            &ReportOptions {
                excel_bom,
                ..ReportOptions::at(fixtures::generated())
            },
        )
    }

    /// Parses `csv` with the `csv` crate, strictly: every record must have the header's width.
    fn parse(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(csv.as_bytes());
        let header = reader
            .headers()
            .expect("header row")
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                r.expect("a well-formed record")
                    .iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        (header, rows)
    }

    /// The cell of `row` under column `name`.
    fn cell<'r>(row: &'r [String], name: &str) -> &'r str {
        let i = HEADER.iter().position(|h| *h == name).expect("a column");
        &row[i]
    }

    /// Line ends of `csv` outside quoted fields.
    fn record_ends(csv: &str) -> Vec<&'static str> {
        let mut ends = Vec::new();
        let mut quoted = false;
        let mut chars = csv.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '"' => quoted = !quoted,
                '\r' if !quoted => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        ends.push("CRLF");
                    } else {
                        ends.push("CR");
                    }
                }
                '\n' if !quoted => ends.push("LF"),
                _ => {}
            }
        }
        ends
    }

    #[test]
    fn every_claim_is_a_row_whose_cells_round_trip() {
        let project = fixtures::project();
        let csv = render(&project, false);
        let (header, rows) = parse(&csv);
        assert_eq!(header, HEADER);
        let numbered = project.numbered_claims();
        assert_eq!(rows.len(), numbered.len());

        for (row, (number, claim)) in rows.iter().zip(&numbered) {
            assert_eq!(cell(row, "number"), number.to_string());
            assert_eq!(cell(row, "article"), "City budget speech");
            assert_eq!(cell(row, "quote"), claim.anchor.quote);
            assert_eq!(cell(row, "claim"), claim.text);
            assert_eq!(cell(row, "claimant"), claim.claimant);
            assert_eq!(cell(row, "appearances"), claim.appearances.join("\n"));
            assert_eq!(cell(row, "status"), claim.status.label());
            assert_eq!(cell(row, "explanation"), claim.explanation);
            assert_eq!(cell(row, "tags"), claim.tags.join("; "));
            assert_eq!(cell(row, "created"), "2026-11-25T09:30:00Z");
            assert_eq!(cell(row, "modified"), "2026-11-25T09:30:00Z");
            match project.verdict_of(claim) {
                Some(rating) => {
                    assert_eq!(cell(row, "verdict"), rating.label);
                    assert_eq!(cell(row, "rating_value"), rating.value.to_string());
                }
                None => {
                    assert_eq!(cell(row, "verdict"), "");
                    assert_eq!(cell(row, "rating_value"), "");
                }
            }
        }

        // Claim 1 carries the commas, quotes and line breaks worth checking by hand.
        let first = &rows[0];
        assert_eq!(cell(first, "quote"), "Crime fell 20% last year");
        assert_eq!(cell(first, "claim_date"), "2026-03-01");
        assert_eq!(cell(first, "status"), "Done");
        assert_eq!(cell(first, "verdict"), "False");
        assert_eq!(cell(first, "rating_value"), "1");
        assert_eq!(
            cell(first, "explanation"),
            "Police figures show a rise.\nThe fall was in one district only."
        );
        assert_eq!(cell(first, "tags"), "crime; statistics");
        assert_eq!(
            cell(first, "sources"),
            "Crime statistics 2025 — Statistics Office — https://stats.example.org/crime?year=2025&area=all (refutes, accessed 2026-03-03)\n\
             Odd link — Statistics Office — javascript:alert(1) (context, accessed 2026-03-03)"
        );
        assert_eq!(cell(&rows[2], "quote"), "last year. Ünïcode");
        assert_eq!(cell(&rows[2], "status"), "In progress");
        assert_eq!(cell(&rows[2], "claim_date"), "");
        assert_eq!(cell(&rows[3], "quote"), "“quotes” cost €5 million");
        assert_eq!(cell(&rows[3], "verdict"), "Mostly true");
    }

    #[test]
    fn commas_quotes_and_line_breaks_stay_inside_their_cell() {
        let mut project = fixtures::project();
        let tricky = "He said, \"twice\"\r\nand again\nthen “€ ünïcode” ✓ 🚀";
        for claim in &mut project.claims {
            claim.text = tricky.into();
            claim.claimant = "Doe, Jane \"JD\"".into();
            claim.tags = vec!["a,b".into(), "c\"d".into()];
        }
        let csv = render(&project, false);
        let (_, rows) = parse(&csv);
        assert_eq!(rows.len(), 5);
        for row in &rows {
            assert_eq!(row.len(), HEADER.len());
            assert_eq!(cell(row, "claim"), tricky);
            assert_eq!(cell(row, "claimant"), "Doe, Jane \"JD\"");
            assert_eq!(cell(row, "tags"), "a,b; c\"d");
        }
        assert!(csv.contains("\"Doe, Jane \"\"JD\"\"\""), "{csv}");
    }

    #[test]
    fn records_end_with_crlf() {
        let csv = render(&fixtures::project(), false);
        assert!(csv.ends_with("\r\n"));
        // A header and five claims; the line breaks inside explanations and sources are quoted.
        assert_eq!(record_ends(&csv), vec!["CRLF"; 6]);
    }

    #[test]
    fn byte_order_mark_only_when_asked() {
        let project = fixtures::project();
        let plain = render(&project, false);
        let excel = render(&project, true);
        assert!(plain.starts_with("number,article,"), "{plain}");
        assert_eq!(excel.strip_prefix('\u{feff}'), Some(plain.as_str()));
        assert!(excel.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
    }

    #[test]
    fn only_included_claims_appear() {
        let mut project = fixtures::project();
        project.report.include_unchecked = false;
        let (_, rows) = parse(&render(&project, false));
        let claims: Vec<&str> = rows.iter().map(|r| cell(r, "quote")).collect();
        assert!(!claims.contains(&"unemployment halved"), "{claims:?}");
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn an_empty_project_is_just_the_header() {
        let mut project = fixtures::project();
        project.claims.clear();
        assert_eq!(render(&project, false), format!("{}\r\n", HEADER.join(",")));
    }

    #[test]
    fn formula_payloads_start_with_an_apostrophe_in_every_text_cell() {
        let mut payloads: Vec<String> = [
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1+1",
        ]
        .map(str::to_owned)
        .to_vec();
        // The shared corpus, when present, adds real-world payloads.
        if let Ok(corpus) =
            std::fs::read_to_string("/work/shared/corpus/hostile/csv-formula-payloads.txt")
        {
            payloads.extend(corpus.lines().filter(|l| !l.is_empty()).map(str::to_owned));
        }

        for payload in &payloads {
            let mut project = fixtures::project();
            project.articles[0].title = payload.clone();
            project.rating_scale[4].label = payload.clone();
            let claim = project
                .claims
                .iter_mut()
                .find(|c| c.verdict.as_deref() == Some("false"))
                .expect("the False claim");
            claim.text = payload.clone();
            claim.claimant = payload.clone();
            claim.appearances = vec![payload.clone(), "Radio 4".into()];
            claim.explanation = payload.clone();
            claim.tags = vec![payload.clone(), "crime".into()];
            claim.sources = vec![Source {
                title: payload.clone(),
                ..fixtures::source("", "", Stance::Context)
            }];
            // Reports print the stored quote; the span itself is left where it is so numbering holds.
            claim.anchor.quote = payload.clone();

            let (_, rows) = parse(&render(&project, false));
            // The False claim ("Crime fell 20% last year") is claim 1.
            let row = &rows[0];
            let one_line = payload.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = [
                ("article", payload.clone()),
                ("quote", payload.clone()),
                ("claim", payload.clone()),
                ("claimant", payload.clone()),
                // One line per appearance: white space runs inside one become single spaces, and a
                // blank one is left out.
                (
                    "appearances",
                    [one_line.as_str(), "Radio 4"]
                        .into_iter()
                        .filter(|a| !a.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                // Reports show rating labels trimmed.
                ("verdict", payload.trim().to_owned()),
                ("explanation", payload.clone()),
                // Each source stays on one line, so white space runs become single spaces.
                (
                    "sources",
                    format!("{one_line} — Statistics Office (context, accessed 2026-03-03)"),
                ),
                ("tags", format!("{payload}; crime")),
            ];
            for (column, shown) in expected {
                let guarded = shown.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let want = if guarded { format!("'{shown}") } else { shown };
                assert_eq!(cell(row, column), want, "{column} of {payload:?}");
            }
            // Every cell of every row: nothing starts a formula.
            for row in &rows {
                for value in row {
                    assert!(
                        !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{payload:?}: {value:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn hostile_project_round_trips_and_header_is_untouched() {
        let project = fixtures::hostile_project();
        let csv = render(&project, false);
        let (header, rows) = parse(&csv);
        assert_eq!(header, HEADER);
        assert_eq!(rows.len(), 2);
        let evil = fixtures::hostile();
        for row in &rows {
            assert_eq!(cell(row, "article"), evil);
            assert_eq!(cell(row, "claim"), evil);
            assert_eq!(cell(row, "claimant"), evil);
            assert_eq!(cell(row, "appearances"), "javascript:alert(1)");
            assert_eq!(cell(row, "explanation"), format!("{evil}\n{evil}"));
            assert_eq!(cell(row, "tags"), evil);
            let sources: Vec<&str> = cell(row, "sources").split('\n').collect();
            assert_eq!(sources.len(), PAYLOADS.len() + 1);
            for (line, url) in sources
                .iter()
                .zip(PAYLOADS.iter().chain([&HOSTILE_HTTP_URL]))
            {
                assert_eq!(
                    *line,
                    format!("{evil} — {evil} — {url} (context, accessed 2026-03-03)")
                );
            }
        }
        assert_eq!(cell(&rows[0], "verdict"), evil);
        assert_eq!(cell(&rows[0], "rating_value"), "5");
        assert_eq!(cell(&rows[1], "verdict"), "");
    }

    #[test]
    fn status_labels_and_source_details() {
        let mut project = fixtures::project();
        for (claim, status) in project.claims.iter_mut().zip(Status::ALL.iter().cycle()) {
            claim.status = *status;
        }
        let claim = &mut project.claims[0];
        claim.sources = vec![
            Source {
                title: "Multi\nline  title".into(),
                publisher: String::new(),
                url: "https://a.example".into(),
                accessed: None,
                stance: Stance::Supports,
                ..Source::default()
            },
            Source {
                accessed: None,
                ..Source::default()
            },
        ];
        let id = claim.id;
        let number = project.claim_number(id).expect("numbered");
        let (_, rows) = parse(&render(&project, false));
        let labels: Vec<&str> = rows.iter().map(|r| cell(r, "status")).collect();
        for status in Status::ALL {
            assert!(labels.contains(&status.label()), "{labels:?}");
        }
        assert_eq!(
            cell(&rows[number - 1], "sources"),
            "Multi line title — https://a.example (supports)\n(context)"
        );
    }
}
