using System.Text;

namespace LiveKit.WebRtc.Sdp;

/// <summary>Writes a <see cref="SessionDescription"/> as text in the line order of RFC 8866 §5, CRLF after each line.</summary>
public static class SdpSerializer
{
    /// <summary>The SDP text.</summary>
    public static string Serialize(SessionDescription description)
    {
        var text = new StringBuilder(4096);
        Line(text, 'v', SdpText.Format(description.Version));
        Line(text, 'o', description.Origin.ToString());
        Line(text, 's', description.SessionName);
        OptionalLine(text, 'i', description.Information);
        OptionalLine(text, 'u', description.Uri);
        foreach (string email in description.Emails)
        {
            Line(text, 'e', email);
        }

        foreach (string phone in description.Phones)
        {
            Line(text, 'p', phone);
        }

        OptionalLine(text, 'c', description.Connection?.ToString());
        foreach (SdpBandwidth bandwidth in description.Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        foreach (SdpTiming timing in description.Timings)
        {
            Line(text, 't', timing.ToString());
            foreach (string repeat in timing.Repeats)
            {
                Line(text, 'r', repeat);
            }
        }

        OptionalLine(text, 'z', description.TimeZones);
        OptionalLine(text, 'k', description.EncryptionKey);
        foreach (SdpAttribute attribute in description.Attributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        foreach (SdpMediaDescription media in description.MediaDescriptions)
        {
            Line(text, 'm', media.ToMediaLineValue());
            OptionalLine(text, 'i', media.Information);
            foreach (SdpConnection connection in media.Connections)
            {
                Line(text, 'c', connection.ToString());
            }

            foreach (SdpBandwidth bandwidth in media.Bandwidths)
            {
                Line(text, 'b', bandwidth.ToString());
            }

            OptionalLine(text, 'k', media.EncryptionKey);
            foreach (SdpAttribute attribute in media.Attributes)
            {
                Line(text, 'a', attribute.ToString());
            }
        }

        return text.ToString();
    }

    private static void OptionalLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            Line(text, type, value);
        }
    }

    private static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");
}
