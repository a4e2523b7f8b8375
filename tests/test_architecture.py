"""The architecture written down in docs/architecture.md, checked: layers, cycles, private names, deferred imports."""

import ast
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

LAYERS = ["core", "read", "analyse", "present", "publish", "cli"]  # each may import only those before it
PACKAGE = ROOT / "perfkit"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        out[name] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return out


MODULES = _modules()


def _target(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports():
    """(importer, imported module, name or None, line, inside a function) for every perfkit import."""
    found = []
    for name, (path, tree) in MODULES.items():
        in_function = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(f)}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _target(name, node, path.name == "__init__.py")
                if target.split(".")[0] != "perfkit":
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    found.append((name, sub if sub in MODULES else target, None if sub in MODULES else alias.name, node.lineno, id(node) in in_function))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "perfkit":
                        found.append((name, alias.name, None, node.lineno, id(node) in in_function))
    return found


IMPORTS = _imports()


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_is_in_a_layer():
    loose = [m for m in MODULES if m != "perfkit" and _layer(m) is None]
    assert loose == []


def test_no_import_runs_back_up_a_layer():
    upward = [f"{src} -> {dst} (line {line})" for src, dst, _, line, _ in IMPORTS
              if _layer(src) is not None and _layer(dst) is not None and _layer(dst) > _layer(src)]
    assert upward == [], "\n".join(upward)


def test_no_import_cycle():
    graph = defaultdict(set)
    for src, dst, _, _, _ in IMPORTS:
        if dst in MODULES and dst != src and not (src == "perfkit" or dst == "perfkit"):
            graph[src].add(dst)
    # Tarjan's strongly connected components: any with more than one module is a cycle.
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                cycles.append(sorted(part))

    sys.setrecursionlimit(10_000)
    for v in list(graph):
        if v not in index:
            visit(v)
    assert cycles == [], "\n".join(map(str, cycles))


def test_no_private_name_is_imported_from_another_module():
    private = [f"{src}: {name} from {dst} (line {line})" for src, dst, name, line, _ in IMPORTS
               if name and name.startswith("_") and not name.startswith("__")]
    assert private == [], "\n".join(private)


def test_no_private_name_is_reached_through_another_module():
    """``tables._date(...)`` is a private import by another name."""
    found = []
    for name, (path, tree) in MODULES.items():
        aliases = {}
        for src, dst, imported, _, _ in IMPORTS:
            if src == name and imported is None and dst in MODULES:
                aliases[dst.rpartition(".")[2]] = dst
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) or isinstance(node, ast.Import):
                for alias in node.names:
                    full = (_target(name, node, path.name == "__init__.py") + "." + alias.name) if isinstance(node, ast.ImportFrom) else alias.name
                    if full in MODULES and alias.asname:
                        aliases[alias.asname] = full
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                found.append(f"{name} line {node.lineno}: {node.value.id}.{node.attr}")
    assert found == [], "\n".join(found)


def _private_members() -> dict[str, set[str]]:
    """Private attributes and methods defined by each module's classes: ``_x`` in a class body or ``self._x = ...``."""
    out = defaultdict(set)
    for name, (path, tree) in MODULES.items():
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("_") and not node.name.startswith("__"):
                    out[node.name].add(name)
                elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name)
                      and node.value.id == "self" and node.attr.startswith("_") and not node.attr.startswith("__")):
                    out[node.attr].add(name)
    return out


def test_no_private_member_of_another_module_is_used():
    """``table.report._problems`` reaches into another module's class just as ``from x import _y`` does."""
    members = _private_members()
    found = []
    for name, (path, tree) in MODULES.items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in members and name not in members[node.attr]
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                found.append(f"{name} line {node.lineno}: .{node.attr} (defined in {', '.join(sorted(members[node.attr]))})")
    assert found == [], "\n".join(found)


def test_imports_inside_functions_say_why():
    """Only to keep the command's start fast or to load an optional dependency, with a ``# deferred:`` comment."""
    silent = []
    for name, (path, tree) in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for f in ast.walk(tree):
            if not isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(f):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    said = lines[node.lineno - 1] + " ".join(lines[max(0, node.lineno - 3):node.lineno - 1])
                    if "# deferred:" not in said:
                        silent.append(f"{name} line {node.lineno}: {lines[node.lineno - 1].strip()}")
    assert silent == [], "\n".join(silent)


def test_import_linter_contract_holds():
    pytest.importorskip("importlinter")
    lint = Path(sys.executable).parent / "lint-imports"  # installed beside this Python by the test extra
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr


def test_older_module_names_still_import():
    """Notebooks written before the layers (``from perfkit.tables import for_display``) keep working."""
    code = "\n".join([
        "from perfkit.paths import in_project",
        "from perfkit.tables import for_display",
        "from perfkit.risks import read_risks, risk_summary, RiskMatrix",
        "from perfkit.load import read_workbook",
        "from perfkit.publish import publish_briefing",
        "from perfkit import actions as plan",
        "import perfkit.charts",
        "import perfkit",
        "assert callable(plan.actions_section) and callable(perfkit.charts.risk_heatmap)",
        "assert perfkit.narrative.escape('<') == '&lt;' and perfkit.kinds.MILESTONES.name == 'milestones'",
        "import perfkit.core.paths",
        "assert perfkit.core.paths.__spec__.name == 'perfkit.core.paths'",
    ])
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_worked_example_of_a_new_kind_reads_a_workbook(tmp_path, monkeypatch):
    """docs/architecture.md's complaints kind, run as written, reads a log laid out as a council keeps one."""
    import re
    import types

    from openpyxl import Workbook

    import perfkit
    from perfkit.read import spec

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- example: complaints kind -->\s*```python\n(.*?)```", text, re.S).group(1)
    module = types.ModuleType("complaints_example")
    exec(compile("\n".join(line[3:] for line in block.splitlines()), "docs/architecture.md", "exec"), module.__dict__)
    monkeypatch.setitem(spec._KINDS, "complaints", module.COMPLAINTS)

    wb = Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(["Complaints log, Quarter 2 2024/25"])
    ws.append([])
    ws.append(["Ref", "Service", "Status"])
    for row in (["C1", "Waste", "Red"], ["C2", "Housing", "G"], ["C3", "Planning", "amber "]):
        ws.append(row)
    path = tmp_path / "complaints.xlsx"
    wb.save(path)

    frame = module.read_complaints(path)
    assert list(frame["complaint_id"]) == ["C1", "C2", "C3"]
    assert list(frame["status"].astype(str)) == ["Red", "Green", "Amber"]
    assert {perfkit.period_label(p) for p in frame["period"]} == {"2024/25 Q2"}
    assert list(frame["source"]) == ["Log!C4", "Log!C5", "Log!C6"]
    assert perfkit.read_workbook(path)["complaints"]["service"].tolist() == ["Waste", "Housing", "Planning"]


def test_what_is_shared_is_documented():
    """Every function or class another module imports has a docstring: what is shared is public and documented."""
    shared = {(dst, name) for src, dst, name, _, _ in IMPORTS if name and dst in MODULES and dst != src}
    bare = []
    for dst, name in sorted(shared):
        path, tree = MODULES[dst]
        documented_later = f"{name}.__doc__ =" in path.read_text(encoding="utf-8")
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name and not ast.get_docstring(node) and not documented_later:
                bare.append(f"{dst}.{name}")
    assert bare == [], "\n".join(bare)
