using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using LiveKit.Generators.Common;
using LiveKit.Generators.Diagnostics;
using LiveKit.Generators.Proto;

namespace LiveKit.Generators.Model;

/// <summary>
/// Turns a well-formed syntax tree into the <see cref="EventSchema"/> to generate from, checking everything the
/// generated code relies on (LK0002..LK0007). An event with an error is reported and left out; a file that does not
/// bind to a class yields no schema at all.
/// </summary>
internal sealed class SchemaBuilder
{
    // Members a positional record struct already has; an argument with one of these names cannot be a property.
    private static readonly string[] RecordMemberNames =
        ["Equals", "GetHashCode", "ToString", "Deconstruct", "GetType", "PrintMembers", "MemberwiseClone"];

    // The most type arguments System.Action takes: the positional handler is an Action of all the arguments.
    private const int MaxArguments = 16;

    private readonly string _path;
    private readonly ProtoFile _file;
    private readonly string _package;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, DeclaredType> _types = new(StringComparer.Ordinal);
    private readonly List<DeclaredType> _eventTypes = new();

    private SchemaBuilder(string path, ProtoFile file)
    {
        _path = path;
        _file = file;
        _package = file.Package?.Name ?? string.Empty;
    }

    public static SchemaResult Build(string path, ProtoFile file) => new SchemaBuilder(path, file).Build();

    private SchemaResult Build()
    {
        if (_file.Syntax is { Value: not "proto3" } syntax)
        {
            Report(SchemaDiagnostics.UnsupportedConstruct, syntax.Range, $"syntax \"{syntax.Value}\"; event schemas are proto3");
        }

        var binding = ReadBinding();
        DeclareTypes(_file.Messages, _file.Enums, _package);

        var events = new List<EventModel>();
        var usedNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var usedPythonNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in _eventTypes)
        {
            var model = BuildEvent(type.Message!, type.FullName, out var pythonNameRange);
            if (model is not null
                && IsUnique(model, binding?.KeyClassName, usedNames, usedPythonNames, pythonNameRange))
            {
                events.Add(model);
            }
        }

        var schema = binding is null
            ? null
            : new EventSchema(_path, binding.Namespace, binding.EmitterName, binding.KeyClassName, events.ToEquatableArray(), binding.Location);
        return new SchemaResult(schema, _diagnostics.ToEquatableArray());
    }

    private sealed record Binding(string? Namespace, string EmitterName, string KeyClassName, SchemaLocation Location);

    // The file options `emitter` and `key_class`: both present, both valid C# names (LK0006).
    private Binding? ReadBinding()
    {
        var emitter = SchemaOptions.Find(_file.Options, SchemaOptions.Emitter, _package);
        var keyClass = SchemaOptions.Find(_file.Options, SchemaOptions.KeyClass, _package);
        var emitterOnce = IsSetOnce(_file.Options, SchemaOptions.Emitter);
        var keyClassOnce = IsSetOnce(_file.Options, SchemaOptions.KeyClass);
        var valid = emitterOnce && keyClassOnce;

        if (emitter is null)
        {
            Report(SchemaDiagnostics.InvalidBinding, FileAnchor(),
                "the file has no option (livekit.events.emitter), the full name of the partial class that raises the events");
            valid = false;
        }
        else if (emitter.Value.Kind != OptionValueKind.String || !Naming.IsQualifiedName(emitter.Value.Text))
        {
            Report(SchemaDiagnostics.InvalidBinding, emitter.Value.Range,
                $"option (livekit.events.emitter) must be a string with a class's full name, e.g. \"LiveKit.Rtc.Room\", not {Quote(emitter.Value)}");
            valid = false;
        }

        if (keyClass is null)
        {
            Report(SchemaDiagnostics.InvalidBinding, FileAnchor(),
                "the file has no option (livekit.events.key_class), the name of the static class of event keys");
            valid = false;
        }
        else if (keyClass.Value.Kind != OptionValueKind.String || !Naming.IsIdentifier(keyClass.Value.Text))
        {
            Report(SchemaDiagnostics.InvalidBinding, keyClass.Value.Range,
                $"option (livekit.events.key_class) must be a string with a simple class name, e.g. \"RoomEvent\", not {Quote(keyClass.Value)}");
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        var fullName = emitter!.Value.Text;
        var dot = fullName.LastIndexOf('.');
        var emitterName = dot < 0 ? fullName : fullName.Substring(dot + 1);
        var ns = dot < 0 ? null : fullName.Substring(0, dot);
        if (keyClass!.Value.Text == emitterName)
        {
            Report(SchemaDiagnostics.InvalidBinding, keyClass.Value.Range,
                $"the key class and the emitter are both named '{emitterName}' in the same namespace");
            return null;
        }

        return new Binding(ns, emitterName, keyClass.Value.Text, Locate(emitter.Value.Range));
    }

    // Records every message and enum by full name, and checks each message's event/clr_type options (LK0006).
    private void DeclareTypes(ImmutableArray<MessageDeclaration> messages, ImmutableArray<EnumDeclaration> enums, string scope)
    {
        foreach (var message in messages)
        {
            var fullName = Qualify(scope, message.Name);
            var type = DeclareMessage(message, fullName);
            if (type.Kind == DeclaredTypeKind.Event)
            {
                // Two events of one name are reported as LK0003 with the other event collisions.
                _eventTypes.Add(type);
                _types[fullName] = _types.TryGetValue(fullName, out var first) ? first : type;
            }
            else
            {
                Declare(type, message.NameRange);
            }

            DeclareTypes(message.Messages, message.Enums, fullName);
        }

        foreach (var declaration in enums)
        {
            var fullName = Qualify(scope, declaration.Name);
            Declare(new DeclaredType(fullName, DeclaredTypeKind.Enum, null, null), declaration.NameRange);
        }
    }

    private void Declare(DeclaredType type, SourceRange nameRange)
    {
        if (_types.ContainsKey(type.FullName))
        {
            Report(SchemaDiagnostics.InvalidBinding, nameRange, $"'{type.FullName}' is declared twice");
            return;
        }

        _types.Add(type.FullName, type);
    }

    private DeclaredType DeclareMessage(MessageDeclaration message, string fullName)
    {
        var eventOption = SchemaOptions.Find(message.Options, SchemaOptions.Event, _package);
        var clrTypeOption = SchemaOptions.Find(message.Options, SchemaOptions.ClrType, _package);
        var unbound = new DeclaredType(fullName, DeclaredTypeKind.Unbound, null, message);
        var eventOnce = IsSetOnce(message.Options, SchemaOptions.Event);
        var clrTypeOnce = IsSetOnce(message.Options, SchemaOptions.ClrType);
        if (!eventOnce || !clrTypeOnce)
        {
            return unbound;
        }

        if (eventOption is not null && clrTypeOption is not null)
        {
            Report(SchemaDiagnostics.InvalidBinding, message.NameRange,
                $"message '{message.Name}' has both (livekit.events.event) and (livekit.events.clr_type); it is either an event or a type");
            return unbound;
        }

        if (eventOption is not null)
        {
            if (eventOption.Value.Kind != OptionValueKind.String || eventOption.Value.Text.Length == 0)
            {
                Report(SchemaDiagnostics.InvalidBinding, eventOption.Value.Range,
                    $"option (livekit.events.event) must be a non-empty string with the event's Python name, e.g. \"track_subscribed\", not {Quote(eventOption.Value)}");
                return unbound;
            }

            return new DeclaredType(fullName, DeclaredTypeKind.Event, null, message);
        }

        if (clrTypeOption is not null)
        {
            if (clrTypeOption.Value.Kind != OptionValueKind.String || !Naming.IsQualifiedName(clrTypeOption.Value.Text))
            {
                Report(SchemaDiagnostics.InvalidBinding, clrTypeOption.Value.Range,
                    $"option (livekit.events.clr_type) must be a string with a C# type's full name, e.g. \"LiveKit.Rtc.Track\", not {Quote(clrTypeOption.Value)}");
                return unbound;
            }

            return new DeclaredType(fullName, DeclaredTypeKind.ClrType, "global::" + clrTypeOption.Value.Text, message);
        }

        Report(SchemaDiagnostics.InvalidBinding, message.NameRange,
            $"message '{message.Name}' is neither an event nor a type; give it option (livekit.events.event) or option (livekit.events.clr_type)");
        return unbound;
    }

    // One event message -> its model, or null (reported) when the event cannot be generated as written.
    private EventModel? BuildEvent(MessageDeclaration message, string fullName, out SourceRange pythonNameRange)
    {
        var eventOption = SchemaOptions.Find(message.Options, SchemaOptions.Event, _package)!;
        pythonNameRange = eventOption.Value.Range;
        var valid = true;

        if (!Naming.IsIdentifier(message.Name))
        {
            Report(SchemaDiagnostics.InvalidBinding, message.NameRange, $"event message name '{message.Name}' is a C# keyword");
            valid = false;
        }

        if (message.Doc is null)
        {
            Report(SchemaDiagnostics.MissingDoc, message.NameRange, "Event", message.Name);
            valid = false;
        }

        foreach (var oneof in message.Oneofs)
        {
            Report(SchemaDiagnostics.UnsupportedConstruct, oneof.NameRange,
                $"oneof '{oneof.Name}' in event '{message.Name}'; an event's arguments are all passed, declare them as plain fields");
            valid = false;
        }

        if (message.Fields.Length > MaxArguments)
        {
            Report(SchemaDiagnostics.UnsupportedConstruct, message.NameRange,
                $"event '{message.Name}' has {message.Fields.Length} arguments; at most {MaxArguments} fit a handler");
            valid = false;
        }

        var arguments = new List<EventArgument>();
        var propertyNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in message.Fields)
        {
            var argument = BuildArgument(message, fullName, field);
            if (argument is null)
            {
                valid = false;
                continue;
            }

            if (!IsUniqueArgument(message, field, argument, propertyNames))
            {
                valid = false;
                continue;
            }

            arguments.Add(argument);
        }

        return valid
            ? new EventModel(message.Name, eventOption.Value.Text, message.Doc!, arguments.ToEquatableArray(), Locate(message.NameRange))
            : null;
    }

    private EventArgument? BuildArgument(MessageDeclaration message, string scope, FieldDeclaration field)
    {
        var valid = true;
        if (field.Doc is null)
        {
            Report(SchemaDiagnostics.MissingDoc, field.NameRange, "Argument", message.Name + "." + field.Name);
            valid = false;
        }

        var propertyName = Naming.ToPascalCase(field.Name);
        if (propertyName.Length == 0)
        {
            Report(SchemaDiagnostics.UnsupportedConstruct, field.NameRange, $"field name '{field.Name}', which has no letters or digits to name a C# property");
            valid = false;
        }

        string? mapKeyType = null;
        if (field.MapKey is not null)
        {
            mapKeyType = ScalarTypes.IsValidMapKey(field.MapKey.Name) ? ScalarTypes.ToCSharp(field.MapKey.Name) : null;
            if (mapKeyType is null)
            {
                Report(SchemaDiagnostics.UnsupportedConstruct, field.MapKey.Range,
                    $"map key type '{field.MapKey.Name}' of field '{field.Name}'; a map key is an integer, bool or string scalar");
                valid = false;
            }
        }

        var type = ResolveType(field, scope);
        if (type is null || !valid)
        {
            return null;
        }

        var typeName = field.Label switch
        {
            FieldLabel.Optional => type + "?",
            FieldLabel.Repeated => $"global::System.Collections.Generic.IReadOnlyList<{type}>",
            _ when mapKeyType is not null => $"global::System.Collections.Generic.IReadOnlyDictionary<{mapKeyType}, {type}>",
            _ => type,
        };

        return new EventArgument(
            field.Name,
            propertyName,
            Naming.EscapeKeyword(Naming.ToCamelCase(field.Name)),
            typeName,
            field.Doc!,
            Locate(field.NameRange));
    }

    // The C# type of a field's (value) type: a scalar or a clr_type message (LK0002, LK0007 otherwise).
    private string? ResolveType(FieldDeclaration field, string scope)
    {
        if (ScalarTypes.ToCSharp(field.Type.Name) is { } scalar)
        {
            return scalar;
        }

        var declared = Lookup(field.Type.Name, scope);
        switch (declared?.Kind)
        {
            case DeclaredTypeKind.ClrType:
                return declared.ClrTypeName;
            case DeclaredTypeKind.Event:
                Report(SchemaDiagnostics.UnsupportedConstruct, field.Type.Range,
                    $"field '{field.Name}' has the type of event '{field.Type.Name}'; an argument's type is a scalar or a clr_type message");
                return null;
            case DeclaredTypeKind.Enum:
                Report(SchemaDiagnostics.UnsupportedConstruct, field.Type.Range,
                    $"field '{field.Name}' has the proto enum type '{field.Type.Name}'; declare a message with option (livekit.events.clr_type) naming the C# enum");
                return null;
            case DeclaredTypeKind.Unbound:
                // Its message was reported (LK0006); one error is enough.
                return null;
            default:
                Report(SchemaDiagnostics.UnknownType, field.Type.Range, field.Name, field.Type.Name);
                return null;
        }
    }

    // Proto name resolution: `.a.B` is absolute; `B` is looked up from the innermost scope outwards.
    private DeclaredType? Lookup(string name, string scope)
    {
        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return _types.TryGetValue(name.Substring(1), out var absolute) ? absolute : null;
        }

        while (true)
        {
            if (_types.TryGetValue(Qualify(scope, name), out var type))
            {
                return type;
            }

            if (scope.Length == 0)
            {
                return null;
            }

            var dot = scope.LastIndexOf('.');
            scope = dot < 0 ? string.Empty : scope.Substring(0, dot);
        }
    }

    // LK0004: two arguments with one C# name, or an argument named like a member every record struct has.
    private bool IsUniqueArgument(MessageDeclaration message, FieldDeclaration field, EventArgument argument, Dictionary<string, string> propertyNames)
    {
        if (propertyNames.TryGetValue(argument.PropertyName, out var other))
        {
            Report(SchemaDiagnostics.DuplicateArgument, field.NameRange, field.Name, message.Name, $"argument '{other}' (both are '{argument.PropertyName}' in C#)");
            return false;
        }

        if (Array.IndexOf(RecordMemberNames, argument.PropertyName) >= 0 || argument.PropertyName == message.Name + "EventArgs")
        {
            Report(SchemaDiagnostics.DuplicateArgument, field.NameRange, field.Name, message.Name, $"the member '{argument.PropertyName}' of the args record");
            return false;
        }

        propertyNames.Add(argument.PropertyName, field.Name);
        return true;
    }

    // LK0003: an event's C# names (Name, NameKey) and Python name must be unique, and must not be the key class's.
    private bool IsUnique(
        EventModel model,
        string? keyClassName,
        Dictionary<string, string> usedNames,
        Dictionary<string, string> usedPythonNames,
        SourceRange pythonNameRange)
    {
        var nameRange = ToRange(model.Location);
        foreach (var name in new[] { model.Name, model.KeyTypeName, model.HandlersFieldName })
        {
            if (name == keyClassName)
            {
                Report(SchemaDiagnostics.DuplicateEvent, nameRange, model.Name, "the key class", name);
                return false;
            }

            if (usedNames.TryGetValue(name, out var owner))
            {
                Report(SchemaDiagnostics.DuplicateEvent, nameRange, model.Name, owner, name);
                return false;
            }
        }

        if (usedPythonNames.TryGetValue(model.PythonName, out var pythonOwner))
        {
            Report(SchemaDiagnostics.DuplicateEvent, pythonNameRange, model.Name, $"event '{pythonOwner}'", model.PythonName);
            return false;
        }

        usedNames.Add(model.Name, $"event '{model.Name}'");
        usedNames.Add(model.KeyTypeName, $"the key type of event '{model.Name}'");
        usedNames.Add(model.HandlersFieldName, $"the handler list of event '{model.Name}'");
        usedPythonNames.Add(model.PythonName, model.Name);
        return true;
    }

    // False, with LK0006, when the option is set twice (protoc rejects that too).
    private bool IsSetOnce(ImmutableArray<OptionDeclaration> options, string fullName)
    {
        if (SchemaOptions.FindRepeated(options, fullName, _package) is not { } repeated)
        {
            return true;
        }

        Report(SchemaDiagnostics.InvalidBinding, repeated.NameRange, $"option ({fullName}) is set twice");
        return false;
    }

    // Where file-level diagnostics go: the package (or syntax) statement, else the start of the file.
    private SourceRange FileAnchor() =>
        _file.Package?.Range ?? _file.Syntax?.Range ?? new SourceRange(0, 0, 0, 0, 0, 0);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceRange range, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, Locate(range), arguments));

    private SchemaLocation Locate(SourceRange range) =>
        new(_path, range.Start, range.Length, range.StartLine, range.StartColumn, range.EndLine, range.EndColumn);

    private static SourceRange ToRange(SchemaLocation location) =>
        new(location.Start, location.Start + location.Length, location.StartLine, location.StartColumn, location.EndLine, location.EndColumn);

    private static string Qualify(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;

    private static string Quote(OptionValue value) =>
        value.Kind == OptionValueKind.String ? "\"" + value.Text + "\"" : value.Text;
}
