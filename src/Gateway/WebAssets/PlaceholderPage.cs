namespace Chatt.Gateway.WebAssets;

/// <summary>Served instead of the web client when its build folder is missing, so the gateway is still usable (sign-in, API).</summary>
internal static class PlaceholderPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Chatt</title></head>
        <body>
        <h1>Chatt gateway</h1>
        <p>The web client is not built. Run <code>npm ci &amp;&amp; npm run build</code> in <code>src/Web</code>,
        or set <code>Gateway:WebRoot</code> to its <code>dist</code> folder.</p>
        <p><a href="/auth/login">Sign in</a> · <a href="/auth/me">Who am I?</a> · the API is at <code>/graphql</code>.</p>
        </body>
        </html>
        """;
}
