"""Benchmark: `validator` on a national company's year of reports, against check-jsonschema and
yamllint on the same files.

    .venv/bin/python bench/run.py                 # 400 staff x 52 weeks, about 12 minutes
    .venv/bin/python bench/run.py --quick         # 40 staff x 12 weeks, to try the harness
    .venv/bin/python bench/run.py --scale 2000    # 400 and 2000 staff side by side (an hour)

With `--scale N` both sizes are measured in one run (fewer repeats: `--repeat 3`, one site build
and one competitor run each) and the scaling targets compare them: ratios measured side by side
on one machine hold however busy it is, where absolute times do not.

Medians of 5 runs of each validator command and of 3 runs of mkdocs, check-jsonschema and
yamllint (a minute each; `--site-repeat`, `--competitor-repeat`).

Every command runs as its own process (as CI runs it), with the wall time of each run measured
here; the table shows medians. A command this installation does not have is reported as
"not available" and its targets as not met. Exit status: 0 when every target is met, 1 otherwise.
See docs/performance.md for the targets and the last measured table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import synthetic
import yaml

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VALIDATOR = str(BIN / "validator")
NOW = "2026-11-25T12:00:00+08:00"  # a Wednesday: week 48 is open, week 47 is due
FINDINGS = (0, 1)  # checkers exit 1 when they find something: that is a finished run
CHUNK = 2000  # files per competitor process (keeps command lines short)
YAMLLINT_CONFIG = "{rules: {}}"  # minimal: yamllint's own YAML syntax check only
#: the history walk as `validator check` runs it (validator/repo/history_log.py `log_args`)
HISTORY_ARGS = (
    "log",
    "-z",
    "--raw",
    "-c",
    "--no-abbrev",
    "--no-renames",
    "--topo-order",
    "--format=%x00@%at",
    "HEAD",
)
#: commits since the commit whose history is cached, as CI finds them after merging one pull
#: request of ten reports (the history cache of the previous run restored)
SINCE_CACHED = 10


@dataclass
class Timing:
    name: str
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system time of the child processes
    peak: list[int] = field(default_factory=list)  # peak resident memory of a run's process, KiB
    note: str = ""
    available: bool = True
    size: int | None = None  # bytes, for a measurement of size rather than time

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None


@dataclass
class Target:
    """A goal for one measurement: an absolute limit, or a speed-up over a competitor."""

    name: str
    subject: str
    seconds: float | None = None
    faster_than: str | None = None
    factor: float = 1.0
    peak_mib: float | None = None  # a limit on peak memory instead of time
    kib: float | None = None  # a limit on a size (the largest page) instead of time

    def limit(self, timings: dict[str, Timing]) -> float | None:
        if self.peak_mib is not None:
            return self.peak_mib
        if self.kib is not None:
            return self.kib
        if self.seconds is not None:
            return self.seconds
        other = timings.get(self.faster_than or "")
        if other is None or other.median is None:
            return None
        return other.median / self.factor

    def describe(self) -> str:
        if self.peak_mib is not None:
            return f"peak memory <= {self.peak_mib:g} MiB"
        if self.kib is not None:
            return f"at most {self.kib:g} KiB"
        if self.seconds is not None:
            return f"< {self.seconds:g} s"
        return f">= {self.factor:g}x faster than {self.faster_than}"


TARGETS = (
    Target("full check, cold", "check-cold", seconds=3.0),
    Target("full check, cold", "check-cold", faster_than="check-jsonschema", factor=20),
    Target("full check, warm", "check-warm", seconds=1.0),
    Target("pull request, ten files (as CI runs it)", "check-pr", seconds=1.0),
    Target("status", "status", seconds=3.0),
    Target("status pages + site build", "mkdocs", seconds=60.0),
    Target("status pages + site build", "mkdocs", peak_mib=1024),
    Target("largest HTML page of the internal site", "largest-page", kib=500),
)

#: (name, subject at the large size, subject at the base size, factor): the large figure must
#: stay within `factor` times the base one; a subject "x@small" is taken from the base run
SCALE_TARGETS = (
    ("full check, cold, grows with the work", "check-cold", "check-cold@small", 6.0),
    (
        "history walk from a cached commit (ten commits), grows with the work",
        "git-log-since",
        "git-log-since@small",
        6.0,
    ),
    ("internal site (pages + build) vs handbook alone", "mkdocs", "handbook", 15.0),
    (
        "internal site (pages + build) vs handbook alone, base size",
        "mkdocs@small",
        "handbook@small",
        4.0,
    ),
    ("pull request, no cache, vs cold full check", "check-pr-cold", "check-cold", 0.2),
)
#: absolute goals at the large size
SCALE_LIMITS = (
    Target("pull request, ten files (as CI runs it)", "check-pr", seconds=1.0),
    Target("full check, cold", "check-cold", faster_than="check-jsonschema", factor=30),
    Target(
        "full check, cold, base size",
        "check-cold@small",
        faster_than="check-jsonschema@small",
        factor=30,
    ),
    *(
        Target(f"{name}: peak memory", subject, peak_mib=1024)
        for name, subject in (
            ("full check, cold", "check-cold"),
            ("full check, warm", "check-warm"),
            ("pull request", "check-pr"),
            ("status", "status"),
            ("status pages", "pages"),
        )
    ),
    Target("largest HTML page of the internal site", "largest-page", kib=500),
    Target("status pages + site build: peak memory", "mkdocs", peak_mib=2048),
)


#: peak resident memory (KiB) of each process `run` waited for since `measure` last looked
PEAKS: list[int] = []


def run(
    cmd: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
) -> int:
    """Run a command to completion, noting its peak memory; an exit status outside `ok` stops
    the benchmark."""
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            list(cmd), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        PEAKS.append(usage.ru_maxrss)
        if proc.returncode not in ok:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(
                f"{' '.join(cmd[:3])} … exited {proc.returncode}: {' | '.join(tail)}"
            )
    return proc.returncode


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def has_command(name: str) -> bool:
    return (
        subprocess.run([VALIDATOR, name, "--help"], capture_output=True, check=False).returncode
        == 0
    )


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, check=True, text=True
    )
    return done.stdout


# --- the repository under test ------------------------------------------------------------


def prepare_repo(work: Path, staff: int, weeks: int, fresh: bool) -> tuple[Path, str]:
    """The demo organization (or the synthetic one when `demo` is missing), reused across runs."""
    source = "validator demo" if has_command("demo") else "bench/synthetic.py"
    repo = work / f"org-{staff}x{weeks}"
    stamp = repo / ".git" / "bench-stamp"
    wanted = f"{source} {staff} {weeks} {NOW}"
    if repo.exists() and not fresh and stamp.is_file() and stamp.read_text() == wanted:
        return repo, source
    if repo.exists():
        shutil.rmtree(repo)
    print(f"creating {repo} with {source} ({staff} staff x {weeks} weeks) …", flush=True)
    if source == "validator demo":
        run(
            [
                VALIDATOR,
                "demo",
                str(repo),
                "--staff",
                str(staff),
                "--weeks",
                str(weeks),
                "--seed",
                "1",
                "--now",
                NOW,
            ]
        )
    else:
        today = dt.date.fromisoformat(NOW[:10])
        last_monday = today - dt.timedelta(days=today.weekday() + 7)  # the week just ended
        synthetic.make_repo(repo, staff, weeks, last_monday)
    stamp.write_text(wanted)
    return repo, source


def repacked(repo: Path, work: Path) -> Path:
    """A bare copy of `repo` repacked from scratch (`git repack -a -d -f`: every delta chosen
    afresh, as `git gc --aggressive` also does with a wider window), reused across runs. The
    demo writes its history through fast-import, which stores each tree as a delta of the one
    before it, as a year of pushes kept by plain `git gc` usually does; a repack that searches
    deltas afresh stores them the other way round."""
    copy = work / f"{repo.name}-repacked.git"
    stamp = copy / "bench-stamp"
    head = git(repo, "rev-parse", "HEAD").strip()
    if stamp.is_file() and stamp.read_text() == head:
        return copy
    shutil.rmtree(copy, ignore_errors=True)
    print(f"repacking a copy of {repo.name} (git repack -a -d -f) …", flush=True)
    git(work, "clone", "-q", "--bare", str(repo), str(copy))
    git(copy, "repack", "-a", "-d", "-f", "-q")
    stamp.write_text(head)
    return copy


def prepare_pull_request(repo: Path, work: Path, files: int = 10) -> tuple[Path, list[str]]:
    """A clone with a branch adding this week's report of `files` staff members, one commit
    each, opened by a reviewer (who may add anyone's report)."""
    clone = work / "pull-request"
    if clone.exists():
        shutil.rmtree(clone)
    git(work, "clone", "-q", str(repo), str(clone))
    roster = yaml.load((repo / "org/staff.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    reviewer = next(m for m in roster["staff"] if m.get("role") == "reviewer")
    members = [m for m in roster["staff"] if m.get("role", "staff") == "staff"][:files]
    now = dt.datetime.fromisoformat(NOW)
    monday = now.date() - dt.timedelta(days=now.weekday())
    git(clone, "checkout", "-q", "-b", "weekly-reports")
    for member in members:
        rel = f"submissions/{member['id']}/weekly/{synthetic.week_text(monday)}.yaml"
        target = clone / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(synthetic.weekly_report(member["id"], monday, 1, late=False), "utf-8")
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": NOW,
            "GIT_COMMITTER_DATE": NOW,
            "GIT_AUTHOR_NAME": member["id"],
            "GIT_AUTHOR_EMAIL": member.get("email", "staff@example.com"),
            "GIT_COMMITTER_NAME": member["id"],
            "GIT_COMMITTER_EMAIL": member.get("email", "staff@example.com"),
        }
        git(clone, "add", rel)
        git(clone, "commit", "-q", "-m", "周报", env=env)
    args = ["--base", "origin/main", "--author", str(reviewer["github"]), "--event-time", NOW]
    return clone, args


def restore_history_cache(source: Path, dest: Path) -> None:
    """What `actions/cache/restore` does in the validate workflow: the received dates that the
    publish workflow saved for main (here: written by the full checks above)."""
    dest.mkdir(parents=True, exist_ok=True)
    for file in source.glob("received-*.json"):
        shutil.copy(file, dest / file.name)


def report_files(repo: Path) -> dict[str, list[Path]]:
    kinds: dict[str, list[Path]] = {}
    for path in sorted((repo / "submissions").glob("*/*/*.yaml")):
        kinds.setdefault(path.parent.name, []).append(path)
    return kinds


def site_copy(work: Path) -> Path:
    """The project's MkDocs sources copied aside, so the benchmark never writes into docs/."""
    site = work / "site-src"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir()
    shutil.copy(PROJECT / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", site / "docs", ignore=shutil.ignore_patterns("status"))
    shutil.copytree(  # hooks and their data files are named relative to mkdocs.yml
        PROJECT / "validator", site / "validator", ignore=shutil.ignore_patterns("__pycache__")
    )
    return site


# --- measurements -------------------------------------------------------------------------


def measure(
    timings: dict[str, Timing],
    key: str,
    name: str,
    repeat: int,
    body: Callable[[], object],
    before: Callable[[], object] | None = None,
    available: bool = True,
) -> None:
    timing = timings[key] = Timing(name, available=available)
    if not available:
        timing.note = "not available"
        print(f"  {name:<44} not available", flush=True)
        return
    for number in range(repeat):
        show_progress(f"  {name:<44} run {number + 1}/{repeat}")
        if before:
            before()
        cpu = children_cpu()
        PEAKS.clear()
        timing.runs.append(timed(body))
        timing.cpu.append(children_cpu() - cpu)
        timing.peak.append(max(PEAKS, default=0))
    show_progress("")
    print(
        f"  {name:<44} {fmt(timing.median)}  cpu {fmt(timing.cpu_median)}"
        f"  peak {max(timing.peak, default=0) / 1024:.0f} MiB  ({len(timing.runs)} runs)",
        flush=True,
    )


QUIET = False  # --quiet: no progress line even at a terminal


def show_progress(text: str) -> None:
    """Which run is under way, on one line of stderr, only at a terminal (logs stay clean)."""
    if QUIET or not sys.stderr.isatty():
        return
    sys.stderr.write("\r\033[K" + text)
    sys.stderr.flush()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def floors(repo: Path) -> tuple[float, float]:
    """Reading every report, and libyaml parsing every report into events (no Python objects
    for the data), in this process on one core, with the cyclic collector off."""
    paths = [p for files in report_files(repo).values() for p in files]
    texts: list[str] = []
    enabled = gc.isenabled()
    gc.disable()
    try:
        read = timed(lambda: texts.extend(p.read_text("utf-8") for p in paths))
        loader = yaml.CSafeLoader
        parse = timed(lambda: [sum(1 for _ in yaml.parse(text, Loader=loader)) for text in texts])
    finally:
        if enabled:
            gc.enable()
    return read, parse


def tree_objects(repo: Path) -> tuple[int, int]:
    """How many tree objects the repository holds and their inflated size: a cold history walk
    reads each commit's trees, and `submissions/` holds one entry per person, so this is what
    grows with commits x staff."""
    listing = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = [
        int(size)
        for kind, size in (line.split() for line in listing.splitlines())
        if kind == "tree"
    ]
    return len(sizes), sum(sizes)


def competitor_runs(
    files: dict[str, list[Path]], schemas: Path, repo: Path
) -> tuple[Callable[[], object], Callable[[], object]]:
    def jsonschema() -> None:
        for kind, paths in files.items():
            schema = schemas / f"{kind}.schema.json"
            for start in range(0, len(paths), CHUNK):
                chunk = [str(p) for p in paths[start : start + CHUNK]]
                run(
                    [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *chunk],
                    ok=FINDINGS,
                )

    def yamllint() -> None:
        run(
            [str(BIN / "yamllint"), "-d", YAMLLINT_CONFIG, "-f", "parsable", "org", "submissions"],
            cwd=repo,
            ok=FINDINGS,
        )

    return jsonschema, yamllint


def bench(args: argparse.Namespace) -> dict[str, Timing]:
    work = Path(args.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    repo, source = prepare_repo(work, args.staff, args.weeks, args.fresh)
    files = report_files(repo)
    count = sum(len(v) for v in files.values())
    commits = int(git(repo, "rev-list", "--count", "HEAD"))
    print(
        f"repository: {repo} ({source}): {count} reports "
        + ", ".join(f"{k} {len(v)}" for k, v in sorted(files.items()))
        + f"; {commits} commits; {os.cpu_count()} CPUs; now = {NOW}; "
        + "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
        flush=True,
    )
    env = {**os.environ, "VALIDATOR_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    check = [VALIDATOR, "check", "--repo", str(repo), "--format", "json"]
    cache = repo / ".git" / "validator"
    timings: dict[str, Timing] = {}
    n = args.repeat

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print("validator:", flush=True)
    measure(
        timings,
        "check-cold",
        "validator check (cold: --no-cache)",
        n,
        lambda: run([*check, "--no-cache"], env=env, ok=FINDINGS),
        before=drop_cache,
    )
    run(check, env=env, ok=FINDINGS)  # fills the cache
    measure(
        timings, "check-warm", "validator check (warm)", n, lambda: run(check, env=env, ok=FINDINGS)
    )

    pr_mode = (
        "--base"
        in subprocess.run(
            [VALIDATOR, "check", "--help"], capture_output=True, text=True, check=False
        ).stdout
    )
    pr_repo, pr_args = prepare_pull_request(repo, work) if pr_mode else (repo, [])
    if pr_mode:  # as the validate workflow has them: main's received dates, restored from cache
        restore_history_cache(cache, pr_repo / ".git" / "validator")
    pr_cmd = [VALIDATOR, "check", "--repo", str(pr_repo), "--format", "json", *pr_args]
    measure(
        timings,
        "check-pr",
        "validator check --base (ten new reports, CI)",
        n,
        lambda: run(pr_cmd, env=env, ok=FINDINGS),
        available=pr_mode,
    )
    measure(
        timings,
        "check-pr-cold",
        "validator check --base (ten, --no-cache)",
        n,
        lambda: run([*pr_cmd, "--no-cache"], env=env, ok=FINDINGS),
        available=pr_mode,
    )

    history = ["git", "-c", "core.quotepath=off", *HISTORY_ARGS]
    measure(
        timings,
        "git-log",
        "git log (the history walk, as check runs it)",
        n,
        lambda: run(history, cwd=repo, env=env),
    )
    since = [*history[:-1], f"HEAD~{SINCE_CACHED}..HEAD"]
    measure(
        timings,
        "git-log-since",
        f"git log since a cached commit ({SINCE_CACHED} commits)",
        n,
        lambda: run(since, cwd=repo, env=env),
        available=commits > SINCE_CACHED,
    )
    packed = repacked(repo, work)
    measure(
        timings,
        "git-log-repacked",
        "git log, the same history repacked (-a -d -f)",
        n,
        lambda: run(history, cwd=packed, env=env),
    )
    trees, size = tree_objects(repo)
    timings["trees"] = Timing(
        "tree objects a cold walk reads", note=f"{trees} trees, {gib(size)}", size=size
    )
    print(f"  {'tree objects a cold walk reads':<44} {trees} trees, {gib(size)}")

    status = [VALIDATOR, "status", "--repo", str(repo), "--format", "json", "--now", NOW]
    measure(
        timings,
        "status",
        "validator status",
        n,
        lambda: run(status, env=env),
        available=has_command("status"),
    )

    pages_out = work / "pages"
    pages = [
        VALIDATOR,
        "pages",
        "--repo",
        str(repo),
        "--out",
        str(pages_out),
        "--audience",
        "internal",
        "--now",
        NOW,
    ]
    measure(
        timings,
        "pages",
        "validator pages (internal)",
        n,
        lambda: run(pages, env=env),
        before=lambda: shutil.rmtree(pages_out, ignore_errors=True),
        available=has_command("pages"),
    )

    has_site = (PROJECT / "mkdocs.yml").is_file() and has_command("pages")
    site = site_copy(work) if has_site else work
    site_env = {**env, "VALIDATOR_REPO": str(repo), "VALIDATOR_AUDIENCE": "internal"}
    mkdocs = [str(BIN / "mkdocs"), "build", "-q", "-d", str(work / "site")]
    measure(
        timings,
        "mkdocs",
        "mkdocs build (with status pages)",
        args.site_repeat,
        lambda: run(mkdocs, cwd=site, env=site_env),
        available=has_site,
    )

    empty = work / "no-reports"  # the handbook alone: status pages of a repository with none
    if has_site and not empty.exists():
        empty.mkdir()
        git(empty, "init", "-q")
    measure(
        timings,
        "handbook",
        "mkdocs build (handbook alone)",
        args.site_repeat,
        lambda: run(mkdocs, cwd=site, env={**site_env, "VALIDATOR_REPO": str(empty)}),
        available=has_site,
    )
    if has_site:
        sizes = page_sizes(work / "site")
        pages_built = sum(1 for _ in (work / "site").rglob("*.html"))
        timings["largest-page"] = Timing(
            f"largest page: {sizes[1]}", note=f"{sizes[0]} bytes", size=sizes[0]
        )
        print(
            f"  largest page {sizes[1]}: {sizes[0] / 1024:.0f} KiB; {pages_built} HTML pages",
            flush=True,
        )

    print("same files, other tools:", flush=True)
    schemas = work / "schemas"
    has_schema = has_command("schema")
    if has_schema:
        shutil.rmtree(schemas, ignore_errors=True)
        run([VALIDATOR, "schema", "--repo", str(repo), "--out", str(schemas)], env=env)
    jsonschema, yamllint = competitor_runs(files, schemas, repo)
    reps = args.competitor_repeat
    measure(
        timings,
        "check-jsonschema",
        "check-jsonschema (exported schemas)",
        reps,
        jsonschema,
        available=has_schema and (BIN / "check-jsonschema").exists(),
    )
    measure(
        timings,
        "yamllint",
        f"yamllint -d '{YAMLLINT_CONFIG}'",
        reps,
        yamllint,
        available=(BIN / "yamllint").exists(),
    )

    print("floors (in this process, one core):", flush=True)
    read, parse = floors(repo)
    timings["read"] = Timing("read every report", [read])
    timings["libyaml"] = Timing("libyaml parse (events) of every report", [parse])
    print(f"  {'read every report':<44} {fmt(read)}")
    print(f"  {'libyaml parse (events) of every report':<44} {fmt(parse)}", flush=True)
    return timings


#: the archived years the scale run adds: a national company five years on keeps four summaries
ARCHIVE_STAFF, ARCHIVE_YEARS = 5000, 4


def archive_repo(work: Path) -> Path:
    """The organisation's data and four archived years of 5,000 people (synthetic summaries,
    about 50 MB each) and no report: what every command reads besides the live year."""
    repo = work / f"archived-{ARCHIVE_STAFF}x{ARCHIVE_YEARS}"
    stamp = repo / ".git" / "bench-stamp"
    wanted = f"{ARCHIVE_STAFF} {ARCHIVE_YEARS} {NOW}"
    if stamp.is_file() and stamp.read_text() == wanted:
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    print(f"creating {repo} ({ARCHIVE_YEARS} synthetic summaries of {ARCHIVE_STAFF} people) …")
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(PROJECT / "org", repo / "org")
    env = {**os.environ, "GIT_AUTHOR_DATE": NOW, "GIT_COMMITTER_DATE": NOW}
    who = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    git(repo, "add", "org")
    git(repo, *who, "commit", "-q", "-m", "org", env=env)
    base = git(repo, "rev-parse", "HEAD").strip()
    last = int(NOW[:4]) - 1
    (repo / "archive").mkdir()
    for year in range(last - ARCHIVE_YEARS + 1, last + 1):
        text = synthetic.summary_text(year, ARCHIVE_STAFF, base)
        (repo / "archive" / f"{year}.yaml").write_text(text, "utf-8")
    git(repo, "add", "archive")
    git(repo, *who, "commit", "-q", "-m", "archived years", env=env)
    stamp.write_text(wanted)
    return repo


def bench_archive(work: Path, repeat: int) -> dict[str, Timing]:
    """`validator check` over the archived years alone: read as text (--no-cache) and from
    what the last run kept (`validator/repo/archive_store.py`)."""
    repo = archive_repo(work)
    env = {**os.environ, "VALIDATOR_NOW": NOW}
    check = [VALIDATOR, "check", "--repo", str(repo), "--format", "json"]
    cache = repo / ".git" / "validator"
    timings: dict[str, Timing] = {}
    label = f"{ARCHIVE_YEARS} archived years of {ARCHIVE_STAFF} people"
    print(f"{label}:", flush=True)
    measure(
        timings,
        "archive-text",
        "validator check, summaries read as text",
        repeat,
        lambda: run([*check, "--no-cache"], env=env, ok=FINDINGS),
        before=lambda: shutil.rmtree(cache, ignore_errors=True),
    )
    run(check, env=env, ok=FINDINGS)  # keeps what it read
    measure(
        timings,
        "archive-kept",
        "validator check, summaries as kept",
        repeat,
        lambda: run(check, env=env, ok=FINDINGS),
    )
    found = ratio(timings, "archive-text", "archive-kept")
    if found is not None:
        print(f"  kept summaries are read and checked {found:.1f}x faster than the text")
    return timings


def page_sizes(site: Path) -> tuple[int, str]:
    """The largest HTML page a reader opens (search index and assets aside), and its path."""
    pages = [(p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")]
    return max(pages, default=(0, "—"))


def gib(size: int) -> str:
    return f"{size / 2**30:.2f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:7.2f} s"


def verdicts(
    timings: dict[str, Timing], targets: Sequence[Target] = TARGETS
) -> list[tuple[Target, float | None, float | None, bool]]:
    rows = []
    for target in targets:
        measured = timings.get(target.subject)
        value = measured.median if measured else None
        if measured and target.peak_mib is not None:
            value = max(measured.peak, default=0) / 1024 if measured.peak else None
        if measured and target.kib is not None:
            value = measured.size / 1024 if measured.size is not None else None
        limit = target.limit(timings)
        met = value is not None and limit is not None and value < limit
        rows.append((target, value, limit, met))
    return rows


def ratio(timings: dict[str, Timing], slow: str, fast: str) -> float | None:
    a, b = timings.get(slow), timings.get(fast)
    if a is None or b is None or a.median is None or b.median is None:
        return None
    return a.median / b.median


def floor(timings: dict[str, Timing]) -> float | None:
    """What no checker can go below: libyaml's event parse of every report plus git's history
    walk, that CPU work spread over every core of the machine."""
    parse, walk = timings.get("libyaml"), timings.get("git-log")
    if parse is None or parse.median is None or walk is None or walk.cpu_median is None:
        return None
    return (parse.median + walk.cpu_median) / (os.cpu_count() or 1)


def report(timings: dict[str, Timing]) -> bool:
    print("\nratios (how many times faster validator is):")
    for subject in ("check-cold", "check-warm"):
        for other in ("check-jsonschema", "yamllint"):
            value = ratio(timings, other, subject)
            shown = "—" if value is None else f"{value:.1f}x"
            print(f"  {timings[subject].name:<36} vs {other:<18} {shown}")
    print_floor(timings)
    print("\ntargets:")
    rows = verdicts(timings)
    print_verdicts(rows)
    note_load()
    missed = sum(not met for *_, met in rows)
    print("\nevery target met" if not missed else f"\n{missed} target(s) missed")
    return not missed


def print_floor(timings: dict[str, Timing]) -> None:
    bound, cold = floor(timings), timings.get("check-cold")
    if bound is None or cold is None or cold.median is None:
        return
    print(
        f"  floor (libyaml events + git walk over {os.cpu_count()} cores) {bound:.2f} s;"
        f" the cold check takes {cold.median / bound:.1f}x the floor"
    )


def print_verdicts(rows: list[tuple[Target, float | None, float | None, bool]]) -> None:
    for target, value, limit, met in rows:
        if target.peak_mib is not None:
            detail = f"{value or 0:.0f} MiB vs limit {limit or 0:.0f} MiB"
        elif target.kib is not None:
            detail = f"{value or 0:.0f} KiB vs limit {limit or 0:.0f} KiB"
        else:
            detail = f"{fmt(value)} vs limit {fmt(limit)}"
        print(f"  [{'met' if met else 'MISSED'}] {target.name}: {target.describe()} ({detail})")


def note_load() -> None:
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(
            f"\nnote: load average {load:.1f} on {os.cpu_count()} CPUs: other work inflated the"
            " wall times; compare the CPU column, or run again on an idle machine"
        )


def report_scale(small: dict[str, Timing], large: dict[str, Timing]) -> bool:
    """The scaling targets: the large run against the base run, measured side by side."""
    both = {**large, **{f"{k}@small": v for k, v in small.items()}}  # the base size's: "x@small"
    for label, timings in (("base size", small), ("large size", large)):
        print(f"\n{label}:")
        print_floor(timings)
    print("\nscaling targets (large size vs base size, same run):")
    met_all = True
    for name, subject, base, factor in SCALE_TARGETS:
        value = ratio(both, subject, base)
        met = value is not None and value <= factor
        met_all &= met
        shown = "—" if value is None else f"{value:.2f}x"
        print(f"  [{'met' if met else 'MISSED'}] {name}: {shown} (limit {factor:g}x)")
    rows = verdicts(both, SCALE_LIMITS)
    print_verdicts(rows)
    print_bounds(small, large, both, rows)
    note_load()
    met_all &= all(met for *_, met in rows)
    print("\nevery scaling target met" if met_all else "\nsome scaling target(s) missed")
    return met_all


def print_bounds(
    small: dict[str, Timing],
    large: dict[str, Timing],
    both: dict[str, Timing],
    rows: list[tuple[Target, float | None, float | None, bool]],
) -> None:
    """What bounds the cold check from below at both sizes: how the floor itself grows, how the
    cold history walk grows and what it reads, and each time limit that lies under the floor
    (no checker that reads the history with git can meet it)."""
    low, high = floor(small), floor(large)
    print("\nbounds (same run):")
    if low and high:
        print(f"  the floor grows {high / low:.2f}x from the base size to the large size")
    walk = ratio(both, "git-log", "git-log@small")
    few, many = small.get("trees"), large.get("trees")
    if walk is not None and few and many and few.size and many.size:
        print(
            f"  the cold history walk grows {walk:.2f}x: it reads every commit's trees,"
            f" {gib(few.size)} at the base size and {gib(many.size)} at the large size"
        )
    for label, timings in (("base", small), ("large", large)):
        cold, packed = timings.get("git-log"), timings.get("git-log-repacked")
        if cold and packed and cold.median and packed.median:
            print(
                f"  at the {label} size the same history repacked from scratch is walked in"
                f" {packed.median:.2f} s instead of {cold.median:.2f} s"
            )
    for target, _, limit, met in rows:  # the floor bounds the cold full check's time only
        if target.subject.split("@")[0] != "check-cold" or target.peak_mib or target.kib:
            continue
        bound = floor(small if target.subject.endswith("@small") else large)
        if not met and limit is not None and bound is not None and limit < bound:
            print(f"  {target.name}: the limit {limit:.2f} s is below the floor {bound:.2f} s")


def machine() -> str:
    """The CPU model and count, as the performance page names the machine."""
    try:
        info = Path("/proc/cpuinfo").read_text("utf-8")
        model = next(
            line.split(":", 1)[1].strip()
            for line in info.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{dt.date.today().isoformat()}, {model}, {os.cpu_count()} CPUs"


def markdown(timings: dict[str, Timing]) -> str:
    """The measured table as docs/performance.md shows it."""
    cj, yl = timings.get("check-jsonschema"), timings.get("yamllint")
    lines = [
        "| measurement | median wall | median CPU | peak MiB | runs | check-jsonschema ÷ this |"
        " yamllint ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, timing in timings.items():
        if not timing.available or timing.median is None:
            lines.append(f"| {timing.name} | {timing.note or 'not available'} | | | | | |")
            continue
        ratios = ["", ""]
        if key.startswith("check-") and key != "check-jsonschema":
            for i, other in enumerate((cj, yl)):
                if other is not None and other.median:
                    ratios[i] = f"{other.median / timing.median:.1f}×"
        cpu = "" if timing.cpu_median is None else f"{timing.cpu_median:.2f} s"
        peak = f"{max(timing.peak) / 1024:.0f}" if timing.peak else ""
        lines.append(
            f"| {timing.name} | {timing.median:.2f} s | {cpu} | {peak} | {len(timing.runs)} "
            f"| {ratios[0]} | {ratios[1]} |"
        )
    return "\n".join(lines)


def compile_sources() -> None:
    """Byte-compile the installed package first, as `pip install` does for a user or a CI job:
    with PYTHONDONTWRITEBYTECODE set (some shells and containers set it), an editable install
    would otherwise compile every module again in every measured run, a fixed 0.1-0.2 s."""
    import validator

    package = Path(validator.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--staff", type=int, default=400)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, help="runs per validator command (5; 3 at scale)")
    parser.add_argument(
        "--competitor-repeat",
        type=int,
        help="runs of check-jsonschema and yamllint (3, a minute each; 1 at scale)",
    )
    parser.add_argument("--site-repeat", type=int, help="runs of mkdocs build (3; 1 at scale)")
    parser.add_argument(
        "--scale",
        type=int,
        metavar="STAFF",
        help="also measure STAFF staff (e.g. 2000) after the base size, and compare the two",
    )
    parser.add_argument("--workdir", default=str(PROJECT / "build" / "bench"))
    parser.add_argument("--fresh", action="store_true", help="regenerate the repository")
    parser.add_argument("--quick", action="store_true", help="40 staff x 12 weeks")
    parser.add_argument(
        "--archive",
        action="store_true",
        help=f"only the {ARCHIVE_YEARS} archived years of {ARCHIVE_STAFF} people (as --scale ends)",
    )
    parser.add_argument("--json", dest="json_out", help="also write the timings to this file")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--quiet", action="store_true", help="no progress line at a terminal")
    args = parser.parse_args(argv)
    global QUIET
    QUIET = args.quiet
    if args.quick:
        args.staff, args.weeks = 40, 12
    scaled = args.scale is not None
    for name, default, at_scale in (
        ("repeat", 5, 3),
        ("competitor_repeat", 3, 1),
        ("site_repeat", 3, 1),
    ):
        if getattr(args, name) is None:
            setattr(args, name, at_scale if scaled else default)
    print(f"machine: {machine()}", flush=True)
    compile_sources()
    if args.archive:
        bench_archive(Path(args.workdir).resolve(), args.repeat)
        return 0
    runs = {f"{args.staff}x{args.weeks}": bench(args)}
    ok = report(runs[f"{args.staff}x{args.weeks}"])
    if scaled:
        small = runs[f"{args.staff}x{args.weeks}"]
        args.staff = args.scale
        runs[f"{args.staff}x{args.weeks}"] = large = bench(args)
        large.update(bench_archive(Path(args.workdir).resolve(), args.repeat))
        ok = report_scale(small, large)
    if args.markdown:
        for size, timings in runs.items():
            print(f"\n{size} ({machine()}):\n\n" + markdown(timings))
    if args.json_out:
        payload = {
            size: {
                k: {"name": t.name, "runs": t.runs, "peak_kib": t.peak, "available": t.available}
                for k, t in timings.items()
            }
            for size, timings in runs.items()
        }
        Path(args.json_out).write_text(json.dumps(payload, indent=2), "utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
