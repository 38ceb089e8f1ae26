"""Ce que `essplan new fiche` écrit : la fiche suivante d'un axe, chaque clé du format remplie
ou commentée, au numéro libre que donne la numérotation du plan (`numbering`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..repository import PlanTarget, UsageError
from ..validation.loader import load_plan
from .numbering import free_fiche_id
from .texts import check_text, fill, yaml_text


@dataclass(frozen=True, slots=True)
class NewFiche:
    path: Path
    id: str
    text: str


def _axe_code(codes: list[int | str], wanted: str, plan_id: str) -> int | str:
    """Le code d'axe du plan que désigne `--axe` (« 2 », « A », « a ») ; `UsageError` sinon."""
    for code in codes:
        if str(code) == wanted.strip():
            return code
    for code in codes:
        if str(code).casefold() == wanted.strip().casefold():
            return code
    known = ", ".join(str(code) for code in codes)
    raise UsageError(
        f"axe inconnu « {wanted} » dans le plan {plan_id} ; ses codes : {known} (axes de plan.yaml)"
    )


def new_fiche(target: PlanTarget, config: Config, axe: str, titre: str | None) -> NewFiche:
    """La fiche à écrire dans le plan `target` ; `UsageError` pour un plan que l'on ne peut pas
    lire (essplan validate dit pourquoi) ou un axe inconnu."""
    loaded = load_plan(target.folder, target.display, config.limits, target.root)
    if loaded.plan is None:
        raise UsageError(
            f"{target.display} : plan.yaml est invalide, la fiche ne peut pas être numérotée"
            f" (détail : essplan validate {target.display})"
        )
    plan = loaded.plan
    codes = [item.code for item in plan.axes]
    code = _axe_code(codes, axe, loaded.id)
    ids = {item.fiche.id for item in loaded.fiches} | loaded.invalid_ids
    folder = target.folder / "fiches"
    files = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    fiche_id = free_fiche_id(ids, str(code), [str(c) for c in codes], files)
    title = check_text("--titre", titre) if titre is not None else None
    text = fill(
        "fiche.yaml",
        {
            "id": fiche_id,
            "id_yaml": yaml_text(fiche_id),
            "plan_id": loaded.id,
            "axe": str(code) if isinstance(code, int) else yaml_text(code),
            "titre": yaml_text(title or f"{plan.libelle_fiche} {fiche_id} : intitulé à écrire"),
        },
    )
    return NewFiche(folder / f"{fiche_id}.yaml", fiche_id, text)
