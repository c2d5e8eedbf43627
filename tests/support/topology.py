"""scripts/topology.py for the tests: the same throwaway servers that the deployment
check and the benchmark start (scripts/ is not a package, so it is loaded by path)."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "topology", Path(__file__).resolve().parents[2] / "scripts" / "topology.py"
)
topology = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(topology)

RedisServer = topology.RedisServer
