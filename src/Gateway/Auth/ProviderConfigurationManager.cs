using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Gateway.Auth;

/// <summary>
/// The provider's discovery document and signing keys, cached, and fetched again <em>before answering</em> when a
/// refresh is requested.
/// </summary>
/// <remarks>
/// When the provider rotates its signing keys, the first id_token signed with a new key names a kid the cached JWKS
/// lacks. The token handler then asks for a refresh and re-validates if the manager hands back a different
/// configuration. IdentityModel's own <c>ConfigurationManager</c> (8.x) refreshes in the background and returns the
/// stale configuration, so that sign-in failed (the code is already redeemed: the user saw "sign-in failed" once,
/// and only the next attempt worked). This one awaits the new document instead. Forced refreshes are at most one per
/// <see cref="BaseConfigurationManager.RefreshInterval"/>, so tokens naming unknown keys cannot make the gateway
/// hammer the provider.
/// </remarks>
public sealed partial class ProviderConfigurationManager : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    /// <summary>Forced refreshes at most this often.</summary>
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly string _metadataAddress;
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();

    private Task<OpenIdConnectConfiguration>? _fetching;
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchAfter = DateTimeOffset.MinValue;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;
    private bool _refreshRequested;

    public ProviderConfigurationManager(string metadataAddress, HttpClient backchannel, bool requireHttps, TimeProvider time, ILogger logger)
    {
        _metadataAddress = metadataAddress;
        _documents = new HttpDocumentRetriever(backchannel) { RequireHttps = requireHttps };
        _time = time;
        _logger = logger;
        MetadataAddress = metadataAddress;
        RefreshInterval = ForcedRefreshInterval;
    }

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        lock (_gate)
        {
            if (_current is { } current && !_refreshRequested && _time.GetUtcNow() < _fetchAfter)
            {
                return Task.FromResult(current);
            }

            // One fetch at a time, shared by every caller that arrives meanwhile; not tied to one caller's token.
            _refreshRequested = false;
            return _fetching ??= FetchAsync();
        }
    }

    private async Task<OpenIdConnectConfiguration> FetchAsync()
    {
        // Never completes synchronously, so _fetching is assigned before it is cleared below.
        await Task.Yield();
        var now = _time.GetUtcNow();
        try
        {
            var fetched = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _documents, CancellationToken.None);
            lock (_gate)
            {
                _current = fetched;
                _fetchAfter = now + AutomaticRefreshInterval;
            }

            return fetched;
        }
        catch (Exception exception) when (_current is { } stale)
        {
            // Stale keys are better than none; try again a little later.
            Log.RefreshFailed(_logger, _metadataAddress, exception);
            lock (_gate)
            {
                _fetchAfter = now + RefreshInterval;
            }

            return stale;
        }
        catch (Exception exception)
        {
            // The shape the OpenID Connect handler and /auth/login expect from a configuration manager.
            throw new InvalidOperationException($"The provider's discovery document at '{_metadataAddress}' could not be read.", exception);
        }
        finally
        {
            lock (_gate)
            {
                _fetching = null;
            }
        }
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) =>
        await GetConfigurationAsync(cancel);

    public override void RequestRefresh()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _lastForced >= RefreshInterval)
            {
                _lastForced = now;
                _refreshRequested = true;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1006, EventName = "ProviderConfigurationRefreshFailed", Level = LogLevel.Warning, Message = "Could not refresh the provider's configuration from {MetadataAddress}; keeping the cached one")]
        public static partial void RefreshFailed(ILogger logger, string metadataAddress, Exception exception);
    }
}
