"""Which kind a sheet holds, decided from all it shows; and the rows of a sheet that are a key, not items.

A header alone does not tell a milestone tracker from an action plan: both have a
title, a lead, a date and a status, and a ``% complete`` column is as common in one
as in the other. :func:`decide_kind` weighs everything the sheet shows for each kind
whose header fits (:class:`Evidence`): RAG letters or fills in its status columns and
a ``Key milestones`` column speak for milestones; numbered recommendation or strategy
sections, half-yearly columns, a recommendation column and progress percentages for
actions; targets and actuals for measures; impact and likelihood for risks; and the
words of the sheet's name and title rows for any of them. The survey
(:func:`perfkit.read.engine.survey`) reads the sheet as the kind with the most, and the
inventory says which evidence decided it.

A ``Type`` column (``Milestone`` / ``KPI``) splits one table into kinds
(:func:`type_split`); a status key or legend under or above a table (``Key:`` then
``Blue | Complete``, or one cell ``B = complete, G = on track``) gives the workbook's
own status words and fills, and its rows are never items (:func:`find_key`).

Examples
--------
>>> from perfkit.core.status import DEFAULT_SCALE
>>> pairs_in_text("B = complete, G = on track, A = at risk, R = off track")
[('B', 'complete'), ('G', 'on track'), ('A', 'at risk'), ('R', 'off track')]
>>> scale_with_words(DEFAULT_SCALE, {"Minor delay": "Amber"}).normalise("minor delay")
'Amber'
"""

from __future__ import annotations

import datetime as _dt
import re
import weakref
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from perfkit.core.config import toml_string
from perfkit.core.errors import cell_name, col_letter
from perfkit.core.numbers import parse_number
from perfkit.core.status import ARROWS, StatusScale, clashes, comparable, grades, status_from_colour
from perfkit.read.columns import ColumnMap, language_parts, read_header, token_month
from perfkit.read.layout import DropDown, Table, blank, get, list_source_columns, sheet_dropdown, text
from perfkit.read.spec import get_kind, normalise_header
from perfkit.read.workbook import Sheet, Workbook

# How many rows under a header the evidence looks at: enough to see a plan's sections, few enough to stay fast.
LOOK_ROWS = 400

# ---------------------------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class Evidence:
    """One thing a sheet shows that speaks for a kind: its weight, and how the inventory says it."""

    kind: str
    weight: int
    said: str


@dataclass
class Decision:
    """The kind a sheet is read as, its header, and why (empty when its header fits one kind only)."""

    kind: str
    cmap: ColumnMap
    note: str = ""  # for the inventory: which evidence decided it
    severity: str = "info"
    message: str = ""  # for the problems: the same, and the perfkit.toml line that says otherwise


_RAG_WORDS = {"r", "a", "g", "b", "red", "amber", "green", "blue", "r/a", "a/r", "a/g", "g/a", "ra", "ag",
              "red/amber", "amber/red", "amber/green", "green/amber", "ar", "ga", "yellow", "y"}
# Numbered sections of an action plan: "Recommendation 1: ...", "Rec 2 -", "R1.", "Strategy 3", "Workstream 2".
SECTION = re.compile(
    r"^\s*(?:(?:(?:key\s+)?recommendation|rec\.?|workstream|work\s+stream|strategy|tactic|area\s+for\s+improvement|improvement\s+area|"
    r"area\s+of\s+improvement|finding|key\s+finding|must[\s-]+do|should[\s-]+do)\s*\d+(?:\.\d+)*[a-z]?\s*(?:[:.\-–—)]|\s|$)"
    r"|r\d+(?:\.\d+)?\s*[:.\-–—)])",
    re.I,
)
# A plan made after an inspection or a review: its rows are actions, whatever its status letters ('Improvement plan'
# rated B/R/A/G was read as milestones on a tie, with no action figures)
_AFTER_A_REVIEW = re.compile(r"(?i)improvement\s+plan|peer\s+(?:challenge|review)|recommendations?|inspection")


def _name_weight(kind: str, said: str) -> int:
    """How much a sheet's name or title naming a kind weighs: an improvement plan's most, an action plan's more than a
    milestone tracker's or a scorecard's."""
    if kind != "actions":
        return 1
    return 3 if _AFTER_A_REVIEW.search(said) else 2


_NAME_WORDS = {
    # ("Service Plan Actions": a sheet named for its actions, the plural alone)
    "actions": re.compile(r"improvement\s+plan|actions?\s+(?:plan|tracker|log|list)|peer\s+(?:challenge|review)|recommendations?|"
                          r"inspection|audit\s+actions?|\bactions\s*$", re.I),
    # "Action Tracker": an action plan's tracker, never a milestone tracker by its last word
    "milestones": re.compile(r"milestones?|delivery\s+(?:plan|monitoring|update|tracker)|(?<!action\s)(?<!actions\s)tracker|project\s+plan|"
                             r"(?:council|corporate|county|borough|city|district)\s+plan\b", re.I),
    "measures": re.compile(r"\bkpis?\b|performance\s+indicators?|scorecard|\bmeasures\b|\bpis\b", re.I),
    "risks": re.compile(r"\brisks?\b", re.I),
}
_HALF_HEADER = re.compile(r"(?<![a-z0-9])(?:h|half)\s*[12](?![a-z0-9])|six[\s-]?month|half[\s-]?year|mid[\s-]?year", re.I)


def _values(sheet: Sheet, cmap: ColumnMap, cols) -> list:
    below = sheet.rows[cmap.header_row + 1 : cmap.header_row + 1 + LOOK_ROWS]
    return [row[c] for row in below for c in cols if c < len(row) and not blank(row[c])]


def _status_cols(cmap: ColumnMap) -> list[int]:
    spec = cmap.spec
    if not spec.status_field:
        return []
    cols = [pc.col for pc in cmap.period_columns if pc.field == spec.status_field]
    if spec.status_field in cmap.fields:
        cols.append(cmap.fields[spec.status_field])
    return sorted(set(cols))


def _month_of(token: str) -> int | None:
    """The month a period token names, for a month (``Sep 2024``) or a date (``30/09/2024``); None otherwise."""
    month = token_month(token)
    if month is not None:
        return month
    m = re.fullmatch(r"\s*\d{1,2}/(\d{1,2})/\d{2,4}\s*|\s*\d{4}-(\d{2})-\d{2}\s*", token)
    return int(m[1] or m[2]) if m else None


def _half_yearly(fits: dict[str, ColumnMap]) -> str:
    """How the period columns say the sheet is monitored six-monthly (``H1, H2``; September and March), or ``""``."""
    for cmap in fits.values():
        heads = [pc.header for pc in cmap.period_columns]
        halves = [h for h in heads if _HALF_HEADER.search(h)]
        if halves:
            return f"half-yearly columns ({', '.join(repr(h) for h in halves[:2])})"
        months = {_month_of(pc.token) for pc in cmap.period_columns}
        if months == {9, 3}:  # September and March only (one September column is as likely a quarter's)
            return "half-yearly columns (" + " and ".join(n for m, n in ((9, "September"), (3, "March")) if m in months) + ")"
    return ""


def _sections(sheet: Sheet, start: int) -> list[tuple[int, int, str]]:
    """Rows under the header that open a numbered recommendation or strategy section: (row, col, text)."""
    out = []
    for r, row in enumerate(sheet.rows[start : start + LOOK_ROWS], start=start):
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if v.__class__ is str and v[:1] in "RrSsWwTtAaIiFfKkMm" and SECTION.match(v) and sum(not blank(x) for x in row) <= 2:
                out.append((r, c, text(v)))  # a heading alone on its row (an item's reference "R1.1" is not one)
            break
    return out


def _share(values, test) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


_REVIEW_GROUP = re.compile(r"(?i)recommend|audit|finding|improvement|inspection|review|peer|regulator|judgement|weakness")
# A log's statuses: raised and not yet closed, or an audit's implemented or not: words of an action log, never of a RAG tracker
_LOG_STATUSES = {"open", "closed", "outstanding", "implemented", "not implemented", "partially implemented", "partly implemented",
                 "awaiting response", "chasing", "carried forward", "open overdue", "closed complete"}
# the day each item was raised or closed: a log's own columns
_LOG_DATES = re.compile(r"(?i)^\s*(?:date\s+(?:raised|opened|logged|closed|of\s+closure|agreed)|(?:raised|opened|logged|closed)(?:\s+(?:on|date))?)\s*$")


def sheet_evidence(sheet: Sheet, fits: dict[str, ColumnMap]) -> list[Evidence]:
    """Everything the sheet shows that speaks for one of the kinds whose header fits it."""
    out: list[Evidence] = []
    top = min(c.header_row for c in fits.values())
    status_cols = sorted({c for cmap in fits.values() for c in _status_cols(cmap)})
    some = next(iter(fits.values()))
    statuses = [v for v in _values(sheet, some, status_cols) if isinstance(v, str) and len(v) <= 20]
    rag_kinds = [k for k in fits if k in ("milestones", "measures")]
    rag = [v.strip() for v in statuses if v.strip().lower() in _RAG_WORDS]
    if rag_kinds and len(statuses) >= 2 and len(rag) >= 0.5 * len(statuses):
        seen = sorted(set(rag), key=lambda v: ("BRAGY".find(v[0].upper()), len(v), v))
        what = "RAG letters" if all(len(v) == 1 for v in seen) else "RAG statuses"
        said = f"{what} ({', '.join(seen[:5])}{', ...' if len(seen) > 5 else ''}) in its status column"
        out += [Evidence(k, 2, said) for k in rag_kinds]
    elif rag_kinds and not statuses and status_cols and "actions" in fits:
        rows = list(range(top + 1, min(len(sheet.rows), top + 1 + 60)))
        fills = sheet.fills([(r, c) for r in rows for c in status_cols])
        rated = [f for f in fills.values() if status_from_colour(f) is not None]
        if len(rated) >= 2:
            out += [Evidence(k, 2, "RAG fill colours in its status column") for k in rag_kinds]
    if "actions" in fits:
        acts = fits["actions"]
        found = _sections(sheet, acts.header_row + 1)
        if found:
            r, c, said = found[0]
            said = said if len(said) <= 40 else said[:40].rsplit(" ", 1)[0] + "..."
            out.append(Evidence("actions", 3, f"numbered recommendation or strategy sections ({said!r} at {cell_name(sheet.name, r, c)})"))
        if "group" in acts.fields and _REVIEW_GROUP.search(acts.headers[acts.fields["group"]]):
            # an improvement plan's recommendations or an audit's: a milestone tracker's 'Workstream' groups milestones as well
            out.append(Evidence("actions", 3, f"a recommendation or audit column ({acts.headers[acts.fields['group']]!r})"))
        half = _half_yearly(fits)
        if half:
            out.append(Evidence("actions", 2, half))
        # due dates tell actions from measures, never from milestones (which have them too)
        if ("due_date" in acts.fields and "measures" in fits and "due_date" not in fits.get("milestones", fits["measures"]).fields
                and _share(_values(sheet, acts, [acts.fields["due_date"]]), lambda v: isinstance(v, (_dt.date, _dt.datetime))) >= 0.6):
            out.append(Evidence("actions", 1, f"due dates ({acts.headers[acts.fields['due_date']]!r})"))
        logged = [v.strip() for v in statuses if " ".join(v.lower().replace("-", " ").split()) in _LOG_STATUSES]
        if len(statuses) >= 2 and len(logged) >= 0.5 * len(statuses):
            seen = sorted(set(logged), key=str.lower)
            out.append(Evidence("actions", 2, f"a log's statuses ({', '.join(seen[:4])}{', ...' if len(seen) > 4 else ''}) in its status column"))
        dated = [h for h in sheet.rows[acts.header_row] if isinstance(h, str) and _LOG_DATES.match(h)] if acts.header_row < len(sheet.rows) else []
        if dated:
            out.append(Evidence("actions", 1, f"the date each was raised or closed ({dated[0].strip()!r})"))
        progress = [pc.header for pc in acts.period_columns if pc.field == "progress"]
        if "progress" in acts.fields or progress:
            head = acts.headers[acts.fields["progress"]] if "progress" in acts.fields else progress[0]
            out.append(Evidence("actions", 1, f"progress percentages ({head!r})"))
            named = acts.headers.get(acts.fields.get("action", -1), "")
            if re.search(r"(?i)\bactions?\b", named) and not re.search(r"(?i)milestone", named):
                # 'Action ref | Action | Target date | % complete': beside the progress, the officers' own word for each row
                out.append(Evidence("actions", 1, f"its {named!r} column"))
    if "milestones" in fits:
        ms = fits["milestones"]
        title = ms.headers.get(ms.fields.get("title", -1), "")
        if "milestone" in title.lower():
            out.append(Evidence("milestones", 2, f"its {title!r} column"))
    if "measures" in fits:
        kp = fits["measures"]
        have = [f for f in ("target", "actual") if f in kp.fields or any(pc.field == f for pc in kp.period_columns)]
        cols = [kp.fields[f] for f in have if f in kp.fields] + [pc.col for pc in kp.period_columns if pc.field in ("target", "actual")]
        numbers = _values(sheet, kp, cols)
        if have and numbers and _share(numbers, lambda v: parse_number(v).value is not None and not isinstance(v, (_dt.date, _dt.datetime))) >= 0.6:
            # figures with no target to meet are weak evidence: an action plan's progress percentages are figures too
            by_content = any(g[0] in cols and g[1] in ("actual", "target") for g in kp.guesses)
            weight = 3 if len(have) == 2 else 1 if by_content or have == ["actual"] else 2
            out.append(Evidence("measures", weight, "targets and actuals" if len(have) == 2 else f"{have[0]}s in figures"))
    if "risks" in fits:
        rk = fits["risks"]
        named = [f for f in rk.fields if "impact" in f or "likelihood" in f]
        if named:
            out.append(Evidence("risks", 3, "impact and likelihood columns"))
    title_text = " ".join(text(v) for row in sheet.rows[:top] for v in row if not blank(v))[:300]
    for kind, words in _NAME_WORDS.items():
        if kind not in fits:
            continue
        m = words.search(sheet.name)
        t = words.search(title_text)
        # 'CQC Action Plan' over 'CQC Improvement Plan - progress update': the title's improvement plan weighs the more
        if m and not (t and _name_weight(kind, t[0]) > _name_weight(kind, m[0])):
            out.append(Evidence(kind, _name_weight(kind, m[0]), f"its name ({sheet.name!r})"))
        elif t:
            out.append(Evidence(kind, _name_weight(kind, t[0]), f"its title ({t[0]!r})"))
    if "actions" in fits and any(e.kind == "actions" and e.said.startswith("its name") for e in out) \
            and not any(e.said.startswith("its '") and e.kind == "actions" for e in out):
        # a sheet named 'Action Plan' over 'No. | Action | Lead partner | Target date | RAG': an action plan whose rows its
        # officers call actions, never a tie with its RAG letters read as milestones (a title alone, over a Council Plan's
        # priorities, is weaker: such a plan's actions are often its milestones)
        acts = fits["actions"]
        named = acts.headers.get(acts.fields.get("action", -1), "")
        if re.search(r"(?i)\bactions?\b", named) and not re.search(r"(?i)milestone", named):
            out.append(Evidence("actions", 1, f"its {named!r} column"))
    return out


def decide_kind(sheet: Sheet, fits: list[tuple[str, ColumnMap]]) -> Decision:
    """The kind a sheet is read as, of those whose header fits it, and the note that says why.

    Each kind's header score (the fields it found) is added to the weight of what the sheet
    shows for it (:func:`sheet_evidence`); the most wins, and on a tie the first tried
    (the kind the sheet's name suggests, then milestones, measures, actions, risks). With
    one fit there is nothing to decide and no note. Two kinds with nothing but their headers
    to tell them apart, equally, is a line naming both and the ``perfkit.toml`` line: a note
    for milestones or actions (the same statuses, dates and leads either way), else a warning.
    """
    if len(fits) == 1:
        return Decision(fits[0][0], fits[0][1])
    by_kind = dict(fits)
    evidence = sheet_evidence(sheet, by_kind)
    points = {k: c.score + sum(e.weight for e in evidence if e.kind == k) for k, c in fits}
    ranked = sorted(fits, key=lambda kc: -points[kc[0]])  # stable: the first tried wins a tie
    kind, cmap = ranked[0]
    other = ranked[1][0]
    mine = list(dict.fromkeys(e.said for e in evidence if e.kind == kind))
    theirs = [said for said in dict.fromkeys(e.said for e in evidence if e.kind == other) if said not in mine]  # a sign for both is said once
    toml = f"if it holds {other}, say so in perfkit.toml: [sheets.\"{sheet.name}\"] kind = \"{other}\""
    if points[kind] == points[other]:  # a guess: said as one
        if not mine and not theirs:
            note = f"{kind} or {other}? its header fits both equally, and nothing else on the sheet tells them apart"
        else:
            note = (f"{kind} or {other}? what the sheet shows weighs the same for both ({'; '.join(mine) or 'its header'} for {kind}; "
                    f"{'; '.join(theirs) or 'its header'} for {other})")
        # milestones or actions: the same statuses, overdue dates and leads either way, so the reading is said, not a stop
        severity = "info" if {kind, other} == {"milestones", "actions"} else "warning"
        return Decision(kind, cmap, note, severity, f"{note}: read as {kind}; {toml}")
    why = "; ".join(mine) if mine else f"its header's words fit {kind} a little better than {other}"
    note = f"{kind}, not {other}: {why}"
    if theirs:
        note += f" (although it has {'; '.join(theirs)})"
    return Decision(kind, cmap, note, "info", f"read as {note}; {toml}")


# ---------------------------------------------------------------------------------------------- a Type column

TYPE_HEADERS = {"type", "item type", "record type", "type of item", "entry type", "milestone or kpi", "kpi or milestone",
                "milestone kpi", "kpi milestone", "measure or milestone", "milestone or measure", "milestone or pi", "pi or milestone",
                "math type"}  # a Welsh header over its English, "Math\nType", read as one line
_NAMED_TYPE = re.compile(r"^(?:indicator|measure|item|entry|record|kpi|pi|line|row|performance) type$")
"""A ``Type`` column named for what it types (``Indicator type``): it splits a table only where its cells name both kinds."""
_TYPE_WORDS = {
    # "Step": a Welsh well-being objective's steps, beside its performance measures ("PI", "PAM")
    "milestones": {"milestone", "key milestone", "action", "project", "deliverable", "activity", "commitment", "task", "m",
                   "step", "key step", "initiative", "key action", "priority action"},
    "measures": {"kpi", "pi", "measure", "performance measure", "indicator", "performance indicator", "key performance indicator",
                 "metric", "local pi", "national pi", "kpi pi", "k", "corporate kpi", "local kpi", "pam", "local measure",
                 "national measure"},
}


def type_word(value) -> str | None:
    """The kind a ``Type`` cell names (``Milestone`` -> milestones, ``KPI`` -> measures), ``""`` for a blank, None if unknown."""
    if blank(value):
        return ""
    word = normalise_header(value)
    word = word[:-1] if word.endswith("s") and word[:-1] in _TYPE_WORDS["milestones"] | _TYPE_WORDS["measures"] else word
    for kind, words in _TYPE_WORDS.items():
        if word in words:
            return kind
    # "Project milestone", "Performance measure (annual)": the kind its nouns name, where they name one kind only
    said = {kind for kind, nouns in _TYPE_NOUNS.items() if nouns & set(word.split())}
    return said.pop() if len(said) == 1 else None


# "CRMP action", "Key initiative": an action of a plan, beside its KPIs, is a milestone of it
_TYPE_NOUNS = {"milestones": {"milestone", "milestones", "deliverable", "deliverables", "commitment", "commitments", "action",
                              "actions", "initiative", "initiatives", "activity", "activities"},
               "measures": {"kpi", "kpis", "pi", "pis", "measure", "measures", "indicator", "indicators", "metric", "metrics"}}


@dataclass
class Split:
    """One kind's share of a table split by its ``Type`` column: the rows it leaves to the other, and what it says."""

    kind: str
    cmap: ColumnMap
    skip: frozenset
    note: str
    problems: list = field(default_factory=list)  # (cell, value, message, severity)


def _type_columns(header: ColumnMap) -> list[int]:
    """The columns a header names as each row's type (``Type``, ``Item type``, ``Math / Type``)."""
    return [c for c, h in header.headers.items() if any(normalise_header(part) in TYPE_HEADERS or _NAMED_TYPE.match(normalise_header(part))
                                                        for part in {h, *language_parts(h)})]


# Headers that may type each row, but hold other things as often ('Category' of a risk, 'Kind' of a grant): read as the
# rows' types only where their cells name milestones and measures
_LOOSE_TYPE_HEADERS = {"category", "item category", "category of item", "kind", "item kind", "milestone kpi category", "classification"}


def _types_under_another_header(sheet: Sheet, header: ColumnMap) -> list[int]:
    """A fire authority's ``Category`` column of ``Milestone`` / ``KPI``: the rows' types under a header that could hold
    anything, taken where nine in ten of its filled cells name a kind and both kinds are named (all ten rows of a plan
    report mixing milestones and KPIs were read as measures, with no overdue list)."""
    out = []
    for c, h in header.headers.items():
        if normalise_header(h) not in _LOOSE_TYPE_HEADERS:
            continue
        cells = [get(row, c) for row in sheet.rows[header.header_row + 1:] if not blank(get(row, c))]
        kinds = [type_word(v) for v in cells]
        if len(cells) >= 2 and sum(k is not None for k in kinds) >= 0.9 * len(cells) and {"milestones", "measures"} <= set(kinds):
            out.append(c)
    return out


def raid_split_alone(sheet: Sheet, fits: list[tuple[str, ColumnMap]], chosen: str) -> list[Split] | None:
    """A risks and issues log (``Type``: Risk / Issue) that only the risks' header fits: its risks read, the issues set
    aside and named (an issue is a risk that has happened, never one of the register's risks), or None."""
    by_kind = dict(fits)
    if chosen != "risks" or chosen not in by_kind:
        return None
    cols = [c for c in _type_columns(by_kind[chosen]) if c not in by_kind[chosen].fields.values()] or _type_columns(by_kind[chosen])
    if not cols:
        return None
    words = {normalise_header(get(row, cols[0])).rstrip("s") for row in sheet.rows[by_kind[chosen].header_row + 1:]
             if not blank(get(row, cols[0]))}
    if words <= {"risk", "opportunity", "opportunitie"}:
        return None  # a risk and opportunity register: its opportunities are set aside, and said on the page, by reading
    return _raid_split(sheet, by_kind, by_kind[chosen], cols[0])


def type_split(sheet: Sheet, fits: list[tuple[str, ColumnMap]], chosen: str) -> list[Split] | None:
    """A table whose ``Type`` column names milestones and measures, split into one read of each, or None.

    Rows typed as one kind are left out of the other's read; section rows (one piece of
    text) are read by both, so each item keeps its priority. A row with no type is read
    as a measure where it has a figure in the measures' target or actual columns, else as
    a milestone, with a warning naming the cell; a type perfkit does not know leaves the
    row unread, with a warning naming the cell. A table whose header does not fit both
    kinds is not split (its types are said in a warning).
    """
    by_kind = dict(fits)
    header = by_kind[chosen]
    cols = _type_columns(header) or _types_under_another_header(sheet, header)  # "Math / Type" too; "Category"
    if not cols:
        return _figure_split(sheet, by_kind, chosen)
    tc = cols[0]
    where = cell_name(sheet.name, header.header_row, tc)
    rows = sheet.rows
    typed: dict[int, str] = {}
    unknown: list[int] = []
    title_col = header.fields.get(get_kind(chosen).key_field)
    for r in range(header.header_row + 1, len(rows)):
        first = next((v for v in rows[r] if not blank(v)), None)
        if isinstance(first, str) and KEY_LABEL.match(first):
            break  # a key under the table: its rows are not items of either kind
        k = type_word(get(rows[r], tc))
        if k is None and not blank(get(rows[r], title_col)):
            unknown.append(r)
        elif k:
            typed[r] = k
    if (raid := _raid_split(sheet, by_kind, header, tc)) is not None:
        return raid
    kinds = set(typed.values())
    if len(kinds) < 2:
        return None
    if not all(k in by_kind for k in kinds):
        missing = sorted(k for k in kinds if k not in by_kind)
        said = get_kind(missing[0]).describe
        return [Split(chosen, header, frozenset(), "", [(where, header.headers[tc],
                      f"column {header.headers[tc]!r} names {' and '.join(missing)} too, but the header has no {said} for them: every row "
                      f"read as {chosen}; name those columns in perfkit.toml (e.g. \"Actual\" = \"actual\")", "warning")])]
    ms, kp = by_kind["milestones"], by_kind["measures"]
    key_col = ms.fields.get("title")
    figures = [kp.fields[f] for f in ("target", "actual") if f in kp.fields] + [pc.col for pc in kp.period_columns if pc.field in ("target", "actual")]
    guessed: dict[str, list[int]] = {"milestones": [], "measures": []}
    for r in range(header.header_row + 1, len(rows)):
        if r in typed or r in unknown:
            continue
        row = rows[r]
        first = next((v for v in row if not blank(v)), None)
        if isinstance(first, str) and KEY_LABEL.match(first):
            break  # 'Key: | Achieved = Green | On course = Amber': the key under the table, neither kind's row, none to type
        filled = sum(1 for v in row if not blank(v))
        if filled < 2 or blank(get(row, key_col)):
            continue  # a section row, a note or nothing: both reads see it
        k = "measures" if any(not blank(get(row, c)) for c in figures) else "milestones"
        typed[r] = k
        guessed[k].append(r)
    out = []
    for kind, other in (("milestones", "measures"), ("measures", "milestones")):
        cmap = by_kind[kind]
        theirs = by_kind[other]
        used = set(theirs.fields.values()) | {pc.col for pc in theirs.period_columns} | {tc}
        cmap.unmapped = [c for c in cmap.unmapped if c not in used]
        status = get_kind(kind).status_field
        figures_theirs = {pc.col for pc in theirs.period_columns if pc.field in ("actual", "target")}
        if status in cmap.fields:
            # "Q2 2024/25" beside "Status": the KPIs' figure for the quarter, never a second status for the milestones
            aside = [pc for pc in cmap.period_columns if pc.field == status and pc.col in figures_theirs
                     and normalise_header(pc.header) == normalise_header(pc.token)]
            cmap.period_columns = [pc for pc in cmap.period_columns if pc not in aside]
        skip = frozenset(r for r, k in typed.items() if k != kind) | frozenset(unknown)
        problems = []
        if kind == "measures" and "actual" not in cmap.fields:
            # 'Q3 position': the milestones' progress in words, the KPIs' figure on their own rows (-4.2%, 0.863,
            # 13.2 mins): the measures' actual for that quarter, never their commentary
            mine = [r for r, k in typed.items() if k == kind]
            for i, pc in enumerate(cmap.period_columns):
                if pc.field != "commentary" or any(q.field == "actual" and q.token == pc.token for q in cmap.period_columns):
                    continue
                values = [get(rows[r], pc.col) for r in mine if not blank(get(rows[r], pc.col))]
                if values and sum(parse_number(v).value is not None for v in values) >= 0.8 * len(values):
                    cmap.period_columns[i] = replace(pc, field="actual")
                    problems.append((cell_name(sheet.name, header.header_row, pc.col), pc.header,
                                     f"column {pc.header!r} holds figures on the rows typed as measures (words on the others): "
                                     f"read as the measures' actual for {pc.token}, and as the milestones' commentary", "info"))
        words = sorted({text(get(rows[r], tc)) for r, k in typed.items() if k == kind and not blank(get(rows[r], tc))})
        n_mine = sum(1 for k in typed.values() if k == kind)
        note = (f"column {header.headers[tc]!r} ({col_letter(tc)}) splits the table: {n_mine} row{'s' * (n_mine != 1)} typed "
                f"{' or '.join(map(repr, words)) or 'by their figures'} read as {kind}, the other {len(typed) - n_mine} as {other}")
        if guessed[kind]:
            rs = guessed[kind]
            because = "it has a target or actual" if kind == "measures" else "it has no target or actual"
            problems.append((cell_name(sheet.name, rs[0], tc) + (f" (and {len(rs) - 1} more)" if len(rs) > 1 else ""), "",
                             f"no type given: read as {'a measure' if kind == 'measures' else 'a milestone'} because {because} "
                             f"(rows {', '.join(str(r + 1) for r in rs[:8])}); type {'KPI' if kind == 'measures' else 'Milestone'} "
                             "in the cell to say so", "warning"))
        if unknown and kind == "milestones":
            for r in unknown:
                problems.append((cell_name(sheet.name, r, tc), text(get(rows[r], tc)),
                                 f"type {text(get(rows[r], tc))!r} is neither a milestone nor a measure: row not read; "
                                 "type Milestone or KPI", "warning"))
        out.append(Split(kind, cmap, skip, note, problems))
    return out


# A RAID log's Type column: risks and actions are read as their kinds; issues, assumptions, dependencies and decisions are
# neither (an issue is a risk that has happened, with no likelihood), so their rows are set aside, named.
_RAID_WORDS = {"risk": "risks", "action": "actions", "issue": "", "decision": "", "assumption": "", "dependency": "",
               "dependencie": "", "opportunity": "", "lesson": "", "lesson learnt": "", "lesson learned": "", "change": "",
               "change request": ""}


def _raid_word(value) -> str | None:
    """The kind a RAID log's ``Type`` cell names: risks, actions, ``""`` for the types that are neither, None if no RAID word."""
    word = normalise_header(value)
    word = word[:-1] if word.endswith("s") else word
    return _RAID_WORDS.get(word)


def _raid_split(sheet: Sheet, by_kind: dict, header: ColumnMap, tc: int) -> list[Split] | None:
    """A RAID log (``Type``: Risk / Issue / Action / Decision) split into its risks and its actions, or None.

    Only where every typed row names a RAID type, some of them ``Risk``, and at least one other type. Rows of the types
    that are neither kind are read by neither, and each read's note names them; a status column that is blank on a
    kind's own rows (an action's ``Rating``) gives way to the one its rows fill (the action's ``Status``).
    """
    rows = sheet.rows
    typed: dict[int, str] = {}
    words: dict[int, str] = {}
    for r in range(header.header_row + 1, len(rows)):
        v = get(rows[r], tc)
        if blank(v):
            continue
        first = next((x for x in rows[r] if not blank(x)), None)
        if isinstance(first, str) and KEY_LABEL.match(first):
            break
        k = _raid_word(v)
        if k is None:
            return None
        typed[r], words[r] = k, text(v)
    if "risks" not in typed.values() or len(set(words.values())) < 2:
        return None
    where = cell_name(sheet.name, header.header_row, tc)
    neither = [r for r, k in typed.items() if not k]
    by_word: dict[str, list[int]] = {}
    for r in neither:
        by_word.setdefault(words[r], []).append(r)
    aside = "; ".join(f"{len(rs)} typed {w!r} (rows {', '.join(str(r + 1) for r in rs[:6])}{'...' if len(rs) > 6 else ''})"
                      for w, rs in by_word.items())
    out = []
    for kind in ("risks", "actions"):
        mine = [r for r, k in typed.items() if k == kind]
        if not mine:
            continue
        if kind not in by_kind:
            out[0].problems.append((where, header.headers[tc], f"{len(mine)} rows typed {words[mine[0]]!r} are {kind}, but the "
                                    f"header has no {get_kind(kind).describe} for them: not read", "warning"))
            continue
        cmap = by_kind[kind]
        cmap.fields = {f: c for f, c in cmap.fields.items() if c != tc}
        cmap.unmapped = [c for c in cmap.unmapped if c != tc]
        _own_status(cmap, kind, rows, mine)
        note = (f"column {header.headers[tc]!r} ({col_letter(tc)}) splits the RAID log: {len(mine)} row{'s' * (len(mine) != 1)} "
                f"typed {words[mine[0]]!r} read as {kind}")
        if aside:
            note += f"; {aside} are neither risks nor actions, and are not read"
        out.append(Split(kind, cmap, frozenset(r for r in typed if r not in set(mine)), note))
    return out


def _own_status(cmap: ColumnMap, kind: str, rows: list, mine: list[int]) -> None:
    """A kind's status column blank on all its own rows, beside an unread column headed as its status that they fill:
    that column is the kind's status (an action's ``Status`` in a RAID log, where ``Rating`` is the risks')."""
    field_name = get_kind(kind).status_field
    col = cmap.fields.get(field_name or "")
    if col is None or any(not blank(get(rows[r], col)) for r in mine):
        return
    heads = set(get_kind(kind).headers.get(field_name, ()))
    for c in cmap.unmapped:
        if normalise_header(cmap.headers.get(c, "")) in heads and any(not blank(get(rows[r], c)) for r in mine):
            cmap.fields[field_name] = c
            cmap.unmapped = [x for x in cmap.unmapped if x != c] + [col]
            return


def _figure_split(sheet: Sheet, by_kind: dict, chosen: str) -> list[Split] | None:
    """A table with no ``Type`` column mixing milestones and measures, told apart row by row, or None.

    Only where the header fits both kinds, with a due-date column and figure columns, and every row falls plainly one
    way: rows with a number in a target or actual column and no due date are measures; rows with a due date and no
    number are milestones; at least one of each. Read as one kind, the milestones were measures with no data and their
    overdue dates were lost. Each read says which rows went to the other, naming them.
    """
    if not {"milestones", "measures"} <= set(by_kind) or chosen not in ("milestones", "measures"):
        return None
    ms, kp = by_kind["milestones"], by_kind["measures"]
    due = ms.fields.get("due_date", ms.fields.get("revised_due_date"))
    figures = [kp.fields[f] for f in ("target", "actual") if f in kp.fields] + \
        [pc.col for pc in kp.period_columns if pc.field in ("target", "actual")]
    key_col = ms.fields.get("title")
    if due is None or not figures or key_col is None or due in figures:
        return None
    rows = sheet.rows
    typed: dict[int, str] = {}
    for r in range(ms.header_row + 1, len(rows)):
        row = rows[r]
        first = next((v for v in row if not blank(v)), None)
        if isinstance(first, str) and KEY_LABEL.match(first):
            break
        if sum(1 for v in row if not blank(v)) < 2 or blank(get(row, key_col)):
            continue  # a section row, a note or nothing: both reads see it
        numbers = any(parse_number(get(row, c)).value is not None for c in figures if not isinstance(get(row, c), (_dt.date, _dt.datetime)))
        dated = isinstance(get(row, due), (_dt.date, _dt.datetime))
        if numbers == dated:
            return None  # a row both ways, or neither: not for perfkit to guess
        typed[r] = "measures" if numbers else "milestones"
    if len(set(typed.values())) < 2:
        return None
    out = []
    for kind, other in (("milestones", "measures"), ("measures", "milestones")):
        cmap, theirs = by_kind[kind], by_kind[other]
        used = set(theirs.fields.values()) | {pc.col for pc in theirs.period_columns}
        cmap.unmapped = [c for c in cmap.unmapped if c not in used]
        if kind == "milestones":  # the measures' figure columns ("Q1" beside "Q1 RAG") are never a milestone's status
            cmap.period_columns = [pc for pc in cmap.period_columns if pc.col not in figures]
            cmap.fields = {f: c for f, c in cmap.fields.items() if c not in figures}
        mine = [r for r, k in typed.items() if k == kind]
        skip = frozenset(r for r, k in typed.items() if k != kind)
        because = "a due date and no figures" if kind == "milestones" else "a target or actual and no due date"
        note = (f"the table mixes milestones and measures with no Type column: {len(mine)} row{'s' * (len(mine) != 1)} with {because} "
                f"(rows {', '.join(str(r + 1) for r in mine[:8])}{'...' if len(mine) > 8 else ''}) read as {kind}, the other "
                f"{len(skip)} as {other}; if that is wrong, add a Type column (Milestone / KPI)")
        out.append(Split(kind, cmap, skip, note))
    return out


# ---------------------------------------------------------------------------------------------- a status key

KEY_LABEL = re.compile(r"^\s*(?:(?:(?:performance|kpi|measures?|pi|milestones?|delivery|progress|overall|judge?ments?|assessments?)\s+)?"
                       r"(?:b?rag\s+|status\s+|colour\s+|color\s+|rag\s+status\s+)?(?:key|legend)\b\s*(?:to\s+\w+\s*)?[:\-–]?"
                       # "Status: On track = Green; Some concern = Amber": a label of its own, a colon, then the pairs
                       r"|(?:b?rag(?:\s+status(?:es)?)?|status(?:es)?|ratings?)\s*:)\s*(?P<rest>.*)$", re.I | re.S)
_PAIR = re.compile(r"^\s*(?P<token>[A-Za-z][A-Za-z/ ]{0,14}?)\s*(?:=|:|–|—|-(?=\s))\s*(?P<meaning>\S.*?)\s*$", re.S)
_EQUALS_PAIR = re.compile(r"^\s*(?P<token>[A-Za-z][^=]{0,39}?)\s*=\s*(?P<meaning>[^=]*\S)\s*$", re.S)
COLOURS = {"red": "Red", "amber": "Amber", "yellow": "Amber", "orange": "Amber", "green": "Green", "blue": "Complete",
           "purple": None, "grey": None, "gray": None, "black": None, "white": None}


_COLOUR_NAME = "(?:" + "|".join(COLOURS) + ")"  # the colours a key may name, as COLOURS has them
# "Steady (Green)" and "Green (on target)": a word with its colour in brackets, or a colour with its meaning
_BRACKETED = (re.compile(rf"^\s*(?P<meaning>[A-Za-z][^()=:]{{0,39}}?)\s*\(\s*(?P<token>{_COLOUR_NAME})\s*\)\s*\.?\s*$", re.I),
              re.compile(rf"^\s*(?P<token>{_COLOUR_NAME})\s*\(\s*(?P<meaning>[A-Za-z][^()=]{{0,59}}?)\s*\)\s*\.?\s*$", re.I))


_GLOSSED = re.compile(r"^\s*(?P<token>[A-Za-z][A-Za-z' /-]{0,30}?)\s*\((?P<meaning>[^()]{2,80})\)\s*\.?\s*$")
_BARE_WORD = re.compile(r"^\s*[A-Za-z][A-Za-z' /-]{0,30}?\s*\.?\s*$")


def _glossed_pairs(value: str) -> list[tuple[str, str]]:
    """``Complete; On track; At risk (some slippage, recoverable); Delayed (will miss target date)``: each word with its
    gloss in brackets (a bare word its own meaning), where every part is one or the other and one at least is glossed."""
    parts = [p for p in re.split(r"[;\n]", value) if p.strip()]
    found = [(_GLOSSED.match(p), _BARE_WORD.match(p)) for p in parts]
    if len(parts) < 2 or not all(g or b for g, b in found) or not any(g for g, _ in found):
        return []
    return [(g["token"].strip(), g["meaning"].strip()) if g else (p.strip().rstrip("."), p.strip().rstrip("."))
            for p, (g, _) in zip(parts, found)]


def pairs_in_text(value: str) -> list[tuple[str, str]]:
    """``B = complete, G = on track`` (or ``Blue: complete; Green: on track``, one per line, or ``Complete (Blue)``, or
    ``On track; Delayed (will miss target date)``) as (token, meaning) pairs.

    >>> pairs_in_text("Complete; At risk (some slippage, recoverable); Delayed (will miss target date)")
    [('Complete', 'Complete'), ('At risk', 'some slippage, recoverable'), ('Delayed', 'will miss target date')]
    >>> pairs_in_text("G = on target; A = within 5%; R = more than 5% off. ↑ higher is better, ↓ lower is better.")[-1]
    ('R', 'more than 5% off')
    >>> pairs_in_text("G = on track. A = some slippage. Recovery expected; R = off track")
    [('G', 'on track'), ('A', 'some slippage'), ('R', 'off track')]
    """
    glossed = _glossed_pairs(value)
    if glossed:
        return glossed
    out = []
    # a sentence ends a pair's meaning: "R = more than 5% off target. ↑ higher is better" (never "...target, ↑ higher");
    # a sentence after a pair that pairs nothing is prose beside the key, passed over
    chunks = [(sentence, k > 0) for c in re.split(r"[;\n]|\s{3,}", value) if c.strip()
              for k, sentence in enumerate(s for s in re.split(r"(?<=[A-Za-z0-9%)])\.\s+(?=[^a-z\s])", c) if s.strip())]
    for chunk, later in chunks:
        if later and out and not any(_PAIR.match(q) or "=" in q for q in chunk.split(",")[:1]):
            continue
        for i, p in enumerate(q for q in chunk.split(",") if q.strip()):
            m = _PAIR.match(p) or next((b for b in (x.match(p) for x in _BRACKETED) if b), None)
            if "=" in p and (e := _EQUALS_PAIR.match(p)):  # "Off course - recoverable = Amber": the '=' pairs them, not the dash
                m = e
            if not m and i and out:  # "A – In progress, at risk": the comma goes on saying what A means
                out[-1] = (out[-1][0], f"{out[-1][1]}, {p.strip().rstrip('.')}")
                continue
            if not m:
                return out if len(out) >= 2 else []
            out.append((m["token"].strip(), m["meaning"].strip().rstrip(".")))
    return out


@dataclass
class Key:
    """A status key found by a table: its rows (never items), the words it teaches, and the fills it names."""

    rows: dict[int, str] = field(default_factory=dict)  # row -> what it says
    words: dict[str, str] = field(default_factory=dict)  # word as typed -> status (default-scale names)
    fills: dict[str, str] = field(default_factory=dict)  # RRGGBB -> status
    where: str = ""
    conflicts: list = field(default_factory=list)  # (cell, token, meaning, colour's status, meaning's status)
    pairs: list = field(default_factory=list)  # (token, meaning, status) as the key gives them
    unplaced: list = field(default_factory=list)  # (cell, token, meaning) of key rows naming no status perfkit knows
    sources: dict = field(default_factory=dict)  # word as typed -> the key's cell that teaches it
    pending: list = field(default_factory=list)  # Swatch rows: a word beside a coloured cell, its fill read only when a word needs it
    book: "Key | None" = None  # the workbook's own key (on a cover, key, guidance or lookup sheet), beside the table's own
    sheets: dict = field(default_factory=dict)  # a workbook's key: sheet -> the key found on it
    reported: set = field(default_factory=set)  # a workbook's key: the kinds whose reads have said its contradictions
    known: set = field(default_factory=set)  # words in ``words`` the default scale knows already: carried, not said as taught
    configured: frozenset = frozenset()  # words perfkit.toml gives (plain): never the key's, whatever it colours them
    ambiguous: dict = field(default_factory=dict)  # token -> [(status, cell)]: one mark given several meanings (by its colour)


def _tokenish(word: str) -> bool:
    """A key's token: a colour word or a short code (``B``, ``G``, ``NS``, ``R/A``)."""
    return COLOURS.get(word.lower(), "") != "" or bool(re.fullmatch(r"[A-Za-z]{1,3}(?:/[A-Za-z]{1,3})?", word))


def _bare_mark(word: str) -> bool:
    """A cell that is a mark and nothing else (``●``, ``✔``, ``▲``): no letter or digit."""
    return not re.search(r"[^\W_]", word)


def _pair_of(cells: list[tuple[int, object]], scale: StatusScale | None = None) -> tuple[str, str, int] | None:
    """A key row's (token, meaning, token column) from its non-blank cells, or None.

    ``B | Complete``, ``Complete | ... | B`` (the meaning in the title column, the letter in
    the status column), ``B | Blue | Complete`` or ``B = Complete`` in one cell. Under a
    ``Key`` label (``scale`` given) a status word may be the token too: ``On track | Progressing as planned``.
    """
    def tokenish(word):
        return _tokenish(word) or (scale is not None and len(word) <= 20 and scale.normalise(word) is not None)

    texts = [(c, text(v)) for c, v in cells if isinstance(v, str)]
    if len(texts) != len(cells) or not 1 <= len(texts) <= 3:
        return None
    if not all(comparable(t) for _, t in texts):
        return None  # a dash or a bullet: nothing a status cell could be told by
    marks = [(c, t) for c, t in texts if _bare_mark(t)]
    if any(ARROWS & set(t) for c, t in marks if c != texts[0][0]):
        # "Green | ▲" on a lookup sheet: a RAG list beside an arrow list (direction of travel), where a key that gives an
        # arrow a meaning puts the arrow first ("▲ | At risk – some delay")
        return None
    if len(texts) == 2 and len(marks) == 1:  # "● | On track", "On track | ●": the mark is the token, the words its meaning
        (c, token), (_, meaning) = marks[0], next(x for x in texts if x[0] != marks[0][0])
        return (token, meaning, c) if len(meaning) <= 80 else None
    if len(texts) == 1:
        pairs = pairs_in_text(texts[0][1])
        if len(pairs) == 1 and grades(pairs[0][1]):
            return None  # "Off course – recoverable": one status of the key's own, graded, not a token and its meaning
        if len(pairs) == 1 and tokenish(pairs[0][0]):
            return pairs[0][0], pairs[0][1], texts[0][0]
        return None
    (c0, first), (c1, last) = texts[0], texts[-1]
    if len(texts) == 3:
        middle = texts[1][1]
        if not tokenish(middle) or COLOURS.get(middle.lower(), "") == "":
            return None
        return (first, last, c0) if tokenish(first) else None  # B | Blue | Complete
    if _tokenish(last) and not _tokenish(first):  # "Complete | ... | B": the letter is the token
        token, meaning, col = last, first, c1
    elif tokenish(first):
        token, meaning, col = first, last, c0
    elif tokenish(last):
        token, meaning, col = last, first, c1
    elif scale is not None and len(first) <= 25 and len(first.split()) <= 3 and (scale.leading(last) or scale.normalise(last)):
        token, meaning, col = first, last, c0  # "Check Progress | Some slippage - check with the owner": the meaning names it
    else:
        return None
    return (token, meaning, col) if len(meaning) <= 80 else None


# A key's words for the bands against target: on or better than it; short of it within a tolerance; further off.
_ON_TARGET = re.compile(r"(?i)^(?!.*\b(?:but|within|below|short|not|missed)\b).*(?:\b(?:on|better\s+than|above|exceed\w*|meet\w*|met|"
                        r"achiev\w*)\s+(?:or\s+\w+(?:\s+than)?\s+)?(?:the\s+)?target\b|\btarget\s+(?:met|achieved|exceeded)\b)")
_NEAR_TARGET = re.compile(r"(?i)\b(?:within|up\s+to|no\s+more\s+than)\s+\d+(?:\.\d+)?\s*%|\bwithin\s+(?:the\s+)?tolerance\b")
_OFF_TARGET = re.compile(r"(?i)\b(?:more\s+than|over|outside|beyond|greater\s+than)\s+\d+(?:\.\d+)?\s*%|\boutside\s+(?:the\s+)?tolerance\b"
                         r"|\boff\s+target\b|\btarget\s+(?:missed|not\s+met)\b")


def _band_meaning(meaning: str, scale: StatusScale) -> str | None:
    """The status a key's words give a band against target (``On target or better than target``: Green; ``Below target
    but within 10% tolerance``: Amber; ``More than 10% away from target``: Red), or None."""
    if _OFF_TARGET.search(meaning) and not _NEAR_TARGET.search(meaning):
        return scale.normalise("Red")
    if _NEAR_TARGET.search(meaning) and not _OFF_TARGET.search(meaning):
        return scale.normalise("Amber")
    if _ON_TARGET.search(meaning):
        return scale.normalise("Green")
    return None


_BAND_LIMIT = re.compile(r"(?i)\b(?:by\s+)?(?:no\s+more\s+than|within|up\s+to|less\s+than|at\s+most|not\s+more\s+than)\s+\d")


# A band of figures, never a word: "100%", "99% to 99.9%", "below 99%", "< 95%", "95% or above"
_FIGURES_BAND = re.compile(r"(?i)^\s*(?:[<>≤≥=]+|below|above|under|over|less\s+than|more\s+than|at\s+least)?\s*[\d.,]+\s*%?"
                           r"(?:\s*(?:to|-|–|—)\s*[\d.,]+\s*%?)?\s*(?:or\s+(?:above|more|over|higher|below|less|under|lower))?\s*$")


def _learn(key: Key, token: str, meaning: str, fill: str | None, scale: StatusScale, where: str = "") -> str | None:
    """Learn one key row; the status it names, or None where it names none."""
    colour = COLOURS.get(token.strip().lower(), "") if token else ""
    said = scale.normalise(meaning) if meaning else None
    if said is None and meaning and "(" in meaning:  # "more than 5% below target (for 'Low' indicators, above target)"
        meaning_bare = re.sub(r"\s*\([^()]*\)", "", meaning).strip()
        said = scale.normalise(meaning_bare) if meaning_bare else None
        if said is None and meaning_bare:
            said = (scale.leading(meaning_bare) or (None,))[0]
        if said is None and scale.normalise(token) is not None:  # the aside is no reading of the token's own letter
            said = scale.normalise(token)
        if said is None and (named := re.findall(r"\(\s*([a-z]+)\s*\)", meaning.lower())) and len(named) == 1 \
                and COLOURS.get(named[0]):
            # "Slipped = past its original date (red)": the colour the key gives it in brackets
            said = _on_scale(COLOURS[named[0]], scale)
    if said is None and meaning and re.search(r"\s[–—-]\s", meaning):
        # "Contextual measure – no target": the part that names a status, where one part alone does
        parts = re.split(r"\s+[–—-]\s+", meaning)
        named = {st for q in parts if (st := scale.normalise(q.strip())) is not None}
        # never "Off course – recoverable": a status graded is a step of the key's own, not the status it starts with
        said = named.pop() if len(named) == 1 and not any(grades(q.strip()) for q in parts) else None
    if said is None and meaning and "," in meaning:  # "In progress, at risk": the part that says how it goes, not that it goes
        parts = [scale.normalise(q) for q in meaning.split(",")]
        plain = [st for q, st in zip(meaning.split(","), parts) if st is not None and not scale.folded(q.strip())]
        said = plain[-1] if plain else next((st for st in parts if st is not None), None)
    if not colour and fill:
        # a swatch beside its word: the word says what the colour means (a dark green "Completed"), its hue only guesses;
        # but where only a part of the words names a status ("Behind schedule – at risk" filled red: "at risk" is Amber
        # alone; "In progress – carried forward" filled amber: "carried forward" is Deferred alone), the key's colour is
        # the officer's own choice among its steps (a dark green "Completed – signed off" is still Complete)
        hue = status_from_colour(fill) or ""
        worded = not token and said is not None  # the swatch's words name a status
        # a word perfkit reads as one rated status filled in another's colour ('Delayed', Amber by default, filled red in the
        # cover's key): the officer's colour is the meaning their workbook gives the word, as it is for a word in part
        # (only a worse colour: a pastel the colour reads as milder, a peach 'Off course', is the word's own status)
        partial = (worded and hue in scale.names and said in scale.names and hue != said and scale[hue].rank is not None
                   and (scale.normalise(meaning) != said or scale[said].rank is not None and scale[hue].rank < scale[said].rank)
                   and not (said == "Complete" and hue == "Green"))
        if partial:
            said = hue
        colour = "" if worded and not partial else hue
    coded = scale.normalise(token) if token and COLOURS.get(token.strip().lower(), "") == "" else None
    if said is None and meaning and _WILL_MISS.search(meaning):  # "Delayed (will miss target date)": the worst rated status
        said = _on_scale("Red", scale)
    if (not colour and said is not None and coded is not None and said != coded and token.strip().upper() in ("R", "A", "G")
            and scale[said].rank is not None and scale[coded].rank is not None):
        # "R = Behind schedule - will miss the deadline": a RAG letter is its own colour, the words say what it means
        said = coded
    own = None  # an unrated short word the key gives another meaning ("N/A = Not yet due for reporting"): the key's, said
    if said is None and coded is not None and not colour and meaning and scale[coded].rank is None and len(token.strip()) <= 4:
        first = re.split(r"\s+/\s+|;", meaning)[0].strip()
        words = first.split()
        own = next((st for k in range(len(words), 0, -1) if (st := scale.normalise(" ".join(words[:k]))) is not None), None)
        own = own if own is not None and own != coded and scale[own].rank is None else None
        said = own or said
    if said is None and coded is None and meaning:
        said = (scale.leading(meaning) or (None,))[0]  # "Check Progress | Some slippage - check with the owner": Amber
    if said is None and coded is None and not colour and meaning and token and not _is_name(token, scale):
        # "► | Below target but within 10% tolerance": a mark whose words describe a band against target
        said = _band_meaning(meaning, scale)
    if (said is not None and not colour and meaning and said in scale.names and scale[said].rank is not None
            and _NEAR_TARGET.search(meaning) and not _OFF_TARGET.search(meaning)):
        # "Within tolerance | Worse than target, but within 5%": the words start with how it stands, the band is Amber's
        said = _band_meaning(meaning, scale) or said
    if colour and said is not None and said != colour and _BAND_LIMIT.search(meaning or ""):
        # "Amber – below target by no more than 5 percentage points": the band the colour covers, not a status of its own
        said = None
    if (said is not None and coded is not None and said != coded and meaning
            and coded in {scale.normalise(q.strip()) for q in re.split(r",|;|\s[–—-]\s", meaning)}):
        # "Major delays = Significant slippage, at risk": a part of the words names the word's own status, so the key agrees
        # with the word (the last part alone, 'at risk', made two red items amber under a warning)
        said = coded
    if (not colour and not fill and said is not None and coded is not None and said != coded and not _is_name(token, scale)
            and said in scale.names and coded in scale.names and scale[said].rank is not None and scale[coded].rank is not None
            and scale[said].rank < scale[coded].rank and said not in scale.complete
            and not (coded in scale.complete and said == _on_scale("Green", scale))):  # 'Achieved = Green': done, green
        # "Delayed (will miss target date)": the key gives a word perfkit reads as Amber a worse meaning; the workbook's own
        # meaning is read (a committee sees the worse status, said in the key's note), never the milder default
        key.pairs.append((token, meaning, said))
        key.words[token] = said
        key.sources[token] = where
        return said
    if (not colour and not fill and said is not None and coded is not None and said != coded and len(token.strip()) > 3
            and said in scale.names and coded in scale.names and scale[said].rank is not None and scale[coded].rank is not None
            and said not in scale.complete and coded not in scale.complete):
        # "Off course = behind schedule, action needed", no colour to settle it: 'Off course' is Red, its meaning Amber;
        # the word is read as its own status and the doubt said as a warning with the line (read as the meaning's, a
        # committee's red milestones were published as amber with a note)
        key.pairs.append((token, meaning, coded))
        key.conflicts.append((where, token, meaning, coded, said))
        return coded
    status = colour or said or coded
    if status is None:
        return None
    key.pairs.append((token or f"fill #{fill[-6:].upper()}", meaning, status))
    if colour and said is not None and said != colour and said != _on_scale(colour, scale):  # Green is On track on an action scale
        key.conflicts.append((where, token or f"fill {fill}", meaning, colour, said))
        return status
    if token and token in key.ambiguous:
        key.ambiguous[token].append((status, where))
    elif token and key.words.get(token, status) != status and not colour:
        # "● | On or better than target", "● | Within 5%", "● | More than 5% worse": one mark, its meaning in the colour of
        # its text, never the last row's meaning for every cell (8 measures were briefed as red)
        key.ambiguous[token] = [(key.words.pop(token), key.sources.pop(token, "")), (status, where)]
    elif token and coded in scale.complete and status == _on_scale("Green", scale) and not own:
        # "Achieved = Green" in a RAG key with no colour of its own for done: the word's Complete stands (a milestone
        # achieved is done, never overdue), its green the key's colour for it
        pass
    elif token and COLOURS.get(token.lower(), "") in ("", None) and coded != status and (coded is None or own or not _is_name(token, scale)):
        # "B = Behind": the key's own letter (never a status's own name: "Not started" stays that); "Grey = No target set
        # – data for information only": a colour with no status of its own, the key's word for the status it names
        key.words[token] = status
        key.sources[token] = where
    if meaning and said is None and len(meaning) <= 40 and not _FIGURES_BAND.match(meaning):
        # (never "100%" or "99% to 99.9%" from "Green = 100%, Amber = 99% to 99.9%": a band of figures, no word)
        key.words[meaning] = status  # "Minor delay" under Amber: the key's own words
        key.sources[meaning] = where
    elif meaning and said == status and len(meaning) <= 40 and _plain(meaning) not in {_plain(n) for n in scale.names}:
        # "Some concerns" under Amber: a word the default scale knows, but an action plan's scale may not (At risk there)
        key.words[meaning] = status
        key.sources[meaning] = where
        key.known.add(meaning)
    if fill:
        key.fills[fill[-6:].upper()] = status
    return status


def _span(table: Table, r1: int, c1: int, r2: int, c2: int) -> str:
    """``Sheet!A13:B16``, the cells from (r1, c1) to (r2, c2) as the officer sees them (a transposed table's view too)."""
    first, last = table.cell(r1, c1), table.cell(r2, c2)
    return first if first == last else f"{first}:{last.partition('!')[2]}"


def find_key(table: Table, scale: StatusScale) -> Key | None:
    """The status key or legend above or under a table, if it has one: its rows, words and fills.

    A key is a row labelled ``Key``/``Legend`` (``RAG key:``, ``Status key``) and the rows
    under it that pair a token with a meaning (``B | Complete``, ``Green | On track``, a
    filled swatch beside ``Complete``, or ``B = complete`` in one cell), or a run of three or
    more such rows at the foot of the table, naming two statuses or more. Each pair's status
    is its colour where it has one (a colour word, or the swatch's fill) and its meaning's
    otherwise, so ``Blue | Complete`` is Complete and ``B | Behind`` teaches that B is Red.
    Returns None where there is no key.
    """
    rows, cmap = table.sheet.rows, table.cmap
    top = cmap.header_row - (cmap.header_rows - 1)
    key = Key()
    n = len(rows)

    def cells(r):
        return [(c, v) for c, v in enumerate(rows[r]) if not blank(v)]

    starts = frozenset("KkLlRrBbSsCc ")
    # a label naming what it keys ('Judgement key', 'Performance key', 'Milestones key'): its first letter is one of many
    # (references start with them too), so only where the cell also ends in 'key' or 'legend' (a cheap look at its end)
    named = frozenset("PpMmDdOoJjAa")
    starts_named = starts | named
    # Every row is looked at, so one comprehension finds the few that could hold a key's label: by the first cell, or a blank one.
    ends = frozenset("yYdD:-– ")  # the last letter of 'key' and 'legend', or what follows them
    candidates = [r for r, row in enumerate(rows) if row and ((v := row[0]).__class__ is str and (
        not v or v[0] in starts or v[-1] in ends and v[0] in named and v[-8:].rstrip(" :-–").lower().endswith(("key", "legend")))
        or v is None)]
    done = -1
    for r in candidates:
        if r <= done or top <= r <= cmap.header_row:
            continue
        row = rows[r]
        first = row[0]  # the first cell that is not blank: most often the first cell
        if first.__class__ is not str or not first.strip():
            first = next((v for v in row if not blank(v)), None)
        if first.__class__ is not str or first.lstrip()[:1] not in starts_named:
            continue
        low = first.lower()
        if "key" not in low and "legend" not in low and ":" not in low:  # no label (a reference such as K00001): spared the pattern
            continue
        m = KEY_LABEL.match(first)
        got = cells(r) if m else []
        rest = [text(v) for _, v in got[1:]]
        # "Key: | B | Complete | R | Off track | ...": a token, then its meaning, cell after cell along the label's row
        alternating = (len(rest) >= 4 and len(rest) % 2 == 0 and all(_tokenish(t) for t in rest[::2])
                       and not any(_tokenish(t) for t in rest[1::2]))
        if m is None or (len(got) > 3 and not alternating and not all(len(pairs_in_text(t)) == 1 for t in rest)):
            continue  # "Key: | Met = Green | Within 5% = Amber | Not met = Red": a pair a cell, along the label's row
        if alternating:
            rest = [f"{a} = {b}" for a, b in zip(rest[::2], rest[1::2])]
        block = Key()
        inline = " ; ".join(t for t in [m["rest"] or "", *rest] if t)
        where = table.cell(r, got[0][0])
        found = sum(_learn(block, token, meaning, None, scale, where) is not None for token, meaning in (pairs_in_text(inline) if inline else []))
        label_row, end = r, r + 1
        varied, own, asked = None, {}, range(0)
        while end < n and not top <= end <= cmap.header_row:
            got = cells(end)
            if not got:
                break
            pair = _pair_of(got, scale)
            fill = None
            if pair is None and len(got) == 1 and isinstance(got[0][1], str):
                # a coloured cell beside the word, or the word's own cell coloured
                swatches = [(end, c) for c in range(0, got[0][0] + 2) if c != got[0][0]] + [(end, got[0][0])]
                fills = {rc: rgb for rc, rgb in table.sheet.fills(swatches).items() if rgb[-6:].upper() not in NO_FILL}
                if fills:
                    fill = next(iter(fills.values()))
                    pair = ("", text(got[0][1]), got[0][0])
            if pair is None and len(got) == 2 and all(isinstance(v, str) for _, v in got) and label_row > cmap.header_row:
                pair = (text(got[0][1]), text(got[1][1]), got[0][0])  # "Improving | Performance better than...": a key row
            if pair is None:
                break
            recolour = None  # "Behind schedule | Milestone will miss its due date", the word's own cell filled red: the key's red
            if varied is None and pair[0]:  # the words' cells coloured one by one, never a block in the table's own style
                asked = range(end, min(n, end + 12))
                own = table.sheet.fills([(k, pair[2]) for k in asked])
                varied = len({rgb[-6:].upper() for rgb in own.values() if rgb[-6:].upper() not in NO_FILL}) >= 2
            if varied and pair[0] and fill is None and not COLOURS.get(pair[0].strip().lower()):
                word = scale.normalise(pair[0])
                # (a word perfkit reads as unrated, 'Monitor' as Data only, that the key colours amber: the key's status,
                # never perfkit's default, unless it is a status's own name, 'Not started')
                if word is not None and word in scale.names and (scale[word].rank is not None or not _is_name(pair[0], scale)):
                    # the fills read for the block's first dozen rows, asked again only of a row below them
                    own_fill = own.get((end, pair[2])) if end in asked else table.sheet.fills([(end, pair[2])]).get((end, pair[2]))
                    hue = status_from_colour(own_fill) if own_fill and own_fill[-6:].upper() not in NO_FILL else None
                    if hue is not None and hue != word and hue in scale.names and scale[hue].rank is not None:
                        fill, recolour = own_fill, hue
            if _learn(block, pair[0], pair[1], fill, scale, table.cell(end, pair[2])) is None:
                block.unplaced.append((table.cell(end, pair[2]), pair[0], pair[1]))
            elif recolour is not None:
                block.words[pair[0]] = recolour
                block.sources[pair[0]] = table.cell(end, pair[2])
            found += 1
            block.rows[end] = f"{pair[0]} = {pair[1]}" if pair[0] else pair[1]
            end += 1
        if found >= 2:  # a key: its rows are never items, and what it says is the workbook's own words
            if label_row > cmap.header_row and len(cells(label_row)) > 1:  # one cell alone is a note row to the layout engine
                block.rows[label_row] = text(first)
            used = [c for k in range(label_row, end) for c, _ in cells(k)]
            key.where = where if end - 1 == label_row else _span(table, label_row, min(used), end - 1, max(used))
            key.rows.update(block.rows)
            key.words.update(block.words)
            key.known.update(block.known)
            key.fills.update(block.fills)
            key.ambiguous.update(block.ambiguous)
            key.pairs += block.pairs
            key.conflicts += block.conflicts
            key.unplaced += block.unplaced
        done = end - 1
    if key.pairs or key.unplaced:
        return key
    # An unlabelled key at the foot of the table: three or more pairs, naming two statuses or more.
    end = n
    while end > cmap.header_row + 1 and not cells(end - 1):
        end -= 1
    start, named = end, set()
    while start > cmap.header_row + 1:
        pair = _pair_of(cells(start - 1))
        if pair is None:
            break
        token, meaning, col = pair
        # "Complete the review | Green" is an item: a key's meaning is a status word, or its token a RAG letter or colour
        # ("R | Significant delay – will not meet the revised date", the letter in its own fill)
        row_cells = cells(start - 1)
        # the letter first on its row, its meaning after it: an item's title before its status letter is no key row
        lettered = ((token.strip().upper() in ("B", "G", "A", "R") or bool(COLOURS.get(token.strip().lower())))
                    and bool(row_cells) and text(row_cells[0][1]).strip() == token.strip())
        if scale.normalise(meaning) is None and not (lettered and (scale.leading(meaning) or len(meaning) <= 80)):
            break
        status = _learn(key, token, meaning, None, scale, table.cell(start - 1, col))
        if status is None:
            break
        named.add(status)
        key.rows[start - 1] = f"{token} = {meaning}"
        start -= 1
    if len(key.rows) >= 3 and len(named) >= 2:
        used = [c for r in range(start, end) for c, _ in cells(r)]
        key.where = _span(table, start, min(used), end - 1, max(used))
        key.pairs.reverse()  # read from the foot up: said top down
        return key
    return None


_TREND_WORDS = {"improving", "improved", "stable", "steady", "deteriorating", "deteriorated", "worsening", "worsened", "better",
                "worse", "same", "no change", "unchanged", "declining", "declined", "up", "down"}
# A key line that explains the direction-of-travel column: "DoT = direction of travel since Q1 (↑ improved, ↓ worsened)"
_TREND_LINE = re.compile(r"(?i)^\s*(?:dot|d\.o\.t\.?|trend|direction(?:\s+of\s+travel)?)\s*$|^\s*(?:the\s+)?(?:direction\s+of\s+travel|trend)\b")


def _about_trend(token: str, meaning: str) -> bool:
    """Whether a key row speaks of direction of travel, not of a status: its token is a trend word, or ``DoT`` and its
    meaning says so."""
    # (an arrow's line, '↑ = Performance improved on last quarter', is a direction-of-travel key's, never a status's)
    return (_plain(token) in _TREND_WORDS or bool(_TREND_LINE.match(token or "")) or bool(_TREND_LINE.match(meaning or ""))
            or bool(token) and token.strip() in ARROWS)


# The words of a key that say an item will miss its date: the worst rated status, whatever the word it explains
_WILL_MISS = re.compile(r"(?i)\b(?:will|likely\s+to|expected\s+to)\s+(?:not\s+(?:meet|be\s+(?:met|delivered|achieved|completed))|miss)\b"
                        r"|\bmissed\b|\bnot\s+(?:be\s+)?achievable\b")


def _is_name(word: str, scale: StatusScale) -> bool:
    """Whether a word is one of the scale's own status names (``Not started``), which a key never makes another status."""
    return _plain(word) in {_plain(n) for n in scale.names}


def _plain(word: str) -> str:
    return normalise_header(word)


def _cells_of_word(table: Table, word: str) -> list[tuple[int, int]]:
    """The cells of the table's status columns (its first 2,000 rows) that hold ``word``."""
    spec, cmap, rows = table.spec, table.cmap, table.sheet.rows
    cols = [c for f, c in cmap.fields.items() if f in (spec.status_field, "reported_status")]
    cols += [pc.col for pc in cmap.period_columns if pc.field in (spec.status_field, "reported_status")]
    want = _plain(word)
    return [(r, c) for r in range(cmap.header_row + 1, min(len(rows), cmap.header_row + 2001)) for c in cols
            if isinstance(v := get(rows[r], c), str) and _plain(v) == want]


def _fill_of_word(table: Table, word: str) -> str | None:
    """The status every cell of the table's status columns holding ``word`` is coloured (one only), or None."""
    cells = _cells_of_word(table, word)
    if not cells or table.sheet.book is None:
        return None
    fills = table.sheet.fills(cells)
    seen = {status_from_colour(fills[rc]) if rc in fills else None for rc in cells}
    return next(iter(seen)) if len(seen) == 1 and None not in seen else None


def _middle_steps(key: Key, settled: set) -> list[tuple[str, str, str, str]]:
    """The key's words it gives a milder meaning than perfkit's own reading where the key names the worse step too
    (``Below target = within 10% of target`` beside ``Well below target = more than 10% adrift``): the middle step of
    its own scale, read as the key says, never merged with the worst (a warning held the brief, the count five red where
    one was). Each is taken out of the conflicts and taught; returned (cell, word, meaning, status) to be said."""
    out = []
    for conflict in list(key.conflicts):
        where, token, meaning, coded, said = conflict
        if _plain(token) in settled or not isinstance(token, str) or token.startswith("fill "):
            continue
        worse = [t for t, _, st in key.pairs if st == coded and _plain(t) != _plain(token)]
        if not worse or coded not in ("Red", "Behind schedule"):
            continue
        key.conflicts.remove(conflict)
        key.words[token] = said
        key.sources[token] = where
        key.pairs = [(t, m, said if t == token else st) for t, m, st in key.pairs]
        out.append((where, token, meaning, said))
    return out


def report_key(table: Table, key: Key, configured=()) -> None:
    """Say what a table's status key taught, that its rows are not items, and where it contradicts itself, except for a
    word ``configured`` (``[status.words]`` in perfkit.toml), which the officer has settled."""
    settled = {_plain(w) for w in configured}
    for where, token, meaning, said in _middle_steps(key, settled):
        table.report.add(where, "status", f"{token} = {meaning}", f"the status key says {token} means {meaning!r}, and gives "
                         f"the worse step its own word: read as {said}, as the key says (perfkit alone reads the word as worse)",
                         "info")
    rows = sorted(r for r in key.rows if r > table.cmap.header_row)
    if key.pairs:
        shown = ", ".join(f"{t} = {m}" + (f" ({s})" if _plain(m) != _plain(s) else "") for t, m, s in key.pairs[:8])
        own = [w for w in key.words if w not in key.known]
        taught = f"; read as the workbook's own words: {', '.join(repr(w) for w in own[:8])}" if own else ""
        fills = "; its fill colours read as the statuses it names" if key.fills else ""
        count = (f"; its {len(rows)} rows are not {table.spec.noun}s" if len(rows) > 1 else f"; its row is no {table.spec.noun}") if rows else ""
        table.report.add(key.where or table.sheet.name, "status", "", f"status key: {shown}{taught}{fills}{count}", "info")
    trend = [(w, t, m) for w, t, m in key.unplaced if _about_trend(t, m)]
    if trend:  # a key of direction of travel beside the figures: its rows are not items, and it names no status
        table.report.add(trend[0][0], "status", "", f"a key of direction of travel ({', '.join(t for _, t, _ in trend)}): not "
                         f"statuses; its rows are not {table.spec.noun}s", "info")
    for where, token, meaning in key.unplaced:
        if _about_trend(token, meaning):
            continue
        if not _cells_of_word(table, token):
            # a line of the key no status cell uses ("NYA = not yet available", "PAM = Public Accountability Measure"): a
            # glossary of the figures or the measures, not a status to ask about
            table.report.add(where, "status", f"{token} = {meaning}", f"the key's line {token} = {meaning[:60]!r} names no status "
                             "perfkit knows, and no status cell holds it: not used", "info")
            continue
        filled = _fill_of_word(table, token)
        if filled is not None:  # every cell holding the word is coloured one status: read by its colour, said where read
            table.report.add(where, "status", f"{token} = {meaning}",
                             f"the status key says {token} means {meaning!r}, which is none of perfkit's statuses; every cell "
                             f"holding it is filled {filled.lower()}, so each is read by its colour; if it means otherwise, put "
                             f"{toml_string(token)} = \"...\" under [status.words] in perfkit.toml", "info")
            continue
        table.report.add(where, "status", f"{token} = {meaning}",
                         f"the status key says {token} means {meaning!r}, which is none of perfkit's statuses: say which it is in "
                         f"perfkit.toml under [status.words], e.g. {toml_string(token)} = \"Amber\"", "warning")
    for where, token, meaning, colour, said in key.conflicts:
        if _plain(token) in settled:
            table.report.add(where, "status", f"{token} = {meaning}", f"the status key says {token} means {meaning!r}; read as "
                             "perfkit.toml's [status.words] says", "info")
            continue
        if table.kind == "measures" and colour == "Complete" and said == "Green":
            # a KPI has nothing to complete: blue in its key is beating the target (BRAG), as the key's words say
            table.report.add(where, "status", f"{token} = {meaning}", f"the status key says {token} means {meaning!r}: read as "
                             "Green (blue beside a measure's figures is beating its target, not Complete)", "info")
            continue
        table.report.add(
            where, "status", f"{token} = {meaning}",
            f"the status key says {token} means {meaning!r}, which perfkit reads as {said}, not {colour}: each word is read as "
            f"its own status; if the key is right, say so in perfkit.toml under [status.words], e.g. {toml_string(token)} = \"{said}\"",
            "warning")


# ---------------------------------------------------------------------------------------------- a scale with the workbook's words


def _on_scale(name: str, scale: StatusScale) -> str | None:
    """A status named on the default (RAG) scale as ``scale`` names it: Red is an action plan's Behind schedule."""
    if name in scale.names:
        return name
    if name == "Complete":
        return scale.complete[0] if scale.complete else None
    rated = [s for s in scale.rated if s not in scale.complete]
    if not rated or name not in ("Red", "Amber", "Green"):
        return None
    return {"Red": rated[0], "Green": rated[-1], "Amber": rated[len(rated) // 2 - (len(rated) % 2 == 0)]}[name]


@lru_cache(maxsize=64)
def _scale_with(scale: StatusScale, words: tuple[tuple[str, str], ...]) -> StatusScale:
    mapped = {w: _on_scale(s, scale) for w, s in words}
    # two of the key's words the scale cannot tell apart ("On-track" Green, "On track" Amber) teach neither
    unclear = {w for group in clashes(mapped) for w in group}
    return scale.with_synonyms({w: s for w, s in mapped.items() if s is not None and w not in unclear})


def scale_with_words(scale: StatusScale, words: dict[str, str]) -> StatusScale:
    """``scale`` with the words a workbook's key teaches (``{"Minor delay": "Amber"}``), each on the scale's own names."""
    if not words:
        return scale
    return _scale_with(scale, tuple(sorted(words.items())))


def key_fill_status(key: Key | None, rgb: str, scale: StatusScale) -> str | None:
    """The status a fill colour names in the workbook's own key, where the key shows that exact colour."""
    if key is None or not isinstance(rgb, str):
        return None
    if key.pending:  # the table's own swatch key (under or above it): its colours read now a cell needs them
        resolve_swatches(key, scale)
    if key.book is not None and key.book.pending:  # a swatch key on another sheet: likewise
        resolve_swatches(key.book, scale)
    said = key.fills.get(rgb[-6:].upper()) or (key.book.fills.get(rgb[-6:].upper()) if key.book is not None else None)
    if not said and greyish(rgb):  # "Grey = Not yet due to start" in words: a grey cell is what the key names grey
        said = next((st for k in (key, key.book) if k is not None for token, _, st in k.pairs
                     if token.strip().lower() in ("grey", "gray")), None)
    return _on_scale(said, scale) if said else None


def greyish(rgb: str) -> bool:
    """Whether a fill is a plain grey (BFBFBF, D9D9D9, A6A6A6...): its three channels within a few steps of each other,
    neither near black nor near white."""
    try:
        r, g, b = (int(rgb[-6:][i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return max(r, g, b) - min(r, g, b) <= 12 and 0x60 <= r <= 0xEE


# ---------------------------------------------------------------------------------------------- a key on its own sheet

# Sheets that hold keys, guidance or the lists drop-downs choose from; a hidden sheet is looked at only if so named.
KEY_SHEET = re.compile(
    # a Welsh council's names, alone or before the English ('Clawr - Cover', 'Allwedd / Key')
    r"^\s*(?:clawr|allwedd|canllawiau|nodiadau|cyflwyniad)\b|^\s*(?:[^\W\d_][\w'’ ]{0,30}\s*[-–/]\s*)?(?:cover|front|contents|intro(?:duction)?|notes?|guidance|guide|instructions|read\s?me|about|key|legend|b?rag\b|"
    r"status|definitions?|glossary|look\s?ups?|lists?|drop\s?downs?|(?:data\s+)?validation|ref(?:erence)?\s+data|settings)",
    re.IGNORECASE,
)
# Of those, sheets whose pairs are a key without a label above them.
_KEYISH = re.compile(r"^\s*(?:(?:b?rag\s+|status\s+|colour\s+)?(?:key|legend)|(?:b?rag|status)\s+(?:definitions?|ratings?)|look\s?ups?|"
                     r"lists?|drop\s?downs?|(?:data\s+)?validation)\b.{0,20}$", re.IGNORECASE)
KEY_MOST_ROWS = 15  # a key names a few statuses: a longer run of pairs is a table
# A header row over a key's rows: "Status | Meaning", "BRAG rating | Definition", "Colour | What it means".
_HEAD_WORDS = {"status", "rag", "brag", "rag status", "brag status", "rag rating", "brag rating", "rating", "colour", "color",
               "rag colour", "definition", "definitions", "meaning", "description", "what it means", "code", "symbol", "criteria",
               "status description", "rag definition", "explanation", "rag key", "status key", "progress status", "delivery status",
               "key", "legend", "status options", "rag options", "statuses"}
KEY_SCAN_ROWS, KEY_SCAN_COLS = 200, 12  # enough for any cover sheet's key, few enough to stay fast


@dataclass(frozen=True)
class Swatch:
    """A key row that is a word beside a coloured cell (or a word in one): its fill is read only when a word needs it."""

    sheet: Sheet
    row: int
    col: int
    word: str
    look: tuple  # the (row, col) cells whose fill colours the word: the word's own, and a blank one beside it
    status: str | None = None  # a key row's status already known from its words ("Completed | Action finished"): its
    #                           token cell's fill is that status's colour in this workbook (a dark green Completed)


def _key_label(cells: list[tuple[int, object]]) -> str | None:
    """What a row labelling a key says after its label (``Key: B = complete``), ``""`` for a label alone; None if no label."""
    if not cells or len(cells) > 3 or not all(isinstance(v, str) for _, v in cells):
        return None
    m = KEY_LABEL.match(cells[0][1])
    if m is not None:
        return " ; ".join(t for t in [m["rest"] or "", *(text(v) for _, v in cells[1:])] if t)
    heads = [re.sub(r"\s+(?:list|lists|options|values|lookup|look up|choices)$", "", normalise_header(v)) in _HEAD_WORDS for _, v in cells]
    if heads[0] and (all(heads) or sum(heads) >= 2):  # "BRAG rating | Definition | Action needed"
        return ""
    if len(cells) == 3 and normalise_header(cells[1][1]) in _MEANING_HEADS and heads[2]:
        return ""  # "Delivery confidence | Meaning | RAG": the scale's own words, what each means, then its status
    if len(cells) == 1 and cells[0][1].strip().endswith("?") and len(cells[0][1]) <= 20 \
            and read_header(cells[0][1], "actions").field == "status":
        return ""  # "Done?" alone over the clerk's words and what each means: the log's own status header, as its key's label
    return None


_MEANING_HEADS = {"definition", "definitions", "meaning", "description", "what it means", "explanation", "criteria", "rag definition",
                  "status description", "guidance", "what this means"}


_SCORE_RANGE = re.compile(r"^\s*\d{1,2}\s*(?:[-–—]|to)\s*\d{1,2}\s*$")
_BAND_WORD = re.compile(r"(?i)^\s*(?:very\s+low|low|medium|moderate|high|very\s+high|significant|severe|critical|extreme|major|minor)\s*$")


def key_table(sheet: Sheet, cmap: ColumnMap, scale: StatusScale) -> str:
    """Why the table a kind's header fits on a sheet is a status key, not items (``""`` where it is not one).

    ``Status | Description`` over ``Green | On track to be delivered...`` fits a tracker's header, but it
    is a key: a few rows (two to twelve), each a different status word or colour with nothing but text
    beside it (no date, no figure), on a sheet named as a key or under a header that defines its words.
    """
    cols = _status_cols(cmap)
    if not cols:
        return ""
    heads = {normalise_header(h) for h in cmap.headers.values()}
    if cmap.header_row > 0:  # "Status | Applies to | Meaning" over a first row that a kind's header fits ("Completed | Action")
        heads |= {normalise_header(v) for v in sheet.rows[cmap.header_row - 1] if isinstance(v, str) and v.strip()}
    title = " ".join(text(v) for row in sheet.rows[: cmap.header_row] for v in row if not blank(v))
    rows = []
    for row in sheet.rows[cmap.header_row + 1 : cmap.header_row + 16]:
        filled = [v for v in row if not blank(v)]
        if not filled:
            if rows:
                break
            continue
        rows.append(row)
    banded = [row for row in rows if any(isinstance(v, str) and _SCORE_RANGE.match(v) for v in row)
              and any(isinstance(v, str) and _BAND_WORD.match(v) for v in row)]
    if 2 <= len(banded) >= 0.75 * len(rows):  # "20 - 25 | Very high | Escalate to the Chief Executive": a risk scoring key
        shown = ", ".join(" ".join(text(v) for v in row if isinstance(v, str) and (_SCORE_RANGE.match(v) or _BAND_WORD.match(v)))
                          for row in banded[:5])
        return (f"a risk scoring key: its {len(banded)} rows each give a band of scores ({shown}), not {cmap.kind}; if it holds "
                f"{cmap.kind}, say so in perfkit.toml: [sheets.\"{sheet.name}\"] kind = \"{cmap.kind}\"")
    if not (_KEYISH.match(sheet.name) or heads & _MEANING_HEADS or re.search(r"\b(?:key|legend)\b", title, re.IGNORECASE)):
        return ""
    if not 2 <= len(rows) <= 12 or len(cmap.headers) > 4:
        return ""
    if any(sum(not blank(v) for v in row) > 3 for row in rows):  # a key pairs a status with its meaning, and no more
        return ""
    if any(f in cmap.fields for f in ("lead", "due_date", "target", "actual")):  # items have leads, dates and figures
        return ""
    words = [get(row, cols[0]) for row in rows]
    known = [isinstance(w, str) and (scale.normalise(w) is not None or w.strip().lower() in COLOURS) for w in words]
    # a system's own icons' words ("Check Progress", "Alert") beside the scale's: a key where most are known and the
    # rest are a few words each, under a header that defines its words
    if not all(known) and not (heads & _MEANING_HEADS and sum(known) * 2 >= len(words)
                               and all(isinstance(w, str) and len(w.split()) <= 3 for w in words)):
        return ""
    if len({normalise_header(w) for w in words}) != len(words):
        return ""
    if any(isinstance(v, (int, float, _dt.date, _dt.datetime)) and not isinstance(v, bool) for row in rows for v in row if not blank(v)):
        return ""
    kind = cmap.kind
    return (f"a status key: its {len(rows)} rows each give a different status ({', '.join(text(w) for w in words[:6])}) and what it "
            f"means, not {kind}; if it holds {kind}, say so in perfkit.toml: [sheets.\"{sheet.name}\"] kind = \"{kind}\"")


def _swatch_of(sheet: Sheet, r: int, cells: list[tuple[int, object]]) -> Swatch | None:
    """A row that may be a swatch: one short word (or a word then its description), with room for a colour beside or in it."""
    if not 1 <= len(cells) <= 2 or not all(isinstance(v, str) for _, v in cells):
        return None
    c, word = cells[0][0], text(cells[0][1])
    if len(cells) == 2 and len(text(cells[1][1])) <= 30 and len(word) >= max(2 * len(text(cells[1][1])), 20):
        c, word = cells[1][0], text(cells[1][1])  # "The action is progressing to plan | Progressing": the description first
    elif not word or len(word) > 50 or (len(cells) == 2 and len(text(cells[1][1])) < max(len(word), 12)):  # a word, then its description
        return None
    look = [(r, c)] + [(r, k) for k in (c - 1, c + 1) if k >= 0 and all(k != j for j, _ in cells)]
    return Swatch(sheet, r, c, word, tuple(look))


def sheet_key(sheet: Sheet, scale: StatusScale, trusted: bool = False) -> Key | None:
    """The status keys on a sheet no table is read from (a cover, key, guidance or lookup sheet), or None.

    A key is a row labelled ``Key``/``Legend`` (or a header such as ``Status | Meaning``) and the
    rows under it pairing a token with a meaning (``Blue | Complete``, ``On schedule | Green``,
    ``G = on track``), or a word beside a coloured cell, whose colour is read only when a word
    needs it (:func:`resolve_swatches`). On a sheet named as a key or lookup sheet (``trusted``) a
    run of two such rows needs no label. Only the first :data:`KEY_SCAN_ROWS` rows are looked at.
    """
    rows = sheet.rows[:KEY_SCAN_ROWS]
    key = Key()
    spans = []
    listed = list_source_columns(sheet)

    def cells(r):
        return [(c, v) for c, v in enumerate(rows[r][:KEY_SCAN_COLS]) if not blank(v)]

    r, n = 0, len(rows)
    while r < n:
        got = cells(r)
        label = _key_label(got) if got else None
        if label is None and not (trusted and got):
            r += 1
            continue
        if label is None and _list_headers(got, cells(r + 1) if r + 1 < n else [], scale):
            # "Priority | Status" over "High | Implemented": a lookup sheet's lists side by side, one per drop-down, never a
            # word and its meaning (the status list's words are placed by the drop-down's order)
            r += 1
            while r < n and cells(r):
                r += 1
            continue
        if len(listed) > 1 and len(got) > 1 and all(c in listed for c, _ in got):
            r += 1  # "Complete | G": two drop-downs' lists side by side, each its own column's (never a word and its meaning)
            continue
        block = Key()
        where = cell_name(sheet.name, r, got[0][0])
        found = 0
        if label:
            found = sum(_learn(block, t, m, None, scale, where) is not None for t, m in pairs_in_text(label))
        end = r + 1 if label is not None else r
        while end < n and (row := cells(end)):
            # a drop-down's list entry is one whole word to choose ("Behind schedule – at risk"), never a word and its meaning
            pair = None if len(row) == 1 and row[0][0] in listed else _pair_of(row, scale)
            if pair is None and len(row) >= 3:  # "Blue | Complete | The milestone has been delivered": a pair, then its description
                pair = _pair_of(row[:2], scale)
            if pair is None and len(row) == 3:  # "Probable | Successful delivery is probable | Amber/Green": the word, its
                pair = _pair_of([row[0], row[2]], scale)  # description, then its status
            if pair is not None:  # named by the key's row: the token's cell and the meaning's
                at = cell_name(sheet.name, end, row[0][0]) + (f":{col_letter(row[-1][0])}{end + 1}" if len(row) > 1 else "")
                learnt = _learn(block, pair[0], pair[1], None, scale, at)
                if learnt is None:
                    block.unplaced.append((at, pair[0], pair[1]))
                elif COLOURS.get(pair[0].strip().lower(), "") == "" and sheet.book is not None and sheet.book.has_status_fills:
                    # "Completed" filled dark green in the key: the colour this workbook gives it, read when a cell needs it
                    block.pending.append(Swatch(sheet, end, pair[2], pair[0], ((end, pair[2]),), learnt))
                block.rows[end] = f"{pair[0]} = {pair[1]}"
            elif (swatch := _swatch_of(sheet, end, row)) is not None:
                block.pending.append(swatch)
                block.rows[end] = swatch.word
            else:
                break
            found += 1
            end += 1
        named = {s for _, _, s in block.pairs}
        swatches_only = bool(block.pending) and not block.pairs and any(scale.normalise(s.word) for s in block.pending)
        if 2 <= found <= KEY_MOST_ROWS and (label is not None or len(named) >= 2 or swatches_only):
            used = [c for k in range(r, end) for c, _ in cells(k)]
            spans.append(f"{col_letter(min(used))}{r + 1}:{col_letter(max(used))}{end}")
            for part in ("rows", "words", "fills", "sources", "ambiguous"):
                getattr(key, part).update(getattr(block, part))
            key.pairs += block.pairs
            key.conflicts += block.conflicts
            key.unplaced += block.unplaced
            key.pending += block.pending
            r = end
        else:
            r += 1
    if not spans:
        return None
    key.where = f"{sheet.name}!" + ", ".join(spans)
    return key


_MEANING_HEAD = re.compile(r"(?i)\b(?:meaning|means|description|describes|definition|defined|explanation|criteria|guidance|"
                           r"what\s+it|when\s+to|threshold|colour|color|key|rating\s+guide)\b")


def _list_headers(row: list[tuple[int, object]], below: list[tuple[int, object]], scale: StatusScale) -> bool:
    """Whether a lookup sheet's row heads lists side by side (``Priority | Status``, ``RAG | DoT``): two short labels or more,
    none a status or a colour, over a row filled in the same columns."""
    if len(row) < 2 or not all(isinstance(v, str) and len(v) <= 30 for _, v in row):
        return False
    if any(_MEANING_HEAD.search(v) for _, v in row):
        return False  # "Action status | Meaning": a key's own header, its rows a word and what it means
    if any(scale.normalise(v) is not None or COLOURS.get(v.strip().lower(), "") != "" or _bare_mark(v) for _, v in row):
        return False
    return len(below) >= 2 and {c for c, _ in below} <= {c for c, _ in row}


def resolve_swatches(key: Key, scale: StatusScale) -> None:
    """Read the fill colours of a key's swatch rows (openpyxl, once), learning the status each colours its word."""
    if not key.pending:
        return
    pending, key.pending = key.pending, []
    by_sheet: dict[str, list[Swatch]] = {}
    for s in pending:
        by_sheet.setdefault(s.sheet.name, []).append(s)
    for swatches in by_sheet.values():
        fills = swatches[0].sheet.fills([rc for s in swatches for rc in s.look])
        for s in swatches:
            if s.status is not None:  # a key row's token cell: its fill is the status its words already named
                fill = next((fills[rc] for rc in s.look if rc in fills and fills[rc][-6:].upper() not in NO_FILL), None)
                hue = status_from_colour(fill) if fill is not None else None
                # only where the colour agrees, or is the dark green a plan gives Completed: an amber 'Below target'
                # (read Red by its words) is a contradiction, left to be said where its cells are read
                if fill is not None and (hue is None or hue == s.status or (s.status == "Complete" and hue == "Green")):
                    key.fills.setdefault(fill[-6:].upper(), s.status)
                elif (fill is not None and _recoloured(s.word, s.status, hue, scale)
                      and not any(_plain(t) == _plain(s.word) and m and scale.normalise(m) == s.status for t, m, _ in key.pairs)):
                    # 'Requires improvement | Important areas for improvement' filled red: the word alone is Amber to perfkit,
                    # its meaning names no status, so the colour the key gives it is what it means here
                    key.words[s.word] = hue
                    key.fills.setdefault(fill[-6:].upper(), hue)
                continue
            # a word that names a status ("Not yet started (not scheduled to start)" by its first words): any colour
            # beside it is its own, grey too
            named = scale.normalise(s.word) is not None or scale.leading(s.word) is not None
            fill = next((fills[rc] for rc in s.look if rc in fills and (status_from_colour(fills[rc]) is not None
                                                                        or (named and fills[rc][-6:].upper() not in NO_FILL))), None)
            where = cell_name(s.sheet.name, s.row, s.col)
            if fill is not None and _learn(key, "", s.word, fill, scale, where) is None:
                key.unplaced.append((where, f"fill #{fill[-6:].upper()}", s.word))


NO_FILL = frozenset({"FFFFFF", "000000"})
"""Fills that colour nothing: white, and openpyxl's "no colour" (the last six hex digits)."""

_BOOK_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def workbook_key(book: Workbook, unread: list[tuple[str, bool]], scale: StatusScale) -> Key | None:
    """The status key a workbook keeps on a sheet of its own (a cover, key, guidance or hidden lookup sheet), or None.

    ``unread`` is ``(sheet name, hidden)`` for every sheet no kind reads; a hidden one is looked at only
    where its name says it is a key or lookup sheet. Found once per workbook: the survey says which sheets
    are keys, and every read of a kind uses its words (:func:`with_workbook_key`).
    """
    cache = _BOOK_KEYS.setdefault(book, {})
    ck = (tuple(unread), scale)
    if ck in cache:
        return cache[ck]
    key = Key()
    for name, hidden in unread:
        if hidden and not KEY_SHEET.match(name):
            continue
        found = sheet_key(book.sheet(name), scale, trusted=bool(_KEYISH.match(name)))
        if found is None:
            continue
        key.sheets[name] = found
        key.where = key.where or found.where
        for part in ("words", "fills", "sources", "ambiguous"):
            getattr(key, part).update({k: v for k, v in getattr(found, part).items() if k not in getattr(key, part)})
        key.pairs += found.pairs
        key.conflicts += found.conflicts
        key.unplaced += found.unplaced
        key.pending += found.pending
    cache[ck] = key if key.sheets else None
    return cache[ck]


def key_sheet_notes(book: Workbook, unread: list[tuple[str, bool]], scale: StatusScale) -> dict[str, str]:
    """For the inventory: each sheet holding the workbook's status key, and what it says."""
    key = workbook_key(book, unread, scale)
    if key is None:
        return {}
    out = {}
    for name, found in key.sheets.items():
        where, pairs = found.where, found.pairs
        shown = ", ".join(f"{t} = {m}" for t, m, _ in pairs[:6])
        words = [s.word for s in found.pending]
        if shown:
            said = f"a status key ({where}: {shown}{', ...' if len(pairs) > 6 else ''}), not data: its words are read as statuses on every sheet"
        elif words:
            said = (f"a status key or list ({where}: {', '.join(words[:6])}{', ...' if len(words) > 6 else ''}), not data: the colour "
                    "of each word is read where a sheet's statuses use it")
        else:
            said = f"a status key ({where}), not data: its words are read as statuses on every sheet"
        out[name] = said
    return out


def with_workbook_key(own: Key | None, book: Key | None, configured=()) -> Key | None:
    """A table's key with the workbook's words and fills behind its own: the table's own key wins where both say,
    and a word ``perfkit.toml`` gives under ``[status.words]`` (``configured``) is never the key's."""
    if book is not None:
        if own is None:
            own = Key(where=book.where)
        own.words = {**book.words, **own.words}
        own.known = own.known | {w for w in book.known if w not in own.words or w in own.known}
        own.sources = {**book.sources, **own.sources}
        own.fills = {**book.fills, **own.fills}
        own.book = book
    if own is not None and configured:
        said = {_plain(w) for w in configured}
        own.words = {w: s for w, s in own.words.items() if _plain(w) not in said}
        own.configured = frozenset(said)
    return own


def _recoloured(word: str, status: str | None, hue: str | None, scale: StatusScale) -> bool:
    """Whether a key colours a word perfkit reads as one rated status (by the word alone) in a worse rated status's colour
    (a red 'Delayed'); a milder colour is left to the word (a pastel peach read as amber is no milder meaning)."""
    return (status is not None and hue is not None and hue != status and scale.normalise(word) == status
            and status in scale.names and hue in scale.names and scale[status].rank is not None and scale[hue].rank is not None
            and scale[hue].rank < scale[status].rank and status not in scale.complete)


def colours_of_known_words(key: Key | None, raw: list, scale: StatusScale) -> None:
    """The workbook's key on another sheet (a word beside its colour), read now where a status column holds one of its
    words that perfkit already reads as a rated status: ``Delayed`` filled red on the cover is the key's Red, never the
    Amber perfkit gives the word. Only the words the key colours otherwise join the table's key (:func:`_learn`)."""
    book = key.book if key is not None else None
    if book is None or not book.pending:
        return
    held = {_plain(v) for v in set(raw) if isinstance(v, str) and v.strip()}
    if not any(_plain(s.word) in held and (st := scale.normalise(s.word)) is not None and s.status in (None, st)
               and st in scale.names and scale[st].rank is not None for s in book.pending):
        return
    resolve_swatches(book, scale)
    recoloured = {w: st for w, st in book.words.items() if _plain(w) in held and _plain(w) not in key.configured
                  and (own := scale.normalise(w)) is not None and own != st and _on_scale(st, scale) != own}
    key.words = {**recoloured, **key.words}
    key.sources = {**{w: book.sources[w] for w in recoloured if w in book.sources}, **key.sources}


def report_workbook_key(table: Table, key: Key | None) -> None:
    """Say once per kind where the workbook's own key (on another sheet) contradicts itself or names no status perfkit knows."""
    book = key.book if key is not None else None
    if book is None or table.spec.name in book.reported or not table.spec.status_field:
        return
    book.reported.add(table.spec.name)
    report_key(table, Key(conflicts=book.conflicts, unplaced=book.unplaced), table.said_words)


# ---------------------------------------------------------------------------------------------- drop-down lists


def dropdown(table: Table, col: int, rows: list[int]) -> DropDown | None:
    """The drop-down list on the status cells ``(rows, col)`` of a table, or None (:func:`perfkit.read.layout.sheet_dropdown`)."""
    return sheet_dropdown(table.sheet, col, rows, _HEAD_WORDS)


# A word that says no rating was given ("Awaiting update", "No return"): never placed on the scale by a list's order.
_UNRATED_LOOK = re.compile(r"await|update|\bdata\b|\bdue\b|start|applicable|\bn/?a\b|\btb[ca]\b|hold|defer|cancel|closed|"
                           r"pending|unknown|not known|no return|not (?:yet )?(?:rated|reported|assessed)|no (?:rating|update)|"
                           # work taken off the plan: never a rating by its place in a list
                           r"not required|descop|parked|removed|transferred|withdrawn|merged|supersed|paused|suspend|stopped|dropped",
                           re.IGNORECASE)


def words_by_order(words: list[str], scale: StatusScale, complete: bool = True) -> dict[str, str]:
    """Statuses for a list's unknown words where the order of the words perfkit knows makes them plain.

    The list's rated words must run one way (best first or worst first), two of them at least; a run
    of unknown words between two known ones (or at an end) takes the statuses missing there, one each,
    in order, only where there are exactly as many missing as unknown, and never beside an unrated
    word (``Not started``), which a list keeps apart from the scale. ``Complete, On schedule, Minor
    slippage, Major slippage`` gives Major slippage Red; two known words side by side that read alike count as one place.
    Without ``complete`` (a measure is never
    Complete), the complete statuses are not among those a word may take.
    """
    known = [scale.normalise(w) or ("unrated" if _UNRATED_LOOK.search(w) else None) for w in words]
    ranks = [scale.rank(k) if k else None for k in known]
    rated = [r for r in ranks if r is not None]
    # two words side by side read alike ('Achieved' and 'On course' both Green on a measure's scale, which has no
    # Complete) stand as one place in the order
    rated = [r for i, r in enumerate(rated) if i == 0 or r != rated[i - 1]]
    if len(rated) < 2 or len(set(rated)) != len(rated):
        return {}
    step = 1 if rated[1] > rated[0] else -1
    if any((b - a) * step <= 0 for a, b in pairwise(rated)):
        return {}
    all_ranks = sorted({s.rank for s in scale.statuses if s.rank is not None and (complete or not s.complete)}, key=lambda x: x * step)
    used = set(rated)
    out: dict[str, str] = {}
    i, n = 0, len(words)
    while i < n:
        if known[i] is not None:
            i += 1
            continue
        j = i
        while j < n and known[j] is None:
            j += 1
        left = ranks[i - 1] if i > 0 else None
        right = ranks[j] if j < n else None
        # "..., Slightly behind, Seriously behind, N/A": the rated words end before the list's closing unrated ones, as
        # at the list's end
        last = j < n and all(k is not None and scale.rank(k) is None for k in known[j:])
        if (i > 0 and left is None) or (j < n and right is None and not last):  # beside an unrated word: not on the scale
            i = j
            continue
        between = [r for r in all_ranks if r not in used and (left is None or (r - left) * step > 0) and (right is None or (right - r) * step > 0)]
        if left is None and right is None or len(between) != j - i:
            i = j
            continue
        names = {s.rank: s.name for s in scale.statuses if s.rank is not None}
        for k, r in zip(range(i, j), between):
            out[words[k]] = names[r]
        i = j
    return out


def tied_in_order(table: Table, col: int, row_idx: list[int], raw: list, cache: dict, scale: StatusScale) -> str | None:
    """A status column's drop-down that lists its words best first with no red word, the last two read alike
    (``Complete, On track, At risk, Delayed, Not started``: At risk and Delayed both Amber on perfkit's scale): the last
    is the list's worst rated status, Red, as the list's order says. ``cache`` (word -> status) takes it, said in a note;
    returns the word, or None. A word ``perfkit.toml`` gives is never re-read."""
    dd = dropdown(table, col, row_idx[:20])  # a drop-down covers the column: a few of its cells say which
    if dd is None or len(dd.words) < 3:
        return None
    rated = [(w, n) for w in dd.words if (n := scale.normalise(w)) is not None and scale.rank(n) is not None]
    done = {s.name for s in scale.statuses if s.complete}
    # a list in the work's own order ('Not started, On track, At risk, Delayed, Complete'): its Complete at either end
    # says nothing of how the rated words between stand, so they are read without it
    whole = len(rated)
    while rated and rated[-1][1] in done:
        rated.pop()
    while rated and rated[0][1] in done:
        rated.pop(0)
    aside = " (its complete word aside)" if len(rated) < whole else ""
    ranks = [scale.rank(n) for _, n in rated]
    worst = min((s.rank for s in scale.statuses if s.rank is not None), default=None)
    if len(rated) < 3 or worst is None or worst in ranks or ranks[-1] != ranks[-2] \
            or any(a <= b for a, b in pairwise(ranks[:-1])):
        return None
    word, was = rated[-1]
    if word not in cache or " ".join(word.lower().split()) in table.said_words or was in scale.good:
        return None  # "In progress" after "Partially implemented": a stage of the work, never the list's worst by its place
    red = next(s.name for s in scale.statuses if s.rank == worst)
    cache[word] = red
    rows = [r for r, v in zip(row_idx, raw) if v == word]
    table.report.add(table.column_range(col, rows) if rows else table.cell(table.cmap.header_row, col), "status", word,
                     f"status {word!r} read as {red}, not {was}: the drop-down at {dd.where} lists {', '.join(dd.words)} best "
                     f"first{aside} with no red word, and {word!r} comes after {rated[-2][0]!r}; if it means {was}, say so in "
                     f"perfkit.toml under [status.words]: {toml_string(word)} = \"{was}\"", "info")
    return word


# ---------------------------------------------------------------------------------------------- words a status column does not know


@dataclass
class Taught:
    """What the workbook says of a status column's unknown words: each word's status, or why nothing says."""

    words: dict[str, str] = field(default_factory=dict)  # word as typed -> status on the column's scale
    messages: dict[str, str] = field(default_factory=dict)  # word -> the error to give where a drop-down offers it but nothing says which


def _colour_word(rgb: str) -> str:
    status = status_from_colour(rgb)
    return {"Complete": "blue", None: "uncoloured"}.get(status, (status or "").lower()) + f" (#{rgb[-6:].upper()})"


def learn_words(table: Table, col: int, row_idx: list[int], raw: list, cache: dict, scale: StatusScale) -> Taught:
    """Statuses for the words a status column holds that the scale does not know, from all the workbook says of them.

    In order: the workbook's key on another sheet (a word beside a coloured cell), the fill colour
    the drop-down's own list gives the word (a lookup sheet's coloured cells), the fill colour of every
    cell holding it, and the drop-down's order beside words perfkit knows (:func:`words_by_order`).
    Each word learnt is said in a note naming the cells that hold it and what taught it; a word the
    drop-down offers that nothing places gets an error naming the drop-down and the perfkit.toml line.
    Words learnt from the workbook's key on another sheet are said where they are used. openpyxl is
    loaded only here, for a column holding words perfkit does not know.
    """
    out = Taught()
    key = table.key
    book = key.book if key is not None else None
    taught: dict[str, str] = {}  # word as the column has it -> the cell of the workbook's key (on another sheet) that gave it
    if book is not None:
        given = {_plain(w): src for w, src in key.sources.items() if w in book.words and not src.startswith(f"{table.sheet.name}!")}
        taught = {w: given[_plain(w)] for w, name in cache.items() if isinstance(w, str) and name and _plain(w) in given}
    unknown = [w for w, name in cache.items() if name is None and isinstance(w, str) and w.strip()]
    if not taught and not unknown:
        return out
    wanted = set(taught) | set(unknown)
    where_of: dict[str, list[int]] = {}
    for r, v in zip(row_idx, raw):
        if v.__class__ is str and v in wanted:
            where_of.setdefault(v, []).append(r)
    for word, src in taught.items():  # the workbook's key on another sheet: say which words it gave this column
        if word in where_of:
            table.report.add(table.column_range(col, where_of[word]), "status", word,
                             f"status {word!r} read as {cache[word]}, as the workbook's status key says ({src})", "info")
    unknown = [w for w in unknown if w in where_of]
    if not unknown:
        return out

    def learnt(word, status, why, severity="info"):
        name = _on_scale(status, scale) if status not in scale.names else status
        if name is None:
            return
        out.words[word] = name
        rows = where_of[word]
        table.report.add(table.column_range(col, rows), "status", word, f"status {word!r} read as {name}: {why}", severity)

    if book is not None:  # its swatches read for the first column that needed them: every later column uses them too
        if book.pending:
            resolve_swatches(book, scale)
        found = {_plain(w): (s, book.sources.get(w, book.where)) for w, s in book.words.items()}
        # a key's own word the key's scale knew ("Some concern = Slippage; mitigation in place", Amber), which this column's
        # scale does not (an action plan's): the status the key gave it, on this column's scale
        given: dict = {}
        for t, m, st in book.pairs:
            given.setdefault(_plain(t), []).append((st, m))
        # (never a mark the key gives several meanings, '●' green, amber and red: read by its colour)
        paired = {t: said[0] for t, said in given.items() if t and t not in found and len({st for st, _ in said}) == 1}
        for word in unknown:
            if _plain(word) in found:
                status, src = found[_plain(word)]
                learnt(word, status, f"the workbook's status key colours it ({src})")
            elif _plain(word) in paired:
                status, meaning = paired[_plain(word)]
                learnt(word, status, f"the workbook's status key ({book.where}) gives it as {meaning!r}")
    left = [w for w in unknown if w not in out.words]
    dd = dropdown(table, col, [r for w in left for r in where_of[w]]) if left else None
    if dd is not None and dd.sheet is not None:  # a list drawn from a range: the colours of its cells, where it has them
        wanted = [(rc, w) for rc, w in zip(dd.cells, dd.words) if w in left]
        fills = dd.sheet.fills([rc for rc, _ in wanted]) if wanted else {}
        for (r, c), word in wanted:
            status = status_from_colour(fills[(r, c)]) if (r, c) in fills else None
            if status is not None and word not in out.words:
                learnt(word, status, f"the drop-down's list colours it {_colour_word(fills[(r, c)])} ({cell_name(dd.sheet.name, r, c)})")
    # "Complete – recommend closure": a word that starts with a status says it, whatever green its cells are filled
    left = [w for w in unknown if w not in out.words and scale.leading(w) is None]
    if left:  # the fill colour of every cell holding the word
        cells = [(r, col) for w in left for r in where_of[w]]
        fills = table.sheet.fills(cells)
        for word in left:
            rgbs = [fills.get((r, col)) for r in where_of[word]]
            named = {status_from_colour(f) if f else None for f in rgbs}
            if len(named) == 1 and None not in named:
                rgb = next(f for f in rgbs if f)
                n = len(rgbs)
                learnt(word, named.pop(), f"{'every cell holding it is' if n > 1 else 'its cell is'} filled {_colour_word(rgb)}")
    left = [w for w in unknown if w not in out.words]
    if dd is not None and left:
        plain = scale_with_words(scale, {w: s for w, s in out.words.items()}) if out.words else scale
        order = words_by_order(dd.words, plain, complete=table.spec.name != "measures")
        listed = ", ".join(dd.words)
        for word in left:
            if word in order:
                learnt(word, order[word],
                       f"the drop-down at {dd.where} offers {listed}{f' (from {dd.source})' if dd.source else ''} in order, and it "
                       f"stands where {order[word]} does; if it means otherwise, say so in perfkit.toml under [status.words], "
                       f"e.g. {toml_string(word)} = \"{order[word]}\"")
    for word in unknown:
        if word in out.words or dd is None or _plain(word) not in {_plain(w) for w in dd.words}:
            continue
        near = scale.suggest(word, cutoff=0.85)  # a misspelling only: "Live" is nearest "delivered", never Complete
        example = scale.normalise(near[0]) if near else ""  # no guess where nothing near it: an example is copied as typed
        out.messages[word] = (
            f"status {word!r} is one of the words the drop-down at {dd.where} offers ({', '.join(dd.words)}"
            f"{f', from {dd.source}' if dd.source else ''}), but nothing in the workbook says which status it is (no key names it, "
            f"no fill colours it, and the list's order does not make it plain): say which in perfkit.toml under [status.words], "
            + (f"e.g. {toml_string(word)} = \"{example}\" (one of {', '.join(scale.names)})" if example else
               f"with the status it means between the second quotes: {toml_string(word)} = \"\" (one of {', '.join(scale.names)})"))
    return out
