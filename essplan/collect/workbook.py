"""Le classeur de collecte d'une année (`essplan collect PLAN --year 2023 -o …`).

Deux feuilles pour les pilotes, une cachée pour essplan :

- « Actions » : une ligne par fiche, dans l'ordre du plan ; « Fiche », « Titre » et « Pilotes »
  sont verrouillées (la feuille est protégée, sans mot de passe : c'est un garde-fou, pas un
  secret), « Statut » (liste des statuts en français), « Avancement » (0 à 100), « Note de
  suivi » et « Dépenses ANNEE » se remplissent ;
- « Indicateurs » : une ligne par indicateur, les valeurs des années d'avant en lecture seule
  (une colonne par année où le plan en a une), « Valeur ANNEE » à remplir ;
- « essplan » (cachée) : la marque du classeur, le plan et l'année, que la relecture vérifie.

Préremplissage (décision du projet) : ce que le plan dit à la fin de l'année collectée, c'est-à-
dire en décembre : le statut et l'avancement à cette date (`suivi/state.py`), la dernière note du
journal datée de cette année, `depenses[année]` et `valeurs[année]` quand ils existent. Une
cellule préremplie qu'on ne touche pas ne change rien à la relecture.

Chaque texte passe par `cells.neutralised` et s'écrit comme texte, jamais comme formule.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..cells import neutralised
from ..french import STATUS_LABELS
from ..model.suivi import STATUTS
from ..suivi.annual import december
from ..suivi.state import progress_at, status_at
from . import columns as c

_EDITABLE = Protection(locked=False)
_WIDTHS = {c.FICHE: 8, c.TITRE: 50, c.PILOTES: 30, c.NOTE: 60, c.INDICATEUR: 50}


def collect_workbook(loaded: Any, year: int) -> bytes:
    """Le classeur de collecte de `year` pour un plan utilisable (`LoadedPlan.usable`)."""
    book = Workbook()
    fiches = [item.fiche for item in loaded.in_plan_order()]
    actions = book.create_sheet(c.ACTIONS)
    book.remove(book.worksheets[0])  # la feuille vide que crée openpyxl
    _fill(actions, c.action_headers(year), [_action_row(f, year) for f in fiches], 3)
    _action_checks(actions, len(fiches))
    previous = sorted(
        {y for f in fiches for i in f.indicateurs or () for y in i.valeurs if y < year}
    )
    rows = [_indicator_row(f, i, year, previous) for f in fiches for i in _unique(f)]
    _fill(book.create_sheet(c.INDICATEURS), c.indicator_headers(year, previous), rows, 1)
    _marker(book.create_sheet(c.MARKER_SHEET), loaded.id, year)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _unique(fiche: Any) -> list[Any]:
    """Les indicateurs d'une fiche, un par libellé (deux libellés identiques : le premier)."""
    seen: dict[str, Any] = {}
    for indicateur in fiche.indicateurs or ():
        seen.setdefault(indicateur.libelle, indicateur)
    return list(seen.values())


def _action_row(fiche: Any, year: int) -> list[object]:
    end = december(year)
    notes = [entry.texte for entry in fiche.suivi or () if entry.date.annee == year]
    status = status_at(fiche, end)
    return [
        fiche.id,
        fiche.titre,
        "\n".join(fiche.pilotes or ()) or None,
        STATUS_LABELS[status] if status else None,
        progress_at(fiche, end),
        notes[-1] if notes else None,
        (fiche.depenses or {}).get(year),
    ]


def _indicator_row(fiche: Any, indicateur: Any, year: int, previous: list[int]) -> list[object]:
    known = [indicateur.valeurs.get(y) for y in previous]
    return [
        fiche.id,
        indicateur.libelle,
        indicateur.unite,
        indicateur.cible,
        *known,
        indicateur.valeurs.get(year),
    ]


def _fill(sheet: Worksheet, headers: tuple[str, ...], rows: list[list[object]], fixed: int) -> None:
    """En-têtes et lignes ; les `fixed` premières colonnes et les valeurs des années d'avant
    (toutes sauf la dernière, dans « Indicateurs ») restent verrouillées."""
    editable = set(range(fixed + 1, len(headers) + 1))
    if sheet.title == c.INDICATEURS:
        editable = {len(headers)}
    for column, header in enumerate(headers, 1):
        _put(sheet, 1, column, header).font = Font(bold=True)
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = _WIDTHS.get(header, 16)
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            cell = _put(sheet, number, column, value)
            if column in editable:
                cell.protection = _EDITABLE
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # les largeurs restent réglables


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = neutralised(value)
        cell.data_type = "s"  # du texte, jamais une formule
    elif isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else float(value)
    else:
        cell.value = value  # type: ignore[assignment]  # un nombre ou None
    return cell


def _action_checks(sheet: Worksheet, count: int) -> None:
    """La liste des statuts, l'avancement de 0 à 100, des dépenses positives."""
    last = count + 1
    labels = ",".join(STATUS_LABELS[code] for code in STATUTS)
    checks = (
        (4, DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True), "un statut"),
        (
            5,
            DataValidation(
                type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
            ),
            "un pourcentage de 0 à 100",
        ),
        (
            7,
            DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            ),
            "un montant en euros, positif ou nul",
        ),
    )
    for column, check, expected in checks:
        check.error = f"Attendu : {expected}."
        check.errorTitle = "Valeur refusée"
        check.showErrorMessage = True
        letter = get_column_letter(column)
        check.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.add_data_validation(check)


def _marker(sheet: Worksheet, plan_id: str, year: int) -> None:
    for row, values in enumerate(
        ((c.MARKER, c.FORMAT_VERSION), ("plan", plan_id), ("année", year)), 1
    ):
        for column, value in enumerate(values, 1):
            _put(sheet, row, column, value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
