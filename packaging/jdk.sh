# Sourced by install.sh, test.sh and .ci/run: finds a JDK >= 21 and prints its home.
# Order: $JAVA_HOME when new enough, else the newest JDK under /usr/lib/jvm, else a message saying what to do.

urulink_jdk_version() { # JAVA_HOME -> feature version (e.g. 25), or nothing
    local home=$1 v=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
    fi
    [ "$v" = "1" ] && v=8
    echo "$v"
}

urulink_find_jdk() {
    local min=21 best="" bestv=0 home v
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(urulink_jdk_version "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge "$min" ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for home in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
        [ -d "$home" ] || continue
        v=$(urulink_jdk_version "$home")
        if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ]; then
            best=$home
            bestv=$v
        fi
    done
    if [ -n "$best" ]; then
        echo "$best"
        return 0
    fi
    {
        echo "urulink: building needs a JDK ${min} or newer (with javac and jlink); none was found."
        echo "  Checked: \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm."
        echo "  Install one, e.g.:  sudo apt-get install openjdk-21-jdk-headless   (or any JDK >= ${min})"
        echo "  then run again, or point JAVA_HOME at it:  JAVA_HOME=/path/to/jdk $0"
    } >&2
    return 1
}

urulink_need_maven() {
    if command -v mvn >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Maven is missing; installing it from Debian packages..." >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null && return 0
    fi
    echo "urulink: building needs Apache Maven 3.8 or newer (mvn); install it, e.g.: sudo apt-get install maven" >&2
    return 1
}
