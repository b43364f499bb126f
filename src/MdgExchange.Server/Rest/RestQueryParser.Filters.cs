namespace MdgExchange.Server.Rest;

public static partial class RestQueryParser
{
    private static readonly Dictionary<string, FilterOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOperator.Equal,
        ["ne"] = FilterOperator.NotEqual,
        ["lt"] = FilterOperator.LessThan,
        ["le"] = FilterOperator.LessOrEqual,
        ["gt"] = FilterOperator.GreaterThan,
        ["ge"] = FilterOperator.GreaterOrEqual,
        ["co"] = FilterOperator.Contains,
        ["nc"] = FilterOperator.NotContains,
        ["sw"] = FilterOperator.StartsWith,
        ["ew"] = FilterOperator.EndsWith,
    };

    /// <summary>The most AND-groups one component filter may expand to (see <see cref="ComponentFilter"/>).</summary>
    public const int MaxFilterGroups = 256;

    private static List<ComponentFilter> Filters(IQueryCollection query)
    {
        var filters = new List<ComponentFilter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (!name.StartsWith("c[", StringComparison.OrdinalIgnoreCase) && !name.Equals("c", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Length < 4 || name[^1] != ']' || !NcNameId().IsMatch(name[2..^1]))
            {
                throw SdmxRestException.Syntax($"{name}: a component filter is c[COMPONENT_ID]=value with a component id (NCNameIDType: a letter, then letters, digits, _ or -)");
            }

            var component = name[2..^1];
            if (!seen.Add(component) || values.Count > 1)
            {
                throw SdmxRestException.Syntax($"{name}: given more than once; give each component once, several values separated by ','");
            }

            filters.Add(Filter(name, component, values.ToString()));
        }

        return filters;
    }

    private static ComponentFilter Filter(string name, string component, string text)
    {
        // The spec's reading: ',' separates alternatives (OR), '+' joins conditions (AND) inside one. A '+' left
        // unencoded in a query string arrives as a space, so a space is read as '+' too.
        var alternatives = new List<List<FilterCondition>>();
        foreach (var alternative in text.Split(','))
        {
            var conditions = new List<FilterCondition>();
            foreach (var part in alternative.Split('+', ' '))
            {
                conditions.Add(Condition(name, component, part));
            }

            alternatives.Add(conditions);
        }

        // As AND-of-OR groups (ComponentFilter): one condition of each alternative per group, every combination.
        IEnumerable<IReadOnlyList<FilterCondition>> groups = [[]];
        long count = 1;
        foreach (var alternative in alternatives)
        {
            count *= alternative.Count;
            if (count > MaxFilterGroups)
            {
                throw SdmxRestException.Syntax($"{name}: too complex; at most {MaxFilterGroups} combinations of ',' alternatives and '+' conditions");
            }

            var current = groups;
            groups = current.SelectMany(g => alternative.Select(c => (IReadOnlyList<FilterCondition>)[.. g, c])).ToList();
        }

        var allOf = groups.Select(g => (IReadOnlyList<FilterCondition>)g.Distinct().ToList()).ToList();
        return new ComponentFilter(component, allOf);
    }

    private static FilterCondition Condition(string name, string component, string text)
    {
        var op = FilterOperator.Equal;
        var value = text;
        if (text.Length >= 3 && text[2] == ':' && Operators.TryGetValue(text[..2], out var parsed))
        {
            op = parsed;
            value = text[3..];
        }

        if (value.Length == 0)
        {
            throw SdmxRestException.Syntax($"{name}: empty value; conditions are [op:]value with op one of eq, ne, lt, le, gt, ge, co, nc, sw, ew, separated by ',' (OR) and '+' (AND)");
        }

        if (component == "TIME_PERIOD" && op is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.LessThan or FilterOperator.LessOrEqual
                or FilterOperator.GreaterThan or FilterOperator.GreaterOrEqual && !IsPeriod(value))
        {
            throw SdmxRestException.Syntax($"{name}: '{value}' is not an SDMX period (2015, 2015-01, 2015-01-31, 2015-Q1, 2015-S1, 2015-W05, ...)");
        }

        return new FilterCondition(op, value);
    }
}
