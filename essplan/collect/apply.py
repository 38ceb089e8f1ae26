"""Écrire les modifications d'une fusion dans les fichiers des fiches, sans toucher au reste.

Chaque fichier est relu par ruamel.yaml en aller-retour (commentaires, ordre des clés,
guillemets gardés) ; avant toute modification, on vérifie que sa réécriture telle quelle rend
le fichier octet pour octet (l'indentation est cherchée parmi les formes courantes) : sinon,
essplan ne le réécrit pas, et rien n'est écrit. Une clé nouvelle prend sa place dans l'ordre du
format ; un indicateur écrit en texte devient `{libelle, valeurs}`. La marque d'ordre d'octets
et les fins de ligne CRLF sont gardées.

Les nouveaux textes sont validés (une copie du plan, dans un dossier temporaire) avant d'écrire
quoi que ce soit. Puis, tous les fichiers ou aucun :

1. chaque nouveau texte est écrit à côté de sa fiche, sous un nom caché que le chargement ignore
   (`.1.1.yaml.essplan-collect-XXXX.new`), et forcé sur le disque ; chaque fiche reçoit un lien
   physique de sauvegarde (`….old`) ; un échec ici ne change rien ;
2. les renommages, l'un après l'autre (`os.replace`, atomique pour chaque fichier), Ctrl-C et
   SIGTERM bloqués le temps de la boucle ; un renommage qui échoue remet, depuis les
   sauvegardes, les fiches déjà renommées ;
3. les temporaires et les sauvegardes sont retirés.

Seul un arrêt net (SIGKILL, coupure de courant) pendant l'étape 2 peut laisser des fiches
nouvelles et d'autres anciennes ; chacune est entière et valide, et, la fusion étant
idempotente, relancer la même fusion avec `--write` termine le travail. Les restes cachés d'un
tel arrêt sont retirés à la fusion suivante, sous le verrou de `plans/` (`locking.py`).
"""

from __future__ import annotations

import io
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import atomic
from ..model.fiche import FICHE_KEYS, Indicateur
from .changes import Change, FileChanges

TAG = ".essplan-collect-"
_INDENTS = ((2, 2), (2, 0), (4, 4), (4, 2), (4, 0), (2, 4), (3, 3), (3, 0))  # mapping, offset
_ORDERS: dict[str, tuple[str, ...]] = {
    "": FICHE_KEYS,
    "suivi": ("date", "texte", "statut", "avancement"),
    "indicateurs": tuple(Indicateur.model_fields),
}


class ApplyError(Exception):
    """Une fiche que la fusion ne peut pas réécrire : le message dit laquelle et pourquoi."""


def edited(file: FileChanges) -> bytes:
    """Les octets de la fiche, une fois ses modifications faites."""
    raw = file.path.read_bytes()
    text = raw.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    crlf = "\r\n" in text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    yaml = _faithful(text, file.display)
    data = yaml.load(text)
    for change in file.changes:
        _apply(data, change)
    new = _dump(yaml, data)
    return (bom + (new.replace("\n", "\r\n") if crlf else new)).encode("utf-8")


def _yaml(mapping: int, offset: int) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # jamais de ligne repliée
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _faithful(text: str, display: str) -> YAML:
    """Le réglage d'indentation qui réécrit `text` à l'identique ; sinon `ApplyError`."""
    for mapping, offset in _INDENTS:
        yaml = _yaml(mapping, offset)
        if _dump(yaml, yaml.load(text)) == text:
            return yaml
    raise ApplyError(
        f"{display} : essplan collect ne sait pas réécrire ce fichier sans changer d'autres lignes"
        " (une mise en forme que ruamel.yaml ne reproduit pas : des espaces en trop, une"
        " indentation inhabituelle) ; rien n'est écrit : reportez ces valeurs à la main"
    )


def _apply(data: Any, change: Change) -> None:
    node, parent = data, ""
    path = change.path
    for depth, part in enumerate(path[:-1]):
        node = _child(node, part, parent, inserting=change.insert and depth == len(path) - 2)
        parent = part if isinstance(part, str) else parent
    last = path[-1]
    value = _yaml_value(change.new)
    if change.insert:
        node.insert(last, value)
    elif isinstance(last, int):
        _place(node, last, value, None)
    else:
        _place(node, last, value, _ORDERS.get(parent if isinstance(node, CommentedMap) else ""))


def _child(node: Any, part: str | int, parent: str, inserting: bool) -> Any:
    if isinstance(node, CommentedSeq):
        assert isinstance(part, int)
        if isinstance(node[part], str):  # un indicateur écrit en texte : son libellé d'abord
            node[part] = CommentedMap([("libelle", node[part])])
        return node[part]
    if part not in node:
        assert isinstance(part, str)
        _place(node, part, CommentedSeq() if inserting else CommentedMap(), _ORDERS.get(parent))
    return node[part]


def _place(node: CommentedMap, key: str | int, value: Any, order: tuple[str, ...] | None) -> None:
    """Une valeur à sa clé : changée sur place, ou insérée à sa place (l'ordre du format pour
    un nom, l'ordre des années pour une année)."""
    if key in node:
        node[key] = value
        return
    keys = list(node)
    if isinstance(key, int):
        position = sum(1 for known in keys if isinstance(known, int) and known < key)
    elif order is not None and key in order:
        rank = order.index(key)
        before = [i for i, known in enumerate(keys) if known in order and order.index(known) < rank]
        position = before[-1] + 1 if before else 0
    else:
        position = len(keys)
    node.insert(position, key, value)


def _yaml_value(value: object) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return CommentedMap([(key, _yaml_value(item)) for key, item in value.items()])
    return value


def leftovers(folder: Path) -> list[Path]:
    """Les restes cachés d'une fusion arrêtée net dans `fiches/` (à retirer sous le verrou)."""
    fiches = folder / "fiches"
    if not fiches.is_dir():
        return []
    return sorted(p for p in fiches.iterdir() if p.name.startswith(".") and TAG in p.name)


def write_all(texts: list[tuple[Path, bytes]]) -> None:
    """Écrit chaque texte à son chemin : tous ou aucun (voir le protocole en tête du module)."""
    staged: list[tuple[Path, Path, Path]] = []
    try:
        for path, data in texts:
            staged.append(_stage(path, data))
        _rename_all(staged)
    finally:
        for _, new, old in staged:
            new.unlink(missing_ok=True)
            old.unlink(missing_ok=True)
    for folder in {path.parent for path, _ in texts}:
        atomic.fsync_folder(folder)


def _stage(path: Path, data: bytes) -> tuple[Path, Path, Path]:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}{TAG}", suffix=".new", dir=path.parent)
    new = Path(name)
    old = new.with_suffix(".old")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), path.stat().st_mode & 0o7777)
            os.fsync(stream.fileno())
        os.link(path, old)
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    return path, new, old


def _rename_all(staged: list[tuple[Path, Path, Path]]) -> None:
    done: list[tuple[Path, Path]] = []
    with _signals_blocked():
        try:
            for path, new, old in staged:
                os.replace(new, path)
                done.append((path, old))
        except BaseException:
            for path, old in done:
                with suppress(OSError):
                    os.replace(old, path)
            raise


@contextmanager
def _signals_blocked() -> Iterator[None]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
