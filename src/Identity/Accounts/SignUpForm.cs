namespace Chatt.Identity.Accounts;

public sealed class SignUpForm
{
    public string? Username { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
