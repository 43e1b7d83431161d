using Chatt.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChattIdentity();

var app = builder.Build();

app.UseChattIdentity();

app.MapDefaultEndpoints();
app.MapChattIdentity();

app.Run();

/// <summary>Entry point, public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
