#!/usr/bin/env bash
# Installs what building and testing need beyond the .NET SDK, idempotently. Nothing yet: the event surface
# needs only the SDK and NuGet packages (restored by dotnet). Transport, media and interop issues add Debian
# packages (chromium, libopus0, libvpx7, golang) and npm packages here.
set -euo pipefail
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
