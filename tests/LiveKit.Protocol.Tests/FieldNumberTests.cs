using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf.Reflection;
using LiveKit.Proto;
using Xunit;

namespace LiveKit.Protocol.Tests;

public class FieldNumberTests
{
    private static readonly TypeRegistry Registry = TypeRegistry.FromFiles(
        LivekitModelsReflection.Descriptor, LivekitRtcReflection.Descriptor, LivekitRoomReflection.Descriptor,
        LivekitMetricsReflection.Descriptor);

    public static TheoryData<string> Messages() => new(WireContract.Fields.Keys);

    public static TheoryData<string> Enums() => new(WireContract.EnumValues.Keys);

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_listed_field_has_its_upstream_number_name_and_type(string message)
    {
        MessageDescriptor? descriptor = Registry.Find("livekit." + message);
        Assert.NotNull(descriptor);

        var mismatches = new List<string>();
        foreach (string entry in WireContract.Fields[message].Split(", "))
        {
            string[] parts = entry.Split(' ');
            int number = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            string[] nameAndType = parts[1].Split(':');
            FieldDescriptor? field = descriptor!.FindFieldByNumber(number);
            if (field is null)
            {
                mismatches.Add($"#{number} {nameAndType[0]} is missing");
                continue;
            }

            if (field.Name != nameAndType[0])
            {
                mismatches.Add($"#{number} is named {field.Name}, expected {nameAndType[0]}");
            }

            if (nameAndType.Length == 2 && ProtoTypeName(field.FieldType) != nameAndType[1])
            {
                mismatches.Add($"#{number} {field.Name} is {ProtoTypeName(field.FieldType)}, expected {nameAndType[1]}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void Every_listed_enum_value_has_its_upstream_number(string enumName)
    {
        EnumDescriptor? descriptor = FindEnum(enumName);
        Assert.NotNull(descriptor);

        var mismatches = new List<string>();
        foreach (string entry in WireContract.EnumValues[enumName].Split(", "))
        {
            string[] parts = entry.Split(' ');
            EnumValueDescriptor? value = descriptor!.FindValueByName(parts[0]);
            int expected = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            if (value is null)
            {
                mismatches.Add($"{parts[0]} is missing");
            }
            else if (value.Number != expected)
            {
                mismatches.Add($"{parts[0]} is {value.Number}, expected {expected}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Signal_oneofs_hold_every_listed_member()
    {
        // A member outside the oneof would still parse, but MessageCase would not report it.
        Assert.Equal(17, SignalRequest.Descriptor.Oneofs.Single().Fields.Count);
        Assert.Equal(25, SignalResponse.Descriptor.Oneofs.Single().Fields.Count);
        Assert.Equal(13, DataPacket.Descriptor.Oneofs.Single(o => o.Name == "value").Fields.Count);
    }

    [Fact]
    public void Messages_keep_upstream_full_names()
    {
        // Twirp paths and google.protobuf.Any type URLs use these names.
        Assert.Equal("livekit.SignalRequest", SignalRequest.Descriptor.FullName);
        Assert.Equal("livekit.DataStream.Header", DataStream.Types.Header.Descriptor.FullName);
        Assert.Equal("livekit.RoomService", LivekitRoomReflection.Descriptor.Services.Single().FullName);
        Assert.Equal(
            new[] { "CreateRoom", "ListRooms", "DeleteRoom", "ListParticipants", "GetParticipant", "RemoveParticipant",
                "MutePublishedTrack", "UpdateParticipant", "UpdateSubscriptions", "SendData", "UpdateRoomMetadata",
                "ForwardParticipant", "MoveParticipant", "PerformRpc" },
            LivekitRoomReflection.Descriptor.Services.Single().Methods.Select(m => m.Name));
    }

    private static EnumDescriptor? FindEnum(string name)
    {
        int dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return new[] { LivekitModelsReflection.Descriptor, LivekitRtcReflection.Descriptor }
                .SelectMany(f => f.EnumTypes).FirstOrDefault(e => e.Name == name);
        }

        MessageDescriptor? parent = Registry.Find("livekit." + name[..dot]);
        return parent?.EnumTypes.FirstOrDefault(e => e.Name == name[(dot + 1)..]);
    }

    private static string ProtoTypeName(FieldType type) => type switch
    {
        FieldType.Double => "double",
        FieldType.Float => "float",
        FieldType.Int64 => "int64",
        FieldType.UInt64 => "uint64",
        FieldType.Int32 => "int32",
        FieldType.UInt32 => "uint32",
        FieldType.Bool => "bool",
        FieldType.String => "string",
        FieldType.Bytes => "bytes",
        _ => type.ToString(),
    };
}
