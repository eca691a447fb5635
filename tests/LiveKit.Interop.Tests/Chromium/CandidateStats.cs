namespace LiveKit.Interop.Tests.Chromium;

/// <summary>A <c>local-candidate</c> or <c>remote-candidate</c> entry of Chromium's stats, in short.</summary>
public sealed record CandidateStats
{
    /// <summary>The candidate's address.</summary>
    public string? Address { get; init; }

    /// <summary>The candidate's port.</summary>
    public int? Port { get; init; }

    /// <summary><c>udp</c> or <c>tcp</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary><c>host</c>, <c>srflx</c>, <c>prflx</c> or <c>relay</c>.</summary>
    public string? CandidateType { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Address}:{Port}/{Protocol} {CandidateType}";
}
