"""HTML tables for the briefing: statuses written in words beside their colour, headers marked up, text escaped.

Every piece of text from a workbook (titles, names, commentary) goes through
:func:`~perfkit.present.text.escape`, so a commentary of ``<script>`` shows as text.

Examples
--------
>>> from perfkit.present.tables import status_cell
>>> status_cell("Green")
'<td class="status"><span class="rag" style="background:#00421f;color:#ffffff">Green</span></td>'
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from perfkit.present.text import made_up, ref_text, escape
from perfkit.core.periods import financial_year, period_label
from perfkit.core.status import DEFAULT_SCALE, StatusScale
from perfkit.analyse.summarise import ALL
from perfkit.present.text import group_noun, number_text, whole_percent
from perfkit.analyse.figures import shortfall
from perfkit.analyse.figures import against_last_year, measure_position
from perfkit.analyse.figures import milestone_position
from perfkit.analyse.trends import item_key
from perfkit.present.charts import axis_words, own_words
from perfkit.analyse.risks import assessment, heat_counts, matrix_of
from perfkit.read.kinds.service_plans import TREND_LOOKUP, word_key

DIRECTION_WORDS = {"Improving": "▲ Improving", "Worsening": "▼ Worsening", "No change": "● No change",
                   "Increasing": "▲ Increasing", "Decreasing": "▼ Decreasing", "Not comparable": "Not comparable"}


def status_badge(status, scale: StatusScale = DEFAULT_SCALE, said=None) -> str:
    """A status as a coloured badge with its word in it (text contrast checked in perfkit.core.palette); ``said``, the
    plan's own word where it only roughly gave the status ('In progress'), is the word shown, in the status's colour."""
    if status is None or (not isinstance(status, str) and pd.isna(status)):
        return '<span class="rag rag-none">None given</span>'
    name = str(status)
    if name not in scale.names:
        return f'<span class="rag rag-none">{escape(name)}</span>'
    s = scale[name]
    word = said if isinstance(said, str) and said.strip() else name
    return f'<span class="rag" style="background:{s.colour};color:{s.text_colour}">{escape(word)}</span>'


def status_cell(status, scale: StatusScale = DEFAULT_SCALE) -> str:
    """A table cell holding a status in words beside its colour swatch."""
    return f'<td class="status">{status_badge(status, scale)}</td>'


def html_table(caption: str, headers: list[str], rows: list[str], cls: str = "") -> str:
    """An accessible table: a caption, column headers and the rows given, in a named, scrollable region."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "\n".join(rows)
    # A region with a name and tabindex, so that keyboard users can scroll a wide table.
    return (f'<div class="table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="{cls}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table></div>")


def summary_table(summary: pd.DataFrame, caption: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """A RAG summary (from :func:`perfkit.rag_summary`) as one row per group: total, then each status's count and share."""
    group_col = summary.columns[0]
    present = summary.groupby("status", observed=True)["count"].sum()
    statuses = [s for s in scale.names if present.get(s, 0) > 0]
    headers = [str(group_col).replace("_", " ").capitalize() if group_col != "group" else "Group", "Total", *statuses]
    rows = []
    keys = [k for k in summary[group_col].unique() if k != ALL]
    only_blank = bool(keys) and all(_blank(k) for k in keys)
    for key, g in summary.groupby(group_col, sort=False):
        if only_blank and key != ALL:  # no groups given: the "All" row says it all
            continue
        g = g.set_index("status")
        label = "All" if key == ALL else (key if not _blank(key) else f"No {str(group_col).replace('_', ' ')} given")
        cells = [f'<th scope="row">{escape(label)}</th>', f'<td class="num">{int(g["total"].iloc[0])}</td>']
        for s in statuses:
            n = int(g.loc[s, "count"])
            share = g.loc[s, "percent_text"]
            text = f"{n}" + (f" ({escape(share)})" if share else "")
            cells.append(f'<td class="num">{status_badge(s, scale) + " " if n else ""}{text}</td>')
        rows.append(f'<tr class="{"total-row" if key == ALL else ""}">' + "".join(cells) + "</tr>")
    return html_table(caption, headers, rows, "summary")


def attention_table(attention: pd.DataFrame, caption: str, scale: StatusScale = DEFAULT_SCALE, generated=(), span: str = "quarter") -> str:
    """The attention list in groups by lead officer, one row per milestone; a column empty in every row is left out.

    ``span`` is what one of the briefing's periods is (``quarter``, ``half-year``), for the count of periods in status.

    Examples
    --------
    >>> html = attention_table(fig.attention, "Amber, red and overdue milestones")  # doctest: +SKIP
    """
    columns = [("Ref", "ref"), ("Milestone", "th"), ("Priority", "text"), ("Status", "status"), (f"{span.capitalize()}s in status", "num"),
               ("Due", "text"), ("Overdue", "text"), ("Latest commentary", "comment")]
    groups: dict = {}
    for r in attention.itertuples(index=False):
        due = r.due_date.strftime("%d/%m/%Y") if pd.notna(r.due_date) else ""
        q = getattr(r, "quarters_in_status", None)
        cells = [ref_text(r.milestone_id, generated), escape(r.title), "" if _blank(r.priority) else escape(r.priority), status_badge(r.status, scale),
                 "" if q is None or pd.isna(q) else f"{int(q)}", due, "Yes" if r.overdue else "No",
                 "" if _blank(r.commentary) else comment_html(r.commentary)]
        lead = "No named lead" if _blank(r.lead) else str(r.lead)
        groups.setdefault(f"Lead officer: {lead}", []).append(("row", cells, ""))
    if not groups:
        return html_table(caption, ["Milestone"], [f'<tr><td>No milestones need attention this {span}.</td></tr>'], "attention")
    return _grouped_table(caption, columns, list(groups.items()), "attention")


ARROWS = {"up": "\u25b2", "down": "\u25bc", "level": "\u25ba"}
LONG_LIST = 150  # rows above which the body shows the exceptions and refers to the appendix workbook for the rest


def direction_html(direction, arrow: str = "") -> str:
    """A direction of travel as its word with an arrow showing which way the figure moved.

    The word is polarity-aware (a falling figure is *Improving* when lower is better);
    the arrow is the movement of the figure itself, and is hidden from screen readers,
    which read the word.

    Examples
    --------
    >>> direction_html("Improving", "down")
    '<span class="arrow" aria-hidden="true">\u25bc</span> Improving'
    """
    if direction is None or (not isinstance(direction, str) and pd.isna(direction)) or direction == "":
        return ""
    a = ARROWS.get(arrow, "")
    return (f'<span class="arrow" aria-hidden="true">{a}</span> ' if a else "") + escape(direction)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or (isinstance(value, str) and not value.strip())


def _grouped_table(caption: str, columns: list[tuple[str, str]], groups, cls: str, notes: bool = False) -> str:
    """A table in groups (a heading row per group, sub-heading rows inside), leaving out columns empty in every row.

    ``columns`` are (header, kind) with kind ``th`` (the row's header cell), ``num``,
    ``status``, ``comment``, ``ref`` (a reference, never wrapped) or ``text``. ``groups`` is a list of (group name or None,
    items) where each item is ("sub", text) for a sub-heading, ("row", cells, note)
    with one inner-HTML string per column ("" when empty) and an optional note
    (HTML) shown in a full-width row under it.
    """
    keep = [i for i in range(len(columns)) if columns[i][1] == "th" or any(
        kind == "row" and cells[i] != "" for _, items in groups for kind, cells, *_ in items)]
    n = len(keep)
    body = []
    for name, items in groups:
        rows = []
        if name is not None:
            rows.append(f'<tr class="group-row"><th scope="rowgroup" colspan="{n}">{escape(name)}</th></tr>')
        for kind, cells, *rest in items:
            if kind == "sub":
                rows.append(f'<tr class="sub-row"><th scope="rowgroup" colspan="{n}">{cells}</th></tr>')
                continue
            out = []
            for i in keep:
                inner, k = cells[i], columns[i][1]
                if k == "th":
                    out.append(f'<th scope="row">{inner}</th>')
                elif k in ("num", "status", "comment", "ref"):
                    out.append(f'<td class="{k}">{inner}</td>')
                else:
                    out.append(f"<td>{inner}</td>")
            has_note = ' class="has-note"' if rest and rest[0] else ""
            rows.append(f"<tr{has_note}>" + "".join(out) + "</tr>")
            if rest and rest[0]:
                rows.append(f'<tr class="note-row"><td colspan="{n}">{rest[0]}</td></tr>')
        body.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
    head = "".join(f'<th scope="col">{escape(columns[i][0])}</th>' for i in keep)
    return (f'<div class="table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="{cls}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead>" + "".join(body) + "</table></div>")


def target_text(r) -> str:
    lo, hi = getattr(r, "target_low", None), getattr(r, "target_high", None)
    if lo is not None and hi is not None and pd.notna(lo) and pd.notna(hi):
        return f"{number_text(lo, r.unit)} to {number_text(hi, r.unit)}"
    if _blank(r.target):
        # a cumulative measure with no profile, rated by its service: the year's target, said as the year's, never a
        # quarter's target nobody set
        year = getattr(r, "annual_target", None)
        cumulative = bool(getattr(r, "cumulative", False)) if not _blank(getattr(r, "cumulative", None)) else False
        return f"{number_text(year, r.unit)} (year)" if cumulative and not _blank(year) else ""
    year = getattr(r, "annual_target", None)
    if not _blank(year) and year != 0 and not bool(getattr(r, "cumulative", False) or False) \
            and abs(year - 4 * r.target) <= 1e-9 * abs(year):  # (a target of none is none a year: '0', never '0 (0 a year)')
        # a quarter's own figure against a quarter of the year's target: both said ('200 (800 a year)')
        return f"{number_text(r.target, r.unit)} ({number_text(year, r.unit)} a year)"
    return number_text(r.target, r.unit)


def _against(compared_with, p) -> str:
    """A note when a measure's direction is not against last quarter (annual measures: against last year)."""
    if compared_with is None or (not isinstance(compared_with, pd.Period) and pd.isna(compared_with)) or compared_with == p - 1:
        return ""
    if compared_with == p - 2 and p.quarter in (2, 4):  # a half-year's figure against the half-year before, as headed
        return ""
    return f' <span class="note">(on {escape(period_label(compared_with))})</span>'


COMMENT_LIMIT = 2_000  # characters of a commentary shown in the page; the appendix workbook has the rest


def comment_html(text, limit: int = COMMENT_LIMIT) -> str:
    """A commentary for a table cell, escaped; beyond ``limit`` characters it is cut at a word and says so.

    Examples
    --------
    >>> comment_html("On track <b>now</b>")
    'On track &lt;b&gt;now&lt;/b&gt;'
    >>> comment_html("word " * 10, limit=12)
    'word word… <span class="note">(50 characters in all; the full text is in the appendix workbook)</span>'
    """
    t = str(text)
    if len(t) <= limit:
        return escape(t)
    cut = t[:limit].rsplit(" ", 1)[0] or t[:limit]
    return (f'{escape(cut)}\u2026 <span class="note">({len(t):,} characters in all; '
            "the full text is in the appendix workbook)</span>")


def _unit_text(unit) -> str:
    return "" if _blank(unit) else escape(unit)


def measure_exceptions(position: pd.DataFrame, limit: int = LONG_LIST) -> pd.DataFrame:
    """The measures a committee looks at first when there are too many to list: red, then amber, then worsening.

    Within each, the furthest from target first.

    Examples
    --------
    >>> from perfkit.analyse.figures import measure_position
    >>> measure_exceptions(measure_position(fig), 20)["measure_id"].tolist()  # doctest: +SKIP

    Returns at most ``limit`` rows of :func:`perfkit.analyse.figures.measure_position`, in their
    original order.
    """

    status = position["status"].astype(object)
    rank = np.select([status.eq("Red"), status.eq("Amber/Red"), status.eq("Amber"), position["direction"].eq("Worsening")], [0, 1, 2, 3], 9)
    chosen = position.assign(_rank=rank, _gap=-np.nan_to_num(shortfall(position), nan=-np.inf))
    chosen = chosen[chosen["_rank"] < 9].sort_values(["_rank", "_gap"], kind="stable").head(limit)
    return position.loc[sorted(chosen.index)]


def service_wrote(word, direction: str, since: str | None = None) -> str:
    """The service's own direction-of-travel word beside perfkit's, where it says something else (or where perfkit
    could not compare): ``Stable`` for a figure that fell a little is shown, never hidden behind "Improving".

    Examples
    --------
    >>> service_wrote("Stable", "Improving")
    '<br><span class="note">Service wrote “Stable”</span>'
    >>> service_wrote("improving", "Improving"), service_wrote(None, "Worsening"), service_wrote("-", "Improving")
    ('', '', '')
    """
    if _blank(word) or not re.search(r"[^\W_]", str(word)):
        return ""  # a dash or a mark with no word ("-", "–"): the service said nothing to set beside perfkit's
    if TREND_LOOKUP.get(word_key(word)) == direction:
        return ""
    if since:  # 'Long Trend', 'Trend since baseline': another comparison than this column's, said as the sheet's own
        return f'<br><span class="note">{escape(since)}: \u201c{escape(str(word).strip())}\u201d</span>'
    return f'<br><span class="note">Service wrote \u201c{escape(str(word).strip())}\u201d</span>'


#: Why a quarter has no figure, as the measures table shows it in the figure's place ('<5' is suppressed)
_NO_FIGURE = {"suppressed": "suppressed", "not available": "not available", "not applicable": "n/a",
              "not available or not applicable": "n/a", "to be confirmed": "to be confirmed", "not yet available": "not yet available"}


def _no_figure(reason) -> str:
    """The words shown where a quarter's figure is missing for a reason the workbook gives (``<5``: suppressed); else blank."""
    shown = _NO_FIGURE.get(reason) if isinstance(reason, str) else None
    return f'<span class="note">{shown}</span>' if shown else ""


def measures_table(fig, caption: str, scale: StatusScale = DEFAULT_SCALE, rows: pd.DataFrame | None = None) -> str:
    """This quarter's measures grouped as the figures are (by priority, directorate...), with earlier figures, status in
    words and direction of travel.

    Columns: ref, measure, unit, target, this quarter, last quarter, the same quarter
    last year and last year's outturn (where the workbook has them), status and
    direction of travel since last quarter (word and arrow); a column empty in every
    row is left out. Each measure's commentary is shown in a row under it. ``rows``
    picks which measures (a subset of :func:`perfkit.analyse.figures.measure_position`).

    Examples
    --------
    >>> html = measures_table(fig, "Measures, 2023/24 Q2")  # doctest: +SKIP
    """

    pos = measure_position(fig) if rows is None else rows
    p = fig.period
    columns = [("Ref", "ref"), ("Measure", "th"), ("Unit", "text"), ("Target", "num"), (period_label(p), "num"),
               (period_label(p - 1), "num"), (period_label(p - 4), "num"), (f"{financial_year(p - 4)} outturn", "num"),
               ("Status", "status"), (f"Direction since {period_label(p - 4, 'year') if fig.yearly else period_label(p - 4) if against_last_year(pos) else period_label(p - 1)}", "text")]
    if fig.yearly:  # a year's outturns: the year, and the year before
        columns[4], columns[6] = (fig.label, "num"), (period_label(p - 4, "year"), "num")
    elif fig.half_yearly:  # half-years' figures: the half-year, and the half-year before (measure_position's last_quarter)
        columns[4], columns[5] = (fig.label, "num"), (period_label(p - 2, "half"), "num")
        columns[-1] = (f"Direction since {period_label(p - 2, 'half')}", "text")
    since = (getattr(fig.measures, "attrs", None) or {}).get("trend_since")
    if len(pos) and (pos["direction"] == "Not comparable").all():
        # only the service's words (against its own starting point, where it says which): never "since" a quarter not read
        columns[-1] = (f"Direction ({since})" if since else "Direction (as the service gives it)", "text")
    groups: dict = {}
    col = group_noun(fig.measure_summary)
    col = col.replace(" ", "_") if col else None
    none_given = f"No {group_noun(fig.measure_summary) or 'priority'} given"
    for r, r_dict in zip(pos.itertuples(index=False), pos.to_dict("records")):
        own = r_dict.get("figure_period")  # a scorecard's latest available figure, of a period of its own ("2021-23")
        dated = f' <span class="note">({escape(str(own))})</span>' if isinstance(own, str) and own.strip() else ""
        cells = [ref_text(r.measure_id, fig.extra.get("generated", ())), escape(r.name), _unit_text(r.unit), target_text(r),
                 _no_figure(r_dict.get("missing_reason")) if _blank(r.actual) else number_text(r.actual, r.unit) + dated,
                 _no_figure(r_dict.get("last_quarter_reason")) if _blank(r.last_quarter) else number_text(r.last_quarter, r.unit),
                 "" if _blank(r.last_year) else number_text(r.last_year, r.unit),
                 "" if _blank(r.outturn) else number_text(r.outturn, r.unit),
                 status_badge(r.status, scale),
                 ("" if r.direction == "Not comparable" else direction_html(r.direction, r.arrow)
                  + (' <span class="note">(against its profile)</span>' if getattr(r, "basis", None) == "profile"
                     else "" if fig.yearly and r.compared_with == p - 4 else _against(r.compared_with, p)))
                 + service_wrote(r_dict.get("reported_trend"), r.direction, since)]
        note = "" if _blank(r.commentary) else f'<span class="note-label">Commentary:</span> {comment_html(r.commentary)}'
        value = r_dict.get(col) if col else None
        key = none_given if _blank(value) else str(value)
        groups.setdefault(key, []).append(("row", cells, note))
    if list(groups) == [none_given]:  # no groups at all: no group heading
        groups = {None: groups[none_given]}
    return _grouped_table(caption, columns, list(groups.items()), "measures")


def milestones_table(fig, caption: str, scale: StatusScale = DEFAULT_SCALE, rows: pd.DataFrame | None = None) -> str:
    """The full milestone list grouped as the figures are (by priority, directorate...), and by objective, strategy and
    tactic where the workbook has them.

    Columns: ref, milestone, lead, due date, this quarter's status, last quarter's
    status and commentary; a column empty in every row is left out.

    Examples
    --------
    >>> html = milestones_table(fig, "All milestones, 2023/24 Q2")  # doctest: +SKIP
    """

    pos = milestone_position(fig) if rows is None else rows
    key = item_key(pos) if len(pos.columns) else "milestone_id"
    columns = [("Ref", "ref"), ("Milestone", "th"), ("Lead", "text"), ("Due", "text"),
               (f"Status {fig.period_text(fig.period)}", "status"), (f"Status {fig.period_text(fig.previous)}", "status"),
               ("Commentary", "comment")]
    groups: dict = {}
    last_sub: dict = {}
    noun = group_noun(fig.milestone_summary)
    col = noun.replace(" ", "_") if noun else None
    # The levels of the plan under the grouping (the grouping itself is the group row, not said again under it).
    levels = [c for c in ("objective", "strategy", "tactic")
              if c != col and c in pos and pos[c].fillna("").astype(str).str.strip().ne("").any()]
    none_given = f"No {noun or 'priority'} given"
    for r in pos.to_dict("records"):
        due = r.get("due_date")
        last = r.get("last_status")
        cells = [ref_text(r.get(key), fig.extra.get("generated", ())), escape(r.get("title")), "" if _blank(r.get("lead")) else escape(r["lead"]),
                 "" if due is None or pd.isna(due) else due.strftime("%d/%m/%Y") + (' <span class="note">(overdue)</span>' if r.get("overdue") else ""),
                 status_badge(r.get("status"), scale), "" if _blank(last) else status_badge(last, scale),
                 "" if _blank(r.get("commentary")) else comment_html(r["commentary"])]
        g = none_given if _blank(r.get(col) if col else None) else str(r[col])
        items = groups.setdefault(g, [])
        if levels:
            path = " \u203a ".join(f"{lvl.capitalize()}: {r[lvl]}" for lvl in levels if not _blank(r.get(lvl)))
            if path and last_sub.get(g) != path:
                items.append(("sub", escape(path)))
                last_sub[g] = path
        items.append(("row", cells, ""))
    if list(groups) == [none_given]:
        groups = {None: groups[none_given]}
    return _grouped_table(caption, columns, list(groups.items()), "milestones")


def _target_shown(r, matrix) -> str:
    """A risk's target as the register gave it: its score, or its band where it gave a band."""
    if pd.notna(r.target_score):
        return number_text(r.target_score)
    band = getattr(r, "target_rating", None)
    return risk_badge(band, matrix) if band is not None and not pd.isna(band) else number_text(None)


def transition_table(matrix: pd.DataFrame, caption: str) -> str:
    """The from x to matrix of status changes (rows: last quarter; columns: this quarter)."""
    headers = ["Last quarter \u2192 this quarter", *[str(c) for c in matrix.columns]]
    rows = []
    for status, row in matrix.iterrows():
        cells = "".join(f'<td class="num">{int(v)}</td>' for v in row)
        rows.append(f'<tr><th scope="row">{escape(status)}</th>{cells}</tr>')
    return html_table(caption, headers, rows, "matrix")


def problems_table(problems, caption: str) -> str:
    """Warnings and notes from loading, with their cells, for the 'About the data' section."""
    headers = ["Cell", "Severity", "What perfkit found"]
    rows = [f"<tr><td>{escape(p.source)}</td><td>{escape(p.severity)}</td><td>{escape(p.message)}</td></tr>" for p in problems]
    if not rows:
        rows.append('<tr><td colspan="3">No warnings.</td></tr>')
    return html_table(caption, headers, rows, "problems")


def attention_exceptions(attention: pd.DataFrame, limit: int = LONG_LIST) -> pd.DataFrame:
    """At most ``limit`` rows of the attention list: red first, then the longest in their status, then overdue.

    Kept in the attention list's own order (by lead officer).

    Examples
    --------
    >>> attention_exceptions(fig.attention, 150)  # doctest: +SKIP
    """
    if len(attention) <= limit:
        return attention
    status = attention["status"].astype(object)
    rank = np.where(status.eq("Red"), 0, np.where(status.eq("Amber/Red"), 1, 2))
    order = attention.assign(_r=rank, _q=-attention["quarters_in_status"].fillna(0), _o=~attention["overdue"].astype(bool))
    chosen = order.sort_values(["_r", "_q", "_o"], kind="stable").head(limit).index
    return attention.loc[sorted(chosen)]


def lead_table(by_lead: pd.DataFrame, caption: str) -> str:
    """Per lead officer: milestones needing attention, red, amber, overdue and the longest run (from attention_by_lead).

    Examples
    --------
    >>> from perfkit.analyse.attention import attention_by_lead
    >>> html = lead_table(attention_by_lead(fig.attention), "By lead officer")  # doctest: +SKIP
    """
    headers = ["Lead officer", "Milestones", "Red", "Amber", "Overdue", "Longest run (quarters)"]
    rows = [f'<tr><th scope="row">{escape(r.lead or "No named lead")}</th><td class="num">{int(r.milestones)}</td>'
            f'<td class="num">{int(r.red)}</td><td class="num">{int(r.amber)}</td><td class="num">{int(r.overdue)}</td>'
            f'<td class="num">{int(r.longest_quarters)}</td></tr>' for r in by_lead.itertuples(index=False)]
    return html_table(caption, headers, rows, "leads")


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a frame for people to read: every period written ``2024/25 Q2``, never pandas' ``2024Q2``.

    Period columns, a period index and period column names become labels (text);
    everything else is unchanged. Use it on any frame shown in a notebook.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"period": pd.PeriodIndex(["2024Q2"], freq="Q-MAR"), "n": [3]})
    >>> for_display(f)["period"].tolist()
    ['2023/24 Q2']
    """
    out = frame.copy()

    def label(v):
        return period_label(v) if isinstance(v, pd.Period) else v

    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.PeriodDtype):
            out[col] = [None if pd.isna(v) else period_label(v) for v in s]
        elif s.dtype == object and s.map(lambda v: isinstance(v, pd.Period)).any():
            out[col] = s.map(label)
    if isinstance(out.index, pd.PeriodIndex):
        out.index = pd.Index([period_label(v) for v in out.index], name=out.index.name)
    elif out.index.dtype == object:
        out.index = out.index.map(label)
    if any(isinstance(c, pd.Period) for c in out.columns):
        out.columns = pd.Index([label(c) for c in out.columns], name=out.columns.name)
    return out


# ---------------------------------------------------------------------------------------------- action plans (issue 12)


def date_text(value) -> str:
    return value.strftime("%d/%m/%Y") if value is not None and pd.notna(value) else "–"


def progress_text(value) -> str:
    return "–" if value is None or pd.isna(value) else whole_percent(value)


def action_group_table(summary, caption: str, group_label: str = "Group") -> str:
    """Each group's actions: total, still required (where any are not), each status's count, the share complete and,
    where the plan gives progress, the mean progress; a column with nothing to say is left out."""
    per, scale = summary.per_group, summary.scale
    statuses = [s for s in scale.names if s in per and per[s].sum() > 0]
    words = own_words(summary)  # 'In progress' where the plan said it of every action counted On track, as the sentence does
    show_required = bool((per["active"] != per["total"]).any())
    show_progress = bool(per["mean_progress"].notna().any()) or summary.mean_progress is not None
    headers = [group_label, "Actions", *(["Still required"] if show_required else []), *(words.get(s, s) for s in statuses),
               "Share complete", *(["Mean progress"] if show_progress else [])]

    def row(label, total, active, counts, share, progress, cls=""):
        cells = "".join(f'<td class="num">{status_badge(s, scale, words.get(s)) + " " if counts.get(s, 0) else ""}{int(counts.get(s, 0))}</td>'
                        for s in statuses)
        return (f'<tr class="{cls}"><th scope="row">{escape(label)}</th><td class="num">{int(total)}</td>'
                + (f'<td class="num">{int(active)}</td>' if show_required else "") + cells
                + f'<td class="num">{share}</td>' + (f'<td class="num">{progress_text(progress)}</td>' if show_progress else "") + "</tr>")

    rows = [row(r["group"] or "No group", r["total"], r["active"], r, "–" if pd.isna(r["percent_complete"]) else f"{int(r['percent_complete'])}%",
                r["mean_progress"]) for r in per.to_dict("records")]
    share = "–" if summary.percent_complete is None else f"{summary.percent_complete}%"
    rows.append(row("All", summary.total, summary.active, summary.by_status, share, summary.mean_progress, "total-row"))
    return html_table(caption, headers, rows, "summary actions")


def action_overdue_table(summary, caption: str, group_label: str = "Group", generated=()) -> str:
    """Overdue actions, most overdue first: reference, action, group, lead, target date, status and days overdue; a column
    empty for every action (no groups, no leads) is left out, and a reference perfkit made up is left blank."""
    columns = [("Ref", "ref"), ("Action", "th"), (group_label, "text"), ("Lead", "text"), ("Target date", "text"), ("Status", "status"),
               ("Days overdue", "num")]
    items = [("row", [ref_text(r.action_id, generated), escape(r.action), "" if _blank(r.group) else escape(r.group),
                      "" if _blank(r.lead) else escape(r.lead), date_text(r.due_date),
                      status_badge(r.status, summary.scale, getattr(r, "reported_as", None)), f"{int(r.days_overdue)}"], "")
             for r in summary.overdue.itertuples(index=False)]
    if not items:
        said = "No actions are overdue." if getattr(summary, "dated", -1) else "The plan gives no due dates: overdue cannot be counted."
        return html_table(caption, ["Action"], [f'<tr><td>{said}</td></tr>'], "overdue")
    return _grouped_table(caption, columns, [(None, items)], "overdue")


def action_list_tables(actions: pd.DataFrame, period, scale: StatusScale, label: str, heading_level: int = 3) -> str:
    """Every action at a period, one table per group under its own heading, in the plan's order; a column empty for
    every action (no progress, no leads, no target dates) is left out."""
    now = actions[actions["period"] == period]
    columns = [("Ref", "ref"), ("Action", "th"), ("Lead", "text"), ("Target date", "text"), ("Status", "status"),
               ("Progress", "num"), ("Commentary", "comment")]
    has = {c: c in now and now[c].notna().any() for c in ("due_date", "progress")}
    out = []
    for group, part in now.groupby("group", sort=False):
        items = [("row", [ref_text(r.action_id, actions.attrs.get("generated_ids", ())), escape(r.action), "" if _blank(r.lead) else escape(r.lead),
                          date_text(r.due_date) if has["due_date"] else "", status_badge(r.status, scale, getattr(r, "reported_as", None)),
                          progress_text(r.progress) if has["progress"] else "", "" if _blank(r.commentary) else escape(r.commentary)], "")
                 for r in part.itertuples(index=False)]
        if not str(group or "").strip() and now["group"].astype(str).str.strip().eq("").all():  # a plan with no groups: one list
            out.append(_grouped_table(f"Every action, {label}", columns, [(None, items)], "actions"))
            continue
        name = group or "Actions with no group"
        out.append(f"<h{heading_level}>{escape(name)}</h{heading_level}>\n"
                   + _grouped_table(f"{name}: every action, {label}", columns, [(None, items)], "actions"))
    return "\n".join(out)

# ---------------------------------------------------------------------------------------------- risks (issue 11)


def risk_badge(band, matrix) -> str:
    """A risk band as a coloured badge with its word in it (contrast checked by perfkit.read.kinds.risks.check_matrix)."""
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

    matrix = matrix or matrix_of(risks)
    _, p, _ = assessment(risks, period)
    cells = heat_counts(risks, which, p)
    size = matrix.size
    lik, imp = axis_words(size, "likelihood", matrix), axis_words(size, "impact", matrix)
    generated = made_up(risks)
    rows = []
    for li in range(size, 0, -1):
        out = [f'<th scope="row">{escape(lik[li - 1])}</th>']
        for im in range(1, size + 1):
            b = matrix[matrix.band(li * im)]
            ids = cells.get((li, im), [])
            named = [i for i in ids if i not in generated]  # references perfkit made up are in no other table: not listed
            listed = f'<br><span class="ids">{escape(", ".join(named))}</span>' if named else ""
            out.append(f'<td class="num" style="background:{b.colour};color:{b.text_colour}">{escape(b.name)}: {len(ids)}{listed}</td>')
        rows.append("<tr>" + "".join(out) + "</tr>")
    when = f", {period_label(p)}" if p is not None and not pd.isna(p) else ""
    what = "before mitigation (inherent)" if which == "inherent" else "after mitigation (residual)"
    caption = f"Risks by likelihood (rows) and impact (columns) {what}{when}: band and number of risks in each cell"
    return html_table(caption, ["Likelihood \u2193 / impact \u2192", *imp], rows, "risk-matrix")


def risk_table(risks: pd.DataFrame, summary, caption: str) -> str:
    """One row per risk: title, owner, before, mitigation, after, target, movement (from :func:`perfkit.risk_summary`);
    a column the register leaves empty for every risk (no owners, no targets, no earlier assessment) is left out."""

    matrix = summary.matrix
    now, _, _ = assessment(risks, summary.period)
    moved = {rid: k for k, ids in summary.movement.items() for rid in ids}
    said = {d["risk_id"]: d["direction"] for d in summary.disagreements}
    arrows = {"increased": "▲ Increased", "decreased": "▼ Decreased", "unchanged": "● Unchanged", "new": "New", "closed": "Closed"}
    columns = [("Ref", "ref"), ("Risk", "th"), ("Owner", "text"), ("Before mitigation", "status"), ("Mitigation", "comment"),
               ("After mitigation", "status"), ("Target", "num"), ("Movement", "text")]
    has_target = any(pd.notna(r.target_score) or not _blank(getattr(r, "target_rating", None)) for r in now.itertuples(index=False))
    items = []
    for r in now.itertuples(index=False):
        def rated(band, score):
            return f"{risk_badge(band, matrix)} {number_text(score)}"

        move = arrows.get(moved.get(r.risk_id, ""), "")
        if r.risk_id in said:
            move += f'<br><span class="note">Owner said {escape(said[r.risk_id])}</span>'
        above = " (above target)" if r.risk_id in (summary.above_target or ()) else ""
        items.append(("row", [ref_text(r.risk_id, risks.attrs.get("generated_ids", ())), escape(r.title), "" if _blank(r.owner) else escape(r.owner),
                              rated(r.inherent_rating, r.inherent_score), "" if _blank(r.mitigation) else escape(r.mitigation),
                              rated(r.residual_rating, r.residual_score), _target_shown(r, matrix) + above if has_target else "",
                              move], ""))
    if not items:
        return html_table(caption, ["Risk"], ['<tr><td>No risks are assessed.</td></tr>'], "risks")
    return _grouped_table(caption, columns, [(None, items)], "risks")
