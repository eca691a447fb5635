#!/usr/bin/env bash
# The main job: the room demo (samples/LiveKit.Samples.RoomDemo). Two C# participants, alice and bob, each with a
# LiveKit.Rtc.Room of their own, join one room and print every event their rooms emit: joins, name, metadata and
# attribute changes, room metadata, reliable and lossy data, a message to one destination, and the leaves.
#   bash scripts/demo.sh                                                       on an in-process LiveKit test server
#   bash scripts/demo.sh --url wss://host --api-key K --api-secret S [--room R]  on a LiveKit server
#   bash scripts/demo.sh --url wss://host --token ALICE_TOKEN --token BOB_TOKEN  with tokens of your own
#   bash scripts/demo.sh --help
# Exit code 0 when every expected event arrived, 1 with a one-line reason when not, 2 for bad arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet run -c Release --project samples/LiveKit.Samples.RoomDemo -- "$@"
