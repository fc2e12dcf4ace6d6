//! File › Reopen with encoding: the shown article read again from its file, decoded another way.
//!
//! The project file records where an article came from relative to itself, or only by file name when
//! the article lay elsewhere (docs/FORMAT.md, `origin`), so a project opened on another machine or
//! from another folder finds its article where it is now: at the recorded path, else beside the
//! project file under its recorded name ([`store::origin::find_article_file`]). When the file is in
//! neither place the user is asked for it, and the article then records the file they chose.

use std::path::{Path, PathBuf};

use super::file_dialog::{DialogPurpose, DialogRequest};
use crate::model::{Article, ArticleId, Project};
use crate::{import, store};

/// An article that can be read again: it came from a text or Markdown file.
pub struct Reopenable<'p> {
    /// The article as it is now.
    pub article: &'p Article,
    /// Whether its file is Markdown.
    pub markdown: bool,
}

/// Why an article could not be read again, as a dialog tells it.
pub struct ReopenError {
    /// The dialog's title.
    pub title: &'static str,
    /// What happened and what to do.
    pub message: String,
}

/// Article `id` of `project`, when it was read from a text or Markdown file.
pub fn reopenable(project: &Project, id: ArticleId) -> Option<Reopenable<'_>> {
    let article = project.article(id)?;
    let markdown = match article.meta.source_format.as_str() {
        "text" | "" => false,
        "markdown" => true,
        _ => return None,
    };
    article.origin.as_ref()?;
    Some(Reopenable { article, markdown })
}

impl Reopenable<'_> {
    /// Where the article's file is now, for the project file at `project_path` (none for a project
    /// not yet saved); `None` when it must be asked for.
    pub fn locate(&self, project_path: Option<&Path>) -> Option<PathBuf> {
        store::origin::find_article_file(self.article.origin.as_deref()?, project_path)
    }

    /// The file dialog that asks where the article's file is, to read it as `encoding`.
    pub fn ask_for_file(&self, encoding: &'static str, folder: Option<PathBuf>) -> DialogRequest {
        let name = self
            .article
            .origin
            .as_deref()
            .map(|o| o.rsplit(['/', '\\']).next().unwrap_or(o))
            .unwrap_or_default();
        DialogRequest {
            purpose: DialogPurpose::LocateArticle { encoding },
            title: format!("Where is “{name}”? (not found beside the project)"),
            filters: vec![("Articles", vec!["txt", "md", "markdown", "text"])],
            folder,
            save_name: None,
        }
    }

    /// The article read again from the file at `path`, decoded as `encoding`: same id, title and date
    /// added, its origin the file read.
    pub fn read_again(&self, path: &Path, encoding: &str) -> Result<Article, ReopenError> {
        let bytes = std::fs::read(path).map_err(|e| ReopenError {
            title: "Could not read the file again",
            message: format!("{e}: {}", path.display()),
        })?;
        let Some(decoded) = import::encoding::decode_as(&bytes, encoding) else {
            return Err(ReopenError {
                title: "Unknown encoding",
                message: format!("factdesk does not know the encoding “{encoding}”."),
            });
        };
        let old = self.article;
        let encoding = decoded.encoding;
        let origin = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let mut article = import::text_article(decoded, self.markdown)
            .into_article(Some(origin.display().to_string()), old.added);
        article.id = old.id;
        article.title = old.title.clone();
        article.meta.encoding = if encoding == "UTF-8" {
            String::new()
        } else {
            encoding.to_owned()
        };
        Ok(article)
    }
}

/// What the window says when a reading is refused because it would move the claims marked in it.
pub const CLAIMS_WOULD_BREAK: &str = "Read with that encoding, the text no longer matches the claims marked in it. Delete those claims first, or keep the current reading.";
