using Microsoft.Extensions.FileProviders;

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
        var root = Path.GetFullPath(settings.WebRoot, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(new WebRoot(Directory.Exists(root) ? new PhysicalFileProvider(root) : null));
        return builder;
    }

    public static IApplicationBuilder UseWebAssets(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<WebRoot>().Files is { } files)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                    context.Context.Request.Path.StartsWithSegments("/assets") ? ImmutableCache : Revalidate,
            });
        }

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
            var index = root.Files?.GetFileInfo("index.html");
            return index is { Exists: true }
                ? Results.Stream(index.CreateReadStream(), "text/html; charset=utf-8", lastModified: index.LastModified)
                : Results.Content(PlaceholderPage.Html, "text/html; charset=utf-8");
        });

        return app;
    }
}
