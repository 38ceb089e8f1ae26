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

from .compute import compute_matrix, compute_year
from .plans import BudgetReport, budgets
from .stream import STREAMS, render, stream

FORMATS = tuple(STREAMS)

__all__ = [
    "FORMATS",
    "BudgetReport",
    "budgets",
    "compute_matrix",
    "compute_year",
    "render",
    "stream",
]
