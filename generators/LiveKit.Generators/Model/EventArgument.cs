using LiveKit.Generators.Common;

namespace LiveKit.Generators.Model;

/// <summary>One argument of an event: a field of the event's message.</summary>
/// <param name="ProtoName">The field's name in the schema, e.g. <c>track_sid</c>.</param>
/// <param name="PropertyName">The args record's property, e.g. <c>TrackSid</c>.</param>
/// <param name="ParameterName">The parameter name, escaped when it is a C# keyword, e.g. <c>trackSid</c>, <c>@string</c>.</param>
/// <param name="TypeName">The C# type, fully qualified with <c>global::</c>, e.g. <c>global::LiveKit.Rtc.Track?</c>.</param>
/// <param name="Doc">The field's doc comment, lines separated by '\n'.</param>
/// <param name="Location">Where the field's name is.</param>
internal sealed record EventArgument(
    string ProtoName,
    string PropertyName,
    string ParameterName,
    string TypeName,
    string Doc,
    SchemaLocation Location);
