using System;
using System.Collections.Generic;
using System.Text.Json;
using Xunit;

namespace LiveKit.Api.Tests;

public class AccessTokenTests
{
    private const string ApiKey = "APIkey1";
    private const string ApiSecret = "secret-of-key1";

    // 2024-01-01T00:00:00Z
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1704067200);

    private static AccessToken KnownAnswerToken() =>
        new AccessToken(ApiKey, ApiSecret)
            .WithIdentity("alice")
            .WithName("Alice")
            .WithKind(ParticipantKinds.Agent)
            .WithMetadata("m1")
            .WithAttributes(new Dictionary<string, string> { ["team"] = "blue" })
            .WithTtl(TimeSpan.FromHours(1))
            .WithGrants(new VideoGrants
            {
                RoomJoin = true,
                Room = "demo",
                CanPublish = false,
                CanPublishSources = [TrackSources.Camera, TrackSources.Microphone],
            });

    [Fact]
    public void Token_matches_the_known_answer()
    {
        // Computed independently with Python's hmac and base64 over the same header and payload text.
        const string Expected =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
            "eyJpc3MiOiJBUElrZXkxIiwic3ViIjoiYWxpY2UiLCJuYmYiOjE3MDQwNjcyMDAsImlhdCI6MTcwNDA2NzIwMCwiZXhwIjoxNzA0MDcwODAwLCJuYW1lIjoiQWxpY2UiLCJraW5kIjoiYWdlbnQiLCJ2aWRlbyI6eyJyb29tSm9pbiI6dHJ1ZSwicm9vbSI6ImRlbW8iLCJjYW5QdWJsaXNoIjpmYWxzZSwiY2FuUHVibGlzaFNvdXJjZXMiOlsiY2FtZXJhIiwibWljcm9waG9uZSJdfSwibWV0YWRhdGEiOiJtMSIsImF0dHJpYnV0ZXMiOnsidGVhbSI6ImJsdWUifX0." +
            "ZqoRxtMWRmUEFA6FddnhRm05uZffKjTWpBp3AFk70UU";

        string jwt = KnownAnswerToken().ToJwt(new FixedTimeProvider(Now));

        Assert.Equal(Expected, jwt);
    }

    [Fact]
    public void Header_and_payload_are_the_expected_json()
    {
        string jwt = KnownAnswerToken().ToJwt(new FixedTimeProvider(Now));

        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", TestJwt.HeaderJson(jwt));
        Assert.Equal(
            """{"iss":"APIkey1","sub":"alice","nbf":1704067200,"iat":1704067200,"exp":1704070800,"name":"Alice","kind":"agent","video":{"roomJoin":true,"room":"demo","canPublish":false,"canPublishSources":["camera","microphone"]},"metadata":"m1","attributes":{"team":"blue"}}""",
            TestJwt.PayloadJson(jwt));
    }

    [Fact]
    public void Signature_verifies_with_an_independent_hmac()
    {
        string jwt = KnownAnswerToken().ToJwt(new FixedTimeProvider(Now));
        string[] parts = jwt.Split('.');

        Assert.Equal(TestJwt.Signature(parts[0] + "." + parts[1], ApiSecret), parts[2]);
        Assert.NotEqual(TestJwt.Signature(parts[0] + "." + parts[1], "another-secret"), parts[2]);
    }

    [Fact]
    public void Default_lifetime_is_six_hours()
    {
        string jwt = new AccessToken(ApiKey, ApiSecret).WithIdentity("bob").ToJwt(new FixedTimeProvider(Now));

        using JsonDocument payload = JsonDocument.Parse(TestJwt.PayloadJson(jwt));
        long nbf = payload.RootElement.GetProperty("nbf").GetInt64();
        long iat = payload.RootElement.GetProperty("iat").GetInt64();
        long exp = payload.RootElement.GetProperty("exp").GetInt64();
        Assert.Equal(Now.ToUnixTimeSeconds(), nbf);
        Assert.Equal(nbf, iat);
        Assert.Equal(6 * 3600, exp - nbf);
        Assert.Equal(TimeSpan.FromHours(6), new AccessToken(ApiKey, ApiSecret).Ttl);
    }

    [Fact]
    public void Sub_second_clock_is_truncated_to_whole_seconds()
    {
        DateTimeOffset now = Now.AddMilliseconds(999);

        string jwt = new AccessToken(ApiKey, ApiSecret).WithTtl(TimeSpan.FromSeconds(10)).ToJwt(new FixedTimeProvider(now));

        using JsonDocument payload = JsonDocument.Parse(TestJwt.PayloadJson(jwt));
        Assert.Equal(Now.ToUnixTimeSeconds(), payload.RootElement.GetProperty("nbf").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds() + 10, payload.RootElement.GetProperty("exp").GetInt64());
    }

    [Theory]
    [InlineData("", ApiSecret, "apiKey")]
    [InlineData(null, ApiSecret, "apiKey")]
    [InlineData(ApiKey, "", "apiSecret")]
    [InlineData(ApiKey, null, "apiSecret")]
    public void Missing_key_or_secret_is_refused_at_construction(string? key, string? secret, string parameter)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new AccessToken(key!, secret!));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter == "apiKey" ? "API key" : "API secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Join_grant_without_identity_is_refused(string? identity)
    {
        var token = new AccessToken(ApiKey, ApiSecret)
        {
            Identity = identity,
            Video = new VideoGrants { RoomJoin = true, Room = "demo" },
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => token.ToJwt());

        Assert.Contains("identity", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("roomJoin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_api_token_needs_no_identity_and_leaves_sub_out()
    {
        string jwt = new AccessToken(ApiKey, ApiSecret)
            .WithGrants(new VideoGrants { RoomAdmin = true, Room = "demo" })
            .ToJwt(new FixedTimeProvider(Now));

        Assert.Equal(
            """{"iss":"APIkey1","nbf":1704067200,"iat":1704067200,"exp":1704088800,"video":{"roomAdmin":true,"room":"demo"}}""",
            TestJwt.PayloadJson(jwt));
    }

    [Fact]
    public void Token_without_grants_leaves_video_out()
    {
        string jwt = new AccessToken(ApiKey, ApiSecret).WithIdentity("carol").ToJwt(new FixedTimeProvider(Now));

        using JsonDocument payload = JsonDocument.Parse(TestJwt.PayloadJson(jwt));
        Assert.False(payload.RootElement.TryGetProperty("video", out _));
        Assert.Equal("carol", payload.RootElement.GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Non_positive_lifetime_is_refused(int seconds)
    {
        var token = new AccessToken(ApiKey, ApiSecret);

        Assert.Throws<ArgumentOutOfRangeException>(() => token.Ttl = TimeSpan.FromSeconds(seconds));
        Assert.Equal(AccessToken.DefaultTtl, token.Ttl);
    }

    [Fact]
    public void Sha256_claim_is_written()
    {
        string jwt = new AccessToken(ApiKey, ApiSecret).WithSha256("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")
            .ToJwt(new FixedTimeProvider(Now));

        using JsonDocument payload = JsonDocument.Parse(TestJwt.PayloadJson(jwt));
        Assert.Equal("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", payload.RootElement.GetProperty("sha256").GetString());
    }
}
