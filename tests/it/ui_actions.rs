//! The action table as users meet it: the README's shortcut table, the shortcut sheet, and the
//! keyboard.

use egui_kittest::kittest::Queryable;
use factdesk::ui::Startup;

use crate::ui::harness;

/// The rows of the Markdown table that follows `heading` in `text`, header and rule included.
fn table_after(text: &str, heading: &str) -> String {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in the README"));
    text[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn the_readme_shortcut_table_is_the_action_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let written = table_after(&readme, "### Keyboard shortcuts");
    let expected = factdesk::ui::shortcut_table_markdown();
    assert!(
        written == expected,
        "README.md's shortcut table disagrees with the action table; it should read:\n\n{expected}"
    );
}

#[test]
fn f1_shows_every_shortcut_of_the_table() {
    let mut harness = harness(Startup::Sample);
    crate::ui::press(&mut harness, egui::Modifiers::NONE, egui::Key::F1);
    let format = |s: &egui::KeyboardShortcut| s.format(&egui::ModifierNames::NAMES, false);
    for (name, keys) in factdesk::ui::shortcut_sheet(&format) {
        for text in [&name, &keys] {
            assert!(
                harness.query_all_by_label(text).next().is_some(),
                "the shortcut sheet lacks {text:?} ({name})"
            );
        }
    }
}
