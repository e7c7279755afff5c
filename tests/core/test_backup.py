"""`backup` and `restore` round-trip the database and the private files on the engine the suite runs on."""

import io
import json
import tarfile
from io import StringIO

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from innochallenge.accounts.models import Organisation, User
from innochallenge.audit.models import AuditChainHead, AuditEntry
from innochallenge.audit.services import record
from innochallenge.campaigns.models import Campaign, District
from innochallenge.demands import services as demands
from innochallenge.demands.models import Demand
from innochallenge.solutions.models import private_storage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

COMPARED = [Campaign, District, User, Organisation, Demand, AuditEntry, AuditChainHead]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def rows() -> dict[str, str]:
    """Every row of the compared tables, serialised field by field, in id order."""
    return {
        model._meta.label: serializers.serialize("json", model._default_manager.order_by("pk"))
        for model in COMPARED
    }


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site(hs2021, form_values):
    """A campaign, a few users, a demand, its audit trail and an uploaded private file."""
    owner = UserFactory(username="企业用户")
    UserFactory.create_batch(3)
    demand = demands.create_demand(hs2021, form_values, by=owner)
    record(actor=owner, action="test.noted", obj=demand, changes={"budget_wan": ["150", "180"]})
    name = private_storage().save("attachments/2021/合同.pdf", ContentFile(b"%PDF-1.4 signed"))
    return name


def test_a_backup_restores_the_rows_and_files_it_was_taken_from(site, tmp_path):
    before = rows()
    archive = tmp_path / "backups" / "innochallenge.tar.gz"
    archive.parent.mkdir()

    run("backup", str(archive))
    call_command("flush", interactive=False)
    private_storage().delete(site)
    assert User.objects.count() == 0 and not private_storage().exists(site)
    output = run("restore", str(archive), "--yes")

    assert rows() == before
    assert private_storage().open(site).read() == b"%PDF-1.4 signed"
    assert f"audit chain intact ({AuditEntry.objects.count()} entries)" in output
    assert run("audit_verify").strip().endswith("chain intact")


def test_the_archive_holds_a_manifest_the_database_and_the_files(site, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    run("backup", str(archive))

    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    engine = {"sqlite": "sqlite", "postgresql": "postgresql"}[connection.vendor]
    database = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[engine]
    assert (manifest["format"], manifest["engine"], manifest["database"]) == (1, engine, database)
    assert {"manifest.json", database, f"private/{site}"} <= names
    assert not (tmp_path / "backup.tar.gz.part").exists()


def test_restore_asks_first_and_changes_nothing_when_refused(site, tmp_path, monkeypatch):
    archive = tmp_path / "backup.tar.gz"
    run("backup", str(archive))
    UserFactory(username="later")
    monkeypatch.setattr("builtins.input", lambda question: "no")

    with pytest.raises(CommandError, match="restore cancelled"):
        run("restore", str(archive))
    assert User.objects.filter(username="later").exists()


def test_restore_refuses_a_backup_of_another_engine(db, tmp_path):
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    archive = tmp_path / "other.tar.gz"
    manifest = json.dumps({"format": 1, "engine": other, "created": "2026-05-01", "database": "x"}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))

    with pytest.raises(CommandError, match=f"backup of a {other} database"):
        run("restore", str(archive), "--yes")


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "notes.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not an InnoChallenge backup"):
        run("restore", str(junk), "--yes")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is for PostgreSQL")
def test_a_pg_dump_older_than_the_server_is_refused_by_name(db, tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")

    with pytest.raises(CommandError, match=r"pg_dump 9\.6 is older than the PostgreSQL server \d+"):
        run("backup", str(tmp_path / "backup.tar.gz"))
