"""Workbook text and numbers made ready for a page: escaped, without bidirectional controls, counted and written as a council writes them.

Every report section builds on these; they import nothing else from :mod:`perfkit.present`.
"""

from __future__ import annotations

import html
import pandas as pd


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


def escape(text) -> str:
    """Workbook text made safe for HTML: markup escaped, bidirectional and other control characters removed (:func:`strip_bidi`)."""
    return html.escape(strip_bidi("" if text is None else str(text)), quote=True)


def number_text(value, unit: str = "") -> str:
    """A figure as a table shows it: ``1,234``, ``85.3%``, ``£468``; a missing one as a dash."""
    if value is None or pd.isna(value):
        return "–"
    v = float(value)
    text = f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.1f}".rstrip("0").rstrip(".")
    if unit == "%":
        return f"{text}%"
    if unit == "£":
        return f"£{text}"
    return text
