"""Ce que les modèles de documents voient d'une fiche : la fiche, son axe, son numéro dans
l'axe, et ses financeurs et indicateurs écrits en phrases. Partagé par les documents et la
frise.

Les phrases sont faites ici, une fois, plutôt que dans chaque modèle : « Région : 5 000 € »
pour un financeur chiffré (jamais la représentation Python d'un dictionnaire), « Communes
membres du réseau — unité : communes ; cible : 20 (10 en 2022, 20 en 2024) ; valeurs : 6 en
2021, 12 en 2022 » pour un indicateur suivi ; un indicateur écrit en simple texte reste ce
texte. Ce sont des données : le modèle les échappe comme tout texte du plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import french
from ..model.suivi import Financeur


@dataclass(frozen=True, slots=True)
class FicheView:
    """Une fiche telle que les modèles la montrent : avec son axe et son numéro d'action."""

    fiche: Any  # model.fiche.Fiche
    axe: Any  # model.plan.Axe
    numero: str  # « 3 » pour la fiche 1.3 de l'axe 1 ; l'identifiant sinon

    @property
    def id(self) -> str:
        return self.fiche.id

    @property
    def financeurs(self) -> list[str]:
        """Chaque élément de `financement` écrit pour le lecteur (un texte reste tel quel)."""
        financement = self.fiche.financement
        if isinstance(financement, str):
            return [financement] if financement else []
        return [funder_text(item) for item in financement or ()]

    @property
    def indicateurs(self) -> list[str]:
        return [indicator_text(indicateur) for indicateur in self.fiche.indicateurs or ()]


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def figure(value: object) -> str:
    """Une valeur ou une cible d'indicateur : un nombre à la française (« 1 800 »), un texte
    tel qu'écrit."""
    return french.number(value) if is_number(value) else str(value)  # type: ignore[arg-type]


def funder_text(item: str | Financeur) -> str:
    """« Région : 5 000 € », « Région : 5 000 € (2022) », « Région » sans montant."""
    if isinstance(item, str):
        return item
    text = item.financeur
    if item.montant is not None:
        text += f" : {french.amount(item.montant)}"
    if item.annee is not None:
        text += f" ({item.annee})"
    return text


def indicator_text(indicateur: Any) -> str:
    """Le libellé, puis ce que le plan dit de plus : unité, cible (et cibles annuelles),
    valeurs mesurées ; le libellé seul s'il ne dit rien d'autre."""
    said = []
    if indicateur.unite:
        said.append(f"unité : {indicateur.unite}")
    yearly = ", ".join(f"{figure(v)} en {y}" for y, v in sorted(indicateur.cibles.items()))
    if indicateur.cible is not None:
        said.append(f"cible : {figure(indicateur.cible)}" + (f" ({yearly})" if yearly else ""))
    elif yearly:
        said.append(f"cibles : {yearly}")
    if indicateur.valeurs:
        values = ", ".join(f"{figure(v)} en {y}" for y, v in sorted(indicateur.valeurs.items()))
        said.append(f"valeurs : {values}")
    return f"{indicateur.libelle} — {' ; '.join(said)}" if said else indicateur.libelle
