//! The settings file as the command line reads it: new projects take its defaults, and a file that
//! cannot be read is named and left alone.

use std::path::Path;
use std::process::{Command, Output};

use factdesk::model::ScalePreset;
use factdesk::settings::{CONFIG_DIR_ENV, SETTINGS_FILE_NAME, Settings};

use crate::cli::stderr;
use crate::common::{path_in, temp_dir};

fn factdesk_with_settings(args: &[&str], dir: &Path, config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        .env(CONFIG_DIR_ENV, config)
        .output()
        .expect("run factdesk")
}

/// Runs `factdesk new` on the sample article in `dir` with the settings in `config`; the project it
/// wrote and what it said on standard error.
fn new_project_with_settings(dir: &Path, config: &Path) -> (factdesk::model::Project, String) {
    std::fs::write(path_in(dir, "a.txt"), factdesk::SAMPLE_ARTICLE).unwrap();
    let out = factdesk_with_settings(&["new", "a.txt", "-o", "p.factdesk.json"], dir, config);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = factdesk::store::load(&dir.join("p.factdesk.json")).unwrap();
    (project, stderr(&out))
}

fn write_settings(config: &Path, settings: &Settings) {
    std::fs::create_dir_all(config).unwrap();
    std::fs::write(
        config.join(SETTINGS_FILE_NAME),
        serde_json::to_vec_pretty(settings).unwrap(),
    )
    .unwrap();
}

#[test]
fn factdesk_new_gives_the_project_the_default_scale_organisation_and_reviewer_of_the_settings() {
    let dir = temp_dir();
    let config = dir.path().join("config");
    write_settings(
        &config,
        &Settings {
            reviewer: "Ana Reviewer".into(),
            organisation: "Desk of Record".into(),
            rating_scale: ScalePreset::ThreeLevel.ratings(),
            ..Settings::default()
        },
    );
    let (project, _) = new_project_with_settings(dir.path(), &config);
    let labels: Vec<&str> = project
        .rating_scale
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels, ["True", "Misleading", "False"]);
    assert_eq!(project.report.organisation, "Desk of Record");
    assert_eq!(project.report.author, "Ana Reviewer");

    let out = factdesk_with_settings(
        &["export", "p.factdesk.json", "-f", "md", "-o", "-"],
        dir.path(),
        &config,
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("By Ana Reviewer"), "{report}");
    assert!(report.contains("Desk of Record"), "{report}");
}

#[test]
fn factdesk_new_with_a_broken_settings_file_names_it_uses_the_defaults_and_leaves_it_alone() {
    let dir = temp_dir();
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let broken = b"{\"reviewer\": \"Ana\", \"theme\": dark}";
    std::fs::write(config.join(SETTINGS_FILE_NAME), broken).unwrap();
    let (project, message) = new_project_with_settings(dir.path(), &config);
    assert!(
        message.contains(&config.join(SETTINGS_FILE_NAME).display().to_string()),
        "{message}"
    );
    assert!(
        message.contains("not valid JSON (line 1, column 30)"),
        "{message}"
    );
    assert!(message.contains("default settings"), "{message}");
    assert_eq!(
        project.rating_scale,
        factdesk::model::default_rating_scale()
    );
    assert!(project.report.author.is_empty());
    assert_eq!(
        std::fs::read(config.join(SETTINGS_FILE_NAME)).unwrap(),
        broken
    );
    assert!(
        !config.join("settings.json.bak").exists(),
        "the command line writes no settings"
    );
}
