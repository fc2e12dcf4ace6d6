//! Exporting a report: the transparency check first, then where to write it, then the file.

use std::path::Path;

use chrono::Utc;

use super::FactdeskApp;
use super::save::file_slug;
use crate::report;
use crate::store;
use crate::ui::command::{AppCommand, Export};
use crate::ui::dialogs::Dialog;
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};

impl FactdeskApp {
    /// Runs the transparency check; asks for the file at once when it finds nothing, else shows what
    /// it found (the user may go ahead anyway).
    pub(super) fn start_export(&mut self, export: Export) {
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

    /// Asks where to write the report, starting in the folder the last one went to.
    pub(super) fn show_export_dialog(&mut self, ctx: &egui::Context, export: Export) {
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

    pub(super) fn export_to(&mut self, export: Export, path: &Path) {
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
}
