//! Characters for CID fonts that do not name them.
//!
//! A Chinese, Japanese or Korean PDF often draws its text with a CID font that has no `ToUnicode`
//! map: Acrobat Distiller, dvipdfmx and older Word exports rely on the font's character collection
//! (`/CIDSystemInfo`, e.g. Adobe-Japan1) instead, whose CIDs Adobe assigns to characters once for
//! all fonts. With Identity-H or Identity-V encoding the codes in the text are those CIDs, so the
//! collection's CID → Unicode table (Adobe's `Adobe-Japan1-UCS2` CMap and its Chinese and Korean
//! siblings, as the hayro-cmap crate carries them) gives the text. Such fonts get a `ToUnicode`
//! stream written from that table before the text is read, so the reader needs no change. The
//! stream maps only the codes the document's text shows, since the reader parses it again on
//! every page (a whole collection is some 20,000 entries).

use std::collections::{BTreeSet, HashMap};

use hayro_cmap::{BfString, CMap, CidFamily};
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// Gives every Type0 font with Identity-H/V encoding, no `ToUnicode` map and an Adobe CJK
/// character collection a `ToUnicode` map from its collection's table.
pub(super) fn add_collection_maps(document: &mut Document) {
    let mut fonts: Vec<(ObjectId, CidFamily)> = Vec::new();
    for (&id, object) in &document.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        if let Some(family) = unmapped_collection(document, font) {
            fonts.push((id, family));
        }
    }
    if fonts.is_empty() {
        return;
    }
    let codes = shown_codes(document);
    let mut maps: HashMap<CidFamily, Option<ObjectId>> = HashMap::new();
    for (font, family) in fonts {
        let map = *maps.entry(family.clone()).or_insert_with(|| {
            let text = to_unicode_text(&family, &codes)?;
            Some(document.add_object(Stream::new(Dictionary::new(), text)))
        });
        let Some(map) = map else {
            continue;
        };
        if let Ok(dict) = document.get_dictionary_mut(font) {
            dict.set("ToUnicode", Object::Reference(map));
        }
    }
}

/// The character collection of `font` when it is a Type0 font whose text is CIDs (Identity-H or
/// Identity-V) and that has no `ToUnicode` map of its own; `None` for every other font.
fn unmapped_collection(document: &Document, font: &Dictionary) -> Option<CidFamily> {
    if !super::has_subtype(font, b"Type0") || font.has(b"ToUnicode") {
        return None;
    }
    let encoding = font.get(b"Encoding").ok()?.as_name().ok()?;
    if encoding != b"Identity-H" && encoding != b"Identity-V" {
        return None;
    }
    let descendants = match font.get(b"DescendantFonts").ok()? {
        Object::Reference(id) => document.get_object(*id).ok()?.as_array().ok()?,
        Object::Array(array) => array,
        _ => return None,
    };
    let descendant = document
        .dereference(descendants.first()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let info = document
        .dereference(descendant.get(b"CIDSystemInfo").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?;
    let string = |key: &[u8]| match info.get(key) {
        Ok(Object::String(bytes, _)) => Some(bytes.clone()),
        Ok(Object::Name(name)) => Some(name.clone()),
        _ => None,
    };
    let family = CidFamily::from_registry_ordering(&string(b"Registry")?, &string(b"Ordering")?);
    family.ucs2_cmap().is_some().then_some(family)
}

/// Every two-byte code the text operators of the document's pages and forms show, whatever the
/// font: a superset of the CIDs drawn with Identity-H/V fonts.
fn shown_codes(document: &Document) -> BTreeSet<u16> {
    let mut contents: Vec<Vec<u8>> = document
        .get_pages()
        .into_values()
        .filter_map(|page| document.get_page_content(page).ok())
        .collect();
    for object in document.objects.values() {
        if let Object::Stream(stream) = object
            && super::has_subtype(&stream.dict, b"Form")
        {
            contents.push(
                stream
                    .get_plain_content()
                    .unwrap_or_else(|_| stream.content.clone()),
            );
        }
    }
    let mut codes = BTreeSet::new();
    let mut add = |bytes: &[u8]| {
        codes.extend(
            bytes
                .chunks_exact(2)
                .filter_map(|pair| <[u8; 2]>::try_from(pair).ok())
                .map(u16::from_be_bytes),
        );
    };
    for content in contents {
        let Ok(content) = Content::decode(&content) else {
            continue;
        };
        for operation in content.operations {
            if !matches!(operation.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                continue;
            }
            for operand in &operation.operands {
                match operand {
                    Object::String(bytes, _) => add(bytes),
                    Object::Array(items) => {
                        for item in items {
                            if let Object::String(bytes, _) = item {
                                add(bytes);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    codes
}

/// The text of a `ToUnicode` CMap mapping each of the CIDs `codes` that `family` has a character for.
fn to_unicode_text(family: &CidFamily, codes: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let name = family.ucs2_cmap()?;
    let cmap = CMap::parse(hayro_cmap::load_embedded(name)?, hayro_cmap::load_embedded)?;
    let mut entries: Vec<String> = Vec::new();
    for &cid in codes {
        let cid = u32::from(cid);
        let units: Vec<u16> = match cmap.lookup_bf_string(cid) {
            Some(BfString::Char(c)) => c.encode_utf16(&mut [0; 2]).to_vec(),
            Some(BfString::String(s)) => s.encode_utf16().collect(),
            None => continue,
        };
        let hex: String = units.iter().map(|u| format!("{u:04X}")).collect();
        entries.push(format!("<{cid:04X}> <{hex}>"));
    }
    if entries.is_empty() {
        return None;
    }
    let mut text = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    // CMaps hold at most 100 entries per block.
    for block in entries.chunks(100) {
        text.push_str(&format!("{} beginbfchar\n", block.len()));
        for entry in block {
            text.push_str(entry);
            text.push('\n');
        }
        text.push_str("endbfchar\n");
    }
    text.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    Some(text.into_bytes())
}

/// Most widths one range of a CID font's `/W` array is spelled out to; a font has at most 65,536
/// CIDs.
const MAX_RANGE: i64 = 0x1_0000;

/// Rewrites the ranges of every CID font's `/W` widths (`first last width`) as lists
/// (`first [width width …]`). pdf-extract reads only the list form and gives a range's glyphs the
/// default width, so in PDFs whose widths use ranges (Chrome's "Print to PDF" does) every glyph after
/// one of them is placed wrong and words break apart.
pub(super) fn spell_out_width_ranges(document: &mut Document) {
    let mut targets: Vec<ObjectId> = Vec::new();
    let mut direct: Vec<ObjectId> = Vec::new();
    for (&id, object) in &document.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        let cid_font =
            super::has_subtype(font, b"CIDFontType0") || super::has_subtype(font, b"CIDFontType2");
        match font.get(b"W") {
            Ok(Object::Reference(array)) if cid_font => targets.push(*array),
            Ok(Object::Array(_)) if cid_font => direct.push(id),
            _ => {}
        }
    }
    for id in direct {
        if let Ok(font) = document.get_dictionary_mut(id)
            && let Ok(Object::Array(widths)) = font.get_mut(b"W")
            && let Some(spelled) = spelled_out(widths)
        {
            *widths = spelled;
        }
    }
    for id in targets {
        if let Some(Object::Array(widths)) = document.objects.get_mut(&id)
            && let Some(spelled) = spelled_out(widths)
        {
            *widths = spelled;
        }
    }
}

/// `widths` with its ranges as lists, or `None` when it has no range or is not well-formed.
fn spelled_out(widths: &[Object]) -> Option<Vec<Object>> {
    let number = |object: Option<&Object>| match object {
        Some(Object::Integer(i)) => Some(*i),
        _ => None,
    };
    let mut out = Vec::with_capacity(widths.len());
    let mut ranges = 0;
    let mut i = 0;
    while i < widths.len() {
        let first = number(widths.get(i))?;
        match widths.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            Object::Integer(last) => {
                let width = widths.get(i + 2)?.clone();
                let count = last.checked_sub(first)?.checked_add(1)?;
                if !(1..=MAX_RANGE).contains(&count) {
                    return None;
                }
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![width; usize::try_from(count).ok()?]));
                ranges += 1;
                i += 3;
            }
            _ => return None,
        }
    }
    (ranges > 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_japanese_collection_maps_its_cids_to_characters() {
        let codes = BTreeSet::from([2, 843, 1200]);
        let text = to_unicode_text(&CidFamily::AdobeJapan1, &codes).expect("a table");
        let text = String::from_utf8(text).expect("ASCII");
        // CID 2 is "!", 843 the hiragana あ, 1200 the kanji 一 (Adobe-Japan1).
        for entry in ["<0002> <0021>", "<034B> <3042>", "<04B0> <4E00>"] {
            assert!(text.contains(entry), "{entry} missing");
        }
        let entries = text.lines().filter(|l| l.starts_with('<')).count();
        assert_eq!(entries, 3, "only the codes shown: {text}");
        assert!(to_unicode_text(&CidFamily::AdobeIdentity, &codes).is_none());
    }

    #[test]
    fn width_ranges_are_spelled_out_as_lists() {
        let widths = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250)]),
            Object::Integer(76),
            Object::Integer(78),
            Object::Real(277.8),
        ];
        let spelled = spelled_out(&widths).expect("has a range");
        assert_eq!(
            spelled,
            [
                Object::Integer(3),
                Object::Array(vec![Object::Integer(250)]),
                Object::Integer(76),
                Object::Array(vec![Object::Real(277.8); 3]),
            ]
        );
        assert_eq!(spelled_out(&spelled), None, "no range left");
        let huge = [
            Object::Integer(0),
            Object::Integer(i64::MAX),
            Object::Integer(5),
        ];
        assert_eq!(spelled_out(&huge), None);
    }
}
