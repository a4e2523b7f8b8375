"""The attention list: amber and red milestones, who leads them, for how long, and what is overdue.

This is the list a leadership team works through between quarters. An item is
overdue when its due date is before the last day of the period (its date has passed
by the period's end) and it is not Complete (the rule action plans use too).

Examples
--------
>>> import perfkit
>>> ms = perfkit.read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> perfkit.attention_list(ms, "2023/24 Q2")  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from perfkit.core.periods import parse_period, period_label
from perfkit.core.status import DEFAULT_SCALE, StatusScale
from perfkit.analyse.trends import item_key, streaks

COLUMNS = ["lead", "milestone_id", "title", "priority", "status", "quarters_in_status", "since", "due_date", "overdue", "commentary", "source"]


NO_DUE_DATES = "no due dates were read, so which are overdue is not known"


def overdue_day(frame: pd.DataFrame | None, period) -> pd.Timestamp:
    """The day overdue is judged at: the period's last day, or the earlier day within it that the sheet's title dates
    (``Last updated 06/01/2025``, as the read found it in ``attrs["as_at"]``): what was due by then, not later.

    Examples
    --------
    >>> f = pd.DataFrame(); f.attrs["as_at"] = {"2024/25 Q4": "2025-01-06"}
    >>> overdue_day(f, "2024/25 Q4").date(), overdue_day(f, "2024/25 Q3").date()
    (datetime.date(2025, 1, 6), datetime.date(2024, 12, 31))
    """
    p = parse_period(period)
    end = p.end_time.normalize()
    said = (getattr(frame, "attrs", None) or {}).get("as_at", {}).get(period_label(p))
    return min(end, pd.Timestamp(said)) if said else end


def overdue_rule(period: pd.Period, day: pd.Timestamp | None = None) -> str:
    """What ``overdue`` lists, in words, for ``summary --json``: the rule with the period's last day (or the day the sheet
    was updated, where its title dates one within the period: :func:`overdue_day`).

    Examples
    --------
    >>> overdue_rule(pd.Period("2025Q2", freq="Q-MAR"))
    'due before 30/09/2024, and neither complete nor on hold, deferred, cancelled or superseded'
    """
    when = f"{period.end_time:%d/%m/%Y}"
    if day is not None and day < period.end_time.normalize():
        when = f"{day:%d/%m/%Y} (the day the sheet's title dates)"
    return f"due before {when}, and neither complete nor on hold, deferred, cancelled or superseded"


def overdue(frame: pd.DataFrame, period, scale: StatusScale = DEFAULT_SCALE, day: pd.Timestamp | None = None) -> pd.Series:
    """True where an item was due before the last day of ``period`` (or ``day``, :func:`overdue_day`) and is
    neither complete nor closed (on hold, cancelled...)."""
    p = parse_period(period)
    end = day if day is not None else overdue_day(frame, p)
    complete = frame["status"].astype(object).isin(scale.complete + scale.closed).to_numpy()
    due = frame["due_date"] if "due_date" in frame else pd.Series(pd.NaT, index=frame.index)
    return pd.Series((due < end).fillna(False).to_numpy(dtype=bool) & ~complete, index=frame.index, name="overdue")


def later_than_planned(frame: pd.DataFrame, scale: StatusScale = DEFAULT_SCALE) -> pd.Series:
    """True where an item is now due (or forecast) later than the date first set, and is neither complete nor closed.

    The first date is the frame's ``original_due_date``, kept where a tracker gives a revised or forecast date beside
    it (``Baseline date | Forecast date``); with none, no item is later than planned (nothing says it moved).

    Examples
    --------
    >>> f = pd.DataFrame({"status": ["Green", "Complete", "Amber"], "due_date": pd.to_datetime(["2025-03-31"] * 3),
    ...                   "original_due_date": pd.to_datetime(["2024-12-31", "2024-12-31", "2025-03-31"])})
    >>> later_than_planned(f).tolist()
    [True, False, False]
    """
    if "original_due_date" not in frame or "due_date" not in frame:
        return pd.Series(False, index=frame.index, name="later_than_planned")
    done = frame["status"].astype(object).isin(scale.complete + scale.closed).to_numpy()
    moved = (pd.to_datetime(frame["due_date"]) > pd.to_datetime(frame["original_due_date"])).fillna(False).to_numpy(dtype=bool)
    return pd.Series(moved & ~done, index=frame.index, name="later_than_planned")


def attention_list(
    milestones: pd.DataFrame,
    period,
    statuses=None,
    include_overdue: bool = True,
    scale: StatusScale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """Amber and red milestones in ``period`` (and, by default, any overdue ones), grouped by lead officer.

    Parameters
    ----------
    milestones : pandas.DataFrame
        A tidy milestones frame.
    period : str or pandas.Period
    statuses : sequence of str, optional
        The statuses that need attention; by default the scale's rated statuses that are neither good nor green in
        part: Red and Amber, and on a five-point scale Amber/Red too.
    include_overdue : bool
        Also list overdue milestones whatever their status.

    Returns
    -------
    pandas.DataFrame
        Columns ``lead, milestone_id, title, priority, status, quarters_in_status,
        since, due_date, overdue, commentary, source``, sorted by lead, then worst
        status first, then longest in that status. ``quarters_in_status`` counts
        consecutive quarters up to and including ``period``.
    """
    p = parse_period(period)
    if statuses is None:
        statuses = [s for s in scale.rated if s not in scale.good and "Green" not in s]
    key = item_key(milestones)
    now = milestones[milestones["period"] == p].drop_duplicates(key)
    late = overdue(now, p, scale)
    wanted = now["status"].astype(object).isin(list(statuses)).to_numpy()
    if include_overdue:
        wanted = wanted | late.to_numpy()
    rows = now[wanted].copy()
    rows["overdue"] = late[wanted].to_numpy()
    runs = streaks(milestones, p, scale).set_index(key)
    rows["quarters_in_status"] = runs["quarters"].reindex(rows[key]).to_numpy()
    rows["since"] = runs["since"].reindex(rows[key]).to_numpy()
    for col in ("lead", "priority", "title", "commentary", "source"):
        if col not in rows:
            rows[col] = ""
    if "due_date" not in rows:
        rows["due_date"] = pd.NaT
    rank = np.array([scale.rank(s) if scale.rank(s) is not None else 99 for s in rows["status"].astype(object)])
    rows = rows.assign(_rank=rank).sort_values(["lead", "_rank", "quarters_in_status", key], ascending=[True, True, False, True])
    return rows[COLUMNS].rename(columns={"milestone_id": key} if key != "milestone_id" else {}).reset_index(drop=True)


def attention_by_lead(attention: pd.DataFrame) -> pd.DataFrame:
    """Per lead officer: how many milestones need attention, how many are red, amber and overdue, and the longest run.

    Takes the frame from :func:`attention_list`; sorted by most items first.
    """
    a = attention.assign(
        red=attention["status"].astype(object).eq("Red"),
        amber=attention["status"].astype(object).eq("Amber"),
        lead=attention["lead"].replace("", "No named lead"),
    )
    out = a.groupby("lead", sort=False).agg(
        milestones=("milestone_id", "size"), red=("red", "sum"), amber=("amber", "sum"),
        overdue=("overdue", "sum"), longest_quarters=("quarters_in_status", "max"),
    )
    return out.sort_values(["milestones", "red"], ascending=False).reset_index()
