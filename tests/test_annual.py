"""Service plans and the year end: multi-year outturns, the officer's words checked, profiled and cumulative targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

import perfkit
from perfkit.analyse import annual
from perfkit.read.kinds.service_plans import TREND_WORDS, parse_settings
from perfkit.core.errors import ConfigError, LayoutError

PLAN_HEADER = ["Ref", "Performance indicator", "Good performance is", "Outturn 21/22", "2022/23 outturn", "2023/24 outturn",
               "2023/24 target", "Level achieved 2023/24", "Trend", "2024/25 target"]
# Truth, worked by hand: status of 2023/24 against its target by polarity, and direction on 2022/23.
PLAN = [
    # ref, name, polarity, 21/22, 22/23, 23/24, target, level word, trend word, next, (status, direction)
    ("HS1", "Homelessness prevented", "Higher", 0.61, 0.64, 0.68, 0.65, "Achieved", "Improving", 0.70, ("Green", "Improving")),
    ("HS2", "Average days to relet", "Lower", 31, 29, 35, 28, "Achieved", "Improving", 27, ("Red", "Worsening")),  # both words wrong
    ("HS3", "Rent collected", "Higher", 0.97, 0.975, 0.972, 0.98, "Not achieved", "Worsening", 0.98, ("Amber", "Worsening")),
    ("HS4", "Households in temporary accommodation", "Lower", "n/a", 120, 110, 100, "Not achieved", "Improving", 95, ("Red", "Improving")),
    ("HS5", "Empty homes brought back into use", "Higher", 40, "n/a", 52, 50, "Achieved", "Improving", 55, ("Green", "Not comparable")),
    ("HS6", "Tenant satisfaction", "Higher", 0.81, 0.83, 0.83, 0.85, "Partially achieved", "Worse", 0.86, ("Amber", "No change")),  # trend word wrong
]


def write_plan(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Housing service plan"
    ws.append(["Housing Services: service plan 2024/25"])
    ws.append(["Performance table"])
    ws.append(PLAN_HEADER)
    for ref, name, pol, a, b, c, t, level, trend, nxt, _ in PLAN:
        ws.append([ref, name, pol, a, b, c, t, level, trend, nxt])
    for row in ws.iter_rows(min_row=4, min_col=4, max_col=10):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "0.0%"
    wb.save(path)
    return path


CUM_HEADER = ["Ref", "Measure", "Polarity", "Cumulative", "Annual target", "Q1 target", "Q2 target", "Q3 target", "Q4 target",
              "Q1 actual", "Q2 actual", "Q3 actual", "Q4 actual"]
CUMULATIVE = [
    ("CT1", "Council tax collected (%)", "Higher", "Yes", 97.5, 29, 56.5, 84, 97.5, 29.4, 56.8, None, None),
    ("NR1", "Business rates collected (%)", "Higher", "Yes", 98, 30, 58, 85, 98, 29.0, 56.0, None, None),
    ("FOI", "Information requests answered in time (%)", "Higher", "No", 90, None, None, None, None, 91.0, 88.0, None, None),
]


def write_cumulative(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Finance KPIs 2024-25"
    ws.append(["Finance measures 2024/25"])
    ws.append(CUM_HEADER)
    for r in CUMULATIVE:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def plan(tmp_path):
    return write_plan(tmp_path / "housing_plan.xlsx")


@pytest.fixture
def plan_frame(plan):
    return perfkit.read_measures(plan)


# ---------------------------------------------------------------------------------------------- reading


def test_service_plan_columns_read_with_their_periods(plan_frame):
    kp = plan_frame
    hs1 = kp[kp["measure_id"] == "HS1"].set_index("period")
    assert set(kp["span"].astype(str)) == {"year"}
    assert hs1.loc[pd.Period("2024Q4", "Q-MAR"), "actual"] == pytest.approx(68.0)  # percent format read as 68
    assert hs1.loc[pd.Period("2022Q4", "Q-MAR"), "actual"] == pytest.approx(61.0)  # "Outturn 21/22"
    assert hs1.loc[pd.Period("2024Q4", "Q-MAR"), "target"] == pytest.approx(65.0)
    assert hs1.loc[pd.Period("2024Q4", "Q-MAR"), "next_target"] == pytest.approx(70.0)  # next year's target kept
    row = hs1.loc[pd.Period("2024Q4", "Q-MAR")]
    assert (row["reported_level"], row["reported_level_source"]) == ("Achieved", "Housing service plan!H4")
    assert (row["reported_trend"], row["reported_trend_source"]) == ("Improving", "Housing service plan!I4")
    assert (kp["frequency"].astype(str) == "annual").all()


def test_service_plan_words_are_not_reported_unused(plan):
    report = perfkit.validate(plan)
    text = str(report)
    assert "Level achieved" not in text and "'Trend'" not in text
    assert not [p for p in report if p.severity == "error"]


def test_annual_status_and_direction_match_the_truth(plan_frame):
    st = annual.annual_status(plan_frame, "2023/24").set_index("measure_id")
    for ref, *_, (status, direction) in PLAN:
        assert (str(st.loc[ref, "status"]), st.loc[ref, "direction"]) == (status, direction), ref
    assert st.loc["HS4", "previous"] == 120 and st.loc["HS1", "next_target"] == pytest.approx(70)


def test_both_planted_contradictions_flagged_by_cell(plan_frame):
    found = annual.officer_disagreements(annual.annual_status(plan_frame, "2023/24"))
    got = set(zip(found["source"], found["field"]))
    assert got == {
        ("Housing service plan!H5", "level achieved"),  # HS2 'Achieved' but 35 days against 28, lower is better
        ("Housing service plan!I5", "trend"),           # HS2 'Improving' but 29 -> 35 days
        ("Housing service plan!I9", "trend"),           # HS6 'Worse' but 83% both years
    }
    msg = found.set_index("source").loc["Housing service plan!H5", "message"]
    assert "'Achieved'" in msg and "lower is better" in msg and "Red" in msg


def test_level_words_agree_when_they_should(plan_frame):
    st = annual.annual_status(plan_frame, "2023/24").set_index("measure_id")
    assert not st.loc[["HS1", "HS3", "HS4", "HS5", "HS6"], "level_differs"].any()
    assert st.loc["HS6", "level_says"] == "Amber"


def test_outturn_history_gives_three_years(plan_frame):
    h = annual.outturn_history(plan_frame, "2023/24")
    hs1 = h[h["measure_id"] == "HS1"]
    assert hs1["label"].tolist() == ["2021/22", "2022/23", "2023/24"]
    assert hs1["actual"].tolist() == pytest.approx([61, 64, 68])


# ---------------------------------------------------------------------------------------------- cumulative and profiles


def test_cumulative_measures_judged_against_their_profile(tmp_path):
    kp = perfkit.assess_measures(perfkit.read_measures(write_cumulative(tmp_path / "fin.xlsx")))
    q2 = kp[kp["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")
    assert str(q2.loc["CT1", "status"]) == "Green"  # 56.8 against the Q2 profile 56.5, not the annual 97.5
    assert q2.loc["CT1", "target"] == 56.5 and q2.loc["CT1", "annual_target"] == 97.5
    assert str(q2.loc["NR1", "status"]) == "Amber"  # 56 against 58: within 5%
    assert str(q2.loc["FOI", "status"]) == "Amber"  # not cumulative: 88 against 90
    assert bool(q2.loc["CT1", "cumulative"]) and not bool(q2.loc["FOI", "cumulative"])


def test_cumulative_with_annual_target_only_uses_declared_profile(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Annual target", "Q1 2024/25", "Q2 2024/25"])
    ws.append(["CT1", "Council tax collected", "Higher", 97.5, 29.1, 56.8])
    ws.append(["NR1", "Business rates collected", "Higher", 98, 24.0, 50.0])
    ws.append(["SN1", "Sickness days per employee", "Lower", 8, 2.1, 4.1])
    wb.save(tmp_path / "kpis.xlsx")
    (tmp_path / "perfkit.toml").write_text(
        '[measures]\ncumulative = ["SN1"]\n[measures.profiles]\nCT1 = [29, 56.5, 84, 97.5]\n"Business rates collected" = "straight line"\n')
    kp = perfkit.assess_measures(perfkit.read_measures(tmp_path / "kpis.xlsx"))
    q2 = kp[kp["period"] == perfkit.parse_period("2024/25 Q2")].set_index("measure_id")
    assert q2.loc["CT1", "target"] == 56.5 and str(q2.loc["CT1", "status"]) == "Green"
    assert q2.loc["NR1", "target"] == 49.0 and str(q2.loc["NR1", "status"]) == "Green"
    assert q2.loc["SN1", "target"] == 4.0 and str(q2.loc["SN1", "status"]) == "Amber"
    problems = kp.attrs["problems"]
    said = [p for p in problems if "SN1" in p.message and "straight line" in p.message]
    assert said and said[0].severity == "warning"  # the guess is said aloud
    assert any("CT1" in p.message and "29, 56.5, 84, 97.5" in p.message for p in problems)


def test_bad_profile_setting_is_refused():
    with pytest.raises(ConfigError, match="Q1, Q2, Q3 and Q4"):
        parse_settings({"measures": {"profiles": {"CT1": [1, 2]}}})
    with pytest.raises(ConfigError, match="sum, last or mean"):
        parse_settings({"measures": {"rollup": {"default": "median"}}})


def test_forecast_from_profile_and_straight_line(tmp_path):
    kp = perfkit.read_measures(write_cumulative(tmp_path / "fin.xlsx"))
    f = annual.forecast_year_end(kp, "2024/25 Q2").set_index("measure_id")
    assert f.loc["CT1", "forecast"] == pytest.approx(56.8 * 97.5 / 56.5)
    assert f.loc["CT1", "method"] == "profile" and (f["label"] == "Forecast").all()
    assert str(f.loc["CT1", "forecast_status"]) == "Green"
    assert f.loc["FOI", "forecast"] == pytest.approx(89.5) and f.loc["FOI", "method"] == "average of the quarters so far"


# ---------------------------------------------------------------------------------------------- months and halves


def _monthly_book(tmp_path, toml=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Monthly"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24"])
    ws.append(["B1", "Missed bins", "Lower", 300, 90, 110, 100, 95, 85])
    ws.append(["C1", "Calls answered (%)", "Higher", 90, 88, 91, 92, 93, 90])
    wb.save(tmp_path / "monthly.xlsx")
    if toml:
        (tmp_path / "perfkit.toml").write_text(toml)
    return tmp_path / "monthly.xlsx"


def test_monthly_columns_refused_without_a_rule(tmp_path):
    with pytest.raises(LayoutError, match="monthly"):
        perfkit.read_measures(_monthly_book(tmp_path))


def test_monthly_columns_rolled_up_by_declared_rule(tmp_path):
    path = _monthly_book(tmp_path, '[measures.rollup]\ndefault = "last"\n"Missed bins" = "sum"\n')
    kp = perfkit.read_measures(path)
    q = kp.set_index(["measure_id", "period"])
    q1 = pd.Period("2025Q1", "Q-MAR")
    assert q.loc[("B1", q1), "actual"] == 300 and q.loc[("C1", q1), "actual"] == 92
    assert q.loc[("B1", q1), "source"] == "Monthly!E2:G2"
    assert (kp["span"].astype(str) == "quarter").all()
    messages = [p.message for p in kp.attrs["problems"]]
    assert any("rolled up to quarters by sum" in m for m in messages)
    assert any("rolled up to quarters by last" in m for m in messages)
    partial = [p for p in kp.attrs["problems"] if "2 of 3 months" in p.message]
    assert partial and partial[0].source == "Monthly!H2:I2"  # Q2 has Jul and Aug only


def test_a_cumulative_measure_rolled_up_from_months_is_profiled_at_each_quarter(tmp_path):
    """A year-to-date collection rate typed each month, rolled up by its last month: its quarter was judged against the
    annual target (28.8% against 97.3%: Red), its profile ignored, with no word."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Monthly"
    ws.append(["Ref", "Measure", "Polarity", "Annual target", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24"])
    ws.append(["CT1", "Council tax collected in year (%)", "Higher", 97.3, 10.1, 19.5, 28.8, 38.0, 47.2, 56.4])
    ws.append(["NR1", "Business rates collected in year (%)", "Higher", 98.5, 11.0, 20.0, 30.2, 39.0, 48.5, 57.9])
    wb.save(tmp_path / "monthly.xlsx")
    (tmp_path / "perfkit.toml").write_text('[measures]\ncumulative = ["CT1", "NR1"]\n[measures.rollup]\ndefault = "last"\n'
                                           '[measures.profiles]\nCT1 = [24.3, 48.65, 73.0, 97.3]\nNR1 = "straight line"\n')
    kp = perfkit.read_measures(tmp_path / "monthly.xlsx")
    q = kp.set_index(["measure_id", "period"])
    q1, q2 = pd.Period("2025Q1", "Q-MAR"), pd.Period("2025Q2", "Q-MAR")
    assert q.loc[("CT1", q1), "target"] == 24.3 and q.loc[("CT1", q2), "target"] == 48.65
    assert q.loc[("NR1", q1), "target"] == pytest.approx(98.5 / 4) and q.loc[("NR1", q2), "target"] == pytest.approx(98.5 / 2)
    assert set(perfkit.assess_measures(kp)["status"].astype(str)) == {"Green"}


def test_half_year_columns_and_report(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Corporate"
    ws.append(["Ref", "Indicator", "Polarity", "Target", "H1 2023/24", "H2 2023/24", "H1 2024/25"])
    ws.append(["C1", "Staff turnover (%)", "Lower", 10, 9.0, 11.0, 12.0])
    wb.save(tmp_path / "corp.xlsx")
    kp = perfkit.read_measures(tmp_path / "corp.xlsx")
    assert set(kp["span"].astype(str)) == {"half"} and (kp["frequency"].astype(str) == "half-yearly").all()
    st = annual.annual_status(kp, "2024/25 H1", kind="half").iloc[0]
    assert str(st["status"]) == "Red" and st["previous"] == 9.0 and st["direction"] == "Worsening"


def test_year_and_quarter_figures_never_mixed(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q3 2023/24", "Q4 2023/24", "2023/24 outturn"])
    ws.append(["K1", "Visits", "Higher", 100, 90, 120, 400])
    wb.save(tmp_path / "k.xlsx")
    kp = perfkit.read_measures(tmp_path / "k.xlsx")
    at_q4 = kp[kp["period"] == pd.Period("2024Q4", "Q-MAR")]
    assert sorted(at_q4["span"].astype(str)) == ["quarter", "year"]  # both kept, told apart
    assert annual.outturns(kp).iloc[0]["actual"] == 400
    assert annual.forecast_year_end(kp, "2023/24 Q4").iloc[0]["actual"] == 120


def test_quarters_side_by_side():
    ms = pd.DataFrame({"milestone_id": ["M1", "M1", "M2"], "title": ["A", "A", "B"], "status": ["Amber", "Green", "Red"],
                       "period": pd.PeriodIndex(["2024Q1", "2024Q3", "2024Q3"], freq="Q-MAR")})
    wide = annual.quarters_side_by_side(ms, "2023/24").set_index("milestone_id")
    assert wide.loc["M1", "2023/24 Q1"] == "Amber" and pd.isna(wide.loc["M1", "2023/24 Q2"])
    assert wide.loc["M2", "2023/24 Q3"] == "Red"


# ---------------------------------------------------------------------------------------------- reports

import datetime as dt  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402

from test_briefing import _axe_violations as _axe_in_chromium, _need_browser  # noqa: E402


def _axe_violations(page: str, tmp_path) -> list:
    _need_browser()
    return _axe_in_chromium(page, tmp_path)


@pytest.fixture(scope="module")
def sample_book(tmp_path_factory):
    import make_sample

    return make_sample.build(tmp_path_factory.mktemp("wb") / "council_2023-24.xlsx")


@pytest.fixture(scope="module")
def year_report(sample_book, tmp_path_factory):
    from perfkit.cli import main

    out = tmp_path_factory.mktemp("reports")
    assert main(["brief", str(sample_book), "--period", "2023/24", "--council", "Northbrook District Council",
                 "--date", "2024-06-11", "--out", str(out)]) == 0
    (path,) = [p for p in out.glob("*.html") if not p.name.endswith("-checks.html")]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def year_report_dir(year_report, tmp_path_factory):
    return next(p for p in tmp_path_factory.getbasetemp().glob("reports*") if list(p.glob("*-checks.html")))


def test_year_end_report_holds_every_part(year_report, year_report_dir):
    html = year_report
    assert "<h1>Annual performance report: 2023/24</h1>" in html
    assert "<title>Northbrook District Council: Annual performance report: 2023/24</title>" in html
    for section in ("The year in brief", "Quarter by quarter", "Year-end outturns", "About these figures"):
        assert f">{section}</h2>" in html, section
    assert "Target 2024/25" in html  # next year's targets
    # The planted 'Achieved' is flagged by its cell, for the officer: in the checks file, never in the report.
    assert "Service plan!G8" not in html and "before publishing" not in html
    checks = next(p for p in year_report_dir.glob("*-checks.html")).read_text(encoding="utf-8")
    assert "RB04" in checks and "Service plan!G8" in checks
    assert "2023/24 Q1" not in html.split("Quarter by quarter")[0]  # no quarter labels before the quarters
    assert re.search(r'alt="Small line charts of \d+ indicators', html)
    assert "2023Q4" not in html and "2024Q4" not in html  # periods written the UK way


def test_half_year_report(sample_book, tmp_path):
    from perfkit.publish.notebook import build_briefing

    path = build_briefing(sample_book, "2023/24 H1", council="Northbrook District Council", out_dir=tmp_path, published=dt.date(2023, 11, 1), xlsx=True)
    html = path.read_text(encoding="utf-8")
    import openpyxl

    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    assert book.sheetnames == ["Indicators", "Checks", "Forecast"]
    assert [c.value for c in book["Forecast"][1]][-1] == "Label" and book["Forecast"]["I2"].value == "Forecast"
    assert "<h1>Six-monthly corporate indicators report: 2023/24 H1</h1>" in html
    assert ">Corporate indicators</h2>" in html and "Forecast year-end outturns, 2023/24" in html
    assert "Forecast " in html and "profile" in html  # council tax forecast from its profile, called a forecast
    assert "Year-end outturns" not in html


@pytest.mark.browser
def test_year_end_report_is_accessible(year_report, tmp_path):
    assert _axe_violations(year_report, tmp_path) == []


@pytest.mark.browser
def test_half_year_report_is_accessible(sample_book, tmp_path):
    from perfkit.publish.notebook import build_briefing

    path = build_briefing(sample_book, "2023/24 H1", council="Northbrook District Council", out_dir=tmp_path / "out")
    assert _axe_violations(path.read_text(encoding="utf-8"), tmp_path) == []


def test_quarter_still_runs_the_quarterly_briefing():
    from perfkit.publish.notebook import notebook_for

    assert notebook_for("2024/25 Q2") == "quarterly_briefing.ipynb" and notebook_for(None) == "quarterly_briefing.ipynb"
    assert notebook_for("2024/25") == notebook_for("2024/25 H1") == "annual_report.ipynb"


def test_service_plan_table_has_trend_arrows(plan_frame):
    from perfkit.present.annual_report import service_plan_table

    html = service_plan_table(plan_frame, "2023/24")
    assert "Outturn 2021/22" in html and "Target 2024/25" in html
    assert "▲ Improving" in html and "▼ Worsening" in html and ">Red</span>" in html


def test_year_outturn_on_another_sheet_is_not_a_duplicate(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q3 2023/24", "Q4 2023/24"])
    ws.append(["K1", "Visits", "Higher", 100, 90, 120])
    plan = wb.create_sheet("Service plan")
    plan.append(["Ref", "Indicator", "Polarity", "2023/24 target", "2023/24 outturn"])
    plan.append(["K1", "Visits", "Higher", 400, 410])
    wb.save(tmp_path / "two.xlsx")
    kp = perfkit.read_measures(tmp_path / "two.xlsx")
    assert sorted(kp.loc[kp["period"] == pd.Period("2024Q4", "Q-MAR"), "span"].astype(str)) == ["quarter", "year"]


def test_summary_json_gains_the_year(sample_book, capsys):
    from perfkit.cli import main

    assert main(["summary", str(sample_book), "--period", "2023/24", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    year = doc["annual"]
    assert year["period"] == "2023/24" and year["kind"] == "year" and year["indicators"] == 25
    assert {(d["source"], d["field"]) for d in year["officer_disagreements"]} == {("Service plan!G8", "level achieved"), ("Service plan!H8", "trend")}
    assert main(["summary", str(sample_book), "--period", "2023/24 Q2", "--json"]) == 0
    assert "annual" not in json.loads(capsys.readouterr().out)


def test_half_year_from_quarters_uses_year_to_date_only_for_h1():
    m = pd.DataFrame({"measure_id": ["CT"] * 4, "name": ["Council tax"] * 4, "polarity": ["higher"] * 4, "span": ["quarter"] * 4,
                      "period": pd.PeriodIndex(["2024Q1", "2024Q2", "2024Q3", "2024Q4"], freq="Q-MAR"),
                      "actual": [29.0, 56.0, 83.0, 97.0], "target": [29.0, 56.5, 84.0, 97.5], "cumulative": [True] * 4})
    halves = annual.outturns(m, "half")
    assert halves["label"].tolist() == ["2023/24 H1"] and halves["actual"].tolist() == [56.0]
    assert halves["basis"].tolist() == ["year to date at the last quarter"]
    year = annual.outturns(m, "year").iloc[0]
    assert (year["actual"], year["target"], year["basis"]) == (97.0, 97.5, "year to date at the last quarter")


def test_profile_settings_accepted_in_a_fresh_process(tmp_path):
    """perfkit.toml's [measures.profiles] is known as soon as the reader is, without importing perfkit.annual first."""
    import sys

    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "Measure", "Polarity", "Annual target", "Q1 2024/25", "Q2 2024/25"])
    ws.append(["CT1", "Council tax collected", "Higher", 97.5, 29.1, 56.8])
    wb.save(tmp_path / "k.xlsx")
    (tmp_path / "perfkit.toml").write_text("[measures.profiles]\nCT1 = [29, 56.5, 84, 97.5]\n")
    code = "import perfkit; kp = perfkit.read_measures('k.xlsx'); print(sorted(kp['target']))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-1500:]
    assert result.stdout.strip() == "[29.0, 56.5]"


def test_quarterly_view_keeps_one_figure_per_measure_and_quarter(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q4 2023/24", "2023/24 outturn"])
    ws.append(["K1", "Visits", "Higher", 100, 120, 400])
    ws.append(["K2", "Satisfaction", "Higher", 80, None, 82])
    wb.save(tmp_path / "k.xlsx")
    kp = perfkit.read_measures(tmp_path / "k.xlsx")
    view = annual.quarterly_view(kp).set_index("measure_id")
    assert view.loc["K1", "actual"] == 120 and view.loc["K2", "actual"] == 82 and len(view) == 2


def test_quarter_figures_count_a_measure_once_at_q4(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q4 2023/24", "2023/24 outturn"])
    ws.append(["K1", "Visits", "Higher", 100, 120, 400])
    wb.save(tmp_path / "k.xlsx")
    kp = perfkit.assess_measures(perfkit.read_measures(tmp_path / "k.xlsx"))
    summary = perfkit.rag_summary(kp, "2023/24 Q4")
    assert int(summary.loc[summary["status"] == "Green", "count"].sum()) == 1


def _long_years(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Benchmarks"
    ws.append(["Code", "Indicator", "Polarity", "Period", "Value"])
    for period, value in (("2010-11", 4.6), ("2011-12", 4.1), ("2012-13", 3.9), ("2010-13", 4.2)):
        ws.append(["C1", "Cost per attendance", "lower", period, value])
    wb.save(tmp_path / "bench.xlsx")
    return tmp_path / "bench.xlsx"


def test_long_financial_year_labels_are_years_and_multi_year_rows_left_out_with_a_warning(tmp_path):
    # A row pooling several years has no period to sit in: left out, naming its cell, while the single years are read
    # (refusing it would leave no perfkit.toml line to type, only an edit to the workbook).
    pooled = perfkit.read_measures(_long_years(tmp_path))
    (problem,) = [p for p in pooled.attrs["problems"] if p.column == "period"]
    assert problem.source == "Benchmarks!D5" and problem.severity == "warning" and "'2010-13'" in problem.message
    assert "left out" in problem.message and len(pooled) == 3
    wb = Workbook()
    ws = wb.active
    ws.title = "Benchmarks"
    ws.append(["Code", "Indicator", "Polarity", "Period", "Value"])
    for period, value in (("2010-11", 4.6), ("2011-12", 4.1), ("2012-13", 3.9)):
        ws.append(["C1", "Cost per attendance", "lower", period, value])
    wb.save(tmp_path / "years.xlsx")
    kp = perfkit.read_measures(tmp_path / "years.xlsx")
    assert [perfkit.period_label(p, "year") for p in kp["period"]] == ["2010/11", "2011/12", "2012/13"]
    assert set(kp["span"].astype(str)) == {"year"} and set(kp["frequency"].astype(str)) == {"annual"}
    assert all(p.quarter == 4 for p in kp["period"])  # 2011-12 is a year, not December 2011
    st = annual.annual_status(kp, "2012/13").iloc[0]
    assert st["direction"] == "Improving" and st["previous"] == 4.1


def test_parse_span_reads_2011_12_as_a_financial_year():
    assert perfkit.parse_span("2011-12").kind == "year"


@pytest.mark.realdata
def test_lgbf_annual_benchmarks(tmp_path):
    from conftest import REALDATA

    path = REALDATA / "lgbf_scotland_annual_tidy.csv"
    if not path.exists():
        pytest.skip("../shared/realdata is not beside the project")
    report = perfkit.validate(path)
    assert not report.errors
    pooled = [p for p in report.warnings if "pool several years" in p.message]  # left out, said, never Nov 2007
    assert len(pooled) == 1 and pooled[0].source.startswith("lgbf_scotland_annual_tidy!F")
    read = perfkit.read_measures(path)
    assert set(read["span"].astype(str)) == {"year"} and all(p.quarter == 4 for p in read["period"])
    rows = pd.read_csv(path)
    years = rows[rows["period"].str.fullmatch(r"\d{4}-\d{2}") & rows["period"].map(lambda t: int(t[5:]) == (int(t[:4]) + 1) % 100)]
    years.to_csv(tmp_path / "years.csv", index=False)
    kp = perfkit.read_measures(tmp_path / "years.csv")
    assert set(kp["span"].astype(str)) == {"year"} and all(p.quarter == 4 for p in kp["period"])
    st = annual.annual_status(kp, "2022/23")
    assert len(st) > 50 and st["direction"].isin(list(TREND_WORDS) + ["Not comparable"]).all()
    assert (st["direction"] == "Improving").any() and (st["direction"] == "Worsening").any()


def test_trend_words_judged_or_plain_direction():
    periods = pd.PeriodIndex(["2023Q4", "2024Q4"] * 4, freq="Q-MAR")
    m = pd.DataFrame({
        "measure_id": ["A", "A", "B", "B", "C", "C", "D", "D"], "name": list("AABBCCDD"),
        "polarity": ["lower"] * 4 + ["none"] * 2 + ["higher"] * 2, "span": ["year"] * 8, "period": periods,
        "actual": [35.0, 30.0, 35.0, 30.0, 5.0, 6.0, 1.0, 1.0], "target": [30.0] * 4 + [np.nan] * 2 + [1.0] * 2,
        "reported_trend": ["", "↓", "", "Up", "", "Improving", "", "Stable"],
        "reported_trend_source": ["", "S!I2", "", "S!I3", "", "S!I4", "", "S!I5"],
    })
    st = annual.annual_status(m, "2023/24").set_index("measure_id")
    assert st.loc["A", "direction"] == "Improving" and not st.loc["A", "trend_differs"]  # fell, and lower is better
    assert st.loc["B", "trend_differs"]  # 'Up' but it fell
    assert st.loc["C", "direction"] == "Increasing" and not st.loc["C", "trend_differs"]  # no polarity: a judgement is not checked
    assert st.loc["D", "direction"] == "No change" and not st.loc["D", "trend_differs"]


def test_annual_measure_at_q4_is_its_year_outturn_in_workbook_order():
    m = pd.DataFrame({"measure_id": ["Z1", "A1", "A1"], "name": ["Satisfaction", "Visits", "Visits"], "polarity": ["higher"] * 3,
                      "frequency": ["annual", "quarterly", "quarterly"], "span": ["quarter"] * 3,
                      "period": pd.PeriodIndex(["2024Q4", "2024Q3", "2024Q4"], freq="Q-MAR"),
                      "actual": [82.0, 90.0, 120.0], "target": [80.0, 100.0, 100.0]})
    out = annual.outturns(m)
    assert out["measure_id"].tolist() == ["Z1", "A1"]
    assert out["basis"].tolist() == ["year outturn", "last quarter's figure"]


def test_year_overview_names_the_indicators_that_missed_and_worsened(plan_frame):
    from perfkit.present.annual_report import overview

    html = overview({"measures": plan_frame}, "2023/24")
    assert "2 of the 6 indicators with a target met it (2 green, 2 amber and 2 red)" in html
    assert "Missed by more than the tolerance: Average days to relet (HS2) and Households in temporary accommodation (HS4)." in html
    assert "For 3 entries" in html


def test_year_to_date_months_rolled_up_by_their_last_are_a_warning_until_said_cumulative(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Monthly"
    ws.append(["Ref", "Measure", "Polarity", "Annual target", "Apr-24", "May-24", "Jun-24", "Jul-24"])
    ws.append(["CT1", "Council tax collected in year (%)", "Higher", 97.3, 10.1, 19.5, 28.8, 38.0])
    ws.append(["B1", "Missed bins", "Lower", 300, 90, 110, 100, 95])
    # a rate improving month by month (66% to 72%) is never asked about as a year to date: no line could silence it
    ws.append(["R1", "% of reviews completed within 12 months", "Higher", 80, 66, 67, 69, 72])
    wb.save(tmp_path / "monthly.xlsx")
    (tmp_path / "perfkit.toml").write_text('[measures.rollup]\ndefault = "last"\n')
    warned = [p.message for p in perfkit.validate(tmp_path / "monthly.xlsx").warnings]
    assert len(warned) == 1 and 'rise every month' in warned[0] and 'cumulative = ["CT1"]' in warned[0], warned
    (tmp_path / "perfkit.toml").write_text('[measures]\ncumulative = ["CT1"]\n[measures.rollup]\ndefault = "last"\n'
                                           '[measures.profiles]\nCT1 = "straight line"\n')
    assert not perfkit.validate(tmp_path / "monthly.xlsx").warnings


def test_init_asks_how_months_make_a_quarter(tmp_path):
    from perfkit.cli.starter import starter_text

    path = _monthly_book(tmp_path)
    text = starter_text(path)
    assert '[measures.rollup]\ndefault = ""' in text and '"sum" (counts)' in text


def _years_book(tmp_path):
    """A Scottish council's PIs: two years' values and the latest year's target, no quarters."""
    wb = Workbook()
    ws = wb.active
    ws.title = "PIs"
    ws.append(["Code", "Short Name", "Aim", "2022/23 Value", "2023/24 Value", "2023/24 Target"])
    ws.append(["ENV01", "Cost of waste collection per premise", "Minimise", 70.1, 72.4, 70.0])
    ws.append(["ENV06", "Household waste recycled (%)", "Maximise", 44.0, 43.1, 45.0])
    wb.save(tmp_path / "pis.xlsx")
    return tmp_path / "pis.xlsx"


def test_summary_json_of_a_plan_of_years_gives_its_annual_object_unasked(tmp_path, capsys):
    import json

    from perfkit.cli import main

    assert main(["summary", str(_years_book(tmp_path)), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "annual" in doc


def test_a_briefing_of_years_speaks_of_the_year_not_its_fourth_quarter(tmp_path):
    from perfkit.present.briefing import header
    from perfkit.present.narrative import summary_lines

    fig = perfkit.quarter_figures(None, perfkit.read_measures(_years_book(tmp_path)), "2023/24 Q4")
    assert fig.yearly and fig.label == "2023/24" and fig.to_dict()["period"] == "2023/24"
    top = header("Anyshire", fig, "2024-09-01")
    assert "Annual performance briefing: 2023/24" in top and "2023/24 (April 2023 to March 2024)" in top and "Quarter 4" not in top
    text = " ".join(summary_lines(fig))
    assert "Compared with 2022/23," in text and "Q4" not in text


def test_a_trend_band_the_sheet_states_is_how_maintained_is_checked(tmp_path):
    """'Trend compares 2023/24 with 2022/23: Improving, Maintained (within 1%), Declining' under a Welsh service plan's
    table: perfkit printed 'Service wrote Maintained' as a disagreement on the committee page for +0.8% and +0.5%."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Section 5 PIs"
    ws.append(["Service plan 2024/25: performance indicators"])
    ws.append(["Ref", "Performance indicator", "Good performance is", "2022/23 outturn", "2023/24 outturn", "2023/24 target", "Trend"])
    for row in (["PAM/010", "Streets clean (%)", "Higher", 95.0, 95.8, 95, "Maintained"],   # +0.8%: within the band
                ["PAM/023", "Food premises compliant (%)", "Higher", 96.0, 96.5, 95, "Maintained"],  # +0.5%
                ["PAM/020", "Principal roads in poor condition (%)", "Lower", 3.9, 4.6, 4, "Improving"],  # wrong: worse by 18%
                ["PAM/030", "Waste recycled (%)", "Higher", 60.0, 63.0, 64, "Maintained"]):  # +5%: not maintained
        ws.append(row)
    ws.append([])
    ws.append(["Trend compares 2023/24 with 2022/23: Improving, Maintained (within 1%), Declining."])
    wb.save(tmp_path / "plan.xlsx")
    status = annual.annual_status(perfkit.read_measures(tmp_path / "plan.xlsx"), "2023/24")
    assert annual.officer_disagreements(status)["measure_id"].tolist() == ["PAM/020", "PAM/030"]


@pytest.mark.parametrize("key", ["Trend: ↑ improved on the previous year; ↓ worse than the previous year; → no change.",
                                 "Trend compares 2023/24 with 2022/23: ↑ = performance improved; ↓ = performance worsened; "
                                 "→ = no change or not comparable"])
def test_trend_arrows_the_sheet_keys_as_judgements_are_checked_as_judgements(tmp_path, key):
    """'Trend: ↑ improved on the previous year; ↓ worse than the previous year': read as plain rises and falls, every
    lower-is-better indicator that fell under a '↑' was listed as the officer contradicting the figures (six false
    entries on the committee page), and the one real contradiction (a '↓' on an improvement) was lost among them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Performance indicators"
    ws.append(["Environment and Roads – Service Plan 2024/25"])
    ws.append(["Code", "Performance indicator", "Aim", "2022/23", "2023/24", "2023/24 target", "Trend"])
    ws.append(["ER02", "Residual household waste per household (kg)", "Minimise", 541, 529, 530, "↑"])
    ws.append(["ER05", "Missed bins per 100,000 collections", "Minimise", 61, 48, 50, "↑"])
    ws.append(["ER07", "A class roads needing treatment (%)", "Minimise", 29.0, 29.9, 28, "↓"])
    ws.append(["ER08", "B and C class roads needing treatment (%)", "Minimise", 35.1, 34.8, 35, "↓"])
    ws.append(["ER10", "Food premises broadly compliant (%)", "Maximise", 90.3, 91.0, 90, "↑"])
    ws.append([])
    ws.append([key])  # the key as a district's plan words it, or a London borough's annual report
    wb.save(tmp_path / "service_plan.xlsx")
    kp = perfkit.read_measures(tmp_path / "service_plan.xlsx")
    found = annual.officer_disagreements(annual.annual_status(kp, "2023/24"))
    assert found[found["field"] == "trend"]["measure_id"].tolist() == ["ER08"]
    assert any("arrows are read as the sheet's key says (↑ Improving, ↓ Worsening, → No change)" in p.message
               for p in kp.attrs["problems"])


def test_a_years_own_ratings_with_no_targets_stand_in_the_annual_report():
    """An LOIP annual progress report (each indicator rated On track / Not on track by the partnership, no targets): the
    annual report marked all fifteen Data only and said '0 of the 0 indicators with a target met it'."""
    import html

    from perfkit.analyse.annual import annual_status
    from perfkit.present.annual_report import overview

    m = pd.DataFrame({"measure_id": ["1", "2", "3"], "name": ["Employment", "Child poverty", "School leavers"],
                      "polarity": ["none"] * 3, "span": ["year"] * 3, "period": pd.PeriodIndex(["2024Q4"] * 3, freq="Q-MAR"),
                      "actual": [74.0, 24.9, 94.8], "target": [float("nan")] * 3,
                      "reported_status": pd.Categorical(["Green", "Red", "Green"])})
    st = annual_status(m, "2023/24")
    assert st["status"].astype(str).tolist() == ["Green", "Red", "Green"]
    # where a target rates the outturn, the figures do: 'Not achieved' by 2% is amber, as the annual report's rules say
    t = m.assign(target=[75.0, 20.0, 90.0], polarity=["higher", "lower", "higher"])
    assert annual_status(t, "2023/24")["status"].astype(str).tolist() == ["Amber", "Red", "Green"]
    text = html.unescape(overview({"measures": m}, "2023/24"))
    assert "2 of the 3 indicators rated by the service's own status were rated green" in text, text
    assert "with a target met it" not in text and "Rated red: Child poverty (2)" in text


def test_an_annual_self_assessment_with_its_steps_at_the_year_end_is_briefed_as_the_year(tmp_path):
    """A Welsh council's self-assessment: measures as 2022/23 and 2023/24 outturns, steps rated at 31 March 2024. With
    no --period the brief said 'Quarter 4 2023/24 (January to March 2024)' and compared with 2023/24 Q3."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    for row in [["Annual Self-Assessment 2023/24"], ["Ref", "Measure", "Polarity", "Target 2023/24", "2022/23", "2023/24"],
                ["1.1", "Pupils attending school (%)", "Higher", 94, 93.1, 93.8], ["1.2", "Homes built", "Higher", 300, 280, 320]]:
        ws.append(row)
    steps = wb.create_sheet("Steps")
    for row in [["Annual Self-Assessment 2023/24: steps, position at 31 March 2024"], ["Ref", "Step", "Lead", "Due", "Status"],
                ["S1", "Open the new library", "Head of Culture", dt.datetime(2024, 3, 31), "Complete"],
                ["S2", "Adopt the local transport plan", "Head of Transport", dt.datetime(2024, 12, 31), "Green"]]:
        steps.append(row)
    wb.save(tmp_path / "sa.xlsx")
    frames = perfkit.read_workbook(tmp_path / "sa.xlsx")
    assert {perfkit.period_label(p) for p in frames["milestones"]["period"]} == {"2023/24 Q4"}
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q4")
    assert fig.yearly and fig.label == "2023/24"
    # its steps are rated at the year's fourth quarter: said as the quarter, as their changes are, never 'Status 2023/24'
    from perfkit.present import tables

    html = tables.milestones_table(fig, "All milestones")
    assert "Status 2023/24 Q4" in html


def test_a_years_outturns_are_said_to_be_compared_with_the_year_before_and_an_empty_comment_is_not_quoted(tmp_path):
    """A self-assessment's 2022/23 and 2023/24 outturns: the brief said 'Compared with 2023/24' (the year itself), and
    quoted a commentary of '...' as ‘’."""
    from perfkit.present import narrative
    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    for row in [["Annual Self-Assessment 2023/24"], ["Ref", "Measure", "Polarity", "Target 2023/24", "2022/23", "2023/24", "Comment"],
                ["1", "Days lost to sickness per FTE", "Lower", 10.5, 11.2, 10.9, "..."], ["2", "Homes built", "Higher", 300, 280, 320, ""]]:
        ws.append(row)
    wb.save(tmp_path / "sa.xlsx")
    kp = perfkit.read_measures(tmp_path / "sa.xlsx")
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2023/24 Q4"))
    assert "Compared with 2022/23, " in text and "\u2018\u2019" not in text and "the service reports" not in text


def test_a_years_achieved_words_give_the_polarity_the_sheet_does_not(tmp_path):
    """An outturn table with 'Target achieved?' (Yes / Partially / No) and no polarity column: every measure was rated as
    higher is better under a warning, so 'Missed bins' at 58 against 50 was 'furthest ahead of target'. The words say
    which side of the target is good; the outturns are still rated from their figures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Outturn 2023-24"
    ws.append(["Waste and Environment Service Plan 2023/24 - year-end outturn"])
    ws.append(["No.", "Performance measure", "2022/23 outturn", "2023/24 target", "2023/24 outturn", "Target achieved?"])
    for row in ([1, "Household waste recycled (%)", 48, 50, 51.2, "Yes"], [2, "Residual waste per household (kg)", 431, 420, 412, "Yes"],
                [3, "Missed bins per 100,000 collections", 62, 50, 58, "No"], [4, "Garden waste subscriptions", 18200, 19000, 18650, "Partially"]):
        ws.append(row)
    wb.save(tmp_path / "outturn.xlsx")
    kp = perfkit.read_measures(tmp_path / "outturn.xlsx")
    assert kp.drop_duplicates("measure_id")["polarity"].astype(str).tolist() == ["higher", "lower", "lower", "higher"]
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    st = annual.annual_status(kp, "2023/24").set_index("measure_id")
    assert st["status"].astype(str).tolist() == ["Green", "Green", "Red", "Amber"] and not st["level_differs"].any()


@pytest.mark.parametrize("meaning", ["judgement", "movement"])
def test_arrows_with_no_key_are_read_as_the_lower_is_better_measures_show(tmp_path, meaning):
    """A housing service plan's 'Trend' of ↑ ↓ →, no key: three lower-is-better measures that improved (relets 35 to 31
    days) were listed as the officer contradicting the figures, '↑' read as a rise. Arrows that follow the figures stay
    a rise or a fall."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Service Plan PIs"
    ws.append(["Housing Services - Annual Service Plan 2024/25: performance indicators"])
    ws.append(["PI code", "Performance indicator", "Good is", "2022/23 outturn", "2023/24 outturn", "2024/25 outturn", "2024/25 target", "Trend"])
    plan = [("HS01", "Average days to re-let void properties", "Low", 38, 35, 31, 30),
            ("HS02", "Rent collected as % of rent due", "High", 98.1, 98.4, 98.9, 98.5),
            ("HS03", "Households in temporary accommodation", "Low", 102, 131, 146, 120),
            ("HS08", "Disabled facilities grants average days", "Low", 195, 188, 172, 180)]
    for ref, name, good, *years, target in plan:
        better = (years[-1] > years[-2]) == (good == "High")
        arrow = ("↑" if better else "↓") if meaning == "judgement" else ("↑" if years[-1] > years[-2] else "↓")
        ws.append([ref, name, good, *years, target, arrow])
    wb.save(tmp_path / "plan.xlsx")
    kp = perfkit.read_measures(tmp_path / "plan.xlsx")
    found = annual.officer_disagreements(annual.annual_status(kp, "2024/25"))
    assert found.empty, found["message"].tolist()
    said = [p.message for p in kp.attrs["problems"] if "arrows are read as judgements" in p.message]
    assert bool(said) == (meaning == "judgement")


def test_the_years_status_counts_say_what_they_are_counted_from():
    """`summary --json` gave two status mixes for one year ('measures': Red 3; 'annual': Amber 1, Red 2), neither saying
    which basis it used: a service's 'No' beside a figure within the tolerance is Red in one and Amber in the other."""
    from perfkit.analyse.annual import summary_doc

    m = pd.DataFrame({"measure_id": ["A"], "name": ["Library visits"], "polarity": ["higher"], "span": ["year"],
                      "period": pd.PeriodIndex(["2025Q4"], freq="Q-MAR"), "actual": [296500.0], "target": [300000.0]})
    doc = summary_doc(m, "2024/25")["annual"]
    assert doc["by_status"]["Amber"] == 1 and doc["by_status_from"].startswith("each figure against its target")


def test_the_years_counts_say_a_services_own_rating_counts_where_no_target_rates_the_figure():
    # a nearest-neighbour table: no targets, the service's RAG letters: the counts are those letters, and said to be
    m = pd.DataFrame({"measure_id": ["A", "B"], "name": ["Relets", "Voids"], "polarity": ["lower"] * 2, "span": ["year"] * 2,
                      "period": pd.PeriodIndex(["2024Q4", "2024Q4"], freq="Q-MAR"), "actual": [29.0, 3.1],
                      "target": [float("nan")] * 2, "reported_status": ["Green", "Red"]})
    d = annual.summary_doc(m, "2023/24")["annual"]
    assert (d["by_status"]["Green"], d["by_status"]["Red"]) == (1, 1)
    assert "the service's own rating where no target rates it" in d["by_status_from"]
