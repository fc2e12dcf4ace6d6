//! The application: owns the open project, lays out the panels, and runs the commands they push.
//! Each flow lives in a file of its own under `app/`: opening, saving, exporting, keeping work safe,
//! claims and selection, and what the user answers in dialogs.

mod answers;
mod claims;
mod export;
mod find;
mod open;
mod safety;
mod save;
mod settings;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::Ui;

use super::article_header::{article_header_ui, article_switcher_ui, empty_project_ui};
use super::article_view::ArticleView;
use super::autosave::Autosave;
use super::claim_editor::{claim_editor_ui, no_claim_ui};
use super::claim_list::ClaimList;
use super::command::{Action, AppCommand, Export, PanelsShown};
use super::dialogs::{Dialog, GuardedAction, dialog_ui, loading_ui};
use super::file_dialog::FileDialogs;
use super::find_all::FindAll;
use super::find_bar::FindBar;
use super::font_notice::FontNotice;
use super::help::HelpWindows;
use super::loader::{LoadRequest, Loader};
use super::menu_bar::{MenuState, menu_bar_ui};
use super::palette::Palette;
use super::preferences::Preferences;
use super::reopen;
use super::saver::Saver;
use super::scale_editor::ScaleEditor;
use super::shortcuts::{KeyboardFocus, take_pressed, take_pressed_where};
use super::statistics::StatisticsWindow;
use super::status_bar::{FileState, StatusMessage, status_bar_ui};
use super::theme;
use crate::model::{ArticleId, ClaimId, Workspace};
use crate::recovery::lock::ProjectLock;
use crate::report::ReportFormat;
use crate::store;
use open::PendingOpen;
use save::SaveIntent;
pub use save::file_slug;

/// Storage key of the recent-files list.
const RECENT_KEY: &str = "factdesk.recent";
/// Storage key of the folder the last report was exported to.
const EXPORT_FOLDER_KEY: &str = "factdesk.export_folder";
/// Storage key of the actions last run from the command palette.
const PALETTE_RECENT_KEY: &str = "factdesk.palette_recent";

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
    find_bar: FindBar,
    find_all: FindAll,
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
    /// When the lock file last said this window is alive (see [`safety::LOCK_REFRESH`]).
    lock_refreshed: std::time::Instant,
    /// What had the keyboard when the last frame ended, which decides whether bare keys are
    /// shortcuts or typing.
    keyboard_focus: KeyboardFocus,
    /// Which panels are shown.
    panels: PanelsShown,
    /// Project › Rating scale…, when open.
    scale_editor: ScaleEditor,
    /// The user's settings and their dialog.
    preferences: Preferences,
    /// View › Statistics.
    statistics: StatisticsWindow,
    /// Help › Getting started and Help › About.
    help: HelpWindows,
    /// The command palette.
    palette: Palette,
}

impl FactdeskApp {
    /// The app as eframe creates it, with the settings file read and recent files restored from
    /// eframe's storage.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let recent: Vec<PathBuf> = cc
            .storage
            .and_then(|s| eframe::get_value(s, RECENT_KEY))
            .unwrap_or_default();
        let mut app = Self::with_startup(startup);
        if let Some(dir) = crate::settings::config_dir() {
            app = app.with_settings_dir(&dir);
        }
        if let Some(dir) = crate::recovery::data_dir() {
            app = app.with_data_dir(&dir);
        }
        app.recent = recent;
        app.export_folder = cc
            .storage
            .and_then(|s| eframe::get_value(s, EXPORT_FOLDER_KEY));
        if let Some(recent) = cc
            .storage
            .and_then(|s| eframe::get_value(s, PALETTE_RECENT_KEY))
        {
            app.palette.set_recent_ids(recent);
        }
        app
    }

    /// The app without eframe: for tests and embedding.
    pub fn with_startup(startup: Startup) -> Self {
        let mut app = Self {
            workspace: Workspace::new(open::sample_project(), None),
            current_article: None,
            selected: None,
            article_view: ArticleView::default(),
            claim_list: ClaimList::default(),
            find_bar: FindBar::default(),
            find_all: FindAll::default(),
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
            keyboard_focus: KeyboardFocus::default(),
            panels: PanelsShown::default(),
            scale_editor: ScaleEditor::default(),
            preferences: Preferences::default(),
            statistics: StatisticsWindow::default(),
            help: HelpWindows::default(),
            palette: Palette::default(),
        };
        match startup {
            Startup::Sample => {}
            Startup::Workspace(workspace) => app.replace_workspace(*workspace),
            Startup::File(path) => app.pending_load = Some(LoadRequest::Open(path)),
        }
        app.current_article = app.workspace.project().articles.first().map(|a| a.id);
        app
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

    /// The rating scale editor (Project › Rating scale…).
    pub fn scale_editor(&self) -> &ScaleEditor {
        &self.scale_editor
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

    /// Whether a file is being opened in the background.
    pub fn is_loading(&self) -> bool {
        self.loader.busy().is_some()
    }

    /// Draws one frame and runs what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.style_applied {
            theme::apply_style(&ctx);
            self.style_applied = true;
        }
        self.apply_settings(&ctx);
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

        let state = MenuState {
            project,
            recent: &self.recent,
            undo: self.workspace.history().undo_description(),
            redo: self.workspace.history().redo_description(),
            has_text_selection: self.article_view.selection().is_some(),
            has_selected_claim: self.selected.is_some(),
            current_article: self.current_article,
            can_reopen,
            has_cursor: self.article_view.cursor_sentence().is_some(),
            has_find_match: self.find_bar.is_open() && self.find_bar.current_match().is_some(),
            panels: self.panels,
        };
        egui::Panel::top("menu").show(ui, |ui| {
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
            .size_range(theme::EDITOR_WIDTH_RANGE)
            .show_collapsible(ui, &mut self.panels.claim_editor, |ui| {
                match self.selected.and_then(|id| project.claim(id)) {
                    Some(claim) => {
                        let number = numbers.get(&claim.id).copied().unwrap_or(0);
                        claim_editor_ui(ui, project, claim, number, &mut self.commands);
                    }
                    None => no_claim_ui(ui),
                }
            });
        egui::Panel::right("claims")
            .resizable(true)
            .default_size(theme::CLAIM_LIST_WIDTH)
            .size_range(theme::CLAIM_LIST_WIDTH_RANGE)
            .show_collapsible(ui, &mut self.panels.claim_list, |ui| {
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
                    self.find_bar
                        .ui(ui, article, &mut self.article_view, &mut self.commands);
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
        self.statistics.ui(&ctx, project);
        self.help.ui(&ctx, project, &mut self.commands);
        self.palette.ui(&ctx, &state, &mut self.commands);

        self.scale_editor.show(&ctx, project, &mut self.commands);
        self.find_all_ui(&ctx);

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
        } else {
            self.settings_dialog_ui(&ctx);
        }

        self.run_commands(&ctx);
        if self.dialog.is_none() {
            self.dialog = self.queued_dialogs.pop_front();
        }
        self.update_title(&ctx);
        self.keep_work_safe(&ctx);
        self.keyboard_focus = KeyboardFocus::of(&ctx);
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
        if ctx.input(|i| i.viewport().close_requested()) {
            self.on_close_requested(ctx);
        }
        if self.dialog.is_some() || self.loader.busy().is_some() {
            return;
        }
        if self.settings_are_shown() {
            // The text size keys work in the settings dialog, to see the size while choosing it.
            let zoom = [Action::ZoomIn, Action::ZoomOut, Action::ZoomReset];
            for action in take_pressed_where(ctx, KeyboardFocus::Nothing, |a| zoom.contains(&a)) {
                self.commands.push(AppCommand::Action(action));
            }
            return;
        }
        // The palette is a text field with a list: bare keys are typing there, and its list takes
        // the arrows and Enter; Ctrl+Z is its query's own.
        let focus = if self.palette.is_open() {
            KeyboardFocus::LocalTextField
        } else {
            self.keyboard_focus
        };
        for action in take_pressed(ctx, focus) {
            self.commands.push(AppCommand::Action(action));
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
            AppCommand::ExportChecked(export) => self.show_export_dialog(ctx, export),
            AppCommand::ExportTo(export, path) => self.export_to(export, &path),
            AppCommand::CreateClaim {
                article,
                start,
                end,
            } => self.create_claim(article, start, end),
            AppCommand::SelectClaim(id) => self.select_claim(id),
            AppCommand::SwitchArticle(id) => self.switch_article(id),
            AppCommand::Edit(edit) => self.apply(edit, None),
            AppCommand::EditMerging(edit, key) => self.apply(edit, Some(key)),
            AppCommand::SealHistory => self.workspace.seal_history(),
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewProject => self.guard(ctx, GuardedAction::NewProject),
            Action::Open => self.guard(ctx, GuardedAction::OpenDialog),
            Action::Save => self.save(ctx),
            Action::SaveAs => self.show_save_dialog(ctx, None),
            Action::ExportReport(format) => self.start_export(Export::plain(format)),
            Action::ExportCsvForExcel => self.start_export(Export {
                format: ReportFormat::Csv,
                excel_bom: true,
            }),
            Action::ReportSettings => {
                self.show_dialog(Dialog::ReportSettings(
                    self.workspace.project().report.clone(),
                ));
            }
            Action::RatingScale => self.scale_editor.open(),
            Action::RecoverWork => self.offer_recovery(),
            Action::ImportClaimReview => self.show_import_claimreview_dialog(ctx),
            Action::ReopenWithEncoding(label) => self.reopen_with_encoding(ctx, label),
            Action::OpenUrl => self.show_dialog(Dialog::UrlPrompt { url: String::new() }),
            Action::NewArticleFromClipboard => self.request_paste(ctx),
            Action::AddArticle => self.show_add_article_dialog(ctx),
            Action::RemoveArticle => self.remove_current_article(),
            Action::RenameProject => {
                self.show_dialog(Dialog::Rename {
                    title: self.workspace.project().title.clone(),
                });
            }
            Action::Quit => self.guard(ctx, GuardedAction::Quit),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::CreateClaimFromSelection => self.create_claim_from_selection(),
            Action::DeleteClaim => self.delete_selected_claim(),
            Action::ClearSelection => self.clear_selection(),
            Action::NextClaim => self.step_claim(1),
            Action::PreviousClaim => self.step_claim(-1),
            Action::ShowShortcuts => self.show_dialog(Dialog::Shortcuts),
            Action::Find
            | Action::FindNext
            | Action::FindPrevious
            | Action::FindInAllArticles
            | Action::ClaimFromFindMatch => self.run_find_action(action),
            Action::OpenRecent(place) => {
                if let Some(path) = self.recent.get(place).cloned() {
                    self.guard(ctx, GuardedAction::OpenPath(path));
                }
            }
            Action::SetVerdict(number) => self.set_verdict_by_number(number),
            Action::SetStatus(status) => self.set_status(status),
            Action::NextUncheckedClaim => self.next_unchecked_claim(),
            Action::AddSource => self.add_source(ctx),
            Action::FocusExplanation => self.focus_explanation(ctx),
            Action::TogglePanel(panel) => self.panels.toggle(panel),
            Action::CursorNextSentence => self.article_view.step_cursor(1),
            Action::CursorPreviousSentence => self.article_view.step_cursor(-1),
            Action::ExtendNextSentence => self.article_view.grow_selection_by_sentence(1),
            Action::ExtendPreviousSentence => self.article_view.grow_selection_by_sentence(-1),
            Action::ExtendNextWord => self.grow_selection_by_word(1),
            Action::ExtendPreviousWord => self.grow_selection_by_word(-1),
            Action::Settings => self.show_settings(),
            Action::ZoomIn => self.zoom_in(),
            Action::ZoomOut => self.zoom_out(),
            Action::ZoomReset => self.zoom_reset(),
            Action::CommandPalette => self.palette.open(),
            Action::ShowStatistics => self.statistics.open(),
            Action::GettingStarted => {
                self.help.open_guide();
                // The guide walks through the sample; with no article shown it opens it at once.
                if self.workspace.project().articles.is_empty() {
                    self.guard(ctx, GuardedAction::OpenSample);
                }
            }
            Action::OpenSample => self.guard(ctx, GuardedAction::OpenSample),
            Action::About => self.help.open_about(),
        }
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
        eframe::set_value(storage, PALETTE_RECENT_KEY, &self.palette.recent_ids());
        // eframe saves now and then and before closing: settings the dialog holds go with it.
        if let Some(message) = self.preferences.save() {
            self.message = Some(message);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.finish_on_exit();
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
