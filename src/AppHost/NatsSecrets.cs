using System.Security.Cryptography;

namespace Chatt.AppHost;

/// <summary>
/// The bus's secrets, generated afresh for each run of the app host (nothing on the bus outlives a run): the
/// NATS user's password, given to nats-server and to every ChatApi replica, and the deployment's key that
/// replicas sign their events with (<c>Nats:SigningKey</c>), given to the replicas only.
/// </summary>
internal sealed record NatsSecrets(string User, string Password, string SigningKey)
{
    public static NatsSecrets Generate() => new(
        "chatapi",
        RandomNumberGenerator.GetHexString(32, lowercase: true),
        RandomNumberGenerator.GetHexString(64, lowercase: true));
}
