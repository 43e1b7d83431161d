using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatCommon();
builder.AddChatStore();
builder.AddChatEvents();
builder.AddChatAuth();
builder.AddChatGraphQL();
builder.AddGraphQLTransports();

var app = builder.Build();

app.UseAuthentication();
app.MapGraphQL();

app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
