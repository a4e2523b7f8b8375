"""Cell formats read from an .xlsx's XML (perfkit.read.styles) agree with openpyxl's reading, cell for cell."""

import datetime as dt
import io
import random
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Color, PatternFill

from conftest import ROOT
from perfkit.read.styles import sheet_formats, style_table
from perfkit.read.workbook import cell_formats, quiet_openpyxl

FORMATS = ["General", "0%", "0.0%", "000", '"PI"000', "0.00", "#,##0", "dd/mm/yyyy", "[h]:mm", "@", '0.0"%"', "mmm-yy",
           "0.00E+00", "[Red]0.0%"]
VALUES = [None, 7, 7.5, 0.85, "x", "007", True, dt.date(2024, 3, 31), dt.datetime(2024, 1, 2, 3, 4), "=1+1", -3, 1e20]


def _fill(rng: random.Random):
    kind = rng.randrange(5)
    if kind == 0:
        return PatternFill("solid", fgColor=rng.choice(["FF0000", "FFC000", "00B050", "FF00B0F0", "123456"]))
    if kind == 1:
        return PatternFill("solid", fgColor=Color(indexed=rng.randrange(70)))
    if kind == 2:
        return PatternFill("solid", fgColor=Color(theme=rng.randrange(6), tint=0.4))
    if kind == 3:
        return PatternFill(rng.choice(["gray125", "darkGray", "lightUp"]), fgColor="FF0000")
    return None


def _random_workbook(seed: int) -> bytes:
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    for r in range(1, 25):
        for c in range(1, 8):
            cell = ws.cell(row=r, column=c, value=rng.choice(VALUES))
            if rng.random() < 0.5:
                cell.number_format = rng.choice(FORMATS)
            if rng.random() < 0.4 and (fill := _fill(rng)) is not None:
                cell.fill = fill
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _both(data: bytes):
    z = zipfile.ZipFile(io.BytesIO(data))
    ours = sheet_formats(z.read("xl/worksheets/sheet1.xml"), style_table(z.read("xl/styles.xml")))
    with quiet_openpyxl():
        theirs = cell_formats(load_workbook(io.BytesIO(data), read_only=True, data_only=True).active)
    return ours, theirs


@pytest.mark.parametrize("seed", range(40))
def test_fills_and_number_formats_read_from_the_xml_are_openpyxls(seed):
    ours, theirs = _both(_random_workbook(seed))
    assert ours is not None
    assert ours.fills == theirs.fills
    assert ours.numbers == theirs.numbers


def test_a_sheet_written_otherwise_is_left_to_openpyxl():
    data = _random_workbook(1)
    z = zipfile.ZipFile(io.BytesIO(data))
    table = style_table(z.read("xl/styles.xml"))
    xml = z.read("xl/worksheets/sheet1.xml")
    assert sheet_formats(xml, table) is not None
    assert sheet_formats(xml.replace(b'<c r="B2"', b"<c", 1), table) is None  # a cell placed after the one before
    assert sheet_formats(xml.replace(b' s="1"', b' s="999"', 1), table) is None  # a style the file does not hold: openpyxl says so
    assert style_table(b"<styleSheet/>") is None  # no cell styles: openpyxl's defaults


def test_percentages_and_status_fills_are_read_without_openpyxl():
    """The sample workbook's percentages, padded references and coloured statuses need no openpyxl (about 0.3 s to import)."""
    code = ("import sys, perfkit; perfkit.read_workbook('data/raw/sample_council_2023-24.xlsx'); "
            "print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "False"
