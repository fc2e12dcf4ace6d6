//! The article view's keyboard cursor: a sentence the keys move through, and a selection the keys
//! grow from it by sentence or by word, so any span can be marked without a mouse.
//!
//! Offsets are chars of the article text, like the rest of the view.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::text::CharIndex;

/// How far around the moving end of a selection words are looked for: a word longer than this is
/// crossed in several steps.
const WORD_WINDOW_CHARS: usize = 400;

/// Where the keyboard is in the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyboardCursor {
    /// The sentence the cursor is on.
    sentence: Option<Range<usize>>,
    /// A selection grown by keys: where it started and where its moving end is (char boundaries).
    grown: Option<(usize, usize)>,
}

impl KeyboardCursor {
    /// The sentence the cursor is on.
    pub fn sentence(&self) -> Option<Range<usize>> {
        self.sentence.clone()
    }

    /// The char of a grown selection at its moving end, the one to keep in view.
    pub fn moving_char(&self) -> Option<usize> {
        let (anchor, head) = self.grown?;
        Some(if head > anchor { head - 1 } else { head })
    }

    /// Puts the cursor on `sentence` (after a click on it), ending a grown selection.
    pub fn place(&mut self, sentence: Range<usize>) {
        self.sentence = Some(sentence);
        self.grown = None;
    }

    /// Moves the cursor `step` sentences on (back when negative) and returns the sentence it is on.
    /// Without a cursor yet, it lands on the first sentence that ends after `from` (the first char
    /// in view), so the keys start where the reader is.
    pub fn step_sentence(
        &mut self,
        sentences: &[Range<usize>],
        step: isize,
        from: usize,
    ) -> Option<Range<usize>> {
        self.grown = None;
        let target = match &self.sentence {
            Some(current) => {
                let index = sentences.partition_point(|s| s.start < current.start);
                index
                    .saturating_add_signed(step)
                    .min(sentences.len().saturating_sub(1))
            }
            None => sentences.partition_point(|s| s.end <= from),
        };
        let sentence = sentences.get(target).or(sentences.last())?.clone();
        self.sentence = Some(sentence.clone());
        Some(sentence)
    }

    /// Grows the selection by a sentence (`step` > 0 forwards, < 0 backwards) and returns it; the
    /// opposite key shrinks it again. A selection that is not the one the keys grew (the mouse made
    /// another) is started afresh from the cursor's sentence, which the first press selects whole.
    pub fn grow_by_sentence(
        &mut self,
        sentences: &[Range<usize>],
        selection: Option<&Range<usize>>,
        step: isize,
        from: usize,
    ) -> Option<Range<usize>> {
        let (anchor, head) = match self.continued(selection) {
            Some((anchor, head)) => {
                let next = next_edge(sentences, anchor, head, step);
                (anchor, next.unwrap_or(head))
            }
            None => {
                let sentence = self.current_or_first(sentences, from)?;
                if step > 0 {
                    (sentence.start, sentence.end)
                } else {
                    (sentence.end, sentence.start)
                }
            }
        };
        self.follow(sentences, anchor, head)
    }

    /// Grows the selection by a word (`step` > 0 forwards, < 0 backwards) and returns it. Started
    /// afresh, it begins at the start of the cursor's sentence going forwards, at its end going
    /// backwards.
    pub fn grow_by_word(
        &mut self,
        text: &str,
        index: &CharIndex,
        sentences: &[Range<usize>],
        selection: Option<&Range<usize>>,
        step: isize,
        from: usize,
    ) -> Option<Range<usize>> {
        let (anchor, head) = match self.continued(selection) {
            Some(grown) => grown,
            None => {
                let sentence = self.current_or_first(sentences, from)?;
                let start = if step > 0 {
                    sentence.start
                } else {
                    sentence.end
                };
                (start, start)
            }
        };
        let head = word_boundary(text, index, anchor, head, step).unwrap_or(head);
        self.follow(sentences, anchor, head)
    }

    /// The grown selection's ends, if `selection` is still the one the keys grew.
    fn continued(&self, selection: Option<&Range<usize>>) -> Option<(usize, usize)> {
        let (anchor, head) = self.grown?;
        (selection == Some(&(anchor.min(head)..anchor.max(head)))).then_some((anchor, head))
    }

    fn current_or_first(
        &mut self,
        sentences: &[Range<usize>],
        from: usize,
    ) -> Option<Range<usize>> {
        match self.sentence.clone() {
            Some(sentence) => Some(sentence),
            None => self.step_sentence(sentences, 0, from),
        }
    }

    /// Records a grown selection from `anchor` to `head`, keeps the cursor on the sentence its moving
    /// end is in, and returns the selection (`None` when it is empty).
    fn follow(
        &mut self,
        sentences: &[Range<usize>],
        anchor: usize,
        head: usize,
    ) -> Option<Range<usize>> {
        // The moving end sits at a boundary: going forwards it ends the sentence it is in.
        let at = if head > anchor {
            head.saturating_sub(1)
        } else {
            head
        };
        let index = sentences.partition_point(|s| s.end <= at);
        if let Some(sentence) = sentences.get(index).filter(|s| s.start <= at) {
            self.sentence = Some(sentence.clone());
        }
        if anchor == head {
            self.grown = None;
            return None;
        }
        self.grown = Some((anchor, head));
        Some(anchor.min(head)..anchor.max(head))
    }
}

/// Where the moving end `head` of a selection from `anchor` goes one of `units` (sentences or
/// words, in text order) on (`step` > 0) or back: growing, to the far edge of the next unit (its end
/// forwards, its start backwards); shrinking, to the near edge of the one before (so "The minister"
/// shrinks to "The", not "The "), never past the anchor. What lies between units is crossed.
fn next_edge(units: &[Range<usize>], anchor: usize, head: usize, step: isize) -> Option<usize> {
    if step > 0 {
        if head >= anchor {
            units.iter().find(|u| u.end > head).map(|u| u.end)
        } else {
            units
                .iter()
                .find(|u| u.start > head)
                .map(|u| u.start.min(anchor))
        }
    } else if head <= anchor {
        units.iter().rev().find(|u| u.start < head).map(|u| u.start)
    } else {
        units
            .iter()
            .rev()
            .find(|u| u.end < head)
            .map(|u| u.end.max(anchor))
    }
}

/// Where the moving end `head` of a selection from `anchor` goes a word on (`step` > 0) or back,
/// as [`next_edge`] says, looking at the words around it.
fn word_boundary(
    text: &str,
    index: &CharIndex,
    anchor: usize,
    head: usize,
    step: isize,
) -> Option<usize> {
    let window =
        head.saturating_sub(WORD_WINDOW_CHARS)..(head + WORD_WINDOW_CHARS).min(index.char_len());
    let slice = index.slice(text, window.clone())?;
    let mut words = Vec::new();
    let mut at = window.start;
    for segment in slice.split_word_bounds() {
        let len = segment.chars().count();
        if segment.chars().any(char::is_alphanumeric) {
            words.push(at..at + len);
        }
        at += len;
    }
    let target = next_edge(&words, anchor, head, step);
    // A word longer than the window is crossed in steps of the window.
    target.or(if step > 0 {
        (window.end > head).then_some(window.end)
    } else {
        (window.start < head).then_some(window.start)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::sentences;

    const TEXT: &str = "Prices rose by 40%. The minister denied it. Nobody believed him.";

    fn slice(range: &Range<usize>) -> &'static str {
        &TEXT[range.clone()]
    }

    #[test]
    fn the_cursor_starts_at_the_first_sentence_in_view_and_stops_at_the_ends() {
        let sentences = sentences(TEXT);
        let mut cursor = KeyboardCursor::default();
        let first = cursor.step_sentence(&sentences, 1, 25).unwrap();
        assert_eq!(slice(&first), "The minister denied it.");
        let next = cursor.step_sentence(&sentences, 1, 0).unwrap();
        assert_eq!(slice(&next), "Nobody believed him.");
        let still = cursor.step_sentence(&sentences, 1, 0).unwrap();
        assert_eq!(still, next);
        cursor.step_sentence(&sentences, -1, 0);
        let top = cursor.step_sentence(&sentences, -1, 0).unwrap();
        assert_eq!(slice(&top), "Prices rose by 40%.");
        assert_eq!(cursor.step_sentence(&sentences, -1, 0), Some(top));
    }

    #[test]
    fn growing_by_words_selects_part_of_the_cursor_sentence() {
        let sentences = sentences(TEXT);
        let index = CharIndex::new(TEXT);
        let mut cursor = KeyboardCursor::default();
        cursor.step_sentence(&sentences, 1, 20);
        let mut selection = None;
        for _ in 0..2 {
            selection = cursor.grow_by_word(TEXT, &index, &sentences, selection.as_ref(), 1, 0);
        }
        assert_eq!(slice(&selection.clone().unwrap()), "The minister");
        selection = cursor.grow_by_word(TEXT, &index, &sentences, selection.as_ref(), -1, 0);
        assert_eq!(slice(&selection.unwrap()), "The");
    }

    #[test]
    fn growing_by_sentences_takes_the_cursor_sentence_then_the_next() {
        let sentences = sentences(TEXT);
        let mut cursor = KeyboardCursor::default();
        cursor.step_sentence(&sentences, 1, 0);
        let one = cursor.grow_by_sentence(&sentences, None, 1, 0);
        assert_eq!(slice(&one.clone().unwrap()), "Prices rose by 40%.");
        let two = cursor
            .grow_by_sentence(&sentences, one.as_ref(), 1, 0)
            .unwrap();
        assert_eq!(slice(&two), "Prices rose by 40%. The minister denied it.");
        assert_eq!(
            cursor.sentence().map(|s| slice(&s)),
            Some("The minister denied it.")
        );
        let back = cursor
            .grow_by_sentence(&sentences, Some(&two), -1, 0)
            .unwrap();
        assert_eq!(slice(&back), "Prices rose by 40%.");
    }

    #[test]
    fn a_selection_the_mouse_made_is_not_grown_but_started_again_from_the_cursor() {
        let sentences = sentences(TEXT);
        let index = CharIndex::new(TEXT);
        let mut cursor = KeyboardCursor::default();
        cursor.step_sentence(&sentences, 1, 0);
        let dragged = 30..40;
        let grown = cursor
            .grow_by_word(TEXT, &index, &sentences, Some(&dragged), 1, 0)
            .unwrap();
        assert_eq!(slice(&grown), "Prices");
    }

    #[test]
    fn words_are_found_across_punctuation_and_in_other_scripts() {
        let text = "«Цены выросли», — сказал он.";
        let index = CharIndex::new(text);
        let after_quote = word_boundary(text, &index, 0, 0, 1).unwrap();
        assert_eq!(index.slice(text, 0..after_quote), Some("«Цены"));
        let end = index.char_len();
        let before = word_boundary(text, &index, end, end, -1).unwrap();
        assert_eq!(index.slice(text, before..end), Some("он."));
    }
}
