"""Ce que les modèles de documents voient d'une fiche : la fiche, son axe, son numéro dans
l'axe. Partagé par les documents et la frise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FicheView:
    """Une fiche telle que les modèles la montrent : avec son axe et son numéro d'action."""

    fiche: Any  # model.fiche.Fiche
    axe: Any  # model.plan.Axe
    numero: str  # « 3 » pour la fiche 1.3 de l'axe 1 ; l'identifiant sinon

    @property
    def id(self) -> str:
        return self.fiche.id
