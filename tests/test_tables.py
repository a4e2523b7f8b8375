import pandas as pd

import perfkit
from perfkit.present import tables


def test_workbook_text_is_escaped():
    att = pd.DataFrame({
        "lead": ["<b>Ann</b>"], "milestone_id": ["M1"], "title": ["<script>alert(1)</script>"], "priority": ["P & Q"],
        "status": ["Amber"], "quarters_in_status": [2], "since": [None], "due_date": [pd.Timestamp("2024-03-31")],
        "overdue": [True], "commentary": ['"quoted" <i>note</i>'], "source": ["S!A1"],
    })
    html = tables.attention_table(att, "Attention <list>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "P &amp; Q" in html and "&lt;i&gt;note&lt;/i&gt;" in html
    assert "<caption>Attention &lt;list&gt;</caption>" in html


def test_status_written_beside_colour_and_headers_marked_up(sample_path):
    frames = perfkit.read_workbook(sample_path)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")
    html = tables.summary_table(fig.milestone_summary, "Summary")
    assert '<th scope="col">Amber</th>' in html and '<th scope="row">All</th>' in html
    assert 'style="background:#d17200;color:#0b0c0c">Amber</span> 8 (21%)' in html
    m = tables.measures_table(fig, "Measures")
    assert m.count('<th scope="row">') == 17
    assert "Service reported" not in tables.measures_table(perfkit.quarter_figures(None, frames["measures"], "2023/24 Q4"), "x")


def _fig(sample_path, period="2023/24 Q2"):
    frames = perfkit.read_workbook(sample_path)
    return perfkit.quarter_figures(frames["milestones"], frames["measures"], period)


def _columns_filled(html: str) -> list[int]:
    """For each column of a table, how many body rows have something in it (group and note rows skipped)."""
    import re

    heads = re.findall(r'<th scope="col">', html)
    counts = [0] * len(heads)
    for row in re.findall(r"<tr>(.*?)</tr>", html.split("</thead>")[1], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        if len(cells) == len(heads):
            for i, c in enumerate(cells):
                counts[i] += bool(re.sub(r"<[^>]+>", "", c).strip())
    return counts


def test_measures_table_grouped_by_priority_with_earlier_figures(sample_path):
    fig = _fig(sample_path)
    html = tables.measures_table(fig, "Measures")
    assert html.count('scope="rowgroup"') == 3 and ">A greener Northbrook</th>" in html
    for head in ("Unit", "Target", "2023/24 Q2", "2023/24 Q1", "2022/23 Q2", "Status", "Direction since 2023/24 Q1"):
        assert f'<th scope="col">{head}</th>' in html
    # A quarter's own figure is not the year's: only ECO05, year to date, has last year's outturn (its Q4)
    assert '<th scope="col">2022/23 outturn</th>' in html and "98" in html.split("ECO05")[1].split("</tr>")[0]
    # ECO02 vacancy rate: lower is better, rose 11.2 -> 11.3: arrow up, word Worsening
    row = html.split("ECO02")[1].split("</tr>")[0]
    assert "11.3%" in row and "11.2%" in row and "12.2%" in row and "11.8%" not in row
    assert '<span class="arrow" aria-hidden="true">\u25b2</span> Worsening' in row
    # COM02 households in temporary accommodation: lower is better, fell 44 -> 43: arrow down, Improving
    assert '\u25bc</span> Improving' in html.split("COM02")[1].split("</tr>")[0]
    assert all(_columns_filled(html)), "no column is empty in every row"
    assert "Service reported" not in html, "disagreements are for the officer's checks"
    assert "2023Q2" not in html and "2024Q2" not in html
    assert '<td class="ref">ECO02</td>' in html  # a reference never wraps (briefing.css: td.ref)


def test_no_column_empty_for_every_row_and_commentary_under_its_measure(sample_path):
    fig = _fig(sample_path)
    pos = fig.measures.copy()
    pos["unit"] = ""
    pos.loc[pos["measure_id"] == "ECO01", "commentary"] = "Start-ups <up> on last year"
    fig2 = perfkit.quarter_figures(None, pos, "2023/24 Q2")
    html = tables.measures_table(fig2, "M")
    assert '<th scope="col">Unit</th>' not in html and all(_columns_filled(html))
    after = html.split("ECO01")[1]
    assert after.index('class="note-row"') < after.index("ECO02")
    assert "Start-ups &lt;up&gt; on last year" in after.split("ECO02")[0]
    # Q4: the same quarter last year is last year's outturn, so it is not shown twice
    q4 = tables.measures_table(_fig(sample_path, "2023/24 Q4"), "M")
    assert "outturn" not in q4 and '<th scope="col">2022/23 Q4</th>' in q4


def test_full_milestone_table_by_priority_and_hierarchy(sample_path, make_book):
    fig = _fig(sample_path)
    html = tables.milestones_table(fig, "All")
    assert html.count("<tr><td class=\"ref\">M") + html.count('<tr class="has-note"><td class="ref">M') == 38
    for head in ("Ref", "Milestone", "Lead", "Due", "Status 2023/24 Q2", "Status 2023/24 Q1", "Commentary"):
        assert f'<th scope="col">{head}</th>' in html
    assert html.count('<tr class="group-row">') == 3 and "(overdue)" in html
    rows = [["Plan 2023/24"], ["Priority", "Strategy", "Tactic", "Ref", "Action", "Q1 Status"],
            ["Prosper", "Jobs", "Skills", "M1", "a", "G"], ["Prosper", "Jobs", "Skills", "M2", "b", "A"],
            ["Prosper", "Homes", "Build", "M3", "c", "R"]]
    ms = perfkit.read_milestones(make_book(rows))
    h = tables.milestones_table(perfkit.quarter_figures(ms, None, "2023/24 Q1"), "All")
    assert h.count('<tr class="sub-row">') == 2 and "Strategy: Jobs \u203a Tactic: Skills" in h
    assert '<th scope="col">Lead</th>' not in h, "no lead column when no milestone has a lead"


def test_for_display_writes_periods_as_officers_do(sample_path):
    frames = perfkit.read_workbook(sample_path)
    s = perfkit.streaks(frames["milestones"], "2023/24 Q2")
    shown = tables.for_display(s)
    assert set(shown["since"]) <= {"2023/24 Q1", "2023/24 Q2"}
    mix = tables.for_display(perfkit.rag_by_period(frames["milestones"]))
    assert list(mix.index) == ["2023/24 Q1", "2023/24 Q2", "2023/24 Q3", "2023/24 Q4"]
    assert "2024Q" not in shown.to_string() + mix.to_string() + mix.to_html()
    assert s["since"].dtype == "period[Q-MAR]", "the input is not changed"


def test_long_lists_pick_the_exceptions():
    att = pd.DataFrame({
        "lead": ["A"] * 5, "milestone_id": list("abcde"), "status": ["Amber", "Red", "Amber", "Amber", "Red"],
        "quarters_in_status": [1, 1, 4, 2, 3], "overdue": [False] * 5,
    })
    assert list(tables.attention_exceptions(att, 3)["milestone_id"]) == ["b", "c", "e"]
    assert len(tables.attention_exceptions(att, 10)) == 5


def test_attention_table_by_lead_without_empty_columns():
    att = pd.DataFrame({
        "lead": ["Ann", "Ann", ""], "milestone_id": ["M1", "M2", "M3"], "title": ["a", "b", "c"], "priority": ["P", "P", "Q"],
        "status": ["Amber", "Red", "Amber"], "quarters_in_status": [2, 1, 3], "since": [None] * 3, "due_date": [pd.NaT] * 3,
        "overdue": [False] * 3, "commentary": ["x", "", ""], "source": ["S!A1"] * 3,
    })
    html = tables.attention_table(att, "Attention")
    assert '<th scope="col">Due</th>' not in html and '<th scope="col">Latest commentary</th>' in html
    assert html.count('<tr class="group-row">') == 2 and "Lead officer: No named lead" in html
    assert all(_columns_filled(html))


def test_measure_exceptions_take_the_furthest_from_target_first(sample_path):
    from perfkit.analyse.figures import measure_position

    pos = measure_position(_fig(sample_path))
    two = tables.measure_exceptions(pos, 2)
    # ENV03 is the only red; of the ambers, COM02 (43 against 40, lower is better) misses by 7.5% of its target,
    # more than any other amber (ECO05 94.7% against 97.5% misses by 2.9%). Shown in table order.
    assert list(two["measure_id"]) == ["COM02", "ENV03"]


def test_annual_measures_say_what_they_are_compared_with(sample_path):
    frames = perfkit.read_workbook(sample_path)
    kp = frames["measures"].copy()
    kp["frequency"] = kp["frequency"].astype(object)
    kp.loc[kp["measure_id"] == "ENV02", "frequency"] = "annual"
    kp = kp[(kp["measure_id"] != "ENV02") | (kp["period"].map(lambda p: p.quarter) == 4)]
    html = tables.measures_table(perfkit.quarter_figures(None, kp, "2023/24 Q4"), "M")
    assert 'Improving <span class="note">(on 2022/23 Q4)</span>' in html.split("ENV02")[1].split("</tr>")[0]
    assert "(on " not in html.split("ENV01")[1].split("</tr>")[0]


def test_very_long_commentary_is_shortened_in_the_page_and_says_so(sample_path):
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    ms["commentary"] = "Long update. " * 8_000  # 104,000 characters each
    fig = perfkit.quarter_figures(ms, None, "2023/24 Q2")
    html = tables.milestones_table(fig, "All") + tables.attention_table(fig.attention, "A")
    assert len(html) < 200_000
    assert html.count("104,000 characters in all; the full text is in the appendix workbook") == 38 + len(fig.attention)


def test_a_dash_in_the_services_trend_column_is_not_set_beside_perfkits():
    """A '-' the service typed for 'no trend' was shown to the committee as 'Service wrote "-"', as if it disagreed."""
    from perfkit.present.tables import service_wrote

    assert service_wrote("-", "Improving") == "" and service_wrote("–", "Worsening") == ""
    assert "Stable" in service_wrote("Stable", "Improving")


def test_a_suppressed_figure_shows_why_in_its_place(tmp_path):
    """`<5` in a community safety scorecard's Q1 and Q2: both cells of the measures table were blank, as if nothing were given."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "layouts"))
    from layout_builders import SheetSpec, write_workbook
    rows = [["Ref", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["C1", "Knife crime offences", "Lower", 20, "<5", "<5"], ["C2", "Burglaries", "Lower", 100, 90, 95]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csp.xlsx", [SheetSpec("Scorecard", rows)]))
    html = tables.measures_table(perfkit.quarter_figures(None, kp, "2024/25 Q2"), "Measures")
    row = html.split("Knife crime offences", 1)[1].split("</tr>", 1)[0]
    assert row.count('<span class="note">suppressed</span>') == 2


def test_a_direction_column_of_the_services_words_alone_names_no_quarter_not_read(tmp_path):
    """A first quarter's scorecard whose direction is the services' own words: the column was headed 'Direction since
    2023/24 Q4', a quarter the workbook does not have."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Performance"
    ws.append(["Fire authority KPIs - Quarter 1 2024/25"])
    ws.append(["Ref", "Measure", "Polarity", "Target", "Q1 actual", "Direction of travel"])
    ws.append(["FR01", "Accidental dwelling fires", "Lower", 40, 38, "Improving"])
    ws.append(["FR02", "Home fire safety visits", "Higher", 900, 850, "Worsening"])
    wb.save(tmp_path / "fire.xlsx")
    kp = perfkit.read_measures(tmp_path / "fire.xlsx")
    html = tables.measures_table(perfkit.quarter_figures(None, kp, "2024/25 Q1"), "Measures")
    assert "Direction since" not in html and "Direction (as the service gives it)" in html


def test_a_target_of_none_is_never_said_as_none_a_year():
    """An ICB's 'RTT patients waiting over 65 weeks' with a plan of 0 each quarter showed '0 (0 a year)'; 200 against a
    year's 800 still shows both."""
    def row(target, year):
        return pd.Series({"target": target, "annual_target": year, "unit": "", "cumulative": False})
    assert tables.target_text(row(0.0, 0.0)) == "0"
    assert tables.target_text(row(200.0, 800.0)) == "200 (800 a year)"
