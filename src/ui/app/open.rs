//! Opening: files and pages into the window (through the loader), projects with their locks, articles
//! added to a project from a file, the clipboard or a ClaimReview feed, and Reopen with encoding.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::FactdeskApp;
use crate::model::{Edit, Project, Workspace};
use crate::recovery::lock::{self, LockOutcome, ProjectLock};
use crate::ui::claim_list::ClaimList;
use crate::ui::command::AppCommand;
use crate::ui::dialogs::Dialog;
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};
use crate::ui::loader::Loaded;
use crate::ui::reopen;
use crate::{import, store};

use crate::ui::command::MAX_RECENT;

/// A loaded project waiting for the answer to "another window has it open".
pub(super) struct PendingOpen {
    pub(super) project: Box<Project>,
    pub(super) path: PathBuf,
    pub(super) disk: Option<store::DiskState>,
    /// What was repaired in memory to open it; the file is unchanged until saved.
    pub(super) repairs: Vec<crate::model::repair::Repair>,
    /// What to tell the user about how it was read.
    pub(super) notices: Vec<String>,
}

impl FactdeskApp {
    /// Handles a finished load: opens the project or article, or says why it could not be read. On
    /// failure the open project stays as it was.
    pub(super) fn on_loaded(&mut self, result: Result<Loaded, String>) {
        match result {
            Ok(Loaded::Project {
                project,
                path,
                disk,
                repairs,
                notices,
            }) => {
                let open = PendingOpen {
                    project,
                    path,
                    disk,
                    repairs,
                    notices,
                };
                if self.lock.as_ref().is_some_and(|(p, _)| *p == open.path) {
                    // Reloading the file this window has open: keep its lock.
                    let lock = self.lock.take().map(|(_, lock)| lock);
                    return self.open_project(open, lock);
                }
                match lock::acquire(&open.path) {
                    Ok(LockOutcome::Acquired(lock)) => self.open_project(open, Some(lock)),
                    Ok(LockOutcome::HeldBy(owner)) => {
                        self.show_dialog(Dialog::Locked {
                            path: open.path.clone(),
                            owner,
                        });
                        self.pending_open = Some(open);
                    }
                    Ok(LockOutcome::AlreadyOpenHere) => {
                        self.show_dialog(Dialog::Locked {
                            path: open.path.clone(),
                            owner: None,
                        });
                        self.pending_open = Some(open);
                    }
                    Err(e) => {
                        self.open_project(open, None);
                        self.say(
                            format!("Opened without a lock ({e}): other windows will not know it is open here"),
                            false,
                        );
                    }
                }
            }
            Ok(Loaded::Article {
                article,
                warnings,
                source,
                path,
                add,
            }) => {
                if add {
                    let id = article.id;
                    let index = self.workspace.project().articles.len();
                    self.apply(
                        Edit::InsertArticle {
                            index,
                            article,
                            claims: Vec::new(),
                        },
                        None,
                    );
                    self.commands.push(AppCommand::SwitchArticle(id));
                    self.say(format!("Added article {source}"), false);
                } else {
                    let project = self.start_project(Project::from_article(*article));
                    self.replace_workspace(Workspace::new(project, None));
                    self.say(
                        format!("Opened article {source}; save to keep your claims"),
                        false,
                    );
                }
                if let Some(path) = path {
                    self.remember_recent(&path);
                }
                if !warnings.is_empty() {
                    self.show_dialog(Dialog::Notice {
                        title: "Opened with notes".into(),
                        message: warnings.join("\n"),
                    });
                }
            }
            Ok(Loaded::Repairable {
                path,
                message,
                changes,
            }) => {
                self.say(
                    format!("Could not open {}: it needs repairing", path.display()),
                    true,
                );
                self.show_dialog(Dialog::RepairOffer {
                    path,
                    message,
                    changes,
                });
            }
            Err(message) => self.show_error("Could not open the file", message),
        }
    }

    /// Shows a project read from disk, holding `lock` on its file.
    pub(super) fn open_project(&mut self, open: PendingOpen, lock: Option<ProjectLock>) {
        let PendingOpen {
            project,
            path,
            disk,
            repairs,
            notices,
        } = open;
        self.replace_workspace(if repairs.is_empty() {
            Workspace::new(*project, Some(path.clone()))
        } else {
            // The repair is in memory only; the file stays as it was until the user saves.
            Workspace::recovered(*project, Some(path.clone()))
        });
        self.disk = disk;
        self.remember_recent(&path);
        let taken_over = lock.as_ref().and_then(|l| {
            l.taken_over()
                .then(|| l.previous_owner().map(|o| o.host.clone()))
        });
        self.lock = lock.map(|l| (path.clone(), l));
        self.lock_refreshed = std::time::Instant::now();
        // A save cut off by a crash leaves its temporary file behind; it holds nothing the project
        // file or its .bak lacks.
        if let Some(folder) = path.parent() {
            crate::recovery::remove_stale_temp_files(folder, crate::recovery::STALE_TEMP_AGE);
        }
        match taken_over {
            Some(host) => self.say(
                format!(
                    "Opened {}; the window that had it open{} did not close properly",
                    path.display(),
                    host.map(|h| format!(" on {h}")).unwrap_or_default()
                ),
                false,
            ),
            None => self.say(format!("Opened {}", path.display()), false),
        }
        if !notices.is_empty() {
            self.show_dialog(Dialog::Notice {
                title: "Opened with notes".into(),
                message: notices.join("\n\n"),
            });
        }
        if !repairs.is_empty() {
            let lines: Vec<String> = repairs
                .iter()
                .map(|r| match self.claim_number_of_path(&r.path) {
                    Some(n) => format!("Claim #{n}: {r}"),
                    None => r.to_string(),
                })
                .collect();
            self.show_dialog(Dialog::Notice {
                title: format!("Repaired with {} change(s); not saved yet", repairs.len()),
                message: format!(
                    "{}\n\nCheck the claims named above, then save to keep the repair; the file is unchanged until then.",
                    lines.join("\n")
                ),
            });
        }
    }

    /// The number the window shows for the claim a JSON path such as `claims[3].anchor` points into.
    fn claim_number_of_path(&self, path: &str) -> Option<usize> {
        let index: usize = path
            .strip_prefix("claims[")?
            .split(']')
            .next()?
            .parse()
            .ok()?;
        let project = self.workspace.project();
        project.claim_number(project.claims.get(index)?.id)
    }

    /// Replaces the project with an empty one (after the unsaved-changes check).
    pub(super) fn new_project(&mut self) {
        let project = self.start_project(Project::new("Untitled project".into()));
        self.replace_workspace(Workspace::new(project, None));
        self.say(
            "New project. Add an article with Project › Add article…, or open one.".into(),
            false,
        );
    }

    /// Asks for an article or project to open (after the unsaved-changes check).
    pub(super) fn show_open_dialog(&mut self, ctx: &egui::Context) {
        self.file_dialogs.show(
            ctx,
            DialogRequest {
                purpose: DialogPurpose::Open,
                title: "Open article or project".into(),
                filters: vec![
                    (
                        "Articles and projects",
                        vec!["txt", "md", "markdown", "text", "json"],
                    ),
                    ("factdesk projects", vec!["json"]),
                    ("All files", vec!["*"]),
                ],
                folder: self.default_folder(),
                save_name: None,
            },
        );
    }

    pub(super) fn show_add_article_dialog(&mut self, ctx: &egui::Context) {
        self.file_dialogs.show(
            ctx,
            DialogRequest {
                purpose: DialogPurpose::AddArticle,
                title: "Add article".into(),
                filters: vec![("Articles", vec!["txt", "md", "markdown", "text"])],
                folder: self.default_folder(),
                save_name: None,
            },
        );
    }

    pub(super) fn show_import_claimreview_dialog(&mut self, ctx: &egui::Context) {
        self.file_dialogs.show(
            ctx,
            DialogRequest {
                purpose: DialogPurpose::ImportClaimReview,
                title: "Import ClaimReview".into(),
                filters: vec![("ClaimReview JSON-LD", vec!["json", "jsonld"])],
                folder: self.default_folder(),
                save_name: None,
            },
        );
    }

    /// Asks the window system for the clipboard's text; it arrives as a paste event in a later frame
    /// (see [`FactdeskApp::receive_paste`]).
    pub(super) fn request_paste(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        self.awaiting_paste = Some(std::time::Instant::now());
    }

    /// Removes the shown article and its claims, as one undoable step.
    pub(super) fn remove_current_article(&mut self) {
        let Some(id) = self.current_article else {
            return;
        };
        let project = self.workspace.project();
        let title = project
            .article(id)
            .map(|a| a.title.clone())
            .unwrap_or_default();
        let claims = project.claims.iter().filter(|c| c.article == id).count();
        self.apply(Edit::RemoveArticle(id), None);
        self.after_history_move(
            Some(format!(
                "Removed “{title}” and its {claims} claim(s); Ctrl+Z brings them back"
            )),
            "",
        );
    }

    /// Reads the shown article's file again with the encoding labelled `encoding`, asking where the
    /// file is when it is not where the project records it (see [`super::reopen`]).
    pub(super) fn reopen_with_encoding(&mut self, ctx: &egui::Context, encoding: &'static str) {
        let Some(id) = self.current_article else {
            return;
        };
        let Some(article) = reopen::reopenable(self.workspace.project(), id) else {
            return;
        };
        match article.locate(self.workspace.path()) {
            Some(path) => self.reopen_from(&path, encoding),
            None => {
                let request = article.ask_for_file(encoding, self.default_folder());
                self.file_dialogs.show(ctx, request);
            }
        }
    }

    /// Reads the shown article again from the file at `path`, decoded as `encoding`.
    pub(super) fn reopen_from(&mut self, path: &Path, encoding: &str) {
        let Some(id) = self.current_article else {
            return;
        };
        let Some(article) = reopen::reopenable(self.workspace.project(), id) else {
            return;
        };
        let article = match article.read_again(path, encoding) {
            Ok(article) => article,
            Err(e) => return self.show_error(e.title, e.message),
        };
        let read_as = if article.meta.encoding.is_empty() {
            "UTF-8"
        } else {
            article.meta.encoding.as_str()
        };
        let said = format!("Reopened {} as {read_as}", path.display());
        match self
            .workspace
            .apply(Edit::ReplaceArticle(Box::new(article)))
        {
            Ok(()) => {
                self.article_view.reset();
                self.say(said, false);
            }
            Err(_) => self.show_error(
                "Could not reopen the article",
                reopen::CLAIMS_WOULD_BREAK.into(),
            ),
        }
    }

    /// Turns the clipboard text, once it arrives, into a new article of the project.
    pub(super) fn receive_paste(&mut self, ctx: &egui::Context) {
        let Some(asked) = self.awaiting_paste else {
            return;
        };
        let pasted = ctx.input_mut(|i| {
            let index = i
                .events
                .iter()
                .position(|e| matches!(e, egui::Event::Paste(_)))?;
            match i.events.remove(index) {
                egui::Event::Paste(text) => Some(text),
                _ => None,
            }
        });
        match pasted {
            Some(text) => {
                self.awaiting_paste = None;
                self.add_pasted_article(&text);
            }
            None if asked.elapsed() > std::time::Duration::from_secs(2) => {
                self.awaiting_paste = None;
                self.say("Nothing to paste: the clipboard holds no text".into(), true);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    fn add_pasted_article(&mut self, text: &str) {
        let mut imported =
            import::text_article(import::encoding::decode_text(text.as_bytes()), false);
        if imported.text.trim().is_empty() {
            self.say("Nothing to paste: the clipboard holds no text".into(), true);
            return;
        }
        if imported.title.trim().is_empty() {
            imported.title = "Pasted text".into();
        }
        imported.meta.source_format = "clipboard".into();
        let article = imported.into_article(None, Utc::now());
        let id = article.id;
        let index = self.workspace.project().articles.len();
        self.apply(
            Edit::InsertArticle {
                index,
                article: Box::new(article),
                claims: Vec::new(),
            },
            None,
        );
        self.commands.push(AppCommand::SwitchArticle(id));
        self.say("Added the clipboard text as a new article".into(), false);
    }

    /// Adds the claims reviewed in a ClaimReview file as a new article, and says what was skipped.
    pub fn import_claimreview(&mut self, path: &Path) {
        match import::claimreview_file(path, self.workspace.project(), Utc::now()) {
            Ok(imported) => {
                self.apply(imported.edit, None);
                self.commands
                    .push(AppCommand::SwitchArticle(imported.article));
                self.say(
                    format!(
                        "Imported {} reviewed claim(s) from {}",
                        imported.claims,
                        path.display()
                    ),
                    false,
                );
                let notes: Vec<String> = imported
                    .unmapped_note
                    .into_iter()
                    .chain(imported.warnings)
                    .collect();
                if !notes.is_empty() {
                    self.show_dialog(Dialog::Notice {
                        title: format!("Imported {} claim(s), with notes", imported.claims),
                        message: notes.join("\n"),
                    });
                }
            }
            Err(e) => self.show_error("Could not import the ClaimReview file", format!("{e:#}")),
        }
    }

    pub(super) fn replace_workspace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.generation += 1;
        self.disk = None;
        self.lock = None;
        self.current_article = self.workspace.project().articles.first().map(|a| a.id);
        self.selected = None;
        self.article_view.reset();
        self.claim_list = ClaimList::default();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Folder dialogs start in: the last one used, else the project's, else the article's.
    pub(super) fn default_folder(&self) -> Option<PathBuf> {
        self.last_folder
            .clone()
            .or_else(|| {
                self.workspace
                    .path()
                    .and_then(Path::parent)
                    .map(Path::to_owned)
            })
            .or_else(|| {
                // Origins are absolute paths in memory (see `store::origin`).
                let origin = self.workspace.project().articles.first()?.origin.as_ref()?;
                Path::new(origin)
                    .parent()
                    .filter(|folder| folder.is_absolute())
                    .map(Path::to_owned)
            })
    }
}

/// Whether `workspace` is the sample article as the window opened it: never saved, nothing marked.
pub(super) fn is_untouched_sample(workspace: &Workspace) -> bool {
    let project = workspace.project();
    workspace.path().is_none()
        && !workspace.is_dirty()
        && project.claims.is_empty()
        && matches!(project.articles.as_slice(), [article]
            if article.origin.is_none() && article.text == crate::SAMPLE_ARTICLE)
}

pub(super) fn sample_title() -> String {
    import::article_from_bytes(
        crate::SAMPLE_ARTICLE.as_bytes(),
        crate::SAMPLE_ARTICLE_NAME,
        "Sample article",
    )
    .map(|a| a.title)
    .unwrap_or_else(|_| "Sample article".to_owned())
}
