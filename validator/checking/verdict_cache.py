"""Verdicts of unchanged reports, kept between runs of a full `validator check`.

A report's findings depend on its bytes, the org data, the code, when it was received and, only
until its period is over, on "now" (`future-period`, `spare-overdue`). Once it is committed and
its period is over, nothing else can change them. So a full check needs to look again only at
the files whose size, modification time or inode moved (like git's index), whose `received_at`
changed, or all of them when org data or the code changed; the rest is answered from
`.git/validator/`. Files not yet committed are always checked afresh: their `received_at` is
"now". So are the kinds with a check that reads other files (`reads_others`: handovers, whose
check reads the monthly reports). `--no-cache` skips all this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import validator
from validator.core.diagnostics import Diagnostic
from validator.core.files import open_cache, replace_whole
from validator.core.fingerprint import code_fingerprint
from validator.kinds.periods import period_start
from validator.models import handbook
from validator.reading.filebytes import decode, read_bytes
from validator.reading.loader import LoadResult, load_text
from validator.repo.layout import ReportFile

FORMAT = 1
#: the coarsest clock of file times (FAT's two seconds): a file written this shortly before its
#: state was taken may be written again within the same tick, with the same size, inode and time
RACY_NS = 2_000_000_000
#: stat fingerprint, received_at (epoch seconds), stable from (epoch seconds), findings
StoredVerdict = tuple[tuple[int, int, int], int, float, tuple[Diagnostic, ...]]


def rules_fingerprint() -> str:
    """Changes with any code of the package (rules decide verdicts as much as parsing does) and
    with the product's default handbook: package data, not code, whose articles a finding cites
    when the organisation has no `org/handbook.yaml` of its own."""
    package = Path(validator.__file__).parent
    defaults = hashlib.blake2b(handbook.DEFAULT_FILE.read_bytes(), digest_size=10).hexdigest()
    return code_fingerprint(package.glob("**/*.py"), FORMAT) + defaults


class OrgReader:
    """Reads org/ files for `load_org` (`read=`) from where `org_sources` says, the private
    checkout's personal files too, and fingerprints the bytes it read: the verdicts are kept
    under exactly the org data they were judged with. Read a second time, an edit racing the
    run would file verdicts judged with the old org/ under the new one's key."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources
        self._digest = hashlib.blake2b(digest_size=16)

    def __call__(self, rel: str) -> LoadResult:
        raw, problems = read_bytes(str(self.sources[rel] / rel), rel)
        name = rel.encode("utf-8", "surrogateescape")
        if raw is None:
            self._digest.update(b"%s\0unreadable\0" % name)
            return LoadResult(None, problems)
        self._digest.update(b"%s\0%d\0" % (name, len(raw)) + raw)
        text, problems = decode(raw, rel)
        return LoadResult(None, problems) if text is None else load_text(text, rel)

    def fingerprint(self) -> str:
        """Changes with any byte of the org/ files read (policy, roster, regions, approvals,
        leave, scores), wherever they were read from."""
        return self._digest.hexdigest()


def settled(stat: tuple[int, int, int], taken: int) -> bool:
    """Whether a verdict on a file in `stat`, taken at `taken` (epoch nanoseconds), may be kept:
    a later save of the same length could not keep its modification time (git's racy entries)."""
    return stat[1] <= taken - RACY_NS


def stat_key(root: Path, rel: str) -> tuple[int, int, int] | None:
    try:
        st = os.lstat(os.path.join(root, rel))
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass
class VerdictCache:
    """Findings per report file from earlier runs, valid for one org and one code version."""

    file: Path
    key: str
    entries: dict[str, StoredVerdict] = field(default_factory=dict)

    @classmethod
    def open(cls, git_dir: Path, key: str) -> VerdictCache:
        cache = cls(git_dir / "validator" / "verdicts.pickle", key)
        try:
            with open_cache(cache.file) as handle:  # a regular file, nothing else
                stored_key, entries = pickle.load(handle)
            if stored_key == key and isinstance(entries, dict):
                cache.entries = entries
        except Exception:  # missing, stale or damaged: start empty
            pass
        return cache

    def lookup(
        self,
        rel: str,
        stat: tuple[int, int, int] | None,
        received: dt.datetime | None,
        now: dt.datetime,
    ) -> tuple[Diagnostic, ...] | None:
        """The stored findings, when nothing they depend on can have changed."""
        entry = self.entries.get(rel)
        if entry is None or stat is None or received is None:
            return None
        stored_stat, stored_received, stable_from, findings = entry
        if stored_stat != stat or stored_received != int(received.timestamp()):
            return None
        if now.timestamp() < stable_from:
            return None
        return findings

    def save(self, entries: dict[str, StoredVerdict]) -> None:
        """Keep exactly `entries` (files that are gone drop out), whole (`replace_whole`)."""
        replace_whole(
            self.file,
            lambda handle: pickle.dump(
                (self.key, entries), handle, protocol=pickle.HIGHEST_PROTOCOL
            ),
        )


def stable_from(rf: ReportFile, tz: ZoneInfo) -> float:
    """From when on a committed report's findings no longer depend on "now": once its period is
    over (`spare-overdue` judges a unit as of today until the month is over), and not before
    it has begun (`future-period`; an incident's clock starts when it happened)."""
    begun = rf.report.starts_at(rf.period, tz) if rf.report else period_start(rf.period, tz)
    over = dt.datetime.combine(rf.period.end + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return max(begun, over).timestamp()
