//! The command palette, View › Statistics and the Help menu's guide and About window, driven as a user
//! would: keys and clicks on the headless window.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use factdesk::model::{ClaimField, Edit, Project, Status, Workspace};
use factdesk::report::{self, ReportFormat, ReportOptions};
use factdesk::ui::{Action, ActionState, AppCommand, Dialog, FactdeskApp, PanelsShown, Startup};

use crate::common::{fixed_time, sample_project, sample_text, sentence_starting};
use crate::ui::{click_char, click_label, harness, press, project_of, sample_workspace};

fn sample_harness() -> Harness<'static, FactdeskApp> {
    harness(Startup::Workspace(Box::new(sample_workspace())))
}

fn open_palette(harness: &mut Harness<'_, FactdeskApp>) {
    press(harness, Modifiers::COMMAND, Key::K);
    assert!(
        harness.query_by_label("Run an action").is_some(),
        "Ctrl+K did not open the palette"
    );
}

/// Types `text` into the palette's search field, which has the keyboard once the palette opens.
fn type_query(harness: &mut Harness<'_, FactdeskApp>, text: &str) {
    harness.get_by_label("Run an action").type_text(text);
    harness.run();
}

#[test]
fn the_palette_lists_every_action_of_the_table_with_its_shortcut() {
    let mut harness = sample_harness();
    open_palette(&mut harness);
    let field = harness.get_by_label("Run an action").rect();
    // Named as the menus name them now: the number keys by the sample's ratings; rows for ratings
    // the scale lacks and for recent files (none yet) have no entry there either.
    let project = project_of(&harness).clone();
    let state = ActionState {
        project: &project,
        recent: &[],
        undo: None,
        redo: None,
        has_text_selection: false,
        has_selected_claim: false,
        current_article: None,
        can_reopen: false,
        has_cursor: false,
        has_find_match: false,
        panels: PanelsShown::default(),
    };
    let shown: Vec<String> = Action::all()
        .into_iter()
        .filter(|&a| state.shown(a))
        .map(|a| state.name(a))
        .collect();
    assert!(shown.contains(&"Verdict › Mostly true".to_owned()));
    let missing: Vec<&String> = shown
        .iter()
        .filter(|name| {
            // Only the palette's own list counts: below its field, within its width.
            !harness.query_all_by_label_contains(name).any(|entry| {
                let entry = entry.rect();
                entry.min.y >= field.max.y
                    && entry.min.x >= field.min.x - 40.0
                    && entry.max.x <= field.max.x + 40.0
            })
        })
        .collect();
    assert!(missing.is_empty(), "not in the palette: {missing:?}");
    let save_as = harness.get_by_label_contains("Save as…");
    let label = save_as.accesskit_node().label().unwrap_or_default();
    assert!(
        label.contains("Shift") && label.contains('S'),
        "Save as… shows no shortcut: {label:?}"
    );
}

#[test]
fn a_fuzzy_query_finds_the_action_and_enter_runs_it() {
    let mut harness = sample_harness();
    open_palette(&mut harness);
    // Letters from the start of each word, out of the middle of the label.
    type_query(&mut harness, "ren proj");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Rename { .. })),
        "Enter did not run Rename project…: {:?}",
        harness.state().dialog()
    );
    assert!(harness.query_by_label("Run an action").is_none());
}

#[test]
fn arrow_keys_move_through_the_list_and_escape_closes_it() {
    let mut harness = sample_harness();
    open_palette(&mut harness);
    // With no query and nothing run yet the table's order holds: New project, Open…, Open URL…
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::UrlPrompt { .. })),
        "the third entry is Open URL…, got {:?}",
        harness.state().dialog()
    );

    let mut harness = sample_harness();
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert!(harness.query_by_label("Run an action").is_some());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label("Run an action").is_none(),
        "Escape left the palette open"
    );
    // Escape closed only the palette: nothing ran.
    assert!(harness.state().dialog().is_none());
    assert_eq!(project_of(&harness).claims.len(), 2);
}

#[test]
fn the_action_run_last_comes_first_next_time() {
    let mut harness = sample_harness();
    open_palette(&mut harness);
    type_query(&mut harness, "statistics");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("By verdict");

    open_palette(&mut harness);
    type_query(&mut harness, "ren proj");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    click_label(&mut harness, "Cancel");
    assert!(harness.state().dialog().is_none());

    // An empty query now lists Rename project… first, then Statistics, then the table.
    open_palette(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Rename { .. })),
        "the most recent action was not first: {:?}",
        harness.state().dialog()
    );
}

/// The sample project with its first claim done, as of [`fixed_time`].
pub(crate) fn project_with_a_done_claim() -> Project {
    let mut project = sample_project();
    let first = project.claims[0].id;
    project
        .apply(Edit::SetClaimField {
            claim: first,
            field: ClaimField::status(Status::Done, fixed_time()),
            at: fixed_time(),
        })
        .unwrap();
    project
}

/// The day [`fixed_time`] falls on in this machine's calendar, as the statistics window writes it.
fn local_day_of_fixed_time() -> String {
    fixed_time()
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn statistics_count_what_the_report_counts_and_chart_the_day_of_the_verdict() {
    let project = project_with_a_done_claim();
    let markdown = report::render(
        &project,
        ReportFormat::Markdown,
        &ReportOptions::at(fixed_time()),
    );
    assert!(markdown.contains("| Mostly true | 1 |"), "{markdown}");
    assert!(markdown.contains("| No verdict yet | 1 |"), "{markdown}");

    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    click_label(&mut harness, "View");
    click_label(&mut harness, "Statistics");
    let heading = harness.get_by_label("By verdict").rect();
    harness.get_by_label("2 claims");
    // The window's own row: the Mostly true badge under its heading, with 1 beside it.
    let counted_beside = |label: &str, count: &str| {
        harness.query_all_by_label(label).any(|badge| {
            let badge = badge.rect();
            badge.min.y > heading.max.y
                && (badge.min.x - heading.min.x).abs() < 40.0
                && harness.query_all_by_label(count).any(|n| {
                    let n = n.rect();
                    n.min.x > badge.max.x
                        && (n.center().y - badge.center().y).abs() < badge.height()
                })
        })
    };
    assert!(
        counted_beside("Mostly true", "1"),
        "no 1 beside Mostly true"
    );
    // The day the verdict was given, in this machine's calendar, with its count.
    harness.get_by_label(&format!("{}: 1", local_day_of_fixed_time()));
    // One article: no per-article table.
    assert!(harness.query_by_label("Per article").is_none());
}

#[test]
fn statistics_of_an_untouched_project_say_nothing_is_done() {
    let mut harness = sample_harness();
    click_label(&mut harness, "View");
    click_label(&mut harness, "Statistics");
    harness.get_by_label("No claim is done yet.");
    assert!(harness.query_by_label("By status").is_some());
}

#[test]
fn getting_started_opens_the_sample_in_an_empty_window_and_ticks_off_the_first_claim() {
    let empty = Workspace::new(Project::new("Untitled project".into()), None);
    let mut harness = harness(Startup::Workspace(Box::new(empty)));
    click_label(&mut harness, "Help");
    click_label(&mut harness, "Getting started");
    harness.get_by_label("1. Mark a claim");
    assert_eq!(harness.query_all_by_label("to do").count(), 5);
    // With no article to work on, the guide opened the sample.
    let project = project_of(&harness);
    assert_eq!(project.articles.len(), 1);
    assert_eq!(project.articles[0].text, sample_text());

    let sentence = sentence_starting(sample_text(), "Biden’s remarks are scheduled");
    click_char(&mut harness, sentence.start + 10);
    assert_eq!(project_of(&harness).claims.len(), 1);
    assert_eq!(harness.query_all_by_label("to do").count(), 4);
    harness.get_by_label("✔ done");
}

#[test]
fn the_guide_leaves_an_open_project_alone_until_asked_for_the_sample() {
    let mut harness = sample_harness();
    click_label(&mut harness, "Help");
    click_label(&mut harness, "Getting started");
    assert_eq!(project_of(&harness).claims.len(), 2);
    // The project is saved as it is (nothing to lose), so the sample replaces it without asking.
    click_label(&mut harness, "Open the sample article");
    let project = project_of(&harness);
    assert!(project.claims.is_empty());
    assert_eq!(project.articles[0].text, sample_text());
}

#[test]
fn opening_the_sample_asks_before_dropping_unsaved_work() {
    let mut harness = sample_harness();
    let first = project_of(&harness).claims[0].id;
    harness
        .state_mut()
        .push_command(AppCommand::Edit(Edit::RemoveClaim(first)));
    harness.run();
    assert!(harness.state().workspace().is_dirty());
    click_label(&mut harness, "Help");
    click_label(&mut harness, "Open the sample article");
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges(_))
    ));
    assert_eq!(project_of(&harness).claims.len(), 1);
}

#[test]
fn about_names_the_version_and_the_licence() {
    let mut harness = sample_harness();
    click_label(&mut harness, "Help");
    click_label(&mut harness, "About factdesk");
    harness.get_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label_contains("MIT OR Apache-2.0");
}

#[test]
fn ctrl_k_in_a_text_field_opens_the_palette_and_leaves_the_text_alone() {
    let mut harness = sample_harness();
    let first = project_of(&harness).claims[0].id;
    harness
        .state_mut()
        .push_command(AppCommand::SelectClaim(first));
    harness.run();
    let before = project_of(&harness).claims[0].explanation.clone();
    harness.get_by_label("Explanation").focus();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    // In an egui text field Ctrl+K deletes from the cursor to the end of the paragraph.
    open_palette(&mut harness);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(project_of(&harness).claims[0].explanation, before);
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn statistics_say_how_many_claims_the_report_leaves_out() {
    let mut project = project_with_a_done_claim();
    project.report.include_unchecked = false;
    let markdown = report::render(
        &project,
        ReportFormat::Markdown,
        &ReportOptions::at(fixed_time()),
    );
    assert!(markdown.contains("1 claim in this report."), "{markdown}");
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    click_label(&mut harness, "View");
    click_label(&mut harness, "Statistics");
    harness.get_by_label("2 claims");
    harness.get_by_label_contains("Reports leave out 1 of these");
}

#[test]
fn statistics_of_a_scale_without_ratings_count_statuses_only() {
    let mut project = project_with_a_done_claim();
    project.rating_scale.clear();
    for claim in &mut project.claims {
        claim.verdict = None;
        claim.verdict_given = None;
    }
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    click_label(&mut harness, "View");
    click_label(&mut harness, "Statistics");
    harness.get_by_label("By status");
    assert!(harness.query_by_label("By verdict").is_none());
    // Without a verdict the done claim is dated by its last change.
    harness.get_by_label(&format!("{}: 1", local_day_of_fixed_time()));
}
