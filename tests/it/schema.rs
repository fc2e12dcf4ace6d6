//! Project files of every format version, from tests/data/schema/vN/: each opens (migrated when it is
//! older) as its `NAME.expected.factdesk.json` says, saves in the current format and reloads unchanged.
//!
//! A new format version adds a `vN` folder; the tests find it by themselves. After a change to the
//! format, `FACTDESK_BLESS=1 cargo test --test it schema` rewrites the expected files: read the diff
//! before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use factdesk::model::SCHEMA_VERSION;
use factdesk::store::{self, StoreError};

use crate::common::{path_in, temp_dir};

/// How an expected file's name ends; the fixture it belongs to has the same name without `.expected`.
const EXPECTED_SUFFIX: &str = ".expected.factdesk.json";

/// One hand-written project file and the format version of its folder.
struct Fixture {
    version: u64,
    path: PathBuf,
}

impl Fixture {
    fn name(&self) -> String {
        format!(
            "v{}/{}",
            self.version,
            self.path.file_name().unwrap().to_string_lossy()
        )
    }

    /// The file holding what this fixture must read as, in the current format.
    fn expected_path(&self) -> PathBuf {
        let name = self.path.file_name().unwrap().to_string_lossy();
        let stem = name.strip_suffix(store::PROJECT_EXTENSION).unwrap();
        self.path.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"))
    }
}

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/schema")
}

/// Every fixture of every `vN` folder, in version and name order.
fn fixtures() -> Vec<Fixture> {
    let mut fixtures = Vec::new();
    for folder in std::fs::read_dir(schema_dir()).unwrap() {
        let folder = folder.unwrap().path();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let Some(version) = name.strip_prefix('v').and_then(|v| v.parse::<u64>().ok()) else {
            panic!(
                "{}: folders here are named vN, N a format version",
                folder.display()
            );
        };
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            if file_name.ends_with(store::PROJECT_EXTENSION)
                && !file_name.ends_with(EXPECTED_SUFFIX)
            {
                fixtures.push(Fixture { version, path });
            }
        }
    }
    fixtures.sort_by(|a, b| (a.version, &a.path).cmp(&(b.version, &b.path)));
    fixtures
}

fn fixture(name: &str) -> PathBuf {
    schema_dir().join(name)
}

/// The first line a saved file starts with.
fn current_version_line() -> String {
    format!("{{\n  \"schema_version\": {SCHEMA_VERSION},\n")
}

#[test]
fn every_format_version_has_fixtures_and_each_says_its_folders_version() {
    let fixtures = fixtures();
    let versions: BTreeSet<u64> = fixtures.iter().map(|f| f.version).collect();
    assert_eq!(
        versions,
        (1..=u64::from(SCHEMA_VERSION)).collect(),
        "every version factdesk reads has a tests/data/schema/vN folder"
    );
    for f in &fixtures {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&f.path).unwrap()).unwrap();
        assert_eq!(json["schema_version"], f.version, "{}", f.name());
    }
}

#[test]
fn every_fixture_opens_as_its_expected_file_says() {
    let bless = std::env::var_os("FACTDESK_BLESS").is_some();
    for f in fixtures() {
        let loaded = store::load_with_report(&f.path)
            .unwrap_or_else(|e| panic!("{} does not open: {e:#}", f.name()));
        let older = f.version < u64::from(SCHEMA_VERSION);
        assert_eq!(
            loaded.migrated_from,
            older.then_some(f.version),
            "{}",
            f.name()
        );
        // As a save beside the fixture writes it: in memory, origins are absolute paths.
        let saved =
            String::from_utf8(store::to_bytes_for(&loaded.project, &f.path).unwrap()).unwrap();
        let expected_path = f.expected_path();
        if bless {
            std::fs::write(&expected_path, &saved).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; write it with FACTDESK_BLESS=1 cargo test --test it schema, then read it",
                expected_path.display()
            )
        });
        assert_eq!(saved, expected, "{} read differently", f.name());

        // The expected file is itself a current file that reads as the same project.
        let again = store::load_with_report(&expected_path).unwrap();
        assert_eq!(again.migrated_from, None, "{}", f.name());
        assert_eq!(again.project, loaded.project, "{}", f.name());
        assert_eq!(
            again.unknown_members,
            loaded.unknown_members,
            "{}",
            f.name()
        );
    }
}

#[test]
fn every_fixture_saves_in_the_current_version_keeps_the_old_file_and_reloads_unchanged() {
    for f in fixtures() {
        let dir = temp_dir();
        let path = path_in(dir.path(), "project.factdesk.json");
        let original = std::fs::read(&f.path).unwrap();
        std::fs::write(&path, &original).unwrap();

        let first = store::load_with_report(&path).unwrap();
        store::save(&first.project, &path).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        assert!(
            saved.starts_with(&current_version_line()),
            "{}: {}",
            f.name(),
            &saved[..40]
        );
        if saved.as_bytes() != original {
            assert_eq!(
                std::fs::read(store::backup_path(&path)).unwrap(),
                original,
                "{}: the .bak keeps the file as it was",
                f.name()
            );
        }

        let second = store::load_with_report(&path).unwrap();
        assert_eq!(second.project, first.project, "{}", f.name());
        assert_eq!(second.migrated_from, None, "{}", f.name());
        assert_eq!(
            second.unknown_members,
            first.unknown_members,
            "{}",
            f.name()
        );
        store::save(&second.project, &path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            saved,
            "{}: saving again changes nothing",
            f.name()
        );
    }
}

#[test]
fn a_format_1_appearance_becomes_a_list_of_one_and_an_empty_one_none() {
    let set = store::load(&fixture("v1/appearance-set.factdesk.json")).unwrap();
    let lists: Vec<&[String]> = set
        .claims
        .iter()
        .map(|c| c.appearances.as_slice())
        .collect();
    assert_eq!(
        lists,
        [
            &["Twitter (@PressSec)".to_owned()][..],
            // Kept as typed; reports trim it.
            &["  https://example.org/speech  ".to_owned()][..],
        ]
    );
    let empty = store::load(&fixture("v1/empty-appearance.factdesk.json")).unwrap();
    assert_eq!(empty.claims.len(), 3);
    assert!(empty.claims.iter().all(|c| c.appearances.is_empty()));
}

#[test]
fn an_older_file_is_reported_so_the_user_can_be_told() {
    let loaded = store::load_with_report(&fixture("v1/minimal.factdesk.json")).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    assert_eq!(
        loaded.notices(),
        [format!(
            "This project was saved by an older factdesk (format 1); it will be saved in format \
             {SCHEMA_VERSION}, and the first save keeps the file as it was beside it as a .bak copy."
        )]
    );
    let previous = store::load_with_report(&fixture("v2/minimal.factdesk.json")).unwrap();
    assert_eq!(previous.migrated_from, Some(2));
    let with_paths =
        store::load_with_report(&fixture("v2/absolute-origins.factdesk.json")).unwrap();
    let notices = with_paths.notices();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices[1].contains("the .bak copy keeps the full paths"),
        "{notices:?}"
    );
    let current = store::load_with_report(&fixture("v3/minimal.factdesk.json")).unwrap();
    assert_eq!(current.migrated_from, None);
    assert!(current.notices().is_empty());
}

#[test]
fn unknown_members_are_reported_by_path_and_written_back_after_the_known_ones() {
    let loaded = store::load_with_report(&fixture("v1/unknown-members.factdesk.json")).unwrap();
    assert_eq!(
        loaded.unknown_members,
        [
            "x-exported-by",
            "articles[0].paywalled",
            "articles[0].meta[\"word count\"]",
            "claims[0].assignee",
            "claims[0].zz-last",
            "claims[0].anchor.selector",
            "claims[0].sources[0].archived_url",
            "rating_scale[0].icon",
            "report.footer",
        ]
    );
    let notices = loaded.notices();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices[1].starts_with(
            "The file has 9 member(s) this factdesk does not know (x-exported-by, \
             articles[0].paywalled, articles[0].meta[\"word count\"], claims[0].assignee, \
             claims[0].zz-last and 4 more); they are kept"
        ),
        "{}",
        notices[1]
    );

    let saved = String::from_utf8(store::to_bytes(&loaded.project).unwrap()).unwrap();
    let at = |needle: &str| {
        saved
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in\n{saved}"))
    };
    // After every known member of their object, in key order, with their values as they were.
    assert!(at("\"report\": {") < at("\"x-exported-by\": {"));
    assert!(at("\"modified\": \"2026-03-01T09:05:00Z\"") < at("\"assignee\": {"));
    assert!(at("\"assignee\": {") < at("\"zz-last\": null"));
    assert!(saved.contains("\"version\": \"0.4\""));
    assert!(saved.ends_with("}\n"));
}

fn load_text(text: &str) -> StoreError {
    let dir = temp_dir();
    let path = path_in(dir.path(), "bad.factdesk.json");
    std::fs::write(&path, text).unwrap();
    store::load(&path).unwrap_err()
}

fn shape_field(err: &StoreError) -> &str {
    match err {
        StoreError::Shape { field, .. } => field,
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn a_member_twice_is_refused_by_its_path_in_any_version_and_inside_unknown_members() {
    let v1 = std::fs::read_to_string(fixture("v1/appearance-set.factdesk.json")).unwrap();
    let doubled = v1.replacen(
        "\"appearance\": \"Twitter (@PressSec)\",",
        "\"appearance\": \"Twitter (@PressSec)\", \"appearance\": \"Facebook\",",
        1,
    );
    let err = load_text(&doubled);
    assert_eq!(shape_field(&err), "claims[0].appearance");
    assert!(err.to_string().contains("twice"), "{err}");
    assert!(err.to_string().contains("bad.factdesk.json"), "{err}");

    let v2 = std::fs::read_to_string(fixture("v2/unknown-members.factdesk.json")).unwrap();
    let doubled = v2.replacen("\"b\": 2,", "\"b\": 2, \"b\": 3,", 1);
    assert_eq!(shape_field(&load_text(&doubled)), "x-workflow.nested.b");
    let doubled = v2.replacen(
        "\"review_id\": 4711,",
        "\"review_id\": 4711, \"review_id\": 1,",
        1,
    );
    assert_eq!(shape_field(&load_text(&doubled)), "claims[0].review_id");
    let doubled = v2.replacen(
        "\"text\": \"Crime fell by",
        "\"text\": \"\", \"text\": \"Crime fell by",
        1,
    );
    assert_eq!(shape_field(&load_text(&doubled)), "claims[0].text");
}

#[test]
fn wrong_values_in_an_older_file_are_named_by_their_path() {
    let v1 = std::fs::read_to_string(fixture("v1/full.factdesk.json")).unwrap();
    let wrong = v1.replacen("\"status\": \"done\"", "\"status\": \"maybe\"", 1);
    assert_eq!(shape_field(&load_text(&wrong)), "claims[0].status");
    let wrong = v1.replacen(
        "\"appearance\": \"https://news.example.org/budget-week\"",
        "\"appearance\": null",
        1,
    );
    let err = load_text(&wrong);
    assert_eq!(shape_field(&err), "claims[0].appearance");
    assert!(
        err.to_string()
            .contains("expected text (an outlet name or URL), but found null"),
        "{err}"
    );
}

#[test]
fn version_0_is_not_a_project_and_a_newer_version_asks_for_an_update() {
    let v2 = std::fs::read_to_string(fixture("v2/minimal.factdesk.json")).unwrap();
    let zero = v2.replacen("\"schema_version\": 2", "\"schema_version\": 0", 1);
    let err = load_text(&zero);
    assert_eq!(shape_field(&err), "schema_version");
    assert!(err.to_string().contains("not a factdesk project"), "{err}");

    let newer = SCHEMA_VERSION + 1;
    let future = v2.replacen(
        "\"schema_version\": 2",
        &format!("\"schema_version\": {newer}, \"something_new\": []"),
        1,
    );
    let err = load_text(&future);
    assert!(
        matches!(err, StoreError::NewerVersion { version, .. } if version == u64::from(newer)),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&format!("version {newer}")), "{message}");
    assert!(message.contains("update factdesk"), "{message}");
}

#[test]
fn the_example_in_the_format_documentation_is_a_current_file_saved_as_it_stands() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
        .unwrap();
    let section = &doc[doc.find("\n## Example\n").unwrap()..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let example = &section[start..start + section[start..].find("```\n").unwrap()];
    let loaded = store::from_bytes_with_report(example.as_bytes()).unwrap();
    assert_eq!(loaded.migrated_from, None);
    assert!(loaded.unknown_members.is_empty());
    assert_eq!(
        String::from_utf8(store::to_bytes(&loaded.project).unwrap()).unwrap(),
        example
    );
}
