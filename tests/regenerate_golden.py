"""Régénère les fichiers de référence après un changement voulu : les annexes de clermont-2016
(`tests/golden/clermont-2016/`), le bilan 2022 du plan de suivi des tests
(`tests/golden/suivi-test/`) et la sortie de la ligne de commande sur les quatre plans
(`tests/golden/cli/`, voir `cli_snapshots.py`).

    python tests/regenerate_golden.py

puis relisez le diff (`git diff tests/golden`) avant de le valider : c'est ce que verront le
conseil, la préfecture et les outils de CI.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from essplan.documents.report import render_report  # noqa: E402
from essplan.repository import plans_in  # noqa: E402
from essplan.validation.validate import validate_plan  # noqa: E402

GOLDEN = HERE / "golden"
SUIVI = HERE / "suivi_plan"  # le dépôt du plan de suivi des tests (`suivi-test`)
CASES = [
    ("clermont-2016", "annexe", "markdown", "annexe.md"),
    ("clermont-2016", "annexe", "html", "annexe.html"),
]
# Le bilan annuel : (plan, année, format, fichier), sur le plan de suivi des tests.
BILAN_CASES = [
    ("suivi-test", 2022, "markdown", "bilan-2022.md"),
    ("suivi-test", 2022, "html", "bilan-2022.html"),
]


def rendered(
    plan_id: str, template: str, output_format: str, root: Path = HERE.parent, **options
) -> str:
    target = next(t for t in plans_in(root, root) if t.folder.name == plan_id)
    return render_report(validate_plan(target), template, output_format, **options)


def bilan(plan_id: str, year: int, output_format: str, root: Path = SUIVI) -> str:
    return rendered(plan_id, "bilan", output_format, root, year=year)


def golden_files() -> dict[Path, Callable[[], str]]:
    """Chaque fichier de référence (hors ligne de commande) et ce qui le produit."""
    files: dict[Path, Callable[[], str]] = {
        GOLDEN / plan_id / name: partial(rendered, plan_id, template, output_format)
        for plan_id, template, output_format, name in CASES
    }
    for plan_id, year, output_format, name in BILAN_CASES:
        files[GOLDEN / plan_id / name] = partial(bilan, plan_id, year, output_format)
    return files


def main() -> None:
    for path, produce in golden_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produce(), encoding="utf-8")
        print(f"écrit : {path.relative_to(HERE.parent)}")
    from cli_snapshots import regenerate

    regenerate()


if __name__ == "__main__":
    main()
