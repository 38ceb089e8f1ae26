"""Les tableaux d'un export (`essplan export`) : une valeur typée par cellule, que le classeur et
le CSV mettent en forme chacun à sa façon.

Une cellule vaut un texte, une liste de textes (un élément par ligne dans la cellule), un
montant en euros (`Decimal`), un nombre, une date (un mois : son premier jour ; le format le
montre en « octobre 2016 ») ou rien (None). Un coût que le budget ne sait pas compter est une
cellule vide, jamais 0, et la colonne « Chiffrage » dit pourquoi.

Plusieurs plans : un seul classeur, chaque feuille commence par la colonne « Plan ».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..budget.compute import matrix_years, period_of, place
from ..french import amount, month, status
from ..model.months import Month
from ..model.suivi import Financeur
from ..validation.loader import LoadedPlan

Kind = Literal["text", "lines", "euros", "month", "date", "value", "integer", "percent"]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = "text"


@dataclass(frozen=True, slots=True)
class Table:
    """Une feuille : son nom, ses colonnes, ses lignes (un tuple de valeurs par ligne)."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple]


def _columns(*spec: str | tuple[str, Kind]) -> tuple[Column, ...]:
    return tuple(Column(item) if isinstance(item, str) else Column(*item) for item in spec)


def day(month: Month | None) -> dt.date | None:
    """Le premier jour d'un mois connu ; None sinon."""
    return month.first_day if month is not None and month.known else None


def lines(items) -> list[str]:
    return [str(item) for item in items or ()]


# ------------------------------------------------------------------------------ Plan

PLAN_COLUMNS = _columns(
    "Plan",
    "Collectivité",
    "SIRET",
    "Titre",
    ("Début", "month"),
    ("Fin", "month"),
    "État",
    "Vision",
    ("Axes", "lines"),
    ("Enveloppe (€)", "euros"),
    "Délibération",
    ("Date de la délibération", "date"),
    "Instance",
    "Objet",
    "Matière ACTES",
    "Adresse de la délibération",
    ("Pour", "integer"),
    ("Contre", "integer"),
    ("Abstention", "integer"),
)


def plan_table(plans: list[LoadedPlan]) -> Table:
    return Table("Plan", PLAN_COLUMNS, [_plan_row(loaded) for loaded in plans])


def _plan_row(loaded: LoadedPlan) -> tuple:
    plan = loaded.plan
    delib = plan.deliberation
    vote = delib.vote if delib else None
    matiere = delib.matiere if delib else None
    return (
        loaded.id,
        plan.collectivite,
        plan.siret,
        plan.titre,
        day(plan.periode.debut) if plan.periode else None,
        day(plan.periode.fin) if plan.periode else None,
        {"adopte": "adopté", "projet": "projet"}.get(plan.etat or "", None),
        plan.vision,
        [f"{plan.libelle_axe} {axe.code}\u00a0: {axe.titre}" for axe in plan.axes],
        plan.budget.total if plan.budget else None,
        delib.numero if delib else None,
        delib.date if delib else None,
        delib.instance if delib else None,
        delib.objet if delib else None,
        matiere.code if matiere else None,
        delib.url if delib else None,
        vote.pour if vote else None,
        vote.contre if vote else None,
        vote.abstention if vote else None,
    )


# ---------------------------------------------------------------------------- Fiches

FICHE_COLUMNS = _columns(
    "Plan",
    "Fiche",
    "Axe",
    "Titre",
    ("Pilotes", "lines"),
    ("Associés", "lines"),
    "Contexte",
    ("Méthode", "lines"),
    ("Résultats attendus", "lines"),
    "Public cible",
    "Moyens humains",
    ("Début", "month"),
    ("Fin", "month"),
    "Coût (texte)",
    ("Coût (€)", "euros"),
    "Périodicité",
    "Chiffrage",
    "Détail du coût",
    ("Financement", "lines"),
    "Remarques",
    ("Liens", "lines"),
    ("Indicateurs", "lines"),
    "Statut",
    "Priorité",
    ("Étapes", "lines"),
    ("Journal", "lines"),
    ("Dépensé (€)", "euros"),
)


def fiches_table(plans: list[LoadedPlan]) -> Table:
    rows = [
        _fiche_row(loaded.id, item.fiche) for loaded in plans for item in loaded.in_plan_order()
    ]
    return Table("Fiches", FICHE_COLUMNS, rows)


def _fiche_row(plan_id: str, fiche) -> tuple:
    cost = fiche.cout
    spent = fiche.depenses
    return (
        plan_id,
        fiche.id,
        str(fiche.axe),
        fiche.titre,
        lines(fiche.pilotes),
        lines(fiche.associes),
        fiche.contexte,
        lines(fiche.methode),
        lines(fiche.resultats_attendus),
        fiche.public_cible,
        fiche.moyens_humains,
        day(fiche.debut),
        day(fiche.fin),
        cost.texte if cost else None,
        cost.total if cost else None,
        cost.counted_periodicity if cost else None,
        costing(cost),
        cost.detail if cost else None,
        funding_lines(fiche.financement),
        fiche.remarques,
        lines(fiche.liens),
        [indicateur.libelle for indicateur in fiche.indicateurs or ()],
        status(fiche.statut) or None,
        fiche.priorite,
        [etape.libelle for etape in fiche.etapes or ()],
        [f"{month(entry.date)}\u00a0: {entry.texte}" for entry in fiche.suivi or ()],
        sum(spent.values(), Decimal(0)) if spent else None,
    )


def costing(cost) -> str:
    """Ce que vaut le coût pour le budget : « chiffré », « à préciser » (le texte se lit de
    deux façons) ou « non chiffré »."""
    if cost is not None and cost.known:
        return "chiffré"
    return "à préciser (montant ambigu)" if cost is not None and cost.ambiguous else "non chiffré"


def funding_lines(financement) -> list[str]:
    if isinstance(financement, str):
        return [financement] if financement.strip() else []
    return [_funder(item) for item in financement or ()]


def _funder(item: str | Financeur) -> str:
    if isinstance(item, str):
        return item
    details = [amount(item.montant)] if item.montant is not None else []
    details += [str(item.annee)] if item.annee is not None else []
    return f"{item.financeur}\u00a0: {', '.join(details)}" if details else item.financeur


# ----------------------------------------------------------------------- Indicateurs

INDICATOR_COLUMNS = _columns(
    "Plan",
    "Fiche",
    "Indicateur",
    "Unité",
    ("Cible", "value"),
    ("Année", "integer"),
    ("Cible de l'année", "value"),
    ("Valeur", "value"),
)


def indicators_table(plans: list[LoadedPlan]) -> Table:
    """Une ligne par indicateur et par année où il a une cible ou une valeur ; un indicateur
    sans année a une ligne, l'année vide."""
    rows = []
    for loaded in plans:
        for item in loaded.in_plan_order():
            for indicateur in item.fiche.indicateurs or ():
                head = (loaded.id, item.fiche.id, indicateur.libelle, indicateur.unite)
                target = indicateur.cible
                years = sorted({*indicateur.cibles, *indicateur.valeurs}) or [None]
                rows += [
                    (*head, target, year, indicateur.cibles.get(year), indicateur.valeurs.get(year))
                    for year in years
                ]
    return Table("Indicateurs", INDICATOR_COLUMNS, rows)


# ----------------------------------------------------------------- Suivi et Étapes

SUIVI_COLUMNS = _columns(
    "Plan", "Fiche", ("Date", "month"), "Nouvelle", "Statut", ("Avancement", "percent")
)
ETAPE_COLUMNS = _columns(
    "Plan", "Fiche", "Étape", ("Échéance", "month"), ("Réalisée", "month"), "Faite"
)


def suivi_table(plans: list[LoadedPlan]) -> Table:
    rows = [
        (loaded.id, item.fiche.id, day(entry.date), entry.texte)
        + (status(entry.statut) or None, entry.avancement)
        for loaded in plans
        for item in loaded.in_plan_order()
        for entry in item.fiche.suivi or ()
    ]
    return Table("Suivi", SUIVI_COLUMNS, rows)


def etapes_table(plans: list[LoadedPlan]) -> Table:
    rows = [
        (loaded.id, item.fiche.id, etape.libelle, day(etape.echeance), day(etape.realisee))
        + (_done(etape),)
        for loaded in plans
        for item in loaded.in_plan_order()
        for etape in item.fiche.etapes or ()
    ]
    return Table("Étapes", ETAPE_COLUMNS, rows)


def _done(etape) -> str:
    if etape.realisee is None:
        return "non"
    return "oui" if etape.realisee.known else "oui, à une date inconnue"


# ---------------------------------------------------------------------------- Budget

BUDGET_COLUMNS = _columns(
    "Plan",
    "Fiche",
    "Titre",
    ("Année", "integer"),
    ("Prévu (€)", "euros"),
    ("Dépensé (€)", "euros"),
    "Chiffrage",
)


def budget_table(plans: list[LoadedPlan]) -> Table:
    """Une ligne par fiche et par année où elle court ou a une dépense : le prévu comme
    `essplan budget` le compte (années entières), le dépensé (`depenses`)."""
    rows = []
    for loaded in plans:
        period = period_of(loaded.plan)
        years = set(matrix_years(loaded))
        for item in loaded.in_plan_order():
            spent = item.fiche.depenses or {}
            for year in sorted(years | set(spent)):
                row = _budget_row(item.fiche, year, period, spent.get(year))
                if row is not None:
                    rows.append((loaded.id, *row))
    return Table("Budget", BUDGET_COLUMNS, rows)


UNCOUNTED = {"non_chiffree": "non chiffré", "non_datee": "non daté", "a_preciser": "à préciser"}


def _budget_row(fiche, year: int, period, spent: Decimal | None) -> tuple | None:
    outcome = place(fiche, year, period, False)
    if outcome is None:
        return None if spent is None else (fiche.id, fiche.titre, year, Decimal(0), spent, "")
    kind, line = outcome
    if kind == "fiche":
        return (fiche.id, fiche.titre, year, line.montant, spent, "chiffré")  # type: ignore[union-attr]
    reason = f"{UNCOUNTED[kind]}\u00a0: {line.raison}"  # type: ignore[union-attr]
    return (fiche.id, fiche.titre, year, None, spent, reason)


def workbook_tables(plans: list[LoadedPlan]) -> list[Table]:
    """Les feuilles du classeur, dans l'ordre."""
    return [
        plan_table(plans),
        fiches_table(plans),
        indicators_table(plans),
        suivi_table(plans),
        etapes_table(plans),
        budget_table(plans),
    ]
