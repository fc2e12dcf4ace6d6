//! Design tokens: every colour, size and spacing the panels use, in one place.

use egui::{Color32, FontId, Stroke};

use crate::model::{Rating, parse_hex_color};

/// Widest the article text is set when the settings do not say otherwise, so lines stay
/// comfortable to read on wide windows.
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
/// How narrow and wide the user may drag the claim list.
pub const CLAIM_LIST_WIDTH_RANGE: std::ops::RangeInclusive<f32> = 220.0..=600.0;
/// How narrow and wide the user may drag the claim editor.
pub const EDITOR_WIDTH_RANGE: std::ops::RangeInclusive<f32> = 280.0..=700.0;
/// Highlight colour of claims without a verdict.
pub const UNRATED_COLOR: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);
/// How strongly highlights tint the text background (0–255).
pub const HIGHLIGHT_ALPHA: u8 = 52;
/// Tint of the selected claim and of text covered by more than one claim.
pub const STRONG_HIGHLIGHT_ALPHA: u8 = 110;
/// Tint of the sentence under the pointer.
pub const HOVER_ALPHA: u8 = 26;
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

/// Body text of the light theme: near-black, for long reading on light paper.
const LIGHT_TEXT: Color32 = Color32::from_gray(28);
/// Body text of the dark theme: brighter than egui's default grey, so text on a claim's tint stays
/// above WCAG AA contrast (4.5:1).
const DARK_TEXT: Color32 = Color32::from_gray(222);
/// Error messages in the light theme (5.9:1 on the panel background).
const LIGHT_ERROR: Color32 = Color32::from_rgb(0xb4, 0x1e, 0x1e);
/// Error messages in the dark theme (6.4:1 on the panel background).
const DARK_ERROR: Color32 = Color32::from_rgb(0xff, 0x80, 0x78);
/// Warnings (notice strips' outline) in the light theme.
const LIGHT_WARN: Color32 = Color32::from_rgb(0x9a, 0x5b, 0x00);
/// Warnings in the dark theme.
const DARK_WARN: Color32 = Color32::from_rgb(0xf2, 0xb8, 0x4b);
/// The outline of fields and buttons in the light theme.
const LIGHT_OUTLINE: Color32 = Color32::from_gray(140);
/// The outline of fields and buttons in the dark theme.
const DARK_OUTLINE: Color32 = Color32::from_gray(106);
/// Links and the hovered sentence's tint in the light theme.
const LIGHT_LINK: Color32 = Color32::from_rgb(0x0b, 0x5c, 0xad);
/// Links in the dark theme.
const DARK_LINK: Color32 = Color32::from_rgb(0x7c, 0xb7, 0xff);

/// The colours of the light (`dark == false`) or dark theme: egui's, with body text, errors,
/// warnings and links chosen to stay readable on the panels and on claims' highlight tints.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let (text, error, warn, link) = if dark {
        (DARK_TEXT, DARK_ERROR, DARK_WARN, DARK_LINK)
    } else {
        (LIGHT_TEXT, LIGHT_ERROR, LIGHT_WARN, LIGHT_LINK)
    };
    visuals.widgets.noninteractive.fg_stroke.color = text;
    // egui's fields have no outline and a fill barely apart from the panel's (white on near-white,
    // near-black on dark grey): an empty one disappears. An outline of 3:1 against the panel is what
    // WCAG asks of a control's boundary.
    let outline = if dark { DARK_OUTLINE } else { LIGHT_OUTLINE };
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, outline);
    visuals.error_fg_color = error;
    visuals.warn_fg_color = warn;
    visuals.hyperlink_color = link;
    visuals
}

/// Colour of error messages in the theme shown.
pub fn error_color(visuals: &egui::Visuals) -> Color32 {
    visuals.error_fg_color
}

/// The background a claim coloured `color` gives the article text under it: its tint over the
/// panel, stronger when `emphasised` (selected, hovered, or covered by more than one claim).
pub fn highlight_background(visuals: &egui::Visuals, color: Color32, emphasised: bool) -> Color32 {
    let alpha = if emphasised {
        STRONG_HIGHLIGHT_ALPHA
    } else {
        HIGHLIGHT_ALPHA
    };
    blend(visuals.panel_fill, color, alpha)
}

/// `over` with opacity `alpha` (0–255) painted on the opaque `under`.
fn blend(under: Color32, over: Color32, alpha: u8) -> Color32 {
    let a = f32::from(alpha) / 255.0;
    let mix = |u: u8, o: u8| (f32::from(u) * (1.0 - a) + f32::from(o) * a).round() as u8;
    Color32::from_rgb(
        mix(under.r(), over.r()),
        mix(under.g(), over.g()),
        mix(under.b(), over.b()),
    )
}

/// WCAG 2 contrast ratio of two opaque colours, from 1 (same) to 21 (black on white).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let rgb = |c: Color32| [c.r(), c.g(), c.b()];
    crate::model::contrast_ratio(rgb(a), rgb(b)) as f32
}

/// Where the settings' reading width is kept in the egui context, for every panel to read.
fn reading_width_id() -> egui::Id {
    egui::Id::unique("factdesk-reading-width")
}

/// Sets the widest the article text is set, in points (see [`reading_column`]).
pub fn set_reading_width(ctx: &egui::Context, width: f32) {
    ctx.data_mut(|d| d.insert_temp(reading_width_id(), width));
}

/// The widest the article text is set: the settings' width, or [`READING_WIDTH`].
pub fn reading_width(ctx: &egui::Context) -> f32 {
    ctx.data(|d| d.get_temp(reading_width_id()))
        .unwrap_or(READING_WIDTH)
}

/// Where the article's reading column sits in a panel `available_width` wide: its left offset and
/// its width (at most the settings' reading width), centred with room for the claim badges on its
/// left.
pub fn reading_column(ctx: &egui::Context, available_width: f32) -> (f32, f32) {
    let width = (available_width - BADGE_GUTTER - 24.0).clamp(200.0, reading_width(ctx).max(200.0));
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

/// The underline that marks the keyboard cursor's sentence: thicker than a claim's, in the colour of
/// the text cursor, so it shows over any highlight.
pub fn cursor_underline(visuals: &egui::Visuals) -> Stroke {
    Stroke::new(2.5, visuals.text_cursor.stroke.color)
}

/// Text colour readable on top of `background`: black or white, whichever contrasts more (WCAG),
/// so a badge's small number or label stays legible on any rating colour in either theme.
pub fn text_on(background: Color32) -> Color32 {
    if contrast_ratio(Color32::BLACK, background) >= contrast_ratio(Color32::WHITE, background) {
        Color32::BLACK
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
pub const FIND_MATCH_ALPHA: u8 = 56;
/// Tint of the current find match: as strong as the text's contrast allows in the dark theme.
pub const CURRENT_FIND_MATCH_ALPHA: u8 = 100;

/// The background a find match gives the article text under it, stronger for the current match;
/// the text keeps WCAG AA contrast on it in both themes.
pub fn find_match_background(visuals: &egui::Visuals, current: bool) -> Color32 {
    let alpha = if current {
        CURRENT_FIND_MATCH_ALPHA
    } else {
        FIND_MATCH_ALPHA
    };
    blend(visuals.panel_fill, FIND_MATCH_COLOR, alpha)
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScalePreset;

    const AA: f32 = 4.5;

    #[test]
    fn article_text_on_every_preset_highlight_passes_aa_in_both_themes() {
        for dark in [false, true] {
            let visuals = visuals(dark);
            let text = visuals.text_color();
            for rating in ScalePreset::ALL.iter().flat_map(|p| p.ratings()) {
                let color = verdict_color(Some(&rating));
                let background = highlight_background(&visuals, color, false);
                let ratio = contrast_ratio(text, background);
                assert!(ratio >= AA, "{} in dark={dark}: {ratio:.2}", rating.label);
            }
            let unrated = highlight_background(&visuals, UNRATED_COLOR, true);
            assert!(contrast_ratio(text, unrated) >= AA, "unrated, dark={dark}");
        }
    }

    #[test]
    fn article_text_on_find_matches_passes_aa_in_both_themes() {
        for dark in [false, true] {
            let visuals = visuals(dark);
            for current in [false, true] {
                let background = find_match_background(&visuals, current);
                let ratio = contrast_ratio(visuals.text_color(), background);
                assert!(ratio >= AA, "current={current}, dark={dark}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn badge_labels_are_readable_on_every_preset_colour() {
        for rating in ScalePreset::ALL.iter().flat_map(|p| p.ratings()) {
            let color = verdict_color(Some(&rating));
            let ratio = contrast_ratio(text_on(color), color);
            assert!(
                ratio >= AA,
                "{} ({}): {ratio:.2}",
                rating.label,
                rating.color
            );
        }
    }

    #[test]
    fn messages_and_body_text_are_readable_on_the_panels_of_both_themes() {
        for dark in [false, true] {
            let visuals = visuals(dark);
            assert_eq!(visuals.dark_mode, dark);
            for (what, color) in [
                ("text", visuals.text_color()),
                ("error", error_color(&visuals)),
                ("warning", visuals.warn_fg_color),
                ("link", visuals.hyperlink_color),
            ] {
                let ratio = contrast_ratio(color, visuals.panel_fill);
                assert!(ratio >= AA, "{what} in dark={dark}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn empty_fields_stand_out_from_the_panel_in_both_themes() {
        for dark in [false, true] {
            let visuals = visuals(dark);
            let outline =
                contrast_ratio(visuals.widgets.inactive.bg_stroke.color, visuals.panel_fill);
            let fill = contrast_ratio(visuals.text_edit_bg_color(), visuals.panel_fill);
            let stroked = visuals.widgets.inactive.bg_stroke.width > 0.0 && outline >= 3.0;
            assert!(
                stroked || fill >= 3.0,
                "dark={dark}: outline {outline:.2}, fill {fill:.2}"
            );
        }
    }

    #[test]
    fn contrast_ratio_matches_wcag_reference_values() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #777777 on white is the classic borderline grey: 4.48:1.
        let grey = contrast_ratio(Color32::from_gray(0x77), Color32::WHITE);
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }
}
