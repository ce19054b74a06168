namespace DistillPlatform.Features.Audio;

/// <summary>The Kaiser window and Kaiser's empirical formulas for designing windowed-sinc low-pass filters.</summary>
public static class KaiserWindow
{
    /// <summary>Shape parameter β giving roughly <paramref name="attenuationDb"/> of stop-band rejection (Kaiser 1974).</summary>
    public static double BetaForAttenuation(double attenuationDb) => attenuationDb switch
    {
        > 50 => 0.1102 * (attenuationDb - 8.7),
        >= 21 => 0.5842 * Math.Pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21),
        _ => 0.0,
    };

    /// <summary>
    /// Total filter length, in seconds, that a Kaiser-windowed sinc needs for a transition band of
    /// <paramref name="transitionWidthHz"/> at <paramref name="attenuationDb"/> (Kaiser's N - 1 = (A - 7.95) / (2.285 Δω),
    /// expressed in time so it holds for any sampling rate).
    /// </summary>
    public static double FilterDurationSeconds(double attenuationDb, double transitionWidthHz) =>
        (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transitionWidthHz);

    /// <summary>Window value at <paramref name="position"/> in [-1, 1] (0 is the centre); zero outside.</summary>
    public static double Value(double position, double beta)
    {
        if (Math.Abs(position) > 1)
        {
            return 0;
        }

        return BesselI0(beta * Math.Sqrt(1 - position * position)) / BesselI0(beta);
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (converges for all x).</summary>
    internal static double BesselI0(double x)
    {
        double sum = 1, term = 1, halfX = x / 2;
        for (var k = 1; k < 500; k++)
        {
            term *= halfX / k * (halfX / k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
