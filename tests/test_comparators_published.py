"""Comparison files as publishers issue them: each test builds its own file of one real shape, with the truth its
generator knows (councils' medians, n, the ONS's scaled MAD, Fingertips' judgements), and checks perfkit against
that truth, never against perfkit itself.

Shapes: an LG Inform export with England and a CIPFA average beside 16 councils; two immunisation indicators whose
`measure` column says only "Percentage"; healthy life expectancy by sex over pooled years with confidence intervals;
the ONS subnational download (Windows-1252, a disclaimer above the header, AREACD/AREANM, counties beside districts,
thousands separators, its own MAD column); children in care by bare year with the publisher's significance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

import perfkit
from perfkit.analyse.benchmarking import benchmark, standings
from perfkit.core.errors import ConfigError, ValidationError
from perfkit.present.benchmarking import benchmark_charts_html, briefing_section
from perfkit.read.kinds.comparators import area_type, published_period, read_comparators, span_kind

from conftest import REALDATA, problems_text, scaled_mad


# ---------------------------------------------------------------------------------------------- England beside councils


def planning_export(tmp_path, rng):
    """LG Inform's area-by-quarter export: title rows (one merged), 16 councils, England first, a CIPFA average last, notes under."""
    quarters = ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"]
    councils = {f"E07000{100 + i}": f"Council {chr(65 + i)}" for i in range(16)}
    values = {code: [float(v) for v in rng.integers(80, 100, len(quarters))] for code in councils}
    england = [71.0, 72.0, 73.0]  # below every council: counted among them, it would move every median
    cipfa = [float(np.mean([values[c][q] for c in councils])) for q in range(len(quarters))]
    wb = Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["Major planning applications decided within 13 weeks or agreed time (%)"])
    ws.merge_cells("A1:F1")
    ws.append(["LG Inform export, CIPFA nearest neighbours"])
    ws.append([])
    ws.append(["Area code", "Area name", "Polarity", *quarters])
    ws.append(["E92000001", "England", "Higher", *england])
    for code, name in councils.items():
        ws.append([code, name, "Higher", *values[code]])
    ws.append(["", "Mean for CIPFA nearest neighbours", "Higher", *cipfa])
    ws.append([])
    ws.append(["Source: fictional figures in the shape of an LG Inform export"])
    ws.append(["Key: higher is better"])
    path = tmp_path / "planning.xlsx"
    wb.save(path)
    return path, quarters, councils, values, england


def test_england_and_averages_are_not_councils(tmp_path):
    path, quarters, councils, values, england = planning_export(tmp_path, np.random.default_rng(7))
    f = read_comparators(path)
    assert f.attrs["problems"] and "read as notes or headings" in problems_text(f)  # the source and key lines under the table
    assert set(f.loc[f["area_name"] == "England", "area_type"]) == {"country"}
    assert set(f.loc[f["area_name"].str.startswith("Mean for"), "area_type"]) == {"total"}
    me = "E07000103"
    b = benchmark(f, me).set_index("period_span")
    for q, quarter in enumerate(quarters):
        council_values = [values[c][q] for c in councils]
        assert b.loc[quarter, "n"] == 16
        assert b.loc[quarter, "median"] == pytest.approx(np.median(council_values))
        assert np.median(council_values + [england[q]]) != np.median(council_values) or q  # the generator makes it matter
        assert b.loc[quarter, "rank"] == 1 + sum(v > values[me][q] for v in council_values)
        assert b.loc[quarter, "references"].startswith(f"England {england[q]:.0f}")
    assert "left out of n, medians, quartiles and ranks" in problems_text(b)
    # include_aggregates counts them again, and says so
    every = benchmark(f, me, include_aggregates=True).set_index("period_span")
    assert every.loc[quarters[0], "n"] == 18
    assert any(p.severity == "warning" and "counted among the areas" in p.message for p in every.attrs["problems"])
    html = briefing_section(f, me)
    assert "<th scope=\"col\">For reference</th>" in html and "England 73" in html and "1 of 16" not in html.replace(
        f"{int(b.loc[quarters[-1], 'rank'])} of 16", "")


def test_an_aggregate_is_not_benchmarked_as_a_council(tmp_path):
    path, *_ = planning_export(tmp_path, np.random.default_rng(1))
    f = read_comparators(path)
    with pytest.raises(ConfigError, match="England is not a council"):
        benchmark(f, "England")


def test_areas_are_known_by_code_or_name():
    cases = {("E92000001", "England"): "country", ("E12000002", "North West"): "region", ("E47000001", "Greater Manchester"): "combined authority",
             ("E10000017", "Lancashire"): "county", ("E07000123", "Preston"): "district", ("E06000008", "Blackburn with Darwen"): "unitary",
             ("E23000003", "Lancashire"): "other area", ("TLD4", "Lancashire"): "other area", ("", "North West"): "region",
             ("", "England average"): "country", ("", "Total"): "total", ("", "CIPFA nearest neighbours"): "total",
             ("", "Liverpool City Region Combined Authority"): "combined authority", ("", "Northbrook District Council"): "council",
             ("", "South East"): "region", ("", "East Lothian"): "council"}
    got = {k: area_type(*k) for k in cases}
    assert got == cases
    assert area_type("", "Shire counties") == "total" and area_type("", "Kent", "Counties") == "county"
    assert area_type("na", "Somewhere", coded=True) == "unknown"  # an uncoded area in a coded file is not assumed a council
    assert area_type("", "England", overrides={"england": "council"}) == "council"


# ---------------------------------------------------------------------------------------------- what names a measure


def immunisation_file(tmp_path, rng):
    """Two indicators in one file, `indicator` naming them and `measure` saying only "Percentage" (a Fingertips-style extract)."""
    rows, truth = [], {}
    for ind, lo in (("MMR for one dose (2 years old)", 88), ("MMR for two doses (5 years old)", 80)):
        vals = {f"E0800000{i}": float(rng.integers(lo, lo + 10)) + 0.5 * (i % 2) for i in range(1, 10)}
        truth[ind] = vals
        rows.append({"Area Code": "E92000001", "Area Name": "England", "Indicator": ind, "Measure": "Percentage",
                     "Time period": "2017/18", "Value": lo + 3.0})
        for code, v in vals.items():
            rows.append({"Area Code": code, "Area Name": f"Borough {code[-1]}", "Indicator": ind, "Measure": "Percentage",
                         "Time period": "2017/18", "Value": v})
    path = tmp_path / "mmr.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path, truth


def test_the_column_that_tells_figures_apart_names_the_measure(tmp_path):
    path, truth = immunisation_file(tmp_path, np.random.default_rng(3))
    f = read_comparators(path)
    assert sorted(f["measure_id"].unique()) == sorted(truth)
    assert "named by the column 'Indicator'" in problems_text(f) and "'Measure'" in problems_text(f)
    b = benchmark(f, "E08000004").set_index("measure_id")
    for ind, vals in truth.items():
        assert b.loc[ind, "n"] == len(vals)
        assert b.loc[ind, "median"] == pytest.approx(np.median(list(vals.values())))
    # The two medians differ from the one median of both folded together, which the old reading gave.
    both = [v for vals in truth.values() for v in vals.values()]
    assert all(b.loc[ind, "median"] != np.median(both) for ind in truth)


def hle_by_sex(tmp_path, rng, flip=None):
    """Healthy life expectancy by sex over pooled calendar years, as a Fingertips extract gives it: Area Type, Sex, 95% CIs,
    and the publisher's comparison with England."""
    rows, truth = [], {}
    for period in ("2009 - 11", "2010 - 12"):
        for sex, base in (("Male", 63.0), ("Female", 64.0)):
            eng = base
            rows.append({"Indicator ID": 90362, "Indicator Name": "Healthy life expectancy at birth", "Area Code": "E92000001",
                         "Area Name": "England", "Area Type": "England", "Sex": sex, "Age": "All ages", "Time period": period,
                         "Value": eng, "Lower CI 95.0 limit": eng - 0.1, "Upper CI 95.0 limit": eng + 0.1,
                         "Lower CI 99.8 limit": eng - 0.2, "Upper CI 99.8 limit": eng + 0.2, "Compared to England value or percentiles": "Not compared"})
            for i in range(1, 12):
                code = f"E06000{i:03d}"
                v = round(base + float(rng.normal(0, 2.5)), 1)
                half = round(float(rng.uniform(0.8, 2.0)), 1)
                lo, hi = v - half, v + half
                judged = "Better" if lo > eng else ("Worse" if hi < eng else "Similar")
                truth[(code, sex, period)] = (v, judged)
                word = {"Better": "Better 95%", "Worse": "Worse 95%", "Similar": "Similar"}[judged]
                if flip == (code, sex, period):
                    word = "Better 95%" if judged != "Better" else "Worse 95%"
                rows.append({"Indicator ID": 90362, "Indicator Name": "Healthy life expectancy at birth", "Area Code": code,
                             "Area Name": f"Unitary {i}", "Area Type": "County & UA (4/21 geog.)", "Sex": sex, "Age": "All ages",
                             "Time period": period, "Value": v, "Lower CI 95.0 limit": lo, "Upper CI 95.0 limit": hi,
                             "Lower CI 99.8 limit": lo - 0.5, "Upper CI 99.8 limit": hi + 0.5,
                             "Compared to England value or percentiles": word})
    path = tmp_path / "hle.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path, truth


def test_a_breakdown_is_kept_and_each_part_compared_with_itself(tmp_path):
    path, truth = hle_by_sex(tmp_path, np.random.default_rng(11))
    f = read_comparators(path)
    assert set(f["breakdown"]) == {"Male", "Female"} and "'Sex' (Female, Male) splits measures into parts" in problems_text(f)
    assert set(f["period_span"]) == {"2009-11", "2010-12"}  # pooled calendar years as published, never November 2009
    assert perfkit.period_label(f.loc[f["period_span"] == "2009-11", "period"].iloc[0]) == "2011/12 Q3"  # ends December 2011
    b = benchmark(f, "E06000003")
    assert len(b) == 4 and set(zip(b["breakdown"], b["period_span"])) == {(s, p) for s in ("Male", "Female") for p in ("2009-11", "2010-12")}
    for r in b.to_dict("records"):
        part = [v for (c, s, p), (v, _) in truth.items() if s == r["breakdown"] and p.replace(" - ", "-") == r["period_span"]]
        assert r["n"] == 11 and r["median"] == pytest.approx(np.median(part))
        assert r["value"] == truth[("E06000003", r["breakdown"], r["period_span"].replace("-", " - "))][0]
    html = briefing_section(f, "E06000003")
    assert "Healthy life expectancy at birth (Female)" in html and "compared part by part" in html


def test_better_similar_worse_than_england_from_confidence_intervals(tmp_path):
    flip = ("E06000005", "Female", "2010 - 12")
    path, truth = hle_by_sex(tmp_path, np.random.default_rng(5), flip=flip)
    f = read_comparators(path)
    assert set(f["polarity"]) == {"higher"}  # from the publisher's own Better and Worse, said aloud
    assert "taken from the file's own Better and Worse than England" in problems_text(f)
    s = standings(f)
    for i, r in f[f["area_type"] != "country"].iterrows():
        assert s.loc[i, "compared_with_national"] == truth[(r["area_code"], r["breakdown"], r["period_span"].replace("-", " - "))][1]
    b = benchmark(f, "E06000005").set_index(["breakdown", "period_span"])
    assert b.loc[("Female", "2010-12"), "compared_with_national"] != b.loc[("Female", "2010-12"), "published_comparison"]
    warned = [p.message for p in b.attrs["problems"] if p.column == "published_comparison"]
    assert len(warned) == 1 and "2010-12" in warned[0] and "1 of 4 figures" in warned[0]
    assert "the publisher says" in briefing_section(f, "E06000005")


def test_a_figure_told_apart_only_by_an_unnamed_column_is_refused_naming_it(tmp_path):
    rows = [{"Area code": f"E0600000{i}", "Area name": f"U{i}", "Indicator": "Pupils absent (%)", "Year": "2022/23",
             "Pupil group": g, "Value": 5.0 + i + (g == "SEN")} for i in range(1, 6) for g in ("All", "SEN")]
    path = tmp_path / "absence.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    text = str(err.value)
    assert len(err.value.problems) == 1 and "5 figures are given more than once" in text and "rows 2 and 3" in text
    assert "'Pupil group'" in text and '"Pupil group" = "breakdown"' in text
    f = read_comparators(path, {"columns": {"Pupil group": "breakdown"}})
    b = benchmark(f, "U3").set_index("breakdown")
    assert b.loc["SEN", "median"] == 9.0 and b.loc["All", "median"] == 8.0 and b.loc["SEN", "n"] == 5


# ---------------------------------------------------------------------------------------------- the ONS download


ONS_AREAS = [  # code, name, Geography
    ("E92000001", "England", "Country"), ("E12000002", "North West", "Region"), ("E12000001", "North East", "Region"),
    ("E47000001", "Greater Manchester", "Combined Authority"), ("na", "North of Tyne", "na"), ("TLD", "North West", "ITL Level 1"),
    ("E10000017", "Lancashire", "County"), ("E10000007", "Derbyshire", "County"), ("E10000020", "Norfolk", "County"),
    ("E10000002", "Buckinghamshire", "County"), ("E07000004", "Aylesbury Vale", "Non-metropolitan District"),
    *[(f"E07000{117 + i}", f"Lancs District {i}", "Non-metropolitan District") for i in range(6)],
    *[(f"E06000{i:03d}", f"Unitary {i}", "Unitary Authority") for i in (1, 2, 3, 8, 9)],
    ("E06000060", "Buckinghamshire", "Unitary Authority"),
    *[(f"E08000{i:03d}", f"Metropolitan {i}", "Metropolitan District") for i in (1, 2, 3)],
    *[(f"E09000{i:03d}", f"Borough {i}", "London Borough") for i in (1, 2)],
]
LOWER_TIER = ("E06", "E07", "E08", "E09")
ONS_INDICATORS = [  # name, period, polarity, scale
    ("Employment rate (16–64-year olds)", "2022", "higher", 75.0),
    ("Gross Disposable Household Income (GDHI), per head", "2019", "higher", 21000.0),
    ("Male Healthy Life Expectancy (HLE)", "201820", "higher", 63.0),
    ("Smoking prevalence of adults", "202021", "lower", 13.0),
]


def ons_download(tmp_path, rng):
    """The explorer's CSV as issued: Windows-1252, a disclaimer and a blank line above the header, counties beside districts,
    a superseded district beside the unitary council that replaced it, and the ONS's own MAD over lower-tier councils."""
    lines = ["There may be some discrepancies between this data download and the accompanying dataset caused by rounding issues", "",
             "AREACD,AREANM,Geography,Indicator,Category,Period,Measure,Unit,Value,MAD"]
    truth = {}
    for ind, period, polarity, scale in ONS_INDICATORS:
        values = {code: round(scale * float(rng.uniform(0.8, 1.2)), 1 if scale < 1000 else None) for code, _, _ in ONS_AREAS}
        values["E07000119"] = None  # suppressed
        lower = {c: v for c, v in values.items() if c[:3] in LOWER_TIER and c != "E07000004" and v is not None}
        mads = scaled_mad(lower, polarity)
        truth[ind] = {"values": values, "mad": mads, "lower": lower}
        for code, name, geography in ONS_AREAS:
            v = values[code]
            shown = "NA" if v is None else (f'"{v:,.0f}"' if v >= 1000 else f"{v}")
            mad = f"{float(mads[code])!r}" if code in mads else "NA"
            measure, unit = ("Pounds", "£") if "GDHI" in ind else (("Years", "yrs") if "HLE" in ind else ("Percentage", "%"))
            lines.append(f'{code},{name},{geography},"{ind}","Boosting productivity, pay, jobs and living standards",{period},'
                         f"{measure},{unit},{shown},{mad}")
    path = tmp_path / "subnational.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path, truth


def test_the_ons_download_as_published(tmp_path):
    path, truth = ons_download(tmp_path, np.random.default_rng(2022))
    assert "–".encode("cp1252") in path.read_bytes()  # the en dash in "16–64" is the byte Windows-1252 gives it
    # Bare years mean different things in different files: refused once, with the setting that reads them.
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert len(err.value.problems) == 1
    message = str(err.value)
    assert "year alone" in message and 'years = "calendar"' in message and "[comparators]" in message and "2019, 2022" in message
    f = read_comparators(path, {"years": "calendar"})
    notes = problems_text(f)
    assert "Windows-1252" in notes and "header is on row 3" in notes and "never as zero" in notes
    assert set(f["measure_id"]) == {i for i, *_ in ONS_INDICATORS} and "Employment rate (16–64-year olds)" in set(f["measure"])
    assert set(f["period_span"]) == {"2022", "2019", "2018-20", "2020/21"}
    gdhi = f[(f["measure_id"].str.startswith("Gross")) & (f["area_code"] == "E06000001")]["value"].iloc[0]
    assert gdhi == round(truth["Gross Disposable Household Income (GDHI), per head"]["values"]["E06000001"])  # "21,978" is 21978
    assert f.loc[f["area_code"] == "E07000004", "area_type"].eq("superseded council").all()
    assert f.loc[f["area_code"] == "E10000002", "area_type"].eq("superseded council").all()
    assert f.loc[f["area_name"] == "North of Tyne", "area_type"].eq("combined authority").all()
    assert "taken from the sign of the file's MAD column" in notes
    s = standings(f)
    for ind, t in truth.items():
        rows = f["measure_id"] == ind
        for code, want in t["mad"].items():
            got = s.loc[rows & (f["area_code"] == code), "ons_mad"].iloc[0]
            assert got == pytest.approx(want, abs=1e-9), (ind, code)
        mine = benchmark(f, "E07000117").set_index("measure_id").loc[ind]
        assert mine["n"] == len(t["lower"]) and mine["median"] == pytest.approx(np.median(list(t["lower"].values())))
        county = benchmark(f, "Lancashire").set_index("measure_id").loc[ind]
        upper = [v for c, v in t["values"].items() if v is not None and c[:3] in ("E10", "E06", "E08", "E09")
                 and c not in ("E10000002",)]
        assert county["n"] == len(upper) and county["median"] == pytest.approx(np.median(upper))
    said = problems_text(benchmark(f, "Lancs District 0"))
    assert "compared with districts and unitary councils only" in said
    said = problems_text(benchmark(f, "Unitary 1"))
    assert 'tier = "upper"' in said
    upper = benchmark(f, "Unitary 1", tier="upper").set_index("measure_id")
    assert upper.loc["Smoking prevalence of adults", "n"] == 4 - 1 + 5 + 1 + 3 + 2  # counties (Bucks superseded), unitaries, met, London
    every = benchmark(f, "Unitary 1", tier="all").set_index("measure_id").loc["Employment rate (16–64-year olds)", "n"]
    assert every == (4 - 1) + (5 + 1 + 3 + 2) + (6 - 1)  # counties but superseded Bucks, unitaries, districts but the suppressed one


def test_settings_in_perfkit_toml_beside_the_file(tmp_path):
    path, truth = ons_download(tmp_path, np.random.default_rng(1))
    (tmp_path / "perfkit.toml").write_text('[comparators]\nyears = "calendar"\ntier = "upper"\ninclude_aggregates = false\n', encoding="utf-8")
    f = read_comparators(path)
    assert "2022" in set(f["period_span"]) and f.attrs["settings"]["tier"] == "upper"
    assert benchmark(f, "Unitary 1").attrs["compared_within"] == "counties and unitary councils"
    (tmp_path / "perfkit.toml").write_text('[comparators]\nyears = "sometimes"\ninclude_everything = true\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_comparators(path)
    assert "years = 'sometimes'" in str(err.value) and "'include_everything'" in str(err.value) and "[comparators]" in str(err.value)
    assert "2022" in set(read_comparators(path, {"years": "calendar"})["period_span"])  # settings given in Python win


# ---------------------------------------------------------------------------------------------- children in care


def children_in_care(tmp_path, rng):
    """Every upper-tier council of England by bare year (a 31 March snapshot), England and a combined authority beside
    them, the publisher's significance against England, and one impossible aggregate figure, as the real file has."""
    rows, truth = [], {}
    codes = ([f"E10000{i:03d}" for i in range(2, 27)] + [f"E06000{i:03d}" for i in range(1, 57)] + [f"E08000{i:03d}" for i in range(1, 37)]
             + [f"E09000{i:03d}" for i in range(1, 34)])
    for year in (2016, 2017, 2018):
        vals = {c: round(float(rng.uniform(40, 110)), 0) for c in codes}
        eng = 62.0
        truth[year] = vals
        rows.append(["E92000001", "England", year, eng, "Not compared"])
        rows.append(["E47000001", "Greater Manchester", year, 8.7 if year == 2016 else 85.0, "Not compared"])
        for c, v in vals.items():
            rows.append([c, f"Council {c[1:3]}-{c[-3:]}", year, v, "Worse" if v > eng + 5 else ("Better" if v < eng - 5 else "Similar")])
    frame = pd.DataFrame(rows, columns=["area_code", "area_name", "period", "value", "significance"])
    frame.insert(4, "indicator", "Children in care: rate per 10,000 population aged < 18")
    frame.insert(5, "measure", "per 10,000")
    frame.insert(6, "unit", "Persons")
    path = tmp_path / "cic.csv"
    frame.to_csv(path, index=False)
    return path, truth


def test_bare_years_as_snapshots_and_the_publishers_significance(tmp_path):
    path, truth = children_in_care(tmp_path, np.random.default_rng(4))
    with pytest.raises(ValidationError, match='years = "31 March"'):
        read_comparators(path)
    f = read_comparators(path, {"years": "31 March"})
    assert set(f["period_span"]) == {"31 March 2016", "31 March 2017", "31 March 2018"}
    assert perfkit.period_label(f.loc[f["period_span"] == "31 March 2016", "period"].iloc[0]) == "2015/16 Q4"
    assert set(f["polarity"]) == {"lower"}  # above England and worse: lower is better, from the publisher's own words
    b = benchmark(f, "E08000004").set_index("period_span")
    for year, vals in truth.items():
        assert b.loc[f"31 March {year}", "n"] == len(vals) and b.loc[f"31 March {year}", "median"] == pytest.approx(np.median(list(vals.values())))
    assert b.loc["31 March 2017", "references"] == "England 62; Greater Manchester 85"
    said = [p.message for p in b.attrs["problems"] if p.severity == "warning"]
    assert any("Greater Manchester 31 March 2016: 8.7" in m and "cannot be right" in m for m in said)
    assert "Greater Manchester" not in b.loc["31 March 2016", "references"]  # flagged, so never quoted beside the council
    assert "no confidence intervals" in problems_text(b)
    assert "(as published)" in briefing_section(f, "E08000004")
    financial = read_comparators(path, {"years": "financial"})
    assert set(financial["period_span"]) == {"2015/16", "2016/17", "2017/18"}


# ---------------------------------------------------------------------------------------------- periods


@pytest.mark.parametrize("text, label, ends", [
    ("2009-11", "2009-11", "2011/12 Q3"), ("2016 - 18", "2016-18", "2018/19 Q3"), ("201820", "2018-20", "2020/21 Q3"),
    ("201618", "2016-18", "2018/19 Q3"), ("202021", "2020/21", "2020/21 Q4"), ("2022-23", "2022/23", "2022/23 Q4"),
    ("2020-23", "2020-23", "2022/23 Q4"), ("201821", "2018-21", "2020/21 Q4"), ("2016/17 - 18/19", "2016/17 to 2018/19", "2018/19 Q4"),
    ("2023/24 Q2", "2023/24 Q2", "2023/24 Q2"), ("31/03/2011", "31 March 2011", "2010/11 Q4"),
    ("2011-03-31 00:00:00", "31 March 2011", "2010/11 Q4"), ("Nov 2009", "November 2009", "2009/10 Q3"),
])
def test_published_periods(text, label, ends):
    period, got, _ = published_period(text)
    assert (got, perfkit.period_label(period)) == (label, ends)


def test_pooled_reading_can_be_set_and_is_said(tmp_path):
    assert published_period("2016-18", pooled="financial")[0] == perfkit.parse_period("2017/18 Q4")
    assert span_kind("2016-18") == span_kind("2017-19") != span_kind("2016/17")
    frame = pd.DataFrame({"area": ["A", "B"] * 2, "indicator": "Under 75 mortality", "period": ["2016-18"] * 2 + ["2017/18"] * 2,
                          "value": [1, 2, 3, 4], "polarity": "lower"})
    path = tmp_path / "p.csv"
    frame.to_csv(path, index=False)
    f = read_comparators(path)
    assert "read as runs of calendar years" in problems_text(f) and 'pooled = "financial"' in problems_text(f)
    b = benchmark(f, "A")
    assert list(b["period_span"]) == ["2017/18", "2016-18"] or list(b["period_span"]) == ["2016-18", "2017/18"]
    assert set(b["n"]) == {2}  # the pooled figure is never ranked with the single year


def test_each_kind_of_problem_is_one_line_with_its_count(tmp_path):
    n = 600
    frame = pd.DataFrame({"Area code": [f"E0700{i:04d}" for i in range(n)], "Indicator": "Homes", "Period": ["Spring"] * (n - 2) + ["2023/24", "2023/24"],
                          "Value": ["lots"] * 300 + ["1"] * (n - 300)})
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert len(err.value.problems) == 2
    text = str(err.value)
    assert "598 rows have a period perfkit cannot read: 'Spring'" in text and "300 values are not a number" in text
    assert text.count("cannot read 'Spring'") <= 1  # never the same message twice in a line


def test_an_unreadable_file_is_refused_in_words(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xff\xfe\x00\x00garbage")
    with pytest.raises((ValidationError, perfkit.WorkbookError)) as err:
        read_comparators(path)
    assert "codec" not in str(err.value)


# ---------------------------------------------------------------------------------------------- charts


def test_the_chart_draws_councils_only(tmp_path):
    path, quarters, councils, values, england = planning_export(tmp_path, np.random.default_rng(7))
    f = read_comparators(path)
    chart = perfkit.present.charts.benchmark_chart(f, "E07000103", f["measure_id"].iloc[0])
    assert "among 16 areas" in chart.title
    assert benchmark_charts_html(f, "E07000103").count("<figure") == 1


# ---------------------------------------------------------------------------------------------- real files


@pytest.mark.realdata
def test_ons_scaled_mad_equals_the_publishers_for_every_council():
    path = REALDATA / "ons_subnational_indicators_2022.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert len(err.value.problems) == 1 and 'years = "calendar"' in str(err.value)
    f = read_comparators(path, {"years": "calendar"})
    s = standings(f)
    published = f["published_ons_mad"].notna()
    assert published.sum() > 7000
    np.testing.assert_allclose(s.loc[published, "ons_mad"], f.loc[published, "published_ons_mad"], rtol=1e-9, atol=1e-9)
    # every council the ONS left out (a superseded code) perfkit leaves out too
    lower = f["area_code"].str[:3].isin(["E06", "E07", "E08", "E09", "W06", "S12", "N09"])
    measured = f["measure_id"].isin(set(f.loc[published, "measure_id"]))
    assert (f.loc[lower & measured & f["value"].notna() & ~published, "area_type"] == "superseded council").all()


@pytest.mark.realdata
def test_children_in_care_compares_councils_only():
    path = REALDATA / "children_in_care_rate_by_council_2011_2018.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    raw = pd.read_csv(path)
    f = read_comparators(path, {"years": "31 March"})
    b = benchmark(f, "Trafford").set_index("period_span")
    for year, g in raw.groupby("period"):
        councils = g[g["area_code"].str[:3].isin(["E06", "E08", "E09", "E10"]) & g["value"].notna()]
        assert b.loc[f"31 March {year}", "n"] == len(councils)
        assert b.loc[f"31 March {year}", "median"] == pytest.approx(councils["value"].median())
    assert any("Greater Manchester 31 March 2011: 8.7" in p.message for p in b.attrs["problems"])


def test_the_readmes_comparators_settings_are_accepted_as_written(tmp_path):
    """The perfkit.toml example in README's "Comparing with other councils" reads, and says what the README says it does."""
    from conftest import ROOT
    from perfkit.read.kinds.comparators import comparator_settings

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Comparing with other councils")[1].split("\n## ")[0]
    toml = section.split("```toml")[1].split("```")[0]
    (tmp_path / "perfkit.toml").write_text("\n".join(line[2:] if line.startswith("  ") else line for line in toml.splitlines()), encoding="utf-8")
    settings = comparator_settings(None, tmp_path / "data.csv")
    assert settings["years"] == ("snapshot", 31, 3) and settings["tier"] == "upper" and settings["duplicates"] == "first"
    assert settings["columns"] == {"Pupil group": "breakdown"} and settings["areas"] == {"North of Tyne": "combined authority"}


def test_a_chart_for_a_measure_the_council_has_no_figure_for_says_so():
    f = pd.DataFrame({"area_code": ["A", "B", "C", "A", "B"], "area_name": ["Ash", "Birch", "Cedar", "Ash", "Birch"],
                      "measure_id": ["M1", "M1", "M1", "M2", "M2"], "measure": ["One", "One", "One", "Two", "Two"], "polarity": "higher",
                      "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [1.0, 2.0, 3.0, 4.0, 5.0]})
    html = benchmark_charts_html(f, "Cedar")
    assert html.count("<figure") == 2 and "Cedar: no value, not ranked" in html
