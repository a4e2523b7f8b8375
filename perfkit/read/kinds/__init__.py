"""Every kind of table perfkit reads, one module each: its spec (header words) and its frame builder.

A kind's module declares a :class:`~perfkit.read.spec.KindSpec` whose ``build`` turns the
rows the layout engine located into the kind's tidy frame, and a ``read_<kind>`` function.
:data:`KINDS` lists them; this package registers each with the engine, in this order, which
is also the order the survey tries them in. A new kind is a new module here and one more
entry in :data:`KINDS` (see ``docs/architecture.md``).

Comparator tables (:mod:`perfkit.read.kinds.comparators`) are published files read on their
own, not sheets of a council's workbook, so they are not surveyed. Service-plan columns
(:mod:`perfkit.read.kinds.service_plans`) are read by the measures builder.

Examples
--------
>>> from perfkit.read.kinds import KINDS
>>> [spec.name for spec in KINDS]
['milestones', 'measures', 'actions', 'risks']
"""

from perfkit.read.kinds.actions import ACTIONS
from perfkit.read.kinds.measures import MEASURES
from perfkit.read.kinds.milestones import MILESTONES
from perfkit.read.kinds.risks import RISKS
from perfkit.read.spec import register

KINDS = (MILESTONES, MEASURES, ACTIONS, RISKS)

for _spec in KINDS:
    register(_spec)
