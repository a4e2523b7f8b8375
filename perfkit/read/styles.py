"""Cell formats of an .xlsx sheet read from its XML: solid fills and number formats, without openpyxl.

Some cells ask for more than their values: a status cell's fill colour, a figure's
percentage format, a reference's zero-padded format (``007``). openpyxl reads them at some
40 microseconds a cell, parsing the whole sheet (20,000 rows took 13 s); the same facts are
in two places of the file perfkit has already inflated, the styles part (``xl/styles.xml``:
each cell style's fill and number format) and each cell's ``s="N"``. :func:`style_table`
reads the first, :func:`sheet_formats` the cells that name a style with a fill or a
number format, by one regular expression over the sheet's XML.

Both answer exactly as openpyxl (read-only, cached values) does, which
:func:`perfkit.read.workbook.cell_formats` still reads where they cannot: anything written
otherwise than spreadsheet programs write it (a prefixed element, a cell without its
reference, a style the file does not hold, a colour openpyxl refuses) makes them return
None, and openpyxl reads the sheet, with its own errors, as before.

Examples
--------
>>> styles = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
...           b'<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
...           b'<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
...           b'<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill></fills>'
...           b'<cellXfs count="3"><xf numFmtId="0" fillId="0"/><xf numFmtId="164" fillId="0"/><xf numFmtId="0" fillId="2"/></cellXfs>'
...           b'</styleSheet>')
>>> table = style_table(styles)
>>> sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
...          b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>0.95</v></c><c r="C2" s="2" t="s"><v>1</v></c></row>'
...          b'</sheetData></worksheet>')
>>> found = sheet_formats(sheet, table)
>>> found.numbers, found.fills
({(1, 1): ('0.0%', 0.95)}, {(1, 2): 'FF00B050'})
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

#: The default namespace of a sheet (and styles) part as Excel, LibreOffice and openpyxl write it.
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

#: Excel's built-in number formats by id, as openpyxl names them (ECMA-376 18.8.30; ids not listed are General).
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)', 42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)', 44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

#: Fill patterns whose foreground colour is the cell's colour.
SOLID = ("solid", "gray125", "darkGray", "lightGray", "mediumGray")

_PATTERNS = {"none", "solid", "darkDown", "darkGray", "darkGrid", "darkHorizontal", "darkTrellis", "darkUp", "darkVertical",
             "gray0625", "gray125", "lightDown", "lightGray", "lightGrid", "lightHorizontal", "lightTrellis", "lightUp",
             "lightVertical", "mediumGray"}
_COLOUR_ATTRS = {"rgb", "indexed", "auto", "theme", "tint", "type"}
_ARGB = re.compile(r"^([A-Fa-f0-9]{8}|[A-Fa-f0-9]{6})$")
# What openpyxl strips from a number format before looking for a date's letters: quoted text, and bracketed parts
# other than elapsed hours, minutes or seconds.
_DATE_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")


@dataclass
class CellFormats:
    """What one sheet's cells hold beyond their values: solid fills, and the number format of every number not General."""

    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> RRGGBB or AARRGGBB, solid fills only
    numbers: dict[tuple[int, int], tuple[str, object]] = field(default_factory=dict)  # (row, col) -> (number format, the number)


@dataclass(frozen=True)
class StyleTable:
    """Each cell style (``<cellXfs>``) of a workbook: its solid fill's colour, its number format, and whether that is a date's."""

    fills: tuple[str | None, ...]
    formats: tuple[str, ...]
    dates: tuple[bool, ...]


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date or time (openpyxl then reads the number as one).

    Examples
    --------
    >>> is_date_format("dd/mm/yyyy"), is_date_format("0.0%"), is_date_format('"Day" 0')
    (True, False, False)
    """
    first = _DATE_STRIP.sub("", code.split(";")[0])
    return _DATE_LETTER.search(first) is not None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _colour(el, index) -> str | None:
    """A fill's foreground colour as openpyxl gives it (``'FF00B050'``; an indexed colour from Excel's palette); None for
    a theme or automatic colour. Raises ValueError for what openpyxl refuses."""
    if el is None:
        return "00000000"  # openpyxl's default colour, black
    a = el.attrib
    if not set(a) <= _COLOUR_ATTRS:
        raise ValueError("an attribute openpyxl does not read")
    if "tint" in a and not -1 <= float(a["tint"]) <= 1:
        raise ValueError("tint out of range")
    if "indexed" in a:
        n = int(a["indexed"])
        palette = index()
        return palette[n] if 0 <= n < len(palette) else None
    if "theme" in a:
        int(a["theme"])
        return None
    if "auto" in a:
        return None
    rgb = a.get("rgb", "00000000")
    if not _ARGB.match(rgb):
        raise ValueError("not an aRGB colour")
    return "00" + rgb if len(rgb) == 6 else rgb


def _palette():
    from openpyxl.styles.colors import COLOR_INDEX  # deferred: Excel's indexed palette, needed only by a workbook using it

    return COLOR_INDEX


def style_table(styles_xml: bytes | None) -> StyleTable | None:
    """The cell styles of a styles part, or None where it holds anything openpyxl would read otherwise (or refuse)."""
    if not styles_xml:
        return None
    try:
        root = ET.fromstring(styles_xml)
        parts = {_local(child.tag): child for child in root}
        xfs = parts.get("cellXfs")
        if xfs is None or not len(xfs):
            return None  # openpyxl then uses its own default styles
        custom = {int(n.get("numFmtId")): n.get("formatCode") for n in parts.get("numFmts", ()) if _local(n.tag) == "numFmt"}
        colours = []
        for fill in parts.get("fills", ()):
            if _local(fill.tag) != "fill":
                continue
            if not len(fill):
                return None
            pattern = fill[0]
            if _local(pattern.tag) != "patternFill":
                colours.append(None)  # a gradient: not solid
                continue
            kind = pattern.get("patternType")
            if not set(pattern.attrib) <= {"patternType"} or (kind is not None and kind not in _PATTERNS):
                return None
            children = {_local(c.tag): c for c in pattern}
            if not set(children) <= {"fgColor", "bgColor"} or len(children) != len(pattern):
                return None
            _colour(children.get("bgColor"), _palette)  # checked as openpyxl checks it
            colours.append(_colour(children.get("fgColor"), _palette) if kind in SOLID else None)
        fills, formats, dates = [], [], []
        for xf in xfs:
            if _local(xf.tag) != "xf":
                continue
            fmt_id, fill_id = int(xf.get("numFmtId", 0)), int(xf.get("fillId", 0))
            if fmt_id in custom:
                code = custom[fmt_id]
                if code is None:
                    return None  # a format without its code: openpyxl refuses it
            elif fmt_id < 164:
                code = BUILTIN_FORMATS.get(fmt_id, "General")
            else:
                return None  # a custom format the part does not define: openpyxl takes another's
            if not 0 <= fill_id < len(colours):
                return None
            fills.append(colours[fill_id])
            formats.append(code)
            dates.append(is_date_format(code))
    except (ET.ParseError, ValueError, TypeError):
        return None
    return StyleTable(tuple(fills), tuple(formats), tuple(dates))


_STYLE_ID = re.compile(rb' s="(\d+)"')
# A cell tag whose reference does not come first (``<c s="1" r="A1">``, ``<c\nr=...``): a search that stops at the first
# such, where counting every ``<c[\s/>]`` against every ``<c r="`` built a list of them all
_CELL_TAG_ELSEWISE = re.compile(rb'<c(?:[\t\n\r\f\v/>]| (?!r="))')
_TYPE = re.compile(rb'\st="([^"]*)"')


def sheet_formats(xml: bytes, table: StyleTable | None) -> CellFormats | None:
    """Every solid fill, and the number format of every number not General, of one sheet: as
    :func:`perfkit.read.workbook.cell_formats` reads them with openpyxl, or None where only openpyxl should."""
    if table is None or not xml:
        return None
    head = xml[:4096]
    if b"<worksheet" not in head or b'xmlns="' + MAIN_NS + b'"' not in head or b' s=""' in xml:
        return None  # a prefixed or strict (ISO) sheet, or an empty style: openpyxl's reading, not ours
    if _CELL_TAG_ELSEWISE.search(xml):
        return None  # a cell without its reference first (openpyxl places it after the one before)
    if _wanted(table, 0):
        return None  # cells without a style take the first, and it has a fill or a format: rare, read by openpyxl
    used = {int(s) for s in set(_STYLE_ID.findall(xml))}  # the styles cells (and rows) name
    if used and max(used) >= len(table.formats):
        return None  # one names a style the file does not hold: openpyxl says so of a cell
    fills, formats, dates = table.fills, table.formats, table.dates
    filled = sorted(s for s in used if fills[s] is not None)
    numbered = sorted(s for s in used if formats[s] and formats[s] != "General" and not dates[s])
    out = CellFormats()
    columns: dict[bytes, int] = {}

    def place(letters: bytes, digits: bytes) -> tuple[int, int]:
        col = columns.get(letters)
        if col is None:
            col = 0
            for ch in letters:
                col = col * 26 + ch - 64
            col = columns[letters] = col - 1
        return int(digits) - 1, col

    if filled:
        for letters, digits, style in _styled(filled).findall(xml):
            out.fills[place(letters, digits)] = fills[int(style)]
    if numbered:
        try:
            format_of = {b"%d" % s: formats[s] for s in numbered}  # each style's format, by the style as written
            numbers, skip = out.numbers, {}  # skip: whether the attributes either side of the style type the cell as not a number
            read: dict[bytes, float | int] = {}  # each saved value's number, read once: a column of percentages repeats a few
            for letters, digits, before, style, after, value in _numbered(numbered).findall(xml):
                if not value:
                    continue
                attrs = (before, after)  # a sheet's cells repeat a few spellings (' t="n"'): each is searched once
                other = skip.get(attrs)
                if other is None:
                    t = _TYPE.search(before) or _TYPE.search(after)
                    other = skip[attrs] = t is not None and t[1] != b"n"
                if other:
                    continue
                number = read.get(value)
                if number is None:
                    text = value.decode("ascii")
                    number = read[value] = float(text) if "." in text or "E" in text or "e" in text else int(text)
                col = columns.get(letters)
                numbers[(int(digits) - 1, col if col is not None else place(letters, digits)[1])] = (format_of[style], number)
        except (ValueError, UnicodeDecodeError):
            return None  # a number openpyxl cannot read either: it says so
    return out


def _ids(styles: list[int]) -> bytes:
    return b"|".join(b"%d" % s for s in styles)


# Every pattern of cells of some styles opens with this look ahead: a tag that names none of them before its end fails
# at once, without the captures the rest makes (most cells of a sheet: 74 -> 46 ms over an action plan's 180,000). It
# asks only what the rest requires too (that style before the tag's first '>'), so the matches are the same.
_NAMES_A_STYLE = rb'<c r="(?=[^>]* s="(?:%s)")'


def _styled(styles: list[int]) -> re.Pattern:
    """Cells of the given styles: their column letters, row and style."""
    ids = _ids(styles)
    return re.compile(_NAMES_A_STYLE % ids + rb'([A-Z]{1,3})(\d{1,7})"[^>]*? s="(%s)"' % ids)


def _numbered(styles: list[int]) -> re.Pattern:
    """Cells of the given styles, with the attributes either side of the style (for the type) and the saved value, if any."""
    ids = _ids(styles)
    return re.compile(_NAMES_A_STYLE % ids + rb'([A-Z]{1,3})(\d{1,7})"([^>]*?) s="(%s)"([^>]*?)(?:/>|>\s*(?:<f\b[^>]*/>\s*|<f\b[^>]*>[^<]*</f>\s*)?(?:<v>([^<]*)</v>)?)'
                      % ids)


def _wanted(table: StyleTable, s: int) -> bool:
    """Whether cells of style ``s`` have anything to read: a solid fill, or a number format other than General."""
    code = table.formats[s]
    return table.fills[s] is not None or bool(code) and code != "General"


_DATE_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d)|([^"\\ymd]+)', re.I)
_DATE_PARTS = {"yyyy": "%Y", "yy": "%y", "mmmm": "%B", "mmm": "%b", "mm": "%m", "dddd": "%A", "ddd": "%a", "dd": "%d"}


def shown_date(value, code: str) -> str | None:
    """A date as its number format shows it (``Apr-24`` for ``mmm-yy``), or None for a format with a time or one not read.

    Excel's built-in ``mm-dd-yy`` (id 14) follows the machine's locale, which in the UK shows ``30/06/2024``.

    Examples
    --------
    >>> import datetime as dt
    >>> shown_date(dt.date(2024, 4, 1), "mmm-yy"), shown_date(dt.date(2024, 6, 30), "mm-dd-yy")
    ('Apr-24', '30/06/2024')
    >>> shown_date(dt.date(2024, 9, 1), "[$-en-GB]mmmm yyyy;@"), shown_date(dt.date(2024, 6, 30), "d mmm yy")
    ('September 2024', '30 Jun 24')
    """
    code = re.sub(r"\[[^\]]*\]", "", (code or "").split(";")[0]).strip()
    if code.lower() in ("mm-dd-yy", "m/d/yyyy", "m/d/yy"):
        code = "dd/mm/yyyy"
    if not code or code == "General" or re.search(r"(?i)[hs]|am/pm", re.sub(r'"[^"]*"', "", code)):
        return None
    out = []
    for literal, escaped, part, other in _DATE_TOKEN.findall(code):
        if part:
            low = part.lower()
            out.append(str(value.month) if low == "m" else str(value.day) if low == "d" else value.strftime(_DATE_PARTS[low]))
        else:
            out.append(literal or escaped or other)
    return "".join(out) or None

