"""Une feuille d'export (`tables.Table`) en CSV à la française ; le dialecte (BOM, « ; »,
virgule décimale, CRLF) est celui de `essplan/french_csv.py`, que le budget partage."""

from __future__ import annotations

import datetime as dt

from ..french_csv import french_csv
from .tables import Table


def table_csv(table: Table) -> str:
    """Une feuille d'export (`tables.Table`) en CSV à la française ; les mois en AAAA-MM."""
    months = [column.kind == "month" for column in table.columns]
    rows = (
        [
            value.strftime("%Y-%m") if is_month and isinstance(value, dt.date) else value
            for value, is_month in zip(row, months, strict=True)
        ]
        for row in table.rows
    )
    return french_csv([column.title for column in table.columns], rows)
