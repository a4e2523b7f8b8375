"""Assess + summarise 10 million measure-quarter rows: perfkit against DuckDB SQL and a row-wise apply.

The work: a status for every row (target, polarity, tolerance), then one
quarter's counts by group. perfkit runs assess_measures then rag_summary; DuckDB
runs the same rules as a CASE expression into a table of id, group, period and
status (its best case: no other columns copied), then a GROUP BY; the
row-wise version is DataFrame.apply(axis=1), timed on a slice and scaled per row
(it would take minutes on all of them). perfkit and DuckDB alternate in one run.
Targets: no slower than DuckDB, at least 20x faster than apply, peak memory under
3x the input frame.

    python bench/bench_assess.py [--rows 10000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

import perfkit
from perfkit.analyse.assess import DEFAULT_TOLERANCE

sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parent))
from common import alternate  # noqa: E402


def build(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n_measures = rows // 8
    ids = np.repeat(np.arange(n_measures), 8)[:rows]
    quarter = np.tile(np.arange(8), n_measures + 1)[:rows]
    base = perfkit.parse_period("2022/23 Q1").ordinal
    target = rng.uniform(10, 100, n_measures + 1)[ids]
    actual = target * rng.normal(1.0, 0.08, rows)
    actual[rng.random(rows) < 0.02] = np.nan
    target[rng.random(rows) < 0.03] = np.nan
    pol = pd.Categorical.from_codes(rng.choice([0, 1, 2, 3], size=n_measures + 1, p=[0.6, 0.3, 0.05, 0.05])[ids], categories=perfkit.schema.POLARITIES)
    tol = np.where(rng.random(rows) < 0.5, np.nan, 10.0)
    priorities = np.array([f"Priority {i}" for i in range(12)], dtype=object)
    return pd.DataFrame({
        "measure_id": pd.array(np.char.add("K", ids.astype(str)).astype(object), dtype="str"),
        "priority": pd.array(priorities[ids % 12], dtype="str"),
        "polarity": pol,
        "target": target,
        "target_low": np.nan,
        "target_high": np.nan,
        "actual": actual,
        "tolerance": tol,
        "tolerance_type": pd.Categorical.from_codes(np.zeros(rows, dtype=np.int8), categories=["percent", "absolute"]),
        "period": pd.PeriodIndex.from_ordinals(base + quarter, freq="Q-MAR"),
    })


PERIOD = "2023/24 Q2"


def run_perfkit(frame: pd.DataFrame):
    assessed = perfkit.assess_measures(frame)
    return perfkit.rag_summary(assessed, PERIOD, by="priority")


SQL_STATUS = f"""
CREATE OR REPLACE TABLE assessed AS
SELECT measure_id, priority, period, CASE
  WHEN actual IS NULL OR isnan(actual) THEN 'No data'
  WHEN base IS NULL OR isnan(base) OR polarity = 'none' THEN 'Data only'
  WHEN gap >= -1e-9 * greatest(1, abs(base)) THEN 'Green'
  WHEN gap >= -tol_abs - 1e-9 * greatest(1, abs(base)) THEN 'Amber'
  ELSE 'Red' END AS status
FROM (
  SELECT *,
    CASE WHEN polarity = 'higher' THEN actual - target
         WHEN polarity = 'lower' THEN target - actual
         ELSE least(actual - lo, hi - actual) END AS gap
  FROM (
    SELECT *,
      coalesce(target_low, target - tol_abs) AS lo,
      coalesce(target_high, target + tol_abs) AS hi
    FROM (
      SELECT *,
        coalesce(target, (target_low + target_high) / 2) AS base,
        CASE WHEN tolerance IS NULL OR isnan(tolerance) THEN abs(coalesce(target, (target_low + target_high) / 2)) * {DEFAULT_TOLERANCE} / 100
             WHEN tolerance_type = 'absolute' THEN tolerance
             ELSE abs(coalesce(target, (target_low + target_high) / 2)) * tolerance / 100 END AS tol_abs
      FROM src)))
"""


def run_duckdb(con, period_ordinal: int):
    con.execute(SQL_STATUS)
    return con.execute(
        "SELECT priority, status, count(*) AS n FROM assessed WHERE period = ? GROUP BY ALL ORDER BY ALL", [period_ordinal]
    ).df()


def status_of_row(row) -> str:
    """The same rules, one row at a time: what officers write in Excel or a loop."""
    if pd.isna(row["actual"]):
        return "No data"
    if pd.isna(row["target"]) or row["polarity"] == "none":
        return "Data only"
    tol = abs(row["target"]) * (DEFAULT_TOLERANCE if pd.isna(row["tolerance"]) else row["tolerance"]) / 100
    gap = row["actual"] - row["target"] if row["polarity"] == "higher" else row["target"] - row["actual"]
    if row["polarity"] == "range":
        gap = min(row["actual"] - (row["target"] - tol), row["target"] + tol - row["actual"])
    if gap >= 0:
        return "Green"
    return "Amber" if gap >= -tol else "Red"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--apply-rows", type=int, default=100_000)
    args = ap.parse_args()
    try:
        import duckdb
    except ImportError:
        print("duckdb is not installed: run `make bench`, which installs the bench extra", file=sys.stderr)
        return 1

    frame = build(args.rows)
    input_bytes = frame.memory_usage(deep=True).sum()
    p_ord = perfkit.parse_period(PERIOD).ordinal
    # DuckDB gets the same data in the form it scans best (periods as integers); not timed.
    src = frame.assign(period=frame["period"].array.asi8, polarity=frame["polarity"].astype(str), tolerance_type=frame["tolerance_type"].astype(str))
    con = duckdb.connect()
    con.register("src", src)

    ours = run_perfkit(frame)
    theirs = run_duckdb(con, p_ord)
    got = ours[ours.priority != "All"].set_index(["priority", "status"])["count"]
    for r in theirs.itertuples():
        assert got[(r.priority, r.status)] == r.n, "perfkit and DuckDB disagree"

    med = alternate({"perfkit": lambda: run_perfkit(frame), "duckdb": lambda: run_duckdb(con, p_ord)}, args.repeats)

    sl = frame.iloc[: args.apply_rows]
    t = time.perf_counter()
    sl.apply(status_of_row, axis=1)
    apply_per_row = (time.perf_counter() - t) / len(sl)
    apply_total = apply_per_row * len(frame)

    tracemalloc.start()
    run_perfkit(frame)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"{args.rows:,} measure-quarter rows ({input_bytes / 2**20:,.0f} MiB in memory); median of {args.repeats} alternating runs")
    print(f"  perfkit assess_measures + rag_summary  {med['perfkit']:7.3f} s")
    print(f"  DuckDB CASE table + GROUP BY           {med['duckdb']:7.3f} s   ({duckdb.__version__}, {con.execute('select current_setting(' + repr('threads') + ')').fetchone()[0]} threads)")
    print(f"  DataFrame.apply(axis=1)                {apply_total:7.1f} s   (scaled from {len(sl):,} rows)")
    r_duck = med["perfkit"] / med["duckdb"]
    r_apply = apply_total / med["perfkit"]
    peak_ratio = (input_bytes + peak) / input_bytes
    print(f"ratio perfkit / DuckDB: {r_duck:.2f}x (target <= 1.0x) {'OK' if r_duck <= 1.0 else 'OVER TARGET'}")
    print(f"ratio apply / perfkit: {r_apply:.0f}x faster (target >= 20x) {'OK' if r_apply >= 20 else 'UNDER TARGET'}")
    print(f"peak memory: input + {peak / 2**20:,.0f} MiB working = {peak_ratio:.2f}x the input frame (target < 3x) {'OK' if peak_ratio < 3 else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
