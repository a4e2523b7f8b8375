"""Headers that date a column by its month, as officers write a position: ``Progress Sept 24 | Progress Dec 24 |
Commentary Dec 24`` in a quarterly tracker, ``Mid-year update (Sept 2024) RAG`` beside an undated ``Mid-year % complete``
in a six-monthly action plan. Each column is the quarter or half-year its month ends; a column headed as commentary
stays the commentary even where its text repeats the status word; an undated column takes the year of the sheet's
dated ones, said."""

from __future__ import annotations

import random

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit

WORDS = {"Achieved": "Complete", "On schedule": "Green", "Minor slippage": "Amber", "Major slippage": "Red",
         "Not commenced": "Not started"}


@layout("positions by month", "Progress Sept 24 | Progress Dec 24 | Commentary Dec 24 under priority and objective rows")
def build_progress_by_month(folder):
    rng = random.Random(91)
    rows = [["Council Plan 2024-25 - Delivery monitoring"], [],
            ["Ref", "What we will do", "Lead officer", "Deadline", "Progress Sept 24", "Progress Dec 24", "Commentary Dec 24"]]
    q3: dict[str, int] = {}
    refs = []
    for p in (1, 2):
        rows.append([f"Priority {p}: Priority number {p}"])
        for o in (1, 2):
            rows.append([f"Objective {p}.{o}: Objective {p}.{o}"])
            for a in (1, 2):
                ref = f"{p}.{o}.{a}"
                refs.append(ref)
                sept, dec = rng.choice(list(WORDS)), rng.choice(list(WORDS)[:4])
                if len(refs) == 1:
                    sept = "Not commenced"
                q3[WORDS[dec]] = q3.get(WORDS[dec], 0) + 1
                rows.append([ref, f"Action {ref}", f"Lead {p}", day(2025, 3, 31), sept, dec, f"{dec}."])
    path = write_workbook(folder / "council_plan_2024-25.xlsx", [SheetSpec("Council Plan 2024-25", rows)])
    return path, Truth({"milestones": len(refs)}, "2024/25 Q3", {"milestones": q3}, {"milestones": {"milestone_id": refs}},
                       {"milestones": ["2024/25 Q2", "2024/25 Q3"]})


def test_the_commentary_column_stays_the_commentary_beside_the_progress_column(tmp_path):
    path, _ = build_progress_by_month(tmp_path)
    ms = perfkit.read_milestones(path)
    q3 = ms[ms["period"] == perfkit.parse_span("2024/25 Q3").end]
    assert all(c.endswith(".") for c in q3["commentary"]) and (q3["commentary"].str.rstrip(".") != "").all()


@layout("positions by month", "six-monthly action plan: 'Mid-year update (Sept 2024) RAG' beside an undated 'Mid-year % complete'")
def build_dated_half_years(folder):
    rng = random.Random(92)
    rows = [["ILACS inspection - post-inspection action plan"], [],
            ["Recommendation", "Action ref", "Action", "Responsible", "Completion by", "Mid-year update (Sept 2024) RAG",
             "Mid-year % complete", "Year-end update (March 2025) RAG", "Year-end % complete"]]
    h2: dict[str, int] = {}
    refs = []
    for r in (1, 2, 3):
        for a in (1, 2):
            ref = f"R{r}.{a}"
            refs.append(ref)
            first, second = rng.choice("GAR"), rng.choice("GARC")
            h2[{"G": "On track", "A": "At risk", "R": "Behind schedule", "C": "Complete"}[second]] = \
                h2.get({"G": "On track", "A": "At risk", "R": "Behind schedule", "C": "Complete"}[second], 0) + 1
            rows.append([f"R{r} Recommendation {r}", ref, f"Action {ref}", "Officer", day(2025, 3, 31), first, 0.4,
                         second, 1 if second == "C" else 0.7])
    rows += [[], ["Key: C = Complete, G = On track, A = At risk, R = Behind schedule"]]
    path = write_workbook(folder / "action_plan.xlsx", [SheetSpec("Ofsted action plan", rows, number_formats={"G4:G9": "0%", "I4:I9": "0%"})])
    return path, Truth({"actions": len(refs)}, "2024/25 H2", {"actions": h2}, {"actions": {"action_id": refs}},
                       {"actions": ["2024/25 H1", "2024/25 H2"]})


def test_an_undated_column_takes_the_year_of_the_sheets_dated_columns_and_says_so(tmp_path):
    path, _ = build_dated_half_years(tmp_path)
    acts = perfkit.read_actions(path)
    said = [p.message for p in acts.attrs["problems"] if p.severity == "info"]
    assert any("'Mid-year % complete', 'Year-end % complete' name no year: read in 2024/25" in m for m in said)
    assert not [p for p in acts.attrs["problems"] if p.severity != "info"]
