using Bmcnn.Circuit.Algebra;

namespace Bmcnn.Tests.Circuit.Algebra;

/// <summary>
/// The MNA matrix of an M×N crossbar tile with wire resistance, written directly (no engine): nodes r(i,j) on the
/// row wires and c(i,j) on the column wires, a device conductance between r(i,j) and c(i,j), wire segments between
/// neighbours, each row driven by a voltage source through a driver resistance at its left end, each column held at
/// virtual ground (0 V source, whose branch current is the column output) through a wire segment at its bottom.
/// Unknowns: 2MN wire nodes, M input nodes, N output nodes, M driver branches, N termination branches.
/// </summary>
internal sealed class CrossbarSystem
{
    private readonly int _rows, _cols;
    private readonly int[] _devAA, _devBB, _devAB, _devBA;

    public CrossbarSystem(int rows, int cols, double rWire = 2.5, double rDriver = 10)
    {
        _rows = rows;
        _cols = cols;
        int mn = rows * cols;
        Size = 2 * mn + 2 * rows + 2 * cols;
        var builder = new SparseMatrixBuilder(Size);
        var stamps = new List<(int A, int B, double G)>();
        double gw = 1 / rWire;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                if (j + 1 < cols) stamps.Add((R(i, j), R(i, j + 1), gw));
                if (i + 1 < rows) stamps.Add((C(i, j), C(i + 1, j), gw));
            }
        }
        for (int i = 0; i < rows; i++) stamps.Add((In(i), R(i, 0), 1 / rDriver));
        for (int j = 0; j < cols; j++) stamps.Add((C(rows - 1, j), Out(j), gw));
        foreach (var (a, b, _) in stamps) DeclareConductance(builder, a, b);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) DeclareConductance(builder, R(i, j), C(i, j));
        for (int i = 0; i < rows; i++) DeclareSource(builder, In(i), DriverBranch(i));
        for (int j = 0; j < cols; j++) DeclareSource(builder, Out(j), TerminationBranch(j));
        Matrix = builder.Build();

        foreach (var (a, b, g) in stamps) AddConductance(a, b, g);
        for (int i = 0; i < rows; i++) SetSource(In(i), DriverBranch(i));
        for (int j = 0; j < cols; j++) SetSource(Out(j), TerminationBranch(j));
        _fixedValues = (double[])Matrix.Values.Clone();

        _devAA = new int[mn]; _devBB = new int[mn]; _devAB = new int[mn]; _devBA = new int[mn];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                int d = i * cols + j, a = R(i, j), b = C(i, j);
                _devAA[d] = Matrix.IndexOf(a, a);
                _devBB[d] = Matrix.IndexOf(b, b);
                _devAB[d] = Matrix.IndexOf(a, b);
                _devBA[d] = Matrix.IndexOf(b, a);
            }
        }
    }

    private readonly double[] _fixedValues;

    public int Size { get; }

    public CscMatrix Matrix { get; }

    public int R(int i, int j) => i * _cols + j;

    public int C(int i, int j) => _rows * _cols + i * _cols + j;

    public int In(int i) => 2 * _rows * _cols + i;

    public int Out(int j) => 2 * _rows * _cols + _rows + j;

    public int DriverBranch(int i) => 2 * _rows * _cols + _rows + _cols + i;

    public int TerminationBranch(int j) => 2 * _rows * _cols + 2 * _rows + _cols + j;

    /// <summary>Writes device conductances (binary R_ON/R_OFF with lognormal spread) drawn from the seed.</summary>
    public void Program(int seed, double rOn = 1e4, double rOff = 1e5, double sigma = 0.1)
    {
        var random = new Random(seed);
        _fixedValues.CopyTo(Matrix.Values, 0);
        var v = Matrix.Values;
        for (int d = 0; d < _devAA.Length; d++)
        {
            double r = (random.Next(2) == 0 ? rOn : rOff) * Math.Exp(sigma * Gaussian(random));
            double g = 1 / r;
            v[_devAA[d]] += g;
            v[_devBB[d]] += g;
            v[_devAB[d]] -= g;
            v[_devBA[d]] -= g;
        }
    }

    /// <summary>A right-hand side with random ±vRead row inputs.</summary>
    public double[] Inputs(int seed, double vRead = 0.2)
    {
        var random = new Random(seed);
        var rhs = new double[Size];
        for (int i = 0; i < _rows; i++) rhs[DriverBranch(i)] = random.Next(2) == 0 ? vRead : -vRead;
        return rhs;
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static void DeclareConductance(SparseMatrixBuilder builder, int a, int b)
    {
        builder.Entry(a, a);
        builder.Entry(b, b);
        builder.Entry(a, b);
        builder.Entry(b, a);
    }

    private static void DeclareSource(SparseMatrixBuilder builder, int node, int branch)
    {
        builder.Entry(node, branch);
        builder.Entry(branch, node);
    }

    private void AddConductance(int a, int b, double g)
    {
        var v = Matrix.Values;
        v[Matrix.IndexOf(a, a)] += g;
        v[Matrix.IndexOf(b, b)] += g;
        v[Matrix.IndexOf(a, b)] -= g;
        v[Matrix.IndexOf(b, a)] -= g;
    }

    private void SetSource(int node, int branch)
    {
        Matrix.Values[Matrix.IndexOf(node, branch)] = 1;
        Matrix.Values[Matrix.IndexOf(branch, node)] = 1;
    }
}
