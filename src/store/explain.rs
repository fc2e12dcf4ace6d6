//! Why a project file is refused, in the user's words: which member, by its JSON path, what the format
//! expects there, and what the file holds instead.
//!
//! serde and serde_json describe a failure in their own terms ("invalid type: null, expected a
//! string", "unexpected end of hex escape", "premature end of input"). Here those are only a starting
//! point, and only once a file was refused: the member is the path serde_path_to_error tracked, what
//! the format expects there comes from [`Expected::at`] (every member of the format, described), and
//! what was found is the file's own value at that path, or the text at the place the JSON breaks.

use serde_json::Value;
use serde_path_to_error::Segment;

use super::StoreError;
use super::error::located;
use crate::model::{
    ClaimantKind, DATE_EXAMPLE, SCHEMA_VERSION, Stance, Status, member_path, parse_date, quoted,
};

/// What a timestamp is, for messages.
const TIMESTAMP: &str = "a date and time with a UTC offset, like 2024-05-01T09:30:00Z";

/// How long a JSON path may grow in a message (a file nested thousands deep has a path as long).
const PATH_CHARS: usize = 80;

/// The error for a file that is not JSON, read again to find where in the project it breaks; `first`
/// is the error of the first read. A member given twice, which the strict reader refuses, is named too.
pub(super) fn not_json(bytes: &[u8], first: &serde_json::Error) -> StoreError {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let tracked =
        match serde_path_to_error::deserialize::<_, crate::model::StrictValue>(&mut reader) {
            Err(e) => Some((segments(e.path()), e.into_inner())),
            // Only what follows the value is wrong: the JSON itself reads whole.
            Ok(_) => reader.end().err().map(|e| (Vec::new(), e)),
        };
    let (segments, error) = match &tracked {
        Some((segments, error)) => (segments.as_slice(), error),
        None => (&[][..], first),
    };
    let path = &path_text(segments);
    if error.classify() == serde_json::error::Category::Data {
        let name = match segments.last() {
            Some(Segment::Map { key }) => key.as_str(),
            _ => "",
        };
        return repeated_member(path, name, error);
    }
    let offset = byte_offset(bytes, error.line(), error.column());
    let parser = parser_words(error);
    let (line, column, words) = not_utf8(bytes, offset, &parser).unwrap_or_else(|| {
        // An empty file ends before its first column.
        let place = (error.line().max(1), error.column().max(1));
        (place.0, place.1, syntax_words(bytes, offset, &parser))
    });
    StoreError::Json {
        path: std::path::PathBuf::new(),
        field: path.to_owned(),
        line,
        column,
        message: located(path, &words),
    }
}

/// When the JSON breaks at a byte that is not UTF-8 (serde_json calls it an "invalid unicode code
/// point"): the line and column of that byte, counted
/// as serde_json counts (bytes), and what it is. serde_json's own column for it is approximate when
/// escapes come before it in its string, so the place is found again from the bytes.
fn not_utf8(bytes: &[u8], offset: usize, parser: &str) -> Option<(usize, usize, String)> {
    let invalid = std::str::from_utf8(bytes).err()?;
    let at = invalid.valid_up_to();
    if parser != "invalid unicode code point" && at != offset {
        return None;
    }
    let before = bytes.get(..at).unwrap_or_default();
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let column = at
        - before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let rest = bytes.get(at..).unwrap_or_default();
    let found = rest
        .get(..invalid.error_len().unwrap_or(rest.len()))
        .unwrap_or_default();
    let hex: Vec<String> = found.iter().map(|b| format!("0x{b:02X}")).collect();
    let place = format!("on line {line}, column {column}");
    let words = match found {
        [lead, _, ..] => format!(
            "expected UTF-8 text, but found a character cut short, {} of the {} bytes of a UTF-8 \
             character ({}), {place}: the text was cut inside the character, or the file mixes \
             encodings; type that character again and save the file as UTF-8",
            found.len(),
            utf8_length(*lead),
            hex.join(" ")
        ),
        _ => {
            let as_windows_1252 = found
                .first()
                .and_then(|b| windows_1252_char(*b))
                .map(|c| format!(" ({c} in Windows-1252)"))
                .unwrap_or_default();
            format!(
                "expected UTF-8 text, but found a byte that is not UTF-8, {}{as_windows_1252}, \
                 {place}: the file was probably saved as Latin-1 or Windows-1252; save it as UTF-8",
                hex.join(" ")
            )
        }
    };
    Some((line, column, words))
}

/// How many bytes the UTF-8 character that starts with `lead` has.
fn utf8_length(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// The character `byte` stands for in Windows-1252, when it is one that can be shown.
fn windows_1252_char(byte: u8) -> Option<char> {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().filter(|c| !c.is_control())
}

/// The error for member `name` given twice in its object, at `path`.
fn repeated_member(path: &str, name: &str, error: &serde_json::Error) -> StoreError {
    StoreError::Shape {
        path: std::path::PathBuf::new(),
        field: path.to_owned(),
        message: format!(
            "expected each member once in its object, but found {} twice; JSON leaves \
             open which one counts, so factdesk does not guess: remove one of them{}",
            quoted(name),
            position(error)
        ),
    }
}

/// The error for a file that is JSON but not a project as the format describes it: a member of the
/// wrong type or value, or one that is missing. `file` is the file's JSON (in the current format) when
/// it can be had, to quote what it holds at `path`; a number there is quoted from the file's `bytes`.
pub(super) fn not_a_project_as_described(
    bytes: &[u8],
    file: Option<&Value>,
    path: &[Segment],
    error: &serde_json::Error,
) -> StoreError {
    let parser = parser_words(error);
    let parser = parser.as_str();
    let field = path_text(path);
    if let Some(name) = parser
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let member = member_path(&field, name);
        let expected =
            Expected::at(&pattern(&member)).map_or_else(|| "a value".to_owned(), |e| e.words());
        let parent = if field.is_empty() {
            "the project".to_owned()
        } else {
            field
        };
        return StoreError::Missing {
            path: std::path::PathBuf::new(),
            field: member,
            message: format!(
                "{parent} has no \"{name}\" member (expected {expected}){}",
                position(error)
            ),
        };
    }
    let found = file.and_then(|file| value_at(file, path));
    let expected = Expected::at(&pattern(&field));
    let expected_words = expected
        .as_ref()
        .map(Expected::words)
        .or_else(|| serde_expected(parser));
    let near = (error.line() != 0).then(|| byte_offset(bytes, error.line(), error.column()));
    let found_words = found
        .map(|found| describe_as_written(found, bytes, near))
        .or_else(|| serde_unexpected(parser).map(str::to_owned));
    let hint = expected
        .as_ref()
        .zip(found)
        .and_then(|(expected, found)| expected.hint(found));
    let mut message = match (expected_words, found_words) {
        (Some(expected), Some(found)) => format!("expected {expected}, but found {found}"),
        (Some(expected), None) => format!("expected {expected} ({parser})"),
        (None, Some(found)) => format!("found {found}, which does not fit here ({parser})"),
        (None, None) => parser.to_owned(),
    };
    if let Some(hint) = hint {
        message.push_str(&format!(" ({hint})"));
    }
    message.push_str(&position(error));
    StoreError::Shape {
        path: std::path::PathBuf::new(),
        field,
        message,
    }
}

/// What serde_json says, without the position it appends.
fn parser_words(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&suffix) {
        Some(words) => words.to_owned(),
        None => text,
    }
}

/// ` (line L, column C)` when the error has a place in the file.
fn position(error: &serde_json::Error) -> String {
    if error.line() == 0 {
        String::new()
    } else {
        format!(" (line {}, column {})", error.line(), error.column())
    }
}

/// The path of a member as messages and [`super::Loaded::unknown_members`] spell it, e.g.
/// `claims[2].status`; empty for the top level. Cut short past [`PATH_CHARS`].
pub(super) fn path_text(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => text.push_str(&format!("[{index}]")),
            Segment::Map { key } => text = member_path(&text, key),
            Segment::Enum { variant } => text = member_path(&text, variant),
            // A member whose name was being read when the JSON broke: its object is the place.
            Segment::Unknown => {}
        }
        if text.chars().count() > PATH_CHARS {
            let mut cut: String = text.chars().take(PATH_CHARS).collect();
            cut.push('…');
            return cut;
        }
    }
    text
}

/// The segments of a path serde_path_to_error tracked.
pub(super) fn segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    path.iter().cloned().collect()
}

/// `path` with every list index left out (`claims[].anchor.start`), as [`Expected::at`] knows it.
fn pattern(path: &str) -> String {
    let mut pattern = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let (before, from_bracket) = rest.split_at(open);
        pattern.push_str(before);
        let index_len = from_bracket
            .get(1..)
            .and_then(|inside| inside.find(']'))
            .filter(|&len| {
                len > 0
                    && from_bracket
                        .get(1..=len)
                        .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            });
        match index_len {
            Some(len) => {
                pattern.push_str("[]");
                rest = from_bracket.get(len + 2..).unwrap_or_default();
            }
            None => {
                pattern.push('[');
                rest = from_bracket.get(1..).unwrap_or_default();
            }
        }
    }
    pattern.push_str(rest);
    pattern
}

/// The value at `path` in `file`, if the file has one there.
fn value_at<'v>(file: &'v Value, path: &[Segment]) -> Option<&'v Value> {
    path.iter().try_fold(file, |value, segment| match segment {
        Segment::Seq { index } => value.get(index),
        Segment::Map { key } => value.get(key),
        Segment::Enum { .. } | Segment::Unknown => None,
    })
}

/// A JSON value as a message shows what was found: `null`, `5`, `"2024-05-01T09:30:00"` (a long
/// string cut short), `a list of 3 items`, `an object with members "a" and "b"`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quoted(s),
        Value::Array(items) => match items.len() {
            0 => "an empty list".to_owned(),
            1 => "a list of 1 item".to_owned(),
            n => format!("a list of {n} items"),
        },
        Value::Object(members) if members.is_empty() => "an empty object".to_owned(),
        Value::Object(members) => {
            const NAMED: usize = 4;
            let mut names: Vec<String> = members.keys().take(NAMED).map(|k| quoted(k)).collect();
            if members.len() > NAMED {
                names.push(format!("{} more", members.len() - NAMED));
            }
            let last = names.pop().unwrap_or_default();
            if names.is_empty() {
                format!("an object with the member {last}")
            } else {
                format!("an object with members {} and {last}", names.join(", "))
            }
        }
    }
}

/// `value` as [`describe`] shows it, but a number as the file's `bytes` write it: a number that does
/// not fit 64 bits is read as a floating-point one, and `99999999999999999999999` would be quoted as
/// `1e+23`. `near` is where in the bytes the value ends, when the error says (serde_json stops just
/// past it); else the file's one spelling of that number is quoted, if it has only one, or the number
/// as read said to be about that.
pub(super) fn describe_as_written(value: &Value, bytes: &[u8], near: Option<usize>) -> String {
    let Value::Number(number) = value else {
        return describe(value);
    };
    let Some(wanted) = number.as_f64() else {
        return describe(value);
    };
    let same = |token: &[u8]| {
        std::str::from_utf8(token)
            .ok()
            .filter(|t| t.parse::<f64>().ok() == Some(wanted))
            .map(str::to_owned)
    };
    if let Some(written) = near
        .and_then(|offset| bytes.get(token_range(bytes, offset)))
        .and_then(same)
    {
        return written;
    }
    let mut spellings = number_tokens(bytes).filter_map(same);
    match (spellings.next(), spellings.next()) {
        (Some(first), None) => first,
        (Some(first), Some(second)) if first == second && spellings.all(|s| s == first) => first,
        // The value as read may have fewer digits than the file wrote.
        _ if number.is_f64() => format!("a number of about {number}"),
        _ => describe(value),
    }
}

/// The numbers of a JSON text as it writes them, outside its strings.
fn number_tokens(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut in_string = false;
    let mut escaped = false;
    let mut start = None;
    bytes
        .iter()
        .enumerate()
        .chain(std::iter::once((bytes.len(), &b' ')))
        .filter_map(move |(i, &b)| {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                return None;
            }
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                // A letter e only continues a number; `true` and `false` hold one too.
                if start.is_none() && (b.is_ascii_digit() || b == b'-') {
                    start = Some(i);
                }
                return None;
            }
            in_string = b == b'"';
            start.take().and_then(|from| bytes.get(from..i))
        })
}

/// What a member of the format holds, for messages.
enum Expected {
    /// A string.
    Text,
    /// A string or null.
    TextOrNull,
    /// A list of strings.
    Texts,
    /// A UUID.
    Id,
    /// The article's SHA-256.
    Sha256,
    /// An RFC 3339 timestamp.
    Timestamp,
    /// An RFC 3339 timestamp or null.
    TimestampOrNull,
    /// A `YYYY-MM-DD` date or null.
    Date,
    /// A character offset.
    Offset,
    /// A heading level or null.
    Heading,
    /// A 32-bit signed integer.
    Integer,
    /// `true` or `false`.
    Bool,
    /// `#rrggbb`.
    Colour,
    /// A rating id or null.
    Verdict,
    /// The format version.
    Version,
    /// One of these strings.
    OneOf(Vec<String>),
    /// Anything else, said in these words.
    Words(&'static str),
}

impl Expected {
    /// What the member at `pattern` (a path without list indexes, see [`pattern`]) holds; `None` for a
    /// member the format does not have.
    fn at(pattern: &str) -> Option<Self> {
        use Expected::{
            Bool, Colour, Date, Heading, Id, Integer, Offset, Sha256, Text, TextOrNull, Texts,
            Timestamp, TimestampOrNull, Verdict, Version, Words,
        };
        Some(match pattern {
            "schema_version" => Version,
            "title" => Text,
            "articles" => Words("a list of articles"),
            "claims" => Words("a list of claims"),
            "rating_scale" => Words("a list of ratings"),
            "report" => Words("the report settings, an object"),
            "articles[]" => Words("an article: an object with id, title, sha256, added and text"),
            "articles[].id" | "claims[].id" | "claims[].article" | "claims[].sources[].id" => Id,
            "articles[].title" | "articles[].text" => Text,
            "articles[].origin" => TextOrNull,
            "articles[].sha256" => Sha256,
            "articles[].added" | "claims[].created" | "claims[].modified" => Timestamp,
            "articles[].blocks" => Words("a list of blocks"),
            "articles[].blocks[]" => Words("a block: an object with start and end"),
            "articles[].blocks[].start"
            | "articles[].blocks[].end"
            | "claims[].anchor.start"
            | "claims[].anchor.end" => Offset,
            "articles[].blocks[].heading" => Heading,
            "articles[].meta" => Words("the article's metadata, an object"),
            "articles[].meta.published" | "claims[].claim_date" | "claims[].sources[].accessed" => {
                Date
            }
            "articles[].meta.byline"
            | "articles[].meta.canonical_url"
            | "articles[].meta.site_name"
            | "articles[].meta.language"
            | "articles[].meta.source_format"
            | "articles[].meta.encoding" => Text,
            "claims[]" => {
                Words("a claim: an object with id, article, anchor, text, created and modified")
            }
            "claims[].anchor" => {
                Words("the claim's place in the article: an object with start, end and quote")
            }
            "claims[].anchor.quote"
            | "claims[].anchor.prefix"
            | "claims[].anchor.suffix"
            | "claims[].text"
            | "claims[].claimant"
            | "claims[].explanation"
            | "claims[].notes"
            | "claims[].appearances[]"
            | "claims[].tags[]" => Text,
            "claims[].appearances" | "claims[].tags" => Texts,
            "claims[].status" => Self::one_of(&Status::ALL),
            "claims[].claimant_kind" => Self::one_of(&ClaimantKind::ALL),
            "claims[].verdict_given" | "claims[].status_changed" => TimestampOrNull,
            "claims[].verdict" => Verdict,
            "claims[].sources" => Words("a list of sources"),
            "claims[].sources[]" => Words("a source: an object with an id"),
            "claims[].sources[].url"
            | "claims[].sources[].title"
            | "claims[].sources[].publisher"
            | "claims[].sources[].quote"
            | "claims[].sources[].note" => Text,
            "claims[].sources[].stance" => Self::one_of(&Stance::ALL),
            "rating_scale[]" => Words("a rating: an object with id, label, color and value"),
            "rating_scale[].id" | "rating_scale[].label" => Text,
            "rating_scale[].color" => Colour,
            "rating_scale[].value" => Integer,
            "report.title"
            | "report.organisation"
            | "report.author"
            | "report.methodology"
            | "report.base_url" => Text,
            "report.published" => Date,
            "report.include_unchecked" => Bool,
            _ => return None,
        })
    }

    /// The values of an enum as the file spells them.
    fn one_of<T: serde::Serialize>(values: &[T]) -> Self {
        Expected::OneOf(
            values
                .iter()
                .filter_map(|v| serde_json::to_value(v).ok())
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )
    }

    /// What is expected, in words that follow "expected".
    fn words(&self) -> String {
        match self {
            Expected::Text => "text (a string in double quotes)".to_owned(),
            Expected::TextOrNull => "text (a string in double quotes) or null".to_owned(),
            Expected::Texts => "a list of texts (strings in double quotes)".to_owned(),
            Expected::Id => {
                "an id: a UUID such as \"326f69aa-9818-4a42-a3a5-42121b166f5e\"".to_owned()
            }
            Expected::Sha256 => "the SHA-256 of the article text as 64 hex digits".to_owned(),
            Expected::Timestamp => TIMESTAMP.to_owned(),
            Expected::TimestampOrNull => format!("{TIMESTAMP}, or null"),
            Expected::Date => format!("a date as YYYY-MM-DD, like {DATE_EXAMPLE}, or null"),
            Expected::Offset => "a character offset: a whole number, 0 or more".to_owned(),
            Expected::Heading => "a heading level from 1 to 6, or null for a paragraph".to_owned(),
            Expected::Integer => {
                format!("a whole number from {} to {}", i32::MIN, i32::MAX)
            }
            Expected::Bool => "true or false".to_owned(),
            Expected::Colour => "a colour as \"#rrggbb\", like \"#d73027\"".to_owned(),
            Expected::Verdict => {
                "the id of a rating on the project's rating scale, or null".to_owned()
            }
            Expected::Version => {
                format!("the format version, a whole number such as {SCHEMA_VERSION}")
            }
            Expected::OneOf(values) => one_of_words(values),
            Expected::Words(words) => (*words).to_owned(),
        }
    }

    /// Why `found`, which is not what is expected, is not, when more can be said than "expected ...,
    /// but found ...".
    fn hint(&self, found: &Value) -> Option<String> {
        let text = found.as_str()?;
        match self {
            Expected::Timestamp | Expected::TimestampOrNull => {
                if text.parse::<chrono::NaiveDateTime>().is_ok() {
                    Some(
                        "the time has no UTC offset: add Z if it is in UTC, or its offset, such as \
                         +02:00"
                            .to_owned(),
                    )
                } else if parse_date(text).is_ok() {
                    Some("a time of day and a UTC offset are missing".to_owned())
                } else {
                    None
                }
            }
            Expected::Date => parse_date(text).err().map(str::to_owned),
            Expected::OneOf(values) => {
                let spelled: String = text
                    .trim()
                    .chars()
                    .map(|c| match c {
                        ' ' | '-' => '_',
                        c => c.to_ascii_lowercase(),
                    })
                    .collect();
                values
                    .iter()
                    .find(|v| **v == spelled)
                    .map(|v| format!("write it as \"{v}\""))
            }
            _ => None,
        }
    }
}

/// `one of "a", "b" or "c"`.
fn one_of_words(values: &[String]) -> String {
    let mut quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    match quoted.pop() {
        None => "nothing (no value is allowed)".to_owned(),
        Some(last) if quoted.is_empty() => last,
        Some(last) => format!("one of {} or {last}", quoted.join(", ")),
    }
}

/// What serde says it expected, in words, for a member [`Expected::at`] does not know (one a newer
/// format may have added); `None` when serde said nothing of it.
fn serde_expected(parser: &str) -> Option<String> {
    let expected = parser.rsplit_once(", expected ").map(|(_, e)| e)?;
    if let Some(list) = expected.strip_prefix("one of ") {
        let values: Vec<String> = list
            .split(", ")
            .map(|v| v.trim_matches('`').to_owned())
            .collect();
        return Some(one_of_words(&values));
    }
    if let Some((a, b)) = expected.split_once(" or ")
        && a.starts_with('`')
    {
        return Some(one_of_words(&[
            a.trim_matches('`').to_owned(),
            b.trim_matches('`').to_owned(),
        ]));
    }
    Some(
        match expected {
            "a string" => "text (a string in double quotes)",
            "a boolean" => "true or false",
            "a sequence" => "a list",
            "u8" => "a whole number from 0 to 255",
            "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more",
            "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
            "f32" | "f64" => "a number",
            "a formatted date string" => "a date as YYYY-MM-DD",
            "an RFC 3339 formatted date and time string" => TIMESTAMP,
            e if e.starts_with("struct ") || e == "a map" => "an object",
            e if e.contains("UUID") => "an id (a UUID)",
            other => other,
        }
        .to_owned(),
    )
}

/// What serde says it found (`null`, `integer \`5\``), for when the file's value cannot be had.
fn serde_unexpected(parser: &str) -> Option<&str> {
    let rest = parser
        .strip_prefix("invalid type: ")
        .or_else(|| parser.strip_prefix("invalid value: "))?;
    rest.split_once(", expected ").map(|(found, _)| found)
}

/// The byte offset of 1-based `line` and `column` (serde_json counts bytes) in `bytes`.
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(bytes.len())
}

/// What is wrong with the JSON at byte `offset` of `bytes`, serde_json's `parser` words said as
/// "expected ..., but found ...".
fn syntax_words(bytes: &[u8], offset: usize, parser: &str) -> String {
    let at_end = offset >= bytes.len();
    let cut_short = "the file was cut short, perhaps while it was written or copied; the .bak copy \
                     beside it, if there is one, is the version before the last save";
    let found = || found_at(bytes, offset);
    match parser {
        "EOF while parsing a value" if bytes.iter().all(u8::is_ascii_whitespace) => {
            "expected a project (a JSON object, starting with {), but the file is empty".to_owned()
        }
        "EOF while parsing a string" => {
            format!(
                "expected the rest of the text and its closing quote, but found the end of the file: {cut_short}"
            )
        }
        "EOF while parsing a list" => {
            format!(
                "expected the rest of the list and its closing ], but found the end of the file: {cut_short}"
            )
        }
        "EOF while parsing an object" => {
            format!(
                "expected the rest of the object and its closing }}, but found the end of the file: {cut_short}"
            )
        }
        "EOF while parsing a value" => {
            format!("expected a value, but found the end of the file: {cut_short}")
        }
        "expected `:`" => format!(
            "expected a colon (:) after the member's name, but found {}",
            found()
        ),
        "expected `,` or `]`" => {
            format!(
                "expected a comma (,) before the next item or the end of the list (]), but found {}",
                found()
            )
        }
        "expected `,` or `}`" => {
            format!(
                "expected a comma (,) before the next member or the end of the object (}}), but found {}",
                found()
            )
        }
        "expected ident" => format!(
            "expected true, false or null, but found {}",
            token_at(bytes, offset)
        ),
        "expected value" => format!(
            "expected a value (text in double quotes, a number, true, false, null, a list or an object), but found {}",
            token_at(bytes, offset)
        ),
        "expected `\"`" | "key must be a string" => {
            format!(
                "expected a member's name in double quotes, but found {}",
                token_at(bytes, offset)
            )
        }
        "invalid number" => format!("expected a number, but found {}", token_at(bytes, offset)),
        "number out of range" => format!(
            "expected a number of a size a computer holds (up to about 1.8e308), but found {}",
            token_at(bytes, offset)
        ),
        "trailing comma" => format!(
            "expected another value after the comma, but found {} (JSON allows no comma before ] or }})",
            found()
        ),
        "trailing characters" => format!(
            "expected the end of the file after the project's closing }}, but found {}",
            found()
        ),
        "recursion limit exceeded" => {
            "expected at most 128 levels of lists and objects inside each \
             other, but found more"
                .to_owned()
        }
        "invalid escape" => format!(
            "expected an escape such as \\n, \\t, \\\", \\\\ or \\u00e9 after a backslash, but found {} (write a backslash itself as \\\\)",
            escape_at(bytes, offset)
        ),
        // A byte that is not UTF-8 has the same words; `not_utf8` tells it apart first.
        "unexpected end of hex escape"
        | "lone leading surrogate in hex escape"
        | "invalid unicode code point" => format!(
            "expected a whole character, but found {}, half of a character written as a pair of \
             \\u escapes (like \\ud83d\\ude00 for 😀) without its other half; remove it or complete \
             the pair",
            escape_at(bytes, offset)
        ),
        "control character (\\u0000-\\u001F) found while parsing a string" => format!(
            "expected text, but found {} inside the quotes; write a line break as \\n and a tab as \\t",
            control_at(bytes, offset)
        ),
        _ if at_end => format!("{parser}, at the end of the file: {cut_short}"),
        _ => format!("{parser}, at {}", found()),
    }
}

/// The text from `offset` to the end of its line, cut short, quoted for a message.
fn found_at(bytes: &[u8], offset: usize) -> String {
    let Some(rest) = bytes.get(offset..).filter(|r| !r.is_empty()) else {
        return "the end of the file".to_owned();
    };
    let line = rest.split(|b| *b == b'\n').next().unwrap_or(rest);
    let text = String::from_utf8_lossy(line.get(..200).unwrap_or(line));
    let text = text.trim_end();
    if text.is_empty() {
        return "the end of the line".to_owned();
    }
    backticked(text)
}

/// `text` cut to 24 characters, between backticks.
fn backticked(text: &str) -> String {
    const SHOWN: usize = 24;
    let mut shown: String = text.chars().take(SHOWN).collect();
    if text.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    format!("`{shown}`")
}

/// The word or number around `offset` (serde_json points inside or just past it), else what follows.
fn token_at(bytes: &[u8], offset: usize) -> String {
    match bytes.get(token_range(bytes, offset)) {
        Some(token) if !token.is_empty() => backticked(&String::from_utf8_lossy(token)),
        _ => found_at(bytes, offset),
    }
}

/// Where the word or number around `offset` lies in `bytes`; empty when there is none.
fn token_range(bytes: &[u8], offset: usize) -> std::ops::Range<usize> {
    let is_token = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_');
    let start = bytes.get(..offset).map_or(offset, |before| {
        before
            .iter()
            .rposition(|b| !is_token(b))
            .map_or(0, |i| i + 1)
    });
    let end = bytes.get(offset..).map_or(offset, |after| {
        offset
            + after
                .iter()
                .position(|b| !is_token(b))
                .unwrap_or(after.len())
    });
    start..end
}

/// The backslash escape serde_json stopped in or just after (with the escape before it when the two
/// were meant as a pair), else what follows `offset`.
fn escape_at(bytes: &[u8], offset: usize) -> String {
    let before = bytes.get(..offset.min(bytes.len())).unwrap_or_default();
    let Some(backslash) = before.iter().rposition(|b| *b == b'\\') else {
        return found_at(bytes, offset);
    };
    // `\` and the letter, and for `\u` the hex digits that follow, up to four.
    let hex_digits = bytes
        .get(backslash + 2..)
        .unwrap_or_default()
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    let end = match bytes.get(backslash + 1) {
        Some(b'u') => backslash + 2 + hex_digits,
        _ => backslash + 2,
    };
    let pair_start = backslash.saturating_sub(6);
    let start = match bytes.get(pair_start..backslash) {
        Some([b'\\', b'u', digits @ ..]) if digits.iter().all(u8::is_ascii_hexdigit) => pair_start,
        _ => backslash,
    };
    let escape = bytes.get(start..end.min(bytes.len())).unwrap_or_default();
    backticked(&String::from_utf8_lossy(escape))
}

/// The control character at `offset`, named.
fn control_at(bytes: &[u8], offset: usize) -> String {
    match bytes.get(offset) {
        Some(b'\n') => "a line break".to_owned(),
        Some(b'\r') => "a carriage return".to_owned(),
        Some(b'\t') => "a tab".to_owned(),
        Some(b) => format!("the control character U+{b:04X}"),
        None => "a control character".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Claim, Project, Source, TextAnchor};

    /// Every member a project can hold, with no list empty and no optional member null.
    fn full_project() -> Project {
        let at = chrono::DateTime::<chrono::Utc>::default();
        let text = "Heading\nA claim here.";
        let mut article = Article::new("T".into(), text.into(), Some("a.txt".into()), at);
        article.blocks.push(crate::model::Block {
            start: 0,
            end: 7,
            heading: Some(1),
            unknown: Default::default(),
        });
        article.meta.published = chrono::NaiveDate::from_ymd_opt(2022, 2, 15);
        let anchor = TextAnchor::from_range(text, 8, 15).unwrap_or_else(|| panic!("in range"));
        let mut claim = Claim::new(article.id, anchor, at);
        claim.appearances.push("TV".into());
        claim.tags.push("tag".into());
        claim.claim_date = article.meta.published;
        claim.verdict = Some("true".into());
        claim.verdict_given = Some(at);
        claim.sources.push(Source::new(at.date_naive()));
        let mut project = Project::from_article(article);
        project.report.published = claim.claim_date;
        project.claims.push(claim);
        project
    }

    fn paths(value: &Value, path: String, out: &mut Vec<String>) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    paths(item, format!("{path}[{i}]"), out);
                }
            }
            Value::Object(members) => {
                for (name, member) in members {
                    paths(member, member_path(&path, name), out);
                }
            }
            _ => {}
        }
        out.push(path);
    }

    #[test]
    fn every_member_of_the_format_is_described() {
        let json = serde_json::to_value(full_project()).unwrap_or_else(|e| panic!("{e}"));
        let mut all = Vec::new();
        paths(&json, String::new(), &mut all);
        let undescribed: Vec<String> = all
            .iter()
            .map(|p| pattern(p))
            .filter(|p| !p.is_empty() && Expected::at(p).is_none())
            .collect();
        assert!(
            undescribed.is_empty(),
            "describe these members in Expected::at: {undescribed:?}"
        );
    }

    #[test]
    fn patterns_leave_out_list_indexes_only() {
        assert_eq!(pattern("claims[12].sources[0].id"), "claims[].sources[].id");
        assert_eq!(pattern("x[\"a1\"]"), "x[\"a1\"]");
    }

    #[test]
    fn serde_words_are_translated_for_members_not_described() {
        assert_eq!(
            serde_expected("unknown variant `x`, expected one of `person`, `organization`")
                .as_deref(),
            Some("one of \"person\" or \"organization\"")
        );
        assert_eq!(
            serde_expected("invalid type: null, expected a string").as_deref(),
            Some("text (a string in double quotes)")
        );
        assert_eq!(
            serde_unexpected("invalid type: integer `5`, expected a string"),
            Some("integer `5`")
        );
    }
}
