package org.rnnlab.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rnnlab.initializers.MatrixAssertions.assertDrawnFrom;
import static org.rnnlab.initializers.MatrixAssertions.assertRefuses;
import static org.rnnlab.initializers.MatrixAssertions.assertWithinAndReaching;
import static org.rnnlab.initializers.MatrixAssertions.block;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.rnnlab.params.InvalidSpecException;
import org.rnnlab.params.PluginRef;
import org.rnnlab.spi.InitContext;
import org.rnnlab.spi.Initializer;
import org.rnnlab.spi.Parameter;
import org.rnnlab.spi.ParameterRole;
import org.rnnlab.testkit.InitializerContractTest;

class ChronoInitializerTest extends InitializerContractTest {
    private static final String[] LSTM = {"input", "forget", "cell", "output"};
    private static final String[] GRU = {"reset", "update", "new"};
    /** The default T_max. */
    private static final int MAX_LENGTH = 100;

    private static final String NEEDS = "chrono needs a bias vector whose gate blocks are named"
            + " [input, forget, cell, output] (LSTM) or [reset, update, new] (GRU), found ";

    @Override
    protected Initializer createInitializer() {
        return new ChronoInitializer();
    }

    /** LSTM and GRU biases, one with its gates in another order; and gated tensors chrono must refuse. */
    @Override
    protected List<Shape> shapes() {
        return plus(super.shapes(),
                Shape.gatedVector(4 * 5, 4).withGateNames(LSTM),
                Shape.gatedVector(4 * 2, 4).withGateNames("output", "cell", "forget", "input"),
                Shape.gatedVector(3 * 6, 3).withGateNames(GRU),
                Shape.gated(4 * 5, 5, 4).withGateNames(LSTM),
                Shape.gatedVector(2 * 5, 2).withGateNames("input", "forget"),
                Shape.gatedVector(5, 1).withGateNames("forget"));
    }

    /** Only a bias vector named as an LSTM's or a GRU's. */
    @Override
    protected boolean supports(Shape shape) {
        List<String> names = shape.gateNames();
        return shape.vector() && (names.size() == 4 && names.containsAll(List.of(LSTM))
                || names.size() == 3 && names.containsAll(List.of(GRU)));
    }

    @Override
    protected List<Shape> statisticsShapes() {
        return plus(super.statisticsShapes(),
                Shape.gatedVector(4 * 16384, 4).withGateNames(LSTM),
                Shape.gatedVector(3 * 16384, 3).withGateNames(GRU));
    }

    @Override
    protected void checkStatistics(DMatrixRMaj filled, InitContext context) {
        boolean lstm = context.gateIndex("forget") >= 0;
        DMatrixRMaj kept = block(filled, context.gates(), context.gateIndex(lstm ? "forget" : "update"));
        DMatrixRMaj timeConstants = kept.copy();
        for (int j = 0; j < kept.getNumElements(); j++) {
            timeConstants.data[j] = Math.exp(kept.data[j]);
        }
        assertWithinAndReaching(timeConstants, 1, MAX_LENGTH - 1);
        assertDrawnFrom(timeConstants, MatrixAssertions.Law.UNIFORM, MAX_LENGTH / 2.0, (MAX_LENGTH - 2) / Math.sqrt(12));
        for (int g = 0; g < context.gates(); g++) {
            String gate = context.gateNames().get(g);
            DMatrixRMaj values = block(filled, context.gates(), g);
            for (int j = 0; j < values.getNumElements(); j++) {
                double expected = switch (gate) {
                    case "forget", "update" -> kept.data[j];
                    case "input" -> -kept.data[j];
                    default -> 0;
                };
                assertThat(values.data[j]).as("%s gate, unit %d", gate, j).isEqualTo(expected);
            }
        }
    }

    @Test
    void lstmForgetBiasIsTheLogOfAUniformTimeConstantAndTheInputBiasItsNegative() {
        DMatrixRMaj bias = new DMatrixRMaj(4 * 3, 1);
        // T_max = 10: U[1, 9] is 1 + 8u, so u = 1/8, 1/4, 1/2 give time constants 2, 3 and 5.
        FixedDraws draws = new FixedDraws(0.125, 0.25, 0.5);
        configured(Map.of("maxLength", 10)).initialize(bias, lstmBias("bias_ih", 3), draws);
        double l2 = Math.log(2);
        double l3 = Math.log(3);
        double l5 = Math.log(5);
        assertThat(bias.data).containsExactly(
                -l2, -l3, -l5,
                l2, l3, l5,
                0, 0, 0,
                0, 0, 0);
        assertThat(draws.drawn()).as("one draw per unit").isEqualTo(3);
    }

    @Test
    void gatesAreFoundByNameNotByPosition() {
        DMatrixRMaj bias = new DMatrixRMaj(4 * 2, 1);
        InitContext context = new InitContext(ParameterRole.BIAS, 4, true, "bias_ih",
                List.of("output", "forget", "input", "cell"), 0, 1);
        configured(Map.of("maxLength", 10)).initialize(bias, context, new FixedDraws(0.125, 0.5));
        assertThat(bias.data).containsExactly(
                0, 0,
                Math.log(2), Math.log(5),
                -Math.log(2), -Math.log(5),
                0, 0);
    }

    @Test
    void gruUpdateGateGetsTheLogOfAUniformTimeConstantAndTheOtherGatesZero() {
        DMatrixRMaj bias = new DMatrixRMaj(3 * 2, 1);
        InitContext context = new InitContext(ParameterRole.BIAS, 3, true, "bias_ih", List.of(GRU), 0, 1);
        configured(Map.of("maxLength", 10)).initialize(bias, context, new FixedDraws(0.25, 0.5));
        assertThat(bias.data).containsExactly(
                0, 0,
                Math.log(3), Math.log(5),
                0, 0);
    }

    @Test
    void biasHhIsAllZerosSoTheSumOfBothBiasesIsTheChronoBias() {
        Parameter ih = Parameter.gatedVector("bias_ih", ParameterRole.BIAS, List.of(LSTM), 4 * 64, PluginRef.of("zeros"));
        Parameter hh = Parameter.gatedVector("bias_hh", ParameterRole.BIAS, List.of(LSTM), 4 * 64, PluginRef.of("zeros"));
        java.util.Arrays.fill(hh.value().data, Double.NaN);
        Initializer chrono = createInitializer();
        chrono.initialize(ih.value(), ih.initContext(0, 2), random(SEED));
        chrono.initialize(hh.value(), hh.initContext(0, 2), random(SEED));
        assertThat(hh.value().data).containsOnly(0.0);
        DMatrixRMaj sum = ih.value().copy();
        for (int i = 0; i < sum.getNumElements(); i++) {
            sum.data[i] += hh.value().data[i];
        }
        checkStatistics(sum, ih.initContext());

        // Only a name ending in _hh is zeroed: an unnamed or differently named bias gets the gates.
        DMatrixRMaj unnamed = fill(chrono, Shape.gatedVector(4 * 64, 4).withGateNames(LSTM), SEED);
        assertThat(unnamed.data).isEqualTo(ih.value().data);
    }

    @Test
    void timeConstantsCoverTheConfiguredRange() {
        DMatrixRMaj bias = fill(configured(Map.of("maxLength", 1000)), Shape.gatedVector(3 * 65536, 3).withGateNames(GRU),
                SEED);
        DMatrixRMaj update = block(bias, 3, 1);
        DMatrixRMaj timeConstants = update.copy();
        for (int j = 0; j < update.getNumElements(); j++) {
            timeConstants.data[j] = Math.exp(update.data[j]);
        }
        assertWithinAndReaching(timeConstants, 1, 999);
        assertDrawnFrom(timeConstants, MatrixAssertions.Law.UNIFORM, 500, 998 / Math.sqrt(12));
        // E[log X] for X ~ U[1, 999] is (999 ln 999 - 998) / 998 = 5.91; log X has a standard deviation
        // near 1, so over 65536 units the sample mean's standard error is about 0.004.
        double mean = java.util.Arrays.stream(update.data).average().orElseThrow();
        assertThat(mean).isCloseTo((999 * Math.log(999) - 998) / 998, within(0.03));
    }

    @Test
    void refusesTensorsWithoutTheGateNamesItNeedsSayingWhichItFound() {
        Initializer chrono = createInitializer();
        assertRefuses(chrono, new DMatrixRMaj(20, 5),
                new InitContext(ParameterRole.RECURRENT_WEIGHT, 4, false, "weight_hh", List.of(LSTM), 0, 1),
                NEEDS + "a matrix 20x5 with gate names [input, forget, cell, output]");
        assertRefuses(chrono, new DMatrixRMaj(9, 1), InitContext.vectorOf(ParameterRole.BIAS),
                NEEDS + "a vector [9] with no gate names");
        assertRefuses(chrono, new DMatrixRMaj(20, 1), new InitContext(ParameterRole.BIAS, 4, true),
                NEEDS + "a vector [20] with no gate names");
        assertRefuses(chrono, new DMatrixRMaj(10, 1),
                new InitContext(ParameterRole.BIAS, 2, true, "bias", List.of("forget", "candidate"), 0, 1),
                NEEDS + "a vector [10] with gate names [forget, candidate]");
        assertRefuses(chrono, new DMatrixRMaj(20, 1),
                new InitContext(ParameterRole.BIAS, 4, true, "bias_ih", List.of("input", "forget", "cell", "gate"), 0, 1),
                NEEDS + "a vector [20] with gate names [input, forget, cell, gate]");
    }

    @Test
    void refusesOneGateBlockOnItsOwnAndSaysToGiveItTheWholeBias() {
        // What Model passes for an init key such as "bias_ih.forget".
        assertRefuses(createInitializer(), new DMatrixRMaj(5, 1),
                new InitContext(ParameterRole.BIAS, 1, true, "bias_ih", List.of("forget"), 0, 1),
                NEEDS + "a vector [5] with gate names [forget]; chrono sets several gates together, so give it the"
                        + " whole bias (init key \"bias\" or the parameter's name), not one gate");
    }

    @Test
    void refusesAMaxLengthThatLeavesNoRange() {
        assertThatThrownBy(() -> configured(Map.of("maxLength", 2)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("chrono.maxLength must be > 2, found 2");
        assertThatThrownBy(() -> configured(Map.of("maxLength", 50.5)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("chrono.maxLength must be a whole number, found 50.5");
        DMatrixRMaj bias = new DMatrixRMaj(4, 1);
        configured(Map.of("maxLength", 3)).initialize(bias, lstmBias("bias_ih", 1), new FixedDraws(0.999));
        assertThat(Math.exp(bias.data[1])).as("T_max = 3 allows time constants in [1, 2]").isBetween(1.0, 2.0);
    }

    private static InitContext lstmBias(String parameter, int hidden) {
        return Parameter.gatedVector(parameter, ParameterRole.BIAS, List.of(LSTM), 4 * hidden, PluginRef.of("zeros"))
                .initContext();
    }
}
