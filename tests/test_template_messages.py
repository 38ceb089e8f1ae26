"""Les messages de Jinja en français (issue 13) : la table (`documents/jinja_messages.py`) est
complète pour le Jinja installé, chacune de ses entrées se traduit sans un mot d'anglais, et un
modèle qui provoque chaque message le voit ressortir en français, avec son fichier et sa ligne,
code 1."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from pathlib import Path

import jinja2
import pytest

from essplan.documents.faults import PYTHON
from essplan.documents.jinja_messages import JINJA, translate

BASE = Path(__file__).parent / "bad_inputs" / "_base"
JINJA_SOURCES = Path(jinja2.__file__).parent
# Les modules de Jinja qui lisent, compilent et rendent un modèle (`ext.py` n'est pas chargé :
# essplan n'active aucune extension ; `loaders.py` est remplacé par `documents/loader.py`).
READ = ("parser.py", "lexer.py", "compiler.py", "runtime.py", "sandbox.py", "environment.py")
READ += ("filters.py", "tests.py", "utils.py", "exceptions.py", "nodes.py")
# Des mots anglais que Jinja écrit et qu'un message français ne contient pas (hors des « »,
# où sont cités les noms du modèle).
ENGLISH = re.compile(
    r"\b(expected|unexpected|undefined|attribute|template|token|named|found|encountered|"
    r"looking|innermost|closed|object|takes|invalid|must|cannot|can't|got|tag|tags|filter|"
    r"element|unsafe|access|missing|given|defined|twice|either|least|only|with|the|is|"
    r"not|of|to|and|or)\b",
    re.IGNORECASE,
)
# Les messages de ces modules qu'aucun modèle ne peut provoquer, et pourquoi.
UNREACHABLE = {
    "Can't compile non template nodes": "l'API de compilation, jamais un modèle",
    "no loader for this environment specified": "essplan donne toujours un chargeur",
    "The environment was not created with async mode enabled.": "pas de mode asynchrone",
    "Module is not available in async mode.": "pas de mode asynchrone",
    "Async mode requires a body stream to be passed to a template module. Use the async"
    " methods of the API you are using.": "pas de mode asynchrone",
    "buffer size too small": "TemplateStream.enable_buffering, jamais appelé",
    "either extensions or filter_func can be passed, but not both": "list_templates",
    "Unknown for branch": "erreur interne de Jinja (idtracking)",
    "can't create custom node types": "construction des nœuds par Jinja",
    "Can't create internal names.  Use the `free_identifier` method on a parser.": "idem",
    "if no eval context is passed, the node must have an attached environment.": "idem",
    "abstract nodes are not instantiable": "idem",
    "internal parsing error": "erreur interne de Jinja (parser)",
    "unknown load instruction": "erreur interne de Jinja (compiler)",
    "Template variable warning: %s": "un journal, pas un message (LoggingUndefined)",
}
UNREACHABLE_PATTERNS = (
    r"unknown attribute .*|.* takes 0 (arguments|or .* argument.*)",  # nodes.Node()
    r".* wanted to resolve the (new state|token) dynamically but no group matched",  # lexer
    r".* yielded empty string without stack change",  # lexer
)


def english_left(french: str) -> list[str]:
    """Les mots anglais d'un message, hors des noms cités entre « »."""
    return ENGLISH.findall(re.sub(r"«[^»]*»", "", french))


@pytest.mark.parametrize("message", JINJA + PYTHON, ids=lambda m: m.example[:40])
def test_every_entry_translates_its_example(message):
    french = message.translate(message.example)
    assert french is not None
    assert english_left(french) == [], french
    assert "{" not in french.replace("{%", "").replace("{#", "").replace("{{", "")


def source_messages(path: Path) -> set[str]:
    """Les messages qu'un module de Jinja lève : le premier argument (texte ou f-string) de
    chaque exception, de `fail` et de `undefined` (une valeur indéfinie porte son message), les
    phrases d'une erreur de balise (`_fail_ut_eof`), les `return` de `_undefined_message`, et
    les textes des `raise` et des `undefined(…)` écrits dans le code compilé."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_undefined_message":
            found |= {shape(n.value) for n in ast.walk(node) if isinstance(n, ast.Return)}
        if isinstance(node, ast.FunctionDef) and node.name == "_fail_ut_eof":
            lists = [n for n in ast.walk(node) if isinstance(n, ast.List)]
            found |= {shape(element) for items in lists for element in items.elts}
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        text = shape(node.args[0])
        generated = re.search(r'(?:TemplateRuntimeError\(|undefined\()"(.*?)"?(?:,|\)|$)', text)
        if name in ("write", "writeline") and generated:
            found.add(generated[1])
        elif name in ("fail", "append", "undefined", "_undefined") or name.endswith(
            ("Error", "NotFound")
        ):
            found.add(text)
    return {text for text in found if re.search(r"[a-z]{2,} [a-z]", text)}


def shape(node: ast.AST) -> str:
    """Le texte d'un argument : `{…}` à la place de chaque valeur d'une f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(shape(v) if isinstance(v, ast.Constant) else "{…}" for v in node.values)
    if isinstance(node, ast.BinOp):
        return shape(node.left) + shape(node.right)
    return ""


def covered(text: str) -> bool:
    """Une forme de message (`{…}` pour chaque valeur) se traduit-elle, pour des valeurs d'un
    type plausible (un nom cité, un nombre, un mot) ?"""
    holes = text.count("{…}")
    for values in itertools.product(("'x'", "1", "x", "filter"), repeat=min(holes, 3)):
        sample = text
        for value in values:
            sample = sample.replace("{…}", value, 1)
        if translate(sample.replace("{…}", "'x'")) is not None:
            return True
    return False


@pytest.mark.parametrize("module", READ)
def test_the_table_covers_every_message_jinja_can_give(module):
    missing = [
        text
        for text in sorted(source_messages(JINJA_SOURCES / module))
        if text not in UNREACHABLE
        and not any(re.fullmatch(pattern, text) for pattern in UNREACHABLE_PATTERNS)
        and not covered(text)
    ]
    assert missing == []


def test_the_source_scan_finds_the_messages():
    """Le relevé voit bien les messages (sinon le test précédent ne prouverait rien)."""
    assert "Encountered unknown tag {…}." in source_messages(JINJA_SOURCES / "parser.py")
    assert "expected token {…}, got {…}" in source_messages(JINJA_SOURCES / "lexer.py")
    assert "{…} is undefined" in source_messages(JINJA_SOURCES / "runtime.py")
    assert "extended multiple times" in source_messages(JINJA_SOURCES / "compiler.py")
    assert "parameter {…} was not provided" in source_messages(JINJA_SOURCES / "compiler.py")
    assert "No first item, sequence was empty." in source_messages(JINJA_SOURCES / "filters.py")


# Pour chaque entrée qu'un modèle peut provoquer : un modèle, et ce qu'on lit en français.
# `macros.md.j2` et `base.md.j2` sont écrits à côté (voir `repository`).
TRIGGERS = {
    "Unexpected end of template.": ("{% if true %}", "fin du modèle inattendue."),
    "Encountered unknown tag": ("{% for x in fiches %}{% endfro %}", "balise inconnue « endfro »"),
    "You probably made a nesting mistake.": (
        "{% for x in fiches %}{% if true %}{% endfor %}",
        "erreur d'imbrication probable : cette balise viendra, mais il faut d'abord fermer par"
        " « elif » ou « else » ou « endif ».",
    ),
    "Jinja is expecting this tag": (
        "{% for x in fiches %}{% if true %}{% endfor %}",
        "il faut d'abord fermer par",
    ),
    "Jinja was looking for the following tags": (
        "{% for x in fiches %}{% endfro %}",
        "balise attendue : « endfor » ou « else ».",
    ),
    "The innermost block": ("{% for x in fiches %}{% endfro %}", "le bloc ouvert le plus récent est « for »."),
    "tag name expected": ("{% 1 %}", "nom de balise attendu après « {% »"),
    "Block names in Jinja": ("{% block a-b %}{% endblock %}", "un nom de bloc s'écrit"),
    "Required blocks can only": ("{% block a required %}x{% endblock %}", "un bloc obligatoire"),
    "names starting with an underline": ('{% from "macros.md.j2" import _x %}', "« _ » ne s'importe pas"),
    "non-default argument": ("{% macro m(a=1, b) %}{% endmacro %}", "un argument sans valeur par défaut"),
    "expected call": ("{% call x %}{% endcall %}", "appel attendu"),
    "can't assign to": ("{% set 1 = 2 %}", "impossible d'affecter une valeur à « const »"),
    "Expected an expression": ("{{ }}", "expression attendue, trouvé « }} »"),
    "expected name or number": ('{{ plan."x" }}', "nom ou nombre attendu après le point"),
    "invalid syntax for function call": ("{{ f(a=1, 2) }}", "appel de fonction mal écrit"),
    "You cannot chain multiple tests": ("{{ 1 is odd is even }}", "un seul test par « is »"),
    "expected token": ("{{ plan.titre plan }}", "« }} » attendu, trouvé « plan »"),
    "unexpected end of template, expected": ("{{ plan.titre", "fin du modèle inattendue, « }} » attendu."),
    "unexpected ')', expected": ("{{ [1) }}", "« ) » inattendu, « ] » attendu"),
    "unexpected 'end": ("{{ 1 + }}", "« }} » inattendu"),
    "unexpected char": ("{{ 1 $ 2 }}", "caractère inattendu « $ » (au caractère 5 du modèle)"),
    "Invalid character in identifier": ("{{ \u00b7a }}", "caractère interdit dans un nom"),
    "Missing end of comment tag": ("{# abc", "commentaire non fermé : « #} » manque"),
    "Missing end of raw directive": ("{% raw %}abc", "« {% endraw %} » manque"),
    "truncated": ('{{ "\\x" }}', "échappement « \\ » invalide dans un texte entre guillemets"),
    "No filter named": ("{{ 1|montnt }}", "filtre inconnu « montnt »"),
    "block 'corps' defined twice": (
        "{% block a %}{% endblock %}{% block a %}{% endblock %}",
        "bloc « a » défini deux fois",
    ),
    "cannot use extend from": ('{% for x in [1] %}{% extends "x" %}{% endfor %}', "« extends » s'écrit au premier niveau"),
    "Can't assign to special loop": ("{% for loop in fiches %}{% endfor %}", "« loop » est réservé"),
    "When defining macros": ("{% macro m(caller) %}{{ caller() }}{% endmacro %}", "l'argument « caller » d'une macro"),
    "Required block '": ('{% extends "base.md.j2" %}', "bloc obligatoire « corps » absent"),
    "extended multiple times": (
        '{% extends "macros.md.j2" %}{% extends "macros.md.j2" %}',
        "« extends » plusieurs fois",
    ),
    "cannot assign attribute": ("{% set x = 1 %}{% set x.y = 2 %}", "ne s'applique qu'à un namespace()"),
    "the template '": (
        '{% from "macros.md.j2" import absent %}{{ absent }}',
        "le modèle « macros.md.j2 » (importé ligne 1 de « annexe.md.j2 ») n'exporte pas « absent »",
    ),
    "'plam' is undefined": ("{{ plam }}", "« plam » n'est pas défini"),
    "has no attribute": ("{{ plan.titr }}", "un objet « Plan » n'a pas d'attribut « titr »"),
    "has no element": ("{{ plan.axes[7] }}", "une liste n'a pas d'élément « 7 »"),
    "access to attribute": ("{{ plan.__class__ }}", "accès refusé à l'attribut « __class__ »"),
    "no items for cycling given": ("{% for x in fiches %}{{ loop.cycle() }}{% endfor %}", "cycler() demande"),
    "at least one item": ("{{ cycler() }}", "cycler() demande au moins une valeur"),
    "The loop must have": ("{% for x in fiches %}{{ loop([]) }}{% endfor %}", "marquée « recursive »"),
    "takes no keyword argument '": (
        "{% macro m() %}{% endmacro %}{{ m(prix=1) }}",
        "la macro « m » n'a pas d'argument « prix »",
    ),
    "takes not more than": ("{% macro m() %}{% endmacro %}{{ m(1) }}", "la macro « m » prend au plus 0"),
    "was invoked with two values": (
        "{% macro m() %}{% endmacro %}{% call m() %}{% endcall %}{{ m(caller=1) }}",
        "la macro « m » reçoit deux fois l'argument « caller »",
    ),
    "none of the templates": ('{% include ["a.j2", "b.j2"] %}', "aucun de ces modèles n'existe : « a.j2 », « b.j2 »"),
    "Tried to select from an empty list": ("{% include [] %}", "liste de modèles vide."),
    "Can only get item pairs": ("{{ 1|items|list }}", "items s'applique à un dictionnaire."),
    "can't handle positional": ('{{ "%s"|format(1, a=2) }}', "format : des valeurs par position"),
    "method must be common": ('{{ 1.5|round(method="x") }}', "round : method vaut"),
    "Invalid character in attribute name": ('{{ {"a b": 1}|xmlattr }}', "caractère interdit dans un nom d'attribut"),
    'You can only sort by either "key"': ('{{ {}|dictsort(by="x") }}', "dictsort : by vaut"),
    "is not a valid URI scheme": ('{{ "x"|urlize(extra_schemes=["ftp"]) }}', "« ftp » n'est pas un début d'adresse"),
    "Unexpected keyword argument": ('{{ [1]|map(attribute="x", y=1)|list }}', "argument nommé inattendu « y »"),
    "map requires a filter": ("{{ [1]|map|list }}", "map demande un nom de filtre"),
    "Missing parameter for attribute": ("{{ [1]|selectattr|list }}", "nom d'attribut manquant"),
    "argument must be iterable": ("{{ 1|reverse }}", "l'argument doit être une liste"),
    "was not provided": ("{% macro m(montant) %}{{ montant }}{% endmacro %}{{ m() }}", "argument « montant » non donné"),
    "sequence was empty": ("{{ []|first }}", "first d'une liste vide."),
    "there is no parent block": ("{% block corps %}{{ super() }}{% endblock %}", "pas de bloc parent « corps »"),
    "there is no previous item": ("{% for x in fiches %}{{ loop.previtem }}{% endfor %}", "pas d'élément précédent"),
    "No caller defined": ("{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}", "caller() n'existe que dans une macro"),
}  # fmt: skip
# Les entrées qu'aucun modèle ne provoque avec essplan, et pourquoi (la table les garde : un
# autre usage de Jinja, ou une version à venir, pourrait les montrer).
NOT_TRIGGERED = {
    "expected subscript expression": "l'analyseur ne l'appelle que devant « . » ou « [ »",
    "is not safely callable": "aucun objet donné aux modèles n'est marqué non sûr",
    "value was undefined because": "aucun appelable donné aux modèles ne lève StopIteration",
    "Attempted to invoke a context": "l'API call_filter, jamais un modèle",
    "Range too big": "essplan remplace range() par le sien (limits.bounded_range)",
    "format_map() takes": "format_map n'est pas lisible dans un modèle (sandbox.readable)",
    "chunk after expression": "Environment.compile_expression, jamais un modèle",
    "the inline if-expression": "« x if c » sans « else » vaut un texte vide : Jinja n'y met"
    " pas StrictUndefined",
}


def entry_key(example: str) -> str:
    keys = [key for key in (*TRIGGERS, *NOT_TRIGGERED) if key in example]
    assert len(keys) == 1, (example, keys)
    return keys[0]


def test_every_entry_has_a_trigger_or_a_reason():
    assert sorted(entry_key(message.example) for message in JINJA) == sorted(
        {*TRIGGERS, *NOT_TRIGGERED}
    )


def repository(tmp_path: Path, template: str) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "annexe.md.j2").write_text(template, encoding="utf-8")
    (folder / "macros.md.j2").write_text("{% macro tableau() %}{% endmacro %}", encoding="utf-8")
    (folder / "base.md.j2").write_text("{% block corps required %}{% endblock %}", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("key", sorted(TRIGGERS))
def test_each_message_comes_out_in_french(run_cli, tmp_path, key):
    template, french = TRIGGERS[key]
    repo = repository(tmp_path, template)
    result = run_cli("report", "p", "-f", "markdown", "-o", "-", cwd=repo)
    assert result.exit_code == 1, result.stderr
    assert french in result.stderr
    message = result.stderr.removeprefix("essplan : ")
    assert re.match(rf"{re.escape(str(repo / 'templates'))}/\w+\.md\.j2:\d+ : ", message), message
    assert english_left(message.split(" : ", 1)[1]) == [], message
    assert "erreur interne" not in result.stderr
