/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    rev\n    content\n    createdAt\n    editedAt\n    deletedAt\n    messageConversationId\n    authorId\n    author {\n      id\n      username\n    }\n    replyToId\n    replyTo {\n      id\n      seq\n      content\n      deletedAt\n      author {\n        id\n        username\n      }\n    }\n    mentionsMe\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  fragment ConvoSummary on Conversation {\n    id\n    name\n    members\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    lastActivityAt\n    lastRev\n    direct\n    myRole\n    lastMessage {\n      id\n      seq\n      content\n      createdAt\n      author {\n        id\n        username\n      }\n    }\n  }\n": typeof types.ConvoSummaryFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SetUsername($username: String!) {\n    createUser(input: { username: $username }) {\n      id\n      username\n    }\n  }\n": typeof types.SetUsernameDocument,
    "\n  query MyConvos($limit: Int, $nextToken: String) {\n    myConvos(limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ConvoSummary\n      }\n      nextToken\n    }\n  }\n": typeof types.MyConvosDocument,
    "\n  query Convo($id: ID!) {\n    getConvo(id: $id) {\n      ...ConvoSummary\n    }\n  }\n": typeof types.ConvoDocument,
    "\n  query ConvoMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {\n    getConvo(id: $id) {\n      id\n      messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) {\n        items {\n          ...MessageFields\n        }\n        nextToken\n      }\n    }\n  }\n": typeof types.ConvoMessagesDocument,
    "\n  query SearchUsers($filter: ModelUserFilterInput, $limit: Int) {\n    listUsers(filter: $filter, limit: $limit) {\n      items {\n        id\n        username\n      }\n      nextToken\n    }\n  }\n": typeof types.SearchUsersDocument,
    "\n  mutation CreateConvo($id: ID, $name: String!, $members: [String!]!) {\n    createConvo(input: { id: $id, name: $name, members: $members }) {\n      ...ConvoSummary\n    }\n  }\n": typeof types.CreateConvoDocument,
    "\n  mutation AddMember($conversationId: ID!, $userId: ID!) {\n    createConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) {\n      id\n      conversation {\n        ...ConvoSummary\n      }\n    }\n  }\n": typeof types.AddMemberDocument,
    "\n  mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {\n    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  subscription Inbox {\n    onInbox {\n      conversationId\n      conversation {\n        ...ConvoSummary\n      }\n      message {\n        ...MessageFields\n      }\n      link {\n        id\n      }\n    }\n  }\n": typeof types.InboxDocument,
};
const documents: Documents = {
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    rev\n    content\n    createdAt\n    editedAt\n    deletedAt\n    messageConversationId\n    authorId\n    author {\n      id\n      username\n    }\n    replyToId\n    replyTo {\n      id\n      seq\n      content\n      deletedAt\n      author {\n        id\n        username\n      }\n    }\n    mentionsMe\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  fragment ConvoSummary on Conversation {\n    id\n    name\n    members\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    lastActivityAt\n    lastRev\n    direct\n    myRole\n    lastMessage {\n      id\n      seq\n      content\n      createdAt\n      author {\n        id\n        username\n      }\n    }\n  }\n": types.ConvoSummaryFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": types.MeDocument,
    "\n  mutation SetUsername($username: String!) {\n    createUser(input: { username: $username }) {\n      id\n      username\n    }\n  }\n": types.SetUsernameDocument,
    "\n  query MyConvos($limit: Int, $nextToken: String) {\n    myConvos(limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ConvoSummary\n      }\n      nextToken\n    }\n  }\n": types.MyConvosDocument,
    "\n  query Convo($id: ID!) {\n    getConvo(id: $id) {\n      ...ConvoSummary\n    }\n  }\n": types.ConvoDocument,
    "\n  query ConvoMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {\n    getConvo(id: $id) {\n      id\n      messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) {\n        items {\n          ...MessageFields\n        }\n        nextToken\n      }\n    }\n  }\n": types.ConvoMessagesDocument,
    "\n  query SearchUsers($filter: ModelUserFilterInput, $limit: Int) {\n    listUsers(filter: $filter, limit: $limit) {\n      items {\n        id\n        username\n      }\n      nextToken\n    }\n  }\n": types.SearchUsersDocument,
    "\n  mutation CreateConvo($id: ID, $name: String!, $members: [String!]!) {\n    createConvo(input: { id: $id, name: $name, members: $members }) {\n      ...ConvoSummary\n    }\n  }\n": types.CreateConvoDocument,
    "\n  mutation AddMember($conversationId: ID!, $userId: ID!) {\n    createConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) {\n      id\n      conversation {\n        ...ConvoSummary\n      }\n    }\n  }\n": types.AddMemberDocument,
    "\n  mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {\n    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) {\n      ...MessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  subscription Inbox {\n    onInbox {\n      conversationId\n      conversation {\n        ...ConvoSummary\n      }\n      message {\n        ...MessageFields\n      }\n      link {\n        id\n      }\n    }\n  }\n": types.InboxDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    seq\n    rev\n    content\n    createdAt\n    editedAt\n    deletedAt\n    messageConversationId\n    authorId\n    author {\n      id\n      username\n    }\n    replyToId\n    replyTo {\n      id\n      seq\n      content\n      deletedAt\n      author {\n        id\n        username\n      }\n    }\n    mentionsMe\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    seq\n    rev\n    content\n    createdAt\n    editedAt\n    deletedAt\n    messageConversationId\n    authorId\n    author {\n      id\n      username\n    }\n    replyToId\n    replyTo {\n      id\n      seq\n      content\n      deletedAt\n      author {\n        id\n        username\n      }\n    }\n    mentionsMe\n    reactions {\n      emoji\n      count\n      me\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConvoSummary on Conversation {\n    id\n    name\n    members\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    lastActivityAt\n    lastRev\n    direct\n    myRole\n    lastMessage {\n      id\n      seq\n      content\n      createdAt\n      author {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConvoSummary on Conversation {\n    id\n    name\n    members\n    lastSeq\n    unreadCount\n    unreadMentionCount\n    lastActivityAt\n    lastRev\n    direct\n    myRole\n    lastMessage {\n      id\n      seq\n      content\n      createdAt\n      author {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUsername($username: String!) {\n    createUser(input: { username: $username }) {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  mutation SetUsername($username: String!) {\n    createUser(input: { username: $username }) {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConvos($limit: Int, $nextToken: String) {\n    myConvos(limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ConvoSummary\n      }\n      nextToken\n    }\n  }\n"): (typeof documents)["\n  query MyConvos($limit: Int, $nextToken: String) {\n    myConvos(limit: $limit, nextToken: $nextToken) {\n      items {\n        ...ConvoSummary\n      }\n      nextToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Convo($id: ID!) {\n    getConvo(id: $id) {\n      ...ConvoSummary\n    }\n  }\n"): (typeof documents)["\n  query Convo($id: ID!) {\n    getConvo(id: $id) {\n      ...ConvoSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvoMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {\n    getConvo(id: $id) {\n      id\n      messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) {\n        items {\n          ...MessageFields\n        }\n        nextToken\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvoMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {\n    getConvo(id: $id) {\n      id\n      messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) {\n        items {\n          ...MessageFields\n        }\n        nextToken\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchUsers($filter: ModelUserFilterInput, $limit: Int) {\n    listUsers(filter: $filter, limit: $limit) {\n      items {\n        id\n        username\n      }\n      nextToken\n    }\n  }\n"): (typeof documents)["\n  query SearchUsers($filter: ModelUserFilterInput, $limit: Int) {\n    listUsers(filter: $filter, limit: $limit) {\n      items {\n        id\n        username\n      }\n      nextToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateConvo($id: ID, $name: String!, $members: [String!]!) {\n    createConvo(input: { id: $id, name: $name, members: $members }) {\n      ...ConvoSummary\n    }\n  }\n"): (typeof documents)["\n  mutation CreateConvo($id: ID, $name: String!, $members: [String!]!) {\n    createConvo(input: { id: $id, name: $name, members: $members }) {\n      ...ConvoSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddMember($conversationId: ID!, $userId: ID!) {\n    createConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) {\n      id\n      conversation {\n        ...ConvoSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddMember($conversationId: ID!, $userId: ID!) {\n    createConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) {\n      id\n      conversation {\n        ...ConvoSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {\n    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {\n    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversationId: ID!, $seq: Int!) {\n    markRead(conversationId: $conversationId, seq: $seq) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Inbox {\n    onInbox {\n      conversationId\n      conversation {\n        ...ConvoSummary\n      }\n      message {\n        ...MessageFields\n      }\n      link {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Inbox {\n    onInbox {\n      conversationId\n      conversation {\n        ...ConvoSummary\n      }\n      message {\n        ...MessageFields\n      }\n      link {\n        id\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;