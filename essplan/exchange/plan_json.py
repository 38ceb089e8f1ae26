"""Le plan en données (`essplan export --format json`) : un document versionné que le réseau des
collectivités peut rassembler, et son schéma JSON (`essplan schema export`).

Forme (version 1.0) :

    {"format": "essplan-export", "version": "1.0",
     "plans": [{"id": "clermont-2016",
                "plan": {… plan.yaml tel que le modèle le lit …},
                "fiches": [{"fiche": {… la fiche …},
                            "lecture": {"debut": "2016-10", "fin": null,
                                        "cout": 5000, "periodicite": "annuel",
                                        "chiffrage": "chiffré"}}]}]}

`plan` et `fiche` sont les fichiers tels que le modèle les a lus (les clés absentes ne sont
pas écrites ; un mois et un coût gardent les mots du plan) : ils respectent les schémas de
`essplan schema plan|fiche`, que le schéma de l'export reprend. `lecture` dit ce qu'essplan en
comprend : les mois retenus (AAAA-MM, null s'il est inconnu), le coût compté (euros, null s'il
ne l'est pas) et sa périodicité. Une version qui change de sens change de numéro majeur ;
une clé ajoutée, de numéro mineur.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.schema import json_schema
from ..validation.loader import LoadedPlan
from .tables import costing

FORMAT = "essplan-export"
VERSION = "1.0"


def export_document(plans: list[LoadedPlan]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "plans": [_plan(loaded) for loaded in plans]}


def _plan(loaded: LoadedPlan) -> dict[str, Any]:
    return {
        "id": loaded.id,
        "plan": loaded.plan.model_dump(mode="json", exclude_none=True),
        "fiches": [
            {"fiche": item.fiche.model_dump(mode="json", exclude_none=True), **_reading(item.fiche)}
            for item in loaded.in_plan_order()
        ],
    }


def _reading(fiche) -> dict[str, Any]:
    cost = fiche.cout
    total = cost.total if cost is not None else None
    return {
        "lecture": {
            "debut": fiche.debut.iso if fiche.debut is not None else None,
            "fin": fiche.fin.iso if fiche.fin is not None else None,
            "cout": None if total is None else _number(total),
            "periodicite": cost.counted_periodicity if cost is not None else None,
            "chiffrage": costing(cost),
        }
    }


def _number(value) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def export_text(plans: list[LoadedPlan]) -> str:
    return json.dumps(export_document(plans), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------- schéma


def _prefixed(schema: dict, prefix: str) -> tuple[dict, dict]:
    """Le schéma sans ses définitions, et ses définitions renommées `prefix` + nom, chaque
    `$ref` réécrit : plan et fiche ont chacun les leurs, dans un seul document."""

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: f"#/$defs/{prefix}{item.rsplit('/', 1)[1]}" if key == "$ref" else rewrite(item)
                for key, item in value.items()
            }
        return [rewrite(item) for item in value] if isinstance(value, list) else value

    body = {key: item for key, item in schema.items() if key not in ("$defs", "$schema")}
    definitions = {f"{prefix}{name}": rewrite(item) for name, item in schema["$defs"].items()}
    return rewrite(body), definitions


_NULLABLE_MONTH = {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}$"}
_READING = {
    "type": "object",
    "additionalProperties": False,
    "required": ["debut", "fin", "cout", "periodicite", "chiffrage"],
    "properties": {
        "debut": {**_NULLABLE_MONTH, "description": "le mois de début retenu, AAAA-MM"},
        "fin": {**_NULLABLE_MONTH, "description": "le mois de fin retenu, AAAA-MM"},
        "cout": {"type": ["number", "null"], "minimum": 0, "description": "euros comptés"},
        "periodicite": {"enum": ["annuel", "mensuel", "ponctuel", "mixte", None]},
        "chiffrage": {"enum": ["chiffré", "non chiffré", "à préciser (montant ambigu)"]},
    },
}


def export_schema() -> dict[str, Any]:
    plan, plan_defs = _prefixed(json_schema("plan"), "plan_")
    fiche, fiche_defs = _prefixed(json_schema("fiche"), "fiche_")
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["fiche", "lecture"],
        "properties": {"fiche": {"$ref": "#/$defs/Fiche"}, "lecture": _READING},
    }
    item = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "plan", "fiches"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "plan": {"$ref": "#/$defs/Plan"},
            "fiches": {"type": "array", "items": entry},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Export de plans ESS (essplan export --format json), version {VERSION}",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "plans"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "plans": {"type": "array", "items": item},
        },
        "$defs": dict(sorted({**plan_defs, **fiche_defs, "Plan": plan, "Fiche": fiche}.items())),
    }


def export_schema_text() -> str:
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"
