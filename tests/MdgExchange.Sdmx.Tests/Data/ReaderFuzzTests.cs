using CsCheck;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// The data readers on random and mutated input: real files (Kenya's structure-specific message, the SDG build
/// samples, SDMX-CSV 1.0 and 2.0 written from Kenya's series) and the malformed corpus, with bytes flipped,
/// inserted, deleted, duplicated and cut. Every input either reads (bad values reported in the series) or is
/// refused with an <see cref="SdmxFormatException"/>; nothing else escapes and nothing hangs.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly Lazy<byte[][]> Seeds = new(() =>
    {
        var kenya = File.ReadAllBytes(SdmxTestFiles.Dataset(Kenya));
        var series = ReadBytes(kenya).Series.Take(6).ToList();
        return
        [
            kenya,
            File.ReadAllBytes(SdmxTestFiles.Dataset(SdgBuildGeneric)),
            File.ReadAllBytes(SdmxTestFiles.Dataset(SdgBuildStructureSpecific)),
            Write(DataFormat.SdmxCsv10, series),
            Write(DataFormat.SdmxCsv20, series),
            .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "sdmx-data")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
        ];
    });

    private enum Mutation
    {
        Flip,
        Insert,
        Delete,
        Duplicate,
        Cut,
    }

    private static readonly Gen<(Mutation Kind, double At, byte Value, int Length)> Mutations =
        Gen.Select(Gen.Enum<Mutation>(), Gen.Double[0, 1], Gen.Byte, Gen.Int[1, 64]);

    private static byte[] Apply(byte[] input, IEnumerable<(Mutation Kind, double At, byte Value, int Length)> mutations)
    {
        var bytes = input.ToList();
        foreach (var (kind, at, value, length) in mutations)
        {
            var position = Math.Min(bytes.Count, (int)(at * bytes.Count));
            var span = Math.Min(length, bytes.Count - position);
            switch (kind)
            {
                case Mutation.Flip when position < bytes.Count:
                    bytes[position] ^= (byte)(value | 1);
                    break;
                case Mutation.Insert:
                    bytes.InsertRange(position, Enumerable.Repeat(value, length));
                    break;
                case Mutation.Delete:
                    bytes.RemoveRange(position, span);
                    break;
                case Mutation.Duplicate:
                    bytes.InsertRange(position, bytes.GetRange(position, span));
                    break;
                case Mutation.Cut:
                    bytes.RemoveRange(position, bytes.Count - position);
                    break;
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public void Mutated_real_messages_are_read_or_refused_with_an_SdmxFormatException()
    {
        Gen.Select(Gen.Int[0, Seeds.Value.Length - 1], Mutations.Array[1, 6]).Sample((seed, mutations) =>
        {
            var input = Apply(Seeds.Value[seed], mutations);
            ReadsOrRefuses(input);
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void A_mutation_that_garbles_the_declared_encoding_is_refused_as_not_well_formed()
    {
        // Found by the fuzzer (this seed reproduces it): .NET's XML reader threw ArgumentOutOfRangeException while
        // switching to a corrupt declared encoding; it is now an SdmxFormatException like any malformed document.
        Gen.Select(Gen.Int[0, Seeds.Value.Length - 1], Mutations.Array[1, 6]).Sample((seed, mutations) => ReadsOrRefuses(Apply(Seeds.Value[seed], mutations)), iter: 1, seed: "5yTfn2ltDz31");
    }

    [Fact]
    public void Random_bytes_and_random_text_are_refused_or_read_never_crash()
    {
        Gen.OneOf(Gen.Byte.Array[0, 2_000], Gen.String[0, 2_000].Select(System.Text.Encoding.UTF8.GetBytes),
                Gen.String[0, 300].Select(s => System.Text.Encoding.UTF8.GetBytes("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,TIME_PERIOD,OBS_VALUE\n" + s)),
                Gen.String[0, 300].Select(s => System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><message:StructureSpecificData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">" + s)))
            .Sample(ReadsOrRefuses, iter: 1_000, threads: 1);
    }

    [Theory]
    [InlineData("STRUCTURE STRUCTURE_ID,ACTION,FREQ\n")]
    [InlineData("DATAFLOW\u00a0FREQ,TIME_PERIOD\n")]
    [InlineData("STRUCTUREXSTRUCTURE_ID\n")]
    public void A_header_whose_first_column_is_not_followed_by_a_delimiter_is_refused(string text)
    {
        // Found by the fuzzer: a space after the first column reached the CSV library as the delimiter.
        FluentActions.Invoking(() => ReadText(text)).Should().Throw<SdmxFormatException>().WithMessage("*cannot be the delimiter*");
    }

    private static void ReadsOrRefuses(byte[] input)
    {
        var read = Task.Run(() =>
        {
            try
            {
                ReadBytes(input);
            }
            catch (SdmxFormatException)
            {
                // refused, with the rule: what malformed input must get
            }
        });
        read.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue("a reader must not hang on any input");
    }
}
