"""Lire un fichier YAML comme le format l'exige, en sachant d'où vient chaque valeur.

On ne passe pas par `yaml.load` : on construit les valeurs à partir des événements du
parseur C de libyaml (`CParser`, celui de `CSafeLoader`), ce qui ne coûte pas plus que
`yaml.load` (voir benchmarks/results.md) et permet en même temps de :
- noter la ligne et la colonne de chaque clé et de chaque valeur (`positions`) ;
- refuser une clé donnée deux fois dans un même dictionnaire ;
- refuser les étiquettes hors du jeu sûr (`!!python/object`, `!perso`) : rien n'est exécuté ;
- borner la profondeur (le compositeur de PyYAML plante au-delà de quelques dizaines de
  milliers de niveaux) et l'expansion des alias (« billion laughs »).

Chaque problème devient un `Diagnostic` ; une entrée invalide ne lève jamais d'exception.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.cyaml import CParser
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from . import syntax_messages
from .diagnostics import Diagnostic

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bornes de lecture ; réglables dans `essplan.toml` (section `[limits]`)."""

    max_file_bytes: int = 5 * 1024 * 1024
    max_aliases: int = 100
    max_values: int = 100_000  # valeurs après expansion des alias
    max_depth: int = 50


@dataclass(frozen=True, slots=True)
class Suppression:
    """`# essplan: ignore[ESS302]` (cette ligne ou la suivante) ou `file-ignore[…]` (le fichier)."""

    line: int
    column: int
    codes: tuple[str, ...]
    whole_file: bool


_SUPPRESSION = re.compile(r"#\s*essplan:\s*(file-ignore|ignore)\b(?:\[([^\]]*)\])?")


def find_suppressions(text: str) -> list[Suppression]:
    if "essplan:" not in text:
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _SUPPRESSION.search(line)
        if match:
            codes = tuple(c.strip() for c in (match[2] or "").split(",") if c.strip())
            found.append(Suppression(number, match.start() + 1, codes, match[1] == "file-ignore"))
    return found


@dataclass(slots=True)
class YamlDocument:
    """Le contenu d'un fichier et la position (ligne, colonne, à partir de 1) de ses valeurs."""

    file: str
    data: Any
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)

    def position(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """La position connue la plus proche de `path` (on remonte vers la racine)."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_constructor = SafeConstructor()
_resolver = Resolver()


class _Stop(Exception):
    """Arrêt de la lecture sur un problème déjà consigné."""


def read_yaml(path: Path, display: str, limits: Limits = Limits()) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Lit `path` ; renvoie le document (ou None) et les problèmes trouvés."""
    problems: list[Diagnostic] = []
    text = _read_text(path, display, limits, problems)
    if text is None:
        return None, problems
    if not text.strip():  # vide ou fait d'espaces (même une tabulation) : un fichier vide
        return YamlDocument(display, None), problems
    builder = _Builder(display, limits, problems)
    try:
        builder.run(text)
    except _Stop:
        return None, problems
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_diagnostic(display, error, limits))
        return None, problems
    except yaml.YAMLError:  # erreur sans position : rare (flux illisible)
        problems.append(Diagnostic("ESS001", syntax_messages.GENERIC, display))
        return None, problems
    builder.document.suppressions = find_suppressions(text)
    return builder.document, problems


# ------------------------------------------------------------------------ octets → texte


def _read_text(path: Path, display: str, limits: Limits, problems: list[Diagnostic]) -> str | None:
    def unreadable(message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Diagnostic("ESS009", message, display, line, column))

    try:
        status = path.stat()
        size = status.st_size
        if not stat.S_ISREG(status.st_mode):  # ce que ferait path.is_file(), sans second appel
            unreadable("ce n'est pas un fichier (un dossier ?)")
            return None
        if size > limits.max_file_bytes:
            unreadable(
                f"fichier trop gros ({_thousands(size)} octets, limite"
                f" {_thousands(limits.max_file_bytes)}) : un plan ou une fiche tient en quelques"
                " kilo-octets ; la limite se règle dans essplan.toml ([limits] max-file-size)"
            )
            return None
        raw = path.read_bytes()
    except PermissionError:
        unreadable("lecture refusée (droits du fichier)")
        return None
    except OSError as error:
        from .french import os_error

        unreadable(f"fichier illisible : {os_error(error)}")
        return None
    return decode(raw, unreadable)


def decode(raw: bytes, unreadable) -> str | None:
    """UTF-8 (avec ou sans BOM) ; sinon un message qui dit de quel encodage convertir."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        unreadable(
            "fichier encodé en UTF-16 : enregistrez-le en UTF-8"
            " (par exemple : iconv -f UTF-16 -t UTF-8 fichier.yaml)"
        )
        return None
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = _line_column(raw, offset)
        unreadable("fichier binaire (octet nul) : ce n'est pas un fichier YAML", line, column)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        byte = raw[error.start]
        if _looks_latin1(raw):
            unreadable(
                f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ; il semble encodé en"
                " Latin-1 (ISO-8859-1 ou Windows-1252) : convertissez-le, par exemple avec"
                " « iconv -f WINDOWS-1252 -t UTF-8 »",
                line,
                column,
            )
        else:
            unreadable(
                f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ni en texte reconnaissable",
                line,
                column,
            )
        return None
    # En UTF-8, un octet sous 0x20 n'est jamais qu'un caractère de contrôle : on les cherche d'abord
    # dans les octets (`translate` efface tous les autres, en C), et leur place dans le texte ensuite.
    found = _CONTROL.search(text) if raw.translate(None, _NOT_CONTROL_BYTES) else None
    if found is not None:
        control, offset = found[0], found.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        unreadable(f"caractère de contrôle U+{ord(control):04X} : ce n'est pas du texte", line, column)
        return None
    return text


# Les caractères de contrôle interdits : tous ceux sous l'espace, sauf tabulation et fins de ligne.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_CONTROL_BYTES = b"\t\n\r" + bytes(range(0x20, 0x100))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _looks_utf16(raw: bytes) -> bool:
    sample = raw[:200]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def _looks_latin1(raw: bytes) -> bool:
    """Vrai si le texte se lit en Windows-1252 sans caractère de contrôle."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not any(c < " " and c not in "\t\n\r" for c in text)


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


# ----------------------------------------------------------------- événements → valeurs


_STR_TAG = "tag:yaml.org,2002:str"
_NON_PLAIN_STYLES = frozenset(("'", '"', "|", ">"))
# Premier caractère d'un scalaire simple → les étiquettes implicites qu'il peut prendre
# (nombre, booléen, null, date…) ; un scalaire dont le premier caractère n'y figure pas est un
# texte, sans passer par les expressions régulières du résolveur. Le dictionnaire est celui du
# résolveur lui-même : s'il change, la lecture reste celle du résolveur.
_IMPLICIT = Resolver.yaml_implicit_resolvers


class _Builder:
    """Construit les valeurs d'un document à partir des événements de libyaml.

    Chemin chaud : une boucle sur les événements où le conteneur ouvert (dictionnaire ou
    liste), son chemin, la clé en attente et le chemin de la valeur attendue sont des
    variables locales ; les conteneurs englobants attendent dans `saved`. Les cas rares
    (étiquettes, erreurs) passent par les méthodes.
    """

    def __init__(self, display: str, limits: Limits, problems: list[Diagnostic]) -> None:
        self.display = display
        self.limits = limits
        self.problems = problems
        self.document = YamlDocument(display, None)

    def fail(self, code: str, message: str, mark: Any) -> None:
        self.problems.append(
            Diagnostic(code, message, self.display, mark.line + 1, mark.column + 1)
        )
        raise _Stop

    def run(self, text: str) -> None:
        parser = CParser(text)  # l'analyseur de libyaml seul : ni constructeur ni résolveur
        try:
            self.build(parser.get_event)
        finally:
            parser.dispose()

    def build(self, next_event: Any) -> None:  # noqa: C901 — une boucle, à plat, pour la vitesse
        document = self.document
        values, keys = document.values, document.keys
        limits = self.limits
        max_values, max_depth, max_aliases = limits.max_values, limits.max_depth, limits.max_aliases
        implicit = _IMPLICIT
        fast = None not in implicit and not Resolver.yaml_path_resolvers
        non_plain = _NON_PLAIN_STYLES
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        document_start = yaml.DocumentStartEvent
        anchors: dict[str, tuple[Any, int]] = {}  # ancre → (valeur, poids)
        aliases = weight = documents = depth = 0
        # Le conteneur ouvert : valeur, chemin, dictionnaire ?, clé en attente, chemin de la
        # valeur attendue (dictionnaire), ancre, poids, position ; les englobants dans `saved`.
        container: Any = None
        path: KeyPath = ()
        is_map = False
        pending: Any = _NO_KEY
        pending_path: KeyPath = ()
        anchor = None
        container_weight = 0
        container_mark: Any = None
        saved: list[tuple] = []

        while True:
            event = next_event()
            if event is None:
                return
            kind = event.__class__
            if kind is scalar_event:
                value = event.value
                if event.tag is not None:
                    value = self.construct_scalar(event)
                elif event.style in non_plain:
                    pass  # entre guillemets ou en bloc : un texte
                elif fast and event.implicit[0]:
                    # Ce que fait le résolveur, sans appel ni liste : un texte, sauf si une des
                    # expressions de son premier caractère le reconnaît (nombre, date, null…).
                    for _, regexp in implicit.get(value[0] if value else "", ()):
                        if regexp.match(value):
                            value = self.construct_scalar(event)
                            break
                else:
                    value = self.construct_scalar(event)
                mark = event.start_mark
                if is_map and pending is _NO_KEY:  # une clé
                    if type(value) is not str and (not isinstance(value, (str, int)) or isinstance(value, bool)):
                        self.fail("ESS001", f"clé « {event.value} » : une clé est un texte", mark)
                    child = path + (value,)
                    if value in container:
                        self.duplicate_key(value, keys.get(child, (0, 0))[0], mark)
                    keys[child] = (mark.line + 1, mark.column + 1)
                    pending, pending_path = value, child
                    continue
                value_weight = 1
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                if event.tag is not None and event.tag not in SAFE_TAGS:
                    self.refuse_tag(event.tag, mark)
                if is_map and pending is _NO_KEY:
                    self.fail("ESS001", "clé complexe (liste ou dictionnaire) non admise", mark)
                if depth >= max_depth:
                    self.fail("ESS009", _too_deep(max_depth), mark)
                if depth:
                    child = pending_path if is_map else path + (len(container),)
                    saved.append((container, path, is_map, pending, pending_path, anchor,
                                  container_weight, container_mark))
                else:
                    child = ()
                values[child] = (mark.line + 1, mark.column + 1)
                is_map = kind is mapping_start
                container = {} if is_map else []
                path, pending, anchor = child, _NO_KEY, event.anchor
                container_weight, container_mark = 1, mark
                depth += 1
                continue
            elif kind is mapping_end or kind is sequence_end:
                depth -= 1
                value, value_weight, mark = container, container_weight, container_mark
                if anchor:
                    anchors[anchor] = (value, value_weight)
                if not depth:
                    document.data = value
                    container, is_map = None, False
                    continue
                (container, path, is_map, pending, pending_path, anchor, container_weight,
                 container_mark) = saved.pop()
                weight += value_weight
                if weight > max_values:
                    self.too_many_values(mark)
                container_weight += value_weight
                if is_map:
                    container[pending] = value
                    pending = _NO_KEY
                else:
                    container.append(value)
                continue
            elif kind is alias_event:
                mark = event.start_mark
                if event.anchor not in anchors:
                    self.fail("ESS001", f"alias « *{event.anchor} » sans ancre « &{event.anchor} »", mark)
                aliases += 1
                if aliases > max_aliases:
                    self.fail(
                        "ESS009",
                        f"trop d'alias YAML (plus de {max_aliases}) ; la limite se règle"
                        " dans essplan.toml ([limits] max-aliases)",
                        mark,
                    )
                value, value_weight = anchors[event.anchor]
                if is_map and pending is _NO_KEY:
                    self.fail("ESS001", "un alias ne peut pas servir de clé", mark)
            else:
                if kind is document_start:
                    documents += 1
                    if documents > 1:
                        self.fail(
                            "ESS001",
                            "plusieurs documents YAML dans un même fichier (« --- ») : un fichier"
                            " ne contient qu'un plan ou qu'une fiche",
                            event.start_mark,
                        )
                continue

            # Une valeur (scalaire ou alias) prend sa place : racine, dictionnaire ou liste.
            if not depth:
                document.data = value
                values[()] = (mark.line + 1, mark.column + 1)
            else:
                values[pending_path if is_map else path + (len(container),)] = (mark.line + 1, mark.column + 1)
                weight += value_weight
                if weight > max_values:
                    self.too_many_values(mark)
                container_weight += value_weight
                if is_map:
                    container[pending] = value
                    pending = _NO_KEY
                else:
                    container.append(value)
            if kind is scalar_event and event.anchor:
                anchors[event.anchor] = (value, 1)

    def duplicate_key(self, key: Any, first: int, mark: Any) -> None:
        self.fail(
            "ESS002",
            f"clé « {key} » donnée deux fois dans le même dictionnaire (déjà à la ligne"
            f" {first}) : la seconde valeur effacerait la première",
            mark,
        )

    def too_many_values(self, mark: Any) -> None:
        self.fail(
            "ESS009",
            f"le fichier se développe en plus de {_thousands(self.limits.max_values)} valeurs"
            " (alias imbriqués, « billion laughs » ?)",
            mark,
        )

    def construct_scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if event.style in _NON_PLAIN_STYLES or tag == "!":
                return event.value
            tag = _resolver.resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value  # ce que rendrait le constructeur des textes
        if tag not in SAFE_TAGS:
            self.refuse_tag(tag, event.start_mark)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _constructor.yaml_constructors[tag](_constructor, node)
        except (ConstructorError, ValueError, TypeError):
            self.fail("ESS001", f"valeur « {event.value} » illisible pour l'étiquette {tag}", event.start_mark)

    def refuse_tag(self, tag: str, mark: Any) -> None:
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        self.fail(
            "ESS001",
            f"étiquette YAML « {tag} » refusée : seules les valeurs simples (texte, nombre,"
            " date, liste, dictionnaire) sont admises, essplan n'exécute jamais rien",
            mark,
        )


_NO_KEY = object()

# --------------------------------------------------------------- erreurs de syntaxe YAML


def _syntax_diagnostic(display: str, error: yaml.MarkedYAMLError, limits: Limits) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    if error.context_mark and (error.context or "").startswith(syntax_messages.OPENING_CONTEXTS):
        mark = error.context_mark  # là où s'ouvre le guillemet ou le crochet, pas la fin du fichier
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if syntax_messages.is_nesting(error.problem):
        # libyaml a vu la profondeur avant nous (il lit en avance les crochets ouverts) : c'est
        # la même limite, le même code et le même message que s'il l'avait laissée à essplan.
        return Diagnostic("ESS009", _too_deep(limits.max_depth), display, line, column)
    return Diagnostic("ESS001", syntax_messages.translate(error.problem, error.context), display,
                      line, column)


def _too_deep(max_depth: int) -> str:
    return f"imbrication trop profonde (plus de {max_depth} niveaux)"


def libyaml_max_depth() -> int | None:
    """La profondeur au-delà de laquelle libyaml refuse de lire (None : aucune limite).

    PyYAML 6.0.2 et suivants livrent un libyaml qui s'arrête à 1 000 niveaux ; une limite
    configurée plus haute ne pourrait pas être tenue : `config.py` la refuse.
    """
    from yaml import _yaml  # type: ignore[attr-defined]

    getter = getattr(_yaml, "_get_max_nest_level", None)
    return getter() if getter is not None else None


def is_within(path: Path, root: Path) -> bool:
    """Vrai si `path`, liens résolus, reste sous `root` (un lien ne doit pas sortir du dépôt)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except OSError:
        return False
