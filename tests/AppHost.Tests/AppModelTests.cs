namespace Chatt.AppHost.Tests;

/// <summary>
/// The model the app host builds for each mode, inspected without starting anything (so the container mode is
/// checked on machines without a container runtime too).
/// </summary>
public sealed class AppModelTests
{
    private static readonly string[] ContainerSettings = ["never", "always"];

    private static async Task<IReadOnlyList<IResource>> ModelAsync(params string[] args)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. args, "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00", $"--DataDirectory={Path.GetTempPath()}chatt-model-test"],
            TestContext.Current.CancellationToken);
        return [.. builder.Resources];
    }

    private static IResource Named(IReadOnlyList<IResource> model, string name) => Assert.Single(model, resource => resource.Name == name);

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name);

    [Fact]
    public async Task With_containers_MongoDB_NATS_and_Keycloak_are_containers_and_ChatApi_runs_two_replicas_waiting_for_them()
    {
        var model = await ModelAsync("--Containers=always");

        Assert.IsType<ContainerResource>(Named(model, "mongo"), exactMatch: false);
        Assert.IsType<ContainerResource>(Named(model, "nats"), exactMatch: false);
        Assert.IsType<ContainerResource>(Named(model, "keycloak"), exactMatch: false);
        Assert.DoesNotContain(model, resource => resource.Name == "identity");
        var chatApi = Named(model, "chatapi");
        Assert.Equal(2, chatApi.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Equal(["keycloak", "mongo", "nats"], WaitsFor(chatApi).Order());
        Assert.Contains(model, resource => resource is IResourceWithConnectionString && resource.Name == "mongo");
    }

    [Fact]
    public async Task Without_containers_no_container_is_in_the_model_and_the_built_in_provider_signs_people_in()
    {
        var model = await ModelAsync("--Containers=never");

        Assert.DoesNotContain(model, resource => resource is ContainerResource);
        Assert.IsType<ProjectResource>(Named(model, "identity"));
        Assert.Contains("identity", WaitsFor(Named(model, "chatapi")));
    }

    [Fact]
    public async Task An_external_provider_replaces_both_the_built_in_provider_and_Keycloak()
    {
        foreach (var containers in ContainerSettings)
        {
            var model = await ModelAsync($"--Containers={containers}", "--Oidc:Authority=https://id.example.com/", "--Oidc:ClientId=chatt");

            Assert.DoesNotContain(model, resource => resource.Name is "identity" or "keycloak");
            Assert.DoesNotContain(WaitsFor(Named(model, "chatapi")), name => name is "identity" or "keycloak");
        }
    }

    [Fact]
    public async Task A_web_client_not_built_yet_is_built_while_the_gateway_already_answers_and_a_built_one_is_left_alone()
    {
        var unbuilt = Directory.CreateTempSubdirectory("chatt-web-unbuilt");
        var built = Directory.CreateTempSubdirectory("chatt-web-built");
        Directory.CreateDirectory(Path.Combine(built.FullName, "dist"));
        await File.WriteAllTextAsync(Path.Combine(built.FullName, "dist", "index.html"), "<!doctype html>", TestContext.Current.CancellationToken);
        try
        {
            var fresh = await ModelAsync("--Containers=never", $"--WebClientDirectory={unbuilt.FullName}");
            var build = Assert.IsType<ExecutableResource>(Named(fresh, "web-build"));
            Assert.Equal(unbuilt.FullName, build.WorkingDirectory);
            // The gateway shows its "starting" page meanwhile (Gateway__WebClientPending), instead of refusing connections.
            Assert.DoesNotContain("web-build", WaitsFor(Named(fresh, "gateway")));

            var ready = await ModelAsync("--Containers=never", $"--WebClientDirectory={built.FullName}");
            Assert.DoesNotContain(ready, resource => resource.Name == "web-build");
        }
        finally
        {
            unbuilt.Delete(recursive: true);
            built.Delete(recursive: true);
        }
    }
}
