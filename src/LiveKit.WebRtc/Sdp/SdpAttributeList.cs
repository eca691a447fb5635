using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace LiveKit.WebRtc.Sdp;

/// <summary>Parses one attribute value into its typed form; the signature every typed record's TryParse has.</summary>
internal delegate bool SdpValueParser<T>(string value, [NotNullWhen(true)] out T? result, out string error)
    where T : class;

/// <summary>Typed look-ups over an ordered list of raw <see cref="SdpAttribute"/> lines.</summary>
internal static class SdpAttributeList
{
    public static bool Has(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the first attribute named <paramref name="name"/>, or null.</summary>
    public static string? FirstValue(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == name && attribute.Value is not null)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>Every attribute named <paramref name="name"/> that parses, in order; the parser already rejected the rest.</summary>
    public static IReadOnlyList<T> All<T>(IReadOnlyList<SdpAttribute> attributes, string name, SdpValueParser<T> parse)
        where T : class
    {
        var result = new List<T>();
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == name && attribute.Value is not null && parse(attribute.Value, out T? typed, out _))
            {
                result.Add(typed);
            }
        }

        return result;
    }

    public static T? First<T>(IReadOnlyList<SdpAttribute> attributes, string name, SdpValueParser<T> parse)
        where T : class
    {
        IReadOnlyList<T> all = All(attributes, name, parse);
        return all.Count > 0 ? all[0] : null;
    }

    public static IReadOnlyList<string> IceOptions(IReadOnlyList<SdpAttribute> attributes)
    {
        var options = new List<string>();
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == SdpAttributeNames.IceOptions && attribute.Value is not null)
            {
                options.AddRange(SdpText.SplitSpaces(attribute.Value));
            }
        }

        return options;
    }

    public static SdpSetupRole? Setup(IReadOnlyList<SdpAttribute> attributes) =>
        FirstValue(attributes, SdpAttributeNames.Setup) is string value && SdpSetupRoleExtensions.TryParse(value, out SdpSetupRole role)
            ? role
            : null;
}
