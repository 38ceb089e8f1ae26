"""L'adoption d'un plan comme une ligne du format national SCDL « Délibérations » 2.1.5
(`essplan export --format scdl-deliberations`), schéma livré dans `schemas/`.

Correspondance : COLL_NOM `collectivite`, COLL_SIRET `siret`, DELIB_ID `deliberation.numero`,
DELIB_DATE `deliberation.date`, DELIB_MATIERE_CODE `deliberation.matiere.code`,
DELIB_MATIERE_NOM `deliberation.matiere.nom` ou, absent, le nom tiré du code (`actes`),
DELIB_OBJET `deliberation.objet`, DELIB_URL `deliberation.url` ; VOTE_EFFECTIF
`vote.en_exercice`, VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION les comptes du vote, et VOTE_REEL
leur somme (le contrôle `sum-columns-value` du SCDL l'exige : pour + contre + abstention). Le
vote est tout entier présent ou tout entier absent (`cohesive-columns-value`). BUDGET_*, PREF_*
restent vides : le plan ne les porte pas.

Ce qui manque est dit d'un coup, clé par clé (`ScdlError`) ; rien n'est écrit. Le fichier est
un CSV tel que le publient les portails (UTF-8 sans BOM, virgule) ; ses textes sont neutralisés
comme dans tout tableur (`cells.neutralised`).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from functools import cache
from importlib.resources import files

from ..cells import neutralised
from ..validation.loader import LoadedPlan
from .actes import SUBJECTS, subject_name

SCHEMA_FILE = "deliberations-2.1.5.schema.json"
REQUIRED = ("siret", "deliberation.numero", "deliberation.date", "deliberation.objet")
VOTE_KEYS = ("en_exercice", "pour", "contre", "abstention")


class ScdlError(Exception):
    """Des plans qu'on ne peut pas écrire en SCDL : une ligne par plan, chaque clé manquante."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@cache
def schema() -> dict:
    text = files("essplan.exchange").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def columns() -> list[str]:
    return [field["name"] for field in schema()["fields"]]


def _normalised(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_KNOWN_SUBJECTS = {_normalised(name) for name in SUBJECTS.values()}


def name_problem(name: str) -> str | None:
    """Ce qu'un `matiere.nom` écrit a de contraire au contrôle `nomenclature-actes-value` du
    SCDL : une matière de niveau 1 connue, une barre oblique, sans espace autour."""
    if "/" not in name:
        return "la barre oblique « / » entre les deux niveaux manque"
    head = name[: name.find("/")]
    if head.endswith(" ") or "/ " in name:
        return "la barre oblique ne doit être ni précédée ni suivie d'une espace"
    if _normalised(head) not in _KNOWN_SUBJECTS:
        return f"« {head} » n'est pas une matière de niveau 1 de la nomenclature ACTES"
    return None


def missing_keys(loaded: LoadedPlan) -> list[str]:
    """Les clés qui manquent au plan pour une ligne SCDL valide, dans l'ordre du fichier."""
    plan = loaded.plan
    delib = plan.deliberation
    values = {
        "siret": plan.siret,
        "deliberation.numero": delib.numero if delib else None,
        "deliberation.date": delib.date if delib else None,
        "deliberation.objet": delib.objet if delib else None,
    }
    missing = [key for key in REQUIRED if values[key] in (None, "")]
    if delib is None or delib.matiere is None:
        missing.insert(3, "deliberation.matiere.code")
    vote = delib.vote if delib else None
    if vote is not None:
        given = [getattr(vote, key) is not None for key in VOTE_KEYS]
        if any(given) and not all(given):
            missing += [
                f"deliberation.vote.{key}"
                for key, ok in zip(VOTE_KEYS, given, strict=True)
                if not ok
            ]
    return missing


def _problems(loaded: LoadedPlan) -> list[str]:
    problems = [f"clé « {key} » absente" for key in missing_keys(loaded)]
    delib = loaded.plan.deliberation
    matiere = delib.matiere if delib else None
    if matiere is not None and matiere.nom is not None:
        problem = name_problem(matiere.nom)
        if problem:
            problems.append(f"deliberation.matiere.nom : {problem}")
    vote = delib.vote if delib else None
    if vote is not None and not missing_keys(loaded) and vote.en_exercice is not None:
        voters = vote.pour + vote.contre + vote.abstention
        if voters > vote.en_exercice:
            problems.append(
                f"deliberation.vote : {voters} votants (pour + contre + abstention) pour"
                f" {vote.en_exercice} membres en exercice"
            )
    return problems


def _row(loaded: LoadedPlan) -> dict[str, object]:
    plan = loaded.plan
    delib = plan.deliberation
    matiere = delib.matiere
    row: dict[str, object] = {
        "COLL_NOM": plan.collectivite,
        "COLL_SIRET": plan.siret,
        "DELIB_ID": delib.numero,
        "DELIB_DATE": delib.date.isoformat(),
        "DELIB_MATIERE_CODE": matiere.code,
        "DELIB_MATIERE_NOM": matiere.nom or subject_name(matiere.code),
        "DELIB_OBJET": delib.objet,
        "DELIB_URL": delib.url,
    }
    vote = delib.vote
    if vote is not None and vote.pour is not None:
        row |= {
            "VOTE_EFFECTIF": vote.en_exercice,
            "VOTE_REEL": vote.pour + vote.contre + vote.abstention,
            "VOTE_POUR": vote.pour,
            "VOTE_CONTRE": vote.contre,
            "VOTE_ABSTENTION": vote.abstention,
        }
    return row


def scdl_rows(plans: list[LoadedPlan]) -> list[dict[str, object]]:
    """Une ligne par plan ; `ScdlError` si un plan n'a pas de quoi faire la sienne."""
    problems = []
    for loaded in plans:
        found = _problems(loaded)
        if found:
            problems.append(f"{loaded.plan_file} : {' ; '.join(found)}")
    if problems:
        raise ScdlError(problems)
    return [_row(loaded) for loaded in plans]


def scdl_csv(plans: list[LoadedPlan]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns(), lineterminator="\r\n")
    writer.writeheader()
    for row in scdl_rows(plans):
        writer.writerow(
            {
                key: neutralised(value) if isinstance(value, str) else value
                for key, value in row.items()
            }
        )
    return out.getvalue()
