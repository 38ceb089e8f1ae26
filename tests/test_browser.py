"""Les rapports HTML dans un vrai navigateur (Chromium sans écran).

Chromium imprime l'annexe et la synthèse en PDF (feuille de style d'impression comprise) :
chaque titre de fiche doit se retrouver dans le texte imprimé, donc être affiché. Le DOM rendu
de la synthèse doit porter une barre par action datée. Les captures d'écran restent dans
tests/artefacts/. `.ci/run` installe chromium et poppler-utils ; ailleurs, le test est sauté
avec la raison.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from regenerate_golden import rendered
from test_plans import fiches

ARTEFACTS = Path(__file__).parent / "artefacts"
CHROMIUM = next(
    (
        shutil.which(name)
        for name in ("chromium", "chromium-browser", "google-chrome")
        if shutil.which(name)
    ),
    None,
)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium)"),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="pdftotext absent (apt-get install poppler-utils)"
    ),
]
# Les options de la sonde de cette machine : sans elles, Chromium tente des connexions que le
# réseau fermé refuse.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    ARTEFACTS.mkdir(exist_ok=True)
    paths = {}
    for template in ("annexe", "synthese"):
        path = folder / f"{template}.html"
        path.write_text(rendered("clermont-2016", template, "html"), encoding="utf-8")
        chromium(
            "--window-size=1100,1600",
            f"--screenshot={ARTEFACTS / f'{template}.png'}",
            path.as_uri(),
        )
        paths[template] = path
    return paths


def printed_text(page: Path) -> str:
    pdf = page.with_suffix(".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), "Chromium n'a pas imprimé la page"
    shutil.copy(pdf, ARTEFACTS / pdf.name)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return " ".join(text.split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("template", ["annexe", "synthese"])
def test_every_fiche_title_is_printed(pages, template):
    text = printed_text(pages[template])
    missing = [
        fiche.titre
        for fiche in fiches("clermont-2016").values()
        if words(fiche.titre)[:60] not in text
    ]
    if (
        template == "synthese"
    ):  # les titres longs passent à la ligne dans une cellule : on compare les débuts
        missing = [t for t in missing if words(t)[:25] not in text]
    assert missing == []


def test_annex_prints_one_fiche_per_page(pages):
    pdf = pages["annexe"].with_suffix(".pdf")
    if not pdf.exists():
        printed_text(pages["annexe"])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages_count = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages_count >= 15  # la page de titre, puis au moins une page par fiche


def test_timeline_has_one_bar_per_dated_action(pages):
    dom = chromium("--dump-dom", pages["synthese"].as_uri()).stdout
    bars = re.findall(r'<rect class="barre[^"]*" data-fiche="([^"]+)"', dom)
    dated = [
        f.id for f in fiches("clermont-2016").values() if f.debut is not None and f.debut.known
    ]
    assert sorted(bars) == sorted(dated) and len(bars) == 13
