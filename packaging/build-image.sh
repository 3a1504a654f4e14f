#!/usr/bin/env bash
# Builds the urulink application image into DIR: a jlink Java runtime, the application jars, the launcher,
# shell completions and man pages. Used by install.sh. The server's start-up cache is not part of it: the
# launcher records it at the first `server start` on the user's machine (see packaging/urulink.sh).
#   packaging/build-image.sh DIR
# Expects JAVA_HOME (a JDK >= 21 with jlink) and a finished `mvn package` (cli/target).
set -euo pipefail
out=${1:?usage: build-image.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
app="$here/cli/target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
main_jar=$(ls "$app"/urulink-cli-*.jar 2>/dev/null | head -n1)
[ -n "$main_jar" ] || { echo "build-image.sh: no build in $app; run mvn package first" >&2; exit 1; }
# Exactly the jars the manifest's Class-Path names: lib/ may hold leftovers of earlier builds.
mapfile -t deps < <(unzip -p "$main_jar" META-INF/MANIFEST.MF | tr -d '\r' \
    | sed -n '/^Class-Path:/,/^[A-Z]/p' | sed -e 's/^Class-Path: //' -e 's/^ //' -e '/^[A-Z][A-Za-z-]*:/d' \
    | tr -d '\n' | tr ' ' '\n' | grep . | sed "s|^|$app/|")
jars=("$main_jar" "${deps[@]}")
for jar in "${jars[@]}"; do
    [ -f "$jar" ] || { echo "build-image.sh: $jar is missing; run mvn package again" >&2; exit 1; }
done

# Java modules: what jdeps sees, plus those reached only by reflection or service loading (JDBC, JNDI lookups
# in Flyway, EC keys for TLS, zip file systems), minus java.desktop: Jackson and SnakeYAML touch java.beans only
# optionally, and leaving it out saves a quarter of the runtime. The installed-image test exercises every path.
# jdeps reads the classes of every jar unpacked into one folder: as jars, named modules whose requirements are
# plain jars here (progressbar needs org.jline.terminal, which the jline bundle holds without that name) would
# stop it. Versioned classes and module descriptors are left out; the Java 21 view is the one that runs.
scan="$work/scan"
mkdir -p "$scan"
for jar in "${jars[@]}"; do
    (cd "$scan" && "$JAVA_HOME/bin/jar" xf "$jar")
done
rm -rf "$scan/META-INF" "$scan/module-info.class"
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps -q "$scan" 2>&1) \
    || { echo "build-image.sh: jdeps failed: $modules" >&2; exit 1; }
rm -rf "$scan"
modules=$(echo "$modules,java.naming,java.sql,java.management,jdk.crypto.ec,jdk.unsupported,jdk.zipfs" \
    | tr ',' '\n' | grep -v -x -e java.desktop -e '' | sort -u | paste -sd, -)
echo "      modules: $modules"

rm -rf "$out"
mkdir -p "$out/lib/app/lib" "$out/bin" "$out/share"
# JDK 25+: no --generate-cds-archive, the JDK's own class-data archive would add 28 MiB to save short commands
# ~60 ms, and the server has its AOT cache. Older JDKs need it as the base of the server's class-data archive
# (the launcher's -XX:+AutoCreateSharedArchive).
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")
cds=()
[ "${feature:-0}" -ge 25 ] || cds=(--generate-cds-archive)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 "${cds[@]}" --output "$out/runtime"
# The JDK's native libraries carry their symbol tables (libjvm.so alone: 29 MiB, 24 stripped). Only crash reports
# would name fewer frames without them; where binutils is missing they stay.
if command -v strip >/dev/null; then
    find "$out/runtime" -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
fi

# urulink.jar names its dependencies in its manifest (Class-Path: lib/...), so the class path is one jar.
cp "${jars[0]}" "$out/lib/app/urulink.jar"
for jar in "${jars[@]:1}"; do
    "$here/packaging/slim-jar.sh" "$jar" "$out/lib/app/lib/$(basename "$jar")" "$out/lib/native" "$work"
done
install -m 0755 "$here/packaging/urulink.sh" "$out/bin/urulink"
cp "$here/packaging/jvm.options" "$out/lib/jvm.options"
cp "$here/packaging/urulink.service" "$out/share/urulink.service"
# A random id per build: the launcher names the server's start-up cache after it, so an upgrade never starts
# from the cache of the classes it replaced.
od -An -N8 -tx1 /dev/urandom | tr -d ' \n' >"$out/lib/image-id"

# Man pages and the completion script come from the command model itself, so they match --help.
"$out/runtime/bin/java" --enable-native-access=ALL-UNNAMED -cp "$out/lib/app/urulink.jar" org.urulink.cli.Main \
    generate-docs --man-dir "$out/share/man/man1" --completion "$out/share/bash-completion/completions/urulink"
