"""Fuzzing target (atheris) for the loader: `make fuzz` runs it for two minutes.

Any bytes go through the same path as a committed report: decode, safe YAML load, validation
against every report model, and message rendering in both languages. Whatever the fast block
reader accepts must also equal what libyaml's path makes of it (data, types, every position):
mutations of the corpus's reports search exactly the edge of that reader. A crash is any exception;
a hang is caught by libFuzzer's `-timeout`. Not part of `make test`: atheris is an optional extra
(`pip install -e '.[fuzz]'`). Without a corpus directory on the command line, the test corpus
(tests/corpus/cases) seeds a temporary one, and yaml.dict supplies YAML tokens. Run longer with
`python tests/fuzz/fuzz_loader.py -max_total_time=3600`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # for `tests.support.agreement`

with atheris.instrument_imports():
    from tests.support.agreement import assert_agrees
    from validator.kinds import REPORT_MODELS
    from validator.reading.filebytes import decode
    from validator.reading.loader import load_text
    from validator.reading.schema_errors import validate

MODELS = list(REPORT_MODELS.values())
PATH = "submissions/li-ming/weekly/2026-W47.yaml"


def test_one_input(data: bytes) -> None:
    text, problems = decode(data, PATH)
    if text is None:
        assert problems, "undecodable bytes without a diagnostic"
        render(problems)
        return
    assert_agrees(text, PATH)
    result = load_text(text, PATH)
    render(result.diagnostics)
    if result.document is None:
        assert result.diagnostics, "unloadable text without a diagnostic"
        return
    model = MODELS[data[0] % len(MODELS)] if data else MODELS[0]
    instance, schema_problems = validate(result.document, model)
    assert (instance is None) == bool(schema_problems)
    render(schema_problems)


def render(problems: list) -> None:  # type: ignore[type-arg]
    for problem in problems:
        problem.message("zh")
        problem.message("en")


def main() -> None:
    here = Path(__file__).resolve().parent
    argv = list(sys.argv)
    if not any(arg.startswith("-dict=") for arg in argv):
        argv.append(f"-dict={here / 'yaml.dict'}")
    if all(arg.startswith("-") for arg in argv[1:]):
        # new inputs go to the first directory: a temporary one, never the test corpus
        argv += [tempfile.mkdtemp(prefix="fuzz-loader-"), str(here.parent / "corpus" / "cases")]
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
