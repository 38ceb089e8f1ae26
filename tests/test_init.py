"""`essplan init` et `essplan new` : ce qu'ils écrivent, ce qu'ils refusent, et que rien n'est
jamais remplacé ni laissé à moitié."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import PLANS

from essplan.config import HORIZON_KEYS, LIMIT_KEYS, Horizons, Limits
from essplan.model.fiche import Fiche
from essplan.model.plan import Plan
from essplan.model.schema import json_schema_text
from essplan.scaffold import writing

INIT = ("init", "--collectivite", "Communauté du Val Vert", "--plan", "val-vert-2026")
FILES = [
    ".github/workflows/essplan.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
    "essplan.toml",
    "plans/val-vert-2026/fiches/.gitkeep",
    "plans/val-vert-2026/plan.yaml",
    "schemas/fiche.schema.json",
    "schemas/plan.schema.json",
]


def tree(folder: Path) -> dict[str, bytes]:
    """Chaque fichier sous `folder` et ses octets (les dossiers vides comptent aussi)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = path.read_bytes() if path.is_file() else b"<dossier>"
    return found


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def repo(run_cli, tmp_path) -> Path:
    result = run_cli(*INIT, "--periode", "2026-2031", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return tmp_path


def test_init_writes_exactly_the_repository_and_validate_passes_at_once(run_cli, repo):
    assert files_of(repo) == FILES
    assert run_cli("validate", cwd=repo).stdout == "1 plan, 0 fiche : aucune erreur\n"
    lint = run_cli("lint", cwd=repo)
    assert (lint.exit_code, lint.stdout) == (0, "1 plan, 0 fiche : aucune erreur\n")
    plan = yaml.safe_load((repo / "plans/val-vert-2026/plan.yaml").read_text(encoding="utf-8"))
    assert plan["collectivite"] == "Communauté du Val Vert"
    assert plan["periode"] == "2026-2031"
    ignored = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".essplan_cache/", "build/"} <= set(ignored)


def test_init_creates_a_missing_folder(run_cli, tmp_path):
    result = run_cli(*INIT, "depot/plans-ess", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Dépôt de plans créé dans depot/plans-ess :\n")
    assert files_of(tmp_path / "depot" / "plans-ess") == FILES
    assert [p.name for p in (tmp_path / "depot").iterdir()] == ["plans-ess"]  # rien à côté


def test_a_second_init_refuses_lists_every_file_and_changes_nothing(run_cli, repo):
    before = tree(repo)
    result = run_cli(*INIT, cwd=repo)
    assert result.exit_code == 1
    listed = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert listed == FILES
    assert result.stderr.startswith("essplan : init n'écrit rien, ces fichiers existent déjà :\n")
    assert tree(repo) == before


def test_one_existing_file_is_enough_to_write_nothing(run_cli, tmp_path):
    (tmp_path / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    (tmp_path / ".vscode").write_text("un fichier, pas un dossier", encoding="utf-8")
    result = run_cli(*INIT, cwd=tmp_path)
    assert result.exit_code == 1
    assert "  .gitignore\n  .vscode\n" in result.stderr
    assert files_of(tmp_path) == [".gitignore", ".vscode"]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pdf\n"


@pytest.mark.parametrize("fail_at", [1, 5, 9])
def test_an_interruption_while_writing_leaves_nothing(run_cli, tmp_path, monkeypatch, fail_at):
    (tmp_path / "notes.txt").write_text("à garder\n", encoding="utf-8")
    real_move, moves = writing.move_new, []

    def interrupted(source, target):
        moves.append(target)
        if len(moves) == fail_at:
            raise KeyboardInterrupt
        real_move(source, target)

    monkeypatch.setattr(writing, "move_new", interrupted)
    result = run_cli(*INIT, cwd=tmp_path)
    assert result.exit_code == 130
    assert tree(tmp_path) == {"notes.txt": b"\xc3\xa0 garder\n"}


@pytest.mark.parametrize(
    "options, message",
    [
        (("--plan", "Val Vert"), "identifiant de plan invalide « Val Vert »"),
        (("--plan", "val-vert", "--periode", "bientôt"), "--periode : période illisible"),
        (("--plan", "val-vert", "--periode", "2030-2026"), "--periode : période illisible"),
    ],
)
def test_init_refuses_a_wrong_value_and_writes_nothing(run_cli, tmp_path, options, message):
    result = run_cli("init", "--collectivite", "Val Vert", *options, cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_collectivite_with_yaml_signs_is_kept_as_written(run_cli, tmp_path):
    name = 'Ville de « Saint-Jean » : #1, "test" & *alias'
    assert run_cli("init", "--collectivite", name, "--plan", "p", cwd=tmp_path).exit_code == 0
    plan = yaml.safe_load((tmp_path / "plans/p/plan.yaml").read_text(encoding="utf-8"))
    assert plan["collectivite"] == name
    assert run_cli("validate", cwd=tmp_path).exit_code == 0


def model_keys(model, prefix: str = "") -> set[str]:
    """Chaque clé du modèle et de ses sous-modèles, en chemins (« deliberation.vote.pour »)."""
    from pydantic import BaseModel

    keys = set()
    for name, field in model.model_fields.items():
        keys.add(prefix + name)
        for candidate in _models_in(field.annotation):
            if issubclass(candidate, BaseModel):
                keys |= model_keys(candidate, f"{prefix}{name}.")
    return keys


def _models_in(annotation) -> list:
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


# Une ligne d'exemple commentée : une clé YAML (« clé: », sans espace avant les deux-points,
# au contraire d'une phrase française), un élément de liste, un réglage TOML ou une section.
EXAMPLE = re.compile(r"\s*(- |[\w\"./*-]+:( |$)|[\w\"./*-]+ = |\[)")


def uncommented(text: str) -> str:
    """Le fichier avec ses exemples décommentés : « # clé: … » devient « clé: … » ; une
    explication reste un commentaire."""
    lines = []
    for line in text.splitlines():
        body = line.lstrip()
        indent = line[: len(line) - len(body)]
        example = body[2:] if body.startswith("# ") and "$schema=" not in body else None
        lines.append(indent + example if example and EXAMPLE.match(example) else line)
    return "\n".join(lines) + "\n"


def keys_in(value, prefix: str = "") -> set[str]:
    keys = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                keys.add(prefix + key)
                keys |= keys_in(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            keys |= keys_in(item, prefix)
    return keys


def test_every_plan_key_is_written_or_commented_and_every_example_is_valid(repo):
    text = (repo / "plans/val-vert-2026/plan.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(uncommented(text))
    # La période est écrite en années ; sa forme en mois est dite dans le commentaire.
    assert "{debut: 2025-01, fin: 2030-12}" in text
    assert keys_in(data) >= model_keys(Plan) - {"periode.debut", "periode.fin"}
    Plan.model_validate(data)


def test_every_fiche_key_is_written_or_commented_and_every_example_is_valid(run_cli, repo):
    assert run_cli("new", "fiche", "val-vert-2026", "--axe", "1", cwd=repo).exit_code == 0
    text = (repo / "plans/val-vert-2026/fiches/1.1.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(uncommented(text))
    assert keys_in(data) >= model_keys(Fiche)
    Fiche.model_validate(data)


def test_essplan_toml_comments_every_setting_with_its_default(repo):
    text = (repo / "essplan.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}  # tout est commenté : les valeurs par défaut
    settings = tomllib.loads(uncommented(text))
    assert set(settings) == {"select", "ignore", "severity", "per-file-ignores", "limits", "suivi"}
    assert settings["limits"] == {k: getattr(Limits(), f) for k, f in LIMIT_KEYS.items()}
    assert settings["suivi"] == {k: getattr(Horizons(), f) for k, f in HORIZON_KEYS.items()}


def copy_plan(tmp_path: Path, name: str) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copytree(PLANS / name, tmp_path / "plans" / name)
    return tmp_path


@pytest.mark.parametrize(
    "plan, axe, expected",
    [
        ("grenoble", "2", "2.5"),  # 2.1 à 2.4 : par axe
        ("grenoble", "3", "3.2"),
        ("clermont-2016", "5", "5.3"),
        ("poitiers", "b", "11"),  # 1 à 10 d'un bout à l'autre, axes A, B, C
        ("clermont-2022", "1", "6"),  # aucune fiche de l'axe 1 : 6 après 5
    ],
)
def test_new_fiche_follows_the_plan_own_numbering(run_cli, tmp_path, plan, axe, expected):
    repo = copy_plan(tmp_path, plan)
    result = run_cli("new", "fiche", plan, "--axe", axe, "--titre", "Une action", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        f"Fiche {expected} écrite : plans/{plan}/fiches/{expected}.yaml\n"
    )
    written = yaml.safe_load((repo / f"plans/{plan}/fiches/{expected}.yaml").read_bytes())
    assert written["id"] == expected and written["titre"] == "Une action"
    assert run_cli("validate", plan, cwd=repo).exit_code == 0


def test_new_fiche_skips_a_number_whose_file_exists(run_cli, tmp_path):
    repo = copy_plan(tmp_path, "grenoble")
    (repo / "plans/grenoble/fiches/2.5.yaml").write_text("id: [cassé\n", encoding="utf-8")
    result = run_cli("new", "fiche", "grenoble", "--axe", "2", cwd=repo)
    assert result.stdout.startswith("Fiche 2.6 écrite")
    assert (repo / "plans/grenoble/fiches/2.5.yaml").read_text(encoding="utf-8") == "id: [cassé\n"


def test_new_fiche_refuses_an_unknown_axe_and_lists_the_axes(run_cli, tmp_path):
    repo = copy_plan(tmp_path, "poitiers")
    before = tree(repo)
    result = run_cli("new", "fiche", "poitiers", "--axe", "D", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        "essplan : axe inconnu « D » dans le plan poitiers ; ses codes : A, B, C (axes de"
        " plan.yaml)\n"
    )
    assert tree(repo) == before


def test_two_new_fiches_in_a_new_plan(run_cli, repo):
    for number in ("1.1", "1.2"):
        result = run_cli("new", "fiche", "val-vert-2026", "--axe", "1", cwd=repo)
        assert result.stdout.startswith(f"Fiche {number} écrite")
    assert run_cli("validate", cwd=repo).stdout == "1 plan, 2 fiches : aucune erreur\n"
    lint = run_cli("lint", "--output-format", "concise", cwd=repo)
    assert "ESS101 pilotes : la fiche « 1.2 » n'a pas de pilote" in lint.stdout


def test_new_plan_adds_a_plan_and_refuses_an_existing_one(run_cli, repo):
    result = run_cli("new", "plan", "val-vert-2032", "--periode", "2032-2037", cwd=repo)
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load((repo / "plans/val-vert-2032/plan.yaml").read_bytes())
    assert plan["collectivite"] == "Communauté du Val Vert"  # reprise du plan du dépôt
    assert run_cli("validate", cwd=repo).stdout == "2 plans, 0 fiche : aucune erreur\n"
    before = tree(repo)
    again = run_cli("new", "plan", "val-vert-2032", cwd=repo)
    assert again.exit_code == 1
    assert again.stderr.startswith("essplan : new plan n'écrit rien, le plan existe déjà")
    assert tree(repo) == before


def test_new_plan_outside_a_repository_says_how_to_start(run_cli, tmp_path):
    result = run_cli("new", "plan", "p", "--collectivite", "X", cwd=tmp_path)
    assert result.exit_code == 2
    assert "essplan init --collectivite" in result.stderr
    assert list(tmp_path.iterdir()) == []


def ci_lines(repo: Path) -> list[str]:
    """Les commandes essplan des deux fichiers de CI : chaque ligne de `script:` (GitLab) et de
    `run:` (GitHub) qui nomme essplan."""
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_bytes())
    github = yaml.safe_load((repo / ".github/workflows/essplan.yml").read_bytes())
    lines = [
        line
        for job in gitlab.values()
        if isinstance(job, dict)
        for line in job.get("script", []) + job.get("before_script", [])
    ]
    lines += [
        step["run"] for job in github["jobs"].values() for step in job["steps"] if "run" in step
    ]
    return [line for line in lines if "essplan " in line and not line.startswith("pip ")]


def test_the_ci_files_name_only_commands_that_exist(repo, run_cli, tmp_path):
    import subprocess
    import sys

    assert run_cli("new", "fiche", "val-vert-2026", "--axe", "1", cwd=repo).exit_code == 0
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "essplan").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m essplan "$@"\n')
    (shim / "essplan").chmod(0o755)
    lines = ci_lines(repo)
    assert len(lines) == 5, lines
    env = {"PATH": f"{shim}:/usr/bin:/bin", "HOME": str(tmp_path)}
    for line in lines:
        done = subprocess.run(["sh", "-c", line], cwd=repo, env=env, capture_output=True, text=True)
        assert done.returncode in (0, 1), (line, done.stderr)
        assert "Utilisation" not in done.stderr and "inconnu" not in done.stderr, line
    assert (repo / "gl-code-quality-report.json").is_file()
    assert (repo / "essplan.sarif").is_file()
    assert (repo / "build/val-vert-2026/annexe.html").is_file()


def test_the_lint_report_of_the_ci_is_code_quality_and_sarif(repo):
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_bytes())
    assert gitlab["lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gitlab["annexe"]["artifacts"]["paths"] == ["build/"]
    github = yaml.safe_load((repo / ".github/workflows/essplan.yml").read_bytes())
    upload = github["jobs"]["lint"]["steps"][-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == "essplan.sarif"
    assert github["jobs"]["lint"]["permissions"]["security-events"] == "write"


def test_the_editor_maps_the_schemas_written_into_the_repository(repo):
    import json

    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schemas/plan.schema.json": ["plans/*/plan.yaml"],
        "./schemas/fiche.schema.json": ["plans/*/fiches/*.yaml"],
    }
    for kind in ("plan", "fiche"):
        written = (repo / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert written == json_schema_text(kind)
    first = (repo / "plans/val-vert-2026/plan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/plan.schema.json"


@pytest.mark.parametrize("kind", ["plan", "fiche"])
def test_the_schemas_of_the_package_and_of_the_repository_are_the_models(kind):
    from conftest import REPO

    packaged = (REPO / "essplan" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    root = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert packaged == root == json_schema_text(kind), "régénérez : essplan schema …"


def test_essplan_alone_outside_a_repository_says_how_to_start(run_cli, tmp_path):
    result = run_cli(cwd=tmp_path)
    assert result.exit_code == 2
    assert "Utilisation : essplan" in result.stderr
    assert result.stderr.endswith(
        "Pas de dépôt de plans ici (aucun dossier plans/). Pour commencer :\n"
        '  essplan init --collectivite "Nom de la collectivité" --plan mon-plan-ess\n'
    )
    inside = run_cli(cwd=PLANS)
    assert "Pour commencer" not in inside.stderr


@pytest.mark.parametrize("command", ["validate", "lint", "budget", "status"])
def test_a_command_outside_a_repository_says_how_to_start(run_cli, tmp_path, command):
    result = run_cli(command, cwd=tmp_path)
    assert result.exit_code == 2
    assert "ou créez un dépôt ici : essplan init --collectivite" in result.stderr


def test_help_lists_the_commands_in_the_order_of_the_work(run_cli):
    from essplan.cli.app import COMMANDS, HELP_ORDER

    listed = run_cli("--help").stdout.split("Commandes\u00a0:\n")[1].splitlines()
    names = [line.split()[0] for line in listed]
    assert names == [name for name in HELP_ORDER if name in COMMANDS]
    assert names[:4] == ["init", "new", "validate", "lint"]
    assert set(COMMANDS) <= set(HELP_ORDER)


@pytest.mark.parametrize(
    "ids, axe, expected",
    [
        ([], "1", "1.1"),  # un plan sans fiche numérote par axe
        ([], "B", "B.1"),
        (["A.1", "A.2", "B.1"], "A", "A.3"),
        (["A.1", "A.2", "B.1"], "C", "C.1"),
        (["2.1", "2.2", "2.4"], "2", "2.5"),  # après le plus grand : un trou est peut-être voulu
        (["2.9"], "2", "2.10"),
        (["1", "2", "3"], "B", "4"),  # d'un bout à l'autre du plan, quel que soit l'axe
    ],
)
def test_the_next_id_follows_the_numbering_of_the_plan(ids, axe, expected):
    from essplan.scaffold.numbering import next_fiche_id

    assert next_fiche_id(ids, axe, ["1", "2", "A", "B", "C"]) == expected


def test_init_refuses_a_repository_that_has_plans_and_a_plans_folder(run_cli, tmp_path):
    """Un dépôt qui a déjà des plans reçoit un plan par `new plan` ; un dépôt créé dans
    `plans/` y serait un dossier de plan sans plan.yaml. Code 1, rien n'est écrit."""
    shutil.copytree(PLANS / "poitiers", tmp_path / "plans" / "poitiers")
    before = tree(tmp_path)
    args = ("init", "--collectivite", "Grand Poitiers", "--plan", "poitiers-2030")
    result = run_cli(*args, cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "essplan : . est déjà un dépôt de plans (plans/ : poitiers) : init n'écrit rien ; pour y"
        " ajouter un plan : essplan new plan poitiers-2030\n"
    )
    result = run_cli(*args, cwd=tmp_path / "plans")
    assert result.stderr == (
        "essplan : . est le dossier des plans d'un dépôt : init n'écrit rien ; créez le dépôt"
        " ailleurs\n"
    )
    result = run_cli(*args[:1], "poitiers/sous-dossier", *args[1:], cwd=tmp_path / "plans")
    assert result.exit_code == 1
    assert "est dans " in result.stderr and "le dossier des plans d'un dépôt" in result.stderr
    assert tree(tmp_path) == before
