using System.Buffers;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>One serialized text frame in a rented array; <see cref="Return"/> gives the array back to the pool.</summary>
public readonly record struct OutgoingFrame(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Return()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
