"""`essplan status` : le tableau de bord du plan de suivi des tests (`tests/suivi_plan`) à deux
dates, dans chaque format, calculé à la main ; `--by pilote` ; les plans livrés, sans données
de suivi ; les erreurs.

Le calcul à la main (horizons par défaut : sans nouvelles au-delà de 6 mois, à échéance dans
les 3 mois ; « écart » = dépensé − prévu) :

En décembre 2022 :
- 1.1 (Service ESS, fin 2023-12) : le journal qui donne un statut : 2021-03 en_cours, 2022-11
  en_cours → en cours ; avancement de la dernière entrée qui en donne un : 70 (2022-11) ;
  dernier suivi 2022-11 (1 mois : pas sans nouvelles) ; fin dans 12 mois : pas à échéance.
  Étapes : « Signer la charte avec dix communes » (échéance 2022-06, pas faite) en retard ;
  « Tenir les premières rencontres » (échéance 2023-02, faite en 2023-01, donc pas encore à
  la date) à échéance (2 mois ≤ 3).
- 1.2 (Direction de la commande publique, Service ESS ; fin 2022-12) : 2022-04 en_cours (la
  réalisation de 2023-02 est après la date) → en cours, 40 % ; dernier suivi 2022-04 : 8 mois
  > 6, sans nouvelles ; fin le mois même (0 ≤ 3) : à échéance ; pas en retard (la fin n'est pas
  passée).
- 2.1 (Direction des finances, fin 2023-08) : 2022-06 en_cours → en cours, 10 % ; 6 mois
  depuis la dernière nouvelle : pas plus de 6, pas sans nouvelles ; fin dans 8 mois. Étapes :
  « Convention avec France Active » faite en 2022-10 ; « Premier comité d'engagement »
  (2023-03, 3 mois ≤ 3) à échéance.
- 2.2 (sans pilote, sans statut ni journal) : non renseigné, jamais en retard ni relancée.
  Statuts : en cours 3 (axe 1 : 2, axe 2 : 1), non renseigné 1 (axe 2).
- Indicateurs (dernière valeur de 2022 ou d'avant) : 1.1 12 communes en 2022, cible 20 :
  12/20 = 60 % ; 1.2 1 800 heures en 2022, cible 3 000 : 60 % ; 2.1 ni valeur ni cible.
- Prévu (comme essplan budget, coûts annuels en entier) et dépensé, 2021 et 2022 :
  2021 : 1.1 5 000 €/an → prévu 5 000 ; dépensé 4 000 (1.1) ; écart −1 000.
  2022 : 1.1 5 000 + 1.2 12 000 (ponctuel, année du début) + 2.1 12 × 1 000 (mensuel)
  = 29 000 ; dépensé 6 000 + 11 500 + 6 000 = 23 500 ; écart −5 500.

En juin 2023 :
- 1.1 : toujours en cours (2022-11), 70 % ; 7 mois depuis 2022-11 > 6 : sans nouvelles ; fin
  dans 6 mois ; « Signer la charte » toujours en retard ; « Tenir les premières rencontres »
  faite (2023-01).
- 1.2 : réalisé (2023-02), 100 % : ni relancée ni en retard.
- 2.1 : en cours (2022-06), 10 % ; 12 mois > 6 : sans nouvelles ; fin 2023-08 dans 2 mois : à
  échéance ; « Premier comité d'engagement » (2023-03) passé sans être fait : en retard.
- 2.2 : non renseigné.
  Statuts : en cours 2 (une par axe), réalisé 1 (axe 1), non renseigné 1 (axe 2).
- Indicateurs : aucune valeur de 2023 ; les mêmes qu'en décembre 2022.
- 2023 : 1.1 5 000 + 2.1 12 × 1 000 = 17 000 (2.2, coût « ??? », sans prévu : jamais compté
  0) ; dépensé 9 000 (2.1) ; écart −8 000.

Les montants en français : espace fine insécable (U+202F) entre les milliers, espace
insécable (U+00A0) avant « € » et « % » ; `fr` les met dans les textes attendus.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO

SUIVI = REPO / "tests" / "suivi_plan"


def fr(text: str) -> str:
    """Les espaces d'un texte attendu, à la française : « 1 800 » (U+202F), « 5 000 € »,
    « 70 % » et « 12 communes » (U+00A0 entre un nombre et son unité)."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    return re.sub(r"(?<=\d) (?=[€%]|communes\b|heures\b)", "\u00a0", text)


def status(run_cli, *args: str, cwd: Path = SUIVI):
    result = run_cli("status", *args, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


HEAD_2022_12 = """\
Communauté de test — suivi-test — tableau de bord, décembre 2022
Période du plan : janvier 2021 à décembre 2024 ; 4 actions.

Actions par statut :
  Statut         Axe 1  Axe 2  Total
  À venir            0      0      0
  En cours           2      1      3
  En pause           0      0      0
  Bloqué             0      0      0
  Réalisé            0      0      0
  Abandonné          0      0      0
  Non renseigné      0      1      1
  Total              2      2      4

Actions :
  Action  Titre                         Statut         Avancement  Dernier suivi
Axe 1 : Coopérer
  1.1     Réseau des communes           en cours             70 %  novembre 2022
  1.2     Marchés publics responsables  en cours             40 %  avril 2022
Axe 2 : Financer
  2.1     Fonds de garantie solidaire   en cours             10 %  juin 2022
  2.2     Lieu ressource de l'ESS       non renseigné           —  —
"""
LISTS_2022_12 = """\
En retard (fin passée, ni réalisée ni abandonnée) : aucune.

Sans nouvelles (en cours, aucune entrée de journal depuis plus de 6 mois) :
  1.2  Marchés publics responsables  (dernière nouvelle : avril 2022)

À échéance (fin d'ici mars 2023) :
  1.2  Marchés publics responsables  (fin : décembre 2022)

Étapes en retard (échéance passée, pas faite) :
  1.1  Signer la charte avec dix communes  (échéance : juin 2022)

Étapes à échéance (d'ici mars 2023) :
  1.1  Tenir les premières rencontres  (échéance : février 2023)
  2.1  Premier comité d'engagement     (échéance : mars 2023)
"""
INDICATORS = """\
Indicateurs :
  Action  Indicateur                  Dernière valeur  Année         Cible  Progression
  1.1     Communes membres du réseau      12 communes  2022    20 communes         60 %
  1.2     Heures d'insertion             1 800 heures  2022   3 000 heures         60 %

Indicateurs sans valeur ni cible : 1 (action 2.1).
"""
BUDGET_2022_12 = """\
Prévu et dépensé, par année (jusqu'en 2022) :
  Année     Prévu   Dépensé     Écart
  2021    5 000 €   4 000 €  -1 000 €
  2022   29 000 €  23 500 €  -5 500 €

Prévu : compté comme essplan budget ; dépensé : les depenses des fiches ; écart : dépensé moins\
 prévu ; « — » : rien de compté ou rien d'écrit.
"""


def test_table_in_december_2022(run_cli):
    assert status(run_cli, "--date", "2022-12") == fr(
        f"{HEAD_2022_12}\n{LISTS_2022_12}\n{INDICATORS}\n{BUDGET_2022_12}"
    )


LISTS_2023_06 = """\
En retard (fin passée, ni réalisée ni abandonnée) : aucune.

Sans nouvelles (en cours, aucune entrée de journal depuis plus de 6 mois) :
  1.1  Réseau des communes          (dernière nouvelle : novembre 2022)
  2.1  Fonds de garantie solidaire  (dernière nouvelle : juin 2022)

À échéance (fin d'ici septembre 2023) :
  2.1  Fonds de garantie solidaire  (fin : août 2023)

Étapes en retard (échéance passée, pas faite) :
  1.1  Signer la charte avec dix communes  (échéance : juin 2022)
  2.1  Premier comité d'engagement         (échéance : mars 2023)

Étapes à échéance (d'ici septembre 2023) : aucune.
"""
BUDGET_2023_06 = """\
Prévu et dépensé, par année (jusqu'en 2023) :
  Année     Prévu   Dépensé     Écart  Sans prévu
  2021    5 000 €   4 000 €  -1 000 €
  2022   29 000 €  23 500 €  -5 500 €
  2023   17 000 €   9 000 €  -8 000 €  2.2

Prévu : compté comme essplan budget ; dépensé : les depenses des fiches ; écart : dépensé moins\
 prévu ; « — » : rien de compté ou rien d'écrit ; sans prévu : coût inconnu, ambigu ou non\
 daté, jamais compté 0.
"""


def test_table_in_june_2023_by_statut(run_cli):
    assert status(run_cli, "--date", "2023-06", "--by", "statut") == fr(
        """\
Communauté de test — suivi-test — tableau de bord, juin 2023
Période du plan : janvier 2021 à décembre 2024 ; 4 actions.

Actions par statut :
  Statut         Axe 1  Axe 2  Total
  À venir            0      0      0
  En cours           1      1      2
  En pause           0      0      0
  Bloqué             0      0      0
  Réalisé            1      0      1
  Abandonné          0      0      0
  Non renseigné      0      1      1
  Total              2      2      4

Actions :
  Action  Titre                         Statut         Avancement  Dernier suivi
En cours
  1.1     Réseau des communes           en cours             70 %  novembre 2022
  2.1     Fonds de garantie solidaire   en cours             10 %  juin 2022
Réalisé
  1.2     Marchés publics responsables  réalisé             100 %  février 2023
Non renseigné
  2.2     Lieu ressource de l'ESS       non renseigné           —  —
"""
        f"\n{LISTS_2023_06}\n{INDICATORS}\n{BUDGET_2023_06}"
    )


# --------------------------------------------------------------------- --by pilote


def pilote_section(text: str) -> str:
    return text[text.index("À relancer") : text.index("Indicateurs :")]


def test_by_pilote_in_december_2022_lists_what_each_pilote_must_update(run_cli):
    # 1.2 a deux pilotes : elle est sous chacun ; 2.2, sans pilote, n'a rien à relancer.
    # Les pilotes dans l'ordre alphabétique.
    assert pilote_section(status(run_cli, "--date", "2022-12", "--by", "pilote")) == fr(
        """\
À relancer, par pilote :
  Action  Titre                         À mettre à jour
Direction de la commande publique
  1.2     Marchés publics responsables  sans nouvelles (dernière nouvelle : avril 2022)
                                        à échéance : fin en décembre 2022
Direction des finances
  2.1     Fonds de garantie solidaire   étape à échéance : Premier comité d'engagement (mars 2023)
Service ESS
  1.1     Réseau des communes           étape en retard : Signer la charte avec dix communes (juin 2022)
                                        étape à échéance : Tenir les premières rencontres (février 2023)
  1.2     Marchés publics responsables  sans nouvelles (dernière nouvelle : avril 2022)
                                        à échéance : fin en décembre 2022

"""
    )


def test_by_pilote_in_june_2023(run_cli):
    text = status(run_cli, "--date", "2023-06", "--by", "pilote")
    # 1.2 est réalisée : la Direction de la commande publique n'a rien à mettre à jour.
    assert pilote_section(text) == (
        """\
À relancer, par pilote :
  Action  Titre                        À mettre à jour
Direction des finances
  2.1     Fonds de garantie solidaire  sans nouvelles (dernière nouvelle : juin 2022)
                                       à échéance : fin en août 2023
                                       étape en retard : Premier comité d'engagement (mars 2023)
Service ESS
  1.1     Réseau des communes          sans nouvelles (dernière nouvelle : novembre 2022)
                                       étape en retard : Signer la charte avec dix communes (juin 2022)

Rien à relancer : Direction de la commande publique.

"""
    )
    assert "Sans nouvelles (" not in text  # les listes par sorte sont remplacées, pas doublées
    assert "\nAxe 1 : Coopérer\n  1.1 " in text  # les actions restent rangées par axe


def test_by_pilote_in_markdown(run_cli):
    text = status(run_cli, "--date", "2023-06", "--by", "pilote", "--output-format", "markdown")
    assert (
        "### À relancer, par pilote\n"
        "\n"
        "| Action | Titre | À mettre à jour |\n"
        "|---|---|---|\n"
        "| **Direction des finances** |  |  |\n"
        "| 2.1 | Fonds de garantie solidaire | sans nouvelles (dernière nouvelle : juin 2022) |\n"
        "|  |  | à échéance : fin en août 2023 |\n"
        "|  |  | étape en retard : Premier comité d'engagement (mars 2023) |\n"
        "| **Service ESS** |  |  |\n"
        "| 1.1 | Réseau des communes | sans nouvelles (dernière nouvelle : novembre 2022) |\n"
        "|  |  | étape en retard : Signer la charte avec dix communes (juin 2022) |\n"
        "\n"
        "Rien à relancer : Direction de la commande publique.\n"
    ) in text


# ------------------------------------------------------------------------ markdown


def test_markdown_in_december_2022(run_cli):
    assert status(run_cli, "--date", "2022-12", "--output-format", "markdown") == fr(
        """\
# Tableau de bord, décembre 2022

## Communauté de test — suivi-test — tableau de bord, décembre 2022

Période du plan : janvier 2021 à décembre 2024 ; 4 actions.

**Actions par statut** :

| Statut | Axe 1 | Axe 2 | Total |
|---|---:|---:|---:|
| À venir | 0 | 0 | 0 |
| En cours | 2 | 1 | 3 |
| En pause | 0 | 0 | 0 |
| Bloqué | 0 | 0 | 0 |
| Réalisé | 0 | 0 | 0 |
| Abandonné | 0 | 0 | 0 |
| Non renseigné | 0 | 1 | 1 |
| **Total** | **2** | **2** | **4** |

**Actions** :

| Action | Titre | Statut | Avancement | Dernier suivi |
|---|---|---|---:|---|
| **Axe 1 : Coopérer** |  |  |  |  |
| 1.1 | Réseau des communes | en cours | 70 % | novembre 2022 |
| 1.2 | Marchés publics responsables | en cours | 40 % | avril 2022 |
| **Axe 2 : Financer** |  |  |  |  |
| 2.1 | Fonds de garantie solidaire | en cours | 10 % | juin 2022 |
| 2.2 | Lieu ressource de l'ESS | non renseigné | — | — |

En retard (fin passée, ni réalisée ni abandonnée) : aucune.

**Sans nouvelles (en cours, aucune entrée de journal depuis plus de 6 mois)** :

- 1.2 — Marchés publics responsables (dernière nouvelle : avril 2022)

**À échéance (fin d'ici mars 2023)** :

- 1.2 — Marchés publics responsables (fin : décembre 2022)

**Étapes en retard (échéance passée, pas faite)** :

- 1.1 — Signer la charte avec dix communes (échéance : juin 2022)

**Étapes à échéance (d'ici mars 2023)** :

- 1.1 — Tenir les premières rencontres (échéance : février 2023)
- 2.1 — Premier comité d'engagement (échéance : mars 2023)

**Indicateurs** :

| Action | Indicateur | Dernière valeur | Année | Cible | Progression |
|---|---|---:|---|---:|---:|
| 1.1 | Communes membres du réseau | 12 communes | 2022 | 20 communes | 60 % |
| 1.2 | Heures d'insertion | 1 800 heures | 2022 | 3 000 heures | 60 % |

Indicateurs sans valeur ni cible : 1 (action 2.1).

### Prévu et dépensé, par année (jusqu'en 2022)

| Année | Prévu | Dépensé | Écart |
|---|---:|---:|---:|
| 2021 | 5 000 € | 4 000 € | -1 000 € |
| 2022 | 29 000 € | 23 500 € | -5 500 € |

Prévu : compté comme essplan budget ; dépensé : les depenses des fiches ; écart : dépensé moins\
 prévu ; « — » : rien de compté ou rien d'écrit.
"""
    )


def test_markdown_in_june_2023(run_cli):
    lines = status(run_cli, "--date", "2023-06", "--output-format", "markdown").splitlines()
    assert lines[0] == "# Tableau de bord, juin 2023"
    assert "| En cours | 1 | 1 | 2 |" in lines
    assert "| Réalisé | 1 | 0 | 1 |" in lines
    assert fr("| 1.2 | Marchés publics responsables | réalisé | 100 % | février 2023 |") in lines
    assert "- 2.1 — Fonds de garantie solidaire (fin : août 2023)" in lines
    assert "- 2.1 — Premier comité d'engagement (échéance : mars 2023)" in lines
    assert "Étapes à échéance (d'ici septembre 2023) : aucune." in lines
    assert fr("| 2023 | 17 000 € | 9 000 € | -8 000 € | 2.2 |") in lines


# ---------------------------------------------------------------------------- json


def plan_json(date: str, statuts: dict, fiches: list, lists: dict, years: list) -> dict:
    """Le JSON attendu du plan de suivi ; ce qui ne change pas d'une date à l'autre est ici."""
    zero = dict.fromkeys(("a_venir", "en_cours", "en_pause", "bloque", "realise", "abandonne"), 0)
    ids = ("1.1", "1.2", "2.1", "2.2")
    titles = (
        "Réseau des communes",
        "Marchés publics responsables",
        "Fonds de garantie solidaire",
        "Lieu ressource de l'ESS",
    )
    pilotes = (
        ["Service ESS"],
        ["Direction de la commande publique", "Service ESS"],
        ["Direction des finances"],
        [],
    )
    return {
        "plan": "suivi-test",
        "collectivite": "Communauté de test",
        "statuts": {**zero, "non_renseigne": 0, **statuts["plan"]},
        "axes": [
            {"axe": "1", "titre": "Coopérer", "statuts": {**zero, "non_renseigne": 0, **statuts["1"]}},
            {"axe": "2", "titre": "Financer", "statuts": {**zero, "non_renseigne": 0, **statuts["2"]}},
        ],
        "fiches": [
            {
                "id": fiche_id,
                "axe": fiche_id[0],
                "titre": titre,
                "pilotes": names,
                "statut": state[0],
                "avancement": state[1],
                "dernier_suivi": state[2],
            }
            for fiche_id, titre, names, state in zip(ids, titles, pilotes, fiches, strict=True)
        ],
        **lists,
        "indicateurs": [
            {"fiche": "1.1", "libelle": "Communes membres du réseau", "unite": "communes",
             "cible": 20, "derniere_valeur": 12, "annee": 2022, "progression": 60},
            {"fiche": "1.2", "libelle": "Heures d'insertion", "unite": "heures", "cible": 3000,
             "derniere_valeur": 1800, "annee": 2022, "progression": 60},
            {"fiche": "2.1", "libelle": "Nombre d'entreprises garanties", "unite": None,
             "cible": None, "derniere_valeur": None, "annee": None, "progression": None},
        ],
        "budget": [
            {"annee": year, "prevu": planned, "depense": spent, "ecart": gap, "non_chiffrees": none}
            for year, planned, spent, gap, none in years
        ],
    }  # fmt: skip


def test_json_in_december_2022(run_cli):
    data = json.loads(status(run_cli, "--date", "2022-12", "--output-format", "json"))
    assert data == {
        "date": "2022-12",
        "plans": [
            plan_json(
                "2022-12",
                {"plan": {"en_cours": 3, "non_renseigne": 1}, "1": {"en_cours": 2},
                 "2": {"en_cours": 1, "non_renseigne": 1}},
                [("en_cours", 70, "2022-11"), ("en_cours", 40, "2022-04"),
                 ("en_cours", 10, "2022-06"), (None, None, None)],
                {
                    "en_retard": [],
                    "sans_nouvelles": ["1.2"],
                    "a_echeance": ["1.2"],
                    "etapes_en_retard": [
                        {"fiche": "1.1", "libelle": "Signer la charte avec dix communes",
                         "echeance": "2022-06"},
                    ],
                    "etapes_a_echeance": [
                        {"fiche": "1.1", "libelle": "Tenir les premières rencontres",
                         "echeance": "2023-02"},
                        {"fiche": "2.1", "libelle": "Premier comité d'engagement",
                         "echeance": "2023-03"},
                    ],
                },
                [(2021, 5000, 4000, -1000, []), (2022, 29000, 23500, -5500, [])],
            )
        ],
    }  # fmt: skip


def test_json_in_june_2023(run_cli):
    text = status(run_cli, "--date", "2023-06", "--output-format", "json")
    assert json.loads(text) == {
        "date": "2023-06",
        "plans": [
            plan_json(
                "2023-06",
                {"plan": {"en_cours": 2, "realise": 1, "non_renseigne": 1},
                 "1": {"en_cours": 1, "realise": 1}, "2": {"en_cours": 1, "non_renseigne": 1}},
                [("en_cours", 70, "2022-11"), ("realise", 100, "2023-02"),
                 ("en_cours", 10, "2022-06"), (None, None, None)],
                {
                    "en_retard": [],
                    "sans_nouvelles": ["1.1", "2.1"],
                    "a_echeance": ["2.1"],
                    "etapes_en_retard": [
                        {"fiche": "1.1", "libelle": "Signer la charte avec dix communes",
                         "echeance": "2022-06"},
                        {"fiche": "2.1", "libelle": "Premier comité d'engagement",
                         "echeance": "2023-03"},
                    ],
                    "etapes_a_echeance": [],
                },
                [(2021, 5000, 4000, -1000, []), (2022, 29000, 23500, -5500, []),
                 (2023, 17000, 9000, -8000, ["2.2"])],
            )
        ],
    }  # fmt: skip
    # Écrit plan par plan, le document est celui que json.dumps écrirait d'un coup.
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert list(json.loads(text)["plans"][0]) == [
        "plan", "collectivite", "statuts", "axes", "fiches", "en_retard", "sans_nouvelles",
        "a_echeance", "etapes_en_retard", "etapes_a_echeance", "indicateurs", "budget",
    ]  # fmt: skip


# ----------------------------------------------------------------------------- csv

# Le dialecte du tableur français, comme le budget et l'export : BOM, point-virgule, CRLF, un
# pilote par ligne dans sa cellule (entre guillemets).
CSV_HEADER = (
    "\ufeffplan;date;id;axe;titre;pilotes;statut;avancement;dernier_suivi;fin;en_retard;"
    "sans_nouvelles;a_echeance;etapes_en_retard;etapes_a_echeance\r\n"
)


def french_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_csv_in_december_2022(run_cli):
    assert status(run_cli, "--date", "2022-12", "--output-format", "csv") == (
        CSV_HEADER
        + "suivi-test;2022-12;1.1;1;Réseau des communes;Service ESS;en_cours;70;2022-11;2023-12;"
        "non;non;non;1;1\r\n"
        "suivi-test;2022-12;1.2;1;Marchés publics responsables;"
        '"Direction de la commande publique\nService ESS";en_cours;40;2022-04;2022-12;non;oui;oui;0;0'
        "\r\n"
        "suivi-test;2022-12;2.1;2;Fonds de garantie solidaire;Direction des finances;en_cours;10;"
        "2022-06;2023-08;non;non;non;0;1\r\n"
        "suivi-test;2022-12;2.2;2;Lieu ressource de l'ESS;;;;;2025-06;non;non;non;0;0\r\n"
    )


def test_csv_in_june_2023(run_cli):
    rows = french_rows(status(run_cli, "--date", "2023-06", "--output-format", "csv"))
    assert [
        (r["id"], r["statut"], r["avancement"], r["dernier_suivi"], r["sans_nouvelles"],
         r["a_echeance"], r["etapes_en_retard"], r["etapes_a_echeance"])
        for r in rows
    ] == [
        ("1.1", "en_cours", "70", "2022-11", "oui", "non", "1", "0"),
        ("1.2", "realise", "100", "2023-02", "non", "non", "0", "0"),
        ("2.1", "en_cours", "10", "2022-06", "oui", "oui", "1", "0"),
        ("2.2", "", "", "", "non", "non", "0", "0"),
    ]  # fmt: skip
    assert {r["date"] for r in rows} == {"2023-06"}


# ------------------------------------------------------------ un dépôt fait pour le cas

PLAN = """\
collectivite: Commune de test
titre: Plan court
periode: {debut: 2020-01, fin: 2021-12}
libelle_fiche: Proposition
axes:
  - {code: A, titre: Seul axe}
"""
FICHES = {
    # en cours, finie en juin 2021 : en retard en septembre 2021 ; sans pilote ; sans journal
    # depuis son début (janvier 2020) : sans nouvelles ; coût inconnu chaque année
    "a1": "debut: 2020-01\nfin: 2021-06\nstatut: en_cours\n",
    # abandonnée : ni en retard, ni étape en retard ; une valeur en texte, montrée telle quelle
    "a2": (
        "pilotes: [Élodie, alain]\ndebut: 2020-01\nfin: 2020-12\nstatut: abandonne\n"
        "cout: Néant\netapes:\n  - {libelle: Jamais faite, echeance: 2020-06}\n"
        "indicateurs:\n  - {libelle: Avis, cible: 50, valeurs: {2020: en cours de mesure}}\n"
    ),
}


def write_repo(root: Path) -> Path:
    folder = root / "plans" / "court"
    (folder / "fiches").mkdir(parents=True)
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    for fiche_id, body in FICHES.items():
        (folder / "fiches" / f"{fiche_id}.yaml").write_text(
            f'id: "{fiche_id}"\naxe: A\ntitre: Action {fiche_id}\n{body}', encoding="utf-8"
        )
    return root


def test_a_late_action_without_pilote_and_unknown_figures(run_cli, tmp_path):
    text = status(run_cli, "--date", "2021-09", "--by", "pilote", cwd=write_repo(tmp_path))
    # a1 : fin juin 2021 passée, en cours : en retard ; en cours sans journal depuis janvier
    # 2020 (20 mois) : sans nouvelles. a2, abandonnée : rien à relancer (ses pilotes, triés
    # sans tenir compte de la casse ni des accents : alain avant Élodie).
    assert pilote_section(text) == (
        "À relancer, par pilote :\n"
        "  Proposition  Titre      À mettre à jour\n"
        "sans pilote\n"
        "  a1           Action a1  en retard : fin prévue en juin 2021\n"
        "                          sans nouvelles (aucune entrée de journal ; début : janvier 2020)\n"
        "\n"
        "Rien à relancer : alain et Élodie.\n"
        "\n"
    )
    # Aucune valeur ni cible chiffrée manquante n'est un zéro : la valeur écrite en texte est
    # montrée, sans progression.
    assert "  a2           Avis        en cours de mesure  2020      50            —\n" in text
    # 2020 : a1 court sans coût (sans prévu), a2 « Néant » compte 0 : prévu 0 €, chiffré.
    # Aucune fiche n'écrit de dépense : dépensé et écart « — », jamais 0 €.
    assert (
        "  Année  Prévu  Dépensé  Écart  Sans prévu\n"
        "  2020     0\u00a0€        —      —  a1\n"
        "  2021       —        —      —  a1\n"
    ) in text


def test_a_late_action_in_json_and_csv(run_cli, tmp_path):
    repo = write_repo(tmp_path)
    plan = json.loads(status(run_cli, "--date", "2021-09", "--output-format", "json", cwd=repo))
    plan = plan["plans"][0]
    assert (plan["en_retard"], plan["sans_nouvelles"], plan["a_echeance"]) == (["a1"], ["a1"], [])
    assert plan["etapes_en_retard"] == []  # celle d'une action abandonnée ne se fera pas
    assert plan["indicateurs"][0]["derniere_valeur"] == "en cours de mesure"
    assert plan["indicateurs"][0]["progression"] is None
    assert plan["budget"] == [
        {"annee": 2020, "prevu": 0, "depense": None, "ecart": None, "non_chiffrees": ["a1"]},
        {"annee": 2021, "prevu": None, "depense": None, "ecart": None, "non_chiffrees": ["a1"]},
    ]
    rows = french_rows(status(run_cli, "--date", "2021-09", "--output-format", "csv", cwd=repo))
    assert [(r["id"], r["en_retard"], r["statut"]) for r in rows] == [
        ("a1", "oui", "en_cours"),
        ("a2", "non", "abandonne"),
    ]


def test_the_horizons_come_from_essplan_toml(run_cli, tmp_path):
    shutil.copytree(SUIVI / "plans", tmp_path / "plans")
    (tmp_path / "essplan.toml").write_text(
        "[suivi]\nintervalle = 12\necheance-proche = 1\n", encoding="utf-8"
    )
    text = status(run_cli, "--date", "2022-12", cwd=tmp_path)
    # 1.2 : 8 mois sans nouvelles, pas plus de 12 ; sa fin (le mois même) reste à échéance ;
    # « Premier comité d'engagement » (mars 2023, dans 3 mois) sort de l'horizon d'un mois.
    assert (
        "Sans nouvelles (en cours, aucune entrée de journal depuis plus de 12 mois) : aucune."
        in text
    )
    assert "À échéance (fin d'ici janvier 2023) :\n  1.2  " in text
    assert (
        "Étapes à échéance (d'ici janvier 2023) :\n"
        "  1.1  Tenir les premières rencontres  (échéance : février 2023)\n"
    ) not in text
    assert "Étapes à échéance (d'ici janvier 2023) : aucune." in text


# ------------------------------------------------------------------- les plans livrés


def test_the_bundled_plans_carry_no_follow_up(run_cli):
    """Ni statut, ni journal, ni dépense : tout est « non renseigné », rien n'est à relancer,
    et le dépensé n'est jamais un 0 €."""
    data = json.loads(status(run_cli, "--date", "2026-11", "--output-format", "json", cwd=REPO))
    assert [p["plan"] for p in data["plans"]] == [
        "clermont-2016",
        "clermont-2022",
        "grenoble",
        "poitiers",
    ]
    for plan in data["plans"]:
        assert plan["statuts"]["non_renseigne"] == len(plan["fiches"]) > 0
        assert sum(plan["statuts"].values()) == len(plan["fiches"])
        for key in (
            "en_retard",
            "sans_nouvelles",
            "a_echeance",
            "etapes_en_retard",
            "etapes_a_echeance",
        ):
            assert plan[key] == []
        assert all(year["depense"] is None and year["ecart"] is None for year in plan["budget"])
    clermont = data["plans"][0]
    # Le prévu de essplan budget (test_budget.py) : 89 000 € en 2016, 62 500 € de 2017 à 2019,
    # 57 500 € en 2020 ; 1.2 et 2.3 non chiffrées, 2.4 non datée.
    assert [(y["annee"], y["prevu"], y["non_chiffrees"]) for y in clermont["budget"]] == [
        (2016, 89000, ["1.2", "2.4"]),
        (2017, 62500, ["1.2", "2.3", "2.4"]),
        (2018, 62500, ["1.2", "2.3", "2.4"]),
        (2019, 62500, ["1.2", "2.3", "2.4"]),
        (2020, 57500, ["1.2", "2.3", "2.4"]),
    ]
    # clermont-2022 : aucune action datée, aucune n'est chiffrée : le prévu est « — », pas 0.
    assert {y["prevu"] for y in data["plans"][1]["budget"]} == {None}
    text = status(run_cli, "--date", "2026-11", "--by", "pilote", cwd=REPO)
    assert text.count("À relancer, par pilote : rien en novembre 2026.") == 4


# ------------------------------------------------------------------------- erreurs


def test_bad_date_and_grouping_are_usage_errors(run_cli):
    result = run_cli("status", "--date", "bientôt", cwd=SUIVI)
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : --date : ")
    assert "(attendu : AAAA-MM, par exemple --date 2026-11)" in result.stderr
    assert result.stdout == ""
    result = run_cli("status", "--by", "commune", cwd=SUIVI)
    assert result.exit_code == 2
    assert "ne fait pas partie de" in result.stderr


def test_unknown_plan_exits_2(run_cli):
    result = run_cli("status", "lyon-2030", cwd=SUIVI)
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : plan inconnu ou chemin inexistant : « lyon-2030 »")
    assert result.stdout == ""


@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_an_invalid_plan_exits_1_and_the_others_are_shown(run_cli, tmp_path, output_format):
    repo = write_repo(tmp_path)
    shutil.copytree(SUIVI / "plans" / "suivi-test", repo / "plans" / "suivi-test")
    (repo / "plans" / "court" / "fiches" / "a3.yaml").write_text(
        'id: "a3"\naxe: A\ntitre: X\nstatut: fini\n', encoding="utf-8"
    )
    result = run_cli("status", "--date", "2022-12", "--output-format", output_format, cwd=repo)
    assert result.exit_code == 1
    assert (
        "plans/court/fiches/a3.yaml:4:9: ESS004 statut : valeur « fini » non admise"
        in result.stderr
    )
    assert result.stderr.endswith(
        "essplan : court : plan invalide, tableau de bord non calculé"
        " (détail : essplan validate plans/court)\n"
    )
    assert "court" not in result.stdout.replace("courant", "")
    assert "suivi-test" in result.stdout
    if output_format == "json":
        assert [p["plan"] for p in json.loads(result.stdout)["plans"]] == ["suivi-test"]


def test_only_invalid_plans_still_give_a_json_document(run_cli, tmp_path):
    repo = write_repo(tmp_path)
    (repo / "plans" / "court" / "plan.yaml").write_text("titre: sans axes\n", encoding="utf-8")
    result = run_cli("status", "--output-format", "json", cwd=repo)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["plans"] == []


def test_output_file_is_written_atomically(run_cli, tmp_path, monkeypatch):
    import essplan.atomic

    calls = []
    real = essplan.atomic.write_atomic
    monkeypatch.setattr(essplan.atomic, "write_atomic", lambda p, t: (calls.append(p), real(p, t)))
    target = tmp_path / "etat.csv"
    result = run_cli(
        "status", "--date", "2022-12", "--output-format", "csv", "-o", str(target), cwd=SUIVI
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert calls == [target]
    assert target.read_bytes().decode("utf-8") == status(
        run_cli, "--date", "2022-12", "--output-format", "csv"
    )


def test_output_into_the_plans_is_refused(run_cli, tmp_path):
    shutil.copytree(SUIVI / "plans", tmp_path / "plans")
    result = run_cli("status", "-o", "plans/suivi-test/etat.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("essplan : impossible d'écrire « plans/suivi-test/etat.txt »")
    assert not (tmp_path / "plans" / "suivi-test" / "etat.txt").exists()
    assert result.stdout == ""


# -------------------------------------------------------------- plusieurs processus


def test_the_pool_gives_the_output_of_one_process(run_cli, tmp_path, monkeypatch, pools):
    for number in range(3):  # 3 plans de 350 fiches : au-delà de 1 000, le pool démarre
        folder = tmp_path / "plans" / f"p{number}"
        (folder / "fiches").mkdir(parents=True)
        (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
        for index in range(350):
            late = "fin: 2020-06\nstatut: en_cours\n" if index % 5 == 0 else ""
            (folder / "fiches" / f"{index}.yaml").write_text(
                f'id: "{index}"\naxe: A\ntitre: Action {index}\npilotes: [P{index % 4}]\n'
                f"debut: 2020-01\n{late}",
                encoding="utf-8",
            )
    args = ("--date", "2021-01", "--by", "pilote")
    monkeypatch.setenv("ESSPLAN_JOBS", "1")
    alone = status(run_cli, *args, cwd=tmp_path)
    assert pools == []
    monkeypatch.setenv("ESSPLAN_JOBS", "3")
    assert status(run_cli, *args, cwd=tmp_path) == alone
    assert pools == [3]
    assert alone.count("en retard : fin prévue en juin 2020") == 3 * 70


def test_the_readme_example_is_what_status_prints(run_cli):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## `essplan status`") : readme.index("## `essplan report`")]
    examples = [text for kind, text in re.findall(r"```(\w*)\n(.*?)```", section, re.S) if not kind]
    assert examples[0] == status(run_cli, "--date", "2022-12")
    assert (
        examples[1] == pilote_section(status(run_cli, "--date", "2023-06", "--by", "pilote"))[:-1]
    )
