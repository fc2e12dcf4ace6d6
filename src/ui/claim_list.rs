//! The claim list: every claim of the shown article in reading order, with search and filters.

use egui::{Align, Color32, RichText, Sense, Ui};

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

        let numbers = project.numbered_claims();
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
        let scroll_to_selected = std::mem::take(&mut self.scroll_to_selected);
        egui::ScrollArea::vertical()
            .id_salt("claim-list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for id in ids {
                    let Some(claim) = project.claim(id) else {
                        continue;
                    };
                    let number = numbers
                        .iter()
                        .find(|(_, c)| c.id == id)
                        .map_or(0, |(n, _)| *n);
                    let response = row_ui(ui, project, claim, number, Some(id) == selected);
                    if response.clicked() {
                        commands.push(AppCommand::SelectClaim(id));
                    }
                    if scroll_to_selected && Some(id) == selected {
                        response.scroll_to_me(Some(Align::Center));
                    }
                }
            });
    }
}

/// One row: number, verdict badge, status, source count, and the claim text cut to two lines or so.
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
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .stroke(egui::Stroke::new(
            1.0,
            ui.visuals().widgets.noninteractive.bg_stroke.color,
        ));
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("#{number}")).strong());
            super::verdict_badge::verdict_badge_ui(ui, rating.map(|r| r.label.as_str()), color);
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
        let text = shorten(&claim.text, ROW_TEXT_CHARS);
        ui.add(egui::Label::new(text).wrap().selectable(false));
    });
    ui.add_space(4.0);
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
