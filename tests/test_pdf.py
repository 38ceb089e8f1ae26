"""`essplan report -f pdf` : le document HTML mis en page par WeasyPrint.

L'annexe de clermont-2016 : la page de titre puis une page par fiche, chaque page commence par
« Défi N°x / Action N°y », porte le titre courant (collectivité, plan, numéro de la
délibération) et « Page n / N » ; polices incorporées (pdffonts) ; tout le texte des fiches et
de la source s'y lit (pdftotext) ; la première page en image dans tests/artefacts/ (pdftoppm).
Puis chaque modèle livré, un modèle à soi, le PDF/A, la sortie standard, et ce qui est refusé.

`.ci/run` installe l'extra `pdf`, Pango et poppler-utils ; ailleurs, ce qui les demande est
sauté avec la raison. Les messages d'absence de WeasyPrint se vérifient partout (simulés).
"""

from __future__ import annotations

import html
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PLANS, REPO
from regenerate_golden import GOLDEN, SUIVI, rendered
from test_report import HOSTILE, hostile_repo, normalise, source_bullets

from essplan.documents.pdf import PdfUnavailable, engine, render_pdf
from tests.fuzz.run import _strings as texts

ARTEFACTS = Path(__file__).parent / "artefacts"
PLAN = yaml.safe_load((PLANS / "clermont-2016" / "plan.yaml").read_text(encoding="utf-8"))
NUMERO = PLAN["deliberation"]["numero"]
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


def _unavailable() -> str | None:
    try:
        engine()
    except PdfUnavailable as error:
        return str(error)
    missing = [
        tool for tool in ("pdfinfo", "pdftotext", "pdffonts", "pdftoppm") if not shutil.which(tool)
    ]
    return f"{', '.join(missing)} absent (apt-get install poppler-utils)" if missing else None


UNAVAILABLE = _unavailable()
needs_pdf = pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or "")


def poppler(*args: str | Path) -> str:
    return subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=60, check=True
    ).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf))[1])


def page_parts(pdf: Path) -> list[tuple[str, str, str]]:
    """Chaque page : (en-tête, corps, pied), d'après la position des mots (pdftotext -bbox) ;
    la marge du haut fait 2 cm, celle du bas 1,6 cm (`_base.html.j2`)."""
    pages = []
    for page in poppler("pdftotext", "-bbox", pdf, "-").split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page)[1])
        parts: tuple[list[str], list[str], list[str]] = ([], [], [])
        for y_min, y_max, word in re.findall(
            r'yMin="([\d.]+)" [^>]*yMax="([\d.]+)">([^<]*)<', page
        ):
            where = (
                0
                if float(y_max) < 2 / 2.54 * 72
                else 2
                if float(y_min) > height - 1.6 / 2.54 * 72
                else 1
            )
            parts[where].append(html.unescape(word))
        pages.append(tuple(" ".join(words) for words in parts))
    return pages


def printed_text(pdf: Path) -> str:
    """Le texte du PDF, dans l'ordre où il est écrit (pdftotext -raw), normalisé comme celui de
    l'annexe ; un mot coupé à son trait d'union (« co-⏎construire ») est recollé."""
    text = poppler("pdftotext", "-raw", pdf, "-")
    return normalise(re.sub(r"(?<=\w)-\n(?=\w)", "-", text))


def headings() -> list[str]:
    """« Défi N°1 / Action N°1 »… : le titre de chaque fiche, dans l'ordre de l'annexe."""
    annex = (GOLDEN / "clermont-2016" / "annexe.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.+ N°\S+ / .+ N°\S+)$", annex, re.MULTILINE)


@pytest.fixture(scope="module")
def annex(tmp_path_factory) -> Path:
    pdf = tmp_path_factory.mktemp("pdf") / "annexe.pdf"
    pdf.write_bytes(render_pdf(rendered("clermont-2016", "annexe", "html")).data)
    return pdf


@needs_pdf
def test_the_annex_prints_each_fiche_on_its_own_page(annex):
    titles = headings()
    assert len(titles) == 14
    assert page_count(annex) == 1 + len(titles)  # la page de titre, puis chaque fiche sur une
    bodies = [body for _, body, _ in page_parts(annex)]
    assert bodies[0].startswith("Clermont Communauté PROJET STRATÉGIQUE")
    assert [body[: len(title)] for body, title in zip(bodies[1:], titles, strict=True)] == titles


@needs_pdf
def test_every_page_has_the_running_header_and_its_number(annex):
    parts = page_parts(annex)
    for number, (header, _, footer) in enumerate(parts, start=1):
        assert header.startswith("Clermont Communauté — PROJET STRATÉGIQUE ET OPÉRATIONNEL"), number
        assert f"Délibération n° {NUMERO}" in header, number
        assert footer == f"Page {number} / {len(parts)}"


def embedded_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(police, incorporée ?) d'après pdffonts : name type encoding emb sub uni object ID."""
    rows = poppler("pdffonts", pdf).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows]


@needs_pdf
def test_the_annex_fonts_are_embedded(annex):
    fonts = embedded_fonts(annex)
    assert fonts and all(embedded == "yes" for _, embedded in fonts), fonts


@needs_pdf
def test_the_first_page_is_drawn(annex):
    ARTEFACTS.mkdir(exist_ok=True)
    target = ARTEFACTS / "annexe-pdf"
    poppler("pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile", annex, target)
    image = target.with_suffix(".png").read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 5_000
    shutil.copy(annex, ARTEFACTS / "annexe.weasyprint.pdf")


@pytest.mark.parametrize("label", ["Méthode :", "Indicateurs d'évaluation :"])
@needs_pdf
def test_every_source_bullet_is_in_the_printed_annex(annex, label):
    """Le test de fidélité de l'annexe (test_report.py), sur le texte du PDF."""
    printed = printed_text(annex)
    bullets = source_bullets(label)
    assert len(bullets) > 40
    assert [bullet for bullet in bullets if bullet not in printed] == []


@needs_pdf
def test_every_text_of_every_fiche_is_printed(annex):
    """Chaque texte de chaque fiche (tout sauf `id` et `axe`, que le titre de la fiche dit)."""
    printed = printed_text(annex)
    checked, missing = 0, []
    for path in sorted((PLANS / "clermont-2016" / "fiches").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in texts({key: value for key, value in data.items() if key not in ("id", "axe")}):
            checked += 1
            if normalise(text) not in printed:
                missing.append((path.name, text))
    assert missing == [] and checked > 200


# ------------------------------------------------------- les autres modèles, par la commande


def report_pdf(run_cli, tmp_path, *args: str, cwd: Path = REPO) -> tuple[Path, str]:
    pdf = tmp_path / "document.pdf"
    result = run_cli("report", *args, "-f", "pdf", "-o", str(pdf), cwd=cwd)
    assert (result.exit_code, result.stdout) == (0, f"Écrit : {pdf}\n"), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    return pdf, result.stderr


@pytest.mark.parametrize(
    ("args", "cwd", "seen"),
    [
        (("clermont-2016", "-t", "deliberation"), REPO, "Conseiller(e)s présent(e)s"),
        (("clermont-2016", "-t", "synthese"), REPO, "Points à compléter"),
        (
            ("suivi-test", "-t", "bilan", "--year", "2022"),
            SUIVI,
            "Rencontre annuelle tenue à Clermont.",
        ),
    ],
    ids=["deliberation", "synthese", "bilan"],
)
@needs_pdf
def test_every_packaged_template_is_printed(run_cli, tmp_path, args, cwd, seen):
    pdf, stderr = report_pdf(run_cli, tmp_path, *args, cwd=cwd)
    assert stderr == ""
    assert seen in " ".join(poppler("pdftotext", pdf, "-").split())
    parts = page_parts(pdf)
    assert [footer for _, _, footer in parts] == [
        f"Page {n} / {len(parts)}" for n in range(1, len(parts) + 1)
    ]
    assert all(embedded == "yes" for _, embedded in embedded_fonts(pdf))


def own_template(tmp_path: Path, body: str) -> Path:
    """Un modèle à soi, qui étend `_base.html.j2` (et reçoit donc sa feuille d'impression)."""
    template = tmp_path / "mon-modele.html.j2"
    template.write_text(
        f'{{% extends "_base.html.j2" %}}{{% block body %}}{body}{{% endblock %}}', encoding="utf-8"
    )
    return template


@needs_pdf
def test_a_template_of_ones_own_is_printed_and_loads_nothing(run_cli, tmp_path):
    images = '<img src="file:///etc/hostname" alt="">' * 2 + f'<img src="{PIXEL}" alt="">'
    listing = "{% for vue in fiches %}<p>{{ vue.fiche.id }} {{ vue.fiche.titre }}</p>{% endfor %}"
    template = own_template(tmp_path, f"<h1>Liste des actions</h1>{images}{listing}")
    pdf, stderr = report_pdf(run_cli, tmp_path, "clermont-2016", "-t", str(template))
    assert stderr == (
        "essplan : attention : le PDF ne charge rien hors du document (sauf les adresses data:) ;"
        " non chargé : « file:///etc/hostname »\n"
    )
    text = " ".join(poppler("pdftotext", pdf, "-").split())
    assert "Liste des actions" in text and "4.1 Initier un rendez-vous annuel" in text
    rows = [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]
    assert [row[3:5] for row in rows if row[2] == "image"] == [["1", "1"]]  # le pixel data:


@needs_pdf
def test_a_stylesheet_elsewhere_is_not_loaded(run_cli, tmp_path):
    template = tmp_path / "style.html.j2"
    template.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title>'
        '<link rel="stylesheet" href="http://example.invalid/s.css"></head><body><p>Texte</p></body></html>',
        encoding="utf-8",
    )
    _, stderr = report_pdf(run_cli, tmp_path, "clermont-2016", "-t", str(template))
    assert stderr.endswith(" non chargé : « http://example.invalid/s.css »\n")


@needs_pdf
def test_a_pdf_goes_by_default_to_build(run_cli, tmp_path):
    repo = tmp_path / "depot"
    shutil.copytree(PLANS / "clermont-2016", repo / "plans" / "clermont-2016")
    result = run_cli("report", "clermont-2016", "-t", "deliberation", "-f", "pdf", cwd=repo)
    assert (result.exit_code, result.stdout) == (
        0,
        "Écrit : build/clermont-2016/deliberation.pdf\n",
    )
    assert (repo / "build/clermont-2016/deliberation.pdf").read_bytes().startswith(b"%PDF-")


@needs_pdf
def test_a_document_too_deep_to_lay_out_is_the_templates_fault(run_cli, tmp_path):
    template = own_template(tmp_path, "{% for i in range(3000) %}<div>{% endfor %}x")
    result = run_cli(
        "report", "clermont-2016", "-t", str(template), "-f", "pdf", "-o", str(tmp_path / "p.pdf")
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"essplan : modèle « {template} » : le document est trop imbriqué pour être mis en page en"
        " PDF (des éléments dans des éléments, sur des centaines de niveaux) ; simplifiez-le\n"
    )
    assert not (tmp_path / "p.pdf").exists()


@needs_pdf
def test_the_running_header_prints_the_plan_text_as_written(run_cli, tmp_path):
    """Le titre courant est une chaîne CSS : `"`, `\\`, `}`, `&` et `</style>` du plan s'y
    impriment tels quels, sans fermer la chaîne ni la feuille de style."""
    repo = hostile_repo(tmp_path / "depot")
    plan = repo / "plans/p/plan.yaml"
    breaking = 'Ville « 1 » "} \\\\ & </style> <b>'
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            f'collectivite: "{HOSTILE}"', f"collectivite: '{breaking}'"
        ),
        encoding="utf-8",
    )
    pdf, _ = report_pdf(run_cli, tmp_path, "p", cwd=repo)
    header = page_parts(pdf)[0][0]
    assert header.startswith(
        "Ville « 1 » \"} \\\\ & </style> <b> — <script>alert('x')</script> {{ 7*7 }}"
    )
    assert f"Délibération n° {HOSTILE}"[:40] in header


# ------------------------------------------------------------------------------- PDF/A


@pytest.mark.parametrize("variant", ["pdf/a-2b", "pdf/a-3b"])
@needs_pdf
def test_the_archival_variant_is_marked(run_cli, tmp_path, variant):
    pdf, _ = report_pdf(
        run_cli, tmp_path, "clermont-2016", "-t", "deliberation", "--pdf-variant", variant
    )
    xmp = poppler("pdfinfo", "-meta", pdf)
    part, conformance = variant[-2], variant[-1].upper()
    assert re.search(rf'pdfaid:part(="|>){part}\b', xmp), xmp
    assert re.search(rf'pdfaid:conformance(="|>){conformance}\b', xmp), xmp
    assert all(embedded == "yes" for _, embedded in embedded_fonts(pdf))


@needs_pdf
def test_without_a_variant_the_pdf_claims_no_archival_conformance(run_cli, tmp_path):
    pdf, _ = report_pdf(run_cli, tmp_path, "clermont-2016", "-t", "deliberation")
    assert "pdfaid" not in poppler("pdfinfo", "-meta", pdf)


def test_a_variant_needs_the_pdf_format(run_cli, tmp_path):
    result = run_cli(
        "report", "clermont-2016", "--pdf-variant", "pdf/a-3b", "-o", str(tmp_path / "a.html")
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "essplan : --pdf-variant ne s'emploie qu'avec -f pdf (le format est ici html)\n"
    )
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------- la sortie standard, un terminal


def essplan(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "essplan", *args], cwd=REPO, timeout=120, check=False, **options
    )


@needs_pdf
def test_a_pdf_goes_to_a_pipe(tmp_path):
    done = essplan(
        "report", "clermont-2016", "-t", "deliberation", "-f", "pdf", "-o", "-", capture_output=True
    )
    assert done.returncode == 0 and done.stderr == b""
    (tmp_path / "piped.pdf").write_bytes(done.stdout)
    assert done.stdout.startswith(b"%PDF-") and page_count(tmp_path / "piped.pdf") >= 1


def test_a_pdf_is_not_sent_to_a_terminal():
    controller, terminal = pty.openpty()
    try:
        done = essplan(
            "report",
            "clermont-2016",
            "-f",
            "pdf",
            "-o",
            "-",
            stdout=terminal,
            stderr=subprocess.PIPE,
        )
        os.set_blocking(controller, False)
        try:
            shown = os.read(controller, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(controller)
        os.close(terminal)
    assert (done.returncode, shown) == (2, b"")
    assert done.stderr.decode() == (
        "essplan : un PDF ne s'affiche pas dans un terminal : écrivez-le dans un fichier"
        " (-o annexe.pdf), ou redirigez la sortie standard (-o - > annexe.pdf)\n"
    )


def test_a_markdown_template_is_not_printed_as_pdf(run_cli, tmp_path):
    template = tmp_path / "court.md.j2"
    template.write_text("# {{ plan.titre }}\n", encoding="utf-8")
    result = run_cli(
        "report", "clermont-2016", "-t", str(template), "-f", "pdf", "-o", str(tmp_path / "c.pdf")
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"essplan : -f pdf met en page un modèle HTML : « {template} » est un modèle Markdown (.md.j2)\n"
    )
    assert not (tmp_path / "c.pdf").exists()


# ------------------------------------------------------------- WeasyPrint ou Pango absents


class _Failing:
    """Un chercheur de modules qui fait échouer `import weasyprint` comme sur une machine où il
    manque (ImportError) ou bien où Pango manque (OSError, levée par WeasyPrint à son import)."""

    def __init__(self, error: Exception):
        self.error = error

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise self.error
        return None


PIP = "pip install 'essplan[pdf]'"
APT = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            ModuleNotFoundError("No module named 'weasyprint'"),
            f"essplan : le format pdf demande WeasyPrint, qui n'est pas installé : {PIP} (et, sur"
            f" Debian ou Ubuntu, les bibliothèques qu'il emploie : {APT})\n",
        ),
        (
            OSError("cannot load library 'libpango-1.0-0'"),
            "essplan : le format pdf demande les bibliothèques Pango, que WeasyPrint ne trouve pas :"
            f" sur Debian ou Ubuntu, {APT} (ailleurs, le paquet Pango du système)\n",
        ),
    ],
    ids=["weasyprint", "pango"],
)
@pytest.mark.parametrize("output", ["file", "default", "-"])
def test_without_weasyprint_the_message_says_what_to_install(
    run_cli, tmp_path, monkeypatch, error, message, output
):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_Failing(error), *sys.meta_path])
    repo = tmp_path / "depot"
    shutil.copytree(PLANS / "clermont-2016", repo / "plans" / "clermont-2016")
    target = {"file": ["-o", "annexe.pdf"], "default": [], "-": ["-o", "-"]}[output]
    result = run_cli("report", "clermont-2016", "-f", "pdf", *target, cwd=repo)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert sorted(path.name for path in repo.iterdir()) == ["plans"]  # ni fichier ni build/


def test_a_weasyprint_older_than_the_bound_is_named(run_cli, tmp_path, monkeypatch):
    old = type(sys)("weasyprint")
    old.__version__ = "62.3"
    monkeypatch.setitem(sys.modules, "weasyprint", old)
    result = run_cli("report", "clermont-2016", "-f", "pdf", "-o", str(tmp_path / "a.pdf"))
    assert (result.exit_code, result.stderr) == (
        2,
        "essplan : le format pdf demande WeasyPrint 63.0 ou plus récent, et celui-ci est 62.3 :"
        " pip install --upgrade 'essplan[pdf]'\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_essplan_starts_without_importing_weasyprint():
    done = essplan(
        "report", "--help", capture_output=True, text=True, env={**os.environ, "PYTHONVERBOSE": "1"}
    )
    assert done.returncode == 0 and "--pdf-variant" in done.stdout
    assert "import 'weasyprint'" not in done.stderr


@needs_pdf
def test_a_pdf_name_given_to_o_gives_a_pdf(run_cli, tmp_path):
    target = tmp_path / "annexe.pdf"
    result = run_cli("report", "clermont-2016", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
