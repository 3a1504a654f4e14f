#!/usr/bin/env bash
# Builds urulink and installs it with its own Java runtime (jlink), so running it needs no JDK.
#
#   ./install.sh                 install under ~/.local (bin/urulink, lib/urulink/)
#   ./install.sh --prefix DIR    install under DIR (e.g. /usr/local for everyone)
#   ./install.sh --uninstall     remove what an install put there, and its start-up cache; nothing else
#
# Configuration and data live in XDG directories, never in the install, so re-running upgrades in place.
# The server's start-up cache is made at its first start, in ~/.cache/urulink (see packaging/urulink.sh).
set -euo pipefail

PREFIX=${PREFIX:-$HOME/.local}
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
        --prefix=*) PREFIX=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$PREFIX" in /*) ;; *) PREFIX="$(pwd)/$PREFIX" ;; esac

here=$(cd "$(dirname "$0")" && pwd)
home="$PREFIX/lib/urulink"
bin="$PREFIX/bin/urulink"
steps=3
step() { printf '[%s/%s] %s\n' "$1" "$steps" "$2"; }

# Links from PREFIX into the image: removed again by --uninstall, and only when they still point into it.
links() {
    echo "$bin:$home/bin/urulink"
    echo "$PREFIX/share/bash-completion/completions/urulink:$home/share/bash-completion/completions/urulink"
    for page in "$home"/share/man/man1/*.1; do
        [ -e "$page" ] && echo "$PREFIX/share/man/man1/$(basename "$page"):$page"
    done
}

uninstall() {
    # The start-up caches this install's launcher made for the user running this (named after the install's
    # resolved path, as the launcher names them). A service's cache elsewhere (systemd: /var/cache/urulink) stays.
    if [ -d "$home" ]; then
        sum=$(printf %s "$(cd "$home" && pwd -P)" | cksum | cut -d' ' -f1)
        cache="${XDG_CACHE_HOME:-$HOME/.cache}/urulink"
        rm -f "$cache"/server-*-"$sum".*
        rmdir "$cache" 2>/dev/null || true
    fi
    links | while IFS=: read -r link target; do
        if [ -L "$link" ] && [ "$(readlink "$link")" = "$target" ]; then
            rm -f "$link"
            rmdir -p --ignore-fail-on-non-empty "$(dirname "$link")" 2>/dev/null || true
        fi
    done
    rm -rf "$home"
    rmdir --ignore-fail-on-non-empty "$PREFIX/lib" "$PREFIX" 2>/dev/null || true
    echo "urulink removed from $PREFIX (configuration and data in ~/.config/urulink and ~/.local/share/urulink are kept)"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit 0
fi

. "$here/packaging/jdk.sh"
JAVA_HOME=$(urulink_find_jdk)
export JAVA_HOME
urulink_need_maven
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step 1 "Building with Maven (JDK: $JAVA_HOME)"
(cd "$here" && mvn -B -q -ntp -DskipTests package) >"$work/build.log" 2>&1 || {
    tail -n 40 "$work/build.log" >&2
    echo "install.sh: the build failed; the log above says why" >&2
    exit 1
}
step 2 "Making the application image: jlink runtime, jars (about 30 s)"
image="$work/urulink"
"$here/packaging/build-image.sh" "$image" || { echo "install.sh: making the image failed" >&2; exit 1; }

step 3 "Installing into $PREFIX"
mkdir -p "$PREFIX/lib" "$PREFIX/bin"
rm -rf "$home.new"
cp -a "$image" "$home.new"
rm -rf "$home.old"
[ -d "$home" ] && mv "$home" "$home.old"
mv "$home.new" "$home"
rm -rf "$home.old"
links | while IFS=: read -r link target; do
    mkdir -p "$(dirname "$link")"
    ln -sfn "$target" "$link"
done

version=$("$bin" --version 2>/dev/null | awk '{print $2}')
echo "Installed urulink ${version:-?}: $bin -> $home ($(du -sh "$home" | cut -f1))"

# The same image as a relocatable tarball, for machines without Maven or a JDK.
arch=$(uname -m)
tarball="$here/dist/urulink-${version:-unknown}-linux-$arch.tar.gz"
mkdir -p "$here/dist"
tar -C "$work" -czf "$tarball" urulink
(cd "$here/dist" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
echo "Tarball: $tarball (+ .sha256); unpack anywhere and run urulink/bin/urulink"
echo "Man pages: man urulink   Completion: bash picks it up; zsh: autoload -U +X bashcompinit && bashcompinit && source $PREFIX/share/bash-completion/completions/urulink"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "Note: $PREFIX/bin is not on your PATH. Add it, e.g.:  echo 'export PATH=\"$PREFIX/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
