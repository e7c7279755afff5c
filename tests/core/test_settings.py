"""Settings come from the environment; these run the real console script in a fresh process."""

import os
import secrets
import sqlite3
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from innochallenge.envconf import env_bool, env_int, env_list

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "HTTPS": "1",
    "ALLOWED_HOSTS": "challenge.example.gov.cn",
}


def _run(args, tmp_path, **env):
    # A fresh process as an operator would start it: none of the test run's own variables.
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "innochallenge", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_no_warnings(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_without_https_settings_warns(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **(PRODUCTION | {"HTTPS": "0"}))

    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stderr + result.stdout


def test_default_database_is_sqlite_in_var_with_wal_and_the_preset_loads(tmp_path):
    migrate = _run(["migrate", "-v0"], tmp_path)
    load = _run(["load-preset", "hs2021"], tmp_path)
    again = _run(["load-preset", "hs2021"], tmp_path)

    assert migrate.returncode == 0, migrate.stderr
    assert "created campaign hs2021" in load.stdout
    assert "nothing changed" in again.stdout
    database = tmp_path / "innochallenge.sqlite3"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT count(*) FROM campaigns_district").fetchone()[0] == 10


def test_secret_key_is_generated_once_into_var(tmp_path):
    command = ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"]

    first = _run(command, tmp_path).stdout.strip()
    second = _run(command, tmp_path).stdout.strip()

    assert len(first) >= 50
    assert first == second == (tmp_path / "secret_key").read_text()
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_bad_boolean_in_environment_stops_start_up(tmp_path):
    result = _run(["check"], tmp_path, DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_env_helpers_parse_and_refuse(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    monkeypatch.setenv("X_BAD_INT", "twelve")

    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 0) == 12
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    with pytest.raises(ImproperlyConfigured):
        env_int("X_BAD_INT", 0)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SERVE_URL": "http://127.0.0.1:8101"}, "http://127.0.0.1:8101 False"),
        (
            {"SERVE_URL": "http://127.0.0.1:8101", "SITE_URL": "https://hs.example.gov.cn/"},
            "https://hs.example.gov.cn True",
        ),
        ({}, "http://127.0.0.1:8000 False"),
    ],
)
def test_site_url_follows_serve_unless_the_operator_sets_it(tmp_path, env, expected):
    code = "from django.conf import settings; print(settings.SITE_URL, settings.SITE_URL_SET)"
    result = _run(["shell", "-c", code], tmp_path, **env)
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr
