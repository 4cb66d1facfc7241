"""The message catalog is complete in both languages, and every rule is documented."""

from __future__ import annotations

import re
import string

import pytest

from tests.support import ROOT
from tests.support.pinned import ADDED_RULES, PINNED_RULES
from validator.core.messages import CATALOG, YAML_PROBLEMS_ZH, render
from validator.rules import REPO_CHECKS, REPORT_CHECKS
from validator.rules.registry import REGISTRY, RULES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_both_languages_take_the_same_arguments(key: str) -> None:
    zh, en = CATALOG[key]
    assert zh and en
    assert re.search(r"[\u4e00-\u9fff]", zh), "the Chinese text must be Chinese"
    # an argument may come in a Chinese form for the Chinese text (`kind_zh` beside `kind`)
    assert {name.removesuffix("_zh") for name in fields(zh)} == fields(en)


def test_registry_holds_exactly_the_pinned_rules() -> None:
    assert [r.id for r in RULES] == PINNED_RULES + ADDED_RULES
    for rule in RULES:
        assert re.fullmatch(r"[a-z0-9/-]+\.md#[a-z0-9-]+", rule.handbook), rule


def test_every_registered_check_names_a_known_rule() -> None:
    for rule, _ in [*REPORT_CHECKS, *REPO_CHECKS]:
        assert REGISTRY[rule.id] is rule


def test_yaml_problem_translations_are_chinese() -> None:
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in YAML_PROBLEMS_ZH.values())


BACKDATED_ARGS = {
    "commit": "1a2b3c4",
    "author_date": "2026-11-23 12:40",
    "due": "2026-11-23 13:00",
    "event_time": "2026-11-23 15:10",
    "skew": "30m",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_backdated_tells_the_staff_member_what_to_do(lang: str) -> None:
    """Issue 19 item 10: the two-line remedy, re-date the commit to now and give a late_reason."""
    text = render("backdated", lang, BACKDATED_ARGS)
    assert "git commit --amend --no-edit --date=now" in text
    assert "late_reason" in text
    assert "\n" in text  # the remedy on lines of its own


def test_the_submission_guide_says_the_deadline_counts_on_arrival() -> None:
    guide = (ROOT / "docs/guide/submit.md").read_text(encoding="utf-8")
    assert "git commit --amend --no-edit --date=now" in guide
    assert "服务器" in guide and "late_reason" in guide
