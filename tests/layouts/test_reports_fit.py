"""The briefing fits the workbook it came from, on six layouts: its sections, its counts and its labels (issue 22).

Each workbook is one of the registered layouts (or the sample), published with ``perfkit brief`` as an officer
would. The page is then checked against the layout's own truth, never against perfkit:

- the sections are those of what was read (no "Measures" for a milestone tracker, no "by priority" without
  priorities), headed by the workbook's own grouping;
- the headline, the narrative, the tables and the charts' descriptions count the same items;
- no label is empty, ``nan``, ``None`` or ``NaT``, and no sentence is said twice;
- axe-core finds no WCAG 2.2 AA violation.
"""

from __future__ import annotations

import html as htmllib
import importlib
import re
from pathlib import Path

import pytest

from perfkit.cli import main
from layout_builders import LAYOUTS

HERE = Path(__file__).resolve().parent
for _path in sorted(HERE.glob("test_*.py")):
    if _path.stem not in ("test_catalogue", "test_reports_fit"):
        importlib.import_module(_path.stem)

# key: (family, start of the layout's name, period, headings that must be there, headings that must not)
CASES = {
    "kpi scorecard per directorate": ("sheet per directorate", "a KPI scorecard per directorate", "2024/25 Q2",
                                      {"Overall position", "Measures"}, {"Progress by priority", "Needs attention", "Through the year"}),
    "BRAG tracker": ("BRAG tracker", "letters, % complete", "2024/25 Q2",
                     {"Overall position", "Progress by objective", "Needs attention"}, {"Measures", "Progress by priority"}),
    "improvement plan": ("improvement plan", "Recommendation 1: sections", "2024/25 H2",
                         {"Action plan"}, {"Measures", "Overall position", "Progress by priority"}),
    "risk register": ("risk registers", "Council Plan monitoring table, one header row", "2024/25 Q2",
                      {"Risks"}, {"Measures", "Overall position", "Needs attention"}),
    "mixed report": ("mixed with a Type column", "Type beside the reference", "2024/25 Q2",
                     {"Overall position", "Progress by priority", "Measures"}, {"Through the year"}),
}


def _layout(family: str, name: str):
    found = [x for x in LAYOUTS if x.family == family and x.name.startswith(name)]
    assert len(found) == 1, f"{family}/{name}: {len(found)} layouts"
    return found[0]


@pytest.fixture(scope="module", params=[*CASES, "sample"])
def published(request, tmp_path_factory):
    """(key, the briefing's HTML, the counts the workbook's generator knows, its period) for each layout."""
    folder = tmp_path_factory.mktemp(re.sub(r"\W+", "-", request.param))
    if request.param == "sample":
        import make_sample

        path, counts, period = make_sample.build(folder / "council_2023-24.xlsx"), {"milestones": 38}, "2023/24 Q2"
    else:
        family, name, period, _, _ = CASES[request.param]
        layout = _layout(family, name)
        path, truth = layout.build(folder)
        if layout.config is not None:
            (path.parent / "perfkit.toml").write_text(layout.config, encoding="utf-8")
        counts = truth.counts
    out = folder / "out"
    code = main(["brief", str(path), "--period", period, "--council", "Testshire Council", "--out", str(out),
                 "--date", "2025-05-10", "--accept-warnings"])
    assert code == 0
    page = next(p for p in out.glob("*.html") if not p.name.endswith("-checks.html"))
    return request.param, page.read_text(encoding="utf-8"), counts, period


def _text(fragment: str) -> str:
    """What a reader sees of some HTML: tags gone, alt texts kept, entities read."""
    fragment = re.sub(r"<style.*?</style>", "", fragment, flags=re.S)
    fragment = re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r" \1 ", fragment)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))


def _headings(page: str) -> list[str]:
    return [_text(h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]


def test_sections_fit_what_was_read(published):
    key, page, _, _ = published
    if key == "sample":
        must, must_not = {"Overall position", "Progress by priority", "Measures", "Needs attention", "Risks"}, set()
    else:
        must, must_not = CASES[key][3], CASES[key][4]
    got = set(_headings(page))
    assert must <= got, f"missing {must - got}; headings {sorted(got)}"
    assert not (must_not & got), f"sections for what was not read: {must_not & got}"
    # "About these figures" explains only what the page shows
    _, _, counts, _ = published
    if key == "sample":  # milestones and measures: both explained
        counts = {"milestones": 38, "measures": None}
    if "measures" not in counts:
        assert "A measure meets its target" not in page and "Direction of travel compares" not in page
    if "milestones" not in counts:
        assert "A milestone is overdue" not in page and "Progressing well” means" not in page
    nav = re.search(r'<nav class="contents".*?</nav>', page, re.S)
    if nav:  # the contents list what is there, in order
        ids = [i for i in re.findall(r'<h2 id="([^"]+)"', page) if i != "contents-title"]
        assert re.findall(r'href="#([^"]+)"', nav.group(0)) == ids


def test_no_empty_or_missing_labels(published):
    _, page, _, _ = published
    seen = _text(page)
    missing = r"\b(nan|NaN|NaT|null|undefined)\b|\bNone\b(?! of)"  # "None of its measures..." is English
    assert not re.search(missing, seen), re.search(r".{0,60}(" + missing + r").{0,60}", seen).group(0)
    for empty in (r'<th scope="row">\s*</th>', r'<th scope="rowgroup"[^>]*>\s*</th>', r"<h[1-6][^>]*>\s*</h[1-6]>",
                  r"<caption>\s*</caption>", r'<th scope="col">\s*</th>', r'alt="\s*"'):
        assert not re.search(empty, page), empty
    assert "()" not in seen and "( )" not in seen
    # No column says nothing: one empty (or a dash) in every row is left out.
    for table in re.findall(r"<table.*?</table>", page, re.S):
        headers = [_text(h).strip() for h in re.findall(r'<th scope="col">(.*?)</th>', table, re.S)]
        rows = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
                if "colspan" not in tr and 'scope="col"' not in tr]
        rows = [r for r in rows if len(r) == len(headers)]
        for i, header in enumerate(headers):
            if rows and all(_text(r[i]).strip() in ("", "–") for r in rows):
                raise AssertionError(f"column '{header}' is empty in every row of: {_text(table)[:120]}")


def test_no_sentence_said_twice(published):
    _, page, _, _ = published
    paragraphs = [_text(p) for p in re.findall(r"<p>(.*?)</p>", page, re.S)]
    sentences = [s.strip() for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(p.split())) if len(s.strip()) > 25]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
    # The measure furthest off target is named once: in its priority's paragraph or in the measures' one, not both.
    text = " ".join(paragraphs)
    for name in re.findall(r"; ([^;.]+?) is furthest off", text):
        assert f"Furthest from target is {name}" not in text, name
    # Within a paragraph, a milestone named for slipping is not named again for needing attention.
    for p in paragraphs:
        quoted = re.findall(r"(Key milestone \d+)\b", p)
        assert len(quoted) == len(set(quoted)), p


def _numbers(pattern: str, text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(pattern, text)]


def test_counts_agree_everywhere(published):
    key, page, counts, period = published
    seen = " ".join(_text(page).split())
    if "milestones" in counts:
        n = counts["milestones"]
        # The headline, the overview sentence and the summary table's All row.
        assert _numbers(r"\d+ of ([\d,]+) milestones progressing well", seen) == [n]
        assert _numbers(r"Of the ([\d,]+) milestones reported", seen) == [n]
        table = re.search(r"Milestones by status.*?</table>", page, re.S)
        assert table and re.search(rf'<th scope="row">All</th><td class="num">{n}</td>', table.group(0))
        # The status chart by group: its groups' totals add up to every milestone.
        alt = re.search(r'alt="(Bar chart of milestone status by [^"]*)"', page)
        if alt:
            assert sum(_numbers(r"([\d,]+) in all", alt.group(1))) == n
        # Each status's count in the overview sentence is the table's.
        overview = re.search(r"Of the [\d,]+ milestones reported[^<]*", page).group(0)
        for status in ("red", "amber", "green", "complete"):
            said = re.search(rf"(\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve) (?:\(\d+%\) )?(?:is|are) {status}\b", overview)
            cell = re.search(r'<th scope="row">All</th>.*?</tr>', table.group(0), re.S).group(0)
            in_table = re.search(rf"{status.capitalize()}</span> (\d+)", cell)
            if said and in_table:
                assert _word_number(said.group(1)) == int(in_table.group(1)), status
    if "measures" in counts:
        n = counts["measures"]
        rated = _numbers(r"Of the ([\d,]+) measures (?:with a target|rated)", seen)
        assert rated and rated[0] <= n
        headline = _numbers(r"\d+ of ([\d,]+) measures meeting target", seen)
        assert headline == rated[:1]
        # The small multiples, over all their figures, show every rated measure once.
        alts = re.findall(r'alt="(Small line charts of [^"]*)"', page)
        shown = sum(_numbers(r"Small line charts of ([\d,]+) measures?", a)[0] for a in alts)
        assert shown == n
        by_status = sum(sum(_numbers(r"([\d,]+) (?:red|amber|green)", re.search(r"In \d{4}/\d\d [QH]\d: ([^.]*)\.", a).group(1))) for a in alts)
        assert by_status == rated[0]
    if "actions" in counts:
        n = counts["actions"]
        assert _numbers(r"Of ([\d,]+) actions at", seen) == [n]
        table = re.search(r"Actions by recommendation and status.*?</table>", page, re.S)
        assert table and re.search(rf'<th scope="row">All</th><td class="num">{n}</td>', table.group(0))
        alt = re.search(r'alt="(Bar chart of actions[^"]*)"', page).group(1)
        assert sum(_numbers(r"([\d,]+) in all", alt)) == n
        listed = len(re.findall(r"every action, " + re.escape(period), page))
        assert listed >= 1 and len(re.findall(r'<tr><td class="ref">', page.split("Appendix")[-1])) == n
    if "risks" in counts:
        n = counts["risks"]
        assert _numbers(r"Of ([\d,]+) risks assessed", seen) == [n]
        alt = re.search(r'alt="([^"]*risk matrices[^"]*)"', page).group(1)
        assert _numbers(r"for ([\d,]+) risks", alt) == [n]
        table = re.search(r"Risks before and after mitigation.*?</table>", page, re.S).group(0)
        assert len(re.findall(r"<tr>", table)) - 1 == n  # a header row and a row per risk


WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]


def _word_number(text: str) -> int:
    return WORDS.index(text) + 1 if text in WORDS else int(text)


@pytest.mark.browser
def test_axe_finds_no_violation(published, tmp_path):
    from test_briefing import _axe_violations, _need_browser

    _need_browser()
    _, page, _, _ = published
    assert _axe_violations(page, tmp_path) == []
