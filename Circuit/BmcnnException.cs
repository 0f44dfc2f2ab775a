namespace Bmcnn.Circuit;

/// <summary>
/// A problem the user can fix (bad netlist, impossible parameter, non-convergent circuit). The command line prints
/// its one-line message without a stack trace; the message names the file, line, field or node at fault.
/// </summary>
public class BmcnnException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public BmcnnException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public BmcnnException(string message, Exception inner) : base(message, inner) { }
}
