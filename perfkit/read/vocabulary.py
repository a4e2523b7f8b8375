"""Header words: a header read by its words, with each kind's phrase lists as the seed vocabulary.

Officers word the same column many ways: ``Responsible officer``, ``Officer responsible``,
``Resp. officer``, ``Lead officers``, ``Name of lead officer``. The phrases a kind's spec
lists (:attr:`~perfkit.read.spec.KindSpec.headers`) are matched exactly first, in
:mod:`perfkit.read.columns`; a header that is none of them is read here, word by word:

- every word is put in one form: plurals made singular (``Targets``, ``Leads``), common
  abbreviations spelt out (``Resp.``, ``Tgt``, ``Perf.``, ``No.``), ``per cent`` as ``%``;
- filler words are dropped (``key``, ``current``, ``latest``, ``overall``, ``the``, ``of``,
  ``name``...), unless they are all the header has, or the kind gives them a meaning of its
  own (``current`` is the residual score of a risk);
- word order does not count: the header's words are compared as a set with each phrase's;
- the kind's own item nouns may qualify a field (``Milestone due date``, ``KPI owner``);
- a header made of phrases that all name one field reads as that field (``Comments /
  update``, ``Lead / owner``); one whose phrases name two fields (``Status and commentary``)
  has two readings, which the column's content may settle (:mod:`perfkit.read.layout`);
- a unit in brackets, ``%`` or ``£`` is dropped last (``Actual (%)``, ``Target (days)``).

A header with any word the kind does not know (``Previous status``, ``Baseline``) is not
read by its words: a qualifier perfkit does not understand may change the meaning.

Examples
--------
>>> import perfkit.read.kinds
>>> words_reading("Officer responsible", "milestones")
('lead', ())
>>> words_reading("Tgt (%)", "measures")
('target', ())
>>> words_reading("Previous status", "milestones")
(None, ())
>>> words_reading("Status and commentary", "milestones")
(None, ('commentary', 'status'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfkit.read.spec import KindSpec, get_kind, normalise_header

# Words that add nothing to what a header names. "name" reads "Name of measure" as "measure".
FILLER = frozenset({
    "the", "of", "a", "an", "for", "in", "at", "on", "our", "this", "its", "key", "current", "latest", "overall",
    "name", "main", "planned", "s", "please", "enter", "select", "brief", "short", "full",
})
# Phrases folded before the words are split: what they say is no part of the field.
_PHRASES = (
    (re.compile(r"\bper\s*cent(?:age)?\b"), " % "),
    (re.compile(r"\b(?:year\s+to\s+date|to\s+date|ytd|as\s+at)\b"), " "),
    (re.compile(r"\b(?:this|current)\s+(?:quarter|period|month|review)\b"), " "),  # "Progress this quarter"
    (re.compile(r"\b(?:\d{1,2}|three|six|nine|twelve)[\s-]?months?\b"), " "),  # "6-month update (Sept 2024)"
    # "Status per auditor", "Update as given by the service": who gave it, no part of the field
    (re.compile(r"\b(?:per|according\s+to|as\s+(?:assessed|given|reported)\s+by)\s+(?:the\s+)?(?:internal\s+)?"
                r"(?:auditors?|audit|service|officer|lead|owner)\b"), " "),
)
# The words of "Status per auditor", "Update as reported by the service": folded away by _PHRASES, so never a reason to
# turn a header away before its words are read
_WHO_GAVE_IT = frozenset({"per", "according", "to", "as", "assessed", "given", "reported", "by", "the", "internal", "auditor",
                          "auditors", "audit", "service", "officer", "lead", "owner"})
# Abbreviations and variant spellings, to one form (both sides are folded the same way).
ABBREVIATIONS = {
    "resp": "responsible", "respons": "responsible", "tgt": "target", "targ": "target", "perf": "performance",
    "desc": "description", "descr": "description", "dept": "department", "dir": "directorate", "yr": "year",
    "num": "no", "nbr": "no", "number": "no", "pct": "%", "percent": "%", "percentage": "%", "reference": "ref",
    "identifier": "id", "upd": "update", "cmt": "comment", "comm": "comment", "prog": "progress", "org": "organisation",
    "kpis": "kpi", "pis": "pi", "ids": "id", "rags": "rag", "nos": "no", "refs": "ref", "qtr": "quarter", "mgr": "manager", "compl": "completion", "measurement": "measure",
}
# Extra nouns for one item, beyond the kind's own noun, that may qualify a field ("KPI owner").
ITEM_NOUNS = {"measure": ("indicator", "kpi", "pi"), "milestone": ("action",)}
# Units typed beside a field's words rather than in brackets ("Actual %", "Target days"): dropped last.
_UNIT_WORDS = frozenset({"%", "£", "£000", "£000s", "£k", "£m", "day", "week", "hour", "minute", "kg", "tonne"})
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_KEEP_ENDINGS = ("ss", "us", "is", "ous", "as")


def singular(word: str) -> str:
    """One word in its singular form, for matching only (``leads`` -> ``lead``, ``priorities`` -> ``priority``).

    Examples
    --------
    >>> [singular(w) for w in ("targets", "priorities", "status", "progress", "approaches", "statuses", "kpis")]
    ['target', 'priority', 'status', 'progress', 'approach', 'status', 'kpis']
    """
    if len(word) < 4 or not word.endswith("s") or word.endswith(_KEEP_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "uses", "zes")):
        return word[:-2]
    return word[:-1]


def _word(w: str) -> str:
    w = ABBREVIATIONS.get(w, w)
    w = singular(w)
    return ABBREVIATIONS.get(w, w)


def header_words(text, keep: frozenset = frozenset()) -> tuple[str, ...]:
    """A header's words in one form, filler dropped (unless it is all there is, or in ``keep``), in the order typed.

    Examples
    --------
    >>> header_words("Name of the Lead Officer(s)")
    ('lead', 'officer')
    >>> header_words("Resp. officers")
    ('responsible', 'officer')
    >>> header_words("The")
    ('the',)
    """
    low = str(text).lower().replace("&", " and ")
    for pattern, repl in _PHRASES:
        low = pattern.sub(repl, low)
    words = [_word(w) for w in normalise_header(low).split()]
    words = [w for w in words if w not in ("and", "or", "v", "vs")] or words
    kept = tuple(w for w in words if w not in FILLER or w in keep)
    return kept or tuple(words)


@dataclass(frozen=True)
class Vocabulary:
    """One kind's phrases as sets of words: ``index`` maps each set to its field (the spec's first wins).

    ``known`` is every word a header read by its words may hold (the phrases' words, filler,
    units, the hints brackets may give): a header with any other word is not read by its
    words, and is turned away before any more work (data rows are scanned as candidate headers).
    """

    index: dict
    by_word: dict
    nouns: frozenset
    keep: frozenset
    known: frozenset = frozenset()


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(kind: "str | KindSpec") -> Vocabulary:
    """The kind's header phrases as word sets, built once per kind."""
    spec = get_kind(kind)
    found = _VOCABULARIES.get(spec.name)
    if found is not None:
        return found
    keep = frozenset(w for names in spec.bands.values() for n in names for w in normalise_header(n).split()) & FILLER
    index: dict[frozenset, str] = {}
    for fld, phrases in spec.headers.items():
        for phrase in phrases:
            key = frozenset(header_words(phrase, keep))
            if key:
                index.setdefault(key, fld)
    by_word: dict[str, list] = {}
    for key, fld in index.items():
        for w in key:
            by_word.setdefault(w, []).append((key, fld))
    nouns = frozenset(_word(n) for n in (spec.noun, *ITEM_NOUNS.get(spec.noun, ())))
    known = frozenset(by_word) | FILLER | nouns | _UNIT_WORDS | _HINTS | {"and", "or", "v", "vs"} | _PHRASE_WORDS | _WHO_GAVE_IT
    found = _VOCABULARIES[spec.name] = Vocabulary(index, by_word, nouns, keep, known)
    return found


_PHRASE_WORDS = frozenset({"per", "cent", "centage", "to", "date", "year", "ytd", "as", "at"})
_CANONICAL: dict[str, str] = {}


def could_read(normalised: str, kind: "str | KindSpec") -> bool:
    """Whether every word of a header (as :func:`~perfkit.read.spec.normalise_header` gives it) is one a
    header read by its words may hold, numbers aside: a cheap test before :func:`words_reading`.

    Examples
    --------
    >>> import perfkit.read.kinds
    >>> could_read("officers responsible", "milestones"), could_read("deliver housing plan", "milestones")
    (True, False)
    """
    known = vocabulary(kind).known
    for w in normalised.split():
        if w in known:
            continue
        c = _CANONICAL.get(w)
        if c is None:
            if len(_CANONICAL) > 100_000:
                _CANONICAL.clear()
            c = _CANONICAL[w] = _word(w)
        if c not in known and not w.isdigit() and w not in _WHO:  # "Lead (Cllr/Clerk)": who, said in brackets
            return False
    return True


def _cover(words: frozenset, vocab: Vocabulary) -> tuple[str | None, tuple[str, ...]]:
    """The field whose phrases cover every word, or the two or more fields that do between them."""
    fields_of: list[set] = []
    for w in words:
        fs = {fld for key, fld in vocab.by_word.get(w, ()) if key <= words}
        if not fs:
            return None, ()
        fields_of.append(fs)
    common = set.intersection(*fields_of) if fields_of else set()
    if len(common) == 1:
        return common.pop(), ()
    if common:  # several fields each cover it all: the spec's first phrase for the whole set decides, or none does
        return None, tuple(sorted(common))
    return None, tuple(sorted(set().union(*fields_of)))


def _read(words: tuple[str, ...], vocab: Vocabulary, drop_nouns: bool = True) -> tuple[str | None, tuple[str, ...]]:
    if not words:
        return None, ()
    key = frozenset(words)
    if key in vocab.index:
        return vocab.index[key], ()
    plain = key - vocab.nouns
    if drop_nouns and plain and plain != key:
        if plain in vocab.index:
            return vocab.index[plain], ()
        key = plain
    return _cover(key, vocab)


def _numeric(fld: str, spec: KindSpec) -> bool:
    return fld in spec.numeric_fields or any(w in fld for w in ("score", "impact", "likelihood", "target"))


# Fields that turn a table into a long one (a row per item per period): read only from their own words, with no filler
# dropped and no item noun taken off, since "Key dates" or "Milestone date" are due dates, not each row's period.
_LAYOUT_FIELDS = ("period", "year")


def _strict(low: str, fld: str, vocab: Vocabulary) -> bool:
    words = frozenset(_word(w) for w in normalise_header(_BRACKETS.sub(" ", low)).split()) - {"and", "or", "s"}
    return vocab.index.get(words) == fld


def words_reading(text, kind: "str | KindSpec") -> tuple[str | None, tuple[str, ...]]:
    """The field a header names by its words, or None with the fields it could name (two or more) if it is ambiguous.

    ``text`` is the header without any period it names (``Q2``, ``2024/25``): the caller
    takes those out first (:func:`perfkit.read.columns.split_header`). Words in brackets
    qualify the words outside them (``Indicator (unit)`` is the indicator); a unit (``%``,
    ``£``, ``days``) is dropped only for a field that holds figures, so ``Progress (%)`` is
    not read as a milestone's commentary.
    """
    fld, alternatives = _words_reading(text, kind)
    if fld in _LAYOUT_FIELDS and not _strict(str(text).lower(), fld, vocabulary(kind)):
        return None, ()
    alternatives = tuple(a for a in alternatives if a not in _LAYOUT_FIELDS)
    if (fld is None and "lead" in alternatives and len(alternatives) == 2
            and not re.search(r"(?i)\b(?:and|or)\b|[&/+()\[\]]", str(text))):
        # "Lead directorate": the last word is the noun, the other qualifies it (a directorate, the one that leads)
        words = header_words(str(text).lower(), vocabulary(kind).keep)
        noun = vocabulary(kind).index.get(frozenset(words[-1:])) if words else None
        if noun in alternatives:
            return noun, ()
    return fld, alternatives if len(alternatives) > 1 else ()


def _words_reading(text, kind: "str | KindSpec") -> tuple[str | None, tuple[str, ...]]:
    spec = get_kind(kind)
    vocab = vocabulary(spec)
    low = str(text).lower()
    if not could_read(normalise_header(low), spec):
        return None, ()
    full = header_words(low, vocab.keep)
    if frozenset(full) in vocab.index:
        return vocab.index[frozenset(full)], ()
    outside = header_words(_BRACKETS.sub(" ", low), vocab.keep)
    bare = tuple(w for w in outside if w not in _UNIT_WORDS)
    if bare and bare != full:
        fld, _ = _read(bare, vocab)
        if fld is not None and _harmless(low, fld, spec, vocab):
            return fld, ()
    # "Indicator (unit)": the item's noun is what the header names, not a qualifier to drop
    return _read(full, vocab, drop_nouns=not set(outside) <= vocab.nouns)


# What a bracket may say without changing what the column holds: how to fill it in, or an example value.
_HINTS = frozenset({"y", "n", "yes", "rag", "red", "amber", "green", "blue", "high", "medium", "low", "h", "m", "l",
                    "dd", "mm", "yy", "yyyy", "mmm", "text", "max", "maximum", "word", "character", "limit", "optional",
                    "see", "below", "above", "note", "e", "g", "eg", "i", "ie", "if", "applicable", "required",
                    # how often it is filled in: "Target (each quarter)", "Progress this quarter"
                    "each", "every", "per", "quarter", "quarterly", "period"})


def _harmless(low: str, fld: str, spec: KindSpec, vocab: Vocabulary) -> bool:
    """Whether what a header says beside the field's words (in brackets, or a unit) leaves the field as it is.

    ``Target (%)`` and ``Status (RAG)`` are the target and the status; ``Target (next year)``
    is not this year's target, and ``Progress (%)`` is no milestone's commentary.
    """
    said = {w for w in header_words(" ".join(_BRACKETS.findall(low)), vocab.keep)} | set(header_words(low, vocab.keep))
    own = {w for key, f in vocab.index.items() if f == fld for w in key}
    for w in said - own:
        if w in vocab.keep:  # "current" of a risk: the residual score, not a filler word
            return False
        if w in _UNIT_WORDS:
            if not _numeric(fld, spec):
                return False
        elif not (w in FILLER or w in vocab.nouns or w in _HINTS or w.isdigit() or (fld in ("lead", "owner") and w in _WHO)):
            return False
    return True


# Who a lead or owner may be, in brackets after the header: "Lead (Cllr/Clerk)", "Owner (name and role)".
_WHO = frozenset({"cllr", "councillor", "councillors", "clerk", "officer", "officers", "member", "members", "manager", "head",
                  "director", "name", "names", "initials", "role", "team", "service", "cabinet", "portfolio", "holder", "job",
                  "title", "and", "or", "responsible", "accountable", "lead", "owner"})
