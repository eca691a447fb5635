using System;
using System.Security.Cryptography;
using System.Text;

namespace LiveKit.Api.Tests;

/// <summary>
/// Builds JWTs by hand, independently of the code under test (Convert.ToBase64String and a keyed HMACSHA256
/// instance rather than Base64Url and HMACSHA256.HashData), so tests can craft any header and payload.
/// </summary>
internal static class TestJwt
{
    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    public static byte[] FromBase64Url(string part)
    {
        string padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    public static string Signature(string signingInput, string secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string Sign(string headerJson, string payloadJson, string secret)
    {
        string signingInput = Base64Url(headerJson) + "." + Base64Url(payloadJson);
        return signingInput + "." + Signature(signingInput, secret);
    }

    public static string SignHs256(string payloadJson, string secret) =>
        Sign("""{"alg":"HS256","typ":"JWT"}""", payloadJson, secret);

    public static string HeaderJson(string jwt) => Encoding.UTF8.GetString(FromBase64Url(jwt.Split('.')[0]));

    public static string PayloadJson(string jwt) => Encoding.UTF8.GetString(FromBase64Url(jwt.Split('.')[1]));
}
