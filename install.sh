#!/usr/bin/env bash
# Builds urulink and installs it with its own Java runtime (jlink), so running it needs no JDK.
#
#   ./install.sh                 install under ~/.local (bin/urulink, lib/urulink/)
#   ./install.sh --prefix DIR    install under DIR (e.g. /usr/local for everyone)
#   ./install.sh --uninstall     remove what an install put there, and nothing else
#
# Configuration and data live in XDG directories, never in the install, so re-running upgrades in place.
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

uninstall() {
    if [ -L "$bin" ] && [ "$(readlink "$bin")" = "$home/bin/urulink" ]; then
        rm -f "$bin"
    fi
    rm -rf "$home"
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
step 2 "Making the application image: jlink runtime, jars, start-up cache (about 30 s)"
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
ln -sfn "$home/bin/urulink" "$bin"

version=$("$bin" --version 2>/dev/null | awk '{print $2}')
echo "Installed urulink ${version:-?}: $bin -> $home ($(du -sh "$home" | cut -f1))"

# The same image as a relocatable tarball, for machines without Maven or a JDK.
arch=$(uname -m)
tarball="$here/dist/urulink-${version:-unknown}-linux-$arch.tar.gz"
mkdir -p "$here/dist"
tar -C "$work" -czf "$tarball" urulink
(cd "$here/dist" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
echo "Tarball: $tarball (+ .sha256); unpack anywhere and run urulink/bin/urulink"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "Note: $PREFIX/bin is not on your PATH. Add it, e.g.:  echo 'export PATH=\"$PREFIX/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
