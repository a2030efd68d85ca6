"""Process-level tuning done by the entry points (:mod:`mkdocs_pgm.runtime`)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from mkdocs_pgm.runtime import collector_paused

PROBE = "from mkdocs_pgm.runtime import one_malloc_arena; print(one_malloc_arena())"


def probe(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux") or "glibc" not in " ".join(os.confstr("CS_GNU_LIBC_VERSION").split()[:1]),
                    reason="glibc only")
def test_one_malloc_arena_on_glibc_unless_the_user_chose() -> None:
    assert probe() == "True"
    assert probe(MALLOC_ARENA_MAX="4") == "False"  # the user's setting wins


def test_the_collector_is_paused_and_resumed() -> None:
    was = gc.isenabled()  # `mkdocs-pgm check`, run in-process by other tests, turns it off for good
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        (gc.enable if was else gc.disable)()
