//! An article: the text claims are marked in.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{ArticleId, UnknownMembers};

/// One article of a project. Its text is embedded so a project file is self-contained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id claims refer to.
    pub id: ArticleId,
    /// Headline or file name, shown in the switcher and reports.
    pub title: String,
    /// Where the text was read from, if anywhere: a web address, or the file's absolute path. A
    /// project file records the path relative to itself; `store::origin` converts on save and load.
    #[serde(default)]
    pub origin: Option<String>,
    /// Lower-case hex SHA-256 of `text`, so a changed text is noticed.
    pub sha256: String,
    /// When the article was added to the project.
    pub added: DateTime<Utc>,
    /// The article text, lines separated by `\n`.
    pub text: String,
    /// Paragraphs and headings as the source marked them (HTML, Markdown, Word); empty when the text
    /// is plain, and paragraphs are then found from its lines.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// What the source said about itself.
    #[serde(default)]
    pub meta: ArticleMeta,
    /// Members of the article this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

/// A paragraph or heading of an article: a char range of its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Heading level 1–6, or `None` for a paragraph.
    #[serde(default)]
    pub heading: Option<u8>,
    /// Members of the block this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

/// Facts about an article from its source: the byline, date and address a web page declares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleMeta {
    /// Who wrote it.
    pub byline: String,
    /// When it was published.
    #[serde(deserialize_with = "super::date::optional")]
    pub published: Option<NaiveDate>,
    /// Its canonical address.
    pub canonical_url: String,
    /// The publication's name.
    pub site_name: String,
    /// Language tag, e.g. `en`.
    pub language: String,
    /// What it was read from: `text`, `markdown`, `html`, `docx`, `pdf`, `clipboard`.
    pub source_format: String,
    /// The text encoding it was decoded from, e.g. `windows-1252`; empty when UTF-8.
    pub encoding: String,
    /// Members of the metadata this factdesk does not know, kept for the next save.
    #[serde(flatten)]
    pub unknown: UnknownMembers,
}

impl Article {
    /// A new article with a fresh id and the hash of its text.
    pub fn new(title: String, text: String, origin: Option<String>, added: DateTime<Utc>) -> Self {
        Self {
            id: ArticleId::new_random(),
            title,
            origin,
            sha256: sha256_hex(&text),
            added,
            text,
            blocks: Vec::new(),
            meta: ArticleMeta::default(),
            unknown: UnknownMembers::default(),
        }
    }

    /// Char ranges of the article's paragraphs and headings: its blocks when the source marked them,
    /// else the paragraphs found in the plain text.
    pub fn paragraph_ranges(&self) -> Vec<std::ops::Range<usize>> {
        if self.blocks.is_empty() {
            super::text::paragraphs(&self.text)
        } else {
            self.blocks.iter().map(|b| b.start..b.end).collect()
        }
    }
}

/// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `text` (an article's origin, or an address typed to open) is a web address: it starts,
/// after any leading white space, with `http://` or `https://` in any case. factdesk downloads such an
/// address, and a project file records such an origin as it is rather than as a path.
pub fn is_web_address(text: &str) -> bool {
    let text = text.trim_start();
    ["http://", "https://"].iter().any(|scheme| {
        text.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_told_from_paths() {
        for address in [
            "https://example.org/a",
            "HTTP://example.org",
            "  http://x.test/",
        ] {
            assert!(is_web_address(address), "{address}");
        }
        for other in [
            "/home/desk/http://x",
            "articles/https.txt",
            "ftp://x.test",
            "http:/x",
            "",
            "é",
        ] {
            assert!(!is_web_address(other), "{other}");
        }
    }
}
