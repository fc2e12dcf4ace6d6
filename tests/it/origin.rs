//! Where an article came from, as a project file records it: relative to the project file, never an
//! absolute path of the author's disk, so a project sent to someone else reveals nothing of it.

use std::path::Path;

use factdesk::model::{Edit, Project};
use factdesk::store;

use crate::cli::{factdesk, stderr};
use crate::common::{fixed_time, temp_dir};

/// Writes `text` to `dir/relative`, making its folders.
fn write_file(dir: &Path, relative: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Every way `dir` may be written in a file: as given and with links resolved.
fn spellings_of(dir: &Path) -> Vec<String> {
    let mut spellings = vec![dir.display().to_string()];
    let real = std::fs::canonicalize(dir).unwrap().display().to_string();
    if !spellings.contains(&real) {
        spellings.push(real);
    }
    spellings
}

fn origins_in_file(path: &Path) -> Vec<Option<String>> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["origin"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_project_made_by_the_command_line_holds_no_absolute_path() {
    let desk = temp_dir();
    let elsewhere = temp_dir();
    write_file(desk.path(), "articles/report.txt", factdesk::SAMPLE_ARTICLE);
    let made = factdesk(
        &["new", "articles/report.txt", "-o", "checks.factdesk.json"],
        desk.path(),
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let feed_elsewhere = elsewhere.path().join("feed.jsonld");
    std::fs::copy(&feed, &feed_elsewhere).unwrap();
    let imported = factdesk(
        &[
            "import-claimreview",
            feed_elsewhere.to_str().unwrap(),
            "--into",
            "checks.factdesk.json",
        ],
        desk.path(),
    );
    assert!(imported.status.success(), "{}", stderr(&imported));

    let project_file = desk.path().join("checks.factdesk.json");
    assert_eq!(
        origins_in_file(&project_file),
        [
            Some("articles/report.txt".to_owned()),
            Some("feed.jsonld".to_owned())
        ],
        "under the project's folder: relative; elsewhere: the file name only"
    );
    let saved = std::fs::read_to_string(&project_file).unwrap();
    for dir in [desk.path(), elsewhere.path()] {
        for spelling in spellings_of(dir) {
            assert!(!saved.contains(&spelling), "{spelling} is in\n{saved}");
        }
    }
    // Opened again, the article is where the file says, seen from the project file.
    let loaded = store::load(&project_file).unwrap();
    let origin = loaded.articles[0].origin.as_deref().unwrap();
    assert!(Path::new(origin).is_absolute(), "{origin}");
    assert_eq!(
        std::fs::read_to_string(origin).unwrap(),
        factdesk::SAMPLE_ARTICLE
    );
}

#[test]
fn save_as_into_another_folder_records_the_path_as_seen_from_there() {
    let root = temp_dir();
    let article = write_file(
        root.path(),
        "desk/articles/report.txt",
        "Crime fell 20% last year.\n",
    );
    let mut project = Project::new("Checks".into());
    let read = factdesk::import::article_from_file(&article, fixed_time()).unwrap();
    project
        .apply(Edit::InsertArticle {
            index: 0,
            article: Box::new(read),
            claims: Vec::new(),
        })
        .unwrap();
    let cases = [
        ("desk/checks.factdesk.json", "articles/report.txt"),
        ("desk/articles/checks.factdesk.json", "report.txt"),
        ("checks.factdesk.json", "desk/articles/report.txt"),
        ("desk/sent/checks.factdesk.json", "report.txt"),
    ];
    for (project_file, recorded) in cases {
        let path = root.path().join(project_file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        store::save(&project, &path).unwrap();
        assert_eq!(
            origins_in_file(&path),
            [Some(recorded.to_owned())],
            "saved as {project_file}"
        );
        // What the window holds and saves again is the same after a reload.
        let reloaded = store::load(&path).unwrap();
        store::save(&reloaded, &path).unwrap();
        assert_eq!(origins_in_file(&path), [Some(recorded.to_owned())]);
    }
}

#[test]
fn a_format_2_file_is_saved_with_relative_origins_and_its_backup_is_the_old_file_as_it_was() {
    let desk = temp_dir();
    let text = "Crime fell 20% last year.";
    let under = desk.path().join("articles").join("report.txt");
    let v2 = serde_json::json!({
        "schema_version": 2,
        "title": "Written by an older factdesk",
        "articles": [
            {
                "id": "0b0e3a63-4a52-4d4e-9f4e-6a1c1e1d0401",
                "title": "Report",
                "origin": under.display().to_string(),
                "sha256": factdesk::model::sha256_hex(text),
                "added": "2026-03-01T09:00:00Z",
                "text": text
            },
            {
                "id": "0b0e3a63-4a52-4d4e-9f4e-6a1c1e1d0402",
                "title": "Speech",
                "origin": "/home/someone/Downloads/speech.txt",
                "sha256": factdesk::model::sha256_hex(text),
                "added": "2026-03-01T09:00:00Z",
                "text": text
            }
        ],
        "claims": [],
        "rating_scale": []
    });
    let path = desk.path().join("old.factdesk.json");
    let old_bytes = serde_json::to_vec_pretty(&v2).unwrap();
    std::fs::write(&path, &old_bytes).unwrap();

    let loaded = store::load_with_report(&path).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let real = std::fs::canonicalize(desk.path()).unwrap();
    assert_eq!(
        loaded.project.articles[0].origin.as_deref(),
        Some(real.join("articles").join("report.txt").to_str().unwrap())
    );
    assert_eq!(
        loaded.project.articles[1].origin.as_deref(),
        Some(real.join("speech.txt").to_str().unwrap()),
        "a file outside the folder is looked for beside the project"
    );
    store::save(&loaded.project, &path).unwrap();
    assert_eq!(
        origins_in_file(&path),
        [
            Some("articles/report.txt".to_owned()),
            Some("speech.txt".to_owned())
        ]
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(!saved.contains("/home/someone"), "{saved}");
    // The backup is the old file byte for byte, its absolute paths included: it is the copy to go
    // back to, so it is not rewritten, and docs/FORMAT.md and the README tell the user to delete it
    // (or send only the .factdesk.json) before sending the folder.
    let backup = std::fs::read(store::backup_path(&path)).unwrap();
    assert_eq!(backup, old_bytes);
    assert!(
        String::from_utf8(backup)
            .unwrap()
            .contains("/home/someone/Downloads/speech.txt")
    );
}
