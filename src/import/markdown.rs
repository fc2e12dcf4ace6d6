//! Markdown articles: the text a reader sees, without markup, one block per paragraph or heading.
//!
//! The source is parsed with pulldown-cmark (CommonMark plus tables, strikethrough, task lists,
//! footnotes and YAML front matter). Emphasis, links and inline code keep only their text; images
//! become their alt text; HTML is dropped with a warning; each table row becomes one block with its
//! cells joined by ` | `.
//!
//! Limitations: front matter is read line by line (`title:`, `author:`, `date:` on one line each),
//! not as full YAML; footnote markers (`[^1]`) are dropped while their definitions stay as
//! paragraphs; code blocks keep their line breaks, so such a block spans several lines of the text.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::ImportedArticle;
use super::blocks::BlockText;
use crate::model::ArticleMeta;

/// Reads the Markdown `text` as an article: plain text, its blocks, and a title from the front
/// matter or the first heading (empty when neither exists, so the caller can fall back to the file
/// name).
#[must_use]
pub fn import_markdown(text: &str) -> ImportedArticle {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut state = State::default();
    for event in Parser::new_ext(text, options) {
        state.event(event);
    }
    state.finish()
}

/// What the front matter said.
#[derive(Debug, Default)]
struct FrontMatter {
    title: String,
    author: String,
    date: Option<NaiveDate>,
}

/// The walk over pulldown-cmark's events.
#[derive(Debug, Default)]
struct State {
    out: BlockText,
    /// Text of the block being read.
    current: String,
    /// Heading level of the block being read.
    heading: Option<u8>,
    /// Inside a fenced or indented code block: its text is kept as written.
    in_code: bool,
    /// Inside the front matter: its text is collected into `front`, not the article.
    in_front_matter: bool,
    front: String,
    /// Cells already read in the current table row, to place the ` | ` separators.
    cells: usize,
    /// The first level-1 heading, and the first heading of any level.
    first_h1: Option<String>,
    first_heading: Option<String>,
    /// How many pieces of HTML were dropped.
    html_dropped: usize,
}

impl State {
    fn event(&mut self, event: Event<'_>) {
        if self.in_front_matter {
            match event {
                Event::Text(t) => self.front.push_str(&t),
                Event::End(TagEnd::MetadataBlock(_)) => self.in_front_matter = false,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.in_code {
                    self.current.push('\n');
                } else if !self.current.is_empty() && !self.current.ends_with(char::is_whitespace) {
                    // One space where the source broke the line: the reader sees one flowing
                    // paragraph.
                    self.current.push(' ');
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => self.html_dropped += 1,
            // A footnote marker or a task's checkbox is not part of the sentence it sits in.
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            Event::Rule => self.flush(),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => self.in_front_matter = true,
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(heading_level(level));
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code = true;
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush();
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.current.push_str(" | ");
                }
                self.cells += 1;
            }
            // Every other container starts a new block; text already read (a tight list item's
            // text before a nested list) becomes a block of its own.
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::MetadataBlock(_) => self.flush(),
            // Inline markup keeps its text; a link's address and an image's file are dropped.
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::CodeBlock => {
                self.flush();
                self.in_code = false;
            }
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::MetadataBlock(_) => self.flush(),
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
        }
    }

    /// Ends the block being read.
    fn flush(&mut self) {
        let current = std::mem::take(&mut self.current);
        let heading = self.heading.take();
        let block = if self.in_code {
            // Keep the code's indentation; only the fence's line breaks are not part of it.
            current.trim_matches('\n')
        } else {
            current.trim()
        };
        if !self.out.push(block, heading) {
            return;
        }
        if let Some(level) = heading {
            if level == 1 && self.first_h1.is_none() {
                self.first_h1 = Some(block.to_owned());
            }
            if self.first_heading.is_none() {
                self.first_heading = Some(block.to_owned());
            }
        }
    }

    fn finish(mut self) -> ImportedArticle {
        self.flush();
        let front = parse_front_matter(&self.front);
        let title = [Some(front.title), self.first_h1, self.first_heading]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let mut warnings = Vec::new();
        if self.html_dropped > 0 {
            warnings.push(format!(
                "{} piece(s) of HTML in the Markdown were left out; text inside HTML blocks is not shown.",
                self.html_dropped
            ));
        }
        let (text, blocks) = self.out.finish();
        ImportedArticle {
            title,
            text,
            blocks,
            meta: ArticleMeta {
                byline: front.author,
                published: front.date,
                source_format: "markdown".to_owned(),
                ..ArticleMeta::default()
            },
            warnings,
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Reads the one-line `title:`, `author:` and `date:` keys of YAML front matter.
fn parse_front_matter(yaml: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    for line in yaml.lines() {
        // Indented lines belong to a nested mapping, not to the top-level keys read here.
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        match key.trim() {
            "title" => value.clone_into(&mut front.title),
            "author" => value.clone_into(&mut front.author),
            "date" => {
                front.date = value
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            }
            _ => {}
        }
    }
    front
}

/// `value` without one pair of surrounding YAML quotes.
fn unquote(value: &str) -> &str {
    ['"', '\'']
        .into_iter()
        .find_map(|q| value.strip_prefix(q)?.strip_suffix(q))
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::block_texts;

    fn fixture() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/markdown/article.md"
        );
        std::fs::read_to_string(path).expect("fixture")
    }

    #[test]
    fn fixture_becomes_plain_text_blocks_without_markup() {
        let article = import_markdown(&fixture());
        let expected: Vec<(&str, Option<u8>)> = vec![
            ("The budget speech", Some(1)),
            (
                "The minister said spending rose by 4% and taxes fell, citing the treasury report and table 3. A second line after a hard break.",
                None,
            ),
            ("What was claimed", Some(2)),
            ("Schools got 2 billion more.", None),
            ("Hospitals got 1 billion more.", None),
            ("Nobody voted for this, said the opposition.", None),
            ("Item | Claimed | Actual", None),
            ("Schools | 2bn | 1.5bn", None),
            ("let x = 1;\nlet y = 2;", None),
            ("A chart of spending Café prices, 10 × higher.", None),
        ];
        let got = block_texts(&article);
        let got: Vec<(&str, Option<u8>)> = got.iter().map(|(t, h)| (t.as_str(), *h)).collect();
        assert_eq!(got, expected);
        let joined: Vec<&str> = expected.iter().map(|(t, _)| *t).collect();
        assert_eq!(article.text, joined.join("\n"));
        for markup in ["*", "#", "](", "<", "`", "---", "https://"] {
            assert!(
                !article.text.contains(markup),
                "{markup:?} left in the text"
            );
        }
    }

    #[test]
    fn front_matter_gives_title_byline_and_is_not_text() {
        let article = import_markdown(&fixture());
        assert_eq!(article.title, "Budget claims, checked");
        assert_eq!(article.meta.byline, "Jo Reporter");
        assert_eq!(article.meta.source_format, "markdown");
        assert!(!article.text.contains("title:"));
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
        assert!(article.warnings.iter().any(|w| w.contains("HTML")));
    }

    #[test]
    fn title_is_the_first_h1_else_the_first_heading_else_empty() {
        assert_eq!(import_markdown("## Intro\n\n# Main\n\nText").title, "Main");
        assert_eq!(import_markdown("Text\n\n### Small\n").title, "Small");
        assert_eq!(import_markdown("Just *text*.").title, "");
        let dated = import_markdown("---\ndate: 2024-03-05T10:00:00Z\n---\n# T\n");
        assert_eq!(dated.meta.published, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(dated.title, "T");
    }

    #[test]
    fn nested_list_items_and_loose_items_are_one_block_each() {
        let article = import_markdown("- one\n  - two\n- three\n\n  more of three\n");
        let got: Vec<String> = block_texts(&article).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["one", "two", "three", "more of three"]);
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn empty_and_markup_only_input_give_no_blocks() {
        let empty = import_markdown("");
        assert_eq!(empty.text, "");
        assert!(empty.blocks.is_empty());
        let html = import_markdown("<!-- note -->\n");
        assert_eq!(html.text, "");
        assert_eq!(html.warnings.len(), 1);
    }

    #[test]
    fn offsets_count_chars_not_bytes() {
        let article = import_markdown("# Über\n\nÀ *ñ* 😀 end\n");
        assert_eq!(article.text, "Über\nÀ ñ 😀 end");
        assert_eq!(
            article.blocks.get(1).map(|b| (b.start, b.end)),
            Some((5, 14))
        );
        block_texts(&article);
    }
}
