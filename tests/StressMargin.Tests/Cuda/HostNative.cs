using System.Runtime.InteropServices;
using StressMargin.Compute.Cuda;

namespace StressMargin.Tests.Cuda;

/// <summary>
/// The entry points of the host-compiled kernel library (Native/device_math_exports.cpp, Native/kernel_emulator.cpp).
/// The static constructor builds and loads the library before the first call.
/// </summary>
internal static class HostNative
{
    static HostNative() => HostKernelLibrary.Ensure();

    public static void Load() { }

    [DllImport(HostKernelLibrary.Name)] public static extern void sm_test_philox(uint[] counter, uint key0, uint key1, uint[] output);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_uniform_open(uint lo, uint hi);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_inverse_normal_cdf(double p);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_erfc(double x);
    [DllImport(HostKernelLibrary.Name)] public static extern float sm_test_erfc_f32(float x);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_normal_cdf(double x);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_black76(int isCall, double forward, double strike, double logFk, double sd, double df);
    [DllImport(HostKernelLibrary.Name)] public static extern float sm_test_black76_f32(int isCall, float forward, float strike, float logFk, float sd, float df);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_interpolate(double[] k, double[] w, int n, double x);
    [DllImport(HostKernelLibrary.Name)] public static extern void sm_test_standard_normals(ulong seed, long path, int step, double[] z, int n);
    [DllImport(HostKernelLibrary.Name)] public static extern int sm_test_chi_square(ulong seed, long path, int step, double degreesOfFreedom, out double w);
    [DllImport(HostKernelLibrary.Name)] public static extern ulong sm_test_mul_hi_u64(ulong a, ulong b);
    [DllImport(HostKernelLibrary.Name)] public static extern int sm_test_historical_date_index(ulong seed, long path, int day, int count);
    [DllImport(HostKernelLibrary.Name)] public static extern void sm_test_generate_factors(in SmPlan plan, long path, double[] z, double[] output, int[] error);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_revalue(in SmPlan plan, int instrument, double x, double y, int singlePrecision);
    [DllImport(HostKernelLibrary.Name)] public static extern ulong sm_test_loss_key(double v);
    [DllImport(HostKernelLibrary.Name)] public static extern double sm_test_key_loss(ulong key);
    [DllImport(HostKernelLibrary.Name)] public static extern int sm_test_layout([MarshalAs(UnmanagedType.LPStr)] string name, long[] output, int max);

    [DllImport(HostKernelLibrary.Name)] public static extern int sm_emu_launch([MarshalAs(UnmanagedType.LPStr)] string name, uint gx, uint gy, uint gz, uint bx, uint by, uint bz, IntPtr parameters);
    [DllImport(HostKernelLibrary.Name)] public static extern ulong sm_emu_alloc(ulong bytes);
    [DllImport(HostKernelLibrary.Name)] public static extern void sm_emu_free(ulong address);
    [DllImport(HostKernelLibrary.Name)] public static extern void sm_emu_copy(ulong destination, ulong source, ulong bytes);
    [DllImport(HostKernelLibrary.Name)] public static extern void sm_emu_zero(ulong destination, ulong bytes);
}
