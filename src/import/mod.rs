//! Reading articles from files into text factdesk can mark claims in.
//!
//! Plain text and Markdown are read as UTF-8 (with or without a byte-order mark), line endings are
//! normalised to `\n`, and binary or non-UTF-8 files are refused with a message saying what to do.
//! Limitation: Markdown is shown as its source text; other encodings and formats are refused for now.

pub mod claimreview;

use std::path::Path;

use thiserror::Error;

use crate::model::{Article, ArticleId, Edit, Project};

/// Articles larger than this are refused rather than read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes are inspected to tell binary files from text.
const SNIFF_BYTES: usize = 8192;

/// An article read from a file, ready to become an [`crate::model::Article`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedArticle {
    /// Headline: a Markdown `#` heading, a short first line, or the file name.
    pub title: String,
    /// The text, lines separated by `\n`.
    pub text: String,
}

/// Why a file could not be opened as an article.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("could not read the article: {source}: {}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is too large.
    #[error(
        "the article is {size} bytes, larger than the {MAX_ARTICLE_BYTES} bytes factdesk opens: {name}"
    )]
    TooLarge {
        /// The file name.
        name: String,
        /// Its size.
        size: u64,
    },
    /// The file holds binary data, not text.
    #[error(
        "this is not a text file ({kind}); open a .txt or .md article, or a .factdesk.json project: {name}"
    )]
    Binary {
        /// The file name.
        name: String,
        /// What it looks like, e.g. "a PNG image".
        kind: &'static str,
    },
    /// The file is text in an encoding other than UTF-8.
    #[error(
        "the article is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8 in your editor and open it again: {name}"
    )]
    NotUtf8 {
        /// The file name.
        name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file holds no text.
    #[error("the article is empty: {name}")]
    Empty {
        /// The file name.
        name: String,
    },
    /// A ClaimReview file could not be imported.
    #[error(transparent)]
    ClaimReview(#[from] claimreview::ClaimReviewError),
}

/// What importing a ClaimReview file did.
#[derive(Clone, Debug)]
pub struct ClaimReviewImport {
    /// The edit that adds the imported article and its claims; apply it to the project.
    pub edit: Edit,
    /// The new article.
    pub article: ArticleId,
    /// How many claims it holds.
    pub claims: usize,
    /// What was skipped or guessed, one sentence each.
    pub warnings: Vec<String>,
}

/// Reads the ClaimReview JSON-LD file at `path` (a single review, a list, or an `@graph`) and returns
/// the edit that adds its reviewed claims to `project` as a new article, verdicts mapped onto the
/// project's rating scale.
pub fn claimreview_file(
    path: &Path,
    project: &Project,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ClaimReviewImport, ImportError> {
    let name = path.display().to_string();
    let bytes = read_limited(path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| ImportError::NotUtf8 {
        name: name.clone(),
        offset: e.valid_up_to(),
    })?;
    let source_name = path
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let mut imported =
        claimreview::import_claimreview(text, &source_name, &project.rating_scale, now)?;
    let origin = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    imported.article.origin = Some(origin.display().to_string());
    let article = imported.article.id;
    let claims = imported.claims.len();
    let first_claim = project.claims.len();
    let edit = Edit::InsertArticle {
        index: project.articles.len(),
        article: Box::new(imported.article),
        claims: imported
            .claims
            .into_iter()
            .enumerate()
            .map(|(i, c)| (first_claim + i, c))
            .collect(),
    };
    Ok(ClaimReviewImport {
        edit,
        article,
        claims,
        warnings: imported.warnings,
    })
}

/// Reads the article file at `path`.
pub fn read_article(path: &Path) -> Result<ImportedArticle, ImportError> {
    let bytes = read_limited(path)?;
    article_from_bytes(&bytes, &path.display().to_string(), &file_stem(path))
}

/// The bytes of the file at `path`, refused when larger than [`MAX_ARTICLE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(ImportError::TooLarge {
            name: path.display().to_string(),
            size,
        });
    }
    std::fs::read(path).map_err(read_error)
}

/// Reads the article file at `path` as an article added at `now`, its origin the file's full path.
pub fn article_from_file(
    path: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Article, ImportError> {
    let imported = read_article(path)?;
    let origin = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    Ok(Article::new(
        imported.title,
        imported.text,
        Some(origin.display().to_string()),
        now,
    ))
}

/// Decodes an article from `bytes`. `name` names the file in errors; `fallback_title` is used when the
/// text offers no title.
pub fn article_from_bytes(
    bytes: &[u8],
    name: &str,
    fallback_title: &str,
) -> Result<ImportedArticle, ImportError> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(ImportError::Binary {
            name: name.to_owned(),
            kind,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        name: name.to_owned(),
        offset: e.valid_up_to(),
    })?;
    let text = normalize_line_endings(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            name: name.to_owned(),
        });
    }
    let title = title_of(&text).unwrap_or_else(|| fallback_title.to_owned());
    Ok(ImportedArticle { title, text })
}

/// The file name without folders and without its last extension.
pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// `text` with CRLF and lone CR turned into LF.
pub fn normalize_line_endings(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Longest first line taken as a title.
const MAX_TITLE_CHARS: usize = 160;

fn title_of(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let heading = first.trim_start_matches('#');
    let title = if heading.len() < first.len() {
        heading.trim()
    } else {
        first
    };
    (!title.is_empty() && title.chars().count() <= MAX_TITLE_CHARS).then(|| title.to_owned())
}

/// What kind of binary file `bytes` is, or `None` when it looks like text.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a program"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"RIFF", "a media file"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = bytes.get(..SNIFF_BYTES.min(bytes.len())).unwrap_or(bytes);
    // UTF-16 text has NULs too; it is refused as binary here and gets its own decoding later.
    head.contains(&0).then_some("binary data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let article = article_from_bytes(
            b"\xEF\xBB\xBFHeadline\r\n\r\nBody one.\rBody two.\r\n",
            "a.txt",
            "a",
        )
        .expect("valid text");
        assert_eq!(article.text, "Headline\n\nBody one.\nBody two.\n");
        assert_eq!(article.title, "Headline");
    }

    #[test]
    fn markdown_heading_becomes_the_title_and_long_first_lines_do_not() {
        let md = article_from_bytes(b"# Budget claims\n\nText.", "b.md", "b").expect("md");
        assert_eq!(md.title, "Budget claims");
        let long = "word ".repeat(60);
        let txt = article_from_bytes(long.as_bytes(), "c.txt", "c").expect("txt");
        assert_eq!(txt.title, "c");
    }

    #[test]
    fn binary_and_legacy_encodings_are_refused_with_what_they_are() {
        let png = article_from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.txt", "x");
        assert!(matches!(
            png,
            Err(ImportError::Binary {
                kind: "a PNG image",
                ..
            })
        ));
        let latin1 = article_from_bytes(b"Caf\xe9 au lait", "y.txt", "y");
        match latin1 {
            Err(e @ ImportError::NotUtf8 { offset: 3, .. }) => {
                assert!(e.to_string().contains("save it as UTF-8"))
            }
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        assert!(matches!(
            article_from_bytes(b" \n\n", "z.txt", "z"),
            Err(ImportError::Empty { .. })
        ));
    }
}
