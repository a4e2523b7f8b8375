"""Improvement plans: actions under numbered recommendation sections, monitored half-yearly or quarterly.

The issue saw one with ``Recommendation 1:`` sections read as milestones, so that ``summary`` and ``brief`` had no
action figures, no overdue list and no half-years. Each layout here fits the milestones header as well as the
actions one; what the sheet shows (its sections, its half-yearly columns, its title) decides.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse.actions import action_summary
from perfkit.cli import main
from perfkit.cli.report import OWN_NOTEBOOKS

# What each word the generator writes means on an action plan's scale: the generator's own knowledge, not perfkit's.
MEANS = {"Green": "On track", "G": "On track", "On track": "On track", "Progressing as planned": "On track",
         "Amber": "At risk", "A": "At risk", "Some slippage": "At risk",
         "Red": "Behind schedule", "R": "Behind schedule", "Significant slippage": "Behind schedule",
         "Complete": "Complete", "B": "Complete", "Action finished and evidenced": "Complete",
         "Not started": "Not started"}

RECOMMENDATIONS = [
    ("Strengthen governance and decision making", [("Review the constitution", "Green", "Complete"),
                                                   ("Publish a forward plan", "Amber", "Red"),
                                                   ("Member development programme", "Green", "Green")]),
    ("Financial sustainability", [("Medium term financial strategy", "Green", "Complete"),
                                  ("Savings programme", "Red", "Red"),
                                  ("Asset review", "Green", "Amber")]),
    ("Workforce and culture", [("Workforce strategy", "Green", "Amber"),
                               ("Apprenticeship scheme", "Not started", "Green"),
                               ("Staff survey action plan", "Green", "Complete"),
                               ("Leadership programme", "Amber", "Green")]),
]


def plan_items(recs=RECOMMENDATIONS, words=None):
    """Every action with its section, reference, due date and status per period, as the generator writes them."""
    words = words or {}
    items = []
    for i, (rec, actions) in enumerate(recs, start=1):
        for j, (action, s1, s2) in enumerate(actions, start=1):
            items.append(dict(rec=i, rec_title=rec, ref=f"{i}.{j}", action=action, lead=["Chief Executive", "S151 Officer", "Head of HR"][i - 1],
                              due=day(2024, 12, 31) if j % 2 else day(2025, 9, 30),
                              s1=words.get(s1, s1), s2=words.get(s2, s2)))
    return items


def counts(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[MEANS[v]] = out.get(MEANS[v], 0) + 1
    return out


@layout("improvement plan", "Recommendation 1: sections, RAG words, half-yearly status columns")
def build_recommendation_sections_half_yearly(folder, recs=RECOMMENDATIONS):
    items = plan_items(recs)
    rows = [["Corporate Peer Challenge 2024"], ["Six-monthly progress report"], [],
            ["Ref", "Action", "Lead officer", "Target date", "Status Sept 2024", "Status March 2025", "Commentary"]]
    for i, (rec, _) in enumerate(recs, start=1):
        rows.append([f"Recommendation {i}: {rec}"])
        for it in [x for x in items if x["rec"] == i]:
            rows.append([it["ref"], it["action"], it["lead"], it["due"], it["s1"], it["s2"], f"Update on {it['ref']}"])
    path = write_workbook(folder / "peer_challenge_plan.xlsx", [SheetSpec("Plan", rows)])
    return path, Truth({"actions": len(items)}, "2024/25 H2", {"actions": counts(it["s2"] for it in items)},
                       {"actions": {"group": [f"Recommendation {it['rec']}: {it['rec_title']}" for it in items],
                                    "due_date": [pd.Timestamp(it["due"]) for it in items]}},
                       {"actions": ["2024/25 H1", "2024/25 H2"]})


@layout("improvement plan", "R1. sections, quarterly RAG letters, % complete, Key actions")
def build_r_sections_quarterly_letters(folder):
    letters = {"Green": "G", "Amber": "A", "Red": "R", "Complete": "B"}
    items = plan_items(words=letters)
    rows = [["Improvement Plan 2024/25"], ["Quarterly monitoring"], [],
            ["No.", "Key actions", "Owner", "Deadline", "Q1 RAG", "Q2 RAG", "% complete", "Update"]]
    fmt = {}
    for i, (rec, _) in enumerate(RECOMMENDATIONS, start=1):
        rows.append([f"R{i}. {rec}"])
        for it in [x for x in items if x["rec"] == i]:
            pct = 1.0 if it["s2"] == "B" else 0.4
            rows.append([it["ref"], it["action"], it["lead"], it["due"], it["s1"], it["s2"], pct, "Progress noted"])
            fmt[f"G{len(rows)}:G{len(rows)}"] = "0%"
    path = write_workbook(folder / "improvement_plan.xlsx", [SheetSpec("Actions", rows, number_formats=fmt)])
    return path, Truth({"actions": len(items)}, "2024/25 Q2", {"actions": counts(it["s2"] for it in items)},
                       {"actions": {"group": [f"R{it['rec']}. {it['rec_title']}" for it in items]}},
                       {"actions": ["2024/25 Q1", "2024/25 Q2"]})


@layout("improvement plan", "Recommendation 1 - sections merged across, H1/H2 headers, a key of its own words")
def build_merged_sections_with_key(folder):
    words = {"Green": "Progressing as planned", "Amber": "Some slippage", "Red": "Significant slippage", "Complete": "Action finished and evidenced"}
    items = plan_items(words=words)
    rows = [["Children's services improvement plan 2024/25"], [],
            ["Ref", "Activity", "Lead", "Due", "H1 status", "H2 status", "Progress to date"]]
    merges = []
    for i, (rec, _) in enumerate(RECOMMENDATIONS, start=1):
        rows.append([f"Recommendation {i} - {rec}"])
        merges.append(f"A{len(rows)}:G{len(rows)}")
        for it in [x for x in items if x["rec"] == i]:
            rows.append([it["ref"], it["action"], it["lead"], it["due"], it["s1"], it["s2"], None])
    rows += [[], ["Key:"], ["Complete", "Action finished and evidenced"], ["On track", "Progressing as planned"],
             ["At risk", "Some slippage"], ["Behind schedule", "Significant slippage"]]
    path = write_workbook(folder / "childrens_improvement_plan.xlsx", [SheetSpec("Improvement plan", rows, merges=merges)])
    return path, Truth({"actions": len(items)}, "2024/25 H2", {"actions": counts(it["s2"] for it in items)},
                       {"actions": {"group": [f"Recommendation {it['rec']} - {it['rec_title']}" for it in items]}},
                       {"actions": ["2024/25 H1", "2024/25 H2"]})


# ---------------------------------------------------------------------------------------------- focused tests


@pytest.fixture
def plan(tmp_path):
    return build_recommendation_sections_half_yearly(tmp_path)


def test_the_plan_is_actions_not_milestones_and_the_inventory_says_why(plan):
    path, _ = plan
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["actions"]
    note = frames["actions"].attrs["inventory"][0].note
    assert note.startswith("actions, not milestones: numbered recommendation or strategy sections ('Recommendation 1: Strengthen governance...' at Plan!A5)")
    assert "half-yearly columns (September and March)" in note and "its title ('Peer Challenge')" in note
    assert "although it has RAG statuses" in note
    assert OWN_NOTEBOOKS[next(iter(frames))] == "action_plan.ipynb"  # brief gives the action plan its own briefing


def test_summary_json_gives_the_action_figures_at_the_half_year(tmp_path, capsys):
    recs = [(rec, [(a, None if a == "Asset review" else s1, s2) for a, s1, s2 in actions]) for rec, actions in RECOMMENDATIONS]
    path, truth = build_recommendation_sections_half_yearly(tmp_path, recs)
    items = plan_items(recs)
    end = pd.Timestamp("2025-03-31")
    expected = sorted(it["ref"] for it in items if pd.Timestamp(it["due"]) <= end and MEANS[it["s2"]] != "Complete")
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    acts = doc["actions"]
    assert doc["period"] == acts["period"] == "2024/25 H2"
    assert sorted(acts["overdue"]) == expected
    assert acts["total"] == truth.counts["actions"]
    assert acts["changes"]["from"] == "2024/25 H1" and acts["changes"]["new"] == ["2.3"]  # Asset review: nothing for H1
    assert list(acts["per_group"]) == [f"Recommendation {i}: {r}" for i, (r, _) in enumerate(RECOMMENDATIONS, start=1)]


def test_r_sections_are_recommendations_in_the_thread(tmp_path):
    path, truth = build_r_sections_quarterly_letters(tmp_path)
    acts = perfkit.read_workbook(path)["actions"]
    s = action_summary(acts, "2024/25 Q2")
    assert list(s.per_group["group"]) == [f"R{i}. {r}" for i, (r, _) in enumerate(RECOMMENDATIONS, start=1)]
    assert s.complete == sum(1 for it in plan_items() if it["s2"] == "Complete")
    inv = acts.attrs["inventory"][0]
    assert "numbered recommendation or strategy sections ('R1. Strengthen governance" in inv.note
    assert [name for name, _ in inv.sections] == [r for r, _ in RECOMMENDATIONS]  # "R1." is a label, as "Recommendation 1:" is


def test_the_keys_own_words_are_read_and_its_rows_are_not_actions(tmp_path):
    path, truth = build_merged_sections_with_key(tmp_path)
    acts = perfkit.read_workbook(path)["actions"]
    assert acts["action_id"].nunique() == truth.counts["actions"]
    key = next(p for p in acts.attrs["problems"] if p.message.startswith("status key:"))
    assert "'Action finished and evidenced'" in key.message and "its 4 rows are not actions" in key.message


def test_a_plan_with_nothing_to_tell_it_from_a_tracker_is_said_naming_both(tmp_path):
    """Read as milestones, said with the line that says otherwise: a note, not a warning that stops brief (a fire
    authority's CRMP projects and a Welsh council's well-being steps were stopped by it, though read right)."""
    rows = [["Ref", "Action", "Lead", "Due date", "Q2 2024/25 status"],
            ["1", "Review the constitution", "Head of Legal", day(2024, 12, 31), "On track"],
            ["2", "Publish a forward plan", "Head of Legal", day(2025, 3, 31), "Some issues"]]
    path = write_workbook(tmp_path / "book.xlsx", [SheetSpec("Sheet1", rows)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["milestones"]  # the first tried, as before; said aloud
    warned = [p for p in frames["milestones"].attrs["problems"] if p.severity == "info" and "fits both equally" in p.message]
    assert not [p for p in frames["milestones"].attrs["problems"] if p.severity == "warning"]
    assert [p.source for p in warned] == ["Sheet1"]
    assert 'read as milestones; if it holds actions, say so in perfkit.toml: [sheets."Sheet1"] kind = "actions"' in warned[0].message


@pytest.mark.parametrize("heading", ["Recommendation 2: Finance", "Recommendation 2 - Finance", "R2. Finance", "Rec 2: Finance",
                                     "Strategy 2 - Finance", "Workstream 2: Finance", "Key recommendation 2: Finance"])
def test_numbered_section_wordings_make_a_plan_of_actions(tmp_path, heading):
    rows = [["Ref", "Action", "Lead", "Due date", "Q1 2024/25 status", "Q2 2024/25 status"],
            [heading.replace("2", "1").replace("Finance", "Governance")],
            ["1.1", "Review the constitution", "Head of Legal", day(2024, 12, 31), "On track", "Complete"],
            [heading], ["2.1", "Savings programme", "S151 Officer", day(2025, 3, 31), "On track", "Delayed"]]
    path = write_workbook(tmp_path / "book.xlsx", [SheetSpec("Sheet1", rows)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["actions"]
    assert frames["actions"].attrs["inventory"][0].note.startswith("actions, not milestones: numbered recommendation")


def test_a_key_pairing_colours_with_the_action_scales_words_is_no_conflict(tmp_path):
    rows = [["Peer challenge action plan 2024/25"], [],
            ["Ref", "Action", "Lead", "Target date", "Sept 2024 RAG", "March 2025 RAG"]]
    for n, (before, now) in enumerate([("Green", "Complete"), ("Amber", "Red"), ("Green", "Green")], start=1):
        rows.append([f"1.{n}", f"Action {n}", "Chief Executive", day(2025, 3, 31), before, now])
    rows += [[], ["Key"], ["Green", "On track"], ["Amber", "At risk"], ["Red", "Behind schedule"], ["Blue", "Complete"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Action Plan", rows)])
    acts = perfkit.read_actions(path)
    assert not [p for p in acts.attrs["problems"] if p.severity != "info"]
    assert acts[acts["period"] == acts["period"].max()]["status"].astype(str).tolist() == ["Complete", "Behind schedule", "On track"]


def _service_plan_with_actions(folder):
    perf = [["Regulatory Services – Service Plan 2024-25"], [],
            ["Ref", "Performance measure", "Higher or lower is better", "Outturn 2022/23", "Outturn 2023/24", "Target 2023/24"],
            ["SP1", "Licences issued on time", "Higher", 0.91, 0.94, 0.9], ["SP2", "Complaints upheld", "Lower", 12, 15, 10]]
    acts = [["Regulatory Services – Service Plan 2024/25 actions: mid-year review"], [],
            ["Ref", "Action", "Lead officer", "Target date", "% complete", "Status", "Progress at September 2024"],
            ["A1", "Online licence renewal", "Licensing Manager", day(2024, 7, 31), 1, "Complete", "Live since July."],
            ["A2", "Review the taxi policy", "Licensing Manager", day(2025, 3, 31), 0.4, "On track", "Consultation open."],
            ["A3", "Recruit two officers", "EH Manager", day(2024, 6, 30), 0.5, "Behind schedule", "One post filled."]]
    return write_workbook(folder / "service_plan.xlsx", [SheetSpec("Performance", perf), SheetSpec("Service actions", acts)])


def test_a_service_plans_mid_year_actions_read_with_no_settings_and_summarised(tmp_path, capsys):
    path = _service_plan_with_actions(tmp_path)
    acts = perfkit.read_actions(path)
    assert {str(p) for p in acts["period"]} == {"2025Q2"}  # H1 2024/25, from "Progress at September 2024"
    assert any("read as 2024/25 H1, the period its column 'Progress at September 2024' names" in p.message for p in acts.attrs["problems"])
    assert main(["summary", str(path), "--period", "2024/25 H1", "--json"]) == 0
    out = capsys.readouterr()
    doc = json.loads(out.out)
    assert doc["actions"]["overdue"] == ["A3"] and "the measures have no figures for 2024/25 H1" in out.err
    assert main(["summary", str(path)]) == 0  # the measures' latest year, and the action plan at its own latest half-year
    out = capsys.readouterr()
    assert "Action plan at 2024/25 H1" in out.out and "starts after 2023/24 Q4" in out.err


def test_references_that_start_again_under_each_review_are_numbered_by_section(tmp_path):
    rows = [["Overview and Scrutiny Committee - Recommendations Tracker"], ["Updated April 2025"], [],
            ["Rec No.", "Recommendation", "Agreed action", "Responsible officer", "Implementation date",
             "6-month update (Sept 2024)", "Status (Sept 2024)", "12-month update (March 2025)", "Status (March 2025)"],
            ["Scrutiny Review: Tackling Fly-tipping"],
            [1, "Install CCTV", "Deploy cameras", "Head of Environment", day(2024, 12, 31), "4 deployed.", "On track", "All done.", "Implemented"],
            [2, "Publicise prosecutions", "Agree a protocol", "Comms Manager", day(2025, 3, 14), "Started.", "On track", "Slow.", "Not implemented"],
            ["Scrutiny Review: Home to School Transport"],
            [1, "Post-16 policy", "Publish the policy", "Head of Admissions", day(2024, 8, 31), "Published.", "Implemented", "Done.", "Implemented"],
            [2, "Travel training", "Commission a provider", "Head of SEND", day(2025, 3, 14), "Provider appointed.", "On track", "31 trained.", "On track"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows)])
    acts = perfkit.read_actions(path)
    assert sorted(acts["action_id"].unique()) == ["1.1", "1.2", "2.1", "2.2"]
    assert sorted(str(p) for p in acts["period"].unique()) == ["2025Q2", "2025Q4"]  # 2024/25 H1 and H2, never 2025/26
    s = action_summary(acts, "2024/25 H2")
    assert list(s.overdue["action_id"]) == ["1.2", "2.2"] and s.percent_complete == 50
    assert any("references start again under each section row" in p.message for p in acts.attrs["problems"])


def test_a_service_plans_yearly_outturns_change_from_the_year_before_not_from_a_quarter(tmp_path):
    path = _service_plan_with_actions(tmp_path)
    fig = perfkit.quarter_figures(None, perfkit.read_measures(path), None)
    assert str(fig.period) == "2024Q4" and str(fig.previous) == "2023Q4"  # 2023/24 against 2022/23, never 2023/24 Q3


AUDITS = [
    ("IA01", "Payroll", "Segregation of duties should be enforced for payroll changes", "Agreed: a new approval workflow", "Head of HR",
     day(2024, 3, 31), day(2024, 12, 31), "In progress", "On track"),
    ("IA02", "Payroll", "Leavers should be processed before their last working day", "Agreed", "Head of HR",
     day(2024, 6, 30), None, "Implemented", "Complete"),
    ("IA03", "Procurement", "The contract register should be kept up to date", "Agreed: quarterly review", "Head of Procurement",
     day(2024, 9, 30), day(2025, 3, 31), "In progress", "On track"),
    ("IA04", "Procurement", "Waivers of contract rules should be reported to committee", "Agreed", "Head of Procurement",
     day(2024, 4, 30), None, "Implemented", "Complete"),
    ("IA05", "IT", "Backups should be restored in a test each quarter", "Agreed", "Head of IT",
     day(2024, 6, 30), None, "Not started", "Not started"),
    ("IA06", "IT", "Administrator accounts should be reviewed every six months", "Agreed", "Head of IT",
     day(2025, 3, 31), None, "Not yet due", "Not due"),
]


@layout("improvement plan", "audit follow-up: a recommendation per row, Management response, original and revised implementation dates")
def build_audit_follow_up(folder):
    rows = [["Internal Audit: follow-up of agreed actions, position at 30 September 2024"], [],
            ["Ref", "Audit", "Recommendation", "Priority", "Management response", "Responsible officer",
             "Original implementation date", "Revised implementation date", "Status", "Comments"]]
    for ref, audit, rec, response, lead, original, revised, status, _ in AUDITS:
        rows.append([ref, audit, rec, "High", response, lead, original, revised, status, f"Update on {ref}"])
    path = write_workbook(folder / "audit_follow_up.xlsx", [SheetSpec("Follow-up", rows)])
    statuses: dict[str, int] = {}
    for *_, meaning in AUDITS:
        statuses[meaning] = statuses.get(meaning, 0) + 1
    return path, Truth({"actions": len(AUDITS)}, "2024/25 Q2", {"actions": statuses},
                       {"actions": {"action": [a[2] for a in AUDITS], "group": [a[1] for a in AUDITS],
                                    "due_date": [pd.Timestamp(a[6] or a[5]) for a in AUDITS]}})


def test_an_audit_follow_up_is_grouped_by_audit_and_overdue_from_the_revised_date(tmp_path):
    path, _ = build_audit_follow_up(tmp_path)
    acts = perfkit.read_actions(path)
    assert acts.attrs["group_noun"] == "audit"
    s = perfkit.action_summary(acts, "2024/25 Q2")
    assert list(s.overdue["action_id"]) == ["IA05"]  # IA01 and IA03 were moved to dates still ahead
    notes = " ".join(str(p) for p in acts.attrs["problems"])
    assert "'Recommendation' read as action" in notes and "'Management response' as its response, not read" in notes


@layout("improvement plan", "audit follow-up: 'Rec no.' starting again for each audit, Partially / Not implemented, 'n/a - rejected' dates")
def build_audit_numbers_restart(folder):
    audits = [("Payroll 2023/24", [("Reconcile payroll to the ledger monthly", "Implemented", "Complete"),
                                   ("Remove leavers from the payroll promptly", "Partially implemented", "At risk"),
                                   ("Update the payroll procedure notes", "Not implemented", "Not started")]),
              ("Cyber Security", [("Enforce multi-factor authentication", "Implemented", "Complete"),
                                  ("Test the backups each quarter", "Partially implemented", "At risk"),
                                  ("Review administrator accounts", "Not implemented", "Not started")])]
    rows = [["Internal Audit - Follow-up of Agreed Management Actions"], ["Position at 31 December 2024"], [],
            ["Audit", "Rec no.", "Recommendation", "Agreed management action", "Responsible officer", "Implementation date", "Status"]]
    statuses: dict[str, int] = {}
    refs, groups = [], []
    for k, (audit, recs) in enumerate(audits, start=1):
        for j, (rec, word, meaning) in enumerate(recs, start=1):
            due = "n/a - rejected" if (k, j) == (2, 3) else day(2024, 9, 30)
            rows.append([audit, str(j), rec, f"Agreed: {rec.lower()}", "Head of Service", due, word])
            statuses[meaning] = statuses.get(meaning, 0) + 1
            refs.append(f"{k}.{j}")
            groups.append(audit)
    path = write_workbook(folder / "audit_follow_up_dec_2024.xlsx", [SheetSpec("Follow-up", rows)])
    return path, Truth({"actions": len(refs)}, "2024/25 Q3", {"actions": statuses},
                       {"actions": {"action_id": refs, "group": groups}})


def test_an_external_auditors_recommendations_numbered_afresh_each_audit_year_are_told_apart_by_the_year(tmp_path):
    """'Audit year | Rec ref' with KR1, IR1... each year: the sheet was refused as items repeated by 'area', and the line
    it offered led to a second refusal. The audit year groups the recommendations and tells them apart."""
    rows = [["External Audit - Value for Money recommendations: progress at 30 September 2024"], [],
            ["Audit year", "Rec ref", "Recommendation", "Responsible officer", "Target date", "Status"],
            ["2022/23", "KR1", "Strengthen financial planning", "s151 Officer", day(2024, 3, 31), "Implemented"],
            ["2022/23", "IR1", "Tighten procurement waivers", "Head of Governance", day(2024, 6, 30), "In progress - behind schedule"],
            ["2023/24", "KR1", "Track savings plans monthly", "s151 Officer", day(2025, 3, 31), "In progress - on track"],
            ["2023/24", "IR1", "Review the capital programme", "Head of Finance", day(2024, 12, 31), "Not started"]]
    path = write_workbook(tmp_path / "vfm.xlsx", [SheetSpec("VfM recs", rows)])
    actions = perfkit.read_actions(path)
    assert actions["action_id"].nunique() == 4
    assert actions.drop_duplicates("action_id")["group"].tolist() == ["2022/23", "2022/23", "2023/24", "2023/24"]
    assert actions["status"].astype(str).tolist() == ["Complete", "Behind schedule", "On track", "Not started"]


def test_an_lga_peer_challenges_key_recommendations_group_its_actions(tmp_path, capsys):
    """`Key recommendation 1: ...` section rows, as an LGA corporate peer challenge words them: read as a note or key
    row (its first word is Key), so the plan's actions were in no group, with no warning."""
    rows = [["LGA Corporate Peer Challenge - Action Plan"], ["Progress at 30 September 2024"], [],
            ["Action No.", "Action", "Lead", "Target Date", "Progress Update", "RAG", "% Complete"],
            ["Key recommendation 1: Develop a shared narrative for the place"],
            ["1.1", "Agree place vision with partners", "Chief Executive", day(2024, 6, 30), "Agreed", "Complete", 1],
            ["1.2", "Publish refreshed Council Plan", "Head of Policy", day(2024, 9, 13), "Draft to Cabinet", "Amber", 0.8],
            ["Key recommendation 2: Strengthen financial resilience"],
            ["2.1", "Set out three-year savings plan", "S151 Officer", day(2024, 7, 31), "Delayed", "Red", 0.4],
            ["2.2", "Review reserves strategy", "S151 Officer", day(2024, 12, 31), "On schedule", "Green", 0.3],
            ["2.3", "Member training on budget scrutiny", "Democratic Services", day(2024, 5, 31), "Delivered", "Complete", 1]]
    path = write_workbook(tmp_path / "peer.xlsx", [SheetSpec("Action Plan", rows, merges=["A5:G5", "A8:G8"])])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert {g.split(":")[0]: v["total"] for g, v in doc["per_group"].items()} == {"Key recommendation 1": 2, "Key recommendation 2": 3}
    assert sorted(doc["overdue"]) == ["1.2", "2.1"]


def test_a_recommendation_number_merged_down_its_actions_is_no_reference(tmp_path, capsys):
    """`Rec No. | Peer team recommendation | Action`, the number and the recommendation merged down over each
    recommendation's actions: read as the actions' reference, every action after the first was a duplicate reference
    and the plan refused (init's own file refused the same way). The number is the group's; each action gets its own."""
    recs = [(1, "Develop a clear narrative for the place", [("Agree vision with partners", day(2024, 3, 31), "Completed"),
                                                             ("Publish refreshed Council Plan", day(2024, 7, 31), "Behind schedule")]),
            (2, "Strengthen the medium-term financial plan", [("Produce a four-year MTFS", day(2024, 11, 30), "On track"),
                                                               ("Review reserves strategy", day(2024, 6, 30), "Completed"),
                                                               ("Budget-holder training", day(2024, 9, 16), "At risk")]),
            (3, "Improve member-officer relationships", [("Refresh the protocol", day(2024, 5, 31), "Completed"),
                                                          ("Member development programme", day(2025, 3, 31), "On track")])]
    rows = [["LGA Corporate Peer Challenge 2023 - Action Plan"], ["Progress as at 30 September 2024"], [],
            ["Rec No.", "Peer team recommendation", "Action", "Lead officer", "Target date", "RAG"]]
    merges = []
    for n, rec, actions in recs:
        first = len(rows) + 1
        for i, (act, due, rag) in enumerate(actions):
            rows.append([n if i == 0 else None, rec if i == 0 else None, act, "Officer", due, rag])
        merges += [f"A{first}:A{len(rows)}", f"B{first}:B{len(rows)}"]
    path = write_workbook(tmp_path / "peer.xlsx", [SheetSpec("Action Plan", rows, merges=merges)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert doc["total"] == 7 and doc["complete"] == 3
    assert {g: v["total"] for g, v in doc["per_group"].items()} == {rec: len(actions) for _, rec, actions in recs}
    assert len(doc["overdue"]) == 2


def test_a_scrutiny_recommendations_tracker_reads_by_review(tmp_path, capsys):
    """`Rec No. | Review | Recommendation | Cabinet Response | Action Agreed | ... | Implementation Status`: refused (the
    status's header 'said more than perfkit understands', the review was no group, a rejected recommendation with no
    action agreed had 'no description'). Each row's recommendation names it, the review groups them."""
    recs = [("1", "Review of Fly-tipping", "Introduce a reporting app", "Accepted", "Procure app", day(2024, 6, 30), "Implemented"),
            ("2", "Review of Fly-tipping", "Increase the fixed penalty to 1,000 pounds", "Accepted", "Report to Cabinet", day(2024, 9, 20), "In progress"),
            ("3", "Review of Fly-tipping", "CCTV at the worst hotspots", "Partially accepted", "Pilot three sites", day(2024, 12, 31), "In progress"),
            ("4", "Review of Fly-tipping", "Free bulky waste collections", "Rejected", None, None, "Not applicable"),
            ("5", "Review of Young Carers", "A young carers card", "Accepted", "Launch the card", day(2024, 7, 31), "Implemented"),
            ("6", "Review of Young Carers", "School champions in every secondary", "Accepted", "Recruit champions", day(2024, 9, 1), "Not implemented")]
    rows = [["Overview and Scrutiny Committee - Recommendations Tracker"], ["Position at 30 September 2024 (Quarter 2 2024/25)"], [],
            ["Rec No.", "Review", "Recommendation", "Cabinet Response", "Action Agreed", "Responsible Officer", "Target Date",
             "Implementation Status", "Update"]]
    rows += [[n, rev, rec, resp, act, "Head of Service", due, st, None] for n, rev, rec, resp, act, due, st in recs]
    path = write_workbook(tmp_path / "scrutiny.xlsx", [SheetSpec("Tracker", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert {g: v["total"] for g, v in doc["per_group"].items()} == {"Review of Fly-tipping": 4, "Review of Young Carers": 2}
    assert sorted(doc["overdue"]) == ["2", "6"] and doc["complete"] == 2


def test_a_making_it_real_plan_of_we_will_statements_dated_for_its_half_year_update(tmp_path, capsys):
    """A co-production plan: 'I / We statement' beside 'We will...', under 'Theme N:' rows, updated 'October 2024
    (half-year)'. The 'I' was read as a risk's impact (the sheet refused as a register), 'We will...' was no title, and
    October's update was read as Q3, so an action due in December was overdue."""
    rows = [["Making it Real Co-production Action Plan 2024-25"], ["Update for the Board – October 2024 (half-year)"], [],
            ["No.", "I / We statement", "We will...", "Lead", "By when", "Progress RAG", "What's happened so far"],
            ["Theme 1: Wellbeing and independence"],
            ["1.1", "I have care and support that is co-produced", "Co-produce a strengths-based assessment", "PSW", "Sept 2024", "Blue", "Done"],
            ["1.2", "I have control over my budget", "Offer a direct payment to all who ask", "Head of Commissioning", "March 2025", "Green", ""],
            ["1.3", "We are not kept waiting", "Reduce waits for assessment", "Head of Assessment", "June 2024", "Red", "Vacancies"],
            ["Theme 2: Information and advice"],
            ["2.1", "I can get information when I need it", "Refresh the online directory", "Information Officer", "Dec 2024", "Amber", ""],
            ["2.2", "We talk to each other", "Join up front doors", "Head of Access", "Sept 2024", "Amber", ""]]
    path = write_workbook(tmp_path / "mir.xlsx", [SheetSpec("Action Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    kind = "actions" if "actions" in doc else "milestones"
    assert doc["period"] == "2024/25 Q2"
    assert doc[kind]["overdue"] == ["1.3"]  # 2.2, due by September, is due at the half-year, not past it; 2.1 in December


def test_an_audit_trackers_finding_and_recommendation_names_each_action_and_its_lists_teach_no_pairs(tmp_path):
    """'Finding / Recommendation' beside a 'Management Response' of 'Agreed' on every row: every action was named
    'Agreed' in the brief. The hidden Lists sheet keeps the priority list and the status list side by side ('Priority |
    Status' over 'High | Implemented'), read as a key: 'Implemented = High', so 'Not implemented' was taught by it."""
    import datetime as dt

    recs = [("Payroll", 1, "Starters' forms to be authorised before the first payment", "Implemented", dt.date(2024, 3, 31)),
            ("Payroll", 2, "Monthly payroll reconciliations to be signed off", "Partially implemented", dt.date(2024, 6, 30)),
            ("Procurement", 1, "The contract register to be published and kept up to date", "Not implemented", dt.date(2024, 5, 31)),
            ("Procurement", 2, "Waivers to be reported to the Audit Committee", "Implemented", dt.date(2024, 4, 30)),
            ("IT", 1, "The disaster recovery plan to be tested each year", "Not yet due", dt.date(2025, 3, 31))]
    rows = [["Internal Audit - Follow-up of Agreed Recommendations"], ["Position as at 30 September 2024"],
            ["Audit", "Rec No.", "Finding / Recommendation", "Priority", "Management Response", "Responsible Officer",
             "Agreed Implementation Date", "Status"]]
    rows += [[a, n, text, "Medium", "Agreed", "Head of Service", due, status] for a, n, text, status, due in recs]
    lists = [["Priority", "Status"], ["High", "Implemented"], ["Medium", "Partially implemented"], ["Low", "Not implemented"],
             [None, "Not yet due"], [None, "Superseded"]]
    path = write_workbook(tmp_path / "ia_tracker.xlsx", [SheetSpec("Recommendations", rows, dropdowns={"H4:H40": "Lists!$B$2:$B$6"}),
                                                         SheetSpec("Lists", lists, hidden=True)])
    acts = perfkit.read_actions(path)
    assert acts["action"].tolist() == [r[2] for r in recs]
    assert not [p.message for p in acts.attrs["problems"] if "status key" in p.message and "Lists" in p.message]


def test_monthly_update_columns_give_the_latest_update_and_empty_months_are_passed_over(tmp_path):
    """A peer challenge plan with one update column per month (April 2024 ... March 2025, sentences under April to
    September, the rest empty) beside its one RAG status was refused: 'several month columns for one period'."""
    months = ["April 2024", "May 2024", "June 2024", "July 2024", "August 2024", "September 2024", "October 2024",
              "November 2024", "December 2024", "January 2025", "February 2025", "March 2025"]
    rows = [["Corporate Peer Challenge action plan"], ["Progress as at 30 September 2024"], [],
            ["Ref", "Action", "Lead officer", "Target date", "RAG status", "% complete", *months],
            ["Recommendation 1: Develop a shared narrative of place"]]
    for n, status in enumerate(["Complete", "On track", "Some delay"], start=1):
        updates = [f"Update for {m} on 1.{n}." for m in months[:6]]
        rows.append([f"1.{n}", f"Action 1.{n}", "Chief Executive", day(2024, 9, 27) if n == 3 else day(2025, 3, 31), status, n / 4,
                     *updates, *[None] * 6])
    acts = perfkit.read_actions(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Action Plan", rows)]))
    assert acts["commentary"].tolist() == [f"Update for September 2024 on 1.{n}." for n in (1, 2, 3)]
    assert action_summary(acts).to_dict()["overdue"] == ["1.3"]


def test_an_audit_reference_numbered_within_by_rec_no_gives_each_recommendation_its_reference(tmp_path):
    """'Audit ref | Audit title | Rec no.': the audit's reference on each of its recommendations, numbered within it. Read
    as the reference, every recommendation after an audit's first was a duplicate, and the refusal offered another
    column as an 'area'. 'Closed - risk accepted' was counted implemented."""
    recs = [("IA24-03", "Payroll", "1", "Implemented", dt.date(2024, 6, 30)),
            ("IA24-03", "Payroll", "2", "In progress", dt.date(2024, 8, 31)),
            ("IA24-05", "Cyber security", "1", "In progress", dt.date(2025, 3, 31)),
            ("IA24-05", "Cyber security", "2", "Closed - risk accepted", dt.date(2024, 7, 31)),
            ("IA24-07", "Procurement", "1", "Implemented", dt.date(2024, 5, 31))]
    rows = [["Audit recommendations tracker"], ["Position at 30 September 2024"],
            ["Audit ref", "Audit title", "Assurance opinion", "Rec no.", "Recommendation", "Responsible officer", "Implementation date", "Status"]]
    rows += [[a, t, "Reasonable", n, f"Recommendation {n} of {t}", "Head of Service", due, st] for a, t, n, st, due in recs]
    acts = perfkit.read_actions(write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Open", rows)]))
    assert acts["action_id"].tolist() == ["IA24-03/1", "IA24-03/2", "IA24-05/1", "IA24-05/2", "IA24-07/1"]
    s = action_summary(acts).to_dict()
    assert s["overdue"] == ["IA24-03/2"] and s["complete"] == 2 and s["active"] == 4
    # as a tracker lays it out: the audit's reference, title and opinion merged down its recommendations, a note below
    merged = [row if i < 3 or row[0] != rows[i - 1][0] else [None, None, None, *row[3:]] for i, row in enumerate(rows)]
    merged += [[], ["Note: recommendations closed more than a year ago are archived."]]
    spans = [f"{c}4:{c}5" for c in "ABC"] + [f"{c}6:{c}7" for c in "ABC"]
    acts = perfkit.read_actions(write_workbook(tmp_path / "merged.xlsx", [SheetSpec("Open", merged, merges=spans)]))
    assert acts["action_id"].tolist() == ["IA24-03/1", "IA24-03/2", "IA24-05/1", "IA24-05/2", "IA24-07/1"]
    assert action_summary(acts).to_dict()["overdue"] == ["IA24-03/2"]


@pytest.mark.parametrize("dated", ["LGA Corporate Peer Challenge (November 2023) - Action Plan", "LGA Corporate Peer Challenge - Action Plan"])
def test_last_march_before_this_september_is_last_year_and_the_position_date_gives_the_year(dated, tmp_path):
    """'Status – March | Status – September' under 'position at 30 September 2024': March was read as the later
    half-year (2024/25 H2), so actions completed by September read as slipped and 18 were overdue; with the peer
    challenge's own date (November 2023) in the title, the whole plan was a year early."""
    rows = [["Westmoor Borough Council"], [dated],
            ["Progress report to Audit & Governance Committee - position at 30 September 2024"], [],
            ["Ref", "Action", "Lead officer", "Target date", "Status – March", "Status – September", "% complete"],
            ["Recommendation 1: Set a sustainable financial strategy"],
            ["1.1", "Agree a three-year MTFS", "Chief Finance Officer", day(2024, 2, 29), "Complete", "Complete", 1],
            ["1.2", "Set up a Transformation Board", "Chief Executive", day(2024, 6, 30), "On track", "Complete", 1],
            ["Recommendation 2: Strengthen governance"],
            ["2.1", "Review the constitution", "Monitoring Officer", day(2024, 7, 31), "On track", "Behind schedule", 0.6],
            ["2.2", "Publish a member/officer protocol", "Monitoring Officer", day(2025, 3, 31), "Not started", "On track", 0.3]]
    path = write_workbook(tmp_path / "peer_challenge_action_plan.xlsx", [SheetSpec("Action plan", rows)])
    acts = perfkit.read_actions(path)
    assert sorted({perfkit.period_label(p, "half") for p in acts["period"]}) == ["2023/24 H2", "2024/25 H1"]
    now = acts[acts["period"].map(lambda p: perfkit.period_label(p, "half")) == "2024/25 H1"].set_index("action_id")
    assert now["status"].astype(str).to_dict() == {"1.1": "Complete", "1.2": "Complete", "2.1": "Behind schedule", "2.2": "On track"}


def _climate_plan(tmp_path):
    plan = [["Climate Emergency Action Plan - progress October 2024"], [],
            ["Ref", "Action", "Lead", "Target date", "Status Mar 2024", "Status Sep 2024"],
            ["Theme 1: Council buildings"],
            ["1.1", "LED lighting in all offices", "Estates", day(2024, 3, 31), "On track", "Complete"],
            ["1.2", "Heat pumps at the depot", "Estates", day(2024, 6, 30), "On track", "Behind schedule"],
            ["Theme 2: Transport"],
            ["2.1", "Electric pool cars", "Fleet", day(2025, 3, 31), "Not started", "On track"]]
    measures = [["Council emissions"], ["Ref", "Indicator", "Target", "2022/23", "2023/24"],
                ["E1", "Scope 1 emissions (tCO2e)", 1900, 2010, 1846], ["E2", "Renewable electricity (MWh)", 400, 380, 455]]
    return write_workbook(tmp_path / "climate_action_plan_oct2024.xlsx",
                          [SheetSpec("Action Plan", plan), SheetSpec("Emissions", measures)])


def test_with_no_period_asked_the_action_plan_is_summarised_at_its_own_latest(tmp_path, capsys):
    """A climate action plan (Status Mar 2024 | Status Sep 2024) beside emissions measured by financial year (latest
    2023/24): summary reported the plan at 2023/24 H2, the measures' year, six months out of date, with no word."""
    path = _climate_plan(tmp_path)
    assert main(["summary", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["actions"]["period"] == "2024/25 H1" and doc["actions"]["overdue"] == ["1.2"]
    assert "the plan is summarised at its own latest" in captured.err


def test_with_no_period_asked_the_briefing_gives_the_action_plan_at_its_own_latest(tmp_path):
    path = _climate_plan(tmp_path)
    assert main(["brief", str(path), "--out", str(tmp_path / "out"), "--council", "Eastholme District Council",
                 "--accept-warnings"]) == 0
    page = next(p for p in (tmp_path / "out").glob("*.html") if "checks" not in p.name).read_text(encoding="utf-8")
    assert "Of 3 actions at 2024/25 H1" in page and "at 2023/24 H2," not in page


def test_a_peer_challenge_plans_rag_letter_for_each_month_gives_each_quarter_its_last_month(tmp_path, capsys):
    """`Ref | Action | Lead | Target date | Apr-24 ... Sep-24` (date cells), a B/G/A/R letter each month: refused as several
    month columns for one period, with a line to type for every month. Each quarter is its last month's letter."""
    months = [day(2024, m, 1) for m in range(4, 10)]
    rows = [["LGA Corporate Peer Challenge – Action Plan"], ["Progress at 30 September 2024"], [],
            ["Ref", "Action", "Lead", "Target date", *months],
            ["Recommendation 1: Set a sustainable financial strategy"],
            ["1.1", "Agree the MTFS", "S151 Officer", day(2024, 7, 31), "G", "G", "G", "A", "G", "B"],
            ["1.2", "Set up a Transformation Board", "Chief Executive", day(2024, 6, 30), "G", "A", "A", "R", "R", "R"],
            ["Recommendation 2: Strengthen governance"],
            ["2.1", "Review the constitution", "Monitoring Officer", day(2025, 3, 31), "G", "G", "B", "B", "B", "B"],
            ["2.2", "Member development", "Democratic Services", day(2025, 3, 31), None, None, None, "G", "A", "G"]]
    path = write_workbook(tmp_path / "peer_challenge_plan.xlsx", [SheetSpec("Action Plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert {k: v for k, v in a["by_status"].items() if v} == {"Complete": 2, "Behind schedule": 1, "On track": 1}
    assert a["overdue"] == ["1.2"] and a["changes"]["completed"] == ["1.1"] and a["changes"]["new"] == ["2.2"]


def test_a_word_the_plan_colours_one_way_in_every_cell_is_read_as_its_colour(tmp_path):
    """A Best Value improvement plan's 'Delayed' filled amber in every cell, beside 'On track' in green: seven warnings
    that the word and its fill disagree held the brief, and nothing in perfkit.toml could clear them. The plan's own
    colour for its word is read (At risk), said once; a table styled in one colour for every word says nothing."""
    rows = [["Best Value improvement plan – position at September 2024"], [],
            ["Ref", "Action", "Lead", "Due date", "Status"],
            ["1.1", "Set priorities", "Chief Executive", day(2025, 3, 31), "On track"],
            ["1.2", "Align the budget", "S151 Officer", day(2025, 3, 31), "Delayed"],
            ["2.1", "Target inequalities", "Head of Policy", day(2025, 3, 31), "Delayed"],
            ["2.2", "Publish the workforce plan", "Head of HR", day(2025, 3, 31), "On track"]]
    for fills, expected in (({"E4": "00B050", "E5": "FFC000", "E6": "FFC000", "E7": "00B050"}, "At risk"),
                            ({"E4": "DDEBF7", "E5": "DDEBF7", "E6": "DDEBF7", "E7": "DDEBF7"}, "Behind schedule")):
        acts = perfkit.read_actions(write_workbook(tmp_path / "bvar.xlsx", [SheetSpec("Improvement Plan", rows, fills=fills)]))
        assert acts.set_index("action_id")["status"].astype(str).to_dict() == {
            "1.1": "On track", "1.2": expected, "2.1": expected, "2.2": "On track"}, fills
        if expected == "At risk":
            assert not [p.message for p in acts.attrs["problems"] if p.severity == "warning"]


@pytest.mark.parametrize("sections", [True, False])
def test_a_cqc_improvement_plan_on_a_tab_named_action_plan_is_an_action_plan(tmp_path, sections):
    """A trust's 'CQC Action Plan' tab titled 'CQC Improvement Plan', 'Must Do 1:' and 'Should Do 1:' sections and BRAG
    letters: the tab's 'action plan' (weight 2) was taken before the title's improvement plan, and the CQC's own section
    words were not known, so it tied with the letters and was read as milestones, the brief headed 'Council Plan
    delivery'. Either the sections or the title now settle it."""
    rows = [["Westbrook Hospitals NHS Foundation Trust"],
            ["CQC Improvement Plan - progress update to Quality Committee (position at 30 September 2025)" if not sections
             else "Progress update to Quality Committee (position at 30 September 2025)"], [],
            ["No.", "Action", "Executive lead", "Completion date", "BRAG", "Progress update"],
            ["Must Do 1: The trust must ensure ED staff complete safeguarding training."],
            ["1.1", "Deliver level 3 safeguarding sessions", "Chief Nurse", day(2025, 6, 30), "B", "Done"],
            ["1.2", "Monthly compliance reporting", "Chief Nurse", day(2025, 8, 31), "R", "Late"],
            ["Should Do 1: The trust should answer complaints sooner."],
            ["2.1", "Recruit two complaints officers", "Director of Corporate Affairs", day(2025, 10, 31), "G", "Interviews"],
            ["2.2", "Reduce the backlog of complaints", "Director of Corporate Affairs", day(2026, 3, 31), "A", "Slow"]]
    if not sections:
        rows = [r for r in rows if not (r and str(r[0]).startswith(("Must", "Should")))]
    path = write_workbook(tmp_path / "cqc.xlsx", [SheetSpec("CQC Action Plan", rows)])
    assert list(perfkit.read_workbook(path)) == ["actions"]


def test_an_improvement_plan_rated_in_brag_letters_is_an_action_plan(tmp_path):
    """An adult social care improvement plan after a CQC assessment, 'Theme n:' sections and B/R/A/G letters: read as
    milestones on a tie with the letters, said only in a note, so the brief gave no action figures."""
    rows = [["Improvement plan - Q2 2024/25 update"], ["Ref", "What we will do", "Lead officer", "Target date", "BRAG"],
            ["Theme 1: Assessing needs"],
            ["1.1", "Reduce the waiting list for Care Act assessments", "Head of Assessment", day(2024, 9, 30), "A"],
            ["1.2", "Introduce a triage model at the front door", "Head of Assessment", day(2024, 6, 30), "B"],
            ["1.3", "Audit 20 assessments a month for quality", "Principal Social Worker", day(2024, 8, 31), "R"],
            ["Theme 2: Safe systems"],
            ["2.1", "Refresh the safeguarding adults procedures", "Head of Safeguarding", day(2024, 7, 31), "R"],
            ["2.2", "Publish waiting times on the council website", "Head of Assessment", day(2025, 3, 31), "G"]]
    path = write_workbook(tmp_path / "asc_improvement_plan_q2.xlsx", [SheetSpec("Improvement plan", rows)])
    assert list(perfkit.read_workbook(path)) == ["actions"]


@pytest.mark.parametrize("recs, rec", [(3, "Rec"), (7, "Rec"), (4, "Rec no.")])
def test_an_inspections_recommendations_on_their_own_sheet_name_the_plans_groups(tmp_path, recs, rec):
    """An Ofsted improvement plan: 'Rec | Action ref | Action | ...' on one sheet and 'No. | Recommendation' on another.
    'Rec' was not used and the recommendations sheet was text, so the brief had no grouping by recommendation."""
    words = ["Improve the quality of supervision", "Strengthen the front door response", "Improve care leavers' pathway plans",
             "Embed the new practice model", "Reduce caseloads in assessment teams", "Widen the voice of children",
             "Sharpen quality assurance of plans"][:recs]
    listed = [["Inspection improvement plan: recommendations"], [], ["No.", "Recommendation"], *([n + 1, w] for n, w in enumerate(words))]
    plan = [["Improvement Plan - position at 31 December 2024"], [],
            ["Action ref", rec, "Action", "Responsible officer", "Target date", "RAG"],  # 'Rec no.' after the actions' own
            *([f"{n // 2 + 1}.{n % 2 + 1}", n // 2 + 1, f"Action {n}", "Head of service", day(2025, 3, 31), "On track"]
              for n in range(2 * recs))]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Recommendations", listed), SheetSpec("Action Plan", plan)])
    acts = perfkit.read_actions(path)
    assert list(dict.fromkeys(acts["group"])) == [f"{n + 1}. {w}" for n, w in enumerate(words)]
    assert any(p.source == "Recommendations" and "name the plan's groups" in p.message for p in acts.attrs["problems"])


def test_a_sheet_named_for_its_actions_is_an_action_plan(tmp_path):
    """'Service Plan Actions' (Action ref | Action | Responsible officer | Target date | Status): the header fits
    milestones and actions alike, and with nothing said to tell them apart it was read as milestones."""
    rows = [["Eastbridge District Council"], ["Environmental Services - Service Plan 2024/25: Quarter 2 progress"], [],
            ["Action ref", "Action", "Responsible officer", "Target date", "Status"],
            ["ES1", "Introduce food waste collections", "Head of Waste", day(2025, 3, 31), "On track"],
            ["ES2", "Review street cleansing schedules", "Cleansing Manager", day(2024, 6, 30), "Delayed"]]
    book = perfkit.read_workbook(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Service Plan Actions", rows)]))
    assert "actions" in book and "milestones" not in book


def test_an_audit_follow_ups_management_update_is_each_actions_commentary(tmp_path):
    """An internal audit follow-up: 'Management response' agreed at the audit, 'Management update' at this quarter. The
    update was set aside as a column perfkit does not use, so the brief showed no word of why an action was late."""
    rows = [["Internal audit recommendations follow-up - position at 31 December 2025"],
            ["Ref", "Audit", "Recommendation", "Priority", "Agreed date", "Status", "Management update"],
            ["IA25-01", "Payroll", "Reconcile leavers monthly", 1, day(2025, 6, 30), "Implemented", "Monthly reconciliation in place"],
            ["IA25-02", "Payroll", "Review overtime approvals", 2, day(2025, 9, 30), "In progress", "Delayed by system upgrade; due January"],
            ["IA25-03", "Procurement", "Refresh contract register", 2, day(2026, 3, 31), "Not started", "Scoping with legal"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "followup.xlsx", [SheetSpec("Follow-up", rows)]))
    said = acts.set_index("action_id")["commentary"].astype(str)
    assert said["IA25-02"] == "Delayed by system upgrade; due January" and said["IA25-03"] == "Scoping with legal"


@pytest.mark.parametrize("header", ["Clerk's notes", "Clerks notes", "Management update", "Latest position"])
def test_a_clerks_notes_and_a_management_update_are_the_commentary(header):
    from perfkit.read.columns import read_header

    assert read_header(header, "actions").field == "commentary"


def test_a_plans_own_status_words_are_what_the_page_and_the_json_say(tmp_path, capsys):
    """'Completed / In progress / Delayed / Not yet started' from the plan's drop-down: the brief said '2 are behind
    schedule' and `as_written` counted 'Behind schedule', words the plan never used."""
    plan = {"Recommendation 1: Governance": [("1.1", "Refresh the constitution", (2024, 9, 30), "Completed"),
                                             ("1.2", "Member training", (2025, 3, 31), "In progress"),
                                             ("1.3", "Scrutiny review", (2024, 11, 30), "Delayed")],
            "Recommendation 2: Finance": [("2.1", "Medium-term plan", (2024, 12, 31), "Delayed"),
                                          ("2.2", "Savings tracker", (2025, 3, 31), "Not yet started")]}
    rows = [["Peer challenge action plan - Quarter 3 2024/25"], ["Ref", "Action", "Lead", "Due date", "Status"],
            *[row for head, acts in plan.items()
              for row in ([head], *([ref, what, "Head of Governance", day(*due), said] for ref, what, due, said in acts))]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Action plan", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    a = json.loads(capsys.readouterr().out)["actions"]
    assert a["as_written"] == {"Completed": 1, "In progress": 1, "Delayed": 2, "Not yet started": 1}
    assert main(["summary", str(path)]) == 0
    assert "2 are delayed" in capsys.readouterr().out


def test_an_action_plan_named_so_whose_rows_are_headed_action_is_read_as_actions(tmp_path):
    """'Community Wealth Building Action Plan' over 'No. | Action | Lead partner | Target date | RAG' with 'Pillar N:'
    sections: its name weighed the same as its RAG letters, and it was briefed as Council Plan milestones, a note only."""
    rows = [["Community Wealth Building Action Plan 2024-2026 - Progress at Quarter 3 2024/25"], [],
            ["No.", "Action", "Lead partner", "Target date", "Progress update", "RAG"],
            ["Pillar 1: Progressive procurement"],
            [1, "Adopt a social value policy", "Council procurement", day(2024, 6, 30), "Adopted in May", "B"],
            [2, "Publish a procurement pipeline", "Council procurement", day(2024, 9, 30), "Delayed by staffing", "R"],
            ["Pillar 2: Fair employment"],
            [3, "Real Living Wage accreditation", "HR", day(2025, 3, 31), "Application submitted", "G"],
            [4, "Anchor institutions' local hiring", "Anchor network", day(2024, 12, 31), "Two of five signed", "A"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "cwb.xlsx", [SheetSpec("Action Plan", rows)]))
    assert set(frames) == {"actions"} and len(frames["actions"]) == 4
