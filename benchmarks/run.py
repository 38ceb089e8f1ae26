"""Mesurer essplan sur un corpus national de plans, et l'écrire dans benchmarks/results.md.

    python benchmarks/run.py            # 200 plans × 50 fiches : moins de cinq minutes
    python benchmarks/run.py --quick    # un tout petit corpus, pour vérifier que tout tourne

En une exécution : génère les corpus (make_corpus.py) dans un dossier temporaire, puis mesure

- le plancher : lire et analyser chaque fichier YAML avec `yaml.CSafeLoader`, rien d'autre
  (benchmarks/floor.py) ;
- `essplan validate` et `essplan lint` sur le même corpus, en rapport au plancher ;
- le démarrage : `essplan --version` et `essplan --help` en rapport à `python -c "import typer"` ;
- la mémoire de pointe de `essplan lint` sur 1 000 et 10 000 fiches, et leur rapport ;
- `essplan budget` et `essplan report --template synthese` sur le plus gros plan, en fiches par
  seconde ;

imprime le tableau et écrit results.md (le tableau, la machine, la date, le profil).

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

from make_corpus import make_corpus  # noqa: E402

RESULTS = HERE / "results.md"
# run.py réécrit results.md jusqu'à ce titre ; ce qui suit est rédigé à la main et conservé.
KEPT_SECTION = "## Ce que le profil a montré, ce qui a été optimisé"

TARGETS = {"validate": 1.5, "lint": 2.0, "start": 1.3, "memory": 1.5, "cache": 0.3}

# Mesure la mémoire de pointe d'une commande : ce sous-processus la lance et lit
# getrusage(RUSAGE_CHILDREN) ; un sous-processus par mesure, pour que les pointes ne se mêlent pas.
PEAK_MEMORY = """
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    code = subprocess.call(sys.argv[2:], stdout=out)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak // 1024 if sys.platform == "darwin" else peak, code)
"""


@dataclass
class Row:
    label: str
    value: str
    ratio: str = ""
    target: str = ""
    verdict: str = ""


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

    def peak_memory(self, command: list[str], cwd: Path, env: dict | None = None) -> int:
        """Mémoire de pointe (kio) d'une commande, mesurée par un processus intermédiaire."""
        result = subprocess.run(
            [self.python, "-c", PEAK_MEMORY, str(self.out), *command],
            cwd=cwd,
            env=env or self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        peak, code = result.stdout.split()
        if int(code) not in (0, 1):
            raise SystemExit(f"run.py : {' '.join(command)} a échoué (code {code})")
        return int(peak)

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
                "--no-cache",
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


def measure(args: argparse.Namespace, work: Path) -> tuple[list[Row], dict, pstats.Stats]:
    bench = Bench(args, work)
    essplan = bench.essplan
    plans, fiches = args.plans, args.fiches
    small_plans = max(1, plans // 10)
    big, small, single = work / "corpus", work / "corpus-petit", work / "plan-unique"
    started = time.perf_counter()
    total = make_corpus(big, plans, fiches)
    total_small = make_corpus(small, small_plans, fiches)
    total_single = make_corpus(single, 1, args.big_plan)
    plan_id = next((single / "plans").iterdir()).name
    log(
        f"corpus : {thousands(total)} fiches ({plans} plans), {thousands(total_small)} fiches,"
        f" un plan de {thousands(total_single)} fiches ({time.perf_counter() - started:.1f} s)"
    )

    serial = dict(bench.env, ESSPLAN_JOBS="1")
    concise = ["--output-format", "concise"]
    times = bench.medians(
        {
            "floor": ([bench.python, str(HERE / "floor.py"), "."], big, None),
            "validate": ([*essplan, "validate", "--no-cache", *concise], big, None),
            # le passage à blanc remplit .essplan_cache/ : les mesures sont celles d'un dépôt
            # inchangé
            "validate-cache": ([*essplan, "validate", *concise], big, None),
            "lint": ([*essplan, "lint", "--no-cache", *concise], big, None),
            "lint-cache": ([*essplan, "lint", *concise], big, None),
            "validate-1": ([*essplan, "validate", "--no-cache", *concise], big, serial),
            "validate-cache-1": ([*essplan, "validate", *concise], big, serial),
            "lint-1": ([*essplan, "lint", "--no-cache", *concise], big, serial),
            "lint-cache-1": ([*essplan, "lint", *concise], big, serial),
        },
        args.repeat,
    )
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

    memory = {
        (jobs, size): bench.peak_memory([*essplan, "lint", "--no-cache", *concise], corpus, env)
        for jobs, env in (("", None), ("-1", serial))
        for size, corpus in (("small", small), ("big", big))
    }
    log(f"mémoire : {time.perf_counter() - started:.1f} s")

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

    profile = bench.profile(big)
    log(f"profil : {time.perf_counter() - started:.1f} s")

    floor = times["floor"]
    rows = [
        Row(
            f"plancher : lecture + yaml.load (CSafeLoader), {thousands(total)} fiches",
            f"{fr(floor)} s",
            "1,00×",
        )
    ]
    for name, label, target in (
        ("validate", "essplan validate --no-cache", TARGETS["validate"]),
        ("validate-cache", "essplan validate, cache plein (dépôt inchangé)", TARGETS["cache"]),
        ("lint", "essplan lint (sans cache : lint relit chaque fiche)", TARGETS["lint"]),
        ("validate-1", f"essplan validate --no-cache, {ONE}", TARGETS["validate"]),
        ("validate-cache-1", f"essplan validate, cache plein, {ONE}", TARGETS["cache"]),
        ("lint-1", f"essplan lint, {ONE}", TARGETS["lint"]),
        ("lint-cache", "essplan lint, cache plein (dépôt inchangé)", TARGETS["lint"]),
        ("lint-cache-1", f"essplan lint, cache plein, {ONE}", TARGETS["lint"]),
    ):
        ratio = times[name] / floor
        rows.append(
            Row(
                label,
                f"{fr(times[name])} s",
                f"{fr(ratio)}×",
                f"≤ {fr(target, 1)}×",
                verdict(ratio, target, total),
            )
        )
    typer_time = start_times["typer"]
    rows.append(
        Row('démarrage : python -c "import typer"', f"{fr(typer_time * 1000, 0)} ms", "1,00×")
    )
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
    for jobs, how in (("", ""), ("-1", ", un seul processus")):
        small_peak, big_peak = memory[jobs, "small"], memory[jobs, "big"]
        rows.append(
            Row(
                f"mémoire de pointe, essplan lint{how}, {thousands(total_small)} fiches",
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
    rows.append(
        Row(
            f"essplan budget, plan de {thousands(total_single)} fiches",
            f"{fr(plan_times['budget'])} s",
            f"{thousands(round(total_single / plan_times['budget']))} fiches/s",
        )
    )
    if report_available:
        rows.append(
            Row(
                f"essplan report --template synthese, plan de {thousands(total_single)} fiches",
                f"{fr(plan_times['report'])} s",
                f"{thousands(round(total_single / plan_times['report']))} fiches/s",
            )
        )
    else:
        rows.append(Row("essplan report --template synthese", "report : non disponible"))
    sizes = {
        "total": total,
        "plans": plans,
        "fiches": fiches,
        "small": total_small,
        "single": total_single,
        "elapsed": time.perf_counter() - started,
    }
    return rows, sizes, profile


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


def write_results(path: Path, rows: list[Row], sizes: dict, profile: str, args) -> None:
    kept = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if KEPT_SECTION in text:
            kept = text[text.index(KEPT_SECTION) :]
    if not kept:
        kept = (
            KEPT_SECTION
            + "\n\n(à rédiger : ce que le profil blâme, ce qui a été changé, avant/après)\n"
        )
    now = dt.datetime.now().astimezone()
    text = (
        "# Performances d'essplan\n\n"
        f"Mesuré le {now:%d/%m/%Y à %H:%M} ({now:%Z}) par `python benchmarks/run.py"
        f"{' --quick' if args.quick else ''}` en {fr(sizes['elapsed'], 0)} s"
        " (ce fichier est réécrit à chaque exécution, sauf la dernière section).\n\n"
        f"Corpus engendré par `benchmarks/make_corpus.py` : {sizes['plans']} plans ×"
        f" {sizes['fiches']} fiches ({thousands(sizes['total'])} fiches), un corpus de"
        f" {thousands(sizes['small'])} fiches pour la mémoire, un plan de"
        f" {thousands(sizes['single'])} fiches pour le budget et le rapport.\n\n"
        "Chaque commande est un sous-processus (le plancher aussi), sortie standard dans un fichier"
        " (format `concise` pour validate et lint) ; médiane de"
        f" {args.repeat} passages alternés après un passage à blanc ({args.start_runs} pour le"
        " démarrage) ; cache de bytecode actif. « un seul processus » : `ESSPLAN_JOBS=1`, sans"
        " le pool de processus.\n\n"
        "## Résultats\n\n" + table(rows) + "\n"
        "## Machine\n\n" + machine() + "\n"
        "## Profil de cette exécution\n\n" + profile + "\n" + kept
    )
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=200, help="plans du grand corpus (200)")
    parser.add_argument("--fiches", type=int, default=50, help="fiches par plan (50)")
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
        help="tout petit corpus (4 plans × 5 fiches), un passage : vérifie que tout tourne",
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help="le fichier de résultats (results.md)"
    )
    parser.add_argument(
        "--essplan", help="la commande essplan à mesurer (par défaut, celle de ce Python)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.plans, args.fiches, args.big_plan, args.repeat, args.start_runs = 4, 5, 20, 1, 3
    work = Path(tempfile.mkdtemp(prefix="essplan-bench-"))
    try:
        rows, sizes, stats = measure(args, work)
        profile = profile_summary(stats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    write_results(args.output, rows, sizes, profile, args)
    log(f"résultats écrits dans {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
