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
steps=5
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
app="$here/cli/target"
jars=("$app"/urulink-cli-*.jar "$app"/lib/*.jar)
cp_list=$(IFS=:; echo "${jars[*]}")

step 2 "Finding the Java modules urulink needs (jdeps)"
modules=$("$JAVA_HOME/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps -q \
    --class-path "$cp_list" "${jars[@]}" 2>/dev/null || true)
# Modules reached only by reflection or service loading, which jdeps cannot see.
modules="${modules:+$modules,}java.naming,java.sql,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,java.management,jdk.localedata"

step 3 "Making the runtime image (jlink)"
image="$work/urulink"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --output "$image/runtime" >"$work/jlink.log" 2>&1 || {
    cat "$work/jlink.log" >&2
    exit 1
}
mkdir -p "$image/lib/app" "$image/bin"
cp "${jars[@]}" "$image/lib/app/"
install -m 0755 "$here/packaging/urulink.sh" "$image/bin/urulink"

step 4 "Training the class-data archive for fast start"
"$image/runtime/bin/java" -XX:ArchiveClassesAtExit="$image/lib/urulink.jsa" --enable-native-access=ALL-UNNAMED \
    -cp "$image/lib/app/*" org.urulink.cli.Main --help >/dev/null 2>&1 || rm -f "$image/lib/urulink.jsa"

step 5 "Installing into $PREFIX"
mkdir -p "$PREFIX/lib" "$PREFIX/bin"
rm -rf "$home.new"
cp -a "$image" "$home.new"
rm -rf "$home.old"
[ -d "$home" ] && mv "$home" "$home.old"
mv "$home.new" "$home"
rm -rf "$home.old"
ln -sfn "$home/bin/urulink" "$bin"

version=$("$bin" --version 2>/dev/null || echo "urulink (version unknown)")
echo "Installed $version: $bin -> $home ($(du -sh "$home" | cut -f1))"
case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "Note: $PREFIX/bin is not on your PATH. Add it, e.g.:  echo 'export PATH=\"$PREFIX/bin:\$PATH\"' >> ~/.bashrc" ;;
esac
