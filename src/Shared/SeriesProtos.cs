using MdgExchange.Protos.V1;

namespace MdgExchange.Shared;

/// <summary>
/// A series read from an SDMX file as the protobuf of a push batch, with the reader's locations and problems, so
/// the server reports them. Compiled into the CLI (push) and the server (SDMX REST data import), which generate
/// the protobuf types each for itself.
/// </summary>
internal static class SeriesProtos
{
    public static SeriesData ToProto(Domain.Data.Series series)
    {
        var proto = new SeriesData { Key = { series.Key }, Attributes = { series.Attributes }, Location = series.Location ?? "" };
        if (series.Action is { } action)
        {
            proto.Action = Domain.Data.DataActions.Code(action);
        }

        for (var i = 0; i < series.Observations.Count; i++)
        {
            var o = series.Observations[i];
            var observation = new ObservationData { TimePeriod = o.TimePeriod, Attributes = { o.Attributes } };
            if (o.Value is { } value)
            {
                observation.ObsValue = value;
            }

            if (o.RawValue is { } raw)
            {
                observation.ObsValueText = raw;
            }

            if (series.ObservationLocations is { } locations && i < locations.Count)
            {
                observation.Location = locations[i];
            }

            proto.Observations.Add(observation);
        }

        foreach (var error in series.Errors ?? [])
        {
            proto.ReadProblems.Add(new ReadProblem { Location = error.Location, Component = error.Component ?? "", Message = error.Message });
        }

        return proto;
    }
}
