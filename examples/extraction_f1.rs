//! How well the web-page importer finds the article: token-level F1 of its text against the text
//! Mozilla's Readability extracts, on the saved news pages of the shared corpus.
//!
//! ```text
//! cargo run --release --no-default-features --example extraction_f1 [CORPUS_HTML_DIR]
//! ```
//!
//! The folder defaults to `../shared/corpus/html` beside the crate; each page is `<name>/source.html`
//! with `expected.txt` and `metadata.json`. Without the folder (as on a user's machine) the example says
//! so and exits successfully.
//!
//! Each page is read as factdesk opens a saved page (`import::article_from_bytes`), which puts the
//! headline in front of the text when the extracted text lacks it. Readability's reference text has
//! no headline, so the body (the text without that inserted headline) is what is scored, comparable
//! with scores from before the headline was inserted; the headline column says whether the text
//! starts with a level-1 heading that equals the reference title, or that title less the site name
//! after its separator, which the import drops ("inserted" when the import added it, "in text" when
//! the page's own text started with it), and "full F1" scores the whole text.
//!
//! Tokens are lower-cased runs of alphanumeric chars (Unicode-aware); precision and recall count
//! shared tokens as multisets. Title and byline are compared after collapsing white space; a missing
//! expected byline matches an empty one. The date compares the day of `publishedTime`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/html"),
        PathBuf::from,
    );
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("no corpus at {}; nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.txt").is_file())
        .collect();
    pages.sort();
    if pages.is_empty() {
        println!("no pages in {}; nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    }

    println!(
        "| page | precision | recall | F1 | headline | full F1 | title | byline | date | warnings | ms |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    );
    let (mut f1_sum, mut full_f1_sum) = (0.0, 0.0);
    let (mut titles, mut bylines, mut headlines) = (0, 0, 0);
    for page in &pages {
        let name = page
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let (Ok(source), Ok(expected)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.txt")),
        ) else {
            println!("| {name} | unreadable | | 0.000 | | | | | | | |");
            continue;
        };
        let metadata: serde_json::Value = std::fs::read_to_string(page.join("metadata.json"))
            .ok()
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        let started = std::time::Instant::now();
        let result = factdesk::import::article_from_bytes(&source, &format!("{name}.html"), &name);
        let ms = started.elapsed().as_millis();
        let article = match result {
            Ok(article) => article,
            Err(e) => {
                println!("| {name} | error: {e:#} | | 0.000 | | | | | | | {ms} |");
                continue;
            }
        };
        // What the extractor alone gives: the body, as scored before headlines were inserted.
        let Ok(extracted) = factdesk::import::html::import_html(&source, &name) else {
            println!("| {name} | the extractor alone fails | | 0.000 | | | | | | | {ms} |");
            continue;
        };
        let body = extracted.text.as_str();
        let inserted = article.text != body;
        let first_block = article
            .blocks
            .first()
            .filter(|b| b.heading == Some(1))
            .map(|b| {
                article
                    .text
                    .chars()
                    .take(b.end)
                    .skip(b.start)
                    .collect::<String>()
            });
        let site = metadata
            .get("siteName")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let reference_title = metadata
            .get("title")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        let headline_ok = first_block
            .as_deref()
            .is_some_and(|h| same(h, metadata.get("title")));
        // The import drops a site name the page's title carries after a separator.
        let headline_is_title_less_site = !headline_ok
            && first_block
                .as_deref()
                .is_some_and(|h| is_title_less_site(h, reference_title, site));
        let one_block_before_body = first_block
            .as_deref()
            .is_some_and(|h| article.text == format!("{h}\n{body}"));
        let headline = match (inserted, headline_ok) {
            // An inserted headline must be exactly one block in front of the body.
            (true, _) if !one_block_before_body => "not one block before the body".to_owned(),
            (true, true) => "inserted".to_owned(),
            (true, false) if headline_is_title_less_site => {
                "inserted (the title less its site name)".to_owned()
            }
            (true, false) => format!("inserted, not the title ({first_block:?})"),
            (false, true) => "in text".to_owned(),
            (false, false) => "none".to_owned(),
        };
        headlines += usize::from(headline_ok || headline_is_title_less_site);
        let (precision, recall, f1) = scores(&tokens(body), &tokens(&expected));
        f1_sum += f1;
        let (_, _, full_f1) = scores(&tokens(&article.text), &tokens(&expected));
        full_f1_sum += full_f1;
        let title_ok = same(&article.title, metadata.get("title"));
        let byline_ok = same(&article.meta.byline, metadata.get("byline"));
        // Only the day is kept, so only the day is compared.
        let expected_date = metadata
            .get("publishedTime")
            .and_then(serde_json::Value::as_str)
            .and_then(|t| t.get(..10))
            .map(str::to_owned);
        let date = article.meta.published.map(|d| d.to_string());
        let date_ok = date == expected_date;
        titles += usize::from(title_ok);
        bylines += usize::from(byline_ok);
        println!(
            "| {name} | {precision:.3} | {recall:.3} | {f1:.3} | {headline} | {full_f1:.3} | {} | {} | {} | {} | {ms} |",
            mark(title_ok, &article.title),
            mark(byline_ok, &article.meta.byline),
            match (&date, &expected_date) {
                // Readability.js reads fewer date sources; a date it lacks is not a miss.
                (Some(found), None) => format!("extra ({found})"),
                _ => mark(date_ok, date.as_deref().unwrap_or("none")),
            },
            article.warnings.len(),
        );
    }
    #[allow(clippy::cast_precision_loss)] // a dozen pages
    let (mean, full_mean) = (
        f1_sum / pages.len() as f64,
        full_f1_sum / pages.len() as f64,
    );
    println!(
        "\nmean body F1 {mean:.3} (full text {full_mean:.3}) over {} pages; headline block = title \
         {headlines}/{n}; titles {titles}/{n}, bylines {bylines}/{n} match",
        pages.len(),
        n = pages.len()
    );
    ExitCode::SUCCESS
}

/// Lower-cased runs of alphanumeric chars.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Precision, recall and F1 of `extracted` against `expected`, counting shared tokens as multisets.
#[allow(clippy::cast_precision_loss)] // token counts are far below 2^52
fn scores(extracted: &[String], expected: &[String]) -> (f64, f64, f64) {
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for t in expected {
        *wanted.entry(t).or_default() += 1;
    }
    let mut overlap = 0usize;
    for t in extracted {
        if let Some(n) = wanted.get_mut(t.as_str())
            && *n > 0
        {
            *n -= 1;
            overlap += 1;
        }
    }
    if overlap == 0 {
        return (0.0, 0.0, 0.0);
    }
    let precision = overlap as f64 / extracted.len() as f64;
    let recall = overlap as f64 / expected.len() as f64;
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall),
    )
}

/// Whether `got` equals the expected string (white space collapsed); `null` or absent expects "".
fn same(got: &str, expected: Option<&serde_json::Value>) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    squash(got) == squash(expected.and_then(serde_json::Value::as_str).unwrap_or(""))
}

/// Whether `headline` is `title` without `site` after a separator ("Headline - Site").
fn is_title_less_site(headline: &str, title: &str, site: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    !site.is_empty()
        && squash(title)
            .strip_suffix(&squash(site))
            .is_some_and(|rest| {
                rest.trim_end()
                    .trim_end_matches(['|', '-', '–', '—', '·', '•', ':'])
                    .trim_end()
                    == squash(headline)
            })
}

fn mark(ok: bool, got: &str) -> String {
    if ok {
        "yes".to_owned()
    } else {
        format!("no ({got:?})")
    }
}
