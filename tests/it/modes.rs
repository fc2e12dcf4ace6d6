//! File permissions on Unix, through the real binary run under a chosen umask: new files get what the
//! umask gives, as other programs' files do; a replaced file keeps its mode; a project's `.bak` copy is
//! as private as the project. (Recovery files and crash logs, private whatever the umask, are tested in
//! `crash.rs`, where a real process crashes.)

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::cli::{stderr, stdout};
use crate::common::temp_dir;

/// Runs factdesk with `args` in `dir` under the file creation mask `umask` (octal, as the shell's
/// `umask` takes it).
fn factdesk_with_umask(umask: u32, args: &[&str], dir: &Path) -> Output {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask:03o} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run factdesk");
    assert!(
        output.status.success(),
        "factdesk {args:?}: {}{}",
        stdout(&output),
        stderr(&output)
    );
    output
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn new_projects_and_exports_get_the_umask_mode_and_replaced_files_keep_theirs() {
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claimreview-feed.jsonld");
    let feed = feed.to_str().unwrap();
    // The usual umask, a group-sharing one, and a private one.
    for umask in [0o022, 0o002, 0o077] {
        let expected = 0o666 & !umask;
        let dir = temp_dir();
        let at = dir.path();
        std::fs::write(at.join("article.txt"), factdesk::SAMPLE_ARTICLE).unwrap();

        factdesk_with_umask(umask, &["new", "article.txt", "-o", "p.factdesk.json"], at);
        let project = at.join("p.factdesk.json");
        assert_eq!(mode(&project), expected, "new project, umask {umask:03o}");

        factdesk_with_umask(umask, &["export", "p.factdesk.json", "-o", "r.html"], at);
        assert_eq!(
            mode(&at.join("r.html")),
            expected,
            "export, umask {umask:03o}"
        );

        // A report the user opened to everyone stays so when it is written again.
        set_mode(&at.join("r.html"), 0o666);
        factdesk_with_umask(umask, &["export", "p.factdesk.json", "-o", "r.html"], at);
        assert_eq!(
            mode(&at.join("r.html")),
            0o666,
            "replaced export, umask {umask:03o}"
        );

        // A project shared with a group (or made private) keeps that mode when saved over, and the
        // copy of the version it replaced is kept with the same mode.
        for custom in [0o660, 0o600] {
            set_mode(&project, custom);
            factdesk_with_umask(
                umask,
                &["import-claimreview", feed, "--into", "p.factdesk.json"],
                at,
            );
            assert_eq!(mode(&project), custom, "saved project, umask {umask:03o}");
            let backup = factdesk::store::backup_path(&project);
            assert_eq!(mode(&backup), custom, ".bak, umask {umask:03o}");
        }
        let names: Vec<String> = std::fs::read_dir(at)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.ends_with(".tmp")),
            "no temporary file is left: {names:?}"
        );
    }
}
