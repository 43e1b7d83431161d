using Chatt.ChatApi.GraphQL.Types;

namespace Chatt.ChatApi.Users;

public sealed class ModelUserConnectionType() : ConnectionType<UserType, User>("ModelUserConnection");
