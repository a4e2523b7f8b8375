"""Python's garbage collector held back while a workbook is read.

A read makes tens of thousands of lists (one per row) that live until it ends. Their arrival can start one of the
collector's full passes, which walks every object the process holds (pandas, numpy and all they loaded, and whatever
the caller keeps): 50 to 100 ms on a 20,000-row sheet, or nothing, depending on the heap the read happens to start
from. Reference counting still frees what a read drops; what is left for the collector (cycles) waits until the read
ends.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps


@contextmanager
def collector_paused():
    """Hold the garbage collector back for the block, and let it run again after (unless it was off already).

    Nested blocks leave it to the outermost one to turn the collector back on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def without_collector(func):
    """``func`` run with the garbage collector held back (:func:`collector_paused`)."""

    @wraps(func)
    def paused(*args, **kwargs):
        with collector_paused():
            return func(*args, **kwargs)

    return paused
