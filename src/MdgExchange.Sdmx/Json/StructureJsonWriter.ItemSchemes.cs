using System.Globalization;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Json;

/// <summary>Codelists, concept schemes, category schemes and organisation schemes; representations and text formats.</summary>
public static partial class StructureJsonWriter
{
    /// <summary>The schema type a text format is written as: each allows its own facets and value types.</summary>
    private enum FormatKind
    {
        /// <summary>The facets of an enumeration (<c>CodedTextFormatType</c>): integer values, nothing else allowed in 2.0.</summary>
        Coded,

        /// <summary>A DSD component's format (<c>SimpleComponentTextFormatType</c>).</summary>
        Simple,

        /// <summary>A concept's or metadata attribute's format (<c>BasicComponentTextFormatType</c>).</summary>
        Basic,

        /// <summary>The time dimension's format (<c>TimeTextFormatType</c>).</summary>
        Time,
    }

    private static readonly HashSet<string> TimeDataTypes = new(StringComparer.Ordinal)
    {
        "ObservationalTimePeriod", "StandardTimePeriod", "BasicTimePeriod", "GregorianTimePeriod", "GregorianYear", "GregorianYearMonth",
        "GregorianDay", "ReportingTimePeriod", "ReportingYear", "ReportingSemester", "ReportingTrimester", "ReportingQuarter",
        "ReportingMonth", "ReportingWeek", "ReportingDay", "DateTime", "TimeRange",
    };

    private static readonly HashSet<string> CodeDataTypes = new(StringComparer.Ordinal)
    {
        "String", "Alpha", "AlphaNumeric", "Numeric", "BigInteger", "Integer", "Long", "Short", "Boolean", "URI", "Count",
        "InclusiveValueRange", "ExclusiveValueRange", "Incremental", "ObservationalTimePeriod", "StandardTimePeriod", "BasicTimePeriod",
        "GregorianTimePeriod", "GregorianYear", "GregorianYearMonth", "GregorianDay", "ReportingTimePeriod", "ReportingYear",
        "ReportingSemester", "ReportingTrimester", "ReportingQuarter", "ReportingMonth", "ReportingWeek", "ReportingDay", "Month",
        "MonthDay", "Day", "Duration",
    };

    /// <summary>The simple data types: the coded ones and the non-integer numbers, date-times, times and ranges.</summary>
    private static readonly HashSet<string> SimpleDataTypes = new(CodeDataTypes.Concat(["Decimal", "Float", "Double", "DateTime", "TimeRange", "Time"]), StringComparer.Ordinal);

    private static readonly HashSet<string> BasicDataTypes = new(SimpleDataTypes.Append("XHTML"), StringComparer.Ordinal);

    private static readonly HashSet<string> NumericFacets = new(StringComparer.Ordinal) { "startValue", "endValue", "interval", "minValue", "maxValue", "minLength", "maxLength", "decimals" };

    private static readonly HashSet<string> IntegerFacets = new(StringComparer.Ordinal) { "minLength", "maxLength", "decimals" };

    private static readonly HashSet<string> BooleanFacets = new(StringComparer.Ordinal) { "isSequence", "isMultiLingual" };

    private static readonly HashSet<string> TextFacets = new(StringComparer.Ordinal) { "pattern", "timeInterval", "startTime", "endTime" };

    private static void WriteCodelist(Context c, Codelist codelist)
    {
        StartMaintainable(c, codelist);
        c.W.WriteBoolean("isPartial", codelist.IsPartial);
        WriteItems(c, "codes", codelist.Items, code => SdmxUrn.Child(codelist.Ref, "codelist", "Code", code.Id), code => WriteOptional(c.W, "parent", code.ParentId));
        c.W.WriteEndObject();
    }

    private static void WriteConceptScheme(Context c, ConceptScheme scheme)
    {
        StartMaintainable(c, scheme);
        c.W.WriteBoolean("isPartial", scheme.IsPartial);
        WriteItems(c, "concepts", scheme.Items, concept => SdmxUrn.Child(scheme.Ref, "conceptscheme", "Concept", concept.Id), concept =>
        {
            if (concept.ParentId is { } parent)
            {
                // 1.0 refers to the parent concept by URN, 2.0 by id.
                c.W.WriteString("parent", c.V20 ? parent : SdmxUrn.Child(scheme.Ref, "conceptscheme", "Concept", parent));
            }

            if (concept.CoreRepresentation is { } representation)
            {
                WriteRepresentation(c, "coreRepresentation", representation, FormatKind.Basic, scheme, $"concept '{concept.Id}'");
            }
        });
        c.W.WriteEndObject();
    }

    /// <summary>Categories nest under their parent, whose dotted path is the child's <see cref="Item.ParentId"/>.</summary>
    private static void WriteCategoryScheme(Context c, CategoryScheme scheme)
    {
        var children = scheme.Items.Where(i => i.ParentId is not null).ToLookup(i => i.ParentId!, StringComparer.Ordinal);
        var roots = scheme.Items.Where(i => i.ParentId is null).ToList();
        if (roots.Sum(Count) != scheme.Items.Count)
        {
            throw Unrepresentable(c, scheme, "some categories have no parent in the scheme, or category paths repeat");
        }

        StartMaintainable(c, scheme);
        c.W.WriteBoolean("isPartial", scheme.IsPartial);
        WriteCategories("categories", roots);
        c.W.WriteEndObject();

        int Count(Category category) => 1 + children[StructureValidator.CategoryPath(category)].Sum(Count);

        void WriteCategories(string property, List<Category> categories)
        {
            if (categories.Count == 0)
            {
                return;
            }

            c.W.WriteStartArray(property);
            foreach (var category in categories)
            {
                var path = StructureValidator.CategoryPath(category);
                StartItem(c, category, SdmxUrn.Child(scheme.Ref, "categoryscheme", "Category", path));
                WriteCategories("categories", children[path].ToList());
                c.W.WriteEndObject();
            }

            c.W.WriteEndArray();
        }
    }

    private static void WriteOrganisationScheme<TOrganisation>(Context c, ItemScheme<TOrganisation> scheme, string property)
        where TOrganisation : Organisation
    {
        var (package, itemClass) = scheme.Type switch
        {
            ArtefactType.DataProviderScheme => ("base", "DataProvider"),
            ArtefactType.DataConsumerScheme => ("base", "DataConsumer"),
            _ => ("base", "Agency"),
        };

        if (scheme.Items.Find(o => o.ParentId is not null) is { } child)
        {
            throw Unrepresentable(c, scheme, $"'{child.Id}' has a parent, but organisation schemes are flat");
        }

        StartMaintainable(c, scheme);
        c.W.WriteBoolean("isPartial", scheme.IsPartial);
        WriteItems(
            c,
            property,
            scheme.Items,
            o => scheme.Type == ArtefactType.AgencyScheme ? AgencyUrn(c, scheme.Ref, o.Id) : SdmxUrn.Child(scheme.Ref, package, itemClass, o.Id),
            o => WriteContacts(c, o.Contacts));
        c.W.WriteEndObject();
    }

    /// <summary>The items array, left out when empty (2.0 demands at least one item; stubs carry none).</summary>
    private static void WriteItems<TItem>(Context c, string property, List<TItem> items, Func<TItem, string> urn, Action<TItem> content)
        where TItem : Item
    {
        if (items.Count == 0)
        {
            return;
        }

        c.W.WriteStartArray(property);
        foreach (var item in items)
        {
            StartItem(c, item, urn(item));
            content(item);
            c.W.WriteEndObject();
        }

        c.W.WriteEndArray();
    }

    private static void WriteContacts(Context c, List<Contact> contacts)
    {
        if (contacts.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartArray("contacts");
        foreach (var contact in contacts)
        {
            w.WriteStartObject();
            if (c.V20)
            {
                WriteOptional(w, "id", contact.Id);
            }

            WriteTexts("name", "names", contact.Names);
            WriteTexts("department", "departments", contact.Departments);
            WriteTexts("role", "roles", contact.Roles);
            WriteDetails("telephones", "Telephone");
            WriteDetails("faxes", "Fax");
            WriteDetails("x400s", "X400");
            WriteDetails("uris", "URI");
            WriteDetails("emails", "Email");
            w.WriteEndObject();

            void WriteDetails(string property, string kind)
            {
                var values = contact.Details.Where(d => d.Kind == kind && (kind != "URI" || IsAbsoluteUri(d.Value))).Select(d => d.Value).ToList();
                if (values.Count > 0)
                {
                    w.WriteStartArray(property);
                    values.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                }
            }
        }

        w.WriteEndArray();

        void WriteTexts(string single, string map, List<LocalisedString> texts)
        {
            if (BestMatch(c, texts) is { } text)
            {
                w.WriteString(single, text);
                WriteLocalised(w, map, texts);
            }
        }
    }

    /// <summary>
    /// A representation. 1.0 writes <c>enumeration</c> (a URN), <c>enumerationFormat</c> and <c>textFormat</c>;
    /// 2.0 writes either the enumeration (with its format) or <c>format</c>, and nothing for an empty representation.
    /// </summary>
    private static void WriteRepresentation(Context c, string property, Representation representation, FormatKind kind, MaintainableArtefact owner, string part)
    {
        if (representation.Enumeration is not null && representation.TextFormat is not null)
        {
            throw Unrepresentable(c, owner, $"{part} has both an enumeration and a text format");
        }

        if (representation.Enumeration is null && representation.TextFormat is null && c.V20)
        {
            return;
        }

        var w = c.W;
        w.WriteStartObject(property);
        if (representation.Enumeration is { } enumeration)
        {
            w.WriteString("enumeration", enumeration.Urn);
            if (representation.EnumerationFormat is { } enumerationFormat)
            {
                WriteTextFormat(c, "enumerationFormat", enumerationFormat, FormatKind.Coded);
            }
        }
        else if (representation.TextFormat is { } textFormat)
        {
            WriteTextFormat(c, c.V20 ? "format" : "textFormat", textFormat, kind);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// A text format: the data type (1.0 <c>textType</c>, 2.0 <c>dataType</c>) when the schema type allows it, and the
    /// facets that type allows, typed as the schema demands (facets that do not parse as such are left out).
    /// </summary>
    private static void WriteTextFormat(Context c, string property, TextFormat format, FormatKind kind)
    {
        var w = c.W;
        w.WriteStartObject(property);
        var dataTypes = kind switch
        {
            FormatKind.Coded => CodeDataTypes,
            FormatKind.Simple => SimpleDataTypes,
            FormatKind.Basic => BasicDataTypes,
            _ => TimeDataTypes,
        };

        if (format.TextType is { } textType && dataTypes.Contains(textType))
        {
            w.WriteString(c.V20 ? "dataType" : "textType", textType);
        }

        foreach (var (facet, value) in format.Facets)
        {
            if (kind == FormatKind.Time && facet is not ("startTime" or "endTime"))
            {
                continue;
            }

            if ((facet == "decimals" && kind == FormatKind.Coded) || (facet == "isMultiLingual" && kind != FormatKind.Basic))
            {
                continue;
            }

            if (TextFacets.Contains(facet))
            {
                w.WriteString(facet, value);
            }
            else if (BooleanFacets.Contains(facet) && bool.TryParse(value, out var flag))
            {
                w.WriteBoolean(facet, flag);
            }
            else if (NumericFacets.Contains(facet))
            {
                var integerOnly = IntegerFacets.Contains(facet) || kind == FormatKind.Coded || (c.V20 && kind == FormatKind.Simple && facet == "interval");
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    if (!IntegerFacets.Contains(facet) || integer >= 1)
                    {
                        w.WriteNumber(facet, integer);
                    }
                }
                else if (!integerOnly && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    w.WriteNumber(facet, number);
                }
            }
        }

        w.WriteEndObject();
    }
}
