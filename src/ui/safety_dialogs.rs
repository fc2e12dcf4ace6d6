//! Dialogs that keep work from being lost: a project file changed by someone else, a project open in
//! another window, unsaved work recovered after a crash.

use std::path::Path;

use egui::{RichText, Ui};

use super::dialogs::DialogChoice;
use crate::recovery::RecoveryEntry;
use crate::recovery::lock::LockOwner;

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
                "Reload from disk drops this window's unsaved changes. Keep mine replaces the file on the next save and keeps the other version beside it as .bak. Save as… leaves the file alone.",
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

/// Offers the unsaved work an earlier window left behind, and says where its crash log is.
pub fn restore_ui(
    ui: &mut Ui,
    entries: &[RecoveryEntry],
    crash_log: Option<&Path>,
) -> Option<DialogChoice> {
    let mut choice = None;
    if entries.is_empty() {
        ui.heading("factdesk ran into a problem last time");
    } else {
        ui.heading("Restore unsaved work?");
    }
    ui.add_space(6.0);
    if let Some(log) = crash_log {
        ui.add(
            egui::Label::new(
                "factdesk ran into an internal error last time. A crash log with the details was written to:",
            )
            .wrap(),
        );
        ui.add(egui::Label::new(RichText::new(log.display().to_string()).monospace()).wrap());
        ui.add_space(8.0);
    }
    if !entries.is_empty() {
        ui.add(
            egui::Label::new(
                "A factdesk window did not close properly and left work that was never saved. Restore opens it here, unsaved; the file on disk is not touched until you save.",
            )
            .wrap(),
        );
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .max_height(240.0)
            .show(ui, |ui| {
                for (i, entry) in entries.iter().enumerate() {
                    ui.push_id(i, |ui| {
                        ui.add(egui::Label::new(RichText::new(entry.describe()).strong()).wrap());
                        ui.horizontal(|ui| {
                            if ui.button(RichText::new("Restore").strong()).clicked() {
                                choice = Some(DialogChoice::RestoreWork(entry.clone()));
                            }
                            if ui.button("Delete").clicked() {
                                choice = Some(DialogChoice::DiscardWork(entry.clone()));
                            }
                        });
                        ui.add_space(6.0);
                    });
                }
            });
    }
    ui.add_space(8.0);
    let close = if entries.is_empty() {
        "OK"
    } else {
        "Decide later"
    };
    if ui.button(close).clicked() {
        choice = Some(DialogChoice::Close);
    }
    choice
}

/// Warns that another window has the project open, and offers to open it read-only.
pub fn locked_ui(ui: &mut Ui, path: &Path, owner: Option<&LockOwner>) -> Option<DialogChoice> {
    let mut choice = None;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ui.heading("This project is open in another window");
    ui.add_space(6.0);
    let who = match owner {
        Some(owner) => {
            let user = if owner.user.is_empty() {
                String::new()
            } else {
                format!(", user {}", owner.user)
            };
            let host = if owner.host.is_empty() {
                "an unknown machine"
            } else {
                owner.host.as_str()
            };
            format!(
                "factdesk (process {}{user}) on {host} has had “{name}” open since {}.",
                owner.pid,
                owner.since.format("%Y-%m-%d %H:%M UTC")
            )
        }
        None => format!("“{name}” is already open in another factdesk window."),
    };
    ui.add(egui::Label::new(who).wrap());
    ui.add_space(4.0);
    ui.add(
        egui::Label::new(
            "If both windows edit it, the one that saves last overwrites the other's work. Open it read-only to look at it or export a report.",
        )
        .wrap(),
    );
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Open read-only").strong())
            .clicked()
        {
            choice = Some(DialogChoice::OpenReadOnly);
        }
        if owner.is_some() && ui.button("Open anyway").clicked() {
            choice = Some(DialogChoice::OpenAnyway);
        }
        if ui.button("Cancel").clicked() {
            choice = Some(DialogChoice::CancelOpen);
        }
    });
    choice
}

/// Offers to repair a project file that is inconsistent (claims pointing at the wrong words after a
/// hand edit, duplicate ids) and open it; the file itself changes only when the user saves.
pub fn repair_offer_ui(
    ui: &mut Ui,
    path: &Path,
    message: &str,
    changes: usize,
) -> Option<DialogChoice> {
    let mut choice = None;
    ui.heading("This project file needs repairing");
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(message).small()).wrap());
        });
    ui.add_space(6.0);
    ui.add(
        egui::Label::new(format!(
            "factdesk can fix this with {changes} change(s), for example by finding claims again by their quoted words. The repaired project opens unsaved and lists every change; the file is not touched until you save."
        ))
        .wrap(),
    );
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Repair and open").strong())
            .clicked()
        {
            choice = Some(DialogChoice::RepairAndOpen(path.to_owned()));
        }
        if ui.button("Cancel").clicked() {
            choice = Some(DialogChoice::Close);
        }
    });
    choice
}
