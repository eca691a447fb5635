using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace LiveKit.Testing.Server;

/// <summary>The command line of the standalone server; <see cref="Parse"/> explains what is wrong with a bad one.</summary>
public sealed record DevServerArguments
{
    /// <summary>The usage text printed by <c>--help</c> and after a bad argument.</summary>
    public const string Usage = """
        livekit-test-server: an in-process LiveKit-compatible server for tests and development (like livekit-server --dev)

          --port <n>             TCP port for signal (/rtc) and the server API (default 7880)
          --bind <address>       address to listen on (default 127.0.0.1)
          --api-key <key>        API key (default devkey)
          --api-secret <secret>  API secret (default secret)
          --no-auto-create       refuse joins to rooms not created through the server API
          --token <id>@<room>    print a join token for identity <id> in <room> (repeatable)
          --verbose              log every signal step
          --help                 this text
        """;

    /// <summary>The TCP port.</summary>
    public int Port { get; init; } = 7880;

    /// <summary>The address listened on.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>The API key.</summary>
    public string ApiKey { get; init; } = "devkey";

    /// <summary>The API secret.</summary>
    public string ApiSecret { get; init; } = "secret";

    /// <summary>Whether joins create rooms.</summary>
    public bool AutoCreateRooms { get; init; } = true;

    /// <summary>Tokens to print at start: (identity, room).</summary>
    public IReadOnlyList<(string Identity, string Room)> Tokens { get; init; } = Array.Empty<(string, string)>();

    /// <summary>Debug logging.</summary>
    public bool Verbose { get; init; }

    /// <summary>Only print the usage.</summary>
    public bool Help { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static DevServerArguments Parse(IReadOnlyList<string> args)
    {
        var result = new DevServerArguments();
        var tokens = new List<(string, string)>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            result = arg switch
            {
                "--port" => result with { Port = ParsePort(Value(args, ref i)) },
                "--bind" => result with { Bind = IPAddress.TryParse(Value(args, ref i), out IPAddress? address) ? address : throw new ArgumentException($"--bind needs an IP address, not \"{args[i]}\".") },
                "--api-key" => result with { ApiKey = Value(args, ref i) },
                "--api-secret" => result with { ApiSecret = Value(args, ref i) },
                "--no-auto-create" => result with { AutoCreateRooms = false },
                "--verbose" => result with { Verbose = true },
                "--help" or "-h" => result with { Help = true },
                "--token" => AddToken(result, tokens, Value(args, ref i)),
                _ => throw new ArgumentException($"Unknown argument \"{arg}\"."),
            };
        }

        return result with { Tokens = tokens };
    }

    private static DevServerArguments AddToken(DevServerArguments result, List<(string, string)> tokens, string value)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == value.Length - 1)
        {
            throw new ArgumentException($"--token needs <identity>@<room>, not \"{value}\".");
        }

        tokens.Add((value[..at], value[(at + 1)..]));
        return result;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"--port needs a number from 0 to 65535, not \"{value}\".");
}
