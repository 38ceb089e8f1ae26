"""Lire un fichier YAML comme le format l'exige, en sachant d'où vient chaque valeur.

On ne passe pas par `yaml.load` : on construit les valeurs à partir des événements du
parseur C de libyaml (`CParser`, celui de `CSafeLoader`), ce qui ne coûte pas plus que
`yaml.load` (voir benchmarks/results.md) et permet en même temps de :
- noter la ligne et la colonne de chaque clé et de chaque valeur (`positions`) ;
- refuser une clé donnée deux fois dans un même dictionnaire ;
- refuser les étiquettes hors du jeu sûr (`!!python/object`, `!perso`) : rien n'est exécuté,
  et ne construire une valeur étiquetée que si elle est ce que dit son étiquette, chaque
  nombre dans ses bornes (`scalars`) ;
- borner la profondeur (le compositeur de PyYAML plante au-delà de quelques dizaines de
  milliers de niveaux) et l'expansion des alias (« billion laughs »).

Chaque problème devient un `Diagnostic` ; une entrée invalide ne lève jamais d'exception.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml._yaml import CParser
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..diagnostics import Diagnostic, key_path_text
from ..french import citation
from .decode import read_text, thousands
from .document import KeyPath, Limits, YamlDocument, find_suppressions
from .scalars import Unbuildable, build_scalar, collection_tag_problem
from .syntax import GENERIC, reader_diagnostic, syntax_diagnostic, too_deep

_resolver = Resolver()


class _Stop(Exception):
    """Arrêt de la lecture sur un problème déjà consigné."""


class ReadResult(NamedTuple):
    """Ce que la lecture d'un fichier rend : le document (None s'il est illisible), les
    problèmes, et le texte qu'on peut citer sous un message (None pour un fichier qui n'a pas été
    lu : le rapporteur ne rouvre jamais un fichier)."""

    document: YamlDocument | None
    problems: list[Diagnostic]
    source: str | None


def read_yaml(
    path: Path, display: str, limits: Limits = Limits(), root: Path | None = None
) -> ReadResult:
    """Lit `path` (un lien doit mener sous `root`, le dépôt)."""
    problems: list[Diagnostic] = []
    text, source = read_text(path, display, limits, problems, root)
    if text is None:
        return ReadResult(None, problems, source)
    return ReadResult(parse_yaml(text, display, limits, problems), problems, source)


def parse_yaml(
    text: str, display: str, limits: Limits, problems: list[Diagnostic]
) -> YamlDocument | None:
    """Le document d'un texte déjà lu et décodé (None s'il est illisible : ses problèmes vont à
    `problems`) ; le cache du linter y repasse le texte d'une fiche qu'il n'a pas gardée."""
    if not text.strip():  # vide ou fait d'espaces (même une tabulation) : un fichier vide
        return YamlDocument(display, None)
    builder = _Builder(display, limits, problems)
    try:
        builder.run(text)
    except _Stop:
        return None
    except yaml.MarkedYAMLError as error:
        problems.append(syntax_diagnostic(display, error, limits))
        return None
    except yaml.reader.ReaderError as error:  # un caractère que libyaml refuse (U+FFFE…)
        problems.append(reader_diagnostic(display, text, error))
        return None
    except yaml.YAMLError:  # erreur sans position : rare (flux illisible)
        problems.append(Diagnostic("ESS001", GENERIC, display))
        return None
    builder.document.suppressions = find_suppressions(text)
    return builder.document


# ----------------------------------------------------------------- événements → valeurs


_STR_TAG = "tag:yaml.org,2002:str"
_NON_PLAIN_STYLES = frozenset(("'", '"', "|", ">"))
# Premier caractère d'un scalaire simple → les étiquettes implicites qu'il peut prendre
# (nombre, booléen, null, date…) ; un scalaire dont le premier caractère n'y figure pas est un
# texte, sans passer par les expressions régulières du résolveur. Le dictionnaire est celui du
# résolveur lui-même : s'il change, la lecture reste celle du résolveur.
_IMPLICIT = Resolver.yaml_implicit_resolvers


class _Frame(NamedTuple):
    """Un conteneur ouvert, qui attend dans la pile pendant qu'on lit un de ses enfants."""

    container: Any  # le dictionnaire ou la liste en construction
    path: KeyPath  # son chemin depuis la racine
    is_map: bool
    pending: Any  # la clé dont on attend la valeur (dictionnaire), ou _NO_KEY
    pending_path: KeyPath  # le chemin de cette valeur
    anchor: str | None  # l'ancre « &nom » du conteneur
    weight: int  # le nombre de valeurs qu'il contient, alias développés
    mark: Any  # sa position dans le texte


class _Builder:
    """Construit les valeurs d'un document à partir des événements de libyaml.

    Chemin chaud : une seule boucle sur les événements, où le conteneur ouvert (les champs de
    `_Frame`) tient dans des variables locales — un attribut ou un appel par valeur coûterait
    sur les centaines de milliers de scalaires d'un dépôt national ; les conteneurs englobants
    attendent dans `saved`. Les cas rares (étiquettes, erreurs) passent par les méthodes.
    """

    def __init__(self, display: str, limits: Limits, problems: list[Diagnostic]) -> None:
        self.display = display
        self.limits = limits
        self.problems = problems
        self.document = YamlDocument(display, None)

    def fail(self, code: str, message: str, mark: Any) -> NoReturn:
        self.problems.append(
            Diagnostic(code, message, self.display, mark.line + 1, mark.column + 1)
        )
        raise _Stop

    def place_failure(self, path: KeyPath, in_mapping: list[bool]) -> None:
        """Le chemin de la valeur refusée, sur le diagnostic qui vient d'être écrit ;
        `in_mapping` : pour chaque élément du chemin, son conteneur est-il un dictionnaire."""
        self.problems[-1] = replace(self.problems[-1], path=key_path_text(path, in_mapping))

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
        # Le conteneur ouvert, en variables locales (voir `_Frame`) ; les englobants dans `saved`.
        container: Any = None
        path: KeyPath = ()
        is_map = False
        pending: Any = _NO_KEY
        pending_path: KeyPath = ()
        anchor = None
        container_weight = 0
        container_mark: Any = None
        saved: list[_Frame] = []

        while True:
            event = next_event()
            if event is None:
                return
            kind = event.__class__
            if kind is scalar_event:
                value = event.value
                try:
                    if event.tag is not None:
                        value = self.construct_scalar(event)
                    elif event.style in non_plain:
                        pass  # entre guillemets ou en bloc : un texte
                    elif fast and event.implicit[0]:
                        # Ce que fait le résolveur, sans appel ni liste : un texte, sauf si une
                        # des expressions de son premier caractère le reconnaît (nombre, date…).
                        for _, regexp in implicit.get(value[0] if value else "", ()):
                            if regexp.match(value):
                                value = self.construct_scalar(event)
                                break
                    else:
                        value = self.construct_scalar(event)
                except _Stop:  # une valeur refusée : son chemin, calculé seulement alors
                    if depth and not (is_map and pending is _NO_KEY):
                        self.place_failure(
                            pending_path if is_map else path + (len(container),),
                            [frame.is_map for frame in saved] + [is_map],
                        )
                    raise
                mark = event.start_mark
                if is_map and pending is _NO_KEY:  # une clé
                    if type(value) is not str and (
                        not isinstance(value, (str, int)) or isinstance(value, bool)
                    ):
                        self.fail(
                            "ESS001",
                            f"clé « {citation(event.value)} » : une clé est un texte",
                            mark,
                        )
                    child = path + (value,)
                    if value in container:
                        self.duplicate_key(value, keys.get(child, (0, 0))[0], mark)
                    keys[child] = (mark.line + 1, mark.column + 1)
                    pending, pending_path = value, child
                    continue
                value_weight, value_anchor, located = 1, event.anchor, False
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                if event.tag is not None:
                    self.check_collection_tag(event.tag, kind is mapping_start, mark)
                if is_map and pending is _NO_KEY:
                    self.fail("ESS001", "clé complexe (liste ou dictionnaire) non admise", mark)
                if depth >= max_depth:
                    self.fail("ESS009", too_deep(max_depth), mark)
                if depth:
                    child = pending_path if is_map else path + (len(container),)
                    saved.append(
                        _Frame(
                            container,
                            path,
                            is_map,
                            pending,
                            pending_path,
                            anchor,
                            container_weight,
                            container_mark,
                        )
                    )
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
                # Le conteneur fermé devient la valeur de son parent ; sa position est notée
                # depuis son ouverture.
                depth -= 1
                value, value_weight, mark = container, container_weight, container_mark
                value_anchor, located = anchor, True
                if depth:
                    (
                        container,
                        path,
                        is_map,
                        pending,
                        pending_path,
                        anchor,
                        container_weight,
                        container_mark,
                    ) = saved.pop()
            elif kind is alias_event:
                mark = event.start_mark
                if event.anchor not in anchors:
                    name = citation(event.anchor)
                    self.fail("ESS001", f"alias « *{name} » sans ancre « &{name} »", mark)
                aliases += 1
                if aliases > max_aliases:
                    self.fail(
                        "ESS009",
                        f"trop d'alias YAML (plus de {max_aliases}) ; la limite se règle"
                        " dans essplan.toml ([limits] max-aliases)",
                        mark,
                    )
                if is_map and pending is _NO_KEY:
                    self.fail("ESS001", "un alias ne peut pas servir de clé", mark)
                value, value_weight = anchors[event.anchor]
                value_anchor, located = None, False
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

            # Une valeur (scalaire, alias ou conteneur fermé) prend sa place : la racine, ou le
            # conteneur ouvert ; écrit une fois pour les trois.
            if value_anchor:
                anchors[value_anchor] = (value, value_weight)
            if not depth:
                document.data = value
                if not located:
                    values[()] = (mark.line + 1, mark.column + 1)
                container, is_map = None, False
                continue
            if not located:
                values[pending_path if is_map else path + (len(container),)] = (
                    mark.line + 1,
                    mark.column + 1,
                )
            weight += value_weight
            if weight > max_values:
                self.too_many_values(mark)
            container_weight += value_weight
            if is_map:
                container[pending] = value
                pending = _NO_KEY
            else:
                container.append(value)

    def duplicate_key(self, key: Any, first: int, mark: Any) -> None:
        self.fail(
            "ESS002",
            f"clé « {citation(key)} » donnée deux fois dans le même dictionnaire (déjà à la ligne"
            f" {first}) : la seconde valeur effacerait la première",
            mark,
        )

    def too_many_values(self, mark: Any) -> None:
        self.fail(
            "ESS009",
            f"le fichier se développe en plus de {thousands(self.limits.max_values)} valeurs"
            " (alias imbriqués, « billion laughs » ?)",
            mark,
        )

    def construct_scalar(self, event: yaml.ScalarEvent) -> Any:
        tag, explicit = event.tag, True
        if tag is None or tag == "!":
            if event.style in _NON_PLAIN_STYLES or tag == "!":
                return event.value
            tag, explicit = _resolver.resolve(ScalarNode, event.value, event.implicit), False
        if tag == _STR_TAG:
            return event.value  # ce que rendrait le constructeur des textes
        try:
            return build_scalar(tag, event.value, explicit, event.style)
        except Unbuildable as problem:
            self.fail(problem.code, str(problem), event.start_mark)

    def check_collection_tag(self, tag: str, is_map: bool, mark: Any) -> None:
        """Un dictionnaire ou une liste ne porte que son étiquette (`!!map`, `!!seq`)."""
        problem = collection_tag_problem(tag, is_map)
        if problem is not None:
            self.fail(problem.code, str(problem), mark)


_NO_KEY = object()
