package org.rnnlab.experiments.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.rnnlab.experiments.diagnostics.GradientDecay;

/**
 * The figures of {@code rnnlab diagnose}, one line per measured model (grid value), log scale:
 * {@value #FLOW}, ||dL/dh_t|| of layer 0 against the lag T - t; {@value #JACOBIAN}, the spectral
 * norm of dh_T/dh_{T-lag} of layer 0 against the lag.
 */
public final class DecayPlots {
    public static final String FLOW = "decay-flow";
    public static final String JACOBIAN = "decay-jacobian";

    private DecayPlots() {
    }

    /** Writes both figures into {@code directory}; returns the files' names. */
    public static List<String> write(List<GradientDecay> decays, String what, Path directory) throws IOException {
        XYChart flow = Figures.lines("||dL/dh_t|| against the lag at initialization" + what, "lag T - t (steps)", "");
        XYChart jacobian = Figures.lines("Jacobian norm ||dh_T/dh_(T-lag)||_2 at initialization" + what,
                "lag (steps)", "");
        List<String> names = new ArrayList<>();
        List<double[]> flowX = new ArrayList<>();
        List<double[]> flowY = new ArrayList<>();
        List<double[]> jacobianX = new ArrayList<>();
        List<double[]> jacobianY = new ArrayList<>();
        for (GradientDecay d : decays) {
            names.add(d.label());
            double[] byLag = d.flowByLag(0);
            flowX.add(lags(byLag.length));
            flowY.add(byLag);
            double[] spectral = d.jacobians().get(0).spectral();
            jacobianX.add(lags(spectral.length));
            jacobianY.add(spectral);
        }
        if (!Figures.logLines(flow, "||dL/dh_t||_F of layer 0 over the batch", names, flowX, flowY)) {
            Figures.horizontal(flow, "no positive norm", 0, 1, 1);
        }
        if (!Figures.logLines(jacobian, "spectral norm, layer 0, sequence 0", names, jacobianX, jacobianY)) {
            Figures.horizontal(jacobian, "no positive norm", 0, 1, 1);
        }
        List<String> files = new ArrayList<>(Figures.save(flow, directory, FLOW));
        files.addAll(Figures.save(jacobian, directory, JACOBIAN));
        return files;
    }

    private static double[] lags(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
