"""CLI commands built on the analysis and briefing layers: ``summary`` and ``brief``."""

from __future__ import annotations

import gc
import io
import json
import sys
from pathlib import Path

from perfkit.cli.common import (
    add_store_options,
    check_by,
    check_group_column,
    counted,
    first_workbook,
    give_back_memory,
    named,
    names_a_year,
    paths_of,
    print_problems,
    read_frames,
    reading_store,
    report_period,
)
from perfkit.core.errors import ConfigError


def cmd_summary(args, read_kwargs) -> int:
    from perfkit.analyse.figures import quarter_figures  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.present.narrative import summary_lines  # deferred: `brief` launches its kernel before pandas loads here

    frames, warned = read_frames(args, " (check them before quoting these figures)")
    # the warnings the figures stand under, in the JSON too: a script reading it alone took them as final
    args.warned = [{"source": p.source, "message": p.message} for p in warned]
    ms, kp = frames.get("milestones"), frames.get("measures")
    if args.by is None:  # perfkit.toml's [briefing] by = "..." is the grouping this workbook is reported by
        from perfkit.core.config import load_config  # deferred: `brief` launches its kernel before pandas loads here

        args.by = load_config(getattr(args, "config", None), workbook=args.path).briefing.get("by")
    if args.by is not None and ms is None and kp is None:
        check_by(args.by, frames)  # an action plan by one of its columns; a register alone: refused, never ignored
    if ms is None and kp is None and "actions" in frames:  # an action plan only (perfkit.read.kinds.actions)
        from perfkit.present.actions import print_summary  # deferred: `brief` launches its kernel before pandas loads here

        return print_summary(frames["actions"], args.period, as_json=args.json, by=args.by, risks=frames.get("risks"),
                             warnings=args.warned)
    if ms is None and kp is None and frames.get("risks") is not None:
        return _risks_only(frames["risks"], args)  # a workbook that holds only a risk register (issue 11)
    acts = frames.get("actions")
    if acts is not None and args.period and not _has_period(args.period, frames, ms, kp) and _has_period(args.period, frames, acts):
        # a half-year of the action plan where the milestones or measures (a service plan's outturns) have none
        from perfkit.present.actions import print_summary  # deferred: `brief` launches its kernel before pandas loads here

        print(f"perfkit: note: the {' and '.join(k for k, f in (('milestones', ms), ('measures', kp)) if f is not None)} have no "
              f"figures for {args.period}: the action plan's figures only", file=sys.stderr)
        return print_summary(acts, args.period, as_json=args.json, warnings=args.warned)

    if args.by is not None:  # asked for: refuse a column it cannot group by (the default, priority, is used where present)
        check_group_column(args.by, ms, kp)
    fig = quarter_figures(ms, kp, report_period(args.period, frames), by=args.by or "priority",
                          method="largest_remainder" if args.largest_remainder else "half_up")
    risks = _risks_summary(frames.get("risks"), fig, args.period is not None)
    if args.json:
        from perfkit.analyse.annual import summary_doc  # deferred: `brief` launches its kernel before pandas loads here; a year or half-year adds its "annual" object (issue 13)

        doc = {**fig.to_dict(), **summary_doc(kp, args.period if args.period is not None else _year_only(kp, fig.period))}
        if "actions" in frames:  # the workbook's action plan at this period (perfkit.read.kinds.actions)
            from perfkit.analyse.actions import summary_object  # deferred: `brief` launches its kernel before pandas loads here

            at = _actions_at(lambda a, p: summary_object(a, p, by=args.by), frames["actions"], fig.period, args.period is not None)
            if at is not None:
                doc["actions"] = at
        if risks:
            doc["risks"] = risks.to_dict()
        doc["warnings"] = args.warned
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(fig):
        print(line)
    if acts is not None:  # the workbook's action plan at this period, or its latest (a six-monthly plan)
        from perfkit.analyse.actions import action_summary  # deferred: `brief` launches its kernel before pandas loads here
        from perfkit.present.actions import summary_lines as action_lines  # deferred: `brief` launches its kernel before pandas loads here

        at = _actions_at(lambda a, p: action_summary(a, p), acts, fig.period, args.period is not None)
        if at is not None:
            print()
            for line in action_lines(at):
                print(line)
    if risks:
        from perfkit.present.narrative import risk_paragraph  # deferred: `brief` launches its kernel before pandas loads here

        print(risk_paragraph(risks))
    return 0


def _year_only(kp, period):
    """The financial year (``2023/24``) where the latest period's measures are all whole years' outturns (a service plan
    of annual figures), so that ``summary --json`` gives its ``annual`` object unasked; else None."""
    from perfkit.analyse.figures import years_only  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.core.periods import financial_year  # deferred: as above

    return financial_year(period) if years_only(kp, period) else None


def _has_period(period, frames, *kinds) -> bool:
    """Whether any of the frames (milestones, measures) has figures for ``period`` (as asked, ``Q2`` or ``2024/25 H1``)."""
    from perfkit.core.periods import parse_span  # deferred: `brief` launches its kernel before pandas loads here

    try:
        p = report_period(period, frames)
        end = parse_span(p).end if isinstance(p, str) else p
    except Exception:  # an unreadable period is refused, with its message, by the figures
        return True
    return any(f is not None and (f["period"] == end).any() for f in kinds)


def _actions_at(summarise, actions, period, asked: bool = True):
    """An action plan's figures at ``period`` or its latest before it; for a plan that starts later, None where the period
    was asked for (never a later period's figures under the quarter asked for), else its latest, said."""
    from perfkit.analyse.actions import cadence_of, latest_up_to, period_text  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.core.periods import period_label  # deferred: `brief` launches its kernel before pandas loads here

    latest = actions["period"].dropna().max() if len(actions) else None
    if not asked and latest is not None and latest > period and actions["period"].dropna().min() <= period:
        # no period asked: the plan at its own latest, said (one that starts after the period is said below)
        print(f"perfkit: note: the action plan's latest position, {period_text(latest, cadence_of(actions))}, is after "
              f"{period_label(period)}, the latest of the other figures: the plan is summarised at its own latest", file=sys.stderr)
        return summarise(actions, latest)
    try:
        return summarise(actions, latest_up_to(actions, period))
    except ConfigError:
        if not asked:  # no quarter asked for: each part of the workbook at its own latest, said
            latest = actions["period"].dropna().max()
            print(f"perfkit: note: the action plan starts after {period_label(period)}: its figures are for its latest period, "
                  f"{period_text(latest, cadence_of(actions))}", file=sys.stderr)
            return summarise(actions, latest)
        first = actions["period"].dropna().min()
        print(f"perfkit: note: the action plan's first period is {period_text(first, cadence_of(actions))}, after "
              f"{period_label(period)}: its actions are not summarised for {period_label(period)}", file=sys.stderr)
        return None


def _risks_only(risks, args) -> int:
    from perfkit.present.narrative import risk_paragraph  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.core.periods import first_period_after, period_label  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.analyse.risks import assessment_for, risk_summary  # deferred: `brief` launches its kernel before pandas loads here

    asked = report_period_or_none(args.period, risks)
    first = first_period_after(risks.get("period"), asked) if asked is not None else None
    if first is not None:  # a quarter before the register's first assessment: never a later one's risks under it
        raise ConfigError(f"the risk register's first assessment is for {period_label(first)}, after {period_label(asked)}: "
                          f"it has nothing to report for {period_label(asked)}", hint=f"Run it again with --period \"{period_label(first)}\".")
    summary = risk_summary(risks, assessment_for(risks, asked))
    if args.json:
        p = summary.period
        json.dump({"period": period_label(p) if p is not None else None, "risks": summary.to_dict(),
                   "warnings": getattr(args, "warned", [])}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(risk_paragraph(summary))
    return 0


def report_period_or_none(period, risks):
    return report_period(period, {"risks": risks}) if period else None


def _risks_summary(risks, fig, asked: bool = True):
    """The risk register's figures for the briefing's quarter (issue 11), or None without a register (or, for a quarter
    asked for, one first assessed after it)."""
    if risks is None or not len(risks):
        return None
    from perfkit.analyse.risks import assessment_for, risk_summary  # deferred: `brief` launches its kernel before pandas loads here
    from perfkit.core.periods import first_period_after, period_label  # deferred: as above

    first = first_period_after(risks.get("period"), getattr(fig, "period", None)) if asked else None
    if first is not None:  # never a later quarter's assessment under the quarter asked for
        print(f"perfkit: note: the risk register's first assessment is for {period_label(first)}, after "
              f"{period_label(fig.period)}: its risks are not summarised for {period_label(fig.period)}", file=sys.stderr)
        return None
    return risk_summary(risks, assessment_for(risks, getattr(fig, "period", None)))


CHECK_LINES = 60  # the checks printed on the terminal; the file has them all


def refusal(args, warned: list) -> str:
    """Why ``brief`` published nothing: every warning reading the workbook raised, with its cell, and how to go on."""
    name = named(args)
    lines = [f"perfkit brief published nothing: reading {name} raised {counted(len(warned), 'warning')}:"]
    buffer = io.StringIO()
    print_problems(warned, args, out=buffer)
    lines += buffer.getvalue().rstrip("\n").splitlines()
    lines += [
        "Check each one: correct the workbook (or perfkit.toml, where a warning gives the line to put there) and run "
        f"again; `perfkit validate {' '.join(paths_of(args)) if len(paths_of(args)) > 1 else Path(args.path).name}` lists them" + ("" if getattr(args, "all", False) else ", with --all every cell") + ".",
        "If each is as it should be, run again with --accept-warnings: the briefing is published and its checks list them.",
    ]
    return "\n".join(lines)


class _Refused(Exception):
    """Reading the workbook raised warnings the officer has not accepted: publish nothing."""


def cmd_brief(args, read_kwargs) -> int:
    # The garbage collector waits while the command imports what it needs and checks its arguments, and is kept off what
    # that made once the kernel is launched (see start): its full passes walked those objects again and again, all of
    # which live as long as the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _brief(args, read_kwargs, collecting)
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()  # what the run set aside from the garbage collector is its again, in a process that goes on


def _brief(args, read_kwargs, collecting: bool = True) -> int:
    from perfkit.publish.notebook import Background, NotebookError, find_notebook, publish_briefing  # deferred: keeps `perfkit --help` fast
    from perfkit.core.config import load_config  # deferred: `brief` launches its kernel before pandas loads here

    # perfkit.toml's [briefing] table gives defaults (council, meeting date, period); the command line wins.
    saved = load_config(getattr(args, "config", None), workbook=first_workbook(args)).briefing
    asked = args.period or saved.get("period")
    if args.by is None:
        args.by = saved.get("by")
    held: dict = {}  # the frames read here, handed to the notebook's kernel (read once) and let go here as they are
    if asked and not names_a_year(str(asked)):
        # "Q2" takes its year from the data, so the workbook is read first.
        if collecting:
            gc.enable()
        frames, warned = read_frames(args, quiet=not args.accept_warnings)
        if warned and not args.accept_warnings:
            print(refusal(args, warned), file=sys.stderr)
            return 1
        reading = None
        if args.by is not None:  # asked for: refused before a kernel starts if no sheet has it
            check_by(args.by, frames)
        if _as_the_kernel_reads(args):
            held["frames"] = frames
    else:
        # Read while the kernel boots (begun once it is launched); checked before the notebook runs.
        # Quiet: the kernel's start-up hides this process's stderr meanwhile, so a refusal prints the warnings itself.
        frames, reading = None, Background(_gate_reading, args, held, start=False)

    def gate():  # publish_briefing calls gate.start() once its kernel is launched, and gate() once the notebook has run
        if reading is not None:
            found, warned, wrong_by = reading.result()  # raises the reading's own error, if it had one
            if warned and not args.accept_warnings:
                raise _Refused()
            if wrong_by is not None:  # asked for: refused before anything is written if no sheet has it
                raise wrong_by
            if args.notebook is None and _own_notebook(found):
                raise _Refused("own notebook")

    def start():  # the gate's reading, done while the kernel boots: a refusal comes before the notebook runs
        # What this process has made so far, its imports above all, lives as long as the run: set aside from the garbage
        # collector's full passes, which walked it again at each one (a fifth of a second of a briefing's run).
        gc.freeze()
        if collecting:
            gc.enable()
        try:
            gate()
        except BaseException:
            held.clear()
            raise

    gate.start = start

    def run(notebook, period):
        date = args.date or saved.get("date")
        paths = paths_of(args)
        if notebook is not None and Path(notebook).name in OWN_NOTEBOOKS.values():
            from perfkit.read.several import workbook_paths  # deferred: `brief` launches its kernel before pandas loads here

            files = workbook_paths(paths).files  # a folder holding the one register: its workbook
            if len(files) > 1:
                raise ConfigError(f"{Path(notebook).name} briefs one action plan or risk register at a time, and {len(files)} "
                                  "workbooks were given", hint="Give the plan's or the register's own workbook.")
            paths = [str(files[0])] if files else paths
        return publish_briefing(
            paths[0] if len(paths) == 1 else paths, _label(period) if hasattr(period, "freqstr") else period,
            council=args.council or saved.get("council") or "Council", out_dir=args.out, notebook=notebook,
            published=str(date) if date is not None else None, xlsx=args.xlsx, docx=args.docx, pdf=args.pdf, force=args.force,
            progress=lambda m: print(m, file=sys.stderr, flush=True), reader=read_kwargs(args),
            compare=args.compare, area=args.area, family=args.family, gate=gate, by=args.by, store=reading_store(args),
            frames=lambda: held.pop("frames", None),
        )

    notebook = args.notebook
    if frames is not None and notebook is None and _own_notebook(frames):
        notebook = str(find_notebook(_own_notebook(frames)))  # an action plan or a risk register only: its own briefing
    period = report_period(asked, frames) if frames is not None else asked
    del frames  # held for the kernel, if it can take them, and let go once handed over
    try:
        out = run(notebook, period)
    except (_Refused, NotebookError) as exc:
        if reading is None:
            raise
        found, warned, _ = reading.result()  # the reading's own error, if it had one, is the real cause
        if warned and not args.accept_warnings:
            print(refusal(args, warned), file=sys.stderr)
            return 1
        if notebook is None and _own_notebook(found):  # an action plan or a risk register only: its own briefing
            reading = None
            out = run(str(find_notebook(_own_notebook(found))), period)
        else:
            raise exc from None
    # The officer's checks go to the terminal (stderr, so that stdout stays the list of files written) and beside the
    # briefing; a long list is cut on the terminal only, saying so, and is whole in the file.
    lines = out.checks_text.splitlines()
    if len(lines) > CHECK_LINES:
        lines = [*lines[:CHECK_LINES], f"  ... and {len(lines) - CHECK_LINES} more lines: open {out.checks}"]
    text = "\n".join(lines)
    print(f"\nChecks before publishing (also in {out.checks.name}):\n{text}\n", file=sys.stderr, flush=True)
    for path in out.paths:
        print(path)
    return 0


def _gate_reading(args, held: dict) -> tuple[dict, list, ConfigError | None]:
    """What the warnings gate needs of the workbook, read while the kernel boots: the kinds read, the warnings, and the
    refusal of a ``--by`` column no sheet has. The frames go into ``held``, for the kernel to be handed rather than read
    the workbook again, where they are what it would read; else they are let go here."""
    frames, warned = read_frames(args, "", True)
    wrong_by = None
    if args.by is not None:
        try:
            check_by(args.by, frames)
        except ConfigError as exc:  # raised by the gate in its turn, after the warnings
            wrong_by = exc
    kinds = dict.fromkeys(frames)
    if _as_the_kernel_reads(args):
        held["frames"] = frames
    else:
        del frames
        give_back_memory()
    return kinds, warned, wrong_by


def _as_the_kernel_reads(args) -> bool:
    """Whether the frames read for the gate are those the notebook would read: its reading has the command's options
    but for ``--kind``, which limits the gate's reading only."""
    return getattr(args, "kind", None) is None


# A workbook holding only one of these kinds is briefed with its own notebook (the quarterly one needs milestones or measures).
OWN_NOTEBOOKS = {"actions": "action_plan.ipynb", "risks": "risk_register.ipynb"}


def _own_notebook(frames: dict) -> str | None:
    """An action plan's or a risk register's own briefing, where the workbook holds no milestones or measures: the plan's
    where it has both (the register a section of it), never the quarterly briefing of neither."""
    if len(frames) == 1:
        return OWN_NOTEBOOKS.get(next(iter(frames)))
    if "milestones" in frames or "measures" in frames:
        return None
    if "actions" in frames:  # the register beside it (a RAID log's risks) is a section of the plan's briefing
        return OWN_NOTEBOOKS.get("actions")
    return OWN_NOTEBOOKS.get("risks") if "risks" in frames else None


def _label(period) -> str:
    from perfkit.core.periods import period_label  # deferred: `brief` launches its kernel before pandas loads here

    return period_label(period)


BY_HELP = ("group the figures by this column, or by sheet (default: priority, where the workbook fills it in; else its "
           "directorate, objective, service or area)")


def add_commands(sub, reader_args, read_kwargs) -> None:
    p = sub.add_parser("summary", help="print the quarter's figures: RAG mix, measures meeting target, changes",
                       description="Print the milestone summary, the measures meeting target and the changes since the previous quarter.")
    reader_args(p)
    p.add_argument("--by", default=None, help=BY_HELP)
    p.add_argument("--largest-remainder", action="store_true", help="round so that each group's percentages sum to 100")
    p.add_argument("--json", action="store_true", help="write the figures as a JSON document (see README) instead")
    add_store_options(p)
    p.set_defaults(func=lambda a: cmd_summary(a, read_kwargs))

    p = sub.add_parser("brief", help="build the quarterly briefing as one accessible, self-contained HTML file (and Word, PDF)",
                       description="Run the briefing notebook on a workbook with papermill and write one HTML file with nbconvert, "
                                   "the officer's checks beside it (…-checks.html, also printed), and Word or PDF copies when asked. "
                                   "The arguments are checked before the notebook starts.")
    reader_args(p)
    p.add_argument("--by", default=None, help=BY_HELP)
    p.add_argument("--accept-warnings", action="store_true", help="publish even though reading the workbook raised warnings (they are printed)")
    add_store_options(p)
    p.add_argument("--compare", metavar="FILE", help="published comparison data (LG Inform, Oflog, LGBF CSV or Excel) for a 'How we compare' section")
    p.add_argument("--area", help="the council's name or code in the --compare file (default: --council)")
    p.add_argument("--family", action="append", metavar="AREA", help="a comparator council for the family median (repeatable)")
    p.add_argument("--council", help="the council's name, for the title and the file names (default: perfkit.toml's [briefing] council)")
    p.add_argument("--out", help="folder to write to (default: reports/ under the project root)")
    p.add_argument("--notebook", help="an adapted copy of notebooks/quarterly_briefing.ipynb to run instead")
    p.add_argument("--date", metavar="DATE", help="the meeting or publication date shown in the header, e.g. 5/11/2024 (day first) or 2024-11-05 (default: perfkit.toml's [briefing] date, else today)")
    p.add_argument("--xlsx", action="store_true", help="also write the committee appendix workbook beside the HTML")
    p.add_argument("--docx", action="store_true", help="also write the briefing as a Word document (.docx) beside the HTML")
    p.add_argument("--pdf", action="store_true", help="also print the briefing to PDF with headless Chromium (`make browser` installs it)")
    p.add_argument("--force", action="store_true", help="replace files perfkit did not write, or that were changed since (without it, brief replaces only its own "
                   "set for the same workbook and period)")
    p.set_defaults(func=lambda a: cmd_brief(a, read_kwargs))
