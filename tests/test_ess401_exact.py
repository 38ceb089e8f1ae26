"""ESS401 trouve exactement ce que trouve la comparaison de chaque paire de noms.

La référence est ici, écrite autrement que la règle : chaque paire de clés est comparée
(difflib), puis chaque clé rejoint le plus ancien groupe d'une clé antérieure qui lui ressemble.
Elle est confrontée à la règle sur les quatre plans livrés et sur des listes tirées au hasard
(graines fixes) : quasi-doublons, premiers mots partagés, accents, capitales, noms de plus de
120 caractères, plus de 64 noms qui partagent de longs morceaux.
"""

from __future__ import annotations

import difflib
import json
import random
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from name_reference import reference_alike, reference_key

from essplan.lint.rule import PlanContext
from essplan.lint.rules import ess401_similar_names as ess401
from essplan.validation.loader import load_plan

REPO = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------------ la référence, naïve


def reference_groups(names: list[str]) -> list[list[str]]:
    """Chaque paire comparée d'abord ; puis chaque clé prend le plus petit numéro de groupe
    des clés antérieures qui lui ressemblent, ou un nouveau."""
    spellings: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        spellings.setdefault(reference_key(name), []).append(name)
    keys = list(spellings)
    alike = {(i, j): reference_alike(keys[j], keys[i]) for j in range(len(keys)) for i in range(j)}
    group: list[int] = []
    for j in range(len(keys)):
        earlier = [group[i] for i in range(j) if alike[i, j]]
        group.append(min(earlier) if earlier else max(group, default=-1) + 1)
    members: dict[int, list[str]] = {}
    for j, number in enumerate(group):
        members.setdefault(number, []).extend(spellings[keys[j]])
    return [names_ for _, names_ in sorted(members.items()) if len(names_) > 1]


def reference_findings(names: list[str]) -> list[tuple[int, str, str]]:
    found = []
    for spellings in reference_groups(names):
        counts = Counter(name for name in names if name in spellings)
        ordered = sorted(spellings, key=names.index)
        preferred = max(spellings, key=lambda s: (counts[s], -names.index(s)))
        why = (
            f"l'orthographe la plus employée, {counts[preferred]} fois"
            if counts[preferred] > 1
            else "la première du plan, à égalité d'emplois"
        )
        for index, name in enumerate(names):
            if name in spellings and name != preferred:
                others = [f"« {s} »" for s in ordered if s != name]
                shown = ", ".join(others[: ess401.SHOWN])
                if len(others) > ess401.SHOWN:
                    shown += f" et {len(others) - ess401.SHOWN} autres"
                found.append(
                    (
                        index,
                        f"« {name} » s'écrit aussi {shown} dans ce plan",
                        f"vouliez-vous dire « {preferred} » ({why}) ?",
                    )
                )
    return sorted(found)


def rule_findings(names: list[str]) -> list[tuple[int, str, str]]:
    return sorted(ess401.findings(names))


# ------------------------------------------------------------------ les plans livrés


def bundled_names(plan: str) -> list[str]:
    loaded = load_plan(REPO / "plans" / plan, f"plans/{plan}", root=REPO)
    return ess401._names(PlanContext(loaded, None))[0]


BUNDLED = sorted(p.name for p in (REPO / "plans").iterdir())


@pytest.mark.parametrize("plan", BUNDLED)
def test_bundled_plans_give_the_findings_of_every_pair(plan):
    names = bundled_names(plan)
    assert rule_findings(names) == reference_findings(names)


def test_the_bundled_plans_cite_people():
    assert sum(len(bundled_names(plan)) for plan in BUNDLED) > 20


# ------------------------------------------------------------------ des noms tirés au hasard

FIRST = "Jean Marie Léa Grégory Valérie Hélène Chloé André François Zoé".split()
LAST = "Patureau-Mirand Canalès Dupont Dupond Martin Le Goff Lefèbvre Rivière Noël".split()
LEADS = ["Service", "Association", "M.", "Mme", "Direction"]
PIECES = [
    "des amis du quartier",
    "de l'économie sociale et solidaire",
    "pour le développement de l'emploi",
    "intermédiaire d'insertion",
]
PLACES = "Brest Laval Nantes Rennes Angers Tours Blois Dijon Metz Nancy Nîmes Alès".split()


def base_name(rng: random.Random) -> str:
    kind = rng.randrange(4)
    lead = rng.choice(LEADS)
    if kind == 0:
        return f"{lead} {rng.choice(FIRST)} {rng.choice(LAST)}"
    if kind == 1:
        return f"{lead} {rng.choice(PIECES)} {rng.choice(PLACES)}"
    if kind == 2:  # plus de 120 caractères
        members = ", ".join(f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(9))
        return f"{lead} réunissant {members}"
    return f"{lead} " + "".join(rng.choice("ab é-.") for _ in range(rng.randint(0, 14)))


def variant(rng: random.Random, name: str) -> str:
    kind = rng.randrange(6)
    if kind == 0 or len(name) < 2:
        return name
    if kind == 1:
        return name.upper()
    if kind == 2:
        decomposed = unicodedata.normalize("NFD", name)
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    position = rng.randrange(1, len(name))
    letter = rng.choice("aeiourn-")
    if kind == 3:
        return name[:position] + letter + name[position + 1 :]
    if kind == 4:
        return name[:position] + letter + name[position:]
    return name[:position] + name[position + 1 :]


def generated(seed: int, bases: int, picks: int) -> list[str]:
    rng = random.Random(seed)
    pool = [base_name(rng) for _ in range(bases)]
    return [variant(rng, rng.choice(pool)) for _ in range(picks)]


@pytest.mark.parametrize("seed", range(6))
def test_generated_names_give_the_findings_of_every_pair(seed):
    names = generated(seed, bases=60, picks=220)
    found = rule_findings(names)
    assert found == reference_findings(names)
    assert found  # des quasi-doublons, trouvés
    assert any(len(name) > 120 for name in names)


@pytest.mark.parametrize("small_block", [0, 1, 3, 20, 10_000])
def test_small_and_large_blocks_give_the_findings_of_every_pair(monkeypatch, small_block):
    # Un petit bloc compare chaque clé, un gros passe par l'index, et un bloc qui grandit
    # change de recherche en chemin : même résultat de part et d'autre de la limite.
    monkeypatch.setattr(ess401, "SMALL_BLOCK", small_block)
    names = generated(3, bases=80, picks=260)
    found = rule_findings(names)
    assert found == reference_findings(names)
    assert len(found) > 10


def test_many_names_sharing_long_pieces_give_the_findings_of_every_pair():
    # Plus de 64 noms qui partagent « association pour le développement de l'emploi »
    # (l'ancienne borne de l'index) : la recherche ne s'arrête plus en chemin.
    rng = random.Random(64)
    pool = [
        f"Association pour le développement de l'emploi {rng.choice(PLACES)} {number}"
        for number in range(90)
    ]
    names = [variant(rng, rng.choice(pool)) for _ in range(300)]
    assert len({ess401._key(name) for name in names}) > 64
    assert rule_findings(names) == reference_findings(names)


def test_long_near_duplicates_are_found():
    long = "Comité de pilotage réunissant " + ", ".join(
        f"{f} {last}" for f, last in zip(FIRST, LAST, strict=False)
    )
    assert len(long) > 120
    names = [long, long.replace("Dupont", "Dupond"), long.upper()]
    found = rule_findings(names)
    assert found == reference_findings(names)
    assert [index for index, _, _ in found] == [1, 2]


# ------------------------------------------------------------------ la borne, dite


def test_the_search_says_where_it_stopped(monkeypatch):
    # Des milliers de noms presque pareils : le travail croîtrait comme le carré de leur
    # nombre. Au-delà de la borne, la recherche s'arrête et le dit, au premier nom non
    # comparé ; ce qui précède est ce que trouve la comparaison de chaque paire.
    monkeypatch.setattr(ess401, "WORK_PER_NAME", 40)
    names = [f"Service {number:05d}" for number in range(200)]
    found = rule_findings(names)
    stop = [item for item in found if "s'est arrêtée" in item[1]]
    assert len(stop) == 1
    index, message, suggestion = stop[0]
    assert message == (
        f"la recherche des noms écrits de plusieurs façons s'est arrêtée à « {names[index]} » :"
        f" ce nom et {len(names) - index - 1} autres, plus loin dans le plan, n'ont été"
        " comparés à aucun autre (trop de noms proches les uns des autres pour les comparer"
        " tous : plus de 40 opérations par nom)"
    )
    assert suggestion == "relisez ces noms à la main, ou répartissez ces fiches en plusieurs plans"
    compared = names[:index]
    assert [item for item in found if item not in stop] == reference_findings(compared)


def test_ordinary_plans_stay_far_from_the_bound():
    names = generated(7, bases=400, picks=1500)
    assert not any("s'est arrêtée" in message for _, message, _ in ess401.findings(names))


def test_lint_reports_the_findings_of_every_pair(run_cli, tmp_path):
    names = generated(11, bases=40, picks=120)
    folder = tmp_path / "plans" / "p"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        "collectivite: C\ntitre: T\naxes:\n  - {code: 1, titre: A}\n", encoding="utf-8"
    )
    for number in range(0, len(names), 4):
        pilotes = "".join(f"  - {json.dumps(name)}\n" for name in names[number : number + 4])
        (folder / "fiches" / f"{number:03d}.yaml").write_text(
            f'id: "1.{number + 1}"\naxe: 1\ntitre: Une action\npilotes:\n{pilotes}',
            encoding="utf-8",
        )
    result = run_cli("lint", "--select", "ESS401", "--output-format", "json", cwd=tmp_path)
    assert result.exit_code == 0  # des avertissements seulement
    messages = sorted(item["message"] for item in json.loads(result.stdout))
    assert messages == sorted(message for _, message, _ in reference_findings(names))


# ------------------------------------------------------------------ les filtres, un à un


def longest_common_subsequence(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(previous[j] + 1 if x == y else max(previous[j + 1], row[j]))
        previous = row
    return previous[-1]


def test_the_bitwise_subsequence_is_the_dynamic_programming_one():
    from fractions import Fraction

    from essplan.lint.similarity import common_subsequence, letter_masks, subsequence_allows

    rng = random.Random(2001)
    for _ in range(600):
        a = "".join(rng.choice("abcé -") for _ in range(rng.randint(0, 70)))
        b = list(a)
        for _ in range(rng.randint(0, 10)):
            if b:
                b[rng.randrange(len(b))] = rng.choice("abcdé")
        other = "".join(b)
        expected = longest_common_subsequence(a, other)
        assert common_subsequence(a, letter_masks(other), len(other)) == expected
        enough = 2 * expected >= -(-9 * (len(a) + len(other)) // 10)  # ⌈0,9 · T⌉
        assert subsequence_allows(Fraction(9, 10), a, letter_masks(other), len(other)) == enough


def test_the_common_ends_do_not_change_the_subsequence_bound():
    from fractions import Fraction

    from essplan.lint.similarity import common_ends, letter_masks, subsequence_allows

    rng = random.Random(2026)
    for _ in range(600):
        middle = "".join(rng.choice("abé ") for _ in range(rng.randint(0, 40)))
        start, end = "x" * rng.randint(0, 20), "y" * rng.randint(0, 20)
        a = start + middle + end
        b = list(a)
        for _ in range(rng.randint(0, 8)):
            if b:
                b[rng.randrange(len(b))] = rng.choice("abcy")
        other = "".join(b)
        expected = 2 * longest_common_subsequence(a, other) >= -(-9 * (len(a) + len(other)) // 10)
        ends = common_ends(a, other)
        assert sum(ends) <= min(len(a), len(other))
        assert a[: ends[0]] == other[: ends[0]]
        assert a[len(a) - ends[1] :] == other[len(other) - ends[1] :]
        allowed = subsequence_allows(Fraction(9, 10), a, letter_masks(other), len(other), ends)
        assert allowed == expected


def test_the_letter_and_pair_codes_count_what_counters_count():
    from essplan.lint.similarity import PAIR_SLOT, count_code, pairs, shared

    rng = random.Random(64)
    slots: dict[str, int] = {}
    for _ in range(300):
        # jusqu'à 40 fois la même paire : au-delà de ce que tient un code (PAIR_SLOT)
        a = "".join(rng.choice(["ab", "a", "b", "c"]) for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice(["ab", "a", "c", "dd"]) for _ in range(rng.randint(0, 40)))
        first, second = pairs(a), pairs(b)
        expected = sum((first & second).values())
        codes = count_code(first, slots, PAIR_SLOT), count_code(second, slots, PAIR_SLOT)
        assert shared(*codes, PAIR_SLOT) == expected
        assert first == Counter(a[i : i + 2] for i in range(len(a) - 1))
    # « aa » 29 fois et 19 fois : les deux au-delà des 16 d'un code, 19 en commun
    codes = (
        count_code(pairs("a" * 30), slots, PAIR_SLOT),
        count_code(pairs("a" * 20), slots, PAIR_SLOT),
    )
    assert shared(*codes, PAIR_SLOT) == 19


def test_the_count_bounds_never_rule_out_a_pair_that_is_alike():
    from fractions import Fraction

    from essplan.lint.similarity import count_bounds, pairs

    rng = random.Random(90)
    alike = 0
    for _ in range(3000):
        a = "".join(rng.choice("aabcdeé ") for _ in range(rng.randint(8, 60)))
        b = list(a)
        for _ in range(rng.randint(0, 4)):
            place = rng.randrange(len(b) + 1)
            if rng.random() < 0.5 and place < len(b):
                del b[place]
            else:
                b.insert(place, rng.choice("abcz"))
        other = "".join(b)
        if len(other) < 2 or difflib.SequenceMatcher(None, a, other).ratio() < 0.9:
            continue
        alike += 1
        letters, neighbours = count_bounds(Fraction(9, 10), len(a), len(other))
        assert sum((Counter(a) & Counter(other)).values()) >= letters
        assert sum((pairs(a) & pairs(other)).values()) >= neighbours
    assert alike > 500
