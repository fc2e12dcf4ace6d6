//! Text helpers over article text: char offsets, paragraphs and sentences.
//!
//! All ranges here are char (Unicode scalar value) ranges, the unit claim spans use.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// How many chars lie between two byte checkpoints of a [`CharIndex`].
const CHECKPOINT_CHARS: usize = 64;

/// Maps char offsets to byte offsets in one text without walking it from the start each time.
///
/// Keeps the byte offset of every 64th char, so a lookup walks at most 63 chars and the index costs about
/// an eighth of the text's size.
#[derive(Clone, Debug)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    char_len: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_CHARS + 1);
        let mut char_len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % CHECKPOINT_CHARS == 0 {
                checkpoints.push(byte);
            }
            char_len = i + 1;
        }
        Self {
            checkpoints,
            char_len,
        }
    }

    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char `char_offset` in `text` (the text this index was built from); the text's
    /// length for `char_offset == char_len`, `None` past it.
    pub fn byte_offset(&self, text: &str, char_offset: usize) -> Option<usize> {
        if char_offset > self.char_len {
            return None;
        }
        if char_offset == self.char_len {
            return Some(text.len());
        }
        let start = *self.checkpoints.get(char_offset / CHECKPOINT_CHARS)?;
        let rest = text.get(start..)?;
        rest.char_indices()
            .nth(char_offset % CHECKPOINT_CHARS)
            .map(|(b, _)| start + b)
    }

    /// The text of char range `range`, or `None` when it is out of bounds or reversed.
    pub fn slice<'t>(&self, text: &'t str, range: Range<usize>) -> Option<&'t str> {
        if range.start > range.end {
            return None;
        }
        let start = self.byte_offset(text, range.start)?;
        let end = self.byte_offset(text, range.end)?;
        text.get(start..end)
    }
}

/// Number of chars in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The text of char range `range`, or `None` when it is out of bounds or reversed. Walks the text; use
/// [`CharIndex`] for many lookups.
pub fn slice_chars(text: &str, range: Range<usize>) -> Option<&str> {
    CharIndex::new(text).slice(text, range)
}

/// Up to `len` chars before char offset `at`, and up to `len` chars after char offset `end`, as stored
/// in a claim's prefix and suffix so its span can be re-found if the text changes.
pub fn context_around(text: &str, span: Range<usize>, len: usize) -> (String, String) {
    let prefix: String = text
        .chars()
        .take(span.start)
        .skip(span.start.saturating_sub(len))
        .collect();
    let suffix: String = text.chars().skip(span.end).take(len).collect();
    (prefix, suffix)
}

/// Char ranges of the paragraphs of `text`, without surrounding line breaks.
///
/// Usually each non-blank line is a paragraph, as in text copied from a web page. Text hard-wrapped at a
/// fixed width (e-mail, Project Gutenberg books) is recognised by its blank lines between blocks of
/// consecutive lines; there each block is a paragraph and its inner line breaks count as spaces (see
/// [`display_text`]). Markdown source with several lines per block is read the same way.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = line_ranges(text);
    if !is_hard_wrapped(&lines) {
        return lines
            .into_iter()
            .filter(|l| !l.blank)
            .map(|l| l.chars)
            .collect();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut block: Option<Range<usize>> = None;
    for line in lines {
        match (&mut block, line.blank) {
            (Some(b), false) => b.end = line.chars.end,
            (None, false) => block = Some(line.chars),
            (Some(_), true) => out.extend(block.take()),
            (None, true) => {}
        }
    }
    out.extend(block);
    out
}

/// One line of a text.
struct Line {
    chars: Range<usize>,
    blank: bool,
    /// Starts with white space (an ideographic space opens a paragraph in Japanese text).
    indented: bool,
}

fn line_ranges(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    let mut blank = true;
    let mut indented = false;
    for ch in text.chars() {
        if ch == '\n' {
            lines.push(Line {
                chars: start..pos,
                blank,
                indented,
            });
            start = pos + 1;
            blank = true;
        } else if !ch.is_whitespace() {
            blank = false;
        }
        if pos == start {
            indented = ch.is_whitespace() && ch != '\n';
        }
        pos += 1;
    }
    if start < pos {
        lines.push(Line {
            chars: start..pos,
            blank,
            indented,
        });
    }
    lines
}

/// Whether many non-blank lines (over a third) run on into the next line and blank lines separate the
/// blocks: the shape of text wrapped at a fixed width. A line followed by an indented one ends a
/// paragraph rather than running on.
fn is_hard_wrapped(lines: &[Line]) -> bool {
    let non_blank = lines.iter().filter(|l| !l.blank).count();
    let has_blank_separator = lines.iter().any(|l| l.blank);
    let running_on = lines
        .windows(2)
        .filter(|pair| matches!(pair, [a, b] if !a.blank && !b.blank && !b.indented))
        .count();
    has_blank_separator && running_on * 3 > non_blank
}

/// The text of a paragraph as it is shown and segmented: line breaks inside it become spaces. Char
/// offsets are unchanged, since one char replaces one char.
pub fn display_text(paragraph: &str) -> std::borrow::Cow<'_, str> {
    if paragraph.contains('\n') {
        std::borrow::Cow::Owned(paragraph.replace('\n', " "))
    } else {
        std::borrow::Cow::Borrowed(paragraph)
    }
}

/// Words that end with a full stop without ending the sentence when a capitalised word or a number
/// follows: titles before names, month and reference abbreviations. Compared case-sensitively.
const NON_TERMINAL_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Cmdr",
    "Sgt", "Adm", "Maj", "Pres", "Rev", "Hon", "Fr", "St", "Mt", "Ft", "Jan", "Feb", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec", "No", "Nos", "Vol", "Fig", "Art", "Sec", "Ch", "pp", "p", "vs",
    "v", "approx", "ca", "cf", "e.g", "i.e", "Inc", "Corp", "Ltd", "Co", "Bros", "Ave", "Blvd",
    "Rd", "Dept", "Univ", "Assn", "Jr", "Sr",
];

/// Char ranges of the sentences of `text`, trimmed of surrounding white space, never crossing a
/// paragraph break.
///
/// Uses Unicode sentence boundaries (UAX #29), which already keep "3:30 p.m. and" and "the U.S.
/// temporarily" together because a lower-case word follows, then rejoins breaks after titles, initials
/// and reference abbreviations ("Dr. Smith", "John F. Kennedy", "No. 10"). After a dotted abbreviation
/// ("U.S.", "p.m.") a capitalised word continues the sentence ("the U.S. Embassy") unless it is a usual
/// sentence opener ("the U.S. They ..."). Limitation: a sentence that ends in a dotted abbreviation and
/// is followed by one starting with a name ("in Washington, D.C. Police said") stays joined.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in(text, &paragraphs(text))
}

/// The sentences of `text` within the given paragraph ranges (an article's blocks), as [`sentences`]
/// finds them.
pub fn sentences_in(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let index = CharIndex::new(text);
    let mut out = Vec::new();
    for paragraph in paragraphs.iter().cloned() {
        let Some(para_text) = index.slice(text, paragraph.clone()) else {
            continue;
        };
        sentences_in_paragraph(&display_text(para_text), paragraph.start, &mut out);
    }
    out
}

/// A run of this many white-space characters ends a sentence whatever comes before it. Besides being
/// right for text laid out with gaps, it bounds the work: UAX #29's rules look across a run of white
/// space after a full stop, which makes segmenting one long run take time quadratic in its length.
const LONG_GAP: usize = 64;

fn sentences_in_paragraph(para: &str, char_base: usize, out: &mut Vec<Range<usize>>) {
    // Byte ranges of UAX #29 sentences, merged across abbreviation breaks.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for (piece_start, piece) in split_at_long_gaps(para) {
        for (byte_start, sentence) in piece.split_sentence_bound_indices() {
            let range = piece_start + byte_start..piece_start + byte_start + sentence.len();
            match merged.last_mut() {
                Some(last)
                    if last.end == range.start
                        && should_join(para.get(last.clone()).unwrap_or(""), sentence) =>
                {
                    last.end = range.end
                }
                _ => merged.push(range),
            }
        }
    }
    // Char offsets are counted on from the previous sentence, so a paragraph of many sentences is
    // walked once.
    let (mut byte_pos, mut char_pos) = (0, 0);
    for range in merged {
        let Some(piece) = para.get(range.clone()) else {
            continue;
        };
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start_byte = range.start + lead;
        char_pos += para
            .get(byte_pos..start_byte)
            .map_or(0, |s| s.chars().count());
        byte_pos = start_byte;
        let start = char_base + char_pos;
        out.push(start..start + trimmed.chars().count());
    }
}

/// `para` cut around each run of at least [`LONG_GAP`] white-space characters, as (byte offset, piece)
/// pairs; the runs themselves are left out.
fn split_at_long_gaps(para: &str) -> Vec<(usize, &str)> {
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut run: Option<(usize, usize)> = None; // (byte start, length in chars)
    for (i, c) in para.char_indices() {
        if c.is_whitespace() {
            let (start, len) = run.unwrap_or((i, 0));
            run = Some((start, len + 1));
            continue;
        }
        if let Some((start, len)) = run.take()
            && len >= LONG_GAP
        {
            if let Some(piece) = para.get(piece_start..start) {
                pieces.push((piece_start, piece));
            }
            piece_start = i;
        }
    }
    let end = match run {
        Some((start, len)) if len >= LONG_GAP => start,
        _ => para.len(),
    };
    if let Some(piece) = para.get(piece_start..end) {
        pieces.push((piece_start, piece));
    }
    pieces
}

/// Whether a sentence break between `before` and `after` falls after an abbreviation rather than at a
/// sentence end.
fn should_join(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let Some(without_stop) = before.strip_suffix('.') else {
        return false;
    };
    let last_word = without_stop
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let next_starts_like_name_or_number = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !next_starts_like_name_or_number {
        return false;
    }
    let is_initial = {
        let mut chars = last_word.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    };
    if is_initial || NON_TERMINAL_ABBREVIATIONS.contains(&last_word) {
        return true;
    }
    // "U.S. Embassy" goes on, "the U.S. They" ends: after a dotted abbreviation the next word decides.
    is_dotted_abbreviation(last_word) && !starts_with_sentence_opener(after)
}

/// Whether `word` (without its final full stop) is letters joined by full stops, like "U.S", "p.m" or
/// "D.C".
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

/// Words that usually open a sentence rather than continue a name: pronouns, articles, conjunctions
/// and sentence adverbs.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "His",
    "Her",
    "They",
    "Their",
    "We",
    "Our",
    "I",
    "You",
    "Your",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "In",
    "On",
    "At",
    "For",
    "By",
    "With",
    "From",
    "To",
    "However",
    "Meanwhile",
    "Still",
    "Then",
    "Now",
    "Also",
    "Some",
    "Many",
    "Most",
    "No",
    "Not",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Officials",
    "According",
];

fn starts_with_sentence_opener(text: &str) -> bool {
    let word: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
        .collect();
    SENTENCE_OPENERS.contains(&word.as_str())
}

/// The sentence (from `sentences`, sorted) that contains char offset `at`.
pub fn sentence_at(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let index = sentences.partition_point(|s| s.end <= at);
    sentences.get(index).filter(|s| s.contains(&at)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        sentences(text)
            .into_iter()
            .map(|r| slice_chars(text, r).unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn sample_time_sentence_is_one_sentence() {
        let text = crate::SAMPLE_ARTICLE;
        let all = sentence_texts(text);
        assert!(
            all.iter().any(|s| s.starts_with(
                "Biden’s remarks are scheduled to take place at 3:30 p.m. and come hours after"
            ) && s.ends_with("are complete.")),
            "{all:#?}"
        );
    }

    #[test]
    fn sample_us_is_not_a_sentence_end() {
        let all = sentence_texts(crate::SAMPLE_ARTICLE);
        assert!(
            all.contains(&"Additionally, on Monday, the U.S. temporarily relocated its embassy operations from Kyiv to the western city of Lviv, as IJR reported.".to_owned()),
            "{all:#?}"
        );
    }

    #[test]
    fn quoted_sentences_keep_their_closing_quote() {
        let all = sentence_texts(crate::SAMPLE_ARTICLE);
        assert!(
            all.contains(&"Putin responded, “Good.”".to_owned()),
            "{all:#?}"
        );
        assert!(
            all.contains(
                &"“I would propose continuing and intensifying them,” he added.".to_owned()
            )
        );
    }

    #[test]
    fn titles_initials_and_numbers_do_not_end_sentences() {
        let text = "Dr. Smith met John F. Kennedy at No. 10 Downing St. yesterday. Then they left.";
        assert_eq!(
            sentence_texts(text),
            vec![
                "Dr. Smith met John F. Kennedy at No. 10 Downing St. yesterday.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn after_dotted_abbreviations_the_next_word_decides() {
        assert_eq!(
            sentence_texts(
                "The U.S. Embassy in Kyiv closed. Troops returned to the U.S. They left at 3 p.m. The talks ended."
            ),
            vec![
                "The U.S. Embassy in Kyiv closed.",
                "Troops returned to the U.S.",
                "They left at 3 p.m.",
                "The talks ended.",
            ]
        );
        assert_eq!(
            sentence_texts("It opened at 9 a.m. Tuesday in Washington. It closed."),
            vec!["It opened at 9 a.m. Tuesday in Washington.", "It closed."]
        );
    }

    #[test]
    fn a_long_run_of_spaces_ends_a_sentence_and_costs_linear_time() {
        let gap = " ".repeat(20_000);
        let text = format!("First one. Second{gap}third part. Fourth.");
        let started = std::time::Instant::now();
        let found = sentence_texts(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(
            found,
            vec!["First one.", "Second", "third part.", "Fourth."]
        );
        // Short gaps change nothing.
        assert_eq!(
            sentence_texts("Alpha beta.      Gamma delta."),
            vec!["Alpha beta.", "Gamma delta."]
        );
    }

    #[test]
    fn offsets_stay_right_over_many_sentences_with_wide_characters() {
        let text = "Ünïcode ✓ one. 二つ目の文。 Third 🙂 here. ".repeat(2_000);
        let sentences = sentences(&text);
        assert_eq!(sentences.len(), 6_000);
        let index = CharIndex::new(&text);
        for range in sentences {
            let slice = index.slice(&text, range).unwrap_or_default();
            assert!(
                !slice.starts_with(' ') && !slice.ends_with(' '),
                "{slice:?}"
            );
        }
    }

    #[test]
    fn sentences_never_cross_paragraphs_and_are_trimmed() {
        let text = "First line without stop\n\n  Second paragraph. Third one!  \n";
        assert_eq!(
            sentence_texts(text),
            vec!["First line without stop", "Second paragraph.", "Third one!"]
        );
    }

    #[test]
    fn hard_wrapped_text_is_read_in_blocks_and_sentences_run_across_line_breaks() {
        let text = "CHAPTER I\n\n\"Well, Prince, so Genoa and Lucca are now just family\nestates of the Buonapartes. But I warn you.\"\n\nIt was in July, 1805, and\nthe speaker was Anna.\n";
        let paras: Vec<String> = paragraphs(text)
            .into_iter()
            .map(|r| slice_chars(text, r).unwrap_or_default().to_owned())
            .collect();
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(paras[1].contains("family\nestates"));
        assert_eq!(
            sentence_texts(text),
            vec![
                "CHAPTER I",
                "\"Well, Prince, so Genoa and Lucca are now just family\nestates of the Buonapartes.",
                "But I warn you.\"",
                "It was in July, 1805, and\nthe speaker was Anna.",
            ]
        );
    }

    #[test]
    fn indented_lines_open_paragraphs_as_in_japanese_text() {
        let text = "吾輩は猫である\n\n\u{3000}吾輩は猫である。名前はまだ無い。\n\u{3000}どこで生れたかとんと見当がつかぬ。\n\u{3000}何でも薄暗い所で泣いていた。\n";
        assert_eq!(paragraphs(text).len(), 4);
    }

    #[test]
    fn one_paragraph_per_line_when_lines_do_not_run_on() {
        let text =
            "First paragraph is a whole line.\n\nSecond one too.\nThird, right after.\n\nFourth.";
        assert_eq!(paragraphs(text).len(), 4);
        assert_eq!(
            paragraphs(crate::SAMPLE_ARTICLE).len(),
            crate::SAMPLE_ARTICLE.lines().count()
        );
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence_only() {
        let text = "One two. Three four.";
        let all = sentences(text);
        assert_eq!(sentence_at(&all, 0), Some(0..8));
        assert_eq!(sentence_at(&all, 10), Some(9..20));
        assert_eq!(
            sentence_at(&all, 8),
            None,
            "the space between sentences belongs to none"
        );
    }

    #[test]
    fn char_index_slices_multibyte_text_like_a_walk() {
        let text: String = "Zażółć “gęślą” jaźń — 日本語のテキスト. ".repeat(40);
        let index = CharIndex::new(&text);
        let n = char_len(&text);
        assert_eq!(index.char_len(), n);
        for (start, end) in [(0, 0), (0, 5), (63, 65), (64, 200), (n - 3, n), (n, n)] {
            let expected: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(index.slice(&text, start..end), Some(expected.as_str()));
        }
        assert_eq!(index.slice(&text, 0..n + 1), None);
        let (start, end) = (5, 4);
        assert_eq!(
            index.slice(&text, start..end),
            None,
            "a reversed range has no text"
        );
    }

    #[test]
    fn context_is_clipped_at_text_edges() {
        let (prefix, suffix) = context_around("abcdefghij", 2..4, 3);
        assert_eq!((prefix.as_str(), suffix.as_str()), ("ab", "efg"));
        let (prefix, suffix) = context_around("abcdefghij", 6..10, 3);
        assert_eq!((prefix.as_str(), suffix.as_str()), ("def", ""));
    }
}
