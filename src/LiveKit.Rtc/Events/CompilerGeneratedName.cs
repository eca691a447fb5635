namespace LiveKit.Rtc.Events;

/// <summary>
/// Turns the C# compiler's names for lambdas and local functions into what the user wrote, for logs. The compiler
/// names a lambda in method M <c>&lt;M&gt;b__0_0</c> and a local function L in M <c>&lt;M&gt;g__L|0_0</c>;
/// top-level statements are <c>&lt;Main&gt;$</c>.
/// </summary>
internal static class CompilerGeneratedName
{
    public static string Describe(string methodName)
    {
        if (!methodName.StartsWith('<'))
        {
            return methodName;
        }

        var close = MatchingClose(methodName);
        if (close < 0 || close + 2 >= methodName.Length)
        {
            return methodName;
        }

        var container = methodName[1..close];
        if (container == "<Main>$")
        {
            container = "top-level statements";
        }
        else if (container.Length == 0)
        {
            container = "a field initializer";
        }

        return methodName[close + 1] switch
        {
            'b' => $"{container} (lambda)",
            'g' when methodName.IndexOf('|', close) is var bar and > 0 && methodName.IndexOf("__", close, System.StringComparison.Ordinal) is var start and > 0
                => $"{container} (local function {methodName[(start + 2)..bar]})",
            _ => methodName,
        };
    }

    // The index of the '>' that closes the '<' at 0; names nest (<<Main>$>b__0_0).
    private static int MatchingClose(string name)
    {
        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
