using Chatt.Gateway.Auth;
using Chatt.Gateway.Proxy;
using Chatt.Gateway.Security;
using Chatt.Gateway.WebAssets;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewaySession();
builder.AddGatewaySecurity();
builder.AddGraphQLProxy();
builder.AddWebAssets();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseWebAssets();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseCrossSiteProtection();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapAuthEndpoints();
app.MapGraphQLProxy();
app.MapWebAssets();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
