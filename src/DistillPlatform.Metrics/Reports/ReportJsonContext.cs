using System.Text.Json;
using System.Text.Json.Serialization;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Source-generated System.Text.Json metadata for the report artifacts. The options fix the wire format: camelCase
/// property names, enums as camelCase strings, and strict reading (a null where the contract has no null, or a missing
/// constructor field, is an error rather than a silently half-filled report).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(CamelCaseEnumConverter<TrainingSetKind>), typeof(CamelCaseEnumConverter<McNemarMethod>)])]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(PipelineReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>Enum values as camelCase strings ("synthetic", "exactBinomial"); numbers are rejected when reading.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
