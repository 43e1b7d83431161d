namespace Chatt.Gateway.WebAssets;

/// <summary>
/// The built single-page app: files as they are, and <c>index.html</c> for every other browser path (client
/// routing). Vite names everything under <c>/assets/</c> by content hash, so those are cached for a year;
/// <c>index.html</c> is revalidated on every load so a deploy takes effect at once.
/// </summary>
public static class WebAssetsExtensions
{
    private const string ImmutableCache = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";

    public static IHostApplicationBuilder AddWebAssets(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Gateway").Get<WebAssetsSettings>() ?? new WebAssetsSettings();
        builder.Services.AddSingleton(new WebRoot(settings.ResolveWebRoot(builder.Environment.ContentRootPath), settings.WebClientPending));
        return builder;
    }

    public static IApplicationBuilder UseWebAssets(this IApplicationBuilder app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.ApplicationServices.GetRequiredService<WebRoot>(),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets") ? ImmutableCache : Revalidate,
        });

        return app;
    }

    public static IEndpointRouteBuilder MapWebAssets(this IEndpointRouteBuilder app)
    {
        app.MapFallback(async (HttpContext http, WebRoot root) =>
        {
            var path = http.Request.Path;
            // A missing hashed file or an unknown API path is a 404, not the app's HTML.
            if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                || path.StartsWithSegments("/assets") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/graphql"))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = Revalidate;
            var index = root.GetFileInfo("index.html");
            if (index.Exists)
            {
                return Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8", lastModified: index.LastModified);
            }

            // 503 + Retry-After: "come back soon", which is true while the app host builds the client.
            if (root.Pending)
            {
                http.Response.Headers.RetryAfter = "3";
                return Results.Content(PlaceholderPage.Starting, "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Content(PlaceholderPage.Html, "text/html; charset=utf-8");
        });

        return app;
    }
}
