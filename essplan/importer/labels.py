"""Les intitulés de rubriques que les collectivités écrivent, en une seule table.

Une fiche-action dit « Pilote », « Porteur », « Chef de file » ou « Référent(e) » pour la même
chose ; `LABELS` rend chaque intitulé simplifié (sans accents ni parenthèses, en minuscules,
« œ » écrit « oe ») au champ du format qu'il remplit. Deux champs ne sont pas du format :
`defi` (l'intitulé de l'axe rappelé dans la fiche) et `calendrier` (« Calendrier : 2022-2024 »,
qui donne `debut` et `fin` : voir `rubrics.py`).

`PLACEHOLDERS` sont les valeurs qui ne disent rien (« à désigner », « NC », « - ») : le champ
reste absent et la valeur est notée parmi les reprises (`rubrics.py`). `FIELD_NAMES` nomme les
champs en français, pour les reprises et le résumé de l'import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.month_words import strip_accents

# intitulé simplifié → champ ; un intitulé par ligne, groupés par champ, dans l'ordre du format.
LABELS = {
    # l'axe rappelé dans la fiche
    "defi": "defi",
    "axe": "defi",
    "priorite": "defi",
    "orientation": "defi",
    # le titre
    "action": "titre",
    "intitule": "titre",
    "intitule de l'action": "titre",
    "proposition": "titre",
    "titre": "titre",
    # les pilotes
    "pilote": "pilotes",
    "pilotes": "pilotes",
    "porteur": "pilotes",
    "porteurs": "pilotes",
    "porteur de projet": "pilotes",
    "responsable": "pilotes",
    "responsables": "pilotes",
    "referent": "pilotes",
    "referente": "pilotes",
    "referents": "pilotes",
    "chef de file": "pilotes",
    "chefs de file": "pilotes",
    # les associés
    "associe": "associes",
    "associes": "associes",
    "partenaire": "associes",
    "partenaires": "associes",
    "partenaires associes": "associes",
    "acteurs associes": "associes",
    # le contexte
    "contexte": "contexte",
    "enjeux": "contexte",
    "enjeu": "contexte",
    "constat": "contexte",
    "description": "contexte",
    # la méthode
    "methode": "methode",
    "etapes": "methode",
    "etapes de mise en oeuvre": "methode",
    "modalites": "methode",
    "modalites de mise en oeuvre": "methode",
    "actions a mener": "methode",
    # les résultats attendus
    "resultats attendus": "resultats_attendus",
    "resultat attendu": "resultats_attendus",
    "objectifs": "resultats_attendus",
    "objectif": "resultats_attendus",
    # le public cible
    "public cible": "public_cible",
    "publics cibles": "public_cible",
    "beneficiaires": "public_cible",
    # les moyens humains
    "moyens humains necessaires": "moyens_humains",
    "moyens humains": "moyens_humains",
    # le début et la fin
    "debut action": "debut",
    "debut de l'action": "debut",
    "debut": "debut",
    "date de debut": "debut",
    "fin de l'action": "fin",
    "fin action": "fin",
    "fin": "fin",
    "echeance": "fin",
    "date de fin": "fin",
    "date d'echeance": "fin",
    # le calendrier, qui donne le début et la fin (« 2022-2024 »)
    "calendrier": "calendrier",
    "calendrier previsionnel": "calendrier",
    "calendrier de realisation": "calendrier",
    "periode": "calendrier",
    "periode de realisation": "calendrier",
    "duree": "calendrier",
    "duree de l'action": "calendrier",
    # le coût
    "cout indicatif": "cout",
    "cout": "cout",
    "budget": "cout",
    "budget previsionnel": "cout",
    "montant": "cout",
    # le financement
    "financement assure par": "financement",
    "financement": "financement",
    "financeurs": "financement",
    "plan de financement": "financement",
    # les remarques
    "remarques": "remarques",
    "remarque": "remarques",
    # les indicateurs
    "indicateurs d'evaluation": "indicateurs",
    "indicateurs": "indicateurs",
    "indicateurs de suivi": "indicateurs",
    "indicateurs de resultat": "indicateurs",
    "indicateurs de resultats": "indicateurs",
}

# Les valeurs qui ne disent rien, simplifiées comme les intitulés. « ? » et « ????? » n'en sont
# pas : c'est le mois inconnu du format, gardé tel qu'écrit (le linter le signale) ; « Néant »
# non plus : c'est un coût nul.
PLACEHOLDERS = frozenset(
    {
        "a designer",
        "a definir",
        "a determiner",
        "a preciser",
        "a completer",
        "nc",
        "n.c.",
        "non communique",
        "non renseigne",
        "non defini",
        "-",
        "–",
        "—",
    }
)

# Les champs nommés en français, dans l'ordre du format.
FIELD_NAMES = {
    "titre": "titre",
    "pilotes": "pilotes",
    "associes": "associés",
    "contexte": "contexte",
    "methode": "méthode",
    "resultats_attendus": "résultats attendus",
    "public_cible": "public cible",
    "moyens_humains": "moyens humains",
    "debut": "début",
    "fin": "fin",
    "cout": "coût",
    "financement": "financement",
    "indicateurs": "indicateurs",
    "calendrier": "calendrier",
}

_LABEL_LINE = re.compile(r"(?P<label>[^:]{1,60}?)\s*:\s*(?P<value>.*)")


@dataclass(frozen=True, slots=True)
class Label:
    field: str  # le champ du format (ou « defi » : voir plus haut)
    written: str  # l'intitulé tel qu'écrit (« Associé(s) (es) »)
    value: str  # ce qui suit les deux-points sur la même ligne


def simplify_label(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.replace("’", "'").replace("œ", "oe").replace("Œ", "OE"))
    return " ".join(strip_accents(text).lower().split())


def read_label(text: str) -> Label | None:
    """« Pilote(s) : Raymond Collet » → Label("pilotes", "Pilote(s)", "Raymond Collet")."""
    if ":" not in text:  # tri rapide : sans deux-points, aucune rubrique
        return None
    match = _LABEL_LINE.fullmatch(text)
    if not match:
        return None
    known = LABELS.get(simplify_label(match["label"]))
    return Label(known, match["label"].strip(), match["value"].strip()) if known else None


# Le plus de mots d'une valeur de `PLACEHOLDERS` : simplifier ne change pas le nombre de mots
# d'un texte sans parenthèses, un texte qui en a plus n'en est pas une (et n'est pas simplifié :
# l'import pose la question à chaque valeur de chaque fiche).
_PLACEHOLDER_WORDS = max(len(text.split()) for text in PLACEHOLDERS)


def is_placeholder(value: str) -> bool:
    """« à désigner », « NC », « - » : une valeur qui ne dit rien."""
    if "(" not in value and len(value.split(None, _PLACEHOLDER_WORDS)) > _PLACEHOLDER_WORDS:
        return False
    simplified = simplify_label(value)
    return simplified in PLACEHOLDERS or simplified.rstrip(" .") in PLACEHOLDERS
