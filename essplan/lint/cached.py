"""Le linter et le cache (`validation/cache.py`) : les constats des règles de fiche, gardés avec
l'entrée de chaque fiche.

Une fiche sortie du cache n'est ni relue ni validée (son texte est lu, son empreinte vérifiée).
Ses constats de fiche ne valent que dans le contexte où ils ont été trouvés, que dit une
empreinte (`context_digest`) : le texte de plan.yaml, le mois de référence (`--date`), les
règles actives et les horizons du suivi (essplan.toml), et si le plan porte un suivi (ESS605
le demande). Une fiche dont l'empreinte diffère (ou que le cache ne connaît que par `validate`)
est reconstruite à partir du texte lu (`loader.reparse_fiche`), et ses règles repassent. Les
règles de plan repassent toujours, sur ce que le cache garde de chaque fiche (`CachedFiche`) ;
les suppressions et la configuration s'appliquent ensuite, comme sans cache.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..config import Config
from ..reading.document import Limits
from ..suivi.state import has_follow_up
from ..validation.cache import PlanCache
from ..validation.cache_entries import CachedFiche
from ..validation.loader import LoadedFiche, LoadedPlan, read_pending, reparse_fiche
from .rule import Finding, PlanContext, Rule

# shown → code de règle → constats de cette règle sur cette fiche
Remembered = dict[str, dict[str, list[Finding]]]
# ce que le linter garde d'une fiche : porte-t-elle un suivi, l'empreinte du contexte, ses constats
Noted = tuple[bool, str, dict[str, list[Finding]]]


def recall_findings(
    context: PlanContext, cache: PlanCache, config: Config, rules: list[Rule]
) -> tuple[Remembered, str]:
    """Les constats gardés de chaque fiche sortie du cache qui valent encore, et l'empreinte du
    contexte ; les autres fiches du cache sont reconstruites, pour que leurs règles repassent.
    Donne `context.follow_up`, que les fiches du cache ne sauraient pas calculer."""
    loaded, limits = context.loaded, config.limits
    noted: dict[str, Noted] = {}
    for item in _cached(loaded):
        found = _noted(cache, item)
        if found is None:
            _reparse(loaded, item, cache, limits)
        else:
            noted[item.document.file] = found
    context.follow_up = any(
        noted[item.document.file][0] if _is_cached(item) else has_follow_up(item.fiche)
        for item in loaded.fiches
    )
    digest = context_digest(context, config, rules)
    remembered: Remembered = {}
    for item in _cached(loaded):
        _, stored_digest, findings = noted[item.document.file]
        if stored_digest == digest:
            remembered[item.document.file] = findings
        else:
            _reparse(loaded, item, cache, limits)
    return remembered, digest


def note_findings(
    context: PlanContext, cache: PlanCache, digest: str, produced: Remembered
) -> None:
    """Garde, avec l'entrée de chaque fiche, ses constats de fiche dans ce contexte."""
    for item in context.loaded.fiches:
        shown = item.document.file
        found = {
            code: [[f.message, f.file, f.line, f.column, f.path, f.suggestion] for f in findings]
            for code, findings in produced.get(shown, {}).items()
            if findings
        }
        follow_up = cache.noted(shown)["follow_up"] if _is_cached(item) else None
        if follow_up is None:
            follow_up = has_follow_up(item.fiche)
        cache.note(shown, {"digest": digest, "follow_up": follow_up, "found": found})


def context_digest(context: PlanContext, config: Config, rules: list[Rule]) -> str:
    loaded, reference = context.loaded, context.reference
    material = json.dumps(
        [
            loaded.sources.get(loaded.plan_file),
            repr(reference),
            sorted(rule.code for rule in rules if rule.scope == "fiche"),
            [config.horizons.intervalle, config.horizons.echeance_proche],
            context.carries_follow_up,
        ]
    )
    return hashlib.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _cached(loaded: LoadedPlan) -> list[LoadedFiche]:
    return [item for item in loaded.fiches if _is_cached(item)]


def _is_cached(item: LoadedFiche) -> bool:
    return isinstance(item.fiche, CachedFiche)


def _reparse(loaded: LoadedPlan, item: LoadedFiche, cache: PlanCache, limits: Limits) -> None:
    if _is_cached(item):
        read_pending(loaded, cache, [item.document.file])
        reparse_fiche(item, loaded.sources[item.document.file], limits)


def _noted(cache: PlanCache, item: LoadedFiche) -> Noted | None:
    """Ce que le linter a gardé de la fiche, vérifié champ à champ ; None si rien ne sert."""
    data = cache.noted(item.document.file)
    try:
        follow_up, digest, found = data["follow_up"], data["digest"], data["found"]
        if type(follow_up) is not bool or type(digest) is not str:
            return None
        return follow_up, digest, {code: _findings(items) for code, items in found.items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _findings(items: Any) -> list[Finding]:
    findings = []
    for message, file, line, column, path, suggestion in items:
        texts = (message, file, path) + (() if suggestion is None else (suggestion,))
        if any(type(t) is not str for t in texts) or type(line) is not int:
            raise TypeError("constat")
        if type(column) is not int:
            raise TypeError("constat")
        findings.append(Finding(message, file, line, column, path, suggestion))
    return findings
