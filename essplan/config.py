"""La configuration : `essplan.toml` à la racine du dépôt, ou `[tool.essplan]` de pyproject.toml.

```toml
select = ["ESS1", "ESS3"]        # codes ou préfixes ; par défaut, toutes les règles
ignore = ["ESS103"]
[severity]                       # error, warning, info ou off
ESS402 = "off"
ESS205 = "error"
[per-file-ignores]               # motif (relatif au dépôt) → codes
"plans/grenoble/**" = ["ESS101"]
[limits]
max-file-size = 5242880          # octets
max-aliases = 100
max-values = 100000              # valeurs après expansion des alias
max-depth = 50
```

Une configuration fautive est une erreur d'usage (code de sortie 2), signalée avec son fichier
et sa clé.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import CATALOGUE, Severity
from .yamlfile import Limits, decode

SEVERITY_WORDS = ("error", "warning", "info", "off")
LIMIT_KEYS = {"max-file-size": "max_file_bytes", "max-aliases": "max_aliases",
              "max-values": "max_values", "max-depth": "max_depth"}
TOP_KEYS = ("select", "ignore", "severity", "per-file-ignores", "limits")


class ConfigError(Exception):
    """Configuration invalide : le message nomme le fichier et la clé."""


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    limits: Limits = Limits()
    source: str | None = None

    def enabled(self, code: str) -> bool:
        if self.severities.get(code) == "off":
            return False
        selected = not self.select or any(code.startswith(p) for p in self.select)
        return selected and not any(code.startswith(p) for p in self.ignore)

    def severity(self, code: str) -> Severity:
        word = self.severities.get(code)
        return Severity.from_key(word) if word else CATALOGUE[code].severity

    def ignored_for_file(self, code: str, root: Path, display: str) -> bool:
        if not self.per_file_ignores:
            return False
        relative = _relative(root, display)
        return any(
            fnmatch.fnmatch(relative, pattern) and any(code.startswith(c) for c in codes)
            for pattern, codes in self.per_file_ignores.items()
        )

    def with_options(self, select: list[str] | None, ignore: list[str] | None) -> Config:
        """`--select` remplace la sélection du fichier ; `--ignore` s'y ajoute."""
        for code in (*(select or ()), *(ignore or ())):
            _check_code(code, "la ligne de commande", "--select/--ignore")
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
        )


def _relative(root: Path, display: str) -> str:
    absolute = Path(display).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def find_config(root: Path | None) -> Path | None:
    if root is None:
        return None
    if (root / "essplan.toml").exists():
        return root / "essplan.toml"
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and b"[tool.essplan" in pyproject.read_bytes():
        return pyproject
    return None


def load_config(root: Path | None) -> Config:
    path = find_config(root)
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("essplan", {})
    return _parse(data, path.name)


def _read_toml(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as error:
        from .french import os_error

        raise ConfigError(f"{path.name} : illisible ({os_error(error)})") from None
    problems: list[str] = []
    text = decode(raw, lambda message, line=1, column=1: problems.append(f"{path.name}:{line}:{column} : {message}"))
    if text is None:
        raise ConfigError(problems[0])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name} : TOML illisible ({error})") from None


def _parse(data: dict, name: str) -> Config:
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"{name} : clé inconnue « {key} » (clés admises : {', '.join(TOP_KEYS)})")
    return Config(
        select=_codes(data.get("select", []), name, "select"),
        ignore=_codes(data.get("ignore", []), name, "ignore"),
        severities=_severities(data.get("severity", {}), name),
        per_file_ignores=_per_file(data.get("per-file-ignores", {}), name),
        limits=_limits(data.get("limits", {}), name),
        source=name,
    )


def _codes(value: object, name: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name} : « {key} » doit être une liste de codes (\"ESS101\")")
    for code in value:
        _check_code(code, name, key)
    return tuple(value)


def _check_code(code: str, name: str, key: str) -> None:
    if not code or not any(known.startswith(code) for known in CATALOGUE):
        raise ConfigError(f"{name} : {key} : code inconnu « {code} » (voir essplan rule --all)")


def _severities(value: object, name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} : « severity » doit être une table (ESS101 = \"error\")")
    for code, word in value.items():
        if code not in CATALOGUE:
            raise ConfigError(f"{name} : severity : code inconnu « {code} »")
        if word not in SEVERITY_WORDS:
            raise ConfigError(
                f"{name} : severity.{code} : « {word} » n'est pas une sévérité"
                f" ({', '.join(SEVERITY_WORDS)})"
            )
    return dict(value)


def _per_file(value: object, name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} : « per-file-ignores » doit être une table (\"motif\" = [codes])")
    return {pattern: _codes(codes, name, f"per-file-ignores.{pattern}") for pattern, codes in value.items()}


def _limits(value: object, name: str) -> Limits:
    if not isinstance(value, dict):
        raise ConfigError(f"{name} : « limits » doit être une table")
    settings = {}
    for key, number in value.items():
        if key not in LIMIT_KEYS:
            raise ConfigError(f"{name} : limits : clé inconnue « {key} » ({', '.join(LIMIT_KEYS)})")
        if isinstance(number, bool) or not isinstance(number, int) or number <= 0:
            raise ConfigError(f"{name} : limits.{key} : un nombre entier positif est attendu")
        settings[LIMIT_KEYS[key]] = number
    return Limits(**settings)
