"""Le plancher : lire et analyser chaque fichier YAML d'un dépôt de plans, et rien d'autre.

    python benchmarks/floor.py DEPOT

Chaque plans/*/plan.yaml et plans/*/fiches/*.yaml est lu (UTF-8) et passé à
`yaml.load(texte, Loader=yaml.CSafeLoader)` : c'est ce que coûte au minimum un outil qui lit
les mêmes fichiers. `benchmarks/run.py` le lance comme `essplan`, en sous-processus, pour que
les deux mesures comptent le même démarrage de Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: Path) -> int:
    count = 0
    for folder in sorted(p for p in (root / "plans").iterdir() if p.is_dir()):
        paths = [folder / "plan.yaml", *sorted((folder / "fiches").glob("*.yaml"))]
        for path in paths:
            with open(path, encoding="utf-8") as stream:
                yaml.load(stream.read(), Loader=yaml.CSafeLoader)
            count += 1
    print(f"{count} fichiers YAML lus")
    return count


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
