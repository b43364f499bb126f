using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary>Prints an artefact for people: header, then what matters for its type.</summary>
internal static class ArtefactPrinter
{
    public static async Task PrintAsync(TextWriter output, StructureService.StructureServiceClient client, Artefact artefact, string lang, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"{ArtefactTypeNames.Name(artefact.Ref.Type)} {StructureCommands.Format(artefact.Ref)}{(artefact.IsFinal ? " (final)" : " (not final)")}");
        await output.WriteLineAsync($"  name: {Text(artefact.Names, lang)}");
        if (artefact.Descriptions.Count > 0)
        {
            await output.WriteLineAsync($"  description: {Text(artefact.Descriptions, lang)}");
        }

        await output.WriteLineAsync($"  urn: {artefact.Ref.Urn}");
        switch (artefact.DetailCase)
        {
            case Artefact.DetailOneofCase.DataStructure:
                await PrintDataStructureAsync(output, artefact.DataStructure);
                break;
            case Artefact.DetailOneofCase.ItemScheme when artefact.Ref.Type == ArtefactType.Codelist:
                await PrintCodesAsync(output, client, artefact.Ref, lang, cancellationToken);
                break;
            case Artefact.DetailOneofCase.ItemScheme:
                await output.WriteLineAsync($"Items ({artefact.ItemScheme.Items.Count}):");
                foreach (var item in artefact.ItemScheme.Items)
                {
                    await output.WriteLineAsync(ItemLine(item, lang));
                }

                break;
            case Artefact.DetailOneofCase.Dataflow:
                await output.WriteLineAsync($"Structure: {StructureCommands.Format(artefact.Dataflow.Structure)}");
                break;
            case Artefact.DetailOneofCase.ProvisionAgreement:
                await output.WriteLineAsync($"Dataflow: {StructureCommands.Format(artefact.ProvisionAgreement.Dataflow)}");
                await output.WriteLineAsync($"Data provider: {StructureCommands.Format(artefact.ProvisionAgreement.DataProvider.Scheme)}.{artefact.ProvisionAgreement.DataProvider.ItemId}");
                break;
            case Artefact.DetailOneofCase.Categorisation:
                await output.WriteLineAsync($"Source: {StructureCommands.Format(artefact.Categorisation.Source)}");
                await output.WriteLineAsync($"Category: {StructureCommands.Format(artefact.Categorisation.Target.Scheme)}.{artefact.Categorisation.Target.ItemId}");
                break;
            case Artefact.DetailOneofCase.ContentConstraint:
                await PrintConstraintAsync(output, artefact.ContentConstraint);
                break;
        }
    }

    private static async Task PrintDataStructureAsync(TextWriter output, DataStructureDetail dsd)
    {
        await output.WriteLineAsync("Dimensions:");
        foreach (var d in dsd.Dimensions)
        {
            await output.WriteLineAsync($"  {d.Position,2} {d.Component.Id,-24}{(d.IsTime ? " (time)" : "")}{Representation(d.Component)}");
        }

        await output.WriteLineAsync("Attributes:");
        foreach (var a in dsd.Attributes)
        {
            var level = a.AttachmentLevel.ToString().ToLowerInvariant();
            var related = a.RelatedDimensions.Count > 0 ? $" [{string.Join(",", a.RelatedDimensions)}]" : "";
            await output.WriteLineAsync($"     {a.Component.Id,-24} {(a.Mandatory ? "mandatory" : "conditional"),-11} {level}{related}{Representation(a.Component)}");
        }

        if (dsd.PrimaryMeasure is not null)
        {
            await output.WriteLineAsync($"Measure: {dsd.PrimaryMeasure.Id}{Representation(dsd.PrimaryMeasure)}");
        }
    }

    private static async Task PrintCodesAsync(TextWriter output, StructureService.StructureServiceClient client, ArtefactRef codelist, string lang, CancellationToken cancellationToken)
    {
        var token = "";
        var first = true;
        do
        {
            var page = await client.ListCodesAsync(new ListCodesRequest { Codelist = StructureCommands.Format(codelist), PageSize = 5000, PageToken = token }, cancellationToken: cancellationToken);
            if (first)
            {
                await output.WriteLineAsync($"Codes ({page.TotalSize}):");
                first = false;
            }

            foreach (var code in page.Codes)
            {
                await output.WriteLineAsync(ItemLine(code, lang));
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);
    }

    private static async Task PrintConstraintAsync(TextWriter output, ContentConstraintDetail constraint)
    {
        await output.WriteLineAsync($"Role: {constraint.Role}");
        foreach (var attachment in constraint.Attachments)
        {
            await output.WriteLineAsync($"Constrains: {ArtefactTypeNames.Name(attachment.Type)} {StructureCommands.Format(attachment)}");
        }

        foreach (var region in constraint.CubeRegions)
        {
            await output.WriteLineAsync(region.Include ? "Cube region (included):" : "Cube region (excluded):");
            foreach (var kv in region.KeyValues)
            {
                await output.WriteLineAsync($"  {kv.ComponentId}: {string.Join(" ", kv.Values)}");
            }
        }
    }

    private static string ItemLine(Item item, string lang) =>
        $"  {item.Id,-16} {Text(item.Names, lang)}{(item.ParentId.Length > 0 ? $"  (parent {item.ParentId})" : "")}";

    private static string Representation(Component component) =>
        component.Representation?.Enumeration is { } e ? $"  codelist {StructureCommands.Format(e)}"
        : component.Representation is { TextType.Length: > 0 } r ? $"  {r.TextType}"
        : "";

    private static string Text(IEnumerable<LocalisedText> texts, string lang)
    {
        var list = texts.ToList();
        return list.FirstOrDefault(t => t.Lang == lang)?.Text ?? list.FirstOrDefault(t => t.Lang == "en")?.Text ?? list.FirstOrDefault()?.Text ?? "";
    }
}
