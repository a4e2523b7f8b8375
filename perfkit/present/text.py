"""Workbook text and numbers made ready for a page: escaped, without bidirectional controls, counted and written as a council writes them.

Every report section builds on these; they import nothing else from :mod:`perfkit.present`.
"""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal
import pandas as pd

from perfkit.core.numbers import clock_text, clock_unit, money_unit


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    """``1 milestone``, ``2 milestones``."""
    return f"{n:,} {word if n == 1 else (plural_word or word + 's')}"


BIDI_CONTROLS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])

#: Control characters no page, Word document or Excel cell should hold: removed, except those that break a line
#: (a vertical tab pasted from Word, a form feed, NEL), which become one. Tab, newline and carriage return stay.
CONTROLS = {**dict.fromkeys([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1C), 0x1F, *range(0x7F, 0x85), *range(0x86, 0xA0)]),
            **dict.fromkeys([0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85], "\n")}
_UNSAFE = {**BIDI_CONTROLS, **CONTROLS}


def strip_bidi(text: str) -> str:
    r"""Text without the bidirectional control characters (U+202A-202E, U+2066-2069, U+200E, U+200F), nor control characters.

    Bidirectional controls can reorder what a reader sees (a "Trojan Source" trick), and control
    characters (an escape sequence, a NUL) have no place on a page or in a cell, so neither reaches
    either; a control that breaks a line (vertical tab, form feed, NEL) becomes a newline (:data:`CONTROLS`).

    Examples
    --------
    >>> strip_bidi("abc\u202edcba"), strip_bidi("On track\x1b[2J\x0bnext"), strip_bidi("a\tb\r\nc")
    ('abcdcba', 'On track[2J\nnext', 'a\tb\r\nc')
    """
    return text.translate(_UNSAFE)


def whole_percent(value) -> str:
    """A percentage as a whole number with halves rounded up, as every percentage in a briefing is (never Python's
    half-to-even: a mean progress of 64.5 is 65%).

    >>> whole_percent(64.5), whole_percent(12.49), whole_percent(100.0)
    ('65%', '12%', '100%')
    """
    return f"{Decimal(repr(float(value))).quantize(Decimal(1), rounding=ROUND_HALF_UP):.0f}%"


def escape(text) -> str:
    """Workbook text made safe for HTML: markup escaped, bidirectional and other control characters removed (:func:`strip_bidi`)."""
    return html.escape(strip_bidi("" if text is None else str(text)), quote=True)


def ref_text(ref, generated=()) -> str:
    """A reference as a table shows it, escaped; one perfkit made up for a row with none (``M013``) is left blank, as it
    is for the officer's checks, not the committee.

    Examples
    --------
    >>> ref_text("PL01", {"M013"}), ref_text("M013", {"M013"})
    ('PL01', '')
    """
    return "" if ref is not None and str(ref) in generated else escape(ref)


def made_up(frame) -> frozenset[str]:
    """The references perfkit made up for a frame's items (``attrs["generated_ids"]``, ``R001``): in no table the
    committee reads, so never cited on the page.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"risk_id": ["R001"]}); f.attrs["generated_ids"] = ["R001"]
    >>> made_up(f)
    frozenset({'R001'})
    """
    return frozenset(map(str, frame.attrs.get("generated_ids") or ()))


def number_text(value, unit: str = "") -> str:
    """A figure as a table shows it: ``1,234``, ``85.3%``, ``£468``, ``2.05`` (below 10, to two places, so that 2.05 days
    never shows as its target of 2; below 1, to three, so that 0.047 never shows as 0.05); a missing one as a dash.

    Examples
    --------
    >>> number_text(2.05), number_text(85.333, "%"), number_text(1234.6), number_text(None)
    ('2.05', '85.3%', '1,235', '–')
    >>> number_text(468, "£k"), number_text(1250, "£k"), number_text(1705, "£000s"), number_text(2400, "£m")
    ('£468k', '£1.25m', '£1.71m', '£2.4bn')
    >>> number_text(33.95, "£"), number_text(79.1, "£"), number_text(1250.5, "£"), number_text(468, "£")
    ('£33.95', '£79.10', '£1,250', '£468')
    >>> number_text(8.2, "mm:ss")
    '8:12'
    >>> number_text(99.96, "%"), number_text(99.93, "%")
    ('99.96%', '99.9%')
    >>> number_text(0.045), number_text(0.047), number_text(0.5)
    ('0.045', '0.047', '0.5')
    """
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    if (clock := clock_unit(unit)) is not None:  # a time held in minutes, shown as its unit says: 8:12 for mm:ss
        return clock_text(v, clock)
    places = 3 if abs(v) < 1 else 2 if abs(v) < 10 else 1  # a proportion typed as one (0.045, 0.047) keeps its third place
    # 99.96% never shown as 100%: a figure short of a whole number keeps the places that show it is short
    while not v.is_integer() and abs(v) < 1000 and places < 4 and round(v, places) == round(v) and round(v, 4) != round(v):
        places += 1
    text = f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.{places}f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    if unit == "£":
        return f"£{v:,.2f}" if not v.is_integer() and abs(v) < 1000 else f"£{text}"  # pounds and pence: £33.95, never £34
    scaled = money_unit(unit)
    if scaled:
        steps = ["k", "m", "bn"]
        if scaled in steps and abs(v) >= 1000 and scaled != "bn":  # £1,250k is written £1.25m, as a council writes it
            up = v / 1000
            return f"£{f'{up:,.2f}'.rstrip('0').rstrip('.')}{steps[steps.index(scaled) + 1]}"
        return f"£{text}{scaled}"  # £468k, £1.2m: as a council writes them, never "468 £k"
    return text



# Unit columns that say only that the figure is a number: nothing to write after it.
_NOT_UNITS = {"number", "no", "nos", "num", "numeric", "count", "#", "n", "value", "figure", "total", "qty", "quantity", "integer",
              "whole number", "rate", "ratio", "index", "score", "average", "avg", "mean", "cumulative", "ytd"}


def amount_text(value, unit: str = "") -> str:
    """A figure in a sentence, with its unit as a council writes it: ``85.3%``, ``£468k``, ``18.4 days``, ``121 kg``.

    Examples
    --------
    >>> amount_text(18.4, "days"), amount_text(468, "£k"), amount_text(84.7, "%"), amount_text(51, "")
    ('18.4 days', '£468k', '84.7%', '51')
    >>> amount_text(1, "days"), amount_text(1, "properties"), amount_text(1.0, "tonnes")
    ('1 day', '1 property', '1 tonne')
    """
    text = number_text(value, unit)
    word = str(unit or "").strip()
    if (text == "–" or not word or word == "%" or word.startswith("£") or money_unit(word)
            or word.lower().strip(".") in _NOT_UNITS):
        return text
    if text == "1" and re.fullmatch(r"[a-z]{3,}s", word) and not word.endswith("ss"):  # "1 day", never "1 days"
        word = word[:-3] + "y" if word.endswith("ies") else word[:-2] if word.endswith(("ches", "shes", "xes")) else word[:-1]
    return f"{text} {word}"


def group_noun(summary) -> str | None:
    """What a RAG summary's rows are grouped by, as a heading says it (``priority``, ``directorate``), or None if ungrouped.

    Examples
    --------
    >>> group_noun(pd.DataFrame({"service_area": ["All"], "status": ["Red"]}))
    'service area'
    >>> group_noun(None) is None
    True
    """
    if summary is None or not len(summary.columns) or summary.columns[0] == "group":
        return None
    return str(summary.columns[0]).replace("_", " ")
