"""Fill a Qt Linguist ``.ts`` file without the Linguist GUI.

    python resources/i18n/ts_tool.py todo [TS]          untranslated strings as JSON:
                                                         [{"context", "source", "translation": ""}]
    python resources/i18n/ts_tool.py fill JSON [TS]     write the non-empty translations of JSON
                                                         (the same shape) into TS, finished

TS defaults to resources/i18n/dutydesk_en.ts. Run ``scripts/translations.sh`` afterwards: it
rewrites the file in lupdate's layout and compiles the ``.qm``.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT_TS = Path(__file__).resolve().parent / "dutydesk_en.ts"


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        found += [(name, message) for message in context.iter("message")]
    return found


GONE = frozenset({"vanished", "obsolete"})  # no source uses them any more


def _is_open(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None:
        return True
    if translation.get("type") in GONE:
        return False
    return translation.get("type") == "unfinished" or not translation.text


def todo(ts: Path) -> list[dict[str, str]]:
    root = ET.parse(ts).getroot()  # noqa: S314 - our own translation file
    return [
        {"context": context, "source": message.findtext("source") or "", "translation": ""}
        for context, message in _messages(root)
        if _is_open(message)
    ]


def fill(ts: Path, entries: list[dict[str, str]]) -> int:
    wanted = {(e["context"], e["source"]): e["translation"] for e in entries if e["translation"]}
    tree = ET.parse(ts)  # noqa: S314 - our own translation file
    filled = 0
    for context, message in _messages(tree.getroot()):
        text = wanted.get((context, message.findtext("source") or ""))
        if text is None:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in GONE:
            continue
        translation.attrib.pop("type", None)
        translation.text = text
        filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return filled


def main(argv: list[str]) -> int:
    if argv[:1] == ["todo"] and len(argv) <= 2:
        ts = Path(argv[1]) if len(argv) == 2 else DEFAULT_TS
        json.dump(todo(ts), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if argv[:1] == ["fill"] and len(argv) in {2, 3}:
        ts = Path(argv[2]) if len(argv) == 3 else DEFAULT_TS
        entries = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        sys.stdout.write(f"filled {fill(ts, entries)} translation(s) in {ts}\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
