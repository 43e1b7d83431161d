namespace Chatt.Bench.Fleet;

/// <summary>The issuer and audience of the tokens the generator mints (TestTokens, HMAC with the fleet's key).</summary>
internal static class BenchTokens
{
    public const string Issuer = "chatt-bench";
    public const string Audience = "chatt-api";
}
