//! Crash logs: when factdesk panics, a log with what happened and where is written to
//! `<data dir>/crashes/crash-<UTC yyyymmdd-hhmmss>-<pid>.log`, and the next start can tell the user
//! about it ([`take_unreported`]).
//!
//! The panic hook ([`install_panic_hook`]) keeps Rust's usual message on stderr, then writes the log.
//! It never panics itself: write errors are ignored, and a panic inside the hook's own work is not
//! handled again.
//!
//! The hook does not save the unsaved work: it cannot reach the window's project. The window runs
//! each frame under `catch_unwind` and writes its recovery file when a frame panics
//! (`FactdeskApp::show_guarded`).
//!
//! Every panic is logged, also those on worker threads that the app survives; the log names the thread.
//! A log holds paths of the user's disk, so it is the user's alone (mode 0600 on Unix, in a folder
//! created as 0700).

use std::cell::Cell;
use std::io::Write;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};

use super::VERSION;

/// Name of the file in the crash folder that names the newest log not yet shown to the user.
const UNREPORTED: &str = "unreported";

/// The crash folder set by the last [`install_panic_hook`]; `None` until then.
static CRASH_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);
/// Whether the hook is installed; installing twice would log every panic twice.
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread runs the hook, so a panic inside it is only printed.
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
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
        if reentered {
            return;
        }
        let dir = lock(&CRASH_DIR).clone();
        if let Some(dir) = dir {
            write_log(&dir, info, Utc::now());
        }
        IN_HOOK.try_with(|flag| flag.set(false)).ok();
    }));
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

/// Writes the log for `info` into `dir` and records it as unreported; every step is best effort.
fn write_log(dir: &Path, info: &PanicHookInfo<'_>, now: DateTime<Utc>) -> Option<()> {
    crate::store::create_private_dir(dir).ok()?;
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
        crate::store::private_new_file()
            .open(&path)
            .ok()
            .map(|file| (path, file))
    })?;
    file.write_all(report(info, now).as_bytes()).ok()?;
    file.sync_all().ok();
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        crate::store::write_private(&dir.join(UNREPORTED), format!("{name}\n").as_bytes()).ok();
    }
    Some(())
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
