"""Le corpus d'entrées invalides : chaque cas de tests/bad_inputs/ donne son code et sa ligne.

Un cas est un dossier : `case.toml` (description, code de sortie attendu, diagnostics attendus
par code, fichier et ligne, fichiers à retirer, message attendu sur la sortie d'erreur,
générateur, texte qui ne doit jamais être cité sous un message dans le format par défaut) et
`files/`, qui se superpose au petit dépôt valide de `_base/`. Ce qui ne se range pas dans git
(un fichier de 50 Mo, des liens symboliques, des droits) est fabriqué par un générateur nommé
dans `case.toml`. Chaque cas est validé par le vrai point d'entrée, sortie JSON ; un cas qui
porte sur une autre commande la donne (`args`), et `unchanged` nomme les dossiers qu'elle ne
doit pas modifier (par exemple `plans`).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import tomllib
from pathlib import Path

import pytest
from bad_inputs_writes import GENERATORS as WRITE_GENERATORS

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


def fifo_fiche(root: Path) -> None:
    (root / FICHE).unlink()
    os.mkfifo(root / FICHE)


def fifo_config(root: Path) -> None:
    os.mkfifo(root / "essplan.toml")


def dev_zero_fiche(root: Path) -> None:
    (root / FICHE).unlink()
    os.symlink("/dev/zero", root / FICHE)


def dev_zero_config(root: Path) -> None:
    os.symlink("/dev/zero", root / "essplan.toml")


def passwd_fiche(root: Path) -> None:
    (root / FICHE).unlink()
    os.symlink("/etc/passwd", root / FICHE)


def fiches_outside(root: Path) -> None:
    outside = root.parent / f"{root.name}-fiches"
    shutil.copytree(root / "plans/p/fiches", outside)
    shutil.rmtree(root / "plans/p/fiches")
    os.symlink(outside, root / "plans/p/fiches")


def latin1_file_name(root: Path) -> None:
    with open(os.fsencode(root / "plans/p/fiches") + b"/1.\xe9t\xe9.yaml", "wb") as stream:
        stream.write(b'id: "1.3"\naxe: 1\ntitre: Une action\n')


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
    "fifo-fiche": fifo_fiche,
    "fifo-config": fifo_config,
    "dev-zero-fiche": dev_zero_fiche,
    "dev-zero-config": dev_zero_config,
    "passwd-fiche": passwd_fiche,
    "fiches-outside": fiches_outside,
    "latin1-file-name": latin1_file_name,
    **WRITE_GENERATORS,
    "template-fifo": template_fifo,
    "template-device-link": template_device_link,
    "template-link-outside": template_link_outside,
    "template-too-big": template_too_big,
}


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
    kept = {folder: contents(tmp_path / folder) for folder in spec.get("unchanged", [])}
    started = time.perf_counter()
    result = run_cli(*spec.get("args", ["validate", "--output-format", "json"]), cwd=tmp_path)
    elapsed = time.perf_counter() - started
    check_result(spec, result.exit_code, result.stdout, result.stderr)
    assert elapsed < 2, f"{name} : {elapsed:.2f} s"
    assert not (tmp_path / "PWNED").exists()
    assert {folder: contents(tmp_path / folder) for folder in kept} == kept
    if "never_shown" in spec:
        # Le format par défaut cite la ligne fautive sous chaque message : jamais celle d'un
        # fichier que le chargeur a refusé sans le lire (un tube, /dev/zero, /etc/passwd).
        shown = run_cli("validate", cwd=tmp_path)
        assert shown.exit_code == spec["exit"], shown.stderr
        assert "erreur interne" not in shown.stderr
        assert spec["never_shown"] not in shown.stdout, shown.stdout


def contents(folder: Path) -> dict[str, bytes | str | None]:
    """Ce que contient un dossier, sans suivre les liens (la cible d'un lien est notée)."""
    return {
        str(path.relative_to(folder)): os.readlink(path)
        if path.is_symlink()
        else path.read_bytes()
        if path.is_file()
        else None
        for path in sorted(folder.rglob("*"))
    }


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
    """En root, chmod 000 n'empêche rien : on fait refuser l'ouverture comme le ferait le noyau."""
    spec = build_case("unreadable", tmp_path)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.path.basename(path) == FICHE.name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
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
