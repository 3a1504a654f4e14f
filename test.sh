#!/usr/bin/env bash
# Runs urulink's whole test suite: fast unit tests and real-socket integration tests (real servers on random
# ports, real WebSocket clients, real SQLite files and a real PostgreSQL), then the installer test (install into a
# temporary prefix, run the installed urulink with no JDK on the PATH, reinstall, tarball, uninstall). Finds a
# JDK >= 21 itself; packaging/services.sh first makes sure PostgreSQL, Redis and RabbitMQ answer on 127.0.0.1.
# Extra arguments go to Maven and skip the installer test, e.g. ./test.sh -pl server -Dtest=ChatIT
set -euo pipefail
cd "$(dirname "$0")"
. packaging/jdk.sh
JAVA_HOME=$(urulink_find_jdk)
export JAVA_HOME
urulink_need_maven
packaging/services.sh
echo "Testing with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1) from $JAVA_HOME"
mvn -B -ntp install "$@"
if [ $# -eq 0 ]; then
    echo "Installer test (packaging/test-install.sh)"
    packaging/test-install.sh
fi
