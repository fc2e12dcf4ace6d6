//! Design tokens: every colour, size and spacing the panels use, in one place.

use egui::{Color32, FontId, Stroke};

use crate::model::{Rating, parse_hex_color};

/// Widest the article text is set, so lines stay comfortable to read on wide windows.
pub const READING_WIDTH: f32 = 680.0;
/// Article body text size.
pub const ARTICLE_FONT_SIZE: f32 = 17.0;
/// Extra space between article lines, as a share of the font size.
pub const ARTICLE_LINE_SPACING: f32 = 0.45;
/// Vertical gap between article paragraphs.
pub const PARAGRAPH_GAP: f32 = 14.0;
/// Width of the margin left of the text where claim number badges sit.
pub const BADGE_GUTTER: f32 = 44.0;
/// Claim number badge text size.
pub const BADGE_FONT_SIZE: f32 = 11.0;
/// Default widths of the side panels.
pub const CLAIM_LIST_WIDTH: f32 = 300.0;
/// Default width of the claim editor panel.
pub const EDITOR_WIDTH: f32 = 370.0;
/// Highlight colour of claims without a verdict.
pub const UNRATED_COLOR: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);
/// How strongly highlights tint the text background (0–255).
pub const HIGHLIGHT_ALPHA: u8 = 52;
/// Tint of the selected claim and of text covered by more than one claim.
pub const STRONG_HIGHLIGHT_ALPHA: u8 = 110;
/// Tint of the sentence under the pointer.
pub const HOVER_ALPHA: u8 = 26;
/// Colour of error messages.
pub const ERROR_COLOR: Color32 = Color32::from_rgb(0xd0, 0x3b, 0x3b);
/// Space above and below a notice strip over the article.
pub const NOTICE_GAP: f32 = 8.0;
/// Space inside a notice strip, around its text.
pub const NOTICE_MARGIN: f32 = 10.0;
/// How strongly a notice strip is tinted with the warning colour (0–255).
const NOTICE_ALPHA: u8 = 28;

/// A notice strip over the article: tinted with the theme's warning colour and outlined in it, so it
/// stands apart from the text in light and dark themes while its text keeps the body colour.
pub fn notice_frame(visuals: &egui::Visuals) -> egui::Frame {
    egui::Frame::new()
        .fill(tint(visuals.warn_fg_color, NOTICE_ALPHA))
        .stroke(Stroke::new(1.0, visuals.warn_fg_color))
        .corner_radius(4)
        .inner_margin(NOTICE_MARGIN)
}

/// Where the article's reading column sits in a panel `available_width` wide: its left offset and
/// its width, centred with room for the claim badges on its left.
pub fn reading_column(available_width: f32) -> (f32, f32) {
    let width = (available_width - BADGE_GUTTER - 24.0).clamp(200.0, READING_WIDTH);
    let left = ((available_width - width) / 2.0).max(BADGE_GUTTER);
    (left, width)
}

/// The font of an article block: body text, or a heading of level 1–6 (larger the higher it ranks).
pub fn block_font(heading: Option<u8>) -> FontId {
    let size = match heading {
        Some(1) => 27.0,
        Some(2) => 23.0,
        Some(3) => 20.0,
        Some(_) => 18.0,
        None => ARTICLE_FONT_SIZE,
    };
    FontId::proportional(size)
}

/// A rating's colour, or the neutral one when it has none or its colour does not parse.
pub fn verdict_color(rating: Option<&Rating>) -> Color32 {
    rating
        .and_then(|r| parse_hex_color(&r.color))
        .map_or(UNRATED_COLOR, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// `color` as a translucent background tint.
pub fn tint(color: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// Underline drawn under a claim: thicker when the claim is selected.
pub fn claim_underline(color: Color32, selected: bool) -> Stroke {
    Stroke::new(if selected { 3.0 } else { 1.5 }, color)
}

/// Text colour readable on top of `background`.
pub fn text_on(background: Color32) -> Color32 {
    let luminance = 0.299 * f32::from(background.r())
        + 0.587 * f32::from(background.g())
        + 0.114 * f32::from(background.b());
    if luminance > 150.0 {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    }
}

/// Text sizes and spacing for a reading and editing tool, a notch larger than egui's defaults.
pub fn apply_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

/// Background of find matches in the article: amber, apart from the verdict colours of claims.
pub const FIND_MATCH_COLOR: Color32 = Color32::from_rgb(0xf5, 0xb3, 0x00);
/// How strongly a find match tints the text background; the current match is tinted more.
pub const FIND_MATCH_ALPHA: u8 = 70;
/// Tint of the current find match.
pub const CURRENT_FIND_MATCH_ALPHA: u8 = 160;

/// Frame drawn around a find match: matches are boxed where claims are underlined, so the two differ
/// by shape and not only by colour; the current match has a heavy frame in the text colour.
pub fn find_match_frame(visuals: &egui::Visuals, current: bool) -> Stroke {
    if current {
        Stroke::new(2.5, visuals.strong_text_color())
    } else {
        Stroke::new(1.0, FIND_MATCH_COLOR)
    }
}

/// Width of the find bar's query field.
pub const FIND_FIELD_WIDTH: f32 = 220.0;

/// The strip of the find bar over the article: set off from the text by the faint background.
pub fn find_bar_frame(visuals: &egui::Visuals) -> egui::Frame {
    egui::Frame::new()
        .fill(visuals.faint_bg_color)
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(4)
        .inner_margin(6)
}
