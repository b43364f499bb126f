namespace MdgExchange.Domain.Structure;

/// <summary>One contact detail of a <see cref="Contact"/>; kinds are Telephone, Fax, X400, URI and Email.</summary>
public sealed record ContactDetail(string Kind, string Value);

/// <summary>A contact person or desk of an organisation.</summary>
public sealed class Contact
{
    public string? Id { get; set; }
    public List<LocalisedString> Names { get; set; } = [];
    public List<LocalisedString> Departments { get; set; } = [];
    public List<LocalisedString> Roles { get; set; } = [];
    public List<ContactDetail> Details { get; set; } = [];
}

/// <summary>An agency, data provider or data consumer.</summary>
public abstract class Organisation : Item
{
    public List<Contact> Contacts { get; set; } = [];
}

public sealed class Agency : Organisation;

public sealed class DataProvider : Organisation;

public sealed class DataConsumer : Organisation;

public sealed class AgencyScheme : ItemScheme<Agency>
{
    public override ArtefactType Type => ArtefactType.AgencyScheme;
}

public sealed class DataProviderScheme : ItemScheme<DataProvider>
{
    public override ArtefactType Type => ArtefactType.DataProviderScheme;
}

public sealed class DataConsumerScheme : ItemScheme<DataConsumer>
{
    public override ArtefactType Type => ArtefactType.DataConsumerScheme;
}
