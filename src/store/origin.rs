//! Where an article was read from (`Article::origin`), as the project file records it and as a running
//! factdesk uses it.
//!
//! A project file is sent to colleagues, so it must not reveal its author's folders. The file records an
//! article's file relative to the project file's folder, `/`-separated (`articles/report.html`), when it
//! lies under that folder, and otherwise only its file name (`report.txt`). Web addresses are kept as
//! they are.
//!
//! In memory the origin is an absolute path, so it stays right however the project is saved: the
//! loader resolves a recorded path against the folder of the file it reads ([`resolve`]), and a save
//! makes it relative to the folder of the file it writes ([`portable`]), so Save as… into another folder
//! records the path as seen from there. Readers without a file ([`super::from_bytes`],
//! [`super::to_bytes`]) leave origins as they are; recovery files, which never leave the machine, are
//! written that way and keep absolute paths.
//!
//! A recorded file may have moved with the project or without it; [`find_article_file`] looks for it
//! where the project now is.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use crate::model::{Project, is_web_address};

/// Whether `origin` is an absolute path of any system: `/home/…`, `C:\Users\…`, `C:/…`, `\\server\…`.
/// A file written on Windows names its paths that way even when it is read elsewhere.
fn is_absolute_anywhere(origin: &str) -> bool {
    let drive = matches!(
        origin.as_bytes(),
        [letter, b':', b'\\' | b'/', ..] if letter.is_ascii_alphabetic()
    );
    Path::new(origin).is_absolute() || origin.starts_with(['/', '\\']) || drive
}

/// The last component of a path of any system, `/` or `\` separated.
fn file_name_of(origin: &str) -> &str {
    origin
        .trim_end_matches(['/', '\\'])
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(origin)
}

/// `folder` as the system names it with links resolved, so that it compares with the canonical paths
/// imports record; as given when it cannot be resolved (a folder not yet made).
fn real_folder(folder: &Path) -> PathBuf {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::canonicalize(folder)
        .or_else(|_| std::path::absolute(folder))
        .unwrap_or_else(|_| folder.to_owned())
}

/// The folder of the project file at `path`.
fn folder_of(path: &Path) -> PathBuf {
    real_folder(path.parent().unwrap_or(Path::new("")))
}

/// `origin` as the project file in `folder` records it: a web address as it is; a path under `folder`
/// relative to it, `/`-separated; any other path only its file name. A relative path (already as a
/// file records it) is kept when it stays inside `folder`.
pub fn portable_origin(origin: &str, folder: &Path) -> String {
    if is_web_address(origin) {
        return origin.to_owned();
    }
    let path = origin.strip_prefix("file://").unwrap_or(origin);
    let relative = if is_absolute_anywhere(path) {
        let path = Path::new(path);
        path.strip_prefix(real_folder(folder))
            .or_else(|_| path.strip_prefix(folder))
            .ok()
            .map(Path::to_owned)
    } else {
        Some(PathBuf::from(path.replace('\\', "/")))
    };
    // Only plain names: a `..` would climb out of the folder, which the file must not reveal.
    let joined = relative.and_then(|relative| {
        relative
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str().map(str::to_owned),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .filter(|parts| !parts.is_empty())
            .map(|parts| parts.join("/"))
    });
    joined.unwrap_or_else(|| file_name_of(path).to_owned())
}

/// `origin` as recorded in a project file in `folder`, made absolute: a relative path is joined to
/// `folder`; web addresses and absolute paths are kept.
pub fn resolved_origin(origin: &str, folder: &Path) -> String {
    if is_web_address(origin) || is_absolute_anywhere(origin) || origin.is_empty() {
        return origin.to_owned();
    }
    let mut path = folder.to_owned();
    // Both separators, as `portable_origin` reads them: a file written on Windows may use `\`.
    path.extend(origin.split(['/', '\\']).filter(|part| !part.is_empty()));
    path.display().to_string()
}

/// `project` as the project file at `path` records it: every origin made portable
/// ([`portable_origin`]). Borrowed when no origin changes.
pub fn portable<'p>(project: &'p Project, path: &Path) -> Cow<'p, Project> {
    let folder = folder_of(path);
    let unchanged = project.articles.iter().all(|a| {
        a.origin
            .as_deref()
            .is_none_or(|o| portable_origin(o, &folder) == o)
    });
    if unchanged {
        return Cow::Borrowed(project);
    }
    let mut project = project.clone();
    make_portable(&mut project, path);
    Cow::Owned(project)
}

/// Makes every origin of `project` portable for the project file at `path`, in place: for a caller
/// that owns a copy to save (the window's saver), which then needs no second one.
pub fn make_portable(project: &mut Project, path: &Path) {
    let folder = folder_of(path);
    for article in &mut project.articles {
        if let Some(origin) = &mut article.origin {
            *origin = portable_origin(origin, &folder);
        }
    }
}

/// Makes every origin of a project read from the project file at `path` absolute
/// ([`resolved_origin`]), as factdesk holds them in memory.
///
/// A file of format 1 or 2 recorded the absolute path of the machine that wrote it; such a path is
/// first made portable (relative to `path`'s folder, else a file name), as the next save would record
/// it, so that the project is the same before and after that save. In format 3 an absolute path is
/// kept: factdesk writes one only in a recovery file, which is read where it was written.
pub(super) fn settle(loaded: &mut super::Loaded, path: &Path) {
    let folder = folder_of(path);
    let older = loaded.migrated_from.is_some_and(|v| v < 3);
    for article in &mut loaded.project.articles {
        if let Some(origin) = &mut article.origin {
            if older {
                *origin = portable_origin(origin, &folder);
            }
            *origin = resolved_origin(origin, &folder);
        }
    }
}

/// Where the file an article was read from (`origin`) is now, for reading it again: the recorded
/// path, then a file of the same name beside the project file at `project` (a project sent with its
/// articles in one folder). `None` when neither exists (ask the user) or the origin is a web address.
pub fn find_article_file(origin: &str, project: Option<&Path>) -> Option<PathBuf> {
    if is_web_address(origin) || origin.trim().is_empty() {
        return None;
    }
    let folder = project.map(folder_of);
    let recorded = match &folder {
        Some(folder) => PathBuf::from(resolved_origin(origin, folder)),
        None => PathBuf::from(origin),
    };
    let beside = folder.map(|folder| folder.join(file_name_of(origin)));
    std::iter::once(recorded)
        .chain(beside)
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_under_the_folder_is_recorded_relative_and_any_other_by_its_name() {
        let folder = Path::new("/srv/checks");
        assert_eq!(
            portable_origin("/srv/checks/articles/report.html", folder),
            "articles/report.html"
        );
        assert_eq!(
            portable_origin("/srv/checks/report.txt", folder),
            "report.txt"
        );
        assert_eq!(
            portable_origin("/home/desk/Downloads/a.txt", folder),
            "a.txt"
        );
        assert_eq!(portable_origin("/srv/checks-old/a.txt", folder), "a.txt");
        assert_eq!(
            portable_origin(r"C:\Users\desk\Documents\speech.docx", folder),
            "speech.docx"
        );
        assert_eq!(portable_origin("file:///home/desk/a.md", folder), "a.md");
        assert_eq!(portable_origin("articles/a.txt", folder), "articles/a.txt");
        assert_eq!(portable_origin(r"articles\a.txt", folder), "articles/a.txt");
        assert_eq!(portable_origin("../elsewhere/a.txt", folder), "a.txt");
    }

    #[test]
    fn web_addresses_are_kept() {
        let url = "HTTPS://example.org/news/story?id=3";
        assert_eq!(portable_origin(url, Path::new("/srv")), url);
        assert_eq!(resolved_origin(url, Path::new("/srv")), url);
    }

    #[cfg(unix)]
    #[test]
    fn a_recorded_path_resolves_against_the_folder_it_was_read_from() {
        let folder = Path::new("/mnt/usb/checks");
        assert_eq!(
            resolved_origin("articles/report.html", folder),
            "/mnt/usb/checks/articles/report.html"
        );
        assert_eq!(
            resolved_origin("report.txt", folder),
            "/mnt/usb/checks/report.txt"
        );
        assert_eq!(
            resolved_origin("/old/place/a.txt", folder),
            "/old/place/a.txt"
        );
        assert_eq!(
            portable_origin(&resolved_origin("articles/report.html", folder), folder),
            "articles/report.html"
        );
    }
}
