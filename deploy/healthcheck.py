"""The container's HEALTHCHECK (and CI's check of a freshly built install): exit 0 when
GET /healthz answers 200, 1 otherwise. Uses only the standard library."""

import os
import sys
import urllib.request

url = os.environ.get("FREIGABE_HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
try:
    with urllib.request.urlopen(url, timeout=3) as response:
        sys.exit(0 if response.status == 200 else 1)
except OSError as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
