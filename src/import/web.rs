//! Downloading a web page to import it as an article, with limits so a slow, huge or hostile server
//! cannot hang or flood factdesk.

use std::time::Duration;

use ureq::ResponseExt;

use super::{ImportError, ImportedArticle};
use crate::model::Article;

/// Limits of one download.
#[derive(Clone, Debug)]
pub struct FetchLimits {
    /// Longest the whole download may take.
    pub timeout: Duration,
    /// Longest connecting may take.
    pub connect_timeout: Duration,
    /// Largest page accepted, in bytes.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    /// 30 s in all (10 s to connect), 20 MB, 5 redirects.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Whether `address` is one factdesk downloads; the same test decides that a project file records an
/// article's origin as it is rather than as a path.
pub use crate::model::is_web_address;

/// Downloads the page at `url` (http or https) and imports it as an article, decoded with the
/// charset its server names (see [`super::html::import_served_html`]); the page's address becomes
/// its canonical URL when the page names none.
pub fn import_url(url: &str, limits: &FetchLimits) -> Result<ImportedArticle, ImportError> {
    let page = fetch(url, limits)?;
    let mut imported =
        super::html::import_served_html(&page.bytes, &page.url, page.charset.as_deref())?;
    imported.lead_with_headline();
    if imported.meta.canonical_url.is_empty() {
        imported.meta.canonical_url = page.url;
    }
    Ok(imported)
}

/// The article made of the page at `url`, downloaded with the default [`FetchLimits`] and added at
/// `now`, its origin the address as given; and what import changed or guessed. What *File › Open
/// URL*, `factdesk new URL` and `factdesk import URL` read.
pub fn article_from_url(
    url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Article, Vec<String>), ImportError> {
    let imported = import_url(url, &FetchLimits::default())?;
    let warnings = imported.warnings.clone();
    Ok((
        imported.into_article(Some(url.trim().to_owned()), now),
        warnings,
    ))
}

/// A page as its server sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchedPage {
    /// The body.
    pub bytes: Vec<u8>,
    /// The address it was finally served from, after redirects.
    pub url: String,
    /// The charset the `Content-Type` header names, as written; `None` when it names none.
    pub charset: Option<String>,
}

/// Downloads the page at `url` within `limits`.
///
/// # Errors
/// [`ImportError::Network`], naming the address and saying why: not an http(s) address, the server
/// could not be reached or answered with an error status, the address serves something other than
/// a web page, the page is larger than the limit, or the download took too long.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<FetchedPage, ImportError> {
    let failed = |reason: String| ImportError::Network {
        url: url.to_owned(),
        reason,
    };
    if !is_web_address(url) {
        return Err(failed(
            "only http:// and https:// addresses can be opened".into(),
        ));
    }
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.connect_timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent("factdesk (fact-checking workbench)")
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let mut response = agent
        .get(url.trim())
        .call()
        .map_err(|e| failed(describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(failed(format!(
            "the server answered {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let is_page =
        media_type.is_empty() || media_type == "text/html" || media_type == "application/xhtml+xml";
    if !is_page {
        return Err(failed(format!(
            "this address serves {media_type}, not a web page; download the file and open it instead"
        )));
    }
    // A server that says how large the page is saves downloading what would be refused anyway.
    if response
        .body()
        .content_length()
        .is_some_and(|length| length > limits.max_bytes)
    {
        return Err(failed(larger_than(limits.max_bytes)));
    }
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| failed(describe(&e)))?;
    Ok(FetchedPage {
        bytes,
        url: final_url,
        charset: charset_parameter(&content_type),
    })
}

/// The `charset` parameter of a `Content-Type` header value, unquoted (`text/html;
/// charset="Shift_JIS"` gives `Shift_JIS`); `None` when there is none or it is empty.
fn charset_parameter(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .skip(1)
        .find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| value.trim().trim_matches(['"', '\'']).trim().to_owned())
        })
        .filter(|label| !label.is_empty())
}

/// Why a page over `limit` bytes is refused.
fn larger_than(limit: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if limit >= MB {
        format!("the page is larger than {} MB", limit / MB)
    } else {
        format!("the page is larger than {} KB", limit / 1024)
    }
}

/// A download error in words a user can act on.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "the server took too long to answer; try again later".into(),
        ureq::Error::TooManyRedirects => "the address redirects too many times".into(),
        ureq::Error::BodyExceedsLimit(limit) => larger_than(*limit),
        ureq::Error::HostNotFound => {
            "the server's name could not be found; check the address and that you are online".into()
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "the server refused the connection".into()
        }
        other => format!("the page could not be downloaded ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;

    /// A one-thread HTTP server on 127.0.0.1 that answers each of `responses` to one request, in order.
    fn serve(responses: Vec<Vec<u8>>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let address = listener.local_addr().expect("local address");
        std::thread::spawn(move || {
            for response in responses {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                read_request_head(&mut stream);
                stream.write_all(&response).ok();
            }
        });
        format!("http://{address}")
    }

    /// Reads a request up to the blank line that ends its head, so the client is not cut off.
    fn read_request_head(stream: &mut impl Read) {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
            match stream.read(&mut byte) {
                Ok(1) => head.push(byte[0]),
                _ => return,
            }
        }
    }

    fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    const PAGE: &str = "<!DOCTYPE html><html lang=en><head><title>Budget row</title></head><body>\
        <nav>Home News Sport</nav><article><h1>Budget row deepens</h1>\
        <p>The council said on Tuesday that the bridge cost twice its original budget, a claim the \
        opposition disputes. Officials released figures showing the overrun was forty percent.</p>\
        <p>The mayor promised an independent audit of the project before the next council meeting, \
        and said the results would be published in full.</p></article><footer>Contact</footer></body></html>";

    fn quick() -> FetchLimits {
        FetchLimits {
            timeout: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(2),
            max_bytes: 64 * 1024,
            max_redirects: 3,
        }
    }

    #[test]
    fn a_page_is_downloaded_after_a_redirect_and_imported_with_its_address() {
        let base = serve(vec![
            response("301 Moved Permanently", "Location: /story\r\n", b""),
            response(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                PAGE.as_bytes(),
            ),
        ]);
        let imported = import_url(&format!("{base}/old"), &quick()).expect("imports");
        assert!(imported.text.contains("forty percent"), "{}", imported.text);
        assert!(
            !imported.text.contains("Home News Sport"),
            "navigation dropped"
        );
        assert_eq!(imported.meta.canonical_url, format!("{base}/story"));
    }

    fn error_of(result: Result<ImportedArticle, ImportError>) -> String {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn failures_say_what_happened() {
        let base = serve(vec![response(
            "404 Not Found",
            "Content-Type: text/html\r\n",
            b"gone",
        )]);
        assert!(error_of(import_url(&base, &quick())).contains("404 Not Found"));

        let base = serve(vec![response(
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.4",
        )]);
        assert!(error_of(import_url(&base, &quick())).contains("not a web page"));

        let big = vec![b'a'; 100 * 1024];
        let base = serve(vec![response(
            "200 OK",
            "Content-Type: text/html\r\n",
            &big,
        )]);
        assert!(error_of(import_url(&base, &quick())).contains("larger than"));

        let loop_to_self = response("302 Found", "Location: /again\r\n", b"");
        let base = serve(vec![loop_to_self; 5]);
        assert!(error_of(import_url(&base, &quick())).contains("redirects too many times"));

        assert!(error_of(import_url("ftp://example.org/page", &quick())).contains("only http"));
    }

    #[test]
    fn the_charset_parameter_is_read_from_the_content_type() {
        for (header, charset) in [
            ("text/html; charset=windows-1251", Some("windows-1251")),
            ("text/html;charset=\"Shift_JIS\"", Some("Shift_JIS")),
            ("text/html; Charset = 'utf-8' ", Some("utf-8")),
            ("text/html; format=flowed; charset=koi8-r", Some("koi8-r")),
            ("text/html", None),
            ("text/html; charset=", None),
            ("", None),
        ] {
            assert_eq!(charset_parameter(header).as_deref(), charset, "{header}");
        }
    }

    /// A page about a budget in `text`, whose `<meta charset>` says `meta`.
    fn page_declaring(meta: &str, text: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"{meta}\"><title>{text}</title></head><body>\
             <article><p>{text} {text}</p><p>{text}</p><p>{text} {text} {text}</p></article></body></html>"
        )
    }

    #[test]
    fn the_header_charset_decides_over_a_meta_tag_that_lies() {
        let russian = "Городской совет заявил, что мост обошёлся вдвое дороже сметы; оппозиция это оспаривает.";
        let japanese = "市議会は、橋の建設費が当初予算の二倍になったと発表したが、野党はこれに異議を唱えている。";
        for (header, meta, text, read_as) in [
            ("windows-1251", "utf-8", russian, "windows-1251"),
            ("Shift_JIS", "iso-8859-1", japanese, "Shift_JIS"),
            ("koi8-r", "windows-1251", russian, "KOI8-R"),
        ] {
            let encoding = encoding_rs::Encoding::for_label(header.as_bytes()).expect("a label");
            let page = page_declaring(meta, text);
            let (bytes, _, unmappable) = encoding.encode(&page);
            assert!(!unmappable, "{header} holds the text");
            let base = serve(vec![response(
                "200 OK",
                &format!("Content-Type: text/html; charset={header}\r\n"),
                &bytes,
            )]);
            let imported = import_url(&base, &quick()).expect("imports");
            assert!(imported.text.contains(text), "{header}: {}", imported.text);
            assert_eq!(imported.meta.encoding, read_as);
            assert!(
                imported.warnings.iter().any(|w| w.contains(meta)
                    && w.contains(read_as)
                    && w.contains("as browsers read it")),
                "{header}: {:?}",
                imported.warnings
            );
        }
    }

    #[test]
    fn without_a_header_charset_the_page_is_decoded_as_a_saved_file() {
        let text = "Le conseil a déclaré que le pont avait coûté deux fois son budget initial.";
        let page = page_declaring("iso-8859-1", text);
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
        let base = serve(vec![
            response("200 OK", "Content-Type: text/html\r\n", &latin1),
            // A label nobody knows counts as no label, with a word about it.
            response(
                "200 OK",
                "Content-Type: text/html; charset=x-klingon\r\n",
                page_declaring("iso-8859-1", text).as_bytes(),
            ),
        ]);
        let imported = import_url(&base, &quick()).expect("imports");
        assert!(imported.text.contains(text), "{}", imported.text);
        assert_eq!(imported.meta.encoding, "windows-1252");
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

        let imported = import_url(&base, &quick()).expect("imports");
        assert!(imported.text.contains(text), "{}", imported.text);
        assert_eq!(imported.meta.encoding, "", "valid UTF-8 wins over the meta");
        assert!(
            imported.warnings.iter().any(|w| w.contains("x-klingon")),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn a_byte_order_mark_decides_over_the_header() {
        let text = "Der Rat sagte, die Brücke habe doppelt so viel gekostet wie geplant.";
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(page_declaring("windows-1252", text).as_bytes());
        let base = serve(vec![response(
            "200 OK",
            "Content-Type: text/html; charset=windows-1251\r\n",
            &bytes,
        )]);
        let imported = import_url(&base, &quick()).expect("imports");
        assert!(imported.text.contains(text), "{}", imported.text);
        assert_eq!(imported.meta.encoding, "");
    }

    #[test]
    fn utf8_bytes_served_as_another_charset_are_read_as_served_with_a_warning() {
        let text = "Der Rat sagte, die Brücke habe doppelt so viel gekostet wie geplant.";
        let base = serve(vec![response(
            "200 OK",
            "Content-Type: text/html; charset=iso-8859-1\r\n",
            page_declaring("utf-8", text).as_bytes(),
        )]);
        let imported = import_url(&base, &quick()).expect("imports");
        assert!(imported.text.contains("BrÃ¼cke"), "as a browser shows it");
        assert_eq!(imported.meta.encoding, "windows-1252");
        assert!(
            imported
                .warnings
                .iter()
                .any(|w| w.contains("also valid UTF-8")),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn a_page_larger_than_the_limit_is_refused_without_a_declared_length() {
        // No Content-Length: the server sends until it closes the connection.
        let mut big =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n".to_vec();
        big.extend(std::iter::repeat_n(b'a', 100 * 1024));
        let base = serve(vec![big]);
        let message = error_of(import_url(&base, &quick()));
        assert!(message.contains("larger than 64 KB"), "{message}");
        assert!(message.ends_with(&base), "names the address: {message}");
    }

    #[test]
    fn a_closed_port_and_a_silent_server_fail_without_hanging() {
        let closed = {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
            listener.local_addr().expect("address")
        };
        let message = error_of(import_url(&format!("http://{closed}/"), &quick()));
        assert!(message.contains("could not open the page"), "{message}");

        let silent = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = silent.local_addr().expect("address");
        let started = std::time::Instant::now();
        let message = error_of(import_url(&format!("http://{address}/"), &quick()));
        assert!(message.contains("took too long"), "{message}");
        assert!(started.elapsed() < Duration::from_secs(10));
        drop(silent);
    }
}
