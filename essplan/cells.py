"""Une cellule de tableur qui ne s'exécute pas : le texte d'un plan que LibreOffice ou Excel
prendrait pour une formule est neutralisé, dans chaque format de tableur (CSV, xlsx).

Un tableur lit comme une formule une cellule qui commence par « = », « + », « - » ou « @ »
(et certains, après une tabulation ou un retour chariot) : « =HYPERLINK(…) » dans un titre de
fiche deviendrait un lien piégé chez le service des finances (injection de formule, OWASP). La
parade commune est une apostrophe devant : le tableur montre le texte tel quel, sans l'apostrophe,
qui est la marque du texte littéral. À la relecture d'un classeur revenu (`essplan collect
--merge`), `restored` retire l'apostrophe que `neutralised` a mise, et elle seule.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralised(text: str) -> str:
    """Le texte tel qu'une cellule peut le porter sans être prise pour une formule."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """Le texte d'une cellule écrite par `neutralised`, tel que le plan le porte."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
