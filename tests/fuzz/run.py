"""Lancer un cas et juger la réponse.

Chaque cas tourne dans un processus fils (`fork`, sans relancer Python : le vrai point
d'entrée `essplan.cli.main`, appelé dans le fils) pour trois raisons : un cas qui ne rend pas
la main (une FIFO lue) est tué au bout de `WALL_LIMIT` ; un cas qui lit sans fin (/dev/zero)
bute sur `MEMORY_LIMIT` au lieu d'emporter la machine ; aucun cas ne laisse d'état (dossier
courant, gestionnaires de signaux, caches) au suivant.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import resource
import select
import shutil
import signal
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .cases import REPO, Case

CPU_LIMIT = 2.0  # secondes de calcul au plus par commande (ce que promet l'issue 13)
WALL_LIMIT = 10.0  # au-delà, le processus ne rend pas la main : il est tué
MEMORY_LIMIT = 2 * 2**30  # octets d'espace d'adressage du fils
ESCAPE_MARK = "ECHAPPE"  # le dossier que crée un modèle qui a échappé au bac à sable
BASE = ("plans", "templates")  # ce que le cas copie du dépôt livré


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None : le fils n'a pas rendu de code (tué, ou échec hors de main)
    out: str
    err: str
    cpu: float
    changed: tuple[str, ...]  # les fichiers de plans/ modifiés, créés ou supprimés
    escaped: bool
    killed: bool = False  # tué au bout de WALL_LIMIT


def execute(case: Case) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="essplan-fuzz-") as folder:
        root = Path(folder) / "depot"
        root.mkdir()
        for name in BASE:
            shutil.copytree(REPO / name, root / name, symlinks=True)
        for change in case.changes:
            change.apply(root)
        before = snapshot(root / "plans")
        code, out, err, cpu, killed = _in_child(case, root)
        after = snapshot(root / "plans")
        changed = tuple(
            sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        )
        return Outcome(code, out, err, cpu, changed, (root / ESCAPE_MARK).exists(), killed)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Chaque entrée du dossier : sa nature et son contenu, sans suivre un lien ni ouvrir autre
    chose qu'un fichier ordinaire (une FIFO ouverte bloquerait)."""
    entries: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            status = path.lstat()
            key = os.fsencode(path.relative_to(folder)).decode("utf-8", "backslashreplace")
            if stat.S_ISREG(status.st_mode):
                entries[key] = ("fichier", _digest(path, status.st_size))
            elif stat.S_ISLNK(status.st_mode):
                entries[key] = ("lien", os.readlink(path))
            else:
                entries[key] = ("autre", stat.S_IFMT(status.st_mode))
    return entries


def _digest(path: Path, size: int) -> str:
    if size > 2**20:  # un gros fichier creux du cas : sa taille suffit
        return f"{size} octets"
    return hashlib.sha1(path.read_bytes()).hexdigest()


def _in_child(case: Case, root: Path) -> tuple[int | None, str, str, float, bool]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        try:
            result = _run_command(case, root)
        except BaseException as error:  # noqa: BLE001 — le fils rend toujours une réponse
            result = (None, "", f"le fils a échoué : {type(error).__name__} : {error}")
        os.write(writer, pickle.dumps(result))
        os._exit(0)
    os.close(writer)
    data, killed = _read_all(reader, pid)
    _, status, usage = os.wait4(pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    if killed:
        return None, "", "", cpu, True
    if not data:  # le fils est sorti sans répondre (os._exit, signal)
        return os.waitstatus_to_exitcode(status), "", "", cpu, False
    code, out, err = pickle.loads(data)
    return code, out, err, cpu, False


def _read_all(reader: int, pid: int) -> tuple[bytes, bool]:
    chunks, deadline = [], time.monotonic() + WALL_LIMIT
    with os.fdopen(reader, "rb", buffering=0) as stream:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([stream], [], [], max(left, 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                return b"", True
            chunk = stream.read(1 << 16)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)


def _run_command(case: Case, root: Path) -> tuple[int | None, str, str]:
    """Dans le fils : la commande, comme depuis un terminal en UTF-8 strict."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    for name in [n for n in os.environ if n.startswith("ESSPLAN_")]:
        del os.environ[name]
    os.environ.update(ESSPLAN_JOBS="1", COLUMNS="80")
    os.chdir(root)
    out, err = _terminal(), _terminal()
    sys.stdout, sys.stderr = out, err
    from essplan.cli import main

    code = main(list(case.command))
    return code, _text(out), _text(err)


def _terminal() -> io.TextIOWrapper:
    # Comme une sortie standard réelle : UTF-8 strict, un texte impossible à écrire échoue.
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")


# ------------------------------------------------------------------------------- le jugement


def problems(case: Case, outcome: Outcome, english: set[str]) -> list[str]:
    """Ce qui ne va pas dans la réponse ; `english` : les mots anglais à guetter."""
    if outcome.killed:
        return [f"ne rend pas la main en {WALL_LIMIT:.0f} s (tué)"]
    found = []
    text = outcome.out + outcome.err
    if outcome.code not in (0, 1, 2):
        found.append(f"code de sortie {outcome.code}")
    for marker in ("erreur interne", "Traceback (most recent call last)", "le fils a échoué"):
        if marker in text:
            found.append(f"« {marker} » : {_line_with(marker, text)}")
    if outcome.cpu > CPU_LIMIT:
        found.append(f"{outcome.cpu:.1f} s de calcul (plus de {CPU_LIMIT:.0f} s)")
    # Un classeur ou un PDF sur la sortie standard (`-o -`) n'est pas une phrase à lire.
    prose_out = "" if outcome.out.startswith(("PK\x03\x04", "%PDF-")) else outcome.out
    words = _english_words(prose_out, english) | _english_words(outcome.err, english)
    words -= _words_of_case(case)
    if words:
        found.append(f"mots anglais : {', '.join(sorted(words))}")
    changed = [p for p in outcome.changed if not _written_by_the_command(case, p)]
    if changed:
        found.append(f"fichiers de plans/ modifiés : {', '.join(changed[:5])}")
    if outcome.escaped:
        found.append("un modèle a exécuté du code hors du bac à sable")
    return found


def _line_with(marker: str, text: str) -> str:
    return next(line for line in text.splitlines() if marker in line).strip()[:200]


def _english_words(text: str, english: set[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", _prose(text).lower()) if w in english}


_MARKUP = re.compile(r"<(style|script)\b.*?</\1>|<[^>]*>|&\w+;", re.S | re.I)
# Des noms et non des mots : options, identifiants, adresses, en-tête d'une annotation GitHub.
_IDENTIFIERS = re.compile(
    r"--?[\w-]+|\b\w+(?:[-_]\w+)+\b|https?://\S+|^::\w+ [^\n]*?::", re.MULTILINE
)


def _prose(text: str) -> str:
    """Ce qu'une personne lit : les valeurs en phrases d'une sortie JSON (ses clés et ses
    valeurs d'un mot sont un protocole), le texte hors balises d'un document HTML, sans les
    noms d'options ni les identifiants (`missing-pilote`, `non_chiffrees`)."""
    try:
        text = "\n".join(v for v in _strings(json.loads(text)) if " " in v.strip())
    except ValueError:
        pass
    return _IDENTIFIERS.sub(" ", _MARKUP.sub(" ", text))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _words_of_case(case: Case) -> set[str]:
    """Les mots que la commande et les fichiers du cas apportent eux-mêmes : un plan peut
    contenir un mot anglais, essplan le cite alors sans faute."""
    chunks = [" ".join(case.command)]
    chunks += [c.data.decode("utf-8", "replace") for c in case.changes]
    chunks += [c.path for c in case.changes]
    return set(re.findall(r"[a-z]+", " ".join(chunks).lower())) | _base_words()


_BASE_WORDS: set[str] = set()


def _base_words() -> set[str]:
    if not _BASE_WORDS:
        for name in BASE:
            for path in (REPO / name).rglob("*"):
                if path.suffix in (".yaml", ".j2", ".md", ".txt"):
                    text = path.read_text(encoding="utf-8", errors="replace").lower()
                    _BASE_WORDS.update(re.findall(r"[a-z]+", text))
    return _BASE_WORDS


def _written_by_the_command(case: Case, path: str) -> bool:
    """Ce qu'une commande a le droit d'écrire dans `plans/`, et rien d'autre : un import, le
    dossier de son plan ; `collect --write`, les fiches du plan collecté ; `new fiche`, une
    fiche du plan ; `new plan`, le dossier du nouveau plan ; `init`, un dépôt neuf (dans
    `plans/` s'il y est créé)."""
    command = case.command
    if case.family == "import" and "--plan" in command:
        folder = command[command.index("--plan") + 1]
    elif case.family == "collect" and "--write" in command:
        folder = f"{command[1]}/fiches"
    elif case.family == "new":
        folder = f"{command[2]}/fiches" if command[1] == "fiche" else command[2]
    elif case.family == "init" and command[1] == "plans":
        return True
    else:
        return False
    return path == folder or path.startswith(f"{folder}/")
