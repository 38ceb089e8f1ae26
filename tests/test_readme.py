"""Les exemples de code du README marchent : chaque bloc Python est lancé depuis la racine du
dépôt, et ce qu'il imprime est ce que disent les commentaires de ses `print`."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO

BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def promised_output(block: str) -> list[str]:
    """« print(x)  # 62500 ['1.2'] » promet la ligne « 62500 ['1.2'] »."""
    return [
        line.split("# ", 1)[1] for line in block.splitlines() if line.lstrip().startswith("print(")
    ]


def test_the_readme_has_library_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"bloc-{i + 1}" for i in range(len(BLOCKS))])
def test_readme_example_prints_what_it_says(block):
    done = subprocess.run(
        [sys.executable, "-c", block], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == promised_output(block)
