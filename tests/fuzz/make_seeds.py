#!/usr/bin/env python3
"""Writes the fuzz seed corpus under tests/fuzz/seeds/<target>/.

Every seed is small and written here by hand, so the corpus is ours and can be regenerated:
    python3 tests/fuzz/make_seeds.py
Output is deterministic (fixed ids, dates and ZIP timestamps), so rerunning it changes nothing.
See docs/FUZZING.md.
"""

import hashlib
import json
import os
import zipfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")


def write(target, name, data):
    folder = os.path.join(ROOT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------------------------------------
# project: *.factdesk.json files

SCALE = [
    {"id": "true", "label": "True", "color": "#1a9850", "value": 5},
    {"id": "mostly-true", "label": "Mostly true", "color": "#66bd63", "value": 4},
    {"id": "half-true", "label": "Half true", "color": "#e6b400", "value": 3},
    {"id": "mostly-false", "label": "Mostly false", "color": "#f46d43", "value": 2},
    {"id": "false", "label": "False", "color": "#d73027", "value": 1},
    {"id": "unverifiable", "label": "Unverifiable", "color": "#7b6fb0", "value": 0},
]


def article(uid, title, text, blocks, source_format="text"):
    return {
        "id": uid,
        "title": title,
        "origin": None,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "added": "2026-11-02T09:30:00Z",
        "text": text,
        "blocks": [{"start": s, "end": e, "heading": h} for (s, e, h) in blocks],
        "meta": {
            "byline": "",
            "published": None,
            "canonical_url": "",
            "site_name": "",
            "language": "",
            "source_format": source_format,
            "encoding": "",
        },
    }


def anchor(text, start, end):
    return {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "prefix": text[max(0, start - 32):start],
        "suffix": text[end:end + 32],
    }


def claim(uid, article_id, text, start, end, **fields):
    quote = text[start:end]
    out = {
        "id": uid,
        "article": article_id,
        "anchor": anchor(text, start, end),
        "text": " ".join(quote.split()),
        "claimant": fields.get("claimant", ""),
        "claim_date": fields.get("claim_date"),
        "status": fields.get("status", "unchecked"),
        "verdict": fields.get("verdict"),
        "explanation": fields.get("explanation", ""),
        "sources": fields.get("sources", []),
        "notes": fields.get("notes", ""),
        "tags": fields.get("tags", []),
        "created": "2026-11-02T09:31:00Z",
        "modified": "2026-11-02T09:32:00Z",
    }
    return out


def project(title, articles, claims, scale=SCALE, report=None):
    out = {
        "schema_version": 1,
        "title": title,
        "articles": articles,
        "claims": claims,
        "rating_scale": scale,
    }
    if report is not None:
        out["report"] = report
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def project_seeds():
    write("project", "empty.factdesk.json", project("", [], [], scale=[]))

    a1 = "00000000-0000-4000-8000-00000000a001"
    text = (
        "Café prices rose 10% — “a record”, the minister said.\n"
        "Zürich paid 3½ times more 😀 than Łódź.\n"
        "Nobody checked the figures.\n"
    )
    first = text.index("Café")
    second = text.index("Zürich")
    blocks = [(0, text.index("\n"), 1), (second, second + len("Zürich paid 3½ times more 😀 than Łódź."), None)]
    source = {
        "id": "00000000-0000-4000-8000-00000000b001",
        "url": "https://example.org/prices",
        "title": "Price index",
        "publisher": "Example Statistics",
        "accessed": "2026-11-02",
        "quote": "up 9.8%",
        "stance": "refutes",
        "note": "",
    }
    claims = [
        claim("00000000-0000-4000-8000-00000000c001", a1, text, first, first + 19,
              verdict="mostly-false", status="done", claimant="The minister",
              claim_date="2026-10-30", sources=[source], tags=["prices", "€"]),
        claim("00000000-0000-4000-8000-00000000c002", a1, text, second + 7, second + 38,
              explanation="Emoji and Polish letters count as one char each.", status="in_progress"),
    ]
    report = {
        "title": "Prices, checked",
        "organisation": "Example Desk",
        "author": "Sam",
        "methodology": "We read the index.",
        "base_url": "https://example.org/reports/",
        "include_unchecked": False,
    }
    write("project", "prices.factdesk.json",
          project("Prices", [article(a1, "Prices", text, blocks)], claims, report=report))

    a2 = "00000000-0000-4000-8000-00000000a002"
    a3 = "00000000-0000-4000-8000-00000000a003"
    t2 = "One line only, no newline at the end"
    t3 = "Zeile eins.\r\nZeile zwei.\n\n\tTabbed line.\n"
    scale = [
        {"id": "yes", "label": "Correct", "color": "#00ff00", "value": 2},
        {"id": "no", "label": "Wrong", "color": "#FF0000", "value": 0},
        {"id": "eh", "label": "Unclear", "color": "#123abc", "value": -1},
    ]
    claims = [
        claim("00000000-0000-4000-8000-00000000c003", a2, t2, 0, len(t2), verdict="yes"),
        claim("00000000-0000-4000-8000-00000000c004", a3, t3, 0, 11, verdict="eh", status="needs_review"),
        claim("00000000-0000-4000-8000-00000000c005", a3, t3, 11, 25, notes="Spans the line break."),
    ]
    write("project", "two-articles.factdesk.json",
          project("Two", [article(a2, "A", t2, [], "docx"), article(a3, "B", t3, [(0, 11, None)])],
                  claims, scale=scale))

    # Older writers left optional members out; the reader fills in defaults.
    a4 = "00000000-0000-4000-8000-00000000a004"
    t4 = "Short."
    minimal_article = {
        "id": a4,
        "title": "Short",
        "sha256": hashlib.sha256(t4.encode()).hexdigest(),
        "added": "2026-01-01T00:00:00+01:00",
        "text": t4,
    }
    minimal_claim = {
        "id": "00000000-0000-4000-8000-00000000c006",
        "article": a4,
        "anchor": {"start": 0, "end": 5, "quote": "Short"},
        "text": "Short",
        "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00.123456789Z",
    }
    write("project", "defaults.factdesk.json",
          json.dumps({"schema_version": 1, "title": "Defaults", "articles": [minimal_article],
                      "claims": [minimal_claim], "rating_scale": SCALE[:2]}) + "\n")


# ---------------------------------------------------------------------------------------------
# text: plain text in the encodings the detector tells apart

def text_seeds():
    english = "Prices rose 10% last year, the minister said.\nThe figure was 9.8%.\n"
    write("text", "utf8.txt", "Headline: “Quotes” — café, naïve, 日本語, 😀.\n\n" + english)
    write("text", "utf8-bom-crlf.txt", b"\xef\xbb\xbf" + (english.replace("\n", "\r\n")).encode())
    write("text", "cr-only.txt", english.replace("\n", "\r"))
    write("text", "windows-1252.txt", "Café crème, “smart” quotes — and the €.\n".encode("cp1252"))
    write("text", "iso-8859-2.txt", "Łódź i Kraków: żółć, gęś.\n".encode("iso-8859-2"))
    write("text", "utf16le-bom.txt", "\ufeffUTF-16 text: café.\n".encode("utf-16-le"))
    write("text", "utf16be-no-bom.txt", "No BOM here, just zeros.\n".encode("utf-16-be"))
    write("text", "shift_jis.txt", "吾輩は猫である。名前はまだ無い。\n".encode("shift_jis"))
    write("text", "iso-2022-jp.txt", "猫である。\n".encode("iso-2022-jp"))
    write("text", "mostly-utf8.txt", "Mostly UTF-8 café text with one bad byte: ".encode() + b"\xff" + b".\n")
    write("text", "controls.txt", b"Bell\x07 and NUL\x00 and DEL\x7f and C1\xc2\x85 in text.\n\x1b[31mred\x1b[0m\n")
    write("text", "long-line.txt", ("word " * 400).strip() + "\n")


# ---------------------------------------------------------------------------------------------
# markdown

def markdown_seeds():
    write("markdown", "article.md", """---
title: Budget claims, checked
author: Sam Reviewer
date: 2026-11-02
---

# Budget claims

The minister said **spending rose by 4%** and _taxes fell_.[^1]

## What we checked

- A [linked](https://example.org) item
- [x] a done task
  1. nested ordered
> A quotation
> > nested twice

| Claim | Verdict |
|-------|---------|
| Spending rose | Mostly true |

```rust
let code = "kept as written";
```

    indented code

Inline `code`, ~~struck~~, ![an image](a.png), <span>html</span>, $x^2$.

[^1]: The footnote text.
""")
    write("markdown", "crlf-setext.md", "Title\r\n=====\r\n\r\nBody line one\r\nline two.  \r\nhard break\r\n\r\n***\r\n\r\nSub\r\n---\r\n")
    write("markdown", "html-blocks.md", "<div>\n<p>Dropped HTML</p>\n</div>\n\nText after <b>inline</b> html.\n\n<!-- comment -->\n\n###### Six\n####### seven\n")
    write("markdown", "lists-tables.md", "* a\n* b\n    * c\n\n1) one\n2) two\n\n|a|b|c|\n|:-|:-:|-:|\n|1|2|\n|x|y|z|w|\n\n\\* escaped \\# chars &amp; &copy; &#x1F600;\n")


# ---------------------------------------------------------------------------------------------
# html: saved web pages

PARAGRAPH = ("The minister said spending rose by four percent last year, while independent figures "
             "show a smaller rise. We compared the budget documents with the speech line by line. ")


def html_seeds():
    write("html", "news.html", f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Budget speech checked | Example News</title>
<meta property="og:title" content="Budget speech, checked">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Sam Reviewer">
<meta property="article:published_time" content="2026-11-02T09:00:00Z">
<link rel="canonical" href="https://example.org/budget">
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2026-11-01","author":{{"name":"Sam"}},"publisher":{{"name":"Example"}},"url":"https://example.org/b"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Budget speech, checked</h1>
<p class="byline">By Sam Reviewer, <time datetime="2026-11-02">2 November</time></p>
<p>{PARAGRAPH}</p><p>{PARAGRAPH}Café — “quotes” &amp; entities&nbsp;here.</p>
<h2>Details</h2><ul><li>First item</li><li>Second item</li></ul>
<blockquote>A quoted passage from the speech.</blockquote>
<table><caption>Figures</caption><tr><th>Year</th><th>Rise</th></tr><tr><td>2025</td><td>4%</td></tr></table>
<pre>pre
formatted</pre>
</article><footer>Cookie notice</footer></body></html>
""")
    write("html", "windows-1252.html", f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Caf\xe9</title></head>
<body><div id="content"><p>{PARAGRAPH}Caf\xe9 cr\xe8me \x93quoted\x94.</p><p>{PARAGRAPH}</p></div></body></html>
""".encode("latin-1"))
    write("html", "no-article.html", "<!doctype html><html><body><nav>Menu</nav><script>var x = 1;</script><footer>(c) 2026</footer></body></html>\n")
    write("html", "fragment.htm", f"<p>{PARAGRAPH}</p>\n<p><b>Bold</b> and <i>italic</i> and <br> a break.</p><h3>Heading</h3><p>{PARAGRAPH}</p>")
    write("html", "utf16.html", ("\ufeff<html><body><article><p>" + PARAGRAPH * 3 + "</p></article></body></html>").encode("utf-16-le"))


# ---------------------------------------------------------------------------------------------
# docx: Word documents, written with fixed timestamps

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""


def docx(name, parts, compress=True):
    folder = os.path.join(ROOT, "docx")
    os.makedirs(folder, exist_ok=True)
    with zipfile.ZipFile(os.path.join(folder, name), "w",
                         zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 11, 2, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            z.writestr(info, text)


def body(inner):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>'


def docx_seeds():
    docx("minimal.docx", [("[Content_Types].xml", CONTENT_TYPES),
                          ("word/document.xml", body("<w:p><w:r><w:t>One paragraph of text.</w:t></w:r></w:p>"))])
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style><w:style w:type="character" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>"""
    core = """<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Budget &amp; claims</dc:title><dc:creator>Sam Reviewer</dc:creator></cp:coreProperties>"""
    rich = body(
        '<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Budget claims</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Outline"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">Outlined </w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Spending rose</w:t><w:tab/><w:t>by 4%</w:t><w:br/><w:t>&amp; taxes &#x2014; fell&#160;</w:t><w:noBreakHyphen/><w:t><![CDATA[<cdata>]]></w:t></w:r></w:p>'
        '<w:p><w:pPr><w:outlineLvl w:val="9"/><w:pStyle w:val="Heading3"/></w:pPr><w:ins><w:r><w:t>Inserted</w:t></w:r></w:ins><w:del><w:r><w:delText>Deleted</w:delText></w:r></w:del></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:p><w:r><w:t>Text box</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>Text box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent><w:t>Anchor paragraph</w:t></w:r></w:p>'
    )
    docx("styles-and-props.docx", [("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", rich),
                                   ("word/styles.xml", styles), ("docProps/core.xml", core)])
    strict = body("").replace(W, "http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
        "<w:body></w:body>", '<w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Strict title</w:t></w:r></w:p><w:p><w:r><w:t>Body.</w:t></w:r></w:p></w:body>')
    docx("strict-stored.docx", [("Word/Document.XML", strict)], compress=False)
    docx("bom-and-empty.docx", [("word/document.xml", "\ufeff" + body("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p><w:p><w:r><w:t>After blanks</w:t></w:r></w:p>")),
                                ("docProps/core.xml", "<broken")])


# ---------------------------------------------------------------------------------------------
# pdf: small hand-written PDFs, the xref table computed

def pdf(objects, info=None, root=1):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root {root} 0 R"
    if info:
        trailer += f" /Info {info} 0 R"
    out += f"trailer\n{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(content, compress=False):
    data = zlib.compress(content) if compress else content
    head = f"<< /Length {len(data)}" + (" /Filter /FlateDecode" if compress else "") + " >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf_seeds():
    page1 = (b"BT /F1 18 Tf 72 720 Td (Budget speech) Tj ET\n"
             b"BT /F1 11 Tf 72 690 Td (The minister said spending rose by 4% and taxes) Tj "
             b"0 -14 Td (fell. A hard-wrapped exam-) Tj 0 -14 Td (ple line.) Tj ET\n"
             b"BT /F1 11 Tf 72 600 Td [(Kerned) -250 (text) 120 (\\(escaped\\) \\351)] TJ ET\n"
             b"BT /F1 11 Tf 72 40 Td (1) Tj ET\n")
    write("pdf", "one-page.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(page1),
        b"<< /Title (Budget claims) /Producer (factdesk seeds) >>",
    ], info=6))
    page_a = b"BT /F1 11 Tf 72 700 Td (First page ends and) Tj ET\nBT /F1 11 Tf 72 40 Td (Page 1 of 2) Tj ET\n"
    page_b = b"BT /F1 11 Tf 72 700 Td (continues here on the second.) Tj ET\nq 1 0 0 1 0 0 cm /X1 Do Q\n"
    form_content = b"BT /F1 11 Tf 72 500 Td (Form text.) Tj ET\n"
    form = (f"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            f"/Length {len(form_content)} >>\nstream\n").encode() + form_content + b"\nendstream"
    write("pdf", "two-pages-compressed.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 8 0 R >> >> /Contents 7 0 R >>",
        FONT,
        stream(page_a, compress=True),
        stream(page_b, compress=True),
        form,
        b"<< /Title <FEFF00540069007400720065> >>",
    ], info=9))
    write("pdf", "no-text.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream(b"0 0 m 100 100 l S\n"),
    ]))
    write("pdf", "nested-tree.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 /MediaBox [0 0 300 300] >>",
        b"<< /Type /Page /Parent 3 0 R /Contents [6 0 R 7 0 R] >>",
        FONT,
        stream(b"BT /F1 12 Tf 20 250 Td (Inherited resources and ) Tj"),
        stream(b" (split content) Tj ET"),
    ]))


# ---------------------------------------------------------------------------------------------
# claimreview: JSON-LD

def claimreview_seeds():
    single = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/checks/1",
        "datePublished": "2026-10-30",
        "claimReviewed": "Spending rose by 4% last year",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "The Minister"},
            "datePublished": "2026-10-28",
            "appearance": {"@type": "CreativeWork", "url": "https://example.org/speech"},
        },
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Mostly false"},
        "reviewBody": "The documents show 2.1%.",
    }
    write("claimreview", "single.jsonld", json.dumps(single, indent=2))
    graph = {
        "@context": "http://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Checks"},
            {"type": "ClaimReview", "claimReviewed": "Zürich paid 3½ times more 😀",
             "reviewRating": {"ratingValue": "4", "bestRating": "5", "worstRating": "1", "name": "Faux"},
             "itemReviewed": {"@type": "CreativeWork", "url": "https://example.org/v", "datePublished": "not a date"}},
            {"@type": ["ClaimReview", "Review"], "claimReviewed": {"@value": "  Multi\n line   claim  "},
             "reviewRating": [{"ratingValue": 9, "bestRating": 1, "worstRating": 5}],
             "author": [{"name": "First"}, "Second"], "headline": "A headline"},
            {"@type": "MediaReview", "name": "A photo"},
            {"@type": "ClaimReview", "url": "https://example.org/no-claim"},
        ],
    }
    write("claimreview", "graph.jsonld", json.dumps(graph, ensure_ascii=False))
    listed = [
        {"@type": "http://schema.org/ClaimReview", "claimReviewed": "True by name",
         "reviewRating": {"alternateName": "TRUE", "ratingValue": 1}},
        {"@type": "schema:ClaimReview", "claimReviewed": "No rating at all"},
        {"@type": "ClaimReview", "claimReviewed": "Equal ends",
         "reviewRating": {"ratingValue": 3, "bestRating": 3, "worstRating": 3}},
        [{"@type": "ClaimReview", "claimReviewed": "Nested in a list", "reviewRating": {"ratingValue": -1e300}}],
        "a string", 42, None,
    ]
    write("claimreview", "list.jsonld", "\ufeff" + json.dumps(listed))


if __name__ == "__main__":
    project_seeds()
    text_seeds()
    markdown_seeds()
    html_seeds()
    docx_seeds()
    pdf_seeds()
    claimreview_seeds()
