"""CLI commands built on the analysis and briefing layers: ``summary`` and ``brief``."""

from __future__ import annotations

import json
import sys


def cmd_summary(args, read_kwargs) -> int:
    from .cli import read_frames, report_period
    from .figures import quarter_figures
    from .narrative import summary_lines

    frames, _ = read_frames(args, " (check them before quoting these figures)")
    ms, kp = frames.get("milestones"), frames.get("measures")
    if ms is None and kp is None and "actions" in frames:  # an action plan only (perfkit.actions)
        from .actions import print_summary

        return print_summary(frames["actions"], args.period, as_json=args.json)
    if ms is None and kp is None and frames.get("risks") is not None:
        return _risks_only(frames["risks"], args)  # a workbook that holds only a risk register (issue 11)
    from .cli import check_group_column

    if args.by is not None:  # asked for: refuse a column it cannot group by (the default, priority, is used where present)
        check_group_column(args.by, ms, kp)
    fig = quarter_figures(ms, kp, report_period(args.period, frames), by=args.by or "priority",
                          method="largest_remainder" if args.largest_remainder else "half_up")
    risks = _risks_summary(frames.get("risks"), fig)
    if args.json:
        from .annual import summary_doc  # a year or half-year adds its "annual" object (issue 13)

        doc = {**fig.to_dict(), **summary_doc(kp, args.period)}
        if "actions" in frames:  # the workbook's action plan at this period (perfkit.actions)
            from .actions import summary_object

            doc["actions"] = summary_object(frames["actions"], fig.period)
        if risks:
            doc["risks"] = risks.to_dict()
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(fig):
        print(line)
    if risks:
        from .narrative import risk_paragraph

        print(risk_paragraph(risks))
    return 0


def _risks_only(risks, args) -> int:
    from .narrative import risk_paragraph
    from .periods import period_label
    from .risks import assessment_for, risk_summary

    summary = risk_summary(risks, assessment_for(risks, report_period_or_none(args.period, risks)))
    if args.json:
        p = summary.period
        json.dump({"period": period_label(p) if p is not None else None, "risks": summary.to_dict()}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(risk_paragraph(summary))
    return 0


def report_period_or_none(period, risks):
    from .cli import report_period

    return report_period(period, {"risks": risks}) if period else None


def _risks_summary(risks, fig):
    """The risk register's figures for the briefing's quarter (issue 11), or None without a register."""
    if risks is None or not len(risks):
        return None
    from .risks import assessment_for, risk_summary

    return risk_summary(risks, assessment_for(risks, getattr(fig, "period", None)))


def cmd_brief(args, read_kwargs) -> int:
    from .cli import read_frames, report_period
    from .publish import build_briefing

    frames, warned = read_frames(args)
    if warned and not args.accept_warnings:
        print("perfkit brief publishes nothing while there are warnings: check each one (perfkit validate lists them "
              "with their cells), correct the workbook or perfkit.toml, or run again with --accept-warnings.", file=sys.stderr)
        return 1
    period = report_period(args.period, frames)
    notebook = args.notebook
    if notebook is None and set(frames) == {"actions"}:  # an action plan only: its own briefing (perfkit.actions)
        from .publish import find_notebook

        notebook = str(find_notebook("action_plan.ipynb"))
    path = build_briefing(
        args.path, _label(period) if hasattr(period, "freqstr") else period,
        council=args.council, out_dir=args.out, notebook=notebook, published=args.date, xlsx=args.xlsx,
        progress=lambda m: print(m, file=sys.stderr, flush=True), reader=read_kwargs(args),
    )
    print(path)
    if args.xlsx:
        print(path.with_suffix(".xlsx"))
    return 0


def _label(period) -> str:
    from .periods import period_label

    return period_label(period)


def add_commands(sub, reader_args, read_kwargs) -> None:
    p = sub.add_parser("summary", help="print the quarter's figures: RAG mix, measures meeting target, changes",
                       description="Print the milestone summary, the measures meeting target and the changes since the previous quarter.")
    reader_args(p)
    p.add_argument("--by", default=None, help="group the figures by this column (default: priority, where the workbook has one)")
    p.add_argument("--largest-remainder", action="store_true", help="round so that each group's percentages sum to 100")
    p.add_argument("--json", action="store_true", help="write the figures as a JSON document (see README) instead")
    p.set_defaults(func=lambda a: cmd_summary(a, read_kwargs))

    p = sub.add_parser("brief", help="build the quarterly briefing as one accessible, self-contained HTML file",
                       description="Run the briefing notebook on a workbook with papermill and write one HTML file with nbconvert.")
    reader_args(p)
    p.add_argument("--accept-warnings", action="store_true", help="publish even though reading the workbook raised warnings (they are printed)")
    p.add_argument("--council", default="Council", help="the council's name, for the title")
    p.add_argument("--out", help="folder to write to (default: reports/ under the project root)")
    p.add_argument("--notebook", help="an adapted copy of notebooks/quarterly_briefing.ipynb to run instead")
    p.add_argument("--date", help="publication date to show, e.g. 2024-11-05 (default: today)")
    p.add_argument("--xlsx", action="store_true", help="also write the committee appendix workbook beside the HTML")
    p.set_defaults(func=lambda a: cmd_brief(a, read_kwargs))
