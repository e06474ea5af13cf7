package org.rnnlab.training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.rnnlab.kernels.Norms;
import org.rnnlab.model.Batch;
import org.rnnlab.model.Bptt;
import org.rnnlab.model.Model;
import org.rnnlab.optim.LearningRateSchedule;
import org.rnnlab.spi.Constraint;
import org.rnnlab.spi.DivergedException;
import org.rnnlab.spi.GradientTransform;
import org.rnnlab.spi.Optimizer;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.Regularizer;
import org.rnnlab.spi.TransformReport;

/**
 * Trains a {@link Model} from plain Java. Each update: zero the gradients, forward and backward
 * (full or truncated BPTT), the listeners' {@link TrainingListener#onGradients}, the regularizers'
 * gradients (full BPTT only), the gradient transforms in order, the optimizer at the scheduled rate,
 * then the cells' own constraints ({@link org.rnnlab.spi.Cell#afterUpdate()}) and the given ones.
 * Held-out evaluation runs on a schedule and can stop the run when solved.
 *
 * <pre>{@code
 * TrainingResult result = Trainer.builder(model, registries.optimizers().create("sgd", Map.of("lr", 0.01)))
 *         .transforms(List.of(registries.gradientTransforms().get("clip_global_norm")))
 *         .budget(Budget.updates(10_000))
 *         .evaluate(every, new Evaluator(heldOut, 4, Metrics.squaredErrorAbove(0.04)), e -> e.errorRate() < 0.01)
 *         .build()
 *         .train(trainingData);
 * }</pre>
 *
 * <p>A non-finite gradient that no transform dealt with, or a non-finite parameter after an update,
 * ends the run as {@link Status#DIVERGED} with a message naming the update and the parameter; the
 * model keeps the last finite-gradient update's values up to that point, never silent garbage.
 */
public final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final List<GradientTransform> transforms;
    private final List<Constraint> constraints;
    private final List<Regularizer> regularizers;
    private final LearningRateSchedule schedule;
    private final int k1;
    private final int k2;
    private final Budget budget;
    private final long evaluateEvery;
    private final Evaluator evaluator;
    private final Predicate<Evaluation> solved;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.transforms = List.copyOf(b.transforms);
        this.constraints = List.copyOf(b.constraints);
        this.regularizers = List.copyOf(b.regularizers);
        this.schedule = b.schedule;
        this.k1 = b.k1;
        this.k2 = b.k2;
        this.budget = b.budget;
        this.evaluateEvery = b.evaluateEvery;
        this.evaluator = b.evaluator;
        this.solved = b.solved;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder(Model model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /** Runs until solved, out of budget or diverged. Batches are read in order from index 0. */
    public TrainingResult train(DataSource data) {
        return new Run(data).run();
    }

    /** One call of {@link #train}: its counters and buffers. */
    private final class Run {
        private final DataSource data;
        private final Bptt bptt = new Bptt(model);
        private final Bptt evaluationBptt = new Bptt(model);
        private final Optimizer.Updater updater;
        private final List<Parameter> parameters = model.parameters();
        private final long start = System.nanoTime();
        private long update;
        private long skipped;
        private double lastLoss = Double.NaN;
        private Evaluation lastEvaluation;
        private Status status;

        Run(DataSource data) {
            this.data = Objects.requireNonNull(data, "data");
            this.updater = optimizer.newUpdater(parameters);
            // Training reads no gradient of the data: skip computing it.
            bptt.setInputGradientsNeeded(false);
        }

        TrainingResult run() {
            String message = "";
            try {
                for (long index = 0; status == null; index++) {
                    Batch batch = data.batch(index);
                    model.zeroGradients();
                    bptt.setStateGradientsKept(stateGradientsRead(update + 1));
                    if (k1 == 0) {
                        finishUpdate(bptt.lossAndGradients(batch));
                    } else {
                        bptt.truncated(batch, k1, k2, (from, to, loss) -> {
                            if (status == null) {
                                finishUpdate(loss);
                            }
                            model.zeroGradients();
                            bptt.setStateGradientsKept(stateGradientsRead(update + 1));
                        });
                    }
                }
            } catch (DivergedException e) {
                status = Status.DIVERGED;
                message = e.getMessage();
            }
            if (status != Status.DIVERGED && evaluator != null
                    && (lastEvaluation == null || lastEvaluation.update() != update)) {
                evaluate();
            }
            TrainingResult result = new TrainingResult(status, update, skipped, lastLoss, lastEvaluation, seconds(), message);
            for (TrainingListener l : listeners) {
                l.onFinish(result);
            }
            return result;
        }

        /** Whether anything reads the state gradients of the given update after its backward pass. */
        private boolean stateGradientsRead(long nextUpdate) {
            if (!regularizers.isEmpty()) {
                return true;
            }
            for (TrainingListener l : listeners) {
                if (l.readsStateGradients(nextUpdate)) {
                    return true;
                }
            }
            return false;
        }

        private void finishUpdate(double loss) {
            update++;
            lastLoss = loss;
            for (TrainingListener l : listeners) {
                l.onGradients(update, bptt);
            }
            // After the listeners, so diagnostics see the loss's own gradient; before the transforms,
            // so clipping bounds the step the penalty takes too.
            double regularization = 0;
            for (Regularizer r : regularizers) {
                regularization += r.addGradient(bptt, update);
            }
            double normBefore = globalNorm();
            boolean clipped = false;
            boolean skip = false;
            for (GradientTransform t : transforms) {
                TransformReport report = t.apply(parameters, update);
                clipped |= report.fired();
                skip |= report.skipUpdate();
                for (TrainingListener l : listeners) {
                    l.onTransform(update, report);
                }
                if (skip) {
                    break;
                }
            }
            double normAfter = skip ? normBefore : globalNorm();
            double rate = schedule.rate(optimizer.learningRate(), update);
            long constrained = 0;
            if (skip) {
                skipped++;
            } else {
                requireFinite(true);
                updater.update(rate);
                constrained += model.afterUpdate();
                for (Constraint c : constraints) {
                    constrained += c.apply(parameters);
                }
                requireFinite(false);
            }
            UpdateMetrics metrics = new UpdateMetrics(update, loss, normBefore, normAfter, rate, clipped, skip,
                    constrained, seconds(), regularization);
            for (TrainingListener l : listeners) {
                l.onUpdate(metrics);
            }
            if (evaluator != null && update % evaluateEvery == 0) {
                if (solved.test(evaluate())) {
                    status = Status.SOLVED;
                    return;
                }
            }
            if (update >= budget.maxUpdates()
                    || (budget.maxWallTime() != null && Duration.ofNanos(System.nanoTime() - start).compareTo(budget.maxWallTime()) >= 0)) {
                status = Status.BUDGET;
            }
        }

        private Evaluation evaluate() {
            lastEvaluation = evaluator.evaluate(evaluationBptt, update);
            for (TrainingListener l : listeners) {
                l.onEvaluation(lastEvaluation);
            }
            return lastEvaluation;
        }

        private double globalNorm() {
            return Norms.global(parameters);
        }

        /** Throws if a gradient (before the step) or a value (after it) is not finite. */
        private void requireFinite(boolean gradients) {
            for (Parameter p : parameters) {
                double[] d = gradients ? p.gradient().data : p.value().data;
                for (int i = 0, n = p.size(); i < n; i++) {
                    if (!Double.isFinite(d[i])) {
                        String name = p.name();
                        throw new DivergedException(update, name, gradients
                                ? "Gradient of " + name + " is not finite at update " + update + " (found " + d[i]
                                        + ") and no gradient transform handled it; the run diverged"
                                : "Parameter " + name + " is not finite after update " + update + " (found " + d[i]
                                        + "); the run diverged");
                    }
                }
            }
        }

        private double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Builds a {@link Trainer}; defaults: no transforms or constraints, constant rate, full BPTT, 1000 updates. */
    public static final class Builder {
        private final Model model;
        private final Optimizer optimizer;
        private final List<GradientTransform> transforms = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final List<Regularizer> regularizers = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private int k1;
        private int k2;
        private Budget budget = Budget.updates(1000);
        private long evaluateEvery;
        private Evaluator evaluator;
        private Predicate<Evaluation> solved = e -> false;

        private Builder(Model model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** Gradient transforms, applied in this order. */
        public Builder transforms(List<GradientTransform> list) {
            transforms.clear();
            transforms.addAll(list);
            return this;
        }

        /** Constraints, applied in this order after each update. */
        public Builder constraints(List<Constraint> list) {
            constraints.clear();
            constraints.addAll(list);
            return this;
        }

        /**
         * Regularizers, whose gradients are added in this order after the listeners' onGradients and
         * before the transforms. Each must accept the model ({@link Regularizer#checkModel}), and they
         * need full BPTT; {@link #build()} refuses otherwise.
         */
        public Builder regularizers(List<Regularizer> list) {
            regularizers.clear();
            regularizers.addAll(list);
            return this;
        }

        public Builder schedule(LearningRateSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /** Truncated BPTT: an update every {@code stepsBetweenUpdates} steps, backpropagated {@code stepsBack} steps. */
        public Builder truncated(int stepsBetweenUpdates, int stepsBack) {
            if (stepsBetweenUpdates < 1 || stepsBack < 1) {
                throw new IllegalArgumentException("k1 and k2 must be >= 1, found k1 " + stepsBetweenUpdates
                        + " and k2 " + stepsBack);
            }
            this.k1 = stepsBetweenUpdates;
            this.k2 = stepsBack;
            return this;
        }

        public Builder budget(Budget b) {
            this.budget = Objects.requireNonNull(b, "budget");
            return this;
        }

        /**
         * Evaluates every {@code every} updates and at the end; stops as solved when {@code stop} holds.
         */
        public Builder evaluate(long every, Evaluator e, Predicate<Evaluation> stop) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, found " + every);
            }
            this.evaluateEvery = every;
            this.evaluator = Objects.requireNonNull(e, "evaluator");
            this.solved = Objects.requireNonNull(stop, "stop");
            return this;
        }

        public Builder listener(TrainingListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * @throws InvalidSpecException if a regularizer cannot handle the model, or regularizers are
         *     combined with truncated BPTT
         */
        public Trainer build() {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < regularizers.size(); i++) {
                Regularizer r = regularizers.get(i);
                r.checkModel(model.spec(), "regularizers[" + i + "]", problems);
                if (k1 != 0) {
                    problems.add("regularizers[" + i + "]: " + r.name() + " needs full BPTT, found truncated BPTT with k1 "
                            + k1 + " and k2 " + k2 + " (after a segment only its own steps have dL/dh_t); drop the"
                            + " truncation or the regularizer");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidSpecException(problems);
            }
            return new Trainer(this);
        }
    }
}
