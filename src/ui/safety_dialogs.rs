//! Dialogs that keep work from being lost: a project file changed by someone else, a project open in
//! another window, unsaved work recovered after a crash.

use std::path::Path;

use egui::{RichText, Ui};

use super::dialogs::DialogChoice;

/// Asks what to do about a project file changed or removed on disk by someone else. Nothing is
/// overwritten until the user says so.
pub fn changed_on_disk_ui(
    ui: &mut Ui,
    path: &Path,
    missing: bool,
    while_saving: bool,
) -> Option<DialogChoice> {
    let mut choice = None;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if missing {
        ui.heading("The project file is gone");
        ui.add_space(6.0);
        ui.add(
            egui::Label::new(format!(
                "“{name}” was moved, renamed or deleted since this window opened it. Your work is still open here."
            ))
            .wrap(),
        );
    } else {
        ui.heading("The project file changed on disk");
        ui.add_space(6.0);
        ui.add(
            egui::Label::new(format!(
                "Another program changed “{name}” since this window opened or saved it (a sync client, a git pull, another editor).{}",
                if while_saving { " Nothing was saved." } else { "" }
            ))
            .wrap(),
        );
        ui.add_space(4.0);
        ui.label(
            RichText::new(
                "Keep mine replaces the file on the next save; the other version is kept beside it as .bak.",
            )
            .weak(),
        );
    }
    ui.add(egui::Label::new(RichText::new(path.display().to_string()).small().weak()).wrap());
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if !missing && ui.button("Reload from disk").clicked() {
            choice = Some(DialogChoice::ReloadFromDisk);
        }
        let keep = match (missing, while_saving) {
            (true, true) => "Save it here again",
            (true, false) => "Keep working",
            (false, true) => "Keep mine and save",
            (false, false) => "Keep mine",
        };
        if ui.button(RichText::new(keep).strong()).clicked() {
            choice = Some(DialogChoice::KeepMine { save: while_saving });
        }
        if ui.button("Save as…").clicked() {
            choice = Some(DialogChoice::SaveAsCopy);
        }
    });
    choice
}
