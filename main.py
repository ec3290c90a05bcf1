"""DutyDesk entry point: ``python main.py`` starts the workstation; ``python main.py --help``."""

import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the frozen build's retraining runs in a spawned process
    raise SystemExit(main())
