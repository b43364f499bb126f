using MdgExchange.Storage;

namespace MdgExchange.Application.Configuration;

/// <summary>Configuration section <c>MdgExchange</c>: ports, TLS, storage, start-up behaviour.</summary>
public sealed class MdgExchangeOptions
{
    public const string Section = "MdgExchange";

    /// <summary>The gRPC endpoint (HTTP/2 only; plaintext by default so any gRPC client can call it).</summary>
    public EndpointOptions Grpc { get; set; } = new() { Port = 5080 };

    /// <summary>The HTTP/1.1 endpoint: health, the SDMX REST API and the reports.</summary>
    public EndpointOptions Http { get; set; } = new() { Port = 5081 };

    /// <summary>
    /// Web origins whose browser pages may call the SDMX REST API (CORS), e.g. a data explorer served elsewhere;
    /// <c>*</c> (the default) lets any page read, as SDMX web services do. Credentials are headers (API keys,
    /// bearer tokens), never cookies, so no origin gets ambient access. Empty = no cross-origin calls.
    /// </summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    public StorageOptions Storage { get; set; } = new();

    /// <summary>The optional mail server that also sends invitations.</summary>
    public MailOptions Mail { get; set; } = new();

    /// <summary>
    /// The portal's public address for links sent outside it (an invitation's sign-up link), e.g.
    /// <c>https://mdgx.example.org</c>; empty = the HTTP endpoint's own address.
    /// </summary>
    public string PortalUrl { get; set; } = "";

    /// <summary>Apply pending migrations at start-up (default). When false the server refuses to start on an out-of-date database.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Seed the SDG structures, frameworks and typology on start-up when they are missing (default).</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>Largest structure submission accepted, in bytes.</summary>
    public long MaxStructureBytes { get; set; } = 512L * 1024 * 1024;

    public ExchangeOptions Exchange { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    /// <summary>The tolerances of the discrepancy analysis.</summary>
    public Discrepancies.DiscrepancyOptions Discrepancies { get; set; } = new();
}

/// <summary>Configuration section <c>MdgExchange:Limits</c>: what one caller may ask of the server. Over a limit: RESOURCE_EXHAUSTED naming it.</summary>
public sealed class LimitOptions
{
    /// <summary>Calls per principal (anonymous callers: per IP address) in any 60 seconds; health checks and reflection are not counted. 0 = no limit.</summary>
    public int RequestsPerMinute { get; set; } = 1_200;

    /// <summary>Largest gRPC message the server accepts, in bytes (a push batch, a structure chunk).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most series one push may carry.</summary>
    public long MaxSeriesPerPush { get; set; } = 2_000_000;

    /// <summary>Most observations one push may carry.</summary>
    public long MaxObservationsPerPush { get; set; } = 50_000_000;

    /// <summary>Most series per message of a pull (<c>batch_size</c>).</summary>
    public int MaxPullBatch { get; set; } = 10_000;

    /// <summary>
    /// Largest message of a pull, in bytes (default 1 MiB): a response is sent once it would grow past this, and a
    /// series larger than this is split over consecutive responses. Keep it under the clients' receive limit.
    /// </summary>
    public int MaxPullMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest SDMX message POSTed to the REST API (structures or data), in bytes; larger is 413.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Largest <c>limit</c> (series per page) a REST 2.x data query may ask for; larger is 413.</summary>
    public int MaxRestPage { get; set; } = 1_000_000;
}

/// <summary>Configuration section <c>MdgExchange:Exchange</c>: how pushes use the database.</summary>
public sealed class ExchangeOptions
{
    /// <summary>
    /// How long a push that writes through (holding SQLite's single writer) may wait for the caller's next message
    /// before it gives the writer back and goes on through its spool; default 2 seconds.
    /// </summary>
    public TimeSpan WriteThroughIdleTimeout { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class EndpointOptions
{
    /// <summary><c>localhost</c> (default: loopback only), <c>*</c> or <c>0.0.0.0</c> (all interfaces), or an IP address.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>TCP port; 0 picks a free port (tests).</summary>
    public int Port { get; set; }

    /// <summary>Path to a PKCS#12 (.pfx) or PEM certificate; TLS is on when set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key path (PEM certificates only).</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Password of the .pfx file; read it from an environment variable, never from a committed file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Serve plaintext on a non-loopback address anyway (behind a TLS-terminating proxy); false by default.</summary>
    public bool AllowPlaintext { get; set; }
}
