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
        ClaimField::verdict(Some("mostly-true".into()), fixed_time()),
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

/// A web server on 127.0.0.1 for download tests: answers each of `responses` (whole HTTP responses,
/// see [`http_response`]) to one request, in order, then stops. Returns its address,
/// `http://127.0.0.1:PORT`.
pub fn serve(responses: Vec<Vec<u8>>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for response in responses {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            // Read the request head up to its blank line before answering, so the client is not cut off.
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && matches!(stream.read(&mut byte), Ok(1)) {
                head.push(byte[0]);
            }
            // A client that refuses the page midway closes the connection; that is not an error here.
            stream.write_all(&response).ok();
        }
    });
    format!("http://{address}")
}

/// An HTTP/1.1 response: `status` ("200 OK"), header lines `headers` (each ending in `\r\n`) and `body`.
pub fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// An address on 127.0.0.1 where nothing listens, so connecting is refused.
pub fn closed_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// A news page titled `title` with `paragraphs`, whose `<meta charset>` says `meta_charset`, encoded
/// in `encoding` (a WHATWG label), which may be another charset: a page whose meta tag lies.
pub fn page_encoded(
    encoding: &str,
    meta_charset: &str,
    title: &str,
    paragraphs: &[&str],
) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"{meta_charset}\"><title>{title}</title></head>\
         <body><nav>Home News</nav><article><h1>{title}</h1>{body}</article></body></html>"
    );
    let encoding = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(&html);
    assert!(!unmappable, "{} holds the page's text", encoding.name());
    bytes.into_owned()
}

/// The headline of [`RUSSIAN_STORY`].
pub const RUSSIAN_TITLE: &str = "Мост обошёлся вдвое дороже";

/// The HTTP response of a Russian news page sent as windows-1251 (the header says so), whose meta
/// tag says it is UTF-8.
pub fn lying_windows_1251_response() -> Vec<u8> {
    http_response(
        "200 OK",
        "Content-Type: text/html; charset=windows-1251\r\n",
        &page_encoded("windows-1251", "utf-8", RUSSIAN_TITLE, RUSSIAN_STORY),
    )
}

/// Paragraphs of a Russian news story, long enough to be taken as an article.
pub const RUSSIAN_STORY: &[&str] = &[
    "Городской совет заявил во вторник, что новый мост обошёлся вдвое дороже первоначальной сметы, \
     и оппозиция оспаривает эти данные.",
    "Чиновники опубликовали цифры, согласно которым перерасход составил сорок процентов, а мэр \
     пообещал независимую проверку проекта до следующего заседания совета.",
    "Результаты проверки, по словам мэра, будут опубликованы полностью.",
];

/// Paragraphs of a Japanese news story, long enough to be taken as an article.
pub const JAPANESE_STORY: &[&str] = &[
    "市議会は火曜日、新しい橋の建設費が当初の予算の二倍になったと発表したが、野党はこの数字に異議を唱えている。\
     当局が公表した資料によると、超過額は四十パーセントに上る。",
    "市長は、次の議会までに事業の独立した監査を行うと約束し、その結果はすべて公表されると述べた。\
     監査は外部の専門家が担当し、報告書は市のウェブサイトに掲載される予定だという。",
    "住民の間では、事業の進め方について説明が不十分だったとの声が上がっている。",
];
