//! Help › Getting started and Help › About: a short guide that works offline, and what this build is.
//!
//! The guide's steps name the keys and menus the action table gives, so they stay true when a shortcut
//! changes, and tick themselves off as the project shows each one done.

use egui::{RichText, Ui};

use super::command::{Action, AppCommand};
use super::shortcuts::{shortcut_label_in, shortcut_text};
use super::theme;
use super::tool_window::{name_title_bar, tool_window};
use crate::model::{Project, Status};
use crate::report::ReportFormat;

const GUIDE_TITLE: &str = "Getting started";
const ABOUT_TITLE: &str = "About factdesk";

/// The Getting started and About windows.
#[derive(Debug, Default)]
pub struct HelpWindows {
    guide_open: bool,
    about_open: bool,
    /// Whether a report was exported while the guide was open: the project cannot tell.
    exported: bool,
}

/// One step of the guide: what to do, and whether the project shows it done.
struct Step {
    title: &'static str,
    how: String,
    done: bool,
}

impl HelpWindows {
    /// Opens the Getting started guide.
    pub fn open_guide(&mut self) {
        self.guide_open = true;
    }

    /// Opens the About window.
    pub fn open_about(&mut self) {
        self.about_open = true;
    }

    /// Ticks the guide's last step: a report was written.
    pub fn report_exported(&mut self) {
        self.exported = true;
    }

    /// Draws the open windows; the guide's buttons push their commands.
    pub fn ui(&mut self, ctx: &egui::Context, project: &Project, commands: &mut Vec<AppCommand>) {
        if self.guide_open {
            let mut open = true;
            let steps = guide_steps(ctx, project, self.exported);
            tool_window(GUIDE_TITLE)
                .open(&mut open)
                .default_size(theme::TOOL_WINDOW_SIZE)
                // Over the claim editor, leaving the article free to follow the steps in.
                .pivot(egui::Align2::RIGHT_TOP)
                .default_pos(
                    ctx.content_rect().right_top()
                        + egui::vec2(-theme::TOOL_WINDOW_MARGIN, theme::TOOL_WINDOW_MARGIN),
                )
                .vscroll(true)
                .show(ctx, |ui| guide_ui(ui, &steps, commands));
            name_title_bar(ctx, GUIDE_TITLE);
            self.guide_open = open;
        }
        if self.about_open {
            let mut open = true;
            tool_window(ABOUT_TITLE)
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, about_ui);
            name_title_bar(ctx, ABOUT_TITLE);
            self.about_open = open;
        }
    }
}

/// How the guide tells the user to run `action`: its keys and its menu entry, both from the action
/// table, e.g. "Enter (Claim › Create claim from selection)".
fn keys_and_menu(ctx: &egui::Context, action: Action) -> String {
    let spec = action.spec();
    let menu = spec.menu.map(|place| {
        let mut path = vec![place.menu.label()];
        path.extend(place.submenu.map(|s| s.label()));
        path.push(spec.label);
        path.join(" › ")
    });
    let keys = shortcut_text(action, &|s| shortcut_label_in(ctx, s));
    match (keys, menu) {
        (Some(keys), Some(menu)) => format!("{keys} ({menu})"),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => action.name(),
    }
}

fn guide_steps(ctx: &egui::Context, project: &Project, exported: bool) -> Vec<Step> {
    let how = |action| keys_and_menu(ctx, action);
    let keys = |action| shortcut_text(action, &|s| shortcut_label_in(ctx, s)).unwrap_or_default();
    vec![
        Step {
            title: "Mark a claim",
            how: format!(
                "Click a sentence of the article to mark it as a claim, or move the keyboard cursor \
                 to it with {} and press {}. To mark only part of one, drag over the words first. \
                 The claim appears in the list and opens in the editor on the right.",
                keys(Action::CursorNextSentence),
                how(Action::CreateClaimFromSelection)
            ),
            done: !project.claims.is_empty(),
        },
        Step {
            title: "Give a verdict",
            how: format!(
                "In the editor, under Verdict, pick a rating of the project's scale, or press its \
                 number: {} for the first, {} for the second, and so on (Claim › Verdict). Then write \
                 why with {}.",
                keys(Action::SetVerdict(1)),
                keys(Action::SetVerdict(2)),
                how(Action::FocusExplanation)
            ),
            done: project.claims.iter().any(|c| c.verdict.is_some()),
        },
        Step {
            title: "Add a source",
            how: format!(
                "{} adds one; fill in its URL and title and say whether it supports or refutes the \
                 claim.",
                how(Action::AddSource)
            ),
            done: project.claims.iter().any(|c| !c.sources.is_empty()),
        },
        Step {
            title: "Mark it done",
            how: format!(
                "Under Status choose Done once the claim is checked, or press {}. {} goes on to the \
                 next claim still unchecked; {} counts them all.",
                how(Action::SetStatus(Status::Done)),
                how(Action::NextUncheckedClaim),
                how(Action::ShowStatistics)
            ),
            done: project.claims.iter().any(|c| c.status == Status::Done),
        },
        Step {
            title: "Export a report",
            how: format!(
                "{} writes a page to publish. factdesk first lists what the report would lack, such \
                 as a verdict without an explanation. Save the project with {}.",
                how(Action::ExportReport(ReportFormat::Html)),
                how(Action::Save)
            ),
            done: exported,
        },
    ]
}

fn guide_ui(ui: &mut Ui, steps: &[Step], commands: &mut Vec<AppCommand>) {
    ui.label(
        "Five steps through one claim, on the sample article: a short news story with checkable \
         statements. Everything stays on this computer.",
    );
    ui.add_space(theme::NOTICE_GAP);
    if ui
        .button("Open the sample article")
        .on_hover_text(
            "Opens the sample as a new unsaved project; unsaved work is offered to save first",
        )
        .clicked()
    {
        commands.push(AppCommand::Action(Action::OpenSample));
    }
    ui.add_space(theme::NOTICE_GAP);
    for (number, step) in steps.iter().enumerate() {
        // The tick is a word as well as a mark, so it does not depend on seeing the glyph.
        let state = if step.done { "✔ done" } else { "to do" };
        ui.horizontal(|ui| {
            ui.strong(format!("{}. {}", number + 1, step.title));
            ui.label(RichText::new(state).weak());
        });
        ui.label(&step.how);
        ui.add_space(theme::NOTICE_GAP);
    }
    let all_shortcuts = keys_and_menu(ui.ctx(), Action::ShowShortcuts);
    ui.label(format!("Every shortcut: {all_shortcuts}."));
}

fn about_ui(ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.heading("factdesk");
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    });
    ui.add_space(theme::NOTICE_GAP);
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.add_space(theme::NOTICE_GAP);
    ui.label(format!(
        "Licence: {} (either, at your choice).",
        env!("CARGO_PKG_LICENSE")
    ));
    ui.label(
        RichText::new(
            "factdesk works offline: projects, reports and recovery copies stay on this computer. It \
             goes online only to open a web address you give it.",
        )
        .weak(),
    );
}
