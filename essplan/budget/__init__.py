"""Le budget des plans, année par année : ce que coûtent les actions, ce qui n'est pas chiffré,
ce qui est à préciser, l'enveloppe.

- `figures` : les chiffres (une fiche une année, une année d'un plan, la matrice) ;
- `compute` : le calcul, d'après FORMAT.md « Budget years » (les règles sont dans son
  docstring et dans le README) ;
- `tables` : le budget mis en page une fois ; `text` le rend en texte aligné et en Markdown,
  `data` en CSV et JSON.

Importe : `validation` (le plan chargé), `model`, `french`. Rien n'est affiché ici.
"""

from __future__ import annotations

from collections.abc import Callable

from .compute import BudgetReport, compute_matrix, compute_year
from .data import csv_text, json_text
from .figures import Grouping
from .text import markdown, table

FORMATS: dict[str, Callable[[BudgetReport, Grouping], str]] = {
    "table": table,
    "markdown": markdown,
    "csv": csv_text,
    "json": json_text,
}

__all__ = ["FORMATS", "BudgetReport", "compute_matrix", "compute_year"]
