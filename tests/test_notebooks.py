"""The notebooks run where officers open them: from notebooks/ (as JupyterLab does) and from any other folder.

Each is executed unchanged with nbclient, as JupyterLab would run it: no
parameters injected, so the defaults in its parameters cell must find the data.
"""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def _run(name: str, cwd, env_root: str | None = None):
    from perfkit.publish.notebook import _fast_imports, _this_environment_kernel

    _fast_imports()
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    saved = os.environ.pop("PERFKIT_ROOT", None)
    if env_root:
        os.environ["PERFKIT_ROOT"] = env_root
    try:
        with _this_environment_kernel():
            NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        os.environ.pop("PERFKIT_ROOT", None)
        if saved is not None:
            os.environ["PERFKIT_ROOT"] = saved
    return nb


def _errors(nb) -> list[str]:
    return [f"{o.get('ename')}: {o.get('evalue')}" for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_from_the_notebooks_folder(name):
    nb = _run(name, ROOT / "notebooks")
    assert not _errors(nb)
    assert sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code") >= 2


def test_runs_from_another_folder(tmp_path):
    """Started elsewhere (papermill or nbconvert from a scheduled job), the notebook still finds the project."""
    nb = _run("quarterly_briefing.ipynb", tmp_path)
    assert not _errors(nb)


def test_perfkit_root_points_elsewhere(tmp_path):
    """PERFKIT_ROOT wins: a project folder without the workbook gives the notebook's own clear error, not a silent default."""
    from nbclient.exceptions import CellExecutionError

    (tmp_path / "data" / "raw").mkdir(parents=True)
    with pytest.raises(CellExecutionError) as err:
        _run("measure_trends.ipynb", ROOT / "notebooks", env_root=str(tmp_path))
    assert err.value.ename == "WorkbookError"
    assert f"{tmp_path}/data/raw/sample_council_2023-24.xlsx: no such file" in err.value.evalue


def test_parameters_cells_use_project_paths():
    """Every default path in a parameters cell goes through in_project, so no notebook depends on its working folder."""
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1, name
        for line in params[0].source.splitlines():
            if '"data/' in line or "'data/" in line:
                assert "in_project(" in line, f"{name}: {line}"


def test_measure_trends_shows_every_quarter_the_history_store_holds(tmp_path, monkeypatch, sample_path):
    """With a store (PERFKIT_STORE, as `perfkit load` leaves data/processed/history), the last cell tabulates it."""
    from perfkit.cli import main

    store = tmp_path / "history"
    assert main(["load", str(sample_path), "--out", str(tmp_path / "out"), "--store", str(store)]) == 0
    monkeypatch.setenv("PERFKIT_STORE", str(store))
    nb = _run("measure_trends.ipynb", ROOT / "notebooks")
    assert not _errors(nb)
    last = nb.cells[-1]
    shown = "".join(o.get("data", {}).get("text/html", "") for o in last.get("outputs", []))
    assert "2022/23 Q1" in shown and "COM01" in shown
