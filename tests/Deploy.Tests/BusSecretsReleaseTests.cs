using System.Text;
using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>The bus as a trust boundary in the chart: NATS requires a password, ChatApi signs its events with a shared key.</summary>
public sealed class BusSecretsReleaseTests
{
    [Fact]
    public void The_in_chart_NATS_requires_the_user_and_password_that_chatapi_is_given_from_the_bus_secret()
    {
        var release = Chart.Template();
        var nats = Container(release.Get("StatefulSet", "chatt-nats"), "nats");
        var chatapi = Container(release.Get("Deployment", "chatt-chatapi"), "chatapi");

        var args = nats["args"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal("chatapi", args[args.IndexOf("--user") + 1]);
        Assert.Equal("$(NATS_PASSWORD)", args[args.IndexOf("--pass") + 1]);
        Assert.Equal(("chatt-bus", "nats-password"), SecretRef(nats, "NATS_PASSWORD"));
        Assert.Equal("chatapi", (string?)Env(chatapi, "Nats__User")["value"]);
        Assert.Equal(("chatt-bus", "nats-password"), SecretRef(chatapi, "Nats__Password"));
        Assert.Equal(("chatt-bus", "signing-key"), SecretRef(chatapi, "Nats__SigningKey"));
        var data = release.Get("Secret", "chatt-bus")["data"]!;
        Assert.True(Encoding.UTF8.GetString(Convert.FromBase64String((string)data["signing-key"]!)).Length >= 32);
        Assert.True(Encoding.UTF8.GetString(Convert.FromBase64String((string)data["nats-password"]!)).Length >= 32);
    }

    [Fact]
    public void With_external_NATS_chatapi_still_gets_a_signing_key_and_an_existing_bus_secret_is_used_instead_of_a_generated_one()
    {
        var generated = Chart.Template(Chart.ProductionValues, "ingress.host=chat.example.com", "oidc.authority=https://id.example.com");
        var own = Chart.Template(Chart.ProductionValues, "ingress.host=chat.example.com", "oidc.authority=https://id.example.com",
            "busSecrets.existingSecret=my-bus");

        Assert.Equal(("chatt-bus", "signing-key"), SecretRef(Container(generated.Get("Deployment", "chatt-chatapi"), "chatapi"), "Nats__SigningKey"));
        Assert.Null(generated.Get("Secret", "chatt-bus")["data"]!["nats-password"]);
        Assert.Equal(("my-bus", "signing-key"), SecretRef(Container(own.Get("Deployment", "chatt-chatapi"), "chatapi"), "Nats__SigningKey"));
        Assert.Null(own.Find("Secret", "chatt-bus"));
    }

    [Fact]
    public void Without_NATS_there_is_no_bus_secret_and_no_signing_key()
    {
        var release = Chart.Template(null, "nats.enabled=false", "chatapi.replicaCount=1");

        Assert.Null(release.Find("Secret", "chatt-bus"));
        Assert.False(HasEnv(Container(release.Get("Deployment", "chatt-chatapi"), "chatapi"), "Nats__SigningKey"));
    }
}
