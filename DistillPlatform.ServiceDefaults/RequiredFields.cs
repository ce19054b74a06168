using System.Reflection;
using System.Text.Json;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Finds the fields a message's JSON leaves out although its record type requires them. System.Text.Json fills a
/// missing field with null or zero without complaint, so a hand-written command without "corpus" would reach the
/// consumer as <c>Corpus = null</c> and fail deep inside it with a NullReferenceException. A field is required when its
/// constructor parameter has no default value and cannot be null (a non-nullable reference, or a value type that is
/// not <see cref="Nullable{T}"/>); an explicit JSON null counts as missing for a non-nullable one. Records of the
/// platform's own contracts are checked field by field, recursively; collections and framework types are not.
/// </summary>
public static class RequiredFields
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>JSON paths (camelCase, as MassTransit writes them, e.g. "corpus.manifestName") of the missing fields.</summary>
    public static IReadOnlyList<string> FindMissing(Type messageType, JsonElement message)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        var missing = new List<string>();
        Check(messageType, message, "", missing);
        return missing;
    }

    private static void Check(Type type, JsonElement json, string path, List<string> missing)
    {
        if (json.ValueKind != JsonValueKind.Object || PrimaryConstructorOf(type) is not { } constructor) return;

        foreach (ParameterInfo parameter in constructor.GetParameters())
        {
            string name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            string fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            bool present = TryGetPropertyIgnoringCase(json, parameter.Name!, out JsonElement value);
            bool isNull = !present || value.ValueKind == JsonValueKind.Null;

            if (!present && parameter.HasDefaultValue) continue;
            if (isNull)
            {
                if (!CanBeNull(parameter)) missing.Add(fieldPath);
                continue;
            }
            Check(parameter.ParameterType, value, fieldPath, missing);
        }
    }

    /// <summary>The constructor System.Text.Json binds a record with: the public one with the most parameters.</summary>
    private static ConstructorInfo? PrimaryConstructorOf(Type type)
    {
        if (type.Namespace?.StartsWith("DistillPlatform", StringComparison.Ordinal) != true || type.IsEnum || type.IsInterface) return null;
        return type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length);
    }

    private static bool CanBeNull(ParameterInfo parameter) => parameter.ParameterType.IsValueType
        ? Nullable.GetUnderlyingType(parameter.ParameterType) is not null
        : Nullability.Create(parameter).WriteState != NullabilityState.NotNull;

    /// <summary>MassTransit reads property names case-insensitively, so "RequestId" and "requestId" both count.</summary>
    private static bool TryGetPropertyIgnoringCase(JsonElement json, string name, out JsonElement value)
    {
        foreach (JsonProperty property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
