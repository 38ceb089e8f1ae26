"""Mise en forme française des montants, des mois et des listes (Babel, données CLDR).

Babel plutôt que du code maison : les règles françaises (espace fine insécable entre les
milliers, espace insécable avant « € », « a, b et c ») y sont tenues à jour par CLDR.

Babel n'est importé qu'à la première mise en forme : une commande qui ne met rien en forme (un
`validate` dont chaque fiche sort du cache) ne le charge pas.

Module de base : il n'importe rien d'essplan (le type `Month` seulement, pour le vérificateur).
"""

from __future__ import annotations

import errno
import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # le type seulement : ce module de base n'importe rien d'essplan
    from .model.months import Month

LOCALE = "fr_FR"


def prepare() -> None:
    """Babel et les données CLDR du français chargés d'avance, par une mise en forme de chaque
    sorte : avant de lancer des processus de travail (`pool.map_plans`), qui en héritent au
    lieu de les charger chacun."""
    import datetime

    amount(1)
    _month_name(datetime.date(2000, 1, 1))
    _list_separators()


def amount(value: Decimal | int | float) -> str:
    """« 62 500 € », « 12,50 € » : les centimes seulement s'il y en a."""
    return _amount(str(value))


# Les mises en forme de Babel, gardées par valeur : le linter écrit les mêmes montants, nombres
# et mois dans des milliers de messages. La clé est ce dont le résultat dépend, et rien de moins
# (le texte du nombre, son type pour `number`, le mois entier).
@lru_cache(maxsize=4096)
def _amount(text: str) -> str:
    value = Decimal(text)
    pattern = "#,##0\u00a0¤" if value == value.to_integral_value() else "#,##0.00\u00a0¤"
    from babel.numbers import format_currency  # Babel à la première mise en forme (démarrage)

    return format_currency(value, "EUR", locale=LOCALE, format=pattern, currency_digits=False)


def number(value: Decimal | int | float) -> str:
    """« 1 312 500 », sans unité."""
    return _number(type(value).__name__, str(value), value)


@lru_cache(maxsize=4096)
def _number(kind: str, text: str, value: Decimal | int | float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALE)


def percent(value: Decimal | int | float) -> str:
    """« 70 % », « 12,5 % » pour 70 et 12,5 : des points de pour cent (un avancement, une
    progression), l'espace insécable de CLDR avant « % »."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALE) + "\u00a0%"


def month(value: Month | None, unknown: str = "inconnu") -> str:
    """« octobre 2016 » ; un mois inconnu garde son texte (« ????? ») ou devient `unknown`."""
    if value is None or not value.known:
        return value.texte.strip() if value is not None and value.texte.strip() else unknown
    return _month_name(value.first_day)


@lru_cache(maxsize=4096)
def _month_name(first_day: Any) -> str:
    from babel.dates import format_date

    return format_date(first_day, "MMMM y", locale=LOCALE)


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


def described(value: object) -> str:
    """Une valeur telle qu'un message la nomme : « le texte « x » », « rien (none) »."""
    if value is None:
        return "rien (none)"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, int) and value.bit_length() > 64:
        return "un très grand nombre"
    if isinstance(value, (int, float, Decimal)):
        return f"le nombre {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else f"{value[:40]}…"
        return f"le texte « {shown} »"
    kinds: dict[type, str] = {list: "une liste", tuple: "une liste", dict: "un dictionnaire"}
    return kinds.get(type(value), f"un objet « {type(value).__name__} »")


_TIME = re.compile(r"(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?")


def time_of_day(text: str) -> str:
    """« 08 H 15 », « 8h15 », « 08:15 » → « 8 h 15 » (espaces insécables, comme l'écrit
    l'Imprimerie nationale) ; un texte qui n'est pas une heure reste tel quel."""
    found = _TIME.fullmatch(text.strip())
    if found is None or int(found[1]) > 23:
        return text
    hours, minutes = int(found[1]), found[2]
    return f"{hours}\u00a0h\u00a0{minutes}" if minutes and minutes != "00" else f"{hours}\u00a0h"


_CITED = 60  # caractères d'une valeur citée dans un message, au plus


def citation(value: object) -> str:
    """Une valeur lue telle qu'un message la cite : un texte long coupé, sa longueur dite ; un
    entier démesuré décrit sans être converti en texte (Python refuse d'écrire un entier de
    plus de 4 300 chiffres, et personne ne les lirait)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        return f"nombre d'environ {number(int(value.bit_length() * 0.30103) + 1)} chiffres"
    try:
        text = str(value)
    except ValueError:  # une liste ou un dictionnaire qui contient un tel entier
        return "valeur démesurée"
    if len(text) <= _CITED:
        return text
    return f"{text[:_CITED]}… ({number(len(text))} caractères)"


def shortened(shown: list[str], total: int) -> str:
    """« a, b, c et 12 autres » : les premiers éléments d'une liste de `total`. Un message porté
    par chaque occurrence d'un groupe ne doit pas grandir avec le plan : la sortie serait
    quadratique."""
    left = total - len(shown)
    return ", ".join(shown) + (f" et {number(left)} autres" if left > 0 else "")


def join(items: list[str]) -> str:
    """« a, b et c ». Les motifs de CLDR, appliqués en une passe : `format_list` de Babel
    recopie le texte déjà fait à chaque élément (64 000 pilotes : 15 s)."""
    texts = [str(item) for item in items]
    if len(texts) < 4:
        return _short_list(tuple(texts))
    first, middle, last = _list_separators()
    return "".join((texts[0], first, middle.join(texts[1:-1]), last, texts[-1]))


@lru_cache(maxsize=4096)
def _short_list(texts: tuple[str, ...]) -> str:
    """Une liste de moins de quatre éléments, par CLDR : les mêmes reviennent dans des milliers de
    messages (« le contexte et la méthode manquent »), et Babel relit sa langue à chaque appel."""
    from babel.lists import format_list

    return format_list(list(texts), locale=LOCALE) if texts else ""


@lru_cache(maxsize=1)
def _list_separators() -> tuple[str, str, str]:
    """Ce que CLDR met entre le premier et le deuxième élément, entre ceux du milieu, avant le
    dernier : lu sur une liste de quatre caractères de contrôle, qu'aucun motif ne contient."""
    from babel.lists import format_list

    text = format_list(["\x00", "\x01", "\x02", "\x03"], locale=LOCALE)
    start, one, two, end = (text.index(mark) for mark in ("\x00", "\x01", "\x02", "\x03"))
    return text[start + 1 : one], text[one + 1 : two], text[two + 1 : end]


# Les erreurs du système qu'essplan peut rencontrer en lisant un plan ou en écrivant un
# fichier, par errno : `strerror` est en anglais (ou dans la langue de la machine). Ce qui
# n'est pas dans la table est dit par son numéro, jamais par le texte du système.
_OS_ERRORS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "droits insuffisants",
    errno.EPERM: "opération non permise",
    errno.EEXIST: "un fichier existe déjà à cet endroit",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EFBIG: "fichier trop gros pour le système de fichiers",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EXDEV: "déplacement impossible d'un système de fichiers à un autre",
    errno.EMLINK: "trop de liens vers ce fichier ou ce dossier",
    errno.ELOOP: "lien symbolique en boucle, ou lien refusé",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EBUSY: "fichier ou périphérique occupé",
    errno.ETXTBSY: "fichier en cours d'exécution",
    errno.EAGAIN: "ressource momentanément indisponible, réessayez",
    errno.EINTR: "appel système interrompu",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EUCLEAN: "système de fichiers à réparer",
    errno.ESTALE: "fichier réseau périmé (partage NFS)",
    errno.EREMOTEIO: "erreur d'entrée-sortie distante",
    errno.ENOLINK: "lien réseau rompu",
    errno.ENOTCONN: "partage réseau déconnecté",
    errno.ECONNREFUSED: "connexion refusée",
    errno.EHOSTDOWN: "machine distante injoignable",
    errno.ETIMEDOUT: "délai dépassé",
    errno.ENOLCK: "verrou indisponible",
    errno.EDEADLK: "verrou impossible sans interblocage",
    errno.EINVAL: "opération invalide pour ce fichier ou ce système de fichiers",
    errno.EOPNOTSUPP: "opération non prise en charge par ce système de fichiers",
    errno.ENOSYS: "opération non prise en charge par le système",
    errno.ENOTBLK: "ce n'est pas un périphérique de blocs",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "opération impossible sur ce périphérique",
    errno.ESPIPE: "fichier sans position (un tube ?)",
    errno.EPIPE: "tube fermé par l'autre côté",
    errno.EOVERFLOW: "valeur trop grande pour le système",
    errno.ENODATA: "donnée absente",
    errno.EPROTO: "erreur de protocole",
    errno.EBADF: "descripteur de fichier invalide",
    errno.EFAULT: "adresse invalide",
    errno.EMFILE: "trop de fichiers ouverts par essplan",
    errno.ENFILE: "trop de fichiers ouverts sur la machine",
    errno.ENOMEM: "mémoire insuffisante",
    errno.E2BIG: "liste d'arguments trop longue",
    errno.ENOEXEC: "fichier non exécutable",
    errno.ECHILD: "aucun processus fils",
    errno.ESRCH: "processus introuvable",
    errno.ECANCELED: "opération annulée",
}


def os_error(error: OSError) -> str:
    """La cause d'une erreur du système, en français (« disque plein ») ; une erreur absente
    de la table est dite par son numéro plutôt que par le texte anglais du système."""
    if error.errno is None:
        return "erreur du système"
    return _OS_ERRORS.get(error.errno) or f"erreur du système n° {error.errno}"
