"""ONS and other published tables that perfkit read silently wrong or silently short: each test builds its own file of the
shape, with the truth its generator knows, and checks perfkit against that truth.

Shapes: an ONS table headed ``Code | Name | Geography | 2021 | 2022 (r) | 2023 (p)`` with England, a region, a
metropolitan county and a combined authority above the councils; the same without ``Geography``; financial years with
``[r]`` and ``[note 3]`` marks; a names-only file with groups of councils (Core Cities, SIGOMA...) among the councils.
"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from openpyxl import Workbook

from perfkit.analyse.benchmarking import benchmark
from perfkit.read.kinds.comparators import area_type, read_comparators, strip_period_mark

from conftest import problems_text

COUNCILS = [("E06000001", "Hartlepool", "Unitary Authority"), ("E06000002", "Middlesbrough", "Unitary Authority"),
            ("E06000003", "Redcar and Cleveland", "Unitary Authority"), ("E06000004", "Stockton-on-Tees", "Unitary Authority"),
            ("E06000005", "Darlington", "Unitary Authority"), ("E06000047", "County Durham", "Unitary Authority"),
            ("E06000057", "Northumberland", "Unitary Authority"), ("E08000037", "Gateshead", "Metropolitan District"),
            ("E08000021", "Newcastle upon Tyne", "Metropolitan District"), ("E08000022", "North Tyneside", "Metropolitan District"),
            ("E08000023", "South Tyneside", "Metropolitan District"), ("E08000024", "Sunderland", "Metropolitan District")]
AGGREGATES = [("E92000001", "England", "Country"), ("E12000001", "North East", "Region"),
              ("E11000007", "Tyne and Wear (Met County)", "Metropolitan County"),
              ("E47000014", "North East Combined Authority", "Combined Authority")]
YEARS = ["2021", "2022", "2023"]


def ons_table(tmp_path, rng, geography=True, headers=(2021, "2022 (r)", "2023 (p)")):
    """An ONS accessible table: a cover sheet, a title and a note above the header, aggregates first, a source line under."""
    values = {code: [int(v) for v in rng.integers(60, 2900, len(YEARS))] for code, _, _ in COUNCILS}
    wb = Workbook()
    cover = wb.active
    cover.title = "Cover"
    cover["A1"] = "Population estimates for the North East"
    cover["A3"] = "(r) revised; (p) provisional"
    ws = wb.create_sheet("Table 2")
    ws.append(["Table 2: Population density (people per square kilometre), mid-year estimates"])
    ws.merge_cells("A1:F1")
    ws.append(["This worksheet contains one table."])
    ws.append([])
    ws.append(["Code", "Name", *(["Geography"] if geography else []), *headers])
    for code, name, geo in AGGREGATES:
        ws.append([code, name, *([geo] if geography else []), 300, 301, 302])
    for code, name, geo in COUNCILS:
        ws.append([code, name, *([geo] if geography else []), *values[code]])
    ws.append([])
    ws.append(["Source: Office for National Statistics"])
    path = tmp_path / "density.xlsx"
    wb.save(path)
    return path, values


@pytest.mark.parametrize("geography", [True, False])
def test_an_ons_code_and_name_table_is_read_by_area_with_aggregates_left_out(tmp_path, geography):
    path, values = ons_table(tmp_path, np.random.default_rng(4), geography)
    f = read_comparators(path, config={"years": "calendar"})
    assert f["measure_id"].nunique() == 1  # never one measure per ONS code
    assert set(f["area_code"]) == {c for c, _, _ in COUNCILS + AGGREGATES}
    assert dict(zip(f["area_code"], f["area_name"]))["E08000024"] == "Sunderland"
    types = dict(zip(f["area_code"], f["area_type"]))
    assert all(types[c] not in ("county", "district", "unitary", "council") for c, _, _ in AGGREGATES)
    b = benchmark(f, "Sunderland").set_index("period_span")
    assert sorted(b.index) == YEARS  # 2022 (r) and 2023 (p) are read, not dropped
    for i, year in enumerate(YEARS):
        xs = [values[c][i] for c, _, _ in COUNCILS]
        assert b.loc[year, "n"] == len(COUNCILS)
        assert b.loc[year, "median"] == pytest.approx(float(np.median(xs)))
        assert b.loc[year, "value"] == values["E08000024"][i]
    assert "revision or note mark" in problems_text(f)


def test_geography_holding_kinds_of_area_is_never_the_areas_name(tmp_path):
    path, _ = ons_table(tmp_path, np.random.default_rng(5))
    f = read_comparators(path, config={"years": "calendar"})
    assert "Unitary Authority" not in set(f["area_name"])
    assert f.loc[f["area_code"] == "E11000007", "area_type"].iat[0] == "other area"


def test_financial_years_with_revision_and_note_marks_are_read_as_their_periods(tmp_path):
    rng = np.random.default_rng(6)
    headers = ["2021-22", "2022-23 [r]", "2023-24 [note 3]"]
    path, values = ons_table(tmp_path, rng, geography=True, headers=headers)
    f = read_comparators(path)
    assert sorted(f["period_span"].unique()) == ["2021/22", "2022/23", "2023/24"]
    b = benchmark(f, "E06000001").set_index("period_span")
    assert b.loc["2023/24", "value"] == values["E06000001"][2]
    text = problems_text(f)
    assert text.count("revision or note mark") == 1 and "[note 3]" in text


@pytest.mark.parametrize("text, clean, mark", [("2022 (r)", "2022", "(r)"), ("2023 (p)", "2023", "(p)"),
                                               ("2022-23 [r]", "2022-23", "[r]"), ("2023-24 [note 3]", "2023-24", "[note 3]"),
                                               ("2021/22", "2021/22", ""), ("(r)", "(r)", "")])
def test_period_marks(text, clean, mark):
    assert strip_period_mark(text) == (clean, mark)


GROUPS = ["Core Cities", "Key Cities", "SIGOMA", "County Councils Network", "Greater London", "Greater London Authority",
          "English regions", "Mean for Stockport's CIPFA nearest neighbours", "Average of statistical neighbours", "Total"]


@pytest.mark.parametrize("name", GROUPS)
def test_groups_of_councils_are_not_councils(name):
    assert area_type("", name) not in ("county", "district", "unitary", "council")


def test_names_only_file_leaves_groups_of_councils_out_of_n_and_median(tmp_path):
    rng = np.random.default_rng(8)
    councils = ["Bolton", "Bury", "Oldham", "Rochdale", "Tameside", "Wigan", "Stockport", "Calderdale", "Kirklees", "Wirral"]
    values = {c: int(v) for c, v in zip(councils, rng.integers(40, 99, len(councils)))}
    path = tmp_path / "compare.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["Area", "Metric", "Period", "Value"])
        for c in councils:
            w.writerow([c, "Household waste recycled (%)", "2023/24", values[c]])
        for g in GROUPS:
            w.writerow([g, "Household waste recycled (%)", "2023/24", 1])  # below every council: counted, it moves the median
    b = benchmark(read_comparators(path), "Stockport")
    assert b["n"].iat[0] == len(councils)
    assert b["median"].iat[0] == pytest.approx(float(np.median(list(values.values()))))


SCORES = ["Buildings & Heating", "Transport", "Planning & Land Use", "Total score"]


def scorecard(tmp_path, rng, extra=()):
    """A climate scorecard: a title, one column per score (written '41%'), a council type column, a note under the table."""
    councils = {"Bristol City Council": "Single Tier", "Leeds City Council": "Single Tier", "Cornwall Council": "Single Tier",
                "Nottingham City Council": "Single Tier", "Stroud District Council": "District", "Lewes District Council": "District",
                "Exeter City Council": "District", "Ashford Borough Council": "District",
                "Greater Manchester Combined Authority": "Combined Authority"}
    scores = {c: [int(v) for v in rng.integers(10, 80, len(SCORES))] for c in councils}
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecards 2023"
    ws.append(["Council Climate Action Scorecards 2023: section scores (%)"])
    ws.append(["Council", "Council type", "Year", *SCORES, *[h for h, _ in extra]])
    for i, (c, typ) in enumerate(councils.items()):
        ws.append([c, typ, 2023, *[f"{x}%" for x in scores[c]], *[v + i for _, v in extra]])
    ws.append([])
    ws.append(["Scores are the percentage of available marks."])
    path = tmp_path / "scorecards.xlsx"
    wb.save(path)
    return path, scores


def test_a_column_per_score_is_read_as_a_measure_each(tmp_path):
    path, scores = scorecard(tmp_path, np.random.default_rng(9), extra=[("Population", 100000)])
    f = read_comparators(path, config={"years": "calendar", "tier": "all"})
    assert sorted(f["measure"].unique()) == sorted(SCORES)
    assert len(f) == len(scores) * len(SCORES)
    assert f["source"].str.endswith("row 3").sum() == len(SCORES)  # every score of the first council names its own row
    b = benchmark(f, "Stroud District Council", tier="all").set_index("measure")
    councils = [c for c in scores if "Combined" not in c]
    for j, score in enumerate(SCORES):
        assert b.loc[score, "value"] == scores["Stroud District Council"][j]
        assert b.loc[score, "n"] == len(councils)
        assert b.loc[score, "median"] == pytest.approx(float(np.median([scores[c][j] for c in councils])))
    text = problems_text(f)
    assert "each is read as its own measure" in text and "Population (not measures by their headers) left aside" in text
    assert "13, 13" not in text and text.count("no period or value (row 13, such as 'Scores are") == 1


def test_one_score_named_in_the_settings_says_the_others_are_not_read(tmp_path):
    path, _ = scorecard(tmp_path, np.random.default_rng(10))
    f = read_comparators(path, config={"years": "calendar", "columns": {"Total score": "value"}})
    assert f["value"].notna().all() and len(f) == 9
    warning = next(p for p in f.attrs["problems"] if "not read" in p.message and "Transport" in p.message)
    assert all(s in warning.message for s in SCORES[:3]) and warning.severity == "warning"
