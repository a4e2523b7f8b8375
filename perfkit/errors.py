"""Problems found in a workbook, and the exceptions that carry them.

Every reader collects every problem it finds in one pass (like pandera's lazy
validation) into a :class:`Report`. Problems of severity ``"error"`` make the
reader raise one :class:`ValidationError` listing all of them; warnings and
notes travel with the returned frame in ``frame.attrs["problems"]``.

Examples
--------
>>> from perfkit.errors import Problem, Report
>>> report = Report([Problem("Milestones!F6", "status", "Purple", "unknown status 'Purple'")])
>>> print(report)
Milestones!F6: unknown status 'Purple'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    import pandas as pd

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with, or worth knowing about, one place in a workbook.

    Parameters
    ----------
    source : str
        Where it is, as ``Sheet!A1`` (or a range, or the file's name).
    column : str
        The tidy column it concerns (``status``, ``actual``, ...) or ``""``.
    value : object
        The value as it was in the cell.
    message : str
        What is wrong and, where it helps, how to put it right.
    severity : {"error", "warning", "info"}
        Errors stop the load; warnings and notes travel with the frame.
    """

    source: str
    column: str
    value: object
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class Report:
    """An ordered collection of :class:`Problem`, printable as one message."""

    def __init__(self, problems: Iterable[Problem] = ()):
        self._problems: list[Problem] = list(problems)

    def add(self, source, column, value, message, severity="error") -> None:
        """Record one problem."""
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {severity!r}")
        self._problems.append(Problem(source, column, value, message, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._problems)

    def __len__(self) -> int:
        return len(self._problems)

    def __bool__(self) -> bool:
        return bool(self._problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self._problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self._problems if p.severity == "warning"]

    def to_frame(self) -> "pd.DataFrame":
        """The problems as a DataFrame with columns source, column, value, message, severity."""
        import pandas as pd

        cols = ["source", "column", "value", "message", "severity"]
        return pd.DataFrame([asdict(p) for p in self._problems], columns=cols)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)

    def __repr__(self) -> str:
        return f"Report({len(self.errors)} errors, {len(self.warnings)} warnings, {len(self)} in all)"


class PerfkitError(Exception):
    """Base class of every error perfkit raises on purpose.

    Each carries the ``problems`` behind it and a ``hint`` saying how to fix it.
    """

    hint = ""

    def __init__(self, message: str, problems: Iterable[Problem] = (), hint: str | None = None):
        self.problems = list(problems)
        if hint is not None:
            self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}\n{self.hint}" if self.hint else text


class WorkbookError(PerfkitError):
    """The file cannot be read at all: missing, empty, encrypted, corrupt or not a spreadsheet."""


class LayoutError(PerfkitError):
    """The workbook opens, but perfkit cannot find the table in it (sheet, header row, year)."""

    hint = "Name the sheet with sheet=, map the headers with columns=, or give the year with year=."


class ValidationError(PerfkitError):
    """Cells hold values perfkit cannot accept; ``problems`` lists every one with its cell."""

    def __init__(self, path: str, problems: Iterable[Problem]):
        problems = list(problems)
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(f"  {p}" for p in errors)
        noun = "problem" if len(errors) == 1 else "problems"
        super().__init__(
            f"{path}: {len(errors)} {noun} to fix before perfkit can use this workbook:\n{lines}",
            problems,
            hint="Correct these cells in the workbook (or map the columns with columns=) and run again.",
        )


class PeriodError(PerfkitError, ValueError):
    """Text that is not a period perfkit can read."""

    hint = "Write periods like '2023/24 Q2', 'Q2 2023/24', 'Jul-Sep 2023' or a date."


class ConfigError(PerfkitError, ValueError):
    """An argument or mapping given to perfkit is not usable."""
