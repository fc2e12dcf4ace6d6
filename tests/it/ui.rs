//! The window, driven headless: clicks, drags and keys as a user would give them.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::{Article, Claim, Project, Status, TextAnchor, Workspace};
use factdesk::ui::{AppCommand, Dialog, FactdeskApp, Startup};

use crate::common::{
    RUSSIAN_STORY, RUSSIAN_TITLE, closed_address, fixed_time, http_response,
    lying_windows_1251_response, path_in, sample_project, sample_text, sentence_starting, serve,
    temp_dir,
};

/// Char range of the first occurrence of `needle` in `text`.
fn find_chars(text: &str, needle: &str) -> std::ops::Range<usize> {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

/// A workspace over [`sample_project`].
pub(crate) fn sample_workspace() -> Workspace {
    Workspace::new(sample_project(), None)
}

pub(crate) fn harness(startup: Startup) -> Harness<'static, FactdeskApp> {
    harness_of(FactdeskApp::with_startup(startup))
}

/// A harness showing `app` as it was built.
pub(crate) fn harness_of(app: FactdeskApp) -> Harness<'static, FactdeskApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_max_steps(120)
        // Which scripts render depends on the fonts of the machine; CJK samples must not fail on a bare one.
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut FactdeskApp| app.show(ui), app);
    harness.run();
    harness
}

fn click_at(harness: &mut Harness<'_, FactdeskApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
}

/// Scrolls the article with the mouse wheel until char `at` is on screen; returns where it is.
fn show_char(harness: &mut Harness<'_, FactdeskApp>, at: usize) -> Pos2 {
    for _ in 0..40 {
        if let Some(pos) = harness.state().article_view().screen_pos_of_char(at) {
            return pos;
        }
        harness.hover_at(Pos2::new(300.0, 400.0));
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    panic!("char {at} never scrolled into view");
}

pub(crate) fn click_char(harness: &mut Harness<'_, FactdeskApp>, at: usize) {
    let pos = show_char(harness, at);
    click_at(harness, pos);
}

fn drag_between(harness: &mut Harness<'_, FactdeskApp>, from: usize, to: usize) {
    show_char(harness, to);
    show_char(harness, from);
    let view = harness.state().article_view();
    let start = view.screen_pos_of_boundary(from).unwrap();
    let end = view.screen_pos_of_boundary(to).unwrap();
    harness.hover_at(start);
    harness.run();
    harness.drag_at(start);
    harness.run();
    let middle = start + (end - start) / 2.0;
    for pos in [start + Vec2::new(12.0, 0.0), middle, end] {
        harness.hover_at(pos);
        harness.run();
    }
    harness.drop_at(end);
    harness.run();
}

/// Scrolls the widget labelled `label` into view and clicks it, as a user would.
pub(crate) fn click_label(harness: &mut Harness<'_, FactdeskApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

pub(crate) fn type_into(harness: &mut Harness<'_, FactdeskApp>, label: &str, text: &str) {
    harness.get_by_label(label).type_text(text);
    harness.run();
}

pub(crate) fn project_of<'h>(harness: &'h Harness<'_, FactdeskApp>) -> &'h Project {
    harness.state().workspace().project()
}

pub(crate) fn press(harness: &mut Harness<'_, FactdeskApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

#[test]
fn starting_without_a_file_opens_the_sample_article_unsaved_and_unchanged() {
    let harness = harness(Startup::Sample);
    let app = harness.state();
    let project = app.workspace().project();
    assert_eq!(project.articles.len(), 1);
    assert_eq!(project.articles[0].text, sample_text());
    assert!(project.claims.is_empty());
    assert!(app.workspace().path().is_none());
    harness.get_by_label_contains("Article text:");
}

#[test]
fn clicking_a_sentence_creates_a_claim_for_exactly_that_sentence() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Biden’s remarks are scheduled");
    click_char(&mut harness, sentence.start + 10);
    let project = project_of(&harness);
    assert_eq!(project.claims.len(), 1);
    let claim = &project.claims[0];
    assert_eq!(claim.anchor.range(), sentence);
    assert!(
        claim
            .anchor
            .quote
            .ends_with("military exercises are complete."),
        "{}",
        claim.anchor.quote
    );
    assert!(claim.anchor.quote.contains("3:30 p.m. and come hours"));
    assert_eq!(harness.state().selected_claim(), Some(claim.id));
    assert!(
        harness.state().window_title().contains('•'),
        "{}",
        harness.state().window_title()
    );
    harness.get_by_label_contains("Claim 1:");

    // Clicking inside the highlight selects the claim instead of marking another.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().selected_claim(), None);
    click_char(&mut harness, sentence.start + 40);
    assert_eq!(project_of(&harness).claims.len(), 1);
    assert_eq!(
        harness.state().selected_claim(),
        Some(project_of(&harness).claims[0].id)
    );
}

#[test]
fn clicking_between_sentences_marks_nothing() {
    let mut harness = harness(Startup::Sample);
    // The space after "policy.”" in the Psaki sentence pair belongs to no sentence.
    let first = sentence_starting(sample_text(), "@POTUS remarks");
    click_char(&mut harness, first.end);
    assert!(project_of(&harness).claims.is_empty());
}

#[test]
fn drag_selecting_part_of_a_sentence_then_enter_creates_a_claim_for_exactly_that_span() {
    let mut harness = harness(Startup::Sample);
    let span = find_chars(sample_text(), "roughly 130,000 soldiers");
    drag_between(&mut harness, span.start, span.end);
    assert_eq!(
        harness.state().article_view().selection(),
        Some(span.clone())
    );
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let project = project_of(&harness);
    assert_eq!(project.claims.len(), 1);
    assert_eq!(project.claims[0].anchor.quote, "roughly 130,000 soldiers");
    assert_eq!(project.claims[0].anchor.range(), span);
}

#[test]
fn a_drag_across_two_sentences_makes_one_overlapping_claim() {
    let mut harness = harness(Startup::Sample);
    let first = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, first.start + 3);
    let second = sentence_starting(sample_text(), "National Security Adviser");
    let span = find_chars(sample_text(), "sparking concerns").start
        ..second.start + "National Security".chars().count();
    drag_between(&mut harness, span.start, span.end);
    harness
        .get_by_label_contains("Create claim from selection")
        .click();
    harness.run();
    let project = project_of(&harness);
    assert_eq!(project.claims.len(), 2, "overlapping claims are allowed");
    let quotes: Vec<&str> = project
        .claims
        .iter()
        .map(|c| c.anchor.quote.as_str())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("sparking concerns") && q.ends_with("National Security")),
        "{quotes:?}"
    );
}

#[test]
fn clicking_a_list_row_selects_the_claim_and_scrolls_the_article_to_it() {
    // A long article whose last paragraph is far below the first screen.
    let mut text = String::new();
    for i in 0..80 {
        text.push_str(&format!(
            "Paragraph {i} says the budget grew by {i} percent last year.\n"
        ));
    }
    text.push_str("The final paragraph claims unemployment fell to 3 percent.\n");
    let article = Article::new("Long".into(), text.clone(), None, fixed_time());
    let span = find_chars(
        &text,
        "The final paragraph claims unemployment fell to 3 percent.",
    );
    let claim = Claim::new(
        article.id,
        TextAnchor::from_range(&text, span.start, span.end).unwrap(),
        fixed_time(),
    );
    let id = claim.id;
    let mut project = Project::from_article(article);
    project.claims.push(claim);
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    assert!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(span.start)
            .is_none(),
        "starts off screen"
    );

    harness.get_by_label_contains("Claim 1:").click();
    harness.run();
    assert_eq!(harness.state().selected_claim(), Some(id));
    let pos = harness
        .state()
        .article_view()
        .screen_pos_of_char(span.start)
        .expect("scrolled into view");
    assert!((0.0..800.0).contains(&pos.y), "claim drawn at {pos:?}");
    harness.get_by_label("Claim #1");
}

#[test]
fn setting_a_verdict_in_the_editor_changes_the_model_and_undo_restores_it() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, sentence.start + 2);
    click_label(&mut harness, "False");
    click_label(&mut harness, "In progress");
    let claim = &project_of(&harness).claims[0];
    assert_eq!(claim.verdict.as_deref(), Some("false"));
    assert_eq!(claim.status, Status::InProgress);
    let marked = claim.status_changed;
    assert!(marked.is_some_and(|t| t >= claim.created), "{marked:?}");

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).claims[0].status, Status::Unchecked);
    assert_eq!(project_of(&harness).claims[0].status_changed, None);
    assert_eq!(
        project_of(&harness).claims[0].verdict.as_deref(),
        Some("false")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).claims[0].verdict, None);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        project_of(&harness).claims[0].verdict.as_deref(),
        Some("false")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(project_of(&harness).claims[0].status, Status::InProgress);
    assert_eq!(project_of(&harness).claims[0].status_changed, marked);
}

#[test]
fn typing_a_claimant_is_one_undo_step() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, sentence.start + 2);
    click_label(&mut harness, "Claimant");
    type_into(&mut harness, "Claimant", "Jake Sullivan");
    assert_eq!(project_of(&harness).claims[0].claimant, "Jake Sullivan");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).claims[0].claimant, "");
    assert_eq!(
        project_of(&harness).claims.len(),
        1,
        "the claim itself is a separate step"
    );
}

#[test]
fn appearances_are_typed_one_per_line_and_blank_lines_are_dropped() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, sentence.start + 2);
    let label = "Appearances (one per line)";
    click_label(&mut harness, label);
    type_into(&mut harness, label, "CNN, State of the Union");
    // A new line is kept while typing, though it is not an appearance yet.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        project_of(&harness).claims[0].appearances,
        ["CNN, State of the Union"]
    );
    type_into(&mut harness, label, "  https://example.org/interview ");
    assert_eq!(
        project_of(&harness).claims[0].appearances,
        ["CNN, State of the Union", "https://example.org/interview"]
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        project_of(&harness).claims[0].appearances.is_empty(),
        "typing the list is one undo step"
    );
}

#[test]
fn sources_are_added_and_edited_in_the_editor() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, sentence.start + 2);
    click_label(&mut harness, "Add source");
    harness.get_by_label("URL (source 1)").click();
    harness.run();
    harness
        .get_by_label("URL (source 1)")
        .type_text("https://example.org/report");
    harness.run();
    click_label(&mut harness, "Refutes");
    let sources = &project_of(&harness).claims[0].sources;
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].url, "https://example.org/report");
    assert_eq!(sources[0].stance, factdesk::model::Stance::Refutes);
    assert!(sources[0].accessed.is_some(), "accessed defaults to today");
}

#[test]
fn keyboard_moves_through_the_list_and_delete_is_undoable() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let numbered: Vec<_> = project_of(&harness)
        .numbered_claims()
        .into_iter()
        .map(|(_, c)| c.id)
        .collect();
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(harness.state().selected_claim(), Some(numbered[0]));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(harness.state().selected_claim(), Some(numbered[1]));
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(harness.state().selected_claim(), Some(numbered[0]));

    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(project_of(&harness).claims.len(), 1);
    assert!(project_of(&harness).claim(numbered[0]).is_none());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(project_of(&harness).claim(numbered[0]).is_some());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().selected_claim(), None);
}

#[test]
fn search_and_filters_narrow_the_list() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    harness.get_by_label_contains("Claim 1:");
    harness.get_by_label_contains("Claim 2:");
    click_label(&mut harness, "Search");
    type_into(&mut harness, "Search", "embassy");
    assert!(harness.query_by_label_contains("Claim 1:").is_none());
    harness.get_by_label_contains("Claim 2:");
}

#[test]
fn new_project_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Putin responded");
    click_char(&mut harness, sentence.start + 1);
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges(_))
    ));
    harness.get_by_label("Save changes?");
    click_label(&mut harness, "Cancel");
    assert!(harness.state().dialog().is_none());
    assert_eq!(project_of(&harness).claims.len(), 1);

    press(&mut harness, Modifiers::COMMAND, Key::N);
    click_label(&mut harness, "Discard changes");
    assert!(project_of(&harness).articles.is_empty());
    assert!(project_of(&harness).claims.is_empty());
}

#[test]
fn opening_a_bad_file_shows_an_error_and_keeps_the_project() {
    let dir = temp_dir();
    let bad = path_in(dir.path(), "broken.factdesk.json");
    std::fs::write(&bad, "{\"schema_version\": 1, \"title\": ").unwrap();
    let binary = path_in(dir.path(), "photo.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let before = project_of(&harness).clone();
    for path in [bad, binary] {
        harness.state_mut().push_command(AppCommand::OpenPath(path));
        harness.run();
        finish_loading(&mut harness);
        let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
            panic!(
                "expected an error dialog, got {:?}",
                harness.state().dialog()
            );
        };
        assert!(
            message.contains(dir.path().to_str().unwrap()),
            "names the file: {message}"
        );
        click_label(&mut harness, "OK");
        assert_eq!(project_of(&harness), &before);
    }
}

#[test]
fn three_claims_with_verdicts_and_sources_survive_save_reopen_and_export() {
    let dir = temp_dir();
    let mut harness = harness(Startup::Sample);
    let picks = [
        ("Russia has amassed", "False"),
        ("Additionally, on Monday", "True"),
        ("On Tuesday, Ukraine’s Defense Ministry", "Half true"),
    ];
    for (i, (prefix, verdict)) in picks.iter().enumerate() {
        let sentence = sentence_starting(sample_text(), prefix);
        click_char(&mut harness, sentence.start + 2);
        click_label(&mut harness, verdict);
        click_label(&mut harness, "Add source");
        let url_field = "URL (source 1)";
        click_label(&mut harness, url_field);
        type_into(
            &mut harness,
            url_field,
            &format!("https://example.org/evidence-{i}"),
        );
        press(&mut harness, Modifiers::NONE, Key::Escape);
    }
    // Escape only clears the selection once focus has left the text field.
    assert_eq!(project_of(&harness).claims.len(), 3);

    let saved = path_in(dir.path(), "check.factdesk.json");
    harness
        .state_mut()
        .push_command(AppCommand::SaveTo(saved.clone()));
    finish_saving(&mut harness);
    assert!(!harness.state().workspace().is_dirty());
    assert!(!harness.state().window_title().contains('•'));

    // Closed, then opened again (an open window holds the file's lock).
    let saved_project = harness.state().workspace().project().clone();
    drop(harness);
    let reopened = harness_for_file(&saved);
    assert_eq!(reopened.state().workspace().project(), &saved_project);

    let report_path = path_in(dir.path(), "report.html");
    let mut reopened = reopened;
    reopened.state_mut().push_command(AppCommand::ExportTo(
        factdesk::ui::Export::plain(factdesk::report::ReportFormat::Html),
        report_path.clone(),
    ));
    reopened.run();
    let html = std::fs::read_to_string(&report_path).unwrap();
    for (i, (prefix, verdict)) in picks.iter().enumerate() {
        assert!(html.contains(prefix), "report has claim {prefix}");
        assert!(html.contains(verdict), "report has verdict {verdict}");
        assert!(
            html.contains(&format!("https://example.org/evidence-{i}")),
            "report has source {i}"
        );
    }
}

pub(crate) fn harness_for_file(path: &std::path::Path) -> Harness<'static, FactdeskApp> {
    let mut harness = harness(Startup::File(path.to_owned()));
    finish_loading(&mut harness);
    harness
}

/// Waits for a file being opened in the background to be done.
pub(crate) fn finish_loading(harness: &mut Harness<'_, FactdeskApp>) {
    wait_until(harness, "the file to load", |app| !app.is_loading());
}

/// A file as the window system hands over a drop.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, FactdeskApp>, path: &std::path::Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.to_owned())));
    // While a file loads, the progress spinner repaints every frame, and `run` would take that for a
    // window that never settles; callers wait for the load with `finish_loading`.
    harness.run_steps(2);
    if !harness.state().is_loading() {
        harness.run();
    }
}

#[test]
fn dropping_an_article_opens_it_after_asking_about_unsaved_work() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "budget.md");
    std::fs::write(
        &path,
        "# Budget speech\r\n\r\nThe deficit halved in four years. Spending rose.\r\n",
    )
    .unwrap();
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Putin responded");
    click_char(&mut harness, sentence.start + 1);

    drop_file(&mut harness, &path);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges(_))
    ));
    click_label(&mut harness, "Discard changes");
    finish_loading(&mut harness);
    let project = project_of(&harness);
    assert_eq!(project.title, "Budget speech");
    assert_eq!(
        project.articles[0].text, "Budget speech\nThe deficit halved in four years. Spending rose.",
        "Markdown is shown without its markup"
    );
    assert_eq!(project.articles[0].blocks[0].heading, Some(1));
    assert!(
        harness
            .state()
            .recent_files()
            .iter()
            .any(|p| p.ends_with("budget.md"))
    );

    let deficit = sentence_starting(&project.articles[0].text.clone(), "The deficit");
    click_char(&mut harness, deficit.start);
    assert_eq!(
        project_of(&harness).claims[0].anchor.quote,
        "The deficit halved in four years."
    );
}

#[test]
fn a_second_article_gets_a_switcher_and_claims_stay_with_their_article() {
    let dir = temp_dir();
    let second = path_in(dir.path(), "second.txt");
    std::fs::write(
        &second,
        "Second article.\nIt claims that exports doubled.\n",
    )
    .unwrap();
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let first_article = project_of(&harness).articles[0].id;
    harness
        .state_mut()
        .push_command(AppCommand::AddArticlePath(second));
    harness.run();
    finish_loading(&mut harness);
    let second_article = project_of(&harness).articles[1].id;
    assert_eq!(harness.state().current_article(), Some(second_article));
    harness.get_by_label("Article");
    assert!(
        harness.query_by_label_contains("Claim 1:").is_none(),
        "the list shows this article's claims"
    );

    let text = project_of(&harness).articles[1].text.clone();
    let exports = sentence_starting(&text, "It claims");
    click_char(&mut harness, exports.start + 3);
    let claim = project_of(&harness).claims.last().unwrap();
    assert_eq!(claim.article, second_article);
    assert_eq!(claim.anchor.quote, "It claims that exports doubled.");
    assert_eq!(
        project_of(&harness).claim_number(claim.id),
        Some(3),
        "numbered after the first article's claims"
    );

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        project_of(&harness).articles.len(),
        1,
        "adding the article is undoable too"
    );
    assert_eq!(harness.state().current_article(), Some(first_article));
}

#[test]
fn a_long_claim_list_draws_only_visible_rows_and_follows_the_selection() {
    let mut text = String::new();
    for i in 1..=300 {
        text.push_str(&format!("Statement {i} says the figure was {i} percent.\n"));
    }
    let article = Article::new("Many".into(), text.clone(), None, fixed_time());
    let mut project = Project::from_article(article.clone());
    for range in factdesk::model::text::sentences(&text) {
        let anchor = TextAnchor::from_range(&text, range.start, range.end).unwrap();
        project
            .claims
            .push(Claim::new(article.id, anchor, fixed_time()));
    }
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    harness.get_by_label_contains("Claim 1:");
    assert!(
        harness.query_by_label_contains("Claim 300:").is_none(),
        "rows far below are not drawn"
    );

    // With nothing selected, Up selects the last claim; list and article both follow.
    press(&mut harness, Modifiers::NONE, Key::ArrowUp);
    harness.get_by_label_contains("Claim 300:");
    assert!(harness.query_by_label_contains("Claim 1:").is_none());
    let last = project_of(&harness)
        .numbered_claims()
        .last()
        .map(|(_, c)| c.anchor.start)
        .unwrap();
    assert!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(last)
            .is_some()
    );
}

pub(crate) fn request_close(harness: &mut Harness<'_, FactdeskApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

pub(crate) fn sent_viewport_command(
    harness: &Harness<'_, FactdeskApp>,
    wanted: &egui::ViewportCommand,
) -> bool {
    harness
        .output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(wanted))
}

#[test]
fn closing_the_window_with_unsaved_changes_is_held_until_the_user_decides() {
    let mut harness = harness(Startup::Sample);
    request_close(&mut harness);
    assert!(
        !sent_viewport_command(&harness, &egui::ViewportCommand::CancelClose),
        "nothing to lose: closes"
    );

    let sentence = sentence_starting(sample_text(), "Putin responded");
    click_char(&mut harness, sentence.start + 1);
    request_close(&mut harness);
    assert!(sent_viewport_command(
        &harness,
        &egui::ViewportCommand::CancelClose
    ));
    assert_eq!(
        harness.state().dialog().cloned().map(|d| format!("{d:?}")),
        Some("UnsavedChanges(Quit)".into())
    );
    harness.run();
    click_label(&mut harness, "Discard changes");
    assert!(harness.state().dialog().is_none());
}

/// Steps frames until `done` holds, for work finished on another thread; fails after ten seconds.
pub(crate) fn wait_until(
    harness: &mut Harness<'_, FactdeskApp>,
    what: &str,
    done: impl Fn(&FactdeskApp) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(harness.state()) {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    // A worker that is still finishing (a recovery copy after a save, say) keeps asking for frames
    // until it is done, which on a loaded machine can outlast the harness's step limit: settle by
    // the clock, as a window would.
    while harness.try_run().is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the window kept asking for frames after {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Runs frames until the save under way is written (saves run off the UI thread).
pub(crate) fn finish_saving(harness: &mut Harness<'_, FactdeskApp>) {
    // A queued save command starts on the next frame.
    harness.step();
    wait_until(harness, "the save to finish", |app| !app.is_saving());
}

#[test]
fn without_a_desktop_file_chooser_save_asks_for_a_path_with_a_suggested_name() {
    // Headless test machines have no XDG desktop portal, so the native dialog cannot appear.
    let dir = temp_dir();
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Putin responded");
    click_char(&mut harness, sentence.start + 1);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    wait_until(&mut harness, "the path prompt", |app| {
        matches!(app.dialog(), Some(Dialog::PathPrompt { .. }))
    });
    let Some(Dialog::PathPrompt { path, .. }) = harness.state().dialog() else {
        unreachable!()
    };
    assert!(
        path.ends_with("president-joe-biden-is-slated-to-deliver-an-update-on-the.factdesk.json"),
        "{path}"
    );

    let target = dir.path().join("checked.factdesk.json");
    harness.get_by_label("File path").focus();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_into(&mut harness, "File path", target.to_str().unwrap());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    finish_saving(&mut harness);
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    assert!(!harness.state().workspace().is_dirty());
    assert_eq!(
        factdesk::store::load(&target).unwrap(),
        *project_of(&harness)
    );
}

#[test]
fn renaming_the_project_and_removing_an_article_are_undoable() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::RenameProject));
    harness.run();
    harness.get_by_label("Project name").focus();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_into(&mut harness, "Project name", "Ukraine briefing check");
    click_label(&mut harness, "Rename");
    assert_eq!(project_of(&harness).title, "Ukraine briefing check");
    assert!(
        harness
            .state()
            .window_title()
            .starts_with("Ukraine briefing check •")
    );

    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::RemoveArticle));
    harness.run();
    assert!(project_of(&harness).articles.is_empty() && project_of(&harness).claims.is_empty());
    harness.get_by_label("No article in this project");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).claims.len(), 2);
    assert!(harness.state().current_article().is_some());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).title, "Biden to give update");
}

#[test]
fn export_runs_the_transparency_check_first_and_can_go_to_the_claim_or_export_anyway() {
    let dir = temp_dir();
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Russia has amassed");
    click_char(&mut harness, sentence.start + 2);
    click_label(&mut harness, "False");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let claim = project_of(&harness).claims[0].id;

    let export = AppCommand::Action(factdesk::ui::Action::ExportReport(
        factdesk::report::ReportFormat::Markdown,
    ));
    harness.state_mut().push_command(export.clone());
    harness.run();
    harness.get_by_label("Before you publish");
    harness.get_by_label("Claim #1 has a verdict but no source");
    harness.get_by_label("Claim #1 has a verdict but no explanation");
    click_label(&mut harness, "Go to claim #1");
    assert_eq!(harness.state().selected_claim(), Some(claim));
    assert!(harness.state().dialog().is_none());

    harness.state_mut().push_command(export);
    harness.run();
    click_label(&mut harness, "Export anyway");
    let target = dir.path().join("check.md");
    answer_path_prompt(&mut harness, &target);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Exported { .. })),
        "{:?}",
        harness.state().dialog()
    );
    harness.get_by_label("Open it");
    let markdown = std::fs::read_to_string(&target).unwrap();
    assert!(markdown.contains("False"), "{markdown}");
}

#[test]
fn report_settings_are_edited_in_a_dialog_stored_in_the_project_and_undoable() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::ReportSettings));
    harness.run();
    click_label(&mut harness, "Organisation");
    type_into(&mut harness, "Organisation", "Harbour Fact Desk");
    click_label(&mut harness, "Base URL");
    type_into(&mut harness, "Base URL", "https://checks.example.org/biden");
    click_label(&mut harness, "Include claims not yet checked");
    click_label(&mut harness, "Save settings");
    let report = &project_of(&harness).report;
    assert_eq!(report.organisation, "Harbour Fact Desk");
    assert_eq!(report.base_url, "https://checks.example.org/biden");
    assert!(!report.include_unchecked);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        project_of(&harness).report,
        factdesk::model::ReportSettings::default()
    );
}

/// Answers the in-app path prompt that stands in for the native file chooser on headless machines.
pub(crate) fn answer_path_prompt(harness: &mut Harness<'_, FactdeskApp>, path: &std::path::Path) {
    wait_until(harness, "the path prompt", |app| {
        matches!(app.dialog(), Some(Dialog::PathPrompt { .. }))
    });
    harness.get_by_label("File path").focus();
    harness.run();
    press(harness, Modifiers::COMMAND, Key::A);
    type_into(harness, "File path", path.to_str().unwrap());
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn file_import_claimreview_adds_an_article_of_reviewed_claims() {
    let feed =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::ImportClaimReview));
    harness.run();
    answer_path_prompt(&mut harness, &feed);
    let Some(Dialog::Notice { message, .. }) = harness.state().dialog() else {
        panic!("expected import notes, got {:?}", harness.state().dialog());
    };
    assert!(message.contains("MediaReview"), "{message}");
    click_label(&mut harness, "OK");
    let project = project_of(&harness);
    assert_eq!(project.articles.len(), 2);
    assert_eq!(
        harness.state().current_article(),
        Some(project.articles[1].id)
    );
    harness.get_by_label_contains("Claim 3: The new bridge cost twice its budget.");
    harness.get_by_label_contains("Claim 4: River levels");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        project_of(&harness).articles.len(),
        1,
        "one undo removes the whole import"
    );
}

#[test]
fn every_export_format_is_written_from_the_export_menu() {
    let dir = temp_dir();
    let mut project = sample_project();
    project.report.base_url = "https://checks.example.org/biden".into();
    // Give the second claim what the transparency check asks of a verdict, so nothing interrupts.
    project.claims[1].verdict = None;
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    click_label(&mut harness, "File");
    harness.get_by_label("Export report").hover();
    harness.run();
    let labels: Vec<String> = factdesk::report::ReportFormat::ALL
        .iter()
        .map(|f| f.menu_label().to_owned())
        .chain(["CSV table for Excel…".to_owned()])
        .collect();
    for label in &labels {
        // An entry with a shortcut is named with it ("HTML report… Ctrl+Shift+E").
        harness.get_by_label_contains(label);
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);

    let actions = factdesk::report::ReportFormat::ALL
        .map(factdesk::ui::Action::ExportReport)
        .into_iter()
        .chain([factdesk::ui::Action::ExportCsvForExcel]);
    for (i, action) in actions.enumerate() {
        harness.state_mut().push_command(AppCommand::Action(action));
        harness.run();
        let target = dir.path().join(format!("export-{i}"));
        answer_path_prompt(&mut harness, &target);
        let Some(Dialog::Exported { path, .. }) = harness.state().dialog() else {
            panic!(
                "{action:?}: expected the exported dialog, got {:?}",
                harness.state().dialog()
            );
        };
        let written = std::fs::read(path).unwrap();
        assert!(
            String::from_utf8_lossy(&written).contains("130,000"),
            "{action:?} wrote the claim"
        );
        if action == factdesk::ui::Action::ExportCsvForExcel {
            assert!(
                written.starts_with(b"\xEF\xBB\xBF"),
                "the Excel CSV starts with a BOM"
            );
            assert!(path.extension().is_some_and(|e| e == "csv"));
        }
        click_label(&mut harness, "Close");
    }
}

#[test]
fn ctrl_shift_v_adds_the_clipboard_text_as_an_article() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    // The window system answers the paste request with the clipboard's text.
    harness.event(Event::Paste(
        "Council briefing\r\nThe bridge cost twice its budget.\r\n".into(),
    ));
    harness.run();
    let project = project_of(&harness);
    assert_eq!(project.articles.len(), 2);
    let pasted = &project.articles[1];
    assert_eq!(pasted.title, "Council briefing");
    assert_eq!(
        pasted.text,
        "Council briefing\nThe bridge cost twice its budget.\n"
    );
    assert_eq!(pasted.meta.source_format, "clipboard");
    assert_eq!(harness.state().current_article(), Some(pasted.id));
}

/// Opens `url` with File › Open URL, as a user types it, and waits for the download.
pub(crate) fn open_url(harness: &mut Harness<'_, FactdeskApp>, url: &str) {
    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::OpenUrl));
    harness.run();
    type_into(harness, "Web address", url);
    press(harness, Modifiers::NONE, Key::Enter);
    finish_loading(harness);
}

#[test]
fn open_url_downloads_the_page_from_a_local_server_and_opens_its_article() {
    let page = "<!DOCTYPE html><html><head><title>Harbour report</title></head><body><nav>Menu</nav>\
        <article><h1>Harbour dredging doubles</h1><p>The port authority said dredging volumes doubled \
        last year, which environmental groups dispute. Figures published in March show a rise of \
        sixty percent.</p><p>An independent survey is due in the spring, the authority added.</p>\
        </article></body></html>";
    let base = serve(vec![http_response(
        "200 OK",
        "Content-Type: text/html\r\n",
        page.as_bytes(),
    )]);
    let url = format!("{base}/harbour");

    let mut harness = harness(Startup::Sample);
    open_url(&mut harness, &url);
    let project = project_of(&harness);
    assert_eq!(project.articles.len(), 1, "{:?}", harness.state().dialog());
    let article = &project.articles[0];
    assert!(article.text.contains("sixty percent"), "{}", article.text);
    assert!(!article.text.contains("Menu"));
    assert_eq!(article.origin.as_deref(), Some(url.as_str()));
    assert!(
        article.blocks[0].heading.is_some(),
        "the headline stays a heading"
    );
}

#[test]
fn a_failed_download_says_why_and_keeps_the_project() {
    let url = format!("{}/gone", closed_address());
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let before = project_of(&harness).clone();
    open_url(&mut harness, &url);
    let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
        panic!("expected an error, got {:?}", harness.state().dialog());
    };
    assert!(message.contains("could not open the page"), "{message}");
    assert!(message.ends_with(&url), "names the address: {message}");
    assert_eq!(project_of(&harness), &before);
}

#[test]
fn open_url_reads_the_page_in_the_charset_its_server_names_over_a_lying_meta_tag() {
    let base = serve(vec![lying_windows_1251_response()]);
    let url = format!("{base}/most");
    let mut harness = harness(Startup::Sample);
    open_url(&mut harness, &url);
    let Some(Dialog::Notice { title, message }) = harness.state().dialog() else {
        panic!(
            "expected the import's notes, got {:?}",
            harness.state().dialog()
        );
    };
    assert_eq!(title, "Opened with notes");
    assert!(
        message.contains(
            "The server sent the page as windows-1251 (\"windows-1251\") but the page declares the \
             charset \"utf-8\"; it was read as windows-1251, as browsers read it."
        ),
        "{message}"
    );
    // On screen, where the user reads it.
    harness.get_by_label_contains("as browsers read it");
    let article = &project_of(&harness).articles[0];
    assert_eq!(article.title, RUSSIAN_TITLE);
    for paragraph in RUSSIAN_STORY {
        assert!(article.text.contains(paragraph), "{}", article.text);
    }
    assert_eq!(article.meta.encoding, "windows-1251");
}

#[test]
fn an_article_can_be_reopened_with_another_encoding_unless_claims_would_break() {
    let dir = temp_dir();
    let path = dir.path().join("polish.txt");
    // "Zażółć gęślą jaźń" and more, in ISO-8859-2; read as windows-1252 it turns to mojibake.
    let text = "Zażółć gęślą jaźń. Rząd podał, że budżet wzrósł o pięć procent w zeszłym roku.\n";
    let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(text);
    std::fs::write(&path, &bytes).unwrap();
    let mut harness = harness_for_file(&path);
    if harness.state().dialog().is_some() {
        click_label(&mut harness, "OK");
    }
    harness.state_mut().push_command(AppCommand::Action(
        factdesk::ui::Action::ReopenWithEncoding("windows-1252"),
    ));
    harness.run();
    assert_ne!(project_of(&harness).articles[0].text, text);
    harness.state_mut().push_command(AppCommand::Action(
        factdesk::ui::Action::ReopenWithEncoding("ISO-8859-2"),
    ));
    harness.run();
    let article = &project_of(&harness).articles[0];
    assert_eq!(article.text, text);
    assert_eq!(article.meta.encoding, "ISO-8859-2");

    // With a claim marked, a reading that changes the text under it is refused.
    let sentence = sentence_starting(text, "Rząd podał");
    click_char(&mut harness, sentence.start + 2);
    harness.state_mut().push_command(AppCommand::Action(
        factdesk::ui::Action::ReopenWithEncoding("windows-1252"),
    ));
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Error { .. })
    ));
    assert_eq!(project_of(&harness).articles[0].text, text);
}

#[cfg(unix)]
#[test]
fn opening_shows_progress_and_cancel_leaves_the_project_as_it_was() {
    // A named pipe nobody writes to stands in for a slow file: reading it waits until cancelled.
    let dir = temp_dir();
    let pipe = dir.path().join("slow-article.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let before = project_of(&harness).clone();
    harness
        .state_mut()
        .push_command(AppCommand::OpenPath(pipe.clone()));
    // The spinner keeps the window drawing while the file loads, so step frames rather than settle.
    harness.run_steps(3);
    assert!(harness.state().is_loading());
    harness.get_by_label("Opening slow-article.txt…");
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    harness.run();
    assert!(!harness.state().is_loading());
    assert_eq!(project_of(&harness), &before);
    // Let the worker finish so it does not outlive the test's folder.
    std::fs::write(&pipe, "late text").ok();
}

#[test]
fn every_article_format_opens_when_dropped_on_the_window() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for sample in crate::cli::FORMAT_SAMPLES {
        let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(
            Project::new("Empty".into()),
            None,
        ))));
        drop_file(&mut harness, &data.join(sample));
        finish_loading(&mut harness);
        if let Some(Dialog::Notice { .. }) = harness.state().dialog() {
            click_label(&mut harness, "OK");
        }
        assert!(
            harness.state().dialog().is_none(),
            "{sample}: {:?}",
            harness.state().dialog()
        );
        let project = project_of(&harness);
        assert_eq!(project.articles.len(), 1, "{sample}");
        let article = &project.articles[0];
        // The first sentence of the article is on screen and can be marked with a click.
        let first = factdesk::model::text::sentences_in(&article.text, &article.paragraph_ranges())
            [0]
        .clone();
        click_char(&mut harness, first.start);
        assert_eq!(
            project_of(&harness).claims.len(),
            1,
            "{sample}: a click marks a claim"
        );
    }
}

#[test]
fn undo_while_a_list_field_has_focus_shows_the_undone_value_and_typing_on_keeps_it_undone() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    let id = project_of(&harness).claims[0].id;
    harness
        .state_mut()
        .push_command(AppCommand::SelectClaim(id));
    harness.run();
    let tags =
        |h: &Harness<'_, FactdeskApp>| h.state().workspace().project().claims[0].tags.clone();
    let before = tags(&harness);
    harness.get_by_label("Tags (comma separated)").focus();
    harness.run();
    type_into(&mut harness, "Tags (comma separated)", "economy");
    assert_eq!(tags(&harness), vec!["economy".to_owned()]);

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(tags(&harness), before, "undone");
    type_into(&mut harness, "Tags (comma separated)", "health");
    assert_eq!(
        tags(&harness),
        vec!["health".to_owned()],
        "the undone text does not come back with the next key"
    );
}
