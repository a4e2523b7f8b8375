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


# --- Statistical process control and benchmarking charts (issue 14) ---------------------------------

SPC_STYLE = {  # colour (3:1 or more on white), marker shape and the word for each kind of point
    "common cause": ("#6f777b", "o", "Common cause"),
    "special cause improving": ("#005eb8", "^", "Special cause, improving"),
    "special cause concerning": ("#a35200", "s", "Special cause, concerning"),
    "special cause neither": ("#6f3c97", "D", "Special cause, neither"),
}
SPC_ICON_WORDS = {  # the method's icons, said in words: variation letter H (high) or L (low), assurance P / F / ?
    "common cause": "Common cause variation",
    "special cause improving": "Special cause variation, improving",
    "special cause concerning": "Special cause variation, concerning",
    "special cause neither": "Special cause variation, neither improving nor concerning",
    "consistently passing": "Assurance: consistently passing the target (P)",
    "consistently failing": "Assurance: consistently failing the target (F)",
    "hit and miss": "Assurance: hit and miss against the target (?)",
}


def _point_label(p) -> str:
    """A point on a time axis as people write it: ``2023/24 Q2`` for quarters, ``Apr 2023`` for months and dates."""
    if isinstance(p, pd.Period):
        if p.freqstr.startswith("Q"):
            return period_label(p)
        return p.to_timestamp().strftime("%b %Y") if p.freqstr.startswith("M") else str(p)
    if isinstance(p, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(p).strftime("%b %Y")
    return str(p)


def _fmt(v: float, unit: str = "") -> str:
    if unit == "%":
        return f"{v:.1f}%"
    return f"{v:,.3g}" if abs(v) < 1 else f"{v:,.1f}"


def spc_chart(result: pd.DataFrame, title: str | None = None, unit: str = "") -> Chart:
    """A Making Data Count X chart from :func:`perfkit.spc`: values, mean, process limits, target and each point's variation.

    Each kind of point has its own colour, marker shape (circle common cause, triangle pointing
    the way of an improving change, square concerning, diamond neither) and legend word; the
    latest point's variation and the assurance are written in a box, as the method's icons are
    (H or L for special cause high or low, P / F / ? for assurance). Alt text gives the mean,
    limits, special-cause points and assurance.

    Examples
    --------
    >>> import pandas as pd, perfkit
    >>> s = pd.Series([5.0, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 15], index=pd.period_range("2023-04", periods=15, freq="M"))
    >>> perfkit.charts.spc_chart(perfkit.spc(s, "lower", target=4), "Days to process").alt.split(". ")[1]
    'Mean 6.1, process limits 3.5 to 8.8'
    """
    name = result.attrs.get("name")
    title = title or (str(name) if name is not None else "Statistical process control chart")
    labels = [_point_label(p) for p in result.index]
    x = np.arange(len(result))
    values = result["value"].to_numpy(dtype=float)
    fig = Figure(figsize=(8.5, 4.2))
    ax = fig.subplots()
    ax.plot(x, values, color=INK, linewidth=1.2, zorder=2)
    for phase, g in result.assign(_x=x).groupby("phase", sort=True):
        gx = g["_x"].to_numpy()
        ax.plot(gx, g["mean"], color=INK, linewidth=1.2, linestyle="-", zorder=1)
        ax.plot(gx, g["upper_limit"], color=GREY_TEXT, linewidth=1.1, linestyle="--", zorder=1)
        ax.plot(gx, g["lower_limit"], color=GREY_TEXT, linewidth=1.1, linestyle="--", zorder=1)
    target = result.attrs.get("target")
    if target is not None:
        ax.axhline(target, color="#b58840", linewidth=1.4, linestyle=":", zorder=1)
    handles = [Line2D([0], [0], color=INK, label="Mean"), Line2D([0], [0], color=GREY_TEXT, linestyle="--", label="Process limits")]
    if target is not None:
        handles.append(Line2D([0], [0], color="#b58840", linestyle=":", linewidth=1.4, label=f"Target {_fmt(target, unit)}"))
    kinds = result["variation"]
    for kind, (colour, marker, word) in SPC_STYLE.items():
        mask = (kinds == kind).to_numpy()
        if not mask.any():
            continue
        if kind == "special cause improving":
            # the triangle points the way the change went
            for direction, m in (("high", "^"), ("low", "v")):
                sel = mask & (result["direction"] == direction).to_numpy()
                ax.plot(x[sel], values[sel], marker=m, linestyle="", markersize=8, color=colour, markeredgecolor=INK, zorder=3)
        else:
            ax.plot(x[mask], values[mask], marker=marker, linestyle="", markersize=7 if kind != "common cause" else 5,
                    color=colour, markeredgecolor=INK if kind != "common cause" else colour, zorder=3)
        handles.append(Line2D([0], [0], marker=marker, linestyle="", color=colour, markeredgecolor=INK, label=word))
    step = max(1, len(labels) // 9)
    ax.set_xticks(x[::step], labels[::step], fontsize=8, rotation=0)
    if unit:
        ax.set_ylabel(unit)
    _style(ax)
    latest = result.attrs.get("variation")
    assurance = result.attrs.get("assurance")
    direction = result["direction"].dropna()
    hl = ""
    if latest and latest != "common cause" and len(direction):
        hl = " (H)" if result["direction"].iloc[-1] == "high" or (pd.isna(result["direction"].iloc[-1]) and direction.iloc[-1] == "high") else " (L)"
    box = [f"Latest point: {SPC_ICON_WORDS.get(latest, 'no value')}{hl}"]
    if assurance:
        box.append(SPC_ICON_WORDS[assurance])
    ax.text(0.01, 1.02, "\n".join(box), transform=ax.transAxes, fontsize=8.5, color=INK, va="bottom", ha="left",
            bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=GREY_TEXT))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8.5, labelcolor=INK)
    # Alt text from the data.
    last = result[result["phase"] == result["phase"].max()]
    parts = [f"Statistical process control chart of {title}, {plural(int(np.isfinite(values).sum()), 'point')} "
             f"from {labels[0]} to {labels[-1]}" if labels else f"Statistical process control chart of {title}"]
    parts.append(f"Mean {_fmt(last['mean'].iloc[0], unit)}, process limits {_fmt(last['lower_limit'].iloc[0], unit)} to "
                 f"{_fmt(last['upper_limit'].iloc[0], unit)}" if len(last) else "No points")
    if result["phase"].max() > 0:
        parts.append(f"The limits were recalculated {plural(int(result['phase'].max()), 'time')}")
    special = result[result["special_cause"]]
    if len(special):
        groups = []
        for kind in ("special cause improving", "special cause concerning", "special cause neither"):
            pts = [labels[i] for i in np.flatnonzero((result["variation"] == kind).to_numpy())]
            if pts:
                shown = ", ".join(pts[:6]) + (f" and {len(pts) - 6} more" if len(pts) > 6 else "")
                groups.append(f"{kind} at {shown}")
        parts.append("Special cause variation: " + "; ".join(groups))
    else:
        parts.append("Every point shows common cause variation only")
    parts.append(f"Latest point: {latest or 'no value'}")
    if assurance:
        parts.append(f"Against the target of {_fmt(target, unit)} the process is {assurance}")
    return _render(fig, title, ". ".join(parts) + ".")


def benchmark_chart(frame: pd.DataFrame, area: str, measure_id, period_span=None, family=None, unit: str = "") -> Chart:
    """A strip chart of one measure in one period: every area a dot, the council highlighted and labelled.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`perfkit.read_comparators`.
    area : str
        The council (code or name).
    measure_id : str
    period_span : str, optional
        Which period (as in ``period_span``); the latest single year or quarter by default.
    family : list of str, optional
        Comparator areas (codes or names), drawn as hollow diamonds.

    The median is a solid line, the quartiles dashed lines, each labelled in words; the council's
    dot is a large labelled star and its rank is in the title and alt text. Best is on the right
    for every measure (the axis is reversed where lower is better), and the axis says so.

    Examples
    --------
    >>> import pandas as pd, perfkit
    >>> f = pd.DataFrame({"area_code": list("ABCDE"), "area_name": ["Ash", "Birch", "Cedar", "Dale", "Elm"], "measure_id": "M1",
    ...     "measure": "Homes built", "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24",
    ...     "value": [10.0, 30.0, 20.0, 25.0, None]})
    >>> perfkit.charts.benchmark_chart(f, "Cedar", "M1").alt.split(". ")[1]
    'Cedar: 20.0, ranked 3 of 4 (quartile 3); median 22.5, quartiles 17.5 and 26.2.'
    """
    from .benchmarking import _find_area, benchmark

    code = _find_area(frame, area)
    rows = frame[frame["measure_id"] == measure_id]
    if rows.empty:
        raise ValueError(f"no measure {measure_id!r} in the comparison data")
    spans = rows["period_span"] if "period_span" in rows else pd.Series([period_label(p) for p in rows["period"]], index=rows.index)
    if period_span is None:
        single = ~spans.astype(str).str.contains(" to ")
        pick = rows[single] if single.any() else rows
        period_span = spans.loc[pick.index[(pick["period"] == pick["period"].max()).to_numpy()]].iloc[0]
    rows = rows[spans == period_span]
    b = benchmark(rows, code, family=family)
    me = b.iloc[0]
    fam_codes = set(b.attrs.get("family") or [])
    polarity = me.get("polarity", "none")
    values = rows["value"].to_numpy(dtype=float)
    codes = rows["area_code"].astype(str).to_numpy()
    ok = np.isfinite(values)
    rng = np.random.default_rng(0)
    jitter = rng.uniform(-0.18, 0.18, len(values))
    fig = Figure(figsize=(8.5, 2.6))
    ax = fig.subplots()
    others = ok & (codes != str(code)) & ~np.isin(codes, list(fam_codes))
    ax.plot(values[others], jitter[others], "o", color="#8a9499", markersize=4.5, alpha=0.8, linestyle="", label="Other areas")
    fam = ok & np.isin(codes, list(fam_codes)) & (codes != str(code))
    if fam.any():
        ax.plot(values[fam], jitter[fam], "D", markerfacecolor="white", markeredgecolor="#1d70b8", markersize=6, linestyle="",
                markeredgewidth=1.5, label="Comparator family")
    name = str(b.attrs["area_name"])
    if np.isfinite(me["value"]):
        ax.plot([me["value"]], [0], "*", color="#d4351c", markeredgecolor=INK, markersize=16, linestyle="", label=name, zorder=4)
        ax.annotate(f"{name}: {_fmt(me['value'], unit)}", (me["value"], 0), xytext=(0, 16), textcoords="offset points",
                    ha="center", fontsize=9, color=INK, fontweight="bold",
                    bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.9), zorder=5)
    for v, word, style in ((me["median"], "Median", "-"), (me["lower_quartile"], "25th percentile", "--"), (me["upper_quartile"], "75th percentile", "--")):
        if np.isfinite(v):
            ax.axvline(v, color=INK if word == "Median" else GREY_TEXT, linestyle=style, linewidth=1.1, zorder=1)
            ax.text(v, -0.42, word, rotation=0, ha="center", va="top", fontsize=7.5, color=INK)
    ax.set_ylim(-0.55, 0.5)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    if polarity == "lower":
        ax.invert_xaxis()
    better = {"higher": "higher is better, best on the right", "lower": "lower is better, best on the right"}.get(polarity, "no polarity")
    measure = str(me.get("measure", measure_id))
    ax.set_xlabel(f"{measure} ({unit + ', ' if unit else ''}{better})")
    _style(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8.5, labelcolor=INK)
    rank_text = (f"ranked {int(me['rank'])} of {int(me['n'])} (quartile {int(me['quartile'])})" if pd.notna(me["rank"])
                 else f"not ranked, of {int(me['n'])} areas with a value")
    title = f"{measure}, {period_span}: {name} among {plural(int(me['n']), 'area')}"
    value_text = _fmt(me["value"], unit) if np.isfinite(me["value"]) else "no value"
    alt = (f"Strip chart of {measure} in {period_span}, one dot per area with a value. "
           f"{name}: {value_text}, {rank_text}; median {_fmt(me['median'], unit)}, quartiles "
           f"{_fmt(me['lower_quartile'], unit)} and {_fmt(me['upper_quartile'], unit)}")
    if fam_codes:
        alt += f"; comparator family median {_fmt(me['family_median'], unit)} ({plural(int(me['family_n']), 'area')})"
    return _render(fig, title, alt + ".")

# ---------------------------------------------------------------------------------------------- action plans (issue 12)


def action_progress_chart(summary, title: str | None = None) -> Chart:
    """Horizontal stacked bars of each group's actions by status, labelled with its share complete.

    ``summary`` is an :class:`~perfkit.actions.ActionSummary`; each segment is labelled
    with its status word and count where it fits, and the alt text gives every figure.
    """
    per, scale = summary.per_group, summary.scale
    groups = [str(g) for g in per["group"]] or ["All actions"]
    statuses = [s for s in scale.names if s in per and per[s].sum() > 0]
    matrix = per[statuses].to_numpy(dtype=float) if len(per) else np.zeros((1, max(len(statuses), 1)))
    fig = Figure(figsize=(8.5, 0.75 * len(groups) + 1.5))
    ax = fig.subplots()
    if statuses:
        _stacked(ax, groups, matrix, statuses, scale, horizontal=True)
    done = [("" if pd.isna(p) else f" ({int(p)}% complete)") for p in per["percent_complete"]] if len(per) else [""]
    ax.set_yticks(np.arange(len(groups)), ["\n".join(textwrap.wrap(str(g) + d, 30)) for g, d in zip(groups, done)])
    ax.invert_yaxis()
    ax.set_xlabel("Number of actions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)
    if statuses:
        _legend(ax, statuses, scale, loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.05 / max(len(groups), 1)), ncol=min(len(statuses), 4))
    title = title or f"Actions by status in each group, {summary.label}"
    parts = []
    for g, row, pct in zip(groups, matrix, per["percent_complete"] if len(per) else [pd.NA]):
        share = "" if pd.isna(pct) else f", {int(pct)}% of those still required complete"
        parts.append(f"{g}: {int(row.sum())} in all{share}; {_list_phrase(list(zip(statuses, row.astype(int))), 'action')}")
    alt = f"Bar chart of actions by status in each group at {summary.label}. " + ". ".join(parts) + "."
    return _render(fig, title, alt)

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
