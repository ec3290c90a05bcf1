#!/usr/bin/env bash
# Set everything up and start the DutyDesk workstation in demo mode (README, first command):
# the built-in simulator serves the Thanh Hóa units' Pages and OAs, sync runs, new items arrive.
# The demo store lives in its own folder (DUTYDESK_HOME, default ~/.local/share/DutyDesk-demo),
# never in an officer's real store. Without a display it runs under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DUTYDESK_HOME="${DUTYDESK_HOME:-$HOME/.local/share/DutyDesk-demo}"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting under xvfb-run (nothing will be visible on this screen)"
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python main.py demo "$@"
fi
exec .venv/bin/python main.py demo "$@"
