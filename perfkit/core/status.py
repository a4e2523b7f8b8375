"""Status scales: the RAG words a council uses, their order, colours and synonyms.

The default scale is Red < Amber < Green, plus Complete (often shown blue) and
the unrated states Not started, Not due, Data only and No data. A council's own
scale, such as the five-point Red, Amber/Red, Amber, Amber/Green, Green, is a
:class:`StatusScale` built from :class:`Status` entries; extra synonyms can be
added to any scale with :meth:`StatusScale.with_synonyms`.

Examples
--------
>>> from perfkit.core.status import DEFAULT_SCALE
>>> DEFAULT_SCALE.normalise("  on TRACK ")
'Green'
>>> DEFAULT_SCALE.normalise("G"), DEFAULT_SCALE.normalise("blue")
('Green', 'Complete')
"""

from __future__ import annotations

import colorsys
import re
import unicodedata
from dataclasses import dataclass, field, replace

import pandas as pd

from perfkit.core.errors import ConfigError
import difflib


@dataclass(frozen=True)
class Status:
    """One status on a scale.

    Parameters
    ----------
    name : str
        The word perfkit writes (``Green``).
    rank : int or None
        Position for better/worse comparisons (higher is better); ``None`` for
        unrated states, which are counted but never compared.
    colour : str
        Fill colour for charts and tables (hex), chosen for contrast with white.
    text_colour : str
        Colour for text written on that fill.
    synonyms : tuple of str
        Other ways officers type it; matched ignoring case, spaces and punctuation.
    good : bool
        Counts as "progressing well" or "meeting target".
    complete : bool
        The item is finished (and so never overdue).
    closed : bool
        The item is stopped without being finished (on hold, deferred, cancelled,
        superseded): counted and listed, never rated and never overdue.
    """

    name: str
    rank: int | None
    colour: str
    text_colour: str = "#ffffff"
    synonyms: tuple[str, ...] = ()
    good: bool = False
    complete: bool = False
    closed: bool = False

    @property
    def rated(self) -> bool:
        return self.rank is not None


# A status followed by a separator and its explanation: "Green - on track", "Red: budget pressures", "Amber (slippage)".
_LEAD_SEPARATOR = re.compile(r"^([^-–—:;,(]+?)\s*(?:\s[-–—]\s*|[–—:;,(]|-\s)\s*(.+)$")
# What may follow a status after a bare space: a date, a quarter or a linking word ("Completed June 2024", "Complete in May").
# Words that say only that work is under way, before the status that says how it goes ("In progress - on track").
_UNDER_WAY = re.compile(r"(?i)\s*(?:in\s+progress|ongoing|on-going|under\s*way|open|live|active|started)\s*")
# The rest of a cell that grades its status rather than explaining it ("Off track - minor", "At risk (high)").
_DEGREE = re.compile(r"(?i)\s*(?:minor|major|slight|slightly|significant|significantly|serious|severe|moderate|low|medium|high|"
                     r"small|big|critical|some|limited|substantial|very|partial|partly|mostly|largely|recoverable|"
                     r"unrecoverable|not\s+recoverable|manageable|in\s+hand)\s*")


def grades(rest: str) -> bool:
    """Whether the words after a status grade it rather than explain it (``Off track - minor``, ``Off course – recoverable``):
    then the whole is a status of its own, for the workbook's key or ``perfkit.toml`` to say.

    Examples
    --------
    >>> grades("minor"), grades("recoverable"), grades("budget pressures")
    (True, True, False)
    """
    return bool(_DEGREE.fullmatch(rest or ""))
_LEAD_REST = re.compile(r"^(?:\d|q[1-4]\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?:in|on|by|since|as|at|from|until|early|late|end|mid)\b)", re.I)


_MARK_WORDS = {
    " tick ": "✓✔☑✅", " cross ": "✗✘✕☒✖❌❎",
    # shapes a tracker's key gives meanings to ("● On track", "○ Not yet started"): each its own word, never one blank
    " markdot ": "●⬤⚫", " markring ": "○◯⚪", " markhalf ": "◐◑◒◓", " marksquare ": "■⬛▪", " markbox ": "□⬜▫",
    " markdiamond ": "◆♦", " markopendiamond ": "◇", " markstar ": "★", " markopenstar ": "☆", " markwarning ": "⚠",
    # arrows: direction of travel, told apart but never a key's status (perfkit.read.evidence)
    " markup ": "▲⬆↑🔺⏶", " markdown ": "▼⬇↓🔻⏷", " markright ": "►▶→➡⏵", " markleft ": "◄◀←⬅",
    " markupright ": "↗", " markdownright ": "↘", " markopenup ": "△", " markopendown ": "▽",
    # coloured circles say their colour
    " red ": "🔴", " amber ": "🟠", " yellow ": "🟡", " green ": "🟢", " blue ": "🔵",
}
_MARKS = str.maketrans({mark: word for word, marks in _MARK_WORDS.items() for mark in marks})
ARROWS = frozenset("▲⬆↑🔺⏶▼⬇↓🔻⏷►▶→➡⏵◄◀←⬅↗↘△▽")
"""Marks that point: a direction of travel, never a status a key teaches."""
UP_ARROWS = frozenset("↑▲⬆")
UP_DOWN_ARROWS = UP_ARROWS | frozenset("↓▼⬇")
"""The arrows of a services' direction column that say up or down: a rise or an improvement, as the sheet shows."""
LEVEL_ARROWS = frozenset("↔→►▶➡")


_MARK_CHARS = frozenset(mark for marks in _MARK_WORDS.values() for mark in marks)


def _unmarked(text: str) -> str | None:
    """A status's words with the icons beside them taken away (``✔ Completed`` is ``Completed``), or None where there
    are no icons, or nothing but icons (a lone ``✓`` is a word of its own)."""
    if not any(ch in _MARK_CHARS or unicodedata.category(ch) == "So" for ch in text):
        return None
    bare = "".join(ch for ch in text if ch not in _MARK_CHARS and unicodedata.category(ch) != "So").strip(" -–:|")
    return bare if any(ch.isalpha() for ch in bare) else None


def _key(text: str) -> str:
    """A status word as the scale compares it: lower case, letters and digits only; a tick, a cross or another mark
    kept as a word (``✓`` and ``✗`` are two statuses, ``●`` and ``○`` two more, never the same blank)."""
    return re.sub(r"[^a-z0-9/+]+", "", text.lower().replace("&", "/").translate(_MARKS))


def clashes(words: dict) -> list[dict]:
    """The groups of ``words`` (word -> status) a scale reads as one word, where they give more than one status.

    >>> clashes({"On track": "Green", "On-track": "Amber", "Late": "Red"})
    [{'On track': 'Green', 'On-track': 'Amber'}]
    """
    groups: dict[str, dict] = {}
    for word, status in words.items():
        groups.setdefault(_key(word), {})[word] = status
    return [g for g in groups.values() if len(set(g.values())) > 1]


def comparable(word: str) -> bool:
    """Whether a scale can tell ``word`` from another: it has a letter, a digit, or a mark perfkit names (a tick, a
    cross, a dot, a ring, an arrow: :data:`_MARK_WORDS`).

    A dash or a bullet perfkit does not name has none, so it is never a status word: every such mark would otherwise
    read as the same one.

    >>> comparable("G"), comparable("✓"), comparable("▼"), comparable("–")
    (True, True, True, False)
    """
    return _key(word).strip("/+") != ""


# Dark and mid tones alternate along the scale so that neighbours in a stacked bar
# contrast 3:1 with each other as well as with white (see perfkit.core.palette).
DARK_GREY, MID_GREY = "#1f2326", "#7b8387"
INK = "#0b0c0c"

UNRATED = (
    Status("Not started", None, DARK_GREY, synonyms=("notstarted", "ns", "not yet started", "pending", "not begun", "not yet begun", "not implemented",
                                                       "not yet implemented", "not commenced", "not yet commenced", "yet to commence", "yet to start",
                                                       "yet to begin", "not started yet", "not begun yet", "to do")),
    Status("Not due", None, MID_GREY, INK, synonyms=("not yet due", "not due yet", "nd", "future", "not due to start", "not yet due to start",
                                                 # a measure reported once a year, at a quarter before its year's end
                                                 "annual", "annual measure", "annual indicator", "annual pi", "annual kpi", "reported annually",
                                                 "annual figure", "annual data", "annual only", "year end only", "reported at year end")),
    Status("Data only", None, DARK_GREY, synonyms=("data only", "contextual", "context", "monitor only", "no target",
                                                    # "Monitor | No target set - monitored for context": a fire authority's key
                                                    "no target set", "monitor", "monitoring only", "for monitoring",
                                                    "monitored for context", "for context", "contextual measure")),
    Status("No data", None, MID_GREY, INK, synonyms=("no data", "awaiting data", "not available", "tbc", "nk", "not known", "missing",
                                                    "unknown", "data not available", "data not available to assess progress", "data not yet available",
                                                    "not rated", "not yet rated", "unrated", "not assessed", "not yet assessed")),  # "Unknown": Pentana's question mark
    Status("On hold", None, DARK_GREY, synonyms=("on hold", "paused", "suspended", "hold"), closed=True),
    Status("Deferred", None, MID_GREY, INK, synonyms=("deferred", "postponed", "rescheduled", "moved to next year", "carried forward", "carried over", "c/f", "rolled forward", "rolled over"), closed=True),
    Status("Cancelled", None, DARK_GREY, synonyms=("cancelled", "canceled", "withdrawn", "stopped", "abandoned", "dropped", "discontinued",
                                                           # an audit recommendation management chose not to carry out: closed, never done
                                                           "risk accepted", "closed - risk accepted", "closed risk accepted",
                                                           "accepted risk", "management accepts the risk", "not agreed"), closed=True),
    Status("Superseded", None, MID_GREY, INK, synonyms=("superseded", "no longer required", "no longer needed", "no longer applicable", "no longer relevant", "merged", "replaced", "obsolete"), closed=True),
    # N/A says the status does not apply this quarter: its own category, never Not due and never rated.
    # not applicable: like the closed states, never overdue and never among the actions still to do
    Status("Not applicable", None, DARK_GREY, synonyms=("n/a", "na", "n.a.", "not applicable", "[z]", "none applicable"), closed=True),
)


# How officers say a measure or milestone stood against its target: read onto the RAG scale, and said aloud (which status) when read.
TARGET_WORDS = (
    "significantly below target", "well below target", "below target", "slightly below target", "just below target", "within tolerance",
    "on target", "at target", "above target", "slightly above target", "well above target", "significantly above target",
    "exceeded", "exceeded target", "target exceeded", "achieved", "not achieved", "target not achieved", "partially achieved",
    "met", "not met", "missed", "missed target", "off target", "significantly off target", "slightly off target",
    "better than target", "worse than target", "outside tolerance", "below tolerance", "partly achieved", "partially met",
    "achieving", "achieving target", "not achieving", "not achieving target", "not meeting target", "not meeting the target",
    "nearly achieving", "close to achieving", "nearly met", "almost achieving", "within target", "exceeding", "outside target",
    "near miss", "meeting standard", "not meeting standard", "standard met", "standard not met", "above standard", "below standard",
    "meeting the standard", "not meeting the standard", "pass", "passed", "fail", "failed",
    # against a profile (a grant's or a contract's quarter by quarter): on it, a little or well below it
    "on profile", "ahead of profile", "above profile", "slightly below profile", "below profile", "well below profile",
    "significantly below profile", "behind profile", "significantly behind profile",
    "slightly adrift", "slightly adrift of target", "significantly adrift", "well adrift", "adrift of target", "significantly adrift of target",
    "on or above target", "at or above target", "on or better than target", "at or better than target", "on or ahead of target",
    "met or exceeded", "met or exceeded target", "target met or exceeded",
)


@dataclass(frozen=True)
class StatusScale:
    """An ordered set of statuses with the synonyms that map to them.

    Parameters
    ----------
    statuses : sequence of Status
        Rated statuses in order worst to best, then any unrated ones.
    name : str
        A label for the scale.
    """

    statuses: tuple[Status, ...]
    name: str = "custom"
    approximate: tuple[str, ...] = ()
    _lookup: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        lookup: dict[str, str] = {}
        for s in self.statuses:
            for word in (s.name, *s.synonyms):
                k = _key(word)
                if not comparable(word):
                    continue  # an arrow or a dash: no word a typed cell could be told by
                if k in lookup and lookup[k] != s.name:
                    raise ConfigError(f"status word {word!r} is given for both {lookup[k]} and {s.name}")
                lookup[k] = s.name
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_approximate", frozenset(_key(w) for w in self.approximate))

    def folded(self, word) -> bool:
        """Whether a word is read as a nearby status rather than its own (``Amber/Green`` on a three-point scale), or
        as the scale's word in the singular or the plural (``Some concern`` for ``Some concerns``)."""
        if not isinstance(word, str):
            return False
        k = _key(word)
        return k in self._approximate or (k not in self._lookup and self._number_variant(k) is not None)

    def _number_variant(self, k: str) -> str | None:
        """The status of a word the scale knows in the other number: its last word with or without a final 's'."""
        if len(k) <= 4 or not k[-1].isalpha():
            return None
        return self._lookup.get(k[:-1]) if k.endswith("s") else self._lookup.get(k + "s")

    @property
    def names(self) -> list[str]:
        """Every status name, in the scale's order."""
        return [s.name for s in self.statuses]

    @property
    def rated(self) -> list[str]:
        return [s.name for s in self.statuses if s.rated]

    @property
    def unrated(self) -> list[str]:
        return [s.name for s in self.statuses if not s.rated]

    @property
    def good(self) -> list[str]:
        return [s.name for s in self.statuses if s.good]

    @property
    def complete(self) -> list[str]:
        return [s.name for s in self.statuses if s.complete]

    @property
    def closed(self) -> list[str]:
        """Statuses of items stopped without being finished (on hold, deferred, cancelled, superseded)."""
        return [s.name for s in self.statuses if s.closed]

    def suggest(self, word: str, n: int = 3, cutoff: float = 0.6) -> list[str]:
        """The known words nearest to an unknown one, for error messages (never to fill in a status for the officer)."""

        words = {w.lower(): w for s in self.statuses for w in (s.name, *s.synonyms) if len(w) > 2}
        return [words[m] for m in difflib.get_close_matches(str(word).lower().strip(), list(words), n=n, cutoff=cutoff)]

    def leading(self, value) -> tuple[str, str] | None:
        """The status a cell starts with, and the rest of it, where a status word is followed by an explanation.

        ``Green - on track``, ``Red: budget pressures``, ``Amber (slippage)`` and ``Completed June 2024`` give
        (``Green``, ``on track``)... A cell whose rest names another status (``Red - Amber``) gives None: it is
        not for perfkit to choose between them. A bare space separates a status only from a date or a word such as
        ``in`` or ``since`` (``Completed June 2024``, ``Complete in May``), so ``Green amber`` is never Green.

        Examples
        --------
        >>> DEFAULT_SCALE.leading("Amber – minor delay"), DEFAULT_SCALE.leading("Not started (due Q4)")
        (('Amber', 'minor delay'), ('Not started', 'due Q4'))
        >>> DEFAULT_SCALE.leading("Green amber") is None, DEFAULT_SCALE.leading("G (complete)")
        (True, ('Complete', 'complete'))
        """
        if not isinstance(value, str):
            return None
        text = " ".join(value.split())
        m = _LEAD_SEPARATOR.match(text)
        found = None
        if m and _UNDER_WAY.fullmatch(m.group(1)) and self.normalise(m.group(2).strip()):
            # "In progress - behind schedule": the status after it, where 'In progress' is a status of the scale too
            return self.normalise(m.group(2).strip()), m.group(1)
        if m and self.normalise(m.group(1)):
            found = (self.normalise(m.group(1)), m.group(2).strip().removesuffix(")").strip())
        else:
            words = text.split(" ")
            for k in range(len(words) - 1, 0, -1):
                lead, rest = " ".join(words[:k]), " ".join(words[k:])
                if len(lead) > 2 and self.normalise(lead) and _LEAD_REST.match(rest):
                    found = (self.normalise(lead), rest)
                    break
        if found is None or not found[1]:
            return None
        rest = found[1]
        if grades(rest):
            return None  # "Off track - minor": the rest changes the status, it does not explain it
        other = self.normalise(rest) or self.normalise(re.split(r"[\s,;:.\-–—(/]+", rest)[0])
        if other in self.complete and found[0] in self.good and found[0] not in self.complete and "(" in text and self.normalise(rest):
            return other, rest  # "G (complete)": a green finished, the bracket saying which (Complete), never two statuses
        if other and other != found[0] and not (self.normalise(rest) is None and self[other].rank is None and len(rest.split()) > 1):
            return None  # "Red - Amber": two statuses, not a status and its explanation
        return found

    def graded(self, value) -> bool:
        """Whether a cell is a status word graded by what follows it (``Off course – recoverable``): a status of the
        workbook's own, which its key or perfkit.toml names, never the status it starts with.

        Examples
        --------
        >>> DEFAULT_SCALE.graded("Off track - minor"), DEFAULT_SCALE.graded("Green - on track")
        (True, False)
        """
        if not isinstance(value, str):
            return False
        m = _LEAD_SEPARATOR.match(" ".join(value.split()))
        return bool(m and self.normalise(m.group(1)) and grades(m.group(2).strip().removesuffix(")")))

    def __getitem__(self, name: str) -> Status:
        for s in self.statuses:
            if s.name == name:
                return s
        raise KeyError(name)

    def rank(self, name) -> int | None:
        """The rank of a status (None for unrated or missing)."""
        if not isinstance(name, str):
            return None
        try:
            return self[name].rank
        except KeyError:
            return None

    @property
    def dtype(self) -> pd.CategoricalDtype:
        """The ordered categorical dtype of a tidy frame's ``status`` column."""
        return pd.CategoricalDtype(self.names, ordered=True)

    def normalise(self, value) -> str | None:
        """The status name for a typed value, or ``None`` if the scale does not know it.

        Empty values give ``None`` too; callers decide what an empty cell means.
        """
        if not isinstance(value, str):
            return None
        k = _key(value)
        got = self._lookup.get(k)
        if got is None and (bare := _unmarked(value)) is not None:
            got = self._lookup.get(_key(bare))  # "✔ Completed", "▲ At risk": a tracker's icon before its word, the word read
        return got if got is not None else self._number_variant(k)

    def with_synonyms(self, mapping: dict[str, str]) -> "StatusScale":
        """A new scale with extra words for existing statuses, e.g. ``{"Achieved": "Complete"}``."""
        extra: dict[str, list[str]] = {}
        for word, name in mapping.items():
            if name not in self.names:
                raise ConfigError(f"{name!r} is not a status on this scale ({', '.join(self.names)})")
            extra.setdefault(name, []).append(word)
        added = {_key(w) for ws in extra.values() for w in ws}
        statuses = tuple(
            replace(s, synonyms=tuple(w for w in s.synonyms if _key(w) not in added) + tuple(extra.get(s.name, ())))
            for s in self.statuses
        )
        return StatusScale(statuses, self.name, tuple(w for w in self.approximate if _key(w) not in added))

    def from_colour(self, rgb: str) -> str | None:
        """The status a cell's fill colour stands for (Excel's standard and near colours), or None."""
        return status_from_colour(rgb, self)


# Each at least 3:1 against white and against its neighbours; text colour 4.5:1 on it.
RED, AMBER, GREEN, BLUE = "#7a1a0e", "#d17200", "#00421f", "#3a86d6"

#: An inspectorate's judgements (Estyn's Excellent / Good / Adequate / Unsatisfactory, Ofsted's Outstanding / Good /
#: Requires improvement / Inadequate, a food hygiene 'Broadly compliant') on the RAG scale, each said aloud where read.
INSPECTION_WORDS = {"Green": ("excellent", "outstanding"), "Amber": ("adequate", "requires improvement", "broadly compliant"),
                    "Red": ("unsatisfactory", "inadequate")}

DEFAULT_SCALE = StatusScale(
    (
        Status("Red", 0, RED, synonyms=("r", "off track", "offtrack", "behind", "stalled", "significant issues", "major issues", "not on track",
                                         "off target", "missed", "not met", "target not met", "below target", "missed target",
                                         "significantly off track", "failing", "red/amber", "amber/red", "r/a", "a/r",
                                         "not achieved", "target not achieved", "not achieving", "not achieving target",
                                         "not meeting target", "not meeting the target", "significantly below target", "well below target",
                                         "significantly off target", "worse than target", "outside tolerance", "below tolerance",
                                         "outside target", "not meeting standard", "not meeting the standard", "standard not met",
                                         "below standard", "fail", "failed",
                                         # a delay or slippage by its degree, as trackers word their statuses
                                         "significant delay", "significant delays", "major delay", "major delays", "serious delay",
                                         "significantly delayed", "severely delayed", "significant slippage", "major slippage",
                                         "significantly behind", "significantly behind schedule", "serious issues",
                                         "significant concerns", "serious concerns", "major concerns",
                                         "alert", "off course", "overdue", "late", "behind target", "not on track to meet target", "not on track to meet the target",
                                         "not on track to achieve target", "not delivered", "non-compliant", "not compliant",
                                         "well below profile", "significantly below profile", "significantly behind profile",
                                         "not progressing", "not progressing well", "no progress", "significantly adrift",
                                         "well adrift", "adrift of target", "significantly adrift of target",
                                         *INSPECTION_WORDS["Red"])),  # "Alert": Pentana's (Covalent's) red icon
        Status("Amber", 1, AMBER, INK, synonyms=("a", "y", "yellow", "at risk", "some issues", "minor issues", "slippage", "slightly off track",
                                                  "some slippage", "minor slippage", "close to target", "near target", "delayed",
                                                  "behind schedule", "slipping", "some delay", "amber/green", "green/amber", "a/g", "g/a",
                                                  "slightly below target", "just below target", "slightly off target", "within tolerance",
                                                  "partially achieved", "partly achieved", "partially met", "nearly achieving", "near miss",
                                                  "close to achieving", "nearly met", "almost achieving",
                                                  "slight delay", "slight delays", "minor delay", "minor delays", "slightly delayed",
                                                  "slightly behind", "slightly behind schedule", "minor concerns", "some concerns", "slight concerns", "slight concern",
                                                  "within 5% of target", "within 10% of target", "within 15% of target",
                                                  "within 5%", "within 10%", "within 15%", "within 20%",
                                                  "within 20% of target", "within 5 of target", "within 10 of target",
                                                  "partly delivered", "partially delivered", "partially compliant", "partly compliant",
                                                  "slightly below profile", "below profile", "behind profile", "slightly adrift",
                                                  "slightly adrift of target",
                                                  *INSPECTION_WORDS["Amber"],
                                                  "warning")),  # Pentana's amber icon
        Status("Green", 2, GREEN, synonyms=("g", "on track", "ontrack", "in hand", "on target", "good", "progressing well", "met", "meeting target",
                                            "achieved target", "target met", "above target", "on schedule", "exceeded", "exceeding target",
                                            "ahead of schedule", "ahead of target", "target achieved", "at target", "slightly above target",
                                            "well above target", "significantly above target", "better than target", "target exceeded",
                                            "exceeded target", "no issues", "no concerns", "on course", "ok", "on track to meet target", "on programme",
                                            "on plan", "to plan", "on time", "achieving", "achieving target", "within target",
                                            "exceeding", "meeting standard", "meeting the standard", "standard met", "above standard",
                                            "pass", "passed", "compliant", "fully compliant", *INSPECTION_WORDS["Green"],
                                            "on track to meet the target", "on track to achieve target", "on profile", "ahead of profile",
                                            "above profile", "on or above target", "at or above target", "on or better than target",
                                            "at or better than target", "on or ahead of target", "met or exceeded",
                                            "met or exceeded target", "target met or exceeded"), good=True),  # "OK": Pentana's green icon
        Status("Complete", 3, BLUE, INK, synonyms=("b", "blue", "completed", "complete", "done", "achieved", "closed", "delivered", "c",
                                                   "finished", "implemented", "fully implemented"), good=True, complete=True),
        *UNRATED,
    ),
    name="RAG",
    # Five-point words on a three-point scale take the worse of their two colours, said aloud when read;
    # so is how a measure stood against its target, a verdict rather than a colour.
    approximate=("red/amber", "amber/red", "r/a", "a/r", "amber/green", "green/amber", "a/g", "g/a", *TARGET_WORDS,
                 *(w for ws in INSPECTION_WORDS.values() for w in ws)),
)

def _plain(name: str) -> tuple[str, ...]:
    """The default scale's words for a status, without the two-colour words of the five-point scale."""
    return tuple(w for w in DEFAULT_SCALE[name].synonyms if "/" not in w)


FIVE_POINT_SCALE = StatusScale(
    (
        Status("Red", 0, RED, synonyms=_plain("Red")),
        Status("Amber/Red", 1, "#e8643a", INK, synonyms=("ar", "a/r", "red/amber", "r/a", "amber red", "red amber")),
        Status("Amber", 2, "#4a2e00", synonyms=_plain("Amber")),
        Status("Amber/Green", 3, "#6b9a00", INK, synonyms=("ag", "a/g", "green/amber", "g/a", "amber green", "green amber")),
        Status("Green", 4, GREEN, synonyms=_plain("Green"), good=True),
        Status("Complete", 5, BLUE, INK, synonyms=_plain("Complete"), good=True, complete=True),
        *UNRATED,
    ),
    name="five-point",
    approximate=TARGET_WORDS,
)


def _hex(rgb: str) -> tuple[float, float, float] | None:
    rgb = rgb.strip().lstrip("#")
    if len(rgb) == 8:  # ARGB as openpyxl gives it
        if rgb[:2].upper() == "00" and rgb[2:].upper() == "000000":
            return None  # openpyxl's "no colour"
        rgb = rgb[2:]
    if not re.fullmatch(r"[0-9a-fA-F]{6}", rgb):
        return None
    return tuple(int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def status_from_colour(rgb: str, scale: StatusScale = DEFAULT_SCALE) -> str | None:
    """Classify a fill colour as Red, Amber, Green or Complete (blue) by its hue.

    Covers Excel's standard colours (FF0000, FFC000, FFFF00, 00B050, 92D050, 0070C0)
    and the pale conditional-format fills (FFC7CE, FFEB9C, C6EFCE). White, black and
    greys give None. On a scale without one of those names, the status the scale colours the same (an action
    plan's On track for green), else None.

    Examples
    --------
    >>> status_from_colour("FF00B050"), status_from_colour("FFC7CE"), status_from_colour("FFFFFF")
    ('Green', 'Red', None)
    """
    parts = _hex(rgb) if isinstance(rgb, str) else None
    if parts is None:
        return None
    h, l, s = colorsys.rgb_to_hls(*parts)
    if s < 0.25 or l > 0.93 or l < 0.08:
        return None
    deg = h * 360
    if deg < 20 or deg >= 330:
        name = "Red"
    elif deg < 65:
        name = "Amber"
    elif deg < 170:
        name = "Green"
    elif deg < 260:
        name = "Complete"
    else:
        return None
    if name in scale.names:
        return name
    # A scale of its own words coloured as RAG (an action plan's On track is green): the status of that colour
    same = {"Red": RED, "Amber": AMBER, "Green": GREEN, "Complete": BLUE}[name]
    return next((st.name for st in scale.statuses if st.colour == same and st.rank is not None), None)


def scale_of(statuses, given: "StatusScale" = DEFAULT_SCALE) -> "StatusScale":
    """The scale a frame's ``status`` column was read on: ``given`` where its statuses fit it, else the known scale whose
    statuses they are (a five-point tracker summarised with the default scale lost its Amber/Red and Amber/Green items).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series(pd.Categorical(["Amber/Red"], dtype=FIVE_POINT_SCALE.dtype))
    >>> scale_of(s).name
    'five-point'
    >>> scale_of(pd.Series(["Green"])).name == DEFAULT_SCALE.name
    True
    """
    cats = getattr(getattr(statuses, "dtype", None), "categories", None)
    if cats is None or list(cats) == given.names:
        return given
    for known in (FIVE_POINT_SCALE, DEFAULT_SCALE):
        if list(cats) == known.names and given.name in (DEFAULT_SCALE.name, known.name):
            return known
    return given
