"""Parsed reports kept between runs, keyed by path and content, inside the git directory.

A year of a national company's reports is tens of thousands of files that almost never change;
parsing and validating them again on every `validator check`, `status` or `pages` run is most of
the work. The cache maps (path, kind, bytes) to what loading produced: the positioned document,
the validated report and the diagnostics. It is tied to the exact code that produced it (a
fingerprint of the installed package), lives in `.git/validator/` (never committed, never in a
pull request), and is skipped with `--no-cache`. Anything wrong with it means "no cache".
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from validator.core.diagnostics import Diagnostic
from validator.core.files import open_cache, replace_whole
from validator.core.fingerprint import code_fingerprint, imported_by
from validator.kinds import REPORT_MODELS
from validator.reading.blockyaml import top_level_mark
from validator.reading.document import Document, Loc, Mark
from validator.reading.filebytes import decode, read_bytes
from validator.reading.loader import load_text

FORMAT = 6
#: entries per pickle in the cache file: one pickle of a national company's 120,000 reports
#: holds a memo of every object it writes (several million) until the end, a third of a run's
#: memory; pickles of this many keep sharing what repeats (keys, dates) at a fraction of that
CHUNK = 5000
#: what loading one report produced: its document, the validated report, the diagnostics
ParsedReport = tuple[Document | None, Any, list[Diagnostic]]
#: the stored form: has-document, data, the report kind when the data validated, diagnostics
#: and, only for the documents a message needed last time, their positions (the value and key
#: dictionaries of a `Document`), pickled: positions are most of the bytes and rarely used (a
#: national company's late reports have 80 MB of them), so a run unpacks only those of the
#: documents it reports on; validating the data again is faster than unpickling models
Stored = tuple[bool, Any, Any, list[Diagnostic], bytes | None]


class LazyDocument(Document):
    """A cached report's document: its positions are parsed again only if a message needs one.

    Rules ask a report's document for positions only when they report something, so a cache hit
    keeps the data only, and parses on the first `mark()` (or `values`/`keys`). The bytes are
    read again from `source` then (keeping them would hold a national company's reports in
    memory twice), and used only while they are still the bytes the data came from (`key`);
    a file changed meanwhile gives messages without a line. Without `source`, `raw` is kept."""

    def __init__(
        self,
        path: str,
        raw: bytes | None,
        data: Any,
        *,
        source: str | None = None,
        kind: str = "",
        key: bytes = b"",
        packed: bytes | None = None,
        block: bool = False,
    ) -> None:  # positions left unset
        self.path = path
        self.data = data
        self._packed = packed  # the positions, pickled: unpacked rather than parsed again
        self._raw = raw if source is None else None
        self._source = source
        self._kind = kind
        if source is not None and not key and raw is not None:
            key = ReportCache.key(path, kind, raw)
        self._key = key
        self.keep = False  # a cache will store the positions: hold them once parsed
        self._block = block  # the block reader read the text: `top_level_mark` may search it

    def _load(self) -> Document:
        """The positioned document: unpacked from the cache, else parsed from the file."""
        if self._packed is not None:
            try:
                values, keys = pickle.loads(self._packed)
                return Document(self.path, self.data, values, keys)
            except Exception:  # damaged in the cache file: parse the file instead
                self._packed = None
        return self._parse(self._text())

    def _text(self) -> str | None:
        """The report's text as it was read; None when the file changed since (its positions
        are unknown) or cannot be read."""
        raw = self._raw
        if raw is None and self._source is not None:
            raw, _ = read_bytes(self._source, self.path)
            if raw is not None and ReportCache.key(self.path, self._kind, raw) != self._key:
                raw = None
        return decode(raw, self.path)[0] if raw is not None else None

    def _parse(self, text: str | None) -> Document:
        """The positions of `text`. Kept (packed) only for a cache that will store them
        (`keep_positions`); otherwise each message parses again, so that a national company's
        late reports (one message each) do not keep 80 MB of positions alive."""
        loaded = load_text(text, self.path).document if text is not None else None
        found = loaded if loaded is not None else Document(self.path, None)
        if self.keep:  # packed: a third of the memory of the dictionaries
            self._packed = pickle.dumps((found.values, found.keys), pickle.HIGHEST_PROTOCOL)
        return found

    def mark(self, loc: Loc, *, key: bool = False) -> Mark | None:
        if self._block and len(loc) == 1 and not key and self._packed is None and not self.keep:
            # a top-level `key: value` line, where most messages point: found in the text
            # without reading the whole report again (`top_level_mark`)
            text = self._text()
            found = top_level_mark(text, loc[0]) if text is not None else None
            return found if found is not None else self._parse(text).mark(loc)
        return self._load().mark(loc, key=key)

    def __getattr__(self, name: str) -> Any:  # `values`, `keys`: parsed on first use
        if name in ("values", "keys"):
            return getattr(self._load(), name)
        raise AttributeError(name)


#: the module that turns bytes into reports: its code and every module of this package it
#: imports (found by reading their imports) decide what loading produces, so they make up the
#: fingerprint; a change to any other module (pages, commands) keeps the cache valid
PARSING_ENTRY = "validator.repo.report_loader"


def fingerprint() -> str:
    """Changes whenever the code or libraries that turn bytes into reports change."""
    return code_fingerprint(imported_by(PARSING_ENTRY), FORMAT)


@dataclass
class ReportCache:
    """Entries from the last run; `save` keeps only the entries this run used."""

    file: Path | None
    entries: dict[bytes, Stored] = field(default_factory=dict)
    used: dict[bytes, Stored] = field(default_factory=dict)
    lazy: dict[bytes, LazyDocument] = field(default_factory=dict)
    misses: int = 0

    @classmethod
    def open(cls, root: Path) -> ReportCache:
        """The cache of the repository at `root`; a disabled one outside a plain git checkout."""
        git_dir = root / ".git"
        if not git_dir.is_dir():
            return cls(None)
        cache = cls(git_dir / "validator" / f"reports-{fingerprint()}.pickle")
        entries: dict[bytes, Stored] = {}
        try:
            with open_cache(cache.file) as handle:  # type: ignore[arg-type]
                while True:  # one pickle after another (CHUNK entries each) to the end
                    try:
                        chunk = pickle.load(handle)
                    except EOFError:
                        break
                    if not isinstance(chunk, dict):
                        return cache
                    entries.update(chunk)
        except Exception:  # missing, stale or damaged: start empty
            return cache
        cache.entries = entries
        return cache

    @staticmethod
    def key(path: str, kind: str, raw: bytes) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{path}\0{kind}\0".encode("utf-8", "surrogateescape"))
        digest.update(raw)
        return digest.digest()

    def get(
        self, key: bytes, path: str, raw: bytes, *, source: str | None = None, kind: str = ""
    ) -> ParsedReport | None:
        """What loading produced last time for these bytes, or None (then `put` the result);
        `source` and `kind` let the document read the file again (`LazyDocument`)."""
        stored = self.entries.get(key)
        if stored is None:
            self.misses += 1
            return None
        self.used[key] = stored
        has_document, data, kind, diagnostics, positions = stored
        instance = REPORT_MODELS[kind].model_validate(data) if kind is not None else None
        if not has_document:
            return None, instance, diagnostics
        document = LazyDocument(
            path, raw, data, source=source, kind=kind, key=key, packed=positions
        )
        if positions is None:
            self.lazy[key] = document
            document.keep = True
        return document, instance, diagnostics

    def put(self, key: bytes, entry: ParsedReport) -> None:
        document, instance, diagnostics = entry
        data = document.data if document is not None else None
        kind = instance.kind if instance is not None else None
        self.used[key] = (document is not None, data, kind, diagnostics, None)
        if isinstance(document, LazyDocument):
            self.lazy[key] = document
            document.keep = True

    def keep_positions(self) -> None:
        """After the rules ran: store the positions of the documents a message needed, so the
        next run does not parse them again (they are the files with findings)."""
        kept = 0
        for key, document in self.lazy.items():
            stored = self.used.get(key)
            if document._packed is not None and stored is not None and stored[4] is None:
                self.used[key] = (*stored[:4], document._packed)
                kept += 1
        self.lazy.clear()
        if kept:
            self._write()

    def save(self) -> None:
        """Write the used entries when anything was new; older cache files are removed."""
        if self.misses:
            self._write()

    def _write(self) -> None:
        if self.file is None:
            return
        try:
            self.file.parent.mkdir(exist_ok=True)
            for old in self.file.parent.glob("reports-*.pickle"):
                if old != self.file:
                    old.unlink(missing_ok=True)
            items = list(self.used.items())

            def write(handle: IO[bytes]) -> None:
                for start in range(0, len(items), CHUNK):
                    chunk = dict(items[start : start + CHUNK])
                    pickle.dump(chunk, handle, protocol=pickle.HIGHEST_PROTOCOL)

            replace_whole(self.file, write)
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # a read-only checkout simply goes without a cache
