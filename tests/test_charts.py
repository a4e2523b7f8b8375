import pytest

import perfkit
from perfkit.present import charts
from perfkit.core.palette import check_scale, contrast_ratio


@pytest.fixture(scope="module")
def fig(sample_path):
    frames = perfkit.read_workbook(sample_path)
    return perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")


def test_palettes_meet_contrast_rules():
    assert check_scale(perfkit.DEFAULT_SCALE) == []
    assert check_scale(perfkit.FIVE_POINT_SCALE) == []
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)


def test_a_poor_palette_is_caught():
    bad = perfkit.StatusScale((perfkit.Status("Lo", 0, "#ffdd00"), perfkit.Status("Hi", 1, "#ffee00")))
    problems = check_scale(bad)
    assert any("against white" in p for p in problems) and any("apart" in p for p in problems)


def test_rag_by_group_chart_alt_text_comes_from_the_data(fig):
    c = charts.rag_by_group(fig.milestone_summary)
    assert c.png.startswith(b"\x89PNG")
    assert "A thriving local economy: 13 in all, 3 amber, 8 green and 2 complete" in c.alt
    html = c.to_html()
    assert 'alt="Bar chart of milestone status by priority.' in html and "<figcaption>" in html


def test_other_charts(fig):
    mix = charts.rag_by_period_chart(fig.milestone_mix)
    assert "2023/24 Q1: 1 red, 6 amber, 28 green and 3 complete" in mix.alt
    trans = charts.transitions_chart(fig.milestone_changes)
    assert "4 milestones improved" in trans.alt and "2 milestones declined" in trans.alt
    sm = charts.measure_small_multiples(fig.measures, fig.period)
    assert "12 measures" in sm.alt and "7 green" in sm.alt
    for c in (mix, trans, sm):
        assert c.png.startswith(b"\x89PNG") and "No description" not in c.alt


def _all_charts(fig):
    return [charts.rag_by_group(fig.milestone_summary), charts.rag_by_period_chart(fig.milestone_mix),
            charts.transitions_chart(fig.milestone_changes), *charts.measure_charts(fig.measures, fig.period)]


def test_text_is_at_least_10px_where_shown_and_charts_fit_the_page(fig):
    for c in _all_charts(fig):
        assert c.text_px >= charts.MIN_TEXT_PX, (c.title, c.text_px)
        assert c.width == int.from_bytes(c.png[16:20], "big") and f'width="{c.width}"' in c.to_html()


def test_small_multiples_twelve_to_a_figure_with_full_names_units_and_target(fig):
    many = charts.measure_charts(fig.measures, fig.period)
    assert len(many) == 2 and "(1 of 2)" in many[0].title
    assert many[0].alt.startswith("Small line charts of 12 measures") and "Small line charts of 5 measures" in many[1].alt
    # the figures themselves are in the alt text, not only counts
    assert any("ENV03 Fly-tipping incidents cleared within 5 working days: 84.7% against a target 92%, red" in c.alt for c in many)
    assert len(charts.measure_charts(fig.measures, fig.period, per_figure=50)) == 2, "never more than 12 to a figure"
    texts = []
    from matplotlib.figure import Figure

    real = Figure.savefig

    def spy(self, *a, **k):
        texts.extend(t.get_text() for t in self.findobj(lambda o: hasattr(o, "get_text")))
        return real(self, *a, **k)

    Figure.savefig = spy
    try:
        charts.measure_small_multiples(fig.measures, fig.period, ids=["ENV03", "ECO02"])
    finally:
        Figure.savefig = real
    assert any("\n" in t and "Fly-tipping incidents cleared within 5 working days" in t.replace("\n", " ") for t in texts), "full name, wrapped"
    assert "Per cent (%)" in texts and "Target" in texts


def test_annual_points_are_not_joined(fig):
    from matplotlib.figure import Figure

    kp = fig.measures.copy()
    kp["frequency"] = kp["frequency"].astype(object)
    kp.loc[kp["measure_id"] == "ENV02", "frequency"] = "annual"
    kp = kp[(kp["measure_id"] != "ENV02") | (kp["period"].map(lambda p: p.quarter) == 4)]
    lines = []
    real = Figure.savefig

    def spy(self, *a, **k):
        for ax in self.axes:
            lines.extend((ln.get_linestyle(), len(ln.get_xdata())) for ln in ax.get_lines())
        return real(self, *a, **k)

    Figure.savefig = spy
    try:
        charts.measure_small_multiples(kp, "2023/24 Q4", ids=["ENV02"])
    finally:
        Figure.savefig = real
    data = [ls for ls, n in lines if n == 2]
    assert data and all(ls == "None" for ls in data), lines


def _drawn(monkeypatch, draw):
    """What a chart drew: each axes' lines (style, x data) and x tick labels, caught before the figure is cleared."""
    from matplotlib.figure import Figure

    seen = []
    real = Figure.savefig

    def spy(self, *a, **k):
        for ax in self.axes:
            if ax.get_visible():
                seen.append(([(ln.get_linestyle(), list(ln.get_xdata())) for ln in ax.get_lines()],
                             [t.get_text() for t in ax.get_xticklabels()]))
        return real(self, *a, **k)

    monkeypatch.setattr(Figure, "savefig", spy)
    return draw(), seen


def test_a_years_outturn_beside_quarters_is_a_point_of_its_own(tmp_path, monkeypatch):
    from conftest import write_rows

    path = write_rows(tmp_path / "kpis.xlsx", [
        ["Corporate KPI scorecard 2024/25"], [],
        ["Ref", "Measure", "Polarity", "2023/24 Outturn", "Target 2024/25", "Q1 2024/25", "Q2 2024/25"],
        ["K1", "Days to process benefit claims", "Lower", 18.2, 20, 17.5, 19.1],
        ["K2", "Complaints answered on time (%)", "Higher", 81, 90, 85, 93],
    ], sheet="KPIs")
    measures = perfkit.quarter_figures(None, perfkit.read_workbook(path)["measures"], "2024/25 Q2").measures
    chart, seen = _drawn(monkeypatch, lambda: charts.measure_small_multiples(measures, "2024/25 Q2"))
    year_end = perfkit.parse_period("2023/24 Q4").ordinal
    for lines, ticks in seen:
        joined = [x for style, x in lines if style == "-"]
        assert joined and all(year_end not in x for x in joined), lines  # the quarters' line starts at Q1
        assert any(style == "None" and x == [year_end] for style, x in lines), lines  # the outturn, alone
        assert ticks == ["23/24", "Q1\n24/25", "Q2"]
    assert chart.title == "Measures against target, 2024/25 Q1 to 2024/25 Q2, with the 2023/24 outturn"
    assert "K1 Days to process benefit claims: 19.1 against a target 20" in chart.alt


def test_every_quarter_on_the_axis_is_labelled_and_one_quarter_is_said_as_one(fig, monkeypatch):
    chart, seen = _drawn(monkeypatch, lambda: charts.measure_small_multiples(fig.measures, "2023/24 Q4", ids=["ENV01"]))
    assert seen[0][1] == ["Q1\n22/23", "Q2", "Q3", "Q4", "Q1\n23/24", "Q2", "Q3", "Q4"]
    one = fig.measures[fig.measures["period"] == perfkit.parse_period("2023/24 Q2")]
    chart = charts.measure_small_multiples(one, "2023/24 Q2", ids=["ENV01"])
    assert chart.title == "Measures against target, 2023/24 Q2" and " in 2023/24 Q2." in chart.alt and " to 2023/24 Q2" not in chart.alt


def test_every_bar_segment_is_labelled_inside_or_beside(fig):
    from matplotlib.figure import Figure

    import pandas as pd

    summary = fig.milestone_summary.copy()
    texts = []
    real = Figure.savefig

    def spy(self, *a, **k):
        texts.extend(t.get_text() for ax in self.axes for t in ax.texts)
        return real(self, *a, **k)

    Figure.savefig = spy
    try:
        charts.rag_by_group(summary)
    finally:
        Figure.savefig = real
    joined = " | ".join(texts)
    s = summary[(summary["priority"] != "All") & (summary["count"] > 0)]
    for r in s.itertuples():
        assert f"{r.status} {r.count}" in joined, (r.priority, r.status, joined)
    assert isinstance(pd.DataFrame, type)


def test_many_groups_are_aggregated(fig):
    import pandas as pd

    rows = []
    for i in range(30):
        for st, n in (("Green", i + 1), ("Amber", 1)):
            rows.append({"priority": f"Priority {i}", "status": st, "count": n})
    summary = pd.DataFrame(rows)
    c = charts.rag_by_group(summary)
    assert "11 other priority groups" in c.alt and c.alt.count(" in all,") == charts.MAX_BARS


def test_compact_images_keep_the_exact_status_colours(fig):
    import io

    from PIL import Image

    for c in (charts.measure_small_multiples(fig.measures, fig.period), charts.rag_by_group(fig.milestone_summary)):
        im = Image.open(io.BytesIO(c.png))
        assert im.mode == "P", "stored with a palette, to keep the page small"
        colours = {rgb for _, rgb in im.convert("RGB").getcolors(1 << 20)}
        for status in ("Amber", "Green"):
            hexcode = perfkit.DEFAULT_SCALE[status].colour.lstrip("#")
            assert tuple(int(hexcode[i:i + 2], 16) for i in (0, 2, 4)) in colours, status


def test_workbook_text_with_dollar_signs_is_drawn_as_it_is(fig):
    """Matplotlib reads $...$ as mathematics, and fails on some; workbook text must never reach it as such."""
    summary = fig.milestone_summary.copy()
    summary["priority"] = summary["priority"].astype(object).where(summary["priority"] == "All", summary["priority"].astype(object) + r" $\frac$")
    kp = fig.measures.copy()
    kp["name"] = kp["name"] + r" $\frac{$ costs"
    kp["unit"] = "$"
    c = charts.rag_by_group(summary)
    assert r"A thriving local economy $\frac$: 13 in all" in c.alt
    sm = charts.measure_small_multiples(kp, fig.period)
    assert r"$\frac{$ costs" in sm.alt and sm.png.startswith(b"\x89PNG")


def test_huge_names_and_infinite_values_keep_charts_bounded(fig):
    import numpy as np

    kp = fig.measures.copy()
    kp.loc[kp["measure_id"] == "ECO01", "name"] = "word " * 2000
    kp.loc[kp["measure_id"] == "ECO02", "actual"] = np.inf
    kp.loc[kp["measure_id"] == "ECO03", "target"] = np.inf
    first = charts.measure_small_multiples(kp, fig.period)
    assert first.height < 1500, "a 10,000-character name is cut to five lines"
    summary = fig.milestone_summary.copy()
    summary["priority"] = summary["priority"].astype(object).where(summary["priority"] == "All", "x" * 3000)
    assert charts.rag_by_group(summary).height < 400


def test_small_multiples_name_only_the_quarters_the_workbook_holds(tmp_path):
    """A children's services report, `2023/24 outturn | Target | Q2 2024/25`: the charts' caption said 'from 2024/25 Q1 to
    2024/25 Q2', a quarter the workbook holds no figure for."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent / "layouts"))
    from layout_builders import SheetSpec, write_workbook
    from perfkit.present.charts import measure_small_multiples

    rows = [["Children's services performance - Quarter 2 2024/25"],
            ["Ref", "Measure", "Polarity", "2023/24 outturn", "Target", "Q2 2024/25"],
            ["C1", "Children in need per 10,000", "Lower", 335, 340, 331], ["C2", "Re-referrals within 12 months (%)", "Lower", 21, 20, 19.5]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csc.xlsx", [SheetSpec("CSC", rows)]))
    alt = measure_small_multiples(perfkit.assess_measures(kp), "2024/25 Q2").alt
    assert "in 2024/25 Q2, with the 2023/24 outturn" in alt and "2024/25 Q1" not in alt, alt


def test_a_scorecard_with_no_targets_is_never_charted_against_target(fig):
    """A police and crime plan judged against its baseline has no targets: its charts were titled 'Measures against
    target'. Its figures are charted over time."""
    one = fig.measures[fig.measures["period"] == perfkit.parse_period("2023/24 Q2")].assign(target=float("nan"))
    chart = charts.measure_small_multiples(one, "2023/24 Q2", ids=["ENV01"])
    assert chart.title == "Measures over time, 2023/24 Q2"
