//! The window keeping work safe: saving off the UI thread, autosave and restoring after a crash,
//! locks, noticing a project file changed by someone else, and failed saves that lose nothing.

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use factdesk::model::{Edit, Project};
use factdesk::store;
use factdesk::ui::{AppCommand, Dialog, FactdeskApp, Startup};

use crate::common::{path_in, sample_project, temp_dir};
use crate::ui::{
    answer_path_prompt, click_label, finish_loading, finish_saving, harness, harness_for_file,
    harness_of, press, project_of, request_close, sample_workspace, sent_viewport_command,
    wait_until,
};

/// Asserts that the dialog on screen matches `pattern`, showing the dialog there is when it does not.
macro_rules! assert_dialog {
    ($harness:expr, $pattern:pat $(, $why:literal)?) => {
        assert!(
            matches!($harness.state().dialog(), Some($pattern)),
            concat!($($why, ": ",)? "{:?}"),
            $harness.state().dialog()
        )
    };
}

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

/// A window that opened a saved project and renamed it, while another program wrote its own version
/// over the file; also that file and the other program's bytes.
fn edited_then_replaced_on_disk(
    dir: &std::path::Path,
) -> (Harness<'static, FactdeskApp>, std::path::PathBuf, Vec<u8>) {
    let path = saved_project(dir);
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");
    let their_bytes = store::to_bytes(&theirs()).unwrap();
    std::fs::write(&path, &their_bytes).unwrap();
    (harness, path, their_bytes)
}

fn rename(harness: &mut Harness<'_, FactdeskApp>, title: &str) {
    harness
        .state_mut()
        .push_command(AppCommand::Edit(Edit::SetProjectTitle(title.into())));
    harness.run();
}

fn focus_window(harness: &mut Harness<'_, FactdeskApp>) {
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
    assert_dialog!(
        harness,
        Dialog::ChangedOnDisk {
            missing: false,
            while_saving: false,
            ..
        }
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
    let (mut harness, path, their_bytes) = edited_then_replaced_on_disk(dir.path());

    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    assert_dialog!(
        harness,
        Dialog::ChangedOnDisk {
            while_saving: true,
            ..
        }
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
    let (mut harness, path, their_bytes) = edited_then_replaced_on_disk(dir.path());
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

/// A window over the sample project that keeps recovery files under `data_dir`.
fn window_with_recovery(data_dir: &std::path::Path) -> Harness<'static, FactdeskApp> {
    harness_of(
        FactdeskApp::with_startup(Startup::Workspace(Box::new(sample_workspace())))
            .with_data_dir(data_dir),
    )
}

/// Marks the first sentence of the article as a claim, as a click would.
fn mark_first_sentence(harness: &mut Harness<'static, FactdeskApp>) {
    let article = project_of(harness).articles[0].id;
    let claims = project_of(harness).claims.len();
    harness.state_mut().push_command(AppCommand::CreateClaim {
        article,
        start: 0,
        end: 20,
    });
    harness.run();
    assert_eq!(project_of(harness).claims.len(), claims + 1);
}

/// A window that marks a claim, has it copied to its recovery file, and goes away without closing
/// properly (a crash or a kill): nothing cleans up after it.
fn leave_work_behind(data_dir: &std::path::Path) {
    let mut crashed = window_with_recovery(data_dir);
    mark_first_sentence(&mut crashed);
    wait_until(
        &mut crashed,
        "the recovery copy",
        FactdeskApp::recovery_is_current,
    );
}

#[test]
fn unsaved_edits_reach_the_recovery_file_within_two_seconds_and_the_next_start_restores_them() {
    let data = temp_dir();
    let mut first = window_with_recovery(data.path());
    assert!(first.state().dialog().is_none(), "nothing to recover yet");
    mark_first_sentence(&mut first);
    rename(&mut first, "Work in progress");
    let edited = std::time::Instant::now();
    wait_until(
        &mut first,
        "the recovery copy",
        FactdeskApp::recovery_is_current,
    );
    let delay = edited.elapsed();
    eprintln!("recovery copy written {delay:?} after the last edit");
    assert!(
        delay < std::time::Duration::from_secs(2),
        "copied after {delay:?}"
    );
    let recovery_file = first.state().recovery_file().unwrap();
    let work = project_of(&first).clone();
    assert_eq!(store::load(&recovery_file).unwrap(), work);

    // The window goes away without closing properly (a crash or a kill): nothing cleans up.
    drop(first);

    let mut second = window_with_recovery(data.path());
    let Some(Dialog::Restore { entries, crash_log }) = second.state().dialog() else {
        panic!(
            "expected the restore offer, got {:?}",
            second.state().dialog()
        );
    };
    assert_eq!(entries.len(), 1);
    assert!(crash_log.is_none());
    assert!(
        entries[0].describe().contains("Work in progress"),
        "{}",
        entries[0].describe()
    );
    click_label(&mut second, "Restore");
    assert_eq!(*project_of(&second), work, "every edit is back");
    assert!(
        second.state().workspace().is_dirty(),
        "restored work is not saved yet"
    );

    // Once the restored work is in this window's own recovery file, the old copy goes.
    wait_until(
        &mut second,
        "the new recovery copy",
        FactdeskApp::recovery_is_current,
    );
    assert!(!recovery_file.exists());
    assert!(
        factdesk::recovery::RecoveryStore::new(data.path())
            .pending()
            .is_empty(),
        "the second window is alive, and the first one's work was taken over"
    );
}

#[test]
fn saving_removes_the_recovery_copy_and_discarding_deletes_it() {
    let data = temp_dir();
    let dir = temp_dir();
    let mut harness = window_with_recovery(data.path());
    mark_first_sentence(&mut harness);
    wait_until(
        &mut harness,
        "the recovery copy",
        FactdeskApp::recovery_is_current,
    );
    let recovery_file = harness.state().recovery_file().unwrap();
    assert!(recovery_file.exists());

    let path = path_in(dir.path(), "saved.factdesk.json");
    harness
        .state_mut()
        .push_command(AppCommand::SaveTo(path.clone()));
    finish_saving(&mut harness);
    harness.run();
    assert!(!recovery_file.exists(), "saved work needs no recovery copy");
    drop(harness);
    assert!(
        factdesk::recovery::RecoveryStore::new(data.path())
            .pending()
            .is_empty()
    );

    // Work left by a crash can be deleted from the offer.
    leave_work_behind(data.path());
    let mut next = window_with_recovery(data.path());
    click_label(&mut next, "Delete");
    assert!(next.state().dialog().is_none());
    assert_eq!(
        project_of(&next).claims.len(),
        sample_workspace().project().claims.len(),
        "the project it started with stays open, without the deleted work"
    );
    drop(next);
    assert!(
        factdesk::recovery::RecoveryStore::new(data.path())
            .pending()
            .is_empty()
    );
}

#[test]
fn work_rescued_when_the_window_goes_down_is_offered_with_the_crash_log() {
    let data = temp_dir();
    let mut first = window_with_recovery(data.path());
    mark_first_sentence(&mut first);
    // No time for the background copy: the crash handler writes it on the spot.
    assert!(first.state_mut().rescue_unsaved_work());
    let work = project_of(&first).clone();
    drop(first);

    // What the panic hook leaves: a crash log and the note that it was not shown yet.
    let crashes = data.path().join("crashes");
    std::fs::create_dir_all(&crashes).unwrap();
    let log = crashes.join("crash-20261125-101500-4242.log");
    std::fs::write(&log, "panicked at src/ui/app.rs:1:1: example\n").unwrap();
    std::fs::write(
        crashes.join("unreported"),
        "crash-20261125-101500-4242.log\n",
    )
    .unwrap();

    let mut second = window_with_recovery(data.path());
    let Some(Dialog::Restore { crash_log, .. }) = second.state().dialog() else {
        panic!(
            "expected the restore offer, got {:?}",
            second.state().dialog()
        );
    };
    assert_eq!(crash_log.as_deref(), Some(log.as_path()));
    assert!(
        second.query_by_label(&log.display().to_string()).is_some(),
        "the path is shown"
    );
    click_label(&mut second, "Restore");
    assert_eq!(*project_of(&second), work);
    drop(second);

    let third = window_with_recovery(data.path());
    assert_dialog!(
        third,
        Dialog::Restore {
            crash_log: None,
            ..
        },
        "a crash is reported once (the restored work, never saved, is offered again)"
    );
}

#[test]
fn a_project_open_in_another_window_opens_read_only_until_saved_elsewhere() {
    let dir = temp_dir();
    let path = saved_project(dir.path());
    let first = harness_for_file(&path);
    assert!(first.state().dialog().is_none());

    let mut second = harness(Startup::File(path.clone()));
    finish_loading(&mut second);
    assert_dialog!(second, Dialog::Locked { .. });
    click_label(&mut second, "Open read-only");
    assert!(second.state().workspace().is_read_only());
    assert!(second.state().window_title().contains("[read-only]"));
    rename(&mut second, "Edited in the second window");
    assert_eq!(
        project_of(&second).title,
        sample_project().title,
        "edits are refused"
    );
    press(&mut second, Modifiers::COMMAND, Key::S);
    assert!(
        !second.state().is_saving(),
        "Save does not write over the other window's file"
    );

    let copy = path_in(dir.path(), "copy.factdesk.json");
    second
        .state_mut()
        .push_command(AppCommand::SaveTo(copy.clone()));
    finish_saving(&mut second);
    assert!(
        !second.state().workspace().is_read_only(),
        "the copy is this window's own"
    );
    rename(&mut second, "Edited copy");
    assert_eq!(project_of(&second).title, "Edited copy");

    // Closing the first window frees the file.
    drop(first);
    let third = harness_for_file(&path);
    assert!(
        third.state().dialog().is_none(),
        "{:?}",
        third.state().dialog()
    );
}

#[test]
fn a_hand_edited_project_is_offered_for_repair_and_opens_repaired_but_unsaved() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "hand-edited.factdesk.json");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/repair/hand-edited.factdesk.json");
    std::fs::copy(&fixture, &path).unwrap();
    let original = std::fs::read(&path).unwrap();

    let mut harness = harness(Startup::File(path.clone()));
    finish_loading(&mut harness);
    assert_dialog!(harness, Dialog::RepairOffer { .. });
    click_label(&mut harness, "Repair and open");
    finish_loading(&mut harness);
    let Some(Dialog::Notice { title, message }) = harness.state().dialog() else {
        panic!(
            "expected the list of repairs, got {:?}",
            harness.state().dialog()
        );
    };
    assert!(title.contains("not saved yet"), "{title}");
    assert!(
        message.contains("Claim #1: claims["),
        "each change names the claim as the window numbers it: {message}"
    );
    let project = project_of(&harness);
    assert!(!project.claims.is_empty());
    for claim in &project.claims {
        let article = project.article(claim.article).unwrap();
        let quoted: String = article
            .text
            .chars()
            .skip(claim.anchor.start)
            .take(claim.anchor.end - claim.anchor.start)
            .collect();
        assert_eq!(quoted, claim.anchor.quote);
    }
    assert!(harness.state().workspace().is_dirty());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the file waits for a save"
    );

    click_label(&mut harness, "OK");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    assert_eq!(store::load(&path).unwrap(), *project_of(&harness));
}

/// A 64 KiB RAM disk mounted for one test, unmounted when dropped; `None` where mounting is not
/// allowed (not root, or a container without the right).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Option<Self> {
        let dir = temp_dir();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        mounted.then_some(Self { dir })
    }
}

/// A read-only view of a folder (a bind mount), as a locked USB stick or a share without write access
/// is: even root cannot write through it. Unmounted when dropped.
struct ReadOnlyView {
    dir: tempfile::TempDir,
}

impl ReadOnlyView {
    fn of(folder: &std::path::Path) -> Option<Self> {
        let dir = temp_dir();
        let run = |args: &[&std::ffi::OsStr]| {
            std::process::Command::new("mount")
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let bound = run(&[
            "--bind".as_ref(),
            folder.as_os_str(),
            dir.path().as_os_str(),
        ]);
        let view = Self { dir };
        (bound
            && run(&[
                "-o".as_ref(),
                "remount,bind,ro".as_ref(),
                view.dir.path().as_os_str(),
            ]))
        .then_some(view)
    }
}

impl Drop for ReadOnlyView {
    fn drop(&mut self) {
        std::process::Command::new("umount")
            .arg(self.dir.path())
            .output()
            .ok();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        std::process::Command::new("umount")
            .arg(self.dir.path())
            .output()
            .ok();
    }
}

#[test]
fn a_save_to_a_full_disk_says_so_and_keeps_the_previous_file_and_every_edit() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: cannot mount a small RAM disk here (needs root)");
        return;
    };
    let path = path_in(disk.dir.path(), "check.factdesk.json");
    store::save(&sample_project(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut harness = harness_for_file(&path);

    // An article far larger than the space left.
    let text = "The council approved the budget on Monday. ".repeat(4_000);
    let article =
        factdesk::model::Article::new("Minutes".into(), text, None, crate::common::fixed_time());
    harness
        .state_mut()
        .push_command(AppCommand::Edit(Edit::InsertArticle {
            index: 1,
            article: Box::new(article),
            claims: Vec::new(),
        }));
    harness.run();
    let edited = project_of(&harness).clone();

    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
        panic!("expected an error, got {:?}", harness.state().dialog());
    };
    assert!(message.contains("space"), "{message}");
    assert!(message.contains("still open and unsaved"), "{message}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the previous file is whole"
    );
    assert!(harness.state().workspace().is_dirty());
    assert_eq!(*project_of(&harness), edited, "nothing lost in memory");
    let leftovers: Vec<_> = std::fs::read_dir(disk.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(harness);
}

#[test]
fn a_project_from_an_older_factdesk_opens_with_a_note_and_is_saved_in_the_new_format() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "old.factdesk.json");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema/v1/unknown-members.factdesk.json");
    std::fs::copy(&fixture, &path).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();

    let mut harness = harness_for_file(&path);
    let Some(Dialog::Notice { message, .. }) = harness.state().dialog() else {
        panic!("expected notes, got {:?}", harness.state().dialog());
    };
    assert!(message.contains("older factdesk (format 1)"), "{message}");
    assert!(message.contains("does not know"), "{message}");
    click_label(&mut harness, "OK");

    rename(&mut harness, "Checked again");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    let saved = store::load_with_report(&path).unwrap();
    assert_eq!(saved.migrated_from, None, "saved in the current format");
    assert!(
        !saved.unknown_members.is_empty(),
        "members it does not know are kept"
    );
    assert_eq!(
        std::fs::read(store::backup_path(&path)).unwrap(),
        old_bytes,
        "the old file is kept as it was"
    );
}

#[test]
fn the_offer_to_restore_work_is_not_replaced_by_later_messages() {
    let data = temp_dir();
    leave_work_behind(data.path());

    // The next start also opens a file that comes with a note of its own.
    let dir = temp_dir();
    let path = path_in(dir.path(), "old.factdesk.json");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/schema/v1/minimal.factdesk.json");
    std::fs::copy(&fixture, &path).unwrap();
    let mut harness = harness_of(
        FactdeskApp::with_startup(Startup::File(path.clone())).with_data_dir(data.path()),
    );
    finish_loading(&mut harness);
    assert_dialog!(harness, Dialog::Restore { .. });
    click_label(&mut harness, "Decide later");
    let Some(Dialog::Notice { message, .. }) = harness.state().dialog() else {
        panic!(
            "the file's note follows, got {:?}",
            harness.state().dialog()
        );
    };
    assert!(message.contains("older factdesk"), "{message}");
}

#[test]
fn work_put_off_at_start_can_be_recovered_from_the_file_menu_without_dropping_new_edits_unasked() {
    let data = temp_dir();
    let mut crashed = window_with_recovery(data.path());
    rename(&mut crashed, "Left behind");
    wait_until(
        &mut crashed,
        "the recovery copy",
        FactdeskApp::recovery_is_current,
    );
    drop(crashed);

    let mut harness = window_with_recovery(data.path());
    click_label(&mut harness, "Decide later");
    rename(&mut harness, "New work");

    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::RecoverWork));
    harness.run();
    click_label(&mut harness, "Restore");
    assert_dialog!(
        harness,
        Dialog::UnsavedChanges(_),
        "the new edits are not dropped unasked"
    );
    click_label(&mut harness, "Discard changes");
    assert_eq!(project_of(&harness).title, "Left behind");

    // Once taken over, nothing is left to recover.
    wait_until(
        &mut harness,
        "the new recovery copy",
        FactdeskApp::recovery_is_current,
    );
    harness
        .state_mut()
        .push_command(AppCommand::Action(factdesk::ui::Action::RecoverWork));
    harness.run();
    assert!(
        matches!(harness.state().dialog(), Some(Dialog::Notice { title, .. }) if title == "Nothing to recover"),
        "{:?}",
        harness.state().dialog()
    );
}

#[test]
fn a_save_to_a_read_only_folder_says_so_and_keeps_every_edit() {
    let writable = temp_dir();
    store::save(
        &sample_project(),
        &path_in(writable.path(), "check.factdesk.json"),
    )
    .unwrap();
    let Some(view) = ReadOnlyView::of(writable.path()) else {
        eprintln!("skipped: cannot make a read-only bind mount here (needs root)");
        return;
    };
    let path = path_in(view.dir.path(), "check.factdesk.json");
    let before = std::fs::read(&path).unwrap();
    let mut harness = harness_for_file(&path);
    rename(&mut harness, "My version");

    press(&mut harness, Modifiers::COMMAND, Key::S);
    finish_saving(&mut harness);
    let Some(Dialog::Error { message, .. }) = harness.state().dialog() else {
        panic!("expected an error, got {:?}", harness.state().dialog());
    };
    assert!(message.to_lowercase().contains("read-only"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(harness.state().workspace().is_dirty());
    assert_eq!(project_of(&harness).title, "My version");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(harness);
}

#[test]
fn closing_the_window_while_a_save_runs_waits_for_it_then_closes() {
    let dir = temp_dir();
    let path = path_in(dir.path(), "big.factdesk.json");
    let mut project = sample_project();
    // Large enough that the save is still being written when the close arrives.
    let text = "The council approved the budget on Monday after a long debate. ".repeat(500_000);
    project.articles.push(factdesk::model::Article::new(
        "Minutes".into(),
        text,
        None,
        crate::common::fixed_time(),
    ));
    let mut harness = harness_of(FactdeskApp::with_startup(Startup::Workspace(Box::new(
        factdesk::model::Workspace::new(project, None),
    ))));
    harness
        .state_mut()
        .push_command(AppCommand::SaveTo(path.clone()));
    harness.step();
    assert!(harness.state().is_saving());

    request_close(&mut harness);
    assert!(sent_viewport_command(
        &harness,
        &egui::ViewportCommand::CancelClose
    ));
    assert!(
        harness.state().dialog().is_none(),
        "nothing to ask: the save is under way"
    );

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while harness.state().is_saving() {
        assert!(std::time::Instant::now() < deadline, "the save never ended");
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(
        sent_viewport_command(&harness, &egui::ViewportCommand::Close),
        "closes once the save is written"
    );
    assert!(!harness.state().workspace().is_dirty());
    assert_eq!(store::load(&path).unwrap(), *project_of(&harness));
}
