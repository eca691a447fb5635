#!/usr/bin/env bash
# Installs what building and testing need beyond the .NET SDK, idempotently, on a bare Debian 12 machine of ours.
#   chromium                               the browser peer of the interop tests (driven by Microsoft.Playwright)
#   golang-go + golang-github-pion-*       the pion peer of the interop tests, built in GOPATH mode from Debian
#   libopus0                               Opus for the media legs (bound with LibraryImport, versioned name)
#   libvpx7                                VP8 for the media legs (bound with LibraryImport, versioned name)
#   iproute2                               network namespaces that keep the interop peers on loopback
#   livekit-client (npm)                   the official JS client the interop tests run in Chromium, pinned by
#                                          tests/LiveKit.Interop.Tests/LiveKitClient/package-lock.json (Debian's
#                                          nodejs and npm are installed for it only when node is absent)
# Runs apt-get and npm only when something is missing, so a machine that has everything starts the tests at once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

packages=(chromium golang-go golang-github-pion-webrtc.v3-dev libopus0 libvpx7 iproute2)
# A node from elsewhere (nvm, another package) is used as it is; Debian's only fills the gap.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The interop tests find the browser here (the /usr/bin wrapper prints shell noise; docs/interop.md).
test -x /usr/lib/chromium/chromium || { echo "chromium did not install /usr/lib/chromium/chromium" >&2; exit 1; }

# livekit-client, exactly as the lock file pins it: npm ci when node_modules is missing, incomplete, or older than
# the lock file (npm ci writes node_modules/.package-lock.json last, so its age is the install's age).
lkclient="$root/tests/LiveKit.Interop.Tests/LiveKitClient"
installed="$lkclient/node_modules/.package-lock.json"
bundle="$lkclient/node_modules/livekit-client/dist/livekit-client.umd.js"
if [[ ! -f $installed || ! -f $bundle || $lkclient/package-lock.json -nt $installed ]]; then
  echo "installing livekit-client (npm ci in ${lkclient#"$root"/})"
  (cd "$lkclient" && npm ci --no-audit --no-fund --loglevel=error)
fi
test -f "$bundle" || { echo "npm ci did not install $bundle" >&2; exit 1; }
