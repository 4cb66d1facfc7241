"""The demo's `org/` files (docs/formats/org.md), written as YAML text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

from validator.core.yamltext import flow, scalar
from validator.demo.roster import Roster
from validator.models.org import StaffRoster
from validator.repo import codeowners

POLICY = """\
# 组织设置(示例):截止时间均为 timezone 所在时区的本地时间
organization: 示例通信有限公司客户服务部
timezone: Asia/Shanghai
clock_skew: 30m
{start}reports:
  weekly: {due: {weekday: monday, time: "13:00"}}
  monthly: {due: {day: 5, time: "18:00"}}
  expenses: {due: {day: 10, time: "00:00"}}
  incidents: {due_within: 24h}
rotation: {protected_months: 6, due_months: 12, rounds: ["01-01", "07-01"]}
performance: {threshold: 60}
# validator digest / remind --send 的发送渠道;密码和 webhook 只从环境变量读取
notify:
  site_url: http://127.0.0.1:8000
  # email:
  #   smtp: {host: smtp.example.com, port: 465, security: ssl, user: reports@example.com,
  #          password_env: VALIDATOR_SMTP_PASSWORD}
  #   from: "外派报告 <reports@example.com>"
"""

README = """\
# 示例组织

这是 `validator demo` 生成的虚构组织:`org/` 为审核人维护的基础数据,
`submissions/<工号>/<类别>/<期间>.yaml` 为外派人员提交的报告。人名、区域数据均为虚构。
"""


@dataclass(frozen=True)
class Approval:
    id: str
    staff: str
    kind: str
    start: dt.date
    end: dt.date
    purpose: str
    approved_by: str
    reviewed_by: str  # SEC 七: 部门领导预审, then 公司批准
    reviewed_on: dt.date
    approved_on: dt.date


def staff_yaml(roster: Roster) -> str:
    lines = ["staff:"]
    for m in roster.staff:
        lines += [
            f"  - id: {m.id}",
            f"    name: {scalar(m.name)}",
            f"    category: {m.category}",
            f"    email: {m.email}",
            f"    github: {m.github}",
            f"    role: {m.role}",
        ]
        if m.channel_engineer:
            lines.append(f"    channel_engineer: {m.channel_engineer}")
        if m.channel_manager:
            lines.append(f"    channel_manager: {m.channel_manager}")
        if not m.postings:
            lines.append("    postings: []")
            continue
        lines.append("    postings:")
        for p in m.postings:
            end = p.end.isoformat() if p.end else "null"
            lines.append(
                f"      - {{regions: {flow(list(p.regions))}, from: {p.start}, to: {end}}}"
            )
    return "\n".join(lines) + "\n"


def regions_yaml(roster: Roster) -> str:
    lines = ["regions:"]
    for r in roster.regions:
        lines += [
            f"  - id: {r.id}",
            f"    name: {scalar(r.name)}",
            f"    annual_sales: {r.annual_sales}",
            f"    high_failure_models: {str(r.high_failure_models).lower()}",
            f"    one_stop: {str(r.one_stop).lower()}",
            f"    adjacent: {flow(list(r.adjacent))}",
        ]
    return "\n".join(lines) + "\n"


def leave_yaml(roster: Roster) -> str:
    if not roster.leave:
        return "leave: []\n"
    lines = ["leave:"]
    for e in roster.leave:
        lines.append(
            f"  - {{staff: {e.staff}, from: {e.start}, to: {e.end}, reason: {scalar(e.reason)}}}"
        )
    return "\n".join(lines) + "\n"


def approvals_yaml(approvals: Sequence[Approval]) -> str:
    """One flow mapping per approval: compact, since a large demo has a thousand of them."""
    if not approvals:
        return "approvals: []\n"
    lines = ["approvals:"]
    for a in approvals:
        lines.append(
            f"  - {{id: {a.id}, staff: {a.staff}, kind: {a.kind}, from: {a.start}, to: {a.end}, "
            f"purpose: {scalar(a.purpose)}, reviewed_by: {scalar(a.reviewed_by)}, "
            f"reviewed_on: {a.reviewed_on}, approved_by: {scalar(a.approved_by)}, "
            f"approved_on: {a.approved_on}}}"
        )
    return "\n".join(lines) + "\n"


def scores_yaml(month: dt.date, scores: Mapping[str, int]) -> str:
    if not scores:
        return f'month: "{month:%Y-%m}"\nscores: {{}}\n'
    lines = [f'month: "{month:%Y-%m}"', "scores:"]
    lines += [f"  {staff}: {score}" for staff, score in scores.items()]
    return "\n".join(lines) + "\n"


def org_files(
    roster: Roster, approvals: Sequence[Approval], start: dt.date | None = None
) -> dict[str, str]:
    """Everything the reviewers keep in org/ (scores come later, month by month), and the
    CODEOWNERS file generated from the roster; `start`, if given, is the policy's go-live date."""
    staff = staff_yaml(roster)
    went_live = f"# 启用日期:此前结束的周期无需提交\nstart: {start}\n" if start else ""
    return {
        "README.md": README,
        codeowners.PATH: codeowners.render(StaffRoster.model_validate(yaml.safe_load(staff))),
        "org/policy.yaml": POLICY.replace("{start}", went_live),
        "org/staff.yaml": staff,
        "org/regions.yaml": regions_yaml(roster),
        "org/leave.yaml": leave_yaml(roster),
        "org/approvals.yaml": approvals_yaml(approvals),
    }
