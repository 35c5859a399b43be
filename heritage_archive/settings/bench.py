"""Production settings for the load benchmark and the fault drill (bench/, scripts/drill.py).

Everything production does, but without the per-IP rate limits: the load test
runs every simulated visitor from one loopback address, so one client stands in
for many visitors and the limits would answer most of its requests with 429.
"""

from .production import *  # noqa: F403

RATELIMIT_ENABLE = False

# Benchmark sites index into Elasticsearch indices of their own, named by the
# harness (bench/harness.py), so they never touch the site's index.
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "bench")  # noqa: F405

# collectstatic for a throwaway benchmark site goes to its own folder.
if env.get("STATIC_ROOT"):  # noqa: F405
    STATIC_ROOT = Path(env["STATIC_ROOT"])  # noqa: F405
