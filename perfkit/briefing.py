"""The sections of the quarterly briefing, as HTML, one function per section.

The briefing notebook displays these in order; an officer adapting the notebook
can drop, reorder or add sections without touching the analysis. Every section
reads from one :class:`~perfkit.figures.Figures`, so the narrative, tables and
charts quote the same numbers. Headings run h1 (the title), h2 (sections), h3.

Examples
--------
>>> import perfkit
>>> from perfkit import briefing
>>> frames = perfkit.read_workbook("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> fig = perfkit.quarter_figures(frames.get("milestones"), frames.get("measures"), "2023/24 Q2")  # doctest: +SKIP
>>> html = briefing.overview(fig)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import charts, narrative, tables
from .narrative import escape
from .periods import period_label

from .publish import CONTENTS_MARK  # noqa: E402  (where publishing puts the contents list)


def _section(ident: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(title)}</h2>\n{body}\n</section>'


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def long_date(day: dt.date) -> str:
    """``22 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def title(council: str, fig) -> str:
    """The briefing's title, as used for the page's <title> too."""
    return f"{council}: quarterly performance briefing, {period_label(fig.period)}"


def header(council: str, fig, published=None, workbook: str | None = None) -> str:
    """Title, date and what the briefing covers; the contents list goes after it when published.

    ``published`` is a date or ISO text (default today); ``workbook`` is shown by file name only.
    """
    if isinstance(published, str) and published:
        published = dt.date.fromisoformat(published)
    published = published or dt.date.today()
    workbook = Path(workbook).name if workbook else None
    p = fig.period
    covers = f"{p.start_time:%B %Y} to {p.end_time:%B %Y}"
    src = f" Figures from <code>{escape(workbook)}</code>." if workbook else ""
    return (
        f'<header class="briefing-header"><p class="council">{escape(council)}</p>'
        f"<h1>Quarterly performance briefing: {escape(period_label(p))}</h1>"
        f'<p class="meta">Council Plan delivery, {escape(covers)}. Published {escape(long_date(published))}.{src}</p>'
        f"</header>\n{CONTENTS_MARK}"
    )


def _cards(fig) -> str:
    out = []
    for kind, label in (("milestones", "milestones progressing well"), ("measures", "measures meeting target")):
        h = fig.headline(kind)
        if h and h["rated"]:
            out.append(f'<div class="card"><p class="big">{escape(h["percent_text"])}</p>'
                       f'<p>{h["good"]} of {h["rated"]} {escape(label)}</p></div>')
    return f'<div class="cards">{"".join(out)}</div>' if out else ""


def overview(fig) -> str:
    """Overall position: headline figures, the narrative and the summary tables."""
    body = _cards(fig) + _p(narrative.overall_paragraph(fig)) + _p(narrative.measures_paragraph(fig))
    if fig.milestone_summary is not None:
        body += tables.summary_table(fig.milestone_summary, f"Milestones by status, {period_label(fig.period)}", fig.scale)
    return _section("overview", "Overall position", body)


def priorities(fig) -> str:
    """One chart of status by priority and a paragraph for each priority."""
    if fig.milestone_summary is None or fig.milestone_summary.columns[0] == "group":
        return ""
    chart = charts.rag_by_group(fig.milestone_summary, "milestone", fig.scale)
    body = chart.to_html()
    for name, text in narrative.priority_paragraphs(fig):
        body += f"<h3>{escape(name)}</h3>{_p(text)}"
    return _section("priorities", "Progress by priority", body)


def through_the_year(fig) -> str:
    """The status mix in each quarter so far and what changed since last quarter."""
    if fig.milestone_mix is None:
        return ""
    body = _p(narrative.changes_paragraph(fig))
    if len(fig.milestone_mix) > 1:
        body += charts.rag_by_period_chart(fig.milestone_mix, "milestone", fig.scale).to_html()
    t = fig.milestone_changes
    if t is not None and t["from_status"].notna().any():
        from .trends import transition_matrix

        body += charts.transitions_chart(t, "milestone").to_html()
        body += tables.transition_table(transition_matrix(t), f"Milestone status in {period_label(fig.previous)} (rows) and {period_label(fig.period)} (columns)")
    return _section("through-the-year", "Through the year", body)


def measures(fig) -> str:
    """Measures against target: the narrative, small multiples and the measures table."""
    if fig.measures is None:
        return ""
    body = _p(narrative.measures_paragraph(fig))
    body += charts.measure_small_multiples(fig.measures, fig.period, scale=fig.scale).to_html()
    body += tables.measures_table(fig, f"Measures, {period_label(fig.period)}", fig.scale)
    differs = fig.measures[(fig.measures["period"] == fig.period) & fig.measures.get("status_differs", False)] if "status_differs" in fig.measures else []
    if len(differs):
        body += _p(f"For {narrative.plural(len(differs), 'measure')}, the status the service reported differs from the status "
                   "worked out from the figures; the table notes both. Check these with the services before publishing.")
    return _section("measures", "Measures", body)


def golden_thread(fig) -> str:
    """Progress rolled up objective > strategy > tactic, where the workbook has those levels (else nothing)."""
    from .schema import HIERARCHY
    from .summarise import golden_thread as roll_up

    ms = fig.milestones
    if ms is None or not any(c in ms and ms[c].astype(str).str.len().gt(0).any() for c in HIERARCHY):
        return ""
    table = roll_up(ms, fig.period, scale=fig.scale)
    statuses = [c for c in fig.scale.names if c in table.columns]
    rows = []
    for r in table.to_dict("records"):
        indent = "\u2003" * int(r["depth"])
        pct = "" if r["good_percent"] is None or r["good_percent"] != r["good_percent"] else f"{r['good_percent']}%"
        cells = "".join(f'<td class="num">{r[s]}</td>' for s in statuses)
        rows.append(f'<tr><th scope="row">{indent}{escape(r["name"])} <span class="note">({escape(r["level"])})</span></th>'
                    f'<td class="num">{r["total"]}</td>{cells}<td class="num">{pct}</td></tr>')
    body = _p("How the milestones under each part of the plan are progressing, from the top of the plan down.")
    body += tables._table(f"Milestones by level of the plan, {period_label(fig.period)}", ["Part of the plan", "Total", *statuses, "Progressing well"], rows, "thread")
    return _section("golden-thread", "Through the plan", body)


def attention(fig) -> str:
    """Milestones that need attention, by lead officer."""
    if fig.attention is None:
        return ""
    body = _p(narrative.attention_paragraph(fig))
    body += tables.attention_table(fig.attention, f"Amber, red and overdue milestones, {period_label(fig.period)}, by lead officer", fig.scale)
    return _section("attention", "Needs attention", body)


def about(fig, frames: dict | None = None, workbook: str | None = None) -> str:
    """How the figures are worked out, and the warnings perfkit raised reading the workbook (``frames`` from read_workbook)."""
    problems = [p for f in (frames or {}).values() for p in f.attrs.get("problems", [])]
    workbook = Path(workbook).name if workbook else None
    items = [
        "Quarters are of the financial year, April to March: Q1 is April to June.",
        "Percentages are of rated items (red, amber, green and complete), rounded to whole numbers with halves rounded up; "
        "items not yet due, with no data or reported for information only are counted but left out of the percentages.",
        "“Progressing well” means green or complete. A measure meets its target when its actual is at or better than the "
        "target; it is amber when it misses by no more than its tolerance (5% of target unless the workbook gives one).",
        "A milestone is overdue when its due date has passed by the end of the quarter and it is not complete.",
    ]
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    shown = [p for p in problems if p.severity in ("warning", "error")]
    if workbook:
        body += _p(f"Source workbook: {workbook}.")
    body += _p("Warnings perfkit raised while reading the workbook are listed below with their cells." if shown else
               "perfkit raised no warnings while reading the workbook.")
    if shown:
        body += tables.problems_table(shown, "Warnings from reading the workbook")
    return _section("about", "About these figures", body)


def write_appendix(fig, path):
    """Write the committee appendix workbook for these figures (see :mod:`perfkit.appendix`)."""
    from .appendix import write_appendix as _write

    return _write(fig, path)
