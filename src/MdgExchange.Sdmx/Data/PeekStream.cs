namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Lets the first bytes of a stream be examined and then read again, so that a format can be recognised
/// on a stream that cannot seek (a network body) without copying it.
/// </summary>
internal sealed class PeekStream(Stream inner, bool leaveOpen) : Stream
{
    private byte[] _head = [];
    private int _headLength;
    private int _headPosition;
    private bool _innerEnded;

    /// <summary>The first bytes of the stream, at most <paramref name="count"/>; fewer only when the stream is shorter.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_headPosition > 0)
        {
            throw new InvalidOperationException("the stream can be examined only before it is read");
        }

        if (count > _headLength && !_innerEnded)
        {
            Array.Resize(ref _head, count);
            var read = inner.ReadAtLeast(_head.AsSpan(_headLength, count - _headLength), count - _headLength, throwOnEndOfStream: false);
            _innerEnded = _headLength + read < count;
            _headLength += read;
        }

        return _head.AsSpan(0, Math.Min(count, _headLength));
    }

    /// <summary>Every byte peeked so far, also once reading has started.</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    /// <summary>True when everything the stream holds has been peeked.</summary>
    public bool PeekedAll => _innerEnded;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < _headLength)
        {
            var n = Math.Min(buffer.Length, _headLength - _headPosition);
            _head.AsSpan(_headPosition, n).CopyTo(buffer);
            _headPosition += n;
            return n;
        }

        return _innerEnded ? 0 : inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
