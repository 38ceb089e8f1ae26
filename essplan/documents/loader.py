"""Le chargeur des modèles : un fichier ordinaire, de taille bornée, en UTF-8, lu sans attendre.

Le `FileSystemLoader` de Jinja ouvre le fichier avant de regarder ce que c'est : une FIFO bloque
le rendu pour toujours, `/dev/zero` se lit sans fin, un lien mène n'importe où. Celui-ci vérifie
d'abord que le chemin, liens résolus, reste dans le dépôt, puis lit par `reading.files`, la
même lecture que celle des plans : rien qui ne soit un fichier ordinaire n'est ouvert, rien
n'est lu au-delà de la borne.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.exceptions import TemplateError
from jinja2.loaders import split_template_path

from .. import french
from ..reading.files import Refused, read_bounded


class TemplateRefused(TemplateError):
    """Un fichier de modèle refusé avant d'être compilé : son chemin, la ligne s'il y en a une,
    et pourquoi, en français."""

    def __init__(self, filename: str, reason: str, lineno: int | None = None) -> None:
        super().__init__(reason)
        self.filename = filename
        self.lineno = lineno
        self.reason = reason


class CheckedLoader(BaseLoader):
    """Les modèles d'un dossier ; `boundary` : le dossier qu'un lien ne doit pas quitter (le
    dépôt de plans), None pour un modèle que l'utilisateur désigne lui-même."""

    def __init__(self, folder: Path, boundary: Path | None, limit: int) -> None:
        self.folder = folder
        self.boundary = boundary.resolve() if boundary is not None else None
        self.limit = limit

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        path = os.path.normpath(self.folder.joinpath(*split_template_path(template)))
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise TemplateNotFound(template) from None
        except OSError as error:
            raise TemplateRefused(path, f"illisible : {french.os_error(error)}") from None
        self._check_inside(path)
        files = getattr(environment, "template_files", None)
        if files is not None:  # le fichier de chaque modèle chargé, pour situer une erreur
            files[template] = path
        data = _read(path, self.limit)
        _spend(environment, path, len(data))
        return _decode(path, data), path, None

    def _check_inside(self, path: str) -> None:
        """Le fichier ou un dossier de son chemin peut être un lien : c'est sa cible qui compte."""
        if self.boundary is None:
            return
        try:
            target = Path(path).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            reason = french.os_error(error) if isinstance(error, OSError) else "lien en boucle"
            raise TemplateRefused(path, f"illisible : {reason}") from None
        if not target.is_relative_to(self.boundary):
            raise TemplateRefused(
                path, f"lien symbolique qui sort du dépôt (vers « {target} ») : refusé sans lecture"
            )


def _spend(environment: Any, path: str, size: int) -> None:
    """Compiler un modèle coûte bien plus que le lire (un Mio de `{{ x }}` : 5 s et 800 Mo) :
    les modèles d'un même document ont ensemble une borne (`RenderLimits.templates_bytes`)."""
    remaining = getattr(environment, "template_budget", None)
    if remaining is None:
        return
    if size > remaining:
        raise TemplateRefused(
            path,
            "modèles trop grands pour un seul document (plus de"
            f" {french.number(environment.limits.templates_bytes)} octets en tout) : refusé",
        )
    environment.template_budget = remaining - size


def _read(path: str, limit: int) -> bytes:
    try:
        return read_bounded(Path(path), limit)  # la limite du dépôt : vérifiée par _check_inside
    except Refused as refusal:
        raise TemplateRefused(path, str(refusal)) from None


def _decode(path: str, data: bytes) -> str:
    """Le texte du modèle ; un octet qui n'est pas de l'UTF-8 est signalé à sa ligne."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise TemplateRefused(
            path,
            f"le modèle n'est pas en UTF-8 (octet 0x{data[error.start]:02x}, colonne"
            f" {column}) : enregistrez-le en UTF-8",
            line,
        ) from None
