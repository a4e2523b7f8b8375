"""CLI commands built on the analysis and briefing layers: ``summary`` and ``brief``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import PerfkitError


def _frames(args, read_kwargs):
    from .load import read_workbook

    frames = read_workbook(args.path, **read_kwargs(args))
    return frames.get("milestones"), frames.get("measures")


def _latest(ms, kp):
    periods = set()
    for f in (ms, kp):
        if f is not None:
            periods |= set(f["period"].dropna())
    if not periods:
        raise PerfkitError("the workbook has no reported periods")
    return max(periods)


def cmd_summary(args, read_kwargs) -> int:
    from .figures import quarter_figures
    from .narrative import summary_lines

    ms, kp = _frames(args, read_kwargs)
    fig = quarter_figures(ms, kp, args.period or _latest(ms, kp), by=args.by,
                          method="largest_remainder" if args.largest_remainder else "half_up")
    if args.json:
        json.dump(fig.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(fig):
        print(line)
    return 0


def add_commands(sub, reader_args, read_kwargs) -> None:
    p = sub.add_parser("summary", help="print the quarter's figures: RAG mix, measures meeting target, changes",
                       description="Print the milestone summary, the measures meeting target and the changes since the previous quarter.")
    reader_args(p, kind=False)
    p.add_argument("--period", help="the quarter to report, e.g. '2023/24 Q2' (default: the latest in the workbook)")
    p.add_argument("--by", default="priority", help="group the figures by this column (default: priority)")
    p.add_argument("--largest-remainder", action="store_true", help="round so that each group's percentages sum to 100")
    p.add_argument("--json", action="store_true", help="write the figures as a JSON document (see README) instead")
    p.set_defaults(func=lambda a: cmd_summary(a, read_kwargs))
