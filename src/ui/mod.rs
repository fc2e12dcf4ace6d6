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
mod first_frame;
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
    KeyboardFocus, action_for, shortcut_label, shortcut_order, shortcut_sections, shortcut_sheet,
    shortcut_table_markdown, shortcut_text, take_pressed, take_pressed_where,
};
pub use status_bar::StatusMessage;
pub use theme::visuals as theme_visuals;

/// The window's icon, the 128-pixel rendering of packaging/icons/factdesk.svg (the package installs
/// the same image in every size for the desktop's menus). Not 256: on X11 a 256×256 icon is just
/// over the largest request winit sends (256 KiB), and the window then shows none.
const ICON_PNG: &[u8] = include_bytes!("../../packaging/icons/factdesk-128.png");

/// Opens the window with `file` (an article or project), or the bundled sample article when `None`.
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("factdesk")
        // The desktop matches this to factdesk.desktop (Wayland app id, X11 WM_CLASS).
        .with_app_id("factdesk")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    // A broken icon would be a build mistake, never the user's; the window opens without one.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let startup = file.map_or(Startup::Sample, Startup::File);
    let timed = first_frame::requested();
    eframe::run_native(
        "factdesk",
        options,
        Box::new(move |cc| {
            let app = FactdeskApp::new(cc, startup);
            Ok(if timed {
                Box::new(first_frame::FirstFrameTimer::new(app, started))
            } else {
                Box::new(app)
            })
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn the_window_icon_decodes_as_a_square_of_128_pixels() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).unwrap();
        assert_eq!((icon.width, icon.height), (128, 128));
        // The corners are transparent (a rounded square), the middle is not.
        let alpha = |x: u32, y: u32| icon.rgba[((y * 128 + x) * 4 + 3) as usize];
        assert_eq!(alpha(0, 0), 0);
        assert_eq!(alpha(64, 64), 255);
    }

    /// The package installs each PNG as the hicolor icon of the size in its name: a mismatch makes
    /// the desktop scale or skip it.
    #[test]
    fn each_packaged_icon_is_as_large_as_its_name_says() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/icons");
        let mut checked = 0;
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(size) = name
                .strip_prefix("factdesk-")
                .and_then(|n| n.strip_suffix(".png"))
            else {
                continue;
            };
            let size: u32 = size.parse().unwrap();
            let icon = eframe::icon_data::from_png_bytes(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!((icon.width, icon.height), (size, size), "{name}");
            checked += 1;
        }
        assert!(checked >= 6, "only {checked} icons in {}", folder.display());
    }
}
