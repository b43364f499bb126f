namespace MdgExchange.Cli.Commands;

/// <summary>Upload progress on standard error, for files large enough to wait for and only on a terminal.</summary>
internal sealed class Progress(TextWriter error, long total)
{
    private const long Threshold = 4 * 1024 * 1024;
    private readonly bool _enabled = total >= Threshold && !Console.IsErrorRedirected;
    private int _lastPercent = -1;

    public void Report(long sent)
    {
        if (!_enabled)
        {
            return;
        }

        var percent = (int)(sent * 100 / Math.Max(1, total));
        if (percent != _lastPercent)
        {
            _lastPercent = percent;
            error.Write($"\rsent {sent / 1024:N0} of {total / 1024:N0} KiB ({percent}%)");
        }
    }

    public void Done()
    {
        if (_enabled)
        {
            error.WriteLine();
        }
    }
}
