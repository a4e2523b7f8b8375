"""Header wordings: which spreadsheet column holds which tidy field.

Headers are matched ignoring case, spacing and punctuation against the words in
:data:`MILESTONE_HEADERS` and :data:`MEASURE_HEADERS`. A header that names a
period as well as a field (``Q2 Status``, ``RAG Q2``, ``2023/24 Target``,
``Q1 2023/24``) is a *period column* of a wide layout. Anything else can be
mapped by hand with ``columns={"Header as typed": "field"}``, where a field may
carry a period: ``{"Jul update": "commentary@2023/24 Q2"}``.

Examples
--------
>>> from perfkit.read.columns import split_header
>>> split_header("Q2 RAG", "milestones")
('status', 'Q2')
>>> split_header("2023/24 Target", "measures")
('target', '2023/24')
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field

from perfkit.core.errors import ConfigError, PeriodError
from perfkit.core.periods import parse_span

from perfkit.read.spec import KindSpec, get_kind, normalise_header
from perfkit.read.vocabulary import could_read, words_reading
from perfkit.core.periods import MONTHS, Span, months_disagree, months_part, quarter

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_FY = r"(?:fy\s*)?\d{2,4}\s*[/\-–_]\s*\d{2,4}"
_Q = r"(?:q|qtr|quarter)\s*[1-4]"
_H = r"(?:h|half)\s*[12]"
_YY = r"(?:\d{4}|\d{2})"
_DATE = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
PERIOD_TOKEN = re.compile(
    rf"(?<![a-z0-9])("
    rf"{_DATE}|{_FY}\s*,?\s*(?:{_Q}|{_H})|(?:{_Q}|{_H})\s*,?\s*(?:\({_MONTH}\s*[-–]\s*{_MONTH}\)\s*)?{_FY}"
    rf"|{_MONTH}\s*(?:[-–]|to)\s*{_MONTH}(?:\s*[-']?\s*{_YY})?|{_Q}\s*\({_MONTH}\s*[-–]\s*{_MONTH}\)|{_Q}|{_H}|{_FY}"
    rf"|{_MONTH}\s*[-'’ ]\s*{_YY}|{_MONTH}"
    rf")(?![a-z0-9])"
)
# Headers that look like a period but name none perfkit can place: reported when left unused.
PERIOD_LIKE = re.compile(rf"(?<![a-z0-9])(?:{_Q}|{_H}|{_MONTH}|period\s*\d+|p\d{{1,2}}|month\s*\d+|position|ytd|year to date)(?![a-z0-9])")


def _spec(kind) -> KindSpec:
    return get_kind(kind)


_LOOKUPS: dict[str, dict[str, str]] = {}


def _lookup(spec: KindSpec) -> dict[str, str]:
    found = _LOOKUPS.get(spec.name)
    if found is None:
        found = {}
        for fld, words in spec.headers.items():
            for w in words:
                found.setdefault(normalise_header(w), fld)
        _LOOKUPS[spec.name] = found
    return found


# "Total" beside a quarter ("Q1 Total", "Total Q1", "Quarter 1 total") is the quarter's own figure, beside its months;
# so is its average ("Q1 Avg", "Q2 average": an SLA's monthly percentages and the officer's figure for the quarter).
_FILLER = re.compile(r"\b(?:update|for|in|of|the|as at|at|year|annual|to date|ytd|end|position|rating|return|report|reported|qtr|q|total"
                     r"|avg|average|quarter|quarterly|discrete|current|latest)\b")  # "Current: 12 months to Sep 2024"


_JOINING = re.compile(r"\b(?:as\s+at|as\s+of|at|for|in|of|the|to|on|by)\b")


def split_header(text, kind) -> tuple[str | None, str | None]:
    """The field a header names and the period token in it, if any.

    Returns ``(field, token)``; ``field`` is None when the header is not recognised,
    ``token`` is None when the header names no period. The token is the text as
    typed (``Q2``, ``2023/24 Q2``, ``Apr-Jun``, ``Sep-24``); :func:`resolve_token`
    turns it into periods. A header that is none of the kind's phrases exactly is read
    by its words (:mod:`perfkit.read.vocabulary`); :func:`read_header` says which.
    """
    reading = read_header(text, kind)
    return reading.field, reading.token


@dataclass(frozen=True)
class HeaderReading:
    """What a header names: ``field`` and period ``token`` (either None), and how it was read.

    ``by_words`` is true when no phrase matched exactly and the header was read by its words;
    ``alternatives`` lists the fields an ambiguous header could name (``Status and
    commentary``), when ``field`` is None.
    """

    field: str | None
    token: str | None
    by_words: bool = False
    alternatives: tuple[str, ...] = ()


_NOTHING = HeaderReading(None, None)
_READINGS: dict[tuple[str, str], HeaderReading] = {}
_BARE_PERIOD = re.compile(rf"(?:{_Q}|{_H})")
_BARE_YEAR = re.compile(_FY)


# "Status: Open/Closed", "RAG (R/A/G)": a field's name, then the words its cells hold
_FIELD_THEN_VALUES = re.compile(r"^\s*(?P<field>[A-Za-z][A-Za-z &'-]{1,30}?)\s*(?::|\()\s*[^\s/:()]+(?:\s*/\s*[^\s/:()]+)+\s*\)?\s*$")
# "Overall RAG" beside "Delivery RAG | Budget RAG": the item's status, the others ratings of its parts
OVERALL = re.compile(r"(?i)^\s*overall\b")
# "RAG key", "Status legend": a key's heading, its words last, never a column of the items' own (read by words, "key"
# is filler: "Key deliverable")
LEGEND = re.compile(r"\b(?:key|legend)\s*:?\s*$")

# A score's formula in brackets: "(C x L)", "(L x I)", "(P*I)", "(Likelihood x Impact)", "(consequence × likelihood)"
_PRODUCT_BRACKET = re.compile(r"\(\s*[A-Za-z]{1,14}\s*[x×*]\s*[A-Za-z]{1,14}\s*\)")

MAX_HEADER_CHARS = 250  # longer text in a header row is a note or a title, never a column's header


def read_header(text, kind) -> HeaderReading:
    """A header's field and period token, exact phrases first, then its words; remembered per kind and wording.

    Examples
    --------
    >>> import perfkit.read.kinds
    >>> read_header("Q2 actual 2024/25", "measures")
    HeaderReading(field='actual', token='2024/25 Q2', by_words=False, alternatives=())
    >>> read_header("Officer responsible", "milestones").by_words
    True
    """
    spec = _spec(kind)
    if text is None or (isinstance(text, str) and not text.strip()):
        return _NOTHING
    if len(str(text)) > MAX_HEADER_CHARS:  # a paragraph, not a header: and never a pattern's work in proportion to its length
        return _NOTHING
    key = (spec.name, str(text))
    found = _READINGS.get(key)
    if found is None:
        if len(_READINGS) > 50_000:
            _READINGS.clear()
        found = _read_header(str(text), spec)
        scheme = _SCHEME.match(str(text)) if found.field is None and not found.alternatives else None
        if scheme is not None:  # "BVAR recommendation", "ASCOF ref": a scheme's name before a header perfkit knows
            inner = _read_header(scheme["rest"], spec)
            if inner.field is not None and inner.token is None:
                found = HeaderReading(inner.field, None, True)
        if ((found.field is None and not found.alternatives) or (found.field == "actual" and found.by_words)) \
                and _PLANNED.search(str(text)):
            # "For information - Your planned performance as reported in 2024-25 planning" over "Q1": each quarter's plan;
            # "Planned performance" over "Q1 | Q2" beside "Actual performance": the plan, never a second run of actuals
            tokens = [m.group(0) for m in PERIOD_TOKEN.finditer(str(text).lower())]
            plan = _read_header(" ".join(["Plan", *tokens[-2:]]), spec)
            found = HeaderReading(plan.field, plan.token, True) if plan.field == "target" else found
        way = (WAY_NOTE.search(str(text)) or WAY_BRACKET.search(str(text))) if found.field is None and spec.name == "measures" else None
        if way is not None and way.start() > 0:  # "Target (lower is better)": the target, its polarity said beside it
            inner = _read_header((str(text)[:way.start()] + " " + str(text)[way.end():]).strip(), spec)
            found = HeaderReading(inner.field, inner.token, True) if inner.field not in (None, "polarity") else found
        product = _PRODUCT_BRACKET.search(str(text)) if found.field is None else None
        if product is not None:  # "Inherent score (C x L)", "Risk score (P x I)": how the score is made, never another field
            inner = _read_header((str(text)[:product.start()] + " " + str(text)[product.end():]).strip(), spec)
            found = HeaderReading(inner.field, inner.token, True) if inner.field is not None else found
        unit = _UNIT_AFTER.search(str(text)) if found.field is None else None
        if unit is not None:  # "2023/24 (tCO2e)", "2022/23 (days)": the period's column, its unit in brackets
            bare = _read_header(str(text)[:unit.start()], spec)
            found = bare if bare.field is not None and bare.token is not None else found  # never "Progress (%)" as "Progress"
        plan = _PLANS_OWN.match(str(text)) if found.field is None and not found.alternatives else None
        if plan is not None:  # "Police and Crime Plan priority", "Health and Wellbeing Strategy outcome": the plan's own level
            inner = _read_header(plan["level"], spec)
            found = HeaderReading(inner.field, None, True) if inner.field is not None and inner.token is None else found
        based = _BASELINE_AT.match(str(text)) if found.field is None and not found.alternatives and spec.name == "measures" else None
        if based is not None:  # "Baseline (June 2024)": the figure at that date, the first of the quarters beside it
            inner = _read_header(based["when"], spec)
            found = HeaderReading("actual", inner.token, True) if inner.field == "actual" and inner.token is not None else found
        whose = _WHOSE_LEAD.match(str(text)) if found.field is None and not found.alternatives else None
        if whose is not None:  # "Workstream lead", "Board sponsor": the person, whatever they lead
            inner = _read_header(whose["who"], spec)
            found = HeaderReading(inner.field, None, True) if inner.field is not None and inner.token is None else found
        item = _LEVEL_SLASH_ITEM.match(str(text)) if found.token is None and found.field in (None, *_LEVELS) else None
        if item is not None:  # "Objective / Milestone": objectives as section rows, each row's milestone in the column
            inner = _read_header(item["item"], spec)
            found = HeaderReading(inner.field, None, True) if inner.field == spec.key_field and inner.token is None else found
        if found.field is None and "revised_due_date" in spec.fields and _REVISED_NUMBERED.match(str(text)):
            # "Revised date 1 | Revised date 2": each a revision, the latest given read (engine.revised_due_dates)
            found = HeaderReading("revised_due_date", None, True)
        if found.field is None and "original_due_date" in spec.fields and _PLANNED_END.match(str(text)):
            # "Planned completion" beside "Forecast completion": the date planned, where a forecast may stand beside it
            found = HeaderReading("original_due_date", None, True)
        if found.field is None and spec.name == "measures" and _TARGET_OR_DATE.match(str(text)):
            found = HeaderReading("target", None, True)  # one column a Type column's kinds share: a measure's target
        if found.token and _EACH_QUARTER.match(found.token):
            # "Plan (each quarter 2024/25)": the same figure for every quarter of the year, never a quarter of its own
            found = HeaderReading(found.field, None, True)
        if found.by_words and found.field in ("due_date", "revised_due_date") and ACTUAL_DATE.search(str(text)):
            found = _NOTHING  # "Completion date Actual / forecast": when it was done (or may be), never a date it is due
        months = _QUARTER_AND_MONTHS.match(str(text)) if found.field is None and not found.alternatives else None
        if months is not None:  # "Q1 Apr-Jun", "Quarter 2 (Jul-Sep)": the quarter, its months restated beside it
            found = _read_header(months[1], spec)
        if found.field == "cumulative" and found.token is None and PERIOD_TOKEN.search(str(text).lower()):
            # "Q2 (cumulative)", "Cumulative Q2": the quarter's figure to date, as "Q2 YTD" is, never a yes/no column
            again = _read_header(re.sub(r"(?i)\bcumulative\b", "YTD", str(text)), spec)
            found = again if again.field is not None and again.token is not None else found
        listed = _FIELD_THEN_VALUES.match(str(text)) if found.field is None and not found.alternatives else None
        if listed is not None:  # "Status: Open/Closed": the field, the words it holds after the colon
            inner = _read_header(listed["field"], spec)
            found = HeaderReading(inner.field, inner.token, True) if inner.field is not None else found
        if found.token in RELATIVE and re.search(r"[(\[]", str(text)):
            # "Previous 12 months (to Sep 2023)": the date in brackets says which, never "the same quarter last year" of
            # whatever quarter the sheet seems to report (a scorecard's baseline put it in 2021/22 Q4)
            plain = _read_header(re.sub(r"[()\[\]]", " ", str(text)), spec)
            if plain.field == found.field and plain.token and plain.token not in RELATIVE:
                found = plain
        _READINGS[key] = found
    return found


# Which way is better, said after a header's own words: "Target (lower is better)", "Actual - higher = better"
WAY_NOTE = re.compile(r"(?i)\s*[(\[\-–:,]?\s*(lower|higher|smaller|bigger|less|more|fewer)\s*(?:is|=)?\s*(?:better|good)\s*[)\]]?\s*$")
# Which way is better in brackets anywhere in a header: "Target 2024/25 (higher is better unless marked ↓)"
WAY_BRACKET = re.compile(r"(?i)\s*[(\[]\s*(lower|higher|smaller|bigger|less|more|fewer)\s*(?:is|=|are)?\s*(?:better|good)\b"
                                       r"[^()\[\]]*[)\]]")
# A quarter and its months: "Q1 Apr-Jun", "Quarter 2 (July - September)", "Q3: Oct-Dec 2024"
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_QUARTER_AND_MONTHS = re.compile(rf"(?i)^\s*((?:q|qtr|quarter)\s*[1-4])\s*[(:\-–,]?\s*{_MONTH_WORD}\s*(?:-|–|—|to)\s*{_MONTH_WORD}"
                                 r"(?:\s*'?\d{2,4})?\s*\)?\s*$")
# A level of the plan and its item in one header: "Objective / Milestone", "Priority / action", "Outcome/Measure"
_LEVEL_SLASH_ITEM = re.compile(r"(?i)^\s*(?:council\s+plan\s+)?(?:priority|objective|outcome|theme|ambition|strategy|tactic|"
                               r"workstream|area|recommendation|finding)s?\s*(?:/|\\|&|and|or)\s*(?P<item>[a-z][a-z ]*?)\s*$")
_LEVELS = ("priority", "objective", "strategy", "tactic", "area", "group", "directorate")
_EACH_QUARTER = re.compile(r"(?i)^quarter\s+\d{4}")  # 'quarter 2024/25' read from "each quarter 2024/25": no quarter named
# A baseline dated: "Baseline (June 2024)", "Baseline - 2023/24", "Baseline at March 2024"
_BASELINE_AT = re.compile(r"(?i)^\s*baseline\s*(?:[(\-–:,]\s*)?(?:(?:as\s+)?at\s+)?(?P<when>[^()]*?\d[^()]*?)\s*\)?\s*$")


# What someone leads before the word for them: "Workstream lead", "Cabinet lead officer", "Board sponsor"
_WHOSE_LEAD = re.compile(r"(?i)^\s*[A-Za-z][\w&'’-]*(?:\s+[A-Za-z][\w&'’-]*)?\s+(?P<who>lead(?:\s+officer)?|owner|sponsor|"
                         r"responsible\s+officer|accountable\s+officer)\s*$")


# A plan's or strategy's name before one of its levels: "Police and Crime Plan priority", "Corporate Plan objective"
_PLANS_OWN = re.compile(r"(?i)^\s*[A-Za-z][\w&'’ -]{1,60}?\s(?:plan|strategy|programme)\s+(?P<level>priority|priorities|objective|objectives|"
                        r"theme|themes|outcome|outcomes|aim|aims|ambition|ambitions|commitment|commitments|action|actions|"
                        r"milestone|milestones|deliverable|deliverables|activity|activities)\s*$")


_REVISED_NUMBERED = re.compile(r"(?i)^\s*revised\s+(?:due\s+|target\s+|completion\s+|implementation\s+)?(?:date|deadline)\s*\(?\s*[1-9]\s*\)?\s*$")
_NOW_ASIDE = re.compile(r"(?i)\s*\(\s*(?:now|current|currently|latest|as\s+now|today)\s*\)\s*$")
_PLANNED_END = re.compile(r"(?i)^\s*(?:planned|scheduled|baseline)\s+(?:completion|finish|end)\s*$")


# "Target or date", "Targed neu Ddyddiad / Target or Date": a measure's target, a milestone's due date, in one column
_TARGET_OR_DATE = re.compile(r"(?i)^(?:.*\s/\s)?\s*(?:target\s*(?:or|/)\s*(?:due\s+)?(?:date|deadline)|(?:due\s+)?date\s*(?:or|/)\s*target)\s*$")


# "Actual", "Actual / forecast" in a date's header: when the work was done (or may be), never when it is due
ACTUAL_DATE = re.compile(r"(?i)\bactual\b")


# A plan's figures under a long header (a Better Care Fund template's "Your planned performance"): the target
_PLANNED = re.compile(r"(?i)\bplanned\s+(?:performance|level|figure|value)s?\b|\bperformance\s+plan\b|\bmetric\s+plans?\b")


# A scheme's initials (2 to 6 capitals) before a header: "BVAR recommendation", "TSM code"; never a time's ("YTD actual").
_SCHEME = re.compile(r"^\s*(?!(?:YTD|MTD|FYE?|LY|PY|CY|YE|QTD|RAG|BRAG|DOT|KPI|PI|TBC|NA|N/A)\b)[A-Z]{2,6}\s+(?P<rest>[A-Za-z].{1,40})$")


# A unit in brackets at the end of a header: "(tCO2e)", "(%)", "(days)", "(£000s)".
_UNIT_AFTER = re.compile(r"\s*\(\s*[A-Za-z£$%][^()]{0,11}\)\s*$|\s*\(\s*£\s*\d{0,3}0{3}s?\s*\)\s*$")


def language_parts(text) -> list[str]:
    r"""The parts of a cell written in two languages: its lines, or either side of `` / `` (``Ar darged / On target``).

    Examples
    --------
    >>> language_parts("Statws Ch2 / Q2 Status"), language_parts("Targed\nTarget"), language_parts("n/a")
    (['Statws Ch2', 'Q2 Status'], ['Targed', 'Target'], ['n/a'])
    """
    return [p for p in re.split(r"\s+/\s+|\n", str(text)) if p.strip()]


def _line_by_line(text: str, spec: KindSpec) -> HeaderReading | None:
    """A header of two lines, or two parts either side of `` / ``, each saying the same in its own language (``Targed``
    over ``Target``, ``Statws Ch2 / Q2 Status``, as a Welsh body writes its headers): the part perfkit can read, where
    only one names a field, or where every part that does names the same one."""
    parts = language_parts(text)
    if len(parts) > 2:  # "Cause / Event / Consequence": three things, not one header in two languages
        return None
    if any(len(p.strip()) < 2 for p in parts):  # "I / We statement": a letter is no header in a language of its own
        return None
    readings = [read_header(line, spec) for line in parts]
    named = [r for r in readings if r.field is not None]
    if named and all((r.field, r.token) == (named[0].field, named[0].token) or r.token is None and r.field == named[0].field
                     for r in named):
        return max(named, key=lambda r: r.token is not None)
    return None


# "Previous RAG", "Last quarter's status", "RAG (previous quarter)": the quarter before the one the sheet reports.
PREVIOUS = "previous"
_PREVIOUS = re.compile(
    r"^\s*(?:previous|prior|last)(?:\s+(?:quarter|qtr|period|review|update|report))?(?:\s*['’]s)?\b\s*(?P<after>.*?)\s*$"
    r"|^\s*(?P<before>.+?)\s*[(\-–,:]?\s*(?:at\s+(?:the\s+)?)?(?:previous|prior|last)\s+(?:quarter|qtr|period|review|assessment)\s*\)?\s*$",
    re.I,
)
_RELATIVE_KINDS = ("milestones", "measures", "actions", "risks")
# "Same quarter last year", "Actual (same period last year)": the quarter a year before the one the sheet reports.
LAST_YEAR = "same quarter last year"
RELATIVE = frozenset({PREVIOUS, LAST_YEAR})
_SAME_LAST_YEAR = re.compile(
    r"^\s*(?:(?P<before>.+?)\s*[(\-–,:]?\s*)?(?:same\s+(?:quarter|qtr|period|time|month)\s+(?:last|previous|prior|a)\s+year(?:\s+ago)?|"
    r"same\s+(?:quarter|qtr|period)\s+(?:in\s+|of\s+)?(?P<fy>20\d\d\s*[/-]\s*\d\d)|"
    r"(?:last|previous|prior)\s+year(?:['’]s)?\s+same\s+(?:quarter|qtr|period)|"
    # a police or community safety dashboard's year before the current 12 months: "Previous 12 months"
    r"(?:previous|prior)\s+(?:rolling\s+)?(?:12|twelve)\s+months)\s*\)?\s*$", re.I)


def _previous_reading(typed: str, spec: KindSpec) -> HeaderReading | None:
    """A header naming the previous quarter's status (or actual...) by a relative word, read with token :data:`PREVIOUS`."""
    if spec.name not in _RELATIVE_KINDS:
        return None
    same = _SAME_LAST_YEAR.match(typed)
    if same is not None and spec.name != "risks":  # "Same quarter last year": last year's figure (or status) for the quarter
        if not same["before"]:
            return HeaderReading(spec.bare_period_field, LAST_YEAR)
        inner = _read_header(same["before"].strip(" ()-–,:"), spec)
        return HeaderReading(inner.field, LAST_YEAR, inner.by_words) if inner.field in spec.period_fields and inner.token is None else None
    if re.fullmatch(r"(?i)\s*(?:this|current)\s+(?:quarter|qtr|period)(?:['’]s)?\s*", typed):  # beside "Last quarter"
        return HeaderReading(spec.bare_period_field, None)
    if spec.name == "measures" and re.fullmatch(r"(?i)\s*(?:latest|current)\s*", typed):  # "Previous | Latest" ("| Current"): the figures
        return HeaderReading("actual", None)
    this = re.fullmatch(r"(?i)\s*(?P<before>.+?)\s*[(\-–,:]?\s*(?:this|current)\s+(?:quarter|qtr|period)\s*\)?\s*", typed)
    if this:  # "Overall RAG This Qtr" beside "Overall RAG Last Qtr": this quarter's field
        inner = _read_header(this["before"].strip(" ()-–,:"), spec)
        return HeaderReading(inner.field, None, inner.by_words) if inner.field in spec.period_fields and inner.token is None else None
    m = _PREVIOUS.match(typed)
    if not m:
        return None
    if PERIOD_TOKEN.search(typed.lower()):  # "Previous status (Sep 24)": the period it names is the one it holds
        rest = re.sub(r"(?i)\b(?:previous|prior|last)\b(?:\s+(?:quarter|qtr|period)\b)?(?:\s*['’]s)?", " ", typed)
        inner = _read_header(" ".join(rest.split()), spec)
        return inner if inner.field in spec.period_fields and inner.token is not None else None
    rest = (m["after"] if m["after"] is not None else m["before"] or "").strip(" ()-–,:")
    if not rest:  # "Last quarter", and "Previous" beside "Latest": the quarter before's figure or status
        bare = spec.name == "measures" and re.fullmatch(r"(?i)\s*previous\s*", typed)
        return HeaderReading(spec.bare_period_field, PREVIOUS) if bare or re.search(r"(?i)quarter|qtr|period", typed) else None
    inner = _read_header(rest, spec)
    if spec.name == "risks" and inner.field in ("score", "rating", "impact", "likelihood") and inner.token is None:
        # a register's "Previous Score (L x I)": the last quarter's assessment is of where the risk stood, after mitigation
        inner = HeaderReading(f"residual_{inner.field}", None, inner.by_words)
    if inner.field in spec.period_fields and inner.token is None:
        return HeaderReading(inner.field, PREVIOUS, inner.by_words)
    return None


# "Mid-year status", "Year-end position": a six-monthly tracker's two points of the year, for statuses (not targets).
_MID_YEAR = re.compile(r"(?i)\b(?:mid[\s-]?year|half[\s-]?year(?:ly)?)\b")
_HALF_MONTHS = re.compile(r"(?i)\(\s*(apr(?:il)?|oct(?:ober)?)\s*(?:-|–|to)\s*(?:sep(?:t(?:ember)?)?|mar(?:ch)?)\s*\)")
_YEAR_END = re.compile(r"(?i)\b(?:year[\s-]?end|end[\s-]of[\s-](?:the[\s-])?year)\b")


# What a trend or change is measured against, after its name: "vs Q1", "since last quarter", "compared with 2023/24".
_COMPARED_WITH = re.compile(r"(?i)\s*[(\-–,]?\s*\b(?:vs\.?|versus|since|compared\s+(?:with|to)|against)\s+(?:q[1-4]\b|last\s+(?:quarter|qtr|year|period)\b"
                            r"|previous\s+(?:quarter|qtr|year|period)\b|the\s+(?:quarter|year)\s+before\b|same\s+(?:quarter|period)\s+last\s+year\b).*$")


# A risk's level said before or after its controls: "(before controls)", "after mitigation", "post-treatment".
_BEFORE_AFTER = re.compile(r"(?i)\(?\s*\b(?:before|prior\s+to|pre|after|post)[\s-]+(?:existing\s+)?(?:controls?|mitigations?|mitigating\s+actions?|treatment|actions?)\b\s*\)?")
_AFTER = re.compile(r"(?i)\b(?:after|post)[\s-]+(?:existing\s+)?(?:controls?|mitigations?|mitigating|treatment|actions?)\b")


# "2023/24 academic", "Academic year 2022/23", "AY 2023/24", "2023-24 (academic year)": a school year's results, labelled
# as its year (the year's columns of a service plan), the word itself no field
ACADEMIC_YEAR = re.compile(rf"(?i)\(?\s*\b(?:academic(?:\s+year)?|acad\.?\s*(?:yr|year)|ay)\b\s*\)?(?=\s*(?:{_FY})?\s*$|\s*{_FY})")
_FOR_INFORMATION = re.compile(r"(?i)^\s*(?:for\s+information|for\s+info|fyi)(?:\s+only)?\s*[-–—:]\s*")


def _read_header(text: str, spec: KindSpec) -> HeaderReading:
    typed = " ".join(text.replace("\u00a0", " ").split())  # runs of spaces folded: as a header reads, and bounded work
    typed = _quarter_ending(typed)  # "Quarter ending 30 June 2024": the quarter that month ends, 2024/25 Q1
    typed = _FOR_INFORMATION.sub("", typed) or typed  # "For information – Polarity": a template's aside, the field its words
    typed = _NOW_ASIDE.sub("", typed) or typed  # "Residual risk score (now)": the field as it stands, which is what it is
    if _BARE_YEAR.search(typed) and ACADEMIC_YEAR.search(typed):
        typed = " ".join(ACADEMIC_YEAR.sub(" ", typed).split()) or typed  # "2023/24 academic": the year 2023/24's figures
    typed = re.sub(rf"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?={_MONTH}\b)", "", typed)  # "Progress at 30 Sept 2024": the month's
    if spec.name == "measures" and _MID_YEAR.search(typed) and (half := _HALF_MONTHS.search(typed)) is not None:
        # "Half-year actual (Apr-Sep)": the first half-year's figure, as its months say; "(Oct-Mar)" the second's
        typed = " ".join(_MID_YEAR.sub("H1" if half[1].lower().startswith("apr") else "H2", typed[:half.start()] + typed[half.end():]).split())
    if spec.name in ("milestones", "actions"):
        # "Mid-year update RAG" is H1; "Mid-year update (Sept 2024) RAG" is its dated month, the mid-year words only its name
        typed = _YEAR_END.sub("H2", _MID_YEAR.sub("H1", typed)) if not PERIOD_TOKEN.search(typed.lower()) else \
            " ".join(_YEAR_END.sub(" ", _MID_YEAR.sub(" ", typed)).split())
    compared = _COMPARED_WITH.search(typed)
    if compared and typed[:compared.start()].strip():  # "Trend vs Q1", "Direction since last quarter": Q1 is the baseline
        inner = _read_header(typed[:compared.start()].strip(), spec)
        if inner.field == "polarity" and "reported_trend" in spec.fields:
            return HeaderReading("reported_trend", None, True)  # a direction measured against a quarter is a trend, never a polarity
        if inner.field in ("reported_trend", "direction") and inner.token is None:
            return inner  # only a trend or a direction: "Actual vs Q1" is a change, never the actual
    if spec.bands and _BEFORE_AFTER.search(typed):
        # "Likelihood (before controls)", "Impact after mitigation": the band's words, never the controls column
        typed = " ".join(_BEFORE_AFTER.sub(lambda m: " ", typed).split())
        typed = f"{'residual' if _AFTER.search(text) else 'inherent'} {typed}"
    previous = _previous_reading(typed, spec)
    if previous is not None:
        return previous
    # "Q3 (Oct - Dec 2024)": the bracketed months name the quarter, with its year; "Q2 (Jul-Sep)" adds nothing.
    bracket = re.search(rf"\(\s*({_MONTH}\s*(?:[-–]|to)\s*{_MONTH}(?:\s*{_YY})?)\s*\)", typed, re.I)
    if bracket:
        inner = bracket[1]
        outer = typed[: bracket.start()] + " " + typed[bracket.end():]
        if re.search(r"\d{2}$", inner.strip()):
            outer = re.sub(rf"(?i)(?<![a-z0-9]){_Q}(?![a-z0-9])", " ", outer)
            typed = inner + " " + outer
        elif re.search(rf"(?i)(?<![a-z0-9])(?:{_Q}|{_H})(?![a-z0-9])", outer):
            # "Q2 (Jul-Sep)": the months agree. "Q3 (Jul-Sep)": they are the stronger evidence (months_disagree), and
            # perfkit.read.layout.account_for_columns says so, naming the cell.
            clash = months_disagree(typed)
            typed = outer if clash is None else re.sub(rf"(?i)(?<![a-z0-9])(?:{_Q}|{_H})(?![a-z0-9])", clash[1], outer, count=1)
        else:  # "2023/24 (Jul-Sep) Status": the bracketed months are the only quarter the header names
            typed = typed[: bracket.start()] + " " + bracketed_months(inner) + " " + typed[bracket.end():]
        typed = " ".join(typed.split())
    raw = typed.lower()
    lookup = _lookup(spec)
    whole = normalise_header(raw)
    m = PERIOD_TOKEN.search(raw)
    if not m:
        if whole in lookup:
            return HeaderReading(lookup[whole], None)
        shared = _shared_header(raw, lookup)
        if shared is not None:
            return shared
        if not could_read(whole, spec) or LEGEND.search(whole):
            return _NOTHING
        fld, alternatives = words_reading(typed, spec)
        return HeaderReading(fld, None, fld is not None, alternatives)
    token = typed[m.start(1) : m.end(1)].strip()
    rest_raw = raw[: m.start()] + " " + raw[m.end() :]
    second = PERIOD_TOKEN.search(rest_raw)
    if second is not None:  # "Q2 actual 2024/25": a quarter and its year either side of the field's words
        other = rest_raw[second.start(1) : second.end(1)].strip()
        pair = (token, other) if _BARE_YEAR.fullmatch(token.lower()) else (other, token)
        if _BARE_YEAR.fullmatch(pair[0].lower()) and _BARE_PERIOD.fullmatch(pair[1].lower()):
            token = f"{pair[0]} {pair[1]}"
            rest_raw = rest_raw[: second.start()] + " " + rest_raw[second.end() :]
    rest = normalise_header(rest_raw)
    if rest not in lookup:
        # "Update at 30 September 2024": the field's own word once the words joining it to its date are gone ("update",
        # the commentary), before the filler words ("update" among them, for "Quarter 2 update RAG") are
        linked = " ".join(_JOINING.sub(" ", rest).split())
        rest = linked if lookup.get(linked) in spec.period_fields else " ".join(_FILLER.sub("", rest).split())
    if not rest:
        return HeaderReading(spec.bare_period_field, token)
    fld = lookup.get(rest)
    by_words = False
    if fld is None:
        if not could_read(normalise_header(rest_raw), spec):
            return _NOTHING
        fld, alternatives = words_reading(rest_raw, spec)
        if fld is None:
            return HeaderReading(None, None, False, alternatives)
        by_words = True
    if fld in spec.sequences and fld not in spec.period_fields:
        # "Q1 rating": a quarter's own rating is that quarter's assessment, the field of the sequence that repeats
        fld = next((f for f in spec.sequences[fld] if f in spec.period_fields), fld)
    if fld not in spec.period_fields:
        # "2023/24 Target" style for a field that does not repeat: keep the field, drop the period.
        return HeaderReading(fld, None, by_words)
    return HeaderReading(fld, token, by_words)


_ENDING = re.compile(rf"(?i)\b(?:quarter|qtr|three months|3 months|period|(?:rolling\s+)?(?:12|twelve)\s+months|year)\s+(?:ending|ended|to)\s+"
                     rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({_MONTH})\.?\s*[-'’ ]?\s*(\d{{4}}|\d{{2}})|\d{{1,2}}[/.](\d{{1,2}})[/.](\d{{4}}|\d{{2}}))")


def _quarter_ending(typed: str) -> str:
    """``Quarter ending 30 June 2024`` (or ``Qtr ended 30/09/2024``) written as the quarter it names, ``2024/25 Q1``.

    Examples
    --------
    >>> _quarter_ending("Quarter ending 30 June 2024"), _quarter_ending("Qtr ended 31/12/24 actual")
    ('2024/25 Q1', '2024/25 Q3 actual')
    """
    m = _ENDING.search(typed)
    if m is None:
        return typed
    if m[1]:
        word = m[1].lower()
        month = MONTHS[word[:3] if not word.startswith("sept") else "sep"]
        year = int(m[2])
    else:
        month, year = int(m[3]), int(m[4])
        if not 1 <= month <= 12:
            return typed
    year += 2000 if year < 100 else 0
    start = year if month >= 4 else year - 1  # the financial year, April to March
    quarter = (month - 4) % 12 // 3 + 1
    return " ".join(f"{typed[: m.start()]} {start}/{(start + 1) % 100:02d} Q{quarter} {typed[m.end():]}".split())


def _shared_header(raw: str, lookup: dict[str, str]) -> HeaderReading | None:
    """A column two kinds share (``Target / due date`` in a table of milestones and measures): the one half this kind
    knows is its field. None where neither half, or both, name one of this kind's fields."""
    parts = [p for p in re.split(r"\s*(?:/|\bor\b|&)\s*", raw) if p.strip()]
    if len(parts) != 2 or any(len(p.strip()) < 2 for p in parts):  # "I / We statement": a letter alone is no half
        return None
    known = [lookup[k] for k in (normalise_header(p) for p in parts) if k in lookup]
    return HeaderReading(known[0], None, True) if len(known) == 1 else None


def bracketed_months(inner: str) -> str:
    """Bracketed months of a header that names no quarter otherwise, as the period they cover in a financial year.

    ``Jul-Sep`` is ``Q2``, ``Oct-Mar`` is ``H2``, ``Apr-Mar`` (the whole year) is nothing; any other
    range stays as typed, to be read (or refused) as months.

    Examples
    --------
    >>> bracketed_months("Jul-Sep"), bracketed_months("Oct - Mar"), bracketed_months("April to March"), bracketed_months("Apr-Dec")
    ('Q2', 'H2', '', 'Apr-Dec')
    """
    m = re.fullmatch(rf"({_MONTH})\s*(?:[-–]|to)\s*({_MONTH})", inner.strip(), re.IGNORECASE)
    if not m:
        return inner
    first, last = token_month(m[1]), token_month(m[2])
    return months_part(first, last) or ("" if (first, last) == (4, 3) else inner)


@dataclass
class PeriodColumn:
    """A wide-layout column: ``field`` for ``token`` (e.g. status for Q2) at column ``col``."""

    col: int
    field: str
    token: str
    header: str


@dataclass
class ColumnMap:
    """Where each tidy field sits in a sheet (0-based columns)."""

    kind: str
    header_row: int
    fields: dict[str, int] = field(default_factory=dict)
    period_columns: list[PeriodColumn] = field(default_factory=list)
    headers: dict[int, str] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)
    reclassified: list[int] = field(default_factory=list)
    header_rows: int = 1
    codes_in: int | None = None  # the column first read as the names that holds references instead (see layout.reclassify_codes)
    by_words: set[int] = field(default_factory=set)  # columns read by their header's words, not an exact phrase
    doubts: dict[int, tuple[str, ...]] = field(default_factory=dict)  # column -> the fields its header could name
    set_aside: dict[int, str] = field(default_factory=dict)  # column -> why the engine left it unread (months beside their quarter)
    guesses: list[tuple[int, str, str, str]] = field(default_factory=list)  # (column, field, what decided it, severity)
    group_ref: int | None = None  # the column of each group's own reference ('Audit ref' over 'Rec no.'), where one numbers within it
    configured: set[int] = field(default_factory=set)  # columns perfkit.toml names: never read otherwise by their content
    data_periods: dict[int, str] = field(default_factory=dict)  # column -> its band ("Latest period" beside "Latest"): each row's own period

    @property
    def spec(self) -> KindSpec:
        return get_kind(self.kind)

    @property
    def score(self) -> float:
        """How well the row fits: one per field (and per field and period), a little less for each column not read
        by an exact phrase (by its words, or by what it holds), so that exact readings win ties."""
        guessed = len({c for c in self.by_words if c not in self.unmapped} | {g[0] for g in self.guesses if g[3] == "info"})
        return len(self.fields) + len({(p.field, p.token) for p in self.period_columns}) - 0.01 * guessed

    def fits(self) -> bool:
        spec = self.spec
        have = set(self.fields) | {p.field for p in self.period_columns}
        return all(f in have for f in spec.required) and bool(have & set(spec.values))


def header_text(cell) -> str:
    """A header cell as Excel shows it and perfkit.toml names it: a date as ``30/06/2024``, spaces folded.

    Examples
    --------
    >>> import datetime as dt
    >>> header_text(dt.datetime(2024, 6, 30)), header_text("  Q2   Status ")
    ('30/06/2024', 'Q2 Status')
    """
    if isinstance(cell, (_dt.date, _dt.datetime)):
        return cell.strftime("%d/%m/%Y")  # a date heading a column: the period it ends, written day first
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def header_keys(cell) -> tuple[str, ...]:
    """The normalised spellings a mapping may give a header cell: a date as ``30/06/2024``, ``2024-06-30``, or as a
    number format shows it (``Jun-24``, ``June 2024``, ``30 Jun 24``)."""
    keys = (normalise_header(header_text(cell)),)
    if isinstance(cell, (_dt.date, _dt.datetime)):
        # as the cell's format may show it (perfkit init writes it so: Apr-24 for mmm-yy), or as ISO
        keys += tuple(dict.fromkeys(normalise_header(cell.strftime(f)) for f in _DATE_SPELLINGS))
    return keys


_DATE_SPELLINGS = ("%Y-%m-%d", "%b-%y", "%b %y", "%b-%Y", "%b %Y", "%B %Y", "%B-%y", "%B %y", "%d-%b-%y", "%d %b %Y", "%d %B %Y",
                   "%d %b %y", "%d-%b-%Y", "%d/%m/%y")


def map_header_row(row: list, row_index: int, kind, columns: dict | None = None) -> ColumnMap:
    """Match one row's cells to fields, honouring an explicit ``columns`` mapping first."""
    spec = _spec(kind)
    explicit = {normalise_header(k): v for k, v in (columns or {}).items()}
    valid = spec.fields
    cmap = ColumnMap(spec.name, row_index)
    mapped: set[int] = set()  # the columns perfkit.toml names
    for col, cell in enumerate(row):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        header = header_text(cell)
        cmap.headers[col] = header
        key = next((k for k in header_keys(cell) if k in explicit), normalise_header(header))
        if key in explicit and explicit[key] not in (None, ""):
            target = explicit[key]
            fld, _, token = str(target).partition("@")
            fld = fld.strip()
            cmap.configured.add(col)
            if fld not in valid:
                raise ConfigError(
                    f"column {header!r} is mapped to {fld!r}, which is not a {spec.name} field",
                    hint=f"Use one of: {', '.join(sorted(valid))}; add @period for a quarter's column (status@2024/25 Q2).",
                )
            if fld == "ignore":
                cmap.ignored.append(col)
                continue
            if token:
                cmap.period_columns.append(PeriodColumn(col, fld, token.strip(), header))
            elif fld not in cmap.fields or cmap.fields[fld] not in mapped or normalise_header(cmap.headers[cmap.fields[fld]]) == key:
                if fld in cmap.fields and cmap.fields[fld] in mapped:  # one header typed twice ("Impact" before and after)
                    cmap.unmapped.append(col)
                    continue
                if fld in cmap.fields:  # a header read by its words gives way to the column the officer named
                    cmap.unmapped.append(cmap.fields[fld])
                cmap.fields[fld] = col
                mapped.add(col)
            else:
                first = cmap.headers[cmap.fields[fld]]
                raise ConfigError(
                    f"columns {first!r} and {header!r} are both mapped to {fld!r} in perfkit.toml: a field takes one column, "
                    "and perfkit will not choose between them",
                    hint=f"Give each column its quarter (\"{first}\" = \"{fld}@2024/25 Q1\", \"{header}\" = \"{fld}@2024/25 Q2\"), "
                         f"or map the one that is not the {fld.replace('_', ' ')} to another field or \"ignore\".")
            continue
        reading = read_header(header, spec)
        if reading.field is None and isinstance(cell, str) and ("\n" in cell.strip() or " / " in cell):
            reading = _line_by_line(cell, spec) or reading
        fld, token = reading.field, reading.token
        if fld in spec.sequences and token is None:
            seq = spec.sequences[fld]
            fld = next((f for f in seq if f not in cmap.fields), None)
        if fld is None:
            cmap.unmapped.append(col)
            if len(reading.alternatives) > 1:
                cmap.doubts[col] = reading.alternatives
            continue
        if reading.by_words:
            cmap.by_words.add(col)
        if token is not None:
            cmap.period_columns.append(PeriodColumn(col, fld, token, header))
        elif fld not in cmap.fields:
            cmap.fields[fld] = col
        elif not reading.by_words and cmap.fields[fld] in cmap.by_words:
            # an exact phrase wins over a header read by its words ("Lead officer" over "Officer responsible")
            cmap.unmapped.append(cmap.fields[fld])
            cmap.fields[fld] = col
        elif fld == "lead" and _PERSON.search(header) and _BODY.search(cmap.headers[cmap.fields[fld]]) and not _PERSON.search(
                cmap.headers[cmap.fields[fld]]):
            # "Lead organisation | Lead officer": the officer leads, as the attention list names leads; the body is left
            cmap.unmapped.append(cmap.fields[fld])
            cmap.fields[fld] = col
        elif (fld in (spec.status_field, "reported_status") and OVERALL.match(header)
              and not OVERALL.match(cmap.headers[cmap.fields[fld]])):
            # "Delivery RAG | Budget RAG | Risk RAG | Overall RAG": the overall rating is the item's status, never the first
            # of its parts (a completed scheme, 'Complete' only overall, was counted overdue)
            cmap.unmapped.append(cmap.fields[fld])
            cmap.fields[fld] = col
        elif fld == spec.key_field and _named_first(spec, header, cmap.headers[cmap.fields[fld]], reading.by_words):
            # "Project | Gateway | Milestone" on a milestones sheet: the milestone names the item, the project groups them
            cmap.unmapped.append(cmap.fields[fld])
            cmap.fields[fld] = col
        else:
            cmap.unmapped.append(col)
    _fields_after_periods(cmap, spec, explicit)
    _periods_beside_figures(cmap, spec)
    for pc in [pc for pc in cmap.period_columns if pc.token in RELATIVE]:
        if pc.field not in cmap.fields and not any(o.field == pc.field and o.token not in RELATIVE for o in cmap.period_columns):
            # "Previous status" with no column for this quarter's: never read as the status
            cmap.period_columns.remove(pc)
            cmap.unmapped.append(pc.col)
    cmap.unmapped.sort()
    return cmap


# "Previous period | Previous | Latest period | Latest": each figure beside the period it is of
_BAND_PERIOD = re.compile(r"(?i)^\s*(?P<band>previous|prior|last|latest|current|this)\s+(?:data\s+|time\s+|reporting\s+)?(?:period|year)\s*$")
_BAND_FIGURE = r"(?i)^\s*{band}(?:\s+(?:value|figure|data|result|performance|actual))?\s*$"


def _periods_beside_figures(cmap: ColumnMap, spec: KindSpec) -> None:
    """``Previous period | Previous | Latest period | Latest`` (a partnership's scorecard): a ``<band> period`` column beside
    the ``<band>`` figures names the period each row's figure is of, never a figure of its own. Read as the previous
    quarter's actual too, the two clashed and the sheet was refused with a line that would have misread it. Each such
    column is left unread here (``cmap.data_periods``, for the figures beside it: read.layout), the figures read."""
    if spec.name != "measures":
        return
    for col, header in sorted(cmap.headers.items()):
        m = _BAND_PERIOD.match(header)
        if m is None or col in cmap.configured:
            continue
        figure = re.compile(_BAND_FIGURE.format(band=re.escape(m["band"])))
        twins = [c for c, h in cmap.headers.items() if c != col and figure.match(h) and c not in cmap.configured]
        if len(twins) != 1:
            continue
        twin = twins[0]
        for pc in [pc for pc in cmap.period_columns if pc.col == col]:
            cmap.period_columns.remove(pc)
        for f in [f for f, c in cmap.fields.items() if c == col]:
            del cmap.fields[f]
            if not any(c == twin for c in cmap.fields.values()) and not any(pc.col == twin for pc in cmap.period_columns):
                cmap.fields[f] = twin  # "Current period" had taken the actual that "Current" holds
                if twin in cmap.unmapped:
                    cmap.unmapped.remove(twin)
        if col not in cmap.unmapped:
            cmap.unmapped.append(col)
        cmap.data_periods[col] = m["band"]


_PERSON = re.compile(r"(?i)\b(?:officer|manager|owner|director|head|member|holder|contact|sro|person|lead\s+name)\b")
_BODY = re.compile(r"(?i)\b(?:organi[sz]ation|agency|partner|partners|body|service|team|directorate|department|org)\b")


def _named_first(spec: KindSpec, header: str, held: str, by_words: bool = False) -> bool:
    """Whether ``header`` is the kind's own word for its items (``Milestone`` for milestones, ``Action`` for actions) where
    the column already taken is a looser one (``Project``)."""
    if spec.name not in ("milestones", "actions"):  # a KPI column of codes is sorted out by what it holds (layout.reclassify_codes)
        return False
    words = spec.headers.get(spec.key_field, [])
    own, other = normalise_header(header), normalise_header(held)
    if other not in words:
        return False
    # "Action | Milestone" on a milestones sheet: the kind's own word names the item, the action is what it serves;
    # "Project | Milestone / output" too, read by its words (its first word the kind's own)
    own_word = normalise_header(re.split(r"\s*/\s*|\s+or\s+|\s+and\s+", str(header))[0]) == words[0] != other
    return own_word or not by_words and own in words[:2] and words.index(other) >= 2


def _fields_after_periods(cmap: ColumnMap, spec: KindSpec, explicit: dict) -> None:
    """``Apr-Jun 24 | Status | Jul-Sep 24 | Status``: a quarter's figures each followed by a column headed with a field
    and no period (the status, the commentary). Where that header repeats, one after each period's column, each is
    that period's; read as the first one alone, the first quarter's statuses were taken for the latest quarter's."""
    cols = sorted(cmap.headers)
    by_col = {pc.col: pc for pc in cmap.period_columns}
    for fld in [f for f in spec.period_fields if f != spec.bare_period_field]:
        same = [c for c in cols if normalise_header(cmap.headers[c]) not in explicit and read_header(cmap.headers[c], spec) == HeaderReading(fld, None)]
        if len(same) < 2:
            continue
        before = periods_before(cols, same, by_col)
        if before is None:
            return
        to_period_columns(cmap, before, fld)


def periods_before(cols: list[int], same: list[int], by_col: dict) -> dict[int, str] | None:
    """For columns each straight after a period's column (``by_col``: column -> its PeriodColumn), the period token of the
    one before each; None unless every one has its own period there (``Apr-Jun 24 | Status | Jul-Sep 24 | Status``)."""
    before = {}
    for c in same:
        left = max((x for x in cols if x < c), default=None)
        if left not in by_col or by_col[left].token is None or by_col[left].token in RELATIVE:
            return None
        before[c] = by_col[left].token
    return before if len(set(before.values())) == len(same) else None


def to_period_columns(cmap: ColumnMap, before: dict[int, str], fld: str) -> None:
    """Read each column of ``before`` as ``fld`` of its period (whatever it was read as alone)."""
    for c, token in before.items():
        for f in [f for f, fc in cmap.fields.items() if fc == c]:
            del cmap.fields[f]
        if c in cmap.unmapped:
            cmap.unmapped.remove(c)
        cmap.period_columns.append(PeriodColumn(c, fld, token, cmap.headers[c]))


def token_month(token: str) -> int | None:
    """The month a single-month token names (``Sep-24``, ``June``), or None for other tokens."""
    t = token.strip().lower()
    m = re.fullmatch(rf"({_MONTH})(?:\s*[-'’ ]\s*{_YY})?", t)
    if not m:
        day = re.fullmatch(r"\d{1,2}[/.-](\d{1,2})[/.-](?:\d{2}|\d{4})", t)  # "30/09/24": a day, day first
        day = day or re.fullmatch(r"\d{4}-(\d{1,2})-\d{1,2}(?:[ t]00:00(?::00)?)?", t)  # "2024-09-01": a date written ISO-wise
        return int(day[1]) if day and 1 <= int(day[1]) <= 12 else None
    return MONTHS[m[1][:3] if not m[1].startswith("sept") else "sep"]


def resolve_token(token: str, year: int | None) -> Span:
    """Turn a header's period token into a :class:`~perfkit.core.periods.Span`, using ``year`` where it names none.

    ``year`` is the end year of the financial year (2024 for 2023/24). A single month
    (``Sep-24``, ``June``) gives the quarter it falls in, with kind ``"month"``: the
    engine decides whether such columns are quarter positions or monthly data.

    Raises :class:`~perfkit.core.errors.PeriodError` when the token needs a year and none is known.
    """
    t = re.sub(r"\([a-z]+\s*[-–]\s*[a-z]+\)", "", token.strip().lower()).strip()  # "q2 (jul-sep)" -> "q2"
    t = " ".join(t.split())
    if re.fullmatch(rf"{_Q}|{_H}", t):
        if year is None:
            raise PeriodError(f"the header names {token!r} without a year")
        return parse_span(f"{year - 1}/{year % 100:02d} {t}")
    rng = re.fullmatch(rf"({_MONTH})\s*(?:[-–]|to)\s*({_MONTH})(?:\s*[-']?\s*({_YY}))?", t)
    if rng:
        if rng[3] is None:
            if year is None:
                raise PeriodError(f"the header names {token!r} without a year")
            last = MONTHS[rng[2][:3]]
            cal_year = year if last <= 3 else year - 1
            return parse_span(f"{rng[1]}-{rng[2]} {cal_year}")
        return parse_span(f"{rng[1]}-{rng[2]} {rng[3]}")
    date = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})|(\d{4})-(\d{2})-(\d{2})", t)
    if date:
        try:
            if date[1]:
                y = int(date[3]) if len(date[3]) == 4 else 2000 + int(date[3])
                day = _dt.date(y, int(date[2]), int(date[1]))
            else:
                day = _dt.date(int(date[4]), int(date[5]), int(date[6]))
        except ValueError:
            raise PeriodError(f"{token!r} is not a date") from None
        p = parse_span(day).end
        return Span("month", p, p)
    month = token_month(t)
    if month is not None:
        ym = re.search(rf"{_YY}$", t)
        if ym:
            y = int(ym[0])
            cal_year = y if y >= 100 else 2000 + y
        elif year is None:
            raise PeriodError(f"the header names {token!r} without a year")
        else:
            cal_year = year if month <= 3 else year - 1
        p = quarter(cal_year + 1 if month >= 4 else cal_year, (month - 4) % 12 // 3 + 1)
        return Span("month", p, p)
    return parse_span(t)


# ---------------------------------------------------------------------------------------------- mappings that match nothing


def _mapping_keys(header: str) -> set[str]:
    """The normalised spellings of a header a mapping may use (a date heading as ``30/06/2024``, ``2024-06-30`` or
    ``Jun-24``, as :func:`header_keys` gives them)."""
    key = normalise_header(header)
    out = {key}
    m = re.fullmatch(r"(\d{1,2}) (\d{1,2}) (\d{4})", key)
    if m:
        try:
            day = _dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return out
        out.update(normalise_header(day.strftime(f)) for f in _DATE_SPELLINGS)
    return out


def unmatched_mappings(mapping: dict, headers) -> list[str]:
    """The headers a ``perfkit.toml`` or ``--map`` mapping names that none of ``headers`` (cell texts) is, in the mapping's order.

    Examples
    --------
    >>> unmatched_mappings({"Q2 Totl": "actual@2024/25 Q2", "Measure": "name", "2024-06-30": "actual"}, ["Measure", "Q2 Total", "30/06/2024"])
    ['Q2 Totl']
    """
    have = set().union(*(_mapping_keys(h) for h in headers)) if headers else set()
    return [k for k in mapping if normalise_header(k) not in have]


def nearest_headers(name: str, headers, n: int = 3) -> list[str]:
    """The headers most like ``name`` (a mapping's header that matched none), best first; none where nothing is close.

    Likeness is of the spelling and of the words in any order; a header naming other numbers (``Q1`` for ``Q2``)
    comes after those naming the same, so a quarter's mapping is never pointed at another quarter's column first.

    Examples
    --------
    >>> nearest_headers("Q2 Totl", ["Measure", "Q1 Total", "Total Q2", "Notes"])
    ['Total Q2', 'Q1 Total']
    """
    key = normalise_header(name)
    words = " ".join(sorted(key.split()))
    digits = set(re.findall(r"\d+", key))
    scored = []
    for h in dict.fromkeys(h for h in headers if h):
        other = normalise_header(h)
        ratio = max(difflib.SequenceMatcher(None, key, other).ratio(),
                    difflib.SequenceMatcher(None, words, " ".join(sorted(other.split()))).ratio())
        if ratio >= 0.6:
            scored.append((set(re.findall(r"\d+", other)) == digits, ratio, h))
    scored.sort(key=lambda t: (not t[0], -t[1]))
    return [h for _, _, h in scored[:n]]
