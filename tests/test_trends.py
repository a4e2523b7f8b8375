import pandas as pd
import pytest

import perfkit
from perfkit import attention_list, direction_of_travel, rag_by_period, streaks, transition_matrix, transitions

P = [perfkit.parse_period(f"2023/24 Q{q}") for q in (1, 2, 3)]


def ms(rows):
    """rows: (id, period index, status, due date or None, lead)"""
    df = pd.DataFrame(rows, columns=["milestone_id", "p", "status", "due_date", "lead"])
    df["period"] = pd.PeriodIndex([P[i] for i in df.p], freq="Q-MAR")
    df["status"] = pd.Categorical(df.status, dtype=perfkit.DEFAULT_SCALE.dtype)
    df["due_date"] = pd.to_datetime(df.due_date)
    df["title"] = "t " + df.milestone_id
    df["priority"] = "P"
    df["commentary"] = "c"
    df["source"] = "S!A1"
    return df.drop(columns="p")


DATA = ms([
    ("A", 0, "Amber", None, "Ann"), ("A", 1, "Green", None, "Ann"),
    ("B", 0, "Green", None, "Bob"), ("B", 1, "Red", None, "Bob"),
    ("C", 0, "Amber", "2023-08-01", "Ann"), ("C", 1, "Amber", "2023-08-01", "Ann"),
    ("D", 0, "Not due", None, "Cat"), ("D", 1, "Green", None, "Cat"),
    ("E", 0, "Green", None, "Cat"),
    ("F", 1, "Amber", None, "Bob"),
    ("G", 0, "Complete", "2023-05-01", "Dee"), ("G", 1, "Complete", "2023-05-01", "Dee"),
    ("H", 1, "Green", "2023-07-31", "Dee"),
])


def test_transitions():
    t = transitions(DATA, "2023/24 Q1", "2023/24 Q2").set_index("milestone_id")["change"].astype(str)
    assert t.to_dict() == {"A": "improved", "B": "declined", "C": "unchanged", "D": "not comparable", "E": "removed",
                           "F": "new", "G": "unchanged", "H": "new"}


def test_transition_matrix():
    m = transition_matrix(transitions(DATA, "2023/24 Q1", "2023/24 Q2"))
    assert m.loc["Amber", "Green"] == 1 and m.loc["Green", "Red"] == 1 and m.loc["Amber", "Amber"] == 1


def test_rag_by_period():
    mix = rag_by_period(DATA)
    assert mix.loc[P[0], "Amber"] == 2 and mix.loc[P[1], "Green"] == 3
    assert mix.sum(axis=1).tolist() == [6, 7]


def test_streaks_and_newly_red():
    s = streaks(DATA, "2023/24 Q2").set_index("milestone_id")
    assert s.loc["C", "quarters"] == 2 and s.loc["A", "quarters"] == 1 and s.loc["C", "since"] == P[0]
    assert s.loc["B", "newly_red"] and not s.loc["A", "newly_red"]
    gap = ms([("X", 0, "Amber", None, ""), ("X", 2, "Amber", None, "")])
    assert streaks(gap, "2023/24 Q3").set_index("milestone_id").loc["X", "quarters"] == 1  # a missing quarter breaks the run


def test_attention_list_grouped_by_lead():
    a = attention_list(DATA, "2023/24 Q2")
    assert a["milestone_id"].tolist() == ["C", "B", "F", "H"]
    assert a["lead"].tolist() == ["Ann", "Bob", "Bob", "Dee"]
    row = a.set_index("milestone_id")
    assert row.loc["C", "overdue"] and row.loc["C", "quarters_in_status"] == 2
    assert row.loc["H", "overdue"] and row.loc["H", "status"] == "Green"  # overdue though green
    assert "G" not in row.index  # complete is never overdue
    assert not attention_list(DATA, "2023/24 Q2", include_overdue=False)["milestone_id"].isin(["H"]).any()


def test_direction_of_travel():
    kp = pd.DataFrame({
        "measure_id": ["K1", "K1", "K2", "K2", "K3", "K3", "K4", "K5"],
        "name": "n",
        "period": pd.PeriodIndex([P[0], P[1]] * 3 + [P[1], P[1]], freq="Q-MAR"),
        "polarity": ["higher", "higher", "lower", "lower", "none", "none", "higher", "higher"],
        "frequency": "quarterly",
        "actual": [10.0, 12.0, 10.0, 12.0, 5.0, 4.0, 3.0, 3.0],
    })
    d = direction_of_travel(kp, "2023/24 Q2").set_index("measure_id")["direction"]
    assert d.to_dict() == {"K1": "Improving", "K2": "Worsening", "K3": "Decreasing", "K4": "Not comparable", "K5": "Not comparable"}
    with pytest.raises(perfkit.ConfigError):
        direction_of_travel(kp, "2023/24 Q2", against="yesterday")


def test_direction_against_last_year(sample_path):
    kp = perfkit.read_measures(sample_path)
    d = direction_of_travel(kp, "2023/24 Q2", against="last_year")
    assert (d["compared_with"] == perfkit.parse_period("2022/23 Q2")).all()
    annual = direction_of_travel(kp, "2023/24 Q4")
    row = annual.set_index("measure_id").loc["ECO06"]
    assert row["compared_with"] == perfkit.parse_period("2022/23 Q4")  # annual measures compare year on year


def test_no_row_lost_or_duplicated(sample_path):
    ms_ = perfkit.read_milestones(sample_path)
    t = transitions(ms_, "2023/24 Q1", "2023/24 Q2")
    assert len(t) == ms_.milestone_id.nunique() and t.milestone_id.is_unique
    assert rag_by_period(ms_).to_numpy().sum() == len(ms_)


def test_a_year_to_date_measure_is_compared_with_the_same_quarter_last_year():
    import pandas as pd

    from perfkit.analyse.trends import direction_of_travel

    q = [perfkit.parse_period(x) for x in ("2023/24 Q2", "2024/25 Q1", "2024/25 Q2")]
    frame = pd.DataFrame({"measure_id": ["CT1"] * 3, "name": ["Council tax collected (year to date)"] * 3, "period": q,
                          "actual": [56.1, 28.4, 54.8], "polarity": ["higher"] * 3, "cumulative": [True] * 3})
    d = direction_of_travel(frame, "2024/25 Q2").iloc[0]
    assert d["compared_with"] == q[0] and d["direction"] == "Worsening"  # 54.8 against 56.1, never against Q1's 28.4


def test_a_year_to_date_measure_with_no_last_year_is_compared_against_its_profile():
    import pandas as pd

    from perfkit.analyse.trends import direction_of_travel

    q = [perfkit.parse_period(x) for x in ("2024/25 Q1", "2024/25 Q2")]
    # Profile 25% then 50% of the year: 20% behind it at Q1 (20 of 25), 4% behind at Q2 (48 of 50): catching up
    frame = pd.DataFrame({"measure_id": ["H1", "H1", "W1", "W1"], "name": ["Homes built (ytd)"] * 2 + ["Waste (ytd)"] * 2,
                          "period": q * 2, "actual": [20, 48, 30, 40], "target": [25, 50, 25, 50],
                          "polarity": ["higher"] * 4, "cumulative": [True] * 4})
    d = direction_of_travel(frame, "2024/25 Q2").set_index("measure_id")
    assert d.loc["H1", "basis"] == "profile" and d.loc["H1", "direction"] == "Improving"
    assert d.loc["W1", "direction"] == "Worsening"  # 20% ahead of profile at Q1, 20% behind at Q2
    assert d.loc["H1", "compared_with"] == q[0]
    # with last year's Q2, the same point of last year is used, not the profile
    more = pd.concat([frame, pd.DataFrame({"measure_id": ["H1"], "name": ["Homes built (ytd)"], "period": [perfkit.parse_period("2023/24 Q2")],
                                           "actual": [60], "target": [50], "polarity": ["higher"], "cumulative": [True]})])
    d = direction_of_travel(more, "2024/25 Q2").set_index("measure_id")
    assert d.loc["H1", "basis"] == "same quarter last year" and d.loc["H1", "direction"] == "Worsening"


def test_no_data_or_data_only_both_times_is_not_comparable_never_unchanged():
    """Three testers' truths counted a measure with no figure (or no target) in both quarters as 'not comparable': nothing
    was rated either time, so it is no part of 'unchanged'. Not due both times, a status of its own, stays unchanged."""
    frame = ms([("A", 0, "No data", None, "Ann"), ("A", 1, "No data", None, "Ann"),
                ("B", 0, "Data only", None, "Bob"), ("B", 1, "Data only", None, "Bob"),
                ("C", 0, "Not due", None, "Cat"), ("C", 1, "Not due", None, "Cat"),
                ("D", 0, "Green", None, "Dee"), ("D", 1, "Green", None, "Dee")])
    t = transitions(frame, "2023/24 Q1", "2023/24 Q2").set_index("milestone_id")["change"].astype(str)
    assert t.to_dict() == {"A": "not comparable", "B": "not comparable", "C": "unchanged", "D": "unchanged"}


def test_a_year_to_date_measure_with_a_target_of_nought_says_nothing_on_stderr(recwarn):
    """'RuntimeWarning: invalid value encountered in subtract' was printed under `perfkit summary` for a cumulative
    measure whose target was 0 (fire deaths), a line of Python on the officer's screen."""
    import numpy as np
    m = pd.DataFrame({"measure_id": ["F3"] * 2, "name": ["Fire deaths"] * 2, "polarity": ["lower"] * 2,
                      "period": pd.PeriodIndex(["2025Q1", "2025Q2"], freq="Q-MAR"), "actual": [1.0, 2.0], "target": [0.0, 0.0],
                      "cumulative": [True, True]})
    with np.errstate(all="warn"):
        perfkit.direction_of_travel(m, "2024/25 Q2")
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
