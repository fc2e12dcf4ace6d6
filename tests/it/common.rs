//! Fixtures shared by the tests.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use factdesk::model::{
    Article, Claim, ClaimField, Edit, Project, Source, Stance, TextAnchor, text,
};

/// A fixed time, so files written by tests are byte-for-byte repeatable.
pub fn fixed_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 30, 0).unwrap()
}

/// The sample article's text.
pub fn sample_text() -> &'static str {
    factdesk::SAMPLE_ARTICLE
}

/// Char range of the first sentence of `text` that starts with `prefix`.
pub fn sentence_starting(text: &str, prefix: &str) -> std::ops::Range<usize> {
    text::sentences(text)
        .into_iter()
        .find(|r| {
            text::slice_chars(text, r.clone())
                .unwrap()
                .starts_with(prefix)
        })
        .unwrap_or_else(|| panic!("no sentence starts with {prefix:?}"))
}

/// The sample article as a project with two claims: one rated False with a source, one unrated.
pub fn sample_project() -> Project {
    let article = Article::new(
        "Biden to give update".into(),
        sample_text().into(),
        None,
        fixed_time(),
    );
    let article_id = article.id;
    let mut project = Project::from_article(article);
    let troops = sentence_starting(sample_text(), "Russia has amassed");
    let embassy = sentence_starting(sample_text(), "Additionally, on Monday");
    let mut ids = Vec::new();
    for range in [troops, embassy] {
        let anchor = TextAnchor::from_range(sample_text(), range.start, range.end).unwrap();
        let claim = Claim::new(article_id, anchor, fixed_time());
        ids.push(claim.id);
        project
            .apply(Edit::InsertClaim {
                index: project.claims.len(),
                claim: Box::new(claim),
            })
            .unwrap();
    }
    let first = ids[0];
    for field in [
        ClaimField::Verdict(Some("mostly-true".into())),
        ClaimField::Claimant("Jake Sullivan".into()),
        ClaimField::Appearances(vec![
            "CNN, State of the Union".into(),
            "https://example.org/sullivan-interview".into(),
        ]),
        ClaimField::Explanation("Estimates ranged from 100,000 to 130,000.".into()),
    ] {
        project
            .apply(Edit::SetClaimField {
                claim: first,
                field,
                at: fixed_time(),
            })
            .unwrap();
    }
    let source = Source {
        url: "https://example.org/troops".into(),
        title: "Troop estimates".into(),
        publisher: "Example Monitor".into(),
        stance: Stance::Supports,
        ..Source::new(fixed_time().date_naive())
    };
    project
        .apply(Edit::InsertSource {
            claim: first,
            index: 0,
            source: Box::new(source),
            at: fixed_time(),
        })
        .unwrap();
    project
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Path of a file in `dir`.
pub fn path_in(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Serves `body` as one HTTP answer of type `content_type` on a local port, to the first request;
/// returns the address of `path` on it.
#[cfg(feature = "gui")] // only the window's tests download pages yet
pub fn serve_once(path: &str, content_type: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}{path}", listener.local_addr().unwrap());
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            // Read the request head up to its blank line before answering.
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && matches!(stream.read(&mut byte), Ok(1)) {
                head.push(byte[0]);
            }
            stream.write_all(answer.as_bytes()).ok();
        }
    });
    url
}
