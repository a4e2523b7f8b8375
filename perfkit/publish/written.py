"""The record of the files ``perfkit brief`` wrote in a folder (``.perfkit-written.json``), and what it lets a run replace.

Running ``brief`` again on the same workbook and period replaces its own set (as make, nbconvert
and Quarto do), never a file it did not write or one changed since: the record holds, for each file
it put in place, the workbook, the period, the notebook and a SHA-256 fingerprint. A record that
does not match the files (a file changed since, a record edited by hand, not valid JSON, one that
could not be updated after a run) is never trusted silently: the refusal says, one line per file,
why each file is not known to be brief's own, and that ``--force`` replaces it.

Examples
--------
>>> from pathlib import Path
>>> print(refusal({Path("reports/b.html"): "not in .perfkit-written.json (not written by brief here)"}))
would replace reports/b.html: not in .perfkit-written.json (not written by brief here)
Pass --force to replace it, or --out another folder to keep both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from perfkit.core.errors import ConfigError
from perfkit.core.paths import atomic_path

WRITTEN = ".perfkit-written.json"
MAX_RECORD = 16 * 1024 * 1024  # far more than any folder's record: a larger one is not perfkit's


def fingerprint(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Record:
    """A folder's record: ``entries`` by file name, and ``problem`` when it could not be read as perfkit writes it."""

    folder: Path
    entries: dict = field(default_factory=dict)
    problem: str | None = None

    @property
    def path(self) -> Path:
        return self.folder / WRITTEN


def _print_of(path: Path) -> str | None:
    """A file's fingerprint, or None where it cannot be read."""
    try:
        return fingerprint(path)
    except OSError:
        return None


def read_record(folder: Path) -> Record:
    """The record in ``folder``: empty when there is none; with its ``problem`` when it is not what perfkit writes."""
    path = Path(folder) / WRITTEN
    if not path.exists() and not path.is_symlink():
        return Record(Path(folder))
    try:
        if not path.is_file():
            return Record(Path(folder), problem="is not a regular file")
        if path.stat().st_size > MAX_RECORD:
            return Record(Path(folder), problem="is far larger than any record perfkit writes")
        found = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return Record(Path(folder), problem=f"cannot be read ({(exc.strerror or str(exc)).lower()})")
    except (ValueError, UnicodeDecodeError):
        return Record(Path(folder), problem="is not valid JSON (edited by hand, or damaged)")
    if not isinstance(found, dict) or not all(isinstance(v, dict) for v in found.values()):
        return Record(Path(folder), problem="does not hold the record perfkit writes (edited by hand?)")
    return Record(Path(folder), found)


def not_own(path: Path, record: Record, workbook: Path, label: str | None, notebook: Path | None) -> str | None:
    """Why an existing ``path`` is not known to be a file ``brief`` wrote from this workbook for this period, unchanged
    since; None when it is."""
    if record.problem:
        return f"{WRITTEN} {record.problem}, so perfkit cannot tell whether brief wrote it"
    rec = record.entries.get(path.name)
    if rec is None:
        return f"not in {WRITTEN} (not written by brief here)"
    if rec.get("workbook") != str(workbook):
        return f"written by brief from another workbook ({Path(str(rec.get('workbook'))).name})"
    if label is None or rec.get("period") != label:
        return f"written by brief for another period ({rec.get('period')})"
    recorded = rec.get("notebook")
    if recorded != (str(notebook) if notebook else None) and not (
            recorded and notebook and Path(str(recorded)).parent == Path(notebook).parent):
        # perfkit's own notebooks (the quarterly briefing, an action plan's, a register's) are one briefing of this
        # workbook and period, whichever the workbook turned out to need; a notebook from elsewhere is not
        return f"written by brief with another notebook ({Path(str(recorded)).name})"
    try:
        same = rec.get("sha256") == fingerprint(path)
    except OSError as exc:
        return f"cannot be read to check it ({(exc.strerror or str(exc)).lower()})"
    return None if same else f"changed since brief wrote it (it no longer matches {WRITTEN})"


def own_files(targets: dict, workbook: Path, label: str | None, notebook: Path | None = None) -> tuple[list[Path], dict[Path, str]]:
    """Of the targets that exist, those an earlier ``brief`` wrote from this workbook for this period with this notebook
    (a quarterly briefing never replaces an annual report), unchanged since; and why each other one is not."""
    mine, others, records = [], {}, {}
    for path in targets.values():
        path = Path(path)
        if not (path.exists() or path.is_symlink()):
            continue
        record = records.setdefault(path.parent, read_record(path.parent))
        why = not_own(path, record, workbook, label, notebook) if path.is_file() else "it is not a file"
        if why is None:
            mine.append(path)
        else:
            others[path] = why
    return mine, others


def refusal(others: dict[Path, str]) -> ConfigError:
    """The refusal to replace files ``brief`` cannot show it wrote: one line naming each file (or the files) and why."""
    them = "them" if len(others) > 1 else "it"
    hint = f"Pass --force to replace {them}, or --out another folder to keep both."
    reasons = set(others.values())
    if len(reasons) == 1:
        names = ", ".join(str(p) for p in others)
        return ConfigError(f"would replace {names}: {reasons.pop()}", hint=hint)
    lines = "\n".join(f"  {p}: {why}" for p, why in others.items())
    return ConfigError(f"would replace {len(others)} files that brief cannot show it wrote from this workbook for this period:\n{lines}",
                       hint=hint)


def refuse_existing(targets: dict, workbook: Path, label: str | None, notebook: Path | None = None) -> list[Path]:
    """Raise :func:`refusal` for any existing target that is not brief's own; return those that are."""
    mine, others = own_files(targets, workbook, label, notebook)
    if others:
        raise refusal(others)
    return mine


def record_written(placed: list[Path], workbook: Path, label: str, notebook: Path | None = None, say=None) -> None:
    """Add the files just put in place to their folder's record, written atomically.

    Entries for files no longer in the folder are dropped. What the record could not be, or could
    not become, is said (``say``) in one line: a record that cannot be read is replaced by one of
    these files, and one that cannot be written leaves the next run asking for ``--force``.
    """
    say = say or (lambda message: None)
    for folder in dict.fromkeys(p.parent for p in placed):
        record = read_record(folder)
        if record.problem:
            say(f"note: {record.path} {record.problem}: it is replaced by a record of the files just written")
        entries = {name: rec for name, rec in record.entries.items() if (folder / name).is_file()}
        # The same briefing's earlier set, less what this run made (an appendix not asked for this time): removed, so that
        # the folder never holds last run's .xlsx beside this run's page. Only a file still as brief wrote it.
        names = {p.name for p in placed if p.parent == folder}
        for name, rec in list(entries.items()):
            if (name not in names and isinstance(rec, dict) and rec.get("workbook") == str(workbook) and rec.get("period") == label
                    and rec.get("notebook") == (str(notebook) if notebook else None) and rec.get("sha256") == _print_of(folder / name)):
                try:
                    (folder / name).unlink()
                    del entries[name]
                    say(f"note: removed {folder / name}, written by the last run of this briefing and not asked for this time")
                except OSError:
                    pass
        for path in placed:
            if path.parent == folder:
                entries[path.name] = {"workbook": str(workbook), "period": label, "notebook": str(notebook) if notebook else None,
                                      "sha256": fingerprint(path), "written": dt.datetime.now().isoformat(timespec="seconds")}
        try:
            with atomic_path(record.path) as tmp:
                tmp.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
        except OSError as exc:
            say(f"note: could not update {record.path} ({(exc.strerror or str(exc)).lower()}): the files are written, but the "
                "next `perfkit brief` here cannot tell they are its own and will ask for --force to replace them")
