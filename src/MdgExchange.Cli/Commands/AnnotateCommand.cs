using System.CommandLine;
using MdgExchange.Protos.V1;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx annotate</c>: a typed note on a series or one observation.</summary>
public static class AnnotateCommand
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var flow = new Option<string>("--flow") { Description = "The dataflow, AGENCY:ID(VERSION).", Required = true };
        var key = new Option<string>("--key") { Description = "The full series key, e.g. A.N.SH_DYN_MORT.484._T._T._T._T._T._T._T._T._T._T._T.", Required = true };
        var period = new Option<string?>("--period") { Description = "Annotate this observation rather than the whole series." };
        var type = new Option<string>("--type") { Description = "footnote, adjustment, estimate, imputation, explanation, question (consultation question) or answer (consultation answer).", Required = true };
        var text = new Option<string>("--text") { Description = "The text of the note.", Required = true };
        var lang = new Option<string>("--lang") { Description = "The language of the text.", DefaultValueFactory = _ => "en" };
        var organisation = new Option<string?>("--org") { Description = "The annotating organisation (default: the organisation of your key or token)." };
        var proposed = new Option<double?>("--proposed-value") { Description = "A value the annotator proposes instead." };
        var replyTo = new Option<string?>("--reply-to") { Description = "The id of the annotation this one answers." };
        var command = new Command("annotate", "Attach a typed, language-tagged note to a series or one observation; values never change.")
        {
            flow, key, period, type, text, lang, organisation, proposed, replyTo,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            var request = new AnnotateSeriesRequest
            {
                Dataflow = parse.GetValue(flow)!,
                SeriesKey = parse.GetValue(key)!,
                TimePeriod = parse.GetValue(period) ?? "",
                Type = ParseType(parse.GetValue(type)!),
                Organisation = parse.GetValue(organisation) ?? "",
                Texts = { new LocalisedText { Lang = parse.GetValue(lang)!, Text = parse.GetValue(text)! } },
                ReplyTo = parse.GetValue(replyTo) ?? "",
            };
            if (parse.GetValue(proposed) is { } value)
            {
                request.ProposedValue = value;
            }

            using var channel = CliConsole.Channel(parse, server);
            var (dataflow, dsd) = await RegistryLookup.DataflowAsync(new StructureService.StructureServiceClient(channel), request.Dataflow, null, cancellationToken);
            SeriesKeyCheck.RequireFull(request.SeriesKey, dsd);
            request.Dataflow = dataflow;
            var response = await new DataExchangeService.DataExchangeServiceClient(channel).AnnotateSeriesAsync(request, cancellationToken: cancellationToken);
            await console.Out.WriteLineAsync($"annotation {response.AnnotationId} (transfer {response.TransferId})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static AnnotationType ParseType(string text) => text.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal) switch
    {
        "footnote" => AnnotationType.Footnote,
        "adjustment" => AnnotationType.Adjustment,
        "estimate" => AnnotationType.Estimate,
        "imputation" => AnnotationType.Imputation,
        "explanation" => AnnotationType.Explanation,
        "question" or "consultation-question" => AnnotationType.ConsultationQuestion,
        "answer" or "consultation-answer" => AnnotationType.ConsultationAnswer,
        _ => throw new CliUsageException($"unknown annotation type '{text}'; use footnote, adjustment, estimate, imputation, explanation, question or answer"),
    };
}
