"""Une cellule de tableur qui commence comme une formule est neutralisée, et relue telle quelle."""

from __future__ import annotations

import pytest

from essplan.cells import neutralised, restored


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 4 73 00 00 00", "'+33 4 73 00 00 00"),
        ("- Développer le réseau", "'- Développer le réseau"),
        ("@SOMME(A1)", "'@SOMME(A1)"),
        ("\tcaché", "'\tcaché"),
        ("\rcaché", "'\rcaché"),
        ("Réseau des communes", "Réseau des communes"),
        ("'déjà cité'", "'déjà cité'"),  # une apostrophe ordinaire reste
        ("", ""),
    ],
)
def test_a_formula_start_is_neutralised_and_restored(text, cell):
    assert neutralised(text) == cell
    assert restored(cell) == text
