#!/usr/bin/env bash
# Runs the benchmark: builds ChatApi and the load generator in Release, raises the open-files limit (50,000 idle
# sockets need ~100,000 descriptors between the generator and the server), installs dotnet-gcdump for the memory
# breakdown, then runs bench/Chatt.Bench, which starts the servers itself (one or two ChatApi instances on a fresh
# SQLite file with a random signing key, and a local nats-server for two; the per-caller rate limit off) and stops them.
# Arguments go to the generator, e.g.:  bench/run.sh --scenario writes
#                                       bench/run.sh --scenario idle --sockets 50000
#                                       bench/run.sh --scenario rooms,nats --rate 200 --seconds 30
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n 250000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build -c Release src/ChatApi -v q -nologo >/dev/null
dotnet build -c Release bench/Chatt.Bench -v q -nologo >/dev/null

tools=.tools/diag
if [ ! -x "$tools/dotnet-gcdump" ]; then
  dotnet tool install dotnet-gcdump --tool-path "$tools" --version 10.0.750501 >/dev/null 2>&1 || echo "dotnet-gcdump not installed: no heap breakdown" >&2
fi
gcdump=()
[ -x "$tools/dotnet-gcdump" ] && gcdump=(--gcdump "$PWD/$tools/dotnet-gcdump")

exec dotnet bench/Chatt.Bench/bin/Release/net10.0/Chatt.Bench.dll --chatapi "$PWD/src/ChatApi/bin/Release/net10.0/ChatApi.dll" "${gcdump[@]}" "$@"
