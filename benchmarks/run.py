"""Mesurer essplan sur des corpus de plans jusqu'à l'échelle nationale, et l'écrire dans
benchmarks/results.md.

    pip install -r benchmarks/requirements.txt      # les pairs (facultatif)
    python benchmarks/run.py                        # tout : quelques minutes sur 2 cœurs
    python benchmarks/run.py --corpora /tmp/corpus  # en gardant les corpus pour la fois suivante
    python benchmarks/run.py --quick                # de tout petits corpus : tout tourne-t-il ?

En une exécution : génère les corpus (make_corpus.py) dans un dossier temporaire (ou les reprend
de `--corpora`), puis mesure

- le plancher : lire et analyser chaque fichier YAML avec `yaml.CSafeLoader`, rien d'autre
  (benchmarks/floor.py), sur 10 000 fiches (200 plans × 50) ;
- `essplan validate` (sans cache et cache plein) et `essplan lint` sur le même corpus, en
  rapport au plancher, avec le pool de processus et sans, et lint en rapport à validate ;
- le démarrage : `essplan --version` et `essplan --help` en rapport à `python -c "import typer"` ;
- l'échelle nationale (national.py) : validate, lint, budget et status sur 1 000, 10 000 et
  60 000 fiches (1 200 plans × 50, tous les EPCI de France), durée et mémoire de pointe, avec et
  sans le pool, avec et sans le cache ;
- `essplan budget` et `essplan report --template synthese` sur un plan de 1 000 fiches, en fiches
  par seconde ;
- les pairs sur les mêmes 10 000 fiches : check-jsonschema (le schéma des fiches, schemas/) et
  yamllint (configuration par défaut), s'ils sont installés ;
- les plans adverses d'ESS401 (benchmarks/adversarial.py) et les documents d'un plan de 5 000
  fiches (benchmarks/documents.py), si ces modules sont là ;

imprime le tableau et écrit results.md (les tableaux, la machine, la date, le profil). Avec
`--quick`, le rapport va sur la sortie standard (ou dans `--output`) : results.md n'est pas
touché ; c'est ce que lance la CI, sans rien vérifier des durées.

Conditions, les mêmes pour toutes les mesures : chaque commande est un sous-processus (le
plancher aussi, avec le même interpréteur), sortie standard dans un fichier ; les mesures
s'alternent (plancher, validate, lint, plancher…) et l'on garde la médiane. Le cache de bytecode
est actif (PYTHONPYCACHEPREFIX dans le dossier temporaire, PYTHONDONTWRITEBYTECODE retiré), comme
après une installation par pip ; un premier passage de chaque commande, non compté, le remplit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import national  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

RESULTS = HERE / "results.md"
# run.py réécrit results.md jusqu'à ce titre ; ce qui suit est rédigé à la main et conservé.
KEPT_SECTION = "## Ce que le profil a montré, ce qui a été optimisé"

TARGETS = {"validate": 1.5, "lint": 2.0, "start": 1.3, "memory": 1.5, "cache": 0.3}
# Les cibles de l'issue #18 : lint au plus 1,3× validate côte à côte, 1,2× le plancher avec le
# pool, 1,8× sur un seul processus.
TARGETS18 = {"side-by-side": 1.3, "lint": 1.2, "lint-1": 1.8}
NATIONAL_FICHES = 60_000  # la cible de mémoire vaut de 1 000 à 60 000 fiches


@dataclass
class Row:
    label: str
    value: str
    ratio: str = ""
    target: str = ""
    verdict: str = ""


def targeted(label: str, seconds: float, ratio: float, targets, fiches: int) -> Row:
    """Une durée en rapport au plancher, face à une ou plusieurs cibles (libellé, valeur) : la
    cible d'avant et celle de l'issue #18 ont chacune leur verdict."""
    shown = [f"{name}≤ {fr(value, 1)}×" for name, value in targets]
    verdicts = [f"{name}{verdict(ratio, value, fiches)}" for name, value in targets]
    return Row(label, f"{fr(seconds)} s", f"{fr(ratio)}×", " ; ".join(shown), " ; ".join(verdicts))


def fr(number: float, digits: int = 2) -> str:
    """2.5 → « 2,50 » : les nombres à la française."""
    return f"{number:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.python = sys.executable
        self.essplan = find_essplan(args.essplan)
        self.env = dict(os.environ)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        self.env.pop("ESSPLAN_OUTPUT_FORMAT", None)
        self.env.pop("ESSPLAN_JOBS", None)
        self.env.pop("ESSPLAN_CACHE_KEY", None)
        self.env["XDG_CACHE_HOME"] = str(work / "xdg-cache")  # la clé du cache de validate
        self.out = work / "sortie.txt"

    # ------------------------------------------------------------------------- les mesures

    def run(self, command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
        """Durée (s) et code de sortie d'un sous-processus, sortie standard dans un fichier."""
        with open(self.out, "wb") as out:
            start = time.perf_counter()
            code = subprocess.call(
                command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, env=env or self.env
            )
            return time.perf_counter() - start, code

    def medians(
        self,
        commands: dict[str, tuple[list[str], Path, dict | None]],
        repeat: int,
        warmup: bool = True,
    ) -> dict[str, float]:
        """Médiane de `repeat` passages alternés de chaque commande (après un passage à blanc)."""
        times: dict[str, list[float]] = {name: [] for name in commands}
        codes: dict[str, set[int]] = {name: set() for name in commands}
        for round_ in range(repeat + (1 if warmup else 0)):
            for name, (command, cwd, env) in commands.items():
                elapsed, code = self.run(command, cwd, env)
                codes[name].add(code)
                if round_ or not warmup:
                    times[name].append(elapsed)
        for name, seen in codes.items():
            if seen - {0, 1}:
                raise SystemExit(
                    f"run.py : « {name} » a échoué (code {sorted(seen)}) ; relancez-la à la"
                    f" main dans {commands[name][1]}"
                )
        return {name: statistics.median(values) for name, values in times.items()}

    def profile(self, cwd: Path) -> pstats.Stats:
        """Profil (cProfile) de `essplan lint`, dans un seul processus (ESSPLAN_JOBS=1)."""
        stats = self.work / "lint.prof"
        # La commande essplan : le script de l'installation (un script Python) ou
        # « python -m essplan ».
        script = self.essplan[1:] if self.essplan[0] == self.python else self.essplan
        subprocess.run(
            [
                self.python,
                "-m",
                "cProfile",
                "-o",
                str(stats),
                *script,
                "lint",
                "--output-format",
                "concise",
            ],
            cwd=cwd,
            env=dict(self.env, ESSPLAN_JOBS="1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return pstats.Stats(str(stats))


def find_essplan(given: str | None) -> list[str]:
    if given:
        return [given]
    beside = Path(sys.executable).parent / ("essplan.exe" if os.name == "nt" else "essplan")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("essplan")
    return [found] if found else [sys.executable, "-m", "essplan"]


REFERENCE_FICHES = 10_000  # les cibles du corpus valent pour 10 000 fiches (200 plans × 50)


ONE = "un seul processus (ESSPLAN_JOBS=1)"


def verdict(ratio: float, target: float, fiches: int | None = None) -> str:
    if fiches is not None and fiches < REFERENCE_FICHES:
        return "hors cible (moins de 10 000 fiches)"
    if ratio <= target:
        return "tenu"
    return f"manqué de {fr((ratio / target - 1) * 100, 0)} %"


# --------------------------------------------------------------------------- le programme


def make_corpora(args: argparse.Namespace, work: Path) -> dict[str, tuple[Path, int]]:
    """Les corpus : le petit (1 000 fiches), celui des cibles (10 000), le national (60 000),
    et un plan unique pour budget et report ; repris de `--corpora` s'ils y sont déjà."""
    sizes = {
        "small": (args.small_plans, args.fiches),
        "reference": (args.plans, args.fiches),
        "national": (args.national_plans, args.fiches),
        "single": (1, args.big_plan),
    }
    return {
        name: national.corpus(make_corpus, work, args.corpora, f"corpus-{name}", *size)
        for name, size in sizes.items()
    }


def reference_times(bench: Bench, big: Path, repeat: int, lint_cache: bool) -> dict[str, float]:
    """Plancher, validate et lint sur le corpus des cibles, en alternance (médianes)."""
    serial = dict(bench.env, ESSPLAN_JOBS="1")
    concise = ["--output-format", "concise"]
    lint = [*bench.essplan, "lint", *(["--no-cache"] if lint_cache else []), *concise]
    commands: dict[str, tuple[list[str], Path, dict | None]] = {
        "floor": ([bench.python, str(HERE / "floor.py"), "."], big, None),
    }
    for suffix, env in (("", None), ("-1", serial)):
        commands |= {
            f"validate{suffix}": ([*bench.essplan, "validate", "--no-cache", *concise], big, env),
            # le passage à blanc remplit .essplan_cache/ : les mesures sont celles d'un dépôt
            # inchangé
            f"validate-cache{suffix}": ([*bench.essplan, "validate", *concise], big, env),
            f"lint{suffix}": (lint, big, env),
        }
        if lint_cache:
            commands[f"lint-cache{suffix}"] = ([*bench.essplan, "lint", *concise], big, env)
    return bench.medians(commands, repeat)


def measure(args: argparse.Namespace, work: Path) -> tuple[list[Row], dict, pstats.Stats]:
    bench = Bench(args, work)
    essplan = bench.essplan
    started = time.perf_counter()
    corpora = make_corpora(args, work)
    big, total = corpora["reference"]
    single, total_single = corpora["single"]
    plan_id = next((single / "plans").iterdir()).name
    log(
        f"corpus : {', '.join(thousands(n) for _, n in corpora.values())} fiches"
        f" ({time.perf_counter() - started:.1f} s)"
    )
    lint_cache = national.lint_has_cache(bench)
    times = reference_times(bench, big, args.repeat, lint_cache)
    log(f"plancher, validate, lint : {time.perf_counter() - started:.1f} s")

    start_times = bench.medians(
        {
            "typer": ([bench.python, "-c", "import typer"], work, None),
            "version": ([*essplan, "--version"], work, None),
            "help": ([*essplan, "--help"], work, None),
        },
        args.start_runs,
    )
    log(f"démarrage : {time.perf_counter() - started:.1f} s")

    scale = national.measure_scale(
        bench, [(name, *corpora[name]) for name in ("small", "reference", "national")], log
    )
    report_available = bench.run([*essplan, "report", "--help"], work)[1] == 0
    plan_commands = {"budget": ([*essplan, "budget", plan_id], single, None)}
    if report_available:
        plan_commands["report"] = (
            [*essplan, "report", plan_id, "--template", "synthese", "-o", "-"],
            single,
            None,
        )
    plan_times = bench.medians(plan_commands, args.repeat)
    log(f"budget, report : {time.perf_counter() - started:.1f} s")

    peers = {} if args.no_peers else national.measure_peers(bench, big)
    for name in (name for name, elapsed in peers.items() if elapsed is None):
        log(f"{name} absent, non mesuré : pip install -r benchmarks/requirements.txt")
    log(f"pairs : {time.perf_counter() - started:.1f} s")
    profile = bench.profile(big)
    log(f"profil : {time.perf_counter() - started:.1f} s")
    adverse = extra_sections(bench, work, args.quick)
    log(f"plans adverses et documents : {time.perf_counter() - started:.1f} s")

    rows = reference_rows(times, total, lint_cache)
    rows += start_rows(start_times)
    rows += memory_rows(scale)
    rows += plan_rows(plan_times, total_single, report_available)
    rows += peer_rows(peers, times["floor"], total, args.no_peers)
    sizes = {
        "total": total,
        "plans": args.plans,
        "fiches": args.fiches,
        "corpora": {name: n for name, (_, n) in corpora.items()},
        "single": total_single,
        "scale": scale_table(scale),
        "lint_cache": lint_cache,
        "adverse": adverse,
        "elapsed": time.perf_counter() - started,
    }
    return rows, sizes, profile


def reference_rows(times: dict[str, float], total: int, lint_cache: bool) -> list[Row]:
    floor = times["floor"]
    rows = [
        Row(
            f"plancher : lecture + yaml.load (CSafeLoader), {thousands(total)} fiches",
            f"{fr(floor)} s",
            "1,00×",
        )
    ]
    lint = (
        "essplan lint --no-cache"
        if lint_cache
        else "essplan lint (sans cache : lint relit chaque fiche)"
    )
    entries = [
        ("validate", "essplan validate --no-cache", [("", TARGETS["validate"])]),
        (
            "validate-cache",
            "essplan validate, cache plein (dépôt inchangé)",
            [("", TARGETS["cache"])],
        ),
        ("lint", lint, [("", TARGETS["lint"]), ("#18 : ", TARGETS18["lint"])]),
    ]
    if lint_cache:  # sans cible : celle du cache (0,3×) est celle de validate (issue 18)
        entries.append(("lint-cache", "essplan lint, cache plein (dépôt inchangé)", []))
    entries += [
        (
            f"{key}-1",
            f"{label}, {ONE}",
            targets if key != "lint" else [("", TARGETS["lint"]), ("#18 : ", TARGETS18["lint-1"])],
        )
        for key, label, targets in entries
    ]
    for key, label, targets in entries:
        rows.append(targeted(label, times[key], times[key] / floor, targets, total))
    for suffix, how in (("", "avec le pool"), ("-1", ONE)):
        ratio = times[f"lint{suffix}"] / times[f"validate{suffix}"]
        rows.append(
            Row(
                f"essplan lint ÷ essplan validate --no-cache, côte à côte, {how}",
                "",
                f"{fr(ratio)}×",
                f"#18 : ≤ {fr(TARGETS18['side-by-side'], 1)}×",
                f"#18 : {verdict(ratio, TARGETS18['side-by-side'], total)}",
            )
        )
    return rows


def start_rows(start_times: dict[str, float]) -> list[Row]:
    typer_time = start_times["typer"]
    rows = [Row('démarrage : python -c "import typer"', f"{fr(typer_time * 1000, 0)} ms", "1,00×")]
    for name in ("version", "help"):
        ratio = start_times[name] / typer_time
        rows.append(
            Row(
                f"essplan --{name}",
                f"{fr(start_times[name] * 1000, 0)} ms",
                f"{fr(ratio)}×",
                f"≤ {fr(TARGETS['start'], 1)}×",
                verdict(ratio, TARGETS["start"]),
            )
        )
    return rows


def memory_rows(scale: national.Scale) -> list[Row]:
    """La mémoire de pointe de lint sur le petit corpus et celui des cibles (les lignes
    d'avant ; l'échelle nationale a son tableau)."""
    (small, small_total), (reference, total) = scale.sizes[0], scale.sizes[1]
    rows = []
    for key, how in (("lint", ""), ("lint-1", ", un seul processus")):
        small_peak, big_peak = scale.figures[small, key][1], scale.figures[reference, key][1]
        rows.append(
            Row(
                f"mémoire de pointe, essplan lint{how}, {thousands(small_total)} fiches",
                f"{fr(small_peak / 1024, 1)} Mio",
                "1,00×",
            )
        )
        ratio = big_peak / small_peak
        rows.append(
            Row(
                f"mémoire de pointe, essplan lint{how}, {thousands(total)} fiches",
                f"{fr(big_peak / 1024, 1)} Mio",
                f"{fr(ratio)}×",
                f"≤ {fr(TARGETS['memory'], 1)}×",
                verdict(ratio, TARGETS["memory"], total),
            )
        )
    return rows


def plan_rows(plan_times: dict[str, float], total_single: int, report: bool) -> list[Row]:
    rows = [
        Row(
            f"essplan budget, plan de {thousands(total_single)} fiches",
            f"{fr(plan_times['budget'])} s",
            f"{thousands(round(total_single / plan_times['budget']))} fiches/s",
        )
    ]
    if not report:
        return rows + [Row("essplan report --template synthese", "report : non disponible")]
    return rows + [
        Row(
            f"essplan report --template synthese, plan de {thousands(total_single)} fiches",
            f"{fr(plan_times['report'])} s",
            f"{thousands(round(total_single / plan_times['report']))} fiches/s",
        )
    ]


def peer_rows(peers: dict, floor: float, total: int, skipped: bool) -> list[Row]:
    """Les pairs sur les mêmes fichiers, en rapport au plancher (un passage chacun)."""
    if skipped:
        return [
            Row("les pairs (check-jsonschema, yamllint)", "non mesurés (--quick ou --no-peers)")
        ]
    rows = []
    for peer in national.PEERS:
        label = f"pair : {peer.what}, {thousands(total)} fiches"
        elapsed = peers.get(peer.name)
        if elapsed is None:
            rows.append(
                Row(label, f"absent : pip install -r benchmarks/requirements.txt ({peer.package})")
            )
            continue
        rows.append(Row(label, f"{fr(elapsed)} s", f"{fr(elapsed / floor)}×"))
    return rows


def scale_table(scale: national.Scale) -> str:
    """Le tableau de l'échelle nationale : durée et mémoire de pointe à chaque taille, et le
    rapport des mémoires entre la plus grande et la plus petite (cible ≤ 1,5×)."""
    (small, small_total), *_, (largest, largest_total) = scale.sizes
    head = " | ".join(f"{thousands(n)} fiches" for _, n in scale.sizes)
    lines = [
        f"| commande | {head} | mémoire {thousands(largest_total)} ÷ {thousands(small_total)}"
        " | cible | verdict |",
        "|---|" + "---:|" * len(scale.sizes) + "---:|---:|---|",
    ]
    for variant in national.variants(scale.lint_cache):
        key = national.variant_id(variant)
        cells = []
        for name, _ in scale.sizes:
            seconds, peak = scale.figures[name, key]
            cells.append(f"{fr(seconds)} s ; {fr(peak / 1024, 1)} Mio")
        ratio = scale.figures[largest, key][1] / scale.figures[small, key][1]
        label = variant.label + (f", {ONE}" if variant.serial else ", avec le pool")
        target = TARGETS["memory"]
        check = (
            verdict(ratio, target)
            if largest_total >= NATIONAL_FICHES
            else f"hors cible (moins de {thousands(NATIONAL_FICHES)} fiches)"
        )
        lines.append(
            f"| {label} | {' | '.join(cells)} | {fr(ratio)}× | ≤ {fr(target, 1)}× | {check} |"
        )
    return "\n".join(lines) + "\n"


# Les mesures à part, chacune dans son script (`measure` et `table`), ajoutées si le script est
# là : (module, titre de la section, fiches du plan mesuré, fiches avec --quick).
SECTIONS = (
    ("adversarial", "Plans adverses (ESS401, benchmarks/adversarial.py)", 2000, 50),
    ("documents", "Documents d'un grand plan (benchmarks/documents.py)", 5000, 100),
)


def extra_sections(bench: Bench, work: Path, quick: bool) -> str:
    """Les sections des scripts de `SECTIONS`, un passage chacune."""
    import importlib

    parts = []
    for name, title, fiches, quick_fiches in SECTIONS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        (work / name).mkdir()
        rows = module.measure(
            bench.essplan, work / name, fiches=quick_fiches if quick else fiches, repeat=1
        )
        parts.append(f"## {title}\n\n{module.table(rows)}\n\n")
        log(f"{name}.py : mesuré")
    return "".join(parts)


def log(message: str) -> None:
    print(f"run.py : {message}", file=sys.stderr, flush=True)


def table(rows: list[Row]) -> str:
    lines = ["| mesure | valeur | rapport | cible | verdict |", "|---|---:|---:|---:|---|"]
    lines += [f"| {r.label} | {r.value} | {r.ratio} | {r.target} | {r.verdict} |" for r in rows]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ le profil

CATEGORIES = (
    (
        "lecture YAML (essplan/reading/, analyseur libyaml, événements PyYAML)",
        ("essplan/reading/", "/yaml/"),
    ),
    (
        "modèles (pydantic, essplan/model/)",
        ("pydantic", "essplan/model/", "copy.py"),
    ),
    (
        "règles du linter (essplan/lint/, babel, difflib)",
        ("essplan/lint/", "babel", "difflib", "essplan/french.py"),
    ),
    (
        "fichiers et chargement (essplan/validation/, repository.py, pathlib, E/S)",
        (
            "essplan/validation/",
            "essplan/repository.py",
            "pathlib",
            "posix",
            "_io",
            "io.open",
            "genericpath",
            "posixpath",
        ),
    ),
    (
        "sortie (essplan/output/, diagnostics, essplan/cli/)",
        ("essplan/output/", "essplan/diagnostics.py", "essplan/cli/", "dataclasses"),
    ),
)


def describe(key: tuple) -> str:
    filename, line, function = key
    if filename == "~":
        return function
    path = filename.replace("\\", "/")
    if "/essplan/" in path:
        path = "essplan/" + path.rsplit("/essplan/", 1)[1]
    else:  # bibliothèque standard ou paquet installé : le chemin à partir du paquet
        path = re.sub(r"^.*/lib/python3\.\d+/(site-packages/)?", "", path)
    return f"{path}:{line} {function}"


def profile_summary(stats: pstats.Stats, top: int = 12) -> str:
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(value[2] for value in entries.values()) or 1.0
    shares: dict[str, float] = {}
    for key, value in entries.items():
        name = f"{key[0]} {key[2]}"
        category = next(
            (label for label, markers in CATEGORIES if any(m in name for m in markers)),
            "démarrage et divers (imports, expressions régulières…)",
        )
        shares[category] = shares.get(category, 0.0) + value[2]
    lines = [
        f"Profil de `essplan lint` (cProfile, un seul processus) sur le grand corpus : "
        f"{fr(total)} s de temps propre au total (cProfile ralentit surtout le code Python ;"
        " le temps de l'analyseur C de libyaml est compté dans `reading/builder.py build`,"
        " qui l'appelle).",
        "",
        "| part du temps | où |",
        "|---:|---|",
    ]
    for category, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        lines.append(f"| {fr(100 * seconds / total, 0)} % | {category} |")
    lines += [
        "",
        f"Les {top} fonctions au plus fort temps propre :",
        "",
        "| temps propre | appels | fonction |",
        "|---:|---:|---|",
    ]
    ranked = sorted(entries.items(), key=lambda item: -item[1][2])[:top]
    for key, value in ranked:
        lines.append(
            f"| {fr(value[2])} s ({fr(100 * value[2] / total, 0)} %) | {thousands(value[1])}"
            f" | `{describe(key)}` |"
        )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ la machine


def machine() -> str:
    cpu = "inconnu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "inconnu"
    memory = "inconnue"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{fr(int(line.split()[1]) / 1024 / 1024, 1)} Gio"
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for package in (
        "essplan",
        "PyYAML",
        "pydantic",
        "pydantic-core",
        "typer",
        "click",
        "babel",
        "Jinja2",
    ):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    try:
        import yaml._yaml as libyaml

        versions.append(f"libyaml {libyaml.get_version_string()}")
    except ImportError:
        versions.append("libyaml absente (yaml.CSafeLoader indisponible)")
    return (
        f"- processeurs (nproc) : {cores} ; modèle : {cpu}\n"
        f"- mémoire : {memory}\n"
        f"- système : {platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()} ({sys.executable})\n"
        f"- {', '.join(versions)}\n"
    )


def results_text(rows: list[Row], sizes: dict, profile: str, kept: str, args) -> str:
    now = dt.datetime.now().astimezone()
    corpora = sizes["corpora"]
    lint_note = (
        "lint est mesuré avec et sans son cache (`essplan lint --no-cache`)."
        if sizes["lint_cache"]
        else "`essplan lint --no-cache` est refusé (lint n'a pas de cache) : lint est mesuré sans"
        " colonne de cache, il relit chaque fiche."
    )
    return (
        "# Performances d'essplan\n\n"
        f"Mesuré le {now:%d/%m/%Y à %H:%M} ({now:%Z}) par `python benchmarks/run.py"
        f"{' --quick' if args.quick else ''}` en {fr(sizes['elapsed'], 0)} s"
        " (ce fichier est réécrit à chaque exécution, sauf la dernière section).\n\n"
        f"Corpus engendrés par `benchmarks/make_corpus.py` : {sizes['plans']} plans ×"
        f" {sizes['fiches']} fiches ({thousands(sizes['total'])} fiches) pour les cibles ;"
        f" {thousands(corpora['small'])} et {thousands(corpora['national'])} fiches"
        f" ({thousands(args.national_plans)} plans) pour l'échelle nationale ; un plan de"
        f" {thousands(sizes['single'])} fiches pour le budget et le rapport.\n\n"
        "Chaque commande est un sous-processus (le plancher aussi), sortie standard dans un fichier"
        " (format `concise` pour validate et lint) ; médiane de"
        f" {args.repeat} passages alternés après un passage à blanc ({args.start_runs} pour le"
        " démarrage) ; cache de bytecode actif. « un seul processus » : `ESSPLAN_JOBS=1`, sans"
        " le pool de processus. « cache plein » : un passage non compté a rempli"
        " `.essplan_cache/`, le dépôt n'a pas changé depuis. " + lint_note + "\n\n"
        "## Résultats\n\n" + table(rows) + "\n"
        "## À l'échelle nationale\n\n"
        "Un passage par mesure (après ceux d'en haut, qui ont rempli le cache de bytecode) :"
        " durée ; mémoire de pointe (le plus gros des processus : celui qui coordonne le pool ou"
        " l'un de ses processus de travail, pas leur somme). Le cache de chaque corpus est vidé"
        " avant ses mesures.\n\n"
        + sizes["scale"]
        + "\n"
        + sizes["adverse"]
        + "## Machine\n\n"
        + machine()
        + "\n"
        "## Profil de cette exécution\n\n" + profile + "\n" + kept
    )


def kept_section(path: Path) -> str:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if KEPT_SECTION in text:
            return text[text.index(KEPT_SECTION) :]
    return (
        KEPT_SECTION
        + "\n\n(à rédiger : ce que le profil blâme, ce qui a été changé, avant/après)\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=200, help="plans du corpus des cibles (200)")
    parser.add_argument("--fiches", type=int, default=50, help="fiches par plan (50)")
    parser.add_argument(
        "--small-plans", type=int, default=20, help="plans du petit corpus (20 : 1 000 fiches)"
    )
    parser.add_argument(
        "--national-plans",
        type=int,
        default=1200,
        help="plans du corpus national (1 200 : 60 000 fiches, tous les EPCI de France)",
    )
    parser.add_argument(
        "--big-plan",
        type=int,
        default=1000,
        help="fiches du plan unique pour budget et report (1000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="passages par mesure (3)")
    parser.add_argument(
        "--start-runs", type=int, default=15, help="passages par mesure de démarrage (15)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tout petits corpus, un passage, sans les pairs : vérifie que tout tourne ;"
        " le rapport va sur la sortie standard (ou dans --output), jamais dans results.md",
    )
    parser.add_argument("--no-peers", action="store_true", help="sans check-jsonschema ni yamllint")
    parser.add_argument(
        "--corpora",
        type=Path,
        help="un dossier où garder les corpus engendrés, repris d'une exécution à l'autre"
        " tant que make_corpus.py et plans/ n'ont pas changé",
    )
    parser.add_argument("--output", type=Path, help="le fichier de résultats (results.md)")
    parser.add_argument(
        "--essplan", help="la commande essplan à mesurer (par défaut, celle de ce Python)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.plans, args.fiches, args.big_plan, args.repeat, args.start_runs = 4, 5, 20, 1, 3
        args.small_plans, args.national_plans, args.no_peers, args.start_runs = 2, 8, True, 1
    elif args.output is None:
        args.output = RESULTS
    work = Path(tempfile.mkdtemp(prefix="essplan-bench-"))
    try:
        rows, sizes, stats = measure(args, work)
        profile = profile_summary(stats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    text = results_text(rows, sizes, profile, kept_section(args.output or RESULTS), args)
    if args.output is None:
        print(text)
        log("--quick : rapport écrit sur la sortie standard (results.md n'est pas touché)")
    else:
        args.output.write_text(text, encoding="utf-8")
        log(f"résultats écrits dans {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
