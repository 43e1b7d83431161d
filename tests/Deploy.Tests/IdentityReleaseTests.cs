using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>The built-in Identity as the trial runs it: it must start outside Development and keep its state.</summary>
public sealed class IdentityReleaseTests
{
    private static RenderedRelease Release => Chart.Template();

    private static System.Text.Json.Nodes.JsonObject Identity(RenderedRelease release) =>
        Container(release.Get("Deployment", "chatt-identity"), "identity");

    [Fact]
    public void Identity_gets_generated_signing_and_encryption_keys_kept_across_upgrades()
    {
        var identity = Identity(Release);
        var secret = Release.Get("Secret", "chatt-identity");

        Assert.Equal(("chatt-identity", "signing-key.pem"), SecretRef(identity, "Identity__SigningKey__Pem"));
        Assert.Equal(("chatt-identity", "encryption-key.pem"), SecretRef(identity, "Identity__EncryptionKey__Pem"));
        var signing = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["signing-key.pem"]!));
        var encryption = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["encryption-key.pem"]!));
        // The PEM forms Identity's loader reads (RSA.ImportFromPem), and two different keys.
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(signing);
        Assert.Contains("PRIVATE KEY", encryption, StringComparison.Ordinal);
        Assert.NotEqual(signing, encryption);
        Assert.Equal("keep", (string?)secret["metadata"]!["annotations"]!["helm.sh/resource-policy"]);
        Assert.Contains("lookup \"v1\" \"Secret\"", File.ReadAllText(Path.Combine(DeployTools.ChartDirectory, "templates", "identity.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_reads_its_keys_from_an_existing_secret_and_the_chart_generates_none()
    {
        var release = Chart.Template(null, "identity.existingSecret=my-identity-keys");

        Assert.Null(release.Find("Secret", "chatt-identity"));
        var identity = Identity(release);
        Assert.Equal(("my-identity-keys", "signing-key.pem"), SecretRef(identity, "Identity__SigningKey__Pem"));
        Assert.Equal(("my-identity-keys", "encryption-key.pem"), SecretRef(identity, "Identity__EncryptionKey__Pem"));
        Assert.Equal("true", (string?)Env(identity, "Identity__SigningKey__Password")["valueFrom"]!["secretKeyRef"]!["optional"]);
    }

    [Fact]
    public void Identity_keeps_its_SQLite_database_on_a_writable_persistent_volume()
    {
        var deployment = Release.Get("Deployment", "chatt-identity");
        var identity = Identity(Release);

        Assert.Equal("Data Source=/data/identity.db", (string?)Env(identity, "ConnectionStrings__identitydb")["value"]);
        var mount = identity["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/data")!;
        Assert.Null(mount["readOnly"]);
        var volume = PodSpec(deployment)["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!;
        Assert.Equal("chatt-identity", (string?)volume["persistentVolumeClaim"]!["claimName"]);
        Assert.NotNull(Release.Get("PersistentVolumeClaim", "chatt-identity"));
        // One SQLite writer on a ReadWriteOnce volume: never two pods at once.
        Assert.Equal("Recreate", (string?)deployment["spec"]!["strategy"]!["type"]);
        Assert.Equal("1", (string?)deployment["spec"]!["replicas"]);
    }

    [Fact]
    public void Without_persistence_the_database_is_on_an_emptyDir()
    {
        var release = Chart.Template(null, "identity.persistence.enabled=false");

        Assert.Null(release.Find("PersistentVolumeClaim", "chatt-identity"));
        var volume = PodSpec(release.Get("Deployment", "chatt-identity"))["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!;
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public void Identity_registers_the_gateway_with_redirects_to_the_public_chat_host()
    {
        var release = Chart.Template(null, "ingress.host=chat.example.com", "ingress.identityHost=id.example.com", "ingress.tls[0].secretName=tls", "ingress.tls[0].hosts[0]=chat.example.com");
        var identity = Identity(release);
        var gateway = Container(release.Get("Deployment", "chatt-gateway"), "gateway");

        Assert.Equal((string?)Env(gateway, "Oidc__ClientId")["value"], (string?)Env(identity, "Identity__Clients__0__ClientId")["value"]);
        Assert.Equal("https://chat.example.com/signin-oidc", (string?)Env(identity, "Identity__Clients__0__RedirectUris__0")["value"]);
        Assert.Equal("https://chat.example.com/signout-callback-oidc", (string?)Env(identity, "Identity__Clients__0__PostLogoutRedirectUris__0")["value"]);
        Assert.Equal("https://id.example.com/", (string?)Env(identity, "Identity__Issuer")["value"]);
        Assert.Equal("https://id.example.com/", (string?)Env(gateway, "Oidc__Authority")["value"]);
        Assert.False(HasEnv(identity, "Identity__Clients__0__ClientSecret"));
        // TLS ends at the ingress; Identity must see the forwarded https or it refuses the request.
        Assert.Equal("true", (string?)Env(identity, "ASPNETCORE_FORWARDEDHEADERS_ENABLED")["value"]);
    }

    [Fact]
    public void The_issuer_can_be_set_apart_from_the_ingress_host()
    {
        var identity = Identity(Chart.Template(null, "identity.issuer=https://login.example.org/"));

        Assert.Equal("https://login.example.org/", (string?)Env(identity, "Identity__Issuer")["value"]);
    }

    [Fact]
    public void Seed_users_reach_Identity_from_a_secret_not_from_the_pod_spec()
    {
        var release = Chart.Template(null, "identity.users[0].username=alice", "identity.users[0].password=a-long-password", "identity.users[0].displayName=Alice");
        var deployment = release.Get("Deployment", "chatt-identity");
        var identity = Identity(release);

        Assert.Equal("chatt-identity-users", (string?)identity["envFrom"]![0]!["secretRef"]!["name"]);
        var users = release.Get("Secret", "chatt-identity-users")["stringData"]!;
        Assert.Equal("alice", (string?)users["Identity__Users__0__Username"]);
        Assert.Equal("a-long-password", (string?)users["Identity__Users__0__Password"]);
        Assert.Equal("Alice", (string?)users["Identity__Users__0__DisplayName"]);
        Assert.DoesNotContain("a-long-password", deployment.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(deployment["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/component"]);
    }

    [Fact]
    public void Seed_users_can_come_from_a_secret_of_your_own()
    {
        var identity = Identity(Chart.Template(null, "identity.usersExistingSecret=my-users"));

        Assert.Equal("my-users", (string?)identity["envFrom"]![0]!["secretRef"]!["name"]);
    }

    [Fact]
    public void The_local_http_trial_runs_identity_and_gateway_in_Development_and_lets_chatapi_read_http_metadata()
    {
        var release = Chart.Template(Chart.LocalHttpValues);

        Assert.Equal("Development", (string?)Env(Identity(release), "ASPNETCORE_ENVIRONMENT")["value"]);
        Assert.Equal("Development", (string?)Env(Container(release.Get("Deployment", "chatt-gateway"), "gateway"), "ASPNETCORE_ENVIRONMENT")["value"]);
        var chatapi = Container(release.Get("Deployment", "chatt-chatapi"), "chatapi");
        Assert.Equal("false", (string?)Env(chatapi, "Authentication__Schemes__Bearer__RequireHttpsMetadata")["value"]);
        Assert.False(HasEnv(chatapi, "ASPNETCORE_ENVIRONMENT"));
        Assert.Equal("http://id.chat.localhost/", (string?)Env(chatapi, "Authentication__Schemes__Bearer__Authority")["value"]);
    }
}
