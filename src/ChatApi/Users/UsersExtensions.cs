namespace Chatt.ChatApi.Users;

public static class UsersExtensions
{
    /// <summary>The users feature: its service (provisioning, lookup). Its GraphQL types register with the schema.</summary>
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserService>();
        return builder;
    }
}
