"""Chaque nombre d'un plan a une borne, vérifiée avant d'être calculé ou mis en forme, et chaque
identifiant a sa forme : un montant lu dans un texte, un compte du vote, la valeur d'un
indicateur, un code d'axe, un identifiant de fiche, `ESSPLAN_JOBS`.

Au-delà de sa borne, une valeur est une erreur de validation (ESS004, avec le fichier, la ligne
et la clé) : la fiche n'est jamais comptée, le budget et les rapports ne partent pas d'elle.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from essplan.model.amounts import MAX_AMOUNT, odd_candidates
from essplan.model.costs import read_cost_text
from essplan.model.fiche import Cout
from essplan.validation.loader import natural_key

BASE = Path(__file__).parent / "bad_inputs" / "_base"
FICHE = Path("plans/p/fiches/1.1.yaml")
PLAN = Path("plans/p/plan.yaml")
TOO_BIG = "plus de mille milliards d'euros"


def repo_with(tmp_path: Path, fiche: str | None = None, plan_extra: str = "") -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    if fiche is not None:
        (tmp_path / FICHE).write_text(fiche, encoding="utf-8")
    if plan_extra:
        with open(tmp_path / PLAN, "a", encoding="utf-8") as stream:
            stream.write(plan_extra)
    return tmp_path


def concise(run_cli, repo: Path):
    return run_cli("validate", "--output-format", "concise", cwd=repo)


def first_error(run_cli, repo: Path) -> str:
    """La première ligne de `validate` (format concise), qui doit refuser le plan (code 1)."""
    result = concise(run_cli, repo)
    assert result.exit_code == 1, result.stdout
    return result.stdout.splitlines()[0]


# ------------------------------------------------------------------ les montants d'un texte

# Le produit de deux nombres de douze chiffres : 10²⁴ €, validé jusqu'ici ; compté au prorata
# depuis 1900, il dépassait la précision des décimaux et `budget --prorata` plantait.
PRODUCT_FICHE = """id: "1.1"
axe: 1
titre: Une action au coût absurde
pilotes:
  - Une pilote
debut: 1900-01
fin: Décembre 2021
cout: "999999999999 x 999999999999 €/an"
financement: La communauté
indicateurs:
  - Nombre de participants
"""


def test_a_product_beyond_the_bound_is_refused_and_never_counted(run_cli, tmp_path):
    repo = repo_with(tmp_path, PRODUCT_FICHE)
    assert first_error(run_cli, repo) == (
        "plans/p/fiches/1.1.yaml:8:7: ESS004 cout : montant invraisemblable"
        f" « 999999999999 x 999999999999 €/an » : {TOO_BIG}"
    )
    for command in (("budget", "--prorata"), ("budget",), ("report", "p", "-t", "synthese")):
        result = run_cli(*command, cwd=repo)
        assert result.exit_code == 1, (command, result.stderr)
        assert "erreur interne" not in result.stderr
        assert "p : plan invalide" in result.stderr
    assert not (repo / "build").exists()


@pytest.mark.parametrize(
    "text",
    [
        "1000000000000000000000000000000 €",  # 10³⁰ écrit en chiffres
        "1 000 000 000 000 000 000 000 000 000 000 €",
        "999999999999 x 999999999999 €",  # un produit
        "3 × 999 999 999 999 €",
        "999999 x 9999999 €",  # treize chiffres en tout suffisent
        "5 000 € (999999999999 X 999999999999)",  # le produit écrit à côté d'un montant
        "999 999 999 999 € + 999 999 999 999 €/an",  # des parties dont la somme dépasse
        "999 999 999 999 € ou 999 999 999 999 €",  # une lecture (la somme) qui dépasse
        "entre 5 000 et 9 999 999 999 999 €",
        "999 999 999 999 M€",
        "1 000 000 000 000,01 €",
        "9" * 40 + " € ou 5 €",  # babel ne savait pas écrire la lecture : « erreur interne »
    ],
)
def test_every_amount_a_text_gives_is_bounded(text):
    assert read_cost_text(text).invalid == (
        f"montant invraisemblable « {_quoted(text)} » : {TOO_BIG}"
    )
    with pytest.raises(ValueError, match="montant invraisemblable"):
        Cout(texte=text)


def _quoted(text: str) -> str:
    """Le texte cité : le nombre lui-même quand c'est lui qui dépasse, sinon le coût entier."""
    single = {
        "1000000000000000000000000000000 €": "1000000000000000000000000000000",
        "1 000 000 000 000 000 000 000 000 000 000 €": "1 000 000 000 000 000 000 000 000 000 000",
        "entre 5 000 et 9 999 999 999 999 €": "9 999 999 999 999",
        "999 999 999 999 M€": "999 999 999 999 M",
        "1 000 000 000 000,01 €": "1 000 000 000 000,01",
        "9" * 40 + " € ou 5 €": "9" * 40,
    }
    return single.get(text, text)


@pytest.mark.parametrize(
    "text", ["999 999 999 999 €", "3 x 333 333 333 333 €", "1 000 000 000 000 €", "12,5 k€"]
)
def test_amounts_up_to_the_bound_are_read(text):
    reading = read_cost_text(text)
    assert reading.invalid is None and reading.known
    assert reading.parts[0].montant <= MAX_AMOUNT


def test_a_misgrouped_number_never_suggests_an_amount_beyond_the_bound():
    # « 1 2 3 4 5 » regroupé par milliers donnerait 1 200 300 400 500 : ce n'est pas une lecture.
    assert odd_candidates("1 2 3 4 5") == [Decimal(12345)]
    reading = read_cost_text("1 2 3 4 5 €")
    assert reading.invalid is None
    assert reading.ambiguity is not None and reading.ambiguity.montants == (Decimal(12345),)


HEAD = 'id: "1.1"\naxe: 1\ntitre: Une action\n'
INDICATOR = HEAD + "indicateurs:\n  - libelle: Nombre de communes\n    cible: {}\n"
FIGURE = "nombre invraisemblable « {} » : un nombre va de -10¹⁵ à 10¹⁵"


@pytest.mark.parametrize(
    ("fiche", "plan", "expected"),
    [
        (
            HEAD + 'cout:\n  texte: "5 000 €"\n  detail: "AMO = 1 000 000 000 000 000"\n',
            "",
            "plans/p/fiches/1.1.yaml:6:11: ESS004 cout.detail : montant invraisemblable"
            f" « 1 000 000 000 000 000 » : {TOO_BIG}",
        ),
        (
            None,
            "budget:\n  total: 5000\n  lignes:\n    - libelle: Animation\n"
            "      montant: 10000000000000\n",  # 10¹³ : lisible, au-delà de la borne des montants
            "plans/p/plan.yaml:15:16: ESS004 budget.lignes[1].montant : montant invraisemblable"
            f" « 10000000000000 » : {TOO_BIG}",
        ),
        (
            None,
            "deliberation:\n  vote: {en_exercice: 89, presents: 100000000000000000000}\n",
            "plans/p/plan.yaml:12:37: ESS004 deliberation.vote.presents : compte invraisemblable"
            " « 100000000000000000000 » : un compte du vote va de 0 à 10 000",
        ),
        *(
            (
                INDICATOR.format(written),
                "",
                "plans/p/fiches/1.1.yaml:6:12: ESS004 indicateurs[1].cible : "
                + FIGURE.format(shown),
            )
            for written, shown in [
                (".inf", "inf"),
                (".nan", "nan"),
                ("-.inf", "-inf"),
                ("1.0e+20", "1e+20"),  # 10³⁰ et plus : refusé dès la lecture (ESS004)
                ("-1.0e+16", "-1e+16"),
            ]
        ),
    ],
)
def test_each_number_of_a_plan_is_bounded(run_cli, tmp_path, fiche, plan, expected):
    assert first_error(run_cli, repo_with(tmp_path, fiche, plan_extra=plan)) == expected


# --------------------------------------------------------------------- les autres nombres


def test_indicator_yearly_values_and_key_figures_are_bounded(run_cli, tmp_path):
    fiche = (
        'id: "1.1"\naxe: 1\ntitre: Une action\nindicateurs:\n'
        "  - libelle: Nombre de communes\n    valeurs: {2020: 1.0e+20}\n"
    )
    plan = "chiffres_cles:\n  - {libelle: Emplois, valeur: -1.0e+20}\n"
    result = concise(run_cli, repo_with(tmp_path, fiche, plan_extra=plan))
    assert result.exit_code == 1
    found = [line.split(" : ")[0] for line in result.stdout.splitlines()[:2]]
    # La clé d'une année s'affiche comme un rang de liste (format_key_path ne voit pas les
    # données) : la ligne et la colonne, elles, sont justes.
    assert found == [
        "plans/p/fiches/1.1.yaml:6:21: ESS004 indicateurs[1].valeurs[2020]",
        "plans/p/plan.yaml:12:32: ESS004 chiffres_cles[1].valeur",
    ]


def test_an_integer_axe_code_is_bounded(run_cli, tmp_path):
    plan_text = (
        (BASE / PLAN).read_text(encoding="utf-8").replace("code: 2", "code: 100000000000000000000")
    )
    repo = repo_with(tmp_path)
    (repo / PLAN).write_text(plan_text, encoding="utf-8")
    assert first_error(run_cli, repo) == (
        "plans/p/plan.yaml:9:11: ESS004 axes[2].code : code d'axe invraisemblable"
        " « 100000000000000000000 » : un code d'axe entier va de 0 à 999 999 999"
    )


# ---------------------------------------------------------------------- les identifiants

ODD_IDS = ["1²", "٣", "①", "1٣", "1.1²", "Ⅳ"]


def lint_findings(run_cli, repo: Path, code: str) -> list[str]:
    result = run_cli("lint", "--select", code, "--output-format", "concise", cwd=repo)
    return [line for line in result.stdout.splitlines() if f" {code} " in line]


@pytest.mark.parametrize("fiche_id", ODD_IDS)
def test_an_id_with_digits_other_than_0_to_9_is_valid_but_linted(run_cli, tmp_path, fiche_id):
    """Le format admet tout texte comme identifiant : validate l'accepte, le linter le signale,
    et aucune commande ne plante en le triant ou en le numérotant."""
    fiche = f'id: "{fiche_id}"\naxe: 1\ntitre: Une action\n'
    repo = repo_with(tmp_path, fiche)
    (repo / "plans/p/fiches/1.2.yaml").write_text(
        'id: "1.2"\naxe: 1\ntitre: Une autre\n', encoding="utf-8"
    )
    assert concise(run_cli, repo).exit_code == 0
    odd = next(c for c in fiche_id if c not in "0123456789.")
    assert lint_findings(run_cli, repo, "ESS403") == [
        f"plans/p/fiches/1.1.yaml:1:5: ESS403 id : identifiant « {fiche_id} » : « {odd} » n'est"
        " pas un chiffre de 0 à 9 : ni le tri ni la numérotation ne le lisent comme un nombre"
    ]
    for command in (("lint",), ("budget",), ("report", "p"), ("report", "p", "-t", "synthese")):
        result = run_cli(*command, cwd=repo)
        assert result.exit_code in (0, 1), (command, result.stderr)
        assert "erreur interne" not in result.stderr


@pytest.mark.parametrize(
    ("fiche_id", "message"),
    [
        (" 1.1", "identifiant « 1.1 » : il est précédé ou suivi d'une espace"),
        ("1.1 ", "identifiant « 1.1 » : il est précédé ou suivi d'une espace"),
        ("1.\\n1", "il tient sur plusieurs lignes ou contient un caractère de contrôle"),
        ("1.\\t1", "il tient sur plusieurs lignes ou contient un caractère de contrôle"),
    ],
)
def test_an_id_on_several_lines_or_with_spaces_around_is_linted(
    run_cli, tmp_path, fiche_id, message
):
    fiche = f'id: "{fiche_id}"\naxe: 1\ntitre: Une action\n'
    repo = repo_with(tmp_path, fiche)
    (repo / "plans/p/fiches/1.2.yaml").write_text(
        'id: "1.2"\naxe: 1\ntitre: Une autre\n', encoding="utf-8"
    )
    assert concise(run_cli, repo).exit_code == 0
    (finding,) = lint_findings(run_cli, repo, "ESS403")
    assert message in finding


def test_a_link_to_an_odd_id_is_a_link_like_any_other(run_cli, tmp_path):
    fiche = 'id: "1.1"\naxe: 1\ntitre: Une action\nliens: ["1²"]\n'
    assert first_error(run_cli, repo_with(tmp_path, fiche)) == (
        "plans/p/fiches/1.1.yaml:4:9: ESS008 liens[1] : lien vers la fiche « 1² », qui n'existe"
        " pas dans ce plan"
    )


@pytest.mark.parametrize("fiche_id", ["A", "2.2 bis", "10", "1.10", "Axe-1"])
def test_ordinary_ids_stay_valid(run_cli, tmp_path, fiche_id):
    fiche = f'id: "{fiche_id}"\naxe: 1\ntitre: Une action\n'
    repo = repo_with(tmp_path, fiche)
    (repo / "plans/p/fiches/1.2.yaml").write_text(
        'id: "1.2"\naxe: 1\ntitre: Une autre\n', encoding="utf-8"
    )
    assert concise(run_cli, repo).exit_code == 0


def test_natural_order_counts_only_ascii_digits():
    # « ² », « ٣ » et « ① » sont des caractères, pas des nombres : int() les refuserait ou les
    # lirait autrement ; le tri naturel ne les convertit jamais.
    ids = ["1.10", "1²", "1.9", "①", "1٣", "٣", "10", "9", "1.2"]
    assert sorted(ids, key=natural_key) == ["1.2", "1.9", "1.10", "1²", "1٣", "9", "10", "٣", "①"]


@pytest.mark.parametrize("setting", ["²", "٣", "①", "1٣", "1025", "9" * 5000, "-1", "x"])
def test_an_odd_jobs_setting_is_a_usage_error(run_cli, tmp_path, monkeypatch, setting):
    monkeypatch.setenv("ESSPLAN_JOBS", setting)
    result = run_cli("validate", cwd=repo_with(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"essplan : ESSPLAN_JOBS=« {setting[:40]} » : un nombre de processus de 1 à 1024, écrit"
        " en chiffres de 0 à 9 (0 ou vide : automatique)\n"
    )


@pytest.mark.parametrize("setting", [" 2 ", "0", "", "1024"])
def test_a_plain_jobs_setting_is_used(run_cli, tmp_path, monkeypatch, setting):
    monkeypatch.setenv("ESSPLAN_JOBS", setting)
    result = run_cli("validate", cwd=repo_with(tmp_path))
    assert result.exit_code == 0, result.stderr


def test_year_zero_is_refused_before_the_linter_names_it(run_cli, tmp_path):
    # « 0000-06 » se validait ; ESS205 (action en retard) voulait nommer ce mois, et `datetime`
    # ne connaît pas l'an 0 : « erreur interne ».
    fiche = HEAD + 'debut: "0000-01"\nfin: "0000-06"\nstatut: en_cours\n'
    repo = repo_with(tmp_path, fiche)
    assert first_error(run_cli, repo) == (
        "plans/p/fiches/1.1.yaml:4:8: ESS004 debut : année 0 hors des années qu'essplan compte"
        " (de 1900 à 2200)"
    )
    result = run_cli("lint", "--output-format", "concise", cwd=repo)
    assert result.exit_code == 1 and "erreur interne" not in result.stderr
