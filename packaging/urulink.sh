#!/bin/sh
# urulink launcher: runs the application on the Java runtime that ships beside it (no JDK needed).
# Works from any directory and through symlinks. Extra JVM flags: URULINK_JAVA_OPTS.
set -e
self=$(readlink -f "$0" 2>/dev/null || realpath "$0")
home=$(cd "$(dirname "$self")/.." && pwd)
java="$home/runtime/bin/java"
if [ ! -x "$java" ]; then
    echo "urulink: the bundled Java runtime is missing at $java; reinstall with ./install.sh" >&2
    exit 1
fi
opts=$(grep -v '^#' "$home/lib/jvm.options" | tr '\n' ' ')
# The SQLite driver's native library ships unpacked, so it is not extracted to /tmp at every start.
sqlite="-Dorg.sqlite.lib.path=$home/lib/native -Dorg.sqlite.lib.name=libsqlitejdbc.so"
jar="$home/lib/app/urulink.jar"

# The server's start-up cache (about 40 MB; it halves the start time) is not shipped but made on this machine:
# the first `server start` records which classes it loads, and when it is stopped the cache is written. It
# lives in the user's cache directory, named after the build (lib/image-id, so an upgrade starts afresh) and
# this install's path (two installs never share one). Sets cache (flags) and record (the file to make).
server_cache() {
    id=$(cat "$home/lib/image-id" 2>/dev/null) || return 0
    feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/runtime/release")
    dir=${XDG_CACHE_HOME:-$HOME/.cache}/urulink
    sum=$(printf %s "$home" | cksum | cut -d' ' -f1)
    mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
    for old in "$dir"/server-*-"$sum".*; do # caches of this install's earlier builds
        case "$old" in "$dir/server-$id-$sum".*) ;; *) rm -f "$old" ;; esac
    done
    [ "$2" = start ] || return 0 # other server commands load little; their classes would make a poor cache
    if [ "${feature:-0}" -lt 25 ]; then
        # JDK 21-24: a class-data archive the JVM itself writes at the first exit and checks at every start.
        cache="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$dir/server-$id-$sum.jsa -Xlog:cds=off"
        return 0
    fi
    aot=$dir/server-$id-$sum.aot
    # $aot.config exists while a start records; a complete cache has none. One left behind with no recording
    # start alive ($aot.pid) was abandoned (server killed, machine down) and is recorded again.
    if [ -s "$aot" ] && [ ! -e "$aot.config" ]; then
        cache="-XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"
    elif [ "$2" = start ] && ! { [ -f "$aot.pid" ] && pid=$(cat "$aot.pid") && [ "$pid" != $$ ] \
            && kill -0 "$pid" 2>/dev/null; }; then
        rm -f "$aot" "$aot.config"
        echo $$ >"$aot.pid"
        cache="-XX:AOTMode=record -XX:AOTConfiguration=$aot.config -Xlog:aot=off -Xlog:cds=off"
        record=$aot
    fi
}

# The short client commands are faster with the JDK's own class-data archive and only the quick compiler. The
# bench runs for minutes and shares the cores with the server it measures: it needs the optimizing compiler.
cache="-XX:TieredStopAtLevel=1"
record=""
case "${1:-}" in
    server)
        cache=""
        [ "${URULINK_AOT:-}" = off ] || server_cache "$@"
        ;;
    bench) cache="" ;;
esac
if [ -z "$record" ]; then
    # shellcheck disable=SC2086
    exec "$java" $opts $sqlite $cache $URULINK_JAVA_OPTS -cp "$jar" org.urulink.cli.Main "$@"
fi

# A recording start runs the JVM as a child, not exec'd, to see how it ended: only a server that served until
# it was stopped (SIGHUP, SIGINT, SIGTERM: 129, 130, 143) recorded a start worth caching. A start that failed
# (port in use, bad setting) or --help would leave a cache of a fraction of the classes, slow until the next
# upgrade. Signals to this shell are passed on (a background job ignores SIGINT; its stdin is /dev/null, and
# the server reads none).
# shellcheck disable=SC2086
"$java" $opts $sqlite $cache $URULINK_JAVA_OPTS -cp "$jar" org.urulink.cli.Main "$@" &
jvm=$!
trap 'kill -TERM "$jvm" 2>/dev/null' HUP INT TERM
while :; do
    status=0
    wait "$jvm" || status=$?
    kill -0 "$jvm" 2>/dev/null || break # a trapped signal ends wait early, the JVM still running
done
trap - HUP INT TERM
# A wait ended by a signal answers 128+signal; the JVM may have ended just after it: ask for its own status.
if [ "$status" -gt 128 ]; then
    wait "$jvm" 2>/dev/null && status=0 || { late=$?; [ "$late" = 127 ] || status=$late; }
fi
case $status in
    129|130|143)
        echo "urulink: writing the server's start-up cache, once for this version (a few seconds)" >&2 || :
        # shellcheck disable=SC2086
        "$java" $opts $sqlite $URULINK_JAVA_OPTS -XX:AOTMode=create -XX:AOTConfiguration="$record.config" \
            -XX:AOTCache="$record" -cp "$jar" >/dev/null 2>&1 || rm -f "$record"
        ;;
esac
rm -f "$record.config" "$record.pid"
exit "$status"
