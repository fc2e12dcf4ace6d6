//! The command-line interface: the same library code as the window, without one.
//!
//! Parsing (clap) is kept apart from running, so every subcommand is a plain function over the library.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::{Parser, Subcommand};

pub mod generate;

use crate::model::{Project, repair};
use crate::report::{self, ReportFormat};
use crate::settings::{Settings, SettingsStore};
use crate::{import, store};

/// Mark claims in an article, track sources and verdicts, and publish verification reports.
///
/// Without a subcommand, opens the window, with FILE (an article or a .factdesk.json project) if given,
/// or the bundled sample article. Web pages open in the window with File › Open URL.
#[derive(Debug, Parser)]
#[command(name = "factdesk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// An article file (plain text in any encoding, Markdown, a saved web page, Word .docx, PDF) or a
    /// project (.factdesk.json) to open in the window.
    pub file: Option<PathBuf>,
    /// Print the man page or a shell's completion script, made from these very options, and exit
    /// (the Debian package installs them; see packaging/build-deb).
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "file")]
    pub generate: Option<generate::Generate>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A headless subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project from an article: a file, or a web page downloaded as File › Open URL does.
    ///
    /// Files are read in any format factdesk knows: plain text in any common encoding, Markdown,
    /// saved web pages (.html), Word documents (.docx) and the text of PDFs. An http:// or https://
    /// address is downloaded with the window's limits and decoding (the charset the server names
    /// first) and its main article extracted.
    ///
    /// Without -o, the project is named after the article: beside the file, as NAME.factdesk.json
    /// for NAME.txt; for a web page, in the current folder, named after the page's title (lower
    /// case, words joined by hyphens, at most 60 characters), else after the last part of the
    /// address.
    New {
        /// The article file, or an http(s) address of a web page.
        #[arg(value_name = "ARTICLE")]
        article: PathBuf,
        /// Where to write the project; see above for the name it gets without -o.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a verification report of a project (HTML, Markdown, CSV, JSON, ClaimReview or Web
    /// Annotation), and print on standard error what the transparency check finds.
    Export {
        /// The project file.
        project: PathBuf,
        /// Report format.
        #[arg(short, long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Where to write the report; `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// Fail (exit status 1, nothing written) when the transparency check finds a verdict without
        /// a source or an explanation, or a quote no longer in the article.
        #[arg(long)]
        strict: bool,
        /// CSV only: start the file with a UTF-8 byte-order mark so Excel reads accents right.
        #[arg(long)]
        bom: bool,
    },
    /// Read an article, a file or a web page, and print what factdesk makes of it; writes nothing.
    ///
    /// Files are read in any format factdesk knows: plain text in any common encoding, Markdown,
    /// saved web pages (.html), Word documents (.docx) and the text of PDFs. An http:// or https://
    /// address is downloaded as File › Open URL does. Warnings (what was guessed, replaced or
    /// dropped) go to standard error.
    Import {
        /// The article file, or an http(s) address of a web page.
        #[arg(value_name = "ARTICLE")]
        file: PathBuf,
        /// Print the extracted text, its paragraphs and headings, metadata and warnings as JSON
        /// instead of a summary.
        #[arg(long)]
        print: bool,
    },
    /// Add the claims reviewed in a ClaimReview JSON-LD file (a fact-checker's feed) to a project, as
    /// a new article; creates the project if it does not exist.
    #[command(name = "import-claimreview")]
    ImportClaimReview {
        /// The ClaimReview file (.json or .jsonld): one review, a list, or an @graph.
        file: PathBuf,
        /// The project to add the claims to.
        #[arg(long)]
        into: PathBuf,
    },
    /// Check a project file and print every problem; exit status 1 if there are any. With --repair, fix
    /// what can be fixed.
    ///
    /// --repair fixes what a hand edit or a git merge typically breaks, and prints each change: claims
    /// whose quote moved in an edited article text are found again by their quote (ignoring spacing and
    /// line breaks if need be), the text as it now is is accepted and its hash updated, duplicate ids
    /// get fresh ones, and blocks that no longer fit the text are dropped. It never deletes a claim. The
    /// repaired project is saved over PROJECT (the previous version is kept as PROJECT.bak) or to -o
    /// OUT. If any problem needs a hand edit, nothing is written. A project with nothing to fix is not
    /// rewritten.
    ///
    /// Exit status: 0 when the project is valid, or was repaired and saved; 1 when problems were found
    /// (without --repair), when some need a hand edit (with --repair; nothing was written), or when the
    /// file cannot be read as a project; 2 when the repaired project could not be written.
    Validate {
        /// The project file.
        project: PathBuf,
        /// Fix what can be fixed, say what changed, and save the result.
        #[arg(long)]
        repair: bool,
        /// With --repair: write the repaired project here instead of over PROJECT.
        #[arg(short, long, value_name = "OUT", requires = "repair")]
        output: Option<PathBuf>,
    },
}

/// Why the command line cannot go on, when its first argument is meant for the window (neither an
/// option nor a command) but names no file there is: a command mistyped, a file that is not there,
/// or a web address. `None` when clap and the window can take it from here.
///
/// Checked on the raw arguments (`args`, the program name first), before clap, so that the options
/// of a mistyped command are not refused first, and before the window, which would start only to
/// report the missing file (or fail without a display).
pub fn misread_first_argument(args: &[OsString]) -> Option<String> {
    let first = args.get(1)?;
    let as_text = first.to_string_lossy();
    let commands = command_names();
    if as_text.starts_with('-') || as_text == "help" || commands.iter().any(|c| *c == as_text) {
        return None;
    }
    let path = Path::new(first);
    if path.is_dir() {
        return Some(format!(
            "this is a folder, not an article or a project; open a file inside it: {}",
            path.display()
        ));
    }
    if path.exists() {
        return None;
    }
    if import::web::is_web_address(&as_text) {
        return Some(format!(
            "the window opens web pages with File › Open URL; `factdesk new {as_text}` makes a \
             project of the page, `factdesk import {as_text}` shows what factdesk reads in it"
        ));
    }
    let looks_like_a_path = as_text.contains(['/', '\\', '.']);
    let meant = closest_commands(&as_text, &commands);
    if !looks_like_a_path && !meant.is_empty() {
        let suggestions: Vec<String> = meant.iter().map(|c| format!("`factdesk {c}`")).collect();
        return Some(format!(
            "{as_text} is not a factdesk command, nor a file here; did you mean {}? \
             (see factdesk --help)",
            suggestions.join(" or ")
        ));
    }
    if looks_like_a_path {
        Some(format!("no such file: {}", path.display()))
    } else {
        Some(format!(
            "no such file or command: {as_text}; the commands are {} (see factdesk --help)",
            commands.join(", ")
        ))
    }
}

/// The names of factdesk's subcommands, in the order `--help` lists them (without clap's `help`).
fn command_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
        .map(str::to_owned)
        .collect()
}

/// The commands `word` is probably a typing slip of: the nearest by Damerau–Levenshtein distance
/// (a swapped pair of letters is one slip), ignoring case, when at most one slip in three letters
/// of the command (at least one). Several when they are equally near, since picking one of them
/// would be a guess.
fn closest_commands<'a>(word: &str, commands: &'a [String]) -> Vec<&'a str> {
    let word = word.to_lowercase();
    let near: Vec<(usize, &str)> = commands
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word, c), c.as_str()))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .collect();
    let Some(nearest) = near.iter().map(|(distance, _)| *distance).min() else {
        return Vec::new();
    };
    near.into_iter()
        .filter(|(distance, _)| *distance == nearest)
        .map(|(_, c)| c)
        .collect()
}

/// Runs a headless subcommand.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::New {
            article,
            output,
            force,
        } => run_new(&article, output, force),
        Command::Export {
            project,
            format,
            output,
            strict,
            bom,
        } => run_export(&project, format, &output, strict, bom),
        Command::ImportClaimReview { file, into } => run_import_claimreview(&file, &into),
        Command::Import { file, print } => run_import(&file, print),
        Command::Validate {
            project,
            repair: false,
            ..
        } => Ok(run_validate(&project)),
        Command::Validate {
            project,
            repair: true,
            output,
        } => run_repair(&project, output.as_deref()),
    }
}

/// Prints what `factdesk --generate KIND` asks for on standard output.
pub fn print_generated(kind: generate::Generate) -> anyhow::Result<ExitCode> {
    std::io::stdout()
        .lock()
        .write_all(&generate::render(kind))
        .context("could not write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Builds a project holding the article at `path`.
pub fn project_from_article_file(path: &Path) -> Result<Project, import::ImportError> {
    Ok(Project::from_article(import::article_from_file(
        path,
        Utc::now(),
    )?))
}

/// The user's settings, for the defaults of a project being created: the same file the window reads
/// (see [`crate::settings`]). A file that cannot be read is reported on standard error and the
/// defaults are used; the command line never writes the settings.
fn settings_for_new_projects() -> Settings {
    let Some(dir) = crate::settings::config_dir() else {
        return Settings::default();
    };
    let loaded = SettingsStore::new(&dir).load();
    if let Some(problem) = loaded.problem {
        eprintln!("factdesk: warning: {problem}");
    }
    loaded.settings
}

/// The address in a command-line argument naming an article, when it is a web address rather
/// than a file.
fn web_address(argument: &Path) -> Option<&str> {
    argument.to_str().filter(|a| import::web::is_web_address(a))
}

fn run_new(article: &Path, output: Option<PathBuf>, force: bool) -> anyhow::Result<ExitCode> {
    let (mut project, output) = if let Some(url) = web_address(article) {
        let (page, warnings) = import::web::article_from_url(url, Utc::now())?;
        for warning in &warnings {
            eprintln!("{url}: {warning}");
        }
        let output = output.unwrap_or_else(|| {
            PathBuf::from(format!(
                "{}{}",
                page_file_stem(&page.title, url),
                store::PROJECT_EXTENSION
            ))
        });
        (Project::from_article(page), output)
    } else {
        let output = output.unwrap_or_else(|| {
            let stem = import::file_stem(article);
            article.with_file_name(format!("{stem}{}", store::PROJECT_EXTENSION))
        });
        (project_from_article_file(article)?, output)
    };
    settings_for_new_projects().apply_to_new_project(&mut project);
    if output.exists() && !force {
        bail!(
            "{} already exists; choose another name with -o, or pass --force to overwrite it",
            output.display()
        );
    }
    store::save(&project, &output)?;
    eprintln!("created {}", output.display());
    Ok(ExitCode::SUCCESS)
}

fn run_export(
    project_path: &Path,
    format: ReportFormat,
    output: &Path,
    strict: bool,
    bom: bool,
) -> anyhow::Result<ExitCode> {
    let project = store::load(project_path)?;
    let findings: Vec<String> = report::format_notes(&project, format)
        .into_iter()
        .chain(
            report::transparency_check(&project)
                .iter()
                .map(ToString::to_string),
        )
        .collect();
    for finding in &findings {
        eprintln!("{}: {finding}", project_path.display());
    }
    if strict && !findings.is_empty() {
        eprintln!(
            "transparency check: {} problem(s); nothing written (drop --strict to export anyway)",
            findings.len()
        );
        return Ok(ExitCode::from(1));
    }
    let options = report::ReportOptions {
        excel_bom: bom,
        ..report::ReportOptions::at(Utc::now())
    };
    let report = report::render(&project, format, &options);
    if output == Path::new("-") {
        std::io::stdout()
            .lock()
            .write_all(report.as_bytes())
            .context("could not write the report to standard output")?;
    } else {
        store::write_atomically(output, report.as_bytes())
            .with_context(|| format!("could not write the report: {}", output.display()))?;
        eprintln!("wrote {}", output.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Longest project file name made from a page's title, in characters.
const MAX_PAGE_STEM_CHARS: usize = 60;

/// The name of a project made from the web page titled `title` at `url`, without its extension: the
/// title in lower case with its words joined by `-` (letters of any script kept), cut at a word
/// boundary to [`MAX_PAGE_STEM_CHARS`]; else the last part of the address's path, without its
/// extension; else the host; else `page`.
fn page_file_stem(title: &str, url: &str) -> String {
    let after_scheme = url.trim().split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.split('/');
    let host = parts.next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let last_part = parts.rfind(|p| !p.is_empty()).map(|p| {
        Path::new(p)
            .file_stem()
            .map_or_else(|| p.to_owned(), |s| s.to_string_lossy().into_owned())
    });
    [Some(title), last_part.as_deref(), Some(host)]
        .into_iter()
        .flatten()
        .map(slug)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "page".to_owned())
}

/// `text` in lower case, each run of characters other than letters and digits one `-`, without a
/// `-` at either end, cut at the last `-` within [`MAX_PAGE_STEM_CHARS`] characters.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.chars().count() > MAX_PAGE_STEM_CHARS {
        let cut: String = out.chars().take(MAX_PAGE_STEM_CHARS + 1).collect();
        out = match cut.rfind('-') {
            Some(at) if at > 0 => cut.get(..at).unwrap_or_default().to_owned(),
            _ => cut.chars().take(MAX_PAGE_STEM_CHARS).collect(),
        };
    }
    out.trim_matches('-').to_owned()
}

fn run_import(file: &Path, print: bool) -> anyhow::Result<ExitCode> {
    let (imported, shown) = match web_address(file) {
        Some(url) => (
            import::web::import_url(url, &import::web::FetchLimits::default())?,
            url.to_owned(),
        ),
        None => (import::read_article(file)?, file.display().to_string()),
    };
    for warning in &imported.warnings {
        eprintln!("{shown}: {warning}");
    }
    if print {
        let blocks: Vec<_> = imported
            .blocks
            .iter()
            .map(|b| serde_json::json!({ "start": b.start, "end": b.end, "heading": b.heading }))
            .collect();
        let json = serde_json::json!({
            "title": imported.title,
            "text": imported.text,
            "blocks": blocks,
            "meta": imported.meta,
            "warnings": imported.warnings,
        });
        let mut out = serde_json::to_string_pretty(&json).context("could not write the JSON")?;
        out.push('\n');
        std::io::stdout()
            .lock()
            .write_all(out.as_bytes())
            .context("could not write to standard output")?;
    } else {
        let meta = &imported.meta;
        println!("title: {}", imported.title);
        println!("format: {}", meta.source_format);
        if !meta.encoding.is_empty() {
            println!("encoding: {}", meta.encoding);
        }
        println!(
            "{} characters, {} paragraph(s)",
            imported.text.chars().count(),
            if imported.blocks.is_empty() {
                crate::model::text::paragraphs(&imported.text).len()
            } else {
                imported.blocks.len()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_import_claimreview(file: &Path, project_path: &Path) -> anyhow::Result<ExitCode> {
    let mut project = if project_path.exists() {
        let loaded = store::load_with_report(project_path)?;
        if let Some(version) = loaded.migrated_from {
            eprintln!(
                "{}: note: saved by an older factdesk (format {version}); saving it in format {}, \
                 the old file kept as {}",
                project_path.display(),
                crate::model::SCHEMA_VERSION,
                store::backup_path(project_path).display()
            );
        }
        loaded.project
    } else {
        let mut project = Project::new(format!("Fact-checks from {}", import::file_stem(file)));
        settings_for_new_projects().apply_to_new_project(&mut project);
        project
    };
    let imported = import::claimreview_file(file, &project, Utc::now())?;
    for warning in imported.unmapped_note.iter().chain(&imported.warnings) {
        eprintln!("{}: {warning}", file.display());
    }
    project
        .apply(imported.edit)
        .context("the imported claims do not fit the project")?;
    store::save(&project, project_path)?;
    eprintln!(
        "imported {} claim(s) into {}",
        imported.claims,
        project_path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn run_validate(project_path: &Path) -> ExitCode {
    match store::load_with_report(project_path) {
        Ok(loaded) => {
            // Notes, not problems: the file opens as it is, and the exit status stays 0.
            if let Some(version) = loaded.migrated_from {
                println!(
                    "{}: note: saved by an older factdesk (format {version}); factdesk reads it and \
                     saves it in format {}, keeping the old file as .bak",
                    project_path.display(),
                    crate::model::SCHEMA_VERSION
                );
            }
            for member in &loaded.unknown_members {
                println!(
                    "{}: note: {member} is a member factdesk does not know; it is kept and written \
                     back on save",
                    project_path.display()
                );
            }
            let project = loaded.project;
            println!(
                "{}: valid ({} article(s), {} claim(s))",
                project_path.display(),
                project.articles.len(),
                project.claims.len()
            );
            ExitCode::SUCCESS
        }
        Err(store::StoreError::Invalid { problems, .. }) => {
            for problem in &problems {
                println!("{}: {problem}", project_path.display());
            }
            eprintln!(
                "{} problem(s) found; `factdesk validate --repair {}` fixes those it can and says which need a hand edit",
                problems.len(),
                project_path.display()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            println!("{}: {e}", project_path.display());
            ExitCode::from(1)
        }
    }
}

/// `validate --repair`: repairs the project at `project_path` and saves it over itself or to `output`,
/// unless problems remain that need a hand edit (then nothing is written, exit status 1).
fn run_repair(project_path: &Path, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let shown = project_path.display();
    let mut project = match store::load_unchecked(project_path) {
        Ok(project) => project,
        Err(e) => {
            // Repair works on a project's content; broken JSON or a wrong field type needs a hand edit.
            println!("{shown}: {e}");
            eprintln!("nothing repaired or written: {shown} could not be read as a project");
            return Ok(ExitCode::from(1));
        }
    };
    let report = repair::repair(&mut project);
    let (articles, claims) = (project.articles.len(), project.claims.len());
    if report.is_clean() {
        println!("{shown}: valid, nothing to repair ({articles} article(s), {claims} claim(s))");
        if let Some(output) = output {
            store::save(&project, output)?;
            eprintln!("wrote {} (a copy; {shown} is unchanged)", output.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !report.remaining.is_empty() {
        for change in &report.changes {
            println!("{shown}: can fix {change}");
        }
        for problem in &report.remaining {
            println!("{shown}: needs a hand edit: {problem}");
        }
        eprintln!(
            "{} problem(s) need a hand edit, so nothing was written and {shown} is unchanged; edit them, then run `factdesk validate --repair {shown}` again{}",
            report.remaining.len(),
            if report.changes.is_empty() {
                String::new()
            } else {
                format!(" to make the {} fix(es) above", report.changes.len())
            }
        );
        return Ok(ExitCode::from(1));
    }
    for change in &report.changes {
        println!("{shown}: fixed {change}");
    }
    let target = output.unwrap_or(project_path);
    let previous = std::fs::read(target).ok();
    let bytes = store::to_bytes_for(&project, target)?;
    store::save(&project, target)?;
    let backup = store::backup_path(target);
    let mut saved = format!(
        "made {} fix(es); wrote {} ({articles} article(s), {claims} claim(s))",
        report.changes.len(),
        target.display()
    );
    match previous {
        Some(previous) if previous != bytes => {
            if std::fs::read(&backup).is_ok_and(|b| b == previous) {
                saved.push_str(&format!(
                    "; the previous version is kept as {}",
                    backup.display()
                ));
            } else {
                saved.push_str(&format!(
                    "; warning: could not keep the previous version as {}",
                    backup.display()
                ));
            }
        }
        _ => {}
    }
    if output.is_some() {
        saved.push_str(&format!("; {shown} is unchanged"));
    }
    eprintln!("{saved}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_project_is_named_after_its_title_else_its_address() {
        for (title, url, stem) in [
            (
                "Budget row: council's bridge cost twice the plan!",
                "https://example.org/a/1",
                "budget-row-council-s-bridge-cost-twice-the-plan",
            ),
            (
                "Мост обошёлся вдвое дороже",
                "http://x.test/",
                "мост-обошёлся-вдвое-дороже",
            ),
            ("橋の建設費が倍増", "http://x.test/", "橋の建設費が倍増"),
            (
                "",
                "https://news.example.org/2026/11/budget-row.html?utm=x#top",
                "budget-row",
            ),
            (
                "  --  ",
                "https://user@News.Example.org:8080/",
                "news-example-org",
            ),
            ("", "https://", "page"),
        ] {
            assert_eq!(page_file_stem(title, url), stem, "{title:?} {url}");
        }
        let long = "The council said on Tuesday that the new bridge cost twice its original budget";
        let stem = page_file_stem(long, "https://example.org/");
        assert_eq!(
            stem,
            "the-council-said-on-tuesday-that-the-new-bridge-cost-twice"
        );
        assert!(stem.chars().count() <= MAX_PAGE_STEM_CHARS);
        let unbroken = "a".repeat(100);
        assert_eq!(
            page_file_stem(&unbroken, "https://example.org/").len(),
            MAX_PAGE_STEM_CHARS
        );
    }

    #[test]
    fn slips_of_one_or_two_letters_suggest_the_command_and_other_words_do_not() {
        let commands = command_names();
        for (word, meant) in [
            ("exprot", &["export"][..]),
            ("expor", &["export"]),
            ("VALIDATE", &["validate"]),
            ("valdiate", &["validate"]),
            ("vlaidtae", &["validate"]),
            ("vault", &[]),
            ("imprt", &["import"]),
            ("nwe", &["new"]),
            ("now", &["new"]),
            ("git-setup", &[]),
            // Two letters off both: more likely meant than a file without an extension, and which
            // of the two is a guess.
            ("report", &["export", "import"]),
            ("exports", &["export"]),
            ("notes", &[]),
            ("x", &[]),
        ] {
            assert_eq!(closest_commands(word, &commands), meant, "{word}");
        }
    }

    #[test]
    fn options_commands_and_existing_files_are_left_to_clap_and_the_window() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("exprot");
        std::fs::write(&file, "text").expect("write");
        let args = |first: &std::ffi::OsStr| vec![OsString::from("factdesk"), first.to_owned()];
        for first in ["--help", "-V", "export", "help", "import-claimreview"] {
            assert_eq!(
                misread_first_argument(&args(first.as_ref())),
                None,
                "{first}"
            );
        }
        assert_eq!(misread_first_argument(&args(file.as_os_str())), None);
        assert_eq!(misread_first_argument(&[OsString::from("factdesk")]), None);
        let folder = misread_first_argument(&args(dir.path().as_os_str())).expect("a message");
        assert!(folder.starts_with("this is a folder"), "{folder}");
    }
}
