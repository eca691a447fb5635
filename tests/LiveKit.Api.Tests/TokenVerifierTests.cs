using System;
using System.Collections.Generic;
using System.Text;
using Xunit;

namespace LiveKit.Api.Tests;

public class TokenVerifierTests
{
    private const string ApiKey = "APIkey1";
    private const string ApiSecret = "secret-of-key1";

    // 2024-01-01T00:00:00Z
    private static readonly DateTimeOffset Issued = DateTimeOffset.FromUnixTimeSeconds(1704067200);

    private static readonly TokenVerifier Verifier = new(
        new Dictionary<string, string> { [ApiKey] = ApiSecret, ["APIkey2"] = "secret-of-key2" });

    private static string JoinToken(TimeSpan ttl) =>
        new AccessToken(ApiKey, ApiSecret)
            .WithIdentity("alice")
            .WithGrants(new VideoGrants { RoomJoin = true, Room = "demo" })
            .WithTtl(ttl)
            .ToJwt(new FixedTimeProvider(Issued));

    [Fact]
    public void Token_round_trips_through_the_verifier()
    {
        var video = new VideoGrants
        {
            RoomJoin = true,
            Room = "demo",
            CanPublish = true,
            CanSubscribe = false,
            CanPublishSources = [TrackSources.Camera],
            CanUpdateOwnMetadata = true,
            Hidden = true,
        };
        var attributes = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        string jwt = new AccessToken(ApiKey, ApiSecret)
            .WithIdentity("alice")
            .WithName("Alice")
            .WithMetadata("{\"x\":1}")
            .WithAttributes(attributes)
            .WithKind(ParticipantKinds.Sip)
            .WithSha256("abc=")
            .WithGrants(video)
            .ToJwt(new FixedTimeProvider(Issued));

        TokenVerificationResult result = Verifier.Verify(jwt, Issued.AddMinutes(1));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(TokenError.None, result.Error);
        Assert.Equal(ApiKey, result.ApiKey);
        var expected = new ClaimGrants
        {
            Identity = "alice",
            Name = "Alice",
            Metadata = "{\"x\":1}",
            Attributes = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
            Kind = ParticipantKinds.Sip,
            Sha256 = "abc=",
            Video = video,
            Issuer = ApiKey,
            NotBefore = Issued,
            IssuedAt = Issued,
            ExpiresAt = Issued + AccessToken.DefaultTtl,
        };
        Assert.Equal(expected, result.Claims);
    }

    [Fact]
    public void Token_of_a_second_key_is_checked_with_that_keys_secret()
    {
        string jwt = new AccessToken("APIkey2", "secret-of-key2").WithIdentity("bob").ToJwt(new FixedTimeProvider(Issued));

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("bob", result.Claims.Identity);
        Assert.Null(result.Claims.Video);
    }

    [Fact]
    public void Token_made_by_upstream_go_sdk_verifies()
    {
        // Test vector of livekit/protocol auth/verifier_test.go (made by go-jose), with its key and secret.
        const string Upstream =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE2MDg5MzAzMDgsImlzcyI6IkFQSUQzQjY3dXhrNE5qMkdLaVJQaWJBWjkiLCJuYmYiOjE2MDg5MjY3MDgsInJvb21fam9pbiI6dHJ1ZSwicm9vbV9zaWQiOiJteWlkIiwic3ViIjoiQVBJRDNCNjd1eGs0TmoyR0tpUlBpYkFaOSJ9.cmHEBq0MLyRqphmVLM2cLXg5ao5Sro7am8yXhcYKcwE";
        var verifier = new TokenVerifier("APID3B67uxk4Nj2GKiRPibAZ9", "YHC-CUhbQhGeVCaYgn1BNA++");

        TokenVerificationResult during = verifier.Verify(Upstream, DateTimeOffset.FromUnixTimeSeconds(1608927000));
        TokenVerificationResult after = verifier.Verify(Upstream, Issued);

        Assert.True(during.IsValid, during.Message);
        Assert.Equal("APID3B67uxk4Nj2GKiRPibAZ9", during.Claims.Identity);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1608930308), during.Claims.ExpiresAt);
        Assert.Equal(TokenError.Expired, after.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData("e30.e30.!!!")]
    [InlineData("%%%.e30.c2ln")]
    public void Not_a_compact_jws_is_malformed(string? jwt)
    {
        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.False(result.IsValid);
        Assert.Equal(TokenError.Malformed, result.Error);
        Assert.Null(result.Claims);
        Assert.NotEmpty(result.Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"HS256\"")]
    public void Header_that_is_not_a_json_object_is_malformed(string header)
    {
        string jwt = TestJwt.Sign(header, """{"iss":"APIkey1"}""", ApiSecret);

        Assert.Equal(TokenError.Malformed, Verifier.Verify(jwt, Issued).Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("""{"iss":"APIkey1","exp":"soon"}""")]
    [InlineData("""{"iss":"APIkey1","nbf":true}""")]
    [InlineData("""{"iss":7}""")]
    [InlineData("""{"iss":"APIkey1","sub":["a"]}""")]
    [InlineData("""{"iss":"APIkey1","video":"all"}""")]
    [InlineData("""{"iss":"APIkey1","video":{"roomJoin":"yes"}}""")]
    [InlineData("""{"iss":"APIkey1","video":{"canPublishSources":[1]}}""")]
    [InlineData("""{"iss":"APIkey1","attributes":{"a":1}}""")]
    [InlineData("""{"iss":"APIkey1","name":{}}""")]
    public void Payload_of_the_wrong_shape_is_malformed(string payload)
    {
        string jwt = TestJwt.SignHs256(payload, ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.Equal(TokenError.Malformed, result.Error);
    }

    [Fact]
    public void Malformed_livekit_claims_are_found_after_the_signature_check()
    {
        // The server answers "invalid authorization token" to the first and "invalid token: ..." to the second
        // (README.md); the api key tells them apart.
        string badRegistered = TestJwt.SignHs256("""{"iss":"APIkey1","exp":"soon"}""", ApiSecret);
        string badVideo = TestJwt.SignHs256("""{"iss":"APIkey1","video":"all"}""", ApiSecret);
        string badVideoWrongSecret = TestJwt.SignHs256("""{"iss":"APIkey1","video":"all"}""", "wrong");

        TokenVerificationResult registered = Verifier.Verify(badRegistered, Issued);
        TokenVerificationResult video = Verifier.Verify(badVideo, Issued);

        Assert.Equal(TokenError.Malformed, registered.Error);
        Assert.Null(registered.ApiKey);
        Assert.Equal(TokenError.Malformed, video.Error);
        Assert.Equal(ApiKey, video.ApiKey);
        Assert.Equal(TokenError.BadSignature, Verifier.Verify(badVideoWrongSecret, Issued).Error);
    }

    [Fact]
    public void Payload_that_is_not_utf8_is_malformed()
    {
        string payload = TestJwt.Base64Url(new byte[] { (byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}' });
        string signingInput = TestJwt.Base64Url("""{"alg":"HS256"}""") + "." + payload;
        string jwt = signingInput + "." + TestJwt.Signature(signingInput, ApiSecret);

        Assert.Equal(TokenError.Malformed, Verifier.Verify(jwt, Issued).Error);
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""")]
    [InlineData("""{"alg":"RS256","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS512","typ":"JWT"}""")]
    [InlineData("""{"alg":"hs256","typ":"JWT"}""")]
    [InlineData("""{"typ":"JWT"}""")]
    [InlineData("""{"alg":null}""")]
    public void Algorithms_other_than_hs256_are_refused(string header)
    {
        // Signed with the right secret all the same: the algorithm alone must decide.
        string jwt = TestJwt.Sign(header, """{"iss":"APIkey1","sub":"mallory"}""", ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.Equal(TokenError.UnsupportedAlgorithm, result.Error);
        Assert.Contains("HS256", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsigned_alg_none_token_is_refused()
    {
        string jwt = TestJwt.Base64Url("""{"alg":"none"}""") + "." + TestJwt.Base64Url("""{"iss":"APIkey1","sub":"mallory"}""") + ".";

        Assert.Equal(TokenError.UnsupportedAlgorithm, Verifier.Verify(jwt, Issued).Error);
    }

    [Theory]
    [InlineData("""{"iss":"APIunknown","sub":"a"}""", "APIunknown")]
    [InlineData("""{"sub":"a"}""", "")]
    [InlineData("""{"iss":"","sub":"a"}""", "")]
    public void Unknown_api_key_is_refused(string payload, string apiKey)
    {
        string jwt = TestJwt.SignHs256(payload, ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.Equal(TokenError.UnknownApiKey, result.Error);
        Assert.Equal("invalid API key: " + apiKey, result.Message);
        Assert.Equal(apiKey, result.ApiKey);
    }

    [Fact]
    public void Key_with_an_empty_secret_counts_as_unknown()
    {
        var verifier = new TokenVerifier(new Dictionary<string, string> { ["APIempty"] = "" });
        string jwt = TestJwt.SignHs256("""{"iss":"APIempty"}""", "");

        Assert.Equal(TokenError.UnknownApiKey, verifier.Verify(jwt, Issued).Error);
    }

    [Fact]
    public void Token_signed_with_another_secret_has_a_bad_signature()
    {
        string jwt = new AccessToken(ApiKey, "not-the-secret").WithIdentity("alice").ToJwt(new FixedTimeProvider(Issued));

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.Equal(TokenError.BadSignature, result.Error);
        Assert.Null(result.Claims);
    }

    [Fact]
    public void Tampered_payload_has_a_bad_signature()
    {
        string jwt = JoinToken(TimeSpan.FromHours(1));
        string[] parts = jwt.Split('.');
        string payload = TestJwt.PayloadJson(jwt).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal);
        string tampered = parts[0] + "." + TestJwt.Base64Url(payload) + "." + parts[2];

        Assert.True(Verifier.Verify(jwt, Issued).IsValid);
        Assert.Equal(TokenError.BadSignature, Verifier.Verify(tampered, Issued).Error);
    }

    [Fact]
    public void Tampered_header_has_a_bad_signature()
    {
        string jwt = JoinToken(TimeSpan.FromHours(1));
        string[] parts = jwt.Split('.');
        string tampered = TestJwt.Base64Url("""{"alg":"HS256","typ":"JWT","kid":"x"}""") + "." + parts[1] + "." + parts[2];

        Assert.Equal(TokenError.BadSignature, Verifier.Verify(tampered, Issued).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    public void Altered_or_truncated_signature_is_bad(int keep)
    {
        string jwt = JoinToken(TimeSpan.FromHours(1));
        string[] parts = jwt.Split('.');
        byte[] signature = TestJwt.FromBase64Url(parts[2]);
        byte[] altered = signature[..keep];
        if (keep == 31)
        {
            altered = (byte[])signature.Clone();
            altered[31] ^= 0x01;
        }

        string forged = parts[0] + "." + parts[1] + "." + TestJwt.Base64Url(altered);

        Assert.Equal(TokenError.BadSignature, Verifier.Verify(forged, Issued).Error);
    }

    [Fact]
    public void Padded_base64url_parts_are_accepted()
    {
        // go-jose trims '=' before decoding; 'sub' of this payload makes its base64 need padding.
        string payload = """{"iss":"APIkey1","sub":"ab"}""";
        string header = """{"alg":"HS256"}""";
        string headerPart = Convert.ToBase64String(Encoding.UTF8.GetBytes(header)).Replace('+', '-').Replace('/', '_');
        string payloadPart = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).Replace('+', '-').Replace('/', '_');
        Assert.EndsWith("=", headerPart + payloadPart, StringComparison.Ordinal);
        string signingInput = headerPart + "." + payloadPart;
        string jwt = signingInput + "." + TestJwt.Signature(signingInput, ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("ab", result.Claims.Identity);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(59, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(3600, false)]
    public void Expiry_allows_sixty_seconds_of_leeway(int secondsPastExpiry, bool valid)
    {
        string jwt = JoinToken(TimeSpan.FromHours(1));
        DateTimeOffset expiry = Issued.AddHours(1);

        TokenVerificationResult result = Verifier.Verify(jwt, expiry.AddSeconds(secondsPastExpiry));

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? TokenError.None : TokenError.Expired, result.Error);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(59, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Not_before_allows_sixty_seconds_of_leeway(int secondsEarly, bool valid)
    {
        string jwt = JoinToken(TimeSpan.FromHours(1));

        TokenVerificationResult result = Verifier.Verify(jwt, Issued.AddSeconds(-secondsEarly));

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? TokenError.None : TokenError.NotYetValid, result.Error);
    }

    [Fact]
    public void Issued_in_the_future_is_not_yet_valid()
    {
        // No nbf: only iat says the token is from the future.
        string jwt = TestJwt.SignHs256("""{"iss":"APIkey1","sub":"a","iat":1704067200}""", ApiSecret);

        Assert.True(Verifier.Verify(jwt, Issued.AddSeconds(-60)).IsValid);
        TokenVerificationResult result = Verifier.Verify(jwt, Issued.AddSeconds(-61));
        Assert.Equal(TokenError.NotYetValid, result.Error);
        Assert.Contains("iat", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_leeway_refuses_one_second_past_expiry()
    {
        var strict = new TokenVerifier(new Dictionary<string, string> { [ApiKey] = ApiSecret }, TimeSpan.Zero);
        string jwt = JoinToken(TimeSpan.FromHours(1));

        Assert.True(strict.Verify(jwt, Issued.AddHours(1)).IsValid);
        Assert.Equal(TokenError.Expired, strict.Verify(jwt, Issued.AddHours(1).AddSeconds(1)).Error);
        Assert.Equal(TokenError.NotYetValid, strict.Verify(jwt, Issued.AddSeconds(-1)).Error);
    }

    [Fact]
    public void Token_without_expiry_is_accepted_as_go_jose_does()
    {
        string jwt = TestJwt.SignHs256("""{"iss":"APIkey1","sub":"a"}""", ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, DateTimeOffset.MaxValue);

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Claims.ExpiresAt);
    }

    [Fact]
    public void Fractional_and_huge_dates_are_read_as_whole_seconds()
    {
        string jwt = TestJwt.SignHs256("""{"iss":"APIkey1","sub":"a","nbf":1704067200.9,"exp":1e300}""", ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Issued, result.Claims.NotBefore);
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeSeconds(), result.Claims.ExpiresAt!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public void Empty_sub_takes_the_identity_from_jti()
    {
        string jwt = TestJwt.SignHs256("""{"iss":"APIkey1","sub":"","jti":"from-jti"}""", ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("from-jti", result.Claims.Identity);
        Assert.Equal("from-jti", result.Claims.JwtId);
    }

    [Fact]
    public void Identity_is_required_only_when_asked()
    {
        string jwt = new AccessToken(ApiKey, ApiSecret)
            .WithGrants(new VideoGrants { RoomList = true })
            .ToJwt(new FixedTimeProvider(Issued));

        TokenVerificationResult lenient = Verifier.Verify(jwt, Issued);
        TokenVerificationResult strict = Verifier.Verify(jwt, Issued, requireIdentity: true);

        Assert.True(lenient.IsValid, lenient.Message);
        Assert.Equal("", lenient.Claims.Identity);
        Assert.Equal(TokenError.MissingIdentity, strict.Error);
        Assert.True(Verifier.Verify(JoinToken(TimeSpan.FromHours(1)), Issued, requireIdentity: true).IsValid);
    }

    [Fact]
    public void Unknown_claims_and_null_members_are_ignored()
    {
        string jwt = TestJwt.SignHs256(
            """{"iss":"APIkey1","sub":"a","aud":["x"],"roomConfig":{"name":"r"},"name":null,"video":{"roomJoin":null,"canPublish":null,"room":"r","future":1}}""",
            ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Claims.Name);
        Assert.Equal(new VideoGrants { Room = "r" }, result.Claims.Video);
    }

    [Fact]
    public void Claim_names_are_case_sensitive_as_in_go_jose()
    {
        string jwt = TestJwt.SignHs256("""{"iss":"APIkey1","sub":"a","video":{"RoomJoin":true,"room":"r"}}""", ApiSecret);

        TokenVerificationResult result = Verifier.Verify(jwt, Issued);

        Assert.True(result.IsValid, result.Message);
        Assert.False(result.Claims.Video!.RoomJoin);
    }

    [Fact]
    public void Verification_uses_the_time_providers_clock()
    {
        string jwt = JoinToken(TimeSpan.FromMinutes(5));

        Assert.True(Verifier.Verify(jwt, new FixedTimeProvider(Issued.AddMinutes(1))).IsValid);
        Assert.Equal(TokenError.Expired, Verifier.Verify(jwt, new FixedTimeProvider(Issued.AddMinutes(7))).Error);
    }

    [Fact]
    public void Mutated_tokens_never_throw()
    {
        // A seeded fuzzer: flips, inserts and deletes characters of a valid token; every answer must be a result.
        var random = new Random(20240101);
        string valid = JoinToken(TimeSpan.FromHours(1));
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/{}\"";
        int refused = 0;
        for (int i = 0; i < 3000; i++)
        {
            var text = new StringBuilder(valid);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits && text.Length > 0; e++)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        text.Remove(at, 1);
                        break;
                }
            }

            TokenVerificationResult result = Verifier.Verify(text.ToString(), Issued);
            if (!result.IsValid)
            {
                refused++;
                Assert.NotEqual(TokenError.None, result.Error);
            }
        }

        Assert.True(refused > 2500, $"only {refused} of 3000 mutations were refused");
    }
}
