"""The architecture written down in docs/architecture.md, checked: layers, cycles, private names, deferred imports."""

import ast
import subprocess
import sys
from collections import defaultdict

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
    lint = ROOT / ".venv" / "bin" / "lint-imports"
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
