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


def process_tree_cpu(pid):
    """CPU seconds (user + system) used so far by a process and its descendants: those
    running (a gunicorn master's workers) and those it has reaped (a worker replaced
    after --max-requests)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        total += _own_cpu(current)
        for task in _tasks(current):
            try:
                pending += [
                    int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()
                ]
            except OSError:
                pass
    return total


def postgres_cpu():
    """CPU seconds used so far by every running PostgreSQL process on this machine (the
    benchmark's private cluster from scripts/with-postgres.sh), 0 without PostgreSQL."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    total += _own_cpu(int(entry.name))
            except OSError:
                pass
    return total


def _tasks(pid):
    try:
        return os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []


def _own_cpu(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime, stime, and cutime, cstime: the children this process has waited for.
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")
