//! Refused project files say what is wrong in the user's words: the member by its JSON path, what the
//! format expects there and what the file holds, never the JSON parser's own terms. Each broken file is
//! the sample project with one thing broken, as a hand edit, another tool or a cut-short copy leaves
//! it; a few go through `factdesk validate` and the window too.

use std::path::Path;

use factdesk::store::{self, StoreError};
use serde_json::{Value, json};

use crate::cli::{factdesk, stdout};
use crate::common::{path_in, sample_project, temp_dir};

/// One broken file and what its refusal must say.
struct Broken {
    name: &'static str,
    bytes: Vec<u8>,
    /// The JSON path the error names; empty for the file as a whole.
    field: &'static str,
    /// Words the message must hold.
    words: &'static [&'static str],
}

/// What serde, serde_json, chrono and uuid say in their own terms; none of it may reach the user.
const PARSER_WORDS: &[&str] = &[
    "invalid type:",
    "invalid value:",
    "invalid length",
    "EOF while",
    "premature end",
    "hex escape",
    "expected value",
    "expected ident",
    "missing field",
    "unknown variant",
    "expected usize",
    "expected u8",
    "expected i32",
    "expected struct",
    "expected a sequence",
    " at line ",
    "trailing characters",
    "input contains invalid",
    "input is out of range",
    "UUID parsing failed",
    "key must be a string",
    "recursion limit",
    "number out of range",
];

/// The sample project as JSON, in the current format.
fn sample_json() -> Value {
    serde_json::from_slice(&store::to_bytes(&sample_project()).unwrap()).unwrap()
}

/// The sample project with `edit` made to its JSON, as file bytes.
fn edited(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut json = sample_json();
    edit(&mut json);
    let mut text = serde_json::to_string_pretty(&json).unwrap();
    text.push('\n');
    text.into_bytes()
}

/// The sample project's file, as factdesk writes it, with the text `from` replaced by `to` once (it
/// must be there).
fn replaced(from: &str, to: &str) -> Vec<u8> {
    replaced_in(store::to_bytes(&sample_project()).unwrap(), from, to)
}

fn replaced_in(bytes: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    replaced_by_bytes(bytes, from, to.as_bytes())
}

/// `bytes` with the text `from` replaced once by `to`, which need not be UTF-8 (as a file saved in
/// another encoding holds).
fn replaced_by_bytes(bytes: Vec<u8>, from: &str, to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from:?} is not in the file"));
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

/// The sample project with its article's title set to `marker`, so a text edit can find it.
fn marked_title(marker: &str) -> Vec<u8> {
    edited(|j| j["articles"][0]["title"] = json!(marker))
}

fn remove(json: &mut Value, object: &[&str], member: &str) {
    let mut at = &mut *json;
    for step in object {
        at = match step.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*step],
        };
    }
    assert!(at.as_object_mut().unwrap().remove(member).is_some());
}

fn broken_files() -> Vec<Broken> {
    let whole = store::to_bytes(&sample_project()).unwrap();
    let text = String::from_utf8(whole.clone()).unwrap();
    let inside_text = text.find("Russia has amassed").unwrap();
    vec![
        Broken {
            name: "lone-surrogate",
            bytes: replaced_in(
                marked_title("MARK"),
                "\"MARK\"",
                "\"Caf\\u00e9 \\ud83d update\"",
            ),
            field: "articles[0].title",
            words: &[
                "expected a whole character",
                "but found `\\ud83d`",
                "without its other half",
            ],
        },
        Broken {
            name: "lone-trailing-surrogate",
            bytes: replaced_in(marked_title("MARK"), "\"MARK\"", "\"\\ude00 smile\""),
            field: "articles[0].title",
            words: &["expected a whole character", "but found `\\ude00`"],
        },
        Broken {
            name: "saved-as-latin-1",
            bytes: replaced_by_bytes(marked_title("MARK"), "\"MARK\"", b"\"Caf\xe9\""),
            field: "articles[0].title",
            words: &[
                "expected UTF-8 text, but found a byte that is not UTF-8, 0xE9 (\u{e9} in \
                 Windows-1252), on line ",
                "the file was probably saved as Latin-1 or Windows-1252; save it as UTF-8",
            ],
        },
        Broken {
            name: "character-cut-short",
            // The euro sign is E2 82 AC in UTF-8; its last byte is gone.
            bytes: replaced_by_bytes(marked_title("MARK"), "\"MARK\"", b"\"5 \xe2\x82 a month\""),
            field: "articles[0].title",
            words: &[
                "expected UTF-8 text, but found a character cut short, 2 of the 3 bytes of a UTF-8 \
                 character (0xE2 0x82), on line ",
                "save the file as UTF-8",
            ],
        },
        Broken {
            name: "timestamp-without-offset",
            bytes: edited(|j| j["articles"][0]["added"] = json!("2024-05-01T09:30:00")),
            field: "articles[0].added",
            words: &[
                "expected a date and time with a UTC offset, like 2024-05-01T09:30:00Z, but found \
                 \"2024-05-01T09:30:00\"",
                "no UTC offset",
            ],
        },
        Broken {
            name: "status-null",
            bytes: edited(|j| j["claims"][1]["status"] = Value::Null),
            field: "claims[1].status",
            words: &[
                "expected one of \"unchecked\", \"in_progress\", \"needs_review\" or \"done\", but \
                 found null",
            ],
        },
        Broken {
            name: "status-as-shown-in-the-window",
            bytes: edited(|j| j["claims"][1]["status"] = json!("In progress")),
            field: "claims[1].status",
            words: &["but found \"In progress\"", "write it as \"in_progress\""],
        },
        Broken {
            name: "no-claims",
            bytes: edited(|j| remove(j, &[], "claims")),
            field: "claims",
            words: &["the project has no \"claims\" member (expected a list of claims)"],
        },
        Broken {
            name: "claim-without-created",
            bytes: edited(|j| remove(j, &["claims", "0"], "created")),
            field: "claims[0].created",
            words: &[
                "claims[0] has no \"created\" member",
                "expected a date and time with a UTC offset",
            ],
        },
        Broken {
            name: "title-a-number",
            bytes: edited(|j| j["title"] = json!(5)),
            field: "title",
            words: &["expected text (a string in double quotes), but found 5"],
        },
        Broken {
            name: "unknown-stance",
            bytes: edited(|j| j["claims"][0]["sources"][0]["stance"] = json!("agrees")),
            field: "claims[0].sources[0].stance",
            words: &[
                "expected one of \"supports\", \"refutes\" or \"context\", but found \"agrees\"",
            ],
        },
        Broken {
            name: "negative-offset",
            bytes: edited(|j| j["claims"][0]["anchor"]["start"] = json!(-1)),
            field: "claims[0].anchor.start",
            words: &["expected a character offset: a whole number, 0 or more, but found -1"],
        },
        Broken {
            name: "heading-out-of-range",
            bytes: edited(|j| {
                j["articles"][0]["blocks"] = json!([{"start": 0, "end": 5, "heading": 300}]);
            }),
            field: "articles[0].blocks[0].heading",
            words: &[
                "expected a heading level from 1 to 6, or null for a paragraph, but found 300",
            ],
        },
        Broken {
            name: "rating-value-too-large",
            bytes: edited(|j| j["rating_scale"][0]["value"] = json!(3_000_000_000_u64)),
            field: "rating_scale[0].value",
            words: &[
                "expected a whole number from -2147483648 to 2147483647, but found 3000000000",
            ],
        },
        Broken {
            name: "whole-number-past-64-bits",
            bytes: replaced("\"end\": ", "\"end\": 99999999999999999999999, \"x-end\": "),
            field: "claims[0].anchor.end",
            words: &[
                "expected a character offset: a whole number, 0 or more, but found \
                 99999999999999999999999",
            ],
        },
        Broken {
            name: "number-too-large-for-json-readers",
            bytes: replaced("\"end\": ", "\"end\": 1e400, \"x-end\": "),
            field: "claims[0].anchor.end",
            words: &[
                "expected a number of a size a computer holds",
                "but found `1e400`",
            ],
        },
        Broken {
            name: "cut-short",
            bytes: whole.get(..inside_text + 10).unwrap().to_vec(),
            field: "articles[0].text",
            words: &[
                "expected the rest of the text and its closing quote, but found the end of the file",
                "cut short",
                ".bak",
            ],
        },
        Broken {
            name: "trailing-garbage",
            bytes: [whole.as_slice(), b"}\n"].concat(),
            field: "",
            words: &["expected the end of the file after the project's closing }, but found `}`"],
        },
        Broken {
            name: "member-twice",
            bytes: replaced(
                "{\n  \"schema_version\"",
                "{\n  \"title\": \"again\",\n  \"schema_version\"",
            ),
            field: "title",
            words: &[
                "expected each member once in its object, but found \"title\" twice",
                "remove one",
            ],
        },
        Broken {
            name: "id-not-a-uuid",
            bytes: edited(|j| j["claims"][0]["id"] = json!("claim-1")),
            field: "claims[0].id",
            words: &["expected an id: a UUID such as", "but found \"claim-1\""],
        },
        Broken {
            name: "two-digit-year",
            bytes: edited(|j| j["claims"][0]["claim_date"] = json!("22-02-15")),
            field: "claims[0].claim_date",
            words: &[
                "expected a date as YYYY-MM-DD, like 2022-02-15, or null, but found \"22-02-15\"",
                "the year must have four digits",
            ],
        },
        Broken {
            name: "signed-year",
            bytes: edited(|j| j["claims"][0]["sources"][0]["accessed"] = json!("+2022-02-15")),
            field: "claims[0].sources[0].accessed",
            words: &["but found \"+2022-02-15\"", "a sign before the year"],
        },
        Broken {
            name: "no-such-day",
            bytes: edited(|j| j["articles"][0]["meta"]["published"] = json!("2022-02-30")),
            field: "articles[0].meta.published",
            words: &["but found \"2022-02-30\"", "there is no such day"],
        },
        Broken {
            name: "boolean-as-text",
            bytes: edited(|j| j["report"]["include_unchecked"] = json!("yes")),
            field: "report.include_unchecked",
            words: &["expected true or false, but found \"yes\""],
        },
        Broken {
            name: "claims-not-a-list",
            bytes: edited(|j| j["claims"] = json!({})),
            field: "claims",
            words: &["expected a list of claims, but found an empty object"],
        },
        Broken {
            name: "unquoted-word",
            bytes: replaced("\"verdict\": null", "\"verdict\": maybe"),
            field: "claims[1].verdict",
            words: &[
                "expected a value (text in double quotes, a number, true, false, null, a list or an object), but found `maybe`",
            ],
        },
        Broken {
            name: "missing-comma",
            bytes: replaced("\"status\": \"unchecked\",", "\"status\": \"unchecked\""),
            field: "claims[0]",
            words: &[
                "expected a comma (,) before the next member or the end of the object (}), but found `\"status_changed\": null,`",
            ],
        },
        Broken {
            name: "backslash-not-escaped",
            bytes: replaced_in(marked_title("MARK"), "\"MARK\"", "\"C:\\Users\\sam\""),
            field: "articles[0].title",
            words: &[
                "expected an escape such as \\n",
                "but found `\\U`",
                "write a backslash itself as \\\\",
            ],
        },
        Broken {
            name: "raw-tab",
            bytes: replaced_in(marked_title("MARK"), "\"MARK\"", "\"a\tb\""),
            field: "articles[0].title",
            words: &["expected text, but found a tab inside the quotes", "\\t"],
        },
        Broken {
            name: "empty",
            bytes: Vec::new(),
            field: "",
            words: &["expected a project (a JSON object, starting with {), but the file is empty"],
        },
        Broken {
            name: "not-a-project",
            bytes: br#"{"name": "my-package", "version": "1.0.0"}"#.to_vec(),
            field: "",
            words: &[
                "expected an object with a \"schema_version\" member, but found an object with members \"name\" and \"version\"",
            ],
        },
        Broken {
            name: "version-as-text",
            bytes: edited(|j| j["schema_version"] = json!("2")),
            field: "schema_version",
            words: &[
                "expected the format version, a whole number such as",
                "but found \"2\"",
            ],
        },
        Broken {
            name: "version-past-64-bits",
            bytes: replaced(
                &format!("\"schema_version\": {},", factdesk::model::SCHEMA_VERSION),
                "\"schema_version\": 30000000000000000000000,",
            ),
            field: "schema_version",
            words: &["but found 30000000000000000000000"],
        },
        Broken {
            name: "hash-not-hex",
            bytes: edited(|j| j["articles"][0]["sha256"] = json!("see text")),
            field: "articles[0].sha256",
            words: &[
                "expected the SHA-256 of the article text as 64 hex digits, but found \"see text\"",
            ],
        },
        Broken {
            name: "verdict-not-on-the-scale",
            bytes: edited(|j| j["claims"][0]["verdict"] = json!("pants-on-fire")),
            field: "claims[0].verdict",
            words: &[
                "expected the id of a rating on the project's rating scale (\"true\", \"mostly-true\"",
                "but found \"pants-on-fire\"",
            ],
        },
        Broken {
            name: "verdict-date-without-verdict",
            bytes: edited(|j| {
                j["claims"][1]["verdict"] = Value::Null;
                j["claims"][1]["verdict_given"] = json!("2026-11-25T09:31:05Z");
            }),
            field: "claims[1].verdict_given",
            words: &[
                "expected null, as the claim has no verdict, but found \"2026-11-25T09:31:05Z\"",
            ],
        },
        Broken {
            name: "quote-edited",
            bytes: edited(|j| j["claims"][0]["anchor"]["quote"] = json!("Russia has sent")),
            field: "claims[0].anchor.quote",
            words: &[
                "expected the article text at",
                "\"Russia has amassed",
                "but found \"Russia has sent\"",
            ],
        },
    ]
}

/// The JSON path an error names.
fn field_of(err: &StoreError) -> &str {
    match err {
        StoreError::Json { field, .. }
        | StoreError::Shape { field, .. }
        | StoreError::Missing { field, .. } => field,
        StoreError::Invalid { problems, .. } => problems.first().map_or("", |p| p.path.as_str()),
        _ => "",
    }
}

fn assert_in_users_words(name: &str, message: &str, words: &[&str]) {
    for expected in words {
        assert!(
            message.contains(expected),
            "{name}: {expected:?} missing from\n{message}"
        );
    }
    for parser in PARSER_WORDS {
        assert!(
            !message.contains(parser),
            "{name}: the parser's {parser:?} reached the user:\n{message}"
        );
    }
}

/// Writes each broken file into `dir` as `NAME.factdesk.json`.
fn write_all(dir: &Path, files: &[Broken]) {
    for file in files {
        std::fs::write(
            path_in(dir, &format!("{}.factdesk.json", file.name)),
            &file.bytes,
        )
        .unwrap();
    }
}

#[test]
fn every_refused_file_names_the_member_and_says_what_was_expected_and_found() {
    let dir = temp_dir();
    let files = broken_files();
    assert!(files.len() >= 15);
    write_all(dir.path(), &files);
    for file in &files {
        let path = path_in(dir.path(), &format!("{}.factdesk.json", file.name));
        let err = match store::load(&path) {
            Ok(_) => panic!("{}: opened", file.name),
            Err(err) => err,
        };
        assert_eq!(field_of(&err), file.field, "{}: {err}", file.name);
        let message = format!("{err:#}");
        // A missing member is named by the object that lacks it (see the words); others by path.
        if !file.field.is_empty() && !matches!(err, StoreError::Missing { .. }) {
            assert!(
                message.contains(&format!("{}: ", file.field)),
                "{}: the message names {}:\n{message}",
                file.name,
                file.field
            );
        }
        assert!(
            message.contains(path.to_str().unwrap()),
            "{}: the message names the file:\n{message}",
            file.name
        );
        assert_in_users_words(file.name, &message, file.words);
    }
}

#[test]
fn a_byte_that_is_not_utf8_is_placed_by_its_own_line_and_column() {
    // Escapes before it on its line make serde_json's own column for it approximate.
    let bytes = replaced_by_bytes(
        marked_title("MARK"),
        "\"MARK\"",
        b"\"\\u0041\\u0042 Caf\xe9\"",
    );
    let at = bytes.iter().position(|&b| b == 0xe9).unwrap();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let column = at - bytes[..at].iter().rposition(|&b| b == b'\n').unwrap();
    let err = store::from_bytes(&bytes).unwrap_err();
    let StoreError::Json {
        line: said_line,
        column: said_column,
        ref message,
        ..
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!((said_line, said_column), (line, column), "{err}");
    assert!(
        message.contains(&format!("on line {line}, column {column}:")),
        "{err}"
    );
}

#[test]
fn a_number_in_a_file_of_an_older_format_is_quoted_as_the_file_writes_it() {
    // An older file is migrated as a JSON value, which holds such a number only roughly, and the
    // error that follows has no line and column to find it by.
    let v2 = std::fs::read_to_string(path_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        "tests/data/schema/v2/minimal.factdesk.json",
    ))
    .unwrap();
    let with_end = |end: &str| {
        let text = v2.replacen(
            "\"end\": 25,",
            &format!("\"end\": {end}, \"x-end\": 25,"),
            1,
        );
        store::from_bytes(text.as_bytes()).unwrap_err().to_string()
    };
    let message = with_end("99999999999999999999999");
    assert!(message.contains("claims[0].anchor.end: "), "{message}");
    assert!(
        message.contains("but found 99999999999999999999999"),
        "{message}"
    );
    // With two spellings of that value in the file, which one is at the member is not known.
    let message = with_end("99999999999999999999999, \"x-other\": 1e23");
    assert!(
        message.contains("but found a number of about 1e"),
        "{message}"
    );
}

#[test]
fn a_missing_file_or_a_folder_is_refused_in_words() {
    let dir = temp_dir();
    let folder = path_in(dir.path(), "folder.factdesk.json");
    std::fs::create_dir(&folder).unwrap();
    for (path, words) in [
        (
            path_in(dir.path(), "gone.factdesk.json"),
            "there is no file at this place",
        ),
        (folder, "expected a file, but found a folder"),
    ] {
        let message = store::load(&path).unwrap_err().to_string();
        assert!(message.contains(words), "{message}");
        assert!(message.contains(path.to_str().unwrap()), "{message}");
        assert!(!message.contains("os error"), "{message}");
    }
}

#[test]
fn factdesk_validate_prints_the_same_words() {
    let dir = temp_dir();
    let files: Vec<Broken> = broken_files()
        .into_iter()
        .filter(|f| {
            [
                "lone-surrogate",
                "saved-as-latin-1",
                "timestamp-without-offset",
                "status-null",
                "no-claims",
                "cut-short",
                "verdict-not-on-the-scale",
            ]
            .contains(&f.name)
        })
        .collect();
    assert_eq!(files.len(), 7);
    write_all(dir.path(), &files);
    for file in &files {
        let name = format!("{}.factdesk.json", file.name);
        let out = factdesk(&["validate", &name], dir.path());
        assert_eq!(out.status.code(), Some(1), "{}", file.name);
        let printed = stdout(&out);
        assert!(printed.contains(&name), "{}: {printed}", file.name);
        assert!(printed.contains(file.field), "{}: {printed}", file.name);
        assert_in_users_words(file.name, &printed, file.words);
    }
}

#[test]
fn accepted_date_spellings_and_an_upper_case_hash_are_written_back_as_the_format_has_them() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "p.factdesk.json");
    let bytes = edited(|j| {
        j["claims"][0]["claim_date"] = json!("2022-2-5");
        j["claims"][0]["sources"][0]["accessed"] = json!(" 2022-02-15 ");
        j["articles"][0]["meta"]["published"] = json!("2022-02-01");
        let hash = j["articles"][0]["sha256"]
            .as_str()
            .unwrap()
            .to_ascii_uppercase();
        j["articles"][0]["sha256"] = json!(hash);
    });
    std::fs::write(&path, bytes).unwrap();
    let project = store::load(&path).unwrap();
    store::save(&project, &path).unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["claims"][0]["claim_date"], "2022-02-05");
    assert_eq!(saved["claims"][0]["sources"][0]["accessed"], "2022-02-15");
    assert_eq!(saved["articles"][0]["meta"]["published"], "2022-02-01");
    let hash = saved["articles"][0]["sha256"].as_str().unwrap();
    assert_eq!(hash, factdesk::model::sha256_hex(&project.articles[0].text));
    assert_eq!(hash, hash.to_ascii_lowercase());
}

#[cfg(feature = "gui")]
#[test]
fn the_window_shows_the_same_words_when_it_cannot_open_a_file() {
    use factdesk::ui::{AppCommand, Dialog, Startup};

    use egui_kittest::kittest::Queryable;

    use crate::ui::{click_label, finish_loading, harness, sample_workspace};

    let dir = temp_dir();
    let files: Vec<Broken> = broken_files()
        .into_iter()
        .filter(|f| ["status-null", "lone-surrogate", "no-claims"].contains(&f.name))
        .collect();
    write_all(dir.path(), &files);
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    for file in &files {
        let path = path_in(dir.path(), &format!("{}.factdesk.json", file.name));
        harness
            .state_mut()
            .push_command(AppCommand::OpenPath(path.clone()));
        harness.run();
        finish_loading(&mut harness);
        let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
            panic!(
                "{}: expected an error dialog, got {:?}",
                file.name,
                harness.state().dialog()
            );
        };
        assert_eq!(
            message,
            &format!("{:#}", store::load(&path).unwrap_err()),
            "{}: the window says what factdesk validate says",
            file.name
        );
        assert_in_users_words(file.name, message, file.words);
        // On screen, not only in the dialog's state (the status bar shows the first line too).
        assert!(
            harness
                .query_all_by_label_contains(file.words[0])
                .next()
                .is_some(),
            "{}: not on screen",
            file.name
        );
        click_label(&mut harness, "OK");
    }
}
