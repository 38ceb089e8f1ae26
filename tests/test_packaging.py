"""Les bornes basses des dépendances sont vraies : constraints-lowest.txt les épingle toutes, et
`.ci/run` relance la suite sur ces versions."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO


def declared_lower_bounds() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    requirements = [*project["dependencies"], *extras["test"], *extras["pdf"]]
    bounds = {}
    for requirement in requirements:
        found = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement)
        assert found, f"« {requirement} » n'a pas de borne basse"
        bounds[found[1].lower()] = found[2]
    return bounds


def pinned() -> dict[str, str]:
    lines = (REPO / "constraints-lowest.txt").read_text(encoding="utf-8").splitlines()
    pins = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def test_every_lower_bound_is_pinned_in_the_constraints_file():
    assert pinned() == declared_lower_bounds()


def test_ci_runs_the_suite_on_the_lowest_versions_with_hostile_environment():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c constraints-lowest.txt" in script
    assert re.search(r"ESSPLAN_OUTPUT_FORMAT=\S+ ESSPLAN_JOBS=\S+ .*pytest", script)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_test = (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' &&"
        " .venv/bin/python -m pytest"
    )
    assert quick_test in readme and quick_test in script


def test_ci_runs_ruff_and_mypy_at_pinned_versions():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    for command in ("ruff check .", "ruff format --check .", "mypy essplan"):
        assert command in script
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lint = project["optional-dependencies"]["lint"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9.]*", tool) for tool in lint), lint


def test_ci_builds_checks_and_installs_the_wheel_outside_the_project():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/check-dist .venv/bin/python" in script
    check = (REPO / ".ci" / "check-dist").read_text(encoding="utf-8")
    for step in (
        "-m build",
        "twine check --strict",
        'cd "$work"',
        "essplan init",
        "essplan validate",
    ):
        assert step in check, step
    assert 'pip install -q "$wheel"' in check


def test_ci_tries_both_hooks_at_the_newest_and_the_lowest_pre_commit():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".ci/try-hooks .venv/bin/pre-commit .venv/bin/essplan" in script
    assert ".ci/try-hooks .venv-lowest/bin/pre-commit .venv-lowest/bin/essplan" in script
    assert "try-repo" in (REPO / ".ci" / "try-hooks").read_text(encoding="utf-8")


def test_the_pre_commit_hooks_run_essplan_on_the_plans():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["essplan-validate", "essplan-lint"]
    for hook, command in zip(hooks, ("essplan validate", "essplan lint"), strict=True):
        assert hook["entry"] == command
        assert (hook["language"], hook["pass_filenames"], hook["files"]) == (
            "python",
            False,
            "^plans/",
        )


def test_the_wheel_carries_templates_schemas_and_the_format_reference():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = project["tool"]["setuptools"]["package-data"]["essplan"]
    for pattern in ("documents/templates/*.j2", "schemas/*.json", "scaffold/files/*"):
        assert pattern in package_data
        assert list((REPO / "essplan").glob(pattern)), pattern
    data_files = project["tool"]["setuptools"]["data-files"]
    assert data_files["share/doc/essplan"] == ["docs/*.md"]
    assert (REPO / "docs" / "FORMAT.md").is_file()


def test_ci_installs_the_pdf_extra_and_its_libraries_in_both_environments():
    """Les tests du PDF tournent en CI : WeasyPrint aux versions les plus récentes et à la plus
    basse déclarée, Pango et poppler-utils par apt, comme Chromium."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install -q -e '.[pdf]'" in script
    assert "-c constraints-lowest.txt -e '.[test,pdf]'" in script
    for package in ("poppler-utils", "libpango-1.0-0", "libpangoft2-1.0-0"):
        assert package in script, package
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [r for r in project["optional-dependencies"]["pdf"] if r.startswith("weasyprint")]


def test_the_weasyprint_version_essplan_checks_is_the_declared_bound():
    """Le message « WeasyPrint X ou plus récent » de `report -f pdf` dit la borne déclarée."""
    from essplan.documents.pdf import LOWEST_WEASYPRINT

    bound = declared_lower_bounds()["weasyprint"]
    assert ".".join(map(str, LOWEST_WEASYPRINT)) == bound
