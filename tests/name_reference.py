"""La définition d'ESS401 (similar-names) écrite naïvement, sans rien emprunter à la règle : la
référence de tests/test_ess401_exact.py et de tests/test_lint_scaling.py."""

from __future__ import annotations

import difflib
import re
import unicodedata


def reference_key(name: str) -> str:
    """Sans accents, en minuscules, séparateurs réduits à une espace."""
    decomposed = unicodedata.normalize("NFD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’.]+", " ", stripped.lower()).strip()


def reference_alike(later: str, earlier: str) -> bool:
    """Au moins 8 caractères, le même premier mot, un ratio de difflib d'au moins 0,9."""
    if min(len(later), len(earlier)) < 8 or later.split()[:1] != earlier.split()[:1]:
        return False
    return difflib.SequenceMatcher(None, later, earlier).ratio() >= 0.9
