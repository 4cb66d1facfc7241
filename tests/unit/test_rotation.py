"""Rotation flags and the quarterly ranking (JP 四(一), 四(二)5), computed without a site build."""

from __future__ import annotations

import datetime as dt
from typing import Any

from validator.features.ranking import quarterly_ranking
from validator.features.rotation import (
    DUE,
    LOW_SCORE,
    MAJOR_FAULT,
    PROTECTED,
    Incident,
    assess_rotation,
    months_between,
    next_round,
    region_tenure,
)
from validator.models.org import Scores, Staff, StaffRoster
from validator.models.policy import Policy
from validator.repo.org_data import Org


def member(staff_id: str, *postings: tuple[list[str], str, str | None], **extra: Any) -> Staff:
    return Staff.model_validate(
        {
            "id": staff_id,
            "name": staff_id,
            "category": extra.get("category", "account_manager"),
            "email": f"{staff_id}@example.com",
            "github": f"gh-{staff_id}",
            "postings": [{"regions": r, "from": a, "to": b} for r, a, b in postings],
        }
    )


def org(*staff: Staff, scores: dict[str, dict[str, float]] | None = None, **policy: Any) -> Org:
    return Org(
        policy=Policy.model_validate(policy),
        roster=StaffRoster(staff=list(staff)),
        scores={m: Scores(month=m, scores=s) for m, s in (scores or {}).items()},
    )


TODAY = dt.date(2026, 11, 27)


def test_tenure_is_judged_at_the_next_round_not_today() -> None:
    """Posted 2026-01-15: 10 months today, 11 at the 2027-01-01 round (under 12); posted
    2025-12-20: 11 months today, 12 at the round, so due now."""
    board = assess_rotation(
        org(
            member("early", (["guangzhou"], "2025-12-20", None)),
            member("later", (["guangzhou"], "2026-01-15", None)),
        ),
        [],
        TODAY,
    )
    assert board.round == dt.date(2027, 1, 1)
    found = {a.staff.id: a for a in board.assessments}
    assert found["early"].months == 12 and DUE in found["early"].flags
    assert found["later"].months == 11 and DUE not in found["later"].flags


def test_the_rounds_are_the_policy_setting() -> None:
    board = assess_rotation(
        org(member("aa", (["guangzhou"], "2025-12-20", None)), rotation={"rounds": ["12-01"]}),
        [],
        TODAY,
    )
    assert board.round == dt.date(2026, 12, 1)
    assert board.assessments[0].months == 11 and board.assessments[0].flags == ()


def test_a_low_score_is_not_hidden_behind_tenure_or_protection() -> None:
    """Every flag that applies is shown: due and low score together, and a new posting with a
    low score is not protected (「无重大失误」 is not met)."""
    board = assess_rotation(
        org(
            member("veteran", (["guangzhou"], "2024-01-01", None)),
            member("newcomer", (["foshan"], "2026-10-01", None)),
            member("fine", (["foshan"], "2026-10-01", None)),
            scores={"2026-10": {"veteran": 55, "newcomer": 59, "fine": 80}},
        ),
        [],
        TODAY,
    )
    flags = {a.staff.id: a.flags for a in board.assessments}
    assert flags == {
        "veteran": (DUE, LOW_SCORE),
        "newcomer": (LOW_SCORE,),
        "fine": (PROTECTED,),
    }
    assert board.count(LOW_SCORE) == 2 and board.count(DUE) == 1 and board.count(PROTECTED) == 1


def test_an_earlier_low_month_in_the_posting_ends_protection() -> None:
    board = assess_rotation(
        org(
            member("aa", (["foshan"], "2026-08-01", None)),
            scores={"2026-08": {"aa": 40}, "2026-10": {"aa": 90}},
        ),
        [],
        TODAY,
    )
    (only,) = board.assessments
    assert only.flags == () and only.low_months == ("2026-08",)


def test_a_serious_incident_during_the_posting_ends_protection() -> None:
    """An incident that reached a regulator or the media during the posting is a major fault;
    one that stayed with the operator (other), or happened before the posting, is not."""
    staff = (
        member("media", (["foshan"], "2026-09-01", None)),
        member("other", (["foshan"], "2026-09-01", None)),
        member("before", (["foshan"], "2026-09-01", None)),
    )
    incidents = [
        Incident("media", dt.date(2026, 10, 3), "media", "submissions/media/incidents/x.yaml"),
        Incident("other", dt.date(2026, 10, 3), "other", "submissions/other/incidents/x.yaml"),
        Incident("before", dt.date(2026, 8, 3), "regulator", "submissions/b/incidents/x.yaml"),
    ]
    board = assess_rotation(org(*staff), incidents, TODAY)
    flags = {a.staff.id: a.flags for a in board.assessments}
    assert flags == {"media": (MAJOR_FAULT,), "other": (PROTECTED,), "before": (PROTECTED,)}
    assert board.count(MAJOR_FAULT) == 1


def test_adding_a_neighbouring_region_does_not_reset_tenure() -> None:
    """guangzhou since 2025-03-01 across two postings; foshan added on 2026-09-01."""
    staff = member(
        "aa",
        (["guangzhou"], "2025-03-01", "2026-08-31"),
        (["guangzhou", "foshan"], "2026-09-01", None),
    )
    assert region_tenure(staff, "guangzhou", TODAY) == dt.date(2025, 3, 1)
    assert region_tenure(staff, "foshan", TODAY) == dt.date(2026, 9, 1)
    (only,) = assess_rotation(org(staff), [], TODAY).assessments
    assert [(t.region, t.since) for t in only.regions] == [
        ("guangzhou", dt.date(2025, 3, 1)),
        ("foshan", dt.date(2026, 9, 1)),
    ]
    assert only.months == 22 and only.flags == (DUE,)


def test_a_gap_in_the_postings_starts_tenure_again() -> None:
    staff = member(
        "aa",
        (["guangzhou"], "2024-01-01", "2025-12-31"),
        (["foshan"], "2026-01-01", "2026-08-31"),
        (["guangzhou"], "2026-09-01", None),
    )
    assert region_tenure(staff, "guangzhou", TODAY) == dt.date(2026, 9, 1)


def test_channel_assistants_and_reviewers_are_not_in_rotation() -> None:
    staff = (
        member("assistant", (["guangzhou"], "2024-01-01", None), category="channel_assistant"),
        member("posted", (["guangzhou"], "2024-01-01", None)),
    )
    reviewer = Staff.model_validate(
        {"id": "rev", "name": "审核", "email": "r@example.com", "github": "rev", "role": "reviewer"}
    )
    default = assess_rotation(org(*staff, reviewer), [], TODAY)
    assert [a.staff.id for a in default.assessments] == ["posted"]


def test_not_posted_today_has_no_flags() -> None:
    board = assess_rotation(
        org(member("gone", (["guangzhou"], "2024-01-01", "2026-10-31"))), [], TODAY
    )
    (only,) = board.assessments
    assert not only.posted and only.flags == () and board.not_posted == 1


def test_the_current_quarter_is_provisional_and_assistants_are_not_ranked() -> None:
    data = org(
        member("wang-a", (["guangzhou"], "2026-01-01", None)),
        member("li-bo", (["guangzhou"], "2026-01-01", None)),
        member("helper", (["guangzhou"], "2026-01-01", None), category="channel_assistant"),
        scores={
            "2026-08": {"wang-a": 90, "li-bo": 70, "helper": 99},
            "2026-10": {"wang-a": 80, "li-bo": 70, "helper": 99},
            "2026-11": {"wang-a": 60, "li-bo": 70},
        },
    )
    ranking = quarterly_ranking(data, TODAY)
    assert [(q.quarter, q.provisional) for q in ranking] == [("2026-Q3", False), ("2026-Q4", True)]
    assert ranking[1].rows == [(1, "li-bo", 70.0, 2), (1, "wang-a", 70.0, 2)]
    assert ranking[0].rows == [(1, "wang-a", 90.0, 1), (2, "li-bo", 70.0, 1)]


def test_next_round_and_months_between() -> None:
    assert next_round(dt.date(2026, 11, 27), ["01-01", "07-01"]) == dt.date(2027, 1, 1)
    assert next_round(dt.date(2026, 7, 1), ["01-01", "07-01"]) == dt.date(2027, 1, 1)
    assert next_round(dt.date(2026, 6, 30), ["07-01", "02-30"]) == dt.date(2026, 7, 1)
    assert next_round(dt.date(2026, 6, 30), []) is None
    assert months_between(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 0
    assert months_between(dt.date(2026, 1, 15), dt.date(2027, 1, 1)) == 11
