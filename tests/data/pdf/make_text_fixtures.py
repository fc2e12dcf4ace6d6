"""Writes the PDFs that test how text is read from real-world PDF producers.

Run from this folder: python3 make_text_fixtures.py (standard library only; the Japanese fixture
also reads poppler-data's /usr/share/poppler/cidToUnicode/Adobe-Japan1 to find the CIDs of its
text, Debian package poppler-data). Each PDF is written by hand, object by object, as the producer
it imitates writes it; fonts are not embedded, which readers of the text layer do not need.

- glyphs.pdf: as Google Docs and Chrome's "Print to PDF" (Skia) write text: a CID font with
  Identity-H encoding and a ToUnicode map, every glyph placed on its own with its own text matrix,
  no space glyphs (a word gap is only a wider step), letters nudged by kerning, a private-use
  glyph (an icon font's bullet) at the start of a list line, two paragraphs and a title line.
- ligatures.pdf: as LaTeX writes text: a simple font whose ligature glyphs (/fi, /fl, /ffi) are
  named in its /Differences and mapped by its ToUnicode to U+FB01, U+FB02, U+FB03; words broken at
  a line end by a soft hyphen (U+00AD), once with a raised footnote mark between the two halves.
- cid-japan1.pdf: a Japanese CID font (Adobe-Japan1, Identity-H) without a ToUnicode map, as
  Japanese Distiller and dvipdfmx files come: only the character collection tells the text.
- unmapped.pdf: a CID font with Identity-H, no ToUnicode and the collection Adobe-Identity, so
  no reader can tell its glyphs' characters; one line of mapped text beside it.
- unmapped-only.pdf: the same without the mapped line, so no glyph has a character.
"""

import zlib


def pdf(objects):
    """A PDF file of `objects` (bytes, numbered from 1; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data, extra=b""):
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def to_unicode(pairs, code_bytes):
    """A ToUnicode CMap for (code, text) pairs."""
    width = code_bytes * 2
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CMapName /Custom def /CMapType 2 def",
        "1 begincodespacerange <%s> <%s> endcodespacerange" % ("0" * width, "F" * width),
        "%d beginbfchar" % len(pairs),
    ]
    for code, text in pairs:
        utf16 = text.encode("utf-16-be").hex().upper()
        lines.append("<%0*X> <%s>" % (width, code, utf16))
    lines += ["endbfchar", "endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines).encode()


def page_objects(content, fonts):
    """Catalog, pages, one page drawing `content` with the font resources `fonts`, its content."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
        + fonts
        + b" >> >> /Contents 4 0 R >>",
        stream(content),
    ]


def glyphs_pdf():
    # One glyph code per character, in order of first use; each glyph 500/1000 em wide except
    # narrow letters, as a proportional font is.
    text_lines = [
        (72, 720, 20, "Example document"),
        (72, 680, 11, "Original author(s) of the statement said that spending"),
        (72, 666, 11, "rose by 4% and that taxes fell, a claim worth checking."),
        (72, 630, 11, "\ue000 A second paragraph, in a list."),
    ]
    chars = []
    for _, _, _, line in text_lines:
        for c in line:
            if c != " " and c not in chars:
                chars.append(c)
    code = {c: i + 1 for i, c in enumerate(chars)}
    narrow = set("iljtf.,()'!%")
    width = {c: (280 if c in narrow else 560) for c in chars}
    ops = [b"BT"]
    for x, y, size, line in text_lines:
        pos = float(x)
        for i, c in enumerate(line):
            if c == " ":
                pos += 0.28 * size
                continue
            # Kerning nudges of up to 3% of the size, as a shaper places glyphs.
            nudge = ((i * 7) % 5 - 2) * 0.015 * size
            ops.append(b"/F1 %d Tf 1 0 0 1 %.2f %.2f Tm <%04X> Tj" % (size, pos + nudge, y, code[c]))
            pos += width[c] / 1000 * size
    ops.append(b"ET")
    widths = " ".join("%d [%d]" % (code[c], width[c]) for c in chars)
    fonts = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+ArialMT /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+ArialMT "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 500 /W [" + widths.encode() + b"] /CIDToGIDMap /Identity >>",
        stream(to_unicode([(code[c], c) for c in chars], 2)),
        b"<< /Type /FontDescriptor /FontName /AAAAAA+ArialMT /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return pdf(page_objects(b"\n".join(ops), b"/F1 5 0 R") + fonts)


def ligatures_pdf():
    # Codes 1-3 are ligature glyphs, 4 the soft hyphen; the rest is WinAnsi text.
    lig = {"\ufb01": 1, "\ufb02": 2, "\ufb03": 3, "\u00ad": 4}

    def show(text):
        out = bytearray()
        for c in text:
            if c in lig:
                out += b"\\%03o" % lig[c]
            elif c in "()\\":
                out += b"\\" + c.encode()
            else:
                out += c.encode("cp1252")
        return bytes(out)

    lines = [
        "The \ufb01rst e\ufb03cient \ufb02ow of money was",
        "an experi\u00ad",
        "ment in govern\u00ad",
        "ment spending.",
    ]
    ops = [b"BT /F1 11 Tf 13 TL 72 720 Td"]
    for i, line in enumerate(lines):
        if i == 2:
            # The footnote mark after "govern-", raised and smaller, as LaTeX sets \footnote.
            ops.append(b"(" + show("ment in govern\u00ad") + b") Tj")
            ops.append(b"/F1 7 Tf 4 Ts (1) Tj 0 Ts /F1 11 Tf T*")
            continue
        ops.append(b"(" + show(line) + b") Tj T*")
    ops.append(b"ET")
    widths = ["556", "556", "833", "333"] + ["500"] * 251
    widths[32 - 1] = "250"
    fonts = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /FirstChar 1 /LastChar 255 "
        b"/Widths [" + " ".join(widths).encode() + b"] "
        b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
        b"/Differences [1 /fi /fl /ffi /hyphen] >> /ToUnicode 6 0 R >>",
        stream(to_unicode([(1, "\ufb01"), (2, "\ufb02"), (3, "\ufb03"), (4, "\u00ad")], 1)),
    ]
    return pdf(page_objects(b"\n".join(ops), b"/F1 5 0 R") + fonts)


def japan1_cids(text):
    table = open("/usr/share/poppler/cidToUnicode/Adobe-Japan1").read().split("\n")
    first = {}
    for cid, hex_unicode in enumerate(table):
        if hex_unicode:
            first.setdefault(chr(int(hex_unicode, 16)), cid)
    return [first[c] for c in text]


def cid_font(base_font, ordering, descendant, subtype=b"CIDFontType0"):
    return [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /" + base_font + b" /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] >>" % descendant,
        b"<< /Type /Font /Subtype /" + subtype + b" /BaseFont /" + base_font
        + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (" + ordering + b") /Supplement 2 >> "
        b"/FontDescriptor %d 0 R /DW 1000 >>" % (descendant + 1),
        b"<< /Type /FontDescriptor /FontName /" + base_font + b" /Flags 4 "
        b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 "
        b"/StemV 80 >>",
    ]


JAPANESE = ["日本語の文章です。", "東京都の人口は増えた。"]


def cid_japan1_pdf():
    ops = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
    for line in JAPANESE:
        codes = "".join("%04X" % cid for cid in japan1_cids(line))
        ops.append(b"<" + codes.encode() + b"> Tj T*")
    ops.append(b"ET")
    fonts = cid_font(b"Ryumin-Light-Identity-H", b"Japan1", 6)
    return pdf(page_objects(b"\n".join(ops), b"/F1 5 0 R") + fonts)


def unmapped_pdf(mapped_line=True):
    ops = [b"BT /F2 12 Tf 72 740 Td (A line of text that is mapped.) Tj ET" if mapped_line else b""]
    ops.append(b"BT /F1 12 Tf 14 TL 72 720 Td")
    for row in range(6):
        codes = "".join("%04X" % (40 + (row * 31 + i * 7) % 300) for i in range(30))
        ops.append(b"<" + codes.encode() + b"> Tj T*")
    ops.append(b"ET")
    objects = page_objects(b"\n".join(ops), b"/F1 5 0 R /F2 8 0 R")
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    return pdf(objects + cid_font(b"ABCDEF+Subset", b"Identity", 6, b"CIDFontType2") + [helvetica])


for name, data in [
    ("glyphs.pdf", glyphs_pdf()),
    ("ligatures.pdf", ligatures_pdf()),
    ("cid-japan1.pdf", cid_japan1_pdf()),
    ("unmapped.pdf", unmapped_pdf()),
    ("unmapped-only.pdf", unmapped_pdf(mapped_line=False)),
]:
    with open(name, "wb") as f:
        f.write(data)
