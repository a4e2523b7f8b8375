"""A summary sheet over the others (``Summary``, ``Dashboard``, ``Overview``): counts of Red, Amber and Green per
directorate, COUNTIF formulas, or the items listed again by formulas. It is never read as items."""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit

STATUSES = ["Green", "Amber", "Red", "Complete"]


@dataclass
class Formula:
    """A formula cell with the value Excel saved beside it (openpyxl saves none: :func:`write_with_formulas` adds it)."""

    text: str
    value: object


def write_with_formulas(path: Path, sheets: list[SheetSpec]) -> Path:
    """Write the sheets, then put each formula's saved value into the file, as Excel does on saving."""
    saved: dict[int, dict[str, object]] = {}
    for i, spec in enumerate(sheets, start=1):
        for r, row in enumerate(spec.rows, start=1):
            for c, v in enumerate(row):
                if isinstance(v, Formula):
                    saved.setdefault(i, {})[f"{chr(65 + c)}{r}"] = v.value
                    row[c] = v.text if v.text.startswith("=") else "=" + v.text
    write_workbook(path, sheets)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for i, cells in saved.items():
        name = f"xl/worksheets/sheet{i}.xml"
        xml = parts[name].decode()
        for ref, value in cells.items():
            kind = ' t="str"' if isinstance(value, str) else ""
            shown = escape(value) if isinstance(value, str) else repr(value)
            xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?',
                         lambda m, ref=ref, kind=kind, shown=shown: f'<c r="{ref}"{m[1]}{kind}><f>{m[2]}</f><v>{shown}</v>', xml)
        parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def directorate_tab(name: str, rng: random.Random, n: int) -> tuple[SheetSpec, list[dict]]:
    items = [{"ref": f"{name[:2].upper()}{i:02d}", "title": f"{name}: milestone {i}", "status": rng.choice(STATUSES)} for i in range(1, n + 1)]
    rows = [[f"{name} delivery plan - Quarter 2 2024/25"], [], ["Ref", "Milestone", "Lead", "Due date", "Status", "Commentary"]]
    rows += [[m["ref"], m["title"], "Director", day(2025, 3, 31), m["status"], "Update"] for m in items]
    return SheetSpec(name, rows), items


def tally(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in items:
        out[m["status"]] = out.get(m["status"], 0) + 1
    return out


@layout("summary sheet", "a Summary of COUNTIF formulas per directorate before the directorate tabs")
def build_countifs(folder):
    rng = random.Random(31)
    tabs = [directorate_tab(d, rng, rng.randint(4, 8)) for d in ("Adults", "Place", "Resources")]
    rows = [["Council plan: summary of RAG status"], ["Quarter 2 2024/25"], [],
            ["Directorate", "Complete", "Green", "Amber", "Red", "Total"]]
    for k, (sheet, items) in enumerate(tabs, start=5):
        counted = tally(items)
        rows.append([sheet.name] + [Formula(f'COUNTIF({sheet.name}!E:E,"{s}")', counted.get(s, 0)) for s in ("Complete", "Green", "Amber", "Red")]
                    + [Formula(f"SUM(B{k}:E{k})", len(items))])
    rows.append(["Total"] + [Formula(f"SUM({c}5:{c}7)", sum(tally(i).get(s, 0) for _, i in tabs)) for c, s in zip("BCDE", ("Complete", "Green", "Amber", "Red"))]
                + [Formula("SUM(F5:F7)", sum(len(i) for _, i in tabs))])
    path = write_with_formulas(folder / "delivery_plan_q2.xlsx", [SheetSpec("Summary", rows)] + [s for s, _ in tabs])
    items = [m for _, i in tabs for m in i]
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": tally(items)},
                       {"milestones": {"milestone_id": [m["ref"] for m in items]}})


SYMBOLS = {"✔": "Complete", "●": "Green", "▲": "Amber", "✖": "Red", "○": "Not started"}
SYMBOL_KEY = {"✔": "Complete", "●": "On track", "▲": "At risk – some delay", "✖": "Off track – significant delay", "○": "Not yet started"}


@layout("summary sheet", "symbols keyed on the cover (✔ ● ▲ ✖ ○), a tab per directorate, a COUNTIF summary headed '● On track'")
def build_symbol_tracker(folder):
    """Statuses typed as the cover key's symbols, and a Summary whose columns are headed by a symbol and its word: the
    symbols were refused as one blank word, and the Summary read as 4 risks (its '● On track' column as risk ids)."""
    rng = random.Random(35)
    cover = [["Harrowdale District Council"], ["Corporate Plan delivery tracker 2024/25 - Quarter 2"], [], ["Key"]]
    cover += [[mark, meaning] for mark, meaning in SYMBOL_KEY.items()]
    tabs = []
    for name in ("Communities", "Place", "Resources"):
        items = [{"ref": i, "title": f"{name}: milestone {i}", "status": rng.choice(list(SYMBOLS))} for i in range(1, rng.randint(4, 7) + 1)]
        rows = [["Corporate Plan 2024-28 - Delivery Plan 2024/25"], [f"Directorate: {name}"],
                ["Ref", "Key milestones", "Lead officer", "Due by", "Q2", "Q2 comments"]]
        rows += [[m["ref"], m["title"], "Head of Service", day(2025, 3, 31), m["status"], None] for m in items]
        tabs.append((SheetSpec(name, rows), items))
    summary = [["Summary of Quarter 2 position by directorate"], [],
               ["Directorate", *(f"{mark} {SYMBOL_KEY[mark].split(' –')[0]}" for mark in SYMBOLS), "Total"]]
    for k, (sheet, items) in enumerate(tabs, start=4):
        marks = [m["status"] for m in items]
        summary.append([sheet.name] + [Formula(f"COUNTIF('{sheet.name}'!E:E,\"{mark}\")", marks.count(mark)) for mark in SYMBOLS]
                       + [Formula(f"SUM(B{k}:F{k})", len(items))])
    path = write_with_formulas(folder / "delivery_tracker_q2_2024-25.xlsx",
                               [SheetSpec("Cover", cover), SheetSpec("Summary", summary)] + [s for s, _ in tabs])
    items = [m for _, i in tabs for m in i]
    statuses: dict[str, int] = {}
    for m in items:
        statuses[SYMBOLS[m["status"]]] = statuses.get(SYMBOLS[m["status"]], 0) + 1
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": statuses})


def test_the_symbol_trackers_summary_is_no_kind_and_its_symbols_are_the_covers(tmp_path):
    path, truth = build_symbol_tracker(tmp_path)
    report = perfkit.validate(path)
    summary = next(e for e in report.inventory if e.sheet == "Summary")
    assert summary.status == "not read" and summary.note.startswith("a summary of counts by status ('✔ Complete', '● On track'")
    assert not [p for p in report if p.severity in ("warning", "error")], [p.message for p in report if p.severity != "info"]
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"milestones"} and len(frames["milestones"]) == truth.counts["milestones"]


@layout("summary sheet", "a Dashboard listing every milestone again by formulas")
def build_dashboard(folder):
    rng = random.Random(32)
    tabs = [directorate_tab(d, rng, rng.randint(3, 6)) for d in ("People", "Place")]
    rows = [["Performance dashboard"], ["Ref", "Milestone", "RAG"]]
    for sheet, items in tabs:
        for r, m in enumerate(items, start=4):
            rows.append([Formula(f"'{sheet.name}'!A{r}", m["ref"]), Formula(f"'{sheet.name}'!B{r}", m["title"]), Formula(f"'{sheet.name}'!E{r}", m["status"])])
    path = write_with_formulas(folder / "dashboard_2024-25_q2.xlsx", [SheetSpec("Dashboard", rows)] + [s for s, _ in tabs])
    items = [m for _, i in tabs for m in i]
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": tally(items)})


@layout("summary sheet", "an Overview copied as values from the directorate tabs, and a typed RAG count")
def build_overview_copy(folder):
    rng = random.Random(33)
    tabs = [directorate_tab(d, rng, rng.randint(3, 6)) for d in ("Adults", "Children's Services")]
    items = [m for _, i in tabs for m in i]
    overview = [["Overview of all milestones, Quarter 2 2024/25"], ["Ref", "Milestone", "Status"]] + [[m["ref"], m["title"], m["status"]] for m in items]
    counts = [["RAG summary"], ["Service", "Green", "Amber", "Red", "Complete", "Total"]]
    for sheet, its in tabs:
        c = tally(its)
        counts.append([sheet.name, c.get("Green", 0), c.get("Amber", 0), c.get("Red", 0), c.get("Complete", 0), len(its)])
    path = write_workbook(folder / "plan_q2_2024-25.xlsx", [SheetSpec("Overview", overview), SheetSpec("RAG summary", counts)] + [s for s, _ in tabs])
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": tally(items)},
                       {"milestones": {"directorate": [d for s, its in tabs for d in [s.name] * len(its)]}})


@layout("summary sheet", "a KPI scorecard per directorate with a RAG column, a cover and a formula summary of the RAGs")
def build_scorecards_with_summary(folder):
    rng = random.Random(34)
    cover = SheetSpec("Cover", [["Anyshire Council"], ["Corporate KPI scorecard"], ["Quarter 2 2024/25"]])
    tabs, names, dirs = [], [], []
    for d in ("Adults", "Children's Services", "Place"):
        rows = [[f"{d}: KPI scorecard"], ["Quarter 2 2024/25"], [],
                ["KPI ref", "KPI", "Polarity", "Target", "Q1 actual", "Q2 actual", "Q2 RAG", "Commentary"]]
        for i in range(1, rng.randint(3, 6)):
            target, q1, q2 = rng.randint(40, 90), rng.randint(30, 99), rng.randint(30, 99)
            rows.append([f"{d[0]}{i:02d}", f"{d} KPI {i}", "Higher", target, q1, q2, "Green" if q2 >= target else "Red", "Comment"])
            names.append(f"{d} KPI {i}")
            dirs.append(d)
        tabs.append(SheetSpec(d, rows))
    summary = [["Summary of Q2 RAG ratings"], ["Directorate", "Green", "Amber", "Red"]]
    for k, tab in enumerate(tabs, start=3):
        rags = [row[6] for row in tab.rows[4:]]
        quoted = "'" + tab.name.replace("'", "''") + "'"
        summary.append([tab.name] + [Formula(f'COUNTIF({quoted}!G:G,"{s}")', rags.count(s)) for s in ("Green", "Amber", "Red")])
    path = write_with_formulas(folder / "kpi_scorecard_q2.xlsx", [cover, SheetSpec("Summary", summary)] + tabs)
    return path, Truth({"measures": len(names)}, "2024/25 Q2", columns={"measures": {"name": names, "directorate": dirs}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


# ---------------------------------------------------------------------------------------------- focused tests


def test_a_summary_of_formulas_is_reported_as_such_and_never_read(tmp_path):
    path, _truth = build_countifs(tmp_path)
    ms = perfkit.read_workbook(path)["milestones"]
    entry = next(e for e in ms.attrs["inventory"] if e.sheet == "Summary")
    assert entry.status == "not read" and "a summary of counts by status" in entry.note
    assert not ms.source.str.startswith("Summary!").any()


def test_a_dashboard_of_formulas_over_the_tabs_names_them(tmp_path):
    path, _truth = build_dashboard(tmp_path)
    frames = perfkit.read_workbook(path)
    entry = next(e for e in frames["milestones"].attrs["inventory"] if e.sheet == "Dashboard")
    assert entry.status == "not read"
    assert "a summary sheet: 100% of its milestones' statuses and figures are formulas over sheets 'People', 'Place'" in entry.note
    assert "e.g. C3 = 'People'!E4" in entry.note


def test_formulas_over_a_sheet_perfkit_does_not_read_are_the_data(tmp_path):
    # A scorecard whose actuals are formulas over a raw data sheet: the scorecard is what perfkit reads.
    data = SheetSpec("Data", [["Raw figures"], ["Month", "Calls", "Answered"], ["Jun-24", 1000, 900], ["Sep-24", 1200, 1000]])
    card = SheetSpec("Scorecard", [["Scorecard 2024/25"], ["Ref", "Measure", "Target", "Q1", "Q2"],
                                   ["K1", "Calls answered", 80, Formula("Data!C3/Data!B3*100", 90.0), Formula("Data!C4/Data!B4*100", 83.3)]])
    path = write_with_formulas(tmp_path / "card.xlsx", [card, data])
    kp = perfkit.read_workbook(path)["measures"]
    assert list(kp.actual) == [90.0, 83.3] and set(kp.source.str.split("!").str[0]) == {"Scorecard"}
    said = next(p for p in kp.attrs["problems"] if p.source == "Data")
    assert said.severity == "warning" and '[sheets."Data"] kind = "measures"' in said.message and 'kind = "ignore"' in said.message


def test_a_summary_named_sheet_with_items_of_its_own_is_read(tmp_path):
    rng = random.Random(4)
    sheet, _items = directorate_tab("Summary", rng, 3)
    path = write_workbook(tmp_path / "plan.xlsx", [sheet])
    assert perfkit.read_milestones(path).milestone_id.nunique() == 3


def test_the_overview_copy_is_said_to_repeat_the_tabs(tmp_path):
    path, truth = build_overview_copy(tmp_path)
    ms = perfkit.read_workbook(path)["milestones"]
    inv = {e.sheet: e for e in ms.attrs["inventory"]}
    n = truth.counts["milestones"]
    assert inv["Overview"].status == "not read"
    assert f"a summary sheet: its {n} milestones are all on sheets 'Adults', \"Children's Services\", which are read" in inv["Overview"].note
    assert inv["RAG summary"].status == "not read" and "summary of counts" in inv["RAG summary"].note
    assert not any(p.severity == "warning" for p in ms.attrs["problems"])


def test_a_quarter_tab_linking_its_titles_to_last_quarters_is_still_data(tmp_path):
    # Q2's tab takes references, titles and leads from Q1's by formulas; its statuses are typed: it is Q2's return.
    q1 = SheetSpec("Q1", [["Delivery plan Quarter 1 2024/25"], ["Ref", "Milestone", "Lead", "Status"],
                          ["M1", "Open the hub", "A Khan", "Green"], ["M2", "Adopt the plan", "B Jones", "Amber"]])
    q2 = SheetSpec("Q2", [["Delivery plan Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Status"]]
                   + [[Formula(f"Q1!{c}{r}", v) for c, v in zip("ABC", row)] + [status]
                      for r, row, status in ((3, ("M1", "Open the hub", "A Khan"), "Complete"), (4, ("M2", "Adopt the plan", "B Jones"), "Red"))])
    path = write_with_formulas(tmp_path / "plan.xlsx", [q1, q2])
    ms = perfkit.read_workbook(path)["milestones"]
    assert list(ms[ms.period == perfkit.parse_span("2024/25 Q2").end].status.astype(str)) == ["Complete", "Red"]


def test_a_summary_without_references_is_recognised_by_its_titles(tmp_path):
    rng = random.Random(6)
    tabs = []
    for d in ("Adults", "Place"):
        sheet, items = directorate_tab(d, rng, 3)
        sheet.rows = sheet.rows[:2] + [row[1:] for row in sheet.rows[2:]]  # no Ref column anywhere
        tabs.append((sheet, items))
    overview = [["Summary, Quarter 2 2024/25"], ["Milestone", "Status"]] + [[m["title"], m["status"]] for _, its in tabs for m in its]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Summary", overview)] + [s for s, _ in tabs])
    ms = perfkit.read_workbook(path)["milestones"]
    assert ms.milestone_id.nunique() == 6 and not ms.source.str.startswith("Summary!").any()


def test_a_finance_sheet_beside_the_measures_is_said_not_warned(tmp_path):
    """A Better Care Fund return's 'Expenditure' sheet (spend by scheme) was 'looks like a tracker ... could not find its
    header', a warning that blocked the brief."""
    metrics = [["BCF metrics 2024/25"], ["Metric", "Polarity", "Plan Q2", "Actual Q2"], ["Avoidable admissions", "Lower", 530, 505],
               ["Discharge to usual place of residence (%)", "Higher", 92, 93.1]]
    spend = [["BCF expenditure 2024/25"], ["Scheme ID", "Scheme name", "Planned spend (£)", "Spend to date (£)", "Source"],
             ["1", "Reablement", 1200000, 610000, "NHS minimum"], ["2", "Carers' support", 450000, 200000, "NHS minimum"],
             ["3", "Disabled Facilities Grant", 2100000, 900000, "DFG"]]
    path = write_workbook(tmp_path / "bcf.xlsx", [SheetSpec("Metrics", metrics), SheetSpec("Expenditure", spend)])
    report = perfkit.validate(path)
    assert not [p for p in report if p.severity == "warning"]
    assert any(p.source == "Expenditure" and "finance sheet" in p.message for p in report)


def test_an_audit_trackers_counts_with_statuses_down_the_rows_are_a_summary(tmp_path):
    """An internal audit tracker's 'Summary by status': statuses down column A, COUNTIFS under High | Medium | Low | Total.
    It was warned as 'looks like a tracker ... could not find its header', which blocked the brief."""
    recs = [("IA1", "High", "Implemented"), ("IA2", "Medium", "Not yet due"), ("IA3", "Low", "Implemented"),
            ("IA4", "Medium", "Superseded"), ("IA5", "High", "Not implemented")]
    tracker = [["Internal audit recommendations - follow-up at 30 September 2024"],
               ["Ref", "Recommendation", "Priority", "Owner", "Due date", "Status"]]
    tracker += [[ref, f"Recommendation {ref}", pr, "Head of Finance", day(2024, 12, 31), st] for ref, pr, st in recs]
    statuses = ["Implemented", "Not implemented", "Not yet due", "Superseded"]
    summary = [["Summary by status"], ["Status", "High", "Medium", "Low", "Total"]]
    for k, st in enumerate(statuses, start=3):
        counts = [sum(1 for _, pr, s in recs if s == st and pr == p) for p in ("High", "Medium", "Low")]
        summary.append([st] + [Formula(f"COUNTIFS('Tracker'!$F$3:$F$7,$A{k},'Tracker'!$C$3:$C$7,{col}$2)", n)
                               for col, n in zip("BCD", counts)] + [Formula(f"SUM(B{k}:D{k})", sum(counts))])
    summary.append(["Total"] + [Formula(f"SUM({col}3:{col}6)", 0) for col in "BCDE"])
    path = write_with_formulas(tmp_path / "audit.xlsx", [SheetSpec("Tracker", tracker), SheetSpec("Summary", summary)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    entry = next(e for e in report.inventory if e.sheet == "Summary")
    assert entry.status == "not read" and "down column A head rows of numbers" in entry.note


def test_a_comparison_with_england_beside_the_measures_is_said_as_context_not_warned(tmp_path):
    """A 'Health context' sheet of indicators each with its own pooled period, the area beside England: warned as 'looks
    like a tracker ... could not find its header' (its header is plain), which blocked the brief; a sheet that is a
    tracker perfkit cannot read is still a warning, now giving the whole perfkit.toml line."""
    kpis = [["Environmental services KPIs 2024/25"], [], ["Ref", "Measure", "Target", "Q1", "Q2"],
            ["ES1", "Missed bins per 100,000", 50, 48, 53], ["ES2", "Fly-tips cleared in 2 days (%)", 95, 96, 97]]
    context = [["Public health context indicators (from Fingertips, for information)"], [],
               ["Indicator", "Period", "Brackley Heath", "England", "Compared with England"],
               ["Life expectancy at birth (male, years)", "2020 - 22", 79.8, 78.9, "Better"],
               ["Adults overweight or obese (%)", "2022/23", 66.1, 64, "Worse"],
               ["Suicide rate (per 100,000)", "2021-23", 10.9, 10.7, "Similar"]]
    odd = [["PX1", "Resurface the car park", day(2024, 10, 1), 1200], ["PX2", "Replace the boiler", day(2024, 11, 1), 800],
           ["PX3", "Repaint the hall", day(2025, 1, 10), 300]]
    path = write_workbook(tmp_path / "env.xlsx", [SheetSpec("KPIs", kpis), SheetSpec("Health context", context),
                                                 SheetSpec("Odd", odd)])
    report = perfkit.validate(path)
    entry = next(e for e in report.inventory if e.sheet == "Health context")
    assert entry.status == "not read" and entry.severity == "info"
    assert entry.note.startswith("a comparison with other areas (its header at row 3: 'Indicator', 'Period', 'Brackley Heath', "
                                 "'England', 'Compared with England')")
    odd_entry = next(e for e in report.inventory if e.sheet == "Odd")
    assert odd_entry.severity == "warning" and '[sheets."Odd"] kind = "ignore"' in odd_entry.note


def test_a_summary_of_formulas_under_headers_perfkit_does_not_know_is_said_to_be_one(tmp_path):
    """'Portfolio | Milestones: Blue | ... | KPIs: Red' over =COUNTIF('Adults'!E4:E6,"C"): no kind's header fits it, and it
    was warned of as an unread tracker, holding the brief."""
    tabs = []
    for name in ("Adults", "Place"):
        tabs.append(SheetSpec(name, [[f"{name} – Quarter 2 2024/25"], [], ["Ref", "Key milestones", "Deadline", "Q1 status", "Q2 status"],
                                     [1, "First", day(2025, 3, 31), "G", "C"], [2, "Second", day(2025, 3, 31), "A", "A"],
                                     [3, "Third", day(2025, 3, 31), "G", "G"]]))
    rows = [["Summary: RAG position by portfolio, Quarter 2 2024/25"], [],
            ["Portfolio", "Milestones: Blue", "Milestones: Green", "Milestones: Amber", "Total milestones"]]
    for n, name in enumerate(("Adults", "Place"), start=4):
        rows.append([name, Formula(f'COUNTIF({name}!E4:E6,"C")', 1), Formula(f'COUNTIF({name}!E4:E6,"G")', 1),
                     Formula(f'COUNTIF({name}!E4:E6,"A")', 1), Formula(f"SUM(B{n}:D{n})", 3)])
    path = write_with_formulas(tmp_path / "plan.xlsx", [SheetSpec("Summary", rows), *tabs])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    (entry,) = [e for e in report.inventory if e.sheet == "Summary"]
    assert entry.note.startswith("a summary sheet: 75% of its figures are formulas over sheets 'Adults', 'Place'"), entry.note


def test_a_quarters_tab_carrying_last_quarters_statuses_by_formula_is_that_quarters_data(tmp_path):
    """'Previous quarter status' = 'Q1 Apr-Jun'!F4 on the Q2 tab: half its status cells were formulas over Q1's tab, so it
    was set aside as a summary and the briefing reported Q1; told otherwise it clashed with Q1 over Q1's statuses. The
    Q3 template, blank but for the carried column, is a template."""
    refs = ["1.1", "1.2", "1.3"]
    q1 = ["On track", "Minor slippage", "On track"]
    q2 = ["Complete", "Major slippage", "On track"]

    def tab(name, title, before, now, src):
        rows = [[title], [], ["Ref", "Step", "Target date", "Previous quarter status", "Status this quarter", "Progress this quarter"]]
        for i, ref in enumerate(refs):
            carried = Formula(f"'{src}'!E{i + 4}", before[i]) if src else before[i]
            rows.append([ref, f"Step {ref}", day(2025, 3, 31), carried, now[i] if now else None, "Update." if now else None])
        return SheetSpec(name, rows)

    path = write_with_formulas(tmp_path / "wbo.xlsx", [
        tab("Q1 Apr-Jun", "Quarter 1: April to June 2024", ["On track"] * 3, q1, None),
        tab("Q2 Jul-Sep", "Quarter 2: July to September 2024", q1, q2, "Q1 Apr-Jun"),
        tab("Q3 Oct-Dec", "Quarter 3: October to December 2024", q2, None, "Q2 Jul-Sep")])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    ms = perfkit.read_milestones(path)
    assert str(ms["period"].max()) == "2025Q2"
    now = ms[ms["period"] == ms["period"].max()].set_index("milestone_id")["status"].astype(str).to_dict()
    assert now == {"1.1": "Complete", "1.2": "Red", "1.3": "Green"}
    (q3,) = [e for e in report.inventory if e.sheet == "Q3 Oct-Dec"]
    assert q3.note.startswith("an empty template for 2024/25 Q3"), q3.note


def test_a_dashboard_sheets_title_gives_the_year_the_file_names_the_quarter_of(tmp_path):
    """A transformation programme's highlight report: a formula 'Dashboard' titled 'Highlight report Q3 2024/25' over one
    tab per workstream, the file named '..._q3': every tab was refused as naming no quarter."""
    dash = [["Fit for the Future Transformation Programme - Highlight report Q3 2024/25 (to 31 December 2024)"], [],
            ["Workstream", "Blue", "Green", "Amber", "Red"], ["Digital", '=COUNTIF(Digital!F:F,"B")', 0, 0, 0]]
    tab = [["Workstream: Digital - milestone tracker"], ["ID", "Milestone", "Owner", "Baseline date", "Forecast date", "BRAG"],
           ["D1", "Migrate email to cloud tenancy", "Programme lead", day(2024, 6, 30), day(2024, 6, 30), "B"],
           ["D2", "Replace social care case system", "Programme lead", day(2024, 11, 30), day(2025, 1, 31), "A"],
           ["D4", "Decommission legacy finance server", "Programme lead", day(2024, 10, 31), day(2024, 10, 31), "R"]]
    path = write_workbook(tmp_path / "transformation_highlight_q3.xlsx", [SheetSpec("Dashboard", dash), SheetSpec("Digital", tab)])
    ms = perfkit.read_milestones(path)
    assert {perfkit.period_label(p) for p in ms["period"]} == {"2024/25 Q3"}
    assert ms["status"].astype(str).tolist() == ["Complete", "Amber", "Red"]
