namespace DistillPlatform.Contracts.Features;

/// <summary>
/// Where a corpus lies: a folder on the service's machine (<see cref="LocalFolder"/>), or a key prefix in the object
/// store (<see cref="ObjectStorePrefix"/>) whose objects are downloaded keeping their relative paths. Exactly one of
/// the two is set. <see cref="ManifestName"/> is the CSV manifest's path inside it (columns path,label,speaker[,split]).
/// </summary>
public sealed record CorpusLocation(string? LocalFolder, string? ObjectStorePrefix, string ManifestName = CorpusLocation.DefaultManifestName)
{
    public const string DefaultManifestName = "labels.csv";

    public static CorpusLocation Local(string folder, string manifestName = DefaultManifestName) => new(folder, null, manifestName);

    public static CorpusLocation InObjectStore(string prefix, string manifestName = DefaultManifestName) => new(null, prefix, manifestName);
}
