"""Le tableau de bord en données : `json` (les clés que décrit le README : `date`, `plans`, et
pour chaque plan `statuts`, `fiches`, `en_retard`…) et `csv` (une ligne par action, avec son
état à la date).

Mois ISO (`2022-12`), statuts en valeurs du format (`en_cours`) ; `null` en JSON (vide en CSV)
pour ce qui n'est pas connu, jamais un 0 trompeur. Le JSON écrit les nombres avec un point ; le
CSV suit le dialecte du tableur français (`french_csv` : BOM, point-virgule, virgule décimale,
un pilote par ligne dans sa cellule), comme celui du budget et de l'export.
`--by` ne les change pas : chaque action y porte son axe, ses pilotes et son statut.
"""

from __future__ import annotations

import json
from textwrap import indent

from ..budget.data import plain
from ..french_csv import french_csv, french_csv_rows
from ..model.months import Month
from .dashboard import FicheStatus, PlanDashboard, known_figures


def _iso(month: Month | None) -> str | None:
    return month.iso if month is not None else None


def _plain_or_none(value) -> int | float | None:
    return None if value is None else plain(value)


def plan_json(dash: PlanDashboard) -> dict:
    return {
        "plan": dash.plan.id,
        "collectivite": dash.plan.collectivite,
        "statuts": dash.statuts,
        "axes": [
            {"axe": axe.code, "titre": axe.titre, "statuts": counts} for axe, counts in dash.axes()
        ],
        "fiches": [_fiche_json(item) for item in dash.fiches],
        "en_retard": [item.id for item in dash.en_retard()],
        "sans_nouvelles": [item.id for item in dash.sans_nouvelles()],
        "a_echeance": [item.id for item in dash.a_echeance()],
        "etapes_en_retard": [_etape_json(e) for e in dash.etapes_en_retard()],
        "etapes_a_echeance": [_etape_json(e) for e in dash.etapes_a_echeance()],
        "indicateurs": [
            {
                "fiche": item.fiche,
                "libelle": item.libelle,
                "unite": item.unite,
                "cible": item.cible,
                "derniere_valeur": item.derniere_valeur,
                "annee": item.annee,
                "progression": item.progression,
            }
            for item in dash.indicateurs
        ],
        "budget": [_year_json(year) for year in dash.budget],
    }


def _fiche_json(item: FicheStatus) -> dict:
    return {
        "id": item.id,
        "axe": item.axe,
        "titre": item.titre,
        "pilotes": list(item.pilotes),
        "statut": item.statut,
        "avancement": item.avancement,
        "dernier_suivi": _iso(item.dernier_suivi),
    }


def _etape_json(etape) -> dict:
    return {"fiche": etape.fiche, "libelle": etape.libelle, "echeance": _iso(etape.echeance)}


def _year_json(year) -> dict:
    planned, spent, gap = known_figures(year)
    return {
        "annee": year.annee,
        "prevu": _plain_or_none(planned),
        "depense": _plain_or_none(spent),
        "ecart": _plain_or_none(gap),
        "non_chiffrees": list(year.non_chiffrees),
    }


class JsonStream:
    """Le document JSON écrit plan par plan, tel que `json.dumps(…, indent=2)` l'écrirait d'un
    coup : la sortie commence avant que le dernier plan soit lu, et la mémoire reste celle d'un
    plan."""

    def __init__(self, date: Month, by: str = "axe") -> None:
        self.date = date
        self.count = 0

    def start(self) -> str:
        return f'{{\n  "date": {json.dumps(self.date.iso)},\n  "plans": ['

    def plan(self, dash: PlanDashboard) -> str:
        text = json.dumps(plan_json(dash), ensure_ascii=False, indent=2)
        self.count += 1
        return ("\n" if self.count == 1 else ",\n") + indent(text, "    ")

    def end(self) -> str:
        return "\n  ]\n}\n" if self.count else "]\n}\n"


CSV_COLUMNS = [
    "plan",
    "date",
    "id",
    "axe",
    "titre",
    "pilotes",
    "statut",
    "avancement",
    "dernier_suivi",
    "fin",
    "en_retard",
    "sans_nouvelles",
    "a_echeance",
    "etapes_en_retard",
    "etapes_a_echeance",
]


class CsvStream:
    """Une ligne par action, au dialecte du tableur français (`french_csv`) ; l'en-tête une
    fois, en tête."""

    def __init__(self, date: Month, by: str = "axe") -> None:
        self.date = date

    def start(self) -> str:
        return french_csv(CSV_COLUMNS, [])

    def plan(self, dash: PlanDashboard) -> str:
        return french_csv_rows(self._row(dash.plan.id, item) for item in dash.fiches)

    def _row(self, plan: str, item: FicheStatus) -> list:
        return [
            plan,
            self.date.iso,
            item.id,
            item.axe,
            item.titre,
            list(item.pilotes),  # un pilote par ligne dans la cellule
            item.statut,
            item.avancement,
            _iso(item.dernier_suivi),
            _iso(item.fin),
            item.en_retard,  # « oui » ou « non »
            item.sans_nouvelles,
            item.a_echeance,
            len(item.etapes_en_retard),
            len(item.etapes_a_echeance),
        ]

    def end(self) -> str:
        return ""
