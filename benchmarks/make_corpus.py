"""Génère un corpus de plans réalistes pour les mesures de performance.

    python benchmarks/make_corpus.py --plans 200 --fiches 50 OUT

écrit OUT/plans/<id>/plan.yaml et OUT/plans/<id>/fiches/*.yaml : N plans de M fiches, de la
taille et du mélange de rubriques de clermont-2016 (contexte de quelques phrases, méthode,
résultats attendus, indicateurs, coût, dates…). Les textes, les noms et les formes de
valeurs sont pris dans les plans livrés (plans/ du dépôt), mélangés et variés par un
générateur pseudo-aléatoire à graine fixe : la même commande écrit toujours les mêmes octets.

Une part des fiches porte les défauts que le linter cherche : pas de pilote, fin « ????? »,
coût « ??? », montant « 64 0000 », une personne écrite de deux façons, un trou dans la
numérotation ; un plan sur trois porte une délibération (vote aux comptes justes). Le corpus
se valide sans erreur (`essplan validate` rend 0) : le budget se calcule sur chaque plan.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "plans"

# Des noms de lieux pour varier les collectivités (le texte des plans livrés nomme Clermont).
PLACES = (
    "Annecy",
    "Angers",
    "Arras",
    "Aurillac",
    "Bayonne",
    "Besançon",
    "Blois",
    "Bourges",
    "Brest",
    "Caen",
    "Chambéry",
    "Cholet",
    "Colmar",
    "Dijon",
    "Dunkerque",
    "Épinal",
    "Évreux",
    "Gap",
    "Lannion",
    "Laval",
    "Le Mans",
    "Limoges",
    "Lorient",
    "Mâcon",
    "Metz",
    "Montauban",
    "Montpellier",
    "Morlaix",
    "Mulhouse",
    "Nantes",
    "Nevers",
    "Niort",
    "Nîmes",
    "Orléans",
    "Pau",
    "Périgueux",
    "Perpignan",
    "Quimper",
    "Reims",
    "Rennes",
    "Roanne",
    "Rodez",
    "Rouen",
    "Saint-Brieuc",
    "Saint-Étienne",
    "Strasbourg",
    "Tarbes",
    "Toulouse",
    "Tours",
    "Troyes",
    "Valence",
    "Vannes",
    "Vienne",
    "Vierzon",
)
KINDS = (
    "{place} Métropole",
    "Communauté urbaine {de} {place}",
    "{place} Agglomération",
    "Communauté de communes du pays {de} {place}",
)
AXE_LABELS = ("Défi", "Priorité", "Orientation", "Axe")
FICHE_LABELS = ("Action", "Action", "Action", "Proposition")
MONTHS = (
    "Janvier",
    "Février",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
)
ORGANISATIONS = (
    "Service communication",
    "Cress",
    "Comité technique de suivi",
    "Service économique",
    "Service juridique",
    "URSCOP",
    "France Active",
    "Caisse des Dépôts",
    "enseignement supérieur",
    "Direction de l'emploi",
    "Mission locale",
    "Pôle territorial de coopération économique",
)
STATUTS = ("a_venir", "en_cours", "en_cours", "en_pause", "realise", "realise", "abandonne")
INSTANCES = ("Conseil communautaire", "Conseil métropolitain", "Conseil de communauté")
COMMISSIONS = (
    "Développement économique",
    "Économie, emploi, attractivité",
    "Solidarités et cohésion sociale",
)


# ------------------------------------------------------------------- ce qu'on prend aux plans


class Pools:
    """Les phrases, noms et formes de valeurs des plans livrés, rangés par rubrique."""

    def __init__(self, source: Path) -> None:
        self.titres: list[str] = []
        self.sentences: list[str] = []  # phrases des contextes
        self.methode: list[str] = []
        self.resultats: list[str] = []
        self.indicateurs: list[str] = []
        self.public: list[str] = []
        self.moyens: list[str] = []
        self.financement: list[str] = []
        self.remarques: list[str] = []
        self.axes: list[str] = []
        self.plan_titles: list[str] = []
        self.visions: list[str] = []
        self.criteres: list[str] = []
        self.people: list[str] = []
        self.council: list[str] = []
        plan_files = sorted(source.glob("*/plan.yaml"))
        if not plan_files:
            raise SystemExit(f"make_corpus : aucun plan dans {source} (--source)")
        for plan_file in plan_files:
            plan = _load(plan_file)
            self.plan_titles.append(plan["titre"])
            self.axes += [axe["titre"] for axe in plan.get("axes", [])]
            if plan.get("vision"):
                self.visions += _split_sentences(plan["vision"])
            self.criteres += plan.get("criteres_interet_communautaire", [])
            deliberation = plan.get("deliberation") or {}
            self.council += [_title_case(n) for n in deliberation.get("presents", [])]
            self.council += [_title_case(n) for n in deliberation.get("excuses", [])]
            for fiche_file in sorted((plan_file.parent / "fiches").glob("*.yaml")):
                self._add_fiche(_load(fiche_file))
        self.people = sorted(set(self.people))
        self.council = sorted(set(self.council))
        for pool in vars(self).values():
            if not pool:
                raise SystemExit(
                    f"make_corpus : les plans de {source} ne suffisent pas à tout varier"
                )

    def _add_fiche(self, fiche: dict) -> None:
        self.titres.append(fiche["titre"])
        if fiche.get("contexte"):
            self.sentences += _split_sentences(fiche["contexte"])
        self.methode += fiche.get("methode") or []
        self.resultats += fiche.get("resultats_attendus") or []
        self.indicateurs += [i for i in fiche.get("indicateurs") or [] if isinstance(i, str)]
        for key, pool in (
            ("public_cible", self.public),
            ("moyens_humains", self.moyens),
            ("financement", self.financement),
            ("remarques", self.remarques),
        ):
            value = fiche.get(key)
            if isinstance(value, str) and "\n" not in value:
                pool.append(value)
        for key in ("pilotes", "associes"):
            self.people += [n for n in fiche.get(key) or [] if _is_person(n)]


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÉÈÀ«])", text.strip())
    return [p for p in parts if len(p) > 30]


def _title_case(name: str) -> str:
    """« Olivier BIANCHI » → « Olivier Bianchi » (les fiches écrivent les noms ainsi)."""
    return " ".join(
        w if not w.isupper() else "-".join(p.capitalize() for p in w.split("-"))
        for w in name.split()
    )


def _is_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and "(" not in name


# ------------------------------------------------------------------------------ écrire du YAML

_PLAIN_FORBIDDEN_START = tuple("-?:,[]{}#&*!|>'\"%@`")
_resolver = yaml.resolver.Resolver()


def scalar(text: str, flow: bool = False) -> str:
    """Le texte en YAML : tel quel quand c'est possible (comme les plans livrés), sinon entre
    guillemets doubles (une chaîne JSON est un scalaire YAML valide)."""
    plain = (
        text
        and not (flow and any(c in text for c in ",[]{}"))
        and text == text.strip()
        and not text.startswith(_PLAIN_FORBIDDEN_START)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and _resolver.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: str = "") -> str:
    """Un long texte d'une ligne en bloc replié, comme `contexte: >-` des plans livrés."""
    return f"{indent}{key}: >-\n{indent}  {text}\n"


def text_list(key: str, items: list[str], indent: str = "") -> str:
    return f"{indent}{key}:\n" + "".join(f"{indent}  - {scalar(i)}\n" for i in items)


# ----------------------------------------------------------------------------- le générateur


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def variant(name: str, rng: random.Random) -> str | None:
    """Une autre orthographe du même nom (ESS401) : accents, trait d'union, capitales, voyelle."""
    first, _, last = name.partition(" ")
    candidates = []
    if _strip_accents(name) != name:
        candidates.append(_strip_accents(name))
    if "-" in last:
        candidates.append(f"{first} {last.replace('-', ' ')}")
    candidates.append(f"{first} {last.upper()}")
    vowels = [i for i, c in enumerate(last) if c in "aeiou"]
    if vowels and len(last) >= 6:
        i = vowels[-1]
        candidates.append(f"{first} {last[:i]}{'é' if last[i] != 'e' else 'a'}{last[i + 1 :]}")
    candidates = [c for c in candidates if c != name and len(c) >= 8]
    return rng.choice(candidates) if candidates else None


class PlanWriter:
    def __init__(self, pools: Pools, rng: random.Random, index: int, fiches: int) -> None:
        self.pools, self.rng, self.index, self.fiche_count = pools, rng, index, fiches
        place = PLACES[index % len(PLACES)]
        pattern = KINDS[(index // len(PLACES) + index) % len(KINDS)]
        self.collectivite = (
            pattern.format(place=place, de="de")
            .replace("de Le ", "du ")
            .replace("de A", "d'A")
            .replace("de É", "d'É")
            .replace("de O", "d'O")
        )
        slug = re.sub(r"[^a-z0-9]+", "-", _strip_accents(place).lower()).strip("-")
        self.start = 2014 + rng.randrange(10)
        self.years = rng.choice((4, 5, 5, 6))
        self.id = f"{slug}-{self.start}-{index:04d}"
        self.axes = [str(n) for n in range(1, rng.choice((4, 5, 5, 6)) + 1)]
        # L'équipe du plan : quelques personnes reviennent de fiche en fiche, comme dans la source.
        self.staff = rng.sample(pools.people + pools.council, 10)
        self.variant = None
        if rng.random() < 0.3:  # une personne écrite de deux façons (ESS401)
            person = rng.choice(self.staff)
            spelled = variant(person, rng)
            if spelled:
                self.variant = (person, spelled)
        self.gap = rng.random() < 0.25  # un trou dans la numérotation d'un axe (ESS402)

    def texts(self, text: str) -> str:
        return text.replace("Clermont Communauté", self.collectivite).replace(
            "Clermont-Communauté", self.collectivite
        )

    def fiche_ids(self) -> list[tuple[str, str]]:
        """(axe, id) des fiches, réparties sur les axes ; un numéro sauté si `gap`."""
        per_axe = {axe: 0 for axe in self.axes}
        skipped = self.rng.choice(self.axes) if self.gap else None
        ids = []
        for n in range(self.fiche_count):
            axe = self.axes[n * len(self.axes) // self.fiche_count]
            per_axe[axe] += 1
            if axe == skipped and per_axe[axe] == 2:
                per_axe[axe] += 1
            ids.append((axe, f"{axe}.{per_axe[axe]}"))
        return ids

    # -------------------------------------------------------------------------- plan.yaml

    def plan_yaml(self, all_ids: list[str]) -> str:
        rng, pools = self.rng, self.pools
        kind_label = rng.choice(AXE_LABELS)
        out = [
            f"collectivite: {scalar(self.collectivite)}\n",
            f"titre: {scalar(self.texts(rng.choice(pools.plan_titles)))}\n",
            "periode:\n",
            f'  debut: "{self.start}-01"\n',
            f'  fin: "{self.start + self.years - 1}-12"\n',
            f"etat: {rng.choice(('adopte', 'adopte', 'projet'))}\n",
            f"libelle_axe: {kind_label}\n",
            f"libelle_fiche: {rng.choice(FICHE_LABELS)}\n",
            folded(
                "vision",
                self.texts(" ".join(rng.sample(pools.visions, min(2, len(pools.visions))))),
            ),
            "axes:\n",
        ]
        for code, titre in zip(self.axes, rng.sample(pools.axes, len(self.axes)), strict=True):
            out.append(f"  - code: {code}\n    titre: {scalar(self.texts(titre))}\n")
        out.append(text_list("criteres_interet_communautaire", rng.sample(pools.criteres, 4)))
        if rng.random() < 0.4:
            out.append(self.budget_yaml(all_ids))
        out.append(f"moyens_humains: {scalar(self.texts(rng.choice(pools.moyens)))}\n")
        if self.index % 3 == 0:
            out.append(self.deliberation_yaml())
        out.append(
            folded("remarques", " ".join(self.texts(s) for s in rng.sample(pools.sentences, 3)))
        )
        return "".join(out)

    def budget_yaml(self, all_ids: list[str]) -> str:
        rng = self.rng
        lines, total = [], 0
        for _ in range(rng.randint(2, 4)):
            montant = rng.randrange(10, 200) * 500
            periodicite = rng.choice(("annuel", "annuel", "ponctuel"))
            total += montant * (self.years if periodicite == "annuel" else 1)
            lines.append(
                f"    - libelle: {scalar(self.texts(rng.choice(self.pools.titres)))}\n"
                f"      section: {rng.choice(('investissement', 'fonctionnement'))}\n"
                f"      montant: {montant}\n"
                f"      periodicite: {periodicite}\n"
                f'      fiches: ["{rng.choice(all_ids)}"]\n'
            )
        return f"budget:\n  total: {total}\n  lignes:\n" + "".join(lines)

    def deliberation_yaml(self) -> str:
        rng, council = self.rng, self.pools.council
        en_exercice = rng.randint(40, len(council))
        members = rng.sample(council, en_exercice)
        presents = rng.randint(en_exercice // 2 + 1, en_exercice - 3)
        representes = rng.randint(0, min(15, en_exercice - presents - 1))
        excuses = rng.randint(0, en_exercice - presents - representes)
        year = self.start + rng.randrange(2)
        month, day = rng.randint(1, 12), rng.randint(10, 28)
        pour = presents + representes - rng.randint(0, 3)
        abstention = presents + representes - pour
        present_names = members[:presents]
        proxies = members[presents : presents + representes]
        excused = members[presents + representes : presents + representes + excuses]
        out = [
            "deliberation:\n",
            f"  numero: DEL{year}{month:02d}{day:02d}_{rng.randint(1, 40):03d}\n",
            f"  date: {year}-{month:02d}-{day:02d}\n",
            f"  instance: {rng.choice(INSTANCES)}\n",
            f"  president: {scalar(members[0])}\n",
            f"  rapporteur: {scalar(members[1])}\n",
            f"  commission: {scalar(rng.choice(COMMISSIONS))}\n",
            f"  convocation: {year}-{month:02d}-{day - rng.randint(7, 9):02d}\n",
            "  vote:\n",
            f"    en_exercice: {en_exercice}\n    presents: {presents}\n",
            f"    representes: {representes}\n    excuses: {excuses}\n",
            f"    pour: {pour}\n    contre: 0\n    abstention: {abstention}\n",
            "    non_participation: 0\n",
            text_list("presents", present_names, "  "),
        ]
        if proxies:
            out.append("  pouvoirs:\n")
            out += [
                f"    - {{de: {scalar(p, True)}, a: {scalar(rng.choice(present_names), True)}}}\n"
                for p in proxies
            ]
        if excused:
            out.append(text_list("excuses", excused, "  "))
        return "".join(out)

    # ---------------------------------------------------------------------------- une fiche

    def fiche_yaml(self, axe: str, fiche_id: str, all_ids: list[str]) -> str:
        rng, pools = self.rng, self.pools
        out = [
            f'id: "{fiche_id}"\n',
            f"axe: {axe}\n",
            f"titre: {scalar(self.texts(rng.choice(pools.titres)))}\n",
        ]
        if rng.random() < 0.05:  # une fiche réduite à son titre et ses associés (comme 2.4)
            out.append(text_list("associes", self.people(3)))
            return "".join(out)
        if rng.random() >= 0.1:  # ESS101 : une fiche sur dix sans pilote
            out.append(text_list("pilotes", self.people(rng.choice((1, 1, 1, 2)))))
        out.append(text_list("associes", self.people(rng.randint(1, 4), organisations=True)))
        sentences = rng.sample(pools.sentences, rng.randint(3, 6))
        out.append(folded("contexte", " ".join(self.texts(s) for s in sentences)))
        out.append(
            text_list(
                "methode", [self.texts(s) for s in rng.sample(pools.methode, rng.randint(4, 6))]
            )
        )
        out.append(
            text_list("resultats_attendus", [self.texts(s) for s in rng.sample(pools.resultats, 3)])
        )
        if rng.random() < 0.85:
            out.append(f"public_cible: {scalar(self.texts(rng.choice(pools.public)))}\n")
        out.append(f"moyens_humains: {scalar(self.texts(rng.choice(pools.moyens)))}\n")
        debut, fin = self.dates()
        out.append(f"debut: {debut}\nfin: {fin}\n")
        out.append(self.cost())
        out.append(f"financement: {scalar(self.texts(rng.choice(pools.financement)))}\n")
        if rng.random() < 0.6:
            out.append(folded("remarques", self.texts(rng.choice(pools.remarques))))
        if rng.random() < 0.15:
            out.append(f'liens: ["{rng.choice(all_ids)}"]\n')
        if rng.random() < 0.2:
            out.append(f"statut: {rng.choice(STATUTS)}\n")
        out.append(text_list("indicateurs", rng.sample(pools.indicateurs, rng.randint(3, 5))))
        return "".join(out)

    def people(self, count: int, organisations: bool = False) -> list[str]:
        rng = self.rng
        chosen = rng.sample(self.staff, count)
        if organisations and rng.random() < 0.3:
            chosen[-1] = rng.choice(ORGANISATIONS)
        if self.variant and rng.random() < 0.1:
            chosen = [self.variant[1] if n == self.variant[0] else n for n in chosen]
        return chosen

    def dates(self) -> tuple[str, str]:
        rng = self.rng
        first = self.start * 12 + rng.randrange(self.years * 12 - 14)
        last = first + rng.randint(12, self.years * 12 - 1 - (first - self.start * 12))
        debut = self.month(first)
        if rng.random() < 0.07:  # ESS201 : une fin inconnue
            return debut, '"?????"'
        return debut, self.month(last)

    def month(self, index: int) -> str:
        year, month = divmod(index, 12)
        if self.rng.random() < 0.2:
            return f'"{year}-{month + 1:02d}"'
        return f"{MONTHS[month]} {year}"

    def cost(self) -> str:
        rng = self.rng
        draw = rng.random()
        if draw < 0.30:
            return "cout: Néant\n"
        if draw < 0.55:
            thousands = rng.randint(1, 60)
            return f"cout: {thousands} 000 euros{rng.choice((' / an', '/an', ' par an'))}\n"
        if draw < 0.65:
            return f"cout: {rng.randrange(5, 99) * 100} euros/an\n"
        if draw < 0.70:
            unit, count = rng.choice((2500, 5000, 7500)), rng.randint(2, 9)
            return (
                f"cout: {unit * count // 1000} 000 / an ({unit} X {count})\n"
                if unit * count % 1000 == 0
                else f"cout: {unit * count} euros / an\n"
            )
        if draw < 0.77:
            return f"cout: {rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}€\n"
        if draw < 0.85:  # ESS301 : un coût inconnu
            return rng.choice(
                ('cout: ""\n', 'cout: "??? participation SCIC et subventions"\n', 'cout: "???"\n')
            )
        if draw < 0.90:  # ESS302 : « 64 0000 », le texte adopté, et ce que le plan veut dire
            parts = [rng.choice((10, 12, 15, 20)) * 1000 for _ in range(3)]
            total = sum(parts)
            return (
                "cout:\n"
                f"  texte: {total // 1000} 0000 euros/an\n"
                f"  montant: {total}\n"
                "  periodicite: annuel\n"
                f'  detail: "1/2 administratif = {parts[0] // 1000} 000 / 1/2 animateur ='
                f' {parts[1] // 1000} 000 / AMO = {parts[2] // 1000} 000"\n'
            )
        if draw < 0.93:  # ESS302 sans montant retenu
            return f"cout: {rng.randint(10, 90)} 0000 euros\n"
        return f"cout: {rng.randint(2, 40) * 2500} euros / an\n"

    def write(self, out: Path) -> int:
        folder = out / "plans" / self.id
        fiches = folder / "fiches"
        fiches.mkdir(parents=True, exist_ok=True)
        ids = self.fiche_ids()
        all_ids = [fiche_id for _, fiche_id in ids]
        (folder / "plan.yaml").write_text(self.plan_yaml(all_ids), encoding="utf-8")
        for axe, fiche_id in ids:
            (fiches / f"{fiche_id}.yaml").write_text(
                self.fiche_yaml(axe, fiche_id, all_ids), encoding="utf-8"
            )
        return len(ids)


def make_corpus(
    out: Path, plans: int, fiches: int, seed: int = 2016, source: Path = DEFAULT_SOURCE
) -> int:
    """Écrit le corpus ; rend le nombre de fiches écrites."""
    pools = Pools(source)
    total = 0
    for index in range(plans):
        rng = random.Random(f"{seed}:{index}")  # un plan ne dépend pas du nombre de plans
        total += PlanWriter(pools, rng, index, fiches).write(out)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="dossier du dépôt à créer (il contiendra plans/)")
    parser.add_argument("--plans", type=int, default=200, help="nombre de plans (200)")
    parser.add_argument("--fiches", type=int, default=50, help="fiches par plan (50)")
    parser.add_argument("--seed", type=int, default=2016, help="graine du générateur (2016)")
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="plans dont on reprend textes et noms (plans/ du dépôt)",
    )
    args = parser.parse_args(argv)
    if args.plans < 1 or args.fiches < 1:
        parser.error("--plans et --fiches valent au moins 1")
    total = make_corpus(args.out, args.plans, args.fiches, args.seed, args.source)
    print(f"{args.plans} plans, {total} fiches écrits dans {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
