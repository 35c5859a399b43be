"""gunicorn settings for the archive (deploy/systemd/anci-web.service)."""

import multiprocessing
import os
import sys
from pathlib import Path

# The project, for the log formatter Django's logs use too (settings/production.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from heritage_archive.core.log_format import logging_config  # noqa: E402

# Loopback only: nginx is the only client (deploy/nginx/anci.conf).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# The usual 2 x cores + 1, capped so a large machine does not open more
# database connections than PostgreSQL's default 100 allows.
workers = int(os.environ.get("GUNICORN_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 12))
# Slow pages (exports, large listings) get a minute; nginx waits 65 s.
timeout = 60
graceful_timeout = 30
# Restart workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may set X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
# Access and error lines as JSON, like the site's own (heritage_archive/core/log_format.py);
# an access line's fields are remote, method, path, status, bytes, duration_ms, user_agent.
# The message without the query string (visitors' search words), as the fields.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
logconfig_dict = logging_config(
    os.environ.get("LOG_LEVEL", "WARNING"), {"gunicorn.error": "INFO", "gunicorn.access": "INFO"}
)
