"""The rule registry: id -> rule metadata (severity, handbook articles, description).

One rule, one unit: each rule id is declared once here. The articles it enforces are data the
organisation owns (`org/handbook.yaml`, the product's defaults in `validator/data/handbook.yaml`):
`Rule.articles` holds the defaults, the main one first, and `Rule.handbook` is that first one
(`--format json`'s pinned `handbook` field). The link given to `_r` is used only for a rule the
defaults do not list yet. The checking code lives in the modules of `validator.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from validator.core.diagnostics import Severity
from validator.models.handbook import default_handbook

JP = "regulations/customer-service.md"
SEC = "regulations/security.md"
GUIDE = "guide/submit.md"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    handbook: str
    title_zh: str
    title_en: str
    #: Chinese, shown on the rules page; it cites no article itself but asks for the handbook's
    #: (`{{ basis.KEY }}`, `{{ deadline-sources }}`: `validator.handbook.rule_links`)
    description: str
    articles: tuple[str, ...] = field(default=())  # every article it enforces, `handbook` first


def _r(id: str, severity: Severity, handbook: str, zh: str, en: str, description: str) -> Rule:
    articles = tuple(default_handbook().rules.get(id, ())) or (handbook,)
    return Rule(id, severity, articles[0], zh, en, description, articles)


E, W = Severity.ERROR, Severity.WARNING

RULES: tuple[Rule, ...] = (
    _r(
        "encoding",
        E,
        f"{GUIDE}#format",
        "文件编码",
        "file encoding",
        "报告必须以 UTF-8 保存(可带 BOM,可用 CRLF 换行)。GBK/GB18030 文件会被识别并指出。",
    ),
    _r(
        "too-large",
        E,
        f"{GUIDE}#format",
        "文件过大",
        "file too large",
        "报告文件不得超过 256 KiB;org/ 下的组织数据文件不得超过 8 MiB"
        "(本产品的设置:全国规模的人员名单约 550 KB)。",
    ),
    _r(
        "symlink",
        E,
        f"{GUIDE}#format",
        "符号链接",
        "symbolic link",
        "仓库中的报告和组织数据不得是符号链接。",
    ),
    _r(
        "yaml-syntax",
        E,
        f"{GUIDE}#format",
        "YAML 语法",
        "YAML syntax",
        "文件必须是语法正确的 YAML。",
    ),
    _r(
        "duplicate-key",
        E,
        f"{GUIDE}#format",
        "重复的键",
        "duplicate key",
        "同一映射中同一个键只能出现一次。",
    ),
    _r(
        "yaml-unsafe",
        E,
        f"{GUIDE}#format",
        "不安全的 YAML",
        "unsafe YAML",
        "只允许 YAML 核心标签;禁止锚点、别名和自定义标签。",
    ),
    _r(
        "unexpected-file",
        E,
        f"{GUIDE}#layout",
        "多余的文件",
        "unexpected file",
        "submissions/ 下只能有 submissions/<工号>/<类别>/<期间>.yaml(及 README.md)。",
    ),
    _r(
        "schema",
        E,
        f"{GUIDE}#format",
        "格式不符",
        "schema",
        "报告和组织数据必须符合各自的格式:必填字段、类型、取值范围,不得有未知字段。",
    ),
    _r(
        "path-mismatch",
        E,
        f"{GUIDE}#layout",
        "路径与内容不符",
        "path mismatch",
        "文件中的 staff 与期间必须与文件路径一致。",
    ),
    _r(
        "unknown-staff",
        E,
        f"{JP}#part-1",
        "未知人员",
        "unknown staff",
        "报告和组织数据引用的人员必须在 org/staff.yaml 中登记。",
    ),
    _r(
        "unknown-region",
        E,
        f"{JP}#part-4-2-3",
        "未知区域",
        "unknown region",
        "引用的区域必须在 org/regions.yaml 中登记。",
    ),
    _r(
        "duplicate-id",
        E,
        f"{GUIDE}#layout",
        "重复的编号",
        "duplicate id",
        "人员、区域、审批单的编号必须唯一。",
    ),
    _r(
        "not-posted",
        W,
        f"{JP}#part-4",
        "不在派驻期内",
        "not posted",
        "报告期间与该人员的任何派驻期都不重叠。",
    ),
    _r(
        "future-period",
        E,
        f"{JP}#part-3-1-3",
        "未来的期间",
        "future period",
        "报告的期间尚未开始,不能提前提交。",
    ),
    _r(
        "date-out-of-period",
        E,
        f"{JP}#part-3-1-3",
        "日期超出期间",
        "date out of period",
        "报告中带日期的条目必须落在报告期间之内。",
    ),
    _r(
        "late",
        E,
        f"{JP}#part-3-1-3",
        "逾期提交",
        "late",
        "报告必须在截止时间(org/policy.yaml)之前提交;逾期报告必须填写 late_reason(填写后降为警告)。"
        "{{ deadline-sources }};消息注明是哪一种。",
    ),
    _r(
        "approval-missing",
        E,
        f"{SEC}#art-7",
        "缺少审批",
        "approval missing",
        "因公出差、因公接待费用必须引用本人已获批准、日期覆盖该费用的审批单。",
    ),
    _r(
        "allocation",
        W,
        f"{JP}#part-4-2-4",
        "人员配置",
        "allocation",
        "一类地区应有一名外派人员和渠道助理,二类地区一名外派人员,三类地区可由一人兼管相邻地区。",
    ),
    _r(
        "not-owner",
        E,
        f"{JP}#part-3-1-3",
        "越权修改",
        "not owner",
        "外派人员只能在 submissions/<本人工号>/ 下新增文件,不得修改 org/、.github/ 等其他内容。",
    ),
    _r(
        "modified-after-merge",
        E,
        f"{JP}#part-3-1-3",
        "修改已合并的报告",
        "modified after merge",
        "已合并到主分支的报告不得再修改,更正请由审核人处理。",
    ),
    _r(
        "deleted-after-merge",
        E,
        f"{JP}#part-3-1-3",
        "删除已合并的报告",
        "deleted after merge",
        "已合并到主分支的报告不得删除。",
    ),
    _r(
        "backdated",
        E,
        f"{JP}#part-3-1-3",
        "倒签日期",
        "backdated",
        "提交的日期早于截止时间,但到达服务器的时间晚于截止时间(超出允许的时钟误差)。",
    ),
    _r(
        "codeowners-stale",
        E,
        "guide/review.md#codeowners",
        "CODEOWNERS 过期",
        "CODEOWNERS stale",
        "仓库中的每一份 CODEOWNERS(GitHub 的 .github/CODEOWNERS、GitLab 的 .gitlab/CODEOWNERS、"
        "Gitea 与 Forgejo 的 .gitea/CODEOWNERS)都必须与 validator codeowners 按 org/staff.yaml "
        "生成的内容一致。",
    ),
    _r(
        "spare-overdue",
        W,
        f"{JP}#part-3-7-1",
        "备用机逾期未还",
        "spare unit overdue",
        "备用机要注意租用期限,及时归还:截至月底(或今天,若更早)已过应还日期仍未归还的备用机"
        "给出警告。以前月份借出、仍未归还的备用机每月照列,归还时填写 returned。",
    ),
    _r(
        "stock-region-missing",
        E,
        f"{JP}#part-3-5-3",
        "缺少区域库存",
        "stock region missing",
        "月报的 faulty_stock 必须为该月派驻过的每个区域上报局方故障机库存数量。",
    ),
    _r(
        "approval-after-the-fact",
        E,
        f"{SEC}#art-7",
        "事后审批",
        "approval after the fact",
        "出差与接待须事先经部门领导预审并报公司批准:审批单的批准日期(approved_on)"
        "不得晚于费用日期。",
    ),
    _r(
        "handover-missing",
        E,
        f"{JP}#part-4-handover",
        "缺少工作交接",
        "handover missing",
        "{{ basis.handover }}派驻结束(org/staff.yaml 中 postings 的 to)后,须在本组织规定的期限内"
        "(policy.yaml reports.handover.due_within,默认 7 天)提交日期在期限内的工作交接报告"
        "(submissions/<工号>/handover/<日期>.yaml)。期限与内容为本组织规定。欠交的是本人:"
        "拉取请求之前就已欠交的,在拉取请求中只作警告,不挡住审核人对人员名单的其他修改"
        "(包括更正这段派驻的结束日期或区域)。",
    ),
    _r(
        "routing",
        E,
        f"{JP}#part-3-1-3",
        "报告去向",
        "routing",
        "channel_engineer(报告上报给的渠道工程师)和 channel_manager(抄送的渠道经理)"
        "必须是 org/staff.yaml 中的审核人。",
    ),
    _r(
        "handover-units",
        W,
        f"{JP}#part-3-7-1",
        "交接备用机不符",
        "handover spare units",
        "工作交接列出的备用机应与本人最近一期月报中未归还的备用机一致(本组织规定)。",
    ),
    _r(
        "unvalidated",
        W,
        "guide/review.md#branch-protection",
        "未经校验合并",
        "merged without a green check",
        "main 上的报告没有通过 validate 检查的记录(发布任务为每个通过检查后合并的拉取请求记下报告):"
        "可能是绕过分支保护合并的。仅在仓库保存了这类记录(refs/notes/validator-green)时检查。",
    ),
    _r(
        "archive-summary",
        E,
        "guide/archive.md#check",
        "归档摘要",
        "archive summary",
        "已归档年度的摘要(archive/<年>.yaml,由 validator archive 生成)必须与自身、截止规定和"
        "归档分支一致;已归档年度不得再有报告留在或加入 submissions/,报告也只能经归档离开 main"
        "(本组织规定)。",
    ),
    _r(
        "comment-in-text",
        W,
        f"{GUIDE}#format",
        "被注释截断的文字",
        "text cut by a comment",
        "不带引号的文字里,空格后的 # 起到行尾是 YAML 注释,不会保存;正文中要写 #,请给整段加引号"
        "(本产品的检查,不是规章的要求)。",
    ),
    _r(
        "shallow-history",
        W,
        "guide/submit.md#received",
        "浅克隆",
        "shallow clone",
        "浅克隆(git clone --depth)的历史停在截断处,截断处已有的报告收到时间不明,不判断是否逾期;"
        "完整的检查需要完整的历史(git fetch --unshallow;本产品的检查,不是规章的要求)。",
    ),
)

REGISTRY: dict[str, Rule] = {rule.id: rule for rule in RULES}

#: rules that report what a member of staff still owes (a handover): errors on the main branch
#: and the status pages; in a pull request, a duty the base branch already showed is a warning,
#: so that a reviewer's roster change is not held up by someone else's overdue handover
OWED_BY_STAFF = frozenset({"handover-missing"})
