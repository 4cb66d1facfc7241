"""`validator.core.lifetime`: objects are held to the end only by a process that said it leaves
without freeing them (the command line); anywhere else they are freed as usual."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import weakref
from validator.core import lifetime

class Loaded:
    pass

def freed() -> bool:
    thing = Loaded()
    ref = weakref.ref(thing)
    lifetime.keep(thing)
    del thing
    return ref() is None

print(freed())
lifetime.until_exit()
print(freed())
"""


def test_only_a_process_that_leaves_without_freeing_holds_what_it_is_given() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_the_command_line_says_it_leaves_without_freeing() -> None:
    """`validator`'s entry point holds from the start (the command itself is replaced here by
    the probe's own, which reports whether what it keeps survives)."""
    probe = PROBE.split("print(freed())")[0] + (
        "from validator import cli\ncli.cli = lambda **options: print(freed())\ncli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
