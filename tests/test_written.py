"""The record of the files `perfkit brief` wrote (.perfkit-written.json): never trusted when it does not match the files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from perfkit.core.errors import ConfigError
from perfkit.publish import written
from perfkit.publish.written import WRITTEN, own_files, read_record, record_written, refuse_existing

WORKBOOK = Path("/data/q2.xlsx")
NOTEBOOK = Path("/nb/quarterly_briefing.ipynb")


@pytest.fixture
def folder(tmp_path):
    """A folder holding the two files an earlier brief wrote, and its record of them."""
    out = tmp_path / "out"
    out.mkdir()
    placed = []
    for name in ("c-briefing-2023-24-q2.html", "c-briefing-2023-24-q2-checks.html"):
        (out / name).write_text(f"<p>{name}</p>", encoding="utf-8")
        placed.append(out / name)
    record_written(placed, WORKBOOK, "2023/24 Q2", NOTEBOOK)
    return out


def _targets(out: Path) -> dict:
    return {"html": out / "c-briefing-2023-24-q2.html", "checks": out / "c-briefing-2023-24-q2-checks.html"}


def test_its_own_unchanged_set_is_replaced(folder):
    assert refuse_existing(_targets(folder), WORKBOOK, "2023/24 Q2", NOTEBOOK) == list(_targets(folder).values())


@pytest.mark.parametrize("spoil, said", [
    (lambda out: (out / WRITTEN).write_text("{ not json", encoding="utf-8"),
     f"{WRITTEN} is not valid JSON (edited by hand, or damaged), so perfkit cannot tell whether brief wrote it"),
    (lambda out: (out / WRITTEN).write_text('["a list"]', encoding="utf-8"), "does not hold the record perfkit writes"),
    (lambda out: (out / WRITTEN).write_text(json.dumps({}), encoding="utf-8"), f"not in {WRITTEN} (not written by brief here)"),
    (lambda out: [os.unlink(out / WRITTEN), os.mkfifo(out / WRITTEN)], "is not a regular file"),
])
def test_a_record_that_cannot_be_trusted_is_said_and_nothing_is_replaced(folder, spoil, said):
    spoil(folder)
    with pytest.raises(ConfigError) as caught:
        refuse_existing(_targets(folder), WORKBOOK, "2023/24 Q2", NOTEBOOK)
    message = str(caught.value)
    assert message.startswith("would replace ") and said in message
    assert all(str(p) in message for p in _targets(folder).values())
    assert "--force" in caught.value.hint and len(message.splitlines()) <= 2


def test_each_file_is_named_with_its_own_reason(folder):
    """A stale record (the files were replaced since it was written) names each file with why it is not brief's own."""
    html = _targets(folder)["html"]
    html.write_text("<p>replaced by hand</p>", encoding="utf-8")
    record = json.loads((folder / WRITTEN).read_text(encoding="utf-8"))
    record[_targets(folder)["checks"].name]["period"] = "2023/24 Q1"
    (folder / WRITTEN).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        refuse_existing(_targets(folder), WORKBOOK, "2023/24 Q2", NOTEBOOK)
    lines = str(caught.value).splitlines()
    assert lines[0] == "would replace 2 files that brief cannot show it wrote from this workbook for this period:"
    assert lines[1] == f"  {html}: changed since brief wrote it (it no longer matches {WRITTEN})"
    assert lines[2] == f"  {_targets(folder)['checks']}: written by brief for another period (2023/24 Q1)"


def test_another_workbook_or_notebook_is_named(folder):
    _, others = own_files(_targets(folder), Path("/data/other.xlsx"), "2023/24 Q2", NOTEBOOK)
    assert set(others.values()) == {"written by brief from another workbook (q2.xlsx)"}
    _, others = own_files(_targets(folder), WORKBOOK, "2023/24 Q2", Path("/elsewhere/my_briefing.ipynb"))
    assert set(others.values()) == {"written by brief with another notebook (quarterly_briefing.ipynb)"}
    # perfkit's own notebooks are one briefing of this workbook and period, whichever the workbook turned out to need
    mine, others = own_files(_targets(folder), WORKBOOK, "2023/24 Q2", Path("/nb/action_plan.ipynb"))
    assert mine and not others


def test_a_record_that_cannot_be_updated_is_said_in_one_line(folder, monkeypatch):
    """As with an immutable .perfkit-written.json: the files are in place, but the next run will need --force; say so."""
    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(folder / WRITTEN))

    monkeypatch.setattr(written, "atomic_path", refused)
    said = []
    record_written(list(_targets(folder).values()), WORKBOOK, "2023/24 Q2", NOTEBOOK, say=said.append)
    assert said == [f"note: could not update {folder / WRITTEN} (operation not permitted): the files are written, but the next "
                    "`perfkit brief` here cannot tell they are its own and will ask for --force to replace them"]


def test_an_unreadable_record_replaced_under_force_is_said_and_gone_files_are_dropped(folder):
    (folder / WRITTEN).write_text("{ not json", encoding="utf-8")
    said = []
    record_written([_targets(folder)["html"]], WORKBOOK, "2023/24 Q2", NOTEBOOK, say=said.append)
    assert said == [f"note: {folder / WRITTEN} is not valid JSON (edited by hand, or damaged): it is replaced by a record of the "
                    "files just written"]
    _targets(folder)["checks"].unlink()
    record_written([_targets(folder)["html"]], WORKBOOK, "2023/24 Q2", NOTEBOOK)
    assert list(read_record(folder).entries) == [_targets(folder)["html"].name]
