"""Le schéma JSON de plan.yaml et d'une fiche, tiré des modèles.

Un éditeur (le serveur de langage YAML) s'en sert pour valider pendant la frappe ; les
fichiers générés sont aussi livrés dans `schemas/` (un test vérifie qu'ils sont à jour).
"""

from __future__ import annotations

import json

KINDS = ("plan", "fiche")


def json_schema(kind: str) -> dict:
    from . import models

    model = models.Plan if kind == "plan" else models.Fiche
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Plan ESS (plan.yaml)" if kind == "plan" else "Fiche-action ESS"
    return schema


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
