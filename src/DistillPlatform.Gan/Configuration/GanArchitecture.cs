namespace DistillPlatform.Gan.Configuration;

/// <summary>The two generator families of the paper.</summary>
public enum GanArchitecture
{
    /// <summary>GAN-CNN: upsampling convolution blocks with batch norm.</summary>
    Cnn,

    /// <summary>GAN-ATT: fewer channels, dilated convolutions and one self-attention over time.</summary>
    Att,
}

/// <summary>How a generator block doubles the map size.</summary>
public enum UpsamplingMode
{
    /// <summary>Nearest-neighbour ×2 followed by a 3×3 convolution (the default: no checkerboard artefacts, and it allows dilation).</summary>
    NearestConv,

    /// <summary>A 4×4 transposed convolution with stride 2 (the classic DCGAN block).</summary>
    TransposedConv,
}
