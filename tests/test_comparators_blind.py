"""Comparison files a new user tried blind: each test builds its own file of one published shape, works out the truth
from its own figures (councils only, as the publisher counts them), and checks perfkit against that truth.

Shapes: a DfE table with the old three-digit LA code beside the ONS code and a "Region / local authority" column;
an LG Inform export naming counties beside their districts with no codes; the ONS's subnational download with counties
and a Female/Male breakdown and its own MAD column, rounded to three places; a Fingertips extract with England-only
deprivation deciles; ONS wordings of periods ("April 2021 to March 2022") under "Geography code" and "Geography";
a workbook whose first sheet is a Contents page.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from perfkit.analyse.benchmarking import benchmark, find_area
from perfkit.core.errors import ConfigError, ValidationError
from perfkit.present.benchmarking import benchmark_charts_html, benchmark_table, briefing_section
from perfkit.read.kinds.comparators import published_period, read_comparators

from conftest import problems_text, scaled_mad


# ---------------------------------------------------------------------------------------------- 1. DfE: old and new codes

NORTH_WEST = [(350, "E08000001", "Bolton"), (351, "E08000002", "Bury"), (352, "E08000003", "Manchester"), (353, "E08000004", "Oldham"),
              (354, "E08000005", "Rochdale"), (355, "E08000006", "Salford"), (356, "E08000007", "Stockport"),
              (357, "E08000008", "Tameside"), (358, "E08000009", "Trafford"), (359, "E08000010", "Wigan"),
              (889, "E06000008", "Blackburn with Darwen"), (890, "E06000009", "Blackpool"), (877, "E06000007", "Warrington")]
NORTH_EAST = [(840, "E06000047", "County Durham"), (841, "E06000005", "Darlington"), (390, "E08000037", "Gateshead"),
              (805, "E06000001", "Hartlepool"), (806, "E06000002", "Middlesbrough"), (391, "E08000021", "Newcastle upon Tyne")]
YEARS = [2019, 2020, 2021, 2022, 2023]


def dfe_table(tmp_path, rng, regions=2, new_codes=True, region_codes=True, name_header="Region / local authority"):
    """A DfE table as published: title rows (one merged), the old LA code, the new (ONS) code, region rows in bold above
    their councils, England first with the code 921, a blank row between regions, a key and a note under the table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Table A1"
    ws["A1"] = "Table A1: Children looked after at 31 March, rate per 10,000 children aged under 18 years"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:H1")
    ws["A2"] = "Years ending 31 March 2019 to 2023"
    ws.append([])
    ws.append(["LA code", *(["New LA code"] if new_codes else []), name_header, *YEARS])
    truth: dict[str, list] = {}
    england = [65, 67, 67, 70, 71]  # well below the councils: counted, it would move every median

    def put(code3, code, name, values, bold=False):
        ws.append([code3, *([code] if new_codes else []), name, *values])
        if bold:
            for c in ws[ws.max_row]:
                c.font = Font(bold=True)

    put(921, "E92000001", "England", england, bold=True)
    ws.append([])
    for rname, rcode, las in [("North West", "E12000002", NORTH_WEST), ("North East", "E12000001", NORTH_EAST)][:regions]:
        put(None, rcode if region_codes else None, rname, [int(v) for v in rng.integers(90, 115, len(YEARS))], bold=True)
        for code3, code, name in las:
            values = [int(v) for v in rng.integers(55, 160, len(YEARS))]
            truth[name] = values
            put(code3, code, name, values)
        ws.append([])
    ws.append(["x = not available; c = suppressed to protect confidentiality"])
    ws.append(["Rates are rounded to the nearest whole number."])
    path = tmp_path / "dfe.xlsx"
    wb.save(path)
    return path, truth, england


@pytest.mark.parametrize("regions,region_codes", [(2, True), (1, True), (2, False), (1, False)])
def test_dfe_table_reads_the_ons_code_and_the_area_name(tmp_path, regions, region_codes):
    path, truth, england = dfe_table(tmp_path, np.random.default_rng(4), regions=regions, region_codes=region_codes)
    f = read_comparators(path, config={"years": "31 March"})
    kinds = f.drop_duplicates("area_name").set_index("area_name")["area_type"]
    assert kinds["England"] == "country" and kinds["North West"] == "region"
    assert set(kinds.drop(["England", "North West", "North East"], errors="ignore")) <= {"unitary", "district", "council"}
    assert f.loc[f["area_name"] == "Stockport", "area_code"].iloc[0] == "E08000007"  # the ONS code, not the DfE's 356
    assert "'New LA code'" in problems_text(f)  # said which code column was taken
    b = benchmark(f, "Stockport").set_index("period_span")
    for i, year in enumerate(YEARS):
        values = [v[i] for v in truth.values()]
        row = b.loc[f"31 March {year}"]
        assert row["n"] == len(values) and row["median"] == pytest.approx(np.median(values))
        assert row["value"] == truth["Stockport"][i]
        assert row["references"].startswith(f"England {england[i]}")


def test_dfe_table_with_old_codes_only_knows_aggregates_by_name(tmp_path):
    path, truth, england = dfe_table(tmp_path, np.random.default_rng(5), new_codes=False, name_header="Local authority")
    f = read_comparators(path, config={"years": "31 March"})
    kinds = f.drop_duplicates("area_name").set_index("area_name")["area_type"]
    assert kinds["England"] == "country" and kinds["North West"] == "region" and kinds["North East"] == "region"
    b = benchmark(f, "Stockport").set_index("period_span")
    for i, year in enumerate(YEARS):
        assert b.loc[f"31 March {year}", "n"] == len(truth)
        assert b.loc[f"31 March {year}", "median"] == pytest.approx(np.median([v[i] for v in truth.values()]))


def test_a_figure_with_no_area_is_never_counted_as_a_council(tmp_path):
    """A row with a figure but neither a code nor a name (a region row under a header perfkit did not read) is said."""
    path = tmp_path / "noname.csv"
    rows = [["Code", "Name", "Year", "Value"], ["E08000001", "Bolton", "2022/23", "10"], ["E08000002", "Bury", "2022/23", "20"],
            ["E08000003", "Manchester", "2022/23", "30"], ["", "", "2022/23", "500"]]
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    f = read_comparators(path, config={"columns": {"Code": "area_code", "Name": "area_name"}, "measure": "Homes"})
    b = benchmark(f, "Bury").iloc[0]
    assert b["n"] == 3 and b["median"] == 20
    assert "no area" in problems_text(f)


def test_duplicates_advice_names_the_code_column_when_it_tells_areas_apart(tmp_path):
    """Two regions under one code of the kind perfkit was told to read: the column telling them apart holds ONS codes,
    so the advice is to read it as the area code, never as a breakdown or a measure."""
    path = tmp_path / "dup.csv"
    rows = [["Old code", "ONS", "Area", "Year", "Value"], ["350", "E08000001", "Bolton", "2022/23", "1"],
            ["351", "E08000002", "Bury", "2022/23", "2"], ["0", "E12000002", "North West", "2022/23", "3"],
            ["0", "E12000001", "North East", "2022/23", "4"]]
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_comparators(path, config={"columns": {"Old code": "area_code", "Area": "ignore"}, "measure": "Homes"})
    text = str(err.value)
    assert '"ONS" = "area_code"' in text and "breakdown" not in text
    # Unforced, the ONS code column is read as the code ahead of the three-digit one, and said.
    f = read_comparators(path, config={"columns": {"Old code": "ignore"}, "measure": "Homes"})
    assert set(f["area_code"]) == {"E08000001", "E08000002", "E12000002", "E12000001"} and "'ONS'" in problems_text(f)


def test_a_parents_code_is_never_the_areas(tmp_path):
    """Fingertips' "Parent Code" holds each area's region: never read as the area's code, even where the file has none."""
    path = tmp_path / "parents.csv"
    rows = ["Indicator Name,Parent Code,Parent Name,Area Name,Time period,Value"]
    rows += [f"Homes,E12000002,North West,Borough {i},2022/23,{10 * i}" for i in range(1, 6)]
    rows += [f"Homes,E12000001,North East,Town {i},2022/23,{7 * i}" for i in range(1, 4)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    f = read_comparators(path)
    assert f["area_code"].nunique() == 8 and "E12000002" not in set(f["area_code"])
    b = benchmark(f, "Borough 3").iloc[0]
    assert b["n"] == 8 and b["median"] == np.median([10, 20, 30, 40, 50, 7, 14, 21])


# ---------------------------------------------------------------------------------------------- 2. counties by name

DISTRICTS = ["Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield", "Newark and Sherwood", "Rushcliffe", "Amber Valley",
             "Bolsover", "Chesterfield", "Erewash", "High Peak", "North East Derbyshire", "South Derbyshire"]


def names_only_export(tmp_path, rng, counties=("Nottinghamshire", "Derbyshire County Council")):
    """LG Inform's area-by-year export with names only: districts, the counties they sit in, a region, England and averages."""
    years = ["2020/21", "2021/22", "2022/23"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "Household waste collected per head (kg) - Ashfield and comparators"
    ws["A2"] = "Polarity: Lower is better"
    ws.append([])
    ws.append(["Area", *years])
    truth = {}
    for a in DISTRICTS:
        truth[a] = [int(v) for v in rng.integers(330, 480, len(years))]
        ws.append([a, *truth[a]])
    county_values = {}
    for a in list(counties) + ["East Midlands", "England", "Mean for Ashfield's CIPFA nearest neighbours", "All English district councils"]:
        vals = [int(v) for v in rng.integers(200, 260, len(years))]  # all below the districts: counted, they move the median
        ws.append([a, *vals])
        if a in counties:
            county_values[a] = vals
    ws.append([])
    ws.append(["Source: Defra, ENV18"])
    path = tmp_path / "names.xlsx"
    wb.save(path)
    return path, years, truth, county_values


def test_counties_named_without_codes_are_not_districts_peers(tmp_path):
    path, years, truth, counties = names_only_export(tmp_path, np.random.default_rng(8))
    f = read_comparators(path)
    kinds = f.drop_duplicates("area_name").set_index("area_name")["area_type"]
    assert kinds["Nottinghamshire"] == "county" and kinds["Derbyshire County Council"] == "county"
    b = benchmark(f, "Ashfield").set_index("period_span")
    for i, year in enumerate(years):
        values = [v[i] for v in truth.values()]
        assert b.loc[year, "n"] == len(values)
        assert b.loc[year, "median"] == pytest.approx(np.median(values))
        assert b.loc[year, "rank"] == 1 + sum(v < truth["Ashfield"][i] for v in values)  # lower is better, from the title
    assert "county councils" in problems_text(b) and "by name" in problems_text(b)
    county = benchmark(f, "Nottinghamshire").set_index("period_span")
    assert county.loc[years[0], "n"] == len(counties)  # compared with counties only, said
    assert "county councils and districts, recognised by name" in problems_text(county)


# ---------------------------------------------------------------------------------------------- 3 and 7. the ONS's MAD


ONS_LOWER = {"E07000095": "Broxbourne", "E07000096": "Dacorum", "E07000098": "Hertsmere", "E07000099": "North Hertfordshire",
             "E07000102": "Three Rivers", "E07000103": "Watford", "E07000240": "St Albans", "E07000241": "Welwyn Hatfield",
             "E07000242": "East Hertfordshire", "E07000243": "Stevenage", "E06000031": "Peterborough", "E06000032": "Luton",
             "E06000033": "Southend-on-Sea", "E06000034": "Thurrock"}
ONS_COUNTIES = {"E10000015": "Hertfordshire", "E10000020": "Norfolk", "E10000029": "Suffolk", "E10000003": "Cambridgeshire",
                "E10000012": "Essex"}
UNITARY = {"E06000031", "E06000032", "E06000033", "E06000034"}


def ons_download(tmp_path, rng, counties=True, places=3):
    """The ONS subnational indicators download: AREACD/AREANM, a Geography column, counties beside districts (each
    compared within its tier, unitary councils in both), a Category splitting one indicator by sex, its MAD rounded."""
    lines = ["AREACD,AREANM,Geography,Indicator,Category,Period,Unit,Measure,Value,MAD"]
    truth = {}
    areas = {**ONS_LOWER, **(ONS_COUNTIES if counties else {})}
    for ind, cats, period, polarity in [("Gross median weekly pay", [""], "2023/24", "higher"),
                                        ("Healthy life expectancy", ["Female", "Male"], "2018-20", "higher"),
                                        ("Persistent absence from school", [""], "2021/22", "lower")]:
        for cat in cats:
            values = {c: round(float(rng.uniform(20, 80)), 1) for c in areas}
            lower = {c: values[c] for c in ONS_LOWER}
            upper = {c: values[c] for c in areas if c in UNITARY or c in ONS_COUNTIES}
            mads = {**scaled_mad(upper, polarity), **scaled_mad(lower, polarity)}  # a unitary council's is the lower tier's
            truth[(ind, cat)] = {"values": values, "lower": lower, "mads": mads, "polarity": polarity}
            lines.append(f"E92000001,England,Country,{ind},{cat},{period},%,Percentage,{np.median(list(lower.values())):.1f},")
            for c in areas:
                geo = "Upper tier local authority" if c in ONS_COUNTIES else ("Unitary authority" if c in UNITARY else "Lower tier local authority")
                lines.append(f"{c},{areas[c]},{geo},{ind},{cat},{period},%,Percentage,{values[c]},{mads[c]:.{places}f}")
    path = tmp_path / "ons.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, truth


@pytest.mark.parametrize("counties", [True, False])
def test_polarity_from_the_ons_mad_within_tiers_and_breakdowns(tmp_path, counties):
    path, truth = ons_download(tmp_path, np.random.default_rng(11), counties=counties)
    f = read_comparators(path)
    pol = f.drop_duplicates("measure_id").set_index("measure_id")["polarity"]
    assert pol.to_dict() == {"Gross median weekly pay": "higher", "Healthy life expectancy": "higher",
                             "Persistent absence from school": "lower"}
    for code in ONS_LOWER:
        b = benchmark(f, code)
        for r in b.itertuples():
            t = truth[(r.measure_id, r.breakdown)]
            assert r.n == len(t["lower"]) and r.median == pytest.approx(np.median(list(t["lower"].values())))
            assert r.ons_mad == pytest.approx(t["mads"][code], abs=1e-9)
        assert "differs" not in problems_text(b)  # the file's MAD is rounded to 3 places: not a difference


def test_a_real_difference_from_the_published_mad_is_still_said(tmp_path):
    path, truth = ons_download(tmp_path, np.random.default_rng(12), counties=False)
    text = path.read_text().splitlines()
    i = next(i for i, line in enumerate(text) if line.startswith("E07000243,") and "weekly pay" in line)
    cells = text[i].split(",")
    cells[-1] = f"{float(cells[-1]) + 0.01:.3f}"  # one thousandth is rounding; one hundredth is not
    text[i] = ",".join(cells)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    b = benchmark(read_comparators(path), "Stevenage")
    assert "its scaled MAD as perfkit computes it differs from the file's own in 1 of" in problems_text(b)


def test_no_ons_mad_without_a_polarity(tmp_path):
    path = tmp_path / "nopol.csv"
    rng = np.random.default_rng(2)
    lines = ["Area code,Area name,Indicator,Period,Value"] + [f"E0700010{i},Council {i},Litter,2023/24,{rng.integers(10, 90)}" for i in range(8)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b = benchmark(read_comparators(path), "Council 3")
    assert b["ons_mad"].isna().all() and b["mads_from_median"].notna().all()
    assert "scaled MAD" in problems_text(b) and "no polarity" in problems_text(b)


# ---------------------------------------------------------------------------------------------- 4. parts with no councils


def fingertips_with_deciles(tmp_path, rng):
    """Fingertips: councils by age band, and England alone by deprivation decile (no council has those parts)."""
    cols = ["Indicator ID", "Indicator Name", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Category Type", "Category",
            "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Compared to England value or percentiles"]
    gm = {f"E080000{i:02d}": n for i, n in enumerate(["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport",
                                                      "Tameside", "Trafford", "Wigan"], start=1)}
    rows, truth = [], {}
    for age, base in (("<75 yrs", 140.0), ("All ages", 260.0)):
        for year in ("2021", "2022"):
            england = base - 5
            rows.append([40501, "Cancer mortality", "E92000001", "England", "England", "Persons", age, "", "", year, england,
                         england - 1, england + 1, ""])
            if age == "<75 yrs":
                for d in range(1, 11):
                    rows.append([40501, "Cancer mortality", "E92000001", "England", "England", "Persons", age,
                                 "District & UA deprivation deciles in England (IMD2019)", f"Decile {d} (IMD2019)", year,
                                 base + 40 - 8 * d, "", "", ""])
            values = {c: round(base + float(rng.uniform(-30, 40)), 1) for c in gm}
            truth[(age, year)] = values
            for c, v in values.items():
                rows.append([40501, "Cancer mortality", c, gm[c], "Districts & UAs", "Persons", age, "", "", year, v, v - 12, v + 12,
                             "Worse" if v - 12 > england else ("Better" if v + 12 < england else "Similar")])
    path = tmp_path / "fingertips.csv"
    pd.DataFrame(rows, columns=cols).to_csv(path, index=False)
    return path, truth


def test_parts_with_no_council_are_left_out_and_said_once(tmp_path):
    path, truth = fingertips_with_deciles(tmp_path, np.random.default_rng(10))
    f = read_comparators(path, config={"years": "calendar"})
    note = next(p.message for p in f.attrs["problems"] if "split" in p.message)
    assert "<75 yrs, <75 yrs" not in note and "'Age' (<75 yrs, All ages)" in note and "'Category'" in note
    b = benchmark(f, "Stockport")
    assert len(b) == len(truth) and (b["n"] > 0).all()
    for r in b.itertuples():
        values = truth[(r.breakdown, r.period_span)]
        assert r.n == len(values) and r.median == pytest.approx(np.median(list(values.values())))
    said = [p for p in b.attrs["problems"] if "no council" in p.message]
    assert len(said) == 1 and "Decile 2" in said[0].message and "20" in said[0].message
    html = briefing_section(f, "Stockport")
    assert "Decile" not in html.split("<table")[1] and "Not ranked" not in html
    assert benchmark_charts_html(f, "Stockport").count("<figure") == 2  # a chart per age band; none for England's deciles


# ---------------------------------------------------------------------------------------------- 5. ONS headers and wordings


def test_ons_geography_headers_and_month_ranges(tmp_path):
    rng = np.random.default_rng(9)
    codes = {"E07000032": "Amber Valley", "E07000033": "Bolsover", "E07000034": "Chesterfield", "E07000035": "Derbyshire Dales",
             "E07000036": "Erewash", "E07000037": "High Peak"}
    lines = ["Geography code,Geography,Indicator,Time period,Value,Notes"]
    truth = {}
    for ind, periods in (("Temporary accommodation per 1,000", {"April 2021 to March 2022": "2021/22", "April 2022 to March 2023": "2022/23"}),
                         ("Jobs density", {"January 2021 to December 2021": "2021", "January 2022 to December 2022": "2022"}),
                         ("Fuel poverty", {"April 2019 to March 2022": "2019/20 to 2021/22"})):
        for text, label in periods.items():
            values = {c: round(float(rng.uniform(40, 80)), 1) for c in codes}
            truth[(ind, label)] = values
            lines += [f'{c},{n},"{ind}",{text},{values[c]},' for c, n in codes.items()]
            lines.append(f'E92000001,England,"{ind}",{text},30.0,')
    path = tmp_path / "ons.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    assert f.loc[f["area_code"] == "E07000034", "area_name"].iloc[0] == "Chesterfield"
    b = benchmark(f, "Chesterfield")
    assert sorted(zip(b["measure_id"], b["period_span"])) == sorted(truth)
    for r in b.itertuples():
        values = truth[(r.measure_id, r.period_span)]
        assert r.n == len(values) and r.median == pytest.approx(np.median(list(values.values())))


def test_month_range_periods():
    assert published_period("April 2021 to March 2022")[1] == "2021/22"
    assert published_period("January 2021 to December 2021")[1] == "2021"
    assert published_period("Jan 2016 to Dec 2018")[1] == "2016-18"
    assert published_period("April 2022 to June 2022")[1] == "2022/23 Q1"
    assert published_period("July 2021 to June 2022")[1] == "year to June 2022"
    assert published_period("Year ending June 2022")[1] == "year to June 2022"
    with pytest.raises(ValueError, match="not a year, a quarter or a run of years"):
        published_period("May 2021 to August 2022")


# ---------------------------------------------------------------------------------------------- 6. workbooks of several sheets


def ons_workbook(tmp_path, rng, tables=("Males",)):
    """An ONS workbook: a Contents sheet first, then a table per sex, each with its title and notes."""
    wb = Workbook()
    contents = wb.active
    contents.title = "Contents"
    contents["A1"] = "Life expectancy at birth by local area, North East, 2015-17 to 2018-20"
    contents["A3"] = "Table 1: Males"
    contents["A4"] = "Table 2: Females"
    pooled = ["2015-17", "2016-18", "2017-19"]
    truth = {}
    for t, sex in enumerate(tables, start=1):
        ws = wb.create_sheet(f"Table {t}")
        ws["A1"] = f"Table {t}: Life expectancy at birth (years), {sex.lower()}, North East, 2015-17 to 2017-19"
        ws.append([])
        ws.append(["Area code", "Area name", *pooled])
        ws.append(["E92000001", "England", 79.4, 79.5, 79.6])
        ws.append(["E12000001", "North East", 77.8, 77.8, 77.8])
        for code, name in (("E06000047", "County Durham"), ("E06000005", "Darlington"), ("E08000037", "Gateshead"),
                           ("E06000001", "Hartlepool"), ("E08000024", "Sunderland")):
            values = [round(float(rng.uniform(75, 80)), 1) for _ in pooled]
            truth[(sex, name)] = values
            ws.append([code, name, *values])
        ws.append([])
        ws.append(["Notes: three-year pooled periods."])
    path = tmp_path / "ons.xlsx"
    wb.save(path)
    return path, truth, pooled


def test_the_sheet_holding_the_table_is_found(tmp_path):
    path, truth, pooled = ons_workbook(tmp_path, np.random.default_rng(3))
    f = read_comparators(path)
    assert "'Table 1'" in problems_text(f)
    b = benchmark(f, "Sunderland").set_index("period_span")
    for i, p in enumerate(pooled):
        values = [v[i] for (s, n), v in truth.items()]
        assert b.loc[p, "n"] == 5 and b.loc[p, "median"] == pytest.approx(np.median(values))


def test_several_tables_are_refused_naming_the_sheets(tmp_path):
    path, truth, pooled = ons_workbook(tmp_path, np.random.default_rng(3), tables=("Males", "Females"))
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    text = str(err.value)
    assert "'Table 1'" in text and "'Table 2'" in text and "sheet" in text and "Contents" not in text.split("sheets")[-1].split(":")[0]
    assert "the headers are Life expectancy" not in text
    f = read_comparators(path, sheet="Table 2")
    b = benchmark(f, "Sunderland").set_index("period_span")
    values = [v[0] for (s, n), v in truth.items() if s == "Females"]
    assert b.loc[pooled[0], "median"] == pytest.approx(np.median(values))
    g = read_comparators(path, config={"sheet": "Table 1"})
    assert benchmark(g, "Sunderland").set_index("period_span").loc[pooled[0], "median"] == pytest.approx(
        np.median([v[0] for (s, n), v in truth.items() if s == "Males"]))


def test_a_sheet_with_no_table_is_not_said_to_have_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Contents"
    ws["A1"] = "Life expectancy at birth by local area"
    ws["A3"] = "Table 1: Males"
    path = tmp_path / "contents.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert "the headers are" not in str(err.value) and "'Contents'" in str(err.value)


# ---------------------------------------------------------------------------------------------- 8. the officer's checks and --area


def test_an_unknown_area_names_the_closest(tmp_path):
    path, truth, england = dfe_table(tmp_path, np.random.default_rng(4))
    f = read_comparators(path, config={"years": "31 March"})
    with pytest.raises(ConfigError, match="Stockport"):
        find_area(f, "Stockprot")
    assert find_area(f, "Stockport Metropolitan Borough Council") == "E08000007"


def test_brief_refuses_an_unknown_area_before_the_notebook_runs(tmp_path):
    from conftest import SAMPLE
    from perfkit.publish.notebook import publish_briefing

    path, truth, england = dfe_table(tmp_path, np.random.default_rng(4))
    (tmp_path / "perfkit.toml").write_text('[comparators]\nyears = "31 March"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="Stockport"):
        publish_briefing(SAMPLE, "2023/24 Q2", council="Stockprot", out_dir=tmp_path / "out", compare=path)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_checks_list_the_comparison_notes(tmp_path):
    from conftest import SAMPLE
    import perfkit
    from perfkit.publish.notebook import comparison_checks
    from perfkit.present.briefing import check_items, checks_text

    path, truth = fingertips_with_deciles(tmp_path, np.random.default_rng(10))
    (tmp_path / "perfkit.toml").write_text('[comparators]\nyears = "calendar"\n', encoding="utf-8")
    frames = dict(perfkit.read_workbook(SAMPLE))
    fig = perfkit.quarter_figures(frames.get("milestones"), frames.get("measures"), "2023/24 Q2")
    assert comparison_checks({"council": "Stockport"}) is None  # no comparison in the briefing: nothing to list
    before = {ident for ident, *_ in check_items(fig, frames)}
    frames["comparison"] = comparison_checks({"compare": str(path), "area": None, "council": "Stockport Metropolitan Borough Council"})
    items = {ident: rows for ident, _, _, rows in check_items(fig, frames)}
    assert "comparison" not in before and "comparison" in items
    text = "\n".join(" ".join(map(str, row)) for row in items["comparison"])
    assert "no council with a figure" in text and "Decile 2" in text and "split measures into parts" in text
    assert "How we compare" in checks_text(fig, frames)
    # A comparison that cannot be made is said in the checks, not lost.
    broken = comparison_checks({"compare": str(path), "area": "Nowhere", "council": "x"})
    assert "could not be made" in broken.attrs["problems"][0].message


# ---------------------------------------------------------------------------------------------- 9. wording


def test_wording_of_refusals_and_blank_parts(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("Area code,Area name,Indicator,Year,Value\nE08000001,Bolton,Homes,2022/23,1\nE08000001,Bolton,Homes,2022/23,2\n"
                    "E08000002,Bury,Homes,2022/23,3\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert "right. Or say" not in str(err.value)
    path, truth, england = dfe_table(tmp_path, np.random.default_rng(4))
    with pytest.raises(ValidationError) as err:
        read_comparators(path)
    assert "column 'period'" not in str(err.value) and "2019" in str(err.value)
    path, truth = ons_download(tmp_path, np.random.default_rng(12), counties=False)
    text = path.read_text().replace(",0.", ",0.9").replace(",-0.", ",-0.9")  # the file's MAD made to differ
    path.write_text(text, encoding="utf-8")
    b = benchmark(read_comparators(path), "Stevenage")
    assert "()" not in problems_text(b)
    assert "()" not in benchmark_table(b, "x")
