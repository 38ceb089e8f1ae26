"""Tout ce qu'une personne lit est en français : la ligne de commande (aide, erreurs d'usage,
sur chaque commande), les messages de libyaml et de tomllib, les sévérités."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import click
import pytest
import typer
import yaml
from lint_helpers import COMPLETE, write_plan

from essplan.cli.app import COMMANDS as APP_COMMANDS
from essplan.cli.french import FRENCH
from essplan.reading.syntax import CONTEXTS, GENERIC, PROBLEMS, translate

BASE = Path(__file__).parent / "bad_inputs" / "_base"

# Des mots anglais que click, typer ou libyaml écriraient ; aucun n'est un mot français.
ENGLISH = set(
    """
the is not no such did you mean env var error missing invalid usage try for help show this and
exit does exist directory path integer range valid required default choose from one of expected
got unexpected extra value values given was were must be iterable with or only name aborted
deprecated dynamic boolean recognized match but into to it at least unknown string float choice
found while scanning parsing find character cannot start any token mapping allowed context
stream end block entries key tab violates flow level depth
exceeded maximum nesting command commands in see
""".split()
)


def english_words(text: str) -> set[str]:
    """Les mots anglais de `text`, hors valeurs citées ('…', « … », "…") et noms d'options."""
    visible = re.sub(
        r"'[^'\n]*'|«[^»]*»|\"[^\"\n]*\"|--?[\w-]+|\[[^\]\n]*\||\|[^\]\n]*\]", " ", text
    )
    return {word for word in re.findall(r"[a-zà-ÿ:]+", visible.lower()) if word in ENGLISH}


# Toutes les commandes inscrites : une commande nouvelle est contrôlée sans qu'on y pense.
COMMANDS = [name for name in APP_COMMANDS]
WRONG = [
    ["init"],
    ["init", "--plan", "Mauvais Id", "--collectivite", "X"],
    ["init", "--plan", "p", "--collectivite", "X", "--periode", "bientôt"],
    ["init", "--plan", "p", "--collectivite", " "],
    ["new"],
    ["new", "fiche"],
    ["new", "fiche", "clermont-2016"],
    ["new", "fiche", "clermont-2016", "--axe", "9"],
    ["new", "fiche", "lyon-2030", "--axe", "1"],
    ["new", "plan"],
    ["new", "plan", "Mauvais Id"],
    ["--nope"],
    ["validat"],
    ["validate", "--nope"],
    ["validate", "--output-format", "xml"],
    ["validate", "lyon-2030"],
    ["lint", "--nope"],
    ["lint", "--fail-on", "pire"],
    ["lint", "--date", "bientôt"],
    ["lint", "--select", "ESS999"],
    ["lint", "--statistics", "--output-format", "sarif"],
    ["lint", "--date", "2026"],
    ["lint", "-o"],
    ["rule", "--nope"],
    ["rule", "ESS999"],
    ["rule", "--output-format", "xml"],
    ["schema", "nope"],
    ["schema", "--nope"],
    ["budget", "--nope"],
    ["budget", "--year", "abc"],
    ["budget", "--year", "1800"],
    ["budget", "--by", "commune"],
    ["budget", "--output-format", "xml"],
    ["budget", "-o", "/nonexistent/x.csv"],
    ["status", "--nope"],
    ["status", "--date", "bientôt"],
    ["status", "--date", "2026"],
    ["status", "--by", "commune"],
    ["status", "--output-format", "xml"],
    ["status", "lyon-2030"],
    ["status", "-o", "/nonexistent/x.csv"],
    ["report"],
    ["report", "--nope"],
    ["report", "clermont-2016", "-t", "nope"],
    ["report", "clermont-2016", "-f", "docx"],
    ["report", "clermont-2016", "--date", "bientôt"],
    ["export", "--nope"],
    ["export", "--format", "pdf"],
    ["export", "clermont-2016"],
    ["export", "clermont-2016", "--format", "csv", "-o", "plans/x.csv"],
    ["import"],
    ["import", "--nope"],
    ["import", "absent.txt", "--plan", "p"],
    ["import", "absent.txt", "--plan", "Mauvais Id"],
    ["import", "absent.txt"],
]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        *([c, "--help"] for c in COMMANDS),
        ["new", "fiche", "--help"],
        ["new", "plan", "--help"],
    ],
    ids=lambda args: " ".join(args) or "(rien)",
)
def test_help_has_no_english_word(run_cli, args):
    result = run_cli(*args)
    assert "Utilisation : essplan" in result.stdout + result.stderr
    assert english_words(result.stdout + result.stderr) == set(), result.stdout


@pytest.mark.parametrize("args", WRONG, ids=lambda args: " ".join(args))
def test_wrong_commands_options_and_values_get_french_answers(run_cli, args):
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip() and "Traceback" not in result.stderr
    assert english_words(result.stdout + result.stderr) == set(), result.stderr


def test_help_follows_french_typography(run_cli):
    help_text = run_cli("lint", "--help").stdout
    assert help_text.startswith("Utilisation : essplan lint [OPTIONS] [PLAN|CHEMIN]...\n")
    for heading in ("Arguments", "Options"):
        assert f"\n{heading}\u00a0:\n" in help_text
    assert "\nCommandes\u00a0:\n" in run_cli("--help").stdout


def test_unknown_command_suggests_the_nearest_once(run_cli):
    result = run_cli("lnit")
    assert result.stderr.endswith(
        "Erreur : Commande inconnue : 'lnit'. Vouliez-vous dire 'lint' ou 'init' ?\n"
    )
    assert "Did you mean" not in result.stderr


def test_environment_variable_is_named_in_french_when_it_gave_the_value(run_cli, monkeypatch):
    monkeypatch.setenv("ESSPLAN_OUTPUT_FORMAT", "xml")
    result = run_cli("validate")
    assert (
        "Valeur invalide pour '--output-format' (valeur lue dans la variable d'environnement"
        " ESSPLAN_OUTPUT_FORMAT) : 'xml' ne fait pas partie de :"
    ) in result.stderr
    assert "env var" not in result.stderr
    monkeypatch.delenv("ESSPLAN_OUTPUT_FORMAT")
    result = run_cli("validate", "--output-format", "xml")
    assert "Valeur invalide pour '--output-format' : 'xml'" in result.stderr


def test_every_click_and_typer_message_is_translated():
    """Chaque message que click et typer installés traduisent par gettext est dans la table :
    une nouvelle version qui en ajoute un fait échouer ce test, pas l'utilisateur."""
    missing = set()
    for module in (click, typer):
        for path in Path(module.__file__).parent.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "_",
                    "ngettext",
                ):
                    missing |= {
                        arg.value
                        for arg in node.args[:2]
                        if isinstance(arg, ast.Constant)
                        and isinstance(arg.value, str)
                        and arg.value not in FRENCH
                    }
    assert missing == set()


# Les messages de libyaml (scanner.c, parser.c, reader.c au commit 840b65c de yaml/libyaml,
# version 0.2.5 et suivantes) et ceux que PyYAML ajoute : problèmes, puis contextes.
LIBYAML_PROBLEMS = """
block sequence entries are not allowed in this context
could not find expected ':'
could not find expected directive name
did not find URI escaped octet
did not find expected '!'
did not find expected ',' or ']'
did not find expected ',' or '}'
did not find expected '-' indicator
did not find expected <document start>
did not find expected <stream-start>
did not find expected alphabetic or numeric character
did not find expected comment or line break
did not find expected digit or '.' character
did not find expected hexdecimal number
did not find expected key
did not find expected node content
did not find expected tag URI
did not find expected version number
did not find expected whitespace or line break
did not find expected whitespace
did not find the expected '>'
found a tab character that violates indentation
found a tab character where an indentation space is expected
found an incorrect leading UTF-8 octet
found an incorrect trailing UTF-8 octet
found an indentation indicator equal to 0
found character that cannot start any token
found duplicate %TAG directive
found duplicate %YAML directive
found extremely long version number
found incompatible YAML document
found invalid Unicode character escape code
found undefined tag handle
found unexpected ':'
found unexpected document indicator
found unexpected end of stream
found unexpected non-alphabetical character
found unknown directive name
found unknown escape character
mapping keys are not allowed in this context
mapping values are not allowed in this context
control characters are not allowed
invalid Unicode character
invalid leading UTF-8 octet
invalid trailing UTF-8 octet
invalid length of a UTF-8 sequence
incomplete UTF-8 octet sequence
incomplete UTF-16 character
incomplete UTF-16 surrogate pair
expected low surrogate area
unexpected low surrogate area
input is too long
input error
""".strip().splitlines()
LIBYAML_CONTEXTS = """
while parsing a %TAG directive
while parsing a block collection
while parsing a block mapping
while parsing a block node
while parsing a flow mapping
while parsing a flow node
while parsing a flow sequence
while parsing a node
while parsing a quoted scalar
while parsing a tag directive
while parsing a tag
while parsing
while scanning a %TAG directive
while scanning a %YAML directive
while scanning a block scalar
while scanning a directive
while scanning a plain scalar
while scanning a quoted scalar
while scanning a simple key
while scanning a tag directive
while scanning a tag
while scanning an alias
while scanning an anchor
while scanning for the next token
""".strip().splitlines()


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_libyaml_problem_has_its_own_french_message(problem):
    message = translate(problem, None)
    assert message != GENERIC and english_words(message) == set()


@pytest.mark.parametrize("context", LIBYAML_CONTEXTS)
def test_every_libyaml_context_has_a_french_message(context):
    assert translate("un problème que la table ne connaît pas", context) != GENERIC


def test_the_table_names_only_real_libyaml_messages():
    known = set(LIBYAML_PROBLEMS) | {
        "found a tab character",
        "found undefined alias",
        "found duplicate anchor",
    }
    assert set(PROBLEMS) <= known and set(CONTEXTS) <= set(LIBYAML_CONTEXTS)
    assert translate("an unheard-of problem", "while doing something new") == GENERIC


BROKEN_YAML = [
    "titre: a: b\n",
    "titre: [a, b\n",
    "titre: {a: b\n",
    'titre: "sans fin\n',
    "titre:\n  - b\n c: d\n",
    "titre:\n\t- a\n",
    "%FOO bar\n---\ntitre: x\n",
    "titre: @x\n",
    "titre: *absent\n",
    'titre: "\\q"\n',
    "- a\ntitre: b\n",
    "titre: x\n...\nautre: y\n",
    "titre: |0\n  x\n",
    "titre: &a\n",
    "titre: !<tag:yaml.org,2002:str x\n",
    "titre: [a, b]]\n",
    "? [a]\n: b\n",
    "titre: 'a'b\n",
]


@pytest.mark.parametrize("source", BROKEN_YAML)
def test_syntax_errors_are_reported_in_french(run_cli, tmp_path, source):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "plans/p/fiches/1.1.yaml").write_text(
        'id: "1.1"\naxe: 1\n' + source, encoding="utf-8"
    )
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    messages = [d["message"] for d in json.loads(result.stdout)]
    assert messages and all(english_words(m) == set() for m in messages), messages
    assert "erreur de syntaxe YAML (" not in " ".join(messages)  # jamais le texte de libyaml


def test_pyyaml_still_reports_the_messages_we_translate():
    """Un message de la table que libyaml produit vraiment, par PyYAML installé."""
    with pytest.raises(yaml.MarkedYAMLError) as error:
        list(yaml.parse("a: b: c\n", Loader=yaml.CSafeLoader))
    assert error.value.problem in PROBLEMS


# ------------------------------------------------------------------------------ sévérités


def test_severities_are_accepted_and_shown_in_french(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("pilotes:\n  - Une pilote\n", "")})
    lint = ("lint", "--date", "2021-06", "--output-format", "json")
    assert run_cli(*lint, "--fail-on", "avertissement", cwd=tmp_path).exit_code == 1
    assert run_cli(*lint, "--fail-on", "erreur", cwd=tmp_path).exit_code == 0
    assert run_cli(*lint, "--fail-on", "warning", cwd=tmp_path).exit_code == 1  # l'anglais aussi
    (tmp_path / "essplan.toml").write_text('[severity]\nESS101 = "erreur"\n', encoding="utf-8")
    result = run_cli(*lint, cwd=tmp_path)
    assert result.exit_code == 1
    assert [d["severite"] for d in json.loads(result.stdout)] == ["erreur"]
    (tmp_path / "essplan.toml").write_text('[severity]\nESS101 = "grave"\n', encoding="utf-8")
    result = run_cli(*lint, cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : essplan.toml : severity.ESS101 :"
        " « grave » n'est pas une sévérité (erreur,"
        " avertissement, info ou off)\n",
    )


def test_an_enumerated_value_suggests_the_nearest_allowed_one(run_cli, tmp_path):
    write_plan(tmp_path, {"1.1.yaml": COMPLETE.replace("statut: en_cours", "statut: en cours")})
    result = run_cli("validate", "--output-format", "json", cwd=tmp_path)
    [diagnostic] = json.loads(result.stdout)
    assert diagnostic["code"] == "ESS004"
    assert diagnostic["suggestion"] == "vouliez-vous dire « en_cours » ?"


def test_toml_errors_are_in_french(run_cli, tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "essplan.toml").write_text("select = [ESS1]\n", encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path)
    assert result.stderr == (
        "essplan : essplan.toml:1:11 : TOML illisible, valeur illisible (un"
        " texte s'écrit entre guillemets)\n"
    )
