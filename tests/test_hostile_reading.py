"""Des fichiers hostiles, lus sans risque (issue 13, la lecture) : valeurs étiquetées que Python
ne sait pas construire, nombres démesurés, fichiers qui ne sont pas des fichiers ordinaires,
messages de libyaml et de tomllib, noms de fichier qui ne sont pas en UTF-8.

Chaque test passe par le vrai point d'entrée et dit ce qu'une personne verrait : code de sortie,
message, fichier, ligne et colonne."""

from __future__ import annotations

import json
import os
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


@pytest.mark.parametrize(
    ("lines", "key_path"),
    [
        (f"depenses:\n  2022: {HUGE}\n", "depenses[2022]"),  # une année : la clé telle quelle
        (
            f"indicateurs:\n  - libelle: I\n    valeurs: {{2020: {HUGE}}}\n",
            "indicateurs[1].valeurs[2020]",
        ),
        (f"methode:\n  - a\n  - {HUGE}\n", "methode[2]"),  # un rang de liste, compté depuis 1
    ],
)
def test_a_number_too_long_is_placed_at_its_key_path(run_cli, repo, lines, key_path):
    write_fiche(repo, lines)
    _, [diagnostic], _ = validate_json(run_cli, repo)
    assert (diagnostic["code"], diagnostic["chemin"]) == ("ESS004", key_path)


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


# ------------------------------------------------- fichiers qui ne sont pas ordinaires


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("output_format", ["full", "concise", "json"])
def test_a_fifo_as_a_fiche_is_ess009_and_never_opened(run_cli, repo, never_opened, output_format):
    _fifo(repo / FICHE)
    never_opened(repo / FICHE)
    result = run_cli("validate", "--output-format", output_format, cwd=repo)
    assert result.exit_code == 1, result.stderr
    assert "ESS009" in result.stdout
    assert "tube nommé" in result.stdout


@pytest.mark.parametrize("name", ["essplan.toml", "pyproject.toml"])
def test_a_fifo_as_configuration_is_a_configuration_error(run_cli, repo, never_opened, name):
    _fifo(repo / name)
    never_opened(repo / name)
    result = run_cli("validate", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        2,
        f"essplan : {name} : ce n'est pas un fichier ordinaire (tube nommé) : il n'est pas lu\n",
    )


@pytest.mark.parametrize("where", [FICHE, "plans/p/plan.yaml", "essplan.toml"])
def test_a_link_to_dev_zero_is_never_read(run_cli, repo, never_opened, where):
    (repo / where).unlink(missing_ok=True)
    os.symlink("/dev/zero", repo / where)
    never_opened(Path("/dev/zero"))
    result = run_cli("validate", cwd=repo)
    assert "erreur interne" not in result.stderr
    assert result.exit_code == (2 if where == "essplan.toml" else 1)
    assert "hors du dépôt" in result.stdout + result.stderr


def test_a_link_to_a_file_outside_is_refused_and_never_quoted(run_cli, repo, never_opened):
    secret = repo.parent / f"{repo.name}-secret.txt"
    secret.write_text("root:x:0:0:ligne secrète:/root:/bin/bash\n", encoding="utf-8")
    (repo / FICHE).unlink()
    os.symlink(secret, repo / FICHE)
    never_opened(secret)
    for output_format in ("full", "concise", "json", "github", "sarif", "gitlab"):
        result = run_cli("validate", "--output-format", output_format, cwd=repo)
        assert result.exit_code == 1
        assert "secrète" not in result.stdout and "root:x" not in result.stdout


def test_a_link_inside_the_repository_to_a_fifo_is_refused(run_cli, repo, never_opened):
    _fifo(repo / "tube")
    (repo / FICHE).unlink()
    os.symlink(repo / "tube", repo / FICHE)
    never_opened(repo / "tube")
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    assert [(d["code"], d["fichier"]) for d in found] == [("ESS009", FICHE)]
    assert "tube nommé" in found[0]["message"]


@pytest.mark.parametrize(
    ("folder", "reported"), [("plans/p/fiches", "plans/p/fiches"), ("plans/p", "plans/p/plan.yaml")]
)
def test_a_folder_that_leaves_the_repository_is_refused(
    run_cli, repo, tmp_path_factory, never_opened, folder, reported
):
    elsewhere = tmp_path_factory.mktemp("ailleurs") / "dossier"
    shutil.copytree(repo / folder, elsewhere)
    shutil.rmtree(repo / folder)
    os.symlink(elsewhere, repo / folder)
    never_opened(*elsewhere.rglob("*.yaml"))
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    assert [(d["code"], d["fichier"]) for d in found] == [("ESS009", reported)]
    assert found[0]["message"].startswith("lien symbolique vers un dossier hors du dépôt")


def _lie_about_size(monkeypatch, victim: Path, size: int) -> None:
    """Le système annonce `size` octets pour `victim` (un fichier qui grandit entre le contrôle
    de la taille et la lecture, ou un pseudo-fichier de /proc, qui annonce 0)."""
    real_stat, real_lstat, real_fstat = os.stat, os.lstat, os.fstat
    identity = (real_stat(victim).st_dev, real_stat(victim).st_ino)

    def shrink(result: os.stat_result) -> os.stat_result:
        if (result.st_dev, result.st_ino) != identity:
            return result
        values = list(result)
        values[6] = size
        return os.stat_result(values)

    monkeypatch.setattr(os, "stat", lambda *a, **k: shrink(real_stat(*a, **k)))
    monkeypatch.setattr(os, "lstat", lambda *a, **k: shrink(real_lstat(*a, **k)))
    monkeypatch.setattr(os, "fstat", lambda *a, **k: shrink(real_fstat(*a, **k)))


def test_a_file_is_never_read_beyond_its_limit_whatever_its_announced_size(
    run_cli, repo, monkeypatch
):
    with open(repo / FICHE, "wb") as stream:
        stream.write(b'id: "1.1"\naxe: 1\ntitre: ')
        stream.truncate(50 * 1024 * 1024)
    _lie_about_size(monkeypatch, repo / FICHE, 100)
    read = []
    real_read = os.read

    def counting_read(fd, n):
        chunk = real_read(fd, n)
        if os.readlink(f"/proc/self/fd/{fd}") == str(repo / FICHE):
            read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting_read)
    code, found, _ = validate_json(run_cli, repo)
    assert code == 1
    assert [(d["code"], d["fichier"]) for d in found] == [("ESS009", FICHE)]
    assert found[0]["message"].startswith("fichier trop gros (plus de 5\u202f242\u202f880 octets")
    assert sum(read) <= 5 * 1024 * 1024 + 1


def test_the_line_shown_under_a_message_is_the_one_that_was_read(run_cli, repo, monkeypatch):
    """Le rapporteur cite la ligne lue par le chargeur ; il ne rouvre pas le fichier (qui a pu
    changer, ou ne pas être un fichier ordinaire)."""
    write_fiche(repo, "pilotte: [A]\ntitre: x\n")
    from essplan.validation import loader

    real = loader.load_plan

    def load_then_change(*args, **kwargs):
        loaded = real(*args, **kwargs)
        write_fiche(repo, "changé après la lecture\n")
        return loaded

    monkeypatch.setattr(loader, "load_plan", load_then_change)
    import essplan.validation.validate as validate_module

    monkeypatch.setattr(validate_module, "load_plan", load_then_change)
    result = run_cli("validate", cwd=repo)
    assert "3 | pilotte: [A]" in result.stdout, result.stdout


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


# ------------------------------------------------------ noms de fichier hors UTF-8


@pytest.fixture
def latin1_name(repo):
    name = os.fsencode(repo / "plans/p/fiches") + b"/1.\xe9t\xe9.yaml"
    with open(name, "wb") as stream:
        stream.write(b'id: "1.3"\naxe: 1\ntitre: x\n')
    return repo


def test_a_file_name_that_is_not_utf8_is_reported_readably(run_cli, latin1_name):
    result = run_cli("validate", "--output-format", "json", cwd=latin1_name)
    assert result.exit_code == 1
    result.stdout.encode("utf-8")  # ce qu'une sortie UTF-8 (PYTHONIOENCODING=utf-8) écrirait
    [diagnostic] = json.loads(result.stdout)
    assert (diagnostic["code"], diagnostic["fichier"]) == (
        "ESS009",
        "plans/p/fiches/1.\ufffdt\ufffd.yaml",
    )
    assert diagnostic["message"].startswith("nom de fichier qui n'est pas en UTF-8")


def test_lint_output_file_with_a_file_name_that_is_not_utf8(run_cli, latin1_name):
    result = run_cli("lint", "-o", "rapport.txt", cwd=latin1_name)
    assert result.exit_code == 1, result.stderr
    written = (latin1_name / "rapport.txt").read_text(encoding="utf-8")
    assert "plans/p/fiches/1.\ufffdt\ufffd.yaml:1:1: ESS009" in written


def test_a_plan_folder_name_that_is_not_utf8_is_reported_readably(run_cli, repo):
    os.rename(repo / "plans/p", os.fsencode(repo / "plans") + b"/\xe9t\xe9")
    result = run_cli("validate", "--output-format", "json", cwd=repo)
    assert result.exit_code == 1
    result.stdout.encode("utf-8")
    found = json.loads(result.stdout)
    assert {d["code"] for d in found} == {"ESS010"}
    assert found[0]["fichier"] == "plans/\ufffdt\ufffd/plan.yaml"


def test_a_run_with_a_utf8_output_and_names_that_are_not_utf8(latin1_name):
    """`PYTHONIOENCODING=utf-8` : la sortie refuse les « surrogates » de `os.fsdecode` ; un
    nom de fiche ou un argument qui n'est pas en UTF-8 s'affiche lisiblement."""
    import subprocess
    import sys

    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["lint"], ["validate", b"pas-\xe9t\xe9"]):
        run = subprocess.run(
            [sys.executable, "-m", "essplan", *args],
            cwd=latin1_name,
            env=environment,
            capture_output=True,
            timeout=120,
        )
        output = (run.stdout + run.stderr).decode("utf-8")
        assert run.returncode == (1 if args == ["lint"] else 2), output
        assert "erreur interne" not in output and "Traceback" not in output
        assert ("1.\ufffdt\ufffd.yaml" if args == ["lint"] else "« pas-\ufffdt\ufffd »") in output
