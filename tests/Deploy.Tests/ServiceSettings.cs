using System.Text.RegularExpressions;

namespace Chatt.Deploy.Tests;

/// <summary>
/// The configuration keys a service reads, taken from its C# source so the chart's environment cannot
/// drift from the code: sections bound to settings classes (<c>SectionName = "…"</c>,
/// <c>GetSection("…").Get&lt;T&gt;()</c>) walked through their properties, connection strings by name,
/// and keys the code reads as string literals.
/// </summary>
internal sealed partial class ServiceSettings
{
    private readonly string _source;
    private readonly Dictionary<string, string> _files;
    private readonly List<(string Section, string Class)> _bound = [];

    public ServiceSettings(string service)
    {
        var directory = Path.Combine(DeployTools.RepoRoot, "src", service);
        _files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);
        _source = string.Join('\n', _files.Values);
        foreach (var (name, text) in _files)
        {
            if (SectionConstant().Match(text) is { Success: true } constant)
            {
                _bound.Add((constant.Groups[1].Value, name));
            }
        }
        foreach (Match bound in GetSectionAs().Matches(_source))
        {
            _bound.Add((bound.Groups[1].Value, bound.Groups[2].Value));
        }
    }

    /// <summary>Null when the service reads <paramref name="environmentVariable"/>, else why not.</summary>
    public string? Explain(string environmentVariable)
    {
        if (environmentVariable.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || environmentVariable.StartsWith("DOTNET_", StringComparison.Ordinal))
        {
            return null;
        }
        var path = environmentVariable.Split("__");
        var key = string.Join(':', path);
        if (path is ["ConnectionStrings", var name])
        {
            return _source.Contains($"GetConnectionString(\"{name}\")", StringComparison.Ordinal)
                || Regex.IsMatch(_source, $"ConnectionStringName\\s*=\\s*\"{Regex.Escape(name)}\"")
                ? null : $"no connection string named {name} is read";
        }
        if (path is ["services", var service, "http" or "https", var index] && int.TryParse(index, out _))
        {
            // Aspire service discovery: the code addresses the service by name, the setting gives its endpoints.
            return _source.Contains($"\"http://{service}\"", StringComparison.Ordinal) ? null : $"nothing addresses http://{service}";
        }
        if (path is ["Authentication", "Schemes", "Bearer", var option, ..] && _source.Contains("Authentication:Schemes:Bearer", StringComparison.Ordinal))
        {
            // ASP.NET Core's JwtBearer binds this standard section itself.
            return option is "Authority" or "ValidAudiences" or "ValidIssuers" or "RequireHttpsMetadata" ? null : $"JwtBearer reads no {option}";
        }
        if (_source.Contains($"\"{key}\"", StringComparison.Ordinal))
        {
            return null;
        }
        var sections = _bound.Where(b => key.StartsWith(b.Section + ":", StringComparison.OrdinalIgnoreCase)).ToList();
        if (sections.Count == 0)
        {
            return $"{key}: no settings class is bound to a section containing it";
        }
        var failures = sections.Select(s => Walk(s.Class, path[s.Section.Split(':').Length..])).ToList();
        return failures.Any(f => f is null) ? null : $"{key}: {string.Join("; ", failures)}";
    }

    private string? Walk(string className, string[] rest)
    {
        if (!_files.TryGetValue(className, out var text))
        {
            return $"{className} has no source file";
        }
        var property = Property().Matches(text).FirstOrDefault(p => string.Equals(p.Groups[2].Value, rest[0], StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return $"{className} has no property {rest[0]}";
        }
        var type = property.Groups[1].Value.Replace("?", "", StringComparison.Ordinal).Trim();
        rest = rest[1..];
        if (Collection().Match(type) is { Success: true } collection)
        {
            if (rest.Length == 0 || !int.TryParse(rest[0], out _))
            {
                return $"{className}.{property.Groups[2].Value} is a list: an index must follow";
            }
            type = collection.Groups[1].Value + collection.Groups[2].Value;
            rest = rest[1..];
        }
        else if (type.StartsWith("Dictionary<string,", StringComparison.Ordinal) || type.StartsWith("Dictionary<string, ", StringComparison.Ordinal))
        {
            return rest.Length == 1 ? null : $"{className}.{property.Groups[2].Value} is a dictionary: one key must follow";
        }
        if (rest.Length == 0)
        {
            return null;
        }
        return _files.ContainsKey(type) ? Walk(type, rest) : $"{className}.{property.Groups[2].Value} ({type}) has no settings below it";
    }

    [GeneratedRegex("""(?:SectionName|Section)\s*=\s*"([^"]+)";""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex("""GetSection\("([^"]+)"\)\.Get<(\w+)>""")]
    private static partial Regex GetSectionAs();

    [GeneratedRegex("""public\s+(?:required\s+)?([\w<>\[\]?,\s]+?)\s+(\w+)\s*\{\s*get;\s*set;""")]
    private static partial Regex Property();

    [GeneratedRegex("""^(?:List<(\w+)>|(\w+)\[\])$""")]
    private static partial Regex Collection();
}
