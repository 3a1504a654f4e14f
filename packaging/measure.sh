#!/usr/bin/env bash
# Prints the packaging figures of an installed urulink: image size, `urulink --version` time and the time from
# `urulink server start` to the first 200 on /health. The first start of an install records the server's
# start-up cache, written when it stops: its ready time and that stop are printed once; later starts (best of
# N) load the cache, and are timed again without it. Runs with temporary data, config and cache directories.
# Targets: < 80 MiB, < 0.3 s, < 1 s.
#   packaging/measure.sh [PREFIX] [RUNS]      (default ~/.local, 5)
set -euo pipefail
prefix=${1:-$HOME/.local}
runs=${2:-5}
bin="$prefix/bin/urulink"
[ -x "$bin" ] || { echo "measure.sh: no urulink at $bin; install first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
best() { sort -n | head -n1; }
port=$(( 20000 + RANDOM % 20000 ))
pid=""
start() { # prints the ms from start to the first healthy answer; the server keeps running as $pid
    local s
    s=$(date +%s%N)
    "$bin" server start --port "$port" >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { echo "measure.sh: the server did not start" >&2; exit 1; }
        sleep 0.005
    done
    ms "$s"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

size=$(du -sm "$prefix/lib/urulink" | cut -f1)
version=$(for _ in $(seq "$runs"); do s=$(date +%s%N); "$bin" --version >/dev/null; ms "$s"; done | best)
start >"$tmp/first" # not $(start): that would run it in a subshell and lose $pid
first=$(cat "$tmp/first")
s=$(date +%s%N)
stop
first_stop=$(ms "$s")
cache=$(du -sm "$XDG_CACHE_HOME"/urulink/server-* 2>/dev/null | cut -f1 | head -n1)
ready=$(for _ in $(seq "$runs"); do start; stop; done | best)
nocache=$(export URULINK_AOT=off; for _ in $(seq "$runs"); do start; stop; done | best)
printf 'image size          %5s MiB   (target < 80)\n' "$size"
printf 'urulink --version   %5s ms    (target < 300)\n' "$version"
printf 'first server start  %5s ms    (records the start-up cache; new data dir)\n' "$first"
printf 'first server stop   %5s ms    (writes the %s MiB cache)\n' "$first_stop" "${cache:-no}"
printf 'server ready        %5s ms    (target < 1000, later starts with the cache on an existing data dir)\n' "$ready"
printf '  without the cache %5s ms    (URULINK_AOT=off)\n' "$nocache"
