namespace MdgExchange.Domain.Data;

/// <summary>
/// Whose value an observation is (DESIGN.md, "Push, pull, annotate"): the organisation that pushed the value in force
/// owns it. Another organisation may annotate it, or publish its own estimate in its own series, but never change or
/// delete it: an agency never changes a national value. The rule every store's writer applies, written once.
/// </summary>
public static class ObservationOwnership
{
    /// <summary>
    /// Whether <paramref name="writer"/> may revise or delete the value in force owned by <paramref name="owner"/>.
    /// A writer not named (an administrative load) and a value without an owner are not restricted; a value written
    /// earlier in the same transfer is the writer's own.
    /// </summary>
    public static bool MayChange(string? writer, string? owner, bool writtenByThisTransfer) =>
        writer is null || owner is null || writtenByThisTransfer || string.Equals(writer, owner, StringComparison.Ordinal);
}
