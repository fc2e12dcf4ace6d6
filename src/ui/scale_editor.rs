//! Project › Rating scale…: the project's ratings with their label, colour and value, moved, added and
//! removed one undoable edit at a time; presets; and the mapping step before a change that would
//! take ratings claims carry off the scale.

use chrono::Utc;
use egui::{RichText, Ui};

use super::command::AppCommand;
use super::contrast::{self, AA_MINIMUM};
use super::theme;
use crate::model::{
    Edit, Project, Rating, RatingField, ScaleMapping, ScalePreset, new_rating, parse_hex_color,
};

/// Colour of a rating the user adds, a neutral grey they are expected to change.
const NEW_RATING_COLOR: &str = "#8c8c8c";
/// Width the editor window opens with: room for a row's fields and buttons.
const WINDOW_WIDTH: f32 = 620.0;
/// Tallest the list of ratings grows before it scrolls.
const LIST_MAX_HEIGHT: f32 = 420.0;
/// Width of a rating's label field.
const LABEL_WIDTH: f32 = 170.0;
/// Width of the `#rrggbb` field.
const HEX_WIDTH: f32 = 70.0;
/// Width of a new-verdict choice in the mapping step.
const CHOICE_WIDTH: f32 = 200.0;

/// The rating scale editor window and the change waiting for the user to confirm its mapping.
#[derive(Debug, Default)]
pub struct ScaleEditor {
    open: bool,
    pending: Option<PendingChange>,
}

/// A replacement of the whole scale that touches given verdicts, shown for the user to map them.
#[derive(Clone, Debug)]
struct PendingChange {
    /// What the change is, as the heading says it, e.g. "Apply “Three levels …”".
    title: String,
    /// The scale after the change.
    scale: Vec<Rating>,
    /// What each rating in use becomes, as the user has chosen so far.
    mapping: ScaleMapping,
    /// Why the last try to apply it failed.
    error: Option<String>,
}

impl ScaleEditor {
    /// Shows the editor (Project › Rating scale…).
    pub fn open(&mut self) {
        self.open = true;
    }

    /// Whether the editor is on screen.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Whether the editor waits for the user to confirm how given verdicts map onto a new scale.
    pub fn is_mapping(&self) -> bool {
        self.open && self.pending.is_some()
    }

    /// Draws the editor window when it is open, pushing the edits the user makes.
    pub fn show(&mut self, ctx: &egui::Context, project: &Project, commands: &mut Vec<AppCommand>) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Rating scale")
            .id(egui::Id::unique("factdesk-scale-editor"))
            .open(&mut open)
            .collapsible(false)
            .default_width(WINDOW_WIDTH)
            .show(ctx, |ui| match self.pending.take() {
                Some(pending) => self.pending = mapping_ui(ui, project, pending, commands),
                None => self.scale_ui(ui, project, commands),
            });
        if !open {
            self.open = false;
            self.pending = None;
        }
    }

    fn scale_ui(&mut self, ui: &mut Ui, project: &Project, commands: &mut Vec<AppCommand>) {
        let scale = &project.rating_scale;
        ui.horizontal(|ui| {
            ui.label(match ScalePreset::matching(scale) {
                Some(preset) => format!("Preset: {}", preset.name()),
                None => "Your own scale".to_owned(),
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.menu_button("Presets", |ui| {
                    for preset in ScalePreset::ALL {
                        if ui.button(preset.name()).clicked() {
                            self.change_scale(
                                project,
                                format!("Apply “{}”", preset.name()),
                                preset.ratings(),
                                commands,
                            );
                            ui.close();
                        }
                    }
                });
            });
        });
        ui.label(
            RichText::new(
                "Most accurate first. ClaimReview rates each verdict by its value, between the \
                 lowest and highest value above 0; a verdict valued 0 or less carries only its name.",
            )
            .small()
            .weak(),
        );
        ui.add_space(6.0);
        if scale.is_empty() {
            ui.label(
                "Explanation only: claims carry no rating. The claim editor hides the verdict, and \
                 reports and ClaimReview publish each claim's explanation.",
            );
        }
        let in_use = project.ratings_in_use();
        let count = scale.len();
        egui::ScrollArea::vertical()
            .max_height(LIST_MAX_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (index, rating) in scale.iter().enumerate() {
                    let uses = in_use
                        .iter()
                        .find(|(id, _)| *id == rating.id)
                        .map_or(0, |(_, n)| *n);
                    let row = RatingRow {
                        rating,
                        index,
                        count,
                        uses,
                    };
                    if let Some(removal) = row.ui(ui, commands) {
                        self.remove(project, removal, commands);
                    }
                    ui.separator();
                }
            });
        ui.horizontal(|ui| {
            if ui.button("Add rating").clicked() {
                let value = scale.iter().map(|r| r.value).min().map_or(1, |v| v - 1);
                let rating = new_rating(scale, "New rating", NEW_RATING_COLOR, value);
                commands.push(AppCommand::Edit(Edit::InsertRating {
                    index: count,
                    rating: Box::new(rating),
                }));
            }
        });
    }

    /// Removes the rating at `index`: directly when no claim carries it, else through the mapping.
    fn remove(&mut self, project: &Project, index: usize, commands: &mut Vec<AppCommand>) {
        let Some(rating) = project.rating_scale.get(index) else {
            return;
        };
        let mut scale = project.rating_scale.clone();
        scale.remove(index);
        let in_use = project
            .claims
            .iter()
            .any(|c| c.verdict.as_ref() == Some(&rating.id));
        if in_use {
            self.change_scale(
                project,
                format!("Remove “{}”", shown_label(rating)),
                scale,
                commands,
            );
        } else {
            commands.push(AppCommand::Edit(Edit::RemoveRating(rating.id.clone())));
        }
    }

    /// Puts `scale` in place of the project's: at once when no claim has a verdict, else after the
    /// user maps the verdicts given.
    fn change_scale(
        &mut self,
        project: &Project,
        title: String,
        scale: Vec<Rating>,
        commands: &mut Vec<AppCommand>,
    ) {
        if project.ratings_in_use().is_empty() {
            if let Ok(edit) = project.replace_scale_edit(scale, &ScaleMapping::new(), Utc::now()) {
                commands.push(AppCommand::Edit(edit));
            }
            return;
        }
        let mapping = project.proposed_mapping(&scale);
        self.pending = Some(PendingChange {
            title,
            scale,
            mapping,
            error: None,
        });
    }
}

/// One rating's row: its fields, move and remove buttons, and warnings.
struct RatingRow<'a> {
    rating: &'a Rating,
    index: usize,
    count: usize,
    /// How many claims carry it.
    uses: usize,
}

impl RatingRow<'_> {
    /// Draws the row; returns the rating's index when the user asked to remove it.
    fn ui(&self, ui: &mut Ui, commands: &mut Vec<AppCommand>) -> Option<usize> {
        let rating = self.rating;
        let n = self.index + 1;
        let edit = |field: RatingField| Edit::SetRatingField {
            rating: rating.id.clone(),
            field,
        };
        let mut remove = None;
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{n}.")).strong());

            let mut label = rating.label.clone();
            let response =
                ui.add(egui::TextEdit::singleline(&mut label).desired_width(LABEL_WIDTH));
            name_widget(ui, &response, &format!("Rating {n} label"));
            if response.changed() {
                commands.push(AppCommand::EditMerging(
                    edit(RatingField::Label(label)),
                    format!("rating-label/{}", rating.id),
                ));
            }
            if response.lost_focus() {
                commands.push(AppCommand::SealHistory);
            }

            let mut rgb = parse_hex_color(&rating.color).unwrap_or([0x80; 3]);
            let response = egui::color_picker::color_edit_button_srgb(ui, &mut rgb);
            name_widget(ui, &response, &format!("Rating {n} colour"));
            // Each time the picker opens starts a new undo step; dragging in it stays one.
            if response.clicked() {
                commands.push(AppCommand::SealHistory);
            }
            if response.changed() {
                commands.push(AppCommand::EditMerging(
                    edit(RatingField::Color(hex(rgb))),
                    format!("rating-color/{}", rating.id),
                ));
            }
            if let Some(color) = hex_field(ui, &format!("Rating {n} colour as #rrggbb"), rating) {
                commands.push(AppCommand::EditMerging(
                    edit(RatingField::Color(color)),
                    format!("rating-color/{}", rating.id),
                ));
            }

            ui.label(RichText::new("value").small());
            let mut value = rating.value;
            let response = ui.add(egui::DragValue::new(&mut value).speed(0.1));
            name_widget(ui, &response, &format!("Rating {n} value"));
            if response.changed() {
                commands.push(AppCommand::EditMerging(
                    edit(RatingField::Value(value)),
                    format!("rating-value/{}", rating.id),
                ));
            }
            if response.drag_stopped() || response.lost_focus() {
                commands.push(AppCommand::SealHistory);
            }

            let mut moved = |ui: &mut Ui, text: &str, name: &str, to: Option<usize>| {
                let response = ui.add_enabled(to.is_some(), egui::Button::new(text).small());
                name_widget(ui, &response, name);
                if let (true, Some(to)) = (response.clicked(), to) {
                    commands.push(AppCommand::Edit(Edit::MoveRating {
                        rating: rating.id.clone(),
                        to,
                    }));
                }
            };
            moved(
                ui,
                "⬆",
                &format!("Move rating {n} up"),
                self.index.checked_sub(1),
            );
            moved(
                ui,
                "⬇",
                &format!("Move rating {n} down"),
                (n < self.count).then_some(n),
            );
            let response = ui.small_button("Remove").on_hover_text(if self.uses > 0 {
                "Claims carry this rating: you choose what their verdict becomes first"
            } else {
                "Remove this rating (undo brings it back)"
            });
            name_widget(ui, &response, &format!("Remove rating {n}"));
            if response.clicked() {
                remove = Some(self.index);
            }
        });
        if self.uses > 0 {
            ui.label(
                RichText::new(format!(
                    "The verdict of {} claim{}",
                    self.uses,
                    if self.uses == 1 { "" } else { "s" }
                ))
                .small()
                .weak(),
            );
        }
        let contrast = contrast::worst_text_contrast(theme::verdict_color(Some(rating)));
        if !contrast.passes() {
            ui.label(
                RichText::new(format!(
                    "⚠ Rating {n}: article text on this highlight has a contrast of {:.1}:1 in the \
                     {} theme, below the {AA_MINIMUM}:1 of WCAG AA; choose a {} colour.",
                    contrast.ratio,
                    contrast.theme_name(),
                    if contrast.dark { "darker" } else { "lighter" }
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        remove
    }
}

/// The mapping step: what each rating claims carry becomes on the new scale. Returns the change
/// while it still waits for the user.
fn mapping_ui(
    ui: &mut Ui,
    project: &Project,
    mut pending: PendingChange,
    commands: &mut Vec<AppCommand>,
) -> Option<PendingChange> {
    ui.heading(pending.title.as_str());
    ui.add_space(4.0);
    ui.label(
        "Claims already carry verdicts. Choose what each becomes on the new scale; nothing changes \
         until you apply, and one undo restores the scale and every verdict.",
    );
    ui.add_space(8.0);
    let in_use = project.ratings_in_use();
    egui::Grid::new("scale-mapping")
        .num_columns(3)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for (old, uses) in &in_use {
                let old_label = project.rating(old).map_or(old.as_str(), shown_label);
                ui.label(format!(
                    "“{old_label}” ({uses} claim{})",
                    if *uses == 1 { "" } else { "s" }
                ));
                ui.label("→");
                let target = pending.mapping.entry(old.clone()).or_insert(None);
                let chosen = target
                    .as_deref()
                    .and_then(|id| pending.scale.iter().find(|r| r.id == id))
                    .map_or("No verdict", shown_label);
                let combo = egui::ComboBox::from_id_salt(("scale-mapping", old))
                    .selected_text(chosen)
                    .width(CHOICE_WIDTH)
                    .show_ui(ui, |ui| {
                        for rating in &pending.scale {
                            let response = ui.selectable_value(
                                target,
                                Some(rating.id.clone()),
                                shown_label(rating),
                            );
                            name_widget(
                                ui,
                                &response,
                                &format!("“{old_label}” becomes “{}”", shown_label(rating)),
                            );
                        }
                        let response = ui.selectable_value(target, None, "No verdict");
                        name_widget(ui, &response, &format!("“{old_label}” becomes no verdict"));
                    });
                name_widget(
                    ui,
                    &combo.response,
                    &format!("New verdict for “{old_label}”"),
                );
                ui.end_row();
            }
        });
    let dropped: usize = in_use
        .iter()
        .filter(|(old, _)| pending.mapping.get(old).is_some_and(Option::is_none))
        .map(|(_, n)| n)
        .sum();
    if dropped > 0 {
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!(
                "{dropped} claim{} will have no verdict.",
                if dropped == 1 { "" } else { "s" }
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if let Some(error) = &pending.error {
        ui.label(RichText::new(error.as_str()).color(theme::error_color(ui.visuals())));
    }
    ui.add_space(10.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Apply new scale").strong())
            .clicked()
        {
            match project.replace_scale_edit(pending.scale.clone(), &pending.mapping, Utc::now()) {
                Ok(edit) => {
                    commands.push(AppCommand::Edit(edit));
                    keep = false;
                }
                Err(err) => pending.error = Some(err.to_string()),
            }
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep.then_some(pending)
}

/// A text field for the colour as `#rrggbb`; returns the colour, normalised, once what is typed is
/// one. The typed text is kept while the field has focus, so a half-typed colour is not overwritten.
fn hex_field(ui: &mut Ui, name: &str, rating: &Rating) -> Option<String> {
    let id = egui::Id::unique(("rating-hex", &rating.id));
    let has_focus = ui.memory(|m| m.has_focus(id));
    let mut text = has_focus
        .then(|| ui.data(|d| d.get_temp::<String>(id)))
        .flatten()
        .unwrap_or_else(|| rating.color.clone());
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .id(id)
            .desired_width(HEX_WIDTH)
            .font(egui::TextStyle::Monospace),
    );
    name_widget(ui, &response, name);
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    let typed = text.trim();
    let with_hash = if typed.starts_with('#') {
        typed.to_owned()
    } else {
        format!("#{typed}")
    };
    let normalised = parse_hex_color(&with_hash).map(hex)?;
    (response.changed() && normalised != rating.color.to_lowercase()).then_some(normalised)
}

/// `#rrggbb` of three channels.
fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// What the editor calls a rating: its label, or its id when the label is blank.
fn shown_label(rating: &Rating) -> &str {
    let label = rating.label.trim();
    if label.is_empty() { &rating.id } else { label }
}

/// Gives a widget the accessible name screen readers (and tests) find it by, where its visible text
/// is an icon or a value rather than a name.
fn name_widget(ui: &Ui, response: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}
