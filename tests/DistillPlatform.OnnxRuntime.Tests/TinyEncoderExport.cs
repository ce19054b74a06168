namespace DistillPlatform.OnnxRuntime.Tests;

/// <summary>One export of the tiny encoder (see <see cref="TinyEncoderExport"/>) shared by every test class of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class TinyEncoderCollection : ICollectionFixture<TinyEncoderExport>
{
    public const string Name = "tiny encoder export";
}
