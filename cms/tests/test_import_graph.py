"""The code's shape stays as DESIGN.md and issue 12 ask: no import circle inside an app
and no module over about 400 lines (migrations aside).

The import graph is read from the source with :mod:`ast`, counting what Python runs
when a module is imported: its module-level imports (class bodies included; function
bodies and ``if TYPE_CHECKING:`` blocks not), and for an import of ``a.b.c`` also the
packages ``a.b`` and ``a`` whose ``__init__`` runs first, unless they are packages of
the importing module itself (those have started already). A circle held apart only
because Django happens to import one side first is a circle here.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# The project's own packages: the core apps and every plugin under services/.
ROOTS = ("cms", "sitepages", "sla", "services")
MAX_LINES = 400
SKIPPED_FOLDERS = {".git", ".venv", "node_modules", "migrations", "__pycache__"}
# Folders of the checkout that hold data, not code (DATA_DIR, collectstatic, test output).
SKIPPED_AT_ROOT = {"data", "staticfiles", "test-artifacts"}


def module_files(roots=ROOTS, base=BASE_DIR) -> dict[str, Path]:
    """Dotted module name -> file, for every module under the roots."""
    modules = {}
    for root in roots:
        for folder, folders, files in os.walk(base / root):
            folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = Path(folder, name)
                parts = list(path.relative_to(base).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.AST):
    """Import statements run when the module is imported (not in functions)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child
            else:
                stack.append(child)


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the project modules that importing it runs first."""
    graph = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        targets = set()
        for node in _module_level_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module
            targets.add(source)
            # ``from package import submodule`` runs the submodule too.
            targets.update(f"{source}.{alias.name}" for alias in node.names)
        own_packages = {*_ancestors(name), name}
        edges = set()
        for target in targets:
            for module in [*_ancestors(target), target]:
                if module in modules and module not in own_packages:
                    edges.add(module)
        graph[name] = edges
    return graph


def app_of(name: str) -> str:
    """The Django app a module belongs to: cms, sitepages, sla or services.<plugin>
    (the test plugin under cms/tests is an app of its own)."""
    parts = name.split(".")
    if parts[0] == "services" and len(parts) > 1 and parts[1] != "tests":
        return ".".join(parts[:2])
    if parts[:3] == ["cms", "tests", "testplugin"]:
        return "cms.tests.testplugin"
    return parts[0]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_inside_an_app():
    graph = import_graph(module_files())
    inside = {
        name: {target for target in targets if app_of(target) == app_of(name)}
        for name, targets in graph.items()
    }
    assert circles(inside) == []


def test_no_import_circle_between_the_project_apps():
    # DESIGN.md: plugins import the core, never the other way; sla may import
    # sitepages, sitepages only cms.
    assert circles(import_graph(module_files())) == []


def test_the_graph_sees_the_circles_python_runs(tmp_path):
    """A circle through a package's ``__init__`` counts; imports in functions and
    under TYPE_CHECKING do not."""
    app = tmp_path / "app"
    (app / "models").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "models" / "__init__.py").write_text("from .pages import Page\n")
    (app / "models" / "pages.py").write_text("from ..forms import PageForm\n")
    (app / "models" / "staff.py").write_text("from typing import TYPE_CHECKING\n")
    (app / "forms.py").write_text("from .models.staff import Staff\n")
    (app / "views.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .later import Later\n"
        "def view():\n    from .later import Later\n"
    )
    (app / "later.py").write_text("from .views import view\n")
    graph = import_graph(module_files(roots=("app",), base=tmp_path))
    assert circles(graph) == [["app.forms", "app.models", "app.models.pages"]]


def test_no_module_over_400_lines():
    too_long = {}
    for folder, folders, files in os.walk(BASE_DIR):
        at_root = Path(folder) == BASE_DIR
        folders[:] = [
            f
            for f in folders
            if f not in SKIPPED_FOLDERS
            and not f.startswith(".")
            and not (at_root and f in SKIPPED_AT_ROOT)
        ]
        for name in files:
            if name.endswith(".py"):
                path = Path(folder, name)
                lines = len(path.read_text().splitlines())
                if lines > MAX_LINES:
                    too_long[str(path.relative_to(BASE_DIR))] = lines
    assert too_long == {}


# DESIGN.md, "Rooms": who may import whom (tests aside, they exercise the whole site).
MAY_IMPORT = {
    "cms": {"cms"},
    "sitepages": {"cms", "sitepages"},
    "sla": {"cms", "sitepages", "sla"},
}


def _all_imports(path: Path, name: str) -> set[str]:
    """Every project module ``path`` names in an import, in functions too."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                found.add(".".join([*base, node.module] if node.module else base))
            else:
                found.add(node.module)
    return {module for module in found if module.split(".")[0] in ROOTS}


def test_the_core_imports_only_what_design_allows():
    wrong = {}
    for name, path in module_files().items():
        top = name.split(".")[0]
        if top not in MAY_IMPORT or "tests" in name.split("."):
            continue
        bad = {m for m in _all_imports(path, name) if m.split(".")[0] not in MAY_IMPORT[top]}
        if bad:
            wrong[name] = sorted(bad)
    assert wrong == {}
