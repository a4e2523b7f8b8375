"""Comparison files a fourth blind tester tried (issue #21): each test builds its own file of one published shape, works
out the truth from its own figures (councils only, as the publisher counts them), and checks perfkit against that truth.

Shapes: the DfE's explore-education-statistics children in care, with 'z' written for Cumbria's successors in the years
before they existed; a climate scorecard typing Northern Ireland's councils "Northern Ireland"; StatsWales names with
Wales's regional groupings beside the councils and a source line under the table written with an unquoted comma; an LG
Inform planning file whose `Type` column tells the figures apart; titles written with unquoted commas; an ONS-coded file
of four countries' councils.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from perfkit.analyse.benchmarking import benchmark
from perfkit.core.errors import ValidationError
from perfkit.read.kinds.comparators import name_kind, read_comparators

from conftest import problems_text


def write_lines(path, lines):
    """The file as a publisher's CSV: one line each, UTF-8."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- 1. successors written 'z'

EES_HEAD = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,"
            "old_la_code,la_name,rate_per_10000")
EES_COUNCILS = {"E10000017": "Lancashire", "E10000016": "Kent", "E10000030": "Surrey", "E06000001": "Hartlepool",
                "E06000002": "Middlesbrough", "E08000001": "Bolton"}


def ees_children_in_care(tmp_path, identifier="Reporting year"):
    """Every council in every year, as the DfE writes them: Cumberland and Westmorland and Furness 'z' (not applicable)
    before 2023, Cumbria 'z' from 2023; England and a region with the local authority blank."""
    rng = np.random.default_rng(21)
    lines, truth = [EES_HEAD], {}
    for year in range(2019, 2024):
        lines.append(f"{year},{identifier},National,E92000001,England,,,,,,65")
        lines.append(f"{year},{identifier},Regional,E92000001,England,E12000002,North West,,,,90")
        figures = {c: int(rng.integers(40, 160)) for c in EES_COUNCILS}
        if year < 2023:
            figures["E10000006"] = int(rng.integers(40, 160))  # Cumbria
        else:
            figures["E06000063"], figures["E06000064"] = int(rng.integers(40, 160)), int(rng.integers(40, 160))
        names = {**EES_COUNCILS, "E10000006": "Cumbria", "E06000063": "Cumberland", "E06000064": "Westmorland and Furness"}
        for code, name in names.items():
            lines.append(f"{year},{identifier},Local authority,E92000001,England,E12000002,North West,{code},9{code[-2:]},{name},"
                         f"{figures.get(code, 'z')}")
        truth[year] = figures
    return write_lines(tmp_path / "cla.csv", lines), truth


def test_a_predecessor_counts_in_every_year_its_successors_have_no_figure(tmp_path):
    path, truth = ees_children_in_care(tmp_path)
    f = read_comparators(path, {"years": "31 March"})
    b = benchmark(f, "Lancashire").set_index("period_span")
    for year, figures in truth.items():
        row = b.loc[f"31 March {year}"]
        assert row["n"] == len(figures), year  # Cumbria counted 2019-2022, its two successors in 2023
        assert row["median"] == pytest.approx(np.median(list(figures.values()))), year
    assert set(f.loc[f["area_type"] == "superseded council", "period_span"]) <= {"31 March 2023"}
    assert "Cumbria from 31 March 2023 on" in problems_text(f)


def test_a_calendar_year_time_identifier_says_what_a_bare_year_means(tmp_path):
    path, truth = ees_children_in_care(tmp_path, "Calendar year")
    f = read_comparators(path)
    assert set(f["period_span"]) == {str(y) for y in truth}
    assert "as the column 'time_identifier' says" in problems_text(f)
    path, _ = ees_children_in_care(tmp_path, "Reporting year")  # says nothing of the year's meaning: still refused
    with pytest.raises(ValidationError, match='years = "calendar"'):
        read_comparators(path)


# ---------------------------------------------------------------------------------------------- 2. a type naming a country

def test_a_council_whose_type_column_names_its_country_is_a_council_not_the_country(tmp_path):
    """A climate scorecard's 'Council type' says "Northern Ireland" for Belfast, Derry and Strabane, Ards and North Down:
    each is a council, compared with its own type, and never any council's national figure."""
    districts = {"Dacorum Borough Council": 42, "Hertsmere Borough Council": 41, "Stroud District Council": 70,
                 "Preston City Council": 38}
    ni = {"Belfast City Council": 54, "Derry City and Strabane District Council": 30, "Ards and North Down Borough Council": 55}
    single = {"Cardiff Council": 43, "City of Edinburgh Council": 50}
    lines = ["Council Climate Action Scorecards", "Council,Council type,Total score"]
    for kind, group in (("District", districts), ("Northern Ireland", ni), ("Single Tier", single)):
        lines += [f"{name},{kind},{v}%" for name, v in group.items()]
    path = write_lines(tmp_path / "scorecard.csv", lines)
    f = read_comparators(path, {"period": "2023/24"})
    assert (f["area_type"] != "country").all()
    for area, group in (("Dacorum Borough Council", districts), ("Belfast City Council", ni)):
        b = benchmark(f, area).iloc[0]
        assert b["n"] == len(group) and b["median"] == pytest.approx(np.median(list(group.values())))
        assert pd.isna(b["national"])


# ---------------------------------------------------------------------------------------------- 3. Welsh and Scottish groupings

WELSH = {"Isle of Anglesey": 62.6, "Gwynedd": 71.8, "Conwy": 61.1, "Powys": 63.4, "Swansea": 69.1, "Cardiff": 63.7,
         "Newport": 61.1, "Monmouthshire": 65.6, "Torfaen": 68.1}
GROUPINGS = ["North Wales", "Mid and South West Wales", "South East Wales", "Mid Wales", "South Wales East",
             "Highlands and Islands", "Mid Scotland and Fife", "North East Scotland", "Lothian"]


@pytest.mark.parametrize("name", GROUPINGS)
def test_welsh_and_scottish_groupings_of_councils_are_regions_by_name(name):
    assert name_kind(name) == "region"


@pytest.mark.parametrize("name", ["Glasgow City", "Fife", "Highland", "West Lothian", "Midlothian", "Scottish Borders",
                                  "Vale of Glamorgan", "Merthyr Tydfil"])
def test_councils_named_like_groupings_are_councils(name):
    assert name_kind(name) is None


def test_a_names_only_welsh_table_counts_no_grouping_among_its_councils(tmp_path):
    """StatsWales: Wales, the councils, then its regional groupings, names only."""
    lines = ["Recycling by local authority", "", "Area,2022-23", "Wales,60.6"]
    lines += [f"{n},{v}" for n, v in WELSH.items()] + [f"{g},{50 + k}" for k, g in enumerate(GROUPINGS[:4])]
    path = write_lines(tmp_path / "statswales.csv", lines)
    b = benchmark(read_comparators(path), "Cardiff").iloc[0]
    assert b["n"] == len(WELSH) and b["median"] == pytest.approx(np.median(list(WELSH.values()))) and b["national"] == 60.6


# ---------------------------------------------------------------------------------------------- 4. a Type column

def planning_by_type(tmp_path):
    """LG Inform's long layout: a `Type` column (Major, Minor, Other) tells the figures apart, Minor and Other sharing one
    description."""
    rng = np.random.default_rng(3)
    lines, truth = ["Area code,Area name,Period,Type,Description,Measure,Value"], {}
    described = {"Major": "Decided within 13 weeks", "Minor": "Decided within 8 weeks", "Other": "Decided within 8 weeks"}
    for kind, text in described.items():
        figures = {f"E07000{30 + k}": round(float(rng.uniform(50, 100)), 1) for k in range(8)}
        lines += [f"{code},Council {code[-2:]},2023-24 Q1,{kind},{text},Percentage,{v}" for code, v in figures.items()]
        truth[kind] = figures
    return write_lines(tmp_path / "planning.csv", lines), truth


def test_rows_told_apart_by_a_type_column_are_refused_naming_it_and_read_as_a_breakdown_once_said(tmp_path):
    path, truth = planning_by_type(tmp_path)
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    message = str(err.value)
    assert "The column 'Type' tells them apart" in message and '"Type" = "breakdown"' in message
    assert "would drop every figure of the other 'Type'" in message
    f = read_comparators(path, {"columns": {"Type": "breakdown"}})
    b = benchmark(f, "Council 31").set_index("breakdown")
    for kind, figures in truth.items():
        assert b.loc[kind, "n"] == len(figures) and b.loc[kind, "median"] == pytest.approx(np.median(list(figures.values())))


# ---------------------------------------------------------------------------------------------- 5. the title as the measure

@pytest.mark.parametrize("title, measure", [
    ("Percentage of household waste sent for reuse, recycling or composting for Anyshire and its CIPFA nearest neighbours",
     "Percentage of household waste sent for reuse, recycling or composting"),
    ("Percentage of local authority municipal waste prepared for reuse, recycled or composted, by local authority and year",
     "Percentage of local authority municipal waste prepared for reuse, recycled or composted"),
    ("Revenue outturn (RO) 2021–22 and 2022–23: net current expenditure on environmental services (£ thousand)",
     "Revenue outturn (RO): net current expenditure on environmental services (£ thousand)"),
])
def test_a_title_written_with_unquoted_commas_names_the_whole_measure(tmp_path, title, measure):
    lines = [title, "", "Area code,Area name,2021/22,2022/23"]
    lines += [f"E07000{10 + k},Council {k},{40 + k},{50 + k}" for k in range(5)]
    f = read_comparators(write_lines(tmp_path / "lginform.csv", lines))
    assert set(f["measure"]) == {measure}


# ---------------------------------------------------------------------------------------------- 6. a file of four countries

UK_AREAS = {"E10000015": ("Hertfordshire", 40.1), "E10000012": ("Essex", 33.0), "E10000016": ("Kent", 36.5),
            "E06000055": ("Bedford", 31.2), "E06000056": ("Central Bedfordshire", 35.9), "E08000025": ("Birmingham", 29.4),
            "E07000096": ("Dacorum", 43.3), "E07000098": ("Hertsmere", 41.0), "E07000242": ("East Hertfordshire", 38.8),
            "W06000015": ("Cardiff", 47.7), "W06000011": ("Swansea", 44.0), "S12000036": ("City of Edinburgh", 52.0),
            "S12000049": ("Glasgow City", 50.5), "N09000003": ("Belfast", 49.0), "E92000001": ("England", 41.8)}


def test_a_council_in_a_file_of_several_countries_is_compared_within_its_own_by_default(tmp_path):
    lines = ["AREACD,AREANM,Indicator,Period,Value"] + [f"{c},{n},GVA per hour,2021/22,{v}" for c, (n, v) in UK_AREAS.items()]
    f = read_comparators(write_lines(tmp_path / "uk.csv", lines))
    english_upper = [v for c, (n, v) in UK_AREAS.items() if c[:3] in ("E10", "E06", "E08")]
    b = benchmark(f, "Hertfordshire")
    assert b["n"].iloc[0] == len(english_upper) and b["median"].iloc[0] == pytest.approx(np.median(english_upper))
    assert b["national"].iloc[0] == 41.8
    said = problems_text(b)
    assert "compared with the councils of England only" in said and 'countries = "pooled"' in said
    upper = [v for c, (n, v) in UK_AREAS.items() if c[:3] not in ("E07", "E92")]
    pooled = benchmark(f, "Hertfordshire", countries="pooled")
    assert pooled["n"].iloc[0] == len(upper) and pooled["median"].iloc[0] == pytest.approx(np.median(upper))
    welsh = benchmark(f, "Cardiff")
    assert welsh["n"].iloc[0] == 2 and "the councils of Wales only" in problems_text(welsh)


# ---------------------------------------------------------------------------------------------- 7. a note under the table

def test_a_note_under_the_table_written_with_an_unquoted_comma_is_a_note(tmp_path):
    lines = ["Recycling rate", "", "Area,2021-22,2022-23", "Wales,61.7,62.3"] + [f"{n},{v},{v + 1}" for n, v in WELSH.items()]
    lines += ["", "Source: Welsh Government, WasteDataFlow", ".. data not available"]
    f = read_comparators(write_lines(tmp_path / "statswales.csv", lines))
    b = benchmark(f, "Cardiff").set_index("period_span")
    assert b.loc["2021/22", "n"] == len(WELSH) and b.loc["2021/22", "median"] == pytest.approx(np.median(list(WELSH.values())))
    assert "'Source: Welsh Government, WasteDataFlow', a note written with a comma" in problems_text(f)
    with pytest.raises(ValidationError, match="WasteDataFlow"):  # within the table, never a note
        read_comparators(write_lines(tmp_path / "inside.csv", lines[:5] + ["Source: Welsh Government, WasteDataFlow"] + lines[5:-3]))


def test_validate_counts_the_areas_read_not_the_notes_under_the_table(tmp_path, capsys):
    from perfkit.cli import run  # deferred: the command line is what is tested, imported only here

    lines = ["Recycling rate", "", "Area,2021-22,2022-23", "Wales,61.7,62.3"] + [f"{n},{v},{v + 1}" for n, v in WELSH.items()]
    lines += ["North Wales,60.1,61.0", "South East Wales,62.0,..", "", "Source: Welsh Government, WasteDataFlow", "Notes"]
    assert run(["validate", str(write_lines(tmp_path / "statswales.csv", lines))]) == 0
    out = capsys.readouterr().out
    areas = len(WELSH) + 3
    assert f"comparison data ({areas} areas by name" in out and f"In all: {areas} areas" in out
