using System.Buffers;
using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over <see cref="ArrayPool{T}"/> arrays: a frame is serialized straight into a
/// rented array, handed to the socket's writer as an <see cref="OutgoingFrame"/>, and the array goes back to the pool
/// once sent, so steady-state fan-out allocates no frame buffers. With <paramref name="maxBytes"/>, asking for more
/// throws <see cref="ResponseTooLargeException"/> instead of growing: a result too large to send is never held whole.
/// </summary>
public sealed class PooledBufferWriter(int initialCapacity = 512, int maxBytes = int.MaxValue) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(initialCapacity, maxBytes));
    private int _written;

    /// <summary>What has been written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>What has been written so far, for an async write.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        if (_written + count > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes); // a span from the pool may be longer than the limit
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Hands the rented array over to the frame; this writer is empty afterwards.</summary>
    public OutgoingFrame Detach()
    {
        var frame = new OutgoingFrame(_buffer, _written);
        _buffer = [];
        _written = 0;
        return frame;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(needed, _buffer.Length * 2), maxBytes));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
