//! The action table as users meet it: the README's shortcut table, the shortcut sheet, and the
//! keyboard.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::Status;
use factdesk::ui::{Dialog, FactdeskApp, Startup};

use crate::common::temp_dir;
use crate::ui::{finish_saving, harness, press, project_of, sample_workspace, wait_until};

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
    let format = |s: &egui::KeyboardShortcut| factdesk::ui::shortcut_label(s, false);
    let sections = factdesk::ui::shortcut_sections(&format);
    let count =
        |harness: &Harness<'_, FactdeskApp>, label: &str| harness.query_all_by_label(label).count();
    // The menu bar shows the menus' names already; the sheet adds one of each as a heading.
    let before: Vec<usize> = sections.iter().map(|(h, _)| count(&harness, h)).collect();
    press(&mut harness, Modifiers::NONE, Key::F1);
    for ((heading, rows), before) in sections.iter().zip(before) {
        assert_eq!(
            count(&harness, heading),
            before + 1,
            "no {heading:?} heading"
        );
        for (name, keys) in rows {
            for text in [name, keys] {
                assert!(
                    harness.query_all_by_label(text).next().is_some(),
                    "the shortcut sheet lacks {text:?} ({name})"
                );
            }
        }
    }
    let mut in_sections: Vec<(String, String)> =
        sections.into_iter().flat_map(|(_, rows)| rows).collect();
    let mut sheet = factdesk::ui::shortcut_sheet(&format);
    in_sections.sort();
    sheet.sort();
    assert_eq!(in_sections, sheet, "every shortcut is in one section");
}

/// Presses `key` as typing it would: the key, and the text it types.
fn type_key(harness: &mut Harness<'_, FactdeskApp>, key: Key, text: &str) {
    harness.event(Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    harness.event(Event::Text(text.to_owned()));
    harness.event(Event::Key {
        key,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

/// Types `text` into the field that has the keyboard.
fn type_text(harness: &mut Harness<'_, FactdeskApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn selected_claim(harness: &Harness<'_, FactdeskApp>) -> factdesk::model::Claim {
    let id = harness.state().selected_claim().expect("a selected claim");
    project_of(harness).claim(id).expect("the claim").clone()
}

#[test]
fn bare_keys_only_type_while_the_explanation_has_the_keyboard() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let before = selected_claim(&harness);
    let claims = project_of(&harness).claims.len();
    press(&mut harness, Modifiers::COMMAND, Key::E);
    assert!(
        harness.ctx.text_edit_focused(),
        "Ctrl+E gives the explanation the keyboard"
    );

    type_key(&mut harness, Key::Num1, "1");
    type_key(&mut harness, Key::J, "j");
    type_key(&mut harness, Key::U, "u");
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    press(&mut harness, Modifiers::ALT, Key::Num2);

    let after = selected_claim(&harness);
    assert_eq!(after.id, before.id, "the same claim stays selected");
    assert_eq!(after.explanation, format!("{}1j", before.explanation));
    assert_eq!(after.verdict, before.verdict, "1 typed, it set no verdict");
    assert_eq!(after.status, before.status, "Alt+2 set no status");
    assert_eq!(
        project_of(&harness).claims.len(),
        claims,
        "Delete removed no claim"
    );
    assert_eq!(harness.state().article_view().cursor_sentence(), None);

    // Escape leaves the field and nothing else; then the same keys are shortcuts.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.ctx.text_edit_focused());
    assert_eq!(harness.state().selected_claim(), Some(before.id));
    type_key(&mut harness, Key::Num1, "1");
    let first_rating = project_of(&harness).rating_scale[0].id.clone();
    assert_eq!(selected_claim(&harness).verdict, Some(first_rating));
    assert_eq!(
        selected_claim(&harness).explanation,
        format!("{}1j", before.explanation)
    );
}

#[test]
fn the_sentence_cursor_goes_to_the_end_and_the_view_follows_it() {
    let mut harness = harness(Startup::Sample);
    let last_char = factdesk::SAMPLE_ARTICLE.chars().count() - 2;
    assert!(
        harness
            .state()
            .article_view()
            .screen_pos_of_char(last_char)
            .is_none(),
        "the end of the article starts out of view"
    );
    for _ in 0..200 {
        press(&mut harness, Modifiers::NONE, Key::J);
    }
    let view = harness.state().article_view();
    let sentence = view.cursor_sentence().expect("a cursor");
    assert!(
        sentence.end >= last_char,
        "J went on to the last sentence: {sentence:?}"
    );
    assert!(
        view.screen_pos_of_char(sentence.start).is_some(),
        "the view scrolled to the cursor"
    );
    press(&mut harness, Modifiers::ALT, Key::ArrowUp);
    let back = harness.state().article_view().cursor_sentence().unwrap();
    assert!(back.end <= sentence.start, "Alt+Up goes a sentence back");
}

#[test]
fn a_project_is_checked_saved_and_reported_with_the_keyboard_alone() {
    let dir = temp_dir();
    let mut harness = harness(Startup::Sample);
    let scale = project_of(&harness).rating_scale.clone();

    // Claim 1: the first sentence, rated 2, done, explained, with a source.
    press(&mut harness, Modifiers::NONE, Key::J);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Num2);
    press(&mut harness, Modifiers::ALT, Key::Num4);
    press(&mut harness, Modifiers::COMMAND, Key::E);
    type_text(&mut harness, "The White House announced the address.");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_source(
        &mut harness,
        "https://example.org/schedule",
        "The President's schedule",
    );

    // Claim 2: the next sentence, rated 5, needs review, explained, with a source.
    press(&mut harness, Modifiers::NONE, Key::J);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Num5);
    press(&mut harness, Modifiers::ALT, Key::Num3);
    press(&mut harness, Modifiers::COMMAND, Key::E);
    type_text(&mut harness, "The tweet says exactly this.");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    add_source(
        &mut harness,
        "https://example.org/psaki-tweet",
        "Psaki on Twitter",
    );

    // Claim 3: the first three words of the sentence after, in progress, no verdict.
    press(&mut harness, Modifiers::NONE, Key::J);
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    for _ in 0..3 {
        press(&mut harness, ctrl_shift, Key::ArrowRight);
    }
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::ALT, Key::Num2);

    let saved = dir.path().join("keys.factdesk.json");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    answer_path_prompt_by_keys(&mut harness, &saved);
    finish_saving(&mut harness);
    let report = dir.path().join("keys.html");
    press(&mut harness, ctrl_shift, Key::E);
    answer_path_prompt_by_keys(&mut harness, &report);
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Exported { .. })),
        "{:?}",
        harness.state().dialog()
    );

    let project = factdesk::store::load(&saved).expect("the saved project");
    let claims: Vec<_> = project
        .numbered_claims()
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let quotes: Vec<&str> = claims.iter().map(|c| c.anchor.quote.as_str()).collect();
    assert_eq!(
        quotes,
        [
            "President Joe Biden is slated to deliver an “update” on the ongoing stand-off between Russia and Ukraine.",
            "White House Press Secretary Jen Psaki tweeted, “[Biden’s] remarks will provide an update on events related to Ukraine, not announce new policy.”",
            "“He will speak",
        ]
    );
    let verdicts: Vec<Option<&str>> = claims.iter().map(|c| c.verdict.as_deref()).collect();
    assert_eq!(
        verdicts,
        [Some(scale[1].id.as_str()), Some(scale[4].id.as_str()), None]
    );
    let statuses: Vec<Status> = claims.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [Status::Done, Status::NeedsReview, Status::InProgress]
    );
    assert!(
        claims
            .iter()
            .all(|c| c.status_changed.is_some_and(|t| t >= c.created)),
        "a status set by key records when, and the file keeps it"
    );
    assert_eq!(
        claims[0].explanation,
        "The White House announced the address."
    );
    let sources: Vec<(&str, &str)> = claims
        .iter()
        .flat_map(|c| c.sources.iter().map(|s| (s.url.as_str(), s.title.as_str())))
        .collect();
    assert_eq!(
        sources,
        [
            ("https://example.org/schedule", "The President's schedule"),
            ("https://example.org/psaki-tweet", "Psaki on Twitter"),
        ]
    );

    let html = std::fs::read_to_string(&report).expect("the report");
    for text in [
        "https://example.org/schedule",
        "Psaki on Twitter",
        "The tweet says exactly this.",
        "“He will speak",
    ] {
        let escaped = text.replace('\'', "&#39;");
        assert!(
            html.contains(text) || html.contains(&escaped),
            "the report lacks {text:?}"
        );
    }
    // Each claim's own entry carries its verdict (the summary table lists every rating anyway).
    let entry = |number: usize| {
        let start = html
            .find(&format!("id=\"claim-{number}\""))
            .unwrap_or_else(|| panic!("the report has no claim #{number}"));
        let rest = &html[start..];
        let end = rest.find("</article>").unwrap_or(rest.len());
        rest[..end].to_owned()
    };
    assert!(entry(1).contains(scale[1].label.as_str()), "{}", entry(1));
    assert!(entry(2).contains(scale[4].label.as_str()), "{}", entry(2));
    assert!(entry(3).contains("Not yet rated"), "{}", entry(3));
}

/// Adds a source to the selected claim with Ctrl+Shift+A and fills in its URL and, after Tab, its
/// title.
fn add_source(harness: &mut Harness<'_, FactdeskApp>, url: &str, title: &str) {
    press(harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    type_text(harness, url);
    press(harness, Modifiers::NONE, Key::Tab);
    type_text(harness, title);
    press(harness, Modifiers::NONE, Key::Escape);
}

/// Answers the path prompt a save or export shows without a desktop file chooser, with keys: the
/// prompt's field has the keyboard, Ctrl+A takes the suggested path, the new one replaces it.
fn answer_path_prompt_by_keys(harness: &mut Harness<'_, FactdeskApp>, path: &std::path::Path) {
    wait_until(harness, "the path prompt", |app| {
        matches!(app.dialog(), Some(Dialog::PathPrompt { .. }))
    });
    harness.run();
    press(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, path.to_str().expect("a UTF-8 path"));
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn tab_goes_from_the_explanation_on_to_the_claimant_and_shift_tab_back() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    press(&mut harness, Modifiers::COMMAND, Key::E);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    // The field holds the claimant already; the text goes where the cursor is, at its end.
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Jen Psaki");
    assert_eq!(selected_claim(&harness).claimant, "Jen Psaki");
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    let before = selected_claim(&harness).explanation;
    press(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Rewritten.");
    assert_ne!(before, "Rewritten.");
    assert_eq!(selected_claim(&harness).explanation, "Rewritten.");
}

#[test]
fn the_claim_menu_names_the_projects_ratings_and_sets_them() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    let scale = project_of(&harness).rating_scale.clone();
    crate::ui::click_label(&mut harness, "Claim");
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Verdict")
        .hover();
    harness.run();
    // Each entry is named by its rating and its number key ("Mostly true 2").
    for (n, rating) in scale.iter().enumerate() {
        harness.get_by_label(&format!("{} {}", rating.label, n + 1));
    }
    let last = scale.last().expect("a rating");
    harness
        .get_by_label(&format!("{} {}", last.label, scale.len()))
        .click();
    harness.run();
    assert_eq!(selected_claim(&harness).verdict.as_ref(), Some(&last.id));
}

#[test]
fn the_claim_list_and_editor_hide_and_come_back() {
    let mut harness = harness(Startup::Workspace(Box::new(sample_workspace())));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert!(harness.query_by_label("Explanation").is_some());
    let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    press(&mut harness, ctrl_shift, Key::D);
    assert!(
        harness.query_by_label("Explanation").is_none(),
        "the editor is hidden"
    );
    // Writing the explanation brings the editor back with the keyboard in the field.
    press(&mut harness, Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(harness.query_by_label("Explanation").is_some());
    assert!(harness.ctx.text_edit_focused());
}

#[test]
fn on_a_scale_without_ratings_the_claim_menu_offers_no_verdict() {
    let mut workspace = sample_workspace();
    // Every verdict given goes to none: the scale has no rating left to carry it.
    let mapping = workspace
        .project()
        .ratings_in_use()
        .into_iter()
        .map(|(rating, _)| (rating, None))
        .collect();
    let edit = workspace
        .project()
        .replace_scale_edit(Vec::new(), &mapping, chrono::Utc::now())
        .expect("an empty scale with every verdict mapped to none");
    workspace.apply(edit).expect("the scale changes");
    let mut harness = harness(Startup::Workspace(Box::new(workspace)));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    crate::ui::click_label(&mut harness, "Claim");
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Status");
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Button, "Verdict")
            .is_none(),
        "no Verdict submenu on an Explanation-only scale"
    );
    assert!(
        harness.query_by_label_contains("No verdict").is_none(),
        "no “No verdict” entry either"
    );
}
