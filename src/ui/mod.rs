//! The desktop window. The only part of factdesk that knows egui; it draws the model and pushes
//! commands, which the app runs after each frame.

mod app;
mod article_cursor;
mod article_header;
mod article_view;
mod autosave;
mod claim_editor;
mod claim_list;
mod command;
mod contrast;
mod dialogs;
mod file_dialog;
mod find_all;
mod find_bar;
mod find_worker;
mod font_notice;
mod help;
mod loader;
mod menu_bar;
mod palette;
mod preferences;
mod reopen;
mod safety_dialogs;
mod saver;
mod scale_editor;
mod settings_dialog;
mod shortcuts;
mod statistics;
mod status_bar;
mod theme;
mod tool_window;
mod verdict_badge;

use std::path::PathBuf;

pub use app::{FactdeskApp, Startup, file_slug};
pub use article_view::{ArticleView, FindLayer};
pub use command::{
    Action, ActionSpec, ActionState, AppCommand, Export, KeyScope, MAX_RECENT, Menu, MenuPlace,
    Panel, PanelsShown, Submenu,
};
pub use dialogs::{Dialog, GuardedAction};
pub use file_dialog::DialogPurpose;
pub use find_all::{FindAll, PickedMatch};
pub use find_bar::FindBar;
pub use find_worker::{ArticleMatches, MatchContext};
pub use scale_editor::ScaleEditor;
pub use shortcuts::{
    KeyboardFocus, action_for, shortcut_order, shortcut_sections, shortcut_sheet,
    shortcut_table_markdown, shortcut_text, take_pressed, take_pressed_where,
};
pub use status_bar::StatusMessage;
pub use theme::visuals as theme_visuals;

/// Opens the window with `file` (an article or project), or the bundled sample article when `None`.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("factdesk")
            .with_app_id("factdesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let startup = file.map_or(Startup::Sample, Startup::File);
    eframe::run_native(
        "factdesk",
        options,
        Box::new(move |cc| Ok(Box::new(FactdeskApp::new(cc, startup)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
