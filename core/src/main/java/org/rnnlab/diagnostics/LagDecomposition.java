package org.rnnlab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;

/**
 * Splits the recurrent weights' gradient into its terms by lag (see {@link LongTermShare}).
 *
 * <p>One backward pass per loss time t, each started from the loss's gradient at t alone: the
 * increment of a weight's gradient at step k of pass t is the term (t, k). The passes run in
 * lockstep, lag by lag: at lag L every pass with t &gt;= L takes its step k = t - L, in increasing t,
 * every layer top first, and after the lag the weights' gradient buffers, zeroed before it, hold
 * G_L. O(T²) cell steps; each pass's state gradient lives in the layer's own buffer at its current
 * step, which no other pass touches at the same time (their current steps differ, and a pass reads
 * the slot it wrote one lag earlier before a later pass overwrites it).
 *
 * <p>Backward runs over one forward pass many times, as truncated BPTT does when k2 &gt; k1; the cell
 * contract checks that two backward passes after one forward give exactly twice the gradients.
 * Everything runs on a {@link Bptt} of its own; every parameter's gradient is copied first and
 * written back after.
 */
final class LagDecomposition {
    private LagDecomposition() {
    }

    /** @return the number of lags delivered: the last loss time plus one, 0 if the loss reads nothing */
    static int run(Model model, Batch batch, LagTermConsumer consumer) {
        if (batch.targets() == null && batch.classes() == null) {
            throw new IllegalArgumentException("The split of the gradient by lag needs a batch with targets; this one has inputs only");
        }
        List<Parameter> recurrent = new ArrayList<>();
        for (Parameter p : model.namedParameters().values()) {
            if (p.role() == ParameterRole.RECURRENT_WEIGHT) {
                recurrent.add(p);
            }
        }
        List<DMatrixRMaj> terms = new ArrayList<>();
        for (Parameter p : recurrent) {
            terms.add(new DMatrixRMaj(p.value().numRows, p.value().numCols));
        }
        SavedGradients saved = SavedGradients.of(model.parameters());
        try {
            Bptt bptt = new Bptt(model);
            bptt.begin(batch);
            int steps = batch.steps();
            bptt.forward(0, steps);
            bptt.loss(0, steps, true);
            int[] lossTimes = lossTimes(bptt, steps);
            int layerCount = model.cells().size();
            RecurrentLayer[] layers = new RecurrentLayer[layerCount];
            for (int l = 0; l < layerCount; l++) {
                layers[l] = bptt.layer(l);
            }
            DMatrixRMaj[] topGradients = new DMatrixRMaj[steps];
            int lags = lossTimes.length == 0 ? 0 : lossTimes[lossTimes.length - 1] + 1;
            for (int lag = 0; lag < lags; lag++) {
                for (Parameter p : recurrent) {
                    Kernels.zero(p.gradient());
                }
                for (int t : lossTimes) {
                    if (t < lag) {
                        continue;
                    }
                    int k = t - lag;
                    topGradients[t] = lag == 0 ? bptt.outputGradient(t) : null;
                    for (int l = layerCount - 1; l >= 0; l--) {
                        DMatrixRMaj[] outputGradients = l == layerCount - 1 ? topGradients : layers[l + 1].inputGradients();
                        if (lag == 0) {
                            layers[l].backward(k + 1, k, outputGradients, null);
                        } else {
                            layers[l].continueBackward(k + 1, k, outputGradients);
                        }
                    }
                    topGradients[t] = null;
                }
                for (int i = 0; i < recurrent.size(); i++) {
                    Kernels.copy(recurrent.get(i).gradient(), terms.get(i));
                    consumer.accept(lag, recurrent.get(i), terms.get(i));
                }
            }
            return lags;
        } finally {
            saved.restore();
        }
    }

    /** The steps whose output gradient is not all zero, ascending. */
    private static int[] lossTimes(Bptt bptt, int steps) {
        int[] times = new int[steps];
        int count = 0;
        for (int t = 0; t < steps; t++) {
            double[] g = bptt.outputGradient(t).data;
            for (int i = 0, n = bptt.outputGradient(t).getNumElements(); i < n; i++) {
                if (g[i] != 0) { // NaN counts: it must reach the terms, not vanish from them
                    times[count++] = t;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(times, count);
    }
}
