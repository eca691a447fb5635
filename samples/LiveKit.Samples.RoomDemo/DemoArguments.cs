using System;
using System.Collections.Generic;

namespace LiveKit.Samples.RoomDemo;

/// <summary>
/// The demo's command line. Three forms: no server arguments (the in-process test server), <c>--url</c> with an API key
/// and secret (tokens minted here), or <c>--url</c> with two ready tokens (alice's, then bob's).
/// </summary>
internal sealed class DemoArguments
{
    /// <summary>The room the demo joins when no token names one.</summary>
    public const string DefaultRoom = "demo";

    public const string Usage = """
        Usage:
          demo.sh                                    run on an in-process LiveKit test server
          demo.sh --url <ws(s)://host> --api-key <key> --api-secret <secret> [--room <name>]
                                                     run on a LiveKit server; tokens for alice and bob are minted here
          demo.sh --url <ws(s)://host> --token <alice's token> --token <bob's token>
                                                     run on a LiveKit server with your tokens (their identities are used)
          demo.sh --help                             print this help

        Options:
          --room <name>   the room to join with --api-key (default: demo)
          --verbose       also print the SDK's debug log (on standard error)

        Exit codes: 0 every expected event arrived; 1 the demo failed (one line says why); 2 bad arguments.
        """;

    private DemoArguments()
    {
    }

    /// <summary>True when <c>--help</c> was given: print <see cref="Usage"/> and do nothing else.</summary>
    public bool ShowHelp { get; private init; }

    /// <summary>True when <c>--verbose</c> was given.</summary>
    public bool Verbose { get; private init; }

    /// <summary>The LiveKit server; null for the in-process test server.</summary>
    public string? Url { get; private init; }

    /// <summary>The API key tokens are minted with; null unless <c>--api-key</c> was given.</summary>
    public string? ApiKey { get; private init; }

    /// <summary>The API secret tokens are signed with; null unless <c>--api-secret</c> was given.</summary>
    public string? ApiSecret { get; private init; }

    /// <summary>The room to join when tokens are minted here.</summary>
    public string Room { get; private init; } = DefaultRoom;

    /// <summary>Alice's and bob's tokens, in that order, with the identities they carry; null unless <c>--token</c> was given.</summary>
    public (TokenIdentity Alice, TokenIdentity Bob)? Tokens { get; private init; }

    /// <summary>Reads <paramref name="args"/>.</summary>
    /// <exception cref="DemoUsageException">The arguments are not one of the forms in <see cref="Usage"/>.</exception>
    public static DemoArguments Parse(IReadOnlyList<string> args)
    {
        bool help = false, verbose = false;
        string? url = null, apiKey = null, apiSecret = null, room = null;
        var tokens = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            switch (option)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--url":
                    SetOnce(ref url, option, ValueOf(args, ref i));
                    break;
                case "--api-key":
                    SetOnce(ref apiKey, option, ValueOf(args, ref i));
                    break;
                case "--api-secret":
                    SetOnce(ref apiSecret, option, ValueOf(args, ref i));
                    break;
                case "--room":
                    SetOnce(ref room, option, ValueOf(args, ref i));
                    break;
                case "--token":
                    tokens.Add(ValueOf(args, ref i));
                    break;
                default:
                    throw new DemoUsageException($"unknown argument '{option}'");
            }
        }

        if (help)
        {
            return new DemoArguments { ShowHelp = true };
        }

        if (url is null)
        {
            if (apiKey is not null || apiSecret is not null || room is not null || tokens.Count > 0)
            {
                throw new DemoUsageException("--api-key, --api-secret, --room and --token need --url");
            }

            return new DemoArguments { Verbose = verbose };
        }

        CheckUrl(url);
        if (tokens.Count > 0)
        {
            if (apiKey is not null || apiSecret is not null || room is not null)
            {
                throw new DemoUsageException("give either --token twice or --api-key and --api-secret, not both (the tokens name the room)");
            }

            if (tokens.Count != 2)
            {
                throw new DemoUsageException($"--token must be given twice, alice's then bob's (got {tokens.Count})");
            }

            TokenIdentity alice = ReadToken(tokens[0], "first");
            TokenIdentity bob = ReadToken(tokens[1], "second");
            if (alice.Identity == bob.Identity)
            {
                throw new DemoUsageException($"both tokens are for the identity '{alice.Identity}': the demo needs two participants");
            }

            return new DemoArguments { Verbose = verbose, Url = url, Tokens = (alice, bob) };
        }

        if (apiKey is null || apiSecret is null)
        {
            throw new DemoUsageException("--url needs --api-key and --api-secret, or two --token");
        }

        if (room is { Length: 0 })
        {
            throw new DemoUsageException("--room must not be empty");
        }

        return new DemoArguments { Verbose = verbose, Url = url, ApiKey = apiKey, ApiSecret = apiSecret, Room = room ?? DefaultRoom };
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        string option = args[i];
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new DemoUsageException($"{option} needs a value");
        }

        i++;
        return args[i];
    }

    private static void SetOnce(ref string? field, string option, string value)
    {
        if (field is not null)
        {
            throw new DemoUsageException($"{option} given twice");
        }

        field = value;
    }

    private static void CheckUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https"))
        {
            throw new DemoUsageException($"--url '{url}' is not a ws://, wss://, http:// or https:// URL");
        }
    }

    private static TokenIdentity ReadToken(string token, string which) =>
        TokenIdentity.TryRead(token, out TokenIdentity? identity)
            ? identity
            : throw new DemoUsageException($"the {which} --token is not a LiveKit access token with an identity (a JWT whose payload has \"sub\")");
}
