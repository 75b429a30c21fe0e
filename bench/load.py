"""The load generator shared by the benchmarks: wrk, with bench/wrk_report.lua for figures.

wrk (C, event loop) keeps the client's own cost small, which matters on a 2-core machine
where the client and both servers share the processors. It is installed from Debian
when missing.
"""

import argparse
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int
    socket_errors: int

    @property
    def per_second(self):
        return self.requests / self.seconds

    @property
    def good_per_second(self):
        """Requests answered 2xx or 3xx, per second."""
        return (self.requests - self.non_2xx_3xx) / self.seconds


def side_by_side_arguments(doc):
    """The options of both Freigabe-against-Isso benchmarks; callers add their own."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    return parser


def ratio(ours, theirs):
    """ "12.3x", or why there is no ratio."""
    if theirs == 0:
        return "n/a (the peer finished no request in time)"
    return f"{ours / theirs:.1f}x"


def ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    print("wrk not found; installing Debian's wrk package ...", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk")


def wrk_version():
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    first_line = (result.stdout or result.stderr).split("\n")[0]
    return first_line.split("Copyright")[0].removeprefix("wrk").strip()


def run_wrk(url, *, seconds, connections, headers=(), post_template=None):
    """Load `url` for `seconds` with `connections` open connections; return the figures."""
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "30s",
        "--script",
        str(REPORT_SCRIPT),
    ]
    for header in headers:
        command += ["--header", header]
    env = dict(os.environ)
    if post_template:
        env["BENCH_POST_TEMPLATE"] = post_template
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, timeout=seconds + 60, check=True
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return LoadResult(**figures)
