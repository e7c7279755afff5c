"""Passwords as 等保 2.0 level 3 asks: at least 10 characters (等保: 8) mixing three of capital letters,
small letters, digits and symbols (not the user name, not a common one), told in the reader's language;
stored with Argon2, a PBKDF2 hash from before replaced at the user's next log-in."""

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from innochallenge import settings as production
from tests.factories.accounts import UserFactory


def _problems(password: str, user=None) -> list[str]:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


@pytest.mark.parametrize(
    "password", ["Gear-Backlash-2021!", "abcd-12345", "ABCD12345x", "Ab1-中文密码也可以"]
)
def test_a_password_of_three_classes_and_ten_characters_passes(password, db):
    assert _problems(password) == []


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("abcdefghij", "capital letters"),  # one class
        ("abcd12345", "capital letters"),  # two classes
        ("密码密码密码密码", "capital letters"),  # Chinese characters count as no class
        ("Ab1-xyz-9", "at least 10"),  # nine characters
    ],
)
def test_a_plain_or_short_password_is_refused(password, why, db):
    with translation.override("en"):
        assert any(why in problem for problem in _problems(password))


def test_the_refusal_is_in_chinese_for_a_chinese_reader(db):
    with translation.override("zh-hans"):
        assert "密码须至少包含大写字母、小写字母、数字和符号中的 3 类。" in _problems("abcdefghij")


def test_the_user_name_is_not_a_password(db):
    user = UserFactory(username="zhangsan2021")
    assert _problems("Zhangsan2021", user)


@override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)
def test_passwords_are_kept_with_argon2_and_old_hashes_are_upgraded_at_log_in(client, db):
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = UserFactory()
    user.password = make_password("Gear-Backlash-2021!", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert client.login(username=user.username, password="Gear-Backlash-2021!")
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert client.login(username=user.username, password="Gear-Backlash-2021!")
