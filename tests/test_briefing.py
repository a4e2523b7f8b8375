"""The published briefing end to end: notebooks run, the HTML is self-contained, and axe-core finds no WCAG 2.x A/AA violations."""

import datetime as dt
import json
import os
import re
import shutil
import subprocess

import openpyxl
import pytest

import perfkit
from perfkit.cli import main
from perfkit.publish.notebook import build_briefing

from conftest import ROOT

AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The sample workbook with hostile text in a commentary cell and a title."""
    import make_sample

    path = make_sample.build(tmp_path_factory.mktemp("wb") / "council_2023-24.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Milestones"]
    ws["I9"] = "<script>alert('x')</script> and <b>bold</b>"
    ws["B9"] = "Open the <em>enterprise</em> hub & more"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def briefing(workbook, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    path = build_briefing(workbook, "2023/24 Q2", council="Northbrook District Council", out_dir=out, published=dt.date(2023, 10, 24), xlsx=True)
    return path


@pytest.fixture(scope="module")
def html(briefing):
    return briefing.read_text(encoding="utf-8")


def test_writes_named_files(briefing):
    assert briefing.name == "northbrook-district-council-briefing-2023-24-q2.html"
    assert briefing.with_suffix(".xlsx").exists()


def test_self_contained_with_no_code_or_scripts(html):
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html), "no external resources"
    assert "<link" not in html.lower()
    assert "In&nbsp;[" not in html and "input_area" not in html and "highlight" not in html
    assert "import perfkit" not in html and "display(HTML" not in html
    assert "Cells tagged" not in html  # the notebook's instructions cell is removed
    assert html.count("data:image/png;base64,") >= 4


def test_title_date_language_and_contents(html):
    assert '<html lang="en-GB">' in html
    assert "<title>Northbrook District Council: Quarterly performance briefing: 2023/24 Q2</title>" in html
    assert "Published 24 October 2023" in html
    nav = re.search(r'<nav class="contents".*?</nav>', html, re.S).group(0)
    ids = re.findall(r'<h2 id="([^"]+)">', html)
    assert [i for i in ids if i != "contents-title"] == re.findall(r'href="#([^"]+)"', nav)
    assert {"overview", "priorities", "measures", "attention", "about"} <= set(ids)


def test_headings_in_order(html):
    levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_every_image_has_real_alt_text(html):
    imgs = re.findall(r"<img [^>]*>", html)
    assert imgs
    for img in imgs:
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and len(alt.group(1)) > 40 and "No description" not in alt.group(1)


def test_workbook_text_is_shown_as_text(html):
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;em&gt;enterprise&lt;/em&gt; hub &amp; more" in html


def test_numbers_match_the_summary(html):
    assert "30 (79%) are progressing well" in html
    assert '<p class="big">79%</p><p>30 of 38 milestones progressing well</p>' in html


def _run_chromium(args, timeout=120):
    return subprocess.run([CHROMIUM, *CHROME_FLAGS, *args], capture_output=True, text=True, timeout=timeout)


def _need_browser():
    if CHROMIUM and AXE.exists():
        return
    if os.environ.get("CI"):
        pytest.fail("CI must run the accessibility test: `make test` installs chromium and axe-core (scripts/install_browser.sh)")
    pytest.skip("chromium or axe-core not installed: run scripts/install_browser.sh")


@pytest.mark.browser
def test_axe_finds_no_wcag_violations(briefing, tmp_path):
    _need_browser()
    assert _axe_violations(briefing.read_text(encoding="utf-8"), tmp_path) == []


@pytest.mark.browser
def test_the_officers_checks_page_is_accessible_too(workbook, tmp_path):
    from perfkit.present import briefing as b

    _need_browser()
    frames = perfkit.read_workbook(workbook)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q4")
    page = b.checks_page(fig, frames, council="Northbrook District Council")
    assert "Measures whose reported status differs" in page
    assert _axe_violations(page, tmp_path) == []


def _axe_violations(page: str, tmp_path):
    probe = (
        f"<script>{AXE.read_text()}</script><script>"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})"
        ".then(function (r) { var p = document.createElement('pre'); p.id = 'axe-result';"
        " p.textContent = JSON.stringify(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; })); document.body.appendChild(p); })"
        ".catch(function (e) { var p = document.createElement('pre'); p.id = 'axe-result'; p.textContent = 'ERROR ' + e; document.body.appendChild(p); });"
        "</script>"
    )
    probe_path = tmp_path / "probe.html"
    probe_path.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    result = _run_chromium([f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=30000", "--dump-dom", probe_path.as_uri()])
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', result.stdout, re.S)
    assert found, f"axe did not report: {result.stderr[-2000:]}"
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert not text.startswith("ERROR"), text
    return json.loads(text)


@pytest.mark.browser
def test_axe_would_catch_a_violation(tmp_path):
    """The probe itself can fail: a page with an unlabelled image is reported."""
    _need_browser()
    page = "<!DOCTYPE html><html><head><title>t</title></head><body><main><img src='data:image/png;base64,iVBORw0KGgo='></main></body></html>"
    probe = (f"<script>{AXE.read_text()}</script><script>axe.run(document, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa']}}}})"
             ".then(function (r) { var p = document.createElement('pre'); p.id = 'axe-result'; p.textContent = r.violations.map(function (v) { return v.id; }).join(','); document.body.appendChild(p); });</script>")
    path = tmp_path / "bad.html"
    path.write_text(page.replace("</body>", probe + "</body>"))
    result = _run_chromium([f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=30000", "--dump-dom", path.as_uri()])
    assert "image-alt" in result.stdout and "html-has-lang" in result.stdout


@pytest.mark.browser
def test_prints_cleanly_to_pdf(briefing, tmp_path):
    _need_browser()
    pdf = tmp_path / "briefing.pdf"
    _run_chromium([f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", briefing.as_uri()])
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 3


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_notebook_runs_on_the_sample(notebook, sample_path, tmp_path):
    import papermill as pm

    from perfkit.publish.notebook import _fast_imports

    _fast_imports()
    out = tmp_path / notebook
    pm.execute_notebook(str(ROOT / "notebooks" / notebook), str(out), parameters={"workbook": str(sample_path)},
                        kernel_name="python3", progress_bar=False, cwd=str(ROOT))
    import nbformat

    nb = nbformat.read(out, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not any(o.get("output_type") == "error" for o in c.get("outputs", [])) for c in code)
    assert sum(len(c.get("outputs", [])) for c in code) >= 3
    shown = " ".join(str(o.get("data", {}).get(k, "")) + str(o.get("text", "")) for c in code for o in c.get("outputs", [])
                     for k in ("text/plain", "text/html"))
    shown = re.sub(r"data:image/png;base64,[^\"']+", "", shown)
    assert not re.search(r"\b20\d\dQ[1-4]\b", shown), "periods are shown as 2023/24 Q2, never as pandas writes them"
    if notebook == "amber_milestones.ipynb":
        assert "Head of" in shown and "quarters" in shown


def test_notebooks_hold_no_analysis_logic():
    """Notebook code calls perfkit; no pandas arithmetic, loops or groupbys of its own."""
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            src = "".join(cell["source"])
            if cell["cell_type"] != "code":
                continue
            for banned in ("groupby(", "for ", "import pandas", ".apply(", "value_counts(", "np."):
                assert banned not in src, f"{path.name}: {banned!r} belongs in perfkit"


def test_brief_cli_reports_a_bad_workbook_without_traceback(make_book, tmp_path, capsys):
    from conftest import milestone_rows

    bad = make_book(milestone_rows(["G", "Purple", "A", "G"], ["G", "A", "G", "G"]))
    code = main(["brief", str(bad), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Milestones!E7: unknown status 'Purple'" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.html"))


def test_golden_thread_section_only_with_hierarchy(make_book):
    from perfkit.present import briefing as sections

    rows = [["Plan 2023/24"], ["Objective", "Strategy", "Ref", "Action", "Q1 Status"],
            ["Prosper", "Jobs", "M1", "a", "G"], ["Prosper", "Homes", "M2", "b", "A"], ["Green", "Air", "M3", "c", "<b>R</b>"]]
    rows[4][4] = "R"
    rows[4][0] = "Green <b>air</b>"
    ms = perfkit.read_milestones(make_book(rows))
    html = sections.golden_thread(perfkit.quarter_figures(ms, None, "2023/24 Q1"))
    assert '<h2 id="golden-thread">' in html and "Green &lt;b&gt;air&lt;/b&gt;" in html
    assert '<th scope="row">Prosper <span class="note">(objective)</span></th><td class="num">2</td>' in html
    plain = perfkit.read_milestones(make_book([["Ref", "Action", "Q1 Status"], ["M1", "a", "G"]], name="p 2023-24.xlsx"))
    assert sections.golden_thread(perfkit.quarter_figures(plain, None, "2023/24 Q1")) == ""


OFFICER_ONLY = ("Check these with the services", "perfkit raised no warnings", "Produced with perfkit", "Source workbook",
                "Warnings perfkit raised", "council_2023-24.xlsx", "Service reported", "before publishing")


def test_the_committee_page_holds_no_officer_only_sentence(html):
    for text in OFFICER_ONLY:
        assert text not in html, text


def test_periods_only_as_officers_write_them(html):
    text = re.sub(r"data:image/png;base64,[^\"]+", "", html)
    assert not re.search(r"\b20\d\dQ[1-4]\b", text)
    assert "Council Plan delivery in Quarter 2 2023/24 (July to September 2023)." in html


def test_full_milestone_appendix_and_no_empty_column(html):
    assert '<h2 id="all-milestones">Appendix: all milestones</h2>' in html
    section = html.split('<h2 id="all-milestones">')[1]
    assert section.count('<th scope="row">') == 38
    for table in re.findall(r"<table.*?</table>", html, re.S):
        heads = len(re.findall(r'<th scope="col"', table))
        filled = [0] * heads
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>")[-1], re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            if len(cells) == heads:
                for i, c in enumerate(cells):
                    filled[i] += bool(re.sub(r"<[^>]+>", "", c).strip())
        assert heads == 0 or all(filled[1:]) or table.count("<tr") <= 2, (re.search(r"<caption>(.*?)</caption>", table).group(1), filled)


def test_measures_section_has_grouped_table_and_small_multiples(html):
    section = html.split('<h2 id="measures">')[1].split("</section>")[0]
    assert section.count('<figure class="chart">') == 2 and "(1 of 2)" in section
    assert section.count('scope="rowgroup"') == 3 and "2022/23 outturn" in section


def test_period_in_words():
    from perfkit.present.briefing import period_in_words

    assert period_in_words("2024/25 Q2") == "Quarter 2 2024/25 (July to September 2024)"
    assert period_in_words("2024/25 Q3") == "Quarter 3 2024/25 (October to December 2024)"
    assert period_in_words("Q4 2023/24") == "Quarter 4 2023/24 (January to March 2024)"


def test_checks_hold_what_the_briefing_leaves_out(sample_path):
    from perfkit.present import briefing as b
    from perfkit.core.errors import Problem

    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    q4 = ms["period"] == perfkit.parse_period("2023/24 Q4")
    ms.loc[ms.index[q4][0], "commentary"] = ""
    ms.loc[ms.index[q4][0], "status"] = "Amber"
    ms.attrs = frames["milestones"].attrs
    fig = perfkit.quarter_figures(ms, frames["measures"], "2023/24 Q4")
    extra = Problem("Measures!C9", "actual", "n/a", "actual 'n/a' read as no figure", "warning")
    html = b.checks(fig, {"milestones": ms, "measures": frames["measures"]}, [extra, extra])
    assert html.startswith("<h1>Before you publish: checks for the 2023/24 Q4 briefing</h1>")
    assert html.count("Measures!C9") == 1, "a problem given twice is listed once"
    assert "Milestones!H11" in html and "status Green taken from the cell&#x27;s fill colour" in html
    # reported against computed: COM02 reported Red, Amber from its figures
    row = html.split("COM02")[1].split("</tr>")[0]
    assert "Red" in row and "Amber" in row
    assert "Amber and red items without commentary" in html and "past their due date but rated green" in html
    text = b.checks_text(fig, {"milestones": ms}, [extra])
    assert "Measures!C9: actual 'n/a' read as no figure" in text and "<" not in text.replace("<=", "")
    page = b.checks_page(fig, frames, council="Northbrook")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page and "<script" not in page


def test_checks_with_nothing_to_check(make_book):
    from perfkit.present import briefing as b

    rows = [["Ref", "Action", "Lead", "Q1 Status", "Q1 Commentary"], ["M1", "a", "Ann", "Green", "fine"]]
    ms = perfkit.read_milestones(make_book(rows, name="plan 2023-24.xlsx"))
    fig = perfkit.quarter_figures(ms, None, "2023/24 Q1")
    assert "perfkit found nothing to check" in b.checks(fig, {}, [])
    assert b.checks_text(fig, {}, []) == "Nothing to check for 2023/24 Q1."


def test_bidi_controls_never_reach_the_page(sample_path):
    from perfkit.present import briefing as b

    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    ms["title"] = ms["title"] + "\u202egnp.exe\u2066"
    ms["lead"] = "\u200fOfficer"
    fig = perfkit.quarter_figures(ms, frames["measures"], "2023/24 Q2")
    page = "".join(f(fig) for f in (b.overview, b.priorities, b.attention, b.milestone_list)) + b.header("Council\u202e", fig)
    assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", page)


def _big_frames(n_milestones: int, n_measures: int):
    """Synthetic tidy frames of a given size (two quarters of milestones, six of measures)."""
    import numpy as np
    import pandas as pd

    scale = perfkit.DEFAULT_SCALE
    rng = np.random.default_rng(1)
    n = n_milestones
    ms = []
    for q in ("2023/24 Q1", "2023/24 Q2"):
        ms.append(pd.DataFrame({
            "milestone_id": [f"M{i:06d}" for i in range(n)], "title": [f"Milestone number {i}" for i in range(n)],
            "priority": [f"Priority {i % 7}" for i in range(n)], "lead": [f"Officer {i % 400}" for i in range(n)],
            "due_date": pd.Timestamp("2023-06-30") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
            "period": pd.PeriodIndex([perfkit.parse_period(q)] * n),
            "status": pd.Categorical(rng.choice(["Red", "Amber", "Green", "Complete", "Not started"], n, p=[.1, .2, .5, .1, .1]), dtype=scale.dtype),
            "commentary": "An update from the service on progress this quarter.", "source": "Milestones!A1"}))
    k = n_measures
    kp = []
    for q in ("2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4", "2023/24 Q1", "2023/24 Q2"):
        kp.append(pd.DataFrame({
            "measure_id": [f"K{i:06d}" for i in range(k)], "name": [f"Measure number {i}" for i in range(k)],
            "priority": [f"Priority {i % 7}" for i in range(k)], "unit": "%",
            "polarity": pd.Categorical(np.where(np.arange(k) % 3 == 0, "lower", "higher"), categories=["higher", "lower", "range", "none"]),
            "frequency": pd.Categorical(["quarterly"] * k, categories=["quarterly", "half-yearly", "annual", "monthly"]),
            "target": 50.0, "target_low": np.nan, "target_high": np.nan, "actual": rng.normal(50, 5, k).round(1),
            "reported_status": pd.Categorical([None] * k, dtype=scale.dtype), "tolerance": np.nan,
            "tolerance_type": pd.Categorical([None] * k, categories=["percent", "absolute"]),
            "period": pd.PeriodIndex([perfkit.parse_period(q)] * k), "commentary": "", "source": "Measures!A1"}))
    return pd.concat(ms, ignore_index=True), pd.concat(kp, ignore_index=True)


def test_a_huge_plan_briefs_quickly_into_a_small_page():
    """50,000 milestones and 20,000 measures: the page shows summaries and exceptions and refers to the appendix."""
    import time

    from perfkit.present import briefing as b

    ms, kp = _big_frames(50_000, 20_000)
    start = time.perf_counter()
    fig = perfkit.quarter_figures(ms, kp, "2023/24 Q2")
    parts = [b.header("Council", fig), b.overview(fig), b.priorities(fig), b.golden_thread(fig), b.through_the_year(fig),
             b.measures(fig), b.attention(fig), b.milestone_list(fig), b.about(fig)]
    checks = b.checks(fig, {"milestones": ms, "measures": kp})
    took = time.perf_counter() - start
    page = "".join(parts)
    assert took < 45, took
    assert len(page.encode()) < 3_000_000, len(page)
    assert len(checks.encode()) < 3_000_000
    assert page.count("<tr") < 1_000
    assert "20,000 measures" in page and "appendix workbook published with this briefing" in page
    assert "All 50,000 milestones" in page
    assert page.count('<figure class="chart">') <= 6
    assert "publish it with the briefing (perfkit brief --xlsx)" in checks and "the full list of 50,000 milestones" in checks


def test_no_paragraph_twice_in_the_page(sample_path):
    from perfkit.present import briefing as b

    frames = perfkit.read_workbook(sample_path)
    for ms, kp in ((frames["milestones"], frames["measures"]), (None, frames["measures"]), (frames["milestones"], None)):
        fig = perfkit.quarter_figures(ms, kp, "2023/24 Q3")
        page = "".join(f(fig) for f in (b.overview, b.priorities, b.golden_thread, b.through_the_year, b.measures,
                                        b.attention, b.milestone_list, b.about))
        paragraphs = re.findall(r"<p>(.*?)</p>", page)
        assert paragraphs and len(paragraphs) == len(set(paragraphs)), [p for p in paragraphs if paragraphs.count(p) > 1]


def test_checks_name_commentary_too_long_for_the_appendix(sample_path):
    from perfkit.present import briefing as b

    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    i = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q2")][3]
    ms.loc[i, "commentary"] = "y" * 40_000
    text = b.checks_text(perfkit.quarter_figures(ms, None, "2023/24 Q2"), {})
    assert f"{ms.loc[i, 'source']}: {ms.loc[i, 'milestone_id']}, 40,000 characters" in text


def test_a_plan_without_priorities_has_no_empty_headings(make_book):
    from perfkit.present import briefing as b

    rows = [["Ref", "Action", "Lead", "Q1 Status", "Q2 Status"], ["M1", "a", "Ann", "Green", "Amber"], ["M2", "b", "", "Red", "Red"]]
    fig = perfkit.quarter_figures(perfkit.read_milestones(make_book(rows, name="plan 2023-24.xlsx")), None, "2023/24 Q2")
    assert b.priorities(fig) == ""
    page = b.overview(fig) + b.milestone_list(fig) + b.attention(fig)
    assert not re.search(r"<h[1-6][^>]*>\s*</h[1-6]>|<th[^>]*>\s*</th>", page)
    mixed = perfkit.read_milestones(make_book([["Priority", "Ref", "Action", "Q1 Status"], ["Jobs", "M1", "a", "Green"],
                                               ["Homes", "M2", "b", "Red"]], name="mixed 2023-24.xlsx"))
    mixed.loc[mixed["milestone_id"] == "M2", "priority"] = ""  # (the reader carries priorities down; a frame may not)
    fig2 = perfkit.quarter_figures(mixed, None, "2023/24 Q1")
    html = b.priorities(fig2) + b.milestone_list(fig2)
    assert "<h3>No priority given</h3>" in html and ">No priority given</th>" in html
    assert not re.search(r"<h[1-6][^>]*>\s*</h[1-6]>", html)


def test_the_notebook_writes_the_checks_when_asked(sample_path, tmp_path):
    """`checks` (a parameter of the briefing notebook) names where to write the officer's checks page."""
    import papermill as pm

    from perfkit.publish.notebook import _fast_imports

    _fast_imports()
    target = tmp_path / "briefing-checks.html"
    pm.execute_notebook(str(ROOT / "notebooks" / "quarterly_briefing.ipynb"), str(tmp_path / "out.ipynb"),
                        parameters={"workbook": str(sample_path), "period": "2023/24 Q4", "checks": str(target)},
                        kernel_name="python3", progress_bar=False, cwd=str(ROOT))
    page = target.read_text(encoding="utf-8")
    assert "Before you publish: checks for the 2023/24 Q4 briefing" in page and "COM02" in page


def test_the_subtitle_names_the_plan_the_workbooks_title_names(make_book):
    """A police and crime plan's milestones under its priorities were 'Council Plan delivery'."""
    from perfkit.present import briefing as sections

    def subtitle(title):
        rows = [[title], ["Priority", "Ref", "Milestone", "Q2 Status"], ["Safer streets", "P1", "a", "G"], ["Victims", "P2", "b", "A"]]
        ms = perfkit.read_milestones(make_book(rows, name="plan.xlsx"))
        return sections.header("Anyshire OPCC", perfkit.quarter_figures(ms, None, "2024/25 Q2"), "2024-11-01")

    assert "Police and Crime Plan delivery in Quarter 2 2024/25" in subtitle("POLICE AND CRIME PLAN 2021-25: delivery, Q2 2024/25")
    assert "Council Plan delivery in Quarter 2" in subtitle("Delivery update, Quarter 2 2024/25")
    # an NHS trust's and an integration joint board's plans, named as they name them
    assert "Trust Strategy delivery in Quarter 2" in subtitle("Trust Strategy 2024-2029: Year 2 Delivery Plan, Q2 2024/25")
    assert "Strategic Plan delivery in Quarter 2" in subtitle("IJB Strategic Plan 2025-28 Delivery Plan, Q2 2024/25")


def test_the_card_never_says_a_suppressed_figure_meets_its_target(make_book):
    """'5 of 9 measures meeting target' counted one whose figure was suppressed ('<5'), rated Green by the service."""
    from perfkit.present import briefing as sections

    rows = [["Regulatory services scorecard, Quarter 3 2024/25"], ["Ref", "Measure", "Better if", "Target", "Q3 2024/25", "RAG"],
            ["RS1", "Inspections done (%)", "Higher", 90, 92, "Green"], ["RS6", "Complaints upheld", "Lower", 10, "<5", "Green"],
            ["RS7", "Days to licence", "Lower", 20, 26, "Red"]]
    kp = perfkit.read_measures(make_book(rows, name="scorecard.xlsx"))
    cards = sections.overview(perfkit.quarter_figures(None, kp, "2024/25 Q3"))
    assert "2 of 3 measures meeting target or, with no figure, rated" in cards
