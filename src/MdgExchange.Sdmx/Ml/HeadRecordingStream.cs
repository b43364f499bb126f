namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// Passes reads through and keeps the first bytes, so that a document the XML parser rejects before its
/// root can still be described (empty, an HTML page) without seeking back, which a network body cannot do.
/// </summary>
internal sealed class HeadRecordingStream(Stream inner) : Stream
{
    private const int Capacity = 1024;
    private readonly byte[] _head = new byte[Capacity];
    private int _headLength;
    private long _total;

    /// <summary>The first bytes read, at most 1 KB.</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    /// <summary>True when everything read so far fits in <see cref="Head"/>.</summary>
    public bool HeadIsAll => _total <= Capacity;

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
        var read = inner.Read(buffer);
        var keep = Math.Min(read, Capacity - _headLength);
        if (keep > 0)
        {
            buffer[..keep].CopyTo(_head.AsSpan(_headLength));
            _headLength += keep;
        }

        _total += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
