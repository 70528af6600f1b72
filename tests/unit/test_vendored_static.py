"""The front-end libraries are the ones ``packages.json`` pins, and no page loads one from afar."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "lms" / "static" / "vendor"
MANIFEST = json.loads((ROOT / "lms" / "vendor" / "packages.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_pinned_package_is_vendored_at_its_version(name):
    record = json.loads((VENDOR / name / "npm.json").read_text(encoding="utf-8"))

    assert record["version"] == MANIFEST[name]["version"]
    assert record["license"] and record["integrity"].startswith("sha")
    for path in record["files"]:
        assert (VENDOR / name / path).is_file(), path
    assert f"| {name} | {record['version']} | {record['license']} |" in (
        VENDOR / "VENDORED.md"
    ).read_text(encoding="utf-8")


_REMOTE = re.compile(r"""<(?:script|link)[^>]+(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)


def test_no_template_loads_a_script_or_stylesheet_from_another_host():
    templates = [
        path
        for app in ("lms", "courses", "mentoring", "cms")
        for path in (ROOT / app).rglob("templates/**/*.html")
    ]
    assert templates
    offenders = [str(p.relative_to(ROOT)) for p in templates if _REMOTE.search(p.read_text())]
    assert offenders == []
