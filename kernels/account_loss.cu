// account_loss.cu: kernel (3), account P&L aggregation through the positions (BlockWorkspace.AccountLoss):
// L_a(j) = ((0 − w₁ΔV₁(j)) − w₂ΔV₂(j)) − … in the account's position order, cash skipped. One thread per
// (path j, account); the loss row of account first_account + r is row r of the group's loss matrix.
#include "kernel_args.cuh"

extern "C" __global__ void sm_account_loss(const SmLossArgs a)
{
    sm_i64 j = (sm_i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= a.count) return;
    for (int r = blockIdx.y; r < a.account_count; r += gridDim.y)
    {
        int account = a.first_account + r;
        double s = 0.0;
        for (int p = a.plan.account_start[account]; p < a.plan.account_start[account + 1]; ++p)
        {
            int i = a.plan.position_instrument[p];
            if (i < 0) continue;
            s = s - a.plan.position_weight[p] * a.dv[(sm_i64)i * a.count + j];
        }
        a.loss[(sm_i64)r * a.loss_stride + a.loss_offset + j] = s;
    }
}
