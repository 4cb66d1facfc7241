"""A mistyped command line, said in Chinese first as every other error is (`错误 / error: …`).

Click words its own usage errors in English only (`Error: No such option '--stff'.`), and field
staff read a Chinese handbook. The group turns each into a `Bilingual` error: the Chinese of what
went wrong and what was most likely meant, then Click's English, under the same usage line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import IO, Any

import click

from validator.cli.help import Context, columns, in_both_languages, shorten


class Bilingual(click.UsageError):
    """A usage error shown as `错误 / error: <中文> / <English>` (exit status 2)."""

    def show(self, file: IO[Any] | None = None) -> None:
        if self.ctx is not None:
            path = self.ctx.command_path
            click.echo(self.ctx.get_usage(), file=file, err=file is None)
            click.echo(
                f"用 '{path} --help' 查看帮助 / Try '{path} --help' for help.\n",
                file=file,
                err=file is None,
            )
        click.echo(f"错误 / error: {self.format_message()}", file=file, err=file is None)


class Group(click.Group):
    """A group whose every usage error is `Bilingual`: its own options, a subcommand it does not
    have (with the one most likely meant), and what its subcommand's parser refuses. Its help,
    and that of every command it hands out, says Click's own words in Chinese first too
    (`validator.cli.help`)."""

    context_class = Context

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        return None if command is None else in_both_languages(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's list of commands, each cut to the columns its line has left: Click counts a
        Chinese character as one column, so its lines ran past the terminal's edge."""
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if commands:
            room = formatter.width - 6 - max(columns(name) for name, _ in commands)
            with formatter.section("Commands"):
                formatter.write_dl(
                    [(name, shorten(command.get_short_help_str(10_000), room))
                     for name, command in commands]
                )  # fmt: skip

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise in_chinese(exc) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else None
        if name is not None and not name.startswith("-") and self.get_command(ctx, name) is None:
            raise no_such_command(name, self.list_commands(ctx), ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise in_chinese(exc) from None


def in_chinese(exc: click.UsageError) -> click.UsageError:
    """`exc` said in Chinese first, unless it is already, or is no error at all (a group run
    without arguments shows its help)."""
    if isinstance(exc, Bilingual) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc
    return bilingual(exc)


def bilingual(exc: click.UsageError) -> Bilingual:
    """`exc` with its Chinese put before Click's English; a command's own words (找不到文件:…)
    as they are, Chinese already."""
    english = exc.format_message()
    if type(exc) is click.UsageError and not english.isascii():
        return Bilingual(english, exc.ctx)
    return Bilingual(f"{_chinese(exc)} / {english}", exc.ctx)


def no_such_command(name: str, known: Sequence[str], ctx: click.Context) -> Bilingual:
    close = difflib.get_close_matches(name, known, n=1)
    zh = f"没有命令 {name}" + (f",是不是 {close[0]}?" if close else "")
    en = f"No such command '{name}'." + (f" Did you mean '{close[0]}'?" if close else "")
    return Bilingual(f"{zh} / {en}", ctx)


def _chinese(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        close = sorted(exc.possibilities or ())
        return f"没有选项 {exc.option_name}" + (f",是不是 {'、'.join(close)}?" if close else "")
    if isinstance(exc, click.MissingParameter):
        hint = _hint(exc)
        return f"缺少 {hint}" if hint else "缺少参数"
    if isinstance(exc, click.BadParameter):
        hint = _hint(exc)
        return (f"{hint} 的值不对" if hint else "参数的值不对") + (
            _path_problem(exc) or _allowed(exc.param)
        )
    if isinstance(exc, click.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不接受值"
        return f"选项 {exc.option_name} 后面要跟一个值"
    extra = _EXTRA.match(exc.message)
    if extra is not None:
        return f"多余的参数 {extra[1]}"
    return "用法错误"


def _allowed(param: click.Parameter | None) -> str:
    """What the value may be, as Click's English says it after the value given."""
    kind = param.type if param is not None else None
    if isinstance(kind, click.Choice):
        return ",可选 " + "、".join(str(choice) for choice in kind.choices)
    if isinstance(kind, click.IntRange) and kind.min is not None and kind.max is not None:
        return f",应为 {kind.min} 到 {kind.max} 之间的整数"  # 2.5 is between 1 and 520 too
    if isinstance(kind, click.types.IntParamType):
        return ",应为整数"
    return ""


#: what Click's English says is wrong with a path (`Directory '…' is a file.`), in Chinese
_PATH_PROBLEMS = {
    "is a file.": ",应为文件夹,这里给的是文件",
    "is a directory.": ",应为文件,这里给的是文件夹",
    "does not exist.": ",这个文件不存在",
    "is not readable.": ",没有读取权限",
    "is not writable.": ",没有写入权限",
}


def _path_problem(exc: click.BadParameter) -> str:
    """What is wrong with a path given to an option of Click's Path type ('' for another)."""
    if exc.param is None or not isinstance(exc.param.type, click.Path):
        return ""
    return next((zh for end, zh in _PATH_PROBLEMS.items() if exc.message.endswith(end)), "")


#: Click's words for arguments a command does not take (a plain UsageError)
_EXTRA = re.compile(r"Got unexpected extra arguments? (\(.*\))")


def _hint(exc: click.BadParameter) -> str | None:
    """The option or argument as Click's English names it ('--format')."""
    hint = exc.param_hint
    if hint is None and exc.param is not None and exc.ctx is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    return hint if isinstance(hint, str) else None
