//! Edit › Settings…: theme, text size, reading width, and what new projects start with.
//!
//! Changes apply as they are made (the theme and text size show at once), so there is no OK or
//! Cancel: the dialog edits the app's [`Settings`] in place and the app writes them to the settings
//! file when it closes.

use std::path::Path;

use egui::{RichText, Ui};

use crate::model::{Rating, ScalePreset};
use crate::settings::{READING_WIDTH_RANGE, Settings, TEXT_SIZE_RANGE, ThemeChoice};

/// The settings dialog while it is open.
#[derive(Debug, Default)]
pub struct SettingsDialog;

impl SettingsDialog {
    /// Draws the dialog over the window, editing `settings`; `project_scale` is the open project's
    /// scale, offered as the default for new projects; `file` is where the settings are kept (none
    /// when the system names no configuration folder). Returns whether the user closed it (Close,
    /// Escape, or a click beside it).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        settings: &mut Settings,
        project_scale: &[Rating],
        file: Option<&Path>,
    ) -> bool {
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("factdesk-settings")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("Settings");
            ui.add_space(4.0);
            ui.label(
                RichText::new("For every project on this computer; saved when you close this.")
                    .weak(),
            );
            ui.add_space(8.0);
            appearance_ui(ui, settings);
            ui.add_space(14.0);
            new_projects_ui(ui, settings, project_scale);
            ui.add_space(10.0);
            let kept = file.map_or_else(
                || {
                    "Kept until factdesk closes: this system names no folder for settings."
                        .to_owned()
                },
                |f| format!("Kept in {}", f.display()),
            );
            ui.add(egui::Label::new(RichText::new(kept).small().weak()).wrap());
            ui.add_space(8.0);
            close = ui.button(RichText::new("Close").strong()).clicked();
        });
        close || modal.should_close()
    }
}

fn appearance_ui(ui: &mut Ui, settings: &mut Settings) {
    ui.label(RichText::new("Appearance").strong());
    ui.horizontal(|ui| {
        ui.label("Theme");
        for choice in ThemeChoice::ALL {
            ui.radio_value(&mut settings.theme, choice, choice.label());
        }
    });
    ui.horizontal(|ui| {
        ui.label("Text size");
        let percent = settings.text_size_percent;
        if ui
            .add_enabled(
                percent > *TEXT_SIZE_RANGE.start(),
                egui::Button::new("Smaller"),
            )
            .on_hover_text("Ctrl+-")
            .clicked()
        {
            settings.text_smaller();
        }
        ui.label(format!("{} %", settings.text_size_percent));
        if ui
            .add_enabled(
                percent < *TEXT_SIZE_RANGE.end(),
                egui::Button::new("Larger"),
            )
            .on_hover_text("Ctrl+=")
            .clicked()
        {
            settings.text_larger();
        }
        if ui
            .add_enabled(percent != 100, egui::Button::new("Normal size"))
            .on_hover_text("Ctrl+0")
            .clicked()
        {
            settings.text_normal();
        }
    });
    ui.label(
        RichText::new("Text size scales the whole window: the article, panels and menus.")
            .small()
            .weak(),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Reading width");
        ui.add(
            egui::Slider::new(&mut settings.reading_width, READING_WIDTH_RANGE)
                .step_by(20.0)
                .suffix(" pt"),
        )
        .on_hover_text("The widest the article text is set; narrower columns read more easily")
        .labelled_by(label.id);
    });
}

fn new_projects_ui(ui: &mut Ui, settings: &mut Settings, project_scale: &[Rating]) {
    ui.label(RichText::new("New projects").strong());
    ui.label(
        RichText::new(
            "What a project you create starts with, in this window and with factdesk new on the command line. \
             The open project keeps its own (Project › Report settings…).",
        )
        .small()
        .weak(),
    );
    ui.add_space(4.0);
    text_field(
        ui,
        "Your name (reviewer)",
        "who checks the claims",
        &mut settings.reviewer,
    );
    text_field(
        ui,
        "Organisation",
        "who publishes the reports",
        &mut settings.organisation,
    );
    let reviewer = settings.reviewer.trim();
    let author_hint = if reviewer.is_empty() {
        "who signs the reports".to_owned()
    } else {
        format!("{reviewer}, when empty")
    };
    text_field(ui, "Report author", &author_hint, &mut settings.author);
    ui.add_space(4.0);
    let label = ui.label(RichText::new("Rating scale").small());
    egui::ComboBox::from_id_salt("settings-rating-scale")
        .width(ui.available_width())
        .selected_text(scale_name(&settings.rating_scale))
        .show_ui(ui, |ui| {
            for preset in ScalePreset::ALL {
                let chosen = ScalePreset::matching(&settings.rating_scale) == Some(preset);
                if ui.selectable_label(chosen, preset.name()).clicked() {
                    settings.rating_scale = preset.ratings();
                }
            }
            let same = settings.rating_scale == project_scale;
            if ui
                .selectable_label(same, "The open project's scale")
                .on_hover_text(labels_of(project_scale))
                .clicked()
            {
                settings.rating_scale = project_scale.to_vec();
            }
        })
        .response
        .labelled_by(label.id);
    ui.label(
        RichText::new(labels_of(&settings.rating_scale))
            .small()
            .weak(),
    );
}

fn text_field(ui: &mut Ui, label: &str, hint: &str, text: &mut String) {
    let label = ui.label(RichText::new(label).small());
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

/// What the scale is called: its preset's name, or "Custom" with its ratings.
fn scale_name(scale: &[Rating]) -> String {
    ScalePreset::matching(scale).map_or_else(
        || format!("Custom ({} ratings)", scale.len()),
        |p| p.name().to_owned(),
    )
}

/// The scale's ratings in order, for the line under the choice.
fn labels_of(scale: &[Rating]) -> String {
    if scale.is_empty() {
        return "No ratings: the explanation is the verdict".to_owned();
    }
    scale
        .iter()
        .map(|r| r.label.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}
