//! Downloading a web page to import it as an article, with limits so a slow, huge or hostile server
//! cannot hang or flood factdesk.

use std::time::Duration;

use ureq::ResponseExt;

use super::{ImportError, ImportedArticle};

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

/// Downloads the page at `url` (http or https) and imports it as an article; the page's address
/// becomes its canonical URL when the page names none.
pub fn import_url(url: &str, limits: &FetchLimits) -> Result<ImportedArticle, ImportError> {
    let (bytes, final_url) = fetch(url, limits)?;
    let mut imported = super::html::import_html(&bytes, &final_url)?;
    imported.lead_with_headline();
    if imported.meta.canonical_url.is_empty() {
        imported.meta.canonical_url = final_url;
    }
    Ok(imported)
}

/// The body of the page at `url` and the address it was finally served from, after redirects.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<(Vec<u8>, String), ImportError> {
    let failed = |reason: String| ImportError::Network {
        url: url.to_owned(),
        reason,
    };
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
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
        .to_ascii_lowercase();
    let is_page = content_type.is_empty()
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/xhtml+xml");
    if !is_page {
        return Err(failed(format!(
            "this address serves {content_type}, not a web page; download the file and open it instead"
        )));
    }
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| failed(describe(&e)))?;
    Ok((bytes, final_url))
}

/// A download error in words a user can act on.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "the server took too long to answer; try again later".into(),
        ureq::Error::TooManyRedirects => "the address redirects too many times".into(),
        ureq::Error::BodyExceedsLimit(limit) => {
            format!("the page is larger than {} MB", limit / (1024 * 1024))
        }
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
