"""The year-end and six-monthly reports and the service plan table, as HTML sections.

``notebooks/annual_report.ipynb`` shows these in order (``perfkit brief --period
2024/25`` or ``--period "2024/25 H1"`` runs it); ``notebooks/service_plan.ipynb``
shows one service's table. Every figure comes from :mod:`perfkit.analyse.annual`, and every
status is written in words beside its colour.

Examples
--------
>>> import pandas as pd
>>> from perfkit.present.annual_report import report_kind
>>> report_kind("2024/25"), report_kind("2024/25 H1"), report_kind("2024/25 Q2")
('year', 'half', 'quarter')
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from perfkit.analyse import annual
from perfkit.present import charts
from perfkit.present.briefing import published_day
from perfkit.present.text import escape, plural
from perfkit.core.periods import parse_span, period_label, quarter
from perfkit.core.schema import CONTENTS_MARK
from perfkit.present.tables import DIRECTION_WORDS, html_table, status_badge, status_cell
from perfkit.present.text import number_text
from perfkit.analyse.assess import assess_measures

TREND_ARROWS = DIRECTION_WORDS


def report_kind(period) -> str:
    """``year``, ``half`` or ``quarter``: which report a ``--period`` asks for."""
    if period is None:
        return "quarter"
    return {"year": "year", "half": "half"}.get(parse_span(period).kind, "quarter")


def latest_year(frames: dict) -> str:
    """The latest financial year with figures in the frames, written ``2024/25``."""
    periods = [p for f in frames.values() if f is not None and "period" in f for p in f["period"].dropna().unique()]
    if not periods:
        raise ValueError("the workbook has no periods")
    measures = frames.get("measures")
    if measures is not None and len(measures):
        with_figures = measures.loc[measures["actual"].notna(), "period"]
        if len(with_figures):
            periods = list(with_figures.unique())
    return period_label(max(periods), "year")


def _section(ident: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(title)}</h2>\n{body}\n</section>'


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def title(council: str, period) -> str:
    kind = report_kind(period)
    label = parse_span(period).label
    what = {"year": "annual performance report", "half": "six-monthly corporate indicators report"}.get(kind, "performance report")
    return f"{council}: {what}, {label}"


def header(council: str, period, published=None, workbook: str | None = None) -> str:
    """The report's title, its dates and source; publishing puts the contents list after it."""
    published = published_day(published)
    span = parse_span(period)
    kind = report_kind(period)
    heading = {"year": "Annual performance report", "half": "Six-monthly corporate indicators report"}.get(kind, "Performance report")
    covers = f"{span.start.start_time:%B %Y} to {span.end.end_time:%B %Y}"
    # ``workbook`` is not shown: the committee's page names no file (the officer's checks do)
    return (f'<header class="briefing-header"><p class="council">{escape(council)}</p>'
            f"<h1>{heading}: {escape(span.label)}</h1>"
            f'<p class="meta">Council Plan and service plan performance, {escape(covers)}. '
            f"Published {published.day} {published:%B %Y}.</p></header>\n{CONTENTS_MARK}")


def _status_of(frames: dict, period, kind: str):
    measures = frames.get("measures")
    if measures is None or not len(measures):
        return None
    return annual.annual_status(measures, period, kind=kind)


def _count_phrase(status: pd.DataFrame) -> str:
    counts = status["status"].astype(str).value_counts()
    parts = [f"{counts[s]} {s.lower()}" for s in ("Green", "Amber", "Red") if counts.get(s, 0)]
    other = int(counts.get("No data", 0))
    text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + (parts[-1] if parts else "none rated")
    return text + (f"; {plural(other, 'indicator')} had no figure" if other else "")


def _names(rows: pd.DataFrame, most: int = 6) -> str:
    names = [f"{r['name']} ({r['measure_id']})" for r in rows.to_dict("records")]
    shown = names[:most]
    more = len(names) - len(shown)
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 and not more else ", " if more else "") + shown[-1]
    return text + (f" and {plural(more, 'other')}" if more else "")


def overview(frames: dict, period) -> str:
    """The year (or half) in a paragraph: indicators against target, direction of travel, milestones at the end."""
    kind = report_kind(period)
    label = parse_span(period).label
    body = ""
    st = _status_of(frames, period, kind)
    if st is not None and len(st):
        rated = st[st["status"].astype(str).isin(["Green", "Amber", "Red"])]
        met = int((rated["status"].astype(str) == "Green").sum())
        improving = int((st["direction"] == "Improving").sum())
        worsening = int((st["direction"] == "Worsening").sum())
        before = "the year before" if kind == "year" else "the same half last year"
        said = int(st["direction_said"].sum()) if "direction_said" in st else 0
        if said and said == int((st["direction"] != "Not comparable").sum()):
            compared = f"By the trend the service reports for each (no figure of {before} to compare)"
        elif said:
            compared = f"Compared with {before} (by the service's own trend for {plural(said, 'indicator')} with no figure to compare)"
        else:
            compared = f"Compared with {before}"
        targeted = rated["target"].notna().to_numpy() if "target" in rated else np.ones(len(rated), dtype=bool)
        if len(rated) and not targeted.any():
            # no target anywhere: the partnership's own ratings are what the page counts, never "met its target"
            body += _p(f"In {label}, {met} of the {plural(len(rated), 'indicator')} rated by the service's own status "
                       f"{'was' if met == 1 else 'were'} rated green ({_count_phrase(st)}). {compared}, {improving} "
                       f"improved and {worsening} worsened.")
        else:
            body += _p(f"In {label}, {met} of the {plural(len(rated), 'indicator')} with a target met it "
                       f"({_count_phrase(st)}). {compared}, {improving} improved and {worsening} worsened.")
        missed = st[st["status"].astype(str) == "Red"]
        if len(missed) and not (len(rated) and not targeted.any()):
            body += _p(f"Missed by more than the tolerance: {_names(missed)}.")
        elif len(missed):
            body += _p(f"Rated red: {_names(missed)}.")
        worse = st[st["direction"] == "Worsening"]
        if len(worse):
            own = "direction_said" in st and bool(st.loc[worse.index, "direction_said"].all())
            body += _p(f"{'Worsening, by the trend the service reports' if own else 'Worse than ' + before}: {_names(worse)}.")
        words = annual.officer_disagreements(st)
        if len(words):
            body += _p(f"For {plural(len(words), 'entry', 'entries')}, the service's own \u201clevel achieved\u201d or \u201ctrend\u201d "
                       "disagrees with the figures; they are listed under \u201cChecks\u201d with their cells.")
    ms = frames.get("milestones")
    if ms is not None and len(ms):
        end = parse_span(period).end
        at_end = ms[ms["period"] == end]
        if len(at_end):
            counts = at_end["status"].astype(str).value_counts()
            parts = [f"{int(counts[s])} {s.lower()}" for s in counts.index if counts[s]]
            body += _p(f"At {period_label(end)}, of {plural(len(at_end), 'milestone')}: {', '.join(parts)}.")
    if not body:
        body = _p(f"The workbook has no figures for {label}.")
    return _section("overview", "The year in brief" if kind == "year" else "The half-year in brief", body)


def quarters(frames: dict, year) -> str:
    """Milestones and measures with the four quarters of the year side by side (year-end report only)."""
    if report_kind(year) != "year":
        return ""
    body = ""
    label = period_label(quarter(parse_span(year).end.qyear, 4), "year")
    ms = frames.get("milestones")
    if ms is not None and len(ms):
        wide = annual.quarters_side_by_side(ms, year)
        qs = [c for c in wide.columns if c.startswith(label)]
        rows = [f'<tr><td>{escape(r["milestone_id"])}</td><th scope="row">{escape(r["title"])}</th>'
                + "".join(status_cell(r[q] if isinstance(r[q], str) else None) for q in qs) + "</tr>"
                for r in wide.to_dict("records")]
        body += html_table(f"Milestone status in each quarter of {label}", ["Ref", "Milestone", *[q[-2:] for q in qs]], rows, "quarters")
    kp = frames.get("measures")
    if kp is not None and len(kp):
        assessed = assess_measures(kp)
        st = annual.quarters_side_by_side(assessed, year)
        act = annual.quarters_side_by_side(assessed, year, value="actual").set_index("measure_id")
        units = kp.drop_duplicates("measure_id").set_index("measure_id")["unit"] if "unit" in kp else pd.Series(dtype=str)
        qs = [c for c in st.columns if c.startswith(label)]
        rows = []
        for r in st.to_dict("records"):
            unit = units.get(r["measure_id"], "")
            cells = "".join(
                f'<td class="status">{number_text(act.loc[r["measure_id"], q], unit)} {status_badge(r[q]) if isinstance(r[q], str) else ""}</td>'
                for q in qs)
            rows.append(f'<tr><td>{escape(r["measure_id"])}</td><th scope="row">{escape(r["name"])}</th>{cells}</tr>')
        if rows:
            body += html_table(f"Quarterly measures in each quarter of {label}: figure and status", ["Ref", "Measure", *[q[-2:] for q in qs]], rows, "quarters")
    if not body:
        return ""
    return _section("quarters", "Quarter by quarter", body)


def outturn_table(status: pd.DataFrame, caption: str, next_label: str | None = None) -> str:
    """Each indicator's outturn, target, status in words, the year before, its trend arrow and next year's target."""
    headers = ["Ref", "Indicator", "Good is", "Outturn", "Target", "Status", "Year before", "Trend"]
    if next_label:
        headers.append(f"Target {next_label}")
    rows = []
    for r in status.to_dict("records"):
        unit = r.get("unit", "")
        note = ""
        if r.get("level_differs"):
            note += f'<br><span class="note">Service wrote \u201c{escape(r["reported_level"])}\u201d</span>'
        trend = TREND_ARROWS.get(r["direction"], r["direction"])
        if r.get("trend_differs"):
            trend += f'<br><span class="note">Service wrote \u201c{escape(r["reported_trend"])}\u201d</span>'
        basis = "" if r["basis"] in ("year outturn", "half-year outturn") else f'<br><span class="note">{escape(r["basis"])}</span>'
        cells = (f'<td>{escape(r["measure_id"])}</td><th scope="row">{escape(r["name"])}</th><td>{escape(r["polarity"])}</td>'
                 f'<td class="num">{number_text(r["actual"], unit)}{basis}</td><td class="num">{number_text(r["target"], unit)}</td>'
                 f'<td class="status">{status_badge(r["status"])}{note}</td><td class="num">{number_text(r["previous"], unit)}</td>'
                 f"<td>{trend}</td>")
        if next_label:
            cells += f'<td class="num">{number_text(r["next_target"], unit)}</td>'
        rows.append(f"<tr>{cells}</tr>")
    return html_table(caption, headers, rows, "outturns")


def outturns(frames: dict, year, years: int = 5) -> str:
    """Year-end outturns against target, the trend over the last three to five years, and next year's targets."""
    kp = frames.get("measures")
    if kp is None or not len(kp) or report_kind(year) != "year":
        return ""
    st = annual.annual_status(kp, year)
    if not len(st):
        return ""
    label = parse_span(year).label
    fy = parse_span(year).end.qyear
    nxt = period_label(quarter(fy + 1, 4), "year")
    body = _p(f"Each indicator's outturn for {label} against its target, with the year before and the target for {nxt}. "
              "Where the workbook gives no outturn for the year, the note under the figure says which figure is used.")
    body += outturn_table(st, f"Year-end outturns, {label}", next_label=nxt)
    history = annual.outturn_history(kp, year, years=years)
    if history["label"].nunique() >= 2:
        chart = charts.outturn_small_multiples(history, st)
        body += chart.to_html()
    return _section("outturns", "Year-end outturns", body)


def half_year(frames: dict, half) -> str:
    """The six-monthly corporate indicators: the half's figure against target, on the same half last year, and the forecast."""
    kp = frames.get("measures")
    if kp is None or not len(kp) or report_kind(half) != "half":
        return ""
    st = annual.annual_status(kp, half, kind="half")
    label = parse_span(half).label
    body = _p(f"Each corporate indicator's figure for {label} against its target, with the same half-year the year before.")
    body += outturn_table(st, f"Corporate indicators, {label}")
    end = parse_span(half).end
    if end.quarter == 2:
        body += forecast_table(annual.forecast_year_end(kp, end), f"Forecast year-end outturns, {period_label(end, 'year')}")
    return _section("indicators", "Corporate indicators", body)


def forecast_table(forecast: pd.DataFrame, caption: str) -> str:
    """Forecasts, always called forecasts, with the method and their status against the annual target."""
    if not len(forecast):
        return ""
    headers = ["Ref", "Measure", "Figure so far", "Annual target", "Forecast year end", "How forecast", "Forecast status"]
    rows = []
    for r in forecast.to_dict("records"):
        unit = r.get("unit", "")
        rows.append(f'<tr><td>{escape(r["measure_id"])}</td><th scope="row">{escape(r["name"])}</th>'
                    f'<td class="num">{number_text(r["actual"], unit)}</td><td class="num">{number_text(r["annual_target"], unit)}</td>'
                    f'<td class="num">Forecast {number_text(r["forecast"], unit)}</td><td>{escape(r["method"])}</td>'
                    f'<td class="status">Forecast {status_badge(r["forecast_status"])}</td></tr>')
    return (_p("Forecasts are projections from the figures so far, not outturns: a cumulative measure is projected by its "
               "target profile (or a straight line where it has none), other measures by the average of their quarters so far.")
            + html_table(caption, headers, rows, "forecast"))


def checks(frames: dict, period) -> str:
    """The service's own words the figures contradict, by cell, to check before publishing."""
    kp = frames.get("measures")
    if kp is None or not len(kp):
        return ""
    found = annual.officer_disagreements(annual.annual_status(kp, period, kind=report_kind(period)))
    if not len(found):
        return _section("checks", "Checks", _p("The services' own \u201clevel achieved\u201d and \u201ctrend\u201d entries agree with the figures."))
    rows = [f'<tr><td>{escape(r["source"])}</td><th scope="row">{escape(r["measure_id"])} {escape(r["name"])}</th>'
            f'<td>{escape(r["field"])}</td><td>{escape(r["message"])}</td></tr>' for r in found.to_dict("records")]
    body = _p("The services' own entries below disagree with the figures. Check them with the services before publishing.")
    body += html_table("Entries that disagree with the figures", ["Cell", "Indicator", "Entry", "What the figures say"], rows, "problems")
    return _section("checks", "Checks", body)


def service_plan_table(measures: pd.DataFrame, year, service: str | None = None) -> str:
    """One service's performance table: outturns over the years, target, status, trend arrow and next year's target."""
    kp = measures
    if service and "directorate" in kp:
        kp = kp[kp["directorate"] == service]
    st = annual.annual_status(kp, year)
    history = annual.outturn_history(kp, year, years=3)
    labels = sorted(history["label"].unique())
    wide = history.pivot_table(index="measure_id", columns="label", values="actual", aggfunc="first")
    label = parse_span(year).label
    nxt = period_label(quarter(parse_span(year).end.qyear + 1, 4), "year")
    headers = ["Ref", "Indicator", *[f"Outturn {y}" for y in labels], f"Target {label}", "Status", "Trend", f"Target {nxt}"]
    rows = []
    for r in st.to_dict("records"):
        unit = r.get("unit", "")
        years = "".join(f'<td class="num">{number_text(wide.loc[r["measure_id"], y] if y in wide.columns and r["measure_id"] in wide.index else np.nan, unit)}</td>' for y in labels)
        trend = TREND_ARROWS.get(r["direction"], r["direction"])
        rows.append(f'<tr><td>{escape(r["measure_id"])}</td><th scope="row">{escape(r["name"])}</th>{years}'
                    f'<td class="num">{number_text(r["target"], unit)}</td><td class="status">{status_badge(r["status"])}</td>'
                    f'<td>{trend}</td><td class="num">{number_text(r["next_target"], unit)}</td></tr>')
    caption = f"{service}: performance indicators, {label}" if service else f"Performance indicators, {label}"
    return html_table(caption, headers, rows, "outturns")


def about(frames: dict, period, workbook: str | None = None) -> str:
    """How the year's figures are worked out, and the warnings from reading the workbook."""

    items = [
        "Years are financial years, April to March; the first half-year (H1) is April to September.",
        "An indicator's outturn for the year is the workbook's own year outturn; for a cumulative measure without one, its "
        "year-to-date figure at Q4; otherwise its Q4 figure, as the table notes.",
        "An indicator meets its target when its outturn is at or better than the target (higher or lower, as good performance "
        "is for it); it is amber when it misses by no more than its tolerance (5% of target unless the workbook gives one).",
        "A cumulative measure's status at each quarter is judged against its profiled target for that quarter, not the annual target.",
        "Trend compares the outturn with the year before (or the same half-year the year before).",
    ]
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    # The file and the warnings from reading it are the officer's: they go to the checks, never the committee's page.
    return _section("about", "About these figures", body)


def service_plan_section(frames: dict, year, service: str | None = None) -> str:
    """The service plan's performance table as a section (nothing when the workbook has no measures)."""
    kp = frames.get("measures")
    if kp is None or not len(kp):
        return ""
    body = _p("Outturns for the last three years, this year's target and status in words, the trend on the year before "
              "(\u25b2 improving, \u25bc worsening, \u25cf no change) and next year's target.")
    return _section("service-plan", "Service plan performance", body + service_plan_table(kp, year, service))
