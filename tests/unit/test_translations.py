"""Every interface string has its Chinese translation, compiled, with the same placeholders.

zh-hans is the studio's first language and the source strings are English, so a missing or
fuzzy entry would show English to a Chinese user. ``make messages`` refreshes the catalogues;
CI checks that doing so changes nothing.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/*.po") if ".venv" not in path.parts
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdf]|%[sd]|\{\{\s*(\w+)\s*\}\}")


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(0).replace(" ", "") for m in PLACEHOLDER.finditer(text))


def test_there_are_catalogues_for_every_app_with_strings():
    folders = {path.parts[len(ROOT.parts)] for path in CATALOGUES}
    assert {"cms", "courses", "mentoring", "locale"} <= folders


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_keeps_its_placeholders(path):
    catalogue = polib.pofile(str(path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
            continue
        if entry.msgid_plural:
            translations = list(entry.msgstr_plural.values())
            sources = [entry.msgid, entry.msgid_plural]
        else:
            translations = [entry.msgstr]
            sources = [entry.msgid]
        if not all(t.strip() for t in translations):
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        expected = _placeholders(sources[-1])
        for translation in translations:
            names = {p for p in _placeholders(translation) if p not in ("%s", "%d")}
            if not names <= set(expected) | set(_placeholders(sources[0])):
                problems.append(f"placeholders differ: {entry.msgid!r} → {translation!r}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make messages"
    source = {
        (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural)
        for e in polib.pofile(str(path))
        if not e.obsolete and "fuzzy" not in e.flags
    }
    binary = {
        (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural) for e in polib.mofile(str(compiled))
    }
    assert source == binary


TEMPLATES = sorted(
    path
    for app in ("cms", "courses", "mentoring", "lms")
    for path in (ROOT / app).glob("**/templates/**/*.html")
    if ".venv" not in path.parts
)


def _informal(text: str) -> list[str]:
    """Each 你 the interface uses as a pronoun. The interface addresses people as 您 throughout;
    for a group it says 各位 or rephrases (您们 is not idiomatic), so 你们 is reported too."""
    return re.findall(r".?你们?.?", text)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_interface_says_nin_not_ni(path):
    found = [
        (entry.msgid, informal)
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        for informal in _informal(text)
    ]
    assert not found, found


def test_the_templates_say_nin_not_ni():
    found = [
        (str(path.relative_to(ROOT)), informal)
        for path in TEMPLATES
        for informal in _informal(path.read_text(encoding="utf-8"))
    ]
    assert TEMPLATES and not found, found
