"""`essplan report` : l'annexe fidèle à la source, des sorties stables, le texte des plans
toujours traité comme une donnée."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import PLANS, REPO
from regenerate_golden import GOLDEN, golden_files, rendered

SOURCE = PLANS / "clermont-2016" / "sources" / "clermont-2016-deliberation.txt"
BASE = Path(__file__).parent / "bad_inputs" / "_base"


GOLDEN_FILES = golden_files()


@pytest.mark.parametrize(
    ("path", "produce"),
    GOLDEN_FILES.items(),
    ids=[f"{path.parent.name}/{path.name}" for path in GOLDEN_FILES],
)
def test_golden_files(path, produce):
    expected = path.read_text(encoding="utf-8")
    assert produce() == expected, (
        "le rendu a changé : si c'est voulu, régénérez avec « python tests/regenerate_golden.py »"
        " et relisez le diff"
    )


def normalise(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)  # échappements Markdown
    text = text.replace("**", "").replace("⇒", "").replace("➡", "")
    return " ".join(text.split())


def source_bullets(label: str) -> list[str]:
    """Les puces qui suivent chaque « Méthode : » ou « Indicateurs d'évaluation : » de la source."""
    bullets, inside = [], False
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith(label) or stripped.endswith(f"**{label}**"):
            inside = True
        elif inside and stripped.startswith("- "):
            bullets.append(normalise(stripped[2:]))
        elif inside and stripped:
            inside = False
    return bullets


@pytest.mark.parametrize("label", ["Méthode :", "Indicateurs d'évaluation :"])
def test_every_source_bullet_is_in_the_annex(label):
    annex = normalise((GOLDEN / "clermont-2016" / "annexe.md").read_text(encoding="utf-8"))
    bullets = source_bullets(label)
    assert len(bullets) > 40
    missing = [b for b in bullets if b not in annex]
    assert missing == []


def test_missing_values_are_printed_visibly():
    annex = (GOLDEN / "clermont-2016" / "annexe.md").read_text(encoding="utf-8")
    section = annex[annex.index("Action N°4") : annex.index("Défi N°3 / Action N°1")]
    assert "**Pilote(s) :** *Non renseigné*" in section
    assert (
        section.count("Non renseigné") == 12
    )  # les 15 rubriques, sauf l'axe, le titre et les associés


def test_annex_sections_in_the_order_of_the_source():
    annex = (GOLDEN / "clermont-2016" / "annexe.md").read_text(encoding="utf-8")
    first = annex[annex.index("## Défi N°1 / Action N°1") : annex.index("## Défi N°1 / Action N°2")]
    labels = [
        "Défi",
        "Action",
        "Pilote(s)",
        "Associé(e)s",
        "Contexte",
        "Méthode",
        "Résultats attendus",
        "Public cible",
        "Moyens humains nécessaires",
        "Début",
        "Fin",
        "Coût indicatif",
        "Financement assuré par",
        "Remarques",
        "Indicateurs d'évaluation",
    ]
    positions = [first.index(f"**{label} :**") for label in labels]
    assert positions == sorted(positions)


@pytest.mark.parametrize("template", ["annexe", "deliberation", "synthese"])
@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_output_is_deterministic_and_undated(template, output_format):
    first = rendered("clermont-2016", template, output_format)
    assert first == rendered("clermont-2016", template, output_format)
    assert "Situation au" not in first


def test_html_is_self_contained_french_and_printable():
    html = (GOLDEN / "clermont-2016" / "annexe.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "@import" not in html and "<link" not in html and "<script" not in html
    assert "@page" in html and "size: A4" in html and "counter(page)" in html
    assert html.count('<section class="fiche"') == 14


def test_synthese_budget_comes_from_the_budget_library():
    text = rendered("clermont-2016", "synthese", "markdown")
    assert "| **Total des actions** | **89\u202f000\u00a0€** | **62\u202f500\u00a0€** |" in text
    # Un document pour le conseil : la fiche, l'intitulé du point, le constat ; ni code ni nom
    # de règle.
    assert "- Action 2.4 — pilote manquant : la fiche « 2.4 » n'a pas de pilote\n" in text


def test_synthese_svg_has_one_bar_per_dated_action():
    html = rendered("clermont-2016", "synthese", "html")
    bars = re.findall(r'<rect class="barre( fin-supposee)?" data-fiche="([^"]+)"', html)
    assert [fiche for _, fiche in bars] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
    ]
    assert [fiche for supposee, fiche in bars if supposee] == ["3.1"]


# -------------------------------------------------------------- le texte reste une donnée

HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% raw %} **gras** # titre"


def hostile_repo(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    plan = tmp_path / "plans/p/plan.yaml"
    plan.write_text(
        f"""collectivite: "{HOSTILE}"
titre: "{HOSTILE}"
periode: {{debut: 2020-01, fin: 2022-12}}
libelle_axe: "{HOSTILE}"
vision: "{HOSTILE}"
axes:
  - code: 1
    titre: "{HOSTILE}"
criteres_interet_communautaire: ["{HOSTILE}"]
deliberation:
  numero: "{HOSTILE}"
  date: 2020-01-10
  objet: "{HOSTILE}"
  president: "{HOSTILE}"
  presents: ["{HOSTILE}"]
  pouvoirs: [{{de: "{HOSTILE}", a: "{HOSTILE}"}}]
  decision: "{HOSTILE}"
""",
        encoding="utf-8",
    )
    fields = ["titre", "contexte", "public_cible", "moyens_humains", "financement", "remarques"]
    lists = ["pilotes", "associes", "methode", "resultats_attendus", "indicateurs"]
    fiche = 'id: "1.1"\naxe: 1\n' + "".join(f'{key}: "{HOSTILE}"\n' for key in fields)
    fiche += "".join(f'{key}: ["{HOSTILE}"]\n' for key in lists)
    fiche += f'debut: "2020-03 {HOSTILE}"\nfin: 2021-12\ncout: "5 000 euros/an {HOSTILE}"\n'
    (tmp_path / "plans/p/fiches/1.1.yaml").write_text(fiche, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("template", ["annexe", "deliberation", "synthese"])
@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_plan_text_is_data_in_every_template(run_cli, tmp_path, template, output_format):
    repo = hostile_repo(tmp_path)
    result = run_cli("report", "p", "-t", template, "-f", output_format, "-o", "-", cwd=repo)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "<script>" not in out
    assert "49" not in out  # {{ 7*7 }} jamais évalué
    assert "{% raw %}" in out
    if output_format == "html":
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }}" in out
    else:
        assert r"\<script\>alert('x')\</script\> {{ 7\*7 }} {% raw %} \*\*gras\*\* # titre" in out


def test_the_running_header_is_a_css_string_that_nothing_closes(run_cli, tmp_path):
    """Le titre courant des pages imprimées (`@top-left`, `@top-right`) : le texte du plan en
    chaîne CSS, chaque caractère risqué en échappement (`\\22 `), aucun `<` dans `<style>`."""
    repo = hostile_repo(tmp_path)
    plan = repo / "plans/p/plan.yaml"
    breaking = 'Ville « 1 » "} \\\\ & </style> <b>'
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(f'collectivite: "{HOSTILE}"', f"collectivite: '{breaking}'"))
    out = run_cli("report", "p", "-o", "-", cwd=repo).stdout
    style = out[out.index("<style>") + len("<style>") : out.index("</style>")]
    assert "<" not in style and "&" not in style
    strings = dict(re.findall(r'@(top-left|top-right) \{ content: "([^"\n]*)";', style))

    def decoded(css: str) -> str:  # la lecture de CSS : `\\` + 1 à 6 chiffres hexadécimaux + espace
        return re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m[1], 16)), css)

    assert decoded(strings["top-left"]).startswith(f"{breaking} — {HOSTILE[:30]}")
    numero = decoded(strings["top-right"])  # le numéro, coupé à 40 caractères
    assert numero.startswith(f"Délibération n° {HOSTILE[:27]}") and numero.endswith("...")


# ---------------------------------------------------------------------- ligne de commande


def test_default_output_is_the_html_annex(run_cli, tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(REPO / "plans" / "clermont-2016", repo / "plans" / "clermont-2016")
    result = run_cli("report", "clermont-2016", cwd=repo)
    assert (result.exit_code, result.stdout) == (0, "Écrit : build/clermont-2016/annexe.html\n")
    written = (repo / "build/clermont-2016/annexe.html").read_text(encoding="utf-8")
    assert written == (GOLDEN / "clermont-2016" / "annexe.html").read_text(encoding="utf-8")


def test_date_is_printed_only_when_given(run_cli):
    result = run_cli("report", "clermont-2016", "-f", "markdown", "-o", "-", "--date", "2018-03")
    assert "Situation en mars 2018" in result.stdout


def test_repository_template_overrides_the_packaged_one(run_cli, tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "annexe.md.j2").write_text(
        "Annexe maison de {{ plan.collectivite }} : {{ fiches|length }} fiches\n", encoding="utf-8"
    )
    result = run_cli("report", "p", "-f", "markdown", "-o", "-", cwd=tmp_path)
    assert result.stdout == "Annexe maison de Communauté de test : 2 fiches\n"


def test_template_given_by_path(run_cli, tmp_path):
    model = tmp_path / "liste.md.j2"
    model.write_text("{% for vue in fiches %}{{ vue.id }} ; {% endfor %}\n", encoding="utf-8")
    result = run_cli("report", "clermont-2016", "-t", str(model), "-o", "-")
    assert result.stdout.startswith("1.1 ; 1.2 ; 1.3 ; 2.1 ;")


def test_template_typo_is_reported_with_file_and_line(run_cli, tmp_path):
    model = tmp_path / "faute.md.j2"
    model.write_text("# {{ plan.titre }}\n\n{{ plan.titr }}\n", encoding="utf-8")
    result = run_cli("report", "clermont-2016", "-t", str(model), "-o", "-")
    assert result.exit_code == 1
    assert f"{model}:3 : variable inconnue dans le modèle" in result.stderr
    assert "Traceback" not in result.stderr


def test_template_syntax_error(run_cli, tmp_path):
    model = tmp_path / "cassé.html.j2"
    model.write_text("<p>\n{% for x in %}\n", encoding="utf-8")
    result = run_cli("report", "clermont-2016", "-t", str(model), "-o", "-")
    assert result.exit_code == 1
    assert ":2 : erreur de syntaxe dans le modèle" in result.stderr


def test_a_failed_render_keeps_the_previous_report(run_cli, tmp_path):
    target = tmp_path / "annexe.md"
    target.write_text("version précédente", encoding="utf-8")
    model = tmp_path / "faute.md.j2"
    model.write_text("{{ plan.inconnu }}", encoding="utf-8")
    result = run_cli("report", "clermont-2016", "-t", str(model), "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "version précédente"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annexe.md", "faute.md.j2"]


def test_invalid_plan_gives_no_report(run_cli, tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "plans/p/fiches/1.1.yaml").write_text(
        'id: "1.1"\naxe: 9\ntitre: T\n', encoding="utf-8"
    )
    result = run_cli("report", "p", cwd=tmp_path)
    assert result.exit_code == 1
    assert "ESS006" in result.stderr and "rapport non produit" in result.stderr
    assert not (tmp_path / "build").exists()


def test_unknown_template_name(run_cli):
    result = run_cli("report", "clermont-2016", "-t", "annexx")
    assert result.exit_code == 2  # une erreur d'usage, comme un plan inconnu
    assert "modèle inconnu « annexx »" in result.stderr


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("annexe.md", "# PROJET STRATÉGIQUE"),
        ("annexe.html", "<!DOCTYPE html>"),
        ("annexe.MD", "# "),
    ],
)
def test_the_name_given_to_o_chooses_the_format(run_cli, tmp_path, name, start):
    target = tmp_path / name
    result = run_cli("report", "clermont-2016", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(start)


def test_f_wins_over_the_name_given_to_o(run_cli, tmp_path):
    target = tmp_path / "annexe.md"
    result = run_cli("report", "clermont-2016", "-f", "html", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
