"""Le catalogue des codes, calculé : les codes de validation (ESS0xx, `diagnostics.py`) et ceux
des règles du linter (`rules/`), dans l'ordre des codes. Rien n'y est inscrit à l'import."""

from __future__ import annotations

from ..diagnostics import VALIDATION_CODES, CodeDoc
from .rules import RULES


def catalogue() -> dict[str, CodeDoc]:
    documented = {**VALIDATION_CODES, **{rule.code: rule.doc for rule in RULES}}
    return dict(sorted(documented.items()))
