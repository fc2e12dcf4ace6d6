//! The window keeping work safe: saving off the UI thread, noticing a project file changed by someone
//! else, and failed saves that lose nothing.

use egui::{Event, Key, Modifiers};
use factdesk::model::{Edit, Project};
use factdesk::store;
use factdesk::ui::{AppCommand, Dialog};

use crate::common::{path_in, sample_project, temp_dir};
use crate::ui::{
    answer_path_prompt, click_label, finish_loading, finish_saving, harness_for_file, press,
    project_of,
};

/// A saved sample project at `NAME.factdesk.json` in `dir`.
fn saved_project(dir: &std::path::Path) -> std::path::PathBuf {
    let path = path_in(dir, "check.factdesk.json");
    store::save(&sample_project(), &path).unwrap();
    path
}

/// What another program writes over the project file: the same project under another title.
fn theirs() -> Project {
    Project {
        title: "Their version".into(),
        ..sample_project()
    }
}

fn rename(harness: &mut egui_kittest::Harness<'_, factdesk::ui::FactdeskApp>, title: &str) {
    harness
        .state_mut()
        .push_command(AppCommand::Edit(Edit::SetProjectTitle(title.into())));
    harness.run();
}

fn focus_window(harness: &mut egui_kittest::Harness<'_, factdesk::ui::FactdeskApp>) {
    harness.event(Event::WindowFocused(true));
    harness.run();
}

#[test]
fn a_project_file_changed_on_disk_is_noticed_on_focus_and_keep_mine_keeps_theirs_as_bak() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");

    // Nothing changed on disk: regaining focus asks nothing.
    focus_window(&mut harness);
    assert!(harness.state().dialog().is_none());

    // A git pull or sync client replaces the file.
    std::fs::write(&path, store::to_bytes(&theirs()).unwrap()).unwrap();
    focus_window(&mut harness);
    assert!(
        matches!(
            harness.state().dialog(),
            Some(Dialog::ChangedOnDisk {
                missing: false,
                while_saving: false,
                ..
            })
        ),
        "{:?}",
        harness.state().dialog()
    );
    click_label(&mut harness, "Keep mine");
    assert_eq!(project_of(&harness).title, "My version", "nothing reloaded");

    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    assert!(harness.state().dialog().is_none());
    assert_eq!(store::load(&path).unwrap().title, "My version");
    assert_eq!(
        store::load(&store::backup_path(&path)).unwrap().title,
        "Their version",
        "the version replaced is kept beside the file"
    );
}

#[test]
fn saving_over_a_file_changed_on_disk_stops_and_reload_takes_their_version() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");
    let their_bytes = store::to_bytes(&theirs()).unwrap();
    std::fs::write(&path, &their_bytes).unwrap();

    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    assert!(
        matches!(
            harness.state().dialog(),
            Some(Dialog::ChangedOnDisk {
                while_saving: true,
                ..
            })
        ),
        "{:?}",
        harness.state().dialog()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "never silently overwritten"
    );
    assert!(
        harness.state().workspace().is_dirty(),
        "my version is still open and unsaved"
    );

    click_label(&mut harness, "Reload from disk");
    finish_loading(&mut harness);
    assert_eq!(project_of(&harness).title, "Their version");
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn a_changed_file_can_be_left_alone_by_saving_my_version_elsewhere() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");
    let their_bytes = store::to_bytes(&theirs()).unwrap();
    std::fs::write(&path, &their_bytes).unwrap();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);

    click_label(&mut harness, "Save as…");
    // No desktop file chooser here: the path prompt stands in for it.
    let copy = path_in(dir.path(), "mine.factdesk.json");
    answer_path_prompt(&mut harness, &copy);
    finish_saving(&mut harness);
    assert_eq!(store::load(&copy).unwrap().title, "My version");
    assert_eq!(std::fs::read(&path).unwrap(), their_bytes);
    assert_eq!(harness.state().workspace().path(), Some(copy.as_path()));
}

#[test]
fn a_deleted_project_file_is_noticed_and_saving_writes_it_again() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");
    std::fs::remove_file(&path).unwrap();

    focus_window(&mut harness);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::ChangedOnDisk { missing: true, .. })
    ));
    click_label(&mut harness, "Keep working");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    assert!(
        harness.state().dialog().is_none(),
        "{:?}",
        harness.state().dialog()
    );
    assert_eq!(store::load(&path).unwrap().title, "My version");
}

#[test]
fn a_failed_save_says_why_and_keeps_every_edit_unsaved() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");

    let nowhere = dir
        .path()
        .join("deleted folder")
        .join("check.factdesk.json");
    harness
        .state_mut()
        .push_command(AppCommand::SaveTo(nowhere.clone()));
    finish_saving(&mut harness);
    let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
        panic!("expected an error, got {:?}", harness.state().dialog());
    };
    assert!(message.contains("deleted folder"), "{message}");
    assert!(message.contains("still open and unsaved"), "{message}");
    assert!(harness.state().workspace().is_dirty());
    assert_eq!(project_of(&harness).title, "My version");
    assert_eq!(harness.state().workspace().path(), Some(path.as_path()));
    assert!(!nowhere.exists());
}
