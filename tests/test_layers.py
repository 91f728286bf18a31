"""Layering, checked on the source: the import rules that keep cordon's packages one-directional.

An import-linter-style check in a few lines of ``ast``: it fails when a web page imports a router
(the router↔page cycle), anything under ``cordon/api`` (routers, services, the API app) imports a
page, anything but the server module (``cordon/server.py``) composes the two,
a core package reaches up into the API or the web app, or a web page runs SQL of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cordon"
SERVER_MODULE = "cordon/server.py"  # the one module that composes routers and pages
CORE = ("lists", "names", "records", "goods", "screen", "analytics", "decisions", "rescreen")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (absolute names; ``from x import y`` gives x and x.y)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules(folder: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(PACKAGE.parent)): _imports(path)
        for path in sorted((PACKAGE / folder).rglob("*.py"))
    }


def _offenders(modules: dict[str, set[str]], prefix: str) -> dict[str, list[str]]:
    return {
        name: sorted(i for i in imports if i == prefix or i.startswith(prefix + "."))
        for name, imports in modules.items()
        if any(i == prefix or i.startswith(prefix + ".") for i in imports)
    }


def test_web_pages_use_services_not_routers() -> None:
    assert not _offenders(_modules("web"), "cordon.api.routers")


def test_nothing_under_api_imports_the_web_app() -> None:
    assert not _offenders(_modules("api"), "cordon.web")


def test_only_the_server_module_composes_api_and_web() -> None:
    every = {
        str(path.relative_to(PACKAGE.parent)): _imports(path) for path in PACKAGE.rglob("*.py")
    }
    composers = {
        name
        for name, imports in every.items()
        if _offenders({name: imports}, "cordon.web")
        and _offenders({name: imports}, "cordon.api")
        and not name.startswith(("cordon/web/", "cordon/api/"))
    }
    assert composers == {SERVER_MODULE}
    assert not _offenders(
        {k: v for k, v in every.items() if k != "cordon/api/cli.py"}, "cordon.server"
    )


def test_core_packages_do_not_reach_up_into_the_api_or_the_web_app() -> None:
    for package in CORE:
        modules = _modules(package)
        assert not _offenders(modules, "cordon.api"), package
        assert not _offenders(modules, "cordon.web"), package


def test_web_pages_run_no_sql_of_their_own() -> None:
    for path in sorted((PACKAGE / "web").rglob("*.py")):
        calls = [
            node.lineno
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("execute", "sql", "query")
        ]
        assert not calls, f"{path.name} lines {calls}: put the query in a cordon/api service"
