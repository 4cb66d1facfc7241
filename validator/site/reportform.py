"""What the report form page (`docs/form/`) needs from the build: settings and, internally, names.

The page itself is static JavaScript; it reads one `data-config` attribute that the MkDocs hook
fills from here: the Git host and repository for the "create file" link (`extra` in mkdocs.yml:
`git_kind`, `git_host`, `repository`, `git_branch`; each host's new-file page in `new_file()`),
the deadlines and time zone from `org/policy.yaml` (so the default period is the one due next),
and "now" when `$VALIDATOR_NOW` pins it. The roster (ids, names, postings and approvals) is
personal data, so it is only offered to internal builds, as a separate `roster.json`: there the
monthly form asks for the stock of every region its author was posted to, and the expenses form
checks the approval each trip or reception cites, as check does. Public builds get
the ids alone (`ids.json`), so the form can still catch a mistyped 工号. The region ids are
organisation data, not personal data: both audiences get them in the settings. Internal builds
also point the form to each person's data of the status viewer, for the reports filed as of the
build (`PERSON_DATA`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from validator.core import messages, years
from validator.core.diagnostics import Diagnostic
from validator.core.timeutil import resolve_now
from validator.features.schemas import build_all, render
from validator.kinds import KINDS
from validator.kinds.handover import dated_within
from validator.models.handbook import handbook_of
from validator.repo.org_data import Org, load_org
from validator.rules.base import cited_in
from validator.rules.deadlines import basis_in
from validator.rules.expenses import APPROVAL_ARTICLE, NEEDS_APPROVAL
from validator.rules.spares import SPARE_ARTICLE, STOCK_ARTICLE
from validator.site.pages.people import PEOPLE

#: the kinds whose periods the form knows how to propose (docs/form/form.js)
FORM_KINDS = ("weekly", "monthly", "expenses", "incidents", "handover")
FORM_PAGE = "form/index.md"
ROSTER_FILE = "form/roster.json"
IDS_FILE = "form/ids.json"
#: the JSON Schemas the form reads (docs-relative): `docs/schemas/`, written by `validator schema`
SCHEMA_DIR = "schemas"
#: an internal build's data of one person, `{id}` left to the page, relative to form/form.js:
#: the status viewer's `status/data/people/<id>.json` (site/pages/people.py), whose reports
#: tell the form which are filed
PERSON_DATA = f"../status/{PEOPLE}/{{id}}.json"


def load_repo_org(repo: Path) -> Org:
    """The org data of `repo`; a missing or broken file falls back to the defaults."""
    problems: list[Diagnostic] = []
    return load_org(repo, problems) if repo.is_dir() else Org()


def form_config(
    org: Org, extra: Mapping[str, Any], audience: str, now_text: str | None
) -> dict[str, Any]:
    """The settings the page script reads (JSON-serializable)."""
    policy = org.policy
    reports = policy.reports
    now: str | None = None
    if now_text:
        moment = resolve_now(now_text, policy.tz)
        now = moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    git_host = str(extra.get("git_host") or "").strip().rstrip("/")
    repository = str(extra.get("repository") or "").strip().strip("/")
    branch = str(extra.get("git_branch") or "main").strip() or "main"
    kind = str(extra.get("git_kind") or "github").strip().lower()
    book = handbook_of(org.handbook)  # the articles check's messages cite
    return {
        # As configured: a bare host name means https://.
        "git_host": git_host,
        "repository": repository,
        "branch": branch,
        "git_kind": kind,
        **new_file(kind, git_host, repository, branch),
        "timezone": policy.timezone,
        "weekly_due": {"weekday": reports.weekly.due.weekday, "time": reports.weekly.due.time},
        "monthly_due": {"day": reports.monthly.due.day, "time": reports.monthly.due.time},
        "expenses_due": {"day": reports.expenses.due.day, "time": reports.expenses.due.time},
        "incidents_due": reports.incidents.due_within,  # after occurred_at: "24h", "2d"
        "handover_due": reports.handover.due_within,  # after the midnight ending its date
        "years": [years.FIRST_YEAR, years.LAST_YEAR],  # the years a period may name
        "now": now,
        "roster": audience == "internal",
        "ids": audience != "internal",  # public builds: ids.json, ids without names
        # the region ids of org/regions.yaml (organisation data, for both audiences), so the
        # form refuses an unknown one as check's `unknown-region` does; None when the file is
        # broken and check skips that rule
        "regions": [r.id for r in org.regions.regions] if org.regions_known else None,
        # and their names, offered beside the ids (广州 for guangzhou) and taken for them
        "region_names": {r.id: r.name for r in org.regions.regions} if org.regions_known else None,
        # check's message for a posted region without stock, `{region}` and `{month}` left to
        # the page (internal builds, which know the postings, say it)
        "stock_missing": _said(
            "stock-region-missing",
            region="{region}",
            month="{month}",
            **cited_in(book, "stock-region-missing", STOCK_ARTICLE),
        ),
        # check's approval rules for an expense item (rules/expenses.py), by the categories
        # that need an approval; `{date}` (the item's) left to the page, and on internal builds,
        # which know the approvals, `{approval}`, `{staff}` and `{approved_on}` too
        "approval_missing": {
            category: _said(
                "approval-missing",
                category=label,
                date="{date}",
                **cited_in(book, "approval-missing", APPROVAL_ARTICLE),
            )
            for category, label in NEEDS_APPROVAL.items()
        },
        "approval_unknown": _said(
            "approval-unknown", approval="{approval}", staff="{staff}", date="{date}"
        ),
        "approval_after": _said(
            "approval-after-the-fact",
            approval="{approval}",
            approved_on="{approved_on}",
            date="{date}",
            **cited_in(book, "approval-after-the-fact", APPROVAL_ARTICLE),
        ),
        # the kinds the form writes, from the table of report kinds: folder -> period field,
        # label, a period as an example
        "kinds": {
            name: {
                "period": KINDS[name].model.period_field,
                "name": KINDS[name].label_zh,
                "example": KINDS[name].example,
            }
            for name in FORM_KINDS
        },
        # check's words for a report already on the branch (pull-request mode), and on internal
        # builds where each person's reports are, so the form proposes the next period as
        # `validator new` does and refuses a filed one; public builds publish no one's reports
        "modified_after_merge": _said("modified-after-merge", base=branch),
        "filed": PERSON_DATA if audience == "internal" else None,
    }


def page_config(
    org: Org, extra: Mapping[str, Any], audience: str, now_text: str | None
) -> dict[str, Any]:
    """What the page's `data-config` holds: the settings (`form_config`) and check's warnings
    (`warning_config`)."""
    return {
        **form_config(org, extra, audience, now_text),
        **warning_config(org, audience),
        **message_config(org),
    }


def message_config(org: Org) -> dict[str, Any]:
    """check's messages for what the form refuses as check does (rules/references.py,
    periods.py, deadlines.py), with the placeholders left to the page: a 工号 not in the roster
    (`unknown-staff`, and `unknown-staff-suggest` with the id check would suggest), a region not
    in org/regions.yaml (`unknown-region`), a date outside the window each kind gives its dates
    (`date-out-of-period`; a monthly report's loans and returns `date-after-period`, an
    incident's updates `date-before-occurred`), and a report past its deadline without a
    reason (`late`, by kind: where its deadline comes from, said as check says it)."""
    book = handbook_of(org.handbook)
    return {
        "unknown_staff": _said("unknown-staff", staff="{staff}"),
        "unknown_staff_suggest": _said(
            "unknown-staff-suggest", staff="{staff}", suggestion="{suggestion}"
        ),
        "unknown_region": _said("unknown-region", region="{region}"),
        "date_out_of_period": _said(
            "date-out-of-period", date="{date}", start="{start}", end="{end}"
        ),
        "date_after_period": _said("date-after-period", date="{date}", end="{end}"),
        "date_before_occurred": _said("date-before-occurred", date="{date}", start="{start}"),
        "late": {
            kind: _said(
                "late", due="{due}", received="{received}", basis=basis_in(org.policy, book, kind)
            )
            for kind in FORM_KINDS
        },
    }


def warning_config(org: Org, audience: str) -> dict[str, Any]:
    """check's warnings, which the page says under the problems and which never keep the file
    from being created: `spare-overdue` (a unit past its due date by the end of the month or
    today), on both audiences' forms; `not-posted` (the roster's postings) and `handover-units`
    (each person's units out, from their data) on internal builds, which know them."""
    book = handbook_of(org.handbook)
    internal = audience == "internal"
    return {
        "spare_overdue": _said(
            "spare-overdue",
            serial="{serial}",
            due="{due}",
            on="{on}",
            **cited_in(book, "spare-overdue", SPARE_ARTICLE),
        ),
        "not_posted": _said("not-posted", staff="{staff}", period="{period}") if internal else None,
        # how many days before its date a handover's posting may have ended (kinds/handover.py
        # posting_window)
        "handover_reach": dated_within(org.policy).days,
        "handover_units": (
            _said("handover-units", month="{month}", missing="{missing}", extra="{extra}")
            if internal
            else None
        ),
    }


def _said(rule: str, **values: Any) -> str:
    """Check's Chinese message for `rule`, with the placeholders the page fills in."""
    return messages.render(rule, "zh", values)


# Each host's page for a new file, with the query parameters that prefill its name and text.
# `{dir}` in the path: Gitea and Forgejo take the folder in the path and a bare file name
# (/{owner}/{repo}/_new/{branch}/{dir}/?filename=&value=); GitHub and GitLab the whole path as
# the name. The upload page is where the download-and-upload fallback sends the reader.
HOST_KINDS = ("github", "gitea", "forgejo", "gitlab")
_GITEA = ("{repo}/_new/{branch}/{dir}/", "filename", "value", "{repo}/_upload/{branch}/{dir}/")
_PAGES = {
    "github": ("{repo}/new/{branch}", "filename", "value", "{repo}/upload/{branch}/{dir}"),
    "gitea": _GITEA,
    "forgejo": _GITEA,
    "gitlab": ("{repo}/-/new/{branch}", "file_name", "content", "{repo}/-/tree/{branch}/{dir}"),
}


def new_file(kind: str, git_host: str, repository: str, branch: str) -> dict[str, Any]:
    """The templates the page fills in: `new_file` (prefilled new-file page: url with `{dir}`,
    and the name and content parameters; None when the host has none) and `upload_url`
    (with `{dir}`; None when unknown). Only http(s) hosts: the link must not run script."""
    base = git_host if "://" in git_host else f"https://{git_host}"
    parts = urllib.parse.urlsplit(base)
    if not repository or parts.scheme not in HTTP or not _NETLOC.fullmatch(parts.netloc):
        return {"new_file": None, "upload_url": None}
    page = _PAGES.get(kind)
    if page is None:
        return {"new_file": None, "upload_url": None}
    path, name, content, upload = page
    fields = {"repo": _quote(repository), "branch": _quote(branch), "dir": "{dir}"}
    return {
        "new_file": {"url": f"{base}/{path.format(**fields)}", "name": name, "content": content},
        "upload_url": f"{base}/{upload.format(**fields)}",
    }


HTTP = ("http", "https")
_NETLOC = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]{1,5})?")  # a host name or address, and a port


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="/")


def schema_files(org: Org) -> dict[str, str]:
    """Every JSON Schema by docs-relative path, made from `org`'s policy and handbook. The site
    serves these instead of the committed `docs/schemas/`, which may have been generated for
    other data (the product's, or before the organisation changed its deadlines or handbook):
    the form's hints must say the deadlines its settings use and cite only its articles."""
    return {
        f"{SCHEMA_DIR}/{name}.schema.json": render(schema)
        for name, schema in build_all(org.policy, org.handbook).items()
    }


def roster_entries(org: Org) -> list[dict[str, Any]]:
    """Ids and names for the staff picker, each one's postings (regions, first and last day;
    `to` null while in force) for the monthly form's stock regions, and each one's approvals
    (id, kind, first and last day, when granted; null if not said) for the expenses form's
    approval rules: nothing else (no purpose, no reviewer or approver)."""
    approvals: dict[str, list[dict[str, Any]]] = {}
    for a in org.approval_by_id.values():  # as check reads them: of an id given twice, the last
        approvals.setdefault(a.staff, []).append(
            {
                "id": a.id,
                "kind": a.kind,
                "from": str(a.from_),
                "to": str(a.to),
                "approved_on": None if a.approved_on is None else str(a.approved_on),
            }
        )
    return [
        {
            "id": m.id,
            "name": m.name,
            "postings": [
                {
                    "regions": p.regions,
                    "from": str(p.from_),
                    "to": None if p.to is None else str(p.to),
                }
                for p in m.postings
            ],
            "approvals": approvals.get(m.id, []),
        }
        for m in org.roster.staff
    ]


def roster_json(org: Org) -> str:
    return json.dumps(roster_entries(org), ensure_ascii=False, indent=1) + "\n"


def ids_json(org: Org) -> str:
    """The ids alone, for public builds: enough to catch a mistyped 工号, no names."""
    return json.dumps([m.id for m in org.roster.staff], indent=1) + "\n"
