"""Backups: the database and the private uploads (attachments, evidence) in one `.tar.gz`.

The archive holds

- `manifest.json` — `{"format": 1, "engine": "sqlite" | "postgresql", "created": ISO time, "database": the
  member's name, "server_version": PostgreSQL's, "client_version": pg_dump's}`;
- `database.sqlite3` — a copy made with SQLite's online backup API (consistent while the site runs), or
  `database.pgdump` — `pg_dump --format=custom` of the PostgreSQL database;
- `private/…` — the tree under `settings.PRIVATE_ROOT`.

The matching index is not in it (`innochallenge reindex` rebuilds it from the database), nor the secret
key (`var/secret_key`: keep it apart from the backups).

A restore goes to the same kind of database it came from, for the same release of the application.

With a key (`backup --encrypt KEYFILE`), the `.tar.gz` is written to a temporary folder and only its
AES-256-GCM encryption reaches the target (format in `backup_crypto`); `restore` then needs `--key KEYFILE`.
"""

import contextlib
import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.site import backup_crypto

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "private"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINES = {"django.db.backends.sqlite3": "sqlite", "django.db.backends.postgresql": "postgresql"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the person at the console."""


@dataclasses.dataclass(frozen=True)
class Manifest:
    engine: str
    created: str
    database: str
    server_version: str = ""
    client_version: str = ""
    format: int = FORMAT


def engine_of(alias: str = "default") -> str:
    engine = connections[alias].settings_dict["ENGINE"]
    try:
        return ENGINES[engine]
    except KeyError:
        raise BackupError(
            _("cannot back up or restore a database of engine %(engine)s") % {"engine": engine}
        ) from None


def create_backup(path: Path, *, alias: str = "default", key: bytes | None = None) -> Manifest:
    """Write the database and the private files to the archive at `path` (replaced whole, never half
    written: the archive is built beside it and renamed), encrypted with `key` when one is given."""
    engine = engine_of(alias)
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="innochallenge-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER[engine]
        if engine == "sqlite":
            _sqlite_dump(alias, dump)
            versions = {"server_version": sqlite3.sqlite_version}
        else:
            versions = _pg_dump(alias, dump)
        manifest = Manifest(engine=engine, created=timezone.now().isoformat(), database=dump.name, **versions)
        partial = path.with_name(path.name + ".part")
        plain = Path(work) / "archive.tar.gz" if key else partial
        with tarfile.open(plain, "w:gz") as archive:
            data = json.dumps(dataclasses.asdict(manifest), indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            private = Path(settings.PRIVATE_ROOT)
            if private.is_dir():
                archive.add(private, arcname=FILES)
        if key:
            backup_crypto.encrypt_file(plain, partial, key)
        os.replace(partial, path)
    return manifest


@contextlib.contextmanager
def opened(path: Path, key: bytes | None = None):
    """The plain `.tar.gz` of the backup at `path`: the file itself, or, for an encrypted backup, its
    decryption in a temporary folder (deleted afterwards). An encrypted backup without a key, with a wrong
    key or damaged is refused."""
    path = Path(path)
    if not backup_crypto.is_encrypted(path):
        yield path
        return
    if key is None:
        raise BackupError(
            _("%(path)s is encrypted: restore it with --key KEYFILE, the key file it was made with")
            % {"path": path}
        )
    with tempfile.TemporaryDirectory(prefix="innochallenge-restore-") as work:
        plain = Path(work) / "archive.tar.gz"
        try:
            backup_crypto.decrypt_file(path, plain, key)
        except backup_crypto.CryptoError as error:
            raise BackupError(str(error)) from error
        yield plain


def read_manifest(path: Path) -> Manifest:
    """The archive's manifest, checked against the configured database: refuses archives of another
    format or engine."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = Manifest(**json.load(member))
    except (OSError, KeyError, TypeError, ValueError, tarfile.TarError) as error:
        raise BackupError(
            _("%(path)s is not an InnoChallenge backup (%(error)s)") % {"path": path, "error": error}
        ) from error
    if manifest.format != FORMAT:
        raise BackupError(_("backup format %(format)s is not supported") % {"format": manifest.format})
    return manifest


def restore_backup(path: Path, *, alias: str = "default") -> Manifest:
    """Replace the database and the private files with the archive's.

    The database comes first; the files are swapped only when it succeeded. Run it with the site and the
    workers stopped: their connections would hold locks (PostgreSQL) or see the database change under them.
    `path` is a plain archive: open an encrypted one with `opened` first.
    """
    path = Path(path)
    if backup_crypto.is_encrypted(path):
        raise BackupError(_("%(path)s is encrypted: open it with its key first") % {"path": path})
    manifest = read_manifest(path)
    engine = engine_of(alias)
    if manifest.engine != engine:
        raise BackupError(
            _("this is a backup of a %(backup)s database; the configured database is %(configured)s")
            % {"backup": manifest.engine, "configured": engine}
        )
    if connections[alias].in_atomic_block:
        raise BackupError(_("cannot restore inside a transaction"))
    private = Path(settings.PRIVATE_ROOT)
    private.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the private folder, so the files are swapped in by renaming on one file system.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=private.parent) as work:
        with tarfile.open(path, "r:gz") as archive:
            members = [m for m in archive.getmembers() if _belongs(m.name, manifest)]
            archive.extractall(work, members=members, filter="data")
        dump = Path(work) / manifest.database
        if not dump.is_file():
            raise BackupError(_("the backup holds no database"))
        if engine == "sqlite":
            _sqlite_restore(alias, dump)
        else:
            _pg_restore(alias, dump, manifest)
        restored = Path(work) / FILES
        restored.mkdir(exist_ok=True)
        previous = Path(work) / "previous"
        if private.exists():
            private.rename(previous)
        restored.rename(private)
    return manifest


def _belongs(name: str, manifest: Manifest) -> bool:
    return name in (MANIFEST, manifest.database, FILES) or name.startswith(FILES + "/")


# --- SQLite ------------------------------------------------------------------------------------------------


def _sqlite_dump(alias: str, target_path: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_restore(alias: str, dump: Path) -> None:
    """Copy the backup into the configured database with the online backup API, page by page under an
    exclusive lock, rather than copying the file over: the WAL and shared-memory files beside a live
    database would then belong to another database."""
    source = sqlite3.connect(dump)
    try:
        (check,) = source.execute("PRAGMA integrity_check").fetchone()
        has_migrations = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
        if check != "ok" or not has_migrations:
            raise BackupError(
                _("the database in the backup is damaged or is not ours (%(check)s)") % {"check": check}
            )
        connections[alias].close()
        connection = connections[alias]
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(_("SQLite could not restore the database: %(error)s") % {"error": error}) from error
    finally:
        source.close()
        connections[alias].close()


# --- PostgreSQL --------------------------------------------------------------------------------------------


def _pg_env(alias: str) -> dict:
    """The environment pg_dump and pg_restore connect with: Django's own translation of the settings
    (password, service, SSL) plus host, port, user and database name."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    _args, env = connection.client.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(env or {})}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def _pg_versions(alias: str, tool: str) -> tuple[str, str]:
    """(server version, the tool's version), refusing a tool older than the server: pg_dump refuses to
    dump a newer server, and pg_restore cannot read what a newer pg_dump wrote."""
    if shutil.which(tool) is None:
        raise BackupError(
            _("%(tool)s is not installed (Debian: apt install postgresql-client)") % {"tool": tool}
        )
    connection = connections[alias]
    connection.ensure_connection()
    server_major, server_minor = connection.get_database_version()
    server = f"{server_major}.{server_minor}"
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    client = re.search(r"(\d+)(?:\.(\d+))?", output).group(0)
    if int(client.split(".")[0]) < server_major:
        raise BackupError(
            _(
                "%(tool)s %(client)s is older than the PostgreSQL server %(server)s: install the client of "
                "version %(major)s or newer"
            )
            % {"tool": tool, "client": client, "server": server, "major": server_major}
        )
    return server, client


def _pg_dump(alias: str, target: Path) -> dict:
    server, client = _pg_versions(alias, "pg_dump")
    command = [shutil.which("pg_dump"), "--format=custom", f"--file={target}"]
    _run(command, _pg_env(alias), server, client, dumped_by=client)
    return {"server_version": server, "client_version": client}


def _pg_restore(alias: str, dump: Path, manifest: Manifest) -> None:
    server, client = _pg_versions(alias, "pg_restore")
    env = _pg_env(alias)
    # pg_restore without a database prints SQL instead of restoring: always name one.
    database = env.get("PGDATABASE") or f"service={env.get('PGSERVICE', '')}"
    # Our own connections would hold locks that DROP TABLE waits for.
    connections.close_all()
    command = [
        shutil.which("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={database}",
        str(dump),
    ]
    try:
        _run(command, env, server, client, dumped_by=manifest.client_version)
    finally:
        connections.close_all()


def _run(command: list, env: dict, server: str, client: str, dumped_by: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            _(
                "%(tool)s failed (PostgreSQL server %(server)s, %(tool)s %(client)s, backup made by pg_dump "
                "%(dumped_by)s): %(error)s"
            )
            % {
                "tool": Path(command[0]).name,
                "server": server,
                "client": client,
                "dumped_by": dumped_by,
                "error": done.stderr.strip(),
            }
        )
