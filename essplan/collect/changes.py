"""Du classeur relu aux modifications du plan, fiche par fiche : des données (`Change`), que
`render` met en forme (le diff que montre `--merge`) et que `apply.py` écrit.

Règles (décisions du projet, README « essplan collect ») :

- Une cellule vide ne change rien ; une valeur égale à celle du plan non plus : fusionner deux
  fois le même classeur ne change rien la seconde fois.
- La note de suivi devient une entrée du journal (`suivi`), datée du mois de la collecte
  (`entry_month` : décembre de l'année collectée, ou le mois courant si l'on collecte l'année en
  cours), avec le statut et l'avancement de la ligne. Si le journal a déjà, cette année-là, une
  entrée de même texte, on n'en ajoute pas : on met à jour son statut et son avancement s'ils
  diffèrent. Une note de même année mais d'un autre texte s'ajoute à côté : le journal est une
  histoire, rien n'y est remplacé ni effacé.
- Un statut ou un avancement qui change sans note est refusé : une entrée du journal a un texte,
  essplan ne l'invente pas.
- Quand la fiche écrit `statut` (le statut d'aujourd'hui), il suit la dernière entrée du journal
  qui en donne un, comme le veut le format.
- `depenses[année]` et `valeurs[année]` de chaque indicateur prennent la valeur de la cellule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.months import Month
from ..suivi.annual import december
from ..suivi.state import progress_at, status_at
from . import columns as c
from .read import ActionRow, Collected, IndicatorRow, Problem

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True, slots=True)
class Change:
    """Une clé de la fiche qui change : `path` depuis la racine du fichier ; `insert` : un
    élément nouveau, inséré au rang `path[-1]` de la liste (une entrée du journal)."""

    path: tuple[str | int, ...]
    old: object
    new: object
    insert: bool = False
    label: str = ""  # ce qui aide à lire la clé (le libellé d'un indicateur)


@dataclass(slots=True)
class FileChanges:
    path: Path
    display: str
    fiche: str
    changes: list[Change] = field(default_factory=list)


def entry_month(year: int, today: Month) -> Month:
    """Le mois de l'entrée du journal : décembre de l'année, ou ce mois-ci pour l'année en cours."""
    return today if today.annee == year else december(year)


def compute_changes(
    loaded: Any, collected: Collected, today: Month, name: str
) -> tuple[list[FileChanges], list[Problem]]:
    """Les modifications, par fichier, dans l'ordre du plan ; ou les problèmes qui les
    empêchent (alors rien ne doit être écrit)."""
    problems = _workbook_problems(loaded, collected, today, name)
    if problems:
        return [], problems
    fiches = {item.fiche.id: item for item in loaded.in_plan_order()}
    found: dict[str, list[Change]] = {}
    month = entry_month(collected.year, today)
    for row in _unique(collected.actions, lambda r: (r.fiche,), fiches, problems):
        made = action_changes(fiches[str(row.fiche.value)].fiche, row, collected, month)
        if isinstance(made, Problem):
            problems.append(made)
        else:
            found.setdefault(str(row.fiche.value), []).extend(made)
    for line in _unique(collected.indicators, lambda r: (r.fiche, r.libelle), fiches, problems):
        one = indicator_change(fiches[str(line.fiche.value)].fiche, line, collected.year)
        if isinstance(one, Problem):
            problems.append(one)
        elif one is not None:
            found.setdefault(str(line.fiche.value), []).append(one)
    files = [
        FileChanges(
            loaded.folder / "fiches" / Path(item.document.file).name,
            item.document.file,
            fiche_id,
            found[fiche_id],
        )
        for fiche_id, item in fiches.items()
        if found.get(fiche_id)
    ]
    return ([], problems) if problems else (files, [])


def _workbook_problems(loaded: Any, collected: Collected, today: Month, name: str) -> list:
    problems = []
    if collected.plan_id != loaded.id:
        problems.append(
            Problem(
                f"« {name} » a été écrit pour le plan {collected.plan_id}, pas"
                f" pour {loaded.id} : rien n'est lu"
            )
        )
    if today.annee is not None and collected.year > today.annee:
        problems.append(
            Problem(
                f"« {name} » collecte l'année {collected.year}, qui n'a pas"
                " commencé : rien n'est lu"
            )
        )
    return problems


def _unique(rows: list, key: Any, fiches: dict, problems: list[Problem]) -> list:
    """Les lignes d'une fiche du plan, chacune une fois ; les autres sont des problèmes."""
    seen: dict[tuple, int] = {}
    kept = []
    for row in rows:
        cells = key(row)
        fiche = cells[0]
        if str(fiche.value) not in fiches:
            problems.append(fiche.problem(f"« {fiche.value} » n'est pas une fiche de ce plan"))
            continue
        values = tuple(str(cell.value) for cell in cells)
        if values in seen:
            what = "cette fiche" if len(cells) == 1 else "cet indicateur de cette fiche"
            problems.append(
                cells[-1].problem(
                    f"« {cells[-1].value} » : {what} est déjà à la ligne {seen[values]} ; une ligne"
                    " par fiche et par indicateur"
                )
            )
            continue
        seen[values] = fiche.row
        kept.append(row)
    return kept


def action_changes(
    fiche: Any, row: ActionRow, collected: Collected, month: Month
) -> list[Change] | Problem:
    end = december(collected.year)
    status, progress = status_at(fiche, end), progress_at(fiche, end)
    moved = (row.statut is not None and row.statut != status) or (
        row.avancement is not None and row.avancement != progress
    )
    changes: list[Change] = []
    if row.note is None and moved:
        return _note_needed(row, collected)
    if row.note is not None:
        changes += _journal(fiche, row, collected.year, month)
    if row.depense is not None and (fiche.depenses or {}).get(collected.year) != row.depense:
        old = (fiche.depenses or {}).get(collected.year, MISSING)
        changes.append(Change(("depenses", collected.year), old, row.depense))
    return changes + _fiche_status(fiche, changes)


def _note_needed(row: ActionRow, collected: Collected) -> Problem:
    column = collected.action_columns.get(c.NOTE, "")
    return Problem(
        "vide, alors que le statut ou l'avancement change : écrivez ce qui s'est passé"
        " (une entrée du journal a un texte)",
        c.ACTIONS,
        row.fiche.row,
        column,
        c.NOTE if column else "",
    )


def _journal(fiche: Any, row: ActionRow, year: int, month: Month) -> list[Change]:
    journal = list(fiche.suivi or ())
    same = [
        i for i, entry in enumerate(journal) if entry.date.annee == year and entry.texte == row.note
    ]
    if same:
        entry = journal[same[-1]]
        return [
            Change(
                ("suivi", same[-1], key),
                getattr(entry, key) if getattr(entry, key) is not None else MISSING,
                new,
            )
            for key, new in (("statut", row.statut), ("avancement", row.avancement))
            if new is not None and new != getattr(entry, key)
        ]
    entry = {"date": month.texte, "texte": row.note}
    entry |= {
        key: value
        for key, value in (("statut", row.statut), ("avancement", row.avancement))
        if value is not None
    }
    position = sum(1 for known in journal if known.date.index <= month.index)
    return [Change(("suivi", position), MISSING, entry, insert=True)]


def _fiche_status(fiche: Any, changes: list[Change]) -> list[Change]:
    """`statut`, quand la fiche l'écrit, suit la dernière entrée du journal qui en donne un."""
    if fiche.statut is None or not any(change.path[0] == "suivi" for change in changes):
        return []
    dated = [(entry.date.index, rank, entry.statut) for rank, entry in enumerate(fiche.suivi or ())]
    for change in changes:
        if change.insert:
            new: Any = change.new
            dated.append((_index(new["date"]), len(dated), new.get("statut")))
        elif change.path[-1] == "statut":
            index = change.path[1]
            dated = [(d, r, change.new if r == index else s) for d, r, s in dated]
    given = [item for item in dated if item[2] is not None]
    latest = max(given)[2] if given else None
    if latest is None or latest == fiche.statut:
        return []
    return [Change(("statut",), fiche.statut, latest)]


def _index(texte: str) -> int:
    year, month = texte.split("-")
    return int(year) * 12 + int(month) - 1


def indicator_change(fiche: Any, line: IndicatorRow, year: int) -> Change | Problem | None:
    libelle = str(line.libelle.value)
    indicators = [i for i, known in enumerate(fiche.indicateurs or ()) if known.libelle == libelle]
    if not indicators:
        return line.libelle.problem(f"« {libelle} » n'est pas un indicateur de la fiche {fiche.id}")
    indicateur = fiche.indicateurs[indicators[0]]
    if line.valeur is None or indicateur.valeurs.get(year) == line.valeur:
        return None
    old = indicateur.valeurs.get(year, MISSING)
    return Change(("indicateurs", indicators[0], "valeurs", year), old, line.valeur, label=libelle)
