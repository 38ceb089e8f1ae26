"""Les cas du fuzzer : une commande d'essplan et les changements faits à une copie des plans
livrés avant de la lancer. Tout est tiré par hypothesis, qui sait réduire un cas qui échoue au
plus petit qui échoue encore."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from essplan.cli.app import HELP_ORDER

from . import hostile

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "plans"
PLAN_IDS = tuple(sorted(p.name for p in PLANS.iterdir() if (p / "plan.yaml").is_file()))
YAML_FILES = tuple(
    sorted(str(p.relative_to(REPO)) for p in PLANS.glob("*/**/*.yaml") if "sources" not in p.parts)
)
KINDS = ("text", "bytes", "remove", "fifo", "symlink", "directory", "sparse")
COMMANDS = HELP_ORDER  # chaque commande d'essplan, dans l'ordre de l'aide
FORMATS = ("full", "concise", "json", "github", "gitlab", "sarif")
IMPORTED = "texte-importe.txt"  # le texte que lit un cas d'import, à la racine du dépôt
WORKBOOK = "collecte.xlsx"  # le classeur que relit un cas de collecte (`collect --merge`)
TEMPLATE_FILE = "modele.html.j2"  # un modèle donné par son chemin (`report -t modele.html.j2`)


@dataclass(frozen=True)
class Change:
    """Un changement du dépôt : `path` relatif à sa racine ; `data` : le contenu (text, bytes),
    la cible du lien (symlink) ou la taille en octets (sparse)."""

    kind: str
    path: str
    data: bytes = b""

    def apply(self, root: Path) -> None:
        path = root / self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
        if self.kind in ("text", "bytes"):
            path.write_bytes(self.data)
        elif self.kind == "fifo":
            os.mkfifo(path)
        elif self.kind == "symlink":
            os.symlink(os.fsdecode(self.data), path)
        elif self.kind == "directory":
            path.mkdir()
        elif self.kind == "sparse":
            with open(path, "wb") as stream:
                stream.write(b'id: "1.1"\naxe: 1\ntitre: ')
                stream.truncate(int(self.data))


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]
    changes: tuple[Change, ...]

    @property
    def family(self) -> str:
        return self.command[0]


# ---------------------------------------------------------------------- changements d'un fichier


def _lines(path: str) -> list[str]:
    return (REPO / path).read_text(encoding="utf-8").splitlines()


_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?[\w.]+:)\s*(.*)$")


@st.composite
def scalars(draw) -> str:
    return draw(
        st.one_of(
            st.sampled_from(hostile.SCALARS),
            st.integers(-(10**40), 10**40).map(str),
            st.integers(4290, 4400).map(lambda n: "9" * n),
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=20).map(repr),
            st.text(max_size=12).map(lambda t: t.replace("\n", " ")),
        )
    )


@st.composite
def value_changes(draw, path: str) -> Change:
    """Une valeur remplacée, une ligne remplacée ou insérée, dans le texte d'un fichier YAML."""
    lines = _lines(path)
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    how = draw(st.sampled_from(("value", "line", "insert")))
    match = _KEY_LINE.match(lines[index]) if lines else None
    if how == "value" and match:
        lines[index] = f"{match[1]} {draw(scalars())}"
    elif how == "line" and lines:
        lines[index] = draw(st.sampled_from(hostile.LINES))
    else:
        indent = draw(st.sampled_from(("", "  ", "    ")))
        key = draw(st.sampled_from(("titre", "cout", "debut", "fin", "pilotes", "x", "id")))
        lines.insert(index, f"{indent}{key}: {draw(scalars())}")
    return Change("text", path, ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


@st.composite
def byte_changes(draw, path: str) -> Change:
    """Des octets glissés, un fichier coupé ou réencodé."""
    raw = (REPO / path).read_bytes()
    how = draw(st.sampled_from(("insert", "truncate", "latin1", "utf16", "crlf")))
    at = draw(st.integers(0, len(raw)))
    if how == "insert":
        extra = draw(st.one_of(st.sampled_from(hostile.BYTES), st.binary(max_size=8)))
        raw = raw[:at] + extra + raw[at:]
    elif how == "truncate":
        raw = raw[:at]
    elif how == "latin1":
        raw = raw.decode("utf-8").encode("latin-1", "replace")
    elif how == "utf16":
        raw = raw.decode("utf-8").encode("utf-16")
    else:
        raw = raw.replace(b"\n", b"\r\n")
    return Change("bytes", path, raw)


_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.dates().map(str),
)
structures = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def structure_changes(draw, path: str) -> Change:
    """Un fichier entier remplacé par une autre structure (liste, scalaire, dictionnaire)."""
    import yaml

    return Change("text", path, yaml.safe_dump(draw(structures), allow_unicode=True).encode())


@st.composite
def file_kind_changes(draw, path: str) -> Change:
    """Un fichier qui n'en est plus un, ou qui est démesuré."""
    kind = draw(st.sampled_from(("remove", "fifo", "symlink", "directory", "sparse")))
    if kind == "symlink":
        target = draw(st.sampled_from(("/dev/zero", "/etc/passwd", "/nulle/part", "../../..")))
        return Change(kind, path, target.encode())
    if kind == "sparse":
        return Change(kind, path, str(draw(st.sampled_from((6 * 2**20, 60 * 2**20)))).encode())
    return Change(kind, path)


@st.composite
def plan_changes(draw) -> Change:
    path = draw(st.sampled_from(YAML_FILES))
    family = draw(
        st.sampled_from(
            (value_changes, value_changes, value_changes, byte_changes, structure_changes)
        )
    )
    return draw(family(path))


@st.composite
def special_changes(draw) -> Change:
    """Un fichier spécial, une fiche au nom illisible, une configuration ou un modèle hostile."""
    where = draw(st.sampled_from(("fiche", "name", "config", "template")))
    if where == "fiche":
        return draw(file_kind_changes(draw(st.sampled_from(YAML_FILES))))
    if where == "name":
        name = os.fsdecode(b"fiches/\xff\xfe-" + draw(st.sampled_from((b"1.1", b"9.9"))) + b".yaml")
        plan = draw(st.sampled_from(PLAN_IDS))
        return Change("text", f"plans/{plan}/{name}", b'id: "9.9"\naxe: 1\ntitre: Nom\n')
    if where == "config":
        if draw(st.booleans()):
            return draw(file_kind_changes("essplan.toml"))
        return Change("text", "essplan.toml", draw(st.sampled_from(hostile.CONFIGS)).encode())
    name = draw(st.sampled_from(("annexe", "deliberation", "synthese")))
    ext = draw(st.sampled_from(("html", "md")))
    return draw(template_changes(f"templates/{name}.{ext}.j2"))


@st.composite
def template_changes(draw, path: str) -> Change:
    """Un modèle hostile : une évasion du bac à sable, un calcul démesuré, une faute ; parfois
    pas en UTF-8, parfois pas un fichier."""
    if draw(st.integers(0, 9)) == 0:
        return draw(file_kind_changes(path))
    body = draw(st.one_of(st.sampled_from(hostile.TEMPLATES), st.text(max_size=40)))
    raw = body.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        raw = b"\xff\xfe" + raw
    return Change("bytes", path, raw)


# ------------------------------------------------------------------------------- les commandes


def _plan_args(draw) -> list[str]:
    return draw(st.sampled_from(([], [PLAN_IDS[0]], [PLAN_IDS[-1]], list(PLAN_IDS[:2]))))


def _output(draw, plan: str) -> list[str]:
    """`-o` : la sortie standard, un fichier, une fiche (refusée), un périphérique."""
    target = draw(
        st.sampled_from(("-", "sortie.txt", f"plans/{plan}/fiches/1.1.yaml", "/dev/null", "."))
    )
    return ["-o", target]


_DATES = ("2026-11", "2018-01", "0000-01", "9999-12", "13/2026", "novembre 2026", "x")
_YEARS = ("2016", "2018", "2024", "0", "-1", "9999", "99999999999999999999")


@st.composite
def commands(draw, family: str) -> tuple[str, ...]:
    plan = draw(st.sampled_from(PLAN_IDS))
    args = [family]
    if family == "validate":
        args += _plan_args(draw) + ["--output-format", draw(st.sampled_from(FORMATS))]
    elif family == "lint":
        args += _plan_args(draw) + ["--date", draw(st.sampled_from(_DATES))]
        args += ["--output-format", draw(st.sampled_from(FORMATS))]
        args += draw(st.sampled_from(([], ["--statistics"], ["--select", "ESS3"])))
        args += draw(st.sampled_from(([], _output(draw, plan))))
    elif family == "budget":
        args += _plan_args(draw) + draw(st.sampled_from(([], ["--year"])))
        if args[-1] == "--year":
            args.append(draw(st.sampled_from(_YEARS)))
        args += draw(st.sampled_from(([], ["--prorata"])))
        args += ["--output-format", draw(st.sampled_from(("table", "markdown", "csv", "json")))]
        args += ["--by", draw(st.sampled_from(("axe", "section", "fiche")))]
        args += draw(st.sampled_from(([], _output(draw, plan))))
    elif family == "status":
        args += _plan_args(draw) + ["--date", draw(st.sampled_from(_DATES))]
        args += ["--output-format", draw(st.sampled_from(("table", "markdown", "csv", "json")))]
        args += ["--by", draw(st.sampled_from(("axe", "pilote", "statut")))]
        args += draw(st.sampled_from(([], _output(draw, plan))))
    elif family == "report":
        templates = ("annexe", "deliberation", "synthese", "bilan", TEMPLATE_FILE)
        args += [plan, "-t", draw(st.sampled_from(templates))]
        args += ["-f", draw(st.sampled_from(("html", "markdown")))]
        args += _output(draw, plan)
        args += draw(st.sampled_from((["--date"], ["--year"], ["--year"], [])))
        if args[-1] in ("--date", "--year"):
            args.append(draw(st.sampled_from(_DATES if args[-1] == "--date" else _YEARS)))
    elif family in ("export", "collect", "new", "init"):
        args += draw(_exchange_args(family, plan))
    elif family == "import":
        name = draw(st.sampled_from(("importe", "x" * 300, "Majuscules", "clermont-2016")))
        args += [IMPORTED, "--plan", name] + draw(st.sampled_from(([], ["--force"])))
    elif family == "rule":
        args.append(draw(st.sampled_from(("ESS101", "ESS999", "ess3", "--all", ""))))
    else:
        args.append(draw(st.sampled_from(("plan", "fiche", "autre"))))
    return tuple(args)


_EXPORT_FORMATS = ("xlsx", "csv", "json", "scdl-deliberations", "docx")


@st.composite
def _exchange_args(draw, family: str, plan: str) -> list[str]:
    """Les commandes d'échange et de création : export, collect (le classeur, puis sa relecture),
    new (une fiche, un plan), init (un dépôt dans un sous-dossier, ou par-dessus celui-ci)."""
    if family == "export":
        args = _plan_args(draw) + ["--format", draw(st.sampled_from(_EXPORT_FORMATS))]
        return args + draw(st.sampled_from(([], _output(draw, plan))))
    if family == "collect":
        year = ["--year", draw(st.sampled_from(_YEARS))]
        merge = ["--merge", WORKBOOK] + draw(st.sampled_from(([], ["--write"])))
        return [plan] + draw(st.sampled_from((year + _output(draw, plan), merge, merge + year)))
    if family == "new":
        title = ["--titre", draw(st.sampled_from(hostile.SCALARS))]
        fiche = ["fiche", plan, "--axe", draw(st.sampled_from(("1", "A", "9", "")))] + title
        new_plan = ["plan", draw(st.sampled_from(("nouveau-plan", plan, "Mauvais Id", "x" * 80)))]
        return draw(st.sampled_from((fiche, new_plan)))
    folder = draw(st.sampled_from(("nouveau", ".", "plans")))
    args = [folder, "--collectivite", draw(st.sampled_from(hostile.SCALARS))]
    args += ["--plan", draw(st.sampled_from(("val-2026", "Mauvais Id", "")))]
    return args + draw(st.sampled_from(([], ["--periode", draw(st.sampled_from(_DATES))])))


@st.composite
def workbooks(draw) -> Change:
    """Le classeur qui revient des pilotes : des octets quelconques, une archive zip abîmée, un
    texte, un tube."""
    how = draw(st.sampled_from(("zip", "zip", "bytes", "text", "fifo")))
    if how == "fifo":
        return Change("fifo", WORKBOOK)
    raw = draw(st.binary(max_size=200))
    if how == "zip":
        raw = b"PK\x03\x04" + raw
    elif how == "text":
        raw = draw(st.sampled_from(hostile.SCALARS)).encode("utf-8", "surrogatepass")
    return Change("bytes", WORKBOOK, raw)


@st.composite
def import_texts(draw) -> Change:
    """Le texte d'une délibération à importer : des lignes plausibles mêlées au hasard."""
    lines = draw(st.lists(st.sampled_from(hostile.IMPORT_LINES), max_size=40))
    raw = "\n".join(lines).encode("utf-8")
    how = draw(st.sampled_from(("utf8", "utf8", "latin1", "binary", "fifo", "zero")))
    if how == "fifo":
        return Change("fifo", IMPORTED)
    if how == "zero":
        return Change("symlink", IMPORTED, b"/dev/zero")
    if how == "latin1":
        raw = raw.decode("utf-8").encode("latin-1", "replace")
    elif how == "binary":
        raw = draw(st.binary(max_size=64)) + raw
    return Change("bytes", IMPORTED, raw)


@st.composite
def cases(draw, family: str | None = None) -> Case:
    family = family or draw(st.sampled_from(COMMANDS))
    changes = draw(st.lists(plan_changes(), max_size=3))
    if draw(st.integers(0, 3)) == 0:
        changes.append(draw(special_changes()))
    command = draw(commands(family))
    if family == "import":
        changes.append(draw(import_texts()))
    if WORKBOOK in command:
        changes.append(draw(workbooks()))
    if TEMPLATE_FILE in command:
        changes.append(draw(template_changes(TEMPLATE_FILE)))
    elif family == "report" and draw(st.booleans()):  # le modèle même que rend la commande
        name, output_format = command[command.index("-t") + 1], command[command.index("-f") + 1]
        ext = "html" if output_format == "html" else "md"
        changes.append(draw(template_changes(f"templates/{name}.{ext}.j2")))
    return Case(command, tuple(changes))
