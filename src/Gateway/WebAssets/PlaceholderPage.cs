namespace Chatt.Gateway.WebAssets;

/// <summary>
/// Served instead of the web client when its build folder is missing, so the gateway is still usable (sign-in,
/// API); or, while the app host builds the client on a first start, a page that says so and reloads itself.
/// </summary>
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

    public const string Starting = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Chatt is starting</title></head>
        <body>
        <h1>Chatt is starting</h1>
        <p role="status">The web client is still being built (<code>npm ci &amp;&amp; npm run build</code> in <code>src/Web</code>).
        On a first start this takes about a minute; this page reloads itself until the chat is ready.
        The app host's dashboard shows the build's progress as the <code>web-build</code> resource.</p>
        </body>
        </html>
        """;
}
