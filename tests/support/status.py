"""Small hand-built organisations for the status and pages tests (real git, chosen dates)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tests.support import site as site_support
from tests.support.gitrepo import GitRepo
from tests.support.roster import member, staff_yaml


def posted_roster(*members: tuple[str, str, str, str | None], reviewer: str | None = None) -> str:
    """`members` are (id, name, posted_from, posted_to) with one guangzhou posting each."""
    entries = [
        member(staff_id, name, "account_manager", f"gh-{staff_id}", email=f"{staff_id}@example.com",
               regions=("guangzhou",), since=start, until=end)
        for staff_id, name, start, end in members
    ]  # fmt: skip
    if reviewer:
        entries.append(
            member(reviewer, "审核人", "technician", f"gh-{reviewer}",
                   email=f"{reviewer}@example.com", role="reviewer")
        )  # fmt: skip
    return staff_yaml(*entries)


REGIONS = """regions:
  - {id: guangzhou, name: 广州, annual_sales: 235000, adjacent: [foshan]}
  - {id: foshan, name: 佛山, annual_sales: 80000, adjacent: [guangzhou]}
"""


def leave_yaml(entries: Iterable[tuple[str, str, str]]) -> str:
    lines = ["leave:"]
    lines += [f"  - {{staff: {s}, from: {a}, to: {b}, reason: 年假}}" for s, a, b in entries]
    return "\n".join(lines) + "\n"


def weekly_yaml(staff_id: str, week: str, day: str, summary: str = "本周走访授权站。") -> str:
    return (
        f"staff: {staff_id}\nweek: {week}\nsummary: {summary}\n"
        f"work:\n  - date: {day}\n    description: 检查维修工单\nplan:\n  - 跟进备件申请\n"
    )


def setup_org(repo: GitRepo, staff: str, leave: str | None = None) -> None:
    repo.write("org/staff.yaml", staff)
    repo.write("org/regions.yaml", REGIONS)
    if leave:
        repo.write("org/leave.yaml", leave)
    repo.commit("org", "2026-01-01T09:00:00+08:00")


def add_weekly(repo: GitRepo, staff_id: str, week: str, day: str, when: str) -> None:
    """Commit the weekly report of `staff_id` for `week` with author date `when`."""
    repo.write(f"submissions/{staff_id}/weekly/{week}.yaml", weekly_yaml(staff_id, week, day))
    repo.commit(f"{staff_id} {week}", when)


#: one payload per trick: HTML, event handlers, Markdown links/images, javascript: URLs, templates
PAYLOAD = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    "[x](javascript:window.__pwned=3)![](x onerror=window.__pwned=4)"
    "{{ 7*7 }}{% if 1 %}|**b**|`c`&amp;"
)


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def injection_repo(repo: GitRepo) -> None:
    """An organisation whose every free-text field, in org data and in each report kind, carries
    `PAYLOAD` (the roster has a well-known name too, for the privacy checks)."""
    p = q(PAYLOAD)
    repo.write("org/policy.yaml", f"organization: {q('单位' + PAYLOAD[:150])}\n")
    repo.write(
        "org/staff.yaml",
        "staff:\n"
        "  - id: evil-one\n"
        f"    name: {q('<b onmouseover=window.__pwned=5>恶</b>{{x}}')}\n"
        "    category: technician\n    email: evil@example.com\n    github: evil-one\n"
        "    postings:\n      - {regions: [guangzhou], from: 2026-01-01, to: null}\n"
        "  - id: chen-mei\n    name: 陈美华\n    category: technician\n"
        "    email: chen.meihua@example.com\n    github: chenmeihua\n"
        "    postings:\n      - {regions: [guangzhou], from: 2026-06-01, to: null}\n",
    )
    repo.write(
        "org/regions.yaml",
        f"regions:\n  - {{id: guangzhou, name: {q('广州<i onclick=x>')}, annual_sales: 235000}}\n",
    )
    repo.write(
        "org/leave.yaml",
        f"leave:\n  - {{staff: chen-mei, from: 2026-11-02, to: 2026-11-06, reason: {p}}}\n",
    )
    repo.write("org/scores/2026-10.yaml", "month: 2026-10\nscores: {evil-one: 55, chen-mei: 91}\n")
    repo.commit("org", "2026-01-01T09:00:00+08:00")
    repo.write(
        "submissions/evil-one/weekly/2026-W46.yaml",
        f"staff: evil-one\nweek: 2026-W46\nsummary: {p}\n"
        f"work:\n  - date: 2026-11-10\n    description: {p}\n    site: {p}\n"
        f"plan:\n  - {p}\nsales_info: {p}\nquality_issues: [{p}]\nsupport_needed: [{p}]\n"
        f"late_reason: {p}\n",
    )
    repo.write(
        "submissions/evil-one/monthly/2026-10.yaml",
        f"staff: evil-one\nmonth: 2026-10\nsummary: {p}\n"
        f"faulty_stock:\n  - {{region: guangzhou, units: 7, note: {p}}}\n"
        f"spare_units:\n  - {{serial: {p}, model: {p}, holder: {p},\n"
        "      loaned: 2026-10-02, due: 2026-10-20}\n"
        f"replacements:\n  - {{region: guangzhou, count: 3, note: {p}}}\n"
        f"issues: [{p}]\nplan: [{p}]\nlate_reason: {p}\n",
    )
    repo.write(
        "submissions/evil-one/expenses/2026-10.yaml",
        "staff: evil-one\nmonth: 2026-10\nitems:\n"
        f"  - {{date: 2026-10-09, category: transport, amount: 120.50, description: {p},\n"
        f"      receipt: {p}}}\n"
        f"  - {{date: 2026-10-10, category: other, amount: 30.00, description: {p},\n"
        "      personal: true}\n"
        f"note: {p}\nlate_reason: {p}\n",
    )
    repo.write(
        "submissions/evil-one/incidents/2026-11-03-media.yaml",
        "staff: evil-one\noccurred_at: 2026-11-03T09:30:00+08:00\n"
        f"title: {q(PAYLOAD[:190])}\nchannel: media\nparties: [{q(PAYLOAD[:190])}]\nsummary: {p}\n"
        f"updates:\n  - {{date: 2026-11-04, text: {p}}}\nstatus: open\nlate_reason: {p}\n",
    )
    # not a valid report: shown raw (keys too) and listed on the problems page
    repo.write(
        "submissions/evil-one/weekly/2026-W45.yaml",
        f"staff: evil-one\nweek: 2026-W45\n{q('<script>window.__pwned=6</script>')}: {p}\n",
    )
    # a file name is chosen by whoever adds it: shown on the problems page
    repo.write("submissions/evil-one/<img src=x onerror=window.__pwned=7>`.txt", "x")
    repo.commit("reports", "2026-11-16T09:00:00+08:00")


DEMO_NOW = "2026-11-27T10:00:00+08:00"
DEMO_SEED = "7"


def make_demo(dest: Path) -> Path:
    """The seeded demo organisation, through the public command (`validator demo`)."""
    from click.testing import CliRunner

    from validator.cli import cli

    result = CliRunner().invoke(cli, ["demo", str(dest), "--now", DEMO_NOW, "--seed", DEMO_SEED])
    assert result.exit_code == 0, result.output
    return dest


def build_demo_site(repo: Path | None, audience: str, work: Path) -> Path:
    """A real strict build of the site rendering `repo` for `audience` at the demo's "now"."""
    return site_support.build_site(work, repo=repo, audience=audience, now=DEMO_NOW)


def roster_words(repo: Path) -> set[str]:
    """Every personal identifier of the roster: names, ids, e-mail addresses, Git logins."""
    import yaml

    data = yaml.safe_load((repo / "org/staff.yaml").read_text("utf-8"))
    words: set[str] = set()
    for entry in data["staff"]:
        words |= {entry["name"], entry["id"], entry["email"], entry["github"]}
    return words
