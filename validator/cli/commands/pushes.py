"""`validator pushes`: write the push log of a Gitea/Forgejo pull request or a GitLab merge
request, from the host's own records, in the format `validator check --push-log` reads
(validator/checking/pr/hostpushes.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from validator.checking.pr.hostpushes import HOSTS, opener, push_log
from validator.cli.commands.common import run_guarded

TOKEN_ENV = "VALIDATOR_API_TOKEN"


@click.command("pushes")
@click.option("--host", type=click.Choice(HOSTS), required=True, help="代码托管平台。")
@click.option(
    "--api",
    metavar="URL",
    required=True,
    help="平台的 API 地址(Gitea/Forgejo:{服务器}/api/v1;GitLab:CI_API_V4_URL)。",
)
@click.option(
    "--project",
    metavar="PROJECT",
    required=True,
    help="仓库:Gitea/Forgejo 为 owner/name;GitLab 为项目 ID(CI_PROJECT_ID)或路径。",
)
@click.option(
    "--number",
    type=int,
    required=True,
    help="拉取请求的编号(GitLab:合并请求的 iid)。",
)
@click.option(
    "--head",
    metavar="SHA",
    help="这次要检查的头提交:推送记录必须已含有它,否则平台还没记下这次推送(退出码 2)。",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入此文件(默认标准输出);出错时不写。",
)
def command(
    host: str, api: str, project: str, number: int, head: str | None, output: Path | None
) -> None:
    """输出 Gitea/Forgejo 或 GitLab 记录的推送及拉取请求的作者(JSON),供 check --push-log 使用。

    令牌取自环境变量 VALIDATOR_API_TOKEN(Gitea/Forgejo:Authorization: token;GitLab:
    PRIVATE-TOKEN,项目访问令牌,范围 read_api)。平台拒绝、找不到或回答格式不对时退出码为 2,
    不写出任何记录。"""

    def run() -> int:
        token = os.environ.get(TOKEN_ENV) or None
        log = push_log(host, api, project, number, token=token, head=head)
        author = opener(host, api, project, number, token=token)
        record = {"opener": author, "pushes": log}
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
        return 0

    run_guarded(run)
