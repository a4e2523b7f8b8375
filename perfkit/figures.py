"""The quarter's figures, computed once: every table, chart, sentence and JSON number reads from here.

:func:`quarter_figures` runs the analysis (assessment, summaries, transitions,
direction of travel, the attention list) for one period and keeps the frames in
a :class:`Figures`. The CLI's ``summary --json``, the narrative, the tables and
the charts all take a ``Figures``, so no number is computed twice.

Examples
--------
>>> import perfkit
>>> frames = perfkit.read_workbook("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")  # doctest: +SKIP
>>> fig.to_dict()["milestones"]["progressing_well"]  # doctest: +SKIP
{'count': 30, 'percent': 79}
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .assess import assess_measures
from .attention import attention_list
from .errors import ConfigError
from .periods import parse_period, period_label
from .status import DEFAULT_SCALE, StatusScale
from .summarise import ALL, group_label, percent_half_up, percent_text, rag_summary
from .trends import direction_of_travel, rag_by_period, transitions


@dataclass
class Figures:
    """Everything a quarterly briefing quotes, for one period."""

    period: pd.Period
    by: str | None
    scale: StatusScale
    milestones: pd.DataFrame | None = None
    measures: pd.DataFrame | None = None  # assessed: has a computed status
    milestone_summary: pd.DataFrame | None = None
    measure_summary: pd.DataFrame | None = None
    milestone_changes: pd.DataFrame | None = None
    measure_changes: pd.DataFrame | None = None
    milestone_mix: pd.DataFrame | None = None  # RAG mix per quarter of the year
    direction: pd.DataFrame | None = None
    attention: pd.DataFrame | None = None
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def previous(self) -> pd.Period:
        return self.period - 1

    def headline(self, kind: str) -> dict:
        """Total, rated and good (progressing well / meeting target) counts with the percentage, for one kind."""
        summary = self.milestone_summary if kind == "milestones" else self.measure_summary
        if summary is None:
            return {}
        overall = summary[summary.iloc[:, 0] == ALL]
        good = int(overall.loc[overall["status"].isin(self.scale.good), "count"].sum())
        base = int(overall["base"].iloc[0])
        pct = int(percent_half_up(good, base)) if base else None
        return {"total": int(overall["total"].iloc[0]), "rated": base, "good": good, "percent": pct,
                "percent_text": percent_text(good, pct, base) if pct is not None else ""}

    def to_dict(self) -> dict:
        """The stable JSON document of ``perfkit summary --json`` (see README)."""
        doc: dict = {"period": self.label}
        if self.milestone_summary is not None:
            doc["milestones"] = _summary_doc(self.milestone_summary, self.scale)
            h = self.headline("milestones")
            doc["milestones"]["progressing_well"] = {"count": h["good"], "percent": h["percent"]}
        if self.measure_summary is not None:
            doc["measures"] = _summary_doc(self.measure_summary, self.scale)
            h = self.headline("measures")
            doc["measures"]["meeting_target"] = {"count": h["good"], "percent": h["percent"]}
        doc["changes"] = {}
        for kind, trans in (("milestones", self.milestone_changes), ("measures", self.measure_changes)):
            if trans is not None:
                counts = trans["change"].value_counts()
                doc["changes"][kind] = {"from": period_label(self.previous), "to": self.label,
                                        **{str(c): int(counts.get(c, 0)) for c in trans["change"].cat.categories}}
        return doc


def _summary_doc(summary: pd.DataFrame, scale: StatusScale) -> dict:
    group_col = summary.columns[0]

    def block(g: pd.DataFrame) -> dict:
        return {
            "total": int(g["total"].iloc[0]),
            "rated": int(g["base"].iloc[0]),
            "by_status": {str(r.status): {"count": int(r.count), "percent": None if pd.isna(r.percent) else int(r.percent)} for r in g.itertuples()},
        }

    doc = block(summary[summary[group_col] == ALL])
    doc["groups"] = {group_label(k): block(g) for k, g in summary[summary[group_col] != ALL].groupby(group_col, sort=False)}
    return doc


def quarter_figures(
    milestones: pd.DataFrame | None,
    measures: pd.DataFrame | None,
    period,
    by: str | None = "priority",
    *,
    method: str = "half_up",
    scale: StatusScale = DEFAULT_SCALE,
) -> Figures:
    """Compute the quarter's figures once, for every table, chart and sentence that quotes them.

    Parameters
    ----------
    milestones, measures : pandas.DataFrame or None
        Tidy frames from the readers; either may be None.
    period : str or pandas.Period, optional
        The quarter being reported; by default the latest in the data.
    by : str, optional
        The grouping for the per-group figures (``priority`` by default).
    method : {"half_up", "largest_remainder"}
        Percentage rounding, as in :func:`perfkit.rag_summary`.

    Raises
    ------
    ConfigError
        When the period is not in the data, naming the periods that are.
    """
    available = set()
    for frame in (milestones, measures):
        if frame is not None:
            available |= set(frame["period"].dropna())
    if period is None:
        if not available:
            raise ConfigError("the workbook has no reported periods")
        period = max(available)
    p = parse_period(period)
    fig = Figures(period=p, by=by, scale=scale)
    if p not in available:
        have = ", ".join(period_label(x) for x in sorted(available)) or "none"
        raise ConfigError(f"{period_label(p)} is not in the workbook; its periods are {have}", hint="Pass one of those with --period.")
    if milestones is not None and len(milestones):
        fig.milestones = milestones
        group = by if by in milestones else None
        fig.milestone_summary = rag_summary(milestones, p, by=group, method=method, scale=scale)
        fig.milestone_changes = transitions(milestones, p - 1, p, scale=scale)
        year = [q for q in milestones["period"].dropna().unique() if q.qyear == p.qyear and q <= p]
        fig.milestone_mix = rag_by_period(milestones, sorted(year), scale=scale)
        fig.attention = attention_list(milestones, p, scale=scale)
    if measures is not None and len(measures):
        assessed = measures if "status" in measures else assess_measures(measures, scale=scale)
        fig.measures = assessed
        group = by if by in assessed else None
        fig.measure_summary = rag_summary(assessed, p, by=group, method=method, scale=scale)
        fig.measure_changes = transitions(assessed, p - 1, p, scale=scale)
        fig.direction = direction_of_travel(assessed, p)
    return fig
