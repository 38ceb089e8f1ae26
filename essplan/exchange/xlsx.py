"""Le classeur d'un export (openpyxl) : une feuille par tableau (`tables`), la ligne d'en-tête
figée et filtrable, des largeurs qui tiennent le texte, les dates et les euros au format
français.

Le classeur est écrit au fil de l'eau (`write_only` : ligne après ligne, sans garder les
cellules en mémoire) ; les largeurs sont donc mesurées d'abord, sur les valeurs du tableau.
Chaque texte passe par `cells.neutralised` et est écrit comme texte (type « s ») : openpyxl
prendrait pour une formule une chaîne qui commence par « = ». Les caractères de contrôle que
le format xlsx refuse (permis par les échappements YAML « \\x01 ») deviennent « � ».
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
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
BOLD = Font(bold=True)
WRAPPED = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(tables: list[Table]) -> bytes:
    workbook = Workbook(write_only=True)
    for table in tables:
        _sheet(workbook, table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(workbook: Workbook, table: Table) -> None:
    sheet = workbook.create_sheet(table.name)
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    header = [_text(WriteOnlyCell(sheet), column.title) for column in table.columns]
    for cell in header:
        cell.font = BOLD
    sheet.append(header)
    for row in table.rows:
        sheet.append(
            [
                _cell(WriteOnlyCell(sheet), column.kind, value)
                for column, value in zip(table.columns, row, strict=True)
            ]
        )


def _widths(table: Table) -> list[float]:
    """La largeur de chaque colonne : sa plus longue ligne de texte, bornée."""
    widths = [len(column.title) for column in table.columns]
    for row in table.rows:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) for width in widths]


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, (list, tuple)):
        return max((len(str(item)) for item in value), default=0)
    if isinstance(value, str):
        return max(len(line) for line in value.split("\n"))
    if isinstance(value, dt.date):
        return 14
    if isinstance(value, Decimal):
        return len(f"{value:,.0f}") + 3
    return len(str(value)) + 2


def _text(cell: Cell, text: str) -> Cell:
    """Une cellule de texte, enregistrée comme texte (jamais comme formule)."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralised(text))
    cell.data_type = "s"
    if "\n" in text:
        cell.alignment = WRAPPED
    return cell


def _cell(cell: Cell, kind: str, value: object) -> Cell:
    """Une cellule selon le type de sa colonne : texte, date, montant, nombre ou rien."""
    if value is None or value == []:
        return cell
    if isinstance(value, (list, tuple)):
        return _text(cell, "\n".join(value))
    if isinstance(value, str):
        return _text(cell, value)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = MONTH_FORMAT if kind == "month" else DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        whole = value == value.to_integral_value()
        cell.value = int(value) if whole else float(value)
        cell.number_format = EUROS if whole else EUROS_CENTS
        return cell
    cell.value = value if isinstance(value, (int, float)) else str(value)
    if kind in ("percent", "euros"):
        cell.number_format = PERCENT if kind == "percent" else EUROS
    return cell
