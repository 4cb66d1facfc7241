"""Chinese titles and descriptions of every model and field, merged into the JSON Schemas.

The models belong to the validator; the words an editor or the report form shows belong here
(a report kind's own words are in its module of `validator.kinds`, and merged in below).
Keys are `Model.field` with the field's YAML name (its alias). `validator schema` fails when a
field has no entry, so a new field cannot ship without its Chinese title. No text spells an
article: it writes `{{ cite.KEY }}` (a citation key of the handbook), filled from the
organisation's handbook by `validator.features.deadlines_text.fill`.
"""

from __future__ import annotations

from typing import Any

from validator.kinds import KINDS
from validator.kinds.base import STAFF_TITLE

_DURATION = r"^\d+\s*[smhd]$"

#: model name -> (title, description)
MODELS: dict[str, tuple[str, str]] = {
    "Policy": ("组织规则", "org/policy.yaml:截止时间、时区与阈值;所有键均可省略。"),
    "ReportsPolicy": ("报告截止时间", "各类报告的截止规则。"),
    "WeeklyPolicy": (
        "周报截止",
        "周报的截止规则,现为{{ deadline.weekly }};改动默认时间即为本组织规定。",
    ),
    "MonthlyPolicy": (
        "月报截止",
        "月报的截止规则(本组织规定{{ cite.monthly|;{}要求每月上报,未定日期 }})。",
    ),
    "ExpensesPolicy": (
        "报销截止",
        "报销的截止规则,现为{{ deadline.expenses }};改动默认时间即为本组织规定。",
    ),
    "IncidentsPolicy": (
        "突发事件时限",
        "突发事件报告的时限(本组织规定{{ cite.incidents|;{}只要求及时汇报 }})。",
    ),
    "HandoverPolicy": ("工作交接期限", "派驻结束后提交工作交接的期限(本组织规定)。"),
    "WeeklyDue": ("每周截止时间", "下一周的星期几、几点之前。"),
    "MonthlyDue": ("每月截止时间", "下个月的几号、几点之前。"),
    "RotationPolicy": ("轮换", "驻外人员轮换规则{{ cite.rotation }}。"),
    "PerformancePolicy": ("考核", "月度考核规则{{ cite.low-score }}。"),
    "PullRequestPolicy": (
        "拉取请求上限",
        "一个拉取请求最多包含多少(本组织规定),限制每次检查的工作量。",
    ),
    "StaffRoster": ("人员名册", "org/staff.yaml:由审核人维护的人员名单。"),
    "Staff": ("人员", "一名驻外人员或审核人。"),
    "Notify": ("通知渠道", "validator digest / remind --send 使用的渠道;未配置的渠道跳过。"),
    "EmailNotify": ("邮件", "个人的周报汇总和提醒只通过邮件发送。"),
    "SmtpSettings": ("SMTP 服务器", "密码只从 password_env 指定的环境变量读取。"),
    "WecomNotify": ("企业微信群机器人", "只收到不含报告内容的提醒。"),
    "WebhookNotify": ("群机器人", "钉钉或飞书群机器人;只收到不含报告内容的提醒。"),
    "Posting": ("派驻", "派驻的区域与起止日期。"),
    "Regions": ("区域", "org/regions.yaml:销售区域、销量与相邻区域。"),
    "Region": ("区域", "一个销售区域;销量决定地区类别{{ cite.region-class }}。"),
    "Leave": ("请假", "org/leave.yaml:已批准的假期;整周休假则无需周报。"),
    "LeaveEntry": ("假期", "一段已批准的假期。"),
    "Approvals": ("审批", "org/approvals.yaml:事先批准的出差与接待{{ cite.approvals }}。"),
    "Approval": ("审批", "一项出差或接待审批。"),
    "Scores": ("考核分数", "org/scores/<YYYY-MM>.yaml:月度考核分数 0–100{{ cite.rotation }}。"),
    "Handbook": (
        "手册",
        "org/handbook.yaml:本组织的规章页面、条款名称、各校验规则依据的条款和页面引用的条款;"
        "没有此文件时用本产品自带的示例设置。",
    ),
    "HandbookDocument": ("规章", "手册发布的一份规章页面。"),
}

_FROM = ("开始日期", "YYYY-MM-DD。")
_TO = ("结束日期", "YYYY-MM-DD,含当天。")

#: "Model.field" -> (title, description)
FIELDS: dict[str, tuple[str, str]] = {
    "Policy.organization": ("组织名称", ""),
    "Policy.timezone": (
        "时区",
        "IANA 时区名,例如 Asia/Shanghai;所有截止时间都是该时区的当地时间。",
    ),
    "Policy.clock_skew": ("时钟误差", "提交日期与到达服务器时间之间允许的误差,例如 30m。"),
    "Policy.start": (
        "上线日期",
        "本组织开始使用本系统的日期(本组织规定);在此之前结束的期间无需提交。",
    ),
    "Policy.reports": ("报告截止时间", ""),
    "Policy.rotation": ("轮换", ""),
    "Policy.performance": ("考核", ""),
    "ReportsPolicy.weekly": ("周报", ""),
    "ReportsPolicy.monthly": ("月报", ""),
    "ReportsPolicy.expenses": ("报销", ""),
    "ReportsPolicy.incidents": ("突发事件", ""),
    "ReportsPolicy.handover": ("工作交接", ""),
    "HandoverPolicy.due_within": (
        "期限",
        "派驻结束(to)后多久之内须有日期在此期间的工作交接,默认 7d(本组织规定)。",
    ),
    "ExpensesPolicy.paper_vouchers": (
        "纸质凭证",
        "纸质报销凭证是否仍须寄回及如何寄回(本组织规定),显示在报销页与填报指南中。",
    ),
    "Policy.channel_assistants_report": (
        "渠道助理提交报告",
        "渠道助理不是外派人员{{ cite.allocation }},默认不提交报告;设为 true 则与外派人员一样提交。",
    ),
    "WeeklyPolicy.due": ("截止", ""),
    "MonthlyPolicy.due": ("截止", ""),
    "ExpensesPolicy.due": ("截止", ""),
    "IncidentsPolicy.due_within": ("时限", "发生后多久之内报告,例如 24h。"),
    "WeeklyDue.weekday": ("星期", "monday … sunday。"),
    "WeeklyDue.time": ("时间", 'HH:MM,须加引号,例如 "13:00"。'),
    "MonthlyDue.day": ("日", "下个月的几号(1–28)。"),
    "MonthlyDue.time": ("时间", 'HH:MM,须加引号,例如 "18:00"。'),
    "RotationPolicy.protected_months": (
        "保护期(月)",
        "派驻不满此月数且无重大失误不调整;默认 6{{ cite.protection }},改动后为本组织规定。",
    ),
    "RotationPolicy.due_months": (
        "应轮换(月)",
        "同一地区派驻满此月数原则上轮换;默认 12{{ cite.tenure }},改动后为本组织规定。",
    ),
    "RotationPolicy.rounds": (
        "轮换日",
        "每年的全国区域调整日期,MM-DD(本组织规定)。",
    ),
    "PerformancePolicy.threshold": (
        "分数线",
        "月度考核低于此分数者相应调整岗位;默认 60{{ cite.low-score }},改动后为本组织规定。",
    ),
    "Policy.pull_request": ("拉取请求上限", ""),
    "PullRequestPolicy.max_commits": ("最多提交数", "一个拉取请求最多包含的提交数。"),
    "PullRequestPolicy.max_files": ("最多文件数", "一个拉取请求最多改动的报告文件数。"),
    "StaffRoster.staff": ("人员", ""),
    "Staff.id": ("工号", "小写字母开头,字母、数字与连字符;即 submissions/ 下的文件夹名。"),
    "Staff.name": ("姓名", ""),
    "Staff.category": (
        "岗位",
        "account_manager 客户经理、parts_admin 备件管理员、technician 技术员、"
        "channel_assistant 渠道助理。",
    ),
    "Staff.email": ("电子邮箱", "与 git config user.email 一致,validator new 据此认人。"),
    "Staff.github": ("代码托管账号", "用于文件归属检查。"),
    "Staff.role": ("角色", "staff 驻外人员、reviewer 审核人。"),
    "Staff.postings": ("派驻", ""),
    "Staff.channel_engineer": ("渠道工程师", "报告上报给的审核人工号{{ cite.routing }}。"),
    "Staff.channel_manager": ("渠道经理", "抄送的审核人工号{{ cite.routing }}。"),
    "Staff.mobile": ("手机号", "可选,仅用于钉钉群机器人 @ 提醒。"),
    "Staff.wecom_userid": ("企业微信 userid", "可选,仅用于群机器人 @ 提醒。"),
    "Staff.dingtalk_userid": ("钉钉 userId", "可选,仅用于群机器人 @ 提醒。"),
    "Staff.feishu_open_id": ("飞书 open_id", "可选,仅用于群机器人 @ 提醒。"),
    "Policy.notify": ("通知渠道", ""),
    "Notify.email": ("邮件", ""),
    "Notify.wecom": ("企业微信", ""),
    "Notify.dingtalk": ("钉钉", ""),
    "Notify.feishu": ("飞书", ""),
    "Notify.site_url": ("站点地址", "消息中链接到的站点地址,以 https:// 或 http:// 开头。"),
    "EmailNotify.smtp": ("SMTP 服务器", ""),
    "EmailNotify.from": ("发件人", "例如 外派报告 <reports@example.com>。"),
    "SmtpSettings.host": ("主机", ""),
    "SmtpSettings.port": ("端口", ""),
    "SmtpSettings.security": ("加密方式", "ssl、starttls 或 none。"),
    "SmtpSettings.user": ("用户名", ""),
    "SmtpSettings.password_env": ("密码环境变量", "保存 SMTP 密码的环境变量名。"),
    "WecomNotify.webhook_env": ("webhook 环境变量", "保存 webhook 地址(含 key)的环境变量名。"),
    "WebhookNotify.webhook_env": ("webhook 环境变量", "保存 webhook 地址的环境变量名。"),
    "WebhookNotify.secret_env": ("签名密钥环境变量", "保存加签密钥的环境变量名。"),
    "Posting.regions": ("区域", "org/regions.yaml 中的区域 id,至少一个。"),
    "Posting.from": _FROM,
    "Posting.to": ("结束日期", "YYYY-MM-DD;仍在派驻则为 null。"),
    "Regions.regions": ("区域", ""),
    "Region.id": ("区域 id", "小写字母开头,字母、数字与连字符。"),
    "Region.name": ("名称", ""),
    "Region.annual_sales": (
        "年销量",
        "最近 12 个月的销量(台);规章按“销量”分地区类别而没有说统计多长时间,"
        "按一年计是本产品的做法。",
    ),
    "Region.high_failure_models": ("高故障机型为主", ""),
    "Region.one_stop": ("一站通", "已建立一站通的区域按三类区域配置人员。"),
    "Region.adjacent": ("相邻区域", "区域 id。"),
    "Leave.leave": ("假期", ""),
    "LeaveEntry.staff": STAFF_TITLE,
    "LeaveEntry.from": _FROM,
    "LeaveEntry.to": _TO,
    "LeaveEntry.reason": ("事由", ""),
    "Approvals.approvals": ("审批", ""),
    "Approval.id": ("审批编号", "例如 APR-2026-0012。"),
    "Approval.staff": STAFF_TITLE,
    "Approval.kind": ("类别", "travel 出差、reception 接待。"),
    "Approval.from": _FROM,
    "Approval.to": _TO,
    "Approval.purpose": ("事由", ""),
    "Approval.reviewed_by": ("预审人", "部门领导预审{{ cite.approvals }}。"),
    "Approval.reviewed_on": ("预审日期", "YYYY-MM-DD。"),
    "Approval.approved_by": ("批准人", "公司批准{{ cite.approvals }}。"),
    "Approval.approved_on": ("批准日期", "YYYY-MM-DD;不得晚于所报销费用的日期。"),
    "Scores.month": ("月份", "YYYY-MM,须与文件名一致。"),
    "Scores.scores": ("分数", "工号 → 分数(0–100)。"),
    "Handbook.documents": ("规章页面", "手册发布的规章;validator handbook import 生成页面。"),
    "Handbook.articles": (
        "条款名称",
        "页面链接(docs/ 下的相对路径加锚点,例如 regulations/rules.md#part-3-1-3)→ 引用时的名称,"
        "例如 守则 三(一)3。",
    ),
    "Handbook.rules": (
        "规则依据",
        "规则 id → 它执行的条款链接,第一个是 --format json 的 handbook 字段;"
        "未列出的规则不引用条款。",
    ),
    "Handbook.citations": (
        "页面引用",
        "状态页面和指南引用的条款:weekly、monthly、incidents、rotation 等键 → 条款链接;"
        "缺少的键不引用任何条款。",
    ),
    "HandbookDocument.page": ("页面", "docs/ 下的相对路径,例如 regulations/rules.md。"),
    "HandbookDocument.title": ("标题", "规章名称,显示在导航和首页。"),
    "HandbookDocument.sample": (
        "示例",
        "本产品自带的示例规章;validator handbook remove-samples 会删除它。",
    ),
    "HandbookDocument.note": ("说明", "显示在规章标题下,例如说明这是另一组织的规章。"),
}

#: "Model.field" -> keywords the model checks in code but a schema can say too
EXTRA: dict[str, dict[str, Any]] = {
    "Policy.clock_skew": {"pattern": _DURATION},
    "IncidentsPolicy.due_within": {"pattern": _DURATION},
    "HandoverPolicy.due_within": {"pattern": _DURATION},
}

for _kind in KINDS.values():
    for _key, _words in _kind.titles.items():
        (FIELDS if "." in _key else MODELS)[_key] = _words
