"""Écrire un petit plan dans un dossier temporaire et le passer au linter."""

from __future__ import annotations

import textwrap
from pathlib import Path

from essplan.config import Config
from essplan.diagnostics import Diagnostic
from essplan.lint.catalogue import catalogue
from essplan.lint.engine import lint_plan
from essplan.model.months import exact_month
from essplan.repository import PlanTarget

PLAN = """\
collectivite: Communauté de test
titre: Plan de test
periode:
  debut: 2020-01
  fin: 2022-12
axes:
  - code: 1
    titre: Premier axe
  - code: 2
    titre: Second axe
"""

# Une fiche complète et cohérente : aucune règle ne doit s'y déclencher (au mois de contrôle des
# tests, juin 2021 : commencée en janvier, elle n'est pas encore « sans nouvelles », ESS602).
COMPLETE = """\
id: "1.1"
axe: 1
titre: Une action complète
pilotes:
  - Une pilote
contexte: Pourquoi cette action.
methode:
  - Une étape
resultats_attendus:
  - Un résultat
debut: Janvier 2021
fin: Décembre 2021
cout: 5 000 euros/an
financement: La communauté
indicateurs:
  - Nombre de participants
statut: en_cours
"""


def write_plan(root: Path, fiches: dict[str, str], plan: str = PLAN) -> PlanTarget:
    folder = root / "plans" / "p"
    (folder / "fiches").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(textwrap.dedent(plan), encoding="utf-8")
    for name, text in fiches.items():
        (folder / "fiches" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return PlanTarget(folder, "plans/p", root)


def diagnostics(
    root: Path,
    fiches: dict[str, str],
    plan: str = PLAN,
    select: str | None = None,
    date: str | None = "2021-06",
    config: Config | None = None,
) -> list[Diagnostic]:
    """Les constats du linter sur ce petit plan, validation comprise (`date` : le mois du
    contrôle, None pour un contrôle sans date)."""
    target = write_plan(root, fiches, plan)
    config = config or Config()
    if select:
        config = config.with_options(select.split(","), None, catalogue())
    return lint_plan(target, config, exact_month(date) if date else None).diagnostics


def problems(
    root: Path,
    fiches: dict[str, str],
    plan: str = PLAN,
    select: str | None = None,
    date: str = "2021-06",
    config: Config | None = None,
) -> list[tuple[str, str, int]]:
    """(code, fichier relatif au plan, ligne) de chaque constat, validation comprise."""
    found = diagnostics(root, fiches, plan, select, date, config)
    return [(d.code, d.file.removeprefix("plans/p/"), d.line) for d in found]
