//! How well PDF text is read: word F1 of each PDF library's text, and of factdesk's PDF importer,
//! against the text poppler's `pdftotext` reads from the same file.
//!
//! ```text
//! cargo run --release --no-default-features --features pdf-compare --example pdf_compare -- DIR
//! ```
//!
//! `DIR` holds the PDFs (`*.pdf`), each with its reference text beside it as `NAME.txt`, made with
//! `pdftotext -enc UTF-8 NAME.pdf` (poppler-utils). A PDF without one is compared with what
//! `pdftotext` prints when it is installed, else skipped. Without the folder (as on a user's machine)
//! the example says so and exits successfully. docs/IMPORT.md says where the measured files come from.
//!
//! Words are lower-cased runs of letters and digits; a Chinese, Japanese, Korean or Thai character is
//! a word of its own, since those scripts do not separate words by spaces. Precision and recall count
//! shared words as multisets. The reference is read as a reader would: ligature characters spelled out
//! (pdftotext keeps `ﬁ`), words broken at a line end by a hyphen joined. A file whose reference has
//! no words (a scan) scores 1 when the text read is empty too, else 0.
//!
//! Columns: `pdf-extract` is pdf-extract's plain text output, `pdf_oxide` is pdf_oxide's text per
//! page, `factdesk` is `factdesk::import::pdf::import_pdf`, the importer as built, with the number of
//! warnings it gave. An error or a panic scores 0.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        println!("usage: pdf_compare DIR (a folder of PDFs and their pdftotext output)");
        return ExitCode::SUCCESS;
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("no folder at {}; nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    if files.is_empty() {
        println!("no PDFs in {}; nothing to measure", dir.display());
        return ExitCode::SUCCESS;
    }
    // The libraries panic on some files; each panic is scored, not printed.
    std::panic::set_hook(Box::new(|_| {}));

    println!(
        "| file | words | pdf-extract F1 | pdf_oxide F1 | factdesk F1 | factdesk warnings | ms (extract / oxide / factdesk) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut sums = [0.0; 3];
    let mut measured = 0_u32;
    for path in &files {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let Some(reference) = reference_text(path) else {
            println!("| {name} | no reference text (NAME.txt or pdftotext); skipped | | | | | |");
            continue;
        };
        let Ok(bytes) = std::fs::read(path) else {
            println!("| {name} | unreadable; skipped | | | | | |");
            continue;
        };
        let expected = words(&reference_as_read(&reference));
        let mut warnings = String::new();
        let runs: [(Result<String, String>, u128); 3] = [
            timed(|| pdf_extract_text(&bytes)),
            timed(|| pdf_oxide_text(&bytes)),
            timed(|| {
                factdesk::import::pdf::import_pdf(&bytes, &name)
                    .map(|article| {
                        warnings = article.warnings.len().to_string();
                        article.text
                    })
                    .or_else(|e| match e {
                        // The right answer for a scan: there is no text to read.
                        factdesk::import::ImportError::NoTextLayer { .. } => {
                            "no text layer".clone_into(&mut warnings);
                            Ok(String::new())
                        }
                        e => Err(e.to_string()),
                    })
            }),
        ];
        let mut cells = Vec::new();
        for (sum, (text, _)) in sums.iter_mut().zip(&runs) {
            let f1 = text.as_ref().map_or(0.0, |t| f1(&words(t), &expected));
            *sum += f1;
            cells.push(match text {
                Ok(_) => format!("{f1:.3}"),
                Err(e) => format!("0 ({})", short(e)),
            });
        }
        if warnings.is_empty() {
            "-".clone_into(&mut warnings);
        }
        measured += 1;
        let ms: Vec<String> = runs.iter().map(|(_, ms)| ms.to_string()).collect();
        println!(
            "| {name} | {} | {} | {warnings} | {} |",
            expected.values().sum::<usize>(),
            cells.join(" | "),
            ms.join(" / ")
        );
    }
    if measured > 0 {
        let mean = |sum: f64| sum / f64::from(measured);
        println!(
            "\nMean F1 over {measured} files: pdf-extract {:.3}, pdf_oxide {:.3}, factdesk {:.3}",
            mean(sums[0]),
            mean(sums[1]),
            mean(sums[2])
        );
    }
    ExitCode::SUCCESS
}

/// Runs `f` under a panic guard, with how long it took in milliseconds.
fn timed(f: impl FnOnce() -> Result<String, String>) -> (Result<String, String>, u128) {
    let started = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("panicked".to_owned()));
    (result, started.elapsed().as_millis())
}

/// The first words of an error, for a table cell.
fn short(error: &str) -> String {
    let mut cut: String = error.chars().take(60).collect();
    if cut.len() < error.len() {
        cut.push('…');
    }
    cut.replace('|', "/")
}

/// The reference text of `pdf`: `NAME.txt` beside it, else what `pdftotext` prints.
fn reference_text(pdf: &Path) -> Option<String> {
    if let Ok(text) = std::fs::read_to_string(pdf.with_extension("txt")) {
        return Some(text);
    }
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// pdf-extract's text of the whole document.
fn pdf_extract_text(bytes: &[u8]) -> Result<String, String> {
    pdf_extract::extract_text_from_mem(bytes).map_err(|e| e.to_string())
}

/// pdf_oxide's text, page by page.
fn pdf_oxide_text(bytes: &[u8]) -> Result<String, String> {
    let document = pdf_oxide::PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| e.to_string())?;
    let pages = document.page_count().map_err(|e| e.to_string())?;
    let mut text = String::new();
    for page in 0..pages {
        text.push_str(&document.extract_text(page).map_err(|e| e.to_string())?);
        text.push('\n');
    }
    Ok(text)
}

/// `reference` as a reader reads it: ligatures spelled out, words broken at a line end joined.
fn reference_as_read(reference: &str) -> String {
    let spelled: String = reference
        .chars()
        .flat_map(|c| {
            let letters = match c {
                'ﬀ' => "ff",
                'ﬁ' => "fi",
                'ﬂ' => "fl",
                'ﬃ' => "ffi",
                'ﬄ' => "ffl",
                'ﬅ' | 'ﬆ' => "st",
                _ => "",
            };
            if letters.is_empty() {
                vec![c]
            } else {
                letters.chars().collect()
            }
        })
        .collect();
    let mut out = String::with_capacity(spelled.len());
    let mut lines = spelled.lines().peekable();
    while let Some(line) = lines.next() {
        let next_lower = lines
            .peek()
            .and_then(|l| l.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        let mut tail = line.trim_end().chars().rev();
        if next_lower && tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic) {
            out.push_str(line.trim_end().trim_end_matches('-'));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Whether `c` counts as a word alone: a character of a script written without spaces between
/// words. Kept apart from the importer's own test so the measure does not move with it.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}' // Thai
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

/// The words of `text`, counted.
fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            *counts.entry(std::mem::take(word)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if is_unspaced_script(c) {
            flush(&mut word);
            word.push(c);
            flush(&mut word);
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    counts
}

/// Word F1 of `got` against `expected`; two empty texts agree.
fn f1(got: &HashMap<String, usize>, expected: &HashMap<String, usize>) -> f64 {
    let total_got: usize = got.values().sum();
    let total_expected: usize = expected.values().sum();
    if total_expected == 0 {
        return if total_got == 0 { 1.0 } else { 0.0 };
    }
    let shared: usize = got
        .iter()
        .map(|(w, &n)| n.min(expected.get(w).copied().unwrap_or(0)))
        .sum();
    if shared == 0 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // word counts are far below 2^52
    let (precision, recall) = (
        shared as f64 / total_got as f64,
        shared as f64 / total_expected as f64,
    );
    2.0 * precision * recall / (precision + recall)
}
