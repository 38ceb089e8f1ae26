"""Le texte d'un PDF qui a une couche texte, par pypdf (pur Python ; voir le README pour la
comparaison mesurée avec pdfminer.six).

Un PDF chiffré qu'un mot de passe vide n'ouvre pas, un PDF illisible, un PDF sans couche texte
(une numérisation : des images, aucun texte) sont refusés avec un message qui dit quoi faire.
Le nombre de pages et le texte extrait sont bornés, comme les autres entrées.
"""

from __future__ import annotations

import io

from ..french import number
from .deliberation import ImportFailure

MAX_PAGES = 2_000
_NO_TEXT = (
    "le PDF n'a pas de couche texte (une numérisation ?) : rien à importer. Passez-le d'abord"
    " par une reconnaissance de caractères (par exemple « ocrmypdf source.pdf sortie.pdf »)"
)
_LOCKED = (
    "le PDF est protégé par un mot de passe : il n'est pas lu. Enregistrez-en une copie sans"
    " mot de passe"
)


def pdf_text(raw: bytes, limit: int) -> str:
    """Le texte des pages du PDF `raw`, une ligne par ligne de texte, borné à `limit` octets."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailure(_LOCKED)
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise ImportFailure(f"PDF de {number(pages)} pages (limite {number(MAX_PAGES)})")
        text = _pages_text(reader, limit)
    except ImportFailure:
        raise
    except Exception as error:  # pypdf lève PdfReadError, DependencyError, KeyError…
        if "password" in str(error).lower() or "decrypt" in str(error).lower():
            raise ImportFailure(_LOCKED) from None
        raise ImportFailure(f"PDF illisible ({type(error).__name__}) : il n'est pas lu") from None
    if not text.strip():
        raise ImportFailure(_NO_TEXT)
    return text


def _pages_text(reader, limit: int) -> str:
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        part = page.extract_text(extraction_mode="layout") or ""
        size += len(part.encode("utf-8")) + 1
        if size > limit:
            raise ImportFailure(f"texte extrait du PDF trop gros (limite {number(limit)} octets)")
        parts.append(part)
    return "\n\n".join(parts) + "\n"
