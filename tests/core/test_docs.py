"""The README tells the user's story and links the reference pages under docs/; those pages keep up with
the code: every setting read, every command and every preset key is documented, every link leads somewhere."""

import re
from pathlib import Path

import pytest

from innochallenge.campaigns.preset import PresetFile

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "target",
    [
        "CONTRIBUTING.md",
        "docs/api.md",
        "docs/cli.md",
        "docs/permissions.md",
        "docs/presets.md",
        "docs/settings.md",
    ],
)
def test_readme_links_the_reference_page(target):
    assert f"]({target})" in _text("README.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_of_the_docs_leads_to_a_file(page):
    targets = [t.split("#")[0] for t in _LINK.findall(page.read_text(encoding="utf-8"))]
    local = [t for t in targets if t and not re.match(r"[a-z]+:", t)]

    missing = [t for t in local if not (page.parent / t).exists()]

    assert missing == []


def test_the_api_page_points_to_the_error_codes():
    assert "](api-errors.md)" in _text("docs/api.md")


def test_every_environment_variable_the_settings_read_is_documented():
    read = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', _text("src/innochallenge/settings.py")))
    documented = set(re.findall(r"`([A-Z_]+)`", _text("docs/settings.md")))

    assert read - documented == set()


def test_every_command_of_ours_is_documented():
    commands = {
        p.stem
        for p in (ROOT / "src" / "innochallenge").glob("*/management/commands/*.py")
        if not p.stem.startswith("_")
    }
    page = _text("docs/cli.md")

    spelt = {c: {f"innochallenge {c}", f"innochallenge {c.replace('_', '-')}"} for c in commands}

    assert {c for c, names in spelt.items() if not any(n in page for n in names)} == set()


def test_every_preset_key_is_documented():
    page = _text("docs/presets.md")

    assert [key for key in PresetFile.model_fields if f"`{key}`" not in page] == []
