//! The window as a screen reader and a keyboard user meet it: every interactive node of the AccessKit
//! tree — in the main window, the claim editor, every dialog, every menu and window, the find bar and
//! the palette — has a name, and
//! Tab moves through the claim editor in the order it is laid out.

use egui::accesskit::NodeId;
use egui::accesskit::{self, Role};
use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use factdesk::model::ReportSettings;
use factdesk::recovery::RecoveryEntry;
use factdesk::recovery::lock::LockOwner;
use factdesk::report::{TransparencyFinding, TransparencyProblem};
use factdesk::ui::{Dialog, DialogPurpose, Export, FactdeskApp, GuardedAction, Startup};

use crate::common::fixed_time;
use crate::ui::{click_label, harness, press, project_of, sample_workspace, wait_until};
use crate::ui_extras::project_with_a_done_claim;

/// Roles a user acts on: each needs a name a screen reader can say.
const INTERACTIVE_ROLES: &[Role] = &[
    Role::Button,
    Role::DefaultButton,
    Role::CheckBox,
    Role::RadioButton,
    Role::Switch,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::NumberInput,
    Role::DateInput,
    Role::ComboBox,
    Role::EditableComboBox,
    Role::Slider,
    Role::SpinButton,
    Role::Link,
    Role::MenuItem,
    Role::MenuItemCheckBox,
    Role::MenuItemRadio,
    Role::Tab,
    Role::ListBoxOption,
    Role::TreeItem,
];

fn is_interactive(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    // egui's scroll bars are drag handles for the pointer, never in the Tab order; like ARIA's
    // scrollbar role they need no name of their own (they belong to the area they scroll).
    if node.is_hidden() || node.role() == Role::ScrollBar {
        return false;
    }
    INTERACTIVE_ROLES.contains(&node.role())
        || node.data().supports_action(accesskit::Action::Click)
        || node.data().supports_action(accesskit::Action::Focus)
}

fn has_name(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    // A label's name is its text, which AccessKit keeps as its value.
    let name = if node.label_comes_from_value() {
        node.value()
    } else {
        node.label()
    };
    name.is_some_and(|l| !l.trim().is_empty())
}

/// Every interactive node on screen that has no name, described for the failure message.
fn unnamed(harness: &Harness<'_, FactdeskApp>) -> Vec<String> {
    harness
        .query_all(By::new().predicate(|n| is_interactive(n) && !has_name(n)))
        .map(|node| {
            let parent = node.parent().map(|p| {
                let p = p.accesskit_node();
                (p.role(), p.label())
            });
            let at = node.accesskit_node().bounding_box();
            format!("{node:?} at {at:?}, in {parent:?}")
        })
        .collect()
}

/// Fails with the unnamed nodes of `screen`, if any; returns how many named interactive nodes it
/// has, so a screen that failed to show cannot pass unseen.
fn assert_all_named(harness: &Harness<'_, FactdeskApp>, screen: &str) -> usize {
    let missing = unnamed(harness);
    assert!(
        missing.is_empty(),
        "{screen}: interactive nodes without a name:\n{}",
        missing.join("\n")
    );
    harness
        .query_all(By::new().predicate(is_interactive))
        .count()
}

fn sample_harness() -> Harness<'static, FactdeskApp> {
    harness(Startup::Workspace(Box::new(sample_workspace())))
}

fn select_first_claim(harness: &mut Harness<'_, FactdeskApp>) {
    let first = project_of(harness).claims[0].id;
    harness
        .state_mut()
        .push_command(factdesk::ui::AppCommand::SelectClaim(first));
    harness.run();
}

#[test]
fn every_control_of_the_main_window_and_the_claim_editor_has_a_name() {
    let mut harness = sample_harness();
    let main = assert_all_named(&harness, "main window");
    assert!(
        main > 10,
        "only {main} interactive nodes in the main window"
    );
    select_first_claim(&mut harness);
    harness.get_by_label("Add source");
    let editor = assert_all_named(&harness, "claim editor");
    assert!(editor > main, "the editor added no controls ({editor})");
}

#[test]
fn every_menu_entry_has_a_name() {
    for (menu, entry) in [
        ("File", "Save as…"),
        ("Edit", "Undo"),
        ("Project", "Rename project…"),
        ("View", "Statistics"),
        ("Help", "Keyboard shortcuts"),
    ] {
        let mut harness = sample_harness();
        click_label(&mut harness, menu);
        assert!(
            harness.query_by_label_contains(entry).is_some(),
            "the {menu} menu did not open: no {entry:?}"
        );
        assert_all_named(&harness, &format!("{menu} menu"));
    }
}

/// One dialog of each kind, with what it shows filled in.
fn every_dialog() -> Vec<Dialog> {
    let entry = RecoveryEntry {
        session: uuid::Uuid::nil(),
        file: "/tmp/work.factdesk.json".into(),
        meta: None,
        saved_at: fixed_time(),
    };
    let owner = LockOwner {
        pid: 4242,
        host: "desk-2".into(),
        user: "ana".into(),
        since: fixed_time(),
        refreshed: None,
        factdesk_version: "0.1.0".into(),
    };
    let dialogs = vec![
        Dialog::UnsavedChanges(GuardedAction::Quit),
        Dialog::Error {
            title: "Could not open the file".into(),
            message: "The file is not a project.".into(),
        },
        Dialog::Shortcuts,
        Dialog::Notice {
            title: "Read with repairs".into(),
            message: "Two claims were found again by their quote.".into(),
        },
        Dialog::ReportSettings(ReportSettings::default()),
        Dialog::Transparency {
            export: Export::plain(factdesk::report::ReportFormat::Html),
            notes: vec!["The report has no author.".into()],
            findings: vec![TransparencyFinding {
                number: 1,
                claim: factdesk::model::ClaimId::new_random(),
                problem: TransparencyProblem::VerdictWithoutSource,
            }],
        },
        Dialog::Exported {
            export: Export::plain(factdesk::report::ReportFormat::Html),
            path: "/tmp/report.html".into(),
        },
        Dialog::UrlPrompt { url: String::new() },
        Dialog::Rename {
            title: "Budget claims".into(),
        },
        Dialog::ChangedOnDisk {
            path: "/tmp/p.factdesk.json".into(),
            missing: false,
            while_saving: true,
        },
        Dialog::Restore {
            entries: vec![entry],
            crash_log: Some("/tmp/crash.log".into()),
        },
        Dialog::RepairOffer {
            path: "/tmp/p.factdesk.json".into(),
            message: "claims[0].anchor: the quote is not at its offsets".into(),
            changes: 1,
        },
        Dialog::Locked {
            path: "/tmp/p.factdesk.json".into(),
            owner: Some(owner),
        },
        Dialog::PathPrompt {
            purpose: DialogPurpose::Open,
            path: "/tmp/".into(),
        },
    ];
    for dialog in &dialogs {
        // No wildcard: a new kind of dialog fails to compile here until it is added above.
        match dialog {
            Dialog::UnsavedChanges(_)
            | Dialog::Error { .. }
            | Dialog::Shortcuts
            | Dialog::Notice { .. }
            | Dialog::ReportSettings(_)
            | Dialog::Transparency { .. }
            | Dialog::Exported { .. }
            | Dialog::UrlPrompt { .. }
            | Dialog::Rename { .. }
            | Dialog::ChangedOnDisk { .. }
            | Dialog::Restore { .. }
            | Dialog::RepairOffer { .. }
            | Dialog::Locked { .. }
            | Dialog::PathPrompt { .. } => {}
        }
    }
    dialogs
}

#[test]
fn every_dialog_names_every_control() {
    for dialog in every_dialog() {
        let screen = format!("{dialog:?}");
        let mut harness = sample_harness();
        harness.state_mut().show_dialog(dialog);
        harness.run();
        assert!(harness.state().dialog().is_some(), "{screen} did not show");
        let controls = assert_all_named(&harness, &screen);
        assert!(controls > 0, "{screen} shows no control");
    }
}

/// A node's bounds on screen.
fn bounds_of(node: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<Rect> {
    let bounds = node.bounding_box()?;
    Some(Rect::from_min_max(
        egui::pos2(bounds.x0 as f32, bounds.y0 as f32),
        egui::pos2(bounds.x1 as f32, bounds.y1 as f32),
    ))
}

/// Where keyboard focus is: the focused node's id, label and bounds.
fn focused(harness: &Harness<'_, FactdeskApp>) -> Option<(NodeId, String, Rect)> {
    let node = harness.query_by(|n| n.is_focused())?;
    let node = node.accesskit_node();
    Some((
        node.locate().0,
        node.label().unwrap_or_default(),
        bounds_of(&node)?,
    ))
}

/// Where the node `id` is on screen now.
fn bounds_now(harness: &Harness<'_, FactdeskApp>, id: NodeId) -> Option<Rect> {
    let node = harness.query_by(|n| n.locate().0 == id)?;
    bounds_of(&node.accesskit_node())
}

/// Whether `next` comes after `previous` in reading order: on a lower line, or on the same line
/// further right.
fn reads_after(previous: Rect, next: Rect) -> bool {
    let same_line =
        (next.center().y - previous.center().y).abs() < previous.height().max(8.0) / 2.0;
    if same_line {
        next.left() >= previous.right() - 1.0
    } else {
        next.top() >= previous.top()
    }
}

/// Focuses the control labelled `start`, presses Tab until focus leaves the column whose left edge is
/// that of the node labelled `column` (a dialog's heading, or the first field of a panel) or comes back
/// round, and checks each step goes on in reading order. Returns the labels visited.
fn tab_walk(harness: &mut Harness<'_, FactdeskApp>, column: &str, start: &str) -> Vec<String> {
    let left = harness
        .get_by_label(column)
        .accesskit_node()
        .bounding_box()
        .expect("the column is on screen")
        .x0 as f32;
    harness.get_by_label(start).focus();
    harness.run();
    let (mut previous, first, _) = focused(harness).expect("the first control takes the focus");
    let mut visited = vec![first];
    for _ in 0..60 {
        press(harness, Modifiers::NONE, Key::Tab);
        let Some((id, label, rect)) = focused(harness) else {
            break;
        };
        // Focus leaving the column (for a panel's resize handle, or the panel left of it) or
        // coming back round ends the walk.
        if rect.left() < left - 4.0 || id == previous || visited.len() > 1 && label == visited[0] {
            break;
        }
        // Compared in the same frame: the editor scrolls the focused field into view.
        let before = bounds_now(harness, previous).expect("the control left is still there");
        let from = visited.last().cloned().unwrap_or_default();
        assert!(
            reads_after(before, rect),
            "Tab went from {from:?} at {before:?} back up to {label:?} at {rect:?}; order so far: \
             {visited:?}"
        );
        visited.push(label);
        previous = id;
    }
    visited
}

fn assert_reached(labels: &[String], expected: &[&str]) {
    for want in expected {
        assert!(
            labels.iter().any(|l| l.contains(want)),
            "Tab never reached {want:?}: {labels:?}"
        );
    }
}

#[test]
fn tab_moves_through_the_claim_editor_in_reading_order() {
    let mut harness = sample_harness();
    select_first_claim(&mut harness);
    let field = "Claim (as you restate it)";
    let labels = tab_walk(&mut harness, field, field);
    assert!(labels.len() > 8, "Tab reached only {labels:?}");
    assert_reached(
        &labels,
        &["Mostly true", "Done", "Explanation", "Add source", "Notes"],
    );
}

#[test]
fn tab_moves_through_the_report_settings_in_reading_order() {
    let mut harness = sample_harness();
    harness
        .state_mut()
        .show_dialog(Dialog::ReportSettings(ReportSettings::default()));
    harness.run();
    let labels = tab_walk(&mut harness, "Report settings", "Report title");
    assert_reached(
        &labels,
        &["Organisation", "Author", "Methodology", "Base URL"],
    );
}

#[test]
fn the_palette_and_every_window_name_every_control() {
    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND, Key::K);
    harness.get_by_label("Run an action");
    assert_all_named(&harness, "command palette");

    for (menu, entry, shows) in [
        ("View", "Statistics", "By verdict"),
        ("Help", "Getting started", "1. Mark a claim"),
        ("Help", "About factdesk", "factdesk"),
        ("Project", "Rating scale…", "Add rating"),
    ] {
        let mut harness = harness_with_a_done_claim();
        click_label(&mut harness, menu);
        click_label(&mut harness, entry);
        harness.get_by_label(shows);
        assert_all_named(&harness, entry);
    }

    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND, Key::Comma);
    harness.get_by_label("Your name (reviewer)");
    assert_all_named(&harness, "settings");
}

#[test]
fn the_find_bar_and_find_in_all_articles_name_every_control() {
    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness.get_by_label("Find in article").type_text("Ukraine");
    harness.run();
    wait_until(&mut harness, "the search", |app| {
        !app.find_bar().is_searching()
    });
    harness.get_by_label("Match diacritics");
    assert_all_named(&harness, "find bar");

    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness
        .get_by_label("Text to find in all articles")
        .type_text("Biden");
    harness.run();
    wait_until(&mut harness, "the search of all articles", |app| {
        !app.find_all().is_searching()
    });
    harness.get_by_label_contains("Biden to give update (");
    assert_all_named(&harness, "find in all articles");
}

/// The sample project with a claim done, so the statistics window draws its chart.
fn harness_with_a_done_claim() -> Harness<'static, FactdeskApp> {
    let workspace = factdesk::model::Workspace::new(project_with_a_done_claim(), None);
    harness(Startup::Workspace(Box::new(workspace)))
}

#[test]
fn the_mapping_of_given_verdicts_to_a_new_scale_names_every_control() {
    let mut harness = sample_harness();
    click_label(&mut harness, "Project");
    click_label(&mut harness, "Rating scale…");
    click_label(&mut harness, "Presets");
    click_label(
        &mut harness,
        factdesk::model::ScalePreset::ThreeLevel.name(),
    );
    assert!(harness.state().scale_editor().is_mapping());
    harness.get_by_label("Apply new scale");
    assert_all_named(&harness, "scale mapping");
}

#[test]
fn tab_moves_through_the_settings_in_reading_order() {
    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND, Key::Comma);
    let labels = tab_walk(&mut harness, "Settings", "Light");
    assert_reached(
        &labels,
        &[
            "Dark",
            "Larger",
            "Reading width",
            "Your name (reviewer)",
            "Organisation",
            "Report author",
            "Rating scale",
            "Close",
        ],
    );
}
