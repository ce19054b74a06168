using System.Text.Json.Nodes;

namespace DistillPlatform.Cli.Configuration;

/// <summary>
/// Lays one JSON object over another: objects merge field by field (recursively), everything else (numbers, strings,
/// arrays, null) replaces the base value. Field names match case-insensitively, so a hand-written "Steps" overrides
/// the serialised "steps".
/// </summary>
public static class JsonMerge
{
    /// <summary>Returns a new object; neither input is changed.</summary>
    public static JsonObject Overlay(JsonObject baseObject, JsonObject overlay)
    {
        var result = (JsonObject)baseObject.DeepClone();
        foreach (var (name, value) in overlay)
        {
            var existingName = result.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (existingName is not null && result[existingName] is JsonObject baseChild && value is JsonObject overlayChild)
            {
                result[existingName] = Overlay(baseChild, overlayChild);
                continue;
            }

            if (existingName is not null) result.Remove(existingName);
            result[existingName ?? name] = value?.DeepClone();
        }

        return result;
    }
}
