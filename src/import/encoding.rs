//! Turning the bytes of an article file into text, whatever encoding it was saved in.
//!
//! [`decode_text`] reads a byte-order mark when there is one, takes valid UTF-8 as UTF-8 and guesses
//! anything else (with chardetng, decoding with `encoding_rs`); [`decode_as`] decodes with an encoding
//! the user picked from [`encoding_choices`]. Both normalise the result the same way: line endings
//! become `\n`, control characters other than `\n` and `\t` are dropped, a leading U+FEFF is removed.
//! [`binary_kind`] tells binary files (images, programs, archives) from text, so they can be refused
//! before decoding turns them into nonsense.
//!
//! Limitations: guessing a legacy encoding from a few words is unreliable (chardetng needs a few
//! sentences), so every guess carries a warning inviting the user to reopen the file with another
//! encoding. UTF-16 without a byte-order mark is recognised only when some of its characters are in
//! the first 256 code points (spaces, newlines, ASCII letters), because only those give it away by
//! their zero bytes; UTF-32 is not supported (the WHATWG Encoding Standard leaves it out).

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, ISO_2022_JP, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252,
};

/// How many leading bytes are inspected to tell binary files from text.
const SNIFF_BYTES: usize = 8192;

/// How many leading bytes the encoding guess looks at: plenty to decide, and it keeps the guess fast
/// on the largest articles factdesk opens.
const DETECT_BYTES: usize = 1024 * 1024;

/// Input that is UTF-8 except for some bytes is read as UTF-8 (the bad bytes replaced) when at least
/// this share of its non-ASCII bytes form valid UTF-8 sequences. Legacy encodings rarely form valid
/// UTF-8 by chance: single-byte text scores near 0, double-byte CJK text 25–50% (Big5, Shift_JIS,
/// EUC-KR, EUC-JP, GBK measured on a few paragraphs each), short CJK texts more, which is why a
/// double-byte guess that reads every byte still wins. UTF-8 with a few bad bytes scores above 90%.
const MOSTLY_UTF8_PERCENT: usize = 80;

/// Text decoded from a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedText {
    /// The text: lines separated by `\n`, no control characters but `\n` and `\t`, no leading BOM.
    pub text: String,
    /// The encoding it was read as, by its WHATWG name (`"UTF-8"`, `"windows-1252"`, `"Shift_JIS"`,
    /// `"UTF-16LE"`, ...): the same names as the labels in [`encoding_choices`].
    pub encoding: &'static str,
    /// What was guessed, replaced or dropped on the way, one sentence each.
    pub warnings: Vec<String>,
}

/// Decodes `bytes` as text, working out their encoding.
///
/// In order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides; UTF-16 without one is recognised
/// by zero bytes in every other position; valid UTF-8 is UTF-8 (or ISO-2022-JP when it is ASCII with
/// that encoding's escapes); input that is mostly valid UTF-8 is read as UTF-8 with the bad bytes
/// replaced by U+FFFD (unless chardetng guesses a double-byte encoding that reads every byte);
/// anything else is decoded as chardetng guesses, with a warning. Then CRLF and lone CR become LF,
/// control characters (C0 except `\n` and `\t`, DEL, C1) are dropped with a warning counting them,
/// and a leading U+FEFF is removed. Never fails: bytes that are not valid in the chosen encoding
/// become U+FFFD, with a warning. Check [`binary_kind`] first to refuse binary files.
pub fn decode_text(bytes: &[u8]) -> DecodedText {
    let mut warnings = Vec::new();
    let (text, encoding) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        (decode_with(encoding, body, &mut warnings), encoding)
    } else if let Some(encoding) = utf16_without_bom(sniffed(bytes)) {
        warnings.push(format!(
            "The file has no byte-order mark; it was read as {} because of the zero bytes in every other position.",
            encoding.name()
        ));
        (decode_with(encoding, bytes, &mut warnings), encoding)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        if is_iso_2022_jp(bytes) {
            warnings.push(guessed(ISO_2022_JP));
            (decode_with(ISO_2022_JP, bytes, &mut warnings), ISO_2022_JP)
        } else {
            (Cow::Borrowed(text), UTF_8)
        }
    } else {
        decode_not_utf8(bytes, &mut warnings)
    };
    finish(&text, encoding, warnings)
}

/// `bytes`, which have no byte-order mark and are not valid UTF-8, as lossy UTF-8 when they are
/// mostly UTF-8, else decoded as chardetng guesses; each way with a warning saying so.
fn decode_not_utf8<'a>(
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> (Cow<'a, str>, &'static Encoding) {
    let guess = guess_legacy(bytes);
    if let Some(invalid_bytes) = mostly_utf8(bytes)
        // Double-byte CJK text can look mostly UTF-8 by chance when it is short; that the guessed
        // double-byte encoding reads every byte is the stronger evidence.
        && (guess.is_single_byte()
            || guess
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_none())
    {
        warnings.push(format!(
            "{} not valid UTF-8 and {} replaced with \u{FFFD}.",
            count(invalid_bytes, "byte is", "bytes are"),
            if invalid_bytes == 1 { "was" } else { "were" },
        ));
        return (String::from_utf8_lossy(bytes), UTF_8);
    }
    warnings.push(guessed(guess));
    (decode_with(guess, bytes, warnings), guess)
}

/// The warning for text read in a guessed legacy encoding.
fn guessed(encoding: &'static Encoding) -> String {
    format!(
        "The file is not UTF-8; it was read as {}, a guess from its bytes. If the text looks wrong, reopen it with another encoding.",
        encoding.name()
    )
}

/// Decodes `bytes` with the encoding the user chose, named by any label of the WHATWG Encoding
/// Standard ("utf-8", "latin1", "sjis", ...; see [`encoding_choices`] for the ones to offer).
///
/// A byte-order mark is removed when it belongs to that encoding; any other is decoded as the user
/// asked. Returns `None` when the label is unknown, or names the "replacement" encoding, which would
/// turn the whole file into a single U+FFFD. The text is normalised as by [`decode_text`].
pub fn decode_as(bytes: &[u8], label: &str) -> Option<DecodedText> {
    let encoding = Encoding::for_label(label.as_bytes())?;
    if encoding == REPLACEMENT {
        return None;
    }
    let body = match Encoding::for_bom(bytes) {
        Some((bom_encoding, bom_len)) if bom_encoding == encoding => {
            bytes.get(bom_len..).unwrap_or_default()
        }
        _ => bytes,
    };
    let mut warnings = Vec::new();
    let text = decode_with(encoding, body, &mut warnings);
    Some(finish(&text, encoding, warnings))
}

/// The encodings a user can pick to reopen a file with, as (label for [`decode_as`], display name),
/// Unicode first, then grouped by script. Each label is also the encoding's WHATWG name, so it
/// matches [`DecodedText::encoding`]. ISO-8859-1 is not listed: the Encoding Standard reads it as
/// windows-1252, which is listed.
pub fn encoding_choices() -> &'static [(&'static str, &'static str)] {
    &[
        ("UTF-8", "Unicode (UTF-8)"),
        ("UTF-16LE", "Unicode (UTF-16 little-endian)"),
        ("UTF-16BE", "Unicode (UTF-16 big-endian)"),
        (
            "windows-1252",
            "Western European (Windows-1252, ISO-8859-1)",
        ),
        ("ISO-8859-15", "Western European (ISO-8859-15)"),
        ("ISO-8859-2", "Central European (ISO-8859-2)"),
        ("windows-1250", "Central European (Windows-1250)"),
        ("windows-1251", "Cyrillic (Windows-1251)"),
        ("KOI8-R", "Cyrillic (KOI8-R)"),
        ("ISO-8859-7", "Greek (ISO-8859-7)"),
        ("windows-1253", "Greek (Windows-1253)"),
        ("windows-1254", "Turkish (Windows-1254)"),
        ("Shift_JIS", "Japanese (Shift_JIS)"),
        ("EUC-JP", "Japanese (EUC-JP)"),
        ("ISO-2022-JP", "Japanese (ISO-2022-JP)"),
        ("GBK", "Chinese, Simplified (GBK)"),
        ("gb18030", "Chinese, Simplified (GB18030)"),
        ("Big5", "Chinese, Traditional (Big5)"),
        ("EUC-KR", "Korean (EUC-KR)"),
    ]
}

/// What kind of binary file `bytes` is, e.g. `Some("a PNG image")`, or `None` when they look like text.
///
/// Binary means a known file signature (images, PDFs, programs, archives, media), or many NUL bytes
/// (more than a tenth of the first 8 KB) in something that is not UTF-16. UTF-16 text, with a
/// byte-order mark or recognised by its zero bytes in every other position, is text; so is text
/// with a few stray NULs, which [`decode_text`] drops.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = sniffed(bytes);
    if let Some(kind) = signature_kind(head) {
        return Some(kind);
    }
    if matches!(Encoding::for_bom(head), Some((e, _)) if e == UTF_16LE || e == UTF_16BE)
        || utf16_without_bom(head).is_some()
    {
        return None;
    }
    let nuls = head.iter().filter(|&&b| b == 0).count();
    (nuls * 10 > head.len()).then_some("binary data")
}

/// The first [`SNIFF_BYTES`] of `bytes`.
fn sniffed(bytes: &[u8]) -> &[u8] {
    bytes.get(..SNIFF_BYTES).unwrap_or(bytes)
}

/// The kind of file whose signature `head` starts with.
fn signature_kind(head: &[u8]) -> Option<&'static str> {
    /// Signatures that text cannot plausibly start with.
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"8BPS", "a Photoshop image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"PK\x05\x06", "a ZIP archive or Office document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x7FELF", "a program"),
        (b"\xFE\xED\xFA\xCE", "a program"),
        (b"\xFE\xED\xFA\xCF", "a program"),
        (b"\xCE\xFA\xED\xFE", "a program"),
        (b"\xCF\xFA\xED\xFE", "a program"),
        (b"\xCA\xFE\xBA\xBE", "a program"),
        (b"\x00asm", "a program"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xFD7zXZ\x00", "an xz archive"),
        (b"\x28\xB5\x2F\xFD", "a zstd archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"SQLite format 3\x00", "a database"),
        (b"OggS\x00", "a media file"),
        (b"fLaC", "a media file"),
        (b"ID3\x02", "a media file"),
        (b"ID3\x03", "a media file"),
        (b"ID3\x04", "a media file"),
        (b"\x1A\x45\xDF\xA3", "a media file"),
        (b"wOFF", "a font"),
        (b"wOF2", "a font"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(kind);
    }
    // These signatures are short plain letters a text could start with ("MZ is ...", "RIFF"), so they
    // count only with the NUL bytes their binary headers always hold.
    let has_nul = head.contains(&0);
    if head.starts_with(b"MZ") && has_nul {
        return Some("a program");
    }
    if head.starts_with(b"RIFF") && has_nul {
        return Some(match head.get(8..12) {
            Some(b"WEBP") => "a WebP image",
            _ => "a media file",
        });
    }
    if head.get(4..8) == Some(b"ftyp") && has_nul {
        return Some("a media file");
    }
    if head.starts_with(b"BZh") && head.get(4..10) == Some(b"1AY&SY") {
        return Some("a bzip2 archive");
    }
    None
}

/// UTF-16LE or UTF-16BE when `head`, which has no byte-order mark, looks like UTF-16 text: zero
/// bytes in every other position (the high bytes of spaces, newlines and Latin letters), hardly any
/// in the others, and decoding gives text rather than control characters.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    if !head.contains(&0) {
        return None;
    }
    let units = head.len() / 2;
    let zeros_at_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_at_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (encoding, zeros, other_zeros) = if zeros_at_odd > zeros_at_even {
        (UTF_16LE, zeros_at_odd, zeros_at_even)
    } else {
        (UTF_16BE, zeros_at_even, zeros_at_odd)
    };
    // One in twenty code units is about as rare as spaces and newlines get; text with a run of stray
    // NULs has them at both parities; a handful of NULs says nothing (and text that short in ASCII
    // UTF-16 reads the same as UTF-8 with its NULs dropped).
    if zeros < 4 || zeros * 20 < units || other_zeros * 10 > zeros {
        return None;
    }
    let mut whole_units = head.get(..units * 2)?;
    // The sniffed head may end inside a surrogate pair; that is not an error in the file.
    let high_byte_of_last = if encoding == UTF_16LE {
        whole_units.last()
    } else {
        whole_units
            .len()
            .checked_sub(2)
            .and_then(|i| whole_units.get(i))
    };
    if high_byte_of_last.is_some_and(|b| (0xD8..=0xDB).contains(b)) {
        whole_units = whole_units.get(..whole_units.len() - 2)?;
    }
    let text = encoding.decode_without_bom_handling_and_without_replacement(whole_units)?;
    let chars = text.chars().count();
    let controls = text.chars().filter(|&c| is_dropped_control(c)).count();
    (controls * 20 <= chars).then_some(encoding)
}

/// Whether valid-UTF-8 `bytes` are really ISO-2022-JP: ASCII only, with that encoding's escapes.
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    if !bytes.is_ascii() || !bytes.contains(&0x1B) {
        return false;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    let prefix = bytes.get(..DETECT_BYTES).unwrap_or(bytes);
    detector.feed(prefix, prefix.len() == bytes.len());
    detector.guess(None, Utf8Detection::Deny) == ISO_2022_JP
}

/// How many bytes are invalid when `bytes`, which are not valid UTF-8, are still mostly UTF-8
/// (see [`MOSTLY_UTF8_PERCENT`]); `None` when they look like another encoding.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (invalid > 0 && valid * 100 >= (valid + invalid) * MOSTLY_UTF8_PERCENT).then_some(invalid)
}

/// chardetng's guess of the legacy encoding of `bytes`, which are not UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    // ISO-2022-JP is safe to allow: factdesk only shows the text, it never runs it as a page would.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    let prefix = bytes.get(..DETECT_BYTES).unwrap_or(bytes);
    detector.feed(prefix, prefix.len() == bytes.len());
    // Deny: the bytes are known not to be UTF-8, and a prefix that happens to be valid must not
    // make the guess UTF-8 anyway.
    let guess = detector.guess(None, Utf8Detection::Deny);
    if guess != WINDOWS_1252 && guess.is_single_byte() && reads_the_same(guess, WINDOWS_1252, bytes)
    {
        // chardetng may name a neighbour (windows-1250 for English with curly quotes and á é í)
        // when the bytes cannot tell them apart; the text is the same, and windows-1252 is what
        // such a file was most likely saved as, so that is the name the user should see.
        return WINDOWS_1252;
    }
    guess
}

/// Whether single-byte encodings `a` and `b` decode every non-ASCII byte in `bytes` alike.
fn reads_the_same(a: &'static Encoding, b: &'static Encoding, bytes: &[u8]) -> bool {
    let mut seen = [false; 128];
    for &byte in bytes {
        if let Some(slot) = seen.get_mut(usize::from(byte.wrapping_sub(0x80))) {
            *slot = true;
        }
    }
    (0x80..=0xFF_u8)
        .zip(seen)
        .filter(|&(_, was_seen)| was_seen)
        .all(|(byte, _)| {
            a.decode_without_bom_handling(&[byte]).0 == b.decode_without_bom_handling(&[byte]).0
        })
}

/// `bytes` (without a byte-order mark) decoded as `encoding`, each malformed sequence replaced by
/// U+FFFD and counted in a warning.
fn decode_with<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    warnings: &mut Vec<String>,
) -> Cow<'a, str> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return text;
    }
    // The slow path, only for input with errors: decode piece by piece to count them.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut rest = bytes;
    let mut malformed = 0usize;
    loop {
        let needed = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len().saturating_mul(3));
        text.reserve(needed.max(4));
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    warnings.push(format!(
        "{} could not be read as {} and {} replaced with \u{FFFD}.",
        count(malformed, "byte sequence", "byte sequences"),
        encoding.name(),
        if malformed == 1 { "was" } else { "were" },
    ));
    Cow::Owned(text)
}

/// Normalises decoded `text` into a [`DecodedText`], adding a warning when control characters were
/// dropped.
fn finish(text: &str, encoding: &'static Encoding, mut warnings: Vec<String>) -> DecodedText {
    let (text, dropped) = normalise(text);
    if dropped > 0 {
        warnings.push(format!(
            "Dropped {} (such as NUL bytes) that cannot be shown as text.",
            count(dropped, "control character", "control characters"),
        ));
    }
    DecodedText {
        text,
        encoding: encoding.name(),
        warnings,
    }
}

/// `text` without a leading U+FEFF, with CRLF and lone CR as LF and without the control characters
/// [`is_dropped_control`] names; also how many of those were dropped.
fn normalise(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    let mut after_cr = false;
    for c in text.chars() {
        match c {
            // Also a U+FEFF behind another or behind dropped control characters: still leading.
            '\u{FEFF}' if out.is_empty() => continue,
            '\r' => {
                out.push('\n');
                after_cr = true;
                continue;
            }
            // The CR before it already became this line's LF.
            '\n' if after_cr => {}
            c if is_dropped_control(c) => {
                dropped += 1;
                // Keep `after_cr`, so CR NUL LF is still one line break.
                continue;
            }
            c => out.push(c),
        }
        after_cr = false;
    }
    (out, dropped)
}

/// Control characters that text cannot show: C0 except `\t`, `\n` (and `\r`, handled as a line
/// break), DEL, and C1 (U+0080–U+009F).
fn is_dropped_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// "1 byte", "3 bytes".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts tests/data/encodings/make_fixtures.py writes, as they should read after decoding.
    const EN: &str = "\u{201C}Fact-checking is slow work,\u{201D} said the editor. \u{201C}Every claim needs a source, and every source needs a second look.\u{201D}\n\
        The caf\u{E9} on the corner\u{2014}where the team meets on Fridays\u{2014}serves the city\u{2019}s best cr\u{E8}me br\u{FB}l\u{E9}e, and nobody there believes a rumour until it\u{2019}s been checked twice.\n";
    const PL: &str = "Za\u{17C}\u{F3}\u{142}\u{107} g\u{119}\u{15B}l\u{105} ja\u{17A}\u{144}. \u{15A}l\u{105}sk le\u{17C}y na po\u{142}udniu Polski, a \u{141}\u{F3}d\u{17A} w jej \u{15B}rodku.\n\
        \u{179}r\u{F3}d\u{142}a tej informacji sprawdzili\u{15B}my dwukrotnie, zanim redakcja opublikowa\u{142}a artyku\u{142} o \u{17C}\u{F3}\u{142}wiach i \u{15B}wi\u{105}tecznych zwyczajach.\n";
    const JA: &str = "事実確認は時間のかかる仕事です。すべての主張には出典が必要で、すべての出典にはもう一度の確認が必要です。\n\
        編集者は金曜日に会議を開き、空港の近くの喫茶店でコーヒーを飲みながら、うわさを二回確かめます。\n";
    const ASCII: &str = "Claims need sources.\nSources need a second look.\n\n\
        The desk checks every number twice before it prints a verdict.\n";

    fn multi() -> String {
        format!("{EN}{PL}{JA}")
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/encodings/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{e}: {path}"))
    }

    /// Decodes the fixture `name`, checks it is text, and returns the result.
    fn decoded(name: &str) -> DecodedText {
        let bytes = fixture(name);
        assert_eq!(binary_kind(&bytes), None, "{name} must not count as binary");
        decode_text(&bytes)
    }

    #[test]
    fn utf8_is_read_as_is() {
        let d = decoded("utf8.txt");
        assert_eq!((d.text.as_str(), d.encoding), (multi().as_str(), "UTF-8"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn boms_decide_the_encoding_and_are_removed() {
        for (name, encoding) in [
            ("utf8-bom.txt", "UTF-8"),
            ("utf16le-bom.txt", "UTF-16LE"),
            ("utf16be-bom.txt", "UTF-16BE"),
        ] {
            let d = decoded(name);
            assert_eq!(d.encoding, encoding, "{name}");
            assert_eq!(d.text, multi(), "{name}");
            assert!(d.warnings.is_empty(), "{name}: {:?}", d.warnings);
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        for (name, encoding) in [
            ("utf16le-no-bom.txt", "UTF-16LE"),
            ("utf16be-no-bom.txt", "UTF-16BE"),
        ] {
            let d = decoded(name);
            assert_eq!((d.text.as_str(), d.encoding), (ASCII, encoding), "{name}");
            assert_eq!(d.warnings.len(), 1, "{name}: {:?}", d.warnings);
        }
    }

    #[test]
    fn windows_1252_is_guessed_with_its_curly_quotes() {
        let d = decoded("windows-1252.txt");
        assert_eq!((d.text.as_str(), d.encoding), (EN, "windows-1252"));
        assert!(
            d.warnings.iter().any(|w| w.contains("a guess")),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn iso_8859_2_polish_is_guessed() {
        let d = decoded("iso-8859-2.txt");
        assert_eq!((d.text.as_str(), d.encoding), (PL, "ISO-8859-2"));
    }

    #[test]
    fn shift_jis_japanese_is_guessed() {
        let d = decoded("shift_jis.txt");
        assert_eq!((d.text.as_str(), d.encoding), (JA, "Shift_JIS"));
    }

    #[test]
    fn crlf_cr_and_mixed_line_endings_become_lf() {
        assert_eq!(decoded("crlf.txt").text, multi());
        assert_eq!(decoded("cr-only.txt").text, multi());
        // Line by line LF, CRLF, CR: the CRLF and the CR after it are two line breaks.
        assert_eq!(decoded("mixed-eol.txt").text, ASCII);
        let d = decode_text(b"a\r\0\nb\r\r\nc");
        assert_eq!(d.text, "a\nb\n\nc", "CR NUL LF is one break; CR CRLF two");
    }

    #[test]
    fn nuls_in_the_middle_are_dropped_with_a_warning() {
        let d = decoded("nul-in-middle.txt");
        assert_eq!((d.text.as_str(), d.encoding), (multi().as_str(), "UTF-8"));
        assert_eq!(
            d.warnings,
            ["Dropped 6 control characters (such as NUL bytes) that cannot be shown as text."]
        );
    }

    #[test]
    fn other_control_characters_are_dropped_but_tabs_kept() {
        let d = decode_text("a\tb\u{7}c\u{7F}d\u{85}e\u{9F}f\u{C}g".as_bytes());
        assert_eq!(d.text, "a\tbcdefg");
        assert_eq!(
            d.warnings,
            ["Dropped 5 control characters (such as NUL bytes) that cannot be shown as text."]
        );
    }

    #[test]
    fn mostly_utf8_is_read_lossily_not_guessed() {
        let d = decoded("utf8-invalid-bytes.txt");
        let expected = multi()
            .replace("Fact-checking", "Fact-\u{FFFD}checking")
            .replace("Polski", "Pol\u{FFFD}ski");
        assert_eq!((d.text.as_str(), d.encoding), (expected.as_str(), "UTF-8"));
        assert_eq!(
            d.warnings,
            ["2 bytes are not valid UTF-8 and were replaced with \u{FFFD}."]
        );
    }

    #[test]
    fn empty_and_bom_only_files_give_empty_utf8_text() {
        for name in ["empty.txt", "bom-only.txt"] {
            let d = decoded(name);
            assert_eq!((d.text.as_str(), d.encoding), ("", "UTF-8"), "{name}");
            assert!(d.warnings.is_empty(), "{name}: {:?}", d.warnings);
        }
    }

    #[test]
    fn binary_files_are_named_and_text_with_nuls_is_not_binary() {
        assert_eq!(binary_kind(&fixture("tiny.png")), Some("a PNG image"));
        assert_eq!(binary_kind(b"\x7FELF\x02\x01\x01\0"), Some("a program"));
        assert_eq!(binary_kind(b"MZ\x90\0\x03\0\0\0"), Some("a program"));
        assert_eq!(binary_kind(b"MZ is a two-letter word."), None);
        assert_eq!(
            binary_kind(&[0x42, 0, 0, 0, 7, 0, 0, 1, 0, 0]),
            Some("binary data")
        );
        assert_eq!(
            binary_kind(b"\xFF\xFEa\0b\0\0\0\0\0\0\0"),
            None,
            "UTF-16 BOM"
        );
        assert_eq!(binary_kind(b""), None);
    }

    #[test]
    fn iso_2022_jp_is_told_from_ascii() {
        let bytes = b"\x1B$B;v<B3NG'\x1B(B fact check";
        let d = decode_text(bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("事実確認 fact check", "ISO-2022-JP")
        );
    }

    #[test]
    fn decode_as_uses_the_chosen_encoding() {
        let bytes = fixture("iso-8859-2.txt");
        let d = decode_as(&bytes, "iso-8859-2").expect("known label");
        assert_eq!((d.text.as_str(), d.encoding), (PL, "ISO-8859-2"));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        // latin1 is windows-1252 in the Encoding Standard: Polish comes out wrong, as the user asked.
        let wrong = decode_as(&bytes, "latin1").expect("known label");
        assert_eq!(wrong.encoding, "windows-1252");
        assert!(wrong.text.starts_with("Za¿ó³æ"), "{}", wrong.text);
        // A BOM of the chosen encoding is removed; the text is normalised as by decode_text.
        let d = decode_as(&fixture("utf16be-bom.txt"), "utf-16be").expect("known label");
        assert_eq!(d.text, multi());
        let d = decode_as(b"\x82\xA0\r\n\x82\xA2\0", "sjis").expect("known label");
        assert_eq!((d.text.as_str(), d.encoding), ("あ\nい", "Shift_JIS"));
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        let d = decode_as(b"ab\x82", "Shift_JIS").expect("known label");
        assert_eq!(d.text, "ab\u{FFFD}");
        assert_eq!(
            d.warnings,
            ["1 byte sequence could not be read as Shift_JIS and was replaced with \u{FFFD}."]
        );
    }

    #[test]
    fn windows_1252_is_named_when_a_neighbour_reads_the_bytes_the_same() {
        let curly_and_accents = b"\x93Caf\xe9,\x94 he said \x97 \x92tis true.";
        assert!(reads_the_same(
            encoding_rs::WINDOWS_1250,
            WINDOWS_1252,
            curly_and_accents
        ));
        // 0xB9 is \u{105} (a-ogonek) in windows-1250 but a superscript one in windows-1252.
        assert!(!reads_the_same(
            encoding_rs::WINDOWS_1250,
            WINDOWS_1252,
            b"b\xb9d\x93"
        ));
    }

    #[test]
    fn decode_as_refuses_unknown_labels() {
        assert_eq!(decode_as(b"abc", "klingon"), None);
        assert_eq!(decode_as(b"abc", ""), None);
        assert_eq!(
            decode_as(b"abc", "iso-2022-kr"),
            None,
            "the replacement encoding"
        );
    }

    #[test]
    fn every_choice_is_a_known_label_named_as_decode_reports_it() {
        for &(label, display) in encoding_choices() {
            let encoding = Encoding::for_label(label.as_bytes());
            assert_eq!(encoding.map(Encoding::name), Some(label), "{display}");
            assert!(decode_as(b"abc", label).is_some(), "{label}");
        }
        assert!(!encoding_choices().iter().any(|(l, _)| *l == "ISO-8859-1"));
    }

    /// The shared corpus (`../shared/corpus/encodings`, absent on users' machines): every file with
    /// expected text decodes to exactly that text; the rest decode or are refused as binary.
    #[test]
    fn shared_corpus_decodes_as_expected() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/encodings");
        let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.json")) else {
            println!("skipped: no corpus at {}", dir.display());
            return;
        };
        let entries: Vec<serde_json::Value> =
            serde_json::from_str(&manifest).expect("manifest.json is a JSON list");
        let mut failures = Vec::new();
        for entry in &entries {
            let file = entry["file"].as_str().expect("every entry names its file");
            let bytes = std::fs::read(dir.join(file)).expect("listed files exist");
            let binary = binary_kind(&bytes);
            let Some(expected) = entry["expected"].as_str() else {
                // No expected text: refusing as binary or decoding without panicking both pass.
                if binary.is_none() {
                    let d = decode_text(&bytes);
                    assert!(!d.text.contains('\0'), "{file}");
                }
                continue;
            };
            let expected = std::fs::read_to_string(dir.join(expected)).expect("expected text");
            if let Some(kind) = binary {
                failures.push(format!("{file}: refused as {kind}"));
                continue;
            }
            let d = decode_text(&bytes);
            let listed = entry["encoding"]
                .as_str()
                .and_then(|l| Encoding::for_label(l.as_bytes()));
            if let Some(listed) = listed.filter(|e| e.name() != d.encoding) {
                failures.push(format!(
                    "{file}: read as {}, not {}",
                    d.encoding,
                    listed.name()
                ));
            }
            let ok = if file.ends_with(".html") {
                // The expected text is the page's paragraphs, which HTML import extracts; decoding
                // must give text that holds each of them.
                expected
                    .split("\n\n")
                    .all(|p| d.text.contains(p.trim_end_matches('\n')))
            } else {
                d.text == expected
            };
            if !ok {
                failures.push(format!("{file}: read as {} {:?}", d.encoding, d.warnings));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
