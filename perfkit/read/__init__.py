"""Reading: workbooks in, tidy frames out, with every problem named by its cell.

The way down, from the public readers to the cells:

- :mod:`perfkit.read.reader`: :func:`read_workbook` and :func:`validate`, every sheet of a workbook;
- :mod:`perfkit.read.kinds`: one module per kind (milestones, measures, actions, risks,
  comparators, service-plan columns), each its header words and its frame builder;
- :mod:`perfkit.read.engine`: the survey (which kind each sheet holds), reading one kind
  from every sheet it fits, and the value rules the builders share;
- :mod:`perfkit.read.layout` and :mod:`perfkit.read.columns`: tables, headers, sections,
  merged cells and period columns; :mod:`perfkit.read.spec`: what a kind is;
- :mod:`perfkit.read.workbook` and :mod:`perfkit.read.safety`: opening a file within bounds.

Nothing here imports from :mod:`perfkit.analyse`, :mod:`perfkit.present` or :mod:`perfkit.publish`.
"""

from perfkit.read.kinds.actions import read_actions
from perfkit.read.kinds.comparators import read_comparators
from perfkit.read.kinds.measures import read_measures
from perfkit.read.kinds.milestones import read_milestones
from perfkit.read.kinds.risks import read_risks
from perfkit.read.reader import read_workbook, validate

__all__ = ["read_actions", "read_comparators", "read_measures", "read_milestones", "read_risks", "read_workbook", "validate"]
