//! Hostile and broken project files, opened by the real binary: each gets a clear error naming the
//! file, no crash, bounded memory, and the file is left exactly as it was.

use std::path::{Path, PathBuf};

use factdesk::store::{self, StoreError};

use crate::cli::{factdesk, stderr};
use crate::common::{path_in, sample_project, temp_dir};

/// Runs `factdesk validate` on `path` and checks it failed cleanly without touching the file;
/// returns what it said.
fn refused_by_validate(path: &Path) -> String {
    let before = std::fs::read(path).ok();
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let output = factdesk(
        &["validate", path.to_str().unwrap()],
        path.parent().unwrap(),
    );
    let said = stderr(&output) + &String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{}: {said}", path.display());
    assert!(!said.contains("panicked"), "{said}");
    assert!(
        said.contains(&path.display().to_string()),
        "names the file: {said}"
    );
    assert_eq!(std::fs::read(path).ok(), before, "the file is untouched");
    assert_eq!(
        std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        modified
    );
    said
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = path_in(dir, name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn empty_foreign_and_wrongly_encoded_files_are_refused_with_a_reason() {
    let dir = temp_dir();
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty.factdesk.json", b"", "not valid JSON"),
        (
            "array.factdesk.json",
            b"[1, 2, 3]",
            "not a factdesk project",
        ),
        (
            "string.factdesk.json",
            b"\"schema_version\"",
            "not a factdesk project",
        ),
        (
            "nan.factdesk.json",
            b"{\"schema_version\": NaN}",
            "not valid JSON",
        ),
        (
            "surrogate.factdesk.json",
            b"{\"schema_version\": 1, \"title\": \"\\ud800\"}",
            "not valid JSON",
        ),
        ("utf16.factdesk.json", b"\xff\xfe{\x00\"\x00s\x00", "UTF-16"),
    ];
    for (name, bytes, expected) in cases {
        let said = refused_by_validate(&write(dir.path(), name, bytes));
        assert!(said.contains(expected), "{name}: {said}");
    }
    let version_zero = store::to_bytes(&sample_project())
        .map(|b| String::from_utf8(b).unwrap())
        .unwrap()
        .replacen(
            &format!("\"schema_version\": {}", factdesk::model::SCHEMA_VERSION),
            "\"schema_version\": -3",
            1,
        );
    let said = refused_by_validate(&write(
        dir.path(),
        "negative.factdesk.json",
        version_zero.as_bytes(),
    ));
    assert!(said.contains("schema_version"), "{said}");
}

#[test]
fn a_byte_order_mark_from_a_windows_editor_is_accepted() {
    let project = sample_project();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(store::to_bytes(&project).unwrap());
    assert_eq!(store::from_bytes(&bytes).unwrap(), project);
}

#[test]
fn a_folder_or_an_endless_device_is_refused_without_reading_it_all() {
    let dir = temp_dir();
    let folder = path_in(dir.path(), "folder.factdesk.json");
    std::fs::create_dir(&folder).unwrap();
    let said = refused_by_validate(&folder);
    assert!(said.contains("could not read"), "{said}");

    // /dev/zero reports a size of 0 and never ends: the read stops at the limit.
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let err = store::load(zero).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("bytes or more"), "{err}");
        let output = factdesk(&["import", "/dev/zero", "--print"], dir.path());
        assert!(!output.status.success());
        assert!(
            stderr(&output).contains("bytes or more"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn huge_strings_nul_characters_and_odd_numbers_are_handled_without_a_crash() {
    let dir = temp_dir();
    // A 20 MB title loads: large is not hostile in itself.
    let mut project = sample_project();
    project.title = "T".repeat(20_000_000);
    project.articles[0].title = "Nul\u{0} inside".into();
    let path = path_in(dir.path(), "big.factdesk.json");
    store::save(&project, &path).unwrap();
    assert_eq!(store::load(&path).unwrap(), project);

    let sample = String::from_utf8(store::to_bytes(&sample_project()).unwrap()).unwrap();
    for (what, from, to) in [
        ("negative offset", "\"start\": ", "\"start\": -"),
        ("fractional offset", "\"start\": ", "\"start\": 0.5 + "),
        (
            "offset past u64",
            "\"start\": ",
            "\"start\": 99999999999999999999",
        ),
        (
            "offset at u64::MAX",
            "\"end\": ",
            "\"end\": 18446744073709551615, \"x\": ",
        ),
        (
            "string for a number",
            "\"start\": ",
            "\"start\": \"12\", \"y\": ",
        ),
        ("null title", "\"title\": \"", "\"title\": null, \"z\": \""),
        (
            "object for a list",
            "\"claims\": [",
            "\"claims\": {\"a\": [",
        ),
    ] {
        let text = sample.replacen(from, to, 1);
        let path = write(dir.path(), "odd.factdesk.json", text.as_bytes());
        let said = refused_by_validate(&path);
        assert!(
            said.len() < 4_000,
            "{what}: a short message, not a dump: {said}"
        );
    }
}

#[test]
fn a_pdf_page_the_reader_panics_on_is_left_out_without_a_crash_report() {
    let data = temp_dir();
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf/reader-panics.pdf");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["import", pdf.to_str().unwrap(), "--print"])
        .env("FACTDESK_DATA_DIR", data.path())
        .output()
        .unwrap();
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("could not be read"),
        "the lost page is named: {said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    assert!(
        !data.path().join("crashes").exists(),
        "a refused page is not a crash of factdesk"
    );
}
