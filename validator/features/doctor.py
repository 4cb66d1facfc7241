"""`validator doctor`: what an administrator checks before going live and after each change.

Each check is a small function from the repository's facts to findings; every finding carries the
fix. Nothing is sent, no secret is read beyond "is the variable set", and nothing is printed: the
CLI renders the findings. The public-pages scan needs the site generator, a layer above this one,
so the caller passes a renderer in (`render_public`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from validator.checking.check import check
from validator.core.errors import ValidatorError
from validator.core.files import open_cache
from validator.features.schemas import DEFAULT_DIR as SCHEMA_DIR
from validator.features.schemas import build_all, render
from validator.kinds import due
from validator.models.org import parse_duration
from validator.repo import history_cache
from validator.repo.codeowners import HOST_PATHS, RENDERERS
from validator.repo.git import RefusedRepository, git, log_commits, repository
from validator.repo.layout import classify_all, list_files
from validator.repo.org_data import Org, load_org

ERROR, WARNING, NOTE = "error", "warning", "note"
HOSTS = ("github", "gitea", "forgejo", "gitlab")
#: the CI folders each host reads, the first that holds workflows (Gitea and Forgejo fall back to
#: .github/workflows; Forgejo reads Gitea's folder too)
WORKFLOW_DIRS = {
    "github": (".github/workflows",),
    "gitea": (".gitea/workflows", ".github/workflows"),
    "forgejo": (".forgejo/workflows", ".gitea/workflows", ".github/workflows"),
}
GITLAB_CI = ".gitlab-ci.yml"
#: what the workflows must do: role -> (patterns one file must all match, severity); the pull
#: request gate is a workflow that pull (merge) requests trigger and that runs the check
ROLES = {
    "validate": (
        (re.compile(r"\bvalidator\s+check\b"), re.compile(r"\b(pull_request\w*|merge_request\w*)")),
        ERROR,
    ),
    # `make site` is how the template's Gitea workflow and .gitlab-ci.yml build (Makefile)
    "publish": (
        (re.compile(r"\b(mkdocs|zensical)\s+build\b|\bvalidator\s+site\b|\bmake\s+site\b"),),
        WARNING,
    ),
    "remind": ((re.compile(r"\bvalidator\s+remind\b"),), WARNING),
}
_COMMANDS = {"validate": "validator check", "publish": "mkdocs build", "remind": "validator remind"}
_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^'\"#\s]+)['\"]?\s*(?:#\s*(\S+))?")
_SHA = re.compile(r"^[0-9a-f]{40}$")
#: a workflow that sends the messages of `notify:`, and where the template has the jobs that do
_SENDS = re.compile(r"\bvalidator\s+(?:remind|digest)\b[^\n]*\s--send\b")
_SENDING = {
    "github": ".github/workflows/remind.yml",
    "gitea": ".gitea/workflows/remind.yml, digest.yml",
    "forgejo": ".gitea/workflows/remind.yml, digest.yml",
    "gitlab": ".gitlab-ci.yml: deliver, digest",
}
#: mkdocs.yml's `extra.repository` as the template ships it, to be replaced when adopting
TEMPLATE_REPOSITORY = "example-org/field-reports"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

# id -> (zh message, en message, zh fix, en fix); `{name}` fields come from the finding's args
TEXTS: dict[str, tuple[str, str, str, str]] = {
    "data-only": (
        "没有 mkdocs.yml,也没有 CI 配置:按数据仓库检查(如 validator demo 生成的仓库),"
        "工作流与站点设置不在此检查",
        "no mkdocs.yml and no CI configuration: checked as a data repository (like the one "
        "validator demo makes); workflows and site settings are not checked here",
        "若这就是组织的仓库,从模板复制 mkdocs.yml 与 {dir}/,再运行 validator doctor",
        "if this is the organisation's repository, copy mkdocs.yml and {dir}/ from the "
        "template and run validator doctor again",
    ),
    "workflow-role-missing": (
        "{host} 的工作流中没有一个运行 {command}({purpose})",
        "no {host} workflow runs {command} ({purpose})",
        "从模板复制 {file} 到 {dir}/",
        "copy {file} from the template into {dir}/",
    ),
    "workflow-role-missing-gitlab": (
        "{host} 的工作流中没有一个运行 {command}({purpose})",
        "no {host} workflow runs {command} ({purpose})",
        "从模板的 .gitlab-ci.yml 把 {purpose} 作业复制到本仓库的 .gitlab-ci.yml",
        "copy the {purpose} job of the template's .gitlab-ci.yml into this repository's "
        ".gitlab-ci.yml",
    ),
    "workflow-unreadable": (
        "{path} 不是可读的 YAML:{detail}",
        "{path} is not readable YAML: {detail}",
        "改正该文件的语法(yamllint {path})",
        "fix the file's syntax (yamllint {path})",
    ),
    "action-unpinned": (
        "`uses: {ref}` 没有固定到完整的提交 SHA:标签和分支可以被改指向别的代码",
        "`uses: {ref}` is not pinned to a full commit SHA: tags and branches can be moved",
        "改为 `uses: {name}@<40 位提交 SHA> # {tag}`",
        "write `uses: {name}@<40-hex commit SHA> # {tag}`",
    ),
    "gitlab-include-unpinned": (
        "include {what} 没有固定到完整的提交 SHA",
        "include {what} is not pinned to a full commit SHA",
        "给 include 写上 `ref: <40 位提交 SHA>`,或把文件复制进本仓库用 `local:` 引用",
        "give the include `ref: <40-hex commit SHA>`, or copy the file into this repository "
        "and include it with `local:`",
    ),
    "codeowners-missing": (
        "{path} 不存在:代码所有者审核无从要求",
        "{path} is missing: the host cannot require the code owners' review",
        "运行 validator codeowners --host {host} > {path} 并提交",
        "run validator codeowners --host {host} > {path} and commit it",
    ),
    "codeowners-stale": (
        "{path} 与 org/staff.yaml 的名单不一致",
        "{path} does not match the roster in org/staff.yaml",
        "运行 validator codeowners --host {host} > {path} 并提交",
        "run validator codeowners --host {host} > {path} and commit it",
    ),
    "org-error": (
        "[{rule}] {message}",
        "[{rule}] {message}",
        "改正该文件,再运行 validator check {path}",
        "correct the file, then run validator check {path}",
    ),
    "org-warnings": (
        "org/ 还有 {count} 个数据问题(警告,或有人尚未提交的交接报告),不妨碍上线",
        "org/ has {count} data problem(s) (warnings, or a handover someone still owes), "
        "not a setup problem",
        "运行 validator check org/ 查看",
        "run validator check org/ to see them",
    ),
    "roster-empty": (
        "org/staff.yaml 没有任何人员:所有报告都会是 unknown-staff",
        "org/staff.yaml lists nobody: every report would be unknown-staff",
        "按 docs/formats/org.md 填写名单(至少一名 reviewer)",
        "fill in the roster as docs/formats/org.md shows (with at least one reviewer)",
    ),
    "no-reviewer": (
        "名单中没有 role: reviewer 的人员:没有人能审核和合并报告",
        "the roster has no member with role: reviewer: nobody can review and merge",
        "给至少一名审核人写上 role: reviewer",
        "give at least one member role: reviewer",
    ),
    "policy-defaults": (
        "没有 org/policy.yaml:使用默认的截止时间与时区(Asia/Shanghai)",
        "no org/policy.yaml: the default deadlines and time zone (Asia/Shanghai) apply",
        "如需本组织的设置,按 docs/formats/org.md 写 org/policy.yaml",
        "write org/policy.yaml (docs/formats/org.md) for this organisation's settings",
    ),
    "policy-window": (
        "org/policy.yaml 的 {key} 是 {value}:{problem}",
        "{key} in org/policy.yaml is {value}: {problem_en}",
        "改为 {suggestion}",
        "use {suggestion}",
    ),
    "notify-none": (
        "org/policy.yaml 没有配置通知渠道:digest 与 remind --send 不会发送任何消息",
        "no notification channel in org/policy.yaml: digest and remind --send send nothing",
        "需要时按 docs/formats/org.md#notify 在 notify: 中配置 email、wecom、dingtalk 或 feishu",
        "configure email, wecom, dingtalk or feishu under notify: when wanted",
    ),
    "notify-env-missing": (
        "通知渠道 {channel} 需要环境变量 {var},此处没有设置",
        "notification channel {channel} needs the environment variable {var}, not set here",
        "在 Git 托管平台的 secrets 中设置 {var},并在发送的工作流步骤 env: 中传入"
        "(本地试发时 export {var}=…);密码和 webhook 从不写进仓库",
        "set {var} as a secret of the Git host and pass it in the sending workflow step's env: "
        "(export {var}=… to try locally); never commit it",
    ),
    "notify-env-unused": (
        "通知渠道 {channel} 的 {var} 没有在任何工作流中传入:定时发送时会缺少它",
        "no workflow passes {var} of channel {channel}: a scheduled send would lack it",
        "在发送的工作流步骤中加入 env: {var}: ${{{{ secrets.{var} }}}}",
        "add env: {var}: ${{{{ secrets.{var} }}}} to the sending workflow step",
    ),
    "notify-not-sent": (
        "配置了通知渠道,但 {host} 的工作流中没有一个运行 validator remind --send 或 "
        "validator digest --send:提醒和周报汇总不会发出",
        "channels are configured but no {host} workflow runs validator remind --send or "
        "validator digest --send: no reminder or digest goes out",
        "从模板复制运行 validator remind --send 和 validator digest --send 的任务({where}),"
        "并按 docs/guide/review.md#notifications 设置密钥",
        "copy the jobs that run validator remind --send and validator digest --send from the "
        "template ({where}) and set the secrets as docs/guide/review.md#notifications says",
    ),
    "notify-no-password": (
        "邮件渠道设置了 smtp.user 却没有 password_env:登录会失败",
        "the email channel sets smtp.user but no password_env: the login will fail",
        "加上 password_env: VALIDATOR_SMTP_PASSWORD,并设置这个环境变量",
        "add password_env: VALIDATOR_SMTP_PASSWORD and set that variable",
    ),
    "notify-site-url": (
        "配置了通知渠道,但 notify.site_url 为空:消息中的链接无处可指",
        "channels are configured but notify.site_url is empty: messages cannot link the site",
        "在 notify: 中写 site_url: 站点的地址",
        "set site_url: under notify: to the site's address",
    ),
    "not-git": (
        "{root} 不是 git 仓库:报告的接收时间取自提交历史,无法判断是否迟交",
        "{root} is not a git repository: received times come from the history",
        "git init 并提交,或在仓库的检出目录中运行",
        "run git init and commit, or run in the repository's checkout",
    ),
    "git-refused": (
        "Git 无法打开此仓库:{said}",
        "git cannot open this repository: {said}",
        "CI 容器里的“dubious ownership”:git config --global --add safe.directory {root};"
        "否则检查 .git 是否完整",
        "for 'dubious ownership' in a CI container: git config --global --add safe.directory"
        " {root}; otherwise check that .git is intact",
    ),
    "no-commits": (
        "仓库还没有任何提交:所有报告都按此刻接收",
        "the repository has no commit yet: every report counts as received now",
        "提交 org/ 与 submissions/",
        "commit org/ and submissions/",
    ),
    "shallow": (
        "这是浅克隆:缺少早期提交时接收时间会算晚",
        "this is a shallow clone: without the early commits received times come out late",
        "git fetch --unshallow;工作流中 actions/checkout 用 fetch-depth: 0",
        "git fetch --unshallow; in workflows give actions/checkout fetch-depth: 0",
    ),
    "cache-blocked": (
        "{path} 无法写入:历史缓存不可用,每次检查都要重读全部提交",
        "{path} cannot be written: the history cache is unusable, every check rereads history",
        "删除 {path}(它会重建),或让运行者对 .git/ 有写权限",
        "delete {path} (it is rebuilt) or make .git/ writable for the runner",
    ),
    "cache-damaged": (
        "历史缓存 {path} 已损坏或版本不符,会被忽略",
        "the history cache {path} is damaged or of another version and is ignored",
        "删除该文件,下次 validator check 会重建",
        "delete the file; the next validator check rebuilds it",
    ),
    "site-missing": (
        "有 CI 配置但没有 mkdocs.yml:发布工作流无法构建站点",
        "CI is configured but there is no mkdocs.yml: the publish workflow cannot build",
        "从模板复制 mkdocs.yml 与 docs/",
        "copy mkdocs.yml and docs/ from the template",
    ),
    "site-unreadable": (
        "mkdocs.yml 不是可读的 YAML:{detail}",
        "mkdocs.yml is not readable YAML: {detail}",
        "改正 mkdocs.yml 的语法",
        "fix the syntax of mkdocs.yml",
    ),
    "site-setting": (
        "mkdocs.yml 的 extra.{key} {problem}",
        "extra.{key} in mkdocs.yml {problem_en}",
        "在 mkdocs.yml 的 extra: 中写 {key}: {example}(见 docs/guide/adopt.md)",
        "set {key}: {example} under extra: in mkdocs.yml (docs/guide/adopt.md)",
    ),
    "schemas-stale": (
        "{path} 中的 {names} 不是按 org/policy.yaml 和 org/handbook.yaml 生成的:"
        "编辑器的提示会写错截止时间,或引用本组织没有的条款",
        "{names} in {path} were not made from org/policy.yaml and org/handbook.yaml: editors "
        "would show wrong deadlines or cite articles this organisation does not have",
        "运行 validator schema 并提交 {path}",
        "run validator schema and commit {path}",
    ),
    "site-font": (
        "mkdocs.yml 的 theme.font 不是 false:主题会从 Google Fonts 加载字体",
        "theme.font in mkdocs.yml is not false: the theme would load Google Fonts",
        "写 theme: font: false",
        "set theme: font: false",
    ),
    "public-personal": (
        "公开页面 {page} 含有名单中 {member} 的{what}",
        "the public page {page} shows the {what_en} of {member} from the roster",
        "公开页面只能有计数和比率:改正 validator/site/pages 中生成该页面的代码,"
        "公开站点在修好之前不要发布",
        "public pages may only show counts and rates: fix the page family in "
        "validator/site/pages and do not publish the public site until then",
    ),
    "public-unrendered": (
        "公开页面无法生成:{detail}",
        "the public pages cannot be rendered: {detail}",
        "运行 validator pages --audience public 查看错误",
        "run validator pages --audience public to see the error",
    ),
    "squash-allowed": (
        "{path} 允许 squash 合并:squash 会改写提交日期,报告会显得迟交",
        "{path} allows squash merging: a squash rewrites commit dates, reports look late",
        "在 {path} 中写 allow_squash_merge: false(或在仓库设置中取消 Allow squash merging)",
        "set allow_squash_merge: false in {path} (or untick Allow squash merging)",
    ),
    "squash-unknown": (
        "{host} 是否允许 squash 合并在此无法读取(它是平台上的设置,不在仓库里)",
        "whether {host} allows squash merging cannot be read here (a host setting)",
        "在平台的仓库设置中只允许合并提交或变基合并(docs/guide/review.md)",
        "allow only merge commits or rebase merging in the host's settings (docs/guide/review.md)",
    ),
    "squash-suspected": (
        "{path} 在主分支上唯一的提交 {commit} 是 {author} 的单亲提交,日期 {date} 晚于截止时间:"
        "很可能是 squash 合并改写了 {staff} 的提交日期",
        "the only commit of {path} on main, {commit}, is a single-parent commit by {author} "
        "dated {date}, after the deadline: most likely a squash merge rewrote {staff}'s dates",
        "今后用合并提交或变基合并;这份报告的实际提交时间请从拉取请求中核对",
        "merge with merge commits or rebase from now on; check this report's real commit "
        "time in its pull request",
    ),
}


@dataclass(frozen=True)
class Finding:
    """One problem (or, as a note, one thing that could not be checked) with its fix."""

    check: str
    severity: str
    path: str
    key: str
    args: tuple[tuple[str, str], ...] = ()
    line: int | None = None

    def message(self, lang: str = "zh") -> str:
        return self._text(0 if lang != "en" else 1)

    def fix(self, lang: str = "zh") -> str:
        return self._text(2 if lang != "en" else 3)

    def _text(self, index: int) -> str:
        return TEXTS[self.key][index].format(**dict(self.args))


def _finding(
    check: str, severity: str, where: str, text_id: str, /, *, line: int | None = None,
    **args: object,
) -> Finding:  # fmt: skip
    return Finding(
        check, severity, where, text_id, tuple((k, str(v)) for k, v in args.items()), line
    )


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


#: renders the public status pages in memory: page path -> text (or bytes for charts)
PageRenderer = Callable[[Path, dt.datetime], Mapping[str, str | bytes]]


@dataclass
class Facts:
    """What the checks read, gathered once."""

    root: Path
    now: dt.datetime
    org: Org
    site: dict[str, Any] | None  # mkdocs.yml, None when absent
    site_error: str | None
    host: str
    workflows: dict[str, str]  # repo-relative path -> text, every CI file present
    env: Mapping[str, str]
    git: tuple[Path, str | None] | None  # git directory and HEAD (`repository`); None: no git
    refused: str | None  # what git said when it would not open the repository

    @property
    def data_only(self) -> bool:
        return self.site is None and self.site_error is None and not self.workflows

    @property
    def extra(self) -> dict[str, Any]:
        extra = (self.site or {}).get("extra")
        return extra if isinstance(extra, dict) else {}


def diagnose(
    root: Path,
    now: dt.datetime,
    *,
    render_public: PageRenderer | None = None,
    env: Mapping[str, str] | None = None,
) -> Report:
    """Run every check on the repository at `root`."""
    facts = gather(root, now, os.environ if env is None else env)
    report = Report()
    for run in CHECKS:
        report.findings.extend(run(facts))
    if render_public is not None:
        report.findings.extend(public_pages(facts, render_public))
    return report


def gather(root: Path, now: dt.datetime, env: Mapping[str, str]) -> Facts:
    if not root.is_dir():
        raise ValidatorError(f"{root} is not a directory")
    site, site_error = _read_site(root)
    extra = (site or {}).get("extra") if isinstance(site, dict) else None
    workflows = _read_workflows(root)
    host = _host(extra if isinstance(extra, dict) else {}, workflows)
    org = load_org(root, [])
    try:
        found, refused = repository(root), None
    except RefusedRepository as exc:
        found, refused = None, exc.said
    return Facts(root, now, org, site, site_error, host, workflows, env, found, refused)


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may carry `!!python/name:` and `!ENV` tags: read them as plain values."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _read_site(root: Path) -> tuple[dict[str, Any] | None, str | None]:
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None, None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Tolerant)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, str(exc).splitlines()[0]
    return (data if isinstance(data, dict) else {}), None


def _read_workflows(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    folders = {d for dirs in WORKFLOW_DIRS.values() for d in dirs}
    for folder in sorted(folders):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.iterdir()):
                if path.suffix in (".yml", ".yaml") and path.is_file():
                    found[f"{folder}/{path.name}"] = _text(path)
    if (root / GITLAB_CI).is_file():
        found[GITLAB_CI] = _text(root / GITLAB_CI)
    return found


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _host(extra: Mapping[str, Any], workflows: Mapping[str, str]) -> str:
    """extra.git_kind of mkdocs.yml, else the host whose CI folder exists, else GitHub."""
    kind = str(extra.get("git_kind") or "").strip().lower()
    if kind:
        return kind
    for host, prefix in (("gitlab", GITLAB_CI), ("forgejo", ".forgejo/"), ("gitea", ".gitea/")):
        if any(p.startswith(prefix) for p in workflows):
            return host
    return "github"


def _host_files(facts: Facts, host: str) -> dict[str, str]:
    if host == "gitlab":
        return {p: t for p, t in facts.workflows.items() if p == GITLAB_CI}
    dirs = WORKFLOW_DIRS.get(host, ())
    for folder in dirs:  # the first folder that holds workflows is the one the host reads
        files = {p: t for p, t in facts.workflows.items() if p.startswith(folder + "/")}
        if files:
            return files
    return {}


def workflows(facts: Facts) -> Iterator[Finding]:
    """The configured host's CI validates, publishes and reminds; every action is pinned."""
    if facts.data_only:
        folder = "/".join(WORKFLOW_DIRS.get(facts.host, (GITLAB_CI,))[0].split("/")[:2])
        yield _finding("workflows", NOTE, "", "data-only", dir=folder)
        return
    if facts.host in HOSTS:
        files = _host_files(facts, facts.host)
        mine = [_uncommented(t) for t in files.values()]
        # the folder the host reads: the one holding its files, else the first it would read
        first = next(iter(files), "") if facts.host != "gitlab" else ""
        folder = first.rpartition("/")[0] or WORKFLOW_DIRS.get(facts.host, (GITLAB_CI,))[0]
        for role, (patterns, severity) in ROLES.items():
            if not any(all(p.search(text) for p in patterns) for text in mine):
                key = "workflow-role-missing" + ("-gitlab" if facts.host == "gitlab" else "")
                yield _finding(
                    "workflows", severity, folder, key, host=facts.host,
                    command=_COMMANDS[role], purpose=role, dir=folder, file=f"{role}.yml",
                )  # fmt: skip
    for path, text in facts.workflows.items():
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            yield _finding(
                "workflows", ERROR, path, "workflow-unreadable", path=path,
                detail=str(exc).splitlines()[0],
            )  # fmt: skip
            continue
        if path == GITLAB_CI:
            yield from _gitlab_includes(path, data)
        else:
            yield from _unpinned(path, text)


def _uncommented(text: str) -> str:
    """The file without its comment lines: a comment naming a command does not run it."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _unpinned(path: str, text: str) -> Iterator[Finding]:
    for number, line in enumerate(text.splitlines(), 1):
        match = _USES.match(line)
        if not match:
            continue
        ref, tag = match[1], match[2] or "vX.Y.Z"
        if ref.startswith("./"):
            continue  # an action of this repository, pinned by the commit itself
        name, _, version = ref.partition("@")
        if ref.startswith("docker://"):
            if "@sha256:" in ref:
                continue
        elif _SHA.match(version):
            continue
        yield _finding(
            "workflows", ERROR, path, "action-unpinned", line=number, ref=ref, name=name,
            tag=version or tag,
        )  # fmt: skip


def _gitlab_includes(path: str, data: Any) -> Iterator[Finding]:
    includes = data.get("include") if isinstance(data, dict) else None
    items = includes if isinstance(includes, list) else [includes] if includes else []
    for item in items:
        if not isinstance(item, dict):
            continue  # a bare string is a local file (or a URL, caught below as remote)
        if "remote" in item:
            yield _finding(
                "workflows", ERROR, path, "gitlab-include-unpinned", what=f"remote {item['remote']}"
            )
        elif "project" in item and not _SHA.match(str(item.get("ref") or "")):
            yield _finding(
                "workflows", ERROR, path, "gitlab-include-unpinned",
                what=f"project {item['project']} ref {item.get('ref') or '(default branch)'}",
            )  # fmt: skip
        elif "component" in item and not _SHA.match(str(item["component"]).rpartition("@")[2]):
            yield _finding(
                "workflows", ERROR, path, "gitlab-include-unpinned",
                what=f"component {item['component']}",
            )  # fmt: skip


def codeowners(facts: Facts) -> Iterator[Finding]:
    """The host's CODEOWNERS file is exactly what `validator codeowners --host` prints."""
    host = facts.host if facts.host in RENDERERS else "github"
    org = facts.org
    if not org.roster_known or not org.roster.staff or "org/staff.yaml" in org.broken:
        return
    rel = HOST_PATHS[host]
    path = facts.root / rel
    if not path.is_file():
        if not facts.data_only or (facts.root / rel.split("/")[0]).is_dir():
            yield _finding("codeowners", ERROR, rel, "codeowners-missing", path=rel, host=host)
        return
    committed = _text(path).replace("\r\n", "\n")
    if committed != RENDERERS[host](org.roster):
        yield _finding("codeowners", ERROR, rel, "codeowners-stale", path=rel, host=host)


#: rules on org/ that report what a person still owes (a handover), not how the repository is set up
OWED_BY_STAFF = frozenset({"handover-missing"})


def org_files(facts: Facts) -> Iterator[Finding]:
    """Every org/ file passes `validator check` (routing, postings and approvals included)."""
    paths = list_files(facts.root, ("org",))
    roster = facts.org.roster
    if "org/staff.yaml" not in paths or (facts.org.roster_known and not roster.staff):
        yield _finding("org", WARNING, "org/staff.yaml", "roster-empty")
    elif facts.org.roster_known and not any(m.role == "reviewer" for m in roster.staff):
        yield _finding("org", ERROR, "org/staff.yaml", "no-reviewer")
    if not paths:
        return
    # the whole check, since some org/ findings need the reports (a posting's handover)
    if facts.refused is not None:
        return  # `history` names it: the check needs the history git will not give
    result = check(facts.root, None, facts.now, use_cache=False)
    warnings = 0
    for d in result.diagnostics:
        if not d.path.startswith("org/") or d.rule.startswith("codeowners"):
            continue  # the codeowners check above knows the host
        if not d.is_error or d.rule in OWED_BY_STAFF:
            warnings += 1  # what someone still owes is news for the status pages, not a setup fault
            continue
        where = d.path if d.line is None else f"{d.path}:{d.line}"
        args = (("where", where), ("rule", d.rule), ("message", d.message("zh")), ("path", d.path))
        yield _OrgError("org", ERROR, d.path, "org-error", args, d.line, d.message("en"))
    if warnings:
        yield _finding("org", NOTE, "org/", "org-warnings", count=warnings)


@dataclass(frozen=True)
class _OrgError(Finding):
    """An org/ diagnostic: its message comes from the check's own catalog, in either language."""

    en: str = ""

    def _text(self, index: int) -> str:
        if index == 1:
            return TEXTS[self.key][1].format(**{**dict(self.args), "message": self.en})
        return super()._text(index)


def policy(facts: Facts) -> Iterator[Finding]:
    """Settings that parse but cannot be meant: windows that are empty or inverted."""
    path = "org/policy.yaml"
    if not (facts.root / path).is_file():
        if not facts.data_only:
            yield _finding("policy", NOTE, path, "policy-defaults")
        return
    if path in facts.org.broken:
        return  # its schema errors are org findings
    pol = facts.org.policy
    within = parse_duration(pol.reports.incidents.due_within)
    if within <= dt.timedelta(0):
        yield _window("reports.incidents.due_within", pol.reports.incidents.due_within,
                      "突发事件一发生就已迟交", "every incident is late the moment it happens",
                      "24h")  # fmt: skip
    if pol.skew > dt.timedelta(days=1):
        yield _window("clock_skew", pol.clock_skew, "倒签检查几乎不起作用",
                      "the backdating guard barely works", "30m", WARNING)  # fmt: skip
    rotation = pol.rotation
    if rotation.protected_months >= rotation.due_months:
        yield _window("rotation.protected_months", rotation.protected_months,
                      f"不小于 due_months({rotation.due_months}),没有人会到期轮换",
                      f"not below due_months ({rotation.due_months}): nobody is ever due",
                      f"小于 {rotation.due_months} 的月数")  # fmt: skip
    if not rotation.rounds:
        yield _window("rotation.rounds", "[]", "没有轮换日期", "there is no rotation round",
                      '["01-01", "07-01"]', WARNING)  # fmt: skip


def _window(
    key: str, value: object, problem: str, problem_en: str, suggestion: str, sev: str = ERROR
) -> Finding:
    return _finding(
        "policy", sev, "org/policy.yaml", "policy-window", key=key, value=value,
        problem=problem, problem_en=problem_en, suggestion=suggestion,
    )  # fmt: skip


def channels(facts: Facts) -> Iterator[Finding]:
    """Each configured channel has its environment variables set (their values never read)."""
    if "org/policy.yaml" in facts.org.broken:
        return
    notify = facts.org.policy.notify
    needed: list[tuple[str, str]] = []
    if notify.email is not None:
        smtp = notify.email.smtp
        if smtp.password_env:
            needed.append(("email", smtp.password_env))
        elif smtp.user:
            yield _finding("notify", WARNING, "org/policy.yaml", "notify-no-password")
    for name in ("wecom", "dingtalk", "feishu"):
        robot = getattr(notify, name)
        if robot is not None:
            needed.append((name, robot.webhook_env))
            secret = getattr(robot, "secret_env", None)
            if secret:
                needed.append((name, secret))
    configured = any(getattr(notify, n) is not None for n in ("email", "wecom", "dingtalk"))
    configured = configured or notify.feishu is not None
    if not configured:
        if not facts.data_only:
            yield _finding("notify", NOTE, "org/policy.yaml", "notify-none")
        return
    if not notify.site_url:
        yield _finding("notify", WARNING, "org/policy.yaml", "notify-site-url")
    # only the files the host runs: another host's workflows passing a secret send nothing here
    mine = _host_files(facts, facts.host) if facts.host in HOSTS else facts.workflows
    scripts = "\n".join(_uncommented(text) for text in mine.values())
    if facts.workflows and not _SENDS.search(scripts):
        where = _SENDING.get(facts.host, _SENDING["github"])
        yield _finding("notify", WARNING, "org/policy.yaml", "notify-not-sent",
                       host=facts.host, where=where)  # fmt: skip
    for channel, var in needed:
        if not facts.env.get(var):
            yield _finding(
                "notify", WARNING, "org/policy.yaml", "notify-env-missing", channel=channel, var=var
            )
        # GitLab hands every CI/CD variable to every job: .gitlab-ci.yml need not name it
        unnamed = not re.search(rf"\b{re.escape(var)}\b", scripts)
        if facts.workflows and facts.host != "gitlab" and unnamed:
            yield _finding(
                "notify", WARNING, "org/policy.yaml", "notify-env-unused", channel=channel, var=var
            )


def history(facts: Facts) -> Iterator[Finding]:
    """The history can be read in full and its cache in .git/validator/ can be written."""
    found = facts.git
    if facts.refused is not None:
        yield _finding("history", ERROR, "", "git-refused", said=facts.refused, root=facts.root)
        return
    if found is None:
        yield _finding("history", ERROR, "", "not-git", root=facts.root)
        return
    git_dir, head = found
    if head is None:
        yield _finding("history", WARNING, "", "no-commits")
        return
    try:
        shallow = git(facts.root, "rev-parse", "--is-shallow-repository").strip() == "true"
    except ValidatorError:
        shallow = False
    if shallow:
        yield _finding("history", ERROR, "", "shallow")
    folder = git_dir / "validator"
    rel = ".git/validator"
    if folder.exists() and (not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK)):
        yield _finding("history", WARNING, rel, "cache-blocked", path=rel)
        return
    if not folder.exists() and not os.access(git_dir, os.W_OK | os.X_OK):
        yield _finding("history", WARNING, ".git", "cache-blocked", path=".git")
        return
    for cached in sorted(folder.glob("received-*.json")) if folder.is_dir() else []:
        if not _cache_ok(cached):
            name = f"{rel}/{cached.name}"
            yield _finding("history", WARNING, name, "cache-damaged", path=name)


def _cache_ok(path: Path) -> bool:
    try:
        with open_cache(path) as handle:  # a named pipe would hold the doctor up for ever
            stored = json.loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return (
        isinstance(stored, dict)
        and stored.get("version") == history_cache.VERSION
        and isinstance(stored.get("received"), dict)
    )


def site(facts: Facts) -> Iterator[Finding]:
    """mkdocs.yml names the Git host completely and loads no web fonts."""
    if facts.site_error is not None:
        yield _finding("site", ERROR, "mkdocs.yml", "site-unreadable", detail=facts.site_error)
        return
    if facts.site is None:
        if facts.workflows:
            yield _finding("site", ERROR, "mkdocs.yml", "site-missing")
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
        yield _finding("site", ERROR, "mkdocs.yml", "site-font")


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
        and _text(folder / f"{name}.schema.json").replace("\r\n", "\n") != render(schema)
    ]
    if stale:
        names = "、".join(stale)
        yield _finding("site", WARNING, SCHEMA_DIR, "schemas-stale", path=SCHEMA_DIR, names=names)


def _setting(key: str, problem: str, problem_en: str, example: str, sev: str = ERROR) -> Finding:
    return _finding(
        "site", sev, "mkdocs.yml", "site-setting", key=key, problem=problem,
        problem_en=problem_en, example=example,
    )  # fmt: skip


def public_pages(facts: Facts, render: PageRenderer) -> Iterator[Finding]:
    """The public status pages name nobody: no staff name, e-mail address or login."""
    try:
        pages = render(facts.root, facts.now)
    except ValidatorError as exc:
        yield _finding("privacy", ERROR, "docs/status/", "public-unrendered", detail=exc)
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
                yield _finding(
                    "privacy", ERROR, f"status/{page}", "public-personal", page=f"status/{page}",
                    member=member.id, what=what, what_en=what_en,
                )  # fmt: skip


def squash(facts: Facts) -> Iterator[Finding]:
    """Squash merges rewrite commit dates (docs/guide/submit.md#received): the setting where it can
    be read offline, and the trace one leaves in the history."""
    if facts.host == "github" and not facts.data_only:
        settings = facts.root / ".github" / "settings.yml"
        if settings.is_file():
            try:
                data = yaml.safe_load(_text(settings)) or {}
            except yaml.YAMLError:
                data = {}
            repo = data.get("repository") if isinstance(data, dict) else None
            allowed = repo.get("allow_squash_merge", True) if isinstance(repo, dict) else True
            if allowed is not False:
                rel = ".github/settings.yml"
                yield _finding("squash", WARNING, rel, "squash-allowed", path=rel)
        else:
            yield _finding("squash", NOTE, "", "squash-unknown", host="GitHub")
    elif not facts.data_only:
        yield _finding("squash", NOTE, "", "squash-unknown", host=facts.host)
    yield from squashed_reports(facts)


def squashed_reports(facts: Facts) -> Iterator[Finding]:
    """A report whose only commit is someone else's single-parent commit dated after the
    deadline: the trace a squash merge by a reviewer leaves."""
    if facts.git is None or facts.git[1] is None:
        return
    reports, _ = classify_all(list_files(facts.root, ("submissions",)))
    by_path = {rf.path: rf for rf in reports}
    if not by_path:
        return
    try:
        out = git(
            facts.root, "log", "-z", "--format=%x00%H %P%x00<%ae%x00<%an%x00%aI", "--name-only",
            "--no-renames", "HEAD", "--", "submissions/",
        )  # fmt: skip
    except ValidatorError:
        return
    commits: dict[str, list[tuple[str, int, str, str, str]]] = {}
    # split where only a commit boundary can be (`log_commits`): any byte but NUL may be in a
    # name or a path, and '<' before the e-mail and the name keeps an empty one from looking
    # like a boundary
    for record in log_commits(out):
        ids, email, name, date, *names = record.split("\x00")
        email, name = email[1:], name[1:]
        sha, *parent_ids = ids.split()
        for rel in names:
            rel = rel.lstrip("\n")  # the first path follows the header's line break
            if rel in by_path:
                commits.setdefault(rel, []).append((sha, len(parent_ids), email, name, date))
    people = facts.org.staff
    reviewers = {
        m.email.lower() for m in facts.org.roster.staff if m.role == "reviewer" and m.email
    }
    for rel, touched in sorted(commits.items()):
        if len(touched) != 1:
            continue
        commit, parents, email, name, date = touched[0]
        rf = by_path[rel]
        member = people.get(rf.staff_id)
        if parents != 1 or member is None or email.lower() == (member.email or "").lower():
            continue
        if reviewers and email.lower() not in reviewers:
            continue
        try:
            deadline = due(rf.period, facts.org.policy)
        except (ValueError, TypeError, AttributeError, KeyError):
            continue  # a kind whose deadline needs the report's content (incidents)
        if dt.datetime.fromisoformat(date) >= deadline:
            yield _finding(
                "squash", WARNING, rel, "squash-suspected", path=rel, commit=commit[:10],
                author=f"{name} <{email}>", date=date, staff=member.id,
            )  # fmt: skip


CHECKS: tuple[Callable[[Facts], Iterator[Finding]], ...] = (
    workflows,
    codeowners,
    org_files,
    policy,
    channels,
    history,
    site,
    schemas,
    squash,
)
