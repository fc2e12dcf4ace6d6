//! Reading articles into text factdesk can mark claims in: plain text in any common encoding
//! ([`encoding`]), Markdown, saved web pages with their main text extracted ([`html`]), Word documents,
//! PDF text layers, pages downloaded from the web ([`web`]), and ClaimReview feeds ([`claimreview`]).
//!
//! Every reader returns an [`ImportedArticle`]: the text (lines separated by `\n`), its paragraphs and
//! headings when the source marks them, what the source says about itself, and warnings about what
//! was guessed or dropped. Binary files are refused with a message saying what they are.

mod blocks;
pub mod claimreview;
pub mod docx;
pub mod encoding;
mod headline;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod web;

use std::path::Path;

use thiserror::Error;

use crate::model::{Article, ArticleId, Edit, Project};

/// Articles larger than this are refused rather than read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// An article read from a file, ready to become an [`crate::model::Article`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedArticle {
    /// Headline: from the source's metadata, a heading, a short first line, or the file name.
    pub title: String,
    /// The text, lines separated by `\n`; blocks separated by one `\n`.
    pub text: String,
    /// Paragraphs and headings when the source marks them; empty for plain text.
    pub blocks: Vec<crate::model::Block>,
    /// What the source says about itself, and how it was read.
    pub meta: crate::model::ArticleMeta,
    /// What was changed or dropped on the way in, one sentence each.
    pub warnings: Vec<String>,
}

impl ImportedArticle {
    /// The article this import makes, added at `now`, read from `origin`.
    pub fn into_article(
        self,
        origin: Option<String>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Article {
        let mut article = Article::new(self.title, self.text, origin, now);
        article.blocks = self.blocks;
        article.meta = self.meta;
        article
    }
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
        "the article holds {size} bytes or more, more than the {MAX_ARTICLE_BYTES} bytes factdesk opens: {name}"
    )]
    TooLarge {
        /// The file name.
        name: String,
        /// Its size.
        size: u64,
    },
    /// The file holds binary data, not text, nor a document factdesk reads.
    #[error(
        "this is not a text file ({kind}); factdesk reads articles as plain text, Markdown, web pages \
         (.html), Word documents (.docx) and PDFs, and projects as .factdesk.json: {name}"
    )]
    Binary {
        /// The file name.
        name: String,
        /// What it looks like, e.g. "a PNG image".
        kind: &'static str,
    },
    /// A JSON file (a ClaimReview feed) is in an encoding other than UTF-8, which JSON must be.
    #[error(
        "this JSON file is not UTF-8 text, as JSON must be (invalid byte at offset {offset}); save it \
         as UTF-8 in your editor and import it again: {name}"
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
    /// A document format's content could not be read (a damaged Word file, PDF or page).
    #[error(
        "could not read this {format} file ({reason}); {}: {name}",
        advice_for(format)
    )]
    Corrupt {
        /// The file name.
        name: String,
        /// The format, e.g. "Word".
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// A web page could not be downloaded.
    #[error("could not open the page: {reason}: {url}")]
    Network {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// A PDF has no text to select, e.g. a scan.
    #[error(
        "this PDF has no text layer (it is probably a scan or an image); run it through text recognition (OCR) first, or copy the text from another source: {name}"
    )]
    NoTextLayer {
        /// The file name.
        name: String,
    },
    /// A ClaimReview file could not be imported.
    #[error(transparent)]
    ClaimReview(#[from] claimreview::ClaimReviewError),
}

/// What to try when a file of `format` cannot be read.
fn advice_for(format: &str) -> &'static str {
    if format == "web page" {
        "open it in a browser to check that it shows the article, then save it again"
    } else {
        "check that it opens in its own program"
    }
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
    /// Which published verdicts fit no rating of the project's scale, in one sentence, if any did not.
    pub unmapped_note: Option<String>,
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
        unmapped_note: imported.unmapped_note,
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
    let too_large = |size| ImportError::TooLarge {
        name: path.display().to_string(),
        size,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_large(size));
    }
    crate::store::read_at_most(path, MAX_ARTICLE_BYTES)
        .map_err(read_error)?
        .map_err(too_large)
}

/// Reads the article file at `path` as an article added at `now`, its origin the file's full path.
pub fn article_from_file(
    path: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Article, ImportError> {
    let imported = read_article(path)?;
    let origin = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    Ok(imported.into_article(Some(origin.display().to_string()), now))
}

/// The kinds of article file factdesk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    /// Plain text in any common encoding.
    Text,
    /// Markdown, shown without its markup.
    Markdown,
    /// A saved web page; its main article is extracted.
    Html,
    /// A Word document.
    Docx,
    /// A PDF's text layer.
    Pdf,
}

impl ArticleFormat {
    /// The format of a file called `name` holding `bytes`: by its content where that is certain (PDF,
    /// ZIP, an HTML document type), else by its name's ending, else plain text.
    pub fn detect(name: &str, bytes: &[u8]) -> Self {
        let lower = name.to_ascii_lowercase();
        let ends_with = |endings: &[&str]| endings.iter().any(|e| lower.ends_with(e));
        if bytes.starts_with(b"%PDF") {
            return ArticleFormat::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") && ends_with(&[".docx", ".docm", ".dotx"]) {
            return ArticleFormat::Docx;
        }
        if ends_with(&[".html", ".htm", ".xhtml", ".shtml"]) || looks_like_html(bytes) {
            return ArticleFormat::Html;
        }
        if ends_with(&[".md", ".markdown", ".mdown", ".mkd"]) {
            return ArticleFormat::Markdown;
        }
        ArticleFormat::Text
    }
}

/// Whether `bytes` start (after white space and a BOM) like an HTML document.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..512.min(bytes.len())).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Reads an article from `bytes` of a file called `name`, in whatever format and encoding it is.
/// A web page, Word document or PDF whose title the text lacks starts with it as a heading
/// ([`ImportedArticle::lead_with_headline`]). `fallback_title` is used when the content offers no
/// title; it is never put into the text.
pub fn article_from_bytes(
    bytes: &[u8],
    name: &str,
    fallback_title: &str,
) -> Result<ImportedArticle, ImportError> {
    let mut imported = match ArticleFormat::detect(name, bytes) {
        ArticleFormat::Pdf => with_headline(pdf::import_pdf(bytes, name)?),
        ArticleFormat::Docx => with_headline(docx::import_docx(bytes, name)?),
        ArticleFormat::Html => with_headline(html::import_html(bytes, name)?),
        format @ (ArticleFormat::Text | ArticleFormat::Markdown) => {
            if let Some(kind) = encoding::binary_kind(bytes) {
                return Err(ImportError::Binary {
                    name: name.to_owned(),
                    kind,
                });
            }
            text_article(
                encoding::decode_text(bytes),
                format == ArticleFormat::Markdown,
            )
        }
    };
    if imported.text.trim().is_empty() {
        return Err(ImportError::Empty {
            name: name.to_owned(),
        });
    }
    if imported.title.trim().is_empty() {
        fallback_title.clone_into(&mut imported.title);
    }
    Ok(imported)
}

/// `imported` led by its headline (a plain text's or Markdown file's title is its own first line, so
/// only documents that keep the title apart get this).
fn with_headline(mut imported: ImportedArticle) -> ImportedArticle {
    imported.lead_with_headline();
    imported
}

/// An article from decoded text: Markdown parsed into blocks, or plain text as it is.
pub fn text_article(decoded: encoding::DecodedText, markdown: bool) -> ImportedArticle {
    let mut imported = if markdown {
        markdown::import_markdown(&decoded.text)
    } else {
        ImportedArticle {
            title: title_of(&decoded.text).unwrap_or_default(),
            text: decoded.text,
            ..ImportedArticle::default()
        }
    };
    if imported.meta.source_format.is_empty() {
        imported.meta.source_format = "text".into();
    }
    if decoded.encoding != "UTF-8" {
        imported.meta.encoding = decoded.encoding.to_owned();
    }
    imported.warnings.extend(decoded.warnings);
    imported
}

/// The file name without folders and without its last extension.
pub fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_owned())
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

    fn data(file: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn pages_word_files_and_pdfs_lead_with_the_title_of_their_properties() {
        for (file, title) in [
            (
                "html/news.html",
                "Council vote on river bridge delayed to spring",
            ),
            ("docx/article.docx", "Budget claims, checked"),
            ("pdf/text.pdf", "Budget claims, checked"),
        ] {
            let article = article_from_bytes(&data(file), file, "fallback").expect(file);
            assert_eq!(article.title, title, "{file}");
            assert_eq!(
                blocks::block_texts(&article)[0],
                (title.to_owned(), Some(1)),
                "{file}"
            );
        }
    }

    #[test]
    fn a_title_taken_from_the_text_or_the_file_name_is_not_put_in_again() {
        // Titles from a first heading (Word) or a first short line (PDF): the text already has them.
        let minimal = data("docx/minimal.docx");
        let word = article_from_bytes(&minimal, "minimal.docx", "minimal").expect("docx");
        assert_eq!(
            word,
            docx::import_docx(&minimal, "minimal.docx").expect("docx")
        );
        let untitled = data("pdf/untitled.pdf");
        let pdf = article_from_bytes(&untitled, "untitled.pdf", "untitled").expect("pdf");
        assert_eq!(
            pdf,
            pdf::import_pdf(&untitled, "untitled.pdf").expect("pdf")
        );

        // A page without a title is named after its file, which stays out of the text.
        let paragraph = "<p>The harbour authority said on Monday that dredging volumes doubled last \
            year, a figure environmental groups dispute, citing their own survey of the river mouth \
            and the records of the dredging company.</p>";
        let page = format!(
            "<html><body><article>{}</article></body></html>",
            paragraph.repeat(4)
        );
        let article = article_from_bytes(page.as_bytes(), "harbour.html", "harbour").expect("page");
        assert_eq!(article.title, "harbour");
        assert!(
            article.text.starts_with("The harbour authority"),
            "{}",
            article.text
        );
        assert!(article.blocks.iter().all(|b| b.heading.is_none()));

        // Text and Markdown files are their own first line.
        let md = article_from_bytes(b"# Budget claims\n\nText.", "b.md", "b").expect("md");
        assert_eq!(md.text.matches("Budget claims").count(), 1);
    }

    #[test]
    fn binary_is_refused_with_what_it_is_and_legacy_encodings_are_decoded() {
        let png = article_from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.txt", "x");
        assert!(matches!(
            png,
            Err(ImportError::Binary {
                kind: "a PNG image",
                ..
            })
        ));
        let latin1 = article_from_bytes(b"Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e.", "y.txt", "y")
            .expect("legacy text opens");
        assert_eq!(latin1.text, "Café au lait, crème brûlée.");
        assert_eq!(latin1.meta.encoding, "windows-1252");
        assert!(
            latin1.warnings.iter().any(|w| w.contains("windows-1252")),
            "{:?}",
            latin1.warnings
        );
        assert!(matches!(
            article_from_bytes(b" \n\n", "z.txt", "z"),
            Err(ImportError::Empty { .. })
        ));
    }
}
