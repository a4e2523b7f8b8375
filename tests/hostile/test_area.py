"""A sheet's area is never counted smaller than what the reader builds, however its cells and rows are written.

calamine builds a sheet as a dense block from A1 to its farthest cell that holds something: one cell at
XFD1048576 asks for 17 billion cells and aborts the process. The safety pass counts that area before
calamine runs; here calamine itself is the reference, on small sheets written every way its XML parser
accepts (prefixes, quotes, '>' inside values, cells and rows without a reference, cells written empty).
"""

from __future__ import annotations

import io

import pytest
import python_calamine as pc
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import hostile_builders as hb
from perfkit import WorkbookError, read_milestones
from perfkit.read.safety import _AreaCount, check_file, limits

_ROW = st.integers(1, 40)
_COL = st.integers(0, 25)


def _ref(col: int, row: int) -> str:
    return f"{hb.col(col)}{row}"


# One cell, every way calamine reads it (or passes over it): (template, whether it holds a value)
_CELLS = [
    '<c r="{ref}"><v>1</v></c>',
    "<c><v>1</v></c>",  # no reference: after the cell before
    '<c r="{ref}" s="1"/>',  # written empty: passed over
    '<c r="{ref}"></c>',
    '<x:c r="{ref}"><x:v>1</x:v></x:c>',
    "<c r='{ref}' t=\"n\"><v>1</v></c>",
    '<c r = "{ref}"><v>1</v></c>',
    '<c a=\' r="A1"\' r="{ref}"><v>1</v></c>',  # a decoy reference inside another value
    '<c a=" r=" r="{ref}"><v>1</v></c>',
    '<c r="{ref}" a="/>"><v>1</v></c>',  # a '/>' inside a value does not end the tag
    '<c a=">" r="{ref}"><v>1</v></c>',
    '<c x:r="{ref}"><v>1</v></c>',  # not the reference the reader takes: after the cell before
    '<c r="{ref}" x:r="A1"><v>1</v></c>',
    '<c\n\tr="{ref}"\nt="n"><v>0</v></c>',
]
_ROWS = [
    '<row r="{row}">{cells}</row>',
    "<row>{cells}</row>",
    '<row r="{row}" s="1" customFormat="1"/>',  # a formatted empty row: passed over
    '<x:row r="{row}">{cells}</x:row>',
    "<row r='{row}'>{cells}</row>",
    '<row spans="1:8" r="{row}" ht="20">{cells}</row>',
]

_cell = st.tuples(st.integers(0, len(_CELLS) - 1), _COL, _ROW)
_row = st.tuples(st.integers(0, len(_ROWS) - 1), _ROW, st.lists(_cell, max_size=5))


def _sheet_xml(rows) -> bytes:
    body = "".join(_ROWS[kind].format(row=r, cells="".join(_CELLS[k].format(ref=_ref(c, rr)) for k, c, rr in cells))
                   for kind, r, cells in rows)
    return (f'<?xml version="1.0"?><worksheet {hb.NS} xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body}</sheetData></worksheet>").encode()


def _calamine_area(data: bytes) -> tuple[int, int] | None:
    """(rows, columns) calamine builds from A1, or None where it refuses the sheet (perfkit then refuses it too)."""
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_name("Milestones").to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine's own refusal
        return None
    return len(rows), max((len(r) for r in rows), default=0)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=8), cuts=st.lists(st.integers(0, 3000), max_size=5))
def test_the_counted_area_is_never_below_what_calamine_builds(rows, cuts):
    xml = _sheet_xml(rows)
    data = hb.zip_bytes(hb.workbook_parts({"Milestones": xml}))
    built = _calamine_area(data)
    if built is None:
        return
    count = _AreaCount()
    edges = [0, *sorted(c % len(xml) for c in cuts), len(xml)]
    for a, b in zip(edges, edges[1:]):
        count.feed(xml[a:b])
    counted = count.area()
    assert counted[0] >= built[0] and counted[1] >= built[1], (counted, built, xml)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, min_size=1, max_size=8))
@example(rows=[(0, 1, [(7, 0, 1), (1, 0, 1)])])  # a decoy r="A1" in a single-quoted value, then a cell with no reference
def test_a_limit_one_below_what_calamine_builds_refuses_the_sheet(tmp_path, rows):
    """The whole safety pass (the quick bound, then the exact count when it passes the limit) agrees."""
    data = hb.zip_bytes(hb.workbook_parts({"Milestones": _sheet_xml(rows)}))
    built = _calamine_area(data)
    if built is None or built[0] * built[1] < 2:
        return
    path = tmp_path / "q2.xlsx"
    path.write_bytes(data)
    with limits(max_cells=built[0] * built[1] - 1):
        with pytest.raises(WorkbookError, match="refused to read"):
            check_file(path)


_STYLES = (b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="0"/></cellXfs></styleSheet>')


def _book(extra: str) -> bytes:
    parts = hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES).replace("</sheetData>", extra + "</sheetData>")})
    parts["xl/styles.xml"] = _STYLES  # its cells name a style
    return hb.zip_bytes(parts)


@pytest.mark.parametrize("extra", [
    """<row r="7"><c a=' r="A7"' r="XFD1048576"><v>1</v></c></row>""",  # a decoy reference before the real one
    """<row r="7"><c r="XFD1048576" a="/>"><v>1</v></c></row>""",  # looks written empty, is not
    """<row r="1048576"><c r="A1048576"><v>1</v></c>""" + '<c x:r="A1"><v>1</v></c>' * 20 + "</row>",  # cells the reader places after it
])
def test_a_far_cell_hidden_in_its_tag_is_refused_before_calamine_aborts(tmp_path, extra):
    # the first aborted the process (a Rust panic) on main: the decoy was taken for the reference
    path = tmp_path / "q2.xlsx"
    path.write_bytes(_book(extra))
    with pytest.raises(WorkbookError, match=r"refused to read part 'xl/worksheets/sheet1.xml': a cell or row at \w+ makes the sheet"):
        check_file(path)


@pytest.mark.parametrize("extra", [
    '<row r="1048576" s="1" customFormat="1" ht="15" customHeight="1"/>',  # Excel's formatted empty last row
    '<row r="1048576"><c r="XFD1048576" s="1"/></row>',  # a formatted empty cell in the far corner
])
def test_far_places_written_empty_are_read_whatever_the_limit(tmp_path, extra):
    """Excel writes a formatted empty row or cell where a user formatted it; calamine builds nothing for it."""
    path = tmp_path / "q2.xlsx"
    path.write_bytes(_book(extra))
    with limits(max_cells=1_000):
        assert read_milestones(path)["milestone_id"].unique().tolist() == ["M1", "M2", "M3"]


def test_a_tag_that_never_ends_is_refused_not_held(tmp_path):
    xml = hb.sheet_xml(hb.MILESTONES).replace("</sheetData>", '<row r="9"><c r="A9" a="' + "x" * (5 * 1024 * 1024) + "</sheetData>")
    count = _AreaCount(name="q2.xlsx", part="part 'xl/worksheets/sheet1.xml'")
    with pytest.raises(WorkbookError, match="a tag in it runs on for more than 4 MB"):
        for i in range(0, len(xml), 1 << 20):
            count.feed(xml[i:i + (1 << 20)].encode())


def test_cells_written_oddly_are_counted_one_by_one_up_to_the_limit():
    xml = ('<x:worksheet><x:sheetData><x:row r="1">' + "<x:c r='A1'><x:v>1</x:v></x:c>" * 3000 + "</x:row></x:sheetData></x:worksheet>").encode()
    count = _AreaCount(cap=2000, name="q2.xlsx", part="part 'xl/worksheets/sheet1.xml'")
    with pytest.raises(WorkbookError, match="more than 2,000 of its cells and rows are written as spreadsheet programs do not write them"):
        count.feed(xml)
    plain = xml.replace(b"'A1'", b'"A1"')  # prefixed, but plainly: counted with numpy, however many
    count = _AreaCount(cap=2000)
    count.feed(plain)
    assert count.area() == (1, 1) and count.slow == 0
