using System.Collections.Generic;
using System.Linq;
using LiveKit.Generators.Model;

namespace LiveKit.Generators.Emit;

/// <summary>
/// Emits the emitter's partial class: per event a handler list, <c>On</c>/<c>Once</c>/<c>Off</c> in the record and
/// the positional shape, and the <c>Emit</c> overload the class raises the event with; once, the
/// <c>EventLogger</c> the class implements.
/// </summary>
internal static class EmitterClassEmitter
{
    public static GeneratedFile Emit(EventSchema schema)
    {
        var writer = new CodeWriter();
        writer.FileHeader(schema.Namespace);
        writer.Line($"partial class {schema.EmitterName}");
        writer.OpenBlock();
        XmlDoc.Element(writer, "summary",
            "Where the event handlers' exceptions are logged. The class implements this partial property; the event generator declares it.");
        writer.Line($"private partial {Names.ILogger} EventLogger {{ get; }}");

        foreach (var model in schema.Events)
        {
            writer.Line();
            writer.Line($"private readonly {Names.EventHandlerList} {model.HandlersFieldName} = new({XmlDoc.StringLiteral(model.PythonName)}, typeof({Names.ArgsHandler(schema, model)}), typeof({Names.PositionalHandler(model)}));");
            EmitRegistration(writer, schema, model, "On");
            EmitRegistration(writer, schema, model, "Once");
            EmitRegistration(writer, schema, model, "Off");
            EmitRaise(writer, schema, model);
        }

        writer.CloseBlock();
        return new GeneratedFile($"{schema.EmitterFullName}.Events.g.cs", writer.ToString());
    }

    // The two overloads (record shape, positional shape) of On, Once or Off.
    private static void EmitRegistration(CodeWriter writer, EventSchema schema, EventModel model, string kind)
    {
        foreach (var positional in new[] { false, true })
        {
            writer.Line();
            var key = $"<see cref=\"{Names.Key(schema, model)}\"/>";
            var doc = XmlDoc.Escape(XmlDoc.Continuation(model.Doc));
            var summary = kind switch
            {
                "On" => $"Runs <paramref name=\"handler\"/> every time {doc}",
                "Once" => $"Runs <paramref name=\"handler\"/> the next time {WithoutFinalPeriod(doc)}, then removes it.",
                _ => $"Removes a handler registered with <c>On</c> or <c>Once</c> for {key}: the most recent registration of this delegate that is still live.",
            };
            XmlDoc.Element(writer, "summary", summary);
            XmlDoc.Element(writer, "param name=\"event\"", $"The event: {key}.");
            XmlDoc.Element(writer, "param name=\"handler\"", HandlerDoc(schema, model, positional, kind));
            XmlDoc.Element(writer, "returns", kind == "Off"
                ? "<see langword=\"true\"/> when a handler was removed; <see langword=\"false\"/> when none matched."
                : kind == "On"
                    ? "The registration; dispose it to remove the handler."
                    : "The registration; dispose it to remove the handler before it runs.");

            writer.Line($"[{Names.EventMethodAttribute}({Names.EventMethodKind}.{kind})]");
            if (positional && model.Arguments.Count <= 1)
            {
                // Ties between the shapes go to the positional one. One argument: both shapes take one parameter,
                // so `_ => n++` fits both. No argument: `delegate { }` (no parameter list) and an overloaded method
                // group fit both Action and Action<XEventArgs>. A handler that fits one shape still picks that one.
                writer.Line($"[{Names.OverloadResolutionPriority}(1)]");
            }

            var handlerType = positional ? Names.PositionalHandler(model) : Names.ArgsHandler(schema, model);

            // Off takes a null handler and removes nothing, so a handler field that was never set needs no check.
            if (kind == "Off")
            {
                handlerType += "?";
            }

            var returnType = kind == "Off" ? "bool" : Names.EventSubscription;
            writer.Line($"public {returnType} {kind}({Names.KeyType(schema, model)} @event, {handlerType} handler) =>");
            writer.Indent();
            var form = positional ? "Positional" : "Args";
            writer.Line(kind == "Off"
                ? $"{model.HandlersFieldName}.Remove(handler);"
                : $"{model.HandlersFieldName}.Add(handler, {Names.EventHandlerForm}.{form}, once: {(kind == "Once" ? "true" : "false")});");
            writer.Unindent();
        }
    }

    private static string HandlerDoc(EventSchema schema, EventModel model, bool positional, string kind)
    {
        var verb = kind == "Off" ? "The handler to remove, as it was registered" : "The handler";
        if (!positional)
        {
            return $"{verb}; it receives the event's arguments as one <see cref=\"{Names.ArgsType(schema, model)}\"/>.";
        }

        if (model.Arguments.IsEmpty)
        {
            return $"{verb}; the event has no arguments.";
        }

        var names = model.Arguments.Select(argument => $"<c>{argument.ParameterName.TrimStart('@')}</c>").ToArray();
        return names.Length == 1
            ? $"{verb}; it receives the event's argument {names[0]}."
            : $"{verb}; it receives the event's arguments {XmlDoc.List(names)}, in this order.";
    }

    // internal void Emit(Key @event, args...): runs the handlers of a snapshot in order, each isolated from the others.
    private static void EmitRaise(CodeWriter writer, EventSchema schema, EventModel model)
    {
        // The parameters are camelCase names without underscores; the locals fall back to a suffixed name if taken.
        var taken = new HashSet<string>(model.Arguments.Select(argument => argument.ParameterName.TrimStart('@')));
        string Local(string name) => taken.Contains(name) ? name + "_" : name;
        var keyParameter = taken.Contains("event") ? "event_" : "@event";
        var handlers = Local("handlers");
        var index = Local("index");
        var registration = Local("registration");
        var exception = Local("exception");

        writer.Line();
        XmlDoc.Element(writer, "summary",
            $"Raises <see cref=\"{Names.Key(schema, model)}\"/>: runs its handlers in registration order; a handler that throws is logged and the others still run.");
        XmlDoc.Element(writer, $"param name=\"{keyParameter.TrimStart('@')}\"", "The event.");
        foreach (var argument in model.Arguments)
        {
            XmlDoc.Element(writer, $"param name=\"{argument.ParameterName.TrimStart('@')}\"", XmlDoc.Escape(argument.Doc));
        }

        var parameters = new List<string> { $"{Names.KeyType(schema, model)} {keyParameter}" };
        parameters.AddRange(model.Arguments.Select(argument => $"{argument.TypeName} {argument.ParameterName}"));
        var arguments = string.Join(", ", model.Arguments.Select(argument => argument.ParameterName));

        // One try around the loop rather than one per handler: a try inside the loop keeps the loop's locals out of
        // registers (docs/benchmarks.md). After a throw the catch reports the handler at `index` and the loop resumes
        // with the next one, so each handler stays isolated from the others (contract point 6).
        writer.Line($"internal void Emit({string.Join(", ", parameters)})");
        writer.OpenBlock();
        writer.Line($"var {handlers} = {model.HandlersFieldName}.Snapshot;");
        writer.Line($"var {index} = 0;");
        writer.Line($"while ({index} < {handlers}.Length)");
        writer.OpenBlock();
        writer.Line("try");
        writer.OpenBlock();
        writer.Line($"for (; {index} < {handlers}.Length; {index}++)");
        writer.OpenBlock();
        writer.Line($"var {registration} = {handlers}[{index}];");
        writer.Line($"if (!{registration}.TryBeginInvoke())");
        writer.OpenBlock();
        writer.Line("continue;");
        writer.CloseBlock();
        writer.Line();
        // The list checked at Add that Handler's type matches Form, so Unsafe.As can skip the cast check.
        writer.Line($"if ({registration}.Form == {Names.EventHandlerForm}.Args)");
        writer.OpenBlock();
        writer.Line($"{Names.UnsafeAs}<{Names.ArgsHandler(schema, model)}>({registration}.Handler)(new {Names.ArgsType(schema, model)}({arguments}));");
        writer.CloseBlock();
        writer.Line("else");
        writer.OpenBlock();
        writer.Line($"{Names.UnsafeAs}<{Names.PositionalHandler(model)}>({registration}.Handler)({arguments});");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.Line($"catch ({Names.Exception} {exception})");
        writer.OpenBlock();
        writer.Line($"{model.HandlersFieldName}.ReportHandlerFailure(EventLogger, {handlers}[{index}], {exception});");
        writer.Line($"{index}++;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static string WithoutFinalPeriod(string text) =>
        XmlDoc.EndsSentence(text) ? text.Substring(0, text.Length - 1) : text;
}
