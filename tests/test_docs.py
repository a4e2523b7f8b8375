"""The examples in the docstrings run: numpydoc examples are part of the documentation, so they are tested."""

import doctest
import importlib

import pytest

from conftest import ROOT

MODULES = sorted(p.stem for p in (ROOT / "perfkit").glob("*.py") if p.stem not in ("__main__",))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name data/raw/... relative to the project root
    module = importlib.import_module(f"perfkit.{name}" if name != "__init__" else "perfkit")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
