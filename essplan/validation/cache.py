"""Le cache de `validate` et de `lint` : ce que la lecture et la validation d'une fiche ont
trouvé, gardé dans `.essplan_cache/` à la racine du dépôt (le dossier qui contient `plans/`),
pour ne pas relire une fiche qui n'a pas changé. Un fichier par plan et par commande.

Ce qui est gardé, par fiche valide : ses diagnostics, son identifiant, son axe, ses `liens`,
`pilotes`, `associes`, la base de son coût (HT, TTC), ses suppressions et la position de ces
clés, soit ce que demandent les contrôles de références (`references.py`) et les règles de plan
du linter, refaits à chaque exécution sur tout le plan ; le linter y ajoute les constats de ses
règles de fiche (`note`, voir `lint/cached.py`). Une fiche invalide ou illisible, et plan.yaml,
sont relus à chaque fois. Une entrée vaut pour un texte (l'empreinte BLAKE2 du texte lu, du nom
affiché, de la commande, de la version d'essplan, d'une empreinte de son code et des limites de
lecture) : tout changement la rend caduque.

Un fichier du cache est une donnée non fiable (on peut en versionner un) : il est en JSON, ne
peut rien exécuter, et n'est cru que s'il porte la signature HMAC-SHA256 d'une clé secrète qui
n'est pas dans le dépôt (voir `cli/common.cache_key`) ; sinon il est ignoré et réécrit. Le
contenu d'une empreinte ne suffirait pas : qui peut écrire le cache peut y mettre, sous
l'empreinte d'un fichier invalide, une entrée qui le dit valide. Un cache illisible, d'une
autre version ou qu'on ne peut écrire n'empêche rien : on travaille sans lui.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..reading.decode import decode
from ..reading.document import Limits, YamlDocument
from ..reading.files import Refused, read_bounded
from .cache_entries import (
    PlacedDocument,
    dump,
    fiche_facts,
    paths,
    plan_facts,
    plan_paths,
    rebuild,
    rebuild_plan,
)

CACHE_FOLDER = ".essplan_cache"
FORMAT = 2
MAX_CACHE_FILE = 256 * 1024 * 1024
_IGNORE_ALL = "# Écrit par essplan : le cache ne se versionne pas.\n*\n"


@dataclass(slots=True)
class PlanCache:
    """Les entrées d'un plan : lues au début, réécrites à la fin si elles ont changé."""

    file: Path
    key: bytes
    salt: str
    entries: dict[str, dict[str, Any]]
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Une entrée n'est crue sur l'état du fichier que s'il n'a pas changé depuis un moment quand
    # le cache a été écrit (`ctime` avant `settled`, voir `open_plan_cache`).
    settled: int = 0
    # Les fiches crues sur leur état, sans être lues : nom affiché → (chemin, dépôt, taille
    # permise, empreinte attendue) ; `text_of` les lit si un message doit citer une ligne.
    pending: dict[str, tuple[Path, Path, int, str]] = field(default_factory=dict)
    keeps_plan: bool = True  # plan.yaml aussi (validate) ; le linter le relit toujours

    def digest(self, shown: str, text: str) -> str:
        material = hashlib.blake2b(digest_size=32)
        for part in (self.salt, shown, text):
            material.update(part.encode("utf-8", "surrogatepass"))
            material.update(b"\x00")
        return material.hexdigest()

    def recall(
        self, path: Path, shown: str, limits: Limits, root: Path
    ) -> tuple[list[Diagnostic], Any, PlacedDocument, str | None] | None:
        """Ce que le cache sait de `path` (une fiche, ou plan.yaml : `CachedFiche`,
        `CachedPlan`), si son texte est celui de l'entrée ; None sinon.

        Le texte est lu et son empreinte comparée à celle de l'entrée, sauf pour un fichier
        ordinaire dont l'état (taille, dates de modification et de changement, inode) est celui
        que l'entrée a noté avant de le lire, et qui n'avait pas changé depuis un moment quand le
        cache a été écrit : il est cru sans être lu (le texte rendu est alors None ; `text_of`
        le lira si un message doit en citer une ligne). C'est ce que font ruff et mypy, et git
        pour son index (« racily clean ») : un fichier réécrit change de `ctime`."""
        entry = self.entries.get(shown)
        if entry is None:
            return None
        try:
            stamp = _stamp(os.lstat(path))
        except OSError:
            return None  # le chemin ordinaire dira pourquoi
        if stamp is not None and entry.get("stat") == stamp and stamp[2] < self.settled:
            if not entry.get("diagnostics"):  # des diagnostics citent leur ligne : on lit
                return self._rebuilt(entry, shown, None, (path, root, limits.max_file_bytes))
        try:
            raw = read_bounded(path, limits.max_file_bytes, root)
        except Refused:
            return None
        text = decode(raw, _refused)
        if text is None or entry.get("hash") != self.digest(shown, text):
            return None
        return self._rebuilt(
            entry if entry.get("stat") == stamp else {**entry, "stat": stamp}, shown, text, None
        )

    def _rebuilt(
        self,
        entry: dict[str, Any],
        shown: str,
        text: str | None,
        unread: tuple[Path, Path, int] | None,
    ) -> tuple[list[Diagnostic], Any, PlacedDocument, str | None] | None:
        try:
            recalled = (rebuild_plan if shown.endswith("/plan.yaml") else rebuild)(entry, shown)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None
        self.seen[shown] = entry
        if unread is not None:
            self.pending[shown] = (*unread, entry["hash"])
        return (*recalled, text)

    def text_of(self, shown: str) -> str | None:
        """Le texte d'une fiche crue sur son état sans être lue (None pour une autre) ;
        `CacheMismatch` s'il n'est plus celui de l'entrée (le fichier vient de changer)."""
        if shown not in self.pending:
            return None
        path, root, max_bytes, expected = self.pending.pop(shown)
        try:
            text = decode(read_bounded(path, max_bytes, root), _refused)
        except Refused:
            raise CacheMismatch(shown) from None
        if text is None or self.digest(shown, text) != expected:
            raise CacheMismatch(shown)
        return text

    def remember(
        self,
        shown: str,
        text: str,
        model: Any,
        document: YamlDocument,
        found: list[Diagnostic],
        status: os.stat_result | None = None,
    ) -> None:
        """Garde ce que la lecture de `shown` a trouvé (`model` : la fiche, ou le plan pour
        plan.yaml) ; `status` : l'état du fichier pris avant de le lire (`os.lstat`)."""
        if any(d.file != shown or d.excerpt is not None for d in found):
            return  # un diagnostic qui parle d'un autre fichier : pas de cache
        is_plan = shown.endswith("/plan.yaml")
        self.seen[shown] = {
            "hash": self.digest(shown, text),
            "stat": None if status is None else _stamp(status),
            **(plan_facts(model) if is_plan else fiche_facts(model)),
            "places": [document.locate(p) for p in (plan_paths if is_plan else paths)(model)],
            "suppressions": [
                [s.line, s.column, list(s.codes), s.whole_file] for s in document.suppressions
            ],
            "diagnostics": [dump(d) for d in found],
        }

    def noted(self, shown: str) -> Any:
        """Ce qu'une commande a ajouté à l'entrée de `shown` (`note`), None sinon ; une donnée
        non vérifiée, que la commande vérifie."""
        entry = self.seen.get(shown)
        return entry.get("noted") if entry is not None else None

    def note(self, shown: str, data: Any) -> None:
        """Ajoute `data` (du JSON) à l'entrée de `shown`, s'il en a une : le linter y garde les
        constats de ses règles de fiche."""
        if shown in self.seen and self.seen[shown].get("noted") != data:
            self.seen[shown] = {**self.seen[shown], "noted": data}

    def save(self) -> None:
        """Réécrit le fichier du plan s'il a changé ; rien si on ne peut pas l'écrire."""
        if self.seen == self.entries:
            return
        payload = json.dumps(
            {"format": FORMAT, "salt": self.salt, "entries": self.seen},
            ensure_ascii=True,
            separators=(",", ":"),
        ).encode("ascii")
        try:
            prepare_folder(self.file.parent)
            replace_file(self.file, sign(self.key, payload) + b"\n" + payload)
        except OSError:
            return


class CacheMismatch(Exception):
    """Une fiche sortie du cache n'a plus le texte de son entrée : elle a changé pendant
    l'exécution, ou l'entrée la disait valide à tort. Le plan est refait sans le cache."""


# Un fichier changé moins de deux secondes avant l'écriture du cache peut l'être encore dans la
# même unité de temps du système de fichiers (deux secondes en FAT) : il sera lu.
SETTLE_NS = 2_000_000_000


def _stamp(status: os.stat_result) -> list[int] | None:
    """L'état d'un fichier ordinaire qui change quand on l'écrit ; None pour un autre (un
    lien, un tube…), qui est toujours lu."""
    if not stat.S_ISREG(status.st_mode):
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]


def _refused(message: str, line: int = 1, column: int = 1) -> None:
    """Un texte que `decode` refuse n'est pas recherché dans le cache."""


def sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")


def prepare_folder(folder: Path) -> None:
    """Crée `.essplan_cache/` (avec son `.gitignore` et son CACHEDIR.TAG) ; `OSError` si ce
    n'est pas un dossier ordinaire (un lien, par exemple)."""
    if not folder.is_dir() and not folder.is_symlink():
        try:
            folder.mkdir()
        except FileExistsError:  # une autre exécution vient de le créer
            pass
    if folder.is_symlink() or not folder.is_dir():
        raise NotADirectoryError(str(folder))
    for name, content in (
        (".gitignore", _IGNORE_ALL),
        ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"),
    ):
        if not (folder / name).exists():
            replace_file(folder / name, content.encode("utf-8"))


def replace_file(path: Path, content: bytes) -> None:
    """Écrit à côté puis renomme (`os.replace`, atomique) : une autre exécution lit l'ancien
    fichier ou le nouveau, jamais un morceau. Sans `fsync` : un fichier du cache perdu à une
    coupure de courant est un fichier illisible, donc ignoré."""
    import tempfile  # à l'écriture seulement : un cache plein ne l'importe pas

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_plan_cache(
    root: Path, folder: Path, key: bytes, limits: Limits, version: str, kind: str = "validate"
) -> PlanCache | None:
    """Le cache du plan `folder` du dépôt `root` pour la commande `kind` (« validate »,
    « lint » : un fichier chacune) ; ses entrées si le fichier est intact et signé par `key`,
    aucune sinon ; None si le cache ne peut pas servir (dossier piégé)."""
    place = root / CACHE_FOLDER
    if place.is_symlink() or (place.exists() and not place.is_dir()):
        return None
    if Path(os.path.realpath(place)).is_relative_to(os.path.realpath(root / "plans")):
        return None
    name = hashlib.blake2b(os.fsencode(folder.name), digest_size=16).hexdigest()
    suffix = "" if kind == "validate" else f".{kind}"
    salt = json.dumps([FORMAT, kind, version, code_fingerprint(), list(astuple(limits))])
    plan_cache = PlanCache(place / f"{name}{suffix}.json", key, salt, {}, keeps_plan=not suffix)
    try:  # avant de le lire : un fichier réécrit entre-temps est plus récent, pas plus ancien
        plan_cache.settled = os.stat(plan_cache.file).st_mtime_ns - SETTLE_NS
    except OSError:
        pass
    plan_cache.entries = _read_entries(plan_cache)
    return plan_cache


def _read_entries(plan_cache: PlanCache) -> dict[str, dict[str, Any]]:
    try:
        content = read_bounded(plan_cache.file, MAX_CACHE_FILE)
    except Refused:
        return {}
    signature, _, payload = content.partition(b"\n")
    if not hmac.compare_digest(signature, sign(plan_cache.key, payload)):
        return {}
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    if data.get("salt") != plan_cache.salt or not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, dict)}


@cache
def code_fingerprint() -> str:
    """Le nom, la taille et la date de chaque module d'essplan : un code modifié sans changer
    de version (un dépôt de développement) ne lit pas le cache d'un autre code."""
    package = Path(__file__).resolve().parent.parent
    material = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        status = path.stat()
        material.update(
            f"{path.relative_to(package)}:{status.st_size}:{status.st_mtime_ns};".encode()
        )
    return material.hexdigest()
