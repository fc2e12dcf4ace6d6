//! The menu bar. Every entry reads its label and shortcut from [`Action`].

use std::path::PathBuf;

use egui::Ui;

use super::command::{Action, AppCommand};
use crate::model::{ArticleId, Project};
use crate::report::ReportFormat;

/// What the menus need to know about the app's state.
pub struct MenuState<'a> {
    /// The open project.
    pub project: &'a Project,
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Undo description, if undo is possible.
    pub undo: Option<&'static str>,
    /// Redo description, if redo is possible.
    pub redo: Option<&'static str>,
    /// Whether text is selected in the article.
    pub has_text_selection: bool,
    /// Whether a claim is selected.
    pub has_selected_claim: bool,
    /// The article shown.
    pub current_article: Option<ArticleId>,
    /// Whether the shown article was read from a text file, which can be read again with another
    /// encoding (the file is looked for, or asked for, when the command runs).
    pub can_reopen: bool,
}

/// Draws the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<AppCommand>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            action_button(ui, Action::NewProject, true, commands);
            action_button(ui, Action::Open, true, commands);
            action_button(ui, Action::OpenUrl, true, commands);
            action_button(ui, Action::NewArticleFromClipboard, true, commands);
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in state.recent {
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        commands.push(AppCommand::OpenPath(path.clone()));
                    }
                }
            });
            ui.separator();
            action_button(ui, Action::Save, true, commands);
            action_button(ui, Action::SaveAs, true, commands);
            ui.separator();
            ui.add_enabled_ui(state.can_reopen, |ui| {
                ui.menu_button("Reopen with encoding", |ui| {
                    for (label, name) in crate::import::encoding::encoding_choices() {
                        if ui.button(*name).clicked() {
                            commands.push(AppCommand::Action(Action::ReopenWithEncoding(label)));
                            ui.close();
                        }
                    }
                });
            })
            .response
            .on_disabled_hover_text(
                "Only an article read from a text or Markdown file can be read again with another encoding",
            );
            ui.menu_button("Import", |ui| {
                action_button(ui, Action::ImportClaimReview, true, commands);
            });
            ui.menu_button("Export report", |ui| {
                for format in ReportFormat::ALL {
                    action_button(ui, Action::ExportReport(format), true, commands);
                    if format == ReportFormat::Csv {
                        action_button(ui, Action::ExportCsvForExcel, true, commands);
                    }
                }
            });
            ui.separator();
            action_button(ui, Action::RecoverWork, true, commands);
            ui.separator();
            action_button(ui, Action::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            let undo = Action::Undo;
            let label = state
                .undo
                .map_or_else(|| undo.label().to_owned(), |d| format!("Undo {d}"));
            labelled_action_button(ui, undo, &label, state.undo.is_some(), commands);
            let redo = Action::Redo;
            let label = state
                .redo
                .map_or_else(|| redo.label().to_owned(), |d| format!("Redo {d}"));
            labelled_action_button(ui, redo, &label, state.redo.is_some(), commands);
            ui.separator();
            action_button(
                ui,
                Action::CreateClaimFromSelection,
                state.has_text_selection,
                commands,
            );
            action_button(ui, Action::DeleteClaim, state.has_selected_claim, commands);
            action_button(ui, Action::ClearSelection, true, commands);
        });
        ui.menu_button("Project", |ui| {
            action_button(ui, Action::RenameProject, true, commands);
            action_button(ui, Action::ReportSettings, true, commands);
            ui.separator();
            action_button(ui, Action::AddArticle, true, commands);
            action_button(
                ui,
                Action::RemoveArticle,
                state.current_article.is_some(),
                commands,
            );
            if state.project.articles.len() > 1 {
                ui.separator();
                ui.label("Show article");
                for article in &state.project.articles {
                    let current = Some(article.id) == state.current_article;
                    if ui.radio(current, &article.title).clicked() && !current {
                        commands.push(AppCommand::SwitchArticle(article.id));
                        ui.close();
                    }
                }
            }
        });
        ui.menu_button("View", |ui| {
            egui::widgets::global_theme_preference_buttons(ui);
        });
        ui.menu_button("Help", |ui| {
            action_button(ui, Action::ShowShortcuts, true, commands);
        });
    });
}

fn action_button(ui: &mut Ui, action: Action, enabled: bool, commands: &mut Vec<AppCommand>) {
    labelled_action_button(ui, action, action.label(), enabled, commands);
}

fn labelled_action_button(
    ui: &mut Ui,
    action: Action,
    label: &str,
    enabled: bool,
    commands: &mut Vec<AppCommand>,
) {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = action.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(AppCommand::Action(action));
        ui.close();
    }
}
