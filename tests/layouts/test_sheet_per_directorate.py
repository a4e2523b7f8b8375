"""One sheet per directorate or service, each laid out the same: the sheet's name is the directorate of its items."""

from __future__ import annotations

import json
import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.read.workbook_layouts import directorate_of

DIRECTORATES = ["Adults", "Children's Services", "Place", "Resources"]


def scorecard(name: str, refs: list[str], rng: random.Random) -> tuple[SheetSpec, list[dict]]:
    """A directorate's KPI scorecard: a title, the header, a quarter column each, a source note."""
    measures = [{"ref": ref, "name": f"{name}: indicator {ref}", "good": rng.choice(["Higher", "Lower"]), "target": rng.randint(50, 90),
                 "q1": rng.randint(30, 100), "q2": rng.randint(30, 100)} for ref in refs]
    rows = [[f"{name} directorate: performance scorecard 2024/25"], [],
            ["Ref", "Indicator", "Good is", "Target 2024/25", "Q1", "Q2", "Q3", "Q4", "Comments"]]
    rows += [[m["ref"], m["name"], m["good"], m["target"], m["q1"], m["q2"], None, None, "On track"] for m in measures]
    rows += [[], ["Source: directorate returns"]]
    return SheetSpec(name, rows), measures


@layout("sheet per directorate", "a KPI scorecard per directorate, references of their own")
def build_scorecards(folder):
    rng = random.Random(21)
    sheets, truth_names, truth_dirs, truth_q2 = [], [], [], []
    for d in DIRECTORATES:
        refs = [f"{d[:3].upper()}{i:02d}" for i in range(1, rng.randint(3, 6))]
        sheet, measures = scorecard(d, refs, rng)
        sheets.append(sheet)
        truth_names += [m["name"] for m in measures]
        truth_dirs += [d] * len(measures)
        truth_q2 += [float(m["q1"]) for m in measures]
    path = write_workbook(folder / "kpi_scorecard.xlsx", sheets)
    return path, Truth({"measures": len(truth_names)}, "2024/25 Q2",
                       columns={"measures": {"name": truth_names, "directorate": truth_dirs, "actual": truth_q2}},
                       periods={"measures": ["2024/25 Q1", "2024/25 Q2"]})


def milestone_tab(name: str, n: int, rng: random.Random, statuses=("Green", "Amber", "Red", "Complete")) -> tuple[SheetSpec, list[dict]]:
    """A service's delivery plan tab: its milestones numbered 1, 2, 3... as every service numbers its own."""
    items = [{"ref": str(i), "title": f"{name} milestone {i}", "status": rng.choice(statuses)} for i in range(1, n + 1)]
    rows = [[f"Service delivery plan 2024/25 - {name}"], ["Quarter 2 update"],
            ["No.", "Milestone", "Responsible officer", "Deadline", "Status", "Update"]]
    rows += [[m["ref"], m["title"], f"Head of {name}", day(2025, 3, 31), m["status"], "Update given"] for m in items]
    return SheetSpec(f"{name} milestones", rows), items


@layout("sheet per directorate", "a delivery plan tab per service, each numbering its milestones from 1")
def build_service_tabs(folder):
    rng = random.Random(22)
    sheets, items_all, dirs = [], [], []
    for service in ("Housing", "Planning", "Waste and Recycling"):
        sheet, items = milestone_tab(service, rng.randint(3, 7), rng)
        sheets.append(sheet)
        items_all += items
        dirs += [service] * len(items)
    statuses: dict[str, int] = {}
    for m in items_all:
        statuses[m["status"]] = statuses.get(m["status"], 0) + 1
    path = write_workbook(folder / "service_plans.xlsx", sheets)
    return path, Truth({"milestones": len(items_all)}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"directorate": dirs, "milestone_id": [f"{d} {m['ref']}" for d, m in zip(dirs, items_all)],
                                       "title": [m["title"] for m in items_all]}})


PRIORITIES = ["A thriving economy with good jobs and skills", "Healthy, independent lives", "A greener Westmoor"]


@layout("sheet per directorate", "a tab per priority titled 'Priority 1: ...', a Lead directorate column, references 1.1, 2.1")
def build_priority_tabs(folder):
    """Each tab a Council Plan priority, named in its title row only: the brief was laid out by the lead directorate
    column, and the plan's priorities were lost without a word."""
    rng = random.Random(23)
    sheets, refs, priorities, statuses = [], [], [], {}
    for n, priority in enumerate(PRIORITIES, start=1):
        rows = [[f"Priority {n}: {priority}"], ["Council Plan Delivery Tracker 2024/25 - position at end of Quarter 2"],
                ["Ref", "Key milestones", "Lead directorate", "Responsible officer", "Target date", "Q1 Status", "Q2 Status"]]
        for i in range(1, rng.randint(3, 6) + 1):
            status = rng.choice(["Complete", "On track", "Minor issues", "Significant issues"])
            rows.append([f"{n}.{i}", f"Milestone {n}.{i}", rng.choice(["Place", "Economy", "Adults", "Resources"]), "Head of Service",
                         day(2025, 3, 31), "On track", status])
            refs.append(f"{n}.{i}")
            priorities.append(priority)
            said = {"On track": "Green", "Minor issues": "Amber", "Significant issues": "Red"}.get(status, status)
            statuses[said] = statuses.get(said, 0) + 1
        sheets.append(SheetSpec(f"{n}. {priority.split()[1].title()}", rows))
    path = write_workbook(folder / "council_plan_tracker_2024-25_q2.xlsx", sheets)
    return path, Truth({"milestones": len(refs)}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"milestone_id": refs, "priority": priorities}})


@layout("sheet per directorate", "directorate tabs with a cover, and a table that names its own service column")
def build_own_column(folder):
    rng = random.Random(23)
    cover = SheetSpec("Contents", [["Quarterly performance report"], ["1. People"], ["2. Place"]])
    sheets, n, services, statuses = [cover], 0, [], {}
    for d in ("People", "Place"):
        rows = [[f"{d} directorate 2024/25 Q2"], ["Ref", "Action", "Service", "Q2 RAG"]]
        for i in range(1, 5):
            n += 1
            service = rng.choice(["Libraries", "Leisure", "Highways"])
            status = rng.choice(["Green", "Amber", "Red"])
            rows.append([f"{d[:2].upper()}{i}", f"Action {n}", service, status])
            services.append(service)
            statuses[status] = statuses.get(status, 0) + 1
        sheets.append(SheetSpec(d, rows))
    path = write_workbook(folder / "people_and_place.xlsx", sheets)
    # The tables name their own service: that column is the directorate, not the sheet's name.
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": statuses}, {"milestones": {"directorate": services}})


# ---------------------------------------------------------------------------------------------- focused tests


def test_summary_by_directorate_works_with_no_settings(tmp_path, capsys):
    path, _truth = build_scorecards(tmp_path)
    assert main(["summary", str(path), "--by", "directorate", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    text = json.dumps(doc)
    for d in DIRECTORATES:
        assert d in text
    kp = perfkit.read_measures(path)
    said = [p for p in kp.attrs["problems"] if p.column == "directorate"]
    assert {p.source for p in said} == set(DIRECTORATES) and all(p.severity == "info" for p in said)
    assert "the sheet's name read as the directorate" in said[0].message


def test_with_no_priorities_the_summary_groups_by_directorate_unasked(tmp_path, capsys):
    path, _truth = build_scorecards(tmp_path)
    assert main(["summary", str(path), "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["measures"]["groups"]
    assert set(groups) == set(DIRECTORATES)  # never one group with no name
    kp = perfkit.read_measures(path)
    for d in DIRECTORATES:
        assert groups[d]["total"] == kp[kp["directorate"] == d]["measure_id"].nunique()


def test_a_reference_two_directorates_use_is_two_items_said_with_both_cells(tmp_path):
    path, truth = build_service_tabs(tmp_path)
    ms = perfkit.read_milestones(path)
    said = [p for p in ms.attrs["problems"] if "keyed by directorate and reference" in p.message]
    assert said and all(p.severity == "info" for p in said)
    assert "'1' at Housing milestones!A4 and Planning milestones!A4" in said[0].message
    assert "for different milestones" in said[0].message
    assert ms.milestone_id.nunique() == truth.counts["milestones"]


def test_the_same_measure_in_each_directorate_is_one_per_directorate(tmp_path):
    rng = random.Random(5)
    sheets = [scorecard(d, ["HR1"], rng)[0] for d in ("Adults", "Place")]
    for s in sheets:
        s.rows[3][1] = "Days lost to sickness per FTE"
    path = write_workbook(tmp_path / "sickness.xlsx", sheets)
    kp = perfkit.read_measures(path)
    assert sorted(kp.measure_id.unique()) == ["Adults HR1", "Place HR1"]
    assert any("for the same measure in each directorate" in p.message for p in kp.attrs["problems"])


def test_a_table_with_its_own_directorate_column_keeps_it(tmp_path):
    path, _truth = build_own_column(tmp_path)
    ms = perfkit.read_milestones(path)
    assert not any(p.column == "directorate" and "sheet's name" in p.message for p in ms.attrs["problems"])


@pytest.mark.parametrize("name, expected", [
    ("Adults", "Adults"), ("Children's Services", "Children's Services"), ("Adults KPIs", "Adults"),
    ("Place - milestones", "Place"), ("Housing and Communities", "Housing and Communities"),
    ("Q1 2024-25", None), ("Apr-Jun", None), ("KPIs", None), ("Sheet1", None), ("Milestones (2)", None),
    ("Priority 2", None), ("2024-25", None), ("Summary", None), ("Year 1", None), ("Phase 2", None), ("Copy of KPIs", None),
    ("Adults v2", "Adults"), ("Template", None),
    # a Welsh council's quarter tabs ('Ch1 - Q1': Chwarter 1) were read as directorates, so no movement was found
    ("Ch1 - Q1", None), ("Chwarter 2", None), ("Chw3", None), ("Children", "Children"), ("Cheshire East", "Cheshire East"),
    # an objective's code keeps its number, and 'Council' closing a name is part of it
    ("AL3 Cyngor - WBO3 Council", "AL3 Cyngor - WBO3 Council"), ("Council KPIs", None),
    # an improvement plan's tab beside a service's KPIs named a directorate 'Improvement' in the brief
    ("Improvement Plan", None), ("Action plan", None), ("Delivery Plan 2024-25", None),
])
def test_which_sheet_names_are_directorates(name, expected):
    assert directorate_of(name) == expected


def test_one_directorates_quarter_tabs_share_their_references(tmp_path):
    rng = random.Random(8)
    sheets = []
    for d, refs in (("Adults", ["AD1", "AD2"]), ("Place", ["PL1"])):
        for q in (1, 2):
            sheet, _ = scorecard(d, refs, random.Random(9))
            sheet.name = f"{d} Q{q}"
            sheet.rows[0] = [f"{d}: performance scorecard, Quarter {q} 2024/25"]
            sheet.rows[2] = ["Ref", "Indicator", "Good is", "Target", "Actual"]
            sheet.rows = sheet.rows[:3] + [row[:4] + [rng.randint(1, 99)] for row in sheet.rows[3:3 + len(refs)]]
            sheets.append(sheet)
    path = write_workbook(tmp_path / "scorecards.xlsx", sheets)
    kp = perfkit.read_measures(path)
    assert sorted(kp.measure_id.unique()) == ["AD1", "AD2", "PL1"]
    assert kp.groupby("measure_id").period.nunique().eq(2).all()
    assert list(kp.drop_duplicates("measure_id").directorate) == ["Adults", "Adults", "Place"]


def test_the_briefing_of_a_scorecard_by_directorate_says_what_it_holds(tmp_path):
    import html

    from perfkit.present import briefing

    path, _truth = build_scorecards(tmp_path)
    kp = perfkit.read_measures(path)
    fig = perfkit.quarter_figures(None, kp, None)
    page = briefing.header("Anyshire", fig) + briefing.overview(fig) + briefing.measures(fig)
    assert "Performance measures in Quarter" in page and "Council Plan delivery" not in page
    assert "Measures by directorate" in page and "by priority" not in page
    for d in DIRECTORATES:
        assert f">{html.escape(d)}<" in page
    by_sheet = perfkit.quarter_figures(None, kp, None, by="sheet")
    assert by_sheet.by == "sheet" and set(by_sheet.measure_summary["sheet"]) - {"All"} == set(DIRECTORATES)


def test_summary_by_sheet(tmp_path, capsys):
    path, _truth = build_scorecards(tmp_path)
    assert main(["summary", str(path), "--by", "sheet", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["measures"]["groups"]) == set(DIRECTORATES)


@layout("sheet per directorate", "combined authority: a tab per portfolio, Mayoral commitment | SRO | Forecast completion | DCA Jun-24")
def build_mayoral_commitments(folder):
    said = {"Green": "Green", "Delivered": "Complete", "Amber": "Amber", "Red": "Red"}
    tabs = {"Transport": [("T1", "Green", "Delivered"), ("T2", "Amber", "Red")], "Housing": [("H1", "Red", "Amber"), ("H2", "Green", "Green")]}
    sheets, q2, dirs = [], {}, []
    for tab, items in tabs.items():
        rows = [["Anyshire Combined Authority - Mayoral Commitments Tracker"],
                [f"Portfolio: {tab}. Delivery Confidence Assessment (DCA) at September 2024"], [],
                ["Ref", "Mayoral commitment", "SRO", "Forecast completion", "DCA Jun-24", "DCA Sep-24", "Narrative / key risks"]]
        for ref, jun, sep in items:
            rows.append([ref, f"Commitment {ref}", f"Director of {tab}", day(2025, 3, 31), jun, sep, f"Narrative {ref}"])
            q2[said[sep]] = q2.get(said[sep], 0) + 1
            dirs.append(tab)
        sheets.append(SheetSpec(tab, rows))
    path = write_workbook(folder / "mayoral_commitments.xlsx", sheets)
    return path, Truth({"milestones": 4}, "2024/25 Q2", {"milestones": q2},
                       {"milestones": {"directorate": dirs, "lead": [f"Director of {d}" for d in dirs]}}, {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def _castleford(tmp_path):
    """Directorate tabs numbering their rows 1, 2, 3: Place's with a 'Service' column of its own; Resources' KPIs with
    its key projects in a second table under them."""
    adults = [["Adults and Health – Quarter 3 2024/25"], [], ["Ref", "Key milestones", "Deadline", "Status Q2", "Status Q3"],
              [1, "Open the carers' hub", day(2024, 10, 31), "G", "C"], [2, "Review day services", day(2024, 11, 30), "A", "A"]]
    place = [["Place Directorate – Quarter 3 2024/25"], [], ["Ref", "Key milestones", "Service", "Deadline", "Status Q2", "Status Q3"],
             [1, "Submit the Local Plan", "Planning", day(2025, 3, 31), "G", "G"],
             [2, "Complete the bus interchange", "Regeneration", day(2024, 12, 31), "A", "R"]]
    resources = [["Resources Directorate – Quarter 3 2024/25"], [], ["Key performance indicators"],
                 ["Ref", "KPI", "Good is", "Target", "Q2", "Q3", "RAG", "Comments"],
                 ["R1", "Council tax collected (%)", "High", "84.0%", "56.1%", "83.6%", "A", None],
                 ["R2", "Days lost to sickness per FTE", "Low", 9.0, 9.4, 9.2, "A", None], [],
                 ["Key projects"], ["Ref", "Project", "Lead", "Due", "Q2", "Q3", "Comments"],
                 ["P1", "Replace the finance system", "Head of Finance", day(2025, 4, 30), "A", "A", "Testing behind plan."],
                 ["P2", "Move to the new data centre", "Head of ICT", day(2024, 11, 30), "G", "C", "Completed 16 November."]]
    return write_workbook(tmp_path / "return.xlsx", [SheetSpec("Adults", adults), SheetSpec("Place", place), SheetSpec("Resources", resources)])


def test_row_numbers_two_directorate_tabs_share_are_two_items_though_one_tab_names_its_services(tmp_path):
    """Place's own 'Service' column kept the tabs' names from telling 'Adults 1' from 'Place 1': refused as a clash."""
    ms = perfkit.read_milestones(_castleford(tmp_path))
    assert {"Adults 1", "Adults 2", "Place 1", "Place 2"} <= set(ms.milestone_id)
    # the tabs are the directorates: Place's own 'Service' column is a grouping within it, never a directorate beside Adults
    by = ms.drop_duplicates("milestone_id").groupby("directorate")["milestone_id"].count().to_dict()
    assert by == {"Adults": 2, "Place": 2, "Resources": 2}, by
    assert set(ms.loc[ms.milestone_id.str.startswith("Place"), "Service"]) == {"Planning", "Regeneration"}


def test_a_second_table_of_another_kind_under_a_directorates_kpis_is_read_as_that_kind(tmp_path):
    """Resources' 'Key projects' (Ref | Project | Lead | Due | Q2 | Q3) under its KPIs were read as more measures, its
    lead's names as polarities and its statuses as figures (errors); with the fix they were set aside with a note only."""
    path = _castleford(tmp_path)
    ms, kp = perfkit.read_milestones(path), perfkit.read_measures(path)
    assert sorted(set(kp.measure_id)) == ["R1", "R2"]
    mine = ms[ms.source.str.startswith("Resources")]
    assert sorted(set(mine.milestone_id)) == ["P1", "P2"]
    assert dict(zip(mine[mine.period == mine.period.max()].milestone_id, mine[mine.period == mine.period.max()].status)) == {"P1": "Amber", "P2": "Complete"}
    assert any("a second table under the first, its header at row 9" in p.message for p in ms.attrs["problems"])


def test_init_writes_one_section_for_a_sheet_of_two_tables_and_validate_accepts_it(tmp_path):
    """init wrote [sheets."Resources"] twice (a measures stub and the milestones), which is no valid TOML; an officer who
    deleted the first lost the KPIs without a word."""
    import tomllib

    from perfkit.cli.starter import starter_text

    path = _castleford(tmp_path)
    text = starter_text(path)
    doc = tomllib.loads(text)  # one section for the sheet
    assert "kind" not in doc["sheets"]["Resources"] and "# Read as measures (header at row 4)" in text
    (tmp_path / "perfkit.toml").write_text(text)
    report = perfkit.validate(path)
    assert not report.errors and report.items.get("measures") == 2 and report.items.get("milestones") == 6, report.items



def test_a_profile_named_by_the_directorate_and_reference_perfkit_reads_is_applied(tmp_path):
    """Tabs per directorate numbering their measures 1, 2, 3...: perfkit reads them as 'Resources 1'..., so an officer
    names the profile so; it was accepted as a measure's reference and then never applied (a straight line, or none)."""
    head = ["No.", "Measure", "Polarity", "2024/25 Target", "Q1", "Q2", "RAG"]
    tabs = [SheetSpec("Adults", [["Adults scorecard 2024/25"], head, [1, "Reviews completed (%)", "High", "90%", "88%", "91%", "G"],
                                 [2, "Carers assessed", "High", 400, 95, 190, "G"]]),
            SheetSpec("Resources", [["Resources scorecard 2024/25"], head,
                                    [1, "Council tax collected (cumulative)", "High", "96.5%", "28.4%", "55.9%", "G"],
                                    [2, "Days lost to sickness per FTE", "Low", 10, 11, 10.6, "A"]])]
    path = write_workbook(tmp_path / "scorecard.xlsx", tabs)
    (tmp_path / "perfkit.toml").write_text('[measures.profiles]\n"Resources 1" = [28, 55.5, 80, 96.5]\n')
    m = perfkit.read_measures(path)
    tax = m[m["measure_id"] == "Resources 1"].set_index("period")["target"]
    assert tax.to_dict() == {perfkit.parse_span("2024/25 Q1").end: 28, perfkit.parse_span("2024/25 Q2").end: 55.5}
    assert m[m["measure_id"] == "Adults 1"]["target"].tolist() == [90, 90]  # the other directorate's 1 is not profiled


def _two_directorates_sharing_refs(tmp_path, shared=True):
    sheets = []
    for k, (tab, names) in enumerate( (("Place", ["Planning applications in time", "Bins collected on time", "Street lights repaired"]),
                       ("People", ["Care reviews done", "Carers assessed", "Complaints upheld"]))):
        rows = [[f"{tab} directorate KPIs - Quarter 2 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q2 actual"]]
        rows += [[str(i + 3 * k * (not shared)), n, "Higher" if i < 3 else None, 80 if i < 3 else 50, 85 if i < 3 else 40] for i, n in enumerate(names, 1)]
        sheets.append(SheetSpec(tab, rows))
    return write_workbook(tmp_path / "kpis.xlsx", sheets)


@pytest.mark.parametrize("key, lower, shared", [("Place 3", {"Place 3"}, True), ("3", {"Place 3", "People 3"}, True),
                                               ("Place 3", {"3"}, False)])
def test_a_polarity_line_for_a_reference_the_tabs_share(tmp_path, key, lower, shared):
    """`"Place 3" = "lower"`, the reference as perfkit shows it, was ignored without a word; `"3" = "lower"` applied to
    both tabs' 3 while a warning said the line was not used."""
    path = _two_directorates_sharing_refs(tmp_path, shared)
    (tmp_path / "perfkit.toml").write_text(f'[measures.polarity]\n"{key}" = "lower"\n')
    kp = perfkit.read_measures(path)
    got = dict(zip(kp["measure_id"], kp["polarity"].astype(str)))
    assert {m for m, p in got.items() if p == "lower"} == lower
    said = [p.message for p in perfkit.validate(path) if "[measures.polarity] names" in p.message]
    assert not [m for m in said if "not used" in m]
    assert bool(said) == (key == "3")  # the line naming both tabs' 3 is said to apply to each; "Place 3" names Place's own 3


def test_a_service_plan_with_an_action_column_and_percent_complete_is_an_action_plan(tmp_path):
    """A district's service plan, a tab per service: `Action ref | Action | Target date | % complete | RAG` was read as
    milestones on a tie said only in a note, so the brief had no % complete and spoke of milestones."""
    def tab(prefix):
        return [[f"{prefix} service plan 2024/25 - Quarter 2"], ["Action ref", "Action", "Target date", "% complete", "RAG"],
                [f"{prefix[:2].upper()}1", "Review the licensing policy", day(2025, 3, 31), 0.5, "Green"],
                [f"{prefix[:2].upper()}2", "Procure the new inspection system", day(2024, 8, 31), 0.4, "Red"],
                [f"{prefix[:2].upper()}3", "Train officers on the new act", day(2024, 12, 31), 1.0, "Green"]]
    path = write_workbook(tmp_path / "service_plans.xlsx", [SheetSpec("Environmental Health", tab("Environmental Health")),
                                                            SheetSpec("Planning", tab("Planning"))])
    assert list(perfkit.read_workbook(path)) == ["actions"]


def test_a_tab_per_priority_titled_with_its_quarter_names_the_priority_without_it(tmp_path):
    """Tabs titled 'Priority: Thriving Economy – Quarter 1 2024/25': the priority on the committee's page and in the JSON
    was 'Thriving Economy – Quarter 1 2024/25', the tab's quarter kept in its name."""
    def tab(name, ref):
        return SheetSpec(name, [[f"Priority: {name} – Quarter 1 2024/25"], [],
                                ["Ref", "Action", "Lead", "Target date", "Status"],
                                [f"{ref}1", "Deliver the first step", "Head of Service", day(2025, 3, 31), "On track"],
                                [f"{ref}2", "Deliver the second step", "Head of Service", day(2024, 6, 30), "Achieved"]])
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [tab("Thriving Economy", "EC"), tab("Healthy Communities", "HC")]))
    assert list(dict.fromkeys(ms["priority"])) == ["Thriving Economy", "Healthy Communities"]
