"""Régénère les fichiers de référence après un changement voulu : les annexes de clermont-2016
(`tests/golden/clermont-2016/`) et la sortie de la ligne de commande sur les quatre plans
(`tests/golden/cli/`, voir `cli_snapshots.py`).

    python tests/regenerate_golden.py

puis relisez le diff (`git diff tests/golden`) avant de le valider : c'est ce que verront le
conseil, la préfecture et les outils de CI.
"""

from __future__ import annotations

import sys
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


def rendered(
    plan_id: str, template: str, output_format: str, root: Path = HERE.parent, **options
) -> str:
    target = next(t for t in plans_in(root, root) if t.folder.name == plan_id)
    return render_report(validate_plan(target), template, output_format, **options)


def main() -> None:
    for plan_id, template, output_format, name in CASES:
        path = GOLDEN / plan_id / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered(plan_id, template, output_format), encoding="utf-8")
        print(f"écrit : {path.relative_to(HERE.parent)}")
    from cli_snapshots import regenerate

    regenerate()


if __name__ == "__main__":
    main()
