//! Find in the window: the find bar over the article (Ctrl+F) and the search of all articles
//! (Ctrl+Shift+F), driven by keys and clicks as a user gives them.

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::{Article, Project, Workspace};
use factdesk::ui::{FactdeskApp, Startup};

use crate::common::{fixed_time, sample_text};
use crate::ui::{click_label, harness, press, project_of, wait_until};

const BAR_FIELD: &str = "Find in article";
const ALL_FIELD: &str = "Text to find in all articles";

/// The text of char range `range` of `text`.
fn chars(text: &str, range: std::ops::Range<usize>) -> String {
    text.chars().skip(range.start).take(range.len()).collect()
}

/// Types `text` into the focused field one char per frame, as a typist would.
fn type_slowly(harness: &mut Harness<'_, FactdeskApp>, text: &str) {
    for ch in text.chars() {
        harness.get_by_label(BAR_FIELD).type_text(&ch.to_string());
        harness.step();
    }
}

/// The window showing a project of one article, `text`.
fn harness_with_article(title: &str, text: &str) -> Harness<'static, FactdeskApp> {
    let article = Article::new(title.into(), text.into(), None, fixed_time());
    let project = Project::from_article(article);
    harness(Startup::Workspace(Box::new(Workspace::new(project, None))))
}

/// Opens find in all articles with Ctrl+Shift+F, types `query` and waits for the matches.
fn search_all_articles(harness: &mut Harness<'_, FactdeskApp>, query: &str) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    assert!(harness.get_by_label(ALL_FIELD).is_focused());
    harness.get_by_label(ALL_FIELD).type_text(query);
    harness.run();
    wait_until(harness, "the search of all articles", |app| {
        !app.find_all().is_searching()
    });
}

fn wait_for_matches(harness: &mut Harness<'_, FactdeskApp>) {
    wait_until(harness, "the search", |app| !app.find_bar().is_searching());
}

#[test]
fn ctrl_f_finds_counts_and_steps_through_matches_and_escape_returns_to_the_article() {
    let mut harness = harness(Startup::Sample);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    assert!(harness.get_by_label(BAR_FIELD).is_focused());

    type_slowly(&mut harness, "ukraine");
    wait_for_matches(&mut harness);
    // Every control fits in the article's column beside the claim list and editor at 1280×800.
    let column = harness.get_by_label_contains("Article text:").rect();
    for control in [
        BAR_FIELD,
        "Previous",
        "Next",
        "Close",
        "Match case",
        "Match diacritics",
        "Whole words",
        "Make claim from match",
    ] {
        let rect = harness.get_by_label(control).rect();
        assert!(
            rect.min.x >= column.min.x && rect.max.x <= column.max.x,
            "{control} at {rect:?} sticks out of the article column {column:?}"
        );
    }
    // Case is ignored by default: every "Ukraine", including "Ukraine’s".
    let total = sample_text().to_lowercase().matches("ukraine").count();
    assert!(total > 3, "the sample names Ukraine often");
    harness.get_by_label(&format!("1 of {total}"));
    let first = harness.state().find_bar().current_match().unwrap();
    assert_eq!(chars(sample_text(), first.clone()), "Ukraine");

    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label(&format!("2 of {total}"));
    assert!(
        harness.get_by_label(BAR_FIELD).is_focused(),
        "Enter keeps typing in the field"
    );
    press(&mut harness, Modifiers::SHIFT, Key::Enter);
    harness.get_by_label(&format!("1 of {total}"));
    press(&mut harness, Modifiers::NONE, Key::F3);
    harness.get_by_label(&format!("2 of {total}"));
    press(&mut harness, Modifiers::SHIFT, Key::F3);
    press(&mut harness, Modifiers::SHIFT, Key::F3);
    harness.get_by_label(&format!("{total} of {total}"));
    let last = harness.state().find_bar().current_match().unwrap();
    assert!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(last.start)
            .is_some(),
        "the article shows the current match"
    );

    // Whole words: "Ukraine’s" is one word and no longer a match.
    click_label(&mut harness, "Whole words");
    wait_for_matches(&mut harness);
    let whole = total - sample_text().matches("Ukraine’s").count();
    assert!(whole < total);
    assert_eq!(harness.state().find_bar().match_count(), whole);

    // Ctrl+F again puts the keyboard back in the field, keeping the query.
    press(&mut harness, Modifiers::COMMAND, Key::F);
    assert!(harness.get_by_label(BAR_FIELD).is_focused());
    assert_eq!(
        harness.get_by_label(BAR_FIELD).value().as_deref(),
        Some("ukraine")
    );
    // The query is selected, so typing replaces it.
    harness.get_by_label(BAR_FIELD).type_text("Russia");
    harness.run();
    assert_eq!(
        harness.get_by_label(BAR_FIELD).value().as_deref(),
        Some("Russia")
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label(BAR_FIELD).is_none(),
        "Escape closes the bar"
    );
    assert!(
        harness.get_by_label_contains("Article text:").is_focused(),
        "the keyboard is back in the article"
    );
    assert!(
        project_of(&harness).claims.is_empty(),
        "finding marks nothing"
    );
}

#[test]
fn ctrl_enter_makes_the_current_match_a_claim() {
    let mut harness = harness(Startup::Sample);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_slowly(&mut harness, "cautious optimism");
    wait_for_matches(&mut harness);
    harness.get_by_label("1 of 1");
    press(&mut harness, Modifiers::COMMAND, Key::Enter);
    let claims = &project_of(&harness).claims;
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].anchor.quote, "cautious optimism");
    let found = harness.state().find_bar().current_match().unwrap();
    assert_eq!(claims[0].anchor.range(), found);
    assert_eq!(harness.state().selected_claim(), Some(claims[0].id));
}

#[test]
fn diacritics_and_case_are_ignored_until_asked_for() {
    let text = "Anna Pávlovna Schérer greeted Prince Vasili. \"Pavlovna\", he said, bowing.\n";
    let mut harness = harness_with_article("Salon", text);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_slowly(&mut harness, "pavlovna");
    wait_for_matches(&mut harness);
    harness.get_by_label("1 of 2");
    assert_eq!(
        chars(text, harness.state().find_bar().current_match().unwrap()),
        "Pávlovna"
    );
    click_label(&mut harness, "Match diacritics");
    wait_for_matches(&mut harness);
    harness.get_by_label("1 of 1");
    click_label(&mut harness, "Match case");
    wait_for_matches(&mut harness);
    harness.get_by_label("No matches");
}

#[test]
fn find_in_all_articles_lists_matches_by_article_and_a_click_opens_the_other_article() {
    let first = Article::new(
        "Biden to give update".into(),
        sample_text().into(),
        None,
        fixed_time(),
    );
    let second_text = "Kyiv, Tuesday. The Defense Ministry confirmed the cyber attack on two banks.\nA second cyber attack followed on Wednesday.\n";
    let second = Article::new(
        "Cyber attack".into(),
        second_text.into(),
        None,
        fixed_time(),
    );
    let second_id = second.id;
    let mut project = Project::from_article(first.clone());
    project.articles.push(second);
    let mut harness = harness(Startup::Workspace(Box::new(Workspace::new(project, None))));
    assert_eq!(harness.state().current_article(), Some(first.id));

    search_all_articles(&mut harness, "cyber attack");
    harness.get_by_label("3 matches in 2 articles");
    harness.get_by_label("Biden to give update (1 match)");
    harness.get_by_label("Cyber attack (2 matches)");

    harness
        .get_by_label_contains("A second cyber attack followed")
        .click();
    harness.run();
    wait_for_matches(&mut harness);
    let app = harness.state();
    assert_eq!(
        app.current_article(),
        Some(second_id),
        "the other article is shown"
    );
    let current = app.find_bar().current_match().unwrap();
    assert_eq!(chars(second_text, current.clone()), "cyber attack");
    assert_eq!(
        second_text.chars().take(current.start).collect::<String>(),
        "Kyiv, Tuesday. The Defense Ministry confirmed the cyber attack on two banks.\nA second ",
        "the clicked match is the current one"
    );
    harness.get_by_label("2 of 2");
    assert!(
        app.article_view()
            .screen_pos_of_char(current.start)
            .is_some()
    );
}

#[test]
fn a_5_mb_article_is_searched_while_every_frame_stays_short() {
    // Three "the" a paragraph: some 70,000 matches, under the limit of one search.
    let paragraph = "The minister said on Tuesday that a new bridge over the river would open \
        in spring, two years late and at twice what was first announced. Critics in council \
        asked who had approved the extra spending, and when.";
    let mut text = String::new();
    let mut paragraphs = 0;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(paragraph);
        text.push('\n');
        paragraphs += 1;
    }
    let expected = paragraph.to_lowercase().matches("the").count() * paragraphs;
    let mut harness = harness_with_article("Long", &text);

    let mut slowest = Duration::ZERO;
    let mut timed_step = |harness: &mut Harness<'_, FactdeskApp>| {
        let started = Instant::now();
        harness.step();
        slowest = slowest.max(started.elapsed());
    };
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    timed_step(&mut harness);
    timed_step(&mut harness);
    let searching = Instant::now();
    for ch in "the".chars() {
        harness.get_by_label(BAR_FIELD).type_text(&ch.to_string());
        timed_step(&mut harness);
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().find_bar().is_searching() {
        assert!(Instant::now() < deadline, "the search never ended");
        std::thread::sleep(Duration::from_millis(10));
        timed_step(&mut harness);
    }
    let search_took = searching.elapsed();
    timed_step(&mut harness);
    timed_step(&mut harness);
    eprintln!("5 MB article: {expected} matches in {search_took:?}; slowest frame {slowest:?}");
    harness.get_by_label(&format!("1 of {expected}"));
    // Frames never wait for the search: in a debug build on a busy machine they stay far below the
    // time the search takes, and below a quarter of a second.
    assert!(
        slowest < Duration::from_millis(250),
        "a frame took {slowest:?} while searching"
    );
    let first = harness.state().find_bar().current_match().unwrap();
    assert_eq!(chars(&text, first.clone()), "The");

    // The next match is on the same page: the text stays where it is.
    let first_at = harness
        .state()
        .article_view()
        .screen_pos_of_char(first.start);
    assert!(first_at.is_some());
    press(&mut harness, Modifiers::NONE, Key::F3);
    harness.get_by_label(&format!("2 of {expected}"));
    assert_eq!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(first.start),
        first_at
    );
    // Back past the first match to the last one, 5 MB further down: the article scrolls to it.
    press(&mut harness, Modifiers::SHIFT, Key::F3);
    press(&mut harness, Modifiers::SHIFT, Key::F3);
    harness.get_by_label(&format!("{expected} of {expected}"));
    let last = harness.state().find_bar().current_match().unwrap();
    assert!(last.start > text.len() - 1000);
    assert!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(last.start)
            .is_some(),
        "the last match is on screen"
    );
}

#[test]
fn a_long_list_of_matches_draws_only_the_rows_in_view() {
    let text: String = (1..=400)
        .map(|i| format!("Report {i} mentions the bridge again.\n"))
        .collect();
    let mut harness = harness_with_article("Reports", &text);
    search_all_articles(&mut harness, "bridge");
    harness.get_by_label("400 matches in 1 article");
    harness.get_by_label_contains("Report 1 mentions the bridge");
    assert!(
        harness
            .query_by_label_contains("Report 400 mentions the bridge")
            .is_none(),
        "rows far below are not drawn"
    );
    // Escape closes the window.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label(ALL_FIELD).is_none());
}

#[test]
fn ctrl_z_in_the_find_field_undoes_typing_there_never_a_claim_behind_it() {
    let mut harness = harness(Startup::Sample);
    press(&mut harness, Modifiers::NONE, Key::J);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let claims = project_of(&harness).claims.len();
    assert!(claims > 0, "Enter marked the sentence at the cursor");
    press(&mut harness, Modifiers::COMMAND, Key::F);
    type_slowly(&mut harness, "militari");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        project_of(&harness).claims.len(),
        claims,
        "the claim marked before the search stays"
    );
    // Out of the field, Ctrl+Z is the project's again.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).claims.len(), claims - 1);
}
