//! Finding text in an article: case, diacritics and whole words, with results in the article's own
//! char offsets (the ones claims use).
//!
//! A text is folded once into a [`SearchText`] (lower-cased and stripped of diacritics unless asked
//! not to, white space runs made one space) that remembers, for every byte of the folded text, the
//! char of the original it came from. Each query is folded the same way and looked for with a SIMD
//! substring search, and every hit is mapped back through that table. Folding costs one pass over the
//! text; a query then costs a few milliseconds on a 5 MB text (see docs/PERFORMANCE.md).
//!
//! Limitations: combining marks are compared in the order they are written (a text with two marks on
//! one letter in the other canonical order is not found when diacritics must match); case is folded
//! char by char, so "ß" does not find "ss".

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, decompose_compatible, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Most matches one search returns; a query matching more says so rather than filling memory.
pub const MATCH_LIMIT: usize = 100_000;

/// How a query is compared with the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FindOptions {
    /// "Anna" does not find "anna".
    pub match_case: bool,
    /// "Pavlovna" does not find "Pávlovna". When off, diacritics (combining accents, Arabic harakat,
    /// Hebrew points) are ignored and compatibility forms (ligatures, full-width letters) match their
    /// plain letters.
    pub match_diacritics: bool,
    /// Matches must start and end at word boundaries (Unicode word segmentation, UAX #29).
    pub whole_words: bool,
}

impl FindOptions {
    /// The part of the options that decides how text is folded; a [`SearchText`] is made for one.
    pub fn folding(self) -> Folding {
        Folding {
            match_case: self.match_case,
            match_diacritics: self.match_diacritics,
        }
    }
}

/// How a text is folded for searching: which differences are kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Folding {
    /// Keep upper and lower case apart.
    pub match_case: bool,
    /// Keep diacritics and compatibility forms.
    pub match_diacritics: bool,
}

/// The matches of one query: char ranges of the original text in reading order, never overlapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    /// Char ranges of the original text.
    pub ranges: Vec<Range<usize>>,
    /// More matches exist than [`MATCH_LIMIT`]; only the first are listed.
    pub truncated: bool,
}

/// A text folded for searching, with the way back to the original's char offsets.
#[derive(Debug)]
pub struct SearchText {
    folding: Folding,
    folded: String,
    /// For each byte of `folded`, the char of the original text it came from.
    origin: Vec<u32>,
    char_len: usize,
    /// Word boundaries of the original (bit per char offset), found on the first whole-word search.
    word_bounds: OnceLock<Vec<u64>>,
}

impl SearchText {
    /// Folds `text` as `folding` says. Takes one pass over the text and about five bytes of memory
    /// per byte of it.
    pub fn new(text: &str, folding: Folding) -> Self {
        let mut folder = Folder::new(folding, text.len());
        let mut char_len = 0;
        for (index, ch) in text.chars().enumerate() {
            folder.push(ch, index_u32(index));
            char_len = index + 1;
        }
        Self {
            folding,
            folded: folder.out,
            origin: folder.origin,
            char_len,
            word_bounds: OnceLock::new(),
        }
    }

    /// The folding this text was prepared with.
    pub fn folding(&self) -> Folding {
        self.folding
    }

    /// Size of the folded text in bytes, for callers that keep several in memory.
    pub fn folded_len(&self) -> usize {
        self.folded.len()
    }

    /// Where `query` occurs in `text`, the text this was made from, compared as `options` say (their
    /// folding part is this text's own). At most [`MATCH_LIMIT`] matches; an empty query has none.
    pub fn find(&self, text: &str, query: &str, options: FindOptions) -> Matches {
        self.find_limited(text, query, options, MATCH_LIMIT)
    }

    /// [`SearchText::find`] with another limit.
    pub fn find_limited(
        &self,
        text: &str,
        query: &str,
        options: FindOptions,
        limit: usize,
    ) -> Matches {
        let needle = fold(query, self.folding);
        let mut matches = Matches::default();
        if needle.is_empty() {
            return matches;
        }
        let hay = self.folded.as_bytes();
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut from = 0;
        while let Some(found) = hay.get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + found;
            let end = start + needle.len();
            let accepted = self
                .original_range(start, end)
                .filter(|r| !options.whole_words || self.is_whole_word(text, r));
            match accepted {
                Some(range) => {
                    if matches.ranges.len() >= limit {
                        matches.truncated = true;
                        break;
                    }
                    matches.ranges.push(range);
                    from = end;
                }
                // Another hit may start inside a rejected one ("aa" at the end of "aaa" as a word).
                None => from = start + 1,
            }
        }
        matches
    }

    /// The original char range of folded bytes `start..end`, or `None` when the hit starts or ends
    /// inside one original char (a letter of a ligature) or ends before a combining mark that belongs
    /// to its last letter.
    fn original_range(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let first = *self.origin.get(start)?;
        let last = *self.origin.get(end.checked_sub(1)?)?;
        if start > 0 && self.origin.get(start - 1) == Some(&first) {
            return None;
        }
        let next = self.origin.get(end).copied();
        if next == Some(last) {
            return None;
        }
        if self
            .folded
            .get(end..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_combining_mark)
        {
            return None;
        }
        // The end takes in chars folded away after the last letter (its diacritics).
        let end_char = next.map_or(self.char_len, |n| n as usize);
        Some(first as usize..end_char)
    }

    fn is_whole_word(&self, text: &str, range: &Range<usize>) -> bool {
        let bounds = self
            .word_bounds
            .get_or_init(|| word_boundaries(text, self.char_len));
        let is_bound = |at: usize| {
            bounds
                .get(at / 64)
                .is_some_and(|word| word & (1 << (at % 64)) != 0)
        };
        is_bound(range.start) && is_bound(range.end)
    }
}

/// Where `query` occurs in `text` as `options` say; folds the whole text, so for repeated searches
/// keep a [`SearchText`].
pub fn find_in(text: &str, query: &str, options: FindOptions) -> Matches {
    SearchText::new(text, options.folding()).find(text, query, options)
}

/// `text` folded as `folding` says, as queries are before they are looked for.
pub fn fold(text: &str, folding: Folding) -> String {
    let mut folder = Folder::new(folding, text.len());
    for ch in text.chars() {
        folder.push(ch, 0);
    }
    folder.out
}

fn index_u32(index: usize) -> u32 {
    // Texts are bounded far below 4 G chars on load; saturating keeps an absurd one from panicking.
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Bit `i` set when a word boundary lies before char `i` (and at the very end).
fn word_boundaries(text: &str, char_len: usize) -> Vec<u64> {
    let mut bits = vec![0u64; char_len / 64 + 1];
    let mut set = |at: usize| {
        if let Some(word) = bits.get_mut(at / 64) {
            *word |= 1 << (at % 64);
        }
    };
    let mut at = 0;
    for word in text.split_word_bounds() {
        set(at);
        at += word.chars().count();
    }
    set(at);
    bits
}

/// Folds chars one at a time, recording where each output byte came from.
struct Folder {
    folding: Folding,
    out: String,
    origin: Vec<u32>,
    /// The last char written was white space, so more white space adds nothing.
    after_space: bool,
}

impl Folder {
    fn new(folding: Folding, capacity: usize) -> Self {
        Self {
            folding,
            out: String::with_capacity(capacity),
            origin: Vec::with_capacity(capacity),
            after_space: false,
        }
    }

    fn push(&mut self, ch: char, index: u32) {
        if ch.is_ascii() {
            // Most text is ASCII: no tables to look at.
            let ch = if self.folding.match_case {
                ch
            } else {
                ch.to_ascii_lowercase()
            };
            self.emit(ch, index);
        } else if self.folding.match_diacritics {
            decompose_canonical(ch, |d| self.push_decomposed(d, index));
        } else {
            decompose_compatible(ch, |d| self.push_decomposed(d, index));
        }
    }

    fn push_decomposed(&mut self, ch: char, index: u32) {
        if is_ignorable(ch) || (!self.folding.match_diacritics && is_diacritic(ch)) {
            return;
        }
        if self.folding.match_case {
            self.emit_letter(ch, index);
            return;
        }
        for lower in ch.to_lowercase() {
            // Lower-casing can add a mark ("İ" gives "i" and a dot above).
            if !self.folding.match_diacritics && is_diacritic(lower) {
                continue;
            }
            self.emit_letter(fold_final_sigma(lower), index);
        }
    }

    fn emit_letter(&mut self, ch: char, index: u32) {
        let ch = if self.folding.match_diacritics {
            ch
        } else {
            fold_letter(ch)
        };
        self.emit(fold_punctuation(ch), index);
    }

    fn emit(&mut self, ch: char, index: u32) {
        let ch = if ch.is_whitespace() {
            if self.after_space {
                return;
            }
            self.after_space = true;
            ' '
        } else {
            self.after_space = false;
            ch
        };
        self.out.push(ch);
        self.origin
            .extend(std::iter::repeat_n(index, ch.len_utf8()));
    }
}

/// Marks a reader does not type: combining accents, Arabic vowel signs, Hebrew points. Vowel signs of
/// Indic scripts and the Japanese voicing marks are letters' own parts and are kept.
fn is_diacritic(ch: char) -> bool {
    matches!(ch,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Invisible chars that only steer layout: soft hyphen, zero-width space, word joiner, BOM.
fn is_ignorable(ch: char) -> bool {
    matches!(ch, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Letters with a stroke or slash that Unicode does not decompose, read as their base letter when
/// diacritics are ignored ("Łódź" is found by "Lodz").
fn fold_letter(ch: char) -> char {
    match ch {
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' => 'd',
        'Đ' => 'D',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ŧ' => 't',
        'Ŧ' => 'T',
        _ => ch,
    }
}

/// The final sigma is the same letter as σ.
fn fold_final_sigma(ch: char) -> char {
    if ch == 'ς' { 'σ' } else { ch }
}

/// Typographic apostrophes and quotation marks match the typed ones: "don't" finds "don’t".
fn fold_punctuation(ch: char) -> char {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        _ => ch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The original text of each match.
    fn found(text: &str, query: &str, options: FindOptions) -> Vec<String> {
        find_in(text, query, options)
            .ranges
            .into_iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    const LOOSE: FindOptions = FindOptions {
        match_case: false,
        match_diacritics: false,
        whole_words: false,
    };

    #[test]
    fn case_is_ignored_unless_asked_for() {
        let text = "The cat saw the THE theme.";
        assert_eq!(found(text, "the", LOOSE), ["The", "the", "THE", "the"]);
        let exact = FindOptions {
            match_case: true,
            ..LOOSE
        };
        assert_eq!(found(text, "the", exact), ["the", "the"]);
        assert_eq!(
            find_in(text, "the", exact).ranges,
            [12..15, 20..23],
            "char ranges of the original"
        );
    }

    #[test]
    fn diacritics_are_ignored_by_default_and_ranges_point_into_the_original() {
        // Precomposed á, and é written as e + combining acute: both are one letter to a reader.
        let text = "Анна Па́вловна and Pávlovna, Pave\u{301}l.";
        let matches = find_in(text, "pavlovna", LOOSE);
        assert_eq!(matches.ranges.len(), 1);
        let range = matches.ranges[0].clone();
        let original: String = text.chars().skip(range.start).take(range.len()).collect();
        assert_eq!(original, "Pávlovna");
        assert_eq!(range, 19..27);
        // The combining accent after the last letter belongs to the match.
        assert_eq!(found(text, "pave", LOOSE), ["Pave\u{301}"]);
        // Cyrillic with a stress mark, as in dictionaries and learners' texts.
        assert_eq!(found(text, "павловна", LOOSE), ["Па́вловна"]);

        let strict = FindOptions {
            match_diacritics: true,
            ..LOOSE
        };
        assert!(found(text, "pavlovna", strict).is_empty());
        assert_eq!(found(text, "pávlovna", strict), ["Pávlovna"]);
        // Precomposed in the query, decomposed in the text: the same letter.
        assert_eq!(found(text, "pavé", strict), ["Pave\u{301}"]);
        // Without its accent, "e" is not the "é" of the text.
        assert!(found(text, "pave", strict).is_empty());
    }

    #[test]
    fn letters_with_strokes_and_typographic_quotes_match_what_people_type() {
        let text = "Łódź wasn’t “Kraków”.";
        assert_eq!(found(text, "lodz", LOOSE), ["Łódź"]);
        assert_eq!(found(text, "wasn't", LOOSE), ["wasn’t"]);
        assert_eq!(found(text, "\"krakow\"", LOOSE), ["“Kraków”"]);
    }

    #[test]
    fn whole_words_follow_unicode_word_boundaries() {
        let options = FindOptions {
            whole_words: true,
            ..LOOSE
        };
        let text = "the theme, then the; bathe THE end";
        assert_eq!(find_in(text, "the", options).ranges, [0..3, 16..19, 27..30]);
        // A rejected hit does not hide one that starts inside it.
        assert_eq!(found("aaa aa", "aa", options), ["aa"]);
        assert_eq!(find_in("aaa aa", "aa", options).ranges, vec![4..6]);
        // A contraction is one word.
        assert!(found("don't", "don", options).is_empty());
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        assert!(find_in("some text", "", LOOSE).ranges.is_empty());
        // Only chars that fold away.
        assert!(find_in("some text", "\u{301}", LOOSE).ranges.is_empty());
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find_in("aaaa", "aa", LOOSE).ranges, [0..2, 2..4]);
        assert_eq!(find_in("aaaaa", "aa", LOOSE).ranges, [0..2, 2..4]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        // Devanagari vowel signs are combining marks, but part of the syllable: "क" is not "कि".
        let text = "कि क";
        assert_eq!(find_in(text, "क", LOOSE).ranges, vec![3..4]);
        // Japanese voicing marks are kept: か is not が (decomposed or precomposed).
        let kana = "が か \u{304B}\u{3099}";
        assert_eq!(find_in(kana, "か", LOOSE).ranges, vec![2..3]);
        assert_eq!(find_in(kana, "が", LOOSE).ranges, [0..1, 4..6]);
    }

    #[test]
    fn cjk_text_is_searched_by_character_and_word() {
        let text = "東京都の人口は約1400万人。東京は首都です。";
        assert_eq!(find_in(text, "東京", LOOSE).ranges, [0..2, 15..17]);
        // Full-width digits are the same digits.
        assert_eq!(found("人口１４００万", "1400", LOOSE), ["１４００"]);
        let words = FindOptions {
            whole_words: true,
            ..LOOSE
        };
        // Each ideograph is a word of its own in Unicode segmentation.
        assert_eq!(find_in(text, "京", words).ranges, [1..2, 16..17]);
    }

    #[test]
    fn white_space_runs_and_line_breaks_match_one_space() {
        let text = "Anna\nPavlovna  Scherer";
        assert_eq!(found(text, "anna pavlovna scherer", LOOSE), [text]);
        assert_eq!(
            found(text, "pavlovna   scherer", LOOSE),
            ["Pavlovna  Scherer"]
        );
    }

    #[test]
    fn partial_ligatures_are_not_matches_but_whole_ones_are() {
        let text = "the ﬁnal ﬁ";
        assert_eq!(found(text, "final", LOOSE), ["ﬁnal"]);
        assert!(found(text, "inal", LOOSE).is_empty());
        assert_eq!(found(text, "fi", LOOSE), ["ﬁ", "ﬁ"]);
    }

    #[test]
    fn capital_i_with_dot_and_final_sigma_fold_as_readers_expect() {
        assert_eq!(found("İstanbul", "istanbul", LOOSE), ["İstanbul"]);
        assert_eq!(
            found("ΟΔΥΣΣΕΥΣ Οδυσσεύς", "οδυσσευς", LOOSE),
            ["ΟΔΥΣΣΕΥΣ", "Οδυσσεύς"]
        );
    }

    #[test]
    fn a_query_matching_too_often_says_the_list_is_cut_short() {
        let text = "a".repeat(50);
        let matches = SearchText::new(&text, LOOSE.folding()).find_limited(&text, "a", LOOSE, 10);
        assert_eq!(matches.ranges.len(), 10);
        assert!(matches.truncated);
        let all = SearchText::new(&text, LOOSE.folding()).find_limited(&text, "a", LOOSE, 50);
        assert!(!all.truncated);
    }
}
