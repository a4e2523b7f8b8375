"""Publishing's outputs: the checks file, Word, PDF, file names, permissions, refusals before a kernel starts."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest

from perfkit.cli import main
from perfkit.core.errors import ConfigError
from perfkit.core.paths import atomic_path, in_project, project_root
from perfkit.publish.notebook import _stand_in_checks, html_text, publish_briefing, slug
from perfkit.publish.written import WRITTEN

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
PERFKIT = ROOT / ".venv" / "bin" / "perfkit"


def _need(tool, what):
    if tool:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must test {what}: `make test` installs chromium and poppler-utils (scripts/install_browser.sh)")
    pytest.skip(f"{what} needs chromium and pdftotext: run scripts/install_browser.sh")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The sample workbook with M01 red in Q2 and its commentary left blank: something for the officer to check."""
    import make_sample

    path = make_sample.build(tmp_path_factory.mktemp("wb") / "council_2023-24.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Milestones"]["H7"] = "Red"
    wb["Milestones"]["H7"].fill = openpyxl.styles.PatternFill(fill_type=None)  # its green fill cleared: a word the fill contradicts is a warning
    wb["Milestones"]["I7"] = None
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def published(workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    old = os.umask(0o022)
    try:
        return publish_briefing(workbook, "2023/24 Q2", council="Ynys Môn", out_dir=out, published="2024-11-05",
                                xlsx=True, docx=True, pdf=bool(CHROMIUM))
    finally:
        os.umask(old)


@pytest.fixture(scope="module")
def page(published):
    return published.html.read_text(encoding="utf-8")


def _headlines(page: str) -> list[str]:
    """The headline cards of the page, as text: ['79%', '30 of 38 milestones progressing well', ...]."""
    found = re.findall(r'<p class="big">(.*?)</p><p>(.*?)</p>', page)
    assert found, "the briefing has headline figures"
    return [html_text(t) for pair in found for t in pair]


# --- names, paths and permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("Ynys Môn", "ynys-mon"), ("Rhondda Cynon Taf", "rhondda-cynon-taf"), ("Bro Morgannwg – Vale of Glamorgan", "bro-morgannwg-vale-of-glamorgan"),
    ("Öland Straße", "oland-strasse"), ("Київ", "київ"), ("  ", "briefing"), ("2023/24 Q2", "2023-24-q2"), ("../../etc/passwd", "etc-passwd"),
])
def test_slug_keeps_letters_readably(name, expected):
    assert slug(name) == expected


def test_files_are_named_from_council_and_period(published):
    assert published.html.name == "ynys-mon-briefing-2023-24-q2.html"
    assert published.checks.name == "ynys-mon-briefing-2023-24-q2-checks.html"
    assert published.xlsx.name.endswith(".xlsx") and published.docx.name.endswith(".docx")
    assert all(p.parent == published.html.parent and p.exists() for p in published.paths)


def test_outputs_have_normal_permissions(published):
    for path in published.paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path.name
    # no temporary files left: only the record of what brief wrote, so that it may replace its own set next time
    assert [p.name for p in published.html.parent.iterdir() if p.name.startswith(".")] == [WRITTEN]
    assert stat.S_IMODE((published.html.parent / WRITTEN).stat().st_mode) == 0o644


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_atomic_path_respects_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        with atomic_path(tmp_path / "out.txt") as part:
            part.write_text("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == mode


def test_atomic_path_never_replaces_without_overwrite(tmp_path):
    target = tmp_path / "a.html"
    target.write_text("first")
    with pytest.raises(FileExistsError):
        with atomic_path(target, overwrite=False) as part:
            part.write_text("second")
    assert target.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]
    with atomic_path(tmp_path / "b.html", overwrite=False) as part:
        part.write_text("new")
    assert (tmp_path / "b.html").read_text() == "new"


def test_project_root_from_notebooks_folder_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv("PERFKIT_ROOT", raising=False)
    monkeypatch.chdir(ROOT / "notebooks")
    assert project_root() == ROOT
    monkeypatch.chdir(tmp_path)  # outside any project: the one perfkit is installed from
    assert project_root() == ROOT
    assert in_project("data/raw/x.xlsx") == ROOT / "data" / "raw" / "x.xlsx"
    monkeypatch.setenv("PERFKIT_ROOT", str(tmp_path))
    assert in_project("data/raw/x.xlsx") == tmp_path / "data" / "raw" / "x.xlsx"
    assert in_project(ROOT / "a.xlsx") == ROOT / "a.xlsx"


# --- the officer's checks -------------------------------------------------------------------------------------------


def test_checks_file_beside_the_briefing(published, page):
    checks = published.checks.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", checks).group(1)
    assert '<html lang="en-GB">' in checks and "Ynys Môn" in title and "checks before publishing" in title.lower()
    assert "<script" not in checks.lower() and "<link" not in checks.lower() and not re.search(r'(src|href)="(https?:)?//', checks)
    assert checks.count("<h1") == 1 and "<main" in checks
    assert "M01" in checks or "Adopt the town centre regeneration masterplan" in checks
    heading = html_text(re.search(r"<h1[^>]*>(.*?)</h1>", checks, re.S).group(1))
    assert heading and heading not in html_text(page), "the officer's checks stay out of the committee's page"
    assert published.checks_text and ("M01" in published.checks_text or "Adopt the town centre" in published.checks_text)


def test_briefing_shows_the_meeting_date(page):
    assert "5 November 2024" in page


def test_stand_in_checks_list_warnings_disagreements_and_gaps(workbook):
    import perfkit
    from perfkit.core.errors import Problem

    frames = perfkit.read_workbook(workbook)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")
    body = _stand_in_checks(fig, frames, [Problem("Milestones!F9", "status", "Purple?", "status read as Amber", "warning")])
    assert "Milestones!F9" in body and "status read as Amber" in body
    assert "M01" in body and "Milestones without commentary" in body
    nothing = _stand_in_checks(perfkit.quarter_figures(frames["milestones"], None, "2023/24 Q1"), frames, [])
    assert nothing.startswith("<p>Nothing to check")


# --- Word -----------------------------------------------------------------------------------------------------------


def test_docx_holds_the_pages_headings_figures_and_tables(published, page):
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(published.docx))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    for figure in _headlines(page):
        assert figure in text, figure
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    page_h2 = [html_text(h) for h in re.findall(r'<h2 id="(?!contents-title)[^"]*">(.*?)</h2>', page)]
    assert [t for s, t in headings if s == "Heading 2"] == page_h2
    assert headings[0][0] == "Heading 1" and "2023/24 Q2" in headings[0][1]
    assert len(doc.tables) == page.count("<table")
    for table in doc.tables:
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None, "header rows repeat on each page"
    alts = re.findall(r'<img alt="([^"]*)"', page)
    described = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert len(described) == len(alts) and all(described), "every chart carries its alt text"
    assert described[0] == html_text(alts[0])


def test_docx_uses_named_styles_and_british_english(published):
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(published.docx))
    used = {p.style.name for p in doc.paragraphs}
    assert {"Council Name", "Briefing Date", "Headline Figure", "Caption", "Figure"} <= used
    assert all(t.style.name == "Table Grid" for t in doc.tables)
    lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB" and doc.core_properties.language == "en-GB"
    assert doc.core_properties.title.startswith("Ynys Môn")
    with zipfile.ZipFile(published.docx) as z:
        assert "<script" not in z.read("word/document.xml").decode()


def test_docx_from_plain_html(tmp_path):
    from perfkit.publish.word import to_docx

    doc = to_docx('<main><h1>T</h1><p>One <strong>bold</strong> &amp; <em>it</em></p><ul><li>a</li></ul>'
                  '<table><tr><th>H1</th><th>H2</th></tr><tr><th scope="row">r</th><td class="num">3</td></tr>'
                  '<tr><td colspan="2">wide</td></tr><tr><td><span class="rag" style="background:#d17200;color:#0b0c0c">Amber</span> 8</td>'
                  '<td>x</td></tr></table><img alt="no data" src="chart.png"></main>')
    assert [(p.style.name, p.text) for p in doc.paragraphs][:3] == [("Heading 1", "T"), ("Normal", "One bold & it"), ("List Bullet", "a")]
    runs = doc.paragraphs[1].runs
    assert [r.bold for r in runs if r.text == "bold"] == [True] and [r.italic for r in runs if r.text == "it"] == [True]
    t = doc.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["H1", "H2"] and t.rows[2].cells[0].text == "wide"
    assert "[Image: no data]" in doc.paragraphs[-1].text, "an image perfkit cannot embed is said aloud"
    label, rest = t.rows[3].cells[0].paragraphs[0].runs
    assert label.text == "Amber" and "D17200" in label._r.rPr.xml and str(label.font.color.rgb) == "0B0C0C"
    assert rest.text == " 8" and rest.font.color.rgb is None, "the status label keeps its colours, the count does not"


# --- PDF ------------------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_pdf_quotes_the_same_headline_figures(published, page, tmp_path):
    _need(CHROMIUM and PDFTOTEXT, "the PDF")
    assert published.pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run([PDFTOTEXT, str(published.pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for figure in _headlines(page):
        assert figure in flat, figure
    assert "5 November 2024" in flat and "Checks before publishing" not in flat
    data = published.pdf.read_bytes()
    assert b"/StructTreeRoot" in data and b"/Outlines" in data, "a tagged PDF with bookmarks from the headings"


def test_pdf_without_chromium_says_how_to_install(monkeypatch, workbook, tmp_path, capsys):
    import papermill

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PERFKIT_CHROMIUM", raising=False)
    monkeypatch.setattr(papermill, "execute_notebook", _no_kernel)
    code = main(["brief", str(workbook), "--period", "2023/24 Q2", "--out", str(tmp_path / "out"), "--pdf"])
    err = capsys.readouterr().err
    assert code == 1 and "--pdf needs headless Chromium" in err and "make browser" in err and "Traceback" not in err


# --- the command line -----------------------------------------------------------------------------------------------


def _no_kernel(*args, **kwargs):
    raise AssertionError("a kernel was started before the arguments were checked")


@pytest.fixture
def no_kernel(monkeypatch):
    import papermill

    import perfkit.publish.notebook

    monkeypatch.setattr(papermill, "execute_notebook", _no_kernel)
    monkeypatch.setattr(perfkit.publish.notebook, "_Kernel", _no_kernel)  # not even launched


def _bad_arguments(tmp_path, workbook):
    text = tmp_path / "notes.txt"
    text.write_text("not a notebook")
    folder_file = tmp_path / "afile"
    folder_file.write_text("x")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    pipe = tmp_path / "nb.ipynb"
    os.mkfifo(pipe)  # a named pipe: read, it would block for ever
    wb, out = str(workbook), str(tmp_path / "out")
    return [
        ([wb, "--notebook", str(pipe), "--out", out], "nb.ipynb: refused to read it: it is not a regular file (a pipe or a device)"),
        ([wb, "--out", str(pipe)], "nb.ipynb: is a pipe or a device, not a folder"),
        ([str(tmp_path / "missing.xlsx"), "--out", out], "missing.xlsx: no such file"),
        ([str(empty), "--out", out], "empty.xlsx: the file is empty"),
        ([wb, "--period", "2023/24 Q7", "--out", out], "2023/24 Q7"),
        ([wb, "--notebook", str(tmp_path / "nope.ipynb"), "--out", out], "nope.ipynb: no such file"),
        ([wb, "--notebook", str(text), "--out", out], "notes.txt: not a Jupyter notebook"),
        ([wb, "--notebook", str(tmp_path), "--out", out], "is a folder, not a notebook"),
        ([wb, "--out", str(folder_file)], "afile: is a file, not a folder"),
        ([wb, "--out", str(folder_file / "sub")], "is a file, so the folder cannot be made"),
        ([wb, "--date", "5th November", "--out", out], "'5th November' is not a date"),
        ([wb, "--date", "31/11/2024", "--out", out], "'31/11/2024' is not a date"),
        ([wb, "--period", "2023/24 Q2", "--date", "11/5/2023", "--out", out],
         "--date 11/5/2023: 11 May 2023 is before the end of 2023/24 Q2 (30 September 2023)"),
    ]


def test_brief_checks_its_arguments_before_starting_a_kernel(no_kernel, workbook, tmp_path, capsys):
    for argv, message in _bad_arguments(tmp_path, workbook):
        code = main(["brief", *argv])
        err = capsys.readouterr().err
        assert code == 1, argv
        assert message in err, (argv, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 3, err
    assert not (tmp_path / "out").exists()


def test_brief_replaces_its_own_set_but_not_a_file_changed_since_without_force(workbook, tmp_path, capsys, monkeypatch):
    import papermill

    import perfkit.publish.notebook

    out = tmp_path / "out"
    html = out / "ynys-mon-briefing-2023-24-q2.html"
    argv = ["brief", str(workbook), "--period", "2023/24 Q2", "--council", "Ynys Môn", "--out", str(out), "--date", "2024-11-05"]
    assert main(argv) == 0
    std = capsys.readouterr()
    written = std.out.split()
    assert written == [str(html), str(out / "ynys-mon-briefing-2023-24-q2-checks.html")]
    assert "Checks before publishing (also in ynys-mon-briefing-2023-24-q2-checks.html)" in std.err
    assert "M01" in std.err or "Adopt the town centre" in std.err
    before = html.stat().st_mtime_ns
    assert main(argv) == 0  # the same workbook and period again: its own set is replaced, no --force
    assert html.stat().st_mtime_ns != before and capsys.readouterr().out.split() == written
    html.write_text(html.read_text(encoding="utf-8") + "<!-- the officer's own edit -->", encoding="utf-8")
    edited = html.stat().st_mtime_ns
    with monkeypatch.context() as m:
        m.setattr(papermill, "execute_notebook", _no_kernel)  # refused before a kernel starts
        m.setattr(perfkit.publish.notebook, "_Kernel", _no_kernel)
        assert main(argv) == 1
    err = capsys.readouterr().err
    assert "would replace" in err and "ynys-mon-briefing-2023-24-q2.html" in err and "changed since" in err and "--force" in err
    assert "checks.html" not in err.split("would replace")[1].split(",")[0]  # only the changed file is named
    assert html.stat().st_mtime_ns == edited
    assert main([*argv, "--force"]) == 0
    assert "the officer's own edit" not in html.read_text(encoding="utf-8")


@pytest.mark.skipif(not PERFKIT.exists(), reason="needs the installed perfkit command (make setup)")
@pytest.mark.parametrize("sig, after", [(signal.SIGTERM, 0.5), (signal.SIGINT, 0.5), (signal.SIGTERM, 2.0), (signal.SIGINT, 2.0)])
def test_a_stopped_run_leaves_no_temporary_folder(workbook, tmp_path, sig, after):
    """Stopped while the kernel boots (0.5 s) or while it runs a cell (2 s): one line, nothing left behind, no hang."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([str(PERFKIT), "brief", str(workbook), "--out", str(tmp_path / "out")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp.glob("perfkit-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert list(tmp.glob("perfkit-*")), "the run made its temporary folder"
    time.sleep(after)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, (proc.returncode, err)  # 143 for SIGTERM, 130 for Ctrl+C, as shells report them
    assert "Traceback" not in err and "never retrieved" not in err, err
    assert not list(tmp.glob("perfkit-*")), "temporary folder removed"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.html"))
    if shutil.which("pgrep"):  # the kernel's connection file is in TMPDIR, so its command line names tmp
        assert subprocess.run(["pgrep", "-f", f"ipykernel_launcher -f {tmp}"], capture_output=True).returncode == 1, "kernel stopped"


def test_a_failure_part_way_leaves_no_outputs(workbook, tmp_path, monkeypatch):
    """Word failing after the notebook ran: nothing is put in place, not even the HTML."""
    import perfkit.publish.word

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(perfkit.word, "write_docx", broken)
    with pytest.raises(RuntimeError):
        publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "out", docx=True)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_perfkit_toml_briefing_gives_defaults_and_the_command_line_wins(workbook, tmp_path, monkeypatch):
    import perfkit.publish.notebook

    book = tmp_path / workbook.name
    book.write_bytes(workbook.read_bytes())
    (tmp_path / "perfkit.toml").write_text('[briefing]\ncouncil = "Ynys Môn"\ndate = 2024-11-05\n', encoding="utf-8")
    seen = {}

    def fake(workbook, period, **kw):
        seen.update(kw, period=period)
        raise perfkit.errors.PerfkitError("stop here")

    monkeypatch.setattr(perfkit.publish.notebook, "publish_briefing", fake)
    assert main(["brief", str(book), "--accept-warnings"]) == 1
    assert seen["council"] == "Ynys Môn" and seen["published"] == "2024-11-05"
    main(["brief", str(book), "--accept-warnings", "--council", "Gwynedd", "--date", "2025-01-07"])
    assert seen["council"] == "Gwynedd" and seen["published"] == "2025-01-07"


def test_long_checks_are_cut_on_the_terminal_only(workbook, monkeypatch, tmp_path, capsys):
    import perfkit.publish.notebook
    from perfkit.publish.notebook import Published

    long_text = "\n".join(f"  M{i} | no commentary" for i in range(500))
    monkeypatch.setattr(perfkit.publish.notebook, "publish_briefing",
                        lambda *a, **k: Published(html=tmp_path / "b.html", checks=tmp_path / "b-checks.html", checks_text=long_text))
    assert main(["brief", str(workbook), "--accept-warnings"]) == 0
    err = capsys.readouterr().err
    assert "M59 |" in err and "M60 |" not in err and "and 440 more lines: open" in err and "b-checks.html" in err


def test_kernel_checks_use_the_briefings_own_checklist_when_it_has_one(workbook, monkeypatch):
    """Publishing prefers perfkit.present.briefing's checks_page/checks_text; without them it uses its stand-in; failures are said."""
    import IPython.display

    import perfkit
    from perfkit.present import briefing
    from perfkit.publish.notebook import CHECKS_MIME, _checks_in_kernel

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: shown.append(obj[CHECKS_MIME]))
    frames = perfkit.read_workbook(workbook)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")
    monkeypatch.delattr(briefing, "checks_page", raising=False)
    _checks_in_kernel({"fig": fig, "frames": frames})
    assert shown[-1]["period"] == "2023/24 Q2" and "M01" in shown[-1]["html"]
    monkeypatch.setattr(briefing, "checks_page", lambda fig, frames, council="": f"<html>{council} page</html>", raising=False)
    monkeypatch.setattr(briefing, "checks_text", lambda fig, frames: "text", raising=False)
    _checks_in_kernel({"fig": fig, "frames": frames, "council": "Ynys Môn"})
    assert shown[-1] == {"period": "2023/24 Q2", "page": "<html>Ynys Môn page</html>", "text": "text"}
    _checks_in_kernel({"workbook": str(workbook), "period": "2023/24 Q7"})  # a notebook without fig/frames, bad period
    assert shown[-1]["html"].startswith("<p>perfkit could not list the checks: PeriodError")
    import pandas as pd
    from perfkit.core.errors import Problem

    acts = pd.DataFrame({"action_id": ["A1"]})  # the action-plan notebook: its frame, no fig
    acts.attrs["problems"] = [Problem("Plan!C4", "percent", "110%", "over 100%", "warning")]
    _checks_in_kernel({"acts": acts})
    assert "Plan!C4" in shown[-1]["html"] and "period" not in shown[-1]


def test_the_kernel_is_handed_the_frames_brief_read_rather_than_read_the_workbook_again(workbook, tmp_path):
    """brief reads the workbook once: a notebook whose parameters take ``frames_file`` is handed the frames in the run's
    temporary folder; an adapted copy of an older notebook, without that parameter, reads the workbook itself."""
    import nbformat

    import perfkit
    from perfkit.publish.notebook import find_notebook

    frames = perfkit.read_workbooks(workbook, store=False)
    ms = frames["milestones"]
    ms["title"] = ms["title"].where(ms["milestone_id"] != "M01", "A title only the frames handed over hold")
    out = publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "new", store=False, frames=lambda: frames)
    assert "A title only the frames handed over hold" in out.html.read_text(encoding="utf-8")
    older = nbformat.read(find_notebook(), as_version=4)
    for cell in older.cells:
        cell.source = re.sub(r"(?m)^frames_file = .*\n", "", cell.source).replace("handed_over(frames_file) if frames_file else ", "")
    nbformat.write(older, tmp_path / "older.ipynb")
    out = publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "old", store=False, frames=lambda: frames,
                           notebook=tmp_path / "older.ipynb")
    page = out.html.read_text(encoding="utf-8")
    assert "A title only the frames handed over hold" not in page and "M01" in page


def test_the_kernel_imports_the_notebooks_own_imports_as_it_starts(tmp_path):
    """The top-level imports of a notebook's code cells, run as its kernel starts; each on its own, a failure left for
    the cell to raise, no name left behind."""
    import gc
    import json

    from perfkit.publish.notebook import find_notebook, notebook_imports, warm_kernel

    found = notebook_imports(find_notebook())
    assert "from perfkit.present import benchmarking, briefing, risks, spc" in found and "import perfkit" in found
    nb = tmp_path / "odd.ipynb"
    nb.write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": ["%matplotlib inline\n", "import os"]},  # a magic: not plain Python, passed over
        {"cell_type": "code", "source": "if True:\n    import json\nimport textwrap as tw\nx = 1"},
        {"cell_type": "markdown", "source": "import nothing"}]}), encoding="utf-8")
    assert notebook_imports(nb) == ["import textwrap as tw"]
    assert notebook_imports(tmp_path / "missing.ipynb") == []
    try:
        warm_kernel(["import no_such_module_anywhere", "import textwrap as tw"])
        assert "tw" not in globals() and gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()


def test_docx_takes_hostile_text_and_big_tables_quickly():
    """Control characters (which Word's XML cannot hold) are dropped, and 3,000 rows take seconds, not a minute."""
    import docx
    from perfkit.publish.word import to_docx

    rows = "".join(f'<tr><th scope="row">M{i}</th><td>bad\x0b\x01 text {i}</td><td class="num">{i}</td></tr>' for i in range(3000))
    t = time.perf_counter()
    doc = to_docx(f'<title>T\x07</title><main><h1>x\x0c</h1><img alt="chart\x1b" src="data:image/png;base64,AAAA">'
                  f'<table><thead><tr><th>Ref</th><th>Text</th><th>N</th></tr></thead><tbody>{rows}</tbody></table></main>')
    assert time.perf_counter() - t < 20
    table = doc.tables[0]
    assert len(table.rows) == 3001 and table.rows[5].cells[1].text == "bad text 4"
    assert doc.paragraphs[0].text == "x" and doc.core_properties.title == "T" and doc.paragraphs[1].text == "[Image: chart]"
    assert docx.Document  # the document saves and reopens
    import io

    buf = io.BytesIO()
    doc.save(buf)
    assert docx.Document(io.BytesIO(buf.getvalue())).tables[0].rows[3000].cells[2].text == "2999"


def test_out_folder_that_cannot_be_written_is_refused(no_kernel, workbook, tmp_path, monkeypatch, capsys):
    """Root can write anywhere, so the refusal is tested by making the permission check say no."""
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == str(tmp_path) else real(path, mode))
    assert main(["brief", str(workbook), "--out", str(tmp_path / "new" / "folder")]) == 1
    err = capsys.readouterr().err
    assert f"cannot write in {tmp_path} (permission denied)" in err and "Traceback" not in err


def test_brief_with_a_relative_path_never_moves_the_process(workbook, tmp_path, monkeypatch, capsys):
    """The workbook is read for the warnings gate in a thread while the kernel runs; the process must stay where it is.

    papermill's own ``cwd=`` changes the whole process's folder while the notebook runs,
    so a relative workbook path then named nothing for the reading thread.
    """
    folder = tmp_path / "quarter"
    folder.mkdir()
    shutil.copyfile(workbook, folder / "council_2023-24.xlsx")
    monkeypatch.chdir(folder)
    moves = []
    real = os.chdir

    def chdir(path):  # papermill "changes" to the folder it is in around each read and write: harmless
        if os.path.realpath(path) != os.path.realpath(os.getcwd()):
            moves.append(str(path))
        real(path)

    monkeypatch.setattr(os, "chdir", chdir)
    argv = ["brief", "council_2023-24.xlsx", "--period", "2023/24 Q2", "--council", "X", "--out", "out", "--accept-warnings"]
    assert main(argv) == 0, capsys.readouterr().err
    assert moves == []
    assert (folder / "out" / "x-briefing-2023-24-q2.html").exists()


def test_a_notebook_that_stops_gives_one_message_and_its_kernel_is_stopped(workbook, tmp_path, monkeypatch, capsys):
    import nbformat

    import perfkit.publish.notebook as pub

    nb = nbformat.read(ROOT / "notebooks" / "quarterly_briefing.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise ValueError("the officer cell went wrong")'))
    adapted = tmp_path / "adapted.ipynb"
    nbformat.write(nb, adapted)
    kernels = []

    class Recorded(pub._Kernel):
        def __init__(self, cwd, **kw):
            super().__init__(cwd, **kw)
            kernels.append(self.km.provisioner.process)

    monkeypatch.setattr(pub, "_Kernel", Recorded)
    argv = ["brief", str(workbook), "--period", "2023/24 Q2", "--notebook", str(adapted), "--out", str(tmp_path / "out"), "--accept-warnings"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "the briefing notebook stopped: ValueError: the officer cell went wrong" in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    assert len(kernels) == 1 and kernels[0].poll() is not None, "the kernel is stopped"
    assert main(argv[:4] + ["--out", str(tmp_path / "out"), "--accept-warnings"]) == 0  # the same run with the usual notebook
    assert kernels[1].poll() is not None


def test_a_stop_while_the_files_go_in_place_waits_for_the_whole_set(workbook, tmp_path, monkeypatch, capsys):
    import perfkit.publish.notebook as pub

    real = pub.install_set

    def interrupted(files, **kw):  # Ctrl+C arrives as the set is put in place
        os.kill(os.getpid(), signal.SIGINT)
        return real(files, **kw)

    monkeypatch.setattr(pub, "install_set", interrupted)
    out = publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "out", progress=print)
    assert out.html.exists() and out.checks.exists()
    assert "A stop arrived as the files were put in place" in capsys.readouterr().out


@pytest.mark.parametrize("given, day", [("5/11/2024", dt.date(2024, 11, 5)), ("05.11.2024", dt.date(2024, 11, 5)),
                                        ("2024-11-05", dt.date(2024, 11, 5)), ("31/3/2025", dt.date(2025, 3, 31))])
def test_the_meeting_date_is_read_day_first(given, day):
    from perfkit.publish.notebook import _publication_date

    assert _publication_date(given) == day


def test_a_stop_whose_exception_was_lost_still_ends_the_run(workbook, tmp_path):
    """A signal's exception raised inside an import can be swallowed and leave a lock held; the run must still stop."""
    import threading

    import perfkit.publish.notebook as pub
    from perfkit.publish import stops

    stuck = threading.Thread(target=threading.Event().wait, daemon=True)  # a helper thread that never finishes
    stuck.start()
    stops.ARRIVED[:] = [signal.SIGTERM]
    with pytest.raises(stops.Stopped):
        pub._wait_for(stuck)

    def gate():
        pass

    gate.start = lambda: stops.ARRIVED.append(signal.SIGTERM)  # as if the handler ran but its exception was lost
    with pytest.raises(stops.Stopped):
        publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "out", gate=gate)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    stops.ARRIVED.clear()


def test_a_lost_stop_is_not_printed_as_a_traceback(monkeypatch):
    """Raised inside a weakref or import-lock callback, a stop is 'Exception ignored' to Python and printed with a
    traceback: perfkit keeps it quiet (it is recorded, and honoured at the next wait) and passes on anything else."""
    import types

    from perfkit.publish import stops

    printed = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: printed.append(type(info.exc_value).__name__))
    with stops.stops_unwind():
        sys.unraisablehook(types.SimpleNamespace(exc_value=stops.Stopped(signal.SIGTERM)))
        sys.unraisablehook(types.SimpleNamespace(exc_value=ValueError("a real problem")))
    assert printed == ["ValueError"]
    sys.unraisablehook(types.SimpleNamespace(exc_value=stops.Stopped(signal.SIGTERM)))  # outside a run: as Python does
    assert printed == ["ValueError", "Stopped"]


def test_brief_replaces_its_set_whole_or_not_at_all(workbook, tmp_path):
    out = publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "out")
    html_before = out.html.read_bytes()
    out.checks.unlink()
    out.checks.mkdir()  # something that cannot be replaced by a file
    with pytest.raises(ConfigError, match="a folder of that name is in the way"):
        publish_briefing(workbook, "2023/24 Q2", council="X", out_dir=tmp_path / "out", force=True)
    assert out.html.read_bytes() == html_before and out.checks.is_dir()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([out.html.name, out.checks.name, WRITTEN])


def test_brief_refuses_a_compare_file_that_is_not_a_regular_file(workbook, tmp_path, capsys):
    fifo = tmp_path / "compare.csv"
    os.mkfifo(fifo)
    assert main(["brief", str(workbook), "--out", str(tmp_path / "out"), "--compare", str(fifo)]) == 1
    assert "not a regular file" in capsys.readouterr().err  # it blocked for ever on the FIFO


# --- true messages: a file name that is not UTF-8, a full temporary folder --------------------------------------------


def test_a_workbook_named_in_bytes_that_are_not_utf8_is_read_and_brief_says_why_it_cannot(no_kernel, workbook, tmp_path, capsys):
    """Named under a Latin-1 system: validate and load said 'the file is corrupt or not a spreadsheet (No such file)',
    and brief 'no such file' from its kernel; validate now reads it, and brief refuses it naming the real bytes."""
    raw = os.fsencode(tmp_path) + b"/q2_\xff\xfe.xlsx"
    shutil.copyfile(workbook, raw)
    name = os.fsdecode(raw)
    assert main(["validate", name]) == 0
    assert "q2_\\xff\\xfe.xlsx: no errors" in capsys.readouterr().out
    assert main(["brief", name, "--period", "2023/24 Q2", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"the workbook {tmp_path}/q2_\\xff\\xfe.xlsx: its name holds bytes that are not UTF-8" in err
    assert "Rename the file" in err and len(err.strip().splitlines()) == 2


def test_a_full_temporary_folder_is_named_even_where_the_error_names_no_file(workbook, tmp_path, monkeypatch, capsys):
    """nbformat's write failing on close names no file: the message said 'No space left on device' and no more."""
    import nbformat

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nbformat, "write", full)
    assert main(["brief", str(workbook), "--period", "2023/24 Q2", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"perfkit: cannot write in the temporary folder {temp}: the disk is full (no space left on device)" in err
    assert "TMPDIR" in err and list(temp.iterdir()) == []
