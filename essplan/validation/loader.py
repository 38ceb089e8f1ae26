"""Charger un plan : plan.yaml et ses fiches, en modèles, avec l'origine de chaque valeur.

`load_plan(dossier)` lit tout ce qui peut l'être et rend un `LoadedPlan` : les modèles
valides, et un diagnostic positionné (fichier, ligne, colonne, chemin de clé) pour chaque
problème. Les erreurs de pydantic sont traduites en français par `messages.py`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..french import os_error
from ..reading.document import Limits, YamlDocument, is_within
from ..reading.files import outside
from ..repository import UsageError, readable
from .cache import CacheMismatch, PlanCache

PLAN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Un identifiant sert de nom de dossier, et le dossier de travail d'un import ou d'une création
# y ajoute une trentaine de caractères : bien en deçà des 255 octets d'un nom de fichier.
MAX_PLAN_ID = 64


def check_plan_id(plan_id: str) -> str:
    """Un identifiant de plan (le nom de son dossier) tel que le format l'admet ; `UsageError`
    sinon, pour `import --plan`, `init --plan` et `new plan`."""
    if len(plan_id) > MAX_PLAN_ID:
        raise UsageError(
            f"identifiant de plan trop long ({len(plan_id)} caractères, {MAX_PLAN_ID} au plus)"
        )
    if not PLAN_ID.fullmatch(plan_id):
        raise UsageError(
            f"identifiant de plan invalide « {readable(plan_id)} » : lettres minuscules sans"
            " accent, chiffres et tirets (par exemple « clermont-2016 »)"
        )
    return plan_id


FICHE_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class LoadedFiche:
    fiche: Any  # Fiche
    document: YamlDocument


@dataclass(slots=True)
class LoadedPlan:
    """Un plan tel qu'il a pu être lu : `plan` est None si plan.yaml est invalide."""

    id: str
    folder: Path
    display: str  # le dossier tel qu'on l'affiche (relatif au dossier courant)
    plan: Any = None  # Plan
    document: YamlDocument | None = None
    fiches: list[LoadedFiche] = field(default_factory=list)
    fiche_files: int = 0  # fichiers de fiches trouvés, valides ou non
    # Fiches présentes mais invalides : leurs ids connus, et le nombre de fichiers illisibles.
    # Un lien vers elles n'est pas « cassé » : l'erreur est déjà signalée dans leur fichier.
    invalid_ids: set[str] = field(default_factory=set)
    unreadable_fiches: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Le texte lu de chaque fichier (nom affiché → texte) : la ligne citée sous un message vient
    # de là, jamais d'une seconde lecture (le fichier a pu changer, ou n'être pas ordinaire).
    sources: dict[str, str] = field(default_factory=dict)
    _order: list[LoadedFiche] | None = None  # `in_plan_order`, triées une fois

    @property
    def plan_file(self) -> str:
        return f"{self.display}/plan.yaml"

    def blocking_errors(self) -> list[Diagnostic]:
        """Les erreurs qui rendent le plan inutilisable : ni budget ni rapport n'en partent."""
        return [d for d in self.diagnostics if d.severity >= Severity.ERROR]

    @property
    def plan_document(self) -> YamlDocument:
        """plan.yaml tel qu'il a été lu ; à ne demander qu'à un plan lisible (`plan` n'est pas
        None), comme le font les contrôles de références et les règles."""
        if self.document is None:
            raise ValueError(f"{self.plan_file} n'a pas pu être lu")
        return self.document

    @property
    def usable(self) -> bool:
        """Un plan dont plan.yaml se lit et qui n'a aucune erreur : la règle de `budget` et de
        `report`, une seule fois ici."""
        return self.plan is not None and not self.blocking_errors()

    def in_plan_order(self) -> list[LoadedFiche]:
        """Les fiches dans l'ordre du plan : ordre des axes, puis identifiants (2.9 avant 2.10).

        Le linter, le budget et les rapports la demandent plusieurs fois : triée une fois."""
        if self._order is None or len(self._order) != len(self.fiches):
            rank = (
                {str(axe.code): index for index, axe in enumerate(self.plan.axes)}
                if self.plan
                else {}
            )
            self._order = sorted(
                self.fiches,
                key=lambda item: (
                    rank.get(str(item.fiche.axe), len(rank)),
                    natural_key(item.fiche.id),
                ),
            )
        return list(self._order)


def load_plan(
    folder: Path,
    display: str,
    limits: Limits = Limits(),
    root: Path | None = None,
    cache: PlanCache | None = None,
) -> LoadedPlan:
    """Lit le plan de `folder` (`root` : le dépôt) ; `cache` : pour `validate` seul."""
    root = root or folder
    loaded = LoadedPlan(readable(folder.name), folder, display)
    problems = loaded.diagnostics
    if not PLAN_ID.fullmatch(folder.name):
        problems.append(
            Diagnostic(
                "ESS010",
                f"nom de dossier de plan invalide « {loaded.id} » : lettres minuscules sans"
                " accent, chiffres et tirets (par exemple « clermont-2016 »)",
                loaded.plan_file,
            )
        )
    if not is_within(folder, root):
        problems.append(Diagnostic("ESS009", outside("un dossier"), loaded.plan_file))
        return loaded
    plan_path = folder / "plan.yaml"
    if not plan_path.exists() and not plan_path.is_symlink():
        problems.append(
            Diagnostic(
                "ESS010",
                "plan.yaml manquant : chaque dossier de plans/ contient un plan.yaml"
                " (collectivite, titre, axes)",
                loaded.plan_file,
            )
        )
    else:
        _load_plan_file(loaded, plan_path, limits, root, cache)
    for path in _fiche_files(folder, display, root, problems):
        _load_fiche(loaded, path, limits, root, cache)
    return loaded


def _load_fiche(
    loaded: LoadedPlan, path: Path, limits: Limits, root: Path, cache: PlanCache | None
) -> None:
    loaded.fiche_files += 1
    name = readable(path.name)
    shown = f"{loaded.display}/fiches/{name}"
    if name != path.name:  # le nom n'est pas de l'UTF-8 : on le montre, on ne le lit pas
        loaded.diagnostics.append(
            Diagnostic(
                "ESS009",
                "nom de fichier qui n'est pas en UTF-8 (montré ici avec « \ufffd ») : renommez le"
                " fichier ; il n'est pas lu",
                shown,
            )
        )
        loaded.unreadable_fiches += 1
        return
    if cache is not None:
        recalled = _recall(loaded, cache, path, shown, limits, root)
        if recalled is not None:
            loaded.fiches.append(LoadedFiche(*recalled))
            return
    start = len(loaded.diagnostics)
    status = _status(path) if cache is not None else None  # avant la lecture
    document, fiche = _load_model(loaded, path, shown, _models()[0], limits, root)
    if fiche is not None and document is not None:
        loaded.fiches.append(LoadedFiche(fiche, document))
        if cache is not None and shown in loaded.sources:
            found = loaded.diagnostics[start:]
            cache.remember(shown, loaded.sources[shown], fiche, document, found, status)
    elif document is not None and isinstance(document.data, dict):
        loaded.invalid_ids.add(str(document.data.get("id")))
    else:
        loaded.unreadable_fiches += 1


def _load_plan_file(
    loaded: LoadedPlan, path: Path, limits: Limits, root: Path, cache: PlanCache | None
) -> None:
    """plan.yaml : du cache de `validate` s'il n'a pas changé (le linter, qui lit tout le plan,
    le relit toujours), sinon lu et validé."""
    shown = loaded.plan_file
    kept = cache if cache is not None and cache.keeps_plan else None
    if kept is not None:
        recalled = _recall(loaded, kept, path, shown, limits, root)
        if recalled is not None:
            loaded.plan, loaded.document = recalled
            return
    start = len(loaded.diagnostics)
    status = _status(path) if kept is not None else None  # avant la lecture
    loaded.document, loaded.plan = _load_model(loaded, path, shown, _models()[1], limits, root)
    document, plan = loaded.document, loaded.plan
    if kept is not None and plan is not None and document is not None and shown in loaded.sources:
        found = loaded.diagnostics[start:]
        kept.remember(shown, loaded.sources[shown], plan, document, found, status)


def _recall(
    loaded: LoadedPlan, cache: PlanCache, path: Path, shown: str, limits: Limits, root: Path
) -> tuple[Any, YamlDocument] | None:
    """Le modèle (`CachedFiche`, `CachedPlan`) et le document de `shown` sortis du cache,
    ses diagnostics et son texte ajoutés au plan ; None si le cache ne le connaît pas."""
    recalled = cache.recall(path, shown, limits, root)
    if recalled is None:
        return None
    found, model, document, text = recalled
    loaded.diagnostics.extend(found)
    if text is not None:  # None : crue sur son état, lue seulement s'il faut la citer
        loaded.sources[shown] = text
    return model, document


def prepare() -> None:
    """Ce que la lecture d'une fiche importe à la première (modèles, pydantic, PyYAML) : avant
    de lancer des processus de travail (`pool.map_plans`), qui en héritent."""
    from ..reading import builder  # noqa: F401

    _models()


@cache
def _models() -> tuple[type, type, Callable[..., Any]]:
    """Fiche, Plan et la validation par pydantic (`messages.build_model`), importés à la
    première fiche relue : un `validate` dont tout sort du cache n'importe ni les modèles ni
    pydantic (le tiers de son démarrage)."""
    from ..model.fiche import Fiche
    from ..model.plan import Plan
    from .messages import build_model as build

    return Fiche, Plan, build


def _status(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except OSError:
        return None


def read_pending(loaded: LoadedPlan, cache: PlanCache, files: Iterable[str]) -> None:
    """Le texte des fichiers `files` que le cache a crus sans les lire, dans `loaded.sources`,
    pour citer leurs lignes ; `CacheMismatch` si l'un d'eux a changé entre-temps."""
    for file in files:
        if file not in loaded.sources:
            text = cache.text_of(file)
            if text is not None:
                loaded.sources[file] = text


def reparse_fiche(item: LoadedFiche, text: str, limits: Limits) -> None:
    """Remplace la fiche sortie du cache `item` par son modèle et son document, tirés du texte
    qu'on avait lu (`sources`) : le même texte, donc les mêmes diagnostics, déjà dits ; ils ne
    sont pas répétés. Pour le linter, quand ses règles de fiche doivent repasser."""
    from ..reading.builder import parse_yaml  # PyYAML, au premier fichier relu

    problems: list[Diagnostic] = []
    document = parse_yaml(text, item.document.file, limits, problems)
    fiche = build_model(_models()[0], document, problems) if document is not None else None
    if document is None or fiche is None:  # le cache disait la fiche valide : elle l'est
        raise CacheMismatch(item.document.file)
    item.fiche, item.document = fiche, document


def _fiche_files(folder: Path, display: str, root: Path, problems: list[Diagnostic]) -> list[Path]:
    fiches = folder / "fiches"
    if not fiches.exists():
        return []
    if not fiches.is_dir():
        problems.append(
            Diagnostic(
                "ESS009",
                "« fiches » doit être un dossier (un fichier YAML par fiche)",
                f"{display}/fiches",
            )
        )
        return []
    if not is_within(fiches, root):
        problems.append(Diagnostic("ESS009", outside("un dossier"), f"{display}/fiches"))
        return []
    try:
        entries = sorted(fiches.iterdir(), key=lambda p: natural_key(p.name))
    except OSError as error:
        problems.append(
            Diagnostic("ESS009", f"dossier illisible : {os_error(error)}", f"{display}/fiches")
        )
        return []
    return [p for p in entries if p.suffix in FICHE_SUFFIXES and not p.name.startswith(".")]


def natural_key(text: str) -> tuple:
    """« 2.10 » après « 2.9 », « 10 » après « 9 ».

    Un groupe de chiffres se compare par sa longueur puis ses chiffres (sans zéros de tête) :
    c'est l'ordre des nombres, sans convertir en `int` (« ² » ou 5 000 chiffres le feraient
    échouer)."""
    parts: list = _DIGITS.split(text)  # texte, chiffres, texte…
    for index in range(1, len(parts), 2):
        digits = parts[index].lstrip("0")
        parts[index] = (len(digits), digits)
    return tuple(parts)


_DIGITS = re.compile(r"([0-9]+)")


def _load_model(
    loaded: LoadedPlan, path: Path, display: str, model: type, limits: Limits, root: Path
) -> tuple[YamlDocument | None, Any]:
    """Le document et le modèle d'un fichier (None s'il est invalide) ; son texte est gardé
    pour citer ses lignes sous les messages, ses problèmes vont au plan."""
    from ..reading.builder import read_yaml  # PyYAML, au premier fichier lu

    document, problems, source = read_yaml(path, display, limits, root)
    loaded.diagnostics.extend(problems)
    if source is not None:
        loaded.sources[display] = source
    if document is None:
        return None, None
    return document, build_model(model, document, loaded.diagnostics)


def build_model(model: type, document: YamlDocument, problems: list[Diagnostic]) -> Any:
    return _models()[2](model, document, problems)
