import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfkit
from perfkit import DEFAULT_SCALE, golden_thread, rag_summary
from perfkit.analyse.summarise import percent_half_up, percent_largest_remainder, status_counts

from conftest import milestone_rows

Q2 = "2023/24 Q2"


def statuses(*pairs, **extra):
    values = [s for s, n in pairs for _ in range(n)]
    data = {"status": pd.Categorical(values, dtype=DEFAULT_SCALE.dtype), "period": pd.PeriodIndex([perfkit.parse_period(Q2)] * len(values))}
    data.update({k: v for k, v in extra.items()})
    return pd.DataFrame(data)


def test_half_up_rounding_exact():
    assert percent_half_up(1, 8) == 13  # 12.5
    assert percent_half_up(3, 8) == 38  # 37.5
    assert percent_half_up(1, 200) == 1  # 0.5
    assert percent_half_up(1, 3) == 33
    assert list(percent_half_up([30, 8], [38, 38])) == [79, 21]


def test_the_reports_figures():
    s = rag_summary(statuses(("Green", 30), ("Amber", 8)))
    assert status_counts(s) == {"Amber": {"count": 8, "percent": 21}, "Green": {"count": 30, "percent": 79}}
    assert s["total"].iloc[0] == 38


def test_unrated_counted_but_not_in_base_and_complete_can_fold():
    s = rag_summary(statuses(("Green", 6), ("Complete", 2), ("Amber", 2), ("Not due", 5)))
    c = status_counts(s)
    assert c["Not due"] == {"count": 5, "percent": None}
    assert c["Green"]["percent"] == 60 and c["Complete"]["percent"] == 20
    assert s["base"].iloc[0] == 10 and s["total"].iloc[0] == 15
    folded = status_counts(rag_summary(statuses(("Green", 6), ("Complete", 2), ("Amber", 2)), fold_complete=True))
    assert folded["Green"] == {"count": 8, "percent": 80} and "Complete" not in folded
    every = status_counts(rag_summary(statuses(("Green", 5), ("Not due", 5)), base="all"))
    assert every["Not due"]["percent"] == 50


def test_less_than_one_percent_and_more_than_99():
    s = rag_summary(statuses(("Green", 399), ("Red", 1)), method="half_up")
    text = s.set_index("status")["percent_text"]
    assert text["Red"] == "less than 1%" and text["Green"] == "more than 99%"


def test_groups_and_largest_remainder():
    df = statuses(("Green", 1), ("Amber", 1), ("Red", 1), priority=["A", "A", "A"])
    s = rag_summary(df, Q2, by="priority", method="largest_remainder")
    a = s[s.priority == "A"].set_index("status")
    assert a.loc[["Red", "Amber", "Green"], "percent"].sum() == 100
    half = rag_summary(df, Q2, by="priority")
    assert half[half.priority == "A"]["percent"].sum() == 99
    assert list(s.priority.unique()) == ["All", "A"]



def test_a_summary_keeps_its_shape_and_types():
    """One row per group and status, the overall rows first; the same columns and types however the groups are keyed."""
    df = statuses(("Green", 3), ("Complete", 1), ("Not due", 1), ("Red", 1), priority=["B", "A", "B", "A", "A", "B"], year=[2024, 2023, 2024, 2024, 2023, 2023])
    df.loc[5, "status"] = None  # a status outside the scale is not counted
    s = rag_summary(df, Q2, by="priority", fold_complete=True)
    assert list(s.columns) == ["priority", "status", "count", "percent", "percent_text", "in_base", "total", "base"]
    assert list(s.index) == list(range(3 * (len(DEFAULT_SCALE.names) - 1))) and "Complete" not in set(s["status"].astype(str))
    assert s["status"].dtype == DEFAULT_SCALE.dtype and s["priority"].dtype == "str" and s["percent_text"].dtype == "str"
    assert [str(t) for t in s.dtypes[["count", "percent", "in_base", "total", "base"]]] == ["int64", "Int64", "bool", "int64", "int64"]
    assert list(s["priority"].unique()) == ["All", "B", "A"]  # groups in order of first appearance
    a = s[s.priority == "A"].set_index("status")  # Green, Complete (folded into Green), Not due
    assert (a.loc["Green", "count"], a.loc["Green", "percent"], a.loc["Green", "total"], a.loc["Green", "base"]) == (2, 100, 3, 2)
    assert a.loc["Not due", "count"] == 1 and pd.isna(a.loc["Not due", "percent"]) and a.loc["Not due", "percent_text"] == ""
    assert s[s.priority == "B"]["total"].iloc[0] == 2
    by_year = rag_summary(df, Q2, by="year")
    assert by_year["year"].dtype == object and list(by_year["year"].unique()) == ["All", 2024, 2023]
    assert type(by_year["year"].iloc[-1]) is int

def test_bad_arguments_are_clear():
    with pytest.raises(perfkit.ConfigError, match="no such column"):
        rag_summary(statuses(("Green", 1)), by="colour")
    with pytest.raises(perfkit.ConfigError, match="assess_measures"):
        rag_summary(pd.DataFrame({"actual": [1.0]}))


@given(st.lists(st.integers(0, 50), min_size=1, max_size=8).filter(lambda c: sum(c) > 0))
def test_largest_remainder_sums_to_100(counts):
    pct = percent_largest_remainder(counts)
    assert pct.sum() == 100
    exact = np.array(counts) * 100 / sum(counts)
    assert np.all(np.abs(pct - exact) < 1)


@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.sampled_from(DEFAULT_SCALE.names)), min_size=1, max_size=60))
def test_counts_equal_group_sizes(rows):
    groups, sts = zip(*rows)
    df = pd.DataFrame({"priority": groups, "status": pd.Categorical(sts, dtype=DEFAULT_SCALE.dtype)})
    s = rag_summary(df, by="priority")
    overall = s[s.priority == "All"]
    assert overall["count"].sum() == len(df)
    for g, size in df.groupby("priority").size().items():
        assert s.loc[s.priority == g, "count"].sum() == size
        assert s.loc[s.priority == g, "total"].iloc[0] == size


def test_golden_thread_rolls_up(make_book):
    rows = [["Plan 2023/24"], ["Objective", "Strategy", "Tactic", "Ref", "Action", "Q1 Status"],
            ["Prosper", "Jobs", "Skills", "M1", "a", "G"], ["Prosper", "Jobs", "Skills", "M2", "b", "A"],
            ["Prosper", "Jobs", "Hubs", "M3", "c", "Complete"], ["Prosper", "Homes", "Build", "M4", "d", "R"],
            ["Green", "Air", "EVs", "M5", "e", "G"]]
    ms = perfkit.read_milestones(make_book(rows))
    gt = golden_thread(ms, "2023/24 Q1")
    assert gt["path"].tolist() == ["Prosper", "Prosper > Jobs", "Prosper > Jobs > Skills", "Prosper > Jobs > Hubs",
                                   "Prosper > Homes", "Prosper > Homes > Build", "Green", "Green > Air", "Green > Air > EVs"]
    top = gt.set_index("path")
    assert top.loc["Prosper", "total"] == 4 and top.loc["Prosper", "good_percent"] == 50
    assert top.loc["Prosper > Jobs", "good_percent"] == 67
    assert top.loc["Green", "good_percent"] == 100


def test_reproduces_figures_from_a_workbook(make_book):
    q1 = ["G"] * 30 + ["A"] * 8
    q2 = ["G"] * 28 + ["Complete"] * 2 + ["A"] * 6 + ["R"] * 2
    ms = perfkit.read_milestones(make_book(milestone_rows(q1, q2)))
    s = rag_summary(ms, "2023/24 Q1")
    c = status_counts(s)
    assert (s["total"].iloc[0], c["Green"]["percent"], c["Amber"]["percent"]) == (38, 79, 21)
    by = rag_summary(ms, Q2, by="priority", fold_complete=True)
    econ = status_counts(by, "Thriving economy")
    assert sum(v["count"] for v in econ.values()) == 19


def test_a_five_point_tracker_is_summarised_on_its_own_scale_without_being_told():
    """Read with [status] scale = "five-point", a frame's Amber/Red and Amber/Green items were dropped from the totals,
    percentages and changes by rag_summary and quarter_figures called with their default scale: 3 of 6 milestones."""
    import perfkit
    from perfkit.core.status import FIVE_POINT_SCALE

    q1, q2 = pd.Period("2024Q1", "Q-MAR") + 4, pd.Period("2024Q2", "Q-MAR") + 4
    words = {"M1": ("Green", "Green"), "M2": ("Amber/Green", "Amber/Green"), "M3": ("Amber", "Amber/Red"),
             "M4": ("Amber/Red", "Red"), "M5": ("Red", "Amber"), "M6": ("Green", "Amber/Green")}
    ms = pd.DataFrame([{"milestone_id": k, "title": k, "lead": "", "priority": "", "period": p, "status": s, "due_date": pd.NaT}
                       for k, (a, b) in words.items() for p, s in ((q1, a), (q2, b))])
    ms["status"] = pd.Categorical(ms["status"], dtype=FIVE_POINT_SCALE.dtype)
    s = perfkit.rag_summary(ms, q2)
    assert int(s["total"].iloc[0]) == 6 and int(s.loc[s.status == "Amber/Green", "count"].iloc[0]) == 2
    fig = perfkit.quarter_figures(ms, None, q2)
    assert fig.scale.name == "five-point" and fig.to_dict()["milestones"]["total"] == 6
