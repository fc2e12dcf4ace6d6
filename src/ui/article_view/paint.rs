//! How the article is painted: each paragraph's layout job with claim, selection, cursor and find
//! highlights, the claim number badges in the margin and the frames around find matches.

use std::collections::HashMap;
use std::ops::Range;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Color32, Rect, Stroke, Ui, pos2, vec2};

use super::{DrawnClaim, PlacedParagraph};
use crate::model::ClaimId;
use crate::model::text::display_text;
use crate::ui::theme;

/// What decides how a stretch of text is highlighted.
pub(super) struct HighlightState<'m> {
    pub(super) selected: Option<ClaimId>,
    pub(super) hovered_claim: Option<ClaimId>,
    pub(super) hovered_sentence: Option<Range<usize>>,
    pub(super) selection: Option<Range<usize>>,
    /// Find matches within the paragraph.
    pub(super) matches: &'m [Range<usize>],
    pub(super) current_match: Option<Range<usize>>,
    /// The keyboard cursor's sentence.
    pub(super) cursor: Option<Range<usize>>,
}

/// The find matches (sorted, not overlapping) that overlap char range `within`.
pub(super) fn matches_in<'m>(
    matches: &'m [Range<usize>],
    within: &Range<usize>,
) -> &'m [Range<usize>] {
    let first = matches.partition_point(|m| m.end <= within.start);
    let rest = matches.get(first..).unwrap_or_default();
    let count = rest.partition_point(|m| m.start < within.end);
    rest.get(..count).unwrap_or_default()
}

/// The layout job of one paragraph, split wherever a claim, the selection or the hovered sentence starts
/// or ends so each stretch gets its own look.
#[allow(clippy::too_many_arguments)]
pub(super) fn paragraph_job(
    text: &str,
    range: &Range<usize>,
    claims: &[DrawnClaim],
    state: &HighlightState<'_>,
    visuals: &egui::Visuals,
    font: &egui::FontId,
    width: f32,
) -> LayoutJob {
    let line_height = font.size * (1.0 + theme::ARTICLE_LINE_SPACING);
    let overlapping: Vec<&DrawnClaim> = claims
        .iter()
        .filter(|c| c.range.start < range.end && c.range.end > range.start)
        .collect();
    let mut cuts = vec![range.start, range.end];
    for c in &overlapping {
        cuts.extend([c.range.start, c.range.end]);
    }
    for r in [&state.selection, &state.hovered_sentence, &state.cursor]
        .into_iter()
        .flatten()
        .chain(state.matches)
    {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|c| (range.start..=range.end).contains(c));
    cuts.sort_unstable();
    cuts.dedup();

    let mut job = LayoutJob {
        wrap: TextWrapping {
            max_width: width,
            ..TextWrapping::default()
        },
        ..LayoutJob::default()
    };
    let base = TextFormat {
        font_id: font.clone(),
        color: visuals.strong_text_color(),
        line_height: Some(line_height),
        valign: egui::Align::Center,
        ..TextFormat::default()
    };
    let shown = display_text(text);
    let mut chars = shown.chars();
    for pair in cuts.windows(2) {
        let &[start, end] = pair else {
            continue;
        };
        let piece: String = chars.by_ref().take(end - start).collect();
        let covering: Vec<&&DrawnClaim> = overlapping
            .iter()
            .filter(|c| c.range.start <= start && c.range.end >= end)
            .collect();
        let mut format = base.clone();
        // The selected claim wins; otherwise the innermost (shortest) one colours the stretch.
        let top = covering
            .iter()
            .find(|c| Some(c.id) == state.selected)
            .or_else(|| covering.iter().min_by_key(|c| c.range.len()));
        if let Some(top) = top {
            let emphasised = Some(top.id) == state.selected
                || covering.len() > 1
                || Some(top.id) == state.hovered_claim;
            format.background = theme::highlight_background(visuals, top.color, emphasised);
            format.underline = theme::claim_underline(top.color, Some(top.id) == state.selected);
        }
        if let Some(found) = state
            .matches
            .iter()
            .find(|m| m.start <= start && m.end >= end)
        {
            let current = state.current_match.as_ref() == Some(found);
            format.background = theme::find_match_background(visuals, current);
        }
        if let Some(hover) = &state.hovered_sentence
            && hover.start <= start
            && hover.end >= end
        {
            format.background = theme::tint(visuals.hyperlink_color, theme::HOVER_ALPHA);
            format.underline = Stroke::new(1.0, theme::tint(visuals.hyperlink_color, 160));
        }
        if let Some(sel) = &state.selection
            && sel.start <= start
            && sel.end >= end
        {
            format.background = visuals.selection.bg_fill;
        }
        if let Some(cursor) = &state.cursor
            && cursor.start <= start
            && cursor.end >= end
        {
            format.underline = theme::cursor_underline(visuals);
        }
        job.append(&piece, 0.0, format);
    }
    job
}

/// Draws each claim's number in the gutter beside the row where the claim starts: the cue that does not
/// rely on colour. Rated claims get a filled badge, unrated ones an outlined one.
pub(super) fn paint_badges(
    ui: &Ui,
    placed: &PlacedParagraph,
    claims: &[DrawnClaim],
    selected: Option<ClaimId>,
) {
    let mut per_row: HashMap<i32, f32> = HashMap::new();
    for claim in claims
        .iter()
        .filter(|c| placed.chars.contains(&c.range.start))
    {
        // A claim starting a wrapped row has its badge on that row, not at the end of the one above.
        let cursor = egui::text::CCursor {
            index: egui::text::CharIndex(claim.range.start - placed.chars.start),
            prefer_next_row: true,
        };
        let row_rect = placed.galley.pos_from_cursor(cursor);
        let row_key = row_rect.min.y.round() as i32;
        let used = per_row.entry(row_key).or_insert(0.0);
        let text = claim.number.to_string();
        let galley = ui.painter().layout_no_wrap(
            text,
            egui::FontId::proportional(theme::BADGE_FONT_SIZE),
            if claim.rated {
                theme::text_on(claim.color)
            } else {
                ui.visuals().text_color()
            },
        );
        let size = vec2(galley.size().x + 8.0, galley.size().y + 2.0);
        let right = placed.origin.x - 8.0 - *used;
        let center_y = placed.origin.y + row_rect.center().y;
        let rect = Rect::from_min_size(pos2(right - size.x, center_y - size.y / 2.0), size);
        *used += size.x + 3.0;
        let painter = ui.painter();
        if claim.rated {
            painter.rect_filled(rect, 4.0, claim.color);
        } else {
            painter.rect_stroke(
                rect,
                4.0,
                Stroke::new(1.5, claim.color),
                egui::StrokeKind::Inside,
            );
        }
        if Some(claim.id) == selected {
            painter.rect_stroke(
                rect.expand(2.0),
                5.0,
                Stroke::new(2.0, ui.visuals().strong_text_color()),
                egui::StrokeKind::Outside,
            );
        }
        painter.galley(
            rect.center() - galley.size() / 2.0,
            galley,
            Color32::PLACEHOLDER,
        );
    }
}

/// Frames each find match of a drawn paragraph, row by row where it wraps; the current one heavier.
pub(super) fn paint_match_frames(
    ui: &Ui,
    placed: &PlacedParagraph,
    matches: &[Range<usize>],
    current: Option<&Range<usize>>,
) {
    for found in matches {
        let stroke = theme::find_match_frame(ui.visuals(), Some(found) == current);
        let local = found.start.saturating_sub(placed.chars.start)
            ..found.end.saturating_sub(placed.chars.start);
        let mut row_start = 0;
        for row in &placed.galley.rows {
            let row_chars = row_start..row_start + row.glyphs.len();
            row_start = row_chars.end + usize::from(row.ends_with_newline);
            let from = local.start.max(row_chars.start);
            let to = local.end.min(row_chars.end);
            let (Some(first), Some(last)) = (
                row.glyphs.get(from.wrapping_sub(row_chars.start)),
                row.glyphs.get(to.wrapping_sub(row_chars.start + 1)),
            ) else {
                continue;
            };
            if from >= to {
                continue;
            }
            let rect = Rect::from_x_y_ranges(
                row.pos.x + first.pos.x..=row.pos.x + last.max_x(),
                row.rect().y_range(),
            )
            .translate(placed.origin.to_vec2());
            ui.painter()
                .rect_stroke(rect, 2.0, stroke, egui::StrokeKind::Outside);
        }
    }
}
