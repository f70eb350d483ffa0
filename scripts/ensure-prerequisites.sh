#!/usr/bin/env bash
# Installs the Debian packages the CRM runs on (PostgreSQL, RabbitMQ, Redis, an SMTP catcher) when they
# are missing. Nothing is started here: the AppHost and the test fixtures start private server processes.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Run as root or install: apt-get install -y ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  # The packages' post-install scripts try to start system-wide servers; policy-rc.d keeps them from doing so
  # where it exists, and nothing we run depends on those.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
