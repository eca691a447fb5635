using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.NetworkInformation;

// Namespace LiveKit.Interop.Tests, not ...Environment: a namespace of that name would hide System.Environment
// from every file of this project.
namespace LiveKit.Interop.Tests;

/// <summary>
/// The guard every interop fixture calls first: the peers (Chromium, pion, our stack) gather candidates on every
/// interface that is up, and the tests must use loopback only. scripts/test.sh runs this project through
/// scripts/interop-netns.sh, inside a network namespace whose only interface is <c>lo</c>; anywhere else this
/// guard fails the fixture with a message that says so.
/// </summary>
public static class LoopbackOnlyNetwork
{
    /// <summary>What the failure tells the person who ran the tests.</summary>
    public const string Advice =
        "run through scripts/test.sh, which runs this project inside a network namespace with only lo " +
        "(by hand, as root: bash scripts/interop-netns.sh dotnet test tests/LiveKit.Interop.Tests --no-build ...)";

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> when an interface other than loopback is usable: up, or in
    /// an unknown state (tunnels report that when up) with an address.
    /// </summary>
    public static void EnsureLoopbackOnly()
    {
        IReadOnlyList<string> others = UsableNonLoopbackInterfaces();
        if (others.Count > 0)
        {
            throw new InvalidOperationException(
                $"The interop tests must see loopback only, but these interfaces are up: {string.Join(", ", others)}; " +
                Advice + ".");
        }
    }

    /// <summary>The usable non-loopback interfaces, each as <c>name (addresses)</c>; empty inside the namespace.</summary>
    public static IReadOnlyList<string> UsableNonLoopbackInterfaces()
    {
        var usable = new List<string>();
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            string[] addresses = nic.GetIPProperties().UnicastAddresses.Select(a => a.Address.ToString()).ToArray();
            bool up = nic.OperationalStatus == OperationalStatus.Up
                || (nic.OperationalStatus is OperationalStatus.Unknown or OperationalStatus.Dormant && addresses.Length > 0);
            if (up)
            {
                usable.Add($"{nic.Name} ({(addresses.Length == 0 ? "no address" : string.Join(" ", addresses))})");
            }
        }

        return usable;
    }
}
