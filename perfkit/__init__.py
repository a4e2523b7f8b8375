"""perfkit: a UK council's quarterly performance workbooks in, a publishable briefing out.

The public API is small; everything else lives in one module per job.

Examples
--------
>>> import perfkit
>>> perfkit.period_label(perfkit.parse_period("Q2 23/24"))
'2023/24 Q2'
"""

from importlib import import_module

# Names are imported on first use (PEP 562), so that `perfkit brief` and `perfkit --help`
# start without loading pandas in the calling process; `import perfkit` stays cheap.
_EXPORTS = {
    "errors": ["ConfigError", "LayoutError", "PerfkitError", "PeriodError", "Problem", "Report", "ValidationError", "WorkbookError"],
    "load": ["read_measures", "read_milestones", "read_workbook", "validate"],
    "periods": ["financial_year", "parse_period", "parse_span", "period_label"],
    "status": ["DEFAULT_SCALE", "FIVE_POINT_SCALE", "Status", "StatusScale"],
    "assess": ["assess_measures"],
    "summarise": ["rag_summary", "golden_thread"],
    "attention": ["attention_list"],
    "trends": ["transitions", "transition_matrix", "rag_by_period", "streaks", "direction_of_travel"],
    "figures": ["quarter_figures", "Figures"],
    "publish": ["build_briefing", "publish_briefing"],
    "benchmarking": ["read_comparators", "benchmark"],
    "config": ["load_config"],
    "actions": ["read_actions", "action_summary"],
    "risks": ["read_risks", "RiskMatrix", "risk_summary"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        try:
            return import_module(f".{name}", __name__)  # submodules: perfkit.charts, perfkit.tables...
        except ModuleNotFoundError:
            raise AttributeError(f"module 'perfkit' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_WHERE))


__version__ = "0.1.0"

__all__ = sorted(_WHERE)
