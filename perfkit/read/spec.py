"""Kinds of workbook perfkit reads, each declared as a small :class:`KindSpec`.

The layout engine (:mod:`perfkit.read.layout`) finds tables, headers, sections, merged
cells and period columns for any kind; a spec says only what is particular to one
kind: the fields its tidy frame has, the header words that name each field, which
fields a header row must have to count, which may repeat once per period, and
which field carries a status word, and the builder that turns the rows the engine
located into the kind's tidy frame. Each kind's spec and builder live in one module of
:mod:`perfkit.read.kinds`, which lists every kind perfkit reads.

Examples
--------
>>> import perfkit.read
>>> spec = get_kind("milestones")
>>> spec.key_field, spec.status_field, "status" in spec.period_fields
('title', 'status', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from perfkit.core.errors import ConfigError


def normalise_header(text) -> str:
    """Lower case, punctuation to spaces, spaces collapsed: ``' Lead  Officer:'`` -> ``'lead officer'``.

    Examples
    --------
    >>> normalise_header(" Lead  Officer:")
    'lead officer'
    """
    if text is None:
        return ""
    text = str(text).lower().replace("&", " and ").replace("\u00a0", " ")
    text = re.sub(r"[^a-z0-9%£]+", " ", text)
    return " ".join(text.split())


# Fields every kind may carry down from section rows, merged cells or columns.
CARRIED = ("priority", "objective", "strategy", "tactic", "directorate")

SHARED_HEADERS = {
    "priority": ["priority", "council plan priority", "corporate priority", "plan priority", "theme", "priority area",
                 "outcome", "ambition", "pillar", "strategic priority", "priority theme", "council priority",
                 "corporate plan theme", "council plan theme", "corporate theme", "plan theme", "strategic theme",
                 "corporate plan priority", "well being objective", "wellbeing objective", "thematic area", "theme area",
                 "thematic priority", "thematic", "programme theme"],
    "objective": ["objective", "strategic objective", "council objective", "corporate objective"],
    "strategy": ["strategy", "strategies"],
    "tactic": ["tactic", "tactics"],
    "directorate": ["directorate", "service", "department", "service area", "portfolio", "division"],
    "lead": ["lead", "lead officer", "responsible officer", "owner", "officer", "accountable officer", "responsible",
             "lead owner", "action owner", "milestone owner", "measure owner", "lead officers", "head of service", "responsible lead",
             "assigned to", "assignee", "managed by", "responsible person", "accountable director", "director", "lead director",
             "responsible director", "accountable lead", "who", "by whom", "who is responsible", "responsibility", "sro",
             "senior responsible owner", "senior responsible officer", "executive lead", "lead agency", "lead organisation", "lead organization", "lead partner",
             "lead body", "responsible agency", "responsible organisation", "accountable", "accountable person", "accountable manager",
             "lead service", "lead team", "responsible service", "lead department",
             # a programme's accountable person: 'No named lead' was said of projects that each name their sponsor
             "sponsor", "project sponsor", "executive sponsor", "senior sponsor", "sponsoring director", "programme sponsor"],
    "commentary": ["commentary", "comments", "comment", "update", "progress update", "narrative", "notes", "note",
                   "progress commentary", "latest update", "progress", "progress comments", "explanation", "officer commentary",
                   "position", "current position", "update on progress",
                   # an improvement plan's update with the evidence an inspector asks for
                   "update and evidence of impact", "evidence of impact", "progress and evidence of impact", "update and evidence",
                   "progress and evidence", "evidence of progress", "impact and evidence", "evidence and commentary",
                   "commentary and evidence", "evidence and comments", "comments and evidence",
                   # whose words they are: a contract's operator or provider, the service, its manager
                   "operator comments", "operator commentary", "provider comments", "provider commentary", "contractor comments",
                   "contractor commentary", "service comments", "service commentary", "manager comments", "manager commentary",
                   "partner comments", "partner commentary",
                   # an audit follow-up's 'Management update' beside the management response agreed at the audit
                   "management update", "management comments", "management commentary", "officer update", "service update",
                   "lead officer update", "latest position", "position statement",
                   # a town or parish council's action log, kept by its clerk
                   "clerk s notes", "clerks notes", "clerk notes", "clerk s comments", "clerks comments", "clerk s update",
                   # "Progress update and next steps", a Better Care Fund template's "Challenges and any support needs"
                   "progress update and next steps", "update and next steps", "progress and next steps", "progress update next steps",
                   "challenges and any support needs", "challenges and support needs",
                   # a programme tracker's "Key issues / next steps"
                   "key issues next steps", "key issues and next steps", "issues and next steps", "issues next steps"],
    "period": ["period", "quarter", "reporting period", "reporting quarter", "qtr", "date period", "month", "reporting month",
               "time period", "date",
               # an IJB's or outcomes framework's 'Data period' beside each indicator's latest figure
               "data period", "latest data period", "period of data", "period covered", "latest period",
               "latest available period", "period of latest data", "latest time period"],
    "year": ["financial year", "year", "fy", "reporting year"],
    # A column that varies within one item and period: kept as the frame's ``area`` column.
    "area": ["area", "area name", "local authority", "council", "authority", "ward", "locality", "provider",
             "provider name", "organisation", "organisation name", "la name", "geography"],
}

# A tracker that keeps the date first agreed beside the date it was moved to (engine.revised_due_dates).
ORIGINAL_DATE_HEADERS = ["original date", "original due date", "original target date", "original deadline", "original completion date",
                         "original timescale", "original end date", "baseline date", "baseline due date", "original target",
                         "original implementation date", "agreed implementation date", "original target implementation date",
                         "original target completion date", "baseline completion", "baseline completion date", "baseline end date",
                         "original completion", "agreed date", "agreed target date", "agreed completion date", "agreed due date",
                         "agreed deadline", "agreed timescale", "date agreed"]
"""Headers of the due date first agreed, where a revised one may stand beside it."""
REVISED_DATE_HEADERS = ["revised date", "revised due date", "revised target date", "revised deadline", "revised completion date",
                        "revised timescale", "revised end date", "new date", "new due date", "new target date", "revised target",
                        "forecast date", "forecast completion date", "forecast completion", "forecast actual date",
                        "forecast actual", "forecast or actual date", "actual forecast date", "forecast actual completion date",
                        "forecast actual completion", "forecast end date", "forecast end", "forecast finish", "expected completion date", "expected completion", "expected date", "anticipated completion",
                        "anticipated completion date", "anticipated date", "current forecast date", "latest forecast date", "revised date if applicable", "amended date", "amended due date",
                        "revised implementation date", "new implementation date", "amended implementation date",
                        "revised target implementation date", "revised target completion date"]
"""Headers of the due date a milestone or action was moved to: the one that counts, where given."""


@dataclass(frozen=True)
class KindSpec:
    """What is particular to one kind of workbook.

    Parameters
    ----------
    name : str
        The kind's name (``"milestones"``), used in messages, ``--kind`` and ``perfkit.toml``.
    noun : str
        One item, in an officer's words (``"milestone"``).
    headers : dict
        Field -> the header wordings that name it (matched ignoring case and punctuation).
    required : tuple of str
        Fields a header row must have to count as this kind's table.
    values : tuple of str
        At least one of these must be present (as a column or a period column).
    period_fields : tuple of str
        Fields that may repeat once per period in a wide layout (``Q2 Status``).
    bare_period_field : str
        What a header that is only a period (``Q1 2023/24``, ``Apr-Jun``) holds.
    key_field, id_field, id_prefix : str
        The item's name field, its reference field, and the prefix of generated ids.
    status_field : str or None
        The field that holds a status word, if any.
    bands : dict, optional
        Two-row headers: a label over several columns (``Inherent risk`` over ``Impact |
        Likelihood``) prefixes them with its key (``inherent Impact``), so declare
        ``{"inherent": ["inherent risk", "before mitigation"]}`` and header words such as
        ``"inherent impact"``.
    sequences : dict, optional
        Headers that repeat in order: ``{"impact": ("inherent_impact", "residual_impact")}``
        maps the first ``Impact`` column to inherent_impact and the second to residual_impact.
    build : callable
        ``build(table, opts, id_offset) -> DataFrame``: the kind's frame from a located
        :class:`~perfkit.read.layout.Table` and the read's :class:`~perfkit.read.engine.Options`
        (whose ``extra`` holds the kind's own reader arguments).
    combine : callable, optional
        ``combine(frame, frames, report)``: once every sheet is read and the frames joined,
        what the kind keeps in ``frame.attrs`` from each sheet's frame.
    across : callable, optional
        ``across(frame, frames, report)``: once several sheets are read and joined, also when
        only validating: what one sheet settles for another (a measure's polarity plain on
        one quarter's tab and not on another's), changing ``frame`` and the report's lines.
    status_scale : callable, optional
        ``status_scale(opts) -> StatusScale``: the scale the kind's statuses are read on, where
        it is not the read's own (an action plan's Behind schedule ... Complete), so that a
        status key by the table is read on it too.
    """

    name: str
    noun: str
    headers: dict[str, list[str]]
    required: tuple[str, ...]
    values: tuple[str, ...]
    period_fields: tuple[str, ...]
    bare_period_field: str
    key_field: str
    id_field: str
    id_prefix: str
    status_field: str | None = None
    carried: tuple[str, ...] = CARRIED
    numeric_fields: tuple[str, ...] = ()
    describe: str = ""
    extra_fields: tuple[str, ...] = field(default=("ignore",))
    bands: dict[str, list[str]] = field(default_factory=dict)
    sequences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    build: Callable | None = field(default=None, compare=False, repr=False)
    combine: Callable | None = field(default=None, compare=False, repr=False)
    across: Callable | None = field(default=None, compare=False, repr=False)
    status_scale: Callable | None = field(default=None, compare=False, repr=False)

    @property
    def fields(self) -> set[str]:
        """Every field a header may be mapped to (plus ``ignore``)."""
        return set(self.headers) | set(self.extra_fields) | {f for seq in self.sequences.values() for f in seq}

    def band(self, label) -> str | None:
        """The prefix a band label over several columns gives them (``Inherent risk`` -> ``inherent``), if any."""
        if not self.bands:
            return None
        # "Current (inherent) risk", "Target (residual) risk after controls": the band's own word in brackets is the
        # officer's gloss of the words around it, and names it (never "(after further actions)", no band's own word)
        for gloss in re.findall(r"\(([^()]*)\)", str(label)):
            said = {prefix for prefix, names in _band_words(self) for n in names[:1] if n == f" {normalise_header(gloss)} "}
            if len(said) == 1:
                return said.pop()
        words = f" {normalise_header(label)} "
        # the word that comes first names the band: "Target risk (after further actions)" is the target, not "after"
        found = [(words.find(n), prefix) for prefix, names in _band_words(self) for n in names if n in words]
        return min(found)[1] if found else None


_BAND_WORDS: dict[str, list] = {}


def _band_words(spec: KindSpec) -> list:
    """A kind's band names, normalised once: [(prefix, [" inherent risk ", ...]), ...]."""
    found = _BAND_WORDS.get(spec.name)
    if found is None:
        found = _BAND_WORDS[spec.name] = [(p, [f" {normalise_header(n)} " for n in names]) for p, names in spec.bands.items()]
    return found


_KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Make a kind known to the engine, the inventory, ``--kind`` and ``perfkit.toml``.

    :mod:`perfkit.read.kinds` registers every kind perfkit reads, in its list ``KINDS``.
    """
    _KINDS[spec.name] = spec
    return spec


def get_kind(kind: "str | KindSpec") -> KindSpec:
    """The spec for a kind's name (or the spec itself)."""
    if isinstance(kind, KindSpec):
        return kind
    try:
        return _KINDS[kind]
    except KeyError:
        raise ConfigError(f"unknown kind {kind!r}: perfkit reads {', '.join(_KINDS)}") from None


def kind_names() -> list[str]:
    """The names of every registered kind, in the order the survey tries them."""
    return list(_KINDS)

