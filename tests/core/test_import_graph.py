"""The rooms do not reach into each other: over the graph of the imports each module makes when it loads
(imports inside functions and those only for type checkers left out), no cycle joins modules of two
apps, no app imports another app's views, and the kernel (`core`) imports no app of ours."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "innochallenge"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _app(module: str) -> str:
    """The app a module belongs to (`innochallenge.demands.io.docx_form` → `demands`); '' for the
    project's own modules (settings, urls, the API's root)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and (PACKAGE / parts[1]).is_dir() else ""


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _loaded_imports(tree: ast.Module, module: str, modules: set[str]):
    """The modules of ours that `tree` imports when it loads."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _type_checking(node):
            continue
        if isinstance(node, ast.If | ast.Try | ast.With):
            todo.extend(ast.iter_child_nodes(node))
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("innochallenge"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("innochallenge"):
            for alias in node.names:  # `from innochallenge.core import views` imports a module
                name = f"{node.module}.{alias.name}"
                yield name if name in modules else node.module


def _cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]
    modules = {_module(p) for p in files}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for path in files:
        source = _module(path)
        for target in _loaded_imports(ast.parse(path.read_text(encoding="utf-8")), source, modules):
            if target in modules and target != source:
                edges[source].add(target)
    return edges


def _pairs(graph):
    return [(s, t) for s, targets in graph.items() for t in targets]


def test_the_graph_is_read(graph):
    assert "innochallenge.demands.lifecycle" in graph["innochallenge.diagnosis.services"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]


def test_no_cycle_joins_modules_of_two_apps(graph):
    crossing = [sorted(c) for c in _cycles(graph) if len({_app(m) for m in c}) > 1]

    assert crossing == []


def test_no_app_imports_another_apps_views(graph):
    reaching = [
        (source, target)
        for source, target in _pairs(graph)
        if _app(source) and _app(target) != _app(source) and target.rsplit(".", 1)[-1].startswith("views")
    ]

    assert reaching == []


def test_the_kernel_imports_no_app_of_ours(graph):
    reaching = [(s, t) for s, t in _pairs(graph) if _app(s) == "core" and _app(t) not in ("core", "")]

    assert reaching == []
