"""The machine's limits through the real command: a file size limit is exit 1 and one located line, not a kill or 70."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from conftest import copy_fixture
from deck_helpers import ROOT, cli_env
from docx_helpers import copy_shared

pytestmark = pytest.mark.cli  # runs csplan in a subprocess; `make test-fast` leaves it out


def test_a_file_size_limit_is_reported_with_the_path_and_the_cause(tmp_path):
    copy_fixture("valid/minimal", tmp_path, "minimal")
    copy_shared(tmp_path)

    def limit():  # ulimit -f 20: 20 KiB, less than any deck
        resource.setrlimit(resource.RLIMIT_FSIZE, (20 * 1024, 20 * 1024))

    res = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(tmp_path), "build", "minimal", "--lang",
                          "en"], cwd=ROOT, env=cli_env(NO_COLOR="1"), capture_output=True, text=True,
                         preexec_fn=limit, timeout=300)
    assert res.returncode == 1, res.stderr
    assert ("  build/minimal/minimal-cs-plan-en.pptx: cannot write the cs-plan of minimal: File too large "
            "[io.write]") in res.stderr.splitlines()
    assert "internal error" not in res.stderr
    assert not (tmp_path / "build" / "minimal" / "minimal-cs-plan-en.pptx").exists()


@pytest.mark.parametrize("value", ["0", "soon", "-1", "1e9"])
def test_a_wrong_source_date_epoch_stops_every_command_naming_it(tmp_path, value):
    copy_fixture("valid/minimal", tmp_path, "minimal")
    res = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(tmp_path), "check", "minimal"], cwd=ROOT,
                         env=cli_env(SOURCE_DATE_EPOCH=value), capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    [line] = res.stderr.splitlines()
    assert line.startswith("csplan check: SOURCE_DATE_EPOCH=")
