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
from .assess import assess_measures
from .attention import attention_list
from .figures import Figures, quarter_figures
from .load import read_measures, read_milestones, read_workbook, validate
from .periods import financial_year, parse_period, parse_span, period_label
from .status import DEFAULT_SCALE, FIVE_POINT_SCALE, Status, StatusScale
from .summarise import golden_thread, rag_summary
from .trends import direction_of_travel, rag_by_period, streaks, transition_matrix, transitions

__version__ = "0.1.0"

__all__ = [
    "ConfigError", "LayoutError", "PerfkitError", "PeriodError", "Problem", "Report", "ValidationError", "WorkbookError",
    "read_measures", "read_milestones", "read_workbook", "validate",
    "financial_year", "parse_period", "parse_span", "period_label",
    "DEFAULT_SCALE", "FIVE_POINT_SCALE", "Status", "StatusScale",
    "assess_measures", "rag_summary", "golden_thread", "attention_list",
    "transitions", "transition_matrix", "rag_by_period", "streaks", "direction_of_travel",
    "quarter_figures", "Figures",
]
