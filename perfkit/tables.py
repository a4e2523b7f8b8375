"""HTML tables for the briefing: statuses written in words beside their colour, headers marked up, text escaped.

Every piece of text from a workbook (titles, names, commentary) goes through
:func:`~perfkit.narrative.escape`, so a commentary of ``<script>`` shows as text.

Examples
--------
>>> from perfkit.tables import status_cell
>>> status_cell("Green")
'<td class="status"><span class="rag" style="background:#00421f;color:#ffffff">Green</span></td>'
"""

from __future__ import annotations

import pandas as pd

from .narrative import escape
from .periods import period_label
from .status import DEFAULT_SCALE, StatusScale
from .summarise import ALL

DIRECTION_WORDS = {"Improving": "▲ Improving", "Worsening": "▼ Worsening", "No change": "● No change",
                   "Increasing": "▲ Increasing", "Decreasing": "▼ Decreasing", "Not comparable": "Not comparable"}


def status_badge(status, scale: StatusScale = DEFAULT_SCALE) -> str:
    """A status as a coloured badge with its word in it (text contrast checked in perfkit.palette)."""
    if status is None or (not isinstance(status, str) and pd.isna(status)):
        return '<span class="rag rag-none">None given</span>'
    name = str(status)
    if name not in scale.names:
        return f'<span class="rag rag-none">{escape(name)}</span>'
    s = scale[name]
    return f'<span class="rag" style="background:{s.colour};color:{s.text_colour}">{escape(name)}</span>'


def status_cell(status, scale: StatusScale = DEFAULT_SCALE) -> str:
    return f'<td class="status">{status_badge(status, scale)}</td>'


def _table(caption: str, headers: list[str], rows: list[str], cls: str = "") -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "\n".join(rows)
    # A region with a name and tabindex, so that keyboard users can scroll a wide table.
    return (f'<div class="table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="{cls}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>")


def _num(value, unit: str = "") -> str:
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    text = f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.1f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    if unit == "£":
        return f"£{text}"
    return text


def summary_table(summary: pd.DataFrame, caption: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """A RAG summary (from :func:`perfkit.rag_summary`) as one row per group: total, then each status's count and share."""
    group_col = summary.columns[0]
    present = summary.groupby("status", observed=True)["count"].sum()
    statuses = [s for s in scale.names if present.get(s, 0) > 0]
    headers = [str(group_col).replace("_", " ").capitalize() if group_col != "group" else "", "Total", *statuses]
    rows = []
    for key, g in summary.groupby(group_col, sort=False):
        g = g.set_index("status")
        label = "All" if key == ALL else key
        cells = [f'<th scope="row">{escape(label)}</th>', f'<td class="num">{int(g["total"].iloc[0])}</td>']
        for s in statuses:
            n = int(g.loc[s, "count"])
            share = g.loc[s, "percent_text"]
            text = f"{n}" + (f" ({escape(share)})" if share else "")
            cells.append(f'<td class="num">{status_badge(s, scale) if n else ""} {text}</td>')
        rows.append(f'<tr class="{"total-row" if key == ALL else ""}">' + "".join(cells) + "</tr>")
    return _table(caption, headers, rows, "summary")


def attention_table(attention: pd.DataFrame, caption: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """The attention list, one row per milestone, grouped by lead officer."""
    headers = ["Lead officer", "Ref", "Milestone", "Priority", "Status", "Quarters in status", "Due", "Overdue", "Latest commentary"]
    rows = []
    for r in attention.itertuples(index=False):
        due = r.due_date.strftime("%d/%m/%Y") if pd.notna(r.due_date) else "–"
        rows.append(
            "<tr>"
            f'<th scope="row">{escape(r.lead or "No named lead")}</th>'
            f"<td>{escape(r.milestone_id)}</td><td>{escape(r.title)}</td><td>{escape(r.priority)}</td>"
            f"{status_cell(r.status, scale)}"
            f'<td class="num">{int(r.quarters_in_status)}</td><td>{due}</td>'
            f'<td>{"Yes" if r.overdue else "No"}</td><td class="comment">{escape(r.commentary)}</td>'
            "</tr>"
        )
    if not rows:
        rows.append(f'<tr><td colspan="{len(headers)}">No milestones need attention this quarter.</td></tr>')
    return _table(caption, headers, rows, "attention")


def measures_table(fig, caption: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """This quarter's measures: target, actual, status, direction of travel and the service's own status where it differs."""
    now = fig.measures[fig.measures["period"] == fig.period]
    direction = fig.direction.set_index("measure_id")["direction"] if fig.direction is not None else pd.Series(dtype=object)
    headers = ["Ref", "Measure", "Good is", "Target", "Actual", "Status", f"Since {period_label(fig.previous)}", "Commentary"]
    rows = []
    for r in now.itertuples(index=False):
        if pd.notna(r.target_low) and pd.notna(r.target_high):
            target = f"{_num(r.target_low, r.unit)} to {_num(r.target_high, r.unit)}"
        else:
            target = _num(r.target, r.unit)
        differs = getattr(r, "status_differs", False)
        note = f'<br><span class="note">Service reported {escape(r.reported_status)}</span>' if differs else ""
        d = direction.get(r.measure_id, "")
        rows.append(
            "<tr>"
            f'<td>{escape(r.measure_id)}</td><th scope="row">{escape(r.name)}</th><td>{escape(r.polarity)}</td>'
            f'<td class="num">{target}</td><td class="num">{_num(r.actual, r.unit)}</td>'
            f'<td class="status">{status_badge(r.status, scale)}{note}</td>'
            f"<td>{escape(DIRECTION_WORDS.get(d, d))}</td><td class=\"comment\">{escape(r.commentary)}</td>"
            "</tr>"
        )
    return _table(caption, headers, rows, "measures")


def transition_table(matrix: pd.DataFrame, caption: str) -> str:
    """The from x to matrix of status changes (rows: last quarter; columns: this quarter)."""
    headers = ["Last quarter \u2192 this quarter", *[str(c) for c in matrix.columns]]
    rows = []
    for status, row in matrix.iterrows():
        cells = "".join(f'<td class="num">{int(v)}</td>' for v in row)
        rows.append(f'<tr><th scope="row">{escape(status)}</th>{cells}</tr>')
    return _table(caption, headers, rows, "matrix")


def problems_table(problems, caption: str) -> str:
    """Warnings and notes from loading, with their cells, for the 'About the data' section."""
    headers = ["Cell", "Severity", "What perfkit found"]
    rows = [f"<tr><td>{escape(p.source)}</td><td>{escape(p.severity)}</td><td>{escape(p.message)}</td></tr>" for p in problems]
    if not rows:
        rows.append('<tr><td colspan="3">No warnings.</td></tr>')
    return _table(caption, headers, rows, "problems")


# ---------------------------------------------------------------------------------------------- action plans (issue 12)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value is not None and pd.notna(value) else "–"


def _progress_text(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0f}%"


def action_group_table(summary, caption: str, group_label: str = "Group") -> str:
    """Each group's actions: total, still required, complete and its share, mean progress, then each status's count."""
    per, scale = summary.per_group, summary.scale
    statuses = [s for s in scale.names if s in per and per[s].sum() > 0]
    headers = [group_label, "Actions", "Still required", "Complete", "Mean progress", *statuses]
    rows = []
    for r in per.to_dict("records"):
        pct = "" if pd.isna(r["percent_complete"]) else f" ({int(r['percent_complete'])}%)"
        cells = "".join(f'<td class="num">{status_badge(s, scale) if r[s] else ""} {int(r[s])}</td>' for s in statuses)
        rows.append(f'<tr><th scope="row">{escape(r["group"] or "No group")}</th><td class="num">{int(r["total"])}</td>'
                    f'<td class="num">{int(r["active"])}</td><td class="num">{int(r["complete"])}{pct}</td>'
                    f'<td class="num">{_progress_text(r["mean_progress"])}</td>{cells}</tr>')
    pct = "" if summary.percent_complete is None else f" ({summary.percent_complete}%)"
    cells = "".join(f'<td class="num">{summary.by_status.get(s, 0)}</td>' for s in statuses)
    rows.append(f'<tr class="total-row"><th scope="row">All</th><td class="num">{summary.total}</td><td class="num">{summary.active}</td>'
                f'<td class="num">{summary.complete}{pct}</td><td class="num">{_progress_text(summary.mean_progress)}</td>{cells}</tr>')
    return _table(caption, headers, rows, "summary actions")


def action_overdue_table(summary, caption: str) -> str:
    """Overdue actions, most overdue first: reference, action, group, lead, target date, status and days overdue."""
    headers = ["Ref", "Action", "Group", "Lead", "Target date", "Status", "Days overdue"]
    rows = []
    for r in summary.overdue.itertuples(index=False):
        rows.append(f"<tr><td>{escape(r.action_id)}</td><th scope=\"row\">{escape(r.action)}</th><td>{escape(r.group)}</td>"
                    f"<td>{escape(r.lead or 'No named lead')}</td><td>{_date(r.due_date)}</td>{status_cell(r.status, summary.scale)}"
                    f'<td class="num">{int(r.days_overdue)}</td></tr>')
    if not rows:
        rows.append(f'<tr><td colspan="{len(headers)}">No actions are overdue.</td></tr>')
    return _table(caption, headers, rows, "overdue")


def action_list_tables(actions: pd.DataFrame, period, scale: StatusScale, label: str, heading_level: int = 3) -> str:
    """Every action at a period, one table per group under its own heading, in the plan's order."""
    now = actions[actions["period"] == period]
    out = []
    headers = ["Ref", "Action", "Lead", "Target date", "Status", "Progress", "Commentary"]
    for group, part in now.groupby("group", sort=False):
        rows = []
        for r in part.itertuples(index=False):
            rows.append(f"<tr><td>{escape(r.action_id)}</td><th scope=\"row\">{escape(r.action)}</th><td>{escape(r.lead)}</td>"
                        f"<td>{_date(r.due_date)}</td>{status_cell(r.status, scale)}<td class=\"num\">{_progress_text(r.progress)}</td>"
                        f'<td class="comment">{escape(r.commentary)}</td></tr>')
        name = group or "Actions with no group"
        out.append(f"<h{heading_level}>{escape(name)}</h{heading_level}>\n" + _table(f"{name}: every action, {label}", headers, rows, "actions"))
    return "\n".join(out)

# ---------------------------------------------------------------------------------------------- risks (issue 11)


def risk_badge(band, matrix) -> str:
    """A risk band as a coloured badge with its word in it (contrast checked by perfkit.risks.check_matrix)."""
    if band is None or (not isinstance(band, str) and pd.isna(band)):
        return '<span class="rag rag-none">Not rated</span>'
    try:
        b = matrix[str(band)]
    except KeyError:
        return f'<span class="rag rag-none">{escape(band)}</span>'
    return f'<span class="rag" style="background:{b.colour};color:{b.text_colour}">{escape(b.name)}</span>'


def risk_matrix_table(risks: pd.DataFrame, which: str = "residual", period=None, matrix=None) -> str:
    """The heat map as a table for screen readers: likelihood rows, impact columns, each cell's band, count and ids.

    Examples
    --------
    >>> html = risk_matrix_table(perfkit.read_risks("register.xlsx"), "inherent")  # doctest: +SKIP
    """
    from .charts import axis_words
    from .risks import _assessment, heat_counts, matrix_of

    matrix = matrix or matrix_of(risks)
    _, p, _ = _assessment(risks, period)
    cells = heat_counts(risks, which, p)
    size = matrix.size
    lik, imp = axis_words(size, "likelihood"), axis_words(size, "impact")
    rows = []
    for li in range(size, 0, -1):
        out = [f'<th scope="row">{escape(lik[li - 1])}</th>']
        for im in range(1, size + 1):
            b = matrix[matrix.band(li * im)]
            ids = cells.get((li, im), [])
            listed = f'<br><span class="ids">{escape(", ".join(ids))}</span>' if ids else ""
            out.append(f'<td class="num" style="background:{b.colour};color:{b.text_colour}">{escape(b.name)}: {len(ids)}{listed}</td>')
        rows.append("<tr>" + "".join(out) + "</tr>")
    when = f", {period_label(p)}" if p is not None and not pd.isna(p) else ""
    what = "before mitigation (inherent)" if which == "inherent" else "after mitigation (residual)"
    caption = f"Risks by likelihood (rows) and impact (columns) {what}{when}: band and number of risks in each cell"
    return _table(caption, ["Likelihood \u2193 / impact \u2192", *imp], rows, "risk-matrix")


def risk_table(risks: pd.DataFrame, summary, caption: str) -> str:
    """One row per risk: title, owner, before, mitigation, after, movement (from :func:`perfkit.risk_summary`)."""
    from .risks import _assessment

    matrix = summary.matrix
    now, _, _ = _assessment(risks, summary.period)
    moved = {rid: k for k, ids in summary.movement.items() for rid in ids}
    said = {d["risk_id"]: d["direction"] for d in summary.disagreements}
    arrows = {"increased": "▲ Increased", "decreased": "▼ Decreased", "unchanged": "● Unchanged", "new": "New", "closed": "Closed"}
    headers = ["Ref", "Risk", "Owner", "Before mitigation", "Mitigation", "After mitigation", "Target", "Movement"]
    rows = []
    for r in now.itertuples(index=False):
        def rated(band, score):
            return f"{risk_badge(band, matrix)} {_num(score)}"

        move = arrows.get(moved.get(r.risk_id, ""), "–")
        if r.risk_id in said:
            move += f'<br><span class="note">Owner said {escape(said[r.risk_id])}</span>'
        above = r.risk_id in summary.above_target
        rows.append(
            "<tr>"
            f'<td>{escape(r.risk_id)}</td><th scope="row">{escape(r.title)}</th><td>{escape(r.owner)}</td>'
            f'<td class="status">{rated(r.inherent_rating, r.inherent_score)}</td><td class="comment">{escape(r.mitigation)}</td>'
            f'<td class="status">{rated(r.residual_rating, r.residual_score)}</td>'
            f'<td class="num">{_num(r.target_score)}{" (above target)" if above else ""}</td><td>{move}</td>'
            "</tr>"
        )
    if not rows:
        rows.append(f'<tr><td colspan="{len(headers)}">No risks are assessed.</td></tr>')
    return _table(caption, headers, rows, "risks")
