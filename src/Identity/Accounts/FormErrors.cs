namespace Chatt.Identity.Accounts;

/// <summary>Every problem a submitted form has, by field id ("" for the form as a whole), so the page shows them all at once.</summary>
public sealed class FormErrors
{
    public const string Form = "";

    private readonly List<(string Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    public IEnumerable<(string Field, string Message)> All => _errors;

    public FormErrors Add(string field, string message)
    {
        _errors.Add((field, message));
        return this;
    }

    public IEnumerable<string> For(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message);
}
