//! The desktop integration files the package installs (packaging/): the menu entry opens projects
//! with factdesk, and the MIME type claims the files factdesk saves. packaging/test-deb checks the
//! built package itself.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::temp_dir;

fn packaging(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging")
        .join(name)
}

/// The value of `key` in the desktop entry's main group.
fn desktop_value(key: &str) -> String {
    let entry = std::fs::read_to_string(packaging("factdesk.desktop")).unwrap();
    entry
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("factdesk.desktop has no {key}="))
        .to_owned()
}

/// The value of attribute `name` on the first element of `tag` in the MIME type file.
fn mime_attribute(tag: &str, name: &str) -> String {
    let xml = std::fs::read_to_string(packaging("factdesk.xml")).unwrap();
    let element = xml
        .split(&format!("<{tag} "))
        .nth(1)
        .unwrap_or_else(|| panic!("no <{tag}> in factdesk.xml"));
    let element = &element[..element.find('>').unwrap()];
    let value = element
        .split(&format!("{name}=\""))
        .nth(1)
        .unwrap_or_else(|| panic!("<{tag}> has no {name}"));
    value[..value.find('"').unwrap()].to_owned()
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--help").output().is_ok()
}

#[test]
fn the_menu_entry_opens_the_file_it_is_given_as_a_factdesk_project() {
    assert_eq!(desktop_value("Exec"), "factdesk %f");
    assert_eq!(desktop_value("Icon"), "factdesk");
    let project_type = mime_attribute("mime-type", "type");
    assert_eq!(desktop_value("MimeType"), format!("{project_type};"));
    if !have("desktop-file-validate") {
        eprintln!("skipped desktop-file-validate: not installed (Debian: desktop-file-utils)");
        return;
    }
    let out = Command::new("desktop-file-validate")
        .arg(packaging("factdesk.desktop"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_mime_type_claims_the_files_factdesk_saves_ahead_of_json() {
    let pattern = mime_attribute("glob", "pattern");
    assert_eq!(pattern, format!("*{}", factdesk::store::PROJECT_EXTENSION));
    // shared-mime-info gives globs weight 50 unless told otherwise, *.json included.
    let weight: u32 = mime_attribute("glob", "weight").parse().unwrap();
    assert!(weight > 50, "weight {weight} does not beat *.json");
    if !have("update-mime-database") {
        eprintln!("skipped update-mime-database: not installed (Debian: shared-mime-info)");
        return;
    }
    let dir = temp_dir();
    let packages = dir.path().join("packages");
    std::fs::create_dir(&packages).unwrap();
    std::fs::copy(packaging("factdesk.xml"), packages.join("factdesk.xml")).unwrap();
    let out = Command::new("update-mime-database")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let globs = std::fs::read_to_string(dir.path().join("globs2")).unwrap();
    let registered = format!("{weight}:{}:{pattern}", mime_attribute("mime-type", "type"));
    assert!(globs.lines().any(|l| l == registered), "{globs}");
}
