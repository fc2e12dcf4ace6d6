//! A verdict shown as a small coloured badge with its label, readable without the colour.

use egui::{Color32, RichText, Ui};

use super::theme;

/// Draws a badge for a verdict label, or an outlined "No verdict" when there is none.
pub fn verdict_badge_ui(ui: &mut Ui, label: Option<&str>, color: Color32) -> egui::Response {
    let (text, fill, text_color, stroke) = match label {
        Some(label) => (label, color, theme::text_on(color), egui::Stroke::NONE),
        None => (
            "No verdict",
            Color32::TRANSPARENT,
            ui.visuals().weak_text_color(),
            egui::Stroke::new(1.0, theme::UNRATED_COLOR),
        ),
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(text_color))
        })
        .response
}
