using System;
using System.Collections.Generic;

namespace LiveKit.Interop.Tests.Chromium;

/// <summary>
/// A Chromium peer operation failed, or a state that was awaited became unreachable (failed or closed). The message
/// carries the page's failure details; <see cref="Failures"/> has them one by one.
/// </summary>
public sealed class ChromiumPeerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChromiumPeerException(string message, IReadOnlyList<ChromiumPeerFailure> failures, Exception? inner = null)
        : base(Describe(message, failures), inner)
    {
        Failures = failures;
    }

    /// <summary>The page's failure details at the time.</summary>
    public IReadOnlyList<ChromiumPeerFailure> Failures { get; }

    private static string Describe(string message, IReadOnlyList<ChromiumPeerFailure> failures) =>
        failures.Count == 0
            ? message + " (the page recorded no failure)"
            : message + System.Environment.NewLine + "Failures in the page:" + System.Environment.NewLine + "  " +
              string.Join(System.Environment.NewLine + "  ", failures);
}
