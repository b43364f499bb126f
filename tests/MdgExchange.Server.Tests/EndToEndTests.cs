using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>The real server process on a temporary database, driven by the real <c>mdgx</c>.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mdgx-e2e-" + Guid.NewGuid().ToString("N"));
    private string Database => Path.Combine(_directory, "data", "mdgexchange.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Mdgx_drives_a_fresh_server_through_import_list_show_and_a_restart()
    {
        await using (var server = await ServerProcess.StartAsync(_directory))
        {
            File.Exists(Database).Should().BeTrue("the first start creates the SQLite database at its default path ./data/mdgexchange.db");

            var list = await ServerProcess.MdgxAsync("structures", "list", "--type", "dsd", "--server", server.Server);
            list.ExitCode.Should().Be(0, list.Err);
            list.Out.Should().Contain("IAEG-SDGs:SDG(1.0)\tdatastructure\tSDG DSD");

            var show = await ServerProcess.MdgxAsync("structures", "show", "IAEG-SDGs:SDG(1.0)", "--server", server.Server);
            show.ExitCode.Should().Be(0, show.Err);
            var dimensionLines = show.Out.Split('\n').SkipWhile(l => l != "Dimensions:").Skip(1).TakeWhile(l => l != "Attributes:").ToList();
            dimensionLines.Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Should().StartWith(["FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA"]);
            dimensionLines.Should().HaveCount(16);
            show.Out.Should().Contain("Measure: OBS_VALUE");

            // The first start wrote an admin key for the operator: in a file only the service account can read, not in the log.
            var keyFile = Path.Combine(_directory, "data", "admin-api-key");
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var admin = server.AdminKey;
            File.ReadAllBytes(keyFile).Should().Equal(System.Text.Encoding.ASCII.GetBytes(admin + "\n"), "the file holds the key and a newline, plain ASCII, so `cat` gives exactly the key");
            server.Output.Should().Contain(keyFile).And.NotContain(admin);
            var whoami = await ServerProcess.MdgxAsync("whoami", "--api-key", admin, "--server", server.Server);
            whoami.Out.Should().MatchRegex(@"^key:[a-z2-7]{16}\tMDGX\tadmin");

            // Without credentials the registry is read-only.
            var anonymous = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--server", server.Server);
            anonymous.ExitCode.Should().Be(2);
            anonymous.Err.Should().Contain("Unauthenticated");

            // Keys: created (printed once), used, listed without their secret, revoked, refused after.
            var created = await ServerProcess.MdgxAsync("keys", "create", "--org", "INEGI", "--role", "provider", "--name", "INEGI uploads", "--api-key", admin, "--server", server.Server);
            created.ExitCode.Should().Be(0, created.Err);
            var inegi = created.Out.Trim();
            inegi.Should().MatchRegex("^mdgx_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$");
            var listed = await ServerProcess.MdgxAsync("keys", "list", "--org", "INEGI", "--api-key", admin, "--server", server.Server);
            listed.Out.Should().Contain($"{inegi[5..21]}\tINEGI\tprovider\tactive").And.NotContain(inegi[22..]);
            (await ServerProcess.MdgxAsync("whoami", "--api-key", inegi, "--server", server.Server)).Out.Should().Contain("\tINEGI\tprovider");
            var notAdmin = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--api-key", inegi, "--server", server.Server);
            notAdmin.ExitCode.Should().Be(2);
            notAdmin.Err.Should().Contain("PermissionDenied").And.Contain("admin");
            var revoked = await ServerProcess.MdgxAsync("keys", "revoke", inegi[5..21], "--api-key", admin, "--server", server.Server);
            revoked.Out.Should().Contain("revoked");
            var afterRevoke = await ServerProcess.MdgxAsync("whoami", "--api-key", inegi, "--server", server.Server);
            afterRevoke.ExitCode.Should().Be(2);
            afterRevoke.Err.Should().Contain("Unauthenticated").And.Contain("revoked");

            var import = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--api-key", admin, "--server", server.Server);
            import.ExitCode.Should().Be(0, import.Err);
            import.Out.Should().Contain("created     codelist TEST:CL_REGION(1.0)").And.Contain("applied: 4 created");

            var codes = await ServerProcess.MdgxAsync("structures", "show", "TEST:CL_REGION", "--lang", "es", "--server", server.Server);
            codes.Out.Should().Contain("Codes (3):").And.Contain("Provincia de Córdoba  (parent AR)");

            var dangling = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "dangling_reference.xml"), "--api-key", admin, "--server", server.Server);
            dangling.ExitCode.Should().Be(2);
            dangling.Out.Should().Contain("TEST:CL_MISSING(1.0)").And.Contain("not applied");

            var garbage = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "not_xml.txt"), "--api-key", admin, "--server", server.Server);
            garbage.ExitCode.Should().Be(2);
            garbage.Err.Should().Contain("InvalidArgument");

            await server.KillAsync();
        }

        // A restart on the same database: nothing is seeded again, the imported structures are still there.
        await using (var restarted = await ServerProcess.StartAsync(_directory))
        {
            restarted.Output.Should().Contain("nothing to do").And.NotContain("admin API key was written");
            var again = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("registry", "test_structures.xml"), "--api-key", restarted.AdminKey, "--server", restarted.Server);
            again.ExitCode.Should().Be(0, again.Err);
            again.Out.Should().Contain("not applied: 4 unchanged");
        }

        var unreachable = await ServerProcess.MdgxAsync("structures", "list", "--server", $"http://127.0.0.1:{ServerFixture.FreePort()}");
        unreachable.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task Mdgx_pushes_files_pulls_annotates_and_lists_transfers()
    {
        await using var server = await ServerProcess.StartAsync(_directory);
        string Exchange(string name) => TestFiles.Data("exchange", name);

        var push = await ServerProcess.MdgxAsync("push", Exchange("indec_sh_dyn_mort_032.csv"), "--sender", "INDEC", "--api-key", await server.KeyAsync("INDEC", "provider"), "--server", server.Server);
        push.ExitCode.Should().Be(0, push.Err);
        push.Out.Should().Contain("1 series, 16 observations (16 inserted, 0 revised, 0 unchanged, 0 deleted)");

        var refused = await ServerProcess.MdgxAsync("push", Exchange("ibge_sh_dyn_mort_076_bad_area.csv"), "--sender", "IBGE", "--api-key", await server.KeyAsync("IBGE", "provider"), "--server", server.Server);
        refused.ExitCode.Should().Be(2);
        refused.Err.Should().Contain("line 5").And.Contain("REF_AREA").And.Contain("'BRA'").And.Contain("recorded as rejected");

        var output = Path.Combine(_directory, "pulled.csv");
        var unicef = await server.KeyAsync("UNICEF", "agency");
        var pull = await ServerProcess.MdgxAsync("pull", "--flow", "MDGX:DF_SDG(1.0)", "--key", "A..SH_DYN_MORT" + new string('.', 12), "--start", "2010", "--out", output, "--org", "UNICEF", "--api-key", unicef, "--server", server.Server);
        pull.ExitCode.Should().Be(0, pull.Err);
        pull.Out.Should().Contain("pulled 1 series, 6 observations");
        var lines = File.ReadAllLines(output);
        lines[0].Should().StartWith("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REPORTING_TYPE,SERIES,REF_AREA");
        lines.Skip(1).Should().HaveCount(6).And.OnlyContain(l => l.Contains(",32,") && l.Contains("PER_1000_LIVE_BIRTHS"));
        lines.Should().Contain(l => l.Contains(",2015,12.5,"));

        var key = "A.N.SH_DYN_MORT.32._T.Y0T4" + string.Concat(Enumerable.Repeat("._T", 9));
        var annotate = await ServerProcess.MdgxAsync("annotate", "--flow", "MDGX:DF_SDG(1.0)", "--key", key, "--period", "2014", "--type", "question", "--text", "¿Fuente del dato 2014?", "--lang", "es", "--api-key", unicef, "--server", server.Server);
        annotate.ExitCode.Should().Be(0, annotate.Err);

        var coordinator = await server.KeyAsync("CEPAL", "coordinator");
        var transfers = await ServerProcess.MdgxAsync("transfers", "list", "--kind", "push", "--api-key", coordinator, "--server", server.Server);
        transfers.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
        transfers.Out.Should().Contain("completed\tINDEC").And.Contain("rejected\tIBGE");
        var rejectedId = transfers.Out.Split('\n').Single(l => l.Contains("rejected")).Split('\t')[0];
        var show = await ServerProcess.MdgxAsync("transfers", "show", rejectedId, "--api-key", coordinator, "--server", server.Server);
        show.Out.Should().Contain("format:").And.Contain("sdmx-csv-2.0").And.Contain("BRA");
    }

    [Fact]
    public async Task Every_file_of_the_malformed_corpus_is_refused_recorded_and_the_server_stays_healthy()
    {
        await using var server = await ServerProcess.StartAsync(_directory);
        var corpus = Directory.GetFiles(TestFiles.Data("sdmx-data")).Order(StringComparer.Ordinal).ToList();
        corpus.Should().HaveCountGreaterThan(5);

        var ibge = await server.KeyAsync("IBGE", "provider");
        foreach (var file in corpus)
        {
            var push = await ServerProcess.MdgxAsync("push", file, "--flow", "MDGX:DF_SDG(1.0)", "--sender", "IBGE", "--api-key", ibge, "--server", server.Server);
            push.ExitCode.Should().Be(2, $"{Path.GetFileName(file)} must be refused: {push.Out}{push.Err}");
            push.Err.Should().Contain("refused").And.Contain("recorded as rejected", Path.GetFileName(file));
        }

        var rejected = await ServerProcess.MdgxAsync("transfers", "list", "--outcome", "rejected", "--limit", "1000", "--api-key", ibge, "--server", server.Server);
        rejected.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(corpus.Count);
        var nothing = await ServerProcess.MdgxAsync("pull", "--flow", "MDGX:DF_SDG(1.0)", "--server", server.Server);
        nothing.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("only the header: nothing of any refused file was stored");
        using var http = new HttpClient();
        (await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.HttpPort}/healthz"))).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_real_Kenya_file_imports_against_the_SDG_DSD_through_a_national_dataflow_and_comes_back_identical()
    {
        await using var server = await ServerProcess.StartAsync(_directory);
        var kenya = TestFiles.Dataset("sdmx", "KE1_SDG_StructureSpecific_SDMX2.1.xml");

        // The file names the national DSD KE1:SDG(1.0), which is not published: without a dataflow it cannot go anywhere.
        var noFlow = await ServerProcess.MdgxAsync("push", kenya, "--server", server.Server);
        noFlow.ExitCode.Should().Be(1);
        noFlow.Err.Should().Contain("KE1:SDG(1.0)").And.Contain("--flow");

        // On the global dataflow its national codes are refused, each named with its line.
        var knbs = await server.KeyAsync("KNBS", "provider");
        var global = await ServerProcess.MdgxAsync("push", kenya, "--flow", "MDGX:DF_SDG(1.0)", "--structure", "IAEG-SDGs:SDG(1.0)", "--sender", "KNBS", "--api-key", knbs, "--server", server.Server);
        global.ExitCode.Should().Be(2);
        global.Err.Should().Contain("'KE_NBO' is not a code of IAEG-SDGs:CL_AREA(1.0)").And.Contain("'_L_KE_110101_01' is not a code of IAEG-SDGs:CL_SERIES(1.0)");

        var extensions = await ServerProcess.MdgxAsync("structures", "import", TestFiles.Data("exchange", "ke1_national_extensions.xml"), "--api-key", server.AdminKey, "--server", server.Server);
        extensions.ExitCode.Should().Be(0, extensions.Out + extensions.Err);
        var agreement = Path.Combine(_directory, "knbs_agreement.xml");
        await File.WriteAllBytesAsync(agreement, ProvisionAgreementFile.For("KNBS", "KE1:DF_SDG_KE(1.0)"));
        var registered = await ServerProcess.MdgxAsync("structures", "import", agreement, "--api-key", server.AdminKey, "--server", server.Server);
        registered.ExitCode.Should().Be(0, registered.Out + registered.Err);
        var push = await ServerProcess.MdgxAsync("push", kenya, "--flow", "KE1:DF_SDG_KE(1.0)", "--sender", "KNBS", "--api-key", knbs, "--server", server.Server);
        push.ExitCode.Should().Be(0, push.Err);

        using var dsdFile = File.OpenRead(TestFiles.SdgDsd);
        var dsd = MdgExchange.Sdmx.Ml.StructureReader.Read(dsdFile).Artefacts.OfType<MdgExchange.Domain.Structure.DataStructureDefinition>().Single();
        using var file = File.OpenRead(kenya);
        using var reader = MdgExchange.Sdmx.Data.DataReaderFactory.Open(file);
        var expected = reader.ReadSeries(dsd).ToList();
        push.Out.Should().Contain($"{expected.Count} series, {expected.Sum(s => s.Observations.Count)} observations");

        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(server.Server);
        var pulled = await new MdgExchange.Protos.V1.DataExchangeService.DataExchangeServiceClient(channel)
            .PullAllAsync(new MdgExchange.Protos.V1.PullSeriesRequest { Dataflow = "KE1:DF_SDG_KE(1.0)" });
        pulled.Sum(p => p.Observations.Count).Should().Be(expected.Sum(s => s.Observations.Count));
        foreach (var original in expected)
        {
            var back = pulled.Single(p => p.Key.Count == original.Key.Count && original.Key.All(k => p.Key[k.Key] == k.Value));
            back.Attributes.Should().BeEquivalentTo(original.Attributes);
            back.Observations.Select(o => (o.TimePeriod, o.ObsValue, o.Attributes.GetValueOrDefault("NATURE"), o.Attributes.Count)).Should().BeEquivalentTo(
                original.Observations.Select(o => (o.TimePeriod, o.Value!.Value, o.Attributes.GetValueOrDefault("NATURE"), o.Attributes.Count)));
            back.Observations.Select(o => o.Attributes).Should().BeEquivalentTo(original.Observations.Select(o => o.Attributes));
        }
    }

    [Fact]
    public async Task Every_mdgx_command_has_help()
    {
        foreach (var command in new[] { Array.Empty<string>(), ["structures"], ["structures", "import"], ["structures", "list"], ["structures", "show"], ["structures", "delete"], ["push"], ["pull"], ["annotate"], ["transfers", "list"], ["transfers", "show"], ["keys"], ["keys", "create"], ["keys", "list"], ["keys", "revoke"], ["whoami"] })
        {
            var help = await ServerProcess.MdgxAsync([.. command, "--help"]);
            help.ExitCode.Should().Be(0);
            help.Out.Should().Contain("Usage:").And.Contain("--server");
        }
    }

    [Fact]
    public async Task Mdgx_submits_shows_compares_and_exports_indicator_metadata()
    {
        await using var server = await ServerProcess.StartAsync(_directory);
        var unicef = await server.KeyAsync("UNICEF", "agency");
        var inegi = await server.KeyAsync("INEGI", "provider");

        var international = await ServerProcess.MdgxAsync("metadata", "submit", TestFiles.Data("metadata", "unicef_3-2-1.csv"), "--api-key", unicef, "--server", server.Server);
        international.ExitCode.Should().Be(0, international.Err);
        international.Out.Should().Be("created\tUNICEF:SDG_3_2_1\tv1\t3.2.1\t-\n");
        var national = await ServerProcess.MdgxAsync("metadata", "submit", TestFiles.Data("metadata", "inegi_3-2-1_484.csv"), "--api-key", inegi, "--server", server.Server);
        national.ExitCode.Should().Be(0, national.Err);
        var page = await ServerProcess.MdgxAsync("metadata", "submit", TestFiles.Dataset("metadata", "tajstat_national_meta_3-2-1.md"), "--area", "484", "--api-key", inegi, "--server", server.Server);
        page.ExitCode.Should().Be(0, page.Err);
        page.Out.Should().StartWith("updated\tINEGI:SDG_3_2_1_484\tv2");
        page.Err.Should().Contain("warning: Open SDG fields with no metadata concept were not kept");

        var show = await ServerProcess.MdgxAsync("metadata", "show", "--indicator", "3.2.1", "--area", "484", "--history", "--api-key", unicef, "--server", server.Server);
        show.ExitCode.Should().Be(0, show.Err);
        show.Out.Should().Contain("INEGI:SDG_3_2_1_484 v1 (N) indicator 3.2.1 area 484").And.Contain("INEGI:SDG_3_2_1_484 v2 (N)");
        show.Out.Should().Contain("  STAT_CONC_DEF (Definition, concepts and classifications) [en]: The probability of a child born");

        var compare = await ServerProcess.MdgxAsync("metadata", "compare", "--indicator", "3.2.1", "--area", "484", "--api-key", unicef, "--server", server.Server);
        compare.ExitCode.Should().Be(0, compare.Err);
        compare.Out.Should().Contain("INEGI:SDG_3_2_1_484 v2 (N)  vs  UNICEF:SDG_3_2_1 v1 (G)");
        compare.Out.Should().MatchRegex(@"DIFFERENT\s+STAT_CONC_DEF \(Definition, concepts and classifications\)");
        compare.Out.Should().MatchRegex(@"missing national\s+ADJUSTMENT");

        var csv = Path.Combine(_directory, "metadata.csv");
        var export = await ServerProcess.MdgxAsync("metadata", "export", "--out", csv, "--indicator", "3.2.1", "--api-key", unicef, "--server", server.Server);
        export.ExitCode.Should().Be(0, export.Err);
        File.ReadAllText(csv).Should().StartWith("MDSTRUCTURE[;],MDSTRUCTURE_ID,METADATASET_ID").And.Contain("\"INEGI:SDG_3_2_1_484(2.0)\"").And.Contain("\"UNICEF:SDG_3_2_1(1.0)\"");

        var bad = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(bad, "MDSTRUCTURE,MDSTRUCTURE_ID,METADATASET_ID,TARGET_TYPES,TARGET_IDS,DEFINITION[en]\nmetadataflow,MDGX:MDF_SDG(1.0),UNICEF:X,code,MDGX:CL_FRAMEWORK_SDG(1.0).3-2-1,en:x\n");
        var refused = await ServerProcess.MdgxAsync("metadata", "submit", bad, "--api-key", unicef, "--server", server.Server);
        refused.ExitCode.Should().Be(2);
        refused.Err.Should().Contain("row[2].DEFINITION[en]: 'DEFINITION' is not a metadata attribute of IAEG-SDGs:SDG_MSD(1.0)");
    }
}
