"""The risk register's sections of a briefing, as HTML: header, what was read, matrices and tables.
"""

from __future__ import annotations

import pandas as pd
from perfkit.core.periods import period_label
from perfkit.analyse.risks import assessment_for, heat_counts, matrix_of, registers, risk_summary
from perfkit.present.briefing import long_date, period_in_words, published_day
from perfkit.present.text import escape, made_up
from perfkit.core.schema import CONTENTS_MARK
from perfkit.present import charts
from perfkit.present import tables
from perfkit.present.narrative import risk_paragraph
from perfkit.core.periods import first_period_after, parse_period


def risks_header(council: str, risks: pd.DataFrame, period=None, published=None, title: str = "Risk register") -> str:
    """The title block of a briefing on a risk register alone (``Risk register: 2024/25 Q2``), with the contents mark.

    Examples
    --------
    >>> html = risks_header("Northbrook District Council", read_risks("register.xlsx"), published="2024-11-05")  # doctest: +SKIP
    """

    published = published_day(published)
    p = assessment_for(risks, period)
    when = f": {period_label(p)}" if p is not None else ""
    covers = f"Risks as assessed in {period_in_words(p)}. " if p is not None else ""
    return (f'<header class="briefing-header"><p class="council">{escape(council)}</p><h1>{escape(title)}{escape(when)}</h1>'
            f'<p class="meta">{escape(covers)}Published {escape(long_date(published))}.</p></header>\n{CONTENTS_MARK}')


def risks_about(risks: pd.DataFrame) -> str:
    """The closing 'About these figures' of a register's own briefing: where the risks came from and how they are scored.

    Examples
    --------
    >>> html = risks_about(read_risks("register.xlsx"))  # doctest: +SKIP
    """

    parts = registers(risks)
    if len(parts) == 1:  # one register: its bands, without its name before them
        scales = matrix_of(parts[0]).describe()
    else:
        scales = "; ".join(f"{p.attrs.get('register') or p.attrs.get('sheet', 'the register')}: {matrix_of(p).describe()}" for p in parts)
    text = (f"The {len(risks['risk_id'].unique()):,} risks come from the register ({escape(risks.attrs.get('sheet', ''))}). "
            "Each risk is scored as impact times likelihood, before mitigation (inherent) and after it (residual), unless the "
            f"register gives the score; the bands are {escape(scales)}.")
    return f'<section aria-labelledby="about"><h2 id="about">About these figures</h2><p>{text}</p></section>'


def briefing_section(risks: pd.DataFrame | None, period=None, noun: str = "risk", heading: str = "Risks") -> str:
    """The briefing's risk section as HTML: narrative, heat map, its table equivalent and the table of risks.

    Empty when there is no register. ``period`` is the briefing's quarter; the register's
    assessment for it (or the latest before it, said aloud) is reported.

    Examples
    --------
    >>> frames = perfkit.read_workbook("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    >>> html = briefing_section(frames.get("risks"), "2023/24 Q2")  # doctest: +SKIP
    """
    if risks is None or not len(risks):
        return ""

    parts = registers(risks)
    if len(parts) > 1:  # registers on different matrices: each with its own heat map, bands and table
        body = "".join(_register_body(part, period, noun, level=3) for part in parts)
        return f'<section aria-labelledby="risks"><h2 id="risks">{escape(heading)}</h2>\n{body}\n</section>'
    return f'<section aria-labelledby="risks"><h2 id="risks">{escape(heading)}</h2>\n{_register_body(risks, period, noun)}\n</section>'


def _register_body(risks: pd.DataFrame, period, noun: str, level: int = 0) -> str:
    """One register's part of the risk section: narrative, heat map, its table equivalent and the table of risks."""

    first = first_period_after(risks.get("period"), period)
    if first is not None:  # a register first scored after this quarter: nothing to report, and never a later assessment
        head = f"<h{level}>{escape(risks.attrs.get('register', ''))}</h{level}>" if level else ""
        return head + f"<p>{escape(f'The risk register was first assessed for {period_label(first)}, after this quarter, so its risks are not reported here.')}</p>"
    p = assessment_for(risks, period)
    summary = risk_summary(risks, p)
    bands = summary.matrix.describe() if summary.scored else ", ".join(summary.matrix.names) + " ratings"
    body = f"<h{level}>{escape(risks.attrs.get('register', ''))} ({escape(bands)})</h{level}>" if level else ""
    if period is not None and p is not None:
        asked = period if isinstance(period, pd.Period) else parse_period(period)
        if p != asked:
            body += f"<p>{escape(f'The latest risk assessment is for {period_label(p)}.')}</p>"
    body += f"<p>{escape(risk_paragraph(summary, noun))}</p>"
    others = risks.attrs.get("opportunities") or []
    if others:  # a register of risks and opportunities: the opportunities are not counted among the risks, and it says so
        body += (f"<p>{escape(f'The register also holds {len(others)} opportunit' + ('y' if len(others) == 1 else 'ies'))} "
                 f"({escape(', '.join(others[:8]))}), not counted among the risks.</p>")
    if heat_counts(risks, "inherent", p) or heat_counts(risks, "residual", p):
        chart = charts.risk_heatmap(risks, p, summary.matrix)
        body += chart.to_html()
        made = made_up(risks)
        refs = "" if made and set(risks["risk_id"].astype(str)) <= made else " and their references"  # none made up is shown
        body += (f"<p>{escape(f'Each cell of the matrix shows its band, the number of risks in it{refs}. Bands: ' + summary.matrix.describe() + '.')}</p>")
        for which, after in (("inherent", "before"), ("residual", "after")):
            if heat_counts(risks, which, p):
                body += tables.risk_matrix_table(risks, which, p, summary.matrix)
            elif any(f"{which}_{c}" in risks and risks[f"{which}_{c}"].notna().any() for c in ("score", "rating")):
                body += f"<p>{escape(f'The register gives no impact and likelihood {after} mitigation, only a score or rating, so that matrix is not drawn; the table below gives every risk.')}</p>"
            else:  # nothing at all before (or after) mitigation: never 'only a score or rating'
                body += f"<p>{escape(f'The register gives no assessment {after} mitigation, so that matrix is not drawn.')}</p>"
    else:  # scores or ratings only: an empty matrix would say there are no risks
        said = ("The register gives each risk a score or a rating but not its impact and likelihood, so no matrix is drawn; "
                f"the table below gives every risk. Bands: {summary.matrix.describe()}." if summary.scored else
                f"The register rates each risk {', '.join(summary.matrix.names)}, with no score, impact or likelihood, so no matrix "
                "is drawn; the table below gives every risk.")
        body += f"<p>{escape(said)}</p>"
    when = f", {period_label(p)}" if p is not None else ""
    title = f"{risks.attrs['register']}: risks before and after mitigation" if level else "Risks before and after mitigation"
    body += tables.risk_table(risks, summary, f"{title}{when}")
    return body
