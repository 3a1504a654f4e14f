#!/usr/bin/env bash
# Tests the installer as a user meets it: install into a temporary prefix, run the installed urulink with no
# JDK on the PATH (server start, register, login, send, history), find the start-up cache recorded by the first
# server start and loaded by the next, reinstall over it and find the data kept, run the tarball unpacked
# elsewhere, uninstall and find the prefix and the cache clean. Prints "N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
passed=0 failed=0
check() { # description, command...
    local what=$1; shift
    if "$@" >"$tmp/last.out" 2>&1; then
        passed=$((passed + 1)); echo "  ok    $what"
    else
        failed=$((failed + 1)); echo "  FAIL  $what"; sed 's/^/        /' "$tmp/last.out" | tail -n 15
    fi
}

prefix="$tmp/prefix"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
cache="$XDG_CACHE_HOME/urulink"
# No java anywhere on the PATH: the installed launcher must bring its own. Every other tool stays reachable
# through a directory of links.
shims="$tmp/path"
mkdir -p "$shims"
IFS=: read -r -a path_dirs <<<"$PATH"
for d in "${path_dirs[@]}"; do
    for f in "$d"/*; do
        b=$(basename "$f")
        case "$b" in java|javac|jshell|jar|jlink|jdeps|mvn) continue ;; esac
        [ -x "$f" ] && [ ! -e "$shims/$b" ] && ln -s "$f" "$shims/$b"
    done
done
nojava_path=$shims
port=$(( 20000 + RANDOM % 20000 ))
server="http://127.0.0.1:$port"

run() { PATH="$nojava_path" JAVA_HOME='' "$@"; }
start_server() { # urulink binary
    # env, not the run function: $! must be the launcher itself (it execs java, or passes signals on to it while
    # recording the start-up cache), or kill would miss the server.
    env PATH="$nojava_path" JAVA_HOME= "$1" server start --port "$port" >"$tmp/server.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
        curl -sf "$server/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    cat "$tmp/server.log"
    return 1
}
stop_server() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; return 0; }
# The start-up cache: exactly one complete server-*.aot (JDK 25) or .jsa (older) file, no recording left over.
cache_complete() {
    if [ "$(find "$cache" -name 'server-*.aot' -o -name 'server-*.jsa' | wc -l)" = 1 ] \
        && [ -z "$(find "$cache" -name 'server-*.config' -o -name 'server-*.pid')" ]; then
        return 0
    fi
    ls -la "$cache"
    return 1
}
# The running server was started with the cache: its JVM (the launcher exec'd it) names the file.
loads_cache() { tr '\0' ' ' <"/proc/${pids[-1]}/cmdline" | grep -q -e '-XX:AOTCache=' -e '-XX:SharedArchiveFile='; }

echo "Installing into $prefix"
check "install.sh --prefix installs" "$here/install.sh" --prefix "$prefix"
bin="$prefix/bin/urulink"
check "no java on the test PATH" bash -c "! PATH='$nojava_path' command -v java"
check "urulink --version runs without a JDK" run "$bin" --version
check "man pages and completion are installed" test -e "$prefix/share/man/man1/urulink.1" -a -e "$prefix/share/bash-completion/completions/urulink"
check "a server start that fails records no start-up cache" bash -c "! PATH='$nojava_path' '$bin' server start --port 99999 && test -z \"\$(ls -A '$cache')\""
check "the installed server starts and is healthy" start_server "$bin"
check "register through the installed launcher" bash -c "echo 'pass-word-1' | PATH='$nojava_path' '$bin' register ann --password-stdin --server $server"
check "register a second user" bash -c "echo 'pass-word-2' | PATH='$nojava_path' '$bin' register ben --password-stdin --server $server"
check "login" bash -c "echo 'pass-word-1' | PATH='$nojava_path' '$bin' login ann --password-stdin --server $server"
check "send" run "$bin" send ben "hello from the installed urulink"
check "history shows the message" bash -c "PATH='$nojava_path' '$bin' history ben | grep -q 'hello from the installed urulink'"
stop_server
check "the first server stop wrote the start-up cache" cache_complete
check "the next start loads the cache and is healthy" start_server "$bin"
check "the launcher passed the cache to the JVM" loads_cache
stop_server

check "reinstall over the old one" "$here/install.sh" --prefix "$prefix"
check "data survives the reinstall" start_server "$bin"
check "history after reinstall still has the message" bash -c "PATH='$nojava_path' '$bin' history ben | grep -q 'hello from the installed urulink'"
stop_server
check "the new build recorded its own cache and the old one is gone" cache_complete

tarball=$(ls "$here"/dist/urulink-*-linux-*.tar.gz | head -n1)
check "the tarball's checksum matches" bash -c "cd '$here/dist' && sha256sum -c '$(basename "$tarball").sha256'"
mkdir -p "$tmp/elsewhere"
check "the tarball unpacks" tar -C "$tmp/elsewhere" -xzf "$tarball"
check "the unpacked urulink runs" run "$tmp/elsewhere/urulink/bin/urulink" --version
check "the unpacked urulink runs through a symlink" bash -c "ln -s '$tmp/elsewhere/urulink/bin/urulink' '$tmp/u' && PATH='$nojava_path' '$tmp/u' --version"

check "uninstall" "$here/install.sh" --prefix "$prefix" --uninstall
check "the prefix is clean after uninstall" test ! -e "$prefix"
check "uninstall removed the install's start-up cache" test ! -e "$cache"
check "data is kept after uninstall" test -e "$XDG_DATA_HOME/urulink/urulink.db"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
