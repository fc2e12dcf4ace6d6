#!/usr/bin/env python3
"""Writes the encoding fixtures read by the unit tests in src/import/encoding.rs.

Deterministic; run from anywhere: python3 tests/data/encodings/make_fixtures.py
The texts are repeated as Rust constants in those tests: change both together.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

EN = ("\u201cFact-checking is slow work,\u201d said the editor. \u201cEvery claim needs a source, "
      "and every source needs a second look.\u201d\n"
      "The caf\u00e9 on the corner\u2014where the team meets on Fridays\u2014serves the city\u2019s "
      "best cr\u00e8me br\u00fbl\u00e9e, and nobody there believes a rumour until it\u2019s been checked twice.\n")
PL = ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. \u015al\u0105sk le\u017cy na po\u0142udniu Polski, "
      "a \u0141\u00f3d\u017a w jej \u015brodku.\n"
      "\u0179r\u00f3d\u0142a tej informacji sprawdzili\u015bmy dwukrotnie, zanim redakcja "
      "opublikowa\u0142a artyku\u0142 o \u017c\u00f3\u0142wiach i \u015bwi\u0105tecznych zwyczajach.\n")
JA = ("事実確認は時間のかかる仕事です。すべての主張には出典が必要で、すべての出典にはもう一度の確認が必要です。\n"
      "編集者は金曜日に会議を開き、空港の近くの喫茶店でコーヒーを飲みながら、うわさを二回確かめます。\n")
MULTI = EN + PL + JA
# Plain ASCII, for line endings and BOM-less UTF-16 (whose zero bytes give it away).
ASCII = ("Claims need sources.\nSources need a second look.\n\n"
         "The desk checks every number twice before it prints a verdict.\n")


def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def png_1x1():
    def chunk(kind, body):
        return (struct.pack('>I', len(body)) + kind + body
                + struct.pack('>I', zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b'\x00\xff\x00\x00', 9)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', idat) + chunk(b'IEND', b'')


write('utf8.txt', MULTI.encode('utf-8'))
write('utf8-bom.txt', b'\xef\xbb\xbf' + MULTI.encode('utf-8'))
write('utf16le-bom.txt', b'\xff\xfe' + MULTI.encode('utf-16-le'))
write('utf16be-bom.txt', b'\xfe\xff' + MULTI.encode('utf-16-be'))
write('utf16le-no-bom.txt', ASCII.encode('utf-16-le'))
write('utf16be-no-bom.txt', ASCII.encode('utf-16-be'))
write('windows-1252.txt', EN.encode('cp1252'))
write('iso-8859-2.txt', PL.encode('iso-8859-2'))
write('shift_jis.txt', JA.encode('shift_jis'))
write('crlf.txt', MULTI.replace('\n', '\r\n').encode('utf-8'))
write('cr-only.txt', MULTI.replace('\n', '\r').encode('utf-8'))
mixed = ''.join(line + ('\n', '\r\n', '\r')[i % 3] for i, line in enumerate(ASCII.split('\n')[:-1]))
write('mixed-eol.txt', mixed.encode('utf-8'))
nul = MULTI.encode('utf-8')
write('nul-in-middle.txt', nul[:40] + b'\x00' * 6 + nul[40:])
# Two stray bytes (0xFF, 0xC0) that can never appear in UTF-8, between characters.
bad = MULTI.replace('Fact-checking', 'Fact-\udcffchecking').replace('Polski', 'Pol\udcc0ski')
write('utf8-invalid-bytes.txt', bad.encode('utf-8', 'surrogateescape'))
write('tiny.png', png_1x1())
write('empty.txt', b'')
write('bom-only.txt', b'\xef\xbb\xbf')
