//! The man page and the shell completions, made from the clap definitions themselves so that they
//! never drift from what factdesk accepts: `factdesk --generate man|complete-bash|…` prints them,
//! and the Debian package ships that output (packaging/build-deb).

use clap::{Arg, Command, CommandFactory, ValueEnum};
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use super::Cli;

/// What `--generate` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page factdesk(1), in roff, with every subcommand and its options.
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for elvish.
    CompleteElvish,
    /// Completions for PowerShell.
    CompletePowershell,
}

impl Generate {
    fn shell(self) -> Option<Shell> {
        match self {
            Self::Man => None,
            Self::CompleteBash => Some(Shell::Bash),
            Self::CompleteZsh => Some(Shell::Zsh),
            Self::CompleteFish => Some(Shell::Fish),
            Self::CompleteElvish => Some(Shell::Elvish),
            Self::CompletePowershell => Some(Shell::PowerShell),
        }
    }
}

/// The text `kind` stands for, built from factdesk's own command line definitions.
pub fn render(kind: Generate) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    match kind.shell() {
        Some(shell) => clap_complete::generate(shell, &mut command, "factdesk", &mut out),
        // Writing into memory cannot fail.
        None => man_page(command).to_writer(&mut out).unwrap_or_default(),
    }
    out
}

/// factdesk(1): clap_mangen's name, synopsis, description and options, then one subsection per
/// subcommand with its own synopsis, description and options. clap_mangen alone would refer to a
/// page per subcommand (factdesk-new(1), …); one page is what `man factdesk` readers look in.
fn man_page(mut command: Command) -> ManPage {
    command.build();
    let man = Man::new(command.clone()).manual("factdesk manual");
    let mut sections = Roff::new();
    sections.control("SH", ["COMMANDS"]);
    for sub in subcommands(&command) {
        subcommand_section(&mut sections, sub);
    }
    ManPage { man, sections }
}

/// The subcommands a user types, in the order `--help` lists them (not clap's own `help`).
pub fn subcommands(command: &Command) -> impl Iterator<Item = &Command> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
}

fn subcommand_section(roff: &mut Roff, sub: &Command) {
    let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
    roff.control("SS", [name]);
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    roff.text([bold(usage)]);
    roff.control("PP", []);
    if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
        paragraphs(roff, &about.to_string());
    }
    for arg in sub
        .get_arguments()
        .filter(|a| !a.is_hide_set() && a.get_id() != "help")
    {
        argument(roff, arg);
    }
}

/// One `.TP` entry: the argument as typed (flags in bold, values in italics), then its help.
fn argument(roff: &mut Roff, arg: &Arg) {
    let mut term: Vec<Inline> = Vec::new();
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    match (arg.get_short(), arg.get_long()) {
        (None, None) => term.push(italic(value.clone())),
        (short, long) => {
            let flags: Vec<String> = short
                .map(|s| format!("-{s}"))
                .into_iter()
                .chain(long.map(|l| format!("--{l}")))
                .collect();
            term.push(bold(flags.join(", ")));
            if takes_value {
                term.push(roman(" "));
                term.push(italic(value));
            }
        }
    }
    roff.control("TP", []);
    roff.text(term);
    if let Some(help) = arg.get_long_help().or_else(|| arg.get_help()) {
        paragraphs(roff, &help.to_string());
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() {
        roff.control("br", []);
        roff.text([roman(format!("Possible values: {}.", values.join(", ")))]);
    }
    // A flag's default (false) says nothing.
    if let Some(default) = arg.get_default_values().first().filter(|_| takes_value) {
        roff.control("br", []);
        roff.text([roman(format!("Default: {}.", default.to_string_lossy()))]);
    }
}

/// Text with blank lines between paragraphs, as clap keeps doc comments.
fn paragraphs(roff: &mut Roff, text: &str) {
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(
            paragraph.split_whitespace().collect::<Vec<_>>().join(" "),
        )]);
    }
}

/// clap_mangen's sections around ours.
struct ManPage {
    man: Man,
    sections: Roff,
}

impl ManPage {
    fn to_writer(&self, out: &mut Vec<u8>) -> std::io::Result<()> {
        self.man.render_title(out)?;
        self.man.render_name_section(out)?;
        self.man.render_synopsis_section(out)?;
        self.man.render_description_section(out)?;
        self.man.render_options_section(out)?;
        self.sections.to_writer(out)?;
        self.man.render_version_section(out)
    }
}
