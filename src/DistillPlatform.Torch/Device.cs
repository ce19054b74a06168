namespace DistillPlatform.Torch;

/// <summary>Device kinds; the values are libtorch's c10::DeviceType codes.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>Where a tensor lives: "cpu", "cuda" (current GPU) or "cuda:N". Index -1 means "the current device".</summary>
public sealed record Device(DeviceType Type, int Index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses PyTorch's device strings: "cpu", "cuda", "cuda:1".</summary>
    public static Device Parse(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var parts = description.Trim().ToLowerInvariant().Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"Unknown device '{description}'; expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description)),
        };
        if (parts.Length == 1)
        {
            return new Device(type);
        }

        if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0)
        {
            return new Device(type, index);
        }

        throw new ArgumentException($"Malformed device '{description}'; expected 'cpu', 'cuda' or 'cuda:N'.", nameof(description));
    }

    public static implicit operator Device(string description) => Parse(description);

    public override string ToString() =>
        (Type == DeviceType.CPU ? "cpu" : "cuda") + (Index >= 0 ? $":{Index}" : string.Empty);
}
