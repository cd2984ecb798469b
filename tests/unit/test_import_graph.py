"""Imports go down the stages, and there are no circles: read from the source with `ast`.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`: a circle
that only shows at run time, or only to mypy, is still two modules that need each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "generator"

#: Lowest first. A module may import its own layer and the layers below it, never above.
#: A subpackage is one layer; the top-level modules are placed one by one.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "generator generator.errors generator.strings generator.pickling generator.digests generator.lines"
        " generator.slugs generator.weburls generator.parallel generator.progress generator.defaults",
        "generator.model",
        "generator.colors",
        "generator.brand",
        "generator.config generator.dates",
        "generator.content",
        "generator.site",
        "generator.render",
        "generator.search",
        "generator.publish",
        "generator.pipeline",
        "generator.incremental",
        "generator.commands",
        "generator.cli generator.__main__",
    )
)


def module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The generator modules that the file imports (`from generator.x import y` names y when y is a module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in modules}


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in GENERATOR.rglob("*.py")}
    modules = set(paths)
    return {name: imports_of(path, modules) - {name} for name, path in paths.items()}


def layer_of(module: str) -> int:
    for number, names in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in names if name != "generator"):
            return number
    if module == "generator":
        return 0
    raise AssertionError(f"{module} has no layer: add it to LAYERS in {Path(__file__).name}")


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_generator_has_no_import_circles() -> None:
    assert circles(import_graph()) == []


def test_imports_only_go_down_the_stages() -> None:
    graph = import_graph()
    upward = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert upward == []


def test_the_checks_find_a_circle_and_an_upward_import() -> None:
    graph = {"generator.a": {"generator.b"}, "generator.b": {"generator.c"}, "generator.c": {"generator.a"}}
    assert circles({**graph, "generator.d": set()}) == [["generator.a", "generator.b", "generator.c"]]
    assert layer_of("generator.render.pages") > layer_of("generator.content.markup")
    assert layer_of("generator.model") > layer_of("generator.errors")


def test_the_graph_reads_every_kind_of_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "import generator.model\n"
        "from generator.render import pages\n"
        "if TYPE_CHECKING:\n    from generator.site.related import x\n"
        "def f():\n    from generator.publish.write import y\n",
        encoding="utf-8",
    )
    modules = {"generator.model", "generator.render", "generator.render.pages", "generator.site.related"}
    modules.add("generator.publish.write")
    assert imports_of(source, modules) == modules
