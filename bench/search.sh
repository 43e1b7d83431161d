#!/usr/bin/env bash
# The search benchmark: builds ChatApi and the load generator in Release, starts ChatApi on loopback on a fresh
# SQLite file with a random signing key and the rate limit off, and runs the generator's --search scenario, which
# seeds that file directly and measures searchMessages (bench/Chatt.Bench/SearchScenario.cs). Extra arguments go to
# the scenario (e.g. --search-messages 100000). The other scenarios: bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${CHATT_BENCH_PORT:-5199}
data=$(mktemp -d)
key=$(head -c 32 /dev/urandom | base64)
dotnet build -c Release src/ChatApi -v q -nologo >/dev/null
dotnet build -c Release bench/Chatt.Bench -v q -nologo >/dev/null

ASPNETCORE_ENVIRONMENT=Benchmark \
ASPNETCORE_URLS="http://127.0.0.1:$port" \
ConnectionStrings__chatdb="Data Source=$data/chatt.db" \
Authentication__Schemes__Bearer__ValidIssuer=chatt-bench \
Authentication__Schemes__Bearer__ValidAudiences__0=chatt-api \
Authentication__Schemes__Bearer__SigningKeys__0__Issuer=chatt-bench \
Authentication__Schemes__Bearer__SigningKeys__0__Value="$key" \
Logging__LogLevel__Default=Warning \
GraphQL__RateLimit__Enabled=false \
  dotnet src/ChatApi/bin/Release/net10.0/ChatApi.dll &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/alive" >/dev/null && break; sleep 0.1; done

# --search seeds this file directly (bench/Chatt.Bench/SearchScenario.cs) and measures searchMessages only.
CHATT_BENCH_DB="$data/chatt.db" CHATT_BENCH_SERVER_PID=$server dotnet bench/Chatt.Bench/bin/Release/net10.0/Chatt.Bench.dll --url "http://127.0.0.1:$port/" --signing-key "$key" --search "$@"
