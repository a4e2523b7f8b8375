"""The action plan's sections of a briefing, as HTML, and its summary as lines of text.
"""

from __future__ import annotations

import re
import pandas as pd
from perfkit.core.periods import first_period_after, parse_span, period_label
from perfkit.core.status import StatusScale
from perfkit.analyse.actions import ActionSummary, latest_up_to, pick_period, scale_of, action_summary, action_thread, cadence_of, group_column
from perfkit.read.kinds.actions import heading_level, period_text
from perfkit.present.text import escape
from perfkit.present.briefing import published_day
from perfkit.core.schema import CONTENTS_MARK
from perfkit.present import charts
from perfkit.present import narrative
from perfkit.present import tables
from perfkit.core.status import DEFAULT_SCALE
from perfkit.present.narrative import action_changes_paragraph, actions_paragraph, overdue_paragraph
import json
import sys


def _section(ident: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(title)}</h2>\n{body}\n</section>'


def _group_noun(actions: pd.DataFrame) -> str:
    """What the plan's groups are called (``recommendation``, ``strategy``...), from their labels."""
    words = [heading_level(g)[0] for g in actions["group"].unique() if g]
    named = [w for w in words if w != "section"]
    return max(set(named), key=named.count) if named else actions.attrs.get("group_noun", "group")


def plan_title(actions: pd.DataFrame) -> str:
    """What a plan of actions is, as its briefing's title says it: an ``Improvement plan`` (recommendations), ``Audit
    recommendations``, a ``Council Plan update`` (objectives, strategies, tactics) or an ``Action plan``.

    Examples
    --------
    >>> plan_title(pd.DataFrame({"group": ["Recommendation 1: Governance"]}))
    'Improvement plan'
    >>> plan_title(pd.DataFrame({"group": ["Tactic 1.1: Homes"], "strategy": ["Strategy 1: Housing"]}))
    'Council Plan update'
    >>> plan_title(pd.DataFrame({"group": ["Priority 1: Tackling serious violence"]}))
    'Action plan'
    """
    noun = _group_noun(actions)
    if noun in ("recommendation", "improvement area"):
        return "Improvement plan"
    if noun == "audit":
        return "Audit recommendations"
    levels = [c for c in ("objective", "strategy", "tactic") if c in actions and actions[c].astype(str).str.strip().ne("").any()]
    if levels or noun in ("objective", "strategy", "tactic", "outcome"):
        return "Council Plan update"
    return "Action plan"  # priorities alone say nothing of whose plan it is: a partnership's has them too


def actions_header(title: str, actions: pd.DataFrame, period=None, published=None, workbook: str | None = None) -> str:
    """The title block of an action-plan briefing (``Improvement plan: progress at 2024/25 H2``), with the contents mark."""

    p = pick_period(actions, period)
    cad = cadence_of(actions)
    published = published_day(published)
    start = (p - (1 if cad == "half" else 0)).start_time
    covers = f"{start:%B %Y} to {p.end_time:%B %Y}"
    said = (actions.attrs.get("as_at") or {}).get(period_label(p, "quarter"))
    if said:  # a log dated within the period (a town council's, 2 October 2024): its position that day, not the quarter's
        day = pd.Timestamp(said)
        meta = f"Actions as at {day.day} {day:%B %Y}" + (", the day the log is dated" if day < p.end_time.normalize() else "")
    else:
        meta = f'Actions monitored {"six-monthly" if cad == "half" else "quarterly"}, {covers}'
    # ``workbook`` is not shown: the committee's page names no file (the officer's checks do)
    return (f'<header class="briefing-header"><h1>{escape(title)}: progress at {escape(period_text(p, cad))}</h1>'
            f'<p class="meta">{escape(meta)}. '
            f"Published {published.day} {published:%B %Y}.</p></header>\n{CONTENTS_MARK}")


def actions_section(actions: pd.DataFrame, period=None, title: str = "Action plan", by: str | None = None) -> str:
    """The briefing's action-plan section: narrative, per-group progress chart and table, overdue actions, changes.

    ``period`` may be a half-year (``"2024/25 H2"``) or a quarter. For a quarterly
    briefing, give the quarter: a plan monitored six-monthly is shown at the latest of
    its periods up to that quarter, and the section says which. ``by`` (``perfkit brief --by
    Council``) shows progress by that column of the plan where it has one, else by its own groups.

    Examples
    --------
    >>> from IPython.display import HTML  # doctest: +SKIP
    >>> HTML(actions_section(read_actions("plan.xlsx"), "2024/25 H2"))  # doctest: +SKIP
    """

    first = first_period_after(actions.get("period"), period)
    if first is not None:  # never a later period's position under this quarter's
        said = (f"The action plan's first position is for {period_text(first, cadence_of(actions))}, after this quarter, "
                "so its actions are not reported here.")
        return _section("actions", title, f"<p>{escape(said)}</p>")
    p = latest_up_to(actions, period)
    col = group_column(actions, by)  # --by (or [briefing] by): a column of the plan's, else its own groups
    s = action_summary(actions, p, by=col or "group")
    noun = by.strip().lower() if col else _group_noun(actions)
    asked = "" if period is None or parse_span(period).end == p else (
        f"<p>The action plan is monitored {'six-monthly' if s.cadence == 'half' else 'quarterly'}; its latest position up to "
        f"{escape(period_label(parse_span(period).end))} is at {escape(s.label)}.</p>")
    body = asked + f"<p>{escape(narrative.actions_paragraph(s))}</p>"
    changes = narrative.action_changes_paragraph(s)
    if changes:
        body += f"<p>{escape(changes)}</p>"
    grouped = any(str(g or "").strip() for g in s.per_group["group"])
    if grouped:  # a plan with no groups has nothing to show by group: its figures are the paragraph's
        chart = charts.action_progress_chart(s, f"Actions by status in each {noun}, {s.label}")
        body += f"<h3>Progress by {escape(noun)}</h3>\n" + chart.to_html()
        body += tables.action_group_table(s, f"Actions by {noun} and status, {s.label} (the chart's figures)", noun.capitalize())
    generated = actions.attrs.get("generated_ids", ())
    body += "<h3>Overdue actions</h3>\n" + f"<p>{escape(narrative.overdue_paragraph(s, generated))}</p>"
    # the overdue list shows each action's own group (its audit, its recommendation), whatever the progress is shown by
    body += tables.action_overdue_table(s, f"Overdue actions {s.overdue_when}, most overdue first", _group_noun(actions).capitalize(), generated)
    return _section("actions", title, body)


def actions_appendix(actions: pd.DataFrame, period=None, title: str = "Appendix: every action") -> str:
    """The full action list at a period, one table per group (recommendation, strategy...), in the plan's order."""

    if first_period_after(actions.get("period"), period) is not None:
        return ""
    p = latest_up_to(actions, period)
    s = action_summary(actions, p)
    grouped = actions["group"].astype(str).str.strip().ne("").any()
    by = f", grouped by {_group_noun(actions)}," if grouped else ""
    body = f"<p>Every action in the plan at {s.label}{by} with its latest commentary.</p>"
    body += tables.action_list_tables(actions, p, s.scale, s.label)
    return _section("actions-appendix", title, body)


def actions_thread_section(actions: pd.DataFrame, period=None) -> str:
    """Progress rolled up the golden thread (objective > strategy > tactic), where the plan has those levels; else nothing."""

    if not any(c in actions and actions[c].astype(str).str.len().gt(0).any() for c in ("objective", "strategy", "tactic")):
        return ""
    if first_period_after(actions.get("period"), period) is not None:
        return ""
    p = latest_up_to(actions, period)
    scale = scale_of(actions)
    thread = action_thread(actions, p)
    statuses = [c for c in scale.names if c in thread.columns]
    rows = []
    for r in thread.to_dict("records"):
        pct = "" if pd.isna(r["good_percent"]) else f"{r['good_percent']}%"
        cells = "".join(f'<td class="num">{r[s]}</td>' for s in statuses)
        indent = "\u2003" * int(r["depth"])
        rows.append(f'<tr><th scope="row">{indent}{escape(r["name"])} <span class="note">({escape(r["level"])})</span></th>'
                    f'<td class="num">{r["total"]}</td>{cells}<td class="num">{pct}</td></tr>')
    label = period_text(p, cadence_of(actions))
    body = "<p>How the actions under each part of the plan are progressing, from the top of the plan down.</p>"
    body += tables.html_table(f"Actions by level of the plan, {label}", ["Part of the plan", "Total", *statuses, "On track or complete"], rows, "thread")
    return _section("actions-thread", "Through the plan", body)


def actions_about(actions: pd.DataFrame, workbook: str | None = None) -> str:
    """How the action figures are worked out, and the warnings perfkit raised reading the plan."""

    cad = cadence_of(actions)
    items = [
        ("The plan is monitored six-monthly: H1 is April to September and H2 October to March; a column headed by a "
         "month is read as the half-year that month falls in." if cad == "half" else
         "Quarters are of the financial year, April to March: Q1 is April to June."),
        "An action is overdue when its target date falls before the last day of the period (or the earlier day the "
        "plan's title dates it, where it gives one) and it is neither complete nor superseded, cancelled, deferred or on hold."
        if actions.attrs.get("as_at") else
        "An action is overdue when its target date falls before the last day of the period and it is neither "
        "complete nor superseded, cancelled, deferred or on hold.",
        "Superseded, cancelled, deferred and on-hold actions are counted but left out of the share complete and of the mean "
        "progress, which are of the actions still required. Percentages are whole numbers, halves rounded up.",
        "RAG words, where a plan uses them, are read as action statuses: red as behind schedule, amber as at risk, green as on track.",
    ]
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    # The file and the warnings from reading it are the officer's: they go to the checks, never the committee's page.
    return _section("actions-about", "About these figures", body)


def thread_appendix(frame: pd.DataFrame, period=None, scale: StatusScale | None = None, title: str | None = None) -> str:
    """A per-tactic progress appendix for a milestones or actions frame with a golden thread; else nothing.

    One table per node of the deepest level the frame has (tactic, else strategy, else
    objective), under a heading that names its place in the plan (``Objective > Strategy >
    Tactic``), listing each item with its lead, due date, status, progress and commentary,
    as objective updates to scrutiny present them.

    Examples
    --------
    >>> html = thread_appendix(perfkit.read_milestones("objective_update.xlsx"), "2024/25 Q2")  # doctest: +SKIP
    """

    levels = [c for c in ("objective", "strategy", "tactic") if c in frame and frame[c].astype(str).str.len().gt(0).any()]
    if not levels:
        return ""
    is_actions = "action_id" in frame
    if is_actions:
        p = latest_up_to(frame, period)
        scale = scale or scale_of(frame)
        label = period_text(p, cadence_of(frame))
        ident, name = "action_id", "action"
    else:
        have = sorted(frame["period"].dropna().unique())
        p = parse_span(period).end if period is not None else have[-1]
        scale = scale or DEFAULT_SCALE
        label = period_label(p)
        ident, name = "milestone_id", "title"
    now = frame[frame["period"] == p]
    deepest = levels[-1]
    headers = ["Ref", "Action" if is_actions else "Milestone", "Lead", "Due", "Status", *(["Progress"] if "progress" in now else []), "Commentary"]
    out = []
    for _, part in now.groupby(levels, sort=False):
        first = part.iloc[0]
        path = " > ".join(str(first[c]) for c in levels if str(first[c]))
        rows = []
        for r in part.to_dict("records"):
            prog = f'<td class="num">{tables.progress_text(r["progress"])}</td>' if "progress" in now else ""
            rows.append(f"<tr><td>{escape(r[ident])}</td><th scope=\"row\">{escape(r[name])}</th><td>{escape(r.get('lead', ''))}</td>"
                        f"<td>{tables.date_text(r['due_date'])}</td>{tables.status_cell(r['status'], scale)}{prog}"
                        f'<td class="comment">{escape(r["commentary"])}</td></tr>')
        heading = str(first[deepest]) or path or "Not placed in the plan"
        out.append(f"<h3>{escape(heading)}</h3>\n<p class=\"note\">{escape(path)}</p>\n"
                   + tables.html_table(f"{heading}: progress, {label}", headers, rows, "actions"))
    title = title or f"Appendix: progress by {deepest}"
    return _section("thread-appendix", title, f"<p>Every {'action' if is_actions else 'milestone'} at {escape(label)}, by {deepest}.</p>\n" + "\n".join(out))


def summary_lines(s: ActionSummary, noun: str = "group") -> list[str]:
    """The summary as lines of text for ``perfkit summary``, its groups headed ``By {noun}`` (``By council``)."""

    lines = [f"Action plan at {s.label}", "", actions_paragraph(s), overdue_paragraph(s)]
    changes = action_changes_paragraph(s)
    if changes:
        lines.append(changes)
    lines += ["", f"By {noun}:"]
    for r in s.per_group.to_dict("records"):
        pct = "" if pd.isna(r["percent_complete"]) else f" ({int(r['percent_complete'])}%)"
        lines.append(f"  {r['group'] or 'No group'}: {int(r['complete'])} of {int(r['active'])} still required complete{pct}")
    if len(s.overdue):
        lines += ["", "Overdue:"]
        lines += [f"  {r.action_id} {r.action} ({r.lead or 'no named lead'}): {int(r.days_overdue)} days" for r in s.overdue.itertuples()]
    return lines


def print_summary(actions: pd.DataFrame, period=None, as_json: bool = False, by: str | None = None, risks: pd.DataFrame | None = None,
                  warnings: list | None = None) -> int:
    """``perfkit summary`` for a workbook that holds an action plan and no milestones or measures; ``period`` may be
    ``2024/25 H2`` or ``H2``. A risk register beside it (``risks``) is summarised at the plan's quarter too."""

    if isinstance(period, str) and re.fullmatch(r"\s*(?:[qh])\s*[1-4]\s*", period, re.I):
        years = sorted({x.qyear for x in actions["period"].dropna().unique()})
        period = f"{years[-1] - 1}/{years[-1] % 100:02d} {period.strip().upper()}" if years else period
    col = group_column(actions, by)
    s = action_summary(actions, latest_up_to(actions, period) if period else None, by=col or "group")
    register = None
    if risks is not None and len(risks):
        from perfkit.analyse.risks import assessment_for, risk_summary  # deferred: only a workbook with a register needs it

        register = risk_summary(risks, assessment_for(risks, s.period))
    if as_json:
        doc = {"period": s.label, "actions": s.to_dict()}
        if register is not None:
            doc["risks"] = register.to_dict()
        doc["warnings"] = list(warnings or [])  # the reading's warnings the figures stand under
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for line in summary_lines(s, by.strip().lower() if col else "group"):
        print(line)
    if register is not None:
        print()
        print(narrative.risk_paragraph(register))
    return 0
