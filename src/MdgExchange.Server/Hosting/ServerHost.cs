using System.Net;
using Grpc.AspNetCore.Server.Model;
using MdgExchange.Application.Hosting;
using MdgExchange.Server.Grpc;
using MdgExchange.Server.Rest;
using MdgExchange.Server.Portal;
using MdgExchange.Server.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MdgExchange.Server.Hosting;

/// <summary>Builds the web application: configuration, Kestrel endpoints, services and routes.</summary>
public static class ServerHost
{
    /// <summary>Command-line flag: apply migrations (and seed) then exit, for operators who migrate separately.</summary>
    public const string MigrateOnlyFlag = "--migrate-only";

    /// <param name="args">Command-line arguments; configuration keys such as <c>--MdgExchange:Grpc:Port=5090</c>.</param>
    /// <param name="configureServices">Replaces services after the defaults (tests inject a fixed clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        // The content root is the install folder, so appsettings.json is found whatever the working directory;
        // relative paths in the configuration (the SQLite file) stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != MigrateOnlyFlag).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        var options = builder.Configuration.GetSection(MdgExchangeOptions.Section).Get<MdgExchangeOptions>() ?? new MdgExchangeOptions();
        builder.Services.Configure<MdgExchangeOptions>(builder.Configuration.GetSection(MdgExchangeOptions.Section));

        CheckTransportSecurity("Grpc", options.Grpc);
        CheckTransportSecurity("Http", options.Http);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, options.Grpc, HttpProtocols.Http2);
            // HTTP/2 on the HTTP endpoint needs TLS (ALPN); in plaintext it is HTTP/1.1 only.
            Listen(kestrel, options.Http, string.IsNullOrEmpty(options.Http.CertificatePath) ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2);
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMdgExchangeStorage(options.Storage);
        builder.Services.AddMdgExchangeApplication();
        builder.Services.AddSingleton<Application.Accounts.IPasswordHashing, IdentityPasswordHashing>();
        builder.Services.AddSingleton<Application.Accounts.IMailTransport, Mail.SmtpMailTransport>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<DataExchangeGrpcService>, StreamingMethodProvider>());
        builder.Services.AddSingleton<Rest.RestDataService>();
        builder.Services.AddSingleton<Rest.RestStructureService>();
        builder.Services.AddSingleton<Rest.RestImportService>();
        AddHttpServices(builder, options);
        builder.Services.AddMdgExchangeAuthentication(options.Auth);
        builder.Services.AddPortal();
        builder.Services.AddSingleton<AccessInterceptor>();
        builder.Services.AddSingleton<RequestRateLimiter>();
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<AccessInterceptor>();
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
            o.MaxReceiveMessageSize = options.Limits.MaxMessageBytes;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StorageHealthCheck>("storage");

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        UseMdgExchange(app);
        return app;
    }

    /// <summary>Compression of SDMX responses and the CORS policy of the SDMX REST API.</summary>
    private static void AddHttpServices(WebApplicationBuilder builder, MdgExchangeOptions options)
    {
        builder.Services.AddResponseCompression(o =>
        {
            // SDMX messages compress tenfold; compressed as they stream, at the fastest level (a large export is
            // limited by the CPU, not the network).
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = RestCompression.MediaTypes;
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddCors(o => o.AddPolicy(SdmxRestEndpoints.CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{MdgExchangeOptions.Section}:CorsOrigins").Get<string[]>() ?? options.CorsOrigins;
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.WithMethods("GET", "POST")
                .WithHeaders("Accept", "Accept-Language", "Content-Type", "Authorization", "x-api-key", "Idempotency-Key")
                .WithExposedHeaders("X-Transfer-Id", "Content-Encoding");
        }));
    }

    /// <summary>The request pipeline and every endpoint: gRPC services, health, reports, SDMX REST.</summary>
    private static void UseMdgExchange(WebApplication app)
    {
        app.UseResponseCompression();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UsePortalLanguage();
        app.UseHttpAccess();
        app.MapGrpcService<StructureGrpcService>();
        app.MapGrpcService<KeyGrpcService>();
        app.MapGrpcService<UserGrpcService>();
        app.MapGrpcService<DataExchangeGrpcService>();
        app.MapGrpcService<TransferGrpcService>();
        app.MapGrpcService<MetadataGrpcService>();
        app.MapGrpcService<DiscrepancyGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<InventoryGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/healthz");
        app.MapReportEndpoints();
        app.MapSdmxRest();
        app.MapGet("/about", () => Results.Text("MdgExchange: SDMX metadata and data exchange. gRPC services on the gRPC port; health at /healthz; the portal at /.\n"));
        app.MapGet(Portal.PortalAssets.StylesheetPath, () => Results.Text(Portal.PortalAssets.Stylesheet, "text/css; charset=utf-8"));
        app.MapGet(Portal.PortalAssets.UploadScriptPath, () => Results.Text(Portal.PortalAssets.UploadScript, "text/javascript; charset=utf-8"));
        app.MapRazorPages();
    }

    /// <summary>
    /// Plaintext is the default only on loopback: an endpoint on another address needs a certificate, or an explicit
    /// <c>AllowPlaintext</c> (behind a TLS-terminating proxy), because keys and tokens would travel in clear.
    /// </summary>
    /// <exception cref="InvalidOperationException">A non-loopback endpoint without TLS or the explicit opt-out.</exception>
    public static void CheckTransportSecurity(string name, EndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var loopback = endpoint.Host == "localhost" || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
        if (!loopback && string.IsNullOrEmpty(endpoint.CertificatePath) && !endpoint.AllowPlaintext)
        {
            throw new InvalidOperationException(
                $"MdgExchange:{name}:Host is {endpoint.Host}, beyond loopback, without TLS: API keys and tokens would travel in clear. "
                + $"Set MdgExchange:{name}:CertificatePath (and its key or password), or MdgExchange:{name}:AllowPlaintext=true behind a TLS-terminating proxy.");
        }
    }

    private static void Listen(KestrelServerOptions kestrel, EndpointOptions endpoint, HttpProtocols protocols)
    {
        void Configure(ListenOptions listen)
        {
            listen.Protocols = protocols;
            if (!string.IsNullOrEmpty(endpoint.CertificatePath))
            {
                if (!string.IsNullOrEmpty(endpoint.CertificateKeyPath))
                {
                    listen.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(endpoint.CertificatePath, endpoint.CertificateKeyPath));
                }
                else
                {
                    listen.UseHttps(endpoint.CertificatePath, endpoint.CertificatePassword);
                }
            }
        }

        switch (endpoint.Host)
        {
            case "localhost" when endpoint.Port != 0:
                kestrel.ListenLocalhost(endpoint.Port, Configure);
                break;
            case "localhost":
                // Kestrel cannot pick a free port for "localhost" (two loopback addresses); tests use IPv4 loopback.
                kestrel.Listen(IPAddress.Loopback, 0, Configure);
                break;
            case "*" or "0.0.0.0" or "any":
                kestrel.ListenAnyIP(endpoint.Port, Configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(endpoint.Host), endpoint.Port, Configure);
                break;
        }
    }
}
