"""`essplan schema` : un schéma JSON valide, que les plans livrés respectent."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml
from conftest import PLANS, REPO


def as_json(value):
    """Ce qu'un éditeur voit d'une valeur YAML (les dates y sont des chaînes)."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, int) else k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", ["plan", "fiche"])
def test_schema_is_valid_and_matches_the_bundled_plans(kind, run_cli):
    result = run_cli("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = PLANS.glob("*/plan.yaml") if kind == "plan" else PLANS.glob("*/fiches/*.yaml")
    checked = 0
    for path in files:
        data = as_json(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path
        checked += 1
    assert checked >= 4


@pytest.mark.parametrize("kind", ["plan", "fiche"])
def test_schema_rejects_an_unknown_key(kind, run_cli):
    schema = json.loads(run_cli("schema", kind).stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"pilotte": ["x"]}, schema)


@pytest.mark.parametrize("kind", ["plan", "fiche"])
def test_shipped_schema_files_are_up_to_date(kind, run_cli):
    shipped = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == run_cli("schema", kind).stdout, "régénérez : essplan schema > schemas/…"
