"""L'état d'une fiche à une date : son statut, son avancement, sa dernière nouvelle, ses retards.

Une seule définition de chaque notion, que lisent les règles ESS205 et ESS601 à ESS606, le
tableau de bord (`essplan status`) et le bilan annuel. Les dates sont des mois (`Month`),
comparés par leur index.

Règles (docs/FORMAT.md, « Version 1.1 », et décisions du projet écrites au README) :

- Le statut d'une fiche à une date est le `statut` de sa dernière entrée de journal datée de
  ce mois ou d'avant qui en donne un. Quand aucune entrée n'en donne, le `statut` écrit vaut à
  toute date (c'est tout ce qu'on sait) ; quand le journal en donne, mais seulement après la
  date, le statut à cette date n'est pas renseigné (None).
- « En retard » : une action dont le statut à la date n'est ni réalisé ni abandonné, et dont
  la fin connue est passée ; sans statut (ni écrit ni journal), une action n'est pas suivie et
  n'est pas dite en retard (ESS205).
- « Sans nouvelles » : une action en cours à la date dont la dernière entrée de journal (sans
  journal : le début) date de plus de `intervalle` mois.
- « À échéance » : une action ni close ni en retard dont la fin tombe dans les
  `echeance_proche` mois qui suivent la date (le mois même compris) ; de même pour une étape
  pas encore faite.
- Une étape « en retard » : son échéance est passée et elle n'était pas faite à la date (faite
  plus tard, elle était en retard à cette date-là) ; les étapes d'une action abandonnée ne le
  sont pas.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..budget.compute import action_end
from ..config import Horizons
from ..model.months import Month
from ..model.suivi import CLOSED, EntreeSuivi, Etape


def entries_until(fiche, date: Month) -> list[EntreeSuivi]:
    """Les entrées du journal datées du mois `date` ou d'avant, dans l'ordre écrit."""
    return [entry for entry in fiche.suivi or () if entry.date.index <= date.index]


def status_at(fiche, date: Month) -> str | None:
    """Le statut de la fiche au mois `date` (voir la règle en tête du module)."""
    if not status_is_dated(fiche):
        return fiche.statut
    found = status_entry(fiche, date)
    return found[1].statut if found else None


def status_is_dated(fiche) -> bool:
    """Le journal date le statut (une entrée au moins en donne un) ; sinon, le statut vient du
    seul `statut` écrit, qui est celui d'aujourd'hui : un document d'une date passée doit le
    dire, car rien ne dit qu'il valait déjà."""
    return any(entry.statut is not None for entry in fiche.suivi or ())


def progress_at(fiche, date: Month) -> int | float | None:
    """L'avancement (0 à 100) de la dernière entrée qui en donne un, à la date."""
    given = [entry for entry in entries_until(fiche, date) if entry.avancement is not None]
    return _latest(given).avancement if given else None


def last_entry(fiche, date: Month) -> EntreeSuivi | None:
    """La dernière nouvelle à la date : l'entrée de journal la plus récente."""
    entries = entries_until(fiche, date)
    return _latest(entries) if entries else None


def _latest(entries: Sequence[EntreeSuivi]) -> EntreeSuivi:
    """La plus récente ; à mois égal, la dernière écrite (un journal se lit de haut en bas)."""
    return max(reversed(entries), key=lambda entry: entry.date.index)


def is_late(fiche, date: Month) -> bool:
    status = status_at(fiche, date)
    fin = fiche.fin
    return bool(status and status not in CLOSED and fin and fin.known and fin.index < date.index)


def news_month(fiche, date: Month) -> Month | None:
    """Le mois de la dernière nouvelle : la dernière entrée du journal, sinon le début connu."""
    entry = last_entry(fiche, date)
    if entry is not None:
        return entry.date
    debut = fiche.debut
    return debut if debut is not None and debut.known and debut.index <= date.index else None


def is_stale(fiche, date: Month, horizons: Horizons) -> bool:
    if status_at(fiche, date) != "en_cours":
        return False
    news = news_month(fiche, date)
    return news is not None and date.index - news.index > horizons.intervalle


def is_due(fiche, date: Month, horizons: Horizons) -> bool:
    """La fin tombe dans l'horizon `echeance_proche` et l'action n'est pas close."""
    status = status_at(fiche, date)
    fin = fiche.fin
    if status in CLOSED or fin is None or not fin.known:
        return False
    return 0 <= fin.index - date.index <= horizons.echeance_proche


def _done_by(etape: Etape, date: Month) -> bool:
    realisee = etape.realisee
    if realisee is None:
        return False
    return not realisee.known or realisee.index <= date.index


@dataclass(frozen=True, slots=True)
class DatedEtape:
    """Une étape, avec sa place dans la liste de la fiche (pour la retrouver dans le fichier)."""

    index: int
    etape: Etape


def late_etapes(fiche, date: Month) -> Iterator[DatedEtape]:
    if status_at(fiche, date) == "abandonne":  # ses étapes ne se feront pas : rien à relancer
        return
    for index, etape in enumerate(fiche.etapes or ()):
        due = etape.echeance
        if due is not None and due.known and due.index < date.index and not _done_by(etape, date):
            yield DatedEtape(index, etape)


def due_etapes(fiche, date: Month, horizons: Horizons) -> Iterator[DatedEtape]:
    if status_at(fiche, date) in CLOSED:
        return
    for index, etape in enumerate(fiche.etapes or ()):
        due = etape.echeance
        if due is None or not due.known or _done_by(etape, date):
            continue
        if 0 <= due.index - date.index <= horizons.echeance_proche:
            yield DatedEtape(index, etape)


# ------------------------------------------------------------- pour le linter (ESS205, ESS6xx)


def status_entry(fiche, date: Month | None = None) -> tuple[int, EntreeSuivi] | None:
    """L'entrée du journal qui donne le statut au mois `date` (None : la dernière du journal,
    quelle que soit sa date), avec son rang dans la liste (pour la retrouver dans le fichier) ;
    None si aucune n'en donne. La plus récente ; à mois égal, la dernière écrite."""
    given = [
        (index, entry)
        for index, entry in enumerate(fiche.suivi or ())
        if entry.statut is not None and (date is None or entry.date.index <= date.index)
    ]
    return max(reversed(given), key=lambda pair: pair[1].date.index) if given else None


def dated_journal(fiche) -> list[tuple[int, EntreeSuivi]]:
    """Le journal dans l'ordre des dates, avec le rang de chaque entrée ; à mois égal, dans
    l'ordre écrit (le tri est stable) : l'ordre où `status_at` lit les entrées."""
    return sorted(enumerate(fiche.suivi or ()), key=lambda pair: pair[1].date.index)


def abandoned_since(fiche, date: Month) -> Month | None:
    """Le mois où l'action a été abandonnée, si elle l'est au mois `date` : la date de la
    première entrée d'une suite « abandonné » que rien n'a reprise. None si elle ne l'est pas,
    ou si le journal ne dit pas quand (`statut: abandonne` sans journal : abandonnée à toute
    date, comme le veut `status_at`)."""
    since = None
    for _, entry in dated_journal(fiche):
        if entry.date.index > date.index:
            break
        if entry.statut is not None:
            since = (since or entry.date) if entry.statut == "abandonne" else None
    return since


def years_run(fiche, period: tuple[Month, Month] | None) -> range:
    """Les années civiles où l'action court, comme le budget les compte : de l'année du début à
    celle de la fin ; fin inconnue, jusqu'à la fin de la période du plan (supposée) ; sans
    période qui la borne, l'année du début seulement, la seule où elle court à coup sûr. Vide
    si le début est inconnu ou la fin avant le début."""
    debut = fiche.debut
    if debut is None or not debut.known:
        return range(0)
    end, _ = action_end(fiche, period, debut.index)
    if end is None:
        return range(debut.annee, debut.annee + 1)
    return range(debut.annee, end // 12 + 1) if end >= debut.index else range(0)


def has_follow_up(fiche) -> bool:
    """La fiche porte des données de suivi : un journal, des dépenses, ou une valeur mesurée
    d'un indicateur (les étapes et les cibles s'écrivent dès l'adoption : elles n'en sont pas)."""
    indicateurs = fiche.indicateurs or ()
    return bool(fiche.suivi or fiche.depenses or any(item.valeurs for item in indicateurs))
