"""DutyDesk entry point: ``python main.py`` starts the workstation; ``python main.py --help``."""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
