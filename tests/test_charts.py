import pytest

import perfkit
from perfkit import charts
from perfkit.palette import check_scale, contrast_ratio


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
    assert "17 measures" in sm.alt and "10 green" in sm.alt
    for c in (mix, trans, sm):
        assert c.png.startswith(b"\x89PNG") and "No description" not in c.alt
