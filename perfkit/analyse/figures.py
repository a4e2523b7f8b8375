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

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from perfkit.analyse.assess import assess_measures
from perfkit.analyse.attention import attention_list
from perfkit.core.errors import ConfigError
from perfkit.core.periods import parse_period, period_label
from perfkit.core.status import DEFAULT_SCALE, LEVEL_ARROWS, UP_ARROWS, UP_DOWN_ARROWS, StatusScale, scale_of
from perfkit.analyse.summarise import ALL, group_label, percent_half_up, percent_text, rag_summary
from perfkit.analyse.trends import direction_of_travel, rag_by_period, transitions
from perfkit.analyse.attention import NO_DUE_DATES, later_than_planned, overdue, overdue_day, overdue_rule
from perfkit.analyse.trends import item_key
from perfkit.read.kinds.service_plans import TREND_LOOKUP, word_key


def years_only(measures: pd.DataFrame | None, period) -> bool:
    """Whether every measure figure at ``period`` is a whole year's outturn (a service plan of annual figures).

    >>> m = pd.DataFrame({"period": pd.PeriodIndex(["2024Q4"], freq="Q-MAR"), "span": ["year"]})
    >>> years_only(m, m["period"].iloc[0]), years_only(None, None)
    (True, False)
    """
    if measures is None or "span" not in measures:
        return False
    now = measures.loc[measures["period"] == period, "span"]
    return bool(len(now)) and bool(now.astype(str).eq("year").all())


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
    def yearly(self) -> bool:
        """Whether the period's figures are whole years' outturns only (a service plan of annual figures, with no milestones
        or only their position at the year's end, as an annual self-assessment gives its steps): then the briefing speaks
        of the year (``2023/24``), never of its fourth quarter."""
        if "yearly" not in self.extra:
            ms = self.milestones
            year_end = ms is None or not len(ms) or (self.period.quarter == 4 and set(ms["period"].dropna().unique()) == {self.period})
            self.extra["yearly"] = year_end and years_only(self.measures, self.period)
        return self.extra["yearly"]

    @property
    def half_yearly(self) -> bool:
        """Whether the period's figures are half-years' only (``H1 2024/25 | H2 2024/25`` columns, and no milestones): then
        the briefing speaks of the half-year (``2024/25 H2``) and compares it with the half-year before, never of a quarter."""
        if "half_yearly" not in self.extra:
            ms, kp = self.milestones, self.measures
            spans = kp.loc[kp["period"] == self.period, "span"] if kp is not None and "span" in kp else pd.Series([], dtype=object)
            measures_half = bool(len(spans)) and bool(spans.astype(str).eq("half").all())
            # milestones rated in a half-year's column ('H1 2024/25 RAG'), beside no measures or half-years' figures
            milestones_half = ms is not None and period_label(self.period) in ms.attrs.get("half_years", ())
            self.extra["half_yearly"] = ((ms is None or not len(ms)) and measures_half
                                         or milestones_half and (kp is None or not len(kp) or measures_half))
        return self.extra["half_yearly"]

    @property
    def label(self) -> str:
        """The period as the briefing writes it: ``2024/25 Q2``, ``2024/25 H2`` for half-years' figures, or ``2023/24`` for
        a year's outturns."""
        return period_label(self.period, "year") if self.yearly else period_label(self.period, "half" if self.half_yearly else "quarter")

    earlier: pd.Period | None = None  # the milestones' latest period before this one, where it is not the quarter before

    @property
    def span(self) -> str:
        """What one of the periods the milestones are rated for is, in words: ``quarter``, or ``half-year`` for a plan
        rated in half-years' columns (a year's briefing rates its milestones at its fourth quarter)."""
        return "half-year" if self.half_yearly else "quarter"

    def period_text(self, period) -> str:
        """A period the milestones are compared at, as the briefing writes it: ``2024/25 Q1``, or ``2023/24 H2`` for
        half-years' (a year's briefing compares its milestones with the quarter before, so names quarters)."""
        return period_label(period, "half" if self.half_yearly else "quarter")

    @property
    def previous(self) -> pd.Period:
        """The period the milestones' changes are counted from: the quarter before, or for a plan reported at mid-year
        and year-end, the latest earlier period its workbook holds."""
        return self.earlier if self.earlier is not None else self.period - 1

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
            pos = milestone_position(self)  # due by the quarter's end and not complete, from the revised date where one is kept
            dated = not len(pos) or ("due_date" in pos and pos["due_date"].notna().any())  # none reported: none overdue
            doc["milestones"]["overdue"] = [str(i) for i in pos.loc[pos["overdue"], "milestone_id"]] if dated else None
            doc["milestones"]["overdue_rule"] = overdue_rule(self.period, overdue_day(self.milestones, self.period)) if dated else NO_DUE_DATES
            if "original_due_date" in pos:  # a tracker that keeps the date first set beside a revised or forecast one
                doc["milestones"]["later_than_planned"] = [str(i) for i in pos.loc[pos["later_than_planned"], "milestone_id"]]
        if self.measure_summary is not None:
            doc["measures"] = _summary_doc(self.measure_summary, self.scale)
            h = self.headline("measures")
            doc["measures"]["meeting_target"] = {"count": h["good"], "percent": h["percent"]}
            pos = measure_position(self)  # the services' own statuses stand; where the figures say otherwise, which
            if len(pos):  # the services' own statuses, or perfkit's from the figures
                rated = pos["status"].isin(self.scale.rated)
                own = pos["reported_status"].astype(str).isin(self.scale.rated) if "reported_status" in pos else rated & False
                doc["measures"]["rated_from"] = {"reported": int((rated & own).sum()), "figures": int((rated & ~own).sum())}
                if "target" in pos and not (rated & has_target(pos)).any():
                    # no rated measure has a target: each is as good as its service rated it, none "meeting its target"
                    doc["measures"]["meeting_target"] = None
            if len(pos):  # the direction of travel of the figures, as the brief says it (never the status changes below)
                mf = measure_facts(self)
                doc["measures"]["direction"] = {k: mf[k] for k in ("improving", "worsening", "no_change", "increasing", "decreasing",
                                                                   "not_compared")}
                # a measure with no figure this quarter (an annual one before its quarter, a suppressed '<5'): in no count
                # above, said, so that the counts add up to the measures
                doc["measures"]["direction"]["no_figure"] = int(pos["actual"].isna().sum()) if "actual" in pos else 0
            others = comparator_counts(self)
            if others:  # another area's figures beside the measures' own (England, a family group), counted by polarity
                doc["measures"]["compared_with"] = others
            said = service_direction(pos)
            if said:  # no figure to compare: the direction each service gives (a scorecard's 'Assessment' against its baseline)
                doc["measures"]["direction_from_service"] = said
            if len(pos) and "status_differs" in pos:
                doc["measures"]["differs_from_figures"] = [str(i) for i in pos.loc[pos["status_differs"].fillna(False).astype(bool), "measure_id"]]
        doc["changes"] = {}
        for kind, trans in (("milestones", self.milestone_changes), ("measures", self.measure_changes)):
            frame = self.milestones if kind == "milestones" else self.measures
            if frame is not None and "span" in frame:  # a year's outturn kept on its last quarter is no quarter to compare with
                frame = frame[frame["span"].astype(str).isin(["quarter", "", "nan", "None", *(["half"] if self.half_yearly else [])])]
            if trans is not None and frame is not None and not (frame["period"] == self.previous).any():
                # no figures for the quarter before (the earliest held, or a gap before it): nothing to compare with, as the
                # text says (never every item "new")
                doc["changes"][kind] = {"from": None, "to": self.label, **{str(c): 0 for c in trans["change"].cat.categories}}
            elif trans is not None:
                counts = trans["change"].value_counts()
                doc["changes"][kind] = {"from": period_label(self.previous, "half" if self.half_yearly else "quarter"), "to": self.label,
                                        **{str(c): int(counts.get(c, 0)) for c in trans["change"].cat.categories}}
                if kind == "measures" and (mixed := self._rated_by_perfkit_before(trans)):
                    # Q1 with figures but no status column, Q2 the service's own RAG: Q1's status is perfkit's, said
                    doc["changes"][kind]["rated_by_perfkit_before"] = mixed
                    doc["changes"][kind]["rated_by_perfkit_before_note"] = (
                        f"for these, the earlier status is perfkit's reading of the {doc['changes'][kind]['from']} figure against "
                        "its target (the service gave none then) and the later one is the service's own rating")
        return doc

    def _rated_by_perfkit_before(self, trans: pd.DataFrame) -> list[str]:
        """The measures compared in ``trans`` whose status in the quarter before is perfkit's (no rating of the service's
        then) while now it is the service's own: their change sets one reading beside another."""
        ms = self.measures
        if ms is None or "reported_status" not in ms or not len(trans):
            return []
        said = ms["reported_status"].astype(object).map(lambda v: str(v).strip() not in ("", "nan", "None", "<NA>")
                                                         if v is not None else False).to_numpy(dtype=bool)
        ids = ms["measure_id"].astype(str).to_numpy()
        before = set(ids[(ms["period"] == self.previous).to_numpy(dtype=bool) & ~said])
        now = set(ids[(ms["period"] == self.period).to_numpy(dtype=bool) & said])
        compared = trans.loc[trans["change"].isin(["improved", "declined", "unchanged"]), trans.columns[0]].astype(str)
        return [i for i in compared if i in before and i in now]


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


# Where the default grouping (priority) is not filled in, what the workbook groups by instead: a tab per directorate
# gives each row its directorate (perfkit.read.workbook_layouts).
DEFAULT_GROUPS = ("priority", "directorate", "objective", "service", "area")


# A column the reader kept as the workbook's own grouping that groups by default where nothing above does: its header
# names groups of work, as the plan's priorities would.
_OWN_GROUP = re.compile(r"^(?=.*[A-Z ])(?:.*\b)?(work ?streams?|programmes?|projects?|themes?|strands?|boards?|portfolios?|pillars?|"
                        r"missions?|blocks?|categor(?:y|ies)|localit(?:y|ies)|wards?|teams?|functions?|committees?|partnerships?|"
                        r"recs?|recommendations?|standards?)\b", re.I)


def own_grouping(frame: pd.DataFrame) -> str | None:
    """The workbook's own grouping column, kept under its header as written (perfkit.read.layout.grouping_columns), that
    names a grouping (``Workstream``, ``Project``, ``BVAR Rec``) and gives every row a group; None where there is none.

    Examples
    --------
    >>> own_grouping(pd.DataFrame({"BVAR Rec": ["Rec 1", "Rec 2"], "lead": ["A", "B"]}))
    'BVAR Rec'
    >>> own_grouping(pd.DataFrame({"Funding": ["Capital", "Revenue"]})) is None
    True
    """
    for col in frame.columns:
        if isinstance(col, str) and col not in DEFAULT_GROUPS and _OWN_GROUP.search(col):
            values = frame[col]
            if (values.dtype == object or pd.api.types.is_string_dtype(values)) and values.astype(str).str.strip().ne("").all():
                return col
    return None


def header_field(frame: pd.DataFrame, by):
    """The frame's column for a grouping named by the workbook's own header (``Service``, read as ``directorate``), or
    ``by`` as it is where the frame has that column or no header of that name.

    Examples
    --------
    >>> f = pd.DataFrame({"directorate": ["Place"]})
    >>> f.attrs["headers"] = {"service": "directorate"}
    >>> header_field(f, "Service"), header_field(f, "lead")
    ('directorate', 'lead')
    """
    if not isinstance(by, str) or by in frame:
        return by
    return frame.attrs.get("headers", {}).get(" ".join(by.lower().split()), by)


def grouping(frame: pd.DataFrame, by: str | None) -> str | None:
    """The column to group ``frame`` by: ``by`` where the frame has it; for the default, ``priority``, the first of
    :data:`DEFAULT_GROUPS` the frame fills in (none where it fills in none, never a group with no name), passing over a
    column that gives every item a group of its own; else the sheets, where the items came from several.

    Examples
    --------
    >>> grouping(pd.DataFrame({"priority": [None, ""], "directorate": ["Adults", "Place"]}), "priority")
    'directorate'
    >>> grouping(pd.DataFrame({"priority": ["Homes"]}), "lead") is None
    True
    >>> grouping(pd.DataFrame({"directorate": ["Place"], "objective": ["Economy"], "strategy": ["Skills"]}), "priority")
    'objective'

    >>> grouping(pd.DataFrame({"milestone_id": list("abcd"), "directorate": list("wxyz"), "source": ["Economy!A5", "Economy!A6",
    ...                        "Health!A5", "Health!A6"]}), "priority")
    'sheet'
    >>> grouping(pd.DataFrame({"milestone_id": list("abab"), "period": [1, 1, 2, 2], "source": ["Q1!A5", "Q1!A6", "Q2!A5", "Q2!A6"]}),
    ...          "priority") is None
    True
    """
    if by != "priority":
        by = header_field(frame, by)
        return by if by in frame or (by == "sheet" and "source" in frame) else None
    key = next((k for k in ("milestone_id", "measure_id", "action_id", "risk_id") if k in frame), None)
    items = frame[key].nunique() if key else 0

    def filled(col) -> pd.Series:  # the rows that give ``col`` (none where the frame has no such column)
        if col not in frame:
            return pd.Series(False, index=frame.index)
        return frame[col].notna() & frame[col].astype(str).str.strip().ne("")

    if not filled("priority").any() and filled("objective").any() and (filled("strategy").any() or filled("tactic").any()):
        return "objective"  # a plan laid out objective > strategy > tactic: its objectives group it, before any directorate
    for col in DEFAULT_GROUPS:
        given = filled(col)
        if given.any():
            if items >= 4 and frame.loc[given, col].nunique() >= items:  # a group of one for every item groups nothing
                continue
            return col
    own = own_grouping(frame)
    if own is not None:
        return own
    if "source" in frame:
        sheets = frame["source"].astype(str).str.rsplit("!", n=1).str[0]
        # A tab per priority or directorate, with no column that groups: the tabs do. A tab per quarter holds each
        # quarter's items on one sheet, which groups nothing.
        several = sheets.groupby(frame["period"], observed=True).nunique().max() if "period" in frame else sheets.nunique()
        if several > 1:
            return "sheet"
    return None


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
        The grouping for the per-group figures: ``priority`` by default, or where the workbook
        fills in no priority, its directorate, objective, service or area (:func:`grouping`);
        ``"sheet"`` groups by the sheet each item came from. ``Figures.by`` is the grouping used
        (None where there is none).
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
            available |= set(frame["period"].dropna().unique())  # each period once: never a Period per row
    if period is None:
        if not available:
            raise ConfigError("the workbook has no reported periods")
        period = max(available)
    p = parse_period(period)
    if by == "sheet":  # the sheet each item came from, as a column to group by
        milestones, measures = (with_sheet(f) if f is not None else None for f in (milestones, measures))
    if milestones is not None and "status" in milestones:
        scale = scale_of(milestones["status"], scale)  # a five-point tracker keeps its Amber/Red and Amber/Green items
    fig = Figures(period=p, by=by, scale=scale)
    # references perfkit made up for rows with none: the committee's tables leave them blank
    fig.extra["generated"] = frozenset(str(i) for f in (milestones, measures) if f is not None for i in f.attrs.get("generated_ids", ()))
    if p not in available:
        have = ", ".join(period_label(x) for x in sorted(available)) or "none"
        raise ConfigError(f"{period_label(p)} is not in the workbook; its periods are {have}", hint="Pass one of those with --period.")
    if milestones is not None and len(milestones):
        fig.milestones = milestones
        group = grouping(milestones, by)
        if group == "sheet" and "sheet" not in milestones:
            milestones = fig.milestones = with_sheet(milestones)
        fig.milestone_summary = rag_summary(milestones, p, by=group, method=method, scale=scale)
        fig.earlier = _earlier(milestones, p)
        fig.milestone_changes = transitions(milestones, fig.previous, p, scale=scale)
        year = [q for q in milestones["period"].dropna().unique() if q.qyear == p.qyear and q <= p]
        fig.milestone_mix = rag_by_period(milestones, sorted(year), scale=scale)
        fig.attention = attention_list(milestones, p, scale=scale)
    if measures is not None and len(measures):
        assessed = measures if "status" in measures else assess_measures(measures, scale=scale)
        fig.measures = assessed
        group = grouping(assessed, by)
        if group == "sheet" and "sheet" not in assessed:
            assessed = fig.measures = with_sheet(assessed)
        fig.measure_summary = rag_summary(assessed, p, by=group, method=method, scale=scale)
        before = _earlier(assessed, p)
        if fig.milestones is None:
            fig.earlier = before
        # A measure with quarterly figures is compared quarter with quarter: last year's outturn, standing at its fourth
        # quarter, is not the quarter before this year's first.
        yearly = outturn_rows(assessed)
        quarterly_ids = assessed.loc[~yearly, "measure_id"].unique()
        comparable = assessed[~(yearly & assessed["measure_id"].isin(quarterly_ids).to_numpy())]
        start = before if before is not None else p - 1
        held = assessed.loc[assessed["period"] < start, "measure_id"].unique()  # last year's outturn too: no measure new
        if "status" in assessed:  # an annual measure Not due now, with no row before: not yet reported, never new
            due_later = assessed.loc[(assessed["period"] == p) & (assessed["status"].astype(str) == "Not due"), "measure_id"].unique()
            held = np.union1d(np.asarray(held, dtype=object).astype(str), np.asarray(due_later, dtype=object).astype(str))
        fig.measure_changes = transitions(comparable, start, p, scale=scale, known=held)
        # "Direction of travel compares this quarter with the same quarter last year": as the sheet says
        fig.direction = direction_of_travel(comparable, p, against=assessed.attrs.get("direction_against", "previous"))
    fig.by = next((s.columns[0] for s in (fig.milestone_summary, fig.measure_summary)
                   if s is not None and s.columns[0] != "group"), None)  # what the figures are grouped by, as used
    return fig


def _earlier(frame: pd.DataFrame, p: pd.Period) -> pd.Period | None:
    """The period to count changes from where it is not the quarter before: a plan reported at mid-year and year-end
    (Q2 against Q4), or one reported once a year (Q4 against last year's Q4). None where the quarter before is held."""
    held = sorted(q for q in frame["period"].dropna().unique() if q < p)
    if not held or held[-1] == p - 1 or held[-1] < p - 4:
        return None
    # the half-year before only at a half-year's end (Q2, Q4): at Q1, last year's Q3 (a tab's same quarter last year) is
    # no period this one follows;
    # last year's at the year's end (a plan reported once a year); never a tab's same quarter last year at Q1, Q2 or Q3
    return held[-1] if held[-1] == p - 4 and p.quarter == 4 or held[-1] == p - 2 and p.quarter in (2, 4) else None


def with_sheet(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``sheet`` column (the sheet of each row's ``source`` cell), for figures by sheet; a new frame.

    Examples
    --------
    >>> with_sheet(pd.DataFrame({"source": ["Adults!A5", "'Place 2'!B7"]}))["sheet"].tolist()
    ['Adults', 'Place 2']
    """
    if "sheet" in frame or "source" not in frame:
        return frame
    sheet = frame["source"].astype(str).str.rsplit("!", n=1).str[0].str.strip("'").str.replace("''", "'")
    return frame.assign(sheet=sheet)


def outturn_rows(frame: pd.DataFrame) -> np.ndarray:
    """Which rows are a year's or half-year's own figure (``span`` ``year`` or ``half``), standing at the period that
    span ends beside the quarters' own figures; all False for a frame with no ``span``.

    Examples
    --------
    >>> outturn_rows(pd.DataFrame({"span": ["quarter", "year", "half"]})).tolist(), outturn_rows(pd.DataFrame({"x": [1]})).tolist()
    ([False, True, True], [False])
    """
    if "span" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return frame["span"].astype(str).isin(["year", "half"]).to_numpy()


def _last_year_q4(p: pd.Period) -> pd.Period:
    """Quarter 4 of the financial year before ``p``'s: where last year's outturn sits."""
    return pd.Period(year=p.qyear - 1, quarter=4, freq=p.freq)


def measure_position(fig: Figures) -> pd.DataFrame:
    """Each measure this quarter beside its earlier figures: the rows of the measures table, the narrative and the appendix.

    One row per measure reported in ``fig.period`` (workbook order), with ``last_quarter``
    (the actual in the previous quarter), ``last_year`` (the same quarter last year),
    ``outturn`` (last year's outturn where the workbook gives it, or a year-to-date measure's fourth
    quarter; left empty when this quarter is itself a fourth quarter, as it would repeat ``last_year``), ``direction`` (from
    ``fig.direction``: against the previous quarter, annual measures against last year) and
    ``arrow`` (the way the actual moved: up, down or level). Computed once per ``Figures``.

    Examples
    --------
    >>> pos = measure_position(fig)  # doctest: +SKIP
    >>> pos[["measure_id", "actual", "last_quarter", "direction"]].head(2)  # doctest: +SKIP
    """
    if "measure_position" in fig.extra:
        return fig.extra["measure_position"]
    kp = fig.measures
    if kp is None:
        return pd.DataFrame()
    p = fig.period
    # A year's outturn stands at its fourth quarter beside that quarter's own figure: the two are kept apart.
    yearly = outturn_rows(kp)
    quarterly = kp[~yearly]
    now = quarterly[quarterly["period"] == p].drop_duplicates("measure_id").reset_index(drop=True)
    if now.empty:  # a year's or half-year's figures only (a service plan's outturns)
        now = kp[kp["period"] == p].drop_duplicates("measure_id").reset_index(drop=True)

    def lookup_of(rows: pd.DataFrame) -> pd.Series:
        return rows.drop_duplicates(["measure_id", "period"]).set_index(["measure_id", "period"])["actual"]

    def actual_at(lookup: pd.Series, q: pd.Period):
        keys = pd.MultiIndex.from_arrays([now["measure_id"].to_numpy(), pd.PeriodIndex.from_ordinals(np.full(len(now), q.ordinal), freq=p.freq)])
        return lookup.reindex(keys).to_numpy(dtype=float)

    by_quarter = lookup_of(quarterly)  # built once, read at three periods
    out = now.copy()
    # half-years' figures: the half-year before stands where a quarter's would (the table heads it so)
    out["last_quarter"] = actual_at(lookup_of(kp), p - 2) if fig.half_yearly else actual_at(by_quarter, p - 1)
    out["last_year"] = actual_at(by_quarter, p - 4)
    if "missing_reason" in quarterly:  # why the quarter before has no figure ('<5' suppressed), shown in its place
        reasons = quarterly.drop_duplicates(["measure_id", "period"]).set_index(["measure_id", "period"])["missing_reason"]
        keys = pd.MultiIndex.from_arrays([now["measure_id"].to_numpy(), pd.PeriodIndex.from_ordinals(np.full(len(now), (p - 1).ordinal), freq=p.freq)])
        out["last_quarter_reason"] = reasons.reindex(keys).fillna("").to_numpy()
    # Last year's outturn: the year's own figure where the workbook gives one (never the fourth quarter's figure
    # beside it); else, for a year-to-date measure, its fourth quarter's figure, which is the year's. A quarter's own
    # figure (complaints in January to March) is not the year's, so other measures have none.
    outturn = actual_at(lookup_of(kp[yearly]), _last_year_q4(p))
    if "cumulative" in out:
        ytd = out["cumulative"].fillna(False).astype(bool).to_numpy()
        outturn = np.where(np.isnan(outturn) & ytd, actual_at(by_quarter, _last_year_q4(p)), outturn)
    out["outturn"] = outturn if p.quarter != 4 else float("nan")
    if fig.direction is not None and len(fig.direction):
        d = fig.direction.drop_duplicates("measure_id").set_index("measure_id")
        out["direction"] = d["direction"].reindex(out["measure_id"]).fillna("Not comparable").to_numpy()
        change = d["change"].reindex(out["measure_id"]).to_numpy(dtype=float)
        out["compared_with"] = d["compared_with"].reindex(out["measure_id"]).to_numpy()
        out["basis"] = d["basis"].reindex(out["measure_id"]).to_numpy() if "basis" in d else "previous quarter"
    else:
        out["direction"] = "Not comparable"
        change = np.full(len(out), np.nan)
        out["compared_with"] = None
        out["basis"] = None
    arrow = pd.Series("", index=out.index)
    arrow[change > 0] = "up"
    arrow[change < 0] = "down"
    arrow[out["direction"] == "No change"] = "level"
    out["arrow"] = arrow
    if "status_differs" not in out:
        out["status_differs"] = False
    fig.extra["measure_position"] = out
    return out


def milestone_position(fig: Figures) -> pd.DataFrame:
    """Each milestone this quarter with last quarter's status and whether it is overdue: the full milestone list.

    One row per milestone reported in ``fig.period``, sorted by priority (in the
    workbook's order), then any ``objective``/``strategy``/``tactic`` levels, then the
    workbook's order; ``last_status`` is the status in the previous quarter (empty when
    not reported then) and ``overdue`` as in :func:`perfkit.analyse.attention.overdue`.
    Computed once per ``Figures``.

    Examples
    --------
    >>> milestone_position(fig)[["milestone_id", "status", "last_status"]].head(2)  # doctest: +SKIP
    """
    if "milestone_position" in fig.extra:
        return fig.extra["milestone_position"]

    ms = fig.milestones
    if ms is None:
        return pd.DataFrame()
    key = item_key(ms)
    now = ms[ms["period"] == fig.period].drop_duplicates(key).reset_index(drop=True)
    before = ms.loc[ms["period"] == fig.previous, [key, "status"]].drop_duplicates(key).set_index(key)["status"]
    out = now.copy()
    out["last_status"] = pd.Categorical(before.reindex(out[key]).astype(object).to_numpy(), dtype=fig.scale.dtype)
    out["overdue"] = overdue(out, fig.period, fig.scale, overdue_day(ms, fig.period)).to_numpy()
    out["later_than_planned"] = later_than_planned(out, fig.scale).to_numpy()
    if fig.milestone_changes is not None:
        change = fig.milestone_changes.drop_duplicates(key).set_index(key)["change"]
        out["change"] = change.reindex(out[key]).astype(object).to_numpy()
    else:
        out["change"] = None
    order = ["priority"] + [c for c in ("objective", "strategy", "tactic") if c in out]
    order = [c for c in order if c in out]
    if order:
        ranks = {c: pd.Series(pd.factorize(out[c].fillna(""))[0], index=out.index) for c in order}
        out = out.assign(**{f"_o{i}": ranks[c] for i, c in enumerate(order)}, _row=range(len(out)))
        out = out.sort_values([f"_o{i}" for i in range(len(order))] + ["_row"], kind="stable")
        out = out.drop(columns=[f"_o{i}" for i in range(len(order))] + ["_row"]).reset_index(drop=True)
    fig.extra["milestone_position"] = out
    return out


def shortfall(pos: pd.DataFrame) -> np.ndarray:
    """How far each measure is from its target, as a share of the target (positive: short of it). A target range
    (``68% - 72%``) counts from its nearer end: for higher is better, its low end; for lower, its high end; with no way
    better, the end it is outside (and nothing inside it)."""
    target = pos["target"].to_numpy(dtype=float)
    actual = pos["actual"].to_numpy(dtype=float)
    polarity = pos["polarity"].astype(object).to_numpy()
    gap = np.where(polarity == "lower", actual - target, target - actual)
    base = target
    if "target_low" in pos and "target_high" in pos:
        low, high = pos["target_low"].to_numpy(dtype=float), pos["target_high"].to_numpy(dtype=float)
        ranged = np.isnan(target) & ~np.isnan(low) & ~np.isnan(high)
        if ranged.any():
            with np.errstate(invalid="ignore"):
                either = np.where(actual < low, low - actual, np.where(actual > high, actual - high, 0.0))
            range_gap = np.where(polarity == "higher", low - actual, np.where(polarity == "lower", actual - high, either))
            gap = np.where(ranged, range_gap, gap)
            base = np.where(ranged, np.where((polarity == "lower") | (actual > high), high, low), target)
    with np.errstate(divide="ignore", invalid="ignore"):
        return gap / np.where(np.abs(base) > 0, np.abs(base), 1.0)


def priority_facts(fig: Figures) -> dict:
    """Per priority, the facts its paragraph states, counted here once (the narrative only words them).

    Returns ``{priority: {...}}`` in the summary's order, each with ``total``, ``rated``,
    ``good``, ``percent_text``, ``counts`` (status: count), ``improved`` and ``declined``
    (rows of :func:`milestone_position`), ``red`` (rows), ``overdue`` (count) and, where the
    measures have priorities, ``measures`` (rated, met, and ``worst``: the row furthest
    from target among those missing it, or None).
    """
    if "priority_facts" in fig.extra:
        return fig.extra["priority_facts"]
    s = fig.milestone_summary
    out: dict = {}
    if s is None or s.columns[0] == "group":
        fig.extra["priority_facts"] = out
        return out
    col = s.columns[0]
    pos = milestone_position(fig)
    good_names = set(fig.scale.good)
    mpos = measure_position(fig) if fig.measures is not None else None
    ms_by = dict(tuple(pos.groupby(col, sort=False))) if col in pos else {}
    kp_by = dict(tuple(mpos.groupby(col, sort=False))) if mpos is not None and col in mpos else {}
    for name, g in s[s[col] != ALL].groupby(col, sort=False):
        total, base = int(g["total"].iloc[0]), int(g["base"].iloc[0])
        good = int(g.loc[g["status"].isin(good_names), "count"].sum())
        pct = percent_half_up(good, base) if base else None
        rows = ms_by.get(name, pos.iloc[:0])
        facts = {
            "total": total, "rated": base, "good": good,
            "percent_text": percent_text(good, int(pct), base) if base else "",
            "counts": {str(r.status): int(r.count) for r in g.itertuples() if r.count},
            "improved": rows[rows["change"] == "improved"],
            "declined": rows[rows["change"] == "declined"],
            "red": rows[rows["status"].astype(object) == "Red"],
            "overdue": int(rows["overdue"].sum()),
        }
        if name in kp_by:
            facts["measures"] = _group_measure_facts(fig, kp_by[name])
        out[str(name)] = facts
    for name, k in kp_by.items():  # a group that only measures are in (a lead with KPIs and no milestones) has its say too
        if str(name) not in out and str(name).strip() and name != ALL:
            none = pos.iloc[:0]
            out[str(name)] = {"total": 0, "rated": 0, "good": 0, "percent_text": "", "counts": {}, "improved": none,
                              "declined": none, "red": none, "overdue": 0, "measures": _group_measure_facts(fig, k)}
    fig.extra["priority_facts"] = out
    return out


def has_target(frame: pd.DataFrame) -> pd.Series:
    """Whether each measure's row has a target: a figure, or a range's bound ('85-90%', read as 85 to 90).

    Examples
    --------
    >>> has_target(pd.DataFrame({"target": [1.0, None, None], "target_low": [None, 85.0, None]})).tolist()
    [True, True, False]
    """
    out = frame["target"].notna() if "target" in frame else pd.Series(False, index=frame.index)
    for bound in ("target_low", "target_high"):
        if bound in frame:
            out = out | frame[bound].notna()
    return out


def _group_measure_facts(fig: Figures, k: pd.DataFrame) -> dict:
    """A group's measures: how many are rated and met, and the one furthest short of target (None if none is short)."""
    status = k["status"].astype(object)
    rated = status.isin(fig.scale.rated)
    met = status.isin(fig.scale.good)
    return {"rated": int(rated.sum()), "met": int(met.sum()), "worst": furthest_short(k[rated & ~met]),
            "no_figure": int((status == "No data").sum()), "no_target": int((rated & ~has_target(k)).sum())}


def furthest_short(missing: pd.DataFrame):
    """Of measures missing their target, the one furthest short of it, as a share of the target; None where none has a
    target and a figure to measure it by (a service's own Red with no target is short of nothing perfkit can state)."""
    if not len(missing):
        return None
    gap = shortfall(missing)
    if not np.isfinite(gap).any():
        return None
    return missing.iloc[int(np.argmax(np.where(np.isfinite(gap), gap, -np.inf)))]


def against_last_year(pos: pd.DataFrame) -> bool:
    """Whether every measure whose direction is given is compared with the same quarter last year (a scorecard of rolling
    years, or of years to date): the narrative and the table then say that quarter, never the quarter before.

    Examples
    --------
    >>> against_last_year(pd.DataFrame({"direction": ["Improving", "Not comparable"], "basis": ["same quarter last year", ""]}))
    True
    """
    if "basis" not in pos or "direction" not in pos:
        return False
    return set(pos.loc[pos["direction"] != "Not comparable", "basis"].dropna()) == {"same quarter last year"}


def measure_facts(fig: Figures) -> dict:
    """Across all measures: the one furthest short of target (``worst``) and the one furthest ahead of it (``best``), and
    how many improved and worsened since last quarter (and rose or fell, with no better direction), for the narrative
    (None when there is no such measure); ``no_target`` counts those rated by the service's own status with no target,
    ``no_figure`` those with a target rated by it with no figure (``no_figure_good`` those of them it rated good);
    ``bases`` counts what the compared ones were compared with (``previous quarter``, ``same quarter last year``,
    ``profile``...) and ``not_compared`` those with no earlier figure."""
    if fig.measures is None:
        return {}
    pos = measure_position(fig)
    status = pos["status"].astype(object)
    rated = status.isin(fig.scale.rated)
    worst = furthest_short(pos[rated & ~status.isin(fig.scale.good)])
    ahead = pos[status.isin(fig.scale.good) & pos["target"].notna()]
    best = None
    if len(ahead):
        gap = shortfall(ahead)
        if np.isfinite(gap).any() and np.nanmin(gap) < 0:
            best = ahead.iloc[int(np.nanargmin(np.where(np.isfinite(gap), gap, np.inf)))]
    d = pos["direction"].value_counts()
    compared = pos[pos["direction"] != "Not comparable"]
    bases = compared["basis"].value_counts().to_dict() if "basis" in compared else {}
    return {"worst": worst, "best": best, "improving": int(d.get("Improving", 0)), "worsening": int(d.get("Worsening", 0)),
            "no_change": int(d.get("No change", 0)), "increasing": int(d.get("Increasing", 0)), "decreasing": int(d.get("Decreasing", 0)),
            "no_target": int((rated & ~has_target(pos)).sum()),
            # rated by the service's own status with a target but no figure (suppressed, '<5'): not 'with a figure'
            "no_figure": int((rated & has_target(pos) & pos["actual"].isna()).sum()) if "actual" in pos else 0,
            # and of those, the ones it rated good: counted among the good, never said to meet a target no figure shows
            "no_figure_good": int((status.isin(fig.scale.good) & has_target(pos) & pos["actual"].isna()).sum()) if "actual" in pos else 0,
            "compared": int(d.drop(labels=["Not comparable"], errors="ignore").sum()),
            # with a figure now but none earlier: a measure with no figure this quarter is said as such elsewhere
            "not_compared": int(((pos["direction"] == "Not comparable") & pos["actual"].notna()).sum()),
            # of those, year-to-date figures with a quarter before but no year before or profile: never "no earlier figure"
            "not_compared_to_date": int(((pos["direction"] == "Not comparable") & pos["actual"].notna() & pos["last_quarter"].notna()
                                         & pos["cumulative"].fillna(False).astype(bool)).sum()) if "cumulative" in pos else 0,
            "bases": {str(k): int(v) for k, v in bases.items()},
            # amber by the service's word where its figures are not within the tolerance: never 'short by no more than it'
            "amber_beyond": int(((status == "Amber") & pos["target"].notna()
                                 & pos["computed_status"].astype(object).isin(["Red", "Green"])).sum()) if "computed_status" in pos else 0,
            "service_direction": service_direction(pos)}


def comparator_counts(fig: Figures) -> dict[str, dict[str, int]]:
    """For each comparator the workbook sets beside the measures (``England 2023-24``): how many measures' figures this
    period are ``better``, ``worse`` or ``same`` as it, by their polarity, and how many have both figures but no polarity
    (``no_polarity``); measures missing either figure are not counted.

    Examples
    --------
    >>> kp = pd.DataFrame({"measure_id": ["A", "B"], "period": pd.PeriodIndex(["2024Q1"] * 2, freq="Q-MAR"),
    ...                    "actual": [5.0, 3.0], "polarity": ["higher", "lower"], "England": [4.0, 2.0]})
    >>> kp.attrs["comparators"] = ["England"]
    >>> comparator_counts(Figures(pd.Period("2024Q1", "Q-MAR"), None, DEFAULT_SCALE, measures=kp))
    {'England': {'better': 1, 'worse': 1, 'same': 0, 'no_polarity': 0}}
    """
    kp = fig.measures
    attrs = getattr(kp, "attrs", None) or {}
    names = attrs.get("comparators") or []
    if kp is None or not names or "actual" not in kp:
        return {}
    words = attrs.get("comparator_words") or {}
    now = kp[kp["period"] == fig.period]
    mine = now["actual"].to_numpy(dtype=float)
    pol = now["polarity"].astype(str).to_numpy() if "polarity" in now else np.full(len(now), "")
    out = {}
    for name in names:
        said = words.get(name)
        if name not in now and said not in now:
            continue
        theirs = now[name].to_numpy(dtype=float) if name in now else np.full(len(now), np.nan)
        both = ~np.isnan(mine) & ~np.isnan(theirs)
        higher, lower = both & (pol == "higher"), both & (pol == "lower")
        better = (higher & (mine > theirs)) | (lower & (mine < theirs))
        worse = (higher & (mine < theirs)) | (lower & (mine > theirs))
        same = (higher | lower) & (mine == theirs)
        unjudged = both & ~higher & ~lower
        judged = np.zeros(len(now), dtype=bool)
        if said in now:
            # the sheet's own judgement ('Compared with England': Worse, Similar) is the one counted where it gives one (a
            # publisher's is a statistical test, which a bare comparison of the figures is not); 'Higher' or 'Lower' is
            # better or worse by the measure's polarity
            w = now[said].astype(object).fillna("").astype(str).to_numpy()
            up, down = w == "higher", w == "lower"
            j_better = (w == "better") | (up & (pol == "higher")) | (down & (pol == "lower"))
            j_worse = (w == "worse") | (up & (pol == "lower")) | (down & (pol == "higher"))
            j_same = w == "same"
            judged = j_better | j_worse | j_same | up | down
            better = np.where(judged, j_better, better)
            worse = np.where(judged, j_worse, worse)
            same = np.where(judged, j_same, same)
            unjudged = np.where(judged, (up | down) & ~j_better & ~j_worse, unjudged)
        out[name] = {"better": int(better.sum()), "worse": int(worse.sum()), "same": int(same.sum()),
                     "no_polarity": int(unjudged.sum())}
        if judged.any():
            out[name]["as_the_sheet_judges"] = int(judged.sum())
    return out




def arrow_meaning(pos: pd.DataFrame) -> str | None:
    """What the services' up and down arrows mean, as the measures whose figures can be compared show it: ``"better"``
    (``↑`` beside every figure that improved, whichever way it moved), ``"rise"`` (``↑`` beside every figure that rose,
    whether that is better or worse), or None where the sheet shows neither (no such measure, or both readings fit every
    one: only higher-is-better measures). A district's '↑' beside days to clear a fly-tip falling from 2.5 to 2.4 is an
    improvement, never a rise read as worse.

    Examples
    --------
    >>> pos = pd.DataFrame({"direction": ["Improving", "Worsening", "Not comparable"], "reported_trend": ["↑", "↓", "↑"],
    ...                     "polarity": ["lower", "lower", "lower"]})
    >>> arrow_meaning(pos)
    'better'
    """
    if "reported_trend" not in pos or "polarity" not in pos:
        return None
    better = rise = n = 0
    for d, w, way in zip(pos["direction"], pos["reported_trend"], pos["polarity"].astype(str)):
        w = str(w).strip()
        if w not in UP_DOWN_ARROWS or d not in ("Improving", "Worsening") or way not in ("higher", "lower"):
            continue
        up = w in UP_ARROWS
        n += 1
        better += up == (d == "Improving")
        rise += up == ((d == "Improving") == (way == "higher"))
    # every measure read one way, and one at least (lower is better) that the other way reads otherwise
    if n and better == n and rise < n:
        return "better"
    if n and rise == n and better < n:
        return "rise"
    return None


def service_direction(pos: pd.DataFrame) -> dict:
    """The services' own direction words (``Improving``, ``Stable``, ``Deteriorating``) of the measures whose figures
    cannot be compared (each of its own period, or no earlier figure) or have no polarity to judge a rise by: how many
    say each, as Improving, No change and Worsening; ``{}`` where there are none. A scorecard judged against its
    baseline is quoted by these.

    Examples
    --------
    >>> pos = pd.DataFrame({"direction": ["Not comparable"] * 3 + ["Improving"],
    ...                     "reported_trend": ["Improving", "Stable", "Insufficient data", "Worsening"]})
    >>> service_direction(pos)
    {'Improving': 1, 'No change': 1}
    >>> pos = pd.DataFrame({"direction": ["Improving", "Improving"] + ["Not comparable"] * 3,
    ...                     "reported_trend": ["↑", "↑", "↑", "↑", "↓"], "polarity": ["lower", "higher", "higher", "lower", "lower"]})
    >>> service_direction(pos)  # '↑' beside an improvement whichever way it moved: each arrow an improvement or not
    {'Improving': 2, 'Worsening': 1}
    >>> service_direction(pos.assign(direction="Not comparable"))  # nothing shows what '↑' means: not counted
    {}
    """
    if "reported_trend" not in pos or not len(pos):
        return {}
    # where the figures cannot be compared, or rose or fell with no polarity to say which is better (a police scorecard
    # with no targets): the services' words are the only judgement of direction
    unjudged = pos["direction"].isin(["Not comparable", "Increasing", "Decreasing"]).to_numpy()
    if "polarity" in pos:  # a figure unchanged with no polarity: the service's 'Maintaining' is its only judgement too
        unjudged = unjudged | ((pos["direction"] == "No change") & ~pos["polarity"].astype(str).isin(["higher", "lower", "range"])).to_numpy()
    words = pos.loc[unjudged, "reported_trend"]
    ways = pos.loc[unjudged, "polarity"].astype(str) if "polarity" in pos else pd.Series("", index=words.index)
    arrows = arrow_meaning(pos)
    said = []
    for w, way in zip(words, ways):
        if not isinstance(w, str) or not w.strip():
            continue
        d = TREND_LOOKUP.get(word_key(w))
        if w.strip() in UP_DOWN_ARROWS:
            if arrows is None:
                continue  # '↑' may be a rise or an improvement, and nothing says which: not counted (nor its '↔')
            if arrows == "rise" and way in ("higher", "lower"):  # a rise, judged by the measure's polarity
                d = "Improving" if (d == "Increasing") == (way == "higher") else "Worsening"
            elif arrows == "better":
                d = "Improving" if d == "Increasing" else "Worsening"
        elif arrows is None and w.strip() in LEVEL_ARROWS and any(str(x).strip() in UP_DOWN_ARROWS for x in words):
            continue
        said.append(d)
    return {d: said.count(d) for d in ("Improving", "No change", "Worsening") if said.count(d)}


def status_streaks(fig: Figures, statuses=("Amber",)) -> pd.DataFrame:
    """Milestones in the given statuses this quarter, longest-held first, with their lead officer: who to ask about what.

    Columns: lead, the id, title, priority, status, quarters (in a row, including this
    one), since (the first quarter of the run) and overdue; from ``fig.attention``, so the
    numbers are the attention list's.

    Examples
    --------
    >>> status_streaks(fig).head()  # doctest: +SKIP
    """
    a = fig.attention
    if a is None:
        return pd.DataFrame()
    rows = a[a["status"].astype(object).isin(list(statuses))]
    cols = [c for c in a.columns if c not in ("commentary", "source", "due_date", "quarters_in_status")]
    out = rows.assign(quarters=rows["quarters_in_status"])[[*cols[:5], "quarters", *cols[5:]]]
    return out.sort_values(["quarters", "lead"], ascending=[False, True], kind="stable").reset_index(drop=True)
