"""Writes notes.docx: a Word document with footnotes and endnotes, as Word stores them.

Run from this folder: python3 make_notes.py (standard library only). The parts follow what Word
writes: separator and continuation-separator notes (ids -1 and 0), notes whose ids are not in the
order the body refers to them, a note of two paragraphs, and one endnote.
"""

import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text):
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def ref(kind, note_id):
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return (f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
            f'<w:{kind}Reference w:id="{note_id}"/></w:r>')


def note(kind, note_id, paragraphs, note_type=None):
    type_attr = f' w:type="{note_type}"' if note_type else ""
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    return f'<w:{kind} w:id="{note_id}"{type_attr}>{body}</w:{kind}>'


mark = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
end_mark = '<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteRef/></w:r>'
separator = '<w:r><w:separator/></w:r>'
continuation = '<w:r><w:continuationSeparator/></w:r>'

document = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
    f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run("Budget speech")}</w:p>'
    f'<w:p>{run("Spending rose by 4%.")}{ref("footnote", 2)}{run(" Taxes fell.")}</w:p>'
    f'<w:p>{run("Unemployment is at a record low.")}{ref("footnote", 1)}'
    f'{ref("endnote", 1)}</w:p>'
    '</w:body></w:document>'
)
footnotes = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
    + note("footnote", -1, [separator], "separator")
    + note("footnote", 0, [continuation], "continuationSeparator")
    + note("footnote", 1, [mark + run(" The ministry said 3.9% in March."),
                           run("A second paragraph of the same note.")])
    + note("footnote", 2, [mark + run(" Treasury figures, table 4.")])
    + '</w:footnotes>'
)
endnotes = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes {W}>'
    + note("endnote", -1, [separator], "separator")
    + note("endnote", 0, [continuation], "continuationSeparator")
    + note("endnote", 1, [end_mark + run(" Office for National Statistics, 2024.")])
    + '</w:endnotes>'
)
content_types = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>'
    '</Types>'
)
rels = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>'
)
document_rels = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>'
    '</Relationships>'
)

with zipfile.ZipFile("notes.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/document.xml", document),
        ("word/footnotes.xml", footnotes),
        ("word/endnotes.xml", endnotes),
    ]:
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
