namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Who this process is: the service name (OTEL_SERVICE_NAME, set by the AppHost) and the instance id
/// (service.instance.id in OTEL_RESOURCE_ATTRIBUTES, new for every process start).
/// </summary>
public sealed record ServiceIdentity(string Name, string InstanceId)
{
    public static ServiceIdentity FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration, string applicationName)
    {
        var name = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : applicationName;
        var instanceId = (configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == "service.instance.id")
            .Select(pair => pair[1])
            .FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        return new ServiceIdentity(name, instanceId);
    }
}
