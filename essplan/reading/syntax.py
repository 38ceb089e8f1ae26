"""Les messages d'erreur de libyaml, en français.

libyaml signale une erreur de syntaxe par un « problème » (`found unexpected ':'`) et, souvent,
un « contexte » (`while scanning a simple key`). La table ci-dessous traduit chacun des
messages que libyaml peut produire (scanner.c, parser.c, reader.c de libyaml 0.2.5 et 0.2.6, et
les ajouts de PyYAML) ; un test vérifie qu'elle les couvre tous. Un message inconnu (une
version future de libyaml) devient « erreur de syntaxe YAML », jamais le texte anglais.
"""

from __future__ import annotations

import yaml

from ..diagnostics import Diagnostic
from .decode import position
from .document import Limits

# Problème → message ; la clé est le début du message anglais, la plus longue l'emporte.
PROBLEMS = {
    "mapping values are not allowed in this context": "« : » inattendu : une valeur qui contient"
    " « : » doit être entre guillemets, ou l'indentation est fausse",
    "mapping keys are not allowed in this context": "« ? » inattendu : une clé complexe n'est"
    " pas admise ici",
    "block sequence entries are not allowed in this context": "« - » inattendu : une liste ne"
    " peut pas commencer ici (indentation ?)",
    "could not find expected ':'": "« : » attendu après une clé (ligne coupée, guillemet non"
    " fermé ?)",
    "could not find expected directive name": "nom de directive « % » attendu",
    "did not find expected key": "clé attendue : l'indentation de cette ligne ne correspond pas"
    " à celle des lignes voisines",
    "did not find expected '-' indicator": "élément de liste « - » attendu : indentation"
    " incohérente",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu : crochet non fermé ?",
    "did not find expected ',' or '}'": "« , » ou « } » attendu : accolade non fermée ?",
    "did not find expected node content": "valeur attendue",
    "did not find expected <document start>": "contenu inattendu après la fin du document"
    " (indentation ?)",
    "did not find expected <stream-start>": "début de fichier illisible",
    "did not find expected alphabetic or numeric character": "nom d'ancre ou d'alias invalide"
    " (lettres et chiffres attendus après « & » ou « * »)",
    "did not find expected comment or line break": "texte inattendu après une valeur"
    " (guillemet fermé trop tôt ?)",
    "did not find expected whitespace or line break": "espace ou fin de ligne attendu",
    "did not find expected whitespace": "espace attendu",
    "did not find expected digit or '.' character": "numéro de version YAML illisible",
    "did not find expected version number": "numéro de version YAML attendu",
    "did not find expected hexdecimal number": "code hexadécimal attendu dans la séquence"
    " d'échappement",
    "did not find expected tag URI": "étiquette « ! » illisible",
    "did not find expected '!'": "étiquette « ! » illisible",
    "did not find URI escaped octet": "étiquette « ! » illisible (séquence « % » invalide)",
    "did not find the expected '>'": "« > » attendu pour fermer l'étiquette « !<…> »",
    "found a tab character that violates indentation": "tabulation dans l'indentation : YAML"
    " n'admet que des espaces",
    "found a tab character where an indentation space is expected": "tabulation dans"
    " l'indentation : YAML n'admet que des espaces",
    "found a tab character": "tabulation dans l'indentation : YAML n'admet que des espaces",
    "found an incorrect leading UTF-8 octet": "caractère illisible dans une étiquette",
    "found an incorrect trailing UTF-8 octet": "caractère illisible dans une étiquette",
    "found an indentation indicator equal to 0": "indicateur d'indentation 0 interdit après"
    " « | » ou « > »",
    "found character that cannot start any token": "caractère qui ne peut pas commencer une"
    " valeur : mettez la valeur entre guillemets (les tabulations sont interdites en début de"
    " ligne)",
    "found duplicate %TAG directive": "directive %TAG donnée deux fois",
    "found duplicate %YAML directive": "directive %YAML donnée deux fois",
    "found extremely long version number": "numéro de version YAML trop long",
    "found incompatible YAML document": "version de YAML non prise en charge",
    "found invalid Unicode character escape code": "séquence d'échappement vers un caractère"
    " Unicode impossible",
    "found undefined tag handle": "préfixe d'étiquette « ! » non déclaré",
    "found unexpected ':'": "« : » inattendu : mettez la valeur entre guillemets",
    "found unexpected document indicator": "« --- » ou « ... » inattendu au milieu d'un texte"
    " entre guillemets",
    "found unexpected end of stream": "fin de fichier inattendue : un guillemet, un crochet ou"
    " une accolade n'est pas fermé",
    "found unexpected non-alphabetical character": "caractère inattendu dans une directive « % »",
    "found unknown directive name": "directive « % » inconnue (seules %YAML et %TAG existent) :"
    " une valeur qui commence par « % » doit être entre guillemets",
    "found unknown escape character": "séquence d'échappement inconnue entre guillemets"
    " doubles : doublez la barre oblique inverse ou utilisez des guillemets simples",
    "found undefined alias": "alias sans ancre correspondante",
    "found duplicate anchor": "ancre « & » définie deux fois",
    "control characters are not allowed": "caractère de contrôle interdit",
    "invalid Unicode character": "caractère Unicode interdit",
    "invalid leading UTF-8 octet": "texte illisible (UTF-8 invalide)",
    "invalid trailing UTF-8 octet": "texte illisible (UTF-8 invalide)",
    "invalid length of a UTF-8 sequence": "texte illisible (UTF-8 invalide)",
    "incomplete UTF-8 octet sequence": "texte illisible (UTF-8 incomplet en fin de fichier)",
    "incomplete UTF-16 character": "texte illisible (UTF-16 incomplet)",
    "incomplete UTF-16 surrogate pair": "texte illisible (UTF-16 incomplet)",
    "expected low surrogate area": "texte illisible (UTF-16 invalide)",
    "unexpected low surrogate area": "texte illisible (UTF-16 invalide)",
    "input is too long": "fichier trop long pour libyaml",
    "input error": "lecture du fichier impossible",
}

# Contexte → message, quand le problème lui-même n'est pas dans la table.
CONTEXTS = {
    "while scanning a simple key": "clé illisible",
    "while scanning a quoted scalar": "guillemet non fermé",
    "while parsing a quoted scalar": "guillemet non fermé",
    "while scanning a plain scalar": "valeur illisible",
    "while scanning a block scalar": "texte en bloc (« | » ou « > ») illisible",
    "while scanning an anchor": "ancre « & » illisible",
    "while scanning an alias": "alias « * » illisible",
    "while scanning a tag directive": "directive %TAG illisible",
    "while scanning a %TAG directive": "directive %TAG illisible",
    "while scanning a %YAML directive": "directive %YAML illisible",
    "while scanning a directive": "directive « % » illisible",
    "while scanning a tag": "étiquette « ! » illisible",
    "while scanning for the next token": "caractère inattendu",
    "while parsing a %TAG directive": "directive %TAG illisible",
    "while parsing a tag directive": "directive %TAG illisible",
    "while parsing a tag": "étiquette « ! » illisible",
    "while parsing a block collection": "liste ou dictionnaire illisible (indentation ?)",
    "while parsing a block mapping": "dictionnaire illisible (indentation ?)",
    "while parsing a block node": "valeur illisible (indentation ?)",
    "while parsing a flow mapping": "accolade « { » non fermée",
    "while parsing a flow sequence": "crochet « [ » non fermé",
    "while parsing a flow node": "valeur attendue entre crochets ou accolades",
    "while parsing a node": "valeur illisible",
    "while parsing": "YAML illisible",
}

# Le dépassement de la profondeur que libyaml accepte : c'est la limite d'imbrication (ESS009),
# pas une faute de syntaxe. PyYAML 6.0.2 et suivants : « exceeded maximum nesting depth » ;
# libyaml seul : « Maximum nesting level reached… ».
NESTING_PROBLEMS = ("exceeded maximum nesting depth", "Maximum nesting level reached")

# Contextes qui s'ouvrent là où l'erreur prend sa source : la position du guillemet ou du
# crochet ouvrant dit plus que celle de la fin du fichier, celle du « % » d'une directive plus
# que celle de la fin de son nom.
OPENING_CONTEXTS = (
    "while scanning a quoted",
    "while parsing a quoted",
    "while parsing a flow",
    "while scanning a directive",
)

GENERIC = "erreur de syntaxe YAML"


def is_nesting(problem: str | None) -> bool:
    return (problem or "").startswith(NESTING_PROBLEMS)


def translate(problem: str | None, context: str | None) -> str:
    """Le message français d'une erreur de libyaml ; jamais le texte anglais."""
    return _lookup(PROBLEMS, problem) or _lookup(CONTEXTS, context) or GENERIC


def _lookup(table: dict[str, str], english: str | None) -> str | None:
    if not english:
        return None
    matches = [key for key in table if english.startswith(key)]
    return table[max(matches, key=len)] if matches else None


def syntax_diagnostic(display: str, error: yaml.MarkedYAMLError, limits: Limits) -> Diagnostic:
    """Le diagnostic d'une erreur de libyaml : ESS001 en français, ou ESS009 pour la profondeur."""
    mark = error.problem_mark or error.context_mark
    if error.context_mark and (error.context or "").startswith(OPENING_CONTEXTS):
        mark = error.context_mark  # là où s'ouvre le guillemet ou le crochet, pas la fin du fichier
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if is_nesting(error.problem):
        # libyaml a vu la profondeur avant nous (il lit en avance les crochets ouverts) : c'est
        # la même limite, le même code et le même message que s'il l'avait laissée à essplan.
        return Diagnostic("ESS009", too_deep(limits.max_depth), display, line, column)
    return Diagnostic("ESS001", translate(error.problem, error.context), display, line, column)


def reader_diagnostic(display: str, text: str, error: yaml.reader.ReaderError) -> Diagnostic:
    """Un caractère que libyaml refuse (U+FFFE, U+0080, U+007F…), ESS001 à sa place.

    libyaml donne sa position en octets du texte encodé en UTF-8 : on la ramène à la ligne et à
    la colonne en caractères, comme celles de ses autres messages (un caractère hors du plan
    multilingue de base compte pour un, pas pour quatre)."""
    prefix = text.encode("utf-8")[: max(error.position, 0)].decode("utf-8", errors="ignore")
    line, column = position(prefix, len(prefix))
    character = error.character
    if isinstance(character, int) and character >= 0 and error.reason.startswith("control"):
        message = (
            f"caractère interdit U+{character:04X} : YAML n'admet ni les caractères de contrôle"
            " ni les non-caractères Unicode ; retirez-le"
        )
    else:
        message = translate(error.reason, None)
    return Diagnostic("ESS001", message, display, line, column)


def too_deep(max_depth: int) -> str:
    return f"imbrication trop profonde (plus de {max_depth} niveaux)"


def libyaml_max_depth() -> int | None:
    """La profondeur au-delà de laquelle libyaml refuse de lire (None : aucune limite).

    PyYAML 6.0.2 et suivants livrent un libyaml qui s'arrête à 1 000 niveaux ; une limite
    configurée plus haute ne pourrait pas être tenue : `config.py` la refuse.
    """
    from yaml import _yaml

    getter = getattr(_yaml, "_get_max_nest_level", None)
    return getter() if getter is not None else None
