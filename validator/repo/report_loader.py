"""Loading every report of a large repository: cached results first, and the rest on two cores.

Parsing YAML and validating it is pure Python work that one process does on one core; a year
of reports of a national company is tens of thousands of files. When there are many reports to
parse and the machine has a second core, a forked child parses the second half while this
process parses the first, and sends back what the cache would store (data, validated report,
diagnostics; positions are re-parsed lazily if a message needs one). Anything going wrong in the
child means this process parses that half itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from validator.core.diagnostics import Diagnostic
from validator.kinds import REPORT_MODELS
from validator.models.common import share_given_fields
from validator.reading.blockyaml import load_block
from validator.reading.document import Document
from validator.reading.filebytes import decode, read_bytes
from validator.reading.loader import load_libyaml
from validator.reading.schema_errors import validate
from validator.repo.forking import Channel, Split
from validator.repo.layout import ReportFile
from validator.repo.report_cache import LazyDocument, ParsedReport, ReportCache

#: per report from the helper: (bytes, data-or-None, valid, diagnostics, has_document, read by
#: the block reader), or (None, ..., diagnostics, ...) when the file could not be read
ParsedInHelper = tuple[bytes | None, Any, Any, list[Diagnostic], bool, bool]


def parse(raw: bytes, path: str, kind: str, source: str | None = None) -> ParsedReport:
    """Decode, load and validate one report's bytes (read from the file `source`, if given).

    A report in plain block style is read without positions (a third faster); they are read
    again only for a report that a message is about, which most reports never are."""
    text, problems = decode(raw, path)
    if text is None:
        return None, None, problems
    data_only = load_block(text, path, positions=False)
    if data_only is not None:
        document: Document = LazyDocument(
            path, raw, data_only.data, source=source, kind=kind, block=True
        )
        instance, found = validate(document, REPORT_MODELS[kind])
        return document, instance, found
    loaded = load_libyaml(text, path)
    if loaded.document is None:
        return None, None, loaded.diagnostics
    instance, found = validate(loaded.document, REPORT_MODELS[kind])
    return loaded.document, instance, loaded.warnings + found


def load_one(
    root: Path, report: ReportFile, cache: ReportCache | None, *, hold: bool = False
) -> None:
    """Parse and validate one report, or take the result from `cache` when its bytes are known.

    A message's position is parsed from the file again, if its bytes are still those that were
    checked (a hash of them is kept, and the file is the only copy). With `hold` (no cache), from
    the bytes themselves: no hash to compute, and an edit racing the run cannot move a line,
    for about 0.5 KB a report (a full check of 2,000 staff: 604 MiB instead of 565)."""
    source = os.path.join(root, report.path)
    raw, problems = read_bytes(source, report.path)
    if raw is None:
        report.diagnostics.extend(problems)
        return
    if cache is None:
        entry = parse(raw, report.path, report.kind, None if hold else source)
    else:
        key = ReportCache.key(report.path, report.kind, raw)
        cached = cache.get(key, report.path, raw, source=source, kind=report.kind)
        entry = parse(raw, report.path, report.kind, source) if cached is None else cached
        if cached is None:
            cache.put(key, entry)
    _apply(report, entry)


def _apply(report: ReportFile, entry: ParsedReport) -> None:
    report.document, report.report, found = entry
    report.diagnostics.extend(found)


def _kept(report: ReportFile) -> None:
    if report.report is not None:
        share_given_fields(report.report)


class ReportLoader:
    """Loads `reports`; `start` forks the helper (before any thread exists), `finish` waits."""

    def __init__(self, root: Path, reports: Sequence[ReportFile], cache: ReportCache | None):
        self.root, self.reports, self.cache = root, list(reports), cache
        self.split: Split[ReportFile] = Split(self.reports, [], None)

    def start(self) -> Split[ReportFile]:
        """Fork the helper when it is worth it; the answer is the helper's handle, to close
        it (`with`): an error before `finish` kills the helper instead of leaving it parsing."""
        warm = self.cache is not None and bool(self.cache.entries)  # a warm cache leaves little
        root = str(self.root)

        def work(theirs: list[ReportFile], channel: Channel) -> None:
            channel.send(_parse_jobs(root, [(r.path, r.kind) for r in theirs]))

        self.split = Split.start(self.reports, work, worth=not warm)
        return self.split

    def finish(self) -> None:
        """Load every report. The caller keeps them all: each report's models share their
        sets of fields given as soon as it is loaded (`share_given_fields`)."""
        for report in self.split.mine:
            load_one(self.root, report, self.cache)
            _kept(report)
        theirs, results = self.split.theirs, self.split.answer()
        if results is None:
            for report in theirs:
                load_one(self.root, report, self.cache)
                _kept(report)
            return
        for report, (raw, data, valid, found, has_document, block) in zip(
            theirs, results, strict=True
        ):
            if raw is None:
                report.diagnostics.extend(found)
                continue
            # validating the data again here is faster than sending pydantic models
            instance = REPORT_MODELS[report.kind].model_validate(data) if valid else None
            source = os.path.join(self.root, report.path)
            key = ReportCache.key(report.path, report.kind, raw)
            document = (
                LazyDocument(
                    report.path, raw, data, source=source, kind=report.kind, key=key, block=block
                )
                if has_document
                else None
            )
            entry: ParsedReport = (document, instance, found)
            if self.cache is not None:
                self.cache.misses += 1
                self.cache.put(key, entry)
            _apply(report, entry)
            _kept(report)


def _parse_jobs(root: str, jobs: list[tuple[str, str]]) -> list[ParsedInHelper]:
    """In the helper: parse the given reports into what the parent needs."""
    out: list[ParsedInHelper] = []
    for path, kind in jobs:
        raw, problems = read_bytes(os.path.join(root, path), path)
        if raw is None:
            out.append((None, None, None, problems, False, False))
            continue
        document, instance, found = parse(raw, path, kind)
        data = document.data if document is not None else None
        block = isinstance(document, LazyDocument)  # `parse` makes one for block style only
        out.append((raw, data, instance is not None, found, document is not None, block))
    return out


def shed_data(reports: Sequence[ReportFile]) -> None:
    """Drop each report's data as written once it is validated: the checks read the validated
    report, and a message reads its positions again, from the file or from the bytes kept
    (`LazyDocument`, `load_one(hold=...)`). Half of a national company's full check is these
    dictionaries."""
    for report in reports:
        if report.document is not None:
            report.document.data = None
