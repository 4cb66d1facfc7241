"""The words of every doctor finding: id -> (zh message, en message, zh fix, en fix)."""

from __future__ import annotations

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
        "这是浅克隆:截断处之前提交的报告收到时间不明,检查不判断它们是否逾期,状态页面把它们算作截断时收到",
        "this is a shallow clone: reports committed before its cut have no known received time; "
        "check does not judge them late and the status pages count them received at the cut",
        "git fetch --unshallow;工作流中 actions/checkout 用 fetch-depth: 0,GitLab 设 GIT_DEPTH: 0",
        "git fetch --unshallow; in workflows give actions/checkout fetch-depth: 0, "
        "and GitLab GIT_DEPTH: 0",
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
