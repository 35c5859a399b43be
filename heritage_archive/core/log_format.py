"""One log format for the whole production site: JSON lines (python-json-logger).

Django's loggers (settings/production.py LOGGING) and gunicorn's error and
access logs (deploy/gunicorn.conf.py logconfig_dict) all write one JSON object
a line to stderr, which journald keeps, so one query reads them all.
"""

from pythonjsonlogger.json import JsonFormatter

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}

# gunicorn hands an access record its request's figures (its "atoms") as
# record.args; these are copied out as fields. Headers and cookies, which the
# atoms also hold, never are; nor is the query string (visitors' search words).
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
}


class ArchiveJsonFormatter(JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", RENAMED)
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args or (FIELDS,), **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        if record.name == "gunicorn.access" and record.args is not None:
            for atom, field in ACCESS_FIELDS.items():
                try:
                    log_data[field] = record.args[atom]
                except (KeyError, TypeError, IndexError):
                    continue


def logging_config(level="WARNING", loggers=None):
    """A dictConfig with one JSON handler on stderr; ``loggers`` adds named loggers' levels."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": ArchiveJsonFormatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            name: {"handlers": ["console"], "level": logger_level, "propagate": False}
            for name, logger_level in (loggers or {}).items()
        },
    }
