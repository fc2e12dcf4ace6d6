//! The headline as the first block of an imported article's text, so a claim can be marked on it.
//!
//! A fact-check often concerns the headline itself, yet web pages lose it on the way in (Readability
//! drops the heading that repeats the title, as reader views show the title apart), and Word and PDF
//! files often keep it only in their document properties. So when a reader found a title in the
//! source and the text does not already start with it, the title is put in front of the text as a
//! level-1 heading block.
//!
//! Limitations:
//! - "Already there" is decided by comparing words (case, white space and punctuation ignored, a site
//!   name after or before a separator such as `|` allowed on either side); a heading that words the
//!   headline differently from the page's title gets the title above it.
//! - Only new imports run this. An article already in a project keeps its text: re-reading its file
//!   for it must not add a headline the stored text lacks, or every claim's offsets would move.

use super::ImportedArticle;
use crate::model::text::CharIndex;
use crate::model::{Block, UnknownMembers};

/// Longest title put into the text as a headline; longer "titles" in document properties are
/// descriptions or pasted text, not headlines.
const MAX_HEADLINE_CHARS: usize = 300;

/// Characters that separate a headline from a site name in a page title, wherever they stand
/// ("Budget row deepens | The Daily Planet", "首相が辞任｜朝日新聞").
const SEPARATOR_CHARS: &[char] = &['|', '｜', '–', '—', '·', '•', '«', '»'];

/// Separators that only separate with spaces around them: within words they are hyphens, colons
/// and slashes.
const SPACED_SEPARATORS: &[&str] = &[" - ", " : ", " :: ", " / "];

impl ImportedArticle {
    /// Starts the text with the title as a level-1 heading block, every other block moving down by
    /// its length, unless the title is empty or too long to be a headline, the article has no blocks,
    /// or the text already holds it: its first block is the headline (or starts with it), or a heading
    /// anywhere is. Returns whether the headline was added.
    ///
    /// For new imports only: re-reading the file of an article a project already holds must keep the
    /// stored text's offsets (see the module documentation).
    pub fn lead_with_headline(&mut self) -> bool {
        let headline = without_site_name(&collapse_white_space(&self.title), &self.meta.site_name);
        let headline_chars = headline.chars().count();
        if headline_chars == 0 || headline_chars > MAX_HEADLINE_CHARS || self.blocks.is_empty() {
            return false;
        }
        if text_holds_headline(&self.text, &self.blocks, &headline) {
            return false;
        }
        let shift = headline_chars + 1;
        for block in &mut self.blocks {
            block.start += shift;
            block.end += shift;
        }
        self.blocks.insert(
            0,
            Block {
                start: 0,
                end: headline_chars,
                heading: Some(1),
                unknown: UnknownMembers::default(),
            },
        );
        self.text = format!("{headline}\n{}", self.text);
        true
    }
}

/// Whether the first block of `text` is (or starts with) `headline`, or some heading block is it.
fn text_holds_headline(text: &str, blocks: &[Block], headline: &str) -> bool {
    let index = CharIndex::new(text);
    let block_text = |block: &Block| index.slice(text, block.start..block.end);
    let headline_forms = forms(headline);
    if let Some(first) = blocks.first().and_then(block_text) {
        // Only the opening of a long first paragraph can be the headline.
        let opening: String = first.chars().take(2 * MAX_HEADLINE_CHARS).collect();
        let opening = normalized(&opening);
        if headline_forms.iter().any(|form| {
            opening
                .strip_prefix(form.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        }) {
            return true;
        }
        if same_headline(&headline_forms, first) {
            return true;
        }
    }
    blocks
        .iter()
        .filter(|b| b.heading.is_some() && b.end.saturating_sub(b.start) <= 2 * MAX_HEADLINE_CHARS)
        .filter_map(block_text)
        .any(|heading| same_headline(&headline_forms, heading))
}

/// Whether `candidate` is the headline of which `headline_forms` are the [`forms`].
fn same_headline(headline_forms: &[String], candidate: &str) -> bool {
    if candidate.chars().count() > 2 * MAX_HEADLINE_CHARS {
        return false;
    }
    forms(candidate)
        .iter()
        .any(|form| headline_forms.contains(form))
}

/// The ways `title` may be written as a heading, [`normalized`]: as it is, and without a site name
/// after its last separator or before its first (when the rest is the longer part).
fn forms(title: &str) -> Vec<String> {
    let mut forms = vec![normalized(title)];
    let separators = separator_ranges(title);
    let mut add = |kept: &str, dropped: &str| {
        let (kept, dropped) = (normalized(kept), normalized(dropped));
        if !kept.is_empty() && kept.chars().count() > dropped.chars().count() {
            forms.push(kept);
        }
    };
    if let Some(last) = separators.last() {
        let (before, after) = around(title, last);
        add(before, after);
    }
    if let Some(first) = separators.first() {
        let (before, after) = around(title, first);
        add(after, before);
    }
    forms.retain(|f| !f.is_empty());
    forms
}

/// Byte ranges of the separators in `title`, in order.
fn separator_ranges(title: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = title
        .char_indices()
        .filter(|(_, c)| SEPARATOR_CHARS.contains(c))
        .map(|(i, c)| i..i + c.len_utf8())
        .collect();
    for separator in SPACED_SEPARATORS {
        ranges.extend(title.match_indices(separator).map(|(i, s)| i..i + s.len()));
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// The parts of `title` before and after the separator at byte range `separator`.
fn around<'t>(title: &'t str, separator: &std::ops::Range<usize>) -> (&'t str, &'t str) {
    (
        title.get(..separator.start).unwrap_or_default(),
        title.get(separator.end..).unwrap_or_default(),
    )
}

/// `title` without `site_name` after its last separator or before its first, as `<title>`s carry
/// it ("Budget row deepens | The Daily Planet"); as it is when it does not carry it.
fn without_site_name(title: &str, site_name: &str) -> String {
    let site = normalized(site_name);
    if site.is_empty() {
        return title.to_owned();
    }
    let separators = separator_ranges(title);
    if let Some((before, after)) = separators.last().map(|last| around(title, last))
        && normalized(after) == site
        && !normalized(before).is_empty()
    {
        return before.trim().to_owned();
    }
    if let Some((before, after)) = separators.first().map(|first| around(title, first))
        && normalized(before) == site
        && !normalized(after).is_empty()
    {
        return after.trim().to_owned();
    }
    title.to_owned()
}

/// `text` on one line: runs of white space as one space, ends trimmed.
fn collapse_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of `text`, lower-cased, joined by one space: case, white space and punctuation do not
/// count.
fn normalized(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::{BlockText, block_texts};

    /// An article read from a web page: `title`, and the blocks `(text, heading level)`.
    fn article(title: &str, blocks: &[(&str, Option<u8>)]) -> ImportedArticle {
        let mut out = BlockText::default();
        for (text, heading) in blocks {
            out.push(text, *heading);
        }
        let (text, blocks) = out.finish();
        ImportedArticle {
            title: title.to_owned(),
            text,
            blocks,
            ..ImportedArticle::default()
        }
    }

    const BODY: &str = "The council postponed its vote on the bridge until March, the mayor said.";

    #[test]
    fn a_title_missing_from_the_text_leads_it_as_a_heading_and_the_blocks_move_down() {
        let mut page = article(
            "Council vote on river bridge delayed",
            &[(BODY, None), ("Engineers asked for more time.", None)],
        );
        assert!(page.lead_with_headline());
        assert_eq!(
            block_texts(&page),
            vec![
                ("Council vote on river bridge delayed".to_owned(), Some(1)),
                (BODY.to_owned(), None),
                ("Engineers asked for more time.".to_owned(), None),
            ]
        );
        assert!(
            page.text
                .starts_with("Council vote on river bridge delayed\nThe council")
        );
        assert_eq!(page.title, "Council vote on river bridge delayed");
    }

    #[test]
    fn a_text_that_starts_with_the_headline_is_left_as_it_is() {
        let cases: &[(&str, &str, Option<u8>)] = &[
            // As it is, as a heading or as a first line (a PDF's first paragraph).
            ("Budget claims, checked", "Budget claims, checked", Some(1)),
            ("Budget claims, checked", "Budget claims, checked", None),
            // White space, case and punctuation do not count.
            (
                "Budget  claims, checked",
                "budget claims — checked!",
                Some(2),
            ),
            (
                "“Dredging doubled,” says port",
                "\"Dredging doubled\" says port",
                Some(1),
            ),
            // A site name after or before a separator, on either side.
            (
                "Budget row deepens | The Daily Planet",
                "Budget row deepens",
                Some(1),
            ),
            (
                "Budget row deepens",
                "Budget row deepens - The Daily Planet",
                Some(1),
            ),
            (
                "The Daily Planet | Budget row deepens in the city",
                "Budget row deepens in the city",
                Some(1),
            ),
            ("首相が辞任を表明｜朝日新聞", "首相が辞任を表明", Some(1)),
        ];
        for (title, first, heading) in cases {
            let mut page = article(title, &[(first, *heading), (BODY, None)]);
            let before = page.clone();
            assert!(!page.lead_with_headline(), "{title:?} / {first:?}");
            assert_eq!(page, before, "{title:?} / {first:?}");
        }
        // A first paragraph the headline runs into (a PDF without a gap after it).
        let mut merged = article(
            "Budget claims, checked",
            &[(&format!("Budget claims, checked {BODY}"), None)],
        );
        assert!(!merged.lead_with_headline());
    }

    #[test]
    fn a_heading_further_down_that_is_the_headline_keeps_it_out() {
        // A kicker above the headline, or a Word file whose title is its first heading.
        let mut page = article(
            "Harbour dredging doubles",
            &[
                ("Analysis", None),
                ("Harbour dredging doubles", Some(1)),
                (BODY, None),
            ],
        );
        assert!(!page.lead_with_headline());
    }

    #[test]
    fn near_misses_still_get_the_headline() {
        let cases: &[(&str, &str)] = &[
            // A heading that is only the start of the title is a section, not the headline.
            (
                "Council vote on river bridge delayed to spring",
                "Council vote",
            ),
            // Dropping the longer part of a title is not dropping a site name.
            ("Brexit - what happens next for the ferries", "Brexit"),
            // A first paragraph that begins with the title's first words, not the whole title.
            (
                "Council vote delayed again",
                "Council vote delayed by engineers, the mayor said.",
            ),
        ];
        for (title, first) in cases {
            let mut page = article(title, &[(first, Some(2)), (BODY, None)]);
            assert!(page.lead_with_headline(), "{title:?} / {first:?}");
            assert_eq!(block_texts(&page)[0], ((*title).to_owned(), Some(1)));
        }
    }

    #[test]
    fn the_inserted_headline_drops_the_site_name_and_is_one_line() {
        let mut page = article(
            "Budget row deepens\n  in the city | The Daily Planet",
            &[(BODY, None)],
        );
        page.meta.site_name = "The Daily Planet".into();
        assert!(page.lead_with_headline());
        assert_eq!(block_texts(&page)[0].0, "Budget row deepens in the city");
        assert_eq!(
            page.title, "Budget row deepens\n  in the city | The Daily Planet",
            "the title stays"
        );
    }

    #[test]
    fn no_title_a_title_too_long_or_no_blocks_add_nothing() {
        for title in ["", "   ", &"word ".repeat(100)] {
            let mut page = article(title, &[(BODY, None)]);
            assert!(!page.lead_with_headline(), "{title:?}");
        }
        let mut plain = ImportedArticle {
            title: "Notes".into(),
            text: BODY.into(),
            ..ImportedArticle::default()
        };
        assert!(!plain.lead_with_headline());
        assert_eq!(plain.text, BODY);
    }
}
