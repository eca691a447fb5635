#!/usr/bin/env bash
# The main job. Until the room client exists it runs the sample that shows the generated event API at work;
# later issues turn it into the demo on the embedded test server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet run -c Release --project samples/LiveKit.Samples.EventSurface "$@"
