"""Le budget des plans, année par année : ce que coûtent les actions, ce qui n'est pas chiffré.

Une bibliothèque qui rend des données (dataclasses), sans rien afficher : la ligne de commande
les met en forme avec `tables.py`, `text.py` et `data.py`.

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

from decimal import ROUND_HALF_UP, Decimal

from .. import french
from ..model.cost_checks import marks
from ..model.months import Month, month_at
from ..validation.loader import LoadedPlan
from .figures import (
    CENT,
    ZERO,
    AxeInfo,
    Envelope,
    EnvelopeLine,
    FicheLine,
    FicheRef,
    LinePart,
    Mark,
    PlanInfo,
    PlanMatrix,
    YearBudget,
)

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
    return YearBudget(
        info,
        year,
        prorata,
        tuple(placed["fiche"]),
        tuple(placed["non_chiffree"]),
        tuple(placed["non_datee"]),
        envelope(loaded.plan, year),
        tuple(placed["a_preciser"]),
    )


def compute_matrix(loaded: LoadedPlan, prorata: bool = False) -> PlanMatrix:
    """Le budget d'un plan valide pour chacune de ses années (voir `matrix_years`)."""
    years = tuple(compute_year(loaded, year, prorata) for year in matrix_years(loaded))
    lines = tuple(
        _envelope_line(line) for line in (loaded.plan.budget.lignes if loaded.plan.budget else [])
    )
    return PlanMatrix(plan_info(loaded), prorata, years, undatable(loaded), lines)


def matrix_years(loaded: LoadedPlan) -> range:
    period = loaded.plan.periode
    if period is not None:
        return range(period.debut.annee, period.fin.annee + 1)
    years = [
        month.annee
        for item in loaded.fiches
        for month in (item.fiche.debut, item.fiche.fin)
        if month is not None and month.known
    ]
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
    period = period_of(plan)
    return PlanInfo(
        loaded.id,
        plan.collectivite,
        plan.titre,
        plan.libelle_axe,
        plan.libelle_fiche,
        period,
        tuple(AxeInfo(str(axe.code), axe.titre) for axe in plan.axes),
        tuple(item.fiche.id for item in loaded.in_plan_order()),
    )


def period_of(plan) -> tuple[Month, Month] | None:
    """La période du plan comme le budget la prend : (début, fin), ou None."""
    return (plan.periode.debut, plan.periode.fin) if plan.periode else None


def fiche_sections(plan) -> dict[str, str]:
    """id de fiche → section de la première ligne d'enveloppe qui la finance."""
    sections: dict[str, str] = {}
    for line in plan.budget.lignes if plan.budget else []:
        for fiche_id in line.fiches:
            if line.section:
                sections.setdefault(fiche_id, line.section)
    return sections


# ------------------------------------------------------------- une fiche, une année


def place(
    fiche, year: int, period: tuple[Month, Month] | None, prorata: bool, section: str | None = None
) -> tuple[str, FicheLine | FicheRef] | None:
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
        return (
            ("a_preciser", _unclear_ref(fiche))
            if cost.ambiguous
            else ("fiche", _line(fiche, year, start, None, False, prorata, section))
        )
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


def _line(
    fiche, year: int, start: int, end: int | None, assumed: bool, prorata: bool, section: str | None
) -> FicheLine:
    """La ligne d'une année : chaque partie du coût, comptée selon sa périodicité."""
    first = max(year * 12, start)
    months = months_in(year, start, end)
    # `place` ne demande la ligne que d'une année dont on sait compter les mois.
    assert months is not None, "ligne demandée pour une année aux mois inconnus"
    before = max(0, first - start)
    parts = tuple(
        part
        for part in (_counted(p, year, start, before, months, prorata) for p in fiche.cout.parts)
        if part is not None
    )
    periodic = any(p.mode != "ponctuel" for p in parts)
    marks = cost_marks(fiche.cout)
    if periodic:
        marks += _end_marks(fiche, year, start, end, assumed, prorata) + _month_marks(
            fiche, year, prorata
        )
    prorated = any(p.mois is not None for p in parts)
    counted = (month_at(first), month_at(first + months - 1)) if prorated and months else None
    mode = parts[0].mode if len(parts) == 1 else "mixte"
    return FicheLine(
        fiche.id,
        str(fiche.axe),
        fiche.titre,
        sum((p.montant for p in parts), ZERO),
        mode,
        months if prorated else None,
        counted,
        marks,
        section,
        fiche.debut,
        fiche.fin,
        parts,
        fiche.cout.reading.taxe,
    )


def _counted(
    part, year: int, start: int, before: int, months: int, prorata: bool
) -> LinePart | None:
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
    return tuple(
        Mark("ESS207", month.imprecision)
        for month in (fiche.debut, fiche.fin)
        if month is not None and month.imprecision and month.annee == year
    )


def _end_marks(
    fiche, year: int, start: int, end: int | None, assumed: bool, prorata: bool
) -> tuple[Mark, ...]:
    """ESS201 quand le chiffre dépend d'une fin supposée ; l'année de début comptée en entier
    n'en dépend pas : l'action y court, quelle que soit sa fin."""
    if not (prorata or year > start // 12):
        return ()
    if assumed and end is not None:
        return (
            Mark(
                "ESS201",
                f"fin supposée : fin de la période du plan ({french.month(month_at(end))})",
            ),
        )
    if end is None:
        return (
            Mark(
                "ESS201", f"fin inconnue : supposée après {french.month(month_at(year * 12 + 11))}"
            ),
        )
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
    yearly = tuple(line for line in lines if line.yearly)
    one_offs = tuple(line for line in lines if not line.yearly)
    return Envelope(yearly, one_offs) if in_period else Envelope((), one_offs, yearly)


def _envelope_line(line) -> EnvelopeLine:
    per_year = line.montant * 12 if line.periodicite == "mensuel" else line.montant
    return EnvelopeLine(line.libelle, line.section, per_year, line.periodicite)
