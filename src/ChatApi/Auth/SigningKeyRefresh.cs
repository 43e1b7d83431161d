using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.ChatApi.Auth;

/// <summary>
/// Keeps ChatApi accepting tokens across a provider's key rotation, without a restart. JwtBearer caches the
/// provider's JWKS (for up to a day) and, on a token signed with a key it does not know, only asks for a refresh in
/// the background and refuses that token. Here such a token makes ChatApi read the discovery document and JWKS
/// again at once and validate the token once more with them; at most once per <see cref="MinimumInterval"/>, so
/// tokens with made-up key ids cannot turn ChatApi into a load generator against the provider.
/// </summary>
public sealed class SigningKeyRefresh(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;
    private OpenIdConnectConfiguration? _fetched;

    public async Task OnAuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        var options = context.Options;
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException || options.ConfigurationManager is null
            || TokenOf(context.Request) is not { } token)
        {
            return;
        }

        var configuration = await FetchAsync(options, context.HttpContext.RequestAborted);
        if (configuration is null)
        {
            return;
        }

        var parameters = options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
        var result = await new JsonWebTokenHandler { MapInboundClaims = options.MapInboundClaims }.ValidateTokenAsync(token, parameters);
        if (result.IsValid)
        {
            context.Principal = new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity);
            context.Success();
        }
        else
        {
            context.Exception = result.Exception;
        }
    }

    /// <summary>The provider's configuration read just now, or the one read less than <see cref="MinimumInterval"/> ago.</summary>
    private async Task<OpenIdConnectConfiguration?> FetchAsync(JwtBearerOptions options, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _lastFetch < MinimumInterval)
            {
                return _fetched;
            }

            _lastFetch = time.GetUtcNow();
            var address = options.MetadataAddress
                ?? options.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
            var retriever = new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata };
            _fetched = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancellationToken);
            // Let the handler's own cache catch up too, so later tokens validate without coming here.
            options.ConfigurationManager!.RequestRefresh();
            return _fetched;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string? TokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
