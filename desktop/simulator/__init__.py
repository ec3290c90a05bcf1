"""A faithful local simulator of the Facebook Graph API (Pages, comments, Messenger, Send API)
and the Zalo OA Open API + OAuth v4, served over real HTTP on 127.0.0.1 (see README.md).

No Qt here. Shipped for the demo, tests and officer training.
"""

from desktop.simulator.control import SimControl
from desktop.simulator.core import SimCore, SimUrls
from desktop.simulator.faults import FaultRule
from desktop.simulator.server import Simulator, SimulatorThread
from desktop.simulator.settings import SimSettings, WorldSize
from desktop.simulator.standalone import run_standalone

__all__ = [
    "FaultRule",
    "SimControl",
    "SimCore",
    "SimSettings",
    "SimUrls",
    "Simulator",
    "SimulatorThread",
    "WorldSize",
    "run_standalone",
]
