"""Des octets d'un fichier au texte : le fichier lu sans risque (`files`), puis l'encodage.

UTF-8 seulement (avec ou sans BOM) ; pour un autre encodage, un message qui dit lequel il
semble être et comment convertir. Chaque problème devient un `Diagnostic` ESS009.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Diagnostic
from .document import Limits
from .files import Refused, TooBig, read_bounded

Unreadable = Callable[..., None]  # unreadable(message, line=1, column=1)


def read_text(
    path: Path, display: str, limits: Limits, problems: list[Diagnostic], root: Path | None = None
) -> tuple[str | None, str | None]:
    """Le texte du fichier, ou None (et le problème, ESS009, dans `problems`) ; puis ce qu'on
    peut en citer sous un message : le texte lu, même s'il n'est pas de l'UTF-8 valide, tant que
    ce n'est pas un fichier binaire ; rien pour un fichier qui n'a pas été lu (`files`)."""

    def unreadable(message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Diagnostic("ESS009", message, display, line, column))

    try:
        raw = read_bounded(path, limits.max_file_bytes, root)
    except TooBig as error:
        unreadable(
            f"{error} : un plan ou une fiche tient en quelques kilo-octets ; la limite se règle"
            " dans essplan.toml ([limits] max-file-size)"
        )
        return None, None
    except Refused as error:
        unreadable(str(error))
        return None, None
    text = decode(raw, unreadable)
    if text is not None:
        return text, text
    return None, None if b"\x00" in raw else raw.decode("utf-8-sig", errors="replace")


def decode(raw: bytes, unreadable: Unreadable) -> str | None:
    """UTF-8 (avec ou sans BOM) ; sinon un message qui dit de quel encodage convertir."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        unreadable(
            "fichier encodé en UTF-16 : enregistrez-le en UTF-8"
            " (par exemple : iconv -f UTF-16 -t UTF-8 fichier.yaml)"
        )
        return None
    if b"\x00" in raw:
        line, column = _line_column(raw, raw.index(b"\x00"))
        unreadable("fichier binaire (octet nul) : ce n'est pas un fichier YAML", line, column)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        _not_utf8(raw, error.start, unreadable)
        return None
    return text if _without_control_characters(raw, text, unreadable) else None


def _not_utf8(raw: bytes, start: int, unreadable: Unreadable) -> None:
    line, column = _line_column(raw, start)
    byte = raw[start]
    if _looks_latin1(raw):
        unreadable(
            f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ; il semble encodé en"
            " Latin-1 (ISO-8859-1 ou Windows-1252) : convertissez-le, par exemple avec"
            " « iconv -f WINDOWS-1252 -t UTF-8 »",
            line,
            column,
        )
    else:
        unreadable(
            f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ni en texte reconnaissable",
            line,
            column,
        )


def _without_control_characters(raw: bytes, text: str, unreadable: Unreadable) -> bool:
    """En UTF-8, un octet sous 0x20 n'est jamais qu'un caractère de contrôle : on les cherche
    d'abord dans les octets (`translate` efface tous les autres, en C), et leur place dans le
    texte ensuite."""
    found = _CONTROL.search(text) if raw.translate(None, _NOT_CONTROL_BYTES) else None
    if found is None:
        return True
    control, offset = found[0], found.start()
    line, column = position(text, offset)
    unreadable(f"caractère de contrôle U+{ord(control):04X} : ce n'est pas du texte", line, column)
    return False


# Les fins de ligne de YAML, celles que libyaml compte : CR LF, CR, LF, NEL, U+2028, U+2029.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def position(text: str, offset: int) -> tuple[int, int]:
    """La ligne et la colonne (à partir de 1, en caractères) du caractère de rang `offset`."""
    line, start = 1, 0
    for found in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, found.end()
    return line, offset - start + 1


# Les caractères de contrôle interdits : tous ceux sous l'espace, sauf tabulation et fins de ligne.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_CONTROL_BYTES = b"\t\n\r" + bytes(range(0x20, 0x100))


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _looks_utf16(raw: bytes) -> bool:
    sample = raw[:200]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def _looks_latin1(raw: bytes) -> bool:
    """Vrai si le texte se lit en Windows-1252 sans caractère de contrôle."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not any(c < " " and c not in "\t\n\r" for c in text)


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1
