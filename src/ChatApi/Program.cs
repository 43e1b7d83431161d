using Chatt.ChatApi.Auth;
using Chatt.ChatApi.GraphQL;

var builder = WebApplication.CreateBuilder(args);

builder.AddChatAuth();
builder.AddChatGraphQL();
builder.AddGraphQLTransports();

var app = builder.Build();

app.UseAuthentication();
app.MapGraphQL();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
