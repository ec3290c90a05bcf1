#!/usr/bin/env bash
# Set everything up and run every check: ruff, mypy and the test suite (README, second command).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff"; .venv/bin/ruff check .
echo "== ruff format"; .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/pytest "$@"
