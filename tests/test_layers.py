"""The import graph of reportlint, read with ast (every import, function-level ones included):
no circles, imports point down the layers, and the walls of docs/ARCHITECTURE.md hold."""
from __future__ import annotations

import ast
import os

import pytest

PKG = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "reportlint")

# Bottom to top; a module may import its own layer or any layer below (docs/ARCHITECTURE.md).
LAYERS = [
    ("base", {"vocab", "paths", "errors", "options", "finding", "numbering", "recache", "safe_regex", "ruleyaml", "compiled",
              "executor", "progress", "dask_plugin"}),
    ("readers", {"readers"}),
    ("document", {"document", "profiles", "tokenize", "suppress", "outline"}),
    ("analysis", {"classify", "context", "checks"}),
    ("engine", {"engine"}),
    ("rules", {"rulefile", "rulecache"}),
    ("pipeline", {"report", "fix", "annotate", "cache", "batch", "summary", "summary_stats",
                  "similar", "simindex"}),
    ("presentation", {"formatters"}),
    ("settings", {"config"}),
    ("api", {"api", "spacy_component", "__init__"}),
    ("web", {"web"}),
    ("commands", {"commands"}),
    ("cli", {"cli"}),
]
RANK = {top: i for i, (_, tops) in enumerate(LAYERS) for top in tops}


def _modules() -> dict[str, str]:
    out = {}
    for root, _, files in os.walk(PKG):
        for fn in files:
            if fn.endswith(".py"):
                path = os.path.join(root, fn)
                rel = os.path.relpath(path, os.path.dirname(PKG))[:-3].replace(os.sep, ".")
                out[rel[:-9] if rel.endswith(".__init__") else rel] = path
    return out


MODULES = _modules()


def _imports(mod: str) -> set[str]:
    """reportlint modules that ``mod`` imports (resolved to a module of the package)."""
    path = MODULES[mod]
    pkg = mod if path.endswith("__init__.py") else mod.rsplit(".", 1)[0]
    deps = set()
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg
                for _ in range(node.level - 1):
                    base = base.rsplit(".", 1)[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            targets = [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]
        else:
            continue
        for t in targets:
            while t not in MODULES and "." in t:
                t = t.rsplit(".", 1)[0]
            if t in MODULES and t != mod:
                deps.add(t)
    return deps


GRAPH = {m: _imports(m) for m in MODULES}


def _top(mod: str) -> str:
    parts = mod.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _reaches(start: str, forbidden) -> list[str]:
    """Modules reachable from ``start`` whose top-level name is in ``forbidden``."""
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for d in GRAPH[m]:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return sorted(d for d in seen if _top(d) in forbidden)


def test_every_module_has_a_layer():
    assert sorted({_top(m) for m in MODULES} - set(RANK)) == []


def test_no_import_circles():
    index, low, stack, on, circles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert circles == []


def test_imports_point_down_only():
    upward = [(m, d) for m, deps in GRAPH.items() for d in deps
              if RANK[_top(d)] > RANK[_top(m)] and not (_top(m) == "__init__")]
    assert upward == []


def test_the_package_root_imports_only_the_api_and_leaves():
    allowed = {"api", "document", "errors", "finding", "report", "paths"}
    assert {_top(d) for d in GRAPH["reportlint"]} <= allowed


WALLS = [
    # (modules, forbidden top-level names, what the wall is)
    ("checks", {"cli", "commands", "config", "formatters", "readers", "cache", "rulecache", "report", "fix",
                "batch", "summary", "api", "tokenize", "classify", "context"},
     "check kinds ↛ command line, settings, presentation, file I/O, tokenizer, classifier"),
    ("engine", {"formatters", "commands", "cli", "config", "api"}, "engine ↛ presentation and commands"),
    ("context", {"formatters", "commands", "cli", "config", "api"}, "engine ↛ presentation and commands"),
    ("readers", {"engine", "checks", "context", "outline", "document", "report", "rulefile", "rulecache", "config",
                 "formatters", "commands", "cli", "api"}, "readers ↛ engine"),
    ("api", {"commands", "cli"}, "API ↛ commands"),
]


@pytest.mark.parametrize("top, forbidden, what", WALLS, ids=[w[2] for w in WALLS])
def test_walls(top, forbidden, what):
    mods = [m for m in MODULES if _top(m) == top]
    assert mods
    broken = {m: _reaches(m, forbidden) for m in mods}
    assert {m: b for m, b in broken.items() if b} == {}, what


def test_check_kinds_do_no_file_io():
    for m in MODULES:
        if _top(m) != "checks":
            continue
        with open(MODULES[m], encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not calls & {"open", "print", "input"}, m
        names = {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not ({"os", "io", "pathlib", "shutil", "sys"} & (names | mods)), m


def test_check_path_static_imports_stay_light():
    """What ``reportlint check`` may import at module level (run-time proof: test_startup.py)."""
    heavy = {"sklearn", "spacy", "numpy", "scipy", "pandas", "torch", "dask", "distributed"}
    for m, path in MODULES.items():
        if m in ("reportlint.classify.train", "reportlint.spacy_component", "reportlint.dask_plugin",
                 "reportlint.classify.batched"):
            continue  # scikit-learn's, spaCy's, Dask's and numpy's homes: only train/eval, spaCy's
            # plug-in, a Dask executor and batch/summary workers (predict.use_batched) load them
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        top_level = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = {a.name.split(".")[0] for n in top_level if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in top_level if isinstance(n, ast.ImportFrom) and n.module and not n.level}
        assert not names & heavy, m


def test_the_map_names_every_module_in_its_layer():
    """docs/ARCHITECTURE.md's layer table lists the same modules, in the same layers, as LAYERS here."""
    path = os.path.join(os.path.dirname(PKG), "docs", "ARCHITECTURE.md")
    with open(path, encoding="utf-8") as fh:
        rows = [line for line in fh if line.startswith("| ")]
    table = {}
    for line in rows:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] in dict(LAYERS):
            table[cells[0]] = {t.strip("`/").replace("reportlint/", "") for t in cells[1].split()}
    assert table == dict(LAYERS)
