"""Relire un classeur de collecte revenu des pilotes (`essplan collect PLAN --merge …`).

Les colonnes se retrouvent par leur en-tête, dans n'importe quel ordre (`columns.normalised`) ;
une colonne qu'essplan n'a pas écrite est ignorée (un pilote peut en ajouter pour ses notes),
« Titre », « Pilotes », « Unité », « Cible » et les valeurs des années d'avant ne sont pas
relues : on les change dans le plan. Chaque cellule remplie est vérifiée (`values.py`) ; une
ligne entièrement vide est sautée ; une cellule vide ne change rien, elle n'efface jamais.

Rien n'est levé : tout ce qui ne va pas est rendu comme `Problem`, avec la feuille, la ligne,
la colonne (sa lettre et son en-tête) et la valeur.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import columns as c
from . import values
from .values import CellValueError


@dataclass(frozen=True, slots=True)
class Problem:
    """Ce qui ne va pas dans le classeur ; `sheet` vide : le classeur entier."""

    text: str
    sheet: str = ""
    row: int = 0
    column: str = ""  # sa lettre
    header: str = ""

    def __str__(self) -> str:
        if not self.sheet:
            return self.text
        where = f"{self.sheet}, ligne {self.row}" if self.row else self.sheet
        if self.column:
            where += f", colonne {self.column} ({self.header})"
        return f"{where} : {self.text}"


@dataclass(frozen=True, slots=True)
class Cell:
    """Où est une valeur lue : pour dire où est un problème trouvé plus tard."""

    sheet: str
    row: int
    column: str
    header: str
    value: object

    def problem(self, text: str) -> Problem:
        return Problem(text, self.sheet, self.row, self.column, self.header)


@dataclass(slots=True)
class ActionRow:
    fiche: Cell
    statut: str | None = None
    avancement: int | float | None = None
    note: str | None = None
    depense: Decimal | None = None


@dataclass(slots=True)
class IndicatorRow:
    fiche: Cell
    libelle: Cell
    valeur: str | int | float | None = None


@dataclass(slots=True)
class Collected:
    plan_id: str
    year: int
    actions: list[ActionRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    action_columns: dict[str, str] = field(default_factory=dict)  # en-tête → lettre


_UNREADABLE = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError)


# Un classeur de collecte fait quelques dizaines de kilo-octets une fois décompressé ; au-delà de
# cette borne, une archive piégée (une « bombe zip ») n'est pas ouverte.
MAX_UNCOMPRESSED = 200 * 1024 * 1024


def read_workbook(data: bytes, name: str) -> tuple[Collected | None, list[Problem]]:
    """Le classeur relu et ses problèmes ; None si ce n'est pas un classeur de collecte."""
    unreadable = Problem(f"« {name} » n'est pas un classeur xlsx lisible")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNCOMPRESSED:
            return None, [
                Problem(
                    f"« {name} » se décompresse en plus de 200 Mo : ce n'est pas"
                    " un classeur de collecte ; il n'est pas ouvert"
                )
            ]
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _UNREADABLE:
        return None, [unreadable]
    try:
        collected = _marked(book, name)
        if isinstance(collected, Problem):
            return None, [collected]
        problems = _missing_sheets(book, name)
        if not problems:
            problems += _read_actions(book[c.ACTIONS], collected)
            problems += _read_indicators(book[c.INDICATEURS], collected)
        return collected, problems
    finally:
        book.close()


def _marked(book: Any, name: str) -> Collected | Problem:
    """Le plan et l'année que porte la feuille cachée « essplan »."""
    not_ours = Problem(
        f"« {name} » n'est pas un classeur écrit par essplan collect (sa feuille cachée"
        " « essplan » manque ou a été changée) : partez d'un classeur écrit par"
        " essplan collect PLAN --year ANNEE -o FICHIER"
    )
    if c.MARKER_SHEET not in book.sheetnames:
        return not_ours
    rows = list(book[c.MARKER_SHEET].iter_rows(min_row=1, max_row=3, max_col=2, values_only=True))
    if len(rows) < 3 or rows[0] != (c.MARKER, c.FORMAT_VERSION) or rows[1][0] != "plan":
        return not_ours
    plan_id, year = rows[1][1], rows[2][1]
    if not isinstance(plan_id, str) or isinstance(year, bool) or not isinstance(year, int):
        return not_ours
    return Collected(plan_id, year)


def _missing_sheets(book: Any, name: str) -> list[Problem]:
    return [
        Problem(f"« {name} » n'a plus de feuille « {sheet} » : essplan collect l'a écrite")
        for sheet in (c.ACTIONS, c.INDICATEURS)
        if sheet not in book.sheetnames
    ]


def _header_map(sheet: Any, wanted: dict[str, str]) -> tuple[dict[str, int], list[Problem]]:
    """L'index (à partir de 0) de chaque colonne voulue (en-tête normalisé → en-tête écrit)."""
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found: dict[str, int] = {}
    problems = []
    for index, header in enumerate(first):
        key = c.normalised(header) if header is not None else ""
        if key not in wanted:
            continue
        if key in found:
            letter = get_column_letter(index + 1)
            problems.append(
                Problem(
                    f"« {header} » est déjà la colonne {get_column_letter(found[key] + 1)}",
                    sheet.title,
                    1,
                    letter,
                    str(header),
                )
            )
        found.setdefault(key, index)
    return found, problems


def _required(sheet: Any, found: dict[str, int], headers: tuple[str, ...]) -> list[Problem]:
    return [
        Problem(f"il manque la colonne « {header} » (les en-têtes sont en ligne 1)", sheet.title)
        for header in headers
        if c.normalised(header) not in found
    ]


def _rows(sheet: Any, found: dict[str, int], wanted: dict[str, str]) -> Any:
    """Chaque ligne non vide : son numéro et ses cellules voulues (en-tête écrit → cellule)."""
    for number, row in enumerate(sheet.iter_rows(min_row=2), 2):
        cells = {}
        for key, index in found.items():
            cell = row[index] if index < len(row) else None
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            cells[wanted[key]] = (
                cell,
                Cell(sheet.title, number, get_column_letter(index + 1), wanted[key], value),
            )
        if cells:
            yield number, cells


def _formula(cell: Any, where: Cell) -> Problem | None:
    if getattr(cell, "data_type", "") == "f":
        return where.problem(
            f"« {where.value} » est une formule : essplan ne calcule pas les formules ;"
            " écrivez la valeur elle-même"
        )
    return None


def _read_actions(sheet: Any, collected: Collected) -> list[Problem]:
    year = collected.year
    headers = (c.FICHE, c.STATUT, c.AVANCEMENT, c.NOTE, c.depenses(year))
    wanted = {c.normalised(h): h for h in headers}
    found, problems = _header_map(sheet, wanted)
    problems += _required(sheet, found, (c.FICHE,))
    if problems:
        return problems
    collected.action_columns = {
        header: get_column_letter(found[key] + 1) for key, header in wanted.items() if key in found
    }
    parsers = {
        c.STATUT: ("statut", values.statut),
        c.AVANCEMENT: ("avancement", None),
        c.NOTE: ("note", values.text),
        c.depenses(year): ("depense", values.depense),
    }
    for number, cells in _rows(sheet, found, wanted):
        if c.FICHE not in cells:
            problems.append(
                Problem("la fiche manque : la ligne n'est pas lue", sheet.title, number)
            )
            continue
        row = ActionRow(_identity(cells[c.FICHE][1]))
        for header, (attribute, parse) in parsers.items():
            if header in cells:
                problems += _set(row, attribute, parse, *cells[header])
        collected.actions.append(row)
    return problems


def _identity(where: Cell) -> Cell:
    """La fiche ou le libellé d'une ligne, en texte, tel que le plan l'écrit."""
    return replace(where, value=values.text(where.value))


def _set(row: Any, attribute: str, parse: Any, cell: Any, where: Cell) -> list[Problem]:
    formula = _formula(cell, where)
    if formula:
        return [formula]
    try:
        if parse is None:  # l'avancement : sa mise en forme dit s'il est en pour cent
            value = values.avancement(where.value, getattr(cell, "number_format", "General"))
        else:
            value = parse(where.value)
    except CellValueError as error:
        return [where.problem(f"« {where.value} » {error}")]
    setattr(row, attribute, value if value != "" else None)
    return []


def _read_indicators(sheet: Any, collected: Collected) -> list[Problem]:
    value_header = c.valeur(collected.year)
    headers = (c.FICHE, c.INDICATEUR, value_header)
    wanted = {c.normalised(h): h for h in headers}
    found, problems = _header_map(sheet, wanted)
    problems += _required(sheet, found, headers)
    if problems:
        return problems
    for number, cells in _rows(sheet, found, wanted):
        if c.FICHE not in cells or c.INDICATEUR not in cells:
            problems.append(
                Problem(
                    "la fiche ou l'indicateur manque : la ligne n'est pas lue", sheet.title, number
                )
            )
            continue
        row = IndicatorRow(_identity(cells[c.FICHE][1]), _identity(cells[c.INDICATEUR][1]))
        if value_header in cells:
            problems += _set(row, "valeur", values.indicator_value, *cells[value_header])
        collected.indicators.append(row)
    return problems
