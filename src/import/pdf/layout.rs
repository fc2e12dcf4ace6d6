//! Lines of text from glyphs placed one by one.
//!
//! PDF producers differ in how they draw text: LaTeX and Word draw a line or a word at a time with
//! space glyphs between words; Google Docs and Chrome's "Print to PDF" place every glyph on its own
//! and draw no space at all, so a word gap is only a wider step to the next glyph. The text is
//! therefore rebuilt from where each glyph lands: a space where the gap to the next glyph is wider
//! than [`SPACE_GAP`] of the font size (or a space glyph was drawn), a new line where the baseline
//! moves by more than half the font size or the text goes back to the left.
//!
//! Raised, smaller glyphs (footnote marks) glued inside a word or after a soft hyphen are dropped,
//! so the word reads whole; elsewhere they stay.

use unicode_normalization::UnicodeNormalization;

/// A gap wider than this share of the font size between two glyphs is a word space. Word spaces
/// are 0.25–0.33 em in text fonts; kerning and letter spacing move glyphs by less than 0.1 em.
pub(super) const SPACE_GAP: f32 = 0.15;

/// A glyph as drawn on the page, in page space (y grows upwards).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// What the glyph stands for; U+FFFD when the font does not say.
    pub(super) ch: char,
    /// Where its baseline starts.
    pub(super) x: f32,
    pub(super) y: f32,
    /// How far it advances the pen.
    pub(super) width: f32,
    /// The font size it is drawn at, in page units.
    pub(super) size: f32,
}

/// A line of text, with where it sits.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    pub(super) text: String,
    /// Baseline of its first glyph.
    pub(super) y: f32,
    /// Left end of its first glyph.
    pub(super) x: f32,
    /// Where the pen is after its last glyph.
    pub(super) end_x: f32,
    /// The largest font size in it.
    pub(super) size: f32,
}

/// What was taken out of the text of a page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Dropped {
    /// Glyphs mapped to private-use code points (icon fonts, unmapped symbols).
    pub(super) private_use: usize,
    /// Glyphs the font gives no character for.
    pub(super) unmapped: usize,
}

/// Whether `c` is a private-use code point: a font's own symbol, meaningless as text.
pub(super) fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Whether `c` is a presentation form to spell out: ligatures (`ﬁ`, `ﬀ`, `ﬆ`) and the
/// Alphabetic Presentation Forms block they are in, which NFKC maps to plain letters.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB00}'..='\u{FB4F}')
}

/// Pushes `c` to `out` as text: ligatures spelled out (NFKC, for that block only), control
/// characters dropped.
pub(super) fn push_char(out: &mut String, c: char) {
    if is_presentation_form(c) {
        out.extend(std::iter::once(c).nfkc());
    } else if !c.is_control() {
        out.push(c);
    }
}

/// Whether `c` is of a script written without spaces between words (Chinese, Japanese, Thai…),
/// where a line break is no word break.
pub(super) fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{2E80}'..='\u{303F}' // CJK radicals, punctuation
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3100}'..='\u{31FF}' // Bopomofo, Katakana extensions
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms (vertical punctuation)
        | '\u{FF00}'..='\u{FFEF}' // full-width forms
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// Whether `mark` looks like a footnote mark set against `line_size` text sitting on `line_y`:
/// digits or a dagger, smaller and raised.
fn is_raised_mark(mark: &Glyph, line_y: f32, line_size: f32) -> bool {
    mark.size < 0.8 * line_size && mark.y - line_y > 0.2 * line_size && is_note_mark(mark.ch)
}

/// Whether `c` can be a footnote mark: a digit, an asterisk or a dagger.
pub(super) fn is_note_mark(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '†' | '‡')
}

/// The line being built.
struct Open {
    /// The text so far; its `end_x` is where the pen is after the last glyph.
    line: Line,
    /// Baseline of the last glyph that was not raised.
    y: f32,
    last_x: f32,
    space_pending: bool,
    /// Raised marks not yet known to be inside a word.
    marks: Vec<Glyph>,
}

impl Open {
    fn new(glyph: &Glyph) -> Self {
        Open {
            line: Line {
                text: String::new(),
                y: glyph.y,
                x: glyph.x,
                end_x: glyph.x,
                size: glyph.size,
            },
            y: glyph.y,
            last_x: glyph.x,
            space_pending: false,
            marks: Vec::new(),
        }
    }

    /// Whether `glyph` goes on this line: its baseline near the line's (or, in vertical writing,
    /// straight below the last glyph) and not back to the left of it.
    fn takes(&self, glyph: &Glyph) -> bool {
        let size = self.line.size.max(glyph.size);
        let raised = glyph.y - self.y;
        let horizontal =
            raised.abs() <= 0.5 * size || (raised > 0.0 && is_raised_mark(glyph, self.y, size));
        if horizontal {
            return glyph.x >= self.line.end_x - 0.5 * size;
        }
        // Vertical writing: each glyph below the last one, at the same x.
        let below = self.y - glyph.y;
        (glyph.x - self.last_x).abs() < 0.2 * size && below > 0.0 && below < 1.6 * size
    }

    fn push(&mut self, glyph: &Glyph, dropped: &mut Dropped) {
        if glyph.ch.is_whitespace() {
            self.space_pending |= !self.line.text.is_empty();
            self.line.end_x = self.line.end_x.max(glyph.x + glyph.width);
            return;
        }
        if glyph.ch == '\u{FFFD}' {
            dropped.unmapped += 1;
            return;
        }
        if is_private_use(glyph.ch) {
            dropped.private_use += 1;
            return;
        }
        if is_raised_mark(glyph, self.y, self.line.size) {
            self.marks.push(glyph.clone());
            self.line.end_x = glyph.x + glyph.width;
            return;
        }
        let gap = glyph.x - self.line.end_x;
        let spaced = self.space_pending || gap > SPACE_GAP * glyph.size.max(self.line.size * 0.5);
        let before = self.line.text.chars().next_back();
        let marks = std::mem::take(&mut self.marks);
        // A mark glued between two letters (or after a soft hyphen) splits a word: leave it out.
        let inside_word = !spaced
            && glyph.ch.is_alphabetic()
            && before.is_some_and(|c| c.is_alphabetic() || c == '\u{AD}');
        if !inside_word {
            for mark in &marks {
                self.line.text.push(mark.ch);
            }
        }
        if spaced && !self.line.text.is_empty() {
            self.line.text.push(' ');
        }
        push_char(&mut self.line.text, glyph.ch);
        self.space_pending = false;
        self.line.end_x = glyph.x + glyph.width;
        self.last_x = glyph.x;
        self.y = glyph.y;
        self.line.size = self.line.size.max(glyph.size);
    }

    fn finish(mut self) -> Line {
        self.line.text = logical_order(&self.line.text);
        // Marks after a soft hyphen at the line end sit inside the word the next line finishes.
        if !self.line.text.ends_with('\u{AD}') {
            for mark in std::mem::take(&mut self.marks) {
                self.line.text.push(mark.ch);
            }
        }
        self.line
    }
}

/// Whether `c` is a letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana…).
fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
    ) && c.is_alphabetic()
}

/// `line` in reading order. PDFs place right-to-left words glyph by glyph from left to right as
/// they are seen, so a run of Arabic or Hebrew words comes out mirrored: its words and the letters
/// in each are reversed back, numbers in it keep their left-to-right order.
fn logical_order(line: &str) -> String {
    if !line.chars().any(is_right_to_left) {
        return line.to_owned();
    }
    let words: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while let Some(word) = words.get(i) {
        if !word.chars().any(is_right_to_left) {
            out.push((*word).to_owned());
            i += 1;
            continue;
        }
        let run_end = words
            .iter()
            .skip(i)
            .position(|w| !w.chars().any(is_right_to_left))
            .map_or(words.len(), |n| i + n);
        let run = words.get(i..run_end).unwrap_or_default();
        out.extend(run.iter().rev().map(|w| reversed_keeping_numbers(w)));
        i = run_end;
    }
    out.join(" ")
}

/// `word` reversed, with its runs of digits kept in order.
fn reversed_keeping_numbers(word: &str) -> String {
    let mut pieces: Vec<String> = Vec::new();
    for c in word.chars() {
        match pieces.last_mut() {
            Some(last) if c.is_ascii_digit() && last.chars().all(|d| d.is_ascii_digit()) => {
                last.push(c);
            }
            _ => pieces.push(c.to_string()),
        }
    }
    pieces.into_iter().rev().collect()
}

/// The lines the `glyphs` of a page make, in the order they are drawn, and what was left out.
pub(super) fn lines(glyphs: &[Glyph]) -> (Vec<Line>, Dropped) {
    let mut lines = Vec::new();
    let mut dropped = Dropped::default();
    let mut open: Option<Open> = None;
    for glyph in glyphs {
        if !(glyph.x.is_finite() && glyph.y.is_finite() && glyph.size.is_finite()) {
            continue;
        }
        let glyph = &Glyph {
            size: glyph.size.abs().max(0.01),
            ..glyph.clone()
        };
        if let Some(current) = open.as_mut() {
            if current.takes(glyph) {
                current.push(glyph, &mut dropped);
                continue;
            }
            if let Some(done) = open.take() {
                lines.push(done.finish());
            }
        }
        if glyph.ch.is_whitespace() {
            continue;
        }
        let mut line = Open::new(glyph);
        line.push(glyph, &mut dropped);
        open = Some(line);
    }
    lines.extend(open.map(Open::finish));
    lines.retain(|l| !l.text.trim().is_empty());
    (lines, dropped)
}

/// Whether `next` starts a new paragraph after `previous`: a gap of more than half a line more
/// than the lines before it, a change of font size (a heading), or a move up the page (a new
/// column).
pub(super) fn starts_paragraph(previous: &Line, next: &Line, line_step: Option<f32>) -> bool {
    let size = previous.size.max(next.size);
    let step = previous.y - next.y;
    if step < -0.5 * size {
        return true;
    }
    let size_change = (previous.size - next.size).abs() > 0.2 * size;
    let usual = line_step.unwrap_or(1.2 * size);
    size_change || step > usual * 1.5 || step > 2.5 * size
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` at size 10 on baseline `y`, each 5 wide, spaces as 3-unit gaps without a
    /// glyph, as Skia places them.
    fn placed(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        let mut pen = x;
        for c in text.chars() {
            if c == ' ' {
                pen += 3.0;
                continue;
            }
            glyphs.push(Glyph {
                ch: c,
                x: pen,
                y,
                width: 5.0,
                size: 10.0,
            });
            pen += 5.0;
        }
        glyphs
    }

    fn texts(glyphs: &[Glyph]) -> Vec<String> {
        lines(glyphs).0.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn gaps_make_spaces_and_kerning_does_not() {
        let mut glyphs = placed("Example document", 0.0, 700.0);
        // Kerning: a glyph pulled in or pushed out by 0.05 em stays in its word.
        glyphs[2].x += 0.5;
        glyphs[4].x -= 0.5;
        assert_eq!(texts(&glyphs), ["Example document"]);
    }

    #[test]
    fn baselines_make_lines_and_ligatures_are_spelled_out() {
        let mut glyphs = placed("The \u{FB01}rst line", 0.0, 700.0);
        glyphs.extend(placed("e\u{FB03}cient next", 0.0, 688.0));
        assert_eq!(texts(&glyphs), ["The first line", "efficient next"]);
    }

    #[test]
    fn private_use_and_unmapped_glyphs_are_dropped_and_counted() {
        let glyphs = placed("\u{E000} Item \u{FFFD}\u{FFFD}", 0.0, 700.0);
        let (lines, dropped) = lines(&glyphs);
        assert_eq!(lines[0].text, "Item");
        assert_eq!(
            dropped,
            Dropped {
                private_use: 1,
                unmapped: 2
            }
        );
    }

    #[test]
    fn a_footnote_mark_inside_a_word_is_dropped_and_one_after_it_kept() {
        let mut glyphs = placed("govern", 0.0, 700.0);
        let mark = |x| Glyph {
            ch: '1',
            x,
            y: 704.0,
            width: 3.0,
            size: 6.0,
        };
        glyphs.push(mark(30.0));
        glyphs.extend(placed("ment rose", 33.0, 700.0));
        glyphs.push(mark(78.0));
        assert_eq!(texts(&glyphs), ["government rose1"]);
    }

    #[test]
    fn right_to_left_words_placed_as_seen_read_in_order() {
        // "مرحبا بالعالم" ("hello world") as a PDF places it, left to right as seen.
        let seen = "2024 ملاعلاب ابحرم";
        assert_eq!(logical_order(seen), "2024 مرحبا بالعالم");
        assert_eq!(logical_order("Hello ابحرم"), "Hello مرحبا");
        assert_eq!(reversed_keeping_numbers("ب12ا"), "ا12ب");
        assert_eq!(logical_order("no change"), "no change");
    }

    #[test]
    fn vertical_writing_reads_down_a_column() {
        let glyphs: Vec<Glyph> = "日本語"
            .chars()
            .enumerate()
            .map(|(i, ch)| Glyph {
                ch,
                x: 500.0,
                #[allow(clippy::cast_precision_loss)]
                y: 700.0 - 10.0 * i as f32,
                width: 10.0,
                size: 10.0,
            })
            .collect();
        assert_eq!(texts(&glyphs), ["日本語"]);
    }

    #[test]
    fn paragraphs_start_at_wide_gaps_size_changes_and_new_columns() {
        let line = |y, size| Line {
            text: String::new(),
            y,
            x: 0.0,
            end_x: 100.0,
            size,
        };
        assert!(!starts_paragraph(
            &line(700.0, 10.0),
            &line(688.0, 10.0),
            Some(12.0)
        ));
        assert!(starts_paragraph(
            &line(700.0, 10.0),
            &line(670.0, 10.0),
            Some(12.0)
        ));
        assert!(starts_paragraph(
            &line(700.0, 20.0),
            &line(680.0, 10.0),
            None
        ));
        assert!(starts_paragraph(
            &line(100.0, 10.0),
            &line(700.0, 10.0),
            None
        ));
    }
}
