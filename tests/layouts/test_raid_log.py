"""A programme's RAID log: one table of risks, assumptions, issues and decisions, told apart by a Type column.

The generator keeps each entry as plain data (its type, the probability and impact a risk was given as H/M/L, its
colour rating, an action's due date, the entry's status) and works the truth out itself: the risks still open, their
own ratings, the actions, and which actions are overdue on the day the log's title dates it.
"""

from __future__ import annotations

import datetime as dt

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse.actions import action_summary
from perfkit.analyse.risks import risk_summary

FAMILY = "RAID logs"
UPDATED = dt.date(2025, 1, 6)  # the log's title: "Last updated 06/01/2025"

# (ref, type, description, probability, impact, rating, due date, status)
ENTRIES = [
    ("R001", "Risk", "Supplier does not deliver the configuration on time", "M", "H", "Amber", None, "Open"),
    ("R002", "Risk", "Staff do not adopt the new ways of working", "H", "M", "Amber", None, "Open"),
    ("R003", "Risk", "Data migration is incomplete at go-live", "H", "H", "Red", None, "Open"),
    ("R004", "Risk", "Funding for phase 2 is not approved", "L", "H", "Amber", None, "Closed"),
    ("R005", "Risk", "Security weaknesses in the new platform", "L", "H", "Amber", None, "Open"),
    ("R006", "Risk", "Integration with the revenues system is delayed", "M", "L", "Green", None, "Open"),
    ("I001", "Issue", "Test environment unavailable for three weeks", None, "H", "Red", None, "Open"),
    ("A001", "Action", "Agree the data cleansing plan", None, None, None, day(2024, 11, 30), "Closed"),
    ("A002", "Action", "Run change champion sessions", None, None, None, day(2025, 1, 31), "In progress"),
    ("A003", "Action", "Escalate the test environment issue", None, None, None, day(2024, 12, 13), "Open"),
    ("A004", "Action", "Complete the data protection impact assessment", None, None, None, day(2024, 12, 20), "In progress"),
    ("A005", "Action", "Confirm the go-live date", None, None, None, day(2025, 1, 17), "Open"),
    ("D001", "Decision", "Go live service by service", None, None, None, None, "Agreed"),
]


def _truth() -> Truth:
    risks = [e for e in ENTRIES if e[1] == "Risk" and e[7] != "Closed"]
    actions = [e for e in ENTRIES if e[1] == "Action"]
    word = {"Closed": "Complete", "In progress": "On track", "Open": "Open"}
    statuses: dict[str, int] = {}
    for e in actions:
        statuses[word[e[7]]] = statuses.get(word[e[7]], 0) + 1
    return Truth({"risks": len(risks), "actions": len(actions)}, "2024/25 Q4", statuses={"actions": statuses},
                 columns={"risks": {"risk_id": [e[0] for e in risks], "residual_rating": [e[5] for e in risks]}})


@layout(FAMILY, "Type column of Risk / Issue / Action / Decision, H/M/L and colour ratings, Open/Closed status")
def build_raid_log(folder):
    rows = [["Digital Transformation Programme: RAID log"], [f"Last updated {UPDATED:%d/%m/%Y} for the Programme Board"],
            ["ID", "Type", "Description", "Owner", "Probability", "Impact", "Rating", "Mitigation / action", "Due date",
             "Status", "Latest update"]]
    for ref, kind, text, p, i, rating, due, status in ENTRIES:
        rows.append([ref, kind, text, "Programme Manager", p, i, rating, "Weekly review" if kind == "Risk" else None, due,
                     status, None])
    lists = SheetSpec("Lists", [["Type", "Status"], ["Risk", "Open"], ["Issue", "In progress"], ["Action", "Closed"],
                                ["Decision", "Agreed"]], hidden=True)
    end = len(rows)
    log = SheetSpec("RAID Log", rows, dropdowns={f"B4:B{end}": "Lists!$A$2:$A$5", f"J4:J{end}": "Lists!$B$2:$B$5"})
    return write_workbook(folder / "raid_log.xlsx", [log, lists]), _truth()


def test_a_raid_log_reads_its_risks_and_actions_and_sets_the_rest_aside(tmp_path):
    path, truth = build_raid_log(tmp_path)
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"risks", "actions"}
    problems = [p for kind in frames for p in frames[kind].attrs["problems"]]
    assert not [p for p in problems if p.severity != "info"], [p.message for p in problems if p.severity != "info"]
    said = " ".join(p.message for p in problems)
    assert "typed 'Issue' (rows 10)" in said and "typed 'Decision'" in said and "neither risks nor actions" in said
    assert "closed in column 'Status'" in said  # R004, set aside aloud
    risks = risk_summary(frames["risks"])
    assert risks.total == truth.counts["risks"]
    assert dict(risks.by_rating["residual"]) == {"Green": 1, "Amber": 3, "Red": 1}


def test_overdue_is_judged_on_the_day_the_log_is_dated(tmp_path):
    path, _ = build_raid_log(tmp_path)
    acts = perfkit.read_workbook(path)["actions"]
    s = action_summary(acts)
    late = [e[0] for e in ENTRIES if e[1] == "Action" and e[6] is not None and e[6].date() <= UPDATED and e[7] != "Closed"]
    assert sorted(s.overdue["action_id"]) == sorted(late) == ["A003", "A004"]  # not A002 or A005, due later in the quarter
    doc = s.to_dict()
    assert doc["overdue_rule"].startswith("due before 06/01/2025")
    assert s.overdue_when == "at 6 January 2025"


# A register on a RAID log's own tab: (ref, inherent I, L, residual I, L, last quarter's residual score or "New", status)
REGISTER = [("R01", 5, 4, 4, 3, 12, "Open"), ("R02", 4, 5, 4, 4, 12, "Open"), ("R03", 3, 4, 3, 3, 9, "Open"),
            ("R04", 4, 4, 2, 2, 9, "Open"), ("R05", 3, 4, 3, 2, "New", "Open"), ("R06", 3, 3, 2, 1, 6, "Closed")]


def _register_truth() -> tuple[dict, dict]:
    live = [r for r in REGISTER if r[6] != "Closed"]
    moved: dict[str, list[str]] = {"increased": [], "decreased": [], "unchanged": [], "new": [], "closed": []}
    for ref, _, _, i, lk, before, status in REGISTER:
        if status == "Closed":
            moved["closed"].append(ref)
        elif before == "New":
            moved["new"].append(ref)
        else:
            moved["increased" if i * lk > before else "decreased" if i * lk < before else "unchanged"].append(ref)
    return {"risk_id": [r[0] for r in live], "residual_score": [float(r[3] * r[4]) for r in live]}, moved


@layout(FAMILY, "a register tab with a two-row header and last quarter's score, beside Issues and Dependencies tabs")
def build_raid_tabs(folder):
    cover = [["Housing Programme RAID log"], ["Reporting period: Quarter 2 2024/25 (position at 30 September 2024)"]]
    risks = [["Risk register"], ["Reviewed by the Programme Board 7 October 2024"],
             ["Risk ID", "Risk description", "Inherent risk", None, None, "Residual risk", None, None,
              "Previous residual score (Jun 24)", "Status"],
             [None, None, "Impact", "Likelihood", "Score", "Impact", "Likelihood", "Score", None, None]]
    for ref, i0, l0, i1, l1, before, status in REGISTER:
        risks.append([ref, f"Risk {ref}", i0, l0, i0 * l0, i1, l1, i1 * l1, before, status])
    merges = ["A3:A4", "B3:B4", "C3:E3", "F3:H3", "I3:I4", "J3:J4"]
    issues = [["Issues log"], ["Issue ID", "Issue description", "Owner", "Target resolution date", "RAG", "Status"],
              ["I01", "Grant claim returned", "Finance", day(2024, 10, 31), "A", "Open"],
              ["I02", "Contractor in administration", "Delivery", day(2024, 9, 30), "R", "Open"]]
    deps = [["Dependencies"], ["Ref", "Dependency", "Owner", "Required by", "RAG"],
            ["D01", "Junction improvement", "Delivery", day(2025, 6, 30), "A"], ["D02", "Grid reinforcement", "Delivery", day(2024, 8, 31), "G"],
            ["D03", "Local Plan adoption", "Planning", day(2025, 3, 31), "R"]]
    path = write_workbook(folder / "raid_log_q2_2024-25.xlsx", [SheetSpec("Cover", cover), SheetSpec("Risks", risks, merges=merges),
                                                                 SheetSpec("Issues", issues), SheetSpec("Dependencies", deps)])
    columns, _ = _register_truth()
    return path, Truth({"risks": len(REGISTER)}, "2024/25 Q2", periods={"risks": ["2024/25 Q1", "2024/25 Q2"]})


def test_a_raid_logs_register_tab_reads_its_quarter_and_its_closed_risk(tmp_path):
    """'Previous residual score (Jun 24)' over its column made the register's own quarter Q1 (read as a title row), the
    closed risk counted as live, and the Dependencies tab became the Council Plan's milestones."""
    path, _ = build_raid_tabs(tmp_path)
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"risks"}
    problems = frames["risks"].attrs["problems"]
    assert not [p for p in problems if p.severity != "info"], [p.message for p in problems if p.severity != "info"]
    columns, moved = _register_truth()
    s = risk_summary(frames["risks"])
    assert perfkit.period_label(s.period) == "2024/25 Q2"
    assert s.total == len(columns["risk_id"])
    now = frames["risks"][frames["risks"]["period"] == s.period]
    assert now["risk_id"].tolist() == columns["risk_id"] and now["residual_score"].tolist() == columns["residual_score"]
    assert {k: sorted(v) for k, v in s.movement.items()} == moved
    inventory = {e.sheet: e.note for e in frames["risks"].attrs["inventory"]}
    assert "a RAID log's issues" in inventory["Issues"] and "a RAID log's dependencies" in inventory["Dependencies"]


def test_a_closed_risks_tab_is_closed_since_its_last_score_never_live(tmp_path):
    """A register's 'Closed risks' tab with the live tab's header: its risks were read as live in the latest quarter
    (the tab's title had been taken from its header's band row, 'Previous residual score (Q2)', by accident)."""
    head = [["Risk ref", "Risk title", "Residual risk", None, None, "Previous residual score (Q2)"], [None, None, "L", "I", "Score", None]]
    live = [["Corporate Risk Register - Quarter 3 2024/25"], *head, ["CR01", "Funding gap", 3, 4, 12, 12], ["CR02", "Cyber attack", 2, 4, 8, 12]]
    gone = [["Risks closed or removed from the register during 2024/25"], *head, ["CR03", "General election", 1, 2, 2, 2]]
    merges = ["A2:A3", "B2:B3", "C2:E2", "F2:F3"]
    path = write_workbook(tmp_path / "register_q3_2024-25.xlsx", [SheetSpec("Register", live, merges=merges),
                                                                  SheetSpec("Closed risks", gone, merges=merges)])
    risks = perfkit.read_risks(path)
    s = risk_summary(risks)
    assert perfkit.period_label(s.period) == "2024/25 Q3" and s.total == 2
    assert s.movement["closed"] == ["CR03"] and s.movement["decreased"] == ["CR02"]


def test_a_raid_logs_colour_ratings_give_the_matrix_its_own_bands(tmp_path):
    """Rated Red only for High x High, the log's Amber risks scoring 6 sat in perfkit's default 'Red' cells of the heat
    map, while the narrative counted them amber: the bands now come from the log's own ratings and scores."""
    path, _ = build_raid_log(tmp_path)
    risks = perfkit.read_workbook(path)["risks"]
    level = {"L": 1, "M": 2, "H": 3}
    scored = {e[5]: [] for e in ENTRIES if e[1] == "Risk"}
    for e in ENTRIES:
        if e[1] == "Risk":
            scored[e[5]].append(level[e[3]] * level[e[4]])
    assert max(scored["Green"]) < min(scored["Amber"]) and max(scored["Amber"]) < min(scored["Red"])
    want = f"3x3, 1-{min(scored['Amber']) - 1} Green, {min(scored['Amber'])}-{min(scored['Red']) - 1} Amber, {min(scored['Red'])}-9 Red"
    assert risks.attrs["risk_matrix"].describe() == want.replace("9-9 Red", "9 Red")


def test_risks_closed_on_their_own_tab_in_the_quarter_are_closed_in_movement(tmp_path):
    """A register's 'Closed risks' tab with only its closing scores (no earlier quarter's column): its risks were left
    out, but movement said nothing of them, where the committee reads '... and 2 closed'."""
    head = [["Ref", "Risk", "Impact", "Likelihood", "Score"]]
    live = [["Corporate Risk Register - Quarter 2 2024/25"], *head, ["CR01", "Funding gap", 4, 3, 12], ["CR02", "Cyber", 4, 2, 8]]
    gone = [["Risks closed during Quarter 2 2024/25"], ["Ref", "Risk", "Impact", "Likelihood", "Score at closure"],
            ["CR13", "General election", 1, 2, 2], ["CR14", "Garden waste roll-out", 1, 1, 1]]
    path = write_workbook(tmp_path / "register_q2.xlsx", [SheetSpec("Corporate Risk Register", live), SheetSpec("Closed risks", gone)])
    s = risk_summary(perfkit.read_risks(path))
    assert perfkit.period_label(s.period) == "2024/25 Q2" and s.total == 2 and s.movement["closed"] == ["CR13", "CR14"]


def test_a_raid_logs_briefing_has_its_risks_beside_its_actions(tmp_path, capsys):
    """The log's briefing was the action plan's alone, with a note to run brief again for its risks."""
    from perfkit.cli import main

    path, truth = build_raid_log(tmp_path)
    assert main(["brief", str(path), "--out", str(tmp_path / "out"), "--council", "Riverside Council"]) == 0
    page = next(p for p in (tmp_path / "out").glob("*.html") if "checks" not in p.name).read_text(encoding="utf-8")
    assert '<h2 id="risks">Risks</h2>' in page and "Overdue actions" in page
    assert f"Of {truth.counts['risks']} risks assessed" in page
    assert "--kind risks" not in capsys.readouterr().err


def test_a_risk_closed_by_its_status_and_its_own_trend_is_closed_in_movement(tmp_path):
    """A log's risk with Status 'Closed' and its trend 'Closed': left out of the live risks, and said closed, where the
    trend words are the log's movement; one closed with no such word (a Status of any time) is not said closed now."""
    rows = [["Programme RAID log - as at 30 September 2024"], ["Ref", "Risk", "Impact", "Likelihood", "Trend", "Status"],
            ["R01", "Supplier late", 3, 3, "↑", "Open"], ["R02", "Staff leave", 2, 2, "↓", "Open"],
            ["R03", "Funding refused", 3, 1, "Closed", "Closed"], ["R04", "Old risk", 1, 1, "↔", "Closed"]]
    s = risk_summary(perfkit.read_risks(write_workbook(tmp_path / "raid.xlsx", [SheetSpec("Risks", rows)])))
    assert s.total == 2 and s.movement["closed"] == ["R03"] and s.movement["increased"] == ["R01"]


def test_a_risks_and_issues_log_reads_its_risks_and_sets_its_issues_aside(tmp_path):
    """'Risks and Issues Log' with 'Type' Risk or Issue and no actions: only the risks' header fits, so the Type column was
    never looked at and the issues (scored 15 and 20) were briefed as very high risks, with nothing said."""
    rows = [["Digital Transformation Programme - Risks and Issues Log"], ["Updated: 30/09/2024"], [],
            ["ID", "Type", "Title / description", "Owner", "Likelihood (1-5)", "Impact (1-5)", "Score", "Status"],
            ["R01", "Risk", "Supplier fails to deliver CRM on time", "Programme Manager", 3, 4, 12, "Open"],
            ["I01", "Issue", "Budget overspend on licences", "Finance BP", 5, 3, 15, "Open"],
            ["R02", "Risk", "Data migration errors", "Data Lead", 2, 5, 10, "Open"],
            ["I02", "Issue", "Key developer resigned", "Programme Manager", 5, 4, 20, "Open"],
            ["R03", "Risk", "Low staff adoption", "Change Lead", 3, 3, 9, "Open"]]
    path = write_workbook(tmp_path / "raid.xlsx", [SheetSpec("RAID log", rows)])
    risks = perfkit.read_risks(path)
    assert sorted(risks["risk_id"]) == ["R01", "R02", "R03"]
    said = [p.message for p in risks.attrs["problems"]]
    assert any("2 typed 'Issue' (rows 6, 8) are neither risks nor actions" in m for m in said), said
