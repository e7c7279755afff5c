"""With REDIS_URL the count lives in Redis: two processes (here this one and a child process with a
cache client of its own) add to one count, so a caller cannot escape the rate by landing on another
web worker."""

import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"

CHILD = """
import sys
import django
from django.conf import settings

settings.configure(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": sys.argv[1], "KEY_PREFIX": sys.argv[2]}},
    THROTTLE_RATES={"register": "4/h"},
    PROXY_COUNT=0,
)
django.setup()
from innochallenge.core.throttle import hit

print(",".join(str(hit("register", "10.9.0.1").count) for _ in range(2)))
"""


@pytest.fixture
def shared_cache():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis answering on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}"  # this run's own keys
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches, THROTTLE_ENABLED=True, THROTTLE_RATES={"register": "4/h"}):
        yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_two_processes_share_one_count_in_redis(shared_cache):
    web = Client(REMOTE_ADDR="10.9.0.1")
    assert [web.post("/accounts/register/", {}).status_code for _ in range(2)] == [200, 200]

    child = subprocess.run(
        [sys.executable, "-c", CHILD, REDIS_URL, shared_cache],
        capture_output=True,
        text=True,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": ""},
        check=True,
        timeout=60,
    )

    assert child.stdout.strip() == "3,4"  # the other process saw this one's two requests
    refused = web.post("/accounts/register/", {})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
