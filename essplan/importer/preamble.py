"""Le titre d'un document sans en-tête de séance : ses premières lignes, avant le premier titre.

Une feuille de route qui n'est pas (encore) une délibération s'ouvre souvent par l'auteur et le
titre : « Grand Poitiers : » puis « une feuille de route ESS ambitieuse… ». Rien d'autre ne dit
la collectivité ; la lire là est une reprise, notée pour être relue. Une seule ligne avant le
premier titre est le titre, et la collectivité reste absente (la validation le dit).
"""

from __future__ import annotations

from .seance import Body
from .text import Recovery

# Au-delà, une ligne n'est plus un nom de collectivité mais une phrase qui s'arrête sur « : ».
_LONGEST_NAME = 80


def read_preamble(lines: list[str], body: Body) -> None:
    """Complète le titre (et la collectivité) du plan d'après les premières lignes du corps,
    quand la séance ne les a pas donnés."""
    if "titre" in body.plan:
        return
    first, *rest = [line for line in lines if line] or [""]
    if not first:
        return
    author = first[:-1].rstrip() if first.endswith(":") else ""
    if author and rest and len(author) <= _LONGEST_NAME and "collectivite" not in body.plan:
        body.plan["collectivite"] = author
        body.plan["titre"] = rest[0]
        body.notes.append(
            Recovery(
                None,
                "collectivite",
                f"collectivité « {author} » et titre « {rest[0]} » repris des deux premières"
                f" lignes du document (« {first} » puis le titre), sans en-tête de séance",
            )
        )
        return
    body.plan["titre"] = author or first
    body.notes.append(
        Recovery(None, "titre", f"titre repris de la première ligne du document : « {first} »")
    )
