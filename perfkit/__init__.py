"""perfkit: a UK council's quarterly performance workbooks in, a publishable briefing out.

The public API is small; everything else lives in one module per job, in one package per
step of the flow: ``core``, ``read``, ``analyse``, ``present``, ``publish`` and ``cli``
(see docs/architecture.md).

Examples
--------
>>> import perfkit
>>> perfkit.period_label(perfkit.parse_period("Q2 23/24"))
'2023/24 Q2'
"""

import sys
from importlib import import_module
from importlib.abc import Loader, MetaPathFinder
from importlib.util import spec_from_loader
from types import ModuleType

# Names are imported on first use (PEP 562), so that `perfkit brief` and `perfkit --help`
# start without loading pandas in the calling process; `import perfkit` stays cheap.
_EXPORTS = {
    "core.errors": ["ConfigError", "LayoutError", "PerfkitError", "PeriodError", "Problem", "Report", "ValidationError", "WorkbookError"],
    "read.reader": ["read_workbook", "validate"],
    "read.several": ["read_workbooks"],
    "read.history": ["history"],
    "read.kinds.milestones": ["read_milestones"],
    "read.kinds.measures": ["read_measures"],
    "core.periods": ["financial_year", "parse_period", "parse_span", "period_label"],
    "core.status": ["DEFAULT_SCALE", "FIVE_POINT_SCALE", "Status", "StatusScale"],
    "analyse.assess": ["assess_measures"],
    "analyse.summarise": ["rag_summary", "golden_thread"],
    "analyse.attention": ["attention_list"],
    "analyse.trends": ["transitions", "transition_matrix", "rag_by_period", "streaks", "direction_of_travel"],
    "analyse.figures": ["quarter_figures", "Figures"],
    "publish.notebook": ["build_briefing", "publish_briefing"],
    "read.kinds.comparators": ["read_comparators"],
    "analyse.benchmarking": ["benchmark"],
    "core.config": ["load_config"],
    "read.kinds.actions": ["read_actions"],
    "analyse.actions": ["action_summary"],
    "read.kinds.risks": ["read_risks", "RiskMatrix"],
    "analyse.risks": ["risk_summary"],
}
_WHERE = {name: module for module, names in _EXPORTS.items() for name in names}

# Modules by the names they had before perfkit was arranged in layers, so that notebooks written
# against ``perfkit.charts`` or ``from perfkit import tables`` keep working.
MOVED = {
    "periods": "core.periods", "status": "core.status", "numbers": "core.numbers", "errors": "core.errors",
    "schema": "core.schema", "palette": "core.palette", "paths": "core.paths", "config": "core.config",
    "safety": "read.safety", "layout": "read.layout", "columns": "read.columns", "assess": "analyse.assess", "summarise": "analyse.summarise", "trends": "analyse.trends",
    "attention": "analyse.attention", "figures": "analyse.figures", "charts": "present.charts", "briefing": "present.briefing", "annual_report": "present.annual_report", "word": "publish.word",
    "pdf": "publish.pdf", "appendix": "publish.appendix", "export": "publish.export",
    "cli_report": "cli.report", "starter": "cli.starter",
}
# Modules whose parts went to several layers: the old name reaches the names of every part.
JOINED = {
    "load": ("read.reader", "read.engine", "read.kinds.milestones", "read.kinds.measures"),
    "risks": ("read.kinds.risks", "analyse.risks", "present.risks"),
    "actions": ("read.kinds.actions", "analyse.actions", "present.actions"),
    "benchmarking": ("read.kinds.comparators", "analyse.benchmarking", "present.benchmarking"),
    "annual": ("read.kinds.service_plans", "analyse.annual"),
    "spc": ("analyse.spc", "present.spc"),
    "narrative": ("present.narrative", "present.text"),
    "tables": ("present.tables", "present.text"),
    "kinds": ("read.spec", "read.kinds", "read.kinds.milestones", "read.kinds.measures"),
    "workbook": ("read.workbook", "core.errors"),
}


class _Joined(ModuleType):
    """One older module name over the modules its parts moved to (``perfkit.spc(...)`` still calls :func:`spc`)."""

    def __init__(self, name: str, parts: tuple[str, ...]):
        super().__init__(f"perfkit.{name}", f"Names of perfkit.{', perfkit.'.join(parts)}.")
        self._parts = parts

    def __getattr__(self, attr):
        for part in self._parts:
            module = import_module(f".{part}", __name__)
            if hasattr(module, attr):
                return getattr(module, attr)
        raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r}")

    def __call__(self, *args, **kwargs):
        return self.__getattr__(self.__name__.rpartition(".")[2])(*args, **kwargs)


def __getattr__(name):
    module = _WHERE.get(name)
    if module is None:
        if name in JOINED:
            value = _Joined(name, JOINED[name])
            globals()[name] = value
            return value
        try:  # submodules: perfkit.read, perfkit.present, and the older names in MOVED
            value = import_module(f".{MOVED.get(name, name)}", __name__)
        except ModuleNotFoundError:
            raise AttributeError(f"module 'perfkit' has no attribute {name!r}") from None
    else:
        value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


class _OlderNames(MetaPathFinder, Loader):
    """``import perfkit.charts`` and ``from perfkit.tables import for_display``, as notebooks written before the layers say."""

    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.partition(".")
        if package != __name__ or (name not in MOVED and name not in JOINED):
            return None
        return spec_from_loader(fullname, self)

    def create_module(self, spec):
        # A stand-in, never the module itself: the import system gives the module it returns this spec.
        name = spec.name.partition(".")[2]
        return _Joined(name, JOINED.get(name) or (MOVED[name],))

    def exec_module(self, module):
        pass


sys.meta_path.append(_OlderNames())


def __dir__():
    return sorted(set(globals()) | set(_WHERE))


__version__ = "0.1.0"

__all__ = sorted(_WHERE)
