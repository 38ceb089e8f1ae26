"""Les erreurs du système sont dites en français : la table de `essplan/french.py` couvre,
par errno, tout ce qu'essplan peut rencontrer en lisant ou en écrivant ; rien ne tombe sur le
texte anglais de `strerror`."""

from __future__ import annotations

import errno
import os

import pytest
from test_french import english_words

from essplan.french import _OS_ERRORS, os_error

# Toutes les erreurs qu'essplan peut rencontrer en lisant un plan ou en écrivant un fichier.
MET = [
    "EEXIST", "ENOTDIR", "EISDIR", "EPERM", "EACCES", "EBUSY", "EROFS", "ENOSPC", "EDQUOT",
    "EXDEV", "ENOTEMPTY", "EMLINK", "ETXTBSY", "EIO", "ELOOP", "ENAMETOOLONG", "EINVAL",
    "EAGAIN", "ENOENT", "EFBIG", "EMFILE", "ENFILE", "ENOMEM", "EINTR", "EBADF", "ESTALE",
    "ENXIO", "ENODEV", "EOPNOTSUPP", "ENOSYS", "EFAULT", "EPIPE", "ESPIPE", "ETIMEDOUT",
    "ENOLCK", "EOVERFLOW", "ECANCELED", "ENOTSUP", "EWOULDBLOCK", "EDEADLK", "ENOTCONN",
    "ECONNREFUSED", "EHOSTDOWN", "ENOTBLK", "ESRCH", "E2BIG", "ENOEXEC", "ECHILD", "EPROTO",
    "ENODATA", "ENOLINK", "EREMOTEIO", "EUCLEAN",
]  # fmt: skip
# Des mots du système qui sont aussi des mots français.
ALSO_FRENCH = {"long", "message", "structure", "quota"}


def english_of(code: int) -> set[str]:
    system = {w for w in os.strerror(code).lower().replace("/", " ").split() if len(w) > 2}
    return system - ALSO_FRENCH


@pytest.mark.parametrize("name", [name for name in MET if hasattr(errno, name)])
def test_every_system_error_is_said_in_french(name):
    code = getattr(errno, name)
    message = os_error(OSError(code, os.strerror(code), "fichier.yaml"))
    words = set(message.lower().replace("/", " ").split())
    assert code in _OS_ERRORS  # dite en mots, pas seulement par son numéro
    assert message != os.strerror(code)
    assert words & english_of(code) == set(), message
    assert english_words(message) == set(), message


def test_the_table_is_french_and_nothing_falls_back_to_english():
    for code, message in _OS_ERRORS.items():
        assert code in errno.errorcode, code
        assert english_words(message) == set() and not message[0].isupper(), message
    assert os_error(OSError(9999, "Something odd happened")) == "erreur du système n° 9999"
    assert os_error(OSError("no errno at all")) == "erreur du système"
