"""Reprendre d'une fiche ce que ses propres mots disent ailleurs : montant d'un coût, liens.

Deux reprises, chacune notée dans la fiche : un coût au groupe de chiffres suspect
(« 64 0000 euros/an ») dont les remarques donnent le détail (« AMO = 15 000 - Doctorant :
19 000 », dont la somme a les mêmes chiffres, à un près) prend ce total pour montant ; une
remarque qui renvoie à une autre fiche (« Lien avec la fiche-action 2.2 ») devient un lien.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..french import number
from ..model.amounts import read_detail
from ..model.costs import read_cost_text
from .fiches import RawFiche

_LINK = re.compile(r"fiches?[- ]actions?\s+(?:n[°º]\s*)?(\d+(?:\.\d+)+)", re.IGNORECASE)


def recover_cost(text: str, remarks: str, fiche: RawFiche) -> str | dict:
    """Le coût tel qu'écrit, ou son dictionnaire quand le détail des remarques le corrige."""
    reading = read_cost_text(text)
    if reading.odd_grouping is None or not remarks:
        return text
    detail = " / ".join(line.strip() for line in remarks.splitlines() if line.strip())
    amounts = read_detail(detail).amounts
    total = sum(amounts, Decimal(0))
    if len(amounts) < 2 or not _one_digit_apart(_digits(reading.odd_grouping), _digits(total)):
        return text
    montant = int(total) if total == total.to_integral_value() else float(total)
    cost = {"texte": text, "montant": montant, "periodicite": reading.periodicite, "detail": detail}
    fiche.note(
        "cout",
        f"montant {number(total)} retenu d'après le détail des remarques"
        f" ({' + '.join(number(a) for a in amounts)}) : « {reading.odd_grouping} »"
        " n'est pas groupé par milliers ; le texte adopté est gardé",
    )
    return {key: value for key, value in cost.items() if value is not None}


def _digits(value: str | Decimal) -> str:
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else str(value)
    return re.sub(r"\D", "", value)


def _one_digit_apart(written: str, total: str) -> bool:
    """Vrai si l'un s'obtient en retirant un chiffre à l'autre (« 640000 » et « 64000 »)."""
    longer, shorter = (written, total) if len(written) > len(total) else (total, written)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


def recover_links(remarks: str, fiche: RawFiche, ids: set[str]) -> list[str]:
    """Les fiches que les remarques nomment (« fiche-action 2.2 »), si elles existent."""
    targets: list[str] = []
    for match in _LINK.finditer(remarks or ""):
        target = match[1]
        if target in ids and target != fiche.id and target not in targets:
            targets.append(target)
            fiche.note("liens", f"lien vers la fiche {target} d'après la remarque « {match[0]} »")
    return targets
