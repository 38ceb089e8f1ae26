"""Ce que disent les valeurs des rubriques, avant d'écrire la fiche.

Une valeur qui ne dit rien (« à désigner », « NC », « - » : `labels.PLACEHOLDERS`) laisse le
champ absent ; dans une liste de personnes, l'élément est retiré. Un calendrier (« Calendrier :
2022-2024 », « Période : janvier 2022 à décembre 2026 ») donne le début et la fin que la fiche
n'écrit pas, lus par `model.spans` comme tout mois d'essplan ; s'il contredit un début ou une
fin écrits, ceux-ci sont gardés et l'écart est noté. Chaque retouche est notée dans la fiche
(`RawFiche.note`) : elle devient une reprise et une ligne « [import] » des remarques.
"""

from __future__ import annotations

from ..model.months import MonthError, parse_month
from ..model.spans import read_span
from .fiches import RawFiche
from .labels import FIELD_NAMES, is_placeholder

_MONTH_FIELDS = ("debut", "fin")


def read_values(values: dict, raw: RawFiche) -> dict:
    """Les valeurs de la fiche sans celles qui ne disent rien, avec le début et la fin de son
    calendrier ; la clé « calendrier » (qui n'est pas du format) est retirée."""
    kept = {}
    for key, value in values.items():
        value = _without_placeholders(key, value, raw)
        if value is not None:
            kept[key] = value
    calendar = kept.pop("calendrier", "")
    if calendar:
        _apply_calendar(calendar, kept, raw)
    return kept


def written_label(raw: RawFiche, field_name: str) -> str:
    """L'intitulé tel qu'écrit dans la fiche (« Porteur : »), ou le nom du champ."""
    for rubric in raw.rubrics:
        if rubric.field == field_name and not rubric.placed:
            return rubric.written
    return f"{FIELD_NAMES.get(field_name, field_name).capitalize()} :"


def _without_placeholders(key: str, value, raw: RawFiche):
    """La valeur, None si elle ne dit rien ; une liste perd ses éléments qui ne disent rien."""
    name = FIELD_NAMES.get(key, key)
    if isinstance(value, list):
        kept = [item for item in value if not is_placeholder(item)]
        if value and not kept:
            shown = " - ".join(value)
            raw.note(
                key,
                f"« {written_label(raw, key)} {shown} » ne dit rien : le champ {name} reste absent",
            )
            return None
        for item in value:
            if is_placeholder(item):
                rubric = written_label(raw, key).rstrip(" :")
                raw.note(key, f"« {item} » retiré de la rubrique « {rubric} » : il ne dit rien")
        return kept or None
    if isinstance(value, str) and value and is_placeholder(value):
        raw.note(
            key, f"« {written_label(raw, key)} {value} » ne dit rien : le champ {name} reste absent"
        )
        return None
    return value


def _apply_calendar(text: str, values: dict, raw: RawFiche) -> None:
    label = written_label(raw, "calendrier")
    span = read_span(text)
    if isinstance(span, str):
        raw.note("debut", f"{label} {span} : début et fin non repris du calendrier")
        return
    for role, bound in (("debut", span.debut), ("fin", span.fin)):
        name = FIELD_NAMES[role]
        given = values.get(role)
        if given is None or not str(given).strip(" ?"):
            values[role] = bound
            raw.note(role, f"{name} « {bound} » repris de « {label} {text} »")
        elif not _agrees(str(given), bound):
            kept = "le début écrit est gardé" if role == "debut" else "la fin écrite est gardée"
            raw.note(
                role,
                f"{name} « {given} » et « {label} {text} » ne s'accordent pas : {kept}, à vérifier",
            )


def _agrees(given: str, bound: str) -> bool:
    """Le mois écrit tombe-t-il dans ce que le calendrier désigne (« mars 2022 » dans « 2022 ») ?
    Un mois illisible ne se compare pas : le linter le signale."""
    try:
        written = [parse_month(given, "debut"), parse_month(given, "fin")]
        calendar = [parse_month(bound, "debut"), parse_month(bound, "fin")]
    except MonthError:
        return True
    if not (written[0].known and calendar[0].known):
        return True
    return written[0].index <= calendar[1].index and calendar[0].index <= written[1].index
