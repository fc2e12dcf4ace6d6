//! Verification reports: what a fact-checker publishes from a project.
//!
//! Every format reads the same [`ReportData`], so claim numbers, counts and verdicts agree between the
//! HTML and Markdown reports and the window.

mod annotations;
mod check;
mod claimreview;
mod csv;
mod html;
mod json;
mod markdown;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

pub use check::{TransparencyFinding, TransparencyProblem, format_notes, transparency_check};

use crate::model::text::CharIndex;
use crate::model::{Article, Claim, Project, Rating, Status};

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page.
    Html,
    /// CommonMark.
    #[value(name = "md")]
    Markdown,
    /// One row per claim, RFC 4180.
    Csv,
    /// The report as JSON, in the schema documented in docs/FORMAT.md.
    Json,
    /// schema.org ClaimReview JSON-LD, one review per claim with a verdict (on a scale without
    /// ratings, per claim with an explanation).
    #[value(name = "claimreview")]
    ClaimReview,
    /// W3C Web Annotation Data Model JSON-LD, one annotation per claim.
    Annotations,
}

impl ReportFormat {
    /// Every format, in the order menus list them.
    pub const ALL: [ReportFormat; 6] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Json,
        ReportFormat::ClaimReview,
        ReportFormat::Annotations,
    ];

    /// The usual file name ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Markdown => "md",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::ClaimReview | ReportFormat::Annotations => "jsonld",
        }
    }

    /// What menus call the format.
    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Html => "HTML report",
            ReportFormat::Markdown => "Markdown report",
            ReportFormat::Csv => "CSV table",
            ReportFormat::Json => "JSON report",
            ReportFormat::ClaimReview => "ClaimReview (schema.org)",
            ReportFormat::Annotations => "Web Annotations (W3C)",
        }
    }

    /// What the export menu says, with the ellipsis of an entry that asks for more.
    pub fn menu_label(self) -> &'static str {
        match self {
            ReportFormat::Html => "HTML report…",
            ReportFormat::Markdown => "Markdown report…",
            ReportFormat::Csv => "CSV table…",
            ReportFormat::Json => "JSON report…",
            ReportFormat::ClaimReview => "ClaimReview (schema.org)…",
            ReportFormat::Annotations => "Web Annotations (W3C)…",
        }
    }

    /// The file name suffix that tells the format apart, e.g. `-claimreview.jsonld`.
    pub fn file_suffix(self) -> String {
        match self {
            ReportFormat::ClaimReview => "-claimreview.jsonld".to_owned(),
            ReportFormat::Annotations => "-annotations.jsonld".to_owned(),
            other => format!("-report.{}", other.extension()),
        }
    }
}

/// How a report is rendered, beyond its format.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// When the report is made; printed in it.
    pub generated: DateTime<Utc>,
    /// CSV only: start with a UTF-8 byte-order mark, which Excel needs to read accents right.
    pub excel_bom: bool,
    /// The calendar whose day a moment falls on, such as the day a verdict was set for ClaimReview's
    /// `datePublished`.
    pub calendar: Calendar,
}

impl ReportOptions {
    /// Options for a report made at `generated`, without a byte-order mark, dated by this machine's
    /// calendar.
    pub fn at(generated: DateTime<Utc>) -> Self {
        Self {
            generated,
            excel_bom: false,
            calendar: Calendar::Local,
        }
    }
}

/// The calendar a report reads days in: a verdict set at 21:00 in New York was set on that day there,
/// although it is already the next day in UTC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Calendar {
    /// The time zone of the machine making the report (its settings, or the `TZ` variable), with its
    /// daylight-saving changes: the day the fact-checker saw on their clock.
    #[default]
    Local,
    /// A fixed offset from UTC, for a report that must not depend on the machine making it.
    Offset(FixedOffset),
}

impl Calendar {
    /// UTC's calendar.
    pub fn utc() -> Self {
        Self::Offset(chrono::Offset::fix(&Utc))
    }

    /// The day `at` falls on in this calendar.
    pub fn day(self, at: DateTime<Utc>) -> NaiveDate {
        match self {
            Self::Local => at.with_timezone(&chrono::Local).date_naive(),
            Self::Offset(offset) => at.with_timezone(&offset).date_naive(),
        }
    }
}

/// Renders `project` as a report in `format`.
pub fn render(project: &Project, format: ReportFormat, options: &ReportOptions) -> String {
    let data = ReportData::new(project, options.generated);
    match format {
        ReportFormat::Html => html::render(&data),
        ReportFormat::Markdown => markdown::render(&data),
        ReportFormat::Csv => csv::render(&data, options.excel_bom),
        ReportFormat::Json => json::render(&data),
        ReportFormat::ClaimReview => claimreview::render(&data, options.calendar),
        ReportFormat::Annotations => annotations::render(&data),
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
    /// Whether the project rates claims at all: false on an "Explanation only" scale (no ratings),
    /// where reports publish each claim's explanation and no verdict.
    pub rated: bool,
}

impl<'p> ReportData<'p> {
    /// Gathers what the report shows from `project`.
    pub fn new(project: &'p Project, generated: DateTime<Utc>) -> Self {
        let claims: Vec<ReportClaim<'p>> = project
            .numbered_claims()
            .into_iter()
            .filter(|(_, c)| is_included(project, c))
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
            rated: !project.rating_scale.is_empty(),
        }
    }
}

/// A run of article text that every claim covering it covers whole, so a renderer can wrap it in one
/// highlight per claim without crossing another claim's boundary.
pub(crate) struct Segment<'d, 'p> {
    /// The text of the run.
    pub text: &'p str,
    /// Claims covering the run, outermost (lowest number) first.
    pub covering: Vec<&'d ReportClaim<'p>>,
    /// Claims whose marker follows the run: those that end here, or whose span runs on past this
    /// paragraph into blank lines only.
    pub ending: Vec<&'d ReportClaim<'p>>,
}

impl<'p> ReportData<'p> {
    /// The paragraphs of `article`, each split at every boundary of an included claim's span.
    ///
    /// A span crossing a paragraph break is highlighted in each paragraph it touches and marked once,
    /// after its last visible char. Spans outside the text (a project that was not validated) are left
    /// out rather than guessed at.
    pub(crate) fn highlighted_paragraphs<'d>(
        &'d self,
        article: &'p Article,
    ) -> Vec<Vec<Segment<'d, 'p>>> {
        let text = article.text.as_str();
        let index = CharIndex::new(text);
        let paras = article.paragraph_ranges();
        let claims: Vec<(&'d ReportClaim<'p>, Option<usize>)> = self
            .claims
            .iter()
            .filter(|c| c.claim.article == article.id)
            .filter(|c| c.claim.anchor.start < c.claim.anchor.end)
            .filter(|c| c.claim.anchor.end <= index.char_len())
            .map(|c| {
                let span = c.claim.anchor.range();
                // Where the marker goes: the span's end, pulled back into the last paragraph it
                // touches so a span ending in a line break still gets its number.
                let marker = paras
                    .iter()
                    .rev()
                    .find(|p| p.start < span.end && p.end > span.start)
                    .map(|p| span.end.min(p.end));
                (c, marker)
            })
            .collect();
        paras
            .iter()
            .map(|para| {
                let inside: Vec<_> = claims
                    .iter()
                    .filter(|(c, _)| {
                        c.claim.anchor.start < para.end && c.claim.anchor.end > para.start
                    })
                    .collect();
                let mut cuts = vec![para.start, para.end];
                for (c, _) in &inside {
                    cuts.push(c.claim.anchor.start.clamp(para.start, para.end));
                    cuts.push(c.claim.anchor.end.clamp(para.start, para.end));
                }
                cuts.sort_unstable();
                cuts.dedup();
                cuts.windows(2)
                    .filter_map(|pair| {
                        let &[from, to] = pair else { return None };
                        Some(Segment {
                            text: index.slice(text, from..to)?,
                            covering: inside
                                .iter()
                                .filter(|(c, _)| {
                                    c.claim.anchor.start <= from && c.claim.anchor.end >= to
                                })
                                .map(|(c, _)| *c)
                                .collect(),
                            ending: inside
                                .iter()
                                .filter(|(_, marker)| *marker == Some(to))
                                .map(|(c, _)| *c)
                                .collect(),
                        })
                    })
                    .collect()
            })
            .collect()
    }
}

/// Whether `claim` appears in reports: every claim, unless the settings leave out those still unchecked
/// and without a verdict.
pub(crate) fn is_included(project: &Project, claim: &Claim) -> bool {
    project.report.include_unchecked || claim.status != Status::Unchecked || claim.verdict.is_some()
}

/// `value` as pretty-printed JSON ending with a newline, with `<`, `>`, `&`, U+2028 and U+2029 written as
/// `\u` escapes.
///
/// Outside strings JSON holds only ASCII punctuation, digits, literals and white space, so these chars
/// can only occur inside strings, where the escape means the same char: the document parses to the same
/// value, but cannot close a `<script>` element it is embedded in, nor end a line in older JavaScript.
pub(crate) fn script_safe_json<T: serde::Serialize>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).unwrap_or_else(|err| {
        // Cannot happen for the report structs (strings, numbers, lists, no maps with odd keys); should
        // it ever, an error object says what went wrong instead of a blank file.
        format!(
            "{{\n  \"error\": {}\n}}",
            serde_json::Value::String(format!("could not write the report: {err}"))
        )
    });
    let mut out = String::with_capacity(json.len() + 1);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out.push('\n');
    out
}

/// What a report calls `rating`: its label, else its id, so an unnamed rating still reads as something.
pub(crate) fn rating_label(rating: &Rating) -> &str {
    [rating.label.trim(), rating.id.trim()]
        .into_iter()
        .find(|l| !l.is_empty())
        .unwrap_or("Unnamed rating")
}

/// A date as reports print it, e.g. "25 November 2026": day first and the month spelled out, so no
/// reader mistakes 03/04 for April or March.
pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The non-blank lines of a free-text field, trimmed: how reports split it into paragraphs.
pub(crate) fn text_paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// How many claims the report leaves out because they are still unchecked.
pub(crate) fn unchecked_left_out(data: &ReportData<'_>) -> usize {
    // Both sides come from `numbered_claims`, so the difference is exactly what the filter in
    // `ReportData::new` dropped.
    data.project
        .numbered_claims()
        .len()
        .saturating_sub(data.claims.len())
}

/// Whether `url` may become a link in a report: only http and https, so a `javascript:` or `data:` URL
/// typed into a source stays inert text.
pub fn is_linkable_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// Projects the report tests of every format render.
#[cfg(test)]
pub(crate) mod fixtures {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use crate::model::{Article, Claim, Project, Source, Stance, Status, TextAnchor};

    /// The article text of [`project`]: multi-byte chars before and inside spans, so char and byte
    /// offsets differ.
    pub const TEXT: &str = "Crime fell 20% last year. Ünïcode “quotes” cost €5 million.\n\nThe mayor said unemployment halved.\n";

    /// When the fixture reports are generated.
    pub fn generated() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).unwrap()
    }

    /// A date in March 2026.
    pub fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// The char range of the first `needle` in `text`.
    pub fn span(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    /// A claim over the first `needle` of `article`.
    pub fn claim(article: &Article, needle: &str) -> Claim {
        let (start, end) = span(&article.text, needle);
        let anchor = TextAnchor::from_range(&article.text, start, end).unwrap();
        Claim::new(article.id, anchor, generated())
    }

    /// A source of `stance` read on 3 March 2026.
    pub fn source(title: &str, url: &str, stance: Stance) -> Source {
        Source {
            title: title.into(),
            url: url.into(),
            publisher: "Statistics Office".into(),
            stance,
            quote: "Recorded crime rose 4%.".into(),
            note: "Table 2.".into(),
            ..Source::new(day(3))
        }
    }

    /// One article with five claims, numbered as the window numbers them:
    /// 1. "Crime fell 20% last year": False, done, two sources (one `javascript:` URL);
    /// 2. "fell 20%" (inside 1): True, done;
    /// 3. "last year. Ünïcode" (overlapping the end of 1): no verdict, in progress;
    /// 4. "“quotes” cost €5 million": Mostly true, needs review;
    /// 5. "unemployment halved": unchecked, no verdict.
    pub fn project() -> Project {
        let article = Article::new("City budget speech".into(), TEXT.into(), None, generated());
        let mut project = Project::from_article(article.clone());
        project.title = "Budget week checks".into();
        project.report.organisation = "Example Fact Desk".into();
        project.report.author = "Sam Reviewer".into();
        project.report.methodology = "We asked the statistics office.".into();

        let mut crime = claim(&article, "Crime fell 20% last year");
        crime.verdict = Some("false".into());
        crime.status = Status::Done;
        crime.text = "Recorded crime fell by a fifth in 2025".into();
        crime.claimant = "Mayor Jane Doe".into();
        crime.appearances = vec![
            "https://example.org/speech".into(),
            "City Hall livestream".into(),
        ];
        crime.claim_date = Some(day(1));
        crime.explanation =
            "Police figures show a rise.\nThe fall was in one district only.".into();
        crime.sources = vec![
            source(
                "Crime statistics 2025",
                "https://stats.example.org/crime?year=2025&area=all",
                Stance::Refutes,
            ),
            source("Odd link", "javascript:alert(1)", Stance::Context),
        ];
        crime.tags = vec!["crime".into(), "statistics".into()];

        let mut fell = claim(&article, "fell 20%");
        fell.verdict = Some("true".into());
        fell.status = Status::Done;

        let mut unicode = claim(&article, "last year. Ünïcode");
        unicode.status = Status::InProgress;

        let mut cost = claim(&article, "“quotes” cost €5 million");
        cost.verdict = Some("mostly-true".into());
        cost.status = Status::NeedsReview;

        let unchecked = claim(&article, "unemployment halved");

        // Created out of reading order, so numbering by position is what is tested.
        project.claims = vec![cost, unchecked, unicode, fell, crime];
        project
    }

    /// [`project`] on an "Explanation only" scale: no ratings, no verdicts, and claims 1 and 4 (of
    /// five) explained.
    pub fn explanation_only() -> Project {
        let mut project = project();
        project.rating_scale.clear();
        for claim in &mut project.claims {
            claim.verdict = None;
            claim.verdict_given = None;
        }
        let cost = project
            .claims
            .iter_mut()
            .find(|c| c.anchor.quote.contains("cost"))
            .unwrap();
        cost.explanation = "The budget line is €4.2 million. The rest is next year's.".into();
        project
    }

    /// What an attacker might type into any field.
    pub const PAYLOADS: [&str; 6] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "</style><script>x</script>",
        "[click](javascript:alert(1)) ![i](x) <a href=\"javascript:alert(1)\">a</a> & &amp; | # * _",
    ];

    /// An http URL that tries to break out of a Markdown link destination and an HTML attribute.
    pub const HOSTILE_HTTP_URL: &str =
        "https://evil.example/a b)(<x>)](javascript:alert(1)) \"onmouseover=\"alert(1)\\&copy;";

    /// All of [`PAYLOADS`] in one string.
    pub fn hostile() -> String {
        PAYLOADS.join(" ")
    }

    /// A project with every user field, ratings and report settings included, set to [`hostile`] text,
    /// and every URL and colour to a payload.
    pub fn hostile_project() -> Project {
        let evil = hostile();
        let text = format!("{evil}\n{evil} tail");
        let mut article = Article::new(evil.clone(), text, Some(evil.clone()), generated());
        article.origin = Some(evil.clone());
        let mut project = Project::from_article(article.clone());
        project.title = evil.clone();
        project.report.title = evil.clone();
        project.report.organisation = evil.clone();
        project.report.author = evil.clone();
        project.report.methodology = format!("{evil}\n{evil}");
        project.report.base_url = "javascript:alert(1)".into();
        project.report.include_unchecked = true;
        for (i, rating) in project.rating_scale.iter_mut().enumerate() {
            rating.label = evil.clone();
            rating.color = PAYLOADS[i % PAYLOADS.len()].into();
        }
        project.rating_scale[0].color = "red;background:url(javascript:alert(1))".into();

        let mut rated = claim(&article, &evil);
        rated.verdict = Some(project.rating_scale[0].id.clone());
        let mut unrated = claim(&article, "tail");
        for c in [&mut rated, &mut unrated] {
            c.text = evil.clone();
            c.claimant = evil.clone();
            c.appearances = vec!["javascript:alert(1)".into()];
            c.explanation = format!("{evil}\n{evil}");
            c.notes = evil.clone();
            c.tags = vec![evil.clone()];
            c.sources = PAYLOADS
                .iter()
                .chain([&HOSTILE_HTTP_URL])
                .map(|url| Source {
                    title: evil.clone(),
                    url: (*url).into(),
                    publisher: evil.clone(),
                    quote: format!("{evil}\n{evil}"),
                    note: evil.clone(),
                    ..Source::new(day(3))
                })
                .collect();
        }
        project.claims = vec![rated, unrated];
        project
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{explanation_only, generated};
    use super::{ReportFormat, ReportOptions, render, script_safe_json};

    #[test]
    fn explanation_only_reports_publish_explanations_and_no_rating() {
        let project = explanation_only();
        assert_eq!(crate::model::validate(&project), vec![]);
        let options = ReportOptions::at(generated());
        let report = |format| render(&project, format, &options);
        for format in [ReportFormat::Html, ReportFormat::Markdown] {
            let text = report(format);
            // Markdown escapes the full stops, so the test reads the words before them.
            assert!(text.contains("Police figures show a rise"), "{format:?}");
            assert!(text.contains("The budget line is €4"), "{format:?}");
            for rating_word in ["Verdict", "Not yet rated", "No verdict yet"] {
                assert!(
                    !text.contains(rating_word),
                    "{format:?} says {rating_word:?}"
                );
            }
        }
        let json: serde_json::Value = serde_json::from_str(&report(ReportFormat::Json)).unwrap();
        assert_eq!(json["summary"]["by_verdict"], serde_json::json!([]));
        let claims = json["claims"].as_array().unwrap();
        assert!(claims.iter().all(|c| c["verdict"].is_null()));
        assert!(claims.iter().any(|c| c["explanation"]
            == "Police figures show a rise.\nThe fall was in one district only."));
        let csv = report(ReportFormat::Csv);
        let mut rows = ::csv::Reader::from_reader(csv.as_bytes());
        let headers = rows.headers().unwrap().clone();
        let verdict = headers.iter().position(|h| h == "verdict").unwrap();
        let explanation = headers.iter().position(|h| h == "explanation").unwrap();
        let records: Vec<_> = rows.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 5);
        assert!(records.iter().all(|r| r[verdict].is_empty()));
        assert!(
            records
                .iter()
                .any(|r| r[explanation].starts_with("Police figures"))
        );
    }

    #[test]
    fn script_safe_json_keeps_the_meaning_and_cannot_end_a_script_element() {
        let value = serde_json::json!({ "a": "\\</script>&\u{2028}\u{2029}\"" });
        let escaped = script_safe_json(&value);
        assert_eq!(
            escaped,
            "{\n  \"a\": \"\\\\\\u003c/script\\u003e\\u0026\\u2028\\u2029\\\"\"\n}\n"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&escaped).unwrap(),
            value
        );
    }
}
