//! An article: the text claims are marked in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ArticleId;

/// One article of a project. Its text is embedded so a project file is self-contained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id claims refer to.
    pub id: ArticleId,
    /// Headline or file name, shown in the switcher and reports.
    pub title: String,
    /// Where the text was read from (a file path), if anywhere.
    #[serde(default)]
    pub origin: Option<String>,
    /// Lower-case hex SHA-256 of `text`, so a changed text is noticed.
    pub sha256: String,
    /// When the article was added to the project.
    pub added: DateTime<Utc>,
    /// The article text, lines separated by `\n`.
    pub text: String,
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
