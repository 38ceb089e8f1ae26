"""Mise en forme française des montants, des mois et des listes (Babel, données CLDR).

Babel plutôt que du code maison : les règles françaises (espace fine insécable entre les
milliers, espace insécable avant « € », « a, b et c ») y sont tenues à jour par CLDR.

Module de base : il n'importe rien d'essplan (le type `Month` seulement, pour le vérificateur).
"""

from __future__ import annotations

import errno
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

if TYPE_CHECKING:  # le type seulement : ce module de base n'importe rien d'essplan
    from .model.months import Month

LOCALE = "fr_FR"


def amount(value: Decimal | int | float) -> str:
    """« 62 500 € », « 12,50 € » : les centimes seulement s'il y en a."""
    value = Decimal(str(value))
    pattern = "#,##0\u00a0¤" if value == value.to_integral_value() else "#,##0.00\u00a0¤"
    return format_currency(value, "EUR", locale=LOCALE, format=pattern, currency_digits=False)


def number(value: Decimal | int | float) -> str:
    """« 1 312 500 », sans unité."""
    return format_decimal(value, locale=LOCALE)


def month(value: Month | None, unknown: str = "inconnu") -> str:
    """« octobre 2016 » ; un mois inconnu garde son texte (« ????? ») ou devient `unknown`."""
    if value is None or not value.known:
        return value.texte.strip() if value is not None and value.texte.strip() else unknown
    return format_date(value.first_day, "MMMM y", locale=LOCALE)


STATUS_LABELS = {
    "a_venir": "à venir",
    "en_cours": "en cours",
    "en_pause": "en pause",
    "bloque": "bloqué",
    "realise": "réalisé",
    "abandonne": "abandonné",
}


def status(value: str | None) -> str:
    """« en cours » pour `en_cours` : le statut tel qu'on le dit, jamais la valeur du format."""
    return STATUS_LABELS.get(value or "", value or "")


_TIME = re.compile(r"(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?")


def time_of_day(text: str) -> str:
    """« 08 H 15 », « 8h15 », « 08:15 » → « 8 h 15 » (espaces insécables, comme l'écrit
    l'Imprimerie nationale) ; un texte qui n'est pas une heure reste tel quel."""
    found = _TIME.fullmatch(text.strip())
    if found is None or int(found[1]) > 23:
        return text
    hours, minutes = int(found[1]), found[2]
    return f"{hours}\u00a0h\u00a0{minutes}" if minutes and minutes != "00" else f"{hours}\u00a0h"


def shortened(shown: list[str], total: int) -> str:
    """« a, b, c et 12 autres » : les premiers éléments d'une liste de `total`. Un message porté
    par chaque occurrence d'un groupe ne doit pas grandir avec le plan : la sortie serait
    quadratique."""
    left = total - len(shown)
    return ", ".join(shown) + (f" et {number(left)} autres" if left > 0 else "")


def join(items: list[str]) -> str:
    """« a, b et c »."""
    return format_list(list(items), locale=LOCALE) if items else ""


_OS_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "opération non permise",
    errno.EEXIST: "un fichier existe déjà à cet endroit",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ELOOP: "lien symbolique en boucle",
    errno.ENAMETOOLONG: "nom trop long",
}


def os_error(error: OSError) -> str:
    """La cause d'une erreur du système, en français (« disque plein »)."""
    known = _OS_ERRORS.get(error.errno) if error.errno is not None else None
    return known or error.strerror or str(error)
