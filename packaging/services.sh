#!/usr/bin/env bash
# Makes sure the services urulink's tests talk to answer on 127.0.0.1: PostgreSQL on 5432 (user postgres),
# Redis on 6379, RabbitMQ on 5672 (guest/guest). A service that is installed but stopped is started; one that is
# missing is installed from its Debian package first (as root only). Prints one ✓ or ✗ line per service and exits
# non-zero when any is ✗. Safe to run again and again; when all three answer it takes a fraction of a second.
# Also installs tmux, which the terminal client's end-to-end test drives. test.sh runs it before Maven. URULINK_SERVICES_WAIT: seconds a started service may take to answer (default 90).
set -uo pipefail

wait_seconds=${URULINK_SERVICES_WAIT:-90}
services=(postgres redis rabbitmq)
declare -A title=([postgres]="PostgreSQL" [redis]="Redis" [rabbitmq]="RabbitMQ")
declare -A port=([postgres]=5432 [redis]=6379 [rabbitmq]=5672)
declare -A package=([postgres]=postgresql [redis]=redis-server [rabbitmq]=rabbitmq-server)
declare -A problem=()

is_root() { [ "$(id -u)" -eq 0 ]; }

# --- does it answer? Each check speaks the service's protocol, so a stranger on the port does not pass. ---

answers_postgres() {
    if command -v pg_isready >/dev/null; then
        pg_isready -q -h 127.0.0.1 -p 5432 -t 2
    else
        timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432' 2>/dev/null
    fi
}

answers_redis() {
    timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && IFS= read -r line <&3 &&
        [[ $line == +PONG* ]]' 2>/dev/null
}

# Logs in over AMQP 0-9-1 as guest/guest: header, read Connection.Start, send Start-Ok (PLAIN), and expect
# Connection.Tune (class 10, method 30); a refused login gets Close or a closed socket instead.
amqp_guest_login() {
    exec 3<>/dev/tcp/127.0.0.1/5672 || return 1
    printf 'AMQP\x00\x00\x09\x01' >&3
    local header size
    header=$(dd bs=1 count=7 status=none <&3 | od -An -tu1) || return 1
    read -r -a h <<<"$header"
    [ "${h[0]:-}" = 1 ] || return 1
    size=$(( (h[3] << 24) + (h[4] << 16) + (h[5] << 8) + h[6] + 1 ))
    dd bs=1 count="$size" status=none <&3 >/dev/null || return 1
    printf '\x01\x00\x00\x00\x00\x00\x24\x00\x0a\x00\x0b\x00\x00\x00\x00\x05PLAIN\x00\x00\x00\x0c\x00guest\x00guest\x05en_US\xce' >&3
    read -r -a h <<<"$(dd bs=1 count=11 status=none <&3 | od -An -tu1)"
    [ "${h[0]:-}" = 1 ] && [ "${h[8]:-}" = 10 ] && [ "${h[10]:-}" = 30 ]
}
export -f amqp_guest_login

answers_rabbitmq() {
    timeout 5 bash -c amqp_guest_login 2>/dev/null
}

answers() { "answers_$1"; }

# --- is it installed, and how is it started? ---

postgres_version() { ls /etc/postgresql 2>/dev/null | sort -V | tail -n1; }

installed() {
    case $1 in
        postgres) command -v pg_ctlcluster >/dev/null && [ -n "$(postgres_version)" ] ;;
        redis) command -v redis-server >/dev/null ;;
        rabbitmq) command -v rabbitmq-server >/dev/null ;;
    esac
}

start_command() {
    case $1 in
        postgres) echo "pg_ctlcluster --skip-systemctl-redirect $(postgres_version) main start" ;;
        redis) echo "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no" \
            "--dir /var/lib/redis --logfile /var/log/redis/ci.log" ;;
        rabbitmq) echo "rabbitmq-server -detached" ;;
    esac
}

start() {
    local s=$1
    [ "$s" = redis ] && mkdir -p /var/lib/redis /var/log/redis
    # Output goes to a log: "already running" and start-up chatter are not the user's business unless it fails.
    eval "$(start_command "$s")" >"/tmp/urulink-services-$s.log" 2>&1
}

install_package() {
    local pkg=$1
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$pkg" >"/tmp/urulink-services-install.log" 2>&1 ||
        { apt-get update -q >>"/tmp/urulink-services-install.log" 2>&1 &&
          apt-get install -y -q --no-install-recommends "$pkg" >>"/tmp/urulink-services-install.log" 2>&1; }
}

# A fresh Debian PostgreSQL asks for passwords on 127.0.0.1; the tests connect as postgres without one. Only a
# cluster this script just installed is changed, and only for connections from this machine.
trust_loopback() {
    local hba
    hba="/etc/postgresql/$(postgres_version)/main/pg_hba.conf"
    [ -f "$hba" ] || return 0
    sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$(postgres_version)" main reload >/dev/null 2>&1 || true
}

# --- make each one answer ---

bring_up() {
    local s=$1
    if ! installed "$s"; then
        if ! is_root; then
            problem[$s]="not installed; as root run: apt-get install -y ${package[$s]}"
            return
        fi
        echo "  installing ${package[$s]} (Debian package)..."
        if ! install_package "${package[$s]}"; then
            problem[$s]="installing ${package[$s]} failed; see /tmp/urulink-services-install.log"
            return
        fi
        [ "$s" = postgres ] && trust_loopback
        answers "$s" && return
    fi
    if ! is_root; then
        problem[$s]="installed but not running; as root run: $(start_command "$s")"
        return
    fi
    echo "  starting ${title[$s]}..."
    start "$s"
}

await() {
    local s=$1
    until answers "$s"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            problem[$s]="did not answer within ${wait_seconds} s; see /tmp/urulink-services-$s.log"
            return
        fi
        sleep 0.5
    done
}

down=()
for s in "${services[@]}"; do
    answers "$s" || down+=("$s")
done
# Start every stopped service first, then wait: RabbitMQ's slow start overlaps the others'.
for s in "${down[@]}"; do
    bring_up "$s"
done
deadline=$((SECONDS + wait_seconds))
for s in "${down[@]}"; do
    [ -n "${problem[$s]:-}" ] || await "$s"
done

failed=0
# Tools the tests run besides the services: rabbitmqctl comes with RabbitMQ, redis-cli with Redis; tmux drives the
# terminal client's end-to-end test.
if ! command -v tmux >/dev/null; then
    if is_root && install_package tmux; then
        echo "✓ tmux (installed)"
    else
        echo "✗ tmux: not installed; as root run: apt-get install -y tmux"
        failed=1
    fi
fi
for s in "${services[@]}"; do
    what="${title[$s]} on 127.0.0.1:${port[$s]}"
    [ "$s" = rabbitmq ] && what="$what (guest/guest)"
    if [ -n "${problem[$s]:-}" ]; then
        echo "✗ $what: ${problem[$s]}"
        failed=1
    else
        echo "✓ $what"
    fi
done
exit "$failed"
