//! Project files on disk: round trips, determinism, and refusing bad files with a useful message.

use factdesk::model::{ClaimField, Edit, Status};
use factdesk::store::{self, StoreError};

use crate::common::{fixed_time, path_in, sample_project, temp_dir};

#[test]
fn load_of_save_gives_the_same_project_and_saving_twice_gives_the_same_bytes() {
    let dir = temp_dir();
    let project = sample_project();
    let first = path_in(dir.path(), "a.factdesk.json");
    let second = path_in(dir.path(), "b.factdesk.json");
    store::save(&project, &first).unwrap();
    let loaded = store::load(&first).unwrap();
    assert_eq!(loaded, project);
    store::save(&loaded, &second).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.starts_with(&format!(
            "{{\n  \"schema_version\": {},",
            factdesk::model::SCHEMA_VERSION
        )),
        "{}",
        &text[..40]
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn when_a_status_was_set_survives_save_and_load_and_older_files_have_none() {
    let dir = temp_dir();
    let mut project = sample_project();
    project
        .apply(Edit::SetClaimField {
            claim: project.claims[0].id,
            field: ClaimField::status(Status::Done, fixed_time()),
            at: fixed_time(),
        })
        .unwrap();
    let path = path_in(dir.path(), "done.factdesk.json");
    store::save(&project, &path).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        json["claims"][0]["status_changed"],
        fixed_time().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.claims[0].status_changed, Some(fixed_time()));
    assert_eq!(loaded, project);

    // A file written before the member existed loads, with no time for any status.
    let mut older = json;
    for claim in older["claims"].as_array_mut().unwrap() {
        claim.as_object_mut().unwrap().remove("status_changed");
    }
    std::fs::write(&path, serde_json::to_vec(&older).unwrap()).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.claims[0].status, Status::Done);
    assert!(loaded.claims.iter().all(|c| c.status_changed.is_none()));
}

#[test]
fn saving_replaces_the_file_keeps_the_previous_version_and_leaves_no_temporary_files() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "p.factdesk.json");
    std::fs::write(&path, "old contents").unwrap();
    let project = sample_project();
    store::save(&project, &path).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["p.factdesk.json", "p.factdesk.json.bak"]);
    assert!(store::load(&path).is_ok());
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&path)).unwrap(),
        "old contents"
    );

    // Saving the same project again leaves the backup as it was: it is the version before a change.
    store::save(&project, &path).unwrap();
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&path)).unwrap(),
        "old contents"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_with_a_message() {
    let dir = temp_dir();
    let path = dir.path().join("no-such-folder").join("p.factdesk.json");
    let err = store::save(&sample_project(), &path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("could not save"), "{message}");
    assert!(message.contains("no-such-folder"), "{message}");
    assert!(!path.exists());
}

fn load_text(text: &str) -> StoreError {
    let dir = temp_dir();
    let path = path_in(dir.path(), "bad.factdesk.json");
    std::fs::write(&path, text).unwrap();
    store::load(&path).unwrap_err()
}

fn sample_json() -> serde_json::Value {
    serde_json::from_slice(&store::to_bytes(&sample_project()).unwrap()).unwrap()
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = load_text("{\n  \"schema_version\": 1,\n  \"title\": \n");
    assert!(matches!(err, StoreError::Json { line: 4, .. }), "{err:?}");
    assert!(err.to_string().contains("bad.factdesk.json"));
}

#[test]
fn wrong_types_name_the_json_path() {
    let mut json = sample_json();
    json["claims"][1]["status"] = serde_json::json!("maybe");
    let err = load_text(&json.to_string());
    match &err {
        StoreError::Shape { field, .. } => assert_eq!(field, "claims[1].status"),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn spans_out_of_range_or_not_matching_their_quote_are_reported_with_their_path() {
    let mut json = sample_json();
    json["claims"][0]["anchor"]["quote"] = serde_json::json!("something else");
    json["claims"][1]["anchor"]["end"] = serde_json::json!(1_000_000);
    json["claims"][1]["verdict"] = serde_json::json!("pants-on-fire");
    let err = load_text(&json.to_string());
    let StoreError::Invalid { problems, .. } = &err else {
        panic!("expected validation problems, got {err:?}");
    };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "claims[0].anchor.quote",
            "claims[1].anchor.end",
            "claims[1].verdict"
        ]
    );
    assert!(err.to_string().contains("past the end of the article"));
}

#[test]
fn newer_versions_and_foreign_json_are_refused_clearly() {
    let mut json = sample_json();
    json["schema_version"] = serde_json::json!(7);
    let err = load_text(&json.to_string());
    assert!(matches!(err, StoreError::NewerVersion { version: 7, .. }));
    assert!(err.to_string().contains("update factdesk"));
    let err = load_text("{\"name\": \"package.json\"}");
    assert!(matches!(err, StoreError::NotAProject { .. }));
}

#[test]
fn an_edited_article_text_is_caught_by_its_hash() {
    let mut json = sample_json();
    let text = json["articles"][0]["text"]
        .as_str()
        .unwrap()
        .replace("Biden", "Bidem");
    json["articles"][0]["text"] = serde_json::json!(text);
    let StoreError::Invalid { problems, .. } = load_text(&json.to_string()) else {
        panic!("expected validation problems");
    };
    assert!(
        problems.iter().any(|p| p.path == "articles[0].sha256"),
        "{problems:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode_and_the_backup_is_as_private_as_the_project() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = path_in(dir.path(), "p.factdesk.json");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    store::save(&sample_project(), &path).unwrap();
    // Group-writable: more than the usual umask 022 gives a new file, so the mode must be set, not
    // asked for at creation.
    for custom in [0o660, 0o600] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(custom)).unwrap();
        let mut project = sample_project();
        project.title = format!("mode {custom:o}");
        store::save(&project, &path).unwrap();
        assert_eq!(mode(&path), custom);
        assert_eq!(mode(&store::backup_path(&path)), custom);
    }
}

#[test]
fn hostile_files_get_a_clear_error_and_no_panic() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(
        load_text(&deep),
        StoreError::Json { .. } | StoreError::NotAProject { .. }
    ));
    let deep_in_project = format!(
        "{{\"schema_version\": 1, \"title\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        load_text(&deep_in_project),
        StoreError::Json { .. }
    ));

    let mut json = sample_json().to_string();
    json.insert_str(1, "\"title\": \"first\", ");
    let err = load_text(&json);
    assert!(
        err.to_string().contains("title"),
        "a duplicate key is named: {err}"
    );

    let huge_number =
        sample_json()
            .to_string()
            .replacen("\"start\":", "\"start\":1e999999,\"x\":", 1);
    let err = load_text(&huge_number);
    assert!(
        matches!(err, StoreError::Json { .. } | StoreError::Shape { .. }),
        "{err:?}"
    );

    let dir = temp_dir();
    let invalid_utf8 = path_in(dir.path(), "bytes.factdesk.json");
    std::fs::write(
        &invalid_utf8,
        b"{\"schema_version\": 1, \"title\": \"\xff\xfe\"}",
    )
    .unwrap();
    assert!(matches!(
        store::load(&invalid_utf8),
        Err(StoreError::Json { .. })
    ));

    let truncated = store::to_bytes(&sample_project()).unwrap();
    for cut in [1, truncated.len() / 3, truncated.len() - 2] {
        let path = path_in(dir.path(), "cut.factdesk.json");
        std::fs::write(&path, &truncated[..cut]).unwrap();
        assert!(
            matches!(store::load(&path), Err(StoreError::Json { .. })),
            "cut at {cut}"
        );
    }
}

#[test]
fn a_file_larger_than_the_limit_is_refused_before_it_is_read() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "huge.factdesk.json");
    // A sparse 2 GB file: no disk space used, but reading it would take 2 GB of memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let started = std::time::Instant::now();
    let err = store::load(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("more than the"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused without reading"
    );
}
