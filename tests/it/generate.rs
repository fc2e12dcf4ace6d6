//! `factdesk --generate`: the man page and shell completions the package installs, run as the real
//! binary and checked against the command line definitions they are made from.

use clap::CommandFactory;
use factdesk::cli::Cli;

use crate::cli::{factdesk, stderr, stdout};
use crate::common::temp_dir;

/// The subcommands and, for each, the long options a user can type, as clap knows them.
fn commands_and_options() -> Vec<(String, Vec<String>)> {
    let command = Cli::command();
    let list: Vec<(String, Vec<String>)> = command
        .get_subcommands()
        .map(|sub| {
            let options = sub
                .get_arguments()
                .filter_map(|a| a.get_long())
                .map(|l| format!("--{l}"))
                .collect();
            (sub.get_name().to_owned(), options)
        })
        .collect();
    let names: Vec<&str> = list.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"export") && names.contains(&"validate"),
        "the command line lost its subcommands: {names:?}"
    );
    list
}

fn generate(kind: &str) -> String {
    let dir = temp_dir();
    let out = factdesk(&["--generate", kind], dir.path());
    assert!(out.status.success(), "--generate {kind}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_man_page_sets_out_every_subcommand_with_its_options() {
    let page = generate("man");
    assert!(
        page.contains(".TH factdesk 1"),
        "not a section 1 page:\n{page}"
    );
    // roff escapes a hyphen as `\-`; a reader sees it plain.
    let text = page.replace("\\-", "-");
    for (name, options) in commands_and_options() {
        assert!(
            text.contains(&format!(".SS \"factdesk {name}\"")),
            "no section for `factdesk {name}` in:\n{text}"
        );
        for option in options {
            assert!(text.contains(&option), "{name}: {option} missing");
        }
    }
    assert!(
        text.contains("--generate"),
        "the page names --generate itself"
    );
}

#[test]
fn every_shell_completion_offers_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = generate(&format!("complete-{shell}"));
        for (name, options) in commands_and_options() {
            assert!(script.contains(&name), "complete-{shell} lacks `{name}`");
            for option in options {
                let long = option.trim_start_matches('-');
                assert!(script.contains(long), "complete-{shell}: {name} {option}");
            }
        }
    }
}

#[test]
fn the_bash_completion_loads_and_completes_a_subcommand() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no bash here");
        return;
    }
    let dir = temp_dir();
    let script = dir.path().join("factdesk.bash");
    std::fs::write(&script, generate("complete-bash")).unwrap();
    // What bash offers after `factdesk val<Tab>`.
    let probe = format!(
        "source '{}'; COMP_WORDS=(factdesk val); COMP_CWORD=1; COMP_LINE='factdesk val'; \
         COMP_POINT=12; _factdesk factdesk val factdesk; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &probe])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), "validate", "{}", stderr(&out));
}

#[test]
fn an_unknown_kind_is_refused_with_the_kinds_there_are() {
    let dir = temp_dir();
    let out = factdesk(&["--generate", "manual"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("complete-bash") && message.contains("man"),
        "{message}"
    );
}

#[test]
fn generate_does_not_mix_with_a_file_or_a_subcommand() {
    let dir = temp_dir();
    let with_file = factdesk(&["--generate", "man", "article.txt"], dir.path());
    assert_eq!(with_file.status.code(), Some(2), "{}", stderr(&with_file));
    assert!(
        stderr(&with_file).contains("cannot be used with"),
        "{}",
        stderr(&with_file)
    );
    assert!(stdout(&with_file).is_empty());
    let with_command = factdesk(&["--generate", "man", "validate", "p.json"], dir.path());
    assert_eq!(
        with_command.status.code(),
        Some(2),
        "{}",
        stderr(&with_command)
    );
    assert!(stdout(&with_command).is_empty());
}
