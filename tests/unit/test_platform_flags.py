"""The validator on a platform without POSIX open flags (native Windows has no O_NOFOLLOW nor
O_NONBLOCK): before, the loader named them when it was imported, so no command could start
there, though the submit guide supports Windows. Run in a child Python with the flags taken
away, as on Windows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, os, sys
for flag in ("O_NOFOLLOW", "O_NONBLOCK"):
    delattr(os, flag)
from validator.core.files import open_cache
from validator.reading.filebytes import read_bytes
folder = sys.argv[1]
raw, problems = read_bytes(folder + "/report.yaml", "report.yaml")
linked, refused = read_bytes(folder + "/link.yaml", "link.yaml")
with open_cache(__import__("pathlib").Path(folder) / "report.yaml") as cache:
    cached = cache.read()
print(json.dumps([raw.decode(), [p.rule for p in problems], linked, [p.rule for p in refused],
                  cached.decode()]))
"""


def test_files_are_read_and_links_refused_without_posix_open_flags(tmp_path: Path) -> None:
    (tmp_path / "report.yaml").write_text("staff: li-ming\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "report.yaml")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    raw, problems, linked, refused, cached = json.loads(done.stdout)
    assert (raw, problems, cached) == ("staff: li-ming\n", [], "staff: li-ming\n")
    assert (linked, refused) == (None, ["symlink"])
