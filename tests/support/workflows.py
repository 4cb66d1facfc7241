"""Run a workflow step here the way the runner would: its `env:` expressions evaluated against an
event payload, its `run:` script in bash. Tests take the command from the workflow file itself,
so the tested command cannot drift from the one CI runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support import ROOT as ROOT  # re-exported: tests import ROOT from here

WORKFLOWS = ROOT / ".github" / "workflows"
GITEA_WORKFLOWS = ROOT / ".gitea" / "workflows"
GITLAB_CI = ROOT / ".gitlab-ci.yml"
INSTALLED = "/opt/validator/bin/"  # where the Gitea and GitLab jobs install the validator
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_TOKEN = re.compile(r"\s*(?:(&&|\|\||==|!=|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*))")


def load_workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def gitea_step(name: str, job: str, step_name: str) -> dict[str, Any]:
    """A step of a .gitea/workflows file by its name, the validator it runs taken from this
    environment instead of the job's /opt/validator."""
    data = yaml.safe_load((GITEA_WORKFLOWS / name).read_text(encoding="utf-8"))
    found = next(s for s in data["jobs"][job]["steps"] if s.get("name") == step_name)
    return {**found, "run": here(found["run"])}


def gitlab_script(job: str, index: int) -> str:
    """One `script:` item of a .gitlab-ci.yml job, with the validator of this environment."""
    data = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    return here(str(data[job]["script"][index]))


def here(script: str) -> str:
    return script.replace(INSTALLED, f"{Path(sys.executable).parent}/")


def run_script(script: str, cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """A GitLab `script:` item in bash with only `env` (and PATH, HOME) set."""
    base = {k: os.environ[k] for k in ("PATH", "HOME") if k in os.environ}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def step(workflow: dict[Any, Any], job: str, step_id: str) -> dict[str, Any]:
    for candidate in workflow["jobs"][job]["steps"]:
        if candidate.get("id") == step_id:
            return dict(candidate)
    raise KeyError(step_id)


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """The subset of the Actions expression language the workflows use: context paths, string
    literals, `==`, `!=`, `&&`, `||` and parentheses (with the language's value semantics)."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(expression):
        match = _TOKEN.match(expression, pos)
        if not match or match.end() == pos:
            raise ValueError(f"unsupported expression: {expression!r}")
        op, literal, name = match.groups()
        if op:
            tokens.append(("op", op))
        elif literal is not None:
            tokens.append(("str", literal.replace("''", "'")))
        elif name:
            tokens.append(("name", name))
        pos = match.end()
        if not expression[pos:].strip():
            break

    def lookup(name: str) -> Any:
        value: Any = context
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def parse_or(i: int) -> tuple[Any, int]:
        left, i = parse_and(i)
        while i < len(tokens) and tokens[i] == ("op", "||"):
            right, i = parse_and(i + 1)
            left = left or right
        return left, i

    def parse_and(i: int) -> tuple[Any, int]:
        left, i = parse_eq(i)
        while i < len(tokens) and tokens[i] == ("op", "&&"):
            right, i = parse_eq(i + 1)
            left = left and right
        return left, i

    def parse_eq(i: int) -> tuple[Any, int]:
        left, i = parse_atom(i)
        while i < len(tokens) and tokens[i] in (("op", "=="), ("op", "!=")):
            op = tokens[i][1]
            right, i = parse_atom(i + 1)
            left = (left == right) if op == "==" else (left != right)
        return left, i

    def parse_atom(i: int) -> tuple[Any, int]:
        kind, text = tokens[i]
        if (kind, text) == ("op", "("):
            value, i = parse_or(i + 1)
            assert tokens[i] == ("op", ")")
            return value, i + 1
        if kind == "str":
            return text, i + 1
        if kind == "name":
            return lookup(text), i + 1
        raise ValueError(f"unexpected {text!r} in {expression!r}")

    value, end = parse_or(0)
    if end != len(tokens):
        raise ValueError(f"trailing tokens in {expression!r}")
    return value


def substitute(text: str, context: dict[str, Any]) -> str:
    def one(match: re.Match[str]) -> str:
        value = evaluate(match[1], context)
        return "" if value is None else str(value)

    return _EXPR.sub(one, text)


def pull_request_context(payload: dict[str, Any]) -> dict[str, Any]:
    """The `github` context of a pull_request event, as far as the workflows read it."""
    return {
        "github": {
            "event": payload,
            "event_name": "pull_request",
            "base_ref": payload["pull_request"]["base"]["ref"],
            "head_ref": payload["pull_request"]["head"]["ref"],
            "repository": payload["repository"]["full_name"],
        }
    }


def run_step(
    workflow_step: dict[str, Any],
    cwd: Path,
    context: dict[str, Any],
    tmp: Path,
    extra_env: dict[str, str] | None = None,
) -> tuple[int, str, str, str]:
    """Run one `run:` step like the runner (bash -e -o pipefail); the `run:` text must hold no
    `${{ }}` (values reach scripts through env). Returns rc, stdout, stderr, step summary."""
    script = workflow_step["run"]
    assert "${{" not in script, "expressions must reach the script through env:"
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(context["github"]["event"]), encoding="utf-8")
    summary = tmp / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VALIDATOR_"))}
    env.update(
        {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GITHUB_EVENT_NAME": context["github"]["event_name"],
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_WORKSPACE": str(cwd),
        }
    )
    for key, value in (workflow_step.get("env") or {}).items():
        env[key] = substitute(str(value), context)
    env.update(extra_env or {})
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr, summary.read_text(encoding="utf-8")
