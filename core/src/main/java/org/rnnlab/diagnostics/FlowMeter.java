package org.rnnlab.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.rnnlab.engine.RecurrentLayer;
import org.rnnlab.kernels.Kernels;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Bptt;
import org.rnnlab.spi.Cell;

/** Reads {@link GradientFlow} off the buffers of a {@link Bptt} after its backward pass. */
final class FlowMeter {
    private FlowMeter() {
    }

    static GradientFlow measure(Bptt bptt) {
        int layerCount = bptt.model().cells().size();
        int steps = bptt.layer(0).steps();
        if (steps < 1) {
            throw new IllegalStateException("The gradient flow needs a Bptt after a backward pass; this one has run no pass");
        }
        List<GradientFlow.Layer> layers = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            RecurrentLayer layer = bptt.layer(l);
            Cell cell = layer.cell();
            int batch = layer.batch();
            DMatrixRMaj whole = new DMatrixRMaj(batch, cell.stateSize(0));
            DMatrixRMaj row = new DMatrixRMaj(1, cell.stateSize(0));
            double[] norms = new double[steps + 1];
            double[] means = new double[steps + 1];
            for (int t = 0; t <= steps; t++) {
                Kernels.copy(layer.stateGradient(t)[0], whole);
                if (cell.outputIsState() && t >= 1) {
                    // Output t-1 (0-based) is h_t itself; its gradient reached h_t by no other path.
                    DMatrixRMaj output = l == layerCount - 1 ? bptt.outputGradient(t - 1) : bptt.layer(l + 1).inputGradient(t - 1);
                    Kernels.addScaled(1.0, output, whole);
                }
                norms[t] = Norms.of(whole);
                means[t] = meanRowNorm(whole, row, layer, t);
            }
            Map<String, double[]> others = new LinkedHashMap<>();
            List<String> names = cell.stateNames();
            for (int i = 1; i < names.size(); i++) {
                double[] n = new double[steps + 1];
                for (int t = 0; t <= steps; t++) {
                    n[t] = Norms.of(layer.stateGradient(t)[i]);
                }
                others.put(names.get(i), n);
            }
            layers.add(new GradientFlow.Layer(l, cell.outputIsState(), norms, means, others));
        }
        return new GradientFlow(layers);
    }

    /** The mean of the rows' norms over the sequences whose state t exists (t <= length); NaN if none. */
    private static double meanRowNorm(DMatrixRMaj whole, DMatrixRMaj row, RecurrentLayer layer, int t) {
        int width = whole.numCols;
        double mean = 0;
        int count = 0;
        for (int b = 0; b < whole.numRows; b++) {
            if (t > layer.length(b)) {
                continue;
            }
            System.arraycopy(whole.data, b * width, row.data, 0, width);
            count++;
            // A running mean, so that norms near the top of the double range cannot overflow a sum.
            mean += (Norms.of(row) - mean) / count;
        }
        return count == 0 ? Double.NaN : mean;
    }
}
