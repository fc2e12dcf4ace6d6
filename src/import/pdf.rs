//! PDF articles: the text layer, page by page, in paragraphs.
//!
//! pdf-extract (pure Rust, on lopdf) interprets each page's drawing instructions and reports every
//! glyph it draws with its character, position, advance and font size; [`layout`] rebuilds lines
//! and words from where the glyphs land, so PDFs that place glyphs one by one (Google Docs,
//! Chrome's "Print to PDF") read as well as those that draw whole words. Lines are then grouped into
//! paragraphs: a new one where the gap between lines grows, the font size changes, the text moves
//! up the page (a new column), or a line ending a sentence stops well short of the lines around
//! it. Inside a paragraph the lines are joined with a space (none between Chinese or Japanese
//! characters), and a word hyphenated at a line end is joined again when the next line goes on in
//! lower case (`exam-` `ple` → `example`).
//!
//! Characters are read as a reader means them: ligatures spelled out (`ﬁ` → `fi`), soft hyphens
//! removed, private-use symbols (icon fonts) left out with a warning, right-to-left runs turned
//! back into reading order. CID fonts without a `ToUnicode` map are read through their Adobe
//! character collection, and width ranges pdf-extract would ignore are spelled out ([`cid`]). A
//! page where more than [`UNMAPPED_SHARE`] of the glyphs have no character at all gets a warning
//! naming it, since its text is incomplete.
//!
//! pdf-extract panics on much malformed input, so every call into it runs under
//! [`std::panic::catch_unwind`]: a page it cannot read is left out with a warning, a document it
//! cannot open is [`ImportError::Corrupt`].
//!
//! Limitations: multi-column pages are read in drawing order, which is usually but not always
//! column by column; running headers and footers stay in the text (only bare page numbers are
//! dropped); headings are not detected; vertical Japanese is read column by column, right to left
//! only when drawn so. CID fonts with a predefined CJK encoding other than Identity (such as
//! `90ms-RKSJ-H`) are not read by pdf-extract: their pages are left out with a warning. A caught
//! panic is neither printed nor logged as a crash once factdesk's panic hook is installed (the
//! window and the command line install it). A stack overflow aborts the process and cannot be
//! caught, so the loops known to cause one in pdf-extract (a page tree whose `/Parent` links go
//! round, forms that draw themselves) are cut before it reads the document; another deep recursion
//! in lopdf or pdf-extract would still abort. The catching needs `panic = "unwind"`, the default; a
//! profile with `panic = "abort"` would lose it.

mod cid;
mod layout;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Stream, Transform,
};

use layout::{Glyph, Line};

use super::blocks::BlockText;
use super::{ImportError, ImportedArticle};
use crate::model::ArticleMeta;

/// How the format is named in errors.
const FORMAT: &str = "PDF";

/// Longest first line taken as the title when the PDF names none.
const MAX_TITLE_CHARS: usize = 160;

/// A page where more than this share of the glyphs have no character (their font maps them to
/// none) gets a warning: a quarter of the text missing changes what the page says, while a few
/// unmapped symbols (a logo, a math sign) in running text do not.
pub const UNMAPPED_SHARE: f32 = 0.25;

/// Fewest unmapped glyphs on a page that make a warning, so a page holding one logo does not.
const MIN_UNMAPPED: usize = 5;

/// Reads the PDF `bytes` (a file called `name`) as an article: one block per paragraph of its text
/// layer; the title from the document information, else the first line when it stands alone and is
/// short, else empty (the caller then falls back to the file name).
///
/// # Errors
///
/// [`ImportError::NoTextLayer`] when no page has text (a scan);
/// [`ImportError::Corrupt`] when the file cannot be opened as a PDF, is protected by a password, or
/// no page could be read.
pub fn import_pdf(bytes: &[u8], name: &str) -> Result<ImportedArticle, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        name: name.to_owned(),
        format: FORMAT,
        reason,
    };
    let document = guarded(|| Document::load_mem(bytes))
        .and_then(|loaded| loaded.map_err(|e| e.to_string()))
        .map_err(|e| corrupt(format!("it is damaged or not a PDF: {e}")))?;
    let mut document = decrypted(document).map_err(&corrupt)?;
    let cut_forms = guarded(|| defuse(&mut document))
        .map_err(|e| corrupt(format!("its structure cannot be read: {e}")))?;
    // A font left without characters or widths costs only its own text, so a failure here is no
    // error.
    guarded(|| cid::add_collection_maps(&mut document)).ok();
    guarded(|| cid::spell_out_width_ranges(&mut document)).ok();
    let info_title = guarded(|| info_title(&document)).ok().flatten();

    let pages: Vec<u32> = guarded(|| document.get_pages().into_keys().collect())
        .map_err(|e| corrupt(format!("its pages cannot be listed: {e}")))?;
    if pages.is_empty() {
        return Err(corrupt("it has no pages".to_owned()));
    }
    let mut paragraphs = Vec::new();
    let mut failed = Vec::new();
    let mut first_failure = None;
    let mut unmapped_pages = Vec::new();
    let (mut unmapped, mut drawn, mut private_use) = (0, 0, 0);
    for &page in &pages {
        match page_glyphs(&document, page) {
            Ok(glyphs) => {
                let (lines, dropped) = layout::lines(&glyphs);
                let page_drawn = glyphs.iter().filter(|g| !g.ch.is_whitespace()).count();
                #[allow(clippy::cast_precision_loss)] // glyph counts are far below 2^23
                if dropped.unmapped >= MIN_UNMAPPED
                    && dropped.unmapped as f32 > UNMAPPED_SHARE * page_drawn as f32
                {
                    unmapped_pages.push(page.to_string());
                }
                unmapped += dropped.unmapped;
                drawn += page_drawn;
                private_use += dropped.private_use;
                let mut page_paragraphs = paragraphs_of(&lines);
                drop_page_numbers(&mut page_paragraphs);
                append_page(&mut paragraphs, page_paragraphs);
            }
            Err(reason) => {
                failed.push(page.to_string());
                first_failure.get_or_insert(reason);
            }
        }
    }
    if failed.len() == pages.len() {
        let reason = first_failure.unwrap_or_default();
        return Err(corrupt(format!("no page could be read: {reason}")));
    }
    if paragraphs.is_empty() {
        if unmapped > 0 {
            return Err(corrupt(format!(
                "{}; run it through text recognition (OCR), or copy the text from another source",
                unmapped_reason(unmapped, drawn)
            )));
        }
        if let Some(reason) = first_failure {
            // Unread pages may hold the text, so this is no evidence of a scan.
            return Err(corrupt(format!(
                "the pages that could be read have no text, and page(s) {} could not be read: {reason}",
                failed.join(", ")
            )));
        }
        return Err(ImportError::NoTextLayer {
            name: name.to_owned(),
        });
    }

    let mut warnings = Vec::new();
    if cut_forms > 0 {
        warnings.push(format!(
            "{cut_forms} drawing(s) in the PDF draw themselves over and over, or are nested too deep; their text is missing."
        ));
    }
    if !unmapped_pages.is_empty() {
        warnings.push(format!(
            "Page(s) {} of {} lost text: {}; what is shown is only the rest. Check those pages against the PDF, or run them through text recognition (OCR).",
            unmapped_pages.join(", "),
            pages.len(),
            unmapped_reason(unmapped, drawn)
        ));
    }
    if private_use > 0 {
        warnings.push(format!(
            "{private_use} symbol(s) from a font's private area (icons, bullets) were left out: they stand for no character."
        ));
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "Page(s) {} of {} could not be read and are missing from the text.",
            failed.join(", "),
            pages.len()
        ));
    }
    let title = info_title
        .or_else(|| first_line_title(&paragraphs))
        .unwrap_or_default();
    let mut out = BlockText::default();
    for paragraph in &paragraphs {
        out.push(&paragraph.text, None);
    }
    let (text, blocks) = out.finish();
    Ok(ImportedArticle {
        title,
        text,
        blocks,
        meta: ArticleMeta {
            source_format: "pdf".to_owned(),
            ..ArticleMeta::default()
        },
        warnings,
    })
}

/// Why glyphs are missing from the text: `unmapped` of the `drawn` glyphs have no character.
fn unmapped_reason(unmapped: usize, drawn: usize) -> String {
    format!(
        "{unmapped} of its {drawn} glyphs have no Unicode character in their font (no ToUnicode map, and no character collection that names them)"
    )
}

/// Runs `f`, turning a panic into an error with the panic's message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    // Unwind safety: code that changes the document (decrypting, cutting loops) has the document
    // dropped unused when it panics; reading a page only reads it.
    crate::recovery::crash_log::catching_expected_panics(f).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned());
        format!("the PDF reader failed ({message})")
    })
}

/// `document` readable: PDFs encrypted only against editing open with the empty password.
fn decrypted(mut document: Document) -> Result<Document, String> {
    if !document.is_encrypted() {
        return Ok(document);
    }
    let opened = guarded(|| document.decrypt("").is_ok()).unwrap_or(false);
    if opened {
        Ok(document)
    } else {
        Err(
            "it is protected by a password; open it in a PDF reader and save a copy without one"
                .to_owned(),
        )
    }
}

/// Deepest nesting of form XObjects (drawings placed on a page) kept; real documents nest a few.
const MAX_FORM_DEPTH: usize = 32;

/// Longest chain of `/Parent` links kept above a page; real page trees are a few levels deep.
const MAX_TREE_DEPTH: usize = 64;

/// Prepares `document` for pdf-extract, which follows `/Parent` links and draws nested forms by
/// recursion without a limit: a loop would overflow the stack, which aborts the process rather than
/// panicking. Returns how many forms were emptied to cut loops and overly deep nesting.
fn defuse(document: &mut Document) -> usize {
    blank_images(document);
    break_parent_loops(document);
    cut_form_loops(document)
}

/// Whether a dictionary (a stream's, a font's) has the `Subtype` `subtype` (`Image`, `Form`, `Type0`).
fn has_subtype(dict: &Dictionary, subtype: &[u8]) -> bool {
    dict.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == subtype)
}

/// Empties every image. pdf-extract reads a drawn image's data as drawing instructions, which is
/// slow for a scan's megabytes and a source of spurious failures; images hold no text layer.
fn blank_images(document: &mut Document) {
    for object in document.objects.values_mut() {
        if let Object::Stream(stream) = object
            && has_subtype(&stream.dict, b"Image")
        {
            blank(stream);
        }
    }
}

/// Makes `stream` an empty, unfiltered stream.
fn blank(stream: &mut Stream) {
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    stream.set_content(Vec::new());
}

/// Removes the `/Parent` link that closes a loop (or passes [`MAX_TREE_DEPTH`]) above any page.
fn break_parent_loops(document: &mut Document) {
    let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
    for page in pages {
        let mut seen = HashSet::from([page]);
        let mut node = page;
        while let Some(parent) = document
            .get_dictionary(node)
            .ok()
            .and_then(|d| d.get(b"Parent").ok())
            .and_then(|p| p.as_reference().ok())
        {
            if seen.len() >= MAX_TREE_DEPTH || !seen.insert(parent) {
                if let Ok(dict) = document.get_dictionary_mut(node) {
                    dict.remove(b"Parent");
                }
                break;
            }
            node = parent;
        }
    }
}

/// The dictionary `object` is or refers to (a stream's dictionary included).
fn dictionary<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match document.dereference(object).ok()?.1 {
        Object::Dictionary(dict) => Some(dict),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

/// The named XObjects of a resource dictionary, by name.
fn xobjects(document: &Document, resources: &Object) -> Option<HashMap<Vec<u8>, ObjectId>> {
    let resources = dictionary(document, resources)?;
    let xobjects = dictionary(document, resources.get(b"XObject").ok()?)?;
    Some(
        xobjects
            .iter()
            .filter_map(|(name, target)| Some((name.clone(), target.as_reference().ok()?)))
            .collect(),
    )
}

/// Empties the forms (streams drawn with `Do`) that would be drawn without end (they draw
/// themselves, directly or through others, or draw one that does) and those nested deeper than
/// [`MAX_FORM_DEPTH`]. Returns how many.
fn cut_form_loops(document: &mut Document) -> usize {
    // Every XObject dictionary in the document: a form without resources of its own draws with the
    // resources of whatever drew it, i.e. any dictionary that names it.
    let all_xobjects: Vec<HashMap<Vec<u8>, ObjectId>> = document
        .objects
        .values()
        .filter_map(|object| dictionary(document, object))
        .filter_map(|dict| xobjects(document, dict.get(b"Resources").ok()?))
        .collect();
    // Every stream an XObject dictionary names, and the names its content draws with `Do`.
    // pdf-extract draws any such stream as a form, whatever its subtype says (images are empty by
    // now), so all of them count.
    let mut drawn_names: BTreeMap<ObjectId, Vec<Vec<u8>>> = BTreeMap::new();
    for &id in all_xobjects.iter().flat_map(HashMap::values) {
        if drawn_names.contains_key(&id) {
            continue;
        }
        let Ok(Object::Stream(stream)) = document.get_object(id) else {
            continue;
        };
        // Decoded as pdf-extract decodes it: a stream whose filter fails is drawn from its raw
        // bytes, so those are searched too.
        let content = stream
            .get_plain_content()
            .unwrap_or_else(|_| stream.content.clone());
        let names = Content::decode(&content)
            .ok()
            .map(|content| {
                content
                    .operations
                    .into_iter()
                    .filter(|op| op.operator == "Do")
                    .filter_map(|op| Some(op.operands.first()?.as_name().ok()?.to_vec()))
                    .collect()
            })
            .unwrap_or_default();
        drawn_names.insert(id, names);
    }
    if drawn_names.is_empty() {
        return 0;
    }
    let mut children: BTreeMap<ObjectId, BTreeSet<ObjectId>> = BTreeMap::new();
    for (&form, names) in &drawn_names {
        let own = document
            .get_object(form)
            .ok()
            .and_then(|object| dictionary(document, object))
            .and_then(|dict| dict.get(b"Resources").ok())
            // As pdf-extract decides: resources that are not a dictionary are the drawer's.
            .filter(|resources| {
                matches!(
                    document.dereference(resources),
                    Ok((_, Object::Dictionary(_)))
                )
            });
        let scopes: Vec<HashMap<Vec<u8>, ObjectId>> = match own {
            Some(resources) => xobjects(document, resources).into_iter().collect(),
            None => all_xobjects
                .iter()
                .filter(|scope| scope.values().any(|&id| id == form))
                .cloned()
                .collect(),
        };
        let targets = children.entry(form).or_default();
        for name in names {
            for scope in &scopes {
                if let Some(&target) = scope.get(name)
                    && drawn_names.contains_key(&target)
                {
                    targets.insert(target);
                }
            }
        }
    }

    // Peel off forms whose drawn forms are all peeled off already, starting with those that draw
    // none; what never peels off is in a loop or leads into one.
    let mut parents: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
    let mut pending: BTreeMap<ObjectId, usize> = BTreeMap::new();
    for (&form, targets) in &children {
        pending.insert(form, targets.len());
        for &target in targets {
            parents.entry(target).or_default().push(form);
        }
    }
    let mut height: BTreeMap<ObjectId, usize> = BTreeMap::new();
    let mut ready: Vec<ObjectId> = pending
        .iter()
        .filter(|&(_, &n)| n == 0)
        .map(|(&id, _)| id)
        .collect();
    let mut cut = BTreeSet::new();
    while let Some(form) = ready.pop() {
        pending.remove(&form);
        let mut own_height = height.get(&form).copied().unwrap_or(0) + 1;
        if own_height > MAX_FORM_DEPTH {
            cut.insert(form);
            own_height = 1;
        }
        for &parent in parents.get(&form).into_iter().flatten() {
            let h = height.entry(parent).or_default();
            *h = (*h).max(own_height);
            if let Some(n) = pending.get_mut(&parent) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    ready.push(parent);
                }
            }
        }
    }
    cut.extend(pending.keys().copied());
    for id in &cut {
        if let Some(Object::Stream(stream)) = document.objects.get_mut(id) {
            blank(stream);
        }
    }
    cut.len()
}

/// The `/Title` of the document information, when it names the article rather than a file.
fn info_title(document: &Document) -> Option<String> {
    let info = match document.trailer.get(b"Info").ok()? {
        Object::Reference(id) => document.get_dictionary(*id).ok()?,
        Object::Dictionary(info) => info,
        _ => return None,
    };
    let title = pdf_extract::decode_text_string(info.get(b"Title").ok()?).ok()?;
    let title = title.trim();
    (!title.is_empty() && !looks_like_file_name(title)).then(|| title.to_owned())
}

/// Whether a PDF's title is the name of the file it was printed from ("Microsoft Word -
/// draft.docx", "untitled"), which office programs write when the author set none.
fn looks_like_file_name(title: &str) -> bool {
    const EXTENSIONS: [&str; 9] = [
        ".doc", ".docx", ".odt", ".rtf", ".txt", ".pdf", ".indd", ".qxd", ".pages",
    ];
    let lower = title.to_lowercase();
    lower == "untitled"
        || lower.starts_with("microsoft word - ")
        || EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// The glyphs pdf-extract draws on page `page`, in drawing order.
fn page_glyphs(document: &Document, page: u32) -> Result<Vec<Glyph>, String> {
    guarded(|| {
        let mut output = GlyphOutput::default();
        pdf_extract::output_doc_page(document, &mut output, page).map(|()| output.glyphs)
    })?
    .map_err(|e| e.to_string())
}

/// Collects the glyphs pdf-extract draws, in page space.
#[derive(Default)]
struct GlyphOutput {
    glyphs: Vec<Glyph>,
}

impl OutputDev for GlyphOutput {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    /// `trm` places the glyph (text space to page space, without the font size), `width` is its
    /// advance in text space units (1 = the font size), `text` what its font maps it to: empty
    /// when the font does not say.
    #[allow(clippy::cast_possible_truncation)] // page coordinates are far inside f32's range
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale_x = trm.m11.hypot(trm.m12);
        let scale_y = trm.m21.hypot(trm.m22);
        let size = (font_size * font_size * scale_x * scale_y).abs().sqrt() as f32;
        let advance = (width * font_size * scale_x) as f32;
        let (x, y) = (trm.m31 as f32, trm.m32 as f32);
        let chars: Vec<char> = if text.is_empty() {
            vec!['\u{FFFD}']
        } else {
            text.chars().collect()
        };
        // A glyph standing for several characters ("ffi") shares its advance among them.
        #[allow(clippy::cast_precision_loss)]
        let share = advance / chars.len() as f32;
        for (i, ch) in (0_u16..).zip(chars) {
            self.glyphs.push(Glyph {
                ch,
                x: x + share * f32::from(i),
                y,
                width: share,
                size,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A paragraph of a page, its lines joined.
#[derive(Debug, PartialEq, Eq)]
struct Paragraph {
    text: String,
    /// How many lines it was made of; a lone short line may be a headline.
    lines: usize,
}

/// The paragraphs of one page's lines: lines joined until [`layout::starts_paragraph`] or a
/// short line ending a sentence says a new one begins.
fn paragraphs_of(lines: &[Line]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut current: Option<(Paragraph, Line, Option<f32>, f32)> = None;
    for line in lines {
        let text = clean_line(&line.text);
        if text.is_empty() {
            continue;
        }
        if let Some((paragraph, previous, step, right)) = current.as_mut() {
            let right_edge = right.max(line.end_x);
            // A sentence ending short of the lines' right edge ends its paragraph, as a
            // paragraph's last line does in ragged or justified text alike.
            let short_end =
                ends_sentence(&paragraph.text) && previous.end_x < right_edge - 4.0 * previous.size;
            if !short_end && !layout::starts_paragraph(previous, line, *step) {
                join_line(&mut paragraph.text, &text);
                paragraph.lines += 1;
                let this_step = previous.y - line.y;
                if this_step > 0.0 {
                    *step = Some(this_step);
                }
                *right = right_edge;
                *previous = line.clone();
                continue;
            }
        }
        paragraphs.extend(current.take().map(|(p, ..)| p));
        current = Some((Paragraph { text, lines: 1 }, line.clone(), None, line.end_x));
    }
    paragraphs.extend(current.map(|(p, ..)| p));
    for paragraph in &mut paragraphs {
        // A soft hyphen left inside a line marks where a word may break, not a character.
        paragraph.text.retain(|c| c != '\u{AD}');
    }
    paragraphs.retain(|p| !p.text.is_empty());
    paragraphs
}

/// `line` with runs of white space and control characters made one space, and no space at its ends.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends the next hard-wrapped `line` of a paragraph to `text`.
fn join_line(text: &mut String, line: &str) {
    let next_lower = line.chars().next().is_some_and(char::is_lowercase);
    if text.ends_with('\u{AD}') {
        // A soft hyphen only marks where the word was broken. A footnote mark the next line starts
        // with ("govern-" + "1ment") sits inside the word, so it goes too.
        text.pop();
        let rest = line.trim_start_matches(layout::is_note_mark);
        let line = if rest.len() < line.len() && rest.chars().next().is_some_and(char::is_lowercase)
        {
            rest
        } else {
            line
        };
        return text.push_str(line);
    }
    let mut tail = text.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
    if hyphenated {
        if next_lower {
            // "exam-" + "ple": a word broken at the line end. Real compounds broken at their
            // hyphen ("well-" + "known") lose it too; PDFs do not say which is which.
            text.pop();
        }
        // Otherwise ("pro-" + "Brexit", "Covid-" + "19") the hyphen belongs to the word.
        return text.push_str(line);
    }
    // Chinese and Japanese put no space between words, so a line break is none either.
    let unspaced = text
        .chars()
        .next_back()
        .is_some_and(layout::is_unspaced_script)
        && line.chars().next().is_some_and(layout::is_unspaced_script);
    if !unspaced {
        text.push(' ');
    }
    text.push_str(line);
}

/// Whether a paragraph is only a page number ("7", "- 7 -", "Page 7", "7 of 12"), printed in a
/// page's header or footer rather than part of the article.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    let is_number = |w: &&str| w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] | ["page", n] => is_number(n),
        [n, "of" | "/", m] | ["page", n, "of" | "/", m] => is_number(n) && is_number(m),
        _ => false,
    }
}

/// Removes a page number from the top and the bottom of a page's paragraphs.
fn drop_page_numbers(page: &mut Vec<Paragraph>) {
    if page.last().is_some_and(|p| is_page_number(&p.text)) {
        page.pop();
    }
    if page.first().is_some_and(|p| is_page_number(&p.text)) {
        page.remove(0);
    }
}

/// Adds a page's paragraphs to those before it, joining a paragraph the page break cut in two: the
/// previous page ends mid-sentence and this one goes on in lower case.
fn append_page(paragraphs: &mut Vec<Paragraph>, page: Vec<Paragraph>) {
    let mut page = page.into_iter();
    if let Some(first) = page.next() {
        let continues = first.text.chars().next().is_some_and(char::is_lowercase);
        match paragraphs.last_mut() {
            Some(last) if continues && !ends_sentence(&last.text) => {
                join_line(&mut last.text, &first.text);
                last.lines += first.lines;
            }
            _ => paragraphs.push(first),
        }
    }
    paragraphs.extend(page);
}

/// Whether `text` ends like a sentence or a heading-less block does: with closing punctuation.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ':', '…', '。', '！', '？'])
}

/// The first paragraph as a title, when it is one short line (a headline set apart from the text).
fn first_line_title(paragraphs: &[Paragraph]) -> Option<String> {
    let first = paragraphs.first()?;
    (first.lines == 1 && first.text.chars().count() <= MAX_TITLE_CHARS).then(|| first.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(file: &str) -> Vec<u8> {
        let path = format!("{}/tests/data/pdf/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Each block's text, checking every range slices the text and no block is a heading.
    fn block_texts(article: &ImportedArticle) -> Vec<String> {
        crate::import::blocks::block_texts(article)
            .into_iter()
            .map(|(text, heading)| {
                assert_eq!(heading, None);
                text
            })
            .collect()
    }

    const FIXTURE_PARAGRAPHS: [&str; 4] = [
        "Budget speech, annotated",
        "The minister said spending rose by 4% and taxes fell. This is an example of a hard-wrapped line, and a pro-Brexit group said so.",
        "A second paragraph about the Café prices, 10 times higher than last year.",
        "A third paragraph, on the second page.",
    ];

    #[test]
    fn text_layer_becomes_paragraph_blocks_with_wraps_undone() {
        let article = import_pdf(&fixture("text.pdf"), "text.pdf").expect("imports");
        assert_eq!(block_texts(&article), FIXTURE_PARAGRAPHS);
        assert_eq!(article.text, FIXTURE_PARAGRAPHS.join("\n"));
        assert_eq!(article.meta.source_format, "pdf");
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn title_is_the_info_title_else_the_first_short_line() {
        let titled = import_pdf(&fixture("text.pdf"), "text.pdf").expect("imports");
        assert_eq!(titled.title, "Budget claims, checked");
        let untitled = import_pdf(&fixture("untitled.pdf"), "untitled.pdf").expect("imports");
        assert_eq!(untitled.title, "Budget speech, annotated");
        assert!(looks_like_file_name("Microsoft Word - draft 3.docx"));
        assert!(!looks_like_file_name("Budget claims, checked"));
    }

    #[test]
    fn glyphs_placed_one_by_one_read_as_words_lines_and_paragraphs() {
        let article = import_pdf(&fixture("glyphs.pdf"), "glyphs.pdf").expect("imports");
        assert_eq!(
            block_texts(&article),
            [
                "Example document",
                "Original author(s) of the statement said that spending rose by 4% and that taxes fell, a claim worth checking.",
                "A second paragraph, in a list.",
            ]
        );
        assert!(
            !article.text.chars().any(layout::is_private_use),
            "{:?}",
            article.text
        );
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
        assert!(
            article.warnings[0].starts_with("1 symbol(s)"),
            "{:?}",
            article.warnings
        );
    }

    #[test]
    fn ligatures_are_spelled_out_and_soft_hyphens_and_marks_inside_words_removed() {
        let article = import_pdf(&fixture("ligatures.pdf"), "ligatures.pdf").expect("imports");
        assert_eq!(
            block_texts(&article),
            ["The first efficient flow of money was an experiment in government spending."]
        );
    }

    #[test]
    fn a_japanese_cid_font_without_a_unicode_map_reads_through_its_collection() {
        let article = import_pdf(&fixture("cid-japan1.pdf"), "cid-japan1.pdf").expect("imports");
        assert_eq!(
            block_texts(&article),
            ["日本語の文章です。東京都の人口は増えた。"]
        );
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }

    #[test]
    fn a_page_whose_glyphs_have_no_characters_is_named_in_a_warning() {
        let article = import_pdf(&fixture("unmapped.pdf"), "unmapped.pdf").expect("imports");
        assert_eq!(block_texts(&article), ["A line of text that is mapped."]);
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
        let warning = &article.warnings[0];
        assert!(warning.starts_with("Page(s) 1 of 1 lost text"), "{warning}");
        assert!(warning.contains("180 of its 204 glyphs"), "{warning}");
    }

    #[test]
    fn a_document_whose_glyphs_all_lack_characters_is_refused_as_such_not_as_a_scan() {
        let result = import_pdf(&fixture("unmapped-only.pdf"), "unmapped-only.pdf");
        assert!(
            matches!(&result, Err(ImportError::Corrupt { reason, .. })
                if reason.contains("180 of its 180 glyphs have no Unicode character")
                    && reason.contains("OCR")),
            "{result:?}"
        );
    }

    #[test]
    fn a_scan_has_no_text_layer() {
        let result = import_pdf(&fixture("scan.pdf"), "scan.pdf");
        assert!(
            matches!(&result, Err(ImportError::NoTextLayer { name }) if name == "scan.pdf"),
            "{result:?}"
        );
    }

    #[test]
    fn broken_files_are_corrupt_pdfs() {
        for file in ["truncated.pdf", "garbage.pdf"] {
            let result = import_pdf(&fixture(file), file);
            assert!(
                matches!(&result, Err(ImportError::Corrupt { format: "PDF", reason, .. }) if !reason.is_empty()),
                "{file}: {result:?}"
            );
        }
        assert!(matches!(
            import_pdf(b"", "empty.pdf"),
            Err(ImportError::Corrupt { .. })
        ));
    }

    #[test]
    fn loops_that_would_overflow_the_stack_are_cut() {
        let tree = import_pdf(&fixture("parent-loop.pdf"), "parent-loop.pdf").expect("imports");
        assert_eq!(block_texts(&tree), ["Text under a looping page tree."]);
        let forms = import_pdf(&fixture("form-loop.pdf"), "form-loop.pdf").expect("imports");
        assert_eq!(block_texts(&forms), ["Page text.", "Nested text."]);
        assert_eq!(forms.warnings.len(), 1, "{:?}", forms.warnings);
    }

    #[test]
    fn mangled_pdfs_never_panic() {
        let good = fixture("text.pdf");
        // Every prefix, and the file with one byte changed at a time: an error or an article, no
        // panic.
        for len in (0..good.len()).step_by(7) {
            let _ = import_pdf(good.get(..len).unwrap_or_default(), "cut.pdf");
        }
        for at in (0..good.len()).step_by(3) {
            let mut bytes = good.clone();
            if let Some(b) = bytes.get_mut(at) {
                *b = b.wrapping_add(0x55);
            }
            let _ = import_pdf(&bytes, "flipped.pdf");
        }
    }

    /// The lines of `page` as a PDF draws them: each a line of text at size 10, 12 units below
    /// the one before, an empty line a wider gap; all as wide as the page.
    fn lines_of(page: &str) -> Vec<Line> {
        let mut y = 700.0;
        let mut lines = Vec::new();
        for text in page.lines() {
            y -= 12.0;
            if text.trim().is_empty() {
                y -= 12.0;
                continue;
            }
            lines.push(Line {
                text: text.to_owned(),
                y,
                x: 72.0,
                end_x: 540.0,
                size: 10.0,
            });
        }
        lines
    }

    #[test]
    fn lines_join_and_hyphenation_is_undone_only_before_lower_case() {
        let page = "  First  line of\nthe para-\ngraph, a well-\nKnown case\n\n\nNext\u{AD}\nparagraph 3 -\nend. A govern\u{AD}\n12ment, \u{AD}\n2020 figures.\n";
        let got: Vec<String> = paragraphs_of(&lines_of(page))
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(
            got,
            [
                "First line of the paragraph, a well-Known case",
                "Nextparagraph 3 - end. A government, 2020 figures.",
            ]
        );
    }

    #[test]
    fn page_numbers_are_dropped_and_split_paragraphs_rejoined() {
        let mut all = Vec::new();
        for page in [
            "Top\n\nIt went on and\n\n12\n",
            "- 13 -\n\ncontinued here.\n\nNew one.\n",
        ] {
            let mut paragraphs = paragraphs_of(&lines_of(page));
            drop_page_numbers(&mut paragraphs);
            append_page(&mut all, paragraphs);
        }
        let got: Vec<&str> = all.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(got, ["Top", "It went on and continued here.", "New one."]);
        assert!(is_page_number("Page 3 of 12"));
        assert!(!is_page_number("3 billion"));
    }
}
