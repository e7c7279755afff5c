import ipaddress
import os
import signal
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.services import load_preset
from innochallenge.matching import index as matching


def listening_url(host: str, port: int) -> str:
    """The address people reach `serve` at: the host it was given, or for a wildcard (0.0.0.0, ::) this
    machine's own address on its network (found without sending anything), so a link in an e-mail works
    from another computer of the intranet."""
    if host in ("0.0.0.0", "::", ""):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("10.255.255.255", 1))  # UDP connect picks the interface, sends nothing
                host = probe.getsockname()[0]
        except OSError:
            host = socket.gethostname()
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass  # a host name
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = (
        "Migrate, load the hs2021 preset if there is no campaign, then run the web server and a task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="also set up the demo edition and demo accounts"
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start a task worker")

    def handle(self, *args, demo, host, port, threads, no_worker, **options):
        if not settings.SITE_URL_SET:
            # Links in e-mails and .ics UIDs follow the address we listen on, here and in the worker.
            settings.SITE_URL = os.environ["SERVE_URL"] = listening_url(host, port)
            self.stdout.write(f"links in e-mails use {settings.SITE_URL} (set SITE_URL for a public address)")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not Campaign.objects.exists():
            load_preset(presets.read("hs2021"))
            self.stdout.write("loaded the hs2021 preset")
        if demo:
            from innochallenge.site.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, set_up_demo  # noqa: PLC0415 - loaded only when serving (after migrations) or with --demo

            set_up_demo(today=timezone.localdate())
            settings.DEMO_MODE = True  # the log-in page shows the demo accounts' current codes
            names = ", ".join(a[0] for a in DEMO_ACCOUNTS)
            self.stdout.write(f"demo edition ready; accounts {names}, password {DEMO_PASSWORD}")
            if settings.TWO_FACTOR_ROLES:
                self.stdout.write(
                    f"{', '.join(settings.TWO_FACTOR_ROLES)} also give a code: the log-in page shows it, "
                    f"or add the key {DEMO_TOTP_SECRET} to an authenticator app"
                )

        worker = None
        if matching.reader().count() == 0:  # a new machine: the matching index comes from the database
            matching.rebuild()
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "innochallenge", "db_worker", "--no-startup-delay"]
            )
            self.stdout.write(f"task worker started (pid {worker.pid})")
        self.stdout.flush()
        self.stdout.write(self.style.SUCCESS(f"InnoChallenge on http://{host}:{port}/  (Ctrl-C stops)"))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            from waitress import serve  # noqa: PLC0415 - loaded only when serving (after migrations) or with --demo

            from innochallenge.wsgi import application  # noqa: PLC0415 - loaded only when serving (after migrations) or with --demo

            serve(application, host=host, port=port, threads=threads, ident="InnoChallenge")
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=20)
