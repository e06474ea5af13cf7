package org.rnnlab.experiments.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.rnnlab.diagnostics.Diagnostics;
import org.rnnlab.diagnostics.GradientFlow;
import org.rnnlab.diagnostics.JacobianNorms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;

/**
 * How the gradient decays with the lag for one model on one batch, without training: one forward and
 * backward pass, then ||dL/dh_t|| of every layer (read against the lag T - t) and the norms of the
 * Jacobian products dh_T/dh_{T-lag} of sequence 0 in every layer. What {@code rnnlab diagnose}
 * measures for each value of its grid.
 *
 * @param label what varied, for legends: the grid's value, or "model"
 * @param loss the batch's loss
 * @param steps T
 * @param flow the gradient flow
 * @param jacobians one entry per layer
 */
public record GradientDecay(String label, double loss, int steps, GradientFlow flow, List<JacobianNorms> jacobians) {

    /**
     * Measures; the model's gradients are zeroed first and hold the batch's gradient after.
     *
     * @param batch with targets. Not modified.
     * @param random the directions of estimated Jacobian norms (hidden size above
     *     {@value Diagnostics#EXACT_JACOBIAN_MAX_HIDDEN})
     */
    public static GradientDecay measure(String label, Model model, Batch batch, RandomGenerator random) {
        Bptt bptt = new Bptt(model);
        model.zeroGradients();
        double loss = bptt.lossAndGradients(batch);
        GradientFlow flow = Diagnostics.gradientFlow(bptt);
        List<JacobianNorms> jacobians = new ArrayList<>();
        for (int layer = 0; layer < model.cells().size(); layer++) {
            jacobians.add(Diagnostics.jacobianNorms(bptt, layer, 0, random));
        }
        return new GradientDecay(label, loss, batch.steps(), flow, jacobians);
    }

    /** ||dL/dh_t|| of {@code layer} by lag: entry k is ||dL/dh_{T-k}||, k = 0..T. */
    public double[] flowByLag(int layer) {
        double[] norms = flow.layers().get(layer).norms();
        double[] out = new double[norms.length];
        for (int k = 0; k < norms.length; k++) {
            out[k] = norms[norms.length - 1 - k];
        }
        return out;
    }

    /** As JSON: label, loss, steps, flowByLag per layer, jacobians per layer. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("loss", DiagnosticsLines.finite(loss));
        m.put("steps", steps);
        List<Object> byLag = new ArrayList<>();
        for (int l = 0; l < flow.layers().size(); l++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l);
            layer.put("normsByLag", DiagnosticsLines.numbers(flowByLag(l)));
            byLag.add(layer);
        }
        m.put("flow", byLag);
        m.put("jacobians", jacobians.stream().map(j -> (Object) DiagnosticsLines.jacobian(j)).toList());
        return m;
    }
}
