"""The site: mkdocs.yml names the Git host and loads no web font, the schemas are current, and
the public pages name nobody."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.core.errors import ValidatorError
from validator.features.doctor.facts import (
    ERROR,
    HOSTS,
    WARNING,
    Facts,
    Finding,
    PageRenderer,
    finding,
    text_of,
)
from validator.features.schemas import DEFAULT_DIR as SCHEMA_DIR
from validator.features.schemas import build_all, render

#: mkdocs.yml's `extra.repository` as the template ships it, to be replaced when adopting
TEMPLATE_REPOSITORY = "example-org/field-reports"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def site(facts: Facts) -> Iterator[Finding]:
    """mkdocs.yml names the Git host completely and loads no web fonts."""
    if facts.site_error is not None:
        yield finding("site", ERROR, "mkdocs.yml", "site-unreadable", detail=facts.site_error)
        return
    if facts.site is None:
        if facts.workflows:
            yield finding("site", ERROR, "mkdocs.yml", "site-missing")
        return
    extra = facts.extra
    kind = str(extra.get("git_kind") or "").strip().lower()
    if not kind:
        yield _setting("git_kind", "没有设置", "is not set", "github", WARNING)
    elif kind not in HOSTS:
        yield _setting("git_kind", f"是 {kind!r},不是已知的平台", f"is {kind!r}, not a known host",
                       "github | gitea | forgejo | gitlab")  # fmt: skip
    host = str(extra.get("git_host") or "").strip()
    if not host:
        yield _setting("git_host", "没有设置", "is not set", "git.example.com")
    elif not re.fullmatch(r"(https?://)?[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s]*)?", host):
        yield _setting("git_host", f"是 {host!r},不是主机名或 http(s) 地址",
                       f"is {host!r}, not a host name or http(s) address",
                       "https://git.example.com")  # fmt: skip
    repo = str(extra.get("repository") or "").strip().strip("/")
    if not re.fullmatch(r"[^\s/]+(/[^\s/]+)+", repo):
        yield _setting("repository", "没有设置为 <组织>/<仓库>", "is not <owner>/<name>",
                       "acme/field-reports")  # fmt: skip
    elif repo.lower() == TEMPLATE_REPOSITORY:  # the form would send reports to someone else's
        yield _setting("repository",
                       f"还是模板的示例值 {repo}:表单的“创建文件”会把报告送到别人的仓库",
                       f"is still the template's example {repo}: the form's create-file button "
                       "would send reports to someone else's repository",
                       "<owner>/<repo>")  # fmt: skip
    if not str(extra.get("git_branch") or "").strip():
        yield _setting("git_branch", "没有设置", "is not set", "main", WARNING)
    theme = facts.site.get("theme")
    if isinstance(theme, dict) and theme.get("font") is not False:
        yield finding("site", ERROR, "mkdocs.yml", "site-font")


def schemas(facts: Facts) -> Iterator[Finding]:
    """docs/schemas/ (what editors show beside each file) is what `validator schema` makes from
    this organisation's policy and handbook, not from the product's samples or older data."""
    folder = facts.root / SCHEMA_DIR
    org = facts.org
    if not folder.is_dir() or {"org/policy.yaml", "org/handbook.yaml"} & org.broken:
        return  # a broken file is an org finding; the schemas follow once it is fixed
    stale = [
        f"{name}.schema.json"
        for name, schema in build_all(org.policy, org.handbook).items()
        if (folder / f"{name}.schema.json").is_file()
        and text_of(folder / f"{name}.schema.json").replace("\r\n", "\n") != render(schema)
    ]
    if stale:
        names = "、".join(stale)
        yield finding("site", WARNING, SCHEMA_DIR, "schemas-stale", path=SCHEMA_DIR, names=names)


def _setting(key: str, problem: str, problem_en: str, example: str, sev: str = ERROR) -> Finding:
    return finding(
        "site", sev, "mkdocs.yml", "site-setting", key=key, problem=problem,
        problem_en=problem_en, example=example,
    )  # fmt: skip


def public_pages(facts: Facts, render: PageRenderer) -> Iterator[Finding]:
    """The public status pages name nobody: no staff name, e-mail address or login."""
    try:
        pages = render(facts.root, facts.now)
    except ValidatorError as exc:
        yield finding("privacy", ERROR, "docs/status/", "public-unrendered", detail=exc)
        return
    for page, content in sorted(pages.items()):
        # the tables' and people's JSON and the charts' SVG are text too (UTF-8, not escaped)
        text = content if isinstance(content, str) else content.decode("utf-8", "replace")
        emails = {e.lower() for e in _EMAIL.findall(text)}
        for member in facts.org.roster.staff:
            found: list[tuple[str, str]] = []
            if member.name and member.name in text:
                found.append(("姓名", "name"))
            if member.email and member.email.lower() in emails:
                found.append(("邮箱", "e-mail address"))
            if member.github and re.search(rf"@{re.escape(member.github)}\b", text):
                found.append(("账号", "login"))
            for what, what_en in found:
                yield finding(
                    "privacy", ERROR, f"status/{page}", "public-personal", page=f"status/{page}",
                    member=member.id, what=what, what_en=what_en,
                )  # fmt: skip
