//! The rating scale verdicts are given on.

use serde::{Deserialize, Serialize};

use super::UnknownMembers;

/// One step of a project's rating scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Stable key claims refer to, e.g. `mostly-false`.
    pub id: String,
    /// What users and reports show, e.g. "Mostly false".
    pub label: String,
    /// Highlight colour as `#rrggbb`.
    pub color: String,
    /// Numeric value for ClaimReview's `ratingValue`; higher means more accurate. Unverifiable carries 0.
    pub value: i32,
    /// Members of the rating this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

/// The default scale: True, Mostly true, Half true, Mostly false, False, Unverifiable.
///
/// Colours run from green to red through amber and stay distinguishable for the common forms of
/// colour blindness when paired with the number badges the article view draws.
pub fn default_rating_scale() -> Vec<Rating> {
    ratings(&[
        ("true", "True", "#1a9850", 5),
        ("mostly-true", "Mostly true", "#66bd63", 4),
        ("half-true", "Half true", "#e6b400", 3),
        ("mostly-false", "Mostly false", "#f46d43", 2),
        ("false", "False", "#d73027", 1),
        ("unverifiable", "Unverifiable", "#7b6fb0", 0),
    ])
}

/// A ready-made rating scale: what a desk starts from in the scale editor, or a new project gets.
///
/// Each preset's ratings run from most to least accurate, with values counting down to 1 (0 for a
/// verdict that is not a point on the true-to-false range, as "Unverifiable"), so ClaimReview's
/// `ratingValue`, `bestRating` and `worstRating` come out right for each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScalePreset {
    /// factdesk's own six steps (see [`default_rating_scale`]).
    #[default]
    Factdesk,
    /// Six levels in the style of PolitiFact's Truth-O-Meter: True, Mostly True, Half True, Mostly
    /// False, False, Pants on Fire.
    TruthOMeter,
    /// Five levels in the style of Snopes' main ratings: True, Mostly True, Mixture, Mostly False,
    /// False.
    FiveLevel,
    /// Three levels in the style of AFP and many newsroom desks: True, Misleading, False.
    ThreeLevel,
    /// No rating at all: the claim's explanation is the verdict. An empty scale.
    ExplanationOnly,
}

impl ScalePreset {
    /// Every preset, in the order menus list them.
    pub const ALL: [ScalePreset; 5] = [
        ScalePreset::Factdesk,
        ScalePreset::TruthOMeter,
        ScalePreset::FiveLevel,
        ScalePreset::ThreeLevel,
        ScalePreset::ExplanationOnly,
    ];

    /// What menus and settings call the preset.
    pub fn name(self) -> &'static str {
        match self {
            ScalePreset::Factdesk => "factdesk default (six levels with Unverifiable)",
            ScalePreset::TruthOMeter => "Truth-O-Meter style (six levels, Pants on Fire)",
            ScalePreset::FiveLevel => "Five levels (True … Mixture … False)",
            ScalePreset::ThreeLevel => "Three levels (True, Misleading, False)",
            ScalePreset::ExplanationOnly => "Explanation only (no rating)",
        }
    }

    /// The ratings of the preset, most accurate first.
    pub fn ratings(self) -> Vec<Rating> {
        let steps: &[(&str, &str, &str, i32)] = match self {
            ScalePreset::Factdesk => return default_rating_scale(),
            ScalePreset::TruthOMeter => &[
                ("true", "True", "#1a9850", 6),
                ("mostly-true", "Mostly True", "#66bd63", 5),
                ("half-true", "Half True", "#e6b400", 4),
                ("mostly-false", "Mostly False", "#f46d43", 3),
                ("false", "False", "#d73027", 2),
                ("pants-on-fire", "Pants on Fire", "#a50026", 1),
            ],
            ScalePreset::FiveLevel => &[
                ("true", "True", "#1a9850", 5),
                ("mostly-true", "Mostly True", "#66bd63", 4),
                ("mixture", "Mixture", "#e6b400", 3),
                ("mostly-false", "Mostly False", "#f46d43", 2),
                ("false", "False", "#d73027", 1),
            ],
            ScalePreset::ThreeLevel => &[
                ("true", "True", "#1a9850", 3),
                ("misleading", "Misleading", "#e6b400", 2),
                ("false", "False", "#d73027", 1),
            ],
            ScalePreset::ExplanationOnly => &[],
        };
        ratings(steps)
    }

    /// The preset whose ratings `scale` has exactly (ids, labels, colours and values, in order), if
    /// any: how the editor and settings name a scale that was not changed since it was chosen.
    pub fn matching(scale: &[Rating]) -> Option<ScalePreset> {
        Self::ALL.into_iter().find(|preset| {
            let ratings = preset.ratings();
            ratings.len() == scale.len()
                && ratings.iter().zip(scale).all(|(a, b)| {
                    a.id == b.id && a.label == b.label && a.color == b.color && a.value == b.value
                })
        })
    }
}

fn ratings(steps: &[(&str, &str, &str, i32)]) -> Vec<Rating> {
    steps
        .iter()
        .map(|&(id, label, color, value)| Rating {
            id: id.to_owned(),
            label: label.to_owned(),
            color: color.to_owned(),
            value,
            unknown: UnknownMembers::default(),
        })
        .collect()
}

/// Parses `#rrggbb` into its three channels; `None` for anything else.
pub fn parse_hex_color(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 relative luminance of an sRGB colour, from 0 (black) to 1 (white).
pub fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio of two opaque sRGB colours, from 1 (the same) to 21 (black on white).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_colours_parse_and_ids_are_unique() {
        let scale = default_rating_scale();
        assert_eq!(scale.len(), 6);
        for rating in &scale {
            assert!(parse_hex_color(&rating.color).is_some(), "{}", rating.color);
        }
        let mut ids: Vec<_> = scale.iter().map(|r| r.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 6);
    }

    #[test]
    fn presets_have_unique_ids_parsable_colours_and_values_counting_down() {
        for preset in ScalePreset::ALL {
            let scale = preset.ratings();
            let mut ids: Vec<_> = scale.iter().map(|r| r.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), scale.len(), "{preset:?}");
            for rating in &scale {
                assert!(
                    parse_hex_color(&rating.color).is_some(),
                    "{preset:?} {}",
                    rating.color
                );
            }
            assert!(
                scale.windows(2).all(|w| w[0].value > w[1].value),
                "{preset:?} values must fall from most to least accurate"
            );
            assert_eq!(ScalePreset::matching(&scale), Some(preset));
        }
        let labels = |p: ScalePreset| p.ratings().into_iter().map(|r| r.label).collect::<Vec<_>>();
        assert_eq!(
            labels(ScalePreset::TruthOMeter),
            [
                "True",
                "Mostly True",
                "Half True",
                "Mostly False",
                "False",
                "Pants on Fire"
            ]
        );
        assert_eq!(
            labels(ScalePreset::ThreeLevel),
            ["True", "Misleading", "False"]
        );
        assert!(ScalePreset::ExplanationOnly.ratings().is_empty());
        assert_eq!(ScalePreset::Factdesk.ratings(), default_rating_scale());
    }

    #[test]
    fn an_edited_scale_matches_no_preset() {
        let mut scale = ScalePreset::ThreeLevel.ratings();
        scale[1].label = "Missing context".into();
        assert_eq!(ScalePreset::matching(&scale), None);
    }

    #[test]
    fn hex_colour_rejects_malformed_input() {
        assert_eq!(parse_hex_color("#d73027"), Some([0xd7, 0x30, 0x27]));
        assert_eq!(parse_hex_color("d73027"), None);
        assert_eq!(parse_hex_color("#d7302"), None);
        assert_eq!(parse_hex_color("#ééé"), None);
    }
}
