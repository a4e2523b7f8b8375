"""perfkit: a UK council's quarterly performance workbooks in, a publishable briefing out.

The public API is small; everything else lives in one module per job.

Examples
--------
>>> import perfkit
>>> perfkit.period_label(perfkit.parse_period("Q2 23/24"))
'2023/24 Q2'
"""

from .errors import (
    ConfigError,
    LayoutError,
    PerfkitError,
    PeriodError,
    Problem,
    Report,
    ValidationError,
    WorkbookError,
)
from .load import read_measures, read_milestones, read_workbook, validate
from .periods import financial_year, parse_period, parse_span, period_label
from .status import DEFAULT_SCALE, FIVE_POINT_SCALE, Status, StatusScale

__version__ = "0.1.0"

__all__ = [
    "ConfigError", "LayoutError", "PerfkitError", "PeriodError", "Problem", "Report", "ValidationError", "WorkbookError",
    "read_measures", "read_milestones", "read_workbook", "validate",
    "financial_year", "parse_period", "parse_span", "period_label",
    "DEFAULT_SCALE", "FIVE_POINT_SCALE", "Status", "StatusScale",
]
