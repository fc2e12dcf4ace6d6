//! The factdesk binary: parses the command line and hands over to the CLI or the window.

use std::process::ExitCode;

use clap::Parser;
use factdesk::cli::{self, Cli};

fn main() -> ExitCode {
    // A crash leaves a log (the next window start points to it); panics the importers expect from
    // third-party parsers stay quiet.
    if let Some(dir) = factdesk::recovery::data_dir() {
        factdesk::recovery::crash_log::install_panic_hook(dir);
    }
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(message) = cli::misread_first_argument(&raw) {
        eprintln!("factdesk: {message}");
        return ExitCode::from(2);
    }
    let args = Cli::parse_from(raw);
    let result = match (args.generate, args.command) {
        (Some(kind), _) => cli::print_generated(kind),
        (None, Some(command)) => cli::run(command),
        (None, None) => open_window(args.file),
    };
    result.unwrap_or_else(|err| {
        eprintln!("factdesk: {err:#}");
        ExitCode::from(2)
    })
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    factdesk::ui::run(file)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this factdesk was built without its window (feature \"gui\"); use a subcommand, see --help"
    )
}
