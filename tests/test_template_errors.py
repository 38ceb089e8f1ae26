"""Une erreur dans le modèle d'un utilisateur est une entrée invalide (issue 13) : code 1, le
fichier et la ligne du modèle, un message en français ; jamais « erreur interne ». Une erreur
dans un modèle livré reste une erreur d'essplan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import essplan.french

BASE = Path(__file__).parent / "bad_inputs" / "_base"


def repository(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "templates").mkdir(exist_ok=True)
    for name, content in files.items():
        path = tmp_path / "templates" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def report(run_cli, repo: Path, *args: str):
    return run_cli("report", "p", "-f", "markdown", "-o", "-", *args, cwd=repo)


# Un modèle fautif, la ligne où il l'est, et ce que dit le message.
FAULTS = {
    "division": ("Titre\n{{ 1/0 }}\n", 2, "erreur pendant le rendu : division par zéro"),
    "extends-itself": (
        '{% extends "annexe.md.j2" %}\n',
        1,
        "erreur pendant le rendu : récursion sans fin : un modèle qui s'étend ou s'inclut"
        " lui-même, une macro qui s'appelle sans fin, ou des expressions imbriquées trop loin",
    ),
    "macro-calls-itself": (
        "{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}\n",
        1,
        "erreur pendant le rendu : récursion sans fin",
    ),
    "amount-of-a-text": (
        '{{ "x" | montant }}\n',
        1,
        "le filtre « montant » attend un nombre, pas le texte « x »",
    ),
    "amount-of-nothing": (
        "{{ none | montant }}\n",
        1,
        "le filtre « montant » attend un nombre, pas rien (none)",
    ),
    "month-of-a-text": ('{{ "x" | mois }}\n', 1, "le filtre « mois » attend un mois, pas le texte « x »"),
    "month-of-a-number": ("{{ 5 | mois }}\n", 1, "le filtre « mois » attend un mois, pas le nombre 5"),
    "list-of-a-number": ("{{ 3 | liste }}\n", 1, "le filtre « liste » attend une liste, pas le nombre 3"),
    "hour-of-a-number": ("{{ 3 | heure }}\n", 1, "le filtre « heure » attend une heure (un texte), pas le nombre 3"),
    "date-of-a-text": ('{{ "x" | date_longue }}\n', 1, "le filtre « date_longue » attend une date, pas le texte « x »"),
    "status-of-a-list": ("{{ [] | statut }}\n", 1, "le filtre « statut » attend un statut, pas une liste"),
    "sum-of-texts": ('{{ "a" + 1 }}\n', 1, "erreur pendant le rendu : « + » impossible entre un texte et un nombre entier"),
    "missing-include": (
        '\n{% include "absent.md.j2" %}\n',
        2,
        "modèle introuvable « absent.md.j2 » (ni dans templates/ du dépôt, ni parmi les"
        " modèles d'essplan)",
    ),
    "unknown-tag": (
        "{% for vue in fiches %}\n{% endfro %}\n",
        2,
        "erreur de syntaxe dans le modèle : balise inconnue « endfro ». balise attendue :"
        " « endfor » ou « else ». le bloc ouvert le plus récent est « for ».",
    ),
    "typo": ("\n\n{{ plan.titr }}\n", 3, "variable inconnue dans le modèle (un objet « Plan » n'a pas d'attribut « titr »)"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_fault_of_the_users_template_is_exit_1_in_french(run_cli, tmp_path, name):
    template, line, message = FAULTS[name]
    repo = repository(tmp_path, {"annexe.md.j2": template})
    result = report(run_cli, repo)
    assert (result.exit_code, result.stdout) == (1, "")
    expected = f"essplan : {repo / 'templates' / 'annexe.md.j2'}:{line} : {message}"
    assert result.stderr.startswith(expected), result.stderr
    assert "erreur interne" not in result.stderr


def test_a_template_that_is_not_utf8_is_named_with_its_line(run_cli, tmp_path):
    repo = repository(tmp_path, {"annexe.md.j2": "Annexe\nPrix : \xe9\n".encode("latin-1")})
    result = report(run_cli, repo)
    assert result.exit_code == 1
    assert result.stderr == (
        f"essplan : {repo / 'templates' / 'annexe.md.j2'}:2 : le modèle n'est pas en UTF-8"
        " (octet 0xe9, colonne 8) : enregistrez-le en UTF-8\n"
    )


def test_a_template_given_by_path_that_extends_itself(run_cli, tmp_path):
    repo = repository(tmp_path, {})
    model = tmp_path / "moi.html.j2"
    model.write_text('{% extends "moi.html.j2" %}', encoding="utf-8")
    result = run_cli("report", "p", "-t", str(model), "-o", "-", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"essplan : {model}:1 : erreur pendant le rendu : récursion")


def test_an_included_template_is_the_one_named(run_cli, tmp_path):
    """L'erreur est dans le modèle inclus : c'est lui que le message nomme, à sa ligne."""
    repo = repository(
        tmp_path,
        {"annexe.md.j2": '# Annexe\n{% include "pied.md.j2" %}\n', "pied.md.j2": "\n{{ 1/0 }}\n"},
    )
    result = report(run_cli, repo)
    assert result.exit_code == 1
    assert result.stderr == (
        f"essplan : {repo / 'templates' / 'pied.md.j2'}:2 : erreur pendant le rendu : division"
        " par zéro\n"
    )


def test_a_filter_that_fails_is_our_fault_in_a_packaged_template(run_cli, tmp_path, monkeypatch):
    """Le même filtre qui plante : dans un modèle livré (la synthèse), c'est une erreur
    d'essplan (« erreur interne », code 2) ; dans le modèle de l'utilisateur, c'est le modèle
    qui l'appelle qui est en cause (code 1)."""

    def broken(value):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(essplan.french, "amount", broken)
    repo = repository(tmp_path, {})
    packaged = run_cli("report", "p", "-t", "synthese", "-o", "-", cwd=repo)
    assert packaged.exit_code == 2
    assert packaged.stderr.startswith("essplan : erreur interne (ZeroDivisionError")
    (repo / "templates" / "annexe.md.j2").write_text("{{ 12 | montant }}", encoding="utf-8")
    users = report(run_cli, repo)
    assert users.exit_code == 1
    assert users.stderr == (
        f"essplan : {repo / 'templates' / 'annexe.md.j2'}:1 : erreur pendant le rendu : division"
        " par zéro\n"
    )


def test_a_failing_override_of_the_html_base_is_the_users_fault(run_cli, tmp_path):
    """La synthèse livrée étend `_base.html.j2` ; celui du dépôt la remplace : une erreur à cet
    endroit est la sienne."""
    repo = repository(
        tmp_path, {"_base.html.j2": "<html>\n{{ 1/0 }}\n{% block body %}{% endblock %}"}
    )
    result = run_cli("report", "p", "-t", "synthese", "-o", "-", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"essplan : {repo / 'templates' / '_base.html.j2'}:2 : ")
