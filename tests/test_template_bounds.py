"""Ce qu'un modèle peut coûter (issue 13) : chaque opération qui fabrique ou répète est comptée
et bornée (`documents/limits.py`), le document est mesuré au fil du rendu, et le fichier d'un
modèle est regardé avant d'être lu. Chaque borne se vérifie ici par une taille ou un nombre
d'opérations, jamais par une durée."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO

import essplan.documents.report as report_module
from essplan.documents.environment import environment
from essplan.documents.filter_bounds import PLAIN, STRINGIFYING
from essplan.documents.instrument import CHARGE, CONCAT, MEASURE
from essplan.documents.limits import RenderLimits
from essplan.documents.report import ReportError, render_report
from essplan.repository import plans_in
from essplan.validation.validate import validate_plan

BASE = Path(__file__).parent / "bad_inputs" / "_base"


def repository(tmp_path: Path, template: str | None = None) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "templates").mkdir(exist_ok=True)
    if template is not None:
        (tmp_path / "templates" / "annexe.md.j2").write_text(template, encoding="utf-8")
    return tmp_path


def report(run_cli, repo: Path):
    return run_cli("report", "p", "-f", "markdown", "-o", "-", cwd=repo)


def test_a_repeated_text_is_refused_before_it_is_built(run_cli, tmp_path):
    """L'exemple de l'issue : 34 s et 4,9 Go avant ; refusé avant de réserver un octet."""
    repo = repository(tmp_path, "Annexe\n{{ 'x' * 10**9 }}\n")
    result = report(run_cli, repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"essplan : {repo / 'templates' / 'annexe.md.j2'}:2 : valeur trop grande :"
        " 1\u202f000\u202f000\u202f000 caractères ou éléments, au-delà de la taille permise"
        " d'un document (10\u202f"
    )


# Des modèles qui fabriqueraient des gigaoctets ou tourneraient des heures, et ce qui les
# arrête. La borne des opérations, celle des caractères ou celle d'une valeur : chacun la sienne.
BOMBS = {
    "power": ("{{ 10 ** (10 ** 8) }}", "nombre trop grand"),
    "squaring": (
        "{% set ns = namespace(x=2) %}{% for i in range(64) %}{% set ns.x = ns.x * ns.x %}"
        "{% endfor %}",
        "nombre trop grand",
    ),
    "range": ("{{ range(10**9)|list }}", "range trop long : 1\u202f000\u202f000\u202f000 éléments"),
    "list-repeat": ("{{ [0] * 10**9 }}", "valeur trop grande"),
    "concat-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "valeur trop grande",
    ),
    "plus-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "valeur trop grande",
    ),
    "shared-lists": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = [ns.l, ns.l] %}"
        "{% endfor %}{{ ns.l|string|length }}",
        "valeur trop grande",
    ),
    "nested-loops": (
        "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}",
        "modèle trop coûteux : plus de",
    ),
    "filtered-loop": (
        "{% for i in range(10**5) %}{% for c in 'x' * 10**5 if c == 'y' %}{% endfor %}{% endfor %}",
        "modèle trop coûteux : plus de",
    ),
    "macro-tree": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "modèle trop coûteux : plus de",
    ),
    "captured-text": (
        "{% set s = 'x' * 10**6 %}{% for i in range(10**5) %}{% set t %}{{ s }}{{ s }}"
        "{% endset %}{% endfor %}",
        "modèle trop coûteux : plus de",
    ),
    "compare-long-texts": (
        "{% set s = 'x' * 10**6 %}{% for i in range(10**5) %}{% if s == s ~ '' %}{% endif %}"
        "{% endfor %}",
        "modèle trop coûteux : plus de",
    ),
    "center": ("{{ 'x'|center(10**9) }}", "valeur trop grande"),
    "ljust": ("{{ 'x'.ljust(10**9) }}", "valeur trop grande"),
    "replace": ("{{ ('x' * 1000)|replace('', 'y' * 100000) }}", "valeur trop grande"),
    "replace-method": ("{{ ('x' * 1000).replace('x', 'y' * 100000) }}", "valeur trop grande"),
    "join": ("{{ (['x' * 10**6] * 1000)|join }}", "valeur trop grande"),
    "indent": ("{{ ('x\\n' * 10**5)|indent(10**5) }}", "valeur trop grande"),
    "batch": ("{{ [1]|batch(10**9, 0)|list }}", "linecount trop grand"),
    "percent-width": ("{{ '%0999999999d' % 1 }}", "valeur trop grande"),
    "percent-star": ("{{ '%*d' % (999999999, 1) }}", "une largeur « * » n'est pas permise"),
    "format-filter": ("{{ '%0999999999d'|format(1) }}", "valeur trop grande"),
    "sum-of-lists": ("{{ ([[0] * 1000] * 1000)|sum(start=[]) }}", "sum additionne des nombres"),
    "tojson-indent": ("{{ plan.axes|map(attribute='code')|list|tojson(indent=100) }}", "tojson"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_costly_template_is_stopped_at_a_bound(run_cli, tmp_path, name):
    template, message = BOMBS[name]
    repo = repository(tmp_path, template)
    result = report(run_cli, repo)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"essplan : {repo / 'templates' / 'annexe.md.j2'}:1 : ")
    assert message in result.stderr, result.stderr
    assert "erreur interne" not in result.stderr


def spy(monkeypatch) -> list:
    """Les environnements créés par `render_report` : leur compteur se lit après le rendu."""
    made = []

    def recording(*args, **kwargs):
        made.append(environment(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(report_module, "environment", recording)
    return made


def base_plan(tmp_path: Path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    return validate_plan(plans_in(tmp_path, tmp_path)[0])


def test_the_document_is_measured_while_it_is_rendered(tmp_path, monkeypatch):
    """Un modèle qui écrirait 10⁸ caractères s'arrête dès que le document dépasse sa borne :
    à peine plus que la borne a été fabriqué."""
    made = spy(monkeypatch)
    model = tmp_path / "long.md.j2"
    model.write_text("{% for i in range(10**5) %}{{ 'x' * 1000 }}{% endfor %}", encoding="utf-8")
    limits = RenderLimits(document=100_000, characters=10**12, steps=10**12)
    with pytest.raises(ReportError) as raised:
        render_report(base_plan(tmp_path / "depot"), str(model), "markdown", limits=limits)
    assert str(raised.value) == f"{model} : document trop grand : plus de 100\u202f000 caractères"
    assert made[-1].meter.characters < 3 * 100_000


def test_the_operations_are_counted_up_to_the_bound(tmp_path, monkeypatch):
    made = spy(monkeypatch)
    model = tmp_path / "boucle.md.j2"
    model.write_text(
        "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"
    )
    limits = RenderLimits(steps=10_000)
    with pytest.raises(ReportError, match="plus de 10\u202f000 opérations"):
        render_report(base_plan(tmp_path / "depot"), str(model), "markdown", limits=limits)
    assert made[-1].meter.steps == 10_001


@pytest.mark.parametrize("template", ["annexe", "deliberation", "synthese"])
@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_the_packaged_templates_stay_far_within_the_bounds(monkeypatch, template, output_format):
    """Les modèles livrés, sur les plans livrés, prennent moins d'un cinquième de chaque borne :
    un plan réel n'en approche pas."""
    made = spy(monkeypatch)
    for target in plans_in(REPO, REPO):
        loaded = validate_plan(target)
        text = render_report(loaded, template, output_format, root=REPO)
        limits = RenderLimits.for_plan(report_module.plan_size(loaded))
        meter = made[-1].meter
        assert meter.steps < limits.steps / 5, target.folder.name
        assert meter.characters < limits.characters / 5, target.folder.name
        assert len(text) < limits.document / 5, target.folder.name


def test_every_filter_is_classified():
    """Chaque filtre est compté : soit il écrit sa valeur en texte, soit il la parcourt."""
    filters = set(environment("markdown").filters) - {CHARGE, CONCAT, MEASURE}
    assert filters == STRINGIFYING | PLAIN
    assert not STRINGIFYING & PLAIN


# -------------------------------------------------------------- le fichier d'un modèle


def refused(run_cli, repo: Path, reason: str) -> None:
    result = report(run_cli, repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"essplan : {repo / 'templates' / 'annexe.md.j2'} : {reason}\n"


def test_a_fifo_template_is_refused_without_being_read(run_cli, tmp_path, never_opened):
    repo = repository(tmp_path)
    os.mkfifo(repo / "templates" / "annexe.md.j2")
    never_opened(str(repo / "templates" / "annexe.md.j2"))
    refused(
        run_cli,
        repo,
        "ce n'est pas un fichier ordinaire (tube nommé) : il n'est pas lu",
    )


def test_a_template_linked_to_a_device_is_refused_without_being_read(
    run_cli, tmp_path, never_opened
):
    repo = repository(tmp_path)
    os.symlink("/dev/zero", repo / "templates" / "annexe.md.j2")
    never_opened(Path("/dev/zero"), repo / "templates" / "annexe.md.j2")
    refused(
        run_cli,
        repo,
        "lien symbolique qui sort du dépôt (vers « /dev/zero ») : refusé sans lecture",
    )


def test_a_template_linked_out_of_the_repository_is_refused(run_cli, tmp_path, never_opened):
    outside = tmp_path / "ailleurs.md.j2"
    outside.write_text("{{ plan.titre }}", encoding="utf-8")
    repo = repository(tmp_path / "depot")
    os.symlink(outside, repo / "templates" / "annexe.md.j2")
    never_opened(outside, repo / "templates" / "annexe.md.j2")
    refused(
        run_cli,
        repo,
        f"lien symbolique qui sort du dépôt (vers « {outside} ») : refusé sans lecture",
    )


def test_a_link_inside_the_repository_is_followed(run_cli, tmp_path):
    repo = repository(tmp_path)
    (repo / "modeles").mkdir()
    (repo / "modeles" / "commun.md.j2").write_text("{{ plan.titre }}\n", encoding="utf-8")
    os.symlink(repo / "modeles" / "commun.md.j2", repo / "templates" / "annexe.md.j2")
    result = report(run_cli, repo)
    assert (result.exit_code, result.stdout) == (0, "Plan de test\n")


def test_a_too_big_template_is_refused_before_it_is_read(run_cli, tmp_path, never_opened):
    repo = repository(tmp_path)
    with open(repo / "templates" / "annexe.md.j2", "wb") as stream:
        stream.truncate(2 * 1024 * 1024)  # creux : rien n'est écrit sur le disque
    never_opened(str(repo / "templates" / "annexe.md.j2"))
    refused(
        run_cli,
        repo,
        "fichier trop gros (2\u202f097\u202f152 octets, limite 131\u202f072)",
    )


def test_the_templates_of_a_document_have_a_total_bound(run_cli, tmp_path):
    """Compiler un modèle coûte bien plus que le lire : trois modèles de 100 Ko chacun, inclus
    par le même document, dépassent ce qu'un document peut lire de modèles (256 Kio)."""
    repo = repository(tmp_path, "".join(f'{{% include "t{i}.md.j2" %}}' for i in range(3)))
    for i in range(3):
        (repo / "templates" / f"t{i}.md.j2").write_text("x" * 100_000, encoding="utf-8")
    result = report(run_cli, repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"essplan : {repo / 'templates' / 't2.md.j2'} : modèles trop grands pour un seul"
        " document (plus de 262\u202f144 octets en tout) : refusé\n"
    )


def test_a_folder_named_like_a_template_is_refused(run_cli, tmp_path):
    repo = repository(tmp_path)
    (repo / "templates" / "annexe.md.j2").mkdir()
    refused(run_cli, repo, "ce n'est pas un fichier ordinaire (dossier) : il n'est pas lu")


def test_a_fifo_given_by_path_is_a_usage_error(run_cli, tmp_path, never_opened):
    repo = repository(tmp_path)
    fifo = tmp_path / "tube.md.j2"
    os.mkfifo(fifo)
    never_opened(str(fifo))
    result = run_cli("report", "p", "-t", str(fifo), "-o", "-", cwd=repo)
    assert result.exit_code == 2
    assert result.stderr == (
        f"essplan : « {fifo} » n'est pas un fichier ordinaire : un modèle est un fichier"
        " .md.j2 ou .html.j2\n"
    )


def test_a_template_given_by_path_inside_the_repository_keeps_its_links_inside(
    run_cli, tmp_path, never_opened
):
    """Un modèle désigné par son chemin, mais rangé dans le dépôt de plans : un lien qui en
    sort est refusé, comme dans `templates/` (sinon /etc/passwd finirait dans le rapport)."""
    outside = tmp_path / "ailleurs.md.j2"
    outside.write_text("secret\n", encoding="utf-8")
    repo = repository(tmp_path / "depot")
    os.symlink(outside, repo / "modele.md.j2")
    never_opened(outside)
    result = run_cli("report", "p", "-t", "modele.md.j2", "-o", "-", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "essplan : modele.md.j2 : lien symbolique qui sort du dépôt"
        f" (vers « {outside} ») : refusé sans lecture\n"
    )


def test_a_template_given_by_path_outside_the_repository_is_the_users_own(run_cli, tmp_path):
    """Hors du dépôt, le modèle désigné est un fichier de l'utilisateur : il se lit où il est."""
    own = tmp_path / "mes-modeles" / "annexe.md.j2"
    own.parent.mkdir()
    own.write_text("{{ plan.titre }}\n", encoding="utf-8")
    repo = repository(tmp_path / "depot")
    result = run_cli("report", "p", "-t", str(own), "-o", "-", cwd=repo)
    assert (result.exit_code, result.stdout) == (0, "Plan de test\n")


def test_a_fiche_with_thousands_of_pilotes_is_joined_in_one_pass(run_cli, tmp_path):
    """`liste` (les pilotes d'une fiche) se faisait en recopiant le texte à chaque nom : le
    carré du nombre de pilotes. Vingt mille pilotes s'écrivent à la suite, le dernier après
    « et »."""
    repo = repository(tmp_path, "{{ fiches[0].fiche.pilotes|liste }}\n")
    fiche = repo / "plans/p/fiches/1.1.yaml"
    names = [f"Pilote {i}" for i in range(20_000)]
    text = fiche.read_text(encoding="utf-8").replace(
        "pilotes:\n  - Une pilote\n", "pilotes:\n" + "".join(f"  - {n}\n" for n in names)
    )
    fiche.write_text(text, encoding="utf-8")
    result = report(run_cli, repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ", ".join(names[:-1]) + " et Pilote 19999\n"
