"""The sections of the quarterly briefing, as HTML, one function per section.

The briefing notebook displays these in order; an officer adapting the notebook
can drop, reorder or add sections without touching the analysis. Every section
reads from one :class:`~perfkit.analyse.figures.Figures`, so the narrative, tables and
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

import numpy as np
import pandas as pd

from perfkit.present import charts
from perfkit.present import narrative
from perfkit.present import tables
from perfkit.present.text import escape
from perfkit.core.periods import financial_year, parse_period
from perfkit.present.tables import LONG_LIST
from perfkit.present.text import group_noun, number_text, plural, strip_bidi
from perfkit.analyse.trends import transition_matrix
from perfkit.analyse.figures import measure_position
from perfkit.core.schema import HIERARCHY
from perfkit.analyse.summarise import golden_thread as roll_up
from perfkit.analyse.attention import attention_by_lead
from perfkit.analyse.assess import DEFAULT_TOLERANCE
from perfkit.analyse.figures import milestone_position
from perfkit.analyse.trends import item_key
from perfkit.core.schema import EXCEL_CELL_LIMIT
from perfkit.core.paths import PACKAGE


from perfkit.core.schema import CONTENTS_MARK


def _section(ident: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(title)}</h2>\n{body}\n</section>'


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


MEASURE_PANELS = 48  # measures drawn as small multiples before the charts show only the exceptions
FULL_LIST = 2 * LONG_LIST  # milestones listed in the page's appendix before it refers to the appendix workbook
APPENDIX_NOTE = "the appendix workbook published with this briefing"


def published_day(published=None) -> dt.date:
    """A header's date: a date, or ISO text as publishing passes it (``2024-11-05``); today when not given.

    Examples
    --------
    >>> published_day("2024-11-05")
    datetime.date(2024, 11, 5)
    """
    if isinstance(published, str) and published:
        return dt.date.fromisoformat(published)
    return published or dt.date.today()


def long_date(day: dt.date) -> str:
    """``22 November 2026``."""
    return f"{day.day} {day:%B %Y}"


def period_in_words(period) -> str:
    """A quarter as officers write it in a report's opening line.

    Examples
    --------
    >>> period_in_words("2024/25 Q2")
    'Quarter 2 2024/25 (July to September 2024)'
    >>> period_in_words("2023/24 Q4")
    'Quarter 4 2023/24 (January to March 2024)'
    """
    p = parse_period(period)
    return f"Quarter {p.quarter} {financial_year(p)} ({p.start_time:%B} to {p.end_time:%B %Y})"


def title(council: str, fig) -> str:
    """The briefing's title, as used for the page's <title> too."""
    return f"{council}: {_cadence(fig)} performance briefing, {fig.label}"


def _cadence(fig) -> str:
    """``annual``, ``half-yearly`` or ``quarterly``: how often the briefing's figures are reported."""
    return "annual" if fig.yearly else "half-yearly" if fig.half_yearly else "quarterly"


def _academic(fig) -> bool:
    """Whether the measures' years are academic years ('2023/24 academic'), as the reader found their columns headed."""
    return fig.measures is not None and bool(fig.measures.attrs.get("academic_years"))


def header(council: str, fig, published=None, workbook: str | None = None) -> str:
    """Title, the date of the meeting or publication, and the period covered in words; the contents list follows.

    ``published`` is a date or ISO text (default today). ``workbook`` is accepted for
    older notebooks and not shown: the source file is for the officer's checks, not the
    committee.
    """
    published = published_day(published)
    p = fig.period
    when = (f"{fig.label}, the academic year (September {p.qyear - 1} to August {p.qyear})" if fig.yearly and _academic(fig) else
            f"{fig.label} (April {p.qyear - 1} to March {p.qyear})" if fig.yearly else
            f"the {'first' if p.quarter <= 2 else 'second'} half of {financial_year(p)} ({(p - 1).start_time:%B %Y} to "
            f"{p.end_time:%B %Y})" if fig.half_yearly else period_in_words(p))
    return (
        f'<header class="briefing-header"><p class="council">{escape(council)}</p>'
        f"<h1>{_cadence(fig).capitalize()} performance briefing: {escape(fig.label)}</h1>"
        f'<p class="meta">{escape(_what_was_read(fig))} in {escape(when)}{escape(_figures_own_period(fig))}. '
        f'Published {escape(long_date(published))}.</p>'
        f"</header>\n{CONTENTS_MARK}"
    )


def _figures_own_period(fig) -> str:
    """Where every measure's figure is of a period of its own rather than the quarter's (an IPR's 'Sep-24' column; an
    outcomes framework's '2020-22', '2023/24'), the subtitle says so: ``: figures for September 2024``, or that each is
    the latest available for its own period; ``""`` otherwise (and where the page has milestones too)."""
    kp = fig.measures
    if kp is None or not len(kp) or "figure_period" not in kp or (fig.milestones is not None and len(fig.milestones)):
        return ""
    own = kp.loc[kp["period"] == fig.period, "figure_period"].astype(object).fillna("").astype(str).str.strip()
    if not len(own) or own.eq("").any():
        return ""
    return f": figures for {own.iloc[0]}" if own.nunique() == 1 else ": each figure the latest available, of a period of its own"


def _what_was_read(fig) -> str:
    """The subtitle's subject, from what the workbook held: a plan's milestones under its priorities or objectives are
    ``Council Plan delivery``; milestones with no such levels (a programme's or a project's) are said as what they are.

    Examples
    --------
    >>> from types import SimpleNamespace as F
    >>> _what_was_read(F(milestones=pd.DataFrame({"priority": ["Homes"]}), measures=None))
    'Council Plan delivery'
    >>> _what_was_read(F(milestones=pd.DataFrame({"priority": [""]}), measures=pd.DataFrame({"measure_id": ["K1"]})))
    'Milestones and performance measures'
    """
    has_ms = fig.milestones is not None and len(fig.milestones) > 0
    has_kp = fig.measures is not None and len(fig.measures) > 0
    if not has_ms:
        return "Performance measures" if has_kp else "Council Plan delivery"
    ms = fig.milestones
    if any(c in ms and ms[c].astype(str).str.strip().ne("").any() for c in ("priority", "objective", "strategy", "tactic")):
        # the plan the workbook's titles name: a police and crime plan's milestones are not the Council Plan's
        return f"{ms.attrs.get('plan_name') or 'Council Plan'} delivery"
    return "Milestones and performance measures" if has_kp else "Milestones"


def _cards(fig) -> str:
    out = []
    facts = narrative.measure_facts(fig) if fig.measures is not None else {}
    own, unfigured = facts.get("no_target", 0), facts.get("no_figure", 0)
    unmeasured = fig.measures is not None and own >= (fig.headline("measures") or {}).get("rated", 1)
    good = " or ".join(narrative.good_words(fig.scale))
    # none has a target: as the service rated them; some without one: those rated good by the service are counted too; a
    # figure suppressed ('<5') and rated by the service: counted as it rated it, never said to meet its target
    met = (f"measures rated {good}" if unmeasured else f"measures meeting target or, with none, rated {good}" if own
           else f"measures meeting target or, with no figure, rated {good}" if unfigured else "measures meeting target")
    for kind, label in (("milestones", "milestones progressing well"), ("measures", met)):
        h = fig.headline(kind)
        if h and h["rated"]:
            out.append(f'<div class="card"><p class="big">{escape(h["percent_text"])}</p>'
                       f'<p>{h["good"]:,} of {h["rated"]:,} {escape(label)}</p></div>')
    return f'<div class="cards">{"".join(out)}</div>' if out else ""


def overview(fig) -> str:
    """Overall position: headline figures, the overall paragraph and the summary table."""
    body = _cards(fig) + _p(narrative.overall_paragraph(fig))
    if fig.milestone_summary is not None:
        body += tables.summary_table(fig.milestone_summary, f"Milestones by status, {fig.label}", fig.scale)
    elif fig.measure_summary is not None:  # measures only: their paragraph is in the Measures section
        body += tables.summary_table(fig.measure_summary, f"Measures by status, {fig.label}", fig.scale)
    return _section("overview", "Overall position", body)


def priorities(fig) -> str:
    """One chart of status by priority (or whatever the figures are grouped by) and a paragraph for each."""
    if fig.milestone_summary is None or fig.milestone_summary.columns[0] == "group":
        return ""
    names = [str(g).strip() for g in fig.milestone_summary.iloc[:, 0].unique() if g != "All"]
    if not any(names):  # the workbook gives no priorities: the overview says it all
        return ""
    chart = charts.rag_by_group(fig.milestone_summary, "milestone", fig.scale, fig.label)
    body = chart.to_html()
    paragraphs = narrative.priority_paragraphs(fig)
    if len(paragraphs) > 40:  # a plan with very many priorities: the chart and the appendix carry the rest
        body += _p(f"The plan has {len(paragraphs):,} priorities; the {40} with the most milestones are described below, "
                   f"and every milestone is listed in {APPENDIX_NOTE}.")
        sizes = fig.milestone_summary.groupby(fig.milestone_summary.columns[0], sort=False)["total"].first()
        keep = set(sizes.drop(labels=["All"], errors="ignore").sort_values(ascending=False, kind="stable").index[:40].astype(str))
        paragraphs = [(n, t) for n, t in paragraphs if n in keep]
    noun = group_noun(fig.milestone_summary)
    for name, text in paragraphs:
        body += f"<h3>{escape(name.strip() or f'No {noun} given')}</h3>{_p(text)}"
    return _section("priorities", f"Progress by {noun}", body)


def through_the_year(fig) -> str:
    """The status mix in each quarter so far and what changed since last quarter."""
    if fig.milestone_mix is None:
        return ""
    t = fig.milestone_changes
    compared = t is not None and t["from_status"].notna().any()
    if len(fig.milestone_mix) <= 1 and not compared:  # one quarter and nothing to compare it with: no section
        return ""
    body = _p(narrative.changes_paragraph(fig))
    if len(fig.milestone_mix) > 1:
        body += charts.rag_by_period_chart(fig.milestone_mix, "milestone", fig.scale).to_html()
    if compared:
        body += charts.transitions_chart(t, "milestone").to_html()
        body += tables.transition_table(transition_matrix(t), f"Milestone status in {fig.period_text(fig.previous)} (rows) and {fig.label} (columns)")
    return _section("through-the-year", "Through the year", body)


def measures(fig) -> str:
    """Measures against target: the narrative, small multiples (12 to a chart) and the measures table by priority.

    With more than 48 measures the charts show the exceptions only (red, then amber,
    then worsening), and with more than 150 so does the table; the page says so and
    refers to the appendix workbook for the full list.
    """
    if fig.measures is None:
        return ""

    pos = measure_position(fig)
    body = _p(narrative.measures_paragraph(fig))
    if len(pos) <= MEASURE_PANELS:
        drawn = list(pos["measure_id"])
    else:
        drawn = list(tables.measure_exceptions(pos, MEASURE_PANELS // 2)["measure_id"])
        body += _p(f"With {len(pos):,} measures, the charts show the {len(drawn):,} furthest from target or worsening; "
                   f"every measure's figures are in {APPENDIX_NOTE}.") if drawn else ""
    for chart in charts.measure_charts(fig.measures, fig.period, ids=drawn, scale=fig.scale) if drawn else []:
        body += chart.to_html()
    noun = group_noun(fig.measure_summary)
    caption = f"Measures by {noun}, {fig.label}" if noun else f"Measures, {fig.label}"
    if len(pos) > LONG_LIST:
        shown = tables.measure_exceptions(pos, LONG_LIST)
        body += _p(f"The table lists the {len(shown):,} measures that are red, amber or worsening, of {len(pos):,} in all; "
                   f"the full table is in {APPENDIX_NOTE}.")
        body += tables.measures_table(fig, caption + ": exceptions", fig.scale, rows=shown) if len(shown) else ""
    else:
        body += tables.measures_table(fig, caption, fig.scale)
    return _section("measures", "Measures", body)


def golden_thread(fig) -> str:
    """Progress rolled up objective > strategy > tactic, where the workbook has those levels (else nothing).

    With more parts of the plan than fit a page, the deepest levels are left to the appendix.
    """

    ms = fig.milestones
    if ms is None or not any(c in ms and ms[c].astype(str).str.len().gt(0).any() for c in HIERARCHY):
        return ""
    table = roll_up(ms, fig.period, scale=fig.scale)
    note = ""
    if len(table) > LONG_LIST:
        depth = int(table["depth"].max())
        while depth > 0 and (table["depth"] <= depth).sum() > LONG_LIST:
            depth -= 1
        table = table[table["depth"] <= depth]
        note = _p(f"The plan has more parts than fit here; the table goes down {depth + 1} level{'s' if depth else ''}, "
                  f"and the milestones under each part are in {APPENDIX_NOTE}.")
    statuses = [c for c in fig.scale.names if c in table.columns]
    rows = []
    for r in table.to_dict("records"):
        indent = "\u2003" * int(r["depth"])
        pct = "" if r["good_percent"] is None or r["good_percent"] != r["good_percent"] else f"{r['good_percent']}%"
        cells = "".join(f'<td class="num">{r[s]}</td>' for s in statuses)
        rows.append(f'<tr><th scope="row">{indent}{escape(r["name"])} <span class="note">({escape(r["level"])})</span></th>'
                    f'<td class="num">{r["total"]}</td>{cells}<td class="num">{pct}</td></tr>')
    body = _p("How the milestones under each part of the plan are progressing, from the top of the plan down.") + note
    body += tables.html_table(f"Milestones by level of the plan, {fig.label}", ["Part of the plan", "Total", *statuses, "Progressing well"], rows, "thread")
    return _section("golden-thread", "Through the plan", body)


def attention(fig) -> str:
    """Milestones that need attention, by lead officer (the worst first, and a summary by officer, when the list is long)."""
    if fig.attention is None:
        return ""
    a = fig.attention
    body = _p(narrative.attention_paragraph(fig))
    caption = f"Amber, red and overdue milestones, {fig.label}, by lead officer"
    if len(a) > LONG_LIST:
        by_lead = attention_by_lead(a)
        shown = tables.attention_exceptions(a, LONG_LIST)
        body += tables.lead_table(by_lead.head(LONG_LIST), f"Milestones needing attention by lead officer, {fig.label}")
        if len(by_lead) > LONG_LIST:
            body += _p(f"The table shows the {LONG_LIST} officers with the most milestones needing attention, of {len(by_lead):,}.")
        body += _p(f"Of the {len(a):,} milestones needing attention, the {len(shown):,} below are red or have held their status longest; "
                   f"the full list is in {APPENDIX_NOTE}.")
        body += tables.attention_table(shown, caption + ": the most pressing", fig.scale, fig.extra.get("generated", ()), fig.span)
    else:
        body += tables.attention_table(a, caption, fig.scale, fig.extra.get("generated", ()), fig.span)
    return _section("attention", "Needs attention", body)


def milestone_list(fig) -> str:
    """Appendix: every milestone by priority (and objective, strategy, tactic), with lead, due date, two quarters' status and commentary.

    Beyond 300 milestones the page refers to the appendix workbook, which holds the same list.
    """
    if fig.milestones is None:
        return ""

    pos = milestone_position(fig)
    noun = group_noun(fig.milestone_summary)
    by = f" by {noun}" if noun else ""
    if len(pos) > FULL_LIST:
        body = _p(f"All {len(pos):,} milestones, with their lead officer, due date, status this {fig.span} and last, and commentary, "
                  f"are listed{by} in {APPENDIX_NOTE}.")
    else:
        body = tables.milestones_table(fig, f"All milestones{by}, {fig.label}", fig.scale)
    return _section("all-milestones", "Appendix: all milestones", body)


def tolerance_phrase(measures: pd.DataFrame) -> str:
    """How far a measure may miss its target and be amber, as the measures on the page have it: one tolerance for all
    (``10% of target``), or each its own.

    >>> tolerance_phrase(pd.DataFrame({"tolerance": [10.0, 10.0], "tolerance_type": ["percent", "percent"]}))
    '10% of target'
    """
    if measures is None or "tolerance" not in measures:
        given = set()
    else:
        kinds = measures["tolerance_type"].astype(object) if "tolerance_type" in measures else pd.Series("percent", index=measures.index)
        tol = pd.to_numeric(measures["tolerance"], errors="coerce")
        given = {(float(t), k if k in ("percent", "absolute") else "percent") if t == t else (DEFAULT_TOLERANCE, "percent")
                 for t, k in zip(tol, kinds)}
    if len(given) == 2 and "unit" in measures:
        # "within 5 percentage points (within 10% for time measures)": points for percentages, a share of target for the rest
        pct = measures["unit"].astype(str).eq("%").to_numpy()
        rows = list(zip(pd.to_numeric(measures["tolerance"], errors="coerce").fillna(DEFAULT_TOLERANCE), kinds, pct))
        mine = {(float(t), k) for t, k, is_pct in rows if is_pct}
        rest = {(float(t), k) for t, k, is_pct in rows if not is_pct}
        if len(mine) == 1 and len(rest) == 1 and next(iter(mine))[1] == "absolute" and next(iter(rest))[1] != "absolute":
            return (f"{next(iter(mine))[0]:g} percentage points for measures of percentages, and {next(iter(rest))[0]:g}% of "
                    "target for the others")
    if len(given) > 1:
        return "its own tolerance, set for each measure"
    value, kind = next(iter(given), (DEFAULT_TOLERANCE, "percent"))
    return f"{value:g}% of target" if kind == "percent" else f"{value:g} in the measure's own unit"


def _quarter_of_the_year(measures: pd.DataFrame) -> bool:
    """Whether any measure's quarter is compared with a quarter of the year's target (its own quarter's figure beside an
    'Annual target'), as the table's '200 (800 a year)' shows."""
    if "annual_target" not in measures or "target" not in measures or not len(measures):
        return False
    year = pd.to_numeric(measures["annual_target"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(measures["target"], errors="coerce").to_numpy(dtype=float)
    cumulative = measures["cumulative"].astype(object).fillna(False).astype(bool).to_numpy() if "cumulative" in measures else False
    with np.errstate(invalid="ignore"):
        return bool((~cumulative & (np.abs(year - 4 * target) <= 1e-9 * np.abs(year)) & (year != 0)).any())


def about(fig, frames: dict | None = None, workbook: str | None = None) -> str:
    """How the figures are worked out (for the committee; the officer's checks are in :func:`checks`)."""
    # Only what the page shows is explained: no milestone rules on a page of measures, and the other way round.
    ms, kp = fig.milestones is not None, fig.measures is not None
    items = [
        "Years are academic years, September to August, as the workbook's columns are headed." if fig.yearly and _academic(fig) else
        "Half-years are of the financial year, April to March: H1 is April to September." if fig.half_yearly else
        "Quarters are of the financial year, April to March: Q1 is April to June.",
        "Percentages are of rated items (red, amber, green and complete), rounded to whole numbers with halves rounded up; "
        "items not yet due, with no data or reported for information only are counted but left out of the percentages.",
    ]
    if ms:
        items.append("“Progressing well” means green or complete.")
    if kp:
        items.append("A measure meets its target when its actual is at or better than the target; it is amber when it misses "
                     f"by no more than {tolerance_phrase(fig.measures)}.")
        if _quarter_of_the_year(fig.measures):
            items.append("Where a target is the year's and a measure's figures are each quarter's own, each quarter is "
                         "compared with a quarter of the year's target.")
        rated = fig.measures["reported_status"] if "reported_status" in fig.measures else None
        if rated is not None and rated.astype(object).fillna("").astype(str).str.strip().ne("").any():
            # the service's own rating stands (README): said, so that a green counted against a figure short of its
            # target, or an amber on one that meets it, is not a sentence the page contradicts
            items.append("Where a service rates a measure itself, its rating is the one counted, even where the figure "
                         "alone would say otherwise.")
    if ms:
        items.append(f"A milestone is overdue when its due date is before the last day of the {fig.span} and it is not complete.")
    if kp and fig.half_yearly:
        items.append("Direction of travel compares each measure with the half-year before: “Improving” and “Worsening” take "
                     "account of whether higher or lower is better; the arrow shows which way the figure moved.")
    elif kp:
        items.append("Direction of travel compares each measure with the previous quarter (annual measures with the year before; "
                     "year-to-date measures with the same quarter last year or, where there is none, against their profile: "
                     "how far ahead of or behind the quarter's target they are, against the quarter before): “Improving” and "
                     "“Worsening” take account of whether higher or lower is better; the arrow shows which way the figure moved (against its "
                     "profile, for a measure compared with its profile).")
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    return _section("about", "About these figures", body)


CHECK_ROWS = 500  # rows per list in the officer's checks before "and N more"


def _problems(frames, problems) -> list:
    seen, out = set(), []
    for p in [q for f in (frames or {}).values() if f is not None for q in f.attrs.get("problems", [])] + list(problems or []):
        key = (p.source, p.message, p.severity)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def check_items(fig, frames: dict | None = None, problems=()) -> list[tuple[str, str, list[str], list[list[str]]]]:
    """The officer's pre-publication checks as data: (id, heading, column headers, rows of text).

    ``frames["comparison"]``, where given, is the "How we compare" section's comparison
    (:func:`perfkit.benchmark`): what reading and comparing it found is listed under its own heading.

    Lists, in order: warnings from reading the workbook, the comparison's notes, measures whose reported
    status differs from the one worked out from their figures, data faults (measures
    without a figure, milestones without a status, overdue milestones rated green),
    amber and red items without commentary and how many other items have none,
    commentary too long for the appendix workbook, what the page leaves to that
    workbook, and last the notes where perfkit read or guessed something (a status
    from a fill colour, a year from the title...). Lists that are empty are left out.
    """

    out = []
    frames = dict(frames or {})
    comparison = frames.pop("comparison", None)  # the "How we compare" section's data: listed under its own heading
    probs = _problems(frames, problems)
    warn = [p for p in probs if p.severity in ("error", "warning")]
    info = [p for p in probs if p.severity == "info"]
    if warn:
        out.append(("warnings", "Warnings from reading the workbook", ["Cell", "What perfkit found"], [[p.source, p.message] for p in warn]))
    compared = _problems({"comparison": comparison}, ()) if comparison is not None else []
    if compared:
        order = {"error": 0, "warning": 1}
        out.append(("comparison", "How we compare: what perfkit found in the comparison data (warnings first)", ["Where", "What perfkit found"],
                    [[p.source, p.message] for p in sorted(compared, key=lambda p: order.get(p.severity, 2))]))
    label = fig.label
    if fig.measures is not None:
        pos = measure_position(fig)
        differs = pos[pos["status_differs"].fillna(False).astype(bool)] if "status_differs" in pos else pos.iloc[:0]
        if len(differs):
            out.append(("differs", f"Measures whose reported status differs from their figures, {label}",
                        ["Cell", "Ref", "Measure", "Target", "Actual", "Service reported", "From the figures"],
                        [[r.source, r.measure_id, r.name, tables.target_text(r) or "none", number_text(r.actual, r.unit),
                          str(r.reported_status), str(getattr(r, "computed_status", r.status))] for r in differs.itertuples(index=False)]))
        own = (pos[pos["status_from_service"].fillna(False).astype(bool) & pos["computed_status"].astype(object).eq("Data only")]
               if "status_from_service" in pos and "computed_status" in pos else pos.iloc[:0])
        if len(own):
            out.append(("service-status", f"Measures with no target, rated by the service's own status, {label}",
                        ["Cell", "Ref", "Measure", "Actual", "Service reported"],
                        [[r.source, r.measure_id, r.name, number_text(r.actual, r.unit), str(r.reported_status)]
                         for r in own.itertuples(index=False)]))
        # a measure the service marks not applicable, or not yet due, has no figure to give: never listed as missing one
        nodata = pos[pos["actual"].isna() & ~pos["status"].astype(object).isin(["Not applicable", "Not due"])]
        if len(nodata):
            out.append(("no-figure", f"Measures without a figure for {label}", ["Cell", "Ref", "Measure"],
                        [[r.source, r.measure_id, r.name] for r in nodata.itertuples(index=False)]))
    if fig.milestones is not None:
        mpos = milestone_position(fig)
        key = item_key(mpos)
        status = mpos["status"].astype(object)
        unset = mpos[status.isna() | status.eq("No data")]
        if len(unset):
            out.append(("no-status", f"Milestones without a status for {label}", ["Cell", "Ref", "Milestone"],
                        [[r.get("source", ""), r[key], r.get("title", "")] for r in _records(unset, "source", key, "title")]))
        late_green = mpos[mpos["overdue"] & status.isin([s for s in fig.scale.good if s not in fig.scale.complete])]
        if len(late_green):
            out.append(("overdue-green", "Milestones past their due date but rated green: confirm the status or the date",
                        ["Cell", "Ref", "Milestone", "Due"],
                        [[r.get("source", ""), r[key], r.get("title", ""), r["due_date"].strftime("%d/%m/%Y")]
                         for r in _records(late_green, "source", key, "title", "due_date")]))
    rows, others = [], 0
    for kind, frame, key, name in (("Milestone", milestone_position(fig) if fig.milestones is not None else None, "milestone_id", "title"),
                                   ("Measure", measure_position(fig) if fig.measures is not None else None, "measure_id", "name")):
        if frame is None or not len(frame):
            continue
        empty = frame["commentary"].fillna("").astype(str).str.strip().eq("") if "commentary" in frame else pd.Series(True, index=frame.index)
        st = frame["status"].astype(object)
        behind = st.isin([s for s in fig.scale.rated if s not in fig.scale.good]).to_numpy()
        k = key if key in frame else frame.columns[0]
        rows += [[r.get("source", ""), kind, r[k], r.get(name, ""), str(r["status"])]
                 for r in _records(frame[empty.to_numpy() & behind], "source", k, name, "status")]
        others += int((empty.to_numpy() & ~behind).sum())
    if rows:
        out.append(("no-commentary", "Amber and red items without commentary (the committee will ask why)", ["Cell", "Kind", "Ref", "Item", "Status"], rows))
    if others:
        out.append(("no-commentary-other", "Other items without commentary", ["Count"], [[f"{others:,}"]]))
    refers = shortened(fig)
    if refers:
        out.append(("appendix", "The briefing refers to the appendix workbook: publish it with the briefing (perfkit brief --xlsx)",
                    ["What the page leaves to the workbook"], [[r] for r in refers]))

    long_rows = []
    for frame, key in ((fig.milestones, "milestone_id"), (fig.measures, "measure_id")):
        if frame is not None and "commentary" in frame and key in frame:
            now = frame[frame["period"] == fig.period]
            size = now["commentary"].fillna("").astype(str).str.len()
            long_rows += [[r.get("source", ""), r[key], f"{n:,} characters"]
                          for r, n in zip(_records(now[size > EXCEL_CELL_LIMIT], "source", key), size[size > EXCEL_CELL_LIMIT])]
    if long_rows:
        out.append(("too-long", f"Commentary longer than an Excel cell holds ({EXCEL_CELL_LIMIT:,} characters): cut, with a note, in the appendix workbook",
                    ["Cell", "Ref", "Length"], long_rows))
    if info:  # last: where perfkit read or guessed something; usually right, worth a glance
        out.append(("notes", "Notes: where perfkit read or guessed something, check it is right", ["Cell", "Note"], [[p.source, p.message] for p in info]))
    return out


def _records(frame: pd.DataFrame, *columns: str) -> list[dict]:
    """The frame's rows as dicts of those of ``columns`` it has: a list of thousands of rows is made from the few
    columns it shows, not from every column of the frame."""
    return frame[[c for c in dict.fromkeys(columns) if c in frame.columns]].to_dict("records")


def shortened(fig) -> list[str]:
    """What the page leaves to the appendix workbook because the list is too long to read in a page (empty if nothing).

    Examples
    --------
    >>> shortened(fig)  # doctest: +SKIP
    ['the full list of 50,000 milestones']
    """

    out = []
    if fig.measures is not None:
        n = len(measure_position(fig))
        if n > MEASURE_PANELS:
            out.append(f"charts of all {n:,} measures (the page draws the exceptions)")
        if n > LONG_LIST:
            out.append(f"the full table of {n:,} measures (the page lists the exceptions)")
    if fig.attention is not None and len(fig.attention) > LONG_LIST:
        out.append(f"the full list of {len(fig.attention):,} milestones needing attention")
    if fig.milestones is not None:
        n = int(fig.milestone_summary["total"].iloc[0]) if fig.milestone_summary is not None else 0
        if n > FULL_LIST:
            out.append(f"the full list of {n:,} milestones")
    return out


def checks(fig, frames: dict | None = None, problems=()) -> str:
    """The officer's checklist before publishing, as the HTML body of its own page (never part of the briefing).

    Parameters
    ----------
    fig : perfkit.analyse.figures.Figures
        The figures the briefing quotes.
    frames : dict, optional
        The frames from :func:`perfkit.read_workbook` (their ``attrs["problems"]`` are listed).
    problems : iterable of perfkit.Problem, optional
        Any further problems to list (e.g. from :func:`perfkit.validate`); duplicates are listed once.

    Returns
    -------
    str
        ``<h1>`` and sections with a table per list; each list is cut at 500 rows with
        the number left out stated.

    Examples
    --------
    >>> html = checks(fig, frames)  # doctest: +SKIP
    >>> "Before you publish" in html  # doctest: +SKIP
    True
    """
    items = check_items(fig, frames, problems)
    label = fig.label
    n = sum(len(rows) for ident, _, _, rows in items if ident != "no-commentary-other")
    out = [f"<h1>Before you publish: checks for the {escape(label)} briefing</h1>"]
    if not items:
        out.append(_p("perfkit found nothing to check: no warnings, no disagreements, no missing figures or commentary."))
    else:
        out.append(_p(f"These are for the officer publishing the briefing, not the committee: {plural_items(n)} to look at. "
                      "Check them with the services, correct the workbook where needed, and build the briefing again."))
    for ident, heading, headers, rows in items:
        shown = rows[:CHECK_ROWS]
        body = tables.html_table(heading, headers, ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in shown], "checks")
        if len(rows) > CHECK_ROWS:
            body += _p(f"And {len(rows) - CHECK_ROWS:,} more not shown.")
        out.append(_section(f"check-{ident}", f"{heading} ({len(rows):,})" if ident != "no-commentary-other" else heading, body))
    return "\n".join(out)


def plural_items(n: int) -> str:
    """``1 item``, ``12 items``.

    Examples
    --------
    >>> plural_items(3)
    '3 items'
    """
    return plural(n, "item")


def checks_text(fig, frames: dict | None = None, problems=(), limit: int = 20) -> str:
    """The officer's checks as plain text for the terminal: each list with up to ``limit`` lines.

    Examples
    --------
    >>> print(checks_text(fig, frames))  # doctest: +SKIP
    Warnings from reading the workbook (1):
      Milestones!F6: ...
    """
    lines = []
    for ident, heading, headers, rows in check_items(fig, frames, problems):
        lines.append(f"{heading} ({len(rows):,}):" if ident != "no-commentary-other" else f"{heading}: {rows[0][0]}")
        if ident == "no-commentary-other":
            continue
        for r in rows[:limit]:
            lines.append("  " + (f"{r[0]}: " if r[0] else "") + ", ".join(strip_bidi(str(c)) for c in r[1:]))
        if len(rows) > limit:
            lines.append(f"  ... and {len(rows) - limit:,} more (see the checks file)")
    return "\n".join(lines) if lines else f"Nothing to check for {fig.label}."


def checks_page(fig, frames: dict | None = None, problems=(), council: str = "") -> str:
    """The officer's checklist as a whole, self-contained HTML page (the briefing's styles, no scripts).

    Examples
    --------
    >>> page = checks_page(fig, frames, council="Northbrook District Council")  # doctest: +SKIP
    """

    css = (PACKAGE / "assets" / "briefing.css").read_text(encoding="utf-8")
    name = f"{council}: " if council else ""
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(name)}checks before publishing the {escape(fig.label)} briefing</title>\n"
            f"<style>\n{css}\n</style>\n</head>\n<body>\n<main id=\"main\">\n{checks(fig, frames, problems)}\n</main>\n</body>\n</html>\n")


