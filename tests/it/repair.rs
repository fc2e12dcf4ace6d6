//! `factdesk validate --repair` run as the real binary on copies of the fixtures in tests/data/repair,
//! and `store::load_repaired` on the same files.

use std::path::{Path, PathBuf};

use factdesk::model::{Project, text};

use crate::cli::{factdesk, stderr, stdout};
use crate::common::{fixed_time, sample_project, temp_dir};

/// The file name the fixtures are copied to.
const PROJECT: &str = "check.factdesk.json";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/repair")
        .join(name)
}

/// Copies fixture `name` into `dir` as [`PROJECT`] and returns its path.
fn copy_fixture(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(PROJECT);
    std::fs::copy(fixture(name), &path).unwrap();
    path
}

/// The text of each claim's span, as a reader of the file would slice it (offsets in chars).
fn span_texts(project: &Project) -> Vec<String> {
    project
        .claims
        .iter()
        .map(|claim| {
            let article = project.article(claim.article).unwrap();
            text::slice_chars(&article.text, claim.anchor.range())
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn repair_finds_every_claim_of_a_hand_edited_article_and_keeps_the_original_as_bak() {
    let dir = temp_dir();
    let path = copy_fixture("hand-edited.factdesk.json", dir.path());
    let original = std::fs::read(&path).unwrap();
    let before = factdesk::store::load_unchecked(&path).unwrap();

    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let repaired = factdesk::store::load(&path).unwrap();
    for (claim, span) in repaired.claims.iter().zip(span_texts(&repaired)) {
        assert_eq!(span, claim.anchor.quote, "{}", claim.id);
    }
    // The re-wrapped quote now holds the line break the text has; the others are as they were.
    assert_eq!(
        repaired.claims[3].anchor.quote,
        "the same report counts 1,200 of those\nflats as “under construction”"
    );
    for i in [0, 1, 2, 4] {
        assert_eq!(
            repaired.claims[i].anchor.quote,
            before.claims[i].anchor.quote
        );
    }
    // Of the two "rents rose 12% since 2022", the claim stays on the council's repetition.
    assert!(
        repaired.claims[1]
            .anchor
            .prefix
            .ends_with("the council repeated that "),
        "{:?}",
        repaired.claims[1].anchor
    );
    // The emoji before the third claim counts as one char (and its neighbour 🏗️ as two).
    assert_eq!(
        repaired.claims[2].anchor.start,
        before.claims[2].anchor.start + "central 🙄 ".chars().count()
    );
    // Nothing but anchors and the hash changed: ids, verdicts and sources are kept.
    assert_eq!(repaired.articles[0].text, before.articles[0].text);
    for (after, before) in repaired.claims.iter().zip(&before.claims) {
        assert_eq!((after.id, &after.verdict), (before.id, &before.verdict));
        assert_eq!(after.sources, before.sources);
    }

    let said = stdout(&out);
    for i in 0..4 {
        assert!(
            said.contains(&format!("fixed claims[{i}].anchor: span moved from")),
            "{said}"
        );
    }
    assert!(said.contains("fixed claims[4].anchor: the text around its quote changed"));
    assert!(said.contains("different spacing or line breaks"), "{said}");
    assert!(said.contains("fixed articles[0].sha256"), "{said}");
    assert!(
        stderr(&out).contains(&format!("the previous version is kept as {PROJECT}.bak")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(dir.path().join(format!("{PROJECT}.bak"))).unwrap(),
        original
    );

    // Repairing again finds nothing to do and leaves the file and its backup alone.
    let repaired_bytes = std::fs::read(&path).unwrap();
    let again = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("nothing to repair"),
        "{}",
        stdout(&again)
    );
    assert_eq!(std::fs::read(&path).unwrap(), repaired_bytes);
    assert_eq!(
        std::fs::read(dir.path().join(format!("{PROJECT}.bak"))).unwrap(),
        original
    );
}

#[test]
fn repair_writes_nothing_when_a_quote_was_deleted_and_names_the_claim() {
    let dir = temp_dir();
    let path = copy_fixture("quote-deleted.factdesk.json", dir.path());
    let original = std::fs::read(&path).unwrap();

    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the file is untouched"
    );
    assert!(!dir.path().join(format!("{PROJECT}.bak")).exists());

    let said = stdout(&out);
    assert!(
        said.contains("needs a hand edit: claims[2].anchor"),
        "{said}"
    );
    assert!(
        said.contains("\"3,000 new flats were built last year\" is no longer in the article text"),
        "{said}"
    );
    assert!(
        said.contains("can fix claims[0].anchor"),
        "what would be fixed is listed too: {said}"
    );
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn validate_names_a_repeated_claim_and_source_id_with_the_first_that_has_it() {
    let dir = temp_dir();
    let path = copy_fixture("duplicate-ids.factdesk.json", dir.path());
    let project = factdesk::store::load_unchecked(&path).unwrap();
    let problems: Vec<String> = factdesk::model::validate(&project)
        .iter()
        .map(ToString::to_string)
        .collect();
    let claim = project.claims[1].id;
    let source = project.claims[0].sources[1].id;
    for expected in [
        format!(
            "claims[1].id: expected an id no other claim has, but found {claim}, the id of \
             claims[0] too (this id appears twice)"
        ),
        format!(
            "claims[0].sources[1].id: expected an id no other source of the claim has, but found \
             {source}, the id of claims[0].sources[0] too (this id appears twice)"
        ),
    ] {
        assert!(problems.contains(&expected), "{expected}\n{problems:#?}");
    }
}

#[test]
fn repair_gives_duplicate_claim_and_source_ids_fresh_ones() {
    let dir = temp_dir();
    let path = copy_fixture("duplicate-ids.factdesk.json", dir.path());
    let before = factdesk::store::load_unchecked(&path).unwrap();

    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let repaired = factdesk::store::load(&path).unwrap();
    assert_eq!(
        repaired.claims[0].id, before.claims[0].id,
        "the first keeps its id"
    );
    assert_ne!(repaired.claims[1].id, before.claims[1].id);
    let sources = &repaired.claims[0].sources;
    assert_eq!(sources[0].id, before.claims[0].sources[0].id);
    assert_ne!(sources[1].id, sources[0].id);
    assert_eq!(sources[1].url, "https://example.org/other");

    let said = stdout(&out);
    assert!(
        said.contains(&format!(
            "fixed claims[1].id: {} was also the id of claims[0]; this claim now has the new id {}",
            before.claims[1].id, repaired.claims[1].id
        )),
        "{said}"
    );
    assert!(said.contains("fixed claims[0].sources[1].id"), "{said}");
}

#[test]
fn repair_with_output_writes_there_and_leaves_the_project_alone() {
    let dir = temp_dir();
    let path = copy_fixture("hand-edited.factdesk.json", dir.path());
    let original = std::fs::read(&path).unwrap();

    let out = factdesk(
        &["validate", "--repair", PROJECT, "-o", "fixed.factdesk.json"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert!(!dir.path().join(format!("{PROJECT}.bak")).exists());
    let fixed = factdesk::store::load(&dir.path().join("fixed.factdesk.json")).unwrap();
    assert_eq!(fixed.claims.len(), 5);
    assert!(
        stderr(&out).contains("wrote fixed.factdesk.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn repair_of_a_valid_project_says_so_and_does_not_rewrite_it() {
    let dir = temp_dir();
    let path = copy_fixture("pristine.factdesk.json", dir.path());
    let original = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();

    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("valid, nothing to repair"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert!(!dir.path().join(format!("{PROJECT}.bak")).exists());
}

#[test]
fn validate_without_repair_only_reports_and_points_to_repair() {
    let dir = temp_dir();
    let path = copy_fixture("hand-edited.factdesk.json", dir.path());
    let original = std::fs::read(&path).unwrap();
    let out = factdesk(&["validate", PROJECT], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("claims[0].anchor.quote"));
    assert!(
        stderr(&out).contains("validate --repair"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&path).unwrap(), original);
}

#[test]
fn repair_leaves_a_file_that_is_not_a_project_alone() {
    let dir = temp_dir();
    let path = dir.path().join(PROJECT);
    std::fs::write(&path, "{\"schema_version\": 1,").unwrap();
    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not valid JSON"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"schema_version\": 1,"
    );
}

#[test]
fn validate_help_documents_repair_and_the_exit_statuses() {
    let dir = temp_dir();
    let help = stdout(&factdesk(&["validate", "--help"], dir.path()));
    for words in [
        "--repair",
        "-o, --output <OUT>",
        "Exit status: 0",
        "PROJECT.bak",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
}

#[test]
fn load_repaired_opens_a_repairable_file_and_refuses_one_that_needs_a_hand_edit() {
    let (project, report) =
        factdesk::store::load_repaired(&fixture("hand-edited.factdesk.json")).unwrap();
    assert_eq!(report.changes.len(), 6, "{:?}", report.changes);
    assert!(report.remaining.is_empty());
    assert!(factdesk::model::validate(&project).is_empty());

    let err = factdesk::store::load_repaired(&fixture("quote-deleted.factdesk.json")).unwrap_err();
    let factdesk::store::StoreError::Invalid { problems, .. } = &err else {
        panic!("{err}");
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["claims[2].anchor.quote"]);
    assert!(
        err.to_string().contains("quote-deleted.factdesk.json"),
        "{err}"
    );
}

#[test]
fn a_verdict_date_left_without_its_verdict_is_cleared_and_said() {
    let dir = temp_dir();
    let path = dir.path().join(PROJECT);
    let mut project = sample_project();
    project.claims[1].verdict = None;
    project.claims[1].verdict_given = Some(fixed_time());
    std::fs::write(&path, factdesk::store::to_bytes(&project).unwrap()).unwrap();

    let refused = factdesk(&["validate", PROJECT], dir.path());
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stdout(&refused)
            .contains("claims[1].verdict_given: expected null, as the claim has no verdict"),
        "{}",
        stdout(&refused)
    );

    let out = factdesk(&["validate", "--repair", PROJECT], dir.path());
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("fixed claims[1].verdict_given: was \"2026-11-02T09:30:00Z\"")
            && stdout(&out).contains("it is now null"),
        "{}",
        stdout(&out)
    );
    let repaired = factdesk::store::load(&path).unwrap();
    assert_eq!(repaired.claims[1].verdict_given, None);
    // Only the date without a verdict goes: the other claim keeps its verdict and its date.
    assert_eq!(repaired.claims[0].verdict, project.claims[0].verdict);
    assert_eq!(
        repaired.claims[0].verdict_given,
        project.claims[0].verdict_given
    );
}
