using System;
using System.Collections.Generic;
using System.Linq;

namespace LiveKit.Interop.Tests.LiveKitClient;

/// <summary>
/// A page function failed: livekit-client rejected (see <see cref="Error"/>), or the page did not answer in time.
/// The message ends with the page's latest warnings and errors from its console.
/// </summary>
public sealed class LiveKitClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LiveKitClientException(string page, string function, ClientError error, IReadOnlyList<string> console, Exception? inner = null)
        : base(Describe(page, function, error, console), inner)
    {
        Page = page;
        Function = function;
        Error = error;
    }

    /// <summary>The page's name.</summary>
    public string Page { get; }

    /// <summary>The page function that failed: <c>connect</c>, <c>publishMicrophone</c>...</summary>
    public string Function { get; }

    /// <summary>What the page rejected with.</summary>
    public ClientError Error { get; }

    private static string Describe(string page, string function, ClientError error, IReadOnlyList<string> console)
    {
        string message = $"{page}: {function} failed: {error}";
        string[] tail = console.Skip(Math.Max(0, console.Count - 15)).ToArray();
        return tail.Length == 0
            ? message
            : message + System.Environment.NewLine + "The page's console (latest):" + System.Environment.NewLine + "  " +
              string.Join(System.Environment.NewLine + "  ", tail);
    }
}
