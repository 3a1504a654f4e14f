#!/usr/bin/env bash
# Prints the packaging figures of an installed urulink: image size, `urulink --version` time and the time from
# `urulink server start` to the first 200 on /health (best of N runs each). Targets: < 80 MiB, < 0.3 s, < 1 s.
#   packaging/measure.sh [PREFIX] [RUNS]      (default ~/.local, 5)
set -euo pipefail
prefix=${1:-$HOME/.local}
runs=${2:-5}
bin="$prefix/bin/urulink"
[ -x "$bin" ] || { echo "measure.sh: no urulink at $bin; install first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
best() { sort -n | head -n1; }

size=$(du -sm "$prefix/lib/urulink" | cut -f1)
version=$(for _ in $(seq "$runs"); do s=$(date +%s%N); "$bin" --version >/dev/null; ms "$s"; done | best)
port=$(( 20000 + RANDOM % 20000 ))
ready=$(for i in $(seq "$runs"); do
    s=$(date +%s%N)
    XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" "$bin" server start --port "$port" >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do sleep 0.005; done
    ms "$s"
    kill "$pid"; wait "$pid" 2>/dev/null || true
done | best)
printf 'image size          %5s MiB   (target < 80)\n' "$size"
printf 'urulink --version   %5s ms    (target < 300)\n' "$version"
printf 'server ready        %5s ms    (target < 1000, second and later starts on an existing data dir)\n' "$ready"
