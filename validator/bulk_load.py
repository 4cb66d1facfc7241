"""Loading every report of a large repository: cached results first, and the rest on two cores.

Parsing YAML and validating it is pure Python work that one process does on one core; a year
of reports of a national company is tens of thousands of files. When there are many reports to
parse and the machine has a second core, a forked child parses the second half while this
process parses the first, and sends back what the cache would store (data, validated report,
diagnostics; positions are re-parsed lazily if a message needs one). Anything going wrong in the
child means this process parses that half itself.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from validator.diagnostics import Diagnostic
from validator.loader import decode, load_text, read_bytes
from validator.models import REPORT_MODELS
from validator.report_cache import Entry, LazyDocument, ReportCache
from validator.schema_errors import validate

if TYPE_CHECKING:
    from pathlib import Path

    from validator.workspace import ReportFile

PARALLEL_MIN = 2000  # below this, starting a process costs more than it saves
HELPER_TIMEOUT = 600.0  # seconds; a helper that has not answered by then is given up on
HELPER_EXIT = 5.0  # seconds for the helper to exit after answering, then it is killed

#: per report from the child: (bytes, data-or-None, valid, diagnostics, has_document), or
#: (None, ..., diagnostics) when the file could not be read
Result = tuple[bytes | None, Any, Any, list[Diagnostic], bool]


def parse(raw: bytes, path: str, kind: str) -> Entry:
    """Decode, load and validate one report's bytes."""
    text, problems = decode(raw, path)
    if text is None:
        return None, None, problems
    loaded = load_text(text, path)
    if loaded.document is None:
        return None, None, loaded.diagnostics
    instance, found = validate(loaded.document, REPORT_MODELS[kind])
    return loaded.document, instance, loaded.diagnostics + found


def load_one(root: Path, report: ReportFile, cache: ReportCache | None) -> None:
    """Parse and validate one report, or take the result from `cache` when its bytes are known."""
    raw, problems = read_bytes(str(root / report.path), report.path)
    if raw is None:
        report.diagnostics.extend(problems)
        return
    if cache is None:
        entry = parse(raw, report.path, report.kind)
    else:
        key = ReportCache.key(report.path, report.kind, raw)
        cached = cache.get(key, report.path, raw)
        entry = parse(raw, report.path, report.kind) if cached is None else cached
        if cached is None:
            cache.put(key, entry)
    _apply(report, entry)


def _apply(report: ReportFile, entry: Entry) -> None:
    report.document, report.report, found = entry
    report.diagnostics.extend(found)


class Loader:
    """Loads `reports`; `start` forks the helper (before any thread exists), `finish` waits."""

    def __init__(self, root: Path, reports: Sequence[ReportFile], cache: ReportCache | None):
        self.root, self.reports, self.cache = root, list(reports), cache
        self.mine = self.reports
        self.theirs: list[ReportFile] = []
        self.process: Any = None
        self.conn: Connection | None = None

    def worth_forking(self) -> bool:
        return (
            len(self.reports) >= PARALLEL_MIN
            and (os.cpu_count() or 1) >= 2
            and (self.cache is None or not self.cache.entries)  # a warm cache leaves little
            and threading.active_count() == 1  # forking a threaded process is unsafe
            and "fork" in multiprocessing.get_all_start_methods()
        )

    def start(self) -> None:
        if not self.worth_forking():
            return
        half = len(self.reports) // 2
        self.mine, self.theirs = self.reports[:half], self.reports[half:]
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        jobs = [(r.path, r.kind) for r in self.theirs]
        try:
            self.process = context.Process(target=_child, args=(send, str(self.root), jobs))
            self.process.daemon = True
            self.process.start()
        except OSError:
            self.mine, self.theirs, self.process = self.reports, [], None
            receive.close()
        else:
            self.conn = receive
        finally:
            send.close()

    def finish(self) -> None:
        for report in self.mine:
            load_one(self.root, report, self.cache)
        if not self.theirs:
            return
        results = self._receive()
        if results is None or len(results) != len(self.theirs):
            for report in self.theirs:
                load_one(self.root, report, self.cache)
            return
        for report, (raw, data, valid, found, has_document) in zip(
            self.theirs, results, strict=True
        ):
            if raw is None:
                report.diagnostics.extend(found)
                continue
            # validating the data again here is faster than sending pydantic models
            instance = REPORT_MODELS[report.kind].model_validate(data) if valid else None
            document = LazyDocument(report.path, raw, data) if has_document else None
            entry: Entry = (document, instance, found)
            if self.cache is not None:
                self.cache.misses += 1
                self.cache.put(ReportCache.key(report.path, report.kind, raw), entry)
            _apply(report, entry)

    def _receive(self) -> list[Result] | None:
        assert self.conn is not None and self.process is not None
        results: list[Result] | None = None
        try:
            if self.conn.poll(HELPER_TIMEOUT):
                payload = self.conn.recv_bytes()
                results = pickle.loads(payload) if payload else None
        except (EOFError, OSError, pickle.UnpicklingError):
            results = None
        finally:
            self.conn.close()
            self.process.join(HELPER_EXIT)
            if self.process.is_alive():  # stuck after answering (or never answered)
                self.process.kill()
                self.process.join()
        return results


def _child(conn: Connection, root: str, jobs: list[tuple[str, str]]) -> None:
    """In the forked helper: parse the given reports and send back what the parent needs."""
    try:
        out: list[Result] = []
        for path, kind in jobs:
            raw, problems = read_bytes(os.path.join(root, path), path)
            if raw is None:
                out.append((None, None, None, problems, False))
                continue
            document, instance, found = parse(raw, path, kind)
            data = document.data if document is not None else None
            out.append((raw, data, instance is not None, found, document is not None))
        conn.send_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # the parent parses this half itself
        conn.send_bytes(b"")
    finally:
        conn.close()
