using Chatt.AppHost;
using Microsoft.Extensions.Configuration;

// Chatt, the whole system. Read top to bottom: who runs, and who talks to whom.
var builder = DistributedApplication.CreateBuilder(args);

// The one decision everything below follows, made before any resource exists: containers (MongoDB, NATS,
// Keycloak) or the embedded fallback (SQLite, a local nats-server when on PATH, the built-in Identity).
var mode = ContainerMode.Decide(builder.Configuration);
var data = builder.ChattDataDirectory();
const int gatewayPort = 5080;
var gatewayUrl = $"http://localhost:{gatewayPort}";

// Chat storage: MongoDB (a single-node replica set) in containers, else one SQLite file all replicas share.
var mongo = mode.UseContainers ? builder.AddMongo("mongo") : null;
var sqliteFile = Path.Combine(data, "chatt.db");

// The event bus between ChatApi replicas: NATS with JetStream, password-protected, the replicas signing their
// events (secrets generated per run). Without one, ChatApi runs alone on its in-process bus.
var natsServer = mode.UseContainers ? null : NatsResource.FindNatsServerOnPath();
var natsSecrets = NatsSecrets.Generate();
IResourceBuilder<IResourceWithConnectionString>? nats =
    mode.UseContainers ? builder.AddNatsContainer("nats", natsSecrets)
    : natsServer is not null ? builder.AddNatsServer("nats", natsServer, Path.Combine(data, "nats"), natsSecrets)
    : null;

// Sign-in: an external OIDC provider when one is configured (Oidc:Authority), else Keycloak in containers,
// else the built-in Identity. Gateway and ChatApi only ever see the provider's authority, client and audience.
var oidc = OidcProvider.External(builder)
    ?? (mode.UseContainers
        ? builder.AddKeycloak("keycloak", Path.Combine(builder.AppHostDirectory, "keycloak"))
        : builder.AddBuiltInIdentity("identity", data, gatewayUrl));

// ChatApi: the GraphQL API, two replicas when a bus connects them (one otherwise).
var chatApi = builder.AddProject<Projects.ChatApi>("chatapi")
    .WithChatStore(mongo, sqliteFile)
    .WithChatEvents(nats, natsSecrets)
    .WithTokenAuthority(oidc)
    .WithHttpHealthCheck("/health");

// Gateway: the one origin browsers use — sign-in (BFF cookie), /graphql proxied to ChatApi, the web client.
var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithEndpoint("http", endpoint => endpoint.Port = gatewayPort)
    .WithExternalHttpEndpoints()
    .WithReference(chatApi)
    .WaitFor(chatApi)
    .WithSignInProvider(oidc)
    // Sign-outs survive a restart of the gateway (src/Gateway/Auth/RevokedSessions.cs).
    .WithEnvironment("Gateway__Session__RevocationsPath", Path.Combine(data, "gateway-revocations"))
    .WithHttpHealthCheck("/health");

// A fresh clone has no built web client yet: build it once (about a minute). The Gateway does not wait for it:
// it answers at once with a "starting" page that reloads itself, and serves the client as soon as it is built.
var webBuild = builder.AddWebBuildIfMissing("web-build");
if (webBuild is not null)
{
    gateway.WithEnvironment("Gateway__WebClientPending", "true");
}

// The web client is built into the Gateway's web root; `--WebDevServer=true` also runs Vite's dev server
// (http://localhost:5173), which proxies /graphql and /auth to the Gateway.
if (builder.Configuration.GetValue<bool>("WebDevServer"))
{
    builder.AddWebDevServer("web", gateway);
}

builder.AddModeReport(mode,
    ("store", mongo is not null ? "MongoDB (container, volume chatt-mongo)" : $"SQLite ({sqliteFile})"),
    ("bus", mode.UseContainers ? "NATS (container, JetStream, volume chatt-nats)"
        : natsServer is not null ? $"NATS ({natsServer}, JetStream in {Path.Combine(data, "nats")})"
        : "in-process (nats-server not on PATH)"),
    ("chatapi", nats is not null ? "2 replicas" : "1 replica (no bus to connect more)"),
    ("identity", oidc.Description),
    ("gateway", gatewayUrl),
    ("web", webBuild is not null
        ? "building src/Web (npm ci && npm run build, about a minute on a first start; the gateway shows a 'starting' page until it is done: see the web-build resource)"
        : "src/Web/dist (already built; run npm run build in src/Web after editing the client)"));

builder.Build().Run();
