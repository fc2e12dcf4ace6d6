//! Opening files and pages off the UI thread, so a large article never freezes the window; the user
//! sees what is loading and can cancel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use chrono::Utc;

use crate::model::{Article, Project};
use crate::{import, store};

/// What to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadRequest {
    /// A project or an article file, to open as the project.
    Open(PathBuf),
    /// A project file that loading refused, to repair (in memory) and open.
    OpenRepaired(PathBuf),
    /// An article file, to add to the project.
    AddArticle(PathBuf),
    /// A web page, to open as the project's article.
    Url(String),
}

/// What was loaded.
pub enum Loaded {
    /// A project file.
    Project {
        /// The project.
        project: Box<Project>,
        /// Where it was read from.
        path: PathBuf,
        /// The file as it was read, to notice later changes by others.
        disk: Option<store::DiskState>,
        /// What was repaired to open it; empty when it opened as it is.
        repairs: Vec<crate::model::repair::Repair>,
        /// What the user should know about how it was read (an older format, members factdesk
        /// does not know).
        notices: Vec<String>,
    },
    /// A project file that is inconsistent but can be repaired; the user decides.
    Repairable {
        /// The file.
        path: PathBuf,
        /// Why it could not be opened as it is.
        message: String,
        /// How many changes the repair makes.
        changes: usize,
    },
    /// An article.
    Article {
        /// The article.
        article: Box<Article>,
        /// What import changed or guessed.
        warnings: Vec<String>,
        /// Where it was read from: a file path or a web address.
        source: String,
        /// The file it was read from, for the recent-files list.
        path: Option<PathBuf>,
        /// Whether it is added to the project rather than opened as a new one.
        add: bool,
    },
}

/// A load under way.
pub struct Loading {
    /// What is being loaded, for the progress dialog.
    pub what: String,
    receiver: Receiver<Result<Loaded, String>>,
}

/// Runs one load at a time on a worker thread.
#[derive(Default)]
pub struct Loader {
    current: Option<Loading>,
}

impl Loader {
    /// Starts loading; a load already under way is abandoned.
    pub fn start(&mut self, ctx: &egui::Context, request: LoadRequest) {
        let (sender, receiver) = channel();
        let what = match &request {
            LoadRequest::Open(path)
            | LoadRequest::OpenRepaired(path)
            | LoadRequest::AddArticle(path) => display_name(path),
            LoadRequest::Url(url) => url.clone(),
        };
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The window may have cancelled or closed meanwhile; then nobody needs the result.
            sender.send(load(request)).ok();
            ctx.request_repaint();
        });
        self.current = Some(Loading { what, receiver });
    }

    /// What is loading now, if anything.
    pub fn busy(&self) -> Option<&str> {
        self.current.as_ref().map(|l| l.what.as_str())
    }

    /// Abandons the load under way: its result, when it comes, changes nothing.
    pub fn cancel(&mut self) {
        self.current = None;
    }

    /// The result of the load, once it is done: the loaded file, or a message saying why not.
    pub fn poll(&mut self) -> Option<Result<Loaded, String>> {
        let result = self.current.as_ref()?.receiver.try_recv();
        match result {
            Ok(result) => {
                self.current = None;
                Some(result)
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.current = None;
                Some(Err("loading stopped unexpectedly".to_owned()))
            }
        }
    }
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether `path` is opened as a project rather than an article.
pub fn is_project_file(path: &Path) -> bool {
    store::is_project_path(path)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn load(request: LoadRequest) -> Result<Loaded, String> {
    match request {
        LoadRequest::Open(path) if is_project_file(&path) => match store::load_recording(&path) {
            Ok((loaded, disk)) => Ok(Loaded::Project {
                notices: loaded.notices(),
                project: Box::new(loaded.project),
                path,
                disk: Some(disk),
                repairs: Vec::new(),
            }),
            Err(e @ store::StoreError::Invalid { .. }) => match store::load_repaired(&path) {
                Ok((_, report)) => Ok(Loaded::Repairable {
                    path,
                    message: format!("{e:#}"),
                    changes: report.changes.len(),
                }),
                Err(_) => Err(format!(
                    "{e:#}\n\nRun factdesk validate --repair on it to see which problems need a hand edit."
                )),
            },
            Err(e) => Err(format!("{e:#}")),
        },
        LoadRequest::OpenRepaired(path) => {
            let disk = store::DiskState::read(&path).ok();
            match store::load_repaired(&path) {
                Ok((project, report)) => Ok(Loaded::Project {
                    project: Box::new(project),
                    path,
                    disk,
                    repairs: report.changes,
                    notices: Vec::new(),
                }),
                Err(e) => Err(format!("{e:#}")),
            }
        }
        LoadRequest::Open(path) => load_article(path, false),
        LoadRequest::AddArticle(path) => load_article(path, true),
        LoadRequest::Url(url) => {
            let (article, warnings) =
                import::web::article_from_url(&url, Utc::now()).map_err(|e| format!("{e:#}"))?;
            Ok(Loaded::Article {
                article: Box::new(article),
                warnings,
                source: url,
                path: None,
                add: false,
            })
        }
    }
}

fn load_article(path: PathBuf, add: bool) -> Result<Loaded, String> {
    let imported = import::read_article(&path).map_err(|e| format!("{e:#}"))?;
    let origin = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let warnings = imported.warnings.clone();
    let article = imported.into_article(Some(origin.display().to_string()), Utc::now());
    Ok(Loaded::Article {
        article: Box::new(article),
        warnings,
        source: path.display().to_string(),
        path: Some(path),
        add,
    })
}
