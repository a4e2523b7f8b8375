"""Statistical process control in the briefing: each measure's X chart and what it shows, in words.
"""

from __future__ import annotations

import pandas as pd
from perfkit.analyse.spc import COMMON, FAILING, HIT_AND_MISS, MIN_POINTS, PASSING, spc_measures
from perfkit.present.charts import bench_fmt as _fmt, point_label
from perfkit.present.charts import spc_chart
from perfkit.present.text import escape


def describe(result: pd.DataFrame, unit: str = "") -> str:
    """One or two plain sentences on an :func:`spc` result, for a briefing.

    Examples
    --------
    >>> import pandas as pd
    >>> from perfkit.analyse.spc import spc
    >>> s = pd.Series([50.0, 52] * 7 + [70.0], index=pd.period_range("2023-04", periods=15, freq="M"), name="Calls answered")
    >>> describe(spc(s, "higher", target=40))
    'Calls answered: the latest point (Jun 2024) shows special cause variation, improving. Against the target of 40.0 the process is consistently passing: every point it gives will meet the target.'
    """

    name = result.attrs.get("name") or "The measure"
    values = result["value"].dropna()
    if values.empty:
        return f"{name}: no values."
    when = point_label(values.index[-1])
    latest = result.attrs.get("variation")
    if latest == COMMON:
        text = f"{name}: the latest point ({when}) is within the process's usual variation (common cause)."
    else:
        text = f"{name}: the latest point ({when}) shows special cause variation, {latest.replace('special cause ', '')}."
    assurance = result.attrs.get("assurance")
    if assurance:
        what = {PASSING: "every point it gives will meet the target", FAILING: "no point it gives will meet the target unless it changes",
                HIT_AND_MISS: "it will meet the target some months and miss it in others"}[assurance]
        text += f" Against the target of {_fmt(result.attrs['target'], unit)} the process is {assurance}: {what}."
    return text


def briefing_section(measures: pd.DataFrame, min_points: int = MIN_POINTS, title: str = "Measures over time") -> str:
    """The briefing's SPC section: a chart and sentences for each measure with ``min_points`` or more actuals ("" when none has).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": "K1", "name": "Calls", "polarity": "higher", "target": 85.0,
    ...     "actual": [91.0, 92.0] * 8, "period": pd.period_range("2020Q1", periods=16, freq="Q-MAR")})
    >>> html = briefing_section(m)
    >>> html.count("<figure"), "consistently passing" in html
    (1, True)
    """

    results = spc_measures(measures, min_points)
    if not results:
        return ""
    intro = ("For measures with enough points, a statistical process control chart (the NHS Making Data Count method) "
             "separates real change from the usual ups and downs: points beyond the process limits, or runs and trends, "
             "are special cause variation.")
    parts = [f"<p>{escape(intro)}</p>"]
    # Charts for what the committee should see first (special cause, then a target the process will not reliably
    # meet), at most MAX_CHARTS of them: each takes a quarter of a second to draw, and a plan of hundreds of long-run
    # measures must still brief in seconds. The rest are each a sentence.
    order = sorted(results.values(), key=lambda r: (r.attrs.get("variation") == COMMON,
                                                     r.attrs.get("assurance") not in (FAILING, HIT_AND_MISS)))
    drawn, rest = order[:MAX_CHARTS], order[MAX_CHARTS:]
    for r in drawn:
        parts.append(f"<p>{escape(describe(r))}</p>" + spc_chart(r).to_html())
    if rest:
        parts.append(f"<p>{escape(f'The other {len(rest):,} measures with enough points, without a chart:')}</p>"
                     + "<ul>" + "".join(f"<li>{escape(describe(r))}</li>" for r in rest) + "</ul>")
    return f'<section aria-labelledby="spc"><h2 id="spc">{escape(title)}</h2>\n' + "\n".join(parts) + "\n</section>"


MAX_CHARTS = 12  # SPC charts in one briefing; the other measures' results are sentences
