using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Search;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatCommon();
builder.AddChatStore();
builder.AddChatEvents();
builder.AddChatAuth();
builder.AddUsers();
builder.AddConversations();
builder.AddMessages();
builder.AddSearch();
builder.AddChatGraphQL();

var app = builder.Build();

app.UseAuthentication();
app.MapGraphQL();

app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
