namespace DistillPlatform.Features.DemoCorpus;

/// <summary>The demo corpus could not be generated (missing or failing espeak-ng, unwritable folder).</summary>
public sealed class DemoCorpusException(string message, Exception? inner = null) : Exception(message, inner);
