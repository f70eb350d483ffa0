#!/usr/bin/env bash
# Starts the whole CRM: PostgreSQL, RabbitMQ, Redis, the four services and the gateway. Ctrl+C stops everything.
# Pass --wipe to start from empty databases.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-prerequisites.sh
dotnet build AppHost/Crm.AppHost -c Release -v quiet -nologo
exec dotnet AppHost/Crm.AppHost/bin/Release/net10.0/Crm.AppHost.dll "$@"
