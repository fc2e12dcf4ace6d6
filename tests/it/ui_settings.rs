//! Edit › Settings… in the window: the theme, text size and reviewer survive a restart, new projects
//! and their reports take the defaults, and a settings file that cannot be read is named.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::ScalePreset;
use factdesk::report::ReportFormat;
use factdesk::settings::{SETTINGS_FILE_NAME, Settings, ThemeChoice};
use factdesk::ui::{Action, AppCommand, Dialog, Export, FactdeskApp, Startup};

use crate::common::{path_in, temp_dir};
use crate::ui::{click_label, harness_of, press, type_into};

fn window_with_settings(dir: &std::path::Path) -> Harness<'static, FactdeskApp> {
    harness_of(FactdeskApp::with_startup(Startup::Sample).with_settings_dir(dir))
}

fn dark(harness: &Harness<'_, FactdeskApp>) -> bool {
    harness.ctx.global_style().visuals.dark_mode
}

#[test]
fn theme_text_size_and_reviewer_set_in_the_dialog_are_there_after_a_restart() {
    let dir = temp_dir();
    let mut harness = window_with_settings(dir.path());
    assert!(!dark(&harness), "a reading tool starts light");
    press(&mut harness, Modifiers::COMMAND, Key::Comma);
    assert!(
        harness.state().settings_are_shown(),
        "Ctrl+, opens the settings"
    );

    click_label(&mut harness, "Dark");
    assert!(dark(&harness), "the theme changes at once");
    let visuals = harness.ctx.global_style().visuals.clone();
    assert_eq!(visuals, factdesk::ui::theme_visuals(true));

    // The text size keys work while the dialog is open, and the dialog shows the size.
    press(&mut harness, Modifiers::COMMAND, Key::Equals);
    press(&mut harness, Modifiers::COMMAND, Key::Plus);
    harness.get_by_label("120 %");
    assert!((harness.ctx.zoom_factor() - 1.2).abs() < 1e-3);
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    harness.get_by_label("110 %");

    click_label(&mut harness, "Your name (reviewer)");
    type_into(&mut harness, "Your name (reviewer)", "Ana Reviewer");
    click_label(&mut harness, "Close");
    assert!(!harness.state().settings_are_shown());
    drop(harness);

    let written = std::fs::read_to_string(dir.path().join(SETTINGS_FILE_NAME)).unwrap();
    assert!(written.contains("\"theme\": \"dark\""), "{written}");

    let harness = window_with_settings(dir.path());
    let settings = harness.state().settings();
    assert_eq!(settings.theme, ThemeChoice::Dark);
    assert_eq!(settings.text_size_percent, 110);
    assert_eq!(settings.reviewer, "Ana Reviewer");
    assert!(dark(&harness), "the reopened window is dark");
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-3);
    assert_eq!(
        harness.state().workspace().project().report.author,
        "Ana Reviewer",
        "the sample article takes the new reviewer"
    );
}

#[test]
fn settings_changed_in_the_dialog_are_kept_when_the_window_closes_with_it_open() {
    let dir = temp_dir();
    let mut harness = window_with_settings(dir.path());
    harness.state_mut().show_settings();
    harness.run();
    click_label(&mut harness, "Dark");
    click_label(&mut harness, "Your name (reviewer)");
    type_into(&mut harness, "Your name (reviewer)", "Ana Reviewer");
    assert!(
        harness.state().settings_are_shown(),
        "the dialog stays open"
    );
    // The window closes (the system's close button, log-out) with the dialog still open.
    eframe::App::on_exit(harness.state_mut(), None);
    drop(harness);

    let written = std::fs::read_to_string(dir.path().join(SETTINGS_FILE_NAME)).unwrap();
    let settings: Settings = serde_json::from_str(&written).unwrap();
    assert_eq!(settings.theme, ThemeChoice::Dark, "{written}");
    assert_eq!(settings.reviewer, "Ana Reviewer", "{written}");
}

#[test]
fn a_dialog_change_is_written_after_a_pause_without_closing_it() {
    let dir = temp_dir();
    let path = dir.path().join(SETTINGS_FILE_NAME);
    let mut harness = window_with_settings(dir.path());
    harness.state_mut().show_settings();
    harness.run();
    click_label(&mut harness, "Your name (reviewer)");
    type_into(&mut harness, "Your name (reviewer)", "Ana Reviewer");
    let at_once = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(!at_once.contains("Ana Reviewer"), "not at every keystroke");
    std::thread::sleep(std::time::Duration::from_millis(600));
    harness.run();
    assert!(harness.state().settings_are_shown());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("\"reviewer\": \"Ana Reviewer\""),
        "{written}"
    );
}

#[test]
fn a_text_size_step_in_one_window_keeps_the_theme_another_window_set() {
    let dir = temp_dir();
    let mut window_a = window_with_settings(dir.path());
    let mut window_b = window_with_settings(dir.path());
    window_a.state_mut().show_settings();
    window_a.run();
    click_label(&mut window_a, "Dark");
    click_label(&mut window_a, "Close");
    press(&mut window_b, Modifiers::COMMAND, Key::Equals);
    assert!(dark(&window_b), "window B takes the theme window A wrote");
    drop((window_a, window_b));

    let reopened = window_with_settings(dir.path());
    assert_eq!(reopened.state().settings().theme, ThemeChoice::Dark);
    assert_eq!(reopened.state().settings().text_size_percent, 110);
}

#[test]
fn zoom_keys_outside_the_dialog_are_kept_and_ctrl_0_resets() {
    let dir = temp_dir();
    let mut harness = window_with_settings(dir.path());
    press(&mut harness, Modifiers::COMMAND, Key::Minus);
    assert!((harness.ctx.zoom_factor() - 0.9).abs() < 1e-3);
    assert_eq!(
        harness.state().message().map(|m| m.text.as_str()),
        Some("Text size 90 % (Ctrl+0 for the normal size)")
    );
    drop(harness);
    let mut harness = window_with_settings(dir.path());
    assert_eq!(harness.state().settings().text_size_percent, 90);
    press(&mut harness, Modifiers::COMMAND, Key::Num0);
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-3);
}

#[test]
fn a_new_project_and_its_report_take_the_defaults_of_the_settings() {
    let dir = temp_dir();
    let settings = Settings {
        reviewer: "Ana Reviewer".into(),
        organisation: "Desk of Record".into(),
        rating_scale: ScalePreset::TruthOMeter.ratings(),
        ..Settings::default()
    };
    std::fs::write(
        dir.path().join(SETTINGS_FILE_NAME),
        serde_json::to_vec(&settings).unwrap(),
    )
    .unwrap();
    let mut harness = window_with_settings(dir.path());
    harness
        .state_mut()
        .push_command(AppCommand::Action(Action::NewProject));
    harness.run();
    let project = harness.state().workspace().project();
    assert!(project.articles.is_empty(), "a new, empty project");
    let labels: Vec<&str> = project
        .rating_scale
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels.last(), Some(&"Pants on Fire"));
    assert_eq!(project.report.organisation, "Desk of Record");

    let report = path_in(dir.path(), "report.md");
    harness.state_mut().push_command(AppCommand::ExportTo(
        Export::plain(ReportFormat::Markdown),
        report.clone(),
    ));
    harness.run();
    let markdown = std::fs::read_to_string(&report).unwrap();
    assert!(
        markdown.contains("By Ana Reviewer · Desk of Record"),
        "{markdown}"
    );
}

#[test]
fn the_scale_for_new_projects_is_chosen_from_the_presets_in_the_dialog() {
    let dir = temp_dir();
    let mut harness = window_with_settings(dir.path());
    harness.state_mut().show_settings();
    harness.run();
    click_label(&mut harness, "Rating scale");
    click_label(&mut harness, ScalePreset::ThreeLevel.name());
    harness.get_by_label("True · Misleading · False");
    click_label(&mut harness, "Close");
    assert_eq!(
        harness.state().settings().rating_scale,
        ScalePreset::ThreeLevel.ratings()
    );
    let sample_scale = harness.state().workspace().project().rating_scale.clone();
    assert_eq!(
        sample_scale,
        ScalePreset::Factdesk.ratings(),
        "the open project keeps its own scale"
    );
}

#[test]
fn a_settings_file_that_cannot_be_read_is_named_in_the_window_and_left_alone() {
    let dir = temp_dir();
    let path = dir.path().join(SETTINGS_FILE_NAME);
    std::fs::write(&path, "{\"theme\": \"dark\",").unwrap();
    let harness = window_with_settings(dir.path());
    let Some(Dialog::Error { title, message }) = harness.state().dialog() else {
        panic!("no error dialog: {:?}", harness.state().dialog());
    };
    assert_eq!(title, "Your settings could not be read");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(
        harness
            .query_all_by_label_contains("factdesk uses its default settings")
            .next()
            .is_some(),
        "the message is on screen"
    );
    assert!(!dark(&harness), "the defaults apply");
    drop(harness);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"theme\": \"dark\","
    );
}

#[test]
fn the_view_menu_names_each_theme_and_the_choice_is_kept() {
    let dir = temp_dir();
    let mut harness = window_with_settings(dir.path());
    click_label(&mut harness, "View");
    for theme in ["Light", "Dark", "Follow the system"] {
        harness.get_by_label(theme);
    }
    click_label(&mut harness, "Dark");
    assert!(dark(&harness), "View › Dark switches at once");
    drop(harness);
    let harness = window_with_settings(dir.path());
    assert!(dark(&harness), "and the next window opens dark");
}
