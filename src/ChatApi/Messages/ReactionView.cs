namespace Chatt.ChatApi.Messages;

/// <summary>One emoji's reactions as the schema shows them: with the message they are on, so a page token of its users belongs to that message alone.</summary>
public sealed record ReactionView(string MessageId, ReactionGroup Group);
