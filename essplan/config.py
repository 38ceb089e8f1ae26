"""La configuration : `essplan.toml` à la racine du dépôt, ou `[tool.essplan]` de pyproject.toml.

```toml
select = ["ESS1", "ESS3"]        # codes ou préfixes ; par défaut, toutes les règles
ignore = ["ESS103"]
[severity]                       # erreur, avertissement, info ou off (ou error, warning)
ESS402 = "off"
ESS205 = "erreur"
[per-file-ignores]               # motif (relatif au dépôt) → codes
"plans/grenoble/**" = ["ESS101"]
[limits]
max-file-size = 5242880          # octets
max-aliases = 100
max-values = 100000              # valeurs après expansion des alias
max-depth = 50
[suivi]                          # les horizons du suivi, en mois (format 1.1)
intervalle = 6                   # sans entrée de journal depuis plus longtemps : sans nouvelles
echeance-proche = 3              # une fin ou une étape dans ce délai : à échéance
```

Une configuration fautive est une erreur d'usage (code de sortie 2), signalée avec son fichier
et sa clé. Les codes qu'elle nomme sont vérifiés contre ceux qu'on lui donne (`codes`, le
catalogue du linter) : ce module n'importe pas le linter, qui en dépend.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import Severity
from .french import citation, number
from .reading.decode import decode
from .reading.document import Limits
from .reading.files import Refused, read_bounded
from .reading.syntax import libyaml_max_depth

OFF = "off"  # une règle coupée : ni constat, ni sévérité
LIMIT_KEYS = {
    "max-file-size": "max_file_bytes",
    "max-aliases": "max_aliases",
    "max-values": "max_values",
    "max-depth": "max_depth",
}
TOP_KEYS = ("select", "ignore", "severity", "per-file-ignores", "limits", "suivi")
HORIZON_KEYS = {"intervalle": "intervalle", "echeance-proche": "echeance_proche"}
MAX_HORIZON = 120  # dix ans : au-delà, plus rien ne serait « sans nouvelles » ni « à échéance »
# Une borne réglée au-delà ne se tiendrait pas (2 Gio pour un fichier, deux milliards de valeurs) ;
# elle garantit aussi qu'un nombre de la configuration peut toujours s'écrire dans un message.
LIMIT_CEILING = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Horizons:
    """Les horizons du suivi, en mois : `intervalle` (au-delà, une action en cours sans entrée
    de journal est « sans nouvelles ») et `echeance_proche` (une fin ou une étape dans ce délai
    est « à échéance »)."""

    intervalle: int = 6
    echeance_proche: int = 3


class ConfigError(Exception):
    """Configuration invalide : le message nomme le fichier et la clé."""


@dataclass(frozen=True, slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None : « off »
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    limits: Limits = Limits()
    horizons: Horizons = Horizons()
    source: str | None = None

    def enabled(self, code: str) -> bool:
        if code in self.severities and self.severities[code] is None:
            return False
        selected = not self.select or any(code.startswith(p) for p in self.select)
        return selected and not any(code.startswith(p) for p in self.ignore)

    def severity(self, code: str, default: Severity) -> Severity:
        """La sévérité configurée d'un code, sinon `default` (celle de la règle)."""
        return self.severities.get(code) or default

    def ignored_for_file(self, code: str, relative: str) -> bool:
        """Vrai si `per-file-ignores` tait `code` pour ce fichier (chemin relatif au dépôt)."""
        return any(
            fnmatch.fnmatch(relative, pattern) and any(code.startswith(c) for c in codes)
            for pattern, codes in self.per_file_ignores.items()
        )

    def with_options(
        self, select: list[str] | None, ignore: list[str] | None, codes: Collection[str]
    ) -> Config:
        """`--select` remplace la sélection du fichier ; `--ignore` s'y ajoute. `codes` : les
        codes connus (`lint.catalogue`)."""
        for code in (*(select or ()), *(ignore or ())):
            _check_code(code, codes, "la ligne de commande", "--select/--ignore")
        return replace(
            self,
            select=tuple(select) if select else self.select,
            ignore=self.ignore + tuple(ignore or ()),
        )


def find_config(root: Path | None) -> tuple[Path, bytes] | None:
    """Le fichier de configuration du dépôt et ses octets : essplan.toml, sinon un
    pyproject.toml qui a une section `[tool.essplan]`. Chacun est lu comme un fichier de plan
    (`reading.files`) : un tube, un périphérique ou un lien qui sort du dépôt est une erreur de
    configuration, sans rien lire."""
    if root is None:
        return None
    for name in ("essplan.toml", "pyproject.toml"):
        path = root / name
        if not os.path.lexists(path):
            continue
        try:
            raw = read_bounded(path, Limits().max_file_bytes, root)
        except Refused as error:
            raise ConfigError(f"{name} : {error}") from None
        if name == "essplan.toml" or b"[tool.essplan" in raw:
            return path, raw
    return None


def configs_for(
    roots: Iterable[Path],
    codes: Collection[str],
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> dict[Path, Config]:
    """La configuration de chaque dépôt visé, options de la ligne de commande comprises.

    Une seule règle pour toutes les commandes : un plan est contrôlé avec la configuration du
    dépôt qui le contient (`essplan.toml` à côté de son dossier `plans/`), quel que soit le
    dossier d'où la commande est lancée. `codes` : les codes connus, que la configuration nomme.
    """
    return {
        root: load_config(root, codes).with_options(select, ignore, codes)
        for root in dict.fromkeys(roots)
    }


def load_config(root: Path | None, codes: Collection[str]) -> Config:
    found = find_config(root)
    if found is None:
        return Config()
    path, raw = found
    data = _read_toml(path.name, raw)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("essplan", {})
    return _parse(data, path.name, codes)


def _read_toml(name: str, raw: bytes) -> dict:
    problems: list[str] = []
    text = decode(
        raw,
        lambda message, line=1, column=1: problems.append(f"{name}:{line}:{column} : {message}"),
    )
    if text is None:
        raise ConfigError(problems[0])
    import tomllib  # seulement s'il y a une configuration à lire

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}{_toml_problem(str(error))}") from None
    except ValueError:  # un entier de plus de 4 300 chiffres, que Python refuse de convertir
        raise ConfigError(
            f"{name} : TOML illisible, nombre trop long (plus de 4\u202f300 chiffres)"
        ) from None


# Les messages de tomllib (Python 3.11 à 3.13), en français : motif anglais → message.
_TOML_MESSAGES = (
    (r"Cannot declare (.+) twice", "table déclarée deux fois"),
    (r"Cannot (?:mutate immutable namespace|redefine namespace) (.+)", "table redéfinie"),
    (r"Cannot overwrite a value", "clé donnée deux fois"),
    (r"Duplicate inline table key (.+)", r"clé \1 donnée deux fois dans une table en ligne"),
    (r"Escaped character is not a Unicode scalar value", "séquence d'échappement impossible"),
    (r"Expected '=' after a key in a key/value pair", "« = » attendu après la clé"),
    (r"Expected '\]' at the end of a table declaration", "« ] » attendu à la fin du nom de table"),
    (
        r"Expected '\]\]' at the end of an array declaration",
        "« ]] » attendu à la fin du nom de table",
    ),
    (
        r"Expected newline or end of document after a statement",
        "fin de ligne attendue après la valeur (une seule clé par ligne)",
    ),
    (r"Expected (.+)", r"\1 attendu"),
    (r"(?:Found invalid|Illegal) character (.+)", r"caractère interdit \1"),
    (r"Invalid date or datetime", "date illisible"),
    (r"Invalid hex value", "code hexadécimal illisible"),
    (r"Invalid initial character for a key part", "caractère interdit au début d'une clé"),
    (r"Invalid statement", "ligne illisible (ni « clé = valeur », ni « [table] »)"),
    (r"Invalid value", "valeur illisible (un texte s'écrit entre guillemets)"),
    (r"Unclosed array", "crochet « [ » non fermé"),
    (r"Unclosed inline table", "accolade « { » non fermée"),
    (r"Unescaped '\\' in a string", "« \\ » non doublé dans un texte entre guillemets"),
    (r"Unterminated string", "guillemet non fermé"),
)
_TOML_WHERE = re.compile(r"(.*) \(at (?:line (\d+), column (\d+)|end of document)\)$", re.DOTALL)


def _toml_problem(english: str) -> str:
    """« Invalid value (at line 2, column 9) » → « :2:9 : TOML illisible, valeur illisible… »."""
    found = _TOML_WHERE.fullmatch(english)
    problem, where = (
        (found[1], f":{found[2]}:{found[3]}" if found[2] else "") if found else (english, "")
    )
    for pattern, french in _TOML_MESSAGES:
        if re.fullmatch(pattern, problem):
            return f"{where} : TOML illisible, {re.sub(pattern, french, problem)}"
    return f"{where} : TOML illisible"


def _parse(data: dict, name: str, known: Collection[str]) -> Config:
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(
                f"{name} : clé inconnue « {citation(key)} » (clés admises : {', '.join(TOP_KEYS)})"
            )
    return Config(
        select=_codes(data.get("select", []), known, name, "select"),
        ignore=_codes(data.get("ignore", []), known, name, "ignore"),
        severities=_severities(data.get("severity", {}), known, name),
        per_file_ignores=_per_file(data.get("per-file-ignores", {}), known, name),
        limits=_limits(data.get("limits", {}), name),
        horizons=_horizons(data.get("suivi", {}), name),
        source=name,
    )


def _codes(value: object, known: Collection[str], name: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{name} : « {citation(key)} » doit être une liste de codes ("ESS101")')
    for code in value:
        _check_code(code, known, name, key)
    return tuple(value)


def _check_code(code: str, known: Collection[str], name: str, key: str) -> None:
    if not code or not any(known_code.startswith(code) for known_code in known):
        raise ConfigError(
            f"{name} : {citation(key)} : code inconnu « {citation(code)} » (voir essplan rule"
            " --all)"
        )


def _severities(value: object, known: Collection[str], name: str) -> dict[str, Severity | None]:
    if not isinstance(value, dict):
        raise ConfigError(f'{name} : « severity » doit être une table (ESS101 = "erreur")')
    severities: dict[str, Severity | None] = {}
    for code, word in value.items():
        if code not in known:
            raise ConfigError(f"{name} : severity : code inconnu « {citation(code)} »")
        if not isinstance(word, str):
            raise ConfigError(
                f'{name} : severity.{code} : un texte est attendu ("erreur",'
                ' "avertissement", "info" ou "off")'
            )
        if word.strip().lower() == OFF:
            severities[code] = None
            continue
        try:
            severities[code] = Severity.from_word(word)
        except ValueError:
            raise ConfigError(
                f"{name} : severity.{code} : « {citation(word)} » n'est pas une sévérité"
                " (erreur, avertissement, info ou off)"
            ) from None
    return severities


def _per_file(value: object, known: Collection[str], name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f'{name} : « per-file-ignores » doit être une table ("motif" = [codes])')
    return {
        pattern: _codes(codes, known, name, f"per-file-ignores.{pattern}")
        for pattern, codes in value.items()
    }


def _limits(value: object, name: str) -> Limits:
    settings = _integers(value, name, "limits", LIMIT_KEYS, 1, LIMIT_CEILING)
    _check_depth(settings.get("max_depth"), name)
    return Limits(**settings)


def _integers(
    value: object, name: str, table: str, keys: dict[str, str], lowest: int, highest: int
) -> dict[str, int]:
    """Une table de réglages entiers (`limits`, `suivi`) : clé du fichier → champ, bornes
    comprises ; comparés avant d'être écrits ou comptés."""
    if not isinstance(value, dict):
        raise ConfigError(f"{name} : « {table} » doit être une table")
    settings = {}
    for key, setting in value.items():
        if key not in keys:
            raise ConfigError(
                f"{name} : {table} : clé inconnue « {citation(key)} » ({', '.join(keys)})"
            )
        if isinstance(setting, bool) or not isinstance(setting, int) or setting < lowest:
            expected = "positif" if lowest > 0 else "positif ou nul"
            raise ConfigError(f"{name} : {table}.{key} : un nombre entier {expected} est attendu")
        if setting > highest:
            raise ConfigError(f"{name} : {table}.{key} : au plus {number(highest)}")
        settings[keys[key]] = setting
    return settings


def _check_depth(depth: int | None, name: str) -> None:
    """Une profondeur que libyaml ne sait pas lire ne serait pas tenue : libyaml s'arrêterait
    avant, et le message annoncerait une limite fausse."""
    ceiling = libyaml_max_depth()
    if depth is not None and ceiling is not None and depth > ceiling:
        raise ConfigError(
            f"{name} : limits.max-depth : {depth} niveaux, plus que les {ceiling} que libyaml"
            f" (la bibliothèque de lecture YAML) accepte ; choisissez au plus {ceiling}"
        )


def _horizons(value: object, name: str) -> Horizons:
    return Horizons(**_integers(value, name, "suivi", HORIZON_KEYS, 0, MAX_HORIZON))
