"""The exported JSON Schemas: fresh, draft-07, Chinese, and agreeing with the validator."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from tests.support import CASES, ROOT
from validator.cli import cli
from validator.features.schemas import SCHEMAS, build_all, build_schema, render
from validator.kinds import REPORT_MODELS
from validator.models.handbook import Handbook, default_handbook
from validator.reading.loader import load_file
from validator.reading.schema_errors import validate

COMMITTED = ROOT / "docs" / "schemas"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ORG_SCHEMAS = ("policy", "staff", "regions", "leave", "approvals")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Where the validator may be stricter than any JSON Schema can be (error types of the models):
# a range in order, a known time zone, whole cents (float division makes `multipleOf: 0.01`
# reject good amounts, so the schema leaves it out), a date in the supported years (`format:
# date` takes any year; `validator.core.years`), a duration of at most a year (`366d` is text).
INEXPRESSIBLE = {"bad_range", "bad_timezone", "decimals", "year_range", "bad_duration"}
# And the YAML reading: PyYAML reads YAML 1.1, where an unquoted `no` is a boolean and
# `2026-11-17` a date, and the validator refuses those where text is expected; editors and
# check-jsonschema read YAML 1.2 (or turn timestamps into text) and see a string.
YAML11_TYPED = (bool, dt.date)
#: corpus cases known to show each kind of explained difference (kept exact, so none goes stale)
EXPLAINED_CASES = {
    "invalid/schema-yaml11-bool",
    "invalid/schema-unquoted-date-in-text",
    "invalid/schema-year-out-of-range",
    "invalid/schema-org-posting-years",
    "invalid/schema-duration-too-long",
}

INLINE: dict[str, tuple[str, str, bool]] = {
    # name: (schema, YAML text, valid?)
    "weekly-ok": (
        "weekly",
        "staff: li-ming\nweek: 2026-W47\nsummary: 走访\n"
        "work:\n  - {date: 2026-11-17, description: 检查工单}\nplan: [跟进]\n",
        True,
    ),
    "weekly-typo-key": (
        "weekly",
        "staff: li-ming\nweek: 2026-W47\nsumary: 走访\n"
        "work:\n  - {date: 2026-11-17, description: 检查工单}\nplan: [跟进]\n",
        False,
    ),
    "weekly-blank-plan": (
        "weekly",
        "staff: li-ming\nweek: 2026-W47\nsummary: 走访\n"
        "work:\n  - {date: 2026-11-17, description: 检查工单}\nplan: ['  ']\n",
        False,
    ),
    "incident-naive-time": (
        "incidents",
        "staff: li-ming\noccurred_at: '2026-11-20 14:30'\ntitle: 媒体曝光\nchannel: media\n"
        "parties: [用户]\nsummary: 经过\nstatus: open\n",
        True,
    ),
    "incident-bad-time": (
        "incidents",
        "staff: li-ming\noccurred_at: yesterday\ntitle: 媒体曝光\nchannel: media\n"
        "parties: [用户]\nsummary: 经过\nstatus: open\n",
        False,
    ),
    "scores-ok": ("scores", "month: 2026-10\nscores: {li-ming: 85, wang-fang: 58.5}\n", True),
    "scores-bad-id": ("scores", "month: 2026-10\nscores: {Li_Ming: 85}\n", False),
    "scores-out-of-range": ("scores", "month: 2026-10\nscores: {li-ming: 101}\n", False),
    "expenses-cents": (
        "expenses",
        "staff: li-ming\nmonth: 2026-10\nitems:\n"
        "  - {date: 2026-10-20, category: office, amount: 19.99, description: 文具}\n",
        True,
    ),
    "policy-bad-skew": ("policy", "clock_skew: soon\n", False),
    "expenses-mills": (
        "expenses",
        "staff: li-ming\nmonth: 2026-10\nitems:\n"
        "  - {date: 2026-10-20, category: office, amount: 19.995, description: 文具}\n",
        False,
    ),
    "leave-backwards": (
        "leave",
        "leave:\n  - {staff: li-ming, from: 2026-10-07, to: 2026-10-01}\n",
        False,
    ),
    "leave-ok": ("leave", "leave:\n  - {staff: li-ming, from: 2026-10-01, to: 2026-10-07}\n", True),
}


def test_committed_schemas_are_fresh(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(f"{name}.schema.json" for name in SCHEMAS)
    assert sorted(p.name for p in COMMITTED.glob("*.schema.json")) == written
    for name in written:
        fresh = (tmp_path / "out" / name).read_text("utf-8")
        assert (COMMITTED / name).read_text("utf-8") == fresh, (
            f"docs/schemas/{name} is stale: run `validator schema`"
        )


def test_default_out_is_the_repos_docs_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "--repo", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == str(tmp_path / "docs/schemas/weekly.schema.json")
    assert len(list((tmp_path / "docs/schemas").glob("*.schema.json"))) == len(SCHEMAS) == 12


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_is_draft07_with_chinese_titles(name: str) -> None:
    schema = build_all()[name]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    text = render(schema)
    for newer in ("$defs", "prefixItems", "unevaluated", "dependentRequired", "$dynamicRef"):
        assert newer not in text
    refs = [node["$ref"] for node in _walk(schema) if isinstance(node, dict) and "$ref" in node]
    for ref in refs:
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]
    for node in _walk(schema):
        if isinstance(node, dict) and "$ref" in node:
            assert list(node) == ["$ref"], "draft-07 ignores keywords beside $ref"
    objects = [schema, *schema.get("definitions", {}).values()]
    assert all(CJK.search(obj["title"]) for obj in objects)
    for obj in objects:
        for field, prop in obj.get("properties", {}).items():
            assert CJK.search(prop["title"]), f"{name}: {field} has no Chinese title"


def test_weekly_field_titles_exact() -> None:
    weekly = build_all()["weekly"]
    assert weekly["title"] == "周报"
    assert weekly["properties"]["summary"]["title"] == "本周小结"
    assert weekly["definitions"]["WorkItem"]["properties"]["date"]["title"] == "日期"
    assert weekly["required"] == ["staff", "week", "summary", "work", "plan"]
    assert weekly["properties"]["work"]["items"] == {"$ref": "#/definitions/WorkItem"}


def test_org_modelines_point_at_existing_schemas() -> None:
    for path in sorted((ROOT / "org").glob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match[1]).resolve().is_file(), first


def test_vscode_maps_every_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {
        f"docs/schemas/{name}.schema.json": [files] for name, (_, files) in SCHEMAS.items()
    }


# --- agreement between the exported schemas and the validator ----------------------------------


def _schema_name(rel: str) -> str | None:
    """Which schema describes a repository path, or None for files no schema covers."""
    parts = rel.split("/")
    if parts[0] == "submissions" and len(parts) == 4 and parts[3].endswith(".yaml"):
        return parts[2] if parts[2] in REPORT_MODELS else None
    if parts[0] == "org" and len(parts) == 2:
        stem = parts[1].removesuffix(".yaml")
        return stem if stem in ORG_SCHEMAS else None
    if parts[:2] == ["org", "scores"] and len(parts) == 3:
        return "scores"
    return None


def _corpus() -> list[tuple[str, Path, str, str]]:
    """(case, file, repo-relative path, schema) for valid cases and schema-only invalid ones."""
    found = []
    for case_dir in sorted(CASES.glob("valid/*")) + sorted(CASES.glob("invalid/*")):
        expected = case_dir / "expected.json"
        if case_dir.parent.name == "invalid":
            if not expected.is_file():
                continue
            rules = {d["rule"] for d in json.loads(expected.read_text("utf-8"))}
            if rules != {"schema"}:
                continue
        case = f"{case_dir.parent.name}/{case_dir.name}"
        for path in sorted(case_dir.rglob("*.yaml")):
            rel = path.relative_to(case_dir).as_posix()
            name = _schema_name(rel)
            if name:
                found.append((case, path, rel, name))
    for path in sorted((CASES / "base").rglob("*.yaml")):
        rel = path.relative_to(CASES / "base").as_posix()
        name = _schema_name(rel)
        if name:
            found.append(("base", path, rel, name))
    return found


def _validator_accepts(path: Path, rel: str, name: str) -> bool:
    loaded = load_file(str(path), rel)
    if loaded.document is None or loaded.diagnostics:
        return False
    _, problems = validate(loaded.document, SCHEMAS[name][0])
    return not problems


def _explained(path: Path, rel: str, name: str) -> bool:
    """Whether every model error of a file is one no JSON Schema on YAML 1.2 data can see."""
    loaded = load_file(str(path), rel)
    assert loaded.document is not None
    try:
        SCHEMAS[name][0].model_validate(loaded.document.data)
    except ValidationError as exc:
        return all(
            error["type"] in INEXPRESSIBLE
            or (error["type"] == "string_type" and isinstance(error["input"], YAML11_TYPED))
            for error in exc.errors()
        )
    return False


def _check_jsonschema(schema_dir: Path, files: dict[str, list[Path]]) -> set[Path]:
    """Files check-jsonschema rejects, one run per schema."""
    rejected: set[Path] = set()
    for name, paths in files.items():
        out = subprocess.run(
            [
                str(CHECK_JSONSCHEMA),
                "--schemafile",
                str(schema_dir / f"{name}.schema.json"),
                "-o",
                "json",
                *map(str, paths),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(out.stdout)
        for error in report.get("errors", []) + report.get("parse_errors", []):
            rejected.add(Path(error["filename"]))
    return rejected


@pytest.mark.skipif(shutil.which(str(CHECK_JSONSCHEMA)) is None, reason="no check-jsonschema")
def test_schema_and_validator_agree(tmp_path: Path) -> None:
    items = _corpus()
    for case, (name, text, _) in INLINE.items():
        path = tmp_path / "inline" / case / f"{name}.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(text, "utf-8")
        items.append((f"inline/{case}", path, f"inline/{case}.yaml", name))
    by_schema: dict[str, list[Path]] = defaultdict(list)
    for _, path, _, name in items:
        by_schema[name].append(path)
    rejected = _check_jsonschema(COMMITTED, by_schema)

    stricter_schema, unexplained, explained = [], [], set()
    verdicts = {}
    for case, path, rel, name in items:
        validator_ok = _validator_accepts(path, rel, name)
        schema_ok = path not in rejected
        verdicts[case, rel] = validator_ok
        if schema_ok and not validator_ok:
            if _explained(path, rel, name):
                explained.add(case)
            else:
                unexplained.append(f"{case}: {rel}")
        elif validator_ok and not schema_ok:
            stricter_schema.append(f"{case}: {rel}")
    assert stricter_schema == [], "the schema rejects what the validator accepts"
    assert unexplained == [], "the schema accepts what the validator rejects"
    assert explained == EXPLAINED_CASES | {"inline/expenses-mills", "inline/leave-backwards"}
    # Inline cases pin the verdicts, so the comparison cannot pass by both sides being wrong.
    for case, (_, _, valid) in INLINE.items():
        assert verdicts[f"inline/{case}", f"inline/{case}.yaml"] is valid, case
    valid_cases = {case for case, *_ in items if case.startswith("valid/")}
    invalid_cases = {case for case, *_ in items if case.startswith("invalid/")}
    assert len(valid_cases) >= 5 and len(invalid_cases) >= 5, (valid_cases, invalid_cases)
    assert len(items) >= 30


def test_a_kind_whose_deadline_ignores_the_report_starts_its_clock_with_the_period() -> None:
    """`Kind.due` works a deadline out once per period unless the kind says its reports start
    their own clock (`due_from_report`): every other kind's model must keep the period's."""
    from validator.kinds import KINDS
    from validator.kinds.base import Report

    for kind in KINDS.values():
        if not kind.due_from_report:
            assert kind.model.starts_at is Report.starts_at, kind.name
    assert any(kind.due_from_report for kind in KINDS.values())


def test_the_policy_schema_tells_the_regulations_numbers_from_the_organisations() -> None:
    """An editor shows these words beside org/policy.yaml: the defaults the regulation sets are
    cited (and moving them is the organisation's own rule), the others are its setting."""
    defs = build_schema("policy")["definitions"]

    def words(model: str, field: str | None = None) -> str:
        node = defs[model] if field is None else defs[model]["properties"][field]
        return str(node["description"])

    assert "三(一)3" in words("WeeklyPolicy") and "本组织规定" in words("WeeklyPolicy")
    assert "三(一)4" in words("ExpensesPolicy")
    assert words("MonthlyPolicy").startswith("月报的截止规则(本组织规定")
    assert words("IncidentsPolicy").startswith("突发事件报告的时限(本组织规定")
    assert "四(一)1" in words("RotationPolicy", "protected_months")
    assert "四(一)2" in words("RotationPolicy", "due_months")
    assert "本组织规定" in words("RotationPolicy", "rounds")
    threshold = words("PerformancePolicy", "threshold")
    assert "四(一)2" in threshold and "调整岗位" in threshold and "需关注" not in threshold


def test_the_performance_policy_cites_the_article_of_the_monthly_score() -> None:
    """`performance:` holds only the monthly score under which a post is adjusted: 办法 四(一)2
    (每月外派绩效考核得分低于60分者,相应做岗位调整). 四(一)1 says the quarterly ranking and
    the half-year protection, not a monthly assessment."""
    node = build_schema("policy")["definitions"]["PerformancePolicy"]
    assert set(node["properties"]) == {"threshold"}
    assert "(办法 四(一)2)" in node["description"] and "四(一)1" not in node["description"]


#: how the sample regulations' articles are named (validator/data/handbook.yaml)
SAMPLE_ARTICLE = re.compile(r"办法|客服部|保安公司")
OWN_RULES = "regulations/staff-rules.md"
#: an organisation's own handbook, numbered unlike the samples
OWN_BOOK = Handbook(
    documents=[{"page": OWN_RULES, "title": "员工守则"}],
    articles={f"{OWN_RULES}#art-9": "守则 第九条", f"{OWN_RULES}#art-15": "守则 第十五条"},
    citations={"approvals": f"{OWN_RULES}#art-9", "region-class": f"{OWN_RULES}#art-15"},
)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_an_organisations_schemas_name_no_sample_article(name: str) -> None:
    """The schemas are the hover text of an organisation's editors and the hints of its form:
    once it has removed the samples or brought its own handbook, none cites a sample article."""
    for book in (default_handbook().without_samples(), OWN_BOOK):
        text = json.dumps(build_schema(name, handbook=book), ensure_ascii=False)
        found = SAMPLE_ARTICLE.search(text)
        assert found is None, text[max(found.start() - 60, 0) : found.end() + 20]


def test_an_organisations_schemas_cite_its_own_articles() -> None:
    approvals = build_schema("approvals", handbook=OWN_BOOK)
    assert "(守则 第九条)" in approvals["description"]
    assert (
        "(守则 第九条)"
        in approvals["definitions"]["Approval"]["properties"]["approved_by"]["description"]
    )
    region = build_schema("regions", handbook=OWN_BOOK)["definitions"]["Region"]["description"]
    assert "(守则 第十五条)" in region


def test_a_broken_handbook_is_said_not_replaced_by_the_samples_in_silence(tmp_path: Path) -> None:
    """With org/handbook.yaml unreadable the schemas fall back to the product's handbook (as
    every command does), so their descriptions cite the samples: `validator schema` says so."""
    (tmp_path / "org").mkdir()
    (tmp_path / "org/handbook.yaml").write_text("rules:\n  late: [nowhere.md#x]\n", "utf-8")
    result = CliRunner().invoke(cli, ["schema", "--repo", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "org/handbook.yaml" in result.output


def test_an_article_name_with_json_quotes_is_written_as_it_is() -> None:
    """Article names are the organisation's text: one with `"` or `\\` is cited as written,
    not spliced into the JSON text where it would break the schema."""
    link = f"{OWN_RULES}#art-9"
    book = Handbook(articles={link: '守则 "九" \\ 条'}, citations={"approvals": link})
    schema = build_schema("approvals", handbook=book)
    assert schema["description"].endswith('(守则 "九" \\ 条)。')
