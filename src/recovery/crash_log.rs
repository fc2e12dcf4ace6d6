//! Crash logs: when factdesk panics, a log with what happened and where is written to
//! `<data dir>/crashes/crash-<UTC yyyymmdd-hhmmss>-<pid>.log`, and the next start can tell the user
//! about it ([`take_unreported`]).
//!
//! The panic hook ([`install_panic_hook`]) keeps Rust's usual message on stderr, writes the log, then
//! runs a rescue if one was set ([`set_rescue`]). It never panics itself: write errors are ignored, and
//! a panic inside the hook's own work is not handled again.
//!
//! The window does not set a rescue: a rescue runs on a thread of its own and cannot reach the
//! window's project. The window instead runs each frame under `catch_unwind` and writes its recovery
//! file when a frame panics (`FactdeskApp::show_guarded`).
//!
//! Every panic is logged, also those on worker threads that the app survives; the log names the thread.

use std::cell::Cell;
use std::io::Write;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::VERSION;

/// Name of the file in the crash folder that names the newest log not yet shown to the user.
const UNREPORTED: &str = "unreported";

/// How long the hook waits for the rescue before letting the crash go on: a rescue that waits for a lock
/// the panicking thread holds must not hang the app forever.
pub const RESCUE_TIMEOUT: Duration = Duration::from_secs(10);

/// Name of the thread the rescue runs on.
const RESCUE_THREAD: &str = "factdesk-rescue";

type Rescue = Arc<dyn Fn() + Send + Sync>;

/// The crash folder set by the last [`install_panic_hook`]; `None` until then.
static CRASH_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);
/// The app's rescue, if any.
static RESCUE: Mutex<Option<Rescue>> = Mutex::new(None);
/// Whether the hook is installed; installing twice would log every panic twice.
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread runs the hook, so a panic inside it is only printed.
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
    /// Set on the rescue thread, whose panics are reported in the crash log they belong to.
    static IS_RESCUE: Cell<bool> = const { Cell::new(false) };
    /// How many [`catching_expected_panics`] calls this thread is inside.
    static EXPECTING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f` under [`std::panic::catch_unwind`] for a caller that handles its panics: a third-party
/// parser known to panic on malformed input. While it runs, the hook neither prints nor logs a panic
/// on this thread, so a file that was refused cleanly does not leave a crash log behind.
pub fn catching_expected_panics<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    EXPECTING.with(|n| n.set(n.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    EXPECTING.with(|n| n.set(n.get().saturating_sub(1)));
    result
}

/// Locks `mutex` even if a thread panicked while holding it: the values here are replaced whole, so
/// they are never half-changed.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The crash folder under the data folder `data_dir` (see [`super::data_dir`]).
pub fn crash_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("crashes")
}

/// Installs the panic hook that writes crash logs under `data_dir`'s `crashes` folder (created when
/// the first log is written). Rust's usual panic message is still printed first. Calling it again only
/// changes the folder.
pub fn install_panic_hook(data_dir: PathBuf) {
    *lock(&CRASH_DIR) = Some(crash_dir(&data_dir));
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if EXPECTING.try_with(Cell::get).unwrap_or(0) > 0 {
            return;
        }
        previous(info);
        // During thread teardown the flag may be gone; doing nothing more is the safe choice then.
        let Ok(reentered) = IN_HOOK.try_with(|flag| flag.replace(true)) else {
            return;
        };
        if reentered || IS_RESCUE.try_with(Cell::get).unwrap_or(true) {
            return;
        }
        handle_panic(info);
        IN_HOOK.try_with(|flag| flag.set(false)).ok();
    }));
}

/// Sets the function the hook runs after writing a crash log, e.g. one that writes the recovery file
/// of the unsaved work; replaces any earlier one.
///
/// It runs on a thread of its own and is waited for up to [`RESCUE_TIMEOUT`]: a panic in the hook
/// itself would abort the process, while a panic on that thread is only noted in the crash log. It
/// must not wait for a lock the panicking thread may hold: use `try_lock` and give up.
pub fn set_rescue(rescue: Box<dyn Fn() + Send + Sync>) {
    let previous = lock(&RESCUE).replace(Arc::from(rescue));
    // Dropped outside the lock: its destructor is the app's code and may panic.
    drop(previous);
}

/// Removes the rescue set by [`set_rescue`], e.g. when the window closes normally.
pub fn clear_rescue() {
    let previous = lock(&RESCUE).take();
    drop(previous);
}

/// The newest crash log not yet shown to the user, if any; the next call returns `None` until the next
/// crash. For the start-up message "factdesk ran into an internal error last time; a crash log was
/// written to PATH". A log deleted since is not returned.
pub fn take_unreported(data_dir: &Path) -> Option<PathBuf> {
    let dir = crash_dir(data_dir);
    let marker = dir.join(UNREPORTED);
    let name = std::fs::read_to_string(&marker).ok()?;
    std::fs::remove_file(&marker).ok();
    let name = name.trim();
    // Only a plain file name in the crash folder: the marker must not point anywhere else.
    if name.is_empty() || Path::new(name).file_name() != Some(std::ffi::OsStr::new(name)) {
        return None;
    }
    let log = dir.join(name);
    log.is_file().then_some(log)
}

/// Writes the crash log and runs the rescue; every step is best effort.
fn handle_panic(info: &PanicHookInfo<'_>) {
    let now = Utc::now();
    let dir = lock(&CRASH_DIR).clone();
    let log = dir.as_deref().and_then(|dir| write_log(dir, info, now));
    let rescue = lock(&RESCUE).clone();
    let Some(rescue) = rescue else { return };
    let outcome = run_rescue(rescue);
    if let (Some(log), Some(problem)) = (log, outcome)
        && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(log)
    {
        writeln!(file, "\nrescue of unsaved work: {problem}").ok();
    }
}

/// Runs `rescue` on a thread of its own and waits for it; what went wrong, if anything.
fn run_rescue(rescue: Rescue) -> Option<String> {
    let (done, finished) = std::sync::mpsc::channel();
    let task = move || {
        IS_RESCUE.try_with(|flag| flag.set(true)).ok();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| rescue()));
        done.send(result.err().map(|payload| panic_message(&*payload)))
            .ok();
    };
    if std::thread::Builder::new()
        .name(RESCUE_THREAD.to_owned())
        .spawn(task)
        .is_err()
    {
        return Some("failed: could not start a thread for it".to_owned());
    }
    match finished.recv_timeout(RESCUE_TIMEOUT) {
        Ok(None) => None,
        Ok(Some(message)) => Some(format!("failed: {message}")),
        Err(_) => Some(format!(
            "gave up after {} s; it may not have finished",
            RESCUE_TIMEOUT.as_secs()
        )),
    }
}

/// The message of a panic payload, as Rust prints it.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".to_owned())
}

/// Writes the log for `info` into `dir` and records it as unreported; the log's path if written.
fn write_log(dir: &Path, info: &PanicHookInfo<'_>, now: DateTime<Utc>) -> Option<PathBuf> {
    std::fs::create_dir_all(dir).ok()?;
    let stem = format!(
        "crash-{}-{}",
        now.format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    // Two threads of one process can panic within the same second.
    let (path, mut file) = (1..100).find_map(|n| {
        let name = if n == 1 {
            format!("{stem}.log")
        } else {
            format!("{stem}-{n}.log")
        };
        let path = dir.join(name);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .ok()
            .map(|file| (path, file))
    })?;
    file.write_all(report(info, now).as_bytes()).ok()?;
    file.sync_all().ok();
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        crate::store::write_atomically(&dir.join(UNREPORTED), format!("{name}\n").as_bytes()).ok();
    }
    Some(path)
}

/// The text of a crash log.
fn report(info: &PanicHookInfo<'_>, now: DateTime<Utc>) -> String {
    let message = info
        .payload_as_str()
        .unwrap_or("(a panic without a message)");
    let location = info.location().map_or_else(
        || "unknown".to_owned(),
        |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
    );
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("(unnamed)");
    let backtrace = std::backtrace::Backtrace::force_capture();
    format!(
        "factdesk ran into an internal error and reported it here.\n\
         Please send this file with a description of what you were doing to the factdesk developers.\n\
         \n\
         factdesk version: {VERSION}\n\
         system: {} {} ({})\n\
         time: {}\n\
         process: {}\n\
         thread: {thread}\n\
         message: {message}\n\
         location: {location}\n\
         \n\
         backtrace:\n{backtrace}\n",
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::env::consts::FAMILY,
        now.format("%Y-%m-%d %H:%M:%S UTC"),
        std::process::id(),
    )
}
