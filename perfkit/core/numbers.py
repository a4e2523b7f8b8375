"""Numbers as officers type them: ``79%``, ``1,234``, ``£2.5m``, ``(120)``, ``12 days``, ``-``, ``n/a``, ``<5``.

:func:`parse_number` gives a :class:`Parsed` value: a float with the unit the cell
showed (``%``, ``£``, or a word such as ``days``, ``kg``, ``tonnes``), or ``None``
with the reason the cell holds no number (a placeholder such as ``n/a`` or a
suppressed value such as ``<5`` or ``[c]``, or text that is not a number at all,
which the readers report as an error with its cell). :func:`missing_reason` says
in words why a placeholder holds no figure.

Examples
--------
>>> from perfkit.core.numbers import parse_number, missing_reason
>>> parse_number("79%"), parse_number("£2.5m").value, parse_number("n/a").missing
(Parsed(value=79.0, unit='%', missing=''), 2500000.0, 'placeholder')
>>> parse_number("12 days"), parse_number("1,234 tonnes").unit
(Parsed(value=12.0, unit='days', missing=''), 'tonnes')
>>> parse_number("<5"), missing_reason("<5"), missing_reason("[z]")
(Parsed(value=None, unit='', missing='placeholder'), 'suppressed', 'not applicable')
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
        ":", "[low]", "[u]", "not reported", "[not applicable]", "[not available]", "redacted", "withheld",
    }
)
# Why a placeholder holds no figure, as statisticians mark it (ONS, DfE, Eurostat, Fingertips): each word once, in words.
_REASONS = {
    "suppressed": ("*", "c", "[c]", "s", "supp", "suppressed", "[low]", "redacted", "withheld"),
    "not applicable": ("not applicable", "[z]", "z", "[not applicable]"),
    "not available or not applicable": ("n/a", "na", "n.a.", "n.a", "#n/a"),
    "not available": ("..", "...", ":", "x", "[x]", "[u]", "not available", "no data", "data not available", "nk", "not known",
                      "[not available]", "not reported", "-", "–", "—", "--", "none", "null"),
    "to be confirmed": ("tbc", "tbd", "tba", "awaiting data", "not yet known"),
    "not due": ("not due",),
}
_REASON = {word: why for why, words in _REASONS.items() for word in words}
# A figure not in yet, as officers type it in its place: "Data not yet available", "Awaited", "Data due Nov", "To follow".
_NOT_YET = re.compile(
    # "Q2 data not yet available", "Quarter 2 figures awaited": the quarter the figure is for, before the rest
    r"^(?:(?:q[1-4]|quarter\s+[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:[\s'-]*\d{2,4})?)\s+)?"
    r"(?:(?:the\s+)?(?:data|figures?|results?|outturn|information|survey|census|return|audit)\s+)?(?:is\s+|are\s+)?"
    # "No survey", "No survey this year": no figure this time, said as such
    r"(?:no\s+(?:survey|census|return|data\s+collection)\b.*|"
    r"not\s+yet\s+(?:available|reported|received|published|collected|known|in)(?:\s*[(\-–:;,].*)?|nya|n\.y\.a\.?|awaited|awaiting\b.*|to\s+follow|"
    r"due\s+(?:in\s+|by\s+|on\s+|at\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|q[1-4]|quarter|next|the\s+next|end)\b.*|"
    r"available\s+(?:in|from|by|at)\b.*|available\s+(?:q[1-4]|quarter\s+[1-4]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b.*|pending\b.*|not\s+yet\s+due|not\s+yet\s+validated|being\s+validated|"
    r"under\s+validation|provisional\s+(?:only|figures?\s+awaited)|"
    # "Annual measure", "Reported annually": a figure the quarter does not have
    r"annual(?:\s+(?:measure|indicator|figure|data|return|only))?|reported\s+(?:annually|yearly|at\s+year[\s-]end|termly)|"
    r"year[\s-]end\s+(?:only|figure|measure)|termly(?:\s+(?:data|figure|measure))?|"
    # "Annual - reported at Q4", "Reported in Q4 only", "Six-monthly - reported at Q2 and Q4": not this quarter's
    r"(?:(?:annual(?:ly)?|six[\s-]?monthly|half[\s-]?yearly|bi[\s-]?annual)(?:\s+(?:measure|indicator|figure|data|survey|pi|kpi))?)?"
    r"\s*[-–:,(]?\s*(?:reported|published|measured|collected)"
    r"(?:\s+only)?\s+(?:(?:at|in)\s+)?(?:q[1-4]|quarter\s+[1-4]|year[\s-]end|the\s+year[\s-]end)(?:\s+(?:and|&)\s+q[1-4])?(?:\s+only)?\)?)[.!]?$")
# A value given only as below a threshold (``<5``, ``< 10``, ``≤3``): small numbers withheld to protect people.
_BELOW = re.compile(r"^(?:<|≤|<=|less than|fewer than)\s*\d+(?:\.\d+)?\s*%?$")
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
# Units of money in thousands, millions or billions, as workbooks head them: the suffix a council writes ("£468k").
MONEY_UNITS = {"£k": "k", "£000": "k", "£000s": "k", "£'000": "k", "£'000s": "k", "£thousand": "k", "£thousands": "k", "k£": "k",
               "£m": "m", "£million": "m", "£millions": "m", "£mn": "m", "£bn": "bn"}
"""Keys folded to lower case without spaces (see :func:`money_unit`)."""


def money_unit(unit) -> str | None:
    """The multiplier a unit of money names (``£m`` -> ``m``, ``£ 000s`` -> ``k``), or None for any other unit.

    Examples
    --------
    >>> money_unit("£m"), money_unit("£ 000s"), money_unit("days")
    ('m', 'k', None)
    """
    return MONEY_UNITS.get(str(unit or "").strip().lower().replace(" ", ""))
_NUMBER = re.compile(
    r"^(?P<neg>[-−–])?\s*(?P<cur>[£$€])?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)\s*(?P<suffix>%|k|m|mn|bn|b|p)?$"
)


# Units officers type after a figure (``12 days``, ``118 kg``, ``4.5 hrs``), each written one way in the frame.
UNIT_WORDS = {
    "days": ("day", "days", "working days", "working day", "calendar days", "wd", "wds"),
    "hours": ("hour", "hours", "hr", "hrs", "h"),
    "minutes": ("minute", "minutes", "min", "mins"),
    "seconds": ("second", "seconds", "sec", "secs"),
    "weeks": ("week", "weeks", "wk", "wks"),
    "months": ("month", "months", "mth", "mths"),
    "years": ("year", "years", "yr", "yrs"),
    "kg": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"),
    "tonnes": ("t", "tonne", "tonnes", "ton", "tons", "tco2e", "tco2", "tco2eq"),  # tonnes of carbon dioxide (equivalent)
    "litres": ("litre", "litres", "liter", "liters"),
    "kWh": ("kwh", "kilowatt hours", "kilowatt-hours"),
    "MWh": ("mwh", "megawatt hours", "megawatt-hours"),
    "GWh": ("gwh", "gigawatt hours", "gigawatt-hours"),
    "km": ("km", "kilometre", "kilometres"),
    "miles": ("mile", "miles"),
    # floorspace and land: a regeneration programme's outputs ('1,150 sqm of commercial space', '3.5 hectares')
    "sq m": ("sqm", "sq m", "sq. m", "sq.m", "sq metres", "square metres", "square meters", "square metre", "m2", "sqm floorspace"),
    "sq ft": ("sq ft", "sqft", "sq. ft", "sq.ft", "square feet", "square foot", "ft2"),
    "hectares": ("ha", "hectare", "hectares"),
    "acres": ("acre", "acres"),
    "%": ("percent", "per cent", "pct"),
    "percentage points": ("pp", "ppt", "ppts", "percentage point", "percentage points", "% points"),
    "people": ("people", "person", "persons", "residents", "resident"),
    "households": ("household", "households", "hh"),
    "homes": ("home", "homes", "dwelling", "dwellings", "house", "houses"),
    "properties": ("property", "properties"),
    "pupils": ("pupil", "pupils", "students", "student"),
    "children": ("child", "children"),
    "visits": ("visit", "visits"),
    "calls": ("call", "calls"),
    "cases": ("case", "cases"),
    "jobs": ("job", "jobs"),
    "businesses": ("business", "businesses"),
    "complaints": ("complaint", "complaints"),
    "applications": ("application", "applications"),
    "incidents": ("incident", "incidents"),
    "referrals": ("referral", "referrals"),
    "assessments": ("assessment", "assessments"),
    "placements": ("placement", "placements"),
    "beds": ("bed", "beds"),
    "trees": ("tree", "trees"),
    "items": ("item", "items"),
    "tests": ("test", "tests"),
    "inspections": ("inspection", "inspections"),
    "interventions": ("intervention", "interventions"),
    "attendances": ("attendance", "attendances"),
    "admissions": ("admission", "admissions"),
    "contacts": ("contact", "contacts"),
    "enquiries": ("enquiry", "enquiries"),
    "requests": ("request", "requests"),
    "reports": ("report", "reports"),
    "members": ("member", "members"),
    "users": ("user", "users"),
    "sessions": ("session", "sessions"),
    "participants": ("participant", "participants"),
    "volunteers": ("volunteer", "volunteers"),
    "claims": ("claim", "claims"),
    "permits": ("permit", "permits"),
    "licences": ("licence", "licences", "license", "licenses"),
    "loans": ("loan", "loans"),
    "bookings": ("booking", "bookings"),
    "staff": ("staff", "fte", "ftes"),
    "per 1,000": ("per 1000", "per 1,000", "per thousand"),
    "per 10,000": ("per 10000", "per 10,000"),
    "per 100,000": ("per 100000", "per 100,000"),
}
_UNIT = {" ".join(w.split()): unit for unit, words in UNIT_WORDS.items() for w in words}
_WITH_UNIT = re.compile(
    r"^(?P<neg>[-−–])?\s*(?P<cur>[£$€])?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)\s*(?:(?P<suffix>k|m|mn|bn|b)(?![a-z]))?"
    r"\s*(?P<word>[a-z%][a-z%,.\s]*?(?:\s*/\s*(?:yr|year|annum|a))?|[a-z]+\d[a-z\d]*|per\s*[\d,]+(?:\s*[a-z]+)?)\.?$"
)
_A_YEAR = re.compile(r"^(.+?)\s*(?:/\s*(?:yr|year|annum|a)|per (?:year|annum)|pa|p\.a)$")
_PER = re.compile(r"^(per [\d,]+|per thousand)(?: (?:population|pop|residents|people|head|heads))?$")


MIN_SEC = re.compile(r"(?i)\bm{1,2}\s*:\s*ss\b|\bmins?\s*:\s*secs?\b|\bminutes?\s+and\s+seconds\b")
HOUR_MIN = re.compile(r"(?i)\bh{1,2}\s*:\s*mm\b|\bhrs?\s*:\s*mins?\b|\bhours?\s+and\s+minutes\b")


def clock_unit(unit) -> str | None:
    """``"m:ss"`` or ``"h:mm"`` where a measure's unit (or name) says its times are minutes and seconds (``mm:ss``) or
    hours and minutes (``hh:mm``), else None. perfkit holds such a time in minutes, and shows it as the unit says.

    Examples
    --------
    >>> clock_unit("mm:ss"), clock_unit("Average wait (hh:mm)"), clock_unit("minutes")
    ('m:ss', 'h:mm', None)
    """
    said = str(unit or "")
    return "m:ss" if MIN_SEC.search(said) else "h:mm" if HOUR_MIN.search(said) else None


def clock_text(minutes: float, clock: str) -> str:
    """A time held in minutes written as its unit shows it: ``8:12`` for 8.2 minutes in m:ss, ``1:30`` for 90 in h:mm.

    Examples
    --------
    >>> clock_text(8.2, "m:ss"), clock_text(1.4333, "m:ss"), clock_text(90, "h:mm"), clock_text(59.999, "m:ss")
    ('8:12', '1:26', '1:30', '60:00')
    """
    whole = round(minutes * 60) if clock == "m:ss" else round(minutes)
    sign = "-" if whole < 0 else ""
    big, small = divmod(abs(int(whole)), 60)
    return f"{sign}{big}:{small:02d}"


def canonical_unit(word) -> str | None:
    """The unit a word typed after a figure names (``hrs`` is ``hours``, ``Tonnes`` is ``tonnes``), or None.

    >>> canonical_unit("Hrs"), canonical_unit("kgs"), canonical_unit("widgets"), canonical_unit("kg/yr")
    ('hours', 'kg', None, 'kg')
    """
    if not isinstance(word, str):
        return None
    text = " ".join(word.lower().replace("\u00a0", " ").split()).rstrip(".")
    if text in _UNIT:
        return _UNIT[text]
    yearly = _A_YEAR.match(text)  # "kg/yr", "tonnes per annum": the unit, its year said by the column it stands in
    if yearly and yearly[1] in _UNIT:
        return _UNIT[yearly[1]]
    per = _PER.match(text)
    return _UNIT.get(per[1]) if per else None


def not_yet_in(value) -> bool:
    """Whether a cell holds words that say its figure is not in yet, where a figure was due (``Data not yet available``,
    ``Awaited``, ``Data due Nov``, ``To follow``): a missing figure, said as such, never text that stops the reading.

    Examples
    --------
    >>> not_yet_in("Data not yet available"), not_yet_in("Due November"), not_yet_in("About ninety")
    (True, True, False)
    >>> not_yet_in("Annual - reported at Q4"), not_yet_in("Reported in Q4 only"), not_yet_in("Reported at Q2")
    (True, True, True)
    >>> not_yet_in("Data not yet available (published Dec 24)"), not_yet_in("No survey"), not_yet_in("Survey due April 2025")
    (True, True, True)
    >>> not_yet_in("Available Q3"), not_yet_in("Available")
    (True, False)
    >>> not_yet_in("Blynyddol - adroddir yn Ch4 / Annual - reported at Q4"), not_yet_in("Annual measure – reported at Q4")
    (True, True)
    >>> not_yet_in("Annual measure - reported Q4"), not_yet_in("Reported only at year end"), not_yet_in("Reported Q4 and Q2 figures")
    (True, True, False)
    >>> not_yet_in("Q2 data not yet available (published Dec-24)"), not_yet_in("Sept figures awaited"), not_yet_in("Q2 was 95%")
    (True, True, False)
    """
    if not isinstance(value, str):
        return False
    said = " ".join(value.strip().lower().split())
    # a bilingual cell ('Welsh / English'): either half saying so is enough
    return any(_NOT_YET.match(part.strip()) is not None for part in (said, *(said.split(" / ") if " / " in said else ())))


def missing_reason(value) -> str:
    """Why a cell holds no figure, in words: ``suppressed``, ``not applicable``, ``not available``,
    ``to be confirmed``, ``not due``, ``not yet available`` (:func:`not_yet_in`), ``blank``, or ``""`` when it holds a
    number or is not a placeholder.

    Statisticians' marks are read as they publish them: ``<5`` (``<5*`` with a footnote's mark), ``*``, ``c`` and ``[c]`` are
    suppressed (withheld to protect small numbers), ``[z]`` is not applicable, ``..``, ``:``
    and ``[x]`` are not available.
    """
    parsed = parse_number(value)
    if parsed.missing == "blank":
        return "blank"
    if parsed.missing != "placeholder":
        return "not yet available" if parsed.missing == "text" and not_yet_in(value) else ""
    text = " ".join(str(value).strip().lower().replace("\u00a0", " ").split())
    text = re.sub(r"(?<=\S)\s*(?:\*{1,3}|†|‡)$", "", text)  # "<5*": the mark, its footnote's, aside
    if _BELOW.match(text):
        return "suppressed"
    return _REASON.get(text, "not available")


class Parsed(NamedTuple):
    """A parsed cell: ``value`` (float or None), the ``unit`` the text showed, and why it is ``missing``.

    ``missing`` is ``""`` for a number, ``"placeholder"`` for a recognised
    no-value marker (``-``, ``n/a``, ``TBC``, and suppressed values such as ``<5``
    and ``[c]``: :func:`missing_reason` says which), ``"blank"`` for an empty cell
    and ``"text"`` for text that is not a number. ``unit`` is ``%``, ``£``, or the
    word typed after the figure as :func:`canonical_unit` writes it (``days``).
    """

    value: float | None
    unit: str = ""
    missing: str = ""


_CLOCK = re.compile(r"^(?P<a>\d{1,2}):(?P<b>\d{2}):(?P<c>\d{2})$")  # 8:30 alone could be minutes or hours: not read
# A duration typed in two units, as response times are: "8m 18s", "8 mins 30 secs", "1h 20m", "1 hr 5 mins".
_TWO_PART = re.compile(r"^(?:(?P<h>\d{1,3})\s*(?:h|hr|hrs|hour|hours)\s*,?\s*(?P<hm>\d{1,2})\s*(?:m|min|mins|minute|minutes)"
                       r"|(?P<m>\d{1,3})\s*(?:m|min|mins|minute|minutes)\s*,?\s*(?P<s>\d{1,2}(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds))$")


# A statistician's mark after a figure: provisional, revised or estimated ("71 [p]", "12.4 (r)", "3.2 (provisional)")
# "71 [p]", "3.2 (provisional)", "50.4%*", "1,234†": a statistician's mark or a footnote's after the figure
_STATUS_MARK = re.compile(r"\s*(?:[\[(]\s*(?:p|r|e|est|prov|provisional|revised|estimated?|unvalidated)\s*[\])]|(?<=[\d%\]])\s*(?:\*{1,3}|†|‡)"
                          # "56% (Q2 profile)", "1,200 (year-end target)": the figure, what it is said in brackets after it
                          r"|(?<=[\d%])\s*\(\s*(?:(?:q[1-4]|quarter\s+[1-4]|h[12]|year[\s-]end|annual|ytd|monthly)\s+)?"
                          r"(?:profile|profiled|target|trajectory|plan|forecast)\s*\))\s*$", re.I)


def parse_number(value) -> Parsed:
    """Read one cell's value as a number, saying why when it is not one.

    Percentages keep their points: ``79%`` is 79.0 with unit ``%``. A number typed
    in brackets is negative, as accountants write it. A time (``00:08:30``, or a cell
    Excel holds as a time) is a duration in minutes: response times, as is one typed in two
    units (``8m 18s``, ``1h 20m``). ``8:30`` alone could be minutes or hours, so it is not read.

    Examples
    --------
    >>> parse_number("79%"), parse_number("00:08:30"), parse_number("8:30").missing
    (Parsed(value=79.0, unit='%', missing=''), Parsed(value=8.5, unit='minutes', missing=''), 'text')
    >>> parse_number("8m 18s").value, parse_number("1h 20m").value, parse_number("71 [p]").value
    (8.3, 80.0, 71.0)
    >>> parse_number("28% (Q1 profile)")
    Parsed(value=28.0, unit='%', missing='')
    """
    if value.__class__ is float:  # most cells of figures: a number, or NaN (blank)
        return Parsed(value) if value == value else Parsed(None, missing="blank")
    if value is None:
        return Parsed(None, missing="blank")
    if isinstance(value, bool):
        return Parsed(None, missing="text")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return Parsed(None, missing="blank")
        return Parsed(float(value))
    if isinstance(value, _dt.time) and not isinstance(value, _dt.datetime):  # a response time typed 00:08:30
        return Parsed(round(value.hour * 60 + value.minute + value.second / 60, 4), "minutes")
    if isinstance(value, _dt.timedelta):
        return Parsed(round(value.total_seconds() / 60, 4), "minutes")
    if isinstance(value, _dt.date):
        return Parsed(None, missing="text")
    text = str(value).strip().replace("\u00a0", " ")
    if text == "":
        return Parsed(None, missing="blank")
    clock = _CLOCK.match(text)
    if clock:  # "00:08:30": hours, minutes and seconds, read in minutes
        h, mi, sec = int(clock["a"]), int(clock["b"]), int(clock["c"])
        if mi < 60 and sec < 60:
            return Parsed(round(h * 60 + mi + sec / 60, 4), "minutes")
    low = text.lower()
    two = _TWO_PART.match(low) if low[:1].isdigit() and low[-1:].isalpha() else None  # a figure, then a unit
    if two:  # "8m 18s" is 8.3 minutes; "1h 20m" is 80
        if two["h"] is not None and int(two["hm"]) < 60:
            return Parsed(float(int(two["h"]) * 60 + int(two["hm"])), "minutes")
        if two["m"] is not None and float(two["s"]) < 60:
            return Parsed(round(int(two["m"]) + float(two["s"]) / 60, 4), "minutes")
    if low in PLACEHOLDERS or _BELOW.match(low):  # <5 is a suppressed value, never 5
        return Parsed(None, missing="placeholder")
    marked = _STATUS_MARK.search(text)
    if marked and marked.start() > 0:  # "71 [p]", "3.2 (provisional)": the figure, its statistician's mark aside
        inner = parse_number(text[:marked.start()])
        if inner.value is not None or inner.missing == "placeholder":  # "<5*", "[c]*": suppressed, its footnote aside
            return inner
    neg = False
    if text.startswith("(") and text.endswith(")"):
        neg, text = True, text[1:-1].strip()
    m = _NUMBER.match(text.lower().replace(" ", ""))
    word = ""
    if not m:
        m = _WITH_UNIT.match(" ".join(text.lower().replace("²", "2").split()))  # '200 m²' as '200 m2'
        word = canonical_unit(m["word"]) if m else None
        if not word:
            return Parsed(None, missing="text")
    number = float(m["num"].replace(",", ""))
    suffix = m["suffix"] or ""
    unit = "%" if suffix == "%" else ("£" if m["cur"] == "£" else "")
    if word:  # 12 days, 1,234 tonnes, 4.5 hrs: the figure with its unit ("£12 per 1,000" keeps £)
        unit = word if unit != "£" or word == "%" else unit
    number *= _SCALE.get(suffix, 1.0)
    if suffix == "p":  # pence
        number /= 100 if m["cur"] == "£" else 1
    if neg or m["neg"]:
        number = -number
    return Parsed(number, unit)
