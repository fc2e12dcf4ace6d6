//! The window's part in what other tools and other people read: reopening an article beside a project
//! that was moved or sent, and saying whether a claimant is a person or an organisation.

use egui::accesskit::Toggled;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use factdesk::model::{ClaimantKind, Project};
use factdesk::store;
use factdesk::ui::{Action, AppCommand, Startup};

use crate::common::{fixed_time, sample_text, sentence_starting, temp_dir};
use crate::ui::{
    answer_path_prompt, click_char, click_label, finish_saving, harness, harness_for_file, press,
    project_of, type_into, wait_until,
};

/// Polish text that reads as mojibake when decoded as windows-1252.
const POLISH: &str =
    "Zażółć gęślą jaźń. Rząd podał, że budżet wzrósł o pięć procent w zeszłym roku.\n";

/// A project saved at `dir/checks.factdesk.json` whose article was read from `dir/relative`, an
/// ISO-8859-2 file, as windows-1252 (the wrong guess a user then corrects).
fn project_with_a_misread_article(dir: &std::path::Path, relative: &str) {
    let article_path = dir.join(relative);
    std::fs::create_dir_all(article_path.parent().unwrap()).unwrap();
    let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(POLISH);
    std::fs::write(&article_path, &bytes).unwrap();
    let mut article = factdesk::import::article_from_file(&article_path, fixed_time()).unwrap();
    let misread = factdesk::import::encoding::decode_as(&bytes, "windows-1252").unwrap();
    article.text = misread.text;
    article.sha256 = factdesk::model::sha256_hex(&article.text);
    article.blocks.clear();
    article.meta.encoding = "windows-1252".into();
    store::save(
        &Project::from_article(article),
        &dir.join("checks.factdesk.json"),
    )
    .unwrap();
}

/// Copies every file under `from` to `to`, keeping the layout.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn reopen_as(
    harness: &mut egui_kittest::Harness<'_, factdesk::ui::FactdeskApp>,
    label: &'static str,
) {
    harness
        .state_mut()
        .push_command(AppCommand::Action(Action::ReopenWithEncoding(label)));
    harness.run();
}

#[test]
fn a_project_moved_with_its_article_reopens_the_article_with_another_encoding() {
    let first = temp_dir();
    project_with_a_misread_article(first.path(), "articles/polish.txt");
    let moved = temp_dir();
    copy_tree(first.path(), moved.path());
    // Nothing is left where the project was made, so only the copy can be read.
    drop(first);

    let mut harness = harness_for_file(&moved.path().join("checks.factdesk.json"));
    assert_ne!(project_of(&harness).articles[0].text, POLISH);
    reopen_as(&mut harness, "ISO-8859-2");
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    let article = &project_of(&harness).articles[0];
    assert_eq!(article.text, POLISH);
    assert_eq!(article.meta.encoding, "ISO-8859-2");
}

#[test]
fn an_article_sent_beside_the_project_is_found_by_its_name() {
    let first = temp_dir();
    project_with_a_misread_article(first.path(), "articles/polish.txt");
    // Sent as two attachments and saved in one folder: the `articles/` folder is gone.
    let received = temp_dir();
    for (from, to) in [
        ("checks.factdesk.json", "checks.factdesk.json"),
        ("articles/polish.txt", "polish.txt"),
    ] {
        std::fs::copy(first.path().join(from), received.path().join(to)).unwrap();
    }
    drop(first);

    let mut harness = harness_for_file(&received.path().join("checks.factdesk.json"));
    reopen_as(&mut harness, "ISO-8859-2");
    assert_eq!(project_of(&harness).articles[0].text, POLISH);
}

#[test]
fn an_article_found_nowhere_is_asked_for_and_then_read_from_there() {
    let first = temp_dir();
    project_with_a_misread_article(first.path(), "articles/polish.txt");
    let received = temp_dir();
    std::fs::copy(
        first.path().join("checks.factdesk.json"),
        received.path().join("checks.factdesk.json"),
    )
    .unwrap();
    let kept_elsewhere = temp_dir();
    let article = kept_elsewhere.path().join("polish (1).txt");
    std::fs::copy(first.path().join("articles/polish.txt"), &article).unwrap();
    drop(first);

    let mut harness = harness_for_file(&received.path().join("checks.factdesk.json"));
    reopen_as(&mut harness, "ISO-8859-2");
    // Headless machines have no desktop file chooser, so the window asks for a typed path.
    answer_path_prompt(&mut harness, &article);
    wait_until(&mut harness, "the article read again", |app| {
        app.workspace().project().articles[0].text == POLISH
    });
    let origin = project_of(&harness).articles[0].origin.clone().unwrap();
    assert!(origin.ends_with("polish (1).txt"), "{origin}");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_ne!(project_of(&harness).articles[0].text, POLISH);
}

#[test]
fn the_claimant_can_be_said_to_be_an_organisation_and_undo_says_person_again() {
    let mut harness = harness(Startup::Sample);
    let sentence = sentence_starting(sample_text(), "Additionally, on Monday");
    click_char(&mut harness, sentence.start + 2);
    assert_eq!(
        project_of(&harness).claims[0].claimant_kind,
        ClaimantKind::Person
    );
    click_label(&mut harness, "Organisation");
    assert_eq!(
        project_of(&harness).claims[0].claimant_kind,
        ClaimantKind::Organisation
    );
    let shown = |harness: &egui_kittest::Harness<'_, factdesk::ui::FactdeskApp>, label: &str| {
        harness.get_by_label(label).accesskit_node().toggled()
    };
    assert_eq!(shown(&harness, "Organisation"), Some(Toggled::True));
    assert_eq!(shown(&harness, "Person"), Some(Toggled::False));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        project_of(&harness).claims[0].claimant_kind,
        ClaimantKind::Person
    );
    assert_eq!(shown(&harness, "Person"), Some(Toggled::True));
}

#[test]
fn the_report_settings_take_a_publication_date_for_claimreview() {
    let mut harness = harness(Startup::Sample);
    harness
        .state_mut()
        .push_command(AppCommand::Action(Action::ReportSettings));
    harness.run();
    let label = "Publication date of the reviews (YYYY-MM-DD; when empty, each verdict's own date)";
    click_label(&mut harness, label);
    type_into(&mut harness, label, "2026-11-20");
    click_label(&mut harness, "Save settings");
    assert_eq!(
        project_of(&harness).report.published,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(project_of(&harness).report.published, None);
}

#[test]
fn the_window_saves_an_article_opened_from_disk_relative_to_the_project_and_nothing_more() {
    let desk = temp_dir();
    let article = desk.path().join("articles").join("report.txt");
    std::fs::create_dir_all(article.parent().unwrap()).unwrap();
    // Polish in ISO-8859-2: bytes that read as other letters in windows-1252, so a reopen shows.
    let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(POLISH);
    std::fs::write(&article, &bytes).unwrap();
    let mut harness = harness_for_file(&article);
    // The window says it guessed the encoding; the guess is right here.
    assert_eq!(project_of(&harness).articles[0].meta.encoding, "ISO-8859-2");
    click_label(&mut harness, "OK");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let project_file = desk.path().join("checks.factdesk.json");
    answer_path_prompt(&mut harness, &project_file);
    finish_saving(&mut harness);

    let saved = std::fs::read_to_string(&project_file).unwrap();
    assert!(
        saved.contains("\"origin\": \"articles/report.txt\""),
        "{saved}"
    );
    let real = std::fs::canonicalize(desk.path()).unwrap();
    for spelling in [desk.path(), real.as_path()] {
        assert!(!saved.contains(spelling.to_str().unwrap()), "{saved}");
    }
    // The window still knows where the article is, and reads it again from there.
    let as_1252 = factdesk::import::encoding::decode_as(&bytes, "windows-1252")
        .unwrap()
        .text;
    assert_ne!(project_of(&harness).articles[0].text, as_1252);
    reopen_as(&mut harness, "windows-1252");
    // Were the file not found, the window would ask for it instead and the text would stay.
    wait_until(
        &mut harness,
        "the article read again as windows-1252",
        |app| app.workspace().project().articles[0].meta.encoding == "windows-1252",
    );
    assert_eq!(project_of(&harness).articles[0].text, as_1252);
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
}
