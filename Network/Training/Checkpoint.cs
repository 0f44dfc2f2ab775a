using Bmcnn.Circuit;

namespace Bmcnn.Network.Training;

/// <summary>
/// The resumable state after an epoch: latent weights, batch-norm parameters and running statistics, Adam moments
/// and the step count. Binary file: "BMCNNCKP", version, settings fingerprint, epoch, step, then each array.
/// </summary>
internal static class Checkpoint
{
    private const string Magic = "BMCNNCKP";
    private const int Version = 1;

    public static void Save(string path, TrainingNetwork net, string fingerprint, int epochsDone, long step)
    {
        AtomicFile.Write(path, stream =>
        {
            using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            w.Write(fingerprint);
            w.Write(epochsDone);
            w.Write(step);
            foreach (var p in net.Parameters)
            {
                w.Write(p.Name);
                WriteArray(w, p.Value);
                WriteArray(w, p.M);
                WriteArray(w, p.V);
            }
            foreach (var (_, norm) in net.Blocks)
            {
                WriteArray(w, norm.RunningMean);
                WriteArray(w, norm.RunningVar);
            }
        });
    }

    /// <summary>Loads into the network; returns (epochs done, step).</summary>
    public static (int EpochsDone, long Step) Load(string path, TrainingNetwork net, string fingerprint)
    {
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.ReadString() != Magic)
            {
                throw new BmcnnException($"{path}: not a bmcnn checkpoint");
            }
            int version = r.ReadInt32();
            if (version != Version)
            {
                throw new BmcnnException($"{path}: checkpoint version {version}, expected {Version}");
            }
            string stored = r.ReadString();
            if (stored != fingerprint)
            {
                throw new BmcnnException($"{path}: checkpoint was made with other settings ({stored}); now {fingerprint}");
            }
            int epochs = r.ReadInt32();
            long step = r.ReadInt64();
            foreach (var p in net.Parameters)
            {
                string name = r.ReadString();
                if (name != p.Name)
                {
                    throw new BmcnnException($"{path}: parameter '{name}' where '{p.Name}' was expected");
                }
                ReadArray(r, p.Value, path, name);
                ReadArray(r, p.M, path, name);
                ReadArray(r, p.V, path, name);
            }
            foreach (var (_, norm) in net.Blocks)
            {
                ReadArray(r, norm.RunningMean, path, "running mean");
                ReadArray(r, norm.RunningVar, path, "running variance");
            }
            return (epochs, step);
        }
        catch (EndOfStreamException ex)
        {
            throw new BmcnnException($"{path}: truncated checkpoint", ex);
        }
    }

    private static void WriteArray(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static void ReadArray(BinaryReader r, float[] target, string path, string name)
    {
        int n = r.ReadInt32();
        if (n != target.Length)
        {
            throw new BmcnnException($"{path}: '{name}' has {n} values, expected {target.Length}");
        }
        for (int i = 0; i < n; i++)
        {
            target[i] = r.ReadSingle();
        }
    }
}
