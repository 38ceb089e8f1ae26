"""La référence du format en français, `docs/format-fr.md`, est complète et juste : chaque clé des
modèles et de `essplan.toml` y a sa ligne, chaque code du catalogue aussi, et chaque exemple se
valide par le vrai point d'entrée (`essplan validate`, puis `essplan lint` sans erreur).

Convention des exemples (la première ligne d'un bloc dit ce qu'il est) :

- `# plan.yaml` : un plan.yaml entier, validé à côté des fiches minimales `1.1` et `1.2` ;
- `# fiche` : une fiche entière, qui remplace la fiche `1.1` du dépôt minimal ;
- `# extrait de plan.yaml`, `# extrait de fiche` : des clés qui remplacent les mêmes clés du
  plan minimal ou de la fiche `1.1` minimale ;
- suivie de ` — refusé : ESS0xx` : l'exemple est refusé, avec ce seul code ;
- un bloc `toml` commence par `# essplan.toml` : la configuration du dépôt minimal.

Un bloc sans l'une de ces lignes fait échouer le test : aucun exemple n'échappe à la
vérification.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
import typing
from pathlib import Path

import pytest
from conftest import REPO
from pydantic import BaseModel

from essplan import config
from essplan.lint.catalogue import catalogue
from essplan.model.fiche import Fiche
from essplan.model.months import parse_month
from essplan.model.plan import Plan
from essplan.reading.document import Limits

DOC = (REPO / "docs" / "format-fr.md").read_text(encoding="utf-8")

# ------------------------------------------------------------------ le dépôt minimal

PLAN_ID = "exemple"
MINIMAL_PLAN = (
    "collectivite: Communauté d'exemple\n"
    "titre: Plan d'exemple\n"
    "periode: 2016-2021\n"
    "axes: [{code: 1, titre: Premier axe}, {code: 2, titre: Deuxième axe}]\n"
)
MINIMAL_FICHE = 'id: "1.1"\naxe: 1\ntitre: Une action\n'
OTHER_FICHE = 'id: "1.2"\naxe: 1\ntitre: Une autre action\n'
SOURCE = "sources/deliberation.txt"  # le fichier source que citent les exemples


def repository(
    root: Path, plan: str = MINIMAL_PLAN, fiche: str = MINIMAL_FICHE, toml: str | None = None
) -> Path:
    folder = root / "plans" / PLAN_ID
    (folder / "fiches").mkdir(parents=True)
    (folder / "sources").mkdir()
    (folder / SOURCE).write_text("La délibération.\n", encoding="utf-8")
    (folder / "plan.yaml").write_text(plan, encoding="utf-8")
    (folder / "fiches" / "1.1.yaml").write_text(fiche, encoding="utf-8")
    (folder / "fiches" / "1.2.yaml").write_text(OTHER_FICHE, encoding="utf-8")
    if toml is not None:
        (root / "essplan.toml").write_text(toml, encoding="utf-8")
    return root


def merged(base: str, fragment: str) -> str:
    """Le fichier minimal dont les clés que donne l'extrait sont remplacées par lui (une clé
    par ligne dans `base`) ; l'extrait est gardé mot pour mot, doublons compris."""
    keys = set(re.findall(r"^([^\s#:][^:]*):", fragment, re.M))
    kept = [line for line in base.splitlines(keepends=True) if line.split(":", 1)[0] not in keys]
    return "".join(kept) + fragment


# ------------------------------------------------------------------ les blocs du document

FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.M | re.S)
MARKER = re.compile(
    r"# (plan\.yaml|fiche|extrait de plan\.yaml|extrait de fiche)(?: — refusé : (ESS\d{3}))?"
)
TOML_MARKER = re.compile(r"# essplan\.toml(?: — valeurs par défaut)?")


def blocks(text: str) -> list[tuple[int, str, str]]:
    """(ligne, langue, contenu) de chaque bloc délimité, retrait de la liste ôté."""
    return [
        (text.count("\n", 0, m.start()) + 1, m[2], textwrap.dedent(m[3]))
        for m in FENCE.finditer(text)
    ]


BLOCKS = blocks(DOC)
EXAMPLES = [(line, body) for line, language, body in BLOCKS if language in ("yaml", "toml")]


def codes_in(output: str) -> set[str]:
    return set(re.findall(r": (ESS\d{3}) ", output))


def test_every_block_is_an_example_or_the_layout():
    """Un bloc dans une autre langue (```yml, ```json) échapperait à la vérification."""
    assert [language for _, language, _ in BLOCKS if language not in ("yaml", "toml")] == [""]
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize(("line", "body"), EXAMPLES, ids=[f"ligne-{n}" for n, _ in EXAMPLES])
def test_every_example_validates_as_written(run_cli, tmp_path, line, body):
    first = body.splitlines()[0]
    if TOML_MARKER.fullmatch(first):
        repo = repository(tmp_path, toml=body)
        refused = None
    else:
        marker = MARKER.fullmatch(first)
        if marker is None:
            pytest.fail(f"ligne {line} : bloc sans marque reconnue (« {first} »)")
        kind, refused = marker[1], marker[2]
        files = {
            "plan.yaml": {"plan": body},
            "fiche": {"fiche": body},
            "extrait de plan.yaml": {"plan": merged(MINIMAL_PLAN, body)},
            "extrait de fiche": {"fiche": merged(MINIMAL_FICHE, body)},
        }[kind]
        repo = repository(tmp_path, **files)
    validated = run_cli("validate", "--output-format", "concise", cwd=repo)
    if refused:
        assert validated.exit_code == 1, validated.stdout
        assert codes_in(validated.stdout) == {refused}, validated.stdout
        return
    assert (validated.exit_code, validated.stderr) == (0, ""), validated.stdout
    assert validated.stdout.endswith(" : aucune erreur\n"), validated.stdout
    linted = run_cli("lint", "--output-format", "concise", cwd=repo)
    assert (linted.exit_code, linted.stderr) == (0, ""), linted.stdout


def test_the_refused_examples_are_really_checked(run_cli, tmp_path):
    """La convention elle-même : un extrait fautif est bien vu comme tel dans le dépôt minimal,
    et le dépôt minimal seul est valide."""
    assert run_cli("validate", cwd=repository(tmp_path / "ok")).exit_code == 0
    broken = repository(tmp_path / "ko", fiche=merged(MINIMAL_FICHE, "debut: Brumaire 2019\n"))
    assert codes_in(run_cli("validate", "--output-format", "concise", cwd=broken).stdout) == {
        "ESS004"
    }


# ------------------------------------------------------------------ les clés


def nested_models(annotation: object, many: bool = False):
    """(modèle, dans une liste ?) de chaque modèle que cite un type, à travers Annotated,
    les unions et les listes ; un dictionnaire (une année → une valeur) n'a pas de clés."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, many
        return
    origin = typing.get_origin(annotation)
    if origin is dict:
        assert not any(True for _ in nested_models(typing.get_args(annotation)[1])), annotation
        return
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        arguments = arguments[:1]
    for argument in arguments:
        yield from nested_models(argument, many or origin is list)


def key_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """`deliberation.vote.pour`, `budget.lignes[].montant`, `financement[].financeur`…"""
    paths = []
    for name, field in model.model_fields.items():
        paths.append(prefix + name)
        for sub, many in nested_models(field.annotation):
            paths += key_paths(sub, f"{prefix}{name}{'[].' if many else '.'}")
    return paths


MODEL_KEYS = list(dict.fromkeys(key_paths(Plan) + key_paths(Fiche)))
SUBTABLES = {"limits": config.LIMIT_KEYS, "suivi": config.HORIZON_KEYS}


def config_keys() -> list[str]:
    keys = []
    for key in config.TOP_KEYS:
        if key in SUBTABLES:
            keys += [f"`[{key}]` `{sub}`" for sub in SUBTABLES[key]]
        else:
            keys.append(f"`[{key}]`" if key in ("severity", "per-file-ignores") else f"`{key}`")
    return keys


def row(first_cell: str) -> list[str] | None:
    """Les cellules de la ligne de tableau qui commence par `first_cell`."""
    found = re.search(rf"^\| {re.escape(first_cell)} \|(.*)\|$", DOC, re.M)
    return [cell.strip() for cell in found[1].split("|")] if found else None


def test_the_walk_finds_the_nested_keys():
    for path in ("periode.debut", "deliberation.vote.non_participation", "cout.detail"):
        assert path in MODEL_KEYS
    for path in ("gouvernance[].colleges[].composition", "financement[].annee"):
        assert path in MODEL_KEYS
    assert len(MODEL_KEYS) > 100


@pytest.mark.parametrize("path", MODEL_KEYS)
def test_every_model_key_has_its_row(path):
    """Une ligne par clé, chemin complet : la clé, son type, si elle est obligatoire, son sens."""
    cells = row(f"`{path}`")
    assert cells is not None, f"docs/format-fr.md n'a pas de ligne pour `{path}`"
    assert len(cells) == 3 and all(cells), cells


@pytest.mark.parametrize("key", config_keys())
def test_every_configuration_key_has_its_row(key):
    cells = row(key)
    assert cells is not None, f"docs/format-fr.md n'a pas de ligne pour {key}"
    assert len(cells) == 3 and all(cells), cells


def defaults() -> dict[str, dict[str, int]]:
    return {
        "limits": {key: getattr(Limits(), field) for key, field in config.LIMIT_KEYS.items()},
        "suivi": {
            key: getattr(config.Horizons(), field) for key, field in config.HORIZON_KEYS.items()
        },
    }


def test_the_documented_defaults_are_the_defaults():
    (block,) = [body for _, _, body in BLOCKS if body.startswith("# essplan.toml — valeurs")]
    assert tomllib.loads(block) == defaults()
    for table, values in defaults().items():
        for key, value in values.items():
            assert row(f"`[{table}]` `{key}`")[1].split()[0] == str(value)


# ------------------------------------------------------------------ les codes


def test_the_codes_table_is_the_catalogue():
    """Chaque code du catalogue vivant (les règles ajoutées plus tard comprises), avec son nom,
    sa sévérité par défaut et son intitulé ; aucun code retiré."""
    documented = re.findall(r"^\| (ESS\d{3}) \|", DOC, re.M)
    assert documented == list(catalogue())
    for code, doc in catalogue().items():
        cells = row(code)
        assert cells[:3] == [doc.name, doc.severity.label, doc.label], code
        assert cells[3], code


# ------------------------------------------------------------------ les mois


def month_rows() -> list[tuple[list[object], str, str]]:
    section = DOC.split("\n## Les mois\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for first, start, end in re.findall(r"^\| (`.*?) \| (.*?) \| (.*?) \|$", section, re.M):
        forms = re.findall(r"`([^`]*)`", first)
        rows.append(([{'""': "", "null": None}.get(f, f) for f in forms], start, end))
    return rows


def test_the_months_table_says_what_essplan_reads():
    rows = month_rows()
    assert len(rows) >= 12
    for forms, start, end in rows:
        for form in forms:
            read = (parse_month(form, "debut").iso, parse_month(form, "fin").iso)
            assert read == (start, end) or (read == (None, None) and start == end == "inconnu"), (
                form,
                read,
            )
