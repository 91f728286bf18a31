"""Red-flag rules from shared/docs/red-flags.md, each with its RF id, a description and a weight.

``RECORD_RULES`` run on every screened batch; ``FILE_RULES`` run once over the whole file in DuckDB.
"""

from __future__ import annotations

from cordon.screen.rules import goods, history, parties, route
from cordon.screen.rules.base import Evidence, FileRule, RecordRule, Rule

RECORD_RULES: tuple[RecordRule, ...] = route.RULES + parties.RULES + goods.RULES
FILE_RULES: tuple[FileRule, ...] = history.RULES
ALL_RULES: tuple[Rule, ...] = tuple(
    sorted((*RECORD_RULES, *FILE_RULES), key=lambda rule: (rule.id, rule.name))
)
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in ALL_RULES}

__all__ = [
    "ALL_RULES",
    "FILE_RULES",
    "RECORD_RULES",
    "RULES_BY_NAME",
    "Evidence",
    "FileRule",
    "RecordRule",
    "Rule",
]
