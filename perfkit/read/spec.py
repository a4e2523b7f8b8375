"""Kinds of workbook perfkit reads, each declared as a small :class:`KindSpec`.

The layout engine (:mod:`perfkit.read.layout`) finds tables, headers, sections, merged
cells and period columns for any kind; a spec says only what is particular to one
kind: the fields its tidy frame has, the header words that name each field, which
fields a header row must have to count, which may repeat once per period, and
which field carries a status word. Adding a kind of workbook is a new spec here
(tens of lines) and a frame builder that turns located rows into its tidy frame.

Examples
--------
>>> from perfkit.read.spec import get_kind
>>> spec = get_kind("milestones")
>>> spec.key_field, spec.status_field, "status" in spec.period_fields
('title', 'status', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.errors import ConfigError

# Fields every kind may carry down from section rows, merged cells or columns.
CARRIED = ("priority", "objective", "strategy", "tactic", "directorate")

SHARED_HEADERS = {
    "priority": ["priority", "council plan priority", "corporate priority", "plan priority", "theme", "priority area",
                 "outcome", "ambition", "pillar", "strategic priority", "priority theme", "council priority"],
    "objective": ["objective", "strategic objective", "council objective", "corporate objective"],
    "strategy": ["strategy", "strategies"],
    "tactic": ["tactic", "tactics"],
    "directorate": ["directorate", "service", "department", "service area", "portfolio", "division"],
    "lead": ["lead", "lead officer", "responsible officer", "owner", "officer", "accountable officer", "responsible",
             "lead owner", "action owner", "milestone owner", "measure owner", "lead officers", "head of service", "responsible lead"],
    "commentary": ["commentary", "comments", "comment", "update", "progress update", "narrative", "notes", "note",
                   "progress commentary", "latest update", "progress", "progress comments", "explanation", "officer commentary",
                   "position", "current position", "update on progress"],
    "period": ["period", "quarter", "reporting period", "reporting quarter", "qtr", "date period", "month", "reporting month",
               "time period", "date"],
    "year": ["financial year", "year", "fy", "reporting year"],
    # A column that varies within one item and period: kept as the frame's ``area`` column.
    "area": ["area", "area name", "local authority", "council", "authority", "ward", "locality", "provider",
             "provider name", "organisation", "organisation name", "la name", "geography"],
}


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

    @property
    def fields(self) -> set[str]:
        """Every field a header may be mapped to (plus ``ignore``)."""
        return set(self.headers) | set(self.extra_fields) | {f for seq in self.sequences.values() for f in seq}

    def band(self, label) -> str | None:
        """The prefix a band label over several columns gives them (``Inherent risk`` -> ``inherent``), if any."""
        if not self.bands:
            return None
        from .columns import normalise_header

        words = f" {normalise_header(label)} "
        for prefix, names in _band_words(self):
            if any(n in words for n in names):
                return prefix
        return None


_BAND_WORDS: dict[str, list] = {}


def _band_words(spec: KindSpec) -> list:
    """A kind's band names, normalised once: [(prefix, [" inherent risk ", ...]), ...]."""
    found = _BAND_WORDS.get(spec.name)
    if found is None:
        from .columns import normalise_header

        found = _BAND_WORDS[spec.name] = [(p, [f" {normalise_header(n)} " for n in names]) for p, names in spec.bands.items()]
    return found


MILESTONES = KindSpec(
    name="milestones",
    noun="milestone",
    headers={
        "milestone_id": ["ref", "reference", "id", "no", "number", "ref no", "milestone ref", "milestone id", "milestone no",
                         "action ref", "action no", "action id", "code", "milestone number", "item", "item no"],
        "title": ["milestone", "action", "milestone action", "action milestone", "milestone action project", "project",
                  "milestone description", "action description", "description", "title", "deliverable", "activity",
                  "key action", "commitment", "key milestone", "milestones", "actions", "what we will do", "task"],
        "due_date": ["due date", "target date", "deadline", "due", "completion date", "target completion date", "end date",
                     "date due", "due by", "target completion", "timescale", "delivery date", "by when"],
        "status": ["status", "rag", "rag status", "progress status", "overall status", "current status", "rating",
                   "rag rating", "rag rating status", "delivery status"],
        **SHARED_HEADERS,
    },
    required=("title",),
    values=("status",),
    period_fields=("status", "commentary"),
    bare_period_field="status",
    key_field="title",
    id_field="milestone_id",
    id_prefix="M",
    status_field="status",
    describe="a milestone/action column and a status column",
)

MEASURES = KindSpec(
    name="measures",
    noun="measure",
    headers={
        "measure_id": ["ref", "reference", "id", "no", "code", "pi ref", "kpi ref", "indicator ref", "measure ref",
                       "pi code", "kpi code", "indicator code", "measure id", "kpi no", "pi no", "measure code"],
        "name": ["measure", "indicator", "kpi", "performance indicator", "measure name", "indicator name", "measure title",
                 "description", "title", "pi", "measure description", "kpi description", "indicator description",
                 "performance measure", "kpi name", "pi description", "measures", "indicators"],
        "unit": ["unit", "units", "unit of measure", "measure type", "format", "measure unit", "unit type"],
        "polarity": ["polarity", "good performance is", "good performance", "direction", "good is", "aim",
                     "better if", "desired direction", "higher or lower is better", "higher is better",
                     "is higher better", "what good looks like", "ranking type", "good direction", "direction of good",
                     "better", "better high low", "better is", "good when", "which is better", "higher lower better",
                     "good is higher lower", "good is high low", "polarity high low", "polarity higher lower",
                     "higher or lower", "high or low", "good performance higher lower", "is good high or low"],
        "frequency": ["frequency", "reporting frequency", "collected", "periodicity", "collection frequency", "reported"],
        "target": ["target", "annual target", "target value", "year target", "year end target", "targets",
                   "profile", "profiled target", "target profile", "cumulative target", "profile target"],
        "tolerance": ["tolerance", "threshold", "amber threshold", "tolerance level", "amber tolerance"],
        "actual": ["actual", "value", "outturn", "result", "performance", "actuals", "outturns", "data", "figure"],
        "reported_status": ["status", "rag", "rag status", "rating", "rag rating", "performance status"],
        # Service plans (perfkit.analyse.annual): the officer's own verdict and trend word, checked against the numbers.
        "reported_level": ["level achieved", "achieved", "target achieved", "target met", "met", "achievement",
                           "level of achievement", "achieved or not", "met target", "target achieved or not"],
        "reported_trend": ["trend", "direction of travel", "dot", "trend direction", "improvement trend", "annual trend",
                           "trend arrow", "trend on last year", "trend since last year"],
        "cumulative": ["cumulative", "cumulative measure", "is cumulative", "cumulative y n", "cumulative or snapshot",
                       "ytd or snapshot", "cumulative snapshot"],
        **SHARED_HEADERS,
    },
    required=("name",),
    values=("actual", "target"),
    period_fields=("actual", "target", "reported_status", "commentary", "tolerance", "reported_level", "reported_trend"),
    bare_period_field="actual",
    key_field="name",
    id_field="measure_id",
    id_prefix="K",
    status_field="reported_status",
    numeric_fields=("actual", "target", "tolerance"),
    describe="a measure/indicator column and an actual or target column",
)

_KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Make a kind known to the engine, the inventory, ``--kind`` and ``perfkit.toml``."""
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
    return list(_KINDS)


register(MILESTONES)
register(MEASURES)
