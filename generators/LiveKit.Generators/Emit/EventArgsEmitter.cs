using LiveKit.Generators.Model;

namespace LiveKit.Generators.Emit;

/// <summary>
/// Emits one <c>readonly record struct XEventArgs</c> per event: the record handler shape's single parameter. A struct,
/// so raising an event allocates nothing whichever shape the handler has.
/// </summary>
internal static class EventArgsEmitter
{
    public static GeneratedFile Emit(EventSchema schema)
    {
        var writer = new CodeWriter();
        writer.FileHeader(schema.Namespace);

        var first = true;
        foreach (var model in schema.Events)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            XmlDoc.Element(writer, "summary", XmlDoc.Escape(model.Doc));
            if (model.Arguments.IsEmpty)
            {
                XmlDoc.Element(writer, "remarks", $"The <c>{XmlDoc.Escape(model.PythonName)}</c> event has no arguments.");
                writer.Line($"public readonly record struct {model.ArgsTypeName};");
                continue;
            }

            foreach (var argument in model.Arguments)
            {
                XmlDoc.Element(writer, $"param name=\"{argument.PropertyName}\"", XmlDoc.Escape(argument.Doc));
            }

            writer.Line($"public readonly record struct {model.ArgsTypeName}(");
            writer.Indent();
            for (var i = 0; i < model.Arguments.Count; i++)
            {
                var argument = model.Arguments[i];
                var end = i == model.Arguments.Count - 1 ? ");" : ",";
                writer.Line($"{argument.TypeName} {argument.PropertyName}{end}");
            }

            writer.Unindent();
        }

        return new GeneratedFile($"{schema.EmitterFullName}.EventArgs.g.cs", writer.ToString());
    }
}
