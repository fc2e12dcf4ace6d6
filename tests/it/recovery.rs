//! Recovery files and project locks: work left by a window that is gone is offered back, and a project
//! open in one window is not silently opened in another.

use std::path::Path;
use std::time::{Duration, SystemTime};

use factdesk::recovery::lock::{self, LockOutcome, LockOwner};
use factdesk::recovery::{self, RecoveryStore};
use factdesk::store;

use crate::common::{sample_project, temp_dir};
use crate::crash::ChildGuard;

/// Names of the files in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn work_of_a_window_that_is_gone_is_listed_and_restored_and_a_running_one_is_left_alone() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    assert!(store.pending().is_empty(), "no folder yet is no work");

    let project = sample_project();
    let project_path = data.path().join("troops.factdesk.json");
    let session = store.begin_session().unwrap();
    session.write(&project, Some(&project_path)).unwrap();
    assert!(
        store.pending().is_empty(),
        "a session that is still running is not offered"
    );

    let id = session.id();
    drop(session);
    let pending = store.pending();
    assert_eq!(pending.len(), 1);
    let entry = &pending[0];
    assert_eq!(entry.session, id);
    assert_eq!(entry.title(), project.title);
    assert_eq!(entry.project_path(), Some(project_path.as_path()));
    let meta = entry.meta.as_ref().unwrap();
    assert_eq!(meta.claims, 2);
    assert_eq!(meta.pid, std::process::id());
    assert_eq!(meta.host, recovery::host_name());
    assert_eq!(meta.factdesk_version, env!("CARGO_PKG_VERSION"));
    assert!(
        entry.describe().contains("(2 claims, ") && entry.describe().contains("troops"),
        "{}",
        entry.describe()
    );
    assert_eq!(store.restore(entry).unwrap(), project);

    store.discard(entry).unwrap();
    assert!(store.pending().is_empty());
    assert!(
        names_in(store.dir()).is_empty(),
        "{:?}",
        names_in(store.dir())
    );
}

#[test]
fn clearing_after_a_save_leaves_nothing_to_recover() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    let session = store.begin_session().unwrap();
    session.write(&sample_project(), None).unwrap();
    session.clear().unwrap();
    session.clear().unwrap();
    drop(session);
    assert!(store.pending().is_empty());
    assert!(
        names_in(store.dir()).is_empty(),
        "{:?}",
        names_in(store.dir())
    );

    // A session that never wrote leaves nothing behind either.
    drop(store.begin_session().unwrap());
    assert!(
        names_in(store.dir()).is_empty(),
        "{:?}",
        names_in(store.dir())
    );
}

#[test]
fn a_recovery_file_whose_description_is_lost_is_still_offered_as_unknown_project() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    let (garbled, missing) = (
        store.begin_session().unwrap(),
        store.begin_session().unwrap(),
    );
    let project = sample_project();
    garbled.write(&project, None).unwrap();
    missing.write(&project, None).unwrap();
    let meta = |id: uuid::Uuid| store.dir().join(format!("{id}.meta.json"));
    std::fs::write(meta(garbled.id()), "{\"title\": ").unwrap();
    std::fs::remove_file(meta(missing.id())).unwrap();
    drop((garbled, missing));

    let pending = store.pending();
    assert_eq!(pending.len(), 2);
    for entry in &pending {
        assert_eq!(entry.title(), "unknown project");
        assert!(entry.describe().starts_with("unknown project, saved "));
        assert_eq!(store.restore(entry).unwrap(), project);
    }
}

#[test]
fn newest_work_is_listed_first_and_an_untitled_project_says_so() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    let older = store.begin_session().unwrap();
    older.write(&sample_project(), None).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let newer = store.begin_session().unwrap();
    let mut renamed = sample_project();
    renamed.title = "Embassy".into();
    newer.write(&renamed, None).unwrap();
    let ids = [newer.id(), older.id()];
    drop((older, newer));

    let pending = store.pending();
    assert_eq!(pending.iter().map(|e| e.session).collect::<Vec<_>>(), ids);
    assert!(pending[0].saved_at > pending[1].saved_at);
    assert_eq!(pending[0].project_path(), None);
    assert!(
        pending[0]
            .describe()
            .starts_with("\"Embassy\" (2 claims, never saved), saved "),
        "{}",
        pending[0].describe()
    );
}

#[test]
fn temporary_files_of_writes_cut_off_long_ago_are_removed_and_fresh_ones_kept() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    std::fs::create_dir_all(store.dir()).unwrap();
    let old = store.dir().join(".factdesk-save-AbC123.tmp");
    let fresh = store.dir().join(".factdesk-save-XyZ789.tmp");
    let unrelated = store.dir().join("notes.tmp");
    for path in [&old, &fresh, &unrelated] {
        std::fs::write(path, "{\"schema_vers").unwrap();
    }
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(120))
        .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&unrelated)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(120))
        .unwrap();
    assert!(store.pending().is_empty());
    assert_eq!(
        names_in(store.dir()),
        [".factdesk-save-XyZ789.tmp", "notes.tmp"]
    );
}

/// Begins a recovery session in `FACTDESK_RECOVERY_CHILD`'s folder, writes the project file named in
/// `FACTDESK_CHILD_PROJECT` as its unsaved work and waits to be killed.
#[test]
fn session_child() {
    let Some(data) = std::env::var_os("FACTDESK_RECOVERY_CHILD") else {
        return;
    };
    let project_path =
        std::path::PathBuf::from(std::env::var_os("FACTDESK_CHILD_PROJECT").unwrap());
    let project = store::load(&project_path).unwrap();
    let session = RecoveryStore::new(Path::new(&data))
        .begin_session()
        .unwrap();
    session.write(&project, Some(&project_path)).unwrap();
    println!("ready");
    std::thread::sleep(Duration::from_secs(30));
}

#[cfg(unix)]
#[test]
fn work_of_another_running_process_is_left_alone_until_it_is_killed() {
    let data = temp_dir();
    let store = RecoveryStore::new(data.path());
    let project_path = data.path().join("troops.factdesk.json");
    store::save(&sample_project(), &project_path).unwrap();
    let mut child = ChildGuard::spawn(
        "recovery::session_child",
        &[
            ("FACTDESK_RECOVERY_CHILD", data.path()),
            ("FACTDESK_CHILD_PROJECT", &project_path),
        ],
    );
    child.wait_for("ready");
    assert!(
        store.pending().is_empty(),
        "the other window is still running"
    );

    let pid = child.child.id();
    child.kill();
    let pending = store.pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].meta.as_ref().unwrap().pid, pid);
    assert_eq!(pending[0].project_path(), Some(project_path.as_path()));
    assert_eq!(
        store.restore(&pending[0]).unwrap(),
        store::load(&project_path).unwrap()
    );
}

fn lock_owner(project: &Path) -> LockOwner {
    serde_json::from_slice(&std::fs::read(lock::lock_path(project)).unwrap()).unwrap()
}

#[test]
fn a_project_is_locked_once_per_process_and_the_lock_file_goes_when_it_is_closed() {
    let dir = temp_dir();
    let project = dir.path().join("troops.factdesk.json");
    store::save(&sample_project(), &project).unwrap();
    let lock_file = dir.path().join(".~lock.troops.factdesk.json#");
    assert_eq!(lock::lock_path(&project), lock_file);

    let LockOutcome::Acquired(mut held) = lock::acquire(&project).unwrap() else {
        panic!("a project nobody has open is locked");
    };
    assert!(!held.taken_over());
    assert_eq!(held.path(), lock_file);
    let owner = lock_owner(&project);
    assert_eq!(owner.pid, std::process::id());
    assert_eq!(owner.host, recovery::host_name());
    assert_eq!(&owner, held.owner());

    // The same project opened again by this process, in the same or another spelling of its path.
    let again = dir.path().join(".").join("troops.factdesk.json");
    assert!(matches!(
        lock::acquire(&again).unwrap(),
        LockOutcome::AlreadyOpenHere
    ));
    assert!(lock::acquire_forcing(&project).unwrap().is_none());

    held.refresh().unwrap();
    assert!(lock_owner(&project).refreshed.is_some());

    drop(held);
    assert!(!lock_file.exists());
    let LockOutcome::Acquired(held) = lock::acquire(&project).unwrap() else {
        panic!("a closed project can be locked again");
    };
    assert!(!held.taken_over(), "a lock released cleanly is not stale");
}

/// Locks the project named in `FACTDESK_LOCK_CHILD` and waits to be killed.
#[test]
fn lock_child() {
    let Some(project) = std::env::var_os("FACTDESK_LOCK_CHILD") else {
        return;
    };
    let outcome = lock::acquire(Path::new(&project)).unwrap();
    assert!(matches!(outcome, LockOutcome::Acquired(_)), "{outcome:?}");
    println!("locked");
    std::thread::sleep(Duration::from_secs(30));
}

#[cfg(unix)]
#[test]
fn a_project_open_in_another_process_is_held_by_it_and_taken_over_once_it_is_killed() {
    let dir = temp_dir();
    let project = dir.path().join("troops.factdesk.json");
    store::save(&sample_project(), &project).unwrap();
    let mut child = ChildGuard::spawn("recovery::lock_child", &[("FACTDESK_LOCK_CHILD", &project)]);
    child.wait_for("locked");
    let pid = child.child.id();

    let LockOutcome::HeldBy(Some(owner)) = lock::acquire(&project).unwrap() else {
        panic!("the other process holds the lock");
    };
    assert_eq!(owner.pid, pid);
    assert_eq!(owner.host, recovery::host_name());
    assert!(
        lock::acquire_forcing(&project).unwrap().is_none(),
        "a lock held by a running process cannot be taken"
    );

    child.kill();
    let LockOutcome::Acquired(held) = lock::acquire(&project).unwrap() else {
        panic!("the lock of a killed process is taken over");
    };
    assert!(held.taken_over());
    assert_eq!(held.previous_owner().map(|o| o.pid), Some(pid));
    assert_eq!(lock_owner(&project).pid, std::process::id());
}

#[test]
fn a_lock_from_another_machine_counts_while_fresh_and_is_taken_over_when_old() {
    let dir = temp_dir();
    let project = dir.path().join("shared.factdesk.json");
    let elsewhere = |hours_ago: i64| LockOwner {
        pid: 4242,
        host: "newsroom-laptop-7".into(),
        user: "sam".into(),
        since: chrono::Utc::now() - chrono::Duration::hours(hours_ago),
        refreshed: None,
        factdesk_version: "0.1.0".into(),
    };
    let write = |owner: &LockOwner| {
        std::fs::write(
            lock::lock_path(&project),
            serde_json::to_vec(owner).unwrap(),
        )
        .unwrap();
    };

    write(&elsewhere(1));
    let LockOutcome::HeldBy(Some(owner)) = lock::acquire(&project).unwrap() else {
        panic!("a fresh lock from another machine counts");
    };
    assert_eq!(
        (owner.pid, owner.host.as_str(), owner.user.as_str()),
        (4242, "newsroom-laptop-7", "sam")
    );
    assert!(lock::lock_path(&project).exists(), "its lock file stays");

    // "Open anyway" takes it.
    let forced = lock::acquire_forcing(&project).unwrap().unwrap();
    assert!(forced.taken_over());
    assert_eq!(
        forced.previous_owner().map(|o| o.host.as_str()),
        Some("newsroom-laptop-7")
    );
    drop(forced);

    write(&elsewhere(13));
    let LockOutcome::Acquired(held) = lock::acquire(&project).unwrap() else {
        panic!("a lock not refreshed for 13 hours is stale");
    };
    assert!(held.taken_over());
    assert_eq!(held.previous_owner().map(|o| o.user.as_str()), Some("sam"));
}

#[test]
fn a_garbled_lock_file_left_by_a_crash_is_taken_over() {
    let dir = temp_dir();
    let project = dir.path().join("p.factdesk.json");
    std::fs::write(lock::lock_path(&project), "{\"pid\": 12").unwrap();
    let LockOutcome::Acquired(held) = lock::acquire(&project).unwrap() else {
        panic!("a garbled lock nobody holds is taken over");
    };
    assert!(held.taken_over());
    assert_eq!(held.previous_owner(), None);
    assert_eq!(lock_owner(&project).pid, std::process::id());
}

#[test]
fn a_folder_where_no_lock_file_can_be_made_is_an_error() {
    let dir = temp_dir();
    let project = dir.path().join("gone").join("p.factdesk.json");
    assert!(lock::acquire(&project).is_err());
}
