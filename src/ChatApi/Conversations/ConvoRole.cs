namespace Chatt.ChatApi.Conversations;

/// <summary>
/// A member's role in a conversation. The creator is <see cref="Owner"/>; everyone added later is <see cref="Member"/>
/// until promoted. The default value is the least privileged one, so a link read without a role fails closed.
/// Higher values are more privileged (<c>role &gt;= ConvoRole.Admin</c> reads as "may moderate").
/// </summary>
public enum ConvoRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
