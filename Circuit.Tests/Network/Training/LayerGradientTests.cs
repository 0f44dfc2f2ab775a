using Bmcnn.Circuit;
using Bmcnn.Network.Model;
using Bmcnn.Network.Training;

namespace Bmcnn.Tests.Network.Training;

/// <summary>Each training layer's backward pass against central finite differences of L = Σ r·y.</summary>
public class LayerGradientTests
{
    private static float[] Random(int n, int seed, double scale = 1)
    {
        var r = new Random(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((r.NextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    private static double Loss(float[] y, float[] r)
    {
        double s = 0;
        for (int i = 0; i < r.Length; i++)
        {
            s += (double)y[i] * r[i];
        }
        return s;
    }

    /// <summary>Checks d(Σ r·forward)/d(values[i]) against the analytic gradient at a few indices.</summary>
    private static void Check(Func<double> loss, float[] values, float[] analytic, int samples, float h = 1e-2f, double tol = 2e-2)
    {
        var pick = new Random(7);
        for (int s = 0; s < samples; s++)
        {
            int i = pick.Next(values.Length);
            float keep = values[i];
            values[i] = keep + h;
            double up = loss();
            values[i] = keep - h;
            double down = loss();
            values[i] = keep;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tol * (1 + Math.Abs(numeric)),
                $"index {i}: finite difference {numeric}, backward {analytic[i]}");
        }
    }

    [Fact]
    public void When_conv_layer_backward_Expect_finite_difference_gradients()
    {
        const int batch = 2, h = 7, w = 6, cin = 3, cout = 5, k = 3;
        var init = new RandomStream(1);
        var layer = new ConvTrainingLayer("c", h, w, cin, cout, k, batch, 2, ref init);
        layer.Weights.Identity = true;
        var x = Random(batch * h * w * cin, 2);
        var r = Random(batch * (h - k + 1) * (w - k + 1) * cout, 3);
        layer.Forward(x, batch, true);
        var gx = (float[])layer.Backward(r, batch, true)!.Clone();
        var gw = (float[])layer.Weights.Latent.Grad.Clone();
        double L() => Loss(layer.Forward(x, batch, true), r);
        Check(L, x, gx, 20);
        Check(L, layer.Weights.Latent.Value, gw, 20);
    }

    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1)]
    [InlineData(3, 2, 2, 1, 1, 0)]
    [InlineData(4, 3, 2, 2, 2, 1)]
    public void When_padded_or_strided_conv_layer_backward_Expect_finite_difference_gradients(int kh, int kw, int sh, int sw, int ph, int pw)
    {
        const int batch = 2, h = 7, w = 6, cin = 3, cout = 4;
        var geometry = new ConvGeometry(kh, kw, sh, sw, ph, pw);
        var (oh, ow) = geometry.Output(h, w);
        var init = new RandomStream(1);
        var layer = new ConvTrainingLayer("c", h, w, cin, cout, geometry, batch, 2, ref init);
        layer.Weights.Identity = true;
        var x = Random(batch * h * w * cin, 2);
        var r = Random(batch * oh * ow * cout, 3);
        layer.Forward(x, batch, true);
        var gx = (float[])layer.Backward(r, batch, true)!.Clone();
        var gw = (float[])layer.Weights.Latent.Grad.Clone();
        double L() => Loss(layer.Forward(x, batch, true), r);
        Check(L, x, gx, 30);
        Check(L, layer.Weights.Latent.Value, gw, 20);
    }

    [Fact]
    public void When_padded_strided_conv_forward_Expect_direct_sum_with_zero_padding()
    {
        const int batch = 2, h = 6, w = 5, cin = 2, cout = 3;
        var geometry = new ConvGeometry(3, 3, 2, 1, 1, 1);
        var (oh, ow) = geometry.Output(h, w);
        var init = new RandomStream(4);
        var layer = new ConvTrainingLayer("c", h, w, cin, cout, geometry, batch, 1, ref init);
        var x = Random(batch * h * w * cin, 5);
        var y = layer.Forward(x, batch, false);
        var wts = layer.Weights.Effective;
        int rows = 9 * cin;
        for (int b = 0; b < batch; b++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                for (int ox = 0; ox < ow; ox++)
                {
                    for (int o = 0; o < cout; o++)
                    {
                        double sum = 0;
                        for (int ky = 0; ky < 3; ky++)
                        {
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = oy * 2 - 1 + ky, ix = ox - 1 + kx;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                {
                                    continue;
                                }
                                for (int c = 0; c < cin; c++)
                                {
                                    sum += x[((b * h + iy) * w + ix) * cin + c] * wts[o * rows + (ky * 3 + kx) * cin + c];
                                }
                            }
                        }
                        Assert.True(Math.Abs(sum - y[((b * oh + oy) * ow + ox) * cout + o]) < 1e-5, $"({b},{oy},{ox},{o})");
                    }
                }
            }
        }
    }

    [Fact]
    public void When_linear_layer_backward_Expect_finite_difference_gradients()
    {
        const int batch = 3, fin = 11, fout = 7;
        var init = new RandomStream(1);
        var layer = new LinearTrainingLayer("l", fin, fout, batch, 2, ref init);
        layer.Weights.Identity = true;
        var x = Random(batch * fin, 4);
        var r = Random(batch * fout, 5);
        layer.Forward(x, batch, true);
        var gx = (float[])layer.Backward(r, batch, true)!.Clone();
        var gw = (float[])layer.Weights.Latent.Grad.Clone();
        double L() => Loss(layer.Forward(x, batch, true), r);
        Check(L, x, gx, 15);
        Check(L, layer.Weights.Latent.Value, gw, 15);
    }

    [Fact]
    public void When_batchnorm_backward_in_training_mode_Expect_finite_difference_gradients()
    {
        const int batch = 4, positions = 3, c = 5;
        var layer = new BatchNormTrainingLayer("bn", c, positions, batch, threads: 2);
        var g = Random(c, 6);
        Array.Copy(g, layer.Gamma.Value, c);
        Array.Copy(Random(c, 7), layer.Beta.Value, c);
        var x = Random(batch * positions * c, 8, 3);
        var r = Random(batch * positions * c, 9);
        layer.Forward(x, batch, true);
        var gx = (float[])layer.Backward(r, batch, true)!.Clone();
        var gg = (float[])layer.Gamma.Grad.Clone();
        var gb = (float[])layer.Beta.Grad.Clone();
        double L() => Loss(layer.Forward(x, batch, true), r);
        Check(L, x, gx, 25, 1e-2f, 3e-2);
        Check(L, layer.Gamma.Value, gg, 5);
        Check(L, layer.Beta.Value, gb, 5);
    }

    [Fact]
    public void When_maxpool_backward_Expect_finite_difference_gradients()
    {
        const int batch = 2, h = 6, w = 4, c = 3;
        var layer = new MaxPoolTrainingLayer(h, w, c, 2, batch, 2);
        var x = Random(batch * h * w * c, 10);
        var r = Random(batch * 3 * 2 * c, 11);
        layer.Forward(x, batch, true);
        var gx = (float[])layer.Backward(r, batch, true)!.Clone();
        double L() => Loss(layer.Forward(x, batch, true), r);
        Check(L, x, gx, 30, 1e-3f);
    }

    [Fact]
    public void When_sign_backward_Expect_hardtanh_surrogate_gradient()
    {
        // The straight-through estimator is the exact gradient of hard-tanh, the sign's surrogate.
        var layer = new SignTrainingLayer(40, 1);
        var x = Random(40, 12, 2);
        var r = Random(40, 13);
        var y = layer.Forward(x, 1, true);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(x[i] >= 0 ? 1f : -1f, y[i]);
        }
        var gx = (float[])layer.Backward(r, 1, true)!.Clone();
        double HardTanh() => x.Select((v, i) => Math.Clamp(v, -1.0, 1.0) * r[i]).Sum();
        var pick = Enumerable.Range(0, 40).Where(i => Math.Abs(Math.Abs(x[i]) - 1) > 0.02).ToArray();
        foreach (int i in pick)
        {
            float keep = x[i];
            x[i] = keep + 1e-3f;
            double up = HardTanh();
            x[i] = keep - 1e-3f;
            double down = HardTanh();
            x[i] = keep;
            Assert.Equal((up - down) / 2e-3, gx[i], 2);
        }
    }

    [Fact]
    public void When_softmax_cross_entropy_Expect_finite_difference_gradient()
    {
        const int batch = 3, classes = 10;
        var logits = Random(batch * classes, 14, 3);
        var labels = new byte[] { 2, 7, 0 };
        var grad = new float[batch * classes];
        TrainingNetwork.SoftmaxCrossEntropy(logits, labels, 0, batch, classes, grad);
        var scratch = new float[batch * classes];
        double L() => TrainingNetwork.SoftmaxCrossEntropy(logits, labels, 0, batch, classes, scratch).Loss / batch;
        Check(L, logits, grad, 15, 1e-2f, 1e-2);
    }
}
