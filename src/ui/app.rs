//! The application: owns the open project, draws the panels, and runs the commands they push.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::Utc;
use egui::Ui;

use super::article_view::ArticleView;
use super::autosave::Autosave;
use super::claim_editor::claim_editor_ui;
use super::claim_list::ClaimList;
use super::command::{Action, AppCommand, Export};
use super::dialogs::{Dialog, DialogChoice, GuardedAction, dialog_ui};
use super::file_dialog::{DialogPurpose, DialogRequest, FileDialogs};
use super::font_notice::FontNotice;
use super::loader::{LoadRequest, Loaded, Loader};
use super::menu_bar::{MenuState, menu_bar_ui};
use super::reopen;
use super::saver::{SaveJob, SaveOutcome, Saver};
use super::status_bar::{FileState, StatusMessage, status_bar_ui};
use super::theme;
use crate::model::{Article, ArticleId, Claim, ClaimId, Edit, Project, TextAnchor, Workspace};
use crate::recovery::lock::{self, LockOutcome, ProjectLock};
use crate::recovery::{RecoveryStore, crash_log};
use crate::report::{self, ReportFormat};
use crate::{import, store};

/// How many recently opened files are remembered.
const MAX_RECENT: usize = 10;
/// Storage key of the recent-files list.
const RECENT_KEY: &str = "factdesk.recent";
/// Storage key of the folder the last report was exported to.
const EXPORT_FOLDER_KEY: &str = "factdesk.export_folder";
/// Storage key set once the first-run theme was applied.
const THEME_CHOSEN_KEY: &str = "factdesk.theme_initialised";

/// What the window opens with.
pub enum Startup {
    /// The bundled sample article as a new, unsaved project.
    Sample,
    /// An article or project file.
    File(PathBuf),
    /// An already built workspace (tests).
    Workspace(Box<Workspace>),
}

/// The factdesk window.
pub struct FactdeskApp {
    workspace: Workspace,
    current_article: Option<ArticleId>,
    selected: Option<ClaimId>,
    article_view: ArticleView,
    claim_list: ClaimList,
    /// Says when the article holds a script no installed font covers.
    font_notice: FontNotice,
    commands: Vec<AppCommand>,
    dialog: Option<Dialog>,
    file_dialogs: FileDialogs,
    recent: Vec<PathBuf>,
    message: Option<StatusMessage>,
    window_title: String,
    close_confirmed: bool,
    last_folder: Option<PathBuf>,
    /// Where the last report went; export dialogs start there, across runs.
    export_folder: Option<PathBuf>,
    /// Loads files off the UI thread.
    loader: Loader,
    /// A load to start on the first frame (the file named on the command line).
    pending_load: Option<LoadRequest>,
    /// When the clipboard's text was asked for; it arrives as a paste event.
    awaiting_paste: Option<std::time::Instant>,
    style_applied: bool,
    /// Writes the project off the UI thread.
    saver: Saver,
    /// What the running save is for: the workspace it belongs to and what to do once it succeeds.
    saving: Option<SaveIntent>,
    /// A save asked for while another ran; it starts when that one ends.
    queued_save: Option<(PathBuf, Option<GuardedAction>)>,
    /// The project file as this window last read or wrote it; a different file on disk means someone
    /// else changed it.
    disk: Option<store::DiskState>,
    /// Counts the workspaces this window has shown, so the end of a save started for an earlier one
    /// does not mark the current one saved.
    generation: u64,
    /// Copies unsaved work to the recovery file; `None` without a writable data folder.
    autosave: Option<Autosave>,
    /// The lock on the open project file, so a second window warns before editing it too.
    lock: Option<(PathBuf, ProjectLock)>,
    /// A project read from disk whose file another window has open, until the user decides.
    pending_open: Option<PendingOpen>,
    /// Dialogs waiting for the one on screen to close, oldest first: none replaces another, so an
    /// offer to restore work is never lost behind a later message.
    queued_dialogs: std::collections::VecDeque<Dialog>,
    /// When the lock file last said this window is alive (see [`LOCK_REFRESH`]).
    lock_refreshed: std::time::Instant,
}

/// How often the lock file is touched, so windows on other machines sharing the folder (where OS
/// locks may not reach) keep treating the project as open here.
const LOCK_REFRESH: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// A loaded project waiting for the answer to "another window has it open".
struct PendingOpen {
    project: Box<Project>,
    path: PathBuf,
    disk: Option<store::DiskState>,
    /// What was repaired in memory to open it; the file is unchanged until saved.
    repairs: Vec<crate::model::repair::Repair>,
    /// What to tell the user about how it was read.
    notices: Vec<String>,
}

/// Why a save runs, kept until it ends.
struct SaveIntent {
    generation: u64,
    then: Option<GuardedAction>,
}

impl FactdeskApp {
    /// The app as eframe creates it, with recent files restored from eframe's storage.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let recent: Vec<PathBuf> = cc
            .storage
            .and_then(|s| eframe::get_value(s, RECENT_KEY))
            .unwrap_or_default();
        // A reading tool defaults to dark text on light paper; a theme the user picked in View is kept.
        let first_run = cc
            .storage
            .is_none_or(|s| s.get_string(THEME_CHOSEN_KEY).is_none());
        if first_run {
            cc.egui_ctx.set_theme(egui::ThemePreference::Light);
        }
        let mut app = Self::with_startup(startup);
        if let Some(dir) = crate::recovery::data_dir() {
            app = app.with_data_dir(&dir);
        }
        app.recent = recent;
        app.export_folder = cc
            .storage
            .and_then(|s| eframe::get_value(s, EXPORT_FOLDER_KEY));
        app
    }

    /// The app without eframe: for tests and embedding.
    pub fn with_startup(startup: Startup) -> Self {
        let sample = || {
            let article = Article::new(
                sample_title(),
                crate::SAMPLE_ARTICLE.to_owned(),
                None,
                Utc::now(),
            );
            Workspace::new(Project::from_article(article), None)
        };
        let mut app = Self {
            workspace: sample(),
            current_article: None,
            selected: None,
            article_view: ArticleView::default(),
            claim_list: ClaimList::default(),
            font_notice: FontNotice::default(),
            commands: Vec::new(),
            dialog: None,
            file_dialogs: FileDialogs::default(),
            recent: Vec::new(),
            message: None,
            window_title: String::new(),
            close_confirmed: false,
            last_folder: None,
            export_folder: None,
            loader: Loader::default(),
            pending_load: None,
            awaiting_paste: None,
            style_applied: false,
            saver: Saver::default(),
            saving: None,
            queued_save: None,
            disk: None,
            generation: 0,
            autosave: None,
            lock: None,
            pending_open: None,
            queued_dialogs: std::collections::VecDeque::new(),
            lock_refreshed: std::time::Instant::now(),
        };
        match startup {
            Startup::Sample => {}
            Startup::Workspace(workspace) => app.replace_workspace(*workspace),
            Startup::File(path) => app.pending_load = Some(LoadRequest::Open(path)),
        }
        app.current_article = app.workspace.project().articles.first().map(|a| a.id);
        app
    }

    /// Keeps recovery files of unsaved work under `data_dir`, and offers the work an earlier window
    /// left there (after a crash or kill) along with the crash log it wrote, if any.
    #[must_use]
    pub fn with_data_dir(mut self, data_dir: &Path) -> Self {
        let store = RecoveryStore::new(data_dir);
        let entries = store.pending();
        let crash_log = crash_log::take_unreported(data_dir);
        match Autosave::start(store) {
            Ok(autosave) => self.autosave = Some(autosave),
            Err(e) => self.say(
                format!(
                    "Unsaved work cannot be kept for recovery ({e}): save often. Folder: {}",
                    data_dir.display()
                ),
                true,
            ),
        }
        if !entries.is_empty() || crash_log.is_some() {
            self.show_dialog(Dialog::Restore { entries, crash_log });
        }
        self
    }

    /// This window's recovery file, where unsaved work is copied.
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.autosave.as_ref().map(Autosave::file)
    }

    /// Whether the recovery file holds the project as it is now.
    pub fn recovery_is_current(&self) -> bool {
        self.autosave
            .as_ref()
            .is_some_and(|a| a.is_current(self.generation, &self.workspace))
    }

    /// Writes the unsaved work to the recovery file now, on this thread: for when the window is going
    /// down. Returns whether the work is safe there (or there was nothing unsaved).
    pub fn rescue_unsaved_work(&mut self) -> bool {
        let Some(autosave) = &mut self.autosave else {
            return !self.workspace.is_dirty();
        };
        autosave.write_now(self.generation, &self.workspace).is_ok()
            && (!self.workspace.is_dirty() || autosave.is_current(self.generation, &self.workspace))
    }

    /// Draws a frame like [`FactdeskApp::show`]; if drawing panics, first copies the unsaved work to
    /// the recovery file (the panic hook has written the crash log by then), then returns the panic.
    pub fn show_guarded(&mut self, ui: &mut Ui) -> std::thread::Result<()> {
        self.guarded(ui, Self::show)
    }

    fn guarded(
        &mut self,
        ui: &mut Ui,
        draw: impl FnOnce(&mut Self, &mut Ui),
    ) -> std::thread::Result<()> {
        let shown = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(self, ui)));
        if shown.is_err() {
            self.rescue_unsaved_work();
        }
        shown
    }

    /// The open project.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The selected claim.
    pub fn selected_claim(&self) -> Option<ClaimId> {
        self.selected
    }

    /// The article shown.
    pub fn current_article(&self) -> Option<ArticleId> {
        self.current_article
    }

    /// The article view, for where text was drawn.
    pub fn article_view(&self) -> &ArticleView {
        &self.article_view
    }

    /// The dialog on screen, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The status bar message.
    pub fn message(&self) -> Option<&StatusMessage> {
        self.message.as_ref()
    }

    /// Queues a command as if a panel had pushed it (tests, drag-and-drop).
    pub fn push_command(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Whether a save is being written.
    pub fn is_saving(&self) -> bool {
        self.saver.busy().is_some()
    }

    /// Recently opened files, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// Draws one frame and runs what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.style_applied {
            apply_style(&ctx);
            self.style_applied = true;
        }
        self.collect_input(&ctx);

        let can_reopen = self
            .current_article
            .is_some_and(|id| reopen::reopenable(self.workspace.project(), id).is_some());
        let project = self.workspace.project();
        let numbers: HashMap<ClaimId, usize> = project
            .numbered_claims()
            .into_iter()
            .map(|(n, c)| (c.id, n))
            .collect();

        egui::Panel::top("menu").show(ui, |ui| {
            let state = MenuState {
                project,
                recent: &self.recent,
                undo: self.workspace.history().undo_description(),
                redo: self.workspace.history().redo_description(),
                has_text_selection: self.article_view.selection().is_some(),
                has_selected_claim: self.selected.is_some(),
                current_article: self.current_article,
                can_reopen,
            };
            menu_bar_ui(ui, &state, &mut self.commands);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            let saved_to = self.workspace.path().map(|p| p.display().to_string());
            let file = FileState {
                dirty: self.workspace.is_dirty(),
                path: saved_to.as_deref(),
                read_only: self.workspace.is_read_only(),
                saving: self.saver.busy().is_some(),
            };
            status_bar_ui(ui, project, file, self.message.as_ref());
        });
        egui::Panel::right("editor")
            .resizable(true)
            .default_size(theme::EDITOR_WIDTH)
            .size_range(280.0..=700.0)
            .show(ui, |ui| match self.selected.and_then(|id| project.claim(id)) {
                Some(claim) => {
                    let number = numbers.get(&claim.id).copied().unwrap_or(0);
                    claim_editor_ui(ui, project, claim, number, &mut self.commands);
                }
                None => {
                    ui.add_space(24.0);
                    ui.vertical_centered(|ui| {
                        ui.label(egui::RichText::new("No claim selected").heading().weak());
                        ui.add_space(8.0);
                        ui.label(
                            egui::RichText::new(
                                "Click a sentence in the article to mark it as a claim, or select a claim in the list to edit its verdict and sources.",
                            )
                            .weak(),
                        );
                    });
                }
            });
        egui::Panel::right("claims")
            .resizable(true)
            .default_size(theme::CLAIM_LIST_WIDTH)
            .size_range(220.0..=600.0)
            .show(ui, |ui| {
                self.claim_list.ui(
                    ui,
                    project,
                    self.current_article,
                    self.selected,
                    &numbers,
                    &mut self.commands,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if project.articles.len() > 1 {
                article_switcher_ui(ui, project, self.current_article, &mut self.commands);
            }
            match self.current_article.and_then(|id| project.article(id)) {
                Some(article) => {
                    article_header_ui(ui, article);
                    self.font_notice.ui(ui, article);
                    self.article_view.ui(
                        ui,
                        project,
                        article,
                        self.selected,
                        &numbers,
                        &mut self.commands,
                    );
                }
                None => empty_project_ui(ui, &mut self.commands),
            }
        });

        if let Some(what) = self.loader.busy() {
            if loading_ui(&ctx, what) {
                self.loader.cancel();
                self.say("Opening cancelled".into(), false);
            }
        } else if let Some(dialog) = &mut self.dialog {
            let name = project_display_name(&self.workspace);
            if let Some(choice) = dialog_ui(&ctx, dialog, &name) {
                self.dialog = None;
                self.on_dialog_choice(&ctx, choice);
            }
        }

        self.run_commands(&ctx);
        if self.dialog.is_none() {
            self.dialog = self.queued_dialogs.pop_front();
        }
        self.update_title(&ctx);
        if let Some((_, lock)) = &mut self.lock {
            if self.lock_refreshed.elapsed() >= LOCK_REFRESH {
                lock.refresh().ok();
                self.lock_refreshed = std::time::Instant::now();
            }
            ctx.request_repaint_after(LOCK_REFRESH);
        }
        if let Some(autosave) = &mut self.autosave {
            autosave.tick(&ctx, self.generation, &self.workspace);
            if let Some(failure) = autosave.take_failure() {
                self.say(
                    format!("Could not keep a recovery copy of your work: {failure}"),
                    true,
                );
            }
        }
    }

    /// Shortcuts, dropped files, dialog answers and close requests become commands.
    fn collect_input(&mut self, ctx: &egui::Context) {
        if let Some(request) = self.pending_load.take() {
            self.loader.start(ctx, request);
        }
        if let Some(result) = self.loader.poll() {
            self.on_loaded(result);
        }
        if let Some(outcome) = self.saver.poll() {
            self.on_saved(ctx, outcome);
        }
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if focused {
            self.check_disk();
        }
        self.receive_paste(ctx);
        while let Some(answer) = self.file_dialogs.poll() {
            if let Some(path) = answer.path {
                self.on_file_chosen(ctx, answer.purpose, path);
            } else if answer.unavailable {
                self.show_dialog(Dialog::PathPrompt {
                    purpose: answer.purpose,
                    path: answer.suggestion.display().to_string(),
                });
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(AppCommand::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.saver.busy().is_some() {
                // Closing now would cut the save short; close once it is written.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if let Some(intent) = &mut self.saving {
                    intent.then = Some(GuardedAction::Quit);
                }
                self.say("Closing once the save is written…".into(), false);
            } else if self.workspace.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                let asking = std::iter::once(&self.dialog)
                    .flatten()
                    .chain(&self.queued_dialogs)
                    .any(|d| matches!(d, Dialog::UnsavedChanges(GuardedAction::Quit)));
                if !asking {
                    self.show_dialog(Dialog::UnsavedChanges(GuardedAction::Quit));
                }
            }
        }
        if self.dialog.is_some() || self.loader.busy().is_some() {
            return;
        }
        self.consume_shortcuts(ctx, &Action::GLOBAL_SHORTCUT_ORDER);
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        self.consume_shortcuts(ctx, &Action::LIST_SHORTCUTS);
    }

    /// Queues each of `actions` whose shortcut was pressed, taking the key press from egui so no widget
    /// acts on it too.
    fn consume_shortcuts(&mut self, ctx: &egui::Context, actions: &[Action]) {
        for &action in actions {
            let pressed = [action.shortcut(), action.alternative_shortcut()]
                .into_iter()
                .flatten()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(&s)));
            if pressed {
                self.commands.push(AppCommand::Action(action));
            }
        }
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        if !self.commands.is_empty() {
            // What the commands changed is drawn in the next frame, which no input may ask for.
            ctx.request_repaint();
        }
        // A command may queue more (e.g. Save then Quit); run until none are left.
        while !self.commands.is_empty() {
            for command in std::mem::take(&mut self.commands) {
                self.run_command(ctx, command);
            }
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Action(action) => self.run_action(ctx, action),
            AppCommand::OpenPath(path) => self.guard(ctx, GuardedAction::OpenPath(path)),
            AppCommand::AddArticlePath(path) => {
                self.loader.start(ctx, LoadRequest::AddArticle(path))
            }
            AppCommand::SaveTo(path) => self.save_to(ctx, path, None),
            AppCommand::ExportChecked(export) => {
                let format = export.format;
                let name = format!(
                    "{}{}",
                    file_slug(&self.workspace.project().title),
                    format.file_suffix()
                );
                self.file_dialogs.show(
                    ctx,
                    DialogRequest {
                        purpose: DialogPurpose::Export(export),
                        title: format!("Export {}", export.label()),
                        filters: vec![(format.label(), vec![format.extension()])],
                        folder: self.export_folder.clone().or_else(|| self.default_folder()),
                        save_name: Some(name),
                    },
                );
            }
            AppCommand::ExportTo(export, path) => self.export_to(export, &path),
            AppCommand::CreateClaim {
                article,
                start,
                end,
            } => self.create_claim(article, start, end),
            AppCommand::SelectClaim(id) => self.select_claim(id),
            AppCommand::SwitchArticle(id) => {
                if self.current_article != Some(id) {
                    self.current_article = Some(id);
                    self.selected = None;
                    self.article_view.reset();
                }
            }
            AppCommand::Edit(edit) => self.apply(edit, None),
            AppCommand::EditMerging(edit, key) => self.apply(edit, Some(key)),
            AppCommand::SealHistory => self.workspace.seal_history(),
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewProject => self.guard(ctx, GuardedAction::NewProject),
            Action::Open => self.guard(ctx, GuardedAction::OpenDialog),
            Action::Save if self.workspace.is_read_only() => self.say(
                "This project is open read-only; use File › Save as… to keep a copy you can edit"
                    .into(),
                true,
            ),
            Action::Save => match self.workspace.path().map(Path::to_owned) {
                Some(path) => self.save_to(ctx, path, None),
                None => self.show_save_dialog(ctx, None),
            },
            Action::SaveAs => self.show_save_dialog(ctx, None),
            Action::ExportReport(_) | Action::ExportCsvForExcel => {
                let export = match action {
                    Action::ExportReport(format) => Export::plain(format),
                    _ => Export {
                        format: ReportFormat::Csv,
                        excel_bom: true,
                    },
                };
                let project = self.workspace.project();
                let findings = report::transparency_check(project);
                let notes = report::format_notes(project, export.format);
                if findings.is_empty() && notes.is_empty() {
                    self.commands.push(AppCommand::ExportChecked(export));
                } else {
                    self.show_dialog(Dialog::Transparency {
                        export,
                        notes,
                        findings,
                    });
                }
            }
            Action::ReportSettings => {
                self.show_dialog(Dialog::ReportSettings(
                    self.workspace.project().report.clone(),
                ));
            }
            Action::RecoverWork => {
                let entries = self
                    .autosave
                    .as_ref()
                    .map(|a| a.store().pending())
                    .unwrap_or_default();
                if entries.is_empty() {
                    self.show_dialog(Dialog::Notice {
                        title: "Nothing to recover".into(),
                        message: "No window left unsaved work behind: everything was saved or deliberately discarded.".into(),
                    });
                } else {
                    self.show_dialog(Dialog::Restore {
                        entries,
                        crash_log: None,
                    });
                }
            }
            Action::ImportClaimReview => self.file_dialogs.show(
                ctx,
                DialogRequest {
                    purpose: DialogPurpose::ImportClaimReview,
                    title: "Import ClaimReview".into(),
                    filters: vec![("ClaimReview JSON-LD", vec!["json", "jsonld"])],
                    folder: self.default_folder(),
                    save_name: None,
                },
            ),
            Action::ReopenWithEncoding(label) => self.reopen_with_encoding(ctx, label),
            Action::OpenUrl => self.show_dialog(Dialog::UrlPrompt { url: String::new() }),
            Action::NewArticleFromClipboard => {
                // The window system hands the clipboard over as a paste event in a later frame.
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                self.awaiting_paste = Some(std::time::Instant::now());
            }
            Action::AddArticle => self.file_dialogs.show(
                ctx,
                DialogRequest {
                    purpose: DialogPurpose::AddArticle,
                    title: "Add article".into(),
                    filters: vec![("Articles", vec!["txt", "md", "markdown", "text"])],
                    folder: self.default_folder(),
                    save_name: None,
                },
            ),
            Action::RemoveArticle => {
                if let Some(id) = self.current_article {
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
            }
            Action::RenameProject => {
                self.show_dialog(Dialog::Rename {
                    title: self.workspace.project().title.clone(),
                });
            }
            Action::Quit => self.guard(ctx, GuardedAction::Quit),
            Action::Undo => {
                let done = self.workspace.undo();
                self.after_history_move(done.map(|d| format!("Undid {d}")), "Nothing to undo");
            }
            Action::Redo => {
                let done = self.workspace.redo();
                self.after_history_move(done.map(|d| format!("Redid {d}")), "Nothing to redo");
            }
            Action::CreateClaimFromSelection => {
                if let Some(article) = self.current_article
                    && let Some(command) = self.article_view.take_selection_as_claim(article)
                {
                    self.commands.push(command);
                }
            }
            Action::DeleteClaim => {
                if let Some(id) = self.selected {
                    let next = self
                        .neighbour_claim(id, 1)
                        .filter(|n| *n != id)
                        .or_else(|| self.neighbour_claim(id, -1));
                    self.apply(Edit::RemoveClaim(id), None);
                    self.selected = next.filter(|n| *n != id);
                }
            }
            Action::ClearSelection => {
                self.selected = None;
                self.article_view.clear_selection();
            }
            Action::NextClaim | Action::PreviousClaim => {
                let step = if action == Action::NextClaim { 1 } else { -1 };
                let target = match self.selected {
                    Some(id) => self.neighbour_claim(id, step),
                    None => {
                        let visible = self
                            .claim_list
                            .visible_claims(self.workspace.project(), self.current_article);
                        if step > 0 {
                            visible.first().copied()
                        } else {
                            visible.last().copied()
                        }
                    }
                };
                if let Some(id) = target {
                    self.select_claim(id);
                }
            }
            Action::ShowShortcuts => self.show_dialog(Dialog::Shortcuts),
        }
    }

    /// The claim `step` rows away from `id` in the list as filtered, clamped to the ends.
    fn neighbour_claim(&self, id: ClaimId, step: isize) -> Option<ClaimId> {
        let visible = self
            .claim_list
            .visible_claims(self.workspace.project(), self.current_article);
        let index = visible.iter().position(|c| *c == id)?;
        let target = index
            .checked_add_signed(step)?
            .min(visible.len().saturating_sub(1));
        visible.get(target).copied()
    }

    fn after_history_move(&mut self, done: Option<String>, nothing: &str) {
        let project = self.workspace.project();
        if self.selected.is_some_and(|id| project.claim(id).is_none()) {
            self.selected = None;
        }
        if self
            .current_article
            .is_none_or(|id| project.article(id).is_none())
        {
            self.current_article = project.articles.first().map(|a| a.id);
            self.article_view.reset();
        }
        self.say(done.unwrap_or_else(|| nothing.to_owned()), false);
    }

    fn apply(&mut self, edit: Edit, merge_key: Option<String>) {
        let removed_claim = match &edit {
            Edit::RemoveClaim(id) => Some(*id),
            _ => None,
        };
        let result = match merge_key {
            Some(key) => self.workspace.apply_merging(edit, key),
            None => self.workspace.apply(edit),
        };
        match result {
            Ok(()) => {
                if removed_claim.is_some() && removed_claim == self.selected {
                    self.selected = None;
                }
            }
            Err(e) => self.say(format!("Could not change the project: {e}"), true),
        }
    }

    fn create_claim(&mut self, article_id: ArticleId, start: usize, end: usize) {
        let project = self.workspace.project();
        if let Some(existing) = project
            .claims
            .iter()
            .find(|c| c.article == article_id && c.anchor.start == start && c.anchor.end == end)
        {
            let id = existing.id;
            self.select_claim(id);
            return;
        }
        let Some(article) = project.article(article_id) else {
            return;
        };
        let Some(anchor) = TextAnchor::from_range(&article.text, start, end) else {
            self.say(
                "That selection is empty; drag over the words you want to mark.".into(),
                true,
            );
            return;
        };
        let mut claim = Claim::new(article_id, anchor, Utc::now());
        // Where the article came from is where its claims appeared, unless the user says otherwise.
        let address = article.meta.canonical_url.trim();
        if !address.is_empty() {
            claim.appearances = vec![address.to_owned()];
        }
        claim.claim_date = article.meta.published;
        let id = claim.id;
        let index = project.claims.len();
        self.apply(
            Edit::InsertClaim {
                index,
                claim: Box::new(claim),
            },
            None,
        );
        self.article_view.clear_selection();
        if self.workspace.project().claim(id).is_some() {
            self.selected = Some(id);
            self.claim_list.reveal_selected();
            let number = self.workspace.project().claim_number(id).unwrap_or(0);
            self.say(format!("Marked claim #{number}"), false);
        }
    }

    fn select_claim(&mut self, id: ClaimId) {
        let Some(claim) = self.workspace.project().claim(id) else {
            return;
        };
        if self.current_article != Some(claim.article) {
            self.current_article = Some(claim.article);
            self.article_view.reset();
        }
        self.selected = Some(id);
        self.article_view.scroll_to(claim.anchor.start);
        self.claim_list.reveal_selected();
    }

    /// Runs `action` now, or asks first when it would drop unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, action: GuardedAction) {
        if self.workspace.is_dirty() {
            self.show_dialog(Dialog::UnsavedChanges(action));
        } else {
            self.perform(ctx, action);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, action: GuardedAction) {
        match action {
            GuardedAction::NewProject => {
                self.replace_workspace(Workspace::new(
                    Project::new("Untitled project".into()),
                    None,
                ));
                self.say(
                    "New project. Add an article with Project › Add article…, or open one.".into(),
                    false,
                );
            }
            GuardedAction::OpenDialog => self.file_dialogs.show(
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
            ),
            GuardedAction::OpenPath(path) => self.loader.start(ctx, LoadRequest::Open(path)),
            GuardedAction::OpenUrl(url) => self.loader.start(ctx, LoadRequest::Url(url)),
            GuardedAction::RestoreWork(entry) => self.restore(ctx, &entry),
            GuardedAction::Quit => {
                // Saved or deliberately discarded: nothing is left to recover.
                if let Some(autosave) = &mut self.autosave {
                    autosave.clear();
                }
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn on_dialog_choice(&mut self, ctx: &egui::Context, choice: DialogChoice) {
        match choice {
            DialogChoice::Close => {}
            DialogChoice::Path(purpose, path) => self.on_file_chosen(ctx, purpose, path),
            DialogChoice::ReportSettings(settings) => {
                if settings != self.workspace.project().report {
                    self.apply(Edit::SetReportSettings(settings), None);
                }
            }
            DialogChoice::ExportAnyway(export) => {
                self.commands.push(AppCommand::ExportChecked(export))
            }
            DialogChoice::GoToClaim(id) => self.select_claim(id),
            DialogChoice::OpenFile(path) => {
                if let Err(e) = open::that_detached(&path) {
                    self.show_error(
                        "Could not open the file",
                        format!(
                            "No program to open it was found ({e}); open it yourself: {}",
                            path.display()
                        ),
                    );
                }
            }
            DialogChoice::OpenUrl(url) => self.guard(ctx, GuardedAction::OpenUrl(url)),
            DialogChoice::Rename(title) => {
                if !title.is_empty() && title != self.workspace.project().title {
                    self.apply(Edit::SetProjectTitle(title), None);
                }
            }
            DialogChoice::Discard(action) => self.perform(ctx, action),
            DialogChoice::Save(action) => match self.workspace.path().map(Path::to_owned) {
                Some(path) if !self.workspace.is_read_only() => {
                    self.save_to(ctx, path, Some(action));
                }
                _ => self.show_save_dialog(ctx, Some(action)),
            },
            DialogChoice::ReloadFromDisk => {
                if let Some(path) = self.workspace.path().map(Path::to_owned) {
                    self.loader.start(ctx, LoadRequest::Open(path));
                }
            }
            DialogChoice::KeepMine { save } => {
                // What is on disk now is the file this window replaces on its next save; the .bak
                // written then keeps the other version.
                let path = self.workspace.path().map(Path::to_owned);
                self.disk = path.and_then(|p| store::DiskState::read(&p).ok());
                if save && let Some(path) = self.workspace.path().map(Path::to_owned) {
                    self.save_to(ctx, path, None);
                }
            }
            DialogChoice::SaveAsCopy => self.show_save_dialog(ctx, None),
            DialogChoice::RestoreWork(entry) => {
                self.guard(ctx, GuardedAction::RestoreWork(Box::new(entry)));
            }
            DialogChoice::DiscardWork(entry) => {
                if let Some(autosave) = &self.autosave {
                    autosave.store().discard(&entry).ok();
                    let entries = autosave.store().pending();
                    if !entries.is_empty() {
                        self.show_dialog(Dialog::Restore {
                            entries,
                            crash_log: None,
                        });
                    }
                }
            }
            DialogChoice::OpenReadOnly => {
                if let Some(open) = self.pending_open.take() {
                    self.open_project(open, None);
                    self.workspace.set_read_only(true);
                    self.say(
                        "Opened read-only: another window has this project open. File › Save as… makes a copy you can edit.".into(),
                        false,
                    );
                }
            }
            DialogChoice::OpenAnyway => {
                if let Some(open) = self.pending_open.take() {
                    let lock = lock::acquire_forcing(&open.path).ok().flatten();
                    self.open_project(open, lock);
                }
            }
            DialogChoice::CancelOpen => self.pending_open = None,
            DialogChoice::RepairAndOpen(path) => {
                self.loader.start(ctx, LoadRequest::OpenRepaired(path));
            }
        }
    }

    fn on_file_chosen(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        self.last_folder = path.parent().map(Path::to_owned);
        match purpose {
            // The unsaved-changes check already ran before the dialog opened.
            DialogPurpose::Open => self.loader.start(ctx, LoadRequest::Open(path)),
            DialogPurpose::AddArticle => self.loader.start(ctx, LoadRequest::AddArticle(path)),
            DialogPurpose::ImportClaimReview => self.import_claimreview(&path),
            DialogPurpose::SaveAs { then } => {
                self.save_to(ctx, with_project_extension(path), then);
            }
            DialogPurpose::Export(export) => self.export_to(export, &path),
            DialogPurpose::LocateArticle { encoding } => self.reopen_from(&path, encoding),
        }
    }

    fn show_save_dialog(&mut self, ctx: &egui::Context, then: Option<GuardedAction>) {
        let name = match self.workspace.path().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => format!(
                "{}{}",
                file_slug(&self.workspace.project().title),
                store::PROJECT_EXTENSION
            ),
        };
        self.file_dialogs.show(
            ctx,
            DialogRequest {
                purpose: DialogPurpose::SaveAs { then },
                title: "Save project".into(),
                filters: vec![("factdesk projects", vec!["json"])],
                folder: self.default_folder(),
                save_name: Some(name),
            },
        );
    }

    /// Folder dialogs start in: the last one used, else the project's, else the article's.
    fn default_folder(&self) -> Option<PathBuf> {
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

    /// Starts saving to `path` on a worker thread, then runs `then`. A save asked for while one runs
    /// waits for it. See [`FactdeskApp::on_saved`] for how it ends.
    fn save_to(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<GuardedAction>) {
        if self.saver.busy().is_some() {
            self.queued_save = Some((path, then));
            return;
        }
        // Only the file this window opened is checked for changes by others: a Save as… target was
        // chosen in a dialog that already asked about replacing it.
        let expected = if self.workspace.path() == Some(path.as_path()) {
            self.disk.clone()
        } else {
            None
        };
        self.saving = Some(SaveIntent {
            generation: self.generation,
            then,
        });
        self.saver.start(
            ctx,
            SaveJob {
                project: self.workspace.project().clone(),
                path,
                revision: self.workspace.revision(),
                expected,
            },
        );
    }

    /// Ends a save: marks what was written saved, or says why nothing was written. Either way the
    /// project stays open with all its edits.
    fn on_saved(&mut self, ctx: &egui::Context, outcome: SaveOutcome) {
        let intent = self.saving.take();
        let current = intent
            .as_ref()
            .is_some_and(|i| i.generation == self.generation);
        match outcome {
            SaveOutcome::Saved {
                path,
                revision,
                disk,
            } => {
                if current {
                    self.workspace.mark_saved_at(revision, path.clone());
                    self.disk = Some(disk);
                    if self.lock.as_ref().is_none_or(|(locked, _)| *locked != path) {
                        self.lock = match lock::acquire(&path) {
                            Ok(LockOutcome::Acquired(lock)) => Some((path.clone(), lock)),
                            _ => None,
                        };
                    }
                }
                self.remember_recent(&path);
                self.say(format!("Saved {}", path.display()), false);
                if let Some((path, then)) = self.queued_save.take() {
                    self.save_to(ctx, path, then);
                } else if let Some(action) = intent.and_then(|i| i.then)
                    && current
                {
                    self.guard(ctx, action);
                }
            }
            SaveOutcome::ChangedOnDisk { path, change } => {
                self.queued_save = None;
                self.show_dialog(Dialog::ChangedOnDisk {
                    path,
                    missing: change == store::DiskChange::Missing,
                    while_saving: true,
                });
            }
            SaveOutcome::Failed(error) => {
                self.queued_save = None;
                self.show_error("Could not save", format!("{error:#}\n\nYour work is still open and unsaved; try another folder with File › Save as…."));
            }
        }
    }

    /// Asks what to do when the project file was changed or removed by someone else since this window
    /// last read or wrote it.
    fn check_disk(&mut self) {
        if self.dialog.is_some() || self.saver.busy().is_some() || self.loader.busy().is_some() {
            return;
        }
        let (Some(path), Some(disk)) = (self.workspace.path(), &self.disk) else {
            return;
        };
        let change = match disk.compare(path) {
            Ok(store::DiskChange::Unchanged) | Err(_) => return,
            Ok(change) => change,
        };
        self.show_dialog(Dialog::ChangedOnDisk {
            path: path.to_owned(),
            missing: change == store::DiskChange::Missing,
            while_saving: false,
        });
    }

    fn export_to(&mut self, export: Export, path: &Path) {
        let format = export.format;
        let path = if path.extension().is_none() {
            path.with_extension(format.extension())
        } else {
            path.to_owned()
        };
        let options = report::ReportOptions {
            excel_bom: export.excel_bom,
            ..report::ReportOptions::at(Utc::now())
        };
        let report = report::render(self.workspace.project(), format, &options);
        match store::write_atomically(&path, report.as_bytes()) {
            Ok(()) => {
                self.say(
                    format!("Exported {} to {}", export.label(), path.display()),
                    false,
                );
                self.export_folder = path.parent().map(Path::to_owned);
                self.show_dialog(Dialog::Exported { export, path });
            }
            Err(e) => self.show_error(
                "Could not export the report",
                format!("{e}: {}", path.display()),
            ),
        }
    }

    /// Reads the shown article's file again with the encoding labelled `encoding`, asking where the
    /// file is when it is not where the project records it (see [`super::reopen`]).
    fn reopen_with_encoding(&mut self, ctx: &egui::Context, encoding: &'static str) {
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
    fn reopen_from(&mut self, path: &Path, encoding: &str) {
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
    fn receive_paste(&mut self, ctx: &egui::Context) {
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

    /// Handles a finished load: opens the project or article, or says why it could not be read. On
    /// failure the open project stays as it was.
    fn on_loaded(&mut self, result: Result<Loaded, String>) {
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
                    self.replace_workspace(Workspace::new(Project::from_article(*article), None));
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
    fn open_project(&mut self, open: PendingOpen, lock: Option<ProjectLock>) {
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

    /// Opens work recovered from an earlier window, unsaved, in place of the sample or open project.
    fn restore(&mut self, ctx: &egui::Context, entry: &crate::recovery::RecoveryEntry) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        match autosave.store().restore(entry) {
            Ok(project) => {
                let path = entry.project_path().map(Path::to_owned);
                autosave.adopt(entry.clone());
                self.replace_workspace(Workspace::recovered(project, path.clone()));
                if let Some(path) = path
                    && let Ok(LockOutcome::Acquired(lock)) = lock::acquire(&path)
                {
                    self.lock = Some((path, lock));
                }
                self.say(
                    "Restored your unsaved work; save it to keep it".into(),
                    false,
                );
                ctx.request_repaint();
            }
            Err(e) => self.show_error(
                "Could not restore the work",
                format!(
                    "{e:#}\n\nThe recovery file is kept: {}",
                    entry.file.display()
                ),
            ),
        }
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
                if !imported.warnings.is_empty() {
                    self.show_dialog(Dialog::Notice {
                        title: format!("Imported {} claim(s), with notes", imported.claims),
                        message: imported.warnings.join("\n"),
                    });
                }
            }
            Err(e) => self.show_error("Could not import the ClaimReview file", format!("{e:#}")),
        }
    }

    fn replace_workspace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.generation += 1;
        self.disk = None;
        self.lock = None;
        self.current_article = self.workspace.project().articles.first().map(|a| a.id);
        self.selected = None;
        self.article_view.reset();
        self.claim_list = ClaimList::default();
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// Shows `dialog`, or queues it behind the one on screen.
    fn show_dialog(&mut self, dialog: Dialog) {
        if self.dialog.is_some() {
            self.queued_dialogs.push_back(dialog);
        } else {
            self.dialog = Some(dialog);
        }
    }

    fn say(&mut self, text: String, is_error: bool) {
        self.message = Some(StatusMessage { text, is_error });
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.say(
            format!("{title}: {}", message.lines().next().unwrap_or_default()),
            true,
        );
        self.show_dialog(Dialog::Error {
            title: title.to_owned(),
            message,
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.workspace.is_dirty() {
            " •"
        } else {
            ""
        };
        let read_only = if self.workspace.is_read_only() {
            " [read-only]"
        } else {
            ""
        };
        let title = format!(
            "{}{read_only}{dirty} — factdesk",
            project_display_name(&self.workspace)
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }
}

impl eframe::App for FactdeskApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if self.show_guarded(ui).is_err() {
            // The crash log and the recovery file are written; the window cannot go on safely.
            eprintln!(
                "factdesk: stopped after an internal error; your unsaved work will be offered when factdesk starts again"
            );
            std::process::exit(101);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, EXPORT_FOLDER_KEY, &self.export_folder);
        storage.set_string(THEME_CHOSEN_KEY, "yes".to_owned());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The window is closing (possibly by the system, e.g. at log-out): let a running save finish
        // rather than cut it off; the atomic write means a cut-off save loses only that save.
        self.saver.wait(std::time::Duration::from_secs(30));
        if let Some(autosave) = &mut self.autosave {
            autosave.finish(std::time::Duration::from_secs(5));
            if self.close_confirmed || !self.workspace.is_dirty() {
                autosave.clear();
            }
        }
    }
}

/// The progress dialog of a load; returns whether the user cancelled it.
fn loading_ui(ctx: &egui::Context, what: &str) -> bool {
    let mut cancelled = false;
    egui::Modal::new(egui::Id::unique("factdesk-loading")).show(ctx, |ui| {
        ui.set_min_width(320.0);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Opening {what}…"));
        });
        ui.add_space(10.0);
        cancelled = ui.button("Cancel").clicked();
    });
    cancelled
}

impl FactdeskApp {
    /// Whether a file is being opened in the background.
    pub fn is_loading(&self) -> bool {
        self.loader.busy().is_some()
    }
}

/// The project's file name when saved, else its title.
fn project_display_name(workspace: &Workspace) -> String {
    workspace
        .path()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| {
            let title = workspace.project().title.trim();
            if title.is_empty() {
                "Untitled project".to_owned()
            } else {
                title.to_owned()
            }
        })
}

fn sample_title() -> String {
    import::article_from_bytes(
        crate::SAMPLE_ARTICLE.as_bytes(),
        crate::SAMPLE_ARTICLE_NAME,
        "Sample article",
    )
    .map(|a| a.title)
    .unwrap_or_else(|_| "Sample article".to_owned())
}

/// A file-name-safe short form of `title`: lower-case words joined by dashes, at most 60 chars.
pub fn file_slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.chars().count() + word.chars().count() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_lowercase());
    }
    if slug.is_empty() {
        "project".to_owned()
    } else {
        slug
    }
}

/// `path` ending in `.factdesk.json` unless it already ends in `.json`.
fn with_project_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return path;
    }
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(store::PROJECT_EXTENSION);
    path.with_file_name(name)
}

fn article_switcher_ui(
    ui: &mut Ui,
    project: &Project,
    current: Option<ArticleId>,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Article");
        let current_title = current
            .and_then(|id| project.article(id))
            .map_or("", |a| a.title.as_str());
        egui::ComboBox::from_id_salt("article-switcher")
            .selected_text(super::claim_list::shorten(current_title, 60))
            .width(360.0)
            .show_ui(ui, |ui| {
                for article in &project.articles {
                    if ui
                        .selectable_label(Some(article.id) == current, &article.title)
                        .clicked()
                    {
                        commands.push(AppCommand::SwitchArticle(article.id));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.separator();
}

/// The headline and source of an article read from a web page or document, above its text.
fn article_header_ui(ui: &mut Ui, article: &crate::model::Article) {
    let meta = &article.meta;
    let published = meta.published.map(|d| d.format("%-d %B %Y").to_string());
    let facts: Vec<&str> = [meta.byline.as_str(), meta.site_name.as_str()]
        .into_iter()
        .chain(published.as_deref())
        .filter(|f| !f.trim().is_empty())
        .collect();
    if facts.is_empty() && meta.canonical_url.is_empty() {
        return;
    }
    // Line the header up with the article text below it.
    let (left, width) = theme::reading_column(ui.available_width());
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.add_space(left);
        ui.vertical(|ui| {
            ui.set_max_width(width);
            ui.add(egui::Label::new(egui::RichText::new(&article.title).heading().strong()).wrap());
            if !facts.is_empty() {
                ui.label(egui::RichText::new(facts.join(" · ")).weak());
            }
            if !meta.canonical_url.is_empty() {
                ui.add(
                    egui::Label::new(egui::RichText::new(&meta.canonical_url).small().weak())
                        .truncate(),
                )
                .on_hover_text(&meta.canonical_url);
            }
        });
    });
    ui.separator();
}

fn empty_project_ui(ui: &mut Ui, commands: &mut Vec<AppCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("No article in this project");
        ui.add_space(8.0);
        ui.label("Open an article file, or drop one onto this window.");
        ui.add_space(12.0);
        if ui.button(Action::Open.label()).clicked() {
            commands.push(AppCommand::Action(Action::Open));
        }
        if ui.button(Action::AddArticle.label()).clicked() {
            commands.push(AppCommand::Action(Action::AddArticle));
        }
    });
}

/// Text sizes and spacing for a reading and editing tool, a notch larger than egui's defaults.
fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recovery::RecoveryStore;

    #[test]
    fn a_panic_while_drawing_copies_the_unsaved_work_before_the_window_goes_down() {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut app = FactdeskApp::with_startup(Startup::Sample).with_data_dir(data.path());
        app.apply(Edit::SetProjectTitle("Rescued".into()), None);
        let mut outcome = None;
        let mut harness = egui_kittest::Harness::new_ui_state(
            |ui, app: &mut FactdeskApp| {
                outcome = Some(app.guarded(ui, |_, _| panic!("a bug while drawing")));
            },
            app,
        );
        harness.step();
        drop(harness);
        assert!(matches!(outcome, Some(Err(_))), "the panic is handed on");
        let store = RecoveryStore::new(data.path());
        let entries = store.pending();
        assert_eq!(
            entries.len(),
            1,
            "the window's session ended, its copy remains"
        );
        let Some(entry) = entries.first() else {
            return;
        };
        let restored = store.restore(entry).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(restored.title, "Rescued");
    }
}
