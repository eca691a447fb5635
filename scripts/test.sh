#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine of ours, installing what the tests need first.
# Results: TRX files under artifacts/test-results/ (what .ci/run counts).
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond the .NET SDK. Later issues add apt packages (chromium, libopus0, libvpx7, golang)
# and npm packages here; this issue's tests need none.
bash scripts/install-deps.sh

rm -rf artifacts/test-results
dotnet test LiveKit.Generated.sln -c Release \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory artifacts/test-results "$@"
