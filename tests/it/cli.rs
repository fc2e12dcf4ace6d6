//! The command line, run as the real binary on real files.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{
    JAPANESE_STORY, RUSSIAN_STORY, RUSSIAN_TITLE, closed_address, http_response,
    lying_windows_1251_response, page_encoded, path_in, sample_project, serve, temp_dir,
};

pub(crate) fn factdesk(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        // New projects take the user's settings: the tests' must not depend on the machine's.
        .env(
            factdesk::settings::CONFIG_DIR_ENV,
            dir.join("no-settings-here"),
        )
        .output()
        .expect("run factdesk")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_sample_article(dir: &Path) -> std::path::PathBuf {
    let path = path_in(dir, "article.txt");
    std::fs::write(&path, factdesk::SAMPLE_ARTICLE).unwrap();
    path
}

#[test]
fn new_creates_a_valid_project_from_the_sample_article() {
    let dir = temp_dir();
    write_sample_article(dir.path());
    let out = factdesk(&["new", "article.txt", "-o", "p.factdesk.json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let project = factdesk::store::load(&dir.path().join("p.factdesk.json")).unwrap();
    assert_eq!(project.articles.len(), 1);
    assert_eq!(project.articles[0].text, factdesk::SAMPLE_ARTICLE);
    assert!(project.claims.is_empty());

    let again = factdesk(&["new", "article.txt", "-o", "p.factdesk.json"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn new_without_output_names_the_project_after_the_article() {
    let dir = temp_dir();
    write_sample_article(dir.path());
    let out = factdesk(&["new", "article.txt"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("article.factdesk.json").exists());
}

#[test]
fn new_refuses_binary_files_and_reads_legacy_encodings() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Caf\xe9 cr\xe8me, cr\xe8me br\xfbl\xe9e.",
    )
    .unwrap();
    let out = factdesk(&["new", "image.txt", "-o", "x.factdesk.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a text file (a PNG image)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("x.factdesk.json").exists());
    let out = factdesk(&["new", "latin1.txt", "-o", "y.factdesk.json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let project = factdesk::store::load(&dir.path().join("y.factdesk.json")).unwrap();
    assert_eq!(project.articles[0].text, "Café crème, crème brûlée.");
    assert_eq!(project.articles[0].meta.encoding, "windows-1252");
}

#[test]
fn export_writes_html_and_markdown_reports_with_every_claim() {
    let dir = temp_dir();
    let project_path = path_in(dir.path(), "p.factdesk.json");
    factdesk::store::save(&sample_project(), &project_path).unwrap();
    for (format, file) in [("html", "r.html"), ("md", "r.md")] {
        let out = factdesk(
            &["export", "p.factdesk.json", "--format", format, "-o", file],
            dir.path(),
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let report = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(
            report.contains("Mostly true"),
            "{format} report names the verdict"
        );
        assert!(
            report.contains("Jake Sullivan"),
            "{format} report names the claimant"
        );
        assert!(
            report.contains("https://example.org/troops"),
            "{format} report links the source"
        );
        assert!(
            report.contains("130,000"),
            "{format} report quotes the first claim"
        );
        assert!(
            report.contains("Lviv"),
            "{format} report quotes the second claim"
        );
    }
}

#[test]
fn export_to_stdout_with_a_dash() {
    let dir = temp_dir();
    factdesk::store::save(&sample_project(), &path_in(dir.path(), "p.factdesk.json")).unwrap();
    let out = factdesk(
        &["export", "p.factdesk.json", "--format", "md", "-o", "-"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Jake Sullivan"));
}

#[test]
fn validate_passes_a_good_project_and_lists_every_problem_of_a_bad_one() {
    let dir = temp_dir();
    let good = path_in(dir.path(), "good.factdesk.json");
    factdesk::store::save(&sample_project(), &good).unwrap();
    let out = factdesk(&["validate", "good.factdesk.json"], dir.path());
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("valid"));

    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&good).unwrap()).unwrap();
    json["claims"][0]["anchor"]["quote"] = serde_json::json!("not in the article");
    json["claims"][1]["verdict"] = serde_json::json!("pants-on-fire");
    std::fs::write(dir.path().join("bad.factdesk.json"), json.to_string()).unwrap();
    let out = factdesk(&["validate", "bad.factdesk.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("claims[0].anchor.quote"), "{text}");
    assert!(text.contains("claims[1].verdict"), "{text}");

    std::fs::write(
        dir.path().join("trunc.factdesk.json"),
        "{\"schema_version\": 1,",
    )
    .unwrap();
    let out = factdesk(&["validate", "trunc.factdesk.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not valid JSON"), "{}", stdout(&out));
}

/// Copies the format-version fixture `name` (e.g. `v1/full.factdesk.json`) into `dir` as `as_name`.
fn copy_schema_fixture(name: &str, dir: &Path, as_name: &str) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema")
        .join(name);
    let to = path_in(dir, as_name);
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn validate_opens_a_format_1_file_and_notes_what_it_will_change() {
    let dir = temp_dir();
    let path = copy_schema_fixture(
        "v1/unknown-members.factdesk.json",
        dir.path(),
        "old.factdesk.json",
    );
    let before = std::fs::read(&path).unwrap();
    let out = factdesk(&["validate", "old.factdesk.json"], dir.path());
    assert!(out.status.success(), "{}", stdout(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "old.factdesk.json: note: saved by an older factdesk (format 1); factdesk reads it and \
             saves it in format {}, keeping the old file as .bak",
            factdesk::model::SCHEMA_VERSION
        )
    );
    assert!(
        text.contains(
            "old.factdesk.json: note: claims[0].assignee is a member factdesk does not know; it is \
             kept and written back on save"
        ),
        "{text}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("old.factdesk.json: valid (1 article(s), 1 claim(s))")
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "validate never writes"
    );
}

#[test]
fn export_reads_a_format_1_file_with_its_appearance() {
    let dir = temp_dir();
    copy_schema_fixture("v1/full.factdesk.json", dir.path(), "old.factdesk.json");
    let out = factdesk(
        &["export", "old.factdesk.json", "--format", "md", "-o", "-"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains(
            "- **Appeared in:** [https://news\\.example\\.org/budget\\-week](https://news.example.org/budget-week)"
        ),
        "{md}"
    );

    let out = factdesk(
        &[
            "export",
            "old.factdesk.json",
            "--format",
            "json",
            "-o",
            "report.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        report["claims"][0]["appearances"],
        serde_json::json!(["https://news.example.org/budget-week"])
    );
}

#[test]
fn import_claimreview_into_a_format_1_project_saves_it_in_the_current_format_and_keeps_the_old() {
    let dir = temp_dir();
    let path = copy_schema_fixture("v1/minimal.factdesk.json", dir.path(), "old.factdesk.json");
    let before = std::fs::read(&path).unwrap();
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let out = factdesk(
        &[
            "import-claimreview",
            feed.to_str().unwrap(),
            "--into",
            "old.factdesk.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "old.factdesk.json: note: saved by an older factdesk (format 1); saving it in format"
        ),
        "{}",
        stderr(&out)
    );
    let loaded = factdesk::store::load_with_report(&path).unwrap();
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(loaded.project.claims.len(), 3);
    assert_eq!(
        std::fs::read(factdesk::store::backup_path(&path)).unwrap(),
        before
    );
}

#[test]
fn errors_go_to_stderr_with_a_nonzero_status() {
    let dir = temp_dir();
    let out = factdesk(
        &["export", "missing.factdesk.json", "-o", "r.html"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("missing.factdesk.json"),
        "{}",
        stderr(&out)
    );
    let out = factdesk(&["export"], dir.path());
    assert!(!out.status.success());
}

#[test]
fn help_and_version() {
    let dir = temp_dir();
    let help = factdesk(&["--help"], dir.path());
    assert!(help.status.success());
    for word in ["new", "export", "validate"] {
        assert!(stdout(&help).contains(word), "help lists {word}");
    }
    let version = factdesk(&["--version"], dir.path());
    assert_eq!(
        stdout(&version).trim(),
        format!("factdesk {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn export_writes_every_format_and_csv_can_carry_a_bom() {
    let dir = temp_dir();
    factdesk::store::save(&sample_project(), &path_in(dir.path(), "p.factdesk.json")).unwrap();
    for format in ["html", "md", "csv", "json", "claimreview", "annotations"] {
        let out = factdesk(
            &["export", "p.factdesk.json", "--format", format, "-o", "-"],
            dir.path(),
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("130,000"),
            "{format} report quotes the rated claim"
        );
    }
    let out = factdesk(
        &[
            "export",
            "p.factdesk.json",
            "--format",
            "csv",
            "--bom",
            "-o",
            "t.csv",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read(dir.path().join("t.csv"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBFnumber,")
    );
}

#[test]
fn strict_export_fails_on_transparency_findings_and_writes_nothing() {
    let dir = temp_dir();
    // The sample's rated claim has a source and an explanation; rate the other one bare.
    let mut project = sample_project();
    project.claims[1].verdict = Some("true".into());
    factdesk::store::save(&project, &path_in(dir.path(), "p.factdesk.json")).unwrap();
    let out = factdesk(
        &["export", "p.factdesk.json", "--strict", "-o", "r.html"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("claim #2 has a verdict but no source"),
        "{err}"
    );
    assert!(
        err.contains("claim #2 has a verdict but no explanation"),
        "{err}"
    );
    assert!(!dir.path().join("r.html").exists());

    let out = factdesk(&["export", "p.factdesk.json", "-o", "r.html"], dir.path());
    assert!(
        out.status.success(),
        "without --strict the findings are warnings"
    );
    assert!(stderr(&out).contains("claim #2 has a verdict but no source"));
    assert!(dir.path().join("r.html").exists());
}

#[test]
fn import_claimreview_adds_reviewed_claims_with_mapped_verdicts() {
    let dir = temp_dir();
    let feed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let out = factdesk(
        &[
            "import-claimreview",
            feed.to_str().unwrap(),
            "--into",
            "checks.factdesk.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("imported 2 claim(s)"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("MediaReview"),
        "skipped items are named: {}",
        stderr(&out)
    );
    let project = factdesk::store::load(&dir.path().join("checks.factdesk.json")).unwrap();
    let bridge = project
        .claims
        .iter()
        .find(|c| c.text.contains("bridge"))
        .unwrap();
    assert_eq!(bridge.verdict.as_deref(), Some("mostly-false"));
    assert_eq!(bridge.claimant, "A. Councillor");
    assert_eq!(
        bridge.appearances,
        ["https://news.example.org/council-debate"]
    );
    assert_eq!(
        bridge.sources[0].url,
        "https://checks.example.org/2026/bridge-cost"
    );
    let river = project
        .claims
        .iter()
        .find(|c| c.text.contains("River"))
        .unwrap();
    assert_eq!(
        river.verdict.as_deref(),
        Some("true"),
        "5 of 1..5 maps to the top of the scale"
    );

    // Importing into an existing project adds a second article and keeps what was there.
    let again = factdesk(
        &[
            "import-claimreview",
            feed.to_str().unwrap(),
            "--into",
            "checks.factdesk.json",
        ],
        dir.path(),
    );
    assert!(again.status.success());
    let project = factdesk::store::load(&dir.path().join("checks.factdesk.json")).unwrap();
    assert_eq!((project.articles.len(), project.claims.len()), (2, 4));

    std::fs::write(dir.path().join("not.json"), "{\"hello\": ").unwrap();
    let bad = factdesk(
        &[
            "import-claimreview",
            "not.json",
            "--into",
            "checks.factdesk.json",
        ],
        dir.path(),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not JSON"), "{}", stderr(&bad));
}

#[test]
fn strict_claimreview_export_needs_the_report_base_url() {
    let dir = temp_dir();
    factdesk::store::save(&sample_project(), &path_in(dir.path(), "p.factdesk.json")).unwrap();
    let out = factdesk(
        &[
            "export",
            "p.factdesk.json",
            "--format",
            "claimreview",
            "--strict",
            "-o",
            "cr.jsonld",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("base URL"), "{}", stderr(&out));
}

#[test]
fn import_print_gives_the_expected_text_of_every_file_in_the_encoding_matrix() {
    let corpus =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/encodings");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!(
            "{} is absent; skipping the encoding matrix",
            corpus.display()
        );
        return;
    };
    let mut checked = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = corpus.join(format!("{name}.expected.txt"));
        // The .html file's expected text is its paragraphs; pages are judged by the extraction test.
        if name.ends_with(".expected.txt") || !expected_path.exists() || name.ends_with(".html") {
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        let out = factdesk(&["import", path.to_str().unwrap(), "--print"], &corpus);
        if expected.trim().is_empty() {
            // Empty and BOM-only files are refused as empty, with a reason.
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(stderr(&out).contains("empty"), "{name}: {}", stderr(&out));
            checked += 1;
            continue;
        }
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let text = json["text"].as_str().unwrap();
        let markdown = name.ends_with(".md");
        if markdown {
            // Markdown is shown without markup, one line per block.
            for line in expected.lines().filter(|l| !l.trim().is_empty()) {
                let plain = line.trim_start_matches('#').trim();
                assert!(
                    text.contains(plain),
                    "{name}: {plain:?} missing from {text:?}"
                );
            }
        } else {
            assert_eq!(text, expected, "{name}");
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} files checked");
}

/// One sample file of every article format in tests/data.
pub const FORMAT_SAMPLES: &[&str] = &[
    "markdown/article.md",
    "html/news.html",
    "docx/article.docx",
    "pdf/text.pdf",
    "encodings/windows-1252.txt",
    "encodings/shift_jis.txt",
    "encodings/utf16le-bom.txt",
];

#[test]
fn new_and_import_read_every_article_format() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let dir = temp_dir();
    for (i, sample) in FORMAT_SAMPLES.iter().enumerate() {
        let path = data.join(sample);
        let out = factdesk(&["import", path.to_str().unwrap(), "--print"], dir.path());
        assert!(out.status.success(), "{sample}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let text = json["text"].as_str().unwrap();
        assert!(
            text.chars().filter(|c| c.is_alphabetic()).count() > 20,
            "{sample}: {text:?}"
        );
        assert!(
            !text.contains('\u{fffd}'),
            "{sample} decoded without replacement characters"
        );
        let format = json["meta"]["source_format"].as_str().unwrap();
        let expected = match sample.split('/').next() {
            Some("encodings") => "text",
            Some("markdown") => "markdown",
            Some(other) => other,
            None => unreachable!(),
        };
        assert_eq!(format, expected, "{sample}");

        let project = format!("p{i}.factdesk.json");
        let out = factdesk(&["new", path.to_str().unwrap(), "-o", &project], dir.path());
        assert!(out.status.success(), "{sample}: {}", stderr(&out));
        let loaded = factdesk::store::load(&dir.path().join(&project)).unwrap();
        assert_eq!(
            loaded.articles[0].text, text,
            "{sample}: the project holds what import printed"
        );
    }

    let scan = data.join("pdf/scan.pdf");
    let out = factdesk(
        &["new", scan.to_str().unwrap(), "-o", "scan.factdesk.json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no text layer"), "{}", stderr(&out));
}

/// The binary run without a display, so a window that starts by mistake fails instead of opening.
fn factdesk_without_display(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run factdesk")
}

#[test]
fn a_mistyped_command_is_named_with_the_command_meant() {
    let dir = temp_dir();
    for (args, meant) in [
        (&["exprot", "p.factdesk.json", "-o", "r.html"][..], "export"),
        (&["valdiate", "x"][..], "validate"),
        (&["imprt", "page.html", "--print"][..], "import"),
        (&["Export"][..], "export"),
        (
            &["improt-claimreview", "feed.json", "--into", "p.json"][..],
            "import-claimreview",
        ),
        (&["nwe", "article.txt"][..], "new"),
    ] {
        let out = factdesk_without_display(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out),
            format!(
                "factdesk: {} is not a factdesk command, nor a file here; did you mean `factdesk \
                 {meant}`? (see factdesk --help)\n",
                args[0]
            )
        );
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn a_name_that_is_neither_a_file_nor_near_a_command_says_so_plainly() {
    let dir = temp_dir();
    let out = factdesk_without_display(&["git-setup"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "factdesk: no such file or command: git-setup; the commands are new, export, import, \
         import-claimreview, validate (see factdesk --help)\n"
    );
    for missing in ["missing.txt", "notes/draft.md", "exprot.txt"] {
        let out = factdesk_without_display(&[missing], dir.path());
        assert_eq!(out.status.code(), Some(2), "{missing}");
        assert_eq!(stderr(&out), format!("factdesk: no such file: {missing}\n"));
    }
    let out = factdesk_without_display(&["report"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "factdesk: report is not a factdesk command, nor a file here; did you mean `factdesk \
         export` or `factdesk import`? (see factdesk --help)\n"
    );
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    let out = factdesk_without_display(&["articles"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "factdesk: this is a folder, not an article or a project; open a file inside it: articles\n"
    );
    let out = factdesk_without_display(&["https://example.org/story"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`factdesk new https://example.org/story` makes a project"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_existing_file_goes_to_the_window_even_when_named_like_a_command() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("exprot"), "A claim about exports.\n").unwrap();
    write_sample_article(dir.path());
    for file in ["article.txt", "exprot"] {
        let out = factdesk_without_display(&[file], dir.path());
        let message = stderr(&out);
        assert!(!out.status.success(), "no display to open: {message}");
        assert!(
            !message.contains("no such file") && !message.contains("not a factdesk command"),
            "{file} is opened, not questioned: {message}"
        );
        if cfg!(feature = "gui") {
            assert!(message.contains("window"), "{message}");
        } else {
            assert!(message.contains("built without its window"), "{message}");
        }
    }
}

#[test]
fn help_says_what_new_and_import_read() {
    let dir = temp_dir();
    let top = stdout(&factdesk(&["--help"], dir.path()));
    assert!(top.contains("Word .docx, PDF"), "{top}");
    assert!(!top.contains(".txt, .md)"), "{top}");
    for command in ["new", "import"] {
        let help = stdout(&factdesk(&[command, "--help"], dir.path()));
        assert!(!help.contains("UTF-8)"), "{command}: {help}");
        for word in [
            "Markdown",
            "Word",
            "PDF",
            "http(s) address",
            "File › Open URL",
        ] {
            assert!(help.contains(word), "{command} --help names {word}: {help}");
        }
    }
    let new = stdout(&factdesk(&["new", "--help"], dir.path()));
    assert!(new.contains("named after the page's title"), "{new}");
}

/// A Japanese page sent as Shift_JIS whose meta tag says ISO-8859-1.
fn lying_shift_jis_page() -> Vec<u8> {
    http_response(
        "200 OK",
        "Content-Type: text/html; charset=Shift_JIS\r\n",
        &page_encoded(
            "Shift_JIS",
            "iso-8859-1",
            "橋の建設費が倍増",
            JAPANESE_STORY,
        ),
    )
}

#[test]
fn import_url_print_decodes_the_page_with_the_charset_its_server_names() {
    let dir = temp_dir();
    let base = serve(vec![lying_shift_jis_page()]);
    let url = format!("{base}/news/bridge.html");
    let out = factdesk(&["import", &url, "--print"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let text = json["text"].as_str().unwrap();
    for paragraph in JAPANESE_STORY {
        assert!(text.contains(paragraph), "{text}");
    }
    assert!(!text.contains('\u{fffd}'), "{text}");
    assert_eq!(json["title"], "橋の建設費が倍増");
    assert_eq!(json["meta"]["encoding"], "Shift_JIS");
    assert_eq!(json["meta"]["canonical_url"], url.as_str());
    let warning = "The server sent the page as Shift_JIS (\"Shift_JIS\") but the page declares the \
                   charset \"iso-8859-1\"; it was read as Shift_JIS, as browsers read it.";
    assert!(
        json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == warning),
        "{}",
        json["warnings"]
    );
    assert!(
        stderr(&out).contains(&format!("{url}: {warning}")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_url_makes_a_project_of_the_page_named_by_o_or_after_its_title() {
    let dir = temp_dir();
    let base = serve(vec![lying_windows_1251_response(); 3]);
    let url = format!("{base}/2026/11/most");

    let out = factdesk(&["new", &url, "-o", "bridge.factdesk.json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("declares the charset \"utf-8\""),
        "{}",
        stderr(&out)
    );
    let project = factdesk::store::load(&dir.path().join("bridge.factdesk.json")).unwrap();
    let article = &project.articles[0];
    for paragraph in RUSSIAN_STORY {
        assert!(article.text.contains(paragraph), "{}", article.text);
    }
    assert_eq!(article.meta.encoding, "windows-1251");
    assert_eq!(article.origin.as_deref(), Some(url.as_str()));
    assert_eq!(article.title, RUSSIAN_TITLE);

    let out = factdesk(&["new", &url], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let named = "мост-обошёлся-вдвое-дороже.factdesk.json";
    assert!(
        stderr(&out).contains(&format!("created {named}")),
        "{}",
        stderr(&out)
    );
    let project = factdesk::store::load(&dir.path().join(named)).unwrap();
    assert_eq!(project.articles[0].origin.as_deref(), Some(url.as_str()));

    let out = factdesk(&["new", &url], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn a_url_that_fails_says_why_and_names_the_address() {
    let dir = temp_dir();
    let too_large = vec![b' '; 20 * 1024 * 1024 + 1];
    let base = serve(vec![
        http_response("404 Not Found", "Content-Type: text/html\r\n", b"gone"),
        http_response("200 OK", "Content-Type: text/html\r\n", &too_large),
        http_response("200 OK", "Content-Type: application/pdf\r\n", b"%PDF-1.4"),
        http_response("404 Not Found", "Content-Type: text/html\r\n", b"gone"),
    ]);
    let closed = format!("{}/story", closed_address());
    for (args, url, reason) in [
        (
            vec!["import", "--print"],
            format!("{base}/gone"),
            "the server answered 404 Not Found",
        ),
        (
            vec!["import"],
            format!("{base}/huge"),
            "the page is larger than 20 MB",
        ),
        (
            vec!["import"],
            format!("{base}/paper.pdf"),
            "serves application/pdf, not a web page",
        ),
        (
            vec!["new"],
            format!("{base}/gone"),
            "the server answered 404 Not Found",
        ),
        (
            vec!["new"],
            closed.clone(),
            "the server refused the connection",
        ),
    ] {
        let mut args = args.clone();
        args.insert(1, &url);
        let out = factdesk(&args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let message = stderr(&out);
        assert!(
            message.starts_with("factdesk: could not open the page: "),
            "{message}"
        );
        assert!(message.contains(reason), "{args:?}: {message}");
        assert!(
            message.trim_end().ends_with(&url),
            "names the address: {message}"
        );
        assert!(stdout(&out).is_empty());
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no project written"
    );
}

#[test]
fn import_print_says_which_pdf_pages_lost_text_to_unmapped_glyphs() {
    let pdf = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf/unmapped.pdf");
    let dir = temp_dir();
    let out = factdesk(&["import", pdf.to_str().unwrap(), "--print"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("Page(s) 1 of 1 lost text") && said.contains("no Unicode character"),
        "the warning names the page and why: {said}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["text"], "A line of text that is mapped.");
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}
