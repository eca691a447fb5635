namespace LiveKit.WebRtc.Tests.Relay;

/// <summary>
/// What one side received on a channel, checked against the generator: the same fields whether our
/// <see cref="MessageVerifier"/>, the pion peer or the Chromium page counted them.
/// </summary>
/// <param name="Received">Messages received.</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="Expected">Messages expected.</param>
/// <param name="Distinct">Expected messages received at least once.</param>
/// <param name="Mismatches">Messages that are no expected message.</param>
/// <param name="OutOfOrder">New messages that arrived after one with a higher index.</param>
/// <param name="Duplicates">Messages received again.</param>
/// <param name="Unknown">Messages beyond the expected ones.</param>
/// <param name="FirstProblem">The first problem, or empty.</param>
public sealed record MessageReport(
    long Received, long Bytes, long Expected, long Distinct, long Mismatches, long OutOfOrder, long Duplicates, long Unknown,
    string FirstProblem)
{
    /// <summary>Expected messages that never arrived.</summary>
    public long Lost => Expected - Distinct;

    /// <summary>Every expected message arrived exactly once, intact, in order, and nothing else did.</summary>
    public bool IsCompleteAndInOrder =>
        Distinct == Expected && Received == Expected && Mismatches == 0 && OutOfOrder == 0 && Duplicates == 0 && Unknown == 0;

    /// <summary>Every message that arrived is an expected one, intact, and none twice (some may be lost or late).</summary>
    public bool IsIntactWithoutDuplicates => Mismatches == 0 && Duplicates == 0 && Unknown == 0 && Received == Distinct;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Received} received ({Bytes} B), {Distinct}/{Expected} distinct, {Mismatches} mismatched, {OutOfOrder} out of order, " +
        $"{Duplicates} duplicates, {Unknown} unknown" + (FirstProblem.Length > 0 ? $"; first problem: {FirstProblem}" : "");
}
