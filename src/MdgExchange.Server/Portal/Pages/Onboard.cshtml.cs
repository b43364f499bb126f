using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MdgExchange.Server.Portal.Pages;

/// <summary>
/// The coordinator onboards a national provider without SDMX-ML: its id and names, the areas it reports and the
/// dataflows, through the same use case as <c>mdgx providers add</c> and <c>AddProvider</c> (the registry's rules and
/// transfer record); the registry's providers are listed with their agreements' dataflows and areas.
/// </summary>
public sealed class OnboardModel(ProviderOnboarding providers, StructureQueries structures) : PageModel
{
    public static readonly IReadOnlyList<string> Controls = ["organisation", "name_en", "name_es", "areas", "dataflows"];

    public IReadOnlyList<ProviderProfile> Providers { get; private set; } = [];

    public IReadOnlyList<string> Dataflows { get; private set; } = [];

    public string Organisation { get; private set; } = "";

    public string NameEn { get; private set; } = "";

    public string NameEs { get; private set; } = "";

    public string Areas { get; private set; } = "";

    public IReadOnlyList<string> Chosen { get; private set; } = [];

    public bool ReplaceAreas { get; private set; }

    public ProviderChange? Result { get; private set; }

    public Guid? RefusalTransfer { get; private set; }

    public PortalFormErrors Errors { get; } = new();

    public bool MayInvite => AccessPolicy.Allows(Caller.From(User), Operations.UserInvite);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(string? organisation, string? nameEn, string? nameEs, string? areas, string[]? dataflows, bool replaceAreas)
    {
        (Organisation, NameEn, NameEs, Areas, ReplaceAreas) = ((organisation ?? "").Trim(), (nameEn ?? "").Trim(), (nameEs ?? "").Trim(), (areas ?? "").Trim(), replaceAreas);
        Chosen = (dataflows ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        var refs = new List<ArtefactRef>();
        for (var i = 0; i < Chosen.Count; i++)
        {
            if (ArtefactRef.TryParse(Chosen[i], ArtefactType.Dataflow, out var flow, out var error))
            {
                refs.Add(flow);
            }
            else
            {
                Errors.Add("dataflows", error ?? Chosen[i]);
            }
        }

        var names = new List<LocalisedString>();
        if (NameEn.Length > 0)
        {
            names.Add(new("en", NameEn));
        }

        if (NameEs.Length > 0)
        {
            names.Add(new("es", NameEs));
        }

        if (!Errors.Any)
        {
            var codes = Areas.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var caller = Caller.From(User);
            try
            {
                Result = await providers.AddAsync(
                    new ProviderRegistration(Organisation, names, refs, codes, ReplaceAreas),
                    new SubmissionContext("portal", "provider-onboarding", caller.Principal, null, Sender: caller.Organisation),
                    HttpContext.RequestAborted);
            }
            catch (ProviderOnboardingException ex)
            {
                RefusalTransfer = ex.TransferId;
                foreach (var (field, description) in ex.Problems)
                {
                    Errors.Add(ControlOf(field, ex.Refusal), description, Controls);
                }

                Response.StatusCode = ex.Refusal == ProviderRefusal.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            }
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync();
        return Page();
    }

    public static string Name(ProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Names.FirstOrDefault(n => n.Lang == PortalText.Language)?.Text ?? profile.Names.FirstOrDefault()?.Text ?? profile.Organisation;
    }

    /// <summary>The form control a problem of the onboarding names (<c>areas[1]</c> is the areas field; a dataflow not found, the dataflows).</summary>
    private static string ControlOf(string field, ProviderRefusal refusal) =>
        refusal == ProviderRefusal.NotFound || field.StartsWith("dataflows", StringComparison.Ordinal) ? "dataflows"
        : field.StartsWith("areas", StringComparison.Ordinal) ? "areas"
        : field.StartsWith("names", StringComparison.Ordinal) ? "name_en"
        : field;

    private async Task LoadAsync()
    {
        Dataflows = (await structures.ListAsync(ArtefactType.Dataflow, null, HttpContext.RequestAborted)).Select(f => f.Ref.ToString()).Order(StringComparer.Ordinal).ToList();
        Providers = (await providers.ListAsync(null, HttpContext.RequestAborted)).OrderBy(p => p.Organisation, StringComparer.Ordinal).ToList();
    }
}
