"""Build the bundled comparison sample: fictional district councils' figures as an LG Inform-style CSV export.

Run ``python scripts/make_comparators.py``. The output is deterministic. It has what real
comparison exports have: a polarity column written several ways (and once left blank), a
suppressed value (``..``), a council with no figure for one year, and a three-year pooled
period (``2020-23``) beside single years. Every council and figure is fictional.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "raw" / "sample_comparators.csv"

COUNCILS = ["Northbrook District Council", "Ashford Vale", "Barrowmere", "Castlegate", "Dunmoor", "Eastwick Downs",
            "Fernley", "Greywater", "Hollin Edge", "Ivybridge Fields", "Kestrel Bay", "Longmarsh", "Millbrook",
            "Netherfold", "Oakhurst", "Pennington Moss"]
FAMILY = ["Ashford Vale", "Castlegate", "Fernley", "Kestrel Bay", "Oakhurst"]
MEASURES = [  # code, name, polarity as written, centre, spread, Northbrook's place (0 = best)
    ("REC01", "Household waste sent for reuse, recycling or composting (%)", "Higher is better", 42.0, 6.0, 0.2),
    ("PLN02", "Major planning applications decided in time (%)", "DESC", 85.0, 8.0, 0.5),
    ("HOM03", "Households in temporary accommodation per 1,000", "lower_is_better", 1.8, 0.7, 0.8),
    ("ENV04", "Days to remove fly-tipping", "Lower", 3.5, 1.2, 0.3),
]
YEARS = ["2021/22", "2022/23", "2023/24"]


def rows():
    rng = random.Random(14)
    for code, name, polarity, centre, spread, place in MEASURES:
        periods = YEARS + (["2020-23"] if code == "REC01" else [])
        for period in periods:
            values = sorted(round(rng.gauss(centre, spread), 1) for _ in COUNCILS)
            better_high = polarity.lower().startswith(("higher", "desc"))
            ranked = values[::-1] if better_high else values
            north = ranked.pop(int(place * (len(COUNCILS) - 1)))
            others = list(ranked)
            rng.shuffle(others)
            for council, value in zip(COUNCILS, [north] + others):
                group = "Family" if council in FAMILY else "Other district"
                text = f"{value}"
                if council == "Greywater" and code == "HOM03" and period == "2022/23":
                    text = ".."  # suppressed: a small number
                if council == "Millbrook" and code == "ENV04" and period == "2023/24":
                    continue  # no return that year
                pol = "" if (council == "Dunmoor" and code == "PLN02") else polarity
                yield {"Area code": f"E07{COUNCILS.index(council):06d}", "Area name": council, "Metric code": code,
                       "Metric": name, "Period": period, "Value": text, "Polarity": pol, "Comparator group": group}


def main() -> None:
    data = list(rows())
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    print(OUT)


if __name__ == "__main__":
    main()
