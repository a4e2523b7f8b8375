"""Comparison files a third blind tester tried: each test builds its own file of one published shape, works out the truth
from its own figures (councils only, as the publisher counts them), and checks perfkit against that truth.

Shapes: a names-only table of spending per head with class totals and statistics beside the councils (CIPFA, LGBF);
names-only recycling rates with England, regions and "England (excl. London)"; a DfE LAIT table of children in care
(upper-tier councils by name, one county among them, no districts); an LG Inform export of counties beside districts
named without codes; an ONS-coded file holding one county and its districts only; a Fingertips extract of one region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from perfkit.analyse.benchmarking import benchmark
from perfkit.core.errors import ConfigError, ValidationError
from perfkit.present.benchmarking import briefing_section
from perfkit.read.kinds.comparators import area_type, name_kind, read_comparators

from conftest import problems_text


# ---------------------------------------------------------------------------------------------- 1. names-only aggregates

COUNCILS = ["Barnsley", "Bolton", "Leeds", "Sheffield", "Wigan", "Bedford", "Luton", "Reading", "Slough", "Swindon"]
NOT_COUNCILS = ["ENGLAND", "England (excl. London)", "England excluding London", "Metropolitan districts", "Unitary authorities",
                "Shire districts", "Shire counties", "London boroughs", "All English councils", "English shire areas",
                "Met districts total", "Core Cities", "Mean of CIPFA nearest neighbours", "Upper quartile", "Lower quartile",
                "Median of all English unitaries", "Family group average", "Family group 1", "Lowest", "Highest", "Maximum",
                "Minimum", "Best", "Worst", "Top quartile", "Bottom quartile", "Yorkshire & Humber", "South East England",
                "Counties", "Districts", "Upper tier", "Councils in England"]


def class_totals(tmp_path, rng):
    """A names-only table of one measure, one figures column headed by the measure, the councils among class totals and
    statistics of councils, each aggregate given a figure far below every council's (counted, it moves the median)."""
    truth = {c: float(rng.integers(40, 90)) for c in COUNCILS}
    lines = ["Local authority,Year,Net expenditure per head (£)"]
    lines += [f"{c},2023-24,{v:g}" for c, v in truth.items()]
    lines += [f"\"{c}\",2023-24,{k + 1}" for k, c in enumerate(NOT_COUNCILS)]
    lines += ["England average,2023-24,61.5"]
    path = tmp_path / "class_totals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, truth


def test_statistics_and_groups_named_without_codes_are_never_counted_as_councils(tmp_path):
    path, truth = class_totals(tmp_path, np.random.default_rng(21))
    f = read_comparators(path, {"polarity": {"Net expenditure per head (£)": "lower"}})
    kinds = f.drop_duplicates("area_name").set_index("area_name")["area_type"]
    assert set(kinds[COUNCILS]) == {"council"}
    assert not set(kinds[NOT_COUNCILS]) & {"council", "county", "district", "unitary"}
    assert kinds["England average"] == "country" and kinds["Yorkshire & Humber"] == "region"
    b = benchmark(f, "Bolton").iloc[0]
    values = list(truth.values())
    assert b["n"] == len(COUNCILS) and b["median"] == pytest.approx(np.median(values))
    assert b["rank"] == 1 + sum(v < truth["Bolton"] for v in values)
    assert b["national"] == 61.5  # "England average" is England's own figure, the national value
    said = [p.message for p in f.attrs["problems"] if "not councils by their names" in p.message]
    assert len(said) == 1 and "England (excl. London)" in said[0] and '[comparators.areas]' in said[0]  # said once, with the way out


def test_one_column_of_figures_is_read_as_a_measure_named_by_its_header(tmp_path):
    path, truth = class_totals(tmp_path, np.random.default_rng(3))
    f = read_comparators(path)
    assert set(f["measure"]) == {"Net expenditure per head (£)"} and set(f["period_span"]) == {"2023/24"}
    assert f.set_index("area_name").loc["Leeds", "value"] == truth["Leeds"]
    assert "one column of figures" in problems_text(f)


@pytest.mark.parametrize("name", NOT_COUNCILS + ["Percentile 90", "Decile 1 (most deprived)", "England minus London",
                                                "Rest of the North West", "Yorkshire and Humber", "North West England",
                                                "England - North East", "East of England", "Cluster 4 average",
                                                "Unitaries", "Single tier", "Two tier areas"])
def test_names_of_statistics_groups_and_regions_are_not_councils(name):
    assert area_type("", name) not in ("council", "county", "district", "unitary")


@pytest.mark.parametrize("name", ["North East Lincolnshire", "North Lincolnshire", "East Riding of Yorkshire", "City of London",
                                  "Bristol, City of", "Herefordshire, County of", "Kingston upon Hull, City of", "Durham",
                                  "Isle of Wight", "Southend-on-Sea", "Highland", "Na h-Eileanan Siar", "Vale of Glamorgan",
                                  "Westmorland and Furness", "Bath and North East Somerset", "Brighton and Hove", "Test Valley",
                                  "Castle Point", "Three Rivers", "Forest of Dean", "Mid and East Antrim", "Stockton-on-Tees"])
def test_real_council_names_are_councils(name):
    assert area_type("", name) in ("council", "district", "county", "unitary") and name_kind(name) is None


def test_england_and_regions_by_name_are_references_not_councils(tmp_path):
    """Names-only recycling rates: England, regions (as variously written), combined authorities and "England (excl.
    London)" beside the councils; only the councils are counted, England is the national figure."""
    rng = np.random.default_rng(5)
    councils = ["North East Lincolnshire", "City of London", "Bristol, City of", "Durham", "Isle of Wight", "Somerset",
                "Cumberland", "Southend-on-Sea", "North Yorkshire", "Northumberland"]
    truth = {c: round(float(rng.uniform(35, 70)), 1) for c in councils}
    aggregates = {"England": 48.0, "Yorkshire and The Humber": 20.0, "South East England": 21.0, "Greater Manchester": 22.0,
                  "England (excl. London)": 23.0, "Inner London": 24.0, "Greater London Authority": 25.0}
    rows = [[a, "Household waste recycled (%)", "2022/23", v] for a, v in {**truth, **aggregates}.items()]
    path = tmp_path / "recycling.csv"
    pd.DataFrame(rows, columns=["Area", "Measure", "Period", "Value"]).to_csv(path, index=False)
    b = benchmark(read_comparators(path), "Durham").iloc[0]
    assert b["n"] == len(councils) and b["median"] == pytest.approx(np.median(list(truth.values())))
    assert b["national"] == 48.0


# ---------------------------------------------------------------------------------------------- 2. tiers

UPPER_TIER = ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside", "Trafford", "Wigan",
              "Knowsley", "Liverpool", "St Helens", "Sefton", "Wirral", "Blackburn with Darwen", "Blackpool", "Cheshire East",
              "Cheshire West and Chester", "Halton", "Warrington", "Lancashire"]


def lait_table(tmp_path, rng):
    """DfE LAIT's layout: LA number and name, a column per year (bare years: 31 March), the North West's upper-tier
    councils (one county, Lancashire, among metropolitan and unitary councils; no district), averages beneath."""
    years = [2016, 2017, 2018]
    wb = Workbook()
    ws = wb.active
    ws.append(["Children looked after at 31 March (rate per 10,000 children aged under 18)"])
    ws.append([])
    ws.append(["LA number", "LA name", *map(str, years)])
    truth = {}
    for k, a in enumerate(UPPER_TIER):
        truth[a] = [int(v) for v in rng.integers(40, 180, len(years))]
        ws.append([350 + k, a, *truth[a]])
    ws.append([921, "England average", 62, 62, 64])
    ws.append([None, "Statistical neighbours average", 20, 21, 22])
    ws.append([None, "North West average", 25, 26, 27])
    path = tmp_path / "lait.xlsx"
    wb.save(path)
    return path, years, truth


@pytest.mark.parametrize("tier", [None, "upper", "lower"])
@pytest.mark.parametrize("area", ["Stockport", "Lancashire"])
def test_a_county_beside_unitary_councils_and_no_districts_is_compared_with_all_of_them(tmp_path, tier, area):
    path, years, truth = lait_table(tmp_path, np.random.default_rng(7))
    f = read_comparators(path, {"years": "31 March"})
    assert f.attrs["tiers_mixed"] is False
    b = benchmark(f, area, tier=tier).set_index("period_span")
    for i, year in enumerate(years):
        values = [v[i] for v in truth.values()]
        assert b.loc[f"31 March {year}", "n"] == len(UPPER_TIER)
        assert b.loc[f"31 March {year}", "median"] == pytest.approx(np.median(values))
        assert b.loc[f"31 March {year}", "national"] == [62, 62, 64][i]
    said = problems_text(b)
    assert "1 county council (Lancashire)" in said and "no districts" in said and "compared with every council" in said
    assert ("changes nothing here" in said) == (tier is not None)
    assert b.attrs["compared_within"] == "councils"
    html = briefing_section(f, area, tier=tier)
    assert "districts" not in html.split("<table")[0]  # the committee text never says districts it did not compare with


DISTRICTS = ["Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield", "Newark and Sherwood", "Rushcliffe",
             "Amber Valley District Council", "Bolsover District Council", "Chesterfield Borough Council"]


def test_counties_beside_districts_named_without_codes_are_compared_within_tier(tmp_path):
    """LG Inform names only: districts (known by name), their counties, a unitary council and one council perfkit cannot
    place; each district is compared with the lower tier, each county with the upper, the unknown one in both, said."""
    rng = np.random.default_rng(11)
    areas = DISTRICTS + ["Nottinghamshire", "Derbyshire County Council", "Nottingham", "Anytown"]
    truth = {a: float(rng.integers(300, 500)) for a in areas}
    path = tmp_path / "lginform.csv"
    pd.DataFrame({"Area": list(truth), "Period": "2022/23", "Measure": "Waste per head (kg)", "Value": list(truth.values())}).to_csv(path, index=False)
    f = read_comparators(path, {"polarity": {"Waste per head (kg)": "lower"}})
    assert f.attrs["tiers_mixed"] is True
    kinds = f.drop_duplicates("area_name").set_index("area_name")["area_type"]
    assert set(kinds[DISTRICTS]) == {"district"} and kinds["Nottinghamshire"] == "county" and kinds["Anytown"] == "council"
    lower = [v for a, v in truth.items() if a not in ("Nottinghamshire", "Derbyshire County Council")]
    upper = [truth[a] for a in ("Nottinghamshire", "Derbyshire County Council", "Nottingham", "Anytown")]
    d = benchmark(f, "Gedling").iloc[0]
    assert d["n"] == len(lower) and d["median"] == pytest.approx(np.median(lower))
    c = benchmark(f, "Nottinghamshire").iloc[0]
    assert c["n"] == len(upper) and c["median"] == pytest.approx(np.median(upper))
    assert "recognised by name" in problems_text(c) and '"Nottingham" = "district" or "unitary"' in problems_text(c)


def test_a_council_compared_with_no_other_is_given_no_median(tmp_path):
    """An ONS-coded file of one county and its districts: the county is compared within the upper tier, where it is
    alone (n 1): no median, quartile or rank, said as a warning naming the way to compare every council together."""
    lines = ["Area code,Area name,Indicator,Polarity,Period,Value", "E10000024,Nottinghamshire,Recycling,higher,2022/23,44"]
    lines += [f"E070001{70 + k},District {k},Recycling,higher,2022/23,{30 + 3 * k}" for k in range(7)]
    path = tmp_path / "one_county.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    county = benchmark(f, "Nottinghamshire")
    b = county.iloc[0]
    assert b["n"] == 1 and b["value"] == 44
    assert pd.isna(b["median"]) and pd.isna(b["rank"]) and pd.isna(b["quartile"]) and pd.isna(b["upper_quartile"])
    said = [p.message for p in county.attrs["problems"] if p.severity == "warning"]
    assert any("compared with no other council" in m and 'tier = "all"' in m for m in said), said
    every = benchmark(f, "Nottinghamshire", tier="all").iloc[0]
    assert every["n"] == 8 and every["median"] == pytest.approx(np.median([44] + [30 + 3 * k for k in range(7)]))


# ---------------------------------------------------------------------------------------------- 5. aggregates judged only where whole

def one_region(tmp_path, region_value, england_value):
    """A Fingertips-style extract of one region's councils (by ONS code), the region and England beside them."""
    lines = ["Area Code,Area Name,Indicator Name,Time period,Value"]
    lines += [f"E080000{k:02d},Borough {k},Inactive adults (%),2022/23,{25 + k}" for k in range(1, 11)]
    lines += [f"E12000002,North West,Inactive adults (%),2022/23,{region_value}", f"E92000001,England,Inactive adults (%),2022/23,{england_value}"]
    path = tmp_path / "region.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_england_below_every_council_of_one_region_is_not_called_impossible(tmp_path):
    f = read_comparators(one_region(tmp_path, region_value=20.0, england_value=19.3))
    b = benchmark(f, "Borough 3")
    assert "cannot be right" not in problems_text(b)  # neither England nor a region with some of its councils is judged
    assert b["national"].iloc[0] == 19.3


def test_a_combined_authoritys_own_score_is_not_called_impossible(tmp_path):
    rows = [["Anyshire District Council", "District", "Total score", "2023", "39%"]]
    rows += [[f"Council {k}", "District", "Total score", "2023", f"{40 + k}%"] for k in range(8)]
    rows += [["East Midlands Combined County Authority", "Combined Authority", "Total score", "2023", "16%"]]
    path = tmp_path / "scores.csv"
    pd.DataFrame(rows, columns=["Council", "Council type", "Section", "Year", "Score"]).to_csv(path, index=False)
    f = read_comparators(path, {"years": "calendar", "columns": {"Score": "value", "Section": "measure"}})
    assert "cannot be right" not in problems_text(benchmark(f, "Anyshire District Council"))


# ---------------------------------------------------------------------------------------------- 3. scorecards by council type

SECTIONS = ["Total score", "Buildings & Heating", "Transport", "Planning & Land Use"]
SCORECARD = {"Anyshire District Council": "District", "Broxtowe Borough Council": "District", "Gedling Borough Council": "District",
             "Rushcliffe Borough Council": "District", "Mansfield District Council": "District",
             "Nottinghamshire County Council": "County", "Derbyshire County Council": "County", "Lincolnshire County Council": "County",
             "Nottingham City Council": "Single Tier", "Derby City Council": "Single Tier", "Rutland County Council": "Single Tier",
             "East Midlands Combined County Authority": "Combined Authority"}


def scorecard(tmp_path, rng, title=None):
    """A climate scorecard as published: names only, the publisher's "Council type", a column per section ("39%"), no
    period column (the year is in the title, if anywhere), a combined authority scored as itself."""
    scores = {c: [int(v) for v in rng.integers(5, 80, len(SECTIONS))] for c in SCORECARD}
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(["Council", "Council type", *SECTIONS])
    for c, kind in SCORECARD.items():
        ws.append([c, kind, *[f"{v}%" for v in scores[c]]])
    path = tmp_path / "scorecard.xlsx"
    wb.save(path)
    return path, scores


def test_a_scorecard_with_no_period_is_refused_with_the_setting_that_reads_it(tmp_path):
    path, _ = scorecard(tmp_path, np.random.default_rng(1))
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    text = str(err.value)
    assert 'period = "2023/24" under [comparators]' in text and "4 columns of figures" in text
    assert "no column for value" not in text  # the one fix is the period: the columns of figures are then read


@pytest.mark.parametrize("area, kind", [("Anyshire District Council", "District"), ("Nottinghamshire County Council", "County"),
                                        ("Rutland County Council", "Single Tier")])
def test_a_scorecard_compares_each_council_within_its_type_as_the_publisher_scores_them(tmp_path, area, kind):
    path, scores = scorecard(tmp_path, np.random.default_rng(2))
    f = read_comparators(path, {"period": "2023", "years": "calendar"})
    assert set(f["period_span"]) == {"2023"} and sorted(f["measure"].unique()) == sorted(SECTIONS)
    b = benchmark(f, area).set_index("measure")
    same = [c for c, k in SCORECARD.items() if k == kind]
    for j, section in enumerate(SECTIONS):
        assert b.loc[section, "value"] == scores[area][j]
        assert b.loc[section, "n"] == len(same)
        assert b.loc[section, "median"] == pytest.approx(np.median([scores[c][j] for c in same]))
    said = problems_text(b)
    assert "column 'Council type' gives each council's type" in said and f"({kind}) is compared with the {len(same)} councils" in said
    assert "no districts" not in said and "cannot be right" not in said
    assert b.attrs["compared_within"] == f"councils of its type ({kind})"
    every = benchmark(f, area, tier="all").set_index("measure")  # the way out, as the note says
    councils = [c for c, k in SCORECARD.items() if k != "Combined Authority"]
    assert every.loc["Transport", "n"] == len(councils)


def test_a_scorecards_period_is_read_from_its_title(tmp_path):
    path, scores = scorecard(tmp_path, np.random.default_rng(3), title="Council Climate Action Scorecards 2022/23: section scores")
    f = read_comparators(path)
    assert set(f["period_span"]) == {"2022/23"}
    assert "the period its title gives" in problems_text(f)


def test_comparing_by_type_needs_a_type_column(tmp_path):
    path, _ = class_totals(tmp_path, np.random.default_rng(4))
    with pytest.raises(ConfigError, match='"Council type" = "group"'):
        benchmark(read_comparators(path), "Leeds", tier="group")


# ---------------------------------------------------------------------------------------------- 6. refusals and drops

def test_validate_on_comparison_data_says_what_it_is_and_the_setting_it_needs(tmp_path, capsys):
    """The ONS's subnational download given to `perfkit validate`: not thousands of "period not understood" errors about a
    measures workbook, but what the file is, the command that uses it, and its one problem with the fix."""
    from perfkit.cli import run

    lines = ["There may be some discrepancies between this data download and the accompanying dataset", "",
             "AREACD,AREANM,Geography,Indicator,Period,Value"]
    for k in range(1, 41):
        for year in (2021, 2022):
            lines.append(f"E0600{k:04d},Unitary {k},Unitary Authority,Gross median weekly pay,{year},{500 + k}")
    lines += ["E92000001,England,Country,Gross median weekly pay,2021,520", "E92000001,England,Country,Gross median weekly pay,2022,530"]
    path = tmp_path / "ons.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "comparison data (41 areas by ONS code" in out and "--compare ons.csv" in out and "read_comparators" in out
    assert 'years = "calendar"' in out and "period not understood" not in out and "measures" not in out
    assert len([line for line in out.splitlines() if line.startswith("  error")]) == 1  # one line for the one kind of problem
    (tmp_path / "perfkit.toml").write_text('[comparators]\nyears = "calendar"\n', encoding="utf-8")
    assert run(["validate", str(path)]) == 0
    assert "In all: 41 areas, 1 measures, 2 periods" in capsys.readouterr().out


def test_ons_note_marks_in_headers_and_confidence_limits_however_headed(tmp_path):
    """An ONS accessible table: "Period [note 1]", the figures under "HLE (years)", the limits as "HLE lower 95%
    confidence interval": all read, so the comparison with England can be made."""
    rows = [["Table 1: Healthy life expectancy by sex [note 1]"], ["This worksheet contains one table."],
            ["Area code", "Area name", "Sex", "Period [note 1]", "HLE (years)", "HLE lower 95% confidence interval",
             "HLE upper 95% confidence interval"],
            ["E92000001", "England", "Male", "2016 to 2018", 63.0, 62.8, 63.2]]
    for k in range(1, 9):
        v = 55.0 + k
        rows.append([f"E0600000{k}", f"Unitary {k}", "Male", "2016 to 2018", v, v - 1.0, v + 1.0])
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    path = tmp_path / "hle.xlsx"
    wb.save(path)
    f = read_comparators(path, {"polarity": {"HLE (years)": "higher"}})
    assert set(f["period_span"]) == {"2016-18"} and {"lower_ci", "upper_ci"} <= set(f.columns)
    b = benchmark(f, "Unitary 8").iloc[0]  # 63 (62 to 64) against England's 63: similar
    assert b["compared_with_national"] == "Similar" and benchmark(f, "Unitary 1").iloc[0]["compared_with_national"] == "Worse"


@pytest.mark.parametrize("lower, upper", [("Lower CI", "Upper CI"), ("95% lower confidence limit", "95% upper confidence limit"),
                                          ("LCL", "UCL"), ("Lower 95% CI limit", "Upper 95% CI limit"), ("CI lower", "CI upper")])
def test_confidence_limits_under_other_wordings_are_read(tmp_path, lower, upper):
    lines = [f"Area Code,Area Name,Indicator,Period,Value,{lower},{upper}", "E92000001,England,Smoking,2022/23,12.0,11.9,12.1"]
    lines += [f"E0800000{k},Borough {k},Smoking,2022/23,{10 + k},{9 + k},{11 + k}" for k in range(1, 6)]
    path = tmp_path / "ci.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    assert f["lower_ci"].notna().all() and f["upper_ci"].notna().all()
    assert benchmark(f, "Borough 5").iloc[0]["compared_with_national"] == "Higher"  # 15 (14 to 16) above 12, no polarity


def test_confidence_limits_that_cannot_be_paired_are_said_not_dropped(tmp_path):
    lines = ["Area Code,Area Name,Indicator,Period,Value,Lower CI", "E92000001,England,Smoking,2022/23,12.0,11.9"]
    lines += [f"E0800000{k},Borough {k},Smoking,2022/23,{10 + k},{9 + k}" for k in range(1, 6)]
    path = tmp_path / "ci.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    assert "lower_ci" not in f and "'Lower CI'" in problems_text(f) and '"Lower CI" = "lower_ci"' in problems_text(f)
    assert set(f["measure"]) == {"Smoking"}  # never read as a measure of its own


def test_a_briefing_quotes_no_comparator_figures_for_a_later_period_than_its_own(tmp_path):
    """LG Inform quarters to 2024/25 Q3 compared in a briefing for 2024/25 Q2: the Q2 figures are quoted, said as such;
    the Q3 ones are left out, said, and a measure with only Q3 figures is not shown."""
    rows = []
    for k in range(1, 7):
        for q, v in (("Q2", 60 + k), ("Q3", 70 + k)):
            rows.append([f"E0700{k:04d}", f"District {k}", "Major applications in time (%)", f"{q} 2024/25", v])
        rows.append([f"E0700{k:04d}", f"District {k}", "Minor applications in time (%)", "Q3 2024/25", 80 + k])
    path = tmp_path / "lginform.csv"
    pd.DataFrame(rows, columns=["Area code", "Area name", "Metric", "Period", "Value"]).to_csv(path, index=False)
    f = read_comparators(path, {"polarity": {"Major applications in time (%)": "higher", "Minor applications in time (%)": "higher"}})
    html = briefing_section(f, "District 2", period="2024/25 Q2")
    table = html.split("<table")[1]
    assert "<td>2024/25 Q2</td><td>62</td>" in table and "2024/25 Q3" not in table and "Minor applications" not in table
    text = html.split("<table")[0]
    assert "up to 2024/25 Q2" in text and "after 2024/25 Q2 (2024/25 Q3) are left out" in text
    assert "Minor applications in time (%) has only those" in text
    assert "2024/25 Q3" in briefing_section(f, "District 2").split("<table")[1]  # with no period asked, the latest


# ---------------------------------------------------------------------------------------------- earlier trials' leftovers

def test_the_publishers_ranks_give_the_polarity(tmp_path):
    """An LGBF download: the Improvement Service's "Rank" (1 best) beside each figure and no polarity column: where the
    ranks run against the values, higher is better, and with them lower; perfkit's ranks then equal the file's."""
    rng = np.random.default_rng(6)
    rows = []
    for code, polarity in (("CHN11", "higher"), ("C&L1", "lower")):
        values = {f"Council {k}": round(float(rng.uniform(1, 99)), 1) for k in range(1, 33)}
        order = sorted(values, key=values.get, reverse=polarity == "higher")
        rows += [[c, code, "2022-23", v, order.index(c) + 1] for c, v in values.items()]
    path = tmp_path / "lgbf.csv"
    pd.DataFrame(rows, columns=["Local Authority", "Indicator Code", "Year", "Value", "Rank"]).to_csv(path, index=False)
    f = read_comparators(path)
    assert f.drop_duplicates("measure_id").set_index("measure_id")["polarity"].to_dict() == {"CHN11": "higher", "C&L1": "lower"}
    assert "the file's own ranks" in problems_text(f)
    b = benchmark(f, "Council 7").set_index("measure_id")["rank"]
    published = f[f["area_name"] == "Council 7"].set_index("measure_id")["published_rank"]
    assert b.to_dict() == published.astype(float).to_dict()


def test_englands_and_regions_rows_in_the_dfes_own_layout_are_references(tmp_path):
    """Explore education statistics: geographic_level National and Regional rows leave the local authority blank and
    give the country and region in their own columns: England is the national figure, never "no area"."""
    head = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,sess_overall_percent"
    lines = [head, "202223,Academic year,National,E92000001,England,,,,,,7.45",
             "202223,Academic year,Regional,E92000001,England,E12000002,North West,,,,7.6"]
    values = {f"E0800000{k}": 7.0 + 0.3 * k for k in range(1, 9)}
    lines += [f"202223,Academic year,Local authority,E92000001,England,E12000002,North West,35{k},{c},Borough {k},{v}"
              for k, (c, v) in enumerate(values.items(), 1)]
    path = tmp_path / "ees.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    b = benchmark(f, "Borough 4").iloc[0]
    assert b["n"] == len(values) and b["median"] == pytest.approx(np.median(list(values.values())))
    assert b["national"] == 7.45 and b["references"] == "England 7.45; North West 7.6"
    assert "no area" not in problems_text(f) and "the figures of England, North West" in problems_text(f)


@pytest.mark.parametrize("reading, spans", [("calendar", ["2022/23 Q4", "2023/24 Q1"]), ("financial", ["2023/24 Q1", "2023/24 Q2"])])
def test_quarters_written_with_a_calendar_year_are_read_as_the_setting_says(tmp_path, reading, spans):
    lines = ["AREACD,AREANM,Indicator,Period,Value"]
    lines += [f"E0600000{k},Unitary {k},Claimant count rate (%),{p},{k + j}" for j, p in enumerate(("2023 Q1", "Q2 2023")) for k in range(1, 6)]
    path = tmp_path / "quarters.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match='quarters = "calendar" or quarters = "financial"'):
        read_comparators(path)
    f = read_comparators(path, {"quarters": reading})
    assert list(dict.fromkeys(f["period_span"])) == spans
    assert "as the quarters setting says" in problems_text(f)


def test_a_mad_the_publisher_does_not_give_is_said_to_be_perfkits_own(tmp_path):
    """The ONS publishes no MAD for counties: the one perfkit computes for a county is said to be its own."""
    lines = ["AREACD,AREANM,Indicator,Period,Value,MAD", "E10000015,Hertfordshire,Pay,2023/24,50,",
             "E10000020,Norfolk,Pay,2023/24,40,", "E10000029,Suffolk,Pay,2023/24,45,"]
    lines += [f"E0600003{k},Unitary {k},Pay,2023/24,{40 + 2 * k},{(2 * k - 4) / 3:.3f}" for k in range(1, 5)]
    path = tmp_path / "ons.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path, {"polarity": {"Pay": "higher"}})
    county = benchmark(f, "Hertfordshire")
    assert county["ons_mad"].notna().all() and "is perfkit's, computed as the ONS computes it" in problems_text(county)
    assert "is perfkit's" not in problems_text(benchmark(f, "Unitary 2"))


def test_a_title_saying_when_the_file_was_published_gives_no_period(tmp_path):
    path, _ = scorecard(tmp_path, np.random.default_rng(5), title="Scorecards, published 14 March 2024")
    with pytest.raises(ValidationError, match="period = "):
        read_comparators(path)
