"""What a benchmark ran on, printed with its figures so the numbers can be judged."""

import os
import platform
import socket
from pathlib import Path


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def describe():
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{socket.gethostname()}: {os.cpu_count()} cores ({cpu_model()}), "
        f"Python {platform.python_version()}, load average before the run {load}"
    )
