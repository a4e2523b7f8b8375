"""Reading a whole workbook: every sheet, as whichever kind it holds.

:func:`read_workbook` and :func:`validate` survey the workbook with the engine
(:mod:`perfkit.read.engine`) and read each kind registered in :mod:`perfkit.read.kinds`.
"""

from __future__ import annotations

from pathlib import Path
import pandas as pd
from perfkit.core.collector import without_collector
from perfkit.core.errors import ConfigError, LayoutError, Problem, Report, SheetEntry, ValidationError
from perfkit.read.spec import get_kind, kind_names
from perfkit.read.workbook import open_workbook
from perfkit.read.engine import plan_problems, read_kind, options, survey
from perfkit.read.advice import kind_advice, unread_advice


def _split_kwargs(kwargs: dict) -> dict:
    allowed = {"sheet", "columns", "year", "period", "scale", "header_row", "config"}
    bad = set(kwargs) - allowed
    if bad:
        raise ConfigError(f"unknown reader option{'s' * (len(bad) > 1)}: {', '.join(sorted(bad))}")
    return kwargs


@without_collector  # as read_kind: a read's cost is its own (perfkit.core.collector)
def _read_kinds(path, kinds: list[str], report_only: bool, kwargs: dict):
    """Survey the workbook once, then read each kind it holds; every sheet ends up read or reported."""
    kwargs = _split_kwargs(kwargs)
    opts = options(path, **kwargs)
    book = open_workbook(path, opts.config)
    try:
        return _read_surveyed(path, kinds, report_only, kwargs, opts, book)
    finally:
        book.forget_sheets()


def _read_surveyed(path, kinds: list[str], report_only: bool, kwargs: dict, opts, book):
    plans = survey(book, opts, kinds=None)
    results: dict = {}
    problems: list[Problem] = []
    inventory: list[SheetEntry] = []
    wanted = [k for k in kinds if any(p.kind == k for p in plans)]
    for plan in plans:
        if plan.kind is not None and plan.kind not in kinds:
            inventory.append(SheetEntry(plan.name, None, 0, [], "not read", f"holds {plan.kind}; not asked for"))
        elif plan.kind is None:
            inventory.append(SheetEntry(plan.name, None, 0, [], "not read", plan.note, plan.severity))
    for kind in wanted:
        try:
            result = read_kind(kind, path, report_only, kwargs, plans=plans, book=book)
        except ValidationError as exc:
            problems.extend(exc.problems)
            inventory.extend(SheetEntry(p.name, kind, 0, [], "errors") for p in plans if p.kind == kind)
            continue
        results[kind] = result
        inventory.extend(result.inventory if report_only else result.attrs["inventory"])
    sheet_problems = plan_problems(plans, book)
    order = {name: i for i, name in enumerate(book.sheet_names)}
    inventory.sort(key=lambda e: order.get(e.sheet, 0))
    if not results and not problems:
        asked = " or ".join(kinds) if len(kinds) < 3 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
        listed = "\n".join(f"  {p.name!r}: {p.note if p.kind is None else f'holds {p.kind}, not asked for'}" for p in plans[:8])
        listed += f"\n  ... and {len(plans) - 8} more" if len(plans) > 8 else ""
        advice = unread_advice(book, plans, opts)
        other = next((p for p in plans if p.kind is not None), None)
        if not advice and len(kinds) == 1 and other is not None:
            advice = kind_advice(book, other.name, kinds[0], opts)
        name = Path(path).name
        raise LayoutError(
            f"{name}: perfkit found no sheet it can read as {asked}:\n{listed}",
            hint=(advice + "\n" if advice else "No sheet looks like a table of items; if one is, say what it holds in perfkit.toml.\n")
            + f"`perfkit init {name}` writes perfkit.toml with these lines for every sheet; fill in each \"\", then run "
            f"`perfkit validate {name}` (see README: mapping a workbook perfkit does not recognise).",
        )
    return results, problems, sheet_problems, inventory


def validate(path, kind: str | None = None, **kwargs) -> Report:
    """Every problem in a workbook, errors included, without raising for bad cells.

    Parameters
    ----------
    path : str or Path
    kind : str, optional
        What to look for (``"milestones"``, ``"measures"``...); by default every kind, each where a sheet fits.
    **kwargs
        Passed to the readers (sheet, columns, year, period, scale, header_row, config).

    Returns
    -------
    Report
        Empty of errors when the workbook loads cleanly; ``report.inventory`` lists every sheet.

    Raises
    ------
    WorkbookError, LayoutError
        When the file cannot be read at all, or no sheet fits.
    """
    kinds = [kind] if kind else kind_names()
    for k in kinds:
        get_kind(k)
    reports, problems, sheet_problems, inventory = _read_kinds(path, kinds, True, kwargs)
    out = Report(_dedupe([*sheet_problems, *problems, *(p for r in reports.values() for p in r)]))
    out.inventory = inventory
    out.items = {k: n for r in reports.values() for k, n in r.items.items()}
    return out


def read_workbook(path, kind: str | None = None, **kwargs) -> dict[str, pd.DataFrame]:
    """Read whatever a workbook holds: ``{"milestones": frame, "measures": frame, ...}`` for the kinds it has.

    Every sheet is read as the kind whose header fits it, or reported: the problems of
    sheets not read are in each frame's ``attrs["problems"]`` and the whole inventory in
    ``attrs["inventory"]``. ``columns`` may map headers for every kind, or be split by kind.
    Errors from every kind present are raised together in one ValidationError.
    """
    kinds = [kind] if kind else kind_names()
    frames, problems, sheet_problems, inventory = _read_kinds(path, kinds, False, kwargs)
    if problems:
        raise ValidationError(Path(path).name, _dedupe([*sheet_problems, *problems, *(p for f in frames.values() for p in f.attrs["problems"])]))
    for f in frames.values():
        f.attrs["problems"] = _dedupe([*sheet_problems, *f.attrs["problems"]])
        f.attrs["inventory"] = inventory
    return frames


def _dedupe(problems) -> list[Problem]:
    return list(dict.fromkeys(problems))
