"""The project's own set-up: dependency lists agree, make help works, notebooks are stored clean."""

import json
import re
import subprocess
import tomllib

from conftest import ROOT


def _names(specs):
    return {re.split(r"[<>=!~ \[]", s.strip(), maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_environment_yml_mirrors_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = _names(pyproject["project"]["dependencies"]) | _names(pyproject["project"]["optional-dependencies"]["test"])
    deps = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    env_lines = [line.strip()[2:] for line in deps.splitlines() if line.strip().startswith("- ")]
    have = _names(line for line in env_lines if _names([line]) - {"python", "pip", "pip:", "-e", ""})
    assert have == wanted
    # and the same lower bounds
    bounds = {n: s for s in pyproject["project"]["dependencies"] for n in _names([s])}
    for line in env_lines:
        name = next(iter(_names([line])))
        if name in bounds:
            assert line.replace(" ", "") == bounds[name].replace(" ", ""), name


def test_make_help_lists_the_two_commands():
    out = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "make demo" in out and "make test" in out


def test_notebooks_are_stored_without_outputs():
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        assert not any(c.get("outputs") or c.get("execution_count") for c in cells), nb.name


def test_readme_gives_the_two_commands():
    text = (ROOT / "README.md").read_text()
    assert "make demo" in text and "make test" in text
