"""How long a log-in takes with the production password hasher (issue 19 target: at most 300 ms on this
machine). Times the hasher alone (Argon2 against Django's PBKDF2 default, the same password) and a
whole log-in through the page, as a browser posts it, on a fresh SQLite database."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import set_up_django, write_result

ROUNDS = 15
PASSWORD = "Gear-Backlash-2021!"


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _timed(call, rounds: int = ROUNDS) -> list[float]:
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    set_up_django()
    from django.conf import settings
    from django.contrib.auth.hashers import check_password, make_password
    from django.test import Client

    from innochallenge.accounts.models import User

    argon2 = make_password(PASSWORD, hasher="argon2")
    pbkdf2 = make_password(PASSWORD, hasher="pbkdf2_sha256")
    hasher_argon2 = _timed(lambda: check_password(PASSWORD, argon2))
    hasher_pbkdf2 = _timed(lambda: check_password(PASSWORD, pbkdf2), rounds=5)

    User.objects.create_user("bench-user", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")

    def log_in():
        response = client.post("/accounts/login/", {"username": "bench-user", "password": PASSWORD})
        assert response.status_code == 302, response.status_code
        client.logout()

    log_in()  # once first: the process's first request loads the URLconf and templates
    page = _timed(log_in)
    figures = {
        "hasher": settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1],
        "argon2_check": _ms(hasher_argon2),
        "pbkdf2_check": _ms(hasher_pbkdf2),
        "log_in_page": _ms(page),
        "target_ms": 300,
        "target_reached": statistics.median(page) * 1000 <= 300,
    }
    write_result("login", figures, rounds=ROUNDS)


if __name__ == "__main__":
    main()
