//! Plain text built one block at a time, with the char range of every block: how every structured
//! importer (Markdown, web pages, Word, PDF) assembles its text, so the offsets are computed in one
//! place.

use crate::model::{Block, UnknownMembers};

/// Plain text built one block at a time, with the char range of every block.
///
#[derive(Debug, Default)]
pub(super) struct BlockText {
    text: String,
    /// `text.chars().count()`, kept so each block's start needs no rescan.
    chars: usize,
    blocks: Vec<Block>,
}

impl BlockText {
    /// Appends `block` as a block of its own (after a `\n` when it is not the first); a blank block
    /// is skipped. Returns whether it was added.
    pub(super) fn push(&mut self, block: &str, heading: Option<u8>) -> bool {
        if block.trim().is_empty() {
            return false;
        }
        if !self.blocks.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        let start = self.chars;
        self.text.push_str(block);
        self.chars += block.chars().count();
        self.blocks.push(Block {
            start,
            end: self.chars,
            heading,
            unknown: UnknownMembers::default(),
        });
        true
    }

    /// The text and its blocks.
    pub(super) fn finish(self) -> (String, Vec<Block>) {
        (self.text, self.blocks)
    }
}

/// Each block's text, sliced from the article text by its char range, with its heading level;
/// fails the test when a block is empty or runs past the text. Shared by the importers' tests.
#[cfg(test)]
pub(super) fn block_texts(article: &super::ImportedArticle) -> Vec<(String, Option<u8>)> {
    let chars: Vec<char> = article.text.chars().collect();
    article
        .blocks
        .iter()
        .map(|b| {
            assert!(b.start < b.end, "empty block {b:?}");
            let slice = chars
                .get(b.start..b.end)
                .unwrap_or_else(|| panic!("block {b:?} past the end of the text"));
            (slice.iter().collect(), b.heading)
        })
        .collect()
}
