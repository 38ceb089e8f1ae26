"""Le fuzzer d'essplan (`tests/fuzz/`), sur un petit budget toujours le même : chaque commande
reçoit des dépôts abîmés et doit répondre en français, avec un code 0, 1 ou 2, sans toucher aux
plans, en moins de 2 s. Une longue campagne au hasard : `python -m tests.fuzz --minutes 30`."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_french import ENGLISH

import tests.fuzz.run as run
from tests.fuzz import hostile
from tests.fuzz.campaign import Tally, run_batch
from tests.fuzz.cases import COMMANDS, REPO, Case, Change

EXAMPLES = 12  # cas par commande : le budget de la CI (quelques secondes par commande)


@pytest.mark.parametrize("family", COMMANDS)
def test_every_command_answers_hostile_repositories(family):
    finding = run_batch(family, EXAMPLES, ENGLISH, Tally(), random_seed=None)
    assert finding is None, (
        f"essplan {' '.join(finding.case.command)}\n"
        + "\n".join(f"  {c.kind} {c.path}" for c in finding.case.changes)
        + "\n"
        + "\n".join(finding.problems)
    )


# Chaque valeur hostile, une à une, là où elle compte le plus : dans le coût d'une fiche que
# budget compte au prorata, dans le titre que lint lit, dans le modèle que report rend.
FICHE = "plans/clermont-2016/fiches/1.3.yaml"


def _with_value(key: str, scalar: str) -> Change:
    """La fiche, la clé `key` (et ce qu'elle contient) remplacée par `key: scalar`."""
    kept, inside = [], False
    for line in (REPO / FICHE).read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{key}:"):
            inside = True
        elif not (inside and line.startswith(" ")):
            inside = False
            kept.append(line)
    text = "\n".join(kept) + f"\n{key}: {scalar}\n"
    return Change("text", FICHE, text.encode("utf-8", "surrogatepass"))


SWEEP = [
    *(
        Case(("budget", "clermont-2016", "--year", "2018", "--prorata"), (_with_value("cout", s),))
        for s in hostile.SCALARS
    ),
    *(
        Case(("lint", "clermont-2016", "--date", "2026-11"), (_with_value("titre", s),))
        for s in hostile.SCALARS
    ),
    *(
        Case(
            ("report", "clermont-2016", "-t", "annexe", "-o", "-", "--date", "2026-11"),
            (Change("bytes", "templates/annexe.html.j2", t.encode()),),
        )
        for t in hostile.TEMPLATES
    ),
]


def _sweep_id(case: Case) -> str:
    value = case.changes[0].data.decode("utf-8", "replace").splitlines() or [""]
    shown = value[-1] if case.family != "report" else value[0]
    return f"{case.family}:{shown[:40]}"


@pytest.mark.parametrize("case", SWEEP, ids=[_sweep_id(c) for c in SWEEP])
def test_every_hostile_value_gets_an_answer(case):
    assert run.problems(case, run.execute(case), ENGLISH) == []


def _plant(tmp_dir_name: str) -> None:
    Path("plans", tmp_dir_name).write_text("écrit par la commande\n", encoding="utf-8")


# Ce que la commande fait à la place de valider (dans le processus fils, après fork), et ce
# que le juge doit en dire : sans ces cas, un juge aveugle laisserait tout passer.
MISBEHAVIOURS = {
    "plante": (lambda: 1 / 0, "erreur interne"),
    "bloque": (lambda: time.sleep(60), "ne rend pas la main"),
    "écrit dans plans/": (lambda: _plant("intrus.yaml"), "fichiers de plans/ modifiés : intrus"),
    "parle anglais": (lambda: print("error: file not found"), "mots anglais : error, found, not"),
    "exécute du code": (lambda: os.mkdir(run.ESCAPE_MARK), "a exécuté du code"),
    "rend 3": (lambda: os._exit(3), "code de sortie"),
}


@pytest.mark.parametrize("name", MISBEHAVIOURS)
def test_the_judge_sees_each_misbehaviour(name, monkeypatch):
    behaviour, expected = MISBEHAVIOURS[name]
    import essplan.validation.validate

    real = essplan.validation.validate.validate_plan

    def misbehave(*args, **kwargs):
        behaviour()
        return real(*args, **kwargs)

    monkeypatch.setattr(essplan.validation.validate, "validate_plan", misbehave)
    monkeypatch.setattr(run, "WALL_LIMIT", 2.0)
    case = Case(("validate", "grenoble"), ())
    found = run.problems(case, run.execute(case), ENGLISH)
    assert any(expected in problem for problem in found), found
