"""Numbers as officers type them: ``79%``, ``1,234``, ``£2.5m``, ``(120)``, ``-``, ``n/a``, ``TBC``.

:func:`parse_number` gives a :class:`Parsed` value: a float, or ``None`` with the
reason the cell holds no number (a placeholder such as ``n/a``, or text that is
not a number at all, which the readers report as an error with its cell).

Examples
--------
>>> from perfkit.core.numbers import parse_number
>>> parse_number("79%"), parse_number("£2.5m").value, parse_number("n/a").missing
(Parsed(value=79.0, unit='%', missing=''), 2500000.0, 'placeholder')
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import NamedTuple

PLACEHOLDERS = frozenset(
    {
        "", "-", "–", "—", "--", "n/a", "na", "n.a.", "n.a", "tbc", "tbd", "tba", "..", "...", "*", "x",
        "not available", "no data", "awaiting data", "nk", "not known", "not yet known", "none", "null",
        "data not available", "not due", "not applicable", "#n/a", "c", "[c]", "[x]", "[z]", "z", "s", "supp", "suppressed",
    }
)
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
_NUMBER = re.compile(
    r"^(?P<neg>[-−–])?\s*(?P<cur>[£$€])?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)\s*(?P<suffix>%|k|m|mn|bn|b|p)?$"
)


class Parsed(NamedTuple):
    """A parsed cell: ``value`` (float or None), the ``unit`` the text showed, and why it is ``missing``.

    ``missing`` is ``""`` for a number, ``"placeholder"`` for a recognised
    no-value marker (``-``, ``n/a``, ``TBC``), ``"blank"`` for an empty cell and
    ``"text"`` for text that is not a number.
    """

    value: float | None
    unit: str = ""
    missing: str = ""


def parse_number(value) -> Parsed:
    """Read one cell's value as a number, saying why when it is not one.

    Percentages keep their points: ``79%`` is 79.0 with unit ``%``. A number typed
    in brackets is negative, as accountants write it.
    """
    if value is None:
        return Parsed(None, missing="blank")
    if isinstance(value, bool):
        return Parsed(None, missing="text")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return Parsed(None, missing="blank")
        return Parsed(float(value))
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return Parsed(None, missing="text")
    text = str(value).strip().replace("\u00a0", " ")
    if text == "":
        return Parsed(None, missing="blank")
    if text.lower() in PLACEHOLDERS:
        return Parsed(None, missing="placeholder")
    neg = False
    if text.startswith("(") and text.endswith(")"):
        neg, text = True, text[1:-1].strip()
    m = _NUMBER.match(text.lower().replace(" ", ""))
    if not m:
        return Parsed(None, missing="text")
    number = float(m["num"].replace(",", ""))
    suffix = m["suffix"] or ""
    unit = "%" if suffix == "%" else ("£" if m["cur"] == "£" else "")
    number *= _SCALE.get(suffix, 1.0)
    if suffix == "p":  # pence
        number /= 100 if m["cur"] == "£" else 1
    if neg or m["neg"]:
        number = -number
    return Parsed(number, unit)
