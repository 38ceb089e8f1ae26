"""Le linter reste en n log n dans la taille d'un plan : ESS401 ne compare plus chaque nom à tous
les autres, et trouve exactement ce que trouvait la comparaison de chaque paire.

L'ancien algorithme est recopié ici comme référence (`reference_findings`) ; un test de
propriété les compare sur des listes de noms tirées au hasard. Les bornes se vérifient par des
comparaisons comptées, jamais par une durée.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_reference import reference_alike, reference_key

from essplan.lint.rules import ess401_similar_names as ess401

# ------------------------------------------------------- la référence : l'ancien ESS401


def _reference_group(names: list[str]) -> list[set[str]]:
    keys: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):
        keys.setdefault(reference_key(name), set()).add(name)
    clusters: list[tuple[list[str], set[str]]] = []
    by_first_word: dict[tuple[str, ...], list[tuple[list[str], set[str]]]] = {}
    for key, spellings in keys.items():
        first_word = tuple(key.split()[:1])
        candidates = by_first_word.setdefault(first_word, [])
        for cluster_keys, cluster in candidates:
            if any(reference_alike(key, other) for other in cluster_keys):
                cluster_keys.append(key)
                cluster |= spellings
                break
        else:
            clusters.append(([key], set(spellings)))
            candidates.append(clusters[-1])
    return [cluster for _, cluster in clusters if len(cluster) > 1]


def reference_findings(names: list[str]) -> list[tuple[int, str, str]]:
    """Ce que l'ancien `check` disait de chaque nom, dans le même ordre."""
    found = []
    for spellings in _reference_group(names):
        counts = Counter(name for name in names if name in spellings)
        order = list(names)
        preferred = max(spellings, key=lambda s: (counts[s], -order.index(s)))
        for index, name in enumerate(names):
            if name in spellings and name != preferred:
                others = ", ".join(f"« {s} »" for s in sorted(spellings - {name}, key=order.index))
                why = (
                    f"l'orthographe la plus employée, {counts[preferred]} fois"
                    if counts[preferred] > 1
                    else "la première du plan, à égalité d'emplois"
                )
                found.append(
                    (
                        index,
                        f"« {name} » s'écrit aussi {others} dans ce plan",
                        f"vouliez-vous dire « {preferred} » ({why}) ?",
                    )
                )
    return found


# ------------------------------------------------------------------- des noms au hasard

FIRST = ["Jean", "Marie", "Anne", "Pierre", "Christophe", "Valérie", "Grégory", "Léa"]
LAST = ["Patureau-Mirand", "Canalès", "Bernard", "Dupont", "Dupond", "Martin", "Le Goff"]
SERVICES = ["Service culture", "Direction de l'économie", "Mission ESS", "Pôle emploi"]
CIVILITIES = ["", "M. ", "Mme "]


@st.composite
def base_names(draw) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 3:
        return draw(st.sampled_from(SERVICES))
    if kind == 2:  # un texte quelconque, sur un petit alphabet : des ressemblances fortuites
        return draw(st.text(alphabet="ab -.é", min_size=0, max_size=20))
    civility = draw(st.sampled_from(CIVILITIES))
    return f"{civility}{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"


@st.composite
def variants(draw, name: str) -> str:
    """Une autre orthographe : accents, capitales, une lettre changée, ajoutée ou retirée."""
    kind = draw(st.integers(0, 5))
    if kind == 0 or not name:
        return name
    if kind == 1:
        return name.upper()
    if kind == 2:
        return "".join(
            c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
        )
    position = draw(st.integers(0, len(name) - 1))
    letter = draw(st.sampled_from("aeiourn-"))
    if kind == 3:
        return name[:position] + letter + name[position + 1 :]
    if kind == 4:
        return name[:position] + letter + name[position:]
    return name[:position] + name[position + 1 :]


@st.composite
def name_lists(draw) -> list[str]:
    bases = draw(st.lists(base_names(), min_size=1, max_size=8))
    picks = draw(st.lists(st.sampled_from(bases), min_size=1, max_size=50))
    return [draw(variants(name)) for name in picks]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_lists())
def test_ess401_finds_what_comparing_every_pair_finds(names):
    assert list(ess401.findings(names)) == reference_findings(names)


# ------------------------------------------------------------- les comparaisons comptées


PRENOMS = (
    "Jean Marie Pierre Michel André Philippe Louis Alain Jacques Bernard Daniel Paul Claude"
    " Christian Henri Nicolas François Patrick Christophe Julien Laurent Anne Sophie Isabelle"
    " Nathalie Catherine Sylvie Françoise Valérie Martine Léa Grégory"
).split()
NOMS = (
    "Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel"
    " Lefèbvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine"
    " Rousseau Vincent Muller Faure Mercier Blanc Guérin Boyer Garnier Chevalier Legrand Gauthier"
    " Garcia Perrin Robin Clément Morin Henry Roussel Mathieu Masson Marchand Duval Denis Dumont"
    " Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard"
    " Barbier Arnaud Martinez Roche Renard Schmitt Leroux Colin Vidal Caron Picard Fabre Aubert"
    " Lemoine Renaud Dumas Lacroix Olivier Bourgeois Benoît Leclerc Payet Rolland Guillaume"
    " Lecomte Lopez Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Deschamps Huet"
    " Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Poirier Marty Aubry Guyot Carré"
    " Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez"
    " Collet Léger Bouvier Prévost Millet Perrot Cousin Germain Breton Besson Langlois Rémy"
    " Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob"
    " Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chauvin Bouchet"
    " Patureau-Mirand Canalès Giscard-d'Estaing Forte-Vigier Guermit-Maffre Rogue-Sallard"
).split()


def civil_names(count: int, seed: int = 13) -> list[str]:
    """Des pilotes écrits avec leur civilité (« M. Jean Dupont ») : le même premier mot pour
    presque tous, ce qui faisait comparer à l'ancien ESS401 chaque nom à tous les autres ; une
    faute de frappe de temps en temps."""
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        name = f"{rng.choice(['M.', 'Mme'])} {rng.choice(PRENOMS)} {rng.choice(NOMS)}"
        if rng.random() < 0.05:
            position = rng.randrange(4, len(name))
            name = name[:position] + rng.choice("aeiou") + name[position + 1 :]
        names.append(name)
    return names


@pytest.fixture
def counted(monkeypatch):
    """Le nombre d'appels à la comparaison de deux noms (difflib) et au filtre des lettres."""
    calls = Counter()
    alike, letters = ess401._alike, getattr(ess401, "shared_letters_allow", None)

    def counting_alike(a, b):
        calls["ratio"] += 1
        return alike(a, b)

    def counting_letters(*args):
        calls["lettres"] += 1
        return letters(*args)

    monkeypatch.setattr(ess401, "_alike", counting_alike)
    monkeypatch.setattr(ess401, "shared_letters_allow", counting_letters, raising=False)
    return calls


def test_ess401_on_3000_pilotes_compares_few_pairs(run_cli, tmp_path, counted):
    names = civil_names(3000)
    folder = tmp_path / "plans" / "p"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        "collectivite: C\ntitre: T\naxes:\n  - {code: 1, titre: A}\n", encoding="utf-8"
    )
    pilotes = "".join(f'  - "{name}"\n' for name in names)
    (folder / "fiches" / "1.yaml").write_text(
        f'id: "1"\naxe: 1\ntitre: Une action\npilotes:\n{pilotes}', encoding="utf-8"
    )
    result = run_cli("lint", "--select", "ESS401", "--output-format", "concise", cwd=tmp_path)
    assert result.exit_code == 0  # des avertissements
    assert result.stdout.count("ESS401") > 40  # des fautes de frappe trouvées
    n = len(set(names))
    # L'ancien ESS401 comparait chaque nom à ceux de son premier mot, « m » ou « mme » : plus
    # d'un million de ratios de difflib ici ; il en reste moins d'un par nom.
    assert counted["ratio"] <= n


def test_ess401_on_many_pilotes_finds_what_the_reference_finds():
    names = civil_names(700, seed=5)  # la référence est quadratique : un plan moins grand
    assert list(ess401.findings(names)) == reference_findings(names)


def test_ess401_work_grows_like_the_number_of_names(monkeypatch):
    # Des noms qui se ressemblent presque tous deux à deux, au premier mot partagé : le
    # nombre de paires proches croît comme le carré du nombre de noms. La borne de travail
    # par nom (dite par un constat, voir tests/test_ess401_exact.py) tient le tout linéaire.
    monkeypatch.setattr(ess401, "WORK_PER_NAME", 300)
    work = {}
    for count in (1500, 3000):
        groups, unchecked, work[count] = ess401._group(
            [f"Service {number:05d}" for number in range(count)]
        )
        assert unchecked  # la borne est atteinte
        assert work[count] <= 1.05 * 300 * count
    assert work[3000] <= 2.2 * work[1500]


def test_a_long_name_is_compared_like_any_other():
    # Plus de borne de longueur : deux noms de 130 caractères presque pareils se ressemblent,
    # comme le dit la comparaison de chaque paire.
    long = "Direction " + "x" * 120
    names = [long, long[:-1] + "y"]
    found = list(ess401.findings(names))
    assert found == reference_findings(names)
    assert [index for index, _, _ in found] == [1]


def test_a_huge_group_lists_fifty_other_spellings():
    founder = "Jean Dupont de la Fontaine"
    names = [founder] + [
        founder[:position] + letter + founder[position + 1 :]
        for position in range(5, len(founder))
        for letter in "xzqw"
    ]
    findings = list(ess401.findings(names))
    assert len(findings) == len(names) - 1  # un seul groupe : chacun ressemble au premier
    others = len(names) - 1
    assert all(m.count("« ") == 1 + ess401.SHOWN for _, m, _ in findings)
    assert all(
        m.endswith(f" et {others - ess401.SHOWN} autres dans ce plan") for _, m, _ in findings
    )


# ------------------------------------------------------------ les autres règles et le moteur


def write_plan(root: Path, fiches: dict[str, str], plan_extra: str = "") -> Path:
    folder = root / "plans" / "p"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(
        f"collectivite: C\ntitre: T\naxes:\n  - {{code: 1, titre: A}}\n{plan_extra}",
        encoding="utf-8",
    )
    for fiche_id, body in fiches.items():
        (folder / "fiches" / f"{fiche_id}.yaml").write_text(
            f'id: "{fiche_id}"\naxe: 1\ntitre: Action {fiche_id}\n{body}', encoding="utf-8"
        )
    return root


def test_ess310_messages_do_not_grow_with_the_plan(run_cli, tmp_path):
    fiches = {str(n): f'cout: "{n} 000 € {"HT" if n <= 100 else "TTC"}"\n' for n in range(1, 222)}
    result = run_cli(
        "lint", "--select", "ESS310", "--output-format", "concise", cwd=write_plan(tmp_path, fiches)
    )
    lines = result.stdout.splitlines()[:-1]
    assert len(lines) == 100  # chaque fiche HT, la base la moins employée
    assert lines[0] == (
        "plans/p/fiches/1.yaml:4:7: ESS310 cout : coût HT, quand d'autres fiches du plan sont en"
        " TTC (101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116,"
        " 117, 118, 119, 120 et 101 autres) : leur total mêle deux bases [aide : exprimez tous"
        " les coûts du plan sur la même base (HT ou TTC)]"
    )


def test_ess006_reminds_a_bounded_list_of_axes(run_cli, tmp_path):
    axes = "".join(f"  - {{code: {n}, titre: Axe {n}}}\n" for n in range(2, 102))
    root = write_plan(tmp_path, {"1": "", "2": ""}, plan_extra=axes)
    for name in ("1", "2"):
        path = root / "plans/p/fiches" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("axe: 1", "axe: 999"))
    result = run_cli("validate", "--output-format", "json", cwd=root)
    suggestions = {d["suggestion"] for d in json.loads(result.stdout)}
    assert suggestions == {
        "axes du plan : " + ", ".join(str(n) for n in range(1, 21)) + " et 81 autres"
    }


class CountedCodes(tuple):
    """Les codes d'une suppression, qui comptent combien de fois on les consulte."""

    seen = 0

    def __contains__(self, code):
        CountedCodes.seen += 1
        return super().__contains__(code)

    def __iter__(self):
        CountedCodes.seen += 1
        return super().__iter__()


def test_suppressions_are_found_without_scanning_the_file_for_each_finding():
    from essplan.config import Config
    from essplan.lint.rule import Finding
    from essplan.lint.rules import RULES, UNUSED_SUPPRESSION
    from essplan.lint.suppressions import apply_suppressions
    from essplan.reading.document import Suppression, YamlDocument

    rule = next(r for r in RULES if r.code == "ESS101")
    count = 2000
    suppressions = [
        Suppression(2 * n, 1, CountedCodes(("ESS101",)), False) for n in range(1, count + 1)
    ]
    document = YamlDocument("f.yaml", {}, suppressions=suppressions)
    raw = [(rule, Finding("m", "f.yaml", 2 * n + 1, 1)) for n in range(1, count + 1)]
    raw += [(rule, Finding("m", "f.yaml", 2 * n + 1, 1)) for n in range(count, 2 * count)]
    CountedCodes.seen = 0
    kept = apply_suppressions(raw, [document], Config(), UNUSED_SUPPRESSION)
    assert len(kept) == count - 1  # les constats des lignes 4 001 et plus restent
    # Chaque constat contre chaque suppression : 8 millions de consultations ; ici une ou deux
    # par suppression.
    assert CountedCodes.seen <= 3 * count
