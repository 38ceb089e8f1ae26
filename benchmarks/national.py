"""L'échelle nationale, pour `run.py` : validate, lint, budget et status sur 1 000, 10 000 et
60 000 fiches (1 200 plans de 50 fiches : tous les EPCI de France), avec et sans le pool de
processus, avec et sans le cache ; et les pairs (check-jsonschema, yamllint) sur les mêmes
10 000 fichiers que le plancher.

Chaque mesure est un seul passage (après le passage à blanc des mesures de `run.py`, qui a
rempli le cache de bytecode) : un sous-processus intermédiaire lance la commande, mesure sa
durée et lit sa mémoire de pointe (`getrusage(RUSAGE_CHILDREN)` : le plus gros des processus,
celui qui coordonne le pool ou l'un de ses processus de travail, pas leur somme).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Lance la commande, rend « mémoire de pointe (kio), code de sortie, durée (s) ».
TIMED_PEAK = """
import resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    start = time.perf_counter()
    code = subprocess.call(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak // 1024 if sys.platform == "darwin" else peak, code, elapsed)
"""

CACHE_FOLDER = ".essplan_cache"
STATUS_DATE = "2024-06"  # une date fixe : le tableau de bord ne dépend pas du jour de la mesure


@dataclass(frozen=True)
class Variant:
    """Une commande mesurée à chaque taille : `warm` la lance une fois avant (cache plein)."""

    key: str
    label: str
    args: tuple[str, ...]
    serial: bool = False
    warm: bool = False


@dataclass
class Scale:
    """Les mesures à chaque taille : (durée en s, mémoire de pointe en kio) par variante."""

    sizes: list[tuple[str, int]]  # (nom, nombre de fiches), de la plus petite à la plus grande
    figures: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    lint_cache: bool = False


def variants(lint_cache: bool) -> list[Variant]:
    """validate, lint, budget et status, chacun avec le pool puis sans (`ESSPLAN_JOBS=1`), avec
    et sans le cache (validate ; lint si `lint --no-cache` existe)."""
    concise = ("--output-format", "concise")
    commands = [
        ("validate", "essplan validate --no-cache", ("validate", "--no-cache", *concise)),
        ("validate-cache", "essplan validate, cache plein", ("validate", *concise)),
    ]
    if lint_cache:
        commands += [
            ("lint", "essplan lint --no-cache", ("lint", "--no-cache", *concise)),
            ("lint-cache", "essplan lint, cache plein", ("lint", *concise)),
        ]
    else:
        commands.append(
            ("lint", "essplan lint (sans cache : --no-cache refusé)", ("lint", *concise))
        )
    commands += [
        ("budget", "essplan budget", ("budget",)),
        ("status", f"essplan status --date {STATUS_DATE}", ("status", "--date", STATUS_DATE)),
    ]
    return [
        Variant(key, label, args, serial, warm=key.endswith("-cache"))
        for key, label, args in commands
        for serial in (False, True)
    ]


def lint_has_cache(bench) -> bool:
    """`essplan lint --no-cache` existe-t-il ? (sinon, lint est mesuré sans colonne de cache)"""
    result = subprocess.run(
        [*bench.essplan, "lint", "--help"], capture_output=True, text=True, env=bench.env
    )
    return "--no-cache" in result.stdout


def timed_peak(bench, command: list[str], cwd: Path, env: dict) -> tuple[float, int]:
    """Durée (s) et mémoire de pointe (kio) d'une commande, en un passage."""
    result = subprocess.run(
        [bench.python, "-c", TIMED_PEAK, str(bench.out), *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    peak, code, elapsed = result.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"run.py : {' '.join(command)} a échoué (code {code}) dans {cwd}")
    return float(elapsed), int(peak)


def measure_scale(bench, corpora: list[tuple[str, Path, int]], log) -> Scale:
    """Chaque variante à chaque taille ; le cache de chaque corpus est vidé avant."""
    scale = Scale([(name, total) for name, _, total in corpora], lint_cache=lint_has_cache(bench))
    serial_env = dict(bench.env, ESSPLAN_JOBS="1")
    for name, folder, total in corpora:
        shutil.rmtree(folder / CACHE_FOLDER, ignore_errors=True)
        for variant in variants(scale.lint_cache):
            env = serial_env if variant.serial else bench.env
            command = [*bench.essplan, *variant.args]
            if variant.warm:  # le passage qui remplit le cache, non compté
                bench.run(command, folder, env)
            scale.figures[name, variant_id(variant)] = timed_peak(bench, command, folder, env)
        log(f"échelle nationale, {total} fiches")
    return scale


def variant_id(variant: Variant) -> str:
    return f"{variant.key}{'-1' if variant.serial else ''}"


# ------------------------------------------------------------------------------ les pairs


@dataclass(frozen=True)
class Peer:
    name: str
    package: str
    what: str  # ce qu'il fait sur le corpus, pour le tableau


PEERS = (
    Peer(
        "check-jsonschema",
        "check-jsonschema",
        "check-jsonschema --schemafile schemas/fiche.schema.json, les fiches",
    ),
    Peer("yamllint", "yamllint", "yamllint (configuration par défaut), plans/"),
)


def find_tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def peer_command(peer: Peer, tool: str, corpus: Path) -> list[str]:
    if peer.name == "check-jsonschema":
        schema = HERE.parent / "schemas" / "fiche.schema.json"
        fiches = sorted(str(p.relative_to(corpus)) for p in corpus.glob("plans/*/fiches/*.yaml"))
        return [tool, "--schemafile", str(schema), *fiches]
    return [tool, "plans"]


def measure_peers(bench, corpus: Path) -> dict[str, float | None]:
    """La durée de chaque pair sur le corpus, en un passage ; None s'il n'est pas installé."""
    times: dict[str, float | None] = {}
    for peer in PEERS:
        tool = find_tool(peer.name)
        if tool is None:
            times[peer.name] = None
            continue
        elapsed, code = bench.run(peer_command(peer, tool, corpus), corpus)
        if code not in (0, 1):
            raise SystemExit(f"run.py : {peer.name} a échoué (code {code}) dans {corpus}")
        times[peer.name] = elapsed
    return times


# ---------------------------------------------------------------------- les corpus gardés


def corpus_key(plans: int, fiches: int) -> str:
    """Ce dont dépend un corpus : le générateur, les plans livrés dont il reprend les textes,
    et sa taille (la graine est fixe)."""
    material = hashlib.sha256(f"{plans}x{fiches}".encode())
    material.update((HERE / "make_corpus.py").read_bytes())
    for path in sorted((HERE.parent / "plans").rglob("*")):
        if path.is_file():
            material.update(str(path.relative_to(HERE.parent)).encode() + b"\0")
            material.update(path.read_bytes())
    return material.hexdigest()[:16]


def corpus(make_corpus, work: Path, kept: Path | None, name: str, plans: int, fiches: int):
    """Le corpus de `plans` × `fiches` : engendré dans `work`, ou repris de `kept` (le dossier
    de `--corpora`) s'il y a été engendré par le même générateur. Rend (dossier, fiches)."""
    if kept is None:
        folder = work / name
        return folder, make_corpus(folder, plans, fiches)
    folder = kept / f"{plans}x{fiches}-{corpus_key(plans, fiches)}"
    done = folder / "fiches.txt"
    if done.exists():
        return folder, int(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partiel")
    shutil.rmtree(partial, ignore_errors=True)
    total = make_corpus(partial, plans, fiches)
    (partial / "fiches.txt").write_text(str(total))
    os.replace(partial, folder)
    return folder, total
