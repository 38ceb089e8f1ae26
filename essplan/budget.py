"""Le budget des plans, année par année : ce que coûtent les actions, ce qui n'est pas chiffré.

Une bibliothèque qui rend des données (dataclasses), sans rien afficher : la ligne de commande
les met en forme avec `budget_formats.py`.

Règles de comptage (docs/FORMAT.md, « Budget years », et décisions du projet) :

- Coût annuel : son montant entier pour chaque année civile où l'action court (de `debut` à
  `fin`, bornes comprises) ; avec `prorata`, montant × (mois de l'année entre `debut` et
  `fin`) / 12. Les centimes s'arrondissent de façon cumulée depuis le début de l'action
  (au centime le plus proche) : la somme des années retombe exactement sur montant × mois / 12
  arrondi au centime, aucun centime n'est perdu ni créé ; une année peut donc différer d'un
  centime de son arrondi isolé (la dernière absorbe l'arrondi, comme dans un échéancier).
- Coût ponctuel : compté l'année de `debut` seulement ; la fin ne le change pas.
- Montant 0 (« Néant ») : chiffré, compté 0, dans chaque année où l'action court.
- Fin inconnue : l'action court jusqu'à la fin de la période du plan et le chiffre porte la
  marque ESS201. Sans période (ou quand la période finit avant le début de l'action), on ne
  peut pas la placer après son année de début : elle est « non datée » les années suivantes.
  L'année de début, elle court à coup sûr : son coût annuel y est compté (avec `prorata`,
  jusqu'en décembre, marqué ESS201).
- ESS201 ne marque que les chiffres qui dépendent de la fin supposée : pas l'année de début
  comptée en entier, où l'action court quelle que soit sa fin.
- Début inconnu, ou fin antérieure au début : l'action ne peut pas être placée dans le temps,
  elle est « non datée » (jamais dans un total, jamais parmi les non chiffrées).
- Coût inconnu (pas de `cout`, `""`, `???…`, « Aide plafonnée à € ») : si l'action court
  l'année dite, elle est « non chiffrée » ; jamais comptée 0, jamais dans un total.
- Marques à côté d'un chiffre : ESS302 (groupes de chiffres inhabituels dans le texte du coût),
  ESS303 (produit annoncé faux, ou `detail` dont le total diffère du montant), ESS201 (fin
  supposée).
- Enveloppe (`budget.lignes`) : une ligne `annuel` compte son montant chaque année de la période
  du plan (toute année si le plan n'a pas de période) ; une ligne `ponctuel` ou sans
  périodicité n'est pas répartie sur les années : elle est montrée à part (« ponctuel, non
  annualisé ») et n'entre dans aucun total annuel. Coût des fiches et enveloppe ne
  s'additionnent jamais.
- Section d'une fiche (regroupement `section`) : celle de la première ligne d'enveloppe qui la
  cite dans `fiches` et qui a une section ; sinon « non ventilé ».
- Années de la matrice : celles de la période du plan ; sans période, de la première à la
  dernière année citée par les `debut` et `fin` connus des fiches.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, NamedTuple

from . import french
from .loader import LoadedPlan
from .cost_checks import marks
from .months import Month, month_at

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
        order = {"axe": [axe.code for axe in self.axes], "section": [*SECTIONS, NOT_ALLOCATED],
                 "fiche": self.fiche_ids}[by]
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
    months: tuple[Month, Month] | None  # premier et dernier mois comptés (prorata)
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
    hors_periode: tuple[EnvelopeLine, ...] = ()  # lignes annuelles non comptées : année hors période

    @property
    def declared(self) -> bool:
        return bool(self.lignes or self.ponctuelles or self.hors_periode)

    @property
    def total(self) -> Decimal:
        return sum((line.montant for line in self.lignes), ZERO)

    @property
    def sections(self) -> tuple[Subtotal, ...]:
        return tuple(
            Subtotal(name or "", section_label(name), sum((l.montant for l in lines), ZERO))
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
    years: tuple[YearBudget, ...]
    non_datees: tuple[FicheRef, ...]  # fiches qu'aucune année ne peut placer
    lignes_enveloppe: tuple[EnvelopeLine, ...]  # toutes les lignes, pour un plan sans année

    @property
    def annees(self) -> tuple[int, ...]:
        return tuple(year.annee for year in self.years)

    @property
    def totals(self) -> tuple[Decimal, ...]:
        return tuple(year.total for year in self.years)

    @property
    def costed(self) -> tuple[bool, ...]:
        """Par année : au moins une fiche chiffrée (sinon le total n'est pas un « 0 € »)."""
        return tuple(bool(year.fiches) for year in self.years)

    @property
    def envelope_totals(self) -> tuple[Decimal, ...]:
        return tuple(year.enveloppe.total for year in self.years)

    @property
    def shown_totals(self) -> tuple[Decimal | None, ...]:
        """Les totaux des actions, None les années sans fiche chiffrée (« — », pas « 0 € »)."""
        return tuple(year.total if year.fiches else None for year in self.years)

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
            return tuple(None for _ in self.years)
        return self.envelope_totals

    @property
    def uncosted_counts(self) -> tuple[int, ...]:
        return tuple(len(year.non_chiffrees) for year in self.years)

    @property
    def unclear_counts(self) -> tuple[int, ...]:
        return tuple(len(year.a_preciser) for year in self.years)

    def distinct(self, kind: str) -> int:
        """Le nombre de fiches distinctes non chiffrées (ou à préciser, ou non datées) sur la
        période : une fiche non chiffrée cinq ans compte une fois."""
        return len({ref.id for year in self.years for ref in getattr(year, kind)})

    @property
    def undated_counts(self) -> tuple[int, ...]:
        return tuple(len(year.non_datees) for year in self.years)

    @property
    def ponctuelles(self) -> tuple[EnvelopeLine, ...]:
        return tuple(l for l in self.lignes_enveloppe if not l.yearly)

    @property
    def a_preciser(self) -> tuple[FicheRef, ...]:
        seen: dict[str, FicheRef] = {}
        for year in self.years:
            for ref in year.a_preciser:
                seen.setdefault(ref.id, ref)
        return tuple(seen.values())

    def rows(self, by: Grouping = "axe") -> tuple[MatrixRow, ...]:
        # Les lignes de chaque année rangées une fois par groupe : linéaire, même par fiche.
        per_year = [_lines_by_group(year, by) for year in self.years]
        return tuple(_matrix_row(per_year, code, label) for code, label in _row_keys(self, by))

    @property
    def annuelles(self) -> tuple[EnvelopeLine, ...]:
        return tuple(l for l in self.lignes_enveloppe if l.yearly)

    def envelope_rows(self) -> tuple[MatrixRow, ...]:
        """Une ligne par section de l'enveloppe annuelle."""
        return tuple(self._section_row(name) for name, _ in _by_section(self.annuelles))

    def _section_row(self, name: str | None) -> MatrixRow:
        amounts = tuple(sum((l.montant for l in year.enveloppe.lignes if l.section == name), ZERO)
                        for year in self.years)
        return MatrixRow(name or "", section_label(name), amounts, tuple(() for _ in self.years))


# ------------------------------------------------------------------------------ le calcul


def compute_year(loaded: LoadedPlan, year: int, prorata: bool = False) -> YearBudget:
    """Le budget d'un plan valide pour une année civile."""
    info = plan_info(loaded)
    sections = fiche_sections(loaded.plan)
    placed: dict[str, list] = {"fiche": [], "non_chiffree": [], "non_datee": [], "a_preciser": []}
    for item in loaded.in_plan_order():
        outcome = place(item.fiche, year, info.periode, prorata, sections.get(item.fiche.id))
        if outcome is not None:
            placed[outcome[0]].append(outcome[1])
    return YearBudget(info, year, prorata, tuple(placed["fiche"]), tuple(placed["non_chiffree"]),
                      tuple(placed["non_datee"]), envelope(loaded.plan, year),
                      tuple(placed["a_preciser"]))


def compute_matrix(loaded: LoadedPlan, prorata: bool = False) -> PlanMatrix:
    """Le budget d'un plan valide pour chacune de ses années (voir `matrix_years`)."""
    years = tuple(compute_year(loaded, year, prorata) for year in matrix_years(loaded))
    lines = tuple(_envelope_line(l) for l in (loaded.plan.budget.lignes if loaded.plan.budget else []))
    return PlanMatrix(plan_info(loaded), prorata, years, undatable(loaded), lines)


def matrix_years(loaded: LoadedPlan) -> range:
    period = loaded.plan.periode
    if period is not None:
        return range(period.debut.annee, period.fin.annee + 1)
    years = [month.annee for item in loaded.fiches for month in (item.fiche.debut, item.fiche.fin)
             if month is not None and month.known]
    return range(min(years), max(years) + 1) if years else range(0)


def undatable(loaded: LoadedPlan) -> tuple[FicheRef, ...]:
    """Les fiches qu'aucune année ne peut placer : début inconnu, ou fin avant le début."""
    refs = []
    for item in loaded.in_plan_order():
        reason = _undated_reason(item.fiche)
        if reason:
            refs.append(_ref(item.fiche, reason))
    return tuple(refs)


def plan_info(loaded: LoadedPlan) -> PlanInfo:
    plan = loaded.plan
    period = (plan.periode.debut, plan.periode.fin) if plan.periode else None
    return PlanInfo(
        loaded.id, plan.collectivite, plan.titre, plan.libelle_axe, plan.libelle_fiche, period,
        tuple(AxeInfo(str(axe.code), axe.titre) for axe in plan.axes),
        tuple(item.fiche.id for item in loaded.in_plan_order()),
    )


def fiche_sections(plan) -> dict[str, str]:
    """id de fiche → section de la première ligne d'enveloppe qui la finance."""
    sections: dict[str, str] = {}
    for line in (plan.budget.lignes if plan.budget else []):
        for fiche_id in line.fiches:
            if line.section:
                sections.setdefault(fiche_id, line.section)
    return sections


# ------------------------------------------------------------- une fiche, une année


def place(fiche, year: int, period: tuple[Month, Month] | None, prorata: bool,
          section: str | None = None) -> tuple[str, FicheLine | FicheRef] | None:
    """Où va une fiche l'année dite : ("fiche", ligne), ("non_chiffree" | "non_datee" |
    "a_preciser", ref), ou None si elle ne court pas cette année-là."""
    reason = _undated_reason(fiche)
    if reason == "début inconnu":
        return "non_datee", _ref(fiche, reason)
    start = fiche.debut.index
    cost = fiche.cout
    if cost is not None and (cost.known or cost.ambiguous) and not cost.periodic:
        # Un coût ponctuel ne compte que l'année du début : la fin n'y change rien.
        if start // 12 != year:
            return None
        return ("a_preciser", _unclear_ref(fiche)) if cost.ambiguous else ("fiche", _line(fiche, year, start, None, False, prorata, section))
    if reason:
        return "non_datee", _ref(fiche, reason)
    end, assumed = action_end(fiche, period, start)
    months = months_in(year, start, end)
    if months is None:
        return "non_datee", _ref(fiche, "fin inconnue et plan sans période")
    if months == 0:
        return None
    if cost is not None and cost.ambiguous:
        return "a_preciser", _unclear_ref(fiche)
    if cost is None or not cost.known:
        return "non_chiffree", _ref(fiche, "coût inconnu")
    return "fiche", _line(fiche, year, start, end, assumed, prorata, section)


def action_end(fiche, period: tuple[Month, Month] | None, start: int) -> tuple[int | None, bool]:
    """Le dernier mois (index) de l'action et s'il est supposé ; None : fin inconnue sans
    période qui la borne."""
    if fiche.fin is not None and fiche.fin.known:
        return fiche.fin.index, False
    if period is not None and period[1].index >= start:
        return period[1].index, True
    return None, False


def months_in(year: int, start: int, end: int | None) -> int | None:
    """Les mois de `year` entre `start` et `end` (index de mois) ; None si on ne peut pas le
    dire (fin inconnue, après l'année de début)."""
    first, last = year * 12, year * 12 + 11
    if end is None:
        if year != start // 12:
            return 0 if year < start // 12 else None
        return last - start + 1
    return max(0, min(last, end) - max(first, start) + 1)


def prorata_amount(amount: Decimal, months_before: int, months: int) -> Decimal:
    """La part de l'année, arrondie de façon cumulée : la somme des années est exacte au centime."""
    return _cents(amount * (months_before + months) / 12) - _cents(amount * months_before / 12)


def cost_marks(cost) -> tuple[Mark, ...]:
    """Les marques d'un coût (ESS302, ESS303, ESS308, ESS309), d'après `cost_checks`."""
    return tuple(Mark(code, note) for code, note in marks(cost))


def _undated_reason(fiche) -> str:
    if fiche.debut is None or not fiche.debut.known:
        return "début inconnu"
    if fiche.fin is not None and fiche.fin.known and fiche.fin.index < fiche.debut.index:
        return "fin antérieure au début"
    return ""


def _line(fiche, year: int, start: int, end: int | None, assumed: bool, prorata: bool,
          section: str | None) -> FicheLine:
    """La ligne d'une année : chaque partie du coût, comptée selon sa périodicité."""
    first = max(year * 12, start)
    months = months_in(year, start, end) if end is not None or year == start // 12 else None
    before = max(0, first - start)
    parts = tuple(part for part in (_counted(p, year, start, before, months, prorata)
                                    for p in fiche.cout.parts) if part is not None)
    periodic = any(p.mode != "ponctuel" for p in parts)
    marks = cost_marks(fiche.cout)
    if periodic:
        marks += _end_marks(fiche, year, start, end, assumed, prorata) + _month_marks(fiche, year, prorata)
    prorated = any(p.mois is not None for p in parts)
    counted = (month_at(first), month_at(first + months - 1)) if prorated and months else None
    mode = parts[0].mode if len(parts) == 1 else "mixte"
    return FicheLine(fiche.id, str(fiche.axe), fiche.titre, sum((p.montant for p in parts), ZERO),
                     mode, months if prorated else None, counted, marks, section, fiche.debut,
                     fiche.fin, parts, fiche.cout.reading.taxe)


def _counted(part, year: int, start: int, before: int, months: int | None,
             prorata: bool) -> LinePart | None:
    """Une partie du coût pour l'année : ponctuelle l'année du début, annuelle en entier ou au
    prorata, mensuelle douze fois ou une fois par mois couru."""
    if part.periodicite == "ponctuel":
        return LinePart(part.montant, "ponctuel", part.montant) if year == start // 12 else None
    if part.periodicite == "mensuel":
        if prorata:
            return LinePart(part.montant * months, "mensuel", part.montant, months)
        return LinePart(part.montant * 12, "mensuel", part.montant)
    if not prorata:
        return LinePart(part.montant, "annuel", part.montant)
    return LinePart(prorata_amount(part.montant, before, months), "prorata", part.montant, months)


def _month_marks(fiche, year: int, prorata: bool) -> tuple[Mark, ...]:
    """ESS207 : au prorata, un début ou une fin imprécis (« 2026 ») change le nombre de mois
    comptés l'année où il tombe."""
    if not prorata:
        return ()
    return tuple(Mark("ESS207", month.imprecision) for month in (fiche.debut, fiche.fin)
                 if month is not None and month.imprecision and month.annee == year)


def _end_marks(fiche, year: int, start: int, end: int | None, assumed: bool,
               prorata: bool) -> tuple[Mark, ...]:
    """ESS201 quand le chiffre dépend d'une fin supposée ; l'année de début comptée en entier
    n'en dépend pas : l'action y court, quelle que soit sa fin."""
    if not (prorata or year > start // 12):
        return ()
    if assumed:
        return (Mark("ESS201", "fin supposée : fin de la période du plan"
                               f" ({french.month(month_at(end))})"),)
    if end is None:
        return (Mark("ESS201", f"fin inconnue : supposée après {french.month(month_at(year * 12 + 11))}"),)
    return ()


def _ref(fiche, reason: str) -> FicheRef:
    return FicheRef(fiche.id, str(fiche.axe), fiche.titre, reason)


def _unclear_ref(fiche) -> FicheRef:
    ambiguity = fiche.cout.reading.ambiguity
    readings = f" : {' ou '.join(ambiguity.lectures)}" if ambiguity and ambiguity.lectures else ""
    return _ref(fiche, f"montant ambigu{readings}")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------------------- l'enveloppe


def envelope(plan, year: int) -> Envelope:
    """Les lignes annuelles comptent chaque année de la période (toute année sans période)."""
    lines = [_envelope_line(line) for line in (plan.budget.lignes if plan.budget else [])]
    period = plan.periode
    in_period = period is None or period.debut.annee <= year <= period.fin.annee
    yearly = tuple(l for l in lines if l.yearly)
    one_offs = tuple(l for l in lines if not l.yearly)
    return Envelope(yearly, one_offs) if in_period else Envelope((), one_offs, yearly)


def _envelope_line(line) -> EnvelopeLine:
    per_year = line.montant * 12 if line.periodicite == "mensuel" else line.montant
    return EnvelopeLine(line.libelle, line.section, per_year, line.periodicite)


def section_label(section: str | None) -> str:
    return (section or "section non précisée").capitalize()


def _by_section(lines) -> list[tuple[str | None, list[EnvelopeLine]]]:
    """Les lignes par section : investissement, fonctionnement, puis sans section."""
    lines = list(lines)
    order = [*SECTIONS, None]
    return [(name, [l for l in lines if l.section == name]) for name in order
            if any(l.section == name for l in lines)]


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
    return [(Subtotal(code, label, sum((l.montant for l in lines), ZERO)), lines)
            for code, (label, lines) in ordered]


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
    keys = {row_key(line, matrix.plan, by) for year in matrix.years for line in year.fiches}
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
        amounts.append(sum((l.montant for l in lines), ZERO) if lines else None)
        marks.append(tuple(dict.fromkeys(m.code for l in lines for m in l.marks)))
    return MatrixRow(code, label, tuple(amounts), tuple(marks))


# ------------------------------------------------------------------------ plusieurs plans


@dataclass(frozen=True, slots=True)
class BudgetReport:
    """Ce que la commande affiche : une année (`annee`) ou la matrice (`annee` None)."""

    annee: int | None
    prorata: bool
    plans: tuple  # YearBudget si `annee`, sinon PlanMatrix

    @property
    def annees(self) -> tuple[int, ...]:
        if self.annee is not None:
            return (self.annee,)
        return tuple(sorted({year for matrix in self.plans for year in matrix.annees}))

    def grand_totals(self) -> dict[int, tuple[Decimal, Decimal]]:
        """Année → (total des fiches, total des enveloppes), tous plans confondus ; jamais
        additionnés l'un à l'autre."""
        return {year: (self._sum(year, "total"), self._sum(year, "enveloppe")) for year in self.annees}

    def counted(self, year: int) -> tuple[bool, bool]:
        """(une fiche chiffrée, une ligne d'enveloppe comptée) cette année, tous plans confondus :
        sans rien de compté, l'affichage écrit « — » plutôt qu'un 0 trompeur."""
        budgets = self._years(year)
        # Une enveloppe annuelle déclarée compte, fût-ce 0 € hors de sa période : c'est ce que
        # dit le bloc du plan ; « — » n'est écrit que si aucun plan n'a de ligne annuelle.
        return (any(b.fiches for b in budgets),
                any(b.enveloppe.lignes or b.enveloppe.hors_periode for b in budgets))

    def _sum(self, year: int, what: str) -> Decimal:
        total = ZERO
        for budget in self._years(year):
            total += budget.total if what == "total" else budget.enveloppe.total
        return total

    def _years(self, year: int):
        if self.annee is not None:
            return self.plans
        return [budget for matrix in self.plans for budget in matrix.years if budget.annee == year]
