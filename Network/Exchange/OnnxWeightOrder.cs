namespace Bmcnn.Network.Exchange;

/// <summary>ONNX weight tensors in the model's order, and the test that decides whether they are binary.</summary>
internal static class OnnxWeightOrder
{
    /// <summary>
    /// A Conv weight [out, in, kh, kw] as out × rows values, row (ky·kw + kx)·in + c: the crossbar row order of
    /// <see cref="Model.BinaryConv2d"/>.
    /// </summary>
    public static double[] Conv(OnnxTensor w)
    {
        int o = (int)w.Dims[0], c = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
        int rows = kh * kw * c;
        var values = new double[o * rows];
        for (int oc = 0; oc < o; oc++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                for (int y = 0; y < kh; y++)
                {
                    for (int x = 0; x < kw; x++)
                    {
                        values[oc * rows + (y * kw + x) * c + ci] = w.Data[((oc * c + ci) * kh + y) * kw + x];
                    }
                }
            }
        }
        return values;
    }

    /// <summary>
    /// True when every output's weights are ±α with one α &gt; 0 per output: then <paramref name="signs"/> holds the ±1
    /// pattern and <paramref name="alpha"/> the scales (otherwise both are incomplete).
    /// </summary>
    public static bool Split(double[] values, int outputs, int rows, out sbyte[] signs, out double[] alpha)
    {
        alpha = new double[outputs];
        signs = new sbyte[values.Length];
        bool binary = true;
        for (int o = 0; o < outputs && binary; o++)
        {
            double m = Math.Abs(values[o * rows]);
            alpha[o] = m;
            for (int r = 0; r < rows; r++)
            {
                double v = values[o * rows + r];
                if (Math.Abs(v) != m || m == 0)
                {
                    binary = false;
                    break;
                }
                signs[o * rows + r] = v > 0 ? (sbyte)1 : (sbyte)-1;
            }
        }
        return binary;
    }
}
