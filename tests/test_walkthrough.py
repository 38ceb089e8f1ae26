"""Le README commence par « Premier plan en dix minutes » : ses commandes, lancées dans l'ordre
dans un dossier temporaire par le vrai point d'entrée (le script `essplan` installé), font ce
qu'il dit, et un second `essplan init` refuse sans rien changer."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

TITLE = "## Premier plan en dix minutes\n"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)
# Le premier bloc installe essplan ; le test tourne avec l'essplan déjà installé.
INSTALL = ("python3 -m venv ", "pip install ")


def section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(TITLE)
    end = readme.index("\n## ", start + len(TITLE))
    return readme[start:end]


def steps() -> list[tuple[list[str], list[str]]]:
    """Les blocs de commandes, chacun avec les lignes que le bloc de texte qui le suit promet."""
    found: list[tuple[list[str], list[str]]] = []
    for language, body in BLOCK.findall(section()):
        lines = [line for line in body.splitlines() if line.strip()]
        if language == "sh":
            found.append((lines, []))
        elif language == "text" and found:
            found[-1][1].extend(lines)
    return found


def essplan_folder(tmp_path: Path) -> Path:
    """Le dossier du script `essplan` installé à côté de l'interpréteur des tests."""
    installed = Path(sys.executable).parent / "essplan"
    if installed.is_file():
        return installed.parent
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "essplan").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m essplan "$@"\n')
    (shim / "essplan").chmod(0o755)
    return shim


def environment(tmp_path: Path) -> dict[str, str]:
    identity = {"GIT_AUTHOR_NAME": "Chargée de mission", "GIT_AUTHOR_EMAIL": "ess@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "Chargée de mission"}
    identity |= {"GIT_COMMITTER_EMAIL": "ess@example.org"}
    return {
        "PATH": f"{essplan_folder(tmp_path)}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        **identity,
    }


def run_line(line: str, cwd: Path, env: dict[str, str]) -> tuple[Path, str]:
    """Lance une ligne du README ; `cd` change le dossier des lignes suivantes."""
    words = shlex.split(line)
    if words[0] == "cd":
        return cwd / words[1], ""
    done = subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"
    return cwd, done.stdout + done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() if path.is_file() else b""
        for path in sorted(folder.rglob("*"))
    }


def test_the_walkthrough_is_the_first_section_of_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_section = re.search(r"^## .*\n", readme, re.M)
    assert first_section is not None and first_section[0] == TITLE


def test_the_walkthrough_names_every_step_of_the_first_minutes():
    commands = [line for block, _ in steps() for line in block]
    assert all(line.startswith(INSTALL + (". ",)) for line in steps()[0][0])
    from essplan import __version__

    assert f"pip install essplan-{__version__}-py3-none-any.whl" in steps()[0][0]
    for command in ("essplan init", "essplan validate", "essplan lint", "essplan budget"):
        assert any(line.startswith(command) for line in commands), command
    assert sum(line.startswith("essplan new fiche") for line in commands) == 2
    assert any(line.startswith("essplan report") for line in commands)
    assert any(line.startswith("git init") for line in commands)


@pytest.mark.skipif(not os.path.exists("/usr/bin/git"), reason="git n'est pas installé")
def test_the_readme_walkthrough_runs_step_by_step(tmp_path):
    env = environment(tmp_path)
    work = tmp_path / "travail"
    work.mkdir()
    cwd = work
    for block, promised in steps()[1:]:
        output = ""
        for line in block:
            cwd, printed = run_line(line, cwd, env)
            output += printed
        for expected in promised:
            assert expected in output.splitlines(), f"{expected!r} absent de :\n{output}"
    repository = work / "val-vert"
    assert (repository / "build/val-vert-2026/annexe.html").is_file()
    assert (repository / ".git").is_dir()
    # Un second `init` refuse et ne change rien, pas même un octet.
    init = next(line for block, _ in steps() for line in block if line.startswith("essplan init"))
    before = tree(work)
    again = subprocess.run(
        ["bash", "-c", init], cwd=work, env=env, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 1
    assert "init n'écrit rien, ces fichiers existent déjà" in again.stderr
    assert "val-vert/plans/val-vert-2026/plan.yaml" in again.stderr
    assert tree(work) == before


@pytest.mark.parametrize(
    "name, template",
    [(".gitlab-ci.yml", "gitlab-ci.yml"), (".github/workflows/essplan.yml", "github-workflow.yml")],
)
def test_the_readme_gives_the_two_ci_files_that_init_writes(name, template):
    from essplan import __version__
    from essplan.scaffold.texts import fill

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(rf"`{re.escape(name)}` :\n\n```yaml\n(.*?)```", readme, re.S)
    assert shown is not None, name
    assert shown[1] == fill(template, {"version": __version__})
