"""Le budget en données : `csv` (une ligne par fiche comptée, non chiffrée, à préciser ou non
datée, et par ligne d'enveloppe) et `json` (la forme décrite dans le README : clés `plan`,
`annee`, `fiches`, `total_fiches`…).

Le CSV est celui que le tableur français ouvre sans question (`french_csv` : BOM, « ; »,
virgule décimale, « 2916,67 ») ; le JSON porte des nombres simples (point décimal, deux
décimales au plus). Les mois sont ISO. `--by` ne les change pas :
ils portent déjà l'axe et la section de chaque fiche. Un total sans rien de compté vaut `null`
en JSON (vide en CSV), comme « — » dans les tableaux.
"""

from __future__ import annotations

from decimal import Decimal

from ..french_csv import decimal_text
from .figures import CENT, EnvelopeLine, FicheLine, FicheRef, PlanMatrix, YearBudget
from .plans import GrandTotal


def plain(value: Decimal) -> int | float:
    """Un montant pour json : entier s'il tombe juste, sinon deux décimales."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(CENT))


def plain_text(value: Decimal | None) -> str:
    """Un montant pour csv : « 62500 », « 2916,67 » ; vide s'il est inconnu."""
    return "" if value is None else decimal_text(value)


CSV_COLUMNS = [
    "plan",
    "annee",
    "rubrique",
    "id",
    "axe",
    "libelle",
    "section",
    "montant",
    "mode",
    "mois",
    "du",
    "au",
    "debut",
    "fin",
    "marques",
    "raison",
]


def csv_rows(item: YearBudget | PlanMatrix) -> list[list]:
    """Les lignes d'un plan : une par fiche comptée, non chiffrée ou non datée, et par ligne
    d'enveloppe, pour chaque année ; pas de ligne de total (une somme de colonne les compterait
    deux fois). L'en-tête est `CSV_COLUMNS`."""
    rows: list[dict] = []
    if isinstance(item, YearBudget):
        budgets: tuple[YearBudget, ...] = (item,)
        one_offs = item.enveloppe.ponctuelles
    else:
        budgets, one_offs = item.year_budgets, item.ponctuelles
    for budget in budgets:
        rows += _csv_year(budget)
    rows += [_csv_envelope(item.plan.id, "", "enveloppe_ponctuelle", line) for line in one_offs]
    return [[row.get(key) for key in CSV_COLUMNS] for row in rows]


def _csv_year(budget: YearBudget) -> list[dict]:
    plan, year = budget.plan.id, str(budget.annee)
    rows = [_csv_fiche(plan, year, line) for line in budget.fiches]
    rows += [_csv_ref(plan, year, "non_chiffree", ref) for ref in budget.non_chiffrees]
    rows += [_csv_ref(plan, year, "a_preciser", ref) for ref in budget.a_preciser]
    rows += [_csv_ref(plan, year, "non_datee", ref) for ref in budget.non_datees]
    return rows + [_csv_envelope(plan, year, "enveloppe", line) for line in budget.enveloppe.lignes]


def _csv_fiche(plan: str, year: str, line: FicheLine) -> dict:
    return {
        "plan": plan,
        "annee": year,
        "rubrique": "fiche",
        "id": line.id,
        "axe": line.axe,
        "libelle": line.titre,
        "section": line.section or "",
        "montant": plain_text(line.montant),
        "mode": line.mode,
        "mois": line.mois or "",
        "du": line.span[0].iso if line.span else "",
        "au": line.span[1].iso if line.span else "",
        "debut": _iso(line.debut),
        "fin": _iso(line.fin),
        "marques": " ".join(mark.code for mark in line.marks),
        "raison": "",
    }


def _csv_ref(plan: str, year: str, kind: str, ref: FicheRef) -> dict:
    return {
        "plan": plan,
        "annee": year,
        "rubrique": kind,
        "id": ref.id,
        "axe": ref.axe,
        "libelle": ref.titre,
        "raison": ref.raison,
    }


def _csv_envelope(plan: str, year: str, kind: str, line: EnvelopeLine) -> dict:
    return {
        "plan": plan,
        "annee": year,
        "rubrique": kind,
        "libelle": line.libelle,
        "section": line.section or "",
        "montant": plain_text(line.montant),
        "mode": line.periodicite or "",
    }


def _iso(month) -> str:
    return month.iso if month is not None and month.known else ""


# ---------------------------------------------------------------------------------- json
# Un total sans rien de chiffré vaut `null`, comme « — » dans les tableaux : jamais un 0 trompeur.


def json_head(total: GrandTotal, prorata: bool) -> dict:
    """Le document JSON sans ses plans : l'année ou les années, et les totaux généraux (`null`
    pour rien de compté)."""
    totals = total.grand_totals()
    if total.annee is not None:
        fiches, envelope = _counted_or_none(total, total.annee, totals[total.annee])
        return {
            "annee": total.annee,
            "prorata": prorata,
            "total_fiches": fiches,
            "total_enveloppe": envelope,
        }
    per_year = {str(y): _counted_or_none(total, y, t) for y, t in totals.items()}
    return {
        "annee": None,
        "prorata": prorata,
        "annees": list(total.annees),
        "total_fiches": {y: t[0] for y, t in per_year.items()},
        "total_enveloppe": {y: t[1] for y, t in per_year.items()},
    }


def json_plan(item: YearBudget | PlanMatrix) -> dict:
    """Un plan, dans la liste `plans` du document."""
    return _json_year(item) if isinstance(item, YearBudget) else _json_matrix(item)


def _counted_or_none(total: GrandTotal, year: int, totals) -> tuple:
    return tuple(
        plain(amount) if counted else None
        for amount, counted in zip(totals, total.counted(year), strict=True)
    )


def _json_year(budget: YearBudget) -> dict:
    envelope = budget.enveloppe
    return {
        "plan": budget.plan.id,
        "collectivite": budget.plan.collectivite,
        "annee": budget.annee,
        "fiches": [_json_line(line) for line in budget.fiches],
        "axes": [
            {"axe": s.code, "titre": budget.plan.axe_title(s.code), "montant": plain(s.montant)}
            for s in budget.axes
        ],
        "total_fiches": plain(budget.total) if budget.fiches else None,
        "non_chiffrees": [ref.id for ref in budget.non_chiffrees],
        "a_preciser": [ref.id for ref in budget.a_preciser],
        "non_datees": [ref.id for ref in budget.non_datees],
        "enveloppe": [_json_envelope(line) for line in envelope.lignes],
        "enveloppe_sections": {
            s.code or "non_precisee": plain(s.montant) for s in envelope.sections
        },
        "enveloppe_ponctuelle": [_json_envelope(line) for line in envelope.ponctuelles],
        # null sans ligne annuelle (« — ») ; 0 hors de la période d'une enveloppe annuelle.
        "total_enveloppe": plain(envelope.total)
        if envelope.lignes or envelope.hors_periode
        else None,
    }


def _json_line(line: FicheLine) -> dict:
    return {
        "id": line.id,
        "axe": line.axe,
        "titre": line.titre,
        "montant": plain(line.montant),
        "mode": line.mode,
        "mois": line.mois,
        "du": line.span[0].iso if line.span else None,
        "au": line.span[1].iso if line.span else None,
        "debut": _iso(line.debut) or None,
        "fin": _iso(line.fin) or None,
        "section": line.section,
        "taxe": line.taxe,
        "parties": [
            {"montant": plain(p.montant), "mode": p.mode, "mois": p.mois} for p in line.parts
        ],
        "marques": [{"code": mark.code, "note": mark.note} for mark in line.marks],
    }


def _json_envelope(line: EnvelopeLine) -> dict:
    return {"libelle": line.libelle, "section": line.section, "montant": plain(line.montant)}


def _json_matrix(matrix: PlanMatrix) -> dict:
    per_year = _per_year(matrix)
    return {
        "plan": matrix.plan.id,
        "collectivite": matrix.plan.collectivite,
        "annee": None,
        "annees": list(matrix.annees),
        "axes": _json_matrix_axes(matrix),
        "total_fiches": per_year(_plain_or_none(t) for t in matrix.shown_totals),
        "total_fiches_periode": _plain_or_none(matrix.period_total),
        **_json_matrix_lists(matrix),
        "enveloppe": [
            {
                "libelle": line.libelle,
                "section": line.section,
                "montants": per_year(
                    plain(line.montant) if line in year.enveloppe.lignes else 0
                    for year in matrix.year_budgets
                ),
            }
            for line in matrix.annuelles
        ],
        "enveloppe_ponctuelle": [_json_envelope(line) for line in matrix.ponctuelles],
        "total_enveloppe": per_year(_plain_or_none(t) for t in matrix.shown_envelope_totals),
        "total_enveloppe_periode": _plain_or_none(matrix.envelope_period_total),
    }


def _per_year(matrix: PlanMatrix):
    """Des valeurs indexées par l'année de la matrice, en texte (« 2016 »)."""
    years = [str(year) for year in matrix.annees]
    return lambda values: dict(zip(years, values, strict=True))


def _json_matrix_axes(matrix: PlanMatrix) -> list[dict]:
    per_year = _per_year(matrix)
    years = [str(year) for year in matrix.annees]
    return [
        {
            "axe": row.code,
            "titre": matrix.plan.axe_title(row.code),
            "montants": per_year(_plain_or_none(a) for a in row.montants),
            "total_periode": _plain_or_none(row.total),
            "marques": {y: list(c) for y, c in zip(years, row.marks, strict=True) if c},
        }
        for row in matrix.rows("axe")
    ]


def _json_matrix_lists(matrix: PlanMatrix) -> dict:
    """Les fiches non chiffrées, à préciser et non datées de chaque année, et leur nombre."""
    per_year = _per_year(matrix)
    lists = {}
    for kind, counts in (
        ("non_chiffrees", matrix.uncosted_counts),
        ("a_preciser", matrix.unclear_counts),
        ("non_datees", matrix.undated_counts),
    ):
        lists[kind] = per_year(
            [ref.id for ref in getattr(year, kind)] for year in matrix.year_budgets
        )
        lists[f"nombre_{kind}"] = per_year(counts)
    return lists


def _plain_or_none(value: Decimal | None) -> int | float | None:
    return None if value is None else plain(value)
