"""Un modèle de documents est une entrée non fiable (issue 13) : rendu dans le bac à sable, il ne
lit que des données. Les évasions connues d'un modèle Jinja, une à une, par `essplan report` sur
un dépôt dont `templates/` porte le modèle ; aucune ne doit lancer de commande (le fichier
`PWNED` qu'elle créerait n'existe pas), chacune est une erreur du modèle (code 1), en français,
avec son fichier et sa ligne."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

BASE = Path(__file__).parent / "bad_inputs" / "_base"
TOUCH = "touch PWNED"


def repository(tmp_path: Path, template: str, name: str = "annexe.md.j2") -> Path:
    """Le petit dépôt valide, avec `templates/<name>` : le modèle remplace l'annexe livrée."""
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / name).write_text(template, encoding="utf-8")
    return tmp_path


def report(run_cli, repo: Path):
    return run_cli("report", "p", "-f", "markdown", "-o", "-", cwd=repo)


# Des évasions publiées contre Jinja, et celles qu'ouvrent les objets qu'essplan donne aux
# modèles (modèles pydantic, `Markup`, textes).
ESCAPES = {
    "globals-cycler": f"{{{{ cycler.__init__.__globals__.os.system('{TOUCH}') }}}}",
    "globals-joiner": f"{{{{ joiner.__init__.__globals__.os.popen('{TOUCH}').read() }}}}",
    "globals-namespace": f"{{{{ namespace.__init__.__globals__.os.system('{TOUCH}') }}}}",
    "globals-lipsum": f"{{{{ lipsum.__globals__['os'].popen('{TOUCH}').read() }}}}",
    "template-context": "{{ self._TemplateReference__context.cycler.__init__.__globals__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "attr-filter": "{{ plan|attr('__class__')|attr('__init__')|attr('__globals__') }}",
    "map-attribute": "{{ ([plan]|map(attribute='__class__')|first).__init__ }}",
    "item-syntax": "{{ plan['__class__']['__init__']['__globals__'] }}",
    "str-format": "{{ '{0.__class__.__init__.__globals__}'.format(plan) }}",
    "str-format-map": "{{ '{p.__class__}'.format_map({'p': plan}) }}",
    "format-via-attr": "{{ ('{0.__class__}'|attr('format'))(plan) }}",
    "markup-format": "{{ nl.format(plan) }}",
    "pydantic-construct": "{{ plan.model_construct() }}",
    "pydantic-fields": "{{ plan.model_fields }}",
    "pydantic-validate": "{{ plan.model_validate_json('{}') }}",
    "pydantic-parse-file": "{{ plan.parse_file('/etc/passwd') }}",
    "pydantic-v1-copy": "{{ plan.copy(update={'titre': 'x'}) }}",
    "pydantic-v1-json": "{{ plan.json() }}",
    "pydantic-class": "{{ fiches[0].fiche.__class__.__base__ }}",
    "dataclass-fields": "{{ fiches[0].__dataclass_fields__ }}",
    "type-method": "{{ dict.fromkeys }}",
    "int-to-bytes": "{{ (1).to_bytes(8, 'big') }}",
    "str-encode": "{{ plan.titre.encode() }}",
    "str-translate": "{{ plan.titre.translate({97: 'x'}) }}",
    "list-append": "{{ plan.axes.append(1) }}",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_a_template_cannot_escape_the_sandbox(run_cli, tmp_path, name):
    repo = repository(tmp_path, "Annexe\n" + ESCAPES[name] + "\n")
    result = report(run_cli, repo)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert not (repo / "PWNED").exists()
    location = f"essplan : {repo / 'templates' / 'annexe.md.j2'}:2 : "
    assert result.stderr.startswith(location), result.stderr
    assert any(
        words in result.stderr
        for words in ("accès refusé à l'attribut", "n'est pas défini", "n'a pas d'attribut")
    ), result.stderr
    assert "erreur interne" not in result.stderr
    assert "Traceback" not in result.stderr


def test_the_refusal_names_the_attribute_in_french(run_cli, tmp_path):
    repo = repository(tmp_path, "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}")
    result = report(run_cli, repo)
    assert result.stderr == (
        f"essplan : {repo / 'templates' / 'annexe.md.j2'}:1 : accès refusé à l'attribut"
        " « __init__ » d'un objet « type » : un modèle ne lit que des données\n"
    )


def test_a_refusal_holds_after_many_allowed_reads_of_the_same_type(run_cli, tmp_path):
    # Le bac à sable retient, par type et par nom, ce que Jinja autorise : lire mille fois
    # `count` d'une liste n'ouvre pas `append`, ni `__class__` d'un texte déjà lu.
    repo = repository(
        tmp_path,
        "{% for f in fiches %}{{ f.fiche.titre }}{{ plan.axes.count(1) }}{% endfor %}\n"
        "{{ plan.axes.append(1) }}{{ plan.titre.__class__ }}\n",
    )
    result = report(run_cli, repo)
    assert result.exit_code == 1
    assert result.stderr == (
        f"essplan : {repo / 'templates' / 'annexe.md.j2'}:2 : accès refusé à l'attribut"
        " « append » d'un objet « list » : un modèle ne lit que des données\n"
    )


def test_a_template_given_by_path_is_sandboxed_too(run_cli, tmp_path):
    repo = repository(tmp_path, "")
    model = tmp_path / "mien.md.j2"
    model.write_text(ESCAPES["globals-cycler"], encoding="utf-8")
    result = run_cli("report", "p", "-t", str(model), "-o", "-", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"essplan : {model}:1 : accès refusé")
    assert not (repo / "PWNED").exists()


def test_an_override_of_the_html_base_is_sandboxed_too(run_cli, tmp_path):
    """Les modèles livrés étendent `_base.html.j2` : celui du dépôt le remplace, dans le même
    bac à sable."""
    repo = repository(tmp_path, ESCAPES["globals-namespace"], name="_base.html.j2")
    result = run_cli("report", "p", "-o", "-", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"essplan : {repo / 'templates' / '_base.html.j2'}:1 :")
    assert not (repo / "PWNED").exists()


def test_what_a_template_may_read_still_works(run_cli, tmp_path):
    """Le bac à sable ne retire rien de ce que les documents lisent : champs du plan, méthodes
    de texte, filtres, macros, boucles, `namespace`."""
    repo = repository(
        tmp_path,
        "{% macro titre(vue) %}{{ vue.id }} {{ vue.fiche.titre.upper() }}{% endmacro %}"
        "{% set ns = namespace(n=0) %}"
        "{% for vue in fiches %}{{ titre(vue) }} ; {% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ ns.n }} fiches, axes {{ plan.axes|map(attribute='code')|join(', ') }},"
        " {{ plan.titre.split()|length }} mots, {{ 5000|montant }},"
        " {{ '%05.1f'|format(2.5) }}, {{ 'a-b'.replace('-', '+') }}, {{ range(3)|sum }}\n",
    )
    result = report(run_cli, repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "1.1 UNE ACTION COMPLÈTE ; 1.2 UNE SECONDE ACTION ; 2 fiches, axes 1, 2, 3 mots,"
        " 5\u202f000\u00a0€, 002.5, a+b, 3\n"
    )
