using MdgExchange.Domain.Data;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Builds series from rows that each carry a full key (SDMX-CSV rows, flat SDMX-ML observations): rows with
/// the key and action of the previous row join its series; any other row starts a new one.
/// </summary>
internal sealed class SeriesAssembler(DataLayout layout)
{
    private readonly string?[] _key = new string?[layout.DimensionIds.Length];
    private DataAction? _action;
    private Series? _current;

    /// <summary>
    /// The series the row with <paramref name="rowKey"/> (dimension values in key order, null or empty when absent)
    /// belongs to; <paramref name="completed"/> is the previous series when this row starts a new one, else null.
    /// </summary>
    public Series SeriesFor(string?[] rowKey, DataAction? action, string location, out Series? completed)
    {
        completed = null;
        if (_current is not null && action == _action && SameKey(rowKey))
        {
            return _current;
        }

        completed = _current;
        rowKey.AsSpan().CopyTo(_key);
        _action = action;
        _current = new Series { Location = location, ObservationLocations = [], Action = action };
        for (var i = 0; i < _key.Length; i++)
        {
            if (!string.IsNullOrEmpty(_key[i]))
            {
                _current.Key[layout.DimensionIds[i]] = _key[i]!;
            }
        }

        return _current;
    }

    /// <summary>The series being built, which no later row can join any more; null when there is none.</summary>
    public Series? Finish()
    {
        var last = _current;
        _current = null;
        return last;
    }

    private bool SameKey(string?[] rowKey)
    {
        for (var i = 0; i < _key.Length; i++)
        {
            if (!string.Equals(_key[i] ?? "", rowKey[i] ?? "", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
