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


# ---------------------------------------------------------------------------------------------- risks (issue 11)

LIKELIHOOD_WORDS = {5: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"], 3: ["Low", "Medium", "High"],
                    4: ["Unlikely", "Possible", "Likely", "Very likely"]}
IMPACT_WORDS = {5: ["Negligible", "Minor", "Moderate", "Major", "Severe"], 3: ["Low", "Medium", "High"],
                4: ["Minor", "Moderate", "Major", "Severe"]}


def axis_words(size: int, axis: str) -> list[str]:
    """Words for each point of a likelihood or impact axis (``1 Rare`` ... ``5 Almost certain``).

    Examples
    --------
    >>> axis_words(3, "impact")
    ['1 Low', '2 Medium', '3 High']
    """
    words = (LIKELIHOOD_WORDS if axis == "likelihood" else IMPACT_WORDS).get(size)
    if words is None:
        return [f"{i} (lowest)" if i == 1 else f"{i} (highest)" if i == size else str(i) for i in range(1, size + 1)]
    return [f"{i} {w}" for i, w in enumerate(words, start=1)]


def _id_text(ids: list[str], limit: int = 6) -> str:
    shown = ids[:limit]
    lines = [", ".join(shown[i : i + 3]) for i in range(0, len(shown), 3)]
    if len(ids) > limit:
        lines.append(f"+{len(ids) - limit} more")
    return "\n".join(lines)


def risk_heatmap(risks: pd.DataFrame, period=None, matrix=None) -> Chart:
    """Likelihood x impact matrices before and after mitigation, side by side, from :func:`perfkit.read_risks`.

    Each cell is coloured by its band and says the band's word, how many risks sit in it
    and their ids; the axes are labelled in words. The alt text gives the counts by band
    and the highest risks; :func:`perfkit.tables.risk_matrix_table` is the same as a table.

    Examples
    --------
    >>> chart = risk_heatmap(perfkit.read_risks("register.xlsx"))  # doctest: +SKIP
    >>> chart.alt  # doctest: +SKIP
    """
    from matplotlib.patches import Rectangle

    from .risks import heat_counts, matrix_of, risk_summary

    matrix = matrix or matrix_of(risks)
    summary = risk_summary(risks, period, matrix)
    size = matrix.size
    fig = Figure(figsize=(5.2 * 2 + 0.8, 5.4))
    axes = fig.subplots(1, 2, gridspec_kw={"wspace": 0.55})
    lik_words, imp_words = axis_words(size, "likelihood"), axis_words(size, "impact")
    for ax, which, label in zip(axes, ("inherent", "residual"), ("Before mitigation (inherent)", "After mitigation (residual)")):
        cells = heat_counts(risks, which, summary.period)
        for li in range(1, size + 1):
            for im in range(1, size + 1):
                band = matrix[matrix.band(li * im)]
                ids = cells.get((li, im), [])
                ax.add_patch(Rectangle(
                    (im - 0.5, li - 0.5), 1, 1, facecolor=band.colour, edgecolor="white", linewidth=2))
                ax.text(im, li + 0.27, band.name, ha="center", va="center", fontsize=7 if size <= 5 else 5, color=band.text_colour)
                ax.text(im, li + 0.02, str(len(ids)), ha="center", va="center", fontsize=12 if size <= 5 else 9, color=band.text_colour, fontweight="bold")
                if ids:
                    ax.text(im, li - 0.3, _id_text(ids), ha="center", va="center", fontsize=6.5 if size <= 5 else 5, color=band.text_colour, linespacing=1.0)
        ax.set_xlim(0.5, size + 0.5)
        ax.set_ylim(0.5, size + 0.5)
        ax.set_aspect("equal")
        ax.set_xticks(range(1, size + 1), ["\n".join(textwrap.wrap(w, 10)) for w in imp_words], fontsize=8)
        ax.set_yticks(range(1, size + 1), lik_words, fontsize=8)
        ax.set_xlabel("Impact", color=INK)
        ax.set_ylabel("Likelihood", color=INK)
        ax.set_title(label, color=INK, fontsize=10)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(colors=INK, length=0)
    when = f", {period_label(summary.period)}" if summary.period is not None and not pd.isna(summary.period) else ""
    title = f"Risk matrix before and after mitigation{when}"
    return _render(fig, title, risk_heatmap_alt(risks, summary))


def risk_heatmap_alt(risks: pd.DataFrame, summary) -> str:
    """The heat map's alt text: counts by band before and after mitigation, and the highest risks after it."""
    from .risks import _assessment

    m = summary.matrix
    names = list(reversed(m.names))
    before = _list_phrase([(b, int(summary.by_rating.loc[b, "inherent"])) for b in names], "risk")
    after = _list_phrase([(b, int(summary.by_rating.loc[b, "residual"])) for b in names], "risk")
    when = f", {period_label(summary.period)}" if summary.period is not None and not pd.isna(summary.period) else ""
    now, _, _ = _assessment(risks, summary.period)
    top = now.dropna(subset=["residual_score"]).sort_values("residual_score", ascending=False, kind="stable").head(3)
    lik, imp = axis_words(m.size, "likelihood"), axis_words(m.size, "impact")
    tops = []
    for r in top.itertuples(index=False):
        if pd.notna(r.residual_likelihood) and pd.notna(r.residual_impact):
            tops.append(f"{r.risk_id} (likelihood {lik[int(r.residual_likelihood) - 1]}, impact {imp[int(r.residual_impact) - 1]}, score {r.residual_score:g})")
        else:
            tops.append(f"{r.risk_id} (score {r.residual_score:g})")
    return (f"Two {m.size} by {m.size} risk matrices of likelihood against impact for {plural(summary.total, 'risk')}{when}. "
            f"Before mitigation: {before}. After mitigation: {after}. "
            + (f"Highest after mitigation: {'; '.join(tops)}. " if tops else "")
            + "The table that follows gives every cell.")
