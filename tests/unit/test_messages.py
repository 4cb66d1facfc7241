"""The message catalog is complete in both languages, and every rule is documented."""

from __future__ import annotations

import re
import string

import pytest

from tests.support.pinned import ADDED_RULES, PINNED_RULES
from validator.core.messages import CATALOG, YAML_PROBLEMS_ZH
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
    for rule_id, _ in [*REPORT_CHECKS, *REPO_CHECKS]:
        assert rule_id in REGISTRY


def test_yaml_problem_translations_are_chinese() -> None:
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in YAML_PROBLEMS_ZH.values())
