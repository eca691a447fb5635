using LiveKit.Rtc.Events;
using Xunit;

namespace LiveKit.Rtc.Tests.Events;

/// <summary>Handler names in logs read as the user wrote them, not as the compiler named them.</summary>
public sealed class CompilerGeneratedNameTests
{
    [Theory]
    [InlineData("OnTrackSubscribed", "OnTrackSubscribed")]
    [InlineData("<Start>b__0_0", "Start (lambda)")]
    [InlineData("<Start>g__Log|0_1", "Start (local function Log)")]
    [InlineData("<<Main>$>b__0_0", "top-level statements (lambda)")]
    [InlineData("<<Main>$>g__RejectShouting|0_0", "top-level statements (local function RejectShouting)")]
    [InlineData("<.ctor>b__3_0", ".ctor (lambda)")]
    [InlineData("<>", "<>")]
    [InlineData("<Broken", "<Broken")]
    public void Describes_compiler_generated_names(string methodName, string expected) =>
        Assert.Equal(expected, CompilerGeneratedName.Describe(methodName));
}
