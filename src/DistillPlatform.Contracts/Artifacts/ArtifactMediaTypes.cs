namespace DistillPlatform.Contracts.Artifacts;

/// <summary>Media types used for <see cref="ArtifactRef.MediaType"/>, so producers and consumers spell them alike.</summary>
public static class ArtifactMediaTypes
{
    /// <summary>Opaque bytes.</summary>
    public const string OctetStream = "application/octet-stream";

    /// <summary>A JSON document, e.g. an <see cref="ArtifactManifest"/>.</summary>
    public const string Json = "application/json";

    /// <summary>Tensors in the safetensors format (JSON header followed by little-endian data).</summary>
    public const string SafeTensors = "application/vnd.safetensors";

    /// <summary>A Markdown report.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>An SVG plot.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>An ONNX model.</summary>
    public const string Onnx = "application/onnx";
}
