#!/usr/bin/env bash
# Copies the sqlite-jdbc jar keeping only the native library for this machine's OS and architecture.
#   slim-sqlite.sh IN.jar OUT.jar WORKDIR
set -euo pipefail
in=$1 out=$2 work=$3/sqlite
case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) cp "$in" "$out"; exit 0 ;;
esac
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$JAVA_HOME/bin/jar" xf "$in"
find org/sqlite/native -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} +
find org/sqlite/native/Linux -mindepth 1 -maxdepth 1 ! -name "$arch" -exec rm -rf {} +
mv META-INF/MANIFEST.MF ../sqlite-manifest.mf
"$JAVA_HOME/bin/jar" --create --file "$out" --manifest ../sqlite-manifest.mf -C . .
