"""`kette check --deploy` passes with production settings taken from the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def deploy_check(data_dir, **overrides: str | None) -> subprocess.CompletedProcess:
    """Run the check in a fresh process, warnings counting as failures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETTE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="kette.settings",  # not the tests' settings
        KETTE_DEBUG="0",
        KETTE_SECRET_KEY=secrets.token_urlsafe(64),
        KETTE_ALLOWED_HOSTS="example.org",
        KETTE_DATA_DIR=str(data_dir),
        KETTE_EMAIL_URL="submission://kette:secret@mail.example.org:587",
    )
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-m", "kette.manage", "check", "--deploy"]
        + ["--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = deploy_check(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_plain_http_is_reported_by_the_deploy_check(tmp_path):
    result = deploy_check(tmp_path, KETTE_HTTPS="0")

    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in result.stderr, result.stderr


def test_hsts_can_be_switched_off_by_environment(tmp_path):
    result = deploy_check(tmp_path, KETTE_HSTS_SECONDS="0")

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" not in result.stderr


def test_mail_printed_instead_of_sent_is_reported(tmp_path):
    result = deploy_check(tmp_path, KETTE_EMAIL_URL=None)

    assert result.returncode != 0
    assert "kette.W001" in result.stderr


def test_a_data_dir_inside_the_package_is_refused(tmp_path):
    import kette

    package_var = os.path.join(os.path.dirname(kette.__file__), "var")
    result = deploy_check(tmp_path, KETTE_DATA_DIR=package_var)

    assert result.returncode != 0
    assert "inside the kette package" in result.stderr
    assert not os.path.exists(package_var)
