//! The claim list: every claim of the shown article in reading order, with search and filters.

use std::collections::HashMap;

use egui::{Color32, RichText, Sense, Ui};

use super::command::AppCommand;
use super::theme;
use crate::model::{ArticleId, Claim, ClaimId, Project, Status};

/// Which verdicts the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum VerdictFilter {
    /// Every claim.
    #[default]
    Any,
    /// Claims without a verdict.
    Unrated,
    /// Claims with this rating id.
    Rating(String),
}

/// Search and filter state of the list.
#[derive(Default)]
pub struct ClaimList {
    /// Text the claim text, quote, claimant or notes must contain (case-insensitive).
    pub search: String,
    /// Status the claims must have.
    pub status: Option<Status>,
    /// Verdict the claims must have.
    pub verdict: VerdictFilter,
    scroll_to_selected: bool,
    /// Height of the list's scroll view in the last frame.
    view_height: f32,
    /// Rows wholly visible in the last frame.
    fully_visible_rows: std::ops::Range<usize>,
}

/// Length at which a row's claim text is cut.
const ROW_TEXT_CHARS: usize = 140;

impl ClaimList {
    /// Scrolls the selected row into view on the next frame.
    pub fn reveal_selected(&mut self) {
        self.scroll_to_selected = true;
    }

    /// Ids of the claims the list shows, in order.
    pub fn visible_claims(&self, project: &Project, article: Option<ArticleId>) -> Vec<ClaimId> {
        let Some(article) = article else {
            return Vec::new();
        };
        project
            .claims_in_reading_order(article)
            .into_iter()
            .filter(|c| self.matches(project, c))
            .map(|c| c.id)
            .collect()
    }

    fn matches(&self, project: &Project, claim: &Claim) -> bool {
        if self.status.is_some_and(|s| s != claim.status) {
            return false;
        }
        let verdict_ok = match &self.verdict {
            VerdictFilter::Any => true,
            VerdictFilter::Unrated => project.verdict_of(claim).is_none(),
            VerdictFilter::Rating(id) => claim.verdict.as_deref() == Some(id.as_str()),
        };
        if !verdict_ok {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        needle.is_empty()
            || [
                &claim.text,
                &claim.anchor.quote,
                &claim.claimant,
                &claim.notes,
                &claim.explanation,
            ]
            .iter()
            .any(|field| field.to_lowercase().contains(&needle))
            || claim
                .tags
                .iter()
                .any(|t| t.to_lowercase().contains(&needle))
    }

    /// Draws the search box, filters and rows.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        article: Option<ArticleId>,
        selected: Option<ClaimId>,
        numbers: &HashMap<ClaimId, usize>,
        commands: &mut Vec<AppCommand>,
    ) {
        let total = article.map_or(0, |a| {
            project.claims.iter().filter(|c| c.article == a).count()
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading("Claims");
            ui.label(RichText::new(format!("{total}")).weak());
        });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("text, claimant, tag…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("status-filter")
                .selected_text(self.status.map_or("Any status", Status::label))
                .width(120.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, "Any status");
                    for status in Status::ALL {
                        ui.selectable_value(&mut self.status, Some(status), status.label());
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Status filter")
                });
            let verdict_text = match &self.verdict {
                VerdictFilter::Any => "Any verdict".to_owned(),
                VerdictFilter::Unrated => "No verdict".to_owned(),
                VerdictFilter::Rating(id) => {
                    project.rating(id).map_or(id.clone(), |r| r.label.clone())
                }
            };
            // On an Explanation-only scale no claim has a verdict to filter by.
            if project.rating_scale.is_empty() {
                self.verdict = VerdictFilter::Any;
                return;
            }
            egui::ComboBox::from_id_salt("verdict-filter")
                .selected_text(verdict_text)
                .width(120.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.verdict, VerdictFilter::Any, "Any verdict");
                    ui.selectable_value(&mut self.verdict, VerdictFilter::Unrated, "No verdict");
                    for rating in &project.rating_scale {
                        ui.selectable_value(
                            &mut self.verdict,
                            VerdictFilter::Rating(rating.id.clone()),
                            &rating.label,
                        );
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Verdict filter")
                });
        });
        ui.separator();

        let ids = self.visible_claims(project, article);
        if ids.is_empty() {
            ui.add_space(12.0);
            let hint = if total == 0 {
                "No claims yet.\n\nClick a sentence in the article to mark it as a claim, or drag over any text and press Enter."
            } else {
                "No claim matches the search and filters."
            };
            ui.label(RichText::new(hint).weak());
            return;
        }
        // Rows have one height so only the visible ones are laid out, however many claims there are.
        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt("claim-list")
            .auto_shrink([false, false]);
        let spacing = ui.spacing().item_spacing.y;
        if std::mem::take(&mut self.scroll_to_selected)
            && let Some(index) = selected.and_then(|s| ids.iter().position(|id| *id == s))
            && !self.fully_visible_rows.contains(&index)
        {
            let row_top = index as f32 * (ROW_HEIGHT + spacing);
            let offset = row_top - (self.view_height - ROW_HEIGHT) / 2.0;
            scroll_area = scroll_area.vertical_scroll_offset(offset.max(0.0));
        }
        let mut shown_rows = 0..0;
        let output = scroll_area.show_rows(ui, ROW_HEIGHT, ids.len(), |ui, rows| {
            shown_rows = rows.clone();
            for id in ids.get(rows).unwrap_or_default() {
                let Some(claim) = project.claim(*id) else {
                    continue;
                };
                let number = numbers.get(id).copied().unwrap_or(0);
                let response = row_ui(ui, project, claim, number, Some(*id) == selected);
                if response.clicked() {
                    commands.push(AppCommand::SelectClaim(*id));
                }
            }
        });
        self.view_height = output.inner_rect.height();
        // show_rows hands out partly visible rows too; only rows wholly in view need no scrolling.
        let pitch = ROW_HEIGHT + spacing;
        let top = output.state.clamped_offset().y;
        let first_full = (top / pitch).ceil() as usize;
        let end_full = ((top + self.view_height - ROW_HEIGHT) / pitch)
            .floor()
            .max(-1.0) as isize
            + 1;
        let end_full = usize::try_from(end_full).unwrap_or(0);
        self.fully_visible_rows = first_full.max(shown_rows.start)..end_full.min(shown_rows.end);
    }
}

/// Height of a list row without the spacing between rows.
const ROW_HEIGHT: f32 = 76.0;
/// Inner margin of a row.
const ROW_MARGIN: i8 = 6;

/// One row: number, verdict badge, status, source count, and the claim text cut to two lines.
fn row_ui(
    ui: &mut Ui,
    project: &Project,
    claim: &Claim,
    number: usize,
    selected: bool,
) -> egui::Response {
    let rating = project.verdict_of(claim);
    let color = theme::verdict_color(rating);
    let fill = if selected {
        ui.visuals().selection.bg_fill
    } else {
        Color32::TRANSPARENT
    };
    let stroke_width = 1.0;
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(8, ROW_MARGIN))
        .stroke(egui::Stroke::new(
            stroke_width,
            ui.visuals().widgets.noninteractive.bg_stroke.color,
        ));
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_height(ROW_HEIGHT - 2.0 * (f32::from(ROW_MARGIN) + stroke_width));
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("#{number}")).strong());
            if !project.rating_scale.is_empty() {
                super::verdict_badge::verdict_badge_ui(ui, rating.map(|r| r.label.as_str()), color);
            }
            ui.label(RichText::new(claim.status.label()).small());
            let sources = claim.sources.len();
            ui.label(
                RichText::new(format!(
                    "{sources} source{}",
                    if sources == 1 { "" } else { "s" }
                ))
                .small()
                .weak(),
            );
        });
        let mut job = egui::text::LayoutJob::single_section(
            shorten(&claim.text, ROW_TEXT_CHARS),
            egui::TextFormat {
                font_id: egui::TextStyle::Body.resolve(ui.style()),
                color: ui.visuals().text_color(),
                ..Default::default()
            },
        );
        job.wrap = egui::text::TextWrapping {
            max_width: ui.available_width(),
            max_rows: 2,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        ui.add(egui::Label::new(job).selectable(false));
    });
    let response = ui.interact(
        inner.response.rect,
        ui.scope_id().with(("claim-row", claim.id)),
        Sense::click(),
    );
    let label = format!("Claim {number}: {}", shorten(&claim.text, 60));
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    response.on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// `text` on one line, cut to `max` chars with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
