"""The `innochallenge` console script: django-admin with our settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innochallenge.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - Django loads only after DJANGO_SETTINGS_MODULE is set

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        # Our commands are spelled with hyphens (`load-preset`); Django's modules use underscores.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["innochallenge", *args])


if __name__ == "__main__":
    main()
