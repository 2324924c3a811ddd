using StressMargin.Core.Numerics;

namespace StressMargin.Core.RiskModel;

/// <summary>
/// The factor values x_f of one path from (seed, path) alone: the device math that the CPU backend and the GPU
/// kernels share (docs/model.md §3–4), in one operation order.
/// <list type="bullet">
/// <item>Normal and Student t: for each step s, z = the F normals of (path, s) (<see cref="ScenarioRandom"/>),
/// ε_f = Σ_j A[f, j]·z_j in j order, times c_s = √((ν − 2)/W_s) for Student t; x_f = Σ_s σ_f√(h/S)·(ε_f·c_s) − ½σ_f²h.</item>
/// <item>Filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper 1999): the D historical dates of the
/// path by <see cref="HistoricalDateDraw"/>, s_h = Σ_d Z[t_d, h] in day order; ε_h = s_h·(1/√D); each factor without
/// history ε_m = Σ_h (B[m, h]·s_h)·(1/√D) + Σ_l C[m, l]·z_{g_l} (z the normals of (path, step 0)); x_f = σ_f√h·ε_f − ½σ_f²h.</item>
/// </list>
/// Values are written to <c>output[f·stride + lane]</c>; <c>scratch</c> holds the step's normals at the same
/// positions. No allocation, no exception: a chi-square that finds no acceptance is returned as its step (the caller
/// reports it with <see cref="ScenarioRandom.NoChiSquare"/>).
/// </summary>
public static class FactorPathMath
{
    /// <summary>Writes the F factor values of <paramref name="path"/>.</summary>
    /// <typeparam name="TMath">Elementary functions.</typeparam>
    /// <typeparam name="TDouble">Storage of doubles.</typeparam>
    /// <typeparam name="TInt">Storage of ints.</typeparam>
    /// <param name="model">The factor model.</param>
    /// <param name="path">Path index.</param>
    /// <param name="scratch">Normals, <c>[factor, lane]</c> with row stride <paramref name="stride"/>.</param>
    /// <param name="output">Factor values, <c>[factor, lane]</c> with row stride <paramref name="stride"/>.</param>
    /// <param name="stride">Lanes per row.</param>
    /// <param name="lane">This path's lane.</param>
    /// <returns>−1, or the first step whose Student t chi-square found no acceptance (the values are then NaN).</returns>
    public static int Generate<TMath, TDouble, TInt>(FactorModelArrays<TDouble, TInt> model, long path, TDouble scratch, TDouble output, int stride, int lane)
        where TMath : struct, IDeviceMath
        where TDouble : struct, IDeviceArray<double>
        where TInt : struct, IDeviceArray<int>
    {
        if (model.Law == (int)DistributionKind.FilteredHistorical)
        {
            FilteredHistorical<TMath, TDouble, TInt>(model, path, scratch, output, stride, lane);
            return -1;
        }
        int nf = model.FactorCount;
        int failed = -1;
        for (int f = 0; f < nf; f++) output[f * stride + lane] = 0.0;
        for (int s = 0; s < model.Steps; s++)
        {
            for (int i = 0; i < nf; i += 2)
            {
                var (r0, r1, r2, r3) = ScenarioRandom.Block(model.Seed, path, s, (uint)(i >> 1));
                scratch[i * stride + lane] = Normal.InverseCdf<TMath>(Philox4x32.ToUniformOpen(r0, r1));
                if (i + 1 < nf) scratch[(i + 1) * stride + lane] = Normal.InverseCdf<TMath>(Philox4x32.ToUniformOpen(r2, r3));
            }
            double scale = 1.0;
            if (model.Law == (int)DistributionKind.StudentT)
            {
                double w = ScenarioRandom.ChiSquare<TMath>(model.Seed, path, s, model.DegreesOfFreedom);
                if (double.IsNaN(w) && failed < 0) failed = s;
                scale = Math.Sqrt((model.DegreesOfFreedom - 2.0) / w);
            }
            for (int f = 0; f < nf; f++)
            {
                double e = 0;
                for (int j = 0; j < nf; j++) e += model.Loading[f * nf + j] * scratch[j * stride + lane];
                output[f * stride + lane] += model.VolPerStep[f] * (e * scale);
            }
        }
        for (int f = 0; f < nf; f++) output[f * stride + lane] += model.Drift[f];
        return failed;
    }

    private static void FilteredHistorical<TMath, TDouble, TInt>(FactorModelArrays<TDouble, TInt> model, long path, TDouble scratch, TDouble output, int stride, int lane)
        where TMath : struct, IDeviceMath
        where TDouble : struct, IDeviceArray<double>
        where TInt : struct, IDeviceArray<int>
    {
        int h = model.HistoricalCount, m = model.GaussianCount;
        // s_h accumulates in the history factors' own output rows (the history and Gaussian factor lists split the factors).
        for (int k = 0; k < h; k++) output[model.HistoricalFactor[k] * stride + lane] = 0.0;
        int start = model.Consecutive != 0 ? HistoricalDateDraw.Index(model.Seed, path, 0, model.Candidates) : 0;
        for (int d = 0; d < model.Days; d++)
        {
            int row = (model.Consecutive != 0 ? start + d : HistoricalDateDraw.Index(model.Seed, path, d, model.Candidates)) * h;
            for (int k = 0; k < h; k++) output[model.HistoricalFactor[k] * stride + lane] += model.Residuals[row + k];
        }
        for (int l = 0; l < m; l++)
        {
            int g = model.GaussianFactor[l];
            scratch[g * stride + lane] = ScenarioRandom.StandardNormal<TMath>(model.Seed, path, 0, g);
        }
        for (int i = 0; i < m; i++)
        {
            double e = 0;
            for (int k = 0; k < h; k++) e += model.Regression[i * h + k] * output[model.HistoricalFactor[k] * stride + lane] * model.InvSqrtDays;
            for (int l = 0; l < m; l++) e += model.ConditionalLoading[i * m + l] * scratch[model.GaussianFactor[l] * stride + lane];
            int f = model.GaussianFactor[i];
            output[f * stride + lane] = model.VolPerStep[f] * e + model.Drift[f];
        }
        for (int k = 0; k < h; k++)
        {
            int f = model.HistoricalFactor[k];
            output[f * stride + lane] = model.VolPerStep[f] * (output[f * stride + lane] * model.InvSqrtDays) + model.Drift[f];
        }
    }
}
