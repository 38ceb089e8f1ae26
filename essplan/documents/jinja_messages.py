"""Les messages de Jinja en français : tous ceux qu'il peut produire en lisant, compilant ou
rendant un modèle (`parser.py`, `lexer.py`, `compiler.py`, `runtime.py`, `sandbox.py`,
`environment.py`, `filters.py`, `utils.py`, `exceptions.py` de Jinja 3.1).

Chaque entrée de `JINJA` est une expression régulière sur le message anglais, le texte français
(les groupes nommés y sont repris, convertis) et un exemple de message anglais, que les tests
traduisent. `tests/test_template_messages.py` relit les sources de Jinja installé et échoue si
un message qu'un modèle peut provoquer n'a pas d'entrée ; il rend aussi, pour chaque entrée, un
modèle qui la provoque. Un message de plusieurs phrases (« Encountered unknown tag 'x'. Jinja
was looking for… ») se traduit phrase par phrase.
"""

from __future__ import annotations

import re

from .translation import M, Message, alternatives, kind, position, quoted

_Q = r"'[^']*'|\"[^\"]*\""  # un nom écrit par repr()
_ANY = r".+?"

JINJA: tuple[Message, ...] = (
    # parser.py : les balises et la structure
    M(r"Unexpected end of template\.", "fin du modèle inattendue.", "Unexpected end of template."),
    M(
        rf"Encountered unknown tag (?P<tag>{_Q})\.",
        "balise inconnue {tag}.",
        "Encountered unknown tag 'endfro'.",
    ),
    M(
        r"You probably made a nesting mistake\.",
        "erreur d'imbrication probable :",
        "You probably made a nesting mistake.",
    ),
    M(
        r"Jinja is expecting this tag, but currently looking for (?P<tags>.+)\.",
        "cette balise viendra, mais il faut d'abord fermer par {tags}.",
        "Jinja is expecting this tag, but currently looking for 'endif'.",
        tags=alternatives,
    ),
    M(
        r"Jinja was looking for the following tags: (?P<tags>.+)\.",
        "balise attendue : {tags}.",
        "Jinja was looking for the following tags: 'endfor' or 'else'.",
        tags=alternatives,
    ),
    M(
        rf"The innermost block that needs to be closed is (?P<tag>{_Q})\.",
        "le bloc ouvert le plus récent est {tag}.",
        "The innermost block that needs to be closed is 'for'.",
    ),
    M("tag name expected", "nom de balise attendu après « {{% »", "tag name expected"),
    M(
        r"Block names in Jinja have to be valid Python identifiers and may not contain"
        r" hyphens, use an underscore instead\.",
        "un nom de bloc s'écrit en lettres, chiffres et « _ », sans tiret.",
        "Block names in Jinja have to be valid Python identifiers and may not contain hyphens,"
        " use an underscore instead.",
    ),
    M(
        "Required blocks can only contain comments or whitespace",
        "un bloc obligatoire (« required ») ne contient que des commentaires ou des espaces",
        "Required blocks can only contain comments or whitespace",
    ),
    M(
        "names starting with an underline can not be imported",
        "un nom qui commence par « _ » ne s'importe pas",
        "names starting with an underline can not be imported",
    ),
    M(
        "non-default argument follows default argument",
        "un argument sans valeur par défaut suit un argument qui en a une",
        "non-default argument follows default argument",
    ),
    M("expected call", "appel attendu (« nom(…) »)", "expected call"),
    M(
        rf"can't assign to (?P<what>{_Q})",
        "impossible d'affecter une valeur à {what}",
        "can't assign to 'const'",
    ),
    M(
        rf"Expected an expression, got (?P<token>{_Q})",
        "expression attendue, trouvé {token}",
        "Expected an expression, got 'end of statement block'",
    ),
    M("expected name or number", "nom ou nombre attendu après le point", "expected name or number"),
    M(
        "expected subscript expression",
        "indice attendu entre crochets",
        "expected subscript expression",
    ),
    M(
        "invalid syntax for function call expression",
        "appel de fonction mal écrit",
        "invalid syntax for function call expression",
    ),
    M(
        "You cannot chain multiple tests with is",
        "un seul test par « is »",
        "You cannot chain multiple tests with is",
    ),
    # lexer.py : les jetons
    M(
        rf"expected token (?P<expected>{_Q}), got (?P<found>{_Q})",
        "{expected} attendu, trouvé {found}",
        "expected token 'end of print statement', got 'titre'",
    ),
    M(
        rf"unexpected end of template, expected (?P<expected>{_Q})\.",
        "fin du modèle inattendue, {expected} attendu.",
        "unexpected end of template, expected 'end of print statement'.",
    ),
    M(
        rf"unexpected (?P<found>{_Q}), expected (?P<expected>{_Q})",
        "{found} inattendu, {expected} attendu",
        "unexpected ')', expected ']'",
    ),
    M(rf"unexpected (?P<found>{_Q})", "{found} inattendu", "unexpected 'end of statement block'"),
    M(
        rf"unexpected char (?P<char>{_Q}) at (?P<at>\d+)",
        "caractère inattendu {char} (au caractère {at} du modèle)",
        "unexpected char '$' at 12",
        at=str,
    ),
    M(
        "Invalid character in identifier",
        "caractère interdit dans un nom",
        "Invalid character in identifier",
    ),
    M(
        "Missing end of comment tag",
        "commentaire non fermé : « #}} » manque",
        "Missing end of comment tag",
    ),
    M(
        "Missing end of raw directive",
        "« {{% endraw %}} » manque",
        "Missing end of raw directive",
    ),
    M(
        r"(?P<what>truncated \\\S+ escape|malformed \\N character escape|unknown Unicode"
        r" character name|illegal Unicode character|\\ at end of string)",
        "échappement « \\ » invalide dans un texte entre guillemets",
        r"truncated \xXX escape",
    ),
    # compiler.py
    M(
        r"No (?P<what>filter|test) named (?P<name>.+?)(?: found)?\."
        r"(?: \((?P<detail>.+); did you forget to quote the callable name\?\))?",
        "{what} inconnu {name}{detail}",
        "No filter named 'montnt'.",
        what=lambda what: "filtre" if what == "filter" else "test",
        detail=lambda detail: f" ({translate(detail)} ; le nom s'écrit entre guillemets)",
    ),
    M(
        rf"block (?P<name>{_Q}) defined twice",
        "bloc {name} défini deux fois",
        "block 'corps' defined twice",
    ),
    M(
        "cannot use extend from a non top-level scope",
        "« extends » s'écrit au premier niveau du modèle, hors de tout bloc ou boucle",
        "cannot use extend from a non top-level scope",
    ),
    M(
        "Can't assign to special loop variable in for-loop target",
        "« loop » est réservé : il ne peut pas être une variable de boucle",
        "Can't assign to special loop variable in for-loop target",
    ),
    M(
        'When defining macros or call blocks the special "caller" argument must be omitted or'
        r" be given a default\.",
        "l'argument « caller » d'une macro s'omet ou reçoit une valeur par défaut.",
        'When defining macros or call blocks the special "caller" argument must be omitted or'
        " be given a default.",
    ),
    M(
        rf"Required block (?P<name>{_Q}) not found",
        "bloc obligatoire {name} absent du modèle qui étend celui-ci",
        "Required block 'corps' not found",
    ),
    M(
        "extended multiple times",
        "« extends » plusieurs fois : un modèle n'étend qu'un modèle",
        "extended multiple times",
    ),
    M(
        "cannot assign attribute on non-namespace object",
        "« set x.y = … » ne s'applique qu'à un namespace()",
        "cannot assign attribute on non-namespace object",
    ),
    M(
        rf"the template (?P<template>{_Q}) \(imported on (?P<at>{_ANY})\) does not export the"
        rf" requested name (?P<name>{_Q})",
        "le modèle {template} (importé {at}) n'exporte pas {name}",
        "the template 'macros.j2' (imported on line 1 in 'annexe.md.j2') does not export the"
        " requested name 'tableau'",
        at=position,
    ),
    # runtime.py et sandbox.py
    M(rf"(?P<name>{_Q}) is undefined", "{name} n'est pas défini", "'plam' is undefined"),
    M(
        rf"(?P<obj>{_Q}) has no attribute (?P<name>{_Q})",
        "{obj} n'a pas d'attribut {name}",
        "'essplan.model.plan.Plan object' has no attribute 'titr'",
        obj=kind,
    ),
    M(
        rf"(?P<obj>{_ANY}) has no element (?P<name>.+)",
        "{obj} n'a pas d'élément {name}",
        "list object has no element 7",
        obj=kind,
    ),
    M(
        rf"access to attribute (?P<name>{_Q}) of (?P<obj>{_Q}) object is unsafe\.",
        "accès refusé à l'attribut {name} d'un objet {obj} : un modèle ne lit que des données",
        "access to attribute '__class__' of 'Plan' object is unsafe.",
    ),
    M(
        rf"(?P<obj>{_ANY}) is not safely callable",
        "appel refusé dans un modèle",
        "<function f at 0x7f> is not safely callable",
    ),
    M(
        "value was undefined because a callable raised a StopIteration exception",
        "valeur indéfinie : l'appel a levé StopIteration",
        "value was undefined because a callable raised a StopIteration exception",
    ),
    M(
        rf"parameter (?P<name>{_Q}) was not provided",
        "argument {name} non donné à la macro",
        "parameter 'montant' was not provided",
    ),
    M(
        rf"the inline if-expression on (?P<at>{_ANY}) evaluated to false and no else section"
        r" was defined\.",
        "« … if … » sans « else » ({at}) : la condition est fausse, il n'y a rien à écrire.",
        "the inline if-expression on line 3 in 'annexe.md.j2' evaluated to false and no else"
        " section was defined.",
        at=position,
    ),
    M(
        r"No (?P<what>aggregated|first|last|random) item, sequence was empty\.",
        "{what} d'une liste vide.",
        "No first item, sequence was empty.",
        what=lambda what: {"aggregated": "min ou max"}.get(what, what),
    ),
    M(
        rf"there is no parent block called (?P<name>{_Q})\.",
        "pas de bloc parent {name} : super() n'a rien à reprendre.",
        "there is no parent block called 'corps'.",
    ),
    M(
        r"there is no (?P<which>previous|next) item",
        "pas d'élément {which} dans la boucle",
        "there is no previous item",
        which=lambda which: "précédent" if which == "previous" else "suivant",
    ),
    M(
        "No caller defined",
        "caller() n'existe que dans une macro appelée par « {{% call %}} »",
        "No caller defined",
    ),
    M(
        r"Attempted to invoke a context (?P<what>filter|test) without context\.",
        "{what} appelé sans contexte.",
        "Attempted to invoke a context filter without context.",
        what=lambda what: "filtre" if what == "filter" else "test",
    ),
    M(
        "no items for cycling given",
        "cycler() demande au moins une valeur",
        "no items for cycling given",
    ),
    M(
        "at least one item has to be provided",
        "cycler() demande au moins une valeur",
        "at least one item has to be provided",
    ),
    M(
        r"The loop must have the 'recursive' marker to be called recursively\.",
        "« loop(…) » demande une boucle marquée « recursive ».",
        "The loop must have the 'recursive' marker to be called recursively.",
    ),
    M(
        rf"macro (?P<name>{_Q}) takes no keyword argument (?P<arg>{_Q})",
        "la macro {name} n'a pas d'argument {arg}",
        "macro 'cout' takes no keyword argument 'prix'",
    ),
    M(
        rf"macro (?P<name>{_Q}) takes not more than (?P<count>\d+) argument\(s\)",
        "la macro {name} prend au plus {count} argument(s)",
        "macro 'cout' takes not more than 1 argument(s)",
        count=str,
    ),
    M(
        rf"macro (?P<name>{_Q}) was invoked with two values for the special caller argument\."
        r" This is most likely a bug\.",
        "la macro {name} reçoit deux fois l'argument « caller ».",
        "macro 'cout' was invoked with two values for the special caller argument. This is"
        " most likely a bug.",
    ),
    M(
        r"Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((?P<count>\d+)\)\.",
        "range trop long : au plus {count} éléments.",
        "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).",
        count=str,
    ),
    M(
        r"format_map\(\) takes (?:no keyword arguments|exactly one argument.*)",
        "format_map() n'est pas permis dans un modèle",
        "format_map() takes no keyword arguments",
    ),
    M(
        r"none of the templates given were found: (?P<names>.*)",
        "aucun de ces modèles n'existe : {names}",
        "none of the templates given were found: a.j2, b.j2",
        names=lambda names: ", ".join(quoted(name) for name in names.split(", ")),
    ),
    M(
        r"Tried to select from an empty list of templates\.",
        "liste de modèles vide.",
        "Tried to select from an empty list of templates.",
    ),
    M("chunk after expression", "texte en trop après l'expression", "chunk after expression"),
    # filters.py
    M(
        r"Can only get item pairs from a mapping\.",
        "items s'applique à un dictionnaire.",
        "Can only get item pairs from a mapping.",
    ),
    M(
        "can't handle positional and keyword arguments at the same time",
        "format : des valeurs par position ou par nom, pas les deux",
        "can't handle positional and keyword arguments at the same time",
    ),
    M(
        "method must be common, ceil or floor",
        "round : method vaut « common », « ceil » ou « floor »",
        "method must be common, ceil or floor",
    ),
    M(
        r"Invalid character in attribute name: (?P<name>.+)",
        "caractère interdit dans un nom d'attribut : {name}",
        "Invalid character in attribute name: 'a b'",
    ),
    M(
        'You can only sort by either "key" or "value"',
        "dictsort : by vaut « key » ou « value »",
        'You can only sort by either "key" or "value"',
    ),
    M(
        rf"(?P<scheme>{_Q}) is not a valid URI scheme prefix\.",
        "{scheme} n'est pas un début d'adresse valable.",
        "'ftp' is not a valid URI scheme prefix.",
    ),
    M(
        r"Unexpected keyword argument (?P<name>.+)",
        "argument nommé inattendu {name}",
        "Unexpected keyword argument 'x'",
    ),
    M(
        "map requires a filter argument",
        "map demande un nom de filtre",
        "map requires a filter argument",
    ),
    M(
        "Missing parameter for attribute name",
        "nom d'attribut manquant",
        "Missing parameter for attribute name",
    ),
    M("argument must be iterable", "l'argument doit être une liste", "argument must be iterable"),
)

_SENTENCE = re.compile(r"(?<=\.) (?=[A-Z])")


def translate(text: str) -> str | None:
    """Le message de Jinja en français ; None s'il n'est pas dans la table."""
    for message in JINJA:
        french = message.translate(text)
        if french is not None:
            return french
    sentences = _SENTENCE.split(text)
    if len(sentences) == 1:
        return None
    parts = [translate(sentence) for sentence in sentences]
    return None if None in parts else " ".join(p for p in parts if p is not None)
