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
    [
        ("true", "True", "#1a9850", 5),
        ("mostly-true", "Mostly true", "#66bd63", 4),
        ("half-true", "Half true", "#e6b400", 3),
        ("mostly-false", "Mostly false", "#f46d43", 2),
        ("false", "False", "#d73027", 1),
        ("unverifiable", "Unverifiable", "#7b6fb0", 0),
    ]
    .into_iter()
    .map(|(id, label, color, value)| Rating {
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
    fn hex_colour_rejects_malformed_input() {
        assert_eq!(parse_hex_color("#d73027"), Some([0xd7, 0x30, 0x27]));
        assert_eq!(parse_hex_color("d73027"), None);
        assert_eq!(parse_hex_color("#d7302"), None);
        assert_eq!(parse_hex_color("#ééé"), None);
    }
}
