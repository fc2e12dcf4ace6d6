//! Whether article text stays readable on a claim's highlight: WCAG 2 contrast of the text colour
//! over the panel background tinted with the highlight, as the article view paints it, in both themes.

use egui::Color32;

use super::theme;

/// WCAG 2 level AA minimum contrast for body text.
pub const AA_MINIMUM: f32 = 4.5;

/// The worst contrast article text gets on a highlight of `color`, and in which theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contrast {
    /// Contrast ratio, 1 to 21.
    pub ratio: f32,
    /// Whether the worst case is in the dark theme.
    pub dark: bool,
}

impl Contrast {
    /// Whether the text passes WCAG AA (4.5:1).
    pub fn passes(self) -> bool {
        self.ratio >= AA_MINIMUM
    }

    /// The theme's name, for messages.
    pub fn theme_name(self) -> &'static str {
        if self.dark { "dark" } else { "light" }
    }
}

/// The lowest contrast of article text over a highlight of `color`, over both themes and both tints
/// the article view uses (a claim, and the selected or overlapping one).
pub fn worst_text_contrast(color: Color32) -> Contrast {
    [false, true]
        .into_iter()
        .flat_map(|dark| {
            let visuals = theme::visuals(dark);
            [false, true].into_iter().map(move |emphasised| {
                let background = theme::highlight_background(&visuals, color, emphasised);
                Contrast {
                    ratio: theme::contrast_ratio(visuals.strong_text_color(), background),
                    dark,
                }
            })
        })
        .min_by(|a, b| a.ratio.total_cmp(&b.ratio))
        .unwrap_or(Contrast {
            ratio: 21.0,
            dark: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ScalePreset, parse_hex_color};

    #[test]
    fn every_preset_colour_passes_and_a_pale_one_fails_in_the_dark_theme() {
        for preset in ScalePreset::ALL {
            for rating in preset.ratings() {
                let [r, g, b] = parse_hex_color(&rating.color).unwrap();
                let contrast = worst_text_contrast(Color32::from_rgb(r, g, b));
                assert!(
                    contrast.passes(),
                    "{preset:?} {}: {contrast:?}",
                    rating.label
                );
            }
        }
        let pale = worst_text_contrast(Color32::from_rgb(0xff, 0xff, 0xcc));
        assert!(!pale.passes(), "{pale:?}");
        assert!(pale.dark);
    }
}
