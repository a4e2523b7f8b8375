"""Several workbooks read as one: a quarter's returns from every service, or several quarters' returns.

Councils often keep no single workbook: each directorate or service returns its own each quarter.
:func:`read_workbooks` takes files and folders (a folder gives the workbooks in it, by name), reads
each with its own settings (:func:`perfkit.read.reader.read_workbook`, its own ``perfkit.toml``) and
joins each kind into one frame:

- each row keeps the file it came from (``file``), and every cell named in a frame's ``source`` or
  a problem is written as Excel writes a cell of another workbook, ``[adults_q2.xlsx]Milestones!F6``;
- where the files name different directorates or services (in the file name, else the title rows,
  else the one sheet read), and a file's tables have no ``directorate`` column of their own, it is
  added from the file, so that ``--by directorate`` works; each choice is a note;
- the same reference given by two files for the same period is an error naming both cells, all
  such in one message;
- the inventory lists every sheet of every file, and every file in a folder not read.

One file given alone is read exactly as :func:`~perfkit.read.reader.read_workbook` reads it. Earlier
quarters held in the history store are added afterwards (:func:`perfkit.read.history.with_history`).

Examples
--------
>>> frames = read_workbooks(["data/raw/2024-25-q1/", "data/raw/2024-25-q2/"], store=False)  # doctest: +SKIP
>>> frames["milestones"].groupby(["directorate", "period"]).size()  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd

from perfkit.core.errors import ConfigError, LayoutError, PerfkitError, Problem, Report, SheetEntry, ValidationError, WorkbookError
from perfkit.core.paths import as_text
from perfkit.core.periods import period_label
from perfkit.read.history import MERGED, between_returns, store_path, with_history
from perfkit.read.reader import read_workbook, validate
from perfkit.read.spec import get_kind
from perfkit.read.workbook import open_workbook
from perfkit.read.workbook_layouts import directorate_of

# Files in a folder read as workbooks, by their names; any file given by name is read by its content.
FOLDER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")
# The most workbooks one reading takes: each is read within its own bounds (perfkit.read.safety); this bounds them together.
MAX_WORKBOOKS = 500
_TITLE_NOTE = "title rows above the header"  # the reader's note on a sheet's title rows: its value is their text


@dataclasses.dataclass
class Workbooks:
    """The files to read, each with the label that names it in cells (``adults_q2.xlsx``), and the folder entries not read."""

    files: list[Path]
    labels: dict[Path, str]
    skipped: list[SheetEntry]

    @property
    def one(self) -> bool:
        """Whether this is one workbook and nothing else: read exactly as a single path always was."""
        return len(self.files) == 1 and not self.skipped


def as_paths(paths) -> list:
    """``paths`` as a list: one path (str or Path) or several."""
    return list(paths) if isinstance(paths, (list, tuple)) else [paths]


def workbook_paths(paths) -> Workbooks:
    """The workbooks that files and folders give: a folder gives its files named like workbooks, in name order.

    Hidden files, Excel's lock files (``~$book.xlsx``), settings (``perfkit.toml``) and sub-folders in a
    folder are not read; the others not named like workbooks are listed as not read. A file given twice
    is read once.

    Raises
    ------
    WorkbookError
        A folder holds no workbook, or nothing at all was given.
    ConfigError
        More than :data:`MAX_WORKBOOKS` workbooks.
    """
    files: list[Path] = []
    skipped: list[SheetEntry] = []
    seen: set[Path] = set()
    given = as_paths(paths)
    if not given:
        raise WorkbookError("no workbook given", hint="Give one or more workbooks or folders of workbooks.")
    for p in given:
        p = Path(p)
        found = [p]
        if p.is_dir():
            found = []
            for child in sorted(p.iterdir(), key=lambda c: c.name.lower()):
                name = child.name
                if name.startswith((".", "~$")) or name.endswith("perfkit.toml"):
                    continue
                if child.is_dir():
                    skipped.append(SheetEntry(f"{p.name}/{name}/", None, 0, [], "not read", "a folder inside the folder given "
                                              "(give it as a path of its own to read it)"))
                elif child.suffix.lower() in FOLDER_SUFFIXES:
                    found.append(child)
                else:
                    skipped.append(SheetEntry(f"{p.name}/{name}", None, 0, [], "not read", f"not named like a workbook "
                                              f"({', '.join(FOLDER_SUFFIXES)}); give it by name to read it"))
            if not found:
                raise WorkbookError(f"{p}: the folder holds no workbook ({', '.join(FOLDER_SUFFIXES)})",
                                    hint="Give the folder the quarter's returns are in, or the workbooks themselves.")
        for f in found:
            key = f.resolve() if f.exists() else f
            if key not in seen:
                seen.add(key)
                files.append(f)
    if len(files) > MAX_WORKBOOKS:
        raise ConfigError(f"{len(files)} workbooks given: perfkit reads at most {MAX_WORKBOOKS} at once",
                          hint="Give the folders of fewer quarters at a time: `perfkit load` keeps each in the history store.")
    return Workbooks(files, file_labels(files), skipped)


class Returns(tuple):
    """Several workbooks or folders given as one (``perfkit brief`` on a quarter's returns): named for messages, and given to a
    notebook as the list of paths it reads with :func:`read_workbooks`."""

    @property
    def name(self) -> str:
        return ", ".join(p.name for p in self)

    def params(self) -> list[str]:
        """The paths, for a notebook's ``workbook`` parameter."""
        return [str(p) for p in self]

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self)


def opened(paths, config=None):
    """Check that every workbook given opens (within bounds), before a briefing's kernel starts: the one workbook's
    absolute path, or the paths given as :class:`Returns`.

    Raises
    ------
    WorkbookError
        One line naming the first file that is missing, empty, corrupt or too large.
    """
    books = workbook_paths(paths)
    for f in books.files:
        open_workbook(f, config).sheet_names
    if len(as_paths(paths)) == 1 and not Path(as_paths(paths)[0]).is_dir():
        return Path(books.files[0]).expanduser().resolve()
    return Returns(Path(p).expanduser().resolve() for p in as_paths(paths))


def file_labels(files: list[Path]) -> dict[Path, str]:
    """The name each file is known by: its name, or with its folder where two files share a name.

    Examples
    --------
    >>> file_labels([Path("q1/return.xlsx"), Path("q2/return.xlsx"), Path("q2/place.xlsx")])
    {PosixPath('q1/return.xlsx'): 'q1/return.xlsx', PosixPath('q2/return.xlsx'): 'q2/return.xlsx', PosixPath('q2/place.xlsx'): 'place.xlsx'}
    """
    names = [f.name for f in files]  # as text: a name the locale could not decode is read as the UTF-8 it is (core.paths.as_text)
    return {f: as_text(f.name if names.count(f.name) == 1 else f"{f.parent.name}/{f.name}") for f in files}


def in_file(label: str, where: str) -> str:
    """A cell (or sheet) of one of several workbooks, as Excel writes it: ``[adults_q2.xlsx]Milestones!F6``.

    Examples
    --------
    >>> in_file("adults_q2.xlsx", "Milestones!F6"), in_file("adults_q2.xlsx", "")
    ('[adults_q2.xlsx]Milestones!F6', '[adults_q2.xlsx]')
    """
    return f"[{label}]{where}"


def _prefixed(problems, label: str) -> list[Problem]:
    return [dataclasses.replace(p, source=in_file(label, p.source)) for p in problems]


def _entries(inventory, label: str) -> list[SheetEntry]:
    return [dataclasses.replace(e, sheet=in_file(label, e.sheet)) for e in inventory]


def _failure(label: str, exc: PerfkitError, severity: str = "error") -> Problem:
    first = str(exc).split("\n", 1)[0]
    return Problem(label, "", None, f"{first.removeprefix(label + ': ')} (`perfkit validate {label}` says more)", severity)


# --------------------------------------------------------------------------------------- the file's directorate


def _spoken(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"['’]", "", name.lower())).strip()


def file_directorate(path: Path, title: str = "", sheets: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """The directorate or service a return names, and where: its file name, else its title rows, else its one sheet.

    A file name's words take the title's spelling where the title names the same
    (``adult_social_care_q2.xlsx`` titled *Adult Social Care: Quarter 2* is ``Adult Social Care``).

    Examples
    --------
    >>> file_directorate(Path("adult_social_care_q2_2024-25.xlsx"), "Adult Social Care - Quarter 2 2024/25 return")
    ('Adult Social Care', 'the file name')
    >>> file_directorate(Path("q2_return.xlsx"), "Place: Quarter 2 2024/25")
    ('Place', 'the title rows')
    >>> file_directorate(Path("q2_return.xlsx"), "", ("Housing KPIs",))
    ('Housing', 'the sheet name')
    >>> file_directorate(Path("childrens_services_q2.xlsx"), "Children's Services | Quarter 2 return")[0]
    "Children's Services"
    """
    from_title = directorate_of(title) if title else None
    if from_title:  # "Children's Services |" from a title split over rows: the name without the separator
        from_title = from_title.strip(" |-–—:;,/") or None
    from_name = directorate_of(path.stem.replace("_", " "))
    if from_name:
        if from_title and _spoken(from_title) == _spoken(from_name):
            return from_title, "the file name"
        if from_name == from_name.lower():
            from_name = " ".join(w[:1].upper() + w[1:] for w in from_name.split())
        return from_name, "the file name"
    if from_title:
        return from_title, "the title rows"
    if len(sheets) == 1 and directorate_of(sheets[0]):
        return directorate_of(sheets[0]), "the sheet name"
    return None, ""


def _title(problems) -> str:
    return next((str(p.value) for p in problems if p.column == "" and p.message.startswith(_TITLE_NOTE) and p.value), "")


def _sheets_read(inventory) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.sheet for e in inventory if e.status == "read"))


def _directorates(books: list[tuple[Path, str, list, list]]) -> dict[str, tuple[str, str]]:
    """``{label: (directorate, where)}`` when every file names one and they name two at least; else ``{}``."""
    found = {label: file_directorate(path, _title(problems), _sheets_read(inventory)) for path, label, problems, inventory in books}
    if len(found) < 2 or any(d is None for d, _ in found.values()) or len({_spoken(d) for d, _ in found.values()}) < 2:
        return {}
    return found


# --------------------------------------------------------------------------------------- reading


def _read_each(books: Workbooks, kind: str | None, kwargs: dict, report_only: bool):
    """Read every file: ``(frames by file label, problems, inventory, items)``; failures become problems, never raised."""
    frames: dict[str, dict] = {}
    problems: list[Problem] = []
    inventory: list[SheetEntry] = []
    items: dict[str, int] = {}
    for path in books.files:
        label = books.labels[path]
        try:
            got = read_workbook(path, kind=kind, **kwargs)
        except ValidationError as exc:
            if report_only:  # the sheet inventory of a file with errors, as `perfkit validate` gives it alone
                report = validate(path, kind=kind, **kwargs)
                problems += _prefixed(report, label)
                inventory += _entries(report.inventory, label)
                for k, n in report.items.items():
                    items[k] = items.get(k, 0) + n
            else:
                problems += _prefixed(exc.problems, label)
                inventory.append(SheetEntry(in_file(label, ""), None, 0, [], "errors", "", "error"))
            continue
        except (LayoutError, WorkbookError) as exc:
            # With --kind, a return holding none of that kind is not read, said as a warning; anything else is an error.
            severity = "warning" if kind and isinstance(exc, LayoutError) else "error"
            problems.append(_failure(label, exc, severity))
            inventory.append(SheetEntry(in_file(label, ""), None, 0, [], "not read", str(exc).split("\n", 1)[0], severity))
            continue
        frames[label] = got
        first = next(iter(got.values()))
        problems += _prefixed(dict.fromkeys(p for f in got.values() for p in f.attrs.get("problems", [])), label)
        inventory += _entries(first.attrs.get("inventory", []), label)
    return frames, problems, inventory, items


def _clashes(parts: list[tuple[str, pd.DataFrame]], kind: str) -> list[Problem]:
    """The same reference for the same period from two files: one error each, naming both cells."""
    spec = get_kind(kind)
    ident = spec.id_field
    keyed = pd.concat([pd.DataFrame({"id": f[ident].astype(str).to_numpy(), "period": f["period"].to_numpy(),
                                     "source": f["source"].astype(str).to_numpy(), "file": label})
                       for label, f in parts if ident in f and "period" in f], ignore_index=True)
    if keyed.empty:
        return []
    keyed = keyed.drop_duplicates(["id", "period", "file"])
    twice = keyed[keyed.duplicated(["id", "period"], keep=False)]
    out = []
    for (ref, period), group in twice.groupby(["id", "period"], sort=False):
        cells = [in_file(f, s) for f, s in zip(group["file"], group["source"])]
        files = list(group["file"])
        out.append(Problem(
            cells[1], ident, ref,
            f"{spec.noun} {ref!r} for {period_label(period)} is in {' and '.join(files)} ({' and '.join(cells)}): two returns give "
            f"the same reference for the same quarter. If one file is a copy (last quarter's, or a draft), leave it out; if they "
            f"are different {spec.noun}s, give each its own reference in the returns, or a prefix in each file's settings: "
            f"[sheets.\"{cells[1].split(']', 1)[1].rsplit('!', 1)[0]}\"] prefix = \"...\" in {Path(files[1]).stem}.perfkit.toml",
        ))
    return out


def _join(parts: list[tuple[str, pd.DataFrame]], kind: str, named: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """One kind's frames from several files as one: ``file`` and ``directorate`` added, cells named with their file."""
    spec = get_kind(kind)
    shaped = []
    matrices: dict = {}  # each register's own risk matrix, by its sheet as the joined frame names it ([file]sheet)
    for label, f in parts:
        own = f.attrs.get("risk_matrices") or ({f.attrs.get("sheet", ""): f.attrs["risk_matrix"]} if "risk_matrix" in f.attrs else {})
        for sheet, m in own.items():
            for name in str(sheet).split(", "):
                matrices["[" + label + "]" + name] = m
        f = f.copy()
        f.attrs = {}
        f["source"] = "[" + label + "]" + f["source"].astype(str)
        if label in named and "directorate" not in f:
            cols = list(f.columns)
            after = [c for c in (spec.key_field, "priority", "lead", "owner", "due_date", "objective", "strategy", "tactic") if c in cols]
            f.insert(max((cols.index(c) for c in after), default=len(cols) - 1) + 1, "directorate", named[label][0])
        f["file"] = label
        shaped.append(f)
    _same_scale(shaped, spec)
    out = pd.concat(shaped, ignore_index=True, sort=False)
    if matrices:  # a register read from a folder keeps its own bands, as read from the file (perfkit.analyse.risks.registers)
        out.attrs["risk_matrices"] = matrices
        if len(set(matrices.values())) == 1:
            out.attrs["risk_matrix"] = next(iter(matrices.values()))
    return out


def _same_scale(frames: list[pd.DataFrame], spec) -> None:
    """Categorical columns of different files joined without losing their order: a status column must be on one scale.

    Raises
    ------
    ConfigError
        Two files' statuses are on different scales (one file's perfkit.toml says five-point, another's RAG).
    """
    for col in dict.fromkeys(c for f in frames for c in f.columns):
        dtypes = [f[col].dtype for f in frames if col in f]
        cats = [d for d in dtypes if isinstance(d, pd.CategoricalDtype)]
        if len(cats) < 2 or all(d == cats[0] for d in cats):
            continue
        if any(d.ordered for d in cats):
            files = [str(f["file"].iloc[0]) for f in frames if col in f and len(f)]
            raise ConfigError(f"the returns' {col} columns are on different status scales ({', '.join(files)}): their figures "
                              "cannot be added together",
                              hint="Give every return the same [status] scale in its perfkit.toml (scale = \"RAG\" or \"five-point\").")
        union = pd.api.types.union_categoricals([pd.Categorical([], dtype=d) for d in cats]).categories
        for f in frames:
            if col in f and isinstance(f[col].dtype, pd.CategoricalDtype):
                f[col] = f[col].cat.set_categories(union)


def _joined(books: Workbooks, per_file: dict, kinds: list[str]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Each kind's frames joined across the files read, with the notes saying each file's directorate and what moved
    between the returns (:func:`perfkit.read.history.between_returns`)."""
    named = _directorates([(p, books.labels[p], [q for f in per_file[books.labels[p]].values() for q in f.attrs.get("problems", [])],
                            next(iter(per_file[books.labels[p]].values())).attrs.get("inventory", []))
                           for p in books.files if books.labels[p] in per_file])
    notes = [Problem(in_file(label, ""), "directorate", d, f"read as the returns of {d!r}, from {where} (the files name different "
                     "directorates or services, and this one's tables have no directorate column)", "info")
             for label, (d, where) in named.items()]
    frames = {}
    for k in kinds:
        frames[k] = _join([(label, got[k]) for label, got in per_file.items() if k in got], k, named)
        if k in MERGED:
            notes += between_returns(frames[k], k, frames[k]["file"])
    return frames, notes


def _odd_quarters(per_file: dict, books: Workbooks) -> list[Problem]:
    """A return whose latest period is not the one most of the others in its folder report (last quarter's file left in
    this quarter's folder, a title not updated): a warning naming the file, for a figure counted in the wrong quarter is
    silently wrong. Folders are compared each on its own: ``Q1_FOLDER Q2_FOLDER`` is two quarters, as meant."""
    folder_of = {label: Path(path).parent for path, label in books.labels.items()}
    by_folder: dict = {}
    for label, got in per_file.items():
        periods = [p for f in got.values() if "period" in f for p in f["period"].dropna().unique()]
        if periods:
            by_folder.setdefault(folder_of.get(label), {})[label] = max(periods)
    out = []
    for latest in by_folder.values():
        if len(latest) < 3:
            continue
        counts = pd.Series(list(latest.values())).value_counts()
        usual = counts.index[0]
        if counts.iloc[0] <= len(latest) / 2:
            continue
        out += [Problem(label, "period", period_label(p), f"this return's latest period is {period_label(p)}, while "
                        f"{int(counts.iloc[0])} of the {len(latest)} returns in its folder report {period_label(usual)}: check it "
                        "is this period's return (its title and file name), or take it out of the folder", "warning")
                for label, p in latest.items() if p != usual]
    return out


def read_workbooks(paths, kind: str | None = None, store=None, **kwargs) -> dict[str, pd.DataFrame]:
    """Read one workbook, or several (files and folders) as one: ``{"milestones": frame, ...}``.

    Parameters
    ----------
    paths : str, Path or list of them
        Workbooks, and folders whose workbooks are read (each with its own settings).
    kind : str, optional
        Read only this kind; a file holding none of it is left out, said as a warning.
    store : str, Path, False or None
        The history store whose earlier quarters are added where the workbooks hold none
        (:func:`perfkit.read.history.with_history`): None is the default store if there is one,
        False none.
    **kwargs
        Passed to each file's reading (sheet, columns, year, period, scale, header_row, config).

    Raises
    ------
    ValidationError
        Every error of every file, and every reference two files give for one period, in one message.
    """
    books = workbook_paths(paths)
    if books.one:
        return with_history(read_workbook(books.files[0], kind=kind, **kwargs), store)
    per_file, problems, inventory, _ = _read_each(books, kind, kwargs, report_only=False)
    inventory += books.skipped
    kinds = list(dict.fromkeys(k for got in per_file.values() for k in got))
    for k in kinds:
        problems += _clashes([(label, got[k]) for label, got in per_file.items() if k in got], k)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationError(f"{len(books.files)} workbooks", list(dict.fromkeys(problems)))
    if not per_file:
        raise LayoutError(f"none of the {len(books.files)} workbooks holds {kind or 'anything perfkit reads'}",
                          hint="\n".join(str(p) for p in problems[:10]))
    frames, notes = _joined(books, per_file, kinds)
    problems = list(dict.fromkeys([*problems, *notes, *_odd_quarters(per_file, books)]))
    for f in frames.values():
        f.attrs["problems"] = problems
        f.attrs["inventory"] = inventory
        f.attrs["workbook"] = ", ".join(per_file)
    return with_history(frames, store, checked=True)


def validate_workbooks(paths, kind: str | None = None, store=False, **kwargs) -> Report:
    """Every problem in one workbook or several, errors included, and every sheet of every file in ``inventory``.

    One workbook given alone is :func:`perfkit.read.reader.validate`. For several, each file is
    read with its own settings; a file that cannot be read is an error naming it; the same
    reference from two files for one period is an error naming both cells; what moved between
    the returns is said as :func:`read_workbooks` says it. With a ``store`` (None: the default
    store, where there is one), what :func:`read_workbooks` would say of it is said too: the
    quarters it would add, and what moved since them.
    """
    books = workbook_paths(paths)
    if books.one:
        report = validate(books.files[0], kind=kind, **kwargs)
        if not report.errors and store_path(store) is not None:
            got = with_history(read_workbook(books.files[0], kind=kind, **kwargs), store)
            report.extend(p for p in dict.fromkeys(q for f in got.values() for q in f.attrs.get("problems", [])) if p not in set(report))
        return report
    per_file, problems, inventory, items = _read_each(books, kind, kwargs, report_only=True)
    kinds = list(dict.fromkeys(k for got in per_file.values() for k in got))
    for k in kinds:
        parts = [(label, got[k]) for label, got in per_file.items() if k in got]
        problems += _clashes(parts, k)
        ident = get_kind(k).id_field
        items[k] = items.get(k, 0) + len(set().union(*(set(f[ident].astype(str)) for _, f in parts)))
    if not any(p.severity == "error" for p in problems):
        frames, notes = _joined(books, per_file, kinds)
        problems += notes
        if store_path(store) is not None:
            problems += [p for f in with_history(frames, store, checked=True).values() for p in f.attrs.get("problems", [])]
    out = Report(list(dict.fromkeys(problems)))
    out.inventory = inventory + books.skipped
    out.items = items
    return out
