"""Des plans faits pour mettre ESS401 (similar-names) en difficulté, et `essplan lint` mesuré
sur eux en rapport à `essplan validate` sur le même plan.

    python benchmarks/adversarial.py                 # 2 000 fiches par plan
    python benchmarks/adversarial.py --fiches 500    # plus court

Chaque plan a 2 000 fiches dont les pilotes et les associés partagent leur premier mot :

- « service » : « Service de l'économie sociale et solidaire de Brest »… (un seul premier mot) ;
- « association » : « Association des amis du quartier Nord de Laval »… (de longs morceaux
  communs : « Association des amis du… ») ;
- « civilité » : « M. Jean Dupont », « Mme Léa Martin » (deux premiers mots pour tous) ;
- « longs » : les mêmes, avec des noms de plus de 120 caractères (une liste collée dans un
  seul nom) ;

avec des quasi-doublons : une lettre changée, ajoutée ou retirée, les capitales, les accents
perdus. Le générateur a une graine fixe : la même commande écrit toujours les mêmes plans.

Depuis run.py : `rows = adversarial.measure(essplan, work, fiches=2000, repeat=3)` rend une
ligne par plan (`Row` : le plan, les noms, les durées de validate et de lint, leur rapport) ;
`adversarial.table(rows)` en fait le tableau Markdown, en français.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measures import fr, script, thousands  # noqa: E402

DOMAINS = (
    "l'économie sociale et solidaire|l'emploi|l'insertion|l'habitat|la jeunesse|la culture|"
    "des sports|la mobilité|la transition écologique|l'alimentation|l'agriculture urbaine|"
    "la politique de la ville|la santé|l'éducation populaire|la vie associative|du tourisme|"
    "du patrimoine|du numérique|des solidarités|de la commande publique|des finances|"
    "de l'attractivité|du développement économique|de la petite enfance|des seniors"
).split("|")
PLACES = (
    "Brest Laval Nantes Rennes Angers Tours Blois Dijon Metz Nancy Reims Caen Rouen Lille Arras"
    " Amiens Troyes Niort Poitiers Limoges Brive Tulle Pau Tarbes Bayonne Agen Albi Rodez Millau"
    " Nîmes Alès Sète Béziers Narbonne Perpignan Gap Digne Valence Vienne Annecy Chambéry"
).split()
QUARTERS = "Nord|Sud|Est|Ouest|Centre|des Gares|du Port|de la Plaine|des Vignes|du Lac".split("|")
ASSOCIATIONS = (
    "des amis du quartier|pour le développement de l'emploi|des habitants du quartier|"
    "départementale des jardins partagés|intermédiaire d'insertion|des familles|"
    "pour l'insertion par l'activité économique|régionale des entreprises d'insertion"
).split("|")
PRENOMS = (
    "Adèle Agnès Albert Alice Amandine Antoine Arthur Aurélie Baptiste Bastien Benoît Brigitte"
    " Camille Cécile Céline Charles Clément Damien Denise Édouard Élise Émile Émilie Étienne"
    " Fabrice Florence Gaëlle Gilles Hugo Irène Jérôme Joël Lucie Manon Noémie Odile Raphaël"
).split()
NOMS = (
    "Aubert Barbier Baron Besson Blanchet Bouvier Brunet Carré Charpentier Collet Cordier Da"
    " Silva Delmas Deschamps Dumas Fabre Ferrand Gauthier Germain Gilbert Guillot Hamon Hoarau"
    " Jacquet Joly Julien Lacroix Laine Langlois Leblanc Lebrun Leclerc Lecomte Lejeune Lemaire"
    " Lemoine Marchal Maillard Masson Mallet Millet Moulin Navarro Paris Perret Poulain Prévost"
    " Renaud Rey Roche Rolland Roussel Sanchez Schmitt Tessier Vidal Weber Beaumont-Ferrière"
    " Delacroix-Vernet Saint-Aubin Le Bihan Ould-Ahmed Ménard-Ribeiro"
).split()


def _service(rng: random.Random) -> str:
    return f"Service {rng.choice(DOMAINS)} de {rng.choice(PLACES)}"


def _association(rng: random.Random) -> str:
    return f"Association {rng.choice(ASSOCIATIONS)} {rng.choice(QUARTERS)} de {rng.choice(PLACES)}"


def _civil(rng: random.Random) -> str:
    civility = rng.choice(("M.", "Mme"))
    return f"{civility} {rng.choice(PRENOMS)} {rng.choice(NOMS)} {rng.choice(NOMS)}"


def _long(rng: random.Random) -> str:
    members = ", ".join(_civil(rng) for _ in range(rng.randint(6, 10)))
    return f"Comité de pilotage réunissant {members}"


KINDS = {
    "service": (_service,),
    "association": (_association,),
    "civilité": (_civil,),
    "longs": (_service, _association, _long),
}


def _variant(rng: random.Random, name: str) -> str:
    """Une autre orthographe du même nom : une lettre changée, ajoutée ou retirée, les
    capitales, les accents perdus."""
    kind = rng.randrange(5)
    position = rng.randrange(1, len(name))
    if kind == 0:
        return name[:position] + rng.choice("aeiourn") + name[position + 1 :]
    if kind == 1:
        return name[:position] + rng.choice("aeiourn") + name[position:]
    if kind == 2:
        return name[:position] + name[position + 1 :]
    if kind == 3:
        return name.upper()
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names_for(kind: str, count: int, seed: int = 18) -> list[str]:
    """`count` noms du genre `kind`, dont un sur dix est une autre orthographe d'un nom déjà
    tiré."""
    rng = random.Random(f"{seed}:{kind}")
    makers = KINDS[kind]
    names: list[str] = []
    for _ in range(count):
        if names and rng.random() < 0.1:
            names.append(_variant(rng, rng.choice(names)))
        else:
            names.append(rng.choice(makers)(rng))
    return names


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_plan(root: Path, kind: str, fiches: int, seed: int = 18) -> tuple[str, int]:
    """Écrit plans/<kind>/ sous `root` : `fiches` fiches de 1 à 3 pilotes et 0 à 4 associés ;
    rend l'identifiant du plan et le nombre de noms différents."""
    rng = random.Random(f"{seed}:{kind}:fiches")
    pool = names_for(kind, fiches * 2, seed)
    plan_id = f"adverse-{kind}".replace("é", "e")
    folder = root / "plans" / plan_id
    (folder / "fiches").mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(
        "collectivite: Collectivité d'essai\ntitre: Plan adverse\n"
        "axes:\n  - {code: 1, titre: Un axe}\n",
        encoding="utf-8",
    )
    used: set[str] = set()
    for number in range(1, fiches + 1):
        pilotes = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        associes = [rng.choice(pool) for _ in range(rng.randint(0, 4))]
        used.update(pilotes, associes)
        lines = [f'id: "1.{number}"', "axe: 1", f"titre: Action {number}", "pilotes:"]
        lines += [f"  - {_quoted(name)}" for name in pilotes]
        if associes:
            lines += ["associes:", *(f"  - {_quoted(name)}" for name in associes)]
        (folder / "fiches" / f"1-{number}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return plan_id, len(used)


@dataclass
class Row:
    plan: str
    fiches: int
    names: int
    validate: float
    lint: float

    @property
    def ratio(self) -> float:
        return self.lint / self.validate


def _timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Durée (s) d'une commande, et son code de sortie."""
    start = time.perf_counter()
    code = subprocess.call(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, code


def _median(command: list[str], cwd: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        elapsed, code = _timed(command, cwd)
        if code not in (0, 1):
            raise SystemExit(f"adversarial.py : « {' '.join(command)} » a échoué (code {code})")
        times.append(elapsed)
    return statistics.median(times)


def measure(essplan: list[str], work: Path, fiches: int = 2000, repeat: int = 3) -> list[Row]:
    """Écrit un plan de chaque genre dans `work` et mesure `essplan validate` et `essplan lint`
    sur lui (médiane de `repeat` passages, après un passage à blanc) ; `essplan` est la commande
    à lancer, par exemple `[sys.executable, "-m", "essplan"]`."""
    rows = []
    for kind in KINDS:
        plan_id, names = write_plan(work, kind, fiches)
        commands = {step: [*essplan, step, plan_id] for step in ("validate", "lint")}
        for command in commands.values():
            _timed(command, work)  # le passage à blanc : le cache de bytecode
        times = {step: _median(command, work, repeat) for step, command in commands.items()}
        rows.append(Row(kind, fiches, names, times["validate"], times["lint"]))
    return rows


def table(rows: list[Row]) -> str:
    """Le tableau Markdown des mesures, en français."""
    lines = [
        "| Plan adverse | Fiches | Noms différents | validate | lint | lint / validate |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.plan} | {thousands(row.fiches)} | {thousands(row.names)}"
            f" | {fr(row.validate)} s | {fr(row.lint)} s | {fr(row.ratio)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return script(argv, __doc__, 2000, measure, table)


if __name__ == "__main__":
    sys.exit(main())
