"""Des fichiers hostiles, lus sans risque (issue 13, la lecture) : valeurs étiquetées que Python
ne sait pas construire, nombres démesurés, messages de libyaml et de tomllib.

Chaque test passe par le vrai point d'entrée et dit ce qu'une personne verrait : code de sortie,
message, fichier, ligne et colonne."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_french import english_words

BASE = Path(__file__).parent / "bad_inputs" / "_base"
FICHE = "plans/p/fiches/1.1.yaml"


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    return tmp_path


def validate_json(run_cli, root: Path, *args: str) -> tuple[int, list[dict], str]:
    result = run_cli("validate", "--output-format", "json", *args, cwd=root)
    assert "erreur interne" not in result.stderr and "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout or "[]"), result.stderr


def write_fiche(root: Path, lines: str) -> None:
    (root / FICHE).write_text('id: "1.1"\naxe: 1\n' + lines, encoding="utf-8")


# --------------------------------------------------------------- valeurs étiquetées


TAGGED = [
    "titre: !!bool maybe\n",
    "titre: !!bool ''\n",
    "titre: !!int _\n",
    "titre: !!int +\n",
    "titre: !!int ١٢\n",  # des chiffres arabes-indiens : int() les lirait, YAML non
    'titre: !!float ""\n',
    "titre: !!float abc\n",
    "titre: !!timestamp x\n",
    "titre: !!timestamp 2020-13-45\n",
    "titre: !!null x\n",  # le constructeur en ferait une valeur vide, et « x » serait perdu
    "titre: !!map x\n",  # le constructeur en ferait un générateur
    "titre: !!seq x\n",
    "titre: !!int [1]\n",  # une liste étiquetée comme un nombre
    "titre: !!str {a: b}\n",
    "titre: !!seq {a: b}\n",
    "titre: !!map [a]\n",
    "titre: !!binary aGVsbG8=\n",
]


@pytest.mark.parametrize("line", TAGGED)
def test_a_tagged_value_python_cannot_build_is_ess001_where_it_is(run_cli, repo, line):
    write_fiche(repo, line)
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    assert [(d["code"], d["fichier"], d["ligne"], d["colonne"]) for d in found] == [
        ("ESS001", FICHE, 3, 8)
    ]
    assert english_words(found[0]["message"]) == set(), found[0]["message"]


@pytest.mark.parametrize(
    "line", ["titre: !!str 12\n", "titre: ! 12\n", "titre: !!str x\npilotes: !!seq [A]\n"]
)
def test_a_tagged_value_that_is_what_its_tag_says_is_read(run_cli, repo, line):
    write_fiche(repo, line)
    code, found, _ = validate_json(run_cli, repo)
    assert (code, found) == (0, [])


# --------------------------------------------------------------- nombres démesurés

HUGE = "1" * 5000


@pytest.mark.parametrize(
    ("line", "column"),
    [
        (f"titre: {HUGE}\n", 8),
        (f"titre: -{HUGE}\n", 8),
        (f"titre: 0x{'f' * 5000}\n", 8),  # lu en base 16 sans limite, puis impossible à écrire
        (f"titre: 0b{'1' * 20000}\n", 8),
        (f"titre: 1.{HUGE}\n", 8),  # un flottant de 5 001 chiffres, lu infini
        ("titre: 1.0e+400\n", 8),  # écrit fini, lu infini
        (f"titre: {'1:' * 3000}1\n", 8),  # sexagésimal : 60 puissance 3 000
        (f"titre: x\n? {HUGE}\n: y\n", 3),  # une clé
        (f"titre: !!int {HUGE}\n", 8),
    ],
    ids=["int", "negative", "hex", "binary", "float", "overflow", "base60", "key", "tagged"],
)
def test_a_number_too_long_is_ess004_without_copying_it(run_cli, repo, line, column):
    write_fiche(repo, line)
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    [diagnostic] = found
    assert (diagnostic["code"], diagnostic["ligne"], diagnostic["colonne"]) == (
        "ESS004",
        4 if line.startswith("titre: x\n") else 3,
        column,
    )
    assert diagnostic["message"].startswith("nombre "), diagnostic["message"]
    assert "11111111111" not in diagnostic["message"] and "fffffff" not in diagnostic["message"]


def test_the_message_of_a_number_too_long_gives_its_length(run_cli, repo):
    write_fiche(repo, f"titre: {HUGE}\n")
    _, [diagnostic], _ = validate_json(run_cli, repo)
    assert diagnostic["message"] == (
        "nombre de 5\u202f000 chiffres : aucune valeur d'un plan n'en a plus de 30 ; si c'est"
        " un texte, écrivez-le entre guillemets"
    )


def test_a_vote_count_too_long_is_refused_in_every_format(run_cli, repo):
    plan = (repo / "plans/p/plan.yaml").read_text(encoding="utf-8")
    (repo / "plans/p/plan.yaml").write_text(
        plan + f"deliberation:\n  vote:\n    pour: 0x{'f' * 4000}\n", encoding="utf-8"
    )
    for output_format in ("full", "concise", "json", "github", "sarif", "gitlab"):
        result = run_cli("lint", "--output-format", output_format, cwd=repo)
        assert result.exit_code == 1, result.stderr
        messages = [line for line in result.stdout.splitlines() if " | " not in line]
        assert "ffffffff" not in "\n".join(messages)  # la ligne citée, coupée, à part
        assert "ESS004" in result.stdout


def test_a_long_text_is_not_copied_whole_into_a_message(run_cli, repo):
    write_fiche(repo, f"titre: x\nstatut: {'z' * 100_000}\n")
    _, [diagnostic], _ = validate_json(run_cli, repo)
    assert diagnostic["code"] == "ESS004"
    assert len(diagnostic["message"]) < 400, len(diagnostic["message"])
    assert "100\u202f000 caractères" in diagnostic["message"]


def test_a_long_unknown_key_is_not_copied_whole(run_cli, repo):
    write_fiche(repo, f"titre: x\n? {'k' * 100_000}\n: y\n")
    _, [diagnostic], _ = validate_json(run_cli, repo)
    assert diagnostic["code"] == "ESS003"
    assert len(diagnostic["message"]) < 400, len(diagnostic["message"])


@pytest.mark.parametrize("value", [HUGE, f"0x{'f' * 5000}", "1e400"])
def test_a_configured_number_too_long_is_a_configuration_error(run_cli, repo, value):
    (repo / "essplan.toml").write_text(f"[limits]\nmax-depth = {value}\n", encoding="utf-8")
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 2
    assert "erreur interne" not in result.stderr
    assert result.stderr.startswith("essplan : essplan.toml")
    assert "11111111" not in result.stderr and "ffffffff" not in result.stderr
    assert english_words(result.stderr) == set(), result.stderr


# ------------------------------------------------------------ libyaml et tomllib


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('titre: "ab\ufffe"\n', 3, 11, "caractère interdit U+FFFE"),
        ('titre: "\U0001f600\U0001f600\ufffe"\n', 3, 11, "caractère interdit U+FFFE"),
        ("titre: ab\x7f\n", 3, 10, "caractère interdit U+007F"),
        ("titre: \U0001f600\x85x\x80\n", 4, 2, "caractère interdit U+0080"),
        ("titre: é\r\nfin: x\uffff\n", 4, 7, "caractère interdit U+FFFF"),
    ],
    ids=["fffe", "astral", "del", "c1-after-nel", "ffff-crlf"],
)
def test_a_character_libyaml_refuses_is_reported_in_french_where_it_is(
    run_cli, repo, text, line, column, message
):
    (repo / FICHE).write_bytes(('id: "1.1"\naxe: 1\n' + text).encode("utf-8"))
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    [diagnostic] = found
    assert (diagnostic["code"], diagnostic["ligne"], diagnostic["colonne"]) == (
        "ESS001",
        line,
        column,
    )
    assert diagnostic["message"].startswith(message), diagnostic["message"]
    assert english_words(diagnostic["message"]) == set()


@pytest.mark.parametrize(
    ("source", "line", "column", "message"),
    [
        ('%YAML 1.1\nid: "1.1"\n', 2, 1, "contenu inattendu"),
        ("%FOO bar\n---\nid: x\n", 1, 1, "directive « % » inconnue"),
    ],
)
def test_libyaml_document_and_directive_problems_are_in_french(
    run_cli, repo, source, line, column, message
):
    (repo / FICHE).write_text(source, encoding="utf-8")
    _, [diagnostic], _ = validate_json(run_cli, repo)
    assert (diagnostic["ligne"], diagnostic["colonne"]) == (line, column)
    assert diagnostic["message"].startswith(message)


# Les messages de tomllib (Lib/tomllib/_parser.py de CPython 3.11, `suffixed_err`), avec une
# valeur d'exemple pour ceux qui en citent une.
TOMLLIB_MESSAGES = [
    "Invalid statement",
    "Expected newline or end of document after a statement",
    "Expected \"'''\"",
    "Found invalid character '\\x00'",
    "Cannot declare ('limits',) twice",
    "Cannot overwrite a value",
    "Expected ']' at the end of a table declaration",
    "Cannot mutate immutable namespace ('a',)",
    "Expected ']]' at the end of an array declaration",
    "Cannot redefine namespace ('a',)",
    "Expected '=' after a key in a key/value pair",
    "Invalid initial character for a key part",
    "Unclosed array",
    "Duplicate inline table key 'a'",
    "Unclosed inline table",
    "Unescaped '\\' in a string",
    "Invalid hex value",
    "Escaped character is not a Unicode scalar value",
    "Unterminated string",
    "Illegal character '\\n'",
    "Invalid date or datetime",
    "Invalid value",
]


@pytest.mark.parametrize("english", TOMLLIB_MESSAGES)
def test_every_tomllib_message_has_its_own_french_message(english):
    from essplan.config import _toml_problem

    french = _toml_problem(f"{english} (at line 2, column 9)")
    assert french.startswith(":2:9 : TOML illisible, "), french
    assert english_words(french) == set(), french


def test_the_toml_table_names_only_real_tomllib_messages():
    import re

    from essplan.config import _TOML_MESSAGES

    for pattern, _ in _TOML_MESSAGES:
        assert any(re.fullmatch(pattern, english) for english in TOMLLIB_MESSAGES), pattern
