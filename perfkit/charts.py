"""Charts for the briefing, drawn from the same frames as the tables and narrative.

Every chart says its statuses in words as well as colour (labels on the bars,
marker shapes and labels on lines) and comes with alt text written from its
data. Each function returns a :class:`Chart`; ``chart.to_html()`` gives a
``<figure>`` with the image embedded, its alt text and a caption.

Figures are built with :class:`matplotlib.figure.Figure` directly (no pyplot), so
they work the same in a notebook, a script or a server, and are closed when drawn.

Examples
--------
>>> import perfkit
>>> from perfkit import charts
>>> fig = perfkit.quarter_figures(*perfkit.read_workbook("data/raw/sample_council_2023-24.xlsx").values(), "2023/24 Q2")  # doctest: +SKIP
>>> charts.rag_by_group(fig.milestone_summary).alt  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .narrative import escape, plural
from .palette import GREY_TEXT, INK
from .periods import period_label
from .status import DEFAULT_SCALE, StatusScale
from .summarise import ALL

DPI = 110
MARKERS = {"Green": "o", "Complete": "o", "Amber": "^", "Red": "s", "Amber/Red": "v", "Amber/Green": "^", "Data only": "D", "No data": "x"}


@dataclass
class Chart:
    """A drawn chart: its title, alt text and the PNG bytes."""

    title: str
    alt: str
    png: bytes

    def to_html(self, caption: str | None = None) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        cap = escape(caption or self.title)
        return (f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(self.alt)}">'
                f"<figcaption>{cap}</figcaption></figure>")

    def _repr_html_(self) -> str:  # shows in a notebook
        return self.to_html()


def _render(fig: Figure, title: str, alt: str, tight: bool = True) -> Chart:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight" if tight else None, facecolor="white")
    fig.clear()
    return Chart(title, alt, buf.getvalue())


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=9)
    ax.xaxis.label.set_color(INK)
    ax.yaxis.label.set_color(INK)


def _list_phrase(pairs: list[tuple[str, int]], noun: str) -> str:
    parts = [f"{n} {name.lower()}" for name, n in pairs if n]
    if not parts:
        return f"no {noun}s"
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _stacked(ax, labels: list[str], matrix: np.ndarray, statuses: list[str], scale: StatusScale, horizontal: bool) -> None:
    """Stacked bars with each segment labelled with its status word and count where it fits."""
    left = np.zeros(len(labels))
    totals = matrix.sum(axis=1)
    span = max(totals.max() if len(totals) else 1, 1)
    pos = np.arange(len(labels))
    for j, status in enumerate(statuses):
        values = matrix[:, j]
        s = scale[status]
        if horizontal:
            bars = ax.barh(pos, values, left=left, color=s.colour, edgecolor="white", linewidth=1.5, label=status, height=0.6)
        else:
            bars = ax.bar(pos, values, bottom=left, color=s.colour, edgecolor="white", linewidth=1.5, label=status, width=0.6)
        for bar, v, start in zip(bars, values, left):
            if v <= 0:
                continue
            share = v / span
            word = f"{status} {int(v)}" if share >= (0.16 if horizontal else 0.0) else str(int(v))
            if not horizontal:
                word = f"{status}\n{int(v)}" if v / span >= 0.12 else str(int(v))
            x = start + v / 2 if horizontal else bar.get_x() + bar.get_width() / 2
            y = bar.get_y() + bar.get_height() / 2 if horizontal else start + v / 2
            ax.text(x, y, word, ha="center", va="center", fontsize=8.5, color=s.text_colour, fontweight="bold")
        left = left + values


def _legend(ax, statuses: list[str], scale: StatusScale, **kw) -> None:
    handles = [Line2D([0], [0], marker="s", linestyle="", markersize=10, markerfacecolor=scale[s].colour, markeredgecolor="white", label=s) for s in statuses]
    ax.legend(handles=handles, frameon=False, fontsize=9, labelcolor=INK, **kw)


def rag_by_group(summary: pd.DataFrame, noun: str = "milestone", scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """Horizontal stacked bars of the status mix in each group (e.g. priority), from :func:`perfkit.rag_summary`."""
    group_col = summary.columns[0]
    groups = [g for g in summary[group_col].unique() if g != ALL] or [ALL]
    counts = summary.pivot_table(index=group_col, columns="status", values="count", aggfunc="sum", observed=False)
    counts = counts.reindex(index=groups, columns=scale.names).fillna(0)
    statuses = [s for s in scale.names if counts[s].sum() > 0]
    matrix = counts[statuses].to_numpy()
    fig = Figure(figsize=(8.5, 0.7 * len(groups) + 1.4))
    ax = fig.subplots()
    _stacked(ax, groups, matrix, statuses, scale, horizontal=True)
    ax.set_yticks(np.arange(len(groups)), ["\n".join(textwrap.wrap(str(g), 28)) for g in groups])
    ax.invert_yaxis()
    ax.set_xlabel(f"Number of {noun}s")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    _legend(ax, statuses, scale, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.05 / max(len(groups), 1)), ncol=len(statuses))
    period = summary.attrs.get("period")
    title = f"{noun.capitalize()} status by {str(group_col).replace('_', ' ')}" + (f", {period_label(period)}" if period is not None else "")
    parts = []
    for g, row in zip(groups, matrix):
        parts.append(f"{g}: {int(row.sum())} in all, {_list_phrase(list(zip(statuses, row.astype(int))), noun)}")
    alt = f"Bar chart of {noun} status by {str(group_col).replace('_', ' ')}. " + "; ".join(parts) + "."
    return _render(fig, title, alt)


def rag_by_period_chart(mix: pd.DataFrame, noun: str = "milestone", scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """Vertical stacked bars of the status mix in each quarter, from :func:`perfkit.rag_by_period`."""
    statuses = [s for s in scale.names if s in mix.columns and mix[s].sum() > 0]
    labels = [period_label(p) for p in mix.index]
    matrix = mix[statuses].to_numpy()
    fig = Figure(figsize=(max(4.5, 1.6 * len(labels) + 2.5), 4.2))
    ax = fig.subplots()
    _stacked(ax, labels, matrix, statuses, scale, horizontal=False)
    ax.set_xticks(np.arange(len(labels)), labels)
    ax.set_ylabel(f"Number of {noun}s")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    _legend(ax, statuses, scale, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    title = f"{noun.capitalize()} status by quarter"
    parts = [f"{lab}: {_list_phrase(list(zip(statuses, row.astype(int))), noun)}" for lab, row in zip(labels, matrix)]
    alt = f"Stacked bar chart of {noun} status in each quarter. " + "; ".join(parts) + "."
    return _render(fig, title, alt)


CHANGE_COLOURS = {"improved": "#00421f", "unchanged": "#7b8387", "declined": "#7a1a0e", "new": "#3a86d6", "removed": "#1f2326", "not comparable": "#7b8387"}


def transitions_chart(trans: pd.DataFrame, noun: str = "milestone") -> Chart:
    """Bars of how many items improved, stayed the same, declined, are new or removed, from :func:`perfkit.transitions`."""
    counts = trans["change"].value_counts()
    order = [c for c in ["improved", "unchanged", "declined", "new", "removed", "not comparable"] if counts.get(c, 0) > 0]
    values = [int(counts[c]) for c in order]
    fig = Figure(figsize=(7.5, 0.55 * max(len(order), 1) + 1.2))
    ax = fig.subplots()
    pos = np.arange(len(order))
    ax.barh(pos, values, color=[CHANGE_COLOURS[c] for c in order], height=0.6)
    for y, v in zip(pos, values):
        ax.text(v + max(values or [1]) * 0.01, y, str(v), va="center", fontsize=9, color=INK)
    ax.set_yticks(pos, [c.capitalize() for c in order])
    ax.invert_yaxis()
    ax.set_xlabel(f"Number of {noun}s")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    p0, p1 = trans.attrs.get("from_period"), trans.attrs.get("to_period")
    when = f" from {period_label(p0)} to {period_label(p1)}" if p0 is not None else ""
    title = f"Change in {noun} status{when}"
    alt = f"Bar chart of change in {noun} status{when}: " + ", ".join(f"{plural(v, noun)} {c}" for c, v in zip(order, values)) + "."
    return _render(fig, title, alt)


def measure_small_multiples(measures: pd.DataFrame, period, columns: int = 4, scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """One small line chart per measure: actual against target over the quarters up to ``period``.

    The latest point's status is shown by its marker's shape and a label, as well as its colour.
    Takes an assessed measures frame (with ``status``).
    """
    p = pd.Period(period, freq="Q-MAR") if not isinstance(period, pd.Period) else period
    rows = measures[measures["period"] <= p].sort_values("period", kind="stable")
    ids = list(dict.fromkeys(measures.loc[measures["period"] == p, "measure_id"]))  # workbook order
    n = max(len(ids), 1)
    ncols = min(columns, n)
    nrows = int(np.ceil(n / ncols))
    fig = Figure(figsize=(2.6 * ncols + 0.4, 2.25 * nrows + 0.3))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    counts: dict[str, int] = {}
    for ax, mid in zip(axes, ids):
        m = rows[rows["measure_id"] == mid]
        x = np.arange(len(m))
        ax.plot(x, m["actual"].to_numpy(dtype=float), color=INK, linewidth=1.4)
        if m["target"].notna().any():
            ax.step(x, m["target"].to_numpy(dtype=float), where="mid", color=GREY_TEXT, linestyle="--", linewidth=1.1)
        last = m.iloc[-1]
        status = str(last["status"])
        counts[status] = counts.get(status, 0) + 1
        colour = scale[status].colour if status in scale.names else INK
        if pd.notna(last["actual"]):
            ax.plot([x[-1]], [last["actual"]], marker=MARKERS.get(status, "o"), markersize=8, color=colour, markeredgecolor=INK, linestyle="")
        ax.set_title("\n".join(textwrap.wrap(f"{mid} {last['name']}", 26)[:2]), fontsize=8, color=INK, loc="left")
        ax.set_title(status, fontsize=8, color=INK, loc="right", fontweight="bold")
        ax.set_xticks([0, len(m) - 1] if len(m) > 1 else [0], [period_label(m["period"].iloc[0]), period_label(m["period"].iloc[-1])] if len(m) > 1 else [period_label(m["period"].iloc[0])], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(4))
        _style(ax)
    for ax in axes[len(ids):]:
        ax.set_visible(False)
    handles = [Line2D([0], [0], color=INK, label="Actual"), Line2D([0], [0], color=GREY_TEXT, linestyle="--", label="Target")]
    handles += [Line2D([0], [0], marker=MARKERS.get(s, "o"), linestyle="", color=scale[s].colour, markeredgecolor=INK, label=s) for s in scale.names if s in counts and s in MARKERS]
    height = 2.25 * nrows + 0.3
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=8, bbox_to_anchor=(0.5, 0.0))
    # Fixed spacing: tight_layout measures every label and costs seconds on a grid this size.
    fig.subplots_adjust(left=0.06, right=0.95, top=1 - 0.45 / height, bottom=0.75 / height, hspace=0.85, wspace=0.35)
    first = period_label(rows["period"].min()) if len(rows) else period_label(p)
    title = f"Measures against target, {first} to {period_label(p)}"
    summary = _list_phrase([(s, counts.get(s, 0)) for s in scale.names], "measure")
    alt = (f"Small line charts of {plural(len(ids), 'measure')}, each showing its actual (solid line) against its target "
           f"(dashed line) from {first} to {period_label(p)}. In {period_label(p)}: {summary}. "
           "Each measure's figures are in the measures table.")
    return _render(fig, title, alt, tight=False)


# ---------------------------------------------------------------------------------------------- service plans and the year end (issue 13)


def outturn_small_multiples(history: pd.DataFrame, status: pd.DataFrame | None = None, columns: int = 4,
                            scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """One small line chart per indicator: its year-end outturns against target over the last few years.

    ``history`` comes from :func:`perfkit.annual.outturn_history`; ``status`` (from
    :func:`perfkit.annual.annual_status`) gives the latest year's status, shown by the marker's
    shape and a word as well as its colour, as in the quarterly briefing's small multiples.
    """
    ids = list(dict.fromkeys(history["measure_id"]))
    latest = status.set_index("measure_id")["status"] if status is not None and len(status) else pd.Series(dtype=object)
    n = max(len(ids), 1)
    ncols = min(columns, n)
    nrows = int(np.ceil(n / ncols))
    fig = Figure(figsize=(2.6 * ncols + 0.4, 2.25 * nrows + 0.3))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    counts: dict[str, int] = {}
    years = sorted(history["label"].unique())
    for ax, mid in zip(axes, ids):
        m = history[history["measure_id"] == mid]
        x = np.array([years.index(y) for y in m["label"]])
        ax.plot(x, m["actual"].to_numpy(dtype=float), color=INK, linewidth=1.4, marker=".")
        if m["target"].notna().any():
            ax.plot(x, m["target"].to_numpy(dtype=float), color=GREY_TEXT, linestyle="--", linewidth=1.1)
        word = str(latest.get(mid, "")) if mid in latest.index else ""
        last = m.iloc[-1]
        if word:
            counts[word] = counts.get(word, 0) + 1
            colour = scale[word].colour if word in scale.names else INK
            if pd.notna(last["actual"]):
                ax.plot([x[-1]], [last["actual"]], marker=MARKERS.get(word, "o"), markersize=8, color=colour, markeredgecolor=INK, linestyle="")
        ax.set_title("\n".join(textwrap.wrap(f"{mid} {last['name']}", 26)[:2]), fontsize=8, color=INK, loc="left")
        ax.set_title(word, fontsize=8, color=INK, loc="right", fontweight="bold")
        ax.set_xticks(range(len(years)), [y if i in (0, len(years) - 1) else "" for i, y in enumerate(years)], fontsize=7)
        ax.set_xlim(-0.3, len(years) - 0.7)
        ax.tick_params(axis="y", labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(4))
        _style(ax)
    for ax in axes[len(ids):]:
        ax.set_visible(False)
    handles = [Line2D([0], [0], color=INK, label="Outturn"), Line2D([0], [0], color=GREY_TEXT, linestyle="--", label="Target")]
    handles += [Line2D([0], [0], marker=MARKERS.get(s, "o"), linestyle="", color=scale[s].colour, markeredgecolor=INK, label=s)
                for s in scale.names if s in counts and s in MARKERS]
    height = 2.25 * nrows + 0.3
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=8, bbox_to_anchor=(0.5, 0.0))
    fig.subplots_adjust(left=0.06, right=0.95, top=1 - 0.45 / height, bottom=0.75 / height, hspace=0.85, wspace=0.35)
    first, last_year = (years[0], years[-1]) if years else ("", "")
    title = f"Year-end outturns against target, {first} to {last_year}"
    summary = _list_phrase([(s, counts.get(s, 0)) for s in scale.names], "indicator")
    alt = (f"Small line charts of {plural(len(ids), 'indicator')}, each showing its year-end outturn (solid line) against "
           f"its target (dashed line) from {first} to {last_year}. In {last_year}: {summary}. "
           "Each indicator's figures are in the outturns table.")
    return _render(fig, title, alt, tight=False)
