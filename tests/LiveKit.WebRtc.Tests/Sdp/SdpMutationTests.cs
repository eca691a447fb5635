using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LiveKit.WebRtc.Sdp;
using Xunit;

namespace LiveKit.WebRtc.Tests.Sdp;

/// <summary>
/// Seeded mutation of captured SDPs: the parser must never throw, and whatever it accepts must serialize to text
/// that parses again to the same text (so accepted input is always representable).
/// </summary>
public sealed class SdpMutationTests
{
    private const string Alphabet = " :/=;,~*-.\r\n\t\0az09AZ";

    [Fact]
    public void Fifty_thousand_mutated_captures_never_throw()
    {
        Run(seed: 8866, iterations: 50_000);
    }

    [Fact]
    [Trait("Category", "LongFuzz")]
    public void A_million_mutated_captures_never_throw()
    {
        Run(seed: 8829, iterations: 1_000_000);
    }

    private static void Run(int seed, int iterations)
    {
        string[] captures = SdpCaptures.Names.Select(SdpCaptures.Read).Append(ChromiumLikeOffer.Text).ToArray();
        var random = new Random(seed);
        var capabilities = new SdpLocalCapabilities
        {
            Codecs = new[] { SdpCodecCapability.Opus, SdpCodecCapability.Vp8, SdpCodecCapability.VideoRtx },
            HeaderExtensionUris = new[] { "urn:ietf:params:rtp-hdrext:sdes:mid" },
        };
        var options = new SdpAnswerOptions
        {
            IceUfrag = "abcd",
            IcePwd = "0123456789abcdefghijkl",
            Fingerprint = new SdpFingerprint("sha-256", "AB:CD"),
        };
        int accepted = 0;
        for (int i = 0; i < iterations; i++)
        {
            string input = Mutate(captures[random.Next(captures.Length)], random);
            SessionDescription? description;
            try
            {
                if (!SdpParser.TryParse(input, out description, out SdpError? error))
                {
                    Assert.False(string.IsNullOrEmpty(error.Message));
                    continue;
                }
            }
            catch (Exception exception)
            {
                Assert.Fail($"iteration {i} (seed {seed}) threw {exception}\ninput:\n{input}");
                return;
            }

            accepted++;
            string serialized = description.ToString();
            Assert.True(SdpParser.TryParse(serialized, out SessionDescription? again, out SdpError? reparseError),
                $"iteration {i}: serialized text does not parse again: {reparseError}\n{serialized}");
            Assert.Equal(serialized, again.ToString());
            TouchTypedViews(description);
            SdpAnswerBuilder.CreateAnswer(description, capabilities, options).ToString();
        }

        // The mutations are small, so a good share of inputs must still be accepted and checked above.
        Assert.True(accepted > iterations / 20, $"only {accepted} of {iterations} mutated inputs parsed");
    }

    private static void TouchTypedViews(SessionDescription description)
    {
        _ = (description.Groups, description.BundleGroup, description.MsidSemantic, description.IceUfrag, description.IcePwd,
            description.IceOptions, description.Fingerprints, description.Setup, description.ExtmapAllowMixed);
        foreach (SdpMediaDescription media in description.MediaDescriptions)
        {
            _ = (media.Mid, media.Direction, media.Msids, media.RtcpMux, media.RtcpRsize, media.RtpMaps, media.RtcpFeedbacks,
                media.Extmaps, media.Ssrcs, media.SsrcGroups, media.Rids, media.Simulcast, media.Candidates, media.EndOfCandidates,
                media.SctpPort, media.MaxMessageSize, media.IceUfrag, media.IcePwd, media.IceOptions, media.Fingerprints, media.Setup);
            foreach (SdpFmtp fmtp in media.Fmtps)
            {
                _ = fmtp.AssociatedPayloadType;
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        int count = 1 + random.Next(3);
        for (int m = 0; m < count; m++)
        {
            text = random.Next(8) switch
            {
                0 => DeleteChar(text, random),
                1 => InsertChar(text, random),
                2 => ReplaceChar(text, random),
                3 => text[..random.Next(text.Length + 1)],
                4 => MutateLines(text, random),
                5 => ReplaceNumber(text, random),
                6 => SplitLine(text, random),
                _ => ReplaceAfterColon(text, random),
            };
        }

        return text;
    }

    private static string DeleteChar(string text, Random random) =>
        text.Length == 0 ? text : text.Remove(random.Next(text.Length), 1);

    private static string InsertChar(string text, Random random) =>
        text.Insert(random.Next(text.Length + 1), Alphabet[random.Next(Alphabet.Length)].ToString());

    private static string ReplaceChar(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        builder[random.Next(text.Length)] = random.Next(4) == 0 ? (char)random.Next(0x20, 0x7f) : Alphabet[random.Next(Alphabet.Length)];
        return builder.ToString();
    }

    private static string MutateLines(string text, Random random)
    {
        List<string> lines = text.Split('\n').ToList();
        int a = random.Next(lines.Count);
        int b = random.Next(lines.Count);
        switch (random.Next(3))
        {
            case 0: lines.RemoveAt(a); break;
            case 1: lines.Insert(a, lines[b]); break;
            default: (lines[a], lines[b]) = (lines[b], lines[a]); break;
        }

        return string.Join('\n', lines);
    }

    private static string ReplaceNumber(string text, Random random)
    {
        string[] replacements = { "0", "-1", "65536", "4294967296", "18446744073709551616", "99999999999999999999999", "" };
        int start = random.Next(text.Length + 1);
        while (start < text.Length && !char.IsAsciiDigit(text[start]))
        {
            start++;
        }

        int end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return text[..start] + replacements[random.Next(replacements.Length)] + text[end..];
    }

    private static string SplitLine(string text, Random random)
    {
        int at = random.Next(text.Length + 1);
        return text.Insert(at, random.Next(2) == 0 ? "\r\n" : "\n");
    }

    private static string ReplaceAfterColon(string text, Random random)
    {
        int colon = text.IndexOf(':', random.Next(text.Length + 1));
        if (colon < 0)
        {
            return text;
        }

        int end = text.IndexOf('\n', colon);
        end = end < 0 ? text.Length : end;
        string[] values = { "", " ", "*", "x", "1", "1 ", "0 a/0", "~", ";", "send ;", "1/bogus x" };
        return text[..(colon + 1)] + values[random.Next(values.Length)] + text[end..];
    }
}
