//! The editor of the selected claim: restatement, provenance, status, verdict, explanation, sources,
//! notes and tags. Every change is pushed as an edit; typing in one field merges into one undo step.

use chrono::{NaiveDate, Utc};
use egui::{Color32, RichText, Ui};

use super::command::{Action, AppCommand};
use super::theme;
use crate::model::{Claim, ClaimField, ClaimantKind, Edit, Project, Source, Stance, Status};

/// Verdict choices per row.
const VERDICT_COLUMNS: usize = 3;

/// What the editor panel shows when no claim is selected.
pub fn no_claim_ui(ui: &mut Ui) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("No claim selected").heading().weak());
        ui.add_space(8.0);
        ui.label(
            RichText::new(
                "Click a sentence in the article to mark it as a claim, or select a claim in the list to edit its verdict and sources.",
            )
            .weak(),
        );
    });
}

/// Draws the editor for `claim`.
pub fn claim_editor_ui(
    ui: &mut Ui,
    project: &Project,
    claim: &Claim,
    number: usize,
    commands: &mut Vec<AppCommand>,
) {
    let mut editor = Editor { claim, commands };
    egui::ScrollArea::vertical()
        .id_salt("claim-editor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.heading(format!("Claim #{number}"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Delete claim")
                        .on_hover_text("Delete this claim (Delete key; undo brings it back)")
                        .clicked()
                    {
                        editor
                            .commands
                            .push(AppCommand::Edit(Edit::RemoveClaim(claim.id)));
                    }
                });
            });
            quote_ui(ui, &claim.anchor.quote);
            ui.add_space(8.0);

            editor.text_field(
                ui,
                "Claim (as you restate it)",
                &claim.text,
                true,
                "text",
                ClaimField::Text,
            );
            ui.add_space(6.0);
            // An "Explanation only" scale has no ratings: the explanation is the verdict.
            if !project.rating_scale.is_empty() {
                section_heading(ui, "Verdict");
                editor.verdict_ui(ui, project);
                ui.add_space(4.0);
            }
            section_heading(ui, "Status");
            editor.status_ui(ui);
            ui.add_space(6.0);
            editor.text_field(
                ui,
                "Explanation",
                &claim.explanation,
                true,
                "explanation",
                ClaimField::Explanation,
            );

            ui.add_space(10.0);
            section_heading(ui, "Where the claim came from");
            editor.text_field(
                ui,
                "Claimant",
                &claim.claimant,
                false,
                "claimant",
                ClaimField::Claimant,
            );
            editor.claimant_kind_ui(ui);
            let appearances_text = claim.appearances.join("\n");
            if let Some(appearances) = buffered_field(
                ui,
                "Appearances (one per line)",
                egui::Id::unique(("claim-appearances", claim.id)),
                &appearances_text,
                true,
                |text| Ok(parse_appearances(text)),
            ) && appearances != claim.appearances
            {
                editor.push_field(ClaimField::Appearances(appearances), Some("appearances"));
            }
            let date_text = claim.claim_date.map(|d| d.to_string()).unwrap_or_default();
            if let Some(date) = date_field(
                ui,
                "Date made (YYYY-MM-DD)",
                egui::Id::unique(("claim-date", claim.id)),
                &date_text,
            ) && date != claim.claim_date
            {
                editor.push_field(ClaimField::ClaimDate(date), Some("date"));
            }

            ui.add_space(10.0);
            editor.sources_ui(ui);

            ui.add_space(10.0);
            section_heading(ui, "Notes");
            editor.text_field(ui, "Notes", &claim.notes, true, "notes", ClaimField::Notes);
            let tags_text = claim.tags.join(", ");
            if let Some(tags) = buffered_field(
                ui,
                "Tags (comma separated)",
                egui::Id::unique(("claim-tags", claim.id)),
                &tags_text,
                false,
                |text| Ok(parse_tags(text)),
            ) && tags != claim.tags
            {
                editor.push_field(ClaimField::Tags(tags), Some("tags"));
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(format!(
                    "Created {} · modified {}",
                    claim.created.format("%Y-%m-%d %H:%M UTC"),
                    claim.modified.format("%Y-%m-%d %H:%M UTC")
                ))
                .small()
                .weak(),
            );
            ui.add_space(12.0);
        });
}

/// Picks one text field of a source.
type SourceText = fn(&mut Source) -> &mut String;

struct Editor<'a> {
    claim: &'a Claim,
    commands: &'a mut Vec<AppCommand>,
}

impl Editor<'_> {
    fn push_field(&mut self, field: ClaimField, merge_key: Option<&str>) {
        let edit = Edit::SetClaimField {
            claim: self.claim.id,
            field,
            at: Utc::now(),
        };
        self.commands.push(match merge_key {
            Some(key) => AppCommand::EditMerging(edit, format!("{}/{key}", self.claim.id)),
            None => AppCommand::Edit(edit),
        });
    }

    fn text_field(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &str,
        multiline: bool,
        key: &str,
        make: impl FnOnce(String) -> ClaimField,
    ) {
        let mut text = value.to_owned();
        if let Some(changed) = labelled_text_edit(
            ui,
            label,
            &mut text,
            multiline,
            egui::Id::unique((self.claim.id, key)),
            self.commands,
        ) && changed
        {
            self.push_field(make(text), Some(key));
        }
    }

    fn verdict_ui(&mut self, ui: &mut Ui, project: &Project) {
        let choices = project
            .rating_scale
            .iter()
            .map(|r| (Some(r), r.label.as_str()))
            .chain(std::iter::once((None, "No verdict")));
        egui::Grid::new(("verdict-chips", self.claim.id))
            .num_columns(VERDICT_COLUMNS)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                for (i, (rating, label)) in choices.enumerate() {
                    let id = rating.map(|r| r.id.clone());
                    let chosen = self.claim.verdict == id;
                    if chip(ui, label, chosen, theme::verdict_color(rating)).clicked() && !chosen {
                        self.push_field(ClaimField::verdict(id, Utc::now()), None);
                    }
                    if (i + 1) % VERDICT_COLUMNS == 0 {
                        ui.end_row();
                    }
                }
            });
    }

    /// Whether the claimant is a person or an organisation: ClaimReview exports type them so.
    fn claimant_kind_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("The claimant is").small());
            for kind in ClaimantKind::ALL {
                let chosen = self.claim.claimant_kind == kind;
                let hint = match kind {
                    ClaimantKind::Person => {
                        "Someone: a politician, a spokesperson, a user of a social network"
                    }
                    ClaimantKind::Organisation => "A government body, party, company or outlet",
                };
                if ui.radio(chosen, kind.label()).on_hover_text(hint).clicked() && !chosen {
                    self.push_field(ClaimField::ClaimantKind(kind), None);
                }
            }
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for status in Status::ALL {
                let chosen = self.claim.status == status;
                if ui.selectable_label(chosen, status.label()).clicked() && !chosen {
                    self.push_field(ClaimField::status(status, Utc::now()), None);
                }
            }
        });
    }

    fn sources_ui(&mut self, ui: &mut Ui) {
        let claim = self.claim;
        ui.horizontal(|ui| {
            section_heading(ui, &format!("Sources ({})", claim.sources.len()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let add = Action::AddSource;
                if ui.button(add.label()).clicked() {
                    // Through the action, so the new source's URL field gets the keyboard as it
                    // does from the keys.
                    self.commands.push(AppCommand::Action(add));
                }
            });
        });
        if claim.sources.is_empty() {
            ui.label(RichText::new("No sources yet. Add the evidence you consulted.").weak());
        }
        let count = claim.sources.len();
        for (index, source) in claim.sources.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("Source {}", index + 1)).strong());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let at = Utc::now();
                        if ui
                            .small_button("Remove")
                            .on_hover_text("Remove this source")
                            .clicked()
                        {
                            self.commands.push(AppCommand::Edit(Edit::RemoveSource {
                                claim: claim.id,
                                source: source.id,
                                at,
                            }));
                        }
                        if ui
                            .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                            .on_hover_text("Move down")
                            .clicked()
                        {
                            self.commands.push(AppCommand::Edit(Edit::MoveSource {
                                claim: claim.id,
                                source: source.id,
                                to: index + 1,
                                at,
                            }));
                        }
                        if ui
                            .add_enabled(index > 0, egui::Button::new("Up").small())
                            .on_hover_text("Move up")
                            .clicked()
                        {
                            self.commands.push(AppCommand::Edit(Edit::MoveSource {
                                claim: claim.id,
                                source: source.id,
                                to: index - 1,
                                at,
                            }));
                        }
                    });
                });
                self.source_fields_ui(ui, index, source);
            });
            ui.add_space(4.0);
        }
    }

    fn source_fields_ui(&mut self, ui: &mut Ui, index: usize, source: &Source) {
        let n = index + 1;
        let mut updated: Option<(Source, &str)> = None;
        let id = |field: &str| egui::Id::unique((source.id, field));
        let string_fields: [(&str, &str, SourceText, bool); 3] = [
            ("url", "URL", |s| &mut s.url, false),
            ("title", "Title", |s| &mut s.title, false),
            ("publisher", "Publisher", |s| &mut s.publisher, false),
        ];
        for (key, label, field, multiline) in string_fields {
            let mut copy = source.clone();
            let label = format!("{label} (source {n})");
            if labelled_text_edit(
                ui,
                &label,
                field(&mut copy),
                multiline,
                id(key),
                self.commands,
            ) == Some(true)
            {
                updated = Some((copy, key));
            }
        }
        let accessed = source.accessed.map(|d| d.to_string()).unwrap_or_default();
        if let Some(date) = date_field(
            ui,
            &format!("Accessed (source {n})"),
            id("accessed"),
            &accessed,
        ) && date != source.accessed
        {
            updated = Some((
                Source {
                    accessed: date,
                    ..source.clone()
                },
                "accessed",
            ));
        }
        ui.horizontal(|ui| {
            ui.label("Stance");
            for stance in Stance::ALL {
                let chosen = source.stance == stance;
                if ui.selectable_label(chosen, stance.label()).clicked() && !chosen {
                    updated = Some((
                        Source {
                            stance,
                            ..source.clone()
                        },
                        "stance",
                    ));
                }
            }
        });
        let text_fields: [(&str, &str, SourceText); 2] = [
            ("quote", "Quoted passage", |s| &mut s.quote),
            ("note", "Note", |s| &mut s.note),
        ];
        for (key, label, field) in text_fields {
            let mut copy = source.clone();
            let label = format!("{label} (source {n})");
            if labelled_text_edit(ui, &label, field(&mut copy), true, id(key), self.commands)
                == Some(true)
            {
                updated = Some((copy, key));
            }
        }
        if let Some((new_source, key)) = updated {
            let edit = Edit::UpdateSource {
                claim: self.claim.id,
                source: Box::new(new_source),
                at: Utc::now(),
            };
            let merge = matches!(key, "stance").then_some(()).is_none();
            self.commands.push(if merge {
                AppCommand::EditMerging(edit, format!("{}/{}/{key}", self.claim.id, source.id))
            } else {
                AppCommand::Edit(edit)
            });
        }
    }
}

/// A label above a text field, linked for screen readers. Returns whether the text changed, or `None`
/// when nothing happened; pushes a history seal when the field loses focus, so the next typing run is
/// its own undo step.
fn labelled_text_edit(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    multiline: bool,
    id: egui::Id,
    commands: &mut Vec<AppCommand>,
) -> Option<bool> {
    let label_response = ui.label(RichText::new(label).small());
    let edit = if multiline {
        egui::TextEdit::multiline(text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(text)
    };
    let response = ui
        .add(edit.id(id).desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    keep_in_view(&response);
    if response.lost_focus() {
        commands.push(AppCommand::SealHistory);
    }
    Some(response.changed())
}

/// Scrolls a field that just got the keyboard (Tab, or an action such as "Write the explanation")
/// into view, so the focus is always where the user can see it.
fn keep_in_view(response: &egui::Response) {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
}

/// The id of `claim`'s explanation field, to give it the keyboard.
pub fn explanation_field_id(claim: crate::model::ClaimId) -> egui::Id {
    egui::Id::unique((claim, "explanation"))
}

/// The id of `source`'s URL field, to give it the keyboard.
pub fn source_url_field_id(source: crate::model::SourceId) -> egui::Id {
    egui::Id::unique((source, "url"))
}

/// A text field whose text is kept while typing and handed to `parse`; returns the parsed value when
/// the text changed and parses. Shows the parse error under the field. Keeping the typed text matters
/// where parsing drops something the user is still typing, such as the new empty line of a list.
///
/// The kept text follows the project when something else changes the value (undo, redo): typing on
/// would otherwise write the undone value back.
fn buffered_field<T>(
    ui: &mut Ui,
    label: &str,
    id: egui::Id,
    model_text: &str,
    multiline: bool,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let label_response = ui.label(RichText::new(label).small());
    let has_focus = ui.memory(|m| m.has_focus(id));
    let kept = has_focus
        .then(|| ui.data(|d| d.get_temp::<TypedText>(id)))
        .flatten();
    let mut buffer = match kept {
        // The value changed since the last frame, and not through this field: start from it.
        Some(kept) if kept.model != model_text && !kept.sent_edit => model_text.to_owned(),
        Some(kept) => kept.text,
        None => model_text.to_owned(),
    };
    let edit = if multiline {
        egui::TextEdit::multiline(&mut buffer).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(edit.id(id).desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    keep_in_view(&response);
    let parsed = parse(&buffer);
    if let Err(message) = &parsed
        && buffer != model_text
    {
        ui.label(
            RichText::new(message)
                .small()
                .color(theme::error_color(ui.visuals())),
        );
    }
    let value = if response.changed() {
        parsed.ok()
    } else {
        None
    };
    if response.has_focus() {
        let typed = TypedText {
            text: buffer,
            model: model_text.to_owned(),
            sent_edit: value.is_some(),
        };
        ui.data_mut(|d| d.insert_temp(id, typed));
    } else {
        ui.data_mut(|d| d.remove::<TypedText>(id));
    }
    value
}

/// What a [`buffered_field`] keeps between frames while it has focus.
#[derive(Clone, Default)]
struct TypedText {
    /// The text as typed.
    text: String,
    /// The project's value, as text, when the frame was drawn.
    model: String,
    /// Whether the frame sent an edit, so the next change of the value is this field's own.
    sent_edit: bool,
}

/// A date field: empty for none, or YYYY-MM-DD.
pub(super) fn date_field(
    ui: &mut Ui,
    label: &str,
    id: egui::Id,
    model_text: &str,
) -> Option<Option<NaiveDate>> {
    buffered_field(ui, label, id, model_text, false, parse_date)
}

/// Parses an optional ISO date as typed in a field.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::model::parse_date(text).map(Some).map_err(|why| {
        format!(
            "Use the form YYYY-MM-DD, e.g. {} ({why})",
            crate::model::DATE_EXAMPLE
        )
    })
}

/// The appearances typed one per line: each line trimmed, blank lines dropped.
pub fn parse_appearances(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits a comma-separated tag list, dropping blanks and repeats.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

/// The quoted span, set off by a bar on its left like a block quote.
fn quote_ui(ui: &mut Ui, quote: &str) {
    let response = egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin {
            left: 12,
            right: 8,
            top: 6,
            bottom: 6,
        })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(crate::model::text::display_text(quote)).italics());
        })
        .response;
    let bar = egui::Rect::from_min_size(response.rect.min, egui::vec2(3.0, response.rect.height()));
    ui.painter()
        .rect_filled(bar, 0.0, ui.visuals().selection.stroke.color);
}

fn section_heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).strong());
}

/// A selectable chip after a colour swatch; the label carries the meaning, the colour only repeats it.
fn chip(ui: &mut Ui, label: &str, selected: bool, color: Color32) -> egui::Response {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(swatch.center(), 5.0, color);
        ui.selectable_label(selected, label)
    })
    .inner
}
