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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Affine2D, Bbox, TransformedBbox

from perfkit.present.text import amount_text, escape, made_up, plural, strip_bidi
from perfkit.core.palette import GREY_TEXT, INK
from perfkit.core.periods import parse_period, period_label
from perfkit.core.status import DEFAULT_SCALE, StatusScale
from perfkit.analyse.summarise import ALL
from perfkit.analyse.figures import has_target, outturn_rows
from perfkit.analyse.benchmarking import find_area, benchmark, peers, with_area_types
from perfkit.read.kinds.comparators import is_pooled
from perfkit.analyse.risks import heat_counts, matrix_of, risk_summary
from perfkit.analyse.risks import assessment
from PIL import Image  # Pillow comes with matplotlib
from matplotlib.patches import Rectangle

DPI = 110
SHOWN_WIDTH_PX = 960  # the widest a chart is shown in the briefing (the page's text column)
MIN_TEXT_PX = 10  # the smallest text on any chart, at the size it is shown
PANELS_PER_FIGURE = 12
MARKERS = {"Green": "o", "Complete": "o", "Amber": "^", "Red": "s", "Amber/Red": "v", "Amber/Green": "^", "Data only": "D", "No data": "x"}
LABEL_PT = 10  # bar labels and tick labels
SMALL_PT = 8  # the smallest type: 8 pt at 110 dpi is 12 px, 10 px or more at the narrowest shown size


@dataclass
class Chart:
    """A drawn chart: its title, alt text and the PNG bytes.

    ``width`` and ``height`` are the image's pixels; ``text_px`` is the height of its
    smallest text at the size the briefing shows it (at most :data:`SHOWN_WIDTH_PX` wide).
    """

    title: str
    alt: str
    png: bytes
    width: int = 0
    height: int = 0
    text_px: float = 0.0

    def to_html(self, caption: str | None = None) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        cap = escape(caption or self.title)
        size = f' width="{self.width}" height="{self.height}"' if self.width else ""
        return (f'<figure class="chart"><img src="data:image/png;base64,{data}"{size} alt="{escape(self.alt)}">'
                f"<figcaption>{cap}</figcaption></figure>")

    def _repr_html_(self) -> str:  # shows in a notebook
        return self.to_html()


def _compact(im: Image.Image) -> bytes:
    """The drawn RGB image as a PNG with a palette of its 256 most used colours: about a third of the bytes of a
    full-colour PNG, the same picture to the eye.

    The palette is the image's own most frequent colours, taken exactly, so every
    flat fill (status colours above all, whose contrast is checked) keeps its exact
    value; only anti-aliased edge pixels move to the nearest kept colour.
    """
    # Count colours on every third pixel each way (exact values, nearest neighbour): ten times faster, same ranking.
    sample = im.resize((max(1, im.width // 3), max(1, im.height // 3)), Image.Resampling.NEAREST)
    rgb = np.asarray(sample, dtype=np.uint32).reshape(-1, 3)
    packed = (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]  # numpy counts colours far faster than Image.getcolors
    values, counts = np.unique(packed, return_counts=True)
    order = values[np.argsort(-counts, kind="stable")][:256]
    top = [(int(v) >> 16, (int(v) >> 8) & 255, int(v) & 255) for v in order]
    pal = Image.new("P", (1, 1))
    pal.putpalette([v for c in top for v in c] + [0, 0, 0] * (256 - len(top)))
    out = io.BytesIO()
    im.quantize(palette=pal, dither=Image.Dither.NONE).save(out, format="PNG")
    return out.getvalue()


def _render(fig: Figure, title: str, alt: str, tight: bool = True) -> Chart:
    """The figure drawn at :data:`DPI` on white, cut to what it holds (``tight``, 0.1 inch round it), as a palette PNG.

    The cut is measured here and given to ``savefig`` as a box (``bbox_inches="tight"`` would draw the whole figure once
    more to measure it), and the drawing is taken as raw pixels: a full-colour PNG would only be read back here to cut
    its palette. The smallest text is taken once the figure is drawn, when its ticks exist. The figure is let go, not
    cleared (clearing rebuilds every axes).
    """
    fig.set_dpi(DPI)
    box = fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer()).padded(0.1) if tight else None
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=DPI, bbox_inches=box, facecolor="white")
    # The canvas savefig drew on: the box's size at DPI, as it sizes it (or the whole figure).
    w, h = (int(v) for v in (TransformedBbox(Bbox.from_bounds(0, 0, *box.size), Affine2D().scale(DPI)) if tight else fig.bbox).size)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    png = _compact(Image.frombuffer("RGBA", (w, h), raw.getbuffer(), "raw", "RGBA", 0, 1).convert("RGB"))
    shown = min(1.0, SHOWN_WIDTH_PX / w) if w else 1.0
    text_px = (min(sizes) if sizes else LABEL_PT) * DPI / 72 * shown
    return Chart(title, alt, png, w, h, round(text_px, 1))


def _style(ax, size: float = LABEL_PT) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=size)
    ax.xaxis.label.set_color(INK)
    ax.yaxis.label.set_color(INK)
    ax.xaxis.label.set_size(size)
    ax.yaxis.label.set_size(size)


def _list_phrase(pairs: list[tuple[str, int]], noun: str) -> str:
    parts = [f"{n:,} {name.lower()}" for name, n in pairs if n]
    if not parts:
        return f"no {noun}s"
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def _plain(text) -> str:
    """Workbook text drawn as it is: ``$`` escaped so that matplotlib never reads it as mathematics (which can fail)."""
    return strip_bidi(str(text)).replace("$", r"\$")


def _wrap(text: str, width: int, most: int) -> str:
    """Text wrapped to ``width`` characters, at most ``most`` lines (the last ending with an ellipsis if cut)."""
    return "\n".join(_wrap_lines(text, width, most))


def _wrap_lines(text: str, width: int, most: int) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: max(1, width - 1)].rstrip() + "\u2026"
    return lines


def _text_px(text: str, pt: float, bold: bool = True) -> float:
    """A safe over-estimate of the width of one line of text in pixels (DejaVu Sans)."""
    return len(text) * pt * (0.68 if bold else 0.62) * DPI / 72 + 8


def _stacked(ax, labels: list[str], matrix: np.ndarray, statuses: list[str], scale: StatusScale, axes_px: float,
             words: dict | None = None) -> None:
    """Horizontal stacked bars; each segment carries its status word and count, inside if it fits, else beside the bar.
    ``words``: the plan's own word for a status, where it gives one ('In progress' for On track), shown instead.

    Segments too narrow for their words are named in a label just after the end of
    their bar (``Red 1, Complete 2``), so no segment is left unlabelled and nothing is
    drawn over another label. The x axis is widened to make room.
    """
    matrix = np.asarray(matrix, dtype=float)
    said = [(words or {}).get(st, st) for st in statuses]
    totals = matrix.sum(axis=1) if len(matrix) else np.zeros(0)
    span = max(float(totals.max()) if len(totals) else 1.0, 1.0)
    xmax = span
    for _ in range(4):
        ppu = axes_px / xmax
        inside = np.zeros(matrix.shape, dtype=bool)
        side = []
        for i in range(len(labels)):
            names = []
            for j, status in enumerate(said):
                v = matrix[i, j]
                if v <= 0:
                    continue
                if v * ppu >= _text_px(f"{status} {int(v):,}", LABEL_PT):
                    inside[i, j] = True
                else:
                    names.append(f"{status} {int(v):,}")
            side.append(", ".join(names))
        need = max([t / max(1e-9, 1 - (_text_px(sd, LABEL_PT, False) + 6) / axes_px) if sd else t for t, sd in zip(totals, side)] + [span])
        if need <= xmax * 1.001:
            break
        xmax = need * 1.02
    pos = np.arange(len(labels))
    left = np.zeros(len(labels))
    for j, status in enumerate(statuses):
        values = matrix[:, j]
        s = scale[status]
        ax.barh(pos, values, left=left, color=s.colour, edgecolor="white", linewidth=1.5, label=said[j], height=0.6)
        for i, (v, start) in enumerate(zip(values, left)):
            if v > 0 and inside[i, j]:
                ax.text(start + v / 2, i, f"{said[j]} {int(v):,}", ha="center", va="center", fontsize=LABEL_PT, color=s.text_colour, fontweight="bold")
        left = left + values
    for i, (t, sd) in enumerate(zip(totals, side)):
        if sd:
            ax.text(t + 4 / (axes_px / xmax), i, sd, ha="left", va="center", fontsize=LABEL_PT, color=INK)
    ax.set_xlim(0, xmax)
    ax.set_yticks(pos, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


MAX_BARS = 20


def _bar_figure(labels: list[str], matrix: np.ndarray, statuses: list[str], scale: StatusScale, xlabel: str) -> Figure:
    width_in, left_in = 8.6, 2.6
    fig = Figure(figsize=(width_in, 0.55 * len(labels) + 1.0))
    fig.subplots_adjust(left=left_in / width_in, right=0.97, top=1 - 0.15 / (0.55 * len(labels) + 1.0), bottom=0.7 / (0.55 * len(labels) + 1.0))
    ax = fig.subplots()
    axes_px = (0.97 - left_in / width_in) * width_in * DPI
    _stacked(ax, [_wrap(_plain(g), 30, 4) for g in labels], matrix, statuses, scale, axes_px)
    ax.set_xlabel(xlabel)
    _style(ax)
    return fig


def rag_by_group(summary: pd.DataFrame, noun: str = "milestone", scale: StatusScale = DEFAULT_SCALE, label: str | None = None) -> Chart:
    """Horizontal stacked bars of the status mix in each group (e.g. priority), from :func:`perfkit.rag_summary`.

    ``label`` is the period as the briefing writes it (``2024/25 H1``); by default the summary's quarter.

    Every segment is labelled with its status and count (beside the bar when it is too
    narrow). Beyond :data:`MAX_BARS` groups, the smallest are added together as one bar.
    """
    group_col = summary.columns[0]
    groups = [g for g in summary[group_col].unique() if g != ALL] or [ALL]
    counts = summary.pivot_table(index=group_col, columns="status", values="count", aggfunc="sum", observed=False)
    counts = counts.reindex(index=groups, columns=scale.names).fillna(0)
    if len(groups) > MAX_BARS:
        keep = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index[: MAX_BARS - 1]
        rest = [g for g in groups if g not in set(keep)]
        other = counts.loc[rest].sum().rename(f"{len(rest)} other {str(group_col).replace('_', ' ')} groups")
        groups = [g for g in groups if g in set(keep)] + [other.name]
        counts = pd.concat([counts.loc[[g for g in groups[:-1]]], other.to_frame().T])
    statuses = [s for s in scale.names if counts[s].sum() > 0]
    matrix = counts[statuses].to_numpy()
    groups = [str(g) if str(g).strip() else f"No {str(group_col).replace('_', ' ')} given" for g in groups]
    fig = _bar_figure(groups, matrix, statuses, scale, f"Number of {noun}s")
    period = summary.attrs.get("period")
    when = label or (period_label(period) if period is not None else None)
    title = f"{noun.capitalize()} status by {str(group_col).replace('_', ' ')}" + (f", {when}" if when else "")
    parts = []
    for g, row in zip(groups, matrix):
        parts.append(f"{g}: {int(row.sum()):,} in all, {_list_phrase(list(zip(statuses, row.astype(int))), noun)}")
    alt = f"Bar chart of {noun} status by {str(group_col).replace('_', ' ')}. " + "; ".join(parts) + "."
    return _render(fig, title, alt)


def rag_by_period_chart(mix: pd.DataFrame, noun: str = "milestone", scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """Stacked bars of the status mix in each quarter, from :func:`perfkit.rag_by_period` (one bar per quarter)."""
    statuses = [s for s in scale.names if s in mix.columns and mix[s].sum() > 0]
    labels = [period_label(p) for p in mix.index]
    matrix = mix[statuses].to_numpy()
    fig = _bar_figure(labels, matrix, statuses, scale, f"Number of {noun}s")
    title = f"{noun.capitalize()} status by quarter"
    parts = [f"{lab}: {_list_phrase(list(zip(statuses, row.astype(int))), noun)}" for lab, row in zip(labels, matrix)]
    alt = f"Stacked bar chart of {noun} status in each quarter. " + "; ".join(parts) + "."
    return _render(fig, title, alt)


CHANGE_COLOURS = {"improved": "#00421f", "unchanged": "#5f666a", "declined": "#7a1a0e", "new": "#1d5fa8", "removed": "#1f2326", "not comparable": "#5f666a"}


def transitions_chart(trans: pd.DataFrame, noun: str = "milestone") -> Chart:
    """Bars of how many items improved, stayed the same, declined, are new or removed, from :func:`perfkit.transitions`."""
    counts = trans["change"].value_counts()
    order = [c for c in ["improved", "unchanged", "declined", "new", "removed", "not comparable"] if counts.get(c, 0) > 0]
    values = [int(counts[c]) for c in order]
    height = 0.5 * max(len(order), 1) + 1.0
    fig = Figure(figsize=(8.6, height))
    fig.subplots_adjust(left=2.6 / 8.6, right=0.9, top=1 - 0.15 / height, bottom=0.7 / height)
    ax = fig.subplots()
    pos = np.arange(len(order))
    ax.barh(pos, values, color=[CHANGE_COLOURS[c] for c in order], height=0.6)
    top = max(values or [1])
    for y, v in zip(pos, values):
        ax.text(v + top * 0.01, y, f"{v:,}", va="center", fontsize=LABEL_PT, color=INK)
    ax.set_xlim(0, top * 1.12)
    ax.set_yticks(pos, [c.capitalize() for c in order])
    ax.invert_yaxis()
    ax.set_xlabel(f"Number of {noun}s")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _style(ax)
    p0, p1 = trans.attrs.get("from_period"), trans.attrs.get("to_period")
    when = f" from {period_label(p0)} to {period_label(p1)}" if p0 is not None else ""
    title = f"Change in {noun} status{when}"
    alt = f"Bar chart of change in {noun} status{when}: " + ", ".join(f"{plural(v, noun)} {c}" for c, v in zip(order, values)) + "."
    return _render(fig, title, alt)


def _fmt(value, unit) -> str:
    """A figure as the narrative and tables write it (:func:`perfkit.present.text.amount_text`), or ``no figure``."""
    if value is None or pd.isna(value):
        return "no figure"
    unit = "" if unit is None or (not isinstance(unit, str) and pd.isna(unit)) else str(unit)
    return amount_text(value, unit)


def _join_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _period_ticks(x0: int, x1: int, yearly: set[int] = frozenset()) -> tuple[list[int], list[str]]:
    """Every quarter from ``x0`` to ``x1`` (ordinals) labelled ``Q1`` with its year (``24/25``) under the first and each Q1;
    ``yearly`` ordinals, where only a year's outturn stands, are labelled with the year alone. Over eight quarters, the
    first quarter of each year and the last are labelled and the rest are ticks without words.

    Examples
    --------
    >>> q = pd.Period("2024Q4", freq="Q-MAR").ordinal  # 2023/24 Q4, where the 2023/24 outturn stands
    >>> _period_ticks(q, q + 2, {q})[1]
    ['23/24', 'Q1\\n24/25', 'Q2']
    """
    ticks = list(range(x0, x1 + 1))
    labels = []
    for i, t in enumerate(ticks):
        p = pd.Period(ordinal=t, freq="Q-MAR")
        short = period_label(p, "year")[2:]  # 24/25: short enough for a small panel's axis
        if t in yearly:  # one line: a second ("year") would run into the next tick's year
            labels.append(short)
        elif len(ticks) > 8 and p.quarter != 1 and t != x1:
            labels.append("")
        elif i == 0 or p.quarter == 1 or ticks[i - 1] in yearly:
            labels.append(f"Q{p.quarter}\n{short}")
        else:
            labels.append(f"Q{p.quarter}")
    return ticks, labels


def _short_number(value, _pos=None) -> str:
    """An axis label short enough for a small panel, never in scientific notation: ``950``, ``12.5k``, ``10.6m``.

    Examples
    --------
    >>> _short_number(950), _short_number(12_500), _short_number(10_600_000), _short_number(2.5)
    ('950', '12.5k', '10.6m', '2.5')
    """
    v = float(value)
    for size, unit, suffix in ((1e9, 1e9, "bn"), (1e6, 1e6, "m"), (1e4, 1e3, "k")):
        if abs(v) >= size:
            return f"{v / unit:,.3g}{suffix}"
    return f"{v:,.4g}"


def _unit_axis(unit) -> str:
    if unit is None or (not isinstance(unit, str) and pd.isna(unit)) or str(unit).strip() == "":
        return "Value"
    return {"%": "Per cent (%)", "£": "Pounds (£)", "number": "Number"}.get(str(unit), str(unit))


def _target_phrase(m: pd.DataFrame, last) -> str:
    unit = last.get("unit")
    lo, hi = last.get("target_low"), last.get("target_high")
    if lo is not None and hi is not None and pd.notna(lo) and pd.notna(hi):
        return f"target {_fmt(lo, unit)} to {_fmt(hi, unit)}"
    t = m["target"].dropna()
    return f"target {_fmt(t.iloc[-1], unit)}" if len(t) else ""


def measure_small_multiples(measures: pd.DataFrame, period, columns: int = 3, scale: StatusScale = DEFAULT_SCALE, ids=None) -> Chart:
    """Small line charts of actual against target over the quarters up to ``period``, at most 12 to a figure.

    Each panel has the measure's full name (wrapped), its unit on the axis, the target
    as a labelled dashed line (a shaded band for a range), and its status in words above
    the latest point, whose marker's shape also shows it. Quarterly figures are joined
    by a line, broken where a quarter is missing; annual and half-yearly figures are
    points only, never joined. ``ids`` picks the measures (default the first 12 reported
    in ``period``); :func:`measure_charts` draws any number as several figures.
    """
    p = parse_period(period)
    rows = measures[measures["period"] <= p].sort_values("period", kind="stable")
    if ids is None:
        ids = list(dict.fromkeys(measures.loc[measures["period"] == p, "measure_id"]))
    ids = list(ids)[:PANELS_PER_FIGURE]
    by_id = {k: g for k, g in rows[rows["measure_id"].isin(ids)].groupby("measure_id", sort=False)}
    first = min((g["period"].min() for g in by_id.values()), default=p)
    x0, x1 = first.ordinal, p.ordinal
    n = max(len(ids), 1)
    ncols = min(columns, n)
    nrows = int(np.ceil(n / ncols))
    width = 8.6
    pad_left, gap, right_pad = 0.75, 0.3, 0.45
    panel_w = (width - right_pad - ncols * pad_left - (ncols - 1) * gap) / ncols
    chars = max(18, int(panel_w * 72 / (SMALL_PT + 1) / 0.62))
    titles = [_wrap_lines(f"{mid} {by_id[mid]['name'].iloc[-1]}" if mid in by_id else str(mid), chars, 5) for mid in ids]
    plot_h, below = 1.35, 0.42
    statuses_text = []
    for mid in ids:
        m = by_id.get(mid)
        if m is None:
            statuses_text.append([""])
            continue
        last = m.iloc[-1]
        st = str(last["status"]) if last["period"] == p else "No data"
        target = _target_phrase(m, last)
        text = f"{period_label(p)}: {_fmt(last['actual'], last.get('unit')) if last['period'] == p else 'no figure'}, {st}" + (f" ({target})" if target else "")
        statuses_text.append(_wrap_lines(text, chars + 4, 3))
    row_h = []
    for r in range(nrows):
        lines = max(len(t) + len(u) for t, u in zip(titles[r * ncols:(r + 1) * ncols], statuses_text[r * ncols:(r + 1) * ncols]))
        row_h.append(lines * 0.19 + 0.08 + plot_h + below)
    # The legend's entries, known before drawing so that a second row of them has room above the panels.
    shown = rows[rows["measure_id"].isin(ids)]
    now_statuses = set(shown.loc[shown["period"] == p, "status"].astype(str)) | ({"No data"} if len(ids) > len(set(shown.loc[shown["period"] == p, "measure_id"])) else set())
    entries = 2 + bool(outturn_rows(shown).any()) \
        + ("frequency" in shown and shown["frequency"].astype(str).isin(["annual", "half-yearly"]).any()) \
        + sum(1 for s in scale.names if s in now_statuses and s in MARKERS)
    legend_h = 0.45 + 0.22 * ((entries - 1) // 4)
    height = legend_h + sum(row_h)
    fig = Figure(figsize=(width, height))
    counts: dict[str, int] = {}
    described = []
    spaced = outturns = joined = False
    yearly_x: set[int] = set()
    y_top = height - legend_h
    for i, mid in enumerate(ids):
        r, c = divmod(i, ncols)
        top = y_top - sum(row_h[:r])
        title_h = (len(titles[i]) + len(statuses_text[i])) * 0.19 + 0.08
        ax = fig.add_axes([(pad_left + c * (panel_w + pad_left + gap)) / width, (top - title_h - plot_h) / height, panel_w / width, plot_h / height])
        m = by_id.get(mid)
        if m is None:
            ax.set_visible(False)
            continue
        # A year's outturn beside its fourth quarter's own figure: both are kept, each drawn as what it is.
        m = m.drop_duplicates(["period", "span"] if "span" in m else "period", keep="last")
        # at one place, the outturn first: the latest point is the quarter's own figure
        m = m.iloc[np.lexsort((~outturn_rows(m), np.array([q.ordinal for q in m["period"]])))]
        last = m.iloc[-1]
        unit = last.get("unit")
        x = np.array([q.ordinal for q in m["period"]])
        y = m["actual"].to_numpy(dtype=float)
        y = np.where(np.isfinite(y), y, np.nan)
        freq = str(last.get("frequency", "quarterly"))
        # A year's (or half-year's) outturn beside quarterly figures is its own point, never joined to the quarters.
        apart = outturn_rows(m)
        if freq in ("annual", "half-yearly"):
            spaced = True
            ax.plot(x, y, color=INK, linestyle="", marker="o", markersize=5)
        else:
            if apart.any():
                outturns = True
                shared = np.isin(x[apart], x[~apart])  # beside its fourth quarter's own figure: drawn just after it
                ax.plot(x[apart] + np.where(shared, 0.3, 0.0), y[apart], color=INK, linestyle="", marker="D", markersize=5,
                        markerfacecolor="white")
                yearly_x |= {int(v) for v in x[apart]} - {int(v) for v in x[~apart]}
            xq, yq = x[~apart], y[~apart]
            if len(xq):
                full = np.arange(xq.min(), xq.max() + 1)
                yy = pd.Series(yq, index=xq).reindex(full).to_numpy()
                ax.plot(full, yy, color=INK, linewidth=1.5, marker="o", markersize=3)
                joined = joined or len(xq) > 1
        lo, hi = last.get("target_low"), last.get("target_high")
        target_text = ""
        if lo is not None and hi is not None and pd.notna(lo) and pd.notna(hi):
            ax.axhspan(float(lo), float(hi), color="#dcdfe0", zorder=0)
            target_text = f"target {_fmt(lo, unit)} to {_fmt(hi, unit)}"
            ax.text(x1 + 0.15, float(hi), "Target range", fontsize=SMALL_PT, color=GREY_TEXT, va="bottom", ha="right")
        elif np.isfinite(m["target"].to_numpy(dtype=float)[~apart if freq not in ("annual", "half-yearly") and (~apart).any() else slice(None)]).any():
            # the quarters' targets: a year's target, beside its outturn, is not a point of the quarters' line
            own = ~apart if freq not in ("annual", "half-yearly") and (~apart).any() else np.ones(len(m), dtype=bool)
            tv = m["target"].to_numpy(dtype=float)
            keep = own & np.isfinite(tv)
            tx, ty = x[keep], tv[keep]
            ax.step(np.append(tx, x1 + 0.4), np.append(ty, ty[-1]), where="post", color=GREY_TEXT, linestyle="--", linewidth=1.2)
            # The label sits at the line's start, on the side away from the actual there, on white.
            below = bool(pd.notna(y[0]) and y[0] > ty[0])
            ax.text(tx[0], ty[0], "Target", fontsize=SMALL_PT, color=GREY_TEXT, va="top" if below else "bottom", ha="left",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
            target_text = f"target {_fmt(ty[-1], unit)}"
        status = str(last["status"]) if last["period"] == p else "No data"
        counts[status] = counts.get(status, 0) + 1
        colour = scale[status].colour if status in scale.names else INK
        if last["period"] == p and np.isfinite(float(last["actual"])):
            ax.plot([x[-1]], [last["actual"]], marker=MARKERS.get(status, "o"), markersize=9, color=colour, markeredgecolor=INK, linestyle="")
        ax.set_xlim(x0 - 0.4, x1 + 0.5)
        ax.margins(y=0.25)
        ax.set_xticks(*_period_ticks(x0, x1, {int(v) for v in x[apart]} - {int(v) for v in x[~apart]}))
        ax.set_ylabel(_plain(_unit_axis(unit)), fontsize=SMALL_PT)
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_formatter(FuncFormatter(_short_number))
        _style(ax, SMALL_PT)
        fig.text((pad_left + c * (panel_w + pad_left + gap) - 0.55) / width, (top - 0.02) / height, _plain("\n".join(titles[i])),
                 fontsize=SMALL_PT + 1, color=INK, fontweight="bold", va="top", ha="left", linespacing=1.15)
        fig.text((pad_left + c * (panel_w + pad_left + gap) - 0.55) / width, (top - title_h + 0.03) / height,
                 _plain("\n".join(statuses_text[i])), fontsize=SMALL_PT + 1, color=INK, va="bottom", ha="left", linespacing=1.15)
        described.append(f"{mid} {last['name']}: {_fmt(last['actual'], unit) if last['period'] == p else 'no figure'}"
                         + (f" against a {target_text}" if target_text else "") + f", {status.lower()}")
    handles = [Line2D([0], [0], color=INK, marker="o", markersize=3, label="Actual (quarterly, joined)" if joined else "Actual")]
    if outturns:
        handles.append(Line2D([0], [0], color=INK, marker="D", linestyle="", markersize=5, markerfacecolor="white",
                              label="Year's outturn (not joined)"))
    if spaced:
        handles.append(Line2D([0], [0], color=INK, marker="o", linestyle="", markersize=5, label="Annual or half-yearly figure"))
    handles.append(Line2D([0], [0], color=GREY_TEXT, linestyle="--", label="Target"))
    handles += [Line2D([0], [0], marker=MARKERS.get(s, "o"), linestyle="", color=scale[s].colour, markeredgecolor=INK, markersize=8, label=s)
                for s in scale.names if s in counts and s in MARKERS]
    fig.legend(handles=handles, loc="upper left", ncol=min(len(handles), 4), frameon=False, fontsize=SMALL_PT + 1,
               bbox_to_anchor=(0.0, 1.0), labelcolor=INK)
    # the quarters a figure is shown for (a 2023/24 outturn beside 2024/25 Q2 alone spans no Q1 the workbook holds)
    held = rows[rows["measure_id"].isin(ids) & rows["actual"].notna()] if "actual" in rows else rows.iloc[:0]
    if "span" in held:
        held = held[held["span"].astype(str) != "year"]
    quarters = sorted({int(q.ordinal) for q in held["period"]} - set(yearly_x) | {x1}) if len(held) else \
        [t for t in range(x0, x1 + 1) if t not in yearly_x]
    only_years = "span" in shown and len(shown) and shown["span"].astype(str).eq("year").all()  # a service plan's outturns

    only_halves = "span" in shown and len(shown) and shown["span"].astype(str).eq("half").all()  # H1 | H2 columns

    def label(q):
        return period_label(q, "year") if only_years else period_label(q, "half" if only_halves else "quarter")

    first_label = label(pd.Period(ordinal=quarters[0], freq="Q-MAR")) if quarters else label(p)
    span = f"{first_label} to {label(p)}" if first_label != label(p) else label(p)
    years = [] if only_years else sorted({period_label(pd.Period(ordinal=t, freq="Q-MAR"), "year") for t in yearly_x})
    beside = f", with the {_join_words(years)} outturn{'s' if len(years) > 1 else ''}" if years else ""
    targeted = bool(len(shown)) and bool(has_target(shown).any())  # a range ('85-90%') is a target too
    # a scorecard with no targets (a police plan's, judged against its baseline): its figures, never "against target"
    title = f"Measures {'against target' if targeted else 'over time'}, {span}{beside}"
    summary = _list_phrase([(s, counts.get(s, 0)) for s in scale.names], "measure")
    shown = f"from {span}" if span != label(p) else f"in {span}"
    alt = (f"Small line charts of {plural(len(ids), 'measure')}, each showing its actual{' against its target' if targeted else ''} "
           f"{shown}{beside}. In {label(p)}: {summary}. " + "; ".join(described) + ".")
    return _render(fig, title, alt, tight=False)  # laid out by hand: no second drawing to measure it


class Charts(list):
    """A list of :class:`Chart` that shows as all of them in a notebook (``to_html`` joins them)."""

    def to_html(self) -> str:
        return "".join(c.to_html() for c in self)

    def _repr_html_(self) -> str:
        return self.to_html()


def measure_charts(measures: pd.DataFrame, period, ids=None, per_figure: int = PANELS_PER_FIGURE, scale: StatusScale = DEFAULT_SCALE) -> Charts:
    """Small multiples for any number of measures, as several figures of at most ``per_figure`` panels.

    Examples
    --------
    >>> charts = measure_charts(fig.measures, fig.period)  # doctest: +SKIP
    >>> [c.title for c in charts]  # doctest: +SKIP
    """
    p = parse_period(period)
    if ids is None:
        ids = list(dict.fromkeys(measures.loc[measures["period"] == p, "measure_id"]))
    ids = list(ids)
    per_figure = max(1, min(per_figure, PANELS_PER_FIGURE))
    out = Charts()
    wanted = measures[measures["measure_id"].isin(ids)]
    parts = [ids[i:i + per_figure] for i in range(0, len(ids), per_figure)]
    for k, part in enumerate(parts, start=1):
        chart = measure_small_multiples(wanted, p, scale=scale, ids=part)
        if len(parts) > 1:
            chart.title += f" ({k} of {len(parts)})"
        out.append(chart)
    return out


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


def point_label(p) -> str:
    """A point on a time axis as people write it: ``2023/24 Q2`` for quarters, ``Apr 2023`` for months and dates."""
    if isinstance(p, pd.Period):
        if p.freqstr.startswith("Q"):
            return period_label(p)
        return p.to_timestamp().strftime("%b %Y") if p.freqstr.startswith("M") else str(p)
    if isinstance(p, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(p).strftime("%b %Y")
    return str(p)


def bench_fmt(v: float, unit: str = "") -> str:
    """A comparison value as a chart labels it: percentages to one place, small numbers to three figures, others to one place."""
    if unit == "%":
        return f"{v:.1f}%"
    return f"{v:,.3g}" if abs(v) < 1 else f"{v:,.1f}"


def spc_chart(result: pd.DataFrame, title: str | None = None, unit: str = "") -> Chart:
    """A Making Data Count X chart from :func:`perfkit.analyse.spc`: values, mean, process limits, target and each point's variation.

    Each kind of point has its own colour, marker shape (circle common cause, triangle pointing
    the way of an improving change, square concerning, diamond neither) and legend word; the
    latest point's variation and the assurance are written in a box, as the method's icons are
    (H or L for special cause high or low, P / F / ? for assurance). Alt text gives the mean,
    limits, special-cause points and assurance.

    Examples
    --------
    >>> import pandas as pd, perfkit
    >>> s = pd.Series([5.0, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 15], index=pd.period_range("2023-04", periods=15, freq="M"))
    >>> perfkit.present.charts.spc_chart(perfkit.spc(s, "lower", target=4), "Days to process").alt.split(". ")[1]
    'Mean 6.1, process limits 3.5 to 8.8'
    """
    name = result.attrs.get("name")
    title = title or (str(name) if name is not None else "Statistical process control chart")
    labels = [point_label(p) for p in result.index]
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
        handles.append(Line2D([0], [0], color="#b58840", linestyle=":", linewidth=1.4, label=f"Target {bench_fmt(target, unit)}"))
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
    parts.append(f"Mean {bench_fmt(last['mean'].iloc[0], unit)}, process limits {bench_fmt(last['lower_limit'].iloc[0], unit)} to "
                 f"{bench_fmt(last['upper_limit'].iloc[0], unit)}" if len(last) else "No points")
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
        parts.append(f"Against the target of {bench_fmt(target, unit)} the process is {assurance}")
    return _render(fig, title, ". ".join(parts) + ".")


def benchmark_chart(frame: pd.DataFrame, area: str, measure_id, period_span=None, family=None, unit: str = "", breakdown=None) -> Chart:
    """A strip chart of one measure in one period: every council compared a dot, the council highlighted and labelled.

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
    breakdown : str, optional
        The part of a measure split into parts (``Female``); the first part by default.

    Only the councils the council is compared with are dots (England, regions and councils of another
    tier are not, as :func:`~perfkit.analyse.benchmarking.benchmark` leaves them out). The median is a solid line, the quartiles dashed lines, each labelled in words; the council's
    dot is a large labelled star and its rank is in the title and alt text. Best is on the right
    for every measure (the axis is reversed where lower is better), and the axis says so.

    Examples
    --------
    >>> import pandas as pd, perfkit
    >>> f = pd.DataFrame({"area_code": list("ABCDE"), "area_name": ["Ash", "Birch", "Cedar", "Dale", "Elm"], "measure_id": "M1",
    ...     "measure": "Homes built", "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24",
    ...     "value": [10.0, 30.0, 20.0, 25.0, None]})
    >>> perfkit.present.charts.benchmark_chart(f, "Cedar", "M1").alt.split(". ")[1]
    'Cedar: 20.0, ranked 3 of 4 (quartile 3); median 22.5, quartiles 17.5 and 26.2.'
    """

    frame = with_area_types(frame)
    code = find_area(frame, area)
    rows = frame[(frame["measure_id"] == measure_id).to_numpy() & peers(frame, code)]
    if rows.empty:
        raise ValueError(f"no measure {measure_id!r} in the comparison data")
    if "breakdown" in rows:
        breakdown = rows["breakdown"].iloc[0] if breakdown is None else breakdown
        rows = rows[rows["breakdown"] == breakdown]
    spans = rows["period_span"] if "period_span" in rows else pd.Series([period_label(p) for p in rows["period"]], index=rows.index)
    if period_span is None:
        single = ~spans.map(is_pooled).astype(bool)
        pick = rows[single] if single.any() else rows
        period_span = spans.loc[pick.index[(pick["period"] == pick["period"].max()).to_numpy()]].iloc[0]
    rows = rows[spans == period_span]
    if not (rows["area_code"].astype(str) == str(code)).any():  # the council has no figure here: drawn as "no value"
        mine = frame[frame["area_code"].astype(str) == str(code)].iloc[:1]
        rows = pd.concat([rows, rows.iloc[:1].assign(area_code=code, area_name=mine["area_name"].iloc[0], value=np.nan,
                                                   area_type=mine["area_type"].iloc[0])])
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
        ax.annotate(f"{name}: {bench_fmt(me['value'], unit)}", (me["value"], 0), xytext=(0, 16), textcoords="offset points",
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
    measure = str(me.get("measure", measure_id)) + (f" ({breakdown})" if isinstance(breakdown, str) and breakdown else "")
    ax.set_xlabel(f"{measure} ({unit + ', ' if unit else ''}{better})")
    _style(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8.5, labelcolor=INK)
    rank_text = (f"ranked {int(me['rank'])} of {int(me['n'])} (quartile {int(me['quartile'])})" if pd.notna(me["rank"])
                 else f"not ranked, of {int(me['n'])} areas with a value")
    title = f"{measure}, {period_span}: {name} among {plural(int(me['n']), 'area')}"
    value_text = bench_fmt(me["value"], unit) if np.isfinite(me["value"]) else "no value"
    alt = (f"Strip chart of {measure} in {period_span}, one dot per area with a value. "
           f"{name}: {value_text}, {rank_text}; median {bench_fmt(me['median'], unit)}, quartiles "
           f"{bench_fmt(me['lower_quartile'], unit)} and {bench_fmt(me['upper_quartile'], unit)}")
    if fam_codes:
        alt += f"; comparator family median {bench_fmt(me['family_median'], unit)} ({plural(int(me['family_n']), 'area')})"
    return _render(fig, title, alt + ".")

# ---------------------------------------------------------------------------------------------- action plans (issue 12)


def own_words(summary) -> dict:
    """Status -> the plan's own word for it, where every action of that status was given one word (its 'In progress',
    read as On track; 'Partially implemented', read as At risk): the word a chart's segment and a table's column show,
    as the sentence says it."""
    said = getattr(summary, "said_as", None) or {}
    return {st: words[0][:1].upper() + words[0][1:] for st, words in said.items() if len(words) == 1 and words[0].strip()}


def action_progress_chart(summary, title: str | None = None) -> Chart:
    """Horizontal stacked bars of each group's actions by status, labelled with its share complete.

    ``summary`` is an :class:`~perfkit.read.kinds.actions.ActionSummary`; each segment is labelled
    with its status word and count where it fits, and the alt text gives every figure.
    """
    per, scale = summary.per_group, summary.scale
    groups = [str(g) for g in per["group"]] or ["All actions"]
    statuses = [s for s in scale.names if s in per and per[s].sum() > 0]
    matrix = per[statuses].to_numpy(dtype=float) if len(per) else np.zeros((1, max(len(statuses), 1)))
    fig = Figure(figsize=(8.5, 0.75 * len(groups) + 1.5))
    ax = fig.subplots()
    done = [("" if pd.isna(p) else f" ({int(p)}% complete)") for p in per["percent_complete"]] if len(per) else [""]
    labels = ["\n".join(textwrap.wrap(str(g) + d, 30)) for g, d in zip(groups, done)]
    words = own_words(summary)
    if statuses:
        axes_px = (fig.subplotpars.right - fig.subplotpars.left) * 8.5 * DPI
        _stacked(ax, labels, matrix, statuses, scale, axes_px, words)  # sets the labels and puts the first group on top
    else:
        ax.set_yticks(np.arange(len(groups)), labels)
        ax.invert_yaxis()
    ax.set_xlabel("Number of actions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    _style(ax)  # every segment carries its status word and count, so the chart needs no key
    title = title or f"Actions by status in each group, {summary.label}"
    parts = []
    for g, row, pct in zip(groups, matrix, per["percent_complete"] if len(per) else [pd.NA]):
        share = "" if pd.isna(pct) else f", {int(pct)}% of those still required complete"
        parts.append(f"{g}: {int(row.sum())} in all{share}; {_list_phrase(list(zip([words.get(s, s) for s in statuses], row.astype(int))), 'action')}")
    alt = f"Bar chart of actions by status in each group at {summary.label}. " + ". ".join(parts) + "."
    return _render(fig, title, alt)

# ---------------------------------------------------------------------------------------------- risks (issue 11)

LIKELIHOOD_WORDS = {5: ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"], 3: ["Low", "Medium", "High"],
                    4: ["Unlikely", "Possible", "Likely", "Very likely"]}
IMPACT_WORDS = {5: ["Negligible", "Minor", "Moderate", "Major", "Severe"], 3: ["Low", "Medium", "High"],
                4: ["Minor", "Moderate", "Major", "Severe"]}


def axis_words(size: int, axis: str, matrix=None) -> list[str]:
    """Words for each point of a likelihood or impact axis (``1 Rare`` ... ``5 Almost certain``): the register's own, where
    its key gives them (``matrix.axis_labels``), else perfkit's.

    Examples
    --------
    >>> axis_words(3, "impact")
    ['1 Low', '2 Medium', '3 High']
    """
    own = matrix.axis_labels(axis) if matrix is not None and hasattr(matrix, "axis_labels") else None
    words = list(own) if own and len(own) == size else (LIKELIHOOD_WORDS if axis == "likelihood" else IMPACT_WORDS).get(size)
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
    and the highest risks; :func:`perfkit.present.tables.risk_matrix_table` is the same as a table.

    Examples
    --------
    >>> chart = risk_heatmap(perfkit.read_risks("register.xlsx"))  # doctest: +SKIP
    >>> chart.alt  # doctest: +SKIP
    """


    matrix = matrix or matrix_of(risks)
    summary = risk_summary(risks, period, matrix)
    size = matrix.size
    # Only the matrices the register gives impact and likelihood for: an empty one would say no risk remains.
    stages = [(w, label) for w, label in (("inherent", "Before mitigation (inherent)"), ("residual", "After mitigation (residual)"))
              if heat_counts(risks, w, summary.period)] or [("inherent", "Before mitigation (inherent)")]
    fig = Figure(figsize=(5.2 * len(stages) + 0.8, 5.4))
    axes = fig.subplots(1, len(stages), gridspec_kw={"wspace": 0.55}, squeeze=False)[0]
    lik_words, imp_words = axis_words(size, "likelihood", matrix), axis_words(size, "impact", matrix)
    generated = made_up(risks)
    for ax, (which, label) in zip(axes, stages):
        cells = heat_counts(risks, which, summary.period)
        for li in range(1, size + 1):
            for im in range(1, size + 1):
                band = matrix[matrix.band(li * im)]
                ids = cells.get((li, im), [])
                ax.add_patch(Rectangle(
                    (im - 0.5, li - 0.5), 1, 1, facecolor=band.colour, edgecolor="white", linewidth=2))
                ax.text(im, li + 0.27, band.name, ha="center", va="center", fontsize=7 if size <= 5 else 5, color=band.text_colour)
                ax.text(im, li + 0.02, str(len(ids)), ha="center", va="center", fontsize=12 if size <= 5 else 9, color=band.text_colour, fontweight="bold")
                ids = [i for i in ids if i not in generated]  # references perfkit made up are in no table the committee reads
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
    title = f"Risk matrix {' and '.join(label.split(' (')[0].lower() for _, label in stages)}{when}"
    return _render(fig, title, risk_heatmap_alt(risks, summary, [w for w, _ in stages]))


def risk_heatmap_alt(risks: pd.DataFrame, summary, stages=("inherent", "residual")) -> str:
    """The heat map's alt text: counts by band before and after mitigation, and the highest risks after it."""

    m = summary.matrix
    names = list(reversed(m.names))
    before = _list_phrase([(b, int(summary.by_rating.loc[b, "inherent"])) for b in names], "risk")
    after = _list_phrase([(b, int(summary.by_rating.loc[b, "residual"])) for b in names], "risk")
    when = f", {period_label(summary.period)}" if summary.period is not None and not pd.isna(summary.period) else ""
    now, _, _ = assessment(risks, summary.period)
    top = now.dropna(subset=["residual_score"]).sort_values("residual_score", ascending=False, kind="stable").head(3)
    lik, imp = axis_words(m.size, "likelihood", m), axis_words(m.size, "impact", m)
    tops = []
    generated = made_up(risks)
    for r in top.itertuples(index=False):
        # a reference perfkit made up is in no table the committee reads: the risk is named by its title instead
        name = textwrap.shorten(str(getattr(r, "title", "") or r.risk_id), 60, placeholder="...") if r.risk_id in generated else r.risk_id
        if pd.notna(r.residual_likelihood) and pd.notna(r.residual_impact):
            tops.append(f"{name} (likelihood {lik[int(r.residual_likelihood) - 1]}, impact {imp[int(r.residual_impact) - 1]}, score {r.residual_score:g})")
        else:
            tops.append(f"{name} (score {r.residual_score:g})")
    counted = {"inherent": f"Before mitigation: {before}. ", "residual": f"After mitigation: {after}. "}
    shown = "Two" if len(stages) == 2 else "One"
    matrices = "matrices" if len(stages) == 2 else "matrix"
    return (f"{shown} {m.size} by {m.size} risk {matrices} of likelihood against impact for {plural(summary.total, 'risk')}{when}. "
            + "".join(counted[w] for w in stages)
            + (f"Highest after mitigation: {'; '.join(tops)}. " if tops else "")
            + "The table that follows gives every cell.")

# ---------------------------------------------------------------------------------------------- service plans and the year end (issue 13)


def outturn_small_multiples(history: pd.DataFrame, status: pd.DataFrame | None = None, columns: int = 4,
                            scale: StatusScale = DEFAULT_SCALE) -> Chart:
    """One small line chart per indicator: its year-end outturns against target over the last few years.

    ``history`` comes from :func:`perfkit.analyse.annual.outturn_history`; ``status`` (from
    :func:`perfkit.analyse.annual.annual_status`) gives the latest year's status, shown by the marker's
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
