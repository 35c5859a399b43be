#!/bin/sh
# Nightly backup (deploy/systemd/anci-backup.service): a signed BagIt package of
# the whole archive (manage.py export_archive, docs/preservation.md) in a new
# dated folder, then remove all but the newest KEEP packages, then touch the
# stamp BACKUP_DIR/last-backup that /healthz and the admin dashboard read
# (settings BACKUP_DIR must name the same folder).
# Usage: backup.sh BACKUP_DIR [KEEP]
set -eu
dir=$1
keep=${2:-14}
here=$(dirname "$0")/..
mkdir -p "$dir"
package="$dir/anci-$(date -u +%Y%m%dT%H%M%SZ)"
"$here/.venv/bin/python" "$here/manage.py" export_archive "$package"
# Names sort by date; everything before the newest $keep goes.
ls -1d "$dir"/anci-* | sort | head -n "-$keep" | while read -r old; do
    rm -rf -- "$old"
done
# Only after a complete package (set -e stops before on any failure); written
# whole, then renamed, so a reader never sees half a stamp.
echo "$(basename "$package")" > "$dir/last-backup.tmp"
mv -f "$dir/last-backup.tmp" "$dir/last-backup"
