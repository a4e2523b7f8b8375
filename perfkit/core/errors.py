"""Problems found in a workbook, and the exceptions that carry them.

Every reader collects every problem it finds in one pass (like pandera's lazy
validation) into a :class:`Report`. Problems of severity ``"error"`` make the
reader raise one :class:`ValidationError` listing all of them; warnings and
notes travel with the returned frame in ``frame.attrs["problems"]``.

Examples
--------
>>> from perfkit.core.errors import Problem, Report
>>> report = Report([Problem("Milestones!F6", "status", "Purple", "unknown status 'Purple'")])
>>> print(report)
Milestones!F6: unknown status 'Purple'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
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

    def __deepcopy__(self, memo) -> "Problem":
        # Frozen, so the same object serves: pandas deep-copies a frame's attrs (its problems) on every operation.
        return self


@dataclass(frozen=True)
class SheetEntry:
    """One sheet of a workbook in the inventory: what perfkit read from it, or why it read nothing.

    ``status`` is ``"read"``, ``"not read"`` or ``"errors"``; ``severity`` is that of the
    note when the sheet was not read (a tracker perfkit could not read is a warning).
    """

    sheet: str
    kind: str | None
    items: int
    periods: list
    status: str
    note: str = ""
    severity: str = "info"
    sections: tuple = ()

    def __deepcopy__(self, memo) -> "SheetEntry":
        return self  # as Problem: an inventory travels in every frame's attrs, copied on every operation

    def __str__(self) -> str:
        if self.status == "read":
            span = self.periods[0] if len(self.periods) == 1 else (f"{self.periods[0]} to {self.periods[-1]}" if self.periods else "no periods")
            under = ""
            if self.sections:
                shown = ", ".join(f"{name} ({n})" for name, n in self.sections[:6]) + (", ..." if len(self.sections) > 6 else "")
                under = f"; section headings: {shown}"
            kind = self.kind[:-1] if self.items == 1 and self.kind.endswith("s") else self.kind
            why = f"; {self.note}" if self.note else ""  # which evidence decided the kind, where more than one fitted
            return f"{self.sheet}: {self.items} {kind} ({span}){under}{why}"
        if self.status == "errors":
            return f"{self.sheet}: {self.kind}, not read because of the errors listed"
        return f"{self.sheet}: not read: {self.note}"


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\d+(?:\.\d+)?")
_CELL = re.compile(r"^(?P<sheet>.+)!(?P<col>[A-Z]+)(?P<row>\d+)$")


def summarise(problems: Iterable[Problem]) -> list[Problem]:
    """The same problem in many cells of one column as one line with the range and count.

    ``Measures!D5:D667: 663 cells: unknown status 'Purple' ...``: problems whose messages differ
    only in quoted values and numbers, in the same sheet and column, are folded into the
    first, naming the range and how many cells; the full list stays in the report. Problems
    that give a ``perfkit.toml`` line for their value are folded only with the same value, so
    each word's line is shown.

    Examples
    --------
    >>> ps = [Problem(f"KPIs!D{r}", "status", f"x{r}", f"unknown status 'x{r}'") for r in (5, 6, 7)]
    >>> [str(p) for p in summarise(ps)]
    ["KPIs!D5:D7: 3 cells: unknown status 'x5' (and 2 more like it)"]
    >>> ps = [Problem(f"KPIs!{c}5", "status", "Check", "unknown status 'Check': put this line in perfkit.toml ...") for c in "DE"]
    >>> [str(p) for p in summarise(ps)]
    ["KPIs!D5: 2 cells (D5, E5): unknown status 'Check': put this line in perfkit.toml ..."]
    """
    groups: dict = {}
    order = []
    for p in problems:
        m = _CELL.match(p.source)
        if not m:
            key = (id(p),)
        elif "perfkit.toml" in p.message:
            # a line to type for a word ('"Off track - major" = ""') is said once for each word, wherever it stands
            key = (p.severity, m["sheet"], "", p.message, str(p.value))
        else:
            key = (p.severity, m["sheet"], m["col"], _QUOTED.sub("_", p.message), "")
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(p)
    out = []
    for key in order:
        ps = groups[key]
        if len(ps) >= 2 and len({_CELL.match(p.source)["col"] for p in ps}) > 1:  # one word in several columns
            m = _CELL.match(ps[0].source)
            cells = ", ".join(p.source.rsplit("!", 1)[1] for p in ps[:6]) + ("..." if len(ps) > 6 else "")
            out.append(Problem(f"{m['sheet']}!{ps[0].source.rsplit('!', 1)[1]}", ps[0].column, ps[0].value,
                               f"{len(ps)} cells ({cells}): {ps[0].message}", ps[0].severity))
            continue
        if len(ps) < 3:
            out.extend(ps)
            continue
        rows = sorted(int(_CELL.match(p.source)["row"]) for p in ps)
        first = ps[0]
        m = _CELL.match(first.source)
        where = f"{m['sheet']}!{m['col']}{rows[0]}:{m['col']}{rows[-1]}"
        alike = "" if all(p.message == first.message for p in ps) else f" (and {len(ps) - 1} more like it)"  # else all the same
        out.append(Problem(where, first.column, first.value, f"{len(ps)} cells: {first.message}{alike}", first.severity))
    return out


class Report:
    """An ordered collection of :class:`Problem`, printable as one message.

    ``inventory`` lists every sheet of the workbook (:class:`SheetEntry`) when the report
    comes from :func:`perfkit.validate`, and ``items`` the number of distinct items of each
    kind (one item on several sheets, a tab per quarter, counts once).
    """

    def __init__(self, problems: Iterable[Problem] = ()):
        self._problems: list[Problem] = list(problems)
        self.inventory: list[SheetEntry] = []
        self.items: dict[str, int] = {}

    def add(self, source, column, value, message, severity="error") -> None:
        """Record one problem."""
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {severity!r}")
        self._problems.append(Problem(source, column, value, message, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._problems.extend(problems)

    def drop(self, unwanted) -> None:
        """Forget the problems for which ``unwanted(problem)`` is true (a note a later reading made wrong)."""
        self._problems = [p for p in self._problems if not unwanted(p)]

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
        import pandas as pd  # deferred: keeps `perfkit --help` from loading pandas

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

    hint = "Name the sheet with --sheet, say what its columns hold with --map 'Header=field' or in perfkit.toml (`perfkit init` writes one), or give the year with --year."


class ValidationError(PerfkitError):
    """Cells hold values perfkit cannot accept; ``problems`` lists every one with its cell."""

    def __init__(self, path: str, problems: Iterable[Problem]):
        problems = list(problems)
        errors = [p for p in problems if p.severity == "error"]
        shown = summarise(errors)
        lines = "\n".join(f"  {p}" for p in shown)
        noun = "problem" if len(shown) == 1 else "problems"
        cells = f" (in {len(errors)} cells)" if len(errors) > len(shown) else ""  # one line for a word in many cells
        super().__init__(
            f"{path}: {len(shown)} {noun}{cells} to fix before perfkit can use this workbook:\n{lines}",
            problems,
            hint="Correct these cells in the workbook (or say what a column holds in perfkit.toml) and run again.",
        )


class PeriodError(PerfkitError, ValueError):
    """Text that is not a period perfkit can read."""

    hint = "Write periods like '2023/24 Q2', 'Q2 2023/24', 'Jul-Sep 2023' or a date."


class ConfigError(PerfkitError, ValueError):
    """An argument or mapping given to perfkit is not usable."""


# ---------------------------------------------------------------------------------------------- naming cells


@lru_cache(maxsize=1024)
def col_letter(col: int) -> str:
    """Column letters for a 0-based column index (0 -> A, 26 -> AA); openpyxl is not imported for this."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(sheet: str, row: int, col: int) -> str:
    """``Sheet!A1`` for 0-based row and column."""
    return f"{sheet}!{col_letter(col)}{row + 1}"
