"""One sheet per quarter: each tab is one quarter's return, named ``Q1 2024-25``, ``Apr-Jun`` or ``Quarter 1``, or titled
``Performance report Quarter 2 2024/25``; the next quarter's tab is often already there, empty, as a template."""

from __future__ import annotations

import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.core.errors import ValidationError

STATUSES = ["Green", "Amber", "Red", "Complete"]
PRIORITIES = ["Priority 1: Thriving communities", "Priority 2: A greener borough", "Priority 3: Good homes"]


def milestone_plan(seed: int, n: int = 12) -> list[dict]:
    """The council's milestones: reference, title, priority, lead and due date, the same on every quarter's tab."""
    rng = random.Random(seed)
    return [{"ref": f"CP{i:02d}", "title": f"Deliver commitment {i} of the council plan", "priority": PRIORITIES[(i - 1) * len(PRIORITIES) // n],
             "lead": rng.choice(["Head of Housing", "Head of Place", "Director of Resources"]),
             "due": day(2025, rng.choice([3, 6, 9]), 28)} for i in range(1, n + 1)]


def quarter_tab(name: str, title: list[str], items: list[dict], statuses: list[str | None], comment: bool = True) -> SheetSpec:
    """A quarter's tab: title rows, a blank row, the header, priorities as section rows, a key under the table."""
    rows = [[t] for t in title] + [[], ["Ref", "Key milestone", "Lead officer", "Due date", "RAG status", "Progress commentary"]]
    merges = []
    last = None
    for item, status in zip(items, statuses):
        if item["priority"] != last:
            rows.append([item["priority"]])
            merges.append(f"A{len(rows)}:F{len(rows)}")
            last = item["priority"]
        rows.append([item["ref"], item["title"], item["lead"], item["due"], status, "Work is progressing as planned" if status and comment else None])
    rows += [[], ["Key: Green - on track; Amber - some slippage; Red - off track; Complete - delivered"]]
    return SheetSpec(name, rows, merges=merges)


def counts(statuses) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in statuses:
        out[s] = out.get(s, 0) + 1
    return out


@layout("sheet per quarter", "tabs Q1 2024-25 and Q2 2024-25, an empty Q3 template")
def build_named_tabs(folder):
    items = milestone_plan(1)
    rng = random.Random(11)
    q1 = [rng.choice(STATUSES[:3]) for _ in items]
    q2 = [rng.choice(STATUSES) for _ in items]
    sheets = [quarter_tab(f"Q{q} 2024-25", ["Anyshire Council", f"Council Plan performance report Quarter {q} 2024/25"], items, st)
              for q, st in ((1, q1), (2, q2))]
    sheets.append(quarter_tab("Q3 2024-25", ["Anyshire Council", "Council Plan performance report Quarter 3 2024/25"], items, [None] * len(items)))
    path = write_workbook(folder / "council_plan_monitoring.xlsx", sheets)
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": counts(q2)},
                       {"milestones": {"milestone_id": [i["ref"] for i in items]}}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


@layout("sheet per quarter", "tabs Apr-Jun, Jul-Sep, Oct-Dec with the year in the file name; measures")
def build_month_range_tabs(folder):
    rng = random.Random(2)
    measures = [(f"PI{i:02d}", f"Indicator {i}", rng.choice(["High", "Low"]), rng.randint(40, 90)) for i in range(1, 9)]
    actuals = {q: [rng.randint(30, 100) for _ in measures] for q in ("Apr-Jun", "Jul-Sep")}
    sheets = []
    for tab in ("Apr-Jun", "Jul-Sep", "Oct-Dec"):
        rows = [["Corporate performance indicators"], [f"Reporting period: {tab}"], [],
                ["PI ref", "Performance indicator", "Good is", "Annual target", "Actual", "Comments"]]
        for k, (ref, name, good, target) in enumerate(measures):
            value = actuals[tab][k] if tab in actuals else None
            rows.append([ref, name, good, target, value, "As expected" if value is not None else None])
        rows += [[], ["Source: service returns"]]
        sheets.append(SheetSpec(tab, rows))
    path = write_workbook(folder / "kpi_return_2024-25.xlsx", sheets)
    return path, Truth({"measures": len(measures)}, "2024/25 Q2",
                       columns={"measures": {"actual": [float(v) for v in actuals["Apr-Jun"]], "name": [m[1] for m in measures]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout("sheet per quarter", "Quarter 1 to Quarter 4 tabs, a cover and a key sheet, one new milestone in Q2")
def build_quarter_word_tabs(folder):
    items = milestone_plan(3, 9)
    later = milestone_plan(4, 10)[9:]  # a milestone added in the second quarter
    later[0]["ref"], later[0]["title"] = "CP10", "Open the new family hub"
    rng = random.Random(33)
    q1 = [rng.choice(STATUSES[:3]) for _ in items]
    q2 = [rng.choice(STATUSES) for _ in items + later]
    cover = SheetSpec("Cover", [["Anyshire Council"], ["Corporate performance 2024/25"], ["Contact: performance@anyshire.gov.uk"]])
    key = SheetSpec("Key", [["Status", "Meaning"], ["Green", "On track"], ["Amber", "At risk"], ["Red", "Off track"], ["Complete", "Delivered"]])
    sheets = [cover, key,
              quarter_tab("Quarter 1", ["Corporate performance 2024/25"], items, q1),
              quarter_tab("Quarter 2", ["Corporate performance 2024/25"], items + later, q2),
              quarter_tab("Quarter 3", ["Corporate performance 2024/25"], items + later, [None] * 10),
              quarter_tab("Quarter 4", ["Corporate performance 2024/25"], items + later, [None] * 10)]
    path = write_workbook(folder / "corporate_performance.xlsx", sheets)
    return path, Truth({"milestones": 10}, "2024/25 Q2", {"milestones": counts(q2)}, periods={"milestones": ["2024/25 Q1", "2024/25 Q2"]})


# ---------------------------------------------------------------------------------------------- focused tests


def test_the_empty_template_is_never_the_latest_quarter(tmp_path):
    path, _truth = build_named_tabs(tmp_path)
    ms = perfkit.read_milestones(path)
    assert max(ms.period) == perfkit.parse_span("2024/25 Q2").end
    said = [p for p in ms.attrs["problems"] if p.source == "Q3 2024-25"]
    assert len(said) == 1 and said[0].severity == "info"
    assert "empty template for 2024/25 Q3" in said[0].message and "12 milestones" in said[0].message
    assert not any(p.severity == "warning" for p in ms.attrs["problems"]), "the template's blank statuses are not warnings"
    entry = next(e for e in ms.attrs["inventory"] if e.sheet == "Q3 2024-25")
    assert entry.status == "not read" and "empty template" in entry.note
    fig = perfkit.quarter_figures(ms, None, None)
    assert fig.period == perfkit.parse_span("2024/25 Q2").end


def test_tabs_that_are_quarters_are_not_a_grouping_and_blank_leads_are_no_officer(tmp_path):
    """Each quarter's tab holds that quarter's items: grouping them by sheet gave 'Progress by sheet: Jul-Sep', one group.
    A tracker naming no lead said 'led by 1 officer'."""
    from perfkit.present import narrative

    path, _truth = build_named_tabs(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms["source"].str.split("!").str[0].nunique() > 1
    assert perfkit.quarter_figures(ms.drop(columns=["priority"]), None, None).by is None
    unnamed = perfkit.quarter_figures(ms.assign(lead=""), None, None)
    said = narrative.attention_paragraph(unnamed)
    assert "need attention" in said and "led by" not in said


def test_summary_json_reports_the_last_filled_quarter(tmp_path, capsys):
    import json

    from perfkit.cli import main

    path, _truth = build_named_tabs(tmp_path)
    assert main(["summary", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["period"] == "2024/25 Q2"


def test_period_chooses_the_quarter_reported_not_every_tabs_quarter(tmp_path, capsys):
    import json

    from perfkit.cli import main

    path, _truth = build_named_tabs(tmp_path)
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == "2024/25 Q1"
    ms = perfkit.read_milestones(path, period="2024/25 Q1")
    assert sorted(map(str, ms.period.unique())) == ["2025Q1", "2025Q2"]


def test_a_blank_sheet_with_nothing_else_beside_it_is_still_read_with_warnings(tmp_path):
    # With no filled-in quarter beside it, an empty sheet is not a template: its blanks are said aloud as before.
    items = milestone_plan(5, 3)
    path = write_workbook(tmp_path / "plan.xlsx", [quarter_tab("Q3 2024-25", ["Performance report Quarter 3 2024/25"], items, [None] * 3)])
    ms = perfkit.read_milestones(path)
    assert list(ms.status.astype(str)) == ["No data"] * 3
    assert sum("no status given" in p.message for p in ms.attrs["problems"] if p.severity == "warning") == 3


def test_a_sheet_without_statuses_for_a_quarter_another_sheet_reports_is_not_a_template(tmp_path):
    # Two services' tabs for one quarter: one has not reported yet. Its milestones still count, as No data, with warnings.
    items = milestone_plan(6, 4)
    path = write_workbook(tmp_path / "plan.xlsx", [
        quarter_tab("Housing", ["Performance report Quarter 2 2024/25"], items[:2], ["Green", "Red"]),
        quarter_tab("Planning", ["Performance report Quarter 2 2024/25"], items[2:], [None, None]),
    ])
    ms = perfkit.read_milestones(path)
    assert ms.milestone_id.nunique() == 4 and list(ms.status.astype(str)).count("No data") == 2


def test_the_same_references_on_each_quarters_tab_are_one_item_each(tmp_path):
    path, _ = build_named_tabs(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms.groupby("milestone_id").period.nunique().eq(2).all()
    assert "directorate" not in ms, "quarter tabs are not directorates"


def test_a_title_and_a_tab_naming_different_quarters_is_a_warning_that_says_what_to_type(tmp_path):
    items = milestone_plan(7, 3)
    path = write_workbook(tmp_path / "plan.xlsx", [
        quarter_tab("Q1", ["Performance report Quarter 1 2024/25"], items, ["Green"] * 3),
        quarter_tab("Q2", ["Performance report Quarter 1 2024/25"], items, ["Red"] * 3),  # the title copied, not updated
    ])
    with pytest.raises(ValidationError) as err:
        perfkit.read_milestones(path)
    said = [str(p) for p in err.value.problems]
    assert any("Q2: the title rows name 2024/25 Q1 but the sheet name names 2024/25 Q2" in s for s in said)
    clash = [s for s in said if "repeats all 3 milestones of sheet 'Q1'" in s]
    assert clash and '[sheets."Q2"] period = "2024/25 Q2"' in clash[0] and '[sheets."Q2"] kind = "ignore"' in clash[0]
    (tmp_path / "perfkit.toml").write_text('[sheets."Q2"]\nperiod = "2024/25 Q2"\n', encoding="utf-8")
    ms = perfkit.read_milestones(path)
    assert sorted(map(str, ms.period.unique())) == ["2025Q1", "2025Q2"]
    assert list(ms[ms.period == perfkit.parse_span("2024/25 Q2").end].status.astype(str)) == ["Red"] * 3


@pytest.mark.parametrize("tab, title, quarter", [
    ("Q2 2024-25", "Delivery plan", "2024/25 Q2"),
    ("Apr-Jun", "Delivery plan 2024/25", "2024/25 Q1"),
    ("Quarter 3", "Delivery plan 2024/25", "2024/25 Q3"),
    ("Summary tab", "Performance report Quarter 2 2024/25", "2024/25 Q2"),
    ("July to September 2024", "Delivery plan", "2024/25 Q2"),
])
def test_the_quarter_comes_from_the_tab_or_the_title(tmp_path, tab, title, quarter):
    path = write_workbook(tmp_path / "plan.xlsx", [quarter_tab(tab, [title], milestone_plan(8, 2), ["Green", "Amber"])])
    ms = perfkit.read_milestones(path)
    assert set(ms.period) == {perfkit.parse_span(quarter).end}
    where = "title rows name" if "Quarter" in title else "sheet name names"
    assert any(p.message == f"read as {quarter}, the quarter its {where}" for p in ms.attrs["problems"])


def test_quarter_tabs_with_no_year_anywhere_ask_for_the_year_and_read_once_given(tmp_path):
    items = milestone_plan(9, 2)
    path = write_workbook(tmp_path / "tracker.xlsx", [quarter_tab("Q1", ["Delivery plan"], items, ["Green", "Red"]),
                                                     quarter_tab("Q2", ["Delivery plan"], items, ["Amber", "Red"])])
    with pytest.raises(ValidationError) as err:
        perfkit.read_milestones(path)
    said = [p.message for p in err.value.problems]
    assert any("sheet 'Q2' reports Q2 but names no financial year" in m and 'year = "2024/25" in perfkit.toml' in m
               and '[sheets."Q2"] period = "2024/25 Q2"' in m for m in said), said
    (tmp_path / "perfkit.toml").write_text('year = "2024/25"\n', encoding="utf-8")
    ms = perfkit.read_milestones(path)
    assert sorted(map(str, ms.period.unique())) == ["2025Q1", "2025Q2"]


@layout("sheet per quarter", "Q1 and Q2 tabs with no reference column: items matched by title")
def build_no_references(folder):
    rng = random.Random(12)
    titles = [f"Deliver the {w} strategy" for w in ("housing", "economic", "climate", "digital", "workforce")]
    q1 = [rng.choice(STATUSES[:3]) for _ in titles]
    q2 = [rng.choice(STATUSES) for _ in titles]
    tabs = [SheetSpec(f"Q{q}", [[f"Delivery plan: Quarter {q} 2024/25"], ["Action", "Owner", "RAG"]] + [[t, "Director", s] for t, s in zip(titles, st)])
            for q, st in ((1, q1), (2, q2))]
    path = write_workbook(folder / "delivery.xlsx", tabs)
    return path, Truth({"milestones": len(titles)}, "2024/25 Q2", {"milestones": counts(q2)}, {"milestones": {"title": titles}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_tabs_without_references_match_items_by_title_said_aloud(tmp_path):
    path, _truth = build_no_references(tmp_path)
    ms = perfkit.read_milestones(path)
    assert ms.groupby("milestone_id").title.nunique().eq(1).all() and ms.milestone_id.nunique() == 5
    assert any("matched across the quarters by its title" in p.message for p in ms.attrs["problems"])


def test_tabs_without_references_and_repeated_titles_are_a_warning(tmp_path):
    tabs = [SheetSpec(f"Q{q}", [[f"Delivery plan: Quarter {q} 2024/25"], ["Action", "Owner", "RAG"], ["Review", "A", "Green"], ["Review", "B", "Red"]])
            for q in (1, 2)]
    path = write_workbook(tmp_path / "delivery.xlsx", tabs)
    ms = perfkit.read_milestones(path)
    assert any(p.severity == "warning" and "add a reference column" in p.message for p in ms.attrs["problems"])


def test_validate_counts_each_item_once_across_the_quarter_tabs(tmp_path, capsys):
    from perfkit.cli import main

    path, truth = build_named_tabs(tmp_path)
    main(["validate", str(path)])
    out = capsys.readouterr().out
    assert f"In all: {truth.counts['milestones']} milestones; 2024/25 Q1 to 2024/25 Q2" in out
    assert perfkit.validate(path).items == {"milestones": truth.counts["milestones"]}


# ---------------------------------------------------------------------------------------------- tabs named by month


@layout("sheet per quarter", "tabs June 2024, Sept 2024 and an empty Dec 2024, named by the month each return is made up to")
def build_month_named_tabs(folder):
    items = milestone_plan(21, 8)
    rng = random.Random(210)
    q1 = [rng.choice(STATUSES[:3]) for _ in items]
    q2 = [rng.choice(STATUSES) for _ in items]
    cover = SheetSpec("Cover", [["Corporate Plan Delivery Monitoring 2024/25"], [], ["Please complete the Dec 2024 tab by 15 January 2025"]])
    sheets = [cover, quarter_tab("June 2024", ["Corporate Plan Delivery"], items, q1),
              quarter_tab("Sept 2024", ["Corporate Plan Delivery"], items, q2),
              quarter_tab("Dec 2024", ["Corporate Plan Delivery"], items, [None] * len(items))]
    path = write_workbook(folder / "delivery_monitoring.xlsx", sheets)
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": counts(q2)},
                       {"milestones": {"milestone_id": [i["ref"] for i in items]}}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_month_named_tabs_are_their_quarters_said_in_a_note(tmp_path):
    path, _truth = build_month_named_tabs(tmp_path)
    ms = perfkit.read_milestones(path)
    said = {p.source: p for p in ms.attrs["problems"] if p.column == "period"}
    assert said["June 2024"].severity == "info" and said["June 2024"].message.startswith(
        "read as 2024/25 Q1, the quarter that 'June 2024' in its sheet name falls in")
    assert said["Sept 2024"].message.startswith("read as 2024/25 Q2") and '[sheets."Sept 2024"] period = "2024/25 Q1"' in said["Sept 2024"].message
    assert not any(p.severity == "warning" for p in ms.attrs["problems"])


@pytest.mark.parametrize("tab, title, quarter", [
    ("June 2024", "Delivery plan", "2024/25 Q1"),
    ("September 2024", "Delivery plan", "2024/25 Q2"),
    ("Sep-24", "Delivery plan", "2024/25 Q2"),
    ("Dec 2024", "Delivery plan", "2024/25 Q3"),
    ("March 2025", "Delivery plan", "2024/25 Q4"),
    ("August 2024", "Delivery plan", "2024/25 Q2"),
    ("Return", "Delivery plan: position as at 30 September 2024", "2024/25 Q2"),
    ("Return", "Delivery plan June 2024", "2024/25 Q1"),
])
def test_a_month_with_its_year_names_the_quarter_it_falls_in(tmp_path, tab, title, quarter):
    path = write_workbook(tmp_path / "plan.xlsx", [quarter_tab(tab, [title], milestone_plan(8, 2), ["Green", "Amber"])])
    ms = perfkit.read_milestones(path)
    assert set(ms.period) == {perfkit.parse_span(quarter).end}


@pytest.mark.parametrize("title", ["Delivery plan: complete by 15 January 2025", "Delivery plan April 2024 to March 2025"])
def test_a_deadline_or_a_year_of_months_names_no_quarter(tmp_path, title):
    from perfkit.core.errors import LayoutError

    path = write_workbook(tmp_path / "plan.xlsx", [quarter_tab("Plan", [title], milestone_plan(8, 2), ["Green", "Amber"])])
    with pytest.raises(LayoutError) as err:
        perfkit.read_milestones(path)
    assert "names no quarter" in str(err.value) and '[sheets."Plan"] period' in str(err.value)


def kpi_tab(name: str, figures: dict[str, tuple[float, float, str]]) -> SheetSpec:
    """A housing association's quarter tab of KPIs with no polarity column: target, actual and the officer's own status."""
    rows = [["Board KPI pack"], [f"Performance Indicators {name}"],
            ["Ref", "Measure", "Target", "Actual", "Status"]]
    rows += [[ref, f"Measure {ref}", t, a, s] for ref, (t, a, s) in figures.items()]
    return SheetSpec(name, rows)


def test_a_tab_per_quarter_takes_a_measures_polarity_from_the_tab_that_gives_it(tmp_path):
    """Void days met their target exactly in Q1 (so Q1's tab says nothing of its polarity) and were Red above it in Q2:
    lower is better on both tabs, said, and no warning that it was rated higher is better on Q1's."""
    q1 = {"HA01": (20, 20, "Achieved"), "HA02": (95, 97, "Achieved")}
    q2 = {"HA01": (20, 26, "Not achieved"), "HA02": (95, 95, "Achieved")}
    path = write_workbook(tmp_path / "pack.xlsx", [kpi_tab("Q1 24-25", q1), kpi_tab("Q2 24-25", q2)])
    kp = perfkit.read_measures(path)
    assert dict(kp.groupby("measure_id")["polarity"].agg(lambda s: set(s.astype(str)))) == {"HA01": {"lower"}, "HA02": {"higher"}}
    said = [p for p in kp.attrs["problems"] if p.column == "polarity"]
    assert not [p for p in said if p.severity != "info"], said
    assert any("no polarity on this tab, read as lower is better, as tab 'Q2 24-25' gives it" in p.message for p in said)
    report = perfkit.validate(path, kind="measures")
    assert not report.warnings


def test_tabs_that_give_one_measure_different_polarities_are_a_warning(tmp_path):
    """Green above target on one tab and green below it on the next: each tab is rated its own way, and that is said."""
    q1 = {"HA01": (20, 25, "Achieved")}
    q2 = {"HA01": (20, 15, "Achieved")}
    path = write_workbook(tmp_path / "pack.xlsx", [kpi_tab("Q1 24-25", q1), kpi_tab("Q2 24-25", q2)])
    report = perfkit.validate(path, kind="measures")
    said = [p.message for p in report.warnings]
    assert any("the tabs give it different polarities" in m and "higher is better on 'Q1 24-25'" in m
               and "lower is better on 'Q2 24-25'" in m for m in said), said


def test_a_measure_with_no_polarity_on_any_tab_is_still_warned_of(tmp_path):
    """Neither tab says (the target met exactly both times): a warning stands, naming both tabs, since the figure moved
    and which way is better says whether it improved."""
    q1 = {"HA01": (20, 20, "Achieved")}
    q2 = {"HA01": (25, 25, "Achieved")}
    path = write_workbook(tmp_path / "pack.xlsx", [kpi_tab("Q1 24-25", q1), kpi_tab("Q2 24-25", q2)])
    said = [p for p in perfkit.validate(path, kind="measures").warnings]
    assert [p.source for p in said if "with a target but no polarity" in p.message] == ["Q1 24-25, Q2 24-25"], said


def test_a_template_whose_only_status_column_is_known_by_what_it_holds_is_still_a_template(tmp_path):
    """`Progress RAG` is read as the status by what it holds; on the next quarter's tab, copied with its statuses and
    updates cleared, nothing showed it, no header was found and the tab was warned of as a tracker perfkit could not
    read (blocking the brief). A tab repeating a read tab's header row is read with its columns: an empty template."""
    items = milestone_plan(5)
    rng = random.Random(5)

    def tab(name, quarter, statuses):
        rows = [["Corporate Plan Milestone Tracker"], [f"Quarter {quarter} 2024/25"], [],
                ["No.", "Milestone", "Responsible Officer", "Target Date", "Progress RAG", "Progress update"]]
        rows += [[it["ref"], it["title"], it["lead"], it["due"], s, "Update for the quarter." if s else None] for it, s in zip(items, statuses)]
        return SheetSpec(name, rows)

    q1 = [rng.choice(["On track", "Completed", "Some slippage"]) for _ in items]
    q2 = [rng.choice(["On track", "Completed", "Significant slippage"]) for _ in items]
    path = write_workbook(tmp_path / "tabs.xlsx", [tab("Q1 24-25", 1, q1), tab("Q2 24-25", 2, q2), tab("Q3 24-25", 3, [None] * len(items))])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    said = [p for p in report if p.source == "Q3 24-25"]
    assert len(said) == 1 and "empty template for 2024/25 Q3" in said[0].message
    ms = perfkit.read_milestones(path)
    assert max(ms.period) == perfkit.parse_span("2024/25 Q2").end


def test_a_tabs_own_actual_stands_beside_a_column_mapped_to_last_years_quarter(tmp_path):
    """A tab per quarter with 'Actual | Same quarter last year': filling init's blank with "actual@2023/24 Q1" made the
    tab report 2023/24 Q1 alone, its own 'Actual' dropped, and the summary gave last year's figures as this year's."""
    from layout_builders import SheetSpec, write_workbook

    q1 = [["Performance Report, Quarter 1 2024/25"], ["KPI", "Description", "Target", "Actual", "Same quarter last year", "Status"],
          ["FRS1", "Primary fires attended", 180, 171, 185, "Achieved"]]
    path = write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Q1 2024-25", q1)])
    (tmp_path / "perfkit.toml").write_text('[sheets."Q1 2024-25".columns]\n"Same quarter last year" = "actual@2023/24 Q1"\n')
    kp = perfkit.read_measures(path)
    assert dict(zip(kp["period"].astype(str), kp["actual"])) == {"2024Q1": 185, "2025Q1": 171}
    assert kp.set_index(kp["period"].astype(str)).loc["2025Q1", "reported_status"] == "Green"


def test_a_tab_where_a_measures_figure_is_suppressed_takes_its_polarity_from_the_next_tab(tmp_path):
    """Fire injuries '<5' (Achieved) on Q1's tab and 6 against 5 (Not achieved) on Q2's: Q1 kept perfkit's default,
    higher, unsaid, so a warning said the tabs gave it different polarities and offered the wrong one to type."""
    from layout_builders import SheetSpec, write_workbook

    head = ["KPI", "Description", "Target", "Actual", "Status"]
    q1 = [["Performance Report, Quarter 1 2024/25"], head, ["FRS3", "Fire-related injuries", 5, "<5", "Achieved"],
          ["FRS1", "Primary fires", 180, 171, "Achieved"]]
    q2 = [["Performance Report, Quarter 2 2024/25"], head, ["FRS3", "Fire-related injuries", 5, 6, "Not achieved"],
          ["FRS1", "Primary fires", 180, 190, "Not achieved"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "frs.xlsx", [SheetSpec("Q1 2024-25", q1), SheetSpec("Q2 2024-25", q2)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert set(kp[kp["measure_id"] == "FRS3"]["polarity"].astype(str)) == {"lower"}


def test_two_quarters_side_by_side_on_one_sheet_are_a_warning_naming_the_second_block(tmp_path):
    """Q1's return in A:F and Q2's in H:M of one sheet: the Q2 block's columns were only noted as not used, and the one
    warning blamed the sheet's name for naming Q2. A header repeated after a gap now says so, naming both blocks; a band
    over two header rows ('Quarter 1' over 'Actual | RAG', then 'Quarter 2' over the same) is no repeat."""
    from layout_builders import SheetSpec, day, write_workbook

    head = ["Ref", "Action", "Lead", "Target date", "RAG", "Comments"]
    rows = [["Delivery Plan monitoring 2024/25"], [], ["QUARTER 1: April - June 2024", *[None] * 6, "QUARTER 2: July - September 2024"],
            [*head, None, *head]]
    for n in range(1, 5):
        item = [f"D{n}", f"Action {n}", "Head of Service", day(2025, 3, 31)]
        rows.append([*item, "Green", None, None, *item, "Amber", None])
    report = perfkit.validate(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Q1 & Q2 2024-25", rows, merges=["A3:F3", "H3:M3"])]))
    (said,) = [p for p in report.warnings if "tables side by side" in p.message]
    assert said.source == "Q1 & Q2 2024-25!H4" and "the header in A:F is repeated in H:M" in said.message
    banded = [["Scorecard 2024/25"], ["Ref", "Measure", "Target", "Quarter 1", None, None, "Quarter 2"],
              [None, None, None, "Actual", "RAG", None, "Actual", "RAG"]]
    banded += [[f"K{n}", f"Measure {n}", 50, 48, "A", None, 52, "G"] for n in range(1, 4)]
    report = perfkit.validate(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", banded, merges=["D2:E2", "G2:H2"])]))
    assert not [p for p in report if "tables side by side" in p.message]


def test_quarter_tabs_with_a_quarter_target_and_actual_and_a_year_to_date_tab(tmp_path):
    """'Annual target | Quarter target | Quarter actual' on tabs Q1 to Q3 beside a 'Year to date' tab: 'Quarter actual' was
    not read (each tab gave no figures), and the year-to-date tab was published as Q3, with only a note."""
    from layout_builders import SheetSpec, write_workbook

    def tab(q, actuals, statuses):
        rows = [["Fenwick District Council - performance indicators"], [f"Quarter {q} 2024/25"], [],
                ["PI ref", "Performance indicator", "Polarity", "Annual target", "Quarter target", "Quarter actual", "Status"]]
        rows += [["PI01", "Missed bins per 100,000", "Lower is better", 50, 50, actuals[0], statuses[0]],
                 ["PI02", "Homelessness preventions", "Higher is better", 300, 75, actuals[1], statuses[1]]]
        return SheetSpec(f"Q{q}", rows)

    ytd = [["Fenwick District Council - performance indicators"], ["Year to date: April to December 2024"], [],
           ["PI ref", "Performance indicator", "Annual target", "Year to date target", "Year to date actual", "Year to date status"],
           ["PI01", "Missed bins per 100,000", 50, 50, 53, "Slightly below target"], ["PI02", "Homelessness preventions", 300, 225, 227, "On target"]]
    path = write_workbook(tmp_path / "pis.xlsx", [tab(1, [42, 80], ["On target", "On target"]), tab(2, [55, 70], ["Below target", "Slightly below target"]),
                                                  tab(3, [60, 77], ["Below target", "On target"]), SheetSpec("Year to date", ytd)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings
    m = perfkit.read_measures(path)
    q3 = m[m["period"].astype(str) == "2025Q3"].set_index("measure_id")
    assert q3["actual"].tolist() == [60, 77] and q3["target"].tolist() == [50, 75]
    assert sorted(m["period"].astype(str).unique()) == ["2025Q1", "2025Q2", "2025Q3"]


@layout("sheet per quarter", "Q1 to Q4 tabs of measures each with last year's outturn column; Q3 and Q4 templates hold only that")
def build_outturn_on_every_tab(folder):
    """Every quarter's tab copies '2023-24 actual' beside its own quarter's figure. The tabs were refused ('repeats all
    8 measures ... for 2023/24 Q4'), and the line the refusal gave did not clear it; the templates, holding only last
    year's figures, were not seen as templates."""
    rng = random.Random(8)
    measures = [(f"PM{i}", f"Performance measure {i}", "Higher", rng.randint(40, 90), rng.randint(30, 100)) for i in range(1, 9)]
    actuals = {q: [rng.randint(30, 100) for _ in measures] for q in (1, 2)}
    sheets = []
    for q in (1, 2, 3, 4):
        rows = [[f"Well-being objectives: performance measures, Quarter {q} 2024/25"], [],
                ["Ref", "Measure", "Good is", "2023-24 actual", "2024-25 target", f"Q{q} 2024-25 actual"]]
        for k, (ref, name, good, target, last_year) in enumerate(measures):
            rows.append([ref, name, good, last_year, target, actuals[q][k] if q in actuals else None])
        sheets.append(SheetSpec(f"Q{q} 2024-25", rows))
    path = write_workbook(folder / "wellbeing_measures_2024-25.xlsx", sheets)
    return path, Truth({"measures": len(measures)}, "2024/25 Q2", periods={"measures": ["2023/24 Q4", "2024/25 Q1", "2024/25 Q2"]})


def test_last_years_outturn_on_every_quarters_tab_is_read_once_and_the_templates_set_aside(tmp_path):
    path, truth = build_outturn_on_every_tab(tmp_path)
    report = perfkit.validate(path)
    assert not report.errors
    ms = perfkit.read_measures(path)
    last_year = ms[ms["period"] == perfkit.parse_span("2023/24 Q4").end]
    assert len(last_year) == truth.counts["measures"] and set(last_year["source"].str.split("!").str[0]) == {"Q1 2024-25"}
    said = {p.source: p.message for p in report if "read once" in p.message or "empty template" in p.message}
    assert "read once" in said["Q2 2024-25"] and "empty template" in said["Q3 2024-25"] and "empty template" in said["Q4 2024-25"]


def test_a_template_whose_statuses_are_all_the_drop_downs_not_due_is_no_quarter_reported(tmp_path):
    """A housing delivery plan's Q3 tab with every status at the drop-down's 'Not due' and no updates became the
    quarter reported: a Q3 briefing published before Q3 ended, with a milestone complete at Q2 listed as overdue."""
    header = ["Ref", "Milestone", "Lead", "Due date", "Status", "Update"]
    items = [("HP1", "Adopt the housing strategy", day(2024, 6, 30)), ("HP2", "Start on site at Mill Lane", day(2024, 9, 30)),
             ("HP3", "Open the new hostel", day(2025, 3, 31))]
    q1 = [["Housing delivery plan 2024/25 - Quarter 1"], header] + [[r, t, "Head of Housing", d, s, "Update."] for (r, t, d), s in
                                                                  zip(items, ["Green", "Amber", "Green"])]
    q2 = [["Housing delivery plan 2024/25 - Quarter 2"], header] + [[r, t, "Head of Housing", d, s, "Update."] for (r, t, d), s in
                                                                  zip(items, ["Complete", "Red", "Green"])]
    q3 = [["Housing delivery plan 2024/25 - Quarter 3"], header] + [[r, t, "Head of Housing", d, "Not due", None] for r, t, d in items]
    path = write_workbook(tmp_path / "housing_delivery_plan_2024-25.xlsx",
                          [SheetSpec("Q1 2024-25", q1), SheetSpec("Q2 2024-25", q2), SheetSpec("Q3 2024-25", q3)])
    ms = perfkit.read_milestones(path)
    assert max(ms.period) == perfkit.parse_span("2024/25 Q2").end
    assert any(p.source == "Q3 2024-25" and "empty template for 2024/25 Q3" in p.message for p in ms.attrs["problems"])


@pytest.mark.parametrize("last_year", ["Same quarter last year", "Same quarter 2023/24"])
def test_a_tab_per_quarters_same_quarter_last_year_is_last_years_quarter_and_the_empty_template_is_said(tmp_path, last_year):
    """A fire service's tab per quarter: 'This quarter | Same quarter last year | Year to date'. The column was 'not used
    by perfkit', so the brief had nothing to set the quarter beside; read, it is last year's quarter (data only: the
    sheet's targets are this year's). The empty Q3 template, with no figure in either column, was then dropped with nothing
    said: it is said as a template."""
    def tab(q, this, before):
        rows = [["Fire and Rescue Service"], [f"Performance Report – Quarter {q} 2024/25"],
                ["KPI", "Description", "Good is", "Target (per quarter)", "This quarter", last_year, "Year to date", "Status"]]
        for k, (name, target) in enumerate((("Accidental dwelling fires", 95), ("Deliberate fires", 180)), start=1):
            rows.append([f"KPI {k}", name, "Low", target, this[k - 1], before[k - 1], None, None])
        return rows
    sheets = [SheetSpec("Q1 2024-25", tab(1, [88, 212], [92, 240])), SheetSpec("Q2 2024-25", tab(2, [91, 175], [99, 190])),
              SheetSpec("Q3 2024-25", tab(3, [97, 160], [94, 171])), SheetSpec("Q4 2024-25", tab(4, [None, None], [None, None]))]
    path = write_workbook(tmp_path / "frs_quarterly_2024-25.xlsx", sheets)
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors
    kp = perfkit.read_measures(path)
    by = {(perfkit.period_label(p), i): a for p, i, a in zip(kp["period"], kp["measure_id"], kp["actual"])}
    assert by[("2023/24 Q2", "KPI 1")] == 99 and by[("2024/25 Q2", "KPI 1")] == 91 and by[("2023/24 Q1", "KPI 2")] == 240
    template = next(e for e in report.inventory if e.sheet == "Q4 2024-25")
    assert template.status == "not read" and template.note.startswith("an empty template for 2024/25 Q4")
    # at Q2 the quarter before is Q1, never last year's; at Q1 there is none (last year's Q3 is no period Q1 follows)
    from perfkit.analyse.figures import quarter_figures
    assert quarter_figures(None, kp, "2024/25 Q2").previous == perfkit.parse_period("2024/25 Q1")
    assert quarter_figures(None, kp, "2024/25 Q1").to_dict()["changes"]["measures"]["from"] is None


def test_a_note_on_the_year_to_date_column_set_aside_is_no_cumulative_warning(tmp_path):
    """'Year to date: counts are cumulative; times and percentages are averages.' under a tab whose 'Year to date' column
    perfkit sets aside (the quarter's own is read): warned three times that 'some figures are cumulative' with no way to
    clear it from perfkit.toml, which held the brief."""
    rows = [["Fire and Rescue Service"], ["Performance Report – Quarter 1 2024/25 (April to June 2024)"],
            ["KPI", "Description", "Good is", "Target (per quarter)", "This quarter", "Year to date", "Status"],
            ["KPI 1", "Accidental dwelling fires", "Low", 95, 88, 88, "Within target"],
            ["KPI 5", "Safe and well visits completed", "High", 2400, 2512, 2512, "Within target"], [],
            ["Within tolerance = within 5% of the target. Year to date: counts are cumulative; times and percentages are averages."]]
    report = perfkit.validate(write_workbook(tmp_path / "frs_q1.xlsx", [SheetSpec("Q1 2024-25", rows)]))
    assert not report.warnings, [p.message for p in report.warnings]


def test_an_indicator_table_under_each_quarters_commitments_is_read_as_measures(tmp_path):
    """A Welsh council's quarter tabs: 'PI | Description | Target 2024/25 | Q1 2024/25 | RAG' under its commitments was read
    as more commitments (its figures refused as due dates, its header row an item filled blue, so Complete), and the empty
    Q3 template was warned of."""
    def tab(q, statuses, figures):
        rows = [[f"Corporate Plan – Quarterly performance report: Quarter {q} 2024/25"], [],
                ["Ref", "Commitment", "Lead officer", "Target date", "RAG", "Progress this quarter"],
                ["C1.1", "Open two childcare settings", "Head of Early Years", day(2025, 3, 31), statuses[0], statuses[0] and "On plan."],
                ["C1.2", "Complete the school building", "Head of Schools", day(2024, 8, 31), statuses[1], statuses[1] and "Some risk."], [],
                ["Performance indicators"], ["PI", "Description", "Target 2024/25", f"Q{q} 2024/25", "RAG", "Comment"],
                ["PAM/007", "Pupil attendance in primary schools (%)", 94, figures[0], figures[1], None],
                ["PAM/015", "Average days to deliver a Disabled Facilities Grant", 200, figures[2], figures[3], None]]
        return SheetSpec(f"Q{q} 2024-25", rows, fills={"E8": "FF1F3864"})
    path = write_workbook(tmp_path / "plan.xlsx", [tab(1, ["Green", "Amber"], [93.1, "A", 231, "R"]),
                                                   tab(2, ["Green", "Complete"], [93.6, "A", 190, "G"]),
                                                   tab(3, [None, None], [None, None, None, None])])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report]
    ms, kp = perfkit.read_milestones(path), perfkit.read_measures(path)
    assert sorted(set(ms.milestone_id)) == ["C1.1", "C1.2"] and sorted(set(kp.measure_id)) == ["PAM/007", "PAM/015"]
    q2 = kp[kp.period == kp.period.max()].set_index("measure_id")
    assert str(kp.period.max()) == "2025Q2" and q2["actual"].to_dict() == {"PAM/007": 93.6, "PAM/015": 190}


def test_quarter_tabs_with_one_header_are_read_as_one_kind_and_a_pi_table_under_them_as_measures(tmp_path):
    """A service plan's quarter tabs: Q1's actions (progress filled in) read as actions, Q2's (the same header, nothing
    telling them apart) as milestones, so no change between them could be counted; and Q1's PI table under the actions
    was read as milestones, 'Q1 2024/25 Value' warned of."""
    def tab(q, progress, statuses, values):
        rows = [[f"Service Plan 2024/25 – Quarter {q} update"], [], ["Code", "Action", "Assigned to", "Due date", "Status", "Progress"]]
        rows += [[f"PL-A0{i}", f"Action {i}", "Manager", day(2025, 3, 31), st, pr] for i, (st, pr) in enumerate(zip(statuses, progress), 1)]
        rows += [[], ["Performance indicators"], ["Code", "PI", f"Q{q} 2024/25 Value", f"Q{q} 2024/25 Target", "Status"]]
        rows += [[f"PL-P0{i}", f"Indicator {i}", v, 50, st] for i, (v, st) in enumerate(values, 1)]
        return SheetSpec(f"Q{q} 2024-25", rows)
    path = write_workbook(tmp_path / "plan.xlsx", [
        tab(1, ["60%", "30%", "70%"], ["In Progress", "In Progress", "Check Progress"], [(48, "Amber"), (52, "Green")]),
        tab(2, [None, None, None], ["Completed", "In Progress", "Overdue"], [(51, "Green"), (47, "Amber")])])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    kinds = {(e.sheet, e.kind) for e in report.inventory if e.status == "read"}
    assert kinds == {("Q1 2024-25", "actions"), ("Q1 2024-25", "measures"), ("Q2 2024-25", "actions"), ("Q2 2024-25", "measures")}
    acts = perfkit.read_actions(path)
    assert sorted({perfkit.period_label(p) for p in acts["period"]}) == ["2024/25 Q1", "2024/25 Q2"]


def test_a_second_tables_rows_never_decide_what_the_first_tables_columns_hold(tmp_path):
    """A service plan's quarter tab: actions (`Code | Action | ... | Status | Progress | Latest note`) over a table of
    PIs (`Code | PI | ... | Status | Latest note`). The PIs' notes under 'Progress' made that column look mixed, so on the
    tab with notes it was read as the commentary (the appendix printed 0.85 as the update) and 'Latest note' dropped."""
    from layout_builders import SheetSpec, day, write_workbook

    acts = [("PL-A01", "Publish the plan", day(2024, 9, 30), "Completed", 1, "Published 23 September 2024."),
            ("PL-A02", "Deliver the route", day(2025, 3, 31), "In Progress", 0.5, None),
            ("PL-A03", "Three-weekly collections", day(2024, 8, 31), "Overdue", 0.85, "Routing software delayed go-live.")]
    rows = [["Place Directorate"], ["Service Plan 2024/25: Quarter 2 (July - September 2024) progress"], [],
            ["Service plan actions"], ["Code", "Action", "Assigned to", "Due date", "Status", "Progress", "Latest note"]]
    rows += [[c, a, "Manager", d, s, p, n] for c, a, d, s, p, n in acts]
    rows += [[], ["Performance indicators"], ["Code", "PI", "Q2 2024/25 Value", "Q2 2024/25 Target", "Status", "Latest note"],
             ["PL-P01", "Household waste recycled (%)", "51.0%", "50%", "OK", None],
             ["PL-P02", "Missed bins per 100,000 collections", "52", "40", "Alert", "Crew shortages over the summer."],
             ["PL-P03", "Adults satisfied with street cleaning (%)", None, "70%", "Unknown", "Annual measure: results in the autumn."]]
    a = perfkit.read_actions(write_workbook(tmp_path / "place_q2.xlsx", [SheetSpec("Q2 2024-25", rows)]))
    assert a["progress"].tolist() == [100, 50, 85]
    assert a["commentary"].fillna("").tolist() == ["Published 23 September 2024.", "", "Routing software delayed go-live."]


def test_same_quarter_last_year_beside_the_years_own_target_is_read_from_the_tabs_quarter(tmp_path):
    """A fire authority's quarter tabs: `Annual target 2024/25 | Quarter target | This quarter | Same quarter last year`.
    The year the annual target names was taken for a quarter the tab's columns name, so 'Same quarter last year' was left
    unread with a warning on each tab (holding the brief), and its line named this year's quarter (`actual@2024/25 Q1`):
    followed, last year's figures replaced this year's."""
    from layout_builders import SheetSpec, write_workbook

    def tab(q, months, now, before):
        return [[f"Northmoor FRA performance – Quarter {q} ({months})"], [],
                ["KPI", "Description", "Good performance is", "Annual target 2024/25", "Quarter target", "This quarter",
                 "Same quarter last year", "Comments"],
                ["KPI 1", "Accidental dwelling fires", "Lower", 300, 75, now[0], before[0], None],
                ["KPI 6", "Safe and Well visits completed", "Higher", 8000, 2000, now[1], before[1], None]]

    path = write_workbook(tmp_path / "fra_performance_2024-25.xlsx",
                          [SheetSpec("Q1 2024-25", tab(1, "April – June 2024", (71, 2150), (78, 1890))),
                           SheetSpec("Q2 2024-25", tab(2, "July – September 2024", (80, 1720), (74, 1940)))])
    kp = perfkit.read_measures(path)
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    got = {(i, perfkit.period_label(p)): a for i, p, a in zip(kp["measure_id"], kp["period"], kp["actual"])}
    assert got == {("KPI 1", "2023/24 Q1"): 78, ("KPI 6", "2023/24 Q1"): 1890, ("KPI 1", "2024/25 Q1"): 71, ("KPI 6", "2024/25 Q1"): 2150,
                   ("KPI 1", "2023/24 Q2"): 74, ("KPI 6", "2023/24 Q2"): 1940, ("KPI 1", "2024/25 Q2"): 80, ("KPI 6", "2024/25 Q2"): 1720}


def test_the_quarter_a_cover_sheet_names_is_the_quarter_of_a_tracker_that_names_none(tmp_path):
    """A cover 'Quarter 2 (July to September 2024)' over a key of coloured swatches, the tracker named 'Tracker' with no
    title: refused as naming no quarter, though the cover says which; a cover naming two quarters still says nothing."""
    cover = [["Corporate Plan delivery tracker 2024/25"], ["Quarter 2 (July to September 2024)"], [], ["Key"],
             [None, "Action completed"], [None, "On track to be delivered by the due date"], [None, "Some slippage"],
             [None, "Significant slippage - will miss due date"]]
    swatches = {"A5": "Blue", "A6": "Green", "A7": "Amber", "A8": "Red"}
    rows = [["Ref", "Action", "Lead", "Due date", "Status"],
            ["1.1", "Adopt the local plan", "Head of Planning", day(2025, 3, 31), None],
            ["1.2", "Open the leisure centre", "Director of Place", day(2024, 9, 1), None],
            ["1.3", "Review the waste rounds", "Head of Waste", day(2024, 8, 31), None]]
    tracker = SheetSpec("Tracker", rows, fills={"E2": "Green", "E3": "Blue", "E4": "Red"})
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Cover", cover, fills=swatches), tracker]))
    assert ms["period"].astype(str).unique().tolist() == ["2025Q2"]
    assert ms["status"].astype(str).tolist() == ["Green", "Complete", "Red"]
    assert any("the quarter the cover sheet names (Cover!A2" in p.message for p in ms.attrs["problems"])
    two = [cover[0], cover[1], ["Quarter 1 (April to June 2024) updates are in the tab before"], *cover[3:]]
    with pytest.raises(Exception, match="names no quarter"):
        perfkit.read_milestones(write_workbook(tmp_path / "two.xlsx", [SheetSpec("Cover", two, fills=swatches), tracker]))


@pytest.mark.parametrize("target", ["Target", "Monthly target"])
def test_one_tab_a_month_reads_each_quarters_last_month_dated_and_sets_the_others_aside(tmp_path, target):
    """Tabs 'Apr' ... 'Sep', each titled 'Monthly Performance Indicators - May 2024': each was read as its month's quarter,
    so April and May clashed with June, refused with a line that put May in Q2. Each quarter's last month is its
    figures, dated with the month in the briefing; the earlier months are set aside, said. A tab's 'Monthly target' is
    the month's target (it was left unread, so no measure was compared with one)."""
    def tab(month, figures):
        return SheetSpec(month[:3], [[f"Monthly Performance Indicators - {month} 2024"], [],
                                     ["Ref", "Indicator", target, "Actual", "RAG"],
                                     ["MP1", "Missed bins per 100,000 collections", 50, figures[0], "G"],
                                     ["MP3", "% of calls answered within 60 seconds", "80%", f"{figures[1]}%", "A"]])
    months = [("April", (41, 81)), ("May", (47, 79)), ("June", (45, 78)), ("July", (52, 76)), ("August", (48, 75)),
              ("September", (44, 77))]
    path = write_workbook(tmp_path / "monthly.xlsx", [tab(m, f) for m, f in months])
    report = perfkit.validate(path)
    assert not report.errors, [p.message for p in report.errors]
    kp = perfkit.read_measures(path)
    got = kp.set_index(["measure_id", kp["period"].map(perfkit.period_label)])
    assert got.loc[("MP1", "2024/25 Q1"), "actual"] == 45 and got.loc[("MP1", "2024/25 Q2"), "actual"] == 44
    assert got.loc[("MP1", "2024/25 Q2"), "figure_period"] == "September 2024"
    assert got.loc[("MP1", "2024/25 Q2"), "target"] == 50 and got.loc[("MP3", "2024/25 Q2"), "target"] == 80
    assert not report.warnings, [p.message for p in report.warnings]
    said = [p.message for p in report if p.source == "May"]
    assert any("a month's tab (May 2024) of 2024/25 Q1" in m and "'Jun' (June 2024)" in m for m in said), said


def test_a_monthly_target_beside_a_quarters_figures_is_a_warning_saying_what_to_type(tmp_path):
    """'Monthly target | Q2 Actual' on a quarter's sheet: a count for the quarter is three months' against one month's
    target, so the column is read but said, with the line that leaves it out."""
    rows = [["Waste KPIs 2024/25 Quarter 2"], ["Ref", "Measure", "Good is", "Monthly target", "Q2 Actual", "RAG"],
            ["W1", "Missed bins", "Low", 100, 280, "G"], ["W2", "Calls answered (%)", "High", 90, 92, "G"]]
    path = write_workbook(tmp_path / "waste.xlsx", [SheetSpec("Q2", rows)])
    warned = [p for p in perfkit.validate(path).warnings if p.column == "target"]
    assert [p.source for p in warned] == ["Q2!D2"] and '"Monthly target" = "ignore"' in warned[0].message


def test_targets_kept_on_a_sheet_of_their_own_are_joined_to_the_figures_by_reference(tmp_path):
    """A housing return: `Targets 2024-25` (`PI code | Indicator | Polarity | Annual target`) beside `Q2 Actuals` (`PI code |
    Indicator | Q2 actual`). The targets sheet was 'targets only' (a warning), its name and the other's were taken as
    directorates ('Actuals'), and with the warning accepted the briefing said no measure had a target."""
    targets = [["Housing Services - Annual targets 2024/25"], [], ["PI code", "Indicator", "Polarity", "Annual target"],
               ["HS01", "Rent collected as % of rent due", "Higher", "98.5%"], ["HS02", "Average days to re-let empty homes", "Lower", "30"],
               ["HS03", "Repairs completed right first time %", "Higher", "90%"]]
    actuals = [["Housing Services - Quarter 2 2024/25 performance"], [], ["PI code", "Indicator", "Q2 actual"],
               ["HS01", "Rent collected as % of rent due", "97.9%"], ["HS02", "Average days to re-let empty homes", "41"],
               ["HS03", "Repairs completed right first time %", "91.5%"]]
    path = write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Targets 2024-25", targets), SheetSpec("Q2 Actuals", actuals)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    kp = perfkit.read_measures(path).set_index("measure_id")
    assert kp["target"].to_dict() == {"HS01": 98.5, "HS02": 30, "HS03": 90}
    assert kp["polarity"].astype(str).to_dict() == {"HS01": "higher", "HS02": "lower", "HS03": "higher"}
    assert "directorate" not in kp
    assert any("a sheet of targets (3 measures, no figures): each is the target of its measure on sheet 'Q2 Actuals'" in p.message
               for p in report)
