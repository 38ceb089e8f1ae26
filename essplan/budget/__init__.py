"""Le budget des plans, année par année : ce que coûtent les actions, ce qui n'est pas chiffré,
ce qui est à préciser, l'enveloppe.

- `figures` : les chiffres (une fiche une année, une année d'un plan, la matrice) ;
- `compute` : le calcul, d'après FORMAT.md « Budget years » (les règles sont dans son
  docstring et dans le README) ;
- `plans` : plusieurs plans (le pool de processus, le total général accumulé plan par plan) ;
- `tables` : le budget mis en page une fois ; `text` le rend en texte aligné et en Markdown,
  `data` en CSV et JSON ; `stream` les écrit plan par plan.

Importe : `validation` (le plan chargé, le pool), `model`, `french`. Rien n'est affiché ici.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compute import compute_matrix, compute_year
    from .plans import BudgetReport, budgets
    from .stream import render

# Le module de chaque nom du paquet, importé à la première demande (PEP 562) : le linter et le
# tableau de bord ne prennent que le calcul (`compute`), sans la mise en page ni l'écriture.
_HOMES = {
    "compute_matrix": "compute",
    "compute_year": "compute",
    "BudgetReport": "plans",
    "budgets": "plans",
    "render": "stream",
}
# Pas de nom `stream` ici : c'est celui du module `budget.stream`, que Python pose sur le paquet
# dès qu'il est importé (`from essplan.budget.stream import stream`).


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = ["BudgetReport", "budgets", "compute_matrix", "compute_year", "render"]
