#!/usr/bin/env bash
# Runs a command inside a fresh network namespace whose only interface is lo (up, 127.0.0.1), so that the interop
# peers (Chromium, pion, our stack) can gather loopback candidates only. The namespace is removed when the command
# ends, whatever way it ends short of SIGKILL; namespaces left by a run killed that way are removed by the next run.
#
#   scripts/interop-netns.sh <command> [args...]        exits with the command's exit code
#
# Needs root (CI runs as root). The command inherits the environment, the working directory and standard input.
# Inside the namespace nothing but 127.0.0.1 is reachable: restore and build before, not inside.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "$0: network namespaces need root (run as root, or through sudo)" >&2
  exit 2
fi
command -v ip >/dev/null || { echo "$0: 'ip' not found (Debian package iproute2)" >&2; exit 2; }

prefix="lk-interop-"

# Namespaces of earlier runs whose script (the pid in the name) is gone: a run ended by SIGKILL leaves one behind.
for stale in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${prefix}[0-9]*$" || true); do
  pid="${stale#"$prefix"}"
  if ! kill -0 "$pid" 2>/dev/null; then
    ip netns pids "$stale" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
    ip netns delete "$stale" 2>/dev/null || true
  fi
done

ns="${prefix}$$"
child=""
signalled=0

cleanup() {
  # Processes the command left running inside the namespace (an orphaned browser, say) would keep it alive.
  local pids
  pids="$(ip netns pids "$ns" 2>/dev/null || true)"
  if [[ -n "$pids" ]]; then
    kill -TERM $pids 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      pids="$(ip netns pids "$ns" 2>/dev/null || true)"
      [[ -z "$pids" ]] && break
      sleep 0.2
    done
    [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null || true
  fi
  ip netns delete "$ns" 2>/dev/null || true
}
forward() {
  # Pass the signal on to the command and let it finish; the EXIT trap then removes the namespace.
  signalled=$2
  [[ -n "$child" ]] && kill "-$1" "$child" 2>/dev/null || true
}
trap cleanup EXIT
trap 'forward TERM 143' TERM
trap 'forward INT 130' INT
trap 'forward HUP 129' HUP

ip netns add "$ns"
ip -n "$ns" link set lo up
# IPv6 off in the namespace: loopback is 127.0.0.1 only, so no peer gathers a ::1 candidate.
ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 \
  net.ipv6.conf.lo.disable_ipv6=1 >/dev/null 2>&1 || true

# In the background (with our standard input kept) so that a signal reaches the traps while the command runs.
ip netns exec "$ns" "$@" <&0 &
child=$!
# wait returns early (>128) when a trapped signal interrupts it, while the command may still be running.
while kill -0 "$child" 2>/dev/null; do
  wait "$child" || true
done
status=0
wait "$child" || status=$?
# A command that exits 0 on SIGTERM (dotnet test does) must not make an interrupted run look like a passed one.
if ((status == 0 && signalled != 0)); then
  status=$signalled
fi
exit "$status"
