"""Les rapports HTML dans un vrai navigateur (Chromium sans écran).

Chromium imprime l'annexe et la synthèse en PDF (feuille de style d'impression comprise) :
chaque titre de fiche doit se retrouver dans le texte imprimé, donc être affiché. Le DOM rendu
de la synthèse doit porter une barre par action datée ; celui du bilan annuel, ses graphiques,
sans qu'aucune ressource extérieure soit demandée (le journal réseau de Chromium le dit), et le
texte du plan affiché, jamais exécuté. Les captures d'écran restent dans tests/artefacts/. `.ci/run` installe chromium et poppler-utils ; ailleurs, le test est sauté
avec la raison.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from regenerate_golden import bilan, rendered
from test_bilan import copy_plan, hostile_data
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
    assert pages_count == 15  # la page de titre, puis chaque fiche sur une page (14)


def test_timeline_has_one_bar_per_dated_action(pages):
    dom = chromium("--dump-dom", pages["synthese"].as_uri()).stdout
    bars = re.findall(r'<rect class="barre[^"]*" data-fiche="([^"]+)"', dom)
    dated = [
        f.id for f in fiches("clermont-2016").values() if f.debut is not None and f.debut.known
    ]
    assert sorted(bars) == sorted(dated) and len(bars) == 13


# ------------------------------------------------------------------------ le bilan annuel


def page_requests(page: Path) -> list[str]:
    """Les adresses que la page a demandées au réseau, d'après le journal réseau de Chromium.

    Chromium fait aussi ses propres requêtes (mises à jour, comptes) : seules comptent celles
    dont la clé d'isolement est le site de la page (`file://`)."""
    log = page.with_suffix(".netlog.json")
    chromium(f"--log-net-log={log}", "--dump-dom", page.as_uri())
    data = json.loads(log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in data["events"]
        if event["type"] == start
        and event.get("params", {}).get("network_isolation_key", "").startswith("file://")
    ]


@pytest.fixture(scope="module")
def bilan_page(tmp_path_factory):
    page = tmp_path_factory.mktemp("bilan") / "bilan.html"
    page.write_text(bilan("suivi-test", 2022, "html"), encoding="utf-8")
    ARTEFACTS.mkdir(exist_ok=True)
    chromium("--window-size=1100,2600", f"--screenshot={ARTEFACTS / 'bilan.png'}", page.as_uri())
    return page


def test_bilan_draws_its_charts(bilan_page):
    dom = chromium("--dump-dom", bilan_page.as_uri()).stdout
    charts = re.findall(r'<svg class="indicateur".*?</svg>', dom, re.DOTALL)
    assert len(charts) == 2  # 1.1 (2021 et 2022) et 1.2 (2022)
    assert [chart.count('<circle class="valeur"') for chart in charts] == [2, 1]
    assert all('class="cible"' in chart for chart in charts)
    assert (ARTEFACTS / "bilan.png").stat().st_size > 10_000


def test_bilan_is_printed_whole(bilan_page):
    text = printed_text(bilan_page)
    for seen in ("Bilan 2022", "Total du plan", "Rencontre annuelle tenue à Clermont.",
                 "Signer la charte avec dix communes"):  # fmt: skip
        assert seen in text, seen


def test_bilan_requests_no_external_resource(bilan_page):
    assert page_requests(bilan_page) == []


def test_the_request_watch_sees_an_external_resource(tmp_path):
    """Le juge du test précédent : une page qui demande une image au réseau est vue."""
    page = tmp_path / "externe.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><body><img src="http://example.invalid/i.png" alt="">'
        "</body></html>",
        encoding="utf-8",
    )
    assert page_requests(page) == ["http://example.invalid/i.png"]


def test_a_script_in_the_journal_is_shown_not_run(tmp_path):
    page = tmp_path / "bilan.html"
    repo = copy_plan(tmp_path / "depot", hostile_data)
    page.write_text(bilan("suivi-test", 2022, "html", root=repo), encoding="utf-8")
    dom = chromium("--dump-dom", page.as_uri()).stdout
    # Exécuté, le script changerait le titre de la page ; affiché, il reste du texte.
    assert "<title>Bilan 2022 — Plan de test pour le suivi</title>" in dom
    assert "&lt;script&gt;document.title='exécuté'&lt;/script&gt;" in dom
    assert "<b>membres</b>" not in dom
