"""A measures table kept two rows to a measure: an ``Actual`` row over a ``Target`` row, labelled in a column of their
own, with the reference, name and polarity merged over both (as Welsh councils' corporate PI returns often are).

Each pair is one measure; the second row gives each quarter's target. The target rows had been read as measures of
their own (32 duplicate references), refused with no line to type.
"""

from __future__ import annotations

import pytest
from layout_builders import SheetSpec, Truth, layout, write_workbook

import perfkit

# (ref, name, good is, [(Q1 actual, Q1 target), (Q2 actual, Q2 target)], Q3 and Q4 target)
PIS = [("PAM/012", "Households prevented from becoming homeless (%)", "Higher is better", [(62.5, 65), (68.0, 65)], 65),
       ("PAM/030", "Municipal waste reused, recycled or composted (%)", "Higher is better", [(66.8, 64), (63.1, 64)], 64),
       ("PAM/035", "Days to clear fly-tipping", "Lower is better", [(1.8, 2), (2.6, 2)], 2),
       ("CHR/002", "Working days lost to sickness per FTE", "Lower is better", [(2.9, 2.6), (2.5, 2.6)], 2.6),
       ("PAM/045", "New homes from empty properties", "Higher is better", [(4, 5), (7, 5)], 5)]


def rag(actual: float, target: float, good: str, band: float = 0.05) -> str:
    """On or better than target: Green; within 5% of it: Amber; else Red."""
    better = actual >= target if good.startswith("Higher") else actual <= target
    if better:
        return "Green"
    gap = abs(actual - target) / abs(target)
    return "Amber" if gap <= band else "Red"


def _build(folder, merged: bool, words: tuple[str, str], to_date: bool = False):
    rows = [["Corporate Performance Indicators 2024/25 - Quarter 2 update"], [],
            ["Ref", "Performance indicator", "Polarity", None, "Apr-Jun 24", "Jul-Sep 24", "Oct-Dec 24", "Jan-Mar 25"]
            + (["Year to date"] if to_date else [])]
    merges = []
    for ref, name, good, quarters, later in PIS:
        r = len(rows) + 1
        ytd = [quarters[0][0] + quarters[1][0], quarters[0][1] + quarters[1][1]] if to_date else [None, None]
        rows.append([ref, name, good, words[0], quarters[0][0], quarters[1][0], None, None] + ytd[:to_date])
        rows.append([None if merged else ref, None if merged else name, None if merged else good, words[1],
                     quarters[0][1], quarters[1][1], later, later] + ytd[1:1 + to_date])
        if merged:
            merges += [f"{c}{r}:{c}{r + 1}" for c in "ABC"]
    rows += [[], ["RAG: Green - on or better than target; Amber - within 5% of target; Red - more than 5% worse than target."]]
    path = write_workbook(folder / "corporate_pis_2024-25_q2.xlsx", [SheetSpec("Corporate PIs", rows, merges=merges)])
    return path, Truth({"measures": len(PIS)}, "2024/25 Q2", periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


@layout("paired rows", "Actual row over Target row per measure, ref and name merged over both, quarters as Apr-Jun 24")
def build_actual_over_target(folder):
    return _build(folder, True, ("Actual", "Target"))


@layout("paired rows", "Outturn row over Profile row per measure, ref and name repeated on both")
def build_outturn_over_profile(folder):
    return _build(folder, False, ("Outturn", "Profile"))


@layout("paired rows", "a police and crime plan scorecard: Actual over Target rows with a Year to date column beside the quarters")
def build_pairs_with_year_to_date(folder):
    """The target row gives a year-to-date target of its own beside the quarters': the pairs were refused as items
    'broken down' by the Year to date column, with a line that read 19 areas and the wrong quarter."""
    return _build(folder, True, ("Actual", "Target"), to_date=True)


@pytest.mark.parametrize("build", [build_actual_over_target, build_outturn_over_profile, build_pairs_with_year_to_date])
def test_each_pair_of_rows_is_one_measure_with_its_quarters_targets(build, tmp_path):
    path, truth = build(tmp_path)
    ms = perfkit.read_measures(path)
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]
    assert ms["measure_id"].nunique() == truth.counts["measures"]
    for q, i in (("2024/25 Q1", 0), ("2024/25 Q2", 1)):
        at = ms[ms["period"] == perfkit.parse_span(q).end]
        assert at["actual"].tolist() == [float(x[3][i][0]) for x in PIS], q
        assert at["target"].tolist() == [float(x[3][i][1]) for x in PIS], q
    assert ms["source"].iloc[0] == "Corporate PIs!E4"  # the actual's own cell, as the officer sees it
    notes = [p for p in ms.attrs["problems"] if "two rows" in p.message]
    assert notes and "column D" in notes[0].message


def test_the_statuses_are_worked_out_against_each_quarters_target(tmp_path):
    path, _ = build_actual_over_target(tmp_path)
    assessed = perfkit.assess_measures(perfkit.read_measures(path))
    q2 = assessed[assessed["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["status"].astype(str).tolist() == [rag(x[3][1][0], x[3][1][1], x[2]) for x in PIS]


def test_a_target_row_that_names_another_measure_is_no_pair(tmp_path):
    """Rows labelled Actual and Target that are each their own measure (different names) are not folded together."""
    rows = [["KPIs 2024/25"], [], ["Ref", "Measure", "Type", "Q1", "Q2"],
            ["K1", "Visits", "Actual", 10, 12], ["K2", "Loans", "Target", 20, 22],
            ["K3", "Swims", "Actual", 30, 32], ["K4", "Classes", "Target", 40, 42]]
    path = write_workbook(tmp_path / "k.xlsx", [SheetSpec("KPIs", rows)])
    ms = perfkit.read_measures(path)
    assert ms["measure_id"].nunique() == 4


def test_a_profile_row_over_its_actual_row_with_the_name_written_once_is_one_measure(tmp_path):
    """A revenues sheet, `Measure | Line | Q1 | Q2 | Q3`, each measure a 'Profile' row (its name on it) over an 'Actual' row
    (the name left blank under it): the row above each later profile, the last pair's actual, was taken as its partner,
    so no pair was read, and ten rows became ten measures, the profiles among them."""
    rows = [["Revenues - Collection Performance 2024/25 (cumulative)"], [],
            ["Measure", "Line", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Year-end target"],
            ["Council tax in-year collection rate (%)", "Profile", 28.6, 55.1, 81.6, 96.5],
            [None, "Actual", 28.2, 54.6, 80.9, None],
            ["Business rates in-year collection rate (%)", "Profile", 29.1, 56.1, 83.0, 98],
            [None, "Actual", 29.5, 56.4, 83.4, None],
            ["Direct debit take-up (%)", "Profile", 78, 78, 78, 78],
            [None, "Actual", 77.8, 78.3, 78.6, None]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "revenues.xlsx", [SheetSpec("Collection", rows)]))
    q3 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q3"].set_index("name")
    assert list(q3.index) == ["Council tax in-year collection rate (%)", "Business rates in-year collection rate (%)",
                              "Direct debit take-up (%)"]
    assert q3["actual"].tolist() == [80.9, 83.4, 78.6] and q3["target"].tolist() == [81.6, 83.0, 78]
    assert any("'Profile' over 'Actual'" in p.message for p in kp.attrs["problems"])


def test_pairs_under_a_header_of_months_alone_are_read_with_their_names_said_and_init_names_no_blank_header(tmp_path, capsys):
    """The same revenues sheet with nothing over the names or the pairs' labels (`| | Apr | May ... Sep`): no header
    fitted, and the sheet was refused with a guess of milestones and each month a status column."""
    rows = [["Revenues - collection rates, year to date 2025/26"], [],
            [None, None, "Apr", "May", "Jun", "Jul", "Aug", "Sep"],
            ["Council tax", "Profile", 10.6, 19.8, 29.0, 38.2, 47.3, 56.5],
            [None, "Actual", 10.4, 19.5, 28.9, 38.3, 47.0, 56.1],
            ["Business rates", "Profile", 11.0, 20.5, 30.0, 39.5, 49.0, 58.5],
            [None, "Actual", 11.6, 21.0, 30.4, 40.1, 49.8, 59.2]]
    path = write_workbook(tmp_path / "revenues.xlsx", [SheetSpec("Collection", rows)])
    kp = perfkit.read_measures(path)
    q2 = kp[kp["period"].map(perfkit.period_label) == "2025/26 Q2"].set_index("name")
    assert q2["actual"].to_dict() == {"Council tax": 56.1, "Business rates": 59.2}
    assert q2["target"].to_dict() == {"Council tax": 56.5, "Business rates": 58.5}
    said = " ".join(p.message for p in kp.attrs["problems"])
    assert "column A has no header (A3 is blank)" in said and "its target for each period from the 'Profile' row" in said
    from perfkit.cli import main
    assert main(["init", str(path)]) == 0
    toml = (tmp_path / "perfkit.toml").read_text()
    assert '"Sep" = "actual@2025/26 Q2"' in toml and '"Measure"' not in toml
    assert main(["validate", str(path)]) in (0, 1)
    assert "no column of row 3 is read as its name" not in capsys.readouterr().out
