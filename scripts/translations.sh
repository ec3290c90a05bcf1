#!/usr/bin/env bash
# The interface's translations (Qt Linguist). Vietnamese is the source language of every
# self.tr(...) / QCoreApplication.translate(...) string; English lives in
# resources/i18n/dutydesk_en.ts (in git) and is compiled into dutydesk_en.qm (generated).
#
#   scripts/translations.sh            update: collect new and changed strings from desktop/views
#                                      and desktop/app.py into the .ts (translations kept), then
#                                      compile; prints how many still need an English text
#   scripts/translations.sh release    compile the .ts into .qm when it is missing or older
#                                      (scripts/setup.sh runs this)
#   scripts/translations.sh prune      update, dropping strings no source uses any more
#   scripts/translations.sh extract OUT.ts   only write what the sources hold now to OUT.ts
#                                      (tests/views/test_translations.py compares it)
#
# lupdate reads self.tr("…") and QCoreApplication.translate("context", "…") with literal
# strings. resources/i18n/wrapped_strings.py adds what it cannot see: calls of a module's
# `_t("…")` wrapper around translate("context", text), and self.tr("…") inside f-strings.
#
# Translate with `.venv/bin/pyside6-linguist resources/i18n/dutydesk_en.ts` (or edit the XML:
# write the <translation> and remove type="unfinished"), then run this script again.
# Strings removed from the sources stay in the .ts as type="vanished" (lrelease ignores them)
# so that their English comes back if they do; `prune` drops them.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
SOURCES=(desktop/views desktop/gui desktop/app.py)
LANGUAGES=(en)

# lupdate over the sources plus the wrapped strings; "$@" = its options and -ts FILE.
extract() (
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$BIN/python" resources/i18n/wrapped_strings.py "$work/wrapped_strings.py" "${SOURCES[@]}"
  # No source locations: the .ts changes only when strings do, not when lines move.
  "$BIN/pyside6-lupdate" -silent -extensions py -locations none -source-language vi \
    "${SOURCES[@]}" "$work/wrapped_strings.py" "$@"
)

release() {
  local ts qm
  for lang in "${LANGUAGES[@]}"; do
    ts="resources/i18n/dutydesk_${lang}.ts"
    qm="resources/i18n/dutydesk_${lang}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      "$BIN/pyside6-lrelease" -silent "$ts" -qm "$qm"
      echo "translations: compiled $qm"
    fi
  done
  # Qt's own strings (dialog buttons, context menus) in Vietnamese: PySide6 has no qtbase_vi
  ts=resources/i18n/qt_vi.ts
  qm=resources/i18n/qt_vi.qm
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "$qm"
    echo "translations: compiled $qm"
  fi
}

update() {
  local ts
  for lang in "${LANGUAGES[@]}"; do
    ts="resources/i18n/dutydesk_${lang}.ts"
    extract -target-language "$lang" "$@" -ts "$ts"
    local open
    open=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "translations: $ts — $open string(s) to translate"
  done
  release
}

case "${1:-update}" in
  update) update ;;
  prune) update -no-obsolete ;;
  release) release ;;
  extract) extract -ts "${2:?usage: scripts/translations.sh extract OUT.ts}" ;;
  *) echo "usage: scripts/translations.sh [update|release|prune|extract OUT.ts]" >&2; exit 2 ;;
esac
