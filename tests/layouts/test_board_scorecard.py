"""A housing association's board scorecard: ``Measure | TSM code | Bigger or smaller is better | Annual target | Qtr 1 |
Qtr 2``, figures typed with their units (``1.4%``, ``31.2 days``), a key under the table with Blue for 'Exceeding target'.

Read before as every measure higher is better (the polarity column was not known, and was offered as a grouping), a
target of 1 beside '1.4%' was a warning that it might mean 100%, and the key's Blue a warning that it was not Complete."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.cli import main

# name, code, polarity word, target, Q1, Q2; the generator's own statuses by the 5% rule
MEASURES = [("Overall satisfaction with landlord services", "TP01", "Bigger is better", 75, "72.4%", "76.1%"),
            ("Homes that do not meet the Decent Homes Standard", "RP01", "Smaller is better", 1, "1.4%", "0.9%"),
            ("Anti-social behaviour cases per 1,000 homes", "NM01", "Smaller is better", 40, 44, 38.5),
            ("Average days to re-let empty homes", "VL01", "Smaller is better", 28, "31.2 days", "27.5 days")]


def rated(polarity: str, target: float, actual: float) -> str:
    gap = (actual - target) / target * (1 if polarity.startswith("Bigger") else -1)
    return "Green" if gap >= 0 else "Amber" if gap >= -0.05 else "Red"


def number(v) -> float:
    return float(str(v).replace("%", "").replace(" days", ""))


def test_a_board_scorecard_reads_with_no_settings(tmp_path, capsys):
    rows = [["Anyvale Homes – Board Performance Scorecard 2024-25"], ["Quarter 2 (to 30 September 2024)"], [],
            ["Measure", "TSM code", "Bigger or smaller is better", "Annual target", "Qtr 1", "Qtr 2"]]
    rows += [list(m) for m in MEASURES]
    rows += [[], ["Key"], [None, "Exceeding target by 5% or more"], [None, "On or better than target"], [None, "Within 5% of target"],
             [None, "More than 5% off target"]]
    n = len(rows)
    fills = {f"A{n - 3}": "FF0070C0", f"A{n - 2}": "Green", f"A{n - 1}": "Amber", f"A{n}": "Red"}
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Board Scorecard", rows, fills=fills)])
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [str(p) for p in report]
    kp = perfkit.read_measures(path)
    assert kp.drop_duplicates("measure_id").set_index("name")["polarity"].to_dict() == {
        m[0]: "higher" if m[2].startswith("Bigger") else "lower" for m in MEASURES}
    assert "Bigger or smaller is better" not in kp
    for period, k in (("2024/25 Q1", 4), ("2024/25 Q2", 5)):
        want: dict[str, int] = {}
        for m in MEASURES:
            s = rated(m[2], m[3], number(m[k]))
            want[s] = want.get(s, 0) + 1
        assert main(["summary", str(path), "--period", period, "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)["measures"]
        assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == want


def test_amber_red_on_a_five_point_tracker_needs_attention(tmp_path):
    """A programme board's five-point tracker: the briefing's 'need attention' list left out Amber/Red items."""
    from layout_builders import SheetSpec, day, write_workbook

    import perfkit

    rows = [["Programme board milestone tracker, Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due", "Q1 DCA", "Q2 DCA"],
            ["IP-01", "Open the interchange", "PM", day(2025, 3, 31), "Amber", "Amber/Red"],
            ["IP-05", "Appoint the contractor", "PM", day(2025, 3, 31), "Amber", "Red"],
            ["IP-07", "Consult on the design", "PM", day(2025, 3, 31), "Green", "Amber"],
            ["IP-08", "Agree the funding", "PM", day(2025, 3, 31), "Green", "Amber/Green"]]
    path = write_workbook(tmp_path / "board.xlsx", [SheetSpec("Tracker", rows)])
    fig = perfkit.quarter_figures(perfkit.read_milestones(path), None, "2024/25 Q2")
    assert sorted(fig.attention["milestone_id"]) == ["IP-01", "IP-05", "IP-07"]
