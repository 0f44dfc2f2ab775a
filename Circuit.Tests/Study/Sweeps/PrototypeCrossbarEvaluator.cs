using Bmcnn.Study.Sweeps;

namespace Bmcnn.Tests.Study.Sweeps;

/// <summary>
/// A real, cheap trial evaluator for driver tests: a one-layer binarized classifier (weights ±1 = class prototypes)
/// on differential device pairs whose R_ON/R_OFF vary with the swept σ, evaluated by Kirchhoff sums on noisy ±1
/// test vectors. Accuracy genuinely depends on the seed and on σ, so determinism tests can fail.
/// </summary>
internal sealed class PrototypeCrossbarEvaluator : ITrialEvaluator
{
    private const int Inputs = 24;
    private const int Classes = 4;
    private const int Images = 200;
    private readonly int[,] _weights = new int[Classes, Inputs];
    private readonly int[][] _images = new int[Images][];
    private readonly int[] _labels = new int[Images];
    private int _calls;

    public PrototypeCrossbarEvaluator()
    {
        var random = new Random(12345);
        for (int c = 0; c < Classes; c++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                _weights[c, i] = random.Next(2) == 0 ? -1 : 1;
            }
        }
        for (int n = 0; n < Images; n++)
        {
            var label = n % Classes;
            _labels[n] = label;
            _images[n] = new int[Inputs];
            for (int i = 0; i < Inputs; i++)
            {
                // 30% of the bits flipped: hard enough that device variation costs accuracy.
                _images[n][i] = random.NextDouble() < 0.3 ? -_weights[label, i] : _weights[label, i];
            }
        }
    }

    /// <summary>Trials evaluated so far (for resume tests).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public TrialOutcome Evaluate(SweepPoint point, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _calls);
        var sigma = point.Parameter == SweepParameter.Sigma ? point.Value : 0;
        var random = new Random((int)(point.Seed ^ (point.Seed >> 32)));
        const double gOn = 1 / 100.0, gOff = 1 / 1000.0;
        var tolerance = point.Mitigation.VerifyTolerance;
        long pulses = 0;
        var g = new double[Classes, Inputs];
        for (int c = 0; c < Classes; c++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                var plus = Draw(_weights[c, i] > 0 ? gOn : gOff, sigma, random, tolerance, ref pulses);
                var minus = Draw(_weights[c, i] > 0 ? gOff : gOn, sigma, random, tolerance, ref pulses);
                g[c, i] = plus - minus;
            }
        }
        int correct = 0;
        for (int n = 0; n < Images; n++)
        {
            int best = 0;
            double bestCurrent = double.NegativeInfinity;
            for (int c = 0; c < Classes; c++)
            {
                double current = 0;
                for (int i = 0; i < Inputs; i++)
                {
                    current += _images[n][i] * g[c, i];
                }
                if (current > bestCurrent)
                {
                    bestCurrent = current;
                    best = c;
                }
            }
            correct += best == _labels[n] ? 1 : 0;
        }
        return tolerance is null ? new TrialOutcome((double)correct / Images)
            : new TrialOutcome((double)correct / Images, pulses, 2L * Classes * Inputs);
    }

    // Resistance R·(1 + σ·z), truncated to positive, as a conductance; with a verify tolerance, redrawn (one extra
    // pulse each) while outside ±tolerance, at most 50 times.
    private static double Draw(double g, double sigma, Random random, double? tolerance, ref long pulses)
    {
        var factor = Factor(sigma, random);
        for (int extra = 0; tolerance is { } t && Math.Abs(factor - 1) > t && extra < 50; extra++)
        {
            pulses++;
            factor = Factor(sigma, random);
        }
        return g / factor;
    }

    private static double Factor(double sigma, Random random)
    {
        double factor;
        do
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            factor = 1 + sigma * z;
        }
        while (factor <= 0.01);
        return factor;
    }
}
