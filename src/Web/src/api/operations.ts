import { graphql } from '../gql';

// Every operation the app sends, typed by GraphQL Code Generator from ../../schema.graphql.

export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    seq
    rev
    content
    createdAt
    editedAt
    deletedAt
    messageConversationId
    authorId
    author {
      id
      username
    }
    replyToId
    replyTo {
      id
      seq
      content
      deletedAt
      author {
        id
        username
      }
    }
    mentionsMe
    reactions {
      emoji
      count
      me
    }
  }
`);

export const ConvoSummaryFragment = graphql(`
  fragment ConvoSummary on Conversation {
    id
    name
    members
    lastSeq
    unreadCount
    unreadMentionCount
    lastActivityAt
    lastRev
    direct
    myRole
    lastMessage {
      id
      seq
      content
      createdAt
      author {
        id
        username
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      username
    }
  }
`);

export const SetUsernameMutation = graphql(`
  mutation SetUsername($username: String!) {
    createUser(input: { username: $username }) {
      id
      username
    }
  }
`);

export const MyConvosQuery = graphql(`
  query MyConvos($limit: Int, $nextToken: String) {
    myConvos(limit: $limit, nextToken: $nextToken) {
      items {
        ...ConvoSummary
      }
      nextToken
    }
  }
`);

export const ConvoQuery = graphql(`
  query Convo($id: ID!) {
    getConvo(id: $id) {
      ...ConvoSummary
    }
  }
`);

export const ConvoMessagesQuery = graphql(`
  query ConvoMessages($id: ID!, $limit: Int, $nextToken: String, $afterSeq: Int, $sortDirection: ModelSortDirection) {
    getConvo(id: $id) {
      id
      messages(limit: $limit, nextToken: $nextToken, afterSeq: $afterSeq, sortDirection: $sortDirection) {
        items {
          ...MessageFields
        }
        nextToken
      }
    }
  }
`);

export const SearchUsersQuery = graphql(`
  query SearchUsers($filter: ModelUserFilterInput, $limit: Int) {
    listUsers(filter: $filter, limit: $limit) {
      items {
        id
        username
      }
      nextToken
    }
  }
`);

export const CreateConvoMutation = graphql(`
  mutation CreateConvo($id: ID, $name: String!, $members: [String!]!) {
    createConvo(input: { id: $id, name: $name, members: $members }) {
      ...ConvoSummary
    }
  }
`);

export const AddMemberMutation = graphql(`
  mutation AddMember($conversationId: ID!, $userId: ID!) {
    createConvoLink(input: { convoLinkConversationId: $conversationId, convoLinkUserId: $userId }) {
      id
      conversation {
        ...ConvoSummary
      }
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {
    createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) {
      ...MessageFields
    }
  }
`);

export const MarkReadMutation = graphql(`
  mutation MarkRead($conversationId: ID!, $seq: Int!) {
    markRead(conversationId: $conversationId, seq: $seq) {
      id
      unreadCount
    }
  }
`);

export const InboxSubscription = graphql(`
  subscription Inbox {
    onInbox {
      conversationId
      conversation {
        ...ConvoSummary
      }
      message {
        ...MessageFields
      }
      link {
        id
      }
    }
  }
`);
