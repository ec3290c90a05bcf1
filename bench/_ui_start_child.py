"""``python main.py`` with a timeline of its start-up on stderr (for ``ui_bench.py``).

    python bench/_ui_start_child.py [main.py arguments]

Prints ``[startup] <ms since this script's first line> <what>`` lines: the interpreter's own
start before that line (from /proc), the imports, the QApplication, the store opened, the
background started and every top-level window shown. Changes nothing in the app's behaviour.
"""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import runpy  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def mark(what: str) -> None:
    print(f"[startup] {(time.perf_counter() - T0) * 1000:6.0f} ms  {what}", file=sys.stderr)
    sys.stderr.flush()


def _process_age_ms() -> float | None:
    """How long this process had been running at T0 (Linux; 10 ms resolution)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        now = time.clock_gettime(time.CLOCK_BOOTTIME) - (time.perf_counter() - T0)
        return (now - started) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def main() -> None:
    age = _process_age_ms()
    mark(f"first line of the script ({age:.0f} ms after the process started)" if age else "start")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import desktop.cli  # noqa: F401

    mark("desktop.cli imported")
    import desktop.app as app

    mark("desktop.app imported")
    from desktop.store.database import Database

    plain_run_gui = app.run_gui

    def run_gui(*args: Any, **kwargs: Any) -> int:
        mark("run_gui")
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QWidget

        qapp = QApplication.instance() or QApplication(sys.argv)
        mark("QApplication created")

        class Shown(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if (
                    event.type() == QEvent.Type.Show
                    and isinstance(watched, QWidget)
                    and watched.isWindow()
                ):
                    mark(f"window shown: {type(watched).__name__}")
                return False

        shown = Shown()
        qapp.installEventFilter(shown)
        return int(plain_run_gui(*args, **kwargs))

    app.run_gui = run_gui  # type: ignore[assignment]  # cli imports it when it is called

    plain_open = Database.open_async

    async def open_async(self: Database) -> Any:
        mark("store opening")
        report = await plain_open(self)
        mark("store open")
        return report

    Database.open_async = open_async  # type: ignore[method-assign]
    plain_background = getattr(app, "_start_background", None)
    if plain_background is not None:

        async def start_background(*args: Any, **kwargs: Any) -> Any:
            mark("background starting")
            result = await plain_background(*args, **kwargs)
            mark("background started")
            return result

        app._start_background = start_background  # type: ignore[attr-defined]
    sys.argv = ["main.py", *sys.argv[1:]]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")


if __name__ == "__main__":
    main()
