using MdgExchange.Application.Catalog;
using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Exchange;
using MdgExchange.Application.Inventory;
using MdgExchange.Application.Metadata;
using MdgExchange.Application.Registry;
using MdgExchange.Application.Security;
using Microsoft.Extensions.DependencyInjection;

namespace MdgExchange.Application.Hosting;

/// <summary>The application core's use cases for any host (the server, a test, a tool): one instance each, no request state.</summary>
/// <remarks>The host registers the stores (<c>MdgExchange.Storage</c>), a <see cref="TimeProvider"/>, logging and the options.</remarks>
public static class ApplicationServices
{
    public static IServiceCollection AddMdgExchangeApplication(this IServiceCollection services)
    {
        services.AddSingleton<AccessGate>();
        services.AddSingleton<Accounts.PortalAccounts>();
        services.AddSingleton<Accounts.InvitationMail>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<TransferLog>();
        services.AddSingleton<StructureRegistry>();
        services.AddSingleton<StructureQueries>();
        services.AddSingleton<Seed.StructureSeeding>();
        services.AddSingleton<ProviderOnboarding>();
        services.AddSingleton<DataflowSchemas>();
        services.AddSingleton<ProviderScopes>();
        services.AddSingleton<PushService>();
        services.AddSingleton<DataFilePush>();
        services.AddSingleton<PullService>();
        services.AddSingleton<SeriesComparison>();
        services.AddSingleton<WhatsNew>();
        services.AddSingleton<AnnotationService>();
        services.AddSingleton<MetadataService>();
        services.AddSingleton<IInventory, TransferInventory>();
        services.AddSingleton<DiscrepancyMappings>();
        services.AddSingleton<DiscrepancyTolerances>();
        services.AddSingleton<DiscrepancyAnalysis>();
        services.AddSingleton<PairConsultations>();
        services.AddSingleton<DiscrepancyWorkflow>();
        services.AddSingleton<DiscrepancyQueries>();
        services.AddSingleton<InventoryReports>();
        services.AddSingleton<DiscrepancyReports>();
        services.AddSingleton<CatalogRegistry>();
        services.AddSingleton<CatalogWriter>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<Forum.GroupForum>();
        return services;
    }
}
