//! Characters for CID fonts that do not name them.
//!
//! A Chinese, Japanese or Korean PDF often draws its text with a CID font that has no `ToUnicode`
//! map: Acrobat Distiller, dvipdfmx and older Word exports rely on the font's character collection
//! (`/CIDSystemInfo`, e.g. Adobe-Japan1) instead, whose CIDs Adobe assigns to characters once for
//! all fonts. With Identity-H or Identity-V encoding the codes in the text are those CIDs, so the
//! collection's CID → Unicode table (Adobe's `Adobe-Japan1-UCS2` CMap and its Chinese and Korean
//! siblings, as the hayro-cmap crate carries them) gives the text. Such fonts get a `ToUnicode`
//! stream written from that table before the text is read, so the reader needs no change.

use std::collections::HashMap;

use hayro_cmap::{BfString, CMap, CidFamily};
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// Highest CID looked up; the Adobe collections stay below 2^16 (Adobe-GB1-5 ends at 30283).
const MAX_CID: u32 = 0xFFFF;

/// Gives every Type0 font with Identity-H/V encoding, no `ToUnicode` map and an Adobe CJK
/// character collection a `ToUnicode` map from its collection's table. Returns how many fonts
/// got one.
pub(super) fn add_collection_maps(document: &mut Document) -> usize {
    let mut fonts: Vec<(ObjectId, CidFamily)> = Vec::new();
    for (&id, object) in &document.objects {
        let Object::Dictionary(font) = object else {
            continue;
        };
        if let Some(family) = unmapped_collection(document, font) {
            fonts.push((id, family));
        }
    }
    let mut maps: HashMap<CidFamily, Option<ObjectId>> = HashMap::new();
    let mut given = 0;
    for (font, family) in fonts {
        let map = *maps.entry(family.clone()).or_insert_with(|| {
            let text = to_unicode_text(&family)?;
            Some(document.add_object(Stream::new(Dictionary::new(), text)))
        });
        let Some(map) = map else {
            continue;
        };
        if let Ok(dict) = document.get_dictionary_mut(font) {
            dict.set("ToUnicode", Object::Reference(map));
            given += 1;
        }
    }
    given
}

/// The character collection of `font` when it is a Type0 font whose text is CIDs (Identity-H or
/// Identity-V) and that has no `ToUnicode` map of its own; `None` for every other font.
fn unmapped_collection(document: &Document, font: &Dictionary) -> Option<CidFamily> {
    let is = |key: &[u8], name: &[u8]| {
        font.get(key)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == name)
    };
    if !is(b"Subtype", b"Type0") || font.has(b"ToUnicode") {
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
    let descendant = document.dereference(descendants.first()?).ok()?.1.as_dict().ok()?;
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

/// The text of a `ToUnicode` CMap mapping every CID of `family` that has a character.
fn to_unicode_text(family: &CidFamily) -> Option<Vec<u8>> {
    let name = family.ucs2_cmap()?;
    let cmap = CMap::parse(hayro_cmap::load_embedded(name)?, hayro_cmap::load_embedded)?;
    let mut entries: Vec<String> = Vec::new();
    for cid in 0..=MAX_CID {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_japanese_collection_maps_its_cids_to_characters() {
        let text = to_unicode_text(&CidFamily::AdobeJapan1).expect("a table");
        let text = String::from_utf8(text).expect("ASCII");
        // CID 2 is "!", 843 the hiragana あ, 1200 the kanji 一 (Adobe-Japan1).
        for entry in ["<0002> <0021>", "<034B> <3042>", "<04B0> <4E00>"] {
            assert!(text.contains(entry), "{entry} missing");
        }
        assert!(to_unicode_text(&CidFamily::AdobeIdentity).is_none());
    }
}
