namespace LiveKit.Benchmarks;

/// <summary>
/// The audio subscriber alone (<see cref="AudioSubscriberProcess"/>), for a Native AOT publish: the options are those of
/// <c>LiveKit.Benchmarks.dll audio-subscriber</c>, without the verb.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => AudioSubscriberProcess.Run(args);
}
