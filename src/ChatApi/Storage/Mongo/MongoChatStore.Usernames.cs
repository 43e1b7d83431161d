using Chatt.ChatApi.Common;
using Chatt.ChatApi.Users;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

// Usernames are unique by Usernames.Key (case folding + UTS #39 skeleton), stored in usernameKey with a unique
// index, exactly as the SQLite store does: the collation index that decided before ("en", strength 2) disagreed with
// SQLite's ASCII-only NOCASE, so it is dropped at start. providerUsernameKey is the key of the name the identity
// provider asked for at first sign-in (absent on accounts from before, which count as owning their names).
public sealed partial class MongoChatStore
{
    internal const string UsernameKey = "usernameKey";
    internal const string ProviderUsernameKey = "providerUsernameKey";
    internal const string LegacyUsernameIndex = "username_unique_ci";

    /// <summary>
    /// Gives every user without a key its key (the oldest account keeps a contested name, later lookalikes get derived
    /// names, as in SQLite) and drops the collation index. Idempotent, and safe on several instances at once: each
    /// update is conditional on the key still missing, and the unique index refuses a second holder.
    /// </summary>
    private async Task MigrateUsernameKeysAsync(CancellationToken cancellationToken)
    {
        var indexes = await (await Users.Indexes.ListAsync(cancellationToken)).ToListAsync(cancellationToken);
        if (indexes.Any(i => i["name"] == LegacyUsernameIndex))
        {
            await Users.Indexes.DropOneAsync(LegacyUsernameIndex, cancellationToken);
        }

        await MongoIndexes.CreateAsync(database, cancellationToken);
        var unkeyed = await Users.Find(F.Exists(UsernameKey, exists: false))
            .Sort(Builders<BsonDocument>.Sort.Ascending(D.CreatedAt).Ascending(D.Id)).ToListAsync(cancellationToken);
        foreach (var user in unkeyed.ConvertAll(D.ToUser))
        {
            await MoveAsync(F.Eq(D.Id, user.Id) & F.Exists(UsernameKey, exists: false), user.Username, firstAttempt: 0, setUpdatedAt: false, cancellationToken);
        }
    }

    /// <summary>When the wanted name's holder holds it only by choice, moves the holder to a derived name (provisioning's rule, Usernames).</summary>
    private async Task DisplaceChosenHolderAsync(string wanted, CancellationToken cancellationToken)
    {
        var key = Usernames.Key(wanted);
        var holder = await Users.Find(F.Eq(UsernameKey, key)).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null && !Usernames.IsProviderOwned(key, holder.GetValue(ProviderUsernameKey, BsonNull.Value) is { IsString: true } p ? p.AsString : null))
        {
            await MoveAsync(F.Eq(D.Id, holder[D.Id]) & F.Eq(UsernameKey, key), holder[D.Username].AsString, firstAttempt: 1, setUpdatedAt: true, cancellationToken);
        }
    }

    /// <summary>Sets the first free name derived from <paramref name="username"/> on the document the filter finds (if it still does).</summary>
    private async Task MoveAsync(FilterDefinition<BsonDocument> filter, string username, int firstAttempt, bool setUpdatedAt, CancellationToken cancellationToken)
    {
        for (var attempt = firstAttempt; ; attempt++)
        {
            var candidate = attempt == 0 ? username : Usernames.Candidate(username, attempt);
            var update = Builders<BsonDocument>.Update.Set(D.Username, candidate).Set(UsernameKey, Usernames.Key(candidate));
            if (setUpdatedAt)
            {
                update = update.Set(D.UpdatedAt, Timestamps.ToText(Timestamps.Truncate(time.GetUtcNow())));
            }

            try
            {
                await Users.UpdateOneAsync(filter, update, cancellationToken: cancellationToken);
                return;
            }
            catch (MongoException e) when (IsDuplicateKey(e))
            {
            }
        }
    }

    private static BsonDocument WithKeys(User user, string wanted)
    {
        var document = D.ToBson(user);
        document[UsernameKey] = Usernames.Key(user.Username);
        document[ProviderUsernameKey] = Usernames.ProviderKey(wanted) is { } providerKey ? providerKey : BsonNull.Value;
        return document;
    }
}
