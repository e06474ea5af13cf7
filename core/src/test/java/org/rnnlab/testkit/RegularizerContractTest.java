package org.rnnlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Loss;
import org.rnnlab.model.Model;
import org.rnnlab.model.ModelSpec;
import org.rnnlab.model.ReadAt;
import org.rnnlab.random.RandomStreams;
import org.rnnlab.registry.Registries;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.training.Budget;
import org.rnnlab.training.Status;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingListener;
import org.rnnlab.training.TrainingResult;
import org.rnnlab.training.UpdateMetrics;

/**
 * The contract every {@link Regularizer} plugin passes. A regularizer's test subclasses this and
 * supplies the configured plugin, a model it supports ({@link #registries()}, {@link #modelSpec()},
 * {@link #initialize}), the batches to run it on ({@link #batches()}, by default two of the model's
 * shape) and its <em>frozen penalty</em> ({@link #frozenPenalty}): the weighted penalty α Ω as a
 * function of the model's parameter values, with whatever the regularizer holds fixed (for Pascanu et
 * al.'s Ω, δ_t and f'(z_t)) taken from one backward pass. On every batch:
 *
 * <ul>
 *   <li>{@link Regularizer#checkModel} accepts the model;
 *   <li>{@link Regularizer#addGradient} leaves parameter values untouched;
 *   <li>it adds to the gradients: gradients G before the call become G + g, where g is what it adds to
 *       zero gradients;
 *   <li>the value it returns is finite and non-negative;
 *   <li>the same backward pass twice gives bit-identical gradients and value;
 *   <li>g is the gradient of the frozen penalty (central differences, 1e-6 relative, every parameter,
 *       zero for those the penalty does not depend on), and the value returned is the frozen penalty
 *       at the current values (1e-10 relative);
 *   <li>a short {@link Trainer} run with the regularizer stays finite and is bit-identical twice;
 *   <li>name, description and parameters are well formed and survive a round trip;
 *   <li>the plugin is discovered by {@link java.util.ServiceLoader} under its name.
 * </ul>
 *
 * <p>A check that cannot apply to a regularizer is skipped by overriding it with a comment saying why.
 */
public abstract class RegularizerContractTest {

    /** The regularizer under test, configured as this test wants it. */
    protected abstract Regularizer createRegularizer();

    /** The plugins the test model is built from. */
    protected abstract Registries registries();

    /** A model the regularizer supports: {@link #checkModel()} expects no problem with it. */
    protected abstract ModelSpec modelSpec();

    /**
     * The weighted penalty α Ω the regularizer stands for, frozen at {@code bptt}'s backward pass: what
     * {@link Regularizer#addGradient} would return, as a function of the parameter values alone.
     * Called after {@link Bptt#lossAndGradients} and before {@code addGradient}. Whatever the
     * regularizer treats as constant (δ_t, f'(z_t), ...) is to be computed here, from the values as they
     * are now; the supplier returned is then called with the values perturbed one element at a time,
     * and must read the parameters from {@code bptt.model()} at each call.
     */
    protected abstract DoubleSupplier frozenPenalty(Bptt bptt);

    /** Draws every parameter of a test model; the default is uniform in [-0.5, 0.5). */
    protected void initialize(Model model, RandomGenerator random) {
        ModelFixtures.uniform(model, random);
    }

    /**
     * The batches every check runs on. The default: two batches of {@link ModelFixtures#STEPS} steps of
     * {@link ModelFixtures#BATCH} sequences shaped for {@link #modelSpec()}, the first of full length,
     * the second of mixed lengths.
     */
    protected List<Batch> batches() {
        return List.of(batch(41, null), batch(42, new int[] {ModelFixtures.STEPS, 2, 4}));
    }

    /** Relative error allowed between the added gradient and central differences of the frozen penalty. */
    protected double gradientTolerance() {
        return 1e-6;
    }

    /** How many updates the training check takes. */
    protected int trainingUpdates() {
        return 5;
    }

    private static final long UPDATE = 1;

    /** A new test model, its parameters drawn by {@link #initialize} from stream "params" of seed 1. */
    protected final Model model() {
        Model model = Model.uninitialized(modelSpec(), registries());
        initialize(model, new RandomStreams(1).stream("params"));
        return model;
    }

    /** A batch shaped for {@link #modelSpec()}: inputs from {@code seed}, targets or classes from {@code seed + 1}. */
    protected final Batch batch(long seed, int[] lengths) {
        ModelSpec spec = modelSpec();
        int steps = ModelFixtures.STEPS;
        int batch = ModelFixtures.BATCH;
        DMatrixRMaj[] inputs = ModelFixtures.inputs(seed, steps, batch, spec.inputSize());
        int scored = spec.readAt() == ReadAt.LAST ? 1 : steps;
        RandomGenerator random = new RandomStreams(seed + 1).stream("targets");
        if (spec.loss() == Loss.CROSS_ENTROPY) {
            int[][] classes = new int[scored][batch];
            for (int[] row : classes) {
                for (int b = 0; b < batch; b++) {
                    row[b] = random.nextInt(spec.outputSize());
                }
            }
            return Batch.classification(inputs, lengths, classes);
        }
        DMatrixRMaj[] targets = new DMatrixRMaj[scored];
        for (int t = 0; t < scored; t++) {
            targets[t] = new DMatrixRMaj(batch, spec.outputSize());
            for (int i = 0; i < targets[t].data.length; i++) {
                targets[t].data[i] = random.nextGaussian();
            }
        }
        return Batch.regression(inputs, lengths, targets);
    }

    /** A fresh model after a full backward pass on {@code batch}: its gradients hold dL/dθ. */
    private Bptt backward(Model model, Batch batch) {
        Bptt bptt = new Bptt(model);
        model.zeroGradients();
        bptt.lossAndGradients(batch);
        return bptt;
    }

    /** What the regularizer adds to zero gradients after {@code bptt}'s pass, and the value it returns. */
    private static double addToZeroGradients(Regularizer regularizer, Bptt bptt) {
        bptt.model().zeroGradients();
        return regularizer.addGradient(bptt, UPDATE);
    }

    private static void setGradients(List<Parameter> parameters, double[][] gradients) {
        for (int k = 0; k < gradients.length; k++) {
            System.arraycopy(gradients[k], 0, parameters.get(k).gradient().data, 0, gradients[k].length);
        }
    }

    @Test
    public void checkModel() {
        Regularizer regularizer = createRegularizer();
        List<String> problems = new ArrayList<>();
        regularizer.checkModel(modelSpec(), "regularizers[0]", problems);
        assertThat(problems).as("problems %s finds with the contract's model", regularizer.name()).isEmpty();
    }

    @Test
    public void valuesAreNotModified() {
        Regularizer regularizer = createRegularizer();
        Model model = model();
        List<Parameter> parameters = model.parameters();
        for (Batch batch : batches()) {
            Bptt bptt = backward(model, batch);
            double[][] before = ParameterFixtures.values(parameters);
            regularizer.addGradient(bptt, UPDATE);
            ParameterFixtures.assertBitIdentical("values after addGradient", parameters,
                    ParameterFixtures.values(parameters), before);
        }
    }

    @Test
    public void addsToTheGradients() {
        Regularizer regularizer = createRegularizer();
        Model model = model();
        List<Parameter> parameters = model.parameters();
        for (Batch batch : batches()) {
            Bptt bptt = backward(model, batch);
            double[][] lossGradients = ParameterFixtures.gradients(parameters);
            addToZeroGradients(regularizer, bptt);
            double[][] added = ParameterFixtures.gradients(parameters);
            setGradients(parameters, lossGradients);
            regularizer.addGradient(bptt, UPDATE);
            for (int k = 0; k < parameters.size(); k++) {
                double[] sum = parameters.get(k).gradient().data;
                for (int i = 0; i < sum.length; i++) {
                    double expected = lossGradients[k][i] + added[k][i];
                    // One rounding of G + g, or a few if the regularizer adds its terms one by one.
                    double allowed = 1e-12 * (Math.abs(lossGradients[k][i]) + Math.abs(added[k][i]));
                    if (!(Math.abs(sum[i] - expected) <= allowed)) {
                        fail("gradient G + g: element " + i + " of " + parameters.get(k).name() + " is " + sum[i]
                                + ", expected " + expected + " (G " + lossGradients[k][i] + " from the loss, g "
                                + added[k][i] + " added to zero gradients)");
                    }
                }
            }
        }
    }

    @Test
    public void valueIsFiniteAndNonNegative() {
        Regularizer regularizer = createRegularizer();
        Model model = model();
        List<Batch> batches = batches();
        for (int i = 0; i < batches.size(); i++) {
            double value = regularizer.addGradient(backward(model, batches.get(i)), UPDATE);
            assertThat(value).as("value addGradient returns on batch %d", i).isFinite().isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    public void deterministic() {
        // One instance twice: a configured regularizer is immutable, so a first call cannot change the second.
        Regularizer regularizer = createRegularizer();
        Model model = model();
        List<Parameter> parameters = model.parameters();
        for (Batch batch : batches()) {
            Bptt bptt = backward(model, batch);
            double first = addToZeroGradients(regularizer, bptt);
            double[][] gradients = ParameterFixtures.gradients(parameters);
            double second = addToZeroGradients(regularizer, bptt);
            ParameterFixtures.assertBitIdentical("gradients added twice after the same pass", parameters,
                    ParameterFixtures.gradients(parameters), gradients);
            assertThat(Double.doubleToRawLongBits(second)).as("bits of the value returned twice after the same pass: %s then %s",
                    first, second).isEqualTo(Double.doubleToRawLongBits(first));
        }
    }

    @Test
    public void gradientIsThatOfTheFrozenPenalty() {
        Regularizer regularizer = createRegularizer();
        Model model = model();
        List<Batch> batches = batches();
        for (int b = 0; b < batches.size(); b++) {
            Bptt bptt = backward(model, batches.get(b));
            DoubleSupplier penalty = frozenPenalty(bptt);
            double value = addToZeroGradients(regularizer, bptt);
            double expected = penalty.getAsDouble();
            assertThat(value).as("value addGradient returns on batch %d, against the frozen penalty", b)
                    .isCloseTo(expected, within(1e-10 * Math.max(Math.abs(expected), 1e-12)));
            List<String> failures = new ArrayList<>();
            double largest = 0;
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                DMatrixRMaj added = e.getValue().gradient();
                for (double g : added.data) {
                    largest = Math.max(largest, Math.abs(g));
                }
                String f = FiniteDifferences.check(e.getKey(), added.copy(), e.getValue().value(), penalty, gradientTolerance());
                if (f != null) {
                    failures.add(f);
                }
            }
            assertThat(failures).as("parameters on batch %d whose added gradient disagrees with central differences"
                    + " of the frozen penalty", b).isEmpty();
            // A penalty flat at the test model would make the comparison prove nothing.
            assertThat(largest).as("largest element of the gradient added on batch %d; choose a model or batches where"
                    + " the penalty is not flat", b).isGreaterThan(1e-6);
        }
    }

    @Test
    public void trainsFiniteAndReproducibly() {
        List<UpdateMetrics> first = new ArrayList<>();
        List<UpdateMetrics> second = new ArrayList<>();
        Model a = model();
        Model b = model();
        train(a, first);
        train(b, second);
        for (Parameter p : a.parameters()) {
            for (double d : p.value().data) {
                assertThat(d).as("a value of %s after %d updates", p.name(), trainingUpdates()).isFinite();
            }
        }
        for (int i = 0; i < first.size(); i++) {
            UpdateMetrics m = first.get(i);
            assertThat(m.regularization()).as("regularization at update %d", m.update()).isFinite();
            // Wall time is the one field that may differ.
            UpdateMetrics n = second.get(i);
            assertThat(List.of(n.loss(), n.regularization(), n.gradientNormBefore(), n.gradientNormAfter()))
                    .as("loss, regularization and gradient norms at update %d of the same run twice", m.update())
                    .isEqualTo(List.of(m.loss(), m.regularization(), m.gradientNormBefore(), m.gradientNormAfter()));
        }
        ParameterFixtures.assertBitIdentical("values after the same run twice", a.parameters(),
                ParameterFixtures.values(b.parameters()), ParameterFixtures.values(a.parameters()));
    }

    /** A few SGD updates on {@link #batches()} in turn, each update's metrics added to {@code metrics}. */
    private void train(Model model, List<UpdateMetrics> metrics) {
        List<Batch> batches = batches();
        TrainingResult result = Trainer.builder(model, Registries.standard().optimizers().create("sgd", Map.of("lr", 0.01)))
                .regularizers(List.of(createRegularizer()))
                .budget(Budget.updates(trainingUpdates()))
                .listener(new TrainingListener() {
                    @Override
                    public void onUpdate(UpdateMetrics m) {
                        metrics.add(m);
                    }
                })
                .build()
                .train(index -> batches.get((int) (index % batches.size())));
        assertThat(result.status()).as("status of %d updates with the regularizer (%s)", trainingUpdates(), result.message())
                .isEqualTo(Status.BUDGET);
        assertThat(metrics).as("updates heard").hasSize(trainingUpdates());
    }

    @Test
    public void nameDescriptionAndParams() {
        PluginChecks.nameDescriptionAndParams(createRegularizer());
    }

    @Test
    public void discoveredByServiceLoader() {
        PluginChecks.discovered(createRegularizer(), Registries.standard().regularizers());
    }
}
