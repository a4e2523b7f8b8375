"""UK financial-year periods: April to March, quarters written ``2023/24 Q2``.

A quarter is a :class:`pandas.Period` with freq ``Q-MAR``, so the previous
quarter is ``p - 1`` and the same quarter last year is ``p - 4``. Half-years
and whole years, for measures reported six-monthly or annually, are placed at
the quarter in which they end (H1 at Q2, H2 and the year at Q4); their
:class:`Span` keeps what they cover.

Examples
--------
>>> from perfkit.core.periods import parse_period, period_label
>>> p = parse_period("Q2 23/24")
>>> period_label(p), period_label(p - 1), period_label(p - 4)
('2023/24 Q2', '2023/24 Q1', '2022/23 Q2')
>>> period_label(parse_period("September 2023"))
'2023/24 Q2'
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from perfkit.core.errors import PeriodError

FREQ = "Q-MAR"

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

# A financial year: 2023/24, 2023-24, 2023/2024, 23/24, FY2023/24, 2023–24.
_FY = r"(?:fy\s*)?(?P<y1>\d{4}|\d{2})\s*[/\-–_]\s*(?P<y2>\d{4}|\d{2})"
_Q = r"(?:q|qtr|quarter)\s*(?P<q>[1-4])"
_H = r"(?:h|half|half[\s-]?year)\s*(?P<h>[12])"

_PATTERNS = [
    ("quarter", re.compile(rf"^{_FY}\s*,?\s*{_Q}$")),
    ("quarter", re.compile(rf"^{_Q}\s*,?\s*{_FY}$")),
    ("half", re.compile(rf"^{_FY}\s*,?\s*{_H}$")),
    ("half", re.compile(rf"^{_H}\s*,?\s*{_FY}$")),
    ("year", re.compile(rf"^{_FY}$")),
]
_MONTH_RANGE = re.compile(rf"^{_MONTH}\w*\s*(?:-|–|to)\s*{_MONTH}\w*\s*(?P<y>\d{{4}}|\d{{2}})$")
_MONTH_YEAR = re.compile(rf"^{_MONTH}\w*[\s\-]*(?P<y>\d{{4}}|\d{{2}})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_BRACKETS = re.compile(rf"\(\s*{_MONTH}\w*\.?\s*(?:-|–|to)\s*{_MONTH}\w*\.?\s*\)")
_MONTH_RANGE_FY = re.compile(rf"^{_MONTH}\w*\s*(?:-|–|to)\s*{_MONTH}\w*\s*,?\s*{_FY}$")
_FY_MONTH_RANGE = re.compile(rf"^{_FY}\s*,?\s*{_MONTH}\w*\s*(?:-|–|to)\s*{_MONTH}\w*$")
_CALENDAR_Q = re.compile(r"^(?:(?:q|qtr|quarter)\s*(?P<q1>[1-4])\s*,?\s*(?P<y1>\d{4})|(?P<y2>\d{4})\s*-?\s*(?:q|qtr|quarter)\s*(?P<q2>[1-4]))$")
_DMY = re.compile(r"^(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})$")
_D_MONTH_Y = re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?[\s\-]?{_MONTH}\w*\.?[\s\-,]*(?P<y>\d{{4}})$")
_MONTH_D_Y = re.compile(rf"^{_MONTH}\w*\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$")
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


class PooledPeriod(PeriodError):
    """Several calendar years pooled into one figure (``2009-11``, ``2016 - 18``), as Fingertips and the ONS publish
    them: never a month, never one financial year. ``first`` and ``last`` are the calendar years it covers.

    perfkit reports quarters, half-years and financial years, which cannot hold such a figure, so readers
    refuse it naming the cell, rather than placing it in a period it does not cover.
    """

    def __init__(self, text: str, first: int, last: int):
        n = last - first + 1
        words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven"}
        month = ""
        m = re.fullmatch(r"\s*\d{4}\s*[-–]\s*(\d{2})\s*", text)
        if m and 1 <= int(m[1]) <= 12:
            month = f", not {_MONTH_NAMES[int(m[1]) - 1]} {first}"
        super().__init__(
            f"{text!r} is {words.get(n, str(n))} calendar years pooled ({first} to {last}){month}: perfkit reports "
            "quarters, half-years and financial years, none of which holds a pooled figure",
            hint="Leave pooled figures out of a quarterly return (map their column to \"ignore\" in perfkit.toml), "
            "or read them as comparison data with perfkit.read_comparators.",
        )
        self.text, self.first, self.last = text, first, last


# Calendar years pooled: 2009-11, 2016 - 18, 2014–2016 (a hyphen or dash; 2016/18 reads as financial years).
_POOLED = re.compile(r"^(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4}|\d{2})$")


def pooled_years(value) -> tuple[int, int] | None:
    """The first and last calendar years of a pooled period (``2016-18`` is 2016 to 2018), or None.

    Two years one apart (``2023-24``) are a financial year, not a pool; ``2023-09``, whose
    second number cannot be a later year, is a month.

    >>> pooled_years("2009-11"), pooled_years("2016 - 18"), pooled_years("2023-24"), pooled_years("2023-09")
    ((2009, 2011), (2016, 2018), None, None)
    """
    if not isinstance(value, str):
        return None
    m = _POOLED.match(" ".join(value.strip().split()))
    if not m:
        return None
    first = int(m["y1"])
    last = int(m["y2"]) if len(m["y2"]) == 4 else (first // 100) * 100 + int(m["y2"])
    if len(m["y2"]) == 2 and last < first:
        return None  # 2023-09: a month (or a wrapped century, which no council writes)
    return (first, last) if 2 <= last - first <= 10 else None


@dataclass(frozen=True)
class Span:
    """What a reporting period covers.

    ``end`` is the quarter the figure is reported in (the tidy frames' ``period``);
    ``kind`` is ``"quarter"``, ``"half"`` or ``"year"``.
    """

    kind: str
    start: pd.Period
    end: pd.Period

    @property
    def label(self) -> str:
        return period_label(self.end, self.kind)


def _year(text: str) -> int:
    """A year as typed; two digits pivot at 70 (``23`` is 2023, ``99`` is 1999)."""
    y = int(text)
    if y >= 100:
        return y
    return y + (2000 if y < 70 else 1900)


def _fy_end_year(y1: str, y2: str, original) -> int:
    """The calendar year in which the financial year ``y1/y2`` ends (2023/24 -> 2024)."""
    start = _year(y1)
    end = int(y2)
    if len(y2) != 4:
        end = (start // 100) * 100 + end
        if end == start + 1 - 100:  # 1999/00
            end += 100
    if end != start + 1:
        if end > start + 1:
            raise PeriodError(
                f"{original!r} spans more than one financial year; perfkit reports quarters, half-years and single years"
            )
        raise PeriodError(f"{original!r} is not a financial year: {y2} does not follow {y1}")
    return end


@lru_cache(maxsize=1024)
def quarter(fy_end_year: int, q: int) -> pd.Period:
    """The quarter ``q`` (1-4) of the financial year ending in March of ``fy_end_year``.

    Remembered (a Period is immutable, and making one costs some 16 microseconds: the readers ask for one per row).
    """
    return pd.Period(year=fy_end_year, quarter=q, freq=FREQ)


def parse_span(value) -> Span:
    """Read a period of any supported kind into a :class:`Span`.

    Parameters
    ----------
    value : str, date, datetime, pandas.Timestamp or pandas.Period
        ``2023/24 Q2``, ``Q2 2023/24``, ``2023-24 Q2``, ``Q2 23/24``, ``Jul-Sep 2023``,
        ``September 2023``, ``2023/24 (Jul-Sep)``, ``Jul-Sep 2023/24``, ``2023/24`` (a year),
        ``2023/24 H1`` (a half), or a date (``30/09/2023``, ``30 September 2023``,
        ``2023-09-30``: day first, as in the UK).

    Raises
    ------
    PeriodError
        When the value is not a period perfkit can read, with the forms it accepts.

    Examples
    --------
    >>> parse_span("2023/24 H1").label
    '2023/24 H1'
    >>> parse_span("2023/24 (Jul-Sep)").label, parse_span("30/09/2023").label
    ('2023/24 Q2', '2023/24 Q2')
    """
    if isinstance(value, Span):
        return value
    if isinstance(value, pd.Period):
        p = value.asfreq(FREQ, how="end") if value.freqstr != FREQ else value
        return Span("quarter", p, p)
    if isinstance(value, (_dt.date, pd.Timestamp)):
        p = pd.Period(value, freq=FREQ)
        return Span("quarter", p, p)
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        raise PeriodError("no period was given (an empty cell or setting)")
    if not isinstance(value, str):
        raise PeriodError(f"{value!r} is not a period")
    text = " ".join(value.strip().lower().replace("\u00a0", " ").split())
    if not text:
        raise PeriodError("an empty cell is not a period")
    bracket = _BRACKETS.search(text)
    if bracket is None:
        return _parse_text(text, value)
    months = (_month(bracket[1]), _month(bracket[2]))
    rest = " ".join((text[: bracket.start()] + " " + text[bracket.end():]).split())
    if not rest:
        raise PeriodError(f"{value!r} names months but no year; write it as '2023/24 Q2' or 'Jul-Sep 2023'")
    cal = _CALENDAR_Q.match(rest)
    if cal or re.fullmatch(r"\d{4}", rest):  # Q2 (Jul-Sep) 2023: the months say which quarter is meant
        year = int(cal["y1"] or cal["y2"]) if cal else int(rest)
        named = _month_span(months[0], months[1], year, value)
        q = cal and int(cal["q1"] or cal["q2"])
        if q and (named.kind != "quarter" or q != named.end.quarter):
            raise PeriodError(f"{value!r} contradicts itself: {_month_words(months)} {year} is {named.label}, not Q{q}")
        return named
    span = _parse_text(rest, value)
    named = _fy_month_span(months, span.end.qyear, value)
    if span.kind == "year":
        return named
    if named != span:
        raise PeriodError(f"{value!r} contradicts itself: {_month_words(months)} is {named.label}, not {span.label}")
    return span


def _month(word: str) -> int:
    return MONTHS[word[:3]]


_NAMED_PART = re.compile(r"(?<![a-z0-9])(?:(?:q|qtr|quarter)\s*(?P<q>[1-4])|(?:h|half)\s*(?P<h>[12]))(?![a-z0-9])", re.I)
_BRACKETED = re.compile(rf"\(\s*{_MONTH}\w*\.?\s*(?:-|–|to)\s*{_MONTH}\w*\.?(?:\s*(?:\d{{4}}|\d{{2}}))?\s*\)", re.I)


def months_part(first: int, last: int) -> str | None:
    """The quarter or half of the UK financial year (April to March) that months ``first`` to ``last`` are, or None.

    Examples
    --------
    >>> months_part(7, 9), months_part(10, 3), months_part(1, 3), months_part(4, 12)
    ('Q2', 'H2', 'Q4', None)
    """
    start, end = (first - 4) % 12, (last - 4) % 12
    if end - start == 2 and start % 3 == 0:
        return f"Q{start // 3 + 1}"
    if end - start == 5 and start % 6 == 0:
        return f"H{start // 6 + 1}"
    return None


def months_disagree(header: str) -> tuple[str, str] | None:
    """Where a header names a quarter (or half-year) and, in brackets, months that are another part of the UK financial
    year: (the part it names, the part its months are); None where they agree or it names no such pair.

    ``2023/24 Q3 (Jul-Sep)`` names Q3, but July to September is Q2 of a financial year (and Q3 of a calendar
    year): the months are the stronger evidence, since they mean one thing whichever year the writer counted in,
    and readers take the column as the months say, with a warning naming the cell.

    Examples
    --------
    >>> months_disagree("2023/24 Q3 (Jul-Sep) Status"), months_disagree("Q2 (Oct - Dec 2024) RAG")
    (('Q3', 'Q2'), ('Q2', 'Q3'))
    >>> months_disagree("Q3 (Oct-Dec)"), months_disagree("(Jul-Sep) Status"), months_disagree("H1 (Apr-Sep)")
    (None, None, None)
    """
    bracket = _BRACKETED.search(header)
    if bracket is None:
        return None
    named = _NAMED_PART.search(header[: bracket.start()] + " " + header[bracket.end():])
    months = months_part(_month(bracket[1].lower()), _month(bracket[2].lower()))
    if named is None or months is None:
        return None
    part = f"Q{named['q']}" if named["q"] else f"H{named['h']}"
    return (part, months) if part != months else None


def _month_words(months) -> str:
    return f"{_MONTH_NAMES[months[0] - 1]} to {_MONTH_NAMES[months[1] - 1]}"


def _month_span(first: int, last: int, year: int, original) -> Span:
    """The quarter, half-year or year from month ``first`` to month ``last`` of calendar ``year`` (the last month's year)."""
    months = (last - first) % 12 + 1
    end = pd.Period(year=year, month=last, freq="M").asfreq(FREQ)
    start = pd.Period(year=year, month=last, freq="M") - (months - 1)
    kinds = {3: "quarter", 6: "half", 12: "year"}
    starts = {3: (4, 7, 10, 1), 6: (4, 10), 12: (4,)}  # a half is Apr-Sep or Oct-Mar; a year Apr-Mar
    if months not in kinds or start.month not in starts[months]:
        raise PeriodError(f"{original!r} is not a financial quarter, half-year or year")
    return Span(kinds[months], start.asfreq(FREQ), end)


def _fy_month_span(months, fy_end_year: int, original) -> Span:
    """Months within the financial year ending in March of ``fy_end_year``."""
    last = months[1]
    return _month_span(months[0], last, fy_end_year - 1 if last >= 4 else fy_end_year, original)


def _date_span(year: int, month: int, day: int, original) -> Span:
    try:
        d = _dt.date(year, month, day)
    except ValueError:
        if 1 <= day <= 12 and month > 12:
            raise PeriodError(f"{original!r} is not a date: dates are written day first in the UK, e.g. 30/09/2023") from None
        raise PeriodError(f"{original!r} is not a date: there is no day {day} in month {month} of {year}") from None
    p = pd.Period(d, freq=FREQ)
    return Span("quarter", p, p)


def _calendar_quarter_error(original, year: int, q: int) -> PeriodError:
    """Say which financial quarter a calendar quarter is, and the other reading."""
    first = 3 * q - 2
    p = pd.Period(year=year, month=first, freq="M").asfreq(FREQ)
    months = f"{_MONTH_NAMES[first - 1]} to {_MONTH_NAMES[first + 1]} {year}"
    return PeriodError(
        f"{original!r} is ambiguous: a calendar year's quarter is not a financial year's. "
        f"If you mean {months}, write '{period_label(p)}'; if you mean Q{q} of a financial year, "
        f"write '{year}/{(year + 1) % 100:02d} Q{q}' or '{year - 1}/{year % 100:02d} Q{q}'"
    )


def _parse_text(text: str, value) -> Span:
    """Read lower-cased, space-normalised text (no bracketed months) into a :class:`Span`."""
    pooled = pooled_years(text)
    if pooled:  # 2009-11 is 2009 to 2011 pooled, never November 2009
        raise PooledPeriod(value.strip() if isinstance(value, str) else text, *pooled)
    iso_month = _ISO_MONTH.match(text)
    if iso_month and int(iso_month[2]) == (int(iso_month[1]) + 1) % 100:
        iso_month = None  # 2011-12 is the financial year 2011/12 (as councils write it), not December 2011
    if iso_month:  # 2023-09: a month, read like "September 2023" as the quarter that contains it
        p = pd.Period(year=int(iso_month[1]), month=int(iso_month[2]), freq="M").asfreq(FREQ)
        return Span("quarter", p, p)
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        end_year = _fy_end_year(m["y1"], m["y2"], value)
        if kind == "quarter":
            p = quarter(end_year, int(m["q"]))
            return Span(kind, p, p)
        if kind == "half":
            h = int(m["h"])
            return Span(kind, quarter(end_year, 2 * h - 1), quarter(end_year, 2 * h))
        return Span(kind, quarter(end_year, 1), quarter(end_year, 4))
    m = _MONTH_RANGE_FY.match(text) or _FY_MONTH_RANGE.match(text)
    if m:  # Jul-Sep 2023/24, 2023/24 Jul-Sep
        words = (m[1], m[2]) if m.re is _MONTH_RANGE_FY else (m[3], m[4])
        return _fy_month_span((_month(words[0]), _month(words[1])), _fy_end_year(m["y1"], m["y2"], value), value)
    m = _MONTH_RANGE.match(text)
    if m:
        return _month_span(_month(m[1]), _month(m[2]), _year(m["y"]), value)
    m = _MONTH_YEAR.match(text)
    if m:
        p = pd.Period(year=_year(m["y"]), month=MONTHS[m[1][:3]], freq="M").asfreq(FREQ)
        return Span("quarter", p, p)
    m = _CALENDAR_Q.match(text)
    if m:
        raise _calendar_quarter_error(value, int(m["y1"] or m["y2"]), int(m["q1"] or m["q2"]))
    m = _DMY.match(text)
    if m:  # 30/09/2023, 30-09-23, 30.09.2023: day first, as in the UK
        return _date_span(_year(m["y"]), int(m["m"]), int(m["d"]), value)
    m = _D_MONTH_Y.match(text) or _MONTH_D_Y.match(text)
    if m:  # 30 September 2023, 30th Sept 2023, September 30, 2023
        return _date_span(int(m["y"]), _month(m[1] if m.re is _MONTH_D_Y else m[2]), int(m["d"]), value)
    if re.fullmatch(rf"{_Q}|{_H}|{_MONTH}\w*(?:\s*(?:-|–|to)\s*{_MONTH}\w*)?", text):
        raise PeriodError(f"{value!r} names no year; write it with its financial year, e.g. '2023/24 Q2' or 'Jul-Sep 2023'")
    try:
        ts = pd.Timestamp(_dt.datetime.fromisoformat(text))
    except ValueError:
        raise PeriodError(f"cannot read {value!r} as a period") from None
    p = pd.Period(ts, freq=FREQ)
    return Span("quarter", p, p)


def parse_period(value) -> pd.Period:
    """Read a period into the ``Period[Q-MAR]`` quarter in which it is reported.

    Parameters
    ----------
    value : str, date, datetime, pandas.Timestamp or pandas.Period
        See :func:`parse_span` for the accepted forms. A half-year gives its
        last quarter (H1 -> Q2), a year gives Q4.

    Returns
    -------
    pandas.Period
        freq ``Q-MAR``.

    Examples
    --------
    >>> parse_period("Jul-Sep 2023")
    Period('2024Q2', 'Q-MAR')
    """
    return parse_span(value).end


def period_label(period, kind: str = "quarter") -> str:
    """Write a period the UK public-sector way: ``2023/24 Q2``.

    Parameters
    ----------
    period : pandas.Period or anything :func:`parse_period` reads
    kind : {"quarter", "half", "year"}
        How to write it: ``2023/24 Q2``, ``2023/24 H1`` or ``2023/24``.

    Examples
    --------
    >>> period_label("2023-24 Q4"), period_label("2023/24 Q4", "year")
    ('2023/24 Q4', '2023/24')
    """
    p = period if isinstance(period, pd.Period) and period.freqstr == FREQ else parse_period(period)
    fy = f"{p.qyear - 1}/{p.qyear % 100:02d}"
    if kind == "year":
        return fy
    if kind == "half":
        return f"{fy} H{(p.quarter + 1) // 2}"
    return f"{fy} Q{p.quarter}"


def financial_year(period) -> str:
    """The financial year of a period, written ``2023/24``."""
    return period_label(period, "year")


_FY = r"(?<!\d)(?:fy\s*)?(\d{4}|\d{2})\s*[/\-–_]\s*(\d{4}|\d{2})(?!\d)"
# "2018-19 to 2022-23": a run of financial years, its last named after "to" (or a dash between two whole years)
_YEARS_RUN = re.compile(rf"{_FY}\s*(?:to|until|through|\s[-–—]\s)\s*{_FY.replace('(?:fy', '(?:fy')}")


def find_financial_year(*texts) -> int | None:
    """The end year of the one financial year named in some text (title rows, sheet or file name).

    Returns ``None`` when none is named; when several different years are named,
    the first one found wins, so pass the most specific text first.

    Examples
    --------
    >>> find_financial_year("Council Plan delivery 2023/24 - Appendix 1")
    2024
    >>> find_financial_year("LGBF indicators 2018-19 to 2022-23")  # a run of years: the last, the one reported
    2023
    """
    for text in texts:
        if not isinstance(text, str):
            continue
        run = _YEARS_RUN.search(text.lower())
        if run is not None:
            try:
                return _fy_end_year(run[3], run[4], text)
            except PeriodError:
                pass
        for m in re.finditer(r"(?<!\d)(?:fy\s*)?(\d{4}|\d{2})\s*[/\-–_]\s*(\d{4}|\d{2})(?!\d)", text.lower()):
            try:
                return _fy_end_year(m[1], m[2], text)
            except PeriodError:
                continue
    return None


def meeting_date(value) -> _dt.date | None:
    """A meeting's or publication's date as an officer writes it: day first (5/11/2024) or ISO (2024-11-05).

    ``None`` or blank is no date given (the caller uses today). A date or datetime is taken as it is.

    Raises
    ------
    PeriodError
        If the text is not a date, with how to write one.

    Examples
    --------
    >>> meeting_date("5/11/2024"), meeting_date("2024-11-05")
    (datetime.date(2024, 11, 5), datetime.date(2024, 11, 5))
    >>> meeting_date("31/31/2024")
    Traceback (most recent call last):
    perfkit.core.errors.PeriodError: '31/31/2024' is not a date
    Write the meeting or publication date as 5/11/2024 (day first) or 2024-11-05.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    uk = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)  # 5/11/2024: day first, as in the UK
    try:
        return _dt.date(int(uk[3]), int(uk[2]), int(uk[1])) if uk else _dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{value!r} is not a date", hint="Write the meeting or publication date as 5/11/2024 (day first) or 2024-11-05.") from None


def first_period_after(periods, period) -> pd.Period | None:
    """The first of ``periods`` where every one is after ``period`` (a Q1 briefing of a register or plan first reported
    at Q2 has nothing to report, and must not quote a later period's position), else None.

    Examples
    --------
    >>> have = [pd.Period("2025Q2", "Q-MAR")]
    >>> str(first_period_after(have, "2024/25 Q1")), first_period_after(have, "2024/25 Q2"), first_period_after([], "Q1")
    ('2025Q2', None, None)
    """
    have = sorted(p for p in pd.Series(list(periods) if periods is not None else [], dtype=object).dropna().unique())
    if not have or period is None:
        return None
    p = period if isinstance(period, pd.Period) else parse_span(period).end
    return have[0] if have[0] > p else None
