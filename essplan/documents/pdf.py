"""Le PDF d'un document HTML, mis en page par WeasyPrint avec la feuille d'impression du
document (`@media print` et `@page` de `_base.html.j2` : A4, titre courant, « Page n / N »,
une fiche par page), celle qu'emploie aussi un navigateur qui l'imprime.

WeasyPrint est facultatif (`pip install 'essplan[pdf]'`) et demande Pango, une bibliothèque du
système : il n'est importé qu'ici, au moment de s'en servir, pour qu'essplan démarre et
réponde à `--help` sans lui. Absent, ou sans ses bibliothèques, `PdfUnavailable` dit en
français quoi installer.

Le document se suffit à lui-même : rien n'est chargé pour le mettre en page. Une adresse
qu'un modèle de l'utilisateur y mettrait (`<img src="file:///etc/passwd">`, une feuille de
style sur le réseau) est refusée sans être ouverte, et rendue dans `PdfDocument.refused` ;
seules les adresses `data:`, contenues dans le document, se lisent. Les polices, celles du
système (fontconfig), sont incorporées au fichier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

# La variante d'archivage (ISO 19005) : WeasyPrint écrit ses marques (métadonnées XMP, profil
# de couleurs, polices incorporées) ; un validateur (veraPDF) en juge la conformité.
PDF_VARIANTS = ("pdf/a-2b", "pdf/a-3b")
# La version la plus basse qui marche, celle de `pyproject.toml` (extra `pdf`) : plus ancienne,
# WeasyPrint accepte un pydyf récent qu'il ne sait pas employer.
LOWEST_WEASYPRINT = (63, 0)
PIP_INSTALL = "pip install 'essplan[pdf]'"
APT_INSTALL = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(Exception):
    """WeasyPrint ou ses bibliothèques manquent : le message dit quoi installer (code 2)."""


class PdfLayoutError(Exception):
    """Un document que WeasyPrint ne peut pas mettre en page : la faute est au modèle de
    l'utilisateur qui l'a produit (code 1)."""


@dataclass(frozen=True, slots=True)
class PdfDocument:
    data: bytes
    refused: tuple[str, ...]  # les adresses que le document demandait, refusées, sans doublon


def engine() -> ModuleType:
    """WeasyPrint, importé à la demande ; `PdfUnavailable` s'il manque, lui ou Pango."""
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(
            f"le format pdf demande WeasyPrint, qui n'est pas installé : {PIP_INSTALL}"
            f" (et, sur Debian ou Ubuntu, les bibliothèques qu'il emploie : {APT_INSTALL})"
        ) from None
    except OSError:  # WeasyPrint charge Pango dès son import
        raise PdfUnavailable(
            "le format pdf demande les bibliothèques Pango, que WeasyPrint ne trouve pas :"
            f" sur Debian ou Ubuntu, {APT_INSTALL} (ailleurs, le paquet Pango du système)"
        ) from None
    found = re.match(r"(\d+)\.(\d+)", getattr(weasyprint, "__version__", ""))
    if found is None or (int(found[1]), int(found[2])) < LOWEST_WEASYPRINT:
        lowest = ".".join(map(str, LOWEST_WEASYPRINT))
        raise PdfUnavailable(
            f"le format pdf demande WeasyPrint {lowest} ou plus récent, et celui-ci est"
            f" {getattr(weasyprint, '__version__', 'de version inconnue')} :"
            f" pip install --upgrade 'essplan[pdf]'"
        )
    return weasyprint


def render_pdf(html: str, variant: str | None = None) -> PdfDocument:
    """Le PDF de `html` (un document entier), PDF/A si `variant` est l'une de PDF_VARIANTS."""
    if variant is not None and variant not in PDF_VARIANTS:
        raise ValueError(f"variante de PDF inconnue : {variant}")
    weasyprint = engine()
    refused: list[str] = []
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint, refused))
        data = document.write_pdf(pdf_variant=variant)
    except RecursionError:  # WeasyPrint descend l'arbre du document récursivement
        raise PdfLayoutError(
            "le document est trop imbriqué pour être mis en page en PDF (des éléments dans des"
            " éléments, sur des centaines de niveaux)"
        ) from None
    return PdfDocument(data, tuple(dict.fromkeys(refused)))  # chacune une fois, dans l'ordre


def _fetcher(weasyprint: ModuleType, refused: list[str]) -> Any:
    """Ce qui lit les ressources du document : `data:` seulement ; toute autre adresse est
    notée dans `refused` et refusée. WeasyPrint 68 et plus attendent un `URLFetcher`, les
    versions d'avant une fonction."""
    base = getattr(weasyprint, "URLFetcher", None)

    def check(url: str) -> None:
        if not url.startswith("data:"):
            refused.append(url)
            raise ValueError(f"ressource refusée : {url}")

    if base is None:

        def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
            check(url)
            return weasyprint.default_url_fetcher(url, *args, **kwargs)

        return fetch

    class DataOnly(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            check(url)
            return super().fetch(url, headers)

    return DataOnly()
