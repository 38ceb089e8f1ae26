"""Les données du budget, sans rien afficher : une fiche une année (`FicheLine`), une année
d'un plan (`YearBudget`), toutes ses années (`PlanMatrix`), l'enveloppe, les regroupements
(par axe, fiche ou section), et ce que la matrice en dit (totaux, « — » quand rien n'est
compté). Le calcul qui les remplit est dans `compute.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from ..model.months import Month

ZERO = Decimal(0)
CENT = Decimal("0.01")
SECTIONS = ("investissement", "fonctionnement")
NOT_ALLOCATED = "non ventilé"
Mode = Literal["annuel", "prorata", "ponctuel", "mensuel"]
Grouping = Literal["axe", "fiche", "section"]


class Mark(NamedTuple):
    """Une constatation qui change le sens d'un chiffre : code et note en français."""

    code: str
    note: str


# --------------------------------------------------------------------------------- données


@dataclass(frozen=True, slots=True)
class AxeInfo:
    code: str
    titre: str


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """Ce que l'affichage doit savoir du plan, sans garder le plan chargé en mémoire."""

    id: str
    collectivite: str
    titre: str
    libelle_axe: str
    libelle_fiche: str
    periode: tuple[Month, Month] | None
    axes: tuple[AxeInfo, ...]
    fiche_ids: tuple[str, ...]  # dans l'ordre du plan

    def axe_title(self, code: str) -> str:
        return next((axe.titre for axe in self.axes if axe.code == code), "")

    def ranks(self, by: str) -> dict[str, int]:
        """Le rang de chaque groupe (axe, section ou fiche) dans l'ordre du plan."""
        order = {
            "axe": [axe.code for axe in self.axes],
            "section": [*SECTIONS, NOT_ALLOCATED],
            "fiche": self.fiche_ids,
        }[by]
        return {code: rank for rank, code in reversed(list(enumerate(order)))}

    def axe_label(self, code: str) -> str:
        titre = self.axe_title(code)
        return f"{self.libelle_axe} {code} : {titre}" if titre else f"{self.libelle_axe} {code}"


@dataclass(frozen=True, slots=True)
class FicheRef:
    """Une fiche citée sans montant (non chiffrée ou non datée), avec la raison."""

    id: str
    axe: str
    titre: str
    raison: str = ""


@dataclass(frozen=True, slots=True)
class LinePart:
    """Une partie du coût comptée une année (« 5 000 € + 2 000 €/an » en a deux)."""

    montant: Decimal
    mode: Mode
    unit: Decimal  # le montant écrit (par an, par mois, ou une fois)
    mois: int | None = None  # mois comptés (prorata, ou mensuel au prorata)


@dataclass(frozen=True, slots=True)
class FicheLine:
    """Le coût d'une fiche pour une année, et comment il a été compté."""

    id: str
    axe: str
    titre: str
    montant: Decimal
    mode: Mode | Literal["mixte"]  # celui de la partie, ou « mixte » s'il y en a plusieurs
    mois: int | None  # mois comptés (prorata) ; None en annuel entier ou ponctuel
    span: tuple[Month, Month] | None  # premier et dernier mois comptés (prorata)
    marks: tuple[Mark, ...]
    section: str | None
    debut: Month | None
    fin: Month | None
    parts: tuple[LinePart, ...] = ()
    taxe: str | None = None  # « HT » ou « TTC » quand le texte le dit


@dataclass(frozen=True, slots=True)
class Subtotal:
    code: str
    libelle: str
    montant: Decimal


@dataclass(frozen=True, slots=True)
class EnvelopeLine:
    libelle: str
    section: str | None
    montant: Decimal  # pour une année (douze mois d'une ligne mensuelle), ou une fois
    periodicite: str | None

    @property
    def yearly(self) -> bool:
        return self.periodicite in ("annuel", "mensuel")


@dataclass(frozen=True, slots=True)
class Envelope:
    """L'enveloppe du plan pour une année : lignes annuelles comptées, lignes ponctuelles à part."""

    lignes: tuple[EnvelopeLine, ...]
    ponctuelles: tuple[EnvelopeLine, ...]
    hors_periode: tuple[
        EnvelopeLine, ...
    ] = ()  # lignes annuelles non comptées : année hors période

    @property
    def declared(self) -> bool:
        return bool(self.lignes or self.ponctuelles or self.hors_periode)

    @property
    def total(self) -> Decimal:
        return sum((line.montant for line in self.lignes), ZERO)

    @property
    def sections(self) -> tuple[Subtotal, ...]:
        return tuple(
            Subtotal(name or "", section_label(name), sum((line.montant for line in lines), ZERO))
            for name, lines in _by_section(self.lignes)
        )


@dataclass(frozen=True, slots=True)
class YearBudget:
    """Un plan, une année : les fiches comptées, les non chiffrées, les non datées, l'enveloppe."""

    plan: PlanInfo
    annee: int
    prorata: bool
    fiches: tuple[FicheLine, ...]  # dans l'ordre du plan
    non_chiffrees: tuple[FicheRef, ...]
    non_datees: tuple[FicheRef, ...]
    enveloppe: Envelope
    a_preciser: tuple[FicheRef, ...] = ()  # montant ambigu : jamais compté

    @property
    def total(self) -> Decimal:
        return sum((line.montant for line in self.fiches), ZERO)

    @property
    def axes(self) -> tuple[Subtotal, ...]:
        return subtotals(self, "axe")


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """Une ligne de la matrice : un montant par année (None : aucune fiche chiffrée)."""

    code: str
    libelle: str
    montants: tuple[Decimal | None, ...]
    marks: tuple[tuple[str, ...], ...]  # codes des marques, par année

    @property
    def total(self) -> Decimal | None:
        """Le total de la ligne sur la période (None : rien de chiffré)."""
        return sum_known(self.montants)


def sum_known(amounts) -> Decimal | None:
    """La somme des montants connus ; None s'il n'y en a aucun (« — », pas « 0 € »)."""
    known = [a for a in amounts if a is not None]
    return sum(known, ZERO) if known else None


@dataclass(frozen=True, slots=True)
class PlanMatrix:
    """Un plan, toutes ses années : une colonne par année, calculée par `compute_year`."""

    plan: PlanInfo
    prorata: bool
    year_budgets: tuple[YearBudget, ...]  # une par année, dans l'ordre
    non_datees: tuple[FicheRef, ...]  # fiches qu'aucune année ne peut placer
    lignes_enveloppe: tuple[EnvelopeLine, ...]  # toutes les lignes, pour un plan sans année

    @property
    def annees(self) -> tuple[int, ...]:
        return tuple(year.annee for year in self.year_budgets)

    @property
    def totals(self) -> tuple[Decimal, ...]:
        return tuple(year.total for year in self.year_budgets)

    @property
    def costed(self) -> tuple[bool, ...]:
        """Par année : au moins une fiche chiffrée (sinon le total n'est pas un « 0 € »)."""
        return tuple(bool(year.fiches) for year in self.year_budgets)

    @property
    def envelope_totals(self) -> tuple[Decimal, ...]:
        return tuple(year.enveloppe.total for year in self.year_budgets)

    @property
    def shown_totals(self) -> tuple[Decimal | None, ...]:
        """Les totaux des actions, None les années sans fiche chiffrée (« — », pas « 0 € »)."""
        return tuple(year.total if year.fiches else None for year in self.year_budgets)

    @property
    def period_total(self) -> Decimal | None:
        """Le coût des actions sur toutes les années de la matrice (None : rien de chiffré)."""
        return sum_known(self.shown_totals)

    @property
    def envelope_period_total(self) -> Decimal | None:
        return sum_known(self.shown_envelope_totals)

    @property
    def shown_envelope_totals(self) -> tuple[Decimal | None, ...]:
        """Les totaux de l'enveloppe annuelle ; None sans ligne annuelle dans le plan. Une année
        hors de la période d'un plan qui a des lignes annuelles vaut 0 € : le plan n'y engage
        rien."""
        if not self.annuelles:
            return tuple(None for _ in self.year_budgets)
        return self.envelope_totals

    @property
    def uncosted_counts(self) -> tuple[int, ...]:
        return tuple(len(year.non_chiffrees) for year in self.year_budgets)

    @property
    def unclear_counts(self) -> tuple[int, ...]:
        return tuple(len(year.a_preciser) for year in self.year_budgets)

    def distinct(self, kind: str) -> int:
        """Le nombre de fiches distinctes non chiffrées (ou à préciser, ou non datées) sur la
        période : une fiche non chiffrée cinq ans compte une fois."""
        return len({ref.id for year in self.year_budgets for ref in getattr(year, kind)})

    @property
    def undated_counts(self) -> tuple[int, ...]:
        return tuple(len(year.non_datees) for year in self.year_budgets)

    @property
    def ponctuelles(self) -> tuple[EnvelopeLine, ...]:
        return tuple(line for line in self.lignes_enveloppe if not line.yearly)

    @property
    def a_preciser(self) -> tuple[FicheRef, ...]:
        seen: dict[str, FicheRef] = {}
        for year in self.year_budgets:
            for ref in year.a_preciser:
                seen.setdefault(ref.id, ref)
        return tuple(seen.values())

    def rows(self, by: Grouping = "axe") -> tuple[MatrixRow, ...]:
        # Les lignes de chaque année rangées une fois par groupe : linéaire, même par fiche.
        per_year = [_lines_by_group(year, by) for year in self.year_budgets]
        return tuple(_matrix_row(per_year, code, label) for code, label in _row_keys(self, by))

    @property
    def annuelles(self) -> tuple[EnvelopeLine, ...]:
        return tuple(line for line in self.lignes_enveloppe if line.yearly)

    def envelope_rows(self) -> tuple[MatrixRow, ...]:
        """Une ligne par section de l'enveloppe annuelle."""
        return tuple(self._section_row(name) for name, _ in _by_section(self.annuelles))

    def _section_row(self, name: str | None) -> MatrixRow:
        amounts = tuple(
            sum((line.montant for line in year.enveloppe.lignes if line.section == name), ZERO)
            for year in self.year_budgets
        )
        return MatrixRow(
            name or "", section_label(name), amounts, tuple(() for _ in self.year_budgets)
        )


def section_label(section: str | None) -> str:
    return (section or "section non précisée").capitalize()


def _by_section(lines) -> list[tuple[str | None, list[EnvelopeLine]]]:
    """Les lignes par section : investissement, fonctionnement, puis sans section."""
    lines = list(lines)
    order = [*SECTIONS, None]
    return [
        (name, [line for line in lines if line.section == name])
        for name in order
        if any(line.section == name for line in lines)
    ]


# ------------------------------------------------------------------------ les regroupements


def row_key(line: FicheLine, plan: PlanInfo, by: Grouping) -> tuple[str, str]:
    """(code, libellé) du groupe d'une ligne : son axe, sa section, ou elle-même."""
    if by == "axe":
        return line.axe, plan.axe_label(line.axe)
    if by == "section":
        return line.section or NOT_ALLOCATED, (line.section or NOT_ALLOCATED).capitalize()
    return line.id, line.titre


def grouped(budget: YearBudget, by: Grouping) -> list[tuple[Subtotal, list[FicheLine]]]:
    """Les lignes de l'année par groupe, dans l'ordre du plan (axes) ou des sections."""
    groups: dict[str, tuple[str, list[FicheLine]]] = {}
    for line in budget.fiches:
        code, label = row_key(line, budget.plan, by)
        groups.setdefault(code, (label, []))[1].append(line)
    rank = _ranking(budget.plan, by)
    ordered = sorted(groups.items(), key=lambda item: rank(item[0]))
    return [
        (Subtotal(code, label, sum((line.montant for line in lines), ZERO)), lines)
        for code, (label, lines) in ordered
    ]


def subtotals(budget: YearBudget, by: Grouping) -> tuple[Subtotal, ...]:
    return tuple(subtotal for subtotal, _ in grouped(budget, by))


def _ranking(plan: PlanInfo, by: Grouping):
    """La clé de tri des groupes dans l'ordre du plan (un dictionnaire calculé une fois)."""
    order = plan.ranks(by)
    return lambda code: order.get(code, len(order))


def _row_keys(matrix: PlanMatrix, by: Grouping) -> list[tuple[str, str]]:
    """Les lignes de la matrice : tous les axes du plan ; les fiches ou sections présentes."""
    if by == "axe":
        return [(axe.code, matrix.plan.axe_label(axe.code)) for axe in matrix.plan.axes]
    keys = {row_key(line, matrix.plan, by) for year in matrix.year_budgets for line in year.fiches}
    rank = _ranking(matrix.plan, by)
    return sorted(keys, key=lambda key: rank(key[0]))


def _lines_by_group(year: YearBudget, by: Grouping) -> dict[str, list[FicheLine]]:
    groups: dict[str, list[FicheLine]] = {}
    for line in year.fiches:
        groups.setdefault(row_key(line, year.plan, by)[0], []).append(line)
    return groups


def _matrix_row(per_year: list[dict[str, list[FicheLine]]], code: str, label: str) -> MatrixRow:
    amounts, marks = [], []
    for groups in per_year:
        lines = groups.get(code, [])
        amounts.append(sum((line.montant for line in lines), ZERO) if lines else None)
        marks.append(tuple(dict.fromkeys(m.code for line in lines for m in line.marks)))
    return MatrixRow(code, label, tuple(amounts), tuple(marks))
