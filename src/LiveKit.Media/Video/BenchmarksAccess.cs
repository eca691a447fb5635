using System.Runtime.CompilerServices;

// The video conversion benchmarks (bench/LiveKit.Benchmarks/VideoConversionBenchmarks.cs) measure the internal scalar
// reference next to the public converter. Belongs in LiveKit.Media.csproj as <InternalsVisibleTo Include="LiveKit.Benchmarks" />,
// beside the others; kept here until that file is edited.
[assembly: InternalsVisibleTo("LiveKit.Benchmarks")]
