"""`backup --encrypt KEYFILE` writes an archive only its key opens (AES-256-GCM, site/backup_crypto.py):
`restore` refuses it without the key or with another key, refuses it cut short or altered, and restores
it with the right key. Real archives of the database the suite runs on."""

import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command

from innochallenge.accounts.models import User
from innochallenge.site import backup_crypto
from innochallenge.solutions.models import private_storage
from tests.core.test_backup import _english, rows, run, site  # noqa: F401 - fixtures shared with the plain backups

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "keys" / "backup.key"
    path.parent.mkdir()
    output = run("backup_key", str(path))
    assert "key id" in output
    return path


@pytest.fixture
def sealed(site, tmp_path, key_file):  # noqa: F811 - the fixture imported above
    archive = tmp_path / "backup.tar.gz.enc"
    assert "encrypted" in run("backup", str(archive), "--encrypt", str(key_file))
    return archive


def test_an_encrypted_backup_restores_with_its_key(site, sealed, key_file):  # noqa: F811
    before = rows()
    call_command("flush", interactive=False)
    private_storage().delete(site)

    output = run("restore", str(sealed), "--key", str(key_file), "--yes")

    assert rows() == before
    assert private_storage().open(site).read() == b"%PDF-1.4 signed"
    assert "audit chain intact" in output


def test_the_encrypted_archive_shows_nothing_of_its_content(site, sealed):  # noqa: F811
    data = sealed.read_bytes()
    assert data.startswith(backup_crypto.MAGIC)
    assert not tarfile.is_tarfile(sealed)
    assert "企业用户".encode() not in data
    assert b"%PDF-1.4 signed" not in data and b"manifest.json" not in data


def test_restore_without_the_key_refuses_and_says_how(sealed):
    with pytest.raises(CommandError, match="is encrypted: restore it with --key KEYFILE"):
        run("restore", str(sealed), "--yes")
    assert User.objects.filter(username="企业用户").exists()


def test_restore_with_another_key_refuses_by_name(sealed, tmp_path):
    other = tmp_path / "other.key"
    run("backup_key", str(other))
    User.objects.filter(username="企业用户").update(first_name="后来改的")
    with pytest.raises(CommandError, match="was encrypted with another key"):
        run("restore", str(sealed), "--key", str(other), "--yes")
    assert User.objects.get(username="企业用户").first_name == "后来改的"  # nothing restored


@pytest.mark.parametrize("damage", ["cut", "flip"])
def test_a_damaged_encrypted_archive_is_refused(sealed, key_file, damage):
    data = bytearray(sealed.read_bytes())
    if damage == "cut":
        data = data[: len(data) - 100]
    else:
        data[len(data) // 2] ^= 0x01
    sealed.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged or was altered"):
        run("restore", str(sealed), "--key", str(key_file), "--yes")


def test_a_key_file_is_private_and_never_overwritten(key_file):
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    before = key_file.read_text()
    with pytest.raises(CommandError, match="exists already"):
        run("backup_key", str(key_file))
    assert key_file.read_text() == before


def test_a_large_archive_round_trips_across_chunks(tmp_path):
    key = backup_crypto.read_key_file(_new_key(tmp_path))
    plain, sealed, back = tmp_path / "plain", tmp_path / "sealed", tmp_path / "back"
    payload = bytes(range(256)) * (backup_crypto.CHUNK // 256) * 2 + b"tail"  # two full chunks and a bit
    plain.write_bytes(payload)
    backup_crypto.encrypt_file(plain, sealed, key)
    backup_crypto.decrypt_file(sealed, back, key)
    assert back.read_bytes() == payload
    exact = tmp_path / "exact"
    exact.write_bytes(payload[: backup_crypto.CHUNK * 2])
    backup_crypto.encrypt_file(exact, sealed, key)
    truncated = sealed.read_bytes()[: -(backup_crypto.CHUNK + backup_crypto.TAG)]  # the last chunk gone
    sealed.write_bytes(truncated)
    with pytest.raises(backup_crypto.CryptoError, match="damaged or was altered"):
        backup_crypto.decrypt_file(sealed, back, key)


def _new_key(tmp_path):
    path = tmp_path / "k.key"
    backup_crypto.new_key_file(path)
    return path
