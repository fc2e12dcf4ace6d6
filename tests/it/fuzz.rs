//! Fuzzing on stable Rust: every file a user can be sent goes through the project loader or an
//! article importer, so each of those is fed a stream of damaged inputs and must never panic, hang,
//! or hand back something broken.
//!
//! One test per target. Each replays its seed corpus (`tests/fuzz/seeds/<target>/`, plus the matching
//! fixtures of `tests/data/`) and its regression inputs (`tests/fuzz/regressions/<target>/`), then
//! mutates them for a bounded time: byte flips, inserts, deletions, chunk duplication, splicing two
//! inputs, interesting values and deep nesting, and, where it pays, mutations that know the format
//! (JSON values, the XML inside a Word file's ZIP, HTML tags, Markdown lines, PDF objects with their
//! cross-reference table rebuilt). Inputs that make the target do something new (a new error, a new
//! warning, an article of another shape) join the pool being mutated.
//!
//! Each input runs on a worker thread under `catch_unwind`, with a time limit. A panic, a hang or a
//! broken invariant writes the input to `target/fuzz-failures/<target>/` and fails the test with the
//! seed that reproduces the run. docs/FUZZING.md says how to run longer and how a failure becomes a
//! regression test.
//!
//! Settings (environment): `FACTDESK_FUZZ_SECONDS` (per target, default 2), `FACTDESK_FUZZ_ITERATIONS`
//! (cap on mutated inputs per target, default 1,000,000), `FACTDESK_FUZZ_SEED` (default: random),
//! `FACTDESK_FUZZ_TIMEOUT_MS` (per input, default 2000), `FACTDESK_FUZZ_SAVE_CURRENT=1` (write each
//! input to `target/fuzz-failures/<target>/current` before running it, to catch what aborts the
//! process, such as a stack overflow).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use fastrand::Rng;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use factdesk::import::{
    self, ImportError, ImportedArticle, claimreview, docx, encoding, html, pdf,
};
use factdesk::model::{
    Claim, Edit, Project, Rating, TextAnchor, default_rating_scale, sha256_hex, text, validate,
};
use factdesk::report::{self, ReportFormat, ReportOptions};
use factdesk::store::{self, StoreError};

// -------------------------------------------------------------------------------------------------
// The targets

#[test]
fn fuzz_project() {
    fuzz(&Target {
        name: "project",
        run: run_project,
        structured: Some(|input, pool, rng| mutate_json(input, pool, rng, PROJECT_KEYS, true)),
        dictionary: PROJECT_TOKENS,
        nests: JSON_NESTS,
        fixtures: &[],
    });
}

#[test]
fn fuzz_text() {
    fuzz(&Target {
        name: "text",
        run: run_text,
        structured: Some(mutate_text),
        dictionary: TEXT_TOKENS,
        nests: &[],
        fixtures: &["tests/data/encodings"],
    });
}

#[test]
fn fuzz_markdown() {
    fuzz(&Target {
        name: "markdown",
        run: run_markdown,
        structured: Some(mutate_markdown),
        dictionary: MARKDOWN_TOKENS,
        nests: MARKDOWN_NESTS,
        fixtures: &["tests/data/markdown"],
    });
}

#[test]
fn fuzz_html() {
    fuzz(&Target {
        name: "html",
        run: run_html,
        structured: Some(|input, pool, rng| {
            let mut out = input.to_vec();
            mutate_markup(&mut out, pool, rng, HTML_TOKENS, HTML_NESTS);
            Some(out)
        }),
        dictionary: HTML_TOKENS,
        nests: HTML_NESTS,
        fixtures: &["tests/data/html"],
    });
}

#[test]
fn fuzz_docx() {
    fuzz(&Target {
        name: "docx",
        run: run_docx,
        structured: Some(mutate_docx),
        dictionary: DOCX_TOKENS,
        nests: DOCX_NESTS,
        fixtures: &["tests/data/docx"],
    });
}

#[test]
fn fuzz_pdf() {
    fuzz(&Target {
        name: "pdf",
        run: run_pdf,
        structured: Some(mutate_pdf),
        dictionary: PDF_TOKENS,
        nests: PDF_NESTS,
        fixtures: &["tests/data/pdf"],
    });
}

#[test]
fn fuzz_claimreview() {
    fuzz(&Target {
        name: "claimreview",
        run: run_claimreview,
        structured: Some(|input, pool, rng| mutate_json(input, pool, rng, CLAIMREVIEW_KEYS, false)),
        dictionary: CLAIMREVIEW_TOKENS,
        nests: JSON_NESTS,
        fixtures: &["tests/data/claimreview-feed.jsonld"],
    });
}

/// Runs one input: `Ok` with a short description of what happened (inputs with a description not
/// seen before join the pool), `Err` with the invariant the output broke.
type RunFn = fn(&[u8], &Context) -> Result<String, String>;

/// A mutation that knows the target's format; `None` when the input is not in that format.
type StructuredFn = fn(&[u8], &[Vec<u8>], &mut Rng) -> Option<Vec<u8>>;

/// What is fuzzed and how.
struct Target {
    /// Names the seed, regression and failure folders.
    name: &'static str,
    run: RunFn,
    structured: Option<StructuredFn>,
    /// Tokens of the format, inserted anywhere.
    dictionary: &'static [&'static str],
    /// Opening and closing tokens repeated to nest deep.
    nests: &'static [(&'static str, &'static str)],
    /// Files or folders of `tests/data` that are seeds too.
    fixtures: &'static [&'static str],
}

/// What an input run is given besides its bytes: a folder for the importers that read files.
struct Context {
    dir: tempfile::TempDir,
    /// How many inputs ran; every [`FILE_EVERY`]th also goes through the file-reading entry point.
    count: Cell<u64>,
    /// Seeds and regressions take every path.
    thorough: Cell<bool>,
}

/// How often an input is also written to a file and read through the entry point that takes a path.
const FILE_EVERY: u64 = 16;

impl Context {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary folder"),
            count: Cell::new(0),
            thorough: Cell::new(true),
        }
    }

    /// Whether this input also goes through the file path.
    fn via_file(&self) -> bool {
        self.thorough.get() || self.count.get().is_multiple_of(FILE_EVERY)
    }

    /// Writes `bytes` to a file called `name` in the context's folder.
    fn file(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }

    /// Checks that the file at `path` still holds `bytes` and that nothing else appeared beside it.
    fn untouched(&self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let now = std::fs::read(path).map_err(|e| format!("the input file is gone: {e}"))?;
        ensure(now == bytes, "the input file was changed by reading it")?;
        let names: Vec<String> = std::fs::read_dir(self.dir.path())
            .map_err(|e| e.to_string())?
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
            .collect();
        ensure(
            names.len() == 1,
            &format!("reading the file left files beside it: {names:?}"),
        )?;
        std::fs::remove_file(path).map_err(|e| e.to_string())
    }
}

fn ensure(condition: bool, message: &str) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(message.to_owned())
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap()
}

/// FNV-1a, for choices that must depend on the input only.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// An error message made general enough to tell kinds of failure apart: digits and the file name
/// dropped, cut short.
fn gist(message: &str) -> String {
    message
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .take(70)
        .collect()
}

// -------------------------------------------------------------------------------------------------
// Project loader

fn run_project(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let unchecked = store::from_bytes_unchecked(bytes);
    let checked = store::from_bytes(bytes);
    match (&unchecked, &checked) {
        (Ok(u), Ok(c)) => ensure(u == c, "from_bytes and from_bytes_unchecked disagree")?,
        (Ok(u), Err(StoreError::Invalid { problems, .. })) => ensure(
            !problems.is_empty() && validate(u) == *problems,
            "the problems of an invalid project are not what validate finds",
        )?,
        (Ok(_), Err(e)) => return Err(format!("a project that parses fails to load: {e}")),
        (Err(e), Ok(_)) => return Err(format!("a project loads that does not parse: {e}")),
        (Err(_), Err(_)) => {}
    }
    if ctx.via_file() {
        let path = ctx.file("fuzz.factdesk.json", bytes)?;
        let loaded = store::load(&path);
        match (&loaded, &checked) {
            // Loading from a file resolves each article's origin against the file's folder, as
            // the window holds it; recorded as a file would record it again, both must agree.
            (Ok(a), Ok(b)) => ensure(
                store::origin::portable(a, &path) == store::origin::portable(b, &path),
                "load and from_bytes give different projects",
            )?,
            (Err(_), Err(_)) => {}
            _ => return Err("load and from_bytes disagree on whether the file opens".into()),
        }
        ctx.untouched(&path, bytes)?;
    }
    let project = match checked {
        Ok(project) => project,
        Err(e) => return Ok(format!("err {}", gist(&e.to_string()))),
    };
    let problems = validate(&project);
    ensure(
        problems.is_empty(),
        &format!("a loaded project fails validation: {problems:?}"),
    )?;
    round_trip(&project)?;
    exercise(&project)?;
    Ok(format!(
        "ok a{} c{} r{}",
        project.articles.len().min(3),
        project.claims.len().min(3),
        project.rating_scale.len().min(3)
    ))
}

/// Saving gives bytes that load as the same project, and saving that gives the same bytes.
fn round_trip(project: &Project) -> Result<(), String> {
    let bytes = store::to_bytes(project).map_err(|e| format!("cannot save: {e}"))?;
    let again =
        store::from_bytes(&bytes).map_err(|e| format!("a saved project fails to load: {e}"))?;
    ensure(
        &again == project,
        "a saved project loads as a different project",
    )?;
    let second = store::to_bytes(&again).map_err(|e| e.to_string())?;
    ensure(
        second == bytes,
        "saving the same project twice gives different bytes",
    )
}

/// What the window and the reports do with an open project: number claims, split articles into
/// paragraphs and sentences, mark a claim, undo it, remove an article and undo that, render every
/// report.
fn exercise(project: &Project) -> Result<(), String> {
    let numbered = project.numbered_claims();
    ensure(
        numbered.len() == project.claims.len(),
        "numbered_claims skips or repeats claims",
    )?;
    let mut edited = project.clone();
    for article in &project.articles {
        let sentences = checked_sentences(&article.text, &article.paragraph_ranges())?;
        if let Some(first) = sentences.first() {
            let anchor = TextAnchor::from_range(&article.text, first.start, first.end)
                .ok_or("a sentence range does not make an anchor")?;
            let claim = Claim::new(article.id, anchor, now());
            let inverse = edited
                .apply(Edit::InsertClaim {
                    index: edited.claims.len(),
                    claim: Box::new(claim),
                })
                .map_err(|e| format!("marking a sentence as a claim fails: {e}"))?;
            ensure(
                validate(&edited).is_empty(),
                "a marked sentence breaks the project",
            )?;
            edited.apply(inverse).map_err(|e| e.to_string())?;
            ensure(
                &edited == project,
                "undoing a marked claim changes the project",
            )?;
        }
        let inverse = edited
            .apply(Edit::RemoveArticle(article.id))
            .map_err(|e| format!("removing an article fails: {e}"))?;
        ensure(
            validate(&edited).is_empty(),
            "removing an article breaks the project",
        )?;
        edited.apply(inverse).map_err(|e| e.to_string())?;
        ensure(
            &edited == project,
            "undoing an article's removal changes the project",
        )?;
    }
    let options = ReportOptions::at(now());
    for format in ReportFormat::ALL {
        let _ = report::render(project, format, &options);
    }
    let _ = report::transparency_check(project);
    Ok(())
}

/// The sentences of `text` within `paragraphs`, checked to lie inside their paragraphs and the text.
fn checked_sentences(
    article_text: &str,
    paragraphs: &[std::ops::Range<usize>],
) -> Result<Vec<std::ops::Range<usize>>, String> {
    let sentences = text::sentences_in(article_text, paragraphs);
    let index = text::CharIndex::new(article_text);
    for s in &sentences {
        ensure(s.start < s.end, &format!("empty sentence {s:?}"))?;
        ensure(
            index.slice(article_text, s.clone()).is_some(),
            &format!("sentence {s:?} is outside the text"),
        )?;
        ensure(
            paragraphs
                .iter()
                .any(|p| p.start <= s.start && s.end <= p.end),
            &format!("sentence {s:?} crosses a paragraph"),
        )?;
    }
    Ok(sentences)
}

// -------------------------------------------------------------------------------------------------
// Article importers

/// The invariants of every imported article: blocks inside the text, in order, headings 1 to 6;
/// lines separated by `\n` alone; and it makes a valid project in which sentences can be marked.
fn check_article(article: &ImportedArticle) -> Result<String, String> {
    let char_len = text::char_len(&article.text);
    let mut previous_end = 0;
    for block in &article.blocks {
        ensure(
            block.start < block.end && block.end <= char_len && block.start >= previous_end,
            &format!(
                "block {block:?} is empty, overlaps the one before or lies outside the text ({char_len} chars)"
            ),
        )?;
        ensure(
            block.heading.is_none_or(|h| (1..=6).contains(&h)),
            &format!("block {block:?} has a heading level outside 1 to 6"),
        )?;
        previous_end = block.end;
    }
    ensure(
        !article.text.contains('\r'),
        "the text holds a carriage return; lines must be separated by \\n alone",
    )?;
    let imported = article.clone().into_article(None, now());
    let project = Project::from_article(imported);
    let problems = validate(&project);
    ensure(
        problems.is_empty(),
        &format!("the imported article makes an invalid project: {problems:?}"),
    )?;
    exercise(&project)?;
    let mut warnings: Vec<String> = article.warnings.iter().map(|w| gist(w)).collect();
    warnings.sort();
    warnings.dedup();
    Ok(format!(
        "ok b{} h{} {}",
        article.blocks.len().min(4),
        article
            .blocks
            .iter()
            .filter(|b| b.heading.is_some())
            .count()
            .min(2),
        warnings.join("|")
    ))
}

/// Checks `result` of an importer; `Ok` with a description either way.
fn import_outcome(result: &Result<ImportedArticle, ImportError>) -> Result<String, String> {
    match result {
        Ok(article) => check_article(article),
        Err(e) => Ok(format!("err {}", gist(&e.to_string()))),
    }
}

/// Reads `bytes` through [`import::article_from_bytes`] as a file called `name`, and, now and then,
/// through [`import::article_from_file`] from a real file, which must agree and leave the file as it
/// was.
fn via_entry_points(bytes: &[u8], name: &str, ctx: &Context) -> Result<String, String> {
    let result = import::article_from_bytes(bytes, name, "Fallback title");
    if let Ok(article) = &result {
        ensure(
            !article.text.trim().is_empty(),
            "article_from_bytes returned an empty article",
        )?;
        ensure(!article.title.trim().is_empty(), "the article has no title")?;
    }
    if ctx.via_file() {
        let path = ctx.file(name, bytes)?;
        let from_file = import::article_from_file(&path, now());
        match (&from_file, &result) {
            (Ok(a), Ok(b)) => ensure(
                a.text == b.text && a.blocks == b.blocks,
                "reading the file and reading its bytes give different articles",
            )?,
            (Err(_), Err(_)) => {}
            _ => return Err("reading the file and reading its bytes disagree".into()),
        }
        ctx.untouched(&path, bytes)?;
    }
    import_outcome(&result)
}

fn run_text(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let decoded = encoding::decode_text(bytes);
    check_decoded(&decoded)?;
    // Reopening with an encoding the user picks works on any file.
    let choices = encoding::encoding_choices();
    let (label, _) = choices[(fnv(bytes) % choices.len() as u64) as usize];
    let reopened = encoding::decode_as(bytes, label)
        .ok_or_else(|| format!("decode_as refuses the offered encoding {label}"))?;
    check_decoded(&reopened)?;
    let _ = encoding::binary_kind(bytes);
    let outcome = via_entry_points(bytes, "fuzz.txt", ctx)?;
    Ok(format!("{outcome} {}", decoded.encoding))
}

/// Decoded text is normalised: no carriage returns, no control characters but `\n` and `\t`, no
/// leading byte-order mark.
fn check_decoded(decoded: &encoding::DecodedText) -> Result<(), String> {
    let bad = decoded
        .text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t');
    ensure(
        bad.is_none(),
        &format!("decoded text keeps the control character {bad:?}"),
    )?;
    ensure(
        !decoded.text.starts_with('\u{feff}'),
        "decoded text starts with a byte-order mark",
    )
}

fn run_markdown(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    // Straight to the Markdown reader, as reopening with another encoding does, whatever the
    // content looks like...
    let direct = import::text_article(encoding::decode_text(bytes), true);
    check_article(&direct)?;
    // ...and as the app opens a .md file.
    via_entry_points(bytes, "fuzz.md", ctx)
}

fn run_html(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let outcome = import_outcome(&html::import_html(bytes, "fuzz.html"))?;
    if ctx.via_file() {
        via_entry_points(bytes, "fuzz.html", ctx)?;
    }
    Ok(outcome)
}

fn run_docx(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let outcome = import_outcome(&docx::import_docx(bytes, "fuzz.docx"))?;
    if ctx.via_file() {
        via_entry_points(bytes, "fuzz.docx", ctx)?;
    }
    Ok(outcome)
}

fn run_pdf(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let outcome = import_outcome(&pdf::import_pdf(bytes, "fuzz.pdf"))?;
    if ctx.via_file() {
        via_entry_points(bytes, "fuzz.pdf", ctx)?;
    }
    Ok(outcome)
}

/// Rating scales a project may have: the default, and odd ones a loaded project can bring.
fn scales() -> Vec<Vec<Rating>> {
    let rating = |id: &str, value: i32| Rating {
        unknown: Default::default(),
        id: id.to_owned(),
        label: id.to_uppercase(),
        color: "#123456".to_owned(),
        value,
    };
    vec![
        default_rating_scale(),
        Vec::new(),
        vec![rating("only", 3)],
        vec![rating("zero", 0), rating("none", 0)],
        vec![rating("a", 2), rating("b", 2), rating("c", -5)],
        vec![
            rating("low", i32::MIN),
            rating("high", i32::MAX),
            rating("faux", 1),
        ],
    ]
}

fn run_claimreview(bytes: &[u8], ctx: &Context) -> Result<String, String> {
    let scales = scales();
    let scale = &scales[(fnv(bytes) % scales.len() as u64) as usize];
    let mut project = Project::new("Checks".into());
    project.rating_scale.clone_from(scale);
    let Ok(json) = std::str::from_utf8(bytes) else {
        return Ok("not utf-8".into());
    };
    let result = claimreview::import_claimreview(json, "fuzz.jsonld", scale, now());
    if ctx.via_file() {
        let path = ctx.file("fuzz.jsonld", bytes)?;
        let from_file = import::claimreview_file(&path, &project, now());
        match (&from_file, &result) {
            (Ok(a), Ok(b)) => ensure(
                a.claims == b.claims.len(),
                "reading the file and reading its text give different claims",
            )?,
            (Err(_), Err(_)) => {}
            _ => return Err("reading the file and reading its text disagree".into()),
        }
        if let Ok(imported) = from_file {
            let mut with_file = project.clone();
            with_file
                .apply(imported.edit)
                .map_err(|e| format!("the import's edit does not apply: {e}"))?;
            ensure(
                validate(&with_file).is_empty(),
                "the import's edit makes an invalid project",
            )?;
        }
        ctx.untouched(&path, bytes)?;
    }
    let imported = match result {
        Ok(imported) => imported,
        Err(e) => return Ok(format!("err {}", gist(&e.to_string()))),
    };
    ensure(
        !imported.claims.is_empty(),
        "an import without claims is not an error",
    )?;
    let before = project.clone();
    let edit = Edit::InsertArticle {
        index: 0,
        article: Box::new(imported.article.clone()),
        claims: imported.claims.iter().cloned().enumerate().collect(),
    };
    let inverse = project
        .apply(edit)
        .map_err(|e| format!("the imported article does not apply: {e}"))?;
    let problems = validate(&project);
    ensure(
        problems.is_empty(),
        &format!("the imported reviews make an invalid project: {problems:?}"),
    )?;
    for claim in &imported.claims {
        ensure(
            claim.anchor.quote == claim.text,
            "a review's claim does not span exactly its line",
        )?;
    }
    round_trip(&project)?;
    exercise(&project)?;
    project.apply(inverse).map_err(|e| e.to_string())?;
    ensure(project == before, "undoing the import changes the project")?;
    let mut warnings: Vec<String> = imported.warnings.iter().map(|w| gist(w)).collect();
    warnings.sort();
    warnings.dedup();
    Ok(format!(
        "ok c{} v{} {}",
        imported.claims.len().min(3),
        imported
            .claims
            .iter()
            .filter(|c| c.verdict.is_some())
            .count()
            .min(2),
        warnings.join("|")
    ))
}

// -------------------------------------------------------------------------------------------------
// The driver

/// Settings read from the environment.
struct Config {
    duration: Duration,
    iterations: u64,
    seed: u64,
    timeout: Duration,
    save_current: bool,
}

impl Config {
    fn from_env() -> Self {
        fn var<T: std::str::FromStr>(name: &str) -> Option<T> {
            let value = std::env::var(name).ok()?;
            let value = value.trim();
            match value.parse() {
                Ok(v) => Some(v),
                Err(_) => panic!("{name}={value:?} is not a number"),
            }
        }
        let seconds: f64 = var("FACTDESK_FUZZ_SECONDS").unwrap_or(2.0);
        // One seed for the whole run, so it reproduces every target.
        static RANDOM_SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        let seed = var("FACTDESK_FUZZ_SEED").unwrap_or_else(|| {
            *RANDOM_SEED.get_or_init(|| {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as u64);
                fnv(&nanos.to_le_bytes()) ^ u64::from(std::process::id())
            })
        });
        Self {
            duration: Duration::from_secs_f64(seconds.max(0.0)),
            iterations: var("FACTDESK_FUZZ_ITERATIONS").unwrap_or(1_000_000),
            seed,
            timeout: Duration::from_millis(var("FACTDESK_FUZZ_TIMEOUT_MS").unwrap_or(2000)),
            save_current: std::env::var("FACTDESK_FUZZ_SAVE_CURRENT").is_ok_and(|v| v == "1"),
        }
    }
}

/// Longest input the mutators make: enough for every structure, small enough to stay fast.
const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Most inputs kept in the pool besides the seeds.
const MAX_POOL: usize = 400;

/// How an input ended.
enum Outcome {
    /// It ran; what it did, or the invariant it broke.
    Ran(Result<String, String>),
    /// It panicked; the panic message with its location.
    Panicked(String),
    /// It ran longer than the time limit.
    Hung,
}

// Whether panics on this thread are recorded instead of printed, how many there were, and the last.
thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
    static PANICS: Cell<u64> = const { Cell::new(0) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that records panics on fuzz worker threads (the importers catch
/// some themselves, and a panic that escapes is reported by the driver) and prints every other
/// panic as before.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                PANICS.with(|n| n.set(n.get() + 1));
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
            } else {
                previous(info);
            }
        }));
    });
}

/// What happened inside the target while one input ran.
#[derive(Clone, Copy, Default)]
struct Counts {
    /// Panics the target caught itself.
    caught: u64,
}

/// A thread that runs inputs one at a time, so a hang can be noticed from outside it.
struct Worker {
    jobs: Sender<(Vec<u8>, bool)>,
    results: Receiver<(Outcome, Counts)>,
}

impl Worker {
    fn spawn(name: &str, run: RunFn) -> Self {
        install_panic_hook();
        let (jobs, job_receiver) = mpsc::channel::<(Vec<u8>, bool)>();
        let (result_sender, results) = mpsc::channel();
        // The default stack size, as the window's loader thread has.
        std::thread::Builder::new()
            .name(format!("fuzz-{name}"))
            .spawn(move || {
                QUIET.with(|q| q.set(true));
                let ctx = Context::new();
                for (input, thorough) in job_receiver {
                    ctx.thorough.set(thorough);
                    ctx.count.set(ctx.count.get() + 1);
                    PANICS.with(|n| n.set(0));
                    LAST_PANIC.with(|last| last.borrow_mut().take());
                    let outcome = match panic::catch_unwind(AssertUnwindSafe(|| run(&input, &ctx)))
                    {
                        Ok(result) => Outcome::Ran(result),
                        Err(_) => Outcome::Panicked(
                            LAST_PANIC
                                .with(|last| last.borrow_mut().take())
                                .unwrap_or_else(|| "a panic without a message".into()),
                        ),
                    };
                    let escaped = u64::from(matches!(outcome, Outcome::Panicked(_)));
                    let counts = Counts {
                        caught: PANICS.with(Cell::get).saturating_sub(escaped),
                    };
                    if result_sender.send((outcome, counts)).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn the fuzz worker");
        Self { jobs, results }
    }

    /// Runs `input`, waiting at most `timeout`; also says what happened inside the target.
    ///
    /// An input that overruns but finishes soon after is run once more, since a machine busy with
    /// other work slows everything down; it is a hang only when it overruns again.
    fn run(&self, input: &[u8], thorough: bool, timeout: Duration) -> (Outcome, Counts) {
        let gone = || {
            (
                Outcome::Panicked("the worker thread is gone".into()),
                Counts::default(),
            )
        };
        for attempt in 0..2 {
            if self.jobs.send((input.to_vec(), thorough)).is_err() {
                return gone();
            }
            match self.results.recv_timeout(timeout) {
                Ok(result) => return result,
                Err(RecvTimeoutError::Disconnected) => return gone(),
                Err(RecvTimeoutError::Timeout) if attempt == 0 => {
                    if self.results.recv_timeout(timeout * 4).is_err() {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
            }
        }
        (Outcome::Hung, Counts::default())
    }
}

/// Where build output goes: failures are written under it.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Every file in `path` (a file or a folder, not recursing), sorted by name, with its name.
fn read_inputs(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = if path.is_dir() {
        std::fs::read_dir(path)
            .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default()
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        Vec::new()
    };
    files.retain(|f| f.is_file());
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(&f).ok()?;
            let name = f
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&f)
                .display()
                .to_string();
            Some((name, bytes))
        })
        .collect()
}

/// What a failing input did wrong, for the message.
fn describe(outcome: &Outcome, timeout: Duration) -> Option<String> {
    match outcome {
        Outcome::Ran(Ok(_)) => None,
        Outcome::Ran(Err(broken)) => Some(format!("broke an invariant: {broken}")),
        Outcome::Panicked(message) => Some(format!("panicked: {message}")),
        Outcome::Hung => Some(format!("took longer than {} ms", timeout.as_millis())),
    }
}

/// Whether two failures are the same bug: the same kind, and for panics the same place.
fn same_failure(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Panicked(x), Outcome::Panicked(y)) => x.lines().next() == y.lines().next(),
        (Outcome::Ran(Err(x)), Outcome::Ran(Err(y))) => gist(x) == gist(y),
        _ => false,
    }
}

/// A smaller input that fails the same way, found by cutting chunks out while it still does; at
/// most a few seconds of trying.
fn minimize(worker: &Worker, input: &[u8], failure: &Outcome, timeout: Duration) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut best = input.to_vec();
    let mut chunk = best.len() / 2;
    while chunk > 0 && Instant::now() < deadline {
        let mut at = 0;
        while at < best.len() && Instant::now() < deadline {
            let mut candidate = best.clone();
            candidate.drain(at..(at + chunk).min(best.len()));
            let (outcome, _) = worker.run(&candidate, true, timeout);
            if same_failure(&outcome, failure) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        chunk /= 2;
    }
    best
}

/// Writes a failing input where it can be found and returns its path.
fn save_failure(target: &str, input: &[u8], suffix: &str) -> PathBuf {
    let folder = target_dir().join("fuzz-failures").join(target);
    std::fs::create_dir_all(&folder).ok();
    let hash: String = Sha256::digest(input)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let path = folder.join(format!("{hash}{suffix}"));
    std::fs::write(&path, input).ok();
    path
}

/// Replays the seeds and regressions of `target`, then mutates them until the time or the
/// iteration budget runs out. Panics with how to reproduce on the first failure.
fn fuzz(target: &Target) {
    let config = Config::from_env();
    let name = target.name;
    let seed = config.seed ^ fnv(name.as_bytes());
    let mut rng = Rng::with_seed(seed);
    let worker = Worker::spawn(name, target.run);
    let reproduce = format!(
        "FACTDESK_FUZZ_SEED={} cargo test --no-default-features --test it fuzz_{name}",
        config.seed
    );

    let mut starting = read_inputs(&repo_path(&format!("tests/fuzz/seeds/{name}")));
    assert!(
        !starting.is_empty(),
        "no seeds in tests/fuzz/seeds/{name}; run tests/fuzz/make_seeds.py"
    );
    for fixture in target.fixtures {
        starting.extend(read_inputs(&repo_path(fixture)));
    }
    let regressions = read_inputs(&repo_path(&format!("tests/fuzz/regressions/{name}")));
    starting.extend(regressions);

    let mut pool: Vec<Vec<u8>> = Vec::new();
    // Inputs the target opened: mutating those reaches further than mutating refused ones.
    let mut opened: Vec<usize> = Vec::new();
    let mut seen = HashSet::new();
    let mut slowest = Duration::ZERO;
    for (file, input) in &starting {
        let started = Instant::now();
        let (outcome, _) = worker.run(input, true, config.timeout);
        slowest = slowest.max(started.elapsed());
        if let Some(what) = describe(&outcome, config.timeout) {
            panic!("fuzz target `{name}`: the committed input {file} {what}");
        }
        if let Outcome::Ran(Ok(signature)) = outcome {
            if signature.starts_with("ok") {
                opened.push(pool.len());
            }
            seen.insert(signature);
        }
        pool.push(input.clone());
    }
    let seed_count = pool.len();

    let current = target_dir()
        .join("fuzz-failures")
        .join(name)
        .join("current");
    if config.save_current {
        std::fs::create_dir_all(current.parent().unwrap_or(Path::new("."))).ok();
    }
    let started = Instant::now();
    let mut runs = 0_u64;
    let mut caught = 0_u64;
    let mut outcomes: HashMap<&'static str, u64> = HashMap::new();
    while runs < config.iterations && started.elapsed() < config.duration {
        let base = if !opened.is_empty() && rng.u8(..4) != 0 {
            opened[rng.usize(..opened.len())]
        } else {
            rng.usize(..pool.len())
        };
        let input = mutate(&pool, base, &mut rng, target);
        if config.save_current {
            std::fs::write(&current, &input).ok();
        }
        let before = Instant::now();
        let (outcome, counts) = worker.run(&input, false, config.timeout);
        slowest = slowest.max(before.elapsed());
        runs += 1;
        caught += counts.caught;
        if let Some(what) = describe(&outcome, config.timeout) {
            let path = save_failure(name, &input, "");
            let smaller = if matches!(outcome, Outcome::Hung) {
                String::new()
            } else {
                let small = minimize(&worker, &input, &outcome, config.timeout);
                let small_path = save_failure(name, &small, ".min");
                format!(
                    "\nsmaller input failing the same way ({} bytes): {}",
                    small.len(),
                    small_path.display()
                )
            };
            panic!(
                "fuzz target `{name}`: input {runs} {what}\n\
                 input ({} bytes): {}{smaller}\n\
                 reproduce the run: {reproduce}\n\
                 keep it as a regression test: copy it into tests/fuzz/regressions/{name}/ (see docs/FUZZING.md)",
                input.len(),
                path.display()
            );
        }
        if let Outcome::Ran(Ok(signature)) = outcome {
            *outcomes
                .entry(if signature.starts_with("ok") {
                    "ok"
                } else {
                    "refused"
                })
                .or_default() += 1;
            let ok = signature.starts_with("ok");
            if pool.len() < seed_count + MAX_POOL && seen.insert(signature) {
                if ok {
                    opened.push(pool.len());
                }
                pool.push(input);
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    eprintln!(
        "fuzz {name}: {runs} inputs in {elapsed:.1} s ({:.0}/s), {} opened, {} refused, {} in pool \
         ({seed_count} committed), {caught} panics caught inside the target, slowest input {} ms, \
         FACTDESK_FUZZ_SEED={}",
        runs as f64 / elapsed.max(1e-9),
        outcomes.get("ok").copied().unwrap_or(0),
        outcomes.get("refused").copied().unwrap_or(0),
        pool.len(),
        slowest.as_millis(),
        config.seed,
    );
}

// -------------------------------------------------------------------------------------------------
// Byte-level mutation

/// Bytes that often mean something to a parser.
const INTERESTING_BYTES: &[u8] = &[
    0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, b'\n', b'\r', b'\t', b' ', b'<', b'>', b'"', b'\'', b'\\',
    b'{', b'}', b'[', b']', b'&', b';', b'#', b'/', b'0', b'9', b'-', b'.', b'(', b')', b'%',
];

/// Numbers at the edges of integer types and floats, and a few small ones.
const INTERESTING_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "6",
    "7",
    "9",
    "10",
    "32",
    "127",
    "128",
    "255",
    "256",
    "513",
    "65535",
    "65536",
    "2147483647",
    "-2147483648",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1e308",
    "-1e308",
    "1e999",
    "0.5",
    "-0.0",
    "1E-400",
    "NaN",
    "999999999999999999999999999999",
];

/// Text that trips up text handling: invisible, combining, wide and astral characters, line
/// separators, abbreviations.
const INTERESTING_TEXT: &[&str] = &[
    "\u{feff}",
    "\u{200b}",
    "é",
    "e\u{301}",
    "日本",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "\u{2028}",
    "\u{2029}",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\u{0}",
    "\u{85}",
    "\u{fffd}",
    "\u{10ffff}",
    "Dr. ",
    "U.S. ",
    "...",
    "?!",
    "\u{3000}",
    "\u{a0}",
    "\u{ad}",
];

/// Byte sequences that are not valid UTF-8, or are marks and escapes of other encodings.
const ODD_BYTES: &[&[u8]] = &[
    b"\xc3",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf8\x88\x80\x80\x80",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\x1b$B",
    b"\x1b(B",
    b"\x00\x00",
    b"\x00",
];

/// The next input: a pool entry mutated one to four times, by format-aware mutations where the
/// target has them, else byte by byte.
fn mutate(pool: &[Vec<u8>], base: usize, rng: &mut Rng, target: &Target) -> Vec<u8> {
    let base = &pool[base];
    let mut out = match target.structured {
        Some(structured) if rng.bool() => {
            structured(base, pool, rng).unwrap_or_else(|| base.clone())
        }
        _ => base.clone(),
    };
    let rounds = if out == *base {
        rng.usize(1..=4)
    } else {
        usize::from(rng.u8(..4) == 0)
    };
    for _ in 0..rounds {
        havoc(&mut out, pool, rng, target.dictionary, target.nests);
    }
    out.truncate(MAX_INPUT_BYTES);
    out
}

/// One random byte-level change.
fn havoc(
    out: &mut Vec<u8>,
    pool: &[Vec<u8>],
    rng: &mut Rng,
    dictionary: &[&str],
    nests: &[(&str, &str)],
) {
    let len = out.len();
    let at = rng.usize(..=len);
    match rng.u8(..16) {
        0 if len > 0 => {
            let i = rng.usize(..len);
            out[i] ^= 1 << rng.u8(..8);
        }
        1 if len > 0 => {
            let i = rng.usize(..len);
            out[i] = INTERESTING_BYTES[rng.usize(..INTERESTING_BYTES.len())];
        }
        2 => {
            let n = rng.usize(1..=8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
            out.splice(at..at, bytes);
        }
        3 if len > 0 => {
            let end = (at + rng.usize(1..=64.min(len))).min(len);
            out.drain(at.min(end)..end);
        }
        4 if len > 0 => {
            // Duplicate a chunk, sometimes many times.
            let start = rng.usize(..len);
            let end = (start + rng.usize(1..=256)).min(len);
            let chunk = out[start..end].to_vec();
            let times = if rng.u8(..4) == 0 {
                rng.usize(2..=64)
            } else {
                1
            };
            let insert_at = rng.usize(..=len);
            out.splice(insert_at..insert_at, chunk.repeat(times));
        }
        5 => {
            // Splice with another input: the start of one, the rest of the other.
            let other = &pool[rng.usize(..pool.len())];
            let from = rng.usize(..=other.len());
            out.truncate(at);
            out.extend_from_slice(&other[from..]);
        }
        6 => {
            // Insert a chunk of another input.
            let other = &pool[rng.usize(..pool.len())];
            if !other.is_empty() {
                let start = rng.usize(..other.len());
                let end = (start + rng.usize(1..=512)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
        }
        7 | 8 if !dictionary.is_empty() => {
            let token = dictionary[rng.usize(..dictionary.len())];
            out.splice(at..at, token.bytes());
        }
        9 => replace_number(out, rng),
        10 => {
            let text = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())];
            out.splice(at..at, text.bytes());
        }
        11 => {
            let bytes = ODD_BYTES[rng.usize(..ODD_BYTES.len())];
            out.splice(at..at, bytes.iter().copied());
        }
        12 => out.truncate(at),
        13 if !nests.is_empty() => nest(out, rng, nests),
        14 if len > 1 => {
            // Swap two chunks of equal length.
            let n = rng.usize(1..=(len / 2).min(64));
            let a = rng.usize(..=len - n);
            let b = rng.usize(..=len - n);
            if a + n <= b || b + n <= a {
                for i in 0..n {
                    out.swap(a + i, b + i);
                }
            }
        }
        _ => {
            // Overwrite a byte run with one repeated byte.
            if len > 0 {
                let start = rng.usize(..len);
                let end = (start + rng.usize(1..=32)).min(len);
                let b = INTERESTING_BYTES[rng.usize(..INTERESTING_BYTES.len())];
                out[start..end].fill(b);
            }
        }
    }
}

/// Replaces one run of ASCII digits (with its sign) by an interesting number or a neighbour of it.
fn replace_number(out: &mut Vec<u8>, rng: &mut Rng) {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < out.len() {
        if out[i].is_ascii_digit() {
            let start = if i > 0 && out[i - 1] == b'-' {
                i - 1
            } else {
                i
            };
            while i < out.len() && out[i].is_ascii_digit() {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    if runs.is_empty() {
        return;
    }
    let run = runs[rng.usize(..runs.len())].clone();
    let replacement = match rng.u8(..3) {
        0 => {
            let old: i128 = std::str::from_utf8(&out[run.clone()])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let delta = [1, -1, 2, -2, 1000, -1000][rng.usize(..6)];
            (old + delta).to_string()
        }
        _ => INTERESTING_NUMBERS[rng.usize(..INTERESTING_NUMBERS.len())].to_owned(),
    };
    out.splice(run, replacement.bytes());
}

/// Nests an opening token many times at one place, and its closing token as often further on.
fn nest(out: &mut Vec<u8>, rng: &mut Rng, nests: &[(&str, &str)]) {
    let (open, close) = nests[rng.usize(..nests.len())];
    let depth = [3, 50, 130, 300, 520, 2000][rng.usize(..6)];
    let at = rng.usize(..=out.len());
    let end = rng.usize(at..=out.len());
    if rng.bool() && !close.is_empty() {
        out.splice(end..end, close.repeat(depth).bytes());
    }
    out.splice(at..at, open.repeat(depth).bytes());
}

// -------------------------------------------------------------------------------------------------
// Plain text: characters, then an encoding

/// What sentence and paragraph splitting, and the encoding guess, look at.
const TEXT_TOKENS: &[&str] = &[
    "\r\n",
    "\n\n",
    "\n \n",
    "\u{feff}",
    "\u{3000}",
    "Dr. Smith said so. ",
    "the U.S. Embassy. They ",
    "3:30 p.m. and ",
    "No. 10 ",
    "J. F. K. ",
    "\"Quoted.\" ",
    "… ",
    "?! ",
    "# ",
    "\t",
    "    ",
    "\u{1b}$B",
    "\u{1b}(B",
    "Ã©",
    "â€™",
];

fn mutate_text(input: &[u8], _pool: &[Vec<u8>], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut text: Vec<char> = String::from_utf8_lossy(input).chars().collect();
    for _ in 0..rng.usize(1..=3) {
        let at = rng.usize(..=text.len());
        let insert = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())];
        text.splice(at..at, insert.chars());
    }
    let text: String = text.into_iter().collect();
    let utf16 = |big_endian: bool, bom: bool| {
        let mut out = Vec::new();
        let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
        for unit in units {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    Some(match rng.u8(..6) {
        0 => utf16(false, true),
        1 => utf16(false, false),
        2 => utf16(true, true),
        3 => utf16(true, false),
        4 => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        _ => text.into_bytes(),
    })
}

// -------------------------------------------------------------------------------------------------
// JSON: the parsed value, mutated and written back

const JSON_NESTS: &[(&str, &str)] = &[("[", "]"), ("{\"a\":", "}"), ("{\"@graph\":[", "]}")];

const PROJECT_KEYS: &[&str] = &[
    "schema_version",
    "title",
    "articles",
    "claims",
    "rating_scale",
    "report",
    "id",
    "origin",
    "sha256",
    "added",
    "text",
    "blocks",
    "meta",
    "start",
    "end",
    "heading",
    "quote",
    "prefix",
    "suffix",
    "article",
    "anchor",
    "claimant",
    "claimant_kind",
    "claim_date",
    "status",
    "status_changed",
    "verdict",
    "verdict_given",
    "explanation",
    "sources",
    "notes",
    "tags",
    "created",
    "modified",
    "url",
    "publisher",
    "accessed",
    "stance",
    "note",
    "label",
    "color",
    "value",
    "byline",
    "published",
    "canonical_url",
    "site_name",
    "language",
    "source_format",
    "encoding",
    "include_unchecked",
    "base_url",
    "methodology",
    "author",
    "organisation",
];

const PROJECT_TOKENS: &[&str] = &[
    "\"schema_version\": 1,",
    "\"schema_version\": 2,",
    "\"claims\": [],",
    "\"articles\": [],",
    "\"verdict\": \"false\",",
    "\"status\": \"done\",",
    "\"stance\": \"refutes\",",
    "\"start\": 0,",
    "\"end\": 4294967296,",
    "\"heading\": 7,",
    "\"added\": \"2026-02-30T25:61:00Z\",",
    "\"claim_date\": \"+275760-09-13\",",
    "\"id\": \"00000000-0000-0000-0000-000000000000\",",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\\u0000",
    "\\ud800",
    "\\udfff\\ud800",
    ",",
    ":",
    "\"",
];

const CLAIMREVIEW_KEYS: &[&str] = &[
    "@context",
    "@type",
    "type",
    "@graph",
    "@value",
    "@id",
    "claimReviewed",
    "reviewRating",
    "ratingValue",
    "bestRating",
    "worstRating",
    "alternateName",
    "name",
    "itemReviewed",
    "author",
    "creator",
    "datePublished",
    "dateCreated",
    "appearance",
    "firstAppearance",
    "url",
    "isPartOf",
    "headline",
    "reviewBody",
    "ratingExplanation",
];

const CLAIMREVIEW_TOKENS: &[&str] = &[
    "\"@type\": \"ClaimReview\",",
    "\"@type\": [\"ClaimReview\"],",
    "\"type\": \"MediaReview\",",
    "\"claimReviewed\": \"x\",",
    "\"claimReviewed\": \"\",",
    "\"reviewRating\": {\"ratingValue\": 3},",
    "\"bestRating\": 0,",
    "\"worstRating\": 5,",
    "\"alternateName\": \"False\",",
    "\"@graph\": [",
    "\"@value\":",
    "\"datePublished\": \"2026-02-30\",",
    "\"datePublished\": \"é2026-01-01\",",
    "null",
    "[]",
    "{}",
    "\\u0000",
    "\\ud83d\\ude00",
    "\\ud800",
];

/// Strings a mutated JSON value may take: dates, ids, colours, types, verdicts, and the awkward
/// ones.
const JSON_STRINGS: &[&str] = &[
    "",
    " ",
    "x",
    "true",
    "false",
    "mostly-true",
    "unverifiable",
    "TRUE",
    "Faux",
    "done",
    "in_progress",
    "needs_review",
    "unchecked",
    "supports",
    "refutes",
    "context",
    "#zzzzzz",
    "#FFFFFF",
    "#fff",
    "2026-11-02",
    "2026-02-30",
    "-0001-01-01",
    "2026-11-02T09:30:00Z",
    "2026-11-02T09:30:00+14:00",
    "1970-01-01T00:00:00.000000001Z",
    "00000000-0000-4000-8000-00000000a001",
    "00000000-0000-4000-8000-00000000c001",
    "not-a-uuid",
    "ClaimReview",
    "MediaReview",
    "Claim",
    "CreativeWork",
    "http://schema.org/ClaimReview",
    "schema:ClaimReview",
    "https://example.org/",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "=SUM(A1)",
    "\u{0}",
    "\r\n",
    "e\u{301}",
    "😀",
    "\u{feff}",
    "\u{2028}",
];

/// Mutates JSON `input` as a value: replaces, drops, duplicates and moves members, swaps types,
/// writes huge strings and numbers, nests deep, grafts parts of another input; for project files
/// it then (often) recomputes article hashes and quotes so the change reaches past those checks.
fn mutate_json(
    input: &[u8],
    pool: &[Vec<u8>],
    rng: &mut Rng,
    keys: &[&str],
    project: bool,
) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(input).ok()?;
    let mut value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let donor: Option<Value> = {
        let other = &pool[rng.usize(..pool.len())];
        std::str::from_utf8(other)
            .ok()
            .and_then(|t| serde_json::from_str(t.trim_start_matches('\u{feff}')).ok())
    };
    for _ in 0..rng.usize(1..=3) {
        let count = count_nodes(&value);
        let mut n = rng.usize(..count);
        let graft = donor.as_ref().and_then(|d| {
            let mut m = rng.usize(..count_nodes(d));
            nth_node_ref(d, &mut m).cloned()
        });
        if let Some(node) = nth_node(&mut value, &mut n) {
            mutate_value(node, rng, keys, graft);
        }
    }
    if project && rng.u8(..4) != 0 {
        fix_project(&mut value, rng);
    }
    let mut out = Vec::new();
    write_json(&value, rng, &mut out);
    Some(out)
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(members) => members.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The `n`th node of `value` in pre-order.
fn nth_node<'v>(value: &'v mut Value, n: &mut usize) -> Option<&'v mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().find_map(|item| nth_node(item, n)),
        Value::Object(members) => members.values_mut().find_map(|item| nth_node(item, n)),
        _ => None,
    }
}

fn nth_node_ref<'v>(value: &'v Value, n: &mut usize) -> Option<&'v Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter().find_map(|item| nth_node_ref(item, n)),
        Value::Object(members) => members.values().find_map(|item| nth_node_ref(item, n)),
        _ => None,
    }
}

/// A random leaf or small container.
fn random_value(rng: &mut Rng) -> Value {
    match rng.u8(..10) {
        0 => Value::Null,
        1 => Value::Bool(rng.bool()),
        2 | 3 => {
            let number = INTERESTING_NUMBERS[rng.usize(..INTERESTING_NUMBERS.len())];
            serde_json::from_str(number).unwrap_or(Value::Null)
        }
        4..=6 => Value::String(JSON_STRINGS[rng.usize(..JSON_STRINGS.len())].to_owned()),
        7 => Value::String("ab😀 ".repeat(rng.usize(1..=4000))),
        8 => Value::Array(Vec::new()),
        _ => Value::Object(Map::new()),
    }
}

/// One change to one node.
fn mutate_value(node: &mut Value, rng: &mut Rng, keys: &[&str], graft: Option<Value>) {
    match rng.u8(..8) {
        0 => *node = random_value(rng),
        1 => {
            if let Some(graft) = graft {
                *node = graft;
            }
        }
        2 => {
            // Nest the node deep in arrays or objects.
            let depth = [2, 20, 127, 200][rng.usize(..4)];
            for _ in 0..depth {
                let inner = std::mem::take(node);
                *node = if rng.bool() {
                    Value::Array(vec![inner])
                } else {
                    Value::Object(Map::from_iter([("@value".to_owned(), inner)]))
                };
            }
        }
        _ => match node {
            Value::Object(members) => {
                let len = members.len();
                match rng.u8(..4) {
                    0 | 1 if len > 0 => {
                        let key = members.keys().nth(rng.usize(..len)).cloned();
                        if let Some(key) = key {
                            members.remove(&key);
                        }
                    }
                    2 if len > 0 => {
                        // Give one member's value to another key.
                        let (key, value) = members
                            .iter()
                            .nth(rng.usize(..len))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .unwrap_or_default();
                        members.remove(&key);
                        members.insert(keys[rng.usize(..keys.len())].to_owned(), value);
                    }
                    _ => {
                        members.insert(keys[rng.usize(..keys.len())].to_owned(), random_value(rng));
                    }
                }
            }
            Value::Array(items) => {
                let len = items.len();
                match rng.u8(..5) {
                    0 if len > 0 => {
                        items.remove(rng.usize(..len));
                    }
                    1 if len > 0 => {
                        let copy = items[rng.usize(..len)].clone();
                        let times = if rng.u8(..4) == 0 { 200 } else { 1 };
                        for _ in 0..times {
                            items.insert(rng.usize(..=items.len()), copy.clone());
                        }
                    }
                    2 if len > 1 => {
                        let (a, b) = (rng.usize(..len), rng.usize(..len));
                        items.swap(a, b);
                    }
                    3 => items.reverse(),
                    _ => items.insert(rng.usize(..=len), random_value(rng)),
                }
            }
            Value::Number(number) => {
                let replacement = match rng.u8(..3) {
                    0 => number
                        .as_i64()
                        .map(|n| n.wrapping_add([1, -1, 2, 1000][rng.usize(..4)]).into()),
                    1 => number.as_u64().map(|n| n.wrapping_mul(2).into()),
                    _ => None,
                };
                *node = replacement.unwrap_or_else(|| random_value(rng));
            }
            Value::String(s) => {
                let mut chars: Vec<char> = s.chars().collect();
                match rng.u8(..4) {
                    0 if !chars.is_empty() => chars.truncate(rng.usize(..chars.len())),
                    1 => {
                        let at = rng.usize(..=chars.len());
                        let text = INTERESTING_TEXT[rng.usize(..INTERESTING_TEXT.len())];
                        chars.splice(at..at, text.chars());
                    }
                    2 if !chars.is_empty() => {
                        let at = rng.usize(..chars.len());
                        chars.remove(at);
                    }
                    _ => {
                        chars = JSON_STRINGS[rng.usize(..JSON_STRINGS.len())]
                            .chars()
                            .collect();
                    }
                }
                *s = chars.into_iter().collect();
            }
            _ => *node = random_value(rng),
        },
    }
}

/// Recomputes what a project file derives from article text: each article's hash, and (sometimes)
/// each claim's quote from its range, so mutated texts and ranges are checked further in.
fn fix_project(value: &mut Value, rng: &mut Rng) {
    let mut texts: HashMap<String, String> = HashMap::new();
    if let Some(Value::Array(articles)) = value.get_mut("articles") {
        for article in articles.iter_mut() {
            let Some(object) = article.as_object_mut() else {
                continue;
            };
            let Some(article_text) = object
                .get("text")
                .and_then(Value::as_str)
                .map(str::to_owned)
            else {
                continue;
            };
            object.insert("sha256".into(), Value::String(sha256_hex(&article_text)));
            if let Some(id) = object.get("id").and_then(Value::as_str) {
                texts.insert(id.to_owned(), article_text);
            }
        }
    }
    if !rng.bool() {
        return;
    }
    if let Some(Value::Array(claims)) = value.get_mut("claims") {
        for claim in claims.iter_mut() {
            let article_text = claim
                .get("article")
                .and_then(Value::as_str)
                .and_then(|id| texts.get(id));
            let Some(article_text) = article_text else {
                continue;
            };
            let Some(anchor) = claim.get_mut("anchor").and_then(Value::as_object_mut) else {
                continue;
            };
            let range = anchor
                .get("start")
                .and_then(Value::as_u64)
                .zip(anchor.get("end").and_then(Value::as_u64));
            if let Some((start, end)) = range
                && let Some(quote) = text::slice_chars(article_text, start as usize..end as usize)
            {
                anchor.insert("quote".into(), Value::String(quote.to_owned()));
            }
        }
    }
}

/// Writes `value` as JSON, now and then with a member written twice, every non-ASCII character
/// escaped, or no white space at all.
fn write_json(value: &Value, rng: &mut Rng, out: &mut Vec<u8>) {
    match value {
        Value::String(s) if rng.u8(..16) == 0 => {
            out.push(b'"');
            for unit in s.encode_utf16() {
                match unit {
                    0x20..=0x7e if unit != u16::from(b'"') && unit != u16::from(b'\\') => {
                        out.push(unit as u8);
                    }
                    _ => out.extend(format!("\\u{unit:04x}").bytes()),
                }
            }
            out.push(b'"');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                write_json(item, rng, out);
            }
            out.push(b']');
        }
        Value::Object(members) => {
            out.extend_from_slice(b"{\n");
            let twice =
                (rng.u8(..32) == 0 && !members.is_empty()).then(|| rng.usize(..members.len()));
            for (i, (key, member)) in members.iter().enumerate() {
                let copies = if twice == Some(i) { 2 } else { 1 };
                for copy in 0..copies {
                    if i > 0 || copy > 0 {
                        out.extend_from_slice(b",\n");
                    }
                    write_json(&Value::String(key.clone()), rng, out);
                    out.extend_from_slice(b": ");
                    write_json(member, rng, out);
                }
            }
            out.extend_from_slice(b"\n}");
        }
        other => out.extend(other.to_string().bytes()),
    }
}

// -------------------------------------------------------------------------------------------------
// Markup: HTML pages and the XML inside Word files

const HTML_NESTS: &[(&str, &str)] = &[
    ("<div>", "</div>"),
    ("<b>", "</b>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<ul><li>", "</li></ul>"),
    ("<blockquote><p>", "</p></blockquote>"),
    ("<a href=#>", ""),
];

const HTML_TOKENS: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<h7>",
    "<br>",
    "<hr>",
    "<pre>",
    "</pre>",
    "<li>",
    "<td>",
    "<tr>",
    "<th>",
    "<caption>",
    "<table>",
    "</table>",
    "<article>",
    "</article>",
    "<main>",
    "<nav>",
    "<aside>",
    "<footer>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<template>",
    "<svg><p>",
    "<math>",
    "<select>",
    "<frameset>",
    "<noscript>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<html lang=\"\u{0}\">",
    "<meta charset=\"utf-16\">",
    "<meta charset=\"x-user-defined\">",
    "<meta charset=\"replacement\">",
    "<meta charset=\"iso-2022-jp\">",
    "<meta charset=\"shift_jis\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb18030\">",
    "<meta property=\"og:title\" content=\"\">",
    "<meta property=\"article:published_time\" content=\"2026-02-30\">",
    "<meta name=\"author\" content=\"<b>\">",
    "<link rel=\"canonical\" href=\"javascript:alert(1)\">",
    "<time datetime=\"2026-11-02T25:00\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":[1],\"author\":[{\"name\":{}}]}</script>",
    "<script type=\"application/ld+json\">[[[[[[",
    "<img alt=\"alt\" src=\"x\">",
    "<a href=\"x\">link</a>",
    "&nbsp;",
    "&amp;",
    "&#0;",
    "&#x10FFFF;",
    "&#xD800;",
    "&#99999999999;",
    "&unknown;",
    "&",
    "<",
    ">",
    "\"",
    "=",
    " class=\"comment\"",
    " id=\"content\"",
    " hidden",
    " style=\"display:none\"",
];

const DOCX_NESTS: &[(&str, &str)] = &[
    ("<w:p>", "</w:p>"),
    ("<w:r>", "</w:r>"),
    ("<w:pPr>", "</w:pPr>"),
    (
        "<mc:AlternateContent><mc:Fallback>",
        "</mc:Fallback></mc:AlternateContent>",
    ),
    ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"),
];

const DOCX_TOKENS: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:p/>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:t xml:space=\"preserve\"> </w:t>",
    "<w:t>Text</w:t>",
    "<w:pPr>",
    "</w:pPr>",
    "<w:pStyle w:val=\"Heading1\"/>",
    "<w:pStyle w:val=\"heading 99\"/>",
    "<w:pStyle w:val=\"Title\"/>",
    "<w:pStyle/>",
    "<w:outlineLvl w:val=\"0\"/>",
    "<w:outlineLvl w:val=\"255\"/>",
    "<w:outlineLvl w:val=\"-1\"/>",
    "<w:tab/>",
    "<w:br/>",
    "<w:cr/>",
    "<w:noBreakHyphen/>",
    "<w:delText>gone</w:delText>",
    "<w:ins>",
    "</w:ins>",
    "<w:del>",
    "</w:del>",
    "<mc:Fallback>",
    "</mc:Fallback>",
    "<mc:AlternateContent>",
    "<w:style w:type=\"paragraph\" w:styleId=\"X\"><w:name w:val=\"heading 1\"/></w:style>",
    "<dc:title>T</dc:title>",
    "<dc:creator>",
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
    "xmlns:w=\"urn:other\"",
    "xmlns=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"",
    "<![CDATA[x]]>",
    "<!-- c -->",
    "<?pi x?>",
    "<!DOCTYPE x [<!ENTITY e \"&e;&e;\">]>",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&#65;",
    "&e;",
    "&",
    "<",
    ">",
    "\"",
];

/// Positions just before a `<`: where whole elements can be cut or inserted.
fn tag_starts(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'<')
        .map(|(i, _)| i)
        .collect()
}

/// One markup-aware change: a tag inserted, removed or duplicated at element boundaries, a chunk of
/// another input's markup spliced in, an attribute value replaced, or tags nested deep.
fn mutate_markup(
    out: &mut Vec<u8>,
    pool: &[Vec<u8>],
    rng: &mut Rng,
    tokens: &[&str],
    nests: &[(&str, &str)],
) {
    let starts = tag_starts(out);
    let boundary = |rng: &mut Rng| {
        if starts.is_empty() {
            rng.usize(..=out.len())
        } else {
            starts[rng.usize(..starts.len())]
        }
    };
    match rng.u8(..7) {
        0 | 1 => {
            let at = boundary(rng);
            let token = tokens[rng.usize(..tokens.len())];
            out.splice(at..at, token.bytes());
        }
        2 if starts.len() > 1 => {
            let a = boundary(rng);
            let b = boundary(rng);
            out.drain(a.min(b)..a.max(b));
        }
        3 if starts.len() > 1 => {
            let a = boundary(rng);
            let b = boundary(rng);
            let chunk = out[a.min(b)..a.max(b)].to_vec();
            let times = if rng.u8(..4) == 0 {
                rng.usize(2..=40)
            } else {
                1
            };
            let at = boundary(rng);
            out.splice(at..at, chunk.repeat(times));
        }
        4 => {
            let donor = &pool[rng.usize(..pool.len())];
            let donor_starts = tag_starts(donor);
            if donor_starts.len() > 1 {
                let a = donor_starts[rng.usize(..donor_starts.len())];
                let b = donor_starts[rng.usize(..donor_starts.len())];
                let chunk = donor[a.min(b)..a.max(b)].to_vec();
                let at = boundary(rng);
                out.splice(at..at, chunk);
            }
        }
        5 => replace_attribute(out, rng),
        _ => nest(out, rng, nests),
    }
}

/// Replaces the value of one quoted attribute.
fn replace_attribute(out: &mut Vec<u8>, rng: &mut Rng) {
    let quotes: Vec<usize> = out
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w == b"=\"")
        .map(|(i, _)| i + 2)
        .collect();
    if quotes.is_empty() {
        return;
    }
    let start = quotes[rng.usize(..quotes.len())];
    let Some(len) = out[start..].iter().position(|&b| b == b'"') else {
        return;
    };
    const VALUES: &[&str] = &[
        "",
        "0",
        "9",
        "10",
        "255",
        "-1",
        "Heading1",
        "heading 9",
        "Title",
        "utf-16",
        "x",
        "&amp;",
        "&#0;",
        "\u{0}",
        "😀",
    ];
    let value = VALUES[rng.usize(..VALUES.len())];
    out.splice(start..start + len, value.bytes());
}

// -------------------------------------------------------------------------------------------------
// Word documents: the ZIP rebuilt around mutated parts

fn mutate_docx(input: &[u8], pool: &[Vec<u8>], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut parts = unzip(input)?;
    if parts.is_empty() {
        return None;
    }
    for _ in 0..rng.usize(1..=2) {
        match rng.u8(..10) {
            0..=5 => {
                // Mostly the body.
                let i = parts
                    .iter()
                    .position(|(n, _)| n.eq_ignore_ascii_case("word/document.xml"))
                    .filter(|_| rng.u8(..3) != 0)
                    .unwrap_or_else(|| rng.usize(..parts.len()));
                let donors: Vec<Vec<u8>> = pool
                    .iter()
                    .take(8)
                    .filter_map(|p| unzip(p))
                    .flatten()
                    .map(|(_, b)| b)
                    .collect();
                let donors = if donors.is_empty() {
                    pool.to_vec()
                } else {
                    donors
                };
                mutate_markup(&mut parts[i].1, &donors, rng, DOCX_TOKENS, DOCX_NESTS);
            }
            6 => {
                let i = rng.usize(..parts.len());
                let name = &mut parts[i].0;
                *name = match rng.u8(..4) {
                    0 => name.to_uppercase(),
                    1 => format!("/{name}"),
                    2 => name.replace('/', "\\"),
                    _ => ["word/document.xml", "word/styles.xml", "docProps/core.xml"]
                        [rng.usize(..3)]
                    .to_owned(),
                };
            }
            7 if parts.len() > 1 => {
                parts.remove(rng.usize(..parts.len()));
            }
            8 => {
                let donor = pool.get(rng.usize(..pool.len())).and_then(|p| unzip(p));
                if let Some(donor) = donor
                    && !donor.is_empty()
                {
                    parts.push(donor[rng.usize(..donor.len())].clone());
                }
            }
            _ => {
                let i = rng.usize(..parts.len());
                let bytes = &mut parts[i].1;
                havoc(bytes, pool, rng, DOCX_TOKENS, DOCX_NESTS);
            }
        }
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &parts {
        let method = if rng.bool() {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        if zip.start_file(name.as_str(), options).is_ok() {
            zip.write_all(bytes).ok()?;
        }
    }
    Some(zip.finish().ok()?.into_inner())
}

/// The parts of a ZIP archive, each at most 1 MiB.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index(i) else {
            continue;
        };
        let name = file.name().map_or_else(
            |_| String::from_utf8_lossy(file.name_raw()).into_owned(),
            std::borrow::Cow::into_owned,
        );
        let mut data = Vec::new();
        if file.take(1 << 20).read_to_end(&mut data).is_ok() {
            parts.push((name, data));
        }
    }
    Some(parts)
}

// -------------------------------------------------------------------------------------------------
// Markdown: lines and inline marks

const MARKDOWN_NESTS: &[(&str, &str)] = &[
    ("> ", ""),
    ("- ", ""),
    ("1. ", ""),
    ("[", "]"),
    ("*", "*"),
    ("<div>", "</div>"),
    ("  ", ""),
];

const MARKDOWN_TOKENS: &[&str] = &[
    "# ",
    "###### ",
    "####### ",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "1) ",
    "- [ ] ",
    "- [x] ",
    "    ",
    "\t",
    "```",
    "~~~",
    "---",
    "***",
    "===",
    "|",
    "|-|-|",
    "| a | b |\n|---|:-:|\n",
    "[^1]",
    "[^1]: note",
    "[link](http://x)",
    "[ref]: http://x",
    "![alt](i.png)",
    "**",
    "__",
    "_",
    "~~",
    "`",
    "$",
    "$$",
    "\\",
    "&amp;",
    "&#0;",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<br>",
    "---\ntitle: T\ndate: 2026-02-30\n---\n",
    "---\n",
    "title: \n",
    "author: x\n",
    "date: 99999-01-01\n",
    "\n",
    "  \n",
];

/// A line-aware change: lines inserted, duplicated, dropped, swapped or taken from another input,
/// block marks put in front of a line, inline marks inside one.
fn mutate_markdown(input: &[u8], pool: &[Vec<u8>], rng: &mut Rng) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(input);
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let len = lines.len();
    let at = rng.usize(..=len);
    match rng.u8(..7) {
        0 => {
            let token = MARKDOWN_TOKENS[rng.usize(..MARKDOWN_TOKENS.len())];
            lines.insert(at, format!("{token}\n"));
        }
        1 if len > 0 => {
            let i = rng.usize(..len);
            let token = MARKDOWN_TOKENS[rng.usize(..MARKDOWN_TOKENS.len())];
            lines[i].insert_str(0, token);
        }
        2 if len > 0 => {
            let start = rng.usize(..len);
            let end = (start + rng.usize(1..=8)).min(len);
            let chunk: Vec<String> = lines[start..end].to_vec();
            let times = if rng.u8(..4) == 0 { 30 } else { 1 };
            for _ in 0..times {
                let at = rng.usize(..=lines.len());
                lines.splice(at..at, chunk.iter().cloned());
            }
        }
        3 if len > 0 => {
            let start = rng.usize(..len);
            let end = (start + rng.usize(1..=4)).min(len);
            lines.drain(start..end);
        }
        4 if len > 1 => {
            let (a, b) = (rng.usize(..len), rng.usize(..len));
            lines.swap(a, b);
        }
        5 => {
            let donor = String::from_utf8_lossy(&pool[rng.usize(..pool.len())]).into_owned();
            let donor_lines: Vec<&str> = donor.split_inclusive('\n').collect();
            if !donor_lines.is_empty() {
                let start = rng.usize(..donor_lines.len());
                let end = (start + rng.usize(1..=6)).min(donor_lines.len());
                lines.splice(
                    at..at,
                    donor_lines[start..end].iter().map(|l| (*l).to_owned()),
                );
            }
        }
        _ if len > 0 => {
            let i = rng.usize(..len);
            let token = MARKDOWN_TOKENS[rng.usize(..MARKDOWN_TOKENS.len())];
            let line = &mut lines[i];
            let cut = line
                .char_indices()
                .map(|(b, _)| b)
                .nth(rng.usize(..=line.chars().count()))
                .unwrap_or(line.len());
            line.insert_str(cut, token);
        }
        _ => lines.push("# heading\n".to_owned()),
    }
    Some(lines.concat().into_bytes())
}

// -------------------------------------------------------------------------------------------------
// PDF: objects and content streams, with the stream lengths and cross-reference table redone

const PDF_NESTS: &[(&str, &str)] = &[
    ("[", "]"),
    ("<<", ">>"),
    ("q ", " Q"),
    ("<< /Kids [", "] >>"),
    ("BT ", " ET"),
];

const PDF_TOKENS: &[&str] = &[
    " /Parent 2 0 R",
    " /Parent 3 0 R",
    " /Kids [3 0 R 3 0 R]",
    " /Kids [1 0 R]",
    " /Type /Pages",
    " /Type /Page",
    " /Count 99999999",
    " /Count -1",
    " /Resources 1 0 R",
    " /Resources << /XObject << /X1 8 0 R /X2 5 0 R >> >>",
    " /XObject << /X1 3 0 R >>",
    " /Contents 1 0 R",
    " /Contents [5 0 R 5 0 R]",
    " /Font << /F1 6 0 R >>",
    " /Subtype /Type0",
    " /Subtype /Type3",
    " /Subtype /TrueType",
    " /Subtype /Form",
    " /Subtype /Image",
    " /Encoding /MacRomanEncoding",
    " /Encoding /Identity-H",
    " /Encoding << /Differences [1 /a /b 300 /c] >>",
    " /ToUnicode 5 0 R",
    " /DescendantFonts [4 0 R]",
    " /FontDescriptor 4 0 R",
    " /Widths [1 2 3]",
    " /FirstChar -5",
    " /Filter /FlateDecode",
    " /Filter /ASCIIHexDecode",
    " /Filter /LZWDecode",
    " /Filter [/FlateDecode /FlateDecode]",
    " /DecodeParms << /Predictor 12 /Columns 0 >>",
    " /Length 0",
    " /Length 99999999",
    " /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>",
    " /Info 1 0 R",
    " /Title (\\376\\377\\000A)",
    " /Title <FEFFD800>",
    " /Root 2 0 R",
    " 0 0 R",
    " 99999 0 R",
    " 1 65535 R",
    "BT",
    "ET",
    " Tj",
    " TJ",
    " '",
    " \"",
    " Tf",
    " Td",
    " TD",
    " Tm",
    " T*",
    " Tc",
    " Tw",
    " Tz",
    " TL",
    " Ts",
    " Tr",
    " Do",
    " cm",
    " q",
    " Q",
    " BI /W 1 /H 1 ID x EI",
    " /F1 12 Tf",
    " /F9 12 Tf",
    " /X1 Do",
    " (text) Tj",
    " <0041FFFF> Tj",
    " [(a) -99999 (b)] TJ",
    " 0 -99999 Td",
    " 1e39 0 0 1e39 0 0 Tm",
    " 0 0 0 0 0 0 cm",
    " (\\",
    " (unbalanced",
    " <abc",
    " >>",
    " <<",
    " ]",
    " [",
    " obj",
    " endobj",
    " stream\n",
    "\nendstream",
    "\nxref\n",
    "\ntrailer\n",
    "\n%%EOF\n",
];

/// A PDF-aware change: a number (object number, length, coordinate) or name replaced, a token
/// inserted, an object duplicated or dropped; then, usually, the stream lengths and the
/// cross-reference table are redone so the file still opens and the change reaches the page reader.
fn mutate_pdf(input: &[u8], pool: &[Vec<u8>], rng: &mut Rng) -> Option<Vec<u8>> {
    if !input.starts_with(b"%PDF") {
        return None;
    }
    let mut out = input.to_vec();
    for _ in 0..rng.usize(1..=3) {
        match rng.u8(..8) {
            0 | 1 => replace_number(&mut out, rng),
            2 | 3 => {
                let spaces: Vec<usize> = out
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b' ' || b == b'\n')
                    .map(|(i, _)| i)
                    .collect();
                let at = if spaces.is_empty() {
                    rng.usize(..=out.len())
                } else {
                    spaces[rng.usize(..spaces.len())]
                };
                let token = PDF_TOKENS[rng.usize(..PDF_TOKENS.len())];
                out.splice(at..at, token.bytes());
            }
            4 => {
                let objects = pdf_objects(&out);
                if !objects.is_empty() {
                    let (_, range) = objects[rng.usize(..objects.len())].clone();
                    let chunk = out[range].to_vec();
                    let renumbered = if rng.bool() {
                        let text = String::from_utf8_lossy(&chunk).into_owned();
                        let rest = text.split_once(' ').map_or("", |(_, rest)| rest);
                        format!("{} {rest}", rng.u32(1..40)).into_bytes()
                    } else {
                        chunk
                    };
                    let at = objects.last().map_or(out.len(), |(_, r)| r.end);
                    out.splice(at..at, [b"\n".as_slice(), &renumbered].concat());
                }
            }
            5 => {
                let objects = pdf_objects(&out);
                if !objects.is_empty() {
                    let (_, range) = objects[rng.usize(..objects.len())].clone();
                    out.drain(range);
                }
            }
            6 => {
                // Another file's object, grafted in.
                let donor = &pool[rng.usize(..pool.len())];
                let objects = pdf_objects(donor);
                if !objects.is_empty() {
                    let (_, range) = objects[rng.usize(..objects.len())].clone();
                    let at = pdf_objects(&out).last().map_or(out.len(), |(_, r)| r.end);
                    out.splice(at..at, [b"\n".as_slice(), &donor[range]].concat());
                }
            }
            _ => nest(&mut out, rng, PDF_NESTS),
        }
    }
    if rng.u8(..4) != 0 {
        out = fix_pdf(&out);
    }
    Some(out)
}

/// Whether `bytes` has `word` at `at`, delimited on both sides.
fn keyword_at(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    let delimited = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
    bytes[at..].starts_with(word)
        && (at == 0 || delimited(bytes.get(at - 1)))
        && delimited(bytes.get(at + word.len()))
}

/// Every `N G obj ... endobj` of `bytes`: object number and byte range.
fn pdf_objects(bytes: &[u8]) -> Vec<(u32, std::ops::Range<usize>)> {
    let mut objects = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let line_start = i == 0 || bytes[i - 1] == b'\n' || bytes[i - 1] == b'\r';
        if line_start && bytes[i].is_ascii_digit() {
            let line_end = bytes[i..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(bytes.len(), |p| i + p);
            let head = String::from_utf8_lossy(&bytes[i..line_end]);
            let mut words = head.split_whitespace();
            if let (Some(number), Some(generation), Some("obj")) =
                (words.next(), words.next(), words.next())
                && let (Ok(number), Ok(_)) = (number.parse::<u32>(), generation.parse::<u16>())
            {
                let end = (i..bytes.len())
                    .find(|&j| keyword_at(bytes, j, b"endobj"))
                    .map_or(bytes.len(), |j| j + b"endobj".len());
                objects.push((number, i..end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    objects
}

/// `bytes` with each direct `/Length` set to its stream's real length and a fresh cross-reference
/// table and trailer pointing at every object.
fn fix_pdf(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    // Stream lengths, from the last stream back so earlier offsets stay right.
    let mut streams = Vec::new();
    let mut i = 0;
    while i < out.len() {
        if keyword_at(&out, i, b"stream") {
            let mut data_start = i + b"stream".len();
            if out[data_start..].starts_with(b"\r\n") {
                data_start += 2;
            } else if out[data_start..].starts_with(b"\n") {
                data_start += 1;
            }
            let Some(end) = (data_start..out.len()).find(|&j| keyword_at(&out, j, b"endstream"))
            else {
                break;
            };
            let mut data_end = end;
            if data_end > data_start && out[data_end - 1] == b'\n' {
                data_end -= 1;
            }
            if data_end > data_start && out[data_end - 1] == b'\r' {
                data_end -= 1;
            }
            streams.push((i, data_end - data_start));
            i = end + b"endstream".len();
        } else {
            i += 1;
        }
    }
    for (stream_at, length) in streams.into_iter().rev() {
        let head_start = out[..stream_at]
            .windows(3)
            .rposition(|w| w == b"obj")
            .unwrap_or(0);
        let Some(key) = out[head_start..stream_at]
            .windows(7)
            .rposition(|w| w == b"/Length")
            .map(|p| head_start + p + 7)
        else {
            continue;
        };
        let mut value_start = key;
        while value_start < stream_at && out[value_start] == b' ' {
            value_start += 1;
        }
        let mut value_end = value_start;
        while value_end < stream_at && out[value_end].is_ascii_digit() {
            value_end += 1;
        }
        let after = &out[value_end..stream_at];
        let is_reference = after
            .iter()
            .skip_while(|b| **b == b' ')
            .take_while(|b| b.is_ascii_digit())
            .count()
            > 0;
        if value_end > value_start && !is_reference {
            out.splice(value_start..value_end, length.to_string().bytes());
        }
    }
    // The cross-reference table: every object where it now is.
    let objects = pdf_objects(&out);
    let trailer = out.windows(7).rposition(|w| w == b"trailer").and_then(|t| {
        let rest = &out[t + 7..];
        let start = rest.windows(2).position(|w| w == b"<<")?;
        let end = rest.windows(9).position(|w| w == b"startxref")?;
        (start < end).then(|| rest[start..end].to_vec())
    });
    let body_end = objects.last().map_or(out.len(), |(_, r)| r.end);
    out.truncate(body_end);
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for (number, range) in &objects {
        out.extend(format!("{number} 1\n{:010} 00000 n \n", range.start).bytes());
    }
    out.extend_from_slice(b"trailer\n");
    match trailer {
        Some(dict) => out.extend_from_slice(&dict),
        None => {
            let size = objects
                .iter()
                .map(|(n, _)| n.saturating_add(1))
                .max()
                .unwrap_or(1);
            out.extend(format!("<< /Size {size} /Root 1 0 R >>\n").bytes());
        }
    }
    out.extend(format!("startxref\n{xref_at}\n%%EOF\n").bytes());
    out
}

// -------------------------------------------------------------------------------------------------
// Checks of the driver itself

#[test]
fn fuzz_driver_mutations_keep_formats_readable() {
    // The format-aware mutators must mostly produce inputs in the format, or they fuzz nothing
    // but the first parser.
    let seeds = |name: &str| -> Vec<Vec<u8>> {
        read_inputs(&repo_path(&format!("tests/fuzz/seeds/{name}")))
            .into_iter()
            .map(|(_, b)| b)
            .collect()
    };
    let mut rng = Rng::with_seed(7);
    // pdf-extract panics on many of these; pdf.rs catches them, and this keeps them off the output.
    install_panic_hook();
    QUIET.with(|q| q.set(true));
    let pdfs = seeds("pdf");
    let opened = (0..40)
        .filter(|_| {
            let input = mutate_pdf(&pdfs[0], &pdfs, &mut rng).unwrap();
            pdf::import_pdf(&fix_pdf(&input), "m.pdf").is_ok()
        })
        .count();
    QUIET.with(|q| q.set(false));
    assert!(opened >= 10, "only {opened} of 40 mutated PDFs opened");
    let docs = seeds("docx");
    let unzipped = (0..40)
        .filter(|_| {
            mutate_docx(&docs[0], &docs, &mut rng)
                .and_then(|d| unzip(&d))
                .is_some()
        })
        .count();
    assert_eq!(unzipped, 40, "rebuilt Word files must be ZIP archives");
    let projects = seeds("project");
    let loaded = (0..40)
        .filter(|_| {
            let input = mutate_json(&projects[1], &projects, &mut rng, PROJECT_KEYS, true).unwrap();
            store::from_bytes_unchecked(&input).is_ok()
        })
        .count();
    assert!(loaded >= 5, "only {loaded} of 40 mutated projects parsed");
}

#[test]
fn fuzz_driver_reports_panics_and_hangs() {
    fn panics(_: &[u8], _: &Context) -> Result<String, String> {
        panic!("on purpose")
    }
    fn hangs(_: &[u8], _: &Context) -> Result<String, String> {
        std::thread::sleep(Duration::from_millis(300));
        Ok(String::new())
    }
    let (outcome, _) =
        Worker::spawn("check-panic", panics).run(b"x", false, Duration::from_secs(5));
    assert!(
        matches!(&outcome, Outcome::Panicked(m) if m.contains("on purpose") && m.contains("fuzz.rs")),
        "{:?}",
        describe(&outcome, Duration::ZERO)
    );
    let (outcome, _) =
        Worker::spawn("check-hang", hangs).run(b"x", false, Duration::from_millis(20));
    assert!(matches!(outcome, Outcome::Hung));
}
