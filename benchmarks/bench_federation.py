"""One portfolio across many repositories: a PMO site that imports N team sites' ``pgm.json`` against
the same projects held in one docs folder.

    python benchmarks/bench_federation.py                                  # 20 teams of 250 projects, 2 rounds
    python benchmarks/bench_federation.py --teams 3 --projects 50 --runs 1 # a quick check that it works
    python benchmarks/bench_federation.py --keep /tmp/fed                  # build in /tmp/fed (emptied first), keep it

Target (issue 16): a portfolio importing 20 sources of 250 projects each builds within 1.2x of the
same 5,000 projects held locally (CPU time, median of the paired rounds).

The sites. ``--teams`` team sites (``team-00`` …), each ``generate.py``'s synthetic portfolio of
``--projects`` projects (a program per 25 projects, every page dense with governance data), with every
id prefixed by its team (``T07-PRJ-00123``, ``T07-PRG-003``, ``T07-RSK-00123-0`` …) and its own seed, so
that ids are unique across teams and schedules differ; every 25th project of a team also depends on a
project of a team listed before it (a cross-team ``depends_on``, never a cycle). Each team site has its
own ``site_url`` (``https://team-07.example.test/``) and is built once, untimed (diagrams off, no search:
only its ``governance/pgm.json`` is used). Then two PMO sites with the same pages of their own, an
untyped ``index.md`` and a ``portfolio.md`` (``type: portfolio``), and the same options (``site_url``,
``today`` pinned, diagrams on, Material with ``navigation.prune``, the search plugin), each with its
own ``cache_dir``:

* ``federated``: ``sources:`` lists the team sites' ``pgm.json`` files by path. Its remote entities get
  no page: the build parses and validates the sources' front matter and links to the team sites;
* ``local``: every team's program and project pages copied, as they are, into ``docs/team-07/…``.

Both build the same model (the script checks that both sites' own ``pgm.json`` hold the same number
of entities, and that the federated one holds them as remote entities) and render the same generated
governance pages (dashboard, roadmap, registers, catalog, dependency diagrams…) over it; only the local
site makes a steering pack per program (none is made for a remote program). So the
comparison is: reading 20 JSON files and building links to other sites, against rendering and
indexing 5,000 pages of one's own (Markdown, the theme, search). Federated builds skip rendering those
pages, so they should be the cheaper ones; the target says they must not be much dearer.

In both sites the team folders are ``not_in_nav``: the navigation shows the PMO pages and the
generated pages only. Otherwise the local build would spend most of its time on Material drawing a
5,000-item navigation on each of 5,000 pages (823 s for the plugin-free site at 5,000 projects in
``bench_build.py``), which says nothing about federation and would flatter the federated site.

Measured as in ``bench_build.py``: each build is ``mkdocs build -q`` in its own process
(``NO_MKDOCS_2_WARNING=1``), CPU time (user + system, ``dot`` included), wall time and peak memory
(``ru_maxrss`` of the build and the processes it waited for) from ``os.wait4``. One uncounted build
of each site first (without ``-q``: its log shows the ``Loaded N sources`` line and the warnings);
then ``--runs`` rounds of one build of each, the order alternating between rounds, each ratio
federated/local taken inside its round; the table shows the median and the range. Last, one cold
federated build (``cache_dir`` emptied: no copy of a source, no diagram, no fragment), against the
median local build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_build import Run, measure, revision, spread

from generate import TODAY, generate

TARGET = 1.2
"""Federated build CPU time at most this times the local build's (issue 16)."""
CROSS_TEAM_EVERY = 25
"""Every 25th project of a team (but the first team) depends on a project of an earlier team."""
ID = re.compile(r"\b(PRJ|PRG|BEN|RSK|DEC|CR|ISS|ASM)-")
"""The ids ``generate.py`` writes, by their prefix: each gets its team's tag in front."""
DEPENDS = re.compile(r"^depends_on: \[(.*)\]$", re.MULTILINE)
TITLE = re.compile(r"^# (Project|Program) ", re.MULTILINE)
THEME = "theme:\n  name: material\n  features: [navigation.prune]\n"
PMO_URL = "https://pmo.example.test/"


def team_name(team: int) -> str:
    return f"team-{team:02d}"


def tag(team: int) -> str:
    return f"T{team:02d}"


def depend_on(text: str, other: str) -> str:
    """A project page's text with ``other`` added to its ``depends_on``."""
    found = DEPENDS.search(text)
    if found is None:
        raise SystemExit("generate.py's project pages changed (no 'depends_on: [...]' line): update bench_federation.py")
    written = [found.group(1)] if found.group(1) else []
    return f"{text[:found.start()]}depends_on: [{', '.join([*written, other])}]{text[found.end():]}"


def make_team(team: int, projects: int, root: Path) -> Path:
    """Team ``team``'s site in ``root``: ``generate.py``'s pages, ids prefixed, cross-team dependencies added."""
    generate(projects, root, seed=7 + team)
    docs = root / "docs"
    (docs / "index.md").write_text(f"# Team {team:02d}\n\nThe programs and projects of team {team:02d}.\n", encoding="utf-8")
    g = random.Random(1000 + team)
    for page in sorted(docs.glob("*/*.md")):
        text = ID.sub(rf"{tag(team)}-\1-", page.read_text(encoding="utf-8"))
        text = TITLE.sub(lambda m: f"# Team {team:02d} {m.group(1).lower()} ", text, count=1)
        number = int(page.stem.rsplit("-", 1)[1])
        if page.parent.name == "projects" and team > 0 and number % CROSS_TEAM_EVERY == CROSS_TEAM_EVERY // 2:
            text = depend_on(text, f"{tag(g.randrange(team))}-PRJ-{g.randrange(projects):05d}")
        page.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Team {team:02d}\nsite_url: https://{team_name(team)}.example.test/\n{THEME}"
        "not_in_nav: |\n  /projects/\n  /programs/\n"
        f"plugins:\n  - pgm:\n      today: {TODAY.isoformat()}\n      diagrams: false\n",
        encoding="utf-8",
    )
    return root


def pmo_site(root: Path, sources: list[tuple[str, str]]) -> None:
    """The PMO's own pages and ``mkdocs.yml``; ``sources``: (name, path) of each source (none for the local site)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "# Project management office\n\nEvery team's programs and projects: see the [portfolio](portfolio.md).\n", encoding="utf-8"
    )
    (docs / "portfolio.md").write_text(
        "---\ntype: portfolio\nid: PMO\nobjectives: [Grow, Simplify]\n---\n# Portfolio\n\nThe programs of every team.\n",
        encoding="utf-8",
    )
    listed = "".join(f"        - name: {name}\n          url: {path}\n" for name, path in sources)
    (root / "mkdocs.yml").write_text(
        f"site_name: PMO\nsite_url: {PMO_URL}\n{THEME}not_in_nav: |\n  /team-*/\n"
        f"plugins:\n  - search\n  - pgm:\n      today: {TODAY.isoformat()}\n      cache_dir: .cache/pgm\n"
        + (f"      sources:\n{listed}" if sources else ""),
        encoding="utf-8",
    )


def build(root: Path, log: Path, *, quiet: bool = True) -> Run:
    run = measure([sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else [])], root, log)
    if run.returncode != 0:
        lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        raise SystemExit(f"mkdocs build in {root} failed (exit {run.returncode}): {' | '.join(lines[-3:])}; see {log}")
    return run


def model(root: Path) -> tuple[int, int]:
    """Entities of the site's own ``pgm.json`` (the implicit portfolio left out), and how many of them are remote."""
    document = json.loads((root / "site" / "governance" / "pgm.json").read_text(encoding="utf-8"))
    entities = [e for e in document["entities"] if not e.get("virtual")]
    return len(entities), sum(1 for e in entities if e.get("source"))


def log_summary(log: Path) -> tuple[list[str], int]:
    """The ``Loaded N sources`` line(s) of a build log, and its number of warnings."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    loaded = [line.split("Loaded", 1)[1].strip() for line in lines if "Loaded" in line and "source" in line]
    return loaded, sum(1 for line in lines if line.startswith("WARNING"))


def html_pages(root: Path) -> int:
    return sum(1 for _ in (root / "site").rglob("*.html"))


def describe(run: Run) -> str:
    return f"{run.cpu:7.1f} s CPU {run.wall:7.1f} s wall {run.max_rss_kb / 1024:6.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=20, help="team sites, each a source of the federated site (default 20)")
    parser.add_argument("--projects", type=int, default=250, help="projects per team (default 250)")
    parser.add_argument("--runs", type=int, default=2, help="paired rounds (default 2)")
    parser.add_argument("--keep", type=Path, help="build in this folder (emptied first) and keep it")
    args = parser.parse_args()
    if args.teams < 1 or args.projects < 1 or args.runs < 1:
        parser.error("--teams, --projects and --runs must be at least 1")
    work = args.keep or Path(tempfile.mkdtemp(prefix="pgm-federation-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    total = args.teams * args.projects
    print(f"cores: {os.cpu_count()}, load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}; code: {revision()}")
    print(f"{args.teams} teams of {args.projects} projects ({total} projects), {args.runs} round(s); in {work}", flush=True)
    try:
        started = time.perf_counter()
        teams = [make_team(t, args.projects, work / "teams" / team_name(t)) for t in range(args.teams)]
        print(f"team sites written in {time.perf_counter() - started:.1f} s; building them (setup, not timed):", flush=True)
        for t, root in enumerate(teams):
            run = build(root, work / f"{team_name(t)}.log")
            print(f"  {team_name(t)}: {describe(run)}", flush=True)

        federated, local = work / "federated", work / "local"
        pmo_site(federated, [(team_name(t), os.path.relpath(root / "site" / "governance" / "pgm.json", federated)) for t, root in enumerate(teams)])
        pmo_site(local, [])
        for t, root in enumerate(teams):
            for folder in ("programs", "projects"):
                shutil.copytree(root / "docs" / folder, local / "docs" / team_name(t) / folder)

        logs = {"federated": work / "federated.log", "local": work / "local.log"}
        print("warm-up (uncounted, not quiet):", flush=True)
        for name, root in (("federated", federated), ("local", local)):
            run = build(root, work / f"{name}-warmup.log", quiet=False)
            loaded, warnings = log_summary(work / f"{name}-warmup.log")
            print(f"  {name:<9}: {describe(run)}; {warnings} warning(s){''.join(f'; Loaded {line}' for line in loaded)}", flush=True)
        entities = {name: model(root) for name, root in (("federated", federated), ("local", local))}
        print(f"  pgm.json entities: federated {entities['federated'][0]} ({entities['federated'][1]} remote), "
              f"local {entities['local'][0]}; HTML pages: federated {html_pages(federated)}, local {html_pages(local)}", flush=True)
        if entities["federated"][1] == 0:
            raise SystemExit(f"the federated site holds no remote entity: its sources were not loaded (see {work / 'federated-warmup.log'})")
        if entities["federated"][0] != entities["local"][0]:
            print("  note: the two sites do not hold the same number of entities: compare with care", flush=True)

        runs: dict[str, list[Run]] = {"federated": [], "local": []}
        for round_ in range(args.runs):
            order = ("federated", "local") if round_ % 2 == 0 else ("local", "federated")
            for name in order:
                runs[name].append(build(federated if name == "federated" else local, logs[name]))
            fed, loc = runs["federated"][-1], runs["local"][-1]
            print(f"round {round_ + 1}: federated {describe(fed)} | local {describe(loc)} | CPU ratio {fed.cpu / loc.cpu:.2f}, "
                  f"wall ratio {fed.wall / loc.wall:.2f}", flush=True)
        shutil.rmtree(federated / ".cache", ignore_errors=True)
        cold = build(federated, work / "federated-cold.log")
        print(f"cold federated build (cache_dir emptied): {describe(cold)}", flush=True)

        pairs = list(zip(runs["federated"], runs["local"], strict=True))
        cpu = [f.cpu / lo.cpu for f, lo in pairs]
        wall = [f.wall / lo.wall for f, lo in pairs]
        local_cpu = statistics.median(r.cpu for r in runs["local"])
        local_wall = statistics.median(r.wall for r in runs["local"])

        def memory(values: list[Run]) -> str:
            return f"{statistics.median(r.max_rss_kb for r in values) / 1024:.0f} MB"

        print()
        print(f"{args.teams} sources of {args.projects} projects against {total} projects held locally; "
              f"{args.runs} paired round(s), median (range)")
        print()
        print("| build | CPU s | wall s | peak memory | CPU ratio | wall ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| local: {total} projects in the docs | {spread([r.cpu for r in runs['local']], '{:.1f}')} | "
              f"{spread([r.wall for r in runs['local']], '{:.1f}')} | {memory(runs['local'])} | 1 | 1 |")
        print(f"| federated: {args.teams} sources, warm cache_dir | {spread([r.cpu for r in runs['federated']], '{:.1f}')} | "
              f"{spread([r.wall for r in runs['federated']], '{:.1f}')} | {memory(runs['federated'])} | {spread(cpu)} | {spread(wall)} |")
        print(f"| federated, cold (cache_dir emptied) | {cold.cpu:.1f} | {cold.wall:.1f} | {cold.max_rss_kb / 1024:.0f} MB | "
              f"{cold.cpu / local_cpu:.2f} | {cold.wall / local_wall:.2f} |")
        print()
        ratio = statistics.median(cpu)
        verdict = "met" if ratio <= TARGET else "MISSED"
        print(f"Target (issue 16): federated ≤ {TARGET}× local, CPU: {ratio:.2f}× — {verdict}"
              f" (wall {statistics.median(wall):.2f}×; cold {cold.cpu / local_cpu:.2f}× CPU; peak memory "
              f"{statistics.median(f.max_rss_kb / lo.max_rss_kb for f, lo in pairs):.2f}× warm, "
              f"{cold.max_rss_kb / statistics.median(r.max_rss_kb for r in runs['local']):.2f}× cold)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
