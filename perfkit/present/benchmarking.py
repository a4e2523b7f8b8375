"""How the council compares, as the briefing shows it: tables, sentences and charts.
"""

from __future__ import annotations

import pandas as pd
from perfkit.analyse.benchmarking import latest_rows, benchmark, figure_text, peers
from perfkit.core.periods import parse_period, period_label
from perfkit.read.kinds.comparators import span_kind
from perfkit.present.text import escape
from perfkit.present.text import plural
from perfkit.present import charts


QUARTILE_WORDS = {1: "Top quarter (best)", 2: "Second quarter", 3: "Third quarter", 4: "Bottom quarter (worst)"}


def versus_median(row) -> str:
    """``9.7 above the median (67.5)``, or ``at the median``; where the measure has a polarity, whether that is better."""
    v, m = row["value"], row["median"]
    if pd.isna(v) or pd.isna(m):
        return "No value" if pd.isna(v) else "–"
    if v == m:
        return f"At the median ({figure_text(m)})"
    side = "above" if v > m else "below"
    better = {("higher", "above"): ", better", ("higher", "below"): ", worse", ("lower", "above"): ", worse",
              ("lower", "below"): ", better"}.get((row.get("polarity"), side), "")
    return f"{figure_text(abs(v - m))} {side} the median ({figure_text(m)}){better}"


def measure_words(row) -> str:
    """A measure as the table names it, with its part where the data splits it: ``Healthy life expectancy (Female)``."""
    name = row.get("measure", row["measure_id"])
    part = row.get("breakdown")
    return f"{name} ({part})" if isinstance(part, str) and part else str(name)


def against_national(row) -> str:
    """Better, similar or worse than the council's country: perfkit's judgement from the confidence interval, the file's where it has one."""
    mine, theirs = row.get("compared_with_national"), row.get("published_comparison")
    mine = mine if isinstance(mine, str) else None
    theirs = theirs if isinstance(theirs, str) else None
    if mine and theirs and mine != theirs:
        return f"{mine} (the publisher says {theirs.lower()})"
    if mine:
        return mine
    if theirs:
        return f"{theirs} (as published)"
    return "–"


_COUNTRY = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}


def benchmark_table(bench: pd.DataFrame, caption: str) -> str:
    """The benchmarking table of :func:`benchmark` rows: measure, period, value, rank of n, quartile in words, versus median,
    change in rank, and where the data has them the areas shown for reference and the comparison with England."""

    headers = ["Measure", "Period", "Value", "Rank", "Quartile", "Versus median", "Change in rank"]
    show_refs = bool("references" in bench and bench["references"].fillna("").astype(bool).any())
    show_national = bool(any(c in bench and bench[c].notna().any() for c in ("compared_with_national", "published_comparison")))
    country = _COUNTRY.get(str(bench.attrs.get("area_code", ""))[:1], "England")  # a Welsh council is compared with Wales
    headers += ["For reference"] * show_refs + [f"Against {country}"] * show_national
    rows = []
    for r in bench.to_dict("records"):
        rank = f"{int(r['rank'])} of {int(r['n'])}" if pd.notna(r["rank"]) else ("No value" if pd.isna(r["value"]) else "Not ranked")
        quartile = QUARTILE_WORDS.get(int(r["quartile"]), "") if pd.notna(r["quartile"]) else "Not ranked"
        change = r.get("rank_change")
        if change is None or pd.isna(change):
            moved = "–"
        elif change == 0:
            moved = "No change"
        else:
            moved = f"{'Up' if change > 0 else 'Down'} {plural_places(int(abs(change)))}"
        cells = [measure_words(r), r["period_span"], figure_text(r["value"]), rank, quartile, versus_median(r), moved]
        if show_refs:
            cells.append(r.get("references") or "–")
        if show_national:
            cells.append(against_national(r))
        rows.append("<tr>" + f'<th scope="row">{escape(cells[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in cells[1:]) + "</tr>")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    return (f'<div class="table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="benchmark"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")


def plural_places(n: int) -> str:
    """``1 place``, ``3 places``."""
    return f"{n} place" if n == 1 else f"{n} places"


def benchmark_sentences(latest: pd.DataFrame, priorities: dict | None = None, within: str = "areas") -> list[tuple[str, str]]:
    """A sentence or two per priority (``(priority, text)``; one overall when no priorities are given)."""

    groups: dict[str, pd.DataFrame] = {}
    if priorities:
        keyed = latest.assign(_p=latest["measure_id"].map(lambda m: priorities.get(m, priorities.get(str(m)))))
        for p, g in keyed.groupby("_p", sort=False):
            groups[str(p)] = g
        rest = keyed[keyed["_p"].isna()]
        if len(rest):
            groups["Other measures"] = rest
    else:
        groups["All measures"] = latest
    out = []
    for name, g in groups.items():
        ranked = g[g["rank"].notna()]
        parts = []
        if len(ranked):
            top = int((ranked["quartile"] == 1).sum())
            bottom = int((ranked["quartile"] == 4).sum())
            top_words = "none is" if top == 0 else f"{top} {'is' if top == 1 else 'are'}"
            bottom_words = "none" if bottom == 0 else str(bottom)
            parts.append(f"Of {plural(len(ranked), 'ranked measure')}, {top_words} in the top quarter of {within} and "
                         f"{bottom_words} in the bottom quarter.")
            best = ranked.sort_values(["quartile", "rank"], kind="stable").iloc[0]
            at = "at" if span_kind(best["period_span"]) == "snapshot" else "in"  # at 31 March 2018, in 2023/24
            parts.append(f"The strongest is {measure_words(best)} ({int(best['rank'])} of {int(best['n'])}"
                         f" {at} {best['period_span']}).")
        unranked = len(g) - len(ranked)
        if unranked:
            parts.append(f"{plural(unranked, 'measure')} {'has' if unranked == 1 else 'have'} no rank (no value, or no direction of better).")
        out.append((name, " ".join(parts)))
    return out


def up_to(bench: pd.DataFrame, period) -> tuple[pd.DataFrame, str]:
    """The rows of a :func:`benchmark` result for periods ending by ``period`` (a briefing's quarter: a label or a
    ``Period[Q-MAR]``), and a sentence saying what was left out: figures for later periods, and measures that have only
    those (a briefing for 2024/25 Q2 never quotes 2024/25 Q3 figures as if they were its own). ``period`` None keeps all.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"measure_id": ["M1", "M1", "M2"], "measure": ["Homes", "Homes", "Jobs"], "period_span": ["2024/25 Q2", "2024/25 Q3", "2024/25 Q3"],
    ...                   "period": pd.PeriodIndex(["2025Q2", "2025Q3", "2025Q3"], freq="Q-MAR")})
    >>> kept, said = up_to(b, "2024/25 Q2")
    >>> kept["period_span"].tolist(), said
    (['2024/25 Q2'], 'Figures in the comparison data for periods after 2024/25 Q2 (2024/25 Q3) are left out; Jobs has only those, so it is not shown.')
    """
    if period is None or not len(bench):
        return bench, ""
    end = period if isinstance(period, pd.Period) else parse_period(period)
    later = (bench["period"] > end).to_numpy()
    if not later.any():
        return bench, ""
    spans = list(dict.fromkeys(bench.loc[later, "period_span"].astype(str)))
    kept = bench[~later]
    gone = [str(n) for n in dict.fromkeys(bench.loc[later & ~bench["measure_id"].isin(kept["measure_id"]).to_numpy(), "measure"])]
    said = (f"Figures in the comparison data for periods after {period_label(end)} ({', '.join(spans[:3])}{'...' if len(spans) > 3 else ''}) "
            "are left out")
    if gone:
        said += f"; {', '.join(gone[:4])}{'...' if len(gone) > 4 else ''} {'has' if len(gone) == 1 else 'have'} only those, so " \
                f"{'it is' if len(gone) == 1 else 'they are'} not shown"
    return kept, said + "."


def briefing_section(comparators: pd.DataFrame, area: str, family=None, priorities: dict | None = None,
                     title: str = "How we compare", include_aggregates: bool | None = None, tier: str | None = None,
                     period=None) -> str:
    """The briefing's benchmarking section as HTML: sentences per priority, then the table of each measure's latest period.

    Parameters
    ----------
    comparators : pandas.DataFrame
        From :func:`read_comparators`.
    area : str
        The council (code or name).
    family : list of str, optional
        Comparator areas for the family median (noted under the table).
    priorities : dict, optional
        ``{measure_id: priority}``, for a paragraph per priority.
    title : str
    include_aggregates, tier : optional
        As :func:`~perfkit.analyse.benchmarking.benchmark` takes them (default: the file's settings).
    period : str or pandas.Period, optional
        The briefing's period: figures for later periods are left out, said (see :func:`up_to`), and the
        text names the period the figures are up to.

    Returns
    -------
    str
        ``<section aria-labelledby="benchmarking">`` with an ``h2``, paragraphs and an accessible table.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"area_code": list("ABCD"), "area_name": list("ABCD"), "measure_id": "M1", "measure": "Homes built",
    ...     "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [10.0, 30.0, 20.0, 25.0]})
    >>> html = briefing_section(f, "C")
    >>> "<td>3 of 4</td>" in html and "Third quarter" in html
    True
    """

    b = benchmark(comparators, area, family=family, include_aggregates=include_aggregates, tier=tier)
    b, left_out = up_to(b, period)
    latest = latest_rows(b)
    name = b.attrs["area_name"]
    within = b.attrs.get("compared_within", "councils")
    by = f" up to {period_label(period if isinstance(period, pd.Period) else parse_period(period))}" if period is not None else ""
    intro = (f"How {name} compares with the other {within} in the published comparison data, in the latest period for each "
             f"measure{by} (each figure's period is in the table). Rank 1 is best; the median is the middle of the {within} with a value.")
    if left_out:
        intro += " " + left_out
    if "references" in b and b["references"].fillna("").astype(bool).any():
        intro += (" England, regions and other areas that are not councils are not counted among them: where the data has them, "
                  "they are shown for reference.")
    if "breakdown" in b:
        intro += " A measure split into parts (such as by sex) is compared part by part."
    paras = [f"<p>{escape(intro)}</p>"]
    for group, text in benchmark_sentences(latest, priorities, within):
        if priorities:
            paras.append(f"<h3>{escape(group)}</h3><p>{escape(text)}</p>")
        else:
            paras.append(f"<p>{escape(text)}</p>")
    table = benchmark_table(latest, f"{name} against the other {within}, latest period for each measure")
    if family is not None and latest["family_n"].gt(0).any():
        fam = "; ".join(f"{measure_words(r)}: {figure_text(r['family_median'])}" for r in latest.to_dict("records")
                        if r["family_n"] > 0)
        table += f"<p>{escape('Median of the comparator family: ' + fam + '.')}</p>"
    return f'<section aria-labelledby="benchmarking"><h2 id="benchmarking">{escape(title)}</h2>\n' + "\n".join(paras) + "\n" + table + "\n</section>"


def benchmark_charts_html(comparators: pd.DataFrame, area: str, family=None, unit: str = "") -> str:
    """A strip chart per measure and part (its latest single year or quarter), as one HTML string of ``<figure>`` elements.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"area_code": list("ABC"), "area_name": list("ABC"), "measure_id": "M1", "measure": "Homes",
    ...     "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [1.0, 2.0, 3.0]})
    >>> benchmark_charts_html(f, "A").count("<figure")
    1
    """

    # Only the measures and parts that hold councils: England alone by deprivation decile has nothing to draw.
    compared = comparators[peers(comparators, area) & comparators["value"].notna().to_numpy()]
    if "breakdown" in compared:
        series = dict.fromkeys(zip(compared["measure_id"], compared["breakdown"]))
    else:
        series = dict.fromkeys((m, None) for m in compared["measure_id"])
    return "\n".join(charts.benchmark_chart(comparators, area, m, family=family, unit=unit, breakdown=part).to_html()
                     for m, part in series)
