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
cds=""
if [ -f "$home/lib/urulink.jsa" ]; then
    cds="-XX:SharedArchiveFile=$home/lib/urulink.jsa -Xshare:auto"
fi
# A chat server's heap: a quarter of RAM at most; die cleanly on OOM so a supervisor restarts it.
# shellcheck disable=SC2086
exec "$java" -XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    --enable-native-access=ALL-UNNAMED $cds $URULINK_JAVA_OPTS \
    -cp "$home/lib/app/*" org.urulink.cli.Main "$@"
