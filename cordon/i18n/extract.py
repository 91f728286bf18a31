"""A Babel extractor for the CLI modules: their messages, plus the docstrings typer shows as help.

Typer uses a command function's docstring as its ``--help`` text, which
:func:`cordon.i18n.cli.translate_help` translates at run time, so ``make i18n`` must put those
docstrings in ``cordon.pot`` too. A command is a function decorated with ``@app.command(...)`` or
``@app.callback(...)``, or registered with ``app.command("name")(function)`` in the same module
(babel.cfg maps ``cordon/**/cli.py`` here).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

_Result = tuple[Any, ...]  # (line, function, message(s), comments): babel types it loosely


def _is_command_call(node: ast.expr) -> bool:
    """``something.command(...)`` or ``something.callback(...)``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"command", "callback"}
    )


def command_docstrings(source: str) -> Iterator[tuple[int, str]]:
    """``(line, docstring)`` of every typer command function defined in ``source``."""
    tree = ast.parse(source)
    registered = {
        arg.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_command_call(node.func)
        for arg in node.args
        if isinstance(arg, ast.Name)
    }
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if node.name in registered or any(_is_command_call(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, doc


def extract_cli(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[_Result]:
    """Babel's Python extraction of ``fileobj``, then its command docstrings."""
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for line, doc in command_docstrings(source.decode(options.get("encoding", "utf-8"))):
        yield line, "", doc, []
