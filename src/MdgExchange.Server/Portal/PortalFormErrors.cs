namespace MdgExchange.Server.Portal;

/// <summary>
/// A form's problems by the field they name (the use case's violation field, which the pages use as the control's
/// name), so that each is shown next to its control and announced through <c>aria-describedby</c>; problems naming no
/// control of the form are shown at the top.
/// </summary>
public sealed class PortalFormErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public List<string> General { get; } = [];

    public bool Any => General.Count > 0 || _byField.Count > 0;

    /// <summary>Every problem with its field (for the summary at the top).</summary>
    public IEnumerable<(string Field, string Message)> All => _byField.SelectMany(f => f.Value.Select(m => (f.Key, m)));

    /// <summary>An id for a field's control: <c>indicators[0].series</c> → <c>indicators-0-series</c>.</summary>
    public static string Id(string field) => (field ?? "").Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '-');

    /// <summary>Records a problem on a field when the form has that control, else as a general one.</summary>
    public void Add(string field, string message, IEnumerable<string> controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (controls.Contains(field, StringComparer.Ordinal))
        {
            Add(field, message);
        }
        else
        {
            General.Add(string.IsNullOrEmpty(field) ? message : $"{field}: {message}");
        }
    }

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The field's problems in one sentence, or null.</summary>
    public string? For(string field) => _byField.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    /// <summary>The id of the element that describes the field's problem (for <c>aria-describedby</c>), or null.</summary>
    public string? DescribedBy(string field) => _byField.ContainsKey(field) ? Id(field) + "-error" : null;

    /// <summary><c>true</c> for <c>aria-invalid</c>, or null (the attribute is left out).</summary>
    public string? Invalid(string field) => _byField.ContainsKey(field) ? "true" : null;
}
