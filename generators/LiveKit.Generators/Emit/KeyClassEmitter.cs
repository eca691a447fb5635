using LiveKit.Generators.Model;

namespace LiveKit.Generators.Emit;

/// <summary>
/// Emits the key class (<c>RoomEvent</c>): per event a static property and its own key struct. The distinct struct
/// type per event is what lets overload resolution pick only that event's handler shapes.
/// </summary>
internal static class KeyClassEmitter
{
    public static GeneratedFile Emit(EventSchema schema)
    {
        var writer = new CodeWriter();
        writer.FileHeader(schema.Namespace);
        XmlDoc.Element(writer, "summary",
            $"The events of <see cref=\"{Names.Emitter(schema)}\"/>. Pass one to its <c>On</c>, <c>Once</c> or <c>Off</c> methods: the key's type selects the handler shapes the event accepts.");
        writer.Line($"public static partial class {schema.KeyClassName}");
        writer.OpenBlock();

        var first = true;
        foreach (var model in schema.Events)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Element(writer, "summary", XmlDoc.Escape(model.Doc));
            writer.Line($"public static {Names.KeyType(schema, model)} {model.Name} => default;");
            writer.Line();
            XmlDoc.Element(writer, "summary",
                $"The key of the <c>{XmlDoc.Escape(model.PythonName)}</c> event. Its type selects the handler shapes of <c>On</c>, <c>Once</c> and <c>Off</c>.");
            writer.Line($"public readonly struct {model.KeyTypeName}");
            writer.OpenBlock();
            XmlDoc.Element(writer, "summary", "The event's name in the LiveKit Python SDK.");
            writer.Line($"public const string Name = {XmlDoc.StringLiteral(model.PythonName)};");
            writer.Line();
            writer.Line("/// <inheritdoc/>");
            writer.Line("public override string ToString() => Name;");
            writer.CloseBlock();
        }

        writer.CloseBlock();
        return new GeneratedFile($"{schema.EmitterFullName}.{schema.KeyClassName}.g.cs", writer.ToString());
    }
}
