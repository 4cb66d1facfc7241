"""`validator handbook`: build the handbook's regulation pages from a plain-text source."""

from __future__ import annotations

from pathlib import Path

import click

from validator.cli.commands.common import REPO_OPTION, run_guarded
from validator.cli.usage import Group
from validator.handbook import DEFAULT_SLUGS, import_text, parse_corrections, parse_editorial
from validator.handbook.hant import traditional_rule_lines
from validator.handbook.org_pages import regenerate, remove_samples
from validator.handbook.rule_links import link_rules


@click.group("handbook", cls=Group)
def command() -> None:
    """手册:从规章原文生成手册页面,按 org/handbook.yaml 更新规则说明。"""


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise click.UsageError(f"找不到文件:{path}") from None
    except OSError as exc:
        raise click.UsageError(f"无法读取 {path}:{exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        hint = ""
        try:
            data.decode("gb18030")
            hint = "(看起来是 GBK/GB18030 编码,请先转换为 UTF-8)"
        except UnicodeDecodeError:
            pass
        raise click.UsageError(f"{path} 不是 UTF-8 编码的文本{hint}") from None


def _parse_slugs(values: tuple[str, ...]) -> dict[str, str]:
    slugs: dict[str, str] = {}
    for value in values:
        keyword, sep, slug = value.partition("=")
        if not sep or not keyword or not slug:
            raise click.BadParameter(f"应为 关键字=文件名,而不是 {value!r}", param_hint="--slug")
        slugs[keyword] = slug
    return slugs or dict(DEFAULT_SLUGS)


@command.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("docs/regulations"),
    show_default=True,
    help="写入 Markdown 页面的目录。",
)
@click.option(
    "--slug",
    "slugs",
    multiple=True,
    metavar="关键字=文件名",
    help="标题含“关键字”的规章写入“文件名”.md;可重复。默认按本产品自带的两份规章命名。",
)
@click.option(
    "--corrections",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="更正表(每行“错误<TAB>正确”),修补原文中无法自动修复的损坏文字。",
)
@click.option(
    "--notes",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="编者注表(每行“类别<TAB>页面<TAB>锚点<TAB>简体<TAB>繁体”):编者注、本组织规定、补字与锚点。",
)
def import_command(
    file: Path, out_dir: Path, slugs: tuple[str, ...], corrections: Path | None, notes: Path | None
) -> None:
    """把规章原文 FILE(UTF-8 纯文本)转换为手册页面。

    去除拼音注音,识别篇、部分、条款并生成稳定锚点;重复的篇只收录一次。写出简体页面;
    原文是繁体时,并在 hant/ 下写出直接取自原文繁体字的页面。
    """
    fixes: dict[str, str] = {}
    if corrections is not None:
        try:
            fixes = parse_corrections(_read(corrections))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--corrections") from None
    try:
        editorial = parse_editorial(_read(notes)) if notes is not None else []
        documents = import_text(_read(file), _parse_slugs(slugs), fixes, editorial)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--notes") from None
    if not documents:
        raise click.UsageError(f"{file} 中没有找到规章正文")
    out_dir.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        target = out_dir / f"{doc.slug}.md"
        target.write_text(link_rules(doc.markdown, f"regulations/{doc.slug}.md"), "utf-8")
        if doc.markdown_hant:  # only a source in Traditional characters has a Traditional page
            hant = link_rules(doc.markdown_hant, f"regulations/{doc.slug}.md")
            (out_dir / "hant").mkdir(exist_ok=True)
            (out_dir / "hant" / f"{doc.slug}.md").write_text(traditional_rule_lines(hant), "utf-8")
        click.echo(f"{target}\t{doc.title}")


@command.command("rules")
@REPO_OPTION
def rules_command(repo: Path) -> None:
    """按 org/handbook.yaml(没有时用本产品的默认设置)重新生成
    docs/rules.md、各条款下的规则说明和 docs/schemas/ 中的 JSON Schema(其说明引用手册的条款)。"""
    run_guarded(lambda: _echo(regenerate(repo)))


@command.command("remove-samples")
@REPO_OPTION
def remove_samples_command(repo: Path) -> None:
    """删除本产品自带的示例规章:页面、mkdocs.yml 中的导航和语言切换项,以及 org/handbook.yaml
    中指向它们的条款、规则依据和引用,并重新生成规则说明和 JSON Schema;之后
    mkdocs build --strict 仍可通过。"""
    run_guarded(lambda: _echo(remove_samples(repo)))


def _echo(paths: list[str]) -> int:
    for path in paths:
        click.echo(path)
    return 0
