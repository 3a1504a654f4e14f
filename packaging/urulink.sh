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
# The server starts from the cache trained on a real start; the short client commands are faster with the
# JDK's own class-data archive and only the quick compiler.
cache="-XX:TieredStopAtLevel=1"
if [ "${1:-}" = server ]; then
    if [ -f "$home/lib/urulink.aot" ]; then
        cache="-XX:AOTCache=$home/lib/urulink.aot -Xlog:aot=off -Xlog:cds=off"
    elif [ -f "$home/lib/urulink.jsa" ]; then
        cache="-XX:SharedArchiveFile=$home/lib/urulink.jsa -Xshare:auto -Xlog:cds=off"
    else
        cache=""
    fi
fi
# shellcheck disable=SC2086
exec "$java" $opts $sqlite $cache $URULINK_JAVA_OPTS -cp "$home/lib/app/urulink.jar" org.urulink.cli.Main "$@"
