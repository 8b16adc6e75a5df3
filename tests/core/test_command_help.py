"""`kette <command> --help` works for every command kette brings, and ends
with an example of it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, get_commands

KETTE = Path(sys.executable).with_name("kette")
COMMANDS = sorted(
    name for name, app in get_commands().items() if app.startswith("kette.")
)


def test_the_commands_of_every_kette_app_are_found():
    assert {"demo", "import_hsds", "import_indicators", "import_districts"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_prints_its_usage(command, capsys):
    # The entry point of the `kette` script, in this process: a new process
    # per command would cost seconds each; the one below shows the script too.
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["kette", command, "--help"]).execute()

    assert exited.value.code in (0, None)
    out = capsys.readouterr().out
    assert out.startswith(f"usage: kette {command} ")
    # A new user copies an example rather than reading the options.
    assert re.search(rf"^  kette {command}\b", out, re.MULTILINE), out


def test_help_works_from_the_installed_script(tmp_path):
    # As a person runs it: the installed `kette` with the project's settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTE_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "kette.settings",
        "KETTE_DATA_DIR": str(tmp_path),
        "KETTE_DEBUG": "1",
    }
    done = subprocess.run(  # noqa: S603 - our own command, its own names
        [str(KETTE), "import_hsds", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: kette import_hsds ")
    assert "Traceback" not in done.stderr
