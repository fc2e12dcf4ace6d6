//! The command-line interface: the same library code as the window, without one.
//!
//! Parsing (clap) is kept apart from running, so every subcommand is a plain function over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::{Parser, Subcommand};

use crate::model::{Project, repair};
use crate::report::{self, ReportFormat};
use crate::{import, store};

/// factdesk: mark claims in an article, track sources and verdicts, and publish verification reports.
///
/// Without a subcommand, opens the window, with FILE (an article or a .factdesk.json project) if given,
/// or the bundled sample article.
#[derive(Debug, Parser)]
#[command(name = "factdesk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// An article (.txt, .md) or project (.factdesk.json) to open in the window.
    pub file: Option<PathBuf>,
    /// What to do without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A headless subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project from an article file.
    New {
        /// The article (.txt or .md, UTF-8).
        article: PathBuf,
        /// Where to write the project; defaults to the article's name with .factdesk.json.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a verification report of a project.
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
    /// Read an article file (text in any encoding, Markdown, HTML, Word, PDF) and print what factdesk
    /// makes of it.
    Import {
        /// The article file.
        file: PathBuf,
        /// Print the extracted text, its paragraphs and headings, and metadata as JSON.
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

/// Builds a project holding the article at `path`.
pub fn project_from_article_file(path: &Path) -> Result<Project, import::ImportError> {
    Ok(Project::from_article(import::article_from_file(
        path,
        Utc::now(),
    )?))
}

fn run_new(article: &Path, output: Option<PathBuf>, force: bool) -> anyhow::Result<ExitCode> {
    let project = project_from_article_file(article)?;
    let output = output.unwrap_or_else(|| {
        let stem = import::file_stem(article);
        article.with_file_name(format!("{stem}{}", store::PROJECT_EXTENSION))
    });
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
        generated: Utc::now(),
        excel_bom: bom,
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

fn run_import(file: &Path, print: bool) -> anyhow::Result<ExitCode> {
    let imported = import::read_article(file)?;
    for warning in &imported.warnings {
        eprintln!("{}: {warning}", file.display());
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
        Project::new(format!("Fact-checks from {}", import::file_stem(file)))
    };
    let imported = import::claimreview_file(file, &project, Utc::now())?;
    for warning in &imported.warnings {
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
