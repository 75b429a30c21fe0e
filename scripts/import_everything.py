"""Import every module of the installed freigabe package, and trafilatura's HTML cleaning.

Run by scripts/check-install.sh in a fresh virtualenv: a dependency the lock or pyproject.toml
forgot shows up here as an ImportError instead of in production.
"""

import importlib
import os
import pkgutil
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")

import django  # noqa: E402

django.setup()

import freigabe  # noqa: E402

if not freigabe.__file__.startswith(sys.prefix):
    sys.exit(f"freigabe was imported from {freigabe.__file__}, not from the virtualenv")

failed = []
names = [module.name for module in pkgutil.walk_packages(freigabe.__path__, "freigabe.")]
for name in ["freigabe", *names]:
    try:
        importlib.import_module(name)
    except Exception as error:  # noqa: BLE001 - report every broken module, not the first
        failed.append(f"{name}: {type(error).__name__}: {error}")

import trafilatura  # noqa: E402
from lxml_html_clean import Cleaner  # noqa: E402,F401 - jusText's html_clean

page = (
    "<html><body><article><h1>Radwege</h1><p>Der Stadtrat hat neue Radwege "
    "beschlossen, auf der Lindenallee entfallen 230 Parkplätze.</p></article></body></html>"
)
if "Lindenallee" not in (trafilatura.extract(page) or ""):
    failed.append("trafilatura: extract() lost the article text")

for line in failed:
    print("FAILED", line)
print(
    f"imported {len(names) + 1} freigabe modules and trafilatura: "
    f"{len(names) + 1 - len(failed)} passed, {len(failed)} failed"
)
sys.exit(1 if failed else 0)
