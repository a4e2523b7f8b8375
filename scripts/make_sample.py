"""Build the bundled sample: a fictional council's 2023/24 delivery plan workbook.

Run ``make sample`` (or ``python scripts/make_sample.py``). The output is
deterministic: the same script writes the same cells every time. It is laid out
the way officers lay workbooks out (title rows, priorities as merged section
rows, statuses typed in several ways, one status given only as a fill colour,
numbers typed as text, a key below the table) so that the demo goes through
the real loading path.

Northbrook District Council is fictional; so are its officers and figures.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "raw" / "sample_council_2023-24.xlsx"

FILL = {"G": "00B050", "A": "FFC000", "R": "FF0000", "B": "0070C0"}
TYPED = {  # how different services type the same status
    "G": ["G", "Green", "green ", "On track", "GREEN"],
    "A": ["A", "Amber", "amber", "Some slippage"],
    "R": ["R", "Red"],
    "B": ["Complete", "Blue", "Completed"],
}

PRIORITIES = [
    ("A thriving local economy", "Director of Place", [
        ("Adopt the town centre regeneration masterplan", "Head of Regeneration", "2023-09-15"),
        ("Open the Northbrook enterprise hub to start-up businesses", "Economic Development Manager", "2024-03-31"),
        ("Launch the shop front improvement grant scheme", "Economic Development Manager", "2023-07-31"),
        ("Deliver the UK Shared Prosperity Fund year 2 programme", "Head of Regeneration", "2024-03-31"),
        ("Complete the market hall refurbishment", "Head of Property", "2024-01-31"),
        ("Agree the local skills plan with the further education college", "Economic Development Manager", "2023-12-31"),
        ("Run the business rates relief awareness campaign", "Revenues Manager", "2023-10-31"),
        ("Procure the digital high street footfall counters", "Head of Regeneration", "2023-11-30"),
        ("Publish the visitor economy strategy", "Tourism Officer", "2024-02-29"),
        ("Bring the vacant Station Road units back into use", "Head of Property", "2024-03-31"),
        ("Secure funding for the riverside cycle link", "Transport Planning Manager", "2024-03-31"),
        ("Hold the annual Northbrook business awards", "Economic Development Manager", "2023-11-30"),
        ("Review the council's social value procurement policy", "Procurement Manager", "2023-12-31"),
    ]),
    ("Healthy, safe communities", "Director of Communities", [
        ("Open the new community hub in Eastfield", "Head of Communities", "2023-10-31"),
        ("Deliver 120 disabled facilities grant adaptations", "Private Sector Housing Manager", "2024-03-31"),
        ("Adopt the homelessness and rough sleeping strategy", "Housing Options Manager", "2023-09-15"),
        ("Launch the warm spaces network for winter", "Head of Communities", "2023-11-30"),
        ("Refresh the community safety partnership plan", "Community Safety Manager", "2023-07-31"),
        ("Complete the leisure centre changing rooms refit", "Leisure Contract Manager", "2024-02-29"),
        ("Extend the social prescribing pilot to two more surgeries", "Health and Wellbeing Lead", "2024-03-31"),
        ("Install defibrillators in every parish hall", "Health and Wellbeing Lead", "2023-12-31"),
        ("Review the temporary accommodation procurement", "Housing Options Manager", "2024-01-31"),
        ("Deliver the summer holiday activities and food programme", "Head of Communities", "2023-09-15"),
        ("Introduce the landlord licensing scheme consultation", "Private Sector Housing Manager", "2024-03-31"),
        ("Train 200 staff in safeguarding awareness", "Community Safety Manager", "2024-03-31"),
        ("Agree the armed forces covenant action plan", "Head of Communities", "2023-11-30"),
    ]),
    ("A greener Northbrook", "Director of Environment", [
        ("Roll out food waste collections to all households", "Head of Waste Services", "2024-03-31"),
        ("Install 40 public electric vehicle charge points", "Climate Change Officer", "2024-03-31"),
        ("Publish the annual carbon reduction report", "Climate Change Officer", "2023-07-31"),
        ("Plant 5,000 trees on council land", "Parks and Open Spaces Manager", "2024-03-31"),
        ("Retrofit solar panels on the civic offices", "Head of Property", "2023-12-31"),
        ("Adopt the local cycling and walking infrastructure plan", "Transport Planning Manager", "2023-10-31"),
        ("Replace ten refuse vehicles with low-emission models", "Head of Waste Services", "2024-03-31"),
        ("Launch the community litter-pick equipment loan scheme", "Street Scene Manager", "2023-08-31"),
        ("Complete the flood alleviation works at Mill Lane", "Drainage Engineer", "2024-02-29"),
        ("Review the biodiversity net gain guidance for developers", "Planning Policy Manager", "2023-12-31"),
        ("Declare two new local nature reserves", "Parks and Open Spaces Manager", "2024-03-31"),
        ("Switch street lighting to LED in the remaining wards", "Street Scene Manager", "2024-03-31"),
    ]),
]

# Status per quarter for each of the 38 milestones, in order (G, A, R, B).
# At Q2: 30 progressing well (Green or Complete) and 8 Amber, as the demo's figures quote.
PLAN = (
    "GGGG GGGB AAGG GGGG GGAA AGGG GBBB GGGG GAAG GGGG AAAA GGGB GBBB "
    "GGGB GGGG GGBB GGGG BBBB GGGG RAGG GGGB GGGG AAAG GGGG GGAG GGGG "
    "GGGG GGGG BBBB GGGG GGGB GGAG GGGG BBBB AAAG GGGG AAGA GAGG"
).split()

COMMENT = {
    "G": ["Work is progressing to plan.", "On schedule; next stage agreed with partners.", "Delivery on track against the project plan."],
    "A": ["Some slippage: contractor availability has delayed the start.", "Awaiting partner sign-off; revised date to be agreed.", "Costs are higher than budgeted; options under review."],
    "R": ["Significant delay: funding decision deferred to next quarter.", "Project paused pending legal advice."],
    "B": ["Completed.", "Complete and handed over to the service."],
}

# How each measure performs against its target over the eight quarters.
PROFILES = {
    "good": [0.03, 0.05, 0.02, 0.04, 0.03, 0.06, 0.02, 0.04],
    "steady": [0.01, 0.02, 0.0, 0.02, 0.01, 0.015, 0.02, 0.03],
    "close": [0.02, -0.01, -0.03, 0.01, -0.02, -0.03, -0.01, 0.01],
    "poor": [-0.04, -0.07, -0.09, -0.06, -0.1, -0.08, -0.12, -0.09],
    "improving": [-0.12, -0.1, -0.08, -0.07, -0.05, -0.02, 0.01, 0.03],
}

MEASURES = [
    # ref, name, priority index, unit, polarity, frequency, targets (22/23, 23/24), profile, tolerance
    ("ECO01", "Business start-ups supported", 0, "number", "Higher", "Quarterly", (30, 32), "good", "10%"),
    ("ECO02", "Town centre vacancy rate", 0, "%", "Lower", "Quarterly", (12, 11), "close", "5%"),
    ("ECO03", "Footfall in the town centre (thousands)", 0, "number", "Higher", "Quarterly", (410, 420), "steady", ""),
    ("ECO04", "Invoices paid within 30 days", 0, "%", "Higher", "Quarterly", (95, 96), "steady", "2"),
    ("ECO05", "Council tax collected", 0, "%", "Higher", "Quarterly", (97, 97.5), "close", ""),
    ("ECO06", "Residents in employment", 0, "%", "Higher", "Annual", (76, 77), "good", ""),
    ("COM01", "Households prevented from becoming homeless", 1, "number", "Higher", "Quarterly", (60, 65), "good", ""),
    ("COM02", "Households in temporary accommodation", 1, "number", "Lower", "Quarterly", (45, 40), "poor", "5"),
    ("COM03", "Average days to process new housing benefit claims", 1, "days", "Lower", "Quarterly", (20, 18), "improving", ""),
    ("COM04", "Disabled facilities grants completed", 1, "number", "Higher", "Quarterly", (28, 30), "steady", ""),
    ("COM05", "Leisure centre visits (thousands)", 1, "number", "Higher", "Quarterly", (95, 100), "good", ""),
    ("COM06", "Anti-social behaviour incidents reported", 1, "number", "Lower", "Quarterly", (300, 290), "good", ""),
    ("COM07", "Residents satisfied with their local area", 1, "%", "Higher", "Annual", (80, 82), "close", ""),
    ("ENV01", "Household waste recycled or composted", 2, "%", "Higher", "Quarterly", (48, 50), "improving", "5%"),
    ("ENV02", "Residual waste per household (kg)", 2, "kg", "Lower", "Quarterly", (110, 105), "steady", ""),
    ("ENV03", "Fly-tipping incidents cleared within 5 working days", 2, "%", "Higher", "Quarterly", (90, 92), "poor", ""),
    ("ENV04", "Missed bin collections per 100,000", 2, "number", "Lower", "Quarterly", (60, 55), "good", ""),
    ("ENV05", "Council carbon emissions (tonnes CO2e)", 2, "number", "Lower", "Annual", (5200, 4900), "improving", ""),
    ("ENV06", "Major planning applications decided in time", 2, "%", "Higher", "Quarterly", (60, 65), "good", ""),
    ("ENV07", "Public electric vehicle charge points", 2, "number", "None", "Quarterly", (None, None), "none", ""),
]


def _fmt(value: float, unit: str, rng: random.Random) -> object:
    """Write a value the way a service might: a number, or text such as '79%' or '1,234'."""
    if unit == "%":
        v = round(value, 1)
        return f"{v:g}%" if rng.random() < 0.3 else v
    v = round(value) if abs(value) >= 50 or unit in ("number",) else round(value, 1)
    if v >= 1000 and rng.random() < 0.5:
        return f"{v:,}"
    return v


def build(path: Path = OUT) -> Path:
    rng = random.Random(2324)
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    bold = Font(bold=True)
    ws["A1"] = "Northbrook District Council"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Council Plan 2023/24: delivery plan milestones, quarterly progress"
    ws["A3"] = "Prepared by the Performance and Improvement Team"
    header = ["Ref", "Milestone / Action", "Lead officer", "Directorate", "Due date"]
    for q in range(1, 5):
        header += [f"Q{q} Status", f"Q{q} Commentary"]
    for c, h in enumerate(header, start=1):
        ws.cell(row=5, column=c, value=h).font = bold
    row = 6
    n = 0
    for p_index, (priority, directorate, items) in enumerate(PRIORITIES, start=1):
        ws.cell(row=row, column=1, value=f"Priority {p_index}: {priority}").font = bold
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(header))
        row += 1
        for title, lead, due in items:
            plan = PLAN[n]
            n += 1
            ws.cell(row=row, column=1, value=f"M{n:02d}")
            ws.cell(row=row, column=2, value=title)
            ws.cell(row=row, column=3, value=lead)
            ws.cell(row=row, column=4, value=directorate)
            due_date = dt.date.fromisoformat(due)
            ws.cell(row=row, column=5, value=due_date).number_format = "DD/MM/YYYY"
            for q, code in enumerate(plan):
                cell = ws.cell(row=row, column=6 + 2 * q)
                # One service records its status as a fill colour only.
                if not (n == 5 and q == 1):
                    cell.value = rng.choice(TYPED[code])
                cell.fill = PatternFill("solid", fgColor=FILL[code])
                ws.cell(row=row, column=7 + 2 * q, value=rng.choice(COMMENT[code]))
            row += 1
        row += 1  # a blank row between sections
    ws.cell(row=row + 1, column=1, value="Key: G = on track, A = some slippage, R = significant issues, Blue = complete")
    ws.cell(row=row + 2, column=1, value="Source: service returns collected by the Performance and Improvement Team")
    ws.freeze_panes = "A6"
    for col, width in zip("ABCDE", (8, 60, 32, 26, 12)):
        ws.column_dimensions[col].width = width

    ms = wb.create_sheet("Measures")
    ms["A1"] = "Northbrook District Council"
    ms["A1"].font = Font(bold=True, size=14)
    ms["A2"] = "Key performance indicators 2023/24 (with 2022/23 for comparison)"
    quarters = [f"Q{q} {y}" for y in ("2022/23", "2023/24") for q in range(1, 5)]
    mheader = ["Ref", "Measure", "Priority", "Unit", "Good performance is", "Frequency", "Tolerance",
               "2022/23 Target", "2023/24 Target", *quarters, "Q4 RAG", "Q4 Commentary"]
    for c, h in enumerate(mheader, start=1):
        cell = ms.cell(row=4, column=c, value=h)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True)
    r = 5
    for ref, name, p_index, unit, polarity, freq, targets, profile, tol in MEASURES:
        values = [ref, name, PRIORITIES[p_index][0], unit, polarity, freq, tol]
        values += [("n/a" if t is None else (f"{t}%" if unit == "%" and rng.random() < 0.4 else t)) for t in targets]
        for i in range(8):
            if freq == "Annual" and i % 4 != 3:
                values.append("")
                continue
            if ref == "COM06" and i == 6:
                values.append("-")  # not yet available when the return was made
                continue
            if profile == "none":
                values.append(12 + 3 * i)
                continue
            target = targets[i // 4]
            better = PROFILES[profile][i] + rng.uniform(-0.005, 0.005)
            v = target * (1 + better) if polarity == "Higher" else target * (1 - better)
            values.append(_fmt(v, unit, rng))
        last = values[-1]
        last_value = float(str(last).rstrip("%").replace(",", "")) if last not in ("", "-") else None
        target = targets[1]
        if target is None or last_value is None:
            rag, comment = "", "Reported for information; no target is set."
        else:
            better = last_value >= target if polarity == "Higher" else last_value <= target
            rag = "G" if better else ("A" if abs(last_value - target) <= 0.05 * abs(target) else "R")
            comment = {"G": "Meeting target.", "A": "Just short of target; recovery plan in place.", "R": "Below target; see the service's improvement actions."}[rag]
        if ref == "ENV03":
            rag = "G"  # the service's own RAG disagrees with the figures: a data fault to catch
        values += [rag, comment]
        for c, v in enumerate(values, start=1):
            ms.cell(row=r, column=c, value=v if v != "" else None)
        r += 1
    add_council_tax_profile(ms, mheader, first_row=5)
    ms.cell(row=r + 1, column=1, value="Note: annual measures are reported at Q4; '-' means not yet available.")
    for col, width in zip("AB", (8, 52)):
        ms.column_dimensions[col].width = width
    ms.freeze_panes = "C5"
    add_improvement_plan(wb)
    add_risk_register(wb)
    add_service_plan(wb)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path


# The peer challenge's recommendations and the actions agreed under each (issue 12): ref, action, lead, target date,
# then (status, % complete) at September 2023 and at March 2024; None where the action did not exist yet.
IMPROVEMENT_PLAN = [
    ("Recommendation 1: Strengthen governance and decision making", [
        ("1.1", "Review the constitution and scheme of delegation", "Monitoring Officer", "2023-12-31", ("On track", 0.5), ("Complete", 1)),
        ("1.2", "Publish a forward plan of key decisions", "Democratic Services Manager", "2023-09-30", ("Complete", 1), ("Complete", 1)),
        ("1.3", "Member development programme on scrutiny", "Democratic Services Manager", "2024-06-30", ("Not started", 0), ("On track", 0.4)),
        ("1.10", "Annual governance statement action tracker", "Monitoring Officer", "2024-03-31", ("On track", 0.3), ("Behind schedule", 0.6)),
    ]),
    ("Recommendation 2: Secure the council's financial sustainability", [
        ("2.1", "Refresh the medium term financial strategy", "Chief Finance Officer", "2023-11-30", ("On track", 0.6), ("Complete", 1)),
        ("2.2", "Agree a three-year savings programme", "Chief Finance Officer", "2024-02-29", ("At risk", 0.3), ("Delayed", 0.7)),
        ("2.3", "Review of the council's property assets", "Head of Property", "2024-03-31", ("On track", 0.2), ("No longer required", None)),
        ("2.4", "Asset management strategy", "Head of Property", "2024-09-30", None, ("On track", 0.15)),
    ]),
    ("Recommendation 3: Invest in the workforce", [
        ("3.1", "Workforce strategy and action plan", "Head of HR", "2023-12-31", ("On track", 0.5), ("At risk", 0.8)),
        ("3.2", "Grow-our-own apprenticeship scheme", "Head of HR", "2024-09-30", ("Not started", 0), ("On track", 0.25)),
        ("3.3", "Staff survey and response plan", "Head of HR", "2023-10-31", ("Complete", 1), ("Complete", 1)),
    ]),
]


def add_improvement_plan(wb) -> None:
    """An improvement plan sheet: numbered recommendation rows, text refs (1.10), six-monthly status and % complete."""
    ws = wb.create_sheet("Improvement plan")
    ws["A1"] = "Northbrook District Council"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Corporate peer challenge 2023: improvement plan, six-monthly progress 2023/24"
    header = ["Ref", "Action", "Lead officer", "Target date", "Status at Sep 2023", "% complete Sep 2023",
              "Status at March 2024", "% complete March 2024", "Progress commentary"]
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    row = 5
    for heading, actions in IMPROVEMENT_PLAN:
        ws.cell(row=row, column=1, value=heading).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(header))
        row += 1
        for ref, action, lead, due, h1, h2 in actions:
            ws.cell(row=row, column=1, value=ref).number_format = "@"  # refs are text: 1.10 is not 1.1
            ws.cell(row=row, column=2, value=action)
            ws.cell(row=row, column=3, value=lead)
            ws.cell(row=row, column=4, value=dt.date.fromisoformat(due)).number_format = "DD/MM/YYYY"
            for col, half in ((5, h1), (7, h2)):
                if half is None:
                    continue
                ws.cell(row=row, column=col, value=half[0])
                if half[1] is not None:
                    ws.cell(row=row, column=col + 1, value=half[1]).number_format = "0%"
            latest = h2[0]
            ws.cell(row=row, column=9, value={"Complete": "Completed and signed off.", "On track": "Progressing to plan.",
                                              "At risk": "Some slippage; mitigations agreed.", "Delayed": "Behind the agreed timetable.",
                                              "Behind schedule": "Behind the agreed timetable.",
                                              "No longer required": "Superseded by the asset management strategy (2.4)."}[latest])
            row += 1
    for col, width in zip("ABCDEFGHI", (8, 52, 28, 12, 14, 12, 14, 12, 48)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"

# ref, risk, owner, inherent (impact, likelihood), Q1 residual, Q2 residual, target score, Q2 direction, mitigation
RISKS = [
    ("CR01", "Funding gap in the medium-term financial plan", "Director of Finance", (5, 5), (4, 4), (5, 4), 12, "Increasing",
     "Savings programme, reserves strategy and quarterly budget monitoring"),
    ("CR02", "Cyber attack disrupts council services", "Head of Digital", (5, 4), (4, 4), (4, 3), 8, "Decreasing",
     "Patching, offline backups, staff training and a tested recovery plan"),
    ("CR03", "Recruitment and retention in key professions", "Head of HR", (4, 4), (3, 4), (3, 4), 9, "No change",
     "Market supplements, apprenticeships and a workforce plan"),
    ("CR04", "Safeguarding failure for a child or adult at risk", "Director of Communities", (5, 3), (4, 2), (4, 2), 8, "No change",
     "Mandatory training, case audits and the safeguarding partnership"),
    ("CR05", "Delay to the town centre regeneration programme", "Head of Regeneration", (4, 4), (3, 3), (3, 2), 6, "Decreasing",
     "Programme board, contractor monitoring and contingency budget"),
    ("CR06", "Council buildings not adapted to flooding and heat", "Head of Estates", (3, 4), (3, 3), (3, 3), 6, "No change",
     "Climate adaptation plan and building condition surveys"),
    ("CR07", "Failure of a major contractor", "Head of Procurement", (4, 3), (3, 2), (3, 2), 6, "No change",
     "Financial checks on bidders and contingency plans for key contracts"),
    ("CR08", "Information governance breach", "Data Protection Officer", (4, 3), (3, 2), (3, 3), 6, "Increasing",
     "Data protection training, access reviews and breach reporting"),
]


def add_risk_register(wb: Workbook) -> None:
    """A 5x5 corporate risk register: 'Inherent risk' and one band per quarter over Impact | Likelihood | Score."""
    ws = wb.create_sheet("Risk register")
    bold = Font(bold=True)
    ws["A1"] = "Northbrook District Council"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Corporate risk register 2023/24"
    bands = [(4, "Inherent risk"), (7, "Residual risk 2023/24 Q1"), (10, "Residual risk 2023/24 Q2")]
    for col, label in bands:
        ws.cell(row=4, column=col, value=label).font = bold
        ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 2)
    header = ["Ref", "Risk", "Risk owner", *["Impact", "Likelihood", "Score"] * 3, "Target score", "Direction of travel", "Mitigating actions"]
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=5, column=c, value=h)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True)
    for r, (ref, title, owner, inh, q1, q2, target, direction, mitigation) in enumerate(RISKS, start=6):
        values = [ref, title, owner]
        for impact, likelihood in (inh, q1, q2):
            values += [impact, likelihood, impact * likelihood]
        values += [target, direction, mitigation]
        for c, v in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=v)
    last = 6 + len(RISKS)
    ws.cell(row=last + 1, column=1, value="Key: scores are impact x likelihood; 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high")
    for col, width in zip("ABC", (8, 48, 26)):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["O"].width = 50
    ws.freeze_panes = "D6"


# Council tax is collected through the year: a cumulative measure whose target at each quarter is a profile of the annual one.
COUNCIL_TAX_PROFILE = {"2022/23": (28.8, 56.2, 83.5, 97), "2023/24": (29, 56.5, 84, 97.5)}


def add_council_tax_profile(ws, header: list[str], first_row: int) -> None:
    """Mark ECO05 (council tax collected) as cumulative, give its profiled target for each quarter, and its year-to-date figures.

    The figures keep the same distance from target as before (so every status is unchanged), now against the profile.
    """
    col = len(header) + 1
    extra = ["Cumulative"] + [f"Q{q} {y} profile" for y in COUNCIL_TAX_PROFILE for q in range(1, 5)]
    for i, h in enumerate(extra):
        cell = ws.cell(row=first_row - 1, column=col + i, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    refs = {ws.cell(row=r, column=1).value: r for r in range(first_row, ws.max_row + 1)}
    r = refs["ECO05"]
    ws.cell(row=r, column=col, value="Yes")
    first_quarter = header.index("Q1 2022/23") + 1
    for i, (year, profile) in enumerate(COUNCIL_TAX_PROFILE.items()):
        for q, target in enumerate(profile):
            ws.cell(row=r, column=col + 1 + 4 * i + q, value=target)
            better = PROFILES["close"][4 * i + q]
            ws.cell(row=r, column=first_quarter + 4 * i + q, value=round(target * (1 + better), 1))


SERVICE_PLAN = [
    # ref, indicator, good is, 2022/23 outturn, 2023/24 outturn, 2023/24 target, level achieved, trend, 2024/25 target
    ("RB01", "New housing benefit claims processed within 20 days", "Higher", 0.88, 0.91, 0.90, "Achieved", "Improving", 0.92),
    ("RB02", "Average days to process a change of circumstances", "Lower", 9.0, 8.2, 8.0, "Not achieved", "Improving", 7.5),
    ("RB03", "Business rates collected in the year", "Higher", 0.981, 0.984, 0.98, "Achieved", "Improving", 0.985),
    ("RB04", "Council tax support claims assessed accurately", "Higher", 0.97, 0.96, 0.97, "Achieved", "Same", 0.97),
    ("RB05", "Customer calls answered within two minutes", "Higher", "n/a", 0.74, 0.80, "Not achieved", "New measure", 0.80),
]


def add_service_plan(wb) -> None:
    """A service plan's performance table: two years' outturns, last year's target and level achieved, trend, next year's target.

    RB04's "Achieved" is a planted contradiction (96% against 97%), for the report's checks to catch.
    """
    ws = wb.create_sheet("Service plan")
    ws["A1"] = "Revenues and Benefits: service plan 2024/25"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Performance indicators: outturns and targets"
    header = ["Ref", "Performance indicator", "Good performance is", "2022/23 outturn", "2023/24 outturn", "2023/24 target",
              "Level achieved 2023/24", "Trend", "2024/25 target"]
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=4, column=c, value=h)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for r, values in enumerate(SERVICE_PLAN, start=5):
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, float) and v < 1.5 and c in (4, 5, 6, 9):
                cell.number_format = "0.0%"
    ws.column_dimensions["B"].width = 52


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
