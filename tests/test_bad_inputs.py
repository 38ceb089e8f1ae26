"""Le corpus d'entrées invalides : chaque cas de tests/bad_inputs/ donne son code et sa ligne.

Un cas est un dossier : `case.toml` (description, code de sortie attendu, diagnostics attendus
par code, fichier et ligne, fichiers à retirer, message attendu sur la sortie d'erreur,
générateur, et la commande si ce n'est pas validate) et `files/`, qui se superpose au petit dépôt valide de `_base/`. Ce qui ne se
range pas dans git (un fichier de 50 Mo, des liens symboliques, des droits) est fabriqué par
un générateur nommé dans `case.toml`. Chaque cas est validé par le vrai point d'entrée,
sortie JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import tomllib
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


FICHE = Path("plans/p/fiches/1.1.yaml")


def big_file(root: Path) -> None:
    with open(root / FICHE, "wb") as stream:
        stream.write(b'id: "1.1"\naxe: 1\ntitre: ')
        stream.truncate(50 * 1024 * 1024)  # 50 Mo, creux : rien n'est écrit sur le disque


def long_line(root: Path) -> None:
    title = "x" * 1_000_000  # un titre d'un million de caractères, sur une seule ligne
    (root / FICHE).write_text(
        f'id: "1.1"\naxe: 1\ntitre: {title}\npilotte: [A]\n', encoding="utf-8"
    )


def symlink_outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-ailleurs.yaml"
    outside.write_text('id: "1.1"\naxe: 1\ntitre: Hors du dépôt\n', encoding="utf-8")
    os.symlink(outside, root / FICHE)


def symlink_loop(root: Path) -> None:
    os.symlink(FICHE.name, root / FICHE)


def fiches_file(root: Path) -> None:
    (root / "plans/p/fiches").rmdir()
    (root / "plans/p/fiches").write_text("pas un dossier\n", encoding="utf-8")


def unreadable(root: Path) -> None:
    os.chmod(root / FICHE, 0)


TEMPLATE = Path("templates/annexe.md.j2")


def template_fifo(root: Path) -> None:
    (root / TEMPLATE).parent.mkdir(exist_ok=True)
    os.mkfifo(root / TEMPLATE)


def template_device_link(root: Path) -> None:
    (root / TEMPLATE).parent.mkdir(exist_ok=True)
    os.symlink("/dev/zero", root / TEMPLATE)


def template_link_outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-modele.md.j2"
    outside.write_text("{{ plan.titre }}\n", encoding="utf-8")
    (root / TEMPLATE).parent.mkdir(exist_ok=True)
    os.symlink(outside, root / TEMPLATE)


def template_too_big(root: Path) -> None:
    (root / TEMPLATE).parent.mkdir(exist_ok=True)
    with open(root / TEMPLATE, "wb") as stream:
        stream.truncate(2 * 1024 * 1024)  # creux : rien n'est écrit sur le disque


GENERATORS = {
    "big-file": big_file,
    "long-line": long_line,
    "symlink-outside": symlink_outside,
    "symlink-loop": symlink_loop,
    "fiches-file": fiches_file,
    "unreadable": unreadable,
    "template-fifo": template_fifo,
    "template-device-link": template_device_link,
    "template-link-outside": template_link_outside,
    "template-too-big": template_too_big,
}
# La commande d'un cas, s'il en donne une (`command`) ; sinon validate, sortie JSON.
VALIDATE = ["validate", "--output-format", "json"]


def build_case(name: str, into: Path) -> dict:
    spec = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
    shutil.copytree(CORPUS / "_base", into, dirs_exist_ok=True)
    if (CORPUS / name / "files").exists():
        shutil.copytree(CORPUS / name / "files", into, dirs_exist_ok=True, symlinks=True)
    for relative in spec.get("remove", []):
        (into / relative).unlink()
    if "generate" in spec:
        GENERATORS[spec["generate"]](into)
    return spec


def test_base_is_valid(tmp_path, run_cli):
    shutil.copytree(CORPUS / "_base", tmp_path, dirs_exist_ok=True)
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 plan, 2 fiches : aucune erreur\n"


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path, run_cli):
    if name == "unreadable" and os.geteuid() == 0:
        pytest.skip("en root, tout se lit : voir test_unreadable_file_as_another_user")
    spec = build_case(name, tmp_path)
    started = time.perf_counter()
    result = run_cli(*spec.get("command", VALIDATE), cwd=tmp_path)
    elapsed = time.perf_counter() - started
    check_result(spec, result.exit_code, result.stdout, result.stderr)
    assert elapsed < 2, f"{name} : {elapsed:.2f} s"
    assert not (tmp_path / "PWNED").exists()


def check_result(spec: dict, exit_code: int, stdout: str, stderr: str) -> None:
    assert exit_code == spec["exit"], (stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert "erreur interne" not in stderr
    if "stderr" in spec:
        assert spec["stderr"] in stderr
        return
    found = {(d["code"], d["fichier"], d["ligne"]) for d in json.loads(stdout)}
    for expected in spec["expected"]:
        assert (expected["code"], expected["file"], expected["line"]) in found, found
    if not spec["expected"]:
        assert found == set()


@pytest.mark.skipif(
    os.geteuid() != 0, reason="hors root, le cas « unreadable » lit un vrai chmod 000"
)
def test_unreadable_file_as_root(tmp_path, run_cli, monkeypatch):
    """En root, chmod 000 n'empêche rien : on fait refuser la lecture comme le ferait le noyau."""
    spec = build_case("unreadable", tmp_path)
    real_read = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == FICHE.name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    check_result(spec, result.exit_code, result.stdout, result.stderr)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


def test_every_validation_code_has_a_case():
    codes = set()
    for name in CASES:
        spec = tomllib.loads((CORPUS / name / "case.toml").read_text(encoding="utf-8"))
        codes |= {e["code"] for e in spec["expected"]}
    assert codes >= {f"ESS00{i}" for i in range(1, 10)} | {"ESS010"}
