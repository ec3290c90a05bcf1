"""Run the simulator in its own process for benchmarks (so it does not share the GIL).

    python bench/_sim_child.py MANIFEST.json '{"posts_per_page": 10, ...}'
Writes the manifest (URLs + accounts) to MANIFEST.json, then serves until killed.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.simulator import SimSettings, SimulatorThread, WorldSize


def main() -> None:
    out = Path(sys.argv[1])
    size = WorldSize(**json.loads(sys.argv[2]))
    runner = SimulatorThread(SimSettings(size=size, frozen_clock=True, start_time=1_795_000_000.0))
    urls = runner.start(timeout=600)
    manifest = runner.control.manifest()
    manifest["bench_urls"] = {"graph": urls.graph, "zalo": urls.zalo, "oauth": urls.zalo_oauth}
    manifest["bench_stats"] = runner.control.stats()
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest), encoding="utf-8")
    tmp.rename(out)
    threading.Event().wait()


if __name__ == "__main__":
    main()
