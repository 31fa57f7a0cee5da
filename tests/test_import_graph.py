"""The import graph, read from the source with ``ast``: no circle, and nothing in the core imports the commands."""

from __future__ import annotations

import ast
from pathlib import Path

import cryplaylist

PACKAGE = Path(cryplaylist.__file__).parent


def module_name(path: Path) -> str:
    parts = ["cryplaylist", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """The project's modules that ``path`` imports anywhere (top level, in functions, for type checking)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in MODULES}


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_the_graph_is_read_from_real_imports():
    assert "cryplaylist.catalog" in GRAPH["cryplaylist.cli.videos"]
    assert "cryplaylist.cli.common" in GRAPH["cryplaylist.cli.browse"]
    assert "cryplaylist.library" in GRAPH["cryplaylist.catalog"]


def test_no_module_imports_itself_through_others():
    def circle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            name, path = stack.pop()
            for nxt in sorted(GRAPH[name]):
                if nxt == start:
                    return [*path, start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
        return None

    circles = [circle for name in sorted(GRAPH) if (circle := circle_from(name))]
    assert circles == []


def test_no_core_module_imports_the_command_layer():
    core = [name for name in GRAPH if not name.startswith("cryplaylist.cli") and name != "cryplaylist.__main__"]
    assert len(core) > 20
    upward = {name: sorted(n for n in GRAPH[name] if n.startswith("cryplaylist.cli")) for name in core}
    assert {name: found for name, found in upward.items() if found} == {}


def test_the_readme_architecture_names_every_module():
    root = Path(__file__).parent.parent  # the project, wherever cryplaylist is installed from
    readme = (root / "README.md").read_text(encoding="utf-8")
    drawn = readme.split("## Architecture", 1)[1].split("```")[1]
    named = {line.split()[0] for line in drawn.splitlines() if line.strip()}
    source = root / "src" / "cryplaylist"
    core = {path.name for path in source.glob("*.py") if path.name != "__init__.py"}
    commands = {path.name for path in (source / "cli").glob("*.py")}
    assert core - named == set()
    assert commands - named == set()
