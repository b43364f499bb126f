namespace MdgExchange.Domain.Inventory;

/// <summary>
/// The thematic areas reports group indicators by, one per SDG goal (poverty, hunger, health, education, gender, ...),
/// with English and Spanish names.
/// </summary>
public static class ThematicAreas
{
    private static readonly (string Goal, string Id, string En, string Es)[] Areas =
    [
        ("1", "poverty", "Poverty", "Pobreza"),
        ("2", "hunger", "Hunger and food security", "Hambre y seguridad alimentaria"),
        ("3", "health", "Health", "Salud"),
        ("4", "education", "Education", "Educación"),
        ("5", "gender", "Gender equality", "Igualdad de género"),
        ("6", "water", "Water and sanitation", "Agua y saneamiento"),
        ("7", "energy", "Energy", "Energía"),
        ("8", "employment", "Employment and growth", "Empleo y crecimiento"),
        ("9", "infrastructure", "Industry and infrastructure", "Industria e infraestructura"),
        ("10", "inequality", "Inequality", "Desigualdad"),
        ("11", "cities", "Cities and settlements", "Ciudades y asentamientos"),
        ("12", "consumption", "Consumption and production", "Consumo y producción"),
        ("13", "climate", "Climate", "Clima"),
        ("14", "oceans", "Oceans", "Océanos"),
        ("15", "land", "Ecosystems and land", "Ecosistemas terrestres"),
        ("16", "institutions", "Peace and institutions", "Paz e instituciones"),
        ("17", "partnerships", "Partnerships and means of implementation", "Alianzas y medios de implementación"),
    ];

    /// <summary>Every thematic area id, in goal order.</summary>
    public static IReadOnlyList<string> All { get; } = Areas.Select(a => a.Id).ToList();

    /// <summary>The thematic area of an indicator (3.2.1) or target (3.2) or goal (3); null when it names no goal.</summary>
    public static string? Of(string? indicatorOrGoal) =>
        indicatorOrGoal is null ? null : Areas.FirstOrDefault(a => a.Goal == GoalOf(indicatorOrGoal)).Id;

    /// <summary>The goal of an indicator or target in dotted notation: 3 for 3.2.1.</summary>
    public static string? GoalOf(string? notation) => string.IsNullOrEmpty(notation) ? null : notation.Split('.')[0];

    /// <summary>The target of an indicator in dotted notation: 3.2 for 3.2.1.</summary>
    public static string? TargetOf(string? notation) =>
        notation?.Split('.') is { Length: >= 2 } parts ? $"{parts[0]}.{parts[1]}" : null;

    public static string Name(string id, string lang) =>
        Areas.FirstOrDefault(a => a.Id == id) is { Id: not null } area ? (lang == "es" ? area.Es : area.En) : id;
}
