package org.rnnlab.experiments.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.diagnostics.JacobianNorms;
import org.rnnlab.diagnostics.LongTermShare;
import org.rnnlab.diagnostics.RecurrentSpectra;

/**
 * Core's diagnostic records as plain maps, lists and numbers, the form Jackson writes. JSON has no
 * NaN or infinity: such a number is written as {@code null}.
 */
public final class DiagnosticsLines {
    private DiagnosticsLines() {
    }

    /** {@code [{"layer": 0, "norms": [T + 1 numbers]}, ...]}: ||dL/dh_t||_F over the batch, t = 0..T. */
    public static List<Object> flow(GradientFlow flow) {
        List<Object> out = new ArrayList<>();
        for (GradientFlow.Layer l : flow.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l.layer());
            m.put("norms", numbers(l.norms()));
            out.add(m);
        }
        return out;
    }

    /** One layer's Jacobian norms by lag 0..T. */
    public static Map<String, Object> jacobian(JacobianNorms j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", j.layer());
        m.put("row", j.row());
        m.put("steps", j.steps());
        m.put("exact", j.exact());
        m.put("probes", j.probes());
        m.put("spectral", numbers(j.spectral()));
        m.put("frobenius", numbers(j.frobenius()));
        return m;
    }

    /** The combined long-term share of every recurrent weight, above each threshold. */
    public static Map<String, Object> longTermShare(LongTermShare share) {
        LongTermShare.Weight all = share.combined();
        int[] thresholds = share.thresholds();
        List<Object> shares = new ArrayList<>();
        for (int t : thresholds) {
            shares.add(finite(all.share(t)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("thresholds", java.util.Arrays.stream(thresholds).boxed().toList());
        m.put("gradientNorm", finite(all.gradientNorm()));
        m.put("shares", shares);
        m.put("lagNorms", numbers(all.lagNorms()));
        return m;
    }

    /** {@code [{"name", "layer", "spectralRadius", "largestSingularValue"}, ...]}, one per block. */
    public static List<Object> spectra(RecurrentSpectra spectra) {
        List<Object> out = new ArrayList<>();
        for (RecurrentSpectra.Block b : spectra.blocks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("layer", b.layer());
            m.put("spectralRadius", finite(b.spectralRadius()));
            m.put("largestSingularValue", finite(b.largestSingularValue()));
            out.add(m);
        }
        return out;
    }

    /** The values, non-finite ones as null. */
    public static List<Double> numbers(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(finite(v));
        }
        return out;
    }

    /** {@code v}, or null if it is NaN or infinite. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
