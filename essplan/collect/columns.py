"""Les feuilles et les colonnes du classeur de collecte, nommées une fois pour l'écriture et la
relecture ; une colonne se retrouve par son en-tête, sans égard aux accents, à la casse ni aux
espaces (« depenses 2023 » est « Dépenses 2023 »)."""

from __future__ import annotations

import re

from ..model.month_words import strip_accents

ACTIONS, INDICATEURS, MARKER_SHEET = "Actions", "Indicateurs", "essplan"
MARKER = "essplan collect"
FORMAT_VERSION = 1

FICHE, TITRE, PILOTES = "Fiche", "Titre", "Pilotes"
STATUT, AVANCEMENT, NOTE = "Statut", "Avancement", "Note de suivi"
INDICATEUR, UNITE, CIBLE = "Indicateur", "Unité", "Cible"


def depenses(year: int) -> str:
    return f"Dépenses {year}"


def valeur(year: int) -> str:
    return f"Valeur {year}"


def action_headers(year: int) -> tuple[str, ...]:
    return (FICHE, TITRE, PILOTES, STATUT, AVANCEMENT, NOTE, depenses(year))


def indicator_headers(year: int, previous: list[int]) -> tuple[str, ...]:
    return (FICHE, INDICATEUR, UNITE, CIBLE, *(valeur(y) for y in previous), valeur(year))


def normalised(header: object) -> str:
    """L'en-tête tel qu'on le compare : sans accents, en minuscules, espaces réduits."""
    return re.sub(r"\s+", " ", strip_accents(str(header))).strip().casefold()
