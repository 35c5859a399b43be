#!/usr/bin/env bash
# Local single-node Elasticsearch for development and tests, without Docker.
#
# Usage: scripts/elasticsearch.sh {start|stop|status}
#
# Environment:
#   ES_VERSION    Elasticsearch version (default 8.19.21). "9.x" or "8.19.x"
#                 picks the newest matching release on Maven Central.
#   ES_PORT       HTTP port on 127.0.0.1 (default 9200). Remembered per
#                 version, so stop/status find the node without it.
#   ES_HEAP       JVM heap size (default 512m).
#   ES_JAVA_HOME  JDK to run with (default: Java 17 for 8.x, Java 25 for 9.x).
#   ES_JAVA_OPTS  Extra JVM options, appended after the heap settings.
#   ES_USER       Unprivileged user to run as when invoked as root
#                 (default elasticsearch).
#
# Everything lives in .cache/elasticsearch/<version>/ (git-ignored), so
# several versions can run side by side on different ports.

set -euo pipefail

MAVEN_CENTRAL="https://repo1.maven.org/maven2"
# The integ-test-zip is the smallest official distribution (~100 MB, no
# bundled JDK, no ML/geoip payloads) and, unlike the regular tarball, is
# published to Maven Central, so no access to artifacts.elastic.co is needed.
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="$REPO_ROOT/.cache/elasticsearch"

ES_VERSION="${ES_VERSION:-8.19.21}"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-elasticsearch}"
START_TIMEOUT="${ES_START_TIMEOUT:-120}"

log() { echo "elasticsearch: $*"; }
die() { echo "elasticsearch: $*" >&2; exit 1; }

# Resolve "X.x" / "X.Y.x" to a concrete version. The integ-test-zip's own
# maven-metadata.xml on Central is incomplete (it lists no 9.x at all), so ask
# the core artifact's metadata instead. Offline, or for stop/status, fall back
# to the newest matching version already in the cache.
resolve_version() {
    local allow_remote="$1" prefix candidates=""
    [[ "$ES_VERSION" == *.x ]] || { echo "$ES_VERSION"; return; }
    prefix="${ES_VERSION%x}"
    if [[ "$allow_remote" == yes ]]; then
        candidates="$(curl -fsS -m 20 "$MAVEN_CENTRAL/org/elasticsearch/elasticsearch/maven-metadata.xml" 2>/dev/null \
            | sed -n 's:.*<version>\([0-9.]*\)</version>.*:\1:p' || true)"
    fi
    if [[ -z "$candidates" && -d "$CACHE_ROOT" ]]; then
        candidates="$(ls -1 "$CACHE_ROOT")"
    fi
    local version
    version="$(grep -E "^${prefix//./\\.}[0-9.]+$" <<<"$candidates" | sort -V | tail -n1 || true)"
    [[ -n "$version" ]] || die "no release matching $ES_VERSION found"
    echo "$version"
}

setup_paths() {
    VERSION="$(resolve_version "$1")"
    VERSION_DIR="$CACHE_ROOT/$VERSION"
    ES_HOME="$VERSION_DIR/elasticsearch-$VERSION"
    ZIP_FILE="$VERSION_DIR/elasticsearch-$VERSION.zip"
    DATA_DIR="$VERSION_DIR/data"
    LOG_DIR="$VERSION_DIR/logs"
    PID_FILE="$VERSION_DIR/elasticsearch.pid"
    PORT_FILE="$VERSION_DIR/http.port"
    LAUNCH_MARKER="$VERSION_DIR/.launched"
    # A running node keeps the port it was started with, whatever ES_PORT says.
    if is_running && [[ -s "$PORT_FILE" ]]; then
        PORT="$(<"$PORT_FILE")"
        if [[ -n "${ES_PORT:-}" && "$ES_PORT" != "$PORT" ]]; then
            log "note: $VERSION is already running on port $PORT, ignoring ES_PORT=$ES_PORT"
        fi
    else
        PORT="${ES_PORT:-9200}"
    fi
}

default_java_home() {
    local major="${VERSION%%.*}" candidate
    local -a candidates
    if (( major >= 9 )); then
        # 9.x needs Java 21+.
        candidates=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64
                    /usr/lib/jvm/java-21-openjdk-amd64)
    else
        candidates=(/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64)
    fi
    for candidate in "${candidates[@]}"; do
        [[ -x "$candidate/bin/java" ]] && { echo "$candidate"; return; }
    done
    die "no suitable JDK found for Elasticsearch $VERSION; set ES_JAVA_HOME"
}

fetch_distribution() {
    [[ -x "$ES_HOME/bin/elasticsearch" ]] && return
    mkdir -p "$VERSION_DIR"
    if [[ ! -s "$ZIP_FILE" ]]; then
        command -v mvn >/dev/null || die "mvn is required to download Elasticsearch"
        log "downloading $ES_ARTIFACT:$VERSION:zip from Maven Central"
        local tmp="$VERSION_DIR/download.tmp"
        rm -rf "$tmp"
        # Even with -q, Maven's console prints stray ANSI resets; only show its
        # output when something went wrong.
        local out
        if ! out="$(mvn -q -B dependency:copy \
                -Dartifact="$ES_ARTIFACT:$VERSION:zip" -DoutputDirectory="$tmp" 2>&1)"; then
            echo "$out" >&2
            die "mvn could not fetch $ES_ARTIFACT:$VERSION:zip"
        fi
        mv "$tmp/elasticsearch-$VERSION.zip" "$ZIP_FILE"
        rm -rf "$tmp"
    fi
    # Unpack beside the target and rename, so an interrupted unzip is never
    # mistaken for a complete installation.
    local tmp="$VERSION_DIR/unzip.tmp"
    rm -rf "$tmp"
    unzip -q "$ZIP_FILE" -d "$tmp"
    mv "$tmp/elasticsearch-$VERSION" "$ES_HOME"
    rm -rf "$tmp"
}

# Elasticsearch refuses to run as root, so when we are root run it as a
# dedicated system user that owns the whole version directory (it writes its
# keystore into config/, plus data and logs).
run_as_es() {
    if (( EUID == 0 )); then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

prepare_user_and_dirs() {
    mkdir -p "$DATA_DIR" "$LOG_DIR"
    (( EUID == 0 )) || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "creating system user $ES_USER"
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER:" "$VERSION_DIR"
    # The user must be able to traverse from / down to the cache.
    local dir="$VERSION_DIR"
    while [[ "$dir" != / ]]; do
        dir="$(dirname "$dir")"
        runuser -u "$ES_USER" -- test -x "$dir" \
            || die "$ES_USER cannot enter $dir; make it world-executable (chmod o+x)"
    done
}

read_pid() {
    [[ -s "$PID_FILE" ]] && cat "$PID_FILE"
}

# The pid must be alive *and* an Elasticsearch JVM, so a stale pid file whose
# number got reused by an unrelated process is not mistaken for our node.
is_running() {
    local pid
    pid="$(read_pid)" || return 1
    grep -qa "org.elasticsearch" "/proc/$pid/cmdline" 2>/dev/null
}

is_healthy() {
    curl -fsS -m 15 -o /dev/null \
        "http://127.0.0.1:$PORT/_cluster/health?wait_for_status=yellow&timeout=10s" 2>/dev/null
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

show_log_tail() {
    local f
    for f in "$LOG_DIR/launcher.out" "$LOG_DIR/elasticsearch.log"; do
        # Skip logs left over from an earlier run; they only mislead.
        [[ -s "$f" && "$f" -nt "$LAUNCH_MARKER" ]] || continue
        echo "----- tail of $f -----" >&2
        tail -n 30 "$f" >&2
    done
}

wait_until_healthy() {
    local deadline=$((SECONDS + START_TIMEOUT))
    while (( SECONDS < deadline )); do
        if is_healthy; then
            log "$VERSION is up on http://127.0.0.1:$PORT (pid $(read_pid))"
            return 0
        fi
        if ! is_running; then
            echo "elasticsearch: process exited during startup" >&2
            show_log_tail
            return 1
        fi
        sleep 2
    done
    echo "elasticsearch: not healthy after ${START_TIMEOUT}s" >&2
    show_log_tail
    return 1
}

cmd_start() {
    setup_paths yes
    if is_running; then
        if is_healthy; then
            log "$VERSION already running on http://127.0.0.1:$PORT (pid $(read_pid))"
            return 0
        fi
        log "$VERSION is running but not healthy yet; waiting"
        wait_until_healthy
        return
    fi
    rm -f "$PID_FILE"
    port_in_use && die "port $PORT is already taken by another process; set ES_PORT"

    fetch_distribution
    prepare_user_and_dirs
    local java_home
    java_home="${ES_JAVA_HOME:-$(default_java_home)}"

    local -a settings=(
        -Ediscovery.type=single-node
        -Enetwork.host=127.0.0.1
        -Ehttp.port="$PORT"
        -Epath.data="$DATA_DIR"
        -Epath.logs="$LOG_DIR"
        # A nearly full dev disk would otherwise turn indices read-only.
        -Ecluster.routing.allocation.disk.threshold_enabled=false
    )
    # Only pass settings a loaded module registers: Elasticsearch aborts on
    # unknown settings, and the integ-test-zip ships a varying module subset.
    if [[ -d "$ES_HOME/modules/x-pack-security" ]]; then
        settings+=(-Expack.security.enabled=false)
    fi

    echo "$PORT" >"$PORT_FILE"
    touch "$LAUNCH_MARKER"
    log "starting $VERSION on 127.0.0.1:$PORT with $java_home"
    # jvm.options writes gc.log and hs_err files relative to the working
    # directory, so start from the (writable) log directory.
    if ! (cd "$LOG_DIR" && run_as_es env \
            HOME="$VERSION_DIR" \
            ES_JAVA_HOME="$java_home" \
            ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_JAVA_OPTS:-}" \
            "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" "${settings[@]}" \
            >"$LOG_DIR/launcher.out" 2>&1); then
        echo "elasticsearch: launcher failed" >&2
        show_log_tail
        exit 1
    fi
    wait_until_healthy || exit 1
}

cmd_stop() {
    setup_paths no
    if ! is_running; then
        rm -f "$PID_FILE"
        log "$VERSION is not running"
        return 0
    fi
    local pid
    pid="$(read_pid)"
    log "stopping $VERSION (pid $pid)"
    kill -TERM "$pid"
    # A clean shutdown flushes shards and takes a few seconds; only force it
    # if the JVM is wedged.
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
        if (( SECONDS >= deadline )); then
            log "still alive after 60s, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            deadline=$((SECONDS + 3600))
        fi
        sleep 1
    done
    rm -f "$PID_FILE"
    log "stopped"
}

cmd_status() {
    setup_paths no
    if ! is_running; then
        log "$VERSION is not running"
        return 3
    fi
    if is_healthy; then
        log "$VERSION running on http://127.0.0.1:$PORT (pid $(read_pid)), healthy"
    else
        log "$VERSION running (pid $(read_pid)) but http://127.0.0.1:$PORT is not healthy"
        return 1
    fi
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 {start|stop|status}" >&2; exit 2 ;;
esac
