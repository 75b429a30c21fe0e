"""The `freigabe` console script: Django's management commands with our settings.

`freigabe create-site demo` runs the `create_site` command; every Django command
(`freigabe migrate`, `freigabe shell`) works too.
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freigabe.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
