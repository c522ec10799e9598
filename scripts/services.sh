#!/usr/bin/env bash
# Starts the services the tests need (PostgreSQL, Redis, python3 and Chromium for
# the Python and browser tests) when they are not already there. Safe to run twice.
set -uo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  echo "starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -c 'create database test' >/dev/null

if ! redis_up; then
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "installing python3 (the generated Python module's tests)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; } \
    || { echo "python3 could not be installed; the Python module's tests need it" >&2; exit 1; }
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Chromium (docs test)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
    || { echo "Chromium could not be installed; the docs test needs /usr/bin/chromium" >&2; exit 1; }
fi
exit 0
