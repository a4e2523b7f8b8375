"""Comparison files a fifth blind tester tried (issue #21): each test builds its own file of one published shape and
checks perfkit against the truth worked out from the file's own figures (councils only).

Shapes: LG Inform's chart export with the areas across the columns and the years down the rows (with and without a row
of area codes under the names); a header of two rows with each year over ``Value | Rank`` or over ``Number | Rate per
10,000``; the DfE's explore-education-statistics download whose ``time_identifier`` says "Academic year".
"""

from __future__ import annotations

import random
import statistics

import openpyxl
import pandas as pd
import pytest

from perfkit.analyse.benchmarking import benchmark
from perfkit.read.kinds.comparators import published_period, read_comparators

from conftest import problems_text

DISTRICTS = {f"E07000{100 + i}": name for i, name in enumerate(
    ["Dacorum", "Hart", "Rushmoor", "Guildford", "Mole Valley", "Surrey Heath", "Waverley", "Woking", "Oxford", "Hertsmere"])}
YEARS = ["2021/22", "2022/23", "2023/24"]


def figures(seed: int = 21) -> dict[str, dict[str, float | None]]:
    rng = random.Random(seed)
    out = {name: {y: round(rng.uniform(35, 62), 1) for y in YEARS} for name in DISTRICTS.values()}
    out["Waverley"]["2023/24"] = None  # '-' in the file
    return out


def truth(values, council: str) -> dict[str, tuple[int, float, float]]:
    """Per year: n, the councils' median and the council's own value."""
    out = {}
    for y in YEARS:
        got = [v[y] for v in values.values() if v[y] is not None]
        out[y] = (len(got), statistics.median(got), values[council][y])
    return out


def write_sheet(path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Report"
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


@pytest.mark.parametrize("codes", [True, False])
def test_lg_inform_areas_across_the_columns_are_read_turned_round(tmp_path, codes):
    """Refused before ("no header row naming the area..."), with advice that could not describe the layout."""
    values = figures()
    names = list(DISTRICTS.values())
    rows = [["Percentage of household waste sent for reuse, recycling and composting for Dacorum and its CIPFA nearest neighbours"],
            ["Source: LG Inform. Polarity: Higher is better"], [],
            ["Period", *names, "England", "Mean for CIPFA nearest neighbours"]]
    if codes:
        rows.append(["Area code", *DISTRICTS, "E92000001", None])
    for y in YEARS:
        rows.append([y, *["-" if values[n][y] is None else values[n][y] for n in names], 43.1, 48.0])
    rows += [[], ["Notes: '-' data not available."]]
    frame = read_comparators(write_sheet(tmp_path / "lginform.xlsx", rows))
    said = problems_text(frame)
    assert "the areas across its columns and the periods down its rows" in said
    b = benchmark(frame, "Dacorum").set_index("period_span")
    for y, (n, median, own) in truth(values, "Dacorum").items():
        assert (int(b.loc[y, "n"]), b.loc[y, "median"], b.loc[y, "value"]) == (n, pytest.approx(median), own)
        assert b.loc[y, "national"] == 43.1
    assert set(frame["polarity"]) == {"higher"}
    if codes:
        assert frame.loc[frame.area_name == "Hart", "area_code"].iloc[0] == "E07000101"


def two_row_header(tmp_path, under: list[str], values: dict[str, dict[str, tuple]]):
    """Area code | Area name | 2021/22 (merged over its fields) | 2022/23 ..., the fields in the row under the years."""
    rows = [["Children looked after at 31 March: number and rate per 10,000 children"], [],
            ["Area code", "Area name", *[c for y in YEARS for c in [y] + [None] * (len(under) - 1)]],
            [None, None, *under * len(YEARS)]]
    merges = [f"{openpyxl.utils.get_column_letter(3 + i * len(under))}3:{openpyxl.utils.get_column_letter(2 + (i + 1) * len(under))}3"
              for i in range(len(YEARS))]
    for code, name in DISTRICTS.items():
        rows.append([code, name, *[x for y in YEARS for x in values[name][y]]])
    rows.append(["E92000001", "England", *[x for y in YEARS for x in (1.0,) * len(under)]])
    return write_sheet(tmp_path / "two_rows.xlsx", rows, merges)


def test_a_year_over_number_and_rate_is_two_measures_each_compared_on_its_own(tmp_path):
    """Read before as the Number column alone, named by the title's 'number and rate', the rates dropped without a word
    and the sub-header row warned of as a row with figures but no area."""
    rng = random.Random(5)
    values = {n: {y: (rng.randint(100, 900), round(rng.uniform(50, 140), 1)) for y in YEARS} for n in DISTRICTS.values()}
    frame = read_comparators(two_row_header(tmp_path, ["Number", "Rate per 10,000"], values))
    assert "figures but no area" not in problems_text(frame)
    b = benchmark(frame, "Woking")
    assert set(b["measure"]) == {"Number", "Rate per 10,000"}
    for measure, k in (("Number", 0), ("Rate per 10,000", 1)):
        for y in YEARS:
            row = b[(b.measure == measure) & (b.period_span == y)].iloc[0]
            got = [v[y][k] for v in values.values()]
            assert (int(row["n"]), row["median"], row["value"]) == (10, pytest.approx(statistics.median(got)), values["Woking"][y][k])


def test_a_year_over_value_and_rank_keeps_the_publishers_rank(tmp_path):
    rng = random.Random(6)
    values = {n: {y: (round(rng.uniform(300, 500), 1), i + 1) for y in YEARS} for i, n in enumerate(DISTRICTS.values())}
    frame = read_comparators(two_row_header(tmp_path, ["Value", "Rank"], values))
    assert "published_rank" in frame and "figures but no area" not in problems_text(frame)
    mine = frame[frame.area_name == "Oxford"].set_index("period_span")
    assert [mine.loc[y, "value"] for y in YEARS] == [values["Oxford"][y][0] for y in YEARS]
    assert [int(mine.loc[y, "published_rank"]) for y in YEARS] == [9, 9, 9]
    b = benchmark(frame, "Oxford").set_index("period_span")
    assert all(int(b.loc[y, "n"]) == 10 for y in YEARS)


def test_an_academic_year_is_september_to_august_where_time_identifier_says_so(tmp_path):
    """Read before as the financial year (April to March), and nothing said."""
    lines = ["time_period,time_identifier,geographic_level,country_code,country_name,new_la_code,la_name,sess_overall_percent"]
    lines += [f"{p},Academic year,Local authority,E92000001,England,{code},{name},{v}"
              for p in ("202122", "202223") for (code, name), v in zip(DISTRICTS.items(), range(5, 15))]
    path = tmp_path / "absence.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = read_comparators(path)
    assert sorted(frame["period_span"].unique()) == ["2021/22 academic year", "2022/23 academic year"]
    assert set(frame["period"].astype(str)) == {str(pd.Period("2022-08", "M").asfreq("Q-MAR")), str(pd.Period("2023-08", "M").asfreq("Q-MAR"))}
    assert "academic years" in problems_text(frame) and "September to August" in problems_text(frame)
    assert published_period("202122", years=("financial",))[1] == "2021/22"


def test_n_a_in_a_spreadsheet_is_a_placeholder_said_like_the_others(tmp_path):
    """pandas' reader blanked 'n/a' (and 'NA', 'NULL') in a spreadsheet before perfkit saw it: read as missing, unsaid."""
    rows = [["Percentage of major planning applications decided in time"], [], ["Area code", "Area name", "2022/23", "2023/24"]]
    rows += [[code, name, "n/a" if i == 2 else 70 + i, "NULL" if i == 3 else 80 + i] for i, (code, name) in enumerate(DISTRICTS.items())]
    frame = read_comparators(write_sheet(tmp_path / "planning.xlsx", rows))
    said = problems_text(frame)
    assert "2 values are placeholders" in said and "'n/a'" in said
    assert int(frame["value"].isna().sum()) == 2


def test_another_countrys_aggregates_are_not_shown_beside_a_council(tmp_path):
    """Belfast was shown England's and Greater Manchester's figures 'for reference'; Bolton Northern Ireland's."""
    lines = ["Area code,Area name,2023/24"]
    lines += ["E08000001,Bolton,51", "E08000002,Bury,55", "E08000003,Manchester,47", "N09000003,Belfast,49", "N09000001,Antrim and Newtownabbey,53",
              "E92000001,England,50", "E47000001,Greater Manchester,52", "N92000002,Northern Ireland,51"]
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = read_comparators(path, config={"measure": "Satisfaction (%)", "polarity": {"Satisfaction (%)": "higher"}})
    belfast = benchmark(frame, "Belfast", countries="pooled").iloc[0]["references"]
    bolton = benchmark(frame, "Bolton", countries="pooled").iloc[0]["references"]
    assert "Northern Ireland 51" in belfast and "England" not in belfast and "Greater Manchester" not in belfast
    assert "England 50" in bolton and "Greater Manchester 52" in bolton and "Northern Ireland" not in bolton


def test_fractions_formatted_as_percentages_are_read_as_excel_shows_them(tmp_path):
    """0.618 formatted 0.0% beside another council's 65.5 typed as a number: compared as it stood, every median wrong."""
    rng = random.Random(8)
    values = {name: round(rng.uniform(55, 75), 1) for name in DISTRICTS.values()}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Percentage of municipal waste recycled"])
    ws.append(["Area code", "Area name", "2023/24"])
    for i, (code, name) in enumerate(DISTRICTS.items()):
        ws.append([code, name, values[name] / 100 if i % 3 == 0 else values[name]])
        if i % 3 == 0:
            ws.cell(row=ws.max_row, column=3).number_format = "0.0%"
    path = tmp_path / "waste.xlsx"
    wb.save(path)
    frame = read_comparators(path)
    b = benchmark(frame, "Dacorum").iloc[0]
    assert (int(b["n"]), b["median"], b["value"]) == (10, pytest.approx(statistics.median(values.values())), pytest.approx(values["Dacorum"]))
    assert "formatted as percentages" in problems_text(frame)


def test_a_publishers_own_column_names_for_measure_area_period_and_polarity(tmp_path):
    """NHS Digital's 'ASCOF Measure Code' and 'Geographical Description', statistics.gov.scot's 'FeatureName' and
    'DateCode', the LGBF's 'Good is': each was refused or ignored."""
    lines = ["Year,Geographical Code,Geographical Description,ASCOF Measure Code,Measure Group Description,Disaggregation Level,"
             "Measure Type,Measure Value"]
    for i, (code, name) in enumerate(DISTRICTS.items()):
        for sex in ("Male", "Female"):
            lines.append(f"2023-24,{code},{name},1E,Adults with a learning disability in paid employment,{sex},Outcome,{5 + i}")
            lines.append(f"2023-24,{code},{name},1E,Adults with a learning disability in paid employment,{sex},Numerator,{100 + i}")
    path = tmp_path / "ascof.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = read_comparators(path)
    assert set(frame["breakdown"]) == {"Male", "Female"} and "Hart" in set(frame["area_name"])
    outcome = benchmark(frame, "Hart")
    row = outcome[(outcome.measure_id == "1E (Outcome)") & (outcome.breakdown == "Male")].iloc[0]
    assert (int(row["n"]), row["median"], row["value"]) == (10, 9.5, 6)

    scot = tmp_path / "scot.csv"
    scot.write_text("FeatureCode,FeatureName,DateCode,Measurement,Units,Value\n"
                    + "\n".join(f"S120000{10 + i},Council {i},2022/2023,Ratio,Percent,{50 + i}" for i in range(8)) + "\n", encoding="utf-8")
    s = read_comparators(scot)
    assert set(s["period_span"]) == {"2022/23"} and "Council 3" in set(s["area_name"])

    lgbf = tmp_path / "lgbf.csv"
    lgbf.write_text("Council,Indicator,Good is,Year,Value\n" + "\n".join(f"Council {i},Cost per pupil,Low,2022/23,{7000 + i * 10}"
                                                                           for i in range(8)) + "\n", encoding="utf-8")
    assert set(read_comparators(lgbf)["polarity"]) == {"lower"}


def test_an_indicator_over_years_over_value_rank_and_quartile_is_read(tmp_path):
    """A CIPFA table with a header of three rows was refused; its measure is the indicator line, not the comparison's
    title, and the key under the table gives the polarity."""
    rng = random.Random(9)
    values = {n: {y: round(rng.uniform(35, 62), 1) for y in YEARS[:2]} for n in DISTRICTS.values()}
    rows = [["Dacorum Borough Council - comparison with CIPFA nearest neighbours"], ["Source: LG Inform"], [],
            ["Area", "Percentage of household waste recycled", None, None, None, None, None],
            [None, YEARS[0], None, None, YEARS[1], None, None],
            [None, "Value", "Rank", "Quartile", "Value", "Rank", "Quartile"]]
    for n in DISTRICTS.values():
        rows.append([n, values[n][YEARS[0]], 1, 1, values[n][YEARS[1]], 1, 1])
    rows += [[], ["Key: Rank 1 = best performing. Higher is better."]]
    path = write_sheet(tmp_path / "cipfa.xlsx", rows, ["A4:A6", "B4:G4", "B5:D5", "E5:G5"])
    frame = read_comparators(path)
    assert set(frame["measure"]) == {"Percentage of household waste recycled"} and set(frame["polarity"]) == {"higher"}
    b = benchmark(frame, "Hart").set_index("period_span")
    for y in YEARS[:2]:
        got = [v[y] for v in values.values()]
        assert (int(b.loc[y, "n"]), b.loc[y, "median"], b.loc[y, "value"]) == (10, pytest.approx(statistics.median(got)), values["Hart"][y])


def test_a_median_between_two_figures_is_shown_to_two_decimals():
    """'0.05 below the median (11.9)' beside a value of 11.9: the median 11.95 was rounded to the council's own figure."""
    from perfkit.present.benchmarking import versus_median

    said = versus_median(pd.Series({"value": 11.9, "median": 11.95, "polarity": "higher"}))
    assert said.startswith("0.05 below the median (11.95)")


def test_a_dluhc_table_names_over_number_and_rate_revision_marks_and_the_quarter_in_its_title(tmp_path):
    """Refused before ('a year alone (2024)' for 'July to September 2024', then no value column); with the marks, a
    figure written '91 [r]' dropped its whole column without a word."""
    rng = random.Random(12)
    values = {n: (rng.randint(100, 900), round(rng.uniform(1, 6), 1)) for n in DISTRICTS.values()}
    rows = [["Table A1: households owed a homelessness duty, England, July to September 2024"], ["Source: H-CLIC. [r] = revised"], [],
            ["Area code", "Local authority", "Total initial assessments [note 2]", None],
            [None, None, "Number", "Per 1,000 households"],
            ["E92000001", "ENGLAND", 84000, 3.4]]
    for code, name in DISTRICTS.items():
        number, rate = values[name]
        rows.append([code, name, f"{number} [r]" if name == "Hart" else number, rate])
    path = write_sheet(tmp_path / "a1.xlsx", rows, ["C4:D4"])
    frame = read_comparators(path)
    assert set(frame["period_span"]) == {"2024/25 Q2"}
    said = problems_text(frame)
    assert "revision or note mark" in said
    b = benchmark(frame, "Woking")
    for measure, k in (("Total initial assessments: Number", 0), ("Total initial assessments: Per 1,000 households", 1)):
        row = b[b.measure == measure].iloc[0]
        assert (int(row["n"]), row["median"], row["value"]) == (10, pytest.approx(statistics.median(v[k] for v in values.values())),
                                                               values["Woking"][k])


def test_scotpho_year_beside_its_period_is_never_the_figure(tmp_path):
    """ScotPHO's 'measure' column holds the rate and 'year' a year: the year was read as the value ('2,021, at the median')."""
    lines = ["indicator,area_name,area_code,area_type,year,period,numerator,measure"]
    lines.append("Drug-related hospital admissions,Scotland,S00000001,Scotland,2020,2019/20 - 2021/22,9000,250.5")
    rates = {f"Council {i}": 200 + 15 * i for i in range(8)}
    lines += [f"Drug-related hospital admissions,{n},S120000{10 + i},Council area,2020,2019/20 - 2021/22,{100 + i},{r}"
              for i, (n, r) in enumerate(rates.items())]
    path = tmp_path / "scotpho.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    b = benchmark(read_comparators(path), "Council 2").iloc[0]
    assert (int(b["n"]), b["median"], b["value"], b["national"]) == (8, statistics.median(rates.values()), 230, 250.5)


def test_community_safety_partnerships_are_compared_among_themselves_and_a_rate_is_a_measure(tmp_path):
    """Home Office tables by Community Safety Partnership (E22): each was refused as 'not a council', and the 'Rate per
    1,000 population' column was left aside as a population."""
    rng = random.Random(14)
    csps = {f"E22000{100 + i}": f"Partnership {i}" for i in range(8)}
    rates = {n: round(rng.uniform(60, 140), 1) for n in csps.values()}
    lines = ["Table CSP1: Police recorded crime by Community Safety Partnership, year ending March 2024", "",
             "Area Code,Area Name,Total recorded crime,Rate per 1000 population",
             "E92000001,England,2665123,107.6", "E23000013,Cleveland,60000,105.0"]
    lines += [f"{code},{name},{int(rates[name] * 150)},{rates[name]}" for code, name in csps.items()]
    path = tmp_path / "csp.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = read_comparators(path)
    b = benchmark(frame, "Partnership 3")
    row = b[b.measure == "Rate per 1000 population"].iloc[0]
    assert (int(row["n"]), row["median"], row["value"], row["national"]) == (8, pytest.approx(statistics.median(rates.values())),
                                                                            rates["Partnership 3"], 107.6)
    assert "compared with those, not with councils" in "\n".join(p.message for p in b.attrs["problems"])


def test_a_welsh_councils_table_compares_against_wales():
    from perfkit.present.benchmarking import benchmark_table

    bench = pd.DataFrame([{"measure_id": "S1", "measure": "Smoking (%)", "period_span": "2023/24", "value": 15.0, "rank": 3.0, "n": 22, "quartile": 2.0,
                           "median": 15.3, "polarity": "lower", "rank_change": None, "references": "Wales 15.1",
                           "compared_with_national": "Similar"}])
    bench.attrs["area_code"] = "W06000001"
    html = benchmark_table(bench, "Smoking")
    assert "Against Wales" in html and "Against England" not in html


def test_a_ninth_testers_shapes(tmp_path):
    """Fractions typed beside percentages (silently compared as they stood), Stat-Xplore's 'Dataset:' preamble and Total
    column, headers in Welsh and in two languages, and an LGBF table's '2022-23 Rank' with 'Lower cost is better.'."""
    mixed = tmp_path / "collection.csv"
    pct = {"A": "98.1%", "B": "0.962", "C": "96.5%", "D": "0.951", "E": "97.0%"}
    mixed.write_text("Council tax collected in year (%)\nArea name,Period,Value\n" + "\n".join(f"Council {k},2023/24,{v}" for k, v in pct.items())
                     + "\n", encoding="utf-8")
    f = read_comparators(mixed)
    assert sorted(f["value"]) == [95.1, 96.2, 96.5, 97.0, 98.1]
    assert any(p.severity == "warning" and "written as fractions" in p.message for p in f.attrs["problems"])

    stat = tmp_path / "uc.csv"
    stat.write_text('"Dataset:","People on Universal Credit"\n\n"Counts","People"\n\n"","Month"\n'
                    '"National - Regional - LA - OAs","January 2024","February 2024","Total"\n'
                    + "\n".join(f'"Council {i}",{1000 + i},{1010 + i},{2010 + 2 * i}' for i in range(6)) + '\n"Total",6015,6075,12090\n',
                    encoding="utf-8")
    f = read_comparators(stat)
    assert set(f["period_span"]) == {"January 2024", "February 2024"} and set(f["measure"]) == {"People on Universal Credit"}
    assert "'Total' beside the periods' own" in problems_text(f)

    welsh = tmp_path / "gwastraff.csv"
    welsh.write_text('"Canran y gwastraff a ailgylchwyd"\n\n"Cod / Code","Ardal / Area","2022-23"\n"W92000004","Cymru","66.7"\n'
                     + "\n".join(f'"W0600000{i}","Cyngor {i}","{60 + i}"' for i in range(1, 7)) + "\n", encoding="utf-8")
    b = benchmark(read_comparators(welsh), "Cyngor 2").iloc[0]
    assert (int(b["n"]), b["median"], b["national"]) == (6, 63.5, 66.7)

    rows = [["C&L1: Cost per attendance at sports facilities (£)"], [], ["Local Authority", "2021-22", "2022-23", "2022-23 Rank"]]
    rows += [[f"Council {i}", 4.0 + i, 3.0 + i, i + 1] for i in range(6)]
    rows += [[], ["Lower cost is better. Rank 1 = lowest cost."]]
    f = read_comparators(write_sheet(tmp_path / "lgbf.xlsx", rows))
    assert set(f["polarity"]) == {"lower"} and "published_rank" in f
    assert int(benchmark(f, "Council 2").set_index("period_span").loc["2022/23", "rank"]) == 3


def test_every_column_not_read_is_said(tmp_path):
    """A Fingertips extract's 'Compared to Region' and 'Count' columns were dropped with no word at all."""
    path = tmp_path / "ft.csv"
    path.write_text("Area Code,Area Name,Time period,Value,Count,Compared to Region value or percentiles\n"
                    + "\n".join(f"E0700010{i},Council {i},2022/23,{20 + i},{100 + i},Similar" for i in range(6)) + "\n", encoding="utf-8")
    said = problems_text(read_comparators(path, config={"measure": "Falls"}))
    assert "2 columns not read: 'Count', 'Compared to Region value or percentiles'" in said


def test_a_tenth_testers_shapes(tmp_path):
    """Plain fractions among plain percentages (a silently wrong median), a council's own row named 'Stockport (LA)', an
    uncoded row with a council's name beside the council's coded one, '963 [x]', ScotPHO's period words, '% | Rank'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Council tax collected (%)"])
    ws.append(["Area code", "Area name", "2023/24"])
    pct = [96.1, 0.952, 97.4, 98.6, 0.975, 97.0, 98.0, 96.6]
    for i, v in enumerate(pct):
        ws.append([f"E0700010{i}", f"Council {i}", v])
    path = tmp_path / "ctax.xlsx"
    wb.save(path)
    b = benchmark(read_comparators(path), "Council 1").iloc[0]
    assert (b["value"], b["median"]) == (95.2, pytest.approx(statistics.median([v * 100 if v < 1.5 else v for v in pct])))

    rows = [["Care leavers in education, employment or training (%)"], [], ["Local authority", "2022/23", None],
            [None, "%", "Rank"]]
    rows += [[f"Council {i}" + (" (LA)" if i == 2 else ""), 50 + i, 8 - i] for i in range(8)]
    f = read_comparators(write_sheet(tmp_path / "neighbours.xlsx", rows, ["B3:C3"]))
    assert set(f["measure"]) == {"Care leavers in education, employment or training (%)"}
    assert benchmark(f, "Council 2").iloc[0]["value"] == 52

    lines = ["AREACD,AREANM,Indicator,Period,Value", "S12000033,Aberdeen City,Pay,2022,484.7", ",Aberdeen City,Pay,2022,900"]
    lines += [f"S120000{10 + i},Council {i},Pay,2022,{480 + i} [x]" if i == 0 else f"S120000{10 + i},Council {i},Pay,2022,{480 + i}"
              for i in range(6)]
    path = tmp_path / "ons.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path, config={"years": "calendar"})
    assert benchmark(f, "Aberdeen City").iloc[0]["value"] == 484.7
    assert published_period("2019/20 to 2021/22 financial years; 3-year aggregates")[1] == "2019/20 to 2021/22"


def test_a_title_that_says_no_way_is_better_gives_no_polarity_and_fingertips_rag_words_do(tmp_path):
    """'Polarity: Lower is not necessarily better' was read as lower is better, and every council ranked; Fingertips'
    'RAG - Low is good' in a Polarity column was an unknown word."""
    lines = ["Children looked after (rate per 10,000)", "Polarity: Lower is not necessarily better", "",
             "Area code,Area name,2022/23"] + [f"E0800000{i},Council {i},{60 + i}" for i in range(1, 7)]
    path = tmp_path / "cla.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(path)
    assert "polarity" not in f or not set(f["polarity"]) & {"higher", "lower"}
    ft = tmp_path / "ft.csv"
    ft.write_text("Indicator Name,Polarity,Area Code,Area Name,Time period,Value\n"
                  + "\n".join(f"Smoking,RAG - Low is good,E0700010{i},Council {i},2022/23,{10 + i}" for i in range(6)) + "\n",
                  encoding="utf-8")
    assert set(read_comparators(ft)["polarity"]) == {"lower"}


def test_a_vaccine_column_names_the_measure_and_a_title_over_two_measures_is_not_applied_unsaid(tmp_path):
    cover = tmp_path / "cover.csv"
    lines = ["Area Code,Area Name,Vaccine,Age,Measure,Period,Value"]
    lines += [f"E0800000{i},Council {i},{v},24 months,Percentage,2023/24,{90 + i + (2 if v == 'MMR1' else 0)}"
              for i in range(1, 7) for v in ("MMR1", "DTaP/IPV/Hib")]
    cover.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = read_comparators(cover)
    assert set(f["measure"]) == {"MMR1", "DTaP/IPV/Hib"}
    rows = [["Planning decisions within time (higher is better)"], [], ["Area", "2023/24 Q2", None], [None, "Total decisions", "%"]]
    rows += [[f"Council {i}", 100 + i, 80 + i] for i in range(6)]
    f = read_comparators(write_sheet(tmp_path / "p151.xlsx", rows, ["B3:C3"]))
    assert "perfkit does not guess which it means" in problems_text(f)
