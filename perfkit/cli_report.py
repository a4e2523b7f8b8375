"""CLI commands built on the analysis and briefing layers: ``summary`` and ``brief``."""

from __future__ import annotations

import json
import sys



def _frames(args, read_kwargs):
    from .load import read_workbook

    frames = read_workbook(args.path, **read_kwargs(args))
    return frames.get("milestones"), frames.get("measures")


def cmd_summary(args, read_kwargs) -> int:
    from .figures import quarter_figures
    from .narrative import summary_lines

    ms, kp = _frames(args, read_kwargs)
    from .cli import check_group_column

    check_group_column(args.by, ms, kp)
    fig = quarter_figures(ms, kp, args.period, by=args.by,
                          method="largest_remainder" if args.largest_remainder else "half_up")
    if args.json:
        json.dump(fig.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(fig):
        print(line)
    return 0


def cmd_brief(args) -> int:
    from .publish import build_briefing

    path = build_briefing(
        args.path, args.period, council=args.council, out_dir=args.out, notebook=args.notebook,
        published=args.date, xlsx=args.xlsx, progress=lambda m: print(m, file=sys.stderr, flush=True),
    )
    print(path)
    if args.xlsx:
        print(path.with_suffix(".xlsx"))
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

    p = sub.add_parser("brief", help="build the quarterly briefing as one accessible, self-contained HTML file",
                       description="Run the briefing notebook on a workbook with papermill and write one HTML file with nbconvert.")
    p.add_argument("path", help="the quarter's workbook")
    p.add_argument("--period", help="the quarter, e.g. '2023/24 Q2' (default: the latest in the workbook)")
    p.add_argument("--council", default="Council", help="the council's name, for the title")
    p.add_argument("--out", help="folder to write to (default: reports/ under the project root)")
    p.add_argument("--notebook", help="an adapted copy of notebooks/quarterly_briefing.ipynb to run instead")
    p.add_argument("--date", help="publication date to show, e.g. 2024-11-05 (default: today)")
    p.add_argument("--xlsx", action="store_true", help="also write the committee appendix workbook beside the HTML")
    p.set_defaults(func=cmd_brief)
