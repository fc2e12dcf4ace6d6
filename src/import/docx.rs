//! Word documents (.docx): the text of every paragraph, with headings from paragraph styles.
//!
//! A .docx file is a ZIP archive of XML parts. The body is `word/document.xml`: one block per
//! paragraph (`w:p`) with text, table cells' paragraphs included, runs' text (`w:t`) concatenated
//! and tabs and line breaks read as spaces. A paragraph is a heading when its style is a heading:
//! the style's name in `word/styles.xml` (`heading 1`, `Title`) or outline level decides, so
//! documents written by a Word in another language (style ids like `berschrift1`) are read too.
//! The title and author come from `docProps/core.xml`.
//!
//! Footnotes (`word/footnotes.xml`) and endnotes (`word/endnotes.xml`) follow the body, each kind
//! under a heading of its own ("Footnotes", "Endnotes"), one block per paragraph of a note, its
//! first paragraph starting with the note's number. Notes are numbered 1, 2, 3… in the order the
//! body first refers to them, as Word numbers them; the body keeps no marker, so a quote taken from
//! the body reads as the sentence does. Word's separator notes (the rule above the notes) are no
//! text and are skipped.
//!
//! Limitations: comments, headers and footers are not read; a note's custom mark (a `*` instead of
//! a number) and endnotes numbered i, ii, iii are numbered 1, 2, 3 here; deleted tracked changes
//! are left out and inserted ones kept; the parts are always taken from their usual names
//! (`word/document.xml`) rather than found through the package relationships; only UTF-8 XML is
//! read.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use zip::ZipArchive;

use super::blocks::BlockText;
use super::{ImportError, ImportedArticle};
use crate::model::ArticleMeta;

/// WordprocessingML, as Word writes it (transitional) and in the rarer strict variant.
const W_NAMESPACES: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Markup compatibility: `mc:Fallback` repeats the content of `mc:Choice` for older readers.
const MC_NAMESPACE: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Dublin Core, for the title and creator in `docProps/core.xml`.
const DC_NAMESPACE: &[u8] = b"http://purl.org/dc/elements/1.1/";

/// The part holding the body.
const DOCUMENT_PART: &str = "word/document.xml";

/// The largest unpacked XML part read; more is a ZIP bomb, not an article.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// How the format is named in errors.
const FORMAT: &str = "Word";

/// Reads the Word document `bytes` (a .docx file called `name`) as an article: one block per
/// paragraph with text, headings marked with their level; the title from the document properties,
/// else the first heading, else empty (the caller then falls back to the file name).
///
/// # Errors
///
/// [`ImportError::Corrupt`] when the file is not a ZIP archive, has no
/// `word/document.xml`, holds XML that is not well-formed, or has no text at all.
pub fn import_docx(bytes: &[u8], name: &str) -> Result<ImportedArticle, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        name: name.to_owned(),
        format: FORMAT,
        reason,
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        // Word saves password-protected documents, and old .doc files are, OLE compound files.
        corrupt(if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            "it is an old .doc file or a password-protected document; save it as .docx without a password"
                .to_owned()
        } else {
            "it is not a ZIP archive, as .docx files are".to_owned()
        })
    })?;
    let mut warnings = Vec::new();

    let document = read_part(&mut archive, DOCUMENT_PART)
        .map_err(&corrupt)?
        .ok_or_else(|| {
            corrupt("it has no word/document.xml, so it is not a Word document".to_owned())
        })?;

    // Styles and properties only refine the result; a damaged one costs the headings or the title,
    // not the text.
    let styles = match read_part(&mut archive, "word/styles.xml")
        .and_then(|xml| xml.map(|xml| heading_styles(&xml)).transpose())
    {
        Ok(styles) => styles.unwrap_or_default(),
        Err(reason) => {
            warnings.push(format!(
                "The paragraph styles could not be read ({reason}); headings are guessed from style names."
            ));
            HashMap::new()
        }
    };
    let core = match read_part(&mut archive, "docProps/core.xml")
        .and_then(|xml| xml.map(|xml| core_properties(&xml)).transpose())
    {
        Ok(core) => core.unwrap_or_default(),
        Err(reason) => {
            warnings.push(format!(
                "The document properties could not be read ({reason}); the title is taken from the first heading."
            ));
            CoreProperties::default()
        }
    };

    let body = paragraphs(&document, DOCUMENT_PART, &styles).map_err(&corrupt)?;
    let mut out = BlockText::default();
    let mut first_heading = None;
    for paragraph in &body.paragraphs {
        let text = paragraph.text.trim();
        if out.push(text, paragraph.heading) && paragraph.heading.is_some() {
            first_heading.get_or_insert(text);
        }
    }
    for kind in [NoteKind::Footnote, NoteKind::Endnote] {
        // A damaged notes part costs the notes, with a warning, not the article.
        match read_part(&mut archive, kind.part()).and_then(|xml| {
            xml.map(|xml| paragraphs(&xml, kind.part(), &styles))
                .transpose()
        }) {
            Ok(Some(notes)) => push_notes(&mut out, kind, &body.references, &notes.paragraphs),
            Ok(None) => {}
            Err(reason) => warnings.push(format!(
                "The {} could not be read ({reason}); they are missing from the text.",
                kind.plural()
            )),
        }
    }
    let title = if core.title.is_empty() {
        first_heading.unwrap_or_default().to_owned()
    } else {
        core.title
    };
    let (text, blocks) = out.finish();
    if blocks.is_empty() {
        return Err(corrupt("the document has no text".to_owned()));
    }
    Ok(ImportedArticle {
        title,
        text,
        blocks,
        meta: ArticleMeta {
            byline: core.creator,
            // dcterms:created is when the file was made, not when the article was published.
            published: None,
            source_format: "docx".to_owned(),
            ..ArticleMeta::default()
        },
        warnings,
    })
}

/// The part `path` of the package as text, or `None` when there is no such part.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
) -> Result<Option<String>, String> {
    // Part names are case-insensitive (OPC), so look for another spelling before giving up.
    let index = archive.index_for_name(path).or_else(|| {
        archive
            .file_names_raw()
            .position(|n| n.eq_ignore_ascii_case(path.as_bytes()))
    });
    let Some(index) = index else {
        return Ok(None);
    };
    let file = archive
        .by_index(index)
        .map_err(|e| format!("{path} cannot be unpacked: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path} cannot be unpacked: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{path} unpacks to more than {} MiB",
            MAX_PART_BYTES / 1024 / 1024
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{path} is not UTF-8 XML"))
}

/// A kind of note: what Word prints at the foot of the page, or at the end of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NoteKind {
    Footnote,
    Endnote,
}

impl NoteKind {
    /// The part of the package that holds the notes of this kind.
    fn part(self) -> &'static str {
        match self {
            NoteKind::Footnote => "word/footnotes.xml",
            NoteKind::Endnote => "word/endnotes.xml",
        }
    }

    /// The note's element in its part, and the element that refers to it from the body.
    fn of_element(local: &[u8]) -> Option<(NoteKind, bool)> {
        match local {
            b"footnote" => Some((NoteKind::Footnote, false)),
            b"endnote" => Some((NoteKind::Endnote, false)),
            b"footnoteReference" => Some((NoteKind::Footnote, true)),
            b"endnoteReference" => Some((NoteKind::Endnote, true)),
            _ => None,
        }
    }

    /// The heading above the notes of this kind, and their name in warnings.
    fn heading(self) -> &'static str {
        match self {
            NoteKind::Footnote => "Footnotes",
            NoteKind::Endnote => "Endnotes",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            NoteKind::Footnote => "footnotes",
            NoteKind::Endnote => "endnotes",
        }
    }
}

/// Appends the notes of `kind` after the body: a heading, then each note's paragraphs, the first
/// starting with the note's number. Notes are numbered in the order `references` (the body's, in
/// reading order) first name them; notes the body never names follow in their part's order.
fn push_notes(
    out: &mut BlockText,
    kind: NoteKind,
    references: &[(NoteKind, String)],
    notes: &[Paragraph],
) {
    let mut order: Vec<&str> = Vec::new();
    let named = references
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, id)| id.as_str());
    let in_part = notes.iter().filter_map(|p| p.note.as_deref());
    for id in named.chain(in_part) {
        if !order.contains(&id) && notes.iter().any(|p| p.note.as_deref() == Some(id)) {
            order.push(id);
        }
    }
    let has_text = notes
        .iter()
        .any(|p| p.note.is_some() && !p.text.trim().is_empty());
    if !has_text {
        return;
    }
    out.push(kind.heading(), Some(2));
    for (number, id) in (1_usize..).zip(order) {
        let mut first = true;
        for paragraph in notes.iter().filter(|p| p.note.as_deref() == Some(id)) {
            let text = paragraph.text.trim();
            if text.is_empty() {
                continue;
            }
            if first {
                out.push(&format!("{number} {text}"), None);
                first = false;
            } else {
                out.push(text, None);
            }
        }
    }
}

/// The paragraphs of a part, and the notes its text refers to.
#[derive(Debug, Default)]
struct Parsed {
    paragraphs: Vec<Paragraph>,
    /// Every footnote and endnote reference, in reading order, by note id.
    references: Vec<(NoteKind, String)>,
}

/// A paragraph of the body or of a note.
#[derive(Debug, Default)]
struct Paragraph {
    /// The id of the note it belongs to; `None` in the body.
    note: Option<String>,
    text: String,
    /// Heading level from the paragraph's style.
    style_level: Option<u8>,
    /// Heading level set on the paragraph itself (`w:outlineLvl`), which wins over the style's;
    /// `Some(None)` when it says "body text".
    own_level: Option<Option<u8>>,
    heading: Option<u8>,
}

impl Paragraph {
    /// Adds the text of a `w:t`; line ends in it are white space to Word, so they become spaces.
    fn push_text(&mut self, text: &str) {
        self.text.extend(text.chars().map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        }));
    }

    /// Adds a space for a tab or line break, one for a run of them: the text flows as one line.
    fn push_space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
    }
}

/// Which XML namespace a resolved name is in.
fn namespace_of(resolved: ResolveResult<'_>) -> &[u8] {
    match resolved {
        ResolveResult::Bound(ns) => ns.0,
        ResolveResult::Unbound | ResolveResult::Unknown(_) => b"",
    }
}

/// The namespace of the element `event` opens or closes; empty for other events.
///
/// Resolved right after the event is read: the reader keeps a closed element's namespace scope
/// until the next read.
fn element_namespace<'r>(reader: &'r NsReader<&[u8]>, event: &Event<'_>) -> &'r [u8] {
    let name = match event {
        Event::Start(e) | Event::Empty(e) => e.name(),
        Event::End(e) => e.name(),
        _ => return b"",
    };
    let (ns, _) = reader.resolver().resolve_element(name);
    namespace_of(ns)
}

fn is_word(ns: &[u8]) -> bool {
    W_NAMESPACES.contains(&ns)
}

/// The value of the WordprocessingML attribute `w:{local}` of `element`.
fn word_attribute(
    reader: &NsReader<&[u8]>,
    element: &BytesStart<'_>,
    local: &[u8],
) -> Option<String> {
    element.attributes().flatten().find_map(|attr| {
        let (ns, name) = reader.resolver().resolve_attribute(attr.key);
        (is_word(namespace_of(ns)) && name.as_ref() == local)
            .then(|| {
                attr.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(std::borrow::Cow::into_owned)
            })
            .flatten()
    })
}

/// The character an entity or character reference stands for.
fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, String> {
    if let Some(c) = reference
        .resolve_char_ref()
        .map_err(|e| format!("bad character reference: {e}"))?
    {
        return Ok(c.to_string());
    }
    let name = reference
        .decode()
        .map_err(|e| format!("bad entity reference: {e}"))?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

/// Says where in `part` the XML went wrong.
fn xml_error(part: &str, reader: &NsReader<&[u8]>, error: &quick_xml::Error) -> String {
    format!(
        "{part} is not well-formed XML near byte {}: {error}",
        reader.error_position()
    )
}

/// The paragraphs of the part `part` (the body, or the footnotes or endnotes) in document order,
/// each with its text, heading level and note, and the note references in its text. Paragraphs of
/// Word's separator notes are left out.
fn paragraphs(xml: &str, part: &str, styles: &HashMap<String, u8>) -> Result<Parsed, String> {
    let mut reader = NsReader::from_str(xml);
    let mut done = Vec::new();
    let mut references = Vec::new();
    // The note being read (in a notes part), and whether it is one of Word's separators.
    let mut note: Option<(String, bool)> = None;
    // Paragraphs nest: a text box's paragraphs sit inside a run of the paragraph that anchors it.
    let mut open: Vec<Paragraph> = Vec::new();
    // Depth of the elements being skipped (`mc:Fallback` repeats what was already read).
    let mut skipping = 0_usize;
    // Inside `w:pPr` (counted, as a tracked change nests one inside another), where `w:tab` is a
    // tab stop's definition rather than a tab.
    let mut in_properties = 0_usize;
    let mut in_text = false;
    let mut depth = 0_usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, &e))?;
        let ns = element_namespace(&reader, &event).to_vec();
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(event, Event::Start(_));
                if is_start {
                    depth += 1;
                }
                if skipping > 0 {
                    skipping += usize::from(is_start);
                    continue;
                }
                let local = e.local_name();
                if ns == MC_NAMESPACE && local.as_ref() == b"Fallback" {
                    skipping = usize::from(is_start);
                    continue;
                }
                if !is_word(&ns) {
                    continue;
                }
                if let Some((kind, is_reference)) = NoteKind::of_element(local.as_ref()) {
                    if let Some(id) = word_attribute(&reader, e, b"id") {
                        if is_reference {
                            references.push((kind, id));
                        } else if is_start {
                            // Separators and continuation notices hold the rule drawn above
                            // the notes, not text.
                            let separator =
                                word_attribute(&reader, e, b"type").is_some_and(|t| t != "normal");
                            note = Some((id, separator));
                        }
                    }
                    continue;
                }
                match local.as_ref() {
                    b"p" if is_start => open.push(Paragraph {
                        note: note.as_ref().map(|(id, _)| id.clone()),
                        ..Paragraph::default()
                    }),
                    b"pPr" if is_start => in_properties += 1,
                    b"t" if is_start => in_text = true,
                    b"pStyle" if in_properties > 0 => {
                        if let (Some(p), Some(id)) =
                            (open.last_mut(), word_attribute(&reader, e, b"val"))
                        {
                            p.style_level =
                                styles.get(&id).copied().or_else(|| level_of_style_id(&id));
                        }
                    }
                    b"outlineLvl" if in_properties > 0 => {
                        if let Some(p) = open.last_mut() {
                            p.own_level =
                                word_attribute(&reader, e, b"val").map(|v| outline_level(&v));
                        }
                    }
                    b"tab" | b"br" | b"cr" if in_properties == 0 => {
                        if let Some(p) = open.last_mut() {
                            p.push_space();
                        }
                    }
                    b"noBreakHyphen" => {
                        if let Some(p) = open.last_mut() {
                            p.text.push('-');
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                if !is_word(&ns) {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" => {
                        if let Some(mut p) = open.pop() {
                            // An explicit "body text" outline level (9) is no heading even in a
                            // heading style.
                            p.heading = p.own_level.unwrap_or(p.style_level);
                            if !note.as_ref().is_some_and(|(_, separator)| *separator) {
                                done.push(p);
                            }
                        }
                    }
                    b"footnote" | b"endnote" => note = None,
                    b"pPr" => in_properties = in_properties.saturating_sub(1),
                    b"t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && skipping == 0 => {
                let text = t.decode().map_err(|e| format!("{part}: {e}"))?;
                if let Some(p) = open.last_mut() {
                    p.push_text(&text);
                }
            }
            Event::CData(ref t) if in_text && skipping == 0 => {
                let text = t.decode().map_err(|e| format!("{part}: {e}"))?;
                if let Some(p) = open.last_mut() {
                    p.push_text(&text);
                }
            }
            Event::GeneralRef(ref r) if in_text && skipping == 0 => {
                let text = resolve_reference(r).map_err(|e| format!("{part}: {e}"))?;
                if let Some(p) = open.last_mut() {
                    p.push_text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(format!("{part} ends before its elements are closed"));
    }
    Ok(Parsed {
        paragraphs: done,
        references,
    })
}

/// Heading level of a paragraph whose outline level is `value` (`0` is level 1; `9` is body text).
/// Levels past 6 are read as 6, the deepest a block has.
fn outline_level(value: &str) -> Option<u8> {
    let level: u8 = value.trim().parse().ok()?;
    (level < 9).then(|| (level + 1).min(6))
}

/// Heading level of a style known only by its id, for documents without `word/styles.xml`.
fn level_of_style_id(id: &str) -> Option<u8> {
    level_of_style_name(id)
}

/// Heading level of a paragraph style called `name`: `heading 1` to `heading 9` (or `Heading1`),
/// `Title` as level 1.
fn level_of_style_name(name: &str) -> Option<u8> {
    let name = name.trim().to_ascii_lowercase();
    if name == "title" {
        return Some(1);
    }
    let level: u8 = name.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&level).then(|| level.min(6))
}

/// Heading level of every paragraph style of `word/styles.xml` that is a heading, by style id.
fn heading_styles(xml: &str) -> Result<HashMap<String, u8>, String> {
    const PART: &str = "word/styles.xml";
    let mut reader = NsReader::from_str(xml);
    let mut levels = HashMap::new();
    // The style being read: its id, its name's level, its outline level.
    let mut style: Option<(String, Option<u8>, Option<u8>)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(PART, &reader, &e))?;
        let word = is_word(element_namespace(&reader, &event));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if word => match e.local_name().as_ref() {
                b"style" => {
                    let paragraph =
                        word_attribute(&reader, e, b"type").as_deref() == Some("paragraph");
                    style = word_attribute(&reader, e, b"styleId")
                        .filter(|_| paragraph)
                        .map(|id| (id, None, None));
                }
                b"name" => {
                    if let Some((_, by_name, _)) = style.as_mut() {
                        *by_name = word_attribute(&reader, e, b"val")
                            .and_then(|n| level_of_style_name(&n));
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, _, by_outline)) = style.as_mut() {
                        *by_outline =
                            word_attribute(&reader, e, b"val").and_then(|v| outline_level(&v));
                    }
                }
                _ => {}
            },
            Event::End(ref e) if word && e.local_name().as_ref() == b"style" => {
                if let Some((id, by_name, by_outline)) = style.take()
                    && let Some(level) = by_name.or(by_outline)
                {
                    levels.insert(id, level);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(levels)
}

/// What `docProps/core.xml` says about the document.
#[derive(Debug, Default)]
struct CoreProperties {
    title: String,
    creator: String,
}

/// The title and creator of `docProps/core.xml`.
fn core_properties(xml: &str) -> Result<CoreProperties, String> {
    const PART: &str = "docProps/core.xml";
    let mut reader = NsReader::from_str(xml);
    let mut core = CoreProperties::default();
    let mut field: Option<&mut String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(PART, &reader, &e))?;
        let dc = element_namespace(&reader, &event) == DC_NAMESPACE;
        match event {
            Event::Start(ref e) if dc => {
                field = match e.local_name().as_ref() {
                    b"title" => Some(&mut core.title),
                    b"creator" => Some(&mut core.creator),
                    _ => None,
                };
            }
            Event::End(_) => field = None,
            Event::Text(ref t) => {
                if let Some(f) = field.as_mut() {
                    f.push_str(&t.decode().map_err(|e| format!("{PART}: {e}"))?);
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some(f) = field.as_mut() {
                    f.push_str(&resolve_reference(r).map_err(|e| format!("{PART}: {e}"))?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    core.title = core.title.trim().to_owned();
    core.creator = core.creator.trim().to_owned();
    Ok(core)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::block_texts;

    fn fixture(file: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/docx/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn corrupt_reason(result: Result<ImportedArticle, ImportError>) -> String {
        match result {
            Err(ImportError::Corrupt {
                format: "Word",
                reason,
                name,
            }) => {
                assert_eq!(name, "x.docx");
                reason
            }
            other => panic!("expected a corrupt Word file, got {other:?}"),
        }
    }

    #[test]
    fn paragraphs_headings_runs_and_table_cells_become_blocks() {
        let article = import_docx(&fixture("article.docx"), "article.docx").expect("imports");
        let expected: Vec<(&str, Option<u8>)> = vec![
            ("Budget speech, annotated", Some(1)),
            ("The budget speech", Some(1)),
            (
                "The minister said spending rose by 4% & taxes fell again after a break.",
                None,
            ),
            ("What was claimed", Some(2)),
            ("Item", None),
            ("Claimed", None),
            ("Schools", None),
            ("2bn", None),
            ("Box: 3 in 4 agree.", None),
            ("Café prices, 10 × higher.", None),
        ];
        let got = block_texts(&article);
        let got: Vec<(&str, Option<u8>)> = got.iter().map(|(t, h)| (t.as_str(), *h)).collect();
        assert_eq!(got, expected);
        let lines: Vec<&str> = expected.iter().map(|(t, _)| *t).collect();
        assert_eq!(article.text, lines.join("\n"));
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn footnotes_and_endnotes_follow_the_body_numbered_as_the_body_refers_to_them() {
        let article = import_docx(&fixture("notes.docx"), "notes.docx").expect("imports");
        let got = block_texts(&article);
        let got: Vec<(&str, Option<u8>)> = got.iter().map(|(t, h)| (t.as_str(), *h)).collect();
        assert_eq!(
            got,
            [
                ("Budget speech", Some(1)),
                // No marker in the body: a quote of the sentence matches it.
                ("Spending rose by 4%. Taxes fell.", None),
                ("Unemployment is at a record low.", None),
                ("Footnotes", Some(2)),
                // Note 2 is referred to first, so it is number 1; the separators are gone.
                ("1 Treasury figures, table 4.", None),
                ("2 The ministry said 3.9% in March.", None),
                ("A second paragraph of the same note.", None),
                ("Endnotes", Some(2)),
                ("1 Office for National Statistics, 2024.", None),
            ]
        );
        assert_eq!(article.title, "Budget speech");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn title_and_byline_come_from_the_document_properties() {
        let article = import_docx(&fixture("article.docx"), "article.docx").expect("imports");
        assert_eq!(article.title, "Budget claims, checked");
        assert_eq!(article.meta.byline, "Jo Reporter");
        assert_eq!(article.meta.published, None);
        assert_eq!(article.meta.source_format, "docx");
    }

    #[test]
    fn without_styles_or_properties_the_style_ids_and_first_heading_serve() {
        let article = import_docx(&fixture("minimal.docx"), "minimal.docx").expect("imports");
        let got = block_texts(&article);
        assert_eq!(
            got,
            [
                ("Intro text first.".to_owned(), None),
                ("Second-level first".to_owned(), Some(2)),
                ("Top heading".to_owned(), Some(1)),
            ]
        );
        assert_eq!(article.title, "Second-level first");
        assert_eq!(article.meta.byline, "");
    }

    #[test]
    fn broken_files_are_corrupt_word_files_with_a_reason() {
        let not_zip = corrupt_reason(import_docx(b"%PDF-1.4 not a zip", "x.docx"));
        assert!(not_zip.contains("not a ZIP archive"), "{not_zip}");
        let other_zip = corrupt_reason(import_docx(&fixture("not-a-docx.zip"), "x.docx"));
        assert!(other_zip.contains("no word/document.xml"), "{other_zip}");
        let bad_xml = corrupt_reason(import_docx(&fixture("bad-xml.docx"), "x.docx"));
        assert!(bad_xml.contains("not well-formed XML"), "{bad_xml}");
        let no_text = corrupt_reason(import_docx(&fixture("no-text.docx"), "x.docx"));
        assert_eq!(no_text, "the document has no text");
        let ole = corrupt_reason(import_docx(
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            "x.docx",
        ));
        assert!(ole.contains("password"), "{ole}");
    }

    #[test]
    fn truncated_archives_are_refused_not_panicked_on() {
        let bytes = fixture("article.docx");
        for len in (0..bytes.len()).step_by(97) {
            let prefix = bytes.get(..len).unwrap_or_default();
            assert!(
                import_docx(prefix, "x.docx").is_err(),
                "{len} bytes imported"
            );
        }
    }

    #[test]
    fn outline_levels_on_the_paragraph_win_over_its_style() {
        let xml = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Body in a heading style</w:t></w:r></w:p>
            <w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Level&#32;three
split</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let got: Vec<(String, Option<u8>)> = paragraphs(xml, DOCUMENT_PART, &HashMap::new())
            .expect("parses")
            .paragraphs
            .into_iter()
            .map(|p| (p.text, p.heading))
            .collect();
        assert_eq!(
            got,
            [
                ("Body in a heading style".to_owned(), None),
                ("Level three split".to_owned(), Some(3)),
            ]
        );
    }

    #[test]
    fn unclosed_body_is_an_error() {
        let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>"#;
        let reason = paragraphs(xml, DOCUMENT_PART, &HashMap::new()).expect_err("truncated");
        assert!(reason.contains("word/document.xml"), "{reason}");
    }

    #[test]
    fn style_names_and_outline_levels_map_to_heading_levels() {
        assert_eq!(level_of_style_name("heading 3"), Some(3));
        assert_eq!(level_of_style_name("Heading1"), Some(1));
        assert_eq!(level_of_style_name("Title"), Some(1));
        assert_eq!(level_of_style_name("heading 8"), Some(6));
        assert_eq!(level_of_style_name("Subtitle"), None);
        assert_eq!(level_of_style_name("Headingless"), None);
        assert_eq!(outline_level("0"), Some(1));
        assert_eq!(outline_level("9"), None);
    }
}
