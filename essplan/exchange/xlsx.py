"""Le classeur d'un export (openpyxl) : une feuille par tableau (`tables`), la ligne d'en-tête
figée et filtrable, des largeurs qui tiennent le texte, les dates et les euros au format
français.

Chaque texte passe par `cells.neutralised` et est écrit comme texte (type « s ») : openpyxl
prendrait pour une formule une chaîne qui commence par « = ». Les caractères de contrôle que
le format xlsx refuse (permis par les échappements YAML « \\x01 ») deviennent « � ».
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..cells import neutralised
from .tables import Table

# Les codes de format : « [$-40C] » demande les noms de mois français, quel que soit le
# tableur ; « , » et « . » y sont les séparateurs de milliers et décimal de la langue du
# tableur (espace et virgule en français).
MONTH_FORMAT = "[$-40C]mmmm yyyy"
DATE_FORMAT = "dd/mm/yyyy"
EUROS = '#,##0" €"'
EUROS_CENTS = '#,##0.00" €"'
PERCENT = '0" %"'
MAX_WIDTH, MIN_WIDTH = 60, 8


def workbook_bytes(tables: list[Table]) -> bytes:
    workbook = Workbook()
    for sheet in workbook.worksheets:  # la feuille vide d'un classeur neuf
        workbook.remove(sheet)
    for table in tables:
        _sheet(workbook, table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(workbook: Workbook, table: Table) -> None:
    sheet = workbook.create_sheet(table.name)
    widths = [len(column.title) for column in table.columns]
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _text(cell, column.title)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(table.rows, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            width = _write(sheet.cell(row=row_number, column=index), column.kind, value)
            widths[index - 1] = max(widths[index - 1], width)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2)
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"


def _text(cell, text: str) -> int:
    """Écrit un texte comme texte ; rend la largeur de sa plus longue ligne."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralised(text))
    cell.data_type = "s"
    if "\n" in text:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return max(len(line) for line in text.split("\n"))


def _write(cell, kind: str, value: object) -> int:
    """Écrit une valeur selon le type de sa colonne ; rend la largeur qu'elle demande."""
    if value is None:
        return 0
    if isinstance(value, (list, tuple)):
        return _text(cell, "\n".join(value)) if value else 0
    if isinstance(value, str):
        return _text(cell, value)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = MONTH_FORMAT if kind == "month" else DATE_FORMAT
        return 14
    if isinstance(value, Decimal):
        whole = value == value.to_integral_value()
        cell.value = int(value) if whole else float(value)
        cell.number_format = EUROS if whole else EUROS_CENTS
        return len(f"{value:,.0f}") + 3
    cell.value = value
    if kind == "percent":
        cell.number_format = PERCENT
    elif kind == "euros":
        cell.number_format = EUROS
    return len(str(value)) + 2
