namespace StressMargin.Compute.Cuda;

/// <summary>What the machine offers for CUDA (the <c>devices</c> command and the run header).</summary>
/// <param name="DriverVersion">Driver API version as <c>major.minor</c>, or null without a working driver.</param>
/// <param name="NvrtcVersion">NVRTC version as <c>major.minor</c>, or null when NVRTC cannot be loaded.</param>
/// <param name="Devices">The devices, by ordinal (empty without a driver).</param>
/// <param name="DriverProblem">Why there is no driver or device, or null.</param>
/// <param name="NvrtcProblem">Why NVRTC cannot be loaded, or null.</param>
public sealed record CudaInventory(string? DriverVersion, string? NvrtcVersion, IReadOnlyList<CudaDeviceInfo> Devices, string? DriverProblem, string? NvrtcProblem);

/// <summary>Lists the CUDA devices, driver and NVRTC without ever throwing: every failure becomes a reason.</summary>
public static class CudaDiscovery
{
    /// <summary>Probes the driver, every device and NVRTC.</summary>
    /// <returns>The inventory.</returns>
    public static CudaInventory Probe()
    {
        string? driverVersion = null, driverProblem = null, nvrtcVersion = null, nvrtcProblem = null;
        var devices = new List<CudaDeviceInfo>();
        try
        {
            CudaDriver.EnsureInitialized();
            driverVersion = CudaDeviceInfo.FormatVersion(CudaDriver.Version());
            int count = CudaDriver.DeviceCount();
            for (int i = 0; i < count; i++) devices.Add(CudaDriver.Describe(i));
            if (count == 0) driverProblem = "the CUDA driver reports no device";
        }
        catch (Exception e) when (e is CudaUnavailableException or CudaException or EntryPointNotFoundException)
        {
            driverProblem = e.Message;
        }
        try
        {
            var (major, minor) = Nvrtc.Version();
            nvrtcVersion = FormattableString.Invariant($"{major}.{minor}");
        }
        catch (Exception e) when (e is CudaUnavailableException or CudaException or EntryPointNotFoundException)
        {
            nvrtcProblem = e.Message;
        }
        return new CudaInventory(driverVersion, nvrtcVersion, devices, driverProblem, nvrtcProblem);
    }
}
