"""Which of OFAC's three formats given files are in: legacy CSV, SDN.XML schema or advanced XML.

``us_ofac_sdn`` and ``us_ofac_cons`` accept any of them; the parser is chosen from the files'
content (the XML root element), so a directory of CSV files and a downloaded
``SDN_ADVANCED.XML`` load under the same dataset name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from cordon.i18n import N_, Message
from cordon.lists.errors import ListLoadError
from cordon.lists.source import expand_paths

_ROOT = re.compile(rb"<(?:[\w.-]+:)?(Sanctions|sdnList)[\s>/]")
_MODULES = {b"Sanctions": "ofac_advanced", b"sdnList": "ofac_xml"}
_PREFERENCE = ("ofac_advanced", "ofac_xml")  # the most complete format wins


def xml_root(path: Path) -> bytes | None:
    """The root element name of an OFAC XML file (``Sanctions``/``sdnList``), else None."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    found = _ROOT.search(head)
    return found.group(1) if found else None


def parser_module(paths: Sequence[Path]) -> str:
    """``ofac_advanced``, ``ofac_xml`` or ``ofac`` (legacy CSV) for the given files."""
    try:
        files = expand_paths(paths)
    except ListLoadError:
        return "ofac"  # the CSV parser reports the missing files
    found = {_MODULES[root] for f in files if (root := xml_root(f)) in _MODULES}
    return next((m for m in _PREFERENCE if m in found), "ofac")


def files_with_root(paths: Sequence[Path], root: str) -> list[Path]:
    """The given files (directories expanded) whose XML root is ``root``; refuses none."""
    files = [f for f in expand_paths(paths) if xml_root(f) == root.encode()]
    if not files:
        raise ListLoadError(
            ", ".join(str(p) for p in paths),
            Message(N_("no OFAC XML file with root <%(root)s> found"), root=root),
        )
    return files
