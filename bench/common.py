"""Shared by the benchmarks: time contenders alternating in one run, so drift in the machine hits them all alike."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def alternate_times(contenders: dict[str, Callable[[], object]], repeats: int, clock: Callable[[], float] = time.perf_counter) -> dict[str, list[float]]:
    """Every run's seconds per contender (wall-clock, or ``clock=time.process_time`` for CPU); the starting contender rotates each round."""
    names = list(contenders)
    times: dict[str, list[float]] = {n: [] for n in names}
    for i in range(repeats):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            t = clock()
            contenders[name]()
            times[name].append(clock() - t)
    return times


def alternate(contenders: dict[str, Callable[[], object]], repeats: int, clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Median seconds per contender over alternating runs (see ``alternate_times``)."""
    return {n: statistics.median(v) for n, v in alternate_times(contenders, repeats, clock).items()}


def spread(times: list[float]) -> str:
    """The runs' range in words, for a benchmark's printout: 'fastest 0.41 s, slowest 0.52 s (1.27x)'."""
    lo, hi = min(times), max(times)
    return f"fastest {lo:.2f} s, slowest {hi:.2f} s ({hi / lo:.2f}x)"
