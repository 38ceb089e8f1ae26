"""La sortie de la ligne de commande sur les quatre plans livrés, comparée octet pour octet aux
fichiers de `tests/golden/cli/` (voir `cli_snapshots.py`)."""

from __future__ import annotations

import pytest
from cli_snapshots import COMMANDS, SNAPSHOTS, run


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_cli_output_is_unchanged(name):
    # Octet pour octet : `read_text` changerait les CRLF du CSV en LF.
    expected = (SNAPSHOTS / f"{name}.txt").read_bytes().decode("utf-8")
    assert run(COMMANDS[name]) == expected, (
        f"la sortie de « essplan {' '.join(COMMANDS[name])} » a changé : si c'est voulu,"
        " python tests/regenerate_golden.py, puis relire git diff tests/golden"
    )


def test_every_snapshot_is_a_command():
    assert {path.stem for path in SNAPSHOTS.glob("*.txt")} == set(COMMANDS)
