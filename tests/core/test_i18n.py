"""German is complete and the default; English is one cookie away."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import kette

LOCALE = Path(kette.__file__).resolve().parent / "locale"
GERMAN_PO = LOCALE / "de" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)")


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: flags, msgid, msgid_plural and msgstr[n] per entry."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            current, target = None, None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (".*")$', line
        ):
            key, index, value = (
                match.group(1),
                match.group(2),
                ast.literal_eval(match.group(3)),
            )
            if key == "msgstr":
                target = ("msgstr", int(index or 0))
                current.msgstr[target[1]] = value
            elif key == "msgid":
                target, current.msgid = ("msgid", 0), value
            elif key == "msgid_plural":
                target, current.msgid_plural = ("msgid_plural", 0), value
            else:
                target = ("msgctxt", 0)
        elif line.startswith('"') and target is not None:
            value = ast.literal_eval(line)
            if target[0] == "msgstr":
                current.msgstr[target[1]] += value
            elif target[0] == "msgid":
                current.msgid += value
            elif target[0] == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
    return entries


def messages() -> list[Entry]:
    return [entry for entry in parse_po(GERMAN_PO) if entry.msgid]


def test_the_german_catalogue_exists_and_is_not_empty():
    assert GERMAN_PO.exists()
    assert len(messages()) > 100


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = parse_po(GERMAN_PO)
    assert "fuzzy" not in entries[0].flags, "the header is marked fuzzy"
    untranslated = [
        f"line {e.line}: {e.msgid!r}"
        for e in messages()
        if not e.msgstr or any(not text for text in e.msgstr.values())
    ]
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in messages() if "fuzzy" in e.flags]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy:\n" + "\n".join(fuzzy)


def test_plural_messages_have_both_german_forms():
    for entry in messages():
        if entry.msgid_plural is not None:
            assert set(entry.msgstr) == {0, 1}, entry.msgid


def test_translations_keep_every_placeholder():
    for entry in messages():
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.msgstr.values():
            found = set(PLACEHOLDER.findall(text))
            if entry.msgid_plural is None:
                assert found == wanted, (entry.msgid, text)
            else:
                assert found <= wanted, (entry.msgid, text)


def test_the_catalogue_compiles_cleanly(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed (installed by the set-up script)"
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(GERMAN_PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_pages_are_german_by_default(client, municipality):
    page = client.get("/musterstadt/").content.decode()
    assert '<html lang="de"' in page
    assert "Sozialräume" in page and "Zum Hauptinhalt springen" in page
    assert "Skip to main content" not in page


@pytest.mark.django_db
def test_the_browser_language_does_not_switch_to_english(client, municipality):
    page = client.get("/musterstadt/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="de"' in page.content.decode()


@pytest.mark.django_db
def test_pages_are_english_with_the_language_cookie(client, municipality):
    client.cookies["django_language"] = "en"
    page = client.get("/musterstadt/").content.decode()
    assert '<html lang="en"' in page
    assert "Districts" in page and "Skip to main content" in page
    assert "Sozialräume" not in page


@pytest.mark.django_db
def test_model_labels_are_translated(client, coordinator, municipality):
    client.force_login(coordinator)
    page = client.get("/musterstadt/intern/traeger/neu/").content.decode()
    assert "Straße und Hausnummer" in page and "Rechtsform" in page
    client.cookies["django_language"] = "en"
    page = client.get("/musterstadt/intern/traeger/neu/").content.decode()
    assert "Street and number" in page and "Legal form" in page


PYTHON_KEYWORDS = (
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
    "ngettext:1,2",
    "_",
    "gettext",
)


def extracted_messages(tmp_path: Path) -> set[str]:
    """Every msgid in kette's code and templates, extracted the way
    ``makemessages`` does (xgettext, templates through ``templatize``)."""
    from django.utils.translation.template import templatize

    package = LOCALE.parent
    sources = []
    for path in sorted(package.rglob("*")):
        if "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            sources.append(path)
        elif path.suffix in {".html", ".txt"} and "templates" in path.parts:
            copy = tmp_path / f"{len(sources)}.py"
            copy.write_text(
                templatize(path.read_text(encoding="utf-8"), origin=str(path)),
                encoding="utf-8",
            )
            sources.append(copy)
    xgettext = shutil.which("xgettext")
    assert xgettext, "gettext's xgettext is needed (installed by the set-up script)"
    pot = tmp_path / "kette.pot"
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [
            xgettext,
            "--language=Python",
            "--from-code=UTF-8",
            "--no-wrap",
            "--output",
            str(pot),
            *(f"--keyword={keyword}" for keyword in PYTHON_KEYWORDS),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return {entry.msgid for entry in parse_po(pot) if entry.msgid}


def test_every_message_in_the_code_is_in_the_german_catalogue(tmp_path):
    catalogue = {entry.msgid for entry in messages()}
    missing = sorted(extracted_messages(tmp_path) - catalogue)
    assert not missing, (
        "not in the German catalogue (run `kette makemessages -l de` and "
        "translate):\n" + "\n".join(repr(m) for m in missing)
    )
