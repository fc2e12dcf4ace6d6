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
