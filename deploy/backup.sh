#!/bin/sh
# Nightly backup (deploy/systemd/anci-backup.service): a signed BagIt package of
# the whole archive (manage.py export_archive, docs/preservation.md) in a new
# dated folder, then remove all but the newest KEEP packages.
# Usage: backup.sh BACKUP_DIR [KEEP]
set -eu
dir=$1
keep=${2:-14}
here=$(dirname "$0")/..
mkdir -p "$dir"
"$here/.venv/bin/python" "$here/manage.py" export_archive "$dir/anci-$(date -u +%Y%m%dT%H%M%SZ)"
# Names sort by date; everything before the newest $keep goes.
ls -1d "$dir"/anci-* | sort | head -n "-$keep" | while read -r old; do
    rm -rf -- "$old"
done
