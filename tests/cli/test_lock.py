"""The lock files cover pyproject.toml: a dependency added without `make lock` fails here,
with the fix in the message, instead of as an ImportError after `make install`."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock):
    """{name: version} and the names pinned without a hash."""
    text = (ROOT / "requirements" / lock).read_text()
    found, unhashed = {}, []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block.strip().splitlines()[0]) if block.strip() else None
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
            if "--hash=sha256:" not in block:
                unhashed.append(match.group(1))
    return found, unhashed


@pytest.mark.parametrize(
    "lock, requirements",
    [
        ("main.lock", PROJECT["dependencies"]),
        ("test.lock", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]),
    ],
)
def test_every_dependency_is_locked_with_a_matching_version_and_hashes(lock, requirements):
    locked, unhashed = pins(lock)
    assert not unhashed, f"pinned without hashes in requirements/{lock}: {unhashed}"
    missing = []
    for line in requirements:
        requirement = Requirement(line)
        version = locked.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            missing.append(f"{line} (locked: {version})")
    assert not missing, f"run `make lock`: requirements/{lock} lacks {missing}"


def test_both_locks_pin_the_same_versions():
    main, _ = pins("main.lock")
    test, _ = pins("test.lock")
    differing = {
        name: (version, test.get(name)) for name, version in main.items() if test.get(name) != version
    }
    assert not differing, f"run `make lock`: {differing}"
