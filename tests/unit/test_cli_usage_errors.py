"""A mistyped command line gets Chinese first, as every other error of the validator does
(`错误 / error: …`), with the option or command it most likely meant. Before, Click's own
English alone: `Error: No such option '--stff'.` to field staff on a Chinese handbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.cli import cli


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["new", "weekly", "--stff", "li-ming"], "没有选项 --stff,是不是 --staff?", "--stff"),
        (["chek"], "没有命令 chek,是不是 check?", "No such command 'chek'"),
        (["new"], "缺少", "Missing argument"),
        (["new", "weeky"], "的值不对", "'weeky' is not one of"),
        (["demo", "/tmp/x", "--staff", "5"], "'--staff' 的值不对", "'--staff'"),
    ],
    ids=["option", "command", "missing", "choice", "range"],
)
def test_a_mistyped_command_line_is_told_in_chinese_first(
    args: list[str], chinese: str, english: str
) -> None:
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    last = done.stderr.strip().splitlines()
    error = next(line for line in last if line.startswith("错误 / error: "))
    assert chinese in error and english in done.stderr, done.stderr
    assert "Error:" not in done.stderr and "--help" in done.stderr, done.stderr


def test_help_for_no_arguments_is_still_help() -> None:
    """No arguments at all is Click's help (NoArgsIsHelpError), never turned into an error."""
    done = CliRunner().invoke(cli, [])
    assert done.output.startswith("用法 / Usage:"), done.output
    assert "命令 / Commands:" in done.output, done.output
    assert "错误 / error" not in done.output


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["handbook", "rulez"], "没有命令 rulez,是不是 rules?", "No such command 'rulez'"),
        (["--verison"], "没有选项 --verison,是不是 --version?", "No such option '--verison'"),
    ],
    ids=["subcommand", "top-level-option"],
)
def test_a_mistyped_subcommand_or_top_level_option_says_the_same_in_both_languages(
    args: list[str], chinese: str, english: str
) -> None:
    """Before, a subcommand of `handbook` was 用法错误 in Chinese beside Click's precise English,
    and an option of `validator` itself was Click's English alone (`Error: …`)."""
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    error = next(line for line in done.stderr.splitlines() if line.startswith("错误 / error: "))
    assert chinese in error and english in error, done.stderr
    assert "Error:" not in done.stderr, done.stderr


def test_a_usage_error_the_validator_words_itself_is_not_prefixed_with_a_vaguer_one(
    tmp_path: Path,
) -> None:
    """The commands' own usage errors are Chinese already (找不到文件:…): before, the group put
    用法错误 / in front, as if the rest were the English of it."""
    done = CliRunner().invoke(cli, ["handbook", "import", str(tmp_path / "missing.txt")])
    assert done.exit_code == 2, done.output
    error = next(line for line in done.stderr.splitlines() if line.startswith("错误 / error: "))
    assert error == f"错误 / error: 找不到文件:{tmp_path / 'missing.txt'}", error


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["check", "--format", "xml"], "'--format' 的值不对,可选 text、json、github"),
        (["demo", "/tmp/x", "--staff", "5"], "'--staff' 的值不对,应为 8 到 100000 之间的整数"),
        (["archive", "--year", "1999"], "'--year' 的值不对,应为 2000 到 9998 之间的整数"),
        (["status", "--weeks", "x"], "'--weeks' 的值不对,应为 1 到 520 之间的整数"),
        # 2.5 is between 1 and 520: what is wrong with it is that it is not a whole number
        (["status", "--weeks", "2.5"], "'--weeks' 的值不对,应为 1 到 520 之间的整数"),
        (
            ["pushes", "--host", "gitlab", "--project", "1", "--number", "x", "--head", "abc"],
            "'--number' 的值不对,应为整数",
        ),
    ],
    ids=["choice", "range", "year", "not-a-number", "not-a-whole-number", "integer"],
)
def test_a_bad_value_names_its_option_in_chinese_too(args: list[str], chinese: str) -> None:
    """Click's English names the option whose value is wrong and what it may be; before, the
    Chinese said only 参数的值不对, then only which option, leaving what it may be to the
    English."""
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    error = next(line for line in done.stderr.splitlines() if line.startswith("错误 / error: "))
    assert error.startswith(f"错误 / error: {chinese} / "), error


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["check", "--repo"], "选项 --repo 后面要跟一个值"),
        (["new", "weekly", "extra"], "多余的参数 (extra)"),
    ],
    ids=["no-value", "extra-argument"],
)
def test_an_option_without_its_value_or_an_extra_argument_is_said_in_chinese(
    args: list[str], chinese: str
) -> None:
    """Before, 用法错误 alone: what was wrong was only in Click's English."""
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 2, done.output
    error = next(line for line in done.stderr.splitlines() if line.startswith("错误 / error: "))
    assert error.startswith(f"错误 / error: {chinese} / "), error


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["new", "weekly", "--repo", "{file}"], "'--repo' 的值不对,应为文件夹,这里给的是文件"),
        (["check", "--repo", "{file}"], "'--repo' 的值不对,应为文件夹,这里给的是文件"),
        (["handbook", "import", "{folder}"], "'FILE' 的值不对,应为文件,这里给的是文件夹"),
        (
            ["handbook", "import", "{file}", "--notes", "{missing}"],
            "'--notes' 的值不对,这个文件不存在",
        ),
    ],
    ids=["new-repo-is-a-file", "check-repo-is-a-file", "file-is-a-folder", "file-missing"],
)
def test_a_path_of_the_wrong_kind_is_said_in_chinese_too(
    tmp_path: Path, args: list[str], chinese: str
) -> None:
    """`--repo` given a file: the Chinese said only '--repo' 的值不对, and what was wrong with
    it (Directory '…' is a file.) was in Click's English alone."""
    (tmp_path / "report.yaml").write_text("staff: li-ming\n", "utf-8")
    places = {"file": tmp_path / "report.yaml", "folder": tmp_path, "missing": tmp_path / "no"}
    done = CliRunner().invoke(cli, [arg.format_map(places) for arg in args])
    assert done.exit_code == 2, done.output
    error = next(line for line in done.stderr.splitlines() if line.startswith("错误 / error: "))
    assert error.startswith(f"错误 / error: {chinese} / "), error
