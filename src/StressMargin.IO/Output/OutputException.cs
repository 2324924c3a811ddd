namespace StressMargin.IO.Output;

/// <summary>
/// The output folder cannot be written: it cannot be created, is not writable, the disk is full, a permission or I/O
/// error while writing or renaming. Raised before any file of the set is replaced, so the previous outputs are intact
/// and no temporary file is left. The CLI maps it to exit code 6.
/// </summary>
/// <param name="message">What failed, on which path, and what it means for the folder.</param>
/// <param name="inner">The I/O error.</param>
public class OutputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another run holds the output folder's lock (<see cref="OutputFolder"/>). The CLI maps it to exit code 8.</summary>
/// <param name="message">Which folder and what to do.</param>
public sealed class OutputLockedException(string message) : OutputException(message);
