using Google.Protobuf.Reflection;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>Every MdgExchange gRPC service, for the tests that walk every RPC (access matrix, injection corpus).</summary>
public static class ServiceDescriptors
{
    public static IReadOnlyList<ServiceDescriptor> MdgExchange { get; } =
    [
        StructureReflection.Descriptor.Services.Single(),
        DataReflection.Descriptor.Services.Single(),
        TransfersReflection.Descriptor.Services.Single(),
        SecurityReflection.Descriptor.Services.Single(),
        MetadataReflection.Descriptor.Services.Single(),
        DiscrepancyReflection.Descriptor.Services.Single(),
        CatalogReflection.Descriptor.Services.Single(),
        InventoryReflection.Descriptor.Services.Single(),
        UsersReflection.Descriptor.Services.Single(),
    ];
}
