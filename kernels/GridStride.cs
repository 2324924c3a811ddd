using ILGPU;

namespace StressMargin.Kernels;

/// <summary>
/// The element-wise kernels are grid-stride loops (element e = global thread index, then + the grid's thread count):
/// the launch picks a grid that fills the device (thousands of groups on a GPU, one group per core on ILGPU's CPU
/// accelerator, where each group boundary costs a thread barrier), and any element count works with any grid.
/// </summary>
public static class GridStride
{
    /// <summary>Threads in the whole grid: the stride of the loops.</summary>
    public static int Threads => Grid.DimX * Group.DimX;
}
