"""A quarter's returns as services send them, and the one combined workbook they add up to, built from the same items.

Three directorates each return one workbook a quarter (Q1 and Q2 of 2024/25), holding only that quarter's statuses,
commentary, targets and actuals; the quarter is named only in the title row and the file name. ``combined`` lays the
same items out as one workbook with a column per quarter, the truth the returns read together must give.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

DIRECTORATES = {"Adult Social Care": "ASC", "Children's Services": "CS", "Place": "PL"}
PRIORITIES = ["A thriving place", "A thriving place", "Healthy lives"]
# Each directorate's three milestones, statuses for Q1 and Q2 (one declines, two improve or hold).
STATUSES = {"ASC": (["Green", "Amber", "Red"], ["Green", "Green", "Amber"]),
            "CS": (["Amber", "Amber", "Green"], ["Red", "Green", "Complete"]),
            "PL": (["Red", "Green", "Amber"], ["Amber", "Green", "Amber"])}
# Each directorate's two measures: (target Q1, actual Q1, target Q2, actual Q2), higher is better.
MEASURES = {"ASC": [(80, 75, 80, 82), (60, 61, 60, 58)],
            "CS": [(90, 91, 90, 93), (50, 40, 50, 49)],
            "PL": [(80, 78, 80, 83), (70, 72, 70, 65)]}


def file_name(directorate: str, q: int) -> str:
    return f"{directorate.lower().replace(chr(39), '').replace(' ', '_')}_q{q}_2024-25.xlsx"


def write_return(folder: Path, directorate: str, q: int, moved: dict | None = None) -> Path:
    """One directorate's return for quarter ``q``: a milestones sheet and a KPIs sheet, the quarter only in the title and name.

    ``moved`` gives a measure's target for this quarter where it differs (``{"PLK2": 75}``).
    """
    code = DIRECTORATES[directorate]
    title = f"{directorate} - Quarter {q} 2024/25 performance return"
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append([title])
    ws.append([])
    ws.append(["Ref", "Priority", "Milestone", "Lead officer", "Due date", "Status", "Commentary"])
    for i, status in enumerate(STATUSES[code][q - 1]):
        ws.append([f"{code}{i + 1}", PRIORITIES[i], f"{directorate} milestone {i + 1}", f"Head of {code} {i + 1}",
                   dt.date(2024, 9, 30) if i == 2 else dt.date(2025, 3, 31), status, f"{code}{i + 1} update for Q{q}"])
    kp = wb.create_sheet("KPIs")
    kp.append([title])
    kp.append([])
    kp.append(["Ref", "Priority", "Measure", "Unit", "Polarity", "Target", "Actual", "Commentary"])
    for i, figures in enumerate(MEASURES[code]):
        ref = f"{code}K{i + 1}"
        target = (moved or {}).get(ref, figures[2 * (q - 1)])
        kp.append([ref, PRIORITIES[i], f"{directorate} measure {i + 1}", "%", "Higher", target, figures[2 * (q - 1) + 1], f"Q{q} note"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(directorate, q)
    wb.save(path)
    return path


def write_returns(root: Path, moved: dict | None = None) -> tuple[Path, Path]:
    """The Q1 and Q2 folders of returns, one workbook per directorate per quarter; ``moved`` applies to Q2."""
    q1, q2 = root / "2024-25-q1", root / "2024-25-q2"
    for d in DIRECTORATES:
        write_return(q1, d, 1)
        write_return(q2, d, 2, moved)
    return q1, q2


def combined(path: Path) -> Path:
    """The same items as one workbook: a directorate column, a status and commentary column per quarter, targets and actuals per quarter."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Council Plan 2024/25 milestones"])
    ws.append([])
    ws.append(["Ref", "Directorate", "Priority", "Milestone", "Lead officer", "Due date",
               "Q1 2024/25 Status", "Q1 2024/25 Commentary", "Q2 2024/25 Status", "Q2 2024/25 Commentary"])
    for d, code in DIRECTORATES.items():
        for i in range(3):
            ws.append([f"{code}{i + 1}", d, PRIORITIES[i], f"{d} milestone {i + 1}", f"Head of {code} {i + 1}",
                       dt.date(2024, 9, 30) if i == 2 else dt.date(2025, 3, 31),
                       STATUSES[code][0][i], f"{code}{i + 1} update for Q1", STATUSES[code][1][i], f"{code}{i + 1} update for Q2"])
    kp = wb.create_sheet("KPIs")
    kp.append(["Council Plan 2024/25 measures"])
    kp.append([])
    kp.append(["Ref", "Directorate", "Priority", "Measure", "Unit", "Polarity",
               "Q1 2024/25 Target", "Q1 2024/25 Actual", "Q2 2024/25 Target", "Q2 2024/25 Actual"])
    for d, code in DIRECTORATES.items():
        for i, (t1, a1, t2, a2) in enumerate(MEASURES[code]):
            kp.append([f"{code}K{i + 1}", d, PRIORITIES[i], f"{d} measure {i + 1}", "%", "Higher", t1, a1, t2, a2])
    wb.save(path)
    return path
