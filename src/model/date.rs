//! Calendar dates as the project file and the window read them: `YYYY-MM-DD`, a four-digit year.
//!
//! chrono's own parser reads more: a sign before the year (`+2022-02-15`), years of any length
//! (`22-02-15` is the year 22) and white space inside. A two-digit year is ambiguous (2022 or 1922?) and
//! a signed one is not something a person writes, so both are refused; a month or day of one digit
//! (`2022-2-5`) and white space around the date are unambiguous and read. Dates are written as
//! `YYYY-MM-DD` whatever was read, so a file is normalised on its next save.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// An example for messages.
pub const DATE_EXAMPLE: &str = "2022-02-15";

/// The date `text` names, or why it names none, in words (e.g. "the year must have four digits").
pub fn parse_date(text: &str) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    if text.starts_with(['+', '-']) {
        return Err("a sign before the year is not read; write the year as four digits");
    }
    if text.contains(['T', 't', ':']) {
        return Err("a date has no time of day");
    }
    let mut parts = text.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("a date is a year, a month and a day, in that order, joined by hyphens");
    };
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = digits(year, 4..=4) else {
        return Err("the year must have four digits");
    };
    let (Some(month), Some(day)) = (digits(month, 1..=2), digits(day, 1..=2)) else {
        return Err("the month and the day are numbers of one or two digits");
    };
    let year = i32::try_from(year).map_err(|_| "the year must have four digits")?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or("there is no such day")
}

/// Reads an optional date member (`null` or a date as [`parse_date`] reads it), for
/// `#[serde(deserialize_with)]`.
pub(crate) fn optional<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_date(&text)
        .map(Some)
        .map_err(|why| serde::de::Error::custom(format!("not a date: {why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unambiguous_spellings_are_read_and_others_refused_with_a_reason() {
        let day = NaiveDate::from_ymd_opt(2022, 2, 5);
        for read in [
            "2022-02-05",
            "2022-2-5",
            " 2022-02-05",
            "2022-02-05\n",
            "2022-2-05",
        ] {
            assert_eq!(parse_date(read).ok(), day, "{read:?}");
        }
        for (refused, why) in [
            ("+2022-02-05", "sign"),
            ("-2022-02-05", "sign"),
            ("22-02-05", "four digits"),
            ("02022-02-05", "four digits"),
            ("2022-02-30", "no such day"),
            ("2022-13-01", "no such day"),
            ("2022-02-05T10:00:00Z", "time of day"),
            ("05/02/2022", "hyphens"),
            ("2022-02", "hyphens"),
            ("2022 -02-05", "four digits"),
            ("2022-002-05", "one or two digits"),
            ("", "hyphens"),
        ] {
            let err = parse_date(refused).unwrap_err();
            assert!(err.contains(why), "{refused:?}: {err}");
        }
    }
}
