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
import tempfile
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Severity
from ..reading.decode import decode
from ..reading.document import KeyPath, Limits, Suppression, YamlDocument
from ..reading.files import Refused, read_bounded

CACHE_FOLDER = ".essplan_cache"
FORMAT = 2
MAX_CACHE_FILE = 256 * 1024 * 1024
_IGNORE_ALL = "# Écrit par essplan : le cache ne se versionne pas.\n*\n"


class CachedCost(NamedTuple):
    """Du coût d'une fiche sortie du cache, la base de ses montants (HT, TTC), que lit ESS310."""

    taxe: str | None

    @property
    def reading(self) -> CachedCost:  # `cout.reading.taxe`, comme sur le modèle
        return self


class CachedFiche(NamedTuple):
    """Ce que lisent d'une fiche valide sortie du cache les contrôles de références (`id`,
    `axe`, `liens`) et les règles du linter qui portent sur tout le plan (ESS310 : `cout` ;
    ESS401 : `pilotes`, `associes` ; ESS402 : `id`, `axe`). Une règle de plan qui lirait autre
    chose d'une fiche doit l'ajouter ici et dans `PlanCache.remember`."""

    id: str
    axe: str
    liens: list[str] | None
    pilotes: list[str] | None = None
    associes: list[str] | None = None
    cout: CachedCost | None = None


@dataclass(slots=True)
class PlacedDocument(YamlDocument):
    """Le document d'une fiche sortie du cache : les seules positions gardées."""

    places: dict[KeyPath, list] = field(default_factory=dict)  # [ligne, colonne, chemin]

    def locate(self, path: KeyPath) -> tuple[int, int, str]:
        line, column, key_path = self.places[path]
        return line, column, key_path


@dataclass(slots=True)
class PlanCache:
    """Les entrées d'un plan : lues au début, réécrites à la fin si elles ont changé."""

    file: Path
    key: bytes
    salt: str
    entries: dict[str, dict[str, Any]]
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)

    def digest(self, shown: str, text: str) -> str:
        material = hashlib.blake2b(digest_size=32)
        for part in (self.salt, shown, text):
            material.update(part.encode("utf-8", "surrogatepass"))
            material.update(b"\x00")
        return material.hexdigest()

    def recall(
        self, path: Path, shown: str, limits: Limits, root: Path
    ) -> tuple[list[Diagnostic], CachedFiche, PlacedDocument, str] | None:
        """Ce que le cache sait de `path`, si son texte est celui de l'entrée ; None sinon."""
        entry = self.entries.get(shown)
        if entry is None:
            return None
        try:
            raw = read_bounded(path, limits.max_file_bytes, root)
        except Refused:
            return None  # le chemin ordinaire dira pourquoi
        text = decode(raw, _refused)
        if text is None or entry.get("hash") != self.digest(shown, text):
            return None
        try:
            recalled = _rebuild(entry, shown)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None
        self.seen[shown] = entry
        return (*recalled, text)

    def remember(
        self, shown: str, text: str, fiche: Any, document: YamlDocument, found: list[Diagnostic]
    ) -> None:
        if any(d.file != shown or d.excerpt is not None for d in found):
            return  # un diagnostic qui parle d'un autre fichier : pas de cache
        cout = fiche.cout
        self.seen[shown] = {
            "hash": self.digest(shown, text),
            "id": fiche.id,
            "axe": str(fiche.axe),
            "liens": _texts(fiche.liens),
            "pilotes": _texts(fiche.pilotes),
            "associes": _texts(fiche.associes),
            "cout": None if cout is None else [cout.reading.taxe],
            "places": [document.locate(p) for p in _paths(fiche)],
            "suppressions": [
                [s.line, s.column, list(s.codes), s.whole_file] for s in document.suppressions
            ],
            "diagnostics": [_dump(d) for d in found],
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


def _refused(message: str, line: int = 1, column: int = 1) -> None:
    """Un texte que `decode` refuse n'est pas recherché dans le cache."""


def _texts(values: Any) -> list[str] | None:
    return list(values) if values is not None else None


def _paths(fiche: Any) -> list[KeyPath]:
    """Les clés d'une fiche dont le cache garde la position : celles que lisent les contrôles
    de références et les règles de plan du linter."""
    paths: list[KeyPath] = [("id",), ("axe",)]
    if fiche.cout is not None:
        paths.append(("cout",))
    for key in ("liens", "pilotes", "associes"):
        paths += [(key, i) for i in range(len(getattr(fiche, key) or []))]
    return paths


def _dump(d: Diagnostic) -> list[Any]:
    return [d.code, d.message, d.line, d.column, d.path, int(d.severity), d.suggestion, d.name]


def _load(item: Any, shown: str) -> Diagnostic:
    code, message, line, column, path, severity, suggestion, name = item
    for text in (code, message, path, name):
        _expect(text, str)
    for number in (line, column, severity):
        _expect(number, int)
    if suggestion is not None:
        _expect(suggestion, str)
    return Diagnostic(
        code, message, shown, line, column, path, Severity(severity), suggestion, None, name
    )


def _expect(value: Any, kind: type) -> None:
    if type(value) is not kind:
        raise TypeError(kind.__name__)


def _rebuild(
    entry: dict[str, Any], shown: str
) -> tuple[list[Diagnostic], CachedFiche, PlacedDocument]:
    """L'entrée, vérifiée champ à champ : un champ d'un autre type est une entrée à refaire."""
    _expect(entry["id"], str)
    _expect(entry["axe"], str)
    cout = entry["cout"]
    if cout is not None:
        _expect(cout, list)
        (taxe,) = cout
        if taxe is not None:
            _expect(taxe, str)
    fiche = CachedFiche(
        entry["id"],
        entry["axe"],
        _text_list(entry["liens"]),
        _text_list(entry["pilotes"]),
        _text_list(entry["associes"]),
        None if cout is None else CachedCost(cout[0]),
    )
    # les positions, dans l'ordre de `_paths` : la fiche dit à quelles clés elles sont
    located = entry["places"]
    for line, column, key_path in located:
        if type(line) is not int or type(column) is not int or type(key_path) is not str:
            raise TypeError("position")
    paths = _paths(fiche)
    if len(paths) != len(located):
        raise ValueError("positions")
    places = dict(zip(paths, located, strict=True))
    found = [_load(item, shown) for item in entry["diagnostics"]] if entry["diagnostics"] else []
    document = PlacedDocument(shown, None, suppressions=_suppressions(entry), places=places)
    return found, fiche, document


def _text_list(values: Any) -> list[str] | None:
    if values is not None:
        _expect(values, list)
        for value in values:
            _expect(value, str)
    return values


def _suppressions(entry: dict[str, Any]) -> list[Suppression]:
    found: list[Suppression] = []
    if not entry["suppressions"]:
        return found
    for line, column, codes, whole_file in entry["suppressions"]:
        _expect(line, int)
        _expect(column, int)
        _expect(whole_file, bool)
        found.append(Suppression(line, column, tuple(_text_list(codes) or ()), whole_file))
    return found


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
    plan_cache = PlanCache(place / f"{name}{suffix}.json", key, salt, {})
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
