//! Crashes, for real: a save killed with SIGKILL at random points never leaves a broken project file,
//! a panic leaves a crash log the next start reports, and the work a crashed process had not saved is
//! offered from its recovery file; both are private to the user.
//!
//! The crashing programs are this test binary itself, run again on one of the `*_child` tests below,
//! which do nothing unless the environment variable naming them is set.

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Timelike, Utc};
use factdesk::model::{Article, Claim, Project, TextAnchor, text};
use factdesk::recovery::{self, RecoveryStore, crash_log};
use factdesk::store;

use crate::common::{fixed_time, sample_project, sample_text, temp_dir};

/// Runs this test binary again on the test `name` alone, with `env` set, its stdout piped.
fn spawn_child(name: &str, env: &[(&str, &Path)]) -> Child {
    spawn_child_with_umask(None, name, env)
}

/// Runs this test binary again as [`spawn_child`] does, under the file creation mask `umask` (octal,
/// as the shell's `umask` takes it) when one is given.
fn spawn_child_with_umask(umask: Option<&str>, name: &str, env: &[(&str, &Path)]) -> Child {
    let this = std::env::current_exe().unwrap();
    let mut command = match umask {
        None => Command::new(this),
        Some(umask) => {
            let mut shell = Command::new("sh");
            shell
                .arg("-c")
                .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
                .arg(this);
            shell
        }
    };
    command
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().unwrap()
}

/// A child process that is killed if the test fails before it ends, so none outlive the test run.
pub struct ChildGuard {
    /// The child.
    pub child: Child,
    lines: Option<Lines<BufReader<ChildStdout>>>,
}

impl ChildGuard {
    /// Runs this test binary again on the test `name` alone, with `env` set.
    pub fn spawn(name: &str, env: &[(&str, &Path)]) -> Self {
        let mut child = spawn_child(name, env);
        let lines = child.stdout.take().map(|out| BufReader::new(out).lines());
        Self { child, lines }
    }

    /// Reads the child's stdout until a line containing `marker` (the test harness may print its own
    /// words before it on the same line).
    pub fn wait_for(&mut self, marker: &str) {
        let lines = self.lines.as_mut().unwrap();
        let found = lines.map(Result::unwrap).any(|l| l.contains(marker));
        assert!(found, "the child ended without printing {marker:?}");
    }

    /// Kills the child with SIGKILL and waits for it to end.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// A small random number source; the seed is printed so a failing run can be repeated with
/// `FACTDESK_CRASH_SEED`.
struct Random(u64);

impl Random {
    fn new() -> Self {
        let seed = std::env::var("FACTDESK_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| uuid::Uuid::new_v4().as_u64_pair().0 | 1);
        eprintln!("random seed: FACTDESK_CRASH_SEED={seed}");
        Self(seed)
    }

    /// A number in `0..n` (xorshift64).
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A realistic project of about 300 KB: the sample article repeated into a long piece with a claim on
/// every sentence, which takes a save real time.
fn long_project(title: &str, explained: bool) -> Project {
    let body = vec![sample_text().trim_end(); 20].join("\n\n");
    let article = Article::new("Long read".into(), body.clone(), None, fixed_time());
    let article_id = article.id;
    let mut project = Project::from_article(article);
    project.title = title.into();
    for (i, range) in text::sentences(&body).into_iter().enumerate() {
        let anchor = TextAnchor::from_range(&body, range.start, range.end).unwrap();
        let mut claim = Claim::new(article_id, anchor, fixed_time());
        if explained {
            claim.explanation =
                format!("Checked against the agency's figures, note {i}: the numbers hold.");
        }
        project.claims.push(claim);
    }
    project
}

/// Saves project A and B alternately to the file named in `FACTDESK_CRASH_CHILD`, until killed.
#[test]
fn save_child() {
    let Some(target) = std::env::var_os("FACTDESK_CRASH_CHILD") else {
        return;
    };
    let target = PathBuf::from(target);
    let fixtures = PathBuf::from(std::env::var_os("FACTDESK_CRASH_FIXTURES").unwrap());
    let a = store::load(&fixtures.join("a.factdesk.json")).unwrap();
    let b = store::load(&fixtures.join("b.factdesk.json")).unwrap();
    // Start with the version not on disk, so every save changes the file.
    let on_disk_is_a = std::fs::read(&target).ok() == Some(store::to_bytes(&a).unwrap());
    let order = if on_disk_is_a { [&b, &a] } else { [&a, &b] };
    // Bounded, in case the parent dies before killing it.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        for project in order {
            println!("saving");
            store::save(project, &target).unwrap();
        }
    }
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_random_points_leaves_the_old_or_the_new_project_whole() {
    const KILLS: usize = 200;
    let dir = temp_dir();
    let fixtures = dir.path().join("fixtures");
    let folder = dir.path().join("projects");
    std::fs::create_dir_all(&fixtures).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    let a = long_project("Long read, first pass", false);
    let b = long_project("Long read, explained", true);
    store::save(&a, &fixtures.join("a.factdesk.json")).unwrap();
    store::save(&b, &fixtures.join("b.factdesk.json")).unwrap();
    let a_bytes = store::to_bytes(&a).unwrap();
    let b_bytes = store::to_bytes(&b).unwrap();
    assert!(a_bytes.len() > 300_000 && b_bytes.len() > 300_000);
    let path = folder.join("long.factdesk.json");
    // How long a save takes here (the longest of a few, as disks vary), to spread the kills over.
    let save_micros = [&b, &a, &b, &a]
        .into_iter()
        .map(|project| {
            let started = Instant::now();
            store::save(project, &path).unwrap();
            u64::try_from(started.elapsed().as_micros()).unwrap()
        })
        .max()
        .unwrap();

    let whole = |file: &Path| {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            bytes == a_bytes || bytes == b_bytes,
            "{} is neither version ({} bytes; loading it says {:?})",
            file.display(),
            bytes.len(),
            store::load(file).err()
        );
        bytes
    };

    let mut random = Random::new();
    let started = Instant::now();
    let (mut mid_write, mut changed, mut before_ready) = (0, 0, 0);
    let mut previous = a_bytes.clone();
    for _ in 0..KILLS {
        let mut child = ChildGuard::spawn(
            "crash::save_child",
            &[
                ("FACTDESK_CRASH_CHILD", &path),
                ("FACTDESK_CRASH_FIXTURES", &fixtures),
            ],
        );
        // One kill in ten lands anywhere in the start-up; the rest anywhere in the save loop: at a
        // random moment within two saves' time from the start of the child's first or second save.
        if random.below(10) == 0 {
            before_ready += 1;
            std::thread::sleep(Duration::from_micros(random.below(60_000)));
        } else {
            for _ in 0..=random.below(2) {
                child.wait_for("saving");
            }
            std::thread::sleep(Duration::from_micros(random.below(2 * save_micros)));
        }
        child.kill();

        let now = whole(&path);
        if now != previous {
            changed += 1;
        }
        previous = now;
        let backup = store::backup_path(&path);
        if backup.exists() {
            whole(&backup);
        }
        // A save killed between creating its temporary file and renaming it leaves that file, and
        // only that one: it is cleaned up like any abandoned save.
        let left = recovery::remove_stale_temp_files(&folder, Duration::ZERO);
        assert!(left.len() <= 1, "one kill left {left:?}");
        mid_write += left.len();
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert!(
            names == ["long.factdesk.json"]
                || names == ["long.factdesk.json", "long.factdesk.json.bak"],
            "{names:?}"
        );
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{KILLS} kills in {elapsed:.1?} (project {} KB, a save {} ms): {mid_write} mid-write \
         (temporary file left), {changed} after the file had changed, {before_ready} during start-up",
        a_bytes.len() / 1000,
        save_micros / 1000
    );
    assert!(store::load(&path).is_ok());
    // The kills did land inside writes, not only between them: about one in six does (the rest fall
    // in the serialising, the flushing of the folder, or the start-up).
    assert!(
        mid_write >= KILLS / 20,
        "only {mid_write} kills hit a write"
    );
    assert!(
        changed >= KILLS / 4,
        "only {changed} kills came after a save"
    );
}

/// Installs the crash handler, writes the project file in `FACTDESK_CHILD_PROJECT` as unsaved work to
/// a recovery file, and panics on a worker thread; run with `FACTDESK_PANIC_CHILD` set and
/// `FACTDESK_DATA_DIR` naming a folder.
#[test]
fn panic_child() {
    if std::env::var_os("FACTDESK_PANIC_CHILD").is_none() {
        return;
    }
    let data = recovery::data_dir().unwrap();
    crash_log::install_panic_hook(data.clone());
    let session = RecoveryStore::new(&data).begin_session().unwrap();
    let project_path = PathBuf::from(std::env::var_os("FACTDESK_CHILD_PROJECT").unwrap());
    let project = store::load(&project_path).unwrap();
    session.write(&project, Some(&project_path)).unwrap();
    let worker = std::thread::Builder::new()
        .name("import-worker".into())
        .spawn(|| panic!("claim 7 has no article"))
        .unwrap();
    assert!(worker.join().is_err());
    println!("survived");
}

/// The crash logs in `data`'s crash folder.
fn crash_logs(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(crash_log::crash_dir(data)) else {
        return Vec::new();
    };
    let mut logs: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "log"))
        .collect();
    logs.sort();
    logs
}

/// Runs [`panic_child`] with the sample project as the open project, under the file creation mask
/// `umask` when given, and returns the data folder, the project file, the folder holding both, and
/// what the child printed.
fn run_panic_child(
    umask: Option<&str>,
) -> (PathBuf, PathBuf, tempfile::TempDir, std::process::Output) {
    let dir = temp_dir();
    let data = dir.path().join("data");
    let project = dir.path().join("troops.factdesk.json");
    store::save(&sample_project(), &project).unwrap();
    let env = [
        ("FACTDESK_PANIC_CHILD", Path::new("1")),
        ("FACTDESK_DATA_DIR", &data),
        ("FACTDESK_CHILD_PROJECT", &project),
    ];
    let child = spawn_child_with_umask(umask, "crash::panic_child", &env);
    let output = child.wait_with_output().unwrap();
    (data, project, dir, output)
}

#[test]
fn a_panic_writes_a_crash_log_the_next_start_reports_once() {
    let before = Utc::now();
    let (data, project, _dir, output) = run_panic_child(None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("survived"), "a worker's panic is not fatal");
    assert!(
        stderr.contains("claim 7 has no article"),
        "Rust's usual message is still printed: {stderr}"
    );

    let logs = crash_logs(&data);
    assert_eq!(logs.len(), 1, "{logs:?}");
    let log = &logs[0];
    // crash-<yyyymmdd>-<hhmmss>-<pid>.log, in UTC.
    let name = log.file_name().unwrap().to_str().unwrap();
    let parts: Vec<&str> = name
        .strip_prefix("crash-")
        .and_then(|n| n.strip_suffix(".log"))
        .unwrap_or_else(|| panic!("{name}"))
        .split('-')
        .collect();
    assert!(
        parts.len() == 3
            && parts[0].len() == 8
            && parts[1].len() == 6
            && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "{name}"
    );
    let logged_at =
        chrono::NaiveDateTime::parse_from_str(&format!("{}{}", parts[0], parts[1]), "%Y%m%d%H%M%S")
            .unwrap()
            .and_utc();
    assert!(logged_at >= before.with_nanosecond(0).unwrap() && logged_at <= Utc::now());
    let text = std::fs::read_to_string(log).unwrap();
    for expected in [
        "factdesk version: 0.1.0",
        "thread: import-worker",
        "message: claim 7 has no article",
        "location: tests/it/crash.rs:",
        std::env::consts::OS,
        "backtrace:",
        "time: ",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }

    // The next start hears about it once.
    assert_eq!(crash_log::take_unreported(&data).as_ref(), Some(log));
    assert_eq!(crash_log::take_unreported(&data), None);

    // And is offered the work the process had not saved.
    let store = RecoveryStore::new(&data);
    let pending = store.pending();
    assert_eq!(pending.len(), 1, "{pending:?}");
    let entry = &pending[0];
    let saved = store::load(&project).unwrap();
    assert_eq!(entry.title(), saved.title);
    assert_eq!(entry.project_path(), Some(project.as_path()));
    assert_eq!(store.restore(entry).unwrap(), saved);
}

#[cfg(unix)]
#[test]
fn recovery_files_and_crash_logs_are_private_to_the_user_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // 000 would leave every file open to all, 022 is the usual one.
    for umask in ["000", "022"] {
        let (data, _project, _dir, output) = run_panic_child(Some(umask));
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let recovery = RecoveryStore::new(&data);
        let crashes = crash_log::crash_dir(&data);
        for folder in [data.as_path(), recovery.dir(), crashes.as_path()] {
            assert_eq!(mode(folder), 0o700, "umask {umask}: {}", folder.display());
        }
        let files: Vec<PathBuf> = std::fs::read_dir(recovery.dir())
            .unwrap()
            .chain(std::fs::read_dir(&crashes).unwrap())
            .map(|e| e.unwrap().path())
            .collect();
        let mut kinds: Vec<String> = files
            .iter()
            .map(|f| {
                f.extension()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        kinds.sort();
        // The crash log and the note naming it; the project, its description and its lock.
        assert_eq!(kinds, ["", "json", "json", "lock", "log"], "{files:?}");
        for file in &files {
            assert_eq!(mode(file), 0o600, "umask {umask}: {}", file.display());
        }
    }
}

#[test]
fn without_a_crash_there_is_nothing_to_report() {
    let dir = temp_dir();
    assert_eq!(crash_log::take_unreported(dir.path()), None);
}
