using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillPlatform.Cli.Configuration;

namespace DistillPlatform.Cli.Messages;

/// <summary>
/// Turns a JSON document into a typed contract message. The type comes from the document's <c>"$type"</c> field or from
/// the caller (an explicit type wins only when the document names none or the same one). The document is read strictly
/// (<see cref="ContractJson"/>), and a failure names the offending field and lists the record's fields.
/// </summary>
public static class MessageJsonReader
{
    public const string TypeField = "$type";

    public static ReadMessage Read(string json, string source, string? explicitType)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json, ContractJson.NodeOptions, ContractJson.DocumentOptions) as JsonObject
                       ?? throw new MessageValidationException($"{source} must hold one JSON object (the message's fields).");
        }
        catch (JsonException error)
        {
            throw new MessageValidationException($"{source} is not valid JSON: {error.Message}", error);
        }

        var declaredType = document[TypeField] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => throw new MessageValidationException($"{source}: \"{TypeField}\" must be a string naming the message type."),
        };
        document.Remove(TypeField);

        var typeName = (declaredType, explicitType) switch
        {
            (null, null) => throw new MessageValidationException(
                $"{source} does not say which message it is: add \"{TypeField}\": \"NAME\" or pass --type NAME. "
                + $"Known commands: {string.Join(", ", MessageCatalog.Commands.Select(c => c.Name))}."),
            (null, { } given) => given,
            ({ } declared, null) => declared,
            ({ } declared, { } given) when MessageCatalog.Find(declared) == MessageCatalog.Find(given) => declared,
            ({ } declared, { } given) => throw new MessageValidationException(
                $"{source} declares \"{TypeField}\": \"{declared}\" but --type says {given}; remove one of them."),
        };

        var type = MessageCatalog.Find(typeName);
        try
        {
            var message = document.Deserialize(type.ClrType, ContractJson.Options)
                          ?? throw new MessageValidationException($"{source} holds no {type.Name}.");
            return new ReadMessage(type, message);
        }
        catch (JsonException error)
        {
            throw new MessageValidationException(
                $"{source} is not a valid {type.Name}: {error.Message}\n{type.Name} fields: {DescribeFields(type.ClrType)}.", error);
        }
    }

    /// <summary>"requestId (Guid), featureSetId (string), poolId (string or null), seed (int, optional), ...".</summary>
    public static string DescribeFields(Type recordType)
    {
        var constructor = recordType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var nullability = new NullabilityInfoContext();
        return string.Join(", ", constructor.GetParameters().Select(parameter =>
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var nullable = nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            var typeName = FriendlyName(Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType);
            var optional = parameter.HasDefaultValue ? ", optional" : "";
            return $"{name} ({typeName}{(nullable ? " or null" : "")}{optional})";
        }));
    }

    private static string FriendlyName(Type type)
    {
        if (type == typeof(string)) return "string";
        if (type == typeof(int)) return "int";
        if (type == typeof(long)) return "long";
        if (type == typeof(double)) return "number";
        if (type == typeof(bool)) return "bool";
        if (type.IsEnum) return string.Join("|", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));
        if (!type.IsGenericType) return type.Name;
        var arguments = string.Join(", ", type.GetGenericArguments().Select(FriendlyName));
        return type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? $"[{arguments}]" : $"{type.Name[..type.Name.IndexOf('`')]}<{arguments}>";
    }
}

/// <summary>A message read from JSON, with the catalog entry that says where it goes.</summary>
public sealed record ReadMessage(CommandMessageType Type, object Message);
