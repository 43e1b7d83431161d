using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Tests.Users;

/// <summary>What counts as "the same name": case folding, compatibility forms and cross-script lookalikes.</summary>
public sealed class UsernameKeyTests
{
    [Theory]
    [InlineData("alice", "ALICE")]
    [InlineData("alice", "\u0430lice")] // Cyrillic а
    [InlineData("alice", "ａｌｉｃｅ")] // fullwidth
    [InlineData("alice", "\u0410LICE")] // Cyrillic capital А
    [InlineData("paypal", "p\u0430yp\u0430l")]
    [InlineData("bob", "b0b")] // digit zero looks like o
    [InlineData("strasse", "straße")] // full case folding
    [InlineData("omega", "\u03BFmega")] // Greek omicron
    [InlineData("kelvin", "\u212Aelvin")] // Kelvin sign
    public void Lookalike_names_have_one_key(string name, string lookalike) =>
        Assert.Equal(Usernames.Key(name), Usernames.Key(Usernames.Normalize(lookalike)!));

    [Theory]
    [InlineData("alice", "alicia")]
    [InlineData("bob", "rob")]
    [InlineData("anna", "ana")]
    public void Different_names_have_different_keys(string name, string other) =>
        Assert.NotEqual(Usernames.Key(name), Usernames.Key(other));

    [Fact]
    public void Fullwidth_input_is_stored_as_its_plain_form()
    {
        Assert.Equal("alice", Usernames.Normalize("  ａｌｉｃｅ "));
        Assert.True(Usernames.IsValid(Usernames.Normalize("ａｌｉｃｅ")));
    }

    [Fact]
    public void A_lone_surrogate_is_no_username() => Assert.Null(Usernames.Normalize("ali\uD800ce"));
}
