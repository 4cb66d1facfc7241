"""One site build for either generator: MkDocs (Material) or Zensical, Material's successor.

Zensical runs no MkDocs hooks, so everything the site needs beyond the committed docs is done
here, around the generator rather than inside it: the status pages are written as plain files
before it runs (`prepare`); after it, the report form's settings go into its page, internal builds
get the roster for the staff picker, and third-party hosts are stripped from the theme's assets
(`finish`). The MkDocs hooks call the same functions, so `mkdocs serve` stays live.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from validator.core.errors import UsageError
from validator.site.offline import strip_third_party
from validator.site.pages import write_pages
from validator.site.placeholders import PlaceholderError, fill_page
from validator.site.reportform import (
    FORM_PAGE,
    IDS_FILE,
    ROSTER_FILE,
    ids_json,
    load_repo_org,
    page_config,
    roster_json,
    schema_files,
)
from validator.site.settings import INTERNAL

GENERATORS = ("mkdocs", "zensical")
DEFAULT_GENERATOR = "mkdocs"
#: set while `validator site` runs the generator: the hooks then leave the prepared files alone
PREPARED = "VALIDATOR_SITE_PREPARED"
FORM_MARKER = 'id="report-form"'

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Build:
    """One build: the project (mkdocs.yml and docs/), whose data, for whom, and where to."""

    project: Path
    repo: Path
    audience: str
    now: dt.datetime
    now_text: str | None  # $VALIDATOR_NOW or --now as given, for the form's default period
    site_dir: Path
    generator: str = DEFAULT_GENERATOR

    @property
    def config_file(self) -> Path:
        return self.project / "mkdocs.yml"


def prepare(build: Build, progress: Progress | None = None) -> list[Path]:
    """Write what the generator reads: the status pages under docs/status/."""
    docs = build.project / str(_config(build).get("docs_dir") or "docs")
    return write_pages(build.repo, docs / "status", build.now, build.audience, progress)


def run_generator(build: Build) -> None:
    """Build the site with the chosen generator into `build.site_dir` (strict mode)."""
    if build.generator not in GENERATORS:
        raise UsageError(f"unknown generator {build.generator!r}: use mkdocs or zensical")
    program = shutil.which(build.generator, path=str(Path(sys.executable).parent))
    program = program or shutil.which(build.generator)
    if program is None:
        raise UsageError(f"{build.generator} is not installed (pip install {build.generator})")
    env = {**os.environ, PREPARED: "1", "VALIDATOR_REPO": str(build.repo.resolve())}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["VALIDATOR_AUDIENCE"] = build.audience
    if build.now_text:
        env["VALIDATOR_NOW"] = build.now_text
    if build.generator == "mkdocs":
        args = [program, "build", "--strict", "-f", str(build.config_file)]
        args += ["-d", str(build.site_dir.resolve())]
        _run(args, build.project, env)
        return
    # Zensical takes the output folder from the configuration only, and only inside the
    # project: a copy of mkdocs.yml next to it (its relative paths stay right) names a folder
    # there, which becomes site_dir afterwards
    config = build.project / f".validator-site-{os.getpid()}.yml"
    scratch = build.project / f".validator-site-{os.getpid()}"
    # Zensical runs no MkDocs hooks: the pages it reads are a copy with the placeholders filled
    filled = filled_docs(build, build.project / f".validator-docs-{os.getpid()}")
    text = re.sub(r"(?m)^docs_dir:.*$", "", build.config_file.read_text(encoding="utf-8"))
    config.write_text(
        f"{text}\nsite_dir: {json.dumps(scratch.name)}\ndocs_dir: {json.dumps(filled.name)}\n",
        encoding="utf-8",
    )
    try:
        _run([program, "build", "--strict", "-f", config.name], build.project, env)
        target = build.site_dir.resolve()
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(scratch), str(target))
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(filled, ignore_errors=True)


def filled_docs(build: Build, out: Path) -> Path:
    """A copy of the docs folder at `out` with every page's placeholders filled from the data
    repository's policy and handbook, as the MkDocs hook fills them (for a generator that runs
    no hooks)."""
    docs = build.project / str(_config(build).get("docs_dir") or "docs")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(docs, out)
    org = load_repo_org(build.repo)
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    for page in sorted(p for p in present if p.endswith(".md")):
        path = out / page
        text = path.read_text(encoding="utf-8")
        try:
            filled = fill_page(text, page, org.policy, org.handbook, present.__contains__)
        except PlaceholderError as exc:
            raise UsageError(str(exc)) from exc
        if filled != text:
            path.write_text(filled, encoding="utf-8")
    return out


def _run(args: list[str], cwd: Path, env: Mapping[str, str]) -> None:
    done = subprocess.run(args, cwd=cwd, env=dict(env), capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise UsageError(f"{Path(args[0]).name} build failed:\n{tail}")


def finish(build: Build) -> None:
    """What the built site still needs: the form's settings and roster, the schemas of the
    organisation's data (as the MkDocs hook serves them), no third-party host."""
    org = load_repo_org(build.repo)
    for path, text in schema_files(org).items():
        target = build.site_dir / path
        if target.is_file():  # only where the project publishes its schemas
            target.write_text(text, encoding="utf-8")
    extra = _config(build).get("extra")
    page = build.site_dir / FORM_PAGE.replace(".md", ".html")
    if page.is_file():
        settings = page_config(
            org, extra if isinstance(extra, dict) else {}, build.audience, build.now_text
        )
        page.write_text(with_form_config(page.read_text(encoding="utf-8"), settings), "utf-8")
    roster = build.site_dir / ROSTER_FILE
    ids = build.site_dir / IDS_FILE
    if build.audience == INTERNAL and page.is_file():
        roster.write_text(roster_json(org), encoding="utf-8")
    else:
        roster.unlink(missing_ok=True)  # personal data: never in a public build
    if build.audience != INTERNAL and page.is_file():
        ids.write_text(ids_json(org), encoding="utf-8")  # ids without names
    else:
        ids.unlink(missing_ok=True)
    strip_third_party(build.site_dir)


def with_form_config(page_html: str, settings: Mapping[str, Any]) -> str:
    """The form page with its settings in the form's `data-config` attribute (HTML-escaped
    JSON); a page that already has them (the MkDocs hook ran) is left as it is."""
    if FORM_MARKER not in page_html or f'{FORM_MARKER} data-config="' in page_html:
        return page_html
    attribute = html.escape(json.dumps(settings, ensure_ascii=False), quote=True)
    return page_html.replace(FORM_MARKER, f'{FORM_MARKER} data-config="{attribute}"', 1)


def build_site(build: Build, progress: Progress | None = None) -> None:
    """prepare, run the generator, finish."""
    if not build.config_file.is_file():
        raise UsageError(f"{build.config_file} not found")
    prepare(build, progress)
    run_generator(build)
    finish(build)


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may carry `!!python/name:` and `!ENV` tags: read them as plain values."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(build: Build) -> dict[str, Any]:
    try:
        data = yaml.load(build.config_file.read_text(encoding="utf-8"), Loader=_Tolerant)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read {build.config_file}: {exc}") from exc
    return data if isinstance(data, dict) else {}
