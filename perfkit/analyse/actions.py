"""Action plans analysed: progress by group, overdue and completed actions, and movement between periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from perfkit.core.errors import ConfigError
from perfkit.core.periods import parse_span
from perfkit.core.status import StatusScale
from perfkit.read.kinds.actions import ACTION_SCALE, MARKED_LATE, period_text
from perfkit.core.status import DEFAULT_SCALE, FIVE_POINT_SCALE
from perfkit.analyse.summarise import filled_in, golden_thread
from perfkit.analyse.figures import own_grouping
from perfkit.analyse.attention import NO_DUE_DATES, later_than_planned, overdue_day, overdue_rule


def scale_of(actions: pd.DataFrame) -> StatusScale:
    """The status scale an actions frame was read with, from its ``status`` column's categories."""
    cats = list(actions["status"].cat.categories) if isinstance(actions["status"].dtype, pd.CategoricalDtype) else []
    if cats == ACTION_SCALE.names or not cats:
        return ACTION_SCALE

    for scale in (DEFAULT_SCALE, FIVE_POINT_SCALE):
        if cats == scale.names:
            return scale
    return ACTION_SCALE


def cadence_of(actions: pd.DataFrame) -> str:
    """``"half"`` when the plan is monitored six-monthly, else ``"quarter"``."""
    if "cadence" in actions and len(actions):
        return "half" if (actions["cadence"] == "half").all() else "quarter"
    return actions.attrs.get("cadence", "quarter")


def pick_period(actions: pd.DataFrame, period) -> pd.Period:
    """The period to report: as asked (a quarter within a half-year plan is that half), else the plan's latest."""
    have = sorted(actions["period"].dropna().unique())
    if not have:
        raise ConfigError("the action plan has no reported periods")
    if period is None:
        return have[-1]
    span = parse_span(period)
    p = span.end
    if p not in have:
        cad = cadence_of(actions)
        listed = ", ".join(period_text(x, cad) for x in have)
        if cad == "half" and span.kind == "quarter":  # Q1 of a plan reported at September and March: not one of its points
            raise ConfigError(
                f"{period_text(p)} is not a period of the action plan: it is reported six-monthly, at {listed}",
                hint=f"Pass one of those with --period, e.g. --period \"{period_text(have[-1], cad)}\".",
            )
        raise ConfigError(f"{period_text(p, cad)} is not in the action plan; its periods are {listed}", hint="Pass one of those with --period.")
    return p


@dataclass
class ActionSummary:
    """What an action plan says at one period: counts, completion, overdue actions and changes.

    Attributes
    ----------
    period : pandas.Period
        The quarter the period ends in (H2 at Q4); ``label`` writes it (``2024/25 H2``).
    by_status : dict
        Status -> number of actions, every status of the scale, in its order.
    per_group : pandas.DataFrame
        Per group (recommendation, strategy...), in the plan's order: ``total``, ``active`` (not
        superseded, cancelled, deferred or on hold), ``complete``, ``percent_complete``
        (complete / active, half up), ``mean_progress`` and a column per status.
    overdue : pandas.DataFrame
        ``action_id, action, group, lead, due_date, status, days_overdue`` (and ``reported_as``, the plan's own word for
        a status it only roughly gave, where it has one): due on or
        before the period's end and neither complete nor closed, most overdue first.
    changes : dict
        Since the previous period in the plan: ``completed``, ``slipped`` (a worse rated status, or
        behind schedule from any open one, not started included; not started to at risk has started, and is no slip),
        ``new`` and ``removed``, each a list of references; ``from`` is None when there is none.
    dated : int
        How many actions have a due date (-1 where not counted): with none, overdue is unknown, never none.
    """

    period: pd.Period
    cadence: str
    total: int
    active: int
    complete: int
    by_status: dict
    per_group: pd.DataFrame
    overdue: pd.DataFrame
    mean_progress: float | None
    changes: dict
    scale: StatusScale = field(default=ACTION_SCALE, repr=False)
    dated: int = -1  # actions with a due date: with none, which are overdue is not known (never "none")
    overdue_at: pd.Timestamp | None = None  # the day overdue was judged at (attention.overdue_day), where not the period's end
    # status -> the plan's own words, where every action of that status was given one that only roughly says it
    # ('In progress', 'Ongoing' read as On track): the sentence says what the plan said, never "on track"
    said_as: dict = field(default_factory=dict)
    # the actions due (or forecast) later than the date first set, where the plan keeps one beside a revised date; None
    # where it keeps no first dates (nothing says any moved)
    later: list | None = None
    # the actions the plan itself marks 'Overdue' that the rule does not count (due on the period's last day, or later):
    # (reference, due date), said beside the count so that the page never silently disagrees with the plan
    marked_overdue: list = field(default_factory=list)
    # the plan's own status words and how many actions have each ('In progress': 4), as the page says them: the JSON's
    # by_status counts them on perfkit's scale ('On track'), which an overdue 'In progress' is not
    as_written: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return period_text(self.period, self.cadence)

    @property
    def overdue_when(self) -> str:
        """When overdue is judged, in words: ``at the end of 2024/25 Q3``, or ``at 6 January 2025`` where the sheet's title
        dates the plan within the period (``Last updated 06/01/2025``)."""
        return f"at {self.overdue_at.day} {self.overdue_at:%B %Y}" if self.overdue_at is not None else f"at the end of {self.label}"

    @property
    def percent_complete(self) -> int | None:
        """Complete actions as a whole-number percentage of active ones (half up)."""
        return _percent(self.complete, self.active)

    def to_dict(self) -> dict:
        """The ``actions`` object of ``perfkit summary --json``; ``per_group`` is empty for a plan with no groups."""
        records = self.per_group.to_dict("records")
        if not any(str(r["group"] or "").strip() for r in records):
            records = []
        return {
            "period": self.label,
            "total": self.total,
            "active": self.active,
            "complete": self.complete,
            "percent_complete": self.percent_complete,
            "by_status": dict(self.by_status),
            **({"as_written": dict(self.as_written)} if self.as_written else {}),
            "per_group": {str(r["group"]): {"total": int(r["total"]), "complete": int(r["complete"]), "active": int(r["active"]),
                                            "percent_complete": None if pd.isna(r["percent_complete"]) else int(r["percent_complete"])}
                          for r in records},
            "overdue": list(self.overdue["action_id"]) if self.dated else None,
            "overdue_rule": overdue_rule(self.period, self.overdue_at) if self.dated else NO_DUE_DATES,
            "mean_progress": self.mean_progress,
            "changes": self.changes,
            **({"later_than_planned": list(self.later)} if self.later is not None else {}),
        }


def _percent(n: int, d: int) -> int | None:
    if not d:
        return None
    return (200 * n + d) // (2 * d)  # half up, in integers


def action_summary(actions: pd.DataFrame, period=None, by: str = "group") -> ActionSummary:
    """Counts by status, completion, overdue actions and changes for one period of an action plan.

    Parameters
    ----------
    actions : pandas.DataFrame
        From :func:`read_actions`.
    period : str or pandas.Period, optional
        ``"2024/25 H2"``, ``"2024/25 Q3"``...; by default the latest in the plan.
    by : str
        The grouping for ``per_group`` (default ``group``; ``strategy``, ``lead``...).

    Returns
    -------
    ActionSummary
        Superseded, cancelled, deferred and on-hold actions are counted in ``total`` and
        ``by_status`` but left out of ``active``, the share complete and the mean progress;
        they are never overdue.

    Examples
    --------
    >>> s = action_summary(read_actions("plan.xlsx"), "2024/25 H2")  # doctest: +SKIP
    >>> s.by_status["Complete"], s.percent_complete, list(s.overdue["action_id"])  # doctest: +SKIP
    """
    scale = scale_of(actions)
    p = pick_period(actions, period)
    cad = cadence_of(actions)
    now = actions[actions["period"] == p]
    status = now["status"].astype(object)
    complete_words = set(scale.complete)
    closed_words = set(scale.closed)
    is_complete = status.isin(complete_words)
    is_closed = status.isin(closed_words)
    active = ~is_closed
    counts = status.value_counts()
    by_status = {s: int(counts.get(s, 0)) for s in scale.names}
    progress = now.loc[active, "progress"].dropna()
    mean_progress = round(float(progress.mean()), 1) if len(progress) else None

    groups = []
    key = by if by in now else "group"
    if key == "group" and not filled_in(now["group"]):  # no sections: the plan's own grouping column (`BVAR Rec`), if it has one
        key = own_grouping(now) or key
    if key == "group" and not filled_in(now["group"]) and "directorate" in now and filled_in(now["directorate"]) \
            and now["directorate"].nunique() > 1:  # one tab per committee or directorate, the tab's name each action's
        key = "directorate"
    for g, part in now.groupby(key, sort=False):
        st = part["status"].astype(object)
        act = ~st.isin(closed_words)
        done = int(st.isin(complete_words).sum())
        prog = part.loc[act, "progress"].dropna()
        row = {"group": g, "total": len(part), "active": int(act.sum()), "complete": done,
               "percent_complete": _percent(done, int(act.sum())), "mean_progress": round(float(prog.mean()), 1) if len(prog) else np.nan}
        vc = st.value_counts()
        row.update({s: int(vc.get(s, 0)) for s in scale.names})
        groups.append(row)
    per_group = pd.DataFrame(groups, columns=["group", "total", "active", "complete", "percent_complete", "mean_progress", *scale.names])
    per_group["percent_complete"] = per_group["percent_complete"].astype("Int64")

    end = overdue_day(actions, p)
    due = pd.to_datetime(now["due_date"])
    late = now[(due < end) & ~is_complete & ~is_closed].copy()
    late["days_overdue"] = (end - pd.to_datetime(late["due_date"])).dt.days.astype(int)
    overdue = late.sort_values("days_overdue", ascending=False, kind="stable")[
        ["action_id", "action", "group", "lead", "due_date", "status", "days_overdue", *(["reported_as"] if "reported_as" in late else [])]
    ].reset_index(drop=True)

    before = sorted(x for x in actions["period"].dropna().unique() if x < p)
    changes: dict = {"from": None, "to": period_text(p, cad), "completed": [], "slipped": [], "new": [], "removed": []}
    if before:
        q = before[-1]
        prev = actions[actions["period"] == q].set_index("action_id")["status"].astype(object)
        cur = now.set_index("action_id")["status"].astype(object)
        changes["from"] = period_text(q, cad)
        for ident, st in cur.items():
            if ident not in prev.index:
                changes["new"].append(ident)
                continue
            old = prev[ident]
            if st in complete_words and old not in complete_words:
                changes["completed"].append(ident)
            r_new, r_old = scale.rank(st), scale.rank(old)
            # behind schedule from any open status, not started included; from not started to at risk it has started,
            # with some delay, which is no slip (officers report it as started, and count only the worse ratings)
            worst = r_new == 0 and r_old != 0 and old not in complete_words and old not in closed_words
            if (r_new is not None and r_old is not None and r_new < r_old) or worst:
                changes["slipped"].append(ident)
        changes["removed"] = [i for i in prev.index if i not in cur.index]
    dated = int(now["due_date"].notna().sum()) if "due_date" in now else 0
    return ActionSummary(p, cad, len(now), int(active.sum()), int(is_complete.sum()), by_status, per_group, overdue,
                         mean_progress, changes, scale, dated, end if end < p.end_time.normalize() else None, _said_as(now),
                         list(now.loc[later_than_planned(now, scale), "action_id"]) if "original_due_date" in now else None,
                         _marked_overdue(now, set(overdue["action_id"])), _as_written(now))


def _marked_overdue(now: pd.DataFrame, counted: set) -> list:
    """(reference, due date) of each action whose own word is 'Overdue' (or 'Late') and that the overdue rule does not
    count: due on the period's last day or after it, or with no date."""
    if "reported_as" not in now:
        return []
    said = now["reported_as"].astype(str).str.strip().str.match(MARKED_LATE)
    rows = now[said.to_numpy() & ~now["action_id"].isin(counted).to_numpy()]
    return [(str(r), d) for r, d in zip(rows["action_id"], rows["due_date"])]


def _as_written(now: pd.DataFrame) -> dict:
    """The plan's own word -> how many actions have it, in the order first given: its status word where the plan gave
    one that perfkit reads as another (``In progress`` read as On track), else the status; empty with no such words."""
    if "reported_as" not in now or not now["reported_as"].fillna("").astype(str).str.strip().any():
        return {}
    own = now["reported_as"].fillna("").astype(str).str.strip()
    words = own.where(own != "", now["status"].astype(object).fillna("").astype(str))
    words = words[words != ""]
    return {str(w): int(n) for w, n in words.value_counts(sort=False).items()}


def _said_as(now: pd.DataFrame) -> dict:
    """Status -> the plan's own words for it (in the order first given), where every action of that status has one."""
    if "reported_as" not in now:
        return {}
    out = {}
    for st, words in now.groupby(now["status"].astype(object), sort=False)["reported_as"]:
        words = [str(w) for w in words.fillna("")]
        # 'Overdue' is the plan's claim about dates, which the overdue count (by due date) may not bear out: the sentence
        # says the status ("2 are behind schedule"), never "2 are overdue" beside "Three actions are overdue"
        if words and all(words) and not any(MARKED_LATE.match(w) for w in words):
            out[st] = list(dict.fromkeys(w.lower() for w in words))
    return out



def action_thread(actions: pd.DataFrame, period=None, levels=None) -> pd.DataFrame:
    """The golden thread of an action plan: counts and status mix at every level, top down.

    Uses :func:`perfkit.analyse.summarise.golden_thread` over the plan's levels (by default
    whichever of ``priority``, ``objective``, ``strategy`` and ``tactic`` it has, else
    its ``group``), on the plan's own scale. ``good_percent`` is On track or Complete
    as a share of the rated actions.

    Examples
    --------
    >>> action_thread(read_actions("objective_update.xlsx"), "2024/25 Q2")  # doctest: +SKIP
    """

    p = pick_period(actions, period)
    frame = actions
    if levels is None:
        levels = [c for c in ("priority", "objective", "strategy", "tactic") if c in frame and frame[c].astype(str).str.len().gt(0).any()]
        if not levels:
            levels = ["group"]
    return golden_thread(frame, p, levels=levels, scale=scale_of(actions))


def latest_up_to(actions: pd.DataFrame, period) -> pd.Period:
    """The plan's period at ``period``, or its latest before it (a six-monthly plan in a quarterly briefing)."""
    if period is None:
        return pick_period(actions, None)
    p = parse_span(period).end
    have = sorted(x for x in actions["period"].dropna().unique() if x <= p)
    if not have:
        return pick_period(actions, period)  # raises, naming the periods there are
    return have[-1]


def summary_object(actions: pd.DataFrame, period=None, by: str | None = None) -> dict:
    """The ``actions`` object of ``perfkit summary --json``, at ``period`` or the plan's latest period up to it, its
    ``per_group`` by the plan's own groups or by ``by`` (a column :func:`group_column` finds)."""
    return action_summary(actions, latest_up_to(actions, period), by=group_column(actions, by) or "group").to_dict()


# Columns an action plan keeps that never group it: its figures, dates and text.
_NOT_GROUPING = {"action_id", "action", "due_date", "original_due_date", "period", "status", "progress", "commentary", "source",
                 "cadence", "group_path"}


def group_column(actions: pd.DataFrame, by: str | None) -> str | None:
    """The column of an action plan that ``--by`` names: the column itself (``area``, ``lead``, a grouping kept under its
    header), or the field its words name (``Council`` is the ``area`` a shared service's tracker keeps); None where the
    plan has no such column filled in, or ``by`` is none.

    Examples
    --------
    >>> plan = pd.DataFrame({"action_id": ["1"], "area": ["Northtown"], "status": ["On track"]})
    >>> group_column(plan, "Council"), group_column(plan, "area"), group_column(plan, "Budget")
    ('area', 'area', None)
    """
    if not by:
        return None
    if by in actions.columns:
        col = by
    else:
        from perfkit.read.columns import read_header  # deferred: the header words are wanted only for a --by

        col = read_header(by, "actions").field
        if col is None and by.strip().lower().replace(" ", "_") in actions.columns:
            col = by.strip().lower().replace(" ", "_")
    if col is None or col in _NOT_GROUPING or col not in actions.columns:
        return None
    return col if filled_in(actions[col]) else None
