namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// The operations the original React + AppSync client sends, verbatim in shape and selection. They must keep
/// validating and running unchanged.
/// </summary>
internal static class Operations
{
    public const string CreateUser = """
        mutation createUser($username: String!) {
          createUser(input: { username: $username }) { id username createdAt }
        }
        """;

    public const string CreateMessage = """
        mutation createMessage($createdAt: String, $id: ID, $content: String!, $messageConversationId: ID!, $authorId: String) {
          createMessage(input: { createdAt: $createdAt, id: $id, content: $content, messageConversationId: $messageConversationId, authorId: $authorId }) {
            id content authorId messageConversationId createdAt
          }
        }
        """;

    public const string CreateConvo = """
        mutation createConvo($name: String!, $members: [String!]!) {
          createConvo(input: { name: $name, members: $members }) { id name members }
        }
        """;

    public const string CreateConvoLink = """
        mutation createConvoLink($convoLinkConversationId: ID!, $convoLinkUserId: ID) {
          createConvoLink(input: { convoLinkConversationId: $convoLinkConversationId, convoLinkUserId: $convoLinkUserId }) {
            id convoLinkUserId convoLinkConversationId conversation { id name }
          }
        }
        """;

    public const string GetUser = """
        query getUser($id: ID!) {
          getUser(id: $id) { id username createdAt }
        }
        """;

    public const string GetUserAndConversations = """
        query getUserAndConversations($id: ID!) {
          getUser(id: $id) {
            id username
            conversations(limit: 100) { items { id conversation { id name } } }
          }
        }
        """;

    public const string GetConvo = """
        query getConvo($id: ID!) {
          getConvo(id: $id) {
            id name members createdAt
            messages(limit: 100) { items { id content authorId messageConversationId createdAt } }
          }
        }
        """;

    public const string ListUsers = """
        query listUsers {
          listUsers { items { id username createdAt } }
        }
        """;

    public const string OnCreateMessage = """
        subscription onCreateMessage($messageConversationId: ID!) {
          onCreateMessage(messageConversationId: $messageConversationId) { id content authorId messageConversationId createdAt seq }
        }
        """;

    public const string OnCreateUser = "subscription onCreateUser { onCreateUser { id username createdAt } }";

    public const string OnCreateConvoLink = """
        subscription onCreateConvoLink($convoLinkUserId: ID!) {
          onCreateConvoLink(convoLinkUserId: $convoLinkUserId) { id convoLinkUserId convoLinkConversationId conversation { id name } }
        }
        """;
}
