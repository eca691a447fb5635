#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine of ours, installing what the tests need first.
# Results: one folder of TRX files per test project under artifacts/test-results/ (what .ci/run counts).
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need beyond the .NET SDK: chromium, Go with Debian's pion packages, libopus.
bash scripts/install-deps.sh

rm -rf artifacts/test-results
dotnet build LiveKit.Generated.sln -c Release

# Every test project, each with its own results folder so no TRX file can overwrite another's. The interop tests
# run inside a network namespace with only lo (made and removed by scripts/interop-netns.sh), so that Chromium and
# pion offer nothing but 127.0.0.1.
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  runner=()
  [[ $name == LiveKit.Interop.Tests ]] && runner=(bash scripts/interop-netns.sh)
  "${runner[@]}" dotnet test "$project" -c Release --no-build \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "artifacts/test-results/$name" "$@" || status=1
done
exit $status
