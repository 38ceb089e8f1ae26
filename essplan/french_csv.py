"""Le CSV que le tableur français ouvre sans poser de question : UTF-8 avec marque d'ordre
(BOM, sans elle Excel lit du Windows-1252), point-virgule (la virgule est le séparateur
décimal), virgule décimale, fins de ligne CRLF (celles du module csv).

Un montant s'écrit sans séparateur de milliers (« 2916,67 ») : un tableur le lit comme un
nombre. Une date s'écrit AAAA-MM-JJ ; une liste, un élément par ligne dans la cellule. Tout
texte qui commence comme une formule est neutralisé (`cells.neutralised`).

Module de base : le CSV du budget (`budget/data.py`) et celui des exports (`exchange/`) sont
écrits par les mêmes fonctions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from .cells import neutralised

BOM = "\ufeff"
DELIMITER = ";"


def decimal_text(value: Decimal | int | float) -> str:
    """« 62500 », « 2916,67 », « 12,5 » : virgule décimale, deux décimales au plus pour un
    montant, sans séparateur de milliers."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return str(value.quantize(Decimal("0.01"))).replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace(".", ",")


def cell_text(value: object) -> str:
    """Le texte d'une cellule : rien pour None, une ligne par élément pour une liste."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (Decimal, int, float)):
        return decimal_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return neutralised("\n".join(str(item) for item in value))
    return neutralised(str(value))


def french_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Le tableau en CSV à la française, BOM en tête."""
    return BOM + french_csv_rows([header]) + french_csv_rows(rows)


def french_csv_rows(rows: Iterable[Sequence[object]]) -> str:
    """Des lignes du même CSV, sans BOM : pour un tableau écrit au fil de l'eau, plan par plan
    (`essplan status`), après une première ligne écrite par `french_csv`."""
    out = io.StringIO()
    csv.writer(out, delimiter=DELIMITER).writerows([cell_text(v) for v in row] for row in rows)
    return out.getvalue()
