"""Le cache de `validate` et de `lint` (`validation/cache.py`, `lint/cached.py`) : mêmes
résultats qu'avec `--no-cache`, quoi qu'il arrive au dépôt, à la configuration, à la version ou
au cache lui-même. La plupart des tests passent sur les deux commandes (`command`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLANS
from test_bad_inputs import CORPUS, build_case

import essplan.reading.builder
import essplan.validation.cache
from essplan.validation.cache import CACHE_FOLDER, PlanCache, sign

CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "_base")
COMMANDS = ["validate", "lint"]
SUIVI = Path(__file__).parent / "suivi_plan" / "plans" / "suivi-test"


@pytest.fixture(params=COMMANDS)
def command(request) -> str:
    return request.param


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Les fichiers que le chargeur lit et analyse (un seul processus)."""
    monkeypatch.setenv("ESSPLAN_JOBS", "1")
    seen: list[str] = []
    real = essplan.reading.builder.read_yaml

    def spy(path, *args, **kwargs):
        seen.append(os.path.realpath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(essplan.reading.builder, "read_yaml", spy)
    return seen


def outcome(run_cli, root: Path, *options: str, command: str = "validate") -> tuple[int, str, str]:
    result = run_cli(command, *options, cwd=root)
    return result.exit_code, result.stdout, result.stderr


def same_as_without_cache(
    run_cli, root: Path, *options: str, command: str = "validate"
) -> tuple[int, str, str]:
    cached = outcome(run_cli, root, *options, command=command)
    assert cached == outcome(run_cli, root, *options, "--no-cache", command=command)
    return cached


def plan_reads(command: str) -> list[str]:
    """Ce que relit une exécution sur un dépôt inchangé : rien pour validate, qui garde aussi
    plan.yaml ; chaque plan.yaml pour lint, dont les règles lisent tout le plan."""
    return [] if command == "validate" else ["plan.yaml"] * 4


def cache_files(root: Path, command: str) -> list[Path]:
    """Les fichiers du cache de `command` : « <plan>.json » pour validate, « <plan>.lint.json »
    pour lint."""
    found = sorted((root / CACHE_FOLDER).glob("*.json"))
    return [p for p in found if p.name.endswith(".lint.json") == (command == "lint")]


def fiche_files(root: Path) -> list[Path]:
    return sorted((root / "plans").glob("*/fiches/*.yaml"))


def test_an_unchanged_repository_is_read_from_the_cache(repo, run_cli, reads, command):
    first = outcome(run_cli, repo, command=command)
    assert len(reads) == len(fiche_files(repo)) + 4  # tout est lu la première fois
    reads.clear()
    assert outcome(run_cli, repo, command=command) == first
    assert sorted(Path(p).name for p in reads) == plan_reads(command)
    reads.clear()
    assert outcome(run_cli, repo, "--no-cache", command=command) == first
    assert len(reads) == len(fiche_files(repo)) + 4


def test_the_cache_lives_at_the_root_and_never_in_plans(repo, run_cli, command):
    before = sorted(p for p in (repo / "plans").rglob("*"))
    outcome(run_cli, repo, command=command)
    assert sorted(p for p in (repo / "plans").rglob("*")) == before
    cache = repo / CACHE_FOLDER
    assert len(cache_files(repo, command)) == len(list(cache.glob("*.json"))) == 4
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    reads_nothing = outcome(run_cli, repo, "--no-cache", command=command)
    shutil.rmtree(cache)
    assert outcome(run_cli, repo, "--no-cache", command=command) == reads_nothing
    assert not cache.exists()  # --no-cache n'écrit rien


def test_validate_and_lint_keep_their_own_files(repo, run_cli):
    validated, linted = outcome(run_cli, repo), outcome(run_cli, repo, command="lint")
    assert len(cache_files(repo, "validate")) == len(cache_files(repo, "lint")) == 4
    assert outcome(run_cli, repo) == validated
    assert outcome(run_cli, repo, command="lint") == linted


@pytest.mark.parametrize("case", CASES)
def test_a_changed_file_gives_the_results_of_no_cache(tmp_path, run_cli, case, command):
    """Chaque entrée invalide du corpus, posée sur un dépôt dont le cache est plein."""
    shutil.copytree(CORPUS / "_base", tmp_path, dirs_exist_ok=True)
    assert outcome(run_cli, tmp_path, command=command)[0] == 0
    build_case(case, tmp_path)
    same_as_without_cache(run_cli, tmp_path, command=command)
    # le cache réécrit ne change rien non plus
    same_as_without_cache(run_cli, tmp_path, command=command)


def test_an_edited_fiche_is_read_again(repo, run_cli, reads, command):
    first = outcome(run_cli, repo, command=command)
    target = fiche_files(repo)[0]
    target.write_text(target.read_text(encoding="utf-8") + "inconnue: 1\n", encoding="utf-8")
    reads.clear()
    changed = same_as_without_cache(run_cli, repo, command=command)
    assert changed != first and "inconnue" in changed[1]
    assert reads.count(os.path.realpath(target)) == 2  # relue avec le cache, puis sans


@pytest.mark.parametrize("limit", ["max-file-size = 600", "max-depth = 1", "max-values = 20"])
def test_a_changed_configuration_gives_the_results_of_no_cache(repo, run_cli, limit, command):
    first = outcome(run_cli, repo, command=command)
    (repo / "essplan.toml").write_text(f"[limits]\n{limit}\n", encoding="utf-8")
    changed = same_as_without_cache(run_cli, repo, command=command)
    assert changed[0] == 1 and changed != first
    (repo / "essplan.toml").unlink()
    assert same_as_without_cache(run_cli, repo, command=command) == first


def test_another_version_does_not_read_the_cache(repo, run_cli, reads, monkeypatch, command):
    first = outcome(run_cli, repo, command=command)
    monkeypatch.setattr("essplan.__version__", "99.0.0")
    reads.clear()
    assert same_as_without_cache(run_cli, repo, command=command) == first
    assert len(reads) == 2 * (len(fiche_files(repo)) + 4)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # tronqué
        lambda b: b"",
        lambda b: b"\x00\xff garbage",
        lambda b: b.replace(b'"hash":"', b'"hash":"0', 1),  # une entrée changée, signature fausse
        lambda b: b.split(b"\n", 1)[0] + b"\n[]",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(repo, run_cli, reads, damage, command):
    first = outcome(run_cli, repo, command=command)
    for path in (repo / CACHE_FOLDER).glob("*.json"):
        path.write_bytes(damage(path.read_bytes()))
    reads.clear()
    assert outcome(run_cli, repo, command=command) == first
    assert len(reads) == len(fiche_files(repo)) + 4
    reads.clear()
    assert outcome(run_cli, repo, command=command) == first  # reconstruit
    assert [Path(p).name for p in reads] == plan_reads(command)


def test_a_cache_folder_that_is_a_file_or_a_link_is_not_used(
    repo, run_cli, tmp_path_factory, command
):
    expected = outcome(run_cli, repo, "--no-cache", command=command)
    (repo / CACHE_FOLDER).write_text("pas un dossier", encoding="utf-8")
    assert outcome(run_cli, repo, command=command) == expected
    (repo / CACHE_FOLDER).unlink()
    elsewhere = tmp_path_factory.mktemp("ailleurs")
    os.symlink(elsewhere, repo / CACHE_FOLDER)
    assert outcome(run_cli, repo, command=command) == expected
    assert list(elsewhere.iterdir()) == []  # rien n'est écrit par le lien


def test_a_cache_that_cannot_be_written_is_simply_not_used(repo, run_cli, monkeypatch, command):
    expected = outcome(run_cli, repo, "--no-cache", command=command)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("essplan.validation.cache.replace_file", refuse)
    assert outcome(run_cli, repo, command=command) == expected
    assert list((repo / CACHE_FOLDER).glob("*.json")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root écrit dans un dossier en lecture seule")
def test_a_read_only_cache_folder_is_simply_not_used(repo, run_cli, command):
    expected = outcome(run_cli, repo, "--no-cache", command=command)
    (repo / CACHE_FOLDER).mkdir()
    (repo / CACHE_FOLDER).chmod(0o500)
    try:
        assert outcome(run_cli, repo, command=command) == expected
    finally:
        (repo / CACHE_FOLDER).chmod(0o700)


def test_no_key_no_cache(repo, run_cli, monkeypatch, command):
    """Sans clé possible (dossier de cache de l'utilisateur qui est un fichier), pas de cache."""
    expected = outcome(run_cli, repo, "--no-cache", command=command)
    blocker = repo / "xdg"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert outcome(run_cli, repo, command=command) == expected
    assert not (repo / CACHE_FOLDER).exists()


def forge(repo: Path, key: str, fiche: Path) -> None:
    """Une entrée au bon format, à l'empreinte exacte du texte de `fiche` (invalide), qui la dit
    valide et sans constat, signée par `key`."""
    for path in (repo / CACHE_FOLDER).glob("*.json"):
        payload = json.loads(path.read_bytes().split(b"\n", 1)[1])
        for shown, entry in payload["entries"].items():
            if shown.endswith(f"/{fiche.parent.parent.name}/fiches/{fiche.name}"):
                cache = PlanCache(path, key.encode(), payload["salt"], {})
                entry["hash"] = cache.digest(shown, fiche.read_text(encoding="utf-8"))
        raw = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        path.write_bytes(sign(key.encode(), raw) + b"\n" + raw)


def test_a_lying_cache_cannot_make_an_invalid_fiche_pass(repo, run_cli, monkeypatch):
    """L'empreinte du contenu ne protège de rien : qui écrit le cache peut calculer celle d'un
    fichier invalide. Seule la signature, d'une clé hors du dépôt, le fait refuser."""
    outcome(run_cli, repo)
    saved = {path: path.read_bytes() for path in (repo / CACHE_FOLDER).glob("*.json")}
    fiche = fiche_files(repo)[0]
    fiche.write_text(fiche.read_text(encoding="utf-8") + "cout: [1, 2]\n", encoding="utf-8")
    expected = outcome(run_cli, repo, "--no-cache")
    assert expected[0] == 1
    forged_key = "la-cle-de-qui-a-versionne-le-cache-00000000"
    forge(repo, forged_key, fiche)
    assert outcome(run_cli, repo) == expected
    # La même entrée, signée de la clé de l'exécution, serait crue : c'est bien la signature,
    # et non l'empreinte, qui la fait refuser.
    for path, content in saved.items():
        path.write_bytes(content)
    monkeypatch.setenv("ESSPLAN_CACHE_KEY", forged_key)
    forge(repo, forged_key, fiche)
    assert outcome(run_cli, repo)[0] == 0


def resign(path: Path, payload: object) -> None:
    """Réécrit `path` avec la vraie clé de l'utilisateur (celle des tests) : un fichier bien
    signé dont le contenu n'est pas ce qu'essplan écrit."""
    key = (Path(os.environ["XDG_CACHE_HOME"]) / "essplan" / "cache-key").read_bytes().strip()
    raw = json.dumps(payload).encode("ascii")
    path.write_bytes(sign(key, raw) + b"\n" + raw)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: {**p, "format": 0},  # un autre format
        lambda p: {**p, "salt": "autre"},  # une autre version, d'autres limites
        lambda p: [p],
        lambda p: {**p, "entries": {k: {**e, "id": 3, "axes": 3} for k, e in p["entries"].items()}},
        lambda p: {**p, "entries": {k: {**e, "places": []} for k, e in p["entries"].items()}},
        lambda p: {**p, "entries": {k: {**e, "diagnostics": [1]} for k, e in p["entries"].items()}},
        lambda p: {**p, "entries": {k: 1 for k in p["entries"]}},
    ],
)
def test_a_signed_but_foreign_cache_is_ignored(repo, run_cli, reads, change, command):
    first = outcome(run_cli, repo, command=command)
    for path in (repo / CACHE_FOLDER).glob("*.json"):
        resign(path, change(json.loads(path.read_bytes().split(b"\n", 1)[1])))
    reads.clear()
    assert outcome(run_cli, repo, command=command) == first
    assert len(reads) == len(fiche_files(repo)) + 4


def test_concurrent_runs_agree_and_leave_a_sound_cache(repo):
    environment = {**os.environ, "ESSPLAN_JOBS": "2"}
    command = [sys.executable, "-m", "essplan", "validate"]
    expected = subprocess.run(
        [*command, "--no-cache"], cwd=repo, env=environment, capture_output=True, check=False
    )
    for _ in range(2):  # cache vide, puis plein
        runs = [
            subprocess.Popen(command, cwd=repo, env=environment, stdout=subprocess.PIPE)
            for _ in range(4)
        ]
        for run in runs:
            out, _ = run.communicate(timeout=120)
            assert (run.returncode, out) == (expected.returncode, expected.stdout)
    assert [p.name for p in (repo / CACHE_FOLDER).iterdir() if p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------- ce qui ne vaut que pour lint


def lint_outcome(run_cli, root: Path, *options: str) -> tuple[int, str, str]:
    """`essplan lint` avec le cache, qui doit dire exactement ce que dit `--no-cache`."""
    return same_as_without_cache(run_cli, root, *options, command="lint")


@pytest.mark.parametrize(
    "setting",
    [
        'select = ["ESS1"]',
        'ignore = ["ESS103"]',
        '[severity]\nESS103 = "erreur"',
        '[severity]\nESS101 = "off"',
        '[per-file-ignores]\n"plans/grenoble/**" = ["ESS103"]',
        "[suivi]\nintervalle = 1",
    ],
)
def test_lint_a_changed_lint_configuration_gives_the_results_of_no_cache(
    run_cli, tmp_path, setting
):
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(SUIVI, tmp_path / "plans" / SUIVI.name)
    first = lint_outcome(run_cli, tmp_path, "--date", "2024-06")
    (tmp_path / "essplan.toml").write_text(setting + "\n", encoding="utf-8")
    changed = lint_outcome(run_cli, tmp_path, "--date", "2024-06")
    assert changed != first
    (tmp_path / "essplan.toml").unlink()
    assert lint_outcome(run_cli, tmp_path, "--date", "2024-06") == first


def test_lint_another_date_gives_the_results_of_no_cache_without_reading_again(
    run_cli, tmp_path, reads
):
    shutil.copytree(SUIVI, tmp_path / "plans" / SUIVI.name)
    runs = [lint_outcome(run_cli, tmp_path, "--date", month) for month in ("2022-01", "2024-06")]
    assert runs[0] != runs[1] and "ESS605" in runs[1][1] and "ESS605" not in runs[0][1]
    outcome(run_cli, tmp_path, "--date", "2022-01", command="lint")
    reads.clear()
    assert outcome(run_cli, tmp_path, "--date", "2024-06", command="lint") == runs[1]
    # les fiches sont reconstruites du texte lu, pas relues : plan.yaml seul passe par le lecteur
    assert [Path(p).name for p in reads] == ["plan.yaml"]


def test_lint_a_changed_plan_yaml_is_seen_by_the_rules_of_unchanged_fiches(run_cli, tmp_path):
    shutil.copytree(SUIVI, tmp_path / "plans" / SUIVI.name)
    first = lint_outcome(run_cli, tmp_path, "--date", "2024-06")
    assert "ESS204" in first[1]  # 2.2 finit après la période du plan
    plan = tmp_path / "plans" / SUIVI.name / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("2024-12", "2026-12"), encoding="utf-8"
    )
    assert "ESS204" not in lint_outcome(run_cli, tmp_path, "--date", "2024-06")[1]


def test_lint_follow_up_in_one_fiche_reaches_the_others(run_cli, tmp_path):
    """ESS605 ne parle que d'un plan suivi : un journal écrit dans une fiche fait signaler les
    valeurs manquantes des autres, que le cache gardait sans ce constat."""
    shutil.copytree(SUIVI, tmp_path / "plans" / SUIVI.name)
    fiches = tmp_path / "plans" / SUIVI.name / "fiches"
    journal = (fiches / "1.1.yaml").read_text(encoding="utf-8")
    bare = journal.split("\nsuivi:", 1)[0] + "\nindicateurs:\n  - libelle: Communes\n"
    (fiches / "1.1.yaml").write_text(bare, encoding="utf-8")  # un indicateur, aucune valeur
    for name in ("1.2.yaml", "2.1.yaml"):
        (fiches / name).unlink()
    quiet = lint_outcome(run_cli, tmp_path, "--date", "2024-06")
    assert "ESS605" not in quiet[1]
    (fiches / "2.2.yaml").write_text(
        (fiches / "2.2.yaml").read_text(encoding="utf-8") + "depenses: {2023: 100}\n",
        encoding="utf-8",
    )
    followed = lint_outcome(run_cli, tmp_path, "--date", "2024-06")
    assert "fiches/1.1.yaml:" in followed[1].split("ESS605")[0].splitlines()[-1]


def test_lint_a_new_suppression_gives_the_results_of_no_cache(repo, run_cli):
    first = lint_outcome(run_cli, repo)
    target = next(p for p in fiche_files(repo) if f"{p.name}:1:5: ESS103" in first[1])
    text = target.read_text(encoding="utf-8")
    target.write_text("# essplan: file-ignore[ESS103]\n" + text, encoding="utf-8")
    assert lint_outcome(run_cli, repo) != first
    target.write_text("# essplan: file-ignore[ESS999]\n" + text, encoding="utf-8")
    assert "ESS900" in lint_outcome(run_cli, repo)[1]


@pytest.mark.parametrize(
    "noted",
    [
        None,
        {"digest": 1, "follow_up": False, "found": {}},
        {"digest": "0", "follow_up": False, "found": {}},  # une autre empreinte du contexte
        {"follow_up": "oui"},
        {"digest": "x", "follow_up": False, "found": {"ESS103": [[1]]}},
        [],
    ],
)
def test_lint_signed_but_foreign_findings_are_found_again(repo, run_cli, noted):
    first = lint_outcome(run_cli, repo)
    for path in cache_files(repo, "lint"):
        payload = json.loads(path.read_bytes().split(b"\n", 1)[1])
        for entry in payload["entries"].values():
            entry["noted"] = noted
        resign(path, payload)
    assert outcome(run_cli, repo, command="lint") == first


# ------------------------------------------- l'état du fichier : une fiche crue sans être lue


@pytest.fixture
def settled(monkeypatch) -> list[str]:
    """Un fichier est « posé » dès que le cache est écrit après lui (sans les deux secondes de
    marge, qu'un test n'attend pas) ; rend les fichiers que le cache ouvre."""
    monkeypatch.setattr("essplan.validation.cache.SETTLE_NS", 0)
    monkeypatch.setenv("ESSPLAN_JOBS", "1")
    opened: list[str] = []
    real = essplan.validation.cache.read_bounded

    def spy(path, *args, **kwargs):
        opened.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(essplan.validation.cache, "read_bounded", spy)
    return opened


def test_an_unchanged_fiche_is_not_even_opened(repo, run_cli, settled):
    first = same_as_without_cache(run_cli, repo)
    settled.clear()
    assert outcome(run_cli, repo) == first
    assert [name for name in settled if name != "plan.yaml" and not name.endswith(".json")] == []


def test_a_fiche_cited_by_a_plan_wide_check_is_read_to_cite_its_line(repo, run_cli, settled):
    target = fiche_files(repo)[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "liens: ['9.99']\n", encoding="utf-8")  # un lien cassé (ESS008)
    first = same_as_without_cache(run_cli, repo)
    assert "ESS008" in first[1] and "liens: ['9.99']" in first[1]  # la ligne citée
    settled.clear()
    assert outcome(run_cli, repo) == first
    assert target.name in settled


def test_an_edit_that_keeps_size_and_date_is_seen(repo, run_cli, settled, command):
    """Même taille, date de modification remise : la date de changement (ctime) le trahit."""
    first = outcome(run_cli, repo, command=command)
    target = next(p for p in fiche_files(repo) if "pilotes:" in p.read_text(encoding="utf-8"))
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("pilotes:", "pilotez:", 1), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    changed = same_as_without_cache(run_cli, repo, command=command)
    assert changed != first and "pilotez" in changed[1]


def test_a_fiche_changed_during_the_run_gives_the_results_of_no_cache(
    repo, run_cli, settled, monkeypatch, command
):
    """Crue sur son état, puis réécrite avant qu'on la lise pour la citer : le plan est refait
    sans le cache, sur le nouveau texte."""
    target = fiche_files(repo)[0]
    target.write_text(target.read_text(encoding="utf-8") + "liens: ['9.99']\n", encoding="utf-8")
    outcome(run_cli, repo, command=command)
    real = PlanCache.text_of

    def rewritten(self, shown):
        if shown.endswith(f"/{target.name}") and target.parent.parent.name in shown:
            target.write_text(
                target.read_text(encoding="utf-8").replace("9.99", "8.88"), encoding="utf-8"
            )
        return real(self, shown)

    monkeypatch.setattr(PlanCache, "text_of", rewritten)
    during = outcome(run_cli, repo, command=command)
    assert "8.88" in during[1]
    monkeypatch.setattr(PlanCache, "text_of", real)
    assert during == outcome(run_cli, repo, "--no-cache", command=command)


def test_a_source_file_that_disappears_is_seen_with_plan_yaml_in_the_cache(repo, run_cli, command):
    """plan.yaml sort du cache, mais l'existence de ses `sources[].fichier` est vérifiée à
    chaque exécution, et la ligne citée sous l'erreur est bien celle de plan.yaml."""
    first = outcome(run_cli, repo, command=command)
    source = repo / "plans" / "grenoble" / "sources" / "grenoble-orientations.txt"
    source.unlink()
    changed = same_as_without_cache(run_cli, repo, command=command)
    assert changed != first and "ESS008" in changed[1]
    assert "fichier: sources/grenoble-orientations.txt" in changed[1]


def test_an_edited_plan_yaml_is_read_again(repo, run_cli, reads, command):
    first = outcome(run_cli, repo, command=command)
    plan = repo / "plans" / "grenoble" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "inconnue: 1\n", encoding="utf-8")
    changed = same_as_without_cache(run_cli, repo, command=command)
    assert changed != first and "inconnue" in changed[1]
