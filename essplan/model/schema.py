"""Le schéma JSON de plan.yaml et d'une fiche, tiré des modèles.

Un éditeur (le serveur de langage YAML) s'en sert pour valider pendant la frappe. Les schémas
tirés des modèles sont livrés dans le paquet (`essplan/schemas/`, que lisent `essplan schema`
et `essplan init`) et à la racine du dépôt d'essplan (`schemas/`, pour
les plans livrés) : un test vérifie que les trois sont identiques.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pydantic import BaseModel

from .fiche import Cout, Fiche, Indicateur
from .plan import Periode, Plan
from .suivi import Financeur
from .types import MODEL_REF

KINDS = ("plan", "fiche")


def json_schema(kind: str) -> dict:
    model: Any = Plan if kind == "plan" else Fiche
    schema = model.model_json_schema()
    # Les modèles des formes courtes, cités par `$ref` (voir `types.MODEL_REF`).
    shortcuts: tuple[type[BaseModel], ...] = (
        (Periode,) if kind == "plan" else (Cout, Indicateur, Financeur)
    )
    definitions = {**schema.pop("$defs", {}), **_definitions(*shortcuts)}
    schema = {"$defs": dict(sorted(definitions.items())), **_mapping_with_refs(schema)}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Plan ESS (plan.yaml)" if kind == "plan" else "Fiche-action ESS"
    return schema


def _with_refs(value: object) -> object:
    """Remplace chaque marque `{MODEL_REF: "Cout"}` par `{"$ref": "#/$defs/Cout"}`."""
    if isinstance(value, dict):
        return _mapping_with_refs(value)
    if isinstance(value, list):
        return [_with_refs(item) for item in value]
    return value


def _mapping_with_refs(value: dict) -> dict:
    if set(value) == {MODEL_REF}:
        return {"$ref": f"#/$defs/{value[MODEL_REF]}"}
    return {key: _with_refs(item) for key, item in value.items()}


def _definitions(*models: type[BaseModel]) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for model in models:
        schema = model.model_json_schema(ref_template="#/$defs/{model}")
        definitions.update(schema.pop("$defs", {}))
        definitions[model.__name__] = schema
    return definitions


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def packaged_schema_text(kind: str) -> str:
    """Le schéma livré dans le paquet (`essplan/schemas/<kind>.schema.json`)."""
    folder = resources.files("essplan").joinpath("schemas")
    return folder.joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")
