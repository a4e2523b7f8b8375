"""Comparators: reading published comparison files and placing one council among the rest."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

import perfkit
from perfkit.analyse.benchmarking import benchmark, standings
from perfkit.read.kinds.comparators import read_comparators
from perfkit.core.errors import ConfigError, ValidationError

from conftest import REALDATA


def _csv(tmp_path, name, frame):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


@pytest.fixture
def oflog_like(tmp_path):
    """The Office for Local Government explorer's shape: polarity as desc/DESC/blank, the publisher's median and MADs."""
    rows = []
    values = {"2021-22": [50.0, 60.0, 70.0, 80.0, None], "2022-23": [65.0, 60.0, 70.0, 80.0, 90.0]}
    for year, vals in values.items():
        for i, v in enumerate(vals):
            rows.append({"Financial year": year, "Local authority code": f"E0600000{i}", "Local authority name": f"Town {i}",
                         "Grouping": "LA_Raw", "Entity_Name": "Unitary Authorities" if i % 2 else "Counties",
                         "Measure": "Outcome, Quality of life", "Code": "ASC1", "Value": "-" if v is None else v,
                         "MEDIAN": 0, "MADs_from_median": 0, "rank_order": ["desc", "DESC", ""][i % 3]})
            rows.append({"Financial year": year, "Local authority code": f"E0600000{i}", "Local authority name": f"Town {i}",
                         "Grouping": "LA_Raw", "Entity_Name": "Counties", "Measure": "Outcome, Turnover", "Code": "ASC7",
                         "Value": 10.0 + i, "MEDIAN": 0, "MADs_from_median": 0, "rank_order": ""})
    return _csv(tmp_path, "oflog.csv", pd.DataFrame(rows))


def test_reads_oflog_shape(oflog_like):
    f = read_comparators(oflog_like)
    assert list(f.columns[:7]) == ["area_code", "area_name", "measure_id", "measure", "period", "period_span", "value"]
    assert f["period"].dtype == pd.PeriodDtype("Q-MAR")
    first = f.iloc[0]
    assert (first["area_code"], first["area_name"], first["measure_id"]) == ("E06000000", "Town 0", "ASC1")
    assert first["period"] == perfkit.parse_period("2021/22 Q4") and first["period_span"] == "2021/22"
    # desc, DESC and blank rows of one measure all read as higher is better
    assert set(f.loc[f["measure_id"] == "ASC1", "polarity"]) == {"higher"}
    assert set(f.loc[f["measure_id"] == "ASC7", "polarity"]) == {"none"}
    assert set(f["group"]) == {"Counties", "Unitary Authorities"}
    # the suppressed value is missing, never zero, and said aloud
    missing = f[(f["measure_id"] == "ASC1") & (f["area_code"] == "E06000004") & (f["period_span"] == "2021/22")]
    assert missing["value"].isna().all()
    messages = " ".join(p.message for p in f.attrs["problems"])
    assert "never as zero" in messages and "no polarity for ASC7" in messages
    assert "published_median" in f and "published_mads_from_median" in f


def test_reads_lgbf_quarters_and_multi_year_spans(tmp_path):
    quarterly = pd.DataFrame({"code": "CORP 09", "indicator": "Crisis grants in 1 day", "polarity": "higher_is_better",
                              "council": ["Angus", "Fife"] * 2, "financial_year": "2018-19", "quarter": ["Q1", "Q1", "Q2", "Q2"],
                              "value": [0.9, 0.8, 0.95, 0.7], "scot_rank_of_32": [1, 2, 1, 2]})
    f = read_comparators(_csv(tmp_path, "q.csv", quarterly))
    assert [perfkit.period_label(p) for p in f["period"]] == ["2018/19 Q1", "2018/19 Q1", "2018/19 Q2", "2018/19 Q2"]
    assert list(f["period_span"]) == ["2018/19 Q1"] * 2 + ["2018/19 Q2"] * 2
    assert list(f["published_rank"]) == [1, 2, 1, 2]

    annual = pd.DataFrame({"code": "C&L 01", "indicator": "Cost per attendance", "polarity": "lower_is_better",
                           "council": ["Angus", "Fife", "Angus", "Fife", "Angus"],
                           "period": ["2020-23", "2020-23", "2022-23", "2022/23", "2010-11"], "value": [3.0, 4.0, 5.0, 1.0, 2.0]})
    f = read_comparators(_csv(tmp_path, "a.csv", annual))
    assert list(f["period_span"]) == ["2020-23", "2020-23", "2022/23", "2022/23", "2010/11"]  # a pooled span as the LGBF writes it
    assert f["period"].iloc[0] == f["period"].iloc[2] == perfkit.parse_period("2022/23 Q4")
    assert perfkit.period_label(f["period"].iloc[4]) == "2010/11 Q4"  # a year, not November 2010
    assert any("pooled period" in p.message and "2020/21 to 2022/23" in p.message for p in f.attrs["problems"])
    b = benchmark(f, "Angus")
    # the three-year figure is ranked among three-year figures only, never with the single year ending the same March
    spans = b.set_index("period_span")
    assert spans.loc["2020-23", "rank"] == 1 and spans.loc["2020-23", "n"] == 2
    assert spans.loc["2022/23", "rank"] == 2 and spans.loc["2022/23", "median"] == 3.0


def test_reads_excel_export_and_maps_unknown_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["ONS code", "Authority", "What", "When", "Figure", "Better is"])
    ws.append(["E1", "Ash", "Recycling rate", "2023/24", "45%", "Higher"])
    ws.append(["E2", "Birch", "Recycling rate", "2023/24", "..", "Higher"])
    path = tmp_path / "lginform.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert "measure_id or measure" in str(err.value) and "no column for period" in str(err.value)
    f = read_comparators(path, {"columns": {"What": "measure", "When": "period", "Better is": "polarity"}})
    assert list(f["value"].fillna(-1)) == [45.0, -1]
    assert list(f["polarity"]) == ["higher", "higher"] and list(f["measure_id"]) == ["Recycling rate"] * 2
    f = read_comparators(path, {"columns": {"What": "measure", "When": "period"}, "polarity": {"Recycling rate": "lower"}})
    assert list(f["polarity"]) == ["lower", "lower"]


def test_unreadable_periods_and_values_are_listed_with_their_rows(tmp_path):
    bad = pd.DataFrame({"area code": ["A", "B", "C"], "measure": "M", "period": ["2023/24", "Spring", "2023/24"],
                        "value": ["1", "2", "lots"]})
    with pytest.raises(ValidationError) as err:
        read_comparators(_csv(tmp_path, "bad.csv", bad))
    text = str(err.value)
    assert "bad.csv row 3" in text and "Spring" in text and "bad.csv row 4" in text and "lots" in text


def _frame(values, polarity="higher", spans=("2023/24",), codes=None):
    rows = []
    for k, span in enumerate(spans):
        vals = values[k] if isinstance(values[0], (list, tuple)) else values
        for i, v in enumerate(vals):
            code = codes[i] if codes else f"A{i}"
            rows.append({"area_code": code, "area_name": f"Area {code}", "measure_id": "M1", "measure": "Measure one",
                         "polarity": polarity, "period": perfkit.parse_period(f"{span} Q4"), "period_span": span, "value": v})
    f = pd.DataFrame(rows)
    f["period"] = pd.PeriodIndex(f["period"], freq="Q-MAR")
    return f


def test_rank_ties_share_the_best_rank_and_quartile_one_is_best():
    f = _frame([10.0, 30.0, 30.0, 20.0, 5.0, 1.0, None, 7.0])
    b = benchmark(f, "A1")
    row = b.iloc[0]
    assert row["rank"] == 1 and row["n"] == 7 and row["quartile"] == 1
    assert benchmark(f, "A2").iloc[0]["rank"] == 1  # tied with A1
    assert benchmark(f, "A3").iloc[0]["rank"] == 3
    assert benchmark(f, "A5").iloc[0]["quartile"] == 4 and benchmark(f, "A5").iloc[0]["rank"] == 7
    lower = benchmark(_frame([10.0, 30.0, 30.0, 20.0], polarity="lower"), "Area A0")  # by name too
    assert lower.iloc[0]["rank"] == 1


def test_missing_values_never_count_as_zero():
    f = _frame([10.0, None, 30.0, 20.0])
    b = benchmark(f, "A1")
    row = b.iloc[0]
    assert np.isnan(row["value"]) and pd.isna(row["rank"]) and pd.isna(row["quartile"]) and np.isnan(row["mads_from_median"])
    assert row["n"] == 3 and row["median"] == 20.0
    assert benchmark(f, "A0").iloc[0]["rank"] == 3  # last of three, not of four


def test_median_mads_and_family():
    f = _frame([1.0, 2.0, 3.0, 4.0, 100.0])
    b = benchmark(f, "A4", family=["A0", "Area A1", "nowhere"])
    row = b.iloc[0]
    # median 3; |deviations| 2, 1, 0, 1, 97 -> median 1; (100 - 3) / 1
    assert row["median"] == 3.0 and row["mads_from_median"] == 97.0
    assert row["family_median"] == 1.5 and row["family_n"] == 2
    assert any("nowhere" in p.message for p in b.attrs["problems"])
    # all equal: the median deviation is 0 and the MADs figure is missing rather than infinite
    same = benchmark(_frame([5.0, 5.0, 5.0, 6.0]), "A3").iloc[0]
    assert np.isnan(same["mads_from_median"])


def test_rank_change_against_previous_period():
    f = _frame([[10.0, 20.0, 30.0], [40.0, 20.0, 30.0], [1.0, 20.0, 30.0]], spans=("2021/22", "2022/23", "2023/24"))
    b = benchmark(f, "A0")
    assert list(b["period_span"]) == ["2021/22", "2022/23", "2023/24"]
    assert list(b["rank"]) == [3, 1, 3]
    assert np.isnan(b["rank_change"].iloc[0]) and list(b["rank_change"].iloc[1:]) == [2, -2]


def test_area_without_a_row_is_shown_without_a_value():
    f = _frame([[1.0, 2.0, 3.0], [4.0, 5.0]], spans=("2022/23", "2023/24"))
    b = benchmark(f, "A2")
    assert len(b) == 2 and np.isnan(b["value"].iloc[1]) and b["n"].iloc[1] == 2
    with pytest.raises(ConfigError):
        benchmark(f, "Atlantis")


def test_unranked_polarity_gives_no_rank_but_a_median():
    b = benchmark(_frame([1.0, 2.0, 3.0], polarity="none"), "A0")
    assert pd.isna(b["rank"].iloc[0]) and b["median"].iloc[0] == 2.0
    assert any("not ranked" in p.message for p in b.attrs["problems"])


@pytest.mark.parametrize("seed", range(5))
def test_ranks_agree_with_pandas_rank_min(seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 8, 40).astype(float)
    values[rng.random(40) < 0.2] = np.nan
    for polarity, ascending in (("higher", False), ("lower", True)):
        f = _frame(list(values), polarity=polarity)
        got = standings(f)["rank"]
        want = pd.Series(values).rank(method="min", ascending=ascending)
        pd.testing.assert_series_equal(got.reset_index(drop=True), want, check_names=False)


@pytest.mark.realdata
def test_oflog_medians_and_mads_equal_the_publishers():
    path = REALDATA / "oflog_adult_social_care_2015_2023.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    f = read_comparators(path)
    s = standings(f)
    np.testing.assert_allclose(s["median"], f["published_median"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(s["mads_from_median"], f["published_mads_from_median"], rtol=1e-6, atol=1e-6)  # NaN where they have none
    for (m, span), g in f.groupby(["measure_id", "period_span"]):
        pol = g["polarity"].iloc[0]
        if pol in ("higher", "lower"):
            want = g["value"].rank(method="min", ascending=pol == "lower")
            pd.testing.assert_series_equal(s.loc[g.index, "rank"], want, check_names=False)


@pytest.mark.realdata
def test_lgbf_ranks_equal_the_publishers():
    path = REALDATA / "lgbf_crisis_grant_quarterly_tidy.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    f = read_comparators(path)
    s = standings(f)
    np.testing.assert_array_equal(s["rank"].to_numpy(), f["published_rank"].to_numpy())
    assert f["period_span"].str.contains(" Q").all()


def test_benchmark_chart_highlights_and_describes_the_council():
    from perfkit.present import charts

    f = _frame([[1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, None]], polarity="lower", spans=("2022/23", "2023/24"))
    chart = charts.benchmark_chart(f, "A1", "M1", family=["A0", "A2"])
    assert chart.png.startswith(b"\x89PNG")
    assert "Area A1: 4.0, ranked 3 of 4 (quartile 3)" in chart.alt  # latest single year by default; lower is better
    assert "comparator family median 4.0 (2 areas)" in chart.alt and "2023/24" in chart.title
    older = charts.benchmark_chart(f, "A4", "M1", period_span="2022/23")
    assert "ranked 5 of 5 (quartile 4)" in older.alt
    assert "no value, not ranked" in charts.benchmark_chart(f, "A4", "M1").alt
    # a multi-year figure ending in the same March is not the default: the single year is
    pooled = pd.concat([f, _frame([9.0, 8.0, 7.0], polarity="lower", spans=("2023/24",)).assign(period_span="2021/22 to 2023/24")])
    assert "in 2023/24," in charts.benchmark_chart(pooled, "A1", "M1").alt


def test_bundled_sample_comparators_read_cleanly():
    from conftest import ROOT
    from perfkit.present.benchmarking import benchmark_charts_html

    f = read_comparators(ROOT / "data" / "raw" / "sample_comparators.csv")
    assert f["measure_id"].nunique() == 4 and "Northbrook District Council" in set(f["area_name"])
    assert benchmark_charts_html(f, "Northbrook District Council", family=["Castlegate"]).count("<figure") == 4


def test_briefing_section_table_and_sentences():
    from perfkit.present.benchmarking import briefing_section

    f = _frame([[1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, 1.0]], polarity="lower", spans=("2022/23", "2023/24"))
    f = pd.concat([f, _frame([9.0, 1.0, 2.0, 3.0, 4.0], polarity="higher", spans=("2023/24",)).assign(measure_id="M2", measure="Measure <two>")])
    html = briefing_section(f, "A0", family=["A1", "A2"], priorities={"M1": "Housing"})
    assert html.startswith('<section aria-labelledby="benchmarking"><h2 id="benchmarking">How we compare</h2>')
    assert "<h3>Housing</h3>" in html and "<h3>Other measures</h3>" in html
    # M1 in 2023/24: A0 has 5.0, lower is better: last of five, fell four places since 2022/23
    assert "<td>2023/24</td><td>5</td><td>5 of 5</td><td>Bottom quarter (worst)</td><td>2 above the median (3), worse</td><td>Down 4 places</td>" in html
    assert "<td>1 of 5</td><td>Top quarter (best)</td>" in html
    assert "Measure &lt;two&gt;" in html and "<two>" not in html  # text from the data is escaped
    assert "Of 1 ranked measure, none is in the top quarter of councils and 1 in the bottom quarter." in html
    assert "Median of the comparator family" in html


@pytest.mark.browser
def test_benchmarking_and_spc_sections_pass_axe(tmp_path):
    """The two new briefing sections, on a bare en-GB page, have no WCAG 2.x A/AA violations (axe-core in Chromium)."""
    from conftest import ROOT
    from perfkit.present.spc import briefing_section as spc_section
    from perfkit.present.benchmarking import benchmark_charts_html, briefing_section
    from test_briefing import _axe_violations, _need_browser

    _need_browser()
    data = read_comparators(ROOT / "data" / "raw" / "sample_comparators.csv")
    council = "Northbrook District Council"
    measures = pd.DataFrame({"measure_id": "K1", "name": "Calls answered", "polarity": "higher", "target": 85.0,
                             "actual": [91.0, 92.0] * 8 + [80.0], "period": pd.period_range("2019Q1", periods=17, freq="Q-MAR")})
    body = (briefing_section(data, council, family=["Castlegate", "Fernley"], priorities={"REC01": "A greener district"})
            + benchmark_charts_html(data, council) + spc_section(measures))
    page = (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>How we compare</title></head>'
            f"<body><main><h1>Briefing</h1>{body}</main></body></html>")
    assert _axe_violations(page, tmp_path) == []


def test_title_rows_and_wide_layouts(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Household waste recycled: district councils"])
    ws.append(["Source: a fictional export"])
    ws.append([])
    ws.append(["Area code", "Area name", "Measure", "Polarity", "2021/22", "2022/23", "2023/24"])
    ws.append(["E1", "Ash", "Recycling rate", "Higher", 40, 42, "x"])
    ws.append([])
    ws.append(["E2", "Birch", "Recycling rate", "Higher", 38, 45, 47])
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    f = read_comparators(path)
    assert len(f) == 6
    assert list(f["period_span"]) == ["2021/22", "2022/23", "2023/24"] * 2
    assert list(f["value"].fillna(-1)) == [40, 42, -1, 38, 45, 47]
    assert list(f["source"]) == ["wide.xlsx row 5"] * 3 + ["wide.xlsx row 7"] * 3  # rows as in the file
    messages = " ".join(p.message for p in f.attrs["problems"])
    assert "header is on row 4" in messages and "a column per period" in messages
    assert benchmark(f, "Birch").set_index("period_span").loc["2022/23", "rank"] == 1


def test_a_figure_given_twice_is_refused_naming_the_rows_or_kept_as_the_setting_says(tmp_path):
    path = _csv(tmp_path, "dup.csv", pd.DataFrame({"area code": ["A", "A", "B"], "measure": "M", "period": "2023/24", "value": [1, 2, 3]}))
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert "rows 2 and 3 of dup.csv" in str(err.value) and 'duplicates = "first"' in str(err.value)
    f = read_comparators(path, {"duplicates": "first"})
    warning = [p for p in f.attrs["problems"] if p.severity == "warning"]
    assert warning and "rows 2 and 3 of dup.csv" in warning[0].message and "1 row left out" in warning[0].message
    b = benchmark(f, "A").iloc[0]
    assert b["value"] == 1 and b["n"] == 2  # the second figure is gone from n and the median too, exactly as said
    assert benchmark(read_comparators(path, {"duplicates": "last"}), "A").iloc[0]["value"] == 2


def test_brief_compare_adds_how_we_compare(tmp_path, sample_path):
    """perfkit brief --compare FILE: the briefing gains the section comparing the council with others."""
    from perfkit.cli import main

    from conftest import ROOT

    out = tmp_path / "reports"
    code = main(["brief", str(sample_path), "--period", "2023/24 Q2", "--council", "Northbrook District Council", "--out", str(out),
                 "--compare", str(ROOT / "data" / "raw" / "sample_comparators.csv"), "--family", "Fernley", "--family", "Castlegate"])
    assert code == 0
    html = next(p for p in out.glob("*.html") if not p.name.endswith("-checks.html")).read_text(encoding="utf-8")
    assert 'aria-labelledby="benchmarking"' in html and "How we compare" in html
