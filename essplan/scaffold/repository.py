"""Ce que `essplan init` et `essplan new plan` écrivent : des chemins relatifs et leurs textes.

Un dépôt neuf (`repository_files`) : le plan et son dossier de fiches, `essplan.toml`,
`.gitignore`, l'intégration continue de GitLab et de GitHub, `.pre-commit-config.yaml`, et de
quoi valider dans l'éditeur (les schémas JSON dans `schemas/`, associés aux fichiers de plans
par `.vscode/settings.json`, et rappelés en tête de chaque fichier pour tout éditeur qui parle
au serveur de langage YAML). Chaque texte est valide tel qu'il est écrit : `essplan validate`
passe aussitôt.
"""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..config import HORIZON_KEYS, LIMIT_KEYS, Horizons, Limits
from ..model.schema import packaged_schema_text
from ..repository import UsageError
from ..validation.loader import check_plan_id
from .texts import check_text, fill, template, yaml_text

# Le dossier de fiches d'un plan neuf est vide : git ne garde pas un dossier vide.
KEEP = ".gitkeep"


def periode_line(periode: str | None) -> str:
    """La ligne `periode:` de plan.yaml ; sans `--periode`, un exemple commenté."""
    if periode is None:
        return "# periode: 2025-2030"
    from pydantic import TypeAdapter, ValidationError

    from ..model.plan import PeriodeValue

    try:
        TypeAdapter(PeriodeValue).validate_python(periode.strip())
    except (ValidationError, ValueError):
        raise UsageError(
            f"--periode : période illisible « {periode} » ; écrivez des années, « 2025-2030 »"
        ) from None
    return f"periode: {yaml_text(periode.strip())}"


def plan_files(collectivite: str, plan_id: str, periode: str | None) -> dict[str, str]:
    """plan.yaml et le dossier fiches/ d'un plan, relatifs au dossier du plan."""
    check_plan_id(plan_id)
    name = check_text("--collectivite", collectivite)
    plan = fill(
        "plan.yaml",
        {
            "plan_id": plan_id,
            "collectivite": yaml_text(name),
            "titre": yaml_text(f"Plan d'action pour l'économie sociale et solidaire — {name}"),
            "periode": periode_line(periode),
        },
    )
    return {"plan.yaml": plan, f"fiches/{KEEP}": ""}


def config_text(plan_id: str) -> str:
    """essplan.toml : chaque réglage commenté, avec sa valeur par défaut, celle du code."""
    limits, horizons = Limits(), Horizons()
    values = {key: str(getattr(limits, name)) for key, name in LIMIT_KEYS.items()}
    values |= {key: str(getattr(horizons, name)) for key, name in HORIZON_KEYS.items()}
    return fill("essplan.toml", {**values, "plan_id": plan_id})


def repository_files(collectivite: str, plan_id: str, periode: str | None) -> dict[str, str]:
    """Les fichiers d'un dépôt de plans neuf, relatifs à sa racine."""
    plan = plan_files(collectivite, plan_id, periode)
    version = {"version": __version__}
    return {
        **{f"plans/{plan_id}/{relative}": text for relative, text in plan.items()},
        "essplan.toml": config_text(plan_id),
        ".gitignore": template("gitignore"),
        ".gitlab-ci.yml": fill("gitlab-ci.yml", version),
        ".github/workflows/essplan.yml": fill("github-workflow.yml", version),
        ".pre-commit-config.yaml": fill("pre-commit-config.yaml", version),
        ".vscode/settings.json": template("vscode-settings.json"),
        "schemas/plan.schema.json": packaged_schema_text("plan"),
        "schemas/fiche.schema.json": packaged_schema_text("fiche"),
    }


def known_collectivite(root: Path) -> str | None:
    """La collectivité des plans du dépôt, si l'un d'eux la donne (le premier, par ordre des
    dossiers) : `new plan` la reprend."""
    from ..validation.loader import load_plan

    folders = (p for p in (root / "plans").iterdir() if p.is_dir() and not p.name.startswith("."))
    for folder in sorted(folders):
        loaded = load_plan(folder, folder.name, Limits(), root)
        if loaded.plan is not None:
            return loaded.plan.collectivite
    return None
