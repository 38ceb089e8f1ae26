"""Les clés du format 1.1 (la vie du plan après l'adoption, et celles des données ouvertes) :
l'exemple du format se valide tel qu'il est écrit, et chaque valeur fautive reçoit son message
français, avec la ligne, la colonne et le chemin de clé de l'élément fautif."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from essplan.model.plan import siret_problem

BASE = Path(__file__).parent / "bad_inputs" / "_base"
FICHE = Path("plans/p/fiches/1.1.yaml")
PLAN = Path("plans/p/plan.yaml")
HEAD = 'id: "1.1"\naxe: 1\ntitre: Une action\n'

# L'exemple de docs/FORMAT.md, « Version 1.1 », mot pour mot.
FORMAT_EXAMPLE = """\
statut: en_cours
priorite: haute
etapes:
  - libelle: Voter la délibération
    echeance: 2016-10
    realisee: 2016-10-14
  - libelle: Envoyer le courrier aux acteurs
    echeance: 2016-12
suivi:
  - date: 2017-03
    texte: "Réseau constitué : 12 communes volontaires."
    statut: en_cours
    avancement: 30
depenses:
  2017: 2500
  2018: 3100
financement:
  - financeur: Clermont Communauté
    montant: 45000
  - financeur: Caisse des dépôts
    montant: 19000
indicateurs:
  - libelle: Nombre de communes représentées
    unite: communes
    cible: 21
    cibles: {2018: 10, 2020: 21}
    valeurs: {2017: 12, 2018: 15}
"""


def repo_with(tmp_path: Path, fiche: str = HEAD, plan_extra: str = "") -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / FICHE).write_text(fiche, encoding="utf-8")
    with open(tmp_path / PLAN, "a", encoding="utf-8") as stream:
        stream.write(plan_extra)
    return tmp_path


def test_the_format_example_validates_as_written(run_cli, tmp_path):
    plan = (
        'siret: "21860194600013"\ndeliberation:\n  numero: DEL1\n  date: 2016-10-14\n'
        '  matiere: {code: "7.4"}\n  url: https://example.org/deliberation.pdf\n'
    )
    result = run_cli("validate", cwd=repo_with(tmp_path, HEAD + FORMAT_EXAMPLE, plan))
    assert (result.exit_code, result.stdout) == (0, "1 plan, 2 fiches : aucune erreur\n")


# (la fiche après l'en-tête, ce que `validate --output-format concise` doit dire)
BAD_FICHES = [
    (
        "priorite: urgente\n",
        "4:11: ESS004 priorite : valeur « urgente » non admise ; valeurs possibles : haute,"
        " moyenne, basse",
    ),
    (
        "etapes:\n  - libelle: X\n    echance: 2022-01\n",
        "6:5: ESS003 etapes[1].echance : clé inconnue « echance » [aide : vouliez-vous dire"
        " « echeance » ?]",
    ),
    (
        "etapes:\n  - libelle: X\n    realisee: setpembre 2022\n",
        "6:15: ESS004 etapes[1].realisee : « setpembre 2022 » : « setpembre » n'est pas un nom de"
        " mois [aide : vouliez-vous dire « septembre 2022 » ?]",
    ),
    (
        'suivi:\n  - date: "?"\n    texte: Rien\n',
        "5:11: ESS004 suivi[1].date : une entrée du journal est datée d'un mois connu"
        " (« 2017-03 »)",
    ),
    (
        "suivi:\n  - date: 2022-01\n    texte: X\n    statut: en_retard\n",
        "7:13: ESS004 suivi[1].statut : valeur « en_retard » non admise ; valeurs possibles :"
        " a_venir, en_cours, en_pause, bloque, realise, abandonne",
    ),
    (
        "suivi:\n  - date: 2022-01\n    texte: X\n    avancement: 150\n",
        "7:17: ESS004 suivi[1].avancement : pourcentage invraisemblable « 150 » : l'avancement va"
        " de 0 à 100",
    ),
    (
        "suivi:\n  - date: 2022-01\n    texte: X\n    avancement: beaucoup\n",
        "7:17: ESS004 suivi[1].avancement : attendu : un pourcentage, un nombre de 0 à 100 (30"
        " pour 30 %)",
    ),
    (
        "suivi:\n  - date: 2022-02\n    avancement: 10\n",
        "5:5: ESS005 suivi[1].texte : clé obligatoire « texte » absente dans « suivi[1] »",
    ),
    (
        "depenses:\n  1800: 5\n",
        "5:3: ESS004 depenses[1800] : année 1800 hors des années qu'essplan compte (de 1900 à"
        " 2200)",
    ),
    (
        "depenses:\n  2022: -3\n",
        "5:9: ESS004 depenses[2022] : un montant ne peut pas être négatif (« -3 »)",
    ),
    (
        "financement:\n  - Région\n  - 5000\n",
        "6:5: ESS004 financement[2] : un financeur est un texte ou un dictionnaire ({financeur: …,"
        " montant: …}), pas « 5000 »",
    ),
    (
        "financement:\n  - financeur: Région\n    annees: 2022\n",
        "6:5: ESS003 financement[1].annees : clé inconnue « annees » [aide : vouliez-vous dire"
        " « annee » ?]",
    ),
    (
        "indicateurs:\n  - libelle: I\n    cibles: {2022: true}\n",
        "6:20: ESS004 indicateurs[1].cibles[2022] : attendu : un texte ou un nombre",
    ),
]


@pytest.mark.parametrize(("body", "expected"), BAD_FICHES)
def test_a_wrong_follow_up_value_is_named_where_it_is(run_cli, tmp_path, body, expected):
    result = run_cli("validate", "--output-format", "concise", cwd=repo_with(tmp_path, HEAD + body))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{FICHE}:{expected}"


BAD_PLANS = [
    (
        'siret: "21860194600014"\n',
        "11:8: ESS004 siret : SIRET « 21860194600014 » refusé : sa clé de contrôle est fausse"
        " (faute de frappe ?)",
    ),
    (
        "siret: 21860194600013\n",
        "11:8: ESS004 siret : attendu : un texte, trouvé un nombre ; écrivez la valeur entre"
        ' guillemets ("21860194600013")',
    ),
    (
        'deliberation:\n  matiere: {code: "7.11"}\n',
        "12:19: ESS004 deliberation.matiere.code : code de matière ACTES inconnu « 7.11 » : un"
        " code de niveau 2 va de « 1.1 » à « 1.7 », « 2.1 » à « 2.3 », « 3.1 » à « 3.6 »,"
        " « 4.1 » à « 4.5 », « 5.1 » à « 5.8 », « 6.1 » à « 6.5 », « 7.1 » à « 7.10 », « 8.1 » à"
        " « 8.9 », « 9.1 » à « 9.4 » (un texte : « 7.4 »)",
    ),
    (
        "deliberation:\n  url: www.example.org\n",
        "12:8: ESS004 deliberation.url : adresse illisible « www.example.org » : une adresse"
        " commence par http:// ou https:// et ne contient pas d'espace",
    ),
]


@pytest.mark.parametrize(("extra", "expected"), BAD_PLANS)
def test_a_wrong_open_data_key_is_named_where_it_is(run_cli, tmp_path, extra, expected):
    result = run_cli("validate", "--output-format", "concise", cwd=repo_with(tmp_path, HEAD, extra))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{PLAN}:{expected}"


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("21860194600013", True),  # l'exemple du SCDL (Grand Poitiers)
        ("21860194600014", False),  # un chiffre de trop à la fin : la clé de Luhn tombe
        ("35600000000048", True),  # le siège de La Poste : un nombre de Luhn ordinaire
        ("35600000049837", True),  # un établissement de La Poste : somme des chiffres 45
        ("35600000049838", False),
        ("2186019460001", False),  # treize chiffres
    ],
)
def test_siret_check_follows_the_insee_rule(siret, valid):
    assert (siret_problem(siret) is None) is valid
