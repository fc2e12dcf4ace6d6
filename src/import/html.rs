//! Saved web pages read as articles.
//!
//! A page goes through three steps:
//! 1. **Decoding**: a byte-order mark decides; else, for a page downloaded from the web, the charset its
//!    server named in the `Content-Type` header (authoritative, as in browsers); else bytes that are valid
//!    UTF-8 are read as UTF-8 even when the page declares another charset (saved pages often keep a stale
//!    `<meta charset>` after the browser re-encoded them); else the declared charset; else a guess by
//!    `chardetng`, the detector Firefox uses.
//! 2. **Extraction**: `dom_smoothie`, a port of Mozilla's Readability (Firefox's reader view), picks the
//!    main article and drops navigation, ads, comments and scripts.
//! 3. **Blocks**: the cleaned article is walked element by element; each paragraph, heading, list item,
//!    quotation, table row or caption becomes one [`Block`](crate::model::Block), white space collapsed, joined by `\n`.
//!
//! The page's own metadata (`OpenGraph`, `<meta>`, JSON-LD, `<link rel=canonical>`, `<time>`) is read
//! before extraction, because Readability removes the `<script>` elements JSON-LD lives in.
//!
//! Limitations: text inside `<pre>` loses its line breaks like any other block; images and their `alt`
//! text are dropped; Readability can pick the wrong part of unusual pages (galleries, live blogs,
//! pages that are mostly a table), and cannot see text a page only loads with JavaScript; pages nesting
//! elements more than 512 deep are refused (browsers stop nesting there too), though parsing such a
//! page first can take seconds.

use chrono::NaiveDate;
use dom_query::{Document, NodeRef};
use encoding_rs::{Encoding, UTF_8};

use super::blocks::BlockText;
use super::{ImportError, ImportedArticle};
use crate::model::{ArticleMeta, UnknownMembers};

/// The format named in errors.
const FORMAT: &str = "web page";

/// The shortest text kept from a page that does not look like an article: Readability's shortest
/// paragraph worth counting.
const MIN_UNSURE_ARTICLE_CHARS: usize = 140;

/// The length at which Readability takes its first attempt as the article (its `char_threshold`).
const SURE_ARTICLE_CHARS: usize = 500;

/// Why a page has no article text, as the error says it.
const NOTHING_LEFT: &str = "it holds no paragraphs outside navigation, scripts and ads (a page that \
    loads its text with JavaScript must be saved again once the article shows)";

/// Deepest element nesting read. Browsers' parsers stop nesting at this depth (Blink's is 512);
/// Readability's work grows with depth times size, so a deeper page, broken or hostile, could keep
/// the import busy for minutes.
const MAX_DEPTH: usize = 512;

/// How deep the tags of a page may nest, counted from the text before parsing, before it is refused
/// unparsed. Generous: a count from tags alone overestimates pages that leave elements unclosed (the
/// twelve news pages of the test corpus count at most 23), yet low enough that parsing what passes
/// stays well under a second: the parse grows with the square of the depth, and pages counting
/// 4,000 deep took 0.6-0.8 s in a debug build.
const LEXICAL_DEPTH_LIMIT: usize = 2 * MAX_DEPTH;

/// Elements that never have content, or whose end tag pages often leave out: they do not count as
/// nesting in [`tags_nest_deeper_than`].
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rtc", "rp", "caption",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Whether the start tags of `html`, less its end tags, ever nest more than `limit` deep. One pass over
/// the text, without building a tree.
fn tags_nest_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'!') => {
                let end = if bytes.get(i..).is_some_and(|r| r.starts_with(b"!--")) {
                    find(bytes, b"-->", i + 3).map(|e| e + 3)
                } else {
                    find(bytes, b">", i).map(|e| e + 1)
                };
                i = end.unwrap_or(bytes.len());
            }
            Some(b'/') => {
                let name = tag_name(bytes, i + 1);
                if !NON_NESTING.contains(&name.as_str()) {
                    depth = depth.saturating_sub(1);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(bytes, i);
                let Some(close) = tag_end(bytes, i) else {
                    return false;
                };
                let self_closing = close > 0 && bytes.get(close - 1) == Some(&b'/');
                i = close + 1;
                if RAW_TEXT.contains(&name.as_str()) {
                    let end_tag = format!("</{name}");
                    i = find_ignoring_case(bytes, i, end_tag.as_bytes()).unwrap_or(bytes.len());
                } else if !self_closing && !NON_NESTING.contains(&name.as_str()) {
                    depth += 1;
                    if depth > limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// The lower-case tag name starting at byte `at`.
fn tag_name(bytes: &[u8], at: usize) -> String {
    bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// The byte index of the `>` ending the tag whose name starts at `at`, skipping quoted attribute
/// values.
fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &b) in bytes.get(at..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(at + offset),
            _ => {}
        }
    }
    None
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Attribute marking the page's `<h1>` elements through extraction.
const H1_MARK: &str = "data-factdesk-h1";

/// How far into the page a `<meta charset>` is looked for. Browsers look at the first 1024 bytes;
/// saved pages often carry long `<head>`s of inline styles, so the whole head (up to this) is searched.
const CHARSET_SCAN_BYTES: usize = 64 * 1024;

/// Reads a saved web page as an article: decodes `bytes` (BOM, else UTF-8 when valid, else the
/// declared charset, else a guess), extracts the main article with Readability and returns its
/// paragraphs, headings, list items and quotations as blocks joined by `\n`, with the page's title,
/// byline, date, address, site and language. Guesses are reported in `warnings`.
///
/// `name` names the page in errors.
///
/// # Errors
/// [`ImportError::Corrupt`] (format "web page") when the page holds no article text (only navigation,
/// scripts or nothing), or nests its elements more than 512 deep.
pub fn import_html(bytes: &[u8], name: &str) -> Result<ImportedArticle, ImportError> {
    import_served_html(bytes, name, None)
}

/// Reads a web page as [`import_html`] does, for a page a server sent with the charset
/// `header_charset` in its `Content-Type` header (`None` when the header names none).
///
/// The header's charset decides after a byte-order mark and before anything the page says about
/// itself, as in browsers: the server knows how it sends the page, while a `<meta charset>` is often
/// a leftover of a template or an earlier encoding. When the page declares another charset, or its
/// bytes are also valid UTF-8, a warning says so. A label factdesk cannot read is reported and the
/// page decoded as a saved file would be.
///
/// # Errors
/// As [`import_html`].
pub fn import_served_html(
    bytes: &[u8],
    name: &str,
    header_charset: Option<&str>,
) -> Result<ImportedArticle, ImportError> {
    let decoded = decode(bytes, header_charset);
    let mut warnings = decoded.warnings;
    // Building the tree of a deeply nested page takes time quadratic in its depth, so a hostile page
    // is refused from its tags before it is parsed; the exact check on the tree follows.
    if tags_nest_deeper_than(&decoded.text, LEXICAL_DEPTH_LIMIT) {
        return Err(ImportError::Corrupt {
            name: name.to_owned(),
            format: FORMAT,
            reason: format!(
                "its elements are nested more than {MAX_DEPTH} deep, deeper than browsers read"
            ),
        });
    }
    let doc = Document::from(decoded.text.as_str());
    if deeper_than(&doc, MAX_DEPTH) {
        return Err(ImportError::Corrupt {
            name: name.to_owned(),
            format: FORMAT,
            reason: format!(
                "its elements are nested more than {MAX_DEPTH} deep, deeper than browsers read"
            ),
        });
    }
    // Collected before Readability runs: it removes the scripts that hold JSON-LD.
    let page = PageMeta::read(&doc);
    // Readability renames the article's `<h1>`s to `<h2>` (its reader view shows the title apart);
    // the mark, which it keeps, lets the blocks keep the level the page gave them.
    for h1 in select(&doc, "h1") {
        h1.set_attr(H1_MARK, "");
    }

    let no_text = |why: &str| ImportError::Corrupt {
        name: name.to_owned(),
        format: FORMAT,
        reason: format!("no article text was found in it: {why}"),
    };
    let mut readability = dom_smoothie::Readability::with_document(doc, None, None)
        .map_err(|e| no_text(&e.to_string()))?;
    // Asked before `parse`, which rewrites the document this looks at.
    let looks_like_article = readability.is_probably_readable();
    let article = readability.parse().map_err(|_| no_text(NOTHING_LEFT))?;

    let content = Document::fragment(article.content.as_ref());
    let mut out = BlockText::default();
    for (part, heading) in blocks_of(&content.root()) {
        out.push(&part, heading);
    }
    let (text, blocks) = out.finish();
    // Readability always returns its best attempt, which on a page without an article is whatever
    // is left: a footer, a cookie notice. So when a browser would not offer its reader view for the
    // page, a scrap shorter than one reader-view paragraph is no article, and a text shorter than
    // Readability's own "found it" length is kept with a warning, for the user to judge.
    let chars = text.chars().count();
    if !looks_like_article && chars < MIN_UNSURE_ARTICLE_CHARS {
        return Err(no_text(NOTHING_LEFT));
    }
    if !looks_like_article && chars < SURE_ARTICLE_CHARS {
        warnings.push(
            "The page does not look like an article (a browser's reader view would not offer it); \
             check that the text is the article and not menus or notices."
                .to_owned(),
        );
    }

    let title = first_nonempty([
        Some(article.title.as_str()),
        page.og_title.as_deref(),
        page.title_element.as_deref(),
    ]);
    if title.is_empty() {
        warnings.push("The page has no title.".to_owned());
    }
    let byline = first_nonempty([
        article.byline.as_deref(),
        page.meta_author.as_deref(),
        page.ld.author.as_deref(),
    ]);
    let published = [
        page.published_meta.as_deref(),
        page.ld.date_published.as_deref(),
        page.time_published.as_deref(),
        // Readability also reads Dublin Core and Parse.ly dates.
        article.published_time.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(date_part)
    // A `<time>` inside the article is a better guess than the first one on the page (often a
    // sidebar or a "last updated" stamp), so only `<time>`s marked as the publication date are
    // taken from the rest of the page.
    .or_else(|| first_time_datetime(&content).as_deref().and_then(date_part));
    let meta = ArticleMeta {
        byline,
        published,
        canonical_url: [
            page.canonical.as_deref(),
            page.og_url.as_deref(),
            page.ld.url.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|url| is_web_address(url))
        .unwrap_or_default()
        .to_owned(),
        site_name: first_nonempty([page.og_site_name.as_deref(), page.ld.publisher.as_deref()]),
        language: page.lang.unwrap_or_default(),
        source_format: "html".to_owned(),
        encoding: if decoded.encoding == UTF_8 {
            String::new()
        } else {
            decoded.encoding.name().to_owned()
        },
        unknown: UnknownMembers::default(),
    };
    Ok(ImportedArticle {
        title,
        text,
        blocks,
        meta,
        warnings,
    })
}

/// The first of `values` that is not blank, white space collapsed; empty when all are.
fn first_nonempty<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> String {
    values
        .into_iter()
        .flatten()
        .map(collapse_spaces)
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// Whether `url` is an absolute http(s) address. Others are dropped: a relative one has nothing to be
/// relative to in a saved file, and a `javascript:` one must never become a link.
fn is_web_address(url: &str) -> bool {
    let scheme_end = url.find("://").unwrap_or(0);
    let scheme = url.get(..scheme_end).unwrap_or_default();
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && url.len() > scheme_end + 3
        && !url.contains(char::is_whitespace)
}

/// A page's bytes as text, and how that text was obtained.
struct Decoded {
    text: String,
    encoding: &'static Encoding,
    warnings: Vec<String>,
}

/// Decodes a page: BOM, else the charset of the HTTP header, else valid UTF-8, else the declared
/// charset, else a guess.
fn decode(bytes: &[u8], header_charset: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, bytes.get(bom_len..).unwrap_or_default(), warnings);
    }
    let declared = declared_charset(bytes);
    if let Some(label) = header_charset {
        match encoding_of_label(label) {
            Some(encoding) => {
                warnings.extend(served_charset_notes(
                    bytes,
                    label,
                    encoding,
                    declared.as_ref(),
                ));
                return decode_with(encoding, bytes, warnings);
            }
            None => warnings.push(format!(
                "The server names a charset factdesk cannot read (\"{label}\"), so the page was decoded \
                 from its own declaration and its bytes."
            )),
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Pure ASCII reads the same in every charset a page can declare, so only say something when
        // the declaration would have changed the text.
        if let Some((label, encoding)) = &declared
            && *encoding != Some(UTF_8)
            && !text.is_ascii()
        {
            warnings.push(format!(
                "The page declares the charset \"{label}\" but its bytes are UTF-8, so it was read as UTF-8."
            ));
        }
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
            warnings,
        };
    }
    let encoding = match declared {
        Some((_, Some(encoding))) => encoding,
        Some((label, None)) => {
            let guess = guess_encoding(bytes);
            warnings.push(format!(
                "The page declares a charset factdesk cannot read (\"{label}\"); its encoding was guessed as {}.",
                guess.name()
            ));
            guess
        }
        None => {
            let guess = guess_encoding(bytes);
            warnings.push(format!(
                "The page declares no charset and is not UTF-8; its encoding was guessed as {}.",
                guess.name()
            ));
            guess
        }
    };
    decode_with(encoding, bytes, warnings)
}

/// `bytes` decoded with `encoding`, a warning added to `warnings` when some were not valid in it.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(replaced_warning(encoding));
    }
    Decoded {
        text: text.into_owned(),
        encoding,
        warnings,
    }
}

/// What the user should know when a page is read as `encoding`, which its server named as `label`:
/// that the page declares another charset, or that its bytes would also read as UTF-8 (a server
/// configured with a default charset for every page sends such pages). Nothing when reading it
/// another way would give the same text.
fn served_charset_notes(
    bytes: &[u8],
    label: &str,
    encoding: &'static Encoding,
    declared: Option<&(String, Option<&'static Encoding>)>,
) -> Vec<String> {
    let mut notes = Vec::new();
    let served = encoding.name();
    // ASCII reads the same in every ASCII-compatible charset; only UTF-16 would read it otherwise.
    let same_either_way = bytes.is_ascii() && encoding.is_ascii_compatible();
    if same_either_way {
        return notes;
    }
    if let Some((declared_label, declared_encoding)) = declared
        && *declared_encoding != Some(encoding)
    {
        notes.push(format!(
            "The server sent the page as {served} (\"{label}\") but the page declares the charset \
             \"{declared_label}\"; it was read as {served}, as browsers read it."
        ));
    }
    if encoding != UTF_8 && std::str::from_utf8(bytes).is_ok() {
        notes.push(format!(
            "The page was read as {served}, the charset its server names, but its bytes are also valid \
             UTF-8; if the text looks garbled, save the page from the browser and open the saved file, \
             which factdesk reads as UTF-8."
        ));
    }
    notes
}

fn replaced_warning(encoding: &'static Encoding) -> String {
    format!(
        "Some bytes are not valid {} and show as \u{FFFD}.",
        encoding.name()
    )
}

/// chardetng's guess for bytes that are not UTF-8 (UTF-8 is excluded: it was tried first).
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The charset the page declares in `<meta charset>`, `<meta http-equiv=content-type>` or an XML
/// declaration: the label as written (lower-cased), and its encoding when factdesk can decode it.
fn declared_charset(bytes: &[u8]) -> Option<(String, Option<&'static Encoding>)> {
    let window = bytes.get(..CHARSET_SCAN_BYTES).unwrap_or(bytes);
    let lower = window.to_ascii_lowercase();
    // A charset declared in the body is ignored by browsers; stop at the head's end.
    let head_end = [find(&lower, b"</head", 0), find(&lower, b"<body", 0)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(lower.len());
    let head = lower.get(..head_end).unwrap_or(&lower);
    let label = xml_declared_encoding(head).or_else(|| meta_charset(head))?;
    // A declaration readable as ASCII is not UTF-16: browsers map UTF-16 labels to UTF-8 here.
    let encoding = encoding_of_label(&label).map(Encoding::output_encoding);
    Some((label, encoding))
}

/// The encoding a charset label names (WHATWG labels, white space around it ignored), when factdesk
/// decodes with it: not for unknown labels, nor for those of encodings browsers refuse to decode
/// (ISO-2022-KR, HZ), which are better guessed. `x-user-defined` is windows-1252, as HTML's prescan
/// says.
fn encoding_of_label(label: &str) -> Option<&'static Encoding> {
    match Encoding::for_label(label.trim().as_bytes())? {
        e if e == encoding_rs::REPLACEMENT => None,
        e if e == encoding_rs::X_USER_DEFINED => Some(encoding_rs::WINDOWS_1252),
        e => Some(e),
    }
}

/// The `encoding` of a leading `<?xml ...?>` declaration (XHTML pages).
fn xml_declared_encoding(head: &[u8]) -> Option<String> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = head.get(start..)?;
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = find(rest, b"?>", 0)?;
    let decl = rest.get(..end)?;
    let at = find(decl, b"encoding", 0)?;
    attribute_value(decl.get(at + b"encoding".len()..)?)
}

/// The charset named by the first `<meta>` that names one.
fn meta_charset(head: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(at) = find(head, b"<meta", from) {
        let tag_end = find(head, b">", at).unwrap_or(head.len());
        let tag = head.get(at..tag_end)?;
        from = tag_end;
        // Covers both `charset=x` and `content="text/html; charset=x"`.
        if let Some(c) = find(tag, b"charset", 0)
            && let Some(label) = attribute_value(tag.get(c + b"charset".len()..)?)
        {
            return Some(label);
        }
    }
    None
}

/// The value after `=` at the start of `after_name`, unquoted; `None` when there is no `=` or value.
fn attribute_value(after_name: &[u8]) -> Option<String> {
    let rest = trim_ascii_start(after_name);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    // Quotes may be escaped when the page was saved from a script string (`charset=\"utf-8\"`).
    let rest = rest.strip_prefix(b"\\").unwrap_or(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || b"\"'\\;>/".contains(b))
        .unwrap_or(rest.len());
    let label = String::from_utf8_lossy(rest.get(..end)?).into_owned();
    (!label.is_empty()).then_some(label)
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Byte index of the first `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        // `windows(0)` would panic.
        return (from <= haystack.len()).then_some(from);
    }
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// What a page says about itself outside the article text.
#[derive(Debug, Default)]
struct PageMeta {
    og_title: Option<String>,
    title_element: Option<String>,
    meta_author: Option<String>,
    published_meta: Option<String>,
    og_url: Option<String>,
    og_site_name: Option<String>,
    canonical: Option<String>,
    lang: Option<String>,
    /// `<time>` marked as the publication date (`itemprop=datePublished` or `pubdate`).
    time_published: Option<String>,
    ld: LdMeta,
}

impl PageMeta {
    fn read(doc: &Document) -> Self {
        let mut page = Self::default();
        for node in select(doc, "meta") {
            let Some(content) = node.attr("content").map(|c| c.trim().to_owned()) else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            // OpenGraph says `property`, but many pages write `name`; both are accepted.
            let keys = [
                node.attr("property"),
                node.attr("name"),
                node.attr("itemprop"),
            ];
            for key in keys.into_iter().flatten() {
                let slot = match key.trim().to_ascii_lowercase().as_str() {
                    "og:title" => &mut page.og_title,
                    "og:url" => &mut page.og_url,
                    "og:site_name" => &mut page.og_site_name,
                    "author" => &mut page.meta_author,
                    "article:published_time" | "datepublished" => &mut page.published_meta,
                    _ => continue,
                };
                slot.get_or_insert_with(|| content.clone());
            }
        }
        page.title_element = select(doc, "title")
            .first()
            .map(|t| collapse_spaces(&t.text()))
            .filter(|t| !t.is_empty());
        page.canonical = select(doc, "link[rel][href]")
            .iter()
            .find(|l| {
                l.attr("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        page.lang = select(doc, "html[lang]")
            .first()
            .and_then(|h| h.attr("lang"))
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        page.time_published = select(doc, "time[datetime]")
            .iter()
            .find(|t| {
                t.has_attr("pubdate")
                    || t.attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            })
            .and_then(|t| t.attr("datetime"))
            .map(|d| d.to_string());
        for script in select(doc, "script") {
            let is_ld = script
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
            if is_ld {
                page.ld.merge_from(&script.text());
            }
        }
        page
    }
}

/// Whether any element of `doc` is nested more than `limit` deep. Walks with its own stack.
fn deeper_than(doc: &Document, limit: usize) -> bool {
    let mut stack = vec![(doc.root(), 0_usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(
            node.children_it(false)
                .filter(NodeRef::is_element)
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

/// The elements of `doc` matching `selector`; none when the selector is invalid.
fn select<'a>(doc: &'a Document, selector: &str) -> Vec<NodeRef<'a>> {
    doc.try_select(selector)
        .map(|s| s.nodes().to_vec())
        .unwrap_or_default()
}

/// The first `<time datetime>` in the extracted article.
fn first_time_datetime(content: &Document) -> Option<String> {
    select(content, "time[datetime]")
        .first()
        .and_then(|t| t.attr("datetime"))
        .map(|d| d.to_string())
}

/// Metadata of the first schema.org article described in the page's JSON-LD.
#[derive(Debug, Default)]
struct LdMeta {
    found: bool,
    author: Option<String>,
    date_published: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
}

impl LdMeta {
    /// Reads one `<script type=application/ld+json>`, unless an article was already found.
    fn merge_from(&mut self, script: &str) {
        if self.found {
            return;
        }
        // Some CMSs wrap the JSON in CDATA or HTML comment markers.
        let json = script
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
            return;
        };
        let Some(article) = find_article(&value) else {
            return;
        };
        self.found = true;
        self.author = names(article.get("author"));
        self.publisher = names(article.get("publisher"));
        self.date_published = string_field(article, "datePublished");
        self.url = string_field(article, "url");
    }
}

/// The first object in `value` (itself, an array item or an `@graph` item) whose `@type` is an article.
fn find_article(value: &serde_json::Value) -> Option<&serde_json::Map<String, serde_json::Value>> {
    match value {
        serde_json::Value::Array(items) => items.iter().find_map(find_article),
        serde_json::Value::Object(object) => {
            if object.get("@type").is_some_and(is_article_type) {
                Some(object)
            } else {
                object.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// Whether a JSON-LD `@type` (a string or a list) names an article: `Article`, `NewsArticle`,
/// `ReportageNewsArticle`, `BlogPosting`, `Report`...
fn is_article_type(ty: &serde_json::Value) -> bool {
    match ty {
        serde_json::Value::String(t) => {
            let t = t.rsplit(['/', ':']).next().unwrap_or(t);
            t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report"
        }
        serde_json::Value::Array(types) => types.iter().any(is_article_type),
        _ => false,
    }
}

/// The name(s) of an `author` or `publisher`: a string, an object with `name`, or a list of those.
fn names(value: Option<&serde_json::Value>) -> Option<String> {
    let names: Vec<String> = match value? {
        serde_json::Value::String(s) => vec![s.trim().to_owned()],
        serde_json::Value::Object(o) => vec![string_field(o, "name")?],
        serde_json::Value::Array(items) => {
            items.iter().filter_map(|item| names(Some(item))).collect()
        }
        _ => return None,
    };
    let joined = names
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!joined.is_empty()).then_some(joined)
}

fn string_field(object: &serde_json::Map<String, serde_json::Value>, key: &str) -> Option<String> {
    let value = object.get(key)?.as_str()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The calendar date at the start of an ISO 8601 date or date-time (`2015-07-24T05:36:09+01:00`), or of
/// an RFC 2822 date (`Tue, 21 Dec 2016 10:43:37 -0800`).
fn date_part(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(value)
                .ok()
                .map(|d| d.date_naive())
        })
}

/// Elements whose text starts and ends a block.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is never article text. Readability removes most of them; this is the
/// second line of defence for what it keeps (e.g. a `<noscript>` it unwrapped, an inline `<svg>`).
const SKIPPED_ELEMENTS: &[&str] = &[
    "button", "canvas", "embed", "head", "iframe", "img", "input", "math", "noscript", "object",
    "script", "select", "style", "svg", "template", "textarea", "video", "audio",
];

/// One step of the walk over the article: a node to visit in a heading context, or what to do once
/// an element's children are done.
enum Step<'a> {
    Visit(NodeRef<'a>, Option<u8>),
    EndBlock(Option<u8>),
    Space,
}

/// The blocks of the tree under `root`: text between two block boundaries is one block, and a
/// heading's level goes with the text collected inside it. The walk keeps its own stack instead of
/// recursing, so no nesting, however deep, can overflow the thread's stack.
fn blocks_of(root: &NodeRef<'_>) -> Vec<(String, Option<u8>)> {
    let mut walker = BlockWalker::default();
    // Steps are popped from the end: children are pushed last-first so they are visited in order.
    let mut steps: Vec<Step<'_>> = root
        .children_it(true)
        .map(|c| Step::Visit(c, None))
        .collect();
    while let Some(step) = steps.pop() {
        let (node, heading) = match step {
            Step::Visit(node, heading) => (node, heading),
            Step::EndBlock(level) => {
                walker.flush(level);
                continue;
            }
            Step::Space => {
                walker.current.push(' ');
                continue;
            }
        };
        if node.is_text() {
            walker.current.push_str(&node.text());
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        let name = name.as_str();
        if SKIPPED_ELEMENTS.contains(&name) {
            continue;
        }
        let level = match name {
            // A line break inside a paragraph: the paragraph goes on, on the same line.
            "br" | "wbr" => {
                walker.current.push(' ');
                continue;
            }
            // Cells of one row stay one block, apart by a space.
            "td" | "th" => {
                walker.current.push(' ');
                steps.push(Step::Space);
                heading
            }
            _ if BLOCK_ELEMENTS.contains(&name) => {
                walker.flush(heading);
                let level = if node.has_attr(H1_MARK) {
                    Some(1)
                } else {
                    heading_level(name).or(heading)
                };
                steps.push(Step::EndBlock(level));
                level
            }
            _ => heading,
        };
        steps.extend(node.children_it(true).map(|c| Step::Visit(c, level)));
    }
    walker.flush(None);
    walker.blocks
}

/// The blocks collected so far and the text of the one being collected.
#[derive(Default)]
struct BlockWalker {
    blocks: Vec<(String, Option<u8>)>,
    current: String,
}

impl BlockWalker {
    /// Ends the block being collected, keeping it when it holds any visible text.
    fn flush(&mut self, heading: Option<u8>) {
        let text = collapse_spaces(&self.current);
        self.current.clear();
        if text.chars().any(|c| !c.is_whitespace()) {
            self.blocks.push((text, heading));
        }
    }
}

/// 1–6 for `h1`–`h6`.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// `text` with each run of HTML white space (space, tab, line breaks, form feed) turned into one space,
/// none at either end, and soft hyphens removed. No-break and ideographic spaces are kept: they are
/// content (French punctuation, Japanese indentation), as a browser shows them.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\u{0C}' => pending_space = true,
            // Invisible, yet it would split a word for search and for claim quotes.
            '\u{AD}' => {}
            _ => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::block_texts;

    fn data(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/html")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Blocks tile `text`: each starts one char after the previous ends (the `\n`), and the first
    /// starts at 0 and the last ends at the text's end.
    fn assert_blocks_tile_text(article: &ImportedArticle) {
        let mut expected_start = 0;
        for block in &article.blocks {
            assert_eq!(block.start, expected_start, "{block:?}");
            assert!(block.end > block.start, "empty block {block:?}");
            expected_start = block.end + 1;
        }
        assert_eq!(expected_start - 1, article.text.chars().count());
        let rebuilt: Vec<String> = block_texts(article).into_iter().map(|(t, _)| t).collect();
        assert_eq!(rebuilt.join("\n"), article.text);
    }

    #[test]
    fn news_page_keeps_the_article_and_drops_the_page_around_it() {
        let article = import_html(&data("news.html"), "news.html").expect("an article");
        assert_blocks_tile_text(&article);
        let blocks = block_texts(&article);
        let text = &article.text;

        for absent in [
            "Subscribe now",
            "Home",
            "Weather",
            "Buy cheap watches",
            "tracking()",
            "First!",
            "Most read",
            "All rights reserved",
        ] {
            assert!(
                !text.contains(absent),
                "{absent:?} should be dropped:\n{text}"
            );
        }
        // The headline is the title; Readability drops the `<h1>` repeating it, so it is not text twice.
        assert!(
            !text.contains("Council vote on river bridge"),
            "headline repeated:\n{text}"
        );
        assert!(
            blocks.contains(&("What the engineers found".to_owned(), Some(2))),
            "{blocks:#?}"
        );
        for paragraph in [
            "The city council has postponed its vote on the new river bridge until March, the mayor said on Tuesday, after engineers asked for more time to study the riverbed.",
            "The bridge was first proposed in 2019 and has been debated at eleven council meetings since.",
            "Councillors said the delay would add about 1.2 million euros to the cost.",
        ] {
            assert!(
                blocks.contains(&(paragraph.to_owned(), None)),
                "missing {paragraph:?}:\n{blocks:#?}"
            );
        }
        for item in [
            "Soft clay under the eastern pier",
            "An old cable nobody had mapped",
        ] {
            assert!(blocks.contains(&(item.to_owned(), None)), "{blocks:#?}");
        }
        // White space inside a paragraph (line breaks, tabs, runs of spaces) is one space.
        assert!(text.contains("more time to study the riverbed."));
        assert!(!text.contains("  "));

        assert_eq!(
            article.title,
            "Council vote on river bridge delayed to spring"
        );
        let meta = &article.meta;
        assert_eq!(meta.byline, "Anna Berg");
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(
            meta.canonical_url,
            "https://news.example.org/2024/03/05/bridge-vote"
        );
        assert_eq!(meta.site_name, "The Example Gazette");
        assert_eq!(meta.language, "en-GB");
        assert_eq!(meta.source_format, "html");
        assert_eq!(meta.encoding, "");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn headings_keep_the_level_the_page_gave_them() {
        let html = r"<html><head><title>A field guide to river birds</title></head><body><article>
            <h1>Herons</h1><p>Herons stand still in shallow water for a long time and strike at fish
            with their beaks, and they nest together in colonies high up in the trees by the river.</p>
            <h3>Grey heron</h3><p>The grey heron is the largest of them and the one seen most often
            along the river, from the estuary to the weirs far upstream of the old town.</p>
            <h1>Kingfishers</h1><p>Kingfishers dive from a perch and are seen as a flash of blue low
            over the water; they nest in tunnels they dig into the steep banks of the river.</p>
            </article></body></html>";
        let article = import_html(html.as_bytes(), "birds.html").expect("an article");
        let headings: Vec<(String, Option<u8>)> = block_texts(&article)
            .into_iter()
            .filter(|(_, level)| level.is_some())
            .collect();
        assert_eq!(
            headings,
            [
                ("Herons".to_owned(), Some(1)),
                ("Grey heron".to_owned(), Some(3)),
                ("Kingfishers".to_owned(), Some(1)),
            ]
        );
        assert_blocks_tile_text(&article);
    }

    #[test]
    fn json_ld_fills_what_meta_tags_leave_out() {
        let html = r#"<html><head><title>Bare</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Not this"},
              {"@type":["NewsArticle"],"headline":"Bare","author":[{"@type":"Person","name":"Ola Nord"},
               {"@type":"Person","name":"Kim Sol"}],"datePublished":"2023-11-30T23:10:00-05:00",
               "url":"https://example.net/a","publisher":{"@type":"Organization","name":"Example Net"}}]}
            </script></head><body><article><p>A paragraph long enough to count as the article text, about
            the harbour, the ferries and the people who run them every single day of the year.</p>
            </article></body></html>"#;
        let article = import_html(html.as_bytes(), "ld.html").expect("an article");
        assert_eq!(article.meta.byline, "Ola Nord, Kim Sol");
        assert_eq!(
            article.meta.published,
            NaiveDate::from_ymd_opt(2023, 11, 30)
        );
        assert_eq!(article.meta.canonical_url, "https://example.net/a");
        assert_eq!(article.meta.site_name, "Example Net");
        assert_eq!(article.title, "Bare");
    }

    #[test]
    fn utf8_bytes_win_over_a_wrong_charset_declaration() {
        let article =
            import_html(&data("wrong-charset.html"), "wrong-charset.html").expect("an article");
        assert_blocks_tile_text(&article);
        assert!(
            article
                .text
                .contains("Zürich café owners say prices rose 12 % — “too much”."),
            "{}",
            article.text
        );
        assert!(article.text.contains("北京"), "{}", article.text);
        assert_eq!(article.meta.encoding, "");
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
        let warning = article.warnings.first().map_or("", String::as_str);
        assert!(
            warning.contains("gb2312") && warning.contains("UTF-8"),
            "{warning}"
        );
        assert_eq!(article.title, "Café prices in Zürich");
    }

    #[test]
    fn a_declared_windows_1252_page_is_decoded_as_windows_1252() {
        let bytes = data("windows-1252.html");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "fixture must not be UTF-8"
        );
        let article = import_html(&bytes, "windows-1252.html").expect("an article");
        assert_blocks_tile_text(&article);
        // 0x93/0x94 are curly quotes and 0x80 the euro sign in windows-1252 (not in Latin-1).
        assert!(
            article
                .text
                .contains("“Déjà vu,” said the façade’s owner, who paid €300."),
            "{}",
            article.text
        );
        assert_eq!(article.meta.encoding, "windows-1252");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
        assert_eq!(article.meta.language, "fr");
    }

    #[test]
    fn a_byte_order_mark_decides_the_encoding() {
        let html = "<html><head><meta charset=windows-1252><title>Ärger</title></head><body><article>\
            <p>Der Ärger über die Brücke wächst, sagen die Anwohner, die seit Jahren auf einen sicheren \
            Übergang über den Fluss warten und nun noch länger warten müssen.</p></article></body></html>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(html.encode_utf16().flat_map(u16::to_le_bytes));
        let article = import_html(&bytes, "utf16.html").expect("an article");
        assert!(
            article.text.starts_with("Der Ärger über die Brücke"),
            "{}",
            article.text
        );
        assert_eq!(article.meta.encoding, "UTF-16LE");
        // The BOM is certain: the stale windows-1252 declaration is not worth a warning.
        assert!(
            !article.warnings.iter().any(|w| w.contains("charset")),
            "{:?}",
            article.warnings
        );
    }

    #[test]
    fn undeclared_legacy_bytes_are_guessed_with_a_warning() {
        let mut bytes = b"<html><body><article><p>".to_vec();
        for _ in 0..8 {
            bytes.extend_from_slice(
                b"Le caf\xe9 de la gare a ferm\xe9 ses portes apr\xe8s trente ann\xe9es de service. ",
            );
        }
        bytes.extend_from_slice(b"</p></article></body></html>");
        let article = import_html(&bytes, "guess.html").expect("an article");
        assert!(
            article.text.contains("Le café de la gare a fermé"),
            "{}",
            article.text
        );
        assert_eq!(article.meta.encoding, "windows-1252");
        assert!(
            article.warnings.iter().any(|w| w.contains("guessed")),
            "{:?}",
            article.warnings
        );
    }

    #[test]
    fn a_page_without_article_text_is_refused_plainly() {
        let error =
            import_html(&data("no-article.html"), "no-article.html").expect_err("no article text");
        assert!(
            matches!(
                error,
                ImportError::Corrupt {
                    format: "web page",
                    ..
                }
            ),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("no article text"), "{message}");
        assert!(message.ends_with("no-article.html"), "{message}");
    }

    #[test]
    fn a_short_page_is_kept_with_a_warning() {
        let html = "<html><head><title>Ferry times</title></head><body><div><p>The ferry to the \
            island leaves at eight and at noon on weekdays, and once a day at ten on Sundays; \
            tickets are sold on board, and bicycles travel free outside the summer months.</p></div></body></html>";
        let article = import_html(html.as_bytes(), "ferry.html").expect("a short article");
        assert!(
            article
                .text
                .starts_with("The ferry to the island leaves at eight")
        );
        assert!(
            article
                .warnings
                .iter()
                .any(|w| w.contains("does not look like an article")),
            "{:?}",
            article.warnings
        );
    }

    #[test]
    fn a_served_charset_is_used_as_the_server_names_it() {
        let utf16: Vec<u8> = "<meta charset=utf-8><p>Zürich</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let ascii = b"<meta charset=utf-8><p>Plain words</p>";
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Мост</p>");
        for (bytes, header, text, encoding, warnings) in [
            // Unlike a meta tag, a header may say UTF-16: the server is not read as ASCII.
            (&utf16[..], "utf-16le", "Zürich", "UTF-16LE", 0),
            // ASCII reads the same in either charset: nothing to say.
            (&ascii[..], "windows-1251", "Plain words", "windows-1251", 0),
            (&cyrillic[..], " Windows-1251 ", "Мост", "windows-1251", 0),
        ] {
            let decoded = decode(bytes, Some(header));
            assert!(decoded.text.contains(text), "{header}: {}", decoded.text);
            assert_eq!(decoded.encoding.name(), encoding, "{header}");
            assert_eq!(
                decoded.warnings.len(),
                warnings,
                "{header}: {:?}",
                decoded.warnings
            );
        }
    }

    #[test]
    fn charset_declarations_are_found_in_their_usual_forms() {
        let label = |html: &[u8]| declared_charset(html).map(|(l, e)| (l, e.map(Encoding::name)));
        assert_eq!(
            label(b"<meta charset=\"GB2312\">"),
            Some(("gb2312".to_owned(), Some("GBK")))
        );
        assert_eq!(
            label(b"<META http-equiv=Content-Type content='text/html; charset=iso-8859-1'>"),
            Some(("iso-8859-1".to_owned(), Some("windows-1252")))
        );
        assert_eq!(
            label(b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><html>"),
            Some(("shift_jis".to_owned(), Some("Shift_JIS")))
        );
        assert_eq!(
            label(b"<meta charset=utf-16>"),
            Some(("utf-16".to_owned(), Some("UTF-8")))
        );
        assert_eq!(
            label(b"<meta charset=klingon>"),
            Some(("klingon".to_owned(), None))
        );
        assert_eq!(
            label(b"<meta charset=iso-2022-kr>"),
            Some(("iso-2022-kr".to_owned(), None))
        );
        assert_eq!(
            label(b"<meta charset=x-user-defined>"),
            Some(("x-user-defined".to_owned(), Some("windows-1252")))
        );
        assert_eq!(label(b"<head></head><body><meta charset=koi8-r>"), None);
    }

    #[test]
    fn only_absolute_web_addresses_are_canonical() {
        assert!(is_web_address("https://example.org/a?b=c"));
        assert!(is_web_address("HTTP://example.org"));
        assert!(!is_web_address("/2024/03/05/bridge-vote"));
        assert!(!is_web_address("javascript://%0Aalert(1)"));
        assert!(!is_web_address("https://"));
        let html = r#"<html><head><link rel="canonical" href="/relative">
            <meta property="og:url" content="javascript:alert(1)">
            <script type="application/ld+json">{"@type":"Article","url":"https://example.com/x"}</script>
            </head><body><article><p>A paragraph long enough to count as the text of an article about
            the ferries of the harbour and the people who run them, every day, in every weather.</p>
            </article></body></html>"#;
        let article = import_html(html.as_bytes(), "rel.html").expect("an article");
        assert_eq!(article.meta.canonical_url, "https://example.com/x");
    }

    #[test]
    fn a_hostile_nesting_depth_is_refused_quickly_from_the_tags_alone() {
        // 1 MB of nested elements took over a minute to parse before.
        let page = format!(
            "<html><body>{}</body></html>",
            "<div><span>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let error = import_html(page.as_bytes(), "deep.html").expect_err("too deep");
        assert!(error.to_string().contains("nested more than"), "{error}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );

        // Thousands of paragraphs and list items without end tags are not nesting.
        let sloppy = format!(
            "<html><body><article><ul>{}</ul>{}</article></body></html>",
            "<li>An item of the list, with words. ".repeat(3_000),
            "<p>A paragraph left open, as old pages do, long enough to be read. ".repeat(3_000)
        );
        assert!(!tags_nest_deeper_than(&sloppy, LEXICAL_DEPTH_LIMIT));
        // Tags inside scripts, comments and quoted attributes are not counted.
        let hidden = format!(
            "<div title=\"<div><div>\"><script>{}</script><!-- {} --></div>",
            "<div>".repeat(10_000),
            "<div>".repeat(10_000)
        );
        assert!(!tags_nest_deeper_than(&hidden, 10));
    }

    #[test]
    fn deep_nesting_is_refused_and_shallower_nesting_read() {
        let page = |depth: usize| {
            format!(
                "<html><body><article>{}<p>{}</p></article></body></html>",
                "<div>".repeat(depth),
                "Words of a paragraph deep inside the page, long enough to be read. ".repeat(4)
            )
        };
        let shallow = import_html(page(400).as_bytes(), "shallow.html").expect("an article");
        assert!(shallow.text.starts_with("Words of a paragraph deep inside"));
        let error = import_html(page(5_000).as_bytes(), "deep.html").expect_err("too deep");
        assert!(
            error.to_string().contains("nested more than 512 deep"),
            "{error}"
        );
    }

    #[test]
    fn dates_are_cut_to_their_day() {
        assert_eq!(
            date_part("2021-11-01T10:52:50+0100"),
            NaiveDate::from_ymd_opt(2021, 11, 1)
        );
        assert_eq!(
            date_part("Thu, 22 Dec 2016 10:43:37 -0800"),
            NaiveDate::from_ymd_opt(2016, 12, 22)
        );
        assert_eq!(date_part("yesterday"), None);
    }

    #[test]
    fn white_space_collapses_but_visible_spaces_stay() {
        assert_eq!(collapse_spaces("  a \n\t b\u{AD}c "), "a bc");
        assert_eq!(
            collapse_spaces("\u{3000}日本\u{A0}:"),
            "\u{3000}日本\u{A0}:"
        );
    }
}
