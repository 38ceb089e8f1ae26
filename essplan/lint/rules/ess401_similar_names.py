"""ESS401 similar-names : une même personne écrite de plusieurs façons.

La définition, celle de la première version (qui comparait chaque paire) : les noms sont
ramenés à une clé (sans accents, en minuscules, séparateurs réduits à une espace) ; deux clés
se ressemblent si elles ont au moins `SHORTEST` caractères, le même premier mot, et un ratio de
difflib d'au moins `SIMILARITY` ; chaque clé, dans l'ordre du plan, rejoint le premier groupe
(dans l'ordre de création) dont une clé lui ressemble, sinon elle en crée un.

Les constats sont exactement ceux de cette définition, sans comparer chaque paire : on ne
cherche que parmi les clés du même premier mot (un bloc). Dans un petit bloc (`SMALL_BLOCK`),
chaque clé est comparée. Dans un gros, l'index des tronçons (`chunks.ChunkIndex`) rend toutes
celles dont la longueur et les tronçons retrouvés permettent le ratio ; les lettres communes,
les paires de lettres voisines communes (`similarity.count_bounds`), puis la plus longue
sous-suite commune, écartent encore ce qui ne peut pas y arriver (difflib n'apparie jamais plus
de caractères) ; le ratio de difflib tranche le reste. Aucun de ces filtres ne peut écarter une
paire qui se ressemble, et aucun ne s'arrête en chemin : ni borne de longueur, ni nombre de
noms lus par tronçon. tests/test_ess401_exact.py le vérifie contre la comparaison de
chaque paire, et chaque filtre contre son calcul naïf.

Les filtres travaillent sur des entiers vus comme des ensembles de bits, pour que Python fasse
en une opération ce qu'une boucle ferait caractère par caractère ou clé par clé : l'index donne
un bit à chaque clé et compte les tronçons retrouvés de toutes les clés à la fois ; les lettres
et les paires d'une clé sont écrites en unaire (`similarity.count_code`), et leurs communes
avec une autre sont le compte des bits d'un ET ; la sous-suite commune se calcule bit à bit,
sans le début et la fin que les deux clés ont en commun.

Une borne reste, parce que le pire cas l'exige : des milliers de noms presque pareils
(« Service 00001 », « Service 00002 »…) font un nombre de paires proches qui croît comme le
carré du nombre de noms, et aucun filtre exact ne les écarte sans les regarder. Au-delà de
`WORK_PER_NAME` opérations par nom en moyenne, la recherche s'arrête, et un constat le dit au
premier nom qu'elle n'a pas comparé (`_stopped`) : le travail reste linéaire dans la taille
du plan, et un résultat incomplet n'est jamais silencieux.
"""

from __future__ import annotations

import difflib
import heapq
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from fractions import Fraction

from ...diagnostics import Severity
from ...french import number, shortened
from ...model.month_words import strip_accents
from ...reading.document import KeyPath, YamlDocument
from ..chunks import ChunkIndex, bits
from ..rule import PlanContext, finding_in, plan_rule
from ..similarity import (
    LETTER_SLOT,
    PAIR_SLOT,
    Code,
    common_ends,
    count_bounds,
    count_code,
    edits,
    letter_masks,
    pairs,
    shared,
    subsequence_allows,
)

# Au-delà de ce degré de ressemblance (difflib), deux noms normalisés désignent la même
# personne : « patureau mirand » / « patureau merand » (0,95) oui, « michel renaud » /
# « michel mirand » (0,77) non.
SIMILARITY = 0.9
_THRESHOLD = Fraction(str(SIMILARITY))


@plan_rule(
    code="ESS401",
    name="similar-names",
    label="nom écrit de plusieurs façons",
    severity=Severity.WARNING,
    summary="Une personne ou un organisme écrit de plusieurs façons dans le plan"
    " (« Patureau-Mirand » / « Patureau-Mérand », « Canalès » / « CANALES ») ; la suggestion"
    " est l'orthographe la plus employée.",
    why="Un nom mal orthographié dans un document officiel froisse, et deux orthographes font"
    " croire à deux personnes : les comptes par pilote deviennent faux.",
    bad="associes:\n  - Pierre Patureau-Mérand   # ailleurs : Pierre Patureau-Mirand",
    good="associes:\n  - Pierre Patureau-Mirand",
    fix="Choisissez une orthographe (celle de l'état civil ou de l'organisme) et employez-la"
    " partout.",
)
def check(ctx: PlanContext):
    names, places = _names(ctx)
    for index, message, suggestion in findings(names):
        document, path = places.of(index)
        yield finding_in(document, path, message, suggestion=suggestion)


SHOWN = 50  # les autres orthographes qu'un message cite, au plus (`shortened`)


def findings(names: list[str]) -> Iterator[tuple[int, str, str]]:
    """(rang du nom, message, suggestion) de chaque nom écrit autrement ailleurs dans le plan,
    groupe après groupe, dans l'ordre du plan."""
    groups, stopped, _ = _group(names)
    group_of = {name: number for number, spellings in enumerate(groups) for name in spellings}
    # les emplois, le premier rang et les rangs de chaque orthographe d'un groupe, en une passe
    # (et aucune dans le plan ordinaire, qui n'a pas de groupe)
    places: list[list[int]] = [[] for _ in groups]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, name in enumerate(names if groups else ()):
        number = group_of.get(name)
        if number is not None:
            places[number].append(index)
            counts[name] += 1
            first.setdefault(name, index)
    for spellings, indexes in zip(groups, places, strict=True):
        ordered = sorted(spellings, key=first.__getitem__)
        preferred = max(spellings, key=lambda s: (counts[s], -first[s]))
        why = (
            f"l'orthographe la plus employée, {counts[preferred]} fois"
            if counts[preferred] > 1
            else "la première du plan, à égalité d'emplois"
        )
        for index in indexes:
            name = names[index]
            if name != preferred:
                yield (
                    index,
                    f"« {name} » s'écrit aussi {_others(ordered, name)} dans ce plan",
                    f"vouliez-vous dire « {preferred} » ({why}) ?",
                )
    if stopped:
        yield _stopped(names, stopped)


def _stopped(names: list[str], keys: list[str]) -> tuple[int, str, str]:
    """Le constat de la recherche arrêtée (`WORK_PER_NAME`), au premier nom qu'elle n'a pas
    comparé : jamais un résultat incomplet sans le dire."""
    left = set(keys)
    unchecked = [name for name in dict.fromkeys(names) if _key(name) in left]
    index = names.index(unchecked[0])
    return (
        index,
        f"la recherche des noms écrits de plusieurs façons s'est arrêtée à « {names[index]} » :"
        f" ce nom et {number(len(unchecked) - 1)} autres, plus loin dans le plan, n'ont été"
        " comparés à aucun autre (trop de noms proches les uns des autres pour les comparer"
        f" tous : plus de {number(WORK_PER_NAME)} opérations par nom)",
        "relisez ces noms à la main, ou répartissez ces fiches en plusieurs plans",
    )


def _others(ordered: list[str], name: str) -> str:
    others = [f"« {s} »" for s in ordered[: SHOWN + 1] if s != name][:SHOWN]
    return shortened(others, len(ordered) - 1)


class _Places:
    """Où est écrit chaque nom de la liste des noms du plan : une entrée par liste de noms (les
    pilotes d'une fiche…), pas par nom ; seuls les noms signalés sont retrouvés (`of`)."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # le rang du premier nom de chaque liste
        self.lists: list[tuple[YamlDocument, KeyPath, bool]] = []  # bool : chemin de la liste

    def add(self, start: int, document: YamlDocument, path: KeyPath, listed: bool) -> None:
        self.starts.append(start)
        self.lists.append((document, path, listed))

    def of(self, index: int) -> tuple[YamlDocument, KeyPath]:
        place = bisect_right(self.starts, index) - 1
        document, path, listed = self.lists[place]
        return document, (*path, index - self.starts[place]) if listed else path


def _names(ctx: PlanContext) -> tuple[list[str], _Places]:
    """Chaque personne ou organisme cité, dans l'ordre du plan, et où il l'est."""
    names: list[str] = []
    places = _Places()

    def cited(found: list[str] | None, document: YamlDocument, path: KeyPath, listed=True):
        if found:
            places.add(len(names), document, path, listed)
            names.extend(found)

    document, deliberation = ctx.loaded.plan_document, ctx.plan.deliberation
    if deliberation:
        for key in ("president", "rapporteur"):
            one = getattr(deliberation, key)
            cited([one] if one else None, document, ("deliberation", key), listed=False)
        for key in ("presents", "excuses"):
            cited(getattr(deliberation, key), document, ("deliberation", key))
        for index, proxy in enumerate(deliberation.pouvoirs or []):
            for side in ("de", "a"):
                path = ("deliberation", "pouvoirs", index, side)
                cited([getattr(proxy, side)], document, path, listed=False)
    for item in ctx.loaded.in_plan_order():
        fiche = item.fiche
        cited(fiche.pilotes, item.document, ("pilotes",))
        cited(fiche.associes, item.document, ("associes",))
    return names, places


_SEPARATORS = re.compile(r"[\s\-'’.]+")


def _key(name: str) -> str:
    return _SEPARATORS.sub(" ", strip_accents(name).lower()).strip()


def _group(names: list[str]) -> tuple[list[set[str]], list[str], int]:
    """Les ensembles d'orthographes différentes qui désignent le même nom, les clés que la
    recherche n'a pas comparées (`WORK_PER_NAME`) et le travail fait.

    La définition : une clé rejoint le premier groupe (dans l'ordre de création) dont une clé
    lui ressemble (`_alike`), sinon elle en crée un. La recherche ne change rien à ce résultat,
    elle évite seulement les comparaisons perdues d'avance (voir en tête) : on ne cherche que
    parmi les clés du même premier mot (`_Block`), et l'index des tronçons rend toutes celles
    qui peuvent ressembler ; elles sont comparées groupe après groupe, dans l'ordre de
    création, jusqu'à la première qui ressemble.
    """
    keys: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):  # chaque orthographe une fois, dans l'ordre du plan
        keys.setdefault(_key(name), set()).add(name)
    clusters: list[set[str]] = []
    cluster_of: dict[str, int] = {}
    blocks: dict[str, _Block] = {}
    limit, work, order = WORK_PER_NAME * len(keys), 0, list(keys)
    for rank, (key, spellings) in enumerate(keys.items()):
        if work > limit:
            return (*_unchecked(clusters, keys, order[rank:]), work)
        first_word = key.partition(" ")[0]
        block = blocks.get(first_word)
        if block is None:  # pas `setdefault` : un bloc neuf pour chaque clé, jeté presque toujours
            block = blocks[first_word] = _Block()
        joined = block.first_alike(key, cluster_of) if len(key) >= SHORTEST else None
        if joined is None:
            joined = len(clusters)
            clusters.append(set())
        clusters[joined] |= spellings
        cluster_of[key] = joined
        if len(key) >= SHORTEST:
            block.add(key)
            work += block.take_work()
    return [cluster for cluster in clusters if len(cluster) > 1], [], work


def _unchecked(clusters: list[set[str]], keys: dict, left: list[str]):
    """Les groupes déjà formés, et leurs orthographes pour les clés qui restent : les
    orthographes d'une même clé sont le même nom sans comparaison."""
    clusters = clusters + [keys[key] for key in left]
    return [cluster for cluster in clusters if len(cluster) > 1], left


# Le travail permis, en moyenne par clé du plan : places où un tronçon est cherché, candidates
# lues (chacune passe les filtres des lettres et des paires), sous-suites et ratios calculés.
# Un plan de noms ordinaires en demande quelques centaines par clé, les plans adverses de
# benchmarks/adversarial.py (2 000 fiches) au plus 3 500 ; au-delà (des milliers de noms
# presque pareils, « Service 00001 », « Service 00002 »…), le nombre de paires proches croît
# comme le carré du nombre de noms, et la recherche s'arrête là où la borne est atteinte, en
# le disant (`_stopped`) : le travail reste linéaire dans la taille du plan.
WORK_PER_NAME = 10_000


# Jusqu'à ce nombre de clés, un bloc compare chaque clé à toutes les siennes, sans index : un
# plan ordinaire n'a que des blocs de quelques clés (un prénom, un « Service »), où bâtir et
# interroger l'index coûte plus que quelques comparaisons. Le résultat est le même (les deux
# recherches sont exactes, tests/test_ess401_exact.py les confronte de part et d'autre).
SMALL_BLOCK = 16


class _Block:
    """Les clés déjà vues (d'au moins `SHORTEST` caractères) d'un même premier mot ; au-delà
    de `SMALL_BLOCK` clés, l'index de leurs tronçons, leurs lettres et leurs masques de
    lettres."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.index: ChunkIndex | None = None
        # lettre, paire de lettres voisines → sa place dans les codes (`count_code`)
        self.slots: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self.codes: dict[str, tuple[Code, Code]] = {}
        self.masks: dict[str, dict[str, int]] = {}
        # longueur → longueur → (`count_bounds`)
        self.bounds: dict[int, dict[int, tuple[int, int]]] = {}
        self.work = 0

    def code(self, key: str) -> tuple[Code, Code]:
        """Les codes des lettres et des paires de lettres voisines de `key`, calculés à la
        première comparaison qui les demande : dans un plan ordinaire, la plupart des clés
        n'ont aucune candidate et ne sont jamais comparées (les places des lettres, `slots`,
        ne font que s'allonger : un code calculé tôt reste juste)."""
        found = self.codes.get(key)
        if found is None:
            letters, neighbours = self.slots
            found = self.codes[key] = (
                count_code(Counter(key), letters, LETTER_SLOT),
                count_code(pairs(key), neighbours, PAIR_SLOT),
            )
        return found

    def mask(self, key: str) -> dict[str, int]:
        """Les masques de lettres de `key` (`letter_masks`), calculés au premier besoin."""
        found = self.masks.get(key)
        if found is None:
            found = self.masks[key] = letter_masks(key)
        return found

    def add(self, key: str) -> None:
        self.keys.append(key)
        if self.index is None and len(self.keys) > SMALL_BLOCK:
            self.index = ChunkIndex(_THRESHOLD)
            for seen in self.keys[:-1]:
                self.index.add(seen.partition(" ")[2], len(seen), seen)
        if self.index is not None:
            self.index.add(key.partition(" ")[2], len(key), key)

    def take_work(self) -> int:
        """Le travail fait depuis le dernier appel (`WORK_PER_NAME`)."""
        done, self.work = self.work, 0
        if self.index is not None:
            done, self.index.work = done + self.index.work, 0
        return done

    def first_alike(self, key: str, cluster_of: dict[str, int]) -> int | None:
        """Le premier groupe (dans l'ordre de création) dont une clé ressemble à `key`."""
        if self.index is None:
            return self._compare_each(key, cluster_of)
        return self._search_index(key, cluster_of, self.index)

    def _compare_each(self, key: str, cluster_of: dict[str, int]) -> int | None:
        """`first_alike` dans un petit bloc : chaque clé comparée, sauf celles dont le groupe
        ne peut plus être le premier ou dont la longueur interdit le ratio."""
        found = None
        for other in self.keys:
            cluster = cluster_of[other]
            if found is not None and cluster >= found:
                continue
            self.work += 1
            if abs(len(key) - len(other)) > edits(_THRESHOLD, len(key) + len(other)):
                continue
            # les lettres communes, sans leur ordre, bornent le ratio (l'index a ses filtres)
            letters = difflib.SequenceMatcher(None, key, other).quick_ratio()
            if letters >= SIMILARITY and _alike(key, other):
                found = cluster
        return found

    def _search_index(self, key: str, cluster_of: dict[str, int], index: ChunkIndex) -> int | None:
        """`first_alike` dans un gros bloc, par l'index des tronçons ; dans un groupe, les
        candidates dans l'ordre où elles ont été indexées (l'ordre dans un
        groupe ne change que le nombre de candidates comparées, jamais le groupe rendu). Les
        lettres et les paires de lettres voisines communes (`_plausible`), puis la plus longue
        sous-suite commune, écartent ce qui ne peut pas ressembler (difflib n'apparie pas plus
        de caractères) ; le ratio de difflib décide du reste. Le tas rend les candidates dans
        cet ordre sans les trier toutes : on s'arrête d'ordinaire bien avant la dernière."""
        candidates = index.candidates(key.partition(" ")[2], len(key))
        if not candidates:
            return None
        ranked = list(self._plausible(key, candidates, cluster_of, index))
        heapq.heapify(ranked)
        while ranked:
            cluster, ident = heapq.heappop(ranked)
            other = index.values[ident]
            self.work += 1
            if subsequence_allows(
                _THRESHOLD, key, self.mask(other), len(other), common_ends(key, other)
            ) and _alike(key, other):
                return cluster
        return None

    def _plausible(self, key: str, candidates: int, cluster_of: dict[str, int], index: ChunkIndex):
        """(groupe, numéro) de chaque candidate dont les lettres communes et les paires de
        lettres voisines communes suffisent au ratio (`count_bounds`), par leurs codes : le
        compte des bits du ET ne dépasse jamais le vrai compte, qui n'est calculé (`shared`)
        que s'il peut changer la réponse. `work` compte les candidates lues."""
        values, (letters, neighbours) = index.values, self.code(key)
        bounds = self.bounds.setdefault(len(key), {})
        for ident in bits(candidates):
            other = values[ident]
            theirs = self.code(other)
            least = bounds.get(len(other))
            if least is None:
                least = bounds[len(other)] = count_bounds(_THRESHOLD, len(key), len(other))
            self.work += 1
            common = (letters[0] & theirs[0][0]).bit_count()
            if common < least[0] and letters[1] and theirs[0][1]:
                common = shared(letters, theirs[0], LETTER_SLOT)
            if common < least[0]:
                continue
            common = (neighbours[0] & theirs[1][0]).bit_count()
            if common < least[1] and neighbours[1] and theirs[1][1]:
                common = shared(neighbours, theirs[1], PAIR_SLOT)
            if common >= least[1]:
                yield cluster_of[other], ident


SHORTEST = 8  # une clé plus courte ne ressemble à aucune autre (`_alike`)


def _alike(a: str, b: str) -> bool:
    if min(len(a), len(b)) < SHORTEST or a.split()[:1] != b.split()[:1]:
        return False  # prénoms différents : deux personnes (Grégory / Valérie BERNARD)
    return difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY
