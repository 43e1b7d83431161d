using Chatt.ChatApi.Auth;
using Chatt.ChatApi.GraphQL;

var builder = WebApplication.CreateBuilder(args);

builder.AddChatAuth();
builder.AddChatGraphQL();

var app = builder.Build();

app.UseAuthentication();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
