#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine of ours, installing what the tests need first.
# Results: one folder of TRX files per test project under artifacts/test-results/ (what .ci/run counts).
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond the .NET SDK. Later issues add apt packages (chromium, libopus0, libvpx7, golang)
# and npm packages there.
bash scripts/install-deps.sh

rm -rf artifacts/test-results
dotnet build LiveKit.Generated.sln -c Release

# Every test project, each with its own results folder so no TRX file can overwrite another's.
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "artifacts/test-results/$name" "$@" || status=1
done
exit $status
