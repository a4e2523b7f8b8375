"""Monthly columns beside the officer's own quarter columns (``Apr | May | Jun | Q1 | Jul | Aug | Sep | Q2``): the quarter
columns are read, the months noted as not read, never summed into the quarter nor read as periods of their own."""

from __future__ import annotations

import random
import re

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.cli.starter import starter_text

MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def quarter_of(values: list[int], rule: str) -> int:
    """The officer's own quarter figure from the months: a total, the last month, or an average (rounded)."""
    return {"sum": sum(values), "last": values[-1], "mean": round(sum(values) / len(values))}[rule]


@layout("monthly beside quarterly", "Apr May Jun Q1 Jul Aug Sep Q2, Oct and Nov typed but Q3 not yet")
def build_months_and_quarters(folder):
    rng = random.Random(51)
    measures = [("K1", "Missed bins", "Low", "sum"), ("K2", "Calls answered (%)", "High", "mean"), ("K3", "Households in B&B", "Low", "last"),
                ("K4", "Fly-tipping incidents", "Low", "sum")]
    header = ["Ref", "Measure", "Good is", "Quarterly target"]
    for k in range(3):
        header += MONTHS[3 * k: 3 * k + 3] + [f"Q{k + 1}"]
    rows = [["Environment services: monthly and quarterly performance 2024/25"], [], header]
    q1 = []
    for ref, name, good, rule in measures:
        months = [rng.randint(5, 95) for _ in range(8)]  # April to November
        quarters = [quarter_of(months[0:3], rule), quarter_of(months[3:6], rule)]
        q1.append(float(quarters[0]))
        rows.append([ref, name, good, rng.randint(20, 80), *months[0:3], quarters[0], *months[3:6], quarters[1], *months[6:8], None, None])
    rows += [[], ["Note: quarterly figures are the service's own; months are provisional"]]
    path = write_workbook(folder / "environment_2024-25.xlsx", [SheetSpec("Environment", rows)])
    return path, Truth({"measures": len(measures)}, "2024/25 Q2", columns={"measures": {"actual": q1}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout("monthly beside quarterly", "milestone RAG by month with the quarter's RAG after each, under priority sections")
def build_monthly_rag(folder):
    rng = random.Random(52)
    header = ["Ref", "Milestone", "Lead", "Apr-24", "May-24", "Jun-24", "Q1 24/25", "Jul-24", "Aug-24", "Sep-24", "Q2 24/25"]
    rows = [["Delivery plan tracker"], header]
    q2: dict[str, int] = {}
    n = 0
    for priority in ("PRIORITY: Strong economy", "PRIORITY: Healthy people"):
        rows.append([priority])
        for _ in range(rng.randint(3, 5)):
            n += 1
            months = [rng.choice(["Green", "Amber", "Red"]) for _ in range(6)]
            rows.append([f"D{n}", f"Milestone {n}", "Lead", *months[:3], months[2], *months[3:], months[5]])
            q2[months[5]] = q2.get(months[5], 0) + 1
    path = write_workbook(folder / "tracker.xlsx", [SheetSpec("Tracker", rows)])
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": q2}, periods={"milestones": ["2024/25 Q1", "2024/25 Q2"]})


@layout("monthly beside quarterly", "a year merged over Quarter 1 and its months, actuals in a two-row header")
def build_two_row_header(folder):
    rng = random.Random(53)
    measures = [(f"PI{i}", f"Indicator {i}") for i in range(1, 6)]
    top = [None, None, None, "2024/25", None, None, None, None, None, None, None]
    header = ["Ref", "Indicator", "Target", "April", "May", "June", "Quarter 1", "July", "August", "September", "Quarter 2"]
    rows = [["Quarterly performance report"], top, header]
    q2 = []
    for ref, name in measures:
        months = [rng.randint(50, 100) for _ in range(6)]
        quarters = [round(sum(months[:3]) / 3), round(sum(months[3:]) / 3)]
        q2.append(float(quarters[0]))
        rows.append([ref, name, 75, *months[:3], quarters[0], *months[3:], quarters[1]])
    path = write_workbook(folder / "quarterly_report.xlsx", [SheetSpec("Indicators", rows, merges=["D2:K2"])])
    return path, Truth({"measures": len(measures)}, "2024/25 Q2", columns={"measures": {"actual": q2}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


# ---------------------------------------------------------------------------------------------- focused tests


def test_the_months_are_noted_and_never_summed_into_the_quarter(tmp_path):
    path, _truth = build_months_and_quarters(tmp_path)
    kp = perfkit.read_measures(path)
    assert sorted(kp.source.str.extract(r"!([A-Z]+)\d+")[0].unique()) == ["H", "L"], "only the Q1 and Q2 columns are read"
    notes = [p for p in kp.attrs["problems"] if "month columns" in p.message]
    assert any(p.source == "Environment!E3:G3" and p.severity == "info" and "'Apr', 'May', 'Jun' of 2024/25 Q1 not read" in p.message
               and "'Q1' is read instead" in p.message for p in notes)
    assert len(kp) == 8, "four measures, two quarters: no month is a period"


def test_months_of_a_quarter_with_no_column_of_its_own_are_a_warning(tmp_path):
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Target", "Apr", "May", "Jun", "Q1", "Jul", "Aug"], ["K1", "Calls", 90, 88, 89, 90, 89, 91, 92]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert list(kp.period.astype(str)) == ["2025Q1"] and list(kp.actual) == [89]
    warned = [p for p in kp.attrs["problems"] if p.severity == "warning" and "no quarter column of its own" in p.message]
    assert len(warned) == 1 and warned[0].source == "KPIs!H2:I2"
    assert '"Aug" = "actual@2024/25 Q2"' in warned[0].message


def test_months_of_a_quarter_before_the_one_reported_with_no_column_are_a_note_and_set_aside(tmp_path):
    """An IJB scorecard 'Apr-24 ... Sep-24 | Q2 2024/25 | RAG': the months of Q1, which has no column, blocked the briefing
    with a warning that only a hand-typed line could clear, and `perfkit init` left them blank."""
    rows = [["IJB Performance Scorecard, Quarter 2 2024/25"],
            ["Ref", "Indicator", "Good is", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Q2 2024/25", "RAG"],
            ["IJB01", "Emergency admissions per 100,000", "Low", 2400, 2290, 2350, 2330, 2300, 2280, 2350, 2310, "G"],
            ["IJB05", "CAMHS seen within 18 weeks (%)", "High", "90%", "70%", "71%", "73%", "72%", "71%", "73%", "72%", "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("Scorecard", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert list(kp.period.astype(str)) == ["2025Q2", "2025Q2"] and list(kp.actual) == [2310, 72]
    said = [p for p in kp.attrs["problems"] if "before the quarter columns" in p.message]
    assert len(said) == 1 and said[0].source == "Scorecard!E2:G2" and '"Jun-24" = "actual@2024/25 Q1"' in said[0].message


@pytest.mark.parametrize("target, months", [(1200, [95, 102, 99]), (None, [10, 25, 41, 60])])
def test_months_of_a_count_are_still_refused_rather_than_folded(tmp_path, target, months):
    """A month's count beside the year's target (each month a twelfth of it), or one that rises every month (a year to
    date): the quarter's figure is not its last month's alone, so how its months make a quarter is asked."""
    from perfkit.core.errors import LayoutError

    heads = ["Apr", "May", "Jun", "Jul"][:len(months)]
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Target", *heads], ["K1", "Calls answered", target, *months],
            ["K2", "Calls abandoned (%)", 5, *[4] * len(months)]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    with pytest.raises(LayoutError, match="monthly columns"):
        perfkit.read_measures(path)


def test_a_monthly_dashboard_of_rates_and_positions_is_read_by_each_quarters_last_month_dated_so(tmp_path):
    """A homelessness dashboard, Apr-24 to Sep-24 beside one target a measure: shares, a position at the month's end and a
    count the size of its monthly target. It was refused until a roll-up was typed; each quarter is its last month's
    figure, dated with the month, never the months added up."""
    rows = [["Homelessness dashboard 2024/25"], [],
            ["Ref", "Indicator", "Good is", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24"],
            ["HO1", "Prevention duty ended: accommodation secured (%)", "High", "60%", "58%", "61%", "63%", "59%", "57%", "54%"],
            ["HO2", "Households in temporary accommodation at month end", "Low", 120, 131, 128, 126, 122, 119, 117],
            ["HO3", "Rough sleepers counted", "Low", 5, 7, 6, 6, 9, 7, 8]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)]))
    q2 = kp[kp["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert q2["actual"].to_dict() == {"HO1": 54, "HO2": 117, "HO3": 8} and set(q2["figure_period"]) == {"September 2024"}
    q1 = kp[kp["period"] == perfkit.parse_span("2024/25 Q1").end].set_index("measure_id")
    assert q1["actual"].to_dict() == {"HO1": 63, "HO2": 126, "HO3": 6}
    said = [p for p in kp.attrs["problems"] if "stands on its own" in p.message]
    assert len(said) == 1 and said[0].severity == "info" and "'Sep-24' for 2024/25 Q2" in said[0].message


FULL_MONTHS = ["April", "May", "June", "July", "August", "September"]


def quarter_totals(folder):
    rng = random.Random(54)
    measures = [("Complaints received", "Low", "sum"), ("Complaints answered in 10 days (%)", "High", "mean"), ("Calls abandoned", "Low", "sum")]
    header = ["Short Name", "Good is", "Quarterly target", *FULL_MONTHS[:3], "Q1 Total", *FULL_MONTHS[3:], "Total Q2", "Notes"]
    rows = [["Customer Services Performance 2024/25"], [], header]
    q2, targets = [], []
    for name, good, rule in measures:
        months = [rng.randint(40, 95) for _ in range(6)]
        quarters = [quarter_of(months[:3], rule), quarter_of(months[3:], rule)]
        target = rng.randint(50, 200)
        q2.append(float(quarters[1]))
        targets.append(float(target))
        rows.append([name, good, target, *months[:3], quarters[0], *months[3:], quarters[1], "Service commentary"])
    rows += [[], ["Quarter figures are the service's own: a total for counts, the rate for the quarter for percentages"]]
    path = write_workbook(folder / "customer_services.xlsx", [SheetSpec("Customer Services", rows)])
    return path, Truth({"measures": len(measures)}, "2024/25 Q2", columns={"measures": {"name": [m[0] for m in measures]}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]}), q2, targets


@layout("monthly beside quarterly", "full month names with the service's own 'Q1 Total' and 'Total Q2' columns, a quarterly target")
def build_quarter_totals(folder):
    path, truth, _q2, _targets = quarter_totals(folder)
    return path, truth


def test_quarter_total_columns_are_read_and_the_months_beside_them_are_not(tmp_path):
    path, _truth, q2, targets = quarter_totals(tmp_path)
    kp = perfkit.read_measures(path)
    at = kp[kp.period == perfkit.parse_span("2024/25 Q2").end]
    assert list(at.actual) == q2 and list(at.target) == targets
    assert not any("monthly columns" in p.message for p in kp.attrs["problems"] if p.severity != "info")
    assert any("'Q1 Total' is read instead" in p.message for p in kp.attrs["problems"])


@pytest.mark.parametrize("header", ["Q2 Total", "Q2 total", "Total Q2", "Quarter 2 total"])
def test_every_wording_of_a_quarter_total_is_the_quarter(tmp_path, header):
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Quarterly target", "Jul", "Aug", "Sep", header], ["K1", "Calls", 90, 88, 89, 90, 267]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert list(kp.period.astype(str)) == ["2025Q2"] and list(kp.actual) == [267] and list(kp.target) == [90]


# ---------------------------------------------------------------------------------------------- mappings that match no header


def test_a_mapping_that_matches_no_header_is_a_warning_naming_the_nearest(tmp_path):
    path, _truth, q2, _targets = quarter_totals(tmp_path)
    (tmp_path / "perfkit.toml").write_text(
        '[sheets."Customer Services".columns]\n"Q2 Totl" = "actual@2024/25 Q2"\n"Notes" = "commentary"\n', encoding="utf-8")
    kp = perfkit.read_measures(path)
    warned = [p for p in kp.attrs["problems"] if p.severity == "warning"]
    assert len(warned) == 1 and warned[0].source == "Customer Services" and warned[0].value == "Q2 Totl"
    assert "no header of sheet 'Customer Services' is 'Q2 Totl'" in warned[0].message
    assert '"Total Q2" = "actual@2024/25 Q2"' in warned[0].message
    assert list(kp[kp.period == perfkit.parse_span("2024/25 Q2").end].actual) == q2, "the sheet is read as without the line"


def test_a_map_argument_that_matches_no_header_is_a_warning(tmp_path):
    path, _truth, _q2, _targets = quarter_totals(tmp_path)
    kp = perfkit.read_measures(path, columns={"Quartr target": "target"})
    warned = [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert len(warned) == 1 and "'Quartr target'" in warned[0] and '"Quarterly target" = "target"' in warned[0]


def test_a_sheets_table_naming_no_sheet_is_a_warning_naming_the_nearest_sheet(tmp_path):
    path, _truth, _q2, _targets = quarter_totals(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[sheets."Customer Service"]\nperiod = "2024/25 Q2"\n', encoding="utf-8")
    kp = perfkit.read_measures(path)
    warned = [p for p in kp.attrs["problems"] if p.severity == "warning"]
    assert len(warned) == 1 and '[sheets."Customer Service"] names a sheet the workbook does not have' in warned[0].message
    assert "did you mean 'Customer Services'?" in warned[0].message


def test_mappings_that_match_their_headers_say_nothing(tmp_path):
    path, _truth, _q2, _targets = quarter_totals(tmp_path)
    (tmp_path / "perfkit.toml").write_text(
        '[columns]\n"Notes" = "commentary"\n[sheets."Customer Services".columns]\n"total q2" = "actual@2024/25 Q2"\n', encoding="utf-8")
    kp = perfkit.read_measures(path)
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_year_to_date_column_beside_the_quarters_is_a_note_saying_what_to_type(tmp_path):
    """A 'YTD' column was a warning (so brief stopped) suggesting it be mapped as a quarter's actual, which clashed."""
    rows = [["Housing KPIs 2024/25"], ["Ref", "Measure", "Good is", "Target", "Qtr 1", "Qtr 2", "YTD"],
            ["K1", "Homes let", "High", 30, 31, 29, 60], ["K2", "Days to relet", "Low", 20, 18, 25, 21.5]]
    path = write_workbook(tmp_path / "kpis_2024-25.xlsx", [SheetSpec("Housing KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert not [p for p in kp.attrs["problems"] if p.severity != "info"]
    said = [p.message for p in kp.attrs["problems"] if p.source == "Housing KPIs!G2"]
    assert len(said) == 1 and 'put "YTD" = "ignore" under [sheets."Housing KPIs".columns]' in said[0]
    assert sorted(kp["actual"]) == [18.0, 25.0, 29.0, 31.0]


@pytest.mark.parametrize("status, read", [("YTD status", "YTD"), ("Q2 RAG", "in quarter")])
def test_in_quarter_and_year_to_date_columns_for_each_quarter_read_the_ones_the_statuses_are_of(tmp_path, status, read):
    """A housing association's TSMs: 'Q1 (in quarter) | Q1 YTD | Q2 (in quarter) | Q2 YTD'. 'Q1 (in quarter)' was
    taken for a period column, 'Q2 (in quarter)' warned of, and Q2's year-to-date figure read with nothing said."""
    rows = [["Tenant satisfaction measures 2024/25"], [],
            ["TSM", "Measure", "Target", "Q1 (in quarter)", "Q1 YTD", "Q2 (in quarter)", "Q2 YTD", status],
            ["CH01", "Stage 1 complaints per 1,000 homes", 40, 9.5, 9.5, 11.0, 20.5, "Green"],
            ["TP01", "Overall satisfaction (%)", 75, 71, 71, 73, 72, "Amber"]]
    path = write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM Q2", rows)])
    kp = perfkit.read_measures(path)
    q2 = kp[kp.period == kp.period.max()].set_index("measure_id")["actual"].to_dict()
    assert q2 == ({"CH01": 20.5, "TP01": 72} if read == "YTD" else {"CH01": 11.0, "TP01": 73})
    said = {p.source: p.message for p in kp.attrs["problems"] if "not read:" in p.message}
    dropped = ("TSM Q2!D3", "TSM Q2!F3") if read == "YTD" else ("TSM Q2!E3", "TSM Q2!G3")
    assert set(said) == set(dropped) and all(p.severity == "info" for p in kp.attrs["problems"] if p.source in dropped)


def test_a_quarter_with_no_target_of_its_own_is_never_measured_against_the_years(tmp_path):
    """A library dashboard: months, the officer's Q1 and Q2 columns, 'Annual target' and 'Q2 target'. Q1, with no target
    of its own, was measured against the year's (148,500 visits against 600,000: Red 5, silently), and Q2 'improved 3'."""
    rows = [["Library & Information Service - Performance Dashboard 2024/25"], [],
            ["Indicator", "Annual target", "Apr", "May", "Jun", "Q1", "Jul", "Aug", "Sep", "Q2", "Q2 target", "Q2 status"],
            ["Physical visits", 600000, 48000, 51000, 49500, 148500, 55000, 58000, 47000, 160000, 150000, "On target"],
            ["PC sessions", 80000, 6000, 6100, 5900, 18000, 5500, 5200, 5800, 16500, 20000, "Below target"],
            ["Satisfied users (%)", 90, 91, 92, 90, 91, 89, 90, 88, 89, 90, "Below target"]]
    path = write_workbook(tmp_path / "libraries.xlsx", [SheetSpec("Dashboard", rows)])
    assessed = perfkit.assess_measures(perfkit.read_measures(path))
    q1 = assessed[assessed["period"] == perfkit.parse_period("2024/25 Q1")]
    assert q1["status"].astype(str).tolist() == ["Data only", "Data only", "Green"]  # a rate's year target is its quarter's too
    assert q1["target"].tolist()[2] == 90


def test_an_sla_returns_quarter_averages_beside_its_months_are_the_quarters_figures(tmp_path):
    """`Service standard | Target | Apr-24 | May-24 | Jun-24 | Q1 Avg | ...`: 'Service standard' (a target's word) over
    the standards' names was read as the target, no names column was found, and 'Q1 Avg' was not the quarter's own
    figure: refused, and right only after twelve edits. The names are the names, the averages the quarters'."""
    rows = [["Customer Services - Service Level Agreements 2024/25"], [],
            ["Service standard", "Target", "Apr-24", "May-24", "Jun-24", "Q1 Avg", "Jul-24", "Aug-24", "Sep-24", "Q2 Avg"],
            ["Calls answered within 60 seconds (%)", 80, 78, 82, 83, 81, 75, 70, 77, 74],
            ["Emails responded to within 5 working days (%)", 95, 96, 97, 95, 96, 96, 94, 95, 95],
            ["Complaints acknowledged within 3 days (%)", 90, 85, 88, 86, 86.3, 91, 93, 92, 92]]
    path = write_workbook(tmp_path / "sla.xlsx", [SheetSpec("Service standards", rows)])
    ms = perfkit.read_measures(path)
    q1 = ms[ms["period"] == perfkit.parse_span("2024/25 Q1").end].set_index("name")
    assert q1["actual"].tolist() == [81, 96, 86.3] and q1["target"].tolist() == [80, 95, 90]


# A library dashboard's measures: (ref, name, good is, last year's outturn, quarterly target, Q1 months, Q2 months).
LIBRARY = [("LIB01", "Library visits", "High", 468120, 120000, [38210, 40115, 39870], [44020, 46310, 37560]),
           ("LIB02", "Virtual visits", "High", 351900, 90000, [31000, 29400, 28650], [27900, 26100, 30200]),
           ("LIB03", "Items issued", "High", 598400, 150000, [50100, 50800, 50400], [56000, 55900, 55950]),
           ("LEI01", "Swims", "High", 101000, 26000, [8500, 8700, 8600], [8000, 8100, 8200])]


@layout("monthly beside quarterly", "last year's outturn, 'Annual target 2024/25' and 'Quarterly target' beside months and Q1 | Q2")
def build_annual_and_quarterly_targets(folder):
    """The quarter columns are totals of the months, so each is measured against the quarterly target; the year's
    target is four times it. Each quarter had been compared with the year's (127,890 visits against 480,000: Red) and
    last year's outturn with the quarterly target, under a warning naming the wrong column."""
    header = ["KPI ref", "Indicator", "Good is", "2023/24 outturn", "Annual target 2024/25", "Quarterly target",
              "Apr-24", "May-24", "Jun-24", "Q1", "Jul-24", "Aug-24", "Sep-24", "Q2"]
    rows = [["Libraries and Leisure: monthly performance dashboard 2024/25"], [], header]
    for ref, name, good, outturn, quarterly, m1, m2 in LIBRARY:
        rows.append([ref, name, good, outturn, 4 * quarterly, quarterly, *m1, sum(m1), *m2, sum(m2)])
    rows += [[], ["RAG: green on or better than the quarterly target; amber within 5% of it; red more than 5% worse."]]
    path = write_workbook(folder / "libraries_2024-25.xlsx", [SheetSpec("Libraries 24-25", rows)])
    return path, Truth({"measures": len(LIBRARY)}, "2024/25 Q2")


def test_a_quarterly_target_beside_the_years_is_each_quarters(tmp_path):
    path, truth = build_annual_and_quarterly_targets(tmp_path)
    ms = perfkit.read_measures(path)
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    for q in ("2024/25 Q1", "2024/25 Q2"):
        at = ms[ms["period"] == perfkit.parse_span(q).end]
        assert at["target"].tolist() == [float(x[4]) for x in LIBRARY], q
    last_year = ms[ms["period"] == perfkit.parse_span("2023/24 Q4").end]
    assert last_year["target"].isna().all()  # the quarterly target is no year's
    statuses: dict[str, int] = {}  # the Q2 figures against the quarterly target, amber within 5%
    for *_, quarterly, _, m2 in LIBRARY:
        status = "Green" if sum(m2) >= quarterly else "Amber" if sum(m2) >= 0.95 * quarterly else "Red"
        statuses[status] = statuses.get(status, 0) + 1
    assessed = perfkit.assess_measures(ms)
    q2 = assessed[assessed["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["status"].astype(str).value_counts().to_dict() == statuses


@pytest.mark.parametrize("header", ["24 months to Sep 2024", "2 years to September 2024", "Rolling 24 months to Sept 2024"])
def test_a_rolling_windows_column_is_said_and_never_blocks_the_brief(tmp_path, header):
    """A planning dashboard's '24 months to Sep 2024' (the national assessment period) beside its quarter columns was a
    warning that blocked the brief, offering a line that would have read it as Q2's figure."""
    rows = [["Planning service dashboard 2024/25"], [],
            ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2", header],
            ["PL01", "Major applications decided in time (%)", "Higher", 60, 72, 80, 76],
            ["PL02", "Minor applications decided in time (%)", "Higher", 70, 81, 78, 79]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "planning.xlsx", [SheetSpec("Dashboard", rows)]))
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]
    said = [p for p in ms.attrs["problems"] if p.source == "Dashboard!G3"]
    assert said and "rolling window" in said[0].message and "not read" in said[0].message
    assert ms.loc[ms["period"] == perfkit.parse_span("2024/25 Q2").end, "actual"].tolist() == [80, 78]


def test_year_to_date_columns_beside_the_quarters_are_never_the_years_outturns(tmp_path):
    """A community safety dashboard: months, Q1, Q2, then 'YTD 2024/25 | YTD 2023/24 | Change | RAG'. The two YTD columns
    were read as the years' outturns, so the briefing was an annual one at 2024/25 Q4 with the RAG placed there."""
    rows = [["Community Safety Partnership - data to the end of September 2024 (Quarter 2 2024/25)"],
            ["Ref", "Measure", "Aim", "Apr-24", "May-24", "Jun-24", "Q1", "Jul-24", "Aug-24", "Sep-24", "Q2", "YTD 2024/25",
             "YTD 2023/24", "Change", "RAG"],
            ["CSP1", "All recorded crime", "Reduce", 1012, 1088, 1105, 3205, 1150, 1121, 1034, 3305, 6510, 6802, "-4.3%", "A"],
            ["CSP4", "Residential burglary", "Reduce", 41, 38, 45, 124, 39, 36, 44, 119, 243, 231, "+5.2%", "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Dashboard", rows)]))
    assert sorted(perfkit.period_label(p) for p in kp["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    q2 = kp[kp["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["actual"].tolist() == [3305, 119] and q2["reported_status"].astype(str).tolist() == ["Amber", "Red"]


def test_year_to_date_columns_alone_under_a_quarters_title_are_that_quarter_of_each_year(tmp_path):
    """A fire authority's 'Quarter 2 2024/25' report whose only columns are 'YTD 2023/24 | YTD target 2024/25 | YTD
    2024/25 | RAG': read as the years' outturns, the briefing went out as an annual one for April to March, unwarned."""
    rows = [["Fire and Rescue Authority - Performance Report, Quarter 2 2024/25"],
            ["All figures are year to date (1 April to 30 September 2024) unless stated"], [],
            ["Ref", "Performance indicator", "Good performance", "YTD 2023/24", "YTD target 2024/25", "YTD 2024/25", "RAG"],
            ["PI 1", "Number of primary fires", "Lower", 412, 400, "387", "Green"],
            ["PI 2", "Accidental dwelling fires", "Lower", 96, 95, "99", "Amber"],
            ["PI 7", "Safe and Well visits completed", "Higher", 5210, 5500, "5,631", "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Q2 Performance", rows)]))
    assert sorted(perfkit.period_label(p) for p in kp["period"].unique()) == ["2023/24 Q2", "2024/25 Q2"]
    q2 = kp[kp["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["actual"].tolist() == [387, 99, 5631] and q2["target"].tolist() == [400, 95, 5500]
    assert q2["reported_status"].astype(str).tolist() == ["Green", "Amber", "Green"] and q2["cumulative"].all()
    annual = [r[:3] + [h.replace("YTD ", "") if isinstance(h, str) else h for h in r[3:]] for r in rows]  # no YTD: the years
    annual[0] = ["Fire and Rescue Authority - Annual Performance Report 2024/25"]
    annual[1] = []
    kp = perfkit.read_measures(write_workbook(tmp_path / "annual.xlsx", [SheetSpec("Outturns", annual)]))
    assert sorted(perfkit.period_label(p) for p in kp["period"].unique()) == ["2023/24 Q4", "2024/25 Q4"]
    assert set(kp["span"].astype(str)) == {"year"} and not kp["cumulative"].any()


def test_a_board_packs_months_beside_its_year_to_date_read_the_year_to_date(tmp_path):
    """A housing association's board pack: 'Apr-24 ... Sep-24 | YTD Actual | YTD Target | YTD RAG', titled Month 6. It
    was refused as monthly data, and the lines init wrote then read September's month against the annual target."""
    rows = [["Harbourside Homes"], ["Board Performance Report - September 2024 (Month 6, 2024/25)"],
            ["Ref", "KPI", "Good is", "Target 2024/25", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24",
             "YTD Actual", "YTD Target", "YTD RAG"],
            ["INC1", "Rent collected (%)", "High", "99.5%", "97.8%", "98.9%", "99.2%", "99.0%", "99.3%", "99.6%", "99.1%", "99.5%", "A"],
            ["CH01", "Stage 1 complaints per 1,000 homes", "Low", 40, 3.1, 3.4, 3.2, 3.3, 3.2, 3.3, 19.5, 20, "G"],
            [], ["RAG key (year to date): G = on or better than YTD target; A = within 5% of YTD target; R = more than 5% adrift."]]
    path = write_workbook(tmp_path / "board_kpis_sep2024.xlsx", [SheetSpec("KPI Report", rows)])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    assert [perfkit.period_label(p) for p in kp["period"].unique()] == ["2024/25 Q2"]
    assert kp["actual"].tolist() == [99.1, 19.5] and kp["target"].tolist() == [99.5, 20]
    assert kp["reported_status"].astype(str).tolist() == ["Amber", "Green"]


@pytest.mark.parametrize("header", ["Latest month", "Current month", "Latest month figure"])
def test_an_integrated_performance_reports_latest_month_is_its_figure_and_the_months_are_set_aside(tmp_path, header):
    """An NHS trust's IPR: 'Target | Apr-24 ... Sep-24 | Latest month | Variance from target', the latest month filled
    red or green. It was refused as monthly data, and init asked what 'Latest month', the column the board reads, held."""
    rows = [["Integrated Performance Report 2024/25"],
            ["Domain", "Metric", "Good is", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", header,
             "Variance from target"],
            ["Responsive", "Cancer 28-day faster diagnosis (%)", "High", 77, 74, 78, 79, 80, 77, 81, 81, 4],
            ["Safe", "C. difficile cases", "Low", 5, 4, 6, 3, 5, 2, 7, 7, 2],
            ["Well led", "Staff turnover (%)", "Low", 12, 11.5, 11.3, 11.2, 11.0, 10.9, 10.8, 10.8, -1.2]]
    path = write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors
    kp = perfkit.read_measures(path)
    assert [perfkit.period_label(p) for p in kp["period"].unique()] == ["2024/25 Q2"]
    assert kp["actual"].tolist() == [81, 7, 10.8] and kp["target"].tolist() == [77, 5, 12]  # never the months added up
    assert set(kp["figure_period"]) == {"September 2024"}
    assert any("not read" in p.message and "Apr-24" in p.message for p in report)
    assert f'"{header}" = "actual"' in starter_text(path)


def test_months_beside_this_and_last_years_year_to_date_read_the_year_to_date_against_its_profile(tmp_path):
    """A revenues and benefits pack: 'Annual target 2024/25 | Apr-24 ... Sep-24 | YTD 2024/25 | YTD 2023/24 | Profiled
    target (YTD) | RAG'. It was refused as monthly data; the lines init wrote read 'YTD 2024/25' as the year's outturn. The
    year to date is 2024/25 Q2 against its profiled target, and last year's the same months, rated against nothing."""
    rows = [["Revenues and Benefits performance pack"], ["September 2024 (month 6)"], [],
            ["Ref", "Performance indicator", "Good performance", "Annual target 2024/25", "Apr-24", "May-24", "Jun-24",
             "Jul-24", "Aug-24", "Sep-24", "YTD 2024/25", "YTD 2023/24", "Profiled target (YTD)", "RAG"],
            ["RB01", "Council tax in-year collection rate (cumulative %)", "High", 97.2, 10.2, 19.6, 29.1, 38.5, 47.9, 56.6,
             56.6, 57.1, 57.0, "A"],
            ["RB04", "Average days to process new claims", "Low", 20, 21, 20, 19, 22, 20, 20, 20.4, 22.7, 20, "A"],
            ["RB08", "Calls answered (%)", "High", 95, 96, 97, 96, 97, 96, 97, 96.5, 94.0, 95, "G"],
            [], ["Notes: collection rates are cumulative for the year; the profiled target is the position expected at the end of September."]]
    path = write_workbook(tmp_path / "revs_bens_pack_sep24.xlsx", [SheetSpec("KPI Pack", rows)])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    now = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert now["actual"].to_dict() == {"RB01": 56.6, "RB04": 20.4, "RB08": 96.5}
    assert now["target"].to_dict() == {"RB01": 57.0, "RB04": 20, "RB08": 95}  # the profile, never half the year's 97.2
    before = kp[kp["period"].map(perfkit.period_label) == "2023/24 Q2"].set_index("measure_id")
    assert before["actual"].to_dict() == {"RB01": 57.1, "RB04": 22.7, "RB08": 94.0} and before["target"].isna().all()
    assert set(kp["period"].map(perfkit.period_label)) == {"2023/24 Q2", "2024/25 Q2"}


def _monthly_tracker(tmp_path, sep="G"):
    months = [day(2024, m, 1) for m in range(4, 13)] + [day(2025, m, 1) for m in range(1, 4)]
    rows = [["Corporate Plan delivery tracker 2024/25 - monthly RAG"], [],
            ["Ref", "Deliverable", "Lead", "Due date", *months, "Latest position"],
            ["CP01", "Open the new library", "Head of Culture", day(2025, 3, 31), "A", "A", "R", "A", "A", sep, *[None] * 6, "On site"],
            ["CP02", "Adopt the local plan", "Head of Planning", day(2024, 8, 31), "G", "G", "G", "A", "B", "B", *[None] * 6, "Adopted"],
            ["CP03", "Retender waste contract", "Head of Waste", day(2024, 9, 30), "G", "G", "A", "A", "R", "R", *[None] * 6, "Late"]]
    return write_workbook(tmp_path / "tracker_2024-25.xlsx", [SheetSpec("Tracker", rows, number_formats={"E3:P3": "mmm-yy"})])


def test_a_status_column_for_each_month_reads_each_quarter_at_its_last_month(tmp_path):
    """A tracker's RAG for each month Apr-24 ... Mar-25 (Apr to Sep filled) was refused as monthly data: a status is a
    position, so each quarter is its last month's column (June for Q1, September for Q2), the others set aside."""
    ms = perfkit.read_milestones(_monthly_tracker(tmp_path))
    by = {perfkit.period_label(p): g.set_index("milestone_id")["status"].astype(str).to_dict() for p, g in ms.groupby("period")}
    assert by == {"2024/25 Q1": {"CP01": "Red", "CP02": "Green", "CP03": "Amber"},
                  "2024/25 Q2": {"CP01": "Green", "CP02": "Complete", "CP03": "Red"}}
    said = [p.message for p in ms.attrs["problems"] if "a column for each month" in p.message]
    assert len(said) == 1 and "for 2024/25 Q1" in said[0] and "for 2024/25 Q2" in said[0]
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_quarter_rated_in_an_earlier_month_but_not_its_last_is_a_warning(tmp_path):
    """Statuses for July and August but none yet for September: Q2's position at its end is not given, so Q2 is not
    read, and the warning names both columns and the lines that would read August as Q2."""
    months = [day(2024, m, 1) for m in range(4, 10)]
    rows = [["Corporate Plan delivery tracker 2024/25 - monthly RAG"], [],
            ["Ref", "Deliverable", "Lead", "Due date", *months],
            ["CP01", "Open the new library", "Head of Culture", day(2025, 3, 31), "A", "A", "R", "A", "A", None],
            ["CP02", "Adopt the local plan", "Head of Planning", day(2025, 3, 31), "G", "G", "G", "A", "G", None]]
    path = write_workbook(tmp_path / "tracker_2024-25.xlsx", [SheetSpec("Tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert {perfkit.period_label(p) for p in ms["period"]} == {"2024/25 Q1"}
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning" and "its last month" in p.message]
    assert len(warned) == 1 and warned[0].source == "Tracker!J3"
    assert '"01/08/2024" = "status@2024/25 Q2"' in warned[0].message


def test_a_gantt_charts_month_columns_beside_the_rag_are_never_read_as_monthly_statuses(tmp_path):
    """A regeneration programme's tracker: a RAG column, then a Gantt chart of month columns marking each forecast month
    with ◆. Read as a status for each month, 20 milestones became 4 complete in 2024/25 Q4; then refused, its advice
    mapping a month to a quarter's status. The months are a timeline, set aside, said; the RAG is read."""
    months = [day(2024, m, 1) for m in range(4, 13)]
    rows = [["Town Centre Programme milestone tracker - to 30 September 2024"], [],
            ["ID", "Milestone", "Lead", "Forecast date", "RAG", *months],
            ["M01", "Market Hall design", "Head of Regeneration", day(2024, 6, 30), "B", None, None, "◆", *[None] * 6],
            ["M02", "Public realm works", "Head of Highways", day(2024, 11, 30), "A", *[None] * 7, "◆", None]]
    path = write_workbook(tmp_path / "programme_tracker.xlsx", [SheetSpec("Milestone tracker", rows)])
    ms = perfkit.read_milestones(path)
    assert any("a timeline of the work" in p.message for p in ms.attrs["problems"])
    assert {perfkit.period_label(p) for p in ms["period"]} == {"2024/25 Q2"}
    assert ms.set_index("milestone_id")["status"].astype(str).to_dict() == {"M01": "Complete", "M02": "Amber"}


def test_a_status_of_the_year_to_date_beside_the_quarters_figures_is_not_the_quarters_status(tmp_path):
    """A repairs contract return: months, Q1 | Q2 columns, YTD and 'Target met YTD?'. The year-to-date verdict was read as
    Q2's status, and polarities were worked out backwards from it (90.2% against 90% 'Red ▲')."""
    rows = [["Repairs contract - monthly KPI return 2024/25 (to September 2024)"], [],
            ["KPI ref", "Key performance indicator", "Polarity", "Target", "Jul-24", "Aug-24", "Sep-24", "Q1", "Q2", "YTD",
             "Target met YTD?"],
            ["R3", "Routine repairs completed within 20 working days (%)", "Higher", 90, 89.9, 90.4, 90.3, 87.2, 90.2, 88.7, "No"],
            ["R6", "Appointments made and kept (%)", "Higher", 95, 94, 94.5, 94.7, 96.2, 94.4, 95.3, "Yes"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "repairs_return_sep24.xlsx", [SheetSpec("KPI Return", rows)]))
    a = perfkit.assess_measures(kp)
    q2 = a[a["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert q2["status"].astype(str).to_dict() == {"R3": "Green", "R6": "Amber"}
    assert q2["reported_status"].isna().all()
    assert any(p.source == "KPI Return!K3" and "the status of the year to date" in p.message for p in kp.attrs["problems"])


def test_a_year_to_date_status_beside_its_own_figures_and_the_quarters_is_still_not_the_quarters(tmp_path):
    """A waste contract return: 'Q1 | Q2 | YTD target | YTD actual | YTD status'. The quarters' figures are read, so the
    contractor's year-to-date verdict was paired with Q2's figure, and RIDDOR's 0 against 0 came out red."""
    rows = [["Waste contract KPI return 2024/25 (to September)"], [],
            ["KPI", "Measure", "Polarity", "Annual target", "Q1", "Q2", "YTD target", "YTD actual", "YTD status"],
            ["K3", "Recycling rate (%)", "Higher", 52, 49.8, 50.5, 50, 50.2, "Green"],
            ["K9", "RIDDOR reportable accidents", "Lower", 0, 1, 0, 0, 1, "Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "waste_return.xlsx", [SheetSpec("KPI Return", rows)]))
    assert kp["reported_status"].isna().all()
    assert any(p.source == "KPI Return!I3" and "the status of the year to date" in p.message for p in kp.attrs["problems"])


def test_a_year_to_date_target_beside_the_years_is_the_target_of_the_year_to_date(tmp_path):
    """A district's scorecard: 'Annual target | Apr-24 ... Sep-24 | YTD 2024/25 | YTD target | YTD status | YTD 2023/24'.
    The year's target (an exact phrase) was taken and the year to date compared with it: 218 kg to date against 420 kg for
    the year was Green, where the service reported Amber against 210 kg to date, with no warning."""
    rows = [["Castlebridge District Council"], ["Corporate Performance Scorecard 2024/25"],
            ["Position at the end of September 2024 (Quarter 2) – year to date"], [],
            ["Ref", "Performance indicator", "Polarity", "Annual target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24",
             "Sep-24", "YTD 2024/25", "YTD target", "YTD status", "YTD 2023/24"],
            ["PE02", "Residual household waste per household (kg)", "↓", "420 kg or less", "36 kg", "37 kg", "35 kg", "37 kg",
             "38 kg", "35 kg", "218 kg", "210 kg", "A", 214],
            ["PE03", "Missed bins per 100,000 collections", "↓", "no more than 60", 45, 52, 70, 58, 49, 61, 55.8, 60, "G", 63.2],
            ["CC01", "Average days to process new Housing Benefit claims", "↓", "20 days", 18, 21, 19, 20, 19, 19, "19.4 days",
             "20 days", "G", 22.1]]
    path = write_workbook(tmp_path / "kpi_scorecard_2024-25_Q2.xlsx", [SheetSpec("KPI Scorecard", rows)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors
    said = [p.message for p in report if p.source == "KPI Scorecard!L5"]
    assert said == ["column 'YTD target' read as the target: the year to date is read for the sheet's period, and is compared "
                    "with its own target to date, not the year's in 'Annual target'"]
    kp = perfkit.read_measures(path)
    now = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert now["target"].to_dict() == {"PE02": 210, "PE03": 60, "CC01": 20}
    assessed = perfkit.assess_measures(kp)
    q2 = assessed[assessed["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert q2["status"].astype(str).to_dict() == {"PE02": "Amber", "PE03": "Green", "CC01": "Green"}


def test_a_rate_to_date_is_not_profiled_as_a_total_and_a_new_indicator_has_no_last_year_to_miss(tmp_path):
    """A housing pack: 'Rent collected as % of rent due (year to date)' at 97.8% in Q1 against 98.5% for the year was taken
    as cumulative by its name and compared with a straight line (24.6 at Q1: Green, truth Amber; the brief quoted 'a
    target of 49.2'), under a warning. H10, 'New indicator from April 2024', had its blank last-year figure warned of,
    which held the brief."""
    rows = [["Fenwick Homes - housing KPI pack, September 2024"],
            ["Ref", "Indicator", "Good is", "Target 2024/25", "Q2 2023/24", "Q1 2024/25", "Q2 2024/25", "Comment"],
            ["H01", "Rent collected as % of rent due (year to date)", "High", "98.5%", "98.1%", "97.8%", "98.6%", None],
            ["H02", "Council tax collected (cumulative %)", "High", "97%", "56.2%", "29.1%", "56.4%", None],
            ["H10", "Tenancies sustained after 12 months (%)", "High", "90%", None, "91%", "92%", "New indicator from April 2024"]]
    path = write_workbook(tmp_path / "kpi_pack_sep_2024.xlsx", [SheetSpec("Monthly KPIs", rows)])
    report = perfkit.validate(path)
    # only the council tax's straight line is asked about: nothing of H01 or H10
    assert [p.value for p in report.warnings] == ["Council tax collected (cumulative %)"], [p.message for p in report.warnings]
    kp = perfkit.read_measures(path)
    q1 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q1"].set_index("measure_id")
    assert q1.loc["H01", "target"] == 98.5 and not q1.loc["H01", "cumulative"]
    assert q1.loc["H02", "cumulative"] and q1.loc["H02", "target"] < 50  # the council tax still builds towards its target


def test_a_total_named_cumulative_that_reaches_its_target_at_q2_still_builds(tmp_path):
    """A district's resources tab: '% of council tax collected (cumulative)', 29.1 at Q1 and 57.4 at Q2 against 57, was
    taken for a rate to date near its target (for Q2's figure alone), so the brief said it improved, with a note only."""
    rows = [["Resources Directorate - Key Performance Indicators, Quarter 2 2024/25"], [],
            ["Ref", "Performance indicator", "Good performance is", "Target 2024/25", "Q1 2024/25", "Q2 2024/25", "Q2 status"],
            ["RE01", "% of council tax collected (cumulative)", "High", 57, 29.1, 57.4, "On target"],
            ["RE05", "Rent collected as % of rent due (year to date)", "High", 98.5, 97.8, 98.6, "On target"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "kpi.xlsx", [SheetSpec("Resources", rows)])).set_index("measure_id")
    assert m.loc["RE01", "cumulative"].all() and not m.loc["RE05", "cumulative"].any()


def test_three_months_and_their_quarter_with_no_year_are_never_quarters_that_come_twice(tmp_path):
    """A fire service's tab per quarter, `Apr | May | Jun | Q1 | Q1 target | RAG`: the months and their quarter all
    fall in Q1, and were warned of as "the quarters 'Apr', 'May' come twice", holding the brief."""
    rows = [["Fire and Rescue Service – Performance Report Quarter 1 2024/25"], [],
            ["Ref", "Measure", "Good is", "Apr", "May", "Jun", "Q1", "Q1 target", "RAG"],
            ["KV1", "Primary fires", "Lower", 48, 61, 57, 166, 170, "G"],
            ["KV2", "Accidental dwelling fires", "Lower", 14, 12, 11, 37, 36, "A"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Q1 2024-25", rows)]))
    assert not [p.message for p in m.attrs["problems"] if p.severity == "warning"]
    assert m.set_index("measure_id")["actual"].to_dict() == {"KV1": 166, "KV2": 37}


def test_months_newest_first_are_read_by_the_month_that_ends_the_quarter(tmp_path):
    """`% compliant Sep-24 | % compliant Aug-24`: the refusal's example was `"Aug-24" = "actual@2024/25 Q2"`, the month
    that does not end the quarter. Shares, each month's its own: read by September, the month that ends the quarter; a
    count beside the year's target is still refused, its example the same month."""
    rows = [["Compliance dashboard – position at 30 September 2024"],
            ["Ref", "Measure", "Target", "Sep-24", "Aug-24"], ["C1", "Gas safety checks in date (%)", "100%", "99.94%", "99.89%"],
            ["C2", "Fire risk assessments in date (%)", "100%", "100%", "100%"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)]))
    assert list(kp["actual"]) == [99.94, 100] and set(kp["figure_period"]) == {"September 2024"}
    from perfkit.core.errors import LayoutError
    rows.append(["C3", "Repairs completed", 12000, 950, 1010])
    with pytest.raises(LayoutError, match=r'"Sep-24" = "actual@2024/25 Q2"'):
        perfkit.read_measures(write_workbook(tmp_path / "dash2.xlsx", [SheetSpec("Dashboard", rows)]))


def test_months_before_the_quarter_columns_are_this_years_and_never_warned_of(tmp_path):
    """`Apr ... Sep | Q1 | Q2` on a tab titled 2024/25: read in one run, Q1 after September was taken as a new year, so the
    months became 2023/24's, with four warnings (with the wrong year) asking for quarter columns already there."""
    rows = [["Housing Services KPIs 2024/25"],
            ["Ref", "Measure", "Polarity", "Annual target", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Q1", "Q2"],
            ["H1", "Rent collected (%)", "Higher", 98, 97.1, 97.4, 97.8, 98.0, 98.2, 98.4, 97.8, 98.4],
            ["H2", "Days to re-let voids", "Lower", 28, 31, 30, 29, 27, 26, 25, 29, 25]]
    m = perfkit.read_measures(write_workbook(tmp_path / "housing.xlsx", [SheetSpec("Housing", rows)]))
    assert not [p.message for p in m.attrs["problems"] if p.severity == "warning"]
    assert sorted(perfkit.period_label(p) for p in m["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]


def test_an_nhs_board_packs_months_beside_a_bare_ytd_read_the_year_to_date(tmp_path):
    """'Apr-24 ... Sep-24 | YTD | Target | RAG', no quarter column: the sheet was refused, its advice mapping 'Sep-24' (one
    month: 900 bed days against the year to date's 4,985) as the quarter's figure, and 'YTD' offered as unknown."""
    rows = [["Westshire Health and Social Care Partnership"], ["Integrated Performance Report - Quarter 2 2024/25"], [],
            ["Ref", "Indicator", "Polarity", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "YTD", "Target", "RAG"],
            ["IJB01", "Delayed discharges (bed days lost)", "Lower is better", 820, 790, 760, 845, 870, 900, 4985, 4500, "R"],
            ["IJB03", "Emergency admissions per 1,000 population", "Lower is better", 9.1, 8.8, 8.7, 8.9, 8.5, 8.4, 52.4, 55, "G"],
            ["IJB06", "Carers assessments completed", "Higher is better", 41, 38, 44, 40, 39, 46, 248, 240, "G"]]
    path = write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    kp = perfkit.read_measures(path)
    assert [str(p) for p in kp["period"].unique()] == ["2025Q2"]
    assert dict(zip(kp["measure_id"], kp["actual"])) == {"IJB01": 4985, "IJB03": 52.4, "IJB06": 248}
    assert dict(zip(kp["measure_id"], kp["reported_status"].astype(str))) == {"IJB01": "Red", "IJB03": "Green", "IJB06": "Green"}
    assert not [p for p in report if "'YTD'" in p.message and "not read" in p.message.split(":")[-1]]


@pytest.mark.parametrize("ytd", ["YTD", "YTD 2024/25"])
def test_a_count_whose_year_to_date_is_set_against_a_months_standard_is_a_warning(tmp_path, ytd):
    """An NHS trust's 'C. difficile cases' standard of 4 a month beside months of 2 to 5 and a YTD of 21: the year to date
    was compared with a month's standard, red without a word, while the rates beside it read right ('YTD 2024/25', read
    as a period's column, crashed the check)."""
    rows = [["Integrated Performance Report - September 2024"],
            ["Metric", "Standard", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", ytd],
            ["ED 4-hour performance (%)", ">=78%", 74.1, 75, 76.2, 73.8, 77, 75.6, 75.3],
            ["C. difficile cases", "<=4", 5, 4, 2, 3, 4, 3, 21],
            ["MRSA bacteraemia", 0, 0, 0, 0, 0, 0, 0, 0]]
    path = write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)])
    said = [p.message for p in perfkit.validate(path).warnings]
    assert len(said) == 1 and said[0].startswith(f"1 measure (C. difficile cases): the year to date in '{ytd}' is the months added up"), said
    assert '"Sep-24" = "actual"' in said[0]


def test_a_year_to_date_target_however_small_is_never_a_months_standard(tmp_path):
    """A fire authority's 'Apr-24 ... Sep-24 | YTD | YTD Target | RAG': 2 fatalities to September against a target of 1
    to date was warned of as a year to date set against a month's standard, which blocked the brief."""
    rows = [["Fire and Rescue Authority - Performance Report, Quarter 2 2024/25"], [],
            ["Indicator", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "YTD", "YTD Target", "RAG"],
            ["Primary fires", 40, 38, 45, 52, 48, 41, 264, 250, "R"],
            ["Fire fatalities", 0, 1, 0, 0, 0, 1, 2, 1, "R"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Incidents", rows)])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    assert kp["actual"].tolist() == [264, 2] and kp["target"].tolist() == [250, 1]
    # init writes what reading does: 'YTD' the figure and the months set aside, never a blank roll-up to fill
    text = starter_text(path)
    assert '"YTD" = "actual"' in text and '"Sep-24" = "ignore"' in text and "[measures.rollup]" not in text


def test_a_board_packs_title_naming_its_meeting_and_the_month_its_data_run_to(tmp_path):
    """'Trust Board, October 2024 (data to September 2024)': two months of two quarters, so the sheet was refused as
    naming no quarter."""
    rows = [["Integrated Performance Report - Trust Board, October 2024 (data to September 2024)"], [],
            ["Domain", "Indicator", "Standard", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "YTD", "RAG"],
            ["Safe", "Falls with harm per 1,000 bed days", "≤ 0.5", 0.4, 0.6, 0.5, 0.3, 0.4, 0.4, 0.4, "G"],
            ["Responsive", "ED 4-hour performance (%)", "≥ 78%", 74.1, 75, 76.2, 73.8, 77, 75.6, 75.3, "R"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("Integrated Performance", rows)]))
    assert [str(p) for p in kp["period"].unique()] == ["2025Q2"]


def test_a_repairs_scorecards_cumulative_column_beside_its_months(tmp_path):
    """'Apr-24 ... Sep-24 | Cumulative | RAG' under a title naming no quarter: refused, its advice mapping 'Sep-24' (one
    month's rate) as the quarter's figure; 'Cumulative' was taken for a yes/no column."""
    rows = [["Housing Repairs Contract - Monthly KPI scorecard 2024/25"],
            ["KPI", "Description", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Cumulative", "RAG"],
            ["HR01", "Emergency repairs attended within 24 hours", "98%", 0.99, 0.97, 0.98, 0.99, 0.98, 0.96, 0.978, "A"],
            ["HR02", "Routine repairs completed within 28 days", "90%", 0.86, 0.88, 0.91, 0.9, 0.92, 0.93, 0.9, "G"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "repairs.xlsx", [SheetSpec("Contractor KPIs", rows)]))
    assert [str(p) for p in kp["period"].unique()] == ["2025Q2"]
    # the plain fractions beside the targets typed "98%" are percentages, as near the targets only so
    assert dict(zip(kp["measure_id"], kp["actual"].round(6))) == {"HR01": 97.8, "HR02": 90.0}
    assert any("the year to date runs to 'Sep-24'" in p.message for p in kp.attrs["problems"])


@pytest.mark.parametrize("heads", [("Q1 Apr-Jun", "Q2 Jul-Sep"), ("Quarter 1 (April - June)", "Quarter 2 (July - September)")])
def test_quarter_headers_with_their_months_beside_them(tmp_path, heads):
    """'Q1 Apr-Jun | Q2 Jul-Sep' on every station's tab: neither read ('looks like a period's column'), the workbook refused."""
    rows = [["Ashby Station - response times 2024/25"], ["Ref", "Measure", "Target", *heads],
            ["S1", "Accidental dwelling fires", 10, 8, 12], ["S2", "Home fire safety visits", 300, 280, 320]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "station.xlsx", [SheetSpec("Ashby Station", rows)]))
    assert sorted(str(p) for p in kp["period"].unique()) == ["2025Q1", "2025Q2"]


def test_one_months_figures_standing_for_the_quarter_are_shown_as_that_months(tmp_path):
    """An NHS trust's integrated performance report, one month's column ('Sep-25'): briefed as the quarter's figures
    ('Quarter 2 2025/26 (July to September 2025)') with nothing on the committee's page saying they are September's."""
    from perfkit.present import tables

    rows = [["Integrated Performance Report - September 2025"], [],
            ["Metric", "Higher or lower is better", "Target", "Sep-25"],
            ["ED 4-hour performance (%)", "Higher", 78, 74.3], ["Cancer 28-day faster diagnosis (%)", "Higher", 77, 78.4]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR Sep-25", rows)]))
    html = tables.measures_table(perfkit.quarter_figures(None, kp, "2025/26 Q2"), "Measures")
    assert html.count("(September 2025)") == 2


def test_monthly_rows_of_a_long_table_are_refused_as_months_never_mapped_as_an_area(tmp_path):
    """An IJB's framework in long form, `Indicator | Quarter | Month | Value | Target | RAG`: refused advising
    '"Month" = "area"', which read July's figure as the quarter's."""
    from perfkit.core.errors import LayoutError

    rows = [["Integration Joint Board - Performance Framework data (long format)"], [],
            ["Indicator", "Quarter", "Month", "Value", "Target", "RAG"]]
    for q, months in (("Q1 2024/25", ("Apr-24", "May-24", "Jun-24")), ("Q2 2024/25", ("Jul-24", "Aug-24", "Sep-24"))):
        for i, m in enumerate(months):
            rows.append(["Delayed discharge bed days", q, m, 1400 + 50 * i, 1400, "R"])
            rows.append(["Emergency admissions", q, m, 900 - 10 * i, 950, "G"])
    with pytest.raises(LayoutError) as e:
        perfkit.read_measures(write_workbook(tmp_path / "ijb.xlsx", [SheetSpec("Data", rows)]))
    assert "monthly rows" in str(e.value) and '"area"' not in str(e.value) + str(e.value.hint)


def test_empty_months_of_quarters_not_reported_yet_are_a_note_never_a_warning(tmp_path):
    """A leisure trust's `Apr ... Mar` beside `Q1 Actual | Q2 Actual` at Q2: the empty Oct to Mar columns were two warnings
    ('add a Q3 column') that held the brief every quarter of the year's first half."""
    rows = [["Active Vale Leisure Trust - Contract KPIs 2024/25"], ["Report to Client Officer: Quarter 2"], [],
            ["KPI", "Measure", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Q1 Target", "Q1 Actual", "Q2 Target", "Q2 Actual"],
            ["L1", "Total visits (all sites)", 45100, 47800, 39900, None, None, None, 124000, 124700, 132000, 132800],
            ["L2", "Swimming lessons (children enrolled)", 2300, 2280, 2350, None, None, None, 2200, 2250, 2300, 2350]]
    report = perfkit.validate(write_workbook(tmp_path / "trust.xlsx", [SheetSpec("KPI Dashboard", rows)]))
    assert not [p.message for p in report.warnings if "month" in p.message], [p.message for p in report.warnings]
    assert any("'Oct', 'Nov', 'Dec' of 2024/25 Q3 empty: not reported yet" in p.message for p in report)


@pytest.mark.parametrize("dated", [False, True])
def test_cumulative_months_in_profile_and_actual_rows_read_each_quarter_at_its_last_month(tmp_path, dated):
    """A revenues team's 'Collection Performance 2024/25 (cumulative)': a 'Profile' row over an 'Actual' row for each
    measure, a column per month (typed as dates or as 'Apr-24'), 'Status (Dec)'. It was refused as monthly data; the
    figures are the year to date, so each quarter is its last month's, the profile its target."""
    months = [day(2024, m, 1) for m in range(4, 13)] if dated else ["Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24",
                                                                   "Sep-24", "Oct-24", "Nov-24", "Dec-24"]
    rows = [["Revenues - Collection Performance 2024/25 (cumulative) - position at end of December 2024"], [],
            ["Measure", "Line", *months, "Year-end target", "Status (Dec)"],
            ["Council tax collected (%)", "Profile", 10.9, 19.7, 28.6, 37.4, 46.2, 55.1, 63.9, 72.8, 81.6, 96.5, None],
            [None, "Actual", 10.7, 19.5, 28.2, 37, 45.8, 54.6, 63.4, 72.1, 80.9, None, "Amber"],
            ["Business rates collected (%)", "Profile", 11.2, 20.2, 29.1, 38.1, 47.1, 56.1, 65, 74, 83, 98, None],
            [None, "Actual", 11.5, 20.5, 29.5, 38.5, 47.5, 56.4, 65.4, 74.4, 83.4, None, "Green"]]
    path = write_workbook(tmp_path / "collection.xlsx", [SheetSpec("Collection 2024-25", rows)])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    got = kp.set_index(["measure_id", kp["period"].map(perfkit.period_label)])
    assert got["actual"].to_dict() == {("K001", "2024/25 Q1"): 28.2, ("K001", "2024/25 Q2"): 54.6, ("K001", "2024/25 Q3"): 80.9,
                                       ("K002", "2024/25 Q1"): 29.5, ("K002", "2024/25 Q2"): 56.4, ("K002", "2024/25 Q3"): 83.4}
    assert got["target"].to_dict() == {("K001", "2024/25 Q1"): 28.6, ("K001", "2024/25 Q2"): 55.1, ("K001", "2024/25 Q3"): 81.6,
                                       ("K002", "2024/25 Q1"): 29.1, ("K002", "2024/25 Q2"): 56.1, ("K002", "2024/25 Q3"): 83.0}
    assert got.loc[("K001", "2024/25 Q3"), "figure_period"] == "December 2024"
    # init names no target row's column ('Apr-24 target' is no header of the sheet: validate refused its own lines)
    assert not re.search(r'\d target" = ', starter_text(path))


def test_months_of_counts_under_a_title_naming_no_running_total_are_never_added_up(tmp_path):
    """The same layout titled without 'cumulative' or 'year to date' is each month's own figure, each beside its own
    month's profile: the quarter is its last month's, dated so (never the months added up, nor the year to date)."""
    rows = [["Revenues - monthly performance 2024/25"], [],
            ["Measure", "Line", "Apr-24", "May-24", "Jun-24", "Status"],
            ["Claims processed", "Profile", 400, 400, 400, None], [None, "Actual", 380, 410, 395, "Amber"],
            ["Calls answered", "Profile", 900, 900, 900, None], [None, "Actual", 950, 870, 910, "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "monthly.xlsx", [SheetSpec("Revenues", rows)]))
    assert list(kp["actual"]) == [395, 910] and list(kp["target"]) == [400, 900] and set(kp["figure_period"]) == {"June 2024"}
    # a profile that builds through the year beside counts that do too: a year to date, refused as before
    rows[3:] = [["Claims processed", "Profile", 400, 800, 1200, None], [None, "Actual", 380, 790, 1185, "Amber"]]
    with pytest.raises(perfkit.PerfkitError, match="does not fold months"):
        perfkit.read_measures(write_workbook(tmp_path / "ytd.xlsx", [SheetSpec("Revenues", rows)]))


def test_a_quarters_figure_beside_its_year_to_date_and_a_year_to_date_target_rates_the_year_to_date(tmp_path):
    """A fire authority's 'Q2 Actual | YTD Actual | YTD Target | Annual Target | Performance': the quarter's own figure was
    compared with a quarter of the year's target and the authority's 'Performance' ratings dropped without a word (no Red
    where it rated two Red). The year to date is rated against its target, and 'Performance' is the status."""
    rows = [["Hallam Fire and Rescue Authority"], ["Performance against CRMP measures - Quarter 2 2024/25"], [],
            ["Measure", "Better if", "Q2 Actual", "YTD Actual", "YTD Target", "Annual Target", "Performance"],
            ["Number of primary fires", "Lower", 210, 402, 420, 840, "Green"],
            ["Accidental dwelling fires", "Lower", 88, 181, 170, 340, "Red"],
            ["Home fire safety visits completed", "Higher", 2450, 4710, 5000, 10000, "Amber"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Service Measures", rows)])
    assert not perfkit.validate(path).warnings
    kp = perfkit.read_measures(path)
    assert kp["actual"].tolist() == [402, 181, 4710] and kp["target"].tolist() == [420, 170, 5000]
    assert kp["reported_status"].astype(str).tolist() == ["Green", "Red", "Amber"]
    text = starter_text(path)
    assert '"YTD Actual" = "actual@' in text and '"YTD Target" = "target"' in text and '"Performance" = "reported_status"' in text


def test_the_years_target_beside_a_target_to_date_is_never_the_quarters(tmp_path):
    """A fire authority's 'Annual target 2024/25 | YTD target | YTD 2024/25 | YTD 2023/24' under a Quarter 2 title: the
    year's target was read as Q2's (198 fires to date Green against 420, where the target to date was 210), with notes
    describing the two the wrong way round."""
    rows = [["Severnvale Fire and Rescue Authority"], ["Performance Scorecard - Quarter 2 2024/25 (April to September 2024)"], [],
            ["Ref", "Indicator", "Polarity", "Annual target 2024/25", "YTD target", "YTD 2024/25", "YTD 2023/24", "RAG"],
            ["PI1", "Accidental dwelling fires", "Lower", 420, 210, 198, 215, "Green"],
            ["PI5", "Home fire safety visits completed", "Higher", 9000, 4500, 4212, 4390, "Red"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Performance", rows)]))
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"]
    assert q2["actual"].tolist() == [198, 4212] and q2["target"].tolist() == [210, 4500]
    assert any("'Annual target 2024/25' is the year's target" in p.message for p in kp.attrs["problems"])


def test_a_current_month_short_of_the_quarters_end_is_dated_with_its_month(tmp_path):
    """An adult social care dashboard to August under a Quarter 2 title, 'Apr-24 ... Aug-24 | Current month': the figures
    were briefed as the quarter's with no word that they are August's."""
    rows = [["Adult Social Care dashboard - Quarter 2 2024/25"],
            ["Measure", "Good is", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Current month"],
            ["Permanent admissions to care homes (65+)", "Low", 600, 540, 552, 560, 561, 566, 566],
            ["Reviews completed on time (%)", "High", 80, 70, 72, 74, 75, 76, 76]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "asc.xlsx", [SheetSpec("ASC Dashboard", rows)]))
    assert [perfkit.period_label(p) for p in kp["period"].unique()] == ["2024/25 Q2"]
    assert kp["actual"].tolist() == [566, 76] and set(kp["figure_period"]) == {"August 2024"}


def test_a_year_to_date_figure_is_compared_with_its_target_to_date_never_the_years(tmp_path):
    """A fire authority's 'Annual target | YTD target | YTD actual | Same period last year | RAG': the target to date was
    'not read' and the half-year's 298 fires set against the year's 620 (a quarter of the year's 24 injuries for
    another), the services blamed where the figures 'differed'."""
    rows = [["Westshire Fire and Rescue Authority - Performance Scorecard"], ["Quarter 2 2024/25 (April to September 2024)"], [],
            ["Ref", "Performance indicator", "Annual target", "YTD target", "YTD actual", "Same period last year", "RAG"],
            ["FR01", "Primary fires", 620, 310, 298, 305, "G"], ["FR02", "Accidental dwelling fires", 210, 105, 118, 99, "R"],
            ["FR05", "Fire injuries", 24, 12, 9, 11, "G"]]
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Q2 Scorecard", rows)])
    kp = perfkit.read_measures(path)
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"]
    assert q2["actual"].tolist() == [298, 118, 9] and q2["target"].tolist() == [310, 105, 12]
    assert '"YTD target" = "target"' in starter_text(path)


def test_weekly_columns_are_refused_as_weeks_and_read_by_each_quarters_last_week_when_asked(tmp_path):
    """An ICB's weekly elective recovery tracker, a column per week ending: called 'monthly columns' with advice to add
    them up, and its roll-up 'last' failed with 'duplicate reference K001' (each week a month of its own)."""
    import datetime as dt

    weeks = [dt.datetime(2024, 7, 7) + dt.timedelta(days=7 * k) for k in range(13)]
    rows = [["North Vale ICB - Elective Recovery Tracker (weekly snapshot)"], ["Data to week ending 29/09/2024"], [],
            ["Metric", "Plan / standard", *weeks],
            ["Patients waiting 65+ weeks", 0, *range(210, 145, -5)], ["Cancer 62-day backlog", 350, *range(400, 335, -5)]]
    path = write_workbook(tmp_path / "erf.xlsx", [SheetSpec("Elective recovery", rows)])
    with pytest.raises(perfkit.PerfkitError) as info:
        perfkit.read_measures(path)
    assert "has a column for each week" in str(info.value) and '"29/09/2024" = "actual@2024/25 Q2"' in str(info.value)
    assert '"sum"' not in str(info.value)
    (tmp_path / "perfkit.toml").write_text('[measures.rollup]\ndefault = "last"\n')
    kp = perfkit.read_measures(path)
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("name")
    assert q2["actual"].to_dict() == {"Patients waiting 65+ weeks": 150, "Cancer 62-day backlog": 340}
    assert any("each quarter's last week stands for the quarter" in p.message for p in kp.attrs["problems"])


def test_a_period_column_naming_one_month_dates_the_quarters_figures_with_it(tmp_path):
    """An NHS trust's integrated performance report, one row per metric with a 'Period' column of 'Sep-24': its figures
    were briefed as the whole of 2024/25 Q2 with no word that they are September's (a month's count of C. difficile
    cases against a month's limit). They are dated with their month, and a note names the column."""
    metrics = [("Responsive", "ED 4-hour performance (%)", "≥ 78%", "74.1%"), ("Safe", "C. difficile cases", "≤ 4", "3"),
               ("Well led", "Appraisal rate (%)", "≥ 90%", "91.0%")]
    rows = [["Integrated Performance Report"], ["Trust Board, October 2024 (data to September 2024)"], [],
            ["Domain", "Metric", "Period", "Target", "Actual"], *[[d, m, "Sep-24", t, a] for d, m, t, a in metrics]]
    path = write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR", rows)])
    kp = perfkit.read_measures(path)
    assert set(kp["period"].map(perfkit.period_label)) == {"2024/25 Q2"} and set(kp["figure_period"]) == {"September 2024"}
    said = [p for p in kp.attrs["problems"] if p.source == "IPR!C4"]
    assert len(said) == 1 and "September 2024's" in said[0].message and said[0].severity == "info"
    # two quarters' rows, each of one month: each quarter's figures dated with its own month
    rows[4:] = [["Safe", "C. difficile cases", month, "≤ 4", n] for month, n in (("Jun-24", 5), ("Sep-24", 3))]
    kp = perfkit.read_measures(write_workbook(tmp_path / "two.xlsx", [SheetSpec("IPR", rows)]))
    latest = kp[kp["period"] == kp["period"].max()]
    assert list(latest["figure_period"]) == ["September 2024"] and list(latest["actual"]) == [3]
    # an ICB's 'Latest period' of Aug-24 on some rows and Sep-24 on others: each figure dated with its own month
    rows[4:] = [[d, m, month, t, a] for (d, m, t, a), month in zip(metrics, ["Sep-24", "Aug-24", "Aug-24"])]
    kp = perfkit.read_measures(write_workbook(tmp_path / "mixed.xlsx", [SheetSpec("IPR", rows)]))
    assert list(kp["figure_period"]) == ["September 2024", "August 2024", "August 2024"]
    said = [p.message for p in kp.attrs["problems"] if p.source == "IPR!C4"]
    assert len(said) == 1 and "(September 2024 for 1, August 2024 for 2)" in said[0]


def test_a_year_to_date_beside_the_years_and_a_monthly_target_is_compared_with_the_target_to_date(tmp_path):
    """'Annual target | Monthly target | Apr-24 ... Sep-24 | YTD | RAG': the year to date was set against the whole year's
    target ('112 against a target of 240', the brief's furthest from target). A count's monthly target times the months
    so far is its target to date; a rate's monthly target is the year's, which stands."""
    measures = [("CP01", "% of household waste recycled", "High", "52%", "52%", ["51%", "53%", "55%", "54%", "52%", "50%"], "52.5%", "G"),
                ("CP03", "Number of affordable homes delivered", "High", 240, 20, [15, 18, 22, 19, 21, 17], 112, "A"),
                ("CP05", "Fly-tipping incidents", "Low", 1800, 150, [140, 160, 175, 190, 170, 165], 1000, "R")]
    rows = [["Corporate Performance Dashboard 2024/25"], ["Data to end of September 2024"], [],
            ["Ref", "Indicator", "Good is", "Annual target", "Monthly target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24",
             "Sep-24", "YTD", "RAG"], *[[r, n, g, a, m, *months, ytd, rag] for r, n, g, a, m, months, ytd, rag in measures]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "dash.xlsx", [SheetSpec("Dashboard", rows)])).set_index("measure_id")
    assert kp["target"].to_dict() == {"CP01": 52, "CP03": 120, "CP05": 900}
    assert kp["actual"].to_dict() == {"CP01": 52.5, "CP03": 112, "CP05": 1000}
    said = [p for p in kp.attrs["problems"] if p.source == "Dashboard!E4"]
    assert len(said) == 1 and "2 measures (CP03, CP05)" in said[0].message and "6 months so far" in said[0].message


def test_a_monthly_dashboard_with_a_measure_named_year_to_date_is_still_read_by_its_last_months(tmp_path):
    """An adult social care dashboard of month-end positions and rates, with one row 'New permanent admissions to
    residential care (65+) year to date' (12, 25, 39...): the one rising row refused the whole sheet. A row named year
    to date is its year so far at each month's end, as the last month stands for the quarter."""
    import datetime as dt

    months = [dt.datetime(2024, m, 1) for m in range(4, 10)]
    rows = [["Adult Social Care - Monthly Performance Dashboard 2024/25"], ["Figures are as at month end"], [],
            ["Measure", "Polarity", "Target", *months, "RAG"],
            ["% of safeguarding enquiries where risk reduced", "High", 0.9, 0.92, 0.91, 0.93, 0.9, 0.94, 0.93, "G"],
            ["Number of people awaiting a Care Act assessment", "Low", 250, 310, 298, 288, 275, 262, 244, "G"],
            ["New permanent admissions to residential care (65+) year to date", "Low", 160, 12, 25, 39, 51, 66, 88, "G"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "asc.xlsx", [SheetSpec("ASC dashboard", rows)]))
    q2 = kp[kp["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert list(q2["actual"]) == [93, 244, 88] and list(q2["cumulative"]) == [False, False, True]


def test_months_beside_a_rolling_years_column_are_set_aside_for_it(tmp_path):
    """A housing association's 'Apr-25 ... Sep-25 | Rolling 12 months | Performance': read by its last month, September's
    rate of anti-social behaviour cases was set against the year's target (3 against 40, the rolling year 38.7)."""
    rows = [["Tenant satisfaction and repairs performance"], ["Quarter 2 2025/26 (to 30 September 2025)"], [],
            ["Code", "Measure", "Higher or lower is better", "Target", "Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25", "Sep-25",
             "Rolling 12 months", "Performance"],
            ["TP01", "Overall satisfaction with landlord services", "Higher", "75%", "72%", "73%", "70%", "71%", "69%", "70%", "71.2%", "Below target"],
            ["AS01", "Anti-social behaviour cases per 1,000 homes", "Lower", 40, 3.1, 2.9, 3.4, 3.0, 3.3, 3.0, 38.7, "On target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ha.xlsx", [SheetSpec("KPIs", rows)]))
    assert list(kp["actual"]) == [71.2, 38.7] and set(kp["period"].map(perfkit.period_label)) == {"2025/26 Q2"}
    assert any("not read: the 'Rolling 12 months' column is read" in p.message for p in kp.attrs["problems"])
