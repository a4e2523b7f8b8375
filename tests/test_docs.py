"""The examples in the docstrings run: numpydoc examples are part of the documentation, so they are tested."""

import doctest
import importlib

import pytest

from conftest import ROOT

MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "perfkit").rglob("*.py")
    if p.stem != "__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name data/raw/... relative to the project root
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_no_merge_conflict_markers_are_committed():
    """A merge once left '<<<<<<< HEAD' in docs/architecture.md: every tracked text file is free of them."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = subprocess.run(["git", "ls-files", "*.py", "*.md", "*.toml", "*.ipynb", "*.cfg", "*.txt", "Makefile"], cwd=root,
                           capture_output=True, text=True, check=True).stdout.split()
    marked = [f for f in files if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in (root / f).read_text(errors="replace").splitlines())]
    assert not marked, marked
