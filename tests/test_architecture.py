"""The house rules a linter can check, beside the import contracts in pyproject.toml
(``lint-imports``): no import cycle anywhere among our modules, and no import of our own
apps hidden inside a function (AppConfig.ready() excepted, Django's place to connect
receivers and registries once the apps are loaded).

grimp reads every import statement, inside functions too. A package's ``__init__`` that
re-exports its submodules gets no exemption: a submodule that imports its own package
back is a cycle like any other, so submodules import their siblings directly.
"""

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "courses", "learners", "assessments")


def strongly_connected_components(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm, iteratively: every set of modules that import one another,
    directly or through others."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[set[str]] = []
    counter = 0

    def imported(module: str):
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, imported(start))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imported(child)))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                components.append(component)
    return components


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(module)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.z")
    graph.add_import(importer="a.z", imported="a.x")
    graph.add_import(importer="a", imported="a.x")
    cycles = [c for c in strongly_connected_components(graph) if len(c) > 1]
    assert cycles == [{"a.x", "a.y", "a.z"}]


def test_no_module_of_ours_is_part_of_an_import_cycle():
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    cycles = [
        sorted(component)
        for component in strongly_connected_components(graph)
        if len(component) > 1
    ]
    assert cycles == []


def _function_level_imports(path: Path) -> list[str]:
    """Imports of our own packages inside a function or method, except in
    ``AppConfig.ready()``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name)
                continue
            if function and isinstance(child, ast.Import | ast.ImportFrom):
                if isinstance(child, ast.ImportFrom) and child.level:
                    base = list(package[: len(package) - child.level + 1])
                    names = [".".join([*base, *([child.module] if child.module else [])])]
                elif isinstance(child, ast.ImportFrom):
                    names = [child.module]
                else:
                    names = [alias.name for alias in child.names]
                ours = [name for name in names if name.split(".")[0] in PACKAGES]
                if ours and not (path.name == "apps.py" and function == "ready"):
                    found.append(f"{path.relative_to(ROOT)}:{child.lineno} {ours[0]}")
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_no_import_of_our_apps_hides_inside_a_function():
    hidden = [
        found
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        for found in _function_level_imports(path)
    ]
    assert hidden == []
